/* SPDX-License-Identifier: MIT */
/* The epfd down at one GSO earth station step by step from the filed pfd masks, Rec. ITU-R
 * S.1503-4 (09/2023) §D5.1.4.1 steps 13-24 with the dual time step of §D4.7: the satellites
 * near the station only, each contribution ranked for the co-frequency selection. */
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

#include "filing_impl.h"
#include "interf/geo.h"

/* Margin (rad) on the visibility cap of the skip test: rounding, nothing physical. */
#define SKIP_MARGIN_RAD (0.2 * INTERF_DEG)
/* Windows of the run per thread: enough for the dynamic schedule to even out. */
#define WINDOWS_PER_THREAD 16

/* What one satellite brings to every step (read-only during the run). */
struct sat {
    const struct interf_pfd_mask *mask;
    const struct interf_op_params *ops;
    double scale_db;      /* the mask's rescaling to the run's bandwidth (§C4.1) */
    double alpha0_deg;    /* MIN_EXCLUDE of its plane at the station's latitude */
    double g_alpha0_dbi;  /* G_RX(alpha0) */
    double lam_rad;       /* its visibility cap at apogee, with the margin */
    double rate_rad_s;    /* bound on the angular speed of its direction from the centre */
};

struct ctx {
    const struct interf_exam_station *q;
    struct interf_constellation *c;
    struct interf_orbit_run run;
    size_t nsat;
    struct sat *sat;
    struct interf_station es;
    double gso_dir[3];    /* unit vector from the station to its GSO satellite */
    double gmax_dbi, clause_db;
    long max_co_freq;
    double min_angle_es_deg;
    struct interf_alpha_table *alpha; /* NULL: alpha is never needed */
    struct interf_epfd_bins bins;
};

/* Per thread: the skip times, the candidates of a step, the histogram. */
struct work {
    double *until_s;
    struct interf_exam_candidate *cand;
    unsigned char *sel;
    struct interf_exam_station_out out;
};

