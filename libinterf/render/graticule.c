/* SPDX-License-Identifier: MIT */
/* interf render: the graticule's labels on maps that are not longitude/latitude rectangles (the
 * plate carrée's frame labels are legend.c's). A meridian is labelled below the point where it
 * enters the map from the south edge of the region, a parallel left of the point where it
 * enters from the west edge: on the world maps (robin, moll, eqearth) along the pole line and
 * the curved side, on regional maps along their outline. A line that enters the map across the
 * horizon of a globe view (ortho, geos, stere) instead, and the meridians of a map whose south
 * edge is too short for their labels (a pole that is a point, as on moll), are labelled inside
 * the map, on the line, with a white halo: meridians along the graticule's parallel nearest the
 * map's centre, parallels along its meridian nearest the central meridian. A label that would
 * overlap one placed before it, leave the image, or (inside) leave the map is left out. */
#include "render_impl.h"

#include <math.h>
#include <string.h>

/* Samples along a line to find where it enters the map, then bisection steps. */
#define ENTRY_SAMPLES 720
#define ENTRY_BISECT 30
#define MAX_LABELS 400

struct placed {
    size_t n;
    double box[MAX_LABELS][4];
};

/* Is lon/lat drawn on the map? */
static int on_map(const struct interf_map *m, double lon, double lat)
{
    double px, py;
    return render_view_inside_deg(&m->view, lon, lat) >= 0 &&
           render_geo_to_px(m, lon, lat, &px, &py);
}

/* The first point on the map along a meridian (is_lon: at longitude v, from the region's south
 * edge northwards) or a parallel (at latitude v, from its west edge eastwards), into *t (the
 * latitude or longitude). Returns 0 when the line is not on the map, 1 when it enters at the
 * region's edge, 2 when it enters elsewhere (across a globe's horizon). */
static int entry(const struct interf_map *m, int is_lon, double v, double *t)
{
    const double *r = m->view.region;
    double a = is_lon ? r[2] : r[0], b = is_lon ? r[3] : r[1];
    a = is_lon ? fmax(a, -90 + 1e-9) + 1e-9 : a + 1e-9;
    b = is_lon ? fmin(b, 90 - 1e-9) - 1e-9 : b - 1e-9;
    for (int k = 0; k <= ENTRY_SAMPLES; k++) {
        double u = a + (b - a) * k / ENTRY_SAMPLES;
        if (!(is_lon ? on_map(m, v, u) : on_map(m, u, v)))
            continue;
        if (k == 0) { /* at the region's edge: the map's outline, unless the region goes round
                         the Earth there (a globe's south pole, or its 180th meridian) */
            const struct view *w = &m->view;
            *t = u;
            return (is_lon ? r[2] > -90 + 1e-9 || w->seam : !w->region_global || w->seam) ? 1 : 2;
        }
        double off = a + (b - a) * (k - 1) / ENTRY_SAMPLES, in = u;
        for (int it = 0; it < ENTRY_BISECT; it++) {
            double mid = (off + in) / 2;
            if (is_lon ? on_map(m, v, mid) : on_map(m, mid, v))
                in = mid;
            else
                off = mid;
        }
        *t = in;
        return 2;
    }
    return 0;
}

/* Can a label with box b go there: in the image, clear of the labels placed (by a third of the
 * text size), and, inside the map, with its corners and centre on the map? */
static int fits(const struct interf_map *m, const struct placed *p, const double b[4],
                int inside)
{
    const struct layout *L = &m->lay;
    double pad = 0.3 * L->font_px;
    if (b[0] < 0 || b[1] < 0 || b[2] > L->width || b[3] > L->height || p->n == MAX_LABELS)
        return 0;
    for (size_t k = 0; k < p->n; k++) {
        const double q[4] = {p->box[k][0] - pad, p->box[k][1] - pad, p->box[k][2] + pad,
                             p->box[k][3] + pad};
        if (render_boxes_overlap(b, q))
            return 0;
    }
    if (!inside)
        return 1;
    const double x[5] = {b[0], b[2], b[0], b[2], (b[0] + b[2]) / 2};
    const double y[5] = {b[1], b[1], b[3], b[3], (b[1] + b[3]) / 2};
    for (int k = 0; k < 5; k++)
        if (!render_point_on_map(m, x[k] - L->map_left, y[k] - L->map_top))
            return 0;
    return 1;
}

/* Draw text at image point (x, y) with alignment ax, ay if it fits; returns 1 if drawn. */
static int place(cairo_t *cr, const struct interf_map *m, struct placed *p, const char *text,
                 double x, double y, double ax, double ay, int inside)
{
    double halo = inside ? 0.18 * m->lay.font_px : 0, b[4];
    render_text_box(cr, text, x, y, ax, ay, halo, b);
    if (!fits(m, p, b, inside))
        return 0;
    render_text_at(cr, text, x, y, ax, ay, halo);
    memcpy(p->box[p->n++], b, sizeof b);
    return 1;
}

/* Image coordinates of lon/lat; 0 if it is not drawn. */
static int image_px(const struct interf_map *m, double lon, double lat, double *x, double *y)
{
    if (!render_geo_to_px(m, lon, lat, x, y))
        return 0;
    *x += m->lay.map_left;
    *y += m->lay.map_top;
    return 1;
}

