/* SPDX-License-Identifier: MIT */
/* interf geo: the S.1503 sphere and WGS 84 (through PROJ), the inertial/Earth-fixed rotation of
 * Rec. ITU-R S.1503-4 (09/2023) §D6.3.3, topocentric look angles and the GSO-arc angle alpha of
 * §D6.4.4, solved analytically (§D6.4.4.4) with an iterative fall-back. */
#include "interf/geo.h"

#include <math.h>
#include <proj.h>
#include <stdlib.h>
#include <string.h>

#define TWO_PI (2.0 * INTERF_PI)
#define HALF_PI (0.5 * INTERF_PI)
/* Latitudes a rounding error beyond +-pi/2 (90 * INTERF_DEG) are still the pole. */
#define LAT_SLACK_RAD 1e-12
/* Two alpha candidates closer than this are a tie (S.1503-4 §D6.4.4.1); also used for dlon. */
#define TIE_RAD 1e-12
/* Points of the coarse grid of the iterative alpha search (§D6.4.4.4 fall-back). */
#define ARC_GRID 1024
/* Points per PROJ call in interf_ecef_to_geo on WGS 84 (stack scratch of 2 x 4 KiB). */
#define WGS84_BLOCK 256

struct interf_earth {
    enum interf_earth_kind kind;
    PJ_CONTEXT *ctx; /* WGS 84 only: owns the conversion below */
    PJ *cart;        /* +proj=cart: geodetic (lon, lat in rad, h in m) <-> ECEF (m) */
};

/* ---------------------------------------------------------------- the Earth model */

static enum interf_status wgs84_open(struct interf_earth *e, struct interf_error *err)
{
    e->ctx = proj_context_create();
    if (!e->ctx)
        return interf_error_set(err, INTERF_ENOMEM, "WGS 84: cannot create a PROJ context");
    /* The library never prints: PROJ would log its errors to stderr. */
    proj_log_level(e->ctx, PJ_LOG_NONE);
    /* A bare conversion, not EPSG:4326 -> EPSG:4978, so that no proj.db lookup is needed. */
    e->cart = proj_create(e->ctx, "+proj=cart +ellps=WGS84");
    if (!e->cart)
        return interf_error_set(err, INTERF_EIO, "WGS 84: PROJ cannot create +proj=cart: %s",
                                proj_context_errno_string(e->ctx, proj_context_errno(e->ctx)));
    /* The code below passes radians; a PROJ that wanted degrees would be misused silently. */
    if (!proj_angular_input(e->cart, PJ_FWD) || !proj_angular_output(e->cart, PJ_INV))
        return interf_error_set(err, INTERF_EIO, "WGS 84: PROJ +proj=cart does not take radians");
    return INTERF_OK;
}

enum interf_status interf_earth_create(enum interf_earth_kind kind, struct interf_earth **out,
                                       struct interf_error *err)
{
    if (!out)
        return interf_error_set(err, INTERF_EINVAL, "interf_earth_create: out is NULL");
    *out = NULL;
    if (kind != INTERF_EARTH_SPHERE && kind != INTERF_EARTH_WGS84)
        return interf_error_set(err, INTERF_EINVAL, "Earth model kind %d is unknown", (int)kind);
    struct interf_earth *e = calloc(1, sizeof *e);
    if (!e)
        return interf_error_set(err, INTERF_ENOMEM, "Earth model: out of memory");
    e->kind = kind;
    if (kind == INTERF_EARTH_WGS84) {
        enum interf_status st = wgs84_open(e, err);
        if (st != INTERF_OK) {
            interf_earth_destroy(e);
            return st;
        }
    }
    *out = e;
    return INTERF_OK;
}

void interf_earth_destroy(struct interf_earth *earth)
{
    if (!earth)
        return;
    proj_destroy(earth->cart);
    if (earth->ctx)
        proj_context_destroy(earth->ctx);
    free(earth);
}

enum interf_earth_kind interf_earth_kind(const struct interf_earth *earth) { return earth->kind; }

