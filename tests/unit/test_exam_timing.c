/* SPDX-License-Identifier: MIT */
/* Tests of the time step, run length and dual time step of Rec. ITU-R S.1503-4 Part D4
 * (interf/exam.h). */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <string.h>

#include "interf/exam.h"
#include "interf/limits.h"

/* The step at h = 550 km, i = 53 deg, 10.7 GHz for a beam of full width theta_deg */
static double step_550(double theta_deg, int *n_coarse)
{
    struct interf_exam_pass p;
    cr_assert(eq(int, interf_exam_pass(550, 53 * INTERF_DEG, theta_deg, &p, NULL), INTERF_OK));
    *n_coarse = interf_exam_n_coarse(INTERF_EXAM_NHIT, theta_deg);
    return interf_exam_fine_step_s(p.dt_s, INTERF_EXAM_NHIT);
}

Test(exam_timing, worked_example_under_both_beamwidth_conventions)
{
    /* itu-reference §3.4, hand-derived from S.1503-4 §D4.2: h = 550 km, i = 53 deg, 10.7 GHz.
     * S.1428 main lobe 2 sqrt(1200)/(D/lambda): steps 0.266 / 0.133 / 0.053 / 0.016 s, Ncoarse
     * 7 / 14 / 37 / 123. The Bureau's 70 lambda/D: 0.269 / 0.135 / 0.054 / 0.016 s (same
     * reference); theta3dB 3.26877 deg for 0.6 m (70 x 0.0280180 / 0.6). */
    const double dish[] = {0.6, 1.2, 3.0, 10.0};
    const double s1428[] = {0.266, 0.133, 0.053, 0.016}, bureau[] = {0.269, 0.135, 0.054, 0.016};
    const int nc1428[] = {7, 14, 37, 123};
    cr_assert(epsilon_eq(dbl, interf_exam_beamwidth_deg(INTERF_BEAMWIDTH_70_LAMBDA_D, 0.6, 10.7),
                         3.26877, 5e-6));
    for (int k = 0; k < 4; k++) {
        int nc;
        double t = interf_exam_beamwidth_deg(INTERF_BEAMWIDTH_S1428, dish[k], 10.7);
        cr_assert(epsilon_eq(dbl, step_550(t, &nc), s1428[k], 1e-12), "dish %g", dish[k]);
        cr_assert(eq(int, nc, nc1428[k]));
        t = interf_exam_beamwidth_deg(INTERF_BEAMWIDTH_70_LAMBDA_D, dish[k], 10.7);
        cr_assert(epsilon_eq(dbl, step_550(t, &nc), bureau[k], 1e-12), "dish %g", dish[k]);
    }
    cr_assert(isnan(interf_exam_beamwidth_deg(INTERF_BEAMWIDTH_S1428, 0, 10.7)));
}

/* The Bureau's MCSAT_LEO_Ka case: Walker star 774 / 18 at 1200 km, 87.9 deg; 1 m at 17.8 GHz */
static struct interf_exam_timing mcsat(enum interf_exam_beamwidth conv)
{
    static const struct interf_exam_shell shell = {INTERF_RE_KM + 1200, 0, 87.9 * INTERF_DEG, 0};
    struct interf_exam_timing_request req = {
        .theta3db_deg = interf_exam_beamwidth_deg(conv, 1.0, 17.8),
        .n_shells = 1, .shells = &shell, .n_sats = 774, .p_max_pct = 99.999};
    struct interf_exam_timing t;
    struct interf_error err = {0};
    cr_assert(eq(int, interf_exam_timing(&req, &t, &err), INTERF_OK), "%s", err.msg);
    return t;
}

