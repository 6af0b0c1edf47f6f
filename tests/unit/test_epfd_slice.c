/* SPDX-License-Identifier: MIT */
/* Slices of an EPFD run: the static partition, and runs split into tile parts and time windows
 * whose merged results are the whole run's, bit for bit (the reference is the one-process run
 * of the same plan: integer counts add exactly, and each point's sum is formed in one order). */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdlib.h>
#include <string.h>

#include "interf.h"
#include "test_system_util.h"
#include "interf/epfd.h"

/* 1584 satellites at 550 km (S.1528 rec. 1.2 nadir beams, GSO-arc avoidance 10 deg). */
#define SHELL                                                                                      \
    "[system]\nname = t\nepoch_utc = 2025-01-01T00:00:00Z\nband_ghz = 10.7-12.7\n"                 \
    "[antenna a]\npattern = S.1528:1.2\ngain_max_dbi = 35\nhalf_beamwidth_deg = 1.5\n"             \
    "[beam b]\nantenna = a\npower_dbw = -40\n"                                                     \
    "[orbit s]\ntype = walker-delta\naltitude_km = 550\ninclination_deg = 53\n"                    \
    "satellites = 1584\nplanes = 72\nphasing = 65\nmin_elevation_deg = 10\n"                       \
    "gso_avoidance_deg = 10\nbeams = b\n"

struct fixture {
    struct interf_system *sys;
    struct interf_earth *earth;
    struct interf_antenna es;
    struct interf_grid_spec grid;
    struct interf_epfd_plan *plan;
};

/* A plan of the shell over a 2 deg grid (-180/180/-80/80: 180 x 80 cells), or over one point
 * (45N 10E) when grid is 0; n steps of step_s. */
static void plan(struct fixture *f, int grid, double step_s, long n)
{
    static double lat = 45, lon = 10;
    const struct interf_pattern_def *d = interf_pattern_find("S.1428");
    double v[INTERF_PATTERN_MAXKEYS] = {0};
    int given[INTERF_PATTERN_MAXKEYS] = {0};
    v[interf_pattern_key_index(d, "diameter_m")] = 0.6;
    given[interf_pattern_key_index(d, "diameter_m")] = 1;
    f->sys = system_from(SHELL);
    cr_assert(eq(int, interf_antenna_init(&f->es, d, v, given, 10.72, NULL), INTERF_OK));
    interf_earth_create(INTERF_EARTH_SPHERE, &f->earth, NULL);
    cr_assert(eq(int, interf_grid_spec_init(-180, 180, -80, 80, 2, &f->grid, NULL), INTERF_OK));
    struct interf_time_window w = {interf_system_info(f->sys)->epoch_unix_s, step_s, n, 0};
    struct interf_epfd_spec spec = {.sys = f->sys, .earth = f->earth, .es = &f->es,
                                    .pointing = INTERF_ES_GSO_SAME, .eps_gso_deg = 10,
                                    .grid = grid ? &f->grid : NULL, .n_points = 1,
                                    .lat_deg = &lat, .lon_deg = &lon, .window = w,
                                    .threads = 2};
    struct interf_error err;
    cr_assert(eq(int, interf_epfd_plan_create(&spec, &f->plan, &err), INTERF_OK), "%s", err.msg);
}

static void unplan(struct fixture *f)
{
    interf_epfd_plan_destroy(f->plan);
    interf_earth_destroy(f->earth);
    interf_system_destroy(f->sys);
}

/* The whole run, and the same run as the given slices each into its own results merged into
 * one: both with histograms and with series; every bit must agree. */
