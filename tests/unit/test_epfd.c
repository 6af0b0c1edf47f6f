/* SPDX-License-Identifier: MIT */
/* Tests of the EPFD run logic of Rec. ITU-R S.1503-4 Part D4. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interf.h"
#include "test_system_util.h"
#include "interf/epfd.h"
#include "epfd/epfd_impl.h"

struct step_case {
    double dish_m, theta3db_deg, phi_deg, dt_s, dt_ref_s;
    int n_coarse;
};

Test(epfd, step_auto_reproduces_the_worked_example)
{
    /* The worked example of the step (itu-reference §3.4, hand-derived from S.1503-4 §D4.2):
     * h = 550 km, i = 53 deg, f = 10.7 GHz (lambda = 0.028018 m), S.1428 main lobe
     * theta3dB = 2 sqrt(1200)/(D/lambda); ws = 0.062715 deg/s, w = 0.060293 deg/s. The table
     * gives phi to 5 decimals and dt to 4: the tolerances are half a unit of the last digit. */
    const struct step_case cases[] = {
        {0.6, 3.2352, 0.12845, 4.2607, 0.266, 7},
        {1.2, 1.6176, 0.06421, 2.1300, 0.133, 14},
        {3.0, 0.6470, 0.02568, 0.8520, 0.053, 37},
        {10.0, 0.1941, 0.00771, 0.2556, 0.016, 123},
    };
    double lambda_m = INTERF_C_M_S / 10.7e9;
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const struct step_case *c = &cases[k];
        double theta = 2 * sqrt(1200.0) / (c->dish_m / lambda_m);
        struct interf_epfd_step s;
        cr_assert(epsilon_eq(dbl, theta, c->theta3db_deg, 1e-4), "dish %g theta %.5f", c->dish_m,
                  theta);
        cr_assert(eq(int, interf_epfd_step_auto(550, 53 * INTERF_DEG, theta, &s, NULL),
                     INTERF_OK));
        cr_assert(epsilon_eq(dbl, s.ws_deg_s, 0.062715, 5e-7));
        cr_assert(epsilon_eq(dbl, s.w_deg_s, 0.060293, 5e-7));
        cr_assert(epsilon_eq(dbl, s.phi_deg, c->phi_deg, 5.01e-6), "dish %g phi %.6f",
                  c->dish_m, s.phi_deg);
        cr_assert(epsilon_eq(dbl, s.dt_s, c->dt_s, 5.01e-5), "dish %g dt %.5f", c->dish_m,
                  s.dt_s);
        cr_assert(epsilon_eq(dbl, s.dt_ref_s, c->dt_ref_s, 1e-12), "dish %g dt_ref %.4f",
                  c->dish_m, s.dt_ref_s);
        cr_assert(eq(int, s.n_coarse, c->n_coarse));
    }
}

Test(epfd, step_auto_never_rounds_to_zero)
{
    /* A 0.001 deg beam crossed in well under 16 ms still gets the 1 ms floor of §D4.2. */
    struct interf_epfd_step s;
    cr_assert(eq(int, interf_epfd_step_auto(550, 53 * INTERF_DEG, 0.001, &s, NULL), INTERF_OK));
    cr_assert(epsilon_eq(dbl, s.dt_ref_s, 0.001, 0.0));
}

Test(epfd, step_auto_rejects_bad_input)
{
    struct interf_epfd_step s;
    struct interf_error err;
    cr_assert(eq(int, interf_epfd_step_auto(-1, 0, 1, &s, &err), INTERF_EINPUT));
    cr_assert(eq(int, interf_epfd_step_auto(550, 0, 0, &s, &err), INTERF_EINPUT));
}

Test(epfd, statistical_minimum_number_of_steps)
{
    /* S.1503-4 §D4.6 Table 13 worked example: p_max = 99.999 % -> 1 000 000 steps (N_S = 10);
     * 99.9 % -> 10 000 steps; Table 22-1A 0.6 m has 99.997 % -> 333 334 (ceil of 333 333.3). */
    cr_assert(epsilon_eq(dbl, interf_epfd_min_steps(99.999), 1e6, 0.0));
    cr_assert(epsilon_eq(dbl, interf_epfd_min_steps(99.9), 1e4, 0.0));
    cr_assert(epsilon_eq(dbl, interf_epfd_min_steps(99.997), 333334.0, 0.0));
    cr_assert(epsilon_eq(dbl, interf_epfd_min_steps(100.0), 0.0, 0.0));
}

/* xorshift64*: a fixed-seed generator so that the sampled directions never change */
static double uniform(unsigned long long *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return (double)((*s * 2685821657736338717ULL) >> 11) / 9007199254740992.0;
}

/* The off-axis angle of knot k of table g: s = sin(theta / 2) = k / n */
static double knot_deg(const struct epfd_gain *g, int k)
{
    return 2 * asin((double)k / g->n) / INTERF_DEG;
}

/* 1 when every cell of [k0, k1) of table g, read at fractions x, gives the bits of cell c */
static int reads_as(const struct epfd_gain *g, int k0, int k1, int c)
{
    const float xs[] = {0.0f, 0.25f, 0.5f, 0.999f};
    for (int k = k0; k < k1; k++)
        for (size_t j = 0; j < sizeof xs / sizeof xs[0]; j++) {
            float a = g->vs[2 * c] + xs[j] * g->vs[2 * c + 1];
            float b = g->vs[2 * k] + xs[j] * g->vs[2 * k + 1];
            if (memcmp(&a, &b, sizeof a) != 0)
                return 0;
        }
    return 1;
}

