/* SPDX-License-Identifier: MIT */
/* Tests of the stats layer: 0.1 dB levels rounded down (Rec. ITU-R S.1503-4 §D7), the CDF table
 * reader and writer (interf-table(5), fixtures in tests/data/cdf), and CDFs built from
 * histograms (S.1503-4 §D1.4, §D7: CDF_i = % of time level i is exceeded). Every expected value
 * is derived by hand in the comment above it. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interf/stats.h"

/* tests/data/cdf/NAME: under INTERF_TEST_DATA (set by ctest), else found from this file's path. */
static void fixture(char *out, size_t n, const char *name)
{
    const char *data = getenv("INTERF_TEST_DATA");
    if (data && *data) {
        snprintf(out, n, "%s/cdf/%s", data, name);
        return;
    }
    const char *unit = strstr(__FILE__, "unit/test_stats.c");
    cr_assert_not_null(unit, "INTERF_TEST_DATA is not set (ctest sets it to tests/data)");
    snprintf(out, n, "%.*sdata/cdf/%s", (int)(unit - __FILE__), __FILE__, name);
}

/* Read a CDF stream from a string, named "t" in messages. */
static enum interf_status read_text(const char *text, struct interf_cdf **cdfs, size_t *n,
                                    struct interf_error *err)
{
    FILE *fp = fmemopen((void *)text, strlen(text), "r");
    cr_assert_not_null(fp);
    enum interf_status st = interf_cdf_read(fp, "t", cdfs, n, err);
    fclose(fp);
    return st;
}

/* --- levels in tenths of a dB ------------------------------------------------------------ */

Test(stats, db_to_tenths_rounds_down_exactly)
{
    /* S.1503-4 §D7: round down to 0.1 dB. Hand: -165.3 is the tenth -1653 itself (the double
     * -165.29999... must not fall to -1654); -165.841 -> floor(-1658.41) = -1659; -159.95 ->
     * floor(-1599.5) = -1600; -160.05 -> -1601; 12.34 -> 123; 0.05 -> 0; -0.05 -> -1;
     * -173.4 (= -187.4 + 14 in floating point) -> -1734. */
    struct {
        double db;
        int32_t t;
    } c[] = {{-165.3, -1653}, {-165.841, -1659}, {-159.95, -1600}, {-160.05, -1601},
             {12.34, 123},    {0.05, 0},         {-0.05, -1},      {-187.4 + 14, -1734},
             {-160.0, -1600}, {-182.44, -1825},  {0.0, 0},         {-158.33, -1584}};
    for (size_t k = 0; k < sizeof c / sizeof c[0]; k++)
        cr_assert(eq(i32, interf_db_to_tenths(c[k].db), c[k].t), "%.17g dB", c[k].db);
    cr_assert(eq(i32, interf_db_to_tenths(NAN), INT32_MIN));
}

Test(stats, samples_round_down_into_bins)
{
    /* Hand: samples -160.05, -160.0, -159.99, -159.91 fall in bins -1601, -1600, -1600, -1600:
     * one count at -160.1 and three at -160.0. CDF: -160.1 is exceeded by the 3 samples above
     * it, 75 %; -160.0 by none, 0 % (S.1503-4 §D7 CDF_i = 100 (1 - sum_{j<=i} PDF_j)). */
    const double samples[] = {-160.05, -160.0, -159.99, -159.91};
    uint32_t count[2] = {0, 0};
    for (size_t k = 0; k < 4; k++)
        count[interf_db_to_tenths(samples[k]) - (-1601)]++;
    struct interf_cdf *c;
    cr_assert(eq(int, interf_cdf_create_hist("epfd_dbw_m2_40khz", 0, &(struct interf_hist){-1601, 2, count, NULL}, &c, NULL), INTERF_OK));
    cr_assert(eq(sz, c->n, 2));
    cr_assert(eq(i32, c->level_tenths[0], -1601));
    cr_assert(epsilon_eq(dbl, c->pct_exceeded[0], 75.0, 1e-12));
    cr_assert(epsilon_eq(dbl, c->pct_exceeded[1], 0.0, 0));
    /* The bandwidth comes from the quantity's suffix. */
    cr_assert(epsilon_eq(dbl, c->ref_bandwidth_khz, 40.0, 0));
    interf_cdf_free_all(c, 1);
}