const char *interf_earth_describe(const struct interf_earth *earth)
{
    if (earth->kind == INTERF_EARTH_WGS84)
        return "WGS 84 (EPSG:4326)";
    return "sphere R=6378.145 km (Rec. ITU-R S.1503-4)";
}

enum interf_status interf_earth_kind_parse(const char *text, enum interf_earth_kind *kind,
                                           struct interf_error *err)
{
    if (!text || !kind)
        return interf_error_set(err, INTERF_EINVAL, "interf_earth_kind_parse: NULL argument");
    if (strcmp(text, "sphere") == 0) {
        *kind = INTERF_EARTH_SPHERE;
        return INTERF_OK;
    }
    if (strcmp(text, "wgs84") == 0) {
        *kind = INTERF_EARTH_WGS84;
        return INTERF_OK;
    }
    return interf_error_set(err, INTERF_EINPUT,
                            "Earth model \"%.64s\": expected \"sphere\" or \"wgs84\"", text);
}

/* ---------------------------------------------------------------- geodetic <-> ECEF */

static enum interf_status check_geo(double lat_rad, double lon_rad, double alt_km,
                                    struct interf_error *err)
{
    if (!isfinite(lat_rad) || !isfinite(lon_rad) || !isfinite(alt_km))
        return interf_error_set(err, INTERF_EINPUT, "position %g rad, %g rad, %g km: not finite",
                                lat_rad, lon_rad, alt_km);
    if (fabs(lat_rad) > HALF_PI + LAT_SLACK_RAD)
        return interf_error_set(err, INTERF_EINPUT, "latitude %.17g rad: outside [-pi/2, pi/2]",
                                lat_rad);
    if (alt_km <= -INTERF_RE_KM)
        return interf_error_set(err, INTERF_EINPUT, "height %g km: at or below the Earth's centre",
                                alt_km);
    return INTERF_OK;
}

static enum interf_status wgs84_to_ecef(const struct interf_earth *earth, double lat_rad,
                                        double lon_rad, double alt_km, double ecef_km[3],
                                        struct interf_error *err)
{
    PJ_COORD c = proj_coord(lon_rad, lat_rad, alt_km * 1000.0, 0.0);
    c = proj_trans(earth->cart, PJ_FWD, c);
    if (!isfinite(c.xyz.x) || !isfinite(c.xyz.y) || !isfinite(c.xyz.z))
        return interf_error_set(err, INTERF_EINPUT,
                                "WGS 84: PROJ cannot convert %.17g rad, %.17g rad, %g km",
                                lat_rad, lon_rad, alt_km);
    ecef_km[0] = c.xyz.x / 1000.0;
    ecef_km[1] = c.xyz.y / 1000.0;
    ecef_km[2] = c.xyz.z / 1000.0;
    return INTERF_OK;
}

enum interf_status interf_geo_to_ecef(const struct interf_earth *earth, double lat_rad,
                                      double lon_rad, double alt_km, double ecef_km[3],
                                      struct interf_error *err)
{
    if (!earth || !ecef_km)
        return interf_error_set(err, INTERF_EINVAL, "interf_geo_to_ecef: NULL argument");
    enum interf_status st = check_geo(lat_rad, lon_rad, alt_km, err);
    if (st != INTERF_OK)
        return st;
    lat_rad = fmax(-HALF_PI, fmin(HALF_PI, lat_rad));
    if (earth->kind == INTERF_EARTH_WGS84)
        return wgs84_to_ecef(earth, lat_rad, lon_rad, alt_km, ecef_km, err);
    /* Rec. ITU-R S.1503-4 §D6.1, eqs (8)-(10), at radius Re + alt */
    double r = INTERF_RE_KM + alt_km;
    ecef_km[0] = r * cos(lat_rad) * cos(lon_rad);
    ecef_km[1] = r * cos(lat_rad) * sin(lon_rad);
    ecef_km[2] = r * sin(lat_rad);
    return INTERF_OK;
}

