/* SPDX-License-Identifier: MIT */
/* interf antenna: the pattern registry and its patterns, Rec. ITU-R S.1528 (06/2001) recommends
 * 1.2, Rec. ITU-R S.672-4 (09/1997) Annex 1 (single-feed circular beam, main lobe as RR Article 22
 * applies it) and Rec. ITU-R S.1428-1 (02/2001). Angles are degrees and logarithms are log10 of
 * degrees inside the patterns, as in the Recommendations. No mutable state: the registry is a
 * const table and every parameter set is the caller's struct interf_antenna. */
#include "interf/antenna.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* A registry entry: the public definition plus what struct interf_pattern_key cannot say. */
struct pattern_entry {
    struct interf_pattern_def def;
    unsigned open_min; /* bit k set: key k excludes its minimum, e.g. (0, 90] deg */
};

#define OPEN_MIN(k) (1u << (k))

/* "dBi" -> " dBi", "" -> "": units follow the number with one space, dimensionless keys none. */
static const char *unit_sep(const struct interf_pattern_key *key)
{
    return key->unit[0] ? " " : "";
}

/* The house message for a value outside its key's range; note says where the value came from. */
static enum interf_status range_error(const struct interf_pattern_key *key, double v,
                                      const char *note, int open_min, struct interf_error *err)
{
    char excl[48] = "";
    if (open_min)
        snprintf(excl, sizeof excl, " (%g excluded)", key->min);
    return interf_error_set(err, INTERF_EINPUT, "%s: %.15g%s: allowed range %g to %g%s%s%s",
                            key->name, v, note, key->min, key->max, unit_sep(key), key->unit,
                            excl);
}

/* Index of v in the n allowed values set[], or -1 (exact comparison: the values are small
 * integers, written and parsed exactly). */
static int set_index(double v, const double *set, int n)
{
    for (int i = 0; i < n; i++)
        if (v == set[i])
            return i;
    return -1;
}

/* ---------------------------------------------------------------------------------------------
 * Rec. ITU-R S.1528 (06/2001), recommends 1.2: NGSO satellite antenna in the FSS below 30 GHz.
 * psi_b is one-half the 3 dB beamwidth in the plane of interest, so an elliptical beam (z > 1)
 * is evaluated in the plane whose psi_b the caller gives.
 */
enum { S1528_GM, S1528_PSIB, S1528_LN, S1528_Z, S1528_LF, S1528_NKEYS };
enum { S1528_APSI, S1528_HALFB, S1528_BPSI, S1528_X, S1528_Y, S1528_NEAR, S1528_PLATEAU, S1528_LB };

static const struct interf_pattern_key s1528_keys[S1528_NKEYS] = {
    {"gain_max_dbi", "dBi", 0.0, 80.0, 0.0, 1, "Gm, maximum gain in the main lobe"},
    {"half_beamwidth_deg", "deg", 0.0, 90.0, 0.0, 1,
     "psi_b, one-half the 3 dB beamwidth in the plane of interest"},
    {"ln_db", "dB", -30.0, -15.0, -20.0, 0,
     "LN, near-in side-lobe level relative to the peak: -15, -20, -25 or -30"},
    {"z", "", 1.0, 100.0, 1.0, 0, "major/minor axis ratio of the beam (1 = circular)"},
    {"lf_dbi", "dBi", -30.0, 30.0, 0.0, 0, "LF, far-out side-lobe level"},
};

/* Rec. ITU-R S.1528 rec. 1.2, table of constants: a = 2.58 sqrt(1 - k log z) with k by LN;
 * b = 6.32 and alpha = 1.5 for every LN. */
static const double s1528_ln[4] = {-15.0, -20.0, -25.0, -30.0};
static const double s1528_k[4] = {1.4, 1.0, 0.6, 0.4};
#define S1528_B 6.32