/* --- histograms -------------------------------------------------------------------------- */

Test(stats, counts_give_the_exceedance_cdf)
{
    /* Hand: counts 1, 2, 3, 4 at -100.0 .. -99.7 dB (total 10). Exceeded: -100.0 by 2+3+4 = 9
     * of 10 = 90 %; -99.9 by 7 = 70 %; -99.8 by 4 = 40 %; -99.7 (the maximum's bin) 0 %. */
    const uint32_t cnt[] = {1, 2, 3, 4};
    const double want[] = {90, 70, 40, 0};
    struct interf_cdf *c;
    cr_assert(eq(int, interf_cdf_create_hist("x_db", 0, &(struct interf_hist){-1000, 4, cnt, NULL}, &c, NULL),
                 INTERF_OK));
    cr_assert(eq(sz, c->n, 4));
    for (size_t k = 0; k < 4; k++) {
        cr_assert(eq(i32, c->level_tenths[k], -1000 + (int32_t)k));
        cr_assert(epsilon_eq(dbl, c->pct_exceeded[k], want[k], 1e-12), "row %zu", k);
    }
    /* No suffix, no bandwidth. */
    cr_assert(epsilon_eq(dbl, c->ref_bandwidth_khz, 0.0, 0));
    interf_cdf_free_all(c, 1);
}

Test(stats, weights_and_empty_bins)
{
    /* Hand: time weights 0, 0, 0.5, 0, 0.5, 0 s at -160.0 .. -159.5 (S.1503-4 §D4.7: each step
     * adds T_step/T_fine entries, any positive unit). Empty bins at the ends are trimmed: rows
     * -159.8 (exceeded by the 0.5 s at -159.6: 50 %), -159.7 (50 %), -159.6 (0 %). */
    const double w[] = {0, 0, 0.5, 0, 0.5, 0};
    int32_t lv[6];
    double pct[6];
    struct interf_cdf view;
    memset(&view, 0, sizeof view);
    cr_assert(eq(int, interf_cdf_view_hist(&(struct interf_hist){-1600, 6, NULL, w}, lv, pct, &view, NULL), INTERF_OK));
    cr_assert(eq(sz, view.n, 3));
    cr_assert(eq(i32, view.level_tenths[0], -1598));
    cr_assert(epsilon_eq(dbl, view.pct_exceeded[0], 50.0, 1e-12));
    cr_assert(epsilon_eq(dbl, view.pct_exceeded[1], 50.0, 1e-12));
    cr_assert(epsilon_eq(dbl, view.pct_exceeded[2], 0.0, 0));
    /* The rows live in the caller's buffers: no allocation. */
    cr_assert(eq(ptr, view.level_tenths, lv));
}

Test(stats, small_tail_keeps_its_precision)
{
    /* Hand: 2^32 - 2 counts in one bin and 1 count 0.1 dB above (the largest total a histogram
     * holds, INTERF_HIST_MAX_STEPS): the lower level is exceeded 1 / (2^32 - 1) of the time =
     * 2.3283064370807974e-8 %. Summing the tail from the top keeps it to 1e-15 relative. */
    const uint32_t cnt[] = {4294967294u, 1};
    struct interf_cdf *c;
    cr_assert(eq(int, interf_cdf_create_hist("x_db", 0, &(struct interf_hist){0, 2, cnt, NULL},
                                             &c, NULL), INTERF_OK));
    cr_assert(epsilon_eq(dbl, c->pct_exceeded[0], 100.0 / 4294967295.0, 1e-22));
    interf_cdf_free_all(c, 1);
}

Test(stats, histogram_errors)
{
    const double zero[] = {0, 0}, neg[] = {1, -1}, bad[] = {1, NAN};
    const uint32_t cnt[] = {1, 1};
    int32_t lv[2];
    double pct[2];
    struct interf_cdf view, *c = NULL;
    struct interf_error err;
    memset(&view, 0, sizeof view);
    cr_assert(eq(int, interf_cdf_view_hist(&(struct interf_hist){0, 2, NULL, zero}, lv, pct, &view, &err),
                 INTERF_EINPUT));
    cr_assert(eq(int, interf_cdf_view_hist(&(struct interf_hist){0, 2, NULL, neg}, lv, pct, &view, &err),
                 INTERF_EINVAL));
    cr_assert(eq(int, interf_cdf_view_hist(&(struct interf_hist){0, 2, NULL, bad}, lv, pct, &view, &err),
                 INTERF_EINVAL));
    /* Exactly one of weight and count. */
    cr_assert(eq(int, interf_cdf_view_hist(&(struct interf_hist){0, 2, cnt, zero}, lv, pct, &view, &err),
                 INTERF_EINVAL));
    /* The quantity must name a dB unit. */
    cr_assert(eq(int, interf_cdf_create_hist("t_s", 0, &(struct interf_hist){0, 2, cnt, NULL}, &c, &err),
                 INTERF_EINVAL));
    cr_assert_null(c);
}

