/* SPDX-License-Identifier: MIT */
/* The lookup tables of the antenna layer against the direct functions: the error budget
 * over a dense sweep, 0.01 dB in the main lobe and 0.05 dB elsewhere, excluding only +-0.01 deg
 * around the pattern's steps and +-0.05 deg around true nulls. The steps and nulls are listed
 * here from the Recommendations (not taken from the library), the main-lobe ends too. The table
 * is evaluated in fp32 at s = sin(phi/2) rounded to float, and compared with the direct gain at
 * the angle that float s stands for. Sizes, build times and the largest errors are printed on
 * standard error, one line per table. */
#include "test_antenna_util.h"

#include <stdio.h>
#include <stdlib.h>

#define MAXX 4096

/* One check: a set, the azimuths to sweep, the steps and nulls (deg) to stay clear of, and the
 * main-lobe end (deg) or, for steered arrays, a level below the peak. */
struct sweep {
    const char *name;
    double steps[16];
    int nsteps;
    double *nulls; /* may be NULL */
    int nnulls;
    double main_deg;
    double main_level_db; /* 0: use main_deg */
    double step_deg;      /* sweep step */
    int (*near_null)(const struct interf_antenna *a, double phi, double az);
};

struct result {
    double max_main, max_side;
    long points, main_points;
};

static int near_list(const double *x, int n, double v, double tol)
{
    for (int i = 0; i < n; i++)
        if (fabs(v - x[i]) <= tol)
            return 1;
    return 0;
}

static void sweep_az(const struct interf_antenna *a, const struct interf_lut *t,
                     const struct sweep *w, double az, const double *az_steps, int naz_steps,
                     struct result *r)
{
    for (double phi0 = 0.0; phi0 <= 180.0; phi0 += w->step_deg) {
        float s = (float)sin(0.5 * phi0 * INTERF_DEG);
        double phi = 2.0 * asin((double)s) / INTERF_DEG;
        if (near_list(w->steps, w->nsteps, phi, 0.01) ||
            (w->nulls && near_list(w->nulls, w->nnulls, phi, 0.05)) ||
            (w->near_null && w->near_null(a, phi, az)))
            continue;
        /* an azimuth step: stay 0.01 deg (of arc) clear of it */
        int skip = 0;
        for (int k = 0; k < naz_steps; k++)
            skip |= fabs(az - az_steps[k]) * sin(phi * INTERF_DEG) <= 0.01;
        if (skip)
            continue;
        double g = interf_antenna_gain2_dbi(a, phi, az);
        if (g < -200.0)
            continue; /* on a true null itself (an end-fire zero touches y = 1 without a sign
                         change, so the ring test cannot see it) */
        double l = interf_lut_gain2_lin(t, s, (float)az);
        double e = fabs(10.0 * log10(l) - g);
        int main = w->main_level_db > 0.0 ? g >= a->gain_max_dbi - w->main_level_db
                                          : phi <= w->main_deg;
        if (main) {
            r->max_main = fmax(r->max_main, e);
            r->main_points++;
        }
        else
            r->max_side = fmax(r->max_side, e);
        cr_assert(e <= (main ? 0.01 : 0.05), "%s: phi %.6f az %g: table %.6f direct %.6f (%s)",
                  w->name, phi, az, 10.0 * log10(l), g, main ? "main lobe" : "side lobes");
        r->points++;
    }
}

static void run(const struct interf_antenna *a, const struct sweep *w, const double *az,
                int naz, const double *az_steps, int naz_steps)
{
    struct interf_lut *t = NULL;
    struct interf_error err = {INTERF_OK, ""};
    cr_assert(eq(int, interf_lut_build(a, &t, &err), INTERF_OK), "%s: %s", w->name, err.msg);
    struct result r = {0, 0, 0, 0};
    double zero = 0.0;
    if (naz == 0) {
        az = &zero;
        naz = 1;
    }
    for (int i = 0; i < naz; i++)
        sweep_az(a, t, w, az[i], az_steps, naz_steps, &r);
    cr_assert(r.points > 1000, "%s: only %ld points compared", w->name, r.points);
    cr_assert(r.main_points > 20, "%s: only %ld main-lobe points", w->name, r.main_points);
    /* the report's numbers (stderr: cr_log_info allocates what LeakSanitizer then reports) */
    fprintf(stderr, "lut: %-34s %8zu bytes %7.2f ms  max err main %.4f side %.4f dB (%ld points)\n",
            w->name, interf_lut_bytes(t), 1e3 * t->build_s, r.max_main, r.max_side, r.points);
    interf_lut_destroy(t);
}

