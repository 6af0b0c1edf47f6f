/* SPDX-License-Identifier: MIT */
/* Tests of the pfd masks of Rec. ITU-R S.1503-4 §B4.1 and Part C (interf/exam.h). */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>

#include "interf/exam.h"
#include "test_antenna_util.h"
#include "test_exam_util.h"

/* A 2 x 2 table at latitude lat: b {0, 10}, c {0, 20}; (0,0) -150, (10,0) -160, (0,20) -140,
 * (10,20) -170 */
static struct interf_pfd_mask *square(double lat)
{
    struct interf_pfd_mask *m;
    cr_assert(eq(int, interf_pfd_mask_create(INTERF_MASK_ALPHA_DLON, 1, &m, NULL), INTERF_OK));
    struct interf_mask_table *t = &m->tables[0];
    cr_assert(eq(int, interf_mask_table_alloc(t, 2, 2, NULL), INTERF_OK));
    t->lat_deg = lat;
    t->b_deg[0] = 0, t->b_deg[1] = 10, t->c_deg[0] = 0, t->c_deg[1] = 20;
    t->pfd_db[0] = -150, t->pfd_db[1] = -140, t->pfd_db[2] = -160, t->pfd_db[3] = -170;
    return m;
}

Test(exam_mask, bilinear_lookup_by_hand)
{
    /* S.1503-4 §C2.3.2: at (2.5, 5) lx = ly = 0.25: 0.5625 (-150) + 0.1875 (-160) + 0.1875
     * (-140) + 0.0625 (-170) = -84.375 - 30 - 26.25 - 10.625 = -151.25. */
    struct interf_pfd_mask *m = square(0);
    cr_assert(epsilon_eq(dbl, interf_pfd_mask_eval_db(m, 0, 2.5, 5), -151.25, 1e-12));
    /* at a node the node's value; along an edge the linear mix: (5, 20) -> -155 */
    cr_assert(epsilon_eq(dbl, interf_pfd_mask_eval_db(m, 0, 10, 0), -160, 1e-12));
    cr_assert(epsilon_eq(dbl, interf_pfd_mask_eval_db(m, 0, 5, 20), -155, 1e-12));
    interf_pfd_mask_destroy(m);
}

Test(exam_mask, outside_the_axes_the_edge_value)
{
    /* §C4.1: "outside the supplied values the last valid value is assumed": (-50, 100) clamps
     * to the node (0, 20), (50, -5) to (10, 0), (5, 40) to the edge (5, 20) = -155. */
    struct interf_pfd_mask *m = square(0);
    cr_assert(epsilon_eq(dbl, interf_pfd_mask_eval_db(m, 0, -50, 100), -140, 1e-12));
    cr_assert(epsilon_eq(dbl, interf_pfd_mask_eval_db(m, 0, 50, -5), -160, 1e-12));
    cr_assert(epsilon_eq(dbl, interf_pfd_mask_eval_db(m, 0, 5, 40), -155, 1e-12));
    interf_pfd_mask_destroy(m);
}

Test(exam_mask, bandwidth_rescaling)
{
    /* §C4.1: pfd_Calc = pfd_Mask + 10 log10(B_run / refbw): 40 kHz -> 1 MHz is +13.9794 dB */
    struct interf_pfd_mask *m = square(0);
    cr_assert(epsilon_eq(dbl, interf_pfd_mask_scale_db(m, 1000), 13.979400086720377, 1e-12));
    cr_assert(epsilon_eq(dbl, interf_pfd_mask_scale_db(m, 4), -10, 1e-12));
    interf_pfd_mask_destroy(m);
}

