/* SPDX-License-Identifier: MIT */
/* Earth-station antenna patterns: Rec. ITU-R S.1428-1 (02/2001), BO.1443-3 (07/2014) Annex 1,
 * S.465-6 (01/2010) and S.580-6 (01/2004). Angles in degrees, log10 of degrees, as in the
 * Recommendations. */
#include "antenna_impl.h"

#include <math.h>

/* The D/lambda regimes and branch constants several patterns share. */
static const struct interf_pattern_key dish_keys[] = {
    {"diameter_m", "m", 0.0, 100.0, 0.0, 1, "D, antenna diameter", INTERF_KEY_OPEN_MIN},
    {"frequency_ghz", "GHz", 0.0, 1000.0, 0.0, 0,
     "frequency for lambda = c/f; default the system's frequency (lower band edge + half the"
     " reference bandwidth)",
     INTERF_KEY_OPEN_MIN},
};

/* =============================================================================================
 * S.1428-1 recommends 1: FSS earth station for interference from NGSO satellites, 10.7-30 GHz,
 * the reference pattern of RR Article 22 Tables 22-1A to 22-1C. Three regimes in D/lambda:
 * [20, 25], (25, 100], above 100. Below 20 the Recommendation says nothing.
 */
enum { S1428_D, S1428_FREQ, S1428_NKEYS };
enum { S1428_DL, S1428_REGIME, S1428_GMAX, S1428_G1, S1428_PHIM, S1428_PHIG1 };

static enum interf_status s1428_prepare(struct interf_antenna *ant, struct interf_error *err)
{
    double dm = ant->value[S1428_D], dl = ant_dlambda(ant, dm);
    if (!(dl >= 20.0))
        return interf_error_set(err, INTERF_EINPUT,
                                "S.1428-1 is defined for D/lambda >= 20; got %.4g (diameter_m ="
                                " %.15g at %.15g GHz)",
                                dl, dm, ant->freq_ghz);
    double *d = ant->derived;
    d[S1428_DL] = dl;
    if (dl <= 100.0) {
        /* recommends 1, 20 <= D/lambda <= 25 and 25 < D/lambda <= 100: Gmax = 20 log(D/lambda)
         * + 7.7, G1 = 29 - 25 log(95 lambda/D); the G1 shelf ends at 95 lambda/D */
        d[S1428_REGIME] = dl <= 25.0 ? 1.0 : 2.0;
        d[S1428_GMAX] = 20.0 * log10(dl) + 7.7;
        d[S1428_G1] = 29.0 - 25.0 * log10(95.0 / dl);
        d[S1428_PHIG1] = 95.0 / dl;
    } else {
        /* recommends 1, D/lambda > 100: Gmax = 20 log(D/lambda) + 8.4, G1 = -1 + 15 log(D/lambda),
         * the shelf ends at phi_r = 15.85 (D/lambda)^-0.6 */
        d[S1428_REGIME] = 3.0;
        d[S1428_GMAX] = 20.0 * log10(dl) + 8.4;
        d[S1428_G1] = -1.0 + 15.0 * log10(dl);
        d[S1428_PHIG1] = 15.85 * pow(dl, -0.6);
    }
    /* all regimes: phi_m = (20 lambda/D) sqrt(Gmax - G1), where the parabola meets G1 */
    d[S1428_PHIM] = 20.0 / dl * sqrt(d[S1428_GMAX] - d[S1428_G1]);
    ant->gain_max_dbi = d[S1428_GMAX];
    return INTERF_OK;
}

/* D/lambda <= 100, beyond the G1 shelf: 29 - 25 log phi to 33.1 deg, then -9 dBi to 80 deg, then
 * -5 dBi (D/lambda <= 25) or -4 dBi to 120 deg and -9 dBi (25 < D/lambda <= 100). */
static double s1428_small_far(double regime, double phi)
{
    if (phi <= 33.1)
        return 29.0 - 25.0 * log10(phi);
    if (phi <= 80.0)
        return -9.0;
    if (regime < 2.0)
        return -5.0;
    return phi <= 120.0 ? -4.0 : -9.0;
}

/* D/lambda > 100, beyond phi_r; here the Recommendation closes the intervals on the left. */
static double s1428_large_far(double phi)
{
    if (phi < 10.0)
        return 29.0 - 25.0 * log10(phi);
    if (phi < 34.1)
        return 34.0 - 30.0 * log10(phi);
    if (phi < 80.0)
        return -12.0;
    if (phi < 120.0)
        return -7.0;
    return -12.0;
}

