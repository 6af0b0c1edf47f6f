/* SPDX-License-Identifier: MIT */
/* Tests of the orbit layer: Kepler's equation, the J2 secular rates of Rec. ITU-R S.1503-4
 * §D6.3, Walker patterns, the GSO model and the batch propagator. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>

#include "interf.h"

#define DEG INTERF_DEG
#define DAY 86400.0

/* rad/s -> deg/day */
static double deg_day(double rad_s) { return rad_s / DEG * DAY; }

static struct interf_constellation *one_sat(const struct interf_elements *el,
                                            const struct interf_orbit_options *opt)
{
    struct interf_constellation *c;
    cr_assert(eq(int, interf_constellation_create(1, &c, NULL), INTERF_OK));
    cr_assert(eq(int, interf_constellation_add(c, el, opt, 0, NULL, NULL), INTERF_OK));
    return c;
}

/* The run of the station-keeping tests: T_run from t = 0 (0: none). */
static struct interf_orbit_run run_of(double t_run_s)
{
    struct interf_orbit_run r = {0, t_run_s};
    return r;
}

static void pos_run(const struct interf_constellation *c, double t, double t_run_s,
                    enum interf_frame f, double r[3], double v[3])
{
    double vx, vy, vz;
    struct interf_ephem e = {&r[0], &r[1], &r[2], v ? &vx : NULL, &vy, &vz};
    struct interf_orbit_run run = run_of(t_run_s);
    interf_constellation_propagate(c, 0, 1, t, &run, f, &e);
    if (v)
        v[0] = vx, v[1] = vy, v[2] = vz;
}

static void pos(const struct interf_constellation *c, double t, enum interf_frame f,
                double r[3], double v[3])
{
    double vx, vy, vz;
    struct interf_ephem e = {&r[0], &r[1], &r[2], v ? &vx : NULL, &vy, &vz};
    interf_constellation_propagate(c, 0, 1, t, NULL, f, &e);
    if (v)
        v[0] = vx, v[1] = vy, v[2] = vz;
}

Test(orbit, kepler_hand_value)
{
    /* Hand derivation: choose E = 1 rad and e = 0.5; then M = E - e sin E = 1 - 0.5 sin(1)
     * = 0.5792645075960517 rad. The solver must return E = 1 to 1e-12. */
    double e = 0.5, m = 1.0 - 0.5 * sin(1.0);
    cr_assert(epsilon_eq(dbl, interf_kepler_solve(m, e), 1.0, 1e-12));
}

Test(orbit, kepler_residual_up_to_e_0_99)
{
    /* Definition, S.1503-4 §D6.3 eqs. (31)-(32): E - e sin E = M. Residual below 1e-12 rad for
     * every e up to 0.9 (the issue) and 0.99, over the whole range of M. */
    const double es[] = {0.0, 0.001, 0.075, 0.3, 0.5, 0.75, 0.9, 0.99};
    for (size_t i = 0; i < sizeof es / sizeof es[0]; i++)
        for (int k = -360; k <= 360; k += 3) {
            double m = k * DEG, E = interf_kepler_solve(m, es[i]);
            double mr = remainder(m, 2 * INTERF_PI);
            double res = remainder(E - es[i] * sin(E) - mr, 2 * INTERF_PI);
            cr_assert(epsilon_eq(dbl, res, 0.0, 1e-12), "e = %g, M = %d deg: residual %g", es[i],
                      k, res);
        }
}

Test(orbit, true_and_mean_anomaly_are_inverse)
{
    /* Round trip nu -> M -> E -> nu, S.1503-4 §D6.3 relations. */
    for (double e = 0.0; e < 0.95; e += 0.15)
        for (int k = -179; k < 180; k += 7) {
            double nu = k * DEG;
            double m = interf_mean_from_true(nu, e);
            double back = interf_true_from_eccentric(interf_kepler_solve(m, e), e);
            cr_assert(epsilon_eq(dbl, remainder(back - nu, 2 * INTERF_PI), 0.0, 1e-11),
                      "e %g nu %d", e, k);
        }
}

struct rate_case {
    double alt_km, a_km, incl_deg;
    double t0_s, raan_deg_day, argp_deg_day, tp_s; /* tp_s 0: not tabulated */
};

