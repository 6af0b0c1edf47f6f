/* SPDX-License-Identifier: MIT */
/* A footprint run in parts (interf_footprint_partition, interf_footprint_run_part), the unit of
 * its split over MPI ranks: the parts cover the grid's points in order, and their points put
 * together are the whole run's bit for bit, for the statistics over a beam-hopping schedule
 * (parts of whole SGEMM tiles) and for an instantaneous pfd (whole rows). Reference: the same
 * request in one run (interf_footprint_run). */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interf.h"

/* footprints/hop.ini: one GSO satellite, three spot beams, a schedule of 4 slots; pfd on the
 * grid -10/30/30/65/0.25 (160 x 140 = 22 400 cells), with n_stats statistics of stat[] */
static void request(struct interf_footprint_request *rq, struct interf_system **sys,
                    struct interf_stat *stat, size_t n_stats)
{
    char path[512];
    struct interf_error err;
    snprintf(path, sizeof path, "%s/footprints/hop.ini", getenv("INTERF_SOURCE_DIR"));
    cr_assert(eq(int, interf_system_load(path, sys, &err), INTERF_OK), "%s", err.msg);
    interf_footprint_request_init(rq);
    rq->sys = *sys;
    rq->sat = 0;
    rq->quantity = INTERF_FOOTPRINT_PFD;
    double region[5] = {-10, 30, 30, 65, 0.25};
    memcpy(rq->region_deg, region, sizeof region);
    static const char *const names[] = {"max", "mean", "p50"};
    for (size_t k = 0; k < n_stats; k++)
        cr_assert(eq(int, interf_stat_parse(names[k], INTERF_SCHEDULE_STATS, &stat[k], &err),
                     INTERF_OK));
    rq->stats = stat, rq->n_stats = n_stats;
}

/* The request in n_parts parts against the whole run: contiguous parts from 0 to the grid's
 * 22 400 points, each starting at a multiple of unit (an empty one at the end), and every
 * grid's values the same bits */
static void parts_same_as_whole(const struct interf_footprint_request *rq, int n_parts,
                                size_t unit)
{
    struct interf_footprint_result whole, part;
    struct interf_error err;
    cr_assert(eq(int, interf_footprint_run(rq, &whole, &err), INTERF_OK), "%s", err.msg);
    size_t np = 160 * 140, next = 0;
    for (int i = 0; i < n_parts; i++) {
        size_t first, end;
        cr_assert(eq(int, interf_footprint_partition(rq, n_parts, i, &first, &end, &err),
                     INTERF_OK), "%s", err.msg);
        cr_assert(eq(sz, first, next));
        cr_assert(first % unit == 0 || first == np, "part %d: %zu", i, first); /* or empty */
        cr_assert(end >= first && end <= np);
        cr_assert(eq(int, interf_footprint_run_part(rq, first, end, &part, &err), INTERF_OK),
                  "%s", err.msg);
        cr_assert(eq(sz, part.n_grids, whole.n_grids));
        for (size_t k = 0; k < whole.n_grids; k++)
            cr_assert(memcmp(part.grid[k]->values + first, whole.grid[k]->values + first,
                             (end - first) * sizeof(double)) == 0,
                      "part %d of %d, grid %zu", i, n_parts, k);
        interf_footprint_result_free(&part);
        next = end;
    }
    cr_assert(eq(sz, next, np));
    interf_footprint_result_free(&whole);
}

/* --stat max, mean, p50: parts of whole tiles of the aggregate (4 slots: the largest tile,
 * 4096 points, interf_schedule_tile_points), 6 tiles in 1, 4 and 7 parts (the 7th empty) */
Test(footprint_parts, statistics_parts_are_the_whole_run, .timeout = 60)
{
    struct interf_footprint_request rq;
    struct interf_system *sys;
    struct interf_stat stat[3];
    request(&rq, &sys, stat, 3);
    parts_same_as_whole(&rq, 1, 4096);
    parts_same_as_whole(&rq, 4, 4096);
    parts_same_as_whole(&rq, 7, 4096);
    interf_system_destroy(sys);
}

/* The instantaneous pfd: parts of whole rows of 160 cells, 140 rows in 3 parts */
Test(footprint_parts, instantaneous_parts_are_whole_rows, .timeout = 60)
{
    struct interf_footprint_request rq;
    struct interf_system *sys;
    request(&rq, &sys, NULL, 0);
    parts_same_as_whole(&rq, 3, 160);
    interf_system_destroy(sys);
}

/* Points outside the grid, or first after end: INTERF_EINVAL */
Test(footprint_parts, bad_ranges_refused)
{
    struct interf_footprint_request rq;
    struct interf_system *sys;
    struct interf_footprint_result res;
    struct interf_error err;
    request(&rq, &sys, NULL, 0);
    cr_assert(eq(int, interf_footprint_run_part(&rq, 10, 5, &res, &err), INTERF_EINVAL));
    cr_assert(eq(int, interf_footprint_run_part(&rq, 22401, 22402, &res, &err), INTERF_EINVAL));
    interf_system_destroy(sys);
}
