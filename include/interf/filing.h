/* SPDX-License-Identifier: MIT */
/* interf filing: the examination of a non-GSO FSS system's epfd down by Rec. ITU-R S.1503-4
 * (09/2023), built on the rules of interf/exam.h: the runs of §D2.1 (one per Article 22 row
 * whose band the system's overlaps, at the lower edge of the overlap), the worst-case geometry
 * of §D3.1 with the longitude correction of §D3, the time step and run length of §D4, the
 * epfd down at the WCG earth station step by step from the filed pfd masks with the
 * co-frequency selection and gain clause of §D5.1.4.1 and the dual time step of §D4.7, the
 * 0.1 dB histograms and the verdict of §D7.
 *
 * This layer sits above exam (the rules), system (the filing's masks and operating
 * parameters), epfd (bins, the earth station's pattern), limits, stats and render: exam cannot
 * hold it, since epfd.h includes exam.h.
 *
 * The epfd up and epfd_is runs (§D5.2, §D5.3) of the rows of Tables 22-2 and 22-3 go through
 * the plans of interf/exam.h (interf_exam_up_plan, interf_exam_is_plan) with the masks and
 * operating parameters of the system file (eirp_mask, ss_eirp_mask, ...).
 *
 * Not implemented: the track-duration variant of §D5.1.4.2 (MIN_DURATION; a system giving it
 * is refused), the reduced-step special case of §D4.7.2, runs by date of entry into force,
 * masks and operating parameters by orbit group for epfd up and epfd_is (the first group that
 * gives the mask serves the system), filed earth stations (ES_ID other than -1). */
#ifndef INTERF_FILING_H
#define INTERF_FILING_H

#include <stdint.h>
#include <stdio.h>

#include "interf/core.h"
#include "interf/epfd.h"
#include "interf/exam.h"
#include "interf/io.h"
#include "interf/limits.h"
#include "interf/render.h"
#include "interf/stats.h"
#include "interf/system.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------- one GSO earth station */

/* The epfd down at one GSO earth station over the fine steps k = 0 .. n_steps - 1 of a run
 * (t_k = start_s + k step_s after the system's epoch), S.1503-4 §D5.1.4.1: every satellite of
 * the system above the earth station's horizon, its pfd from its orbit group's mask (the table
 * of the nearest sub-satellite latitude, bilinear, §C4.1; rescaled to ref_bandwidth_khz) toward
 * the earth station ((azimuth, elevation) in the satellite frame of §D6.4.5, or (alpha, delta
 * longitude) of §D6.4.4), epfd_i = pfd + G_RX(phi) - Gmax (step 17); operating when
 * |alpha| >= alpha0 and its elevation >= eps0 (MIN_EXCLUDE by plane and MIN_ELEV of the group,
 * at the earth station's latitude); the MAX_CO_FREQ operating satellites of highest epfd_i
 * (MIN_ANGLE_AT_ES apart) plus every satellite of the gain clause G_RX(phi) >
 * min(Gmax - 30, G_RX(alpha0)) summed (interf_exam_select; the first orbit group's MAX_CO_FREQ
 * and MIN_ANGLE_AT_ES); the dual time step of interf_exam_walk_* with that gain clause as the
 * critical test. Satellites far from the station are not propagated: each is skipped until
 * the earliest time it could rise, from a bound on the angular speed of its sub-satellite
 * point (the secular model's argument of latitude advances linearly). */
struct interf_exam_station {
    const struct interf_system *sys;  /* every orbit group with satellites has a pfd_mask */
    const struct interf_antenna *es;  /* the earth station's receive pattern */
    double lat_deg, lon_deg;          /* the earth station, on the S.1503-4 sphere */
    double gso_lon_deg;               /* the GSO satellite it points at */
    double ref_bandwidth_khz;         /* of the run; the masks are rescaled to it */
    double start_s, step_s;           /* step 0 (s after the system's epoch) and the fine step */
    int64_t n_steps;                  /* 1 to INTERF_HIST_MAX_STEPS */
    double t_run_s;                   /* span of station keeping (0: n_steps x step_s) */
    int n_coarse;                     /* §D4.7 (1 or less: every step fine) */
    double d_art_deg_s;               /* artificial precession of §D4.6.2 added to every
                                         satellite of the J2 model (deg/s) */
    int threads;                      /* OpenMP threads over windows of the run; 0: all */
};

