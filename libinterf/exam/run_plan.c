/* SPDX-License-Identifier: MIT */
/* The planning of epfd up and epfd_is runs, Rec. ITU-R S.1503-4 (09/2023) §D5.2.6 steps 1-6 and
 * §D5.3.5 steps 1-5: the victim of the Article 22 row, the worst-case boresight (§D3.2, §D3.3),
 * the earth stations (§D5.2.5), the time step and run length (§D4.3, §D4.4, §D4.6) and the
 * constellation with the artificial precession of §D4.6.2. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "orbit/constellation_impl.h"
#include "run_impl.h"
#include "interf/limits.h"

void interf_exam_plan_destroy(struct interf_exam_plan *p)
{
    if (!p)
        return;
    for (size_t k = 0; k < p->n_alpha; k++)
        interf_alpha_table_destroy(p->alpha[k]);
    free(p->alpha);
    free(p->alpha_lat);
    for (size_t k = 0; k < p->n_curves; k++) {
        free(p->curves[k].seg);
        free(p->curves[k].flat);
        free(p->curves[k].bound);
    }
    free(p->curves);
    free(p->es);
    free(p->all_lat);
    free(p->all_lon);
    free(p->es_km);
    free(p->es_max);
    free(p->sky);
    free(p->clusters);
    free(p->cl_cos_mid);
    free(p->cl_first);
    free(p->cl_es);
    free(p->cl_soa);
    free(p->es_cluster);
    free(p->shells);
    interf_constellation_destroy(p->c);
    free(p);
}

void interf_exam_plan_set_progress(struct interf_exam_plan *p, interf_progress_fn fn, void *user)
{
    p->progress = fn;
    p->progress_user = user;
}

const struct interf_exam_plan_info *interf_exam_plan_info(const struct interf_exam_plan *p)
{
    return &p->info;
}

size_t interf_exam_plan_stations(const struct interf_exam_plan *p, const double **lat_deg,
                                 const double **lon_deg)
{
    if (lat_deg)
        *lat_deg = p->all_lat;
    if (lon_deg)
        *lon_deg = p->all_lon;
    return p->n_all;
}

static enum interf_status check_request(const struct interf_exam_run_request *r,
                                        enum interf_exam_link link, struct interf_error *err)
{
    const struct interf_exam_system *s = &r->sys;
    if (!s->n_sats || !s->elements || !s->options)
        return interf_error_set(err, INTERF_EINPUT, "system: no satellite");
    if (!s->mask)
        return interf_error_set(err, INTERF_EINPUT, "eirp_mask: required");
    int es_mask = s->mask->form != INTERF_EIRP_SS_OFFAXIS;
    if (es_mask != (link == INTERF_EXAM_LINK_UP))
        return interf_error_set(err, INTERF_EINPUT, "eirp_mask: a %s mask for an %s run",
                                es_mask ? "earth-station" : "space-station",
                                link == INTERF_EXAM_LINK_UP ? "epfd up" : "epfd_is");
    if (!r->row || r->row->kind != (link == INTERF_EXAM_LINK_UP ? INTERF_EPFD_UP : INTERF_EPFD_IS))
        return interf_error_set(err, INTERF_EINPUT, "row: a row of Table %s is needed",
                                link == INTERF_EXAM_LINK_UP ? "22-2" : "22-3");
    if (link == INTERF_EXAM_LINK_UP && !s->ops)
        return interf_error_set(err, INTERF_EINPUT, "operating parameters: required for epfd "
                                "up (ES_DENSITY, ES_DISTANCE, MAX_CO_FREQ, ...)");
    if (link == INTERF_EXAM_LINK_UP && s->mask->es_id != -1 && r->n_stations == 0)
        return interf_error_set(err, INTERF_EINPUT, "eirp_mask: es_id %ld: a filed earth "
                                "station: give its position (stations)", s->mask->es_id);
    if (!isfinite(r->gso_lon_deg) || fabs(r->gso_lon_deg) > 360)
        return interf_error_set(err, INTERF_EINPUT, "gso_lon: %g: allowed range -360 to 360",
                                r->gso_lon_deg);
    if (r->bs_given && !(fabs(r->bs_lat_deg) <= 90 && isfinite(r->bs_lon_deg)))
        return interf_error_set(err, INTERF_EINPUT, "boresight: (%g, %g): not a point",
                                r->bs_lat_deg, r->bs_lon_deg);
    if (r->n_steps < 0)
        return interf_error_set(err, INTERF_EINPUT, "n_steps: %lld: must not be negative",
                                (long long)r->n_steps);
    return INTERF_OK;
}

/* §D4: the shells (distinct a, e, i), the timing, the fine step and Ncoarse */
static enum interf_status plan_timing(struct interf_exam_plan *p, double theta3db_deg,
                                      struct interf_error *err)
{
    const struct interf_exam_system *s = &p->req.sys;
    size_t n = 0;
    p->shells = malloc(s->n_sats * sizeof *p->shells);
    if (!p->shells)
        return interf_error_set(err, INTERF_ENOMEM, "plan: out of memory");
    for (size_t k = 0; k < s->n_sats; k++) {
        const struct interf_elements *e = &s->elements[k];
        size_t j = 0;
        while (j < n && !(p->shells[j].a_km == e->a_km && p->shells[j].e == e->e &&
                          p->shells[j].i_rad == e->i_rad))
            j++;
        if (j == n && n < 4096) {
            struct interf_exam_shell sh = {e->a_km, e->e, e->i_rad, p->h_min_km};
            p->shells[n++] = sh;
        }
    }
    const struct interf_op_orbit *o = s->orbit;
    const struct interf_limit_mask *row = p->req.row;
    struct interf_exam_timing_request tr = {
        .theta3db_deg = theta3db_deg, .n_shells = n, .shells = p->shells, .n_sats = s->n_sats,
        .repeating = o && o->does_repeat, .p_repeat_s = o ? o->repeat_period_s : 0,
        .p_max_pct = interf_exam_p_max_pct(1, &row), .link = p->info.link};
    enum interf_status st = interf_exam_timing(&tr, &p->info.timing, err);
    if (st != INTERF_OK)
        return st;
    p->info.dt_s = p->info.timing.dt_fine_s;
    p->info.n_coarse = p->info.timing.n_coarse;
    p->info.n_steps = p->req.n_steps > 0 ? p->req.n_steps : p->info.timing.n_steps;
    if ((double)p->info.n_steps > INTERF_HIST_MAX_STEPS)
        return interf_error_set(err, INTERF_EINPUT, "n_steps: %lld: more than %.0f",
                                (long long)p->info.n_steps, INTERF_HIST_MAX_STEPS);
    return INTERF_OK;
}

