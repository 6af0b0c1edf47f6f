/* SPDX-License-Identifier: MIT */
/* interf limits: the EPFD limits of Radio Regulations Article 22 and Resolution 76 as compiled-in
 * data with their sources, their look-up, and the verdict and margins of Rec. ITU-R S.1503-4
 * (09/2023) §D7 for a CDF of interf/stats.h. Three families of tables:
 *   - validation: the single-entry limits S.1503-4 checks, Tables 22-1A to 22-1E (EPFD down,
 *     No. 22.5C), 22-2 (EPFD up, No. 22.5D), 22-3 (EPFD_is, No. 22.5F);
 *   - operational: Tables 22-4A, 22-4A1, 22-4B, 22-4C (No. 22.5I), the EPFD down a system may
 *     put into an operating GSO earth station; not S.1503 validation limits;
 *   - aggregate: Resolution 76 Tables 1A to 1D, the EPFD down of all NGSO FSS systems together.
 * Every Article 22 value was read from the official text of the RR 2012 edition and compared
 * with a second source where one exists; the Res. 76 values come from one transcription. Each
 * row lists its sources and their editions (interf_limit_source).
 *
 * The tables give points (level, % of time NOT exceeded). At load each point is stored in
 * exceedance form as well: q = 100 - p, the % of time the level may be exceeded, and the level
 * as integer tenths of a dB rounded down (S.1503-4 §D7), so that verdicts compare integers and
 * percentages with a 1e-9 tolerance (100 - 99.9993 is not 0.0007 in floating point). */
#ifndef INTERF_LIMITS_H
#define INTERF_LIMITS_H

#include <stddef.h>
#include <stdint.h>

#include <stdio.h>

#include "interf/core.h"
#include "interf/io.h"
#include "interf/stats.h"

#ifdef __cplusplus
extern "C" {
#endif

#define INTERF_LIMIT_MAXPOINTS 16
#define INTERF_LIMIT_MAXBANDS 6
#define INTERF_LIMIT_MAXSOURCES 4
/* Percentages of time are equal when they differ by at most this much (in %). */
#define INTERF_LIMIT_PCT_TOL 1e-9

/* Which EPFD a table limits (RR Nos. 22.5C, 22.5D, 22.5F). */
enum interf_limit_kind {
    INTERF_EPFD_DOWN = 0, /* NGSO space stations -> GSO earth station (Tables 22-1A..E) */
    INTERF_EPFD_UP = 1,   /* NGSO earth stations -> GSO space station (Table 22-2) */
    INTERF_EPFD_IS = 2    /* NGSO space stations -> GSO space station (Table 22-3) */
};

/* How far a row's values can be trusted, from its sources (interf_limit_mask.sources): a row
 * whose values two independent sources agree on is CONFIRMED; one source is SINGLE_SOURCE; a
 * transcription derived from another source of the row (derived = 1) does not count. Check the
 * edition in force before a filing either way. Never renumber. */
enum interf_limit_confidence {
    INTERF_LIMIT_CONFIRMED = 0,     /* two independent sources agree */
    INTERF_LIMIT_SINGLE_SOURCE = 1, /* one source only */
    INTERF_LIMIT_UNCONFIRMED = 2    /* no source: verify before use */
};

/* Which family a table belongs to (see the top of this file). Never renumber. */
enum interf_limit_family {
    INTERF_LIMIT_VALIDATION = 0,  /* Tables 22-1A..E, 22-2, 22-3: single entry, S.1503-4 */
    INTERF_LIMIT_OPERATIONAL = 1, /* Tables 22-4A, 22-4A1, 22-4B, 22-4C (RR No. 22.5I) */
    INTERF_LIMIT_AGGREGATE = 2    /* Resolution 76 Tables 1A..1D: all NGSO systems together */
};
#define INTERF_LIMIT_N_FAMILIES 3

/* One source of a row's values. */
struct interf_limit_source {
    const char *citation; /* e.g. "RR 2012 ed. Art. 22 p. RR22-10 (official ITU PDF) ..." */
    const char *edition;  /* the edition it reads: "RR 2012", "RR 2024", "Res. 76 (Rev.WRC-23)" */
    int derived;          /* 1: transcribed from another source of the row, so it is not
                             independent of it (it confirms the reading, not the values) */
};

/* The axes of a row (bits of interf_limit_mask.axes): which of its fields restrict where the
 * row applies, beyond band, Region, service and reference bandwidth. */
#define INTERF_LIMIT_AXIS_DISH 0x01u      /* dish_m: the (reference) GSO earth-station diameter */
#define INTERF_LIMIT_AXIS_DISH_MIN 0x02u  /* dish_m is a minimum: diameters >= dish_m (">= 18 m") */
#define INTERF_LIMIT_AXIS_GSO_BEAM 0x04u  /* gso_beamwidth_deg: reference GSO satellite beam */
#define INTERF_LIMIT_AXIS_LATITUDE 0x08u  /* lat_note: the 100 % level depends on latitude */
#define INTERF_LIMIT_AXIS_ES_GAIN 0x10u   /* es_min_gain_dbi: GSO earth-station gain >= it */
#define INTERF_LIMIT_AXIS_GSO_INCL 0x20u  /* gso_incl_min_deg < i <= gso_incl_max_deg (i = 0
                                             included when the minimum is 0): orbital
                                             inclination of the GSO satellite */
