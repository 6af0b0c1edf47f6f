/* SPDX-License-Identifier: MIT */
/* Rec. ITU-R M.2101-0 (02/2017) Annex 1 §5: composite (phased-array) antennas, element pattern x
 * array factor with beam steering, any NH x NV, element spacing and correlation rho, and the
 * optional vertical sub-arrays with fixed electrical tilt of R23-WP5D-C-0413 Annex 4.2 Table 8
 * (as SHARC models them). Gains for many directions and beams are formed as one complex matrix
 * product per tile (cblas_cgemm); the plain double loop is kept as the reference. */
#include "antenna_impl.h"

#include <cblas.h>
#include <complex.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define LUT_NULL_DEG_ARR 0.05 /* the budget's exclusion around true nulls */

enum {
    AR_GE, AR_PHI3, AR_THETA3, AR_AM, AR_SLAV, AR_K, AR_NH, AR_NV, AR_DH, AR_DV, AR_RHO,
    AR_ESCAN, AR_ETILT, AR_SUBN, AR_SUBD, AR_SUBTILT, AR_NKEYS
};

static const struct interf_pattern_key ar_keys[AR_NKEYS] = {
    {"element_gain_dbi", "dBi", -30.0, 40.0, 0.0, 1, "G_E,max, element maximum gain", 0},
    {"phi_3db_deg", "deg", 0.0, 360.0, 0.0, 1, "phi_3dB, element horizontal 3 dB beamwidth",
     INTERF_KEY_OPEN_MIN},
    {"theta_3db_deg", "deg", 0.0, 180.0, 0.0, 1, "theta_3dB, element vertical 3 dB beamwidth",
     INTERF_KEY_OPEN_MIN},
    {"am_db", "dB", 0.0, 100.0, 30.0, 0, "A_m, front-to-back ratio", 0},
    {"sla_v_db", "dB", 0.0, 100.0, 30.0, 0, "SLA_v, vertical side-lobe attenuation", 0},
    {"k", "", 0.0, 100.0, 12.0, 0, "k, multiplication factor of the element pattern (12; 8 out of"
     " band)", INTERF_KEY_OPEN_MIN},
    {"n_h", "", 1.0, 1024.0, 0.0, 1, "N_H, columns of elements", INTERF_KEY_INTEGER},
    {"n_v", "", 1.0, 1024.0, 0.0, 1, "N_V, rows of elements (or of sub-arrays)",
     INTERF_KEY_INTEGER},
    {"d_h_lambda", "", 0.0, 10.0, 0.5, 0, "d_H/lambda, horizontal element spacing",
     INTERF_KEY_OPEN_MIN},
    {"d_v_lambda", "", 0.0, 10.0, 0.5, 0, "d_V/lambda, vertical spacing (of sub-arrays)",
     INTERF_KEY_OPEN_MIN},
    {"rho", "", 0.0, 1.0, 1.0, 0, "rho, correlation level (1 = fully correlated)", 0},
    {"escan_deg", "deg", -180.0, 180.0, 0.0, 0, "phi_escan, horizontal steering of the beam", 0},
    {"etilt_deg", "deg", -90.0, 90.0, 0.0, 0,
     "theta_etilt, vertical steering of the beam (positive downwards)", 0},
    {"sub_n_v", "", 1.0, 64.0, 1.0, 0, "elements per vertical sub-array (1 = no sub-arrays)",
     INTERF_KEY_INTEGER},
    {"sub_d_v_lambda", "", 0.0, 10.0, 0.5, 0, "element spacing inside a sub-array, /lambda",
     INTERF_KEY_OPEN_MIN},
    {"sub_tilt_deg", "deg", -90.0, 90.0, 0.0, 0, "fixed electrical downtilt of the sub-arrays",
     0},
};

