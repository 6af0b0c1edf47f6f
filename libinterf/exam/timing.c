/* SPDX-License-Identifier: MIT */
/* The time step and run length of an examination run, Rec. ITU-R S.1503-4 (09/2023) Part D4:
 * §D4.1 (N'hit), §D4.2 (the pass through the main beam), §D4.6 (N_min, repeating and
 * non-repeating runs with artificial precession), §D4.7 (Ncoarse), and their description. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "exam_impl.h"
#include "interf/limits.h"
#include "interf/orbit.h"

void exam_text_add(struct exam_text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    size_t room = t->len < t->n ? t->n - t->len : 0;
    int k = vsnprintf(room ? t->buf + t->len : NULL, room, fmt, ap);
    va_end(ap);
    if (k > 0)
        t->len += (size_t)k;
}

double interf_exam_beamwidth_deg(enum interf_exam_beamwidth conv, double dish_m, double freq_ghz)
{
    if (!(dish_m > 0 && freq_ghz > 0) || !isfinite(dish_m) || !isfinite(freq_ghz))
        return NAN;
    double d_over_lambda = dish_m * freq_ghz * 1e9 / INTERF_C_M_S;
    if (conv == INTERF_BEAMWIDTH_S1428)
        return 2.0 * sqrt(1200.0) / d_over_lambda; /* S.1428-1: the main lobe's full width */
    return 70.0 / d_over_lambda;
}

enum interf_status interf_exam_pass(double h_km, double incl_rad, double theta3db_deg,
                                    struct interf_exam_pass *out, struct interf_error *err)
{
    if (!(h_km > 0) || !isfinite(h_km))
        return interf_error_set(err, INTERF_EINPUT, "step: altitude %g km: must be positive",
                                h_km);
    if (!(theta3db_deg > 0 && theta3db_deg < 180))
        return interf_error_set(err, INTERF_EINPUT,
                                "step: 3 dB beamwidth %g deg: allowed range 0 to 180",
                                theta3db_deg);
    if (!isfinite(incl_rad))
        return interf_error_set(err, INTERF_EINPUT, "step: inclination: not a number");
    double half = theta3db_deg / 2 * INTERF_DEG;
    double ratio = INTERF_RE_KM / (INTERF_RE_KM + h_km);
    /* §D4.2 eq. (3): phi, the angle at the Earth's centre that the half beam subtends at h */
    out->phi_deg = (half - asin(ratio * sin(half))) / INTERF_DEG;
    /* §D4.2: the satellite's angular rate, 0.071 deg/s scaled from the Earth's surface */
    out->ws_deg_s = 0.071 / pow(1.0 / ratio, 1.5);
    double along = out->ws_deg_s * cos(incl_rad) - INTERF_OMEGA_E_DEG_S;
    double across = out->ws_deg_s * sin(incl_rad);
    out->w_deg_s = sqrt(along * along + across * across);
    out->dt_s = 2.0 * out->phi_deg / out->w_deg_s; /* eq. (2) */
    return INTERF_OK;
}

enum interf_status interf_exam_pass_is(double h_km, double incl_rad, double theta3db_deg,
                                       struct interf_exam_is_pass *out,
                                       struct interf_error *err)
{
    enum interf_status st = interf_exam_pass(h_km, incl_rad, theta3db_deg, &out->pass, err);
    if (st != INTERF_OK)
        return st;
    double r_km = INTERF_RE_KM + h_km;
    double th1 = asin(INTERF_RE_KM / INTERF_RGEO_KM); /* §D4.4: the beam along the tangent */
    double s2 = INTERF_RGEO_KM / r_km * sin(th1); /* = Re / r */
    if (!(r_km < INTERF_RGEO_KM))
        return interf_error_set(err, INTERF_EINPUT, "step: altitude %g km: at or above the GSO "
                                "(S.1503-4 §D4.4 needs the orbit below it)", h_km);
    double th2 = INTERF_PI - asin(s2), th3 = INTERF_PI - (th1 + th2);
    out->theta1_deg = th1 / INTERF_DEG;
    out->theta2_deg = th2 / INTERF_DEG;
    out->theta3_deg = th3 / INTERF_DEG;
    out->d1_km = r_km * sin(th3) / sin(th1);
    out->d2_km = 2.0 * out->d1_km * sin(theta3db_deg / 2 * INTERF_DEG);
    out->d3_km = out->d2_km * cos(INTERF_PI - th2);
    /* §D4.4 eq. (4) */
    double phi = 2.0 * atan(out->d3_km / 2 / (r_km - out->d2_km / 2 * sin(INTERF_PI - th2)));
    out->pass.phi_deg = phi / INTERF_DEG;
    out->pass.dt_s = 2.0 * out->pass.phi_deg / out->pass.w_deg_s; /* eq. (2) */
    return INTERF_OK;
}