/* The histogram of a run at one station: count[k] fine steps in bin k of the epfd bins
 * (INTERF_EPFD_LEVEL_MIN + k tenths of a dB, interf_epfd_bin), the total, the steps evaluated
 * (every fine step, the first of each coarse block), the samples clamped into the top bin and
 * the run's maximum (dB, -INFINITY when nothing was received). */
struct interf_exam_station_out {
    uint32_t count[INTERF_EPFD_NBINS];
    uint64_t total, evaluated, clamped;
    double max_db;
    int threads_used;
};

/* Run the station. series (may be NULL): n_steps values receiving each fine step's epfd
 * (dB, -300 when nothing is received; NaN for the steps a coarse block skips). progress as
 * interf_epfd_run. Results do not depend on the number of threads: the run is cut into
 * windows on the dual step's block grid and the histograms are summed. INTERF_EINPUT naming
 * the orbit group without a pfd_mask, or a field out of range. Thread-safe on a shared
 * system. */
INTERF_API enum interf_status interf_exam_station_run(const struct interf_exam_station *st,
                                                      struct interf_exam_station_out *out,
                                                      float *series, interf_progress_fn progress,
                                                      void *user, struct interf_error *err);
/* The same over the window [first, end) of the run's fine steps (0 <= first <= end <=
 * n_steps, else INTERF_EINVAL; series, if given, is still indexed by the run's step): the
 * histogram of those steps as the whole run counts them. The dual time step's blocks depend on
 * their own first step alone (interf_exam_walk_*), and a coarse block counts in the window
 * holding its first step, so the windows of a partition of [0, n_steps), their counts, totals
 * and evaluated steps summed and their maxima the largest, give the whole run's exactly. */
INTERF_API enum interf_status interf_exam_station_run_window(const struct interf_exam_station *st,
                                                             int64_t first, int64_t end,
                                                             struct interf_exam_station_out *out,
                                                             float *series,
                                                             interf_progress_fn progress,
                                                             void *user,
                                                             struct interf_error *err);

/* ------------------------------------------------------------------- the examination */

/* An examination as a user asks for it; fields left 0 take the default in brackets. */
struct interf_exam_request {
    const struct interf_system *sys;     /* required: its masks, band and operating parameters */
    const struct interf_limits *limits;  /* required: the Article 22 tables */
    size_t n_tables;
    const char *const *tables;           /* "22-1A", "22-2", ... [every validation table whose
                                            input the system gives: pfd_mask for EPFD down,
                                            eirp_mask for up, ss_eirp_mask for is] */
    size_t n_dishes;
    const double *dish_m;                /* only the EPFD-down rows of these diameters [every
                                            row]; the EPFD-up and EPFD-is rows have none */
    enum interf_exam_rec rec;            /* the WCG's rule set [S.1503-4] */
    enum interf_exam_beamwidth beamwidth; /* theta3dB of the time step [70 lambda / D] */
    double wcg_step_deg;                 /* the WCG's search step [the rule's: 0.1 deg] */
    int64_t n_steps;                     /* steps of every run [the run length of §D4]: a run
                                            shorter than N_min is INSUFFICIENT */
    int threads;                         /* [all cores] */
};

/* The verdict of a run or of the whole examination (the exit statuses of interf-exam(1)). */
enum interf_exam_verdict {
    INTERF_EXAM_PASS = 0,        /* every point of every mask passes (§D7) */
    INTERF_EXAM_FAIL = 1,        /* a point fails */
    INTERF_EXAM_INSUFFICIENT = 3 /* every point passes but a run's total step weight is below
                                    N_min of §D4.6: the statistics cannot support the verdict */
};

/* ---------------------------------------------------------- epfd up and epfd_is inputs */

/* What an epfd up or epfd_is run of a system takes from its file: the satellites' elements and
 * propagation options at t = 0, MIN_EXCLUDE's plane of each (Walker plane + 1), and of the
 * first orbit group giving the row's mask (eirp_mask for a row of Table 22-2, ss_eirp_mask for
 * Table 22-3) that mask, its operating parameters, H_MIN and DoesRepeat, and es_beamwidth_deg. */