/* A_E of M.2101 Table 4 in dB for azimuth phi in [-180, 180] and theta = 90 - elevation:
 * A_E,H = -min(k (phi/phi_3dB)^2, A_m), A_E,V = -min(k ((theta - 90)/theta_3dB)^2, SLA_v),
 * A_E = G_E,max - min(-(A_E,H + A_E,V), A_m). */
static double element_dbi(const double *v, double phi, double theta)
{
    double h = fmin(v[AR_K] * pow(phi / v[AR_PHI3], 2.0), v[AR_AM]);
    double vv = fmin(v[AR_K] * pow((theta - 90.0) / v[AR_THETA3], 2.0), v[AR_SLAV]);
    return v[AR_GE] - fmin(h + vv, v[AR_AM]);
}

/* |sum_{m=0}^{n-1} exp(j m x)|^2 / n = sin^2(n x/2) / (n sin^2(x/2)); n at x = 0 mod 2 pi. */
static double dirichlet2(int n, double x)
{
    double s = sin(0.5 * x);
    if (fabs(s) < 1e-12)
        return n;
    double t = sin(0.5 * n * x) / s;
    return t * t / n;
}

/* The signed form sin(n x/2)/sin(x/2) (for finding zeros). */
static double dirichlet(int n, double x)
{
    double s = sin(0.5 * x);
    return fabs(s) < 1e-12 ? n : sin(0.5 * n * x) / s;
}

/* Phases (rad) of one direction for the array and sub-array factors, for a beam (escan, etilt):
 * a = 2 pi d_H (sin theta sin phi - cos theta_t sin phi_s), b = 2 pi d_V (cos theta + sin
 * theta_t), c = 2 pi d_sub (cos theta + sin theta_sub). */
static void phases(const double *v, double phi, double theta, double escan, double etilt,
                   double *a, double *b, double *c)
{
    double st = sin(theta * INTERF_DEG), ct = cos(theta * INTERF_DEG);
    *a = 2.0 * INTERF_PI * v[AR_DH] *
         (st * sin(phi * INTERF_DEG) - cos(etilt * INTERF_DEG) * sin(escan * INTERF_DEG));
    *b = 2.0 * INTERF_PI * v[AR_DV] * (ct + sin(etilt * INTERF_DEG));
    *c = 2.0 * INTERF_PI * v[AR_SUBD] * (ct + sin(v[AR_SUBTILT] * INTERF_DEG));
}

/* Linear gain of the composite array towards (phi, theta) for a beam. */
static double array_lin(const double *v, double phi, double theta, double escan, double etilt)
{
    double a, b, c;
    phases(v, phi, theta, escan, etilt, &a, &b, &c);
    int nh = (int)v[AR_NH], nv = (int)v[AR_NV], ns = (int)v[AR_SUBN];
    /* M.2101 §5: w = exp(j 2 pi (n d_V sin theta_t - m d_H cos theta_t sin phi_s))/sqrt(N),
     * so |sum w v|^2 = |sum_m e^{j m a}|^2 |sum_n e^{j n b}|^2 / (N_H N_V) */
    double af = dirichlet2(nh, a) * dirichlet2(nv, b);
    double sub = ns > 1 ? dirichlet2(ns, c) : 1.0;
    /* 1 + rho (|AF|^2 - 1) written as (1 - rho) + rho |AF|^2: no cancellation near nulls */
    return interf_undb(element_dbi(v, phi, theta)) * sub * ((1.0 - v[AR_RHO]) + v[AR_RHO] * af);
}

double interf_m2101_gain_dbi(const struct interf_antenna *ant, double azimuth_deg,
                             double elevation_deg)
{
    const double *v = ant->value;
    return ant_db(array_lin(v, azimuth_deg, 90.0 - elevation_deg, v[AR_ESCAN], v[AR_ETILT]));
}

/* (phi off the array normal, azimuth chi about it from the horizontal axis) to the array's
 * azimuth and elevation: the direction is (cos phi, sin phi cos chi, sin phi sin chi) in
 * (normal, horizontal, vertical). */
