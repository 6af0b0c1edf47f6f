/* SPDX-License-Identifier: MIT */
/* Satellite antenna patterns: Rec. ITU-R S.1528 (06/2001) recommends 1.2 (circular and
 * elliptical beams) and 1.3 (LEO), recommends 1.4 (Taylor-illuminated aperture) as S.1528-5
 * gives it, and Rec. ITU-R S.672-4 (09/1997) Annex 1 with the main lobe as RR Article 22
 * applies it. Angles in degrees, log10 of degrees, as in the Recommendations. */
#include "antenna_impl.h"

#include <math.h>
#include <string.h>

/* =============================================================================================
 * S.1528 recommends 1.2. psi_b is one-half the 3 dB beamwidth in the plane of interest. An
 * elliptical beam (z > 1) has psi_b = half_beamwidth_deg along its major axis and, in the plane
 * at azimuth chi from that axis, the ellipse's radius psi_b(chi) = psi_b / q(chi) with
 * q = sqrt(cos^2 chi + z^2 sin^2 chi) (psi_b / z along the minor axis). The Recommendation
 * gives the pattern in one plane; the ellipse is the interpolation between the two axes.
 */
enum { S1528_GM, S1528_PSIB, S1528_LN, S1528_Z, S1528_LF, S1528_NKEYS };
enum { S1528_A, S1528_NEAR, S1528_PLATEAU, S1528_LB, S1528_YFAC };

static const struct interf_pattern_key s1528_keys[S1528_NKEYS] = {
    {"gain_max_dbi", "dBi", 0.0, 80.0, 0.0, 1, "Gm, maximum gain in the main lobe", 0},
    {"half_beamwidth_deg", "deg", 0.0, 90.0, 0.0, 1,
     "psi_b, one-half the 3 dB beamwidth (along the major axis of an elliptical beam)",
     INTERF_KEY_OPEN_MIN},
    {"ln_db", "dB", -30.0, -15.0, -20.0, 0,
     "LN, near-in side-lobe level relative to the peak: -15, -20, -25 or -30", 0},
    {"z", "", 1.0, 100.0, 1.0, 0, "major/minor axis ratio of the beam (1 = circular)", 0},
    {"lf_dbi", "dBi", -30.0, 30.0, 0.0, 0, "LF, far-out side-lobe level", 0},
};

/* Rec. ITU-R S.1528 rec. 1.2, table of constants: a = 2.58 sqrt(1 - k log z) with k by LN;
 * b = 6.32 and alpha = 1.5 for every LN. */
static const double s1528_ln[4] = {-15.0, -20.0, -25.0, -30.0};
static const double s1528_k[4] = {1.4, 1.0, 0.6, 0.4};
#define S1528_B 6.32

static enum interf_status s1528_prepare(struct interf_antenna *ant, struct interf_error *err)
{
    const double *v = ant->value;
    double gm = v[S1528_GM], ln = v[S1528_LN], z = v[S1528_Z];
    int i = ant_set_index(ln, s1528_ln, 4);
    if (i < 0)
        return interf_error_set(err, INTERF_EINPUT, "ln_db: %.15g: allowed: -15, -20, -25, -30",
                                ln);
    /* a must be real and positive, or the main lobe vanishes: z < 10^(1/k). */
    double radicand = 1.0 - s1528_k[i] * log10(z);
    if (!(radicand > 0.0))
        return interf_error_set(err, INTERF_EINPUT,
                                "z: %.15g: with ln_db = %g, Rec. ITU-R S.1528 rec. 1.2 needs z"
                                " below %.4g (a = 2.58 sqrt(1 - %g log z) must be positive)",
                                z, ln, pow(10.0, 1.0 / s1528_k[i]), s1528_k[i]);
    double *d = ant->derived;
    d[S1528_A] = 2.58 * sqrt(radicand);
    d[S1528_NEAR] = gm + ln + 20.0 * log10(z);
    d[S1528_PLATEAU] = gm + ln;
    /* rec. 1.2: LB = 15 + LN + 0.25 Gm + 5 log z, or 0 dBi whichever is higher */
    d[S1528_LB] = fmax(15.0 + ln + 0.25 * gm + 5.0 * log10(z), 0.0);
    /* rec. 1.2: Y = b psi_b 10^(0.04 (Gm + LN - LF)), as a multiple of psi_b */
    d[S1528_YFAC] = S1528_B * pow(10.0, 0.04 * (gm + ln - v[S1528_LF]));
    ant->gain_max_dbi = gm;
    return INTERF_OK;
}

