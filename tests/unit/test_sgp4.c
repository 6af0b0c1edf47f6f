/* SPDX-License-Identifier: MIT */
/* Tests of the two-line element reader and of SGP4/SDP4 against the verification set of
 * Vallado, Crawford, Hujsak and Kelso, "Revisiting Spacetrack Report #3", AIAA 2006-6753
 * (tests/data/sgp4: SGP4-VER.TLE and the reference output tcppver.out), and of the batch path
 * against the one-satellite path. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interf.h"

/* ------------------------------------------------------------------------------ helpers */

static FILE *open_data(const char *name)
{
    const char *dir = getenv("INTERF_TEST_DATA");
    char path[1024];
    cr_assert_not_null(dir, "INTERF_TEST_DATA is not set (ctest sets it to tests/data)");
    snprintf(path, sizeof path, "%s/sgp4/%s", dir, name);
    FILE *fp = fopen(path, "r");
    cr_assert_not_null(fp, "cannot open %s", path);
    return fp;
}

static enum interf_status read_text(const char *text, unsigned flags, struct interf_tle_list *l,
                                    struct interf_error *err)
{
    FILE *fp = fmemopen((void *)text, strlen(text), "r");
    cr_assert_not_null(fp);
    enum interf_status st = interf_tle_read(fp, "t.tle", flags, l, err);
    fclose(fp);
    return st;
}

/* The verification sets (checksums off: five lines of the file do not add up, see README). */
static void read_verification(struct interf_tle_list *l)
{
    struct interf_error err = {0};
    FILE *fp = open_data("SGP4-VER.TLE");
    interf_tle_list_init(l);
    cr_assert(eq(int, interf_tle_read(fp, "SGP4-VER.TLE", INTERF_TLE_NO_CHECKSUM, l, &err),
                 INTERF_OK), "%s", err.msg);
    fclose(fp);
    cr_assert(eq(sz, l->n, 33));
}

/* Start, stop and step (min) written after column 69 of each line 2 of SGP4-VER.TLE. */
static void read_ranges(double range[][3], size_t n)
{
    FILE *fp = open_data("SGP4-VER.TLE");
    char line[256];
    size_t k = 0;
    while (fgets(line, sizeof line, fp))
        if (line[0] == '2' && line[1] == ' ') {
            cr_assert(lt(sz, k, n));
            char *p = line + 69;
            for (int i = 0; i < 3; i++)
                range[k][i] = strtod(p, &p);
            k++;
        }
    fclose(fp);
    cr_assert(eq(sz, k, n));
}

/* The times the reference program visits for one set: 0, then start..stop by step (0 not
 * twice), then stop if the steps missed it (as python-sgp4's tests.py regenerates the file). */
static size_t visit_times(const double range[3], double *t, size_t cap)
{
    size_t n = 0;
    double t0 = range[0], t1 = range[1], dt = range[2], s = t0;
    t[n++] = 0.0;
    for (; s <= t1; s += dt)
        if (!(s == t0 && t0 == 0.0) && n < cap)
            t[n++] = s;
    if (s - t1 < dt - 1e-6 && n < cap)
        t[n++] = t1;
    return n;
}

/* ---------------------------------------------------------------- verification (tcppver) */

/* Where the reference stops a set, and with which code: tcppver.out's output of these sets
 * ends before their time range does, and python-sgp4's tests.py expects the codes
 * [1, 1, 6, 6, 4, 3, 6] in this order. 33334 stops at once: its one line in tcppver.out is
 * the previous set's last state, which the reference printed from its unchanged arrays. */
static const struct stop {
    long sat;
    double t_min;
    int code;
} stops[] = {{22312, 494.2028672, INTERF_SGP4_ECCENTRICITY},
             {28350, 1560.0, INTERF_SGP4_ECCENTRICITY},
             {28872, 55.0, INTERF_SGP4_DECAYED},
             {29141, 440.0, INTERF_SGP4_DECAYED},
             {33333, 25.0, INTERF_SGP4_SEMILATUS_RECTUM},
             {33334, 0.0, INTERF_SGP4_PERTURBED_ECC},
             {20413, 1844345.0, INTERF_SGP4_DECAYED}};

