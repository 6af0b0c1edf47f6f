/* SPDX-License-Identifier: MIT */
/* interf render: the frame of every chart (the CDF chart of chart_cdf.c, the XY chart of
 * chart_xy.c): layout, linear and logarithmic axes with their grid, tick labels and titles, the
 * chart's title, the legend box and the cairo surface. One implementation, so that all charts
 * of interf look alike. */
#include "render_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Okabe and Ito's colour-blind-safe qualitative set ("Color Universal Design", 2008). */
static const uint32_t curve_rgb[] = {0x0072B2, 0xD55E00, 0x009E73, 0xCC79A7,
                                     0xE69F00, 0x56B4E9, 0x000000, 0xF0E442};

uint32_t render_chart_rgb(size_t k)
{
    return curve_rgb[k % (sizeof curve_rgb / sizeof curve_rgb[0])];
}

void render_chart_layout(struct chart_frame *f, int width_px, const char *title,
                         const char *subtitle)
{
    f->width = width_px;
    f->height = (int)round(width_px * 0.62);
    f->fs = fmin(fmax(f->width / 75.0, 9.0), 48.0);
    f->title = title;
    f->subtitle = subtitle;
    double fs = f->fs, top = fs;
    if (title) {
        f->title_y = top + 1.4 * fs * CAP;
        top += 1.4 * fs * 1.25;
    }
    if (subtitle) {
        f->subtitle_y = top + fs * CAP;
        top += 1.4 * fs;
    }
    f->py0 = top + 0.8 * fs;
    f->px0 = 7.5 * fs;
    f->px1 = f->width - 1.5 * fs;
    f->py1 = f->height - 4.0 * fs;
}

/* Where v lies between the ends of axis a, 0 to 1. */
static double axis_frac(const struct chart_axis *a, double v)
{
    if (a->log)
        return (log10(v) - log10(a->min)) / (log10(a->max) - log10(a->min));
    return (v - a->min) / (a->max - a->min);
}

double render_chart_x(const struct chart_frame *f, double v)
{
    return f->px0 + axis_frac(&f->x, v) * (f->px1 - f->px0);
}

double render_chart_y(const struct chart_frame *f, double v)
{
    return f->py1 - axis_frac(&f->y, v) * (f->py1 - f->py0);
}

/* ---------------------------------------------------------------------------------- axes */

/* A grid line across the plot at value v of the x axis (vertical) or the y axis, snapped to
 * the pixel grid so that it is one crisp pixel wide; returns its position. */
static double grid_line(cairo_t *cr, const struct chart_frame *f, int is_y, double v,
                        double alpha)
{
    double p = round(is_y ? render_chart_y(f, v) : render_chart_x(f, v)) + 0.5;
    cairo_set_source_rgba(cr, INK, INK, INK, alpha);
    if (is_y) {
        cairo_move_to(cr, f->px0, p);
        cairo_line_to(cr, f->px1, p);
    } else {
        cairo_move_to(cr, p, f->py0);
        cairo_line_to(cr, p, f->py1);
    }
    cairo_stroke(cr);
    return p;
}

/* A tick label beside the y axis (p: its row) or under the x axis (p: its column). */
static void tick_label(cairo_t *cr, const struct chart_frame *f, int is_y, double p,
                       const char *text)
{
    cairo_set_source_rgb(cr, INK, INK, INK);
    if (is_y)
        render_text_at(cr, text, f->px0 - 0.5 * f->fs, p, 1, 0.5, 0);
    else
        render_text_at(cr, text, p, f->py1 + 0.5 * f->fs, 0.5, 0, 0);
}

/* Log axis: decades, light lines at 2..9 x each decade; labels on the decades, and on 2 and 5
 * x 10^k too when a fine axis spans under 3 decades (so that it has enough of them). */
