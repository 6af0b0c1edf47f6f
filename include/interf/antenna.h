/* SPDX-License-Identifier: MIT */
/* interf antenna: the registry of ITU-R antenna patterns. Each pattern declares its keys (name,
 * unit, range, default), validates a parameter set once, and evaluates the gain as a pure
 * function of the off-axis angle. System files name patterns and keys through this registry.
 *
 * Patterns in this release: "S.1528:1.2" (ITU-R S.1528 (06/2001) recommends 1.2), "S.672"
 * (ITU-R S.672-4 Annex 1, circular beam, main lobe parabolic from 0 as RR Article 22 uses it) and
 * "S.1428" (ITU-R S.1428-1 (02/2001), D/lambda >= 20). Their keys are listed in interf-system(5).
 *
 * Thread safety: the registry is a const table and every function here is re-entrant; a
 * prepared struct interf_antenna may be shared read-only between threads. */
#ifndef INTERF_ANTENNA_H
#define INTERF_ANTENNA_H

#include "interf/core.h"

#ifdef __cplusplus
extern "C" {
#endif

#define INTERF_PATTERN_MAXKEYS 16

/* One numeric key of a pattern, as written in an [antenna NAME] section. Some keys exclude
 * their minimum (e.g. half_beamwidth_deg in (0, 90]); interf_antenna_init enforces that and its
 * message says "(0 excluded)". Keys with a discrete set of values (ln_db, ls_db) carry the
 * enclosing range here and the set in help; the pattern's prepare() checks the set. */
struct interf_pattern_key {
    const char *name;     /* e.g. "gain_max_dbi" */
    const char *unit;     /* e.g. "dBi" (for messages and man pages) */
    double min, max;      /* allowed closed range */
    double def;           /* default when not required and not given */
    int required;         /* 1: must be given */
    const char *help;     /* one line for --list and the man page */
};

struct interf_antenna;

/* A catalogue entry. Entries returned by the registry are static and never freed. */
struct interf_pattern_def {
    const char *name;      /* catalogue name, e.g. "S.1428", "S.1528:1.2" */
    const char *revision;  /* the text implemented, e.g. "ITU-R S.1428-1 (02/2001)" */
    const char *summary;   /* one line */
    size_t nkeys;
    const struct interf_pattern_key *keys;
    int needs_frequency;   /* 1: the pattern needs the frequency (key frequency_ghz, else the
                              run's frequency passed to interf_antenna_init) */
    /* Cross-key validation and derived values (into ant->derived), and ant->gain_max_dbi;
     * NULL when there is nothing to derive (the peak is then taken as the gain at 0 deg). */
    enum interf_status (*prepare)(struct interf_antenna *ant, struct interf_error *err);
    /* Gain (dBi) at off-axis angle phi_deg in [0, 180] (the caller clamps); pure function. */
    double (*gain)(const struct interf_antenna *ant, double phi_deg);
};

/* A validated parameter set: caller-owned value, copyable (no pointers into itself; def points
 * into the registry), read-only after init. */
struct interf_antenna {
    const struct interf_pattern_def *def;
    double value[INTERF_PATTERN_MAXKEYS]; /* by key index, defaults filled in */
    double freq_ghz;                      /* frequency used (0 if the pattern needs none) */
    double gain_max_dbi;                  /* the pattern's own peak gain (for G/Gmax) */
    double derived[16];                   /* pattern-private derived constants */
};

/* Registry lookups. interf_pattern_count is the number of patterns; interf_pattern_at(i) the
 * i-th (NULL when i >= count); interf_pattern_find the pattern whose catalogue name matches name
 * exactly (case-sensitive), NULL for an unknown name or NULL. The results are static: never
 * free them. */
INTERF_API size_t interf_pattern_count(void);
INTERF_API const struct interf_pattern_def *interf_pattern_at(size_t i);
INTERF_API const struct interf_pattern_def *interf_pattern_find(const char *name);
/* Index of the key named key (exact match) in def->keys, or -1 (also for NULL arguments). */
INTERF_API int interf_pattern_key_index(const struct interf_pattern_def *def, const char *key);
/* The registry's names joined by ", " into buf of size n (for "allowed: ..." messages), e.g.
 * "S.1528:1.2, S.672, S.1428"; always NUL-terminated (truncated if n is too small; nothing is
 * written when n is 0). Returns buf. */
INTERF_API char *interf_pattern_names(char *buf, size_t n);

/* Validate and prepare a parameter set.
 * @param[out] ant          filled on success; zeroed on failure.
 * @param[in]  def          a registry entry (interf_pattern_find / interf_pattern_at).
 * @param[in]  values       values[k] holds key k of def where given[k] is non-zero (units as
 *                          the key's unit); may be NULL together with given (no keys given).
 * @param[in]  given        given[k] non-zero when key k was written.
 * @param[in]  run_freq_ghz frequency (GHz) used by patterns that need one when the key
 *                          frequency_ghz is absent (0 = none available: then the key is
 *                          required, "frequency_ghz: required (the system has no band_ghz)").
 * @param[out] err          may be NULL.
 * Missing optional keys take their defaults. A missing required key is INTERF_EINPUT with
 * "KEY: required (allowed range MIN to MAX UNIT)", a value outside its range INTERF_EINPUT with
 * "KEY: VALUE: allowed range MIN to MAX UNIT" (the caller prefixes "file:line: [antenna NAME] ");
 * pattern-specific checks (a value outside a discrete set, "ln_db: -17: allowed: -15, -20, -25,
 * -30"; S.1428 D/lambda < 20; S.672 z != 1) are INTERF_EINPUT too. NULL ant or def, or given
 * without values, is INTERF_EINVAL. */
INTERF_API enum interf_status interf_antenna_init(struct interf_antenna *ant,
                                                  const struct interf_pattern_def *def,
                                                  const double *values, const int *given,
                                                  double run_freq_ghz, struct interf_error *err);

/* Gain (dBi) of a prepared parameter set at off-axis angle phi_deg (degrees; clamped to
 * [0, 180], NaN gives NaN). G/Gmax in dB is this minus ant->gain_max_dbi. Pure, re-entrant. */
INTERF_API double interf_antenna_gain_dbi(const struct interf_antenna *ant, double phi_deg);

#ifdef __cplusplus
}
#endif
#endif