static enum interf_status s1528_prepare(struct interf_antenna *ant, struct interf_error *err)
{
    const double *v = ant->value;
    double gm = v[S1528_GM], psib = v[S1528_PSIB], ln = v[S1528_LN], z = v[S1528_Z];
    int i = set_index(ln, s1528_ln, 4);
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
    d[S1528_APSI] = 2.58 * sqrt(radicand) * psib;
    d[S1528_HALFB] = 0.5 * S1528_B * psib;
    d[S1528_BPSI] = S1528_B * psib;
    /* rec. 1.2: X = Gm + LN + 25 log(b psi_b), Y = b psi_b 10^(0.04 (Gm + LN - LF)) */
    d[S1528_X] = gm + ln + 25.0 * log10(S1528_B * psib);
    d[S1528_Y] = S1528_B * psib * pow(10.0, 0.04 * (gm + ln - v[S1528_LF]));
    d[S1528_NEAR] = gm + ln + 20.0 * log10(z);
    d[S1528_PLATEAU] = gm + ln;
    /* rec. 1.2: LB = 15 + LN + 0.25 Gm + 5 log z, or 0 dBi whichever is higher */
    d[S1528_LB] = fmax(15.0 + ln + 0.25 * gm + 5.0 * log10(z), 0.0);
    ant->gain_max_dbi = gm;
    return INTERF_OK;
}

/* Branches in the order rec. 1.2 lists them, first match wins. Boundaries are as written
 * (upper bounds inclusive), so psi = a psi_b is main lobe: SHARC leaves that one angle
 * unassigned. The order matters only for broad beams: when Y > 90 deg the
 * X - 25 log psi branch runs past 90 deg before LB, and when b psi_b > 90 deg the side-lobe
 * plateaus do; the text's ranges overlap there and we read them top down. */
static double s1528_gain(const struct interf_antenna *ant, double psi)
{
    const double *d = ant->derived, *v = ant->value;
    if (psi <= d[S1528_APSI]) {
        /* rec. 1.2: Gm - 3 (psi/psi_b)^alpha, alpha = 1.5 */
        double r = psi / v[S1528_PSIB];
        return v[S1528_GM] - 3.0 * r * sqrt(r);
    }
    if (psi <= d[S1528_HALFB])
        return d[S1528_NEAR]; /* Gm + LN + 20 log z: the elliptical beam's raised shoulder */
    if (psi <= d[S1528_BPSI])
        return d[S1528_PLATEAU]; /* Gm + LN */
    if (psi <= d[S1528_Y])
        return d[S1528_X] - 25.0 * log10(psi);
    if (psi <= 90.0)
        return v[S1528_LF];
    return d[S1528_LB];
}

/* ---------------------------------------------------------------------------------------------
 * Rec. ITU-R S.672-4 (09/1997) Annex 1, single-feed circular beam, as RR Article 22 applies it
 * (Tables 22-2 and 22-3 notes): the parabola starts at psi = 0 (the Recommendation writes it from
 * psi_0, leaving the beam centre open; SHARC fills it flat, a 3 dB step at psi_0), and for
 * LS = -10 dB a = 1.83, b = 6.32.
 */
enum { S672_GM, S672_PSI0, S672_LS, S672_Z, S672_NKEYS };
enum { S672_APSI, S672_BPSI, S672_PSI1, S672_PLATEAU, S672_K };

