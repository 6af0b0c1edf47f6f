/* SPDX-License-Identifier: MIT */
/* The time steps of epfd up (Rec. ITU-R S.1503-4 (09/2023) §D5.2.6 steps 8-35) and epfd_is
 * (§D5.3.5 steps 7-19), and the run over the dual time step of §D4.7 with windows of the run on
 * threads (each step depends on its time alone). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "run_impl.h"

enum interf_status run_work_init(const struct interf_exam_plan *p, struct run_work *w,
                                 struct interf_error *err)
{
    size_t n = p->req.sys.n_sats;
    memset(w, 0, sizeof *w);
    w->x = malloc(6 * n * sizeof *w->x);
    w->ok = malloc(n);
    w->near = malloc(n * sizeof *w->near);
    w->cap = 256;
    w->links = malloc(w->cap * sizeof *w->links);
    w->state = malloc(w->cap);
    if (!w->x || !w->ok || !w->near || !w->links || !w->state) {
        run_work_free(w);
        return interf_error_set(err, INTERF_ENOMEM, "run: out of memory");
    }
    w->y = w->x + n;
    w->z = w->x + 2 * n;
    w->xyz = w->x + 3 * n;
    return INTERF_OK;
}

void run_work_free(struct run_work *w)
{
    free(w->x);
    free(w->ok);
    free(w->near);
    free(w->links);
    free(w->state);
    memset(w, 0, sizeof *w);
}

static int add_link(struct run_work *w, size_t n, struct interf_up_link l)
{
    if (n == w->cap) {
        size_t cap = 2 * w->cap;
        struct interf_up_link *q = realloc(w->links, cap * sizeof *q);
        if (!q)
            return 0;
        w->links = q;
        unsigned char *s = realloc(w->state, cap);
        if (!s)
            return 0;
        w->state = s;
        w->cap = cap;
    }
    w->links[n] = l;
    return 1;
}

/* Steps 18-19 for station e and satellite s (position q): the e.i.r.p. toward the GSO
 * satellite, or NaN when the station does not work it (below eps0, inside alpha0) */
static double link_eirp(const struct interf_exam_plan *p, const struct run_station *e, size_t s,
                        const double *q)
{
    const struct interf_op_params *ops = p->req.sys.ops;
    double v[3] = {q[0] - e->st.ecef_km[0], q[1] - e->st.ecef_km[1], q[2] - e->st.ecef_km[2]};
    double du = v[0] * e->st.up[0] + v[1] * e->st.up[1] + v[2] * e->st.up[2];
    if (du <= 0) /* step 18 a): not visible */
        return NAN;
    double d = sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    if (du < p->sin_eps_min * d) /* below the lowest minimum elevation: no angle needed */
        return NAN;
    double de = (v[0] * e->st.east[0] + v[1] * e->st.east[1] + v[2] * e->st.east[2]) / d;
    double dn = (v[0] * e->st.north[0] + v[1] * e->st.north[1] + v[2] * e->st.north[2]) / d;
    double el = asin(du / d) / INTERF_DEG, az = atan2(de, dn) / INTERF_DEG;
    if (az < 0)
        az += 360.0;
    if (el < interf_elev_table_eval(&ops->min_elev, e->lat_deg, az)) /* step 18 b) */
        return NAN;
    long orb = p->req.sys.orb_id ? p->req.sys.orb_id[s] : 0;
    double a0 = interf_op_alpha0_deg(ops, orb, e->lat_deg) * INTERF_DEG;
    if (a0 > 0) { /* step 18 c): outside the exclusion zone */
        float bound;
        const struct interf_alpha_table *t = p->alpha[e->alpha];
        double alpha = interf_alpha_table_lookup(t, (float)de, (float)dn, (float)(du / d), &bound);
        if (fabs(alpha - a0) <= bound)
            alpha = interf_alpha_table_exact(t, de, dn, du / d);
        if (alpha < a0)
            return NAN;
    }
    if (p->req.sys.mask->form == INTERF_EIRP_ES_AZEL) /* §D5.2.7 */
        return interf_eirp_curve_eval_db(interf_eirp_table_curve(e->table, az, el),
                                         e->dlong_deg);
    double c = (v[0] * e->gso_dir[0] + v[1] * e->gso_dir[1] + v[2] * e->gso_dir[2]) / d;
    return interf_eirp_curve_eval_db(e->curve, acos(c > 1 ? 1 : c < -1 ? -1 : c) / INTERF_DEG);
}