/* --- look-ups on a CDF ------------------------------------------------------------------- */

Test(stats, exceeded_at_and_level_at)
{
    /* Rows -175.0 100, -174.9 40, -174.8 12.5, -174.7 1e-6, -174.6 0 (fixture two-points.txt,
     * point 1). Below the first row 100 % is exceeded, above the last 0 % (stats.h). */
    char path[1024];
    struct interf_cdf *c;
    size_t n;
    fixture(path, sizeof path, "two-points.txt");
    FILE *fp = fopen(path, "r");
    cr_assert_not_null(fp, "%s", path);
    cr_assert(eq(int, interf_cdf_read(fp, path, &c, &n, NULL), INTERF_OK));
    fclose(fp);
    cr_assert(epsilon_eq(dbl, interf_cdf_exceeded_at(&c[0], -1760), 100.0, 0));
    cr_assert(epsilon_eq(dbl, interf_cdf_exceeded_at(&c[0], -1748), 12.5, 0));
    cr_assert(epsilon_eq(dbl, interf_cdf_exceeded_at(&c[0], -1700), 0.0, 0));
    /* Hand: the lowest level exceeded at most 12.5 % is -174.8; at most 10 %: -174.7 (1e-6);
     * at most 1e-6 % (tolerance 1e-9): -174.7; at most 0 %: -174.6, the maximum's bin; at most
     * 100 %: every level (INT32_MIN). */
    cr_assert(eq(i32, interf_cdf_level_at(&c[0], 12.5), -1748));
    cr_assert(eq(i32, interf_cdf_level_at(&c[0], 10.0), -1747));
    cr_assert(eq(i32, interf_cdf_level_at(&c[0], 1e-6), -1747));
    cr_assert(eq(i32, interf_cdf_level_at(&c[0], 0.0), -1746));
    cr_assert(eq(i32, interf_cdf_level_at(&c[0], 100.0), INT32_MIN));
    interf_cdf_free_all(c, n);
}

/* --- reader ------------------------------------------------------------------------------ */

Test(stats, reads_two_points_with_metadata)
{
    char path[1024];
    struct interf_cdf *c;
    size_t n;
    struct interf_error err;
    fixture(path, sizeof path, "two-points.txt");
    FILE *fp = fopen(path, "r");
    cr_assert_not_null(fp, "%s", path);
    cr_assert(eq(int, interf_cdf_read(fp, path, &c, &n, &err), INTERF_OK), "%s", err.msg);
    fclose(fp);
    cr_assert(eq(sz, n, 2));
    cr_assert(eq(str, c[0].quantity, "epfd_dbw_m2_40khz"));
    cr_assert(epsilon_eq(dbl, c[0].ref_bandwidth_khz, 40.0, 0));
    cr_assert(eq(int, c[0].line, 1));
    cr_assert(eq(sz, c[0].n, 5));
    cr_assert(eq(i32, c[0].level_tenths[0], -1750));
    cr_assert(eq(i32, c[0].level_tenths[4], -1746));
    cr_assert(epsilon_eq(dbl, c[0].pct_exceeded[3], 1e-6, 0));
    /* Metadata: source, dish_m, lat_deg, lon_deg, freq_ghz; the free comment is not a key. */
    cr_assert(eq(sz, c[0].n_meta, 5));
    cr_assert(eq(str, (char *)interf_cdf_meta_get(&c[0], "dish_m"), "0.6"));
    double v;
    cr_assert(eq(int, interf_cdf_meta_number(&c[0], path, "lat_deg", &v, NULL), INTERF_OK));
    cr_assert(epsilon_eq(dbl, v, 45.0, 0));
    /* Point 2 (after "> point 2", tab-separated) starts on line 15. */
    cr_assert(eq(int, c[1].line, 15));
    cr_assert(eq(sz, c[1].n, 2));
    cr_assert(eq(i32, c[1].level_tenths[0], -1611));
    cr_assert(epsilon_eq(dbl, c[1].pct_exceeded[0], 3.5e-3, 0));
    cr_assert(eq(str, (char *)interf_cdf_meta_get(&c[1], "max_db"), "-159.95"));
    cr_assert_null(interf_cdf_meta_get(&c[1], "lon_deg"));
    interf_cdf_free_all(c, n);
}

