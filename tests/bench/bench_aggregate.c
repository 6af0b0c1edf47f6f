/* SPDX-License-Identifier: MIT */
/* Benchmark: the frequency-resolved EPFD (interf_epfd_run_channels) of the README scene,
 * footprints/leo-ku-550.ini at 45 N 10 E over a day at 10 s, and of 256 points around it (a
 * 16 x 16 list at 0.25 deg: tiles of 16 points, the products' M = 1024 rows). Printed:
 *   - OpenBLAS's own 2048 x 2048 SGEMM rate in the same process (the baseline) and its core;
 *   - "aggregation SGEMM": cblas_sgemm at the run's mean product shape (M rows, K columns of
 *     the coupling matrix, N = 64 channels), GFLOP/s and % of the baseline, alternated with it;
 *   - the coupling matrices' density (non-zero / all entries);
 *   - the whole run's time per (point, step, channel), 64 channels against 1 channel (the
 *     ratio) and the fused single-channel kernel (interf_epfd_run) as the baseline.
 * Each figure is the median of NREP runs, CPU time, one thread (OpenMP and OpenBLAS). */
#include <cblas.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench_util.h"
#include "interf.h"
#include "interf/epfd.h"

#define NREP 5
#define NSQ 2048
#define NCH 64

static void *xmalloc(size_t n)
{
    void *p = calloc(1, n ? n : 1);
    if (!p) {
        fprintf(stderr, "bench_aggregate: out of memory\n");
        exit(2);
    }
    return p;
}

static double sgemm_s(int m, int n, int k, const float *a, const float *b, float *c, int reps)
{
    double t0 = bench_cpu_s();
    for (int r = 0; r < reps; r++)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1.0f, a, k, b, n, 0.0f,
                    c, n);
    return (bench_cpu_s() - t0) / reps;
}

static struct interf_epfd_plan *plan_of(const struct interf_system *sys, size_t n,
                                        const double *lat, const double *lon)
{
    struct interf_epfd_request req = {.sys = sys, .n_points = n, .lat_deg = lat, .lon_deg = lon,
                                      .step_s = 10, .duration_s = 86400, .threads = 1};
    struct interf_epfd_plan *p;
    struct interf_error err;
    if (interf_epfd_plan_request(&req, &p, &err) != INTERF_OK) {
        fprintf(stderr, "bench_aggregate: %s\n", err.msg);
        exit(2);
    }
    return p;
}

/* One run of n_ch channels (every beam at its power in each): CPU seconds. */
static double run_channels(const struct interf_epfd_plan *p, size_t n_ch, float *lin,
                           struct interf_epfd_chan_info *info)
{
    double psd[NCH];
    for (size_t c = 0; c < n_ch; c++)
        psd[c] = -40.0 - 0.1 * (double)c; /* leo-ku-550.ini's one beam, -40 dBW at the top */
    long n = interf_epfd_plan_spec(p)->window.n_steps;
    struct interf_epfd_slice all = {0, 1, 0, n};
    struct interf_epfd_spectrum sp = {n_ch, psd};
    struct interf_error err;
    double t0 = bench_cpu_s();
    if (interf_epfd_run_channels(p, &all, &sp, lin, info, &err) != INTERF_OK) {
        fprintf(stderr, "bench_aggregate: %s\n", err.msg);
        exit(2);
    }
    return bench_cpu_s() - t0;
}

static double run_fused(const struct interf_epfd_plan *p)
{
    struct interf_epfd_out out;
    struct interf_error err;
    if (interf_epfd_out_create(p, 0, &out, &err) != INTERF_OK)
        exit(2);
    double t0 = bench_cpu_s();
    if (interf_epfd_run(p, &out, NULL, NULL, &err) != INTERF_OK)
        exit(2);
    double t = bench_cpu_s() - t0;
    interf_epfd_out_free(&out);
    return t;
}