#define INTERF_LIMIT_AXIS_PERIOD 0x40u    /* valid_from <= date < valid_until (ISO 8601 dates;
                                             NULL: open) */
#define INTERF_LIMIT_AXIS_NGSO_ALT 0x80u  /* ngso_min_alt_km: NGSO systems at or above it */

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
    double dish_m;              /* (reference) GSO earth-station antenna diameter; 0 when the row
                                   has none (22-2, 22-3, 22-4B) */
    double gso_beamwidth_deg;   /* 22-2/22-3: reference GSO satellite 3 dB beamwidth; else 0 */
    double ref_bandwidth_khz;   /* reference bandwidth of the levels */
    const char *pattern;        /* reference receive pattern, e.g. "Rec. ITU-R S.1428-1" */
    size_t n_bands;
    struct interf_limit_band bands[INTERF_LIMIT_MAXBANDS];
    size_t n_points;            /* in RR order: % not exceeded increasing */
    struct interf_limit_point points[INTERF_LIMIT_MAXPOINTS];
    enum interf_limit_confidence confidence; /* of the levels and percentages */
    const char *source;         /* where the values come from */
    const char *lat_note;       /* "RR No. 22.5C.4" / "RR No. 22.5C.8" (22.5H.3 for Table 22-4A,
                                   the Table's note for Res. 76) when the 100 % limit also depends
                                   on the earth station's latitude, else NULL */
    const char *note;           /* other remarks, or NULL */
    /* Family, axes (used by the operational tables) and sources. */
    enum interf_limit_family family;
    unsigned axes;              /* INTERF_LIMIT_AXIS_* bits */
    double es_min_gain_dbi;     /* INTERF_LIMIT_AXIS_ES_GAIN, else 0 */
    double gso_incl_min_deg, gso_incl_max_deg; /* INTERF_LIMIT_AXIS_GSO_INCL, else 0 */
    const char *valid_from, *valid_until;      /* INTERF_LIMIT_AXIS_PERIOD, else NULL */
    double ngso_min_alt_km;     /* INTERF_LIMIT_AXIS_NGSO_ALT, else 0 */
    size_t n_sources;           /* sources[0].citation is also source */
    struct interf_limit_source sources[INTERF_LIMIT_MAXSOURCES];
};

/* The loaded tables: an immutable object, safe to share between threads. */
struct interf_limits;

/* Load the compiled-in tables (converting every point to exceedance form once). Free with
 * interf_limits_destroy. */
INTERF_API enum interf_status interf_limits_create(struct interf_limits **out,
                                                   struct interf_error *err);
INTERF_API void interf_limits_destroy(struct interf_limits *limits); /* NULL is a no-op */

/* Every row of the validation family, in table order (22-1A 0.6 m first); index <
 * interf_limits_count, else NULL. The other families: interf_limits_family_*. */
