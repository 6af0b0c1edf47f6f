/* SPDX-License-Identifier: MIT */
/* gateway-nrho: writes footprints/gateway.oem, an illustrative ephemeris of a lunar Gateway-like
 * spacecraft on the 9:2 synodic-resonant L2 southern near-rectilinear halo orbit (NRHO): the
 * circular restricted three-body problem (CR3BP) integrated from a published periodic state,
 * then placed about the Moon with the Earth-Moon geometry of ERFA's lunar ephemeris.
 *
 *   gateway-nrho OUTPUT.oem        write the message
 *   gateway-nrho --check FILE.oem  check the integrator's period closure and that FILE is what
 *                                  this program writes, interpolated to better than 1 m */
#include "interf/orbit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* CR3BP Earth-Moon mass ratio and the 9:2 L2 southern NRHO state (barycentric rotating frame,
 * nondimensional: x, z, y-velocity and period) */
#define MU 0.012150585609624
static const double IC[6] = {1.021881345465263, 0.0, -0.182, 0.0, -0.102950816739606, 0.0};
#define PERIOD_TU 1.509263667286943
/* units: L* the mean Earth-Moon distance, T* = sqrt(L*^3 / (GM_Earth + GM_Moon)) */
#define LSTAR_KM 384400.0
#define GM_SUM_KM3_S2 (398600.4418 + 4902.800066) /* EGM96; JPL DE441 header for the Moon */

/* the message: epoch (UTC), span, spacing, interpolation */
#define EPOCH_UTC "2027-01-01T00:00:00Z"
#define SPAN_S (14.0 * 86400.0)
#define STEP_S 300.0
#define SUBSTEPS 300 /* RK4 steps per data line: 1 s */
#define DEGREE 9

static double tstar_s(void) { return sqrt(LSTAR_KM * LSTAR_KM * LSTAR_KM / GM_SUM_KM3_S2); }

/* CR3BP equations of motion in the rotating frame (Szebehely 1967, ch. 1). */
static void cr3bp(const double s[6], double d[6])
{
    double x = s[0], y = s[1], z = s[2];
    double r1 = sqrt((x + MU) * (x + MU) + y * y + z * z);
    double r2 = sqrt((x - 1 + MU) * (x - 1 + MU) + y * y + z * z);
    double a = (1 - MU) / (r1 * r1 * r1), b = MU / (r2 * r2 * r2);
    d[0] = s[3];
    d[1] = s[4];
    d[2] = s[5];
    d[3] = 2 * s[4] + x - a * (x + MU) - b * (x - 1 + MU);
    d[4] = -2 * s[3] + y - a * y - b * y;
    d[5] = -a * z - b * z;
}

/* One classical fourth-order Runge-Kutta step of h (nondimensional time). */
static void rk4(double s[6], double h)
{
    double k1[6], k2[6], k3[6], k4[6], t[6];
    cr3bp(s, k1);
    for (int i = 0; i < 6; i++)
        t[i] = s[i] + 0.5 * h * k1[i];
    cr3bp(t, k2);
    for (int i = 0; i < 6; i++)
        t[i] = s[i] + 0.5 * h * k2[i];
    cr3bp(t, k3);
    for (int i = 0; i < 6; i++)
        t[i] = s[i] + h * k3[i];
    cr3bp(t, k4);
    for (int i = 0; i < 6; i++)
        s[i] += h / 6.0 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
}

/* Integrate n steps of h from s. */
static void integrate(double s[6], double h, long n)
{
    for (long k = 0; k < n; k++)
        rk4(s, h);
}

/* The synodic frame of the real Earth-Moon geometry at TT: axes x (Earth to Moon), z (the
 * Moon's orbital angular momentum), y = z x x as the columns of c, and the distance. */
