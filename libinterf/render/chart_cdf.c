/* SPDX-License-Identifier: MIT */
/* interf render: the CDF chart, percentage of time exceeded (logarithmic axis) against level, as
 * Rec. ITU-R S.1503-4 (09/2023) §D7 compares a CDF with an Article 22 limit mask. A level that
 * is never exceeded (0 %) has no place on a log axis: it is drawn at the axis floor 100 / steps %,
 * the resolution of the run (one time step). The frame (axes, titles, legend) is chart.c's. */
#include "render_impl.h"

#include <ctype.h>
#include "interf/epfd.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MASK_RGB 0xCC0000u
/* Samples of the curves and the mask every this many pixels, to find the emptiest corner. */
#define SAMPLE_PX 2.0

struct chart {
    struct chart_frame f;        /* x: level (dB), y: % of time exceeded (log) */
    const struct interf_cdf *cdf;
    size_t n;
    const struct interf_chart_options *o;
    double floor_pct;            /* where the CDFs' 0 % is drawn: 100 / n_steps */
    char x_title[160];
    struct interf_chart_frame *out; /* the layout, legend and label boxes, filled while drawn */
    double *note;                /* the floor note's box (4 values), set while drawn */
};

static double x_px(const struct chart *c, double db)
{
    return render_chart_x(&c->f, db);
}

