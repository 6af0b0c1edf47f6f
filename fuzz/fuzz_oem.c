/* SPDX-License-Identifier: MIT */
/* Fuzz target: CCSDS OEM messages (interf_oem_read), from memory. A message read must keep the
 * reader's promises (each segment holds enough data for its interpolation, its usable span is
 * not empty) and answer a query at the middle of each usable span; a failure leaves nothing
 * allocated and says one line naming the source. */
#include "fuzz.h"

#include <string.h>

#include "interf/orbit.h"

static void check_segment(const struct interf_oem *oem, size_t i)
{
    struct interf_oem_segment_info info;
    struct interf_error err = {0, ""};
    fuzz_check(interf_oem_segment(oem, i, &info, &err) == INTERF_OK);
    fuzz_check(info.object_name[0] != '\0' && info.n_states >= 2);
    fuzz_check(info.interpolation_degree >= 1 && info.interpolation_degree <= 32);
    double span = interf_jd_diff_s(&info.use_start_utc, &info.use_stop_utc);
    fuzz_check(span >= 0);
    struct interf_jd mid = {info.use_start_utc.d1,
                            info.use_start_utc.d2 + 0.5 * (info.use_stop_utc.d1 -
                                                           info.use_start_utc.d1 +
                                                           info.use_stop_utc.d2 -
                                                           info.use_start_utc.d2)};
    double r[3], v[3], ri[3], vi[3];
    enum interf_status st = interf_oem_state(oem, info.object_name, &mid, NULL, r, v, ri, vi,
                                             &err);
    /* a TT or TDB message before 1960 has no UTC to be asked in */
    fuzz_check(st == INTERF_OK || (st == INTERF_EINPUT && fuzz_msg_ok(err.msg, "fuzz.oem")));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *fp = fuzz_stream(data, size);
    if (!fp)
        return 0;
    struct interf_oem *oem = NULL;
    struct interf_error err = {0, ""};
    enum interf_status st = interf_oem_read(fp, "fuzz.oem", &oem, &err);
    fclose(fp);
    if (st == INTERF_OK) {
        size_t n = interf_oem_segment_count(oem);
        fuzz_check(n >= 1);
        for (size_t i = 0; i < n; i++)
            check_segment(oem, i);
        const char *notes = interf_oem_notes(oem);
        fuzz_check(notes[0] == '\0' || strncmp(notes, "fuzz.oem:", 9) == 0);
    } else {
        fuzz_check(oem == NULL && fuzz_msg_ok(err.msg, "fuzz.oem"));
    }
    interf_oem_destroy(oem);
    return 0;
}
