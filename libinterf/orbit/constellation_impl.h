/* SPDX-License-Identifier: MIT */
/* The constellation shared by the S.1503 propagator (orbit.c) and the dispatch over satellite
 * kinds (constellation.c): the S.1503 elements as structure of arrays, and the groups of
 * satellites given by two-line element sets or by a CCSDS OEM. Not installed. */
#ifndef INTERF_CONSTELLATION_IMPL_H
#define INTERF_CONSTELLATION_IMPL_H

#include "interf/orbit.h"

/* Satellites [first, first + n) that are not moved by the S.1503 model. */
struct sat_group {
    enum interf_sat_kind kind;
    size_t first, n;
    struct interf_sgp4_batch *batch; /* INTERF_SAT_TLE: satellite k is batch satellite k */
    struct interf_tle *tles;         /* INTERF_SAT_TLE: the element sets (names, numbers) */
    struct interf_oem *oem;          /* INTERF_SAT_OEM: the message, owned */
    char **objects;                  /* INTERF_SAT_OEM: OBJECT_NAME of each satellite */
    const char **frames, **centers;  /* INTERF_SAT_OEM: each object's REF_FRAME, CENTER_NAME */
};

/* Hot data, one array per field (structure of arrays), indexed by satellite. */
struct interf_constellation {
    size_t n, cap;
    double *a, *e, *p, *cos_i, *sin_i;       /* shape of the orbit */
    double *lan0, *argp0, *m0;               /* angles at t = 0 */
    double *n_bar, *raan_dot, *argp_dot;     /* secular rates (rad/s) */
    double *w_delta;                         /* station-keeping half range (rad) */
    unsigned char *fixed;                    /* 1: GSO reference satellite, fixed in ECEF */
    int *plane;
    struct interf_elements *el;              /* cold copies for the accessors */
    struct interf_orbit_rates *rates;
    double epoch_unix_s;                     /* t = 0, UTC */
    struct sat_group *groups;                /* in satellite order */
    size_t n_groups;
};

/* Satellites [first, first + n) by the S.1503-4 §D6.3 model (orbit.c): every one of them
 * must be of kind INTERF_SAT_ELEMENTS. */
void s1503_propagate(const struct interf_constellation *c, size_t first, size_t n, double t,
                     const struct interf_orbit_run *run, enum interf_frame frame,
                     const struct interf_ephem *out);

/* Satellite k, a circular orbit by S.1503-4 §D6.3 (not a fixed GSO reference), at steps
 * [k0, k0 + n) of t_s = t0_s + s step_s, Earth-fixed (orbit.c): the contract of
 * interf_constellation_propagate_steps; turn its turns of one step (s1503_step_turn), or NULL
 * to work them out. */
void s1503_propagate_steps(const struct interf_constellation *c, size_t k,
                           const struct interf_orbit_run *run, double t0_s, double step_s,
                           long k0, size_t n, const double *turn, double *x_km, double *y_km,
                           double *z_km);
/* The cosines and sines of satellite k's node and argument of latitude turns in one step of
 * step_s (orbit.c): a run that steps a satellite often works them out once */
void s1503_step_turn(const struct interf_constellation *c, size_t k,
                     const struct interf_orbit_run *run, double step_s, double turn[4]);
/* 1 when satellite k is a circular orbit by S.1503-4 §D6.3, not a fixed GSO reference: what
 * s1503_propagate_steps asks (constellation.c) */
int s1503_circular(const struct interf_constellation *c, size_t k);

/* Store satellite k's S.1503 fields from el and opt (orbit.c); k < c->cap. */
void s1503_store(struct interf_constellation *c, size_t k, const struct interf_elements *el,
                 const struct interf_orbit_options *opt, int plane);

/* Free the groups (constellation.c). */
void groups_free(struct interf_constellation *c);

#endif
