/* SPDX-License-Identifier: MIT */
/* Fixed-service and radio-astronomy patterns: Rec. ITU-R F.699-8 (01/2018), F.1245-3 (01/2019)
 * recommends 2, RA.1631-0 (05/2003) with its optional Bessel main lobe, SA.509-3 (12/2013), and
 * the RA.769-2 (05/2003) Table 1 thresholds. Angles in degrees, log10 of degrees. */
#include "antenna_impl.h"

#include <math.h>

enum { FS_D, FS_FREQ, FS_GMAX, FS_NKEYS };
enum { FS_DL, FS_GM, FS_G1, FS_PHIM, FS_PHIR, FS_BAND, FS_FAR };

static const struct interf_pattern_key fs_keys[FS_NKEYS] = {
    {"diameter_m", "m", 0.0, 100.0, 0.0, 1, "D, antenna diameter", INTERF_KEY_OPEN_MIN},
    {"frequency_ghz", "GHz", 0.1, 86.0, 0.0, 0,
     "frequency for lambda = c/f; default the system's frequency", 0},
    {"gain_max_dbi", "dBi", 0.0, 100.0, 0.0, 0,
     "Gmax; 0: 20 log(D/lambda) + 7.7 (the Recommendation's note)", 0},
};

/* D/lambda, Gmax (given, or 20 log(D/lambda) + 7.7), G1 = 2 + 15 log(D/lambda) and
 * phi_m = (20 lambda/D) sqrt(Gmax - G1) (0 when Gmax <= G1: no parabola). */
static void fs_common(struct interf_antenna *ant)
{
    double *d = ant->derived, *v = ant->value;
    d[FS_DL] = ant_dlambda(ant, v[FS_D]);
    d[FS_GM] = v[FS_GMAX] > 0.0 ? v[FS_GMAX] : 20.0 * log10(d[FS_DL]) + 7.7;
    d[FS_G1] = 2.0 + 15.0 * log10(d[FS_DL]);
    d[FS_PHIM] = d[FS_GM] > d[FS_G1] ? 20.0 / d[FS_DL] * sqrt(d[FS_GM] - d[FS_G1]) : 0.0;
    ant->gain_max_dbi = d[FS_GM];
}

static double fs_parabola(const double *d, double phi)
{
    double x = d[FS_DL] * phi;
    return d[FS_GM] - 2.5e-3 * x * x;
}

static double fs_main_lobe(const struct interf_antenna *ant, double r)
{
    (void)r;
    return ant->derived[FS_PHIM];
}

/* =============================================================================================
 * F.699-8 recommends 2-3 (peak side-lobe envelope, 100 MHz to 86 GHz). Bands: 0 = 0.1-1 GHz,
 * 1 = 1-70 GHz, 2 = 70-86 GHz. D/lambda > 100 uses phi_r = 15.85 (D/lambda)^-0.6 and
 * 32 - 25 log phi; D/lambda <= 100 ends G1 at 100 lambda/D and continues with
 * 52 - 10 log(D/lambda) - 25 log phi, as the text and its continuity say (pycraf uses phi_r
 * and -10 - 10 log(D/lambda) there, a 20 dB step at 48 deg: not followed).
 */
static enum interf_status f699_prepare(struct interf_antenna *ant, struct interf_error *err)
{
    double *d = ant->derived, f = ant->freq_ghz;
    fs_common(ant);
    d[FS_BAND] = f < 1.0 ? 0.0 : f <= 70.0 ? 1.0 : 2.0;
    if (d[FS_BAND] == 0.0 && !(d[FS_DL] > 0.63))
        return interf_error_set(err, INTERF_EINPUT,
                                "F.699-8 below 1 GHz is defined for D/lambda > 0.63; got %.4g",
                                d[FS_DL]);
    if (d[FS_DL] > 100.0 && d[FS_BAND] != 0.0)
        d[FS_PHIR] = 15.85 * pow(d[FS_DL], -0.6);
    else
        d[FS_PHIR] = 100.0 / d[FS_DL];
    /* far end: 48 deg (1-70 GHz), 120 deg (70-86 GHz), phi_s = 144.5 (D/lambda)^-0.2 (< 1 GHz) */
    d[FS_FAR] = d[FS_BAND] == 1.0 ? 48.0 : d[FS_BAND] == 2.0 ? 120.0 : 144.5 * pow(d[FS_DL], -0.2);
    return INTERF_OK;
}