/* The constellation, with D_art of §D4.6.2 added to every J2 satellite of a non-repeating run
 * (§D4.1: the same value for all) */
static enum interf_status plan_constellation(struct interf_exam_plan *p, struct interf_error *err)
{
    const struct interf_exam_system *s = &p->req.sys;
    const struct interf_exam_timing *t = &p->info.timing;
    double d_art = t->req.repeating || t->equatorial ? 0 : t->d_art_deg_s * INTERF_DEG;
    p->d_art_rad_s = d_art;
    enum interf_status st = interf_constellation_create(s->n_sats, &p->c, err);
    for (size_t k = 0; st == INTERF_OK && k < s->n_sats; k++) {
        struct interf_orbit_options o = s->options[k];
        if (o.model == INTERF_ORBIT_J2)
            o.precession_rad_s += d_art;
        st = interf_constellation_add(p->c, &s->elements[k], &o, -1, NULL, err);
    }
    p->orun.t0_s = 0;
    p->orun.t_run_s = (double)p->info.n_steps * p->info.dt_s;
    return st;
}

/* The victim: the row's pattern, Table 8-9 for the run's band */
static enum interf_status plan_victim(struct interf_exam_plan *p, struct interf_error *err)
{
    const struct interf_limit_mask *row = p->req.row;
    enum interf_status st = interf_exam_gso_rx(row, &p->info.rx, err);
    if (st != INTERF_OK)
        return st;
    p->info.ls_db = p->info.rx.value[2];
    p->info.run_bw_khz = row->ref_bandwidth_khz;
    p->info.bw_scale_db = interf_eirp_mask_scale_db(p->req.sys.mask, row->ref_bandwidth_khz);
    double lo_ghz = row->n_bands ? row->bands[0].lo_ghz : 0;
    for (size_t k = 1; k < row->n_bands; k++)
        lo_ghz = fmin(lo_ghz, row->bands[k].lo_ghz);
    /* §D2.1: the run's frequency, the lower edge of the overlap */
    double f_mhz = interf_exam_run_freq_mhz(p->req.sys.mask->low_freq_mhz, lo_ghz * 1000.0,
                                            row->ref_bandwidth_khz);
    interf_exam_gso_up(interf_gso_band_of(f_mhz), &p->info.wcg_gso);
    interf_gso_ecef(p->req.gso_lon_deg * INTERF_DEG, p->gso_km);
    p->h_min_km = p->req.sys.orbit ? p->req.sys.orbit->h_min_km : 0;
    p->info.wcg_az_deg = NAN;
    p->info.wcg_estimate_db = NAN;
    return INTERF_OK;
}

static void set_boresight(struct interf_exam_plan *p, double lat_deg, double lon_deg)
{
    double la = lat_deg * INTERF_DEG, lo = lon_deg * INTERF_DEG;
    double bs[3] = {INTERF_RE_KM * cos(la) * cos(lo), INTERF_RE_KM * cos(la) * sin(lo),
                    INTERF_RE_KM * sin(la)};
    double n = 0;
    for (int k = 0; k < 3; k++) {
        p->bs_dir[k] = bs[k] - p->gso_km[k];
        n += p->bs_dir[k] * p->bs_dir[k];
    }
    for (int k = 0; k < 3; k++)
        p->bs_dir[k] /= sqrt(n);
    p->info.bs_lat_deg = lat_deg;
    p->info.bs_lon_deg = lon_deg;
    p->info.gso_lon_deg = p->req.gso_lon_deg;
}

static double wrap_deg(double d)
{
    return interf_wrap_pi(d * INTERF_DEG) / INTERF_DEG;
}

/* §D3, Fig. 13: the GSO satellite and the boresight moved in longitude so that satellite 0
 * passes over the WCG point in its first orbit (ascending, at the fine step nearest its
 * latitude); the stations are placed after it */
static enum interf_status plan_lon_shift(struct interf_exam_plan *p, struct interf_error *err)
{
    double t, sat_lon;
    if (!p->req.lon_shift)
        return INTERF_OK;
    enum interf_status st = interf_exam_wcg_lon_shift(p->c, 0, p->info.wcg_lat_deg, 1,
                                                      p->info.dt_s, &t, &sat_lon, err);
    if (st != INTERF_OK)
        return st;
    double shift = wrap_deg(sat_lon - p->info.wcg_lon_deg);
    p->info.shift_deg = shift;
    p->info.shift_t_s = t;
    p->req.gso_lon_deg = wrap_deg(p->req.gso_lon_deg + shift);
    interf_gso_ecef(p->req.gso_lon_deg * INTERF_DEG, p->gso_km);
    set_boresight(p, p->info.bs_lat_deg, wrap_deg(p->info.bs_lon_deg + shift));
    return INTERF_OK;
}

