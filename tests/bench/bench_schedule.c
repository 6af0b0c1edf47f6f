/* SPDX-License-Identifier: MIT */
/* Benchmark: the aggregate PFD of a beam-hopping schedule (interf_schedule_aggregate): 10^5
 * points x 500 beams x 1000 slots, the coupling matrix C (points x beams) times the power matrix
 * P (beams x slots) by cblas_sgemm in tiles of points, then max and mean over the slots. The
 * path's rate in GFLOP/s (2 P B S flop over the whole call, statistics included) against the
 * rate OpenBLAS itself reaches on a 2048 x 2048 SGEMM in the same process and thread setting;
 * the target is the ratio. For information: the same call with two
 * percentiles added, and the plain double loop (the tests' reference) on 2000 points, as
 * (point, slot) sums per second. Each figure is the median of NREP runs. OpenBLAS and OpenMP run
 * single-threaded here (the per-core figure); INTERF_BENCH_THREADS=N changes that for both.
 * INTERF_BENCH_SWEEP=1 also times tiles of 64 to 4096 points (one run each). The BLAS figures
 * name the OpenBLAS core and, when OPENBLAS_CORETYPE is set, run again without it
 * (bench_blas_rerun). */
#include <cblas.h>
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench_util.h"
#include "interf.h"
#include "schedule/schedule_impl.h"

#define NPT 100000
#define NBEAM 500
#define NSLOT 1000
#define NREP 3
#define NLOOP 2000 /* points for the plain loop */
#define NSQ 2048

static void *xmalloc(size_t n)
{
    void *p = malloc(n);
    if (!p) {
        fprintf(stderr, "bench_schedule: out of memory\n");
        exit(2);
    }
    return p;
}

/* OpenBLAS's own rate: C = A B, 2048 x 2048 single; one run, in seconds. */
struct square {
    float *a, *b, *c;
};

static void square_init(struct square *q)
{
    size_t n = NSQ;
    q->a = xmalloc(n * n * sizeof *q->a);
    q->b = xmalloc(n * n * sizeof *q->b);
    q->c = xmalloc(n * n * sizeof *q->c);
    for (size_t i = 0; i < n * n; i++) {
        q->a[i] = (float)(i % 7) * 0.1f;
        q->b[i] = (float)(i % 11) * 0.1f;
    }
}

static double square_run(const struct square *q)
{
    double t0 = bench_cpu_s();
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, NSQ, NSQ, NSQ, 1.0f, q->a, NSQ, q->b,
                NSQ, 0.0f, q->c, NSQ);
    return bench_cpu_s() - t0;
}

/* A deterministic scene: beam b's peak (50 dBi) on a ring of aim points; each point sees a beam
 * at 50 dBi down to 50 dBi - 40 dB with the distance from the aim (a smooth roll-off), slant
 * range 36000-41000 km; each beam lit in 1 slot of 4 at -20 to +10 dBW; slots of 1 to 2 ms. */
static void fill_scene(float *c, struct interf_schedule *s)
{
    for (size_t p = 0; p < NPT; p++) {
        double d_m = 3.6e7 + 5e6 * fmod(p * 0.6180339887498949, 1.0);
        double spread = 4.0 * INTERF_PI * d_m * d_m;
        for (size_t b = 0; b < NBEAM; b++) {
            double x = fmod((double)p / NPT - (double)b / NBEAM + 1.0, 1.0);
            double off = fmin(x, 1.0 - x) * 40.0; /* 0 .. 20 "beamwidths" */
            double g_db = 50.0 - fmin(12.0 * off * off, 40.0);
            c[p * NBEAM + b] = (float)(pow(10.0, g_db / 10.0) / spread);
        }
    }
    for (size_t t = 0; t < NSLOT; t++)
        s->duration_s[t] = 1e-3 * (1.0 + (double)(t % 5) / 4.0);
    for (size_t b = 0; b < NBEAM; b++)
        for (size_t t = 0; t < NSLOT; t++)
            s->power_w[b * NSLOT + t] =
                (b + t) % 4 == 0 ? (float)pow(10.0, (-20.0 + 30.0 * (double)((b * 7 + t * 3) % 31)
                                                      / 30.0) / 10.0)
                                 : 0.0f;
}

/* One run of the aggregate in seconds (tile 0: the library's own; loop: the reference). */
static double run_aggregate(const struct interf_schedule *s, const float *c, size_t np,
                            const struct interf_stat *st, size_t nst, size_t tile,
                            int loop, float *out, double *wall)
{
    struct interf_error err;
    double t0 = bench_cpu_s(), w0 = bench_wall_s();
    enum interf_status rc = loop   ? sched_aggregate_loop(s, c, np, st, nst, out, &err)
                            : tile ? sched_aggregate_tiled(s, c, np, st, nst, tile, out, &err)
                                   : interf_schedule_aggregate(s, c, np, st, nst, out, &err);
    if (rc != INTERF_OK) {
        fprintf(stderr, "bench_schedule: %s\n", err.msg);
        exit(2);
    }
    if (wall)
        *wall = bench_wall_s() - w0;
    return bench_cpu_s() - t0;
}

