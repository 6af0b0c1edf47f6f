/* SPDX-License-Identifier: MIT */
/* A table of the GSO-arc angle |alpha| (Rec. ITU-R S.1503-4 §D6.4.4) over the sky of one earth
 * station latitude, so that the kernel can apply GSO-arc avoidance (|alpha| < alpha0: the
 * satellite does not transmit towards the point) at a few flops per pair and fall back to the
 * exact solution only where the table cannot decide.
 *
 * Why one table per latitude: the GSO arc is symmetric about the polar axis, so alpha seen from a
 * point depends only on its latitude (and height) and on the direction in its local east, north,
 * up frame, not on its longitude. Why stereographic coordinates: x = e/(1+u), y = n/(1+u) maps the
 * upper hemisphere onto the unit disk with a resolution that varies only by a factor of two from
 * zenith to horizon, without atan2 or acos per pair. */
#include <math.h>
#include <stdlib.h>

#include "epfd_impl.h"
#include "interf/epfd.h"
#include "interf/geo.h"

/* Half width of the table in stereographic units: a little beyond the horizon (r = 1). */
#define EXTENT EPFD_ALPHA_EXTENT

struct interf_alpha_table {
    int n;            /* cells per side; nodes per side n + 1 */
    float extent;     /* half width (stereographic units): EXTENT, or less (_above) */
    float scale;      /* cells per stereographic unit */
    float *node;      /* |alpha| (rad) at the (n+1)^2 nodes */
    float *bound;     /* per cell: bound on |bilinear - exact| (rad) */
    double es_km[3], east[3], north[3], up[3];
};

/* Direction (ECEF unit vector) of stereographic coordinates (x, y) in the local frame. */
static void direction(const struct interf_alpha_table *t, double x, double y, double d[3])
{
    double r2 = x * x + y * y, k = 1.0 / (1.0 + r2);
    double e = 2 * x * k, n = 2 * y * k, u = (1 - r2) * k;
    for (int i = 0; i < 3; i++)
        d[i] = e * t->east[i] + n * t->north[i] + u * t->up[i];
}

/* Exact |alpha| (rad) toward direction d; alpha depends on the direction only. */
static double exact(const struct interf_alpha_table *t, const double d[3])
{
    double sat[3], a;
    for (int i = 0; i < 3; i++)
        sat[i] = t->es_km[i] + 1000.0 * d[i];
    interf_gso_arc_alpha(t->es_km, sat, &a, NULL);
    return fabs(a);
}

static double coord(const struct interf_alpha_table *t, int i)
{
    return -t->extent + i / (double)t->scale;
}

/* A table of n cells per side over [-extent, extent]^2 */
static enum interf_status make(double lat_rad, double alt_km, int n, float extent,
                               struct interf_alpha_table **out, struct interf_error *err)
{
    struct interf_alpha_table *t = calloc(1, sizeof *t);
    *out = NULL;
    if (!t)
        goto nomem;
    t->n = n;
    t->extent = extent;
    t->scale = (float)(n / (2 * extent));
    t->node = malloc((size_t)(n + 1) * (n + 1) * sizeof *t->node);
    t->bound = malloc((size_t)n * n * sizeof *t->bound);
    if (!t->node || !t->bound)
        goto nomem;
    double cl = cos(lat_rad), sl = sin(lat_rad), r = INTERF_RE_KM + alt_km;
    /* the point on its own meridian 0: alpha does not depend on longitude */
    double es[3] = {r * cl, 0, r * sl}, east[3] = {0, 1, 0}, north[3] = {-sl, 0, cl},
           up[3] = {cl, 0, sl};
    for (int i = 0; i < 3; i++) {
        t->es_km[i] = es[i];
        t->east[i] = east[i];
        t->north[i] = north[i];
        t->up[i] = up[i];
    }
    double d[3], probe;
    direction(t, 0, 0, d);
    if (interf_gso_arc_alpha(t->es_km, (double[3]){es[0] + d[0], es[1] + d[1], es[2] + d[2]},
                             &probe, NULL) != INTERF_OK) {
        interf_alpha_table_destroy(t);
        return interf_error_set(err, INTERF_EINPUT,
                                "latitude %.6f deg: no part of the GSO arc is visible",
                                lat_rad / INTERF_DEG);
    }
    for (int j = 0; j <= n; j++)
        for (int i = 0; i <= n; i++) {
            direction(t, coord(t, i), coord(t, j), d);
            t->node[j * (n + 1) + i] = (float)exact(t, d);
        }
    /* Per cell, the error of bilinear interpolation measured at the centre, quadrupled, plus a
     * floor: where alpha bends (its zero along the arc, the switch to an end point of the visible
     * arc) the bound grows and the kernel falls back to the exact solution there. (Probing the
     * four edge midpoints as well tightened nothing measurable at three times the cost.) */
    for (int j = 0; j < n; j++)
        for (int i = 0; i < n; i++) {
            const float *c = &t->node[j * (n + 1) + i];
            double bil = 0.25 * ((double)c[0] + c[1] + c[n + 1] + c[n + 2]);
            direction(t, coord(t, i) + 0.5 / t->scale, coord(t, j) + 0.5 / t->scale, d);
            t->bound[j * n + i] = (float)(4 * fabs(exact(t, d) - bil) + 2e-4);
        }
    *out = t;
    return INTERF_OK;
nomem:
    interf_alpha_table_destroy(t);
    return interf_error_set(err, INTERF_ENOMEM, "GSO-arc table: out of memory");
}

