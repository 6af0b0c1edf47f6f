/* SPDX-License-Identifier: MIT */
/* Benchmark of the EPFD kernel: visible pairs per second per core for
 *   (a) the naive loop a careful user would write: double precision, every pair, asin for the
 *       elevation, acos for the off-axis angles, the pattern functions (log10 inside), pow;
 *   (b) the library's path: tiles, culling, the fused fp32 loop with gain tables;
 *   (c) the tiled-GEMM geometry variant: per tile the dot products come from one SGEMM of the
 *       culled satellites' homogeneous coordinates (K = 9, recentred on the tile) with the
 *       ground points', then the same element-wise pass as (b).
 * Scene: the 1584-satellite 550 km, 53 deg shell, 10 deg minimum elevation,
 * no GSO-arc avoidance for (a)-(c) (then (b) again with alpha0 = 18 deg), a 1 deg grid from -80
 * to 80 deg of latitude, 8 steps of 10 s, 0.6 m S.1428 dish pointing at the GSO arc. One thread;
 * CPU time, medians of REPS rounds. (c) names the OpenBLAS core it ran; when OPENBLAS_CORETYPE
 * is set, (a) and (c) run again in a process without it (bench_blas_rerun). */
#include <cblas.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "epfd/epfd_impl.h"
#include "bench_util.h"
#include "interf.h"

#define NSTEP 8
#define STEP_S 10.0
#define REPS 5

static struct interf_system *scene(double alpha0)
{
    char path[] = "/tmp/interf-bench-XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fdopen(fd, "w");
    fprintf(f, "[system]\nname = bench\nepoch_utc = 2025-01-01T00:00:00Z\nband_ghz = 10.7-12.7\n"
               "[antenna a]\npattern = S.1528:1.2\ngain_max_dbi = 35\nhalf_beamwidth_deg = 1.5\n"
               "[beam b]\nantenna = a\npower_dbw = -40\n"
               "[orbit s]\ntype = walker-delta\naltitude_km = 550\ninclination_deg = 53\n"
               "satellites = 1584\nplanes = 72\nphasing = 65\nmin_elevation_deg = 10\n"
               "gso_avoidance_deg = %g\nbeams = b\n", alpha0);
    fclose(f);
    struct interf_system *sys;
    struct interf_error err;
    if (interf_system_load(path, &sys, &err) != INTERF_OK) {
        fprintf(stderr, "bench_epfd: %s\n", err.msg);
        exit(2);
    }
    unlink(path);
    return sys;
}

static struct interf_antenna dish(void)
{
    struct interf_antenna a;
    const struct interf_pattern_def *d = interf_pattern_find("S.1428");
    double v[INTERF_PATTERN_MAXKEYS] = {0};
    int g[INTERF_PATTERN_MAXKEYS] = {0};
    v[interf_pattern_key_index(d, "diameter_m")] = 0.6;
    g[interf_pattern_key_index(d, "diameter_m")] = 1;
    interf_antenna_init(&a, d, v, g, 10.72, NULL);
    return a;
}

/* The ground: a 1 deg grid, -80..80 deg of latitude, as stations pointing at their GSO arc. */
struct ground {
    size_t n;
    double *lat, *lon;
    struct interf_station *st;
    double (*bore)[3];
};

static struct ground ground(const struct interf_earth *earth)
{
    struct ground g = {360 * 160, NULL, NULL, NULL, NULL};
    g.lat = malloc(g.n * sizeof *g.lat);
    g.lon = malloc(g.n * sizeof *g.lon);
    g.st = malloc(g.n * sizeof *g.st);
    g.bore = malloc(g.n * sizeof *g.bore);
    for (size_t i = 0; i < g.n; i++) {
        g.lat[i] = 79.5 - (double)(i / 360);
        g.lon[i] = -179.5 + (double)(i % 360);
        interf_station_init(earth, g.lat[i] * INTERF_DEG, g.lon[i] * INTERF_DEG, 0, &g.st[i], NULL);
        double gs[3];
        interf_gso_ecef(g.lon[i] * INTERF_DEG, gs);
        double d = 0;
        for (int k = 0; k < 3; k++)
            g.bore[i][k] = gs[k] - g.st[i].ecef_km[k], d += g.bore[i][k] * g.bore[i][k];
        for (int k = 0; k < 3; k++)
            g.bore[i][k] /= sqrt(d);
    }
    return g;
}

