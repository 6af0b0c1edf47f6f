/* SPDX-License-Identifier: MIT */
/* interf render: text with cairo (DejaVu Sans through fontconfig, anti-aliased), the layout of a
 * map image, its titles, colour bar and frame labels. Sizes scale with the image width: the body
 * text is width / 75 pixels (16 px at the default 1200). */
#include "render_impl.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define FLOOR_KEY "no emitter in view"

/* ------------------------------------------------------------------------------- layout */

static double text_width_px(double size_px, const char *s);

/* Where, right of the keys' left edge, the label of a vertical keyed legend goes: past the
 * widest of the classes' keys (widest) and those of NODATA (whether the map shows it is known
 * only once drawn) and the floor, under which it runs. */
static double keyed_label_x(const struct interf_map *m, double widest)
{
    double fs = m->lay.font_px, s = round(0.85 * fs);
    widest = fmax(widest, s + 0.4 * fs + text_width_px(0.9 * fs, "no data"));
    if (m->floor_shown)
        widest = fmax(widest, s + 0.4 * fs + text_width_px(0.9 * fs, FLOOR_KEY));
    return widest + 0.8 * fs;
}

/* The number of classes a keyed legend shows. */
static int n_keys(const struct interf_map *m)
{
    int n = 0;
    for (int k = 0; k < INTERF_MAP_CLASSES_MAX; k++)
        n += (int)(m->class_seen >> k & 1u);
    return n;
}

/* The width of text s at size_px, as the map draws it (before there is a map to draw on). */
static double text_width_px(double size_px, const char *s)
{
    cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
    cairo_t *cr = cairo_create(surface);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_set_font_options(cr, fo);
    cairo_font_options_destroy(fo);
    render_text_font(cr, size_px, 0);
    double w = render_text_width(cr, s);
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
    return w;
}

void render_layout_map(struct interf_map *m)
{
    struct layout *L = &m->lay;
    const struct view *v = &m->view;
    const struct interf_map_options *o = &m->opt;
    int width = o->width_px > 0 ? o->width_px : MAP_DEFAULT_WIDTH_PX;
    double fs = fmin(fmax(width / 75.0, 9.0), 48.0), margin = round(fs);
    double aspect = (v->x_max - v->x_min) / (v->y_max - v->y_min);
    double top = margin, left = margin, right = margin, bar_space = 0;
    L->width = width;
    L->font_px = fs;
    L->bar = o->palette != INTERF_PALETTE_INDEX && L->bar;
    L->bar_vertical = L->bar && aspect < 1.25;
    if (o->title) {
        L->title_y = top + 1.4 * fs * CAP;
        top += 1.4 * fs * 1.25;
    }
    if (o->subtitle) {
        L->subtitle_y = top + fs * CAP;
        top += fs * 1.4;
    }
    if (o->title || o->subtitle)
        top += 0.5 * margin;
    if (L->frame_labels) {
        left += 3.0 * fs;
        right += 1.2 * fs;
        top += 0.6 * fs;
    }
    /* The floor's key, "no emitter in view", is the widest text beside the bar. */
    double key_w = m->floor_shown ? 0.85 * fs + 0.4 * fs + text_width_px(0.9 * fs, FLOOR_KEY)
                                  : 0;
    if (L->bar_vertical)
        bar_space = fmax(fs * (0.9 + 1.0 + 0.4 + 3.4 + 0.5 + 1.2), 1.5 * fs + key_w - margin);
    if (L->bar_vertical && m->keyed) /* the label right of the widest key (keyed_label_x) */
        bar_space = fmax(bar_space, 1.0 * fs + keyed_label_x(m, 0) + 1.4 * fs - margin);
    L->map_left = (int)round(left);
    L->map_top = (int)round(top);
    L->map_w = (int)fmax(16, round(width - left - right - bar_space));
    L->m_per_px = (v->x_max - v->x_min) / L->map_w;
    /* A hundredth of a pixel more is not worth a row (the bounds are sampled just inside). */
    L->map_h = (int)fmax(1, ceil((v->y_max - v->y_min) / L->m_per_px - 0.01));
    L->x_left_m = (v->x_min + v->x_max) / 2 - L->m_per_px * L->map_w / 2;
    L->y_top_m = (v->y_min + v->y_max) / 2 + L->m_per_px * L->map_h / 2;
    double bottom = L->map_top + L->map_h + (L->frame_labels ? 1.6 * fs : 0);
    if (L->bar && !L->bar_vertical) {
        L->bar_h = round(0.85 * fs);
        L->bar_w = round(0.6 * L->map_w);
        L->bar_x = L->map_left + round((L->map_w - L->bar_w) / 2);
        /* Narrower when the keys right of it (2.7 fs: the last tick label and the gap) would
         * leave the image. */
        double over = L->bar_x + L->bar_w + 2.7 * fs + key_w - (width - 0.5 * fs);
        if (over > 0) {
            L->bar_w = round(L->bar_w - 2 * over);
            L->bar_x = L->map_left + round((L->map_w - L->bar_w) / 2);
        }
        L->bar_y = round(bottom + 1.1 * margin);
        bottom = L->bar_y + L->bar_h + 0.45 * fs + CAP * fs + (m->label[0] ? 1.7 * fs : 0);
    } else if (L->bar) {
        L->bar_w = round(0.85 * fs);
        L->bar_h = round(fmax(0.7 * L->map_h, 6 * fs));
        L->bar_x = L->map_left + L->map_w + round(1.0 * fs);
        L->bar_y = L->map_top + round((L->map_h - L->bar_h) / 2);
        /* below the bar: a triangle, then the keys of NODATA and the floor */
        bottom = fmax(bottom, L->bar_y + L->bar_h + (m->floor_shown ? 4.4 : 2.5) * fs);
        if (m->keyed) /* the classes' keys one under the other, then those two */
            bottom = fmax(bottom, L->bar_y + (n_keys(m) + 2) * 1.3 * fs + 0.35 * fs);
    }
    L->height = (int)ceil(bottom + margin);
}

