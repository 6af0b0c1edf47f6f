/* SPDX-License-Identifier: MIT */
/* The examination's runs, Rec. ITU-R S.1503-4 (09/2023): one per Article 22 row whose band
 * overlaps the system's (§D2.1), each with its earth station, time step and run length (§D4),
 * its worst-case geometry (§D3.1) with the longitude correction of §D3, the station run of
 * §D5.1.4.1 and the verdict of §D7. */
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "filing_impl.h"
#include "interf/geo.h"

int interf_exam_sufficient(uint64_t total_weight, double n_min)
{
    return (double)total_weight >= n_min; /* §D4.6: N_S samples at the largest percentage */
}

const char *interf_exam_verdict_str(enum interf_exam_verdict v)
{
    return v == INTERF_EXAM_PASS ? "PASS" : v == INTERF_EXAM_FAIL ? "FAIL" : "INSUFFICIENT";
}

/* The catalogue name of a row's reference pattern ("Rec. ITU-R S.1428-1" -> "S.1428") */
static int pattern_name(const char *ref, char *out, size_t n)
{
    const char *p = strstr(ref, "ITU-R ");
    p = p ? p + 6 : ref;
    size_t len = strcspn(p, "-, ");
    if (len == 0 || len >= n)
        return 0;
    memcpy(out, p, len);
    out[len] = '\0';
    return interf_pattern_find(out) != NULL;
}

/* The shells of §D4.1 (one per orbit group with satellites) and the checks on the filing */
static enum interf_status plan_shells(struct interf_exam *ex, int *repeating, double *p_repeat,
                                      struct interf_error *err)
{
    const struct interf_system *sys = ex->req.sys;
    const struct interf_system_info *info = interf_system_info(sys);
    ex->shells = calloc(info->n_orbits ? info->n_orbits : 1, sizeof *ex->shells);
    ex->shell_orbit = calloc(info->n_orbits ? info->n_orbits : 1, sizeof *ex->shell_orbit);
    if (!ex->shells || !ex->shell_orbit)
        return interf_error_set(err, INTERF_ENOMEM, "examination: out of memory");
    for (size_t g = 0; g < info->n_orbits; g++) {
        const struct interf_system_orbit *o = interf_system_orbit(sys, g);
        const struct interf_orbit_exam *x = &o->exam;
        if (o->n_sats == 0)
            continue;
        for (size_t k = 0; k < x->ops.min_duration_s.n; k++)
            if (x->ops.min_duration_s.value[k] != 0)
                return interf_error_set(err, INTERF_EINPUT, "system: [orbit %s] min_duration: "
                                        "the track-duration variant of S.1503-4 §D5.1.4.2 is "
                                        "not implemented", o->name);
        if (ex->n_shells > 0 && (x->orbit.does_repeat != *repeating ||
                                 x->orbit.repeat_period_s != *p_repeat))
            return interf_error_set(err, INTERF_EINPUT, "system: [orbit %s] repeat_period_s: "
                                    "every group must repeat with one period or none (S.1503-4 "
                                    "§A Table 3)", o->name);
        *repeating = x->orbit.does_repeat;
        *p_repeat = x->orbit.repeat_period_s;
        struct interf_elements el;
        interf_constellation_satellite(interf_system_constellation(sys), o->first_sat, &el,
                                       NULL);
        ex->shells[ex->n_shells] = (struct interf_exam_shell){el.a_km, el.e, el.i_rad,
                                                              x->orbit.h_min_km};
        ex->shell_orbit[ex->n_shells++] = g;
    }
    if (ex->n_shells == 0)
        return interf_error_set(err, INTERF_EINPUT, "system: no orbit group has satellites");
    return INTERF_OK;
}

/* 1 when the row is one the request asks for: EPFD down (of a dish asked for), up or is */
static int wanted(const struct interf_exam *ex, const struct interf_limit_mask *m)
{
    int t = ex->req.n_tables == 0, d = ex->req.n_dishes == 0;
    for (size_t k = 0; k < ex->req.n_tables; k++)
        t |= strcasecmp(ex->req.tables[k], m->table) == 0;
    for (size_t k = 0; k < ex->req.n_dishes; k++)
        d |= fabs(ex->req.dish_m[k] - m->dish_m) < 1e-6;
    if (m->kind == INTERF_EPFD_DOWN)
        return t && d && m->dish_m > 0;
    return t && ex->req.n_dishes == 0 && (m->kind == INTERF_EPFD_UP || m->kind == INTERF_EPFD_IS);
}

