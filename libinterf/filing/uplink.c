/* SPDX-License-Identifier: MIT */
/* The examination's epfd up and epfd_is runs, Rec. ITU-R S.1503-4 (09/2023) §D5.2 and §D5.3:
 * the inputs a system file gives them (the e.i.r.p. masks of §B4.2 and §C3, the operating
 * parameters of §B3.3), the run of a row of Table 22-2 or 22-3 planned with the longitude
 * correction of §D3 and executed into the examination's histogram. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "filing_impl.h"

const char *filing_input_key(const struct interf_limit_mask *m)
{
    return m->kind == INTERF_EPFD_UP ? "eirp_mask"
           : m->kind == INTERF_EPFD_IS ? "ss_eirp_mask" : "pfd_mask";
}

enum interf_status filing_no_input(const struct interf_system *sys,
                                   const struct interf_limit_mask *m, struct interf_error *err)
{
    return interf_error_set(err, INTERF_EINPUT, "%s: %s: no [orbit] gives it; Table %s (%s) "
                            "needs it (Rec. ITU-R S.1503-4 %s)", interf_system_info(sys)->path,
                            filing_input_key(m), m->table, interf_limit_kind_str(m->kind),
                            m->kind == INTERF_EPFD_UP ? "§B4.2, §C3.1"
                            : m->kind == INTERF_EPFD_IS ? "§C3.2" : "§B4.1");
}

/* The group's mask for a row's kind (NULL: none) */
static const struct interf_eirp_mask *group_mask(const struct interf_system_orbit *o,
                                                 enum interf_limit_kind kind)
{
    return kind == INTERF_EPFD_UP ? o->exam.eirp_mask : o->exam.ss_eirp_mask;
}

int filing_has_input(const struct interf_system *sys, const struct interf_limit_mask *m)
{
    int down = m->kind == INTERF_EPFD_DOWN, any = 0, all = 1;
    for (size_t g = 0; g < interf_system_info(sys)->n_orbits; g++) {
        const struct interf_system_orbit *o = interf_system_orbit(sys, g);
        if (o->n_sats == 0)
            continue;
        int has = down ? o->exam.pfd_mask != NULL : group_mask(o, m->kind) != NULL;
        any |= has;
        all &= has;
    }
    return down ? all : any;
}

void interf_exam_inputs_release(struct interf_exam_inputs *in)
{
    free(in->el);
    free(in->opt);
    free(in->orb_id);
    memset(in, 0, sizeof *in);
}

enum interf_status interf_exam_inputs_init(const struct interf_system *sys,
                                           const struct interf_limit_mask *row,
                                           struct interf_exam_inputs *in,
                                           struct interf_error *err)
{
    memset(in, 0, sizeof *in);
    if (!row || (row->kind != INTERF_EPFD_UP && row->kind != INTERF_EPFD_IS))
        return interf_error_set(err, INTERF_EINPUT, "tables: not a row of Table 22-2 or 22-3");
    const struct interf_system_info *info = interf_system_info(sys);
    const struct interf_system_orbit *o = NULL;
    for (size_t g = 0; g < info->n_orbits && !o; g++)
        if (interf_system_orbit(sys, g)->n_sats && group_mask(interf_system_orbit(sys, g),
                                                              row->kind)) {
            o = interf_system_orbit(sys, g);
            in->orbit = g;
        }
    if (!o)
        return filing_no_input(sys, row, err);
    size_t n = info->n_sats;
    in->el = malloc((n ? n : 1) * sizeof *in->el);
    in->opt = malloc((n ? n : 1) * sizeof *in->opt);
    in->orb_id = malloc((n ? n : 1) * sizeof *in->orb_id);
    if (!in->el || !in->opt || !in->orb_id)
        return interf_error_set(err, INTERF_ENOMEM, "examination: out of memory");
    const struct interf_constellation *c = interf_system_constellation(sys);
    for (size_t k = 0; k < n; k++) {
        interf_constellation_satellite(c, k, &in->el[k], NULL);
        in->opt[k] = interf_system_orbit(sys, interf_system_sat_orbit(sys, k))->options;
        in->orb_id[k] = interf_constellation_plane(c, k) + 1; /* MIN_EXCLUDE's plane */
    }
    struct interf_exam_system s = {n, in->el, in->opt, in->orb_id, group_mask(o, row->kind),
                                   &o->exam.ops, &o->exam.orbit};
    in->req.sys = s;
    in->req.row = row;
    in->req.es_beamwidth_deg = o->exam.es_beamwidth_deg;
    in->req.lon_shift = 1;
    return INTERF_OK;
}

