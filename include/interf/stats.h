/* SPDX-License-Identifier: MIT */
/* interf stats: time statistics of a quantity in dB, as Rec. ITU-R S.1503-4 (09/2023) §D1.4 and
 * §D7 define them: 0.1 dB bins, each sample rounded down to its bin, the CDF given as the
 * percentage of time each level is exceeded. This header holds the CDF table, its reader and
 * writer (the format of interf-table(5): "CDF tables").
 *
 * Levels are integers in tenths of a dB (level_tenths = floor(10 x dB)), so that comparisons
 * with limit levels are exact; percentages are doubles compared with a 1e-9 tolerance. */
#ifndef INTERF_STATS_H
#define INTERF_STATS_H

#include <stdint.h>
#include <stdio.h>

#include "interf/core.h"

#ifdef __cplusplus
extern "C" {
#endif

#define INTERF_CDF_MAXMETA 32

/* One "# key: value" metadata line of a CDF table. */
struct interf_cdf_meta {
    char key[64];
    char value[448];
};

/* The CDF of one point. Row k: level level_tenths[k] / 10 dB is exceeded during
 * pct_exceeded[k] % of the time. Rows are in increasing level order, one per 0.1 dB, and
 * pct_exceeded does not increase. */
struct interf_cdf {
    char quantity[64];     /* the first column's name from the schema line, with its unit,
                              e.g. "epfd_dbw_m2_40khz" */
    double ref_bandwidth_khz; /* from the quantity's unit suffix or the metadata; 0 if unknown */
    size_t n;              /* rows */
    int32_t *level_tenths; /* n levels, tenths of a dB */
    double *pct_exceeded;  /* n percentages of time exceeded, in [0, 100] */
    size_t n_meta;
    struct interf_cdf_meta meta[INTERF_CDF_MAXMETA];
    int line;              /* line of the schema line in the source (for messages) */
};

/* Metadata value for key, or NULL. */
INTERF_API const char *interf_cdf_meta_get(const struct interf_cdf *cdf, const char *key);
/* A metadata value as a number: INTERF_OK, or INTERF_EINPUT with "name:line: key: ..." when it
 * is absent (status INTERF_EINPUT, message says "missing") or not a finite number. */
INTERF_API enum interf_status interf_cdf_meta_number(const struct interf_cdf *cdf,
                                                     const char *name, const char *key,
                                                     double *value, struct interf_error *err);

/* Read every CDF of a stream (several points are separated by lines holding ">"). name labels
 * messages ("-" for stdin): "name:line: what". Rows may run down from the maximum (as written)
 * or up; they are held in increasing level order. Rejects a missing schema line, non-numeric or
 * non-finite cells, levels not in 0.1 dB steps one way, percentages outside [0, 100] or
 * growing with the level. *out is an array of *n CDFs; free with interf_cdf_free_all(*out, *n).
 *
 * Grammar (interf-table(5), "CDF tables"): every point starts with its schema line
 * "# <quantity> pct_time_exceeded", where the quantity names a dB unit (a "_db..." token) and
 * may end in a bandwidth suffix (_4khz, _40khz, _1mhz) that sets ref_bandwidth_khz; then
 * "# key: value" lines (key of letters, digits, "_", "-", "."; at most INTERF_CDF_MAXMETA, no
 * key twice in one point; other "#" lines are comments); then two-column rows "level pct" in
 * increasing level order, one per 0.1 dB. Points are separated by lines starting with ">";
 * blank lines and empty parts are skipped. A ref_bandwidth_khz metadata value must agree with
 * the suffix. On error nothing is returned (*out NULL, *n 0). */
INTERF_API enum interf_status interf_cdf_read(FILE *fp, const char *name,
                                              struct interf_cdf **out, size_t *n,
                                              struct interf_error *err);
INTERF_API void interf_cdf_free_all(struct interf_cdf *cdfs, size_t n); /* NULL is a no-op */

/* interf_cdf_read of each file of paths in order ("-": standard input, named "<stdin>" in
 * messages; interf_input_open): the CDFs of file k follow those of file k - 1 in *out, and
 * (*source)[i] is the name of CDF i's file as messages give it (paths[k] itself, or
 * "<stdin>"; borrowed). A file that cannot be opened is INTERF_EIO "PATH: reason"; on any
 * error nothing is returned. Free with interf_cdf_free_all(*out, *n) and free(*source). */
INTERF_API enum interf_status interf_cdf_read_paths(const char *const *paths, size_t n_paths,
                                                    struct interf_cdf **out, size_t *n,
                                                    const char ***source,
                                                    struct interf_error *err);

/* Write one CDF in the table format (schema line, metadata, rows from the maximum level down:
 * level with 1 decimal, percentage with 10 significant digits). INTERF_EIO on a write error. */
INTERF_API enum interf_status interf_cdf_write(FILE *fp, const struct interf_cdf *cdf,
                                               struct interf_error *err);

/* The percentage of time the level level_tenths is exceeded: the row at that level; 100 below
 * the first row's level, 0 above the last row's. Levels are exact tenths: no interpolation. */
INTERF_API double interf_cdf_exceeded_at(const struct interf_cdf *cdf, int32_t level_tenths);

/* floor(10 x db) as an integer level, exact for values given with one decimal (-165.3 is -1653,
 * not -1654: the decimal value is rounded to 1e-6 dB before the floor). This is the rounding
 * down of S.1503-4 §D7 for samples and for limit levels alike (-165.841 dB -> -1659). NaN gives
 * INT32_MIN; |db| >= 1e8 is clamped to +-1e9 tenths. */
INTERF_API int32_t interf_db_to_tenths(double db);

/* --- Additions (the limits layer and the EPFD engine build on these) --- */

/* The lowest level (tenths of a dB) whose exceedance is at most pct_exceeded (1e-9 tolerance):
 * where the CDF reaches that percentage. INT32_MIN when pct_exceeded >= 100 (every level
 * qualifies) or the CDF has no rows; one above the last row when no row is low enough (nothing
 * is exceeded above the last row). For pct_exceeded = 0 it is the bin of the run maximum. */
INTERF_API int32_t interf_cdf_level_at(const struct interf_cdf *cdf, double pct_exceeded);

/* Set (add or replace) a metadata entry of a caller-built CDF. INTERF_EINVAL when the key is
 * empty, holds a blank, colon or newline, is too long, or the table already has
 * INTERF_CDF_MAXMETA keys. */
INTERF_API enum interf_status interf_cdf_meta_set(struct interf_cdf *cdf, const char *key,
                                                  const char *value, struct interf_error *err);

/* ------------------------------------------------------------------------- histograms */

/* The histogram of one point in 0.1 dB bins, S.1503-4 §D1.4 and §D7: bin k holds the samples
 * whose level rounded down (interf_db_to_tenths) is first_level_tenths + k, with total weight
 * count[k] (whole time steps: the EPFD engine counts fine steps, a coarse step of §D4.7 adding
 * its number of fine steps) or weight[k] (time, any unit); exactly one of count and weight is
 * set. A view: the arrays belong to the caller. Counts are 32-bit: the engine refuses runs of
 * more than INTERF_HIST_MAX_STEPS fine steps, so no count can overflow (S.1503 runs of 10^9
 * steps fit four times), and histograms of two runs or ranks are summed bin by bin. */
#define INTERF_HIST_MAX_STEPS 4294967295.0

struct interf_hist {
    int32_t first_level_tenths;
    size_t n_bins;
    const uint32_t *count;
    const double *weight;
};

/* The histograms of many points, one allocation of n_points x n_bins zeroed 32-bit counts
 * (point-major), aligned for huge pages where the system offers them (a run touches one bin
 * per point and step all over it). Fill with interf_hist_set_create; free with
 * interf_hist_set_free. */
struct interf_hist_set {
    size_t n_points, n_bins;
    int32_t first_level_tenths;
    uint32_t *count;
};
INTERF_API enum interf_status interf_hist_set_create(size_t n_points, size_t n_bins,
                                                     int32_t first_level_tenths,
                                                     struct interf_hist_set *set,
                                                     struct interf_error *err);
INTERF_API void interf_hist_set_free(struct interf_hist_set *set); /* zeroes it; twice is fine */
/* Add src to dst bin by bin (exact integer sums: histograms of slices of a run, of ranks, of
 * runs). INTERF_EINVAL when the sets differ in points, bins or first level; INTERF_EINPUT when
 * a sum would pass 2^32 - 1 (dst is then unchanged). */
INTERF_API enum interf_status interf_hist_set_add(struct interf_hist_set *dst,
                                                  const struct interf_hist_set *src,
                                                  struct interf_error *err);
/* The histogram of point i of a set (a view into it). */
INTERF_API struct interf_hist interf_hist_set_point(const struct interf_hist_set *set, size_t i);

/* Statistics of a histogram (levels in tenths of a dB; the total is the sum of the bins):
 * max: the level of the highest non-empty bin (first_level_tenths when empty);
 * percentile: the lowest level L whose exceedance (% of time in bins above L's) is at most
 *   100 - p_pct (1e-9 tolerance: 100 - 99.9993 is not 0.0007 in binary);
 * exceed: the % of time with a level strictly above level_tenths (0 when empty);
 * total: the sum of the bins. */
INTERF_API int32_t interf_hist_max(const struct interf_hist *h);
INTERF_API int32_t interf_hist_percentile(const struct interf_hist *h, double p_pct);
INTERF_API double interf_hist_exceed(const struct interf_hist *h, int32_t level_tenths);
INTERF_API double interf_hist_total(const struct interf_hist *h);

/* The CDF of a histogram: row i: CDF_i = 100 (1 - sum_{j <= i} PDF_j), the % of time level i
 * is exceeded (S.1503-4 §D7); rows run from the lowest to the highest non-empty bin, whose row
 * is 0 %.
 * interf_cdf_view_hist fills the caller's cdf (its quantity, meta and bandwidth untouched) with
 * rows in the caller's buffers level_tenths and pct_exceeded (h->n_bins each): no allocation,
 * for one-per-grid-point use; cdf must not be passed to interf_cdf_free_all.
 * interf_cdf_create_hist allocates one CDF with its rows (free with
 * interf_cdf_free_all(*out, 1)); quantity names the first column ("epfd_dbw_m2_40khz") and
 * ref_bandwidth_khz <= 0 takes the bandwidth from its unit suffix.
 * INTERF_EINPUT for an empty histogram, INTERF_EINVAL for a negative or non-finite weight or
 * for count and weight both set or both NULL. Thread-safe (no shared state). */
INTERF_API enum interf_status interf_cdf_view_hist(const struct interf_hist *h,
                                                   int32_t *level_tenths, double *pct_exceeded,
                                                   struct interf_cdf *cdf,
                                                   struct interf_error *err);
INTERF_API enum interf_status interf_cdf_create_hist(const char *quantity,
                                                     double ref_bandwidth_khz,
                                                     const struct interf_hist *h,
                                                     struct interf_cdf **out,
                                                     struct interf_error *err);

/* ------------------------------------------------------------------------- statistics */

/* A statistic over time, as the tools' --stat option names it (interf-epfd(1),
 * interf-footprint(1)): max; mean (the time-weighted mean of the linear quantity, in dB);
 * pNN.NNN (the level not exceeded during NN.NNN % of the time, NN.NNN in (0, 100]);
 * exceed:LEVEL (the % of time above LEVEL dB); margin:TABLE (the worst margin, dB, against a
 * row of an Article 22 table, which the caller finds). */
enum interf_stat_kind {
    INTERF_STAT_MAX = 0,
    INTERF_STAT_MEAN = 1,
    INTERF_STAT_PCT = 2,
    INTERF_STAT_EXCEED = 3,
    INTERF_STAT_MARGIN = 4
};
#define INTERF_STAT_ALLOW(kind) (1u << (kind))

struct interf_stat {
    enum interf_stat_kind kind;
    double arg;       /* INTERF_STAT_PCT: the percentage; INTERF_STAT_EXCEED: the level, dB */
    char table[24];   /* INTERF_STAT_MARGIN: the table, e.g. "22-1A" */
    char name[40];    /* as written: "max", "p99.9", "exceed:-160", "margin:22-1A" */
    char label[40];   /* the name with ':' as '_', for file and column names */
};

/* Parse text into out; allowed is a set of INTERF_STAT_ALLOW bits (the kinds the caller
 * computes). INTERF_EINPUT "TEXT: expected K1, K2 or K3" naming the allowed kinds. */
INTERF_API enum interf_status interf_stat_parse(const char *text, unsigned allowed,
                                                struct interf_stat *out,
                                                struct interf_error *err);
/* The value of a max, pNN or exceed statistic of a histogram: dB (max, pNN) or % of time
 * (exceed). NAN for the other kinds, which need more than the histogram. */
INTERF_API double interf_stat_hist(const struct interf_stat *st, const struct interf_hist *h);

#ifdef __cplusplus
}
#endif
#endif
