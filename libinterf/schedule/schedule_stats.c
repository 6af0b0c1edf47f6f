/* SPDX-License-Identifier: MIT */
/* Statistics of one point's PFD over the slots of a schedule, each slot weighing its duration:
 * the maximum, the time-weighted mean of the linear PFD, and percentiles with the convention of
 * the EPFD statistics (Rec. ITU-R S.1503-4 (09/2023) §D7: the level not exceeded for p % of the
 * time, i.e. the lowest level whose exceedance is at most 100 - p %), without the 0.1 dB bins:
 * the levels are the slots' own values. Also the parser of the statistic names. */
#include "schedule_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Partition v[lo, hi) (and w alongside) around the value pv into < pv, == pv and > pv:
 * [lo, *a), [*a, *b), [*b, hi). Returns the weights of the == and > parts. */
static void partition3(float *v, double *w, size_t lo, size_t hi, float pv, size_t *a,
                       size_t *b, double *w_eq, double *w_gt)
{
    size_t i = lo, lt = lo, gt = hi;
    double eq = 0.0, g = 0.0;
    while (i < gt) {
        float x = v[i];
        double wx = w ? w[i] : 1.0;
        if (x < pv) {
            v[i] = v[lt];
            v[lt] = x;
            if (w) {
                w[i] = w[lt];
                w[lt] = wx;
            }
            lt++;
            i++;
        } else if (x > pv) {
            gt--;
            v[i] = v[gt];
            v[gt] = x;
            if (w) {
                w[i] = w[gt];
                w[gt] = wx;
            }
            g += wx;
        } else {
            eq += wx;
            i++;
        }
    }
    *a = lt;
    *b = gt;
    *w_eq = eq;
    *w_gt = g;
}

static float median3(float x, float y, float z)
{
    if (x > y) {
        float t = x;
        x = y;
        y = t;
    }
    return z <= x ? x : z >= y ? y : z;
}

/* A weighted selection (quickselect with three-way partitions) over v[0, n), given the weight
 * of the values outside the set that lie above all of it (above) and the allowance (a weight).
 * Invariant: every value outside [lo, hi) is either below all of it or above all of it, the ones
 * above weigh `above`, and the largest value of [lo, hi) qualifies (its exceedance, `above`, is
 * within the allowance). The pivot leaves the range every round, so the range shrinks to the
 * answer. */
static float select_qualifying(float *v, double *w, size_t n, double allowed, double above)
{
    size_t lo = 0, hi = n;
    for (;;) {
        float pv = median3(v[lo], v[lo + (hi - lo) / 2], v[hi - 1]);
        size_t a, b;
        double w_eq, w_gt;
        partition3(v, w, lo, hi, pv, &a, &b, &w_eq, &w_gt);
        if (above + w_gt <= allowed) {
            /* pv qualifies; a lower value does only if the largest one below pv does */
            double below_above = above + w_gt + w_eq;
            if (a == lo || below_above > allowed)
                return pv;
            hi = a;
            above = below_above;
        } else {
            if (b == hi) /* cannot happen (the range's largest value qualifies) */
                return pv;
            lo = b;
        }
    }
}

/* The allowance: (100 - pct) % of the total weight, with the 1e-9 % tolerance of
 * interf_epfd_hist_percentile (100 - 99.9993 is not 0.0007 in binary). */
static double allowance(double total, double pct)
{
    return (100.0 - pct + 1e-9) / 100.0 * total;
}

#define LANES 8 /* partial sums in a fixed order: vectorised, and the same on every run */

/* The weight of the values above a and above b. */
static void weights_above(const float *v, const double *w, size_t n, float a, float b,
                          double *ga, double *gb)
{
    double sa[LANES] = {0}, sb[LANES] = {0};
    size_t t = 0;
    if (w) {
        for (; t + LANES <= n; t += LANES)
            for (int l = 0; l < LANES; l++) {
                sa[l] += v[t + l] > a ? w[t + l] : 0.0;
                sb[l] += v[t + l] > b ? w[t + l] : 0.0;
            }
    } else {
        for (; t + LANES <= n; t += LANES)
            for (int l = 0; l < LANES; l++) {
                sa[l] += v[t + l] > a ? 1.0 : 0.0;
                sb[l] += v[t + l] > b ? 1.0 : 0.0;
            }
    }
    for (; t < n; t++) {
        sa[0] += v[t] > a ? (w ? w[t] : 1.0) : 0.0;
        sb[0] += v[t] > b ? (w ? w[t] : 1.0) : 0.0;
    }
    *ga = *gb = 0.0;
    for (int l = 0; l < LANES; l++) {
        *ga += sa[l];
        *gb += sb[l];
    }
}

