/* SPDX-License-Identifier: MIT */
/* interf render: the chart of an antenna pattern (gain against off-axis angle) and its axes:
 * the tick step of the angle axis, where a logarithmic angle axis starts, and how far below the
 * peak the gain axis reaches. */
#include "render_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The log angle axis never starts below this (deg): far inside any main lobe of the catalogue
 * (a 100 m dish at 1000 GHz has a half-power beamwidth of about 1e-4 deg). */
#define LOG_MIN_DEG 1e-5
/* The gain axis: see interf_chart_gain_span_db (dB). */
#define NULL_DEPTH_DB 10.0
#define GAIN_SPAN_MAX_DB 120.0
#define GAIN_SPAN_MIN_DB 10.0
/* Samples of the curve per pixel column: its lobes and nulls show whatever the table's step. */
#define SAMPLES_PER_PX 4

double interf_chart_angle_tick_deg(double span_deg)
{
    static const double big[] = {10, 15, 30, 45, 90};
    double raw = span_deg / 8;
    for (size_t k = 0; raw > 5 && k < sizeof big / sizeof big[0]; k++)
        if (big[k] >= raw)
            return big[k];
    if (raw > 5)
        return 90;
    double mag = pow(10, floor(log10(raw)));
    return raw <= mag * (1 + 1e-9) ? mag : raw <= 2 * mag ? 2 * mag : raw <= 5 * mag ? 5 * mag
                                                                                      : 10 * mag;
}

double interf_chart_log_start_deg(double half_width_deg, double from_deg, double to_deg)
{
    if (from_deg > 0)
        return from_deg;
    double w = isfinite(half_width_deg) && half_width_deg > 0 ? half_width_deg : to_deg;
    return fmin(fmax(pow(10, floor(log10(w)) - 1), LOG_MIN_DEG), to_deg / 10);
}

static int cmp_double(const void *a, const void *b)
{
    double u = *(const double *)a, v = *(const double *)b;
    return (u > v) - (u < v);
}

double interf_chart_gain_span_db(const double *gain_db, size_t n)
{
    double *v = malloc((n ? n : 1) * sizeof *v), span = GAIN_SPAN_MAX_DB;
    size_t m = 0;
    for (size_t i = 0; v && i < n; i++)
        if (isfinite(gain_db[i]))
            v[m++] = gain_db[i];
    if (m > 0) {
        qsort(v, m, sizeof *v, cmp_double);
        double p1 = v[(size_t)(0.01 * (double)(m - 1))];
        /* Only nulls (deeper than NULL_DEPTH_DB below the percentile) are cut: the lowest
         * value of a curve that merely ends low is kept on the axis. */
        double floor_db = p1 - v[0] > NULL_DEPTH_DB ? p1 : v[0];
        span = fmin(fmax(v[m - 1] - floor_db, GAIN_SPAN_MIN_DB), GAIN_SPAN_MAX_DB);
    }
    free(v);
    return span;
}

/* The points of the curve (x, y of n, new arrays) and the angle axis' range. */
static enum interf_status curve(const struct interf_pattern_chart *c, double **xp, double **yp,
                                size_t *np, double range[2], struct interf_error *err)
{
    size_t n = c->angles ? c->n_angles : (size_t)c->width_px * SAMPLES_PER_PX + 1;
    double *x = *xp = malloc((n ? n : 1) * sizeof *x), *y = *yp = malloc((n ? n : 1) * sizeof *y);
    double bw = NAN;
    *np = n;
    if (!x || !y)
        return interf_error_set(err, INTERF_ENOMEM, "chart: out of memory");
    range[0] = c->from_deg, range[1] = c->to_deg;
    if (c->angles) {
        size_t first = 0;
        memcpy(x, c->angles, n * sizeof *x);
        qsort(x, n, sizeof *x, cmp_double);
        while (c->log_angle && first < n && x[first] <= 0)
            first++;
        range[0] = first < n ? x[first] : 0, range[1] = n ? x[n - 1] : 0;
    } else if (c->log_angle) {
        interf_antenna_beamwidth_3db_deg(c->ant, c->azimuth_deg, &bw, NULL); /* NAN: none */
        range[0] = interf_chart_log_start_deg(bw / 2, c->from_deg, c->to_deg);
    }
    if (!(range[0] < range[1]))
        return interf_error_set(err, INTERF_EINPUT, "the angles%s span no range to draw (%g to "
                                "%g deg)", c->log_angle ? " above 0" : "", range[0], range[1]);
    for (size_t i = 0; !c->angles && i < n; i++) {
        double t = (double)i / (double)(n - 1), a = log10(range[0]), b = log10(range[1]);
        x[i] = c->log_angle ? pow(10, a + t * (b - a)) : range[0] + t * (range[1] - range[0]);
    }
    if (!c->angles)
        x[n - 1] = range[1];
    for (size_t i = 0; i < n; i++)
        y[i] = interf_antenna_gain2_dbi(c->ant, x[i], c->azimuth_deg) -
               (c->relative ? c->ant->gain_max_dbi : 0);
    return INTERF_OK;
}

enum interf_status interf_pattern_chart(const struct interf_pattern_chart *c,
                                        struct interf_image **out, double range_deg[2],
                                        struct interf_error *err)
{
    struct interf_xy_options xo;
    char sub[600], source[512], deg[8], x_title[64];
    double *x = NULL, *y = NULL;
    size_t n = 0;
    *out = NULL;
    enum interf_status st = curve(c, &x, &y, &n, range_deg, err);
    int used = snprintf(sub, sizeof sub, "%s; peak %.2f dBi",
                        interf_pattern_source(c->ant->def, source, sizeof source),
                        c->ant->gain_max_dbi);
    if (interf_antenna_azimuthal(c->ant) && used > 0 && (size_t)used < sizeof sub)
        snprintf(sub + used, sizeof sub - (size_t)used, "; cut at azimuth %g\xC2\xB0",
                 c->azimuth_deg);
    interf_xy_options_init(&xo);
    xo.width_px = c->width_px;
    xo.title = c->title;
    xo.subtitle = sub;
    interf_unit_typeset("deg", deg, sizeof deg);
    snprintf(x_title, sizeof x_title, "Off-axis angle \xCE\xB8, %s", deg);
    xo.x.label = x_title;
    xo.x.log = c->log_angle;
    xo.x.has_range = 1;
    xo.x.min = range_deg[0];
    xo.x.max = range_deg[1];
    xo.x.tick_step = interf_chart_angle_tick_deg(range_deg[1] - range_deg[0]);
    xo.y.label = c->relative ? "Gain relative to the peak, dB" : "Gain, dBi";
    if (st == INTERF_OK) {
        const struct interf_xy_series line = {n, x, y, NULL};
        xo.y.max_span = interf_chart_gain_span_db(y, n);
        st = interf_xy_chart(&line, 1, &xo, out, NULL, err);
    }
    free(x);
    free(y);
    return st;
}
