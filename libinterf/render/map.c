/* SPDX-License-Identifier: MIT */
/* interf render: a map from plan to image. interf_map_create checks the options and resolves
 * view, colour range and layout; interf_map_render draws raster, overlays and legend with cairo
 * (raster painted through the map's outline as an anti-aliased clip), then hands the pixels
 * over as straight RGBA. */
#include "render_impl.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Without a floor value, values at or below this are taken for the floor that stands for "no
 * interference" (interf-table(5)): left out of the default colour range, drawn with its bottom
 * colour. */
#define FLOOR_DB (-300.0)

void interf_map_options_init(struct interf_map_options *o)
{
    memset(o, 0, sizeof *o);
    o->width_px = MAP_DEFAULT_WIDTH_PX;
    o->interp = INTERF_INTERP_NEAREST;
    o->palette = INTERF_PALETTE_VIRIDIS;
}

void interf_map_options_set_meta(struct interf_map_options *o, const struct interf_grid_meta *meta)
{
    const char *floor = meta ? interf_grid_meta_get(meta, "floor_value") : NULL;
    double v;
    if (!meta)
        return;
    o->unit = meta->unit[0] ? meta->unit : NULL;
    if (!o->label)
        o->label = interf_grid_meta_get(meta, "label");
    const char *legend = interf_grid_meta_get(meta, "legend");
    o->classes |= legend && strcmp(legend, "classes") == 0;
    if (floor && interf_parse_real(floor, &v) && isfinite(v)) {
        o->has_floor = 1;
        o->floor_value = v;
    }
}

int render_map_is_floor(const struct interf_map *m, double v)
{
    return m->opt.has_floor && v == m->opt.floor_value;
}

size_t interf_map_warning_count(const struct interf_map *m) { return m->n_warn; }

const char *interf_map_warning(const struct interf_map *m, size_t k)
{
    return k < m->n_warn ? m->warn[k] : "";
}

static enum interf_status check_options(const struct interf_map_options *o,
                                        struct interf_error *err)
{
    if (o->width_px < 200 || o->width_px > MAP_MAX_WIDTH_PX)
        return interf_error_set(err, INTERF_EINPUT, "width_px: %d: allowed range 200 to %d "
                                "pixels", o->width_px, MAP_MAX_WIDTH_PX);
    if (o->has_range && (!isfinite(o->range_min) || !isfinite(o->range_max) ||
                         !(o->range_min < o->range_max)))
        return interf_error_set(err, INTERF_EINPUT, "range: %g:%g: MIN must be below MAX",
                                o->range_min, o->range_max);
    if (o->has_center && !isfinite(o->center))
        return interf_error_set(err, INTERF_EINPUT, "center: not a finite number");
    if (!(o->graticule_deg >= 0 && o->graticule_deg <= 90))
        return interf_error_set(err, INTERF_EINPUT, "graticule_deg: %g: allowed range 0 to 90 deg",
                                o->graticule_deg);
    if ((unsigned)o->palette > INTERF_PALETTE_INDEX || (unsigned)o->interp > 1)
        return interf_error_set(err, INTERF_EINVAL, "map options: bad palette or interpolation");
    for (size_t k = 0; k < o->n_contours; k++)
        if (!isfinite(o->contour_levels[k]))
            return interf_error_set(err, INTERF_EINPUT, "contour_levels: level not finite");
    return INTERF_OK;
}

/* Is cell k of the grid (partly) shown? Its centre within half a cell's diagonal of the region
 * and cap. */
static int cell_shown(const struct interf_map *m, size_t k)
{
    const struct interf_grid_spec *s = &m->grid->spec;
    double lon = interf_grid_lon_deg(s, k % s->ncols), lat = interf_grid_lat_deg(s, k / s->ncols);
    return render_view_inside_deg(&m->view, lon, lat) > -0.71 * s->cell_deg;
}

