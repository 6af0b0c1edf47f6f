/* SPDX-License-Identifier: MIT */
/* interf orbit: Keplerian elements with the J2 secular model of Rec. ITU-R S.1503-4 (09/2023)
 * §D6.3, Walker delta and star constellations, GSO satellites, and a batch propagator that fills
 * the positions of all satellites for one time into caller-owned buffers without allocating.
 *
 * Frames: the inertial frame is S.1503's (X through Greenwich at t = 0, Z north), not J2000 or
 * TEME; Earth-fixed is reached by theta_G = omega_e t. t = 0 is the system's epoch. Units: km,
 * s, rad. */
#ifndef INTERF_ORBIT_H
#define INTERF_ORBIT_H

#include <stdio.h>

#include "interf/core.h"
#include "interf/time.h"

#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Classical elements at t = 0. lan is the longitude (not the right ascension) of the ascending
 * node at t = 0 (S.1503-4 §B3.2); m0 the mean anomaly at t = 0. */
struct interf_elements {
    double a_km;     /* semi-major axis */
    double e;        /* eccentricity, 0 <= e < 1 */
    double i_rad;    /* inclination, 0..pi */
    double lan_rad;  /* longitude of the ascending node at t = 0 */
    double argp_rad; /* argument of perigee */
    double m0_rad;   /* mean anomaly at t = 0 */
};

/* Which S.1503-4 §D6.3.6 model propagates a satellite. */
enum interf_orbit_model {
    INTERF_ORBIT_J2 = 0,      /* case 1 (with case 2 station keeping if w_delta_rad > 0) */
    INTERF_ORBIT_KEPLER = 1,  /* point mass: no secular drift (j2 = no) */
    INTERF_ORBIT_ADMIN = 2,   /* case 3: administration-supplied nodal precession */
    INTERF_ORBIT_FIXED = 3    /* GSO reference satellite: fixed in the Earth-fixed frame at
                                 radius a_km, longitude lan_rad, latitude 0 (S.1503-4 §A) */
};

/* Propagation options of one satellite (or a whole orbit group). Zero-initialised = J2 model,
 * no station keeping, no extra precession. */
struct interf_orbit_options {
    enum interf_orbit_model model;
    double precession_rad_s;  /* INTERF_ORBIT_ADMIN: D_admin; INTERF_ORBIT_J2: artificial D_art */
    double w_delta_rad;       /* station-keeping half range of the node (case 2 and 3) */
};

/* The secular rates of eqs. (20)-(22) of S.1503-4 §D6.3: mean motion n_bar (with J2), node rate,
 * perigee rate (rad/s), the point-mass period T0 = 2 pi sqrt(a^3/mu) and the nodal period
 * T_P = 2 pi / (omega_dot + n_bar) (eq. 25), in s. With model KEPLER: n0 and zero rates. */
struct interf_orbit_rates {
    double n0_rad_s, n_bar_rad_s, raan_dot_rad_s, argp_dot_rad_s;
    double t0_s, t_nodal_s;
};

INTERF_API void interf_orbit_rates(const struct interf_elements *el,
                                   const struct interf_orbit_options *opt,
                                   struct interf_orbit_rates *rates);

/* Solve Kepler's equation M = E - e sin E for E (rad) by Newton's method (S.1503-4 eqs. 31-32)
 * to |dE| < 1e-12 rad, for 0 <= e < 1 and any M (reduced to (-pi, pi] first). */
INTERF_API double interf_kepler_solve(double m_rad, double e);

/* True anomaly (rad) from eccentric anomaly, S.1503-4 §D6.3: tan(nu/2) = sqrt((1+e)/(1-e))
 * tan(E/2). */
INTERF_API double interf_true_from_eccentric(double e_rad, double e);
/* Mean anomaly (rad) from true anomaly, the inverse chain. */
INTERF_API double interf_mean_from_true(double nu_rad, double e);

/* Walker patterns: i:T/P/F. Delta spreads the P planes' nodes over 360 deg, star over 180 deg. */
enum interf_walker_kind { INTERF_WALKER_DELTA = 0, INTERF_WALKER_STAR = 1 };

/* Elements of satellite j (0..S-1, S = T/P) of plane p (0..P-1) of a circular Walker pattern:
 * node lan0 + p dOmega (dOmega = 2pi/P delta, pi/P star), argument of latitude
 * j 2pi/S + p F 2pi/T (S.1503-4 §B3.2 with omega = 0, the phase as mean anomaly). */
