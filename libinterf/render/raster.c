/* SPDX-License-Identifier: MIT */
/* interf render: the raster of a map. Every pixel centre of the map area is inverse-projected
 * by PROJ in batches of rows (proj_trans_generic), then projected forward again: a pixel is on
 * the map only when the round trip lands on it (so pixels beyond the edge of a Mollweide
 * ellipse, which PROJ's inverse still maps somewhere, are off it), and inside the region and
 * cap. The grid is sampled at the pixel's longitude and latitude.
 *
 * The map's outline comes from the same pass: "how far inside" (deg) is a continuous field over
 * the pixels, and its zero contour (interf_contour_trace) is the edge of the map, with sub-pixel
 * accuracy where the region or cap decides it, and to half a pixel where the projection does. */
#include "render_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DEG (INTERF_PI / 180.0)
/* Pixels per PROJ batch (a few rows). */
#define BATCH_PX 65536
/* The inverse-forward round trip must land within this fraction of a pixel. */
#define ROUND_TRIP_PX 0.01

/* Sample the map's grid at lon, lat (deg): the value, NaN for NODATA; *outside set when the
 * point is not in the grid at all. */
static double sample(const struct interf_map *m, double lon, double lat, int *outside)
{
    const struct interf_grid *g = m->grid;
    const struct interf_grid_spec *s = &g->spec;
    double b[4];
    interf_grid_bounds(s, b);
    double c = fmod(lon - b[0], 360.0);
    c = (c < 0 ? c + 360.0 : c) / s->cell_deg;
    double r = (b[3] - lat) / s->cell_deg;
    /* The poles and the grid's edges belong to the cells beside them. */
    if (r >= (double)s->nrows && r < (double)s->nrows + 1e-9)
        r = (double)s->nrows - 1e-9;
    *outside = !(c < (double)s->ncols) || r < -1e-9 || !(r < (double)s->nrows);
    if (*outside)
        return NAN;
    size_t nc = s->ncols, nr = s->nrows;
    size_t ic = (size_t)c < nc ? (size_t)c : nc - 1, ir = r < 0 ? 0 : (size_t)r;
    double nearest = g->values[ir * nc + ic];
    if (m->opt.interp == INTERF_INTERP_NEAREST)
        return nearest;
    /* Bilinear between the four cell centres around the point: columns wrap on a global grid,
     * both clamp at the grid's edges. */
    double u = c - 0.5, w = r - 0.5, fu = u - floor(u), fw = w - floor(w);
    long i0 = (long)floor(u), j0 = (long)floor(w), i1 = i0 + 1, j1 = j0 + 1;
    if (interf_grid_is_global(s)) {
        i0 = (i0 + (long)nc) % (long)nc;
        i1 = i1 % (long)nc;
    } else {
        i0 = i0 < 0 ? 0 : i0;
        i1 = i1 >= (long)nc ? (long)nc - 1 : i1;
    }
    j0 = j0 < 0 ? 0 : j0;
    j1 = j1 >= (long)nr ? (long)nr - 1 : j1;
    double v00 = g->values[j0 * (long)nc + i0], v01 = g->values[j0 * (long)nc + i1];
    double v10 = g->values[j1 * (long)nc + i0], v11 = g->values[j1 * (long)nc + i1];
    /* NODATA and the floor are no values to blend with. */
    if (isnan(v00) || isnan(v01) || isnan(v10) || isnan(v11) || render_map_is_floor(m, v00) ||
        render_map_is_floor(m, v01) || render_map_is_floor(m, v10) || render_map_is_floor(m, v11))
        return nearest;
    return (1 - fw) * ((1 - fu) * v00 + fu * v01) + fw * ((1 - fu) * v10 + fu * v11);
}

uint32_t render_floor_rgb(const struct interf_map *m, int x, int y)
{
    int period = (int)fmax(4, round(0.4 * m->lay.font_px)); /* 6 px at the default width */
    return (x + y) % period == 0 ? FLOOR_LINE_RGB : FLOOR_RGB;
}

uint32_t render_map_colour_rgb(const struct interf_map *m, double v)
{
    if (isnan(v))
        return NODATA_RGB;
    if (m->opt.palette == INTERF_PALETTE_INDEX)
        return (uint32_t)(int64_t)v & 0xFFFFFFu;
    double t;
    if (m->opt.palette == INTERF_PALETTE_DIVERGING) {
        /* Symmetric about the centre: equal steps of value are equal steps of colour on both
         * sides, so the range shows only part of the palette when it is lopsided. */
        double c = m->opt.has_center ? m->opt.center : (m->range_min + m->range_max) / 2;
        double half = fmax(c - m->range_min, m->range_max - c);
        t = 0.5 + (v - c) / (2 * half);
    } else {
        t = (v - m->range_min) / (m->range_max - m->range_min);
    }
    return interf_palette_rgb(m->opt.palette, t);
}