static double *positions(const struct interf_system *sys, double t)
{
    const struct interf_constellation *c = interf_system_constellation(sys);
    size_t n = interf_constellation_count(c);
    double *x = malloc(3 * n * sizeof *x);
    struct interf_ephem e = {x, x + n, x + 2 * n, NULL, NULL, NULL};
    interf_constellation_propagate(c, 0, n, t, NULL, INTERF_FRAME_ECEF, &e);
    return x;
}

/* Visible pairs of the scene (elevation >= 10 deg), counted exactly in double precision. */
static double count_visible(const struct interf_system *sys, const struct ground *g)
{
    size_t n = interf_system_info(sys)->n_sats;
    double s10 = sin(10 * INTERF_DEG), vis = 0;
    for (int t = 0; t < NSTEP; t++) {
        double *x = positions(sys, t * STEP_S);
        for (size_t i = 0; i < g->n; i++)
            for (size_t s = 0; s < n; s++) {
                double v[3] = {x[s] - g->st[i].ecef_km[0], x[n + s] - g->st[i].ecef_km[1],
                               x[2 * n + s] - g->st[i].ecef_km[2]};
                double vu = v[0] * g->st[i].up[0] + v[1] * g->st[i].up[1] + v[2] * g->st[i].up[2];
                vis += vu > 0 && vu * vu >= s10 * s10 * (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
            }
        free(x);
    }
    return vis;
}

/* (a) the naive loop over every pair of every stride-th point; returns seconds per pair. */
static double naive(const struct interf_system *sys, const struct ground *g,
                    const struct interf_antenna *es, size_t stride, double *sink)
{
    size_t n = interf_system_info(sys)->n_sats, pairs = 0;
    const struct interf_antenna *sa = &interf_system_antenna(sys, 0)->antenna;
    double p = interf_system_beam(sys, 0)->power_dbw, t0 = bench_cpu_s();
    for (int t = 0; t < NSTEP; t++) {
        double *x = positions(sys, t * STEP_S);
        for (size_t i = 0; i < g->n; i += stride) {
            const struct interf_station *st = &g->st[i];
            double sum = 0;
            for (size_t s = 0; s < n; s++, pairs++) {
                double v[3] = {x[s] - st->ecef_km[0], x[n + s] - st->ecef_km[1],
                               x[2 * n + s] - st->ecef_km[2]};
                double d = sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
                double el = asin((v[0] * st->up[0] + v[1] * st->up[1] + v[2] * st->up[2]) / d);
                if (el < 10 * INTERF_DEG)
                    continue;
                double r = sqrt(x[s] * x[s] + x[n + s] * x[n + s] + x[2 * n + s] * x[2 * n + s]);
                double ct = (v[0] * x[s] + v[1] * x[n + s] + v[2] * x[2 * n + s]) / (d * r);
                const double *bo = g->bore[i];
                double cp = (v[0] * bo[0] + v[1] * bo[1] + v[2] * bo[2]) / d;
                double gt = interf_antenna_gain_dbi(sa, acos(ct) / INTERF_DEG);
                double gr = interf_antenna_gain_dbi(es, acos(cp) / INTERF_DEG);
                double pfd = p + gt + gr - es->gain_max_dbi -
                             10 * log10(4 * INTERF_PI * d * d * 1e6);
                sum += pow(10, pfd / 10);
            }
            *sink += sum;
        }
        free(x);
    }
    return (bench_cpu_s() - t0) / (double)pairs;
}

/* (c) the tiled-GEMM geometry variant over the plan's tiles and gain tables; returns seconds. */
static double gemm_variant(const struct interf_epfd_plan *p, const struct interf_system *sys,
                           double *sink)
{
    size_t n = interf_system_info(sys)->n_sats, ne = p->n_em, tg = EPFD_TILE_MAX;
    float *B = malloc(ne * 9 * sizeof *B), *A = malloc(9 * 4 * tg * sizeof *A);
    float *C = malloc(ne * 4 * tg * sizeof *C), acc[EPFD_TILE_MAX];
    size_t *list = malloc(ne * sizeof *list);
    double s10 = sin(10 * INTERF_DEG), lam = acos(INTERF_RE_KM * cos(10 * INTERF_DEG) /
                                                  (INTERF_RE_KM + 550)) - 10 * INTERF_DEG;
    const struct epfd_gain *gt = &p->sat_gain[0], *gr = &p->es_gain;
    double t0 = bench_cpu_s();
    for (int t = 0; t < NSTEP; t++) {
        double *x = positions(sys, t * STEP_S);
        for (size_t k = 0; k < p->n_tiles; k++) {
            const struct epfd_tile *tl = &p->tiles[k];
            const struct epfd_geom_f *g = &p->pts.f;
            double c[3] = {tl->cap.cx * INTERF_RE_KM, tl->cap.cy * INTERF_RE_KM,
                           tl->cap.cz * INTERF_RE_KM};
            size_t m = 0, np = tl->n;
            double reach = cos(lam + tl->cap.radius_rad + 0.5 * INTERF_DEG);
            for (size_t s = 0; s < n; s++) {
                double r = sqrt(x[s] * x[s] + x[n + s] * x[n + s] + x[2 * n + s] * x[2 * n + s]);
                if ((x[s] * tl->cap.cx + x[n + s] * tl->cap.cy + x[2 * n + s] * tl->cap.cz) / r >=
                    reach)
                    list[m++] = s;
            }
            /* B: [s', 1, |s'|^2, b, s'.b] per satellite, s' recentred on the tile */
            for (size_t j = 0; j < m; j++) {
                size_t s = list[j];
                double r = sqrt(x[s] * x[s] + x[n + s] * x[n + s] + x[2 * n + s] * x[2 * n + s]);
                double sp[3] = {x[s] - c[0], x[n + s] - c[1], x[2 * n + s] - c[2]};
                double b[3] = {-x[s] / r, -x[n + s] / r, -x[2 * n + s] / r};
                float *row = B + j * 9;
                row[0] = (float)sp[0], row[1] = (float)sp[1], row[2] = (float)sp[2], row[3] = 1;
                row[4] = (float)(sp[0] * sp[0] + sp[1] * sp[1] + sp[2] * sp[2]);
                row[5] = (float)b[0], row[6] = (float)b[1], row[7] = (float)b[2];
                row[8] = (float)(sp[0] * b[0] + sp[1] * b[1] + sp[2] * b[2]);
            }
            /* A: four column blocks per ground point: d^2, v.u, v.p, -v.b */
            memset(A, 0, 9 * 4 * tg * sizeof *A);
            for (size_t i = 0; i < np; i++) {
                size_t q = tl->first + i, w = 4 * tg;
                double gp[3] = {g->gx[q] - c[0], g->gy[q] - c[1], g->gz[q] - c[2]};
                double u[3] = {g->ux[q], g->uy[q], g->uz[q]};
                double pp[3] = {g->px[q], g->py[q], g->pz[q]};
                for (int a = 0; a < 3; a++) {
                    A[a * w + i] = (float)(-2 * gp[a]);
                    A[a * w + tg + i] = (float)u[a];
                    A[a * w + 2 * tg + i] = (float)pp[a];
                    A[(5 + a) * w + 3 * tg + i] = (float)gp[a];
                }
                A[3 * w + i] = (float)(gp[0] * gp[0] + gp[1] * gp[1] + gp[2] * gp[2]);
                A[4 * w + i] = 1;
                A[3 * w + tg + i] = (float)-(gp[0] * u[0] + gp[1] * u[1] + gp[2] * u[2]);
                A[3 * w + 2 * tg + i] = (float)-(gp[0] * pp[0] + gp[1] * pp[1] + gp[2] * pp[2]);
                A[8 * w + 3 * tg + i] = -1;
            }
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)m, (int)(4 * tg), 9,
                        1.0f, B, 9, A, (int)(4 * tg), 0.0f, C, (int)(4 * tg));
            memset(acc, 0, sizeof acc);
            float hs = (float)gt->n * 0.5f, hr = (float)gr->n * 0.5f;
            for (size_t j = 0; j < m; j++) {
                const float *cd = C + j * 4 * tg;
                float pw = p->em[list[j]].p;
                for (size_t i = 0; i < np; i++) {
                    float d2 = cd[i], vu = cd[tg + i], vp = cd[2 * tg + i], vb = cd[3 * tg + i];
                    float id = 1.0f / sqrtf(d2);
                    /* |n + b|^2 = 2 + 2 v.b / d (here the column holds -v.b), |n - p|^2 =
                     * 2 - 2 v.p / d */
                    float qs = 2.0f - 2.0f * vb * id, qr = 2.0f - 2.0f * vp * id;
                    float fs = sqrtf(qs > 0 ? qs : 0) * hs, fr = sqrtf(qr > 0 ? qr : 0) * hr;
                    int is = (int)fs, ir = (int)fr;
                    is = is < gt->n - 1 ? is : gt->n - 1;
                    ir = ir < gr->n - 1 ? ir : gr->n - 1;
                    float a = gt->vs[2 * is] + (fs - (float)is) * gt->vs[2 * is + 1];
                    float b = gr->vs[2 * ir] + (fr - (float)ir) * gr->vs[2 * ir + 1];
                    int vis = (vu > 0) & (vu * vu >= (float)(s10 * s10) * d2);
                    acc[i] += (float)vis * pw * a * b * id * id;
                }
            }
            for (size_t i = 0; i < np; i++)
                *sink += acc[i];
        }
        free(x);
    }
    double dt = bench_cpu_s() - t0;
    free(B), free(A), free(C), free(list);
    return dt;
}