/* ------------------------------------------------------------------------------ 1-D tables */

Test(antenna_lut, s1428_both_regimes)
{
    /* S.1428-1: steps at 33.1 and 80 (D/lambda 23.4); at phi_r (0.0007 dB), 34.1, 80, 120
     * (D/lambda 117); main lobe to phi_m = (20 lambda/D) sqrt(Gmax - G1) */
    struct interf_antenna a = ta_make("S.1428", "diameter_m", 0.6, "frequency_ghz", 11.7, NULL);
    double dl = 0.6 / (INTERF_C_M_S / 11.7e9), gm = 20 * log10(dl) + 7.7;
    struct sweep w = {"S.1428 0.6 m 11.7 GHz", {33.1, 80.0}, 2, NULL, 0,
                      20 / dl * sqrt(gm - (29 - 25 * log10(95 / dl))), 0, 0.0005, NULL};
    run(&a, &w, NULL, 0, NULL, 0);
    struct interf_antenna b = ta_make("S.1428", "diameter_m", 3.0, "frequency_ghz", 11.7, NULL);
    dl = 3.0 / (INTERF_C_M_S / 11.7e9);
    gm = 20 * log10(dl) + 8.4;
    struct sweep w2 = {"S.1428 3 m 11.7 GHz", {15.85 * pow(dl, -0.6), 34.1, 80, 120}, 4, NULL,
                       0, 20 / dl * sqrt(gm - (-1 + 15 * log10(dl))), 0, 0.0005, NULL};
    run(&b, &w2, NULL, 0, NULL, 0);
}

Test(antenna_lut, satellite_patterns)
{
    /* S.1528 rec. 1.2 (z = 1): steps at a psi_b = 2.58 psi_b and 90; main lobe to a psi_b */
    struct interf_antenna a =
        ta_make("S.1528:1.2", "gain_max_dbi", 39.0, "half_beamwidth_deg", 1.0, NULL);
    struct sweep w = {"S.1528:1.2 39 dBi 1 deg", {2.58, 90}, 2, NULL, 0, 2.58, 0, 0.0005, NULL};
    run(&a, &w, NULL, 0, NULL, 0);
    /* rec. 1.3: continuous; main lobe to Y = 1.5 psi_b */
    struct interf_antenna b =
        ta_make("S.1528:1.3", "gain_max_dbi", 35.0, "half_beamwidth_deg", 0.8, NULL);
    struct sweep w3 = {"S.1528:1.3 35 dBi 0.8 deg", {0}, 0, NULL, 0, 1.2, 0, 0.0005, NULL};
    run(&b, &w3, NULL, 0, NULL, 0);
    /* S.672-4 (LS -20): steps at 2.58 psi_0 and 6.32 psi_0; main lobe to 2.58 psi_0 */
    struct interf_antenna c =
        ta_make("S.672", "gain_max_dbi", 41.0, "half_beamwidth_deg", 0.75, NULL);
    struct sweep w6 = {"S.672 41 dBi 0.75 deg", {2.58 * 0.75, 6.32 * 0.75}, 2, NULL, 0,
                       2.58 * 0.75, 0, 0.0005, NULL};
    run(&c, &w6, NULL, 0, NULL, 0);
}

/* The zeros of rec. 1.4's field (Lr = Lt, frequency f): u_i = pi sigma sqrt(A^2 + (i - 1/2)^2)
 * for i < nbar, then the zeros of J1 (found here by bisection of libm's j1), each at
 * theta = asin(u/(k q)) and 180 - theta, k = pi Lr/lambda. */
