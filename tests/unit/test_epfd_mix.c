/* SPDX-License-Identifier: MIT */
/* Slices of an aggregate run (interf_epfd_mix): the partition of its steps into windows of
 * whole blocks, and runs of those windows whose merged results (counts summed, channel maxima
 * the largest, series windows gathered, clamped samples and product sizes summed) are the whole
 * run's, bit for bit, at points, on a grid and for series. The reference is interf_epfd_mix_run
 * of the same request: integer counts add exactly, and each window's blocks hold the whole
 * run's steps. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdlib.h>
#include <string.h>

#include "interf.h"
#include "test_system_util.h"
#include "interf/epfd.h"

#define HEAD                                                                                       \
    "[system]\nname = t\nepoch_utc = 2025-01-01T00:00:00Z\nband_ghz = 10.7-12.7\n"                 \
    "[antenna a]\npattern = S.1528:1.2\ngain_max_dbi = 35\nhalf_beamwidth_deg = 1.5\n"
/* Two shells whose beams file different PSDs across the band: channels that differ. */
#define SHELL_550                                                                                  \
    HEAD "[beam n]\nantenna = a\npower_dbw = -40\nchannels = 10.7-11.7:-40, 11.7-12.7:-45\n"      \
         "[beam f]\nantenna = a\npower_dbw = -37\npointing = off-nadir\noff_nadir_deg = 10\n"      \
         "azimuth_deg = 0\n"                                                                       \
         "[orbit s]\ntype = walker-delta\naltitude_km = 550\ninclination_deg = 53\n"               \
         "satellites = 1584\nplanes = 72\nphasing = 65\nmin_elevation_deg = 10\n"                  \
         "gso_avoidance_deg = 10\nbeams = n, f\n"
#define SHELL_1100                                                                                 \
    HEAD "[beam n]\nantenna = a\npower_dbw = -38\nchannels = 11.2-12.7:-38\n"                      \
         "[orbit s]\ntype = walker-delta\naltitude_km = 1100\ninclination_deg = 45\n"              \
         "satellites = 600\nplanes = 30\nphasing = 7\nmin_elevation_deg = 10\nbeams = n\n"

#define NPT 20
#define NST 300L

struct fixture {
    struct interf_system *sys[2];
    double lat[NPT], lon[NPT];
    struct interf_grid_spec grid;
    struct interf_epfd_mix_request q;
};

enum mode { POINTS, GRID, SERIES };

/* Both shells, 300 steps of 2 s, 4 channels of 500 MHz over 10.7-12.7 GHz; at 20 points (each
 * system's own histograms too), on a grid of 4 x 3 cells of 2 deg, or the series at the points
 * in one channel where both transmit (11.45-11.7 GHz). */
static void fixture_init(struct fixture *f, enum mode mode, int threads)
{
    memset(f, 0, sizeof *f);
    f->sys[0] = system_from(SHELL_550);
    f->sys[1] = system_from(SHELL_1100);
    for (int i = 0; i < NPT; i++)
        f->lat[i] = 30 + i, f->lon[i] = 10 + 0.37 * i;
    f->grid = (struct interf_grid_spec){4, 3, 8, 30, 2};
    struct interf_epfd_request *b = &f->q.base;
    b->es_dish_m = 0.6, b->step_s = 2, b->n_steps = NST, b->threads = threads;
    if (mode == GRID) {
        b->grid = &f->grid;
    } else {
        b->n_points = NPT, b->lat_deg = f->lat, b->lon_deg = f->lon;
        f->q.per_system = mode == POINTS;
    }
    f->q.n_sys = 2, f->q.sys = f->sys;
    f->q.lo_ghz = 10.7, f->q.hi_ghz = 12.7, f->q.channel_khz = 500000;
    if (mode == SERIES)
        f->q.lo_ghz = 11.45, f->q.hi_ghz = 11.7, f->q.channel_khz = 250000, f->q.series = 1;
}

static struct interf_epfd_mix *plan(const struct fixture *f)
{
    struct interf_epfd_mix *m;
    struct interf_error err;
    cr_assert(eq(int, interf_epfd_mix_plan(&f->q, &m, &err), INTERF_OK), "%s", err.msg);
    return m;
}