/* The breakpoints of s1428_small_far (regimes 1, 2) and s1428_large_far (regime 3), appended
 * to o (BO.1443-3 uses the same far-out segments above D/lambda = 25.5). */
static void s1428_far_breaks(double regime, struct ant_brk *o, size_t max, size_t *n)
{
    if (regime < 3.0) {
        ant_brk_add(o, max, n, 33.1, 1);
        ant_brk_add(o, max, n, 80.0, 1);
        if (regime == 2.0)
            ant_brk_add(o, max, n, 120.0, 1);
        return;
    }
    ant_brk_add(o, max, n, 10.0, 0);
    ant_brk_add(o, max, n, 34.1, 1);
    ant_brk_add(o, max, n, 80.0, 1);
    ant_brk_add(o, max, n, 120.0, 1);
}

/* The text's main lobe is 0 < phi < phi_m; phi = 0 takes its limit, Gmax. */
static double s1428_gain(const struct interf_antenna *ant, double phi)
{
    const double *d = ant->derived;
    if (phi < d[S1428_PHIM]) {
        double x = d[S1428_DL] * phi;
        return d[S1428_GMAX] - 2.5e-3 * x * x;
    }
    if (phi < d[S1428_PHIG1])
        return d[S1428_G1];
    if (d[S1428_REGIME] < 3.0)
        return s1428_small_far(d[S1428_REGIME], phi);
    return s1428_large_far(phi);
}

static size_t s1428_breaks(const struct interf_antenna *ant, double r, struct ant_brk *o,
                           size_t max)
{
    (void)r;
    const double *d = ant->derived;
    size_t n = 0;
    ant_brk_add(o, max, &n, d[S1428_PHIM], 0);
    ant_brk_add(o, max, &n, d[S1428_PHIG1], d[S1428_REGIME] == 3.0); /* 15.85 is rounded */
    s1428_far_breaks(d[S1428_REGIME], o, max, &n);
    return n;
}

static double s1428_main_lobe(const struct interf_antenna *ant, double r)
{
    (void)r;
    return ant->derived[S1428_PHIM];
}

static const struct interf_pattern_priv s1428_priv = {
    .lut2 = ANT_LUT_AXIAL, .breaks = s1428_breaks, .main_lobe_deg = s1428_main_lobe};

const struct interf_pattern_def ant_s1428 = {
    "S.1428",
    "ITU-R S.1428-1 (02/2001), recommends 1",
    "FSS earth station (10.7-30 GHz) for NGSO interference, RR Tables 22-1A to 22-1C",
    S1428_NKEYS,
    dish_keys,
    1,
    s1428_prepare,
    s1428_gain,
    NULL,
    NULL,
    NULL,
    &s1428_priv};

/* =============================================================================================
 * BO.1443-3 Annex 1: BSS earth station, the reference pattern of RR Table 22-1D. Gmax =
 * 20 log(D/lambda) + 8.1 and phi_m = (lambda/D) sqrt((Gmax - G1)/0.0025) in every regime.
 * For 11 <= D/lambda <= 25.5 the gain beyond 50 deg depends on the planar angle theta of the
 * off-axis direction (the azimuth about the boresight here, in the Recommendation's reference).
 */
enum { BO_DL, BO_REGIME, BO_GMAX, BO_G1, BO_PHIM, BO_PHIG1 };

static enum interf_status bo_prepare(struct interf_antenna *ant, struct interf_error *err)
{
    double dm = ant->value[0], dl = ant_dlambda(ant, dm);
    if (!(dl >= 11.0))
        return interf_error_set(err, INTERF_EINPUT,
                                "BO.1443-3 is defined for D/lambda >= 11; got %.4g (diameter_m ="
                                " %.15g at %.15g GHz)",
                                dl, dm, ant->freq_ghz);
    double *d = ant->derived;
    d[BO_DL] = dl;
    d[BO_GMAX] = 20.0 * log10(dl) + 8.1;
    if (dl <= 100.0) {
        /* Annex 1, D/lambda <= 100: G1 = 29 - 25 log(95 lambda/D) to 95 lambda/D */
        d[BO_REGIME] = dl <= 25.5 ? 1.0 : 2.0;
        d[BO_G1] = 29.0 - 25.0 * log10(95.0 / dl);
        d[BO_PHIG1] = 95.0 / dl;
    } else {
        /* Annex 1, D/lambda > 100: G1 = -1 + 15 log(D/lambda) to phi_r = 15.85 (D/lambda)^-0.6 */
        d[BO_REGIME] = 3.0;
        d[BO_G1] = -1.0 + 15.0 * log10(dl);
        d[BO_PHIG1] = 15.85 * pow(dl, -0.6);
    }
    d[BO_PHIM] = sqrt((d[BO_GMAX] - d[BO_G1]) / 0.0025) / dl;
    ant->gain_max_dbi = d[BO_GMAX];
    return INTERF_OK;
}