/* (b) the library's run, one thread, planning excluded; returns seconds. */
static double fused(const struct interf_epfd_plan *p, size_t n_points, uint32_t *hist)
{
    struct interf_epfd_out out = {{n_points, INTERF_EPFD_NBINS, INTERF_EPFD_LEVEL_MIN, hist},
                                  NULL, 0, 0};
    double t0 = bench_cpu_s();
    interf_epfd_run(p, &out, NULL, NULL, NULL);
    return bench_cpu_s() - t0;
}

static struct interf_epfd_plan *plan(const struct interf_system *sys,
                                     const struct interf_earth *earth,
                                     const struct interf_antenna *es, const struct ground *g,
                                     int fp64)
{
    /* the cells of g: 360 x 160 of 1 deg from 80 N */
    struct interf_grid_spec grid;
    interf_grid_spec_init(-180, 180, -80, 80, 1, &grid, NULL);
    (void)g;
    struct interf_epfd_spec spec = {.sys = sys, .earth = earth, .es = es,
                                    .pointing = INTERF_ES_GSO_SAME, .eps_gso_deg = 0,
                                    .grid = &grid,
                                    .window = {interf_system_info(sys)->epoch_unix_s, STEP_S,
                                               NSTEP, 0},
                                    .threads = 1, .fp64 = fp64};
    struct interf_epfd_plan *p;
    struct interf_error err;
    if (interf_epfd_plan_create(&spec, &p, &err) != INTERF_OK) {
        fprintf(stderr, "bench_epfd: %s\n", err.msg);
        exit(2);
    }
    return p;
}