INTERF_API void interf_walker_elements(enum interf_walker_kind kind, double a_km, double i_rad,
                                       int t_sats, int p_planes, int f_phasing, double lan0_rad,
                                       int plane, int slot, struct interf_elements *el);

/* A set of satellites in structure-of-arrays form, ready for the batch propagator. Built once
 * (allocates), then read-only: one constellation may be propagated from many threads at once. */
struct interf_constellation;

INTERF_API enum interf_status interf_constellation_create(size_t capacity,
                                                          struct interf_constellation **out,
                                                          struct interf_error *err);
INTERF_API void interf_constellation_destroy(struct interf_constellation *c); /* NULL: no-op */

/* Append one satellite; returns its index through *index (may be NULL). plane is a label that is
 * carried to the output (the Walker plane, or -1). Fails with INTERF_EINVAL when full. */
INTERF_API enum interf_status interf_constellation_add(struct interf_constellation *c,
                                                       const struct interf_elements *el,
                                                       const struct interf_orbit_options *opt,
                                                       int plane, size_t *index,
                                                       struct interf_error *err);

INTERF_API size_t interf_constellation_count(const struct interf_constellation *c);
INTERF_API int interf_constellation_plane(const struct interf_constellation *c, size_t index);
/* Elements and rates of one satellite as stored (rates computed at add time). */
INTERF_API void interf_constellation_satellite(const struct interf_constellation *c, size_t index,
                                               struct interf_elements *el,
                                               struct interf_orbit_rates *rates);

/* The time steps of a run, on an absolute time axis so that systems of different epochs can
 * share it: step k (0 <= k < n_steps) is at UTC start_unix_s + k step_s (POSIX seconds). t_run_s
 * is the run length T_run of S.1503-4 §D6.3.6 case 2 (station keeping moves each node from
 * -W_delta at the start of the run to +W_delta at start + T_run); 0 means n_steps x step_s. */
struct interf_time_window {
    double start_unix_s;
    double step_s;
    long n_steps;
    double t_run_s;
};

/* The window as a propagation sees it, in seconds after a system's epoch: the run starts at
 * t0_s and station keeping spans [t0_s, t0_s + t_run_s] (t_run_s > 0). */
struct interf_orbit_run {
    double t0_s, t_run_s;
};

/* The run of window w for a system of epoch epoch_unix_s. */
INTERF_API struct interf_orbit_run interf_time_window_run(const struct interf_time_window *w,
                                                          double epoch_unix_s);
/* Check a window against a system's epoch: a run that starts outside the years 1800 to 2300 has
 * no physical meaning here (INTERF_EINPUT "start: ...: outside 1800-2300"); one that
 * reaches more than a year from the epoch is legal but outside the validity of the secular
 * orbit model of S.1503-4 §D6.3 (fitted at its epoch, without drag or resonance): then warning
 * (size n, may be NULL) receives a sentence saying so, else "". */
INTERF_API enum interf_status interf_time_window_check(const struct interf_time_window *w,
                                                       double epoch_unix_s, char *warning,
                                                       size_t n, struct interf_error *err);
/* The time (s after epoch_unix_s) of step k of w: (start - epoch) + k step, the same bits in
 * every tool. */
INTERF_API double interf_time_window_t(const struct interf_time_window *w, double epoch_unix_s,
                                       long k);

/* The frame of propagated positions. Earth-fixed is S.1503's rotating frame for satellites
 * given by elements and ITRF (no polar motion, UT1 = UTC) for the others. The inertial frame of
 * each satellite kind (enum interf_sat_kind below) is its own: S.1503's (X through Greenwich
 * at t = 0) for elements, TEME for two-line element sets, GCRF (geocentric) for OEM objects.
 * NATIVE is the inertial frame, except for an OEM object: its message's own REF_FRAME and
 * CENTER_NAME, as written. */
enum interf_frame { INTERF_FRAME_ECEF = 0, INTERF_FRAME_INERTIAL = 1, INTERF_FRAME_NATIVE = 2 };

/* Caller-owned structure-of-arrays output of the batch propagator: n entries each. The velocity
 * arrays may be NULL when velocities are not wanted. */
struct interf_ephem {
    double *x_km, *y_km, *z_km;
    double *vx_km_s, *vy_km_s, *vz_km_s;
};