Test(exam_timing, bureau_mcsat_case_step_and_run_length)
{
    /* The Bureau ran 4.256 s steps and 23 811 330 steps (itu-reference §3.4): with 70 lambda/D
     * the step of 16 hits is 0.213 s, Ncoarse = floor(16 x 1.5 / 1.17896) = 20, the run over
     * 10^8 steps, so N'hit = 16 / min(20, sqrt(774) = 27.8) = 0.8 (S.1503-4 §D4.1) and
     * N'coarse = floor(0.8 x 20 / 16) = 1. The run length T_period N_orbits is not changed by
     * N'hit: within 0.1 % of the Bureau's count. The nodal period 6572.824 s is itu-reference
     * §3.5's check value for this shell. */
    struct interf_exam_timing t = mcsat(INTERF_BEAMWIDTH_70_LAMBDA_D);
    cr_assert(epsilon_eq(dbl, t.dt_fine_16_s, 0.213, 1e-12));
    cr_assert(eq(int, t.n_coarse_16, 20));
    cr_assert(eq(int, t.reduced, 1));
    cr_assert(epsilon_eq(dbl, t.nhit, 0.8, 1e-12));
    cr_assert(epsilon_eq(dbl, t.dt_fine_s, 4.256, 1e-12));
    cr_assert(eq(int, t.n_coarse, 1));
    cr_assert(epsilon_eq(dbl, t.t_period_s, 6572.824, 5e-4));
    cr_assert(epsilon_eq(dbl, (double)t.n_steps, 23811330.0, 23811.33), "%lld steps",
              (long long)t.n_steps);
    cr_assert(epsilon_eq(dbl, t.n_min, 1e6, 0.0));
    /* the S.1428 main-lobe width 1.16687 deg gives 0.211 s before the reduction */
    t = mcsat(INTERF_BEAMWIDTH_S1428);
    cr_assert(epsilon_eq(dbl, t.dt_fine_16_s, 0.211, 1e-12));
}

Test(exam_timing, non_repeating_terms_by_hand)
{
    /* S.1503-4 §D4.6.2 steps 1-13 for 550 km, 53 deg, the 0.6 m S.1428 beam at 10.7 GHz
     * (theta3dB 3.235238 deg, phi 0.128447 deg, step 0.266 s), evaluated by hand from the
     * printed formulas with the Table 2 constants: T_period = 5735.455 s (itu-reference §3.5
     * check value), S_pass = 24.261183 deg, S_req = 2 phi / 16 = 0.0160559 deg, N_orbits =
     * RoundUp(180 / S_req) = 11211, N360 = floor(11211 x 24.261183 / 360) = 755, S_actual =
     * 360 x 755 / 11211 = 24.244046 deg, S_art = -0.0171366 deg/orbit, D_art = S_art /
     * T_period = -2.98783e-6 deg/s, N_steps = floor(5735.455 x 11211 / 0.266) = 241 730 017.
     * One satellite: N'hit = 16 / min(7, 1) = 16 leaves it all unchanged. */
    const struct interf_exam_shell shell = {INTERF_RE_KM + 550, 0, 53 * INTERF_DEG, 0};
    struct interf_exam_timing_request req = {
        .theta3db_deg = interf_exam_beamwidth_deg(INTERF_BEAMWIDTH_S1428, 0.6, 10.7),
        .n_shells = 1, .shells = &shell, .n_sats = 1, .p_max_pct = 99.999};
    struct interf_exam_timing t;
    cr_assert(eq(int, interf_exam_timing(&req, &t, NULL), INTERF_OK));
    cr_assert(epsilon_eq(dbl, t.t_period_s, 5735.455, 5e-4));
    cr_assert(epsilon_eq(dbl, t.s_pass_deg, 24.261183, 5e-7));
    cr_assert(epsilon_eq(dbl, t.s_req_deg, 0.0160559, 5e-8));
    cr_assert(eq(i64, t.n_orbits, 11211));
    cr_assert(eq(i64, t.n360, 755));
    cr_assert(epsilon_eq(dbl, t.s_art_deg, -0.0171366, 5e-8));
    cr_assert(epsilon_eq(dbl, t.d_art_deg_s, -2.98783e-6, 5e-11));
    cr_assert(eq(i64, t.n_steps, 241730017));
    cr_assert(epsilon_eq(dbl, t.dt_fine_s, 0.266, 1e-12));
}