Test(epfd, gain_table_flat_parts_are_the_patterns_floors)
{
    /* Rec. ITU-R S.1528 rec. 1.2, Gm = 35 dBi, psi_b = 1.5 deg, LN = -20 dB, LF = 0 dBi, z = 1:
     * the far side lobe is LF from Y = b psi_b 10^(0.04 (Gm + LN - LF)) = 6.32 x 1.5 x 10^0.6
     * = 37.73 deg to 90 deg, then LB = max(15 + LN + 0.25 Gm + 5 log z, 0) = 3.75 dBi to 180
     * deg. The kernel reads a look-up in the longest flat run, or past the flat end, from the
     * first cell (one cache line for most pairs): the same bits wherever it falls. */
    const struct interf_pattern_def *d = interf_pattern_find("S.1528:1.2");
    const char *keys[] = {"gain_max_dbi", "half_beamwidth_deg"};
    const double vals[] = {35, 1.5};
    struct interf_antenna a;
    cr_assert(eq(int, interf_antenna_init_named(&a, d, keys, vals, 2, NULL, 12, NULL, NULL),
                 INTERF_OK));
    struct epfd_gain g;
    cr_assert(eq(int, epfd_gain_build(&g, &a, 1 << 15, 0, NULL), INTERF_OK));
    /* each boundary within a cell of where the pattern puts it */
    const double y_deg = 6.32 * 1.5 * pow(10.0, 0.6);
    cr_assert(knot_deg(&g, g.run0 - 1) <= y_deg && y_deg <= knot_deg(&g, g.run0 + 1),
              "run from %.4f deg, Y %.4f", knot_deg(&g, g.run0), y_deg);
    int to = g.run0 + g.run_n;
    cr_assert(knot_deg(&g, to - 1) <= 90 && 90 <= knot_deg(&g, to + 1), "to %.4f",
              knot_deg(&g, to));
    cr_assert(knot_deg(&g, g.flat - 1) <= 90 && 90 <= knot_deg(&g, g.flat + 1), "end %.4f",
              knot_deg(&g, g.flat));
    cr_assert(eq(flt, g.vs[2 * g.run0], 1.0f)); /* 0 dBi */
    cr_assert(epsilon_eq(flt, g.vs[2 * g.flat], powf(10.0f, 0.375f), 1e-6f)); /* 3.75 dBi */
    cr_assert(reads_as(&g, g.run0, g.run0 + g.run_n, g.run0));
    cr_assert(reads_as(&g, g.flat, g.n, g.flat));
    /* and the cells on either side of the run are not flat: it is the whole run */
    cr_assert(not(reads_as(&g, g.run0 - 1, g.run0, g.run0)));
    /* the squared chords from which the pair loops take a flat part's value: by their
     * definition, the least q whose cell (int)(sqrt(q) h), in float, is the part's first */
    const int firsts[] = {g.run0, g.run0 + g.run_n, g.flat};
    const float h = (float)g.n * 0.5f;
    for (size_t k = 0; k < sizeof firsts / sizeof firsts[0]; k++) {
        float q = epfd_chord_from(h, firsts[k]);
        int at = (int)(sqrtf(q) * h), before = (int)(sqrtf(nextafterf(q, 0)) * h);
        cr_assert(at >= firsts[k] && before < firsts[k], "cell %d: q %.9g", firsts[k], (double)q);
        double qd = epfd_chord_from64(h, firsts[k]);
        at = (int)(sqrt(qd) * h), before = (int)(sqrt(nextafter(qd, 0)) * h);
        cr_assert(at >= firsts[k] && before < firsts[k], "cell %d: q %.17g", firsts[k], qd);
    }
    cr_assert(isinf(epfd_chord_from(h, 46341))); /* sqrt(8) h = 46340.95: out of its reach */
    epfd_gain_free(&g);
}

Test(epfd, alpha_table_bounds_hold_against_the_exact_angle, .timeout = 60)
{
    /* The table's promise: |lookup - exact| <= the cell's bound, for directions above the
     * horizon at several latitudes of both hemispheres; and the bound is tight enough that for
     * alpha0 = 10 deg fewer than 0.5 % of directions need the exact solution (measured: 0.02 to
     * 0.05 %). Exact: S.1503-4 §D6.4.4 through interf_gso_arc_alpha (itself tested against a
     * brute-force search). */
    const double lats[] = {0.0, 23.5, -45.0, 60.0, -75.0, 81.0}, alpha0 = 10 * INTERF_DEG;
    unsigned long long seed = 0x9E3779B97F4A7C15ULL;
    for (size_t k = 0; k < sizeof lats / sizeof lats[0]; k++) {
        struct interf_alpha_table *t;
        cr_assert(eq(int, interf_alpha_table_create(lats[k] * INTERF_DEG, 0, 128, &t, NULL),
                     INTERF_OK));
        int undecided = 0, total = 4000;
        for (int m = 0; m < total; m++) {
            /* uniform on the upper hemisphere */
            double u = uniform(&seed), ph = 2 * INTERF_PI * uniform(&seed);
            double h = sqrt(1 - u * u), e = h * cos(ph), n = h * sin(ph);
            float bound;
            double got = interf_alpha_table_lookup(t, (float)e, (float)n, (float)u, &bound);
            double want = interf_alpha_table_exact(t, e, n, u);
            cr_assert(fabs(got - want) <= bound + 2e-6, "lat %g dir (%g %g %g): %g vs %g, bound %g",
                      lats[k], e, n, u, got, want, (double)bound);
            undecided += fabs(got - alpha0) <= bound;
        }
        cr_assert(undecided < total / 200, "lat %g: %d of %d directions undecided by the table",
                  lats[k], undecided, total);
        interf_alpha_table_destroy(t);
    }
}

Test(epfd, alpha_table_above_an_elevation_holds_there, .timeout = 60)
{
    /* interf_alpha_table_create_above's promise: the same bound against the exact angle
     * (S.1503-4 §D6.4.4, interf_gso_arc_alpha) for every direction at or above its elevation,
     * here 40 deg (the epfd up runs of the footprints) and 10 deg, at the full table's
     * resolution: a lookup there agrees with the full table's within their two bounds. */
    const double lats[] = {0.0, 35.0, -52.0, 70.0}, elevs[] = {40.0, 10.0};
    unsigned long long seed = 0xD1B54A32D192ED03ULL;
    for (size_t k = 0; k < sizeof lats / sizeof lats[0]; k++)
        for (size_t j = 0; j < 2; j++) {
            struct interf_alpha_table *t, *full;
            cr_assert(eq(int, interf_alpha_table_create_above(lats[k] * INTERF_DEG, 0, 128,
                                                              elevs[j], &t, NULL), INTERF_OK));
            cr_assert(eq(int, interf_alpha_table_create(lats[k] * INTERF_DEG, 0, 128, &full,
                                                        NULL), INTERF_OK));
            double u_min = sin(elevs[j] * INTERF_DEG);
            for (int m = 0; m < 2000; m++) { /* uniform on the cap above the elevation */
                double u = u_min + (1 - u_min) * uniform(&seed), ph = 2 * INTERF_PI *
                                                                      uniform(&seed);
                double h = sqrt(1 - u * u), e = h * cos(ph), n = h * sin(ph);
                float b, bf;
                double got = interf_alpha_table_lookup(t, (float)e, (float)n, (float)u, &b);
                double ref = interf_alpha_table_lookup(full, (float)e, (float)n, (float)u, &bf);
                double want = interf_alpha_table_exact(t, e, n, u);
                cr_assert(fabs(got - want) <= b + 2e-6, "lat %g el >= %g: %g vs %g, bound %g",
                          lats[k], elevs[j], got, want, (double)b);
                cr_assert(fabs(got - ref) <= b + bf + 4e-6);
            }
            interf_alpha_table_destroy(t);
            interf_alpha_table_destroy(full);
        }
}