Test(exam_mask, sparse_table_completion)
{
    /* S.1503-4 §C4.2's 4 x 4 example (rows y = our b, columns x = our c at 0, 10, 20, 40):
     *   y1:   -   -140 -145    -      edges extended: (x1) = -140, (x4) = -145
     *   y2: -150    -    -  -170      interior linear in x: -155 at x2, -160 at x3
     *   y3: -152    -    -  -152      -152 across
     *   y4:   -   -149 -151    -      -149, -149, -151, -151
     * (the printed pfd(2,3) = Interpolate{x3, pfd(1,2), pfd(4,2)} reads row y2 for a cell of
     * row y3: the stated rule, not the printed index, is implemented.) */
    struct interf_mask_table t = {0};
    cr_assert(eq(int, interf_mask_table_alloc(&t, 4, 4, NULL), INTERF_OK));
    const double x[] = {0, 10, 20, 40};
    for (int k = 0; k < 4; k++)
        t.b_deg[k] = k, t.c_deg[k] = x[k];
    t.pfd_db[1] = -140, t.pfd_db[2] = -145;
    t.pfd_db[4] = -150, t.pfd_db[7] = -170;
    t.pfd_db[8] = -152, t.pfd_db[11] = -152;
    t.pfd_db[13] = -149, t.pfd_db[14] = -151;
    cr_assert(eq(int, interf_mask_table_complete(&t, NULL), INTERF_OK));
    const double want[16] = {-140, -140, -145, -145, -150, -155, -160, -170,
                             -152, -152, -152, -152, -149, -149, -151, -151};
    for (int k = 0; k < 16; k++)
        cr_assert(epsilon_eq(dbl, t.pfd_db[k], want[k], 1e-12), "cell %d: %g", k, t.pfd_db[k]);
    free(t.b_deg), free(t.c_deg), free(t.pfd_db);
}

