/* SPDX-License-Identifier: MIT */
/* interf epfd: the run logic of Rec. ITU-R S.1503-4 (09/2023) Part D4 — the fine time step
 * that resolves a pass through the earth station's main beam, the coarse step, and the
 * statistical minimum number of steps. The aggregation kernel builds on these. */
#ifndef INTERF_EPFD_H
#define INTERF_EPFD_H

#include <stdint.h>

#include "interf/core.h"
#include "interf/exam.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Samples per main-beam crossing, S.1503-4 §D4.5 (interf/exam.h holds the rules of Part D4;
 * these are kept for the existing callers). */
#define INTERF_EPFD_NHIT INTERF_EXAM_NHIT

/* The terms of the down-link fine time step of S.1503-4 §D4.2, for the lowest altitude h_km of
 * the non-GSO system, the inclination incl_rad that gives the fastest pass, and the earth
 * station's 3 dB beamwidth theta3db_deg (full width):
 *   phi   = theta3dB/2 - asin(Re/(Re+h) sin(theta3dB/2))             (deg)
 *   ws    = 0.071 / ((Re+h)/Re)^1.5                                  (deg/s)
 *   w     = sqrt((ws cos i - we)^2 + (ws sin i)^2)                   (deg/s)
 *   dt    = 2 phi / w                                               (s)
 *   dt_ref = dt / Nhit, rounded to the nearest non-zero millisecond  (s)
 *   n_coarse = floor(Nhit 1.5 deg / theta3dB)  (§D4.7)               */
struct interf_epfd_step {
    double phi_deg, ws_deg_s, w_deg_s, dt_s, dt_ref_s;
    int n_coarse;
};

INTERF_API enum interf_status interf_epfd_step_auto(double h_km, double incl_rad,
                                                    double theta3db_deg,
                                                    struct interf_epfd_step *out,
                                                    struct interf_error *err);

/* The statistical minimum number of time steps of S.1503-4 §D4.6 (Table 13, N_S = 10):
 * N_min = 100 N_S / (100 - p_max), p_max the largest tabulated percentage below 100
 * (99.999 % -> 1 000 000 steps). Returns 0 when p_max is not in [0, 100). */
INTERF_API double interf_epfd_min_steps(double p_max_pct);

/* Levels of the per-point histograms: 0.1 dB bins, as integers in tenths of a dB, from -300.0
 * to -80.0 dB(W/m2) in the reference bandwidth (S.1503-4 §D1.4, §D7). Bin k holds the samples
 * whose value rounded down to 0.1 dB is (INTERF_EPFD_LEVEL_MIN + k) / 10 dB; a sample below
 * -300 dB (or no contributor at all) counts in the floor bin, one at or above -80 dB in the top
 * bin (and is counted as clamped). */
#define INTERF_EPFD_LEVEL_MIN (-3000)
#define INTERF_EPFD_LEVEL_MAX (-800)
#define INTERF_EPFD_NBINS (INTERF_EPFD_LEVEL_MAX - INTERF_EPFD_LEVEL_MIN + 1)

/* The linear lower edges of the bins, edge[k] = 10^((LEVEL_MIN + k) / 100), so that a sample's
 * bin is found by comparison with linear power (exact rounding down, no log10 per sample).
 * Caller-owned; fill once with interf_epfd_bins_init. */
struct interf_epfd_bins {
    double edge[INTERF_EPFD_NBINS + 1];
    float log2_tab[4096]; /* first guess of the bin from the float's exponent and mantissa */
};

INTERF_API void interf_epfd_bins_init(struct interf_epfd_bins *b);
/* The bin of a linear value (W/m2 in the reference bandwidth), 0..INTERF_EPFD_NBINS-1;
 * *clamped (may be NULL) is set to 1 when the value is at or above the top edge. */
INTERF_API int interf_epfd_bin(const struct interf_epfd_bins *b, double lin, int *clamped);

/* Statistics of one point's histogram h (INTERF_EPFD_NBINS counts), levels in tenths of a dB
 * (S.1503-4 §D7 semantics; the total is the sum of the counts):
 * max: the level of the highest populated bin (LEVEL_MIN when empty);
 * percentile: the lowest level L whose exceedance (% of time with a value above L, i.e. in bins
 *   above L's) is at most 100 - p_pct;
 * exceed: the percentage of time with a value strictly above level (after rounding down). */
INTERF_API int32_t interf_epfd_hist_max(const uint32_t *h);
INTERF_API int32_t interf_epfd_hist_percentile(const uint32_t *h, double p_pct);
INTERF_API double interf_epfd_hist_exceed(const uint32_t *h, int32_t level_tenths);

/* ------------------------------------------------------------------ the aggregation kernel */

struct interf_system;
struct interf_earth;
struct interf_antenna;

/* Where each earth station points its main beam. */
enum interf_es_pointing {
    INTERF_ES_GSO_SAME = 0, /* the GSO satellite at the point's own longitude (the default) */
    INTERF_ES_GSO_LON = 1,  /* the GSO satellite at one longitude for all points */
    INTERF_ES_AZEL = 2      /* a fixed azimuth (from north, clockwise) and elevation */
};