enum interf_status filing_plan_uplink(struct interf_exam *ex, const struct interf_limit_mask *m,
                                      int b, struct interf_exam_run *r,
                                      struct interf_error *err)
{
    const struct interf_system_info *info = interf_system_info(ex->req.sys);
    int up = m->kind == INTERF_EPFD_UP;
    r->link = up ? INTERF_EXAM_LINK_UP : INTERF_EXAM_LINK_IS;
    r->row = m;
    r->ref_bandwidth_khz = m->ref_bandwidth_khz;
    r->band_lo_ghz = fmax(m->bands[b].lo_ghz, info->band_lo_ghz);
    r->band_hi_ghz = fmin(m->bands[b].hi_ghz, info->band_hi_ghz);
    snprintf(r->name, sizeof r->name, "%s_%gdeg_%gkHz", m->table, m->gso_beamwidth_deg,
             m->ref_bandwidth_khz);
    snprintf(r->es_pattern, sizeof r->es_pattern, "S.672");
    enum interf_status st = interf_exam_inputs_init(ex->req.sys, m, &r->in, err);
    if (st != INTERF_OK)
        return st;
    /* §D2.1: the lower edge of the overlap of the mask's and the limits' ranges */
    double mask_lo = fmax(r->in.req.sys.mask->low_freq_mhz, info->band_lo_ghz * 1000.0);
    r->freq_mhz = interf_exam_run_freq_mhz(mask_lo, r->band_lo_ghz * 1000.0,
                                           r->ref_bandwidth_khz);
    r->in.req.n_steps = ex->req.n_steps;
    r->in.req.threads = ex->req.threads;
    st = up ? interf_exam_up_plan(&r->in.req, &r->plan, err)
            : interf_exam_is_plan(&r->in.req, &r->plan, err);
    if (st != INTERF_OK) { /* the plan's message names the field: prefix the run */
        char msg[sizeof err->msg];
        snprintf(msg, sizeof msg, "%s", err ? err->msg : "");
        return interf_error_set(err, st, "%s: %s", r->name, msg);
    }
    const struct interf_exam_plan_info *pi = interf_exam_plan_info(r->plan);
    r->timing = pi->timing;
    r->theta3db_deg = pi->timing.req.theta3db_deg;
    r->n_steps = pi->n_steps;
    r->n_min = pi->timing.n_min;
    r->es_lat_deg = pi->bs_lat_deg;
    r->es_lon_deg = pi->bs_lon_deg;
    r->gso_lon_deg = pi->gso_lon_deg;
    r->shift_deg = pi->shift_deg;
    r->shift_t_s = pi->shift_t_s;
    return INTERF_OK;
}

enum interf_status filing_uplink_part(struct interf_exam_run *r, int64_t first, int64_t end,
                                      struct interf_exam_part *out, interf_progress_fn progress,
                                      void *user, struct interf_error *err)
{
    struct interf_hist_set h;
    struct interf_exam_run_stats s;
    interf_exam_plan_set_progress(r->plan, progress, user);
    enum interf_status st = interf_exam_plan_run_window(r->plan, first, end, &h, &s, err);
    interf_exam_plan_set_progress(r->plan, NULL, NULL);
    if (st != INTERF_OK)
        return st;
    memcpy(out->count, h.count, sizeof out->count);
    out->total = s.weight;
    out->evaluated = (uint64_t)s.n_evaluated;
    out->coarse_blocks = (uint64_t)s.n_coarse_blocks;
    out->clamped = s.clamped;
    out->links = s.links_sum;
    out->accepted = s.accepted_sum;
    out->max_db = s.max_epfd_db;
    out->threads_used = s.threads_used;
    interf_hist_set_free(&h);
    return INTERF_OK;
}