/* One batch of pixels [p0, p0 + n) of the map area: colours into data, the inside field into
 * f (a (w + 2) x (h + 2) array with a border of one cell). */
static void batch(struct interf_map *m, size_t p0, size_t n, double *buf, unsigned char *data,
                  int stride, double *f)
{
    const struct layout *L = &m->lay;
    const struct view *v = &m->view;
    size_t w = (size_t)L->map_w;
    double *x = buf, *y = buf + n, *fx = buf + 2 * n, *fy = buf + 3 * n;
    for (size_t k = 0; k < n; k++) {
        size_t i = (p0 + k) % w, j = (p0 + k) / w;
        x[k] = L->x_left_m + ((double)i + 0.5) * L->m_per_px;
        y[k] = L->y_top_m - ((double)j + 0.5) * L->m_per_px;
    }
    memcpy(fx, x, n * sizeof *x);
    memcpy(fy, y, n * sizeof *y);
    proj_trans_generic(v->pj, PJ_INV, fx, sizeof *fx, n, fy, sizeof *fy, n, NULL, 0, 0, NULL, 0,
                       0);
    /* x, y keep the pixel centres; fx, fy the lon/lat, then (below) their forward images. */
    double *lon = buf + 4 * n, *lat = buf + 5 * n;
    memcpy(lon, fx, n * sizeof *fx);
    memcpy(lat, fy, n * sizeof *fy);
    proj_trans_generic(v->pj, PJ_FWD, fx, sizeof *fx, n, fy, sizeof *fy, n, NULL, 0, 0, NULL, 0,
                       0);
    double tol = ROUND_TRIP_PX * L->m_per_px;
    for (size_t k = 0; k < n; k++) {
        size_t i = (p0 + k) % w, j = (p0 + k) / w;
        double *fk = &f[(j + 1) * (w + 2) + i + 1];
        uint32_t *px = (uint32_t *)(void *)(data + j * (size_t)stride) + i;
        *fk = NAN;
        *px = 0;
        if (!isfinite(lon[k]) || !isfinite(lat[k]) || !(fabs(fx[k] - x[k]) <= tol) ||
            !(fabs(fy[k] - y[k]) <= tol))
            continue;
        double lo = lon[k] / DEG, la = lat[k] / DEG;
        *fk = render_view_inside_deg(v, lo, la);
        if (*fk < 0)
            continue;
        int outside;
        double val = sample(m, lo, la, &outside);
        m->has_nodata |= isnan(val);
        *px = 0xFF000000u | (render_map_is_floor(m, val)
                                 ? render_floor_rgb(m, L->map_left + (int)i, L->map_top + (int)j)
                                 : render_map_colour_rgb(m, val));
    }
}

/* Give every pixel that is off the map (NaN) the negative of its largest on-map neighbour, so
 * that the zero contour runs half way between them (refine_outline then moves it onto the real
 * edge); such pixels are marked in bad. */
static void mirror_off_map(double *f, unsigned char *bad, size_t w2, size_t h2)
{
    for (size_t j = 0; j < h2; j++)
        for (size_t i = 0; i < w2; i++) {
            double *p = &f[j * w2 + i];
            if (!isnan(*p))
                continue;
            bad[j * w2 + i] = 1;
            double best = 0;
            const double nb[4] = {i > 0 ? p[-1] : NAN, i + 1 < w2 ? p[1] : NAN,
                                  j > 0 ? p[-(long)w2] : NAN, j + 1 < h2 ? p[w2] : NAN};
            for (int k = 0; k < 4; k++)
                if (!isnan(nb[k]) && nb[k] > best)
                    best = nb[k];
            *p = best > 0 ? -best : -1.0;
        }
}

/* Off-map pixels next to the map take the colour of an on-map neighbour: the outline clips
 * the raster with anti-aliasing, and the part of an edge pixel inside the outline must not be
 * transparent. f (before mirroring) tells on-map pixels: f > 0. */
static void dilate(unsigned char *data, int stride, const double *f, size_t w, size_t h)
{
    static const int di[4] = {-1, 1, 0, 0}, dj[4] = {0, 0, -1, 1};
    size_t w2 = w + 2;
    for (size_t j = 0; j < h; j++)
        for (size_t i = 0; i < w; i++) {
            if (f[(j + 1) * w2 + i + 1] > 0)
                continue;
            for (int k = 0; k < 4; k++) {
                size_t ni = i + 1 + (size_t)(long)di[k], nj = j + 1 + (size_t)(long)dj[k];
                if (!(f[nj * w2 + ni] > 0) || ni < 1 || nj < 1 || ni > w || nj > h)
                    continue;
                uint32_t *row = (uint32_t *)(void *)(data + j * (size_t)stride);
                row[i] = ((uint32_t *)(void *)(data + (nj - 1) * (size_t)stride))[ni - 1];
                break;
            }
        }
}

