/* SPDX-License-Identifier: MIT */
/* interf limits, look-up: the one row of a family of tables (Article 22 validation or
 * operational limits, Resolution 76) matching a table id, band, service, dish and reference
 * bandwidth; an unknown or ambiguous request names the candidates. */
#include "limits_impl.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define DISH_TOL_M 1e-6
#define BAND_TOL_GHZ 1e-9

static int same_text(const char *a, const char *b)
{
    while (*a && *b && tolower((unsigned char)*a) == tolower((unsigned char)*b))
        a++, b++;
    return *a == '\0' && *b == '\0';
}

/* What the family's tables are called in messages. */
static const char *family_name(enum interf_limit_family f)
{
    return f == INTERF_LIMIT_AGGREGATE ? "Resolution 76" : "Article 22";
}

/* "22-1A", "Table 22-1A" and "table 22-1a" all name Table 22-1A (of family f). */
static const char *table_id(enum interf_limit_family f, const char *q)
{
    while (*q == ' ')
        q++;
    if (strncmp(q, "Table", 5) == 0 || strncmp(q, "table", 5) == 0) {
        q += 5;
        while (*q == ' ')
            q++;
    }
    for (size_t k = 0; k < limits_table_count(f); k++)
        if (same_text(q, limits_table_id(f, k)))
            return limits_table_id(f, k);
    return NULL;
}

static int band_hits(const struct interf_limit_band *b, const struct interf_limit_query *q)
{
    if (q->band_lo_ghz == 0 && q->band_hi_ghz == 0)
        return 1;
    if (q->band_lo_ghz == q->band_hi_ghz)
        return b->lo_ghz - BAND_TOL_GHZ <= q->band_lo_ghz &&
               q->band_lo_ghz <= b->hi_ghz + BAND_TOL_GHZ;
    /* An overlap of positive width: bands that only touch at an edge do not match. */
    return fmin(b->hi_ghz, q->band_hi_ghz) - fmax(b->lo_ghz, q->band_lo_ghz) > BAND_TOL_GHZ;
}

/* Does row m match the band and service constraints (a band matching both)? */
static int band_service_hit(const struct interf_limit_mask *m, const struct interf_limit_query *q)
{
    if (m->n_bands == 0) /* a table without bands matches no band query */
        return (q->band_lo_ghz == 0 && q->band_hi_ghz == 0) &&
               (!q->service || same_text(q->service, m->service));
    for (size_t k = 0; k < m->n_bands; k++)
        if (band_hits(&m->bands[k], q) && (!q->service || same_text(q->service,
                                                                   m->bands[k].service)))
            return 1;
    return 0;
}

enum match_level { MATCH_TABLE, MATCH_BAND_SERVICE, MATCH_ALL };

static int row_matches(const struct interf_limit_mask *m, const struct interf_limit_query *q,
                       const char *id, enum match_level level)
{
    if (m->family != q->family || (id && strcmp(id, m->table) != 0))
        return 0;
    if (level >= MATCH_BAND_SERVICE && !band_service_hit(m, q))
        return 0;
    if (level >= MATCH_ALL) {
        if (q->dish_m > 0 && fabs(m->dish_m - q->dish_m) > DISH_TOL_M)
            return 0;
        if (q->ref_bandwidth_khz > 0 &&
            fabs(m->ref_bandwidth_khz - q->ref_bandwidth_khz) > 1e-6 * q->ref_bandwidth_khz)
            return 0;
    }
    return 1;
}

/* The axes a query does not hold: " >=49 dBi incl 0-2.5 deg from 2005-12-31". */
static void describe_axes(const struct interf_limit_mask *m, char *buf, size_t n)
{
    size_t len = 0;
    buf[0] = '\0';
    if (m->axes & INTERF_LIMIT_AXIS_ES_GAIN)
        len += (size_t)snprintf(buf + len, n - len, " >=%g dBi", m->es_min_gain_dbi);
    if ((m->axes & INTERF_LIMIT_AXIS_GSO_INCL) && len < n)
        len += (size_t)snprintf(buf + len, n - len, " incl %g-%g deg", m->gso_incl_min_deg,
                                m->gso_incl_max_deg);
    if ((m->axes & INTERF_LIMIT_AXIS_PERIOD) && len < n)
        snprintf(buf + len, n - len, " %s %s", m->valid_from ? "from" : "until",
                 m->valid_from ? m->valid_from : m->valid_until);
}