/* What a run computes (S.1503-4 §D5.1 without masks: every satellite that is above the minimum
 * elevation of its orbit group and not within alpha0 of the GSO arc contributes):
 *   epfd(g, t) = 10 log10 sum_s P_s Gt(theta_gs) / (4 pi d_gs^2) * Gr(phi_gs) / Gr,max
 * for the points g and the time steps t = start_s + k step_s, k = 0..n_steps-1. */
struct interf_epfd_spec {
    const struct interf_system *sys;
    const struct interf_earth *earth;     /* the ground points' model (the sphere by default) */
    const struct interf_antenna *es;      /* the earth station's receive pattern, validated */
    enum interf_es_pointing pointing;
    double gso_lon_deg;                   /* INTERF_ES_GSO_LON */
    double az_deg, el_deg;                /* INTERF_ES_AZEL */
    double eps_gso_deg;                   /* points whose GSO satellite is lower are NODATA
                                             (S.1503-4 Table 8: 10 deg below 17 GHz, 20 above);
                                             not used with INTERF_ES_AZEL */
    size_t n_points;
    const double *lat_deg, *lon_deg;      /* the points (on the Earth model) */
    size_t tile_cols;                     /* the points are a row-major grid with this many
                                             columns (tiles are 2-D blocks); 0: a plain list */
    double start_s, step_s;
    long n_steps;
    int threads;                          /* 0: all cores */
    int fp64;                             /* 1: pair geometry, gain tables and sums in double
                                             (about half the speed; a check of the default
                                             single precision) */
    double power_offset_db;               /* added to every beam's power: a run in another
                                             reference bandwidth than the system file's takes
                                             10 log10(B_run / B_file) (flat spectral density,
                                             S.1503-4 §C4.1) */
};

/* A planned run (tables, tiles, points); read-only while it runs. */
struct interf_epfd_plan;

INTERF_API enum interf_status interf_epfd_plan_create(const struct interf_epfd_spec *spec,
                                                      struct interf_epfd_plan **out,
                                                      struct interf_error *err);
INTERF_API void interf_epfd_plan_destroy(struct interf_epfd_plan *plan); /* NULL: no-op */

/* Points that are not computed (their GSO satellite is below eps_gso or not visible): 1 in
 * nodata[k] (array of n_points, owned by the plan). */
INTERF_API const unsigned char *interf_epfd_plan_nodata(const struct interf_epfd_plan *plan);

/* Results of a run, caller-allocated: hist (n_points x INTERF_EPFD_NBINS counts, zeroed by the
 * run) or NULL; series (n_points x n_steps, dB values not rounded, -300 when nothing
 * contributes) or NULL. clamped receives the number of samples at or above -80 dB. */
struct interf_epfd_out {
    uint32_t *hist;
    float *series;
    uint64_t clamped;
    int threads_used;   /* threads that ran (set by the run) */
};

/* Run the plan. progress (may be NULL) is called from one thread with the fraction done in
 * [0, 1]; a non-zero return cancels the run (INTERF_ECANCELED). Results do not depend on the
 * number of threads: each point's sum is formed in the same order whatever the split. */
INTERF_API enum interf_status interf_epfd_run(const struct interf_epfd_plan *plan,
                                              struct interf_epfd_out *out,
                                              int (*progress)(double fraction, void *user),
                                              void *user, struct interf_error *err);

/* GSO-arc avoidance in the kernel: a table of |alpha| (S.1503-4 §D6.4.4) over the sky of one
 * earth-station latitude, indexed by the direction's local east, north and up components through
 * stereographic coordinates (e/(1+u), n/(1+u)) with bilinear interpolation. alpha does not depend
 * on the point's longitude (the GSO arc is symmetric about the polar axis), so one table serves a
 * whole row of a latitude/longitude grid. Each cell carries a bound on the interpolation error;
 * where |lookup - alpha0| <= bound the caller decides with interf_alpha_table_exact. */
struct interf_alpha_table;

/* Build for latitude lat_rad (on the S.1503-4 sphere) and height alt_km with n cells per side
 * (128: about 16 600 exact evaluations). INTERF_EINPUT when no part of the arc is visible
 * (|latitude| above 81.3 deg). Free with interf_alpha_table_destroy. */
INTERF_API enum interf_status interf_alpha_table_create(double lat_rad, double alt_km, int n,
                                                        struct interf_alpha_table **out,
                                                        struct interf_error *err);
INTERF_API void interf_alpha_table_destroy(struct interf_alpha_table *t); /* NULL: no-op */
/* |alpha| (rad) toward the unit direction with local components (e, n, u), u > -0.9; *bound
 * receives the cell's error bound (rad). Thread-safe. */
INTERF_API float interf_alpha_table_lookup(const struct interf_alpha_table *t, float e, float n,
                                           float u, float *bound);
/* The exact |alpha| (rad) toward (e, n, u), through interf_gso_arc_alpha. */
INTERF_API double interf_alpha_table_exact(const struct interf_alpha_table *t, double e,
                                           double n, double u);

#ifdef __cplusplus
}
#endif
#endif
