/* SPDX-License-Identifier: MIT */
/* Fuzz target: system files (interf_system_load: the INI reader plus every section's
 * validation and the constellation build). The input is written to sys.ini in a fresh folder
 * of $TMPDIR or /tmp, removed after each run (the files it names, schedule_file and a table
 * pattern's file, resolve there), beside two fixed data files a tle or oem group may name:
 * sats.tle (two element sets) and sats.oem (one object). Checks: errors are one line starting
 * with the path; a loaded system's counts agree with its accessors, every satellite belongs to a
 * group, and every satellite propagates at t = 0 to a position or to NaN (a drop-out). */
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
    const struct interf_constellation *c = interf_system_constellation(sys);
    fuzz_check(c != NULL && interf_constellation_count(c) == info->n_sats);
    for (size_t k = 0; k < info->n_sats; k++) {
        double x, y, z;
        struct interf_ephem e = {&x, &y, &z, NULL, NULL, NULL};
        interf_constellation_propagate(c, k, 1, 0.0, NULL, INTERF_FRAME_ECEF, &e);
        fuzz_check(isnan(x) || (isfinite(x) && isfinite(y) && isfinite(z)));
    }
}

/* The data files a tle or oem group of the input may name (two sets of the AIAA 2006-6753
 * verification set; a two-body LEO state). */
static const char sats_tle[] =
    "VANGUARD 1\n"
    "1 00005U 58002B   00179.78495062  .00000023  00000-0  28098-4 0  4753\n"
    "2 00005  34.2682 348.7242 1859667 331.7664  19.3264 10.82419157413667\n"
    "NAVSTAR 53\n"
    "1 28129U 03058A   06175.57071136 -.00000104  00000-0  10000-3 0   459\n"
    "2 28129  54.7298 324.8098 0048506 266.2640  93.1663  2.00562768 18443\n";
static const char sats_oem[] =
    "CCSDS_OEM_VERS = 2.0\nCREATION_DATE = 2025-01-01T00:00:00\nORIGINATOR = FUZZ\n"
    "META_START\nOBJECT_NAME = SAT\nOBJECT_ID = 1\nCENTER_NAME = EARTH\nREF_FRAME = GCRF\n"
    "TIME_SYSTEM = UTC\nSTART_TIME = 2025-01-01T00:00:00\nSTOP_TIME = 2025-01-01T00:02:00\n"
    "INTERPOLATION = LAGRANGE\nINTERPOLATION_DEGREE = 1\nMETA_STOP\n"
    "2025-01-01T00:00:00 7000 0 0 0 7.546 0\n"
    "2025-01-01T00:01:00 6998.0 452.7 0 -0.0488 7.5444 0\n"
    "2025-01-01T00:02:00 6992.2 905.2 0 -0.0976 7.5395 0\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char dir[FUZZ_DIR_MAX], path[FUZZ_DIR_MAX + 32];
    if (fuzz_tmpdir(dir) != 0)
        return 0;
    snprintf(path, sizeof path, "%s/sys.ini", dir);
    if (fuzz_put(dir, "sats.tle", (const uint8_t *)sats_tle, sizeof sats_tle - 1) == 0 &&
        fuzz_put(dir, "sats.oem", (const uint8_t *)sats_oem, sizeof sats_oem - 1) == 0 &&
        fuzz_put(dir, "sys.ini", data, size) == 0) {
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
