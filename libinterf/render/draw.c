/* SPDX-License-Identifier: MIT */
/* interf render: lines given in longitude/latitude drawn through the projection. A line is
 * densified to 1 deg steps, projected in one PROJ batch, and broken where it leaves what is shown
 * (found by bisection, so that it ends on the horizon of an orthographic view) and where it
 * crosses the seam of a cylindrical map (the meridian opposite the central one); the map's
 * outline clips the rest. Then graticule, contours with their labels, and marks. */
#include "render_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_STEP_DEG 1.0
#define BISECT_STEPS 24
/* A nudge (deg) to either side of the seam: far below a pixel, well above rounding. */
#define SEAM_EPS_DEG 1e-7

static double wrap180(double d)
{
    d = fmod(d, 360.0);
    return d > 180 ? d - 360 : d <= -180 ? d + 360 : d;
}

/* A line ready to draw: densified lon/lat (longitudes unwrapped, so consecutive points differ
 * by less than 180 deg) and their pixels (HUGE_VAL where not shown). */
struct pline {
    size_t n, cap;
    double *lon, *lat, *px, *py;
};

static int pl_push(struct pline *p, double lon, double lat)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 512;
        double **a[] = {&p->lon, &p->lat, &p->px, &p->py};
        for (int k = 0; k < 4; k++) {
            double *q = realloc(*a[k], cap * sizeof(double));
            if (!q)
                return 0;
            *a[k] = q;
        }
        p->cap = cap;
    }
    p->lon[p->n] = lon;
    p->lat[p->n++] = lat;
    return 1;
}

static void pl_free(struct pline *p)
{
    free(p->lon);
    free(p->lat);
    free(p->px);
    free(p->py);
}

/* Densify and project polyline l into p. Returns 0 when out of memory. */
static int prepare(const struct interf_map *m, const struct interf_polyline *l, struct pline *p)
{
    const struct layout *L = &m->lay;
    size_t n = l->n + (l->closed && l->n > 2 ? 1 : 0);
    p->n = 0;
    for (size_t k = 0; k < n; k++) {
        double lon = l->x[k % l->n], lat = l->y[k % l->n];
        if (k == 0) {
            if (!pl_push(p, lon, lat))
                return 0;
            continue;
        }
        double lon0 = p->lon[p->n - 1], lat0 = p->lat[p->n - 1];
        double d = wrap180(lon - lon0), dl = lat - lat0;
        int steps = (int)ceil(fmax(fabs(d), fabs(dl)) / MAX_STEP_DEG);
        for (int s = 1; s <= steps; s++)
            if (!pl_push(p, lon0 + d * s / steps, lat0 + dl * s / steps))
                return 0;
    }
    memcpy(p->px, p->lon, p->n * sizeof(double));
    memcpy(p->py, p->lat, p->n * sizeof(double));
    render_view_forward(&m->view, p->n, p->px, p->py);
    for (size_t k = 0; k < p->n; k++) {
        if (p->px[k] == HUGE_VAL)
            continue;
        p->px[k] = (p->px[k] - L->x_left_m) / L->m_per_px;
        p->py[k] = (L->y_top_m - p->py[k]) / L->m_per_px;
        if (!(fabs(p->px[k]) < 1e6 && fabs(p->py[k]) < 1e6))
            p->px[k] = p->py[k] = HUGE_VAL;
    }
    return 1;
}

/* The last shown point going from shown a toward hidden b (by bisection in lon/lat). */
static void edge_point(const struct interf_map *m, const struct pline *p, size_t a, size_t b,
                       double *x, double *y)
{
    double t0 = 0, t1 = 1, px, py;
    *x = p->px[a];
    *y = p->py[a];
    for (int k = 0; k < BISECT_STEPS; k++) {
        double t = (t0 + t1) / 2;
        if (render_geo_to_px(m, p->lon[a] + t * (p->lon[b] - p->lon[a]),
                             p->lat[a] + t * (p->lat[b] - p->lat[a]), &px, &py)) {
            t0 = t;
            *x = px;
            *y = py;
        } else {
            t1 = t;
        }
    }
}

/* Is lon on the seam (the meridian opposite the central one) of a map that has one? */
static int on_seam(const struct view *v, double lon)
{
    return v->seam && fabs(wrap180(lon - v->lon0_deg)) > 180 - 1e-9;
}

/* The pixel of lon/lat, or (HUGE_VAL, HUGE_VAL). */
static void px_of(const struct interf_map *m, double lon, double lat, double *x, double *y)
{
    if (!render_geo_to_px(m, lon, lat, x, y))
        *x = *y = HUGE_VAL;
}

struct pen {
    int down;
    double x, y;
};

static void pen_line(cairo_t *cr, struct pen *pen, double x0, double y0, double x1, double y1)
{
    if (!pen->down || fabs(pen->x - x0) > 0.01 || fabs(pen->y - y0) > 0.01)
        cairo_move_to(cr, x0, y0);
    cairo_line_to(cr, x1, y1);
    pen->down = 1;
    pen->x = x1;
    pen->y = y1;
}

