/* SPDX-License-Identifier: MIT */
/* Tests of the footprint layer: the request's checks and their messages, the values of a run at
 * hand-derived points (free-space pfd of a nadir LEO beam, relative gain at an aim point, an
 * M.2101 array steered to its aim point, visible counts), the automatic grid against a hand
 * derivation, the memory estimate, the quantity names, the provenance keys and cancelling. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interf.h"
#include "test_system_util.h"

/* A LEO system of one nadir S.1528:1.2 beam (35 dBi, psi_b 1.5 deg, -40 dBW), the shape of
 * footprints/leo-ku-550.ini: satellite 0 is at its ascending node, 0 N 0 E, at t = 0 (Walker
 * slot 0 of plane 0, raan0 0). */
static const char leo_ini[] =
    "[system]\nname = leo test\nepoch_utc = 2025-01-01T00:00:00Z\nband_ghz = 10.7-12.7\n"
    "ref_bandwidth_khz = 40\n\n[antenna ku]\npattern = S.1528:1.2\ngain_max_dbi = 35\n"
    "half_beamwidth_deg = 1.5\nln_db = -20\nz = 1\nlf_dbi = 0\n\n[beam nadir]\nantenna = ku\n"
    "pointing = nadir\npower_dbw = -40.0\n\n[orbit shell1]\ntype = walker-delta\n"
    "altitude_km = 550\ninclination_deg = 53.0\nsatellites = 24\nplanes = 4\nphasing = 1\n"
    "raan0_deg = 0\nbeams = nadir\nj2 = yes\n";

/* tests/data/footprint/NAME (INTERF_TEST_DATA is set by ctest). */
static struct interf_system *load_fixture(const char *name)
{
    char path[1024];
    const char *data = getenv("INTERF_TEST_DATA");
    cr_assert(data != NULL, "INTERF_TEST_DATA is not set (ctest sets it to tests/data)");
    snprintf(path, sizeof path, "%s/footprint/%s", data, name);
    struct interf_system *sys = NULL;
    struct interf_error err;
    cr_assert(eq(int, interf_system_load(path, &sys, &err), INTERF_OK), "%s", err.msg);
    return sys;
}

/* One cell centred on (lat, lon) at cell size 1 deg. */
static void one_cell(struct interf_footprint_request *rq, double lat, double lon)
{
    double r[5] = {lon - 0.5, lon + 0.5, lat - 0.5, lat + 0.5, 1};
    memcpy(rq->region_deg, r, sizeof r);
}

static double run_one(const struct interf_footprint_request *rq)
{
    struct interf_footprint_result res;
    struct interf_error err;
    cr_assert(eq(int, interf_footprint_run(rq, &res, &err), INTERF_OK), "%s", err.msg);
    double v = res.grid[0]->values[0];
    interf_footprint_result_free(&res);
    return v;
}

/* PFD at the sub-satellite point (0 N 0 E): G = Gmax = 35 dBi, P = -40 dBW, so EIRP = -5 dBW in
 * 40 kHz; d = 550 km straight down: 10 log10(4 pi (5.5e5 m)^2) = 10.99209 + 114.80725 =
 * 125.79935, PFD = -130.79935 dB(W/m2). */
Test(footprint, pfd_at_the_sub_satellite_point)
{
    struct interf_system *sys = system_from(leo_ini);
    struct interf_footprint_request rq;
    interf_footprint_request_init(&rq);
    rq.sys = sys;
    rq.sat = 0;
    rq.quantity = INTERF_FOOTPRINT_PFD;
    one_cell(&rq, 0, 0);
    cr_assert(epsilon_eq(dbl, run_one(&rq), -130.79935, 1e-4));
    rq.quantity = INTERF_FOOTPRINT_EIRP;
    cr_assert(epsilon_eq(dbl, run_one(&rq), -5.0, 1e-9));
    rq.quantity = INTERF_FOOTPRINT_GAIN;
    cr_assert(epsilon_eq(dbl, run_one(&rq), 0.0, 1e-9));
    interf_system_destroy(sys);
}

/* tests/data/footprint/m2101-aim.ini: a 16 x 16 array at GSO 0 E, face to nadir, its horizontal
 * axis north, steered to 30 N 0 E. The aim point is in the plane of nadir and north: in the
 * array's angles elevation 0, azimuth the nadir angle atan(Re sin 30 / (Rgeo - Re cos 30)) =
 * atan(3189.0725 / 36640.5743) = 4.974298 deg. There |AF|^2 = N (the beam is steered there), so
 * G - Gmax = A_E,H = -12 (4.974298 / 20)^2 = -0.742309 dB (M.2101-0 Table 4, A_E,V = 0). */