/* A percentage on the axis; below the bottom of the axis (0 % of a mask) at the bottom. */
static double y_px(const struct chart *c, double pct)
{
    return render_chart_y(&c->f, fmax(pct, c->f.y.min));
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

/* The unit of a quantity in the files' form from its column-style name: "epfd_dbw_m2_40khz"
 * -> "dB(W/m2/40kHz)", "eirp_dbw_4khz" -> "dBW/4kHz", "gain_dbi" -> "dBi"; the name's part
 * before "_db" into name (n bytes). 0 when the name has no "_db". */
static int quantity_unit(const char *q, char *name, char *unit, size_t n)
{
    const char *u = strstr(q, "_db");
    char bw[32] = "";
    if (!u || (size_t)(u - q) >= n)
        return 0;
    snprintf(name, n, "%.*s", (int)(u - q), q);
    const char *b = strrchr(u, '_');
    if (b && b > u && (strstr(b, "khz") || strstr(b, "mhz")))
        snprintf(bw, sizeof bw, "/%.*s%s", (int)strcspn(b + 1, "km"), b + 1,
                 strstr(b, "khz") ? "kHz" : "MHz");
    if (strncmp(u, "_dbw_m2", 7) == 0)
        snprintf(unit, n, "dB(W/m2%s)", bw);
    else if (strncmp(u, "_dbw", 4) == 0)
        snprintf(unit, n, "dBW%s", bw);
    else
        snprintf(unit, n, "%s", strncmp(u, "_dbi", 4) == 0 ? "dBi" : "dB");
    return 1;
}

/* "epfd_dbw_m2_40khz" -> "EPFD, dB(W/m²/40 kHz)" (the unit typeset, interf_unit_typeset);
 * unknown names are shown as they are. */
static void axis_title(const char *q, char *buf, size_t n)
{
    char name[64], unit[64], typeset[96];
    if (!quantity_unit(q, name, unit, sizeof name)) {
        snprintf(buf, n, "%s", q);
        return;
    }
    for (char *p = name; *p; p++)
        *p = strlen(name) <= 5 ? (char)toupper((unsigned char)*p) : *p == '_' ? ' ' : *p;
    interf_unit_typeset(unit, typeset, sizeof typeset);
    snprintf(buf, n, "%s, %s", name, typeset);
}

/* A CDF of "no emitter in view" at every step: its only level is the floor (an unused
 * channel of a frequency-resolved run). */
static int floor_only(const struct interf_cdf *d)
{
    return d->level_tenths[d->n - 1] <= INTERF_EPFD_LEVEL_MIN;
}

static void curves(cairo_t *cr, const struct chart *c)
{
    const struct chart_frame *f = &c->f;
    cairo_save(cr);
    cairo_rectangle(cr, f->px0, f->py0, f->px1 - f->px0, f->py1 - f->py0);
    cairo_clip(cr);
    cairo_set_line_width(cr, 1.8 * f->fs / 16);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    for (size_t k = 0; k < c->n; k++) {
        const struct interf_cdf *d = &c->cdf[k];
        if (floor_only(d)) /* nothing in view: listed in the legend only */
            continue;
        /* Levels below the first row are exceeded 100 % of the time, above the last 0 %
         * (interf-table(5)): the curve runs on to both ends of the axis. */
        cairo_move_to(cr, fmin(f->px0, x_px(c, d->level_tenths[0] / 10.0)), cdf_y(c, 100));
        for (size_t i = 0; i < d->n; i++)
            cairo_line_to(cr, x_px(c, d->level_tenths[i] / 10.0), cdf_y(c, d->pct_exceeded[i]));
        cairo_line_to(cr, f->px1, cdf_y(c, 0));
        render_set_rgb(cr, render_chart_rgb(k));
        cairo_stroke(cr);
    }
    cairo_restore(cr);
}

/* The limit mask: its points joined by straight segments, each marked. */
static void mask(cairo_t *cr, const struct chart *c)
{
    const struct interf_chart_mask *m = c->o->mask;
    double fs = c->f.fs;
    if (!m || m->n == 0)
        return;
    cairo_save(cr);
    cairo_set_line_width(cr, 1.6 * fs / 16);
    render_set_rgb(cr, MASK_RGB);
    for (size_t k = 0; k < m->n; k++)
        (k ? cairo_line_to : cairo_move_to)(cr, x_px(c, m->level_db[k]),
                                            y_px(c, m->pct_exceeded[k]));
    cairo_stroke(cr);
    for (size_t k = 0; k < m->n; k++) {
        double x = x_px(c, m->level_db[k]), y = y_px(c, m->pct_exceeded[k]);
        cairo_rectangle(cr, x - 0.25 * fs, y - 0.25 * fs, 0.5 * fs, 0.5 * fs);
        cairo_fill(cr);
    }
    cairo_restore(cr);
}

/* Is box b clear of the legend, the floor note, the mask's markers and the labels placed so
 * far (n of them)? */
static int label_clear(const struct chart *c, const double b[4], size_t n)
{
    const struct interf_chart_mask *m = c->o->mask;
    double fs = c->f.fs;
    if ((c->out->has_legend && render_boxes_overlap(b, c->out->legend_px)) ||
        render_boxes_overlap(b, c->note))
        return 0;
    for (size_t k = 0; k < m->n; k++) {
        double x = x_px(c, m->level_db[k]), y = y_px(c, m->pct_exceeded[k]);
        const double mark[4] = {x - 0.25 * fs, y - 0.25 * fs, x + 0.25 * fs, y + 0.25 * fs};
        if (render_boxes_overlap(b, mark))
            return 0;
    }
    for (size_t k = 0; k < n && k < INTERF_CHART_MAX_LABELS; k++)
        if (render_boxes_overlap(b, c->out->label_px[k]))
            return 0;
    return 1;
}

/* The margin of each mask point beside it: the first place (right, left, above or below on
 * either side; above first on the axis floor, never below it) whose box stays in the image,
 * above the tick labels and clear of the rest (label_clear); else the first in the image. */
static void margin_labels(cairo_t *cr, const struct chart *c)
{
    /* anchor offsets (in text sizes) and alignments of the places tried */
    static const double place[6][4] = {{0.5, 0, 0, 0.5},     {0.5, -0.45, 0, 1},
                                       {-0.5, 0, 1, 0.5},    {-0.5, -0.45, 1, 1},
                                       {0.5, 0.45, 0, 0},    {-0.5, 0.45, 1, 0}};
    static const int order[2][6] = {{0, 2, 1, 3, 4, 5}, {1, 3, 0, 2, -1, -1}};
    const struct interf_chart_mask *m = c->o->mask;
    double fs = c->f.fs, halo = 0.15 * fs;
    char buf[64], num[48];
    if (!m || !m->margin_db)
        return;
    render_text_font(cr, 0.8 * fs, 0);
    for (size_t k = 0; k < m->n; k++) {
        double x = x_px(c, m->level_db[k]), y = y_px(c, m->pct_exceeded[k]), b[4];
        int on_floor = y > c->f.py1 - 0.8 * fs, chosen = -1, in_image = -1;
        if (!isfinite(m->margin_db[k]))
            continue;
        render_format_tick(num, sizeof num, m->margin_db[k], 0.1);
        snprintf(buf, sizeof buf, "%s%s dB", m->margin_db[k] > 0 ? "+" : "", num);
        for (int i = 0; i < 6 && chosen < 0 && order[on_floor][i] >= 0; i++) {
            const double *q = place[order[on_floor][i]];
            render_text_box(cr, buf, x + q[0] * fs, y + q[1] * fs, q[2], q[3], halo, b);
            if (b[0] < 1 || b[2] > c->f.width - 1 || b[1] < 1 || b[3] > c->f.py1 + 0.4 * fs)
                continue;
            in_image = in_image < 0 ? order[on_floor][i] : in_image;
            chosen = label_clear(c, b, c->out->n_labels) ? order[on_floor][i] : -1;
        }
        /* crowded: the first place in the image (or, failing that, the first) */
        const double *q = place[chosen >= 0 ? chosen : in_image >= 0 ? in_image
                                                                     : order[on_floor][0]];
        render_text_box(cr, buf, x + q[0] * fs, y + q[1] * fs, q[2], q[3], halo, b);
        cairo_set_source_rgb(cr, m->margin_db[k] < 0 ? 0.8 : INK, 0, 0);
        render_text_at(cr, buf, x + q[0] * fs, y + q[1] * fs, q[2], q[3], halo);
        if (c->out->n_labels < INTERF_CHART_MAX_LABELS)
            memcpy(c->out->label_px[c->out->n_labels++], b, sizeof b);
    }
}

/* A CDF's legend label: given, else its point ("45°N 10°E" from lat_deg and lon_deg) with the
 * channel of a frequency-resolved run ("11.2-11.45 GHz") and "no emitter in view" for a CDF at
 * the floor alone, else its number. */
static void curve_label(const struct chart *c, size_t k, char *buf, size_t n)
{
    const struct interf_cdf *d = &c->cdf[k];
    const char *ch = interf_cdf_meta_get(d, "channel_ghz");
    double lat, lon;
    if (c->o->labels && c->o->labels[k]) {
        snprintf(buf, n, "%s", c->o->labels[k]);
    } else if (interf_cdf_meta_number(d, "", "lat_deg", &lat, NULL) == INTERF_OK &&
               interf_cdf_meta_number(d, "", "lon_deg", &lon, NULL) == INTERF_OK) {
        lon = fmod(lon, 360.0);
        lon = lon > 180 ? lon - 360 : lon <= -180 ? lon + 360 : lon;
        interf_format_c(buf, n, "%g\xC2\xB0%s %g\xC2\xB0%s%s%s%s%s", fabs(lat), lat < 0 ? "S" : "N",
                        fabs(lon), lon < 0 ? "W" : "E", ch ? ", " : "", ch ? ch : "",
                        ch ? " GHz" : "", floor_only(d) ? ": no emitter in view" : "");
    } else {
        snprintf(buf, n, "CDF %zu", k + 1);
    }
}

/* How many points of a polyline (n points x, y in pixels) fall in box b, sampled every
 * SAMPLE_PX along it. */
static size_t polyline_hits(const double *x, const double *y, size_t n, const double b[4])
{
    size_t hits = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        double len = hypot(x[i + 1] - x[i], y[i + 1] - y[i]);
        int steps = (int)fmin(ceil(len / SAMPLE_PX), 1e5);
        for (int t = 0; t <= steps; t++) {
            double u = steps ? (double)t / steps : 0;
            double px = x[i] + u * (x[i + 1] - x[i]), py = y[i] + u * (y[i + 1] - y[i]);
            hits += px >= b[0] && px <= b[2] && py >= b[1] && py <= b[3];
        }
    }
    return hits;
}