/* Branches in the order rec. 1.2 lists them, first match wins, for psi_b = psib. Boundaries are
 * as written (upper bounds inclusive), so psi = a psi_b is main lobe: SHARC leaves that one
 * angle unassigned. When Y > 90 deg the X - 25 log psi branch runs past 90 deg before LB, and
 * when b psi_b > 90 deg the side-lobe plateaus do: the text's ranges overlap there and we read
 * them top down. */
static double s1528_branches(const struct interf_antenna *ant, double psi, double psib)
{
    const double *d = ant->derived, *v = ant->value;
    if (psi <= d[S1528_A] * psib) {
        /* rec. 1.2: Gm - 3 (psi/psi_b)^alpha, alpha = 1.5 */
        double r = psi / psib;
        return v[S1528_GM] - 3.0 * r * sqrt(r);
    }
    if (psi <= 0.5 * S1528_B * psib)
        return d[S1528_NEAR]; /* Gm + LN + 20 log z: the elliptical beam's raised shoulder */
    if (psi <= S1528_B * psib)
        return d[S1528_PLATEAU]; /* Gm + LN */
    if (psi <= d[S1528_YFAC] * psib) /* X - 25 log psi, X = Gm + LN + 25 log(b psi_b) */
        return d[S1528_PLATEAU] - 25.0 * log10(psi / (S1528_B * psib));
    if (psi <= 90.0)
        return v[S1528_LF];
    return d[S1528_LB];
}

static double s1528_q(const struct interf_antenna *ant, double az_deg)
{
    double z = ant->value[S1528_Z], c = cos(az_deg * INTERF_DEG), s = sin(az_deg * INTERF_DEG);
    return sqrt(c * c + z * z * s * s);
}

/* The lookup tables' core: the branches without the fixed 90 deg change from LF to LB (the
 * table applies LB beyond 90 deg itself, in every plane alike). */
static double s1528_gain_q(const struct interf_antenna *ant, double psi, double q)
{
    double psib = ant->value[S1528_PSIB] / q;
    if (psi > 90.0 && psi > ant->derived[S1528_YFAC] * psib && psi > S1528_B * psib)
        return ant->value[S1528_LF];
    return s1528_branches(ant, psi, psib);
}

static double s1528_gain(const struct interf_antenna *ant, double psi)
{
    return s1528_branches(ant, psi, ant->value[S1528_PSIB]);
}

static double s1528_gain2(const struct interf_antenna *ant, double psi, double az)
{
    return s1528_branches(ant, psi, ant->value[S1528_PSIB] / s1528_q(ant, az));
}

static size_t s1528_breaks(const struct interf_antenna *ant, double q, struct ant_brk *o,
                           size_t max)
{
    const double *d = ant->derived;
    double psib = ant->value[S1528_PSIB] / q, y = d[S1528_YFAC] * psib;
    size_t n = 0;
    /* a psi_b: the text steps from Gm - 3 a^1.5 to the near-in level (7.6 dB for LN -20) */
    ant_brk_add(o, max, &n, d[S1528_A] * psib, 1);
    ant_brk_add(o, max, &n, 0.5 * S1528_B * psib, ant->value[S1528_Z] > 1.0);
    ant_brk_add(o, max, &n, S1528_B * psib, 0); /* X - 25 log(b psi_b) = Gm + LN */
    if (y > S1528_B * psib)
        ant_brk_add(o, max, &n, y, 0); /* X - 25 log Y = LF */
    return n; /* LF to LB at 90 deg is the table's tail, not a row breakpoint */
}