static void to_azel(double psi, double chi, double *az, double *el)
{
    double x = cos(psi * INTERF_DEG), s = sin(psi * INTERF_DEG);
    double y = s * cos(chi * INTERF_DEG), z = s * sin(chi * INTERF_DEG);
    *az = atan2(y, x) / INTERF_DEG;
    *el = asin(fmax(-1.0, fmin(1.0, z))) / INTERF_DEG;
}

static double ar_gain2(const struct interf_antenna *ant, double psi, double chi)
{
    double az, el;
    to_azel(psi, chi, &az, &el);
    return interf_m2101_gain_dbi(ant, az, el);
}

static double ar_gain(const struct interf_antenna *ant, double psi)
{
    return ar_gain2(ant, psi, 0.0);
}

static enum interf_status ar_prepare(struct interf_antenna *ant, struct interf_error *err)
{
    (void)err;
    /* the peak: towards the beam direction, searched over a fine grid of off-axis angles
     * (the element and sub-array patterns move it slightly off the steering direction) */
    double best = -400.0;
    for (double psi = 0.0; psi <= 180.0; psi += 0.5)
        for (double chi = 0.0; chi < 360.0; chi += psi > 0.0 ? 2.0 : 360.0)
            best = fmax(best, ar_gain2(ant, psi, chi));
    const double *v = ant->value;
    double az_b = v[AR_ESCAN], el_b = -v[AR_ETILT];
    best = fmax(best, interf_m2101_gain_dbi(ant, az_b, el_b));
    ant->gain_max_dbi = best;
    return INTERF_OK;
}

static const struct interf_pattern_priv ar_priv = {
    .lut2 = ANT_LUT_ARRAY};

const struct interf_pattern_def ant_m2101 = {
    "M.2101",
    "ITU-R M.2101-0 (02/2017), Annex 1 §5 (sub-arrays: R23-WP5D-C-0413 Annex 4.2)",
    "IMT phased array: element pattern x steered array factor, optional sub-arrays",
    AR_NKEYS,
    ar_keys,
    0,
    ar_prepare,
    ar_gain,
    ar_gain2,
    "from the array's horizontal axis (increasing column m); 90 deg = its vertical axis"
    " (increasing row n)",
    NULL,
    &ar_priv};

/* =============================================================================================
 * Many directions x many beams. */

/* Directions per tile: the steering tile (tile x K complex floats) stays within 32 MiB (1024
 * rows at K = 4096: OpenBLAS reaches 89 % of its square-matrix rate on that shape, 85 % at
 * 512 rows, measured). */
static size_t tile_rows(size_t k)
{
    size_t t = (32u << 20) / (k * sizeof(float complex));
    return t < 16 ? 16 : t > 4096 ? 4096 : t;
}

/* Per-direction factors that do not depend on the beam: the element times the sub-array gain
 * (linear), and the steering phase steps along m and n. */
struct dir_terms {
    double scale, ah, bv; /* ah = 2 pi d_H sin theta sin phi, bv = 2 pi d_V cos theta */
};

static struct dir_terms dir_terms(const double *v, double az, double el)
{
    struct dir_terms t;
    double theta = 90.0 - el, a, b, c;
    phases(v, az, theta, 0.0, 0.0, &a, &b, &c);
    int ns = (int)v[AR_SUBN];
    t.scale = interf_undb(element_dbi(v, az, theta)) * (ns > 1 ? dirichlet2(ns, c) : 1.0);
    t.ah = a;
    t.bv = b;
    return t;
}

/* Beam weights W (K x nbeam, element e = m N_V + n):
 * w = exp(j 2 pi (n d_V sin theta_t - m d_H cos theta_t sin phi_s)) / sqrt(N). */
