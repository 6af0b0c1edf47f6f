/* SPDX-License-Identifier: MIT */
/* Private parts of the schedule layer (include/interf/schedule.h): the reader without a system
 * (names and a memory limit given, so tests reach every check), the statistics of one point over
 * the slots, and the plain double loop the SGEMM path is tested and benchmarked against. */
#ifndef INTERF_SCHEDULE_IMPL_H
#define INTERF_SCHEDULE_IMPL_H

#include <stdio.h>

#include "interf/schedule.h"

/* The power matrix may take at most this many bytes (n_beams x n_slots floats, plus the slot
 * durations): the reader refuses a larger schedule before allocating it. */
#define SCHED_MAX_BYTES ((size_t)1 << 30)

/* The points of one SGEMM tile for n_slots slots: the tile's PFD block (points x slots floats)
 * stays within SCHED_TILE_BYTES, between 16 and 4096 points, a multiple of 16. */
#define SCHED_TILE_BYTES ((size_t)2 << 20)
size_t sched_tile_points(size_t n_slots);

/* Read a schedule table from fp. name labels messages ("FILE:LINE: FIELD: ..."); group is the
 * orbit group's name and beam_names its n_beams beams in order (for lookups and for the list in
 * an unknown-beam message); max_bytes bounds the estimate of the final arrays. */
enum interf_status sched_read_stream(FILE *fp, const char *name, const char *group,
                                     const char *const *beam_names, size_t n_beams,
                                     size_t max_bytes, struct interf_schedule **out,
                                     struct interf_error *err);

/* Scratch of one point's statistics: n_slots floats and doubles, and the schedule's total
 * duration (sched_total_s). */
struct sched_scratch {
    float *v;
    double *w;
    double total_s;
};

/* The sum of the slots' durations, in slot order. */
double sched_total_s(const struct interf_schedule *s);

/* The statistics of one point from its PFD in every slot (pfd[n_slots], W/m^2), in dB(W/m^2),
 * -INFINITY for zero PFD: out[k * stride] for stats[k]. uniform: every slot lasts the same. */
void sched_point_stats(const struct interf_schedule *s, int uniform, const float *pfd,
                       const struct interf_stat *stats, size_t n_stats,
                       struct sched_scratch *scr, float *out, size_t stride);

/* interf_schedule_aggregate with tiles of `tile` points (tests reach uneven remainders). */
enum interf_status sched_aggregate_tiled(const struct interf_schedule *s, const float *c,
                                         size_t n_points, const struct interf_stat *stats,
                                         size_t n_stats, size_t tile, float *out,
                                         struct interf_error *err);

/* The reference: the same result as interf_schedule_aggregate with the per-slot sums formed in
 * a plain double loop over beams (no BLAS). */
enum interf_status sched_aggregate_loop(const struct interf_schedule *s, const float *c,
                                        size_t n_points, const struct interf_stat *stats,
                                        size_t n_stats, float *out, struct interf_error *err);

/* The percentile of pct % of the time among n values with weights w (both permuted in place):
 * the smallest value L with sum(w of values > L) <= (100 - pct) % of sum(w) (1e-9 % tolerance,
 * as the EPFD histograms). w NULL: every weight 1. */
float sched_percentile(float *v, double *w, size_t n, double pct);
/* The same without permuting v and w, faster on many values (a sampled bracket first); total
 * is the sum of w (n when w is NULL); sv and sw are scratch of n values each. */
float sched_percentile_fast(const float *v, const double *w, size_t n, double total, double pct,
                            float *sv, double *sw);

#endif