static double s1528_main_lobe(const struct interf_antenna *ant, double q)
{
    return ant->derived[S1528_A] * ant->value[S1528_PSIB] / q;
}

static void s1528_range(const struct interf_antenna *ant, double *lo, double *hi)
{
    *lo = 1.0;
    *hi = ant->value[S1528_Z];
}

/* Beyond 90 deg every plane has LB (the table builder checks that the side lobes of the
 * widest plane do not run past it). */
static void s1528_tail(const struct interf_antenna *ant, double *phi, double *g)
{
    *phi = 90.0;
    *g = ant->derived[S1528_LB];
}

static int s1528_azimuthal(const struct interf_antenna *ant)
{
    return ant->value[S1528_Z] > 1.0;
}

static const struct interf_pattern_priv s1528_priv = {
    .lut2 = ANT_LUT_SCALED, .azimuthal = s1528_azimuthal, .breaks = s1528_breaks,
    .main_lobe_deg = s1528_main_lobe, .scale = s1528_q, .scale_range = s1528_range,
    .gain_q = s1528_gain_q, .tail = s1528_tail};

const struct interf_pattern_def ant_s1528_12 = {
    "S.1528:1.2",
    "ITU-R S.1528 (06/2001), recommends 1.2",
    "NGSO satellite antenna below 30 GHz, circular or elliptical beam",
    S1528_NKEYS,
    s1528_keys,
    0,
    s1528_prepare,
    s1528_gain,
    s1528_gain2,
    "from the major axis of the beam ellipse (orientation_deg of the [beam])",
    NULL,
    &s1528_priv};

/* =============================================================================================
 * S.1528 recommends 1.3: NGSO satellite antenna for LEO, circular beam.
 */
enum { L13_GM, L13_PSIB, L13_LS, L13_LF, L13_NKEYS };
enum { L13_Y, L13_Z };

static const struct interf_pattern_key l13_keys[L13_NKEYS] = {
    {"gain_max_dbi", "dBi", 0.0, 80.0, 0.0, 1, "Gm, maximum gain in the main lobe", 0},
    {"half_beamwidth_deg", "deg", 0.0, 90.0, 0.0, 1, "psi_b, one-half the 3 dB beamwidth",
     INTERF_KEY_OPEN_MIN},
    {"ls_db", "dB", -30.0, 0.0, -6.75, 0,
     "LS, main-beam to near-in side-lobe level (the text's -6.75 makes the pattern continuous)",
     0},
    {"lf_dbi", "dBi", -30.0, 30.0, 5.0, 0, "LF, far-out side-lobe level", 0},
};

static enum interf_status l13_prepare(struct interf_antenna *ant, struct interf_error *err)
{
    (void)err;
    const double *v = ant->value;
    /* rec. 1.3: Y = 1.5 psi_b, Z = Y 10^(0.04 (Gm + LS - LF)) */
    ant->derived[L13_Y] = 1.5 * v[L13_PSIB];
    ant->derived[L13_Z] =
        ant->derived[L13_Y] * pow(10.0, 0.04 * (v[L13_GM] + v[L13_LS] - v[L13_LF]));
    ant->gain_max_dbi = v[L13_GM];
    return INTERF_OK;
}

static double l13_gain(const struct interf_antenna *ant, double psi)
{
    const double *v = ant->value, *d = ant->derived;
    if (psi <= d[L13_Y]) {
        double r = psi / v[L13_PSIB];
        return v[L13_GM] - 3.0 * r * r; /* rec. 1.3: Gm - 3 (psi/psi_b)^2 */
    }
    if (psi <= d[L13_Z]) /* rec. 1.3: Gm + LS - 25 log(psi/Y) */
        return v[L13_GM] + v[L13_LS] - 25.0 * log10(psi / d[L13_Y]);
    return v[L13_LF]; /* rec. 1.3: LF for Z < psi <= 180 deg */
}

