/* SPDX-License-Identifier: MIT */
/* interf limits, selection: which Article 22 row applies to a run or to a CDF. A request (table,
 * band, service, dish, bandwidth, latitude, maximum as the caller fixes them) is completed from
 * the CDF's metadata in one key order, and the one matching row is found; then the Rec. ITU-R
 * S.1503-4 (09/2023) §D7 verdict of the CDF against it. */
#include "limits_impl.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

void interf_limit_request_init(struct interf_limit_request *r)
{
    memset(r, 0, sizeof *r);
    r->freq_ghz = r->dish_m = r->ref_bandwidth_khz = r->lat_deg = r->max_db = NAN;
}

static int is_service(const char *s)
{
    return strcasecmp(s, "FSS") == 0 || strcasecmp(s, "BSS") == 0;
}

static int has_band(const struct interf_limit_request *r)
{
    return r->band_lo_ghz != 0 || r->band_hi_ghz != 0;
}

/* The look-up of a request: table, service, the band (or the one frequency freq_ghz when
 * neither table nor band is given), dish and bandwidth when known. */
static struct interf_limit_query query_of(const struct interf_limit_request *r)
{
    struct interf_limit_query q = {0};
    q.table = r->table;
    q.service = r->service;
    /* Resolution 76's aggregate tables are named Res76-1A..1D (interf-check --list): the
     * name alone selects their family */
    q.family = r->family;
    if (!q.family && r->table && strncasecmp(r->table, "Res76", 5) == 0)
        q.family = INTERF_LIMIT_AGGREGATE;
    if (has_band(r)) {
        q.band_lo_ghz = r->band_lo_ghz;
        q.band_hi_ghz = r->band_hi_ghz;
    } else if (!r->table && isfinite(r->freq_ghz)) {
        q.band_lo_ghz = q.band_hi_ghz = r->freq_ghz;
    }
    q.dish_m = isfinite(r->dish_m) ? r->dish_m : 0;
    q.ref_bandwidth_khz = isfinite(r->ref_bandwidth_khz) ? r->ref_bandwidth_khz : 0;
    return q;
}

enum interf_status interf_limit_request_check(const struct interf_limits *limits,
                                              const struct interf_limit_request *r,
                                              struct interf_error *err)
{
    struct interf_limit_query q = query_of(r);
    const struct interf_limit_mask *m;
    if (r->service && !is_service(r->service))
        return interf_error_set(err, INTERF_EINVAL, "service: %s: allowed: FSS, BSS", r->service);
    if (r->service && !r->table && !has_band(r))
        return interf_error_set(err, INTERF_EINVAL, "service: needs the table or the band");
    if (!(r->band_lo_ghz >= 0 && r->band_lo_ghz <= r->band_hi_ghz))
        return interf_error_set(err, INTERF_EINVAL, "band: %g-%g GHz: expected 0 < LO <= HI",
                                r->band_lo_ghz, r->band_hi_ghz);
    if (isfinite(r->dish_m) && !(r->dish_m > 0))
        return interf_error_set(err, INTERF_EINVAL, "dish_m: %g: must be positive", r->dish_m);
    q.ref_bandwidth_khz = 0; /* a CDF may bring another bandwidth */
    if (interf_limits_match(limits, &q, NULL) == 0)
        return interf_limits_find(limits, &q, &m, err);
    return INTERF_OK;
}

enum interf_status interf_limit_parse_band(const char *text, double *lo_ghz, double *hi_ghz,
                                           struct interf_error *err)
{
    char buf[64];
    const char *dash = strchr(text + (text[0] == '-'), '-');
    double lo, hi;
    size_t n = dash ? (size_t)(dash - text) : strlen(text);
    int ok = n < sizeof buf;
    if (ok) {
        memcpy(buf, text, n);
        buf[n] = '\0';
        ok = interf_parse_real(buf, &lo) && interf_parse_real(dash ? dash + 1 : buf, &hi);
    }
    if (!ok || !(lo > 0) || hi < lo)
        return interf_error_set(err, INTERF_EINPUT, "expected LO-HI in GHz with 0 < LO <= HI "
                                "(e.g. 10.7-11.7), got \"%.60s\"", text);
    *lo_ghz = lo;
    *hi_ghz = hi;
    return INTERF_OK;
}

/* ---------------------------------------------------------------------------- from a CDF */

/* The value of the first of keys[] the CDF has (NaN when none): "name:line: key: ..." when it
 * is not a number. */
static enum interf_status meta_value(const struct interf_cdf *cdf, const char *name,
                                     const char *const *keys, size_t n_keys, double *out,
                                     struct interf_error *err)
{
    *out = NAN;
    for (size_t k = 0; k < n_keys; k++)
        if (interf_cdf_meta_get(cdf, keys[k]))
            return interf_cdf_meta_number(cdf, name, keys[k], out, err);
    return INTERF_OK;
}

/* The metadata keys of each value, in the order they are read: the name interf-epfd writes
 * first, the alias after it. */
static const char *const dish_keys[] = {"es_dish_m", "dish_m"};
static const char *const max_keys[] = {"max_epfd", "max_db"};
static const char *const freq_keys[] = {"freq_ghz"};
static const char *const lat_keys[] = {"lat_deg"};