INTERF_API size_t interf_limits_count(const struct interf_limits *limits);
INTERF_API const struct interf_limit_mask *interf_limits_mask(const struct interf_limits *limits,
                                                              size_t index);

/* Every row of one family, in table order (22-4A first; Res76-1A 0.6 m first); index <
 * interf_limits_family_count(limits, family), else NULL. */
INTERF_API size_t interf_limits_family_count(const struct interf_limits *limits,
                                             enum interf_limit_family family);
INTERF_API const struct interf_limit_mask *
interf_limits_family_mask(const struct interf_limits *limits, enum interf_limit_family family,
                          size_t index);

/* Names of the enums, for output ("confirmed", "single source", "unconfirmed"; "epfd_down",
 * "epfd_up", "epfd_is"; "validation", "operational", "aggregate"). Never NULL. */
INTERF_API const char *interf_limit_confidence_str(enum interf_limit_confidence c);
INTERF_API const char *interf_limit_kind_str(enum interf_limit_kind k);
INTERF_API const char *interf_limit_family_str(enum interf_limit_family f);

/* A look-up: each field left at 0 / NULL does not constrain the search. */
struct interf_limit_query {
    const char *table;         /* "22-1A" (case-insensitive; "Table 22-1A" also accepted) */
    double band_lo_ghz, band_hi_ghz; /* a band that must overlap one of the row's bands; equal
                                        values ask for one frequency inside a band */
    const char *service;       /* "FSS" or "BSS" (case-insensitive): the row's or band's */
    double dish_m;             /* reference antenna diameter, matched within 1e-6 m */
    double ref_bandwidth_khz;  /* reference bandwidth, matched within 1e-6 relative */
    enum interf_limit_family family; /* the family searched (0: validation); table, if given,
                                        must be one of it ("22-4A", "Res76-1A", ...) */
};

/* The one row matching q. INTERF_EINPUT when none or several match, with a message naming the
 * candidates, e.g. "table 22-1A: no 0.65 m row; rows: 0.6 m, 1.2 m, 3 m, 10 m" or "ambiguous:
 * 22-1A 0.6 m 40 kHz (FSS), 22-1D 0.6 m 40 kHz (BSS): give the service". Rows that differ only
 * in axes a query does not hold (GSO inclination, period, earth-station gain: Tables 22-4A and
 * 22-4B) stay ambiguous: choose among them with interf_limits_family_mask. */
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

/* Whether a run resolves the percentages a row tabulates (Rec. ITU-R S.1503-4 §D4.6). */
enum interf_limit_sufficiency {
    INTERF_LIMIT_RUN_UNKNOWN = 0,     /* the CDF states no run length (total_weight, n_steps) */
    INTERF_LIMIT_RUN_SUFFICIENT = 1,  /* run weight >= N_min */
    INTERF_LIMIT_RUN_INSUFFICIENT = 2 /* run weight < N_min: never a PASS */
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
    /* Rec. ITU-R S.1503-4 §D4.6: can the run resolve the row? */
    enum interf_limit_sufficiency sufficiency;
    double p_max_pct;              /* the row's largest tabulated % of time below 100 */
    double min_steps;              /* N_min for it (interf_limit_min_steps) */
    double run_steps;              /* the run's total step weight: the CDF's total_weight
                                      metadata, else n_steps; NaN when it states neither */
};

/* The statistical minimum number of time steps of Rec. ITU-R S.1503-4 §D4.6 (Table 13,
 * N_S = 10) to resolve p_pct % of time: N_min = 100 N_S / (100 - p), rounded up (99.999 % ->
 * 1 000 000 steps, 99.997 % -> 333 334). 0 when p_pct is not in [0, 100). Pure. */
INTERF_API double interf_limit_min_steps(double p_pct);

/* N_min of a row: interf_limit_min_steps of its largest tabulated percentage strictly between
 * 0 and 100 (*p_pct, may be NULL, receives it); 0 and 0 for a row without one (Table 22-2's
 * rows limit the 100 % point alone), which any run resolves. */