/* e.i.r.p.(lat) of the WCG(up) estimate at a point (§D3.2.3.1-§D3.2.3.2) */
static double wcg_up_eirp(const struct interf_exam_plan *p, double lat, double lon)
{
    const struct interf_eirp_mask *m = p->req.sys.mask;
    if (m->form == INTERF_EIRP_ES_OFFAXIS) /* the in-line limit: theta_min = alpha0(lat) */
        return interf_eirp_mask_offaxis_db(m, lat, interf_op_alpha0_deg(p->req.sys.ops, 0, lat));
    const struct interf_eirp_table *t = interf_eirp_mask_table(m, lat);
    double best = -INFINITY, dl = p->req.gso_lon_deg - lon;
    dl -= 360.0 * floor((dl + 180.0) / 360.0);
    for (size_t c = 0; c < t->n_curves; c++)
        best = fmax(best, interf_eirp_curve_eval_db(&t->curves[c], dl));
    return best;
}

/* §D3.2: the Table 9 ring searched in azimuth for the highest estimate */
static void wcg_up(struct interf_exam_plan *p)
{
    const struct interf_op_params *ops = p->req.sys.ops;
    const struct interf_gso_up *g = &p->info.wcg_gso;
    int specific = p->req.n_stations > 0 || ops->es_distance_km == 0;
    double d_es = specific ? 100.0 : ops->es_distance_km;
    int32_t best_bin = INT32_MIN;
    double best_az = 0;
    for (int k = 0; k < 3600; k++) {
        double az = 0.1 * k, lat, lon;
        interf_exam_gso_boresight(p->req.gso_lon_deg, g->chi_bs_deg, az, &lat, &lon);
        long nco = interf_op_max_co_freq(ops, lat);
        if (lat < p->info.lat_min_deg || lat > p->info.lat_max_deg || nco == 0)
            continue;
        double est = interf_exam_up_estimate_db(wcg_up_eirp(p, lat, lon), p->info.num_es,
                                                nco < 0 ? 1 : (double)nco, d_es,
                                                g->beamwidth_deg, g->chi_bs_deg);
        int32_t bin = (int32_t)floor(est * 10.0 + 0.5); /* §D3: 0.1 dB, to nearest */
        if (bin > best_bin) {
            best_bin = bin;
            best_az = az;
            p->info.wcg_estimate_db = est;
        }
    }
    double lat, lon;
    p->info.wcg_az_deg = best_az;
    interf_exam_gso_boresight(p->req.gso_lon_deg, g->chi_bs_deg, best_az, &lat, &lon);
    set_boresight(p, lat, lon);
}

/* §D3.2.3.6 over the shells, within ES_LAT_MIN..ES_LAT_MAX */
static void plan_lat_range(struct interf_exam_plan *p)
{
    const struct interf_exam_system *s = &p->req.sys;
    const struct interf_elev_table *me = &s->ops->min_elev;
    double eps = me->n ? INFINITY : 0; /* the lowest minimum elevation */
    for (size_t k = 0; k < me->n; k++)
        eps = fmin(eps, me->elev_deg[k]);
    double lo = 90, hi = -90;
    for (size_t k = 0; k < s->n_sats; k++) {
        double a, b;
        interf_exam_es_lat_range(s->elements[k].a_km, s->elements[k].e, s->elements[k].i_rad,
                                 s->elements[k].argp_rad, eps, &a, &b);
        lo = fmin(lo, a);
        hi = fmax(hi, b);
    }
    p->sin_eps_min = sin(eps * INTERF_DEG);
    p->info.lat_min_deg = fmax(lo, s->ops->es_lat_min_deg);
    p->info.lat_max_deg = fmin(hi, s->ops->es_lat_max_deg);
}

/* The alpha table of a station's latitude (one per latitude row), over the sky above the
 * lowest MIN_ELEV less 0.5 deg (step 18 looks no lower; at 40 deg, a fifth of the whole sky's
 * cells) */
static enum interf_status station_alpha(struct interf_exam_plan *p, double lat_deg, size_t *idx,
                                        struct interf_error *err)
{
    for (size_t k = 0; k < p->n_alpha; k++)
        if (p->alpha_lat[k] == lat_deg) {
            *idx = k;
            return INTERF_OK;
        }
    *idx = p->n_alpha;
    double above_deg = asin(p->sin_eps_min) / INTERF_DEG - 0.5;
    enum interf_status st = interf_alpha_table_create_above(lat_deg * INTERF_DEG, 0, 128,
                                                            above_deg, &p->alpha[p->n_alpha],
                                                            err);
    if (st == INTERF_OK)
        p->alpha_lat[p->n_alpha++] = lat_deg;
    return st;
}

/* Neighbouring stations in clusters (each station joins the first cluster whose seed is
 * within 1.5 ES_DISTANCE, at least 5 deg: blocks of about 3 x 3 on the placement's grid), so
 * that a satellite is paired only with the stations of the clusters it is near; a cluster's
 * cap is its seed's, out to its farthest station plus reach_rad */
