/* SPDX-License-Identifier: MIT */
/* Tests of the antenna layer's beam helpers: the 3 dB beamwidth against the main lobes of the
 * texts, M.2101 steering against the array's own gain, keys given by name, the catalogue as
 * text (source, title, parameters, listing), and lists of angles (read and swept). */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interf/antenna.h"
#include "interf/io.h"
#include "test_antenna_util.h"

/* S.1428-1 recommends 1, 20 <= D/lambda <= 25: G = Gmax - 2.5e-3 (D phi / lambda)^2 below
 * phi_m, so G = Gmax - 3 at D phi / lambda = sqrt(3 / 2.5e-3) = sqrt(1200) and the full width is
 * 2 sqrt(1200) lambda / D (deg). For D = 0.6 m at 11.7 GHz, lambda = 0.299792458 / 11.7 m,
 * D/lambda = 23.416, width 2.958698 deg, inside phi_m = 20 lambda/D sqrt(Gmax - G1) = 3.94 deg. */
Test(antenna_beam, s1428_width_is_2_sqrt_1200_lambda_over_d)
{
    struct interf_antenna a = ta_make("S.1428", "diameter_m", 0.6, "frequency_ghz", 11.7, NULL);
    struct interf_error err;
    double w, lambda_m = 0.299792458 / 11.7;
    cr_assert(eq(int, interf_antenna_beamwidth_3db_deg(&a, 0, &w, &err), INTERF_OK), "%s",
              err.msg);
    cr_assert(epsilon_eq(dbl, w, 2 * sqrt(1200.0) * lambda_m / 0.6, 1e-9), "%.12g", w);
}

/* S.1528-0 recommends 1.2 main lobe G = Gm - 3 (psi / psi_b)^2: 3 dB down at psi_b, width
 * 2 psi_b; an elliptical beam (z = 2) across its major axis (azimuth 90 deg): psi_b / z, width
 * psi_b. */
Test(antenna_beam, s1528_width_is_twice_psi_b)
{
    struct interf_antenna a = ta_make("S.1528:1.2", "gain_max_dbi", 35.0, "half_beamwidth_deg",
                                      1.5, "ln_db", -20.0, NULL);
    struct interf_antenna e = ta_make("S.1528:1.2", "gain_max_dbi", 35.0, "half_beamwidth_deg",
                                      1.5, "ln_db", -20.0, "z", 2.0, NULL);
    double w;
    cr_assert(eq(int, interf_antenna_beamwidth_3db_deg(&a, 0, &w, NULL), INTERF_OK));
    cr_assert(epsilon_eq(dbl, w, 3.0, 1e-9));
    cr_assert(eq(int, interf_antenna_beamwidth_3db_deg(&e, 90, &w, NULL), INTERF_OK));
    cr_assert(epsilon_eq(dbl, w, 1.5, 1e-9));
}

/* An 8 x 8 array steered 30 deg off its normal: at the normal (the boresight of the off-axis
 * angle) the gain is far below the peak, so the 3 dB width about it is not defined. */
Test(antenna_beam, steered_array_has_no_width_about_its_normal)
{
    struct interf_antenna a = ta_make("M.2101", "element_gain_dbi", 5.0, "phi_3db_deg", 65.0,
                                      "theta_3db_deg", 65.0, "n_h", 8.0, "n_v", 8.0,
                                      "escan_deg", 30.0, NULL);
    struct interf_error err;
    double w = -1;
    cr_assert(eq(int, interf_antenna_beamwidth_3db_deg(&a, 0, &w, &err), INTERF_EINPUT));
    cr_assert(ne(ptr, strstr(err.msg, "beamwidth: M.2101: the gain at the boresight"), NULL),
              "%s", err.msg);
    cr_assert(eq(dbl, w, -1));
}

/* The element pattern of M.2101-0 Table 4 (k = 12, A_m = SLA_v = 30 dB), 65 deg beamwidths,
 * G_E,max 5 dBi, at (azimuth, elevation) in the array's angles (theta = 90 - elevation). */
static double element_dbi(double az, double el)
{
    double h = fmin(12 * pow(az / 65, 2), 30), v = fmin(12 * pow(el / 65, 2), 30);
    return 5 - fmin(h + v, 30);
}

/* Steering an 8 x 8 array (65 deg elements, 0.5 lambda) to azimuth 20, elevation -10 in its
 * own angles: escan 20, etilt 10 (M.2101-0 Table 4, etilt positive downwards). There the array
 * factor is N = 64, its peak, so G = A_E + 10 log10(64) with A_E,H = -12 (20/65)^2 = -1.136095,
 * A_E,V = -12 (10/65)^2 = -0.284024: A_E = 5 - 1.420118 = 3.579882 dBi, G = 3.579882 +
 * 18.061800 = 21.641682 dBi. One degree away either way the array factor, G - A_E, is lower
 * (the total peak itself leans toward the normal, where the element gains more). */