static void sphere_from_ecef(size_t n, const double *x, const double *y, const double *z,
                             double *lat, double *lon, double *alt)
{
    for (size_t i = 0; i < n; i++) {
        /* read all three first: the outputs may be the input arrays */
        double xi = x[i], yi = y[i], zi = z[i];
        double rho = hypot(xi, yi);
        /* S.1503-4 §D6.1 eqs (5)-(7), written with atan2: exact at the poles and the
         * antimeridian, where arccos/arctan lose the quadrant or the precision */
        lat[i] = atan2(zi, rho);
        lon[i] = interf_wrap_pi(atan2(yi, xi));
        alt[i] = hypot(rho, zi) - INTERF_RE_KM;
    }
}

/* PROJ 9.1's +proj=cart inverse is one closed-form Bowring step: measured 8 mm off at 1000 km
 * height and 0.3 m at the GSO. Two steps of the classical fixed-point iteration
 * tan(lat) = z / (p (1 - e^2 N / (N + h))), each shrinking the error by a factor below e^2,
 * bring it under 1 um at any height. Works in km. */
static void wgs84_refine(double p, double z, double *lat, double *alt)
{
    double a = INTERF_WGS84_A_KM, e2 = INTERF_WGS84_F * (2.0 - INTERF_WGS84_F), f = *lat;
    for (int it = 0; it < 2; it++) {
        double s = sin(f), w = sqrt(1.0 - e2 * s * s), n = a / w;
        double h = p * cos(f) + z * s - a * w;
        if (!(n + h > 0.0))
            return; /* near the Earth's centre, where latitude means nothing: keep PROJ's */
        f = atan2(z, p * (1.0 - e2 * n / (n + h)));
    }
    double s = sin(f);
    *lat = f;
    *alt = p * cos(f) + z * s - a * sqrt(1.0 - e2 * s * s);
}

/* One block of at most WGS84_BLOCK points: stage it in the outputs (in metres, as PROJ's cart
 * wants), convert with one PROJ call, then refine from the kept p = hypot(x, y) and z. */
static enum interf_status wgs84_block(const struct interf_earth *earth, size_t i0, size_t n,
                                      const double *x, const double *y, const double *z,
                                      double *lat, double *lon, double *alt,
                                      struct interf_error *err)
{
    double p_km[WGS84_BLOCK], z_km[WGS84_BLOCK];
    for (size_t i = 0; i < n; i++) {
        /* read all three first: the outputs may be the input arrays */
        double xi = x[i], yi = y[i], zi = z[i];
        if (!isfinite(xi) || !isfinite(yi) || !isfinite(zi))
            return interf_error_set(err, INTERF_EINPUT, "point %zu: ECEF position not finite",
                                    i0 + i);
        p_km[i] = hypot(xi, yi);
        z_km[i] = zi;
        /* PROJ works in place on (x, y, z) -> (lon, lat, h) */
        lon[i] = xi * 1000.0;
        lat[i] = yi * 1000.0;
        alt[i] = zi * 1000.0;
    }
    size_t sd = sizeof(double);
    proj_trans_generic(earth->cart, PJ_INV, lon, sd, n, lat, sd, n, alt, sd, n, NULL, 0, 0);
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(lat[i]) || !isfinite(lon[i]) || !isfinite(alt[i]))
            return interf_error_set(err, INTERF_EINPUT, "point %zu: PROJ cannot convert it",
                                    i0 + i);
        lon[i] = interf_wrap_pi(lon[i]);
        alt[i] /= 1000.0;
        wgs84_refine(p_km[i], z_km[i], &lat[i], &alt[i]);
    }
    return INTERF_OK;
}

static enum interf_status wgs84_from_ecef(const struct interf_earth *earth, size_t n,
                                          const double *x, const double *y, const double *z,
                                          double *lat, double *lon, double *alt,
                                          struct interf_error *err)
{
    /* Batched: one PROJ call per block, never one per point. */
    for (size_t i = 0; i < n; i += WGS84_BLOCK) {
        size_t m = n - i < WGS84_BLOCK ? n - i : WGS84_BLOCK;
        enum interf_status st =
            wgs84_block(earth, i, m, x + i, y + i, z + i, lat + i, lon + i, alt + i, err);
        if (st != INTERF_OK)
            return st;
    }
    return INTERF_OK;
}