/* Annex 1, 11 <= D/lambda <= 25.5, phi >= 50 deg: two log-linear segments M log phi - b whose
 * slopes depend on the planar angle theta; every segment gives -10 dBi at 50 deg and -17 dBi at
 * 180 deg, and the pair meets at 90 deg (56.25 <= theta < 123.75) or 120 deg (else). */
static double bo_back(double phi, double theta_deg)
{
    double st = sin(theta_deg * INTERF_DEG), mid, up, down;
    if (theta_deg >= 56.25 && theta_deg < 123.75) {
        mid = 90.0; /* M1 = (2 + 8 sin theta)/log(90/50), M2 = (-9 - 8 sin theta)/log(180/90) */
        up = 2.0 + 8.0 * st;
        down = -9.0 - 8.0 * st;
    } else if (theta_deg < 180.0) {
        mid = 120.0; /* M3 = (2 + 8 sin theta)/log(120/50), M4 = (-9 - 8 sin theta)/log(180/120) */
        up = 2.0 + 8.0 * st;
        down = -9.0 - 8.0 * st;
    } else {
        mid = 120.0; /* M5 = 2/log(120/50), M6 = -9/log(180/120) */
        up = 2.0;
        down = -9.0;
    }
    /* M1 log phi - b1 with b1 = M1 log 50 + 10 is M1 log(phi/50) - 10; likewise the falling
     * segment is M2 log(phi/180) - 17 */
    if (phi < mid)
        return up / log10(mid / 50.0) * log10(phi / 50.0) - 10.0;
    return down / log10(180.0 / mid) * log10(phi / 180.0) - 17.0;
}

static double bo_gain2(const struct interf_antenna *ant, double phi, double theta_deg)
{
    const double *d = ant->derived;
    if (phi < d[BO_PHIM]) {
        double x = d[BO_DL] * phi;
        return d[BO_GMAX] - 2.5e-3 * x * x;
    }
    if (phi < d[BO_PHIG1])
        return d[BO_G1];
    if (d[BO_REGIME] == 1.0) {
        if (phi < 36.3)
            return 29.0 - 25.0 * log10(phi);
        if (phi < 50.0)
            return -10.0;
        return bo_back(phi, theta_deg);
    }
    if (d[BO_REGIME] == 2.0)
        return s1428_small_far(2.0, phi); /* as S.1428-1 for 25 < D/lambda <= 100 */
    return s1428_large_far(phi);          /* as S.1428-1 for D/lambda > 100 */
}

static double bo_gain(const struct interf_antenna *ant, double phi)
{
    return bo_gain2(ant, phi, 0.0);
}

static size_t bo_breaks(const struct interf_antenna *ant, double theta, struct ant_brk *o,
                        size_t max)
{
    const double *d = ant->derived;
    size_t n = 0;
    ant_brk_add(o, max, &n, d[BO_PHIM], 0);
    ant_brk_add(o, max, &n, d[BO_PHIG1], d[BO_REGIME] == 3.0);
    if (d[BO_REGIME] == 1.0) {
        ant_brk_add(o, max, &n, 36.3, 1);
        ant_brk_add(o, max, &n, 50.0, 0);
        ant_brk_add(o, max, &n, theta >= 56.25 && theta < 123.75 ? 90.0 : 120.0, 0);
    } else {
        s1428_far_breaks(d[BO_REGIME], o, max, &n);
    }
    return n;
}

static double bo_main_lobe(const struct interf_antenna *ant, double r)
{
    (void)r;
    return ant->derived[BO_PHIM];
}

/* The back lobes step where the planar-angle sectors meet (56.25, 123.75 deg); at 0 and
 * 180 deg the sectors agree (sin theta = 0) but the slope in theta changes: rows go there too. */
static size_t bo_az_breaks(const struct interf_antenna *ant, double *out, size_t max)
{
    static const double br[4] = {0.0, 56.25, 123.75, 180.0};
    (void)ant;
    for (size_t i = 0; i < 4 && i < max; i++)
        out[i] = br[i];
    return max < 4 ? max : 4;
}

static int bo_azimuthal(const struct interf_antenna *ant)
{
    return ant->derived[BO_REGIME] == 1.0;
}