static void plan_clusters(struct interf_exam_plan *p, double reach_rad)
{
    double join = fmax(5.0 * INTERF_DEG, 1.5 * p->req.sys.ops->es_distance_km / INTERF_RE_KM);
    p->n_clusters = 0;
    for (size_t k = 0; k < p->n_es; k++) {
        size_t c = 0;
        while (c < p->n_clusters &&
               interf_angle_between(p->clusters[c].dir, p->es[k].st.up) > join)
            c++;
        if (c == p->n_clusters) {
            struct run_cluster *q = &p->clusters[p->n_clusters++];
            memcpy(q->dir, p->es[k].st.up, sizeof q->dir);
            q->rad = 0;
        }
        p->es_cluster[k] = (uint32_t)c;
        p->clusters[c].rad = fmax(p->clusters[c].rad,
                                  interf_angle_between(p->clusters[c].dir, p->es[k].st.up));
    }
    size_t nc = p->n_clusters;
    p->cl_rad_max = 0;
    for (size_t c = 0; c < nc; c++) {
        p->clusters[c].rad += reach_rad;
        p->clusters[c].cos_rad = p->clusters[c].rad < INTERF_PI ? cos(p->clusters[c].rad) : -2;
        p->cl_rad_max = fmax(p->cl_rad_max, p->clusters[c].rad);
        for (int i = 0; i < 3; i++)
            p->cl_soa[i * nc + c] = p->clusters[c].dir[i];
        p->cl_soa[3 * nc + c] = p->clusters[c].cos_rad;
    }
}

/* The cap beyond which a satellite is below the lowest MIN_ELEV of every station: the
 * stations' mean direction, their largest angle from it plus the reach of that elevation from
 * the highest orbit (Fig. 32: acos(Re cos(eps) / r) - eps), with a margin for rounding */
static void plan_cull(struct interf_exam_plan *p)
{
    double c[3] = {0, 0, 0}, r_max = 0, rho = 0;
    for (size_t k = 0; k < p->req.sys.n_sats; k++)
        r_max = fmax(r_max, p->req.sys.elements[k].a_km * (1 + p->req.sys.elements[k].e));
    double ce = sqrt(1 - p->sin_eps_min * p->sin_eps_min);
    double lam = acos(INTERF_RE_KM * ce / r_max) - asin(p->sin_eps_min) + 1e-4;
    p->cos_reach = cos(lam);
    p->reach_rad = lam;
    plan_clusters(p, lam);
    for (size_t k = 0; k < p->n_es; k++)
        for (int i = 0; i < 3; i++)
            c[i] += p->es[k].st.up[i];
    double n = sqrt(c[0] * c[0] + c[1] * c[1] + c[2] * c[2]);
    p->cull_cos = -2; /* none culled */
    p->cull_rad = INTERF_PI;
    if (!(n > 1e-9 * (double)p->n_es))
        return;
    for (int i = 0; i < 3; i++)
        p->cull_dir[i] = c[i] / n;
    for (size_t k = 0; k < p->n_es; k++)
        rho = fmax(rho, interf_angle_between(p->cull_dir, p->es[k].st.up));
    if (rho + lam < INTERF_PI) {
        p->cull_cos = cos(rho + lam);
        p->cull_rad = rho + lam;
    }
}

/* cos(a_rad), or -2 (below every cosine) for an angle of pi or more */
static double cos_cap(double a_rad)
{
    return a_rad < INTERF_PI ? cos(a_rad) : -2;
}

/* The caps of a window of RUN_WIN_STEPS steps (run_step.c: window_build): the cull cap, the
 * clusters' and the reach widened by the largest turn of a satellite's direction over half a
 * window, from a satellite's middle step in it to its first or last (the bound of the waits,
 * p->sky), and each cluster's stations */
static enum interf_status plan_window(struct interf_exam_plan *p, struct interf_error *err)
{
    size_t nc = p->n_clusters;
    p->cl_cos_mid = malloc((nc ? nc : 1) * sizeof *p->cl_cos_mid);
    p->cl_first = malloc((nc + 1) * sizeof *p->cl_first);
    p->cl_es = malloc((p->n_es ? p->n_es : 1) * sizeof *p->cl_es);
    if (!p->cl_cos_mid || !p->cl_first || !p->cl_es)
        return interf_error_set(err, INTERF_ENOMEM, "plan: out of memory");
    double rate = 0;
    for (size_t k = 0; k < p->req.sys.n_sats; k++)
        rate = fmax(rate, p->sky[k].rate_rad_s);
    double grow = rate * (RUN_WIN_STEPS / 2) * p->info.dt_s;
    p->cull_cos_mid = p->cull_cos < -1 ? -2 : cos_cap(p->cull_rad + grow);
    p->cos_reach_mid = cos_cap(p->reach_rad + grow);
    uint32_t m = 0;
    for (size_t c = 0; c < nc; c++) {
        p->cl_cos_mid[c] = cos_cap(p->clusters[c].rad + grow);
        p->cl_first[c] = m;
        for (size_t e = 0; e < p->n_es; e++)
            if (p->es_cluster[e] == c)
                p->cl_es[m++] = (uint32_t)e;
    }
    p->cl_first[nc] = m;
    return INTERF_OK;
}

/* Per satellite, what bounds the time before it can enter the cap (run_step.c): the angular
 * speed of its direction from the Earth's centre in the Earth-fixed frame (the fastest
 * true-anomaly rate, at perigee, the perigee and node rates, station keeping over the run and
 * the Earth's rotation), and its orbit plane's node in that frame, which turns at
 * raan_dot - omega_e (station keeping moves it at most W_delta from there) */
