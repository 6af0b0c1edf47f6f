/* SPDX-License-Identifier: MIT */
/* The "table" pattern: gain patterns read from a file (tests/data/antenna), interpolated
 * linearly in dB, validated with file:line messages; its lookup table; and the system file's
 * [antenna] file = PATH key (relative to the system file). The fixtures are made-up patterns,
 * so the expected values are hand interpolations written out here. */
#include "test_antenna_util.h"

#include "interf/system.h"

#include <stdio.h>
#include <stdlib.h>

static void fixture(char *out, size_t n, const char *name)
{
    const char *data = getenv("INTERF_TEST_DATA");
    if (data && *data) {
        snprintf(out, n, "%s/antenna/%s", data, name);
        return;
    }
    const char *unit = strstr(__FILE__, "unit/test_antenna_table.c");
    cr_assert_not_null(unit, "INTERF_TEST_DATA is not set (ctest sets it to tests/data)");
    snprintf(out, n, "%.*sdata/antenna/%s", (int)(unit - __FILE__), __FILE__, name);
}

static enum interf_status load(struct interf_antenna *ant, const char *name,
                               struct interf_error *err, char *path, size_t n)
{
    fixture(path, n, name);
    return interf_antenna_init_file(ant, interf_pattern_find("table"), NULL, NULL, path, 0.0,
                                    err);
}

/* flat-1d.txt: (0, 30) (1, 27) (2, 18) (10, 0) (90, -10) (180, -10). Hand: 0.5 -> 28.5;
 * 1.5 -> 22.5; 6 -> 18 - 18 * 4/8 = 9; 50 -> 0 - 10 * 40/80 = -5; 135 -> -10; the peak 30. */
Test(antenna_table, one_d_interpolates_in_db)
{
    char path[1024];
    struct interf_antenna a;
    struct interf_error err = {INTERF_OK, ""};
    cr_assert(eq(int, load(&a, "flat-1d.txt", &err, path, sizeof path), INTERF_OK), "%s",
              err.msg);
    static const double phi[8] = {0, 0.5, 1, 1.5, 6, 50, 135, 180};
    static const double want[8] = {30, 28.5, 27, 22.5, 9, -5, -10, -10};
    for (int i = 0; i < 8; i++)
        ta_gain(&a, phi[i], want[i], 1e-12, "flat-1d.txt");
    cr_assert(eq(dbl, a.gain_max_dbi, 30.0));
    cr_assert(eq(int, interf_antenna_azimuthal(&a), 0));
    struct interf_antenna copy = a; /* copies share the data until the one release */
    ta_gain(&copy, 6.0, 9.0, 1e-12, "copy");
    interf_antenna_release(&a);
    cr_assert(a.file == NULL);
    interf_antenna_release(&a); /* twice is harmless */
}

/* grid-2d.txt: theta 0, 10, 180 by azimuth 0, 90, 180, 270; at 10 deg the gains are 10, 0, 10,
 * -10. Hand, bilinear: (5, 90) -> (20 + 0)/2 = 10; (5, 45) -> ((20 + 10)/2 + (20 + 0)/2)/2 =
 * 12.5; (10, 315) between 270 (-10) and 360 = 0 (10) -> 0 (periodic); (95, 90) -> (0 - 20)/2
 * = -10; the reference plane (azimuth 0 of the 1-D call): (5) -> 15. */
Test(antenna_table, grid_interpolates_bilinearly_and_wraps)
{
    char path[1024];
    struct interf_antenna a;
    struct interf_error err = {INTERF_OK, ""};
    cr_assert(eq(int, load(&a, "grid-2d.txt", &err, path, sizeof path), INTERF_OK), "%s",
              err.msg);
    cr_assert(interf_antenna_azimuthal(&a));
    ta_gain2(&a, 5, 90, 10, 1e-12, "(5, 90)");
    ta_gain2(&a, 5, 45, 12.5, 1e-12, "(5, 45)");
    ta_gain2(&a, 10, 315, 0, 1e-12, "(10, 315) wraps");
    ta_gain2(&a, 10, -45, 0, 1e-12, "(10, -45) is 315");
    ta_gain2(&a, 95, 90, -10, 1e-12, "(95, 90)");
    ta_gain(&a, 5, 15, 1e-12, "1-D call");
    interf_antenna_release(&a);
}

/* Every bad file is refused with "file: PATH:LINE:COLUMN: what" (the column of the field at
 * fault; "file: PATH:LINE: what" when the fault is the row or the table). */
