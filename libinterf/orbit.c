/* SPDX-License-Identifier: MIT */
/* interf orbit: Keplerian elements with the J2 secular model of Rec. ITU-R S.1503-4 (09/2023)
 * §D6.3 (eqs. 20-25 and the three model cases of §D6.3.6), Walker patterns, and the batch
 * propagator of a constellation held as structure of arrays. */
#include "orbit/constellation_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define TWO_PI (2.0 * INTERF_PI)

void interf_orbit_rates(const struct interf_elements *el, const struct interf_orbit_options *opt,
                        struct interf_orbit_rates *r)
{
    double a = el->a_km, e = el->e;
    double p = a * (1.0 - e * e);
    double si = sin(el->i_rad), ci = cos(el->i_rad);
    double k = 1.5 * INTERF_J2 * (INTERF_RE_KM * INTERF_RE_KM) / (p * p);

    r->n0_rad_s = sqrt(INTERF_MU_KM3_S2 / (a * a * a));
    r->t0_s = TWO_PI / r->n0_rad_s;
    r->n_bar_rad_s = r->n0_rad_s;
    r->raan_dot_rad_s = 0.0;
    r->argp_dot_rad_s = 0.0;
    switch (opt ? opt->model : INTERF_ORBIT_J2) {
    case INTERF_ORBIT_J2:
        /* S.1503-4 eq. (20): mean motion with the J2 secular correction */
        r->n_bar_rad_s = r->n0_rad_s * (1.0 + k * (1.0 - 1.5 * si * si) * sqrt(1.0 - e * e));
        /* eq. (21) node rate, plus the artificial precession D_art of case 1 (§D4.6.2) */
        r->raan_dot_rad_s = -k * r->n_bar_rad_s * ci + (opt ? opt->precession_rad_s : 0.0);
        /* eq. (22) perigee rate */
        r->argp_dot_rad_s = k * r->n_bar_rad_s * (2.0 - 2.5 * si * si);
        break;
    case INTERF_ORBIT_ADMIN:
        /* case 3: omega = omega0, Omega driven by the administration's rate, M = M0 + n0 t */
        r->raan_dot_rad_s = opt->precession_rad_s;
        break;
    case INTERF_ORBIT_KEPLER:
        break;
    case INTERF_ORBIT_FIXED:
        /* turns with the Earth: one revolution per sidereal day in inertial space */
        r->n_bar_rad_s = INTERF_OMEGA_E_RAD_S;
        break;
    }
    /* eq. (25): nodal period */
    r->t_nodal_s = TWO_PI / (r->argp_dot_rad_s + r->n_bar_rad_s);
}

double interf_kepler_solve(double m_rad, double e)
{
    double m = interf_wrap_pi(m_rad);
    if (e == 0.0)
        return m;
    /* Start at M + e sin M for moderate e; at +-pi for high e, from where Newton's method
     * converges monotonically for every M (Charles & Tatum 1998, Celest. Mech. 69, 357). */
    double E = e < 0.8 ? m + e * sin(m) : (m >= 0 ? INTERF_PI : -INTERF_PI);
    for (int k = 0; k < 64; k++) {
        /* S.1503-4 eqs. (31)-(32) */
        double d = (E - e * sin(E) - m) / (1.0 - e * cos(E));
        E -= d;
        if (fabs(d) < 1e-12)
            break;
    }
    return E;
}

double interf_true_from_eccentric(double E, double e)
{
    /* S.1503-4 §D6.3: tan(nu/2) = sqrt((1+e)/(1-e)) tan(E/2), in the atan2 form that is exact
     * in every quadrant */
    return 2.0 * atan2(sqrt(1.0 + e) * sin(E / 2.0), sqrt(1.0 - e) * cos(E / 2.0));
}

double interf_mean_from_true(double nu, double e)
{
    double E = 2.0 * atan2(sqrt(1.0 - e) * sin(nu / 2.0), sqrt(1.0 + e) * cos(nu / 2.0));
    return E - e * sin(E);
}

