/* SPDX-License-Identifier: MIT */
/* Helpers shared by the antenna test files (test_antenna_*.c): build a parameter set from
 * (key, value) pairs, check a gain, check the step of a pattern across an angle. Each test file
 * is its own executable; the helpers are static inline so unused ones cost nothing. */
#ifndef TEST_ANTENNA_UTIL_H
#define TEST_ANTENNA_UTIL_H

#include "interf/antenna.h"

#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

/* c / (0.299792458 GHz) is exactly 1 m in binary64, so D/lambda = diameter_m exactly. */
#define F_LAMBDA_1M 0.299792458

/* Initialise ant from pattern and (const char *key, double value) pairs ending with NULL, for
 * a run at run_freq_ghz (0: the set's own frequency key). */
static inline enum interf_status ta_init_v(struct interf_antenna *ant, struct interf_error *err,
                                           const char *pattern, double run_freq_ghz, va_list ap)
{
    const struct interf_pattern_def *def = interf_pattern_find(pattern);
    cr_assert(def != NULL, "pattern %s not in the registry", pattern);
    double values[INTERF_PATTERN_MAXKEYS] = {0};
    int given[INTERF_PATTERN_MAXKEYS] = {0};
    for (const char *key = va_arg(ap, const char *); key; key = va_arg(ap, const char *)) {
        int k = interf_pattern_key_index(def, key);
        cr_assert(k >= 0, "%s has no key %s", pattern, key);
        values[k] = va_arg(ap, double);
        given[k] = 1;
    }
    return interf_antenna_init(ant, def, values, given, run_freq_ghz, err);
}

/* The set of pattern from (const char *key, double value) pairs ending with NULL; fails the test
 * on an error. */
static inline struct interf_antenna ta_make(const char *pattern, ...)
{
    struct interf_antenna ant;
    struct interf_error err = {INTERF_OK, ""};
    va_list ap;
    va_start(ap, pattern);
    enum interf_status st = ta_init_v(&ant, &err, pattern, 0.0, ap);
    va_end(ap);
    cr_assert(st == INTERF_OK, "%s: unexpected error: %s", pattern, err.msg);
    return ant;
}

static inline enum interf_status ta_try(struct interf_antenna *ant, struct interf_error *err,
                                        const char *pattern, ...)
{
    va_list ap;
    va_start(ap, pattern);
    enum interf_status st = ta_init_v(ant, err, pattern, 0.0, ap);
    va_end(ap);
    return st;
}

static inline void ta_expect_einput(enum interf_status st, const struct interf_error *err,
                                    const char *want)
{
    cr_assert(st == INTERF_EINPUT, "status %d, want INTERF_EINPUT (msg \"%s\")", (int)st,
              err->msg);
    cr_assert(strstr(err->msg, want) != NULL, "message \"%s\" lacks \"%s\"", err->msg, want);
}

static inline void ta_gain(const struct interf_antenna *ant, double phi, double want, double tol,
                           const char *what)
{
    double got = interf_antenna_gain_dbi(ant, phi);
    cr_assert(epsilon_eq(dbl, got, want, tol), "%s: G(%.12g deg) = %.12g dBi, want %.12g (tol %g)",
              what, phi, got, want, tol);
}

static inline void ta_gain2(const struct interf_antenna *ant, double phi, double az, double want,
                            double tol, const char *what)
{
    double got = interf_antenna_gain2_dbi(ant, phi, az);
    cr_assert(epsilon_eq(dbl, got, want, tol),
              "%s: G(%.12g deg, az %.12g) = %.12g dBi, want %.12g (tol %g)", what, phi, az, got,
              want, tol);
}

/* The step across angle x: G just above minus G just below (relative offset 1e-12, which moves
 * the steepest continuous branch tested by under 1e-9 dB). */
static inline void ta_step(const struct interf_antenna *ant, double x, double want, double tol,
                           const char *what)
{
    double got = interf_antenna_gain_dbi(ant, x * (1.0 + 1e-12)) -
                 interf_antenna_gain_dbi(ant, x * (1.0 - 1e-12));
    cr_assert(epsilon_eq(dbl, got, want, tol), "%s: step at %.12g deg = %.6g dB, want %.12g",
              what, x, got, want);
}

/* The same across an azimuth at off-axis angle phi. */
static inline void ta_step_az(const struct interf_antenna *ant, double phi, double az,
                              double want, double tol, const char *what)
{
    double got = interf_antenna_gain2_dbi(ant, phi, az + 1e-9) -
                 interf_antenna_gain2_dbi(ant, phi, az - 1e-9);
    cr_assert(epsilon_eq(dbl, got, want, tol), "%s: step at az %.12g (phi %g) = %.6g dB, want %g",
              what, az, phi, got, want);
}

#endif