INTERF_API double interf_limit_mask_min_steps(const struct interf_limit_mask *mask,
                                              double *p_pct);

/* The S.1503-4 §D7 verdict of a CDF against one row: every limit level rounded down to 0.1 dB;
 * a point passes iff the simulated exceedance at its level is at most the allowed one; the
 * 100 %-of-time point (q = 0) passes iff the run maximum is at most its level. The maximum is
 * the bin of the lowest row exceeded 0 % of the time, or interf_db_to_tenths(max_db) when that is
 * higher (max_db NaN: not known). lat_deg: the earth station's latitude for the
 * latitude-dependent rows (NaN: not known; an error for those rows).
 * The CDF must be in the row's reference bandwidth (cdf->ref_bandwidth_khz; 0 = unknown is an
 * error): Tables 22-1B and 22-1C have rows in 40 kHz and in 1 MHz, each checked against a CDF
 * computed in its own bandwidth. name labels messages ("name:line: ..."). Re-entrant.
 * The verdict also says whether the run resolves the row (S.1503-4 §D4.6): a run whose total
 * step weight (total_weight metadata, else n_steps) is below interf_limit_mask_min_steps is
 * INTERF_LIMIT_RUN_INSUFFICIENT, whatever its points; without either key the sufficiency is
 * unknown. A weight that is not a number >= 0 is INTERF_EINPUT "name:line: key: ...". */
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

/* ---------------------------------------------------------------------------------------- */
/* Resolution 76 and the single-entry limits: the "3.5 systems" consistency                 */

/* Res. 76 considering d): the single-entry limits of Tables 22-1A..22-1D "have been derived from
 * aggregate epfd masks contained in Tables 1A to 1D, assuming a maximum effective number of
 * non-GSO FSS systems of 3.5". */
#define INTERF_LIMIT_RES76_N_SYSTEMS 3.5

struct interf_limit_consistency_point {
    double pct_not_exceeded; /* a percentage both rows tabulate */
    double aggregate_db;     /* the aggregate row's lowest level at it */
    double single_db;        /* the single-entry row's lowest level at it */
    double diff_db;          /* aggregate_db - single_db */
    double expected_db;      /* 10 log10(3.5) = 5.44 dB; 0 at 100 % and on the aggregate's top
                                plateau (its 100 % level reached below 100 %) */
    int pass;                /* |diff_db - expected_db| <= tol_db */
};

struct interf_limit_consistency {
    size_t n; /* percentages compared */
    struct interf_limit_consistency_point points[INTERF_LIMIT_MAXPOINTS];
    size_t n_fail;
    int pass; /* every point passes */
};

/* Compare an aggregate row (Resolution 76 Table 1X) with the single-entry row of the same table
 * letter, dish and reference bandwidth (Table 22-1X): at every percentage both tabulate, the
 * aggregate level is 10 log10(INTERF_LIMIT_RES76_N_SYSTEMS) dB above the single-entry one where
 * the single-entry mask is the aggregate one lowered in level, and equal at 100 % of time and on
 * the aggregate's top plateau, where the single-entry mask keeps the level (and divides the
 * time by 3.5). At a step (two levels at one percentage) the lower levels are compared: they
 * continue the lowered part of the curve. tol_db (>= 0, dB) allows for the tables' rounding
 * (0.1 dB covers levels given to 0.1 dB). aggregate: family INTERF_LIMIT_AGGREGATE; single:
 * INTERF_LIMIT_VALIDATION, EPFD down; else INTERF_EINVAL naming the mismatch. Writes out;
 * re-entrant. The values of Res. 76 have one source, so a failing point is a question for the
 * official text, not a verdict. */
INTERF_API enum interf_status interf_limit_aggregate_consistency(
    const struct interf_limit_mask *aggregate, const struct interf_limit_mask *single,
    double tol_db, struct interf_limit_consistency *out, struct interf_error *err);

/* ---------------------------------------------------------------------------------------- */
/* The row that applies to a run or a CDF, and the report of verdicts                       */

/* What fixes the Article 22 row and its verdict: the values a caller gives (options, the run's
 * parameters); each value not given is NaN (or NULL, or 0 for the band). Set every field with
 * interf_limit_request_init first. */