static const struct interf_pattern_priv bo_priv = {
    .lut2 = ANT_LUT_AZIMUTH, .azimuthal = bo_azimuthal, .breaks = bo_breaks,
    .main_lobe_deg = bo_main_lobe, .az_breaks = bo_az_breaks};

const struct interf_pattern_def ant_bo1443 = {
    "BO.1443",
    "ITU-R BO.1443-3 (07/2014), Annex 1",
    "BSS earth station (RR Table 22-1D), back lobes by planar angle for D/lambda <= 25.5",
    2,
    dish_keys,
    1,
    bo_prepare,
    bo_gain,
    bo_gain2,
    "the planar angle theta of BO.1443-3 Annex 1 (sector 56.25-123.75 deg centred on 90 deg;"
    " 180-360 deg the half-plane with the fixed M5/M6 back lobes)",
    NULL,
    &bo_priv};

/* =============================================================================================
 * S.465-6 and S.580-6 give the side-lobe envelope from phi_min on and leave the main lobe open.
 * Two conventions are offered by the key flat_main_lobe:
 *   0 (default): the main lobe of RR Appendix 8 Annex 3 as the BR's pattern library applies it
 *      (APEREC013V01, APEREC015V01): Gmax - 2.5e-3 (D/lambda phi)^2 to phi_m, then G1 to
 *      phi_min, where G1 is the envelope's own value at phi_min and
 *      phi_m = (20 lambda/D) sqrt(Gmax - G1): continuous;
 *   1: Gmax flat up to phi_min (SHARC's choice), a step at phi_min.
 * Gmax defaults to 20 log(D/lambda) + 7.7 (RR Appendix 8 Annex 3).
 */
enum { ES_D, ES_FREQ, ES_GMAX, ES_FLAT, ES_NKEYS };
enum { ES_DL, ES_GM, ES_PHIMIN, ES_G1, ES_PHIM };

static const struct interf_pattern_key es_keys[ES_NKEYS] = {
    {"diameter_m", "m", 0.0, 100.0, 0.0, 1, "D, antenna diameter", INTERF_KEY_OPEN_MIN},
    {"frequency_ghz", "GHz", 0.0, 1000.0, 0.0, 0,
     "frequency for lambda = c/f; default the system's frequency", INTERF_KEY_OPEN_MIN},
    {"gain_max_dbi", "dBi", 0.0, 100.0, 0.0, 0,
     "Gmax; 0: 20 log(D/lambda) + 7.7 (RR Appendix 8 Annex 3)", 0},
    {"flat_main_lobe", "", 0.0, 1.0, 0.0, 0,
     "1: Gmax flat up to phi_min; 0: the RR Appendix 8 main lobe joining the envelope",
     INTERF_KEY_INTEGER},
};

/* Shared preparation: D/lambda, Gmax, phi_min and the main lobe joining g1 (the envelope at
 * phi_min). */
static void es_main_lobe(struct interf_antenna *ant, double phimin, double g1)
{
    double *d = ant->derived;
    d[ES_PHIMIN] = phimin;
    d[ES_G1] = fmin(g1, d[ES_GM]);
    d[ES_PHIM] = 20.0 / d[ES_DL] * sqrt(d[ES_GM] - d[ES_G1]);
    ant->gain_max_dbi = d[ES_GM];
}

static void es_common(struct interf_antenna *ant)
{
    double *d = ant->derived, *v = ant->value;
    d[ES_DL] = ant_dlambda(ant, v[ES_D]);
    d[ES_GM] = v[ES_GMAX] > 0.0 ? v[ES_GMAX] : 20.0 * log10(d[ES_DL]) + 7.7;
}

/* The main lobe below phi_min, by the chosen convention. */
static double es_inner(const struct interf_antenna *ant, double phi)
{
    const double *d = ant->derived;
    if (ant->value[ES_FLAT] != 0.0)
        return d[ES_GM];
    if (phi < d[ES_PHIM]) {
        double x = d[ES_DL] * phi;
        return d[ES_GM] - 2.5e-3 * x * x;
    }
    return d[ES_G1];
}

static double es_main_lobe_end(const struct interf_antenna *ant, double r)
{
    (void)r;
    return ant->value[ES_FLAT] != 0.0 ? ant->derived[ES_PHIMIN] : ant->derived[ES_PHIM];
}