static void check_split(const struct fixture *f, const struct interf_epfd_slice *sl, size_t n_sl)
{
    struct interf_error err;
    for (int series = 0; series < 2; series++) {
        struct interf_epfd_out whole, merged;
        cr_assert(eq(int, interf_epfd_out_create(f->plan, series, &whole, &err), INTERF_OK));
        cr_assert(eq(int, interf_epfd_out_create(f->plan, series, &merged, &err), INTERF_OK));
        cr_assert(eq(int, interf_epfd_run(f->plan, &whole, NULL, NULL, &err), INTERF_OK), "%s",
                  err.msg);
        for (size_t k = 0; k < n_sl; k++) {
            struct interf_epfd_out part;
            cr_assert(eq(int, interf_epfd_out_create(f->plan, series, &part, &err), INTERF_OK));
            cr_assert(eq(int, interf_epfd_run_slice(f->plan, &sl[k], &part, NULL, NULL, &err),
                         INTERF_OK), "%s", err.msg);
            cr_assert(eq(int, interf_epfd_out_merge(f->plan, &sl[k], &merged, &part, &err),
                         INTERF_OK), "%s", err.msg);
            interf_epfd_out_free(&part);
        }
        size_t np = interf_epfd_plan_points(f->plan, NULL, NULL);
        long ns = interf_epfd_plan_spec(f->plan)->window.n_steps;
        if (series) {
            size_t n = np * (size_t)ns, seen = 0;
            for (size_t i = 0; i < n; i++) {
                cr_assert(memcmp(&whole.series[i], &merged.series[i], sizeof(float)) == 0,
                          "point %zu step %zu: whole %.9g, slices %.9g", i / (size_t)ns,
                          i % (size_t)ns, whole.series[i], merged.series[i]);
                seen += whole.series[i] > -250;
            }
            cr_assert(lt(sz, n / 100, seen), "only %zu samples with interference", seen);
        } else {
            size_t n = np * (size_t)INTERF_EPFD_NBINS;
            cr_assert(memcmp(whole.hist.count, merged.hist.count, n * 4) == 0,
                      "histograms differ");
            cr_assert(eq(u64, whole.clamped, merged.clamped));
            /* every computed point counts every step once */
            const unsigned char *nodata = interf_epfd_plan_nodata(f->plan);
            for (size_t i = 0; i < np; i++) {
                struct interf_hist h = interf_hist_set_point(&merged.hist, i);
                cr_assert(eq(dbl, interf_hist_total(&h), nodata[i] ? 0.0 : (double)ns));
            }
        }
        interf_epfd_out_free(&whole);
        interf_epfd_out_free(&merged);
    }
}

Test(epfd_slice, grid_in_two_tile_parts_and_three_windows_merges_exactly, .timeout = 300)
{
    /* 6 slices: tile parts {even, odd super tiles} x steps [0, 5), [5, 9), [9, 14) */
    struct fixture f;
    plan(&f, 1, 10, 14);
    struct interf_epfd_slice sl[6];
    const long cut[4] = {0, 5, 9, 14};
    for (size_t k = 0; k < 6; k++)
        sl[k] = (struct interf_epfd_slice){k % 2, 2, cut[k / 2], cut[k / 2 + 1]};
    check_split(&f, sl, 6);
    unplan(&f);
}

Test(epfd_slice, single_point_time_windows_merge_exactly, .timeout = 300)
{
    /* One earth station, 1 s steps: satellites are propagated only within their visibility
     * windows, which are the whole run's; slices starting inside blocks and inside windows
     * (5000, 9001) give the whole run's bits. */
    struct fixture f;
    plan(&f, 0, 1, 3 * 4096 + 500);
    const struct interf_epfd_slice sl[3] = {{0, 1, 0, 5000}, {0, 1, 5000, 9001},
                                            {0, 1, 9001, 3 * 4096 + 500}};
    check_split(&f, sl, 3);
    unplan(&f);
}

Test(epfd_slice, partition_follows_the_documented_rule)
{
    /* The 2 deg grid has ceil(180 / 32) x ceil(80 / 32) = 6 x 3 = 18 super tiles of 32 x 32
     * cells, each with computed points (the GSO arc is above 10 deg somewhere in each). The rule
     * (epfd.h), for 14 steps (every window shorter than 256 steps): P = the largest divisor of n
     * with 8 P <= 18, i.e. P <= 2:
     *   n = 1: 1 x 1; n = 2: P 2, W 1; n = 3: P 1, W 3 (windows 14 * w / 3: 0, 4, 9, 14);
     *   n = 4: P 2, W 2 (steps 0-7, 7-14); slice k is part k % P of window k / P. */
    struct fixture f;
    plan(&f, 1, 10, 14);
    cr_assert(eq(sz, interf_epfd_plan_units(f.plan), 18));
    static const struct {
        int n, k;
        struct interf_epfd_slice want;
    } cases[] = {{1, 0, {0, 1, 0, 14}}, {2, 0, {0, 2, 0, 14}}, {2, 1, {1, 2, 0, 14}},
                 {3, 0, {0, 1, 0, 4}},  {3, 1, {0, 1, 4, 9}},  {3, 2, {0, 1, 9, 14}},
                 {4, 1, {1, 2, 0, 7}},  {4, 2, {0, 2, 7, 14}}, {4, 3, {1, 2, 7, 14}}};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        struct interf_epfd_slice s;
        cr_assert(eq(int, interf_epfd_partition(f.plan, cases[c].n, cases[c].k, &s, NULL),
                     INTERF_OK));
        cr_assert(s.part == cases[c].want.part && s.n_parts == cases[c].want.n_parts &&
                      s.step_begin == cases[c].want.step_begin &&
                      s.step_end == cases[c].want.step_end,
                  "n %d k %d: part %zu/%zu steps %ld-%ld", cases[c].n, cases[c].k, s.part,
                  s.n_parts, s.step_begin, s.step_end);
    }
    struct interf_epfd_slice s;
    cr_assert(eq(int, interf_epfd_partition(f.plan, 2, 2, &s, NULL), INTERF_EINVAL));
    cr_assert(eq(int, interf_epfd_partition(f.plan, 0, 0, &s, NULL), INTERF_EINVAL));
    /* 1000 steps: time windows while they hold 256 steps or more: n = 2: P 1, W 2 (500 each);
     * n = 4: windows of 250 are too short, so P 2, W 2 (slice 3: part 1, steps 500-1000) */
    struct fixture g;
    plan(&g, 1, 10, 1000);
    cr_assert(eq(int, interf_epfd_partition(g.plan, 2, 1, &s, NULL), INTERF_OK));
    cr_assert(s.part == 0 && s.n_parts == 1 && s.step_begin == 500 && s.step_end == 1000);
    cr_assert(eq(int, interf_epfd_partition(g.plan, 4, 3, &s, NULL), INTERF_OK));
    cr_assert(s.part == 1 && s.n_parts == 2 && s.step_begin == 500 && s.step_end == 1000);
    unplan(&g);
    /* the two parts hold every computed point once, 9 super tiles each */
    size_t np = interf_epfd_plan_points(f.plan, NULL, NULL), computed = 0;
    const unsigned char *nodata = interf_epfd_plan_nodata(f.plan);
    unsigned char *seen = calloc(np, 1);
    size_t *idx = malloc(np * sizeof *idx);
    for (size_t part = 0; part < 2; part++) {
        struct interf_epfd_slice ps = {part, 2, 0, 14};
        size_t m = interf_epfd_slice_points(f.plan, &ps, idx);
        cr_assert(eq(sz, m, interf_epfd_slice_points(f.plan, &ps, NULL)));
        for (size_t i = 0; i < m; i++) {
            cr_assert(seen[idx[i]] == 0 && nodata[idx[i]] == 0, "point %zu", idx[i]);
            seen[idx[i]] = 1;
        }
    }
    for (size_t i = 0; i < np; i++) {
        computed += !nodata[i];
        cr_assert(eq(int, seen[i], !nodata[i]), "point %zu", i);
    }
    cr_assert(lt(sz, np / 2, computed));
    free(seen);
    free(idx);
    unplan(&f);
}

