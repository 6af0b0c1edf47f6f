/* SPDX-License-Identifier: MIT */
/* interf limits, Resolution 76 against Article 22: the "3.5 systems" relation of Res. 76
 * considering d) between an aggregate row (Tables 1A..1D) and the single-entry row of Tables
 * 22-1A..22-1D it was derived from, checked at the percentages both tabulate. */
#include "limits_impl.h"

#include <math.h>
#include <string.h>

/* The table letter after the family prefix: "1A" of "Res76-1A" and of "22-1A". */
static const char *letter(const char *table)
{
    const char *dash = strrchr(table, '-');
    return dash ? dash + 1 : table;
}

/* The lowest level of row m at percentage pct (the first in RR order), or NAN if none. */
static double lowest_at(const struct interf_limit_mask *m, double pct)
{
    for (size_t k = 0; k < m->n_points; k++)
        if (fabs(m->points[k].pct_not_exceeded - pct) <= INTERF_LIMIT_PCT_TOL)
            return m->points[k].level_db;
    return NAN;
}

static enum interf_status check_pair(const struct interf_limit_mask *a,
                                     const struct interf_limit_mask *s, double tol_db,
                                     struct interf_error *err)
{
    if (a->family != INTERF_LIMIT_AGGREGATE)
        return interf_error_set(err, INTERF_EINVAL, "%s: not a Resolution 76 aggregate row",
                                a->table);
    if (s->family != INTERF_LIMIT_VALIDATION || s->kind != INTERF_EPFD_DOWN)
        return interf_error_set(err, INTERF_EINVAL, "%s: not a single-entry EPFD down row",
                                s->table);
    if (strcmp(letter(a->table), letter(s->table)) != 0 || a->dish_m != s->dish_m ||
        a->ref_bandwidth_khz != s->ref_bandwidth_khz)
        return interf_error_set(err, INTERF_EINVAL, "%s %g m %g kHz is not the aggregate of "
                                "%s %g m %g kHz", a->table, a->dish_m, a->ref_bandwidth_khz,
                                s->table, s->dish_m, s->ref_bandwidth_khz);
    if (!(tol_db >= 0))
        return interf_error_set(err, INTERF_EINVAL, "tol_db: %g: must be >= 0", tol_db);
    return INTERF_OK;
}

enum interf_status interf_limit_aggregate_consistency(const struct interf_limit_mask *aggregate,
                                                      const struct interf_limit_mask *single,
                                                      double tol_db,
                                                      struct interf_limit_consistency *out,
                                                      struct interf_error *err)
{
    enum interf_status st = check_pair(aggregate, single, tol_db, err);
    if (st != INTERF_OK)
        return st;
    /* Res. 76 considering d): the single entry is the aggregate of 3.5 equal systems. */
    const double shift_db = 10.0 * log10(INTERF_LIMIT_RES76_N_SYSTEMS);
    const double top_db = lowest_at(aggregate, 100.0);
    memset(out, 0, sizeof *out);
    out->pass = 1;
    for (size_t k = 0; k < aggregate->n_points; k++) {
        const struct interf_limit_point *p = &aggregate->points[k];
        double single_db = lowest_at(single, p->pct_not_exceeded);
        /* Each shared percentage once, at its lowest aggregate level (the first in RR order). */
        if (isnan(single_db) || (k > 0 && fabs(aggregate->points[k - 1].pct_not_exceeded -
                                               p->pct_not_exceeded) <= INTERF_LIMIT_PCT_TOL))
            continue;
        struct interf_limit_consistency_point *c = &out->points[out->n++];
        c->pct_not_exceeded = p->pct_not_exceeded;
        c->aggregate_db = p->level_db;
        c->single_db = single_db;
        c->diff_db = p->level_db - single_db;
        /* At 100 % and on the top plateau the single-entry mask keeps the level (the time is
         * divided instead); below it the level is lowered by 10 log10(3.5). */
        c->expected_db = p->level_db == top_db ? 0.0 : shift_db;
        c->pass = fabs(c->diff_db - c->expected_db) <= tol_db;
        if (!c->pass) {
            out->pass = 0;
            out->n_fail++;
        }
    }
    return INTERF_OK;
}
