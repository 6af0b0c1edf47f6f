/* SPDX-License-Identifier: MIT */
/* Benchmark: Rec. ITU-R M.2101 array gains for many directions and beams through cblas_cgemm
 * (interf_m2101_gains), 64 x 64 elements, 10^5 directions, 256 beams: the path's rate in
 * GFLOP/s (8 M N K flop of its complex products, over the whole call: steering rows, products,
 * |.|^2 and the element factor) against the rate OpenBLAS itself reaches on a 2048 x 2048 CGEMM
 * in the same process and thread setting; the target is the ratio. The plain
 * double loop (the reference of the tests) is timed on a few directions, for information. Each
 * figure is the median of NREP runs. OpenBLAS runs single-threaded here (the per-core figure);
 * INTERF_BENCH_THREADS=N changes that for both sides. The BLAS figures name the OpenBLAS core
 * and, when OPENBLAS_CORETYPE is set, run again without it (bench_blas_rerun). */
#include <cblas.h>
#include <complex.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench_util.h"
#include "interf.h"

#define NH 64
#define NV 64
#define NDIR 100000
#define NBEAM 256
#define NREP 3
#define NLOOP 8 /* directions for the plain loop */
#define NSQ 2048

/* OpenBLAS's own rate: C = A B, 2048 x 2048 complex single, GFLOP/s. */
static double blas_rate(void)
{
    size_t n = NSQ;
    float complex *a = malloc(n * n * sizeof *a), *b = malloc(n * n * sizeof *b);
    float complex *c = malloc(n * n * sizeof *c);
    if (!a || !b || !c) {
        fprintf(stderr, "bench_array: out of memory\n");
        exit(2);
    }
    for (size_t i = 0; i < n * n; i++) {
        a[i] = (float)(i % 7) * 0.1f + I * (float)(i % 5) * 0.1f;
        b[i] = (float)(i % 3) * 0.1f - I * (float)(i % 11) * 0.1f;
    }
    const float complex one = 1.0f, zero = 0.0f;
    double t[NREP];
    for (int r = 0; r < NREP; r++) {
        double t0 = bench_wall_s();
        cblas_cgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)n, (int)n, (int)n, &one, a,
                    (int)n, b, (int)n, &zero, c, (int)n);
        t[r] = bench_wall_s() - t0;
    }
    free(a);
    free(b);
    free(c);
    return 8.0 * n * n * n / bench_median(t, NREP) * 1e-9;
}

int main(int argc, char **argv)
{
    (void)argc;
    const char *thr = getenv("INTERF_BENCH_THREADS");
    int threads = thr ? atoi(thr) : 1;
    openblas_set_num_threads(threads > 0 ? threads : 1);

    const struct interf_pattern_def *def = interf_pattern_find("M.2101");
    double values[INTERF_PATTERN_MAXKEYS] = {0};
    int given[INTERF_PATTERN_MAXKEYS] = {0};
    const char *keys[5] = {"element_gain_dbi", "phi_3db_deg", "theta_3db_deg", "n_h", "n_v"};
    const double vals[5] = {5.0, 65.0, 65.0, NH, NV};
    for (int k = 0; k < 5; k++) {
        int i = interf_pattern_key_index(def, keys[k]);
        values[i] = vals[k];
        given[i] = 1;
    }
    struct interf_antenna ant;
    struct interf_error err;
    if (interf_antenna_init(&ant, def, values, given, 0.0, &err) != INTERF_OK) {
        fprintf(stderr, "bench_array: %s\n", err.msg);
        return 2;
    }
    double *az = malloc(NDIR * sizeof *az), *el = malloc(NDIR * sizeof *el);
    double *esc = malloc(NBEAM * sizeof *esc), *etl = malloc(NBEAM * sizeof *etl);
    float *g = malloc((size_t)NDIR * NBEAM * sizeof *g);
    if (!az || !el || !esc || !etl || !g) {
        fprintf(stderr, "bench_array: out of memory\n");
        return 2;
    }
    for (int d = 0; d < NDIR; d++) { /* a deterministic spread over the front hemisphere */
        az[d] = -90.0 + 180.0 * fmod(d * 0.6180339887498949, 1.0);
        el[d] = -60.0 + 120.0 * fmod(d * 0.7548776662466927, 1.0);
    }
    for (int i = 0; i < NBEAM; i++) { /* a 16 x 16 grid of beams */
        esc[i] = -60.0 + 120.0 * (i % 16) / 15.0;
        etl[i] = -20.0 + 40.0 * (i / 16) / 15.0;
    }
    double flop = 8.0 * NDIR * NBEAM * (double)(NH * NV), t[NREP];
    double peak = blas_rate();
    for (int r = 0; r < NREP; r++) {
        double t0 = bench_wall_s();
        if (interf_m2101_gains(&ant, NDIR, az, el, NBEAM, esc, etl, g, INTERF_ARRAY_CGEMM, &err)) {
            fprintf(stderr, "bench_array: %s\n", err.msg);
            return 2;
        }
        t[r] = bench_wall_s() - t0;
    }
    double tc = bench_median(t, NREP), rate = flop / tc * 1e-9;
    double tl[NREP], flop_loop = 8.0 * NLOOP * NBEAM * (double)(NH * NV);
    int blas_only = bench_blas_rerun_child();
    for (int r = 0; r < NREP && !blas_only; r++) {
        double t0 = bench_wall_s();
        interf_m2101_gains(&ant, NLOOP, az, el, NBEAM, esc, etl, g, INTERF_ARRAY_LOOP, &err);
        tl[r] = bench_wall_s() - t0;
    }
    double rate_loop = blas_only ? 0 : flop_loop / bench_median(tl, NREP) * 1e-9;
    printf("bench_array: M.2101 %dx%d elements, %d directions x %d beams, %d thread(s)\n", NH, NV,
           NDIR, NBEAM, threads > 0 ? threads : 1);
    const char *core = openblas_get_corename();
    printf("  OpenBLAS cgemm %dx%dx%d:     %8.1f GFLOP/s  (OpenBLAS core %s)\n", NSQ, NSQ, NSQ,
           peak, core);
    printf("  interf_m2101_gains (CGEMM):    %8.1f GFLOP/s  %.2f s  (%.0f %% of OpenBLAS, core "
           "%s)\n", rate, tc, 100.0 * rate / peak, core);
    if (!blas_only)
        printf("  plain loop (reference):        %8.3f GFLOP/s  (CGEMM path %.0fx faster)\n",
               rate_loop, rate / rate_loop);
    free(az);
    free(el);
    free(esc);
    free(etl);
    free(g);
    return bench_blas_rerun(argv);
}