/* How much of the curves and of the mask lies in box b (samples along them). */
static size_t crossings(const struct chart *c, const double b[4])
{
    const struct interf_chart_mask *m = c->o->mask;
    size_t hits = 0;
    for (size_t k = 0; k < c->n; k++) {
        const struct interf_cdf *d = &c->cdf[k];
        double x[2], y[2];
        if (floor_only(d))
            continue;
        x[0] = c->f.px0, y[0] = cdf_y(c, 100);
        for (size_t i = 0; i <= d->n; i++) {
            x[1] = i < d->n ? fmax(x_px(c, d->level_tenths[i] / 10.0), c->f.px0) : c->f.px1;
            y[1] = cdf_y(c, i < d->n ? d->pct_exceeded[i] : 0);
            x[1] = fmin(x[1], c->f.px1);
            hits += polyline_hits(x, y, 2, b);
            x[0] = x[1], y[0] = y[1];
        }
    }
    for (size_t k = 0; m && k + 1 < m->n; k++) {
        const double x[2] = {x_px(c, m->level_db[k]), x_px(c, m->level_db[k + 1])};
        const double y[2] = {y_px(c, m->pct_exceeded[k]), y_px(c, m->pct_exceeded[k + 1])};
        hits += polyline_hits(x, y, 2, b);
    }
    return hits;
}

