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
    size_t n_skipped;          /* rows whose band applies but whose input the system lacks */
    const struct interf_limit_mask *skipped[64];
    const char *skipped_key[64]; /* the key it lacks */
    int part, n_parts;         /* the WCG searches shared (interf_exam_share_search) */
    void (*combine)(void *buf, size_t bytes, void *user);
    void *combine_user;
};

/* The key of the system file a row's run needs: pfd_mask, eirp_mask or ss_eirp_mask */
const char *filing_input_key(const struct interf_limit_mask *m);
/* 1 when sys gives it (every group with satellites for pfd_mask, one for the others) */
int filing_has_input(const struct interf_system *sys, const struct interf_limit_mask *m);
/* INTERF_EINPUT "PATH: eirp_mask: no [orbit] gives it; ..." for a row whose input sys lacks */
enum interf_status filing_no_input(const struct interf_system *sys,
                                   const struct interf_limit_mask *m, struct interf_error *err);
/* An epfd up or epfd_is run r of row m over its band b (uplink.c): its name, frequency and
 * plan (with the longitude correction) */
enum interf_status filing_plan_uplink(struct interf_exam *ex, const struct interf_limit_mask *m,
                                      int b, struct interf_exam_run *r,
                                      struct interf_error *err);
/* Its steps [first, end) into *out (uplink.c) */
enum interf_status filing_uplink_part(struct interf_exam_run *r, int64_t first, int64_t end,
                                      struct interf_exam_part *out, interf_progress_fn progress,
                                      void *user, struct interf_error *err);
/* The verdict of §D7 of executed run r, and INSUFFICIENT below N_min (exam_run.c) */
enum interf_status filing_verdict(const struct interf_exam *ex, struct interf_exam_run *r,
                                  struct interf_error *err);

/* The quantity of a run's CDF, "epfd_dbw_m2_40khz", into buf of size n. */
void filing_quantity(const struct interf_exam_run *r, char *buf, size_t n);

#endif