/* Fill each value the request leaves open from the metadata. */
static enum interf_status complete(const struct interf_limit_request *given,
                                   const struct interf_cdf *cdf, const char *name,
                                   struct interf_limit_request *r, struct interf_error *err)
{
    struct {
        double *v;
        const char *const *keys;
        size_t n;
    } fill[] = {{&r->dish_m, dish_keys, 2}, {&r->max_db, max_keys, 2},
                {&r->freq_ghz, freq_keys, 1}, {&r->lat_deg, lat_keys, 1}};
    double bw = cdf->ref_bandwidth_khz, want = given->ref_bandwidth_khz;
    *r = *given;
    for (size_t k = 0; k < sizeof fill / sizeof fill[0]; k++) {
        enum interf_status st;
        if (!isnan(*fill[k].v))
            continue;
        if ((st = meta_value(cdf, name, fill[k].keys, fill[k].n, fill[k].v, err)) != INTERF_OK)
            return st;
    }
    if (isfinite(r->dish_m) && !(r->dish_m > 0))
        return interf_error_set(err, INTERF_EINPUT, "%s:%d: dish_m: %g: must be positive",
                                name, cdf->line, r->dish_m);
    if (isfinite(want) && bw > 0 && fabs(bw - want) > 1e-6 * want)
        return interf_error_set(err, INTERF_EINPUT, "%s:%d: ref_bandwidth_khz: %g kHz given "
                                "contradicts the CDF's %g kHz (%s)", name, cdf->line, want, bw,
                                cdf->quantity);
    r->ref_bandwidth_khz = isfinite(want) ? want : bw > 0 ? bw : NAN;
    if (isnan(r->ref_bandwidth_khz))
        return interf_error_set(err, INTERF_EINPUT, "%s:%d: ref_bandwidth_khz: missing (no "
                                "_40khz-style suffix on %s, no metadata, none given)", name,
                                cdf->line, cdf->quantity);
    return INTERF_OK;
}

/* ---------------------------------------------------------------------------- the row */

#define DISH_MISSING "dish_m: missing (no es_dish_m or dish_m metadata line, none given)"

enum interf_status interf_limit_select(const struct interf_limits *limits,
                                       const struct interf_limit_request *r, const char *where,
                                       struct interf_limit_selection *out,
                                       struct interf_error *err)
{
    struct interf_limit_query q = query_of(r);
    const struct interf_limit_mask *first;
    struct interf_error e;
    char at[300] = "";
    if (where)
        snprintf(at, sizeof at, "%s: ", where);
    memset(out, 0, sizeof *out);
    if (!r->table && q.band_lo_ghz == 0 && q.band_hi_ghz == 0)
        return interf_error_set(err, INTERF_EINPUT, "%sno limits chosen: give the table or the "
                                "band (or a freq_ghz metadata line)", at);
    if (interf_limits_find(limits, &q, &out->mask, &e) != INTERF_OK) {
        /* Rows that differ by dish alone: the dish is what is missing. */
        if (isnan(r->dish_m) && interf_limits_match(limits, &q, &first) > 1 &&
            first->dish_m > 0)
            return interf_error_set(err, INTERF_EINPUT, "%s" DISH_MISSING, at);
        return interf_error_set(err, e.status, "%s%s", at, e.msg);
    }
    if (isnan(r->dish_m) && out->mask->dish_m > 0)
        return interf_error_set(err, INTERF_EINPUT, "%s" DISH_MISSING, at);
    out->band_lo_ghz = q.band_lo_ghz;
    out->band_hi_ghz = q.band_hi_ghz;
    out->dish_m = r->dish_m;
    out->ref_bandwidth_khz = r->ref_bandwidth_khz;
    out->lat_deg = r->lat_deg;
    out->max_db = r->max_db;
    return INTERF_OK;
}

enum interf_status interf_limit_select_cdf(const struct interf_limits *limits,
                                           const struct interf_limit_request *given,
                                           const struct interf_cdf *cdf, const char *name,
                                           struct interf_limit_selection *out,
                                           struct interf_error *err)
{
    struct interf_limit_request r;
    char where[300];
    enum interf_status st = complete(given, cdf, name, &r, err);
    memset(out, 0, sizeof *out);
    if (st != INTERF_OK)
        return st;
    snprintf(where, sizeof where, "%s:%d", name, cdf->line);
    return interf_limit_select(limits, &r, where, out, err);
}

enum interf_status interf_limit_judge(const struct interf_limits *limits,
                                      const struct interf_limit_request *given,
                                      const struct interf_cdf *cdf, const char *source,
                                      struct interf_limit_item *out, struct interf_error *err)
{
    enum interf_status st;
    memset(out, 0, sizeof *out);
    out->source = source;
    out->cdf = cdf;
    if ((st = interf_limit_select_cdf(limits, given, cdf, source, &out->sel, err)) != INTERF_OK)
        return st;
    /* A CDF that does not state its bandwidth is checked in the one the request gives. */
    const struct interf_cdf *c = cdf;
    struct interf_cdf with_bw;
    if (!(cdf->ref_bandwidth_khz > 0)) {
        with_bw = *cdf;
        with_bw.ref_bandwidth_khz = out->sel.ref_bandwidth_khz;
        c = &with_bw;
    }
    return interf_limit_check(out->sel.mask, c, source, out->sel.lat_deg, out->sel.max_db,
                              &out->verdict, err);
}