static double f699_gain(const struct interf_antenna *ant, double phi)
{
    const double *d = ant->derived;
    double ldl = 10.0 * log10(d[FS_DL]);
    if (phi < d[FS_PHIM])
        return fs_parabola(d, phi);
    if (phi < d[FS_PHIR])
        return d[FS_G1];
    int large = d[FS_DL] > 100.0 && d[FS_BAND] != 0.0;
    if (phi < d[FS_FAR])
        return large ? 32.0 - 25.0 * log10(phi) : 52.0 - ldl - 25.0 * log10(phi);
    if (d[FS_BAND] == 0.0)
        return -2.0 - 0.5 * ldl; /* -2 - 5 log(D/lambda) */
    if (d[FS_BAND] == 1.0)
        return large ? -10.0 : 10.0 - ldl;
    return large ? -20.0 : -ldl; /* 70-86 GHz */
}

static size_t f699_breaks(const struct interf_antenna *ant, double r, struct ant_brk *o,
                          size_t max)
{
    (void)r;
    const double *d = ant->derived;
    size_t n = 0;
    ant_brk_add(o, max, &n, d[FS_PHIM], 0);
    if (d[FS_PHIR] > d[FS_PHIM])
        ant_brk_add(o, max, &n, d[FS_PHIR], 1);
    ant_brk_add(o, max, &n, d[FS_FAR], 1);
    return n;
}

static const struct interf_pattern_priv f699_priv = {
    .lut2 = ANT_LUT_AXIAL, .breaks = f699_breaks, .main_lobe_deg = fs_main_lobe};

const struct interf_pattern_def ant_f699 = {
    "F.699",
    "ITU-R F.699-8 (01/2018), recommends 2 and 3",
    "fixed-service point-to-point antenna, peak side-lobe envelope, 0.1-86 GHz",
    FS_NKEYS,
    fs_keys,
    1,
    f699_prepare,
    f699_gain,
    NULL,
    NULL,
    NULL,
    &f699_priv};

/* =============================================================================================
 * F.1245-3 recommends 2 (average side-lobe pattern, 1 GHz to 86 GHz). Independent
 * implementations of this revision agree on the 1-70 GHz branches (Radio-Spectrum/SHARC
 * antenna_f1245*.py); the 70-86 GHz branches continue the side-lobe law to 120 deg.
 */
static enum interf_status f1245_prepare(struct interf_antenna *ant, struct interf_error *err)
{
    double *d = ant->derived, f = ant->freq_ghz;
    if (f < 1.0)
        return interf_error_set(err, INTERF_EINPUT,
                                "frequency_ghz: %.15g: F.1245-3 is defined from 1 to 86 GHz", f);
    fs_common(ant);
    d[FS_BAND] = f <= 70.0 ? 1.0 : 2.0;
    /* D/lambda > 100: G1 to phi_r = 12.02 (D/lambda)^-0.6 (when it lies beyond phi_m) */
    d[FS_PHIR] = d[FS_DL] > 100.0 ? fmax(d[FS_PHIM], 12.02 * pow(d[FS_DL], -0.6)) : d[FS_PHIM];
    d[FS_FAR] = d[FS_BAND] == 1.0 ? 48.0 : 120.0;
    return INTERF_OK;
}

static double f1245_gain(const struct interf_antenna *ant, double phi)
{
    const double *d = ant->derived;
    double l5 = 5.0 * log10(d[FS_DL]);
    int large = d[FS_DL] > 100.0;
    if (phi < d[FS_PHIM])
        return fs_parabola(d, phi);
    if (phi < d[FS_PHIR])
        return d[FS_G1];
    if (phi < d[FS_FAR])
        return large ? 29.0 - 25.0 * log10(phi) : 39.0 - l5 - 25.0 * log10(phi);
    if (d[FS_BAND] == 1.0)
        return large ? -13.0 : -3.0 - l5;
    return large ? -23.0 : -13.0 - l5;
}

static size_t f1245_breaks(const struct interf_antenna *ant, double r, struct ant_brk *o,
                           size_t max)
{
    (void)r;
    const double *d = ant->derived;
    size_t n = 0;
    ant_brk_add(o, max, &n, d[FS_PHIM], d[FS_DL] <= 100.0);
    if (d[FS_PHIR] > d[FS_PHIM])
        ant_brk_add(o, max, &n, d[FS_PHIR], 1);
    ant_brk_add(o, max, &n, d[FS_FAR], 1);
    return n;
}

static const struct interf_pattern_priv f1245_priv = {
    .lut2 = ANT_LUT_AXIAL, .breaks = f1245_breaks, .main_lobe_deg = fs_main_lobe};