static enum interf_status plan_rates(struct interf_exam_plan *p, struct interf_error *err)
{
    size_t n = p->req.sys.n_sats;
    if (!(p->sky = malloc((n ? n : 1) * sizeof *p->sky)))
        return interf_error_set(err, INTERF_ENOMEM, "plan: out of memory");
    for (size_t k = 0; k < n; k++) {
        struct interf_elements el;
        struct interf_orbit_rates rt;
        struct run_sky *q = &p->sky[k];
        double w_delta = p->req.sys.options[k].w_delta_rad;
        q->circular = s1503_circular(p->c, k);
        if (q->circular)
            s1503_step_turn(p->c, k, &p->orun, p->info.dt_s, q->turn);
        interf_constellation_satellite(p->c, k, &el, &rt);
        double e = el.e, nu = rt.n_bar_rad_s * (1 + e) * (1 + e) / pow(1 - e * e, 1.5);
        double keep = p->orun.t_run_s > 0 ? 2 * w_delta / p->orun.t_run_s : 0;
        q->node_rate_rad_s = rt.raan_dot_rad_s - INTERF_OMEGA_E_RAD_S;
        q->rate_rad_s = nu + fabs(rt.argp_dot_rad_s) + fabs(q->node_rate_rad_s) + keep;
        q->node0_rad = el.lan_rad;
        q->sin_i = sin(el.i_rad);
        q->cos_i = cos(el.i_rad);
        q->plane_margin_rad = w_delta + 1e-4;
        /* the argument of latitude's slowest rate (the true anomaly's at apogee less the
         * perigee's turn) above the node's */
        q->phase_forward = rt.n_bar_rad_s * (1 - e) * (1 - e) / pow(1 - e * e, 1.5) -
                               fabs(rt.argp_dot_rad_s) > fabs(q->node_rate_rad_s);
    }
    return plan_window(p, err);
}

/* MIN_ELEV of one value (the test of step 18 b) then needs no angle where the elevation's sine
 * is safely above its sine), and MIN_EXCLUDE by plane or not */
static void plan_tests(struct interf_exam_plan *p)
{
    const struct interf_op_params *ops = p->req.sys.ops;
    const struct interf_elev_table *t = &ops->min_elev;
    p->elev_const = 1;
    p->elev_deg = t->n_rows ? t->elev_deg[0] : 0;
    for (size_t r = 0; r < t->n_rows; r++)
        p->elev_const &= t->count[r] == 1 && t->elev_deg[t->first[r]] == p->elev_deg;
    /* asin(x) / deg >= elev for x above sin(elev) by 1e-9 relative: asin's slope is >= 1 */
    p->sin_elev_safe = p->elev_deg > 0 ? sin(p->elev_deg * INTERF_DEG) * (1 + 1e-9) : 0;
    for (size_t k = 0; k < ops->n_exclude; k++)
        p->alpha0_by_plane |= ops->exclude[k].orb_id != 0;
}

/* The value of curve c at every angle of [a_deg, b_deg] when run_curve_eval gives one value
 * there (its points over the span, and the end values beyond its ends, are all that value:
 * y[k] + t (y[k + 1] - y[k]) is then y[k] to the bit), else NaN */
static double flat_value(const struct interf_eirp_curve *c, double a_deg, double b_deg)
{
    const double *x = c->x_deg, *y = c->eirp_db;
    double v = a_deg <= x[0] || c->n == 1 ? y[0] : NAN;
    if (c->n == 1)
        return v;
    if (b_deg >= x[c->n - 1])
        v = isnan(v) || v == y[c->n - 1] ? y[c->n - 1] : NAN;
    if (a_deg <= x[0] && b_deg >= x[c->n - 1] && isnan(v))
        return NAN;
    int any = !isnan(v);
    for (size_t k = 0; k + 1 < c->n; k++) {
        if (!(x[k] <= b_deg && x[k + 1] >= a_deg))
            continue;
        if (any && !(y[k] == v && y[k + 1] == v))
            return NAN;
        if (!(y[k] == y[k + 1]))
            return NAN;
        v = y[k];
        any = 1;
    }
    return v;
}

/* Per cell of the cosine of the off-axis angle, the curve's value where it is flat over the
 * cell's angles (run_curve_flat): the cell widened by 1e-9 in the cosine and 1e-6 deg in the
 * angle, far beyond the rounding of the index and of acos */
static void plan_flat(struct run_curve *r)
{
    for (size_t j = 0; j < RUN_FLAT_CELLS; j++) {
        double c_lo = -1 + 2.0 * (double)j / RUN_FLAT_CELLS - 1e-9;
        double c_hi = -1 + 2.0 * (double)(j + 1) / RUN_FLAT_CELLS + 1e-9;
        r->flat[j] = flat_value(r->c, acos(c_hi < 1 ? c_hi : 1) / INTERF_DEG - 1e-6,
                                acos(c_lo > -1 ? c_lo : -1) / INTERF_DEG + 1e-6);
    }
}

/* Per cell of the cosine (the cell and its angles widened as in plan_flat), the least and
 * greatest value of curve c over the cell's angles: at the ends and the points of the curve
 * between them (it is linear between its points and constant beyond its ends), moved out by
 * RUN_BOUND_MARGIN_DB, far beyond the rounding of an interpolation (a few 1e-15 dB). Where
 * the cell is flat, its value twice: then run_curve_bound gives the value itself. */
#define RUN_BOUND_MARGIN_DB 1e-9
static void plan_bound(struct run_curve *r)
{
    const struct interf_eirp_curve *c = r->c;
    for (size_t j = 0; j < RUN_FLAT_CELLS; j++) {
        double *b = r->bound + 2 * j;
        if (!isnan(r->flat[j])) {
            b[0] = b[1] = r->flat[j];
            continue;
        }
        double c_lo = -1 + 2.0 * (double)j / RUN_FLAT_CELLS - 1e-9;
        double c_hi = -1 + 2.0 * (double)(j + 1) / RUN_FLAT_CELLS + 1e-9;
        double a_deg = acos(c_hi < 1 ? c_hi : 1) / INTERF_DEG - 1e-6;
        double b_deg = acos(c_lo > -1 ? c_lo : -1) / INTERF_DEG + 1e-6;
        double ya = interf_eirp_curve_eval_db(c, a_deg), yb = interf_eirp_curve_eval_db(c, b_deg);
        double lo = fmin(ya, yb), hi = fmax(ya, yb);
        for (size_t k = 0; k < c->n; k++)
            if (c->x_deg[k] > a_deg && c->x_deg[k] < b_deg) {
                lo = fmin(lo, c->eirp_db[k]);
                hi = fmax(hi, c->eirp_db[k]);
            }
        b[0] = lo - RUN_BOUND_MARGIN_DB;
        b[1] = hi + RUN_BOUND_MARGIN_DB;
    }
}

