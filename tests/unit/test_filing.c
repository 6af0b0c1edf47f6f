/* SPDX-License-Identifier: MIT */
/* The examination (interf/filing.h): a mask built from a beam against the EPFD engine with the
 * beam, the MCSAT-like Bureau case's step and run length through the driver, the dual step's
 * independence of the threads, the co-frequency selection, N_min, and the examination's keys
 * of a system file with their located errors. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "interf.h"

/* A scratch folder for the files of one test */
static void scratch_dir(char *dir)
{
    snprintf(dir, 64, "/tmp/interf-filing-XXXXXX");
    cr_assert(mkdtemp(dir) != NULL);
}

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    cr_assert(f != NULL);
    fputs(text, f);
    fclose(f);
}

static struct interf_system *load(const char *dir, const char *name)
{
    char path[512];
    struct interf_system *sys = NULL;
    struct interf_error err;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    cr_assert(eq(int, interf_system_load(path, &sys, &err), INTERF_OK), "%s", err.msg);
    return sys;
}

/* 24 satellites at 1204.365 km, 52 deg, a wide nadir beam (footprints/leo-ku-rgt.ini without
 * its GSO-arc avoidance, so that the engine and the examination count the same satellites) */
static const char *beam_ini =
    "[system]\nname = beam\nepoch_utc = 2025-01-01T00:00:00Z\nband_ghz = 10.7-12.7\n"
    "ref_bandwidth_khz = 40\n[antenna wide]\npattern = S.1528:1.2\ngain_max_dbi = 24\n"
    "half_beamwidth_deg = 6\nln_db = -20\nz = 1\nlf_dbi = 0\n[beam nadir]\nantenna = wide\n"
    "pointing = nadir\npower_dbw = -55\n[orbit rgt]\ntype = walker-delta\n"
    "altitude_km = 1204.365\ninclination_deg = 52\nsatellites = 24\nplanes = 6\nphasing = 1\n"
    "min_elevation_deg = 20\nbeams = nadir\n";

/* The same orbits with the mask file `mask` and extra keys */
static void mask_ini(const char *dir, const char *name, const char *mask, const char *extra)
{
    char text[2048];
    snprintf(text, sizeof text,
             "[system]\nname = masks\nepoch_utc = 2025-01-01T00:00:00Z\nband_ghz = 10.7-12.7\n"
             "ref_bandwidth_khz = 40\n[orbit rgt]\ntype = walker-delta\naltitude_km = 1204.365\n"
             "inclination_deg = 52\nsatellites = 24\nplanes = 6\nphasing = 1\n"
             "min_elevation_deg = 20\npfd_mask = %s\n%s", mask, extra);
    write_file(dir, name, text);
}

/* Write the mask of the beam system's orbit at step_deg into dir/name */
static void beam_mask(const struct interf_system *beam, const char *dir, const char *name,
                      double step_deg)
{
    struct interf_pfd_mask *m;
    struct interf_error err;
    char path[512];
    cr_assert(eq(int, interf_exam_mask_from_orbit(beam, 0, step_deg, &m, &err), INTERF_OK),
              "%s", err.msg);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    cr_assert(f != NULL);
    cr_assert(eq(int, interf_pfd_mask_write_text(m, f, &err), INTERF_OK));
    fclose(f);
    interf_pfd_mask_destroy(m);
}

#define N_CMP 12000
#define STEP_CMP_S 5.0