const struct interf_pattern_def ant_f1245 = {
    "F.1245",
    "ITU-R F.1245-3 (01/2019), recommends 2",
    "fixed-service point-to-point antenna, average side-lobe pattern, 1-86 GHz",
    FS_NKEYS,
    fs_keys,
    1,
    f1245_prepare,
    f1245_gain,
    NULL,
    NULL,
    NULL,
    &f1245_priv};

/* =============================================================================================
 * RA.1631-0: radio-astronomy antenna for epfd studies. Gmax = 10 log(eta (pi D/lambda)^2),
 * G1 = -1 + 15 log(D/lambda), phi_r = 15.85 (D/lambda)^-0.6, the S.1428-like far side lobes.
 * bessel = 1 replaces the pattern inside 1 deg with the Bessel form the Recommendation gives
 * for the main beam: x = (pi/2)(D/lambda) phi (rad); Gmax + 20 log(J1(2x)/x) up to its first
 * null phi_0 = 69.88/(D/lambda) deg, then 20 log(B^(1/2) |cos(2x - 3 pi/4 + 0.0953)| / x) with
 * B^(1/2) = 10^1.6 pi (D/lambda)/2 (pi/180) up to 1 deg. The text writes the cosine without
 * the modulus; pycraf returns NaN where it is negative, we take the magnitude of the field.
 */
enum { RA_D, RA_FREQ, RA_ETA, RA_BESSEL, RA_NKEYS };
enum { RA_DL, RA_GM, RA_G1, RA_PHIM, RA_PHIR, RA_PHI0, RA_BH };

static const struct interf_pattern_key ra_keys[RA_NKEYS] = {
    {"diameter_m", "m", 0.0, 1000.0, 0.0, 1, "D, antenna diameter", INTERF_KEY_OPEN_MIN},
    {"frequency_ghz", "GHz", 0.0, 1000.0, 0.0, 0,
     "frequency for lambda = c/f; default the system's frequency", INTERF_KEY_OPEN_MIN},
    {"efficiency", "", 0.0, 1.0, 1.0, 0, "eta, aperture efficiency in Gmax",
     INTERF_KEY_OPEN_MIN},
    {"bessel", "", 0.0, 1.0, 0.0, 0, "1: the Bessel main beam inside 1 deg", INTERF_KEY_INTEGER},
};

static enum interf_status ra_prepare(struct interf_antenna *ant, struct interf_error *err)
{
    (void)err;
    double *d = ant->derived, *v = ant->value;
    d[RA_DL] = ant_dlambda(ant, v[RA_D]);
    d[RA_GM] = 10.0 * log10(v[RA_ETA] * pow(INTERF_PI * d[RA_DL], 2.0));
    d[RA_G1] = -1.0 + 15.0 * log10(d[RA_DL]);
    d[RA_PHIM] = d[RA_GM] > d[RA_G1] ? 20.0 / d[RA_DL] * sqrt(d[RA_GM] - d[RA_G1]) : 0.0;
    d[RA_PHIR] = 15.85 * pow(d[RA_DL], -0.6);
    d[RA_PHI0] = 69.88 / d[RA_DL];
    d[RA_BH] = pow(10.0, 1.6) * INTERF_PI * d[RA_DL] / 2.0 * INTERF_DEG;
    ant->gain_max_dbi = d[RA_GM];
    return INTERF_OK;
}

/* RA.1631-0: 29 - 25 log phi to 10 deg, 34 - 30 log phi to 34.1 deg, -12 to 80, -7 to 120,
 * -12 to 180 dBi (the branches of S.1428-1 for D/lambda > 100) */
static double ra_far(double phi)
{
    if (phi < 10.0)
        return 29.0 - 25.0 * log10(phi);
    if (phi < 34.1)
        return 34.0 - 30.0 * log10(phi);
    if (phi < 80.0)
        return -12.0;
    return phi < 120.0 ? -7.0 : -12.0;
}

static double ra_standard(const double *d, double phi)
{
    if (phi < d[RA_PHIM]) {
        double x = d[RA_DL] * phi;
        return d[RA_GM] - 2.5e-3 * x * x;
    }
    if (phi < d[RA_PHIR])
        return d[RA_G1];
    return ra_far(phi);
}

static double ra_gain(const struct interf_antenna *ant, double phi)
{
    const double *d = ant->derived;
    if (ant->value[RA_BESSEL] == 0.0 || phi >= 1.0)
        return ra_standard(d, phi);
    double x = INTERF_PI / 2.0 * d[RA_DL] * phi * INTERF_DEG;
    if (phi < d[RA_PHI0]) {
        if (x < 1e-9)
            return d[RA_GM];
        double f = j1(2.0 * x) / x;
        return d[RA_GM] + ant_db(f * f);
    }
    double f = d[RA_BH] * cos(2.0 * x - 0.75 * INTERF_PI + 0.0953) / x;
    return ant_db(f * f);
}