Test(epfd, alpha_verdicts_hold_against_the_exact_angle, .timeout = 60)
{
    /* The cells' verdicts (epfd_alpha_codes) that spare the kernel most look-ups: where a cell
     * says on, the exact |alpha| (S.1503-4 §D6.4.4, interf_alpha_table_exact) is above alpha0,
     * where it says off, below, for directions above the horizon at several latitudes; and few
     * directions are left to the look-up (measured: 1.1 to 3.0 % for alpha0 = 10 deg). */
    const double lats[] = {0.0, 23.5, -45.0, 60.0, 75.0}, alpha0 = 10 * INTERF_DEG;
    unsigned long long seed = 0x2545F4914F6CDD1DULL;
    uint32_t *code = malloc(EPFD_ALPHA_WORDS * sizeof *code);
    for (size_t k = 0; k < sizeof lats / sizeof lats[0]; k++) {
        struct interf_alpha_table *t;
        cr_assert(eq(int, interf_alpha_table_create(lats[k] * INTERF_DEG, 0, EPFD_ALPHA_CELLS,
                                                    &t, NULL), INTERF_OK));
        const float *node, *bound;
        epfd_alpha_raw(t, &node, &bound);
        epfd_alpha_codes(node, bound, 1, (float)alpha0, code);
        int mixed = 0, total = 20000;
        for (int m = 0; m < total; m++) {
            double u = uniform(&seed), ph = 2 * INTERF_PI * uniform(&seed);
            double h = sqrt(1 - u * u), e = h * cos(ph), n = h * sin(ph);
            /* the cell of the direction's stereographic coordinates (kernel_run.c, ALPHA_CELL) */
            int ix = (int)((e / (1 + u) + EPFD_ALPHA_EXTENT) * EPFD_ALPHA_SCALE);
            int iy = (int)((n / (1 + u) + EPFD_ALPHA_EXTENT) * EPFD_ALPHA_SCALE);
            int c = iy * EPFD_ALPHA_CELLS + ix, v = (int)(code[c / 16] >> (2 * (c % 16))) & 3;
            double exact = interf_alpha_table_exact(t, e, n, u);
            cr_assert(v != EPFD_CODE_ON || exact > alpha0, "lat %g: on, exact %g", lats[k],
                      exact / INTERF_DEG);
            cr_assert(v != EPFD_CODE_OFF || exact < alpha0, "lat %g: off, exact %g", lats[k],
                      exact / INTERF_DEG);
            mixed += v == EPFD_CODE_MIXED;
        }
        cr_assert(mixed < total / 20, "lat %g: %d of %d directions left", lats[k], mixed, total);
        interf_alpha_table_destroy(t);
    }
    free(code);
}

Test(epfd, alpha_table_refuses_a_latitude_without_arc)
{
    /* acos(Re/Rgeo) = 81.30 deg: from 85 deg no GSO satellite is above the horizon */
    struct interf_alpha_table *t;
    struct interf_error err;
    cr_assert(eq(int, interf_alpha_table_create(85 * INTERF_DEG, 0, 16, &t, &err), INTERF_EINPUT));
    cr_assert(t == NULL);
}

Test(epfd, bins_round_down_exactly)
{
    /* S.1503-4 §D7: each sample rounded down to 0.1 dB. Reference: floor(100 log10 x) in long
     * double (18 significant digits) for values away from an edge, and the edges themselves. */
    static struct interf_epfd_bins b;
    interf_epfd_bins_init(&b);
    unsigned long long seed = 12345;
    for (int m = 0; m < 200000; m++) {
        double db = -300.0 + 220.0 * uniform(&seed);
        double x = pow(10.0, db / 10.0);
        long double t = 100.0L * log10l((long double)x);
        if (fabsl(t - floorl(t)) < 1e-9L || fabsl(t - ceill(t)) < 1e-9L)
            continue; /* within rounding of an edge: covered below */
        int want = (int)floorl(t) - INTERF_EPFD_LEVEL_MIN;
        cr_assert(eq(int, interf_epfd_bin(&b, x, NULL), want), "%.12g dB", db);
    }
    /* -165.3 dB is bin -1653, not -1654 (a pitfall of fp32 binning): the edge itself
     * belongs to its bin, the next double below it to the bin under it. */
    double e = b.edge[-1653 - INTERF_EPFD_LEVEL_MIN];
    cr_assert(eq(int, interf_epfd_bin(&b, e, NULL), -1653 - INTERF_EPFD_LEVEL_MIN));
    cr_assert(eq(int, interf_epfd_bin(&b, nextafter(e, 0), NULL), -1654 - INTERF_EPFD_LEVEL_MIN));
    /* no contributor -> the -300.0 floor bin; -70 dB clamps to the top bin and says so */
    int clamped;
    cr_assert(eq(int, interf_epfd_bin(&b, 0.0, &clamped), 0));
    cr_assert(eq(int, clamped, 0));
    cr_assert(eq(int, interf_epfd_bin(&b, 1e-7, &clamped), INTERF_EPFD_NBINS - 1));
    cr_assert(eq(int, clamped, 1));
}

static int cmp_int(const void *a, const void *b)
{
    return (*(const int *)a > *(const int *)b) - (*(const int *)a < *(const int *)b);
}

Test(epfd, histogram_statistics_match_a_sorted_series)
{
    /* Brute force over the rounded series (S.1503-4 §D7): sort the levels; exceed(L) = share of
     * samples above L; pNN = the lowest L with exceed(L) <= 100 - NN; max = the largest. */
    enum { N = 10007 };
    static uint32_t h[INTERF_EPFD_NBINS];
    static int lv[N];
    unsigned long long seed = 777;
    memset(h, 0, sizeof h);
    for (int m = 0; m < N; m++) {
        /* a skewed series: mostly around -190 dB, a tail up to -150 */
        double u = uniform(&seed);
        lv[m] = (int)floor(10 * (-190.0 + 40.0 * u * u * u));
        h[lv[m] - INTERF_EPFD_LEVEL_MIN]++;
    }
    qsort(lv, N, sizeof lv[0], cmp_int);
    const struct interf_hist hh = {INTERF_EPFD_LEVEL_MIN, INTERF_EPFD_NBINS, h, NULL};
    cr_assert(eq(i32, interf_hist_max(&hh), lv[N - 1]));
    const double ps[] = {0.0, 50.0, 90.0, 99.0, 99.9, 99.99, 100.0};
    for (size_t k = 0; k < sizeof ps / sizeof ps[0]; k++) {
        /* every integer level from the top down: exceedance grows as L falls */
        int want = INTERF_EPFD_LEVEL_MIN;
        for (int L = lv[N - 1]; L >= lv[0] - 1; L--) {
            int above = 0;
            for (int m = N - 1; m >= 0 && lv[m] > L; m--)
                above++;
            if (100.0 * above / N > 100.0 - ps[k] + 1e-9)
                break;
            want = L;
        }
        if (ps[k] == 0.0)
            want = INTERF_EPFD_LEVEL_MIN; /* every level is exceeded at most 100 % of the time */
        cr_assert(eq(i32, interf_hist_percentile(&hh, ps[k]), want), "p%g", ps[k]);
    }
    /* exceed: strictly above the level */
    int count = 0;
    for (int m = 0; m < N; m++)
        count += lv[m] > -1700;
    cr_assert(epsilon_eq(dbl, interf_hist_exceed(&hh, -1700), 100.0 * count / N, 1e-12));
}