/* The EPFD engine's series at 45N 10E (GSO at 10E) over N_CMP steps */
static void engine_series(const struct interf_system *sys, float *series)
{
    double lat = 45, lon = 10;
    struct interf_epfd_request q = {0};
    struct interf_epfd_plan *plan;
    struct interf_epfd_out out;
    struct interf_error err;
    q.sys = sys;
    q.es_pattern = "S.1428";
    q.es_dish_m = 0.6;
    q.pointing_given = 1, q.pointing = INTERF_ES_GSO_LON, q.gso_lon_deg = 10;
    q.n_points = 1, q.lat_deg = &lat, q.lon_deg = &lon;
    q.step_s = STEP_CMP_S, q.n_steps = N_CMP, q.threads = 1;
    cr_assert(eq(int, interf_epfd_plan_request(&q, &plan, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(int, interf_epfd_out_create(plan, 1, &out, &err), INTERF_OK));
    cr_assert(eq(int, interf_epfd_run(plan, &out, NULL, NULL, &err), INTERF_OK), "%s", err.msg);
    memcpy(series, out.series, N_CMP * sizeof *series);
    interf_epfd_out_free(&out);
    interf_epfd_plan_destroy(plan);
}

/* The examination's station run at the same point, steps and earth station */
static void station_series(const struct interf_system *sys, float *series, int threads,
                           struct interf_exam_station_out *res)
{
    struct interf_antenna es;
    struct interf_error err;
    double f_ghz = interf_system_info(sys)->freq_ghz;
    cr_assert(eq(int, interf_es_antenna_init("S.1428", 0.6, f_ghz, &es, &err), INTERF_OK));
    struct interf_exam_station q = {sys, &es, 45, 10, 10, 40, 0, STEP_CMP_S, N_CMP, 0, 1, 0,
                                    threads};
    cr_assert(eq(int, interf_exam_station_run(&q, res, series, NULL, NULL, &err), INTERF_OK),
              "%s", err.msg);
    interf_antenna_release(&es);
}

/* Steps compared: those above 15 dB below the lowest level of the Article 22 EPFD-down masks
 * (Table 22-1C, 5 m: -200.4 dB). Far below it, a step whose sum is one satellite's far side
 * lobe can differ by dB: the mask interpolates the S.1528 pattern bilinearly across the
 * corners of its piecewise definition (seen at four of 4000 steps, all below -219 dB; above it the worst is 0.013 dB). */
#define LEVEL_FLOOR_DB -215.4f

/* A mask built from a beam (0.25 deg) reproduces the beam-based EPFD at the same geometry
 * and time steps within 0.05 dB, through the examination's station run and through the
 * engine's mask emitter alike. Reference: the engine with the beam. The error budget: bilinear
 * interpolation of the beam's main lobe at 0.25 deg, 12 (x / 12)^2 dB, is h^2 / 8 x 2 x 12 /
 * 144 = 0.0013 dB; the engine's gain tables 0.01 dB. */
Test(filing, mask_reproduces_beam)
{
    char dir[64];
    scratch_dir(dir);
    write_file(dir, "beam.ini", beam_ini);
    struct interf_system *beam = load(dir, "beam.ini");
    beam_mask(beam, dir, "beam.mask.txt", 0.25);
    mask_ini(dir, "mask.ini", "beam.mask.txt", "");
    struct interf_system *mask = load(dir, "mask.ini");
    static float ref[N_CMP], st[N_CMP], em[N_CMP];
    struct interf_exam_station_out res;
    engine_series(beam, ref);
    engine_series(mask, em);
    station_series(mask, st, 1, &res);
    size_t n_seen = 0;
    double worst_st = 0, worst_em = 0;
    for (size_t k = 0; k < N_CMP; k++) {
        if (ref[k] <= LEVEL_FLOOR_DB)
            continue;
        n_seen++;
        worst_st = fmax(worst_st, fabs(st[k] - ref[k]));
        worst_em = fmax(worst_em, fabs(em[k] - ref[k]));
    }
    cr_assert(n_seen > 200, "only %zu steps see a satellite", n_seen);
    cr_assert(worst_st <= 0.05, "station run: %.4f dB", worst_st);
    cr_assert(worst_em <= 0.05, "engine with the mask: %.4f dB", worst_em);
    cr_assert(eq(u64, res.total, N_CMP));
    interf_system_destroy(beam);
    interf_system_destroy(mask);
}

/* The dual time step's windows do not depend on the threads: the same histogram with 1 and
 * 2 threads (the run is cut on the block grid, the counts are integers) */
Test(filing, threads_same_histogram)
{
    char path[512];
    struct interf_system *sys = NULL;
    struct interf_antenna es;
    struct interf_error err;
    snprintf(path, sizeof path, "%s/../../footprints/leo-ku-rgt-exam.ini",
             getenv("INTERF_TEST_DATA"));
    cr_assert(eq(int, interf_system_load(path, &sys, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(int, interf_es_antenna_init("S.1428", 0.6, 10.70002, &es, &err), INTERF_OK));
    static struct interf_exam_station_out a, b;
    struct interf_exam_station q = {sys, &es, 30, 20, 20, 40, 0, 0.621, 100003, 0, 7, 0, 1};
    cr_assert(eq(int, interf_exam_station_run(&q, &a, NULL, NULL, NULL, &err), INTERF_OK));
    q.threads = 2;
    cr_assert(eq(int, interf_exam_station_run(&q, &b, NULL, NULL, NULL, &err), INTERF_OK));
    cr_assert(eq(u64, a.total, 100003));
    cr_assert(eq(u64, a.evaluated, b.evaluated));
    cr_assert(a.evaluated < 100003 / 2, "the coarse steps: %llu evaluated",
              (unsigned long long)a.evaluated);
    cr_assert(memcmp(a.count, b.count, sizeof a.count) == 0);
    cr_assert(eq(dbl, a.max_db, b.max_db));
    interf_antenna_release(&es);
    interf_system_destroy(sys);
}

/* MAX_CO_FREQ = 1 (S.1503-4 §D5.1.4.1 steps 19-23): a step counts only the strongest operating
 * satellite, so no step exceeds the sum over all of them, steps with two or more in view are
 * lower, and steps with one in view are equal to the bit. */
Test(filing, co_frequency_selection)
{
    char dir[64];
    scratch_dir(dir);
    write_file(dir, "beam.ini", beam_ini);
    struct interf_system *beam = load(dir, "beam.ini");
    beam_mask(beam, dir, "m.txt", 1);
    mask_ini(dir, "all.ini", "m.txt", "");
    mask_ini(dir, "one.ini", "m.txt", "max_co_freq = 1\n");
    struct interf_system *all = load(dir, "all.ini"), *one = load(dir, "one.ini");
    static float sa[N_CMP], so[N_CMP];
    struct interf_exam_station_out res;
    station_series(all, sa, 1, &res);
    station_series(one, so, 1, &res);
    size_t lower = 0, equal = 0;
    for (size_t k = 0; k < N_CMP; k++) {
        cr_assert(so[k] <= sa[k], "step %zu: %g above %g", k, so[k], sa[k]);
        lower += so[k] < sa[k] - 0.01f;
        equal += so[k] == sa[k] && sa[k] > -300.0f;
    }
    cr_assert(lower > 10 && equal > 10, "%zu steps lower, %zu equal", lower, equal);
    interf_system_destroy(beam);
    interf_system_destroy(all);
    interf_system_destroy(one);
}

/* The MCSAT-like Bureau case (MCSAT_LEO_Ka: Walker star 774/18 at 1200 km, 87.9 deg; 1 m dish
 * at 17.8 GHz, Table 22-1B): the Bureau ran 4.256 s steps, 23 811 330 of them (its published
 * examination of that filing); through the driver: 70 lambda/D = 1.17896 deg at 17.80002 GHz,
 * dt_ref = 0.213 s at Nhit = 16, over 1e8 steps as a non-repeating run, so N'hit = 16 /
 * min(20, sqrt(774)) = 0.8 (S.1503-4 §D4.1) and 4.256 s. The run then evaluates at the
 * Bureau's earth station, 65.9 N 1.3 W. */
Test(filing, mcsat_bureau_case)
{
    char dir[64];
    scratch_dir(dir);
    write_file(dir, "flat.txt", "# azimuth_deg elevation_deg pfd_dbw_m2\n-70 -70 -170\n"
                                "-70 70 -170\n70 -70 -170\n70 70 -170\n");
    write_file(dir, "mcsat.ini",
               "[system]\nname = MCSAT-like\nepoch_utc = 2025-01-01T00:00:00Z\n"
               "band_ghz = 17.8-18.6\nref_bandwidth_khz = 40\n[orbit star]\n"
               "type = walker-star\naltitude_km = 1200\ninclination_deg = 87.9\n"
               "satellites = 774\nplanes = 18\nphasing = 0\npfd_mask = flat.txt\n");
    struct interf_system *sys = load(dir, "mcsat.ini");
    struct interf_limits *lim;
    struct interf_exam *ex;
    struct interf_error err;
    const char *tables[] = {"22-1B"};
    double dish[] = {1};
    cr_assert(eq(int, interf_limits_create(&lim, &err), INTERF_OK));
    struct interf_exam_request q = {sys, lim, 1, tables, 1, dish, 0, 0, 0, 0, 0};
    cr_assert(eq(int, interf_exam_create(&q, &ex, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(sz, interf_exam_n_runs(ex), 2)); /* the 40 kHz and 1 MHz rows */
    const struct interf_exam_run *r = interf_exam_get_run(ex, 0);
    cr_assert(eq(dbl, r->freq_mhz, 17800.02));
    cr_assert(epsilon_eq(dbl, r->theta3db_deg, 1.17896, 1e-5));
    cr_assert(eq(int, r->timing.reduced, 1));
    cr_assert(epsilon_eq(dbl, r->timing.nhit, 0.8, 1e-12));
    cr_assert(epsilon_eq(dbl, r->timing.dt_fine_s, 4.256, 1e-9));
    /* 23 824 941 here: 0.06 % from the Bureau's 23 811 330 (0.1 % from 23.8e6 as rounded) */
    cr_assert(fabs((double)r->n_steps / 23811330.0 - 1) < 1e-3, "%lld steps",
              (long long)r->n_steps);
    /* and the driver's station run at the Bureau's earth station, pointing at its own
     * longitude: 2000 coarse-free steps of 4.256 s, every one counted */
    struct interf_exam_station s = {sys, &r->es, 65.9, -1.3, -1.3, 40, 0, r->timing.dt_fine_s,
                                    2000, 0, r->timing.n_coarse, r->timing.d_art_deg_s, 0};
    struct interf_exam_station_out res;
    cr_assert(eq(int, interf_exam_station_run(&s, &res, NULL, NULL, NULL, &err), INTERF_OK));
    cr_assert(eq(u64, res.total, 2000));
    cr_assert(res.max_db <= -170 + 1e-9, "a flat -170 dB mask: max %g", res.max_db);
    interf_exam_destroy(ex);
    interf_limits_destroy(lim);
    interf_system_destroy(sys);
}

/* N_min of §D4.6 (Table 13, N_S = 10) for Table 22-1A 0.6 m (largest percentage 99.997 %):
 * 100 x 10 / 0.003 = 333 333.3, rounded up; a run is sufficient from there */
Test(filing, sufficient_from_n_min)
{
    double n = interf_exam_n_min(99.997);
    cr_assert(eq(dbl, n, 333334));
    cr_assert(eq(int, interf_exam_sufficient(333333, n), 0));
    cr_assert(eq(int, interf_exam_sufficient(333334, n), 1));
    cr_assert(eq(str, (char *)interf_exam_verdict_str(INTERF_EXAM_INSUFFICIENT),
                 "INSUFFICIENT"));
}

/* The keys: MIN_EXCLUDE by plane (orb_id = plane + 1; linear in latitude, §B3.3), MAX_CO_FREQ,
 * H_MIN, the repeat period, the motion keys reused */
Test(filing, system_keys)
{
    char dir[64];
    scratch_dir(dir);
    write_file(dir, "m.txt", "# azimuth_deg elevation_deg pfd_dbw_m2\n0 0 -150\n1 0 -151\n");
    mask_ini(dir, "k.ini", "m.txt",
             "min_exclude_deg = 0:5 60:8; plane 2: 6\nmax_co_freq = 0:2 50:3\nh_min_km = 1100\n"
             "repeat_period_s = 85372.092\nstation_keeping_deg = 0.5\nmin_angle_at_es_deg = 3\n");
    struct interf_system *sys = load(dir, "k.ini");
    const struct interf_orbit_exam *x = &interf_system_orbit(sys, 0)->exam;
    cr_assert(x->pfd_mask != NULL);
    cr_assert(eq(sz, x->ops.n_exclude, 2));
    /* plane 0 (orb_id 1) has none of its own: every plane's, 5 + 3 x 30 / 60 at 30 deg */
    cr_assert(epsilon_eq(dbl, interf_op_alpha0_deg(&x->ops, 1, 30), 6.5, 1e-12));
    cr_assert(epsilon_eq(dbl, interf_op_alpha0_deg(&x->ops, 3, 30), 6, 1e-12));
    cr_assert(eq(long, interf_op_max_co_freq(&x->ops, 40), 3));
    cr_assert(eq(dbl, x->ops.min_angle_at_es_deg, 3));
    /* min_elevation_deg = 20 as the constant MIN_ELEV table */
    cr_assert(eq(dbl, interf_elev_table_eval(&x->ops.min_elev, 10, 90), 20));
    cr_assert(eq(dbl, x->orbit.h_min_km, 1100));
    cr_assert(eq(int, x->orbit.does_repeat, 1));
    cr_assert(eq(dbl, x->orbit.w_delta_deg, 0.5));
    interf_system_destroy(sys);
}

/* Located errors: "PATH:LINE: [orbit rgt] key: ..." */
static void expect_error(const char *extra, const char *mask, int line, const char *what)
{
    char dir[64], path[512], want[640];
    struct interf_system *sys = NULL;
    struct interf_error err;
    scratch_dir(dir);
    write_file(dir, "m.txt", "# azimuth_deg elevation_deg pfd_dbw_m2\n0 0 -150\n1 0 -151\n");
    write_file(dir, "bad.txt", "# azimuth_deg elevation_deg pfd_dbw_m2\n0 0 -150\n1 0 inf\n");
    mask_ini(dir, "e.ini", mask, extra);
    snprintf(path, sizeof path, "%s/e.ini", dir);
    cr_assert(eq(int, interf_system_load(path, &sys, &err), INTERF_EINPUT));
    snprintf(want, sizeof want, "%s:%d: [orbit rgt] %s", path, line, what);
    cr_assert(strncmp(err.msg, want, strlen(want)) == 0, "got  %s\nwant %s", err.msg, want);
}

Test(filing, system_key_errors)
{
    expect_error("", "none.txt", 14, "pfd_mask: none.txt: No such file or directory");
    expect_error("", "bad.txt", 14, "pfd_mask: ");
    expect_error("min_exclude_deg = 0:5; plane 6: 7\n", "m.txt", 15,
                 "min_exclude_deg: 0:5; plane 6: 7: plane 6: not a plane of this group (0 to 5)");
    expect_error("min_exclude_deg = 0:200\n", "m.txt", 15, "min_exclude_deg: '0:200': ");
    expect_error("gso_avoidance_deg = 5\nmin_exclude_deg = 5\n", "m.txt", 16,
                 "min_exclude_deg: conflicts with gso_avoidance_deg (line 15)");
    expect_error("min_elev_deg = 10\n", "m.txt", 15,
                 "min_elev_deg: conflicts with min_elevation_deg (line 13)");
    expect_error("operating_params_file = m.txt\nmax_co_freq = 2\n", "m.txt", 16,
                 "max_co_freq: conflicts with operating_params_file (line 15)");
    expect_error("repeat_period_s = -5\n", "m.txt", 15, "repeat_period_s: -5: allowed range");
}