void interf_walker_elements(enum interf_walker_kind kind, double a_km, double i_rad, int t_sats,
                            int p_planes, int f_phasing, double lan0_rad, int plane, int slot,
                            struct interf_elements *el)
{
    int s = t_sats / p_planes;
    double spread = kind == INTERF_WALKER_STAR ? INTERF_PI : TWO_PI;
    el->a_km = a_km;
    el->e = 0.0;
    el->i_rad = i_rad;
    el->lan_rad = lan0_rad + plane * spread / p_planes;
    el->argp_rad = 0.0;
    /* argument of latitude u = j 360/S + p F 360/T; with omega = 0 it is the mean anomaly */
    el->m0_rad = slot * TWO_PI / s + (double)plane * f_phasing * TWO_PI / t_sats;
}

enum interf_status interf_constellation_create(size_t capacity, struct interf_constellation **out,
                                               struct interf_error *err)
{
    struct interf_constellation *c = calloc(1, sizeof *c);
    *out = NULL;
    if (!c)
        goto nomem;
    c->cap = capacity ? capacity : 1;
    c->epoch_unix_s = 946728000.0; /* J2000.0, 2000-01-01T12:00:00Z */
    double **d[] = {&c->a, &c->e, &c->p, &c->cos_i, &c->sin_i, &c->lan0, &c->argp0,
                    &c->m0, &c->n_bar, &c->raan_dot, &c->argp_dot, &c->w_delta};
    for (size_t k = 0; k < sizeof d / sizeof d[0]; k++)
        if (!(*d[k] = malloc(c->cap * sizeof(double))))
            goto nomem;
    c->fixed = malloc(c->cap);
    c->plane = malloc(c->cap * sizeof *c->plane);
    c->el = malloc(c->cap * sizeof *c->el);
    c->rates = malloc(c->cap * sizeof *c->rates);
    if (!c->fixed || !c->plane || !c->el || !c->rates)
        goto nomem;
    *out = c;
    return INTERF_OK;
nomem:
    interf_constellation_destroy(c);
    return interf_error_set(err, INTERF_ENOMEM, "constellation of %zu satellites: out of memory",
                            capacity);
}

void interf_constellation_destroy(struct interf_constellation *c)
{
    if (!c)
        return;
    double *d[] = {c->a, c->e, c->p, c->cos_i, c->sin_i, c->lan0, c->argp0,
                   c->m0, c->n_bar, c->raan_dot, c->argp_dot, c->w_delta};
    for (size_t k = 0; k < sizeof d / sizeof d[0]; k++)
        free(d[k]);
    free(c->fixed);
    free(c->plane);
    free(c->el);
    free(c->rates);
    groups_free(c);
    free(c);
}

void s1503_store(struct interf_constellation *c, size_t k, const struct interf_elements *el,
                 const struct interf_orbit_options *opt, int plane)
{
    struct interf_orbit_rates *r = &c->rates[k];
    interf_orbit_rates(el, opt, r);
    c->el[k] = *el;
    c->a[k] = el->a_km;
    c->e[k] = el->e;
    c->p[k] = el->a_km * (1.0 - el->e * el->e);
    c->cos_i[k] = cos(el->i_rad);
    c->sin_i[k] = sin(el->i_rad);
    c->lan0[k] = el->lan_rad;
    c->argp0[k] = el->argp_rad;
    c->m0[k] = el->m0_rad;
    c->n_bar[k] = r->n_bar_rad_s;
    c->raan_dot[k] = r->raan_dot_rad_s;
    c->argp_dot[k] = r->argp_dot_rad_s;
    c->w_delta[k] = opt && opt->model != INTERF_ORBIT_KEPLER ? opt->w_delta_rad : 0.0;
    c->fixed[k] = opt && opt->model == INTERF_ORBIT_FIXED;
    c->plane[k] = plane;
}