static int taylor_nulls(double k_q, int nbar, double slr_db, double *out, int max)
{
    double aa = acosh(pow(10.0, slr_db / 20.0)) / INTERF_PI, roots[400];
    int nr = 0;
    for (double x = 2.0; x < k_q + 4.0 && nr < 400; x += 0.5)
        if (j1(x) * j1(x + 0.5) < 0.0) {
            double lo = x, hi = x + 0.5;
            for (int i = 0; i < 80; i++) {
                double m = 0.5 * (lo + hi);
                if (j1(lo) * j1(m) <= 0.0)
                    hi = m;
                else
                    lo = m;
            }
            roots[nr++] = 0.5 * (lo + hi);
        }
    double sigma = roots[nbar - 1] / INTERF_PI / sqrt(aa * aa + (nbar - 0.5) * (nbar - 0.5));
    int n = 0;
    for (int i = 1; i < 400 && n < max - 1; i++) {
        double u = i < nbar ? INTERF_PI * sigma * sqrt(aa * aa + (i - 0.5) * (i - 0.5))
                            : (i - 1 < nr ? roots[i - 1] : 1e9);
        if (u > k_q)
            break;
        double th = asin(u / k_q) / INTERF_DEG;
        out[n++] = th;
        out[n++] = 180.0 - th;
    }
    return n;
}

Test(antenna_lut, s1528_14_taylor)
{
    struct interf_antenna a = ta_make("S.1528:1.4", "gain_max_dbi", 35.0, "lr_m", 1.0,
                                      "frequency_ghz", 12.0, NULL);
    static double nulls[MAXX];
    double k = INTERF_PI / (INTERF_C_M_S / 12e9);
    int n = taylor_nulls(k, 4, 20.0, nulls, MAXX);
    cr_assert(n > 60, "%d nulls", n);
    struct sweep w = {"S.1528:1.4 Lr 1 m 12 GHz", {0}, 0, nulls, n, nulls[0], 0, 0.0005, NULL};
    run(&a, &w, NULL, 0, NULL, 0);
}

Test(antenna_lut, earth_station_patterns)
{
    double lam = INTERF_C_M_S / 12e9;
    /* BO.1443-3 for D/lambda 120 (axisymmetric): as S.1428's large dish, steps at phi_r, 34.1,
     * 80, 120; Gmax + 8.1 */
    struct interf_antenna b = ta_make("BO.1443", "diameter_m", 120 * lam, "frequency_ghz", 12.0,
                                      NULL);
    double gm = 20 * log10(120.0) + 8.1, g1 = -1 + 15 * log10(120.0);
    struct sweep wb = {"BO.1443 D/lambda 120", {15.85 * pow(120.0, -0.6), 34.1, 80, 120}, 4,
                       NULL, 0, sqrt((gm - g1) / 0.0025) / 120.0, 0, 0.0005, NULL};
    run(&b, &wb, NULL, 0, NULL, 0);
    /* S.465-6, D/lambda 80: step at 48 (0.03 dB); Appendix 8 main lobe to phi_m; flat: a step at
     * phi_min = 1.25, main lobe to there */
    struct interf_antenna s = ta_make("S.465", "diameter_m", 80 * lam, "frequency_ghz", 12.0,
                                      NULL);
    gm = 20 * log10(80.0) + 7.7;
    struct sweep ws = {"S.465 D/lambda 80", {48}, 1, NULL, 0,
                       0.25 * sqrt(gm - (32 - 25 * log10(1.25))), 0, 0.0005, NULL};
    run(&s, &ws, NULL, 0, NULL, 0);
    struct interf_antenna sf = ta_make("S.465", "diameter_m", 80 * lam, "frequency_ghz", 12.0,
                                       "flat_main_lobe", 1.0, NULL);
    struct sweep wsf = {"S.465 D/lambda 80 flat", {1.25, 48}, 2, NULL, 0, 1.25, 0, 0.0005, NULL};
    run(&sf, &wsf, NULL, 0, NULL, 0);
    /* S.580-6, D/lambda 100: steps at 20, 26.3, 48 */
    struct interf_antenna r = ta_make("S.580", "diameter_m", 100 * lam, "frequency_ghz", 12.0,
                                      NULL);
    struct sweep wr = {"S.580 D/lambda 100", {20, 26.3, 48}, 3, NULL, 0,
                       0.2 * sqrt(47.7 - 29.0), 0, 0.0005, NULL};
    run(&r, &wr, NULL, 0, NULL, 0);
}