struct interf_limit_request {
    const char *table;               /* "22-1A" ("Table 22-1A", any case); NULL: by band */
    double band_lo_ghz, band_hi_ghz; /* a band the row's must overlap (equal: one frequency in
                                        it); 0, 0: none */
    const char *service;             /* "FSS" or "BSS" (any case); NULL: any */
    double freq_ghz;                 /* the run's frequency: chooses the band when neither table
                                        nor band is given */
    double dish_m;                   /* the (reference) earth-station antenna diameter */
    double ref_bandwidth_khz;        /* the reference bandwidth of the levels */
    double lat_deg;                  /* the earth station's latitude (RR Nos. 22.5C.4, 22.5C.8) */
    double max_db;                   /* the run maximum, dB in the reference bandwidth */
    enum interf_limit_family family; /* the family of the table (0: Article 22 validation;
                                        INTERF_LIMIT_AGGREGATE: Resolution 76, "Res76-1A"...) */
};

/* Every value "not given": NULL table and service, band 0, 0, the numbers NaN, family 0. */
INTERF_API void interf_limit_request_init(struct interf_limit_request *r);

/* Check a request before any data completes it: INTERF_EINVAL for a malformed field ("service:
 * MSS: allowed: FSS, BSS", "service: needs the table or the band", "band: ...", "dish_m: ...");
 * INTERF_EINPUT (interf_limits_find's message naming the candidates) when no row of the
 * validation family can match table, band, service and dish whatever the bandwidth. */
INTERF_API enum interf_status interf_limit_request_check(const struct interf_limits *limits,
                                                         const struct interf_limit_request *r,
                                                         struct interf_error *err);

/* Parse a band "LO-HI" in GHz (10.7-11.7), or one frequency ("11.2": LO = HI), 0 < LO <= HI.
 * INTERF_EINPUT "expected LO-HI in GHz with 0 < LO <= HI (e.g. 10.7-11.7), got \"TEXT\"". */
INTERF_API enum interf_status interf_limit_parse_band(const char *text, double *lo_ghz,
                                                      double *hi_ghz, struct interf_error *err);

/* The row chosen, and the values its verdict uses. */
struct interf_limit_selection {
    const struct interf_limit_mask *mask; /* the row as tabulated (owned by the limits) */
    double band_lo_ghz, band_hi_ghz;      /* the band it was looked up by (0, 0: none) */
    double dish_m, ref_bandwidth_khz;     /* as used (NaN: not known) */
    double lat_deg, max_db;               /* as used (NaN: not known) */
};

/* The one row of the validation family that applies to a complete request: the query is the
 * table, the service, the band (or, with neither table nor band, the one frequency freq_ghz),
 * the dish and the bandwidth where known. A row with a dish needs it: "dish_m: missing ..."
 * when the request has none. Messages start with "where: " (where may be NULL), then
 * interf_limits_find's. This is the selection of every caller: interf-epfd's margin statistic
 * builds r from its run (table, band = its frequency, dish, bandwidth), the CDF readers through
 * interf_limit_select_cdf. Re-entrant. */
INTERF_API enum interf_status interf_limit_select(const struct interf_limits *limits,
                                                  const struct interf_limit_request *r,
                                                  const char *where,
                                                  struct interf_limit_selection *out,
                                                  struct interf_error *err);

/* The row that applies to a CDF: the request completed from the CDF, then interf_limit_select.
 * Each value the request leaves open is read from the CDF's metadata, the first key present in
 * this order: dish_m from es_dish_m, then dish_m; max_db from max_epfd, then max_db; freq_ghz
 * from freq_ghz; lat_deg from lat_deg. The bandwidth is the CDF's (ref_bandwidth_khz); one
 * given must agree with it (1e-6 relative) or stands in for it when the CDF has none.
 * INTERF_EINPUT "name:line: key: ..." for a value that is not a number, a dish <= 0, a
 * bandwidth missing or contradicted; then interf_limit_select's messages after "name:line: ".
 * name labels messages (the file, "<stdin>"). Re-entrant. */
