/* SPDX-License-Identifier: MIT */
/* Private structures of the EPFD kernel: the plan (points in tiles, emitters, gain tables,
 * GSO-arc tables) shared by kernel_plan.c and kernel_run.c. */
#ifndef INTERF_EPFD_IMPL_H
#define INTERF_EPFD_IMPL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "interf/antenna.h"
#include "interf/epfd.h"
#include "interf/system.h"

/* Points per tile: a tile's sums, scratch and histogram rows stay in cache while the time steps
 * of a block run over it. Small tiles cull well (2.3 deg tiles: the measured best); groups of
 * tiles ("super tiles") are culled first so that the per-tile cull scans a short list instead
 * of every satellite. */
#define EPFD_TILE_SIDE 4
#define EPFD_TILE_MAX (EPFD_TILE_SIDE * EPFD_TILE_SIDE)
#define EPFD_SUPER_SIDE 8 /* tiles per side of a super tile */
/* Time steps propagated together: their satellite states stay in L2 for every tile. */
#define EPFD_BLOCK 64
/* Cells per side of a GSO-arc table (interf_alpha_table). */
#define EPFD_ALPHA_CELLS 128

/* A gain table: linear gain against s = sin(theta/2) = |v - b| / 2 for unit vectors v, b, on a
 * uniform grid of n cells with value and slope per cell (no acos, no log10 per pair; full
 * resolution near boresight where cos(theta) has none), interleaved: vs[2k] is the value at
 * knot k, vs[2k + 1] the slope of cell k, so that a look-up reads one 8-byte pair from one cache
 * line. A pattern that depends on the azimuth about its boresight gets the catalogue's 2-D table
 * instead (lut, with vs = NULL): such pairs take the scalar path of kernel_run.c. */
struct epfd_gain {
    float *vs;
    double *dvs;           /* the same in double, for fp64 runs (NULL otherwise) */
    int n;
    /* Flat parts (equal values, zero slopes, in both precisions: a side lobe's floor): a
     * look-up in one may read its first cell instead, the same bits from one cache line */
    int flat;              /* the first cell from which the table is one value to its end */
    int flat_end;          /* 1 when it has such an end (else flat is its last cell) */
    int run0, run_n;       /* the longest flat run before it: cells [run0, run0 + run_n) */
    struct interf_lut *lut;
};

/* One transmitting beam of one satellite. */
struct epfd_emitter {
    size_t sat;
    const struct interf_system_beam *beam;
    int gain;             /* index into the plan's satellite gain tables */
    double p;             /* P / (4 pi Gr,max) in W, with d in km -> m folded in (1e-6) */
    double sin_min_el;    /* the orbit group's minimum elevation, as its sine */
    double min_el_rad;
    float alpha0_rad;     /* GSO-arc avoidance angle, 0: none */
    int code;             /* its alpha0's verdicts in the plan's alpha_code (words) */
    float orient_deg;     /* the beam's orientation_deg (azimuth-dependent patterns) */
    double aim_km[3];     /* ECEF of the beam's aim point (pointing = aim) */
    const struct interf_pfd_mask *mask; /* a mask emitter (beam NULL; p is then the mask's
                                           rescaling over Gr,max), or NULL */
};

/* The geometry of the ground points, one array per field (X-macro: the plan fills them in this
 * order):
 *   g  position, km;  u  local up (surface normal);  e  local east;
 *   n  local north, negated south of the equator (see store_point);  p  earth-station boresight;
 *   h, w  its azimuth frame (interf_station_frame: x and y axes). */
#define EPFD_GEOM_FIELDS(X)                                                                        \
    X(gx) X(gy) X(gz) X(ux) X(uy) X(uz) X(ex) X(ey) X(ez) X(nx) X(ny) X(nz) X(px) X(py) X(pz)     \
    X(hx) X(hy) X(hz) X(wx) X(wy) X(wz)
#define EPFD_FIELD_F(name) float *name;
#define EPFD_FIELD_D(name) double *name;
struct epfd_geom_f { EPFD_GEOM_FIELDS(EPFD_FIELD_F) };
struct epfd_geom_d { EPFD_GEOM_FIELDS(EPFD_FIELD_D) };

/* Ground points in tile order: their geometry in float (formed from double positions so that
 * s - g is accurate) and, for fp64 runs only, in double. */