/* Positions (and velocities, if the ephem's velocity arrays are set) of satellites
 * [first, first + n) at time t_s (s after the constellation's epoch), in the given frame, into
 * out[0..n), for the run `run` (station keeping, S.1503-4 §D6.3.6 case 2 and 3: node offset
 * W_delta (2 (t - t0) / T_run - 1); NULL: no offset). Each satellite moves by its kind's model:
 * S.1503-4 §D6.3 for elements (the same bits whatever else the constellation holds), SGP4/SDP4
 * (AIAA 2006-6753) for two-line element sets, turned from TEME to Earth-fixed by the IAU 1982
 * GMST (time.h, teme2ecef), and the OEM's interpolation brought to the Earth (interf_oem_state)
 * for OEM objects; these two at UTC epoch + t_s (interf_constellation_set_epoch). A satellite
 * whose propagation fails at that time (SGP4: decayed, eccentricity out of range; OEM: outside
 * the usable span) gets NaN: interf_constellation_dropouts finds them. No allocation;
 * thread-safe on a shared constellation. This is the hot path of every EPFD run. */
INTERF_API void interf_constellation_propagate(const struct interf_constellation *c, size_t first,
                                               size_t n, double t_s,
                                               const struct interf_orbit_run *run,
                                               enum interf_frame frame,
                                               const struct interf_ephem *out);

/* Steps between the exact evaluations of interf_constellation_propagate_steps. */
#define INTERF_STEP_ANCHOR 64

/* Earth-fixed positions (km) of satellite sat at the steps s = k0 ... k0 + n - 1 of the time
 * grid t_s = t0_s + s step_s (s after the constellation's epoch; k0 >= 0), into x_km, y_km,
 * z_km [0, n), for the run `run` as interf_constellation_propagate. A circular orbit given by
 * elements (S.1503-4 §D6.3: its node and argument of latitude advance linearly in time) is
 * evaluated exactly (sine and cosine) at the steps that are multiples of INTERF_STEP_ANCHOR and
 * turned by one step's angles from there (the angle-sum identities): the position at step s is a
 * function of s alone, whatever k0 and n (runs split in any slices give the same bits), and
 * differs from interf_constellation_propagate at the same time by rounding only (below 1e-13
 * relative after 63 turns). Other satellites are evaluated by interf_constellation_propagate at
 * every step. No allocation; thread-safe on a shared constellation. */
INTERF_API void interf_constellation_propagate_steps(const struct interf_constellation *c,
                                                     size_t sat,
                                                     const struct interf_orbit_run *run,
                                                     double t0_s, double step_s, long k0,
                                                     size_t n, double *x_km, double *y_km,
                                                     double *z_km);

/* A bound on how fast the direction of satellite index from the Earth's centre turns in
 * Earth-fixed axes during run (may be NULL: no station keeping), in rad/s, so that a caller
 * can tell how long a satellite stays away from a region without propagating it. The direction
 * is R3(node) R1(i) (cos u, sin u, 0), so its rate is at most |du/dt| + |d node/dt|: the
 * argument of latitude turns at most at |omega_dot| + n_bar (1 + e)^2 / (1 - e^2)^1.5 (the true
 * anomaly's rate at perigee, S.1503-4 eqs. 20 and 22), and the node at |Omega_dot +
 * 2 W_delta / T_run - omega_e| (eq. 21 with the station keeping of §D6.3.6 cases 2 and 3, in
 * Earth-fixed axes); 0 for a satellite fixed in Earth-fixed axes. Satellites not moved by that
 * model (two-line element sets, OEM objects: enum interf_sat_kind) give INFINITY. Thread-safe. */
INTERF_API double interf_constellation_turn_rate(const struct interf_constellation *c,
                                                 size_t index,
                                                 const struct interf_orbit_run *run);


/* ==========================================================================================
 * Two-line element sets and SGP4/SDP4
 *
 * The NORAD two-line element (TLE) format and the SGP4/SDP4 propagator of Vallado, Crawford,
 * Hujsak and Kelso, "Revisiting Spacetrack Report #3", AIAA 2006-6753 (2006), in its
 * "improved" operation mode, with the WGS-72 constants the element sets are fitted with.
 * Output: position (km) and velocity (km/s) in TEME, the true equator, mean equinox frame
 * SGP4 works in (not the S.1503 inertial frame above, not J2000; Earth-fixed axes are one
 * rotation away, through the Greenwich mean sidereal angle of the time). Times are minutes
 * since a satellite's epoch, or POSIX seconds: UTC days of 86400 s, like the epochs.
 * ========================================================================================== */