float sched_percentile(float *v, double *w, size_t n, double pct)
{
    double total = 0.0;
    if (w)
        for (size_t i = 0; i < n; i++)
            total += w[i];
    else
        total = (double)n;
    return select_qualifying(v, w, n, allowance(total, pct), 0.0);
}

#define SAMPLE 64 /* values sampled to bracket the answer */
#define SPREAD 4  /* sample positions either side of the sample's own percentile */

/* Two values a <= b of v that likely bracket the answer: the percentile of an evenly spread
 * sample of SAMPLE values, SPREAD positions either way (the sample rank's standard deviation is
 * at most sqrt(64 / 4) = 4). */
static void bracket(const float *v, const double *w, size_t n, double frac, float *a, float *b)
{
    float sv[SAMPLE];
    double sw[SAMPLE], tot = 0.0, above = 0.0;
    for (size_t i = 0; i < SAMPLE; i++) { /* insertion sort, ascending */
        size_t k = i * n / SAMPLE, j = i;
        float x = v[k];
        double wx = w ? w[k] : 1.0;
        for (; j > 0 && sv[j - 1] > x; j--) {
            sv[j] = sv[j - 1];
            sw[j] = sw[j - 1];
        }
        sv[j] = x;
        sw[j] = wx;
        tot += wx;
    }
    size_t j = SAMPLE - 1;
    while (j > 0 && above + sw[j] <= frac * tot)
        above += sw[j--];
    *a = sv[j >= SPREAD ? j - SPREAD : 0];
    *b = sv[j + SPREAD < SAMPLE ? j + SPREAD : SAMPLE - 1];
}

/* The same as sched_percentile without touching v and w: one counting pass tells which of
 * (-inf, a], (a, b] and (b, inf) holds the answer, a second copies that part (small when the
 * bracket holds) into sv, sw, where the selection finishes. Every case keeps the selection's
 * invariant: the part's largest value qualifies, and the values above the part weigh `above`. */
float sched_percentile_fast(const float *v, const double *w, size_t n, double total, double pct,
                            float *sv, double *sw)
{
    double allowed = allowance(total, pct);
    float a, b, lo = -INFINITY, hi = INFINITY;
    if (n < 4 * SAMPLE) {
        memcpy(sv, v, n * sizeof *v);
        if (w)
            memcpy(sw, w, n * sizeof *w);
        return select_qualifying(sv, w ? sw : NULL, n, allowed, 0.0);
    }
    bracket(v, w, n, allowed / total, &a, &b);
    double ga, gb, above = 0.0;
    weights_above(v, w, n, a, b, &ga, &gb);
    if (gb > allowed)
        lo = b; /* the answer is above b */
    else if (ga > allowed)
        lo = a, hi = b, above = gb;
    else
        hi = a, above = ga;
    size_t m = 0; /* branch-free copy: write every value, keep the ones in (lo, hi] */
    if (w)
        for (size_t t = 0; t < n; t++) {
            sv[m] = v[t];
            sw[m] = w[t];
            m += (size_t)((v[t] > lo) & (v[t] <= hi));
        }
    else
        for (size_t t = 0; t < n; t++) {
            sv[m] = v[t];
            m += (size_t)((v[t] > lo) & (v[t] <= hi));
        }
    return select_qualifying(sv, w ? sw : NULL, m, allowed, above);
}

static float to_db(double lin)
{
    return lin > 0.0 ? (float)(10.0 * log10(lin)) : -INFINITY;
}

/* sum d[t] pfd[t]: the energy per m^2 over the slots. */
static double energy(const double *d, const float *pfd, size_t n)
{
    double e[LANES] = {0}, sum = 0.0;
    size_t t = 0;
    for (; t + LANES <= n; t += LANES)
        for (int l = 0; l < LANES; l++)
            e[l] += d[t + l] * pfd[t + l];
    for (; t < n; t++)
        e[0] += d[t] * pfd[t];
    for (int l = 0; l < LANES; l++)
        sum += e[l];
    return sum;
}

void sched_point_stats(const struct interf_schedule *s, int uniform, const float *pfd,
                       const struct interf_stat *stats, size_t n_stats,
                       struct sched_scratch *scr, float *out, size_t stride)
{
    size_t n = s->n_slots;
    for (size_t k = 0; k < n_stats; k++) {
        double v = 0.0;
        if (stats[k].kind == INTERF_STAT_MAX) {
            float m = 0.0f;
            for (size_t t = 0; t < n; t++)
                m = pfd[t] > m ? pfd[t] : m;
            v = m;
        } else if (stats[k].kind == INTERF_STAT_MEAN) {
            v = energy(s->duration_s, pfd, n) / scr->total_s;
        } else {
            v = sched_percentile_fast(pfd, uniform ? NULL : s->duration_s, n,
                                      uniform ? (double)n : scr->total_s, stats[k].arg, scr->v,
                                      scr->w);
        }
        out[k * stride] = to_db(v);
    }
}