static void fill_weights(const double *v, size_t nbeam, const double *escan, const double *etilt,
                         float complex *w)
{
    int nh = (int)v[AR_NH], nv = (int)v[AR_NV];
    double norm = 1.0 / sqrt((double)nh * nv);
    for (size_t i = 0; i < nbeam; i++) {
        double pm = -2.0 * INTERF_PI * v[AR_DH] * cos(etilt[i] * INTERF_DEG) *
                    sin(escan[i] * INTERF_DEG);
        double pn = 2.0 * INTERF_PI * v[AR_DV] * sin(etilt[i] * INTERF_DEG);
        for (int m = 0; m < nh; m++)
            for (int n = 0; n < nv; n++)
                w[((size_t)m * nv + n) * nbeam + i] =
                    (float complex)(norm * cexp(I * (m * pm + n * pn)));
    }
}

/* One row of V: v_{m,n} = exp(j (m ah + n bv)) (M.2101 §5), as the outer product of the two
 * geometric progressions (computed in double by direct exponentials per axis). */
static void fill_steering_row(int nh, int nv, const struct dir_terms *t, double complex *hm,
                              double complex *vn, float complex *row)
{
    for (int m = 0; m < nh; m++)
        hm[m] = cexp(I * (m * t->ah));
    for (int n = 0; n < nv; n++)
        vn[n] = cexp(I * (n * t->bv));
    for (int m = 0; m < nh; m++) {
        float complex h = (float complex)hm[m];
        float complex *r = row + (size_t)m * nv;
        for (int n = 0; n < nv; n++)
            r[n] = h * (float complex)vn[n];
    }
}

/* Beams per product: the weights of a chunk (K x chunk complex floats) stay within 8 MiB too. */
#define BEAM_CHUNK 256

/* One product: rows d0..d0+nd of the steering tile times the weights of beams b0..b0+nb, then
 * gain = element x sub-array x ((1 - rho) + rho |AF|^2) into out. */
static void tile_product(const double *v, const float complex *vt, const struct dir_terms *dt,
                         size_t nd, size_t k, const float complex *w, size_t nb,
                         float complex *c, float *out, size_t ldo)
{
    const float complex one = 1.0f, zero = 0.0f;
    cblas_cgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)nd, (int)nb, (int)k, &one, vt,
                (int)k, w, (int)nb, &zero, c, (int)nb);
    float rho = (float)v[AR_RHO], one_rho = (float)(1.0 - v[AR_RHO]);
    for (size_t d = 0; d < nd; d++) {
        float s = (float)dt[d].scale;
        const float complex *cr = c + d * nb;
        float *o = out + d * ldo;
        for (size_t i = 0; i < nb; i++) {
            float re = crealf(cr[i]), im = cimagf(cr[i]);
            o[i] = s * (one_rho + rho * (re * re + im * im)); /* no cancellation near nulls */
        }
    }
}

/* Beams in chunks of BEAM_CHUNK (weights built once per chunk), directions in tiles (steering
 * rows built per tile): V (tile x K) W (K x chunk) by cblas_cgemm. */
static enum interf_status gains_cgemm(const double *v, size_t ndir, const double *az,
                                      const double *el, size_t nbeam, const double *escan,
                                      const double *etilt, float *out, struct interf_error *err)
{
    int nh = (int)v[AR_NH], nv = (int)v[AR_NV];
    size_t k = (size_t)nh * nv, tile = tile_rows(k);
    size_t chunk = nbeam < BEAM_CHUNK ? nbeam : BEAM_CHUNK;
    float complex *w = malloc(k * chunk * sizeof *w);
    float complex *vt = malloc(tile * k * sizeof *vt);
    float complex *c = malloc(tile * chunk * sizeof *c);
    double complex *hm = malloc((size_t)nh * sizeof *hm), *vn = malloc((size_t)nv * sizeof *vn);
    struct dir_terms *dt = malloc(tile * sizeof *dt);
    enum interf_status st = INTERF_OK;
    if (!w || !vt || !c || !hm || !vn || !dt) {
        st = interf_error_set(err, INTERF_ENOMEM, "M.2101 gains: out of memory");
        goto done;
    }
    for (size_t b0 = 0; b0 < nbeam; b0 += chunk) {
        size_t nb = nbeam - b0 < chunk ? nbeam - b0 : chunk;
        fill_weights(v, nb, escan + b0, etilt + b0, w);
        for (size_t d0 = 0; d0 < ndir; d0 += tile) {
            size_t nd = ndir - d0 < tile ? ndir - d0 : tile;
            for (size_t d = 0; d < nd; d++) {
                dt[d] = dir_terms(v, az[d0 + d], el[d0 + d]);
                fill_steering_row(nh, nv, &dt[d], hm, vn, vt + d * k);
            }
            tile_product(v, vt, dt, nd, k, w, nb, c, out + d0 * nbeam + b0, nbeam);
        }
    }
done:
    free(w);
    free(vt);
    free(c);
    free(hm);
    free(vn);
    free(dt);
    return st;
}