int main(int argc, char **argv)
{
    (void)argc;
    const char *thr = getenv("INTERF_BENCH_THREADS");
    int threads = thr ? atoi(thr) : 1;
    threads = threads > 0 ? threads : 1;
    openblas_set_num_threads(threads);
    omp_set_num_threads(threads);

    struct interf_schedule s = {NSLOT, NBEAM, xmalloc(NSLOT * sizeof(double)),
                                xmalloc((size_t)NBEAM * NSLOT * sizeof(float))};
    float *c = xmalloc((size_t)NPT * NBEAM * sizeof *c);
    float *out = xmalloc(4 * (size_t)NPT * sizeof *out);
    fill_scene(c, &s);
    const struct interf_stat st[4] = {{.kind = INTERF_STAT_MAX, .arg = 0}, {.kind = INTERF_STAT_MEAN, .arg = 0},
                                               {.kind = INTERF_STAT_PCT, .arg = 50}, {.kind = INTERF_STAT_PCT, .arg = 99}};
    double flop = 2.0 * NPT * NBEAM * (double)NSLOT, flop_sq = 2.0 * NSQ * NSQ * (double)NSQ;
    struct square q;
    square_init(&q);
    /* Baseline and path alternate, so that a change of load hits both; the ratio is taken per
     * round, then the median. */
    double tq[NREP], t2[NREP], t4[NREP], r2[NREP], r4[NREP], w2[NREP];
    for (int r = 0; r < NREP; r++) {
        tq[r] = square_run(&q);
        t2[r] = run_aggregate(&s, c, NPT, st, 2, 0, 0, out, &w2[r]);
        t4[r] = run_aggregate(&s, c, NPT, st, 4, 0, 0, out, NULL);
        r2[r] = (flop / t2[r]) / (flop_sq / tq[r]);
        r4[r] = (flop / t4[r]) / (flop_sq / tq[r]);
    }
    double peak = flop_sq / bench_median(tq, NREP) * 1e-9, m2 = bench_median(t2, NREP);
    double rate = flop / m2 * 1e-9, rate4 = flop / bench_median(t4, NREP) * 1e-9;
    int blas_only = bench_blas_rerun_child();
    double tl = blas_only ? 1 : run_aggregate(&s, c, NLOOP, st, 2, 0, 1, out, NULL);
    double sums = (double)NLOOP * NSLOT / tl;
    const char *core = openblas_get_corename();
    printf("bench_schedule: %d points x %d beams x %d slots, tiles of %zu points, %d thread(s),"
           " CPU time, median of %d rounds\n", NPT, NBEAM, NSLOT, sched_tile_points(NSLOT),
           threads, NREP);
    printf("  OpenBLAS sgemm %dx%dx%d:            %8.1f GFLOP/s  (OpenBLAS core %s)\n", NSQ, NSQ,
           NSQ, peak, core);
    printf("  interf_schedule_aggregate max,mean: %8.1f GFLOP/s  %.3f s  (%.0f %% of OpenBLAS, "
           "core %s)  %.3g (point, slot) sums/s\n", rate, m2, 100.0 * bench_median(r2, NREP),
           core, NPT * (double)NSLOT / m2);
    printf("  (wall time of that call: %.3f s)\n", bench_median(w2, NREP));
    printf("  ... with p50 and p99 added:         %8.1f GFLOP/s  %.3f s  (%.0f %% of OpenBLAS, "
           "core %s)\n", rate4, bench_median(t4, NREP), 100.0 * bench_median(r4, NREP), core);
    if (!blas_only)
        printf("  plain double loop (%d points):    %8.3f GFLOP/s  %.3g (point, slot) sums/s"
               "  (SGEMM path %.0fx faster)\n", NLOOP, 2.0 * sums * NBEAM * 1e-9, sums,
               (NPT * (double)NSLOT / m2) / sums);
    const char *sweep = getenv("INTERF_BENCH_SWEEP");
    if (sweep && *sweep == '1' && !blas_only) {
        const size_t tiles[] = {64, 128, 256, 384, 512, 1024, 2048, 4096};
        for (size_t k = 0; k < sizeof tiles / sizeof tiles[0]; k++) {
            double tsq = square_run(&q);
            double tt = run_aggregate(&s, c, NPT, st, 2, tiles[k], 0, out, NULL);
            printf("  tile %4zu points (%5.2f MiB PFD):   %8.1f GFLOP/s  (%.0f %% of OpenBLAS, "
                   "core %s)\n", tiles[k], tiles[k] * NSLOT * 4.0 / 1048576.0, flop / tt * 1e-9,
                   100.0 * (flop / tt) / (flop_sq / tsq), core);
        }
    }
    free(q.a);
    free(q.b);
    free(q.c);
    free(s.duration_s);
    free(s.power_w);
    free(c);
    free(out);
    return bench_blas_rerun(argv);
}