Test(exam_mask, xml_sample_parsed)
{
    /* tests/data/exam/pfd_mask.xml (README): two latitudes written 40 then 0; refbw 40 kHz.
     * Latitude 0: row b = 0 is -1000 (no transmission, §C1); (-5, 0) lies halfway between
     * -150 and -1000: -575 by the dB interpolation of §C4.1. Latitude 40 is sparse: row -10
     * gives only c = 0 (-155 everywhere), row 10 gives c = -20, 20 (-165, -145; -155 at c = 0
     * by §C4.2); lat 35 takes the table of 40 (nearest), (0, 10) is halfway between -155 and
     * -150: -152.5. "+10" and " -158 " are numbers. */
    char path[512];
    struct interf_pfd_mask *m;
    struct interf_error err = {0};
    te_fixture(path, sizeof path, "pfd_mask.xml");
    cr_assert(eq(int, interf_pfd_mask_read_xml(path, &m, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(int, m->axes, INTERF_MASK_ALPHA_DLON));
    cr_assert(eq(long, m->mask_id, 3));
    cr_assert(eq(str, m->ntc_id, "99000001"));
    cr_assert(eq(str, m->sat_name, "TESTSAT"));
    cr_assert(epsilon_eq(dbl, m->refbw_khz, 40, 0));
    cr_assert(epsilon_eq(dbl, m->low_freq_mhz, 10700, 0));
    cr_assert(eq(sz, m->n_tables, 2));
    cr_assert(epsilon_eq(dbl, m->tables[0].lat_deg, 0, 0));
    cr_assert(epsilon_eq(dbl, interf_pfd_mask_eval_db(m, 10, 0, 0), INTERF_MASK_OFF_DB, 0));
    cr_assert(epsilon_eq(dbl, interf_pfd_mask_eval_db(m, 10, -5, 0), -575, 1e-12));
    cr_assert(epsilon_eq(dbl, interf_pfd_mask_eval_db(m, 10, 10, -20), -158, 1e-12));
    cr_assert(epsilon_eq(dbl, interf_pfd_mask_eval_db(m, 35, 10, 0), -155, 1e-12));
    cr_assert(epsilon_eq(dbl, interf_pfd_mask_eval_db(m, 35, -10, 20), -155, 1e-12));
    cr_assert(epsilon_eq(dbl, interf_pfd_mask_eval_db(m, 35, 0, 10), -152.5, 1e-12));
    interf_pfd_mask_destroy(m);
}

Test(exam_mask, printed_example_form_refused_with_its_line)
{
    /* the typographic quotes of the printed example (line 3) are not XML */
    char path[512];
    struct interf_pfd_mask *m;
    struct interf_error err = {0};
    te_fixture(path, sizeof path, "pfd_mask_printed.xml");
    cr_assert(eq(int, interf_pfd_mask_read_xml(path, &m, &err), INTERF_EINPUT));
    cr_assert(strstr(err.msg, "pfd_mask_printed.xml:3: xml: ") != NULL, "%s", err.msg);
    cr_assert(m == NULL);
}

static void xml_error_n(const char *text, size_t len, const char *want)
{
    char path[64];
    struct interf_pfd_mask *m;
    struct interf_error err = {0};
    te_scratch(path, text, len);
    cr_assert(eq(int, interf_pfd_mask_read_xml(path, &m, &err), INTERF_EINPUT), "%s", text);
    cr_assert(strstr(err.msg, want) != NULL, "'%s' lacks '%s'", err.msg, want);
    unlink(path);
}

static void xml_error(const char *text, const char *want)
{
    xml_error_n(text, strlen(text), want);
}

Test(exam_mask, xml_errors_are_located)
{
    const char *head = "<satellite_system>\n<pfd_mask mask_id=\"1\" low_freq_mhz=\"1\" "
                       "high_freq_mhz=\"2\" type=\"alpha_deltaLongitude\">\n";
    char buf[1024];
    snprintf(buf, sizeof buf, "%s<by_a a=\"0\"><by_b b=\"0\">\n<pfd c=\"0\">–140</pfd>"
             "</by_b></by_a></pfd_mask></satellite_system>\n", head);
    xml_error(buf, ":4: pfd value: '–140': not a number");
    snprintf(buf, sizeof buf, "%s<by_a a=\"0\"><by_b b=\"0\">\n<pfd c=\"0\">nan</pfd>"
             "</by_b></by_a></pfd_mask></satellite_system>\n", head);
    xml_error(buf, ":4: pfd value: 'nan': not a number");
    snprintf(buf, sizeof buf, "%s<by_a a=\"0\"><by_b b=\"0\">\n<pfd c=\"0\">-140</pfd>\n"
             "<pfd c=\"0\">-141</pfd></by_b></by_a></pfd_mask></satellite_system>\n", head);
    xml_error(buf, ":5: b, c: (0, 0) given twice (first on line 4)");
    snprintf(buf, sizeof buf, "%s<by_a a=\"95\"><by_b b=\"0\">\n<pfd c=\"0\">-140</pfd>"
             "</by_b></by_a></pfd_mask></satellite_system>\n", head);
    xml_error(buf, ":3: by_a a: 95: allowed range -90 to 90");
    xml_error("<satellite_system>\n<pfd_mask mask_id=\"1\" low_freq_mhz=\"1\" high_freq_mhz="
              "\"2\" type=\"beta\"/></satellite_system>", ":2: pfd_mask: no <by_a> table");
    xml_error("<satellite_system>\n<pfd_mask mask_id=\"1\" low_freq_mhz=\"1\" high_freq_mhz="
              "\"2\" type=\"beta\"><by_a a=\"0\"/></pfd_mask></satellite_system>",
              ":2: pfd_mask type: 'beta': allowed");
    xml_error("<satellite_system>\n<pfd_mask", ":2: xml: ");
    static const char nul[] = "<satellite_system>\0</satellite_system>";
    xml_error_n(nul, sizeof nul - 1, ":1: xml: a NUL byte");
}

Test(exam_mask, text_round_trip)
{
    /* the XML sample written in the text format of interf-mask(5) and read back: the same
     * header and cells (angles written with 6 decimals, dB with 4: exact for these values) */
    char path[512], out[64] = "/tmp/interf-exam-XXXXXX";
    struct interf_pfd_mask *a, *b;
    struct interf_error err = {0};
    te_fixture(path, sizeof path, "pfd_mask.xml");
    cr_assert(eq(int, interf_pfd_mask_read_xml(path, &a, &err), INTERF_OK), "%s", err.msg);
    int fd = mkstemp(out);
    FILE *f = fdopen(fd, "w");
    cr_assert(eq(int, interf_pfd_mask_write_text(a, f, &err), INTERF_OK), "%s", err.msg);
    fclose(f);
    cr_assert(eq(int, interf_pfd_mask_read_text(out, &b, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(int, b->axes, a->axes));
    cr_assert(eq(long, b->mask_id, a->mask_id));
    cr_assert(eq(str, b->ntc_id, a->ntc_id));
    cr_assert(eq(str, b->sat_name, a->sat_name));
    cr_assert(epsilon_eq(dbl, b->high_freq_mhz, a->high_freq_mhz, 0));
    cr_assert(eq(sz, b->n_tables, a->n_tables));
    for (size_t k = 0; k < a->n_tables; k++) {
        const struct interf_mask_table *ta = &a->tables[k], *tb = &b->tables[k];
        cr_assert(eq(sz, tb->nb, ta->nb));
        cr_assert(eq(sz, tb->nc, ta->nc));
        for (size_t j = 0; j < ta->nb * ta->nc; j++)
            cr_assert(epsilon_eq(dbl, tb->pfd_db[j], ta->pfd_db[j], 0));
    }
    interf_pfd_mask_destroy(a);
    interf_pfd_mask_destroy(b);
    unlink(out);
}

static void text_error(const char *text, size_t len, const char *want)
{
    char path[64];
    struct interf_pfd_mask *m;
    struct interf_error err = {0};
    te_scratch(path, text, len);
    cr_assert(eq(int, interf_pfd_mask_read_text(path, &m, &err), INTERF_EINPUT), "%s", text);
    cr_assert(strstr(err.msg, want) != NULL, "'%s' lacks '%s'", err.msg, want);
    cr_assert(m == NULL);
    unlink(path);
}

Test(exam_mask, text_format_and_its_errors)
{
    /* rows before any lat_deg are latitude 0 (§C4.1's default); the text of interf-mask(5) */
    const char *ok = "# azimuth_deg elevation_deg pfd_dbw_m2\n# ref_bandwidth_khz: 1000\n"
                     "# tool: test\n0 0 -120\n0 10 -130\n# lat_deg: 30\n5 5 -125\n";
    char path[64];
    struct interf_pfd_mask *m;
    struct interf_error err = {0};
    te_scratch(path, ok, strlen(ok));
    cr_assert(eq(int, interf_pfd_mask_read_text(path, &m, &err), INTERF_OK), "%s", err.msg);
    unlink(path);
    cr_assert(eq(int, m->axes, INTERF_MASK_AZ_EL));
    cr_assert(epsilon_eq(dbl, m->refbw_khz, 1000, 0));
    cr_assert(eq(sz, m->n_tables, 2));
    cr_assert(epsilon_eq(dbl, interf_pfd_mask_eval_db(m, 10, 0, 5), -125, 1e-12));
    cr_assert(epsilon_eq(dbl, interf_pfd_mask_eval_db(m, 20, 9, 9), -125, 1e-12));
    interf_pfd_mask_destroy(m);
    const char *hdr = "# alpha_deg dlon_deg pfd_dbw_m2\n";
    char buf[512];
    snprintf(buf, sizeof buf, "%s0 0 nan\n", hdr);
    text_error(buf, strlen(buf), ":2: pfd_dbw_m2: 'nan': not a number");
    snprintf(buf, sizeof buf, "%s0 0 -150\n# lat_deg: 0\n1 0 -150\n", hdr);
    text_error(buf, strlen(buf), ": lat_deg: 0: two tables at this latitude");
    snprintf(buf, sizeof buf, "%s0 0 -150\n1 0 -150 7\n", hdr);
    text_error(buf, strlen(buf), ":3: row: 4 columns: 3 expected");
    snprintf(buf, sizeof buf, "%s0 0 -150\n0 0 -151\n", hdr);
    text_error(buf, strlen(buf), ":3: alpha_deg, dlon_deg: (0, 0) given twice (first on line 2)");
    snprintf(buf, sizeof buf, "%s0 0 -1001\n", hdr);
    text_error(buf, strlen(buf), ":2: pfd_dbw_m2: -1001: allowed range -1000 to 100");
    snprintf(buf, sizeof buf, "%s# lat_deg: 10\n", hdr);
    text_error(buf, strlen(buf), ":2: lat_deg: 10: a latitude without rows");
    text_error("# alpha dlon pfd\n0 0 -150\n", 25, ":1: schema: line 1 must be");
    text_error(hdr, strlen(hdr), ":1: rows: the mask has no row");
    static const char nul[] = "# alpha_deg dlon_deg pfd_dbw_m2\n0 0 -150\n1 0 -1\0 50\n";
    text_error(nul, sizeof nul - 1, ":3: a NUL byte in the line");
}

Test(exam_mask, beam_mask_reproduces_the_beam_pfd)
{
    /* One nadir beam, S.1528:1.3 (35 dBi, 4 deg half beamwidth), 10 dBW at 550 km, 1 deg grid.
     * By hand, pfd = P + G(theta) - 10 log10(4 pi d^2) (S.1503-4 §C2.3.1):
     * - nadir: d = 550 km, 10 log10(4 pi (5.5e5 m)^2) = 10.99210 + 114.80725 = 125.79935 dB,
     *   pfd = 10 + 35 - 125.79935 = -80.79935;
     * - (az, el) = (10, 0) and (0, 10): theta = 10 deg, r = 6928.145 km, d = r cos 10 -
     *   sqrt(Re^2 - (r sin 10)^2) = 6822.8909 - 6263.6555 = 559.23536 km, 10 log10(4 pi d^2) =
     *   125.94399 dB, pfd = 10 + G(10 deg) - 125.94399;
     * - (68, 0): beyond the limb asin(Re/r) = 67.016 deg: no transmission, -1000.
     * The grid spans -68..68 (the first whole degree past the limb). */
    struct interf_antenna ant =
        ta_make("S.1528:1.3", "gain_max_dbi", 35.0, "half_beamwidth_deg", 4.0, NULL);
    struct interf_pfd_mask *m;
    struct interf_error err = {0};
    cr_assert(eq(int, interf_pfd_mask_from_beam(&ant, 10, 40, 550, 1.0, &m, &err), INTERF_OK),
              "%s", err.msg);
    const struct interf_mask_table *t = &m->tables[0];
    cr_assert(eq(sz, t->nb, 137));
    cr_assert(epsilon_eq(dbl, t->b_deg[0], -68, 1e-12));
    cr_assert(epsilon_eq(dbl, interf_pfd_mask_eval_db(m, 0, 0, 0), -80.79935, 5e-6));
    double g10 = interf_antenna_gain_dbi(&ant, 10.0);
    cr_assert(epsilon_eq(dbl, interf_pfd_mask_eval_db(m, 0, 10, 0), 10 + g10 - 125.94399, 5e-6));
    cr_assert(epsilon_eq(dbl, interf_pfd_mask_eval_db(m, 0, 0, 10), 10 + g10 - 125.94399, 5e-6));
    cr_assert(epsilon_eq(dbl, interf_pfd_mask_eval_db(m, 0, 68, 0), INTERF_MASK_OFF_DB, 0));
    interf_pfd_mask_destroy(m);
    cr_assert(eq(int, interf_pfd_mask_from_beam(&ant, 10, 40, 550, 0, &m, &err), INTERF_EINPUT));
    cr_assert(m == NULL);
}