/* Smallest and largest shown value above `below` that is not the floor; returns the count. */
static size_t shown_minmax(const struct interf_map *m, double below, double *lo, double *hi)
{
    const struct interf_grid *g = m->grid;
    size_t n = g->spec.ncols * g->spec.nrows, count = 0;
    *lo = INFINITY;
    *hi = -INFINITY;
    for (size_t k = 0; k < n; k++) {
        double v = g->values[k];
        if (isnan(v) || !(v > below) || render_map_is_floor(m, v) || !cell_shown(m, k))
            continue;
        *lo = fmin(*lo, v);
        *hi = fmax(*hi, v);
        count++;
    }
    return count;
}

/* What the legend shows besides the range: floor cells, values beyond the range, and whether
 * it is a key per class: every value (floor aside) 0 or 1, or, with opt.classes, a whole
 * number of at most INTERF_MAP_CLASSES_MAX from the range's low end (class_seen: those shown,
 * bit k for range_min + k). */
static void classes(struct interf_map *m, size_t n_values)
{
    const struct interf_grid *g = m->grid;
    size_t n = g->spec.ncols * g->spec.nrows;
    int flag = n_values > 0 && m->opt.palette != INTERF_PALETTE_INDEX;
    int whole = flag && m->opt.classes && m->range_min == floor(m->range_min);
    uint32_t seen = 0;
    for (size_t k = 0; k < n; k++) {
        double v = g->values[k];
        if (isnan(v) || !cell_shown(m, k))
            continue;
        if (render_map_is_floor(m, v)) {
            m->floor_shown = 1;
            continue;
        }
        flag &= v == 0 || v == 1;
        m->below_range |= v < m->range_min;
        m->above_range |= v > m->range_max;
        double c = v - m->range_min;
        whole &= v == floor(v) && c < INTERF_MAP_CLASSES_MAX;
        if (whole && c >= 0)
            seen |= 1u << (unsigned)c;
    }
    m->keyed = whole || flag;
    m->class_min = whole ? m->range_min : 0;
    m->class_seen = whole ? seen : 3u; /* a 0/1 map shows both keys */
}

/* The colour range: given, else the shown values above the floor (or all shown values when none
 * is above it); a single value v gets v - 1 to v + 1. Returns 0 when no cell shown has a value
 * besides the floor. */
static int colour_range(struct interf_map *m)
{
    double lo, hi;
    size_t count = shown_minmax(m, m->opt.has_floor ? -INFINITY : FLOOR_DB, &lo, &hi);
    if (count == 0)
        count = shown_minmax(m, -INFINITY, &lo, &hi);
    if (m->opt.has_range) {
        lo = m->opt.range_min;
        hi = m->opt.range_max;
    } else if (count == 0) {
        lo = 0;
        hi = 1;
    } else if (lo == hi) {
        lo -= 1;
        hi += 1;
    }
    m->range_min = lo;
    m->range_max = hi;
    classes(m, count);
    return count > 0;
}

enum interf_status interf_map_create(const struct interf_grid *g,
                                     const struct interf_map_options *o, struct interf_map **out,
                                     struct interf_error *err)
{
    if (!g || !o || !out)
        return interf_error_set(err, INTERF_EINVAL, "interf_map_create: NULL argument");
    *out = NULL;
    enum interf_status st = check_options(o, err);
    if (st != INTERF_OK)
        return st;
    struct interf_map *m = calloc(1, sizeof *m);
    if (!m)
        return interf_error_set(err, INTERF_ENOMEM, "map: out of memory");
    m->grid = g;
    m->opt = *o;
    if ((st = render_view_init(&m->view, g, o, err)) != INTERF_OK) {
        interf_map_destroy(m);
        return st;
    }
    m->lay.bar = m->has_values = colour_range(m);
    if (!m->has_values && !m->floor_shown)
        render_map_warn(m, "the grid has no values where the map shows it (NODATA only)");
    m->lay.bar |= m->floor_shown;
    if (o->label)
        snprintf(m->label, sizeof m->label, "%s", o->label);
    else
        interf_unit_typeset(o->unit, m->label, sizeof m->label);
    m->lay.frame_labels = o->graticule_deg > 0 &&
                          (m->view.rect || render_graticule_edge_labels(m));
    render_layout_map(m);
    if ((st = render_map_load_data(m, err)) != INTERF_OK) {
        interf_map_destroy(m);
        return st;
    }
    *out = m;
    return INTERF_OK;
}