/* The reference: the double sum of M.2101 §5 written out, in double precision. */
static enum interf_status gains_loop(const double *v, size_t ndir, const double *az,
                                     const double *el, size_t nbeam, const double *escan,
                                     const double *etilt, float *out, struct interf_error *err)
{
    int nh = (int)v[AR_NH], nv = (int)v[AR_NV];
    size_t k = (size_t)nh * nv;
    double complex *ve = malloc(k * sizeof *ve);
    if (!ve)
        return interf_error_set(err, INTERF_ENOMEM, "M.2101 gains: out of memory");
    double norm = 1.0 / sqrt((double)k);
    for (size_t d = 0; d < ndir; d++) {
        struct dir_terms t = dir_terms(v, az[d], el[d]);
        for (int m = 0; m < nh; m++)
            for (int n = 0; n < nv; n++)
                ve[(size_t)m * nv + n] = cexp(I * (n * t.bv + m * t.ah));
        for (size_t i = 0; i < nbeam; i++) {
            double pm = -2.0 * INTERF_PI * v[AR_DH] * cos(etilt[i] * INTERF_DEG) *
                        sin(escan[i] * INTERF_DEG);
            double pn = 2.0 * INTERF_PI * v[AR_DV] * sin(etilt[i] * INTERF_DEG);
            double complex sum = 0.0;
            for (int m = 0; m < nh; m++)
                for (int n = 0; n < nv; n++)
                    sum += norm * cexp(I * (n * pn + m * pm)) * ve[(size_t)m * nv + n];
            double af = creal(sum) * creal(sum) + cimag(sum) * cimag(sum);
            out[d * nbeam + i] = (float)(t.scale * ((1.0 - v[AR_RHO]) + v[AR_RHO] * af));
        }
    }
    free(ve);
    return INTERF_OK;
}

enum interf_status interf_m2101_gains(const struct interf_antenna *ant, size_t ndir,
                                      const double *azimuth_deg, const double *elevation_deg,
                                      size_t nbeam, const double *escan_deg,
                                      const double *etilt_deg, float *gain_lin,
                                      enum interf_array_method method, struct interf_error *err)
{
    if (!ant || ant->def != &ant_m2101 || (ndir && (!azimuth_deg || !elevation_deg)) ||
        (nbeam && (!escan_deg || !etilt_deg)) || (ndir && nbeam && !gain_lin) ||
        nbeam > (size_t)1 << 20 || ndir > (size_t)1 << 40)
        return interf_error_set(err, INTERF_EINVAL, "interf_m2101_gains: invalid arguments");
    if (ndir == 0 || nbeam == 0)
        return INTERF_OK;
    if (method == INTERF_ARRAY_LOOP)
        return gains_loop(ant->value, ndir, azimuth_deg, elevation_deg, nbeam, escan_deg,
                          etilt_deg, gain_lin, err);
    return gains_cgemm(ant->value, ndir, azimuth_deg, elevation_deg, nbeam, escan_deg, etilt_deg,
                       gain_lin, err);
}