/* ------------------------------------------------------------------ the kernel */

/* One satellite at 550 km (nadir beam 35 dBi, S.1528 rec. 1.2) and a second optional one. */
#define SAT_ANTENNA                                                                                \
    "[system]\nname = t\nepoch_utc = 2025-01-01T00:00:00Z\nband_ghz = 10.7-12.7\n"                 \
    "[antenna a]\npattern = S.1528:1.2\ngain_max_dbi = 35\nhalf_beamwidth_deg = 1.5\n"             \
    "[beam b]\nantenna = a\npower_dbw = -40\n"

/* An earth-station dish of the catalogue pattern `name` at freq_ghz. */
static struct interf_antenna es_pattern(const char *name, double dish_m, double freq_ghz)
{
    struct interf_antenna ant;
    const struct interf_pattern_def *d = interf_pattern_find(name);
    double v[INTERF_PATTERN_MAXKEYS] = {0};
    int given[INTERF_PATTERN_MAXKEYS] = {0};
    v[interf_pattern_key_index(d, "diameter_m")] = dish_m;
    given[interf_pattern_key_index(d, "diameter_m")] = 1;
    cr_assert(eq(int, interf_antenna_init(&ant, d, v, given, freq_ghz, NULL), INTERF_OK));
    return ant;
}

static struct interf_antenna es_dish(double dish_m)
{
    return es_pattern("S.1428", dish_m, 10.72);
}

/* n steps of step_s from the system's epoch. */
static struct interf_time_window window(const struct interf_system *sys, double step_s, long n)
{
    struct interf_time_window w = {interf_system_info(sys)->epoch_unix_s, step_s, n, 0};
    return w;
}

/* Run one point for n steps; returns the series (caller frees). */
static float *run_point(const struct interf_system *sys, const struct interf_antenna *es,
                        double lat, double lon, enum interf_es_pointing pt, double az,
                        double el, long n, int threads)
{
    struct interf_earth *earth;
    interf_earth_create(INTERF_EARTH_SPHERE, &earth, NULL);
    struct interf_epfd_spec spec = {.sys = sys, .earth = earth, .es = es, .pointing = pt,
                                    .az_deg = az, .el_deg = el, .eps_gso_deg = 10,
                                    .n_points = 1, .lat_deg = &lat, .lon_deg = &lon,
                                    .window = window(sys, 1, n), .threads = threads};
    struct interf_epfd_plan *plan;
    struct interf_error err;
    cr_assert(eq(int, interf_epfd_plan_create(&spec, &plan, &err), INTERF_OK), "%s", err.msg);
    float *series = malloc((size_t)n * sizeof *series);
    struct interf_epfd_out out = {.series = series};
    cr_assert(eq(int, interf_epfd_run(plan, &out, NULL, NULL, &err), INTERF_OK), "%s", err.msg);
    interf_epfd_plan_destroy(plan);
    interf_earth_destroy(earth);
    return series;
}

Test(epfd, zenith_satellite_gives_eirp_minus_spreading_loss)
{
    /* Hand derivation (RR No. 22.5C.1 with one transmitter on both boresights): the satellite
     * over (0 N, 0 E) at h = 550 km, nadir beam, the dish pointing at the zenith, so
     * Gt = Gmax = 35 dBi and Gr/Gr,max = 1:
     *   epfd = P + Gt - 10 log10(4 pi d^2) = -40 + 35 - 10 log10(4 pi (550e3 m)^2)
     *        = -5 - 125.7920 = -130.7920 dB(W/m2)   (10 log10(4 pi 3.025e11) = 125.79205).
     * Through the fp32 tables: within 0.01 dB. */
    struct interf_system *sys = system_from(SAT_ANTENNA
        "[orbit o]\ntype = elements\naltitude_km = 550\ninclination_deg = 0\nbeams = b\n");
    struct interf_antenna es = es_dish(0.6);
    float *v = run_point(sys, &es, 0, 0, INTERF_ES_AZEL, 0, 90, 1, 1);
    double want = -40 + 35 - 10 * log10(4 * INTERF_PI * 550e3 * 550e3);
    cr_assert(epsilon_eq(dbl, v[0], want, 0.01), "%.5f vs %.5f", v[0], want);
    free(v);
    interf_system_destroy(sys);
}

Test(epfd, off_axis_dish_adds_its_relative_gain)
{
    /* The same satellite seen 2 deg off the dish's axis (the dish tilted to elevation 88 deg):
     * epfd = -130.7920 + G(2 deg) - Gmax of S.1428 (0.6 m at 10.72 GHz), the relative gain taken
     * from the pattern function itself. */
    struct interf_system *sys = system_from(SAT_ANTENNA
        "[orbit o]\ntype = elements\naltitude_km = 550\ninclination_deg = 0\nbeams = b\n");
    struct interf_antenna es = es_dish(0.6);
    float *v = run_point(sys, &es, 0, 0, INTERF_ES_AZEL, 0, 88, 1, 1);
    double want = -40 + 35 - 10 * log10(4 * INTERF_PI * 550e3 * 550e3) +
                  interf_antenna_gain_dbi(&es, 2.0) - es.gain_max_dbi;
    cr_assert(epsilon_eq(dbl, v[0], want, 0.01), "%.5f vs %.5f", v[0], want);
    free(v);
    interf_system_destroy(sys);
}

Test(epfd, two_symmetric_satellites_add_3_db)
{
    /* Two equatorial satellites 1 deg of anomaly either side of the point's zenith: equal range,
     * equal off-axis angles at both ends, so the sum is twice one: +10 log10(2) = 3.0103 dB. */
    struct interf_system *one = system_from(SAT_ANTENNA
        "[orbit a]\ntype = elements\naltitude_km = 550\ninclination_deg = 0\n"
        "mean_anomaly_deg = 1\nbeams = b\n");
    struct interf_system *two = system_from(SAT_ANTENNA
        "[orbit a]\ntype = elements\naltitude_km = 550\ninclination_deg = 0\n"
        "mean_anomaly_deg = 1\nbeams = b\n"
        "[orbit c]\ntype = elements\naltitude_km = 550\ninclination_deg = 0\n"
        "mean_anomaly_deg = -1\nbeams = b\n");
    struct interf_antenna es = es_dish(1.2);
    float *a = run_point(one, &es, 0, 0, INTERF_ES_AZEL, 0, 90, 1, 1);
    float *b = run_point(two, &es, 0, 0, INTERF_ES_AZEL, 0, 90, 1, 1);
    cr_assert(epsilon_eq(dbl, b[0] - a[0], 3.0103, 0.001), "%.5f", b[0] - a[0]);
    free(a);
    free(b);
    interf_system_destroy(one);
    interf_system_destroy(two);
}

