/* SPDX-License-Identifier: MIT */
/* Unit tests of the CCSDS OEM reader (CCSDS 502.0-B-3, KVN): interpolation against an analytic
 * two-body orbit sampled here, the conversions to GCRF and ITRF, and the located errors of
 * malformed messages. */
#include "interf/orbit.h"

#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MU 398600.4418 /* km^3/s^2, EGM96 (any value: the reference orbit is computed here) */
#define T0_UNIX 1740787200.0 /* 2025-03-01T00:00:00Z */

/* ------------------------------------------------------------------ the reference orbit */

/* Two-body state at t seconds after T0, written out (Vallado, Fundamentals of Astrodynamics,
 * 4th ed., Algorithm 10, coe2rv): a = 7000 km, e = 0.05, i = 51.6 deg, node 30 deg, perigee
 * argument 40 deg, mean anomaly 0 at T0. */
static void two_body(double t, double r[3], double v[3])
{
    const double a = 7000.0, e = 0.05, i = 51.6 * INTERF_DEG, node = 30 * INTERF_DEG;
    const double w = 40 * INTERF_DEG;
    double n = sqrt(MU / (a * a * a)), E = interf_kepler_solve(n * t, e);
    double p = a * (1 - e * e), nu = interf_true_from_eccentric(E, e);
    double rp[3] = {p * cos(nu) / (1 + e * cos(nu)), p * sin(nu) / (1 + e * cos(nu)), 0};
    double vp[3] = {-sqrt(MU / p) * sin(nu), sqrt(MU / p) * (e + cos(nu)), 0};
    double cO = cos(node), sO = sin(node), cw = cos(w), sw = sin(w), ci = cos(i), si = sin(i);
    double m[3][2] = {{cO * cw - sO * sw * ci, -cO * sw - sO * cw * ci},
                      {sO * cw + cO * sw * ci, -sO * sw + cO * cw * ci},
                      {sw * si, cw * si}};
    for (int k = 0; k < 3; k++) {
        r[k] = m[k][0] * rp[0] + m[k][1] * rp[1];
        v[k] = m[k][0] * vp[0] + m[k][1] * vp[1];
    }
}

/* ------------------------------------------------------------------ message helpers */

struct text {
    char *s;
    size_t len, cap;
};

