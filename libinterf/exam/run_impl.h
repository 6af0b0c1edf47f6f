/* SPDX-License-Identifier: MIT */
/* Private to the epfd up and epfd_is runs (libinterf/exam/run_plan.c, run_step.c): the plan. */
#ifndef INTERF_EXAM_RUN_IMPL_H
#define INTERF_EXAM_RUN_IMPL_H

#include "exam_impl.h"
#include "interf/epfd.h"
#include "interf/geo.h"

/* Cells of the cosine of the off-axis angle over [-1, 1] (run_curve_flat) */
#define RUN_FLAT_CELLS 4096

/* A curve with an index of its segments: interf_eirp_curve_eval_db without the search */
struct run_curve {
    const struct interf_eirp_curve *c;
    double x0_deg, cells_per_deg;
    size_t n_cells;
    uint32_t *seg;       /* per cell, the segment [x[k], x[k + 1]) holding the cell's start */
    double *flat;        /* per cell of the cosine, the curve's value when it is one value over
                            the cell's angles (a flat part of the mask), else NaN */
    double *bound;       /* per cell of the cosine, two values: below and above every value of
                            run_curve_eval over the cell's angles (with flat's margins), the
                            flat value twice where flat has one (run_curve_bound) */
};

/* One representative earth station of an up run, with what does not change over the run */
struct run_station {
    struct interf_station st;
    double lat_deg, lon_deg;
    double gso_dir[3];   /* unit vector toward the GSO satellite */
    double const_db;     /* 10 log NUM_ES + bandwidth - LFS + G_RX - Gmax (§D5.2.6 steps 19-23) */
    long max_co_freq;    /* MAX_CO_FREQ at its latitude (-1: none) */
    const struct interf_eirp_table *table; /* the mask's nearest latitude (§D5.2.7) */
    const struct run_curve *curve;         /* "T": its curve */
    double peak_db;      /* the table's peak: the reference of §D4.7.2 */
    double dlong_deg;    /* "A": Long(GSO) - Long(ES) */
    size_t alpha;        /* its alpha table (one per latitude row) */
    double alpha0_rad;   /* MIN_EXCLUDE at its latitude when no plane has its own */
    double arc_z_lo, arc_z_hi; /* a unit direction from it with an Earth-fixed z component
                                  outside [lo, hi] is clear of alpha0 (run_plan.c) */
};

/* A group of neighbouring stations: a satellite farther than rad from dir sees none of them
 * above the lowest MIN_ELEV */
struct run_cluster {
    double dir[3], cos_rad, rad;
};

/* What bounds the time before a satellite can come near the stations (epfd up) */
struct run_sky {
    double rate_rad_s;        /* bound on the angular speed of its direction (Earth-fixed) */
    double node0_rad, node_rate_rad_s; /* its node in the Earth-fixed frame: node0 + rate t */
    double sin_i, cos_i;
    double plane_margin_rad;  /* station keeping's W_delta and rounding */
    int phase_forward;        /* 1: its argument of latitude turns forward faster than its
                                 node (run_step.c: phase_wait) */
    int circular;             /* 1: a circular orbit by S.1503-4 §D6.3 (s1503_circular) */
    double turn[4];           /* then its turns of one step (s1503_step_turn) */
};

