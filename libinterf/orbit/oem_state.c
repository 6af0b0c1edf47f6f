/* SPDX-License-Identifier: MIT */
/* States from a CCSDS OEM (CCSDS 502.0-B-3 §5.2.4): the segment that covers a time, Lagrange
 * or Hermite interpolation within it, and the conversion from the message's frame and centre to
 * geocentric GCRF and ITRF through the time layer and the lunar ephemeris. */
#include "oem_impl.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

size_t interf_oem_segment_count(const struct interf_oem *oem) { return oem->nseg; }

const char *interf_oem_notes(const struct interf_oem *oem)
{
    return oem->notes ? oem->notes : "";
}

enum interf_status interf_oem_segment(const struct interf_oem *oem, size_t index,
                                      struct interf_oem_segment_info *info,
                                      struct interf_error *err)
{
    if (index >= oem->nseg)
        return interf_error_set(err, INTERF_EINVAL, "%s: no segment %zu (the message has %zu)",
                                oem->name, index, oem->nseg);
    const struct oem_segment *s = &oem->seg[index];
    info->object_name = s->object_name;
    info->object_id = s->object_id;
    info->center_name = s->center_name;
    info->ref_frame = s->ref_frame;
    info->time_system = oem_scale_name(oem->scale);
    info->interpolation = s->interp == OEM_HERMITE ? "HERMITE" : "LAGRANGE";
    info->interpolation_degree = s->degree;
    info->n_states = s->n;
    info->meta_line = s->meta_line;
    oem_utc_of(oem, s, s->use_start_s, &info->use_start_utc);
    oem_utc_of(oem, s, s->use_stop_s, &info->use_stop_utc);
    return INTERF_OK;
}

/* The first index of the m data points nearest x (n >= m >= 2). */
static size_t nearest(const double *t, size_t n, double x, size_t m)
{
    size_t lo = 0, hi = n - 1;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (t[mid] <= x)
            lo = mid;
        else
            hi = mid;
    }
    size_t a = x - t[lo] <= t[hi] - x ? lo : hi, b = a;
    while (b - a + 1 < m) {
        if (a == 0)
            b++;
        else if (b == n - 1)
            a--;
        else if (x - t[a - 1] <= t[b + 1] - x)
            a--;
        else
            b++;
    }
    return a;
}

/* Lagrange's formula on points a..a+m-1, each of the six components on its own. */
static void lagrange(const struct oem_segment *s, size_t a, size_t m, double x, double out[6])
{
    double w[OEM_DEGREE_MAX + 1];
    const double *t = s->t_s + a;
    for (size_t j = 0; j < m; j++) {
        w[j] = 1.0;
        for (size_t k = 0; k < m; k++)
            if (k != j)
                w[j] *= (x - t[k]) / (t[j] - t[k]);
    }
    for (int c = 0; c < 6; c++) {
        out[c] = 0.0;
        for (size_t j = 0; j < m; j++)
            out[c] += w[j] * s->rv[6 * (a + j) + c];
    }
}

/* Hermite interpolation on points a..a+m-1 matching positions and velocities: Newton's divided
 * differences on doubled nodes (a repeated node's first difference is the derivative); the
 * velocity is the derivative of the position polynomial. Times relative to x. */
static void hermite(const struct oem_segment *s, size_t a, size_t m, double x, double out[6])
{
    double z[2 * (OEM_DEGREE_MAX / 2 + 1)], q[2 * (OEM_DEGREE_MAX / 2 + 1)];
    size_t nz = 2 * m;
    for (int c = 0; c < 3; c++) {
        for (size_t i = 0; i < m; i++) {
            z[2 * i] = z[2 * i + 1] = s->t_s[a + i] - x;
            q[2 * i] = q[2 * i + 1] = s->rv[6 * (a + i) + c];
        }
        for (size_t j = 1; j < nz; j++) {
            for (size_t i = nz - 1; i >= j; i--) {
                if (j == 1 && i % 2 == 1)
                    q[i] = s->rv[6 * (a + i / 2) + 3 + c];
                else
                    q[i] = (q[i] - q[i - 1]) / (z[i] - z[i - j]);
            }
        }
        double p = q[nz - 1], dp = 0.0;
        for (size_t i = nz - 1; i-- > 0;) {
            dp = dp * -z[i] + p;
            p = p * -z[i] + q[i];
        }
        out[c] = p;
        out[3 + c] = dp;
    }
}

/* "A to B, C to D" of the object's usable spans, in UTC, into buf */
static void spans(const struct interf_oem *oem, const char *object, char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < oem->nseg && used + 1 < n; i++) {
        const struct oem_segment *s = &oem->seg[i];
        if (strcmp(s->object_name, object) != 0)
            continue;
        struct interf_jd a, b;
        char ta[48], tb[48];
        oem_utc_of(oem, s, s->use_start_s, &a);
        oem_utc_of(oem, s, s->use_stop_s, &b);
        int k = snprintf(buf + used, n - used, "%s%s to %s", used ? ", " : "",
                         interf_jd_format_utc(&a, 3, ta, sizeof ta),
                         interf_jd_format_utc(&b, 3, tb, sizeof tb));
        if (k < 0)
            break;
        used += (size_t)k;
    }
}

