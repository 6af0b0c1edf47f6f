/* SPDX-License-Identifier: MIT */
/* Fuzz target: ESRI ASCII grids (interf_grid_read_asc), from memory. A grid read is checked
 * (spec valid, values finite or NaN), written back and read again: the round trip must give
 * the same geometry and values (17 decimals keep every double). */
#include "fuzz.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interf.h"

static void round_trip(const struct interf_grid *g)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem)
        return;
    struct interf_error err = {0, ""};
    enum interf_status st = interf_grid_write_asc(mem, g, 17, &err);
    fclose(mem);
    if (st == INTERF_OK) {
        FILE *fp = fuzz_stream((const uint8_t *)text, len);
        struct interf_grid *g2 = NULL;
        fuzz_check(fp != NULL);
        fuzz_check(interf_grid_read_asc(fp, "again", &g2, &err) == INTERF_OK);
        fclose(fp);
        fuzz_check(g2->spec.ncols == g->spec.ncols && g2->spec.nrows == g->spec.nrows);
        size_t n = g->spec.ncols * g->spec.nrows;
        for (size_t k = 0; k < n; k++)
            fuzz_check(isnan(g->values[k]) ? isnan(g2->values[k])
                                           : g2->values[k] == g->values[k]);
        interf_grid_destroy(g2);
    } else {
        /* Only a value that would print as the NODATA marker may be refused. */
        fuzz_check(st == INTERF_EINPUT && strstr(err.msg, "row") != NULL);
    }
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *fp = fuzz_stream(data, size);
    if (!fp)
        return 0;
    struct interf_grid *g = NULL;
    struct interf_error err = {0, ""};
    enum interf_status st = interf_grid_read_asc(fp, "fuzz.asc", &g, &err);
    fclose(fp);
    if (st != INTERF_OK) {
        fuzz_check(g == NULL && fuzz_msg_ok(err.msg, "fuzz.asc"));
        return 0;
    }
    fuzz_check(interf_grid_spec_check(&g->spec, NULL) == INTERF_OK);
    size_t n = g->spec.ncols * g->spec.nrows;
    for (size_t k = 0; k < n; k++)
        fuzz_check(!isinf(g->values[k]));
    double lo, hi;
    size_t counted = interf_grid_minmax(g, -INFINITY, &lo, &hi);
    fuzz_check(counted <= n && (counted == 0 || lo <= hi));
    round_trip(g);
    interf_grid_destroy(g);
    return 0;
}