Test(epfd, station_keeping_moves_the_node_across_the_run)
{
    /* S.1503-4 §D6.3.6 case 2: Omega = Omega0 + Omega_dot t + W_delta (2 (t - t0) / T_run - 1),
     * the run's length T_run = n_steps x step_s. A run of 2 steps of 1 s: at step 0 the node is
     * offset by -W_delta, at step 1 by W_delta (2 / 2 - 1) = 0. With W_delta = 3 deg, step 0 of
     * the satellite with station keeping is step 0 of the same satellite without it and its node
     * 3 deg west, and step 1 is step 1 of the satellite without it. The earth station looks at
     * the zenith under the unperturbed satellite (ascending node at 10 E, at t = 0): 3 deg of
     * node (330 km) take it far out of the dish's main beam, so the offset shows by many dB. */
#define SK_ORBIT(lan, sk)                                                                          \
    "[orbit a]\ntype = elements\naltitude_km = 550\ninclination_deg = 53\nlan_deg = " lan      \
    "\nmean_anomaly_deg = 0\nbeams = b\n" sk
    struct interf_system *sk = system_from(SAT_ANTENNA SK_ORBIT("10", "station_keeping_deg = 3\n"));
    struct interf_system *west = system_from(SAT_ANTENNA SK_ORBIT("7", ""));
    struct interf_system *mid = system_from(SAT_ANTENNA SK_ORBIT("10", ""));
    struct interf_antenna es = es_dish(0.6);
    float *a = run_point(sk, &es, 0, 10, INTERF_ES_AZEL, 0, 90, 2, 1);
    float *w = run_point(west, &es, 0, 10, INTERF_ES_AZEL, 0, 90, 2, 1);
    float *m = run_point(mid, &es, 0, 10, INTERF_ES_AZEL, 0, 90, 2, 1);
    cr_assert(epsilon_eq(dbl, a[0], w[0], 1e-3), "step 0: %.6f vs %.6f", a[0], w[0]);
    cr_assert(epsilon_eq(dbl, a[1], m[1], 1e-3), "step 1: %.6f vs %.6f", a[1], m[1]);
    cr_assert(lt(dbl, a[0], m[0] - 10.0), "station keeping had no effect: %.4f vs %.4f", a[0],
              m[0]);
    free(a);
    free(w);
    free(m);
    interf_system_destroy(sk);
    interf_system_destroy(west);
    interf_system_destroy(mid);
#undef SK_ORBIT
}

Test(epfd, satellite_below_the_minimum_elevation_contributes_nothing)
{
    /* 12 deg of anomaly from the point's zenith at 550 km: elevation atan((cos 12 - Re/r) /
     * sin 12) = atan((0.97815 - 0.92061) / 0.20791) = 15.5 deg; with a 25 deg minimum the
     * satellite is off, with 10 deg it is on. */
    struct interf_system *lo = system_from(SAT_ANTENNA
        "[orbit a]\ntype = elements\naltitude_km = 550\ninclination_deg = 0\n"
        "mean_anomaly_deg = 12\nmin_elevation_deg = 25\nbeams = b\n");
    struct interf_system *hi = system_from(SAT_ANTENNA
        "[orbit a]\ntype = elements\naltitude_km = 550\ninclination_deg = 0\n"
        "mean_anomaly_deg = 12\nmin_elevation_deg = 10\nbeams = b\n");
    struct interf_antenna es = es_dish(0.6);
    float *a = run_point(lo, &es, 0, 0, INTERF_ES_AZEL, 90, 30, 1, 1);
    float *b = run_point(hi, &es, 0, 0, INTERF_ES_AZEL, 90, 30, 1, 1);
    cr_assert(epsilon_eq(dbl, a[0], -300.0, 0.0), "%g", a[0]);
    cr_assert(lt(dbl, -250.0, b[0]), "%g", b[0]);
    free(a);
    free(b);
    interf_system_destroy(lo);
    interf_system_destroy(hi);
}

Test(epfd, satellite_within_alpha0_of_the_arc_is_off)
{
    /* A satellite at the zenith of an equatorial point lies on the line toward the GSO arc
     * (alpha = 0, S.1503-4 §D6.4.4): with alpha0 = 10 deg it is off, without avoidance on. */
    struct interf_system *off = system_from(SAT_ANTENNA
        "[orbit a]\ntype = elements\naltitude_km = 550\ninclination_deg = 0\n"
        "gso_avoidance_deg = 10\nbeams = b\n");
    struct interf_system *on = system_from(SAT_ANTENNA
        "[orbit a]\ntype = elements\naltitude_km = 550\ninclination_deg = 0\nbeams = b\n");
    struct interf_antenna es = es_dish(0.6);
    float *a = run_point(off, &es, 0, 0, INTERF_ES_GSO_SAME, 0, 0, 1, 1);
    float *b = run_point(on, &es, 0, 0, INTERF_ES_GSO_SAME, 0, 0, 1, 1);
    cr_assert(epsilon_eq(dbl, a[0], -300.0, 0.0), "%g", a[0]);
    cr_assert(lt(dbl, -250.0, b[0]), "%g", b[0]);
    free(a);
    free(b);
    interf_system_destroy(off);
    interf_system_destroy(on);
}

/* A small global grid (10 deg cells) of a 1584-satellite shell, 12 steps of 10 s. */
static void run_grid_in(const struct interf_system *sys, const struct interf_antenna *es,
                        int threads, size_t tile_cols, int fp64, uint32_t *hist, float *series,
                        int *used)
{
    enum { NC = 36, NR = 16 };
    static double lat[NC * NR], lon[NC * NR];
    for (int r = 0; r < NR; r++)
        for (int c = 0; c < NC; c++) {
            lat[r * NC + c] = 75 - 10 * r;
            lon[r * NC + c] = -175 + 10 * c;
        }
    struct interf_earth *earth;
    interf_earth_create(INTERF_EARTH_SPHERE, &earth, NULL);
    /* the same cells as a grid (tiled in 2-D blocks) or as a list */
    struct interf_grid_spec grid;
    cr_assert(eq(int, interf_grid_spec_init(-180, 180, -80, 80, 10, &grid, NULL), INTERF_OK));
    struct interf_epfd_spec spec = {.sys = sys, .earth = earth, .es = es,
                                    .pointing = INTERF_ES_GSO_SAME, .eps_gso_deg = 10,
                                    .grid = tile_cols ? &grid : NULL, .n_points = NC * NR,
                                    .lat_deg = lat, .lon_deg = lon, .window = window(sys, 10, 12),
                                    .threads = threads, .fp64 = fp64};
    struct interf_epfd_plan *plan;
    struct interf_error err;
    cr_assert(eq(int, interf_epfd_plan_create(&spec, &plan, &err), INTERF_OK), "%s", err.msg);
    struct interf_epfd_out out = {{NC * NR, INTERF_EPFD_NBINS, INTERF_EPFD_LEVEL_MIN, hist},
                                  series, 0, 0};
    cr_assert(eq(int, interf_epfd_run(plan, &out, NULL, NULL, &err), INTERF_OK), "%s", err.msg);
    *used = out.threads_used;
    interf_epfd_plan_destroy(plan);
    interf_earth_destroy(earth);
}