static size_t l13_breaks(const struct interf_antenna *ant, double r, struct ant_brk *o,
                         size_t max)
{
    (void)r;
    size_t n = 0;
    ant_brk_add(o, max, &n, ant->derived[L13_Y], ant->value[L13_LS] != -6.75);
    if (ant->derived[L13_Z] > ant->derived[L13_Y])
        ant_brk_add(o, max, &n, ant->derived[L13_Z], 0);
    return n;
}

static double l13_main_lobe(const struct interf_antenna *ant, double r)
{
    (void)r;
    return ant->derived[L13_Y];
}

static const struct interf_pattern_priv l13_priv = {
    .lut2 = ANT_LUT_AXIAL, .breaks = l13_breaks, .main_lobe_deg = l13_main_lobe};

const struct interf_pattern_def ant_s1528_13 = {
    "S.1528:1.3",
    "ITU-R S.1528 (06/2001), recommends 1.3",
    "NGSO satellite antenna in LEO below 30 GHz, circular beam",
    L13_NKEYS,
    l13_keys,
    0,
    l13_prepare,
    l13_gain,
    NULL,
    NULL,
    NULL,
    &l13_priv};

/* =============================================================================================
 * S.1528-5 recommends 1.4 (added after S.1528-0): circular aperture with Taylor illumination,
 *   G = Gmax + 20 log | 2 J1(u)/u  prod_{i=1}^{nbar-1} [1 - u^2/(pi^2 sigma^2 (A^2 + (i - 1/2)^2))]
 *                                                     / [1 - (u/(pi mu_i))^2] |
 *   u = (pi/lambda) sin(theta) sqrt((Lr cos chi)^2 + (Lt sin chi)^2),
 *   A = acosh(10^(SLR/20))/pi, sigma = mu_nbar / sqrt(A^2 + (nbar - 1/2)^2),
 * mu_i the roots of J1(pi mu) = 0 (computed, for any nbar). chi, the azimuth about the
 * boresight, is measured from the direction of Lr. u depends on sin(theta), so the formula
 * repeats its front lobes behind the antenna; that is the text, kept as it is.
 */
enum { L14_GM, L14_LR, L14_LT, L14_SLR, L14_NBAR, L14_FREQ, L14_NKEYS };
enum { L14_AA, L14_SIGMA, L14_KR, L14_RATIO, L14_MU0 = 8 };
#define L14_MAXNBAR 40

static const struct interf_pattern_key l14_keys[L14_NKEYS] = {
    {"gain_max_dbi", "dBi", 0.0, 80.0, 0.0, 1, "Gmax, maximum gain", 0},
    {"lr_m", "m", 0.0, 100.0, 0.0, 1, "Lr, radial extent of the radiating area",
     INTERF_KEY_OPEN_MIN},
    {"lt_m", "m", 0.0, 100.0, 0.0, 0, "Lt, transverse extent; 0 = Lr (circular aperture)", 0},
    {"slr_db", "dB", 5.0, 60.0, 20.0, 0, "SLR, side-lobe ratio of the Taylor illumination", 0},
    {"nbar", "", 1.0, L14_MAXNBAR, 4.0, 0, "nbar, number of secondary lobes shaped by the taper",
     INTERF_KEY_INTEGER},
    {"frequency_ghz", "GHz", 0.0, 1000.0, 0.0, 0,
     "frequency for lambda = c/f (the Recommendation: the lowest frequency of the band);"
     " default the system's frequency",
     INTERF_KEY_OPEN_MIN},
};