double interf_exam_fine_step_s(double dt_s, double nhit)
{
    /* §D4.2 eq. (1), rounded to the nearest millisecond, never below one */
    double ms = floor(dt_s / nhit * 1000.0 + 0.5);
    return (ms < 1 ? 1 : ms) / 1000.0;
}

int interf_exam_n_coarse(double nhit, double theta3db_deg)
{
    double n = floor(nhit * INTERF_EXAM_PHI_COARSE_DEG / theta3db_deg); /* §D4.7.1 */
    return n < 1 ? 1 : n > 1e6 ? 1000000 : (int)n;
}

double interf_exam_n_min(double p_max_pct)
{
    /* §D4.6, Table 13: one definition, in the layer of the verdicts it decides */
    return interf_limit_min_steps(p_max_pct);
}

double interf_exam_p_max_pct(size_t n, const struct interf_limit_mask *const *rows)
{
    double best = 0;
    for (size_t r = 0; r < n; r++)
        for (size_t k = 0; k < rows[r]->n_points; k++) {
            double p = rows[r]->points[k].pct_not_exceeded;
            if (p < 100.0 - INTERF_LIMIT_PCT_TOL && p > best)
                best = p;
        }
    return best;
}

static double shell_height_km(const struct interf_exam_shell *s)
{
    double perigee = s->a_km * (1 - s->e) - INTERF_RE_KM;
    return perigee > s->h_min_km ? perigee : s->h_min_km; /* §D4.2 Note 1 */
}

static enum interf_status check_shell(const struct interf_exam_shell *s, size_t k,
                                      struct interf_error *err)
{
    if (!(s->a_km > INTERF_RE_KM && s->e >= 0 && s->e < 1 && s->i_rad >= 0 &&
          s->i_rad <= INTERF_PI && s->h_min_km >= 0) ||
        !isfinite(s->a_km) || !isfinite(s->h_min_km))
        return interf_error_set(err, INTERF_EINPUT,
                                "step: shell %zu: a %g km, e %g, i %g rad, h_min %g km: out of "
                                "range", k, s->a_km, s->e, s->i_rad, s->h_min_km);
    return INTERF_OK;
}

/* §D4.6.2 steps 8-13 for the N_orbits in t: the artificial precession and the steps */
static void nonrep_finish(struct interf_exam_timing *t, double dt_s)
{
    double s_total = (double)t->n_orbits * t->s_pass_deg;
    t->n360 = (int64_t)floor(s_total / 360.0);
    t->s_actual_deg = 360.0 * (double)t->n360 / (double)t->n_orbits;
    t->s_art_deg = t->s_actual_deg - t->s_pass_deg;
    t->d_art_deg_s = t->s_art_deg / t->t_period_s;
    t->n_steps = (int64_t)floor(t->t_period_s * (double)t->n_orbits / dt_s);
}

