/* SPDX-License-Identifier: MIT */
/* A batch of SGP4/SDP4 satellites propagated to one time: the near-Earth coefficients as
 * structure of arrays for the vectorised kernel (sgp4_kernel.c), the deep-space satellites by
 * the one-satellite path. */
#include <stdlib.h>

#include "sgp4_impl.h"

/* Satellites per kernel call: bounds the code buffer on the stack. */
#define BATCH_CHUNK 256

struct interf_sgp4_batch {
    size_t n;
    double *soa;              /* SGP4_NE_NFIELDS arrays of n doubles */
    struct sgp4_ne_view view; /* into soa */
    struct interf_sgp4 *sat;  /* the n satellites */
    size_t *deep, n_deep;     /* indices of the deep-space satellites, ascending */
};

void interf_sgp4_batch_destroy(struct interf_sgp4_batch *b)
{
    if (!b)
        return;
    free(b->soa);
    free(b->sat);
    free(b->deep);
    free(b);
}

/* Copy the near-Earth coefficients of every satellite into the arrays, field by field. */
static void fill_arrays(struct interf_sgp4_batch *b)
{
    double *at = b->soa;
#define SGP4_FILL(f)                                                                               \
    for (size_t k = 0; k < b->n; k++)                                                              \
        at[k] = b->sat[k].ne.f;                                                                    \
    b->view.f = at;                                                                                \
    at += b->n;
    SGP4_NE_FIELDS(SGP4_FILL)
#undef SGP4_FILL
}

enum interf_status interf_sgp4_batch_create(const struct interf_tle *tles, size_t n,
                                            struct interf_sgp4_batch **out,
                                            struct interf_error *err)
{
    struct interf_sgp4_batch *b = calloc(1, sizeof *b);
    size_t cap = n ? n : 1;
    *out = NULL;
    if (!b || !(b->soa = malloc(cap * SGP4_NE_NFIELDS * sizeof(double))) ||
        !(b->sat = malloc(cap * sizeof *b->sat)) || !(b->deep = malloc(cap * sizeof *b->deep))) {
        interf_sgp4_batch_destroy(b);
        return interf_error_set(err, INTERF_ENOMEM, "%zu satellites: out of memory", n);
    }
    b->n = n;
    for (size_t k = 0; k < n; k++) {
        enum interf_status st = sgp4_init(&tles[k], &b->sat[k], err);
        if (st) {
            interf_sgp4_batch_destroy(b);
            return st;
        }
        if (b->sat[k].info.deep_space)
            b->deep[b->n_deep++] = k;
    }
    fill_arrays(b);
    *out = b;
    return INTERF_OK;
}

size_t interf_sgp4_batch_count(const struct interf_sgp4_batch *b) { return b->n; }

const struct interf_sgp4 *interf_sgp4_batch_satellite(const struct interf_sgp4_batch *b, size_t k)
{
    return &b->sat[k];
}

/* The first deep-space satellite at or after index k. */
static size_t first_deep(const struct interf_sgp4_batch *b, size_t k)
{
    size_t lo = 0, hi = b->n_deep;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (b->deep[mid] < k)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

size_t interf_sgp4_batch_propagate(const struct interf_sgp4_batch *b, size_t first, size_t n,
                                   double unix_s, const struct interf_ephem *out, int *code)
{
    int buf[BATCH_CHUNK];
    size_t bad = 0, d = first_deep(b, first);
    int want_v = out->vx_km_s != NULL;
    for (size_t at = 0; at < n; at += BATCH_CHUNK) {
        size_t m = n - at < BATCH_CHUNK ? n - at : BATCH_CHUNK;
        int *c = code ? code + at : buf;
        struct interf_ephem o = {out->x_km + at, out->y_km + at, out->z_km + at,
                                 want_v ? out->vx_km_s + at : NULL,
                                 want_v ? out->vy_km_s + at : NULL,
                                 want_v ? out->vz_km_s + at : NULL};
        /* every satellite through the kernel, then the deep-space ones over again */
        sgp4_kernel_near(&b->view, first + at, m, NULL, unix_s, &o, c);
        for (; d < b->n_deep && b->deep[d] < first + at + m; d++) {
            const struct interf_sgp4 *s = &b->sat[b->deep[d]];
            size_t j = b->deep[d] - first - at;
            double r[3], v[3];
            c[j] = interf_sgp4_propagate(s, interf_sgp4_minutes(s, unix_s), r, v);
            o.x_km[j] = r[0], o.y_km[j] = r[1], o.z_km[j] = r[2];
            if (want_v)
                o.vx_km_s[j] = v[0], o.vy_km_s[j] = v[1], o.vz_km_s[j] = v[2];
        }
        for (size_t j = 0; j < m; j++)
            bad += c[j] != INTERF_SGP4_OK;
    }
    return bad;
}