static void log_axis(cairo_t *cr, const struct chart_frame *f, int is_y)
{
    const struct chart_axis *a = is_y ? &f->y : &f->x;
    int label_125 = a->fine && log10(a->max / a->min) < 3;
    char buf[64];
    for (int e = (int)floor(log10(a->min)); e <= (int)floor(log10(a->max)); e++)
        for (int mnt = 1; mnt <= 9; mnt++) {
            double v = mnt * pow(10, e);
            if (v < a->min * (1 - 1e-9) || v > a->max * (1 + 1e-9))
                continue;
            double p = grid_line(cr, f, is_y, v, mnt == 1 ? 0.25 : 0.08);
            if (mnt != 1 && !(label_125 && (mnt == 2 || mnt == 5)))
                continue;
            interf_format_c(buf, sizeof buf, "%.*f", e < 0 ? -e : 0, v);
            tick_label(cr, f, is_y, p, buf);
        }
}

/* Lines between the ticks of a fine linear axis: 5 per interval for steps of 1, 2.5 and 5 x
 * 10^k, 4 for 2, 3 for 1.5, 3, 4.5 and 9 (degrees: 30 -> 10, 45 -> 15, 90 -> 30); else none. */
static double minor_step(double step)
{
    double m = step / pow(10, floor(log10(step) + 1e-9));
    static const double mant[] = {1, 2.5, 5, 2, 1.5, 3, 4.5, 9};
    static const int div[] = {5, 5, 5, 4, 3, 3, 3, 3};
    for (size_t k = 0; k < sizeof mant / sizeof mant[0]; k++)
        if (fabs(m - mant[k]) < 1e-6)
            return step / div[k];
    return 0;
}

static void linear_axis(cairo_t *cr, const struct chart_frame *f, int is_y)
{
    const struct chart_axis *a = is_y ? &f->y : &f->x;
    double span = a->max - a->min;
    double step = a->tick_step > 0 ? a->tick_step : render_nice_step(span, 8);
    if (span / step > 100) /* a step given far too fine for the axis: labels would overlap */
        step = render_nice_step(span, 8);
    double minor = a->fine ? minor_step(step) : 0;
    char buf[64];
    if (minor > 0 && span / minor < 400)
        for (double k = ceil(a->min / minor - 1e-9); k * minor <= a->max + 1e-9 * span; k++)
            if (fabs(remainder(k * minor, step)) > 1e-6 * step)
                grid_line(cr, f, is_y, k * minor, 0.08);
    for (double k = ceil(a->min / step - 1e-9); k * step <= a->max + 1e-9 * span; k++) {
        double p = grid_line(cr, f, is_y, k * step, 0.25);
        render_format_tick(buf, sizeof buf, k * step, step);
        tick_label(cr, f, is_y, p, buf);
    }
}

void render_chart_axes(cairo_t *cr, const struct chart_frame *f)
{
    double fs = f->fs;
    cairo_set_line_width(cr, 1.0);
    render_text_font(cr, 0.9 * fs, 0);
    for (int is_y = 1; is_y >= 0; is_y--)
        ((is_y ? f->y.log : f->x.log) ? log_axis : linear_axis)(cr, f, is_y);
    cairo_set_source_rgb(cr, INK, INK, INK);
    cairo_rectangle(cr, f->px0, f->py0, f->px1 - f->px0, f->py1 - f->py0);
    cairo_stroke(cr);
    render_text_font(cr, fs, 0);
    if (f->x.label)
        render_text_at(cr, f->x.label, (f->px0 + f->px1) / 2, f->py1 + 2.0 * fs, 0.5, 0, 0);
    if (f->y.label) {
        cairo_save(cr);
        cairo_translate(cr, f->px0 - 5.6 * fs, (f->py0 + f->py1) / 2);
        cairo_rotate(cr, -INTERF_PI / 2);
        render_text_at(cr, f->y.label, 0, 0, 0.5, 0.5, 0);
        cairo_restore(cr);
    }
}

