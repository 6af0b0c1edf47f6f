/* SPDX-License-Identifier: MIT */
/* interf limits, verdict: the latitude-dependent 100 % limit of RR Nos. 22.5C.4 / 22.5C.8, the
 * verdict and margins of Rec. ITU-R S.1503-4 (09/2023) §D7 of a CDF against one row, and
 * whether the run is long enough to resolve the row (§D4.6). */
#include "limits_impl.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

double interf_limit_lat_level_db(double lat_deg)
{
    double a = fabs(lat_deg);
    /* RR Nos. 22.5C.4 / 22.5C.8 (RR 2012 pp. RR22-3, RR22-6, official text; also quoted in
     * SIMULATOR-WG/SHARC-Orbit_colab_ITU src/article22_tables.py @110f459). The ramp includes
     * 63.75 deg, as the text reads ("57.5 < |Latitude| <= 63.75"; that code switches to -165.3
     * at 63.75 itself: -165.3125 vs -165.3). */
    if (a <= 57.5)
        return -160.0;
    if (a <= 63.75)
        return -160.0 + 3.4 * (57.5 - a) / 4.0;
    return -165.3;
}

enum interf_status interf_limit_mask_at(const struct interf_limit_mask *mask, double lat_deg,
                                        struct interf_limit_mask *out, struct interf_error *err)
{
    *out = *mask;
    if (!mask->lat_note)
        return INTERF_OK;
    if (!isfinite(lat_deg) || fabs(lat_deg) > 90)
        return interf_error_set(err, INTERF_EINPUT, "lat_deg: the %s %g m row needs the earth "
                                "station's latitude (%s), got %g", mask->table, mask->dish_m,
                                mask->lat_note, lat_deg);
    double lat_db = interf_limit_lat_level_db(lat_deg);
    for (size_t k = 0; k < out->n_points; k++) {
        struct interf_limit_point *p = &out->points[k];
        /* An extra 100 %-of-time limit: the stricter of it and the table's applies. */
        if (p->pct_exceeded == 0.0 && lat_db < p->level_db) {
            p->level_db = lat_db;
            p->level_tenths = interf_db_to_tenths(lat_db);
        }
    }
    return INTERF_OK;
}

double interf_limit_min_steps(double p_pct)
{
    const double ns = 10.0; /* S.1503-4 §D4.6 Table 13: N_S */
    if (!(p_pct >= 0 && p_pct < 100))
        return 0;
    /* §D4.6: N_min = 100 N_S / (100 - p), rounded up; the relative slack keeps a whole N_min
     * (99.999 %: 1e6) from rising by one through the rounding of 100 - p. */
    double n = 100.0 * ns / (100.0 - p_pct);
    return ceil(n - 1e-9 * n);
}

double interf_limit_mask_min_steps(const struct interf_limit_mask *mask, double *p_pct)
{
    double p = 0;
    /* The points strictly between 0 and 100 % of time: the start of a mask (0 %) cannot be
     * broken, the 100 % point is the run maximum's. */
    for (size_t k = 0; k < mask->n_points; k++)
        if (mask->points[k].pct_exceeded > INTERF_LIMIT_PCT_TOL &&
            mask->points[k].pct_not_exceeded > p)
            p = mask->points[k].pct_not_exceeded;
    if (p_pct)
        *p_pct = p;
    return p > 0 ? interf_limit_min_steps(p) : 0;
}

/* The run's total step weight from the CDF's metadata (total_weight, else n_steps), NaN when
 * it has neither; then its sufficiency for the row (S.1503-4 §D4.6). */
static enum interf_status sufficiency(const struct interf_cdf *cdf, const char *name,
                                      struct interf_verdict *v, struct interf_error *err)
{
    const char *key = interf_cdf_meta_get(cdf, "total_weight") ? "total_weight" : "n_steps";
    v->min_steps = interf_limit_mask_min_steps(&v->mask, &v->p_max_pct);
    v->run_steps = NAN;
    v->sufficiency = v->min_steps > 0 ? INTERF_LIMIT_RUN_UNKNOWN : INTERF_LIMIT_RUN_SUFFICIENT;
    if (!interf_cdf_meta_get(cdf, key))
        return INTERF_OK;
    enum interf_status st = interf_cdf_meta_number(cdf, name, key, &v->run_steps, err);
    if (st != INTERF_OK)
        return st;
    if (!(v->run_steps >= 0))
        return interf_error_set(err, INTERF_EINPUT, "%s:%d: %s: %g: must be >= 0", name,
                                cdf->line, key, v->run_steps);
    v->sufficiency = v->run_steps < v->min_steps ? INTERF_LIMIT_RUN_INSUFFICIENT
                                                 : INTERF_LIMIT_RUN_SUFFICIENT;
    return INTERF_OK;
}