static const struct interf_pattern_key s672_keys[S672_NKEYS] = {
    {"gain_max_dbi", "dBi", 0.0, 80.0, 0.0, 1, "Gm, maximum gain"},
    {"half_beamwidth_deg", "deg", 0.0, 90.0, 0.0, 1, "psi_0, one-half the 3 dB beamwidth"},
    {"ls_db", "dB", -30.0, -10.0, -20.0, 0,
     "LS, main-beam to near-in side-lobe level: -10, -20, -25 or -30"},
    {"z", "", 1.0, 100.0, 1.0, 0, "major/minor axis ratio; only 1 (circular) in this release"},
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
    int i = set_index(ls, s672_ls, 4);
    if (i < 0)
        return interf_error_set(err, INTERF_EINPUT, "ls_db: %.15g: allowed: -10, -20, -25, -30",
                                ls);
    /* The elliptical-beam form of S.672-4 takes psi_0 in the plane of interest, which depends on
     * the direction around the boresight, not on the off-axis angle alone. */
    if (v[S672_Z] != 1.0)
        return interf_error_set(err, INTERF_EINPUT,
                                "z: %.15g: elliptical S.672 beams come with the antenna catalogue;"
                                " this release evaluates the circular beam (z = 1) only",
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

/* ---------------------------------------------------------------------------------------------
 * Rec. ITU-R S.1428-1 (02/2001), recommends 1: FSS earth station for interference from NGSO
 * satellites, 10.7-30 GHz, the reference pattern of RR Article 22 Tables 22-1A to 22-1C. Three
 * regimes in D/lambda: [20, 25], (25, 100], above 100. Below 20 the Recommendation says nothing.
 */
enum { S1428_D, S1428_FREQ, S1428_NKEYS };
enum { S1428_DL, S1428_REGIME, S1428_GMAX, S1428_G1, S1428_PHIM, S1428_PHIG1 };

static const struct interf_pattern_key s1428_keys[S1428_NKEYS] = {
    {"diameter_m", "m", 0.0, 100.0, 0.0, 1, "D, antenna diameter"},
    {"frequency_ghz", "GHz", 0.0, 1000.0, 0.0, 0,
     "frequency for lambda = c/f; default the system's frequency (lower band edge + half the"
     " reference bandwidth)"},
};

static enum interf_status s1428_prepare(struct interf_antenna *ant, struct interf_error *err)
{
    double dm = ant->value[S1428_D];
    double lambda_m = INTERF_C_M_S / (ant->freq_ghz * 1e9);
    double dl = dm / lambda_m;
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

/* ---------------------------------------------------------------------------------------------
 * The registry. */
static const struct pattern_entry registry[] = {
    {{"S.1528:1.2", "ITU-R S.1528 (06/2001), recommends 1.2",
      "NGSO satellite antenna below 30 GHz, circular or elliptical beam", S1528_NKEYS, s1528_keys,
      0, s1528_prepare, s1528_gain},
     OPEN_MIN(S1528_PSIB)},
    {{"S.672", "ITU-R S.672-4 (09/1997), Annex 1, with the RR Article 22 main lobe",
      "GSO satellite antenna, single-feed circular beam", S672_NKEYS, s672_keys, 0, s672_prepare,
      s672_gain},
     OPEN_MIN(S672_PSI0)},
    {{"S.1428", "ITU-R S.1428-1 (02/2001), recommends 1",
      "FSS earth station (10.7-30 GHz) for NGSO interference, RR Tables 22-1A to 22-1C",
      S1428_NKEYS, s1428_keys, 1, s1428_prepare, s1428_gain},
     OPEN_MIN(S1428_D) | OPEN_MIN(S1428_FREQ)},
};

#define NPATTERNS (sizeof registry / sizeof registry[0])

size_t interf_pattern_count(void) { return NPATTERNS; }

const struct interf_pattern_def *interf_pattern_at(size_t i)
{
    return i < NPATTERNS ? &registry[i].def : NULL;
}

const struct interf_pattern_def *interf_pattern_find(const char *name)
{
    if (!name)
        return NULL;
    for (size_t i = 0; i < NPATTERNS; i++)
        if (strcmp(registry[i].def.name, name) == 0)
            return &registry[i].def;
    return NULL;
}

int interf_pattern_key_index(const struct interf_pattern_def *def, const char *key)
{
    if (!def || !key)
        return -1;
    for (size_t k = 0; k < def->nkeys; k++)
        if (strcmp(def->keys[k].name, key) == 0)
            return (int)k;
    return -1;
}

char *interf_pattern_names(char *buf, size_t n)
{
    if (!buf || n == 0)
        return buf;
    buf[0] = '\0';
    size_t used = 0;
    for (size_t i = 0; i < NPATTERNS && used < n; i++) {
        int w = snprintf(buf + used, n - used, "%s%s", i ? ", " : "", registry[i].def.name);
        if (w < 0)
            break;
        used += (size_t)w;
    }
    return buf;
}

/* Open lower bounds of a registry definition; a caller-made definition has closed ranges. */
static unsigned open_min_mask(const struct interf_pattern_def *def)
{
    for (size_t i = 0; i < NPATTERNS; i++)
        if (&registry[i].def == def)
            return registry[i].open_min;
    return 0;
}

static int out_of_range(const struct interf_pattern_key *key, double v, int open_min)
{
    if (!(v >= key->min && v <= key->max)) /* also catches NaN */
        return 1;
    return open_min && v == key->min;
}

/* Key k: the given value, range-checked, or the default; a missing required key is an error. */
static enum interf_status fill_key(struct interf_antenna *ant, size_t k, const double *values,
                                   const int *given, unsigned open_min, struct interf_error *err)
{
    const struct interf_pattern_key *key = &ant->def->keys[k];
    int open = (open_min & OPEN_MIN(k)) != 0;
    if (given && given[k]) {
        if (out_of_range(key, values[k], open))
            return range_error(key, values[k], "", open, err);
        ant->value[k] = values[k];
        return INTERF_OK;
    }
    if (key->required)
        return interf_error_set(err, INTERF_EINPUT, "%s: required (allowed range %g to %g%s%s)",
                                key->name, key->min, key->max, unit_sep(key), key->unit);
    ant->value[k] = key->def;
    return INTERF_OK;
}

/* A pattern that needs the frequency takes the key frequency_ghz, else the run's frequency. */
static enum interf_status fill_frequency(struct interf_antenna *ant, const int *given,
                                         double run_freq_ghz, unsigned open_min,
                                         struct interf_error *err)
{
    int k = interf_pattern_key_index(ant->def, "frequency_ghz");
    if (k >= 0 && given && given[k]) {
        ant->freq_ghz = ant->value[k];
        return INTERF_OK;
    }
    if (run_freq_ghz == 0.0)
        return interf_error_set(err, INTERF_EINPUT,
                                "frequency_ghz: required (the system has no band_ghz)");
    if (k >= 0) {
        const struct interf_pattern_key *key = &ant->def->keys[k];
        int open = (open_min & OPEN_MIN(k)) != 0;
        if (out_of_range(key, run_freq_ghz, open))
            return range_error(key, run_freq_ghz, " (the system's frequency)", open, err);
        ant->value[k] = run_freq_ghz;
    } else if (!(run_freq_ghz > 0.0 && isfinite(run_freq_ghz))) {
        return interf_error_set(err, INTERF_EINPUT, "frequency: %.15g GHz: must be positive",
                                run_freq_ghz);
    }
    ant->freq_ghz = run_freq_ghz;
    return INTERF_OK;
}

static enum interf_status init_keys(struct interf_antenna *ant, const double *values,
                                    const int *given, double run_freq_ghz,
                                    struct interf_error *err)
{
    const struct interf_pattern_def *def = ant->def;
    unsigned open_min = open_min_mask(def);
    enum interf_status st = INTERF_OK;
    for (size_t k = 0; k < def->nkeys && st == INTERF_OK; k++)
        st = fill_key(ant, k, values, given, open_min, err);
    if (st == INTERF_OK && def->needs_frequency)
        st = fill_frequency(ant, given, run_freq_ghz, open_min, err);
    if (st != INTERF_OK)
        return st;
    if (def->prepare)
        return def->prepare(ant, err);
    ant->gain_max_dbi = def->gain(ant, 0.0); /* nothing to derive: the peak is on the axis */
    return INTERF_OK;
}

enum interf_status interf_antenna_init(struct interf_antenna *ant,
                                       const struct interf_pattern_def *def,
                                       const double *values, const int *given,
                                       double run_freq_ghz, struct interf_error *err)
{
    if (!ant || !def || !def->gain || (def->nkeys && !def->keys) ||
        def->nkeys > INTERF_PATTERN_MAXKEYS || (given && !values))
        return interf_error_set(err, INTERF_EINVAL, "interf_antenna_init: invalid arguments");
    memset(ant, 0, sizeof *ant);
    ant->def = def;
    enum interf_status st = init_keys(ant, values, given, run_freq_ghz, err);
    if (st != INTERF_OK)
        memset(ant, 0, sizeof *ant); /* a failed set is never half-usable */
    return st;
}

double interf_antenna_gain_dbi(const struct interf_antenna *ant, double phi_deg)
{
    assert(ant && ant->def && ant->def->gain);
    if (isnan(phi_deg))
        return phi_deg;
    if (phi_deg < 0.0)
        phi_deg = 0.0;
    else if (phi_deg > 180.0)
        phi_deg = 180.0;
    return ant->def->gain(ant, phi_deg);
}