static void run_grid_as(const struct interf_system *sys, const struct interf_antenna *es,
                        int threads, size_t tile_cols, uint32_t *hist, float *series, int *used)
{
    run_grid_in(sys, es, threads, tile_cols, 0, hist, series, used);
}

static void run_grid(const struct interf_system *sys, const struct interf_antenna *es, int threads,
                     uint32_t *hist, float *series, int *used)
{
    run_grid_as(sys, es, threads, 36, hist, series, used);
}

#define SHELL                                                                                      \
    SAT_ANTENNA "[orbit s]\ntype = walker-delta\naltitude_km = 550\ninclination_deg = 53\n"      \
                "satellites = 1584\nplanes = 72\nphasing = 65\nmin_elevation_deg = 10\n"        \
                "gso_avoidance_deg = 10\nbeams = b\n"

Test(epfd, results_do_not_depend_on_the_thread_count, .timeout = 120)
{
    /* Threads take whole tiles and each point's sum runs in satellite order, so one and two
     * threads give the same bits (style.md §3.11). */
    struct interf_system *sys = system_from(SHELL);
    struct interf_antenna es = es_dish(0.6);
    size_t nh = 576 * (size_t)INTERF_EPFD_NBINS;
    uint32_t *h1 = malloc(nh * 4), *h2 = malloc(nh * 4);
    float *s1 = malloc(576 * 12 * 4), *s2 = malloc(576 * 12 * 4);
    int u1, u2;
    run_grid(sys, &es, 1, h1, s1, &u1);
    run_grid(sys, &es, 2, h2, s2, &u2);
    cr_assert(eq(int, u1, 1));
    cr_assert(eq(int, u2, 2), "two threads must really run");
    cr_assert(memcmp(h1, h2, nh * 4) == 0, "histograms differ");
    cr_assert(memcmp(s1, s2, 576 * 12 * 4) == 0, "series differ");
    /* and the run saw interference somewhere */
    int seen = 0;
    for (int i = 0; i < 576 * 12; i++)
        seen += s1[i] > -250;
    cr_assert(lt(int, 100, seen), "only %d samples above -250 dB", seen);
    free(h1), free(h2), free(s1), free(s2);
    interf_system_destroy(sys);
}

/* A point's EPFD for one satellite by direct evaluation in double: the satellite at r (km),
 * nadir beam with its orientation (deg), the earth station at st with boresight bore; the
 * azimuths about both boresights taken in the frames interf(7) defines. */
static double direct_one(const struct interf_antenna *sa, double orient_deg, double p_dbw,
                         const double r[3], const struct interf_antenna *es,
                         const struct interf_station *st, const double bore[3])
{
    double v[3], back[3], rn = sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
    double nadir[3] = {-r[0] / rn, -r[1] / rn, -r[2] / rn}, fx[3], fy[3], hx[3], hy[3];
    double bn = sqrt(bore[0] * bore[0] + bore[1] * bore[1] + bore[2] * bore[2]);
    double b[3] = {bore[0] / bn, bore[1] / bn, bore[2] / bn};
    for (int k = 0; k < 3; k++)
        v[k] = r[k] - st->ecef_km[k], back[k] = -v[k];
    interf_beam_frame(nadir, fx, fy);
    interf_station_frame(st, b, hx, hy);
    double az_t = atan2(back[0] * fy[0] + back[1] * fy[1] + back[2] * fy[2],
                        back[0] * fx[0] + back[1] * fx[1] + back[2] * fx[2]) / INTERF_DEG;
    double az_r = atan2(v[0] * hy[0] + v[1] * hy[1] + v[2] * hy[2],
                        v[0] * hx[0] + v[1] * hx[1] + v[2] * hx[2]) / INTERF_DEG;
    double gt = interf_antenna_gain2_dbi(sa, interf_angle_between(nadir, back) / INTERF_DEG,
                                         az_t - orient_deg);
    double gr = interf_antenna_gain2_dbi(es, interf_angle_between(bore, v) / INTERF_DEG, az_r);
    double d2 = (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]) * 1e6;
    return p_dbw + gt + gr - es->gain_max_dbi - 10 * log10(4 * INTERF_PI * d2);
}

/* The fp64 reference: every satellite, direct pattern functions (acos through
 * interf_angle_between, log10 inside the patterns, the azimuths about both boresights), the
 * exact alpha, double sums. */
static double reference(const struct interf_system *sys, const struct interf_antenna *es,
                        const struct interf_station *st, const double bore[3], double t)
{
    const struct interf_constellation *c = interf_system_constellation(sys);
    size_t n = interf_constellation_count(c);
    double *x = malloc(3 * n * sizeof *x), sum = 0;
    struct interf_ephem e = {x, x + n, x + 2 * n, NULL, NULL, NULL};
    interf_constellation_propagate(c, 0, n, t, NULL, INTERF_FRAME_ECEF, &e);
    for (size_t k = 0; k < n; k++) {
        const struct interf_system_orbit *o =
            interf_system_orbit(sys, interf_system_sat_orbit(sys, k));
        double r[3] = {x[k], x[n + k], x[2 * n + k]}, el, alpha;
        interf_station_look(st, r, NULL, &el, NULL);
        if (el < o->min_elevation_deg * INTERF_DEG)
            continue;
        interf_gso_arc_alpha(st->ecef_km, r, &alpha, NULL);
        if (fabs(alpha) < o->gso_avoidance_deg * INTERF_DEG)
            continue;
        for (size_t b = 0; b < o->n_beams; b++) {
            const struct interf_system_beam *bm = interf_system_beam(sys, o->beams[b]);
            const struct interf_antenna *sa = &interf_system_antenna(sys, bm->antenna)->antenna;
            sum += pow(10, direct_one(sa, bm->orientation_deg, bm->power_dbw, r, es, st, bore) /
                               10);
        }
    }
    free(x);
    return sum > 0 ? 10 * log10(sum) : -300.0;
}

/* Run the small grid (in single or double precision) and compare every 7th point's series
 * with the fp64 reference; returns the worst difference (dB). */