/* One element set as written (angles in degrees, rates in revolutions per day). */
struct interf_tle {
    char name[64];              /* line 0 without a "0 " prefix or trailing blanks; "" if none */
    long catalog_number;        /* 0..339999; Alpha-5 "A0001" = 100001 (I and O are unused) */
    char classification;        /* 'U', 'C' or 'S' (a blank reads as 'U') */
    char intl_designator[9];    /* "58002B"; "" when blank */
    int epoch_year;             /* 1957..2056 (two digits: 57..99 -> 19xx, 00..56 -> 20xx) */
    double epoch_day;           /* day of the year with its fraction, 1.0 = 1 January 0 h UTC */
    double epoch_jd;            /* UTC Julian date of 0 h of the epoch's day (ends in .5) */
    double epoch_jd_frac;       /* fraction of that day, [0, 1) */
    double epoch_unix_s;        /* the epoch in POSIX seconds */
    double ndot_rev_day2;       /* first derivative of the mean motion, divided by 2 */
    double nddot_rev_day3;      /* second derivative of the mean motion, divided by 6 */
    double bstar_per_er;        /* B* drag term, per Earth radius */
    int ephemeris_type;         /* 0 (a blank reads as 0) */
    int element_set_number;
    double inclination_deg;     /* 0..180 */
    double raan_deg;            /* right ascension of the ascending node, 0..360 */
    double eccentricity;        /* 0..1 (implied decimal point) */
    double argp_deg;            /* argument of perigee, 0..360 */
    double mean_anomaly_deg;    /* 0..360 */
    double mean_motion_rev_day; /* > 0 */
    long revolution_number;     /* at epoch */
    long line;                  /* line of the file that holds line 1 (for messages) */
};

/* A growing array of element sets. Zero it (interf_tle_list_init) before use; free with
 * interf_tle_list_free. */
struct interf_tle_list {
    size_t n, cap;
    struct interf_tle *tle;
};
INTERF_API void interf_tle_list_init(struct interf_tle_list *list);
INTERF_API void interf_tle_list_free(struct interf_tle_list *list); /* leaves it empty */

/* interf_tle_read flags. */
#define INTERF_TLE_NO_CHECKSUM 1u /* do not verify the modulo-10 checksums (column 69) */

/* Read every element set of a text file, in two-line or three-line form (a name line before
 * line 1, optionally "0 "-prefixed), appending them to out in file order. Blank lines and
 * lines starting with '#' are skipped; CRLF line ends are accepted; text after column 69 is
 * ignored. Every field is read from its fixed columns and checked, and so is each line's
 * checksum unless flags has INTERF_TLE_NO_CHECKSUM.
 *   fp    [in]  the open file, read to its end
 *   name  [in]  the file's name for messages
 *   flags [in]  0 or INTERF_TLE_NO_CHECKSUM
 *   out   [in,out] list the sets are appended to; unchanged on failure
 * Returns INTERF_OK; INTERF_EINPUT with err->msg "NAME:LINE:COLUMN: FIELD: what is wrong"
 * (FIELD e.g. "eccentricity", "checksum"); INTERF_EIO on a read error; INTERF_ENOMEM.
 * Not thread-safe on one list; the numbers do not depend on the locale. */
INTERF_API enum interf_status interf_tle_read(FILE *fp, const char *name, unsigned flags,
                                              struct interf_tle_list *out,
                                              struct interf_error *err);

/* 1 when the element set matches pattern, else 0. A pattern of digits, or of a letter and four
 * digits (Alpha-5), is a catalogue number; anything else matches the name, ignoring ASCII case,
 * with '*' standing for any run of characters and '?' for one character. */
INTERF_API int interf_tle_match(const struct interf_tle *tle, const char *pattern);

/* The catalogue number text spells: digits (up to nine), or Alpha-5 (a capital letter other
 * than I and O, then four digits: "A0001" = 100001); -1 for anything else. */
INTERF_API long interf_tle_catalog_number(const char *text);

/* Append to out the element sets of in that match any of patterns[0..n_patterns), in the
 * order of in, each once. INTERF_EINPUT "PATTERN: no element set matches" when one of the
 * patterns matches none (out is then unchanged); INTERF_ENOMEM. */
INTERF_API enum interf_status interf_tle_select(const struct interf_tle_list *in,
                                                const char *const *patterns, size_t n_patterns,
                                                struct interf_tle_list *out,
                                                struct interf_error *err);

/* Codes of the propagator (AIAA 2006-6753, sgp4 and sgp4init). A code other than OK stops
 * that satellite at that time: its position and velocity are NaN. */
