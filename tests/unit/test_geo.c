/* SPDX-License-Identifier: MIT */
/* Unit tests of the geo layer: Earth models (S.1503 sphere, WGS 84 through PROJ), look angles,
 * the inertial/Earth-fixed rotation of Rec. ITU-R S.1503-4 §D6.3.3 and the GSO-arc angle alpha
 * of §D6.4.4. Every reference value names its source in the comment above it. */
#include "interf/geo.h"

#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define DEG INTERF_DEG
#define RE INTERF_RE_KM
#define RGEO INTERF_RGEO_KM

/* ------------------------------------------------------------------ helpers */

static double wrap_pi(double x)
{
    x = fmod(x, 2.0 * INTERF_PI);
    if (x > INTERF_PI)
        x -= 2.0 * INTERF_PI;
    else if (x <= -INTERF_PI)
        x += 2.0 * INTERF_PI;
    return x;
}

static double norm3(const double a[3]) { return sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]); }

static double dist3(const double a[3], const double b[3])
{
    double d[3] = {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    return norm3(d);
}

static struct interf_earth *earth_new(enum interf_earth_kind kind)
{
    struct interf_earth *e = NULL;
    struct interf_error err = {INTERF_OK, ""};
    enum interf_status st = interf_earth_create(kind, &e, &err);
    cr_assert(eq(i32, (int)st, INTERF_OK), "interf_earth_create: %s", err.msg);
    return e;
}

static void station(const struct interf_earth *e, double lat_deg, double lon_deg, double alt_km,
                    struct interf_station *st)
{
    struct interf_error err = {INTERF_OK, ""};
    enum interf_status s = interf_station_init(e, lat_deg * DEG, lon_deg * DEG, alt_km, st, &err);
    cr_assert(eq(i32, (int)s, INTERF_OK), "station %g %g: %s", lat_deg, lon_deg, err.msg);
}

/* Ground point on the S.1503 sphere (S.1503-4 §D6.1 eqs 8-10), written out independently. */
static void ground(double lat_deg, double lon_deg, double p[3])
{
    double f = lat_deg * DEG, l = lon_deg * DEG;
    p[0] = RE * cos(f) * cos(l);
    p[1] = RE * cos(f) * sin(l);
    p[2] = RE * sin(f);
}

/* A fixed-seed 64-bit LCG (Knuth's MMIX constants): deterministic on every platform. */
static double rnd(uint64_t *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(*s >> 11) * (1.0 / 9007199254740992.0);
}

/* ------------------------------------------------------------------ Earth models */

Test(geo, earth_models_describe_themselves)
{
    struct interf_earth *s = earth_new(INTERF_EARTH_SPHERE), *w = earth_new(INTERF_EARTH_WGS84);
    cr_assert(eq(i32, (int)interf_earth_kind(s), INTERF_EARTH_SPHERE));
    cr_assert(eq(i32, (int)interf_earth_kind(w), INTERF_EARTH_WGS84));
    cr_assert(eq(str, (char *)interf_earth_describe(s),
                 "sphere R=6378.145 km (Rec. ITU-R S.1503-4)"));
    cr_assert(eq(str, (char *)interf_earth_describe(w), "WGS 84 (EPSG:4326)"));
    interf_earth_destroy(s);
    interf_earth_destroy(w);
    interf_earth_destroy(NULL);
}

Test(geo, earth_create_rejects_misuse)
{
    struct interf_error err = {INTERF_OK, ""};
    struct interf_earth *e = (struct interf_earth *)&err;
    cr_assert(eq(i32, (int)interf_earth_create(INTERF_EARTH_SPHERE, NULL, &err), INTERF_EINVAL));
    cr_assert(eq(i32, (int)interf_earth_create((enum interf_earth_kind)7, &e, &err),
                 INTERF_EINVAL));
    cr_assert(e == NULL, "out must be cleared on failure");
    cr_assert(strstr(err.msg, "7") != NULL, "message names the kind: %s", err.msg);
}

Test(geo, earth_kind_parse_accepts_the_two_names_and_rejects_others)
{
    enum interf_earth_kind k = INTERF_EARTH_WGS84;
    struct interf_error err = {INTERF_OK, ""};
    cr_assert(eq(i32, (int)interf_earth_kind_parse("sphere", &k, &err), INTERF_OK));
    cr_assert(eq(i32, (int)k, INTERF_EARTH_SPHERE));
    cr_assert(eq(i32, (int)interf_earth_kind_parse("wgs84", &k, &err), INTERF_OK));
    cr_assert(eq(i32, (int)k, INTERF_EARTH_WGS84));
    static const char bad[][16] = {"WGS84", "", "ellipsoid", "sphere ", "wgs-84"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        k = INTERF_EARTH_WGS84;
        err.msg[0] = '\0';
        enum interf_status st = interf_earth_kind_parse(bad[i], &k, &err);
        cr_assert(eq(i32, (int)st, INTERF_EINPUT), "\"%s\" must be rejected", bad[i]);
        cr_assert(eq(i32, (int)err.status, INTERF_EINPUT));
        cr_assert(strstr(err.msg, bad[i]) != NULL && strstr(err.msg, "wgs84") != NULL,
                  "message names the text and the choices: %s", err.msg);
        cr_assert(eq(i32, (int)k, INTERF_EARTH_WGS84), "kind untouched on error");
    }
    cr_assert(eq(i32, (int)interf_earth_kind_parse(NULL, &k, &err), INTERF_EINVAL));
    cr_assert(eq(i32, (int)interf_earth_kind_parse("sphere", NULL, NULL), INTERF_EINVAL));
}

Test(geo, geo_to_ecef_rejects_bad_positions)
{
    struct interf_earth *e = earth_new(INTERF_EARTH_SPHERE);
    struct interf_error err = {INTERF_OK, ""};
    double p[3];
    cr_assert(eq(i32, (int)interf_geo_to_ecef(e, 2.0, 0.0, 0.0, p, &err), INTERF_EINPUT));
    cr_assert(strstr(err.msg, "latitude") != NULL, "%s", err.msg);
    cr_assert(eq(i32, (int)interf_geo_to_ecef(e, NAN, 0.0, 0.0, p, &err), INTERF_EINPUT));
    cr_assert(eq(i32, (int)interf_geo_to_ecef(e, 0.0, INFINITY, 0.0, p, NULL), INTERF_EINPUT));
    cr_assert(eq(i32, (int)interf_geo_to_ecef(e, 0.0, 0.0, -7000.0, p, &err), INTERF_EINPUT));
    cr_assert(strstr(err.msg, "height") != NULL, "%s", err.msg);
    cr_assert(eq(i32, (int)interf_geo_to_ecef(NULL, 0.0, 0.0, 0.0, p, &err), INTERF_EINVAL));
    /* 90 * INTERF_DEG may round a little beyond pi/2: still the pole */
    cr_assert(eq(i32, (int)interf_geo_to_ecef(e, 90.0 * DEG, 0.0, 0.0, p, &err), INTERF_OK));
    interf_earth_destroy(e);
}

/* ------------------------------------------------------------------ the sphere */

/* S.1503-4 §D6.1 eqs (8)-(10) by hand: (0, 0, 0) -> (Re, 0, 0); the north pole -> (0, 0, Re);
 * (0, 90 deg, h) -> (0, Re + h, 0). */
Test(geo, sphere_known_points)
{
    struct interf_earth *e = earth_new(INTERF_EARTH_SPHERE);
    double p[3];
    interf_geo_to_ecef(e, 0.0, 0.0, 0.0, p, NULL);
    cr_assert(epsilon_eq(dbl, p[0], RE, 1e-12), "x = %.15g", p[0]);
    cr_assert(epsilon_eq(dbl, p[1], 0.0, 1e-12));
    cr_assert(epsilon_eq(dbl, p[2], 0.0, 1e-12));
    interf_geo_to_ecef(e, INTERF_PI / 2, 1.0, 0.0, p, NULL);
    cr_assert(epsilon_eq(dbl, hypot(p[0], p[1]), 0.0, 1e-9));
    cr_assert(epsilon_eq(dbl, p[2], RE, 1e-12));
    interf_geo_to_ecef(e, 0.0, INTERF_PI / 2, 550.0, p, NULL);
    cr_assert(epsilon_eq(dbl, p[0], 0.0, 1e-9));
    cr_assert(epsilon_eq(dbl, p[1], RE + 550.0, 1e-12));
    interf_earth_destroy(e);
}

/* geodetic -> ECEF -> geodetic on the sphere is exact to rounding: 1e-9 km, 1e-13 rad. */
Test(geo, sphere_round_trip_is_exact_including_poles_and_antimeridian)
{
    static const double lat[] = {-90, -89.9999999, -60, -45, -1e-9, 0, 1e-9, 30, 81.3, 89.999999,
                                 90};
    static const double lon[] = {-180, -179.9999999, -90, -1e-9, 0, 45, 90, 179.9999999, 180};
    static const double alt[] = {0.0, 0.001, 550.0, 35786.055};
    struct interf_earth *e = earth_new(INTERF_EARTH_SPHERE);
    for (size_t i = 0; i < sizeof lat / sizeof lat[0]; i++)
        for (size_t j = 0; j < sizeof lon / sizeof lon[0]; j++)
            for (size_t k = 0; k < sizeof alt / sizeof alt[0]; k++) {
                double p[3], q[3], f, l, h;
                interf_geo_to_ecef(e, lat[i] * DEG, lon[j] * DEG, alt[k], p, NULL);
                cr_assert(eq(i32, (int)interf_ecef_to_geo(e, 1, &p[0], &p[1], &p[2], &f, &l, &h,
                                                          NULL), INTERF_OK));
                interf_geo_to_ecef(e, f, l, h, q, NULL);
                cr_assert(epsilon_eq(dbl, dist3(p, q), 0.0, 1e-9), "%g %g %g: ECEF round trip",
                          lat[i], lon[j], alt[k]);
                cr_assert(epsilon_eq(dbl, f, lat[i] * DEG, 1e-13), "lat %g", lat[i]);
                cr_assert(epsilon_eq(dbl, h, alt[k], 1e-9), "alt %g", alt[k]);
                cr_assert(l > -INTERF_PI && l <= INTERF_PI, "lon %.17g not in (-pi, pi]", l);
                if (fabs(lat[i]) < 90.0)
                    cr_assert(epsilon_eq(dbl, wrap_pi(l - lon[j] * DEG), 0.0, 1e-12),
                              "lon %g at lat %g", lon[j], lat[i]);
            }
    interf_earth_destroy(e);
}

/* The batch call, in place (lat == x, lon == y, alt == z), as the header allows. */
Test(geo, sphere_batch_in_place)
{
    struct interf_earth *e = earth_new(INTERF_EARTH_SPHERE);
    double x[4], y[4], z[4], p[3];
    static const double ll[4][2] = {{10, 20}, {-33, -170}, {89, 179.5}, {0, -180}};
    for (int i = 0; i < 4; i++) {
        interf_geo_to_ecef(e, ll[i][0] * DEG, ll[i][1] * DEG, 100.0 * i, p, NULL);
        x[i] = p[0];
        y[i] = p[1];
        z[i] = p[2];
    }
    cr_assert(eq(i32, (int)interf_ecef_to_geo(e, 4, x, y, z, x, y, z, NULL), INTERF_OK));
    for (int i = 0; i < 4; i++) {
        cr_assert(epsilon_eq(dbl, x[i], ll[i][0] * DEG, 1e-13));
        cr_assert(epsilon_eq(dbl, wrap_pi(y[i] - ll[i][1] * DEG), 0.0, 1e-13));
        cr_assert(epsilon_eq(dbl, z[i], 100.0 * i, 1e-9));
    }
    /* lon -180 deg comes back as +180 deg: the range is (-pi, pi] */
    cr_assert(epsilon_eq(dbl, y[3], INTERF_PI, 1e-15));
    cr_assert(eq(i32, (int)interf_ecef_to_geo(e, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                 INTERF_OK));
    interf_earth_destroy(e);
}

/* ------------------------------------------------------------------ WGS 84 */

/* Hand value, NIMA TR8350.2 Table 3.1 constants a = 6378137 m, f = 1/298.257223563:
 * e^2 = f(2 - f) = 0.0066943799901413165. At lat 45 deg, lon 0, h 0:
 * N = a / sqrt(1 - e^2 sin^2 45) = 6378137 / sqrt(0.99665281000492934) = 6388838.290121148 m,
 * x = N cos 45 = 4517590.878848932 m, y = 0, z = N (1 - e^2) sin 45 = 4487348.408865919 m. */
Test(geo, wgs84_known_value_at_45n)
{
    struct interf_earth *e = earth_new(INTERF_EARTH_WGS84);
    double p[3];
    struct interf_error err = {INTERF_OK, ""};
    cr_assert(eq(i32, (int)interf_geo_to_ecef(e, 45.0 * DEG, 0.0, 0.0, p, &err), INTERF_OK),
              "%s", err.msg);
    cr_assert(epsilon_eq(dbl, p[0], 4517.590878848932, 1e-6), "x = %.12f km", p[0]);
    cr_assert(epsilon_eq(dbl, p[1], 0.0, 1e-6), "y = %.12f km", p[1]);
    cr_assert(epsilon_eq(dbl, p[2], 4487.348408865919, 1e-6), "z = %.12f km", p[2]);
    /* the poles: z = b = a (1 - f) = 6356752.314245179 m (TR8350.2 Table 3.3) */
    interf_geo_to_ecef(e, -90.0 * DEG, 0.0, 0.0, p, NULL);
    cr_assert(epsilon_eq(dbl, p[2], -6356.752314245179, 1e-6), "z = %.12f km", p[2]);
    interf_earth_destroy(e);
}

/* geodetic -> ECEF -> geodetic through PROJ within 1 mm (PROJ gie's roundtrip habit). */
Test(geo, wgs84_round_trip_within_1mm_batched_in_place)
{
    enum { N = 40 };
    struct interf_earth *e = earth_new(INTERF_EARTH_WGS84);
    double f0[N], l0[N], h0[N], x[N], y[N], z[N];
    uint64_t s = 42;
    for (int i = 0; i < N; i++) {
        double p[3];
        f0[i] = (i == 0 ? 90.0 : i == 1 ? -90.0 : 180.0 * rnd(&s) - 90.0) * DEG;
        l0[i] = (i == 2 ? 180.0 : i == 3 ? -179.9999999 : 360.0 * rnd(&s) - 180.0) * DEG;
        h0[i] = i % 3 == 0 ? 0.0 : i % 3 == 1 ? 550.0 * rnd(&s) : 36000.0 * rnd(&s);
        cr_assert(eq(i32, (int)interf_geo_to_ecef(e, f0[i], l0[i], h0[i], p, NULL), INTERF_OK));
        x[i] = p[0];
        y[i] = p[1];
        z[i] = p[2];
    }
    cr_assert(eq(i32, (int)interf_ecef_to_geo(e, N, x, y, z, x, y, z, NULL), INTERF_OK));
    for (int i = 0; i < N; i++) {
        /* 1 mm on the ground: 1e-6 km over a = 6378 km is 1.6e-10 rad */
        cr_assert(epsilon_eq(dbl, x[i], f0[i], 1.5e-10), "lat %d", i);
        if (fabs(f0[i]) < INTERF_PI / 2)
            cr_assert(epsilon_eq(dbl, wrap_pi(y[i] - l0[i]) * cos(f0[i]), 0.0, 1.5e-10),
                      "lon %d", i);
        cr_assert(y[i] > -INTERF_PI && y[i] <= INTERF_PI, "lon %d in (-pi, pi]", i);
        cr_assert(epsilon_eq(dbl, z[i], h0[i], 1e-6), "h %d: %.9f vs %.9f", i, z[i], h0[i]);
    }
    interf_earth_destroy(e);
}

Test(geo, wgs84_rejects_non_finite_points_and_names_them)
{
    struct interf_earth *e = earth_new(INTERF_EARTH_WGS84);
    double x[2] = {7000.0, NAN}, y[2] = {0.0, 0.0}, z[2] = {0.0, 0.0}, f[2], l[2], h[2];
    struct interf_error err = {INTERF_OK, ""};
    cr_assert(eq(i32, (int)interf_ecef_to_geo(e, 2, x, y, z, f, l, h, &err), INTERF_EINPUT));
    cr_assert(strstr(err.msg, "point 1") != NULL, "%s", err.msg);
    interf_earth_destroy(e);
}

/* The station's up vector is the ellipsoid normal: parallel to the gradient of
 * (x^2 + y^2) / a^2 + z^2 / b^2 at its ECEF position; east, north, up are orthonormal. */
Test(geo, wgs84_station_up_is_the_ellipsoid_normal)
{
    struct interf_earth *e = earth_new(INTERF_EARTH_WGS84);
    double a = INTERF_WGS84_A_KM, b = a * (1.0 - INTERF_WGS84_F);
    static const double ll[3][2] = {{45, 10}, {-60, -120}, {0, 179}};
    for (int i = 0; i < 3; i++) {
        struct interf_station st;
        station(e, ll[i][0], ll[i][1], 0.0, &st);
        double g[3] = {st.ecef_km[0] / (a * a), st.ecef_km[1] / (a * a), st.ecef_km[2] / (b * b)};
        double n = norm3(g);
        for (int k = 0; k < 3; k++)
            cr_assert(epsilon_eq(dbl, st.up[k], g[k] / n, 1e-12), "station %d axis %d", i, k);
        cr_assert(epsilon_eq(dbl, norm3(st.east), 1.0, 1e-15));
        cr_assert(epsilon_eq(dbl, norm3(st.north), 1.0, 1e-15));
        cr_assert(epsilon_eq(dbl, st.east[0] * st.north[0] + st.east[1] * st.north[1]
                                      + st.east[2] * st.north[2], 0.0, 1e-15));
    }
    interf_earth_destroy(e);
}

/* ------------------------------------------------------------------ look angles */

/* GSO satellite on the ES meridian from 45 deg N on the sphere. Hand derivation: P = Re (cos f,
 * 0, sin f), G = (Rgeo, 0, 0); G - P has up component Rgeo cos f - Re and north component
 * -Rgeo sin f, so tan el = (cos f - Re/Rgeo) / sin f = (0.70710678 - 0.15126920) / 0.70710678
 * = 0.78607304, el = 38.16993349 deg; the project ITU notes (§3.6) quote 38.170 deg. Azimuth 180
 * deg (due south). Range^2 = Rgeo^2 + Re^2 - 2 Re Rgeo cos f (law of cosines). */
Test(geo, gso_on_meridian_from_45n_at_38_170_deg_elevation_due_south)
{
    struct interf_earth *e = earth_new(INTERF_EARTH_SPHERE);
    struct interf_station st;
    station(e, 45.0, 10.0, 0.0, &st);
    double g[3], az, el, rng;
    interf_gso_ecef(10.0 * DEG, g);
    interf_station_look(&st, g, &az, &el, &rng);
    cr_assert(epsilon_eq(dbl, el / DEG, 38.16993349417878, 1e-9), "el %.12f deg", el / DEG);
    cr_assert(epsilon_eq(dbl, el / DEG, 38.170, 5e-4));
    cr_assert(epsilon_eq(dbl, az / DEG, 180.0, 1e-9), "az %.12f deg", az / DEG);
    double c = cos(45.0 * DEG);
    cr_assert(epsilon_eq(dbl, rng, sqrt(RGEO * RGEO + RE * RE - 2.0 * RE * RGEO * c), 1e-9));
    /* from 45 deg S the same satellite is due north (azimuth 0) at the same elevation */
    station(e, -45.0, 10.0, 0.0, &st);
    interf_station_look(&st, g, &az, &el, NULL);
    cr_assert(epsilon_eq(dbl, el / DEG, 38.16993349417878, 1e-9));
    cr_assert(epsilon_eq(dbl, wrap_pi(az), 0.0, 1e-12), "az %.17g", az);
    interf_earth_destroy(e);
}

/* Azimuth from north, clockwise: a target displaced along east is at 90 deg, west 270 deg,
 * north 0; elevation atan2(up, horizontal) by construction of the offset. */
Test(geo, azimuth_is_from_north_clockwise)
{
    struct interf_earth *e = earth_new(INTERF_EARTH_SPHERE);
    struct interf_station st;
    station(e, 30.0, 10.0, 0.0, &st);
    static const double cases[4][3] = {{1, 0, 90}, {-1, 0, 270}, {0, 1, 0}, {0, -1, 180}};
    for (int i = 0; i < 4; i++) {
        double t[3], az, el, rng;
        for (int k = 0; k < 3; k++)
            t[k] = st.ecef_km[k] + 500.0 * (cases[i][0] * st.east[k] + cases[i][1] * st.north[k])
                   + 300.0 * st.up[k];
        interf_station_look(&st, t, &az, &el, &rng);
        cr_assert(epsilon_eq(dbl, az / DEG, cases[i][2], 1e-9), "case %d: az %.12f", i, az / DEG);
        cr_assert(az >= 0.0 && az < 2.0 * INTERF_PI, "az in [0, 2pi)");
        cr_assert(epsilon_eq(dbl, el, atan2(300.0, 500.0), 1e-12));
        cr_assert(epsilon_eq(dbl, rng, hypot(300.0, 500.0), 1e-9));
    }
    interf_earth_destroy(e);
}

Test(geo, zenith_has_nan_azimuth_and_90_deg_elevation)
{
    struct interf_earth *e = earth_new(INTERF_EARTH_SPHERE);
    struct interf_station st;
    station(e, 51.5, -0.1, 0.1, &st);
    double t[3], az, el, rng;
    for (int k = 0; k < 3; k++)
        t[k] = st.ecef_km[k] + 1000.0 * st.up[k];
    interf_station_look(&st, t, &az, &el, &rng);
    cr_assert(isnan(az), "az %g", az);
    cr_assert(epsilon_eq(dbl, el, INTERF_PI / 2, 1e-12));
    cr_assert(epsilon_eq(dbl, rng, 1000.0, 1e-9));
    interf_station_look(&st, t, NULL, NULL, NULL);
    interf_earth_destroy(e);
}

/* interf_station_direction is the inverse of interf_station_look on both models. */
Test(geo, direction_and_look_invert_each_other)
{
    uint64_t s = 7;
    for (int m = 0; m < 2; m++) {
        struct interf_earth *e = earth_new(m ? INTERF_EARTH_WGS84 : INTERF_EARTH_SPHERE);
        for (int i = 0; i < 50; i++) {
            struct interf_station st;
            station(e, 170.0 * rnd(&s) - 85.0, 360.0 * rnd(&s) - 180.0, 0.0, &st);
            double az0 = 2.0 * INTERF_PI * rnd(&s), el0 = (178.0 * rnd(&s) - 89.0) * DEG;
            double d[3], t[3], az, el;
            interf_station_direction(&st, az0, el0, d);
            cr_assert(epsilon_eq(dbl, norm3(d), 1.0, 1e-15));
            for (int k = 0; k < 3; k++)
                t[k] = st.ecef_km[k] + 2000.0 * d[k];
            interf_station_look(&st, t, &az, &el, NULL);
            cr_assert(epsilon_eq(dbl, wrap_pi(az - az0), 0.0, 1e-11), "case %d az", i);
            cr_assert(epsilon_eq(dbl, el, el0, 1e-11), "case %d el", i);
        }
        interf_earth_destroy(e);
    }
}

/* atan2(|a x b|, a.b): exact at 1e-10 rad, where acos(1 - 5e-21) would give 0; the inputs need
 * not be unit vectors. */
Test(geo, angle_between_is_accurate_near_0_and_pi)
{
    double a[3] = {3.0, 0.0, 0.0}, b[3] = {1.0, 1e-10, 0.0}, c[3] = {-2.0, 0.0, 1e-9};
    double d[3] = {0.0, 0.0, 5.0};
    cr_assert(epsilon_eq(dbl, interf_angle_between(a, b), 1e-10, 1e-24));
    cr_assert(epsilon_eq(dbl, interf_angle_between(a, c), INTERF_PI - 5e-10, 1e-20));
    cr_assert(epsilon_eq(dbl, interf_angle_between(a, d), INTERF_PI / 2, 1e-15));
    cr_assert(epsilon_eq(dbl, interf_angle_between(d, d), 0.0, 0.0));
}

/* ------------------------------------------------------------------ inertial <-> ECEF */

Test(geo, inertial_ecef_round_trip_in_place)
{
    uint64_t s = 99;
    for (int i = 0; i < 100; i++) {
        double r0[3], v0[3], r[3], v[3], t = 1e6 * rnd(&s) - 1e5;
        for (int k = 0; k < 3; k++) {
            r0[k] = r[k] = 14000.0 * rnd(&s) - 7000.0;
            v0[k] = v[k] = 16.0 * rnd(&s) - 8.0;
        }
        interf_inertial_to_ecef(t, r, v, r, v);
        interf_ecef_to_inertial(t, r, v, r, v);
        for (int k = 0; k < 3; k++) {
            cr_assert(epsilon_eq(dbl, r[k], r0[k], 1e-9), "case %d r[%d]", i, k);
            cr_assert(epsilon_eq(dbl, v[k], v0[k], 1e-12), "case %d v[%d]", i, k);
        }
    }
    /* velocities are optional */
    double r[3] = {7000.0, 0.0, 0.0};
    interf_inertial_to_ecef(10.0, r, NULL, r, NULL);
    cr_assert(epsilon_eq(dbl, norm3(r), 7000.0, 1e-9));
}

/* S.1503-4 Table 2: omega_e = 4.1780745823e-3 deg/s and Te = 86164.09054 s, so omega_e Te =
 * 359.9999966 deg (the rad/s form 7.2921158553e-5 quoted in §D6.3.2 gives 2 pi + 6.6e-10 rad
 * instead). After a quarter sidereal day theta_G = 90 deg to 1.5e-8 rad, and eq. (28) takes
 * the inertial X axis to ECEF (0, -Rgeo, 0): a point fixed in space drifts west to longitude
 * -90 deg. Residual at Rgeo: 0.63 m after Te/4, 2.5 m after Te; tolerances 1 m and 5 m. */
Test(geo, quarter_sidereal_day_turns_the_earth_by_90_deg)
{
    double r[3] = {RGEO, 0.0, 0.0}, e[3];
    interf_inertial_to_ecef(INTERF_TE_S / 4.0, r, NULL, e, NULL);
    cr_assert(epsilon_eq(dbl, e[0], 0.0, 1e-3), "x %.9g", e[0]);
    cr_assert(epsilon_eq(dbl, e[1], -RGEO, 1e-3), "y %.9g", e[1]);
    cr_assert(epsilon_eq(dbl, e[2], 0.0, 0.0));
    /* a full sidereal day brings it back */
    interf_inertial_to_ecef(INTERF_TE_S, r, NULL, e, NULL);
    cr_assert(epsilon_eq(dbl, e[0], RGEO, 5e-3), "x %.9g", e[0]);
    cr_assert(epsilon_eq(dbl, e[1], 0.0, 5e-3), "y %.9g", e[1]);
}

/* eq. (29) against a central difference of eq. (28) along an inclined circular orbit:
 * r(t) = R (cos nt, sin nt cos i, sin nt sin i), v = dr/dt analytic. Step h = 0.05 s gives a
 * truncation error h^2/6 |r'''| < 1e-8 km/s. */
Test(geo, ecef_velocity_matches_finite_difference)
{
    double R = 7000.0, n = sqrt(INTERF_MU_KM3_S2 / (R * R * R)), inc = 53.0 * DEG, h = 0.05;
    for (int j = 0; j < 5; j++) {
        double t = 1234.5 + 3000.0 * j, ts[3] = {t - h, t + h, t}, r[3][3], v[3], vi[3];
        for (int m = 0; m < 3; m++) {
            double ct = cos(n * ts[m]), st = sin(n * ts[m]);
            double ri[3] = {R * ct, R * st * cos(inc), R * st * sin(inc)};
            vi[0] = -R * n * st;
            vi[1] = R * n * ct * cos(inc);
            vi[2] = R * n * ct * sin(inc);
            interf_inertial_to_ecef(ts[m], ri, vi, r[m], v);
        }
        /* v, vi now hold the values at t (m = 2) */
        for (int k = 0; k < 3; k++)
            cr_assert(epsilon_eq(dbl, v[k], (r[1][k] - r[0][k]) / (2.0 * h), 1e-7),
                      "t %g v[%d]", t, k);
        /* the frame term is there: |v_ecef| differs from |v_in| (not a pure rotation) */
        cr_assert(fabs(norm3(v) - norm3(vi)) > 1e-3, "rotation term missing");
    }
}

/* ------------------------------------------------------------------ alpha: exact cases */

static double alpha_of(const double es[3], const double sat[3], double *lon)
{
    double a = NAN, l = NAN;
    enum interf_status st = interf_gso_arc_alpha(es, sat, &a, &l);
    cr_assert(eq(i32, (int)st, INTERF_OK), "alpha status %d", (int)st);
    if (lon)
        *lon = l;
    return a;
}

/* A satellite on the visible GSO arc is seen at alpha = 0 (S.1503-4 §D6.4.4.1: alpha is the
 * angle to the nearest arc point, here itself), and that point is returned. */
Test(geo, alpha_is_zero_for_a_satellite_on_the_arc)
{
    static const double lat[] = {-81.0, -60.0, -30.0, 0.0, 20.0, 45.0, 70.0, 81.2};
    static const double lon[] = {-180.0, -90.0, 0.0, 135.0};
    static const double frac[] = {-0.999, -0.5, 0.0, 0.3, 0.999};
    for (size_t i = 0; i < sizeof lat / sizeof lat[0]; i++)
        for (size_t j = 0; j < sizeof lon / sizeof lon[0]; j++)
            for (size_t k = 0; k < sizeof frac / sizeof frac[0]; k++) {
                double es[3], g[3], al;
                ground(lat[i], lon[j], es);
                double tmax = acos(RE / (RGEO * cos(lat[i] * DEG)));
                double l = lon[j] * DEG + frac[k] * tmax;
                interf_gso_ecef(l, g);
                double a = alpha_of(es, g, &al);
                cr_assert(epsilon_eq(dbl, a, 0.0, 1e-9), "lat %g lon %g frac %g: alpha %.3g",
                          lat[i], lon[j], frac[k], a);
                cr_assert(epsilon_eq(dbl, wrap_pi(al - l), 0.0, 1e-9), "arc lon");
                cr_assert(al > -INTERF_PI && al <= INTERF_PI);
            }
}

/* A satellite on the segment from the ground point P to a point Q of the equatorial plane,
 * at radius Re + 1000 km: the line R = P + lambda (N - P) meets z = 0 at Q with lambda > 0. */
static void sat_toward(const double es[3], const double q[3], double sat[3])
{
    double d[3] = {q[0] - es[0], q[1] - es[1], q[2] - es[2]}, r = RE + 1000.0;
    double a = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
    double b = 2.0 * (es[0] * d[0] + es[1] * d[1] + es[2] * d[2]);
    double c = es[0] * es[0] + es[1] * es[1] + es[2] * es[2] - r * r;
    double t = (-b + sqrt(b * b - 4.0 * a * c)) / (2.0 * a);
    for (int k = 0; k < 3; k++)
        sat[k] = es[k] + t * d[k];
}

/* Sign of alpha, S.1503-4 §D6.4.4.1: northern ES, positive when the line crosses the
 * equatorial plane inside Rgeo, negative outside or when it never crosses (lambda <= 0);
 * southern ES reversed. Cases just inside (0.999 Rgeo) and just outside (1.001 Rgeo). */
static void check_sign(double lat, double lon, double k, double dlon, double want)
{
    double es[3], q[3], sat[3];
    ground(lat, lon, es);
    interf_gso_ecef((lon + dlon) * DEG, q);
    for (int j = 0; j < 3; j++)
        q[j] *= k;
    sat_toward(es, q, sat);
    double a = alpha_of(es, sat, NULL);
    cr_assert(epsilon_eq(dbl, copysign(1.0, a), want, 0.0), "lat %g k %g dlon %g: alpha %.6g",
              lat, k, dlon, a);
    cr_assert(fabs(a) > 0.0, "alpha must not vanish here");
    if (fabs(k - 1.0) < 0.01)
        cr_assert(fabs(a) < 0.01, "just off the arc: |alpha| small, got %g", a);
}

Test(geo, alpha_sign_rule_north_south)
{
    for (int i = 0; i < 2; i++) {
        double lat = i ? -45.0 : 45.0, s = i ? -1.0 : 1.0, lon = i ? -30.0 : 20.0;
        check_sign(lat, lon, 0.999, 0.0, s);
        check_sign(lat, lon, 1.001, 0.0, -s);
        check_sign(lat, lon, 0.9, 15.0, s);
        check_sign(lat, lon, 1.1, -15.0, -s);
        check_sign(lat, lon, 0.5, 40.0, s);
        /* toward the zenith: lambda < 0, R_z=0 = infinity: negative north, positive south */
        double es[3], sat[3];
        ground(lat, lon, es);
        for (int k = 0; k < 3; k++)
            sat[k] = es[k] * (RE + 1000.0) / RE;
        double a = alpha_of(es, sat, NULL);
        cr_assert(epsilon_eq(dbl, copysign(1.0, a), -s, 0.0), "zenith, lat %g: %g", lat, a);
    }
}

/* On the equator the sign is the negative of the sign of R_EN(z) (§D6.4.4.1); a satellite in
 * the equatorial plane above the horizon lies on the line to an arc point: alpha = 0. */
Test(geo, alpha_sign_rule_equator)
{
    double es[3], sat[3], pos[3] = {RE + 1000.0, 500.0, 300.0}, neg[3] = {RE + 1000.0, 500.0,
                                                                              -300.0};
    ground(0.0, 0.0, es);
    cr_assert(alpha_of(es, pos, NULL) < 0.0, "satellite north of an equatorial ES: negative");
    cr_assert(alpha_of(es, neg, NULL) > 0.0, "satellite south of an equatorial ES: positive");
    sat[0] = RE + 1000.0;
    sat[1] = 700.0;
    sat[2] = 0.0;
    cr_assert(epsilon_eq(dbl, alpha_of(es, sat, NULL), 0.0, 1e-12));
}

/* Ties (§D6.4.4.1). From 45 deg N, lon 0, a satellite straight below (toward the nadir) is
 * 90 deg from both visible-arc end points (both on the horizon) and farther from every other
 * arc point: equal alpha and equal |dlong| = theta_max, so the positive dlong wins. The line
 * meets z = 0 at the Earth's centre, inside Rgeo: alpha = +90 deg. On the far side of the
 * Earth (sub-satellite longitude 180 deg) the positive dlong belongs to the western end. */
Test(geo, alpha_ties_prefer_the_positive_delta_longitude)
{
    double es[3], sat[3], al, tmax = acos(RE / (RGEO * cos(45.0 * DEG)));
    ground(45.0, 0.0, es);
    for (int k = 0; k < 3; k++)
        sat[k] = es[k] * (1.0 - 500.0 / RE);
    cr_assert(epsilon_eq(dbl, alpha_of(es, sat, &al), INTERF_PI / 2, 1e-12));
    cr_assert(epsilon_eq(dbl, al, tmax, 1e-12), "arc lon %.15g, want +theta_max", al);
    for (int k = 0; k < 3; k++)
        sat[k] = -es[k] * (RE + 550.0) / RE;
    cr_assert(epsilon_eq(dbl, alpha_of(es, sat, &al), INTERF_PI / 2, 1e-12));
    cr_assert(epsilon_eq(dbl, al, -tmax, 1e-12), "arc lon %.15g, want -theta_max", al);
}

/* A degenerate quartic (every coefficient zero): from the equator, a satellite straight above
 * the pole axis direction (PN along +Z) is 90 deg from every arc point, so the iterative
 * fall-back runs; the tie rule then picks dlong = 0 and the sign is -sign(R_EN(z)). */
Test(geo, alpha_degenerate_quartic_uses_the_iterative_fallback)
{
    double es[3], sat[3], al;
    ground(0.0, 30.0, es);
    memcpy(sat, es, sizeof sat);
    sat[2] += 1000.0;
    cr_assert(epsilon_eq(dbl, alpha_of(es, sat, &al), -INTERF_PI / 2, 1e-12));
    cr_assert(epsilon_eq(dbl, al, 30.0 * DEG, 1e-12), "arc lon %.15g", al);
}

/* acos(Re / Rgeo) = 81.2995 deg: beyond it no part of the arc is visible. */
Test(geo, alpha_not_visible_above_81_3_deg)
{
    double es[3], sat[3] = {0.0, 0.0, RE + 1000.0}, a = 0.0, l = 0.0;
    ground(85.0, 10.0, es);
    cr_assert(eq(i32, (int)interf_gso_arc_alpha(es, sat, &a, &l), INTERF_EINPUT));
    cr_assert(isnan(a) && isnan(l), "outputs are NaN");
    ground(-85.0, 10.0, es);
    cr_assert(eq(i32, (int)interf_gso_arc_alpha(es, sat, &a, NULL), INTERF_EINPUT));
    cr_assert(isnan(a));
    ground(81.2, 10.0, es);
    cr_assert(eq(i32, (int)interf_gso_arc_alpha(es, sat, NULL, NULL), INTERF_OK));
    /* the satellite at the ground point: no direction */
    ground(10.0, 10.0, es);
    cr_assert(eq(i32, (int)interf_gso_arc_alpha(es, es, &a, NULL), INTERF_EINPUT));
}

/* ------------------------------------------------------------------ alpha vs brute force */

/* The angle between directions a and b as 2 atan2(|a^ - b^|, |a^ + b^|): a formula other
 * than the library's, accurate at every angle. */
static double angle_chord(const double a[3], const double b[3])
{
    double na = norm3(a), nb = norm3(b), d[3], s[3];
    for (int k = 0; k < 3; k++) {
        d[k] = a[k] / na - b[k] / nb;
        s[k] = a[k] / na + b[k] / nb;
    }
    return 2.0 * atan2(norm3(d), norm3(s));
}

static double arc_angle(const double es[3], const double pn[3], double lon)
{
    double pg[3] = {RGEO * cos(lon) - es[0], RGEO * sin(lon) - es[1], -es[2]};
    return angle_chord(pn, pg);
}

/* Fine grid of step 1e-6 rad (the test-point spacing of S.1503-4 §D1.4) over [t0, t1]. */
static double fine_min(const double es[3], const double pn[3], double t0, double t1)
{
    double best = fmin(arc_angle(es, pn, t0), arc_angle(es, pn, t1));
    long n = (long)ceil((t1 - t0) / 1e-6);
    for (long i = 1; i < n; i++)
        best = fmin(best, arc_angle(es, pn, t0 + i * 1e-6));
    return best;
}

/* Brute force over the visible arc (cos theta_max = Re / (Rgeo cos lat), S.1503-4 §D6.4.4.4):
 * a coarse grid of at most 1e-3 rad, then the 1e-6 rad grid around every coarse local
 * minimum within 2e-3 rad of the best (alpha changes by at most ~1.2 rad per rad of arc). */
static double brute_alpha(const double es[3], const double sat[3])
{
    double v[4096];
    double pn[3] = {sat[0] - es[0], sat[1] - es[1], sat[2] - es[2]};
    double lat = atan2(es[2], hypot(es[0], es[1])), l0 = atan2(es[1], es[0]);
    double tmax = acos(RE / (RGEO * cos(lat)));
    int n = (int)ceil(2.0 * tmax / 1e-3);
    double h = 2.0 * tmax / n, vmin = INFINITY, best = INFINITY;
    for (int i = 0; i <= n; i++) {
        v[i] = arc_angle(es, pn, l0 - tmax + i * h);
        vmin = fmin(vmin, v[i]);
    }
    for (int i = 0; i <= n; i++) {
        int local = (i == 0 || v[i] <= v[i - 1]) && (i == n || v[i] <= v[i + 1]);
        if (!local || v[i] > vmin + 2e-3)
            continue;
        double t0 = fmax(-tmax, -tmax + (i - 1) * h), t1 = fmin(tmax, -tmax + (i + 1) * h);
        best = fmin(best, fine_min(es, pn, l0 + t0, l0 + t1));
    }
    return best;
}

/* A pseudo-random ground point: 20 % at high latitude (79-81.2 deg), 25 % near longitude
 * +-90 deg, 25 % near +-180 deg. */
static void random_ground(uint64_t *s, double es[3])
{
    double u = rnd(s), sg = rnd(s) < 0.5 ? -1.0 : 1.0, lat, lon;
    lat = u < 0.2 ? sg * (79.0 + 2.2 * rnd(s)) : 162.0 * rnd(s) - 81.0;
    u = rnd(s);
    sg = rnd(s) < 0.5 ? -1.0 : 1.0;
    if (u < 0.25)
        lon = sg * (90.0 + 1.0 * rnd(s) - 0.5);
    else if (u < 0.5)
        lon = sg * (180.0 - 0.5 * rnd(s));
    else
        lon = 360.0 * rnd(s) - 180.0;
    ground(lat, lon, es);
}

/* A pseudo-random LEO or MEO satellite: half above the ground point's horizon, half anywhere. */
static void random_sat(uint64_t *s, const double es[3], double sat[3])
{
    static const double h[] = {550.0, 1200.0, 8062.0, 20200.0};
    double r = RE + h[(int)(4.0 * rnd(s)) & 3], d[3];
    double z = 2.0 * rnd(s) - 1.0, ph = 2.0 * INTERF_PI * rnd(s);
    d[0] = sqrt(1.0 - z * z) * cos(ph);
    d[1] = sqrt(1.0 - z * z) * sin(ph);
    d[2] = z;
    if (rnd(s) < 0.5) {
        for (int k = 0; k < 3; k++)
            sat[k] = r * d[k];
        return;
    }
    /* direction from the ES into the upper half-space, then the range that reaches radius r */
    double pd = (es[0] * d[0] + es[1] * d[1] + es[2] * d[2]) / RE;
    if (pd < 0.0)
        for (int k = 0; k < 3; k++)
            d[k] -= 2.0 * pd * es[k] / RE;
    double b = es[0] * d[0] + es[1] * d[1] + es[2] * d[2];
    double t = -b + sqrt(b * b - RE * RE + r * r);
    for (int k = 0; k < 3; k++)
        sat[k] = es[k] + t * d[k];
}

/* The analytic alpha (quartic of S.1503-4 §D6.4.4.4 plus the arc end points) equals the
 * brute-force minimum to 1e-6 rad and is never above it; the returned arc longitude is on the
 * visible arc and the angle to it is |alpha|. 400 fixed-seed cases. */
Test(geo, alpha_analytic_matches_brute_force, .timeout = 60)
{
    uint64_t s = 20230901;
    double worst = 0.0;
    for (int i = 0; i < 400; i++) {
        double es[3], sat[3], al;
        random_ground(&s, es);
        random_sat(&s, es, sat);
        double a = fabs(alpha_of(es, sat, &al)), bf = brute_alpha(es, sat);
        double pn[3] = {sat[0] - es[0], sat[1] - es[1], sat[2] - es[2]};
        worst = fmax(worst, fabs(a - bf));
        cr_assert(epsilon_eq(dbl, a, bf, 1e-6), "case %d: analytic %.12f brute %.12f", i, a, bf);
        cr_assert(a <= bf + 1e-12, "case %d: analytic above a sampled arc point", i);
        cr_assert(epsilon_eq(dbl, arc_angle(es, pn, al), a, 1e-12), "case %d: arc lon", i);
        double lat = atan2(es[2], hypot(es[0], es[1])), l0 = atan2(es[1], es[0]);
        double tmax = acos(RE / (RGEO * cos(lat)));
        cr_assert(fabs(wrap_pi(al - l0)) <= tmax + 1e-12, "case %d: arc lon off the arc", i);
    }
    cr_log_info("alpha: max |analytic - brute force| = %.3g rad over 400 cases", worst);
}

Test(geo, boresight_frames_follow_interf_7)
{
    /* By hand, at (45 N, 0 E) on the sphere: a dish looking due south along the horizon
     * (b = -north) has its x axis b x up = -north x up = -east (west: the right-hand side when
     * looking south) and its y axis x x b = -east x -north = east x north = up. */
    struct interf_earth *earth;
    interf_earth_create(INTERF_EARTH_SPHERE, &earth, NULL);
    struct interf_station st;
    interf_station_init(earth, 45 * INTERF_DEG, 0, 0, &st, NULL);
    double b[3] = {-st.north[0], -st.north[1], -st.north[2]}, x[3], y[3];
    interf_station_frame(&st, b, x, y);
    for (int k = 0; k < 3; k++) {
        cr_assert(epsilon_eq(dbl, x[k], -st.east[k], 1e-12));
        cr_assert(epsilon_eq(dbl, y[k], st.up[k], 1e-12));
    }
    /* A satellite beam looking straight down at (0 N, 0 E) (b = -X): the Earth's axis is
     * already normal to b, so x = +Z (north) and y = b x x = -X x Z = +Y (east). */
    double nadir[3] = {-1, 0, 0};
    interf_beam_frame(nadir, x, y);
    double wx[3] = {0, 0, 1}, wy[3] = {0, 1, 0};
    for (int k = 0; k < 3; k++) {
        cr_assert(epsilon_eq(dbl, x[k], wx[k], 1e-12));
        cr_assert(epsilon_eq(dbl, y[k], wy[k], 1e-12));
    }
    /* along the Earth's axis the x axis falls back to ECEF X */
    double down[3] = {0, 0, -1};
    interf_beam_frame(down, x, y);
    cr_assert(epsilon_eq(dbl, x[0], 1.0, 1e-12));
    interf_earth_destroy(earth);
}
