/* SPDX-License-Identifier: MIT */
/* Benchmark: batch propagation of 10 000 satellites for one time step (the hot path of every
 * EPFD run), against a baseline written straight from the text of Rec. ITU-R S.1503-4 §D6.3
 * (rates, Kepler's equation and the full rotation matrix per satellite, per step). Reports ns per
 * satellite and satellites per second (median of 15 repetitions), and the speed-up. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench_util.h"
#include "interf.h"

#define NSAT 10000
#define NREP 15
#define NSTEP 20

/* Baseline: per satellite, S.1503-4 §D6.3 as printed (eqs. 20-22, Kepler, R matrix, theta_G). */
static void baseline(const struct interf_elements *el, size_t n, double t, double *x, double *y,
                     double *z)
{
    for (size_t k = 0; k < n; k++) {
        struct interf_orbit_rates r;
        interf_orbit_rates(&el[k], NULL, &r);
        double e = el[k].e, a = el[k].a_km;
        double om = el[k].argp_rad + r.argp_dot_rad_s * t;
        double node = el[k].lan_rad + r.raan_dot_rad_s * t;
        double E = interf_kepler_solve(el[k].m0_rad + r.n_bar_rad_s * t, e);
        double nu = interf_true_from_eccentric(E, e);
        double rr = a * (1 - e * e) / (1 + e * cos(nu));
        double pp = rr * cos(nu), qq = rr * sin(nu);
        double cO = cos(node), sO = sin(node), cw = cos(om), sw = sin(om);
        double ci = cos(el[k].i_rad), si = sin(el[k].i_rad);
        double xi = (cO * cw - sO * sw * ci) * pp + (-cO * sw - sO * cw * ci) * qq;
        double yi = (sO * cw + cO * sw * ci) * pp + (-sO * sw + cO * cw * ci) * qq;
        double zi = sw * si * pp + cw * si * qq;
        double th = INTERF_OMEGA_E_RAD_S * t;
        x[k] = xi * cos(th) + yi * sin(th);
        y[k] = -xi * sin(th) + yi * cos(th);
        z[k] = zi;
    }
}

static double run(int which, const struct interf_constellation *c,
                  const struct interf_elements *el, const struct interf_ephem *eph)
{
    double tm[NREP];
    volatile double sink = 0;
    for (int rep = 0; rep < NREP; rep++) {
        double t0 = bench_wall_s();
        for (int s = 0; s < NSTEP; s++) {
            double t = 1000.0 + 10.0 * s + rep;
            if (which)
                interf_constellation_propagate(c, 0, NSAT, t, NULL, INTERF_FRAME_ECEF, eph);
            else
                baseline(el, NSAT, t, eph->x_km, eph->y_km, eph->z_km);
            sink += eph->x_km[s];
        }
        tm[rep] = (bench_wall_s() - t0) / NSTEP / NSAT * 1e9;
    }
    (void)sink;
    return bench_median(tm, NREP);
}

int main(void)
{
    struct interf_constellation *c;
    struct interf_elements *el = malloc(NSAT * sizeof *el);
    double *buf = malloc(6 * NSAT * sizeof(double));
    if (!el || !buf || interf_constellation_create(NSAT, &c, NULL) != INTERF_OK)
        return 2;
    /* 10 000 satellites: a 100 x 100 Walker delta at 550 km, 53 deg (circular, the common case) */
    for (int p = 0; p < 100; p++)
        for (int j = 0; j < 100; j++) {
            struct interf_elements *e = &el[p * 100 + j];
            interf_walker_elements(INTERF_WALKER_DELTA, INTERF_RE_KM + 550, 53 * INTERF_DEG,
                                   NSAT, 100, 1, 0, p, j, e);
            interf_constellation_add(c, e, NULL, p, NULL, NULL);
        }
    struct interf_ephem pos = {buf, buf + NSAT, buf + 2 * NSAT, NULL, NULL, NULL};
    struct interf_ephem posvel = {buf, buf + NSAT, buf + 2 * NSAT,
                                  buf + 3 * NSAT, buf + 4 * NSAT, buf + 5 * NSAT};
    double base = run(0, c, el, &pos);
    double fast = run(1, c, el, &pos);
    double fastv = run(1, c, el, &posvel);
    printf("orbit propagation, %d satellites (Walker delta 550 km 53 deg), one core:\n", NSAT);
    printf("  baseline (S.1503-4 §D6.3 as printed)  %7.1f ns/sat  %7.1f M sat/s\n", base,
           1e3 / base);
    printf("  batch, positions                       %7.1f ns/sat  %7.1f M sat/s  x%.2f\n", fast,
           1e3 / fast, base / fast);
    printf("  batch, positions and velocities        %7.1f ns/sat  %7.1f M sat/s  x%.2f\n", fastv,
           1e3 / fastv, base / fastv);
    printf("  target: <= 50 ns/sat (>= 20 M sat/s)\n");
    interf_constellation_destroy(c);
    free(el);
    free(buf);
    return 0;
}
