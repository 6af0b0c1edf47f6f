/* SPDX-License-Identifier: MIT */
/* Private to the limits layer (libinterf/limits/): the source form of the tables (one group per
 * family, in limits_data.c, limits_oper.c, limits_res76.c), the loaded tables and the table
 * names. */
#ifndef INTERF_LIMITS_IMPL_H
#define INTERF_LIMITS_IMPL_H

#include "interf/limits.h"

/* The RR 2012 edition, Article 22, official ITU PDF ("Radio Regulations 2012: Articles", 20
 * pages, SHA-256 de9b184c2588c1a2...), read as text (pdftotext writes the minus glyph as a
 * control character, so the sign of every level is in the text) and on rendered pages. */
#define LIMITS_SRC_RR2012(pages)                                                                 \
    {"RR 2012 ed. Art. 22 " pages " (official ITU PDF, ralatsdc/system-communication-toolbox "    \
     "doc/itu/Article-22.pdf @67043fe)", "RR 2012", 0}

/* The bands of a table or of one row. */
struct limits_band_set {
    size_t n;
    struct interf_limit_band b[INTERF_LIMIT_MAXBANDS];
};

struct limits_src_table {
    const char *id;
    enum interf_limit_kind kind;
    const char *service, *pattern;
    struct limits_band_set bands;
    size_t n_sources;
    struct interf_limit_source sources[INTERF_LIMIT_MAXSOURCES];
};

struct limits_src_point {
    double level_db, pct_not_exceeded; /* as in the table: % of time not exceeded */
};

/* The axes of a row beyond dish, GSO beam and latitude (INTERF_LIMIT_AXIS_* bits and values). */
struct limits_src_axes {
    unsigned axes;
    double es_min_gain_dbi, gso_incl_min_deg, gso_incl_max_deg;
    const char *valid_from, *valid_until;
    double ngso_min_alt_km;
};

struct limits_src_row {
    const char *table;
    double dish_m, ref_bandwidth_khz, gso_beamwidth_deg;
    const char *pattern;  /* NULL: the table's */
    const char *lat_note; /* note of the latitude-dependent 100 % limit, or NULL */
    const char *note;
    double level_offset_db; /* added to every level (22-1C 1 MHz rows), else 0 */
    size_t n;
    struct limits_src_point p[INTERF_LIMIT_MAXPOINTS];
    const struct limits_band_set *bands; /* NULL: the table's */
    const struct limits_src_axes *axes;  /* NULL: none beyond dish, beam and latitude */
};

/* The tables and rows of one family. */
struct limits_group {
    const struct limits_src_table *tables;
    size_t n_tables;
    const struct limits_src_row *rows;
    size_t n_rows;
};

extern const struct limits_group limits_validation_group;  /* limits_data.c */
extern const struct limits_group limits_operational_group; /* limits_oper.c */
extern const struct limits_group limits_aggregate_group;   /* limits_res76.c */

/* The loaded rows, family by family in enum order, each family in the order of its group. */
struct interf_limits {
    size_t n;
    size_t first[INTERF_LIMIT_N_FAMILIES], count[INTERF_LIMIT_N_FAMILIES];
    struct interf_limit_mask masks[];
};

/* The tables' ids of a family ("22-1A", ...), in order; limits_table_id is NULL past the end. */
size_t limits_table_count(enum interf_limit_family family);
const char *limits_table_id(enum interf_limit_family family, size_t k);


/* The texts a report names as its standard. */
#define LIMITS_STANDARD                                                                          \
    "RR Art. 22 (Vol. 1, 2024 ed., as transcribed); Rec. ITU-R S.1503-4 (09/2023) §D7"

/* Report helpers shared by limits_report.c and limits_list.c: a level in tenths ("-160.4",
 * exactly), a tabulated level as the RR prints it (-174.0, -165.841), JSON strings and
 * numbers (null when not finite), the JSON of a row, the provenance lines of a table and the
 * head of a JSON object, and the status of a stream after writing. */
const char *limits_tenths(int32_t t, char *buf, size_t n);
const char *limits_rr_level(double db, char *buf, size_t n);
void limits_json_num(FILE *fp, double x);
void limits_json_mask(FILE *fp, const struct interf_limit_mask *m, const char *ind);
void limits_provenance(FILE *fp, const struct interf_provenance *prov);
void limits_json_head(FILE *fp, const struct interf_provenance *prov);
enum interf_status limits_write_status(FILE *fp, struct interf_error *err);

#endif