/* "22-1A 0.6 m 40 kHz FSS" or, for rows without a dish, "22-2 12.75-13.25 GHz 40 kHz"; the
 * row's other axes after it. */
static void describe(const struct interf_limit_mask *m, char *buf, size_t n)
{
    char axes[64];
    const char *min = m->axes & INTERF_LIMIT_AXIS_DISH_MIN ? ">=" : "";
    describe_axes(m, axes, sizeof axes);
    if (m->dish_m > 0)
        snprintf(buf, n, "%s %s%g m %g kHz %s%s", m->table, min, m->dish_m, m->ref_bandwidth_khz,
                 m->service, axes);
    else
        snprintf(buf, n, "%s %g-%g GHz %g kHz%s", m->table,
                 m->n_bands ? m->bands[0].lo_ghz : 0, m->n_bands ? m->bands[0].hi_ghz : 0,
                 m->ref_bandwidth_khz, axes);
}

/* Append the rows matching at level to buf as a list. */
static void list_rows(const struct interf_limits *l, const struct interf_limit_query *q,
                      const char *id, enum match_level level, char *buf, size_t n)
{
    size_t len = strlen(buf);
    const char *sep = "";
    for (size_t k = 0; k < l->n && len + 4 < n; k++) {
        char d[96];
        if (!row_matches(&l->masks[k], q, id, level))
            continue;
        describe(&l->masks[k], d, sizeof d);
        if (len + strlen(sep) + strlen(d) + 5 >= n) {
            snprintf(buf + len, n - len, "%s...", sep);
            return;
        }
        len += (size_t)snprintf(buf + len, n - len, "%s%s", sep, d);
        sep = ", ";
    }
}

/* The query as text: "table 22-1A, 10.7-11.7 GHz, FSS, 0.65 m, 40 kHz". */
static void describe_query(const struct interf_limit_query *q, const char *id, char *buf,
                           size_t n)
{
    size_t len = 0;
    const char *sep = "";
    buf[0] = '\0';
#define ADD(...)                                                                                 \
    do {                                                                                         \
        len += (size_t)snprintf(buf + len, n - len, "%s", sep);                                  \
        len += (size_t)snprintf(buf + len, n - len, __VA_ARGS__);                                \
        sep = ", ";                                                                              \
    } while (0)
    if (id)
        ADD("table %s", id);
    if (q->band_lo_ghz != 0 || q->band_hi_ghz != 0) {
        if (q->band_lo_ghz == q->band_hi_ghz)
            ADD("%g GHz", q->band_lo_ghz);
        else
            ADD("%g-%g GHz", q->band_lo_ghz, q->band_hi_ghz);
    }
    if (q->service)
        ADD("%s", q->service);
    if (q->dish_m > 0)
        ADD("%g m", q->dish_m);
    if (q->ref_bandwidth_khz > 0)
        ADD("%g kHz", q->ref_bandwidth_khz);
#undef ADD
    if (len >= n)
        buf[n - 1] = '\0';
}

static enum interf_status no_match(const struct interf_limits *l,
                                   const struct interf_limit_query *q, const char *id,
                                   struct interf_error *err)
{
    char qs[160], cand[400] = "";
    size_t n_bs = 0;
    describe_query(q, id, qs, sizeof qs);
    for (size_t k = 0; k < l->n; k++)
        n_bs += (size_t)row_matches(&l->masks[k], q, id, MATCH_BAND_SERVICE);
    /* Name the rows that differ only in dish or bandwidth; failing that, those of the table. */
    list_rows(l, q, id, n_bs ? MATCH_BAND_SERVICE : MATCH_TABLE, cand, sizeof cand);
    if (!id && !n_bs)
        return interf_error_set(err, INTERF_EINPUT, "no %s limit row for %s; no table "
                                "covers that band and service", family_name(q->family), qs);
    return interf_error_set(err, INTERF_EINPUT, "no %s limit row for %s; rows: %s",
                            family_name(q->family), qs, cand);
}

