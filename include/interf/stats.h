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
 * messages ("-" for stdin): "name:line: what". Rejects a missing schema line, non-numeric or
 * non-finite cells, levels not increasing in 0.1 dB steps, percentages outside [0, 100] or
 * increasing. *out is an array of *n CDFs; free with interf_cdf_free_all(*out, *n). */
INTERF_API enum interf_status interf_cdf_read(FILE *fp, const char *name,
                                              struct interf_cdf **out, size_t *n,
                                              struct interf_error *err);
INTERF_API void interf_cdf_free_all(struct interf_cdf *cdfs, size_t n); /* NULL is a no-op */

/* Write one CDF in the table format (schema line, metadata, rows: level with 1 decimal,
 * percentage with 10 significant digits). Returns INTERF_EIO on a write error. */
INTERF_API enum interf_status interf_cdf_write(FILE *fp, const struct interf_cdf *cdf,
                                               struct interf_error *err);

/* The percentage of time the level level_tenths is exceeded: the row at that level; 100 below
 * the first row's level, 0 above the last row's. Levels are exact tenths: no interpolation. */
INTERF_API double interf_cdf_exceeded_at(const struct interf_cdf *cdf, int32_t level_tenths);

/* floor(10 x db) as an integer level, exact for values given with one decimal (-165.3 is -1653,
 * not -1654: the decimal value is rounded to 1e-6 dB before the floor). */
INTERF_API int32_t interf_db_to_tenths(double db);

#ifdef __cplusplus
}
#endif
#endif
