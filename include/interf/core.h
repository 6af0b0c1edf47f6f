/* SPDX-License-Identifier: MIT */
/* interf core: status codes, the error record, dB helpers, time parsing and the constants of
 * Rec. ITU-R S.1503-4 (09/2023) Table 2, each with its source. */
#ifndef INTERF_CORE_H
#define INTERF_CORE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define INTERF_API __attribute__((visibility("default")))
#define INTERF_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define INTERF_API
#define INTERF_PRINTF(fmt, args)
#endif

/* Status codes returned by every fallible function. Never renumber. */
enum interf_status {
    INTERF_OK = 0,
    INTERF_EINVAL = 1,    /* API misuse (a programmer error) */
    INTERF_EINPUT = 2,    /* bad input data: file contents, values out of range */
    INTERF_EIO = 3,       /* a file could not be opened, read or written */
    INTERF_ENOMEM = 4,    /* out of memory */
    INTERF_ECANCELED = 5  /* a progress callback asked to stop */
};

/* The caller-owned error record: the last parameter of every fallible function (may be NULL).
 * msg is complete and located, e.g. "leo.ini:14: [orbit shell1] altitude_km: -550: allowed
 * range 0 to 100000". */
struct interf_error {
    enum interf_status status;
    char msg[512];
};

/* Fill err (if not NULL) with status and a printf-formatted message; returns status. */
INTERF_API enum interf_status interf_error_set(struct interf_error *err, enum interf_status status,
                                               const char *fmt, ...) INTERF_PRINTF(3, 4);

/* A short English text for a status code ("bad input", ...). Never NULL. */
INTERF_API const char *interf_status_str(enum interf_status status);

/* --- Constants of Rec. ITU-R S.1503-4 Table 2 (the Bureau's EPFD software) --- */
#define INTERF_RE_KM 6378.145           /* Earth radius, S.1503-4 Table 2 */
#define INTERF_RGEO_KM 42164.2          /* GSO radius, S.1503-4 Table 2 */
#define INTERF_MU_KM3_S2 398601.2       /* geocentric gravitational constant, S.1503-4 Table 2 */
#define INTERF_J2 0.001082636           /* second zonal harmonic, S.1503-4 Table 2 */
#define INTERF_OMEGA_E_DEG_S 4.1780745823e-3 /* Earth rotation rate (sidereal), S.1503-4 Table 2 */
#define INTERF_TE_S 86164.09054         /* sidereal day, S.1503-4 Table 2 */
#define INTERF_C_KM_S 2.99792458e5      /* speed of light, S.1503-4 Table 2 (exact, SI) */
#define INTERF_C_M_S 299792458.0        /* speed of light, SI definition */
/* WGS 84 ellipsoid (NIMA TR8350.2, 3rd ed., Table 3.1): geodetic I/O only, never S.1503 geometry */
#define INTERF_WGS84_A_KM 6378.137
#define INTERF_WGS84_F (1.0 / 298.257223563)

#define INTERF_PI 3.14159265358979323846
#define INTERF_DEG (INTERF_PI / 180.0) /* radians per degree */
/* omega_e in rad/s, derived from the Table 2 value. §D6.3.2 quotes 7.2921158553e-5 rad/s, which
 * differs from Table 2 in the 9th digit (1e-8 relative, 2.5 m at GSO radius after a day); Table 2
 * is the defining value here. */
#define INTERF_OMEGA_E_RAD_S (INTERF_OMEGA_E_DEG_S * INTERF_DEG)

/* An angle (rad) reduced to (-pi, pi]. */
INTERF_API double interf_wrap_pi(double rad);

/* dB <-> linear power ratio: 10 log10(x) and 10^(db/10). */
INTERF_API double interf_db(double linear);
INTERF_API double interf_undb(double db);

/* 1 when s is a decimal number and nothing else, finite, stored in *out; 0 otherwise (hex, inf,
 * nan and overflow such as 1e999 are not numbers here, though strtod would take them). Always
 * in the "C" locale (a point as the decimal sign), whatever the caller's LC_NUMERIC: this is
 * the number parser of every reader of the library. Thread-safe. */