static double dot3(const double a[3], const double b[3])
{
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/* |alpha| (deg) toward unit direction n from the station: the table, the exact value where
 * the table cannot decide against alpha0 */
static double abs_alpha_deg(const struct ctx *x, const double n[3], double alpha0_deg)
{
    double e = dot3(n, x->es.east), no = dot3(n, x->es.north), u = dot3(n, x->es.up);
    float bound;
    double a = interf_alpha_table_lookup(x->alpha, (float)e, (float)no, (float)u, &bound);
    if (fabs(a - alpha0_deg * INTERF_DEG) <= bound)
        a = interf_alpha_table_exact(x->alpha, e, no, u);
    return a / INTERF_DEG;
}

/* The mask's pfd (dB(W/m2) in the run's bandwidth) of satellite s at r (ECEF km) toward the
 * station along unit direction n (station to satellite); *alpha_deg gets the signed alpha when
 * the mask's axes need it (NaN otherwise) */
static double mask_pfd(const struct ctx *x, const struct sat *s, const double r[3],
                       const double n[3], double *alpha_deg)
{
    double rn = sqrt(dot3(r, r)), lat = asin(r[2] / rn), lon = atan2(r[1], r[0]), b, c;
    *alpha_deg = NAN;
    if (s->mask->axes == INTERF_MASK_AZ_EL) {
        /* §D6.4.5: X east, Y to the Earth's centre, Z north; u = -n from the satellite */
        double X[3] = {-sin(lon), cos(lon), 0};
        double Y[3] = {-r[0] / rn, -r[1] / rn, -r[2] / rn};
        double Z[3] = {-sin(lat) * cos(lon), -sin(lat) * sin(lon), cos(lat)};
        double ux = -dot3(n, X), uy = -dot3(n, Y), uz = -dot3(n, Z);
        c = asin(uz > 1 ? 1 : uz < -1 ? -1 : uz) / INTERF_DEG;
        b = atan2(ux, uy) / INTERF_DEG;
    } else {
        double alpha, arc_lon;
        if (interf_gso_arc_alpha(x->es.ecef_km, r, &alpha, &arc_lon) != INTERF_OK)
            alpha = INFINITY, arc_lon = lon; /* no arc visible: the mask's edge */
        *alpha_deg = alpha / INTERF_DEG;
        b = *alpha_deg;
        c = interf_wrap_pi(arc_lon - lon) / INTERF_DEG; /* LongAlpha - LongNGSO, §D6.4.4 */
    }
    return interf_pfd_mask_eval_db(s->mask, lat / INTERF_DEG, b, c) + s->scale_db;
}

/* One satellite at one step: 1 when it is a candidate (above the horizon and transmitting),
 * its entry in *cd; *critical |= its gain clause */
static int candidate(const struct ctx *x, const struct sat *s, const double r[3],
                     struct interf_exam_candidate *cd, int *critical)
{
    double v[3] = {r[0] - x->es.ecef_km[0], r[1] - x->es.ecef_km[1], r[2] - x->es.ecef_km[2]};
    double vu = dot3(v, x->es.up), d = sqrt(dot3(v, v));
    if (!(vu > 0))
        return 0;
    double n[3] = {v[0] / d, v[1] / d, v[2] / d}, alpha;
    double pfd = mask_pfd(x, s, r, n, &alpha);
    if (!(pfd > INTERF_MASK_OFF_DB))
        return 0; /* §C1: no transmission */
    double g = interf_antenna_gain_dbi(x->q->es, interf_angle_between(n, x->gso_dir) / INTERF_DEG);
    int op = 1;
    if (s->alpha0_deg > 0)
        op = (isnan(alpha) ? (x->alpha ? abs_alpha_deg(x, n, s->alpha0_deg) : INFINITY)
                           : fabs(alpha)) >= s->alpha0_deg;
    if (op && s->ops->min_elev.n) {
        double az = atan2(dot3(n, x->es.east), dot3(n, x->es.north)) / INTERF_DEG;
        double eps0 = interf_elev_table_eval(&s->ops->min_elev, x->q->lat_deg, az);
        op = asin(vu / d) / INTERF_DEG >= eps0;
    }
    /* step 18: the gain clause, min(Gmax - 30 dB, G_RX(alpha0)) */
    int clause = g > fmin(x->clause_db, s->g_alpha0_dbi);
    *critical |= clause;
    *cd = (struct interf_exam_candidate){pfd + g - x->gmax_dbi, op, clause,
                                         {n[0], n[1], n[2]}};
    return 1;
}

/* The satellites at time t: those that may be visible propagated, the others skipped until
 * they could rise; returns the step's linear sum (§D5.1.4.1 steps 19-23), *critical set */
static double eval_step(const struct ctx *x, struct work *w, double t, int *critical)
{
    size_t m = 0;
    *critical = 0;
    for (size_t k = 0; k < x->nsat; k++) {
        if (t < w->until_s[k])
            continue;
        double r[3];
        struct interf_ephem e = {&r[0], &r[1], &r[2], NULL, NULL, NULL};
        interf_constellation_propagate(x->c, k, 1, t, &x->run, INTERF_FRAME_ECEF, &e);
        double cg = dot3(r, x->es.up) / sqrt(dot3(r, r));
        double gap = acos(cg > 1 ? 1 : cg < -1 ? -1 : cg) - x->sat[k].lam_rad;
        if (gap > 0) {
            w->until_s[k] = t + gap / x->sat[k].rate_rad_s;
            continue;
        }
        m += (size_t)candidate(x, &x->sat[k], r, &w->cand[m], critical);
    }
    double sum = 0;
    interf_exam_select(m, w->cand, x->max_co_freq, x->min_angle_es_deg, w->sel, &sum);
    return sum;
}

/* The window [first, end) of the run into w->out (and series) */
static void run_window(const struct ctx *x, struct work *w, int64_t first, int64_t end,
                       float *series)
{
    const struct interf_exam_station *q = x->q;
    struct interf_exam_dual d = {q->n_steps, q->n_coarse > 1 ? q->n_coarse : 1};
    struct interf_exam_walk walk;
    int64_t k;
    int sample;
    for (size_t s = 0; s < x->nsat; s++)
        w->until_s[s] = -INFINITY;
    interf_exam_walk_begin(&d, first, end, &walk);
    while (interf_exam_walk_next(&walk, &k, &sample)) {
        int critical, clamped;
        double sum = eval_step(x, w, q->start_s + (double)k * q->step_s, &critical);
        int64_t weight = interf_exam_walk_report(&walk, critical);
        if (!sample)
            continue;
        int bin = interf_epfd_bin(&x->bins, sum, &clamped);
        w->out.count[bin] += (uint32_t)weight;
        w->out.total += (uint64_t)weight;
        w->out.evaluated++;
        w->out.clamped += (uint64_t)(clamped * weight);
        double db = sum > 0 ? 10.0 * log10(sum) : -INFINITY;
        w->out.max_db = db > w->out.max_db ? db : w->out.max_db;
        if (series)
            series[k] = sum > 0 ? (float)db : -300.0f;
    }
}

/* The satellites' constellation with the artificial precession, and what each brings */
static enum interf_status plan_sats(struct ctx *x, struct interf_error *err)
{
    const struct interf_exam_station *q = x->q;
    const struct interf_constellation *sc = interf_system_constellation(q->sys);
    enum interf_status st = interf_constellation_create(x->nsat, &x->c, err);
    for (size_t k = 0; k < x->nsat && st == INTERF_OK; k++) {
        const struct interf_system_orbit *o =
            interf_system_orbit(q->sys, interf_system_sat_orbit(q->sys, k));
        struct interf_orbit_options opt = o->options;
        struct interf_elements el;
        struct interf_orbit_rates rt;
        struct sat *s = &x->sat[k];
        if (!o->exam.pfd_mask)
            return interf_error_set(err, INTERF_EINPUT, "system: [orbit %s] has no pfd_mask "
                                    "(the examination evaluates the filed masks)", o->name);
        if (opt.model == INTERF_ORBIT_J2)
            opt.precession_rad_s += q->d_art_deg_s * INTERF_DEG; /* §D4.6.2 step 11 */
        interf_constellation_satellite(sc, k, &el, NULL);
        int plane = interf_constellation_plane(sc, k);
        if ((st = interf_constellation_add(x->c, &el, &opt, plane, NULL, err)) != INTERF_OK)
            break;
        interf_constellation_satellite(x->c, k, &el, &rt);
        s->mask = o->exam.pfd_mask;
        s->ops = &o->exam.ops;
        s->scale_db = interf_pfd_mask_scale_db(s->mask, q->ref_bandwidth_khz);
        s->alpha0_deg = interf_op_alpha0_deg(s->ops, plane + 1, q->lat_deg);
        s->g_alpha0_dbi = interf_antenna_gain_dbi(q->es, s->alpha0_deg);
        double ce = INTERF_RE_KM / (el.a_km * (1 + el.e));
        s->lam_rad = acos(ce < 1 ? ce : 1) + SKIP_MARGIN_RAD;
        /* the fastest true-anomaly rate (perigee), the perigee and node rates, the forced
         * precession, station keeping and the Earth's rotation: a bound of the angular speed
         * of the sub-satellite point */
        double e = el.e, nu = rt.n_bar_rad_s * (1 + e) * (1 + e) / pow(1 - e * e, 1.5);
        double keep = x->run.t_run_s > 0 ? 2 * opt.w_delta_rad / x->run.t_run_s : 0;
        s->rate_rad_s = nu + fabs(rt.argp_dot_rad_s) + fabs(rt.raan_dot_rad_s) +
                        fabs(opt.precession_rad_s) + keep + INTERF_OMEGA_E_RAD_S;
        if (s->alpha0_deg > 0 && !x->alpha &&
            interf_alpha_table_create(q->lat_deg * INTERF_DEG, 0, 128, &x->alpha, NULL))
            x->alpha = NULL; /* no arc visible: every |alpha| is beyond alpha0 */
    }
    return st;
}

static enum interf_status check(const struct interf_exam_station *q, struct interf_error *err)
{
    if (!q || !q->sys || !q->es)
        return interf_error_set(err, INTERF_EINVAL, "station: NULL system or antenna");
    if (!(q->lat_deg >= -90 && q->lat_deg <= 90 && q->lon_deg >= -360 && q->lon_deg <= 360 &&
          q->gso_lon_deg >= -360 && q->gso_lon_deg <= 360))
        return interf_error_set(err, INTERF_EINPUT, "station: %g, %g (GSO %g): out of range",
                                q->lat_deg, q->lon_deg, q->gso_lon_deg);
    if (!(q->step_s > 0) || !isfinite(q->step_s) || !isfinite(q->start_s) ||
        !(q->ref_bandwidth_khz > 0) || q->n_steps < 1 ||
        (double)q->n_steps > INTERF_HIST_MAX_STEPS || !(q->t_run_s >= 0))
        return interf_error_set(err, INTERF_EINPUT, "n_steps: %lld steps of %g s: allowed "
                                "1 to %.0f steps of a positive step", (long long)q->n_steps,
                                q->step_s, INTERF_HIST_MAX_STEPS);
    return INTERF_OK;
}

static enum interf_status setup(struct ctx *x, struct interf_error *err)
{
    const struct interf_exam_station *q = x->q;
    const struct interf_system_orbit *o0 = interf_system_orbit(q->sys, 0);
    struct interf_earth *earth = NULL;
    enum interf_status st = interf_earth_create(INTERF_EARTH_SPHERE, &earth, err);
    if (st == INTERF_OK)
        st = interf_station_init(earth, q->lat_deg * INTERF_DEG, q->lon_deg * INTERF_DEG, 0,
                                 &x->es, err);
    interf_earth_destroy(earth);
    if (st != INTERF_OK)
        return st;
    double g[3];
    interf_gso_ecef(q->gso_lon_deg * INTERF_DEG, g);
    double v[3] = {g[0] - x->es.ecef_km[0], g[1] - x->es.ecef_km[1], g[2] - x->es.ecef_km[2]};
    double d = sqrt(dot3(v, v));
    for (int i = 0; i < 3; i++)
        x->gso_dir[i] = v[i] / d;
    x->gmax_dbi = q->es->gain_max_dbi;
    x->clause_db = x->gmax_dbi - 30.0;
    x->max_co_freq = interf_op_max_co_freq(&o0->exam.ops, q->lat_deg);
    x->min_angle_es_deg = o0->exam.ops.min_angle_at_es_deg;
    x->run.t0_s = q->start_s;
    x->run.t_run_s = q->t_run_s > 0 ? q->t_run_s : (double)q->n_steps * q->step_s;
    interf_epfd_bins_init(&x->bins);
    x->nsat = interf_system_info(q->sys)->n_sats;
    if (!(x->sat = calloc(x->nsat ? x->nsat : 1, sizeof *x->sat)))
        return interf_error_set(err, INTERF_ENOMEM, "station: out of memory");
    return plan_sats(x, err);
}

static int work_alloc(struct work *w, size_t nsat)
{
    size_t n = nsat ? nsat : 1;
    w->until_s = malloc(n * sizeof *w->until_s);
    w->cand = malloc(n * sizeof *w->cand);
    w->sel = malloc(n);
    w->out.max_db = -INFINITY;
    return w->until_s && w->cand && w->sel;
}

static void work_free(struct work *w)
{
    free(w->until_s);
    free(w->cand);
    free(w->sel);
}

/* The sum of the threads' histograms (integers: the same whatever the split) */
static void merge(struct interf_exam_station_out *out, const struct work *w, int nt)
{
    memset(out, 0, sizeof *out);
    out->max_db = -INFINITY;
    for (int t = 0; t < nt; t++) {
        for (size_t b = 0; b < INTERF_EPFD_NBINS; b++)
            out->count[b] += w[t].out.count[b];
        out->total += w[t].out.total;
        out->evaluated += w[t].out.evaluated;
        out->clamped += w[t].out.clamped;
        out->max_db = fmax(out->max_db, w[t].out.max_db);
    }
    out->threads_used = nt;
}

enum interf_status interf_exam_station_run(const struct interf_exam_station *q,
                                           struct interf_exam_station_out *out, float *series,
                                           interf_progress_fn progress, void *user,
                                           struct interf_error *err)
{
    return interf_exam_station_run_window(q, 0, q ? q->n_steps : 0, out, series, progress, user,
                                          err);
}

/* The window [first, end) cut for the threads on the dual step's block grid (a window of one
 * part of the run starts where the part does: the walk evaluates any window as the whole run) */
static enum interf_status run_windows(const struct ctx *x, struct work *w, int nt, int64_t first,
                                      int64_t end, float *series, interf_progress_fn progress,
                                      void *user, struct interf_error *err)
{
    int64_t nc = x->q->n_coarse > 1 ? x->q->n_coarse : 1;
    int64_t nw = (int64_t)nt * WINDOWS_PER_THREAD, len = (end - first + nw - 1) / nw;
    len = (len + nc - 1) / nc * nc;
    nw = (end - first + len - 1) / len;
    int64_t done = 0;
    int cancel = 0;
    if (series)
        for (int64_t k = first; k < end; k++)
            series[k] = NAN;
#pragma omp parallel for schedule(dynamic, 1) num_threads(nt)
    for (int64_t j = 0; j < nw; j++) {
        int me = omp_get_thread_num();
        int stop;
#pragma omp atomic read
        stop = cancel;
        if (stop)
            continue;
        int64_t a = first + j * len, b = a + len < end ? a + len : end;
        run_window(x, &w[me], a, b, series);
        int64_t n;
#pragma omp atomic capture
        n = ++done;
        if (me == 0 && progress && progress((double)n / (double)nw, "running", user)) {
#pragma omp atomic write
            cancel = 1;
        }
    }
    if (cancel)
        return interf_error_set(err, INTERF_ECANCELED, "examination run: canceled");
    return INTERF_OK;
}

enum interf_status interf_exam_station_run_window(const struct interf_exam_station *q,
                                                  int64_t first, int64_t end,
                                                  struct interf_exam_station_out *out,
                                                  float *series, interf_progress_fn progress,
                                                  void *user, struct interf_error *err)
{
    struct ctx x;
    memset(&x, 0, sizeof x);
    x.q = q;
    enum interf_status st = check(q, err);
    if (st == INTERF_OK && !(first >= 0 && first <= end && end <= q->n_steps))
        st = interf_error_set(err, INTERF_EINVAL, "station: steps %lld to %lld: not a window "
                              "of the run's %lld", (long long)first, (long long)end,
                              (long long)q->n_steps);
    if (st == INTERF_OK)
        st = setup(&x, err);
    int nt = q && q->threads > 0 ? q->threads : omp_get_max_threads();
    struct work *w = st == INTERF_OK ? calloc((size_t)nt, sizeof *w) : NULL;
    if (st == INTERF_OK && !w)
        st = interf_error_set(err, INTERF_ENOMEM, "station: out of memory");
    for (int t = 0; w && t < nt && st == INTERF_OK; t++)
        if (!work_alloc(&w[t], x.nsat))
            st = interf_error_set(err, INTERF_ENOMEM, "station: out of memory");
    if (st == INTERF_OK && end > first)
        st = run_windows(&x, w, nt, first, end, series, progress, user, err);
    if (st == INTERF_OK)
        merge(out, w, nt);
    for (int t = 0; w && t < nt; t++)
        work_free(&w[t]);
    free(w);
    free(x.sat);
    interf_constellation_destroy(x.c);
    interf_alpha_table_destroy(x.alpha);
    return st;
}
