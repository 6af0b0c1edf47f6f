/* SPDX-License-Identifier: MIT */
/* interf system: parse a system file (INI style, our own reader, see interf-system(5)) into a
 * validated description: antennas, beams, orbit groups and the constellation they make. Every
 * error names file:line: [section NAME] key: value: allowed range. */
#ifndef INTERF_SYSTEM_H
#define INTERF_SYSTEM_H

#include "interf/antenna.h"
#include <stdio.h>

#include "interf/core.h"
#include "interf/exam.h"
#include "interf/geo.h"
#include "interf/io.h"
#include "interf/orbit.h"

#ifdef __cplusplus
extern "C" {
#endif

#define INTERF_NAME_MAX 64
#define INTERF_PATH_MAX 1024

struct interf_system_antenna {
    char name[INTERF_NAME_MAX];
    struct interf_antenna antenna; /* validated through the pattern registry */
    int line;                      /* line of the section header (for later messages) */
};

enum interf_pointing { INTERF_POINT_NADIR = 0, INTERF_POINT_OFF_NADIR = 1, INTERF_POINT_AIM = 2 };

#define INTERF_BEAM_CHANNELS_MAX 64
struct interf_system_beam {
    char name[INTERF_NAME_MAX];
    size_t antenna;                /* index into the system's antennas */
    enum interf_pointing pointing;
    double off_nadir_deg, azimuth_deg;    /* INTERF_POINT_OFF_NADIR */
    double aim_lat_deg, aim_lon_deg;      /* INTERF_POINT_AIM */
    double orientation_deg;               /* major axis of an elliptical beam, from north, cw */
    double power_dbw;  /* into the antenna, in the reference bandwidth; from eirp_dbw when that is
                          given: power = eirp - antenna peak gain */
    int line;
    /* channels = LO-HI:PSD, ...: the beam's spectrum (frequency-resolved runs,
     * interf_epfd_run_channels): in each band [lo_ghz, hi_ghz] the power into the antenna in the
     * reference bandwidth, dB(W) (power_dbw elsewhere is not transmitted); none given (0): the
     * beam transmits power_dbw across the system's band_ghz */
    struct interf_beam_channel {
        double lo_ghz, hi_ghz, psd_dbw;
    } channels[INTERF_BEAM_CHANNELS_MAX];
    size_t n_channels;
};

/* The unit boresight b (ECEF) of beam bm of a satellite at r_km (ECEF, km): toward the Earth's
 * centre (nadir: the geocentric direction, on WGS 84 too), tilted by off_nadir_deg toward
 * azimuth_deg (from north, clockwise) of the sub-satellite point's geocentric east/north frame,
 * or toward the aim point, whose ECEF position (km, on the run's Earth model) the caller gives
 * in aim_km (ignored for the other pointings; may then be NULL). */
INTERF_API void interf_beam_boresight(const struct interf_system_beam *bm, const double r_km[3],
                                      const double aim_km[3], double b[3]);

enum interf_orbit_type {
    INTERF_ORBIT_WALKER_DELTA = 0,
    INTERF_ORBIT_WALKER_STAR = 1,
    INTERF_ORBIT_ELEMENTS = 2,
    INTERF_ORBIT_GSO = 3,
    INTERF_ORBIT_TLE = 4,          /* two-line element sets, SGP4/SDP4 */
    INTERF_ORBIT_OEM = 5           /* the objects of a CCSDS OEM */
};

/* What the examination of Rec. ITU-R S.1503-4 needs of an orbit group beyond its motion
 * (§B3.2, §B3.3, §B4.1): the pfd mask its satellites share and its operating parameters, from
 * the keys of interf-system(5) (pfd_mask, operating_params_file, min_exclude_deg, ...). */
struct interf_orbit_exam {
    char pfd_mask_file[INTERF_PATH_MAX];  /* resolved against the system file; "" if none */
    struct interf_pfd_mask *pfd_mask;     /* read from it (XML or interf-mask(5) text, by
                                             content), owned by the system; NULL if none */
    char op_params_file[INTERF_PATH_MAX]; /* operating_params_file; "" if none */
    /* The operating parameters of the group's frequency range: from operating_params_file,
     * else from the keys, with the defaults of §B3.3 (ES latitudes -90..90, no MAX_CO_FREQ,
     * angles 0); MIN_EXCLUDE of Walker plane p has orb_id p + 1, orb_id 0 is every plane;
     * without min_exclude_deg (min_elev_deg) a gso_avoidance_deg (min_elevation_deg) given is
     * taken as a constant table. */
    struct interf_op_params ops;
    /* H_MIN (h_min_km, 0 if absent), DoesRepeat and P_repeat (repeat_period_s), W_delta and
     * the administration precession (station_keeping_deg, precession_deg_per_day). */
    struct interf_op_orbit orbit;
    /* The e.i.r.p. masks of epfd up and epfd_is (§B4.2, §C3, §C4.3-§C4.4), XML or
     * interf-mask(5) text by content, owned by the system; NULL and "" if none: eirp_mask the
     * earth stations' (form "T" or "A"), ss_eirp_mask the satellites' toward the GSO arc. */
    char eirp_mask_file[INTERF_PATH_MAX];
    struct interf_eirp_mask *eirp_mask;
    char ss_eirp_mask_file[INTERF_PATH_MAX];
    struct interf_eirp_mask *ss_eirp_mask;
    double es_beamwidth_deg; /* the earth station's 3 dB beamwidth for §D4.3 (0: the mask's) */
};

struct interf_system_orbit {
    char name[INTERF_NAME_MAX];
    enum interf_orbit_type type;
    size_t first_sat, n_sats;      /* satellites [first_sat, first_sat + n_sats) */
    int planes, phasing;           /* Walker P and F (1 plane and phasing 0 otherwise) */
    size_t beams[16], n_beams;     /* indices into the system's beams */
    double min_elevation_deg;      /* default 0 */
    double gso_avoidance_deg;      /* alpha0; 0 = none */
    /* J2 (default), KEPLER (j2 = no), ADMIN (precession_deg_per_day given, as rad/s over a day
     * of 86400 s) or FIXED (gso); w_delta_rad from station_keeping_deg. */
    struct interf_orbit_options options;
    char schedule_file[INTERF_PATH_MAX]; /* resolved against the system file; "" if none */
    int line;
    struct interf_orbit_exam exam;       /* the examination's parameters */
    char data_file[INTERF_PATH_MAX]; /* tle_file or oem_file, resolved; "" for other types */
};

struct interf_system_earth_station {
    int given;                     /* 1 if the file has an [earth-station] section */
    double dish_m;                 /* 0 if not given */
    char pattern[INTERF_NAME_MAX]; /* "" if not given */
    int gso_lon_same;              /* 1: each point's own longitude (the default) */
    double gso_lon_deg;            /* when gso_lon_same is 0 */
};

/* The parsed system (opaque; read-only after load, shareable between threads). */
struct interf_system;

/* Read and validate the system file at path (see interf-system(5)). On success *out is a new
 * system that the caller frees with interf_system_destroy; on failure *out is NULL and err
 * (may be NULL) holds one line:
 *   INTERF_EIO     "PATH: No such file or directory" (the file cannot be opened or read);
 *   INTERF_EINPUT  "PATH:LINE: [kind NAME] key: value: what is wrong", e.g.
 *                  "leo.ini:14: [orbit shell1] inclination_deg: 200: allowed range 0 to 180 deg";
 *                  a missing key is located at its section's header line; errors about the
 *                  whole file (no [system], no [orbit]) at line 1;
 *   INTERF_ENOMEM; INTERF_EINVAL when path or out is NULL.
 * PATH is path as given. Numbers are read in the C locale whatever the caller's LC_NUMERIC.
 * Thread-safe: loads of different files may run at once. */
INTERF_API enum interf_status interf_system_load(const char *path, struct interf_system **out,
                                                 struct interf_error *err);
/* The same from the file's bytes data[0..len) already read (e.g. by one process of a parallel
 * run and sent to the others): path names the file as interf_system_load's does (messages,
 * system path and SHA-256 of the bytes in interf_system_info; "-" is standard input, "<stdin>"
 * in messages), and files the system file names (antenna tables, schedules) are found
 * relative to its folder. data is not kept. */
INTERF_API enum interf_status interf_system_load_buffer(const char *path, const char *data,
                                                        size_t len, struct interf_system **out,
                                                        struct interf_error *err);
INTERF_API void interf_system_destroy(struct interf_system *sys); /* NULL is a no-op */

/* The [system] section and totals. */
struct interf_system_info {
    char name[128];
    char path[INTERF_PATH_MAX];   /* as given to interf_system_load ("-": standard input) */
    char sha256[65];              /* SHA-256 of the file's bytes, lower-case hex */
    double epoch_unix_s;          /* t = 0 (epoch_utc), POSIX seconds */
    double band_lo_ghz, band_hi_ghz; /* 0 when band_ghz is not given */
    double ref_bandwidth_khz;     /* default 40 */
    double freq_ghz;              /* S.1503-4 §D2.1: band_lo + ref_bandwidth/2 (0 without band) */
    size_t n_antennas, n_beams, n_orbits, n_sats;
};

/* The accessors return pointers into sys (valid until interf_system_destroy), and NULL for an
 * index out of range. Antennas, beams and orbits are numbered in file order within each kind. */
INTERF_API const struct interf_system_info *interf_system_info(const struct interf_system *sys);
INTERF_API const struct interf_system_antenna *interf_system_antenna(const struct interf_system *s,
                                                                     size_t i);
INTERF_API const struct interf_system_beam *interf_system_beam(const struct interf_system *s,
                                                               size_t i);
INTERF_API const struct interf_system_orbit *interf_system_orbit(const struct interf_system *s,
                                                                 size_t i);
INTERF_API const struct interf_system_earth_station *
interf_system_earth_station(const struct interf_system *s);
/* All satellites of all groups, numbered 0.. in file order (Walker: base + p S + j). The plane
 * label of a Walker satellite is p; single satellites (elements, gso) carry -1. */
INTERF_API const struct interf_constellation *
interf_system_constellation(const struct interf_system *s);
/* Warnings found while loading (e.g. S.1503-4 §B5.1: 0 < e < 0.01 forced to 0), each complete
 * and located like an error, without a "warning:" word (the caller adds its own). The tools
 * print them on stderr unless -q. interf_system_warning returns NULL for i out of range. */
INTERF_API size_t interf_system_warning_count(const struct interf_system *s);
INTERF_API const char *interf_system_warning(const struct interf_system *s, size_t i);
/* The orbit group of satellite sat (index into the orbits); n_orbits when sat is out of
 * range. */
INTERF_API size_t interf_system_sat_orbit(const struct interf_system *s, size_t sat);

/* Satellites chosen by text into sel[0..n_sats) (1 = chosen): an index list ("0,5,10-20",
 * interf_parse_index_list), "name:PATTERN[,PATTERN...]" (shell-style, interf_name_match,
 * against each satellite's name: a TLE's name, an OEM's OBJECT_NAME, else its [orbit NAME]) or
 * "norad:NUMBER[,NUMBER...]" (catalogue numbers of TLE satellites, digits or Alpha-5). Each
 * pattern or number must choose at least one satellite. INTERF_EINPUT naming the pattern
 * ("name:FOO*: no satellite has a matching name"); the message names no option. */
INTERF_API enum interf_status interf_system_select(const struct interf_system *sys,
                                                   const char *text, unsigned char *sel,
                                                   struct interf_error *err);

/* ------------------------------------------------------------------ ephemeris tables */

/* The frame of an ephemeris table. */
enum interf_ephem_frame {
    INTERF_EPHEM_GEODETIC = 0, /* lat_deg lon_deg alt_km on the Earth model */
    INTERF_EPHEM_ECEF = 1,     /* x_km .. vz_km_s, Earth-fixed */
    INTERF_EPHEM_INERTIAL = 2, /* x_km .. vz_km_s, the inertial frame of S.1503-4 §D6.3.3 */
    /* The frames of real dates (time.h), positions to the millimetre (6 decimals in km). Every
     * satellite's Earth-fixed state is taken as ITRF (no polar motion, UT1 = UTC) at UTC
     * epoch + t and turned: */
    INTERF_EPHEM_TEME = 3,     /* by the IAU 1982 GMST (SGP4's frame; teme2ecef inverted) */
    INTERF_EPHEM_GCRF = 4,     /* by IAU 2006/2000A, ERFA */
    INTERF_EPHEM_ITRF = 5,     /* as it is */
    INTERF_EPHEM_NATIVE = 6    /* each satellite in its own frame (INTERF_FRAME_NATIVE): S.1503's
                                  inertial frame, TEME for a TLE, an OEM's REF_FRAME and centre */
};

/* A table of satellite positions over time (interf-orbit(1)): steps start + k step, k = 0 ..
 * n_steps - 1 (station keeping spans those steps: S.1503-4 §D6.3.6), the satellites with a 1 in
 * sel (NULL: all), and, with an observer, its look angles, range and GSO-arc angle alpha
 * (S.1503-4 §D6.4.4), rows below min_elevation_deg dropped. */
struct interf_ephemeris_request {
    const struct interf_system *sys;
    const struct interf_earth *earth;
    double start_unix_s, step_s;
    long n_steps;
    enum interf_ephem_frame frame;
    const unsigned char *sel;
    int has_observer;
    double obs_lat_deg, obs_lon_deg, obs_alt_m;
    int has_min_elevation;
    double min_elevation_deg;
};

/* The time window of the request (no T_run of its own: the steps themselves). */
INTERF_API struct interf_time_window
interf_ephemeris_window(const struct interf_ephemeris_request *r);

/* Write the table (interf-table(5): the schema line, prov's items and the run's own, rows of
 * "t_s sat plane ..."). Satellites that drop out (interf_constellation_dropouts over the
 * request's window) have no rows from then on, and a "# warning:" line each. INTERF_EINPUT
 * naming the field for a bad request (observer_alt_m ...), INTERF_EIO "write error: ..." on a
 * write error. */
INTERF_API enum interf_status interf_ephemeris_write(FILE *fp,
                                                     const struct interf_ephemeris_request *r,
                                                     const struct interf_provenance *prov,
                                                     struct interf_error *err);

#ifdef __cplusplus
}
#endif
#endif