/* Add segment a -> b of p to the path. A point exactly on the seam could be drawn at either
 * edge of the map: it is nudged toward the other end of its segment, so that the segment stays
 * on one side. A segment crossing the seam ends at one edge and goes on from the other. */
static void path_segment(cairo_t *cr, const struct interf_map *m, const struct pline *p, size_t a,
                         size_t b, struct pen *pen)
{
    const struct view *v = &m->view;
    int sa = p->px[a] != HUGE_VAL, sb = p->px[b] != HUGE_VAL;
    double d = p->lon[b] - p->lon[a], e = d < 0 ? -SEAM_EPS_DEG : SEAM_EPS_DEG;
    double la = p->lon[a], lb = p->lon[b], x0 = p->px[a], y0 = p->py[a], x1 = p->px[b],
           y1 = p->py[b], x, y;
    if (!sa && !sb) {
        pen->down = 0;
        return;
    }
    if (sa && on_seam(v, la))
        px_of(m, la += e, p->lat[a], &x0, &y0);
    if (sb && on_seam(v, lb))
        px_of(m, lb += d == 0 ? e : -e, p->lat[b], &x1, &y1);
    if (!sa)
        edge_point(m, p, b, a, &x0, &y0);
    if (!sb)
        edge_point(m, p, a, b, &x1, &y1);
    if (x0 == HUGE_VAL || x1 == HUGE_VAL) {
        pen->down = 0;
        return;
    }
    double s = wrap180(la - v->lon0_deg), dd = lb - la;
    if (sa && sb && v->seam && (s + dd > 180 || s + dd < -180)) {
        double edge = s + dd > 180 ? 180 : -180, t = (edge - s) / dd;
        double lat = p->lat[a] + t * (p->lat[b] - p->lat[a]), lon = v->lon0_deg + edge;
        px_of(m, lon - e, lat, &x, &y);
        if (x != HUGE_VAL)
            pen_line(cr, pen, x0, y0, x, y);
        px_of(m, lon + e, lat, &x0, &y0);
        pen->down = 0;
        if (x0 == HUGE_VAL)
            return;
    } else if (hypot(x1 - x0, y1 - y0) > 0.3 * fmax(m->lay.map_w, m->lay.map_h)) {
        pen->down = 0; /* a seam PROJ knows and we do not (a custom projection) */
        return;
    }
    pen_line(cr, pen, x0, y0, x1, y1);
    if (!sb)
        pen->down = 0;
}

static void path_pline(cairo_t *cr, const struct interf_map *m, const struct pline *p)
{
    struct pen pen = {0, 0, 0};
    for (size_t k = 1; k < p->n; k++)
        path_segment(cr, m, p, k - 1, k, &pen);
}

void render_draw_geo_lines(cairo_t *cr, const struct interf_map *m, const struct interf_lines *l)
{
    struct pline p = {0, 0, NULL, NULL, NULL, NULL};
    for (size_t k = 0; k < l->n; k++)
        if (l->line[k].n >= 2 && prepare(m, &l->line[k], &p))
            path_pline(cr, m, &p);
    pl_free(&p);
}

void render_path_rings(cairo_t *cr, const struct interf_lines *rings)
{
    for (size_t k = 0; k < rings->n; k++) {
        const struct interf_polyline *r = &rings->line[k];
        for (size_t p = 0; p < r->n; p++)
            (p ? cairo_line_to : cairo_move_to)(cr, r->x[p], r->y[p]);
        if (r->closed)
            cairo_close_path(cr);
    }
}

/* ----------------------------------------------------------------------------- graticule */

/* Meridians and parallels of the region at multiples of the step, as lon/lat lines. */
static int graticule_lines(const struct interf_map *m, struct interf_lines *out)
{
    const double *r = m->view.region, step = m->opt.graticule_deg;
    double lo[2], la[2];
    for (double lon = ceil(r[0] / step - 1e-9) * step; lon <= r[1] + 1e-9; lon += step) {
        /* The seam itself is the outline's business. */
        if (m->view.seam && m->view.region_global && fabs(wrap180(lon - m->view.lon0_deg)) >
                                                         180 - 1e-9)
            continue;
        lo[0] = lo[1] = lon;
        la[0] = fmax(r[2], -90 + 1e-9);
        la[1] = fmin(r[3], 90 - 1e-9);
        if (render_lines_add(out, 2, lo, la, 0, NULL) != INTERF_OK)
            return 0;
    }
    for (double lat = ceil(r[2] / step - 1e-9) * step; lat <= r[3] + 1e-9; lat += step) {
        if (fabs(lat) > 90 - 1e-9)
            continue;
        /* Split in two so that no piece spans 180 deg (the densifier takes the short way). */
        double mid = (r[0] + r[1]) / 2, e = m->view.region_global ? 1e-7 : 0;
        la[0] = la[1] = lat;
        lo[0] = r[0] + e;
        lo[1] = mid;
        if (render_lines_add(out, 2, lo, la, 0, NULL) != INTERF_OK)
            return 0;
        lo[0] = mid;
        lo[1] = r[1] - e;
        if (render_lines_add(out, 2, lo, la, 0, NULL) != INTERF_OK)
            return 0;
    }
    return 1;
}

