/* SPDX-License-Identifier: MIT */
/* interf limits: the single-entry EPFD limits of Radio Regulations Article 22 (Tables 22-1A to
 * 22-1E for EPFD down, 22-2 for EPFD up, 22-3 for EPFD_is; RR Vol. 1, 2024 edition as
 * transcribed, see the source of each row) as compiled-in data, their look-up, and the
 * verdict and margins of Rec. ITU-R S.1503-4 (09/2023) §D7 for a CDF of interf/stats.h.
 *
 * The RR tables give points (level, % of time NOT exceeded). At load each point is stored in
 * exceedance form as well: q = 100 - p, the % of time the level may be exceeded, and the level
 * as integer tenths of a dB rounded down (S.1503-4 §D7), so that verdicts compare integers and
 * percentages with a 1e-9 tolerance (100 - 99.9993 is not 0.0007 in floating point).
 *
 * Every row carries a confidence flag. Only the Radio Regulations themselves, or a second
 * independent source named in libinterf/limits.c, may raise it. */
#ifndef INTERF_LIMITS_H
#define INTERF_LIMITS_H

#include <stddef.h>
#include <stdint.h>

#include "interf/core.h"
#include "interf/stats.h"

#ifdef __cplusplus
extern "C" {
#endif

#define INTERF_LIMIT_MAXPOINTS 16
#define INTERF_LIMIT_MAXBANDS 6
/* Percentages of time are equal when they differ by at most this much (in %). */
#define INTERF_LIMIT_PCT_TOL 1e-9

/* Which EPFD a table limits (RR Nos. 22.5C, 22.5D, 22.5F). */
enum interf_limit_kind {
    INTERF_EPFD_DOWN = 0, /* NGSO space stations -> GSO earth station (Tables 22-1A..E) */
    INTERF_EPFD_UP = 1,   /* NGSO earth stations -> GSO space station (Table 22-2) */
    INTERF_EPFD_IS = 2    /* NGSO space stations -> GSO space station (Table 22-3) */
};

/* How far a row's values can be trusted. Never renumber. */
enum interf_limit_confidence {
    INTERF_LIMIT_CONFIRMED = 0,     /* transcription of RR Vol. 1 agreeing with a recollection of
                                       the RR text; still to be verified against RR Vol. 1 before
                                       a filing */
    INTERF_LIMIT_SINGLE_SOURCE = 1, /* one transcription only */
    INTERF_LIMIT_UNCONFIRMED = 2    /* from recollection, no stored source: verify before use */
};

/* Region bits of interf_limit_band.regions. */
#define INTERF_REGION_1 1u
#define INTERF_REGION_2 2u
#define INTERF_REGION_3 4u

/* One frequency band of a table, with the Regions where it applies. */
struct interf_limit_band {
    double lo_ghz, hi_ghz;
    unsigned regions;                        /* INTERF_REGION_* bits */
    const char *service;                     /* service in this band (static string) */
    const char *pattern;                     /* reference receive pattern in this band */
    enum interf_limit_confidence confidence; /* of the band's listing in the table */
};

/* One point of a limit mask. */
struct interf_limit_point {
    double level_db;         /* EPFD level as in the RR table, dB(W/m^2) in ref. bandwidth */
    double pct_not_exceeded; /* % of time the level may not be exceeded, as in the RR table */
    int32_t level_tenths;    /* floor(10 level_db): the level S.1503-4 §D7 compares */
    double pct_exceeded;     /* 100 - pct_not_exceeded: the % of time it may be exceeded */
};

/* One row of a table: one reference antenna (or GSO beam) in one reference bandwidth. */
struct interf_limit_mask {
    const char *table;          /* "22-1A", ... (static string) */
    enum interf_limit_kind kind;
    const char *service;        /* "FSS" or "BSS": the GSO network protected */
    double dish_m;              /* reference earth-station antenna diameter; 0 for 22-2/22-3 */
    double gso_beamwidth_deg;   /* 22-2/22-3: reference GSO satellite 3 dB beamwidth; else 0 */
    double ref_bandwidth_khz;   /* reference bandwidth of the levels */
    const char *pattern;        /* reference receive pattern, e.g. "Rec. ITU-R S.1428-1" */
    size_t n_bands;
    struct interf_limit_band bands[INTERF_LIMIT_MAXBANDS];
    size_t n_points;            /* in RR order: % not exceeded increasing */
    struct interf_limit_point points[INTERF_LIMIT_MAXPOINTS];
    enum interf_limit_confidence confidence; /* of the levels and percentages */
    const char *source;         /* where the values come from */
    const char *lat_note;       /* "RR No. 22.5C.4" / "RR No. 22.5C.8" when the 100 % limit also
                                   depends on the earth station's latitude, else NULL */
    const char *note;           /* other remarks, or NULL */
};

/* The loaded tables: an immutable object, safe to share between threads. */
struct interf_limits;

/* Load the compiled-in tables (converting every point to exceedance form once). Free with
 * interf_limits_destroy. */
INTERF_API enum interf_status interf_limits_create(struct interf_limits **out,
                                                   struct interf_error *err);
INTERF_API void interf_limits_destroy(struct interf_limits *limits); /* NULL is a no-op */

/* Every row, in table order (22-1A 0.6 m first); index < interf_limits_count. */
INTERF_API size_t interf_limits_count(const struct interf_limits *limits);
INTERF_API const struct interf_limit_mask *interf_limits_mask(const struct interf_limits *limits,
                                                              size_t index);

/* Names of the enums, for output ("confirmed", "single source", "unconfirmed"; "epfd_down",
 * "epfd_up", "epfd_is"). Never NULL. */
INTERF_API const char *interf_limit_confidence_str(enum interf_limit_confidence c);
INTERF_API const char *interf_limit_kind_str(enum interf_limit_kind k);

/* A look-up: each field left at 0 / NULL does not constrain the search. */
struct interf_limit_query {
    const char *table;         /* "22-1A" (case-insensitive; "Table 22-1A" also accepted) */
    double band_lo_ghz, band_hi_ghz; /* a band that must overlap one of the row's bands; equal
                                        values ask for one frequency inside a band */
    const char *service;       /* "FSS" or "BSS" (case-insensitive): the row's or band's */
    double dish_m;             /* reference antenna diameter, matched within 1e-6 m */
    double ref_bandwidth_khz;  /* reference bandwidth, matched within 1e-6 relative */
};

/* The one row matching q. INTERF_EINPUT when none or several match, with a message naming the
 * candidates, e.g. "table 22-1A: no 0.65 m row; rows: 0.6 m, 1.2 m, 3 m, 10 m" or "ambiguous:
 * 22-1A 0.6 m 40 kHz (FSS), 22-1D 0.6 m 40 kHz (BSS): give the service". */
INTERF_API enum interf_status interf_limits_find(const struct interf_limits *limits,
                                                 const struct interf_limit_query *q,
                                                 const struct interf_limit_mask **out,
                                                 struct interf_error *err);

/* How many rows match q (0 for an unknown table); *first (may be NULL) gets the first of them.
 * For checking a request early, before the data that completes it (the CDF's bandwidth). */
INTERF_API size_t interf_limits_match(const struct interf_limits *limits,
                                      const struct interf_limit_query *q,
                                      const struct interf_limit_mask **first);

/* The latitude-dependent 100 %-of-time EPFD-down limit of RR Nos. 22.5C.4 (Table 22-1A,
 * antennas larger than 60 cm) and 22.5C.8 (Table 22-1D, 180, 240 and 300 cm), dB(W/(m^2 40 kHz)),
 * for an earth station at latitude lat_deg:
 *   |lat| <= 57.5:         -160
 *   57.5 < |lat| <= 63.75: -160 + 3.4 (57.5 - |lat|) / 4
 *   |lat| > 63.75:         -165.3 */
INTERF_API double interf_limit_lat_level_db(double lat_deg);

/* The mask as it applies at latitude lat_deg: a copy of mask whose 100 %-of-time points (q = 0)
 * take the stricter of the table level and interf_limit_lat_level_db when mask->lat_note is set.
 * lat_deg may be NaN only when lat_note is NULL; else INTERF_EINPUT ("needs the latitude"). */
INTERF_API enum interf_status interf_limit_mask_at(const struct interf_limit_mask *mask,
                                                   double lat_deg,
                                                   struct interf_limit_mask *out,
                                                   struct interf_error *err);

/* The verdict at one point of the mask, S.1503-4 §D7. */
struct interf_verdict_point {
    struct interf_limit_point limit; /* as applied (latitude-dependent level included) */
    double sim_pct_exceeded;   /* the CDF's % of time limit.level_tenths is exceeded */
    int32_t sim_level_tenths;  /* the level the CDF reaches at limit.pct_exceeded (its lowest
                                  level exceeded at most that % of the time); for the 100 %
                                  point the bin of the run maximum; INT32_MIN for q = 100 */
    double margin_db;          /* (limit.level_tenths - sim_level_tenths) / 10: dB by which the
                                  CDF clears (> 0) or breaks (< 0) the mask at that percentage;
                                  +INFINITY where q = 100 (no level can break it) */
    double margin_pct;         /* limit.pct_exceeded - sim_pct_exceeded: % of time by which it
                                  clears or breaks the mask at that level */
    int pass;                  /* sim_pct_exceeded <= limit.pct_exceeded (1e-9), and for the
                                  100 % point the run maximum <= the level */
};

struct interf_verdict {
    struct interf_limit_mask mask; /* the mask as applied (interf_limit_mask_at) */
    size_t n;                      /* = mask.n_points */
    struct interf_verdict_point points[INTERF_LIMIT_MAXPOINTS];
    int pass;                      /* every point passes */
    size_t n_fail;
    double worst_margin_db;        /* smallest margin_db (finite unless every q is 100) */
    size_t worst_index;            /* its point */
    int32_t max_tenths;            /* the run maximum's bin used for the 100 % point */
};

/* The S.1503-4 §D7 verdict of a CDF against one row: every limit level rounded down to 0.1 dB;
 * a point passes iff the simulated exceedance at its level is at most the allowed one; the
 * 100 %-of-time point (q = 0) passes iff the run maximum is at most its level. The maximum is
 * the bin of the lowest row exceeded 0 % of the time, or interf_db_to_tenths(max_db) when that is
 * higher (max_db NaN: not known). lat_deg: the earth station's latitude for the
 * latitude-dependent rows (NaN: not known; an error for those rows).
 * The CDF must be in the row's reference bandwidth (cdf->ref_bandwidth_khz; 0 = unknown is an
 * error): Tables 22-1B and 22-1C have rows in 40 kHz and in 1 MHz, each checked against a CDF
 * computed in its own bandwidth. name labels messages ("name:line: ..."). Re-entrant. */
INTERF_API enum interf_status interf_limit_check(const struct interf_limit_mask *mask,
                                                 const struct interf_cdf *cdf, const char *name,
                                                 double lat_deg, double max_db,
                                                 struct interf_verdict *out,
                                                 struct interf_error *err);

/* The worst margin in dB over the mask's points (negative: fails), the value of a margin map:
 * the same code as interf_limit_check. For a grid point, build the CDF without allocating with
 * interf_cdf_view_hist. */
INTERF_API enum interf_status interf_limit_worst_margin_db(const struct interf_limit_mask *mask,
                                                           const struct interf_cdf *cdf,
                                                           double lat_deg, double max_db,
                                                           double *margin_db,
                                                           struct interf_error *err);

/* The same from a histogram (interf_cdf_view_hist) in reference bandwidth ref_bandwidth_khz,
 * with caller scratch of h->n_bins levels and percentages: no allocation, for one call per grid
 * point and thread. */
INTERF_API enum interf_status interf_limit_worst_margin_hist(
    const struct interf_limit_mask *mask, double ref_bandwidth_khz, const struct interf_hist *h,
    int32_t *scratch_levels, double *scratch_pct, double lat_deg, double max_db,
    double *margin_db, struct interf_error *err);

#ifdef __cplusplus
}
#endif
#endif