static void put(struct text *b, const char *fmt, ...) INTERF_PRINTF(2, 3);
static void put(struct text *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    cr_assert(n >= 0);
    if (b->len + (size_t)n + 1 > b->cap) {
        b->cap = 2 * (b->len + (size_t)n + 1);
        b->s = realloc(b->s, b->cap);
        cr_assert(b->s != NULL);
    }
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

static char *utc_text(double unix_s, char *buf, size_t n)
{
    struct interf_jd jd;
    interf_jd_from_unix(unix_s, &jd);
    interf_jd_format_utc(&jd, 3, buf, n);
    buf[strlen(buf) - 1] = '\0'; /* the OEM's Z is optional: test without it */
    return buf;
}

/* A message of the two-body orbit: frame, interpolation, degree; n states every step_s. */
static char *two_body_message(const char *frame, const char *interp, int degree, int n,
                              double step_s)
{
    struct text b = {NULL, 0, 0};
    char t0[48], t1[48], t[48];
    put(&b, "CCSDS_OEM_VERS = 2.0\nCREATION_DATE = 2025-03-01T00:00:00\nORIGINATOR = TEST\n\n");
    put(&b, "META_START\nOBJECT_NAME = SAT\nOBJECT_ID = 2025-001A\nCENTER_NAME = EARTH\n");
    put(&b, "REF_FRAME = %s\nTIME_SYSTEM = UTC\nSTART_TIME = %s\nSTOP_TIME = %s\n", frame,
        utc_text(T0_UNIX, t0, sizeof t0), utc_text(T0_UNIX + (n - 1) * step_s, t1, sizeof t1));
    put(&b, "INTERPOLATION = %s\nINTERPOLATION_DEGREE = %d\nMETA_STOP\n", interp, degree);
    for (int k = 0; k < n; k++) {
        double r[3], v[3];
        two_body(k * step_s, r, v);
        put(&b, "%s %.9f %.9f %.9f %.12f %.12f %.12f\n", utc_text(T0_UNIX + k * step_s, t,
            sizeof t), r[0], r[1], r[2], v[0], v[1], v[2]);
    }
    return b.s;
}

static enum interf_status read_text(const char *text, struct interf_oem **oem,
                                    struct interf_error *err)
{
    FILE *fp = fmemopen((void *)text, strlen(text), "r");
    cr_assert(fp != NULL);
    enum interf_status st = interf_oem_read(fp, "t.oem", oem, err);
    fclose(fp);
    return st;
}

static struct interf_oem *must_read(const char *text)
{
    struct interf_oem *oem = NULL;
    struct interf_error err = {INTERF_OK, ""};
    enum interf_status st = read_text(text, &oem, &err);
    cr_assert(eq(i32, (int)st, INTERF_OK), "%s", err.msg);
    return oem;
}

/* The largest position (km) and velocity (km/s) error of the message against the orbit at
 * the midpoints between its data lines. */
static void worst_error(const struct interf_oem *oem, int n, double step_s, double *dr,
                        double *dv)
{
    *dr = *dv = 0.0;
    for (int k = 0; k + 1 < n; k++) {
        double t = (k + 0.5) * step_s, r[3], v[3], rr[3], vv[3];
        struct interf_jd utc;
        struct interf_error err = {INTERF_OK, ""};
        interf_jd_from_unix(T0_UNIX + t, &utc);
        cr_assert(eq(i32, (int)interf_oem_interpolate(oem, "SAT", &utc, r, v, &err), INTERF_OK),
                  "%s", err.msg);
        two_body(t, rr, vv);
        for (int c = 0; c < 3; c++) {
            *dr = fmax(*dr, fabs(r[c] - rr[c]));
            *dv = fmax(*dv, fabs(v[c] - vv[c]));
        }
    }
}

/* ------------------------------------------------------------------ interpolation */

/* 60 s spacing, Lagrange of degree 7, two hours of a 97-minute orbit: < 1 m and < 1 mm/s.
 * (The error bound f^(8) prod(t - t_i) / 8! is about 1e-5 m here; the 1 m of the task is the
 * requirement.) Linear interpolation of the same data is off by more than 100 m (a chord of
 * 60 s of arc sags r (1 - cos(n h / 2)) = 3.5 km), so the check can fail. */
Test(oem, lagrange_degree_7_two_body)
{
    char *text = two_body_message("GCRF", "LAGRANGE", 7, 121, 60.0);
    struct interf_oem *oem = must_read(text);
    double dr, dv;
    worst_error(oem, 121, 60.0, &dr, &dv);
    cr_expect(lt(dbl, dr, 1e-3), "position %.3g km", dr);
    cr_expect(lt(dbl, dv, 1e-6), "velocity %.3g km/s", dv);
    interf_oem_destroy(oem);
    free(text);
    text = two_body_message("GCRF", "LINEAR", 1, 121, 60.0);
    oem = must_read(text);
    worst_error(oem, 121, 60.0, &dr, &dv);
    cr_expect(gt(dbl, dr, 0.1), "linear: %.3g km", dr);
    interf_oem_destroy(oem);
    free(text);
}

Test(oem, hermite_degree_7_two_body)
{
    char *text = two_body_message("GCRF", "HERMITE", 7, 121, 60.0);
    struct interf_oem *oem = must_read(text);
    double dr, dv;
    worst_error(oem, 121, 60.0, &dr, &dv);
    cr_expect(lt(dbl, dr, 1e-3), "position %.3g km", dr);
    cr_expect(lt(dbl, dv, 1e-6), "velocity %.3g km/s", dv);
    struct interf_oem_segment_info info;
    cr_assert(eq(i32, (int)interf_oem_segment(oem, 0, &info, NULL), INTERF_OK));
    cr_expect(eq(str, (char *)info.interpolation, "HERMITE"));
    cr_expect(eq(i32, info.interpolation_degree, 7));
    cr_expect(eq(sz, info.n_states, (size_t)121));
    cr_expect(epsilon_eq(dbl, interf_jd_to_unix(&info.use_start_utc), T0_UNIX, 1e-4));
    cr_expect(epsilon_eq(dbl, interf_jd_to_unix(&info.use_stop_utc), T0_UNIX + 7200, 1e-4));
    interf_oem_destroy(oem);
    free(text);
}

/* At a data epoch the interpolant is the data (to the 1e-9 km the message prints). */
Test(oem, exact_at_nodes)
{
    char *text = two_body_message("GCRF", "LAGRANGE", 5, 30, 60.0);
    struct interf_oem *oem = must_read(text);
    struct interf_jd utc;
    double r[3], v[3], rr[3], vv[3];
    interf_jd_from_unix(T0_UNIX + 600.0, &utc);
    cr_assert(eq(i32, (int)interf_oem_interpolate(oem, NULL, &utc, r, v, NULL), INTERF_OK));
    two_body(600.0, rr, vv);
    for (int c = 0; c < 3; c++)
        cr_expect(epsilon_eq(dbl, r[c], rr[c], 2e-9));
    interf_oem_destroy(oem);
    free(text);
}

/* ------------------------------------------------------------------ frames and centres */

/* A GCRF message: interf_oem_state's GCRF output is the interpolated state, its ITRF output
 * that state through interf_celestial_to_itrf (time.h, tested against Vallado's example). An
 * EME2000 message of the same numbers gives GCRF = the frame bias applied. */
Test(oem, state_in_gcrf_and_itrf)
{
    const char *frames[] = {"GCRF", "EME2000", "ICRF"};
    for (int f = 0; f < 3; f++) {
        char *text = two_body_message(frames[f], "LAGRANGE", 7, 60, 60.0);
        struct interf_oem *oem = must_read(text);
        struct interf_jd utc;
        interf_jd_from_unix(T0_UNIX + 1234.5, &utc);
        double r[3], v[3], rg[3], vg[3], ri[3], vi[3], want_g[3], want_gv[3], want_i[3],
            want_iv[3];
        struct interf_eop eop = {0.1, 1e-6, 2e-6, 0, 0};
        cr_assert(eq(i32, (int)interf_oem_interpolate(oem, "SAT", &utc, r, v, NULL), INTERF_OK));
        cr_assert(eq(i32, (int)interf_oem_state(oem, "SAT", &utc, &eop, rg, vg, ri, vi, NULL),
                     INTERF_OK));
        if (f == 1)
            interf_eme2000_to_gcrf(r, v, want_g, want_gv);
        else
            memcpy(want_g, r, sizeof r), memcpy(want_gv, v, sizeof v);
        struct interf_time t;
        struct interf_earth_rotation rot;
        cr_assert(eq(i32, (int)interf_time_from_utc(&utc, 0.1, &t, NULL), INTERF_OK));
        interf_earth_rotation_at(INTERF_CELESTIAL_GCRF, &t, &eop, &rot);
        interf_celestial_to_itrf(&rot, want_g, want_gv, want_i, want_iv);
        for (int c = 0; c < 3; c++) {
            cr_expect(epsilon_eq(dbl, rg[c], want_g[c], 1e-9), "%s r_gcrf", frames[f]);
            cr_expect(epsilon_eq(dbl, vg[c], want_gv[c], 1e-12), "%s v_gcrf", frames[f]);
            cr_expect(epsilon_eq(dbl, ri[c], want_i[c], 1e-9), "%s r_itrf", frames[f]);
            cr_expect(epsilon_eq(dbl, vi[c], want_iv[c], 1e-12), "%s v_itrf", frames[f]);
        }
        interf_oem_destroy(oem);
        free(text);
    }
}

/* An ITRF message gives its own state as ITRF, and GCRF by the inverse rotation. */
Test(oem, itrf_message)
{
    char *text = two_body_message("ITRF2000", "LAGRANGE", 7, 60, 60.0);
    struct interf_oem *oem = must_read(text);
    struct interf_jd utc;
    interf_jd_from_unix(T0_UNIX + 100.0, &utc);
    double r[3], v[3], rg[3], ri[3], vi[3], back[3];
    cr_assert(eq(i32, (int)interf_oem_interpolate(oem, NULL, &utc, r, v, NULL), INTERF_OK));
    cr_assert(eq(i32, (int)interf_oem_state(oem, NULL, &utc, NULL, rg, NULL, ri, vi, NULL),
                 INTERF_OK));
    struct interf_time t;
    struct interf_earth_rotation rot;
    cr_assert(eq(i32, (int)interf_time_from_utc(&utc, 0.0, &t, NULL), INTERF_OK));
    interf_earth_rotation_at(INTERF_CELESTIAL_GCRF, &t, NULL, &rot);
    interf_celestial_to_itrf(&rot, rg, NULL, back, NULL);
    for (int c = 0; c < 3; c++) {
        cr_expect(epsilon_eq(dbl, ri[c], r[c], 1e-12));
        cr_expect(epsilon_eq(dbl, vi[c], v[c], 1e-15));
        cr_expect(epsilon_eq(dbl, back[c], r[c], 1e-9));
    }
    interf_oem_destroy(oem);
    free(text);
}

/* A Moon-centred message is brought to the Earth by adding interf_moon_gcrf at TT. */
Test(oem, moon_centred)
{
    const char *msg =
        "CCSDS_OEM_VERS = 3.0\nCREATION_DATE = 2025-001T00:00:00Z\nORIGINATOR = TEST\n"
        "META_START\nOBJECT_NAME = LUNAR\nOBJECT_ID = 2025-002A\nCENTER_NAME = MOON\n"
        "REF_FRAME = ICRF\nTIME_SYSTEM = TT\nSTART_TIME = 2025-001T00:00:00\n"
        "STOP_TIME = 2025-001T00:03:00\nINTERPOLATION = LAGRANGE\nINTERPOLATION_DEGREE = 1\n"
        "META_STOP\n"
        "2025-001T00:00:00 1000 2000 3000 1 0 0\n"
        "2025-001T00:03:00 1180 2000 3000 1 0 0\n";
    struct interf_oem *oem = must_read(msg);
    /* 2025-01-01T00:01:00 TT is 23:59:50.816 UTC of 2024-12-31 (TT - UTC = 69.184 s) */
    struct interf_jd utc;
    interf_jd_from_unix(1735689600.0 + 60.0 - 69.184, &utc);
    double r[3], v[3], moon_r[3], moon_v[3];
    struct interf_error err = {INTERF_OK, ""};
    cr_assert(eq(i32, (int)interf_oem_state(oem, "LUNAR", &utc, NULL, r, v, NULL, NULL, &err),
                 INTERF_OK), "%s", err.msg);
    struct interf_jd tt = {2460676.5, 60.0 / 86400.0};
    interf_moon_gcrf(&tt, moon_r, moon_v);
    const double rel_r[3] = {1060, 2000, 3000}, rel_v[3] = {1, 0, 0};
    for (int c = 0; c < 3; c++) {
        cr_expect(epsilon_eq(dbl, r[c], moon_r[c] + rel_r[c], 1e-6), "r[%d]", c);
        cr_expect(epsilon_eq(dbl, v[c], moon_v[c] + rel_v[c], 1e-9), "v[%d]", c);
    }
    interf_oem_destroy(oem);
}

/* A UTC message across the leap second at the end of 2016 (IERS Bulletin C 52): its epochs
 * 60 s apart in TAI are labelled ...23:59:00, 23:59:60, 00:00:59... Interpolation runs in TAI,
 * so the orbit sampled at those real instants is reproduced to < 1 m. */
Test(oem, across_a_leap_second)
{
    struct text b = {NULL, 0, 0};
    put(&b, "CCSDS_OEM_VERS = 1.0\nCREATION_DATE = 2017-01-02T00:00:00\nORIGINATOR = TEST\n"
            "META_START\nOBJECT_NAME = SAT\nOBJECT_ID = 2016-001A\nCENTER_NAME = EARTH\n"
            "REF_FRAME = EME2000\nTIME_SYSTEM = UTC\nSTART_TIME = 2016-12-31T23:55:00\n"
            "STOP_TIME = 2017-01-01T00:04:59\nINTERPOLATION = LAGRANGE\n"
            "INTERPOLATION_DEGREE = 7\nMETA_STOP\n");
    const char *labels[] = {"2016-12-31T23:55:00", "2016-12-31T23:56:00", "2016-12-31T23:57:00",
                            "2016-12-31T23:58:00", "2016-12-31T23:59:00", "2016-12-31T23:59:60",
                            "2017-01-01T00:00:59", "2017-01-01T00:01:59", "2017-01-01T00:02:59",
                            "2017-01-01T00:03:59", "2017-01-01T00:04:59"};
    for (int k = 0; k < 11; k++) {
        double r[3], v[3];
        two_body(60.0 * k, r, v);
        put(&b, "%s %.9f %.9f %.9f %.12f %.12f %.12f\n", labels[k], r[0], r[1], r[2], v[0],
            v[1], v[2]);
    }
    struct interf_oem *oem = must_read(b.s);
    /* 2017-01-01T00:00:29 UTC is 300.5 TAI seconds... after 23:55:00: 5 min + 1 leap s - 30 s */
    struct interf_jd utc;
    interf_jd_from_unix(1483228800.0 + 29.0, &utc);
    double r[3], v[3], rr[3], vv[3];
    cr_assert(eq(i32, (int)interf_oem_interpolate(oem, NULL, &utc, r, v, NULL), INTERF_OK));
    two_body(330.0, rr, vv);
    for (int c = 0; c < 3; c++)
        cr_expect(epsilon_eq(dbl, r[c], rr[c], 1e-3), "r[%d] %.6f vs %.6f", c, r[c], rr[c]);
    interf_oem_destroy(oem);
    free(b.s);
}

/* Comments, accelerations, two segments, a skipped covariance block and the default
 * interpolation: read, with notes naming the lines. */
Test(oem, segments_covariance_and_notes)
{
    const char *msg =
        "CCSDS_OEM_VERS = 2.0\nCOMMENT made by hand\nCREATION_DATE = 2025-03-01T00:00:00\n"
        "ORIGINATOR = TEST\n\n"
        "META_START\nCOMMENT first arc\nOBJECT_NAME = SAT\nOBJECT_ID = 2025-001A\n"
        "CENTER_NAME = EARTH\nREF_FRAME = GCRF\nTIME_SYSTEM = TAI\n"
        "START_TIME = 2025-03-01T00:00:00\nSTOP_TIME = 2025-03-01T00:05:00\nMETA_STOP\n"
        "COMMENT data\n"
        "2025-03-01T00:00:00 7000 0 0 0 7.5 0 -0.008 0 0\n"
        "2025-03-01T00:01:00 7000 450 0 -0.5 7.5 0 -0.008 0 0\n"
        "2025-03-01T00:02:00 6980 900 0 -1 7.4 0 -0.008 0 0\n"
        "2025-03-01T00:03:00 6950 1340 0 -1.4 7.3 0 -0.008 0 0\n"
        "2025-03-01T00:04:00 6900 1780 0 -1.8 7.2 0 -0.008 0 0\n"
        "2025-03-01T00:05:00 6840 2210 0 -2.2 7.1 0 -0.008 0 0\n"
        "COVARIANCE_START\nEPOCH = 2025-03-01T00:00:00\n1\n0 1\n0 0 1\n0 0 0 1\n"
        "0 0 0 0 1\n0 0 0 0 0 1\nCOVARIANCE_STOP\n"
        "META_START\nOBJECT_NAME = SAT\nOBJECT_ID = 2025-001A\nCENTER_NAME = EARTH\n"
        "REF_FRAME = GCRF\nTIME_SYSTEM = TAI\nSTART_TIME = 2025-03-01T00:10:00\n"
        "STOP_TIME = 2025-03-01T00:11:00\nINTERPOLATION = HERMITE\nINTERPOLATION_DEGREE = 3\n"
        "META_STOP\n"
        "2025-03-01T00:10:00 0 7000 0 -7.5 0 0\n2025-03-01T00:11:00 -450 7000 0 -7.5 -0.5 0\n";
    struct interf_oem *oem = must_read(msg);
    cr_expect(eq(sz, interf_oem_segment_count(oem), (size_t)2));
    cr_expect(eq(str, (char *)interf_oem_notes(oem),
                 "t.oem:6: INTERPOLATION: not given: LAGRANGE of degree 5 is used\n"
                 "t.oem:23: COVARIANCE_START: covariance block skipped (to line 31)"));
    /* TAI message: 00:10:30 TAI is 00:09:53 UTC (TAI - UTC = 37 s) and falls in segment 2;
     * cubic Hermite reproduces a quadratic in x exactly at the midpoint */
    struct interf_jd utc;
    interf_jd_from_unix(T0_UNIX + 630.0 - 37.0, &utc);
    double r[3], v[3];
    cr_assert(eq(i32, (int)interf_oem_interpolate(oem, "SAT", &utc, r, v, NULL), INTERF_OK));
    /* Hermite cubic through (0, 0, -7.5) and (60, -450, -7.5): x(30) = -225 */
    cr_expect(epsilon_eq(dbl, r[0], -225.0, 1e-9));
    interf_oem_destroy(oem);
}

/* ------------------------------------------------------------------ malformed messages */

static const char *HEAD = "CCSDS_OEM_VERS = 2.0\nCREATION_DATE = 2025-03-01T00:00:00\n"
                          "ORIGINATOR = TEST\n";
static const char *META = "META_START\nOBJECT_NAME = SAT\nOBJECT_ID = 2025-001A\n"
                          "CENTER_NAME = EARTH\nREF_FRAME = GCRF\nTIME_SYSTEM = UTC\n"
                          "START_TIME = 2025-03-01T00:00:00\nSTOP_TIME = 2025-03-01T00:03:00\n"
                          "INTERPOLATION = LAGRANGE\nINTERPOLATION_DEGREE = 1\n";
static const char *DATA = "2025-03-01T00:00:00 7000 0 0 0 7.5 0\n"
                          "2025-03-01T00:01:00 7000 450 0 -0.5 7.5 0\n"
                          "2025-03-01T00:02:00 6980 900 0 -1 7.4 0\n";

/* head + meta (the 10 lines above, so META_START is line 4 and META_STOP line 14) + body */
static void expect_error(const char *meta, const char *body, const char *want)
{
    struct text b = {NULL, 0, 0};
    put(&b, "%s%s%s", HEAD, meta, body);
    struct interf_oem *oem = (struct interf_oem *)1;
    struct interf_error err = {INTERF_OK, ""};
    cr_expect(eq(i32, (int)read_text(b.s, &oem, &err), INTERF_EINPUT), "accepted:\n%s", b.s);
    cr_expect(oem == NULL);
    cr_expect(strncmp(err.msg, want, strlen(want)) == 0, "got \"%s\", want \"%s...\"", err.msg,
              want);
    cr_expect(strchr(err.msg, '\n') == NULL);
    free(b.s);
}

Test(oem, missing_meta_stop)
{
    expect_error(META, DATA, "t.oem:14: META_STOP: missing before the first data line");
    expect_error(META, "", "t.oem:13: META_STOP: missing at the end of the message");
}

Test(oem, decreasing_epochs)
{
    expect_error(META, "META_STOP\n2025-03-01T00:01:00 7000 0 0 0 7.5 0\n"
                       "2025-03-01T00:00:30 7000 450 0 -0.5 7.5 0\n",
                 "t.oem:16: EPOCH: 2025-03-01T00:00:30: not after the previous epoch");
}

Test(oem, unknown_frame)
{
    char meta[1024];
    snprintf(meta, sizeof meta, "%s", META);
    memcpy(strstr(meta, "GCRF"), "FK4 ", 4);
    expect_error(meta, "META_STOP\n", "t.oem:8: REF_FRAME: FK4: unknown frame (EME2000, GCRF");
}

Test(oem, bad_numbers)
{
    expect_error(META, "META_STOP\n2025-03-01T00:00:00 7000 0 0 0 7.5x 0\n",
                 "t.oem:15: Y_DOT: 7.5x: not a number");
    expect_error(META, "META_STOP\n2025-03-01T00:00:00 7000 nan 0 0 7.5 0\n",
                 "t.oem:15: Y: nan: not a number");
    expect_error(META, "META_STOP\n2025-03-01T00:00:00 7000 0 0 0 7.5\n",
                 "t.oem:15: data line: 6 fields");
    expect_error(META, "META_STOP\n2025-03-01T24:00:00 7000 0 0 0 7.5 0\n",
                 "t.oem:15: EPOCH: 2025-03-01T24:00:00: not a UTC time");
    expect_error(META, "META_STOP\n2025-03-01T00:00:00 7000 0 0 0 7.5 0 1 1\n",
                 "t.oem:15: data line: 9 fields");
}

Test(oem, other_errors)
{
    expect_error("", "", "t.oem:3: META_START: missing: the message has no segment");
    expect_error(META, "META_STOP\n2025-03-01T00:00:00 7000 0 0 0 7.5 0\n",
                 "t.oem:13: INTERPOLATION_DEGREE: LAGRANGE of degree 1 needs at least 2 data "
                 "lines; the segment has 1");
    expect_error(META, "META_STOP\n2025-03-01T00:04:00 7000 0 0 0 7.5 0\n",
                 "t.oem:15: EPOCH: 2025-03-01T00:04:00: outside START_TIME to STOP_TIME");
    expect_error(META, "DATA_START\n", "t.oem:14: line: DATA_START: neither KEYWORD = value");
    expect_error(META, "OBJECT_NAME = X\n", "t.oem:14: OBJECT_NAME: given twice (first on line 5)");
    expect_error(META, "META_STOP\nCOVARIANCE_START\n",
                 "t.oem:13: INTERPOLATION_DEGREE: LAGRANGE of degree 1 needs at least 2 data "
                 "lines; the segment has 0");
    struct text b = {NULL, 0, 0};
    put(&b, "%s", META);
    char *tc = strstr(b.s, "UTC");
    memcpy(tc, "GPS", 3);
    expect_error(b.s, "META_STOP\n", "t.oem:9: TIME_SYSTEM: GPS: not read here");
    free(b.s);
    expect_error("META_START\nOBJECT_NAME = SAT\nMETA_STOP\n", "",
                 "t.oem:6: OBJECT_ID: missing from the metadata block of line 4");
    const char nul[] = "CCSDS_OEM_VERS = 2.0\nCREATION_DATE = 2025-03-01T00:00:00\0\n";
    FILE *fp = fmemopen((void *)nul, sizeof nul - 1, "r");
    struct interf_oem *oem = NULL;
    struct interf_error err = {INTERF_OK, ""};
    cr_expect(eq(i32, (int)interf_oem_read(fp, "t.oem", &oem, &err), INTERF_EINPUT));
    cr_expect(eq(str, err.msg, "t.oem:2: line: a NUL byte: not a text file"));
    fclose(fp);
}

/* CCSDS 502.0-B-3 §7.3.2: lines may end with CR, LF, CRLF or LFCR; all give the same message,
 * and the line numbers count each line once. */
Test(oem, line_ends)
{
    const char *ends[] = {"\n", "\r", "\r\n", "\n\r"};
    for (int e = 0; e < 4; e++) {
        struct text b = {NULL, 0, 0}, c = {NULL, 0, 0};
        put(&b, "%s%s%s%s", HEAD, META, "META_STOP\n", DATA);
        for (const char *p = b.s; *p; p++) {
            if (*p == '\n')
                put(&c, "%s", ends[e]);
            else
                put(&c, "%c", *p);
        }
        struct interf_oem *oem = must_read(c.s);
        struct interf_oem_segment_info info;
        cr_assert(eq(i32, (int)interf_oem_segment(oem, 0, &info, NULL), INTERF_OK));
        cr_expect(eq(sz, info.n_states, (size_t)3), "line end %d", e);
        interf_oem_destroy(oem);
        /* and an error on line 15 is reported there */
        put(&c, "2025-03-01T00:02:30 x 0 0 0 0 0%s", ends[e]);
        struct interf_error err = {INTERF_OK, ""};
        cr_expect(eq(i32, (int)read_text(c.s, &oem, &err), INTERF_EINPUT));
        cr_expect(strncmp(err.msg, "t.oem:18: X: x: not a number", 28) == 0, "%d: %s", e,
                  err.msg);
        free(b.s);
        free(c.s);
    }
}

/* A time outside the usable span names the span; an unknown object names the first one. */
Test(oem, time_outside_span)
{
    struct text b = {NULL, 0, 0};
    put(&b, "%s%s%s%s", HEAD, META, "USEABLE_START_TIME = 2025-03-01T00:00:30\nMETA_STOP\n",
        DATA);
    struct interf_oem *oem = must_read(b.s);
    struct interf_jd utc;
    interf_jd_from_unix(T0_UNIX + 10.0, &utc);
    double r[3], v[3];
    struct interf_error err = {INTERF_OK, ""};
    cr_expect(eq(i32, (int)interf_oem_interpolate(oem, "SAT", &utc, r, v, &err), INTERF_EINPUT));
    cr_expect(eq(str, err.msg, "t.oem: OBJECT_NAME SAT: 2025-03-01T00:00:10.000Z is outside "
                               "the usable span 2025-03-01T00:00:30.000Z to "
                               "2025-03-01T00:02:00.000Z"));
    cr_expect(eq(i32, (int)interf_oem_interpolate(oem, "ISS", &utc, r, v, &err), INTERF_EINPUT));
    cr_expect(eq(str, err.msg, "t.oem: OBJECT_NAME ISS: not in the message (the first is SAT)"));
    interf_oem_destroy(oem);
    free(b.s);
}

Test(oem, load_missing_file)
{
    struct interf_oem *oem = NULL;
    struct interf_error err = {INTERF_OK, ""};
    cr_expect(eq(i32, (int)interf_oem_load("/nonexistent/x.oem", &oem, &err), INTERF_EIO));
    cr_expect(strstr(err.msg, "/nonexistent/x.oem") == err.msg, "%s", err.msg);
}