static void synodic_axes(const struct interf_jd *tt, double c[3][3], double *dist_km)
{
    double r[3], v[3], h[3];
    interf_moon_gcrf(tt, r, v);
    h[0] = r[1] * v[2] - r[2] * v[1];
    h[1] = r[2] * v[0] - r[0] * v[2];
    h[2] = r[0] * v[1] - r[1] * v[0];
    double nr = sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
    double nh = sqrt(h[0] * h[0] + h[1] * h[1] + h[2] * h[2]);
    double x[3] = {r[0] / nr, r[1] / nr, r[2] / nr}, z[3] = {h[0] / nh, h[1] / nh, h[2] / nh};
    double y[3] = {z[1] * x[2] - z[2] * x[1], z[2] * x[0] - z[0] * x[2],
                   z[0] * x[1] - z[1] * x[0]};
    for (int i = 0; i < 3; i++) {
        c[i][0] = x[i];
        c[i][1] = y[i];
        c[i][2] = z[i];
    }
    *dist_km = nr;
}

/* The CR3BP state s (nondimensional, barycentric rotating) at UTC instant t placed about the
 * Moon in EME2000: position L C (rho - rho_moon), velocity its time derivative
 * dL/dt C rho_m + L dC/dt rho_m + L C rho_m' / T*, where C and L are the synodic axes and the
 * Earth-Moon distance of the lunar ephemeris (their rates by central differences over
 * +-60 s, exact to 1e-8 of the rate for this smooth series). */
static int place(const struct interf_jd *utc, const double s[6], double r[3], double v[3])
{
    struct interf_time t;
    struct interf_error err = {INTERF_OK, ""};
    if (interf_time_from_utc(utc, 0.0, &t, &err) != INTERF_OK) {
        fprintf(stderr, "gateway-nrho: %s\n", err.msg);
        return -1;
    }
    const double dt = 60.0;
    struct interf_jd tp = {t.tt.d1, t.tt.d2 + dt / 86400.0};
    struct interf_jd tm = {t.tt.d1, t.tt.d2 - dt / 86400.0};
    double c[3][3], cp[3][3], cm[3][3], l, lp, lm;
    synodic_axes(&t.tt, c, &l);
    synodic_axes(&tp, cp, &lp);
    synodic_axes(&tm, cm, &lm);
    double rho[3] = {s[0] - (1 - MU), s[1], s[2]}, rhodot[3] = {s[3], s[4], s[5]};
    double ldot = (lp - lm) / (2 * dt), ts = tstar_s(), g[3], gv[3];
    for (int i = 0; i < 3; i++) {
        g[i] = gv[i] = 0.0;
        for (int j = 0; j < 3; j++) {
            double cdot = (cp[i][j] - cm[i][j]) / (2 * dt);
            g[i] += l * c[i][j] * rho[j];
            gv[i] += ldot * c[i][j] * rho[j] + l * cdot * rho[j] + l * c[i][j] * rhodot[j] / ts;
        }
    }
    interf_gcrf_to_eme2000(g, gv, r, v);
    return 0;
}

static int epoch(struct interf_jd *utc)
{
    double unix_s;
    struct interf_error err = {INTERF_OK, ""};
    if (interf_time_parse_utc(EPOCH_UTC, &unix_s, &err) != INTERF_OK) {
        fprintf(stderr, "gateway-nrho: %s\n", err.msg);
        return -1;
    }
    interf_jd_from_unix(unix_s, utc);
    return 0;
}

/* The instant i half-steps after the epoch (the epoch's TAI - UTC holds over the span). */
static void instant(const struct interf_jd *t0, long half_steps, struct interf_jd *utc)
{
    utc->d1 = t0->d1;
    utc->d2 = t0->d2 + half_steps * (STEP_S / 2) / 86400.0;
}

