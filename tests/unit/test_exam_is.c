/* SPDX-License-Identifier: MIT */
/* Tests of epfd_is (Rec. ITU-R S.1503-4 (09/2023) §D3.3, §D4.4, §D5.3): the pass of eq. (4) at
 * 550 and 1 200 km, the two geometries of WCG(IS), the space-station mask, one satellite by
 * hand and a short run's histogram. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <string.h>

#include "interf/epfd.h"
#include "interf/exam.h"
#include "interf/geo.h"
#include "interf/limits.h"
#include "test_exam_util.h"

Test(exam_is, eq4_pass_at_550_and_1200_km_by_hand)
{
    /* §D4.4 for the 4 deg GSO beam, Re = 6378.145, Rgeo = 42164.2 km (Table 2):
     * theta1 = asin(Re/Rgeo) = 8.700486 deg at both heights.
     * h = 550 km, r = 6928.145: sin(180 - theta2) = Rgeo/r sin(theta1) = Re/r = 0.920614,
     *   theta2 = 180 - 67.015962 = 112.984038, theta3 = 180 - 8.700486 - 112.984038 =
     *   58.315476, D1 = r sin(theta3)/sin(theta1) = 38973.7347 km, D2 = 2 D1 sin(2 deg) =
     *   2720.3275 km, D3 = D2 cos(67.015962) = 1062.2190 km,
     *   phi = 2 atan(531.1095 / (6928.145 - 1360.1637 x 0.920614)) = 10.691402 deg;
     *   with i = 53 deg: ws = 0.071 / (r/Re)^1.5 = 0.062715, w = 0.060293 deg/s,
     *   dt = 2 phi / w = 354.6458 s.
     * h = 1200 km, r = 7578.145: Re/r = 0.841638, theta2 = 122.685242, theta3 = 48.614272,
     *   D1 = 37586.6230, D2 = 2623.5085, D3 = 1416.7564 km, phi = 12.488599 deg;
     *   with i = 87.9 deg: ws = 0.054822, w = 0.054828 deg/s, dt = 455.5539 s. */
    struct interf_exam_is_pass p;
    struct interf_error err = {0};
    cr_assert(eq(int, interf_exam_pass_is(550, 53 * INTERF_DEG, 4, &p, &err), INTERF_OK));
    cr_assert(epsilon_eq(dbl, p.theta1_deg, 8.700486, 1e-6));
    cr_assert(epsilon_eq(dbl, p.theta2_deg, 112.984038, 1e-6));
    cr_assert(epsilon_eq(dbl, p.theta3_deg, 58.315476, 1e-6));
    cr_assert(epsilon_eq(dbl, p.d1_km, 38973.7347, 1e-4));
    cr_assert(epsilon_eq(dbl, p.d2_km, 2720.3275, 1e-4));
    cr_assert(epsilon_eq(dbl, p.d3_km, 1062.2190, 1e-4));
    cr_assert(epsilon_eq(dbl, p.pass.phi_deg, 10.691402, 1e-6));
    cr_assert(epsilon_eq(dbl, p.pass.dt_s, 354.6458, 1e-4));
    cr_assert(eq(int, interf_exam_pass_is(1200, 87.9 * INTERF_DEG, 4, &p, &err), INTERF_OK));
    cr_assert(epsilon_eq(dbl, p.theta2_deg, 122.685242, 1e-6));
    cr_assert(epsilon_eq(dbl, p.theta3_deg, 48.614272, 1e-6));
    cr_assert(epsilon_eq(dbl, p.d1_km, 37586.6230, 1e-4));
    cr_assert(epsilon_eq(dbl, p.d3_km, 1416.7564, 1e-4));
    cr_assert(epsilon_eq(dbl, p.pass.phi_deg, 12.488599, 1e-6));
    cr_assert(epsilon_eq(dbl, p.pass.dt_s, 455.5539, 1e-4));
    /* the timing of an IS run takes this phi and runs every step (§D5.3.5: Ncoarse = 1);
     * the fine step: 455.5539 / 16 = 28.472 s */
    struct interf_exam_shell sh = {INTERF_RE_KM + 1200, 0, 87.9 * INTERF_DEG, 0};
    struct interf_exam_timing_request tr = {.theta3db_deg = 4, .n_shells = 1, .shells = &sh,
                                            .n_sats = 588, .p_max_pct = 0,
                                            .link = INTERF_EXAM_LINK_IS};
    struct interf_exam_timing t;
    cr_assert(eq(int, interf_exam_timing(&tr, &t, &err), INTERF_OK), "%s", err.msg);
    cr_assert(epsilon_eq(dbl, t.dt_fine_s, 28.472, 1e-9));
    cr_assert(eq(int, t.n_coarse, 1));
    cr_assert(epsilon_eq(dbl, t.pass.phi_deg, 12.488599, 1e-6));
    /* an orbit above the GSO has no such pass */
    cr_assert(eq(int, interf_exam_pass_is(40000, 0, 4, &p, &err), INTERF_EINPUT));
}

