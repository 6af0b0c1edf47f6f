/* SPDX-License-Identifier: MIT */
/* interf render: the CDF chart, percentage of time exceeded (logarithmic axis) against level, as
 * Rec. ITU-R S.1503-4 (09/2023) §D7 compares a CDF with an Article 22 limit mask. A level that
 * is never exceeded (0 %) has no place on a log axis: it is drawn at the axis floor 100 / steps %,
 * the resolution of the run (one time step). */
#include "render_impl.h"

#include <ctype.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define CHART_DEFAULT_WIDTH_PX 1200
#define MAX_CURVES 64

/* Okabe and Ito's colour-blind-safe qualitative set ("Color Universal Design", 2008). */
static const uint32_t curve_rgb[] = {0x0072B2, 0xD55E00, 0x009E73, 0xCC79A7,
                                     0xE69F00, 0x56B4E9, 0x000000, 0xF0E442};

struct chart {
    const struct interf_cdf *cdf;
    size_t n;
    const struct interf_chart_options *o;
    int width, height;
    double fs;
    double px0, px1, py0, py1;   /* plot area: left, right, top, bottom */
    double x_min, x_max;         /* level axis (dB) */
    double floor_pct;            /* where the CDFs' 0 % is drawn: 100 / n_steps */
    double axis_min_pct;         /* the bottom of the % axis: the floor, or lower for a mask */
    double title_y, subtitle_y;
};

static void set_rgb(cairo_t *cr, uint32_t rgb)
{
    cairo_set_source_rgb(cr, (rgb >> 16 & 255) / 255.0, (rgb >> 8 & 255) / 255.0,
                         (rgb & 255) / 255.0);
}

static double x_px(const struct chart *c, double db)
{
    return c->px0 + (db - c->x_min) / (c->x_max - c->x_min) * (c->px1 - c->px0);
}

static double y_px(const struct chart *c, double pct)
{
    double lf = log10(c->axis_min_pct), v = log10(fmax(pct, c->axis_min_pct));
    return c->py1 - (v - lf) / (2.0 - lf) * (c->py1 - c->py0);
}

/* A CDF's percentage: 0 % (and anything below one time step) at the floor. */
static double cdf_y(const struct chart *c, double pct)
{
    return y_px(c, fmax(pct, c->floor_pct));
}

/* The axis goes below the floor to the decade of the mask's smallest non-zero percentage, so
 * that mask points finer than the run's resolution are still seen (and the mask's 0 % point
 * sits at the very bottom). */
static double axis_min(const struct chart *c)
{
    double lo = c->floor_pct;
    for (size_t k = 0; c->o->mask && k < c->o->mask->n; k++)
        if (c->o->mask->pct_exceeded[k] > 0 && c->o->mask->pct_exceeded[k] < lo)
            lo = pow(10, floor(log10(c->o->mask->pct_exceeded[k]) + 1e-9));
    return lo;
}

/* The axis floor: 100 / n_steps, the smallest over the CDFs; without "n_steps", a decade below
 * the smallest non-zero percentage. */
static double axis_floor(const struct interf_cdf *cdf, size_t n)
{
    double fl = HUGE_VAL, minpos = HUGE_VAL, steps;
    for (size_t k = 0; k < n; k++) {
        if (interf_cdf_meta_number(&cdf[k], "", "n_steps", &steps, NULL) == INTERF_OK &&
            steps >= 1)
            fl = fmin(fl, 100.0 / steps);
        for (size_t i = 0; i < cdf[k].n; i++)
            if (cdf[k].pct_exceeded[i] > 0)
                minpos = fmin(minpos, cdf[k].pct_exceeded[i]);
    }
    if (fl == HUGE_VAL)
        fl = minpos < HUGE_VAL ? pow(10, floor(log10(minpos)) - 1) : 1e-4;
    return fmin(fl, 10.0);
}