void render_draw_graticule(cairo_t *cr, struct interf_map *m)
{
    struct interf_lines g;
    interf_lines_init(&g);
    if (m->opt.graticule_deg > 0 && graticule_lines(m, &g)) {
        cairo_save(cr);
        render_draw_geo_lines(cr, m, &g);
        cairo_set_source_rgba(cr, INK, INK, INK, 0.45);
        cairo_set_line_width(cr, 0.6 * m->lay.font_px / 16);
        cairo_stroke(cr);
        cairo_restore(cr);
    }
    interf_lines_free(&g);
}

/* ------------------------------------------------------------------------------ contours */

/* Labels along one projected contour line: at its middle when it is long enough, and every
 * 30 font sizes along longer lines, upright, with a white halo. */
static void label_line(cairo_t *cr, const struct interf_map *m, const struct pline *p,
                       const char *text)
{
    double fs = m->lay.font_px, len = 0, every = 30 * fs, need = 1.2 * render_text_width(cr, text);
    for (size_t k = 1; k < p->n; k++)
        if (p->px[k] != HUGE_VAL && p->px[k - 1] != HUGE_VAL)
            len += hypot(p->px[k] - p->px[k - 1], p->py[k] - p->py[k - 1]);
    if (len < 2 * need)
        return;
    double next = len < every ? len / 2 : every / 2, s = 0;
    for (size_t k = 1; k < p->n; k++) {
        if (p->px[k] == HUGE_VAL || p->px[k - 1] == HUGE_VAL)
            continue;
        double dx = p->px[k] - p->px[k - 1], dy = p->py[k] - p->py[k - 1], d = hypot(dx, dy);
        if (d > 0.3 * fmax(m->lay.map_w, m->lay.map_h) || s + d < next) {
            s += d;
            continue;
        }
        double t = (next - s) / d, x = p->px[k - 1] + t * dx, y = p->py[k - 1] + t * dy;
        double angle = atan2(dy, dx);
        if (angle > INTERF_PI / 2)
            angle -= INTERF_PI;
        else if (angle < -INTERF_PI / 2)
            angle += INTERF_PI;
        if (x > need / 2 && y > fs && x < m->lay.map_w - need / 2 && y < m->lay.map_h - fs) {
            cairo_save(cr);
            cairo_translate(cr, x, y);
            cairo_rotate(cr, angle);
            render_text_at(cr, text, 0, 0, 0.5, 0.5, 0.18 * fs);
            cairo_restore(cr);
        }
        next += every;
        s += d;
    }
}

void render_draw_contours(cairo_t *cr, struct interf_map *m, struct interf_lines *levels,
                          const double *values, size_t n)
{
    struct pline p = {0, 0, NULL, NULL, NULL, NULL};
    char text[64];
    cairo_save(cr);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    for (size_t k = 0; k < n; k++) {
        for (size_t i = 0; i < levels[k].n; i++)
            if (levels[k].line[i].n >= 2 && prepare(m, &levels[k].line[i], &p))
                path_pline(cr, m, &p);
        cairo_set_source_rgb(cr, INK, INK, INK);
        cairo_set_line_width(cr, 1.3 * m->lay.font_px / 16);
        cairo_stroke(cr);
    }
    render_text_font(cr, 0.8 * m->lay.font_px, 0);
    for (size_t k = 0; k < n; k++) {
        render_format_tick(text, sizeof text, values[k], 0.1);
        /* "-160.0" reads better as "-160" when the level is whole. */
        if (values[k] == floor(values[k]))
            render_format_tick(text, sizeof text, values[k], 1);
        for (size_t i = 0; i < levels[k].n; i++)
            if (levels[k].line[i].n >= 2 && prepare(m, &levels[k].line[i], &p))
                label_line(cr, m, &p, text);
    }
    cairo_restore(cr);
    pl_free(&p);
}

/* --------------------------------------------------------------------------------- marks */

void render_draw_marks(cairo_t *cr, struct interf_map *m)
{
    double fs = m->lay.font_px, x, y;
    cairo_save(cr);
    render_text_font(cr, 0.9 * fs, 0);
    for (size_t k = 0; k < m->opt.n_marks; k++) {
        const struct interf_mark *mk = &m->opt.marks[k];
        if (render_view_inside_deg(&m->view, mk->lon_deg, mk->lat_deg) < 0 ||
            !render_geo_to_px(m, mk->lon_deg, mk->lat_deg, &x, &y)) {
            render_map_warn(m, "--mark %g,%g: not on the map", mk->lat_deg, mk->lon_deg);
            continue;
        }
        cairo_new_path(cr);
        cairo_arc(cr, x, y, 0.3 * fs, 0, 2 * INTERF_PI);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, INK, INK, INK);
        cairo_set_line_width(cr, 0.12 * fs);
        cairo_stroke(cr);
        if (mk->label[0])
            render_text_at(cr, mk->label, x + 0.55 * fs, y, 0, 0.5, 0.18 * fs);
    }
    cairo_restore(cr);
}