static size_t ra_breaks(const struct interf_antenna *ant, double r, struct ant_brk *o,
                        size_t max)
{
    (void)r;
    const double *d = ant->derived;
    size_t n = 0;
    int bes = ant->value[RA_BESSEL] != 0.0;
    if (bes) {
        ant_brk_add(o, max, &n, d[RA_PHI0], 1);
        ant_brk_add(o, max, &n, 1.0, 1);
    }
    if (!bes || d[RA_PHIM] >= 1.0)
        ant_brk_add(o, max, &n, d[RA_PHIM], 0);
    if ((!bes || d[RA_PHIR] >= 1.0) && d[RA_PHIR] > d[RA_PHIM])
        ant_brk_add(o, max, &n, d[RA_PHIR], 1);
    ant_brk_add(o, max, &n, 10.0, 0);
    ant_brk_add(o, max, &n, 34.1, 1);
    ant_brk_add(o, max, &n, 80.0, 1);
    ant_brk_add(o, max, &n, 120.0, 1);
    /* sort (the Bessel breaks may precede phi_m) */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && o[j].phi_deg < o[j - 1].phi_deg; j--) {
            struct ant_brk t = o[j];
            o[j] = o[j - 1];
            o[j - 1] = t;
        }
    return n;
}

/* Zeros of the Bessel main beam: J1(2x) = 0 below phi_0, the cosine's zeros from phi_0 to 1. */
static size_t ra_nulls(const struct interf_antenna *ant, double r, double *out, size_t max)
{
    (void)r;
    const double *d = ant->derived;
    size_t n = 0;
    if (ant->value[RA_BESSEL] == 0.0)
        return 0;
    double k = INTERF_PI / 2.0 * d[RA_DL] * INTERF_DEG; /* x = k phi */
    /* 2x - 3 pi/4 + 0.0953 = pi/2 + m pi */
    for (int m = -2; n < max; m++) {
        double x = (INTERF_PI / 2.0 + m * INTERF_PI + 0.75 * INTERF_PI - 0.0953) / 2.0;
        double phi = x / k;
        if (phi >= 1.0)
            break;
        if (phi >= d[RA_PHI0])
            out[n++] = phi;
    }
    return n;
}

static double ra_main_lobe(const struct interf_antenna *ant, double r)
{
    (void)r;
    return ant->value[RA_BESSEL] != 0.0 ? fmin(ant->derived[RA_PHI0], 1.0)
                                        : ant->derived[RA_PHIM];
}

static const struct interf_pattern_priv ra_priv = {
    .lut2 = ANT_LUT_AXIAL, .breaks = ra_breaks, .nulls = ra_nulls, .main_lobe_deg = ra_main_lobe};

const struct interf_pattern_def ant_ra1631 = {
    "RA.1631",
    "ITU-R RA.1631-0 (05/2003), with the optional Bessel main beam",
    "radio-astronomy antenna for epfd studies",
    RA_NKEYS,
    ra_keys,
    1,
    ra_prepare,
    ra_gain,
    NULL,
    NULL,
    NULL,
    &ra_priv};

/* =============================================================================================
 * SA.509-3 recommends 2 (peak side-lobe pattern of large space-research earth stations):
 * G0 = 10 log(eta (pi D/lambda)^2), phi_0 = 20 sqrt(3)/(D/lambda), G0 - 3 (phi/phi_0)^2 to
 * phi_1 = phi_0 sqrt(20/3), G0 - 20 to phi_2 = 10^((49 - G0)/25), 29 - 25 log phi to 48 deg,
 * -13 to 80, -8 to 120, -13 to 180 dBi.
 */
enum { SA_D, SA_FREQ, SA_ETA, SA_NKEYS };
enum { SA_G0, SA_PHI0, SA_PHI1, SA_PHI2 };

static const struct interf_pattern_key sa_keys[SA_NKEYS] = {
    {"diameter_m", "m", 0.0, 1000.0, 0.0, 1, "D, antenna diameter", INTERF_KEY_OPEN_MIN},
    {"frequency_ghz", "GHz", 0.0, 1000.0, 0.0, 0,
     "frequency for lambda = c/f; default the system's frequency", INTERF_KEY_OPEN_MIN},
    {"efficiency", "", 0.0, 1.0, 1.0, 0, "eta, aperture efficiency in G0", INTERF_KEY_OPEN_MIN},
};