/* A row whose band applies but whose input the system lacks: an error when its table was
 * asked for, else noted for the summary */
static enum interf_status lacking(struct interf_exam *ex, const struct interf_limit_mask *m,
                                  struct interf_error *err)
{
    const struct interf_system *sys = ex->req.sys;
    if (ex->req.n_tables > 0 && m->kind == INTERF_EPFD_DOWN) {
        for (size_t g = 0; g < interf_system_info(sys)->n_orbits; g++) {
            const struct interf_system_orbit *o = interf_system_orbit(sys, g);
            if (o->n_sats && !o->exam.pfd_mask)
                return interf_error_set(err, INTERF_EINPUT, "system: [orbit %s] has no pfd_mask "
                                        "(the examination evaluates the filed masks; "
                                        "interf_exam_mask_from_orbit builds one from a beam)",
                                        o->name);
        }
    }
    if (ex->req.n_tables > 0)
        return filing_no_input(sys, m, err);
    for (size_t k = 0; k < ex->n_skipped; k++) /* one note a table */
        if (strcmp(ex->skipped[k]->table, m->table) == 0)
            return INTERF_OK;
    if (ex->n_skipped < sizeof ex->skipped / sizeof ex->skipped[0]) {
        ex->skipped[ex->n_skipped] = m;
        ex->skipped_key[ex->n_skipped++] = filing_input_key(m);
    }
    return INTERF_OK;
}

/* The band of the row that overlaps [lo, hi] lowest, or -1 */
static int overlap(const struct interf_limit_mask *m, double lo, double hi)
{
    int best = -1;
    for (size_t b = 0; b < m->n_bands; b++)
        if (m->bands[b].lo_ghz < hi && m->bands[b].hi_ghz > lo &&
            (best < 0 || m->bands[b].lo_ghz < m->bands[best].lo_ghz))
            best = (int)b;
    return best;
}

/* Run r for row m over its band b: frequency, earth station, step and run length */
static enum interf_status plan_run(struct interf_exam *ex, const struct interf_limit_mask *m,
                                   int b, int repeating, double p_repeat,
                                   struct interf_exam_run *r, struct interf_error *err)
{
    const struct interf_system_info *info = interf_system_info(ex->req.sys);
    const struct interf_pfd_mask *mask = interf_system_orbit(ex->req.sys,
                                                             ex->shell_orbit[0])->exam.pfd_mask;
    r->row = m;
    r->dish_m = m->dish_m;
    r->ref_bandwidth_khz = m->ref_bandwidth_khz;
    r->band_lo_ghz = fmax(m->bands[b].lo_ghz, info->band_lo_ghz);
    r->band_hi_ghz = fmin(m->bands[b].hi_ghz, info->band_hi_ghz);
    /* §D2.1: the lower edge of the overlap of the mask's and the limits' ranges */
    double mask_lo = fmax(mask->low_freq_mhz, info->band_lo_ghz * 1000.0);
    r->freq_mhz = interf_exam_run_freq_mhz(mask_lo, r->band_lo_ghz * 1000.0,
                                           r->ref_bandwidth_khz);
    snprintf(r->name, sizeof r->name, "%s_%gm_%gkHz", m->table, m->dish_m, m->ref_bandwidth_khz);
    if (!pattern_name(m->bands[b].pattern, r->es_pattern, sizeof r->es_pattern))
        return interf_error_set(err, INTERF_EINPUT, "tables: %s: pattern %s: not in the "
                                "catalogue", r->name, m->bands[b].pattern);
    enum interf_status st = interf_es_antenna_init(r->es_pattern, r->dish_m, r->freq_mhz / 1e3,
                                                   &r->es, err);
    if (st != INTERF_OK)
        return st;
    r->theta3db_deg = interf_exam_beamwidth_deg(ex->req.beamwidth, r->dish_m, r->freq_mhz / 1e3);
    struct interf_exam_timing_request tq = {r->theta3db_deg, ex->n_shells, ex->shells,
                                            info->n_sats, repeating, p_repeat,
                                            interf_exam_p_max_pct(1, &m), INTERF_EXAM_LINK_DOWN};
    if ((st = interf_exam_timing(&tq, &r->timing, err)) != INTERF_OK)
        return st;
    r->n_min = r->timing.n_min;
    r->n_steps = ex->req.n_steps > 0 ? ex->req.n_steps : r->timing.n_steps;
    return INTERF_OK;
}