/* ------------------------------------------------------------------------------- titles */

void render_draw_titles(cairo_t *cr, const struct interf_map *m)
{
    const struct layout *L = &m->lay;
    double cx = L->width / 2.0;
    if (m->opt.title) {
        render_text_font(cr, 1.4 * L->font_px, 1);
        cairo_set_source_rgb(cr, INK, INK, INK);
        render_text_at(cr, m->opt.title, cx, L->title_y, 0.5, 1, 0);
    }
    if (m->opt.subtitle) {
        render_text_font(cr, L->font_px, 0);
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
        render_text_at(cr, m->opt.subtitle, cx, L->subtitle_y, 0.5, 1, 0);
    }
}

/* ---------------------------------------------------------------------------- colour bar */

/* Position along the bar (pixels from its low end) of value v. */
static double bar_pos(const struct interf_map *m, double v)
{
    const struct layout *L = &m->lay;
    double len = L->bar_vertical ? L->bar_h : L->bar_w;
    return (v - m->range_min) / (m->range_max - m->range_min) * len;
}

static void ramp(cairo_t *cr, const struct interf_map *m)
{
    const struct layout *L = &m->lay;
    int n = (int)(L->bar_vertical ? L->bar_h : L->bar_w);
    cairo_save(cr);
    cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
    for (int k = 0; k < n; k++) {
        double v = m->range_min + (k + 0.5) / n * (m->range_max - m->range_min);
        render_set_rgb(cr, render_map_colour_rgb(m, v));
        if (L->bar_vertical)
            cairo_rectangle(cr, L->bar_x, L->bar_y + L->bar_h - k - 1, L->bar_w, 1);
        else
            cairo_rectangle(cr, L->bar_x + k, L->bar_y, 1, L->bar_h);
        cairo_fill(cr);
    }
    cairo_restore(cr);
}