enum interf_status interf_ecef_to_geo(const struct interf_earth *earth, size_t n,
                                      const double *x_km, const double *y_km, const double *z_km,
                                      double *lat_rad, double *lon_rad, double *alt_km,
                                      struct interf_error *err)
{
    if (!earth)
        return interf_error_set(err, INTERF_EINVAL, "interf_ecef_to_geo: earth is NULL");
    if (n == 0)
        return INTERF_OK;
    if (!x_km || !y_km || !z_km || !lat_rad || !lon_rad || !alt_km)
        return interf_error_set(err, INTERF_EINVAL, "interf_ecef_to_geo: NULL array");
    if (earth->kind == INTERF_EARTH_WGS84)
        return wgs84_from_ecef(earth, n, x_km, y_km, z_km, lat_rad, lon_rad, alt_km, err);
    sphere_from_ecef(n, x_km, y_km, z_km, lat_rad, lon_rad, alt_km);
    return INTERF_OK;
}

/* ---------------------------------------------------------------- stations and look angles */

static double dot3(const double a[3], const double b[3])
{
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

static void sub3(const double a[3], const double b[3], double out[3])
{
    out[0] = a[0] - b[0];
    out[1] = a[1] - b[1];
    out[2] = a[2] - b[2];
}

enum interf_status interf_station_init(const struct interf_earth *earth, double lat_rad,
                                       double lon_rad, double alt_km, struct interf_station *st,
                                       struct interf_error *err)
{
    if (!st)
        return interf_error_set(err, INTERF_EINVAL, "interf_station_init: st is NULL");
    enum interf_status s = interf_geo_to_ecef(earth, lat_rad, lon_rad, alt_km, st->ecef_km, err);
    if (s != INTERF_OK)
        return s;
    lat_rad = fmax(-HALF_PI, fmin(HALF_PI, lat_rad));
    st->lat_rad = lat_rad;
    st->lon_rad = lon_rad;
    st->alt_km = alt_km;
    /* The surface normal at (lat, lon): radial on the sphere (geocentric latitude), the
     * ellipsoidal normal on WGS 84 (geodetic latitude); the same formula serves both. */
    double sf = sin(lat_rad), cf = cos(lat_rad), sl = sin(lon_rad), cl = cos(lon_rad);
    st->east[0] = -sl;
    st->east[1] = cl;
    st->east[2] = 0.0;
    st->north[0] = -sf * cl;
    st->north[1] = -sf * sl;
    st->north[2] = cf;
    st->up[0] = cf * cl;
    st->up[1] = cf * sl;
    st->up[2] = sf;
    return INTERF_OK;
}

void interf_station_look(const struct interf_station *st, const double target_km[3],
                         double *az_rad, double *el_rad, double *range_km)
{
    double d[3];
    sub3(target_km, st->ecef_km, d);
    double e = dot3(d, st->east), n = dot3(d, st->north), u = dot3(d, st->up);
    double horiz = hypot(e, n);
    double range = sqrt(dot3(d, d));
    /* atan2 of the up component against the horizontal norm: exact near the zenith and the
     * horizon, where asin(u / range) loses digits */
    double el = range > 0.0 ? atan2(u, horiz) : NAN;
    double az = NAN;
    /* Within 1e-12 rad of the zenith or nadir the azimuth is rounding noise: undefined. */
    if (horiz > 1e-12 * range) {
        az = atan2(e, n);
        if (az < 0.0)
            az += TWO_PI;
        if (az >= TWO_PI)
            az = 0.0;
    }
    if (az_rad)
        *az_rad = az;
    if (el_rad)
        *el_rad = el;
    if (range_km)
        *range_km = range;
}

void interf_station_direction(const struct interf_station *st, double az_rad, double el_rad,
                              double dir[3])
{
    double ce = cos(el_rad), se = sin(el_rad);
    double e = ce * sin(az_rad), n = ce * cos(az_rad);
    for (int k = 0; k < 3; k++)
        dir[k] = e * st->east[k] + n * st->north[k] + se * st->up[k];
}

static void unit3(double v[3])
{
    double r = sqrt(dot3(v, v));
    v[0] /= r, v[1] /= r, v[2] /= r;
}

static void cross3(const double a[3], const double b[3], double out[3])
{
    out[0] = a[1] * b[2] - a[2] * b[1];
    out[1] = a[2] * b[0] - a[0] * b[2];
    out[2] = a[0] * b[1] - a[1] * b[0];
}

void interf_beam_frame(const double b[3], double x[3], double y[3])
{
    static const double z_axis[3] = {0, 0, 1}, x_axis[3] = {1, 0, 0};
    const double *ref = fabs(b[2]) > 1 - 1e-12 ? x_axis : z_axis;
    double d = dot3(ref, b);
    for (int k = 0; k < 3; k++)
        x[k] = ref[k] - d * b[k];
    unit3(x);
    cross3(b, x, y);
}

void interf_station_frame(const struct interf_station *st, const double b[3], double x[3],
                          double y[3])
{
    cross3(b, st->up, x);
    /* a boresight at the zenith (or within 1e-9 rad of it) has no "right": take east, the
     * limit of b x up as the boresight rises to the zenith from the north */
    if (dot3(x, x) < 1e-18)
        memcpy(x, st->east, 3 * sizeof *x);
    unit3(x);
    cross3(x, b, y);
}

double interf_angle_between(const double a[3], const double b[3])
{
    double c[3] = {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2],
                   a[0] * b[1] - a[1] * b[0]};
    return atan2(sqrt(dot3(c, c)), dot3(a, b));
}