Test(sgp4, reproduces_every_line_of_tcppver, .timeout = 120)
{
    /* AIAA 2006-6753 verification: every data line of tcppver.out (t, r km, v km/s) within 1 mm
     * and 1 mm/s, and every stop at its time with its code. */
    struct interf_tle_list l;
    double range[33][3], t[2000], max_dr = 0.0, max_dv = 0.0;
    read_verification(&l);
    read_ranges(range, l.n);
    FILE *ref = open_data("tcppver.out");
    char line[512];
    size_t compared = 0, n_stops = 0;
    cr_assert_not_null(fgets(line, sizeof line, ref));
    for (size_t k = 0; k < l.n; k++) {
        struct interf_sgp4 *sat;
        long number = strtol(line, NULL, 10);
        cr_assert(eq(long, number, l.tle[k].catalog_number), "set %zu: %s", k, line);
        cr_assert(eq(int, interf_sgp4_create(&l.tle[k], &sat, NULL), INTERF_OK));
        size_t nt = visit_times(range[k], t, 2000);
        int more = fgets(line, sizeof line, ref) != NULL;
        for (size_t i = 0; i < nt; i++) {
            double r[3], v[3];
            int code = interf_sgp4_propagate(sat, t[i], r, v);
            if (code != INTERF_SGP4_OK) {
                const struct stop *s = &stops[n_stops++];
                cr_assert(eq(long, s->sat, number), "%ld stops at t = %g min", number, t[i]);
                cr_assert(epsilon_eq(dbl, t[i], s->t_min, 1e-6), "%ld stops at %.7f", number,
                          t[i]);
                cr_assert(eq(int, code, s->code), "%ld: code %d", number, code);
                cr_assert(isnan(r[0]) && isnan(v[2]), "%ld: no state after a stop", number);
                if (s->t_min == 0.0 && more && !strstr(line, "xx"))
                    more = fgets(line, sizeof line, ref) != NULL; /* 33334's stale line */
                break;
            }
            cr_assert(more && !strstr(line, "xx"), "%ld: t = %g min is past the reference",
                      number, t[i]);
            double x[7];
            char *p = line;
            for (int j = 0; j < 7; j++)
                x[j] = strtod(p, &p);
            cr_assert(epsilon_eq(dbl, x[0], t[i], 1e-8), "%ld: t = %.8f vs %.8f", number, x[0],
                      t[i]);
            double dr = hypot(hypot(r[0] - x[1], r[1] - x[2]), r[2] - x[3]);
            double dv = hypot(hypot(v[0] - x[4], v[1] - x[5]), v[2] - x[6]);
            cr_assert(le(dbl, dr, 1e-6), "%ld t = %g: |dr| = %g km", number, t[i], dr);
            cr_assert(le(dbl, dv, 1e-6), "%ld t = %g: |dv| = %g km/s", number, t[i], dv);
            max_dr = fmax(max_dr, dr);
            max_dv = fmax(max_dv, dv);
            compared++;
            more = fgets(line, sizeof line, ref) != NULL;
        }
        int ended = more == 0 || strstr(line, "xx") != NULL;
        cr_assert(ended, "%ld: the reference goes on", number);
        interf_sgp4_destroy(sat);
    }
    fclose(ref);
    /* tcppver.out: 700 lines = 33 headers + 667 data lines, of which 33334's is stale */
    cr_assert(eq(sz, compared, 666));
    cr_assert(eq(sz, n_stops, sizeof stops / sizeof stops[0]));
    cr_log_info("tcppver.out: %zu lines, max |dr| %.3g km, max |dv| %.3g km/s", compared, max_dr,
                max_dv);
    interf_tle_list_free(&l);
}