enum interf_sgp4_code {
    INTERF_SGP4_OK = 0,
    INTERF_SGP4_ECCENTRICITY = 1,      /* mean eccentricity outside [-0.001, 1) */
    INTERF_SGP4_MEAN_MOTION = 2,       /* mean motion not positive */
    INTERF_SGP4_PERTURBED_ECC = 3,     /* perturbed eccentricity outside [0, 1] (SDP4) */
    INTERF_SGP4_SEMILATUS_RECTUM = 4,  /* semi-latus rectum negative */
    INTERF_SGP4_SUBORBITAL = 5,        /* never returned: see interf_sgp4_info.suborbital */
    INTERF_SGP4_DECAYED = 6            /* the satellite is inside the Earth */
};
/* English text for a code ("satellite decayed", ...). Never NULL. */
INTERF_API const char *interf_sgp4_code_str(int code);

/* An initialised satellite (opaque; create with interf_sgp4_create). Read-only once created,
 * so one satellite may be propagated from many threads. */
struct interf_sgp4;

/* What initialisation found out about a satellite. */
struct interf_sgp4_info {
    long catalog_number;
    double epoch_jd, epoch_jd_frac; /* the epoch as a UTC Julian date, split as in interf_tle */
    double epoch_unix_s;            /* the epoch in POSIX seconds */
    double period_min;              /* 2 pi / n0, n0 the mean motion recovered from the TLE's */
    double perigee_alt_km, apogee_alt_km; /* above the WGS-72 equatorial radius 6378.135 km */
    int deep_space;                 /* 1: SDP4 (period >= 225 min), 0: SGP4 near-Earth */
    int suborbital;                 /* 1: perigee of the epoch elements below the surface. The
                                       reference reports this (code 5) and propagates on, until
                                       the satellite decays (code 6); so does interf */
};

/* Initialise the model of one element set (AIAA 2006-6753 sgp4init, WGS-72, mode "i").
 *   tle [in]  the element set
 *   out [out] a new satellite (free with interf_sgp4_destroy); NULL on failure
 * INTERF_EINPUT "satellite NUMBER (line LINE): FIELD: ..." for elements the model cannot take
 * (eccentricity outside [0, 1), mean motion not positive, values not finite: interf_tle_read
 * never gives such sets); INTERF_ENOMEM. */
INTERF_API enum interf_status interf_sgp4_create(const struct interf_tle *tle,
                                                 struct interf_sgp4 **out,
                                                 struct interf_error *err);
INTERF_API void interf_sgp4_destroy(struct interf_sgp4 *sat); /* NULL: no-op */
INTERF_API void interf_sgp4_get_info(const struct interf_sgp4 *sat,
                                     struct interf_sgp4_info *info);

/* Minutes from the satellite's epoch to POSIX time unix_s, as the batch computes them. */
INTERF_API double interf_sgp4_minutes(const struct interf_sgp4 *sat, double unix_s);

/* Position and velocity of one satellite tsince_min minutes after its epoch (AIAA 2006-6753
 * sgp4), in TEME.
 *   r_km   [out] position (km); NaN when the code is not OK
 *   v_km_s [out] velocity (km/s), may be NULL; NaN when the code is not OK
 * Returns an enum interf_sgp4_code. Thread-safe; no allocation. Gives the same bits as the
 * batch path for the same minutes. */
INTERF_API int interf_sgp4_propagate(const struct interf_sgp4 *sat, double tsince_min,
                                     double r_km[3], double v_km_s[3]);

/* Many satellites ready for propagation to a common time, near-Earth ones held as structure
 * of arrays for the vectorised kernel. Built once (allocates), then read-only: one batch may
 * be propagated from many threads at once. */
struct interf_sgp4_batch;

/* Initialise tles[0..n) into a new batch (free with interf_sgp4_batch_destroy); satellite k
 * is tles[k]. Errors as interf_sgp4_create, for the first element set that fails. */
INTERF_API enum interf_status interf_sgp4_batch_create(const struct interf_tle *tles, size_t n,
                                                       struct interf_sgp4_batch **out,
                                                       struct interf_error *err);
INTERF_API void interf_sgp4_batch_destroy(struct interf_sgp4_batch *b); /* NULL: no-op */
INTERF_API size_t interf_sgp4_batch_count(const struct interf_sgp4_batch *b);
/* The satellite k of the batch (owned by the batch). */
INTERF_API const struct interf_sgp4 *interf_sgp4_batch_satellite(const struct interf_sgp4_batch *b,
                                                                 size_t k);