Test(footprint, m2101_array_steered_to_its_aim_point)
{
    struct interf_system *sys = load_fixture("m2101-aim.ini");
    struct interf_footprint_request rq;
    interf_footprint_request_init(&rq);
    rq.sys = sys;
    rq.sat = 0;
    rq.beam = "steered";
    rq.quantity = INTERF_FOOTPRINT_GAIN;
    one_cell(&rq, 30, 0);
    cr_assert(epsilon_eq(dbl, run_one(&rq), -0.742309, 1e-3));
    interf_system_destroy(sys);
}

/* Every satellite of the 24 counts at a -90 deg mask; at a 0 deg mask the satellite straight
 * above 0 N 0 E counts, and the others only where above the horizon: an integer in [1, 24). */
Test(footprint, visible_counts)
{
    struct interf_system *sys = system_from(leo_ini);
    struct interf_footprint_request rq;
    interf_footprint_request_init(&rq);
    rq.sys = sys;
    rq.quantity = INTERF_FOOTPRINT_VISIBLE;
    rq.min_elevation_deg = -90;
    one_cell(&rq, 0, 0);
    cr_assert(eq(dbl, run_one(&rq), 24.0));
    rq.min_elevation_deg = 0;
    double n = run_one(&rq);
    cr_assert(n >= 1 && n < 24 && n == floor(n), "%g", n);
    interf_system_destroy(sys);
}

/* Messages name the request's fields. */
Test(footprint, checks_name_the_field)
{
    struct interf_system *sys = system_from(leo_ini);
    struct interf_footprint_request rq;
    struct interf_error err;
    struct interf_stat st;
    interf_footprint_request_init(&rq);
    rq.sys = sys;
    rq.quantity = INTERF_FOOTPRINT_GAIN;
    cr_assert(eq(int, interf_footprint_check(&rq, &err), INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "sat: required with the quantity gain"));
    rq.sat = 5000;
    cr_assert(eq(int, interf_footprint_check(&rq, &err), INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "sat: 5000: the system has satellites 0 to 23"));
    rq.sat = 0;
    rq.beam = "nowhere";
    cr_assert(eq(int, interf_footprint_check(&rq, &err), INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "beam: nowhere: not a beam of satellite 0 ([orbit shell1] has: "
                               "nadir)"));
    rq.beam = NULL;
    cr_assert(eq(int, interf_stat_parse("max", INTERF_SCHEDULE_STATS, &st, &err), INTERF_OK));
    rq.stats = &st;
    rq.n_stats = 1;
    cr_assert(eq(int, interf_footprint_check(&rq, &err), INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "stat: only with the quantity pfd"));
    rq.quantity = INTERF_FOOTPRINT_PFD;
    struct interf_footprint_result res;
    cr_assert(eq(int, interf_footprint_run(&rq, &res, &err), INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "stat: satellite 0: [orbit shell1] has no schedule_file"));
    enum interf_footprint_quantity q = INTERF_FOOTPRINT_GAIN;
    cr_assert(eq(int, interf_footprint_quantity_parse("power", &q, &err), INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "quantity: power: expected gain, eirp, pfd or visible"));
    cr_assert(eq(int, interf_footprint_quantity_parse("visible", &q, &err), INTERF_OK));
    cr_assert(eq(int, q, INTERF_FOOTPRINT_VISIBLE));
    interf_system_destroy(sys);
}

/* LEO at 550 km, 0 deg: the cap's central angle is acos(6378.145 / 6928.145) = 22.984 deg and
 * 2 gamma / 200 = 0.2298 deg; the beam (S.1528:1.2, psi_b 1.5 deg: 3 dB down at 1.5 deg off
 * its axis) seen from r = 6928.145 km meets the ground 3 dB down at the central angle
 * asin(6928.145 / 6378.145 sin 1.5 deg) - 1.5 deg = asin(0.0284342) - 1.5 = 0.129381 deg (sine
 * rule), a -3 dB width of 0.258762 deg; a tenth of it, 0.02588, sets the cell: 0.02 deg. A cell
 * is centred on the boresight point 0 N 0 E: edges at -+(k + 1/2) 0.02 beyond gamma + 1 % +
 * one cell = 23.234 deg, so -+23.25: 2325 x 2325 cells centred from -23.24. Memory: 64 bytes
 * a cell (no array beam, no statistic). */
