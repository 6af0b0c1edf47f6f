/* SPDX-License-Identifier: MIT */
/* interf schedule: the power schedule of a multi-beam satellite (beam hopping): which beams of
 * an orbit group are lit, at what power, in each of n_slots time slots. The schedule comes from
 * the table file named by schedule_file in the group's [orbit] section (interf-system(5),
 * interf-table(5) "Schedule tables"). The aggregate PFD of every point in every slot is one
 * matrix product C (points x beams) x P (beams x slots), done with single-precision BLAS (SGEMM)
 * in tiles of points; the result per point is a time statistic over the slots.
 *
 * File format (whitespace-separated, "#" starts a comment line):
 *   # slot duration_s beam power_dbw
 *   0   0.5   spot1   10.0
 *   0   0.5   spot2    7.0
 *   1   1.5   spot2   10.0
 *   2   1.0   -        -
 * The first non-blank line must be the schema line above (column names with units, in this
 * order). Then one row per lit beam and slot: slot is an integer 0, 1, 2, ... in non-decreasing
 * order without gaps (every slot from 0 to the last must appear); duration_s > 0 and finite, the
 * same on every row of a slot; beam is the name of one of the group's [beam] sections, at most
 * once per slot, or "-" for a dark slot (no beam lit: the row's power_dbw is not read, write "-",
 * and the slot has no other row); power_dbw in [-100, 100] dBW, the power into the antenna in
 * the system's reference bandwidth (like the beam's power_dbw key). A beam absent from a slot is
 * dark in it. Text after "#" on a row is a comment; NaN, Inf, hex and NUL bytes are refused.
 * The number of slots is limited so that the arrays (n_beams x 4 + 8 bytes a slot) stay within
 * 1 GiB; the reader checks that estimate at every new slot and refuses with it.
 *
 * Statistics (interf_schedule_aggregate): every slot weighs its duration_s. max is the largest
 * PFD over the slots; mean the time-weighted mean of the linear PFD, then in dB; pNN.NNN the
 * smallest PFD level L reached in some slot such that the fraction of time with PFD > L is at
 * most (100 - NN.NNN) % (the level not exceeded for NN.NNN % of the time: as the EPFD
 * statistics of interf-epfd, without their 0.1 dB binning). p100 equals max.
 *
 * No power: a statistic whose value is a zero PFD is -INFINITY (the caller writes NODATA): the
 * point sees no lit beam in any slot (every statistic), or, for a percentile, the slots in which
 * it sees none make up at least NN.NNN % of the time. */
#ifndef INTERF_SCHEDULE_H
#define INTERF_SCHEDULE_H

#include <stddef.h>

#include "interf/core.h"     /* struct interf_error, enum interf_status */
#include "interf/stats.h"
#include "interf/system.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A power schedule of one orbit group's satellites: n_slots slots of duration_s each; the beams
 * are the orbit group's beams in its order (orb->beams[0..n_beams)). */
struct interf_schedule {
    size_t n_slots, n_beams;
    double *duration_s;   /* [n_slots] */
    float *power_w;       /* [n_beams * n_slots], beam-major (row b = beam b over the slots):
                             linear power in the reference bandwidth, 0 where the beam is dark */
};

/* Read and check the schedule file of orbit group `orb` of `sys` (orb->schedule_file), through
 * the table reader of interf/io.h. Errors (INTERF_EINPUT) read "FILE:LINE:COLUMN: FIELD: what is
 * wrong" (the column of the field at fault; "FILE:LINE: FIELD: ..." for a missing field), FIELD
 * one of slot, duration_s, beam, power_dbw (or "schema" for a bad or missing schema line), e.g.
 *   "sched.txt:7:5: beam: 'spot9': not a beam of orbit group 'hop' (beams: spot1, spot2)"
 *   "sched.txt:9:1: slot: 3 after 5: slots must not decrease"
 * FILE is orb->schedule_file as stored. INTERF_EIO "FILE: strerror" when the file cannot be
 * opened or read; INTERF_EINPUT "FILE:1: ..." for an empty file; INTERF_ENOMEM; INTERF_EINVAL
 * when an argument is NULL or the group has no schedule_file. On success *out is a new schedule
 * (free with interf_schedule_destroy); on failure *out is NULL. Numbers are read in the C locale.
 * Thread-safe: no shared state. */
INTERF_API enum interf_status interf_schedule_read(const struct interf_system *sys,
                                                   const struct interf_system_orbit *orb,
                                                   struct interf_schedule **out,
                                                   struct interf_error *err);
INTERF_API void interf_schedule_destroy(struct interf_schedule *s); /* NULL: no-op */

/* The statistics over the slots are those of interf/stats.h (struct interf_stat) of kinds
 * INTERF_STAT_MAX, INTERF_STAT_MEAN and INTERF_STAT_PCT, time-weighted by duration_s: parse
 * them with interf_stat_parse(text, INTERF_SCHEDULE_STATS, ...). */
#define INTERF_SCHEDULE_STATS                                                                      \
    (INTERF_STAT_ALLOW(INTERF_STAT_MAX) | INTERF_STAT_ALLOW(INTERF_STAT_MEAN) |                  \
     INTERF_STAT_ALLOW(INTERF_STAT_PCT))

/* c: [n_points * n_beams] row-major, linear gain / (4 pi d^2) in m^-2 of every beam at every
 * point (0 where the point cannot see the satellite). For every point, the PFD in every slot is
 * sum_b c[p][b] * power_w[b][slot] (SGEMM in tiles of points, single-threaded BLAS); out gets
 * n_stats * n_points values in dB(W/m^2) (stat-major: out[k * n_points + p]); a point with no
 * power in any slot gets -INFINITY for every statistic (see "No power" above; the tool maps a
 * non-finite value to the grid's NODATA).
 * The per-slot sums are in fp32 (SGEMM); the statistics over the slots are accumulated in double.
 * The tiles are shared among OpenMP threads (omp_get_max_threads), each tile's SGEMM
 * single-threaded: for the duration of the call the library sets OpenBLAS to one thread
 * (openblas_set_num_threads) and then restores the caller's setting, so another thread of the
 * caller should not run BLAS at the same time. The result does not depend on the thread count:
 * the tiles are fixed, every per-slot sum runs over the beams in one order, every point's
 * statistics in one thread. Errors: INTERF_EINVAL for NULL arrays with nonzero sizes, an empty
 * schedule, a statistic kind out of range or a pct outside (0, 100]; INTERF_EINPUT for a
 * negative or non-finite c ("c[POINT][BEAM]: VALUE: the coupling must be finite and >= 0 m^-2");
 * INTERF_ENOMEM. n_points 0 or n_stats 0 is a successful no-op. Memory: per thread, one
 * tile of PFD (about 2 MiB, or 16 points x n_slots floats when that is more) and two slot
 * vectors. */
INTERF_API enum interf_status interf_schedule_aggregate(const struct interf_schedule *s,
                                                        const float *c, size_t n_points,
                                                        const struct interf_stat *stats,
                                                        size_t n_stats, float *out,
                                                        struct interf_error *err);

/* The points of interf_schedule_aggregate's tiles for s (one SGEMM each; a multiple of 16 from
 * 16 to 4096, from the slots). A run of n points split into runs over [a, b) with a a multiple of
 * it (and b one, or n) makes the same products, hence the same bits, as the whole run. */
INTERF_API size_t interf_schedule_tile_points(const struct interf_schedule *s);

#ifdef __cplusplus
}
#endif
#endif