/* The segment index of each "T" curve (one per table of the mask), its flat cells and its
 * bounds */
static enum interf_status plan_curves(struct interf_exam_plan *p, struct interf_error *err)
{
    const struct interf_eirp_mask *m = p->req.sys.mask;
    if (m->form != INTERF_EIRP_ES_OFFAXIS)
        return INTERF_OK;
    if (!(p->curves = calloc(m->n_tables, sizeof *p->curves)))
        return interf_error_set(err, INTERF_ENOMEM, "plan: out of memory");
    p->n_curves = m->n_tables;
    for (size_t k = 0; k < m->n_tables; k++) {
        struct run_curve *r = &p->curves[k];
        const struct interf_eirp_curve *c = &m->tables[k].curves[0];
        r->c = c;
        r->n_cells = 1024;
        r->seg = malloc(r->n_cells * sizeof *r->seg);
        r->flat = malloc(RUN_FLAT_CELLS * sizeof *r->flat);
        r->bound = malloc(2 * RUN_FLAT_CELLS * sizeof *r->bound);
        if (!r->seg || !r->flat || !r->bound)
            return interf_error_set(err, INTERF_ENOMEM, "plan: out of memory");
        plan_flat(r);
        plan_bound(r);
        r->x0_deg = c->x_deg[0];
        double span = c->n > 1 ? c->x_deg[c->n - 1] - c->x_deg[0] : 1;
        r->cells_per_deg = (double)r->n_cells / span;
        size_t lo = 0;
        for (size_t j = 0; j < r->n_cells; j++) {
            double x = r->x0_deg + (double)j / r->cells_per_deg;
            while (lo + 2 < c->n && c->x_deg[lo + 1] <= x)
                lo++;
            r->seg[j] = (uint32_t)lo;
        }
    }
    return INTERF_OK;
}

/* Where the test of step 18 c) needs no alpha: every direction from the station toward the
 * GSO arc (radius Rgeo in the equatorial plane) has the z component -z_ES / D, D between
 * Rgeo - |ES| and Rgeo + |ES|, and the angle between two unit directions is at least the
 * difference of their angles from the equatorial plane; so alpha >= alpha0 for a direction whose
 * angle from that plane lies alpha0 + ARC_SLACK_RAD beyond the arc's. ARC_SLACK_RAD covers the
 * table's bilinear error (alpha is 1-Lipschitz on the sky, stereographic cells of 2.12 / 128
 * units are at most 0.047 rad across), so that where this decides, the table would not have
 * excluded the link either. Planes with their own MIN_EXCLUDE: no short cut. */
#define ARC_SLACK_RAD 0.05
static void arc_clear(const struct interf_exam_plan *p, struct run_station *e)
{
    const double *q = e->st.ecef_km;
    double r = sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2]);
    double z1 = -q[2] / (INTERF_RGEO_KM - r), z2 = -q[2] / (INTERF_RGEO_KM + r);
    double hi = asin(fmax(z1, z2)) + e->alpha0_rad + ARC_SLACK_RAD;
    double lo = asin(fmin(z1, z2)) - e->alpha0_rad - ARC_SLACK_RAD;
    e->arc_z_hi = p->alpha0_by_plane || hi >= INTERF_PI / 2 ? 2 : sin(hi);
    e->arc_z_lo = p->alpha0_by_plane || lo <= -INTERF_PI / 2 ? -2 : sin(lo);
}

