/* SPDX-License-Identifier: MIT */
/* An examination run in parts (interf/filing.h: prepare, window, run_part, merge, finish), the
 * unit of its split over MPI ranks: the windows of a partition, their counts summed, give the
 * whole run's counts bit for bit, across the dual time step's blocks (S.1503-4 §D4.7) for EPFD
 * down and for an EPFD-up plan. Reference: the same run in one part (interf_exam_execute,
 * interf_exam_station_run), itself checked step by step in test_filing.c and test_filing_up.c. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interf.h"

static struct interf_system *load(const char *name)
{
    char path[512];
    struct interf_system *sys = NULL;
    struct interf_error err;
    snprintf(path, sizeof path, "%s/footprints/%s", getenv("INTERF_SOURCE_DIR"), name);
    cr_assert(eq(int, interf_system_load(path, &sys, &err), INTERF_OK), "%s", err.msg);
    return sys;
}

/* The windows of 10 steps in 3 parts, by hand: 10 = 3 x 3 + 1, the first part a step longer:
 * [0, 4), [4, 7), [7, 10); 12 parts of 10 steps: the last two empty (at 10). */
Test(filing_parts, window_partition)
{
    struct interf_system *sys = load("oneweb-ku-up.ini");
    struct interf_limits *lim;
    struct interf_exam *ex;
    struct interf_error err;
    const char *table = "22-2";
    cr_assert(eq(int, interf_limits_create(&lim, &err), INTERF_OK));
    struct interf_exam_request q = {.sys = sys, .limits = lim, .n_tables = 1, .tables = &table,
                                    .n_steps = 10, .threads = 1};
    cr_assert(eq(int, interf_exam_create(&q, &ex, &err), INTERF_OK), "%s", err.msg);
    static const int64_t want[3][2] = {{0, 4}, {4, 7}, {7, 10}};
    for (int i = 0; i < 3; i++) {
        int64_t a, b;
        interf_exam_window(ex, 0, 3, i, &a, &b);
        cr_assert(eq(i64, a, want[i][0]));
        cr_assert(eq(i64, b, want[i][1]));
    }
    int64_t a, b;
    interf_exam_window(ex, 0, 12, 11, &a, &b);
    cr_assert(eq(i64, a, 10));
    cr_assert(eq(i64, b, 10));
    interf_exam_window(ex, 0, 12, 9, &a, &b);
    cr_assert(eq(i64, a, 9));
    cr_assert(eq(i64, b, 10));
    interf_exam_destroy(ex);
    interf_limits_destroy(lim);
    interf_system_destroy(sys);
}

/* The station run of 100 003 steps with Ncoarse = 7 cut at 33 335 (inside a block: 7 x 4762
 * + 1), 33 336, 70 000 (a block's first step), 70 000 again (an empty window) and 99 999 (in
 * the last Ncoarse steps, forced fine, §D5.1.4.1 sub-step 6.2): the windows' counts, totals,
 * steps evaluated and clamped summed and their maxima give the whole run's exactly. */