void interf_gso_ecef(double lon_rad, double ecef_km[3])
{
    /* S.1503-4 §D6.2: latitude 0 on the circle of radius Rgeo */
    ecef_km[0] = INTERF_RGEO_KM * cos(lon_rad);
    ecef_km[1] = INTERF_RGEO_KM * sin(lon_rad);
    ecef_km[2] = 0.0;
}

/* ---------------------------------------------------------------- inertial <-> Earth-fixed */

void interf_inertial_to_ecef(double t_s, const double r_in[3], const double v_in[3],
                             double r_ecef[3], double v_ecef[3])
{
    /* Rec. ITU-R S.1503-4 §D6.3.3, eq. (28): theta = omega_e t, X through Greenwich at t = 0 */
    double th = INTERF_OMEGA_E_RAD_S * t_s, c = cos(th), s = sin(th);
    double x = r_in[0], y = r_in[1], z = r_in[2];
    double xe = x * c + y * s, ye = -x * s + y * c;
    r_ecef[0] = xe;
    r_ecef[1] = ye;
    r_ecef[2] = z;
    if (v_in && v_ecef) {
        /* eq. (29): rotate, then remove the frame's motion, -omega x r = (+w y, -w x, 0) */
        double vx = v_in[0], vy = v_in[1], vz = v_in[2];
        v_ecef[0] = vx * c + vy * s + INTERF_OMEGA_E_RAD_S * ye;
        v_ecef[1] = -vx * s + vy * c - INTERF_OMEGA_E_RAD_S * xe;
        v_ecef[2] = vz;
    }
}

void interf_ecef_to_inertial(double t_s, const double r_ecef[3], const double v_ecef[3],
                             double r_in[3], double v_in[3])
{
    /* the exact inverse of eqs (28)-(29): undo the frame term, then rotate back by -theta */
    double th = INTERF_OMEGA_E_RAD_S * t_s, c = cos(th), s = sin(th);
    double xe = r_ecef[0], ye = r_ecef[1], z = r_ecef[2];
    r_in[0] = xe * c - ye * s;
    r_in[1] = xe * s + ye * c;
    r_in[2] = z;
    if (v_ecef && v_in) {
        double vx = v_ecef[0] - INTERF_OMEGA_E_RAD_S * ye;
        double vy = v_ecef[1] + INTERF_OMEGA_E_RAD_S * xe;
        double vz = v_ecef[2];
        v_in[0] = vx * c - vy * s;
        v_in[1] = vx * s + vy * c;
        v_in[2] = vz;
    }
}

/* ---------------------------------------------------------------- polynomial real roots */

#define POLY_MAX 4