Test(antenna_lut, fixed_and_ras_patterns)
{
    /* F.699-8, 1 m at 18 GHz (D/lambda 60): step at 48; main lobe to phi_m */
    struct interf_antenna f = ta_make("F.699", "diameter_m", 1.0, "frequency_ghz", 18.0, NULL);
    double dl = 1.0 / (INTERF_C_M_S / 18e9), gm = 20 * log10(dl) + 7.7;
    struct sweep wf = {"F.699 1 m 18 GHz", {48}, 1, NULL, 0,
                       20 / dl * sqrt(gm - (2 + 15 * log10(dl))), 0, 0.0005, NULL};
    run(&f, &wf, NULL, 0, NULL, 0);
    /* F.1245-3, 3 m at 10.7 GHz, 49.8 dBi: a real step at phi_m (empty shelf), 48 */
    struct interf_antenna g = ta_make("F.1245", "diameter_m", 3.0, "frequency_ghz", 10.7,
                                      "gain_max_dbi", 49.8, NULL);
    dl = 3.0 / (INTERF_C_M_S / 10.7e9);
    double pm = 20 / dl * sqrt(49.8 - (2 + 15 * log10(dl)));
    struct sweep wg = {"F.1245 3 m 10.7 GHz", {pm, 48}, 2, NULL, 0, pm, 0, 0.0005, NULL};
    run(&g, &wg, NULL, 0, NULL, 0);
    /* RA.1631-0, 25 m at 1.4 GHz: steps at phi_r, 34.1, 80, 120 */
    struct interf_antenna a = ta_make("RA.1631", "diameter_m", 25.0, "frequency_ghz", 1.4, NULL);
    dl = 25.0 / (INTERF_C_M_S / 1.4e9);
    gm = 20 * log10(INTERF_PI * dl);
    struct sweep wa = {"RA.1631 25 m 1.4 GHz", {15.85 * pow(dl, -0.6), 34.1, 80, 120}, 4, NULL,
                       0, 20 / dl * sqrt(gm - (-1 + 15 * log10(dl))), 0, 0.0005, NULL};
    run(&a, &wa, NULL, 0, NULL, 0);
    /* SA.509-3, 10 m at 30 GHz: steps at 48, 80, 120; main lobe to phi_1 */
    struct interf_antenna s = ta_make("SA.509", "diameter_m", 10.0, "frequency_ghz", 30.0, NULL);
    dl = 10.0 / (INTERF_C_M_S / 30e9);
    struct sweep ws = {"SA.509 10 m 30 GHz", {48, 80, 120}, 3, NULL, 0,
                       20 * sqrt(3.0) / dl * sqrt(20.0 / 3.0), 0, 0.0005, NULL};
    run(&s, &ws, NULL, 0, NULL, 0);
}

/* RA.1631's Bessel main beam (100 m at 0.6 GHz, D/lambda 200.14): the first zero of J1(2x) at
 * phi_0 = 69.88/(D/lambda), where the cosine form takes over (a null of both), the cosine's
 * zeros 2x - 3 pi/4 + 0.0953 = pi/2 + m pi up to 1 deg (x = (pi/2)(D/lambda) phi rad), and the
 * step to 29 - 25 log phi at 1 deg. */
