/* SPDX-License-Identifier: MIT */
/* The examination's epfd up and epfd_is runs (interf/filing.h over the plans of
 * interf/exam.h): the CDF of an executed run against its plan's steps evaluated one by one, its
 * name and frequency (§D2.1), and the INSUFFICIENT verdict below N_min (Table 13). */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interf.h"

/* footprints/NAME loaded into *sys */
static void load(const char *name, struct interf_system **sys)
{
    char path[512];
    struct interf_error err;
    snprintf(path, sizeof path, "%s/footprints/%s", getenv("INTERF_SOURCE_DIR"), name);
    cr_assert(eq(int, interf_system_load(path, sys, &err), INTERF_OK), "%s", err.msg);
}

/* The examination of table (one row) over n_steps, executed */
static struct interf_exam *examine(const struct interf_system *sys,
                                   const struct interf_limits *lim, const char *table,
                                   int64_t n_steps)
{
    struct interf_exam *ex = NULL;
    struct interf_error err;
    struct interf_exam_request q = {.sys = sys, .limits = lim, .n_tables = 1,
                                    .tables = &table, .n_steps = n_steps, .threads = 2};
    cr_assert(eq(int, interf_exam_create(&q, &ex, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(sz, interf_exam_n_runs(ex), 1));
    cr_assert(eq(int, interf_exam_execute(ex, 0, NULL, NULL, &err), INTERF_OK), "%s", err.msg);
    return ex;
}

/* The reference: every step of the run's plan evaluated on its own (interf_exam_plan_step at
 * t = k dt, no walk, no threads, no histogram), rounded down to 0.1 dB (S.1503-4 §D1.4); the
 * run's CDF must give, at every level, the percentage of those steps above it
 * (CDF_i = 100 (1 - sum_{j <= i} PDF_j), §D7), and its max_epfd their maximum. The plan's
 * Ncoarse is 1 here (is: always, §D4.4; up: N'coarse of §D4.1 for this system), so the walk
 * evaluates every step and the comparison is exact. */
static void check_cdf_against_steps(const char *system, const char *table, int64_t n_steps,
                                    enum interf_exam_link link, double freq_mhz,
                                    const char *name)
{
    struct interf_system *sys;
    struct interf_limits *lim;
    struct interf_error err;
    struct interf_cdf *cdf = NULL;
    load(system, &sys);
    cr_assert(eq(int, interf_limits_create(&lim, &err), INTERF_OK));
    struct interf_exam *ex = examine(sys, lim, table, n_steps);
    const struct interf_exam_run *r = interf_exam_get_run(ex, 0);
    const struct interf_exam_plan_info *pi = interf_exam_plan_info(r->plan);
    cr_assert(eq(int, r->link, link));
    cr_assert(eq(str, (char *)r->name, (char *)name));
    cr_assert(epsilon_eq(dbl, r->freq_mhz, freq_mhz, 1e-9), "%.9f", r->freq_mhz);
    cr_assert(eq(int, pi->n_coarse, 1));
    cr_assert(eq(i64, pi->n_steps, n_steps));
    cr_assert(eq(int, interf_exam_cdf(ex, 0, &cdf, &err), INTERF_OK), "%s", err.msg);
    int32_t *t = malloc((size_t)n_steps * sizeof *t);
    cr_assert(t != NULL);
    int32_t lo = INT32_MAX, hi = INT32_MIN;
    double max_db = -INFINITY;
    for (int64_t k = 0; k < n_steps; k++) {
        struct interf_exam_step s;
        cr_assert(eq(int, interf_exam_plan_step(r->plan, k, &s, &err),
                     INTERF_OK), "%s", err.msg);
        cr_assert(isfinite(s.epfd_db), "step %lld: nothing contributes", (long long)k);
        t[k] = interf_db_to_tenths(s.epfd_db);
        lo = t[k] < lo ? t[k] : lo;
        hi = t[k] > hi ? t[k] : hi;
        max_db = fmax(max_db, s.epfd_db);
    }
    for (int32_t level = lo - 1; level <= hi + 1; level++) {
        int64_t above = 0;
        for (int64_t k = 0; k < n_steps; k++)
            above += t[k] > level;
        double want = 100.0 * (double)above / (double)n_steps;
        cr_assert(epsilon_eq(dbl, interf_cdf_exceeded_at(cdf, level), want, 1e-9),
                  "level %d: %g %% exceeded, steps one by one %g %%", level,
                  interf_cdf_exceeded_at(cdf, level), want);
    }
    cr_assert(epsilon_eq(dbl, r->stats.max_epfd_db, max_db, 1e-9));
    cr_assert(eq(u64, r->res.total, (uint64_t)n_steps));
    free(t);
    interf_cdf_free_all(cdf, 1);
    interf_exam_destroy(ex);
    interf_limits_destroy(lim);
    interf_system_destroy(sys);
}

Test(filing_up, up_run_cdf_is_its_steps_one_by_one, .timeout = 120)
{
    /* §D2.1: the band's and the mask's lower edge, 14 000 MHz, plus half of 40 kHz */
    check_cdf_against_steps("oneweb-ku-up.ini", "22-2", 300, INTERF_EXAM_LINK_UP, 14000.02,
                            "22-2_4deg_40kHz");
}

Test(filing_up, is_run_cdf_is_its_steps_one_by_one, .timeout = 120)
{
    /* §D2.1: 10 700 MHz (band and mask) plus half of 40 kHz */
    check_cdf_against_steps("oneweb-ku-is.ini", "22-3", 300, INTERF_EXAM_LINK_IS, 10700.02,
                            "22-3_4deg_40kHz");
}

/* The 22-3 row is a 100 % limit: S.1503-4 §D4.6 Table 13 gives N_min = 10 for p = 100 %, so 9
 * steps are INSUFFICIENT whatever their levels, and 10 steps give PASS or FAIL. */
Test(filing_up, insufficient_below_n_min_of_table_13)
{
    struct interf_system *sys;
    struct interf_limits *lim;
    struct interf_error err;
    load("oneweb-ku-is.ini", &sys);
    cr_assert(eq(int, interf_limits_create(&lim, &err), INTERF_OK));
    struct interf_exam *ex = examine(sys, lim, "22-3", 9);
    cr_assert(epsilon_eq(dbl, interf_exam_get_run(ex, 0)->n_min, 10, 0));
    cr_assert(eq(int, interf_exam_overall(ex), INTERF_EXAM_INSUFFICIENT));
    interf_exam_destroy(ex);
    ex = examine(sys, lim, "22-3", 10);
    cr_assert(ne(int, interf_exam_overall(ex), INTERF_EXAM_INSUFFICIENT));
    interf_exam_destroy(ex);
    interf_limits_destroy(lim);
    interf_system_destroy(sys);
}
