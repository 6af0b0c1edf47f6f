/* SPDX-License-Identifier: MIT */
/* The dual time step of Rec. ITU-R S.1503-4 (09/2023) §D4.7 and §D5.1.4.1 sub-steps 6.1-6.3,
 * on blocks aligned to the run so that a window of it is evaluated as the whole run is; and the
 * small interpolation helpers of the exam layer. */
#include <math.h>

#include "exam_impl.h"

double exam_interp(const double *x, const double *y, size_t n, double v)
{
    if (v <= x[0] || n == 1)
        return y[0];
    if (v >= x[n - 1])
        return y[n - 1];
    size_t lo = 0, hi = n - 1;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (x[mid] <= v)
            lo = mid;
        else
            hi = mid;
    }
    double f = (v - x[lo]) / (x[hi] - x[lo]);
    return y[lo] + f * (y[hi] - y[lo]);
}

size_t exam_nearest(const double *x, size_t n, double v)
{
    size_t best = 0;
    for (size_t k = 1; k < n; k++)
        if (fabs(v - x[k]) < fabs(v - x[best]))
            best = k;
    return best;
}

enum { WALK_START, WALK_FINE, WALK_PROBE };

static int64_t block_first(const struct interf_exam_dual *d, int64_t k)
{
    return k / d->n_coarse * d->n_coarse;
}

static int64_t block_end(const struct interf_exam_dual *d, int64_t first)
{
    int64_t e = first + d->n_coarse;
    return e < d->n_steps ? e : d->n_steps;
}

/* Sub-steps 6.1 and 6.2: the first block, and any block reaching into the last Ncoarse steps */
static int forced_fine(const struct interf_exam_dual *d, int64_t first)
{
    return d->n_coarse <= 1 || first == 0 || block_end(d, first) > d->n_steps - d->n_coarse;
}

void interf_exam_walk_begin(const struct interf_exam_dual *d, int64_t first, int64_t end,
                            struct interf_exam_walk *w)
{
    w->d = *d;
    if (w->d.n_coarse < 1)
        w->d.n_coarse = 1;
    w->end = end < d->n_steps ? end : d->n_steps;
    w->cur = first > 0 ? first : 0;
    w->state = WALK_START;
    if (w->cur >= w->end)
        return;
    int64_t b = block_first(&w->d, w->cur);
    if (b == w->cur)
        return;
    w->block_end = block_end(&w->d, b);
    w->probe = b;
    w->state = forced_fine(&w->d, b) ? WALK_FINE : WALK_PROBE;
}

int interf_exam_walk_next(struct interf_exam_walk *w, int64_t *step, int *sample)
{
    if (w->state == WALK_PROBE) {
        *step = w->probe;
        *sample = 0;
        return 1;
    }
    if (w->cur >= w->end)
        return 0;
    *step = w->cur;
    *sample = 1;
    return 1;
}

int64_t interf_exam_walk_report(struct interf_exam_walk *w, int critical)
{
    if (w->state == WALK_PROBE) {
        /* the block began before the window: its first step decides it, records nothing */
        if (critical) {
            w->state = WALK_FINE;
        } else {
            w->cur = w->block_end;
            w->state = WALK_START;
        }
        return 0;
    }
    if (w->state == WALK_START) {
        int64_t first = w->cur;
        w->block_end = block_end(&w->d, first);
        if (!critical && !forced_fine(&w->d, first)) {
            /* §D5.1.4.1 step 24: a coarse step counts T_step / T_fine entries */
            w->cur = w->block_end;
            return w->block_end - first;
        }
        w->state = WALK_FINE;
    }
    if (++w->cur >= w->block_end)
        w->state = WALK_START;
    return 1;
}