/* "epfd_dbw_m2_40khz" -> "EPFD, dB(W/m² in 40 kHz)"; unknown names are shown as they are. */
static void axis_title(const char *q, char *buf, size_t n)
{
    const char *u = strstr(q, "_db");
    char name[64], bw[32] = "";
    if (!u || (size_t)(u - q) >= sizeof name) {
        snprintf(buf, n, "%s", q);
        return;
    }
    memcpy(name, q, (size_t)(u - q));
    name[u - q] = '\0';
    for (char *p = name; *p; p++)
        *p = strlen(name) <= 5 ? (char)toupper((unsigned char)*p) : *p == '_' ? ' ' : *p;
    const char *b = strrchr(u, '_');
    if (b && b > u && (strstr(b, "khz") || strstr(b, "mhz")))
        snprintf(bw, sizeof bw, " in %.*s %s", (int)strcspn(b + 1, "km"), b + 1,
                 strstr(b, "khz") ? "kHz" : "MHz");
    const char *unit = strncmp(u, "_dbw_m2", 7) == 0 ? "dB(W/m\xC2\xB2" : strncmp(u, "_dbw", 4) == 0
                       ? "dB(W" : strncmp(u, "_dbi", 4) == 0 ? "dBi" : "dB";
    snprintf(buf, n, "%s, %s%s%s", name, unit, bw, unit[2] == '(' ? ")" : "");
}

static void layout(struct chart *c)
{
    double fs = c->fs;
    double top = fs;
    if (c->o->title) {
        c->title_y = top + 1.4 * fs * 0.729;
        top += 1.4 * fs * 1.25;
    }
    if (c->o->subtitle) {
        c->subtitle_y = top + fs * 0.729;
        top += 1.4 * fs;
    }
    c->py0 = top + 0.8 * fs;
    c->px0 = 7.5 * fs;
    c->px1 = c->width - 1.5 * fs;
    c->py1 = c->height - 4.0 * fs;
}

static void axes(cairo_t *cr, const struct chart *c)
{
    double fs = c->fs;
    char buf[64];
    cairo_set_line_width(cr, 1.0);
    render_text_font(cr, 0.9 * fs, 0);
    /* Percentage axis: decades, light minor lines at 2..9 x each decade. */
    for (int e = (int)floor(log10(c->axis_min_pct)); e <= 2; e++)
        for (int mnt = 1; mnt <= 9; mnt++) {
            double p = mnt * pow(10, e), y = round(y_px(c, p)) + 0.5;
            if (p < c->axis_min_pct * (1 - 1e-9) || p > 100 * (1 + 1e-9))
                continue;
            cairo_set_source_rgba(cr, INK, INK, INK, mnt == 1 ? 0.25 : 0.08);
            cairo_move_to(cr, c->px0, y);
            cairo_line_to(cr, c->px1, y);
            cairo_stroke(cr);
            if (mnt != 1)
                continue;
            snprintf(buf, sizeof buf, "%.*f", e < 0 ? -e : 0, p);
            cairo_set_source_rgb(cr, INK, INK, INK);
            render_text_at(cr, buf, c->px0 - 0.5 * fs, y, 1, 0.5, 0);
        }
    /* Level axis. */
    double step = render_nice_step(c->x_max - c->x_min, 8);
    for (double v = ceil(c->x_min / step - 1e-9) * step; v <= c->x_max + 1e-9; v += step) {
        double x = round(x_px(c, v)) + 0.5;
        cairo_set_source_rgba(cr, INK, INK, INK, 0.25);
        cairo_move_to(cr, x, c->py0);
        cairo_line_to(cr, x, c->py1);
        cairo_stroke(cr);
        render_format_tick(buf, sizeof buf, v, step);
        cairo_set_source_rgb(cr, INK, INK, INK);
        render_text_at(cr, buf, x, c->py1 + 0.5 * fs, 0.5, 0, 0);
    }
    cairo_rectangle(cr, c->px0, c->py0, c->px1 - c->px0, c->py1 - c->py0);
    cairo_stroke(cr);
    render_text_font(cr, fs, 0);
    axis_title(c->cdf[0].quantity, buf, sizeof buf);
    render_text_at(cr, buf, (c->px0 + c->px1) / 2, c->py1 + 2.0 * fs, 0.5, 0, 0);
    cairo_save(cr);
    cairo_translate(cr, c->px0 - 5.6 * fs, (c->py0 + c->py1) / 2);
    cairo_rotate(cr, -INTERF_PI / 2);
    render_text_at(cr, "% of time exceeded", 0, 0, 0.5, 0.5, 0);
    cairo_restore(cr);
}