/* p(x) and p'(x) by Horner's rule; q[k] is the coefficient of x^k. */
static double poly_eval(const double *q, int deg, double x, double *dp)
{
    double p = q[deg], d = 0.0;
    for (int k = deg - 1; k >= 0; k--) {
        d = d * x + p;
        p = p * x + q[k];
    }
    if (dp)
        *dp = d;
    return p;
}

/* The root of q in [a, b], where q(a) = fa and q(b) have opposite signs and q is monotone:
 * Newton steps kept inside the shrinking bracket, bisection when a step leaves it. */
static double bracket_root(const double *q, int deg, double a, double b, double fa)
{
    double x = 0.5 * (a + b);
    for (int it = 0; it < 200; it++) {
        double d, f = poly_eval(q, deg, x, &d);
        if (f == 0.0)
            return x;
        if ((f < 0.0) == (fa < 0.0))
            a = x;
        else
            b = x;
        double xn = d != 0.0 ? x - f / d : 0.5 * (a + b);
        if (!(xn > a && xn < b))
            xn = 0.5 * (a + b);
        if (fabs(xn - x) <= 1e-15 || b - a <= 1e-15)
            return xn;
        x = xn;
    }
    return x;
}

/* Roots of q in the pieces between consecutive knots (ascending), on each of which q is
 * monotone; appended ascending to r, returns how many. */
static int roots_between(const double *q, int deg, const double *knot, int nk, double *r)
{
    int n = 0;
    for (int k = 0; k + 1 < nk; k++) {
        double a = knot[k], b = knot[k + 1];
        double fa = poly_eval(q, deg, a, NULL), fb = poly_eval(q, deg, b, NULL);
        double x;
        if (fa == 0.0)
            x = a;
        else if (fb == 0.0)
            x = b;
        else if ((fa < 0.0) != (fb < 0.0))
            x = bracket_root(q, deg, a, b, fa);
        else
            continue;
        if (n == 0 || x != r[n - 1])
            r[n++] = x;
    }
    return n;
}

/* Real roots of q (degree <= 4) in [lo, hi], ascending. By Rolle's theorem q is monotone
 * between consecutive roots of q', so each piece holds at most one root and a sign change
 * finds it: unlike Newton from x = +-1 (S.1503-4 §D6.4.4.4), no root is lost to a bad start.
 * Fills crit (if not NULL) with the roots of q' in [lo, hi] and *ncrit with their count. */
static int poly_roots(const double *q, int deg, double lo, double hi, double *r, double *crit,
                      int *ncrit)
{
    while (deg > 0 && q[deg] == 0.0)
        deg--;
    int nk = 0;
    double knot[POLY_MAX + 1];
    knot[nk++] = lo;
    if (deg >= 2) {
        double dq[POLY_MAX];
        for (int k = 0; k < deg; k++)
            dq[k] = (k + 1) * q[k + 1];
        nk += poly_roots(dq, deg - 1, lo, hi, knot + 1, NULL, NULL);
    }
    knot[nk++] = hi;
    if (crit) {
        *ncrit = nk - 2;
        memcpy(crit, knot + 1, (size_t)(nk - 2) * sizeof *crit);
    }
    if (deg == 0)
        return 0;
    return roots_between(q, deg, knot, nk, r);
}

/* ---------------------------------------------------------------- GSO-arc angle alpha */

/* One alpha problem: the ground point P, the direction PN to the satellite, the visible arc
 * |theta| <= theta_max about the ground point's meridian lon_es. */
struct arc_problem {
    double es[3], pn[3];
    double lon_es, lon_sat, theta_max;
};

struct arc_best {
    int set;
    double alpha, lon, dlon;
};

/* Consider the arc point theta (from the ground point's meridian) as the minimiser. The angle
 * is measured between the actual vectors, never taken from the quartic. Ties (S.1503-4
 * §D6.4.4.1): the smaller |dlong| from the satellite, then the positive one. */