/* Positions (and velocities, when out's velocity arrays are not NULL) of satellites
 * [first, first + n) (within the batch) at POSIX time unix_s (UTC), in TEME (km, km/s), into
 * out[0..n), and
 * their codes into code[0..n) when code is not NULL. A satellite with a code other than OK
 * gets NaN and the others go on. Returns how many satellites have a code other than OK.
 * No allocation; thread-safe on a shared batch. Each satellite gets the same bits as
 * interf_sgp4_propagate(sat, interf_sgp4_minutes(sat, unix_s), ...). */
INTERF_API size_t interf_sgp4_batch_propagate(const struct interf_sgp4_batch *b, size_t first,
                                              size_t n, double unix_s,
                                              const struct interf_ephem *out, int *code);

/* ==========================================================================================
 * The Moon, and satellites given by a CCSDS Orbit Ephemeris Message (OEM)
 * ========================================================================================== */

/* Geocentric position (km) and velocity (km/s) of the Moon in GCRF at TT (a two-part Julian
 * date of TT; TDB may be given instead with no significant change), from ERFA's eraMoon98: the
 * Meeus (Astronomical Algorithms, 2nd ed., 1998, p. 337) series, without the light-time
 * correction, rotated from the mean ecliptic of date to GCRS by the IAU 2006 precession.
 * Accuracy, as ERFA documents it against ELP/MPP02 over 1950-2100: RMS 2.9 arcsec in direction,
 * 6.1 km in position and 36 mm/s in velocity; worst case 18.3 arcsec, 31.7 km and 172 mm/s.
 * The velocity leaves out the precession of the ecliptic of date (under 3 mm/s), so it differs
 * from the derivative of the position by up to that. Passing UT instead of TT costs about 30
 * arcsec (the Moon moves 0.5 arcsec/s). v_km_s may be NULL. Thread-safe: no state. */
INTERF_API void interf_moon_gcrf(const struct interf_jd *tt, double r_km[3], double v_km_s[3]);

/* A CCSDS Orbit Ephemeris Message (CCSDS 502.0-B-3 §5, KVN form; versions 1.0, 2.0 and 3.0),
 * read whole into memory. Opaque; read-only after loading, so one message may be queried from
 * many threads at once.
 *
 * What is read: the header (CCSDS_OEM_VERS, CREATION_DATE, ORIGINATOR, optional COMMENT,
 * CLASSIFICATION, MESSAGE_ID); one or more segments, each a META_START ... META_STOP block
 * (OBJECT_NAME, OBJECT_ID, CENTER_NAME EARTH or MOON, REF_FRAME EME2000, GCRF, ICRF, TEME or an
 * ITRF (ITRF, ITRF-93, ITRF-97, ITRF2000, ITRF2005, ITRF2008, ITRF2014, ITRF2020), TIME_SYSTEM
 * UTC, TAI, TT or TDB (the same in every segment), START_TIME, STOP_TIME, USEABLE_START_TIME,
 * USEABLE_STOP_TIME, INTERPOLATION LAGRANGE, HERMITE or LINEAR with INTERPOLATION_DEGREE,
 * REF_FRAME_EPOCH (ignored: none of these frames needs one), COMMENT) followed by data lines
 * "epoch x y z vx vy vz [ax ay az]" (km, km/s, km/s^2; accelerations are checked and not used),
 * in strictly increasing time within [START_TIME, STOP_TIME]. Epochs are
 * YYYY-MM-DDThh:mm:ss[.f...][Z] or YYYY-DDDThh:mm:ss[.f...][Z] (a second of 60 only on a day
 * with a leap second, in UTC). Blank lines are ignored, TAB counts as a space. A covariance block
 * (COVARIANCE_START ... COVARIANCE_STOP) is skipped, and a note says so. An Earth-fixed or TEME
 * frame needs CENTER_NAME EARTH.
 *
 * Interpolation follows the segment's metadata and never crosses segments: LAGRANGE of degree
 * N on the N + 1 data points nearest the time, positions and velocities each interpolated;
 * HERMITE of degree N on the ceil((N + 1) / 2) nearest points, matching positions and
 * velocities, the velocity being the derivative of the position polynomial; LINEAR is LAGRANGE
 * of degree 1. When INTERPOLATION is not given, LAGRANGE of degree 5 is used (a note says so;
 * CCSDS leaves it to the reader). A segment must hold enough data lines for its interpolation.
 * A time can be asked within a segment's usable span: USEABLE_START_TIME to USEABLE_STOP_TIME
 * (START_TIME to STOP_TIME when not given), cut to its first and last data epochs.
 *
 * Errors are INTERF_EINPUT with one message naming FILE:LINE: KEYWORD, e.g.
 * "gateway.oem:14: REF_FRAME: FK4: unknown frame (EME2000, GCRF, ICRF, TEME, ITRF...)"; data
 * lines name the column (EPOCH, X, ..., Z_DDOT). Lines, NUL bytes, NaN and infinity are
 * rejected with the same form. */