static enum interf_status ambiguous(const struct interf_limits *l,
                                    const struct interf_limit_query *q, const char *id,
                                    struct interf_error *err)
{
    char qs[160], cand[400] = "";
    const struct interf_limit_mask *first = NULL;
    int d_table = 0, d_service = 0, d_dish = 0, d_bw = 0, d_band = 0, d_axes = 0;
    describe_query(q, id, qs, sizeof qs);
    list_rows(l, q, id, MATCH_ALL, cand, sizeof cand);
    for (size_t k = 0; k < l->n; k++) {
        const struct interf_limit_mask *m = &l->masks[k];
        if (!row_matches(m, q, id, MATCH_ALL))
            continue;
        if (!first) {
            first = m;
            continue;
        }
        d_table |= strcmp(m->table, first->table) != 0;
        d_service |= strcmp(m->service, first->service) != 0;
        d_dish |= m->dish_m != first->dish_m;
        d_bw |= m->ref_bandwidth_khz != first->ref_bandwidth_khz;
        int same_row = strcmp(m->table, first->table) == 0 && m->dish_m == first->dish_m &&
                       m->ref_bandwidth_khz == first->ref_bandwidth_khz;
        int same_axes = m->axes == first->axes && m->es_min_gain_dbi == first->es_min_gain_dbi &&
                        m->gso_incl_max_deg == first->gso_incl_max_deg &&
                        m->valid_from == first->valid_from;
        d_band |= same_row && same_axes;
        d_axes |= same_row && !same_axes;
    }
    /* What tells the candidates apart: "give the table or the service". */
    const char *what[6] = {d_table ? "table" : NULL, d_service ? "service" : NULL,
                           d_dish ? "dish" : NULL, d_bw ? "reference bandwidth" : NULL,
                           d_band ? "band" : NULL,
                           d_axes ? "row (GSO inclination, period or earth-station gain)" : NULL};
    char hint[160] = "";
    for (size_t k = 0, n = 0; k < 6; k++)
        if (what[k])
            snprintf(hint + strlen(hint), sizeof hint - strlen(hint), "%sthe %s",
                     n++ ? " or " : "", what[k]);
    return interf_error_set(err, INTERF_EINPUT, "ambiguous %s limits for %s: %s; give %s",
                            family_name(q->family), qs, cand, hint);
}

enum interf_status interf_limits_find(const struct interf_limits *l,
                                      const struct interf_limit_query *q,
                                      const struct interf_limit_mask **out,
                                      struct interf_error *err)
{
    const char *id = NULL;
    size_t n = 0;
    *out = NULL;
    if (q->table && !(id = table_id(q->family, q->table))) {
        char names[128] = "";
        for (size_t k = 0; k < limits_table_count(q->family); k++)
            snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", k ? ", " : "",
                     limits_table_id(q->family, k));
        return interf_error_set(err, INTERF_EINPUT, "unknown %s table \"%s\"; tables: %s",
                                family_name(q->family), q->table, names);
    }
    if (q->band_lo_ghz > q->band_hi_ghz || q->band_lo_ghz < 0)
        return interf_error_set(err, INTERF_EINVAL, "band %g-%g GHz: lower edge above upper",
                                q->band_lo_ghz, q->band_hi_ghz);
    for (size_t k = 0; k < l->n; k++)
        if (row_matches(&l->masks[k], q, id, MATCH_ALL)) {
            n++;
            *out = &l->masks[k];
        }
    if (n == 1)
        return INTERF_OK;
    *out = NULL;
    return n == 0 ? no_match(l, q, id, err) : ambiguous(l, q, id, err);
}


size_t interf_limits_match(const struct interf_limits *l, const struct interf_limit_query *q,
                           const struct interf_limit_mask **first)
{
    const char *id = NULL;
    size_t n = 0;
    if (first)
        *first = NULL;
    if (q->table && !(id = table_id(q->family, q->table)))
        return 0;
    for (size_t k = 0; k < l->n; k++)
        if (row_matches(&l->masks[k], q, id, MATCH_ALL)) {
            if (first && n == 0)
                *first = &l->masks[k];
            n++;
        }
    return n;
}