static enum interf_status step_up(const struct interf_exam_plan *p, struct run_work *w,
                                  struct interf_exam_step *out, struct interf_error *err)
{
    size_t n = 0;
    for (size_t e = 0; e < p->n_es; e++) { /* steps 14-24 */
        const struct run_station *es = &p->es[e];
        if (es->max_co_freq == 0)
            continue;
        for (uint32_t j = 0; j < w->n_near; j++) {
            size_t s = w->near[j];
            double eirp = link_eirp(p, es, s, w->xyz + 3 * s);
            if (isnan(eirp))
                continue;
            /* §D4.7.2: a station's gain toward the GSO within 30 dB of its peak */
            out->critical |= eirp > es->peak_db - 30.0;
            struct interf_up_link l = {eirp + es->const_db, (uint32_t)s, (uint32_t)e};
            if (!add_link(w, n++, l))
                return interf_error_set(err, INTERF_ENOMEM, "run: out of memory");
        }
    }
    const struct interf_op_params *ops = p->req.sys.ops;
    interf_exam_up_select(n, w->links, w->xyz, p->es_km, p->es_max, ops->max_co_freq_sat,
                          ops->min_angle_at_es_deg, ops->min_angle_at_sat_deg, w->state,
                          &out->sum_lin); /* steps 25-34 */
    out->n_links = n;
    for (size_t k = 0; k < n; k++)
        out->n_accepted += w->state[k];
    return INTERF_OK;
}

/* 1 when the segment from a to b clears the Earth (§D6.4.1) */
static int line_of_sight(const double a[3], const double b[3])
{
    double d[3] = {b[0] - a[0], b[1] - a[1], b[2] - a[2]};
    double dd = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
    double t = -(a[0] * d[0] + a[1] * d[1] + a[2] * d[2]) / dd; /* the closest approach */
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    double c[3] = {a[0] + t * d[0], a[1] + t * d[1], a[2] + t * d[2]};
    return c[0] * c[0] + c[1] * c[1] + c[2] * c[2] > INTERF_RE_KM * INTERF_RE_KM;
}

/* §D5.3.5 steps 9-18: every satellite the GSO satellite sees, summed */
static void step_is(const struct interf_exam_plan *p, struct run_work *w,
                    struct interf_exam_step *out)
{
    const double *g = p->gso_km;
    const struct interf_antenna *rx = &p->info.rx;
    for (size_t s = 0; s < p->req.sys.n_sats; s++) {
        const double *q = w->xyz + 3 * s;
        if (!w->ok[s] || !line_of_sight(g, q))
            continue;
        double r = sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2]);
        double to_gso[3] = {g[0] - q[0], g[1] - q[1], g[2] - q[2]};
        double nadir[3] = {-q[0], -q[1], -q[2]}, to_sat[3] = {-to_gso[0], -to_gso[1], -to_gso[2]};
        double d = sqrt(to_gso[0] * to_gso[0] + to_gso[1] * to_gso[1] + to_gso[2] * to_gso[2]);
        /* step 13: the mask at the satellite's latitude, the angle between its sub-satellite
         * point and the GSO satellite (§C3.2) */
        double eirp = interf_eirp_mask_offaxis_db(p->req.sys.mask, asin(q[2] / r) / INTERF_DEG,
                                                  interf_angle_between(nadir, to_gso) /
                                                      INTERF_DEG);
        double grel = interf_antenna_gain_dbi(rx, interf_angle_between(p->bs_dir, to_sat) /
                                                      INTERF_DEG) - rx->gain_max_dbi;
        double lfs = 10.0 * log10(4.0 * INTERF_PI * d * d) + 60.0; /* step 16, D in km */
        out->sum_lin += pow(10.0, (eirp + p->info.bw_scale_db - lfs + grel) / 10.0);
        out->n_links++;
    }
    out->n_accepted = out->n_links;
}