void interf_map_destroy(struct interf_map *m)
{
    if (!m)
        return;
    render_view_free(&m->view);
    interf_lines_free(&m->coast);
    interf_lines_free(&m->borders);
    free(m);
}

void interf_map_frame(const struct interf_map *m, struct interf_map_frame *f)
{
    const struct layout *L = &m->lay;
    memset(f, 0, sizeof *f);
    memcpy(f->proj, m->view.proj, sizeof f->proj);
    f->lon0_deg = m->view.lon0_deg;
    f->x_left_m = L->x_left_m;
    f->y_top_m = L->y_top_m;
    f->m_per_px = L->m_per_px;
    f->left_px = L->map_left;
    f->top_px = L->map_top;
    f->width_px = L->map_w;
    f->height_px = L->map_h;
    f->image_width_px = L->width;
    f->image_height_px = L->height;
    f->range_min = m->range_min;
    f->range_max = m->range_max;
}

int interf_map_locate(const struct interf_map *m, double lon, double lat, double *x, double *y)
{
    if (!render_geo_to_px(m, lon, lat, x, y))
        return 0;
    *x += m->lay.map_left;
    *y += m->lay.map_top;
    return render_view_inside_deg(&m->view, lon, lat) >= 0 && *x >= m->lay.map_left &&
           *y >= m->lay.map_top && *x <= m->lay.map_left + m->lay.map_w &&
           *y <= m->lay.map_top + m->lay.map_h;
}

/* --------------------------------------------------------------------------------- render */

static enum interf_status progress(struct interf_map *m, double f, const char *stage,
                                   struct interf_error *err)
{
    if (m->opt.progress && m->opt.progress(f, stage, m->opt.progress_user))
        return interf_error_set(err, INTERF_ECANCELED, "map: canceled");
    return INTERF_OK;
}

static void stroke_lines(cairo_t *cr, struct interf_map *m, const struct interf_lines *l,
                         double width, double r, double g, double b, int dashed)
{
    double s = m->lay.font_px / 16;
    if (!l)
        return;
    cairo_save(cr);
    cairo_new_path(cr);
    render_draw_geo_lines(cr, m, l);
    cairo_set_source_rgb(cr, r, g, b);
    cairo_set_line_width(cr, width * s);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    if (dashed) {
        const double dash[2] = {3.0 * s, 2.0 * s};
        cairo_set_dash(cr, dash, 2, 0);
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    }
    cairo_stroke(cr);
    cairo_restore(cr);
}

static enum interf_status contours(cairo_t *cr, struct interf_map *m, struct interf_error *err)
{
    size_t n = m->opt.n_contours;
    enum interf_status st = INTERF_OK;
    struct interf_lines *lv = calloc(n ? n : 1, sizeof *lv);
    if (!lv)
        return interf_error_set(err, INTERF_ENOMEM, "contours: out of memory");
    const struct interf_grid *g = m->grid;
    struct interf_grid *copy = NULL;
    if (m->floor_shown && n > 0) { /* the floor is no level: lines end there as at NODATA */
        size_t cells = g->spec.ncols * g->spec.nrows;
        st = interf_grid_create(&g->spec, &copy, err);
        for (size_t k = 0; st == INTERF_OK && k < cells; k++)
            copy->values[k] = render_map_is_floor(m, g->values[k]) ? NAN : g->values[k];
        g = copy;
    }
    for (size_t k = 0; k < n && st == INTERF_OK; k++)
        st = interf_grid_contour(g, m->opt.contour_levels[k], &lv[k], err);
    interf_grid_destroy(copy);
    if (st == INTERF_OK)
        render_draw_contours(cr, m, lv, m->opt.contour_levels, n);
    for (size_t k = 0; k < n; k++)
        interf_lines_free(&lv[k]);
    free(lv);
    return st;
}