enum interf_status interf_exam_check(const struct interf_exam *ex, struct interf_error *err)
{
    for (size_t k = 0; k < ex->n_runs; k++)
        if ((double)ex->runs[k].n_steps > INTERF_HIST_MAX_STEPS)
            return interf_error_set(err, INTERF_EINPUT, "n_steps: %s: %lld steps: more than "
                                    "%.0f (the histogram's counts)", ex->runs[k].name,
                                    (long long)ex->runs[k].n_steps, INTERF_HIST_MAX_STEPS);
    return INTERF_OK;
}

/* The kind of row the tables asked for ("EPFD-down"...), "" for several or none */
static const char *kinds_asked(const struct interf_exam *ex)
{
    static const char *const name[] = {"EPFD-down", "EPFD-up", "EPFD-is"};
    int kind = -1;
    for (size_t k = 0; k < interf_limits_count(ex->req.limits); k++) {
        const struct interf_limit_mask *m = interf_limits_mask(ex->req.limits, k);
        int i = m->kind == INTERF_EPFD_DOWN ? 0 : m->kind == INTERF_EPFD_UP ? 1
                : m->kind == INTERF_EPFD_IS ? 2 : -1;
        int asked = ex->req.n_tables == 0;
        for (size_t j = 0; j < ex->req.n_tables; j++)
            asked |= strcasecmp(ex->req.tables[j], m->table) == 0;
        if (!asked || i < 0)
            continue;
        if (kind >= 0 && kind != i)
            return "applicable";
        kind = i;
    }
    return kind >= 0 ? name[kind] : "applicable";
}

/* Every row asked for whose band overlaps the system's */
static enum interf_status plan_runs(struct interf_exam *ex, int repeating, double p_repeat,
                                    struct interf_error *err)
{
    const struct interf_system_info *info = interf_system_info(ex->req.sys);
    size_t n = interf_limits_count(ex->req.limits);
    if (!(ex->runs = calloc(n ? n : 1, sizeof *ex->runs)))
        return interf_error_set(err, INTERF_ENOMEM, "examination: out of memory");
    for (size_t k = 0; k < ex->req.n_tables; k++) {
        struct interf_limit_query q = {.table = ex->req.tables[k]};
        if (interf_limits_match(ex->req.limits, &q, NULL) == 0)
            return interf_error_set(err, INTERF_EINPUT, "tables: %s: no such table "
                                    "(interf-check --list)", ex->req.tables[k]);
    }
    for (size_t k = 0; k < n; k++) {
        const struct interf_limit_mask *m = interf_limits_mask(ex->req.limits, k);
        int b = wanted(ex, m) ? overlap(m, info->band_lo_ghz, info->band_hi_ghz) : -1;
        enum interf_status st = INTERF_OK;
        if (b < 0)
            continue;
        if (!filing_has_input(ex->req.sys, m))
            st = lacking(ex, m, err);
        else if (m->kind == INTERF_EPFD_DOWN)
            st = plan_run(ex, m, b, repeating, p_repeat, &ex->runs[ex->n_runs++], err);
        else
            st = filing_plan_uplink(ex, m, b, &ex->runs[ex->n_runs++], err);
        if (st != INTERF_OK)
            return st;
    }
    if (ex->n_runs == 0 && ex->n_skipped)
        return filing_no_input(ex->req.sys, ex->skipped[0], err);
    if (ex->n_runs == 0)
        return interf_error_set(err, INTERF_EINPUT, "tables: no %s row of the tables and "
                                "dishes asked for applies to the band %g-%g GHz",
                                kinds_asked(ex), info->band_lo_ghz, info->band_hi_ghz);
    return INTERF_OK;
}