struct interf_exam_plan {
    struct interf_exam_plan_info info;
    struct interf_exam_run_request req;  /* pointers into the caller's data */
    interf_progress_fn progress;
    void *progress_user;
    struct interf_exam_shell *shells;
    struct interf_constellation *c;
    struct interf_orbit_run orun;
    double gso_km[3], bs_dir[3];          /* the GSO satellite, its boresight (unit) */
    double h_min_km;
    double d_art_rad_s;                  /* the artificial precession added (§D4.6.2) */
    /* up */
    size_t n_es, n_all;                  /* stations that see the GSO satellite; placed */
    struct run_station *es;
    double *all_lat, *all_lon;           /* every placed station */
    double *es_km;                       /* 3 a station */
    long *es_max;
    double sin_eps_min;                  /* sine of the lowest MIN_ELEV */
    double cull_dir[3], cull_cos, cull_rad; /* satellites farther than cull_rad from cull_dir
                                            (unit) see no station above the lowest MIN_ELEV */
    double cos_reach;                    /* cosine of that elevation's reach from the highest
                                            orbit: a satellite farther from a station's zenith
                                            is below it */
    struct run_sky *sky;                 /* per satellite */
    size_t n_clusters;
    struct run_cluster *clusters;
    uint32_t *es_cluster;                /* the cluster of each station */
    double *cl_soa;                      /* the clusters' dir x, y, z and cos_rad, each in an
                                            array of n_clusters (loops the compiler vectorizes) */
    double cl_rad_max;                   /* the widest cluster's rad */
    double reach_rad;                    /* the reach of the lowest MIN_ELEV (cos_reach) */
    double cull_cos_mid, cos_reach_mid;  /* cull_cos and cos_reach, their angles widened by
                                            the turn of half a window (plan_window: from a
                                            window's middle step) */
    double *cl_cos_mid;                  /* per cluster, cos_rad so widened */
    uint32_t *cl_first, *cl_es;          /* the stations of cluster c: cl_es[cl_first[c] ..
                                            cl_first[c + 1]) */
    int elev_const;                      /* 1: MIN_ELEV is one value everywhere (elev_deg) */
    double elev_deg, sin_elev_safe;      /* it, and a sine above which el >= it surely */
    int alpha0_by_plane;                 /* 1: a plane has its own MIN_EXCLUDE */
    size_t n_curves;
    struct run_curve *curves;            /* "T": one per table of the mask */
    size_t n_alpha;
    struct interf_alpha_table **alpha;
    double *alpha_lat;
};

/* A link of one station in the selection of steps 25-26 (run_step.c: station_cands) */
struct run_cand {
    double dot, d;        /* its vector's product with gso_dir, its length */
    double lo_db, hi_db;  /* its e.i.r.p. is between them (equal: it, to the bit) */
    double eirp_db;       /* its e.i.r.p. when worked out, else NaN */
    uint32_t sat;         /* UINT32_MAX once kept */
};

/* A link at a step of a window (window_rows): what station_cands reads */
struct run_row {
    double dot, d;        /* its vector's product with gso_dir, its length */
    int32_t cell;         /* the cell of run_curve_bound */
    uint32_t i;           /* its satellite, an index into win */
    int32_t flag;         /* 1: a link; 2: a link where link_works says so */
};

/* Steps of a window of the up run (run_step.c: window_build): the satellites near each station
 * are found once a window, with caps widened by the turn of a satellite's direction over it */
#define RUN_WIN_STEPS 16
_Static_assert(INTERF_STEP_ANCHOR % RUN_WIN_STEPS == 0, "a window lies in one block");

/* Entries of a thread's cache of 10^(epfd_i / 10) (run_step.c: pow_db), a power of 2 */
#define RUN_POW_CACHE 1024

