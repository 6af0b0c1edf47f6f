/* SPDX-License-Identifier: MIT */
/* Tests of the limits layer's selection and report: which Article 22 row applies to a CDF (the
 * request completed from its metadata in the documented key order) or to a run, and the
 * verdict written as text and JSON, compared with text derived by hand (Rec. ITU-R S.1503-4
 * (09/2023) §D7; the row values of RR Table 22-1A, 0.6 m, are those of interf-check --list). */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interf/limits.h"

static struct interf_limits *L;

static void setup(void) { cr_assert(eq(int, interf_limits_create(&L, NULL), INTERF_OK)); }
static void teardown(void) { interf_limits_destroy(L); }

TestSuite(limits_report, .init = setup, .fini = teardown);

/* The CDFs of text, named "t.txt". */
static void read_cdf(const char *text, struct interf_cdf **c, size_t *n)
{
    struct interf_error err;
    FILE *fp = fmemopen((void *)(uintptr_t)text, strlen(text), "r");
    cr_assert_not_null(fp);
    cr_assert(eq(int, interf_cdf_read(fp, "t.txt", c, n, &err), INTERF_OK), "%s", err.msg);
    fclose(fp);
}

/* A CDF carrying both names of the dish and of the maximum, with values that disagree. */
static const char both_keys[] = "# epfd_dbw_m2_40khz pct_time_exceeded\n"
                                "# dish_m: 1.2\n# es_dish_m: 0.6\n"
                                "# max_db: -150.0\n# max_epfd: -170.0\n# lat_deg: 45\n"
                                "-171.0 2\n-170.9 0\n";

Test(limits_report, metadata_keys_in_one_order)
{
    /* The documented order: es_dish_m before its alias dish_m, max_epfd before max_db. The
     * file lists the aliases first, so file order would pick 1.2 m and -150 dB; the rule picks
     * the 0.6 m row and -170 dB whichever comes first in the file. */
    struct interf_cdf *c;
    size_t n;
    struct interf_limit_request r;
    struct interf_limit_selection sel;
    struct interf_error err;
    read_cdf(both_keys, &c, &n);
    interf_limit_request_init(&r);
    r.table = "22-1A";
    cr_assert(eq(int, interf_limit_select_cdf(L, &r, c, "t.txt", &sel, &err), INTERF_OK), "%s",
              err.msg);
    cr_assert(epsilon_eq(dbl, sel.mask->dish_m, 0.6, 1e-12));
    cr_assert(epsilon_eq(dbl, sel.dish_m, 0.6, 1e-12));
    cr_assert(epsilon_eq(dbl, sel.max_db, -170.0, 0));
    cr_assert(epsilon_eq(dbl, sel.lat_deg, 45.0, 0));
    cr_assert(epsilon_eq(dbl, sel.ref_bandwidth_khz, 40.0, 0));
    /* A value given wins over both keys: the 1.2 m row, the maximum -165 dB. */
    r.dish_m = 1.2;
    r.max_db = -165.0;
    cr_assert(eq(int, interf_limit_select_cdf(L, &r, c, "t.txt", &sel, &err), INTERF_OK));
    cr_assert(epsilon_eq(dbl, sel.mask->dish_m, 1.2, 1e-12));
    cr_assert(epsilon_eq(dbl, sel.max_db, -165.0, 0));
    interf_cdf_free_all(c, n);
}

Test(limits_report, the_verdict_uses_the_key_order)
{
    /* Judged against 22-1A 0.6 m with the run maximum from max_epfd (-170.0, bin -1700): the
     * 100 % point (-160.0) has margin (-1600 + 1700) / 10 = +10.0 dB. With max_db (-150.0) it
     * would be -10.0 and fail. */
    struct interf_cdf *c;
    size_t n;
    struct interf_limit_request r;
    struct interf_limit_item it;
    struct interf_error err;
    read_cdf(both_keys, &c, &n);
    interf_limit_request_init(&r);
    r.table = "22-1A";
    cr_assert(eq(int, interf_limit_judge(L, &r, c, "t.txt", &it, &err), INTERF_OK), "%s",
              err.msg);
    cr_assert(eq(i32, it.verdict.max_tenths, -1700));
    cr_assert(epsilon_eq(dbl, it.verdict.points[it.verdict.n - 1].margin_db, 10.0, 1e-9));
    interf_cdf_free_all(c, n);
}

