/* SPDX-License-Identifier: MIT */
/* Gain tables of the EPFD kernel: linear gain on a uniform grid of s = sin(theta/2), the half
 * chord between the unit vectors of the boresight and the direction.
 * With 2^15 cells a cell spans 0.0035 deg of off-axis angle at the boresight, 0.005 deg at 90
 * deg (2 ds / cos(theta / 2)), so a pattern's own steps blur over less than that and smooth
 * parts interpolate to well under 0.001 dB. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "epfd_impl.h"

/* 1 when cell k of g is one value: zero slope, and the value of knot k + 1 (a far side lobe's
 * floor, say) */
static int flat_cell(const struct epfd_gain *g, int k)
{
    int same = g->vs[2 * k] == g->vs[2 * k + 2] && g->vs[2 * k + 1] == 0.0f;
    if (g->dvs)
        same &= g->dvs[2 * k] == g->dvs[2 * k + 2] && g->dvs[2 * k + 1] == 0.0;
    return same;
}

/* g's flat end and its longest flat run before it (epfd_gain) */
static void flat_parts(struct epfd_gain *g)
{
    g->flat = g->n;
    while (g->flat > 0 && flat_cell(g, g->flat - 1))
        g->flat--;
    g->flat_end = g->flat < g->n;
    g->flat = g->flat_end ? g->flat : g->n - 1; /* no flat end: the last cell */
    g->run0 = g->run_n = 0;
    for (int k = 0; k < g->flat;) {
        int a = k;
        while (k < g->flat && flat_cell(g, k))
            k++;
        if (k - a > g->run_n)
            g->run0 = a, g->run_n = k - a;
        k += k == a;
    }
}

/* epfd_chord_from in type T of bits B: correctly rounded square root and product are
 * monotonic in q, so a search over the bits of q (which order as the values do) finds it */
#define CHORD_FROM(name, T, B, SQRT)                                                               \
    T name(T h, int k)                                                                             \
    {                                                                                              \
        T q = 8;                                                                                   \
        B lo = 0, hi;                                                                              \
        memcpy(&hi, &q, sizeof hi);                                                                \
        if ((int)(SQRT(q) * h) < k)                                                                \
            return (T)INFINITY;                                                                    \
        while (lo < hi) { /* the least bits in [lo, hi] that reach k */                            \
            B mid = lo + (hi - lo) / 2;                                                            \
            memcpy(&q, &mid, sizeof q);                                                            \
            if ((int)(SQRT(q) * h) >= k)                                                           \
                hi = mid;                                                                          \
            else                                                                                   \
                lo = mid + 1;                                                                      \
        }                                                                                          \
        memcpy(&q, &lo, sizeof q);                                                                 \
        return q;                                                                                  \
    }
CHORD_FROM(epfd_chord_from, float, uint32_t, sqrtf)
CHORD_FROM(epfd_chord_from64, double, uint64_t, sqrt)

enum interf_status epfd_gain_build(struct epfd_gain *g, const struct interf_antenna *ant, int cells,
                                   int fp64, struct interf_error *err)
{
    /* A 1-D table cannot hold a gain that depends on the azimuth about the boresight (elliptical
     * beams, BO.1443's back lobes): those get the catalogue's 2-D table, within its error budget
     * (interf_lut_build), or its refusal when no table can meet it. */
    g->lut = NULL;
    g->vs = NULL;
    g->dvs = NULL;
    g->flat = g->flat_end = g->run0 = g->run_n = 0;
    if (interf_antenna_azimuthal(ant)) {
        g->n = 0;
        return interf_lut_build(ant, &g->lut, err);
    }
    g->n = cells;
    g->vs = malloc(2 * (size_t)(cells + 1) * sizeof *g->vs);
    if (fp64)
        g->dvs = malloc(2 * (size_t)(cells + 1) * sizeof *g->dvs);
    if (!g->vs || (fp64 && !g->dvs)) {
        epfd_gain_free(g);
        return interf_error_set(err, INTERF_ENOMEM, "gain table: out of memory");
    }
    double prev = 0;
    for (int k = 0; k <= cells; k++) {
        double s = (double)k / cells;
        double theta_deg = 2.0 * asin(s > 1 ? 1 : s) / INTERF_DEG;
        double lin = pow(10.0, interf_antenna_gain_dbi(ant, theta_deg) / 10.0);
        g->vs[2 * k] = (float)lin;
        if (k > 0)
            g->vs[2 * k - 1] = (float)(lin - prev);
        if (fp64) {
            g->dvs[2 * k] = lin;
            if (k > 0)
                g->dvs[2 * k - 1] = lin - prev;
        }
        prev = lin;
    }
    g->vs[2 * cells + 1] = 0.0f;
    if (fp64)
        g->dvs[2 * cells + 1] = 0.0;
    flat_parts(g);
    return INTERF_OK;
}

void epfd_gain_free(struct epfd_gain *g)
{
    free(g->vs);
    free(g->dvs);
    interf_lut_destroy(g->lut);
    g->vs = NULL;
    g->dvs = NULL;
    g->lut = NULL;
}
