/* SPDX-License-Identifier: MIT */
/* interf geo: the Earth model (the S.1503-4 sphere by default, WGS 84 through PROJ as an option),
 * Earth-fixed and inertial frames, topocentric look angles, GSO positions and the GSO-arc angle
 * alpha of Rec. ITU-R S.1503-4 (09/2023) §D6.4.
 *
 * Units: positions in km, angles in radians unless a name says _deg. The Earth-fixed frame (ECEF)
 * has X through latitude 0, longitude 0 and Z through the north pole. */
#ifndef INTERF_GEO_H
#define INTERF_GEO_H

#include "interf/core.h"

#ifdef __cplusplus
extern "C" {
#endif

enum interf_earth_kind {
    INTERF_EARTH_SPHERE = 0, /* sphere of radius Re = 6378.145 km (S.1503-4 §D6.1), the default */
    INTERF_EARTH_WGS84 = 1   /* WGS 84 ellipsoid through PROJ: ground-point geometry only */
};

/* An Earth model. Opaque: WGS 84 holds a PROJ context. Create once, share read-only between
 * threads only for the sphere (WGS 84 conversions use one PROJ context: one thread at a time). */
struct interf_earth;

/* Create an Earth model; *out must be freed with interf_earth_destroy. */
INTERF_API enum interf_status interf_earth_create(enum interf_earth_kind kind,
                                                  struct interf_earth **out,
                                                  struct interf_error *err);
INTERF_API void interf_earth_destroy(struct interf_earth *earth); /* NULL is a no-op */
INTERF_API enum interf_earth_kind interf_earth_kind(const struct interf_earth *earth);
/* "sphere R=6378.145 km (Rec. ITU-R S.1503-4)" or "WGS 84 (EPSG:4326)": for metadata lines. */
INTERF_API const char *interf_earth_describe(const struct interf_earth *earth);
/* Parse "sphere" or "wgs84" (as the --earth option takes them; exact, lower case). Anything else
 * is INTERF_EINPUT with a message naming the text; *kind is then left unchanged. */
INTERF_API enum interf_status interf_earth_kind_parse(const char *text,
                                                      enum interf_earth_kind *kind,
                                                      struct interf_error *err);

/* Latitude (rad), longitude (rad) and height above the model's surface (km) to ECEF (km).
 * On the sphere the latitude is geocentric; on WGS 84 it is geodetic. INTERF_EINPUT for a value
 * that is not finite, |latitude| > pi/2 or a height at or below -Re. */
INTERF_API enum interf_status interf_geo_to_ecef(const struct interf_earth *earth, double lat_rad,
                                                 double lon_rad, double alt_km, double ecef_km[3],
                                                 struct interf_error *err);

/* ECEF (km) to latitude, longitude in (-pi, pi] and height (km), for n points given as three
 * arrays (x, y, z) of stride 1; results into lat_rad, lon_rad, alt_km (arrays of n). In place is
 * allowed (lat_rad == x, ...; the same arrays, not partly overlapping ones). Batched: WGS 84
 * makes one PROJ call per block of 256 points, then two fixed-point steps that take PROJ 9.1's
 * one-step inverse (8 mm off at 1000 km height, 0.3 m at the GSO) below 1e-9 km at any height.
 * INTERF_EINPUT (naming the point) for a point that is not finite; the outputs are then
 * unspecified. */
INTERF_API enum interf_status interf_ecef_to_geo(const struct interf_earth *earth, size_t n,
                                                 const double *x_km, const double *y_km,
                                                 const double *z_km, double *lat_rad,
                                                 double *lon_rad, double *alt_km,
                                                 struct interf_error *err);

/* A ground station: its ECEF position and local east/north/up unit vectors (the up vector is
 * the model's surface normal: radial on the sphere, ellipsoidal on WGS 84). Caller-owned value. */
struct interf_station {
    double lat_rad, lon_rad, alt_km;
    double ecef_km[3];
    double east[3], north[3], up[3];
};

INTERF_API enum interf_status interf_station_init(const struct interf_earth *earth, double lat_rad,
                                                  double lon_rad, double alt_km,
                                                  struct interf_station *st,
                                                  struct interf_error *err);

/* Look angles from a station to a point given in ECEF (km): azimuth from north, clockwise
 * (east = pi/2) in [0, 2pi), elevation above the local horizontal plane in [-pi/2, pi/2], and
 * range (km). Any output pointer may be NULL. Within 1e-12 rad of the zenith (or nadir) the
 * azimuth is NaN; at the station itself (range 0) the elevation is NaN too. */
INTERF_API void interf_station_look(const struct interf_station *st, const double target_km[3],
                                    double *az_rad, double *el_rad, double *range_km);

/* Unit vector (ECEF) from the station toward azimuth az (from north, clockwise) and
 * elevation el. */
INTERF_API void interf_station_direction(const struct interf_station *st, double az_rad,
                                         double el_rad, double dir[3]);

/* Azimuth frames about a boresight, for the patterns that depend on the azimuth about it
 * (interf_antenna_gain2_dbi). The azimuth of a direction v is atan2(v . y, v . x).
 * - A satellite beam (unit boresight b, ECEF): x is the Earth's axis projected normal to b (the
 *   ECEF X axis when b lies along the Earth's axis) and y = b x x: azimuth 0 is the north side
 *   and 90 deg the east side of a beam looking down, clockwise as seen from behind the antenna;
 *   a beam's orientation_deg is measured in it.
 * - An earth station (unit boresight b, local unit up): x = b x up normalised, the horizontal
 *   axis to the right of the boresight (local east when b is the zenith), and y = x x b, on the
 *   zenith side: azimuth 90 deg is "up" in the aperture plane. */
INTERF_API void interf_beam_frame(const double b[3], double x[3], double y[3]);
INTERF_API void interf_station_frame(const struct interf_station *st, const double b[3],
                                     double x[3], double y[3]);

/* The angle (rad, in [0, pi]) between two directions, not necessarily unit vectors, computed as
 * atan2(|a x b|, a . b): accurate near 0 and pi, where acos is not. */
INTERF_API double interf_angle_between(const double a[3], const double b[3]);

/* ECEF position (km) of the reference GSO satellite at longitude lon_rad: zero inclination, on a
 * circle of radius Rgeo = 42164.2 km (S.1503-4 Table 2). */
INTERF_API void interf_gso_ecef(double lon_rad, double ecef_km[3]);

/* Inertial <-> Earth-fixed rotation of S.1503-4 §D6.3.3: the inertial X axis passes through
 * Greenwich at t = 0 and theta_G = omega_e t. Positions (km) and, if not NULL, velocities
 * (km/s) are rotated; velocities gain the frame's rotation term. In place is allowed. */
INTERF_API void interf_inertial_to_ecef(double t_s, const double r_in[3], const double v_in[3],
                                        double r_ecef[3], double v_ecef[3]);
INTERF_API void interf_ecef_to_inertial(double t_s, const double r_ecef[3],
                                        const double v_ecef[3], double r_in[3], double v_in[3]);

/* The GSO-arc angle alpha of Rec. ITU-R S.1503-4 §D6.4.4, seen from a ground point es_km toward a
 * non-GSO satellite sat_km (both ECEF, km): the smallest angle at the ground point between the
 * direction to the satellite and the direction to any point of the GSO arc that the ground point
 * can see, with the sign rule of §D6.4.4.1 (positive when the line from the ground point through
 * the satellite crosses the equatorial plane inside the GSO radius, for a northern-hemisphere
 * point; reversed in the south; a line that never meets the plane ahead counts as outside; on the
 * equator the sign is minus that of (satellite z - point z)). Outputs: alpha (rad, signed) and
 * the longitude (rad) of the minimising arc point (ties: smaller |delta longitude| from the
 * satellite, then the positive one).
 * Either output may be NULL. The visible arc is |lon - lon_ES| <= theta_max with
 * cos theta_max = Re / (Rgeo cos lat_ES) (§D6.4.4.4), lat_ES the geocentric latitude of es_km
 * (the ground point taken on the surface, as the Recommendation does). Returns INTERF_EINPUT if
 * no part of the arc is visible (|latitude| above acos(Re/Rgeo) = 81.3 deg), if sat_km equals
 * es_km or if an input is not finite; both outputs are then NaN.
 * Method and accuracy: the quartic of §D6.4.4.4 in the sine of the arc longitude, set up about
 * the ground point's own meridian and solved for all its real roots on the visible arc, with
 * the arc end points as further candidates; the angle of each candidate is measured between the
 * actual vectors. An iterative search replaces it only when the quartic vanishes identically
 * (alpha constant along the arc). Agrees with a brute-force search (1e-6 rad arc grid) to
 * 1e-6 rad, and with a refined search to 4e-15 rad (20 000 random cases). About 1 us a call.
 * Thread-safe: no state. */
INTERF_API enum interf_status interf_gso_arc_alpha(const double es_km[3], const double sat_km[3],
                                                   double *alpha_rad, double *arc_lon_rad);

#ifdef __cplusplus
}
#endif
#endif
