/* SPDX-License-Identifier: MIT */
/* The epfd up run of Rec. ITU-R S.1503-4 (09/2023) §D5.2.6 on footprints/oneweb-ku-up.*: its
 * throughput (time steps a second per core, CPU time of the run alone) on 1 thread (the
 * baseline) and on 2, the earth stations and links of a step, and the wall time of the whole
 * S.1503-4 run this rate gives on 2 free cores. Medians of 5 runs of INTERF_BENCH_STEPS steps
 * (default 50000). Run from the source tree or set INTERF_SOURCE_DIR. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "../unit/exam_example.h"
#include "bench_util.h"

#define REPS 5

/* One run of the plan: its CPU seconds (all threads), its stats in *st, its wall time */
static double run_cpu_s(const struct interf_exam_plan *p, struct interf_exam_run_stats *st,
                        double *wall_s)
{
    struct interf_hist_set h;
    struct interf_error err = {0};
    double c0 = bench_cpu_s(), t0 = bench_wall_s();
    if (interf_exam_plan_run(p, &h, st, &err) != INTERF_OK) {
        fprintf(stderr, "bench_exam_up: %s\n", err.msg);
        exit(2);
    }
    *wall_s = bench_wall_s() - t0;
    double cpu = bench_cpu_s() - c0;
    interf_hist_set_free(&h);
    return cpu;
}

static struct interf_exam_plan *plan(struct exam_example *x, int64_t n, int threads)
{
    struct interf_exam_plan *p;
    struct interf_error err = {0};
    x->req.n_steps = n;
    x->req.threads = threads;
    if (interf_exam_up_plan(&x->req, &p, &err) != INTERF_OK) {
        fprintf(stderr, "bench_exam_up: %s\n", err.msg);
        exit(2);
    }
    return p;
}

int main(void)
{
    const char *dir = getenv("INTERF_SOURCE_DIR"), *steps = getenv("INTERF_BENCH_STEPS");
    int64_t n = steps ? strtoll(steps, NULL, 10) : 50000;
    struct exam_example x;
    struct interf_error err = {0};
    if (n <= 0 || !exam_example_load(&x, dir ? dir : ".", "oneweb-ku-up", "22-2", 14.0, 1, &err)) {
        fprintf(stderr, "bench_exam_up: %s\n",
                n <= 0 ? "INTERF_BENCH_STEPS: not a count" : err.msg);
        return 2;
    }
    struct interf_exam_plan *p1 = plan(&x, n, 1), *p2 = plan(&x, n, 2), *pf = plan(&x, 0, 1);
    const struct interf_exam_plan_info *in = interf_exam_plan_info(p1);
    int64_t full = interf_exam_plan_info(pf)->n_steps;
    interf_exam_plan_destroy(pf);
    double c1[REPS], c2[REPS], w1[REPS], w2[REPS];
    struct interf_exam_run_stats s1, s2;
    for (int r = 0; r < REPS; r++) {
        c1[r] = run_cpu_s(p1, &s1, &w1[r]);
        c2[r] = run_cpu_s(p2, &s2, &w2[r]);
    }
    double k1 = bench_median(c1, REPS), k2 = bench_median(c2, REPS);
    double m1 = bench_median(w1, REPS), m2 = bench_median(w2, REPS);
    printf("== epfd up, oneweb-ku-up (Table 22-2), %" PRId64 " steps of %.3f s, medians of %d\n",
           n, in->dt_s, REPS);
    printf("earth stations a step: %zu (of %zu placed); links a step: %.1f, accepted %.1f\n",
           in->n_stations_seen, in->n_stations, s1.links_per_step, s1.accepted_per_step);
    printf("1 thread:  %.3f s CPU, %.0f steps/s per core (baseline)\n", k1,
           (double)s1.n_evaluated / k1);
    printf("2 threads: %.3f s CPU, %.0f steps/s per core (x%.2f the baseline's), wall %.3f s "
           "(x%.2f of 1 thread's %.3f s; the machine's other load shows here)\n", k2,
           (double)s2.n_evaluated / k2, k1 / k2, m2, m1 / m2, m1);
    printf("the whole run: %" PRId64 " steps, about %.0f s wall on 2 free cores at the 2-thread "
           "rate\n", full, (double)full * k2 / (double)s2.weight / 2.0);
    interf_exam_plan_destroy(p1);
    interf_exam_plan_destroy(p2);
    exam_example_free(&x);
    return 0;
}
