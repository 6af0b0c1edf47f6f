/* SPDX-License-Identifier: MIT */
/* interf epfd: the run logic of Rec. ITU-R S.1503-4 (09/2023) Part D4 — the fine time step
 * that resolves a pass through the earth station's main beam, the coarse step, and the
 * statistical minimum number of steps. The aggregation kernel builds on these. */
#ifndef INTERF_EPFD_H
#define INTERF_EPFD_H

#include <stdint.h>

#include <stdio.h>

#include "interf/core.h"
#include "interf/geo.h"
#include "interf/io.h"
#include "interf/grid.h"
#include "interf/orbit.h"
#include "interf/stats.h"
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
 * (99.999 % -> 1 000 000 steps). Returns 0 when p_max is not in [0, 100). The same as
 * interf_limit_min_steps (interf/limits.h), which a verdict uses. */
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
 * for the points g and the time steps of the window. This is the kernel's contract, every
 * value resolved; struct interf_epfd_request below is what a user fills, with defaults. */
struct interf_epfd_spec {
    const struct interf_system *sys;
    const struct interf_earth *earth;     /* the ground points' model (the sphere by default) */
    const struct interf_antenna *es;      /* the earth station's receive pattern, validated */
    enum interf_es_pointing pointing;
    double gso_lon_deg;                   /* INTERF_ES_GSO_LON */
    double az_deg, el_deg;                /* INTERF_ES_AZEL */
    double eps_gso_deg;                   /* points whose GSO satellite is lower are NODATA
                                             (S.1503-4 Table 8: interf_epfd_eps_gso_deg);
                                             not used with INTERF_ES_AZEL */
    const struct interf_grid_spec *grid;  /* the points: the cells of a grid (row-major, north
                                             first; the kernel tiles them in 2-D blocks), or */
    size_t n_points;                      /* a list of points (when grid is NULL) */
    const double *lat_deg, *lon_deg;
    struct interf_time_window window;     /* the time steps (absolute UTC), and T_run */
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

/* The plan's spec (resolved values), its number of points (the grid's cells, or the list's),
 * and their coordinates (arrays of n_points owned by the plan, in the caller's order). */
INTERF_API const struct interf_epfd_spec *interf_epfd_plan_spec(const struct interf_epfd_plan *p);
INTERF_API size_t interf_epfd_plan_points(const struct interf_epfd_plan *plan,
                                          const double **lat_deg, const double **lon_deg);

/* Points that are not computed (their GSO satellite is below eps_gso or not visible): 1 in
 * nodata[k] (array of n_points, owned by the plan). */
INTERF_API const unsigned char *interf_epfd_plan_nodata(const struct interf_epfd_plan *plan);
/* Each warning of a plan, a line at a time into fn: its own (interf_epfd_info's warning), each
 * satellite that dropped out of the run and their count, and, for a run over points, each
 * point not computed (its GSO satellite below the minimum elevation). */
INTERF_API void interf_epfd_plan_warnings(const struct interf_epfd_plan *plan,
                                          void (*fn)(void *user, const char *line), void *user);

/* Results of a run: hist (one 0.1 dB histogram of INTERF_EPFD_NBINS bins from
 * INTERF_EPFD_LEVEL_MIN per point, counts of time steps, zeroed by the run) or an empty set
 * (count NULL); series (n_points x n_steps, dB values not rounded, -300 when nothing
 * contributes) or NULL. clamped receives the number of samples at or above -80 dB. Allocate
 * with interf_epfd_out_create. */
struct interf_epfd_out {
    struct interf_hist_set hist;
    float *series;
    uint64_t clamped;
    int threads_used;   /* threads that ran (set by the run) */
};

/* The memory (bytes) a run of n_points points and n_steps steps needs for its results and
 * point tables: histograms (INTERF_EPFD_NBINS x 4 bytes and 160 bytes of geometry a point), or
 * a time series (4 bytes a point and step). For checking a request before any allocation. */
INTERF_API double interf_epfd_memory_bytes(double n_points, double n_steps, int series);
/* Allocate the results of a run of plan: histograms, or a series when series is non-zero.
 * Free with interf_epfd_out_free. */
INTERF_API enum interf_status interf_epfd_out_create(const struct interf_epfd_plan *plan,
                                                     int series, struct interf_epfd_out *out,
                                                     struct interf_error *err);
INTERF_API void interf_epfd_out_free(struct interf_epfd_out *out);

/* Run the plan. progress (may be NULL) is called from one thread with the fraction done in
 * [0, 1]; a non-zero return cancels the run (INTERF_ECANCELED). Results do not depend on the
 * number of threads: each point's sum is formed in the same order whatever the split. */
INTERF_API enum interf_status interf_epfd_run(const struct interf_epfd_plan *plan,
                                              struct interf_epfd_out *out,
                                              interf_progress_fn progress, void *user,
                                              struct interf_error *err);

/* ------------------------------------------------------------------ slices of a run */

/* A run is split into slices for several processes (MPI ranks: the tools' driver) with no
 * communication until the results are merged. A slice is a set of the plan's super tiles (its
 * units of work: up to 1024 points, 32 x 32 cells of a grid or 1024 consecutive points of a
 * list), those whose index u has u % n_parts == part, and a sub-window of steps
 * [step_begin, step_end) of the run's window. Histogram counts are integers: the sum of the
 * slices' histograms is exactly the whole run's, and the series values of a slice are the
 * whole run's bits (each point's sum is formed in the same order, and the satellites' visibility
 * windows are the whole run's wherever a slice begins). */
struct interf_epfd_slice {
    size_t part, n_parts;       /* the super tiles u with u % n_parts == part */
    long step_begin, step_end;  /* steps [step_begin, step_end) of the window */
};

/* The plan's number of super tiles (with computed points). */
INTERF_API size_t interf_epfd_plan_units(const struct interf_epfd_plan *plan);

/* The static partition of a run over n_slices processes, slice k of them (0 <= k < n_slices):
 * P x W slices, P tile parts times W time windows (P W = n_slices), slice k being tile part
 * k % P of window k / P. Time windows repeat no work (each slice propagates its own steps),
 * tile parts repeat the propagation and the emitters' states of every step (measured: a tenth
 * of a 2 deg grid step): P is the smallest divisor of n_slices whose windows hold at least
 * INTERF_EPFD_MIN_WINDOW steps, or else the largest; at most one part per
 * INTERF_EPFD_UNITS_PER_PART super tiles (P = 1 for a few points: time windows only). Super tiles
 * are numbered row of super tiles by row (north to south) and west to east in a row, so dealing
 * them round-robin gives each part every P-th super tile of every latitude band: each band's
 * cost (satellite density, points without data) is shared to within one super tile. Window w
 * holds steps [floor(n w / W), floor(n (w + 1) / W)) of the n steps: equal to within one step.
 * INTERF_EINVAL when n_slices < 1 or k is out of range. */
#define INTERF_EPFD_UNITS_PER_PART 8
#define INTERF_EPFD_MIN_WINDOW 256
INTERF_API enum interf_status interf_epfd_partition(const struct interf_epfd_plan *plan,
                                                    int n_slices, int k,
                                                    struct interf_epfd_slice *slice,
                                                    struct interf_error *err);

/* The original indices (interf_epfd_plan_points order) of the computed points of the slice's
 * super tiles, in the plan's tile order (the same for every slice of the same tile part), into
 * idx (NULL: count only); returns their number. */
INTERF_API size_t interf_epfd_slice_points(const struct interf_epfd_plan *plan,
                                           const struct interf_epfd_slice *slice, size_t *idx);

/* Run one slice of the plan into out (from interf_epfd_out_create): adds the slice's counts to
 * out's histograms (it does not zero them), writes the slice's part of the series, adds to
 * clamped and raises threads_used to the threads this slice ran. progress as interf_epfd_run,
 * with the fraction of the slice done. Running every slice of a partition into one out gives
 * the whole run's results exactly. INTERF_EINVAL for a slice out of range. Thread-safe for
 * different outs. */
INTERF_API enum interf_status interf_epfd_run_slice(const struct interf_epfd_plan *plan,
                                                    const struct interf_epfd_slice *slice,
                                                    struct interf_epfd_out *out,
                                                    interf_progress_fn progress, void *user,
                                                    struct interf_error *err);

/* Merge the results src of slice into dst (both from interf_epfd_out_create on plan, the same
 * kind): histograms added bin by bin (interf_hist_set_add), the slice's part of the series
 * copied, clamped added, threads_used the larger. INTERF_EINVAL for outs of different shapes,
 * INTERF_EINPUT when a count would pass 2^32 - 1 (the slices overlap). */
INTERF_API enum interf_status interf_epfd_out_merge(const struct interf_epfd_plan *plan,
                                                    const struct interf_epfd_slice *slice,
                                                    struct interf_epfd_out *dst,
                                                    const struct interf_epfd_out *src,
                                                    struct interf_error *err);

/* ------------------------------------------------------------------ a run as a user asks it */

/* S.1503-4 Table 8: the lowest elevation (deg) of the GSO satellite an earth station points at:
 * 10 deg below 17 GHz, 20 deg from 17 GHz up. */
INTERF_API double interf_epfd_eps_gso_deg(double freq_ghz);

/* The fine time step of S.1503-4 §D4.2 for a system and a dish: the step of
 * interf_epfd_step_auto at the lowest altitude (perigee) of the satellites that carry a beam or
 * a pfd mask, the inclination of the fastest pass, and the earth station's 3 dB beamwidth by
 * convention conv (interf_exam_beamwidth_deg: INTERF_BEAMWIDTH_70_LAMBDA_D, the Bureau's, or
 * INTERF_BEAMWIDTH_S1428, the S.1428-1 main-lobe width) for a dish of dish_m at freq_ghz; the
 * smallest over the satellites. INTERF_EINPUT "step_s: auto: no orbit carries a beam". */
INTERF_API enum interf_status interf_epfd_step_for(const struct interf_system *sys,
                                                   enum interf_exam_beamwidth conv, double dish_m,
                                                   double freq_ghz, struct interf_epfd_step *out,
                                                   struct interf_error *err);

/* An earth station's receive pattern: catalogue entry `pattern` (interf_pattern_find) with its
 * diameter_m and frequency_ghz keys set to dish_m and freq_ghz, into *ant (release with
 * interf_antenna_release). INTERF_EINPUT "es_pattern: ..." for an unknown pattern, one without
 * a diameter (not an earth-station pattern) or values out of its ranges. */
INTERF_API enum interf_status interf_es_antenna_init(const char *pattern, double dish_m,
                                                     double freq_ghz, struct interf_antenna *ant,
                                                     struct interf_error *err);

/* An EPFD run as a user asks for it. Fields left 0 (or NULL) take the default in brackets;
 * interf_epfd_plan_request resolves them (S.1503-4 and the system file), checks every value and
 * plans the run. Messages start with the field at fault ("es_dish_m: required (...)"). */
struct interf_epfd_request {
    const struct interf_system *sys;     /* required */
    const char *es_pattern;   /* [the system's [earth-station] pattern, else "S.1428"] */
    double es_dish_m;         /* [the system's [earth-station] dish_m; one of them is needed] */
    double freq_ghz;          /* [the system's run frequency, S.1503-4 §D2.1] */
    double ref_bandwidth_khz; /* [the system's]: powers are scaled by B_run / B_file */
    int pointing_given;       /* 0: the system's [earth-station] gso_lon, else the GSO satellite
                                 at each point's own longitude */
    enum interf_es_pointing pointing;
    double gso_lon_deg, az_deg, el_deg;  /* INTERF_ES_GSO_LON; INTERF_ES_AZEL (el in [0, 90]) */
    enum interf_earth_kind earth;        /* [the S.1503-4 sphere] */
    const struct interf_grid_spec *grid; /* the points: a grid, or */
    size_t n_points;                     /* a list */
    const double *lat_deg, *lon_deg;
    int start_given;
    double start_unix_s;      /* [the system's epoch] */
    int step_auto;            /* 1: the fine step of S.1503-4 §D4.2 (interf_epfd_step_for) */
    enum interf_exam_beamwidth step_beamwidth; /* its theta3dB [70 lambda / D, the Bureau's] */
    double step_s;            /* [10 s] */
    long n_steps;             /* the number of steps, else */
    double duration_s;        /* the run length [1 day]: floor(duration / step) steps */
    double t_run_s;           /* [n_steps x step_s] */
    int threads, fp64;
};

#define INTERF_EPFD_DROPPED_MAX 16

/* What the request resolved to (owned by the plan). */
struct interf_epfd_info {
    const struct interf_antenna *es;   /* the earth station's pattern */
    const struct interf_earth *earth;
    double es_dish_m, freq_ghz, ref_bandwidth_khz, eps_gso_deg;
    int step_auto;
    struct interf_epfd_step step;      /* its derivation, when step_auto */
    char quantity[64];                 /* "epfd_dbw_m2_40khz" */
    char unit[64];                     /* "dB(W/m2/40kHz)" */
    char warning[256];                 /* "" or a warning (interf_time_window_check) */
    /* satellites whose propagation fails during the run (interf_constellation_dropouts: SGP4
     * decay, an OEM's span): they contribute nothing from then on */
    size_t n_dropped;
    struct interf_dropout dropped[INTERF_EPFD_DROPPED_MAX]; /* the first of them */
};

/* Resolve and plan a request (see struct interf_epfd_request), or fail naming the field. */
INTERF_API enum interf_status interf_epfd_plan_request(const struct interf_epfd_request *req,
                                                       struct interf_epfd_plan **out,
                                                       struct interf_error *err);
/* The resolved values of a plan made by interf_epfd_plan_request (NULL for other plans). */
INTERF_API const struct interf_epfd_info *interf_epfd_plan_info(const struct interf_epfd_plan *p);

/* The run's parameters as provenance items (interf/io.h; the vocabulary of interf-table(5)):
 * system, system_sha256, system_name, epoch_utc, start_utc, step_s, n_steps, t_run_s,
 * es_pattern, es_pattern_revision, es_dish_m, freq_ghz, ref_bandwidth_khz, earth_model,
 * precision, and threads when the run has run (out may be NULL). */
INTERF_API void interf_epfd_provenance(const struct interf_epfd_plan *plan,
                                       const struct interf_epfd_out *out,
                                       struct interf_provenance *prov);

/* The value of statistic st at point i (a max, pNN or exceed: interf_stat_hist; a margin:
 * interf_limit_worst_margin_hist against mask at the point's latitude): dB or % of time; NaN
 * where the point is not computed. scratch: 2 x INTERF_EPFD_NBINS x 8 bytes of the caller's. */
struct interf_limit_mask;
INTERF_API enum interf_status interf_epfd_stat_value(const struct interf_epfd_plan *plan,
                                                     const struct interf_epfd_out *out,
                                                     const struct interf_stat *st,
                                                     const struct interf_limit_mask *mask,
                                                     size_t i, void *scratch, double *value,
                                                     struct interf_error *err);

/* Writers of a run's results in the formats of interf-table(5), each preceded by prov's items
 * (interf_provenance_write):
 * the statistics of every point: "# lat_deg lon_deg STAT_QUANTITY...", a row per point ("nan"
 *   where not computed, and a "# nodata:" line saying why);
 * the CDF of every computed point (its metadata: lat_deg, lon_deg, max_epfd, then prov),
 *   parts separated by ">" lines;
 * the time series of every computed point ("# t_s QUANTITY", t from the epoch).
 * INTERF_EIO on a write error. */
INTERF_API enum interf_status interf_epfd_write_stats(FILE *fp, const struct interf_epfd_plan *p,
                                                      const struct interf_epfd_out *out,
                                                      const struct interf_stat *stats,
                                                      const struct interf_limit_mask *const *masks,
                                                      size_t n_stats,
                                                      const struct interf_provenance *prov,
                                                      struct interf_error *err);
INTERF_API enum interf_status interf_epfd_write_cdfs(FILE *fp, const struct interf_epfd_plan *p,
                                                     const struct interf_epfd_out *out,
                                                     const struct interf_provenance *prov,
                                                     struct interf_error *err);
INTERF_API enum interf_status interf_epfd_write_series(FILE *fp,
                                                       const struct interf_epfd_plan *p,
                                                       const struct interf_epfd_out *out,
                                                       const struct interf_provenance *prov,
                                                       struct interf_error *err);
/* "No emitter in view": the value a statistic takes at a point where no satellite contributed
 * at any step (every sample in the floor bin). It is a computed value, not NODATA: -300 dB for
 * levels (max, pNN), 0 % for exceed, and for a margin INTERF_EPFD_MARGIN_FLOOR_DB (no
 * interference at all, whatever the limit). interf_epfd_stat_floor gives it for a statistic. */
#define INTERF_EPFD_FLOOR_DB (INTERF_EPFD_LEVEL_MIN / 10.0)
#define INTERF_EPFD_MARGIN_FLOOR_DB 999.0
INTERF_API double interf_epfd_stat_floor(const struct interf_stat *st);

/* The grid of statistic st over a grid run (cells not computed are NaN, NODATA). floor_nodata:
 * the cells with no emitter in view are NaN too (for users who want them masked; they are
 * otherwise interf_epfd_stat_floor, as the metadata item floor_value says). */
INTERF_API enum interf_status interf_epfd_stat_grid(const struct interf_epfd_plan *p,
                                                    const struct interf_epfd_out *out,
                                                    const struct interf_stat *st,
                                                    const struct interf_limit_mask *mask,
                                                    int floor_nodata, struct interf_grid **grid,
                                                    struct interf_error *err);
/* The metadata of that grid into *meta (interf_grid_meta_init'ed here): its unit (the run's,
 * "%" for exceed, "dB" for a margin), quantity, statistic, floor_value (unless floor_nodata or
 * exceed) and prov's items. INTERF_EINPUT when the provenance does not fit. */
INTERF_API enum interf_status interf_epfd_stat_meta(const struct interf_epfd_plan *p,
                                                    const struct interf_stat *st,
                                                    int floor_nodata,
                                                    const struct interf_provenance *prov,
                                                    struct interf_grid_meta *meta,
                                                    struct interf_error *err);
struct interf_limits;
/* The Article 22 row a margin statistic st is judged against: in st->table, the row of the
 * run's frequency, dish and reference bandwidth (the selection interf-check makes). *lim: the
 * tables, created on first use (the caller destroys them). Errors of interf_limits_find. */
INTERF_API enum interf_status interf_epfd_stat_row(const struct interf_epfd_plan *p,
                                                   const struct interf_stat *st,
                                                   struct interf_limits **lim,
                                                   const struct interf_limit_mask **row,
                                                   struct interf_error *err);

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
/* The same table over the directions at or above elevation elev_min_deg only (the whole sky
 * where it is 0 or less), at the resolution of n cells over the whole sky: fewer cells, for a
 * caller that looks up no direction below elev_min_deg (the values there are not bounded). */
INTERF_API enum interf_status interf_alpha_table_create_above(double lat_rad, double alt_km,
                                                              int n, double elev_min_deg,
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

/* ------------------------------------------------------------------ frequency-resolved runs */

/* The spectrum of one system in a run of n_ch channels (the run's band plan, one reference
 * bandwidth each): psd_dbw[b * n_ch + c] is the power of beam b (interf_system_beam order) in
 * channel c, dB(W) in the system file's reference bandwidth (as power_dbw; the spec's
 * power_offset_db is added to both); at or below INTERF_EPFD_PSD_OFF_DBW the beam does not
 * transmit in that channel. The satellites of an orbit group that files a pfd mask (no beams)
 * take their mask in every channel. */
#define INTERF_EPFD_PSD_OFF_DBW (-300.0)
struct interf_epfd_spectrum {
    size_t n_ch;
    const double *psd_dbw;
};

/* What the products of a frequency-resolved run held: the non-zero and all entries of the
 * coupling matrices, their number and rows (so cells / rows is the mean K), and the
 * floating-point operations of their products (2 m k n each). */
struct interf_epfd_chan_info {
    uint64_t nnz, cells, products, rows;
    double flop;
};

/* The frequency-resolved EPFD of one slice of plan (a single-precision plan), added to lin:
 *   lin[(g (step_end - step_begin) + t - step_begin) n_ch + c] +=
 *       sum_e C[g, t, e] S[e, c],   C = Pe Gt Gr / (4 pi d^2 Gr,max),  S[e, c] = PSD(e, c) / Pe
 * in W/m2 in the reference bandwidth, for the plan's points g (interf_epfd_plan_points order;
 * points not computed get nothing) and the slice's steps t. C is formed tile by tile and block
 * of steps by block by the fused kernel's pair loops (the same entries, emitter by emitter: the
 * GSO-arc test and the pfd masks included), S C by one single-threaded cblas_sgemm per tile
 * and block: results do not depend on the number of threads. lin (caller-owned, of
 * n_points (step_end - step_begin) n_ch floats) accumulates, so that the runs of several
 * systems over the same points and absolute window sum into one (the aggregate of
 * Res. 76 (Rev.WRC-23) / Rec. ITU-R S.1588 "joint simulation"). info (may be NULL) is added to.
 * sp->psd_dbw must hold n_beams n_ch values. INTERF_EINPUT when the spectrum has no channel or
 * holds NaN or +Inf ("PATH: beam NAME: channel C: PSD is not a number"), INTERF_EINVAL for an
 * fp64 plan or a slice out of range, INTERF_ENOMEM when the coupling matrices cannot grow.
 * Sets OpenBLAS to one thread for the call and restores the caller's setting after it (a
 * process-wide setting: calls from several threads at once may leave it at one). */
INTERF_API enum interf_status interf_epfd_run_channels(const struct interf_epfd_plan *plan,
                                                       const struct interf_epfd_slice *slice,
                                                       const struct interf_epfd_spectrum *sp,
                                                       float *lin,
                                                       struct interf_epfd_chan_info *info,
                                                       struct interf_error *err);

/* The spectra of a band plan: n_ch channels of width_khz from lo_ghz to hi_ghz (a whole number
 * of them, at most INTERF_EPFD_CHANNELS_MAX), and for each beam of sys its PSD in each channel:
 * the largest PSD of the beam's channels (interf_system_beam: channels = LO-HI:PSD) that overlap
 * it, so that a channel coarser than the reference bandwidth carries the largest PSD of any
 * reference bandwidth inside it; a beam without channels transmits power_dbw wherever the
 * channel overlaps the system's band_ghz (everywhere without band_ghz). *psd_dbw (n_beams x
 * n_ch, as struct interf_epfd_spectrum reads it) is allocated; the caller frees it.
 * INTERF_EINPUT "spectrum: ..." for a bad plan. */
#define INTERF_EPFD_CHANNELS_MAX 65536
INTERF_API enum interf_status interf_epfd_spectrum_plan(const struct interf_system *sys,
                                                        double lo_ghz, double hi_ghz,
                                                        double width_khz, double **psd_dbw,
                                                        size_t *n_ch, struct interf_error *err);

/* Count the samples of lin (n_points x n_steps x n_ch, linear W/m2 as interf_epfd_run_channels
 * forms them) into hist, a set of n_points n_ch histograms (point g's channel c at g n_ch + c,
 * INTERF_EPFD_NBINS bins from INTERF_EPFD_LEVEL_MIN; counts added), skipping the points with
 * skip[g] set (skip may be NULL). Returns the samples at or above the top bin. */
INTERF_API uint64_t interf_epfd_channels_count(const float *lin, size_t n_points, size_t n_steps,
                                               size_t n_ch, const unsigned char *skip,
                                               const struct interf_epfd_bins *bins,
                                               struct interf_hist_set *hist);

/* The reduction over channels of samples lin (shaped as interf_epfd_channels_count reads them)
 * for maps: at each point g and step t the largest value over the channels is counted into
 * worst (n_points histograms of INTERF_EPFD_NBINS bins from INTERF_EPFD_LEVEL_MIN; counts
 * added), and each channel's largest value over the steps is kept in ch_max[g n_ch + c]
 * (linear W/m2, raised where lin is larger; zero it before the first call), skipping the points
 * with skip[g] set. Since the bins are monotonic, the bin of the largest value is the largest
 * of the channels' bins: each statistic of worst (max, pNN, exceed) is at least that of every
 * channel, and its max is the worst channel's. Returns the steps whose largest value is at or
 * above the top bin. Thread-safe for different worst and ch_max. */
INTERF_API uint64_t interf_epfd_channels_worst(const float *lin, size_t n_points, size_t n_steps,
                                               size_t n_ch, const unsigned char *skip,
                                               const struct interf_epfd_bins *bins,
                                               struct interf_hist_set *worst, float *ch_max);

/* The worst of n_ch channels whose largest values are ch_max (linear W/m2): the 1-based
 * channel whose largest value falls in the highest 0.1 dB bin (the max each channel's CDF or
 * statistic reports), the lowest channel of a tie; 0 when every channel is in the floor bin
 * (no emitter in view). Thread-safe. */
INTERF_API int interf_epfd_worst_channel(const float *ch_max, size_t n_ch,
                                         const struct interf_epfd_bins *bins);

/* The memory (bytes) of an aggregate run of n_sys systems over n_points points and n_ch
 * channels by interf_epfd_aggregate: the per-channel histograms of the aggregate and, with
 * per_system, of each system, and the linear buffers of chunk_steps steps (one, two with
 * per_system). For checking a request before any allocation. */
INTERF_API double interf_epfd_aggregate_bytes(double n_points, double n_ch, double n_sys,
                                              int per_system, double chunk_steps);

/* The aggregate of n_sys systems: plans[s] (all over the same points and the same absolute
 * window: interf_epfd_plan_points and window equal) with spectra[s] (the same n_ch), run in
 * chunks of chunk_steps steps (0: INTERF_EPFD_CHUNK_STEPS), each chunk's systems summed in
 * linear power per point, step and channel, then counted into agg (from interf_hist_set_create
 * with n_points n_ch histograms as interf_epfd_channels_count; counts added) and, when per_sys
 * is not NULL, each system's own into per_sys[s] (the same shape). clamped (may be NULL)
 * receives the aggregate's samples at or above -80 dB; info (may be NULL) the products' sizes.
 * INTERF_EINPUT when the plans' points, windows or channel counts differ, INTERF_ENOMEM when
 * the buffers cannot be allocated. */
#define INTERF_EPFD_CHUNK_STEPS 4096
INTERF_API enum interf_status interf_epfd_aggregate(const struct interf_epfd_plan *const *plans,
                                                    const struct interf_epfd_spectrum *spectra,
                                                    size_t n_sys, long chunk_steps,
                                                    struct interf_hist_set *agg,
                                                    struct interf_hist_set *per_sys,
                                                    uint64_t *clamped,
                                                    struct interf_epfd_chan_info *info,
                                                    struct interf_error *err);

/* The aggregate of interf_epfd_aggregate reduced over channels (interf_epfd_channels_worst)
 * instead of counted per channel: worst holds n_points histograms (from interf_hist_set_create)
 * of the per-step maximum over channels, ch_max (n_points n_ch floats, zeroed by the caller)
 * each channel's largest linear value. Memory: n_points (INTERF_EPFD_NBINS + n_ch) x 4 bytes
 * here, and the chunk buffer of n_points chunk_steps n_ch floats. Errors and the OpenBLAS
 * thread setting as interf_epfd_aggregate (interf_epfd_run_channels). */
INTERF_API enum interf_status interf_epfd_aggregate_worst(
    const struct interf_epfd_plan *const *plans, const struct interf_epfd_spectrum *spectra,
    size_t n_sys, long chunk_steps, struct interf_hist_set *worst, float *ch_max,
    uint64_t *clamped, struct interf_epfd_chan_info *info, struct interf_error *err);

/* The CDF of every computed point and channel of per-channel histograms hist (n_points n_ch
 * of them, as interf_epfd_aggregate forms them) in the format of interf-table(5), point by
 * point, channel by channel, parts separated by ">" lines; each part's metadata: lat_deg,
 * lon_deg, channel (1-based), channel_ghz (LO-HI of the band plan of n_ch channels of
 * width_khz from lo_ghz), channel_width_khz, systems (text, e.g. "aggregate of 2"), max_epfd,
 * total_weight, then prov's items. first: the writer's parts are the first in the stream (the
 * "# nodata:" lines then come first, and no ">" before the first part). INTERF_EIO on a write
 * error. */
INTERF_API enum interf_status interf_epfd_write_channel_cdfs(FILE *fp,
                                                             const struct interf_epfd_plan *p,
                                                             const struct interf_hist_set *hist,
                                                             size_t n_ch, double lo_ghz,
                                                             double width_khz,
                                                             const char *systems, int first,
                                                             const struct interf_provenance *prov,
                                                             struct interf_error *err);

/* Statistics (max, pNN, exceed; not margins: INTERF_EINVAL) of every computed point and channel
 * of per-channel histograms hist: a row "lat_deg lon_deg system channel lo_ghz hi_ghz STAT..."
 * per point and channel (system: the caller's number, 0 for the aggregate, k for the k-th
 * system), levels at 0.1 dB, the floor value (interf_epfd_stat_floor) where nothing
 * contributed. first: write the header line, prov's items and the "# nodata:" lines before the
 * rows. INTERF_EIO on a write error. */
INTERF_API enum interf_status interf_epfd_write_channel_stats(FILE *fp,
                                                              const struct interf_epfd_plan *p,
                                                              const struct interf_hist_set *hist,
                                                              size_t n_ch, double lo_ghz,
                                                              double width_khz, int system,
                                                              const struct interf_stat *stats,
                                                              size_t n_stats, int first,
                                                              const struct interf_provenance *prov,
                                                              struct interf_error *err);

/* An aggregate run, planned whole: several systems over the points, earth station and absolute
 * window that the first system's request resolves (start, step and steps fixed once, so that
 * systems of different epochs share one time axis), each beam's spectrum laid over one band
 * plan, and the per-channel histograms of the aggregate and, with per_system, of each system.
 * Res. 76 (Rev.WRC-23); Rec. ITU-R S.1588's joint simulation.
 * On a grid (base.grid set) a point keeps, instead of a histogram per channel, each channel's
 * largest value (a float) and one histogram of the per-step maximum over channels
 * (interf_epfd_aggregate_worst): n_points (INTERF_EPFD_NBINS + n_ch) x 4 bytes, and a chunk
 * of whole blocks of 64 steps, as many as fit in INTERF_EPFD_GRID_CHUNK_BYTES, at least one
 * (the same bits whatever the chunk); a 1 deg global grid (360 x 181 cells) of 64 channels
 * needs 1.66 GB (574 MB of histograms, 17 MB of channel maxima, a chunk of 64 steps of
 * 1068 MB), plus 10 MB of point tables a system. */
#define INTERF_EPFD_MIX_MAX 16
struct interf_epfd_mix_request {
    struct interf_epfd_request base;    /* points, earth station, window (base.sys ignored) */
    size_t n_sys;                       /* 1 to INTERF_EPFD_MIX_MAX */
    struct interf_system *const *sys;   /* borrowed: outlive the plan */
    double lo_ghz, hi_ghz;              /* the band plan; hi_ghz <= lo_ghz: one channel
                                           centred at the run's frequency */
    double channel_khz;                 /* channel width, at least the reference bandwidth
                                           [the reference bandwidth] */
    int per_system;                     /* at points only */
    int series;                         /* at points, one channel: the time series of the
                                           aggregate and of each system */
};
struct interf_epfd_mix;
#define INTERF_EPFD_GRID_CHUNK_BYTES (256.0 * 1048576.0)

/* Plan the run of q into *out (free with interf_epfd_mix_destroy). Errors as
 * interf_epfd_plan_request and interf_epfd_spectrum_plan ("spectrum: ..."), and INTERF_EINPUT
 * "channel_khz: W: below the reference bandwidth (B kHz)", "per_system: at points only, not
 * on a grid" or "series: at points and in one channel, not ...". No histogram is allocated
 * yet. */
INTERF_API enum interf_status interf_epfd_mix_plan(const struct interf_epfd_mix_request *q,
                                                   struct interf_epfd_mix **out,
                                                   struct interf_error *err);
/* The memory (bytes) interf_epfd_mix_run will allocate: for a check before it. */
INTERF_API double interf_epfd_mix_bytes(const struct interf_epfd_mix *m);
/* The memory (bytes) of the whole run of q, planning included, before anything is planned:
 * interf_epfd_mix_bytes with the band plan's channel count and the chunk's steps bounded from
 * above where q leaves them to the plan (INTERF_EPFD_CHUNK_STEPS steps when q->base.n_steps is
 * 0), plus the points' tables of every system (160 bytes a point, as interf_epfd_memory_bytes
 * counts them); with series, each system's samples of q->base.n_steps steps (a run given by
 * its duration is counted by interf_epfd_mix_bytes once planned). */
INTERF_API double interf_epfd_mix_request_bytes(const struct interf_epfd_mix_request *q);
/* Run: allocate the histograms and fill them (interf_epfd_aggregate; on a grid
 * interf_epfd_aggregate_worst; with series, each system's samples by interf_epfd_run_channels). clamped: the aggregate's samples (on a grid: steps of the
 * maximum over channels) at or above -80 dB (counted in the top bin). Results do not depend on
 * the number of threads. */
INTERF_API enum interf_status interf_epfd_mix_run(struct interf_epfd_mix *m, uint64_t *clamped,
                                                  struct interf_error *err);
/* The window of steps [*step_begin, *step_end) of part part (0 <= part < n_parts) of the run's
 * steps split into n_parts (an MPI rank's share): consecutive windows of whole blocks of 64
 * steps (the kernel's blocks, from step 0), as near equal in blocks as can be; a part beyond
 * the run's blocks gets an empty window at its end. Windows that start at blocks run each block
 * over the same steps, so the same emitters in the same order, as the whole run: a run's
 * results are the merge of its parts' (interf_epfd_mix_run_slice), bit for bit. Thread-safe. */
INTERF_API void interf_epfd_mix_partition(const struct interf_epfd_mix *m, size_t n_parts,
                                          size_t part, long *step_begin, long *step_end);
/* Run the steps [step_begin, step_end) only (0 <= step_begin <= step_end <= the run's steps;
 * INTERF_EINVAL otherwise): the results (interf_epfd_mix_results, allocated at the first run)
 * are zeroed, then hold that window's counts, channel maxima, series steps, clamped samples
 * and product sizes. The results of the windows of interf_epfd_mix_partition merged (counts
 * summed, maxima taken, series steps gathered, clamped and info summed) are
 * interf_epfd_mix_run's, bit for bit, for any n_parts: the windows run in the whole run's chunk
 * size from their first step. Errors as interf_epfd_mix_run. Not thread-safe on one m. */
INTERF_API enum interf_status interf_epfd_mix_run_slice(struct interf_epfd_mix *m,
                                                        long step_begin, long step_end,
                                                        uint64_t *clamped,
                                                        struct interf_error *err);
/* The result buffers of a run, for merging runs of slices (writable: a merge writes the whole
 * run's results into them before interf_epfd_mix_write or interf_epfd_mix_save_grids). */
struct interf_epfd_mix_results {
    size_t n_sets;        /* histogram sets: 0 before a run; at points the aggregate's, then,
                             with per_system, each system's; on a grid the per-step maximum's */
    size_t n_counts;      /* counts in each set: n_points n_ch (points) or n_points (grid)
                             histograms of INTERF_EPFD_NBINS bins */
    uint32_t *count[1 + INTERF_EPFD_MIX_MAX];   /* merge: sum */
    float *ch_max;        /* grid: n_points n_ch channel maxima, W/m2, or NULL; merge: max */
    size_t n_ch_max;
    float *series[INTERF_EPFD_MIX_MAX]; /* series: each system's samples, W/m2, [point][step]
                                           over the whole run (NULL otherwise); a slice fills
                                           its window's steps; merge: gather the windows */
    size_t n_points, n_steps;           /* series: their shape */
    struct interf_epfd_chan_info *info;          /* the products' sizes; merge: sum */
};
/* The result buffers of m into *r (borrowed: valid until m is destroyed). Thread-safe. */
INTERF_API void interf_epfd_mix_results(struct interf_epfd_mix *m,
                                        struct interf_epfd_mix_results *r);
/* The provenance of the run (interf_epfd_provenance of the first system's plan) with
 * system_K and system_K_sha256 (K >= 2; names[s]: how the caller named system s), channels and
 * coupling_density. */
INTERF_API void interf_epfd_mix_provenance(const struct interf_epfd_mix *m,
                                           const char *const *names,
                                           struct interf_provenance *prov);
/* Write the aggregate's per-channel CDFs (cdf) or statistics (stats), then, with per_system,
 * each system's (named by names[s]), as interf_epfd_write_channel_cdfs and
 * interf_epfd_write_channel_stats. A series run writes, per point as interf_epfd_write_series,
 * the columns t_s, the aggregate (dB of the sum of the systems' W/m2; -300 where it is 0), then
 * each system in the order given, named in the column header by names[s]. INTERF_EINVAL for a grid run (interf_epfd_mix_save_grids). */
INTERF_API enum interf_status interf_epfd_mix_write(const struct interf_epfd_mix *m, FILE *fp,
                                                    int cdf, const struct interf_stat *stats,
                                                    size_t n_stats, const char *const *names,
                                                    const struct interf_provenance *prov,
                                                    struct interf_error *err);
/* The grids of a grid run, each through interf_grid_save into set (with its .prj and .aux.xml
 * sidecars and prov's items), at the paths of interf_epfd_grid_path:
 *   PREFIX.STAT.asc for each statistic stats[k] (max, pNN, exceed; margins INTERF_EINVAL) of
 *     the per-step maximum over channels, as interf_epfd_stat_grid and interf_epfd_stat_meta
 *     make it, with an item over_channels: since the maximum bounds every channel's value at
 *     every step, the statistic bounds every channel's from above, and its max is the worst
 *     channel's max;
 *   PREFIX.channel.asc: the worst channel (interf_epfd_worst_channel: 1-based, the channel
 *     column of the CDFs; 0 where no emitter is in view in any channel, the item floor_value
 *     saying so, or NODATA with floor_nodata; NODATA where the point is not computed), with
 *     items quantity worst_channel, label "worst channel", legend "classes" (for
 *     interf_map_options_set_meta), channel_count, channel_width_khz and channel_centres_ghz
 *     (the centres, space-separated, or "FIRST + STEP (channel - 1)" when they do not fit).
 * floor_nodata as interf_epfd_stat_grid. INTERF_EINVAL for a run over points or one that has
 * not run. */
#define INTERF_EPFD_CHANNEL_LABEL "channel"
INTERF_API enum interf_status interf_epfd_mix_save_grids(const struct interf_epfd_mix *m,
                                                         struct interf_outset *set,
                                                         const char *prefix,
                                                         const struct interf_stat *stats,
                                                         size_t n_stats, int floor_nodata,
                                                         const struct interf_provenance *prov,
                                                         struct interf_error *err);
/* The path of one of the grids of a run that writes several (several statistics, or an
 * aggregate on a grid) into buf (n bytes): "PREFIX.LABEL.asc", LABEL the statistic's label
 * (st->label) or, for st NULL, INTERF_EPFD_CHANNEL_LABEL. Returns buf, or NULL when the path
 * does not fit. Thread-safe. */
INTERF_API const char *interf_epfd_grid_path(const char *prefix, const struct interf_stat *st,
                                             char *buf, size_t n);
INTERF_API void interf_epfd_mix_destroy(struct interf_epfd_mix *m); /* NULL: no-op */

#ifdef __cplusplus
}
#endif
#endif