struct interf_exam_inputs {
    struct interf_exam_run_request req; /* sys and row set, gso_lon_deg 0, lon_shift 1, the
                                           rest 0 (the whole run of §D4 on every core) */
    size_t orbit;                       /* the group whose mask serves */
    struct interf_elements *el;         /* owned: n_sats each */
    struct interf_orbit_options *opt;
    long *orb_id;
};

/* Fill *in for row (a row of Table 22-2 or 22-3) from sys (both must outlive it). INTERF_EINPUT
 * "system: ..." when no group gives the mask, the row's kind is another. Release with
 * interf_exam_inputs_release (also after a failure). */
INTERF_API enum interf_status interf_exam_inputs_init(const struct interf_system *sys,
                                                      const struct interf_limit_mask *row,
                                                      struct interf_exam_inputs *in,
                                                      struct interf_error *err);
INTERF_API void interf_exam_inputs_release(struct interf_exam_inputs *in);

/* One run: a row of an Article 22 table at the lower edge of its band's overlap with the
 * system's. The fields from wcg on are set by interf_exam_execute. */
struct interf_exam_run {
    char name[64];                          /* "22-1A_0.6m_40kHz", "22-2_4deg_40kHz": for file
                                               names */
    enum interf_exam_link link;             /* DOWN: the fields of an earth station below; UP,
                                               IS: the plan */
    struct interf_exam_inputs in;           /* UP, IS */
    struct interf_exam_plan *plan;          /* UP, IS: planned by interf_exam_create (its
                                               geometry, stations, step and run length) */
    struct interf_exam_run_stats stats;     /* UP, IS: set by interf_exam_execute */
    const struct interf_limit_mask *row;
    double band_lo_ghz, band_hi_ghz;        /* the overlap of the row's band and the system's */
    double freq_mhz;                        /* §D2.1 */
    double dish_m, ref_bandwidth_khz;
    char es_pattern[INTERF_NAME_MAX];       /* the row's reference pattern ("S.1428") */
    struct interf_antenna es;               /* at freq_mhz */
    double theta3db_deg;                    /* of the time step's convention */
    struct interf_exam_timing timing;       /* §D4 (timing.req.shells owned by the exam) */
    int64_t n_steps;                        /* the run's steps (the request's, else timing's) */
    double n_min;                           /* §D4.6 */
    int prepared;                           /* set by interf_exam_prepare */
    /* set by interf_exam_execute */
    int done;
    size_t wcg_orbit;                       /* the orbit group whose mask gave the WCG */
    struct interf_wcg wcg;                  /* §D3.1 (satellite at longitude 0) */
    double wcg_seconds;
    double shift_deg, shift_t_s;            /* the longitude correction of §D3 */
    double es_lat_deg, es_lon_deg, gso_lon_deg; /* the run's earth station and GSO satellite */
    struct interf_exam_station_out res;
    double run_seconds;
    struct interf_verdict verdict;          /* §D7 */
    enum interf_exam_verdict status;
};

struct interf_exam;

/* Resolve a request: the runs (rows of the tables asked for whose bands overlap the system's
 * band_ghz: EPFD down, and EPFD up and is planned by interf_exam_up_plan / interf_exam_is_plan
 * from the system's eirp_mask / ss_eirp_mask with the longitude correction), each with its
 * frequency (§D2.1: max(band_lo, mask fmin) + B/2), its earth station (down: the row's pattern
 * and dish), and its time step and run length (§D4, over the
 * orbit groups with satellites as shells: H_MIN, DoesRepeat and P_repeat of the groups, N'hit
 * with the system's satellites). Nothing is run. A row whose mask the system lacks is noted
 * for interf_exam_summary when its table was not asked for. INTERF_EINPUT naming the field:
 * "system: ..." (no band, an orbit without pfd_mask when a down table was asked for,
 * MIN_DURATION given, repeating and non-repeating groups mixed), "PATH: eirp_mask: ..." (a
 * table asked for, or every row that applies, needs a mask no group gives), "tables: ..."
 * (unknown, or no row applies), "n_steps: ...". Free with interf_exam_destroy. */
INTERF_API enum interf_status interf_exam_create(const struct interf_exam_request *req,
                                                 struct interf_exam **out,
                                                 struct interf_error *err);
INTERF_API void interf_exam_destroy(struct interf_exam *ex); /* NULL: no-op */

/* Whether every run can be executed: INTERF_EINPUT "n_steps: RUN: N steps: more than ..."
 * for a run longer than the histograms hold (INTERF_HIST_MAX_STEPS); interf_exam_create
 * accepts such runs so that their derivation can be shown. */
