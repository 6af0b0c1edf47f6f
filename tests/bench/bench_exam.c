/* SPDX-License-Identifier: MIT */
/* epfd up and epfd_is runs of Rec. ITU-R S.1503-4 (09/2023) §D5.2 and §D5.3 on the examples of
 * footprints/ (oneweb-ku-up.*, oneweb-ku-is.*): the derivation of each run, its throughput
 * (evaluated steps a second, links a step) on 1 thread (the baseline) and on 2, and the whole
 * S.1503-4 run with its verdict against Table 22-2 / 22-3 when INTERF_BENCH_FULL=1 (else its
 * first steps). Medians of 3 runs. Run from the source tree or set INTERF_SOURCE_DIR. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "../unit/exam_example.h"
#include "bench_util.h"

static double run_once(struct exam_example *x, int up, int64_t n, int threads,
                       struct interf_exam_run_stats *st, struct interf_hist_set *keep,
                       double *cpu_s)
{
    struct interf_exam_plan *p;
    struct interf_error err = {0};
    x->req.n_steps = n;
    x->req.threads = threads;
    if ((up ? interf_exam_up_plan(&x->req, &p, &err) : interf_exam_is_plan(&x->req, &p, &err))
        != INTERF_OK) {
        fprintf(stderr, "bench_exam: %s\n", err.msg);
        exit(2);
    }
    struct interf_hist_set h;
    double t0 = bench_wall_s(), c0 = bench_cpu_s();
    if (interf_exam_plan_run(p, &h, st, &err) != INTERF_OK) {
        fprintf(stderr, "bench_exam: %s\n", err.msg);
        exit(2);
    }
    double dt = bench_wall_s() - t0;
    *cpu_s = bench_cpu_s() - c0;
    if (keep)
        *keep = h;
    else
        interf_hist_set_free(&h);
    interf_exam_plan_destroy(p);
    return dt;
}

static void bench(const char *name, const char *table, double ghz, int up, int64_t n_short)
{
    const char *dir = getenv("INTERF_SOURCE_DIR");
    struct exam_example x;
    struct interf_error err = {0};
    if (!exam_example_load(&x, dir ? dir : ".", name, table, ghz, up, &err)) {
        fprintf(stderr, "bench_exam: %s\n", err.msg);
        exit(2);
    }
    struct interf_exam_plan *p;
    x.req.gso_lon_deg = 0;
    if ((up ? interf_exam_up_plan(&x.req, &p, &err) : interf_exam_is_plan(&x.req, &p, &err))
        != INTERF_OK) {
        fprintf(stderr, "bench_exam: %s\n", err.msg);
        exit(2);
    }
    const struct interf_exam_plan_info *in = interf_exam_plan_info(p);
    char text[4096];
    interf_exam_timing_describe(&in->timing, text, sizeof text);
    printf("== %s (%s, Table %s)\n%s", name, up ? "epfd up" : "epfd_is", table, text);
    printf("boresight (%.3f, %.3f), WCG azimuth %.1f deg, estimate %.2f dB\n", in->bs_lat_deg,
           in->bs_lon_deg, in->wcg_az_deg, in->wcg_estimate_db);
    if (up)
        printf("earth stations: %zu placed, %zu see the GSO satellite, NUM_ES %.3g\n",
               in->n_stations, in->n_stations_seen, in->num_es);
    int64_t full = in->n_steps;
    interf_exam_plan_destroy(p);
    int64_t n = getenv("INTERF_BENCH_FULL") ? full : (n_short < full ? n_short : full);
    double t1[3], t2[3], c1[3], c2[3], cpu;
    struct interf_exam_run_stats s1, s2;
    struct interf_hist_set h;
    for (int r = 0; r < 3; r++) {
        t1[r] = run_once(&x, up, n_short < full ? n_short : full, 1, &s1, NULL, &c1[r]);
        t2[r] = run_once(&x, up, n_short < full ? n_short : full, 2, &s2, NULL, &c2[r]);
    }
    double m1 = bench_median(t1, 3), m2 = bench_median(t2, 3);
    double k1 = bench_median(c1, 3), k2 = bench_median(c2, 3);
    printf("%lld steps: %lld evaluated (%lld coarse), %.1f links and %.1f accepted a step\n",
           (long long)(n_short < full ? n_short : full), (long long)s1.n_evaluated,
           (long long)s1.n_coarse_blocks, s1.links_per_step, s1.accepted_per_step);
    printf("1 thread: %.3f s wall, %.3f s CPU, %.0f evaluated steps/s per core (baseline)\n",
           m1, k1, (double)s1.n_evaluated / k1);
    printf("2 threads: %.3f s wall, %.3f s CPU, %.0f evaluated steps/s per core, wall x%.2f "
           "(the machine's other load shows here)\n", m2, k2, (double)s2.n_evaluated / k2,
           m1 / m2);
    printf("the whole run: %lld steps, about %.0f s on 2 free cores at this rate\n",
           (long long)full, (double)full * k2 / (double)s2.weight / 2.0);
    double t = run_once(&x, up, n, 2, &s2, &h, &cpu);
    struct interf_verdict v;
    if (exam_example_verdict(&x, &h, s2.max_epfd_db, &v, &err) != INTERF_OK) {
        fprintf(stderr, "bench_exam: %s\n", err.msg);
        exit(2);
    }
    printf("%s run of %lld steps: %.1f s; max %.2f dB(W/m2/40kHz), limit %.1f: %s "
           "(margin %.1f dB)\n\n", n == full ? "whole" : "partial", (long long)n, t,
           s2.max_epfd_db, x.row->points[x.row->n_points - 1].level_db,
           v.pass ? "PASS" : "FAIL", v.worst_margin_db);
    interf_hist_set_free(&h);
    exam_example_free(&x);
}

int main(void)
{
    bench("oneweb-ku-up", "22-2", 14.0, 1, 10000);
    bench("oneweb-ku-is", "22-3", 11.0, 0, 5000);
    return 0;
}