enum interf_status interf_constellation_add(struct interf_constellation *c,
                                            const struct interf_elements *el,
                                            const struct interf_orbit_options *opt, int plane,
                                            size_t *index, struct interf_error *err)
{
    if (c->n == c->cap)
        return interf_error_set(err, INTERF_EINVAL, "constellation full (%zu satellites)", c->cap);
    if (!(el->a_km > 0) || !(el->e >= 0 && el->e < 1))
        return interf_error_set(err, INTERF_EINVAL, "elements: a = %g km, e = %g out of range",
                                el->a_km, el->e);
    size_t k = c->n++;
    s1503_store(c, k, el, opt, plane);
    if (index)
        *index = k;
    return INTERF_OK;
}

size_t interf_constellation_count(const struct interf_constellation *c) { return c->n; }
int interf_constellation_plane(const struct interf_constellation *c, size_t i)
{
    return c->plane[i];
}

void interf_constellation_satellite(const struct interf_constellation *c, size_t i,
                                    struct interf_elements *el, struct interf_orbit_rates *rates)
{
    if (el)
        *el = c->el[i];
    if (rates)
        *rates = c->rates[i];
}

struct interf_orbit_run interf_time_window_run(const struct interf_time_window *w,
                                               double epoch_unix_s)
{
    struct interf_orbit_run r;
    r.t0_s = w->start_unix_s - epoch_unix_s;
    r.t_run_s = w->t_run_s > 0 ? w->t_run_s : (double)w->n_steps * w->step_s;
    return r;
}

enum interf_status interf_time_window_check(const struct interf_time_window *w,
                                            double epoch_unix_s, char *warning, size_t n,
                                            struct interf_error *err)
{
    /* POSIX seconds of 1800-01-01 and 2300-01-01 */
    const double lo = -5364662400.0, hi = 10413792000.0, year = 365.25 * 86400.0;
    double end = w->start_unix_s + (double)w->n_steps * w->step_s;
    char t[40];
    if (warning && n)
        warning[0] = '\0';
    if (!(w->start_unix_s >= lo && w->start_unix_s <= hi))
        return interf_error_set(err, INTERF_EINPUT, "start: %.6g s from 1970: outside 1800-2300",
                                w->start_unix_s);
    double far = fmax(fabs(w->start_unix_s - epoch_unix_s), fabs(end - epoch_unix_s));
    if (far > year && warning && n)
        snprintf(warning, n, "the run reaches %.1f years from the system's epoch %s: the secular "
                 "orbit model of S.1503-4 §D6.3 is valid near its epoch", far / year,
                 interf_time_format_utc(epoch_unix_s, t, sizeof t));
    return INTERF_OK;
}

double interf_time_window_t(const struct interf_time_window *w, double epoch_unix_s, long k)
{
    return (w->start_unix_s - epoch_unix_s) + (double)k * w->step_s;
}

/* Radius r, its rate, and the argument of latitude u with its rate, of satellite k at t. */
static void in_plane(const struct interf_constellation *c, size_t k, double t, double *r,
                     double *r_dot, double *u, double *u_dot)
{
    double omega = c->argp0[k] + c->argp_dot[k] * t;
    double m = c->m0[k] + c->n_bar[k] * t;
    double e = c->e[k];
    if (e == 0.0) {
        *r = c->a[k];
        *r_dot = 0.0;
        *u = omega + m;
        *u_dot = c->argp_dot[k] + c->n_bar[k];
        return;
    }
    double nu = interf_true_from_eccentric(interf_kepler_solve(m, e), e);
    double cn = cos(nu), sn = sin(nu);
    double q = 1.0 + e * cn;
    double nu_dot = c->n_bar[k] * q * q / pow(1.0 - e * e, 1.5);
    *r = c->p[k] / q; /* S.1503-4 §D6.3: R = p / (1 + e cos nu) */
    *r_dot = *r * e * sn * nu_dot / q;
    *u = omega + nu;
    *u_dot = c->argp_dot[k] + nu_dot;
}

/* The node's angle (rad) of satellite k at t in the frame's axes, and its rate (rad/s). The
 * frame's rotation enters as a node rate: in Earth-fixed axes the node moves at Omega_dot -
 * omega_e (S.1503-4 §D6.3.3: theta_G = omega_e t). */