INTERF_API enum interf_status interf_exam_check(const struct interf_exam *ex,
                                                struct interf_error *err);

INTERF_API size_t interf_exam_n_runs(const struct interf_exam *ex);
/* Run k (NULL out of range); valid until interf_exam_destroy. */
INTERF_API const struct interf_exam_run *interf_exam_get_run(const struct interf_exam *ex,
                                                             size_t k);

/* Execute run k. EPFD up and is: interf_exam_plan_run of the run's plan (progress: stage
 * "running"), then the verdict (interf_limit_check, no latitude; INSUFFICIENT by
 * interf_exam_sufficient). EPFD down: the WCG over the orbit groups (interf_exam_wcg_down;
 * the highest margin bin, ties the lowest angular velocity), the longitude correction
 * (interf_exam_wcg_lon_shift over the first satellite of that group, ascending, in fine steps),
 * the station run (interf_exam_station_run with the run's step, N_coarse and D_art) and the
 * verdict (interf_limit_check at the earth station's latitude; INSUFFICIENT by
 * interf_exam_sufficient). progress reports the run's fraction (stage "worst-case geometry",
 * then "running"). */
INTERF_API enum interf_status interf_exam_execute(struct interf_exam *ex, size_t k,
                                                  interf_progress_fn progress, void *user,
                                                  struct interf_error *err);

/* --------------------------------------------------- a run in parts (one per process) */

/* Execute run k as interf_exam_execute does, in parts that processes may share:
 *   interf_exam_prepare    on every process: the worst-case geometry and the longitude
 *                          correction of an EPFD-down run (deterministic: the same on each;
 *                          the search shared by the processes: interf_exam_share_search);
 *   interf_exam_window     part i of n_parts: its contiguous window of the run's fine steps;
 *   interf_exam_run_part   the window's steps into an interf_exam_part;
 *   interf_exam_part_merge the parts summed (in any order: integers and a maximum);
 *   interf_exam_finish     the sum into the run's results and its verdict (§D7).
 * The dual time step's blocks depend on their own first step alone (S.1503-4 §D4.7 as
 * interf_exam_walk_* holds it on the block grid), so the sum of any partition's parts is the
 * whole run's, bit for bit: the same CDF, charts and verdict for any number of parts. */

/* What a window of a run's steps counts. */
struct interf_exam_part {
    uint32_t count[INTERF_EPFD_NBINS]; /* fine steps (a coarse step: its block) per 0.1 dB bin */
    uint64_t total, evaluated, clamped; /* as interf_exam_station_out */
    uint64_t coarse_blocks;             /* up, is: coarse steps among those evaluated */
    double links, accepted;             /* up, is: links considered (is: satellites seen) and
                                           accepted, summed over the steps evaluated (whole
                                           numbers, exact in any order below 2^53) */
    double max_db;                      /* the highest step (-INFINITY: nothing received) */
    int threads_used;                   /* the most of any part */
};

/* The WCG searches of interf_exam_prepare shared by n_parts processes, this one part `part`,
 * as interf_wcg_request says (combine: the bitwise OR of the parts' buffers on every part,
 * MPI_Allreduce with MPI_BOR over MPI_BYTE); every process must then prepare the same runs in
 * the same order. n_parts <= 1: each searches alone (the default). */
INTERF_API void interf_exam_share_search(struct interf_exam *ex, int part, int n_parts,
                                         void (*combine)(void *buf, size_t bytes, void *user),
                                         void *user);
/* Prepare run k for its parts (its WCG search, progress stage "worst-case geometry"; nothing
 * for up and is, planned by interf_exam_create); again: nothing. Errors as interf_exam_execute. */
INTERF_API enum interf_status interf_exam_prepare(struct interf_exam *ex, size_t k,
                                                  interf_progress_fn progress, void *user,
                                                  struct interf_error *err);
/* The window [*first, *end) of part `part` (0 .. n_parts - 1) of run k's n_steps: contiguous
 * windows in part order, equal to within one step (the first n_steps mod n_parts a step
 * longer); empty when there are more parts than steps. */
INTERF_API void interf_exam_window(const struct interf_exam *ex, size_t k, int n_parts, int part,
                                   int64_t *first, int64_t *end);