Test(exam_timing, non_repeating_run_reaches_n_min)
{
    /* A 10 m dish at 0.15 deg beamwidth on a 20 000 km orbit: steps 1-13 give fewer steps
     * than N_min = 10^6, so N_orbits is scaled by RoundUp(N_min / N_steps) and steps 8-13 are
     * repeated (the rule where the Recommendation is silent): at least N_min steps. */
    const struct interf_exam_shell shell = {INTERF_RE_KM + 20000, 0, 55 * INTERF_DEG, 0};
    struct interf_exam_timing_request req = {.theta3db_deg = 2.0, .n_shells = 1,
                                             .shells = &shell, .n_sats = 24,
                                             .p_max_pct = 99.999};
    struct interf_exam_timing t;
    cr_assert(eq(int, interf_exam_timing(&req, &t, NULL), INTERF_OK));
    cr_assert(gt(i64, t.nmin_factor, 1));
    cr_assert(ge(i64, t.n_steps, 1000000));
    cr_assert(lt(dbl, (double)t.n_steps, 1e6 * (1 + 1.0 / (double)(t.nmin_factor - 1))));
}

Test(exam_timing, repeating_run_revises_a_dividing_step)
{
    /* S.1503-4 §D4.6.1 by hand: step 0.266 s (the 0.6 m case), P_repeat = 266 s = 1000 steps
     * exactly, so T'step = 0.266 x 1001 / 1000 = 0.266266 s; p_max 99.9 % -> N_min = 10^4,
     * T_sig = 2662.66 s, N_rep = RoundUp(T_sig / 266) = 11, N_run = max(11, 16) = 16,
     * T_run = 4256 s, N_steps = floor(4256 / 0.266266) = 15984. */
    const struct interf_exam_shell shell = {INTERF_RE_KM + 550, 0, 53 * INTERF_DEG, 0};
    struct interf_exam_timing_request req = {
        .theta3db_deg = interf_exam_beamwidth_deg(INTERF_BEAMWIDTH_S1428, 0.6, 10.7),
        .n_shells = 1, .shells = &shell, .n_sats = 1, .repeating = 1, .p_repeat_s = 266,
        .p_max_pct = 99.9};
    struct interf_exam_timing t;
    cr_assert(eq(int, interf_exam_timing(&req, &t, NULL), INTERF_OK));
    cr_assert(eq(int, t.step_adjusted, 1));
    cr_assert(epsilon_eq(dbl, t.dt_fine_s, 0.266266, 1e-12));
    cr_assert(eq(i64, t.n_rep, 11));
    cr_assert(eq(i64, t.n_run, 16));
    cr_assert(eq(i64, t.n_steps, 15984));
    cr_assert(eq(int, t.reduced, 0));
}

Test(exam_timing, statistical_minimum_and_p_max_from_limit_rows)
{
    /* S.1503-4 §D4.6 Table 13 example: 99.999 % -> 10^6 steps; p_max is the largest
     * percentage below 100 over the rows (here 99.999 of the second row). */
    cr_assert(epsilon_eq(dbl, interf_exam_n_min(99.999), 1e6, 0.0));
    cr_assert(epsilon_eq(dbl, interf_exam_n_min(99.0), 1000.0, 0.0));
    struct interf_limit_mask a = {0}, b = {0};
    a.n_points = 2;
    a.points[0].pct_not_exceeded = 99.9;
    a.points[1].pct_not_exceeded = 100.0;
    b.n_points = 2;
    b.points[0].pct_not_exceeded = 99.999;
    b.points[1].pct_not_exceeded = 100.0;
    const struct interf_limit_mask *rows[] = {&a, &b};
    cr_assert(epsilon_eq(dbl, interf_exam_p_max_pct(2, rows), 99.999, 0.0));
}

Test(exam_timing, description_names_each_term)
{
    struct interf_exam_timing t = mcsat(INTERF_BEAMWIDTH_70_LAMBDA_D);
    char buf[4096], small[40];
    size_t need = interf_exam_timing_describe(&t, buf, sizeof buf);
    cr_assert(eq(sz, need, strlen(buf)));
    cr_assert(strstr(buf, "§D4.1: 476") != NULL, "%s", buf);
    cr_assert(strstr(buf, "N'hit = 16 / min(20, sqrt(774)) = 0.8, dt_ref = 4.256 s") != NULL,
              "%s", buf);
    cr_assert(eq(sz, interf_exam_timing_describe(&t, small, sizeof small), need));
    cr_assert(eq(sz, strlen(small), sizeof small - 1));
}