/* =============================================================================================
 * The lookup table of a set: the gain factors into functions of one variable each,
 *   AF_H(y) (y = sin theta sin phi, the horizontal direction cosine), AF_V(z) and the
 *   sub-array factor (z = cos theta, the vertical one), A_E,H(phi) and A_E,V(theta),
 * so five uniform 1-D tables hold it exactly up to their own interpolation: the array
 * factors as signed amplitudes (smooth through their zeros), the others as linear power. Each
 * table doubles its knots until it meets a tenth of the budget (0.01 dB where its factor is
 * within 3 dB of its peak, 0.05 dB elsewhere, outside 0.05 deg of its zeros): five errors add
 * up to half of it at worst. */

enum arr_tab { T_AH, T_AV, T_SUB, T_EH, T_EV };

/* The tabulated function t at x. */
static double arr_fn(const double *v, enum arr_tab t, double x)
{
    double two_pi = 2.0 * INTERF_PI;
    switch (t) {
    case T_AH: {
        double a = two_pi * v[AR_DH] *
                   (x - cos(v[AR_ETILT] * INTERF_DEG) * sin(v[AR_ESCAN] * INTERF_DEG));
        return dirichlet((int)v[AR_NH], a) / sqrt(v[AR_NH]);
    }
    case T_AV: {
        double b = two_pi * v[AR_DV] * (x + sin(v[AR_ETILT] * INTERF_DEG));
        return dirichlet((int)v[AR_NV], b) / sqrt(v[AR_NV]);
    }
    case T_SUB: {
        double c = two_pi * v[AR_SUBD] * (x + sin(v[AR_SUBTILT] * INTERF_DEG));
        return dirichlet2((int)v[AR_SUBN], c);
    }
    case T_EH: { /* x = sin(phi/2) */
        double phi = 2.0 * asin(x) / INTERF_DEG;
        return interf_undb(-fmin(v[AR_K] * pow(phi / v[AR_PHI3], 2.0), v[AR_AM]));
    }
    default: { /* T_EV, x = sin(theta'/2), theta' = min(theta, 180 - theta): A_E,V depends on
                * (theta - 90)^2 only, and this variable is regular at both poles */
        double theta = 2.0 * asin(x) / INTERF_DEG;
        return interf_undb(-fmin(v[AR_K] * pow((theta - 90.0) / v[AR_THETA3], 2.0), v[AR_SLAV]));
    }
    }
}

/* The angle (deg) that x stands for, to measure the 0.05 deg exclusion around zeros. */
static double arr_angle(enum arr_tab t, double x)
{
    if (t == T_EH || t == T_EV)
        return 2.0 * asin(x) / INTERF_DEG;
    return acos(fmax(-1.0, fmin(1.0, x))) / INTERF_DEG;
}

/* Error (dB of power) of the interpolant value a against the truth f for table t. */
static double arr_err_db(enum arr_tab t, double a, double f)
{
    if (t == T_AH || t == T_AV)
        return fabs(20.0 * log10(fabs(a) / fabs(f)));
    return fabs(10.0 * log10(a / f));
}

/* The interpolant at x (w of the way) against the truth, for table t. */
static int arr_point_ok(const double *v, enum arr_tab t, double x, double w, double fa, double fb,
                        double peak)
{
    int amp = t == T_AH || t == T_AV;
    double f = arr_fn(v, t, x);
    if (fabs(f) < 1e-12)
        return 1;
    double p = amp ? f * f : f;
    double bud = p >= 0.5 * peak ? 0.01 : 0.05;
    return arr_err_db(t, fa + w * (fb - fa), f) <= 0.1 * bud;
}

/* Checked at eighths of the interval, outside 0.05 deg of a zero inside it, and just outside
 * that window's edges (the worst points kept: errors grow towards a zero). */