/* One figure: the medians of its per-round times (ns per visible pair) and of its per-round
 * ratios to (a). */
static void report(const char *what, const double *ns, const double *a, double *tmp)
{
    double x[REPS];
    for (int r = 0; r < REPS; r++)
        x[r] = a[r] / ns[r], tmp[r] = ns[r];
    double m = bench_median(tmp, REPS);
    printf("  %-30s %8.2f ns/visible pair  %8.1f M/s  x%.0f vs (a)\n", what, m, 1e3 / m,
           bench_median(x, REPS));
}

int main(int argc, char **argv)
{
    (void)argc;
    struct interf_earth *earth;
    interf_earth_create(INTERF_EARTH_SPHERE, &earth, NULL);
    openblas_set_num_threads(1);
    struct interf_system *sys = scene(0), *sys_a = scene(18);
    struct interf_antenna es = dish();
    struct ground g = ground(earth);
    double vis = count_visible(sys, &g), pairs = (double)g.n * 1584 * NSTEP, sink = 0;
    struct interf_epfd_plan *p = plan(sys, earth, &es, &g, 0), *pa = plan(sys_a, earth, &es, &g, 0);
    struct interf_epfd_plan *p64 = plan(sys, earth, &es, &g, 1);
    uint32_t *hist = malloc(g.n * sizeof(uint32_t) * INTERF_EPFD_NBINS);
    /* ns per visible pair, round by round: baseline and variants alternate, so that a change
     * of load hits them all; ratios are taken per round, then the median */
    double ta[REPS], tb[REPS], tba[REPS], tc[REPS], td[REPS], th[REPS], tmp[REPS];
    int blas_only = bench_blas_rerun_child();
    for (int r = 0; r < REPS; r++) {
        ta[r] = naive(sys, &g, &es, 64, &sink) * pairs / vis * 1e9;
        tc[r] = gemm_variant(p, sys, &sink) / vis * 1e9;
        if (blas_only)
            continue;
        /* the kernel alone: bins found, histograms not kept (zeroing 500 MB of them would
         * weigh as much as 8 steps of pairs); then the same with them */
        tb[r] = fused(p, g.n, NULL) / vis * 1e9;
        tba[r] = fused(pa, g.n, NULL) / vis * 1e9;
        td[r] = fused(p64, g.n, NULL) / vis * 1e9;
        th[r] = fused(p, g.n, hist) / vis * 1e9;
    }
    printf("EPFD kernel, %zu points x 1584 satellites x %d steps, %.3g visible pairs (%.2f %%), "
           "one core, CPU time, medians of %d rounds:\n", g.n, NSTEP, vis, 100 * vis / pairs,
           REPS);
    for (int r = 0; r < REPS; r++)
        tmp[r] = ta[r];
    double a = bench_median(tmp, REPS);
    printf("  (a) naive, every pair, double  %8.2f ns/visible pair  %8.1f M/s\n", a, 1e3 / a);
    if (!blas_only) {
        report("(b) fused, culled, fp32", tb, ta, tmp);
        double b = bench_median(tmp, REPS);
        report("(b) with alpha0 = 18 deg", tba, ta, tmp);
        report("(b) in fp64 (spec.fp64)", td, ta, tmp);
        report("(b) with 0.1 dB histograms", th, ta, tmp);
        printf("  (histograms: zeroing included)\n");
        printf("  machine limit ~0.5 ns per pair (an estimate): (b) reaches %.0f %% of it\n",
               100 * 0.5 / b);
    }
    char what[64];
    snprintf(what, sizeof what, "(c) tiled SGEMM (%s)", openblas_get_corename());
    report(what, tc, ta, tmp);
    printf("  (sink %g)\n", sink);
    interf_epfd_plan_destroy(p);
    interf_epfd_plan_destroy(pa);
    interf_epfd_plan_destroy(p64);
    interf_system_destroy(sys);
    interf_system_destroy(sys_a);
    interf_earth_destroy(earth);
    free(hist);
    return bench_blas_rerun(argv);
}