void render_chart_frame_out(const struct chart_frame *f, struct interf_chart_frame *out)
{
    memset(out, 0, sizeof *out);
    out->width_px = f->width;
    out->height_px = f->height;
    out->left_px = f->px0;
    out->right_px = f->px1;
    out->top_px = f->py0;
    out->bottom_px = f->py1;
    out->x_min = f->x.min;
    out->x_max = f->x.max;
    out->y_min = f->y.min;
    out->y_max = f->y.max;
    out->x_log = f->x.log;
    out->y_log = f->y.log;
}

/* -------------------------------------------------------------------------------- legend */

void render_chart_legend_size(cairo_t *cr, const struct chart_frame *f,
                              const char *const *labels, size_t n, double *w, double *h)
{
    double fs = f->fs, tw = 0;
    render_text_font(cr, 0.9 * fs, 0);
    for (size_t k = 0; k < n; k++)
        tw = fmax(tw, render_text_width(cr, labels[k]));
    *w = tw + 3.6 * fs;
    *h = n * (1.35 * fs) + 0.6 * fs;
}

void render_chart_legend(cairo_t *cr, const struct chart_frame *f, double x, double y,
                         const char *const *labels, const uint32_t *rgb, size_t n)
{
    double fs = f->fs, line_h = 1.35 * fs, bw, bh;
    render_chart_legend_size(cr, f, labels, n, &bw, &bh);
    cairo_rectangle(cr, x, y, bw, bh);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.9);
    cairo_fill_preserve(cr);
    cairo_set_source_rgba(cr, INK, INK, INK, 0.5);
    cairo_set_line_width(cr, 1.0);
    cairo_stroke(cr);
    for (size_t k = 0; k < n; k++) {
        double yy = y + 0.3 * fs + (k + 0.5) * line_h;
        render_set_rgb(cr, rgb[k]);
        cairo_set_line_width(cr, 2.0 * fs / 16);
        cairo_move_to(cr, x + 0.6 * fs, yy);
        cairo_line_to(cr, x + 2.4 * fs, yy);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, INK, INK, INK);
        render_text_at(cr, labels[k], x + 3.0 * fs, yy, 0, 0.5, 0);
    }
}

/* --------------------------------------------------------------------------------- titles */

/* Text centred on the image at baseline y, set smaller when it would not fit in the width
 * less a margin of one text size on each side. */
static void centred_line(cairo_t *cr, const struct chart_frame *f, const char *text, double y,
                         double size_px, int bold)
{
    render_text_font(cr, size_px, bold);
    double w = render_text_width(cr, text), room = f->width - 2 * f->fs;
    if (w > room)
        render_text_font(cr, size_px * room / w, bold);
    render_text_at(cr, text, f->width / 2.0, y, 0.5, 1, 0);
}

static void titles(cairo_t *cr, const struct chart_frame *f)
{
    cairo_set_source_rgb(cr, INK, INK, INK);
    if (f->title)
        centred_line(cr, f, f->title, f->title_y, 1.4 * f->fs, 1);
    if (f->subtitle) {
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
        centred_line(cr, f, f->subtitle, f->subtitle_y, f->fs, 0);
    }
}

/* -------------------------------------------------------------------------------- surface */

static enum interf_status paint(const struct chart_frame *f,
                                void (*draw)(cairo_t *cr, const void *user), const void *user,
                                struct interf_image **out, struct interf_error *err)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, f->width, f->height);
    cairo_t *cr = cairo_create(s);
    enum interf_status st;
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_set_font_options(cr, fo);
    cairo_font_options_destroy(fo);
    draw(cr, user);
    titles(cr, f);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        st = interf_error_set(err, INTERF_ENOMEM, "chart: cairo: %s",
                              cairo_status_to_string(cairo_status(cr)));
    else
        st = render_image_from_surface(s, out, err);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    return st;
}

enum interf_status render_chart_paint(const struct chart_frame *f,
                                      void (*draw)(cairo_t *cr, const void *user),
                                      const void *user, struct interf_image **out,
                                      struct interf_error *err)
{
    /* Numbers in labels are formatted by interf_format_c: the same in any locale. */
    return paint(f, draw, user, out, err);
}