Test(filing_parts, station_windows_sum_to_whole_run, .timeout = 120)
{
    struct interf_system *sys = load("leo-ku-rgt-exam.ini");
    struct interf_antenna es;
    struct interf_error err;
    cr_assert(eq(int, interf_es_antenna_init("S.1428", 0.6, 10.70002, &es, &err), INTERF_OK));
    struct interf_exam_station q = {sys, &es, 30, 20, 20, 40, 0, 0.621, 100003, 0, 7, 0, 1};
    static struct interf_exam_station_out whole, part, sum;
    cr_assert(eq(int, interf_exam_station_run(&q, &whole, NULL, NULL, NULL, &err), INTERF_OK));
    static const int64_t cut[] = {0, 33335, 33336, 70000, 70000, 99999, 100003};
    memset(&sum, 0, sizeof sum);
    sum.max_db = -INFINITY;
    for (size_t w = 0; w + 1 < sizeof cut / sizeof cut[0]; w++) {
        cr_assert(eq(int, interf_exam_station_run_window(&q, cut[w], cut[w + 1], &part, NULL,
                                                         NULL, NULL, &err), INTERF_OK),
                  "%s", err.msg);
        for (size_t b = 0; b < INTERF_EPFD_NBINS; b++)
            sum.count[b] += part.count[b];
        sum.total += part.total;
        sum.evaluated += part.evaluated;
        sum.clamped += part.clamped;
        sum.max_db = fmax(sum.max_db, part.max_db);
    }
    /* coarse blocks were taken: the test crosses them */
    cr_assert(whole.evaluated < 100003 / 2, "%llu evaluated",
              (unsigned long long)whole.evaluated);
    cr_assert(memcmp(whole.count, sum.count, sizeof sum.count) == 0);
    cr_assert(eq(u64, sum.total, 100003));
    cr_assert(eq(u64, sum.evaluated, whole.evaluated));
    cr_assert(eq(u64, sum.clamped, whole.clamped));
    cr_assert(eq(dbl, sum.max_db, whole.max_db));
    /* a window outside the run is refused */
    cr_assert(eq(int, interf_exam_station_run_window(&q, 5, 100004, &part, NULL, NULL, NULL,
                                                     &err), INTERF_EINVAL));
    interf_antenna_release(&es);
    interf_system_destroy(sys);
}

/* The CDF file of run 0 of ex, as text */
static char *cdf_text(const struct interf_exam *ex)
{
    char *buf = NULL;
    size_t len = 0;
    struct interf_error err;
    FILE *f = open_memstream(&buf, &len);
    cr_assert(f != NULL);
    cr_assert(eq(int, interf_exam_write_cdf(f, ex, 0, NULL, &err), INTERF_OK), "%s", err.msg);
    fclose(f);
    return buf;
}

/* Table `table` of system `name` over n_steps, in one part and in 2, 3 and 5 parts (windows
 * of interf_exam_window, merged in reverse order): the same results, verdict and CDF text. */