static void write_header(FILE *out, const struct interf_jd *t0, const struct interf_jd *t1)
{
    char a[48], b[48];
    interf_jd_format_utc(t0, 3, a, sizeof a);
    interf_jd_format_utc(t1, 3, b, sizeof b);
    fprintf(out, "CCSDS_OEM_VERS = 2.0\n");
    fprintf(out,
            "COMMENT ILLUSTRATIVE ephemeris of a lunar Gateway-like spacecraft: NOT an\n"
            "COMMENT operational or published Gateway trajectory. Written by\n"
            "COMMENT footprints/gen/gateway_nrho.c of interf (run it again to reproduce it).\n"
            "COMMENT Orbit: the 9:2 synodic-resonant L2 southern near-rectilinear halo orbit\n"
            "COMMENT of the circular restricted three-body problem, mu = %.15f, from the\n"
            "COMMENT periodic state x = %.15f, z = %.3f, ydot = %.15f (others 0;\n"
            "COMMENT nondimensional, barycentric rotating frame), period %.15f: a\n"
            "COMMENT published CR3BP state of this orbit (one source only), which closes to\n"
            "COMMENT about 1e-8 of the Earth-Moon distance after a period.\n"
            "COMMENT Integrated by classical RK4, %d steps per data line.\n",
            MU, IC[0], IC[2], IC[4], PERIOD_TU, SUBSTEPS);
    fprintf(out,
            "COMMENT Placed about the Moon at each time: the rotating axes are the real\n"
            "COMMENT Earth-Moon line and the Moon's orbit normal, lengths are scaled by the\n"
            "COMMENT real Earth-Moon distance, both from ERFA's lunar ephemeris eraMoon98\n"
            "COMMENT (6 km RMS); time is scaled by T* = sqrt(L*^3 / GM), L* = %.1f km,\n"
            "COMMENT GM = %.6f km3/s2 (period %.3f d). The Sun and the Moon's eccentric\n"
            "COMMENT orbit are not in the dynamics: the shape (perilune ~3200 km from the\n"
            "COMMENT Moon's centre, apolune ~71000 km) is right, the phase and the detail\n"
            "COMMENT are not. Velocities are the derivative of the positions.\n"
            "COMMENT UTC labels assume TAI - UTC = 37 s over the span.\n",
            LSTAR_KM, GM_SUM_KM3_S2, PERIOD_TU * tstar_s() / 86400.0);
    fprintf(out,
            "CREATION_DATE = %.23s\n"
            "ORIGINATOR = INTERF\n\n"
            "META_START\n"
            "COMMENT EME2000, the frame lunar-mission ephemerides are usually exchanged in;\n"
            "COMMENT the lunar ephemeris gives GCRF, turned into EME2000 by the IAU 2006\n"
            "COMMENT frame bias.\n"
            "OBJECT_NAME = GATEWAY\n"
            "OBJECT_ID = ILLUSTRATIVE\n"
            "CENTER_NAME = MOON\n"
            "REF_FRAME = EME2000\n"
            "TIME_SYSTEM = UTC\n"
            "START_TIME = %.23s\n"
            "STOP_TIME = %.23s\n"
            "INTERPOLATION = LAGRANGE\n"
            "INTERPOLATION_DEGREE = %d\n"
            "META_STOP\n\n",
            a, a, b, DEGREE);
}

/* The whole message: one data line every STEP_S over SPAN_S. */
static int write_message(FILE *out)
{
    struct interf_jd t0, t1, t;
    if (epoch(&t0) != 0)
        return -1;
    long lines = (long)(SPAN_S / STEP_S) + 1;
    instant(&t0, 2 * (lines - 1), &t1);
    write_header(out, &t0, &t1);
    double s[6], h = STEP_S / tstar_s() / SUBSTEPS, r[3], v[3];
    memcpy(s, IC, sizeof s);
    for (long k = 0; k < lines; k++) {
        char when[48];
        instant(&t0, 2 * k, &t);
        if (place(&t, s, r, v) != 0)
            return -1;
        fprintf(out, "%.23s %.6f %.6f %.6f %.9f %.9f %.9f\n",
                interf_jd_format_utc(&t, 3, when, sizeof when), r[0], r[1], r[2], v[0], v[1],
                v[2]);
        integrate(s, h, SUBSTEPS);
    }
    return ferror(out) ? -1 : 0;
}