/* §D4.6.2 for shell s: steps 1-13 with phi of that shell, then N_min */
static void nonrep_shell(const struct interf_exam_shell *s, double phi_deg, double dt_s,
                         double n_min, struct interf_exam_timing *t)
{
    struct interf_elements el = {s->a_km, s->e, s->i_rad, 0, 0, 0};
    struct interf_orbit_options opt = {INTERF_ORBIT_J2, 0, 0};
    struct interf_orbit_rates r;
    interf_orbit_rates(&el, &opt, &r);
    const double per_min = 60.0 / INTERF_DEG; /* rad/s -> deg/min (step 2) */
    double pn_min = 360.0 / ((r.argp_dot_rad_s + r.n_bar_rad_s) * per_min); /* step 3 */
    /* step 4: Omega_e of Table 2 in deg/min (printed rounded as 0.250684) */
    t->s_pass_deg = (INTERF_OMEGA_E_DEG_S * 60.0 - r.raan_dot_rad_s * per_min) * pn_min;
    t->s_req_deg = 2.0 * phi_deg / INTERF_EXAM_NTRACKS;               /* step 5 */
    t->n_orbits = (int64_t)ceil(180.0 / t->s_req_deg);                /* steps 6-7 */
    t->t_period_s = pn_min * 60.0;
    t->nmin_factor = 1;
    nonrep_finish(t, dt_s);
    if (t->n_steps > 0 && (double)t->n_steps < n_min) {
        t->nmin_factor = (int64_t)ceil(n_min / (double)t->n_steps);
        t->n_orbits *= t->nmin_factor;
        nonrep_finish(t, dt_s);
    }
}

/* The non-repeating run over every shell: the longest (§D4.1) */
static void nonrep_run(const struct interf_exam_timing_request *req, const double *phi_deg,
                       double dt_s, struct interf_exam_timing *t)
{
    struct interf_exam_timing best = *t;
    for (size_t k = 0; k < req->n_shells; k++) {
        struct interf_exam_timing cand = *t;
        nonrep_shell(&req->shells[k], phi_deg[k], dt_s, t->n_min, &cand);
        cand.run_shell = k;
        if (k == 0 || cand.n_steps > best.n_steps)
            best = cand;
    }
    *t = best;
}

/* §D4.6.1: the revised step, N_rep, N_run and the steps */
static void repeating_run(const struct interf_exam_timing_request *req,
                          struct interf_exam_timing *t)
{
    double p = req->p_repeat_s, dt = t->dt_fine_s;
    double reps = p / dt, p_ms = p * 1000.0, dt_ms = dt * 1000.0;
    int divides;
    if (fabs(p_ms - round(p_ms)) < 1e-6) /* both in whole ms: an exact integer test */
        divides = fmod(round(p_ms), round(dt_ms)) == 0;
    else
        divides = fabs(reps - round(reps)) < 1e-9 * reps;
    if (divides) {
        double nrep = round(reps);
        t->dt_fine_s = dt * (1.0 + nrep) / nrep;
        t->step_adjusted = 1;
    }
    t->n_rep = (int64_t)ceil(t->n_min * t->dt_fine_s / p - 1e-9);
    t->n_run = t->n_rep > INTERF_EXAM_NTRACKS ? t->n_rep : INTERF_EXAM_NTRACKS;
    t->n_steps = (int64_t)floor((double)t->n_run * p / t->dt_fine_s);
}

/* One repeat of an equatorial system of one altitude (§D4.6): 2 pi / (ws - we) */
static int equatorial_run(const struct interf_exam_timing_request *req,
                          struct interf_exam_timing *t)
{
    for (size_t k = 0; k < req->n_shells; k++)
        if (req->shells[k].i_rad != 0 || req->shells[k].e != 0 ||
            req->shells[k].a_km != req->shells[0].a_km)
            return 0;
    struct interf_elements el = {req->shells[0].a_km, 0, 0, 0, 0, 0};
    struct interf_orbit_options opt = {INTERF_ORBIT_J2, 0, 0};
    struct interf_orbit_rates r;
    interf_orbit_rates(&el, &opt, &r);
    double ws = r.n_bar_rad_s + r.argp_dot_rad_s + r.raan_dot_rad_s; /* inertial rate, i = 0 */
    t->equatorial = 1;
    t->n_steps = (int64_t)floor(2 * INTERF_PI / (ws - INTERF_OMEGA_E_RAD_S) / t->dt_fine_s);
    return 1;
}