int render_point_on_map(const struct interf_map *m, double px, double py)
{
    const struct layout *L = &m->lay;
    double x = L->x_left_m + px * L->m_per_px, y = L->y_top_m - py * L->m_per_px;
    PJ_COORD c = proj_trans(m->view.pj, PJ_INV, proj_coord(x, y, 0, 0));
    if (!isfinite(c.lp.lam) || !isfinite(c.lp.phi))
        return 0;
    PJ_COORD f = proj_trans(m->view.pj, PJ_FWD, c);
    double tol = ROUND_TRIP_PX * L->m_per_px;
    return fabs(f.xy.x - x) <= tol && fabs(f.xy.y - y) <= tol &&
           render_view_inside_deg(&m->view, c.lp.lam / DEG, c.lp.phi / DEG) > 0;
}

/* Move each outline vertex that lies between an on-map pixel and an off-map one onto the map's
 * real edge, by bisection between the two pixel centres. Vertices are in field coordinates:
 * on a horizontal edge y is whole, on a vertical edge x is. */
static void refine_outline(const struct interf_map *m, const unsigned char *bad, size_t w2,
                           struct interf_lines *outline, size_t first)
{
    for (size_t k = first; k < outline->n; k++)
        for (size_t p = 0; p < outline->line[k].n; p++) {
            double *x = &outline->line[k].x[p], *y = &outline->line[k].y[p];
            int horizontal = *y == floor(*y);
            size_t i0 = (size_t)floor(*x), j0 = (size_t)floor(*y);
            size_t i1 = horizontal ? i0 + 1 : i0, j1 = horizontal ? j0 : j0 + 1;
            if (bad[j0 * w2 + i0] == bad[j1 * w2 + i1])
                continue;
            /* in: the on-map end; out: the off-map end (pixel centres at field - 0.5). */
            double ax = (double)i0 - 0.5, ay = (double)j0 - 0.5;
            double bx = (double)i1 - 0.5, by = (double)j1 - 0.5;
            if (bad[j0 * w2 + i0]) {
                double tx = ax, ty = ay;
                ax = bx, ay = by, bx = tx, by = ty;
            }
            if (!render_point_on_map(m, ax, ay))
                continue;
            for (int it = 0; it < 12; it++) {
                double cx = (ax + bx) / 2, cy = (ay + by) / 2;
                if (render_point_on_map(m, cx, cy))
                    ax = cx, ay = cy;
                else
                    bx = cx, by = cy;
            }
            *x = (ax + bx) / 2 + 0.5;
            *y = (ay + by) / 2 + 0.5;
        }
}

enum interf_status render_raster_render(struct interf_map *m, unsigned char *data, int stride,
                                        struct interf_lines *outline, struct interf_error *err)
{
    size_t w = (size_t)m->lay.map_w, h = (size_t)m->lay.map_h, total = w * h;
    size_t w2 = w + 2, h2 = h + 2, nb = BATCH_PX;
    enum interf_status st = INTERF_OK;
    double *f = malloc(w2 * h2 * sizeof *f), *buf = malloc(6 * nb * sizeof *buf);
    unsigned char *bad = calloc(w2 * h2, 1);
    if (!f || !buf || !bad) {
        st = interf_error_set(err, INTERF_ENOMEM, "map of %zu x %zu pixels: out of memory", w, h);
        goto done;
    }
    for (size_t k = 0; k < w2 * h2; k++)
        f[k] = NAN;
    for (size_t p0 = 0; p0 < total; p0 += nb) {
        batch(m, p0, p0 + nb < total ? nb : total - p0, buf, data, stride, f);
        if (m->opt.progress &&
            m->opt.progress(0.9 * (double)(p0 + nb) / (double)total, "raster",
                            m->opt.progress_user)) {
            st = interf_error_set(err, INTERF_ECANCELED, "map: canceled");
            goto done;
        }
    }
    dilate(data, stride, f, w, h);
    mirror_off_map(f, bad, w2, h2);
    size_t first = outline->n;
    st = interf_contour_trace(f, w2, h2, 0.0, outline, err);
    if (st == INTERF_OK)
        refine_outline(m, bad, w2, outline, first);
    /* Field cell (i, j) is pixel (i - 1, j - 1), whose centre is at (i - 0.5, j - 0.5). */
    for (size_t k = first; st == INTERF_OK && k < outline->n; k++)
        for (size_t p = 0; p < outline->line[k].n; p++) {
            outline->line[k].x[p] -= 0.5;
            outline->line[k].y[p] -= 0.5;
        }
done:
    free(f);
    free(buf);
    free(bad);
    return st;
}