static void arc_consider(const struct arc_problem *ap, double theta, struct arc_best *best)
{
    double lon = interf_wrap_pi(ap->lon_es + theta), g[3], pg[3];
    interf_gso_ecef(lon, g);
    sub3(g, ap->es, pg);
    double a = interf_angle_between(ap->pn, pg);
    double dl = interf_wrap_pi(lon - ap->lon_sat);
    if (best->set) {
        if (a > best->alpha + TIE_RAD)
            return;
        if (a >= best->alpha - TIE_RAD) {
            if (fabs(dl) > fabs(best->dlon) + TIE_RAD)
                return;
            if (fabs(dl) >= fabs(best->dlon) - TIE_RAD && dl <= best->dlon)
                return;
        }
    }
    best->set = 1;
    best->alpha = a;
    best->lon = lon;
    best->dlon = dl;
}

/* Rec. ITU-R S.1503-4 §D6.4.4.4: coefficients a0..a4 of the quartic in x = sin(theta) whose
 * roots include the stationary points of cos(alpha) along the arc. Written in the frame turned
 * about Z to put the ground point on longitude 0 (so yp = 0 and G = 0), with lengths in units
 * of Rgeo and PN of unit length: the coefficients are then of order one. */
static void alpha_quartic(const struct arc_problem *ap, double q[5])
{
    double c = cos(ap->lon_es), s = sin(ap->lon_es);
    double xp = hypot(ap->es[0], ap->es[1]) / INTERF_RGEO_KM, zp = ap->es[2] / INTERF_RGEO_KM;
    double d = sqrt(dot3(ap->pn, ap->pn));
    double ux = (ap->pn[0] * c + ap->pn[1] * s) / d, uy = (-ap->pn[0] * s + ap->pn[1] * c) / d;
    double uz = ap->pn[2] / d;
    /* f = A + B cos + C sin (PN.PG), g_r = E + F cos + G sin (|PG|^2); E = Rgeo^2 + |P|^2,
     * the exact form of the Recommendation's Rgeo^2 + Re^2 for a point off the sphere */
    double qa = -(ux * xp + uz * zp), qb = ux, qc = uy;
    double qe = 1.0 + xp * xp + zp * zp, qf = -2.0 * xp;
    double a = -2.0 * qc * qe, b = qb * qf, cc = 2.0 * qc * qf;
    double dd = qa * qf - 2.0 * qb * qe, e = -qc * qf;
    q[4] = e * e + b * b;
    q[3] = 2.0 * dd * e + 2.0 * a * b;
    q[2] = dd * dd + 2.0 * cc * e + a * a - b * b;
    q[1] = 2.0 * cc * dd - 2.0 * a * b;
    q[0] = cc * cc - a * a;
}

/* §D6.4.4.4: candidates are the roots of the quartic in range, the visible-arc end points and,
 * so that a near-double root rounding hides is not lost, the quartic's own turning points.
 * Returns 0 when the quartic is degenerate (alpha constant along the arc, or not finite). */
static int alpha_analytic(const struct arc_problem *ap, struct arc_best *best)
{
    double q[5], qmax = 0.0;
    alpha_quartic(ap, q);
    for (int k = 0; k <= 4; k++)
        qmax = fmax(qmax, fabs(q[k]));
    if (!isfinite(qmax) || qmax < 1e-30)
        return 0;
    /* Turned to the ground point's meridian the visible arc is |theta| <= theta_max < 90 deg,
     * where x = sin(theta) is one-to-one: cos(theta) > 0 needs no sign recovery. */
    double s = sin(ap->theta_max), r[POLY_MAX], crit[POLY_MAX];
    int ncrit = 0;
    int nr = poly_roots(q, 4, -s, s, r, crit, &ncrit);
    for (int k = 0; k < nr; k++)
        arc_consider(ap, asin(r[k]), best);
    for (int k = 0; k < ncrit; k++)
        arc_consider(ap, asin(crit[k]), best);
    arc_consider(ap, -ap->theta_max, best);
    arc_consider(ap, ap->theta_max, best);
    return 1;
}

/* The iterative method, the fall-back of §D6.4.4.4: a grid over the visible arc, then a
 * golden-section refinement about the best grid point. */