/* The ramp's outline with a triangle at each end whose values go beyond the range. */
static void bar_outline(cairo_t *cr, const struct interf_map *m, int fill_ends)
{
    const struct layout *L = &m->lay;
    double x = L->bar_x, y = L->bar_y, w = L->bar_w, h = L->bar_h;
    double t = 0.9 * (L->bar_vertical ? w : h);
    for (int end = 0; end < 2 && fill_ends; end++) {
        if (!(end ? m->above_range : m->below_range))
            continue;
        if (L->bar_vertical) {
            double yy = end ? y : y + h, dir = end ? -1 : 1;
            cairo_move_to(cr, x, yy);
            cairo_line_to(cr, x + w / 2, yy + dir * t);
            cairo_line_to(cr, x + w, yy);
        } else {
            double xx = end ? x + w : x, dir = end ? 1 : -1;
            cairo_move_to(cr, xx, y);
            cairo_line_to(cr, xx + dir * t, y + h / 2);
            cairo_line_to(cr, xx, y + h);
        }
        cairo_close_path(cr);
        render_set_rgb(cr, render_map_colour_rgb(m, end ? m->range_max : m->range_min));
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, INK, INK, INK);
        cairo_stroke(cr);
    }
    if (!fill_ends) {
        cairo_rectangle(cr, x, y, w, h);
        cairo_set_source_rgb(cr, INK, INK, INK);
        cairo_stroke(cr);
    }
}

/* Returns, for a horizontal bar, half the width of the last tick label (how far it reaches
 * past the bar's end); for a vertical bar, the width of the widest tick label. */
static double ticks(cairo_t *cr, const struct interf_map *m)
{
    const struct layout *L = &m->lay;
    double fs = L->font_px, span = m->range_max - m->range_min;
    double step = render_nice_step(span, L->bar_vertical ? 7 : 6);
    char buf[64];
    double half = 0;
    render_text_font(cr, 0.9 * fs, 0);
    for (double v = ceil(m->range_min / step - 1e-9) * step; v <= m->range_max + 1e-9 * span;
         v += step) {
        double p = bar_pos(m, v);
        render_format_tick(buf, sizeof buf, v, step);
        cairo_set_source_rgb(cr, INK, INK, INK);
        if (L->bar_vertical) {
            double y = round(L->bar_y + L->bar_h - p) + 0.5, x = L->bar_x + L->bar_w;
            cairo_move_to(cr, x - 0.25 * L->bar_w, y);
            cairo_line_to(cr, x + 0.3 * fs, y);
            cairo_stroke(cr);
            render_text_at(cr, buf, x + 0.5 * fs, y, 0, 0.5, 0);
            half = fmax(half, render_text_width(cr, buf));
        } else {
            double x = round(L->bar_x + p) + 0.5, y = L->bar_y + L->bar_h;
            cairo_move_to(cr, x, y - 0.25 * L->bar_h);
            cairo_line_to(cr, x, y + 0.3 * fs);
            cairo_stroke(cr);
            render_text_at(cr, buf, x, y + 0.45 * fs, 0.5, 0, 0);
            half = fmax(0, x + render_text_width(cr, buf) / 2 - (L->bar_x + L->bar_w));
        }
    }
    return half;
}

/* The unit under a horizontal bar, or along a vertical one clear of its tick labels (tick_w:
 * the widest of them); for the two classes of a 0/1 map, under their row, or along them
 * (tick_w: the widest key). */
static void unit_label(cairo_t *cr, const struct interf_map *m, double tick_w)
{
    const struct layout *L = &m->lay;
    double fs = L->font_px, s = L->bar_vertical ? L->bar_w : L->bar_h;
    if (!m->label[0])
        return;
    render_text_font(cr, fs, 0);
    cairo_set_source_rgb(cr, INK, INK, INK);
    if (!L->bar_vertical) {
        double y = m->keyed ? L->bar_y + L->bar_h + 0.6 * fs
                                : L->bar_y + L->bar_h + 0.45 * fs + CAP * 0.9 * fs + 0.75 * fs;
        render_text_at(cr, m->label, L->bar_x + L->bar_w / 2, y, 0.5, 0, 0);
        return;
    }
    cairo_save(cr);
    if (m->keyed) /* the middle of the keys' column */
        cairo_translate(cr, L->bar_x + keyed_label_x(m, tick_w),
                        L->bar_y + (n_keys(m) * (s + 0.45 * fs) - 0.45 * fs) / 2);
    else
        cairo_translate(cr, L->bar_x + L->bar_w + fmax(4.3 * fs, 1.2 * fs + tick_w),
                        L->bar_y + L->bar_h / 2);
    cairo_rotate(cr, INTERF_PI / 2);
    render_text_at(cr, m->label, 0, 0, 0.5, 1, 0);
    cairo_restore(cr);
}

