/* SPDX-License-Identifier: MIT */
/* interf render: the XY line chart (antenna patterns: gain against off-axis angle), on linear
 * or logarithmic axes. The axes, grid, titles and legend are chart.c's, shared with the CDF
 * chart; this file checks the series, finds the axis ranges and draws the lines. */
#include "render_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Pixel coordinates are held within this far of the image: cairo's fixed-point coordinates
 * overflow near 2^23, and a point of -300 dB on a 40 dB axis lies thousands of pixels away. */
#define FAR_PX 1e5
#define AUTO_PAD 0.02

struct xy {
    struct chart_frame f;
    const struct interf_xy_series *s;
    size_t n;
    struct interf_chart_frame *out; /* the legend's box goes here */
};

/* Can value v be drawn on an axis (log: v > 0)? */
static int drawable(int log, double v)
{
    return isfinite(v) && (!log || v > 0);
}

static int point_ok(const struct interf_xy_options *o, const struct interf_xy_series *s,
                    size_t i)
{
    return drawable(o->x.log, s->x[i]) && drawable(o->y.log, s->y[i]);
}

static enum interf_status check_axis(const struct interf_chart_axis *a, const char *name,
                                     struct interf_error *err)
{
    if (a->has_range && !(isfinite(a->min) && isfinite(a->max) && a->min < a->max))
        return interf_error_set(err, INTERF_EINPUT, "%s axis: range %g to %g: the minimum "
                                "must be below the maximum", name, a->min, a->max);
    if (a->has_range && a->log && a->min <= 0)
        return interf_error_set(err, INTERF_EINPUT, "%s axis: range %g to %g: a log axis "
                                "needs values above 0", name, a->min, a->max);
    if (!(a->max_span >= 0 && isfinite(a->max_span)) ||
        !(a->tick_step >= 0 && isfinite(a->tick_step)))
        return interf_error_set(err, INTERF_EINPUT, "%s axis: bad span or tick step", name);
    return INTERF_OK;
}

static enum interf_status check(const struct interf_xy_series *s, size_t n,
                                const struct interf_xy_options *o, struct interf_error *err)
{
    enum interf_status st;
    if (!s || n == 0)
        return interf_error_set(err, INTERF_EINPUT, "chart: no line to draw");
    if (n > CHART_MAX_CURVES)
        return interf_error_set(err, INTERF_EINPUT, "chart: more than %d lines",
                                CHART_MAX_CURVES);
    if (o->width_px < 200 || o->width_px > MAP_MAX_WIDTH_PX)
        return interf_error_set(err, INTERF_EINPUT, "--width: %d: allowed range 200 to %d "
                                "pixels", o->width_px, MAP_MAX_WIDTH_PX);
    if ((st = check_axis(&o->x, "x", err)) != INTERF_OK ||
        (st = check_axis(&o->y, "y", err)) != INTERF_OK)
        return st;
    size_t good = 0;
    for (size_t k = 0; k < n; k++) {
        if (s[k].n > 0 && (!s[k].x || !s[k].y))
            return interf_error_set(err, INTERF_EINVAL, "interf_xy_chart: line %zu: NULL "
                                    "coordinates", k + 1);
        for (size_t i = 0; i < s[k].n; i++)
            good += point_ok(o, &s[k], i);
    }
    if (good == 0)
        return interf_error_set(err, INTERF_EINPUT, "chart: no point that can be drawn%s",
                                o->x.log || o->y.log ? " (a log axis needs values above 0)"
                                                     : "");
    return INTERF_OK;
}

/* The extent of the drawable points (y: only those inside the x range, when it is known). */
static int extent(const struct interf_xy_series *s, size_t n, const struct interf_xy_options *o,
                  const struct chart_axis *xr, int is_y, double *lo, double *hi)
{
    *lo = HUGE_VAL;
    *hi = -HUGE_VAL;
    for (size_t k = 0; k < n; k++)
        for (size_t i = 0; i < s[k].n; i++) {
            if (!point_ok(o, &s[k], i))
                continue;
            if (is_y && (s[k].x[i] < xr->min - 1e-9 * fabs(xr->min) ||
                         s[k].x[i] > xr->max + 1e-9 * fabs(xr->max)))
                continue;
            double v = is_y ? s[k].y[i] : s[k].x[i];
            *lo = fmin(*lo, v);
            *hi = fmax(*hi, v);
        }
    return *lo <= *hi;
}

/* An automatic range: the extent [lo, hi], at most max_span below hi (decades on a log axis),
 * widened when empty; a linear axis padded and rounded out to whole ticks. */
static void auto_range(const struct interf_chart_axis *a, double lo, double hi,
                       struct chart_axis *out)
{
    if (a->log) {
        if (a->max_span > 0)
            lo = fmax(lo, hi * pow(10, -a->max_span));
        out->min = hi > lo * (1 + 1e-9) ? lo : lo / 10;
        out->max = hi > lo * (1 + 1e-9) ? hi : hi * 10;
        return;
    }
    if (a->max_span > 0)
        lo = fmax(lo, hi - a->max_span);
    if (hi - lo < 1e-9 * fmax(1, fabs(hi))) {
        lo -= 1;
        hi += 1;
    }
    double step = a->tick_step > 0 ? a->tick_step : render_nice_step(hi - lo, 8);
    /* A margin of 2 % of the span, so that a line along the data's edge (a pattern's floor)
     * is not hidden under the plot's frame. */
    double pad = AUTO_PAD * (hi - lo);
    out->min = floor((lo - pad) / step + 1e-9) * step;
    out->max = ceil((hi + pad) / step - 1e-9) * step;
    out->tick_step = step;
}