static void alpha_iterative(const struct arc_problem *ap, struct arc_best *best)
{
    double tm = ap->theta_max, h = 2.0 * tm / ARC_GRID;
    for (int k = 0; k <= ARC_GRID; k++)
        arc_consider(ap, -tm + k * h, best);
    double t0 = interf_wrap_pi(best->lon - ap->lon_es);
    double a = fmax(-tm, t0 - h), b = fmin(tm, t0 + h), gr = 0.5 * (sqrt(5.0) - 1.0);
    for (int it = 0; it < 80 && b - a > 1e-13; it++) {
        double x1 = b - gr * (b - a), x2 = a + gr * (b - a);
        struct arc_best b1 = {0, 0.0, 0.0, 0.0}, b2 = {0, 0.0, 0.0, 0.0};
        arc_consider(ap, x1, &b1);
        arc_consider(ap, x2, &b2);
        if (b1.alpha <= b2.alpha)
            b = x2;
        else
            a = x1;
    }
    arc_consider(ap, 0.5 * (a + b), best);
}

/* Rec. ITU-R S.1503-4 §D6.4.4.1: the sign of alpha from where the line R = R_ES + lambda R_EN
 * crosses the equatorial plane: +1, 0 or -1. */
static double alpha_sign(const double es[3], const double en[3])
{
    /* ES on the equator: the negative of the sign of R_EN(z) */
    if (es[2] == 0.0)
        return en[2] > 0.0 ? -1.0 : en[2] < 0.0 ? 1.0 : 0.0;
    /* lambda <= 0 (or a line parallel to the plane): R_z=0 = infinity, beyond the arc */
    double lam = en[2] != 0.0 ? -es[2] / en[2] : -1.0;
    int beyond = 1, on = 0;
    if (lam > 0.0) {
        double r = hypot(es[0] + lam * en[0], es[1] + lam * en[1]);
        beyond = r > INTERF_RGEO_KM;
        on = r == INTERF_RGEO_KM;
    }
    if (on)
        return 0.0;
    /* northern ES: positive inside the GSO radius; southern ES: reversed */
    if (es[2] > 0.0)
        return beyond ? -1.0 : 1.0;
    return beyond ? 1.0 : -1.0;
}

/* The visible arc of §D6.4.4.4: cos(theta_max) = Re / (Rgeo cos Lat_ES), Lat_ES the geocentric
 * latitude of the ground point (taken on the surface, as the Recommendation does). Returns 0
 * when no part of the arc is visible. */
static int arc_visible(const double es[3], double *theta_max)
{
    double rho = hypot(es[0], es[1]), r = sqrt(dot3(es, es));
    if (!(rho > 0.0))
        return 0;
    double c = INTERF_RE_KM * r / (INTERF_RGEO_KM * rho);
    if (!(c <= 1.0))
        return 0;
    *theta_max = acos(c);
    return 1;
}

enum interf_status interf_gso_arc_alpha(const double es_km[3], const double sat_km[3],
                                        double *alpha_rad, double *arc_lon_rad)
{
    struct arc_problem ap;
    struct arc_best best = {0, 0.0, 0.0, 0.0};
    if (alpha_rad)
        *alpha_rad = NAN;
    if (arc_lon_rad)
        *arc_lon_rad = NAN;
    memcpy(ap.es, es_km, sizeof ap.es);
    sub3(sat_km, es_km, ap.pn);
    if (!isfinite(dot3(ap.es, ap.es)) || !isfinite(dot3(ap.pn, ap.pn)) || dot3(ap.pn, ap.pn) == 0)
        return INTERF_EINPUT;
    if (!arc_visible(ap.es, &ap.theta_max))
        return INTERF_EINPUT;
    ap.lon_es = atan2(es_km[1], es_km[0]);
    ap.lon_sat = atan2(sat_km[1], sat_km[0]);
    if (!alpha_analytic(&ap, &best))
        alpha_iterative(&ap, &best);
    if (alpha_rad)
        *alpha_rad = alpha_sign(ap.es, ap.pn) * best.alpha;
    if (arc_lon_rad)
        *arc_lon_rad = best.lon;
    return INTERF_OK;
}