Test(sgp4, perigees_and_models_of_the_verification_sets)
{
    /* The perigee heights SGP4-VER.TLE's comments give (km, two decimals), the "sub-orbital"
     * 28872 (perigee -51 km), and near-Earth vs deep space: 6251 is "near earth", 16925 and
     * 28623 "deep space", 28350 "near earth" (period 225 min the divide, AIAA 2006-6753). */
    static const struct {
        long sat;
        double perigee_km, tol_km;
        int deep;
    } want[] = {{6251, 377.26, 0.005, 0},  {16925, 82.48, 0.005, 1}, {28350, 127.20, 0.005, 0},
                {28623, 135.75, 0.005, 1}, {29238, 212.24, 0.005, 0}, {28872, -51.0, 1.0, 0}};
    struct interf_tle_list l;
    read_verification(&l);
    for (size_t w = 0; w < sizeof want / sizeof want[0]; w++) {
        size_t k = 0;
        while (l.tle[k].catalog_number != want[w].sat)
            k++;
        struct interf_sgp4 *sat;
        struct interf_sgp4_info info;
        cr_assert(eq(int, interf_sgp4_create(&l.tle[k], &sat, NULL), INTERF_OK));
        interf_sgp4_get_info(sat, &info);
        cr_assert(epsilon_eq(dbl, info.perigee_alt_km, want[w].perigee_km, want[w].tol_km),
                  "%ld: perigee %.3f km", want[w].sat, info.perigee_alt_km);
        cr_assert(eq(int, info.deep_space, want[w].deep), "%ld", want[w].sat);
        cr_assert(eq(int, info.suborbital, want[w].sat == 28872), "%ld", want[w].sat);
        interf_sgp4_destroy(sat);
    }
    interf_tle_list_free(&l);
}

/* ------------------------------------------------------------------ batch = single path */

/* Batch at unix_s against interf_sgp4_propagate of each satellite at interf_sgp4_minutes:
 * the same bits (memcmp, NaN included) and codes, and the count of failures. */
static void assert_batch_is_single(const struct interf_sgp4_batch *b, double unix_s)
{
    size_t n = interf_sgp4_batch_count(b);
    double *buf = malloc(6 * n * sizeof(double));
    int *code = malloc(n * sizeof *code);
    cr_assert(buf && code);
    struct interf_ephem e = {buf, buf + n, buf + 2 * n, buf + 3 * n, buf + 4 * n, buf + 5 * n};
    size_t bad = interf_sgp4_batch_propagate(b, 0, n, unix_s, &e, code), bad1 = 0;
    for (size_t k = 0; k < n; k++) {
        const struct interf_sgp4 *s = interf_sgp4_batch_satellite(b, k);
        double r[3], v[3];
        int c = interf_sgp4_propagate(s, interf_sgp4_minutes(s, unix_s), r, v);
        double got[6] = {e.x_km[k], e.y_km[k], e.z_km[k], e.vx_km_s[k], e.vy_km_s[k],
                         e.vz_km_s[k]};
        double want[6] = {r[0], r[1], r[2], v[0], v[1], v[2]};
        cr_assert(eq(int, code[k], c), "satellite %zu at %.3f", k, unix_s);
        cr_assert(memcmp(got, want, sizeof got) == 0, "satellite %zu at %.3f: %.17g vs %.17g", k,
                  unix_s, got[0], want[0]);
        bad1 += c != INTERF_SGP4_OK;
    }
    cr_assert(eq(sz, bad, bad1));
    free(buf);
    free(code);
}

Test(sgp4, batch_gives_the_bits_of_the_single_path_on_the_verification_set, .timeout = 120)
{
    /* Every time of every set of the verification run, as a POSIX time, for all 33 sets at
     * once: near-Earth ones through the vector lanes, deep-space ones and failures included. */
    struct interf_tle_list l;
    struct interf_sgp4_batch *b;
    double range[33][3], t[2000];
    read_verification(&l);
    read_ranges(range, l.n);
    cr_assert(eq(int, interf_sgp4_batch_create(l.tle, l.n, &b, NULL), INTERF_OK));
    for (size_t k = 0; k < l.n; k++) {
        size_t nt = visit_times(range[k], t, 2000);
        for (size_t i = 0; i < nt; i += 20)
            assert_batch_is_single(b, l.tle[k].epoch_unix_s + 60.0 * t[i]);
    }
    interf_sgp4_batch_destroy(b);
    interf_tle_list_free(&l);
}