Test(exam_is, two_geometries_of_wcg_is_by_hand)
{
    /* §D3.3.3 at r = Re + 550 = 6928.145 km with phi_1 = phi_BS = 6.567304 deg (Table 9, 4 deg
     * beam, from its equations):
     * geometry 1: Rgeo/r sin(phi_1) = 0.696049, psi_1 = 180 - 44.110894 = 135.889106 deg,
     *   theta_1 = 180 - 6.567304 - 135.889106 = 37.543590 deg, D_1 = r sin(theta_1) /
     *   sin(phi_1) = 36913.160 km;
     * geometry 2: phi_2 = asin(Re/Rgeo) = 8.700486 deg, Rgeo/r sin(phi_2) = Re/r, psi_2 =
     *   67.015962 deg, theta_2 = 104.283552 deg, D_2 = 44384.265 km; it crosses the beam at
     *   phi_2 - phi_1 = 2.133182 deg from the boresight. */
    struct interf_gso_up g;
    interf_exam_gso_up(INTERF_GSO_BAND_10_17, &g);
    struct interf_is_geometry a, b;
    cr_assert(eq(int, interf_exam_is_geometry(1, INTERF_RE_KM + 550, g.phi_bs_deg, &a), 1));
    cr_assert(eq(int, interf_exam_is_geometry(2, INTERF_RE_KM + 550, g.phi_bs_deg, &b), 1));
    double s1 = INTERF_RGEO_KM / (INTERF_RE_KM + 550) * sin(g.phi_bs_deg * INTERF_DEG);
    cr_assert(epsilon_eq(dbl, a.psi_deg, 180 - asin(s1) / INTERF_DEG, 1e-12));
    cr_assert(epsilon_eq(dbl, a.psi_deg, 135.889106, 1e-6), "%.6f", a.psi_deg);
    cr_assert(epsilon_eq(dbl, a.theta_deg, 37.543590, 1e-6), "%.6f", a.theta_deg);
    cr_assert(epsilon_eq(dbl, a.d_km, 36913.160, 1e-3), "%.3f", a.d_km);
    cr_assert(epsilon_eq(dbl, b.phi_deg, 8.700486, 1e-6));
    cr_assert(epsilon_eq(dbl, b.psi_deg, 67.015962, 1e-6));
    cr_assert(epsilon_eq(dbl, b.theta_deg, 104.283552, 1e-6));
    cr_assert(epsilon_eq(dbl, b.d_km, 44384.265, 1e-3), "%.3f", b.d_km);
    cr_assert(epsilon_eq(dbl, b.phi_deg - g.phi_bs_deg, 2.133182, 1e-6));
    /* no geometry 1 when Rgeo/r sin(phi_1) > 1 (r below 4826 km, inside the Earth) */
    struct interf_is_geometry c;
    cr_assert(eq(int, interf_exam_is_geometry(1, 4000, g.phi_bs_deg, &c), 0));
}

