/* SPDX-License-Identifier: MIT */
/* Tests of the operating parameters of Rec. ITU-R S.1503-4 §B3.3 and §B5.2 and of the
 * co-frequency selection of §D5.1.4.1 (interf/exam.h). */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>

#include "interf/exam.h"
#include "test_exam_util.h"

Test(exam_ops, xml_parameters_and_their_lookups)
{
    /* tests/data/exam/op_params.xml (README). By hand, with the rules of §B3.3:
     * MIN_EXCLUDE linear in latitude: plane 1 has none of its own, so the all-planes table
     * (0: 5, 60: 8) gives 6.5 at 30 deg and 8 beyond 60; plane 2 its own 10. MAX_CO_FREQ by
     * nearest latitude (0: 3, 50: 2): 3 at 20, 2 at 30. MIN_ELEV nearest latitude, linear in
     * azimuth round the circle (0: 10 at az 0, 20 at 180): 15 at 90 and at 270, 12.5 at 315
     * (20 + 135/180 (10 - 20)); 25 at latitude 50 (row 60). */
    char path[512];
    struct interf_op_params p;
    struct interf_error err = {0};
    te_fixture(path, sizeof path, "op_params.xml");
    cr_assert(eq(int, interf_op_params_read_xml(path, &p, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(long, p.param_id, 7));
    cr_assert(epsilon_eq(dbl, p.es_lat_max_deg, 80, 0));
    cr_assert(epsilon_eq(dbl, p.es_density_km2, 2e-7, 1e-20));
    cr_assert(epsilon_eq(dbl, p.min_angle_at_es_deg, 5, 0));
    cr_assert(eq(long, p.max_co_freq_sat, -1));
    cr_assert(epsilon_eq(dbl, interf_op_alpha0_deg(&p, 1, 30), 6.5, 1e-12));
    cr_assert(epsilon_eq(dbl, interf_op_alpha0_deg(&p, 1, 75), 8, 1e-12));
    cr_assert(epsilon_eq(dbl, interf_op_alpha0_deg(&p, 2, 30), 10, 1e-12));
    cr_assert(eq(long, interf_op_max_co_freq(&p, 20), 3));
    cr_assert(eq(long, interf_op_max_co_freq(&p, 30), 2));
    cr_assert(epsilon_eq(dbl, interf_lat_table_nearest(&p.min_duration_s, -40), 2400, 0));
    cr_assert(epsilon_eq(dbl, interf_elev_table_eval(&p.min_elev, 10, 90), 15, 1e-12));
    cr_assert(epsilon_eq(dbl, interf_elev_table_eval(&p.min_elev, 10, 270), 15, 1e-12));
    cr_assert(epsilon_eq(dbl, interf_elev_table_eval(&p.min_elev, 10, -45), 12.5, 1e-12));
    cr_assert(epsilon_eq(dbl, interf_elev_table_eval(&p.min_elev, 50, 123), 25, 0));
    interf_op_params_release(&p);
}

static void xml_error(const char *name, const char *text, const char *want)
{
    char path[512];
    struct interf_op_params p;
    struct interf_error err = {0};
    if (name) {
        te_fixture(path, sizeof path, name);
    } else {
        te_scratch(path, text, strlen(text));
    }
    cr_assert(eq(int, interf_op_params_read_xml(path, &p, &err), INTERF_EINPUT));
    cr_assert(strstr(err.msg, want) != NULL, "'%s' lacks '%s'", err.msg, want);
    if (!name)
        unlink(path);
}

Test(exam_ops, printed_example_defects_are_refused)
{
    /* the printed example of §B3.3 writes oc="2" for c="2" and an azimuth b="370" */
    xml_error("op_params_oc.xml", NULL, "op_params_oc.xml:4: min_exclude: attribute oc: unknown");
    const char *head = "<satellite_system>\n<non_gso_operating_parameters high_freq_mhz=\"2\" "
                       "low_freq_mhz=\"1\" param_id=\"1\">\n";
    char buf[1024];
    snprintf(buf, sizeof buf, "%s<min_elev a=\"0\">\n<elev_angle b=\"370\">10</elev_angle>"
             "</min_elev></non_gso_operating_parameters></satellite_system>", head);
    xml_error(NULL, buf, ":4: elev_angle b: 370: allowed range 0 to 360");
    snprintf(buf, sizeof buf, "%s<max_co_freq a=\"0\">2.5</max_co_freq>"
             "</non_gso_operating_parameters></satellite_system>", head);
    xml_error(NULL, buf, ": max_co_freq: 2.5: must be an integer");
    snprintf(buf, sizeof buf, "%s<max_co_freq a=\"0\">2</max_co_freq>\n<max_co_freq a=\"0\">3"
             "</max_co_freq></non_gso_operating_parameters></satellite_system>", head);
    xml_error(NULL, buf, ":4: max_co_freq: latitude 0 given twice (first on line 3)");
    snprintf(buf, sizeof buf, "<satellite_system>\n<non_gso_operating_parameters high_freq_mhz="
             "\"2\" low_freq_mhz=\"1\" param_id=\"1\" es_lat_min=\"10\" es_lat_max=\"5\"/>"
             "</satellite_system>");
    xml_error(NULL, buf, ": es_lat_max: 5: must exceed es_lat_min 10");
    snprintf(buf, sizeof buf, "%s<min_duration a=\"0\">0.5</min_duration>"
             "</non_gso_operating_parameters></satellite_system>", head);
    xml_error(NULL, buf, ": min_duration: 0.5: allowed range 1 to 99999");
}

Test(exam_ops, value_parsers_of_system_keys)
{
    /* "0:5 40:6.5, 60:8": linear in latitude, 5.75 at 20 (5 + 20/40 x 1.5) */
    struct interf_lat_table t;
    struct interf_elev_table e;
    struct interf_error err = {0};
    cr_assert(eq(int, interf_op_parse_lat_table("0:5 40:6.5, 60:8", "min_exclude_deg", 0, 180,
                                                0, &t, &err), INTERF_OK), "%s", err.msg);
    cr_assert(epsilon_eq(dbl, interf_lat_table_linear(&t, 20), 5.75, 1e-12));
    interf_lat_table_release(&t);
    cr_assert(eq(int, interf_op_parse_lat_table(" 3 ", "max_co_freq", 0, 9999, 1, &t, &err),
                 INTERF_OK));
    cr_assert(epsilon_eq(dbl, interf_lat_table_nearest(&t, -80), 3, 0));
    interf_lat_table_release(&t);
    struct {
        const char *text, *want;
    } bad[] = {{"5 0:3", "max_co_freq: '5 0:3': one value for every latitude, or LAT:VALUE"},
               {"0:5 0:6", "max_co_freq: latitude 0 given twice"},
               {"x:5", "max_co_freq: 'x:5': latitude: a number from -90 to 90 expected"},
               {"0:2.5", "max_co_freq: '0:2.5': must be an integer"},
               {"0:nan", "max_co_freq: '0:nan': not a number"},
               {"0:10000", "max_co_freq: '0:10000': allowed range 0 to 9999"},
               {"0/10:3", "max_co_freq: '0/10:3': LAT:VALUE expected"},
               {"  ", "max_co_freq: empty"}};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        cr_assert(eq(int, interf_op_parse_lat_table(bad[k].text, "max_co_freq", 0, 9999, 1, &t,
                                                    &err), INTERF_EINPUT), "%s", bad[k].text);
        cr_assert(strstr(err.msg, bad[k].want) != NULL, "'%s' lacks '%s'", err.msg, bad[k].want);
    }
    /* MIN_ELEV "0/0:10 0/180:15 50:20": 12.5 at (0, 90); 20 at latitude 40 (row 50) */
    cr_assert(eq(int, interf_op_parse_elev_table("0/0:10 0/180:15 50:20", "min_elev_deg", &e,
                                                 &err), INTERF_OK), "%s", err.msg);
    cr_assert(epsilon_eq(dbl, interf_elev_table_eval(&e, 0, 90), 12.5, 1e-12));
    cr_assert(epsilon_eq(dbl, interf_elev_table_eval(&e, 40, 10), 20, 0));
    interf_elev_table_release(&e);
    cr_assert(eq(int, interf_op_parse_elev_table("0/400:10", "min_elev_deg", &e, &err),
                 INTERF_EINPUT));
    cr_assert(strstr(err.msg, "azimuth: a number from 0 to 360") != NULL, "%s", err.msg);
}

Test(exam_ops, orbit_parameter_ranges)
{
    struct interf_op_orbit o = {1000, 0.5, 1, 86400, 1, 1.5};
    struct interf_error err;
    cr_assert(eq(int, interf_op_orbit_check(&o, &err), INTERF_OK));
    o.repeat_period_s = 0;
    cr_assert(eq(int, interf_op_orbit_check(&o, &err), INTERF_EINPUT));
    cr_assert(strstr(err.msg, "repeat_period_s: 0: allowed range") != NULL, "%s", err.msg);
    o.repeat_period_s = 86400;
    o.w_delta_deg = -1;
    cr_assert(eq(int, interf_op_orbit_check(&o, &err), INTERF_EINPUT));
}

/* the unit vector at angle deg from +x in the x-y plane */
static void at(double deg, double d[3])
{
    d[0] = cos(deg * INTERF_DEG), d[1] = sin(deg * INTERF_DEG), d[2] = 0;
}

Test(exam_ops, co_frequency_selection_by_hand)
{
    /* S.1503-4 §D5.1.4.1 steps 18-23, MAX_CO_FREQ 2, MIN_ANGLE_AT_ES 5 deg:
     *  c0 -150 operating at 0 deg; c1 -148 operating at 3 deg; c2 -152 operating at 33 deg;
     *  c3 -149 gain clause only; c4 -151 operating and gain clause at 5 deg; c5 -140 neither.
     * Step 20 takes c1 (highest operating), step 21 removes c0 (3 deg away) and c4 (2 deg);
     * step 20 again takes c2; step 22 adds c3 and c4 (the gain clause counts c4 although step
     * 21 removed it, once). Sum: 10^-14.8 + 10^-15.2 + 10^-14.9 + 10^-15.1. */
    struct interf_exam_candidate c[6] = {{-150, 1, 0, {0}}, {-148, 1, 0, {0}}, {-152, 1, 0, {0}},
                                         {-149, 0, 1, {0}}, {-151, 1, 1, {0}}, {-140, 0, 0, {0}}};
    const double az[6] = {0, 3, 33, 90, 5, 120};
    for (int k = 0; k < 6; k++)
        at(az[k], c[k].dir);
    unsigned char sel[6];
    double sum;
    interf_exam_select(6, c, 2, 5.0, sel, &sum);
    const unsigned char want[6] = {0, 1, 1, 2, 2, 0};
    for (int k = 0; k < 6; k++)
        cr_assert(eq(u8, sel[k], want[k]), "satellite %d", k);
    double want_sum = pow(10, -14.8) + pow(10, -15.2) + pow(10, -14.9) + pow(10, -15.1);
    cr_assert(epsilon_eq(dbl, sum, want_sum, 1e-12 * want_sum));
    /* no limit and no angle: every operating satellite in step 20, c3 by the gain clause */
    interf_exam_select(6, c, -1, 0, sel, &sum);
    const unsigned char all[6] = {1, 1, 1, 2, 1, 0};
    for (int k = 0; k < 6; k++)
        cr_assert(eq(u8, sel[k], all[k]), "satellite %d", k);
    /* MAX_CO_FREQ 0: only the gain clause */
    interf_exam_select(6, c, 0, 0, sel, &sum);
    cr_assert(epsilon_eq(dbl, sum, pow(10, -14.9) + pow(10, -15.1), 1e-27));
}
