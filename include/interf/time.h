/* SPDX-License-Identifier: MIT */
/* interf time: the time scales UTC, TAI, TT, TDB and UT1 and the rotations from the celestial
 * frames GCRF, EME2000 and TEME to the Earth-fixed ITRF, through ERFA (the IAU SOFA algorithms):
 * IAU 2006/2000A precession-nutation in the CIO-based form of the IERS Conventions (2010) ch. 5,
 * and for SGP4's TEME the IAU 1982 GMST of Vallado et al., AIAA 2006-6753 (teme2ecef).
 *
 * How these differ from Rec. ITU-R S.1503-4's rotation (geo.h, interf_inertial_to_ecef):
 * S.1503 turns its inertial frame into the Earth-fixed one by theta = omega_e t about a fixed
 * axis, with the inertial X axis through Greenwich at the system's epoch. That inertial frame
 * is not GCRF (it is GCRF turned by the sidereal angle at the epoch and by precession since
 * J2000, about 0.4 deg in 2027). Once aligned at the epoch, S.1503's theta differs from the
 * true rotation by the nutation (the equation of the equinoxes, up to 16 arcsec: 0.5 km on the
 * equator, 3.3 km at the GSO), by UT1 - UTC (up to 0.9 s: 0.4 km on the equator, 2.8 km at the
 * GSO) and by polar motion (up to 0.6 arcsec: 20 m on the ground, 0.1 km at the GSO); its rate
 * omega_e (S.1503-4 Table 2) is the mean sidereal rate, which includes the precession of the
 * equinox, so a direction fixed in GCRF drifts in S.1503's frame by 0.13 arcsec a day (4 m a
 * day at 6400 km, 26 m a day at the GSO). What to do: keep S.1503's rotation for systems given by
 * elements in a system file (it is what the Recommendation prescribes, and every satellite
 * shares it); put a satellite given at real dates by a real ephemeris (OEM, TLE) into the
 * Earth-fixed frame with interf_celestial_to_itrf at each time, never through
 * interf_ecef_to_inertial.
 *
 * Units: s, rad, km, km/s. Dates are two-part Julian dates (struct interf_jd); a UTC date uses
 * ERFA's convention for days with a leap second (the day's fraction spans 86401 s). */
#ifndef INTERF_TIME_H
#define INTERF_TIME_H

#include "interf/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A Julian date d1 + d2 (days), split so that no precision is lost: typically d1 a whole or
 * half day and d2 the fraction. Which scale it is in is said where it is used. */
struct interf_jd {
    double d1, d2;
};

/* POSIX seconds (UTC, no leap seconds, as core.h's interf_time_parse_utc gives) <-> UTC Julian
 * date. A POSIX time cannot name the 61st second of a leap-second day: such an instant is
 * reached only through interf_jd_from_utc_calendar. Thread-safe: no state. */
INTERF_API void interf_jd_from_unix(double unix_s, struct interf_jd *utc);
INTERF_API double interf_jd_to_unix(const struct interf_jd *utc);

/* UTC calendar date and time to a UTC Julian date (ERFA eraDtf2d): sec may reach 60.999... on a
 * day that ends with a leap second. INTERF_EINPUT (message naming the date) for a date that is
 * not valid, a second of 60 on a day without a leap second, or a year before 1960. */
INTERF_API enum interf_status interf_jd_from_utc_calendar(int year, int month, int day, int hour,
                                                          int minute, double sec,
                                                          struct interf_jd *utc,
                                                          struct interf_error *err);

/* Format a UTC Julian date as "YYYY-MM-DDThh:mm:ss[.fff]Z" with decimals (0-9) digits of the
 * second, rounded (a leap second shows as ss = 60), into buf of size n (at least 40). Returns
 * buf ("invalid date" for a date ERFA cannot format). */
INTERF_API char *interf_jd_format_utc(const struct interf_jd *utc, int decimals, char *buf,
                                      size_t n);

/* Seconds from a to b, b - a, both in the same uniform scale (not UTC across a leap second). */
INTERF_API double interf_jd_diff_s(const struct interf_jd *a, const struct interf_jd *b);

/* flags of struct interf_time */
#define INTERF_TIME_DUBIOUS 1 /* later than ERFA's leap-second table can vouch for (ERFA 2.0:
                                 after 2026), so TAI - UTC is the table's last value and may be
                                 wrong if a leap second has been announced since: a warning */

/* One instant in every scale. */
struct interf_time {
    struct interf_jd utc, tai, tt, tdb, ut1;
    double tai_utc_s; /* TAI - UTC, the accumulated leap seconds (37 s since 2017-01-01) */
    int flags;        /* INTERF_TIME_DUBIOUS or 0 */
};

/* The instant utc in every scale: TAI = UTC + leap seconds (eraUtctai, from ERFA's table via
 * eraDat), TT = TAI + 32.184 s (eraTaitt), UT1 = UTC + dut1_s (eraUtcut1; dut1 from IERS
 * Bulletin A, 0 when not known: then UT1 is off by up to 0.9 s), TDB = TT + eraDtdb at the
 * geocentre (the periodic terms of Fairhead & Bretagnon 1990, up to 1.7 ms). INTERF_EINPUT for
 * a date before 1960 (no UTC), |dut1_s| > 1 or an input that is not finite. A date after the
 * table's horizon is not an error: t->flags gets INTERF_TIME_DUBIOUS. Thread-safe. */