Test(antenna_table, bad_files_name_file_line_and_field)
{
    static const struct {
        char name[32];
        char want[96];
    } cases[] = {
        {"bad-nonmonotone.txt", ":4:1: theta_deg: 0.5: angles must increase (previous 1)"},
        {"bad-nan.txt", ":2:3: gain_dbi: nan: not a finite number"},
        {"bad-line.txt", ":2:6: expected 'theta_deg gain_dbi' or 'theta_deg azimuth_deg gain_dbi', "
                         "got \"dB\""},
        {"bad-start.txt", ":1:1: theta_deg: 1: the table must start at 0 deg"},
        {"bad-end.txt", ":3: theta_deg: 90: the table must end at 180 deg"},
        {"bad-grid.txt", ":4: azimuth_deg: 80: the grid must repeat the azimuths of the first "
                         "theta"},
        {"bad-columns.txt", ":2: 3 numbers where the first row had 2"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[1024], want[1200];
        struct interf_antenna a;
        struct interf_error err = {INTERF_OK, ""};
        enum interf_status st = load(&a, cases[i].name, &err, path, sizeof path);
        snprintf(want, sizeof want, "file: %s%s", path, cases[i].want);
        cr_assert(eq(int, st, INTERF_EINPUT), "%s: status %d", cases[i].name, (int)st);
        cr_assert(strncmp(err.msg, want, strlen(want)) == 0, "%s: \"%s\" does not start \"%s\"",
                  cases[i].name, err.msg, want);
        cr_assert(a.def == NULL && a.file == NULL, "a failed set is zeroed");
    }
    char path[1024];
    struct interf_antenna a;
    struct interf_error err = {INTERF_OK, ""};
    cr_assert(eq(int, load(&a, "no-such-file.txt", &err, path, sizeof path), INTERF_EIO));
    cr_assert(strstr(err.msg, "No such file or directory") != NULL, "%s", err.msg);
    cr_assert(eq(int, interf_antenna_init(&a, interf_pattern_find("table"), NULL, NULL, 0.0,
                                          &err), INTERF_EINPUT));
    cr_assert(strstr(err.msg, "file: required") != NULL, "%s", err.msg);
}

/* The table's lookup table meets the budget too: every tabulated angle is a kink (no steps),
 * main lobe to 1 deg (the first point 3 dB down). */
Test(antenna_table, lookup_table_of_a_file_pattern)
{
    char path[1024];
    struct interf_antenna a;
    struct interf_lut *t = NULL;
    cr_assert(eq(int, load(&a, "flat-1d.txt", NULL, path, sizeof path), INTERF_OK));
    cr_assert(eq(int, interf_lut_build(&a, &t, NULL), INTERF_OK));
    for (double phi = 0; phi <= 180; phi += 0.001) {
        float s = (float)sin(0.5 * phi * INTERF_DEG);
        double p = 2.0 * asin((double)s) / INTERF_DEG, g = interf_antenna_gain_dbi(&a, p);
        double e = fabs(interf_lut_gain_db(t, s) - g);
        cr_assert(e <= (p <= 1.0 ? 0.01 : 0.05), "phi %g: %g dB", p, e);
    }
    interf_lut_destroy(t);
    interf_antenna_release(&a);
}

/* The system file's key: file = flat-1d.txt beside the system file; errors located at the
 * key's line, the reader's message after "file: ". */
Test(antenna_table, system_file_key)
{
    char path[1024];
    struct interf_system *sys = NULL;
    struct interf_error err = {INTERF_OK, ""};
    fixture(path, sizeof path, "system-table.ini");
    cr_assert(eq(int, interf_system_load(path, &sys, &err), INTERF_OK), "%s", err.msg);
    const struct interf_system_antenna *sa = interf_system_antenna(sys, 0);
    ta_gain(&sa->antenna, 6.0, 9.0, 1e-12, "system antenna from the table file");
    interf_system_destroy(sys);

    static const struct {
        char name[40];
        char want[96];
        enum interf_status st;
    } cases[] = {
        {"system-table-missing.ini", ":6: [antenna tab] file: ", INTERF_EIO},
        {"system-table-bad.ini", ":6: [antenna tab] file: ", INTERF_EINPUT},
        {"system-table-nofile.ini",
         ":4: [antenna tab] file: missing (required for pattern = table)", INTERF_EINPUT},
        {"system-file-key-elsewhere.ini", ":8: [antenna dish] file: not allowed for pattern = "
                                          "S.1428", INTERF_EINPUT},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char want[1200];
        fixture(path, sizeof path, cases[i].name);
        enum interf_status st = interf_system_load(path, &sys, &err);
        cr_assert(eq(int, st, cases[i].st), "%s: status %d (%s)", cases[i].name, (int)st,
                  err.msg);
        snprintf(want, sizeof want, "%s%s", path, cases[i].want);
        cr_assert(strncmp(err.msg, want, strlen(want)) == 0, "\"%s\" does not start \"%s\"",
                  err.msg, want);
        cr_assert(sys == NULL);
    }
    /* the reader's own message follows, naming the resolved path and its line */
    fixture(path, sizeof path, "system-table-bad.ini");
    interf_system_load(path, &sys, &err);
    cr_assert(strstr(err.msg, "bad-nan.txt:2:3: gain_dbi: nan: not a finite number") != NULL, "%s",
              err.msg);
}