Test(antenna_lut, ra1631_bessel)
{
    struct interf_antenna a = ta_make("RA.1631", "diameter_m", 100.0, "frequency_ghz", 0.6,
                                      "bessel", 1.0, NULL);
    double dl = 100.0 / (INTERF_C_M_S / 0.6e9), kx = INTERF_PI / 2 * dl * INTERF_DEG;
    static double nulls[64];
    int n = 0;
    nulls[n++] = 69.88 / dl;
    for (int m = 0; m < 60; m++) {
        double phi = (INTERF_PI / 2 + m * INTERF_PI + 0.75 * INTERF_PI - 0.0953) / 2 / kx;
        if (phi > nulls[0] && phi < 1.0)
            nulls[n++] = phi;
    }
    struct sweep w = {"RA.1631 Bessel 100 m 0.6 GHz", {1.0}, 1, nulls, n, nulls[0], 0, 0.0005,
                      NULL};
    run(&a, &w, NULL, 0, NULL, 0);
}

/* ------------------------------------------------------------------------------ 2-D tables */

/* BO.1443-3, 0.45 m at 12 GHz: step at 36.3 (0.002 dB), the back lobes by planar angle; steps
 * along the planar angle at 56.25 and 123.75 deg. */
Test(antenna_lut, bo1443_planar_angle)
{
    struct interf_antenna a = ta_make("BO.1443", "diameter_m", 0.45, "frequency_ghz", 12.0, NULL);
    double dl = 0.45 / (INTERF_C_M_S / 12e9), gm = 20 * log10(dl) + 8.1;
    static const double az[10] = {0, 17.3, 45, 56.3, 90, 123.7, 150, 180, 240, 333};
    static const double az_steps[2] = {56.25, 123.75};
    struct sweep w = {"BO.1443 0.45 m 12 GHz (2-D)", {36.3}, 1, NULL, 0,
                      sqrt((gm - (29 - 25 * log10(95 / dl))) / 0.0025) / dl, 0, 0.001, NULL};
    run(&a, &w, az, 10, az_steps, 2);
}

/* S.1528 rec. 1.2, z = 2, psi_b = 1 deg: at azimuth chi the plane's psi_b is
 * 1/sqrt(cos^2 + 4 sin^2); steps at a psi_b (a = 2.58 sqrt(1 - log 2)), 0.5 b psi_b (the
 * 20 log z shoulder) and 90 deg; main lobe to a psi_b. One sweep per azimuth. */
Test(antenna_lut, s1528_12_elliptical)
{
    struct interf_antenna a = ta_make("S.1528:1.2", "gain_max_dbi", 39.0, "half_beamwidth_deg",
                                      1.0, "z", 2.0, NULL);
    static const double az[8] = {0, 10, 33, 45, 71, 90, 135, 250};
    double aa = 2.58 * sqrt(1.0 - log10(2.0));
    for (int i = 0; i < 8; i++) {
        double c = cos(az[i] * INTERF_DEG), s = sin(az[i] * INTERF_DEG);
        double psib = 1.0 / sqrt(c * c + 4 * s * s);
        char name[64];
        snprintf(name, sizeof name, "S.1528:1.2 z 2 (2-D) az %g", az[i]);
        struct sweep w = {name, {aa * psib, 3.16 * psib, 90}, 3, NULL, 0, aa * psib, 0, 0.0005,
                          NULL};
        run(&a, &w, &az[i], 1, NULL, 0);
    }
}

/* S.1528 rec. 1.4 with Lt = 2 Lr: the field's zeros at asin(u/(k q)), q = sqrt(cos^2 + 4 sin^2)
 * by azimuth. */
Test(antenna_lut, s1528_14_non_circular)
{
    struct interf_antenna a = ta_make("S.1528:1.4", "gain_max_dbi", 35.0, "lr_m", 0.5, "lt_m",
                                      1.0, "frequency_ghz", 12.0, NULL);
    static const double az[5] = {0, 30, 45, 60, 90};
    static double nulls[MAXX];
    for (int i = 0; i < 5; i++) {
        double c = cos(az[i] * INTERF_DEG), s = sin(az[i] * INTERF_DEG);
        double kq = INTERF_PI * 0.5 / (INTERF_C_M_S / 12e9) * sqrt(c * c + 4 * s * s);
        int n = taylor_nulls(kq, 4, 20.0, nulls, MAXX);
        char name[64];
        snprintf(name, sizeof name, "S.1528:1.4 Lt 2 Lr (2-D) az %g", az[i]);
        struct sweep w = {name, {0}, 0, nulls, n, nulls[0], 0, 0.001, NULL};
        run(&a, &w, &az[i], 1, NULL, 0);
    }
}