INTERF_API enum interf_status interf_time_from_utc(const struct interf_jd *utc, double dut1_s,
                                                   struct interf_time *t,
                                                   struct interf_error *err);

/* Greenwich mean sidereal time of the IAU 1982 model (eraGmst82; Vallado's gstime, the angle
 * SGP4's TEME is turned by), rad in [0, 2pi), at UT1. */
INTERF_API double interf_gmst82_rad(const struct interf_jd *ut1);
/* The Earth rotation angle (IAU 2000, eraEra00), rad in [0, 2pi), at UT1. */
INTERF_API double interf_era_rad(const struct interf_jd *ut1);

/* Earth orientation parameters at the instant (IERS Bulletin A or EOP 14 C04). All zero is
 * allowed: then UT1 = UTC, no polar motion and no celestial pole offsets, which costs up to
 * 0.4 km (UT1), 20 m (polar motion) and 1 cm (dX, dY) on the ground. */
struct interf_eop {
    double dut1_s;         /* UT1 - UTC, s: used by interf_time_from_utc's callers */
    double xp_rad, yp_rad; /* polar motion: the pole's coordinates in ITRF */
    double dx_rad, dy_rad; /* celestial pole offsets dX, dY to IAU 2006/2000A (GCRF and
                              EME2000 only) */
};

/* The celestial (inertial) frames the rotations start from. */
enum interf_celestial {
    INTERF_CELESTIAL_GCRF = 0,    /* geocentric, ICRF axes */
    INTERF_CELESTIAL_EME2000 = 1, /* J2000 mean equator and equinox: GCRF with the frame bias
                                     (about 23 mas: 0.7 m at 6400 km, 43 m at the Moon) */
    INTERF_CELESTIAL_TEME = 2     /* SGP4's true equator, mean equinox of date */
};

/* The rotation from one celestial frame to ITRF at one instant, built once and applied to many
 * states. r_itrf = c2t r; polar_motion is W (r_itrf = W r_tirs, r_tirs in the terrestrial
 * intermediate frame, or PEF for TEME) and omega_rad_s the rotation rate about the TIRS z axis
 * that gives the velocity term v_tirs = R v - omega x r_tirs. */
struct interf_earth_rotation {
    double c2t[3][3];
    double polar_motion[3][3];
    double omega_rad_s;
};

/* The rotation from frame to ITRF at t, with the polar motion and pole offsets of eop (NULL =
 * all zero; t carries UT1, so eop->dut1_s is not read here).
 * - GCRF: eraXy06 (X, Y of the CIP, IAU 2006/2000A) plus dX, dY, eraS06, eraC2ixys, the Earth
 *   rotation angle (eraEra00 at UT1), polar motion eraPom00(xp, yp, s' = eraSp00): the IERS
 *   2010 CIO-based transformation (eraC2t06a when dX = dY = 0). omega = 7.292115146706979e-5
 *   rad/s, the rate of the Earth rotation angle.
 * - EME2000: the above times the IAU 2006 frame bias (eraBp06), r_gcrf = B^T r_eme2000.
 * - TEME: Vallado's teme2ecef: a rotation by GMST 1982 about z (no equation of the equinoxes
 *   kinematic terms, as the published SGP4 code does) and polar motion eraPom00(xp, yp, 0),
 *   omega as above. Length-of-day changes are ignored (their velocity term is below 1e-5 m/s).
 * Accuracy: the IAU 2006/2000A model itself is good to about 0.2 mas (6 mm at 6400 km); with
 * the full EOP this reproduces Vallado's Examples 3-14 and 3-15 to better than 1 mm when given
 * the same one-part Julian dates the book computed with (whose 15 us rounding of UT1 turns the
 * published numbers by 7 mm). Thread-safe. */
INTERF_API void interf_earth_rotation_at(enum interf_celestial frame, const struct interf_time *t,
                                         const struct interf_eop *eop,
                                         struct interf_earth_rotation *rot);

/* Rotate a position (km) and, if v and v_itrf are not NULL, a velocity (km/s) from the
 * rotation's celestial frame to ITRF: r_itrf = c2t r, v_itrf = c2t v - W (omega z x r_tirs).
 * In place is allowed. */
INTERF_API void interf_celestial_to_itrf(const struct interf_earth_rotation *rot,
                                         const double r_km[3], const double v_km_s[3],
                                         double r_itrf_km[3], double v_itrf_km_s[3]);
/* The inverse: ITRF to the rotation's celestial frame. In place is allowed. */
INTERF_API void interf_itrf_to_celestial(const struct interf_earth_rotation *rot,
                                         const double r_itrf_km[3], const double v_itrf_km_s[3],
                                         double r_km[3], double v_km_s[3]);

/* EME2000 <-> GCRF by the constant IAU 2006 frame bias (eraBp06; no rotation term, so a
 * velocity is rotated like a position). v may be NULL (then v_out is not written). In place is
 * allowed. */
INTERF_API void interf_eme2000_to_gcrf(const double r_km[3], const double v_km_s[3],
                                       double r_gcrf_km[3], double v_gcrf_km_s[3]);
INTERF_API void interf_gcrf_to_eme2000(const double r_gcrf_km[3], const double v_gcrf_km_s[3],
                                       double r_km[3], double v_km_s[3]);

#ifdef __cplusplus
}
#endif
#endif