/* The segment of object covering t (seconds from its base in *x_s), or NULL with err set. */
static const struct oem_segment *find(const struct interf_oem *oem, const char *object,
                                      const struct interf_time *t, double *x_s,
                                      struct interf_error *err)
{
    if (!object)
        object = oem->seg[0].object_name;
    int known = 0;
    for (size_t i = 0; i < oem->nseg; i++) {
        const struct oem_segment *s = &oem->seg[i];
        if (strcmp(s->object_name, object) != 0)
            continue;
        known = 1;
        double x = oem_seconds_from_utc(oem, s, t);
        /* a nanosecond of slack for a time asked at a span's end, after rounding */
        if (x >= s->use_start_s - 1e-9 && x <= s->use_stop_s + 1e-9) {
            *x_s = fmin(fmax(x, s->use_start_s), s->use_stop_s);
            return s;
        }
    }
    char when[48], list[400];
    if (!known) {
        interf_error_set(err, INTERF_EINPUT, "%s: OBJECT_NAME %s: not in the message (the "
                         "first is %s)", oem->name, object, oem->seg[0].object_name);
        return NULL;
    }
    spans(oem, object, list, sizeof list);
    interf_error_set(err, INTERF_EINPUT, "%s: OBJECT_NAME %s: %s is outside the usable span "
                     "%s", oem->name, object, interf_jd_format_utc(&t->utc, 3, when,
                                                                      sizeof when), list);
    return NULL;
}

/* The instant in every scale; an error names the message. */
static enum interf_status instant(const struct interf_oem *oem, const struct interf_jd *utc,
                                  double dut1_s, struct interf_time *t, struct interf_error *err)
{
    struct interf_error e = {INTERF_OK, ""};
    enum interf_status st = interf_time_from_utc(utc, dut1_s, t, &e);
    if (st != INTERF_OK)
        return interf_error_set(err, st, "%s: %s", oem->name, e.msg);
    return INTERF_OK;
}

static enum interf_status native_state(const struct interf_oem *oem, const char *object,
                                       const struct interf_time *t,
                                       const struct oem_segment **seg, double rv[6],
                                       struct interf_error *err)
{
    double x;
    const struct oem_segment *s = find(oem, object, t, &x, err);
    if (!s)
        return INTERF_EINPUT;
    size_t m = oem_nodes(s), a = nearest(s->t_s, s->n, x, m);
    if (s->interp == OEM_HERMITE)
        hermite(s, a, m, x, rv);
    else
        lagrange(s, a, m, x, rv);
    *seg = s;
    return INTERF_OK;
}

enum interf_status interf_oem_interpolate(const struct interf_oem *oem, const char *object,
                                          const struct interf_jd *utc, double r_km[3],
                                          double v_km_s[3], struct interf_error *err)
{
    struct interf_time t;
    const struct oem_segment *s;
    double rv[6];
    enum interf_status st = instant(oem, utc, 0.0, &t, err);
    if (st == INTERF_OK)
        st = native_state(oem, object, &t, &s, rv, err);
    if (st != INTERF_OK)
        return st;
    memcpy(r_km, rv, 3 * sizeof *rv);
    memcpy(v_km_s, rv + 3, 3 * sizeof *rv);
    return INTERF_OK;
}

enum interf_status interf_oem_state(const struct interf_oem *oem, const char *object,
                                    const struct interf_jd *utc, const struct interf_eop *eop,
                                    double r_gcrf_km[3], double v_gcrf_km_s[3],
                                    double r_itrf_km[3], double v_itrf_km_s[3],
                                    struct interf_error *err)
{
    struct interf_time t;
    const struct oem_segment *s;
    double rv[6], g[6], e[6];
    enum interf_status st = instant(oem, utc, eop ? eop->dut1_s : 0.0, &t, err);
    if (st == INTERF_OK)
        st = native_state(oem, object, &t, &s, rv, err);
    if (st != INTERF_OK)
        return st;
    struct interf_earth_rotation gcrf, teme;
    interf_earth_rotation_at(INTERF_CELESTIAL_GCRF, &t, eop, &gcrf);
    switch (s->frame) {
    case OEM_EME2000:
        interf_eme2000_to_gcrf(rv, rv + 3, g, g + 3);
        break;
    case OEM_GCRF:
    case OEM_ICRF:
        memcpy(g, rv, sizeof g);
        break;
    case OEM_TEME:
        interf_earth_rotation_at(INTERF_CELESTIAL_TEME, &t, eop, &teme);
        interf_celestial_to_itrf(&teme, rv, rv + 3, rv, rv + 3);
        interf_itrf_to_celestial(&gcrf, rv, rv + 3, g, g + 3);
        break;
    case OEM_ITRF:
        interf_itrf_to_celestial(&gcrf, rv, rv + 3, g, g + 3);
        break;
    }
    if (s->center == OEM_MOON) {
        /* the message's axes are celestial (the reader refused ITRF and TEME about the Moon) */
        double moon[6];
        interf_moon_gcrf(&t.tt, moon, moon + 3);
        for (int k = 0; k < 6; k++)
            g[k] += moon[k];
    }
    if (s->frame == OEM_ITRF || s->frame == OEM_TEME)
        memcpy(e, rv, sizeof e);
    else
        interf_celestial_to_itrf(&gcrf, g, g + 3, e, e + 3);
    double *outs[4] = {r_gcrf_km, v_gcrf_km_s, r_itrf_km, v_itrf_km_s};
    const double *src[4] = {g, g + 3, e, e + 3};
    for (int k = 0; k < 4; k++)
        if (outs[k])
            memcpy(outs[k], src[k], 3 * sizeof(double));
    return INTERF_OK;
}