Test(exam_timing, bad_requests_are_refused)
{
    const struct interf_exam_shell low = {INTERF_RE_KM - 1, 0, 0, 0};
    struct interf_exam_timing_request req = {.theta3db_deg = 1, .n_shells = 1, .shells = &low,
                                             .n_sats = 1};
    struct interf_exam_timing t;
    struct interf_error err;
    cr_assert(eq(int, interf_exam_timing(&req, &t, &err), INTERF_EINPUT));
    cr_assert(strstr(err.msg, "shell 0") != NULL, "%s", err.msg);
    req.n_shells = 0;
    cr_assert(eq(int, interf_exam_timing(&req, &t, &err), INTERF_EINPUT));
}

/* ------------------------------------------------------------------------ dual time step */

struct sample {
    int64_t step, weight;
};

/* A criticality that depends on the step alone (a fixed hash): about one step in five */
static int critical_at(int64_t k)
{
    uint64_t x = (uint64_t)k * 0x9E3779B97F4A7C15ULL;
    return (x >> 61) == 0 || (k >= 400 && k < 430);
}

static size_t walk(const struct interf_exam_dual *d, int64_t a, int64_t b, struct sample *out)
{
    struct interf_exam_walk w;
    int64_t k;
    int sample;
    size_t n = 0;
    interf_exam_walk_begin(d, a, b, &w);
    while (interf_exam_walk_next(&w, &k, &sample)) {
        int64_t weight = interf_exam_walk_report(&w, critical_at(k));
        if (sample) {
            out[n].step = k;
            out[n++].weight = weight;
        } else {
            cr_assert(eq(i64, weight, 0));
            cr_assert(lt(i64, k, a));
        }
    }
    return n;
}

Test(exam_timing, dual_step_blocks_without_critical_satellites)
{
    /* S.1503-4 §D5.1.4.1 sub-steps 6.1-6.3 on the aligned blocks of 7 steps of a 100-step run
     * with no satellite ever critical: block [0, 7) fine (first step), coarse samples at 7, 14,
     * ..., 84 of weight 7, then fine from 91 (blocks reaching into the last 7 steps): 7 + 12 +
     * 9 = 28 samples whose weights add up to the 100 steps. */
    struct interf_exam_dual d = {100, 7};
    struct interf_exam_walk w;
    int64_t k, total = 0;
    int sample, n = 0;
    interf_exam_walk_begin(&d, 0, 100, &w);
    while (interf_exam_walk_next(&w, &k, &sample)) {
        int64_t weight = interf_exam_walk_report(&w, 0);
        int64_t want = (k >= 7 && k <= 84) ? 7 : 1;
        cr_assert(eq(i64, weight, want), "step %lld", (long long)k);
        if (k >= 7 && k <= 84)
            cr_assert(eq(i64, k % 7, 0));
        total += weight;
        n++;
    }
    cr_assert(eq(int, n, 28));
    cr_assert(eq(i64, total, 100));
}

Test(exam_timing, dual_step_windows_reproduce_the_whole_run)
{
    /* A window [a, b) evaluated alone gives exactly the samples (steps and weights) of the
     * whole run that fall in it, for windows cut anywhere, inside coarse and fine blocks; and
     * the weights of a partition add up to the run's steps. */
    static struct sample whole[5000], part[5000];
    struct interf_exam_dual d = {4999, 13};
    size_t n = walk(&d, 0, d.n_steps, whole);
    int64_t total = 0;
    for (size_t m = 0; m < n; m++)
        total += whole[m].weight;
    cr_assert(eq(i64, total, d.n_steps));
    const int64_t cuts[] = {0, 1, 12, 13, 14, 100, 407, 415, 1000, 2345, 4990, 4999};
    for (size_t c = 0; c + 1 < sizeof cuts / sizeof cuts[0]; c++)
        for (size_t e = c + 1; e < sizeof cuts / sizeof cuts[0]; e++) {
            int64_t a = cuts[c], b = cuts[e];
            size_t np = walk(&d, a, b, part), m0 = 0;
            while (m0 < n && whole[m0].step < a)
                m0++;
            size_t m = 0;
            for (; m0 + m < n && whole[m0 + m].step < b; m++) {
                cr_assert(lt(sz, m, np), "[%lld, %lld)", (long long)a, (long long)b);
                cr_assert(eq(i64, part[m].step, whole[m0 + m].step));
                cr_assert(eq(i64, part[m].weight, whole[m0 + m].weight));
            }
            cr_assert(eq(sz, m, np), "[%lld, %lld)", (long long)a, (long long)b);
        }
}