static void parts_same_as_execute(const char *name, const char *table, double wcg_step_deg,
                                  int64_t n_steps)
{
    struct interf_system *sys = load(name);
    struct interf_limits *lim;
    struct interf_exam *one, *split;
    struct interf_error err;
    cr_assert(eq(int, interf_limits_create(&lim, &err), INTERF_OK));
    double dish = 0.6;
    struct interf_exam_request q = {.sys = sys, .limits = lim, .n_tables = 1, .tables = &table,
                                    .wcg_step_deg = wcg_step_deg, .n_steps = n_steps,
                                    .threads = 1};
    if (wcg_step_deg > 0) /* EPFD down: one dish */
        q.n_dishes = 1, q.dish_m = &dish;
    cr_assert(eq(int, interf_exam_create(&q, &one, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(int, interf_exam_execute(one, 0, NULL, NULL, &err), INTERF_OK), "%s", err.msg);
    const struct interf_exam_run *a = interf_exam_get_run(one, 0), *b;
    char *want = cdf_text(one);
    if (wcg_step_deg > 0) { /* Ncoarse = floor(16 x 1.5 / 3.27) = 7 (§D4.7.1): blocks taken */
        cr_assert(eq(int, a->timing.n_coarse, 7));
        cr_assert(a->res.evaluated < 20000 / 2);
    }
    static const int n_parts[] = {2, 3, 5};
    for (size_t t = 0; t < sizeof n_parts / sizeof n_parts[0]; t++) {
        struct interf_exam_part all, part[5];
        cr_assert(eq(int, interf_exam_create(&q, &split, &err), INTERF_OK));
        cr_assert(eq(int, interf_exam_prepare(split, 0, NULL, NULL, &err), INTERF_OK));
        for (int i = 0; i < n_parts[t]; i++) {
            int64_t first, end;
            interf_exam_window(split, 0, n_parts[t], i, &first, &end);
            cr_assert(eq(int, interf_exam_run_part(split, 0, first, end, &part[i], NULL, NULL,
                                                   &err), INTERF_OK), "%s", err.msg);
        }
        interf_exam_part_init(&all);
        for (int i = n_parts[t] - 1; i >= 0; i--)
            interf_exam_part_merge(&all, &part[i]);
        cr_assert(eq(int, interf_exam_finish(split, 0, &all, 1.0, &err), INTERF_OK), "%s",
                  err.msg);
        b = interf_exam_get_run(split, 0);
        cr_assert(memcmp(a->res.count, b->res.count, sizeof a->res.count) == 0);
        cr_assert(eq(u64, b->res.total, (uint64_t)n_steps));
        cr_assert(eq(u64, a->res.evaluated, b->res.evaluated));
        cr_assert(eq(dbl, a->res.max_db, b->res.max_db));
        cr_assert(eq(dbl, a->stats.links_per_step, b->stats.links_per_step));
        cr_assert(eq(dbl, a->stats.accepted_per_step, b->stats.accepted_per_step));
        cr_assert(eq(i64, a->stats.n_coarse_blocks, b->stats.n_coarse_blocks));
        cr_assert(eq(int, a->status, b->status));
        cr_assert(eq(dbl, a->verdict.worst_margin_db, b->verdict.worst_margin_db));
        char *got = cdf_text(split);
        cr_assert(eq(str, got, want));
        free(got);
        interf_exam_destroy(split);
    }
    free(want);
    interf_exam_destroy(one);
    interf_limits_destroy(lim);
    interf_system_destroy(sys);
}

/* EPFD down (Table 22-1A, 0.6 m; the WCG searched every 2 deg to keep the test short) over
 * 20 000 steps of 0.621 s with the run's Ncoarse: windows of 10 000, 6667 and 4001 steps
 * start inside its blocks. */
Test(filing_parts, down_parts_same_as_execute, .timeout = 120)
{
    parts_same_as_execute("leo-ku-rgt-exam.ini", "22-1A", 2, 20000);
}

/* EPFD up (Table 22-2) over 600 steps: the links summed over the parts give the same
 * averages. */
Test(filing_parts, up_parts_same_as_execute, .timeout = 120)
{
    parts_same_as_execute("oneweb-ku-up.ini", "22-2", 0, 600);
}

/* A run not prepared, or a window outside the run: INTERF_EINVAL; a sum that does not count
 * the run's steps is refused by interf_exam_finish. */
Test(filing_parts, misuse_refused)
{
    struct interf_system *sys = load("oneweb-ku-up.ini");
    struct interf_limits *lim;
    struct interf_exam *ex;
    struct interf_exam_part p;
    struct interf_error err;
    const char *table = "22-2";
    cr_assert(eq(int, interf_limits_create(&lim, &err), INTERF_OK));
    struct interf_exam_request q = {.sys = sys, .limits = lim, .n_tables = 1, .tables = &table,
                                    .n_steps = 20, .threads = 1};
    cr_assert(eq(int, interf_exam_create(&q, &ex, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(int, interf_exam_run_part(ex, 0, 0, 20, &p, NULL, NULL, &err), INTERF_EINVAL));
    cr_assert(eq(int, interf_exam_prepare(ex, 0, NULL, NULL, &err), INTERF_OK));
    cr_assert(eq(int, interf_exam_run_part(ex, 0, 10, 21, &p, NULL, NULL, &err), INTERF_EINVAL));
    cr_assert(eq(int, interf_exam_run_part(ex, 0, 0, 10, &p, NULL, NULL, &err), INTERF_OK));
    cr_assert(eq(int, interf_exam_finish(ex, 0, &p, 0, &err), INTERF_EINVAL));
    cr_assert(eq(int, interf_exam_get_run(ex, 0)->done, 0));
    interf_exam_destroy(ex);
    interf_limits_destroy(lim);
    interf_system_destroy(sys);
}