struct interf_oem;

/* Read the message in the file path; *out must be freed with interf_oem_destroy. INTERF_EIO
 * when the file cannot be read, INTERF_EINPUT for a malformed message, INTERF_ENOMEM. */
INTERF_API enum interf_status interf_oem_load(const char *path, struct interf_oem **out,
                                              struct interf_error *err);
/* The same from an open stream; name is used in messages (e.g. the file name). */
INTERF_API enum interf_status interf_oem_read(FILE *fp, const char *name,
                                              struct interf_oem **out, struct interf_error *err);
INTERF_API void interf_oem_destroy(struct interf_oem *oem); /* NULL is a no-op */

/* What the reader noted without failing, one "FILE:LINE: KEYWORD: ..." line each, separated
 * by newlines (e.g. a skipped covariance block, the default interpolation): for the caller to
 * print. "" when there is nothing. Owned by oem. */
INTERF_API const char *interf_oem_notes(const struct interf_oem *oem);

/* One segment as read. Strings are owned by the message. The usable span is given in UTC. */
struct interf_oem_segment_info {
    const char *object_name, *object_id, *center_name, *ref_frame, *time_system;
    const char *interpolation; /* "LAGRANGE" or "HERMITE" (LINEAR is LAGRANGE of degree 1) */
    int interpolation_degree;
    size_t n_states;
    int meta_line;                    /* the line of its META_START */
    struct interf_jd use_start_utc;   /* the usable span (see above) */
    struct interf_jd use_stop_utc;
};

INTERF_API size_t interf_oem_segment_count(const struct interf_oem *oem);
/* INTERF_EINVAL when index >= interf_oem_segment_count. */
INTERF_API enum interf_status interf_oem_segment(const struct interf_oem *oem, size_t index,
                                                 struct interf_oem_segment_info *info,
                                                 struct interf_error *err);

/* The state of object (an OBJECT_NAME; NULL = the first segment's) at the UTC instant utc,
 * interpolated as the message says, in the message's own REF_FRAME and CENTER_NAME: position
 * (km) and velocity (km/s). INTERF_EINPUT, naming the usable span(s), when no segment of that
 * object covers the time, or naming the objects when there is no such object. Thread-safe. */
INTERF_API enum interf_status interf_oem_interpolate(const struct interf_oem *oem,
                                                     const char *object,
                                                     const struct interf_jd *utc,
                                                     double r_km[3], double v_km_s[3],
                                                     struct interf_error *err);

/* The same state brought to the Earth: geocentric in GCRF and in ITRF, through the time layer
 * (time.h: EME2000 by the frame bias, TEME and ITRF through interf_earth_rotation_at with eop,
 * which may be NULL; its dut1_s sets UT1) and, for CENTER_NAME MOON, by adding the Moon's
 * geocentric state of interf_moon_gcrf (whose 6 km RMS error then adds to the result). Any of
 * the four outputs may be NULL. Errors as interf_oem_interpolate. Thread-safe. */
INTERF_API enum interf_status interf_oem_state(const struct interf_oem *oem, const char *object,
                                               const struct interf_jd *utc,
                                               const struct interf_eop *eop,
                                               double r_gcrf_km[3], double v_gcrf_km_s[3],
                                               double r_itrf_km[3], double v_itrf_km_s[3],
                                               struct interf_error *err);

/* ==========================================================================================
 * Constellations of mixed satellites: S.1503 elements, two-line element sets, OEM objects
 *
 * One constellation may hold satellites of three kinds, each moved by its own model through
 * interf_constellation_propagate. Satellites are numbered in the order they are added.
 * ========================================================================================== */

enum interf_sat_kind {
    INTERF_SAT_ELEMENTS = 0, /* interf_constellation_add: the S.1503-4 §D6.3 model */
    INTERF_SAT_TLE = 1,      /* interf_constellation_add_tle: SGP4/SDP4 */
    INTERF_SAT_OEM = 2       /* interf_constellation_add_oem: an OEM's interpolation */
};

