/* SPDX-License-Identifier: MIT */
/* interf antenna: the pattern registry, key validation and the gain entry points. The patterns
 * themselves live in earth_station.c, satellite.c, fixed_ras.c, array.c and tabulated.c. No
 * mutable state: the registry is a const table and every parameter set is the caller's
 * struct interf_antenna. */
#include "antenna_impl.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* The catalogue, in the order --list and the man page show it. */
static const struct interf_pattern_def *const registry[] = {
    &ant_s1528_12, &ant_s1528_13, &ant_s1528_14, &ant_s672,   &ant_s1428,
    &ant_bo1443,   &ant_s465,     &ant_s580,     &ant_f699,   &ant_f1245,
    &ant_ra1631,   &ant_sa509,    &ant_m2101,    &ant_table,
};

#define NPATTERNS (sizeof registry / sizeof registry[0])

/* --- shared helpers ------------------------------------------------------------------------ */

/* --- registry ------------------------------------------------------------------------------ */

size_t interf_pattern_count(void) { return NPATTERNS; }

const struct interf_pattern_def *interf_pattern_at(size_t i)
{
    return i < NPATTERNS ? registry[i] : NULL;
}

const struct interf_pattern_def *interf_pattern_find(const char *name)
{
    if (!name)
        return NULL;
    for (size_t i = 0; i < NPATTERNS; i++)
        if (strcmp(registry[i]->name, name) == 0)
            return registry[i];
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
        int w = snprintf(buf + used, n - used, "%s%s", i ? ", " : "", registry[i]->name);
        if (w < 0)
            break;
        used += (size_t)w;
    }
    return buf;
}

/* --- validation ---------------------------------------------------------------------------- */

/* "dBi" -> " dBi", "" -> "": units follow the number with one space, dimensionless keys none. */
static const char *unit_sep(const struct interf_pattern_key *key)
{
    return key->unit[0] ? " " : "";
}

/* The house message for a value outside its key's range; note says where the value came from. */
static enum interf_status range_error(const struct interf_pattern_key *key, double v,
                                      const char *note, struct interf_error *err)
{
    char excl[48] = "";
    if (key->flags & INTERF_KEY_OPEN_MIN)
        snprintf(excl, sizeof excl, " (%g excluded)", key->min);
    return interf_error_set(err, INTERF_EINPUT, "%s: %.15g%s: allowed range %g to %g%s%s%s",
                            key->name, v, note, key->min, key->max, unit_sep(key), key->unit,
                            excl);
}

static int out_of_range(const struct interf_pattern_key *key, double v)
{
    if (!(v >= key->min && v <= key->max)) /* also catches NaN */
        return 1;
    return (key->flags & INTERF_KEY_OPEN_MIN) && v == key->min;
}

/* Key k: the given value, range-checked, or the default; a missing required key is an error. */
static enum interf_status fill_key(struct interf_antenna *ant, size_t k, const double *values,
                                   const int *given, struct interf_error *err)
{
    const struct interf_pattern_key *key = &ant->def->keys[k];
    if (given && given[k]) {
        if (out_of_range(key, values[k]))
            return range_error(key, values[k], "", err);
        if ((key->flags & INTERF_KEY_INTEGER) && values[k] != floor(values[k]))
            return interf_error_set(err, INTERF_EINPUT, "%s: %.15g: must be an integer",
                                    key->name, values[k]);
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
                                         double run_freq_ghz, struct interf_error *err)
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
        if (out_of_range(key, run_freq_ghz))
            return range_error(key, run_freq_ghz, " (the system's frequency)", err);
        ant->value[k] = run_freq_ghz;
    } else if (!(run_freq_ghz > 0.0 && isfinite(run_freq_ghz))) {
        return interf_error_set(err, INTERF_EINPUT, "frequency: %.15g GHz: must be positive",
                                run_freq_ghz);
    }
    ant->freq_ghz = run_freq_ghz;
    return INTERF_OK;
}

static enum interf_status init_keys(struct interf_antenna *ant, const double *values,
                                    const int *given, const char *path, double run_freq_ghz,
                                    struct interf_error *err)
{
    const struct interf_pattern_def *def = ant->def;
    enum interf_status st = INTERF_OK;
    for (size_t k = 0; k < def->nkeys && st == INTERF_OK; k++)
        st = fill_key(ant, k, values, given, err);
    if (st == INTERF_OK && def->needs_frequency)
        st = fill_frequency(ant, given, run_freq_ghz, err);
    if (st == INTERF_OK && def->file_key) {
        if (!path)
            return interf_error_set(err, INTERF_EINPUT, "%s: required (the pattern's data file)",
                                    def->file_key);
        st = ant_file_load(ant, path, err);
    }
    if (st != INTERF_OK)
        return st;
    if (def->prepare)
        return def->prepare(ant, err);
    ant->gain_max_dbi = def->gain(ant, 0.0); /* nothing to derive: the peak is on the axis */
    return INTERF_OK;
}

enum interf_status interf_antenna_init_file(struct interf_antenna *ant,
                                            const struct interf_pattern_def *def,
                                            const double *values, const int *given,
                                            const char *path, double run_freq_ghz,
                                            struct interf_error *err)
{
    if (!ant || !def || !def->gain || (def->nkeys && !def->keys) ||
        def->nkeys > INTERF_PATTERN_MAXKEYS || (given && !values))
        return interf_error_set(err, INTERF_EINVAL, "interf_antenna_init: invalid arguments");
    memset(ant, 0, sizeof *ant);
    ant->def = def;
    enum interf_status st = init_keys(ant, values, given, path, run_freq_ghz, err);
    if (st != INTERF_OK) {
        interf_antenna_release(ant);
        memset(ant, 0, sizeof *ant); /* a failed set is never half-usable */
    }
    return st;
}

enum interf_status interf_antenna_init(struct interf_antenna *ant,
                                       const struct interf_pattern_def *def,
                                       const double *values, const int *given,
                                       double run_freq_ghz, struct interf_error *err)
{
    return interf_antenna_init_file(ant, def, values, given, NULL, run_freq_ghz, err);
}

void interf_antenna_release(struct interf_antenna *ant)
{
    if (!ant || !ant->file)
        return;
    ant_file_free(ant->file);
    ant->file = NULL;
}

static double clamp_phi(double phi_deg)
{
    if (phi_deg < 0.0)
        return 0.0;
    return phi_deg > 180.0 ? 180.0 : phi_deg;
}

double interf_antenna_gain_dbi(const struct interf_antenna *ant, double phi_deg)
{
    assert(ant && ant->def && ant->def->gain);
    if (isnan(phi_deg))
        return phi_deg;
    return ant->def->gain(ant, clamp_phi(phi_deg));
}

double interf_antenna_gain2_dbi(const struct interf_antenna *ant, double phi_deg,
                                double azimuth_deg)
{
    assert(ant && ant->def && ant->def->gain);
    if (isnan(phi_deg) || isnan(azimuth_deg))
        return NAN;
    if (!interf_antenna_azimuthal(ant))
        return ant->def->gain(ant, clamp_phi(phi_deg));
    return ant->def->gain2(ant, clamp_phi(phi_deg), ant_wrap360(azimuth_deg));
}

int interf_antenna_azimuthal(const struct interf_antenna *ant)
{
    if (!ant || !ant->def || !ant->def->gain2)
        return 0;
    if (ant->def->priv && ant->def->priv->azimuthal)
        return ant->def->priv->azimuthal(ant);
    return 1;
}