Test(sgp4, batch_gives_the_bits_of_the_single_path_on_a_leo_catalogue, .timeout = 120)
{
    /* 1000 LEO sets (perigee 300-1100 km, e < 0.01, four inclinations) over a day, with a
     * range [first, first + n) that starts and ends inside a vector. */
    enum { N = 1000 };
    struct interf_tle *tle = calloc(N, sizeof *tle);
    struct interf_sgp4_batch *b;
    cr_assert_not_null(tle);
    for (int k = 0; k < N; k++) {
        struct interf_tle *s = &tle[k];
        double a_km = 6378.135 + 300.0 + 0.8 * k;
        s->catalog_number = 40000 + k;
        s->epoch_jd = 2460676.5;
        s->epoch_jd_frac = 0.001 * k;
        s->epoch_unix_s = (s->epoch_jd - 2440587.5 + s->epoch_jd_frac) * 86400.0;
        s->eccentricity = 0.00001 * k;
        s->inclination_deg = (double[]){53.0, 97.6, 70.0, 43.0}[k % 4];
        s->raan_deg = fmod(7.3 * k, 360.0);
        s->argp_deg = fmod(11.9 * k, 360.0);
        s->mean_anomaly_deg = fmod(29.1 * k, 360.0);
        s->bstar_per_er = 1e-5 + 1e-6 * k;
        s->mean_motion_rev_day = sqrt(398600.8 / (a_km * a_km * a_km)) * 86400.0 / (2 * INTERF_PI);
    }
    cr_assert(eq(int, interf_sgp4_batch_create(tle, N, &b, NULL), INTERF_OK));
    for (int step = 0; step <= 24; step++)
        assert_batch_is_single(b, tle[0].epoch_unix_s + 3600.0 * step + 0.37);
    /* a sub-range: satellites [3, 3 + 501) land in out[0..501) */
    double x[501], y[501], z[501], r[3];
    struct interf_ephem e = {x, y, z, NULL, NULL, NULL};
    interf_sgp4_batch_propagate(b, 3, 501, tle[0].epoch_unix_s + 5000.0, &e, NULL);
    for (size_t j = 0; j < 501; j += 50) {
        const struct interf_sgp4 *s = interf_sgp4_batch_satellite(b, 3 + j);
        interf_sgp4_propagate(s, interf_sgp4_minutes(s, tle[0].epoch_unix_s + 5000.0), r, NULL);
        cr_assert(memcmp(r, (double[]){x[j], y[j], z[j]}, sizeof r) == 0, "satellite %zu", 3 + j);
    }
    interf_sgp4_batch_destroy(b);
    free(tle);
}

/* ------------------------------------------------------------------------------ the reader */

Test(tle, fields_of_the_first_verification_set)
{
    /* "1 00005U 58002B   00179.78495062  .00000023  00000-0  28098-4 0  4753" and
     * "2 00005  34.2682 348.7242 1859667 331.7664  19.3264 10.82419157413667", read by hand
     * from their columns. Epoch: 2000 day 179 is 27 June (leap year), JD 2451722.5; POSIX
     * 11135 days * 86400 s + 0.78495062 * 86400 s = 962131819.733568 s. */
    struct interf_tle_list l;
    read_verification(&l);
    const struct interf_tle *t = &l.tle[0];
    cr_assert(eq(long, t->catalog_number, 5));
    cr_assert(eq(chr, t->classification, 'U'));
    cr_assert(eq(str, (char *)t->intl_designator, "58002B"));
    cr_assert(eq(str, (char *)t->name, ""));
    cr_assert(eq(int, t->epoch_year, 2000));
    cr_assert(epsilon_eq(dbl, t->epoch_day, 179.78495062, 1e-12));
    cr_assert(epsilon_eq(dbl, t->epoch_jd, 2451722.5, 0.0));
    cr_assert(epsilon_eq(dbl, t->epoch_jd_frac, 0.78495062, 1e-12));
    cr_assert(epsilon_eq(dbl, t->epoch_unix_s, 962131819.733568, 1e-5));
    cr_assert(epsilon_eq(dbl, t->ndot_rev_day2, 0.00000023, 1e-20));
    cr_assert(epsilon_eq(dbl, t->nddot_rev_day3, 0.0, 0.0));
    cr_assert(epsilon_eq(dbl, t->bstar_per_er, 0.28098e-4, 1e-20));
    cr_assert(eq(int, t->ephemeris_type, 0));
    cr_assert(eq(int, t->element_set_number, 475));
    cr_assert(epsilon_eq(dbl, t->inclination_deg, 34.2682, 1e-12));
    cr_assert(epsilon_eq(dbl, t->raan_deg, 348.7242, 1e-12));
    cr_assert(epsilon_eq(dbl, t->eccentricity, 0.1859667, 1e-15));
    cr_assert(epsilon_eq(dbl, t->argp_deg, 331.7664, 1e-12));
    cr_assert(epsilon_eq(dbl, t->mean_anomaly_deg, 19.3264, 1e-12));
    cr_assert(epsilon_eq(dbl, t->mean_motion_rev_day, 10.82419157, 1e-12));
    cr_assert(eq(long, t->revolution_number, 41366));
    cr_assert(eq(long, t->line, 3));
    /* 16925: "-30915-6" nddot and " 18784-3" B* (0.18784 times 1e-3, rounded twice as the
     * reference reads it: within 1e-18); 11801: blank designator and ephemeris type */
    cr_assert(epsilon_eq(dbl, l.tle[8].nddot_rev_day3, -0.30915e-6, 1e-21));
    cr_assert(epsilon_eq(dbl, l.tle[8].bstar_per_er, 0.18784e-3, 1e-18));
    cr_assert(eq(str, (char *)l.tle[6].intl_designator, ""));
    cr_assert(eq(int, l.tle[6].element_set_number, 1));
    interf_tle_list_free(&l);
}