static double node_at(const struct interf_constellation *c, size_t k, double t,
                      const struct interf_orbit_run *run, double w_frame, double *node_dot)
{
    if (c->fixed[k]) {
        /* GSO reference satellite: at rest at its longitude in Earth-fixed axes */
        *node_dot = INTERF_OMEGA_E_RAD_S - w_frame;
        return c->lan0[k] + (INTERF_OMEGA_E_RAD_S - w_frame) * t;
    }
    /* §D6.3.6 case 2/3 station keeping: -W_delta at the run's start, +W_delta T_run later */
    double sk_rate = run && run->t_run_s > 0 ? 2.0 / run->t_run_s : 0.0;
    double t_sk = run ? t - run->t0_s : t;
    double sk = sk_rate > 0 ? c->w_delta[k] * (sk_rate * t_sk - 1.0) : 0.0;
    *node_dot = c->raan_dot[k] + c->w_delta[k] * sk_rate - w_frame;
    return c->lan0[k] + c->raan_dot[k] * t + sk - w_frame * t;
}

/* S.1503-4 §D6.3.3: P = R(Omega, omega, i) (cos nu, sin nu, 0) written with u = omega + nu;
 * the first two columns of R contracted with (cos u, sin u): the unit vector p. */
static void place(double ci, double si, double cO, double sO, double cu, double su,
                  double p[3])
{
    p[0] = cO * cu - sO * su * ci;
    p[1] = sO * cu + cO * su * ci;
    p[2] = su * si;
}

void s1503_propagate(const struct interf_constellation *c, size_t first, size_t n, double t,
                     const struct interf_orbit_run *run, enum interf_frame frame,
                     const struct interf_ephem *out)
{
    double w_frame = frame == INTERF_FRAME_ECEF ? INTERF_OMEGA_E_RAD_S : 0.0;
    double last_node = NAN, cO = 1.0, sO = 0.0;
    int want_v = out->vx_km_s != NULL;

    for (size_t j = 0; j < n; j++) {
        size_t k = first + j;
        double node_dot, node = node_at(c, k, t, run, w_frame, &node_dot);
        /* Satellites of one Walker plane share their node: reuse its sine and cosine. */
        if (node != last_node) {
            cO = cos(node);
            sO = sin(node);
            last_node = node;
        }
        double r, r_dot, u, u_dot;
        if (c->fixed[k]) {
            r = c->a[k], r_dot = 0.0, u = 0.0, u_dot = 0.0;
        } else {
            in_plane(c, k, t, &r, &r_dot, &u, &u_dot);
        }
        double cu = cos(u), su = sin(u), ci = c->cos_i[k], si = c->sin_i[k], p[3];
        place(ci, si, cO, sO, cu, su, p);
        out->x_km[j] = r * p[0];
        out->y_km[j] = r * p[1];
        out->z_km[j] = r * p[2];
        if (want_v) {
            /* exact time derivative of the model's position: radial, along-track (dP/du) and
             * nodal (z x P) terms */
            double px = p[0], py = p[1], pz = p[2];
            double qx = -cO * su - sO * cu * ci;
            double qy = -sO * su + cO * cu * ci;
            double qz = cu * si;
            out->vx_km_s[j] = r_dot * px + r * (u_dot * qx - node_dot * py);
            out->vy_km_s[j] = r_dot * py + r * (u_dot * qy + node_dot * px);
            out->vz_km_s[j] = r_dot * pz + r * u_dot * qz;
        }
    }
}

void s1503_step_turn(const struct interf_constellation *c, size_t k,
                     const struct interf_orbit_run *run, double step_s, double turn[4])
{
    double node_dot, r, r_dot, u, u_dot;
    /* the rates, hence the turns of one step, do not depend on t */
    node_at(c, k, 0, run, INTERF_OMEGA_E_RAD_S, &node_dot);
    in_plane(c, k, 0, &r, &r_dot, &u, &u_dot);
    turn[0] = cos(node_dot * step_s), turn[1] = sin(node_dot * step_s);
    turn[2] = cos(u_dot * step_s), turn[3] = sin(u_dot * step_s);
}