/* The stations that see the GSO satellite, with their constants (§D5.2.6 steps 15-23) */
static enum interf_status plan_stations(struct interf_exam_plan *p, struct interf_error *err)
{
    const struct interf_exam_system *s = &p->req.sys;
    size_t n = p->n_all;
    p->es = calloc(n ? n : 1, sizeof *p->es);
    p->es_km = malloc(3 * (n ? n : 1) * sizeof *p->es_km);
    p->es_max = malloc((n ? n : 1) * sizeof *p->es_max);
    p->alpha = calloc(n ? n : 1, sizeof *p->alpha);
    p->alpha_lat = malloc((n ? n : 1) * sizeof *p->alpha_lat);
    p->clusters = malloc((n ? n : 1) * sizeof *p->clusters);
    p->es_cluster = malloc((n ? n : 1) * sizeof *p->es_cluster);
    p->cl_soa = malloc(4 * (n ? n : 1) * sizeof *p->cl_soa);
    if (!p->es || !p->es_km || !p->es_max || !p->alpha || !p->alpha_lat || !p->clusters ||
        !p->es_cluster || !p->cl_soa)
        return interf_error_set(err, INTERF_ENOMEM, "plan: out of memory");
    double num_db = 10.0 * log10(p->info.num_es);
    struct interf_earth *sphere = NULL;
    enum interf_status st = plan_curves(p, err);
    if (st == INTERF_OK)
        st = interf_earth_create(INTERF_EARTH_SPHERE, &sphere, err);
    for (size_t k = 0; st == INTERF_OK && k < n; k++) {
        struct run_station *e = &p->es[p->n_es];
        e->lat_deg = p->all_lat[k];
        e->lon_deg = p->all_lon[k];
        st = interf_station_init(sphere, e->lat_deg * INTERF_DEG, e->lon_deg * INTERF_DEG, 0,
                                 &e->st, err);
        if (st != INTERF_OK)
            break;
        double v[3], d = 0, up = 0;
        for (int i = 0; i < 3; i++) {
            v[i] = p->gso_km[i] - e->st.ecef_km[i];
            d += v[i] * v[i];
            up += v[i] * e->st.up[i];
        }
        d = sqrt(d);
        if (up < 0) /* §D5.2.6 step 16: only stations that see the GSO satellite */
            continue;
        for (int i = 0; i < 3; i++)
            e->gso_dir[i] = v[i] / d;
        double to_es[3] = {-v[0], -v[1], -v[2]};
        double grel = interf_antenna_gain_dbi(&p->info.rx, interf_angle_between(p->bs_dir, to_es)
                                              / INTERF_DEG) - p->info.rx.gain_max_dbi;
        double lfs = 10.0 * log10(4.0 * INTERF_PI * d * d) + 60.0; /* step 22, D in km */
        e->const_db = num_db + p->info.bw_scale_db - lfs + grel;
        e->max_co_freq = interf_op_max_co_freq(s->ops, e->lat_deg);
        e->table = interf_eirp_mask_table(s->mask, e->lat_deg);
        e->curve = p->curves ? &p->curves[e->table - s->mask->tables] : NULL;
        e->peak_db = interf_eirp_mask_peak_db(s->mask, e->lat_deg);
        e->dlong_deg = p->req.gso_lon_deg - e->lon_deg;
        e->dlong_deg -= 360.0 * floor((e->dlong_deg + 180.0) / 360.0);
        e->alpha0_rad = interf_op_alpha0_deg(s->ops, 0, e->lat_deg) * INTERF_DEG;
        arc_clear(p, e);
        memcpy(p->es_km + 3 * p->n_es, e->st.ecef_km, sizeof e->st.ecef_km);
        p->es_max[p->n_es] = e->max_co_freq;
        st = station_alpha(p, e->lat_deg, &e->alpha, err);
        p->n_es++;
    }
    interf_earth_destroy(sphere);
    plan_cull(p);
    p->info.n_stations = n;
    p->info.n_stations_seen = p->n_es;
    return st;
}

/* A checked request's plan of the given link, zeroed but for them; *out NULL until it is
 * complete. */
static enum interf_status plan_new(const struct interf_exam_run_request *req,
                                   enum interf_exam_link link, struct interf_exam_plan **out,
                                   struct interf_exam_plan **p, struct interf_error *err)
{
    *out = NULL;
    enum interf_status st = check_request(req, link, err);
    if (st != INTERF_OK)
        return st;
    if (!(*p = calloc(1, sizeof **p)))
        return interf_error_set(err, INTERF_ENOMEM, "plan: out of memory");
    (*p)->req = *req;
    (*p)->info.link = link;
    return INTERF_OK;
}

enum interf_status interf_exam_up_plan(const struct interf_exam_run_request *req,
                                       struct interf_exam_plan **out, struct interf_error *err)
{
    struct interf_exam_plan *p;
    enum interf_status st = plan_new(req, INTERF_EXAM_LINK_UP, out, &p, err);
    if (st != INTERF_OK)
        return st;
    const struct interf_op_params *ops = req->sys.ops;
    st = interf_op_params_check(ops, err);
    if (st == INTERF_OK && ops->es_distance_km > 0 && !(ops->es_density_km2 > 0) &&
        req->n_stations == 0)
        st = interf_error_set(err, INTERF_EINPUT, "es_density: required with es_distance %g km "
                              "(S.1503-4 §D5.2.5)", ops->es_distance_km);
    p->info.es_beamwidth_deg = req->es_beamwidth_deg > 0
                                   ? req->es_beamwidth_deg
                                   : interf_eirp_mask_beamwidth_deg(req->sys.mask);
    if (st == INTERF_OK && !(p->info.es_beamwidth_deg > 0 && p->info.es_beamwidth_deg < 180))
        st = interf_error_set(err, INTERF_EINPUT, "es_beamwidth: the mask gives no 3 dB "
                              "beamwidth (an \"A\" mask, or no 3 dB fall): give it");
    /* §D5.2.5 step 1; 1 for filed stations and for ES_DISTANCE = 0 */
    p->info.num_es = req->n_stations || ops->es_distance_km == 0
                         ? 1.0 : ops->es_distance_km * ops->es_distance_km * ops->es_density_km2;
    if (st == INTERF_OK)
        st = plan_victim(p, err);
    if (st == INTERF_OK) {
        plan_lat_range(p);
        if (req->bs_given)
            set_boresight(p, req->bs_lat_deg, req->bs_lon_deg);
        else
            wcg_up(p);
        p->info.wcg_lat_deg = p->info.bs_lat_deg;
        p->info.wcg_lon_deg = p->info.bs_lon_deg;
        st = plan_timing(p, p->info.es_beamwidth_deg, err);
    }
    if (st == INTERF_OK)
        st = plan_constellation(p, err);
    if (st == INTERF_OK && !req->n_stations)
        st = plan_lon_shift(p, err);
    if (st == INTERF_OK && req->n_stations) {
        p->all_lat = malloc(req->n_stations * sizeof *p->all_lat);
        p->all_lon = malloc(req->n_stations * sizeof *p->all_lon);
        if (!p->all_lat || !p->all_lon)
            st = interf_error_set(err, INTERF_ENOMEM, "plan: out of memory");
        for (size_t k = 0; st == INTERF_OK && k < req->n_stations; k++) {
            p->all_lat[k] = req->st_lat_deg[k];
            p->all_lon[k] = req->st_lon_deg[k];
            if (!(fabs(p->all_lat[k]) <= 90 && isfinite(p->all_lon[k])))
                st = interf_error_set(err, INTERF_EINPUT, "stations: %zu: (%g, %g): not a "
                                      "point", k, p->all_lat[k], p->all_lon[k]);
        }
        p->n_all = req->n_stations;
    } else if (st == INTERF_OK) {
        st = interf_exam_up_place(&p->info.rx, p->req.gso_lon_deg, p->info.bs_lat_deg,
                                  p->info.bs_lon_deg, ops->es_distance_km, p->info.lat_min_deg,
                                  p->info.lat_max_deg, &p->all_lat, &p->all_lon, &p->n_all,
                                  err);
    }
    if (st == INTERF_OK) {
        plan_tests(p); /* before the stations: arc_clear reads alpha0_by_plane */
        st = plan_stations(p, err);
    }
    if (st == INTERF_OK)
        st = plan_rates(p, err);
    if (st != INTERF_OK) {
        interf_exam_plan_destroy(p);
        return st;
    }
    *out = p;
    return INTERF_OK;
}