INTERF_API enum interf_status interf_limit_select_cdf(const struct interf_limits *limits,
                                                      const struct interf_limit_request *given,
                                                      const struct interf_cdf *cdf,
                                                      const char *name,
                                                      struct interf_limit_selection *out,
                                                      struct interf_error *err);

/* One CDF judged: where it came from, its row and its verdict. */
struct interf_limit_item {
    const char *source;              /* its file ("<stdin>"), borrowed */
    const struct interf_cdf *cdf;    /* borrowed */
    struct interf_limit_selection sel;
    struct interf_verdict verdict;
};

/* interf_limit_select_cdf, then interf_limit_check of the CDF against the row with the
 * latitude and maximum it used (the bandwidth given when the CDF states none). out keeps
 * source and cdf (borrowed). Re-entrant. */
INTERF_API enum interf_status interf_limit_judge(const struct interf_limits *limits,
                                                 const struct interf_limit_request *given,
                                                 const struct interf_cdf *cdf,
                                                 const char *source,
                                                 struct interf_limit_item *out,
                                                 struct interf_error *err);

/* The result of a set of verdicts, by precedence FAIL > INSUFFICIENT > PASS; the values are
 * interf-check(1)'s exit statuses (2 being an error). */
enum interf_limit_outcome {
    INTERF_LIMIT_PASS = 0,        /* every point of every CDF passes, no run is too short */
    INTERF_LIMIT_FAIL = 1,        /* a limit is exceeded */
    INTERF_LIMIT_INSUFFICIENT = 3 /* no limit is exceeded, but a run cannot resolve its row
                                     (S.1503-4 §D4.6) */
};
INTERF_API enum interf_limit_outcome interf_limit_outcome(const struct interf_limit_item *items,
                                                          size_t n);

/* The warnings of a set of verdicts, each passed to warn (text without "warning: "): once per
 * row whose values are not confirmed (single source or unconfirmed), once per row whose band
 * asked for is listed by a single source only (the 17.3-17.7 GHz bands of Table 22-1B), and
 * once per row checked against CDFs whose run length is unknown. */
INTERF_API void interf_limit_warnings(const struct interf_limit_item *items, size_t n,
                                      void (*warn)(const char *text, void *user), void *user);

/* How a report is written. */
enum interf_limit_format {
    INTERF_LIMIT_TEXT = 0,  /* per CDF a verdict table, then the notes and a summary */
    INTERF_LIMIT_TABLE = 1, /* an interf-table(5) table, one row per point of each mask */
    INTERF_LIMIT_JSON = 2   /* one JSON object */
};
/* "text", "table" or "json"; INTERF_EINPUT "TEXT: allowed: text, table, json". */
INTERF_API enum interf_status interf_limit_format_parse(const char *text,
                                                        enum interf_limit_format *out,
                                                        struct interf_error *err);

/* Write the verdicts of n >= 1 CDFs (interf-check(1), OUTPUT FORMAT): the table's provenance
 * lines and the JSON "tool" come from prov (tool, command; may be NULL), the notes of rows in
 * another bandwidth of a checked table and dish that no CDF was checked against (Tables 22-1B,
 * 22-1C) from limits. INTERF_EIO when fp reports a write error. */
INTERF_API enum interf_status interf_limit_report_write(FILE *fp, enum interf_limit_format format,
                                                        const struct interf_limits *limits,
                                                        const struct interf_limit_item *items,
                                                        size_t n,
                                                        const struct interf_provenance *prov,
                                                        struct interf_error *err);

/* Write every row of the validation tables (interf-check --list): bands and Regions, service,
 * reference antenna or GSO beam, bandwidth, pattern, the points as tabulated, confidence,
 * latitude note and source; as text, a table (with the exceedance form) or JSON. INTERF_EIO
 * when fp reports a write error. */
INTERF_API enum interf_status interf_limits_list_write(FILE *fp, enum interf_limit_format format,
                                                       const struct interf_limits *limits,
                                                       const struct interf_provenance *prov,
                                                       struct interf_error *err);

#ifdef __cplusplus
}
#endif
#endif