static const struct interf_limit_mask *row_3(struct interf_limits *lim)
{
    const struct interf_limit_mask *row;
    struct interf_error err = {0};
    struct interf_limit_query q = {.table = "22-3", .band_lo_ghz = 11, .band_hi_ghz = 11};
    cr_assert(eq(int, interf_limits_find(lim, &q, &row, &err), INTERF_OK), "%s", err.msg);
    return row;
}

Test(exam_is, space_station_mask_xml)
{
    char path[512];
    te_fixture(path, sizeof path, "eirp_ss.xml");
    struct interf_eirp_mask *m;
    struct interf_error err = {0};
    cr_assert(eq(int, interf_eirp_mask_read_xml(path, &m, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(int, m->form, INTERF_EIRP_SS_OFFAXIS));
    cr_assert(eq(sz, m->n_tables, 2));
    cr_assert(epsilon_eq(dbl, m->tables[0].lat_deg, -40, 0)); /* sorted by latitude */
    cr_assert(epsilon_eq(dbl, m->refbw_khz, 4, 0));
    /* latitude -30 takes the -40 table: (0, 20) to (180, -30) at 90: -5 */
    cr_assert(epsilon_eq(dbl, interf_eirp_mask_offaxis_db(m, -30, 90), -5, 1e-12));
    /* latitude 0: (0, 30.0206) to (10, -4.9794) at 5: 12.5206 */
    cr_assert(epsilon_eq(dbl, interf_eirp_mask_offaxis_db(m, 1, 5), 12.5206, 1e-12));
    /* 4 kHz mask in a 40 kHz run: +10 dB (§C4.1) */
    cr_assert(epsilon_eq(dbl, interf_eirp_mask_scale_db(m, 40), 10, 1e-12));
    interf_eirp_mask_destroy(m);
    /* a rising value is refused with its line */
    const char *bad = "<satellite_system><eirp_mask_ss mask_id=\"1\" low_freq_mhz=\"1\" "
                      "high_freq_mhz=\"2\">\n<by_a a=\"0\">\n<eirp b=\"0\">1</eirp>\n"
                      "<eirp b=\"5\">3</eirp>\n</by_a></eirp_mask_ss></satellite_system>\n";
    char tmp[64];
    te_scratch(tmp, bad, strlen(bad));
    cr_assert(eq(int, interf_eirp_mask_read_xml(tmp, &m, &err), INTERF_EINPUT));
    cr_assert(strstr(err.msg, ":4: eirp: 3 dBW at 5 deg rises") != NULL, "%s", err.msg);
    unlink(tmp);
}

Test(exam_is, one_satellite_by_hand)
{
    /* The GSO satellite at 0 deg, its boresight at (0, 0) (nadir: G_RX - Gmax = 0 toward any
     * point below it); one satellite at 1200 km on the equator at longitude 0 at t = 0: the
     * GSO satellite is straight above it, 180 deg from its sub-satellite point: the mask's
     * latitude-0 value at 180, -18.9471149 dBW in 4 kHz, +10 dB in the 40 kHz of Table 22-3;
     * D = Rgeo - Re - 1200 = 34586.055 km, LFS = 10 log10(4 pi D^2) + 60 = 161.770119 dB:
     * epfd_is = -18.9471149 + 10 - 161.770119 = -170.717234 dB(W/m2/40kHz). */
    char path[512];
    te_fixture(path, sizeof path, "eirp_ss.xml");
    struct interf_eirp_mask *m;
    struct interf_limits *lim;
    struct interf_error err = {0};
    cr_assert(eq(int, interf_eirp_mask_read_xml(path, &m, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(int, interf_limits_create(&lim, &err), INTERF_OK));
    struct interf_elements el = {INTERF_RE_KM + 1200, 0, 0, 0, 0, 0};
    struct interf_orbit_options opt = {INTERF_ORBIT_J2, 0, 0};
    struct interf_exam_run_request req = {.sys = {1, &el, &opt, NULL, m, NULL, NULL},
                                          .row = row_3(lim), .gso_lon_deg = 0, .bs_given = 1,
                                          .n_steps = 4, .threads = 1};
    struct interf_exam_plan *p;
    cr_assert(eq(int, interf_exam_is_plan(&req, &p, &err), INTERF_OK), "%s", err.msg);
    struct interf_exam_step s;
    cr_assert(eq(int, interf_exam_plan_step(p, 0, &s, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(sz, s.n_links, 1));
    cr_assert(epsilon_eq(dbl, s.epfd_db, -170.717234, 1e-5), "%.6f", s.epfd_db);
    /* the boresight at (5, 0): seen from the GSO satellite it is psi = atan(Re sin 5 /
     * (Rgeo - Re cos 5)) = atan(555.895 / 35810.330) = 0.889344 deg off the satellite's
     * direction (nadir), inside the parabola: G - Gmax = -3 (psi / 2)^2 = -0.593199 dB */
    interf_exam_plan_destroy(p);
    req.bs_lat_deg = 5;
    cr_assert(eq(int, interf_exam_is_plan(&req, &p, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(int, interf_exam_plan_step(p, 0, &s, &err), INTERF_OK), "%s", err.msg);
    cr_assert(epsilon_eq(dbl, s.epfd_db, -170.717234 - 0.593199, 1e-5), "%.6f", s.epfd_db);
    interf_exam_plan_destroy(p);
    interf_limits_destroy(lim);
    interf_eirp_mask_destroy(m);
}

Test(exam_is, short_run_histogram_total_and_wcg, .timeout = 120)
{
    char path[512];
    te_fixture(path, sizeof path, "eirp_ss.xml");
    struct interf_eirp_mask *m;
    struct interf_limits *lim;
    struct interf_error err = {0};
    cr_assert(eq(int, interf_eirp_mask_read_xml(path, &m, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(int, interf_limits_create(&lim, &err), INTERF_OK));
    struct interf_elements el[48];
    struct interf_orbit_options opt[48];
    for (int k = 0; k < 48; k++) {
        interf_walker_elements(INTERF_WALKER_DELTA, INTERF_RE_KM + 1200, 53 * INTERF_DEG, 48,
                               6, 1, 0, k / 8, k % 8, &el[k]);
        opt[k] = (struct interf_orbit_options){INTERF_ORBIT_J2, 0, 0};
    }
    struct interf_exam_run_request req = {.sys = {48, el, opt, NULL, m, NULL, NULL},
                                          .row = row_3(lim), .gso_lon_deg = 20,
                                          .n_steps = 700, .threads = 2};
    struct interf_exam_plan *p;
    cr_assert(eq(int, interf_exam_is_plan(&req, &p, &err), INTERF_OK), "%s", err.msg);
    const struct interf_exam_plan_info *info = interf_exam_plan_info(p);
    /* the step of eq. (4) at 1200 km, i = 53 deg: 2 x 12.488599 / 0.052414 / 16 = 29.784 s */
    cr_assert(epsilon_eq(dbl, info->dt_s, 29.784, 1e-9), "%.6f", info->dt_s);
    cr_assert(eq(int, info->n_coarse, 1));
    /* the WCG found a worst single entry and put the boresight on the Table 9 ring */
    cr_assert(isfinite(info->wcg_estimate_db));
    double lat, lon;
    interf_exam_gso_boresight(20, info->wcg_gso.chi_bs_deg, info->wcg_az_deg, &lat, &lon);
    cr_assert(epsilon_eq(dbl, info->bs_lat_deg, lat, 1e-12));
    struct interf_hist_set h;
    struct interf_exam_run_stats st;
    cr_assert(eq(int, interf_exam_plan_run(p, &h, &st, &err), INTERF_OK), "%s", err.msg);
    struct interf_hist v = interf_hist_set_point(&h, 0);
    cr_assert(epsilon_eq(dbl, interf_hist_total(&v), 700, 0));
    cr_assert(eq(i64, st.n_evaluated, 700)); /* every step, Ncoarse = 1 */
    cr_assert(eq(u64, st.weight, 700));
    interf_hist_set_free(&h);
    interf_exam_plan_destroy(p);
    interf_limits_destroy(lim);
    interf_eirp_mask_destroy(m);
}