enum interf_status interf_alpha_table_create(double lat_rad, double alt_km, int n,
                                             struct interf_alpha_table **out,
                                             struct interf_error *err)
{
    return make(lat_rad, alt_km, n, EXTENT, out, err);
}

enum interf_status interf_alpha_table_create_above(double lat_rad, double alt_km, int n,
                                                   double elev_min_deg,
                                                   struct interf_alpha_table **out,
                                                   struct interf_error *err)
{
    /* elevation el lies at stereographic radius cos(el) / (1 + sin(el)) = tan(45 deg - el / 2);
     * the cells of the full table's size, one more on each side */
    double r = tan((90.0 - elev_min_deg) / 2 * INTERF_DEG), cell = 2 * EXTENT / n;
    int m = (int)ceil(r / cell) + 1;
    if (!(elev_min_deg > 0) || 2 * m >= n)
        return make(lat_rad, alt_km, n, EXTENT, out, err);
    return make(lat_rad, alt_km, 2 * m, (float)(m * cell), out, err);
}

void interf_alpha_table_destroy(struct interf_alpha_table *t)
{
    if (!t)
        return;
    free(t->node);
    free(t->bound);
    free(t);
}

float interf_alpha_table_lookup(const struct interf_alpha_table *t, float e, float n, float u,
                                float *bound)
{
    float k = 1.0f / (1.0f + u);
    float fx = (e * k + t->extent) * t->scale, fy = (n * k + t->extent) * t->scale;
    int i = (int)fx, j = (int)fy;
    i = i < 0 ? 0 : i >= t->n ? t->n - 1 : i;
    j = j < 0 ? 0 : j >= t->n ? t->n - 1 : j;
    fx -= (float)i;
    fy -= (float)j;
    const float *c = &t->node[j * (t->n + 1) + i];
    *bound = t->bound[j * t->n + i];
    float lo = (1 - fx) * c[0] + fx * c[1], hi = (1 - fx) * c[t->n + 1] + fx * c[t->n + 2];
    return (1 - fy) * lo + fy * hi;
}

double interf_alpha_table_exact(const struct interf_alpha_table *t, double e, double n, double u)
{
    double d[3];
    for (int i = 0; i < 3; i++)
        d[i] = e * t->east[i] + n * t->north[i] + u * t->up[i];
    return exact(t, d);
}

void epfd_alpha_raw(const struct interf_alpha_table *t, const float **node, const float **bound)
{
    *node = t->node;
    *bound = t->bound;
}

/* Margin (rad) of the verdicts: the kernel interpolates a cell's corners in float (a few ulps
 * of pi, 1e-6) and compares in float; 1e-5 is far above both */
#define CODE_MARGIN_RAD 1e-5

/* The verdict on one cell (EPFD_CODE_*) of corners n00, n01 (east), n10 (north), n11, bound bd.
 * The kernel's bilinear interpolation stays within the corners: a visible direction is above
 * the horizon, inside the unit disc of the stereographic plane, never in a clamped cell. */
static unsigned cell_code(const float *n00, float bd, double alpha0)
{
    const int up = EPFD_ALPHA_CELLS + 1;
    double lo = fmin(fmin(n00[0], n00[1]), fmin(n00[up], n00[up + 1]));
    double hi = fmax(fmax(n00[0], n00[1]), fmax(n00[up], n00[up + 1]));
    if (lo - bd - alpha0 > CODE_MARGIN_RAD)
        return EPFD_CODE_ON;
    if (alpha0 - hi - bd > CODE_MARGIN_RAD)
        return EPFD_CODE_OFF;
    return EPFD_CODE_MIXED;
}

void epfd_alpha_codes(const float *node, const float *bound, size_t n_tables, float alpha0,
                      uint32_t *code)
{
    for (size_t t = 0; t < n_tables; t++)
        for (int c = 0; c < EPFD_ALPHA_BOUNDS; c++) {
            int ix = c % EPFD_ALPHA_CELLS, iy = c / EPFD_ALPHA_CELLS;
            const float *n00 = node + t * EPFD_ALPHA_NODES + iy * (EPFD_ALPHA_CELLS + 1) + ix;
            uint32_t *w = code + t * EPFD_ALPHA_WORDS + c / 16;
            unsigned v = cell_code(n00, bound[t * EPFD_ALPHA_BOUNDS + c], alpha0);
            *w = (c % 16 ? *w : 0) | (uint32_t)v << (2 * (c % 16));
        }
}
