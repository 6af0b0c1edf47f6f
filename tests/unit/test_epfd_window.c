/* SPDX-License-Identifier: MIT */
/* Visibility windows of the EPFD run over a few earth stations (libinterf/epfd/window.c): the
 * windows hold every step at which a satellite is above its orbit group's minimum elevation
 * (checked by brute force), and the windowed run gives the same bits as the run that propagates
 * every satellite at every step. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "epfd/epfd_impl.h"
#include "interf.h"
#include "test_system_util.h"

/* Orbits of every kind the windows must hold: a circular LEO Walker shell; inclined elliptical
 * orbits (e = 0.1 and a Molniya-like e = 0.7) of which the turn rate peaks at perigee; a polar
 * shell with station keeping over a short run (the node sweeps 2 x 90 deg in the run, so the
 * node's rate matters); an administration precession (case 3). GSO-arc avoidance on some, so
 * that the runs below take the table's path too. */
#define ORBITS                                                                                     \
    "[system]\nname = t\nepoch_utc = 2025-01-01T00:00:00Z\nband_ghz = 10.7-12.7\n"                 \
    "[antenna a]\npattern = S.1528:1.2\ngain_max_dbi = 35\nhalf_beamwidth_deg = 1.5\n"             \
    "[beam b]\nantenna = a\npower_dbw = -40\n"                                                     \
    "[orbit leo]\ntype = walker-delta\naltitude_km = 550\ninclination_deg = 53\n"                 \
    "satellites = 288\nplanes = 12\nphasing = 5\nmin_elevation_deg = 25\nbeams = b\n"             \
    "gso_avoidance_deg = 18\n"                                                                     \
    "[orbit ell1]\ntype = elements\nsemi_major_axis_km = 8378\neccentricity = 0.1\n"              \
    "inclination_deg = 63.4\narg_perigee_deg = 270\nlan_deg = 20\nmin_elevation_deg = 10\n"      \
    "beams = b\n"                                                                                  \
    "[orbit ell2]\ntype = elements\nsemi_major_axis_km = 8378\neccentricity = 0.1\n"              \
    "inclination_deg = 63.4\narg_perigee_deg = 90\nlan_deg = -60\nmean_anomaly_deg = 200\n"      \
    "min_elevation_deg = 10\nbeams = b\n"                                                          \
    "[orbit molniya]\ntype = elements\nsemi_major_axis_km = 26600\neccentricity = 0.7\n"          \
    "inclination_deg = 63.4\narg_perigee_deg = 270\nlan_deg = 0\nmean_anomaly_deg = 300\n"       \
    "min_elevation_deg = 5\nbeams = b\n"                                                           \
    "[orbit sk]\ntype = walker-star\naltitude_km = 1200\ninclination_deg = 87.9\n"               \
    "satellites = 72\nplanes = 6\nphasing = 1\nmin_elevation_deg = 15\nbeams = b\n"              \
    "station_keeping_deg = 90\ngso_avoidance_deg = 10\n"                                          \
    "[orbit adm]\ntype = elements\naltitude_km = 800\ninclination_deg = 98\nlan_deg = 40\n"       \
    "precession_deg_per_day = 90\nmin_elevation_deg = 0\nbeams = b\n"

#define STEP_S 2.0
#define N_STEPS 6000L
/* The whole run as a span of steps. */
static const long ALL[2] = {0, N_STEPS};

static struct interf_antenna dish(void)
{
    struct interf_antenna ant;
    const struct interf_pattern_def *d = interf_pattern_find("S.1428");
    double v[INTERF_PATTERN_MAXKEYS] = {0};
    int given[INTERF_PATTERN_MAXKEYS] = {0};
    v[interf_pattern_key_index(d, "diameter_m")] = 0.6;
    given[interf_pattern_key_index(d, "diameter_m")] = 1;
    cr_assert(eq(int, interf_antenna_init(&ant, d, v, given, 10.72, NULL), INTERF_OK));
    return ant;
}