/* The steps [first, end) of prepared run k into *out (initialised here; progress: the window's
 * fraction, stage "running"). INTERF_EINVAL for a run not prepared or a window outside the
 * run. Not concurrently on one run (the progress of an up or is plan is the plan's). */
INTERF_API enum interf_status interf_exam_run_part(struct interf_exam *ex, size_t k,
                                                   int64_t first, int64_t end,
                                                   struct interf_exam_part *out,
                                                   interf_progress_fn progress, void *user,
                                                   struct interf_error *err);
/* An empty part (no counts, max_db -INFINITY): the start of a sum. */
INTERF_API void interf_exam_part_init(struct interf_exam_part *p);
/* into += from. */
INTERF_API void interf_exam_part_merge(struct interf_exam_part *into,
                                       const struct interf_exam_part *from);
/* The whole run's sum `all` into run k's results (res; stats for up and is; run_seconds, the
 * wall time the caller measured) and its verdict; the run is then done. INTERF_EINVAL when
 * the parts do not count the run's n_steps. */
INTERF_API enum interf_status interf_exam_finish(struct interf_exam *ex, size_t k,
                                                 const struct interf_exam_part *all,
                                                 double run_seconds, struct interf_error *err);

/* 1 when a run of total_weight fine steps supports a verdict: total_weight >= n_min
 * (S.1503-4 §D4.6, Table 13). */
INTERF_API int interf_exam_sufficient(uint64_t total_weight, double n_min);

/* The verdict over the runs executed: FAIL if one fails, else INSUFFICIENT if one is, else
 * PASS. */
INTERF_API enum interf_exam_verdict interf_exam_overall(const struct interf_exam *ex);
INTERF_API const char *interf_exam_verdict_str(enum interf_exam_verdict v); /* "PASS", ... */

/* The CDF of executed run k (interf_cdf_create_hist; quantity epfd_dbw_m2_<B>khz, for up and is
 * epfd_up_... and epfd_is_...) with its metadata (lat_deg, lon_deg: the earth station, or the
 * GSO beam's boresight for up and is; gso_lon_deg, es_dish_m and es_pattern, or
 * gso_beamwidth_deg and gso_pattern; freq_ghz, step_s, n_steps, total_weight, max_epfd,
 * table). Free with interf_cdf_free_all(*out, 1). */
INTERF_API enum interf_status interf_exam_cdf(const struct interf_exam *ex, size_t k,
                                              struct interf_cdf **out,
                                              struct interf_error *err);
/* Write it (interf-table(5)) after prov's items. INTERF_EIO on a write error. */
INTERF_API enum interf_status interf_exam_write_cdf(FILE *fp, const struct interf_exam *ex,
                                                    size_t k,
                                                    const struct interf_provenance *prov,
                                                    struct interf_error *err);
/* The chart of executed run k: its CDF against the row's mask, each point annotated with its
 * margin (interf_cdf_chart), width_px wide. */
INTERF_API enum interf_status interf_exam_chart(const struct interf_exam *ex, size_t k,
                                                int width_px, struct interf_image **out,
                                                struct interf_error *err);
/* The summary as text: the overall verdict, a table of the runs executed (table, dish,
 * bandwidth, frequency, step, steps, N_min, maximum, worst margin, verdict, steps/s), then per
 * run the geometry found, the derivation of the step and run length
 * (interf_exam_timing_describe) and the verdict at each point of the mask. INTERF_EIO on a
 * write error. */
INTERF_API enum interf_status interf_exam_summary(FILE *fp, const struct interf_exam *ex,
                                                  struct interf_error *err);

/* ------------------------------------------------------------ masks from beams (§C2.3) */

/* The (azimuth, elevation) pfd mask of orbit group `orbit` of sys from its beam
 * (interf_pfd_mask_from_beam at the group's perigee height, in the system's reference
 * bandwidth, frequencies the system's band), at step_deg resolution: for users to check filed
 * masks against their antennas, and to examine a system described by beams. The group must
 * carry exactly one beam pointing at nadir: INTERF_EINPUT otherwise. Free with
 * interf_pfd_mask_destroy. */
INTERF_API enum interf_status interf_exam_mask_from_orbit(const struct interf_system *sys,
                                                          size_t orbit, double step_deg,
                                                          struct interf_pfd_mask **out,
                                                          struct interf_error *err);

#ifdef __cplusplus
}
#endif
#endif