static double check_against_reference(const struct interf_system *sys,
                                      const struct interf_antenna *es, int fp64)
{
    uint32_t *h = malloc(576 * (size_t)INTERF_EPFD_NBINS * 4);
    float *series = malloc(576 * 12 * 4);
    int used;
    run_grid_in(sys, es, 2, 36, fp64, h, series, &used);
    struct interf_earth *earth;
    interf_earth_create(INTERF_EARTH_SPHERE, &earth, NULL);
    double worst = 0;
    int compared = 0;
    for (int i = 0; i < 576; i += 7) {
        double lat = 75 - 10 * (i / 36), lon = -175 + 10 * (i % 36), g[3], bore[3];
        struct interf_station st;
        interf_station_init(earth, lat * INTERF_DEG, lon * INTERF_DEG, 0, &st, NULL);
        interf_gso_ecef(lon * INTERF_DEG, g);
        for (int k = 0; k < 3; k++)
            bore[k] = g[k] - st.ecef_km[k];
        for (int t = 0; t < 12; t++) {
            double want = reference(sys, es, &st, bore, 10.0 * t), got = series[i * 12 + t];
            if (want <= -299 && got <= -299)
                continue;
            compared++;
            if (fabs(got - want) > worst)
                worst = fabs(got - want);
            cr_assert(epsilon_eq(dbl, got, want, 0.1), "lat %g lon %g t %d: %.4f vs %.4f", lat,
                      lon, t, got, want);
        }
    }
    cr_log_info("%s kernel vs fp64 reference: %d samples, worst %.4f dB", fp64 ? "fp64" : "fp32",
                compared, worst);
    cr_assert(lt(int, 50, compared));
    free(h);
    free(series);
    interf_earth_destroy(earth);
    return worst;
}

Test(epfd, fp32_tables_agree_with_an_fp64_direct_reference, .timeout = 120)
{
    /* The kernel's promise: fp32 results within 0.05 dB of fp64 on the benchmark scenes, and
     * 0.1 dB for the two tables together. Points over a range of latitudes, 12 steps. */
    struct interf_system *sys = system_from(SHELL);
    struct interf_antenna es = es_dish(0.6);
    check_against_reference(sys, &es, 0);
    interf_system_destroy(sys);
}

Test(epfd, fp64_kernel_agrees_with_the_fp64_reference, .timeout = 120)
{
    /* The same scene through the double-precision kernel (spec.fp64): the geometry no longer
     * rounds, so what remains is the gain tables' interpolation (the 0.1 dB budget again), and
     * it must not do worse than single precision. */
    struct interf_system *sys = system_from(SHELL);
    struct interf_antenna es = es_dish(0.6);
    double w64 = check_against_reference(sys, &es, 1), w32 = check_against_reference(sys, &es, 0);
    cr_assert(w64 <= w32 + 1e-3, "fp64 worst %.4f dB, fp32 worst %.4f dB", w64, w32);
    interf_system_destroy(sys);
}

Test(epfd, azimuth_dependent_tables_agree_with_an_fp64_direct_reference, .timeout = 120)
{
    /* The same with both patterns azimuth-dependent: an elliptical satellite beam (z = 2, major
     * axis at 30 deg) and a BO.1443 dish of 0.6 m (back lobes by planar angle), through the
     * catalogue's 2-D tables, against the direct functions at the azimuths of interf(7). */
    struct interf_system *sys = system_from(
        "[system]\nname = t\nepoch_utc = 2025-01-01T00:00:00Z\nband_ghz = 10.7-12.7\n"
        "[antenna e]\npattern = S.1528:1.2\ngain_max_dbi = 35\nhalf_beamwidth_deg = 1.5\nz = 2\n"
        "[beam b]\nantenna = e\npower_dbw = -40\norientation_deg = 30\n"
        "[orbit s]\ntype = walker-delta\naltitude_km = 550\ninclination_deg = 53\n"
        "satellites = 1584\nplanes = 72\nphasing = 65\nmin_elevation_deg = 10\n"
        "gso_avoidance_deg = 10\nbeams = b\n");
    struct interf_antenna es = es_pattern("BO.1443", 0.6, 11.7);
    cr_assert(interf_antenna_azimuthal(&es));
    check_against_reference(sys, &es, 0);
    interf_system_destroy(sys);
}

Test(epfd, culling_by_tiles_does_not_change_results, .timeout = 120)
{
    /* The same points as a grid (2-D tiles, super tiles) and as a plain list (runs of points):
     * culling only skips satellites that cannot be seen, and each point's sum runs in satellite
     * order either way, so the series are the same bits. */
    struct interf_system *sys = system_from(SHELL);
    struct interf_antenna es = es_dish(0.6);
    uint32_t *h = malloc(576 * (size_t)INTERF_EPFD_NBINS * 4);
    float *a = malloc(576 * 12 * 4), *b = malloc(576 * 12 * 4);
    int used;
    run_grid_as(sys, &es, 2, 36, h, a, &used);
    run_grid_as(sys, &es, 2, 0, h, b, &used);
    for (int i = 0; i < 576 * 12; i++)
        cr_assert(a[i] == b[i], "point %d step %d: grid %.9g, list %.9g", i / 12, i % 12, a[i],
                  b[i]);
    free(h), free(a), free(b);
    interf_system_destroy(sys);
}

Test(epfd, skipping_far_satellites_does_not_change_results, .timeout = 120)
{
    /* Over a small area satellites far from it are not propagated until they could come into
     * view (a bound on their angular speed); over the whole globe every satellite is. Two points
     * alone (skipping) and the same two among points round the globe (no skipping) give the
     * same bits, over 300 steps of 1 s. */
    struct interf_system *sys = system_from(SHELL);
    struct interf_antenna es = es_dish(0.6);
    double lat[4] = {45, 46, -45, 0}, lon[4] = {10, 11, -170, 100};
    float *series[2];
    struct interf_earth *earth;
    interf_earth_create(INTERF_EARTH_SPHERE, &earth, NULL);
    for (int k = 0; k < 2; k++) {
        struct interf_epfd_spec spec = {.sys = sys, .earth = earth, .es = &es,
                                        .pointing = INTERF_ES_GSO_SAME, .eps_gso_deg = 10,
                                        .n_points = k ? 4 : 2, .lat_deg = lat, .lon_deg = lon,
                                        .window = window(sys, 1, 300), .threads = 1};
        struct interf_epfd_plan *plan;
        cr_assert(eq(int, interf_epfd_plan_create(&spec, &plan, NULL), INTERF_OK));
        series[k] = malloc(4 * 300 * sizeof(float));
        struct interf_epfd_out out = {.series = series[k]};
        cr_assert(eq(int, interf_epfd_run(plan, &out, NULL, NULL, NULL), INTERF_OK));
        interf_epfd_plan_destroy(plan);
    }
    int seen = 0;
    for (int i = 0; i < 600; i++) {
        cr_assert(series[0][i] == series[1][i], "point %d step %d: %.9g vs %.9g", i / 300,
                  i % 300, series[0][i], series[1][i]);
        seen += series[0][i] > -250;
    }
    cr_assert(lt(int, 100, seen), "only %d samples with interference", seen);
    free(series[0]);
    free(series[1]);
    interf_earth_destroy(earth);
    interf_system_destroy(sys);
}