/* A plan of n points over N_STEPS steps of STEP_S (the caller destroys plan and earth). */
static struct interf_epfd_plan *plan_of(const struct interf_system *sys,
                                        const struct interf_antenna *es,
                                        struct interf_earth *earth, size_t n, const double *lat,
                                        const double *lon, long n_steps, int threads)
{
    struct interf_time_window w = {interf_system_info(sys)->epoch_unix_s, STEP_S, n_steps, 0};
    struct interf_epfd_spec spec = {.sys = sys, .earth = earth, .es = es,
                                    .pointing = INTERF_ES_GSO_SAME, .eps_gso_deg = 10,
                                    .n_points = n, .lat_deg = lat, .lon_deg = lon, .window = w,
                                    .threads = threads};
    struct interf_epfd_plan *plan;
    struct interf_error err;
    cr_assert(eq(int, interf_epfd_plan_create(&spec, &plan, &err), INTERF_OK), "%s", err.msg);
    return plan;
}

/* Every step at which a satellite is at or above its minimum elevation from one of the points
 * (interf_station_look: azimuth and elevation from the local frame, independent of the
 * kernel's dot products) lies in one of its windows. Returns the (satellite, step) pairs in
 * windows over those above the mask, and their share of all pairs in *share. */
static double check_windows(const struct interf_system *sys, enum interf_earth_kind kind,
                            size_t n, const double *lat, const double *lon, const long span[2],
                            double *share)
{
    struct interf_earth *earth;
    cr_assert(eq(int, interf_earth_create(kind, &earth, NULL), INTERF_OK));
    struct interf_antenna es = dish();
    struct interf_epfd_plan *plan = plan_of(sys, &es, earth, n, lat, lon, N_STEPS, 1);
    struct epfd_windows w;
    struct interf_error err;
    for (size_t j = 0; j < n; j++)
        cr_assert(eq(int, interf_epfd_plan_nodata(plan)[j], 0), "point %zu is not computed", j);
    cr_assert(eq(int, epfd_windows_build(plan, span, &w, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(int, w.every, 0), "a few points must get windows");
    const struct interf_constellation *c = interf_system_constellation(sys);
    size_t nsat = interf_constellation_count(c);
    unsigned char *in = calloc(nsat * (size_t)N_STEPS, 1);
    for (size_t i = 0; i < w.n; i++) {
        cr_assert(w.w[i].k0 < w.w[i].k1 && w.w[i].k0 >= span[0] && w.w[i].k1 <= span[1]);
        memset(in + w.w[i].sat * (size_t)N_STEPS + w.w[i].k0, 1,
               (size_t)(w.w[i].k1 - w.w[i].k0));
    }
    struct interf_station *st = malloc(n * sizeof *st);
    for (size_t j = 0; j < n; j++)
        interf_station_init(earth, lat[j] * INTERF_DEG, lon[j] * INTERF_DEG, 0, &st[j], NULL);
    double *x = malloc(3 * nsat * sizeof *x), above = 0, held = 0;
    struct interf_ephem e = {x, x + nsat, x + 2 * nsat, NULL, NULL, NULL};
    for (long k = span[0]; k < span[1]; k++) {
        double t = plan->run.t0_s + (double)k * STEP_S;
        interf_constellation_propagate(c, 0, nsat, t, &plan->run, INTERF_FRAME_ECEF, &e);
        for (size_t s = 0; s < nsat; s++) {
            const struct interf_system_orbit *o =
                interf_system_orbit(sys, interf_system_sat_orbit(sys, s));
            double r[3] = {x[s], x[nsat + s], x[2 * nsat + s]}, el, best = -INFINITY;
            for (size_t j = 0; j < n; j++) {
                interf_station_look(&st[j], r, NULL, &el, NULL);
                best = el > best ? el : best;
            }
            int seen = best >= o->min_elevation_deg * INTERF_DEG;
            cr_assert(seen == 0 || in[s * (size_t)N_STEPS + (size_t)k],
                      "satellite %zu (orbit %s) at %.2f deg at step %ld, outside its windows", s,
                      o->name, best / INTERF_DEG, k);
            above += seen;
            held += in[s * (size_t)N_STEPS + (size_t)k];
        }
    }
    cr_assert(lt(dbl, 1000.0, above), "only %.0f (satellite, step) pairs above the mask", above);
    *share = held / ((double)nsat * (double)(span[1] - span[0]));
    free(x);
    free(st);
    free(in);
    epfd_windows_free(&w);
    interf_epfd_plan_destroy(plan);
    interf_earth_destroy(earth);
    return held / above;
}

Test(epfd_window, windows_hold_every_step_above_the_minimum_elevation, .timeout = 120)
{
    /* The windows are the steps at which a satellite may be within the visibility cap
     * acos(Re cos e / r_apogee) - e of a point (plus 0.01 deg on the sphere). The elliptical
     * orbits' caps are taken at apogee, which widens them at perigee, and windows closer than a
     * block merge; so the windows hold every visible step and not many more: less than 1.5
     * times the pairs above the mask, and a small share of all pairs. */
    struct interf_system *sys = system_from(ORBITS);
    double share, lat = 45, lon = 10;
    double ratio = check_windows(sys, INTERF_EARTH_SPHERE, 1, &lat, &lon, ALL, &share);
    cr_log_info("one point: windows hold %.2f x the visible pairs, %.1f %% of all", ratio,
                100 * share);
    cr_assert(lt(dbl, ratio, 2.5), "windows %.2f x the visible pairs", ratio);
    cr_assert(lt(dbl, share, 0.1), "windows hold %.1f %% of all pairs", 100 * share);
    interf_system_destroy(sys);
}

Test(epfd_window, windows_of_scattered_points_hold_every_step_above_the_minimum_elevation,
     .timeout = 120)
{
    /* Three earth stations on three continents: the windows are taken against each point, so
     * the union is still a small share of the run. */
    struct interf_system *sys = system_from(ORBITS);
    double share, lat[3] = {45, -33.9, 35.7}, lon[3] = {10, 18.4, 139.7};
    double ratio = check_windows(sys, INTERF_EARTH_SPHERE, 3, lat, lon, ALL, &share);
    cr_log_info("three points: windows hold %.2f x the visible pairs, %.1f %% of all", ratio,
                100 * share);
    cr_assert(lt(dbl, ratio, 2.5), "windows %.2f x the visible pairs", ratio);
    cr_assert(lt(dbl, share, 0.25), "windows hold %.1f %% of all pairs", 100 * share);
    interf_system_destroy(sys);
}

Test(epfd_window, windows_of_a_slice_hold_every_step_of_the_slice, .timeout = 120)
{
    /* A slice of the run (an MPI time window) searches its own steps only, from an odd first
     * step that is not a multiple of the search's strides: its windows lie inside the slice and
     * still hold every visible step of it. */
    struct interf_system *sys = system_from(ORBITS);
    double share, lat = 45, lon = 10;
    const long span[2] = {N_STEPS / 3 + 7, N_STEPS - 11};
    double ratio = check_windows(sys, INTERF_EARTH_SPHERE, 1, &lat, &lon, span, &share);
    cr_assert(lt(dbl, ratio, 2.5), "windows %.2f x the visible pairs", ratio);
    interf_system_destroy(sys);
}

Test(epfd_window, windows_on_wgs84_hold_every_step_above_the_minimum_elevation, .timeout = 120)
{
    /* On WGS 84 a point may lie 21 km below the sphere and its vertical tilts by up to 0.19 deg
     * from the radius: the windows add the cull margin of 0.5 deg. Points near the equator, at
     * mid latitude (largest tilt) and at 70 N (lowest, and still in sight of the GSO arc). */
    struct interf_system *sys = system_from(ORBITS);
    double share, lat[3] = {0.5, 45, 70}, lon[3] = {-60, 10, 30};
    double ratio = check_windows(sys, INTERF_EARTH_WGS84, 3, lat, lon, ALL, &share);
    cr_log_info("WGS 84: windows hold %.2f x the visible pairs, %.1f %% of all", ratio,
                100 * share);
    cr_assert(lt(dbl, ratio, 1.5), "windows %.2f x the visible pairs", ratio);
    interf_system_destroy(sys);
}

/* The series and histograms of a run of the points, windowed or with every satellite
 * propagated at every step (full). */
static void run(const struct interf_system *sys, size_t n, const double *lat, const double *lon,
                long n_steps, int threads, int full, float *series, uint32_t *hist)
{
    struct interf_earth *earth;
    interf_earth_create(INTERF_EARTH_SPHERE, &earth, NULL);
    struct interf_antenna es = dish();
    struct interf_epfd_plan *plan = plan_of(sys, &es, earth, n, lat, lon, n_steps, threads);
    plan->full_propagation = full;
    struct interf_error err;
    struct interf_epfd_out out = {{n, INTERF_EPFD_NBINS, INTERF_EPFD_LEVEL_MIN, hist}, series,
                                  0, 0};
    cr_assert(eq(int, interf_epfd_run(plan, &out, NULL, NULL, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(int, out.threads_used, threads));
    out.series = NULL;
    out.hist.count = hist;
    interf_epfd_plan_destroy(plan);
    interf_earth_destroy(earth);
}

/* The same bits, windowed or not, on one and on two threads (two threads take blocks of steps
 * in turn); and interference was seen. */
static void check_same_in(struct interf_system *sys, size_t n, const double *lat,
                          const double *lon)
{
    const long ns = 3000;
    size_t nv = n * (size_t)ns, nh = n * INTERF_EPFD_NBINS;
    float *a = malloc(nv * sizeof *a), *b = malloc(nv * sizeof *b), *c = malloc(nv * sizeof *c);
    uint32_t *ha = malloc(nh * 4), *hb = malloc(nh * 4), *hc = malloc(nh * 4);
    run(sys, n, lat, lon, ns, 1, 1, a, ha);
    run(sys, n, lat, lon, ns, 1, 0, b, hb);
    run(sys, n, lat, lon, ns, 2, 0, c, hc);
    int seen = 0;
    for (size_t i = 0; i < nv; i++) {
        cr_assert(a[i] == b[i] && a[i] == c[i], "point %zu step %zu: full %.9g, windowed %.9g, "
                  "two threads %.9g", i / (size_t)ns, i % (size_t)ns, a[i], b[i], c[i]);
        seen += a[i] > -250;
    }
    cr_assert(memcmp(ha, hb, nh * 4) == 0 && memcmp(ha, hc, nh * 4) == 0, "histograms differ");
    cr_assert(lt(int, 100 * (int)n, seen), "only %d samples with interference", seen);
    free(a), free(b), free(c), free(ha), free(hb), free(hc);
}

static void check_same(size_t n, const double *lat, const double *lon)
{
    struct interf_system *sys = system_from(ORBITS);
    check_same_in(sys, n, lat, lon);
    interf_system_destroy(sys);
}

Test(epfd_window, windowed_run_equals_the_full_run_at_a_point, .timeout = 120)
{
    double lat = 45, lon = 10;
    check_same(1, &lat, &lon);
}

Test(epfd_window, windowed_run_equals_the_full_run_at_a_list_of_points, .timeout = 120)
{
    /* three scattered stations (one tile of a few points) and, below, a cluster of six (a tile
     * whose points take the lanes of the pair loops) */
    double lat[3] = {45, -33.9, 35.7}, lon[3] = {10, 18.4, 139.7};
    check_same(3, lat, lon);
    double lat6[6] = {45, 45, 46, 46, 47, 47}, lon6[6] = {10, 11, 10, 11, 10, 11};
    check_same(6, lat6, lon6);
}

Test(epfd_window, a_lone_point_has_the_bits_it_has_among_others, .timeout = 120)
{
    /* A lone point's pairs run with the emitters as lanes, a tile of sixteen with the points as
     * lanes: the same expressions in the same order give the same bits (kernel_run.c,
     * PAIR_BODY). Each point of the cluster alone against the cluster. */
    struct interf_system *sys = system_from(ORBITS);
    const long ns = 2000;
    double lat[16], lon[16];
    for (int i = 0; i < 16; i++)
        lat[i] = 44 + 0.5 * (i / 4), lon[i] = 9 + 0.5 * (i % 4);
    float *all = malloc(16 * (size_t)ns * sizeof *all), *one = malloc((size_t)ns * sizeof *one);
    uint32_t *h = malloc(16 * INTERF_EPFD_NBINS * 4);
    run(sys, 16, lat, lon, ns, 1, 0, all, h);
    for (int i = 0; i < 16; i++) {
        run(sys, 1, &lat[i], &lon[i], ns, 1, 0, one, h);
        for (long k = 0; k < ns; k++)
            cr_assert(one[k] == all[i * ns + k], "point %d step %ld: alone %.9g, among others "
                      "%.9g", i, k, one[k], all[i * ns + k]);
    }
    free(all), free(one), free(h);
    interf_system_destroy(sys);
}

Test(epfd_window, satellites_of_two_line_element_sets_are_in_every_step, .timeout = 120)
{
    /* SGP4 satellites move by no secular model (interf_constellation_turn_rate: INFINITY): one
     * window over the whole run each, while the Walker group beside them gets windows; the run
     * is still the full run's bits. Element sets: the AIAA 2006-6753 verification sets of
     * tests/data/system/three.tle. */
    const char *data = getenv("INTERF_TEST_DATA");
    cr_assert_not_null(data, "INTERF_TEST_DATA is not set (ctest sets it to tests/data)");
    char text[2048];
    snprintf(text, sizeof text,
             "[system]\nname = t\nepoch_utc = 2006-06-26T00:00:00Z\nband_ghz = 10.7-12.7\n"
             "[antenna a]\npattern = S.1528:1.2\ngain_max_dbi = 35\nhalf_beamwidth_deg = 1.5\n"
             "[beam b]\nantenna = a\npower_dbw = -40\n"
             "[orbit leo]\ntype = walker-delta\naltitude_km = 550\ninclination_deg = 53\n"
             "satellites = 288\nplanes = 12\nphasing = 5\nmin_elevation_deg = 25\nbeams = b\n"
             "[orbit sets]\ntype = tle\ntle_file = %s/system/three.tle\nmin_elevation_deg = 5\n"
             "beams = b\n", data);
    struct interf_system *sys = system_from(text);
    const struct interf_constellation *c = interf_system_constellation(sys);
    double lat = 45, lon = 10;
    struct interf_earth *earth;
    interf_earth_create(INTERF_EARTH_SPHERE, &earth, NULL);
    struct interf_antenna es = dish();
    struct interf_epfd_plan *plan = plan_of(sys, &es, earth, 1, &lat, &lon, N_STEPS, 1);
    struct epfd_windows w;
    cr_assert(eq(int, epfd_windows_build(plan, ALL, &w, NULL), INTERF_OK));
    cr_assert(eq(int, w.every, 0));
    size_t tle = 0, others = 0;
    for (size_t i = 0; i < w.n; i++) {
        struct interf_sat_ident id;
        interf_constellation_ident(c, w.w[i].sat, &id);
        if (id.kind == INTERF_SAT_TLE) {
            cr_assert(w.w[i].k0 == 0 && w.w[i].k1 == N_STEPS, "satellite %zu: [%ld, %ld)",
                      w.w[i].sat, w.w[i].k0, w.w[i].k1);
            tle++;
        } else {
            others++;
        }
    }
    cr_assert(eq(sz, tle, 3));
    cr_assert(lt(sz, (size_t)0, others));
    epfd_windows_free(&w);
    interf_epfd_plan_destroy(plan);
    interf_earth_destroy(earth);
    check_same_in(sys, 1, &lat, &lon);
    interf_system_destroy(sys);
}
