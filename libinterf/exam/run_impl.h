/* SPDX-License-Identifier: MIT */
/* Private to the epfd up and epfd_is runs (libinterf/exam/run_plan.c, run_step.c): the plan. */
#ifndef INTERF_EXAM_RUN_IMPL_H
#define INTERF_EXAM_RUN_IMPL_H

#include "exam_impl.h"
#include "interf/epfd.h"
#include "interf/geo.h"

/* One representative earth station of an up run, with what does not change over the run */
struct run_station {
    struct interf_station st;
    double lat_deg, lon_deg;
    double gso_dir[3];   /* unit vector toward the GSO satellite */
    double const_db;     /* 10 log NUM_ES + bandwidth - LFS + G_RX - Gmax (§D5.2.6 steps 19-23) */
    long max_co_freq;    /* MAX_CO_FREQ at its latitude (-1: none) */
    const struct interf_eirp_table *table; /* the mask's nearest latitude (§D5.2.7) */
    const struct interf_eirp_curve *curve; /* "T": its curve */
    double peak_db;      /* the table's peak: the reference of §D4.7.2 */
    double dlong_deg;    /* "A": Long(GSO) - Long(ES) */
    size_t alpha;        /* its alpha table (one per latitude row) */
};

struct interf_exam_plan {
    struct interf_exam_plan_info info;
    struct interf_exam_run_request req;  /* pointers into the caller's data */
    struct interf_exam_shell *shells;
    struct interf_constellation *c;
    struct interf_orbit_run orun;
    double gso_km[3], bs_dir[3];          /* the GSO satellite, its boresight (unit) */
    double h_min_km;
    /* up */
    size_t n_es, n_all;                  /* stations that see the GSO satellite; placed */
    struct run_station *es;
    double *all_lat, *all_lon;           /* every placed station */
    double *es_km;                       /* 3 a station */
    long *es_max;
    double sin_eps_min;                  /* sine of the lowest MIN_ELEV */
    double cull_dir[3], cull_cos;        /* satellites farther than acos(cull_cos) from
                                            cull_dir (unit) see no station */
    size_t n_alpha;
    struct interf_alpha_table **alpha;
    double *alpha_lat;
};

/* The scratch of one thread */
struct run_work {
    double *x, *y, *z;          /* positions at the step (ECEF, km) */
    double *xyz;                /* the same as triples */
    unsigned char *ok;          /* satellite above H_MIN */
    uint32_t *near, n_near;     /* up: the satellites above it that some station may see */
    struct interf_up_link *links;
    unsigned char *state;
    size_t cap;
};

enum interf_status run_work_init(const struct interf_exam_plan *p, struct run_work *w,
                                 struct interf_error *err);
void run_work_free(struct run_work *w);
/* One step at t_s into out (the work's buffers reused) */
enum interf_status run_step(const struct interf_exam_plan *p, struct run_work *w, double t_s,
                            struct interf_exam_step *out, struct interf_error *err);

#endif