/* The pass of shell k for the request's link: eq. (3) (§D4.2, §D4.3) or eq. (4) (§D4.4; the
 * step and the run length both take its phi, Table 15 note 1). */
static enum interf_status shell_pass(const struct interf_exam_timing_request *req, size_t k,
                                     struct interf_exam_pass *pass, struct interf_error *err)
{
    const struct interf_exam_shell *s = &req->shells[k];
    if (req->link != INTERF_EXAM_LINK_IS)
        return interf_exam_pass(shell_height_km(s), s->i_rad, req->theta3db_deg, pass, err);
    struct interf_exam_is_pass is;
    enum interf_status st = interf_exam_pass_is(shell_height_km(s), s->i_rad, req->theta3db_deg,
                                                &is, err);
    *pass = is.pass;
    return st;
}

enum interf_status interf_exam_timing(const struct interf_exam_timing_request *req,
                                      struct interf_exam_timing *out, struct interf_error *err)
{
    if (!req || !out)
        return interf_error_set(err, INTERF_EINVAL, "step: NULL argument");
    memset(out, 0, sizeof *out);
    out->req = *req;
    if (req->n_shells == 0 || !req->shells || req->n_shells > 4096)
        return interf_error_set(err, INTERF_EINPUT, "step: no orbit shell (1 to 4096 allowed)");
    if (req->repeating && !(req->p_repeat_s > 0 && req->p_repeat_s < 1e9))
        return interf_error_set(err, INTERF_EINPUT,
                                "step: repeat period %g s: allowed range 0 to 1e9",
                                req->p_repeat_s);
    if (!req->repeating && req->n_sats == 0)
        return interf_error_set(err, INTERF_EINPUT, "step: the system has no satellite");
    double phi_deg[4096];
    double dt_min = INFINITY;
    for (size_t k = 0; k < req->n_shells; k++) {
        struct interf_exam_pass pass;
        enum interf_status st = check_shell(&req->shells[k], k, err);
        if (st == INTERF_OK)
            st = shell_pass(req, k, &pass, err);
        if (st != INTERF_OK)
            return st;
        phi_deg[k] = pass.phi_deg;
        if (pass.dt_s < dt_min) { /* §D4.2: the smallest step over the orbit types */
            dt_min = pass.dt_s;
            out->pass = pass;
            out->step_shell = k;
        }
    }
    out->nhit = INTERF_EXAM_NHIT;
    out->dt_fine_s = out->dt_fine_16_s = interf_exam_fine_step_s(dt_min, INTERF_EXAM_NHIT);
    /* §D5.3.5: epfd_is runs every step */
    out->n_coarse = out->n_coarse_16 = req->link == INTERF_EXAM_LINK_IS
                                           ? 1
                                           : interf_exam_n_coarse(INTERF_EXAM_NHIT,
                                                                  req->theta3db_deg);
    out->n_min = interf_exam_n_min(req->p_max_pct);
    if (req->repeating) {
        repeating_run(req, out);
    } else if (!equatorial_run(req, out)) {
        nonrep_run(req, phi_deg, out->dt_fine_s, out);
        out->n_steps_16 = out->n_steps;
        if ((double)out->n_steps > INTERF_EXAM_MAX_STEPS) {
            /* §D4.1: N'hit = Nhit / min(Ncoarse, sqrt(Nsat)); N_tracks stays 16 */
            double root = sqrt((double)req->n_sats);
            double div = out->n_coarse_16 < root ? out->n_coarse_16 : root;
            out->reduced = 1;
            out->nhit = INTERF_EXAM_NHIT / div;
            out->dt_fine_s = interf_exam_fine_step_s(dt_min, out->nhit);
            nonrep_run(req, phi_deg, out->dt_fine_s, out);
            int nc = (int)floor(out->nhit * out->n_coarse_16 / INTERF_EXAM_NHIT);
            out->n_coarse = nc < 1 ? 1 : nc;
        }
    }
    out->t_run_s = (double)out->n_steps * out->dt_fine_s;
    return INTERF_OK;
}