/* The satellite's radius at latitude lat on the ascending branch (point mass, §D3.3.2) */
static double radius_at(const struct interf_elements *e, double lat)
{
    double s = sin(e->i_rad) > 0 ? sin(lat) / sin(e->i_rad) : 0;
    double nu = asin(s > 1 ? 1 : s < -1 ? -1 : s) - e->argp_rad;
    return e->a_km * (1 - e->e * e->e) / (1 + e->e * cos(nu));
}

/* §D3.3.2-§D3.3.3: the worst single entry over the satellite latitudes of each shell and the
 * two geometries; the boresight at chi_BS toward that satellite's sub-point */
static void wcg_is(struct interf_exam_plan *p)
{
    const struct interf_exam_system *s = &p->req.sys;
    const struct interf_gso_up *g = &p->info.wcg_gso;
    double grel2 = interf_antenna_gain_dbi(&p->info.rx, asin(INTERF_RE_KM / INTERF_RGEO_KM) /
                                           INTERF_DEG - g->phi_bs_deg) - p->info.rx.gain_max_dbi;
    int32_t best_bin = INT32_MIN;
    double best_az = 90; /* i = 0: the boresight on the equator (BS.Longitude = LatBS) */
    p->info.wcg_lat_deg = 0;
    p->info.wcg_lon_deg = p->req.gso_lon_deg;
    for (size_t k = 0; k < s->n_sats; k++) {
        const struct interf_elements *e = &s->elements[k];
        size_t j0 = 0;
        while (j0 < k && !(s->elements[j0].a_km == e->a_km && s->elements[j0].e == e->e &&
                           s->elements[j0].i_rad == e->i_rad &&
                           s->elements[j0].argp_rad == e->argp_rad))
            j0++;
        if (j0 < k) /* a shell already searched */
            continue;
        double i_deg = e->i_rad <= INTERF_PI / 2 ? e->i_rad : INTERF_PI - e->i_rad;
        i_deg /= INTERF_DEG;
        int n = i_deg > 0 ? (int)ceil(i_deg) : 0; /* LatStep = i / RoundUp(i) */
        for (int j = -n; j <= n; j++) {
            double lat = n ? i_deg * j / n * INTERF_DEG : 0, r = radius_at(e, lat);
            if (r - INTERF_RE_KM < p->h_min_km)
                continue;
            for (int which = 1; which <= 2; which++) {
                struct interf_is_geometry geo;
                if (!interf_exam_is_geometry(which, r, g->phi_bs_deg, &geo))
                    continue;
                double cdl = cos(geo.theta_deg * INTERF_DEG) / cos(lat);
                if (cdl > 1 || cdl < -1) /* no in-line geometry */
                    continue;
                double d_m = geo.d_km * 1000.0;
                double epfd = interf_eirp_mask_offaxis_db(s->mask, lat / INTERF_DEG,
                                                          geo.psi_deg) +
                              (which == 2 ? grel2 : 0) - 10.0 * log10(4 * INTERF_PI * d_m * d_m);
                int32_t bin = (int32_t)floor(epfd * 10.0 + 0.5);
                if (bin > best_bin) {
                    double dl = acos(cdl);
                    best_bin = bin;
                    best_az = atan2(sin(dl) * cos(lat), sin(lat)) / INTERF_DEG;
                    p->info.wcg_estimate_db = epfd;
                    p->info.wcg_lat_deg = lat / INTERF_DEG;
                    p->info.wcg_lon_deg = p->req.gso_lon_deg + dl / INTERF_DEG;
                }
            }
        }
    }
    double lat, lon;
    p->info.wcg_az_deg = best_az;
    interf_exam_gso_boresight(p->req.gso_lon_deg, g->chi_bs_deg, best_az, &lat, &lon);
    set_boresight(p, lat, lon);
}

enum interf_status interf_exam_is_plan(const struct interf_exam_run_request *req,
                                       struct interf_exam_plan **out, struct interf_error *err)
{
    struct interf_exam_plan *p;
    enum interf_status st = plan_new(req, INTERF_EXAM_LINK_IS, out, &p, err);
    if (st != INTERF_OK)
        return st;
    p->info.num_es = 0;
    st = plan_victim(p, err);
    if (st == INTERF_OK) {
        if (req->bs_given)
            set_boresight(p, req->bs_lat_deg, req->bs_lon_deg);
        else
            wcg_is(p);
        /* §D4.4, Table 15 note 1: the GSO satellite's beamwidth (the row's) */
        st = plan_timing(p, req->row->gso_beamwidth_deg, err);
    }
    if (st == INTERF_OK)
        st = plan_constellation(p, err);
    if (st == INTERF_OK && !req->bs_given)
        st = plan_lon_shift(p, err);
    if (st != INTERF_OK) {
        interf_exam_plan_destroy(p);
        return st;
    }
    *out = p;
    return INTERF_OK;
}