/* The UTC instant (POSIX seconds) of t = 0: the system's epoch. TLE and OEM satellites are
 * propagated to epoch + t; elements do not depend on it. Default 946728000 (J2000.0,
 * 2000-01-01T12:00:00Z). Set it before propagating, not while other threads propagate. */
INTERF_API void interf_constellation_set_epoch(struct interf_constellation *c,
                                               double epoch_unix_s);
INTERF_API double interf_constellation_epoch(const struct interf_constellation *c);

/* Append n satellites given by two-line element sets (copied), propagated by SGP4/SDP4 as one
 * batch (interf_sgp4_batch_create); each gets the plane label plane. Their stored elements
 * (interf_constellation_satellite) are approximate, for bounds and the time step of S.1503-4
 * §D4.2 only: a and e from the perigee and apogee heights SGP4 recovers (WGS-72 radius),
 * inclination, node longitude (right ascension minus the IAU 1982 GMST), argument of perigee
 * and mean anomaly at the set's own epoch, and the S.1503 J2 rates.
 *   first [out] index of the first new satellite (may be NULL)
 * INTERF_EINVAL when they do not fit the capacity; errors of interf_sgp4_batch_create (the
 * message names the catalogue number and the set's line); INTERF_ENOMEM. On failure the
 * constellation is unchanged. */
INTERF_API enum interf_status interf_constellation_add_tle(struct interf_constellation *c,
                                                           const struct interf_tle *tles,
                                                           size_t n, int plane, size_t *first,
                                                           struct interf_error *err);

/* Append the objects of an OEM as satellites: objects[0..n_objects) (OBJECT_NAMEs, each once),
 * or, when n_objects is 0, every object of the message in the order of its first segment. c
 * takes ownership of oem whatever the outcome (it is freed with c, or now on failure). Plane
 * label -1. Stored elements (interf_constellation_satellite) are the osculating two-body
 * elements about the Earth of the GCRF state at the first usable time of each object, for
 * bounds only. INTERF_EINPUT "OBJECT_NAME X: not in the message"; INTERF_EINVAL when they do not
 * fit the capacity; INTERF_ENOMEM. On failure the constellation is unchanged. */
INTERF_API enum interf_status interf_constellation_add_oem(struct interf_constellation *c,
                                                           struct interf_oem *oem,
                                                           const char *const *objects,
                                                           size_t n_objects, size_t *first,
                                                           struct interf_error *err);

/* Who satellite k is. Strings are owned by c. */
struct interf_sat_ident {
    enum interf_sat_kind kind;
    const char *name;     /* the TLE's name or the OBJECT_NAME; "" for elements */
    long catalog_number;  /* the TLE's catalogue number; -1 for the other kinds */
    const char *frame;    /* its native frame: "S.1503" (the inertial frame of §D6.3.3),
                             "TEME", or the OEM's REF_FRAME */
    const char *center;   /* "EARTH", or the OEM's CENTER_NAME */
};
INTERF_API void interf_constellation_ident(const struct interf_constellation *c, size_t k,
                                           struct interf_sat_ident *id);

/* A satellite that drops out of a run: its propagation fails from step time t_s on (or at t_s
 * only, for an OEM object whose usable span has a gap). code is an enum interf_sgp4_code, or
 * INTERF_DROPOUT_SPAN for an OEM object outside its usable span. */
#define INTERF_DROPOUT_SPAN (-1)
struct interf_dropout {
    size_t sat;
    double t_s; /* s after the constellation's epoch */
    int code;
};

/* The satellites of c whose propagation fails at a step of window w (TLE and OEM satellites
 * only: elements never fail), in satellite order, the first n_max of them into out (may be
 * NULL when n_max is 0). Returns how many there are. Each is tested at the window's first and
 * last steps and, when it fails at the last, its first failing step is found by bisection: the
 * failures of SGP4 come from drag and of an OEM from the ends of its span, so they hold from a
 * time on. A gap inside an OEM's span is not looked for (the satellite gets NaN there all the
 * same). Thread-safe; no allocation. */
INTERF_API size_t interf_constellation_dropouts(const struct interf_constellation *c,
                                                const struct interf_time_window *w,
                                                struct interf_dropout *out, size_t n_max);

/* One line on a drop-out into buf (size n), returned: "satellite 12 (ISS (ZARYA), catalogue
 * number 25544) drops out of the run at 2025-01-03T04:00:00Z: satellite decayed". */
INTERF_API char *interf_dropout_describe(const struct interf_constellation *c,
                                         const struct interf_dropout *d, char *buf, size_t n);

#ifdef __cplusplus
}
#endif
#endif