static void set_axis(const struct interf_chart_axis *a, double lo, double hi,
                     struct chart_axis *out)
{
    out->log = a->log;
    out->fine = 1;
    out->label = a->label;
    out->tick_step = a->log ? 0 : a->tick_step;
    if (a->has_range) {
        out->min = a->min;
        out->max = a->max;
    } else {
        auto_range(a, lo, hi, out);
    }
}

/* Ranges of both axes; 0 when no point lies inside the x range given. */
static int ranges(struct xy *c, const struct interf_xy_options *o)
{
    double lo, hi;
    extent(c->s, c->n, o, NULL, 0, &lo, &hi);
    set_axis(&o->x, lo, hi, &c->f.x);
    if (!extent(c->s, c->n, o, &c->f.x, 1, &lo, &hi)) {
        if (!o->y.has_range)
            return 0;
        lo = o->y.min;
        hi = o->y.max;
    }
    set_axis(&o->y, lo, hi, &c->f.y);
    return 1;
}

static double clamp_px(double v)
{
    return fmin(fmax(v, -FAR_PX), FAR_PX);
}

static void lines(cairo_t *cr, const struct xy *c)
{
    const struct chart_frame *f = &c->f;
    cairo_save(cr);
    cairo_rectangle(cr, f->px0, f->py0, f->px1 - f->px0, f->py1 - f->py0);
    cairo_clip(cr);
    cairo_set_line_width(cr, 1.8 * f->fs / 16);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    for (size_t k = 0; k < c->n; k++) {
        const struct interf_xy_series *s = &c->s[k];
        int down = 0;
        for (size_t i = 0; i < s->n; i++) {
            if (!drawable(f->x.log, s->x[i]) || !drawable(f->y.log, s->y[i])) {
                down = 0;
                continue;
            }
            double x = clamp_px(render_chart_x(f, s->x[i]));
            double y = clamp_px(render_chart_y(f, s->y[i]));
            (down ? cairo_line_to : cairo_move_to)(cr, x, y);
            down = 1;
        }
        render_set_rgb(cr, render_chart_rgb(k));
        cairo_stroke(cr);
    }
    cairo_restore(cr);
}

/* Top right, inside the plot: patterns fall away from the boresight on the left. */
static void legend(cairo_t *cr, const struct xy *c)
{
    const char *labels[CHART_MAX_CURVES];
    uint32_t rgb[CHART_MAX_CURVES];
    size_t m = 0;
    double w, h;
    for (size_t k = 0; k < c->n; k++)
        if (c->s[k].label) {
            labels[m] = c->s[k].label;
            rgb[m++] = render_chart_rgb(k);
        }
    if (m == 0)
        return;
    render_chart_legend_size(cr, &c->f, labels, m, &w, &h);
    double x = c->f.px1 - 0.6 * c->f.fs - w, y = c->f.py0 + 0.6 * c->f.fs;
    render_chart_legend(cr, &c->f, x, y, labels, rgb, m);
    c->out->has_legend = 1;
    memcpy(c->out->legend_px, (double[4]){x, y, x + w, y + h}, sizeof c->out->legend_px);
}

static void draw(cairo_t *cr, const void *user)
{
    const struct xy *c = user;
    render_chart_axes(cr, &c->f);
    lines(cr, c);
    legend(cr, c);
}

void interf_xy_options_init(struct interf_xy_options *o)
{
    memset(o, 0, sizeof *o);
    o->width_px = CHART_DEFAULT_WIDTH_PX;
}

enum interf_status interf_xy_chart(const struct interf_xy_series *series, size_t n,
                                   const struct interf_xy_options *o, struct interf_image **out,
                                   struct interf_chart_frame *frame, struct interf_error *err)
{
    if (!o || !out)
        return interf_error_set(err, INTERF_EINVAL, "interf_xy_chart: NULL argument");
    *out = NULL;
    enum interf_status st = check(series, n, o, err);
    if (st != INTERF_OK)
        return st;
    struct xy c;
    memset(&c, 0, sizeof c);
    c.s = series;
    c.n = n;
    render_chart_layout(&c.f, o->width_px, o->title, o->subtitle);
    if (!ranges(&c, o))
        return interf_error_set(err, INTERF_EINPUT, "chart: no point inside the x range %g "
                                "to %g", c.f.x.min, c.f.x.max);
    struct interf_chart_frame f;
    render_chart_frame_out(&c.f, &f);
    c.out = &f;
    st = render_chart_paint(&c.f, draw, &c, out, err);
    if (st == INTERF_OK && frame)
        *frame = f;
    return st;
}