enum interf_status interf_exam_create(const struct interf_exam_request *req,
                                      struct interf_exam **out, struct interf_error *err)
{
    *out = NULL;
    if (!req || !req->sys || !req->limits)
        return interf_error_set(err, INTERF_EINVAL, "examination: NULL system or limits");
    const struct interf_system_info *info = interf_system_info(req->sys);
    if (!(info->band_hi_ghz > 0))
        return interf_error_set(err, INTERF_EINPUT, "system: %s: no band_ghz in [system] (the "
                                "runs are chosen by band, S.1503-4 §D2.1)", info->path);
    if (req->n_steps < 0 || !(req->wcg_step_deg >= 0 && req->wcg_step_deg <= 10))
        return interf_error_set(err, INTERF_EINPUT, "wcg_step_deg: %g: allowed range 0 to 10",
                                req->wcg_step_deg);
    struct interf_exam *ex = calloc(1, sizeof *ex);
    if (!ex)
        return interf_error_set(err, INTERF_ENOMEM, "examination: out of memory");
    ex->req = *req;
    int repeating = 0;
    double p_repeat = 0;
    enum interf_status st = plan_shells(ex, &repeating, &p_repeat, err);
    if (st == INTERF_OK)
        st = plan_runs(ex, repeating, p_repeat, err);
    if (st != INTERF_OK) {
        interf_exam_destroy(ex);
        return st;
    }
    *out = ex;
    return INTERF_OK;
}

void interf_exam_destroy(struct interf_exam *ex)
{
    if (!ex)
        return;
    for (size_t k = 0; ex->runs && k < ex->n_runs; k++) {
        interf_antenna_release(&ex->runs[k].es);
        interf_exam_plan_destroy(ex->runs[k].plan);
        interf_exam_inputs_release(&ex->runs[k].in);
    }
    free(ex->runs);
    free(ex->shells);
    free(ex->shell_orbit);
    free(ex);
}

size_t interf_exam_n_runs(const struct interf_exam *ex)
{
    return ex->n_runs;
}

const struct interf_exam_run *interf_exam_get_run(const struct interf_exam *ex, size_t k)
{
    return k < ex->n_runs ? &ex->runs[k] : NULL;
}

/* The WCG over the orbit groups: the highest margin bin, ties the lowest angular velocity */
static enum interf_status wcg(struct interf_exam *ex, struct interf_exam_run *r,
                              struct interf_error *err)
{
    const struct interf_system *sys = ex->req.sys;
    double t0 = omp_get_wtime();
    r->wcg.found = 0;
    for (size_t s = 0; s < ex->n_shells; s++) {
        const struct interf_system_orbit *o = interf_system_orbit(sys, ex->shell_orbit[s]);
        struct interf_elements el;
        struct interf_wcg w;
        interf_constellation_satellite(interf_system_constellation(sys), o->first_sat, &el,
                                       NULL);
        struct interf_wcg_request q = {ex->req.rec, o->exam.pfd_mask, el.a_km, el.e, el.i_rad,
                                       el.argp_rad, o->exam.orbit.h_min_km, &o->exam.ops, 0,
                                       &r->es, r->row, r->freq_mhz, ex->req.wcg_step_deg,
                                       ex->req.threads, ex->part, ex->n_parts, ex->combine,
                                       ex->combine_user};
        enum interf_status st = interf_exam_wcg_down(&q, &w, err);
        if (st != INTERF_OK)
            return st;
        uint64_t n = r->wcg.n_cases + w.n_cases;
        if (w.found && (!r->wcg.found || w.bin > r->wcg.bin ||
                        (w.bin == r->wcg.bin && w.angvel_rad_s < r->wcg.angvel_rad_s))) {
            r->wcg = w;
            r->wcg_orbit = ex->shell_orbit[s];
        }
        r->wcg.n_cases = n;
    }
    r->wcg_seconds = omp_get_wtime() - t0;
    if (!r->wcg.found)
        return interf_error_set(err, INTERF_EINPUT, "%s: the worst-case geometry search found "
                                "no test point that passes its gates (S.1503-4 §D3.1)", r->name);
    return INTERF_OK;
}

static double wrap_deg(double d)
{
    return interf_wrap_pi(d * INTERF_DEG) / INTERF_DEG;
}

enum interf_status filing_verdict(const struct interf_exam *ex, struct interf_exam_run *r,
                                  struct interf_error *err)
{
    struct interf_cdf *cdf = NULL;
    enum interf_status st = interf_exam_cdf(ex, (size_t)(r - ex->runs), &cdf, err);
    if (st == INTERF_OK)
        st = interf_limit_check(r->row, cdf, r->name,
                                r->link == INTERF_EXAM_LINK_DOWN ? r->es_lat_deg : NAN,
                                isfinite(r->res.max_db) ? r->res.max_db : NAN, &r->verdict, err);
    interf_cdf_free_all(cdf, 1);
    if (st == INTERF_OK)
        r->status = !r->verdict.pass ? INTERF_EXAM_FAIL
                    : interf_exam_sufficient(r->res.total, r->n_min) ? INTERF_EXAM_PASS
                                                                     : INTERF_EXAM_INSUFFICIENT;
    return st;
}