/* A legend key with the top-left corner of its box (side s) at (x, y): the box filled with
 * colour rgb, or with the floor's hatching, then the text. Returns the key's width. */
static double key(cairo_t *cr, const struct interf_map *m, double x, double y, double s,
                  int hatched, uint32_t rgb, const char *text)
{
    double fs = m->lay.font_px;
    cairo_save(cr);
    if (hatched) { /* the pixels of the map's hatching, so that the two look the same */
        cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
        for (int j = (int)floor(y); j < (int)ceil(y + s); j++)
            for (int i = (int)floor(x); i < (int)ceil(x + s); i++) {
                render_set_rgb(cr, render_floor_rgb(m, i, j));
                cairo_rectangle(cr, i, j, 1, 1);
                cairo_fill(cr);
            }
        cairo_restore(cr);
        cairo_save(cr);
        cairo_rectangle(cr, x, y, s, s);
    } else {
        cairo_rectangle(cr, x, y, s, s);
        render_set_rgb(cr, rgb);
        cairo_fill_preserve(cr);
    }
    cairo_set_source_rgb(cr, INK, INK, INK);
    cairo_stroke(cr);
    cairo_restore(cr);
    render_text_font(cr, 0.9 * fs, 0);
    cairo_set_source_rgb(cr, INK, INK, INK);
    render_text_at(cr, text, x + s + 0.4 * fs, y + s / 2, 0, 0.5, 0);
    return s + 0.4 * fs + render_text_width(cr, text);
}

/* The keys of NODATA ("no data") and the floor ("no emitter in view") when the map shows them,
 * one under the other from (x, y). */
static void extra_keys(cairo_t *cr, const struct interf_map *m, double x, double y)
{
    const struct layout *L = &m->lay;
    double fs = L->font_px, s = L->bar_vertical ? L->bar_w : L->bar_h;
    if (m->has_nodata) {
        key(cr, m, x, y, s, 0, NODATA_RGB, "no data");
        y += s + 0.45 * fs;
    }
    if (m->floor_shown)
        key(cr, m, x, y, s, 1, 0, FLOOR_KEY);
}

/* The classes shown ("0" and "1" of a 0/1 map, or the whole numbers of opt.classes) in their
 * colours: in a row centred where a horizontal bar would be, or one under the other from the
 * top of a vertical one. Returns the widest key's width; *end_x: where the row ends. */
static double class_keys(cairo_t *cr, const struct interf_map *m, double *end_x)
{
    const struct layout *L = &m->lay;
    double fs = L->font_px, s = L->bar_vertical ? L->bar_w : L->bar_h, widest = 0;
    double x = L->bar_x, y = L->bar_y, gap = 1.5 * fs, row = -gap;
    char text[INTERF_MAP_CLASSES_MAX][32];
    for (int k = 0; k < INTERF_MAP_CLASSES_MAX; k++) { /* boxes, texts and gaps between */
        interf_format_c(text[k], sizeof text[k], "%g", m->class_min + k);
        if (m->class_seen >> k & 1u)
            row += s + 0.4 * fs + text_width_px(0.9 * fs, text[k]) + gap;
    }
    if (!L->bar_vertical)
        x = L->bar_x + L->bar_w / 2 - row / 2;
    for (int k = 0; k < INTERF_MAP_CLASSES_MAX; k++) {
        if (!(m->class_seen >> k & 1u))
            continue;
        double w = key(cr, m, x, y, s, 0, render_map_colour_rgb(m, m->class_min + k), text[k]);
        widest = fmax(widest, w);
        if (L->bar_vertical)
            y += s + 0.45 * fs;
        else
            x += w + gap;
    }
    *end_x = x - gap;
    return widest;
}