static enum interf_status sa_prepare(struct interf_antenna *ant, struct interf_error *err)
{
    (void)err;
    double *d = ant->derived, dl = ant_dlambda(ant, ant->value[SA_D]);
    d[SA_G0] = 10.0 * log10(ant->value[SA_ETA] * pow(INTERF_PI * dl, 2.0));
    d[SA_PHI0] = 20.0 * sqrt(3.0) / dl;
    d[SA_PHI1] = d[SA_PHI0] * sqrt(20.0 / 3.0);
    d[SA_PHI2] = pow(10.0, (49.0 - d[SA_G0]) / 25.0);
    ant->gain_max_dbi = d[SA_G0];
    return INTERF_OK;
}

static double sa_gain(const struct interf_antenna *ant, double phi)
{
    const double *d = ant->derived;
    if (phi < d[SA_PHI1]) {
        double r = phi / d[SA_PHI0];
        return d[SA_G0] - 3.0 * r * r;
    }
    if (phi < d[SA_PHI2])
        return d[SA_G0] - 20.0;
    if (phi < 48.0)
        return 29.0 - 25.0 * log10(phi);
    if (phi < 80.0)
        return -13.0;
    return phi < 120.0 ? -8.0 : -13.0;
}

static size_t sa_breaks(const struct interf_antenna *ant, double r, struct ant_brk *o,
                        size_t max)
{
    (void)r;
    const double *d = ant->derived;
    size_t n = 0;
    ant_brk_add(o, max, &n, d[SA_PHI1], 0);
    if (d[SA_PHI2] > d[SA_PHI1])
        ant_brk_add(o, max, &n, d[SA_PHI2], 0);
    ant_brk_add(o, max, &n, 48.0, 1);
    ant_brk_add(o, max, &n, 80.0, 1);
    ant_brk_add(o, max, &n, 120.0, 1);
    return n;
}

static double sa_main_lobe(const struct interf_antenna *ant, double r)
{
    (void)r;
    return ant->derived[SA_PHI1];
}

static const struct interf_pattern_priv sa_priv = {
    .lut2 = ANT_LUT_AXIAL, .breaks = sa_breaks, .main_lobe_deg = sa_main_lobe};

const struct interf_pattern_def ant_sa509 = {
    "SA.509",
    "ITU-R SA.509-3 (12/2013), recommends 2",
    "space-research and radio-astronomy earth station, peak side-lobe pattern",
    SA_NKEYS,
    sa_keys,
    1,
    sa_prepare,
    sa_gain,
    NULL,
    NULL,
    NULL,
    &sa_priv};

/* =============================================================================================
 * RA.769-2 Table 1 (continuum), the rows transcribed by bwinkel/pycraf
 * (itudata/ra.769-2/ra_769_table1_limits_continuum.csv) for the bands the catalogue's users
 * meet most; interf_ra769_threshold recomputes any row from Annex 1. */
static const struct interf_ra769_row ra769[] = {
    {1413.5, 27.0, 12.0, 10.0, -205.0, -180.0, -255.0},
    {4995.0, 10.0, 12.0, 10.0, -207.0, -171.0, -241.0},
    {10650.0, 100.0, 12.0, 10.0, -202.0, -160.0, -240.0},
    {22355.0, 290.0, 35.0, 30.0, -195.0, -146.0, -231.0},
    {43000.0, 1000.0, 25.0, 65.0, -191.0, -137.0, -227.0},
};

size_t interf_ra769_count(void) { return sizeof ra769 / sizeof ra769[0]; }

const struct interf_ra769_row *interf_ra769_at(size_t i)
{
    return i < interf_ra769_count() ? &ra769[i] : NULL;
}

void interf_ra769_threshold(double freq_mhz, double bandwidth_mhz, double t_antenna_k,
                            double t_receiver_k, double t_int_s, double *dp_dbw,
                            double *s_dbw_m2, double *s_dbw_m2_hz)
{
    const double k_j_k = 1.380649e-23; /* Boltzmann constant, exact since 2019 */
    double df = bandwidth_mhz * 1e6, f = freq_mhz * 1e6;
    double dt = (t_antenna_k + t_receiver_k) / sqrt(df * t_int_s); /* Annex 1 eq. (1) */
    double dp = 0.1 * k_j_k * dt * df;                            /* 10 % of the rms noise */
    double s = dp * 4.0 * INTERF_PI * f * f / (INTERF_C_M_S * INTERF_C_M_S); /* 0 dBi */
    if (dp_dbw)
        *dp_dbw = 10.0 * log10(dp);
    if (s_dbw_m2)
        *s_dbw_m2 = 10.0 * log10(s);
    if (s_dbw_m2_hz)
        *s_dbw_m2_hz = 10.0 * log10(s / df);
}