Test(tle, bad_checksum_names_line_and_column)
{
    /* SGP4-VER.TLE line 100 (33333, edited from 28872) ends in 4; its digits sum to 2 mod 10 */
    struct interf_tle_list l;
    struct interf_error err = {0};
    FILE *fp = open_data("SGP4-VER.TLE");
    interf_tle_list_init(&l);
    cr_assert(eq(int, interf_tle_read(fp, "SGP4-VER.TLE", 0, &l, &err), INTERF_EINPUT));
    fclose(fp);
    cr_assert(eq(str, err.msg, "SGP4-VER.TLE:100:69: checksum: '4', but columns 1-68 give 2"));
    cr_assert(eq(sz, l.n, 0), "nothing appended on failure");
    interf_tle_list_free(&l);
}

/* Element sets with valid checksums (CelesTrak: Vanguard 1 in 2020, the ISS epoch of
 * 2019 day 366.82, and a made-up Alpha-5 set whose checksums are the digit sums). */
#define VANGUARD1 "1 00005U 58002B   20287.20333880 -.00000016  00000-0 -22483-4 0  9998"
#define VANGUARD2 "2 00005  34.2443 225.5254 1845686 162.2516 205.2356 10.84869164218149"
#define ISS1 "1 25544U 98067A   19366.82137887  .00016717  00000-0  10270-3 0  9129"
#define ISS2 "2 25544  51.6392  96.6358 0005156  88.7140 271.4601 15.49497216  6061"
#define A5_1 "1 A0001U 24001A   24001.50000000  .00000000  00000+0  10000-3 0  9993"
#define A5_2 "2 A0001  53.0000 120.0000 0001000  90.0000 270.0000 15.06000000    16"

