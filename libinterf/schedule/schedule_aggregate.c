/* SPDX-License-Identifier: MIT */
/* The aggregate PFD of a schedule: PFD[p][slot] = sum_b c[p][b] P[b][slot], one single-precision
 * matrix product (cblas_sgemm) per tile of points, then the statistics over the slots of every
 * point of the tile while its PFD block is still in cache. The plain double loop is kept as the
 * reference the tests and the benchmark compare with. */
#include "schedule_impl.h"

#include <cblas.h>
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

size_t sched_tile_points(size_t n_slots)
{
    size_t t = SCHED_TILE_BYTES / ((n_slots ? n_slots : 1) * sizeof(float));
    t = t < 16 ? 16 : t > 4096 ? 4096 : t;
    return t / 16 * 16;
}

size_t interf_schedule_tile_points(const struct interf_schedule *s)
{
    return sched_tile_points(s->n_slots);
}

static enum interf_status check_args(const struct interf_schedule *s, const float *c,
                                     size_t n_points, const struct interf_stat *stats,
                                     size_t n_stats, const float *out, struct interf_error *err)
{
    if (!s || (n_points && n_stats && (!out || (s->n_beams && !c))) || (n_stats && !stats))
        return interf_error_set(err, INTERF_EINVAL, "schedule aggregate: NULL argument");
    if (s->n_slots == 0 || !s->duration_s || (s->n_beams && !s->power_w))
        return interf_error_set(err, INTERF_EINVAL, "schedule aggregate: empty schedule");
    for (size_t k = 0; k < n_stats; k++)
        if (stats[k].kind != INTERF_STAT_MAX && stats[k].kind != INTERF_STAT_MEAN &&
            (stats[k].kind != INTERF_STAT_PCT || !(stats[k].arg > 0.0 && stats[k].arg <= 100.0)))
            return interf_error_set(err, INTERF_EINVAL, "schedule aggregate: statistic %zu:"
                                    " unknown kind or percentage outside (0, 100]", k);
    /* A NaN would poison every slot of its point; a negative coupling is not a power ratio. */
    size_t n = n_stats ? n_points * s->n_beams : 0;
    for (size_t i = 0; i < n; i++)
        if (!(c[i] >= 0.0f && c[i] < INFINITY))
            return interf_error_set(err, INTERF_EINPUT, "c[%zu][%zu]: %g: the coupling must be"
                                    " finite and >= 0 m^-2", i / s->n_beams, i % s->n_beams,
                                    (double)c[i]);
    return INTERF_OK;
}

static int uniform_slots(const struct interf_schedule *s)
{
    for (size_t t = 1; t < s->n_slots; t++)
        if (s->duration_s[t] != s->duration_s[0])
            return 0;
    return 1;
}

/* What one thread needs: a tile's PFD block and one point's values and weights. */
struct worker {
    float *pfd;
    struct sched_scratch scr;
};

static void workers_free(struct worker *w, size_t n)
{
    for (size_t i = 0; w && i < n; i++) {
        free(w[i].pfd);
        free(w[i].scr.v);
        free(w[i].scr.w);
    }
    free(w);
}

double sched_total_s(const struct interf_schedule *s)
{
    double total = 0.0;
    for (size_t t = 0; t < s->n_slots; t++)
        total += s->duration_s[t];
    return total;
}

static struct worker *workers_new(size_t n, size_t tile, const struct interf_schedule *s)
{
    size_t n_slots = s->n_slots;
    struct worker *w = calloc(n, sizeof *w);
    for (size_t i = 0; w && i < n; i++) {
        w[i].scr.total_s = sched_total_s(s);
        w[i].pfd = malloc(tile * n_slots * sizeof *w[i].pfd);
        w[i].scr.v = malloc(n_slots * sizeof *w[i].scr.v);
        w[i].scr.w = malloc(n_slots * sizeof *w[i].scr.w);
        if (!w[i].pfd || !w[i].scr.v || !w[i].scr.w) {
            workers_free(w, n);
            return NULL;
        }
    }
    return w;
}

/* The PFD of points [p0, p0 + np) in every slot: (np x B) (B x S), row-major, one
 * single-threaded SGEMM. K = 0 (no beams) is left to memset: BLAS rejects lda = 0. */