/* M.2101: true nulls of the array are the zeros of the two Dirichlet kernels (rho = 1) and of
 * the sub-array factor, curves in the sky; a point is within 0.05 deg of one when a kernel
 * changes sign between the point and one of 16 points on the 0.05 deg ring around it. Written
 * here from M.2101 §5: a = 2 pi d_H (sin theta sin phi - cos theta_t sin phi_s), b = 2 pi d_V
 * (cos theta + sin theta_t), sub c = 2 pi d_sub (cos theta + sin t_sub), kernel
 * sin(n x/2)/sin(x/2). In the array frame the direction (phi off the normal, azimuth chi from
 * the horizontal axis) is (cos phi, sin phi cos chi, sin phi sin chi) = (x, y, z) with
 * sin theta sin phi_az = y and cos theta = z. */
struct arr_geom {
    int nh, nv, ns;
    double dh, dv, ds, escan, etilt, tsub, rho;
};

static struct arr_geom geom_of(const struct interf_antenna *a)
{
    const double *v = a->value;
#define K(n) v[interf_pattern_key_index(a->def, n)]
    struct arr_geom g = {(int)K("n_h"), (int)K("n_v"), (int)K("sub_n_v"), K("d_h_lambda"),
                         K("d_v_lambda"), K("sub_d_v_lambda"), K("escan_deg"), K("etilt_deg"),
                         K("sub_tilt_deg"), K("rho")};
#undef K
    return g;
}

static void kernels(const struct arr_geom *g, const double *d, double *f)
{
    double a = 2 * INTERF_PI * g->dh *
               (d[1] - cos(g->etilt * INTERF_DEG) * sin(g->escan * INTERF_DEG));
    double b = 2 * INTERF_PI * g->dv * (d[2] + sin(g->etilt * INTERF_DEG));
    double c = 2 * INTERF_PI * g->ds * (d[2] + sin(g->tsub * INTERF_DEG));
    f[0] = g->rho == 1.0 ? sin(g->nh * a / 2) / sin(a / 2) : 1.0;
    f[1] = g->rho == 1.0 ? sin(g->nv * b / 2) / sin(b / 2) : 1.0;
    f[2] = g->ns > 1 ? sin(g->ns * c / 2) / sin(c / 2) : 1.0;
}

/* Also the pattern's own discontinuity: at the array's zenith and nadir (cos theta = +-1) the
 * element's A_E,H(phi) depends on an azimuth phi that is undefined there; 0.01 deg around them
 * is excluded like any step. */
static int array_near_null(const struct interf_antenna *a, double phi, double chi)
{
    struct arr_geom g = geom_of(a);
    double sp = sin(phi * INTERF_DEG), cp = cos(phi * INTERF_DEG);
    double sc = sin(chi * INTERF_DEG), cc = cos(chi * INTERF_DEG);
    double d[3] = {cp, sp * cc, sp * sc}, e1[3] = {-sp, cp * cc, cp * sc}, e2[3] = {0, -sc, cc};
    if (fabs(d[2]) >= cos(0.01 * INTERF_DEG))
        return 1;
    double f0[3], f[3], r = 0.05 * INTERF_DEG;
    kernels(&g, d, f0);
    for (int k = 0; k < 16; k++) {
        double p[3];
        for (int i = 0; i < 3; i++)
            p[i] = cos(r) * d[i] + sin(r) * (cos(k * INTERF_PI / 8) * e1[i] +
                                             sin(k * INTERF_PI / 8) * e2[i]);
        kernels(&g, p, f);
        for (int i = 0; i < 3; i++)
            if (f[i] * f0[i] <= 0.0)
                return 1;
    }
    return 0;
}