Test(stats, meta_number_errors_name_the_point)
{
    const char *text = "# x_db pct_time_exceeded\n# dish_m: big\n1.0 0\n";
    struct interf_cdf *c;
    size_t n;
    struct interf_error err;
    double v;
    cr_assert(eq(int, read_text(text, &c, &n, &err), INTERF_OK));
    cr_assert(eq(int, interf_cdf_meta_number(c, "t", "dish_m", &v, &err), INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "t:1: dish_m: expected a finite number, got \"big\""));
    cr_assert(eq(int, interf_cdf_meta_number(c, "t", "lat_deg", &v, &err), INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "t:1: lat_deg: missing"));
    interf_cdf_free_all(c, n);
}

struct bad_case {
    char text[200];
    char msg[120]; /* expected start of the message */
};

Test(stats, bad_input_names_file_line_and_field)
{
    static const struct bad_case cases[] = {
        {"-160.0 0\n", "t:1: missing schema line"},
        {"# epfd_dbw_m2_40khz pct_time_exceeded\n-160.0 100\n-159.8 0\n",
         "t:3:1: epfd_dbw_m2_40khz: -159.8: levels must go in steps of 0.1 dB in one direction; "
         "previous row -160.0"},
        /* written from the maximum down, the percentage must not fall with the level */
        {"# epfd_dbw_m2_40khz pct_time_exceeded\n-160.0 100\n-160.1 0\n",
         "t:3:8: pct_time_exceeded: 0: increases with the level"},
        {"# epfd_dbw_m2_40khz pct_time_exceeded\n-160.0 0\n-160.1 50\n-160.0 60\n",
         "t:4:1: epfd_dbw_m2_40khz: -160.0: levels must go in steps of 0.1 dB in one direction"},
        {"# epfd_dbw_m2_40khz pct_time_exceeded\n-160.0 50\n-159.9 60\n",
         "t:3:8: pct_time_exceeded: 60: increases with the level"},
        {"# epfd_dbw_m2_40khz pct_time_exceeded\n-160.0 nan\n",
         "t:2:8: pct_time_exceeded: expected a finite number, got \"nan\""},
        {"# epfd_dbw_m2_40khz pct_time_exceeded\nNaN 1\n",
         "t:2:1: epfd_dbw_m2_40khz: expected a finite number, got \"NaN\""},
        {"# epfd_dbw_m2_40khz pct_time_exceeded\n-160.0 1 2\n", "t:2: expected 2 columns"},
        {"# epfd_dbw_m2_40khz pct_time_exceeded\n-160.0 100.5\n",
         "t:2:8: pct_time_exceeded: 100.5: allowed range 0 to 100"},
        {"# epfd_dbw_m2_40khz pct_time_exceeded\n-160.05 1\n",
         "t:2:1: epfd_dbw_m2_40khz: -160.05: not a whole number of 0.1 dB"},
        {"", "t: no CDF table (empty input)"},
        {"# epfd_dbw_m2_40khz pct_time_exceeded\n1e300 0\n",
         "t:2:1: epfd_dbw_m2_40khz: 1e300: out of range"},
        {"# x_db pct_time_exceeded\n# dish_m: 1\n# dish_m: 2\n1.0 0\n",
         "t:3: dish_m: duplicate metadata key"},
        {"# x_db pct_time_exceeded\n1.0 0\n>\n1.0 0\n", "t:4: missing schema line"},
        {"# t_s pct_time_exceeded\n1.0 0\n", "t:1: t_s: the first column must name a quantity "
                                             "with a dB unit"},
        {"# x_db pct_time_exceeded\n", "t:1: x_db: a CDF with no rows"},
        {"# epfd_dbw_m2_40khz pct_time_exceeded\n# ref_bandwidth_khz: 1000\n1.0 0\n",
         "t:1: ref_bandwidth_khz: 1000 contradicts the quantity epfd_dbw_m2_40khz"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        struct interf_cdf *c = (void *)1;
        size_t n = 7;
        struct interf_error err;
        cr_assert(eq(int, read_text(cases[k].text, &c, &n, &err), INTERF_EINPUT), "case %zu",
                  k);
        cr_assert(eq(int, strncmp(err.msg, cases[k].msg, strlen(cases[k].msg)), 0),
                  "case %zu: got \"%s\", want \"%s...\"", k, err.msg, cases[k].msg);
        cr_assert_null(c, "case %zu: nothing is returned on error", k);
        cr_assert(eq(sz, n, 0));
    }
}

Test(stats, bad_fixtures)
{
    const char *names[] = {"bad-no-header.txt", "bad-levels.txt", "bad-pct.txt", "bad-nan.txt",
                           "bad-schema.txt"};
    /* file:line, and the column where one field is at fault: the level (1) or the
     * percentage (8) of line 4 */
    const char *where[] = {"1", "4:1", "4:8", "4:8", "1"};
    for (size_t k = 0; k < 5; k++) {
        char path[1024], want[1100];
        struct interf_cdf *c;
        size_t n;
        struct interf_error err;
        fixture(path, sizeof path, names[k]);
        FILE *fp = fopen(path, "r");
        cr_assert_not_null(fp, "%s", path);
        cr_assert(eq(int, interf_cdf_read(fp, path, &c, &n, &err), INTERF_EINPUT), "%s", path);
        fclose(fp);
        snprintf(want, sizeof want, "%s:%s: ", path, where[k]);
        cr_assert(eq(int, strncmp(err.msg, want, strlen(want)), 0), "%s", err.msg);
    }
}

Test(stats, units_in_the_quantity_set_the_bandwidth)
{
    /* Suffixes: _1mhz is 1000 kHz, _4khz 4 kHz; without a suffix the metadata gives it. */
    const char *text = "# epfd_dbw_m2_1mhz pct_time_exceeded\n1.0 0\n>\n"
                       "# epfd_dbw_m2_4khz pct_time_exceeded\n1.0 0\n>\n"
                       "# epfd_dbw_m2 pct_time_exceeded\n# ref_bandwidth_khz: 40\n1.0 0\n";
    struct interf_cdf *c;
    size_t n;
    cr_assert(eq(int, read_text(text, &c, &n, NULL), INTERF_OK));
    cr_assert(eq(sz, n, 3));
    cr_assert(epsilon_eq(dbl, c[0].ref_bandwidth_khz, 1000.0, 0));
    cr_assert(epsilon_eq(dbl, c[1].ref_bandwidth_khz, 4.0, 0));
    cr_assert(epsilon_eq(dbl, c[2].ref_bandwidth_khz, 40.0, 0));
    interf_cdf_free_all(c, n);
}

Test(stats, empty_parts_are_skipped)
{
    /* A '>' first, doubled or last separates nothing. */
    const char *text = ">\n# x_db pct_time_exceeded\n1.0 0\n>\n>\n# x_db pct_time_exceeded\n"
                       "2.0 0\n>\n";
    struct interf_cdf *c;
    size_t n;
    cr_assert(eq(int, read_text(text, &c, &n, NULL), INTERF_OK));
    cr_assert(eq(sz, n, 2));
    cr_assert(eq(int, c[1].line, 6));
    interf_cdf_free_all(c, n);
}

/* --- writer ------------------------------------------------------------------------------ */

Test(stats, write_then_read_round_trip)
{
    /* Counts 3, 0, 1, 1e9 at -190.0 .. -189.7: every percentage survives %.10g to 1e-10
     * relative, levels and metadata exactly. */
    const uint32_t cnt[] = {3, 0, 1, 1000000000ULL};
    struct interf_cdf *c, *back;
    size_t n;
    struct interf_error err;
    cr_assert(eq(int, interf_cdf_create_hist("epfd_dbw_m2_40khz", 0, &(struct interf_hist){-1900, 4, cnt, NULL}, &c, &err), INTERF_OK));
    cr_assert(eq(int, interf_cdf_meta_set(c, "dish_m", "0.6", &err), INTERF_OK));
    cr_assert(eq(int, interf_cdf_meta_set(c, "lat_deg", "45", &err), INTERF_OK));
    cr_assert(eq(int, interf_cdf_meta_set(c, "lat_deg", "46", &err), INTERF_OK));
    cr_assert(eq(int, interf_cdf_meta_set(c, "bad key", "1", &err), INTERF_EINVAL));
    FILE *fp = tmpfile();
    cr_assert_not_null(fp);
    cr_assert(eq(int, interf_cdf_write(fp, c, &err), INTERF_OK));
    rewind(fp);
    cr_assert(eq(int, interf_cdf_read(fp, "tmp", &back, &n, &err), INTERF_OK), "%s", err.msg);
    fclose(fp);
    cr_assert(eq(sz, n, 1));
    cr_assert(eq(str, back->quantity, c->quantity));
    cr_assert(eq(sz, back->n, c->n));
    cr_assert(eq(sz, back->n_meta, 2));
    cr_assert(eq(str, (char *)interf_cdf_meta_get(back, "lat_deg"), "46"));
    for (size_t k = 0; k < c->n; k++) {
        cr_assert(eq(i32, back->level_tenths[k], c->level_tenths[k]));
        cr_assert(epsilon_eq(dbl, back->pct_exceeded[k], c->pct_exceeded[k],
                             1e-10 * c->pct_exceeded[k]), "row %zu", k);
    }
    /* Hand: total 1e9 + 4; -190.0 is exceeded by 1e9 + 1 counts: 99.9999997... % */
    cr_assert(epsilon_eq(dbl, c->pct_exceeded[0], 100.0 * 1000000001.0 / 1000000004.0, 1e-12));
    interf_cdf_free_all(back, n);
    interf_cdf_free_all(c, 1);
}

Test(stats, writer_prints_levels_with_one_decimal)
{
    /* One count at -0.1 dB and one at 0.0: rows "-0.1  50" and "0.0  0" (a negative tenth
     * above -1 dB keeps its sign). */
    const uint32_t cnt[] = {1, 1};
    struct interf_cdf *c;
    char buf[512] = "";
    cr_assert(eq(int, interf_cdf_create_hist("x_db", 0, &(struct interf_hist){-1, 2, cnt, NULL}, &c, NULL), INTERF_OK));
    FILE *fp = fmemopen(buf, sizeof buf - 1, "w");
    cr_assert(eq(int, interf_cdf_write(fp, c, NULL), INTERF_OK));
    fclose(fp);
    /* from the maximum down (interf-table(5), the grammar of interf-epfd's CDF tables) */
    cr_assert(eq(str, buf, "# x_db pct_time_exceeded\n       0.0  0\n      -0.1  50\n"));
    interf_cdf_free_all(c, 1);
}

Test(stats, rows_from_the_maximum_down_read_as_rows_up)
{
    /* interf-table(5): rows run from the maximum down; readers also take them upwards. Both
     * orders give the same CDF, held in increasing level order. */
    const char *down = "# x_db pct_time_exceeded\n-1.0 0\n-1.1 25\n-1.2 75\n";
    const char *up = "# x_db pct_time_exceeded\n-1.2 75\n-1.1 25\n-1.0 0\n";
    struct interf_cdf *a, *b;
    size_t na, nb;
    FILE *fa = fmemopen((void *)down, strlen(down), "r");
    FILE *fb = fmemopen((void *)up, strlen(up), "r");
    cr_assert(eq(int, interf_cdf_read(fa, "a", &a, &na, NULL), INTERF_OK));
    cr_assert(eq(int, interf_cdf_read(fb, "b", &b, &nb, NULL), INTERF_OK));
    cr_assert(eq(sz, a[0].n, 3));
    for (size_t k = 0; k < 3; k++) {
        cr_assert(eq(i32, a[0].level_tenths[k], b[0].level_tenths[k]));
        cr_assert(epsilon_eq(dbl, a[0].pct_exceeded[k], b[0].pct_exceeded[k], 0.0));
    }
    cr_assert(eq(i32, a[0].level_tenths[0], -12));
    fclose(fa);
    fclose(fb);
    interf_cdf_free_all(a, na);
    interf_cdf_free_all(b, nb);
}