static enum interf_status l14_prepare(struct interf_antenna *ant, struct interf_error *err)
{
    (void)err;
    double *d = ant->derived, *v = ant->value;
    int nbar = (int)v[L14_NBAR];
    double lambda_m = INTERF_C_M_S / (ant->freq_ghz * 1e9);
    if (v[L14_LT] == 0.0)
        v[L14_LT] = v[L14_LR];
    ant_j1_roots(nbar, d + L14_MU0);
    for (int i = 0; i < nbar; i++)
        d[L14_MU0 + i] /= INTERF_PI; /* mu_i: J1(pi mu_i) = 0 */
    /* rec. 1.4: A = (1/pi) arccosh(10^(SLR/20)), sigma = mu_nbar / sqrt(A^2 + (nbar - 1/2)^2) */
    d[L14_AA] = acosh(pow(10.0, v[L14_SLR] / 20.0)) / INTERF_PI;
    d[L14_SIGMA] =
        d[L14_MU0 + nbar - 1] / sqrt(d[L14_AA] * d[L14_AA] + (nbar - 0.5) * (nbar - 0.5));
    d[L14_KR] = INTERF_PI * v[L14_LR] / lambda_m;
    d[L14_RATIO] = v[L14_LT] / v[L14_LR];
    ant->gain_max_dbi = v[L14_GM];
    return INTERF_OK;
}

/* The field of rec. 1.4 relative to the peak (signed). At u = pi mu_i (i < nbar) J1 and the
 * denominator vanish together: the ratio is evaluated 1e-7 beside it (smooth there). */
static double l14_field(const struct interf_antenna *ant, double u)
{
    const double *d = ant->derived;
    int nbar = (int)ant->value[L14_NBAR];
    if (u < 1e-9)
        return 1.0;
    for (int i = 1; i < nbar; i++)
        if (fabs(u - INTERF_PI * d[L14_MU0 + i - 1]) < 1e-7 * u)
            u *= 1.0 + 1e-7;
    double f = 2.0 * j1(u) / u, ps2 = INTERF_PI * INTERF_PI * d[L14_SIGMA] * d[L14_SIGMA];
    for (int i = 1; i < nbar; i++) {
        double c = d[L14_AA] * d[L14_AA] + (i - 0.5) * (i - 0.5);
        double r = u / (INTERF_PI * d[L14_MU0 + i - 1]);
        f *= (1.0 - u * u / (ps2 * c)) / (1.0 - r * r);
    }
    return f;
}

static double l14_q(const struct interf_antenna *ant, double az)
{
    double c = cos(az * INTERF_DEG), s = sin(az * INTERF_DEG), r = ant->derived[L14_RATIO];
    return sqrt(c * c + r * r * s * s);
}

static double l14_gain_q(const struct interf_antenna *ant, double theta, double q)
{
    double u = ant->derived[L14_KR] * sin(theta * INTERF_DEG) * q, f = l14_field(ant, u);
    return ant->value[L14_GM] + ant_db(f * f);
}

static double l14_gain(const struct interf_antenna *ant, double theta)
{
    return l14_gain_q(ant, theta, 1.0);
}

static double l14_gain2(const struct interf_antenna *ant, double theta, double az)
{
    return l14_gain_q(ant, theta, l14_q(ant, az));
}

/* Zeros of the field in u: pi sigma sqrt(A^2 + (i - 1/2)^2) for i < nbar (the taper's), then
 * the zeros pi mu_i of J1 for i >= nbar; each u gives theta = asin(u/(k q)) and 180 - theta. */
