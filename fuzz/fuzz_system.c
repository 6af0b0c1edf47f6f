/* SPDX-License-Identifier: MIT */
/* Fuzz target: system files (interf_system_load: the INI reader plus every section's
 * validation and the constellation build). The input is written to sys.ini in a fresh folder
 * of $TMPDIR or /tmp, removed after each run (the files it names, schedule_file and a table
 * pattern's file, resolve there). Checks: errors are one line starting with the path; a loaded
 * system's counts agree with its accessors and every satellite belongs to a group. */
#include "fuzz.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "interf.h"

static void check_system(const struct interf_system *sys)
{
    const struct interf_system_info *info = interf_system_info(sys);
    fuzz_check(info->n_orbits >= 1);
    fuzz_check(interf_system_antenna(sys, info->n_antennas) == NULL);
    fuzz_check(interf_system_beam(sys, info->n_beams) == NULL);
    fuzz_check(interf_system_orbit(sys, info->n_orbits) == NULL);
    size_t sats = 0;
    for (size_t i = 0; i < info->n_orbits; i++) {
        const struct interf_system_orbit *o = interf_system_orbit(sys, i);
        fuzz_check(o->first_sat == sats && o->n_beams <= 16);
        for (size_t b = 0; b < o->n_beams; b++)
            fuzz_check(o->beams[b] < info->n_beams);
        for (size_t s = o->first_sat; s < o->first_sat + o->n_sats; s++)
            fuzz_check(interf_system_sat_orbit(sys, s) == i);
        sats += o->n_sats;
    }
    fuzz_check(sats == info->n_sats);
    for (size_t i = 0; i < info->n_beams; i++) {
        const struct interf_system_beam *b = interf_system_beam(sys, i);
        fuzz_check(b->antenna < info->n_antennas && isfinite(b->power_dbw));
    }
    for (size_t i = 0; i < info->n_antennas; i++) {
        const struct interf_system_antenna *a = interf_system_antenna(sys, i);
        double g = interf_antenna_gain_dbi(&a->antenna, 1.0);
        fuzz_check(!isnan(g));
    }
    for (size_t i = 0; i < interf_system_warning_count(sys); i++)
        fuzz_check(strchr(interf_system_warning(sys, i), '\n') == NULL);
    fuzz_check(interf_system_constellation(sys) != NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char dir[FUZZ_DIR_MAX], path[FUZZ_DIR_MAX + 32];
    if (fuzz_tmpdir(dir) != 0)
        return 0;
    snprintf(path, sizeof path, "%s/sys.ini", dir);
    if (fuzz_put(dir, "sys.ini", data, size) == 0) {
        struct interf_system *sys = NULL;
        struct interf_error err = {0, ""};
        if (interf_system_load(path, &sys, &err) == INTERF_OK) {
            check_system(sys);
            interf_system_destroy(sys);
        } else {
            fuzz_check(sys == NULL && fuzz_msg_ok(err.msg, path));
        }
    }
    fuzz_rmdir(dir);
    return 0;
}