/* The seam of a whole-Earth map with a seam is the outline, not a meridian of the graticule. */
static int is_seam(const struct interf_map *m, double lon)
{
    double d = fmod(fabs(lon - m->view.lon0_deg), 360.0);
    return m->view.seam && m->view.region_global && fabs(d - 180) < 1e-9;
}

/* The multiples of the step inside [a, b] (first and count). */
static int multiples(double a, double b, double step, double *first)
{
    *first = ceil(a / step - 1e-9) * step;
    return (int)floor((b - *first) / step + 1e-9) + 1;
}

/* Do the labels of the meridians at multiples of `every` steps overlap along the south edge,
 * or are there fewer than three (a pole that is a point)? */
static int south_edge_crowded(cairo_t *cr, const struct interf_map *m, int every)
{
    const double *r = m->view.region, step = every * m->opt.graticule_deg;
    double first, t, x, y, prev[4] = {0, 0, 0, 0}, b[4], pad = 0.3 * m->lay.font_px;
    int have = 0, n = multiples(r[0], r[1], step, &first);
    char buf[48];
    for (int k = 0; k < n; k++) {
        double lon = first + k * step;
        if (is_seam(m, lon) || entry(m, 1, lon, &t) != 1 || !image_px(m, lon, t, &x, &y))
            continue;
        render_degree_label(buf, sizeof buf, lon, m->opt.graticule_deg, 1);
        render_text_box(cr, buf, x, y + 0.5 * m->lay.font_px, 0.5, 0, 0, b);
        b[0] -= pad;
        if (have && render_boxes_overlap(b, prev))
            return 1;
        memcpy(prev, b, sizeof b);
        have++;
    }
    return every > 1 && have < 3;
}

/* Label every how many meridians along the south edge: 1, else the fewest that leave room
 * (2, 3, 4 or 6: on a world map every 60 deg rather than 30); 0 when even that crowds (the
 * labels then go inside the map). */
static int south_edge_every(cairo_t *cr, const struct interf_map *m)
{
    static const int every[] = {1, 2, 3, 4, 6};
    for (size_t k = 0; k < sizeof every / sizeof every[0]; k++)
        if (!south_edge_crowded(cr, m, every[k]))
            return every[k];
    return 0;
}

/* The graticule line (a multiple of the step) nearest v, kept off the poles for a parallel. */
static double nearest_line(double v, double step, int is_lat)
{
    double g = round(v / step) * step;
    while (is_lat && fabs(g) > 90 - 1e-9)
        g -= copysign(step, g);
    return g;
}

int render_graticule_edge_labels(const struct interf_map *m)
{
    /* A globe view of the whole Earth is bounded by its horizon alone. */
    return !(m->view.has_cap && m->view.region_global);
}

void render_draw_graticule_labels(cairo_t *cr, const struct interf_map *m)
{
    const struct view *v = &m->view;
    const double *r = v->region, step = m->opt.graticule_deg, fs = m->lay.font_px;
    struct placed p;
    double first, t, x, y;
    char buf[48];
    if (!(step > 0))
        return;
    p.n = 0;
    cairo_save(cr);
    render_text_font(cr, 0.85 * fs, 0);
    cairo_set_source_rgb(cr, INK, INK, INK);
    int every = south_edge_every(cr, m);
    double lat_ref = nearest_line(v->has_cap ? v->cap_lat_deg : (r[2] + r[3]) / 2, step, 1);
    double lon_ref = nearest_line(v->has_cap ? v->cap_lon_deg : v->lon0_deg, step, 0);
    /* Meridians: below the south edge, else on the line just under the reference parallel. */
    int n = multiples(r[0], r[1], step, &first);
    for (int k = 0; k < n; k++) {
        double lon = first + k * step;
        int how = is_seam(m, lon) ? 0 : entry(m, 1, lon, &t);
        render_degree_label(buf, sizeof buf, lon, step, 1);
        int labelled = every > 0 && fabs(remainder(lon, every * step)) < 1e-9 * step;
        if (how == 1 && every > 0) {
            if (labelled && image_px(m, lon, t, &x, &y))
                place(cr, m, &p, buf, x, y + 0.5 * fs, 0.5, 0, 0);
        } else if (how && image_px(m, lon, lat_ref, &x, &y)) {
            place(cr, m, &p, buf, x + 0.3 * fs, y + 0.3 * fs, 0, 0, 1);
        }
    }
    /* Parallels: left of the west edge, else on the line just above the reference meridian. */
    n = multiples(fmax(r[2], -90), fmin(r[3], 90), step, &first);
    for (int k = 0; k < n; k++) {
        double lat = first + k * step;
        int how = fabs(lat) > 90 - 1e-9 ? 0 : entry(m, 0, lat, &t);
        render_degree_label(buf, sizeof buf, lat, step, 0);
        if (how == 1 && image_px(m, t, lat, &x, &y))
            place(cr, m, &p, buf, x - 0.5 * fs, y, 1, 0.5, 0);
        else if (how && image_px(m, lon_ref, lat, &x, &y))
            place(cr, m, &p, buf, x + 0.3 * fs, y - 0.3 * fs, 0, 1, 1);
    }
    cairo_restore(cr);
}