void interf_exam_share_search(struct interf_exam *ex, int part, int n_parts,
                              void (*combine)(void *buf, size_t bytes, void *user), void *user)
{
    ex->part = part;
    ex->n_parts = n_parts;
    ex->combine = combine;
    ex->combine_user = user;
}

enum interf_status interf_exam_prepare(struct interf_exam *ex, size_t k,
                                       interf_progress_fn progress, void *user,
                                       struct interf_error *err)
{
    if (k >= ex->n_runs)
        return interf_error_set(err, INTERF_EINVAL, "examination: no run %zu", k);
    struct interf_exam_run *r = &ex->runs[k];
    const struct interf_system *sys = ex->req.sys;
    if ((double)r->n_steps > INTERF_HIST_MAX_STEPS)
        return interf_exam_check(ex, err);
    if (r->link != INTERF_EXAM_LINK_DOWN || r->prepared) { /* up, is: planned when created */
        r->prepared = 1;
        return INTERF_OK;
    }
    if (progress && progress(0, "worst-case geometry", user))
        return interf_error_set(err, INTERF_ECANCELED, "examination: canceled");
    enum interf_status st = wcg(ex, r, err);
    if (st != INTERF_OK)
        return st;
    /* §D3, Fig. 13: the first satellite of the group passes the geometry in its first orbit */
    const struct interf_system_orbit *o = interf_system_orbit(sys, r->wcg_orbit);
    st = interf_exam_wcg_lon_shift(interf_system_constellation(sys), o->first_sat,
                                   r->wcg.sat_lat_deg, 1, r->timing.dt_fine_s, &r->shift_t_s,
                                   &r->shift_deg, err);
    if (st != INTERF_OK)
        return st;
    r->es_lat_deg = r->wcg.es_lat_deg;
    r->es_lon_deg = wrap_deg(r->wcg.es_lon_deg + r->shift_deg);
    r->gso_lon_deg = wrap_deg(r->wcg.gso_lon_deg + r->shift_deg);
    r->prepared = 1;
    return INTERF_OK;
}

enum interf_exam_verdict interf_exam_overall(const struct interf_exam *ex)
{
    enum interf_exam_verdict v = INTERF_EXAM_PASS;
    for (size_t k = 0; k < ex->n_runs; k++) {
        if (!ex->runs[k].done)
            continue;
        if (ex->runs[k].status == INTERF_EXAM_FAIL)
            return INTERF_EXAM_FAIL;
        if (ex->runs[k].status == INTERF_EXAM_INSUFFICIENT)
            v = INTERF_EXAM_INSUFFICIENT;
    }
    return v;
}

enum interf_status interf_exam_mask_from_orbit(const struct interf_system *sys, size_t orbit,
                                               double step_deg, struct interf_pfd_mask **out,
                                               struct interf_error *err)
{
    const struct interf_system_orbit *o = interf_system_orbit(sys, orbit);
    *out = NULL;
    if (!o)
        return interf_error_set(err, INTERF_EINVAL, "mask: no orbit %zu", orbit);
    const struct interf_system_beam *b = o->n_beams == 1 ? interf_system_beam(sys, o->beams[0])
                                                         : NULL;
    if (!b || b->pointing != INTERF_POINT_NADIR || o->n_sats == 0)
        return interf_error_set(err, INTERF_EINPUT, "[orbit %s]: a mask is built from one beam "
                                "pointing at nadir (S.1503-4 §C2.3.1)", o->name);
    const struct interf_system_info *info = interf_system_info(sys);
    struct interf_elements el;
    interf_constellation_satellite(interf_system_constellation(sys), o->first_sat, &el, NULL);
    enum interf_status st = interf_pfd_mask_from_beam(
        &interf_system_antenna(sys, b->antenna)->antenna, b->power_dbw, info->ref_bandwidth_khz,
        el.a_km * (1 - el.e) - INTERF_RE_KM, step_deg, out, err);
    if (st == INTERF_OK) {
        (*out)->low_freq_mhz = info->band_lo_ghz * 1000.0;
        (*out)->high_freq_mhz = info->band_hi_ghz * 1000.0;
        snprintf((*out)->sat_name, sizeof (*out)->sat_name, "%s", o->name);
    }
    return st;
}