static void legend(cairo_t *cr, const struct chart *c)
{
    size_t n = c->n + (c->o->mask ? 1 : 0);
    char text[CHART_MAX_CURVES + 1][160];
    const char *labels[CHART_MAX_CURVES + 1];
    uint32_t rgb[CHART_MAX_CURVES + 1];
    double w, h;
    for (size_t k = 0; k < n; k++) {
        if (k == c->n)
            snprintf(text[k], sizeof text[k], "%s", c->o->mask->label ? c->o->mask->label
                                                                      : "limit");
        else
            curve_label(c, k, text[k], sizeof text[k]);
        labels[k] = text[k];
        rgb[k] = k == c->n ? MASK_RGB : render_chart_rgb(k);
    }
    render_chart_legend_size(cr, &c->f, labels, n, &w, &h);
    /* Bottom left above the floor note first (CDFs fall from top left to bottom right, so that
     * corner is mostly empty), then the other corners: the one the curves cross least. */
    double fs = c->f.fs, left = c->f.px0 + 0.6 * fs, right = c->f.px1 - 0.6 * fs - w;
    double low = y_px(c, c->floor_pct) - 1.6 * fs - h, high = c->f.py0 + 0.6 * fs;
    const double corner[4][2] = {{left, low}, {right, high}, {right, low}, {left, high}};
    size_t best = 0, best_hits = SIZE_MAX;
    for (size_t k = 0; k < 4 && best_hits > 0; k++) {
        const double box[4] = {corner[k][0], corner[k][1], corner[k][0] + w, corner[k][1] + h};
        size_t hits = crossings(c, box);
        if (hits < best_hits)
            best = k, best_hits = hits;
    }
    render_chart_legend(cr, &c->f, corner[best][0], corner[best][1], labels, rgb, n);
    c->out->has_legend = 1;
    memcpy(c->out->legend_px, (double[4]){corner[best][0], corner[best][1],
                                          corner[best][0] + w, corner[best][1] + h},
           sizeof c->out->legend_px);
}

/* The floor: a note at the bottom, or a dashed line when the axis goes below it. */
static void floor_note(cairo_t *cr, const struct chart *c)
{
    char buf[128];
    double fs = c->f.fs, y = y_px(c, c->floor_pct);
    render_text_font(cr, 0.8 * fs, 0);
    cairo_set_source_rgba(cr, INK, INK, INK, 0.8);
    interf_format_c(buf, sizeof buf, "0 %% of time is drawn at one time step, %.3g %%",
                    c->floor_pct);
    if (c->f.y.min < c->floor_pct * (1 - 1e-9)) {
        const double dash[2] = {4, 3};
        cairo_save(cr);
        cairo_set_dash(cr, dash, 2, 0);
        cairo_set_line_width(cr, 1.0);
        cairo_move_to(cr, c->f.px0, round(y) + 0.5);
        cairo_line_to(cr, c->f.px1, round(y) + 0.5);
        cairo_stroke(cr);
        cairo_restore(cr);
    }
    render_text_at(cr, buf, c->f.px0 + 0.4 * fs, y - 0.4 * fs, 0, 1, 0.15 * fs);
    render_text_box(cr, buf, c->f.px0 + 0.4 * fs, y - 0.4 * fs, 0, 1, 0.15 * fs, c->note);
}

static void draw(cairo_t *cr, const void *user)
{
    const struct chart *c = user;
    render_chart_axes(cr, &c->f);
    curves(cr, c);
    mask(cr, c);
    floor_note(cr, c);
    legend(cr, c);
    margin_labels(cr, c);
}