static enum interf_status s465_prepare(struct interf_antenna *ant, struct interf_error *err)
{
    (void)err;
    es_common(ant);
    double dl = ant->derived[ES_DL];
    /* S.465-6 recommends 2: phi_min = max(1, 100 lambda/D) for D/lambda >= 50, else
     * max(2, 114 (D/lambda)^-1.09) */
    double phimin = dl >= 50.0 ? fmax(1.0, 100.0 / dl) : fmax(2.0, 114.0 * pow(dl, -1.09));
    es_main_lobe(ant, phimin, 32.0 - 25.0 * log10(phimin));
    return INTERF_OK;
}

static double s465_gain(const struct interf_antenna *ant, double phi)
{
    if (phi < ant->derived[ES_PHIMIN])
        return es_inner(ant, phi);
    /* S.465-6 recommends 2: 32 - 25 log phi to 48 deg, -10 dBi to 180 deg */
    return phi < 48.0 ? 32.0 - 25.0 * log10(phi) : -10.0;
}

static size_t s465_breaks(const struct interf_antenna *ant, double r, struct ant_brk *o,
                          size_t max)
{
    (void)r;
    size_t n = 0;
    int flat = ant->value[ES_FLAT] != 0.0;
    if (!flat)
        ant_brk_add(o, max, &n, ant->derived[ES_PHIM], 0);
    ant_brk_add(o, max, &n, ant->derived[ES_PHIMIN], flat);
    ant_brk_add(o, max, &n, 48.0, 1); /* 32 - 25 log 48 = -10.03 */
    return n;
}

static const struct interf_pattern_priv s465_priv = {
    .lut2 = ANT_LUT_AXIAL, .breaks = s465_breaks, .main_lobe_deg = es_main_lobe_end};

const struct interf_pattern_def ant_s465 = {
    "S.465",
    "ITU-R S.465-6 (01/2010), recommends 2; main lobe per flat_main_lobe",
    "FSS earth station reference pattern, 2-31 GHz (coordination, interference assessment)",
    ES_NKEYS,
    es_keys,
    1,
    s465_prepare,
    s465_gain,
    NULL,
    NULL,
    NULL,
    &s465_priv};

/* S.580-6 recommends 1: the side-lobe design objective for GSO earth stations with
 * D/lambda >= 50, phi_min = max(1 deg, 100 lambda/D). */
static enum interf_status s580_prepare(struct interf_antenna *ant, struct interf_error *err)
{
    es_common(ant);
    double dl = ant->derived[ES_DL];
    if (!(dl >= 50.0))
        return interf_error_set(err, INTERF_EINPUT,
                                "S.580-6 is defined for D/lambda >= 50; got %.4g (diameter_m ="
                                " %.15g at %.15g GHz)",
                                dl, ant->value[ES_D], ant->freq_ghz);
    double phimin = fmax(1.0, 100.0 / dl);
    es_main_lobe(ant, phimin, 29.0 - 25.0 * log10(phimin));
    return INTERF_OK;
}

/* S.580-6 recommends 1: 29 - 25 log phi to 20 deg, -3.5 dBi to 26.3 deg, 32 - 25 log phi to
 * 48 deg, -10 dBi beyond (SHARC drops the middle two: not followed). */
static double s580_gain(const struct interf_antenna *ant, double phi)
{
    if (phi < ant->derived[ES_PHIMIN])
        return es_inner(ant, phi);
    if (phi <= 20.0)
        return 29.0 - 25.0 * log10(phi);
    if (phi <= 26.3)
        return -3.5;
    if (phi <= 48.0)
        return 32.0 - 25.0 * log10(phi);
    return -10.0;
}

static size_t s580_breaks(const struct interf_antenna *ant, double r, struct ant_brk *o,
                          size_t max)
{
    (void)r;
    size_t n = 0;
    int flat = ant->value[ES_FLAT] != 0.0;
    if (!flat)
        ant_brk_add(o, max, &n, ant->derived[ES_PHIM], 0);
    ant_brk_add(o, max, &n, ant->derived[ES_PHIMIN], flat);
    ant_brk_add(o, max, &n, 20.0, 1);
    ant_brk_add(o, max, &n, 26.3, 1);
    ant_brk_add(o, max, &n, 48.0, 1);
    return n;
}

static const struct interf_pattern_priv s580_priv = {
    .lut2 = ANT_LUT_AXIAL, .breaks = s580_breaks, .main_lobe_deg = es_main_lobe_end};

const struct interf_pattern_def ant_s580 = {
    "S.580",
    "ITU-R S.580-6 (01/2004), recommends 1; main lobe per flat_main_lobe",
    "GSO earth station side-lobe design objective, D/lambda >= 50",
    ES_NKEYS,
    es_keys,
    1,
    s580_prepare,
    s580_gain,
    NULL,
    NULL,
    NULL,
    &s580_priv};
