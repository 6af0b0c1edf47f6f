/* SPDX-License-Identifier: MIT */
/* Fuzz target: CDF tables (interf_cdf_read), from memory. Every CDF read must keep the reader's
 * promises (levels one 0.1 dB step apart and increasing, percentages in [0, 100] not
 * increasing), answer the two look-ups, and survive a write and read back with the same
 * levels. */
#include "fuzz.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interf.h"

static void check_cdf(const struct interf_cdf *c)
{
    fuzz_check(c->quantity[0] != '\0' && c->n_meta <= INTERF_CDF_MAXMETA);
    for (size_t k = 0; k < c->n; k++) {
        fuzz_check(c->pct_exceeded[k] >= 0 && c->pct_exceeded[k] <= 100);
        if (k) {
            fuzz_check(c->level_tenths[k] == c->level_tenths[k - 1] + 1);
            fuzz_check(c->pct_exceeded[k] <= c->pct_exceeded[k - 1] + 1e-9);
        }
    }
    if (c->n) {
        double p = interf_cdf_exceeded_at(c, c->level_tenths[0]);
        fuzz_check(p >= 0 && p <= 100);
        (void)interf_cdf_level_at(c, 50.0);
        (void)interf_cdf_level_at(c, 0.0);
    }
}

static void round_trip(const struct interf_cdf *c)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem)
        return;
    struct interf_error err = {0, ""};
    enum interf_status st = interf_cdf_write(mem, c, &err);
    fclose(mem);
    fuzz_check(st == INTERF_OK);
    FILE *fp = fuzz_stream((const uint8_t *)text, len);
    struct interf_cdf *again = NULL;
    size_t n = 0;
    fuzz_check(fp != NULL);
    st = interf_cdf_read(fp, "again", &again, &n, &err);
    fclose(fp);
    if (st != INTERF_OK)
        fprintf(stderr, "%s\n--- written:\n%s", err.msg, text);
    fuzz_check(st == INTERF_OK && n == 1 && again[0].n == c->n);
    for (size_t k = 0; k < c->n; k++)
        fuzz_check(again[0].level_tenths[k] == c->level_tenths[k]);
    interf_cdf_free_all(again, n);
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *fp = fuzz_stream(data, size);
    if (!fp)
        return 0;
    struct interf_cdf *cdfs = NULL;
    size_t n = 0;
    struct interf_error err = {0, ""};
    enum interf_status st = interf_cdf_read(fp, "fuzz.cdf", &cdfs, &n, &err);
    fclose(fp);
    if (st != INTERF_OK) {
        fuzz_check(cdfs == NULL && n == 0 && fuzz_msg_ok(err.msg, "fuzz.cdf"));
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        check_cdf(&cdfs[i]);
        round_trip(&cdfs[i]);
    }
    interf_cdf_free_all(cdfs, n);
    return 0;
}