static int arr_interval_ok(const double *v, enum arr_tab t, double xa, double xb, double fa,
                           double fb, double peak)
{
    int amp = t == T_AH || t == T_AV;
    double zero_deg = -1.0;
    if (amp && fa * fb <= 0.0) { /* a zero inside: bisect it */
        double lo = xa, hi = xb, flo = fa;
        for (int i = 0; i < 60; i++) {
            double m = 0.5 * (lo + hi), fm = arr_fn(v, t, m);
            if ((fm <= 0.0) == (flo <= 0.0))
                lo = m, flo = fm;
            else
                hi = m;
        }
        zero_deg = arr_angle(t, 0.5 * (lo + hi));
    }
    for (int i = 1; i < 8; i++) {
        double w = 0.125 * i, x = xa + w * (xb - xa);
        if (zero_deg >= 0.0 && fabs(arr_angle(t, x) - zero_deg) <= LUT_NULL_DEG_ARR)
            continue;
        if (!arr_point_ok(v, t, x, w, fa, fb, peak))
            return 0;
    }
    for (int side = -1; zero_deg >= 0.0 && side <= 1; side += 2) {
        double e = zero_deg + side * LUT_NULL_DEG_ARR * 1.0001;
        double x = cos(e * INTERF_DEG); /* amplitude tables: angle = acos(x) */
        if (e > 0.0 && e < 180.0 && x > xa && x < xb &&
            !arr_point_ok(v, t, x, (x - xa) / (xb - xa), fa, fb, peak))
            return 0;
    }
    return 1;
}

static enum interf_status arr_table(const double *v, enum arr_tab t, float **out, int *nout,
                                    struct interf_error *err)
{
    double x0 = (t == T_EH || t == T_EV) ? 0.0 : -1.0, x1 = t == T_EV ? sqrt(0.5) : 1.0;
    double *val = NULL;
    int n = 64;
    for (;; n *= 2) {
        double *nv = realloc(val, ((size_t)n + 1) * sizeof *nv);
        if (!nv) {
            free(val);
            return interf_error_set(err, INTERF_ENOMEM, "lookup table: out of memory");
        }
        val = nv;
        double peak = 0.0;
        for (int i = 0; i <= n; i++) {
            val[i] = arr_fn(v, t, x0 + (x1 - x0) * i / n);
            peak = fmax(peak, (t == T_AH || t == T_AV) ? val[i] * val[i] : val[i]);
        }
        int ok = 1;
        for (int i = 0; ok && i < n; i++)
            ok = arr_interval_ok(v, t, x0 + (x1 - x0) * i / n, x0 + (x1 - x0) * (i + 1) / n,
                                 val[i], val[i + 1], peak);
        if (ok || n >= (1 << 20))
            break;
    }
    float *f = malloc(((size_t)n + 1) * sizeof *f);
    if (!f) {
        free(val);
        return interf_error_set(err, INTERF_ENOMEM, "lookup table: out of memory");
    }
    for (int i = 0; i <= n; i++)
        f[i] = (float)val[i];
    free(val);
    *out = f;
    *nout = n;
    return INTERF_OK;
}

enum interf_status ant_array_lut(const struct interf_antenna *ant, struct interf_lut *t,
                                 struct interf_error *err)
{
    const double *v = ant->value;
    t->kind = ANT_LUT_ARRAY;
    t->nrow = 1;
    t->arr_ge_lin = (float)interf_undb(v[AR_GE]);
    t->arr_am_lin = (float)interf_undb(-v[AR_AM]);
    t->arr_rho = (float)v[AR_RHO];
    enum interf_status st = INTERF_OK;
    for (int k = 0; k < 5 && st == INTERF_OK; k++) {
        if (k == T_SUB && v[AR_SUBN] <= 1.0)
            continue;
        st = arr_table(v, (enum arr_tab)k, &t->arr[k], &t->arr_n[k], err);
    }
    return st;
}