/* The scratch of one thread */
struct run_work {
    double *x, *y, *z;          /* positions at the step (ECEF, km) */
    double *xyz;                /* the same as triples */
    unsigned char *ok;          /* satellite above H_MIN */
    uint32_t *near, n_near;     /* up: the satellites above it that some station may see */
    uint32_t *pass;             /* up: those within a station's reach (indices into near) */
    uint32_t *clist, *clen;     /* up: per cluster, its near satellites (indices into near) */
    double *cdot;               /* up: per near satellite, a row of the cosines of its angles
                                   from the clusters (and a row for one more) */
    double *nx, *ny, *nz;       /* up: their positions */
    double *nr;                 /* up: their radius times the cosine of the plan's reach */
    double *until_s, last_t;    /* up: a satellite is not propagated before until_s */
    uint32_t *due;              /* up: the satellites due at a step (until_s passed) */
    double *dq;                 /* up: theirs, 6 arrays of n: x, y, z, radius, its inverse and
                                   the cosine from the cull cap's centre (propagate_near) */
    double *bx, *by, *bz;       /* up: per satellite, its positions at the steps of the block
                                   [block, block + INTERF_STEP_ANCHOR) (fill_block) */
    int64_t block;
    int64_t *filled;            /* up: per satellite, the first step of the block from which
                                   its positions are in (INT64_MAX: none; fill_from) */
    int64_t win_end;            /* up: the current window is [.., win_end) (window_build) */
    uint32_t *win, n_win;       /* up: the satellites that may come near a station in it */
    uint32_t *es_list, *es_len; /* up: per station, those that may come within its reach
                                   (indices into win, a room of n_sats each) */
    int64_t win_base;           /* up: lane l of the window's rows is step win_base + l
                                   (win_end - RUN_WIN_STEPS; window_rows) */
    double *wq;                 /* up: per satellite of win, rows of RUN_WIN_STEPS: its x, y, z
                                   (0 where it is not due) and nr (INFINITY where it is not due
                                   or below H_MIN), as station_pass compares them (pair_row) */
    size_t pair_cap;            /* up: room for pairs (a station and a satellite of win) */
    uint32_t *pair_first;       /* up: station e's pairs are [pair_first[e], pair_first[e + 1])
                                   (its es_list in order) */
    uint32_t *pair_win;         /* up: per pair, its satellite (an index into win) */
    struct run_row *rows;       /* up: per lane l of the window, its links: rows + l pair_cap,
                                   station e's from row_first[l (n_es + 1) + e] to the next */
    uint32_t *row_first;
    uint32_t *sat_count;        /* up: links of each satellite kept by their stations */
    struct interf_up_link *links;
    struct run_cand *cand;      /* up: the links of one station (a room a satellite) */
    double *kept_db;            /* up: the kept links' epfd_i */
    uint64_t *pow_key;          /* up: the bits of an epfd_i whose 10^(epfd_i / 10) is in */
    double *pow_val;            /* pow_val, a cache of RUN_POW_CACHE entries (all ones: none) */
    unsigned char *state;
    size_t cap;
};

/* The curve's value at x_deg, the bits of interf_eirp_curve_eval_db */
double run_curve_eval(const struct run_curve *r, double x_deg);
/* The curve's value at the angle acos(c_cos) (c_cos clamped to [-1, 1], rounded by up to 1e-9)
 * where the curve is flat around it, without the arc cosine: the bits of run_curve_eval; NaN
 * elsewhere */
static inline double run_curve_flat(const struct run_curve *r, double c_cos)
{
    double f = (c_cos + 1) * (RUN_FLAT_CELLS / 2);
    size_t j = f > 0 ? (size_t)f : 0;
    return r->flat[j < RUN_FLAT_CELLS ? j : RUN_FLAT_CELLS - 1];
}

/* Bounds lo <= run_curve_eval(r, acos(c) / deg) <= hi, c_cos as in run_curve_flat: lo == hi
 * where the curve is flat there (the value to the bit), lo < hi elsewhere (run_plan.c) */
static inline const double *run_curve_bound(const struct run_curve *r, double c_cos)
{
    double f = (c_cos + 1) * (RUN_FLAT_CELLS / 2);
    size_t j = f > 0 ? (size_t)f : 0;
    return r->bound + 2 * (j < RUN_FLAT_CELLS ? j : RUN_FLAT_CELLS - 1);
}

enum interf_status run_work_init(const struct interf_exam_plan *p, struct run_work *w,
                                 struct interf_error *err);
void run_work_free(struct run_work *w);
/* Step k (t = k dt) into out (the work's buffers reused) */
enum interf_status run_step(const struct interf_exam_plan *p, struct run_work *w, int64_t k,
                            struct interf_exam_step *out, struct interf_error *err);

#endif