static size_t l14_nulls(const struct interf_antenna *ant, double q, double *out, size_t max)
{
    const double *d = ant->derived;
    int nbar = (int)ant->value[L14_NBAR];
    double kq = d[L14_KR] * q, us[1024];
    size_t nu = 0, n = 0;
    for (int i = 1; i < nbar && nu < 1024; i++)
        us[nu++] = INTERF_PI * d[L14_SIGMA] * sqrt(d[L14_AA] * d[L14_AA] + (i - 0.5) * (i - 0.5));
    double roots[1024];
    int nr = 0;
    while (nr < 1024 && (nr == 0 || roots[nr - 1] < kq)) {
        nr = nr ? (nr * 2 > 1024 ? 1024 : nr * 2) : 64;
        ant_j1_roots(nr, roots);
    }
    for (int i = nbar; i <= nr && nu < 1024 && roots[i - 1] <= kq; i++)
        us[nu++] = roots[i - 1];
    for (size_t i = 0; i < nu && us[i] <= kq && n < max; i++)
        out[n++] = asin(us[i] / kq) / INTERF_DEG;
    for (size_t i = n; i-- > 0 && n < max;)
        if (out[i] < 90.0 - 1e-9)
            out[n++] = 180.0 - out[i];
    return n;
}

static double l14_main_lobe(const struct interf_antenna *ant, double q)
{
    double first;
    return l14_nulls(ant, q, &first, 1) ? first : 90.0;
}

static void l14_range(const struct interf_antenna *ant, double *lo, double *hi)
{
    *lo = fmin(1.0, ant->derived[L14_RATIO]);
    *hi = fmax(1.0, ant->derived[L14_RATIO]);
}

static void l14_tail(const struct interf_antenna *ant, double *phi, double *g)
{
    (void)ant;
    *phi = 360.0;
    *g = 0.0;
}

static size_t no_breaks(const struct interf_antenna *ant, double r, struct ant_brk *o,
                        size_t max)
{
    (void)ant, (void)r, (void)o, (void)max;
    return 0;
}

static int l14_azimuthal(const struct interf_antenna *ant)
{
    return ant->derived[L14_RATIO] != 1.0;
}

static const struct interf_pattern_priv l14_priv = {
    .lut2 = ANT_LUT_SCALED, .azimuthal = l14_azimuthal, .breaks = no_breaks, .nulls = l14_nulls,
    .main_lobe_deg = l14_main_lobe, .scale = l14_q, .scale_range = l14_range,
    .gain_q = l14_gain_q, .tail = l14_tail, .scale_sin = 1};

const struct interf_pattern_def ant_s1528_14 = {
    "S.1528:1.4",
    "ITU-R S.1528-5, recommends 1.4 (check values of its Annex 2 examples)",
    "NGSO satellite antenna, circular aperture with Taylor illumination (nbar, SLR)",
    L14_NKEYS,
    l14_keys,
    1,
    l14_prepare,
    l14_gain,
    l14_gain2,
    "from the direction of the radial extent Lr",
    NULL,
    &l14_priv};

/* =============================================================================================
 * S.672-4 (09/1997) Annex 1, single-feed circular beam, as RR Article 22 applies it (Tables
 * 22-2 and 22-3 notes): the parabola starts at psi = 0 (the Recommendation writes it from
 * psi_0, leaving the beam centre open; SHARC fills it flat, a 3 dB step at psi_0), and for
 * LS = -10 dB a = 1.83, b = 6.32.
 */
enum { S672_GM, S672_PSI0, S672_LS, S672_Z, S672_NKEYS };
enum { S672_APSI, S672_BPSI, S672_PSI1, S672_PLATEAU, S672_K };

static const struct interf_pattern_key s672_keys[S672_NKEYS] = {
    {"gain_max_dbi", "dBi", 0.0, 80.0, 0.0, 1, "Gm, maximum gain", 0},
    {"half_beamwidth_deg", "deg", 0.0, 90.0, 0.0, 1, "psi_0, one-half the 3 dB beamwidth",
     INTERF_KEY_OPEN_MIN},
    {"ls_db", "dB", -30.0, -10.0, -20.0, 0,
     "LS, main-beam to near-in side-lobe level: -10, -20, -25 or -30", 0},
    {"z", "", 1.0, 100.0, 1.0, 0, "major/minor axis ratio; 1 (circular) only", 0},
};

/* S.672-4 Annex 1: a by LS (-10: RR Article 22 note; -20, -25, -30: the Recommendation's table),
 * b = 6.32 for all. */
