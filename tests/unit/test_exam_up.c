/* SPDX-License-Identifier: MIT */
/* Tests of the e.i.r.p. masks and of epfd up (Rec. ITU-R S.1503-4 (09/2023) §C4.3, §D3.2,
 * §D5.2): mask look-ups, Table 10 at three angles, the placement of §D5.2.5, the greedy link
 * selection of §D5.2.6, one earth station solved by hand, and a short run's histogram. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <string.h>

#include "interf/epfd.h"
#include "interf/exam.h"
#include "interf/geo.h"
#include "interf/limits.h"
#include "test_exam_util.h"

/* ------------------------------------------------------------------ e.i.r.p. masks */

Test(exam_up, offaxis_mask_text_lookups_by_hand)
{
    char path[512];
    te_fixture(path, sizeof path, "eirp_es_t.txt");
    struct interf_eirp_mask *m;
    struct interf_error err = {0};
    cr_assert(eq(int, interf_eirp_mask_read_text(path, &m, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(int, m->form, INTERF_EIRP_ES_OFFAXIS));
    cr_assert(eq(sz, m->n_tables, 2));
    cr_assert(eq(long, m->es_id, -1));
    /* §C4.3 example, latitude 0: linear between (2, 12.49485) and (3, 8.092568) at 2.5 deg:
     * (12.49485 + 8.092568) / 2 = 10.293709 */
    cr_assert(epsilon_eq(dbl, interf_eirp_mask_offaxis_db(m, 10, 2.5), 10.293709, 1e-9));
    /* between (20, -12.50515) and (30, -16.90743) at 29.42088: -12.50515 + 0.942088 x
     * (-4.40228) = -16.652486 */
    cr_assert(epsilon_eq(dbl, interf_eirp_mask_offaxis_db(m, 0, 29.4208825), -16.652486, 1e-6));
    /* nearest latitude (§C4.1): 30 is nearer 50 than 0; (0, 27) to (10, -8) at 5: 9.5 */
    cr_assert(epsilon_eq(dbl, interf_eirp_mask_offaxis_db(m, 30, 5), 9.5, 1e-12));
    /* 25 is as near 0 as 50: the lower latitude */
    cr_assert(epsilon_eq(dbl, interf_eirp_mask_offaxis_db(m, 25, 0), 30.0206, 1e-12));
    /* the 3 dB width: 30.0206 - 3 = 27.0206 reached at 0.3 deg between (0, 30.0206) and
     * (1, 20.0206): 2 x 0.3 = 0.6 deg */
    cr_assert(epsilon_eq(dbl, interf_eirp_mask_beamwidth_deg(m), 0.6, 1e-12));
    cr_assert(epsilon_eq(dbl, interf_eirp_mask_peak_db(m, 60), 27.0, 0));
    interf_eirp_mask_destroy(m);
}

Test(exam_up, azel_mask_xml_nearest_pointing_then_linear_in_dlong)
{
    char path[512];
    te_fixture(path, sizeof path, "eirp_es_a.xml");
    struct interf_eirp_mask *m;
    struct interf_error err = {0};
    cr_assert(eq(int, interf_eirp_mask_read_xml(path, &m, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(int, m->form, INTERF_EIRP_ES_AZEL));
    cr_assert(eq(sz, m->tables[0].n_curves, 3));
    /* (az 10, el 35) is nearest (0, 30) (offset about 10 deg; (0, 60) is 25 away): linear in
     * DeltaLongES between (0, 10) and (10, -20) at 2.5: 10 - 7.5 = 2.5 */
    cr_assert(epsilon_eq(dbl, interf_eirp_mask_azel_db(m, 0, 10, 35, 2.5), 2.5, 1e-12));
    /* (0, 50) is nearer (0, 60): -10 everywhere */
    cr_assert(epsilon_eq(dbl, interf_eirp_mask_azel_db(m, 0, 0, 50, 7), -10, 1e-12));
    /* (170, 30): the single point (180, 30), 5 dBW; DeltaLongES 365 reduces to 5 */
    cr_assert(epsilon_eq(dbl, interf_eirp_mask_azel_db(m, 0, 170, 30, 365), 5, 1e-12));
    cr_assert(isnan(interf_eirp_mask_offaxis_db(m, 0, 1)));
    cr_assert(isnan(interf_eirp_mask_beamwidth_deg(m)));
    interf_eirp_mask_destroy(m);
}

Test(exam_up, masks_refuse_bad_input_with_line_and_field)
{
    static const struct {
        const char *text, *want;
    } cases[] = {
        {"# offaxis_deg es_eirp_dbw\n0 10\n1 nan\n", ":3: eirp_dbw: 'nan': not a number"},
        {"# offaxis_deg es_eirp_dbw\n0 10\n1 12\n", ":3: eirp: 12 dBW at 1 deg rises"},
        {"# offaxis_deg es_eirp_dbw\n0 10\n0 9\n", ":3: offaxis_deg: 0 given twice (first on "
                                                  "line 2)"},
        {"# offaxis_deg pfd_dbw_m2\n0 10\n", ":1: schema:"},
        {"# offaxis_deg es_eirp_dbw\n0 10 3\n", ":2: row: 3 columns: 2 expected"},
        {"# offaxis_deg ss_eirp_dbw\n# lat_deg: 5\n# lat_deg: 6\n0 1\n", ":2: lat_deg: 5: a "
                                                                         "latitude without rows"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char path[64];
        te_scratch(path, cases[k].text, strlen(cases[k].text));
        struct interf_eirp_mask *m = (struct interf_eirp_mask *)1;
        struct interf_error err = {0};
        cr_assert(eq(int, interf_eirp_mask_read_text(path, &m, &err), INTERF_EINPUT),
                  "case %zu", k);
        cr_assert(m == NULL);
        cr_assert(strstr(err.msg, cases[k].want) != NULL, "case %zu: %s", k, err.msg);
        unlink(path);
    }
    char path[64];
    te_scratch(path, "# offaxis_deg es_eirp_dbw\n0 1\0\n", 30);
    struct interf_eirp_mask *m;
    struct interf_error err = {0};
    cr_assert(eq(int, interf_eirp_mask_read_text(path, &m, &err), INTERF_EINPUT));
    cr_assert(strstr(err.msg, ":2: a NUL byte") != NULL, "%s", err.msg);
    unlink(path);
}

Test(exam_up, mask_text_round_trip)
{
    char path[512], out[64] = "/tmp/interf-eirp-XXXXXX";
    te_fixture(path, sizeof path, "eirp_es_a.xml");
    struct interf_eirp_mask *m, *back;
    struct interf_error err = {0};
    cr_assert(eq(int, interf_eirp_mask_read_xml(path, &m, &err), INTERF_OK), "%s", err.msg);
    int fd = mkstemp(out);
    FILE *f = fdopen(fd, "w");
    cr_assert(eq(int, interf_eirp_mask_write_text(m, f, &err), INTERF_OK));
    fclose(f);
    cr_assert(eq(int, interf_eirp_mask_read_text(out, &back, &err), INTERF_OK), "%s", err.msg);
    for (double az = -170; az < 180; az += 37)
        for (double dl = -12; dl < 12; dl += 1.7)
            cr_assert(epsilon_eq(dbl, interf_eirp_mask_azel_db(back, 0, az, 40, dl),
                                 interf_eirp_mask_azel_db(m, 0, az, 40, dl), 1e-4));
    interf_eirp_mask_destroy(m);
    interf_eirp_mask_destroy(back);
    unlink(out);
}

/* --------------------------------------------------------------- WCG(up), §D3.2.3.1 */

Test(exam_up, table_10_fit_at_three_angles)
{
    /* y = a + (b x + c x^2 + d x^3 + e x^4 + f x^5) / (1 + g x + h x^2) with Table 10's
     * coefficients, evaluated by hand (double precision, term by term):
     * 4 deg at chi_BS = 42.552 (Table 9, 10-17 GHz): numerator 0.827676436, denominator
     *   0.382232315 -> -133.536851 + 2.165377 = -131.371476;
     * 1.55 deg, x < 35 column, at 20: numerator 5.926955560, denominator 14.649767460 ->
     *   -133.323814 + 0.404577 = -132.919237;
     * 1.5 deg at chi_BS = 56.230 (Table 9, below 10 GHz): numerator 0.280169423, denominator
     *   0.068155252 -> -142.1952459 + 4.110753 = -138.084493. */
    cr_assert(epsilon_eq(dbl, interf_exam_f672_db(4, 42.552), -131.371476, 1e-6));
    cr_assert(epsilon_eq(dbl, interf_exam_f672_db(1.55, 20), -132.919237, 1e-6));
    cr_assert(epsilon_eq(dbl, interf_exam_f672_db(1.5, 56.23), -138.084493, 1e-6));
    /* the estimate: e.i.r.p. 10 dBW, NUM_ES 4 (6.020600 dB), Nco 2 (3.010300 dB), D_ES 200 km
     * (a quarter as many stations as the fit's 100 km: -6.020600 dB): 10 + 6.020600 +
     * 3.010300 - 131.371476 - 6.020600 = -118.361176 */
    cr_assert(epsilon_eq(dbl, interf_exam_up_estimate_db(10, 4, 2, 200, 4, 42.552),
                         -118.361176, 1e-6));
}

/* --------------------------------------------------------------- §D5.2.5 placement */

static struct interf_antenna s672(double gm, double bw, double ls)
{
    struct interf_antenna a;
    struct interf_error err = {0};
    double v[4] = {gm, bw / 2, ls, 1};
    int given[4] = {1, 1, 1, 1};
    cr_assert(eq(int, interf_antenna_init(&a, interf_pattern_find("S.672"), v, given, 0, &err),
                 INTERF_OK), "%s", err.msg);
    return a;
}

Test(exam_up, placement_counts_area_over_spacing_squared)
{
    /* A 4 deg S.672-4 beam (Ls = -20) at nadir from the GSO satellite at 0 deg: the -15 dB
     * contour is where 3 (psi/2)^2 = 15, psi = 2 sqrt(5) = 4.4721 deg (the parabola reaches
     * -20 dB only at 2.58 psi0). The cone meets the sphere at the angle from the centre
     * gamma = asin(Rgeo/Re sin psi) - psi = 31.0286 - 4.4721 = 26.5565 deg; the cap's area is
     * 2 pi Re^2 (1 - cos gamma) = 2.69679e7 km^2. One station per d x d: 2696.8 stations at
     * d = 100 km and 299.6 at d = 300 km; the grid's edge (about perimeter / 2d stations,
     * 93 and 31) bounds the difference: 5 % and 12 %. */
    struct interf_antenna rx = s672(32.4, 4.0, -20);
    struct interf_error err = {0};
    double *lat, *lon;
    size_t n;
    cr_assert(eq(int, interf_exam_up_place(&rx, 0, 0, 0, 100, -90, 90, &lat, &lon, &n, &err),
                 INTERF_OK), "%s", err.msg);
    cr_assert(fabs((double)n - 2696.8) < 0.05 * 2696.8, "%zu stations at 100 km", n);
    /* symmetric about the boresight (Fig. 45): the station at (0, 0) and as many north as
     * south */
    size_t north = 0, south = 0, centre = 0;
    for (size_t k = 0; k < n; k++) {
        north += lat[k] > 1e-9;
        south += lat[k] < -1e-9;
        centre += fabs(lat[k]) < 1e-12 && fabs(lon[k]) < 1e-12;
    }
    cr_assert(eq(sz, north, south));
    cr_assert(eq(sz, centre, 1));
    free(lat);
    free(lon);
    cr_assert(eq(int, interf_exam_up_place(&rx, 0, 0, 0, 300, -90, 90, &lat, &lon, &n, &err),
                 INTERF_OK));
    cr_assert(fabs((double)n - 299.6) < 0.12 * 299.6, "%zu stations at 300 km", n);
    free(lat);
    free(lon);
    /* the latitude range of §D3.2.3.6 cuts rows: north of 0 only keeps about half */
    cr_assert(eq(int, interf_exam_up_place(&rx, 0, 0, 0, 300, 0, 90, &lat, &lon, &n, &err),
                 INTERF_OK));
    cr_assert(fabs((double)n - 299.6 / 2) < 0.12 * 299.6, "%zu stations north", n);
    free(lat);
    free(lon);
    /* ES_DISTANCE = 0: one station at the boresight */
    cr_assert(eq(int, interf_exam_up_place(&rx, 0, 20, 5, 0, -90, 90, &lat, &lon, &n, &err),
                 INTERF_OK));
    cr_assert(eq(sz, n, 1));
    cr_assert(epsilon_eq(dbl, lat[0], 20, 0));
    free(lat);
    free(lon);
    cr_assert(eq(int, interf_exam_up_place(&rx, 0, 0, 0, -1, -90, 90, &lat, &lon, &n, &err),
                 INTERF_EINPUT));
    cr_assert(strstr(err.msg, "es_distance: -1 km") != NULL, "%s", err.msg);
}

/* --------------------------------------------------------------- §D5.2.6 selection */

Test(exam_up, greedy_selection_hand_case)
{
    /* Two earth stations E0, E1 and three satellites S0..S2; links (epfd dB):
     *   E0-S0 -150, E0-S1 -152, E1-S0 -151, E1-S2 -155, E0-S2 -160.
     * MAX_CO_FREQ_SAT = 1, MAX_CO_FREQ = 2 at every station:
     *   take E0-S0 (-150); S0 is full: drop E1-S0;
     *   take E0-S1 (-152); S1 full; E0 has 2: drop E0-S2;
     *   take E1-S2 (-155).
     * Sum: 10^-15 + 10^-15.2 + 10^-15.5 W/m2. */
    struct interf_up_link l[5] = {{-160, 2, 0}, {-151, 0, 1}, {-155, 2, 1}, {-150, 0, 0},
                                  {-152, 1, 0}};
    double sat[9] = {7000, 0, 0, 0, 7000, 0, 0, 0, 7000};
    double es[6] = {6378, 0, 0, 0, 6378, 0};
    long es_max[2] = {2, 2};
    unsigned char state[5];
    double sum;
    interf_exam_up_select(5, l, sat, es, es_max, 1, 0, 0, state, &sum);
    cr_assert(epsilon_eq(dbl, sum, 1e-15 + pow(10, -15.2) + pow(10, -15.5), 1e-27));
    /* sorted: -150, -151, -152, -155, -160 */
    unsigned char want[5] = {1, 0, 1, 1, 0};
    for (int i = 0; i < 5; i++) /* element by element: criterion's array form leaks its message */
        cr_assert(eq(u8, state[i], want[i]), "link %d", i);
    /* without the per-satellite limit, MIN_ANGLE_AT_ES = 100 deg: at E0 (6378, 0, 0), S1
     * (0, 7000, 0) is 132.3 deg from S0 (7000, 0, 0) and S2 (0, 0, 7000) 132.3 deg too, so
     * both stay; at 140 deg both go after E0-S0 is taken, leaving E0-S0 and E1's best,
     * E1-S0: 10^-15 + 10^-15.1 */
    interf_exam_up_select(5, l, sat, es, es_max, -1, 140, 0, state, &sum);
    cr_assert(epsilon_eq(dbl, sum, 1e-15 + pow(10, -15.1), 1e-27));
    /* a station with MAX_CO_FREQ 0 never transmits */
    long none[2] = {0, -1};
    interf_exam_up_select(5, l, sat, es, none, -1, 0, 0, state, &sum);
    cr_assert(epsilon_eq(dbl, sum, pow(10, -15.1) + pow(10, -15.5), 1e-27));
}

Test(exam_up, selection_sums_station_by_station)
{
    /* Step 28's sum is added station by station (index order), each station's links in step
     * 25's order (the order the run's bounded choice finds them in). E0-S0 -150, E0-S1 -152.9
     * and E1-S2 -149.9 dB, no limits: all three are taken, and the sum is
     * (10^-15 + 10^-15.29) + 10^-14.99, whose bits differ from the sum in step 25's order
     * (10^-14.99 + 10^-15) + 10^-15.29 (2.5361543762721175e-15 against ...118e-15). */
    struct interf_up_link l[3] = {{-150, 0, 0}, {-152.9, 1, 0}, {-149.9, 2, 1}};
    double sat[9] = {7000, 0, 0, 0, 7000, 0, 0, 0, 7000};
    double es[6] = {6378, 0, 0, 0, 6378, 0};
    long es_max[2] = {-1, -1};
    unsigned char state[3];
    double sum;
    interf_exam_up_select(3, l, sat, es, es_max, -1, 0, 0, state, &sum);
    double by_station = (pow(10.0, -150 / 10.0) + pow(10.0, -152.9 / 10.0)) +
                        pow(10.0, -149.9 / 10.0);
    double by_value = (pow(10.0, -149.9 / 10.0) + pow(10.0, -150 / 10.0)) +
                      pow(10.0, -152.9 / 10.0);
    cr_assert(ne(dbl, by_station, by_value)); /* the case tells the orders apart */
    cr_assert(eq(dbl, sum, by_station), "%.17g vs %.17g", sum, by_station);
}

/* --------------------------------------------------------------- runs */

static const struct interf_limit_mask *row_of(struct interf_limits *lim, const char *table,
                                              double ghz)
{
    const struct interf_limit_mask *row;
    struct interf_error err = {0};
    struct interf_limit_query q = {.table = table, .band_lo_ghz = ghz, .band_hi_ghz = ghz};
    cr_assert(eq(int, interf_limits_find(lim, &q, &row, &err), INTERF_OK), "%s", err.msg);
    return row;
}

/* Operating parameters with nothing set: no exclusion, no minimum elevation */
static struct interf_op_params bare_ops(void)
{
    struct interf_op_params o;
    memset(&o, 0, sizeof o);
    o.es_lat_min_deg = -90;
    o.es_lat_max_deg = 90;
    o.max_co_freq_sat = -1;
    return o;
}

Test(exam_up, one_station_one_satellite_by_hand)
{
    /* One earth station at (0, 0) under the GSO satellite at 0 deg, the GSO beam's boresight on
     * it (G_RX - Gmax = 0), D = Rgeo - Re = 35786.055 km: LFS = 10 log10(4 pi D^2) + 60 (D in
     * km) = 162.066375 dB. One satellite at 1200 km on the equator, 5 deg east at t = 0: seen
     * from the station at tan(theta) = r sin 5 / (r cos 5 - Re) = 660.48 / 1171.17, theta =
     * 29.420883 deg from the zenith (the GSO direction); the mask (eirp_es_t.txt, latitude 0)
     * gives -16.652486 dBW there (see the look-up test); NUM_ES = 1, bandwidths equal:
     * epfd = -16.652486 - 162.066375 = -178.718861 dB(W/m2/40kHz). */
    char path[512];
    te_fixture(path, sizeof path, "eirp_es_t.txt");
    struct interf_eirp_mask *m;
    struct interf_limits *lim;
    struct interf_error err = {0};
    cr_assert(eq(int, interf_eirp_mask_read_text(path, &m, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(int, interf_limits_create(&lim, &err), INTERF_OK));
    struct interf_elements el = {INTERF_RE_KM + 1200, 0, 0, 0, 0, 5 * INTERF_DEG};
    struct interf_orbit_options opt = {INTERF_ORBIT_J2, 0, 0};
    struct interf_op_params ops = bare_ops();
    double st_lat = 0, st_lon = 0;
    struct interf_exam_run_request req = {
        .sys = {1, &el, &opt, NULL, m, &ops, NULL},
        .row = row_of(lim, "22-2", 14.0), .gso_lon_deg = 0, .bs_given = 1, .bs_lat_deg = 0,
        .bs_lon_deg = 0, .n_stations = 1, .st_lat_deg = &st_lat, .st_lon_deg = &st_lon,
        .n_steps = 10, .threads = 1};
    struct interf_exam_plan *p;
    cr_assert(eq(int, interf_exam_up_plan(&req, &p, &err), INTERF_OK), "%s", err.msg);
    const struct interf_exam_plan_info *info = interf_exam_plan_info(p);
    cr_assert(eq(sz, info->n_stations_seen, 1));
    cr_assert(epsilon_eq(dbl, info->num_es, 1, 0));
    /* the row's GSO pattern: 4 deg, Ls -20, 32.4 dBi (Table 16) */
    cr_assert(epsilon_eq(dbl, info->rx.gain_max_dbi, 32.4, 0));
    cr_assert(epsilon_eq(dbl, info->ls_db, -20, 0));
    struct interf_exam_step s;
    cr_assert(eq(int, interf_exam_plan_step(p, 0, &s, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(sz, s.n_links, 1));
    cr_assert(eq(sz, s.n_accepted, 1));
    cr_assert(epsilon_eq(dbl, s.epfd_db, -178.718861, 1e-5), "%.6f", s.epfd_db);
    /* the station's e.i.r.p. toward the GSO is 46.7 dB below its peak: not critical */
    cr_assert(eq(int, s.critical, 0));
    interf_exam_plan_destroy(p);
    /* the boresight moved to (8, 0): the station is psi off it at the GSO satellite,
     * tan(psi) = Re sin 8 / (Rgeo - Re cos 8) = 887.660 / 35848.128, psi = 1.418460 deg, inside
     * the S.672-4 parabola (a psi0 = 5.16 deg): G - Gmax = -3 (psi / 2)^2 = -1.509022 dB;
     * epfd = -178.718861 - 1.509022 = -180.227883 */
    req.bs_lat_deg = 8;
    cr_assert(eq(int, interf_exam_up_plan(&req, &p, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(int, interf_exam_plan_step(p, 0, &s, &err), INTERF_OK));
    cr_assert(epsilon_eq(dbl, s.epfd_db, -180.227883, 1e-5), "%.6f", s.epfd_db);
    interf_exam_plan_destroy(p);
    interf_limits_destroy(lim);
    interf_eirp_mask_destroy(m);
}

/* A Walker constellation of n satellites at 1200 km, 87.9 deg, in 12 planes */
static void walker(size_t n, struct interf_elements *el, struct interf_orbit_options *opt)
{
    for (size_t k = 0; k < n; k++) {
        interf_walker_elements(INTERF_WALKER_STAR, INTERF_RE_KM + 1200, 87.9 * INTERF_DEG,
                               (int)n, 12, 1, 0, (int)(k / (n / 12)), (int)(k % (n / 12)),
                               &el[k]);
        opt[k] = (struct interf_orbit_options){INTERF_ORBIT_J2, 0, 0};
    }
}

Test(exam_up, short_run_histogram_total_is_its_weights_and_threads_agree, .timeout = 120)
{
    /* 144 satellites, earth stations every 1000 km over the 4 deg beam's -15 dB contour at
     * the WCG boresight, 0.01 per km^2 (NUM_ES = 10^4), 2000 fine steps: every step adds its
     * weight (1 a fine step, Ncoarse a coarse one), so the histogram holds 2000 entries, and
     * the result is the same on 1 and 2 threads. */
    char path[512];
    te_fixture(path, sizeof path, "eirp_es_t.txt");
    struct interf_eirp_mask *m;
    struct interf_limits *lim;
    struct interf_error err = {0};
    cr_assert(eq(int, interf_eirp_mask_read_text(path, &m, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(int, interf_limits_create(&lim, &err), INTERF_OK));
    struct interf_elements el[144];
    struct interf_orbit_options opt[144];
    walker(144, el, opt);
    struct interf_op_params ops = bare_ops();
    ops.es_distance_km = 1000;
    ops.es_density_km2 = 0.01;
    struct interf_exam_run_request req = {.sys = {144, el, opt, NULL, m, &ops, NULL},
                                          .row = row_of(lim, "22-2", 14.0),
                                          .gso_lon_deg = 10, .n_steps = 2000, .threads = 1};
    struct interf_exam_plan *p;
    cr_assert(eq(int, interf_exam_up_plan(&req, &p, &err), INTERF_OK), "%s", err.msg);
    const struct interf_exam_plan_info *info = interf_exam_plan_info(p);
    cr_assert(lt(sz, 5, info->n_stations_seen));
    cr_assert(epsilon_eq(dbl, info->num_es, 1e4, 1e-9));
    /* §D4.3 with the mask's 0.6 deg beam: Ncoarse = floor(16 x 1.5 / 0.6) = 40 */
    cr_assert(eq(int, info->timing.n_coarse_16, 40));
    struct interf_hist_set h1, h2;
    struct interf_exam_run_stats s1, s2;
    cr_assert(eq(int, interf_exam_plan_run(p, &h1, &s1, &err), INTERF_OK), "%s", err.msg);
    struct interf_hist v = interf_hist_set_point(&h1, 0);
    cr_assert(epsilon_eq(dbl, interf_hist_total(&v), 2000, 0));
    cr_assert(eq(u64, s1.weight, 2000));
    cr_assert(lt(i64, s1.n_evaluated, 2000)); /* coarse blocks were used */
    interf_exam_plan_destroy(p);
    req.threads = 2;
    cr_assert(eq(int, interf_exam_up_plan(&req, &p, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(int, interf_exam_plan_run(p, &h2, &s2, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(int, memcmp(h1.count, h2.count, INTERF_EPFD_NBINS * sizeof *h1.count), 0));
    cr_assert(eq(i64, s1.n_evaluated, s2.n_evaluated));
    interf_hist_set_free(&h1);
    interf_hist_set_free(&h2);
    interf_exam_plan_destroy(p);
    interf_limits_destroy(lim);
    interf_eirp_mask_destroy(m);
}