Test(tle, three_line_names_crlf_and_text_after_column_69)
{
    const char *text = "0 VANGUARD 1\r\n" VANGUARD1 "\r\n" VANGUARD2 "\r\n"
                       "\n"
                       "ISS (ZARYA)             \n" ISS1 "\n" ISS2 "   0.0 1440.0 10.0\n"
                       A5_1 "\n" A5_2 "\n";
    struct interf_tle_list l;
    struct interf_error err = {0};
    interf_tle_list_init(&l);
    cr_assert(eq(int, read_text(text, 0, &l, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(sz, l.n, 3));
    cr_assert(eq(str, l.tle[0].name, "VANGUARD 1"));
    cr_assert(eq(str, l.tle[1].name, "ISS (ZARYA)"));
    cr_assert(eq(str, l.tle[2].name, ""));
    cr_assert(eq(long, l.tle[0].line, 2));
    cr_assert(eq(long, l.tle[1].line, 6));
    /* -.00000016 and -22483-4 */
    cr_assert(epsilon_eq(dbl, l.tle[0].ndot_rev_day2, -0.00000016, 1e-20));
    cr_assert(epsilon_eq(dbl, l.tle[0].bstar_per_er, -0.22483e-4, 1e-20));
    /* Alpha-5: A = 10, so A0001 is 100001 */
    cr_assert(eq(long, l.tle[2].catalog_number, 100001));
    /* 2019 day 366.82137887 is 2020-01-01T19:42:47.134368Z (python-sgp4 test_december_32) */
    double want;
    cr_assert(eq(int, interf_time_parse_utc("2020-01-01T19:42:47Z", &want, NULL), INTERF_OK));
    cr_assert(epsilon_eq(dbl, l.tle[1].epoch_unix_s, want + 0.134368, 1e-5));
    interf_tle_list_free(&l);
}

/* A bad field: the text (two lines, checksums off), and the message it must give. */
struct bad_case {
    char text[200];
    char msg[120];
};

static const struct bad_case bad_cases[] = {
    /* inclination " 34.2X82" in columns 9-16: the X is column 14 */
    {"1 00005U 58002B   00179.78495062  .00000023  00000-0  28098-4 0  4753\n"
     "2 00005  34.2X82 348.7242 1859667 331.7664  19.3264 10.82419157413667\n",
     "t.tle:2:14: inclination: 'X' in \" 34.2X82\": expected a decimal number"},
    /* eccentricity "18596.7" */
    {"1 00005U 58002B   00179.78495062  .00000023  00000-0  28098-4 0  4753\n"
     "2 00005  34.2682 348.7242 18596.7 331.7664  19.3264 10.82419157413667\n",
     "t.tle:2:32: eccentricity: '.' in \"18596.7\": expected seven digits (decimal point "
     "implied)"},
    /* B* exponent sign '*' in column 60 */
    {"1 00005U 58002B   00179.78495062  .00000023  00000-0  28098*4 0  4753\n"
     "2 00005  34.2682 348.7242 1859667 331.7664  19.3264 10.82419157413667\n",
     "t.tle:1:60: bstar: \" 28098*4\": expected an exponent such as -4 or +0"},
    /* ndot spilling into the separator, column 44 */
    {"1 00005U 58002B   00179.78495062  .000000234 00000-0  28098-4 0  4753\n"
     "2 00005  34.2682 348.7242 1859667 331.7664  19.3264 10.82419157413667\n",
     "t.tle:1:44: format: '4': expected a blank between fields"},
    /* line 2 cut at column 60 */
    {"1 00005U 58002B   00179.78495062  .00000023  00000-0  28098-4 0  4753\n"
     "2 00005  34.2682 348.7242 1859667 331.7664  19.3264 10.82419\n",
     "t.tle:2:61: line: ends at column 60: a line 2 has 69 columns"},
    /* line 2 of another object */
    {"1 00005U 58002B   00179.78495062  .00000023  00000-0  28098-4 0  4753\n"
     "2 00006  34.2682 348.7242 1859667 331.7664  19.3264 10.82419157413667\n",
     "t.tle:2:3: catalog number: 6, but line 1 has 5"},
    /* inclination 234.2682 */
    {"1 00005U 58002B   00179.78495062  .00000023  00000-0  28098-4 0  4753\n"
     "2 00005 234.2682 348.7242 1859667 331.7664  19.3264 10.82419157413667\n",
     "t.tle:2:9: inclination: 234.268: allowed range 0 to 180"},
    /* no line 2 */
    {"1 00005U 58002B   00179.78495062  .00000023  00000-0  28098-4 0  4753\n",
     "t.tle:2:1: line 2: missing for element set 5"},
    /* a name with nothing after it */
    {"LOST\n", "t.tle:1:1: name: \"LOST\" is not followed by an element set"},
    /* Alpha-5 letter I is not used */
    {"1 I0001U 24001A   24001.50000000  .00000000  00000+0  10000-3 0  9993\n"
     "2 I0001  53.0000 120.0000 0001000  90.0000 270.0000 15.06000000    16\n",
     "t.tle:1:3: catalog number: 'I' in \"I0001\": expected digits"},
};

Test(tle, field_errors_name_line_column_and_field)
{
    for (size_t k = 0; k < sizeof bad_cases / sizeof bad_cases[0]; k++) {
        struct interf_tle_list l;
        struct interf_error err = {0};
        interf_tle_list_init(&l);
        cr_assert(eq(int, read_text(bad_cases[k].text, INTERF_TLE_NO_CHECKSUM, &l, &err),
                     INTERF_EINPUT), "case %zu", k);
        cr_assert(eq(str, err.msg, (char *)bad_cases[k].msg), "case %zu", k);
        cr_assert(eq(sz, l.n, 0));
        interf_tle_list_free(&l);
    }
}

Test(tle, nul_byte_is_an_error)
{
    static const char text[] = "0 VANGUARD 1\n" VANGUARD1 "\n" VANGUARD2 "\n";
    char buf[sizeof text];
    memcpy(buf, text, sizeof text);
    buf[20] = '\0'; /* line 2, column 8 */
    FILE *fp = fmemopen(buf, sizeof text - 1, "r");
    struct interf_tle_list l;
    struct interf_error err = {0};
    interf_tle_list_init(&l);
    cr_assert(eq(int, interf_tle_read(fp, "t.tle", 0, &l, &err), INTERF_EINPUT));
    fclose(fp);
    cr_assert(eq(str, err.msg, "t.tle:2:8: line: a NUL byte"));
    interf_tle_list_free(&l);
}

Test(tle, select_by_name_pattern_and_catalogue_number)
{
    const char *text = "0 VANGUARD 1\n" VANGUARD1 "\n" VANGUARD2 "\n"
                       "ISS (ZARYA)\n" ISS1 "\n" ISS2 "\n" A5_1 "\n" A5_2 "\n";
    struct interf_tle_list l, out;
    struct interf_error err = {0};
    interf_tle_list_init(&l);
    cr_assert(eq(int, read_text(text, 0, &l, &err), INTERF_OK), "%s", err.msg);
    cr_assert(interf_tle_match(&l.tle[1], "iss*"));
    cr_assert(interf_tle_match(&l.tle[1], "*(ZARYA)"));
    cr_assert(interf_tle_match(&l.tle[0], "vanguard ?"));
    cr_assert(not(interf_tle_match(&l.tle[0], "VANGUARD")));
    cr_assert(interf_tle_match(&l.tle[0], "5"));
    cr_assert(interf_tle_match(&l.tle[1], "25544"));
    cr_assert(interf_tle_match(&l.tle[2], "A0001"));
    cr_assert(interf_tle_match(&l.tle[2], "100001"));
    cr_assert(not(interf_tle_match(&l.tle[1], "2554")));

    /* in file order, each once, though two patterns match the ISS */
    const char *pat[] = {"25544", "A0001", "ISS*"};
    interf_tle_list_init(&out);
    cr_assert(eq(int, interf_tle_select(&l, pat, 3, &out, &err), INTERF_OK));
    cr_assert(eq(sz, out.n, 2));
    cr_assert(eq(long, out.tle[0].catalog_number, 25544));
    cr_assert(eq(long, out.tle[1].catalog_number, 100001));

    const char *none[] = {"VANGUARD*", "HUBBLE"};
    cr_assert(eq(int, interf_tle_select(&l, none, 2, &out, &err), INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "HUBBLE: no element set matches"));
    cr_assert(eq(sz, out.n, 2), "unchanged on failure");
    interf_tle_list_free(&out);
    interf_tle_list_free(&l);
}

Test(sgp4, create_rejects_elements_sgp4_cannot_take)
{
    /* Hand-filled sets outside the model's domain: e >= 1 and n <= 0 */
    struct interf_tle t = {.name = "X", .catalog_number = 1, .epoch_jd = 2460676.5,
                           .eccentricity = 1.0, .mean_motion_rev_day = 15.0, .line = 7};
    struct interf_sgp4 *sat = (struct interf_sgp4 *)&t;
    struct interf_error err = {0};
    cr_assert(eq(int, interf_sgp4_create(&t, &sat, &err), INTERF_EINPUT));
    cr_assert_null(sat);
    cr_assert(eq(str, err.msg, "satellite 1 (line 7): eccentricity: out of the range SGP4 can take"));
    t.eccentricity = 0.0;
    t.mean_motion_rev_day = 0.0;
    cr_assert(eq(int, interf_sgp4_create(&t, &sat, &err), INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "satellite 1 (line 7): mean motion: out of the range SGP4 can take"));
}
