/* SPDX-License-Identifier: MIT */
/* Slices of an EPFD run for several processes: the static partition (super tiles dealt
 * round-robin across tile parts, the window cut into equal time windows), the points of a
 * slice, and the exact merge of the results of slices (integer histogram counts added). */
#include <string.h>

#include "epfd_impl.h"

size_t interf_epfd_plan_units(const struct interf_epfd_plan *p)
{
    return p->n_supers;
}

enum interf_status interf_epfd_partition(const struct interf_epfd_plan *p, int n_slices, int k,
                                         struct interf_epfd_slice *slice,
                                         struct interf_error *err)
{
    if (n_slices < 1 || k < 0 || k >= n_slices)
        return interf_error_set(err, INTERF_EINVAL, "EPFD partition: slice %d of %d", k,
                                n_slices);
    /* time windows first (no work is repeated); tile parts (every slice propagates every
     * step, about a tenth of a grid step's work) when windows would be too short; a part has
     * at least INTERF_EPFD_UNITS_PER_PART super tiles, for the round-robin deal to spread
     * every latitude band over the parts */
    size_t n_parts = 1, n = (size_t)n_slices;
    for (size_t d = 1; d <= n; d++)
        if (n % d == 0 && d * INTERF_EPFD_UNITS_PER_PART <= p->n_supers) {
            n_parts = d;
            if ((size_t)p->spec.window.n_steps / (n / d) >= INTERF_EPFD_MIN_WINDOW)
                break;
        }
    size_t n_windows = (size_t)n_slices / n_parts, w = (size_t)k / n_parts;
    /* n_steps < 2^32 and W <= INT_MAX: n w fits in 64 bits */
    uint64_t steps = (uint64_t)p->spec.window.n_steps;
    slice->part = (size_t)k % n_parts;
    slice->n_parts = n_parts;
    slice->step_begin = (long)(steps * w / n_windows);
    slice->step_end = (long)(steps * (w + 1) / n_windows);
    return INTERF_OK;
}

size_t interf_epfd_slice_points(const struct interf_epfd_plan *p,
                                const struct interf_epfd_slice *slice, size_t *idx)
{
    size_t m = 0;
    for (size_t u = slice->part; slice->n_parts > 0 && u < p->n_supers; u += slice->n_parts) {
        const struct epfd_super *sp = &p->supers[u];
        for (size_t t = sp->first; t < sp->first + sp->n; t++)
            for (size_t i = 0; i < p->tiles[t].n; i++, m++)
                if (idx)
                    idx[m] = p->pts.index[p->tiles[t].first + i];
    }
    return m;
}

void epfd_series_reset(const struct interf_epfd_plan *p, struct interf_epfd_out *out)
{
    size_t n = p->n_points * (size_t)p->spec.window.n_steps;
    for (size_t i = 0; out->series && i < n; i++)
        out->series[i] = -300.0f;
}

/* The series values of the slice's points and steps, from src to dst. */
static void copy_series(const struct interf_epfd_plan *p, const struct interf_epfd_slice *sl,
                        struct interf_epfd_out *dst, const struct interf_epfd_out *src)
{
    size_t steps = (size_t)p->spec.window.n_steps;
    size_t k0 = (size_t)sl->step_begin, len = (size_t)(sl->step_end - sl->step_begin);
    for (size_t u = sl->part; u < p->n_supers; u += sl->n_parts) {
        const struct epfd_super *sp = &p->supers[u];
        for (size_t t = sp->first; t < sp->first + sp->n; t++)
            for (size_t i = 0; i < p->tiles[t].n; i++) {
                size_t row = p->pts.index[p->tiles[t].first + i] * steps + k0;
                memcpy(dst->series + row, src->series + row, len * sizeof(float));
            }
    }
}

enum interf_status interf_epfd_out_merge(const struct interf_epfd_plan *p,
                                         const struct interf_epfd_slice *slice,
                                         struct interf_epfd_out *dst,
                                         const struct interf_epfd_out *src,
                                         struct interf_error *err)
{
    if (!dst->hist.count != !src->hist.count || !dst->series != !src->series ||
        slice->n_parts < 1 || slice->part >= slice->n_parts || slice->step_begin < 0 ||
        slice->step_begin > slice->step_end || slice->step_end > p->spec.window.n_steps)
        return interf_error_set(err, INTERF_EINVAL, "EPFD merge: results of different kinds");
    if (dst->hist.count) {
        enum interf_status st = interf_hist_set_add(&dst->hist, &src->hist, err);
        if (st != INTERF_OK)
            return st;
    }
    if (dst->series)
        copy_series(p, slice, dst, src);
    dst->clamped += src->clamped;
    dst->threads_used = src->threads_used > dst->threads_used ? src->threads_used
                                                              : dst->threads_used;
    return INTERF_OK;
}