static void curves(cairo_t *cr, const struct chart *c)
{
    cairo_save(cr);
    cairo_rectangle(cr, c->px0, c->py0, c->px1 - c->px0, c->py1 - c->py0);
    cairo_clip(cr);
    cairo_set_line_width(cr, 1.8 * c->fs / 16);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    for (size_t k = 0; k < c->n; k++) {
        const struct interf_cdf *d = &c->cdf[k];
        /* Levels below the first row are exceeded 100 % of the time, above the last 0 %
         * (interf-table(5)): the curve runs on to both ends of the axis. */
        cairo_move_to(cr, c->px0, cdf_y(c, 100));
        for (size_t i = 0; i < d->n; i++)
            cairo_line_to(cr, x_px(c, d->level_tenths[i] / 10.0), cdf_y(c, d->pct_exceeded[i]));
        cairo_line_to(cr, c->px1, cdf_y(c, 0));
        set_rgb(cr, curve_rgb[k % (sizeof curve_rgb / sizeof curve_rgb[0])]);
        cairo_stroke(cr);
    }
    cairo_restore(cr);
}

/* The limit mask: its points joined by straight segments, each marked, with its margin. */
static void mask(cairo_t *cr, const struct chart *c)
{
    const struct interf_chart_mask *m = c->o->mask;
    double fs = c->fs;
    char buf[64], num[48];
    if (!m || m->n == 0)
        return;
    cairo_save(cr);
    cairo_set_line_width(cr, 1.6 * fs / 16);
    cairo_set_source_rgb(cr, 0.8, 0, 0);
    for (size_t k = 0; k < m->n; k++)
        (k ? cairo_line_to : cairo_move_to)(cr, x_px(c, m->level_db[k]),
                                            y_px(c, m->pct_exceeded[k]));
    cairo_stroke(cr);
    render_text_font(cr, 0.8 * fs, 0);
    for (size_t k = 0; k < m->n; k++) {
        double x = x_px(c, m->level_db[k]), y = y_px(c, m->pct_exceeded[k]);
        cairo_rectangle(cr, x - 0.25 * fs, y - 0.25 * fs, 0.5 * fs, 0.5 * fs);
        cairo_set_source_rgb(cr, 0.8, 0, 0);
        cairo_fill(cr);
        if (!m->margin_db || !isfinite(m->margin_db[k]))
            continue;
        render_format_tick(num, sizeof num, m->margin_db[k], 0.1);
        snprintf(buf, sizeof buf, "%s%s dB", m->margin_db[k] > 0 ? "+" : "", num);
        cairo_set_source_rgb(cr, m->margin_db[k] < 0 ? 0.8 : INK, 0, 0);
        /* On the axis floor the label goes above the point, off the axis line. */
        if (y > c->py1 - 0.8 * fs)
            render_text_at(cr, buf, x + 0.5 * fs, y - 0.45 * fs, 0, 1, 0.15 * fs);
        else
            render_text_at(cr, buf, x + 0.5 * fs, y, 0, 0.5, 0.15 * fs);
    }
    cairo_restore(cr);
}

/* A CDF's legend label: given, else its point ("45°N 10°E" from lat_deg and lon_deg), else
 * its number. */
static void curve_label(const struct chart *c, size_t k, char *buf, size_t n)
{
    const struct interf_cdf *d = &c->cdf[k];
    double lat, lon;
    if (c->o->labels && c->o->labels[k]) {
        snprintf(buf, n, "%s", c->o->labels[k]);
    } else if (interf_cdf_meta_number(d, "", "lat_deg", &lat, NULL) == INTERF_OK &&
               interf_cdf_meta_number(d, "", "lon_deg", &lon, NULL) == INTERF_OK) {
        lon = fmod(lon, 360.0);
        lon = lon > 180 ? lon - 360 : lon <= -180 ? lon + 360 : lon;
        snprintf(buf, n, "%g\xC2\xB0%s %g\xC2\xB0%s", fabs(lat), lat < 0 ? "S" : "N", fabs(lon),
                 lon < 0 ? "W" : "E");
    } else {
        snprintf(buf, n, "CDF %zu", k + 1);
    }
}