/* Raster and overlays, inside the map area (cr translated to it, clipped to the outline). */
static enum interf_status map_area(cairo_t *cr, struct interf_map *m, cairo_surface_t *raster,
                                   const struct interf_lines *outline, struct interf_error *err)
{
    cairo_save(cr);
    cairo_translate(cr, m->lay.map_left, m->lay.map_top);
    render_path_rings(cr, outline);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    cairo_clip(cr);
    cairo_set_source_surface(cr, raster, 0, 0);
    cairo_paint(cr);
    render_draw_graticule(cr, m);
    stroke_lines(cr, m, m->opt.borders, 0.6, 0.2, 0.2, 0.2, 1);
    stroke_lines(cr, m, m->opt.coast, 0.8, INK, INK, INK, 0);
    enum interf_status st = contours(cr, m, err);
    stroke_lines(cr, m, m->opt.tracks, 1.4, 0.85, 0.1, 0.1, 0);
    cairo_restore(cr);
    /* The outline on top, unclipped, then the marks (their labels may leave the map). */
    cairo_save(cr);
    cairo_translate(cr, m->lay.map_left, m->lay.map_top);
    cairo_new_path(cr);
    render_path_rings(cr, outline);
    cairo_set_source_rgb(cr, INK, INK, INK);
    cairo_set_line_width(cr, fmax(1.0, m->lay.font_px / 16));
    cairo_stroke(cr);
    render_draw_marks(cr, m);
    cairo_restore(cr);
    return st;
}

static void text_options(cairo_t *cr)
{
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_SLIGHT);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_set_font_options(cr, fo);
    cairo_font_options_destroy(fo);
}

static enum interf_status render(struct interf_map *m, struct interf_image **out,
                                 struct interf_error *err)
{
    const struct layout *L = &m->lay;
    struct interf_lines outline;
    cairo_t *cr = NULL;
    enum interf_status st;
    interf_lines_init(&outline);
    m->has_nodata = 0;
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, L->width, L->height);
    cairo_surface_t *ras = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, L->map_w, L->map_h);
    if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS ||
        cairo_surface_status(ras) != CAIRO_STATUS_SUCCESS) {
        st = interf_error_set(err, INTERF_ENOMEM, "map of %d x %d pixels: out of memory",
                              L->width, L->height);
        goto done;
    }
    cairo_surface_flush(ras);
    st = render_raster_render(m, cairo_image_surface_get_data(ras),
                              cairo_image_surface_get_stride(ras),
                              &outline, err);
    cairo_surface_mark_dirty(ras);
    if (st != INTERF_OK || (st = progress(m, 0.92, "overlays", err)) != INTERF_OK)
        goto done;
    cr = cairo_create(img);
    text_options(cr);
    if ((st = map_area(cr, m, ras, &outline, err)) != INTERF_OK)
        goto done;
    render_draw_frame_labels(cr, m);
    render_draw_titles(cr, m);
    render_draw_colour_bar(cr, m);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
        st = interf_error_set(err, INTERF_ENOMEM, "map: cairo: %s",
                              cairo_status_to_string(cairo_status(cr)));
        goto done;
    }
    st = render_image_from_surface(img, out, err);
    if (st == INTERF_OK)
        st = progress(m, 1.0, "done", err);
done:
    if (cr)
        cairo_destroy(cr);
    cairo_surface_destroy(ras);
    cairo_surface_destroy(img);
    interf_lines_free(&outline);
    return st;
}

enum interf_status interf_map_render(struct interf_map *m, struct interf_image **out,
                                     struct interf_error *err)
{
    if (!m || !out)
        return interf_error_set(err, INTERF_EINVAL, "interf_map_render: NULL argument");
    *out = NULL;
    /* Numbers in labels are formatted by interf_format_c: the same in any locale. */
    enum interf_status st = render(m, out, err);
    if (st != INTERF_OK) {
        interf_image_destroy(*out);
        *out = NULL;
    }
    return st;
}