void render_draw_colour_bar(cairo_t *cr, const struct interf_map *m)
{
    const struct layout *L = &m->lay;
    double s = L->bar_vertical ? L->bar_w : L->bar_h, fs = L->font_px;
    if (!L->bar)
        return;
    cairo_save(cr);
    cairo_set_line_width(cr, fmax(1.0, fs / 16));
    if (!m->has_values) { /* only the floor (and NODATA): their keys alone */
        extra_keys(cr, m, L->bar_x, L->bar_y);
    } else if (m->keyed) {
        double end_x;
        unit_label(cr, m, class_keys(cr, m, &end_x));
        if (L->bar_vertical)
            extra_keys(cr, m, L->bar_x, L->bar_y + n_keys(m) * (s + 0.45 * fs) + 0.35 * fs);
        else
            extra_keys(cr, m, fmax(L->bar_x + L->bar_w, end_x) + 1.2 * fs, L->bar_y);
    } else {
        ramp(cr, m);
        bar_outline(cr, m, 1);
        bar_outline(cr, m, 0);
        double reach = ticks(cr, m);
        unit_label(cr, m, reach);
        if (L->bar_vertical)
            extra_keys(cr, m, L->bar_x,
                       L->bar_y + L->bar_h + (m->below_range ? 1.0 : 0) * s + 0.8 * fs);
        else
            extra_keys(cr, m, L->bar_x + L->bar_w + fmax((m->above_range ? 1.0 : 0) * s, reach) +
                                  1.2 * fs, L->bar_y);
    }
    cairo_restore(cr);
}

/* ------------------------------------------------------------------------- frame labels */

void render_degree_label(char *buf, size_t n, double v, double step, int is_lon)
{
    char num[32];
    if (is_lon) {
        v = fmod(v, 360.0);
        v = v > 180 ? v - 360 : v <= -180 ? v + 360 : v;
    }
    render_format_tick(num, sizeof num, fabs(v), step);
    int zero = fabs(v) < 1e-9, dateline = is_lon && fabs(fabs(v) - 180) < 1e-9;
    const char *hemi = zero || dateline ? "" : is_lon ? (v > 0 ? "E" : "W") : (v > 0 ? "N" : "S");
    snprintf(buf, n, "%s\xC2\xB0%s", num, hemi);
}

void render_draw_frame_labels(cairo_t *cr, const struct interf_map *m)
{
    const struct layout *L = &m->lay;
    const double *r = m->view.region, step = m->opt.graticule_deg;
    double fs = L->font_px, px, py;
    char buf[48];
    if (!m->view.rect) {
        render_draw_graticule_labels(cr, m);
        return;
    }
    if (!L->frame_labels)
        return;
    cairo_save(cr);
    render_text_font(cr, 0.85 * fs, 0);
    cairo_set_source_rgb(cr, INK, INK, INK);
    for (double lon = ceil(r[0] / step - 1e-9) * step; lon <= r[1] + 1e-9; lon += step) {
        if (!render_geo_to_px(m, lon, r[2] + 1e-9, &px, &py))
            continue;
        render_degree_label(buf, sizeof buf, lon, step, 1);
        render_text_at(cr, buf, L->map_left + px, L->map_top + L->map_h + 0.5 * fs, 0.5, 0, 0);
    }
    for (double lat = ceil(r[2] / step - 1e-9) * step; lat <= r[3] + 1e-9; lat += step) {
        if (!render_geo_to_px(m, r[0] + 1e-9, lat, &px, &py))
            continue;
        render_degree_label(buf, sizeof buf, lat, step, 0);
        render_text_at(cr, buf, L->map_left - 0.5 * fs, L->map_top + py, 1, 0.5, 0);
    }
    cairo_restore(cr);
}