/* The whole run's results (kept in whole, alive) against the runs of the n_parts windows of
 * parts, merged by hand into a copy. */
static void check_merge(struct interf_epfd_mix *whole, uint64_t clamped,
                        struct interf_epfd_mix *parts, size_t n_parts)
{
    struct interf_epfd_mix_results w, r;
    struct interf_error err;
    interf_epfd_mix_results(whole, &w);
    cr_assert(w.n_sets > 0 || w.series[0]);
    uint32_t *count = calloc(w.n_sets * w.n_counts + 1, sizeof *count);
    float *ch_max = calloc(w.n_ch_max ? w.n_ch_max : 1, sizeof *ch_max);
    float *series = calloc(2 * w.n_points * w.n_steps + 1, sizeof *series);
    struct interf_epfd_chan_info info = {0};
    uint64_t cl_sum = 0;
    long next = 0;
    for (size_t part = 0; part < n_parts; part++) {
        long k0, k1;
        uint64_t cl;
        interf_epfd_mix_partition(parts, n_parts, part, &k0, &k1);
        cr_assert(eq(i64, k0, next), "part %zu of %zu: not contiguous", part, n_parts);
        cr_assert(k0 % 64 == 0 || k0 == NST, "part %zu of %zu: starts at %ld", part, n_parts, k0);
        next = k1;
        cr_assert(eq(int, interf_epfd_mix_run_slice(parts, k0, k1, &cl, &err), INTERF_OK), "%s",
                  err.msg);
        interf_epfd_mix_results(parts, &r);
        cr_assert(eq(sz, r.n_sets, w.n_sets));
        cr_assert(eq(sz, r.n_counts, w.n_counts));
        /* every sample of the window counted once: point 0's first histogram holds its steps */
        double total = 0;
        for (size_t b = 0; r.n_sets && b < INTERF_EPFD_NBINS; b++)
            total += r.count[0][b];
        cr_assert(epsilon_eq(dbl, total, r.n_sets ? (double)(k1 - k0) : 0, 0),
                  "part %zu of %zu", part, n_parts);
        for (size_t s = 0; r.series[0] && s < 2; s++) /* the window's steps of each point */
            for (size_t g = 0; g < r.n_points; g++)
                memcpy(series + (s * r.n_points + g) * r.n_steps + k0,
                       r.series[s] + g * r.n_steps + k0, (size_t)(k1 - k0) * sizeof *series);
        for (size_t s = 0; s < r.n_sets; s++)
            for (size_t i = 0; i < r.n_counts; i++)
                count[s * w.n_counts + i] += r.count[s][i];
        for (size_t i = 0; i < r.n_ch_max; i++)
            ch_max[i] = r.ch_max[i] > ch_max[i] ? r.ch_max[i] : ch_max[i];
        cl_sum += cl, info.nnz += r.info->nnz, info.cells += r.info->cells;
    }
    cr_assert(eq(i64, next, NST), "the parts end at %ld", next);
    for (size_t s = 0; s < w.n_sets; s++)
        cr_assert(memcmp(count + s * w.n_counts, w.count[s], w.n_counts * sizeof *count) == 0,
                  "%zu parts: histogram set %zu differs", n_parts, s);
    if (w.n_ch_max)
        cr_assert(memcmp(ch_max, w.ch_max, w.n_ch_max * sizeof *ch_max) == 0,
                  "%zu parts: channel maxima differ", n_parts);
    for (size_t s = 0; w.series[0] && s < 2; s++)
        cr_assert(memcmp(series + s * w.n_points * w.n_steps, w.series[s],
                         w.n_points * w.n_steps * sizeof *series) == 0,
                  "%zu parts: series of system %zu differs", n_parts, s + 1);
    cr_assert(eq(u64, cl_sum, clamped));
    cr_assert(eq(u64, info.nnz, w.info->nnz));
    cr_assert(eq(u64, info.cells, w.info->cells));
    free(count);
    free(ch_max);
    free(series);
}