Test(antenna_lut, m2101_arrays)
{
    /* 208.19 deg is the plane through the beam (-30, 15): y = cos 15 sin(-30), z = -sin 15 */
    static const double az[8] = {0, 15, 90, 137, 180, 208.19, 235, 300};
    struct interf_antenna a = ta_make("M.2101", "element_gain_dbi", 5.0, "phi_3db_deg", 65.0,
                                      "theta_3db_deg", 65.0, "n_h", 8.0, "n_v", 8.0, "escan_deg",
                                      -30.0, "etilt_deg", 15.0, NULL);
    struct sweep w = {"M.2101 8x8 beam (-30, 15) (2-D)", {0}, 0, NULL, 0, 0, 3.0, 0.002,
                      array_near_null};
    run(&a, &w, az, 8, NULL, 0);
    struct interf_antenna b = ta_make("M.2101", "element_gain_dbi", 6.4, "phi_3db_deg", 90.0,
                                      "theta_3db_deg", 65.0, "n_h", 16.0, "n_v", 8.0, "rho", 0.8,
                                      "d_v_lambda", 2.1, "sub_n_v", 3.0, "sub_d_v_lambda", 0.7,
                                      "sub_tilt_deg", 3.0, "etilt_deg", 6.0, NULL);
    struct sweep w2 = {"M.2101 16x8 sub-arrays rho 0.8 (2-D)", {0}, 0, NULL, 0, 0, 3.0, 0.002,
                       array_near_null};
    /* its beam (0, 6) lies in the plane of azimuth 270 deg (straight down the array's face) */
    static const double az2[6] = {0, 45, 90, 180, 270, 300};
    run(&b, &w2, az2, 6, NULL, 0);
    struct interf_antenna c = ta_make("M.2101", "element_gain_dbi", 5.0, "phi_3db_deg", 65.0,
                                      "theta_3db_deg", 65.0, "n_h", 64.0, "n_v", 64.0, NULL);
    struct sweep w3 = {"M.2101 64x64 (2-D)", {0}, 0, NULL, 0, 0, 3.0, 0.002, array_near_null};
    run(&c, &w3, az, 3, NULL, 0);
}

/* A table of a scaled 2-D pattern whose side lobes run past 90 deg in some plane cannot apply
 * LB as a fixed tail (S.1528 rec. 1.2 with psi_b = 3 deg: Y = 6.32 * 3 * 10^0.76 = 109 deg):
 * refused, the direct function stays available. */
Test(antenna_lut, refuses_what_it_cannot_tabulate)
{
    struct interf_antenna a = ta_make("S.1528:1.2", "gain_max_dbi", 39.0, "half_beamwidth_deg",
                                      3.0, "z", 2.0, NULL);
    struct interf_lut *t = NULL;
    struct interf_error err = {INTERF_OK, ""};
    ta_expect_einput(interf_lut_build(&a, &t, &err), &err, "use the direct function");
    cr_assert(t == NULL);
    cr_assert(eq(int, interf_lut_build(NULL, &t, &err), INTERF_EINVAL));
    interf_lut_destroy(NULL);
}

/* The dB variant is 10 log10 of the linear one; s is clamped to [0, 1]. */
Test(antenna_lut, db_variant_and_clamping)
{
    struct interf_antenna a = ta_make("S.1428", "diameter_m", 0.6, "frequency_ghz", 11.7, NULL);
    struct interf_lut *t = NULL;
    cr_assert(eq(int, interf_lut_build(&a, &t, NULL), INTERF_OK));
    for (float s = 0.0f; s <= 1.0f; s += 0.01f) {
        float want = 10.0f * log10f(interf_lut_gain_lin(t, s));
        cr_assert(epsilon_eq(flt, interf_lut_gain_db(t, s), want, 1e-5f));
    }
    cr_assert(eq(flt, interf_lut_gain_lin(t, -0.5f), interf_lut_gain_lin(t, 0.0f)));
    cr_assert(eq(flt, interf_lut_gain_lin(t, 1.5f), interf_lut_gain_lin(t, 1.0f)));
    cr_assert(epsilon_eq(flt, interf_lut_gain_db(t, 0.0f), (float)a.gain_max_dbi, 1e-4f));
    interf_lut_destroy(t);
}