Test(limits_report, a_run_selects_without_a_cdf)
{
    /* interf-epfd's margin statistic: table, the run's frequency as a band of one frequency,
     * dish and bandwidth: 10.95 GHz lies in 22-1A's 10.7-11.7 GHz band, the row 0.6 m 40 kHz. */
    struct interf_limit_request r;
    struct interf_limit_selection sel;
    struct interf_error err;
    interf_limit_request_init(&r);
    r.table = "22-1A";
    r.band_lo_ghz = r.band_hi_ghz = 10.95;
    r.dish_m = 0.6;
    r.ref_bandwidth_khz = 40;
    cr_assert(eq(int, interf_limit_select(L, &r, NULL, &sel, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(str, (char *)sel.mask->table, "22-1A"));
    cr_assert(epsilon_eq(dbl, sel.mask->dish_m, 0.6, 1e-12));
    cr_assert(isnan(sel.lat_deg) && isnan(sel.max_db));
    /* 13 GHz is in no band of 22-1A: an error naming the request. */
    r.band_lo_ghz = r.band_hi_ghz = 13.0;
    cr_assert(eq(int, interf_limit_select(L, &r, "run", &sel, &err), INTERF_EINPUT));
    cr_assert(eq(int, strncmp(err.msg, "run: no Article 22 limit row for table 22-1A, 13 GHz",
                              52), 0), "%s", err.msg);
    /* Without table and band, the frequency chooses: 10.95 GHz and 0.6 m is 22-1A. */
    interf_limit_request_init(&r);
    r.freq_ghz = 10.95;
    r.dish_m = 0.6;
    r.ref_bandwidth_khz = 40;
    cr_assert(eq(int, interf_limit_select(L, &r, NULL, &sel, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(str, (char *)sel.mask->table, "22-1A"));
}

Test(limits_report, requests_that_cannot_be_met)
{
    struct interf_cdf *c;
    size_t n;
    struct interf_limit_request r;
    struct interf_limit_selection sel;
    struct interf_error err;
    read_cdf("# epfd_dbw_m2_40khz pct_time_exceeded\n-171.0 0\n", &c, &n);
    interf_limit_request_init(&r);
    r.table = "22-1A";
    /* no dish of either name, none given; the 22-1A rows differ by dish */
    cr_assert(eq(int, interf_limit_select_cdf(L, &r, c, "t.txt", &sel, &err), INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "t.txt:1: dish_m: missing (no es_dish_m or dish_m metadata "
                 "line, none given)"));
    /* a bandwidth given that the CDF's name contradicts */
    r.dish_m = 0.6;
    r.ref_bandwidth_khz = 1000;
    cr_assert(eq(int, interf_limit_select_cdf(L, &r, c, "t.txt", &sel, &err), INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "t.txt:1: ref_bandwidth_khz: 1000 kHz given contradicts the "
                 "CDF's 40 kHz (epfd_dbw_m2_40khz)"));
    /* malformed requests are INTERF_EINVAL, unknown tables INTERF_EINPUT */
    interf_limit_request_init(&r);
    r.service = "MSS";
    r.table = "22-1A";
    cr_assert(eq(int, interf_limit_request_check(L, &r, &err), INTERF_EINVAL));
    cr_assert(eq(str, err.msg, "service: MSS: allowed: FSS, BSS"));
    r.service = "bss";
    r.table = NULL;
    cr_assert(eq(int, interf_limit_request_check(L, &r, &err), INTERF_EINVAL));
    cr_assert(eq(str, err.msg, "service: needs the table or the band"));
    r.service = NULL;
    r.table = "22-9";
    cr_assert(eq(int, interf_limit_request_check(L, &r, &err), INTERF_EINPUT));
    cr_assert(eq(int, strncmp(err.msg, "unknown Article 22 table \"22-9\"", 31), 0), "%s",
              err.msg);
    interf_cdf_free_all(c, n);
}

Test(limits_report, band_and_format_names)
{
    double lo, hi;
    enum interf_limit_format f;
    struct interf_error err;
    cr_assert(eq(int, interf_limit_parse_band("10.7-11.7", &lo, &hi, &err), INTERF_OK));
    cr_assert(epsilon_eq(dbl, lo, 10.7, 0));
    cr_assert(epsilon_eq(dbl, hi, 11.7, 0));
    cr_assert(eq(int, interf_limit_parse_band("12", &lo, &hi, &err), INTERF_OK));
    cr_assert(epsilon_eq(dbl, lo, 12, 0));
    cr_assert(epsilon_eq(dbl, hi, 12, 0));
    cr_assert(eq(int, interf_limit_parse_band("12-11", &lo, &hi, &err), INTERF_EINPUT));
    cr_assert(eq(int, interf_limit_parse_band("x", &lo, &hi, &err), INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "expected LO-HI in GHz with 0 < LO <= HI (e.g. 10.7-11.7), got "
                 "\"x\""));
    cr_assert(eq(int, interf_limit_format_parse("json", &f, &err), INTERF_OK));
    cr_assert(eq(int, f, INTERF_LIMIT_JSON));
    cr_assert(eq(int, interf_limit_format_parse("xml", &f, &err), INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "xml: allowed: text, table, json"));
}

/* ---------------------------------------------------------------------------- writers */

/* Five rows: -171.0 is exceeded 2 % of the time, -170.9 1.5 %, -170.8 0.5 %, -170.7 0.001 %,
 * -170.6 0 % (the maximum's bin, no max metadata). Against 22-1A 0.6 m (levels -175.4, -174.0,
 * -170.8, -165.3, -160.4, -160.0, -160.0 at 0, 90, 99, 99.73, 99.991, 99.997, 100 % not
 * exceeded), by hand (S.1503-4 §D7; levels below the first row are exceeded 100 %):
 *   -175.4, 100 % allowed: 100 % simulated, no level margin, +0 %, PASS;
 *   -174.0, 10 %: 100 % simulated (below the first row), -90 %; the CDF reaches 10 % at its
 *     first row -171.0: margin -174.0 - (-171.0) = -3.0 dB, FAIL;
 *   -170.8, 1 %: 0.5 %, +0.5 %; 1 % is reached at -170.8: +0.0 dB, PASS;
 *   -165.3, 0.27 %: 0 % (above the last row), +0.27 %; 0.27 % is reached at -170.7 (0.001 %):
 *     +5.4 dB; likewise -160.4 at 0.009 %: +10.3 dB; -160.0 at 0.003 %: +10.7 dB;
 *   -160.0, 0 %: the maximum's bin -170.6: +10.6 dB, PASS.
 * 6 of 7 pass; the worst margin is -3.0 dB at the 90 % point. */
static const char small_cdf[] = "# epfd_dbw_m2_40khz pct_time_exceeded\n# es_dish_m: 0.6\n"
                                "# lat_deg: 45\n# lon_deg: 10\n"
                                "-171.0 2\n-170.9 1.5\n-170.8 0.5\n-170.7 0.001\n-170.6 0\n";

static void small_item(struct interf_cdf **c, size_t *n, struct interf_limit_item *it)
{
    struct interf_limit_request r;
    struct interf_error err;
    read_cdf(small_cdf, c, n);
    interf_limit_request_init(&r);
    r.table = "22-1A";
    cr_assert(eq(int, interf_limit_judge(L, &r, *c, "t.txt", it, &err), INTERF_OK), "%s",
              err.msg);
}

/* Write the report into a string (freed by the caller). */
static char *report(enum interf_limit_format f, const struct interf_limit_item *it)
{
    char *buf = NULL;
    size_t len = 0;
    struct interf_provenance p;
    struct interf_error err;
    interf_provenance_init(&p, NULL);
    interf_provenance_set(&p, "tool", "test 1");
    FILE *fp = open_memstream(&buf, &len);
    cr_assert(eq(int, interf_limit_report_write(fp, f, L, it, 1, &p, &err), INTERF_OK));
    fclose(fp);
    return buf;
}

Test(limits_report, text_verdict)
{
    struct interf_cdf *c;
    size_t n;
    struct interf_limit_item it;
    small_item(&c, &n, &it);
    char *got = report(INTERF_LIMIT_TEXT, &it);
    const char *want =
        "point 1: t.txt:1 (lat_deg 45, lon_deg 10)\n"
        "  limits: RR Art. 22 Table 22-1A, 0.6 m, 40 kHz, FSS, Rec. ITU-R S.1428-1 [confirmed]\n"
        "  level_dbw_m2  rr_level_dbw_m2  pct_allowed  pct_simulated  margin_db    margin_pct"
        "  verdict\n"
        "        -175.4           -175.4          100            100          -            +0"
        "  PASS\n"
        "        -174.0           -174.0           10            100       -3.0           -90"
        "  FAIL\n"
        "        -170.8           -170.8            1            0.5       +0.0          +0.5"
        "  PASS\n"
        "        -165.3           -165.3         0.27              0       +5.4         +0.27"
        "  PASS\n"
        "        -160.4           -160.4        0.009              0      +10.3        +0.009"
        "  PASS\n"
        "        -160.0           -160.0        0.003              0      +10.7        +0.003"
        "  PASS\n"
        "        -160.0           -160.0            0              0      +10.6            +0"
        "  PASS\n"
        "  FAIL: 6 of 7 points pass; worst margin -3.0 dB at point -174.0 dB / 10 % exceeded; "
        "run maximum in bin -170.6 dB\n"
        "  run length unknown (no total_weight or n_steps metadata): Rec. ITU-R S.1503-4 "
        "\xC2\xA7""D4.6 needs at least 333334 steps to resolve 99.997 % of time\n"
        "\n"
        "summary: FAIL (1 CDF checked, 1 fails); worst margin -3.0 dB at t.txt:1, Table 22-1A "
        "0.6 m, point -174.0 dB / 10 % exceeded\n"
        "standard: RR Art. 22 (Vol. 1, 2024 ed., as transcribed); Rec. ITU-R S.1503-4 (09/2023) "
        "\xC2\xA7"
        "D7\n";
    cr_assert(eq(str, got, (char *)want));
    cr_assert(eq(int, interf_limit_outcome(&it, 1), INTERF_LIMIT_FAIL));
    free(got);
    interf_cdf_free_all(c, n);
}

/* The JSON without its "limits" object (the row as tabulated, checked apart). */
static void cut_limits(char *json)
{
    char *a = strstr(json, "\"limits\": {"), *b = a ? strstr(a, "\n      },") : NULL;
    cr_assert(a && b);
    memmove(a + 11, b, strlen(b) + 1);
}

Test(limits_report, json_verdict)
{
    struct interf_cdf *c;
    size_t n;
    struct interf_limit_item it;
    small_item(&c, &n, &it);
    char *got = report(INTERF_LIMIT_JSON, &it);
    cr_assert(strstr(got, "        \"table\": \"22-1A\",\n") != NULL, "%s", got);
    cr_assert(strstr(got, "        \"dish_m\": 0.6,\n") != NULL, "%s", got);
    cut_limits(got);
    /* The rows of the text verdict above; percentages as %.10g (100 - 99.73 is 0.27 to ten
     * digits), margins without a level as null. */
    const char *want =
        "{\n  \"tool\": \"test 1\",\n"
        "  \"standard\": \"RR Art. 22 (Vol. 1, 2024 ed., as transcribed); Rec. ITU-R S.1503-4 "
        "(09/2023) \xC2\xA7"
        "D7\",\n"
        "  \"outcome\": \"FAIL\",\n  \"pass\": false,\n  \"n_fail\": 1,\n"
        "  \"n_insufficient\": 0,\n  \"points\": [\n    {\n"
        "      \"source\": \"t.txt\",\n      \"line\": 1,\n      \"lat_deg\": 45,\n"
        "      \"lon_deg\": 10,\n      \"limits\": {\n      },\n      \"pass\": false,\n"
        "      \"n_fail\": 1,\n      \"sufficiency\": \"unknown\",\n"
        "      \"min_steps\": 333334,\n      \"run_steps\": null,\n"
        "      \"worst_margin_db\": -3,\n      \"max_dbw_m2\": -170.6,\n"
        "      \"rows\": [\n"
        "        {\"level_dbw_m2\": -175.4, \"rr_level_dbw_m2\": -175.4, \"pct_not_exceeded\": 0, "
        "\"pct_allowed_exceeded\": 100, \"pct_simulated_exceeded\": 100, \"margin_db\": null, "
        "\"margin_pct\": 0, \"pass\": true},\n"
        "        {\"level_dbw_m2\": -174.0, \"rr_level_dbw_m2\": -174, \"pct_not_exceeded\": 90, "
        "\"pct_allowed_exceeded\": 10, \"pct_simulated_exceeded\": 100, \"margin_db\": -3, "
        "\"margin_pct\": -90, \"pass\": false},\n"
        "        {\"level_dbw_m2\": -170.8, \"rr_level_dbw_m2\": -170.8, \"pct_not_exceeded\": 99, "
        "\"pct_allowed_exceeded\": 1, \"pct_simulated_exceeded\": 0.5, \"margin_db\": 0, "
        "\"margin_pct\": 0.5, \"pass\": true},\n"
        "        {\"level_dbw_m2\": -165.3, \"rr_level_dbw_m2\": -165.3, \"pct_not_exceeded\": "
        "99.73, \"pct_allowed_exceeded\": 0.27, \"pct_simulated_exceeded\": 0, \"margin_db\": "
        "5.4, \"margin_pct\": 0.27, \"pass\": true},\n"
        "        {\"level_dbw_m2\": -160.4, \"rr_level_dbw_m2\": -160.4, \"pct_not_exceeded\": "
        "99.991, \"pct_allowed_exceeded\": 0.009, \"pct_simulated_exceeded\": 0, \"margin_db\": "
        "10.3, \"margin_pct\": 0.009, \"pass\": true},\n"
        "        {\"level_dbw_m2\": -160.0, \"rr_level_dbw_m2\": -160, \"pct_not_exceeded\": "
        "99.997, \"pct_allowed_exceeded\": 0.003, \"pct_simulated_exceeded\": 0, \"margin_db\": "
        "10.7, \"margin_pct\": 0.003, \"pass\": true},\n"
        "        {\"level_dbw_m2\": -160.0, \"rr_level_dbw_m2\": -160, \"pct_not_exceeded\": 100, "
        "\"pct_allowed_exceeded\": 0, \"pct_simulated_exceeded\": 0, \"margin_db\": 10.6, "
        "\"margin_pct\": 0, \"pass\": true}\n"
        "      ]\n    }\n  ],\n  \"notes\": []\n}\n";
    cr_assert(eq(str, got, (char *)want));
    free(got);
    interf_cdf_free_all(c, n);
}

static void collect(const char *text, void *user)
{
    char *buf = user;
    snprintf(buf + strlen(buf), 1000 - strlen(buf), "%s|", text);
}

Test(limits_report, warnings_once_per_row)
{
    /* Table 22-2 rows have one source (limits.h): one warning for two CDFs of one row. */
    struct interf_cdf *c;
    size_t n;
    struct interf_limit_request r;
    struct interf_limit_item it[2];
    struct interf_error err;
    char got[1000] = "";
    read_cdf("# epfd_dbw_m2_40khz pct_time_exceeded\n-180.0 0\n>\n"
             "# epfd_dbw_m2_40khz pct_time_exceeded\n-181.0 0\n", &c, &n);
    interf_limit_request_init(&r);
    r.table = "22-2";
    cr_assert(eq(int, interf_limit_parse_band("13.75-14.5", &r.band_lo_ghz, &r.band_hi_ghz,
                                              &err), INTERF_OK));
    for (size_t k = 0; k < 2; k++)
        cr_assert(eq(int, interf_limit_judge(L, &r, &c[k], "t.txt", &it[k], &err), INTERF_OK),
                  "%s", err.msg);
    interf_limit_warnings(it, 2, collect, got);
    cr_assert(eq(int, strncmp(got, "Table 22-2 values are single source (", 37), 0), "%s", got);
    cr_assert(eq(sz, (size_t)(strchr(got, '|') - got + 1), strlen(got)), "one warning: %s", got);
    interf_cdf_free_all(c, n);
}

/* ---------------------------------------------------------------------------- run length */

Test(limits_report, statistical_minimum_of_s1503)
{
    /* Rec. ITU-R S.1503-4 §D4.6 (Table 13, N_S = 10): N_min = 100 N_S / (100 - p);
     * 99.999 % -> 1000 / 0.001 = 10^6; 99.997 % -> 1000 / 0.003 = 333333.3 -> 333334;
     * 99.9993 % (22-1A 1.2 m) -> 1000 / 0.0007 = 1428571.4 -> 1428572. */
    double p;
    cr_assert(epsilon_eq(dbl, interf_limit_min_steps(99.999), 1e6, 0));
    cr_assert(epsilon_eq(dbl, interf_limit_min_steps(99.997), 333334, 0));
    cr_assert(epsilon_eq(dbl, interf_limit_min_steps(99.9993), 1428572, 0));
    cr_assert(epsilon_eq(dbl, interf_limit_min_steps(100), 0, 0));
    struct interf_limit_query q = {.table = "22-1A", .dish_m = 0.6, .ref_bandwidth_khz = 40};
    const struct interf_limit_mask *m;
    cr_assert(eq(int, interf_limits_find(L, &q, &m, NULL), INTERF_OK));
    cr_assert(epsilon_eq(dbl, interf_limit_mask_min_steps(m, &p), 333334, 0));
    cr_assert(epsilon_eq(dbl, p, 99.997, 0));
    q.dish_m = 1.2;
    cr_assert(eq(int, interf_limits_find(L, &q, &m, NULL), INTERF_OK));
    cr_assert(epsilon_eq(dbl, interf_limit_mask_min_steps(m, &p), 1428572, 0));
    /* Table 22-2 limits the 100 % point alone: nothing for a run to resolve. */
    q = (struct interf_limit_query){.table = "22-2", .band_lo_ghz = 14, .band_hi_ghz = 14};
    cr_assert(eq(int, interf_limits_find(L, &q, &m, NULL), INTERF_OK));
    cr_assert(epsilon_eq(dbl, interf_limit_mask_min_steps(m, &p), 0, 0));
}

/* The small CDF of the writer tests with a run-length line after its schema line. */
static enum interf_status judge_with(const char *meta, struct interf_cdf **c, size_t *n,
                                     struct interf_limit_item *it, struct interf_error *err)
{
    char text[600];
    struct interf_limit_request r;
    snprintf(text, sizeof text, "# epfd_dbw_m2_40khz pct_time_exceeded\n%s\n%s", meta,
             small_cdf + strlen("# epfd_dbw_m2_40khz pct_time_exceeded\n"));
    read_cdf(text, c, n);
    interf_limit_request_init(&r);
    r.table = "22-1A";
    return interf_limit_judge(L, &r, *c, "t.txt", it, err);
}

Test(limits_report, runs_too_short_are_insufficient)
{
    struct interf_cdf *c;
    size_t n;
    struct interf_limit_item it[2];
    struct interf_error err;
    /* 3 steps < 333334: insufficient, and the verdict keeps its points (one FAIL). */
    cr_assert(eq(int, judge_with("# n_steps: 3", &c, &n, &it[0], &err), INTERF_OK), "%s",
              err.msg);
    cr_assert(eq(int, it[0].verdict.sufficiency, INTERF_LIMIT_RUN_INSUFFICIENT));
    cr_assert(epsilon_eq(dbl, it[0].verdict.run_steps, 3, 0));
    cr_assert(epsilon_eq(dbl, it[0].verdict.min_steps, 333334, 0));
    cr_assert(eq(sz, it[0].verdict.n_fail, 1));
    interf_cdf_free_all(c, n);
    /* total_weight wins over n_steps: 333334 is enough. */
    cr_assert(eq(int, judge_with("# n_steps: 3\n# total_weight: 333334", &c, &n, &it[1], &err),
                 INTERF_OK), "%s", err.msg);
    cr_assert(eq(int, it[1].verdict.sufficiency, INTERF_LIMIT_RUN_SUFFICIENT));
    interf_cdf_free_all(c, n);
    /* A weight that is not a count is an error located at the point. */
    cr_assert(eq(int, judge_with("# n_steps: many", &c, &n, &it[1], &err), INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "t.txt:1: n_steps: expected a finite number, got \"many\""));
    interf_cdf_free_all(c, n);
    cr_assert(eq(int, judge_with("# total_weight: -1", &c, &n, &it[1], &err), INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "t.txt:1: total_weight: -1: must be >= 0"));
    interf_cdf_free_all(c, n);
}

Test(limits_report, outcome_precedence)
{
    /* FAIL (1) > INSUFFICIENT (3) > PASS (0): build the verdicts by hand. */
    struct interf_limit_item it[2];
    memset(it, 0, sizeof it);
    it[0].verdict.pass = 1;
    it[0].verdict.sufficiency = INTERF_LIMIT_RUN_UNKNOWN;
    it[1].verdict.pass = 1;
    it[1].verdict.sufficiency = INTERF_LIMIT_RUN_SUFFICIENT;
    cr_assert(eq(int, interf_limit_outcome(it, 2), INTERF_LIMIT_PASS));
    it[1].verdict.sufficiency = INTERF_LIMIT_RUN_INSUFFICIENT;
    cr_assert(eq(int, interf_limit_outcome(it, 2), INTERF_LIMIT_INSUFFICIENT));
    cr_assert(eq(int, INTERF_LIMIT_INSUFFICIENT, 3));
    it[0].verdict.pass = 0;
    cr_assert(eq(int, interf_limit_outcome(it, 2), INTERF_LIMIT_FAIL));
}