static void check_point(const struct interf_cdf *cdf, const struct interf_limit_point *lim,
                        int32_t max_tenths, struct interf_verdict_point *v)
{
    double q = lim->pct_exceeded;
    v->limit = *lim;
    v->sim_pct_exceeded = interf_cdf_exceeded_at(cdf, lim->level_tenths);
    v->margin_pct = q - v->sim_pct_exceeded;
    if (q >= 100.0 - INTERF_LIMIT_PCT_TOL) {
        /* "0 % of time not exceeded": the start of the mask, which no CDF can break. */
        v->sim_level_tenths = INT32_MIN;
        v->margin_db = INFINITY;
        v->pass = 1;
    } else if (q <= INTERF_LIMIT_PCT_TOL) {
        /* S.1503-4 §D7: the 100 % point is checked against the run maximum. */
        v->sim_level_tenths = max_tenths;
        v->margin_db = (lim->level_tenths - (double)max_tenths) / 10.0;
        v->pass = max_tenths <= lim->level_tenths && v->sim_pct_exceeded <= INTERF_LIMIT_PCT_TOL;
    } else {
        v->sim_level_tenths = interf_cdf_level_at(cdf, q);
        v->margin_db = (lim->level_tenths - (double)v->sim_level_tenths) / 10.0;
        v->pass = v->sim_pct_exceeded <= q + INTERF_LIMIT_PCT_TOL;
    }
}

enum interf_status interf_limit_check(const struct interf_limit_mask *mask,
                                      const struct interf_cdf *cdf, const char *name,
                                      double lat_deg, double max_db, struct interf_verdict *out,
                                      struct interf_error *err)
{
    const char *nm = name ? name : "-";
    double bw = cdf->ref_bandwidth_khz;
    struct interf_error e;
    enum interf_status st;
    if (cdf->n == 0)
        return interf_error_set(err, INTERF_EINPUT, "%s:%d: a CDF with no rows", nm, cdf->line);
    if (!(bw > 0))
        return interf_error_set(err, INTERF_EINPUT, "%s:%d: ref_bandwidth_khz: missing (no "
                                "_40khz-style suffix on %s and no metadata)", nm, cdf->line,
                                cdf->quantity);
    if (fabs(bw - mask->ref_bandwidth_khz) > 1e-6 * mask->ref_bandwidth_khz)
        return interf_error_set(err, INTERF_EINPUT, "%s:%d: ref_bandwidth_khz: the CDF is in "
                                "%g kHz, the %s %g m row in %g kHz", nm, cdf->line, bw,
                                mask->table, mask->dish_m, mask->ref_bandwidth_khz);
    if ((st = interf_limit_mask_at(mask, lat_deg, &out->mask, &e)) != INTERF_OK)
        return interf_error_set(err, st, "%s:%d: %s", nm, cdf->line, e.msg);
    if ((st = sufficiency(cdf, nm, out, err)) != INTERF_OK)
        return st;
    int32_t max_tenths = interf_cdf_level_at(cdf, 0.0);
    if (isfinite(max_db) && interf_db_to_tenths(max_db) > max_tenths)
        max_tenths = interf_db_to_tenths(max_db);
    out->max_tenths = max_tenths;
    out->n = out->mask.n_points;
    out->pass = 1;
    out->n_fail = 0;
    out->worst_margin_db = INFINITY;
    out->worst_index = 0;
    for (size_t k = 0; k < out->n; k++) {
        struct interf_verdict_point *v = &out->points[k];
        check_point(cdf, &out->mask.points[k], max_tenths, v);
        if (!v->pass) {
            out->pass = 0;
            out->n_fail++;
        }
        if (v->margin_db < out->worst_margin_db) {
            out->worst_margin_db = v->margin_db;
            out->worst_index = k;
        }
    }
    return INTERF_OK;
}

enum interf_status interf_limit_worst_margin_db(const struct interf_limit_mask *mask,
                                                const struct interf_cdf *cdf, double lat_deg,
                                                double max_db, double *margin_db,
                                                struct interf_error *err)
{
    struct interf_verdict v;
    enum interf_status st = interf_limit_check(mask, cdf, NULL, lat_deg, max_db, &v, err);
    if (st == INTERF_OK)
        *margin_db = v.worst_margin_db;
    return st;
}

enum interf_status interf_limit_worst_margin_hist(
    const struct interf_limit_mask *mask, double ref_bandwidth_khz, const struct interf_hist *h,
    int32_t *scratch_levels, double *scratch_pct, double lat_deg, double max_db,
    double *margin_db, struct interf_error *err)
{
    struct interf_cdf view;
    enum interf_status st;
    memset(&view, 0, sizeof view);
    view.ref_bandwidth_khz = ref_bandwidth_khz;
    st = interf_cdf_view_hist(h, scratch_levels, scratch_pct, &view, err);
    if (st != INTERF_OK)
        return st;
    return interf_limit_worst_margin_db(mask, &view, lat_deg, max_db, margin_db, err);
}