Test(footprint, auto_grid_and_memory)
{
    struct interf_system *sys = system_from(leo_ini);
    struct interf_footprint_request rq;
    struct interf_grid_spec spec;
    struct interf_error err;
    double w;
    size_t beam = 9;
    interf_footprint_request_init(&rq);
    rq.sys = sys;
    rq.sat = 0;
    rq.quantity = INTERF_FOOTPRINT_GAIN;
    rq.auto_grid = 1;
    cr_assert(eq(int, interf_footprint_beam_width_deg(&rq, &w, &beam, &err), INTERF_OK));
    cr_assert(epsilon_eq(dbl, w, 2 * 0.129381, 2e-6), "%.9g", w);
    cr_assert(eq(sz, beam, 0));
    cr_assert(eq(int, interf_footprint_auto_grid(&rq, &spec, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(sz, spec.ncols, 2325));
    cr_assert(eq(sz, spec.nrows, 2325));
    cr_assert(epsilon_eq(dbl, spec.cell_deg, 0.02, 1e-15));
    cr_assert(epsilon_eq(dbl, spec.xllcenter_deg, -23.24, 1e-9));
    cr_assert(epsilon_eq(dbl, spec.yllcenter_deg, -23.24, 1e-9));
    /* the boresight is a cell centre: column and row 1162 */
    cr_assert(epsilon_eq(dbl, interf_grid_lon_deg(&spec, 1162), 0.0, 1e-9));
    cr_assert(epsilon_eq(dbl, interf_grid_lat_deg(&spec, 1162), 0.0, 1e-9));
    double bytes;
    cr_assert(eq(int, interf_footprint_memory(&rq, &bytes, &err), INTERF_OK));
    cr_assert(eq(dbl, bytes, 2325.0 * 2325.0 * 64.0));
    /* A mask of 89.99999 deg leaves a cap of central angle about 1e-6 deg: a point (%g prints
     * the mask as 90). */
    rq.min_elevation_deg = 89.99999;
    cr_assert(eq(int, interf_footprint_auto_grid(&rq, &spec, &err), INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "auto_grid: the cap above 90 deg elevation is a point; give a "
                               "grid"));
    interf_system_destroy(sys);
}

/* The names of each quantity (interf-table(5) column style, the bandwidth in the name) and the
 * provenance keys of a run. */
Test(footprint, names_and_provenance)
{
    struct interf_system *sys = system_from(leo_ini);
    struct interf_footprint_request rq;
    struct interf_footprint_result res;
    struct interf_error err;
    struct interf_provenance p;
    static const char *const want[][2] = {{"gain_rel_db", "dB"},
                                          {"eirp_dbw_40khz", "dBW/40kHz"},
                                          {"pfd_dbw_m2_40khz", "dB(W/m2/40kHz)"},
                                          {"n_visible", "satellites"}};
    interf_footprint_request_init(&rq);
    rq.sys = sys;
    one_cell(&rq, 0, 0);
    for (int q = 0; q < 4; q++) {
        rq.quantity = (enum interf_footprint_quantity)q;
        rq.sat = q == INTERF_FOOTPRINT_VISIBLE ? -1 : 0;
        cr_assert(eq(int, interf_footprint_run(&rq, &res, &err), INTERF_OK), "%s", err.msg);
        cr_assert(eq(str, res.quantity, (char *)want[q][0]));
        cr_assert(eq(str, res.unit, (char *)want[q][1]));
        cr_assert(eq(int, res.decimals, q == INTERF_FOOTPRINT_VISIBLE ? 0 : 4));
        interf_provenance_init(&p, NULL);
        interf_footprint_provenance(&rq, &res, &p);
        cr_assert(eq(str, (char *)interf_provenance_get(&p, "quantity"), (char *)want[q][0]));
        cr_assert(eq(str, (char *)interf_provenance_get(&p, "time_utc"),
                     "2025-01-01T00:00:00Z"));
        cr_assert(eq(str, (char *)interf_provenance_get(&p, "system_name"), "leo test"));
        interf_footprint_result_free(&res);
    }
    interf_system_destroy(sys);
}

static int cancel_at_half(double fraction, const char *stage, void *user)
{
    (void)stage;
    *(double *)user = fraction;
    return fraction >= 0.5;
}

/* A progress callback sees the fraction of rows done and cancels the run. */
Test(footprint, progress_cancels)
{
    struct interf_system *sys = system_from(leo_ini);
    struct interf_footprint_request rq;
    struct interf_footprint_result res;
    struct interf_error err;
    double seen = -1;
    interf_footprint_request_init(&rq);
    rq.sys = sys;
    rq.sat = 0;
    rq.quantity = INTERF_FOOTPRINT_GAIN;
    double r[5] = {-5, 5, -5, 5, 1};
    memcpy(rq.region_deg, r, sizeof r);
    rq.progress = cancel_at_half;
    rq.progress_user = &seen;
    cr_assert(eq(int, interf_footprint_run(&rq, &res, &err), INTERF_ECANCELED));
    cr_assert(eq(dbl, seen, 0.5)); /* row 5 of 10 */
    cr_assert(eq(sz, res.n_grids, 0));
    interf_system_destroy(sys);
}