static enum interf_status check(const struct interf_cdf *cdf, size_t n,
                                const struct interf_chart_options *o, struct interf_error *err)
{
    if (!cdf || n == 0)
        return interf_error_set(err, INTERF_EINPUT, "cdf: no CDF to draw");
    if (n > CHART_MAX_CURVES)
        return interf_error_set(err, INTERF_EINPUT, "cdf: more than %d CDFs",
                                CHART_MAX_CURVES);
    for (size_t k = 0; k < n; k++)
        if (cdf[k].n == 0)
            return interf_error_set(err, INTERF_EINPUT, "cdf: CDF %zu has no rows", k + 1);
    if (o->has_range && !(isfinite(o->range_min_db) && isfinite(o->range_max_db) &&
                          o->range_min_db < o->range_max_db))
        return interf_error_set(err, INTERF_EINPUT, "range: MIN must be below MAX");
    if (o->width_px < 200 || o->width_px > MAP_MAX_WIDTH_PX)
        return interf_error_set(err, INTERF_EINPUT, "width_px: %d: allowed range 200 to %d "
                                "pixels", o->width_px, MAP_MAX_WIDTH_PX);
    return INTERF_OK;
}


/* The lowest level of a CDF the level axis shows: its first row, or, when that row is the floor
 * (-300 dB, interf-epfd's lowest bin: "no emitter in view"), the last row before the
 * percentage first changes, so that neither the floor nor the empty bins above it stretch the
 * axis (the curve enters the plot at the floor's percentage). */
static double lowest_level(const struct interf_cdf *d)
{
    size_t j = 0;
    if (d->level_tenths[0] > INTERF_EPFD_LEVEL_MIN)
        return d->level_tenths[0] / 10.0;
    while (j + 1 < d->n && d->pct_exceeded[j + 1] == d->pct_exceeded[0])
        j++;
    return d->level_tenths[j] / 10.0;
}

/* The level axis: the range given, else the data's and the mask's rounded out to 5 dB. */
static void level_range(struct chart *c)
{
    struct chart_axis *x = &c->f.x;
    if (c->o->has_range) {
        x->min = c->o->range_min_db;
        x->max = c->o->range_max_db;
        return;
    }
    x->min = HUGE_VAL;
    x->max = -HUGE_VAL;
    for (size_t k = 0; k < c->n; k++) {
        if (floor_only(&c->cdf[k]))
            continue;
        x->min = fmin(x->min, lowest_level(&c->cdf[k]));
        x->max = fmax(x->max, c->cdf[k].level_tenths[c->cdf[k].n - 1] / 10.0);
    }
    if (x->min > x->max) /* every CDF at the floor, no mask */
        x->min = x->max = INTERF_EPFD_LEVEL_MIN / 10.0;
    for (size_t k = 0; c->o->mask && k < c->o->mask->n; k++) {
        x->min = fmin(x->min, c->o->mask->level_db[k]);
        x->max = fmax(x->max, c->o->mask->level_db[k]);
    }
    x->min = floor(x->min / 5 - 1e-9) * 5;
    x->max = fmax(ceil(x->max / 5 + 1e-9) * 5, x->min + 5);
}

void interf_chart_options_init(struct interf_chart_options *o)
{
    memset(o, 0, sizeof *o);
    o->width_px = CHART_DEFAULT_WIDTH_PX;
}

enum interf_status interf_cdf_chart(const struct interf_cdf *cdf, size_t n,
                                    const struct interf_chart_options *o,
                                    struct interf_image **out, struct interf_chart_frame *frame,
                                    struct interf_error *err)
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
    render_chart_layout(&c.f, o->width_px, o->title, o->subtitle);
    c.floor_pct = axis_floor(cdf, n);
    level_range(&c);
    c.f.y.log = 1;
    c.f.y.min = axis_min(&c);
    c.f.y.max = 100;
    c.f.y.label = "% of time exceeded";
    axis_title(cdf[0].quantity, c.x_title, sizeof c.x_title);
    c.f.x.label = c.x_title;
    struct interf_chart_frame f;
    double note[4] = {0, 0, 0, 0};
    render_chart_frame_out(&c.f, &f);
    c.out = &f;
    c.note = note;
    st = render_chart_paint(&c.f, draw, &c, out, err);
    if (st == INTERF_OK && frame)
        *frame = f;
    return st;
}
