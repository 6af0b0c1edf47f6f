/* SPDX-License-Identifier: MIT */
/* Private to the filing layer: the examination object shared by its driver (exam_run.c) and
 * its reports (report.c). */
#ifndef INTERF_FILING_IMPL_H
#define INTERF_FILING_IMPL_H

#include "interf/filing.h"

struct interf_exam {
    struct interf_exam_request req;
    const char *const *tables; /* req.tables, or NULL: every table */
    size_t n_shells;
    struct interf_exam_shell *shells; /* one per orbit group with satellites (§D4.1) */
    size_t *shell_orbit;       /* the group of each shell */
    size_t n_runs;
    struct interf_exam_run *runs;
};

/* The quantity of a run's CDF, "epfd_dbw_m2_40khz", into buf of size n. */
void filing_quantity(const struct interf_exam_run *r, char *buf, size_t n);

#endif
