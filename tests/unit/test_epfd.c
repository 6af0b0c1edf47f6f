/* SPDX-License-Identifier: MIT */
/* Tests of the EPFD run logic of Rec. ITU-R S.1503-4 Part D4. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interf.h"
#include "interf/epfd.h"

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
    /* -165.3 dB is bin -1653, not -1654 (the fp32 pitfall of performance.md): the edge itself
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
    cr_assert(eq(i32, interf_epfd_hist_max(h), lv[N - 1]));
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
        cr_assert(eq(i32, interf_epfd_hist_percentile(h, ps[k]), want), "p%g", ps[k]);
    }
    /* exceed: strictly above the level */
    int count = 0;
    for (int m = 0; m < N; m++)
        count += lv[m] > -1700;
    cr_assert(epsilon_eq(dbl, interf_epfd_hist_exceed(h, -1700), 100.0 * count / N, 1e-12));
}