/* Closure of the periodic orbit after one period, in nondimensional position and velocity. */
static void closure(long steps, double *dr, double *dv)
{
    double s[6];
    memcpy(s, IC, sizeof s);
    integrate(s, PERIOD_TU / steps, steps);
    *dr = sqrt(pow(s[0] - IC[0], 2) + pow(s[1] - IC[1], 2) + pow(s[2] - IC[2], 2));
    *dv = sqrt(pow(s[3] - IC[3], 2) + pow(s[4] - IC[4], 2) + pow(s[5] - IC[5], 2));
}

/* --check: the integrator closes the orbit; the file holds what write_message writes (to the
 * 1 mm it prints) and its interpolation meets the integrator at every midpoint within 1 m. */
static int check(const char *path)
{
    double ts = tstar_s(), dr, dv, dr2, dv2;
    long per_period = (long)floor(PERIOD_TU * ts / (STEP_S / SUBSTEPS));
    closure(per_period, &dr, &dv);
    closure(2 * per_period, &dr2, &dv2);
    printf("closure after one period (%ld RK4 steps): %.3g LU = %.3f km, %.3g VU\n", per_period,
           dr, dr * LSTAR_KM, dv);
    printf("with half the step: %.3g LU (the integrator's own share is below the difference)\n",
           dr2);
    int bad = dr * LSTAR_KM > 0.05 || fabs(dr - dr2) * LSTAR_KM > 0.001;

    struct interf_oem *oem = NULL;
    struct interf_error err = {INTERF_OK, ""};
    if (interf_oem_load(path, &oem, &err) != INTERF_OK) {
        fprintf(stderr, "gateway-nrho: %s\n", err.msg);
        return 1;
    }
    struct interf_jd t0, t;
    if (epoch(&t0) != 0)
        return 1;
    double s[6], h = STEP_S / ts / SUBSTEPS, node = 0, mid = 0;
    memcpy(s, IC, sizeof s);
    long lines = (long)(SPAN_S / STEP_S) + 1;
    for (long k = 0; k < 2 * lines - 1; k++) {
        double r[3], v[3], ri[3], vi[3];
        instant(&t0, k, &t);
        if (place(&t, s, r, v) != 0 ||
            interf_oem_interpolate(oem, "GATEWAY", &t, ri, vi, &err) != INTERF_OK) {
            fprintf(stderr, "gateway-nrho: %s\n", err.msg);
            interf_oem_destroy(oem);
            return 1;
        }
        double d = sqrt(pow(r[0] - ri[0], 2) + pow(r[1] - ri[1], 2) + pow(r[2] - ri[2], 2));
        if (k % 2 == 0)
            node = fmax(node, d);
        else
            mid = fmax(mid, d);
        integrate(s, h, SUBSTEPS / 2);
    }
    interf_oem_destroy(oem);
    printf("file vs generator at the data lines: %.3g m; Lagrange %d at midpoints: %.3g m\n",
           node * 1000, DEGREE, mid * 1000);
    bad |= node > 1e-6 * 1.5 || mid > 1e-3;
    printf("%s\n", bad ? "FAIL" : "ok");
    return bad;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--check") == 0)
        return check(argv[2]);
    if (argc != 2 || argv[1][0] == '-') {
        fprintf(stderr, "usage: gateway-nrho OUTPUT.oem | gateway-nrho --check FILE.oem\n");
        return 2;
    }
    FILE *out = fopen(argv[1], "w");
    if (!out) {
        perror(argv[1]);
        return 1;
    }
    int bad = write_message(out);
    if (fclose(out) != 0 || bad) {
        fprintf(stderr, "gateway-nrho: %s: write failed\n", argv[1]);
        return 1;
    }
    return 0;
}