size_t interf_exam_timing_describe(const struct interf_exam_timing *t, char *buf, size_t n)
{
    struct exam_text x = {buf, n, 0};
    const struct interf_exam_shell *s = &t->req.shells[t->step_shell];
    if (n)
        buf[0] = '\0';
    exam_text_add(&x, "beam: theta3dB = %.6f deg\n", t->req.theta3db_deg);
    exam_text_add(&x, "S.1503-4 §D4.2: shell %zu (h = %.3f km, i = %.4f deg) gives the smallest "
                  "step\n", t->step_shell, shell_height_km(s), s->i_rad / INTERF_DEG);
    exam_text_add(&x, "S.1503-4 %s: phi = %.6f deg, ws = %.6f deg/s, w = %.6f deg/s\n",
                  t->req.link == INTERF_EXAM_LINK_IS ? "§D4.4 eq. (4)" : "§D4.2 eq. (3)",
                  t->pass.phi_deg, t->pass.ws_deg_s, t->pass.w_deg_s);
    exam_text_add(&x, "S.1503-4 §D4.2 eq. (2): dt = 2 phi / w = %.6f s\n", t->pass.dt_s);
    exam_text_add(&x, "S.1503-4 §D4.2 eq. (1): dt_ref = dt / %d = %.3f s\n", INTERF_EXAM_NHIT,
                  t->dt_fine_16_s);
    exam_text_add(&x, "S.1503-4 §D4.7.1: Ncoarse = floor(%d x %.1f / theta3dB) = %d\n",
                  INTERF_EXAM_NHIT, INTERF_EXAM_PHI_COARSE_DEG, t->n_coarse_16);
    exam_text_add(&x, "S.1503-4 §D4.6 Table 13: p_max = %.6g %%, N_min = %.0f\n",
                  t->req.p_max_pct, t->n_min);
    if (t->req.repeating) {
        exam_text_add(&x, "S.1503-4 §D4.6.1: P_repeat = %.3f s%s, N_rep = %lld, N_run = "
                      "%lld\n", t->req.p_repeat_s,
                      t->step_adjusted ? " (divided by the step: T'step used)" : "",
                      (long long)t->n_rep, (long long)t->n_run);
    } else if (t->equatorial) {
        exam_text_add(&x, "S.1503-4 §D4.6: equatorial, one altitude: one repeat "
                      "2 pi / (ws - we)\n");
    } else {
        exam_text_add(&x, "S.1503-4 §D4.6.2: shell %zu: T_period = %.3f s, S_pass = %.6f deg, "
                      "S_req = %.6f deg\n", t->run_shell, t->t_period_s, t->s_pass_deg,
                      t->s_req_deg);
        exam_text_add(&x, "S.1503-4 §D4.6.2: N_orbits = %lld%s, N360 = %lld, S_actual = %.6f "
                      "deg, S_art = %.6f deg/orbit, D_art = %.6e deg/s\n",
                      (long long)t->n_orbits,
                      t->nmin_factor > 1 ? " (scaled up to reach N_min)" : "",
                      (long long)t->n360, t->s_actual_deg, t->s_art_deg, t->d_art_deg_s);
        if (t->reduced)
            exam_text_add(&x, "S.1503-4 §D4.1: %lld steps > 1e8: N'hit = %d / min(%d, "
                          "sqrt(%zu)) = %.6g, dt_ref = %.3f s, N'coarse = %d\n",
                          (long long)t->n_steps_16, INTERF_EXAM_NHIT, t->n_coarse_16,
                          t->req.n_sats, t->nhit, t->dt_fine_s, t->n_coarse);
    }
    exam_text_add(&x, "run: %lld steps of %.6g s = %.3f s\n", (long long)t->n_steps,
                  t->dt_fine_s, t->t_run_s);
    return x.len;
}