Test(epfd_slice, slices_out_of_range_are_refused)
{
    struct fixture f;
    plan(&f, 0, 10, 20);
    struct interf_epfd_out out;
    cr_assert(eq(int, interf_epfd_out_create(f.plan, 0, &out, NULL), INTERF_OK));
    const struct interf_epfd_slice bad[] = {{0, 0, 0, 20}, {1, 1, 0, 20}, {0, 1, -1, 5},
                                            {0, 1, 6, 5},  {0, 1, 0, 21}};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++)
        cr_assert(eq(int, interf_epfd_run_slice(f.plan, &bad[k], &out, NULL, NULL, NULL),
                     INTERF_EINVAL), "case %zu", k);
    /* an empty window adds nothing */
    const struct interf_epfd_slice empty = {0, 1, 7, 7};
    cr_assert(eq(int, interf_epfd_run_slice(f.plan, &empty, &out, NULL, NULL, NULL), INTERF_OK));
    struct interf_hist h = interf_hist_set_point(&out.hist, 0);
    cr_assert(eq(dbl, interf_hist_total(&h), 0.0));
    interf_epfd_out_free(&out);
    unplan(&f);
}

Test(epfd_slice, histogram_sets_add_exactly_and_refuse_overflow)
{
    /* Hand values: bin sums 1 + 2 = 3, (2^32 - 2) + 1 = 2^32 - 1 (the largest count), then
     * one more would pass 2^32 - 1 and is refused leaving dst as it was. */
    struct interf_hist_set a, b, c;
    cr_assert(eq(int, interf_hist_set_create(2, 3, -10, &a, NULL), INTERF_OK));
    cr_assert(eq(int, interf_hist_set_create(2, 3, -10, &b, NULL), INTERF_OK));
    cr_assert(eq(int, interf_hist_set_create(2, 4, -10, &c, NULL), INTERF_OK));
    a.count[0] = 1, b.count[0] = 2;
    a.count[5] = UINT32_MAX - 1, b.count[5] = 1;
    cr_assert(eq(int, interf_hist_set_add(&a, &b, NULL), INTERF_OK));
    cr_assert(eq(u32, a.count[0], 3));
    cr_assert(eq(u32, a.count[5], UINT32_MAX));
    cr_assert(eq(u32, a.count[1], 0));
    struct interf_error err;
    cr_assert(eq(int, interf_hist_set_add(&a, &b, &err), INTERF_EINPUT));
    cr_assert(eq(u32, a.count[0], 3), "dst changed by a refused sum");
    cr_assert(eq(int, interf_hist_set_add(&a, &c, NULL), INTERF_EINVAL));
    interf_hist_set_free(&a);
    interf_hist_set_free(&b);
    interf_hist_set_free(&c);
}