#define ELLIPTIC(orient)                                                                           \
    "[system]\nname = t\nepoch_utc = 2025-01-01T00:00:00Z\nband_ghz = 10.7-12.7\n"                 \
    "[antenna e]\npattern = S.1528:1.2\ngain_max_dbi = 35\nhalf_beamwidth_deg = 1.5\nz = 2\n"     \
    "[beam b]\nantenna = e\npower_dbw = -40\norientation_deg = " orient "\n"                     \
    "[orbit o]\ntype = elements\naltitude_km = 550\ninclination_deg = 0\nbeams = b\n"

Test(epfd, elliptical_beam_follows_its_orientation)
{
    /* S.1528:1.2 with z = 2: the gain falls twice as fast across the major axis as along it.
     * The satellite is over (0 N, 0 E) (the frames at t = 0 put raan 0 on the Greenwich
     * meridian), its beam at nadir; two dishes at zenith pointing, 0.1 deg north and 0.1 deg
     * east of the sub-satellite point, see it at the same off-nadir angle
     *   tan(theta) = Re sin(0.1) / (r - Re cos(0.1)) -> theta = 1.159 deg
     * and the same dish gain, but at azimuths 0 (north: the beam frame's x axis is the Earth's
     * axis) and 90 deg (east). With the major axis north (orientation 0) the north station sits
     * on the major axis; turning the ellipse by 90 deg swaps the two. Each value within 0.05 dB
     * of the direct fp64 pattern (the 2-D table's budget), and the two must differ. */
    struct interf_antenna es = es_dish(0.6);
    struct interf_earth *earth;
    interf_earth_create(INTERF_EARTH_SPHERE, &earth, NULL);
    double r[3] = {INTERF_RE_KM + 550, 0, 0}, want[2][2], got[2][2];
    const char *orient[2] = {"0", "90"};
    for (int o = 0; o < 2; o++) {
        struct interf_system *sys =
            system_from(o ? ELLIPTIC("90") : ELLIPTIC("0"));
        const struct interf_antenna *sa = &interf_system_antenna(sys, 0)->antenna;
        for (int k = 0; k < 2; k++) {
            double lat = k ? 0 : 0.1, lon = k ? 0.1 : 0;
            struct interf_station st;
            interf_station_init(earth, lat * INTERF_DEG, lon * INTERF_DEG, 0, &st, NULL);
            want[o][k] = direct_one(sa, atof(orient[o]), -40, r, &es, &st, st.up);
            float *v = run_point(sys, &es, lat, lon, INTERF_ES_AZEL, 0, 90, 1, 1);
            got[o][k] = v[0];
            free(v);
            cr_assert(epsilon_eq(dbl, got[o][k], want[o][k], 0.05), "orientation %s, %s: %.4f "
                      "vs %.4f", orient[o], k ? "east" : "north", got[o][k], want[o][k]);
        }
        interf_system_destroy(sys);
    }
    /* along the major axis the gain is higher, by several dB at 1.16 deg */
    cr_assert(lt(dbl, 1.0, got[0][0] - got[0][1]), "%.3f %.3f", got[0][0], got[0][1]);
    cr_assert(epsilon_eq(dbl, got[0][0], got[1][1], 0.01));
    cr_assert(epsilon_eq(dbl, got[0][1], got[1][0], 0.01));
    interf_earth_destroy(earth);
}

Test(epfd, bo1443_back_lobes_follow_the_planar_angle)
{
    /* BO.1443-3 Annex 1 for 0.6 m at 11.7 GHz (D/lambda = 23.42 <= 25.5): beyond 50 deg the
     * gain depends on the planar angle theta. The dish at (0 N, 0 E) points at the zenith, where
     * its frame's x axis is east and its y axis (x cross boresight) south. A satellite at 550 km
     * seen at 30 deg elevation is phi = 60 deg off axis; due south theta = 90, due north
     * theta = 270, due east theta = 0. By hand (log10(60/50) = 0.079181):
     *   theta = 90:  M1 = (2 + 8)/log10(90/50) = 39.173; G = 39.173 * 0.079181 - 10 = -6.898
     *   theta = 270: M5 = 2/log10(120/50) = 5.2603;     G = 5.2603 * 0.079181 - 10 = -9.583
     *   theta = 0:   M3 = (2 + 0)/log10(120/50) = M5;    G = -9.583
     * (theta >= 180 and theta = 0 agree: sin theta = 0.) The satellite's nadir angle and range
     * are the same in all three directions, so south minus east is -6.898 + 9.583 = 2.685 dB.
     * Central angle of the sub-satellite point: acos(Re cos 30 / r) - 30 = 7.1353 deg. */
    struct interf_antenna es = es_pattern("BO.1443", 0.6, 11.7);
    double lam = acos(INTERF_RE_KM * cos(30 * INTERF_DEG) / (INTERF_RE_KM + 550)) / INTERF_DEG -
                 30;
    char text[1024];
    const char *dir[3] = {"south", "north", "east"};
    double got[3];
    for (int k = 0; k < 3; k++) {
        snprintf(text, sizeof text, SAT_ANTENNA "[orbit o]\ntype = elements\naltitude_km = 550\n"
                 "inclination_deg = %d\nmean_anomaly_deg = %.10f\nbeams = b\n",
                 k == 2 ? 0 : 90, k == 0 ? 360 - lam : lam);
        struct interf_system *sys = system_from(text);
        float *v = run_point(sys, &es, 0, 0, INTERF_ES_AZEL, 0, 90, 1, 1);
        got[k] = v[0];
        free(v);
        interf_system_destroy(sys);
    }
    cr_assert(epsilon_eq(dbl, got[0] - got[2], 2.685, 0.05), "south - east: %.4f",
              got[0] - got[2]);
    cr_assert(epsilon_eq(dbl, got[1] - got[2], 0.0, 0.05), "north - east: %.4f",
              got[1] - got[2]);
    /* and the absolute level: P + Gt(nadir angle) + G(60 deg, theta) - Gmax - spreading, with
     * the satellite's gain from the pattern function */
    double eta = asin(INTERF_RE_KM * cos(30 * INTERF_DEG) / (INTERF_RE_KM + 550)) / INTERF_DEG;
    double dist = (INTERF_RE_KM + 550) * sin(lam * INTERF_DEG) / cos(30 * INTERF_DEG) * 1e3;
    struct interf_system *sys = system_from(SAT_ANTENNA
        "[orbit o]\ntype = elements\naltitude_km = 550\ninclination_deg = 0\nbeams = b\n");
    double gt = interf_antenna_gain_dbi(&interf_system_antenna(sys, 0)->antenna, eta);
    double want = -40 + gt - 6.898 - es.gain_max_dbi - 10 * log10(4 * INTERF_PI * dist * dist);
    cr_assert(epsilon_eq(dbl, got[0], want, 0.05), "%s: %.4f vs %.4f", dir[0], got[0], want);
    interf_system_destroy(sys);
}
