/* SPDX-License-Identifier: MIT */
/* Private declarations of the antenna layer: the pattern definitions of each file, the hints the
 * lookup-table builder takes from a pattern (breakpoints, nulls, main lobe, 2-D form), and small
 * shared helpers. Not installed. */
#ifndef INTERF_ANTENNA_IMPL_H
#define INTERF_ANTENNA_IMPL_H

#include "interf/antenna.h"

#include <stddef.h>

/* Most breakpoints, nulls or azimuth breaks a pattern reports to the table builder. */
#define ANT_MAXBRK 4096

/* A breakpoint of a pattern along the off-axis angle: where its formula changes. step = 1 when
 * the gain jumps there (even by the 0.02 dB of a rounded constant), 0 for a kink. */
struct ant_brk {
    double phi_deg;
    int step;
};

/* How a 2-D table is laid out. */
enum ant_lut2 {
    ANT_LUT_AXIAL = 0,   /* axisymmetric: one row */
    ANT_LUT_AZIMUTH = 1, /* rows at azimuths about the boresight */
    ANT_LUT_SCALED = 2,  /* the gain is a function of (phi, q) with q = scale(azimuth): rows in q */
    ANT_LUT_ARRAY = 3    /* M.2101: separable 1-D tables in the array's direction cosines */
};

/* What the lookup-table builder needs from a pattern beyond its gain. For ANT_LUT_SCALED the
 * "row parameter" r below is q, else the azimuth in degrees. */
struct interf_pattern_priv {
    enum ant_lut2 lut2;
    /* 1 when this parameter set depends on the azimuth (NULL: always, given gain2) */
    int (*azimuthal)(const struct interf_antenna *ant);
    /* sorted breakpoints in (0, 180) along phi in row r; returns the count (<= max) */
    size_t (*breaks)(const struct interf_antenna *ant, double r, struct ant_brk *out, size_t max);
    /* sorted true nulls (zeros of the field) along phi in row r; NULL: none */
    size_t (*nulls)(const struct interf_antenna *ant, double r, double *out, size_t max);
    /* the end of the main lobe along phi in row r (deg) */
    double (*main_lobe_deg)(const struct interf_antenna *ant, double r);
    /* patterns whose main lobe is off the axis (steered arrays): the main lobe is where the
     * gain is within this many dB of the peak (0: use main_lobe_deg) */
    double main_lobe_level_db;
    /* ANT_LUT_AZIMUTH: azimuths in [0, 360) where the gain steps along the azimuth (sorted) */
    size_t (*az_breaks)(const struct interf_antenna *ant, double *out, size_t max);
    /* ANT_LUT_SCALED: q of an azimuth, its range [q_lo, q_hi], the gain as a function of
     * (phi, q) without the fixed-angle tail, and that tail: from phi_tail on the gain is
     * tail_dbi whatever the azimuth (phi_tail > 180 when there is none) */
    double (*scale)(const struct interf_antenna *ant, double azimuth_deg);
    void (*scale_range)(const struct interf_antenna *ant, double *q_lo, double *q_hi);
    double (*gain_q)(const struct interf_antenna *ant, double phi_deg, double q);
    void (*tail)(const struct interf_antenna *ant, double *phi_tail_deg, double *tail_dbi);
    /* ANT_LUT_SCALED: 1 when the gain is a function of sin(phi) q alone (S.1528:1.4): one row
     * indexed by w = sin(phi) q holds it exactly */
    int scale_sin;
};

/* Pattern definitions, by file. */
extern const struct interf_pattern_def ant_s1528_12, ant_s1528_13, ant_s1528_14, ant_s672;
extern const struct interf_pattern_def ant_s1428, ant_bo1443, ant_s465, ant_s580;
extern const struct interf_pattern_def ant_f699, ant_f1245, ant_ra1631, ant_sa509;
extern const struct interf_pattern_def ant_m2101, ant_table;

/* Common helpers (registry.c). */
/* Index of v in the n allowed values set[], or -1 (exact: small integers written exactly). */
int ant_set_index(double v, const double *set, int n);
/* lambda (m) and D/lambda of a set with keys diameter_m and frequency (ant->freq_ghz). */
double ant_dlambda(const struct interf_antenna *ant, double diameter_m);
/* Reduce an azimuth to [0, 360). */
double ant_wrap360(double az_deg);
/* 10 log10 of a linear power ratio, with a floor of -300 dB for zero. */
double ant_db(double lin);
/* The roots of J1 (j1(x) = 0, x > 0): the first n into out (Newton's method from McMahon's
 * asymptotic expansion). */
void ant_j1_roots(int n, double *out);
/* The breakpoints of a single-row pattern as a list: adds (phi, step) when 0 < phi < 180. */
void ant_brk_add(struct ant_brk *out, size_t max, size_t *n, double phi_deg, int step);

/* The lookup table of an M.2101 set (array.c): fills the kind-3 fields of t. */
enum interf_status ant_array_lut(const struct interf_antenna *ant, struct interf_lut *t,
                                 struct interf_error *err);

/* Tabulated patterns (tabulated.c). */
enum interf_status ant_file_load(struct interf_antenna *ant, const char *path,
                                 struct interf_error *err);
void ant_file_free(struct interf_pattern_file *f);

#endif