/* The positions r place(...) of m steps from their turns tc (cos, sin of the node, cos, sin of
 * u; restrict: a loop the compiler vectorizes) */
static void positions(size_t m, double (*tc)[INTERF_STEP_ANCHOR], double ci, double si,
                      double r, double *restrict x, double *restrict y, double *restrict z)
{
    for (size_t j = 0; j < m; j++) {
        double p[3];
        place(ci, si, tc[0][j], tc[1][j], tc[2][j], tc[3][j], p);
        x[j] = r * p[0], y[j] = r * p[1], z[j] = r * p[2];
    }
}

/* (c, s) turned by the angle of cosine cd and sine sd (the angle-sum identities) */
static inline void turn_by(double *c, double *s, double cd, double sd)
{
    double a = *c * cd - *s * sd, b = *s * cd + *c * sd;
    *c = a, *s = b;
}

void s1503_propagate_steps(const struct interf_constellation *c, size_t k,
                           const struct interf_orbit_run *run, double t0_s, double step_s,
                           long k0, size_t n, const double *turn, double *x_km, double *y_km,
                           double *z_km)
{
    const double w = INTERF_OMEGA_E_RAD_S;
    const long end = k0 + (long)n;
    double node_dot, r, r_dot, u, u_dot, own[4];
    if (n == 0)
        return;
    if (!turn) {
        s1503_step_turn(c, k, run, step_s, own);
        turn = own;
    }
    const double cdO = turn[0], sdO = turn[1], cdu = turn[2], sdu = turn[3];
    /* anchor by anchor: its exact values, the turns up to k0 unstored, then the stored ones
     * (loops without tests: the same operations step by step as one loop) */
    for (long a = k0 - k0 % INTERF_STEP_ANCHOR; a < end; a += INTERF_STEP_ANCHOR) {
        double t = t0_s + (double)a * step_s, node = node_at(c, k, t, run, w, &node_dot);
        in_plane(c, k, t, &r, &r_dot, &u, &u_dot);
        double cO = cos(node), sO = sin(node), cu = cos(u), su = sin(u);
        long s = a, to = a + INTERF_STEP_ANCHOR < end ? a + INTERF_STEP_ANCHOR : end;
        for (; s < k0; s++) {
            turn_by(&cO, &sO, cdO, sdO);
            turn_by(&cu, &su, cdu, sdu);
        }
        /* the turns step by step, then the positions from them */
        double tc[4][INTERF_STEP_ANCHOR];
        size_t m = (size_t)(to - s), j0 = (size_t)(s - k0);
        for (size_t j = 0;;) {
            tc[0][j] = cO, tc[1][j] = sO, tc[2][j] = cu, tc[3][j] = su;
            if (++j >= m)
                break;
            turn_by(&cO, &sO, cdO, sdO);
            turn_by(&cu, &su, cdu, sdu);
        }
        positions(m, tc, c->cos_i[k], c->sin_i[k], r, x_km + j0, y_km + j0, z_km + j0);
    }
}

double interf_constellation_turn_rate(const struct interf_constellation *c, size_t k,
                                      const struct interf_orbit_run *run)
{
    struct interf_sat_ident id;
    interf_constellation_ident(c, k, &id);
    if (id.kind != INTERF_SAT_ELEMENTS)
        return INFINITY; /* SGP4 and OEM objects move by no secular model */
    if (c->fixed[k])
        return 0.0;
    double node_dot, e = c->e[k];
    node_at(c, k, 0.0, run, INTERF_OMEGA_E_RAD_S, &node_dot);
    double nu_dot_max = c->n_bar[k] * (1.0 + e) * (1.0 + e) / pow(1.0 - e * e, 1.5);
    return fabs(c->argp_dot[k]) + nu_dot_max + fabs(node_dot);
}