Test(orbit, s1503_check_table)
{
    /* Reference: the orbit check table (e = 0), hand-derived from S.1503-4 eqs. (20)-(22), (25)
     * with the Table 2 constants (Re 6378.145 km, mu 398601.2 km3/s2, J2 0.001082636). Shells:
     * Starlink 550/53, 540/53.2, 560/97.6, OneWeb 1200/87.9, Kuiper 630/51.9, GPS a 26559.7/55.
     * The table is given to 4 decimals in deg/day and 3 in s, hence the tolerances. */
    const struct rate_case cases[] = {
        {550, 0, 53.0, 5738.997, -4.4895, 3.0247, 5735.455},
        {540, 0, 53.2, 5726.576, -4.4913, 2.9771, 5723.137},
        {560, 0, 97.6, 5751.427, 0.9810, -3.3842, 5758.775},
        {1200, 0, 87.9, 6565.305, -0.1996, -2.7052, 6572.824},
        {630, 0, 51.9, 5838.687, -4.4219, 3.2380, 5834.583},
        {0, 26559.7, 55.0, 43076.99, -0.0388, NAN, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct rate_case *k = &cases[i];
        struct interf_elements el = {k->a_km ? k->a_km : INTERF_RE_KM + k->alt_km, 0,
                                     k->incl_deg * DEG, 0, 0, 0};
        struct interf_orbit_rates r;
        interf_orbit_rates(&el, NULL, &r);
        cr_assert(epsilon_eq(dbl, r.t0_s, k->t0_s, 0.006), "case %zu T0 %.4f", i, r.t0_s);
        cr_assert(epsilon_eq(dbl, deg_day(r.raan_dot_rad_s), k->raan_deg_day, 6e-5),
                  "case %zu node rate %.6f", i, deg_day(r.raan_dot_rad_s));
        if (!isnan(k->argp_deg_day))
            cr_assert(epsilon_eq(dbl, deg_day(r.argp_dot_rad_s), k->argp_deg_day, 6e-5),
                      "case %zu perigee rate %.6f", i, deg_day(r.argp_dot_rad_s));
        if (k->tp_s > 0)
            cr_assert(epsilon_eq(dbl, r.t_nodal_s, k->tp_s, 6e-4), "case %zu T_P %.4f", i,
                      r.t_nodal_s);
    }
}

Test(orbit, sun_synchronous_shell_precesses_with_the_sun)
{
    /* A Sun-synchronous orbit's node follows the mean Sun: 360 deg per tropical year
     * = 360/365.2422 = 0.98565 deg/day. The 560 km, 97.6 deg Starlink shell is close to
     * Sun-synchronous; measure its node drift from propagated positions over one day (the
     * node's inertial longitude from two ascending-node passages is the same as the rate
     * with u = 0 at both ends, so measure the angular momentum vector instead). */
    struct interf_elements el = {INTERF_RE_KM + 560, 0, 97.6 * DEG, 0, 0, 0};
    struct interf_constellation *c = one_sat(&el, NULL);
    double node[2];
    for (int k = 0; k < 2; k++) {
        double r[3], v[3];
        pos(c, k * DAY, INTERF_FRAME_INERTIAL, r, v);
        /* h = r x v; the node direction is z x h, at longitude atan2(hx, -hy) */
        double hx = r[1] * v[2] - r[2] * v[1], hy = r[2] * v[0] - r[0] * v[2];
        node[k] = atan2(hx, -hy);
    }
    double rate = remainder(node[1] - node[0], 2 * INTERF_PI) / DEG;
    cr_assert(epsilon_eq(dbl, rate, 0.98565, 0.01 * 0.98565), "node drift %.5f deg/day", rate);
    interf_constellation_destroy(c);
}

Test(orbit, gso_type_stays_at_its_longitude)
{
    /* S.1503-4 §A: the GSO reference satellite is on a circle of radius Rgeo at zero
     * inclination; in Earth-fixed axes it does not move. */
    struct interf_elements el = {INTERF_RGEO_KM, 0, 0, 19.2 * DEG, 0, 0};
    struct interf_orbit_options opt = {INTERF_ORBIT_FIXED, 0, 0};
    struct interf_constellation *c = one_sat(&el, &opt);
    for (double t = 0; t < 30 * DAY; t += 3.7 * DAY) {
        double r[3], v[3];
        pos(c, t, INTERF_FRAME_ECEF, r, v);
        cr_assert(epsilon_eq(dbl, atan2(r[1], r[0]) / DEG, 19.2, 1e-9), "t %g", t);
        cr_assert(epsilon_eq(dbl, hypot(r[0], r[1]), INTERF_RGEO_KM, 1e-9));
        cr_assert(epsilon_eq(dbl, r[2], 0.0, 1e-9));
        cr_assert(epsilon_eq(dbl, hypot(v[0], hypot(v[1], v[2])), 0.0, 1e-12));
    }
    interf_constellation_destroy(c);
}

Test(orbit, equatorial_elements_at_rgeo_drift_at_the_j2_rate)
{
    /* Hand derivation. For e = 0, i = 0 eqs. (20)-(22) give, with k = 1.5 J2 (Re/a)^2:
     *   n_bar = n0 (1 + k),  Omega_dot = -k n_bar,  omega_dot = 2 k n_bar,
     * and the Earth-fixed longitude of the satellite moves at
     *   Omega_dot + omega_dot + n_bar - omega_e = n_bar (1 + k) - omega_e = n0 (1 + k)^2 - omega_e.
     * a = 42164.2 km: n0 = sqrt(398601.2 / 42164.2^3) = 7.2921197e-5 rad/s,
     * k = 1.5 * 0.001082636 * (6378.145/42164.2)^2 = 3.71597e-5, so
     * n0 (1 + k)^2 = 7.2926617e-5 rad/s and the drift is 5.46e-9 rad/s = +0.0270 deg/day
     * eastward. Computed here in full precision from the same formula. */
    double a = INTERF_RGEO_KM, n0 = sqrt(INTERF_MU_KM3_S2 / (a * a * a));
    double k = 1.5 * INTERF_J2 * pow(INTERF_RE_KM / a, 2);
    double want = deg_day(n0 * (1 + k) * (1 + k) - INTERF_OMEGA_E_RAD_S);
    cr_assert(epsilon_eq(dbl, want, 0.0270, 0.0005), "drift formula %.5f", want);
    struct interf_elements el = {a, 0, 0, 10 * DEG, 0, 0};
    struct interf_constellation *c = one_sat(&el, NULL);
    double r0[3], r1[3];
    pos(c, 0, INTERF_FRAME_ECEF, r0, NULL);
    pos(c, 10 * DAY, INTERF_FRAME_ECEF, r1, NULL);
    double drift = (atan2(r1[1], r1[0]) - atan2(r0[1], r0[0])) / DEG / 10;
    cr_assert(epsilon_eq(dbl, drift, want, 1e-9), "measured %.6f deg/day", drift);
    interf_constellation_destroy(c);
}

Test(orbit, walker_delta_and_star_layout)
{
    /* Walker i:T/P/F (S.1503-4 §B3.2 with the phase as argument of latitude): plane p node
     * = Omega0 + p 360/P (delta) or p 180/P (star); slot j at j 360/S + p F 360/T. Starlink
     * shell 1: 53:1584/72/17 -> plane 5 node 25 deg; slot 3 of plane 5:
     * 3 * 360/22 + 5 * 17 * 360/1584 = 49.0909 + 19.3182 = 68.4091 deg. */
    struct interf_elements el;
    interf_walker_elements(INTERF_WALKER_DELTA, 6928.145, 53 * DEG, 1584, 72, 17, 10 * DEG, 5, 3,
                           &el);
    cr_assert(epsilon_eq(dbl, el.lan_rad / DEG, 35.0, 1e-12));
    cr_assert(epsilon_eq(dbl, el.m0_rad / DEG, 3 * 360.0 / 22 + 5 * 17 * 360.0 / 1584, 1e-12));
    cr_assert(epsilon_eq(dbl, el.e, 0.0, 0.0));
    /* OneWeb-like star 87.9:588/12/1: plane 11 node 11 * 15 = 165 deg */
    interf_walker_elements(INTERF_WALKER_STAR, 7578.145, 87.9 * DEG, 588, 12, 1, 0, 11, 48, &el);
    cr_assert(epsilon_eq(dbl, el.lan_rad / DEG, 165.0, 1e-12));
    cr_assert(epsilon_eq(dbl, el.m0_rad / DEG, 48 * 360.0 / 49 + 11 * 360.0 / 588, 1e-12));
}

Test(orbit, circular_position_at_the_epoch)
{
    /* At t = 0 inertial and Earth-fixed axes coincide (theta_G = 0). A satellite at u = 90 deg
     * of a node at longitude 0 with inclination i is at (0, a cos i, a sin i). */
    struct interf_elements el = {7000, 0, 53 * DEG, 0, 0, 90 * DEG};
    struct interf_constellation *c = one_sat(&el, NULL);
    double r[3];
    pos(c, 0, INTERF_FRAME_ECEF, r, NULL);
    cr_assert(epsilon_eq(dbl, r[0], 0.0, 1e-9));
    cr_assert(epsilon_eq(dbl, r[1], 7000 * cos(53 * DEG), 1e-9));
    cr_assert(epsilon_eq(dbl, r[2], 7000 * sin(53 * DEG), 1e-9));
    interf_constellation_destroy(c);
}

Test(orbit, elliptical_perigee_and_apogee_radii)
{
    /* Conic geometry: R = a(1 - e) at M = 0 and a(1 + e) at M = 180 deg; with omega = 270 deg
     * (S.1503 requires +-90 for e >= 0.01) perigee is at the southern latitude extreme. QZS-like:
     * a = 42164 km, e = 0.075, i = 41 deg. */
    struct interf_elements el = {42164, 0.075, 41 * DEG, 0, 270 * DEG, 0};
    struct interf_orbit_options kep = {INTERF_ORBIT_KEPLER, 0, 0};
    struct interf_constellation *c = one_sat(&el, &kep);
    struct interf_orbit_rates r;
    interf_constellation_satellite(c, 0, NULL, &r);
    double p0[3], p1[3];
    pos(c, 0, INTERF_FRAME_INERTIAL, p0, NULL);
    pos(c, r.t0_s / 2, INTERF_FRAME_INERTIAL, p1, NULL);
    cr_assert(epsilon_eq(dbl, hypot(p0[0], hypot(p0[1], p0[2])), 42164 * 0.925, 1e-8));
    cr_assert(epsilon_eq(dbl, hypot(p1[0], hypot(p1[1], p1[2])), 42164 * 1.075, 1e-8));
    cr_assert(epsilon_eq(dbl, asin(p0[2] / (42164 * 0.925)) / DEG, -41.0, 1e-9));
    interf_constellation_destroy(c);
}

static void check_velocity(const struct interf_elements *el, enum interf_frame f)
{
    /* The velocity is the exact derivative of the model's position: compare with a central
     * difference (h = 0.01 s; truncation error ~ h^2 |r'''| / 6 < 1e-8 km/s). */
    struct interf_orbit_options opt = {INTERF_ORBIT_J2, 0, 0.5 * DEG};
    struct interf_constellation *c = one_sat(el, &opt);
    for (double t = 0; t < 20000; t += 1234.5) {
        double r[3], v[3], a[3], b[3], h = 0.01;
        pos_run(c, t, 5000.0, f, r, v);
        pos_run(c, t - h, 5000.0, f, a, NULL);
        pos_run(c, t + h, 5000.0, f, b, NULL);
        for (int k = 0; k < 3; k++)
            cr_assert(epsilon_eq(dbl, v[k], (b[k] - a[k]) / (2 * h), 2e-7),
                      "t %g axis %d: %.9f vs %.9f", t, k, v[k], (b[k] - a[k]) / (2 * h));
    }
    interf_constellation_destroy(c);
}

Test(orbit, velocity_is_the_derivative_of_position)
{
    struct interf_elements circ = {6928.145, 0, 53 * DEG, 20 * DEG, 0, 33 * DEG};
    struct interf_elements ell = {26560, 0.3, 63.4 * DEG, 50 * DEG, 270 * DEG, 10 * DEG};
    check_velocity(&circ, INTERF_FRAME_ECEF);
    check_velocity(&circ, INTERF_FRAME_INERTIAL);
    check_velocity(&ell, INTERF_FRAME_ECEF);
    check_velocity(&ell, INTERF_FRAME_INERTIAL);
}

Test(orbit, ecef_is_inertial_rotated_by_theta_g)
{
    /* S.1503-4 §D6.3.3: x_ECF = x cos th + y sin th, y_ECF = -x sin th + y cos th, th = we t. */
    struct interf_elements el = {7578.145, 0, 87.9 * DEG, 40 * DEG, 0, 10 * DEG};
    struct interf_constellation *c = one_sat(&el, NULL);
    double t = 12345.6, ri[3], re[3], th = INTERF_OMEGA_E_RAD_S * t;
    pos(c, t, INTERF_FRAME_INERTIAL, ri, NULL);
    pos(c, t, INTERF_FRAME_ECEF, re, NULL);
    cr_assert(epsilon_eq(dbl, re[0], ri[0] * cos(th) + ri[1] * sin(th), 1e-8));
    cr_assert(epsilon_eq(dbl, re[1], -ri[0] * sin(th) + ri[1] * cos(th), 1e-8));
    cr_assert(epsilon_eq(dbl, re[2], ri[2], 1e-9));
    interf_constellation_destroy(c);
}

Test(orbit, station_keeping_offsets_the_node_across_the_run)
{
    /* S.1503-4 §D6.3.6 case 2: Omega = Omega0 + Omega_dot t + W_delta (2t/T_run - 1). At t = 0
     * the orbit is rotated about Z by -W_delta against the same orbit without station keeping,
     * at t = T_run by +W_delta. */
    struct interf_elements el = {6928.145, 0, 53 * DEG, 0, 0, 0};
    struct interf_orbit_options sk = {INTERF_ORBIT_J2, 0, 2 * DEG};
    struct interf_constellation *a = one_sat(&el, NULL), *b = one_sat(&el, &sk);
    const double ts[2] = {0, 6000}, want[2] = {-2, 2};
    for (int k = 0; k < 2; k++) {
        double ra[3], rb[3];
        pos(a, ts[k], INTERF_FRAME_INERTIAL, ra, NULL);
        pos_run(b, ts[k], 6000, INTERF_FRAME_INERTIAL, rb, NULL);
        double d = remainder(atan2(rb[1], rb[0]) - atan2(ra[1], ra[0]), 2 * INTERF_PI) / DEG;
        cr_assert(epsilon_eq(dbl, d, want[k], 1e-9), "t %g: %.9f", ts[k], d);
        cr_assert(epsilon_eq(dbl, rb[2], ra[2], 1e-9));
    }
    interf_constellation_destroy(a);
    interf_constellation_destroy(b);
}

Test(orbit, admin_precession_replaces_j2)
{
    /* S.1503-4 §D6.3.6 case 3: omega = omega0, M = M0 + n0 t, the node at the administration's
     * rate. */
    struct interf_elements el = {7000, 0, 45 * DEG, 0, 0, 0};
    struct interf_orbit_options adm = {INTERF_ORBIT_ADMIN, 1.5 * DEG / DAY, 0};
    struct interf_orbit_rates r;
    interf_orbit_rates(&el, &adm, &r);
    cr_assert(epsilon_eq(dbl, r.n_bar_rad_s, sqrt(INTERF_MU_KM3_S2 / (7000.0 * 7000 * 7000)),
                         1e-18));
    cr_assert(epsilon_eq(dbl, deg_day(r.raan_dot_rad_s), 1.5, 1e-12));
    cr_assert(epsilon_eq(dbl, r.argp_dot_rad_s, 0.0, 0.0));
}

Test(orbit, batch_matches_single_satellites)
{
    /* The plane cache must not change results: a Walker constellation propagated as a batch
     * equals each satellite propagated alone, bit for bit. */
    struct interf_constellation *c;
    cr_assert(eq(int, interf_constellation_create(60, &c, NULL), INTERF_OK));
    for (int p = 0; p < 6; p++)
        for (int j = 0; j < 10; j++) {
            struct interf_elements el;
            interf_walker_elements(INTERF_WALKER_DELTA, 7000, 60 * DEG, 60, 6, 2, 0, p, j, &el);
            interf_constellation_add(c, &el, NULL, p, NULL, NULL);
        }
    double x[60], y[60], z[60];
    struct interf_ephem all = {x, y, z, NULL, NULL, NULL};
    interf_constellation_propagate(c, 0, 60, 777.7, NULL, INTERF_FRAME_ECEF, &all);
    for (size_t k = 0; k < 60; k++) {
        double a, b, d;
        struct interf_ephem one = {&a, &b, &d, NULL, NULL, NULL};
        interf_constellation_propagate(c, k, 1, 777.7, NULL, INTERF_FRAME_ECEF, &one);
        cr_assert(a == x[k] && b == y[k] && d == z[k], "satellite %zu", k);
        cr_assert(eq(int, interf_constellation_plane(c, k), (int)k / 10));
    }
    interf_constellation_destroy(c);
}

Test(orbit, stepped_positions_follow_the_direct_model_whatever_the_slice)
{
    /* interf_constellation_propagate_steps turns the node and the argument of latitude by one
     * step's angles from exact values at every INTERF_STEP_ANCHOR-th step: (cos, sin) of a + d
     * = (cos a cos d - sin a sin d, sin a cos d + cos a sin d). Each turn adds about one
     * rounding (2^-53 relative) to the unit vectors, so after at most 63 turns a position at
     * r ~ 7000 km is within 63 * 7000 * 2^-53 * (a few) ~ 1e-10 km of the direct evaluation
     * at the same time: asserted at 1e-9 km, with station keeping and J2 rates in Earth-fixed
     * axes. A position depends on its step alone: slices from other first steps give the same
     * bits. An elliptical orbit is evaluated directly: the same bits as
     * interf_constellation_propagate. */
    struct interf_elements circ = {6928.145, 0, 53 * DEG, 10 * DEG, 0, 40 * DEG};
    struct interf_elements ell = {26600, 0.74, 63.4 * DEG, 20 * DEG, 270 * DEG, 5 * DEG};
    struct interf_orbit_options sk = {INTERF_ORBIT_J2, 0, 2 * DEG};
    struct interf_constellation *c;
    cr_assert(eq(int, interf_constellation_create(2, &c, NULL), INTERF_OK));
    cr_assert(eq(int, interf_constellation_add(c, &circ, &sk, 0, NULL, NULL), INTERF_OK));
    cr_assert(eq(int, interf_constellation_add(c, &ell, NULL, 1, NULL, NULL), INTERF_OK));
    struct interf_orbit_run run = {30, 86400};
    enum { N = 200 };
    const double t0 = 30, dt = 7.5;
    for (size_t sat = 0; sat < 2; sat++) {
        double x[N], y[N], z[N], xs[N], ys[N], zs[N];
        interf_constellation_propagate_steps(c, sat, &run, t0, dt, 0, N, x, y, z);
        for (long k = 0; k < N; k++) {
            double r[3];
            struct interf_ephem e = {&r[0], &r[1], &r[2], NULL, NULL, NULL};
            interf_constellation_propagate(c, sat, 1, t0 + (double)k * dt, &run,
                                           INTERF_FRAME_ECEF, &e);
            double d = hypot(hypot(x[k] - r[0], y[k] - r[1]), z[k] - r[2]);
            cr_assert(le(dbl, d, sat == 0 ? 1e-9 : 0.0), "satellite %zu step %ld: %.3g km",
                      sat, k, d);
        }
        const long k0 = 37, n = 101; /* from inside one anchor's steps to inside another's */
        interf_constellation_propagate_steps(c, sat, &run, t0, dt, k0, n, xs, ys, zs);
        for (long k = 0; k < n; k++)
            cr_assert(xs[k] == x[k0 + k] && ys[k] == y[k0 + k] && zs[k] == z[k0 + k],
                      "satellite %zu step %ld", sat, k0 + k);
    }
    interf_constellation_destroy(c);
}

Test(orbit, full_constellation_is_an_error)
{
    struct interf_elements el = {7000, 0, 0, 0, 0, 0};
    struct interf_constellation *c = one_sat(&el, NULL);
    struct interf_error err;
    cr_assert(eq(int, interf_constellation_add(c, &el, NULL, 0, NULL, &err), INTERF_EINVAL));
    cr_assert(eq(int, (int)interf_constellation_count(c), 1));
    interf_constellation_destroy(c);
}