struct epfd_points {
    size_t n;
    size_t *index;        /* original index of each point */
    struct epfd_geom_f f;
    struct epfd_geom_d d; /* NULL arrays unless spec.fp64 */
    int32_t *alpha;       /* the point's GSO-arc table: 0 is the table of "no avoidance" */
    /* A cheap bound before the table: every visible arc point lies within a narrow band of
     * declination (angle from the equatorial plane) as seen from the point, and the angle
     * between two directions is at least the difference of their declinations; so a direction
     * whose ECEF z component is above zu or below zd has |alpha| >= the plan's largest alpha0
     * (zu = 2: the bound never decides; zu = -2: no avoidance at this point). */
    float *zu, *zd;
};

/* A cap on the sphere that holds a set of points. */
struct epfd_cap {
    double cx, cy, cz;    /* unit vector of the centre */
    double radius_rad;    /* radius about the centre (Earth-central angle) */
};

struct epfd_tile {
    size_t first, n;      /* points [first, first + n) in tile order */
    struct epfd_cap cap;
};

struct epfd_super {
    size_t first, n;      /* tiles [first, first + n) */
    struct epfd_cap cap;
};

struct interf_epfd_plan {
    struct interf_epfd_spec spec;
    size_t n_points;               /* the grid's cells or the list's points */
    double *lat_deg, *lon_deg;     /* their coordinates, by original index */
    struct interf_grid_spec grid;  /* spec.grid points here when the points are a grid */
    struct interf_orbit_run run;   /* the window seen from the system's epoch */
    unsigned char *nodata;         /* by original index */
    struct epfd_points pts;        /* computed points only */
    struct epfd_tile *tiles;
    size_t n_tiles;
    struct epfd_super *supers;
    size_t n_supers;
    struct epfd_cap all;           /* a cap holding every computed point */
    struct epfd_emitter *em;
    size_t n_em;
    struct epfd_gain es_gain;
    struct epfd_gain *sat_gain;
    size_t n_sat_gain;
    /* GSO-arc tables, one per distinct latitude (index k + 1; 0 is "no avoidance": |alpha|
     * huge, bound 0); their nodes and cell bounds concatenated for the kernel's gathers, the
     * tables themselves kept for the exact fallback. */
    struct interf_alpha_table **alpha_tab;
    size_t n_alpha;
    float *alpha_node, *alpha_bound;
    uint32_t *alpha_code;          /* per distinct alpha0 of the emitters, the verdicts of
                                      every table (epfd_alpha_codes) */
    int any_alpha;
    int threads;
    int full_propagation;          /* 1: no visibility windows, every satellite propagated at
                                      every step (what the windows are checked against) */
    /* what interf_epfd_plan_request resolved (info.es NULL for plans made from a spec) */
    struct interf_epfd_info info;
    struct interf_antenna es_own;
    struct interf_earth *earth_own;
};

/* alpha_table.c: the raw arrays of a table ((n+1)^2 nodes, n^2 cell bounds) for the kernel */
void epfd_alpha_raw(const struct interf_alpha_table *t, const float **node, const float **bound);
#define EPFD_ALPHA_NODES ((EPFD_ALPHA_CELLS + 1) * (EPFD_ALPHA_CELLS + 1))
#define EPFD_ALPHA_BOUNDS (EPFD_ALPHA_CELLS * EPFD_ALPHA_CELLS)
/* stereographic half extent and cells per unit of the tables */
#define EPFD_ALPHA_EXTENT 1.06f
#define EPFD_ALPHA_SCALE ((float)EPFD_ALPHA_CELLS / (2 * EPFD_ALPHA_EXTENT))
/* A table's verdict on each cell for one alpha0, in 2 bits (16 cells a word, in the bounds'
 * order): on when |alpha| - bound > alpha0 wherever the kernel's interpolation falls in the
 * cell, off when |alpha| + bound < alpha0 there, else mixed (the look-up decides) */
enum { EPFD_CODE_OFF, EPFD_CODE_ON, EPFD_CODE_MIXED };
#define EPFD_ALPHA_WORDS (EPFD_ALPHA_BOUNDS / 16)
/* alpha_table.c: the verdicts of n_tables tables (nodes and bounds as the plan concatenates
 * them) for alpha0 (rad), EPFD_ALPHA_WORDS words a table, into code */
void epfd_alpha_codes(const float *node, const float *bound, size_t n_tables, float alpha0,
                      uint32_t *code);

/* gain.c */
/* The least squared chord q >= 0 whose cell (int)(sqrt(q) h) in a table of h cells per unit of
 * the chord is k or more, in the pair loops' arithmetic (float, or double for the fp64 kernel);
 * +inf when no q up to 8 reaches it (|n +- b|^2 <= 4) */
float epfd_chord_from(float h, int k);
double epfd_chord_from64(double h, int k);
enum interf_status epfd_gain_build(struct epfd_gain *g, const struct interf_antenna *ant,
                                   int cells, int fp64, struct interf_error *err);