/* Run the whole (threads_whole) and merge its parts (one thread) for 1, 2, 3, 4 and 7 parts. */
static void whole_equals_parts(enum mode mode, int threads_whole)
{
    struct fixture fw, fp;
    struct interf_error err;
    fixture_init(&fw, mode, threads_whole);
    fixture_init(&fp, mode, 1);
    struct interf_epfd_mix *whole = plan(&fw), *parts = plan(&fp);
    uint64_t clamped;
    cr_assert(eq(int, interf_epfd_mix_run(whole, &clamped, &err), INTERF_OK), "%s", err.msg);
    struct interf_epfd_mix_results w;
    interf_epfd_mix_results(whole, &w);
    /* something is seen: a histogram of the aggregate above the floor bin, or a sample of
     * each system */
    int seen = 0;
    for (size_t i = 0; i < w.n_counts && !seen; i += INTERF_EPFD_NBINS)
        for (size_t b = 1; b < INTERF_EPFD_NBINS && !seen; b++)
            seen = w.count[0][i + b] > 0;
    for (size_t i = 0; w.series[0] && i < w.n_points * w.n_steps && seen < 3; i++)
        seen |= (w.series[0][i] > 0) | (w.series[1][i] > 0) << 1;
    seen = w.series[0] ? seen == 3 : seen;
    cr_assert(seen, "nothing above the floor");
    const size_t n_parts[5] = {1, 2, 3, 4, 7};
    for (int k = 0; k < 5; k++)
        check_merge(whole, clamped, parts, n_parts[k]);
    interf_epfd_mix_destroy(whole);
    interf_epfd_mix_destroy(parts);
    for (int s = 0; s < 2; s++) {
        interf_system_destroy(fw.sys[s]);
        interf_system_destroy(fp.sys[s]);
    }
}

Test(epfd_mix, partition_into_whole_blocks)
{
    /* By hand: 300 steps are 5 blocks of 64 steps (the last of 44). 3 parts take blocks
     * floor(5 k / 3): 0, 1, 3, 5, so steps [0, 64), [64, 192), [192, 300); 7 parts take
     * floor(5 k / 7) = 0, 0, 1, 2, 2, 3, 4, 5: part 0 and part 3 are empty. */
    struct fixture f;
    fixture_init(&f, POINTS, 1);
    struct interf_epfd_mix *m = plan(&f);
    const long want3[3][2] = {{0, 64}, {64, 192}, {192, 300}};
    const long want7[7][2] = {{0, 0}, {0, 64}, {64, 128}, {128, 128},
                              {128, 192}, {192, 256}, {256, 300}};
    long k0, k1;
    for (size_t p = 0; p < 3; p++) {
        interf_epfd_mix_partition(m, 3, p, &k0, &k1);
        cr_assert(eq(i64, k0, want3[p][0]), "part %zu", p);
        cr_assert(eq(i64, k1, want3[p][1]), "part %zu", p);
    }
    for (size_t p = 0; p < 7; p++) {
        interf_epfd_mix_partition(m, 7, p, &k0, &k1);
        cr_assert(eq(i64, k0, want7[p][0]), "part %zu", p);
        cr_assert(eq(i64, k1, want7[p][1]), "part %zu", p);
    }
    /* a window out of the run's steps is refused */
    struct interf_error err;
    cr_assert(eq(int, interf_epfd_mix_run_slice(m, 64, 301, NULL, &err), INTERF_EINVAL));
    cr_assert(eq(str, err.msg, "EPFD aggregate: steps 64 to 301 of 300"));
    cr_assert(eq(int, interf_epfd_mix_run_slice(m, 65, 64, NULL, &err), INTERF_EINVAL));
    interf_epfd_mix_destroy(m);
    interf_system_destroy(f.sys[0]);
    interf_system_destroy(f.sys[1]);
}

Test(epfd_mix, slices_merged_are_the_whole_run_at_points, .timeout = 240)
{
    whole_equals_parts(POINTS, 2);
}

Test(epfd_mix, slices_merged_are_the_whole_run_on_a_grid, .timeout = 240)
{
    whole_equals_parts(GRID, 2);
}

Test(epfd_mix, slices_gathered_are_the_whole_series, .timeout = 240)
{
    whole_equals_parts(SERIES, 2);
}