Test(antenna_beam, m2101_steered_to_the_aim_peaks_there)
{
    const double x[3] = {1, 0, 0}, h[3] = {0, 1, 0}, v[3] = {0, 0, 1};
    double az = 20 * INTERF_DEG, el = -10 * INTERF_DEG;
    double aim[3] = {2 * cos(el) * cos(az), 2 * cos(el) * sin(az), 2 * sin(el)};
    double escan, etilt;
    interf_m2101_steer(x, h, v, aim, &escan, &etilt);
    cr_assert(epsilon_eq(dbl, escan, 20.0, 1e-12));
    cr_assert(epsilon_eq(dbl, etilt, 10.0, 1e-12));
    struct interf_antenna a = ta_make("M.2101", "element_gain_dbi", 5.0, "phi_3db_deg", 65.0,
                                      "theta_3db_deg", 65.0, "n_h", 8.0, "n_v", 8.0,
                                      "escan_deg", escan, "etilt_deg", etilt, NULL);
    double g = interf_m2101_gain_dbi(&a, 20, -10);
    cr_assert(epsilon_eq(dbl, g, 21.641682, 1e-5), "%.9g", g);
    for (int d = -1; d <= 1; d += 2) {
        cr_assert(lt(dbl, interf_m2101_gain_dbi(&a, 20 + d, -10) - element_dbi(20 + d, -10),
                     g - element_dbi(20, -10)));
        cr_assert(lt(dbl, interf_m2101_gain_dbi(&a, 20, -10 + d) - element_dbi(20, -10 + d),
                     g - element_dbi(20, -10)));
    }
    /* the CGEMM path agrees at the aim (fp32: 1e-5 relative) */
    double daz = 20, del = -10;
    float lin;
    cr_assert(eq(int, interf_m2101_gains(&a, 1, &daz, &del, 1, &escan, &etilt, &lin,
                                         INTERF_ARRAY_CGEMM, NULL), INTERF_OK));
    cr_assert(epsilon_eq(dbl, 10 * log10(lin), g, 1e-4));
}

/* interf_m2101_direction: the frame's own axes give azimuth 0/90 and elevation 0/90. */
Test(antenna_beam, m2101_direction_of_the_axes)
{
    const double x[3] = {0, 0, -1}, h[3] = {1, 0, 0}, v[3] = {0, 1, 0};
    double az, el;
    interf_m2101_direction(x, h, v, (double[3]){0, 0, -5}, &az, &el);
    cr_assert(eq(dbl, az, 0.0));
    cr_assert(eq(dbl, el, 0.0));
    interf_m2101_direction(x, h, v, h, &az, &el);
    cr_assert(epsilon_eq(dbl, az, 90.0, 1e-12));
    interf_m2101_direction(x, h, v, v, &az, &el);
    cr_assert(epsilon_eq(dbl, el, 90.0, 1e-12));
}

/* Keys by name: the values land at their indices; a foreign key and a missing wavelength are
 * named. */
Test(antenna_beam, init_named)
{
    const struct interf_pattern_def *def = interf_pattern_find("S.1428");
    const char *keys[] = {"frequency_ghz", "diameter_m"};
    double values[] = {11.7, 0.6};
    int given[INTERF_PATTERN_MAXKEYS];
    struct interf_antenna a;
    struct interf_error err;
    cr_assert(eq(int, interf_antenna_init_named(&a, def, keys, values, 2, NULL, 0, given, &err),
                 INTERF_OK), "%s", err.msg);
    cr_assert(eq(dbl, a.value[interf_pattern_key_index(def, "diameter_m")], 0.6));
    cr_assert(eq(int, given[interf_pattern_key_index(def, "frequency_ghz")], 1));
    const char *bad[] = {"diameter_m", "ln_db"};
    cr_assert(eq(int, interf_antenna_init_named(&a, def, bad, values, 2, NULL, 0, NULL, &err),
                 INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "ln_db: not a key of pattern S.1428 (its keys: diameter_m, "
                               "frequency_ghz)"));
    cr_assert(eq(int, interf_antenna_init_named(&a, def, keys + 1, values, 1, NULL, 0, NULL,
                                                &err), INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "frequency_ghz: required by pattern S.1428"));
    cr_assert(eq(int, interf_antenna_init_named(&a, def, keys, values, 2, "x.txt", 0, NULL,
                                                &err), INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "file: pattern S.1428 reads no file"));
}

/* The texts of a set: its source line and short title (the title of interf-pattern's chart,
 * with the symbols of the keys' help), and its parameters. */