static void legend(cairo_t *cr, const struct chart *c)
{
    double fs = c->fs, w = 0, line_h = 1.35 * fs;
    size_t n = c->n + (c->o->mask ? 1 : 0);
    char labels[MAX_CURVES + 1][160];
    render_text_font(cr, 0.9 * fs, 0);
    for (size_t k = 0; k < n && k <= MAX_CURVES; k++) {
        if (k == c->n)
            snprintf(labels[k], sizeof labels[k], "%s", c->o->mask->label ? c->o->mask->label
                                                                          : "limit");
        else
            curve_label(c, k, labels[k], sizeof labels[k]);
        w = fmax(w, render_text_width(cr, labels[k]));
    }
    double bw = w + 3.6 * fs, bh = n * line_h + 0.6 * fs;
    /* Bottom left, above the floor note: CDFs fall from top left to bottom right, so that
     * corner is the emptiest. */
    double x = c->px0 + 0.6 * fs, y = y_px(c, c->floor_pct) - 1.6 * fs - bh;
    cairo_rectangle(cr, x, y, bw, bh);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.9);
    cairo_fill_preserve(cr);
    cairo_set_source_rgba(cr, INK, INK, INK, 0.5);
    cairo_set_line_width(cr, 1.0);
    cairo_stroke(cr);
    for (size_t k = 0; k < n && k <= MAX_CURVES; k++) {
        double yy = y + 0.3 * fs + (k + 0.5) * line_h;
        if (k == c->n)
            cairo_set_source_rgb(cr, 0.8, 0, 0);
        else
            set_rgb(cr, curve_rgb[k % (sizeof curve_rgb / sizeof curve_rgb[0])]);
        cairo_set_line_width(cr, 2.0 * fs / 16);
        cairo_move_to(cr, x + 0.6 * fs, yy);
        cairo_line_to(cr, x + 2.4 * fs, yy);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, INK, INK, INK);
        render_text_at(cr, labels[k], x + 3.0 * fs, yy, 0, 0.5, 0);
    }
}

/* The floor: a note at the bottom, or a dashed line when the axis goes below it. */
static void floor_note(cairo_t *cr, const struct chart *c)
{
    char buf[128];
    double fs = c->fs, y = y_px(c, c->floor_pct);
    render_text_font(cr, 0.8 * fs, 0);
    cairo_set_source_rgba(cr, INK, INK, INK, 0.8);
    snprintf(buf, sizeof buf, "0 %% of time is drawn at one time step, %.3g %%", c->floor_pct);
    if (c->axis_min_pct < c->floor_pct * (1 - 1e-9)) {
        const double dash[2] = {4, 3};
        cairo_save(cr);
        cairo_set_dash(cr, dash, 2, 0);
        cairo_set_line_width(cr, 1.0);
        cairo_move_to(cr, c->px0, round(y) + 0.5);
        cairo_line_to(cr, c->px1, round(y) + 0.5);
        cairo_stroke(cr);
        cairo_restore(cr);
    }
    render_text_at(cr, buf, c->px0 + 0.4 * fs, y - 0.4 * fs, 0, 1, 0.15 * fs);
}

static enum interf_status check(const struct interf_cdf *cdf, size_t n,
                                const struct interf_chart_options *o, struct interf_error *err)
{
    if (!cdf || n == 0)
        return interf_error_set(err, INTERF_EINPUT, "--cdf: no CDF to draw");
    if (n > MAX_CURVES)
        return interf_error_set(err, INTERF_EINPUT, "--cdf: more than %d CDFs", MAX_CURVES);
    for (size_t k = 0; k < n; k++)
        if (cdf[k].n == 0)
            return interf_error_set(err, INTERF_EINPUT, "--cdf: CDF %zu has no rows", k + 1);
    if (o->has_range && !(isfinite(o->range_min_db) && isfinite(o->range_max_db) &&
                          o->range_min_db < o->range_max_db))
        return interf_error_set(err, INTERF_EINPUT, "--range: MIN must be below MAX");
    if (o->width_px < 200 || o->width_px > MAP_MAX_WIDTH_PX)
        return interf_error_set(err, INTERF_EINPUT, "--width: %d: allowed range 200 to %d "
                                "pixels", o->width_px, MAP_MAX_WIDTH_PX);
    return INTERF_OK;
}

