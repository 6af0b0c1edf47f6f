/* SPDX-License-Identifier: MIT */
/* The epfd up and epfd_is examples of footprints/ (oneweb-ku-up.*, oneweb-ku-is.*) loaded for
 * the examination runs: the system file for the orbits, the e.i.r.p. mask and operating
 * parameters from their own files (the system file has no keys for them), the row of Table 22-2
 * or 22-3, the plan, the run and its verdict. Shared by tests/unit/test_exam_examples.c and
 * tests/bench/bench_exam.c. */
#ifndef INTERF_EXAM_EXAMPLE_H
#define INTERF_EXAM_EXAMPLE_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interf/exam.h"
#include "interf/limits.h"
#include "interf/stats.h"
#include "interf/system.h"

struct exam_example {
    struct interf_system *sys;
    struct interf_elements *el;
    struct interf_orbit_options *opt;
    struct interf_eirp_mask *mask;
    struct interf_op_params ops;
    int have_ops;
    struct interf_limits *limits;
    const struct interf_limit_mask *row;
    struct interf_exam_run_request req;
};

/* Load footprints/NAME.ini with its mask (NAME-eirp.txt or .xml) and, for up, NAME-ops.xml;
 * the row of table at freq_ghz. Returns 0 and a message in err on failure. */
static inline int exam_example_load(struct exam_example *x, const char *dir, const char *name,
                                    const char *table, double freq_ghz, int up,
                                    struct interf_error *err)
{
    char path[1024];
    memset(x, 0, sizeof *x);
    snprintf(path, sizeof path, "%s/footprints/%s.ini", dir, name);
    if (interf_system_load(path, &x->sys, err) != INTERF_OK)
        return 0;
    const struct interf_constellation *c = interf_system_constellation(x->sys);
    size_t n = interf_constellation_count(c);
    x->el = malloc(n * sizeof *x->el);
    x->opt = malloc(n * sizeof *x->opt);
    for (size_t k = 0; k < n; k++) {
        struct interf_orbit_rates r;
        interf_constellation_satellite(c, k, &x->el[k], &r);
        x->opt[k] = interf_system_orbit(x->sys, interf_system_sat_orbit(x->sys, k))->options;
    }
    snprintf(path, sizeof path, "%s/footprints/%s-eirp.%s", dir, name, up ? "txt" : "xml");
    if ((up ? interf_eirp_mask_read_text(path, &x->mask, err)
            : interf_eirp_mask_read_xml(path, &x->mask, err)) != INTERF_OK)
        return 0;
    if (up) {
        snprintf(path, sizeof path, "%s/footprints/%s-ops.xml", dir, name);
        if (interf_op_params_read_xml(path, &x->ops, err) != INTERF_OK)
            return 0;
        x->have_ops = 1;
    }
    if (interf_limits_create(&x->limits, err) != INTERF_OK)
        return 0;
    struct interf_limit_query q = {.table = table, .band_lo_ghz = freq_ghz,
                                   .band_hi_ghz = freq_ghz};
    if (interf_limits_find(x->limits, &q, &x->row, err) != INTERF_OK)
        return 0;
    struct interf_exam_system s = {n, x->el, x->opt, NULL, x->mask, up ? &x->ops : NULL, NULL};
    x->req.sys = s;
    x->req.row = x->row;
    return 1;
}

static inline void exam_example_free(struct exam_example *x)
{
    interf_system_destroy(x->sys);
    free(x->el);
    free(x->opt);
    interf_eirp_mask_destroy(x->mask);
    if (x->have_ops)
        interf_op_params_release(&x->ops);
    interf_limits_destroy(x->limits);
}

/* The verdict of a run's histogram against the row (S.1503-4 §D7: interf_limit_check on the
 * CDF of the histogram, in the row's bandwidth). */
static inline enum interf_status exam_example_verdict(const struct exam_example *x,
                                                      const struct interf_hist_set *h,
                                                      double max_db, struct interf_verdict *v,
                                                      struct interf_error *err)
{
    struct interf_hist one = interf_hist_set_point(h, 0);
    struct interf_cdf *cdf;
    enum interf_status st = interf_cdf_create_hist("epfd_dbw_m2_40khz", x->row->ref_bandwidth_khz,
                                                   &one, &cdf, err);
    if (st != INTERF_OK)
        return st;
    st = interf_limit_check(x->row, cdf, "run", NAN, max_db, v, err);
    interf_cdf_free_all(cdf, 1);
    return st;
}

#endif
