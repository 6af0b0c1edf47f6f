/* SPDX-License-Identifier: MIT */
/* interf render: text with cairo (DejaVu Sans through fontconfig, anti-aliased), the layout of a
 * map image, its titles, colour bar and frame labels. Sizes scale with the image width: the body
 * text is width / 75 pixels (16 px at the default 1200). */
#include "render_impl.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------------------------------- layout */

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
    if (L->bar_vertical)
        bar_space = fs * (0.9 + 1.0 + 0.4 + 3.4 + 0.5 + 1.2);
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
        L->bar_y = round(bottom + 1.1 * margin);
        bottom = L->bar_y + L->bar_h + 0.45 * fs + CAP * fs + (o->label ? 1.7 * fs : 0);
    } else if (L->bar) {
        L->bar_w = round(0.85 * fs);
        L->bar_h = round(fmax(0.7 * L->map_h, 6 * fs));
        L->bar_x = L->map_left + L->map_w + round(1.0 * fs);
        L->bar_y = L->map_top + round((L->map_h - L->bar_h) / 2);
        bottom = fmax(bottom, L->bar_y + L->bar_h + 2.5 * fs);
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
 * the widest of them). */
static void unit_label(cairo_t *cr, const struct interf_map *m, double tick_w)
{
    const struct layout *L = &m->lay;
    double fs = L->font_px;
    if (!m->opt.label)
        return;
    render_text_font(cr, fs, 0);
    cairo_set_source_rgb(cr, INK, INK, INK);
    if (!L->bar_vertical) {
        render_text_at(cr, m->opt.label, L->bar_x + L->bar_w / 2,
                       L->bar_y + L->bar_h + 0.45 * fs + CAP * 0.9 * fs + 0.75 * fs, 0.5, 0, 0);
        return;
    }
    cairo_save(cr);
    cairo_translate(cr, L->bar_x + L->bar_w + fmax(4.3 * fs, 1.2 * fs + tick_w),
                    L->bar_y + L->bar_h / 2);
    cairo_rotate(cr, INTERF_PI / 2);
    render_text_at(cr, m->opt.label, 0, 0, 0.5, 1, 0);
    cairo_restore(cr);
}

/* A grey box labelled "no data" beside the bar, when the map shows NODATA; reach: how far
 * the last tick label goes past the bar's end. */
static void nodata_key(cairo_t *cr, const struct interf_map *m, double reach)
{
    const struct layout *L = &m->lay;
    double fs = L->font_px, s = L->bar_vertical ? L->bar_w : L->bar_h, x, y;
    if (L->bar_vertical) {
        x = L->bar_x;
        y = L->bar_y + L->bar_h + (m->below_range ? 1.0 : 0) * s + 0.8 * fs;
    } else {
        x = L->bar_x + L->bar_w + fmax((m->above_range ? 1.0 : 0) * s, reach) + 1.2 * fs;
        y = L->bar_y;
    }
    cairo_rectangle(cr, x, y, s, s);
    render_set_rgb(cr, NODATA_RGB);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, INK, INK, INK);
    cairo_stroke(cr);
    render_text_font(cr, 0.9 * fs, 0);
    render_text_at(cr, "no data", x + s + 0.4 * fs, y + s / 2, 0, 0.5, 0);
}

void render_draw_colour_bar(cairo_t *cr, const struct interf_map *m)
{
    if (!m->lay.bar)
        return;
    cairo_save(cr);
    cairo_set_line_width(cr, fmax(1.0, m->lay.font_px / 16));
    ramp(cr, m);
    bar_outline(cr, m, 1);
    bar_outline(cr, m, 0);
    double reach = ticks(cr, m);
    unit_label(cr, m, reach);
    if (m->has_nodata)
        nodata_key(cr, m, reach);
    cairo_restore(cr);
}

/* ------------------------------------------------------------------------- frame labels */

/* "30°E", "0°", "180°", "45°S" with the decimals the graticule step needs. */
static void degree_label(char *buf, size_t n, double v, double step, int is_lon)
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
    if (!L->frame_labels)
        return;
    cairo_save(cr);
    render_text_font(cr, 0.85 * fs, 0);
    cairo_set_source_rgb(cr, INK, INK, INK);
    for (double lon = ceil(r[0] / step - 1e-9) * step; lon <= r[1] + 1e-9; lon += step) {
        if (!render_geo_to_px(m, lon, r[2] + 1e-9, &px, &py))
            continue;
        degree_label(buf, sizeof buf, lon, step, 1);
        render_text_at(cr, buf, L->map_left + px, L->map_top + L->map_h + 0.5 * fs, 0.5, 0, 0);
    }
    for (double lat = ceil(r[2] / step - 1e-9) * step; lat <= r[3] + 1e-9; lat += step) {
        if (!render_geo_to_px(m, r[0] + 1e-9, lat, &px, &py))
            continue;
        degree_label(buf, sizeof buf, lat, step, 0);
        render_text_at(cr, buf, L->map_left - 0.5 * fs, L->map_top + py, 1, 0.5, 0);
    }
    cairo_restore(cr);
}
