/* SPDX-License-Identifier: MIT */
/* interf antenna: the registry of ITU-R antenna patterns. Each pattern declares its keys (name,
 * unit, range, default), validates a parameter set once, and evaluates the gain as a pure
 * function of the off-axis angle. System files name patterns and keys through this registry.
 *
 * Patterns in this release: ITU-R S.1528 recommends 1.2, ITU-R S.672-4, ITU-R S.1428-1. */
#ifndef INTERF_ANTENNA_H
#define INTERF_ANTENNA_H

#include "interf/core.h"

#ifdef __cplusplus
extern "C" {
#endif

#define INTERF_PATTERN_MAXKEYS 16

/* One numeric key of a pattern, as written in an [antenna NAME] section. */
struct interf_pattern_key {
    const char *name;     /* e.g. "gain_max_dbi" */
    const char *unit;     /* e.g. "dBi" (for messages and man pages) */
    double min, max;      /* allowed closed range */
    double def;           /* default when not required and not given */
    int required;         /* 1: must be given */
    const char *help;     /* one line for --list and the man page */
};

struct interf_antenna;

/* A catalogue entry. */
struct interf_pattern_def {
    const char *name;      /* catalogue name, e.g. "S.1428", "S.1528:1.2" */
    const char *revision;  /* the text implemented, e.g. "ITU-R S.1428-1 (02/2001)" */
    const char *summary;   /* one line */
    size_t nkeys;
    const struct interf_pattern_key *keys;
    int needs_frequency;   /* 1: the pattern needs the frequency (key frequency_ghz, else the
                              run's frequency passed to interf_antenna_init) */
    /* Cross-key validation and derived values; NULL when there is nothing to derive. */
    enum interf_status (*prepare)(struct interf_antenna *ant, struct interf_error *err);
    /* Gain (dBi) at off-axis angle phi_deg in [0, 180]. */
    double (*gain)(const struct interf_antenna *ant, double phi_deg);
};

/* A validated parameter set: caller-owned value, copyable, read-only after init. */
struct interf_antenna {
    const struct interf_pattern_def *def;
    double value[INTERF_PATTERN_MAXKEYS]; /* by key index, defaults filled in */
    double freq_ghz;                      /* frequency used (0 if the pattern needs none) */
    double gain_max_dbi;                  /* the pattern's own peak gain (for G/Gmax) */
    double derived[16];                   /* pattern-private derived constants */
};

/* Registry lookups. interf_pattern_find returns NULL for an unknown name. */
INTERF_API size_t interf_pattern_count(void);
INTERF_API const struct interf_pattern_def *interf_pattern_at(size_t i);
INTERF_API const struct interf_pattern_def *interf_pattern_find(const char *name);
/* Index of a key of def, or -1. */
INTERF_API int interf_pattern_key_index(const struct interf_pattern_def *def, const char *key);
/* The registry's names joined by ", " into buf (for "allowed: ..." messages). Returns buf. */
INTERF_API char *interf_pattern_names(char *buf, size_t n);

/* Validate and prepare a parameter set. values[k] holds key k where given[k] is non-zero;
 * missing optional keys take their defaults, a missing required key or a value outside
 * [min, max] is INTERF_EINPUT with a message "KEY: VALUE: allowed range MIN to MAX" (the caller
 * prefixes the file and line). run_freq_ghz is the frequency used by patterns that need one
 * when the key frequency_ghz is absent (0 = none available: then the key is required). */
INTERF_API enum interf_status interf_antenna_init(struct interf_antenna *ant,
                                                  const struct interf_pattern_def *def,
                                                  const double *values, const int *given,
                                                  double run_freq_ghz, struct interf_error *err);

/* Gain (dBi) at off-axis angle phi_deg (clamped to [0, 180]). */
INTERF_API double interf_antenna_gain_dbi(const struct interf_antenna *ant, double phi_deg);

#ifdef __cplusplus
}
#endif
#endif