static void tile_pfd(const struct interf_schedule *s, const float *c, size_t np, float *pfd)
{
    size_t nb = s->n_beams, ns = s->n_slots;
    if (nb == 0) {
        memset(pfd, 0, np * ns * sizeof *pfd);
        return;
    }
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)np, (int)ns, (int)nb, 1.0f, c,
                (int)nb, s->power_w, (int)ns, 0.0f, pfd, (int)ns);
}

static void run_tiles(const struct interf_schedule *s, const float *c, size_t n_points,
                      const struct interf_stat *stats, size_t n_stats, size_t tile,
                      struct worker *w, int n_threads, float *out)
{
    int uniform = uniform_slots(s);
    size_t n_tiles = (n_points + tile - 1) / tile;
    /* Whole tiles per thread, each tile's SGEMM single-threaded: no thread waits on another,
     * and no result depends on how the tiles fall on the threads. */
    #pragma omp parallel for schedule(dynamic, 1) num_threads(n_threads)
    for (size_t k = 0; k < n_tiles; k++) {
        struct worker *me = &w[omp_get_thread_num()];
        size_t p0 = k * tile, np = n_points - p0 < tile ? n_points - p0 : tile;
        tile_pfd(s, c + p0 * s->n_beams, np, me->pfd);
        for (size_t p = 0; p < np; p++)
            sched_point_stats(s, uniform, me->pfd + p * s->n_slots, stats, n_stats, &me->scr,
                              out + p0 + p, n_points);
    }
}

enum interf_status sched_aggregate_tiled(const struct interf_schedule *s, const float *c,
                                         size_t n_points, const struct interf_stat *stats,
                                         size_t n_stats, size_t tile, float *out,
                                         struct interf_error *err)
{
    enum interf_status st = check_args(s, c, n_points, stats, n_stats, out, err);
    if (st != INTERF_OK || n_points == 0 || n_stats == 0)
        return st;
    tile = tile == 0 ? 1 : tile > n_points ? n_points : tile;
    size_t n_tiles = (n_points + tile - 1) / tile;
    int n_threads = omp_get_max_threads();
    if ((size_t)n_threads > n_tiles)
        n_threads = (int)n_tiles;
    struct worker *w = workers_new((size_t)n_threads, tile, s);
    if (!w)
        return interf_error_set(err, INTERF_ENOMEM, "schedule aggregate: out of memory (%d x"
                                " %zu points x %zu slots)", n_threads, tile, s->n_slots);
    /* OpenBLAS's own threads would fight the OpenMP ones (Debian's is the pthread build): one
     * BLAS thread for the call, the caller's setting back after it. */
    int blas_threads = openblas_get_num_threads();
    openblas_set_num_threads(1);
    run_tiles(s, c, n_points, stats, n_stats, tile, w, n_threads, out);
    openblas_set_num_threads(blas_threads);
    workers_free(w, (size_t)n_threads);
    return INTERF_OK;
}

enum interf_status interf_schedule_aggregate(const struct interf_schedule *s, const float *c,
                                             size_t n_points,
                                             const struct interf_stat *stats,
                                             size_t n_stats, float *out, struct interf_error *err)
{
    size_t tile = s ? sched_tile_points(s->n_slots) : 1;
    return sched_aggregate_tiled(s, c, n_points, stats, n_stats, tile, out, err);
}

enum interf_status sched_aggregate_loop(const struct interf_schedule *s, const float *c,
                                        size_t n_points, const struct interf_stat *stats,
                                        size_t n_stats, float *out, struct interf_error *err)
{
    enum interf_status st = check_args(s, c, n_points, stats, n_stats, out, err);
    if (st != INTERF_OK || n_points == 0 || n_stats == 0)
        return st;
    size_t ns = s->n_slots, nb = s->n_beams;
    struct worker *w = workers_new(1, 1, s);
    if (!w)
        return interf_error_set(err, INTERF_ENOMEM, "schedule aggregate: out of memory");
    float *pfd = w->pfd;
    int uniform = uniform_slots(s);
    for (size_t p = 0; p < n_points; p++) {
        for (size_t t = 0; t < ns; t++) {
            double sum = 0.0;
            for (size_t b = 0; b < nb; b++)
                sum += (double)c[p * nb + b] * (double)s->power_w[b * ns + t];
            pfd[t] = (float)sum;
        }
        sched_point_stats(s, uniform, pfd, stats, n_stats, &w->scr, out + p, n_points);
    }
    workers_free(w, 1);
    return INTERF_OK;
}