Test(antenna_beam, source_title_parameters)
{
    struct interf_antenna a = ta_make("S.1428", "diameter_m", 0.6, "frequency_ghz", 11.7, NULL);
    int given[INTERF_PATTERN_MAXKEYS] = {1, 1};
    char buf[512];
    cr_assert(eq(str, interf_pattern_source(a.def, buf, sizeof buf),
                 "Rec. ITU-R S.1428-1 (02/2001), recommends 1"));
    cr_assert(eq(str, interf_antenna_title(&a, given, NULL, buf, sizeof buf),
                 "S.1428-1, D = 0.6 m, f = 11.7 GHz"));
    cr_assert(eq(str, interf_antenna_parameters(&a, NULL, buf, sizeof buf),
                 "diameter_m=0.6 frequency_ghz=11.7"));
    struct interf_antenna s = ta_make("S.1528:1.2", "gain_max_dbi", 35.0, "half_beamwidth_deg",
                                      1.5, "ln_db", -20.0, NULL);
    int g2[INTERF_PATTERN_MAXKEYS] = {0};
    g2[interf_pattern_key_index(s.def, "half_beamwidth_deg")] = 1;
    cr_assert(eq(str, interf_antenna_title(&s, g2, "dir/x.txt", buf, sizeof buf),
                 "S.1528:1.2, \xCF\x88" "b = 1.5\xC2\xB0, x.txt"));
}

/* The catalogue listing names every pattern on a line of its own, with its source. */
Test(antenna_beam, catalogue_lists_every_pattern)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    cr_assert(eq(int, interf_pattern_catalogue_write(f, NULL), INTERF_OK));
    fclose(f);
    cr_assert(eq(int, strncmp(text, "# interf antenna catalogue:", 27), 0));
    for (size_t p = 0; p < interf_pattern_count(); p++) {
        char want[600], src[512];
        const struct interf_pattern_def *def = interf_pattern_at(p);
        snprintf(want, sizeof want, "\n%s\n  source: %s\n", def->name,
                 interf_pattern_source(def, src, sizeof src));
        cr_assert(ne(ptr, strstr(text, want), NULL), "%s", def->name);
    }
    cr_assert(ne(ptr, strstr(text, "\nRA.769\n"), NULL));
    free(text);
}

static enum interf_status read_text(const char *text, double **a, size_t *n,
                                    struct interf_error *err)
{
    FILE *f = fmemopen((void *)text, strlen(text), "r");
    enum interf_status st = interf_angles_read(f, "x", a, n, err);
    fclose(f);
    return st;
}

/* Angles: one a row (comments and blank lines skipped), or the theta_deg column of a pattern
 * table; errors located at line and column. */
Test(antenna_beam, angles_read)
{
    double *a;
    size_t n;
    struct interf_error err;
    cr_assert(eq(int, read_text("0\n# c\n\n2.5\n", &a, &n, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(sz, n, 2));
    cr_assert(eq(dbl, a[1], 2.5));
    free(a);
    cr_assert(eq(int, read_text("# theta_deg gain_dbi\n1.5 30\n", &a, &n, &err), INTERF_OK));
    cr_assert(eq(sz, n, 1));
    cr_assert(eq(dbl, a[0], 1.5));
    free(a);
    static const char *const bad[][2] = {
        {"0\nabc\n", "x:2:1: theta_deg: \"abc\": not a number"},
        {"  200\n", "x:1:3: theta_deg: 200: allowed range 0 to 180 deg"},
        {"1 2\n", "x:1:3: theta_deg: unexpected text after the angle (one angle per line)"},
        {"1\n\033[31m\n", "x:2:1: theta_deg: \"?[31m\": not a number"},
        {"nan\n", "x:1:1: theta_deg: \"nan\": not a number"},
        {"# only a comment\n", "x: no angles (one per line, deg)"}};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        cr_assert(eq(int, read_text(bad[k][0], &a, &n, &err), INTERF_EINPUT), "%s", bad[k][1]);
        cr_assert(eq(str, err.msg, (char *)bad[k][1]));
        cr_assert(eq(ptr, a, NULL));
    }
}

/* Sweeps: 0 to 180 by 0.1 has 1801 angles (180 / 0.1 is 1799.9999999999998 in binary); 0 to 1
 * by 0.3 stops at 0.9. */
Test(antenna_beam, angles_sweep)
{
    double a[1801];
    cr_assert(eq(sz, interf_angles_sweep(0, 180, 0.1, NULL), 1801));
    interf_angles_sweep(0, 180, 0.1, a);
    cr_assert(eq(dbl, a[1800], 180.0));
    cr_assert(eq(sz, interf_angles_sweep(0, 1, 0.3, a), 4));
    cr_assert(epsilon_eq(dbl, a[3], 0.9, 1e-15));
}