/* The scene's figures. */
static void scene(const char *name, const struct interf_system *sys, size_t n, const double *lat,
                  const double *lon, const float *sa, const float *sb, float *sc, double t_sq)
{
    struct interf_epfd_plan *p = plan_of(sys, n, lat, lon);
    long steps = interf_epfd_plan_spec(p)->window.n_steps;
    float *lin = xmalloc(n * (size_t)steps * NCH * sizeof *lin);
    double t64[NREP], t1[NREP], tf[NREP], ratio[NREP], tg[NREP], rg[NREP];
    struct interf_epfd_chan_info info = {0};
    run_channels(p, NCH, lin, &info); /* the products' shape */
    int m = (int)(info.rows / info.products), k = (int)(info.cells / info.rows);
    k = k > 0 ? k : 1;
    float *a = xmalloc((size_t)m * (size_t)k * sizeof *a), *b = xmalloc((size_t)k * NCH * 4);
    float *c = xmalloc((size_t)m * NCH * sizeof *c);
    for (size_t i = 0; i < (size_t)m * (size_t)k; i++)
        a[i] = (float)(i % 5) * 1e-3f;
    for (size_t i = 0; i < (size_t)k * NCH; i++)
        b[i] = (float)(i % 3) * 0.5f;
    double flop_sq = 2.0 * NSQ * NSQ * (double)NSQ, flop_g = 2.0 * m * (double)k * NCH;
    int reps = (int)(2e8 / flop_g) + 1;
    for (int r = 0; r < NREP; r++) {
        double tq = r == 0 ? t_sq : sgemm_s(NSQ, NSQ, NSQ, sa, sb, sc, 1);
        tg[r] = sgemm_s(m, NCH, k, a, b, c, reps);
        rg[r] = (flop_g / tg[r]) / (flop_sq / tq);
        t64[r] = run_channels(p, NCH, lin, NULL);
        t1[r] = run_channels(p, 1, lin, NULL);
        tf[r] = run_fused(p);
        ratio[r] = t64[r] / t1[r];
    }
    double samples = (double)n * (double)steps;
    double m64 = bench_median(t64, NREP), m1 = bench_median(t1, NREP);
    printf("%s: %zu point(s) x %ld steps, %llu products of mean M %d x K %d\n", name, n, steps,
           (unsigned long long)info.products, m, k);
    printf("  aggregation SGEMM: %.1f GFLOP/s (%.0f %% of OpenBLAS) at M %d, K %d, N %d\n",
           flop_g / bench_median(tg, NREP) * 1e-9, 100.0 * bench_median(rg, NREP), m, k, NCH);
    printf("  coupling-matrix density: %.4f (%llu of %llu entries non-zero)\n",
           info.cells ? (double)info.nnz / (double)info.cells : 0.0,
           (unsigned long long)info.nnz, (unsigned long long)info.cells);
    printf("  64 channels: %.3f s, %.2f ns per (point, step, channel)\n", m64,
           m64 / (samples * NCH) * 1e9);
    printf("  1 channel:   %.3f s, %.2f ns per (point, step, channel)\n", m1,
           m1 / samples * 1e9);
    printf("  64-channel vs 1-channel run: %.2f x the time for 64 x the channels\n",
           bench_median(ratio, NREP));
    printf("  fused single-channel kernel (baseline): %.3f s; the 1-channel GEMM path is %.2f x "
           "it\n", bench_median(tf, NREP), m1 / bench_median(tf, NREP));
    free(a), free(b), free(c), free(lin);
    interf_epfd_plan_destroy(p);
}

int main(int argc, char **argv)
{
    (void)argc;
    openblas_set_num_threads(1);
    struct interf_system *sys;
    struct interf_error err;
    if (interf_system_load(INTERF_SOURCE_DIR "/footprints/leo-ku-550.ini", &sys, &err) !=
        INTERF_OK) {
        fprintf(stderr, "bench_aggregate: %s\n", err.msg);
        return 2;
    }
    size_t nsq = (size_t)NSQ * NSQ;
    float *sa = xmalloc(nsq * 4), *sb = xmalloc(nsq * 4), *sc = xmalloc(nsq * 4);
    for (size_t i = 0; i < nsq; i++)
        sa[i] = (float)(i % 7) * 0.1f, sb[i] = (float)(i % 11) * 0.1f;
    double tsq[NREP];
    for (int r = 0; r < NREP; r++)
        tsq[r] = sgemm_s(NSQ, NSQ, NSQ, sa, sb, sc, 1);
    double t_sq = bench_median(tsq, NREP);
    printf("bench_aggregate: OpenBLAS sgemm %dx%dx%d: %.1f GFLOP/s (OpenBLAS core %s), one "
           "thread, CPU time, median of %d\n", NSQ, NSQ, NSQ, 2.0 * nsq * NSQ / t_sq * 1e-9,
           openblas_get_corename(), NREP);
    const double lat1 = 45, lon1 = 10;
    scene("README scene (--at 45,10)", sys, 1, &lat1, &lon1, sa, sb, sc, t_sq);
    double lat[256], lon[256];
    for (int i = 0; i < 256; i++)
        lat[i] = 43 + 0.25 * (i / 16), lon[i] = 8 + 0.25 * (i % 16);
    scene("256 points around it", sys, 256, lat, lon, sa, sb, sc, t_sq);
    free(sa), free(sb), free(sc);
    interf_system_destroy(sys);
    return bench_blas_rerun(argv);
}