enum interf_status run_step(const struct interf_exam_plan *p, struct run_work *w, double t_s,
                            struct interf_exam_step *out, struct interf_error *err)
{
    size_t n = p->req.sys.n_sats;
    struct interf_ephem eph = {w->x, w->y, w->z, NULL, NULL, NULL};
    memset(out, 0, sizeof *out);
    interf_constellation_propagate(p->c, 0, n, t_s, &p->orun, INTERF_FRAME_ECEF, &eph);
    double r_min = INTERF_RE_KM + p->h_min_km;
    for (size_t s = 0; s < n; s++) {
        double q[3] = {w->x[s], w->y[s], w->z[s]};
        memcpy(w->xyz + 3 * s, q, sizeof q);
        w->ok[s] = q[0] * q[0] + q[1] * q[1] + q[2] * q[2] >= r_min * r_min; /* H_MIN */
    }
    w->n_near = 0;
    for (size_t s = 0; p->info.link == INTERF_EXAM_LINK_UP && s < n; s++) {
        const double *q = w->xyz + 3 * s;
        double r = sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2]);
        if (w->ok[s] && /* not below every station's horizon */
            q[0] * p->cull_dir[0] + q[1] * p->cull_dir[1] + q[2] * p->cull_dir[2] >=
                p->cull_cos * r)
            w->near[w->n_near++] = (uint32_t)s;
    }
    enum interf_status st = INTERF_OK;
    if (p->info.link == INTERF_EXAM_LINK_UP)
        st = step_up(p, w, out, err);
    else
        step_is(p, w, out);
    out->epfd_db = out->sum_lin > 0 ? 10.0 * log10(out->sum_lin) : -INFINITY;
    return st;
}

enum interf_status interf_exam_plan_step(const struct interf_exam_plan *p, double t_s,
                                         struct interf_exam_step *out, struct interf_error *err)
{
    struct run_work w;
    enum interf_status st = run_work_init(p, &w, err);
    if (st == INTERF_OK)
        st = run_step(p, &w, t_s, out, err);
    run_work_free(&w);
    return st;
}

/* The bin of a step's sum (§D1.4: rounded down to 0.1 dB), clamped to the histogram */
static size_t step_bin(double sum_lin)
{
    if (!(sum_lin > 0))
        return 0;
    int32_t t = interf_db_to_tenths(10.0 * log10(sum_lin));
    if (t <= INTERF_EPFD_LEVEL_MIN)
        return 0;
    return t >= INTERF_EPFD_LEVEL_MAX ? INTERF_EPFD_NBINS - 1 : (size_t)(t - INTERF_EPFD_LEVEL_MIN);
}

