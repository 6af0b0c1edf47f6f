/* SPDX-License-Identifier: MIT */
/* Fuzz target: tabulated antenna patterns (the "table" pattern's file, read by
 * libinterf/antenna/tabulated.c through interf_antenna_init_file). The input is written to
 * pattern.txt in a fresh folder of $TMPDIR or /tmp, removed after each run. A pattern read must
 * give a finite gain everywhere (it interpolates finite values), its peak at least every
 * sampled gain, and a lookup table of a 1-D pattern must build from it (inputs whose size is a
 * multiple of 8). */
#include "fuzz.h"

#include <math.h>
#include <stdio.h>

#include "interf.h"

static void check_pattern(const struct interf_antenna *ant, int with_lut)
{
    fuzz_check(ant->gain_max_dbi <= 100);
    static const double phi[] = {0, 0.001, 0.5, 1, 10, 45, 90, 179.999, 180, -5, 200};
    static const double az[] = {0, 45, 359.999, 360, -90, 720.5};
    for (size_t i = 0; i < sizeof phi / sizeof phi[0]; i++) {
        double g = interf_antenna_gain_dbi(ant, phi[i]);
        /* gains of a table are -100 to 100 dBi (tabulated.c) */
        fuzz_check(isfinite(g) && g <= ant->gain_max_dbi + 1e-9 && g >= -100);
        for (size_t j = 0; j < sizeof az / sizeof az[0]; j++) {
            double g2 = interf_antenna_gain2_dbi(ant, phi[i], az[j]);
            fuzz_check(isfinite(g2) && g2 <= ant->gain_max_dbi + 1e-9);
        }
    }
    struct interf_lut *lut = NULL;
    struct interf_error err = {0, ""};
    /* A table costs milliseconds (1-D; 2-D ones up to half a second): 1-D only, and for one
     * input in eight, so that the reader gets most of the runs. */
    if (with_lut && !interf_antenna_azimuthal(ant) &&
        interf_lut_build(ant, &lut, &err) == INTERF_OK) {
        fuzz_check(isfinite(interf_lut_gain_db(lut, 0.25f)));
        interf_lut_destroy(lut);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char dir[FUZZ_DIR_MAX], path[FUZZ_DIR_MAX + 32];
    const struct interf_pattern_def *def = interf_pattern_find("table");
    fuzz_check(def != NULL);
    if (fuzz_tmpdir(dir) != 0)
        return 0;
    snprintf(path, sizeof path, "%s/pattern.txt", dir);
    if (fuzz_put(dir, "pattern.txt", data, size) == 0) {
        struct interf_antenna ant;
        struct interf_error err = {0, ""};
        if (interf_antenna_init_file(&ant, def, NULL, NULL, path, 0, &err) == INTERF_OK) {
            check_pattern(&ant, size % 8 == 0);
            interf_antenna_release(&ant);
        } else {
            fuzz_check(fuzz_msg_ok(err.msg, "file: "));
        }
    }
    fuzz_rmdir(dir);
    return 0;
}