INTERF_API int interf_parse_real(const char *s, double *out);

/* The strict parsers of typed values (tool options, metadata). Each stores the value and
 * returns INTERF_OK, or returns INTERF_EINPUT with a message that names no option (the caller
 * prefixes its own) and leaves the outputs untouched:
 * number: interf_parse_real in [min, max] ("expected a number, got \"x\"", "5: allowed range
 *   0 to 1");
 * integer: decimal digits with an optional sign, in [min, max];
 * duration: a number with an optional unit s, m, h or d ("90s", "15m", "1.5d"; bare: seconds),
 *   negative only when allow_negative, finite in seconds;
 * size: a positive number of bytes with an optional K, M, G or T (powers of 1024);
 * time: an ISO 8601 UTC time (interf_time_parse_utc) or a duration after epoch_unix_s, into
 *   POSIX seconds;
 * latlon: "LAT,LON[,ALT]" (degrees, and the unit of the third), *count = 2 or 3;
 * index_list: "0,5,10-20" into sel[0..limit) (1 = selected, all others 0). */
INTERF_API enum interf_status interf_parse_number(const char *text, double min, double max,
                                                  double *out, struct interf_error *err);
INTERF_API enum interf_status interf_parse_integer(const char *text, long min, long max,
                                                   long *out, struct interf_error *err);
INTERF_API enum interf_status interf_parse_duration(const char *text, int allow_negative,
                                                    double *out, struct interf_error *err);
INTERF_API enum interf_status interf_parse_size(const char *text, double *out,
                                                struct interf_error *err);
INTERF_API enum interf_status interf_parse_time(const char *text, double epoch_unix_s,
                                                double *unix_s, struct interf_error *err);
INTERF_API enum interf_status interf_parse_latlon(const char *text, double *lat_deg,
                                                  double *lon_deg, double *third, int *count,
                                                  struct interf_error *err);
INTERF_API enum interf_status interf_parse_index_list(const char *text, size_t limit,
                                                      unsigned char *sel,
                                                      struct interf_error *err);
/* A list of min_n to max_n numbers (interf_parse_real) separated by sep ("-160,-170" with ',',
 * "W/E/S/N" with '/', "MIN:MAX" with ':') into v[0..*n). INTERF_EINPUT "expected N numbers
 * separated by 'C', got \"TEXT\"" (N: "2", "1 to 32"); *n untouched then. */
INTERF_API enum interf_status interf_parse_numbers(const char *text, char sep, size_t min_n,
                                                   size_t max_n, double *v, size_t *n,
                                                   struct interf_error *err);

/* 1 when name matches the shell-style pattern ('*' any run of characters, '?' one character),
 * ignoring ASCII case; else 0. For choosing satellites and objects by name. */
INTERF_API int interf_name_match(const char *pattern, const char *name);

/* snprintf in the "C" locale, whatever the caller's LC_NUMERIC (labels, file contents). */
INTERF_API int interf_format_c(char *buf, size_t n, const char *fmt, ...) INTERF_PRINTF(3, 4);

/* Progress of a long call: the fraction done in [0, 1] and what it is doing (a short word such
 * as "propagating", "rendering"; may be NULL). Called from one thread at a time; a non-zero
 * return cancels the call, which then returns INTERF_ECANCELED. */
typedef int (*interf_progress_fn)(double fraction, const char *stage, void *user);

/* Parse an ISO 8601 UTC time "YYYY-MM-DDTHH:MM:SS[.fff]Z" (also with a space for T, and without
 * seconds or the time part) into seconds since 1970-01-01T00:00:00Z (POSIX time, no leap
 * seconds). The trailing Z or "+00:00" is accepted; other offsets are an error. */
INTERF_API enum interf_status interf_time_parse_utc(const char *text, double *unix_s,
                                                    struct interf_error *err);

/* Format POSIX seconds as "YYYY-MM-DDTHH:MM:SS.sssZ" (ms resolution; the decimals are dropped
 * when whole) into buf of size n (at least 32). Returns buf. */
INTERF_API char *interf_time_format_utc(double unix_s, char *buf, size_t n);

#ifdef __cplusplus
}
#endif
#endif