/* mask_emitter.c: the emitter of satellite sat of orbit group o that files a pfd mask, and
 * its contributions (W/m2 relative to Gr,max, 0 where not visible) at points [off, off + n)
 * of the plan in tile order for the satellite at s_km (ECEF) */
void epfd_mask_emitter(struct epfd_emitter *e, size_t sat, const struct interf_system_orbit *o,
                       double run_bw_khz, double gr_max_dbi);
void epfd_mask_pairs(const struct interf_epfd_plan *p, const struct epfd_emitter *em,
                     const double s_km[3], size_t off, size_t n, double *c);

/* histogram.c: count[0, n) = 0, for a run's histograms (too large for the cache) */
void epfd_hist_zero(uint32_t *count, size_t n);

/* kernel_run64.c: kernel_run.c in double precision, for plans with spec.fp64 */
enum interf_status epfd_run_slice_fp64(const struct interf_epfd_plan *p,
                                       const struct interf_epfd_slice *slice,
                                       struct interf_epfd_out *out, interf_progress_fn progress,
                                       void *user, struct interf_error *err);
/* slice.c: every value of out's series at -300 dB (nothing contributes) */
void epfd_series_reset(const struct interf_epfd_plan *p, struct interf_epfd_out *out);
void epfd_gain_free(struct epfd_gain *g);

/* Cull margin (rad) on top of the visibility cap: covers float rounding and ground heights
 * above the sphere (up to 9 km on WGS 84) at no measurable cost. */
#define EPFD_CULL_MARGIN_RAD (0.5 * INTERF_DEG)

/* window.c: the time steps [k0, k1) outside which satellite sat cannot come within reach of
 * any point of a run over a small area (a few earth stations). */
struct epfd_window {
    long k0, k1;
    size_t sat;
};

struct epfd_windows {
    int every;                   /* 1: no windows (a wide area): every satellite at every step */
    size_t n;
    struct epfd_window *w;       /* by k0, then satellite; windows of one satellite are more
                                    than EPFD_BLOCK steps apart */
    size_t *em_first, *em_count; /* each satellite's emitters [first, first + count) */
};

/* The windows of plan p's satellites over steps [span[0], span[1]) of its run (a slice's: the
 * windows only select which satellites are propagated, every one of them still passes the
 * run's own visibility test, so any span gives the same results). Free with
 * epfd_windows_free. */
enum interf_status epfd_windows_build(const struct interf_epfd_plan *p, const long span[2],
                                      struct epfd_windows *out, struct interf_error *err);
void epfd_windows_free(struct epfd_windows *w);
/* The widest visibility cap (rad) of satellite sat's emitters, at its apogee, with a slack and,
 * off the sphere, the cull margin (ground heights and the tilt of the local vertical): no point
 * farther than this from the satellite's direction sees it above the minimum elevation. */
double epfd_sat_reach(const struct interf_epfd_plan *p, const struct epfd_windows *w, size_t sat);

/* kernel_run.c: the frequency-resolved slice (interf_epfd_run_channels) with rel, the spectra
 * over the emitters' powers, [emitter][channel] */
enum interf_status epfd_run_chan(const struct interf_epfd_plan *p,
                                 const struct interf_epfd_slice *sl, size_t n_ch, const float *rel,
                                 float *lin, struct interf_epfd_chan_info *info,
                                 struct interf_error *err);

/* output.c: the "# nodata: ..." lines of the points not computed, and the status of a failed
 * write (INTERF_EIO with the system's reason). */
void epfd_nodata_lines(FILE *fp, const struct interf_epfd_plan *p);
enum interf_status epfd_write_error(struct interf_error *err);

/* channels.c: where an aggregate's chunk sums go: per-channel histograms (agg, and per_sys for
 * each system's own), or the worst channel's reduction (worst and ch_max); and the window of
 * steps [step_begin, step_end) run, in chunks from step_begin. */
struct epfd_sink {
    struct interf_hist_set *agg, *per_sys, *worst;
    float *ch_max;
    long step_begin, step_end;
};
/* interf_epfd_aggregate and interf_epfd_aggregate_worst over the sink's window (INTERF_EINVAL
 * when it is not within the plans' steps). */
enum interf_status epfd_aggregate(const struct interf_epfd_plan *const *plans,
                                  const struct interf_epfd_spectrum *spectra, size_t n_sys,
                                  long chunk_steps, const struct epfd_sink *k, uint64_t *clamped,
                                  struct interf_epfd_chan_info *info, struct interf_error *err);

#endif