static const double s672_ls[4] = {-10.0, -20.0, -25.0, -30.0};
static const double s672_a[4] = {1.83, 2.58, 2.88, 3.16};
#define S672_B 6.32

static enum interf_status s672_prepare(struct interf_antenna *ant, struct interf_error *err)
{
    const double *v = ant->value;
    double gm = v[S672_GM], psi0 = v[S672_PSI0], ls = v[S672_LS];
    int i = ant_set_index(ls, s672_ls, 4);
    if (i < 0)
        return interf_error_set(err, INTERF_EINPUT, "ls_db: %.15g: allowed: -10, -20, -25, -30",
                                ls);
    /* The elliptical form of S.672-4 takes psi_0 in the plane of interest with its own
     * constants; only the circular beam is implemented (S.1528:1.2 covers elliptical beams). */
    if (v[S672_Z] != 1.0)
        return interf_error_set(err, INTERF_EINPUT,
                                "z: %.15g: only the circular beam (z = 1) of Rec. ITU-R S.672-4"
                                " is implemented; use S.1528:1.2 for an elliptical beam",
                                v[S672_Z]);
    double *d = ant->derived;
    d[S672_APSI] = s672_a[i] * psi0;
    d[S672_BPSI] = S672_B * psi0;
    /* Annex 1: psi_1 is where Gm + LS + 20 - 25 log(psi/psi_0) reaches 0 dBi */
    d[S672_PSI1] = psi0 * pow(10.0, (gm + ls + 20.0) / 25.0);
    d[S672_PLATEAU] = gm + ls;
    d[S672_K] = gm + ls + 20.0 + 25.0 * log10(psi0); /* so the slope costs one log10 */
    ant->gain_max_dbi = gm;
    return INTERF_OK;
}

static double s672_gain(const struct interf_antenna *ant, double psi)
{
    const double *d = ant->derived, *v = ant->value;
    if (psi <= d[S672_APSI]) {
        /* Annex 1: Gm - 3 (psi/psi_0)^2, from psi = 0 per RR Article 22 */
        double r = psi / v[S672_PSI0];
        return v[S672_GM] - 3.0 * r * r;
    }
    if (psi <= d[S672_BPSI])
        return d[S672_PLATEAU]; /* Gm + LS */
    if (psi <= d[S672_PSI1])
        return d[S672_K] - 25.0 * log10(psi); /* Gm + LS + 20 - 25 log(psi/psi_0) */
    return 0.0;                               /* Annex 1: 0 dBi beyond psi_1 */
}

static size_t s672_breaks(const struct interf_antenna *ant, double r, struct ant_brk *o,
                          size_t max)
{
    (void)r;
    const double *d = ant->derived;
    size_t n = 0;
    ant_brk_add(o, max, &n, d[S672_APSI], 1); /* a is rounded: a 0.03 dB step */
    ant_brk_add(o, max, &n, d[S672_BPSI], 1); /* 20 - 25 log 6.32 = -0.018 dB */
    if (d[S672_PSI1] > d[S672_BPSI])
        ant_brk_add(o, max, &n, d[S672_PSI1], 0);
    return n;
}

static double s672_main_lobe(const struct interf_antenna *ant, double r)
{
    (void)r;
    return ant->derived[S672_APSI];
}

static const struct interf_pattern_priv s672_priv = {
    .lut2 = ANT_LUT_AXIAL, .breaks = s672_breaks, .main_lobe_deg = s672_main_lobe};

const struct interf_pattern_def ant_s672 = {
    "S.672",
    "ITU-R S.672-4 (09/1997), Annex 1, with the RR Article 22 main lobe",
    "GSO satellite antenna, single-feed circular beam",
    S672_NKEYS,
    s672_keys,
    0,
    s672_prepare,
    s672_gain,
    NULL,
    NULL,
    NULL,
    &s672_priv};