/* One window [first, end) of the run through the walk, into counts and stats */
static enum interf_status run_window(const struct interf_exam_plan *p, int64_t first,
                                     int64_t end, uint32_t *counts,
                                     struct interf_exam_run_stats *stats, double *links,
                                     double *accepted, struct interf_error *err)
{
    struct run_work w;
    enum interf_status st = run_work_init(p, &w, err);
    struct interf_exam_dual d = {p->info.n_steps, p->info.n_coarse};
    struct interf_exam_walk walk;
    interf_exam_walk_begin(&d, first, end, &walk);
    int64_t k;
    int sample;
    while (st == INTERF_OK && interf_exam_walk_next(&walk, &k, &sample)) {
        struct interf_exam_step s;
        st = run_step(p, &w, (double)k * p->info.dt_s, &s, err);
        int64_t weight = interf_exam_walk_report(&walk, s.critical);
        if (!sample || st != INTERF_OK)
            continue;
        counts[step_bin(s.sum_lin)] += (uint32_t)weight; /* §D5.2.6 step 35.1 */
        stats->n_evaluated++;
        stats->n_coarse_blocks += weight > 1;
        stats->weight += (uint64_t)weight;
        *links += (double)s.n_links;
        *accepted += (double)s.n_accepted;
        if (s.epfd_db > stats->max_epfd_db)
            stats->max_epfd_db = s.epfd_db;
    }
    run_work_free(&w);
    return st;
}

enum interf_status interf_exam_plan_run(const struct interf_exam_plan *p,
                                        struct interf_hist_set *hist,
                                        struct interf_exam_run_stats *stats,
                                        struct interf_error *err)
{
    memset(stats, 0, sizeof *stats);
    stats->max_epfd_db = -INFINITY;
    enum interf_status st = interf_hist_set_create(1, INTERF_EPFD_NBINS, INTERF_EPFD_LEVEL_MIN,
                                                   hist, err);
    if (st != INTERF_OK)
        return st;
    int nt = p->req.threads > 0 ? p->req.threads : 1;
#ifdef _OPENMP
    if (p->req.threads <= 0)
        nt = omp_get_max_threads();
#endif
    if (nt > 256)
        nt = 256;
    if ((int64_t)nt > p->info.n_steps)
        nt = p->info.n_steps > 0 ? (int)p->info.n_steps : 1;
    uint32_t *counts = calloc((size_t)nt * INTERF_EPFD_NBINS, sizeof *counts);
    struct interf_exam_run_stats *ts = calloc((size_t)nt, sizeof *ts);
    double *sums = calloc(2 * (size_t)nt, sizeof *sums);
    struct interf_error *errs = calloc((size_t)nt, sizeof *errs);
    enum interf_status *sts = calloc((size_t)nt, sizeof *sts);
    if (!counts || !ts || !sums || !errs || !sts) {
        st = interf_error_set(err, INTERF_ENOMEM, "run: out of memory");
    } else {
        int64_t n = p->info.n_steps;
#pragma omp parallel for num_threads(nt) schedule(static, 1)
        for (int t = 0; t < nt; t++) {
            ts[t].max_epfd_db = -INFINITY;
            sts[t] = run_window(p, n * t / nt, n * (t + 1) / nt, counts + (size_t)t *
                                INTERF_EPFD_NBINS, &ts[t], &sums[2 * t], &sums[2 * t + 1],
                                &errs[t]);
        }
        double links = 0, acc = 0;
        for (int t = 0; t < nt; t++) { /* merged in a fixed order: independent of nt */
            if (st == INTERF_OK && sts[t] != INTERF_OK)
                st = interf_error_set(err, sts[t], "%s", errs[t].msg);
            for (size_t b = 0; b < INTERF_EPFD_NBINS; b++)
                hist->count[b] += counts[(size_t)t * INTERF_EPFD_NBINS + b];
            stats->n_evaluated += ts[t].n_evaluated;
            stats->n_coarse_blocks += ts[t].n_coarse_blocks;
            stats->weight += ts[t].weight;
            stats->max_epfd_db = fmax(stats->max_epfd_db, ts[t].max_epfd_db);
            links += sums[2 * t];
            acc += sums[2 * t + 1];
        }
        if (stats->n_evaluated) {
            stats->links_per_step = links / (double)stats->n_evaluated;
            stats->accepted_per_step = acc / (double)stats->n_evaluated;
        }
        stats->threads_used = nt;
    }
    free(counts);
    free(ts);
    free(sums);
    free(errs);
    free(sts);
    if (st != INTERF_OK)
        interf_hist_set_free(hist);
    return st;
}