static void level_range(struct chart *c)
{
    if (c->o->has_range) {
        c->x_min = c->o->range_min_db;
        c->x_max = c->o->range_max_db;
        return;
    }
    c->x_min = HUGE_VAL;
    c->x_max = -HUGE_VAL;
    for (size_t k = 0; k < c->n; k++) {
        c->x_min = fmin(c->x_min, c->cdf[k].level_tenths[0] / 10.0);
        c->x_max = fmax(c->x_max, c->cdf[k].level_tenths[c->cdf[k].n - 1] / 10.0);
    }
    for (size_t k = 0; c->o->mask && k < c->o->mask->n; k++) {
        c->x_min = fmin(c->x_min, c->o->mask->level_db[k]);
        c->x_max = fmax(c->x_max, c->o->mask->level_db[k]);
    }
    c->x_min = floor(c->x_min / 5 - 1e-9) * 5;
    c->x_max = fmax(ceil(c->x_max / 5 + 1e-9) * 5, c->x_min + 5);
}

static enum interf_status draw(struct chart *c, struct interf_image **out,
                               struct interf_error *err)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, c->width, c->height);
    cairo_t *cr = cairo_create(s);
    enum interf_status st;
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_set_font_options(cr, fo);
    cairo_font_options_destroy(fo);
    axes(cr, c);
    curves(cr, c);
    mask(cr, c);
    floor_note(cr, c);
    legend(cr, c);
    cairo_set_source_rgb(cr, INK, INK, INK);
    if (c->o->title) {
        render_text_font(cr, 1.4 * c->fs, 1);
        render_text_at(cr, c->o->title, c->width / 2.0, c->title_y, 0.5, 1, 0);
    }
    if (c->o->subtitle) {
        render_text_font(cr, c->fs, 0);
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
        render_text_at(cr, c->o->subtitle, c->width / 2.0, c->subtitle_y, 0.5, 1, 0);
    }
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        st = interf_error_set(err, INTERF_ENOMEM, "chart: cairo: %s",
                              cairo_status_to_string(cairo_status(cr)));
    else
        st = render_image_from_surface(s, out, err);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    return st;
}

void interf_chart_options_init(struct interf_chart_options *o)
{
    memset(o, 0, sizeof *o);
    o->width_px = CHART_DEFAULT_WIDTH_PX;
}

enum interf_status interf_cdf_chart(const struct interf_cdf *cdf, size_t n,
                                    const struct interf_chart_options *o,
                                    struct interf_image **out, struct interf_error *err)
{
    if (!o || !out)
        return interf_error_set(err, INTERF_EINVAL, "interf_cdf_chart: NULL argument");
    *out = NULL;
    enum interf_status st = check(cdf, n, o, err);
    if (st != INTERF_OK)
        return st;
    struct chart c;
    memset(&c, 0, sizeof c);
    c.cdf = cdf;
    c.n = n;
    c.o = o;
    c.width = o->width_px;
    c.height = (int)round(o->width_px * 0.62);
    c.fs = fmin(fmax(c.width / 75.0, 9.0), 48.0);
    c.floor_pct = axis_floor(cdf, n);
    c.axis_min_pct = axis_min(&c);
    level_range(&c);
    layout(&c);
    /* Tick labels use snprintf, which follows LC_NUMERIC: "C" for this thread only. */
    locale_t c_num = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    if (c_num == (locale_t)0)
        return interf_error_set(err, INTERF_ENOMEM, "chart: out of memory");
    locale_t old = uselocale(c_num);
    st = draw(&c, out, err);
    uselocale(old);
    freelocale(c_num);
    return st;
}
