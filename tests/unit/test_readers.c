/* SPDX-License-Identifier: MIT */
/* Tests of the readers that sit on the table reader of interf/io.h: CDF tables (stats), GMT
 * multi-segment lines and tracks (render), reading several CDF files, inputs named "<stdin>",
 * and the small value parsers the map tool uses (number lists, marks, interpolation, data
 * files). Expected values are read off the inputs written in each test (interf-table(5)). */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "interf/io.h"
#include "interf/render.h"
#include "interf/stats.h"

static FILE *text_file(const char *text)
{
    FILE *fp = fmemopen((void *)(uintptr_t)text, strlen(text), "r");
    cr_assert_not_null(fp);
    return fp;
}

static enum interf_status cdf_text(const char *text, struct interf_cdf **c, size_t *n,
                                   struct interf_error *err)
{
    FILE *fp = text_file(text);
    enum interf_status st = interf_cdf_read(fp, "t", c, n, err);
    fclose(fp);
    return st;
}

/* --------------------------------------------------------------------------------- CDFs */

Test(readers, cdf_parts_metadata_and_schema)
{
    /* Two points; the second's schema after a '>' line with a comment, CRLF line ends and a
     * free-text comment that is not metadata ("# see RR 22: ..." has a blank in its key). */
    const char *text = "# epfd_dbw_m2_40khz pct_time_exceeded\n# lat_deg: 45\n"
                       "# see RR 22: no key\n-170.0 10\n-169.9 0\n> point 2\r\n"
                       "# epfd_dbw_m2_1mhz pct_time_exceeded\r\n# n_steps: 1000\r\n"
                       "-160.1 0\r\n-160.0 0\r\n";
    struct interf_cdf *c;
    size_t n;
    struct interf_error err;
    cr_assert(eq(int, cdf_text(text, &c, &n, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(sz, n, 2));
    cr_assert(eq(sz, c[0].n_meta, 1));
    cr_assert(eq(str, (char *)interf_cdf_meta_get(&c[0], "lat_deg"), "45"));
    cr_assert(eq(int, c[1].line, 7));
    cr_assert(epsilon_eq(dbl, c[1].ref_bandwidth_khz, 1000.0, 0));
    cr_assert(eq(str, (char *)interf_cdf_meta_get(&c[1], "n_steps"), "1000"));
    cr_assert_null(interf_cdf_meta_get(&c[1], "lat_deg"), "metadata belongs to its part");
    interf_cdf_free_all(c, n);
}

Test(readers, cdf_errors_are_located)
{
    static const struct {
        const char *text, *msg;
    } cases[] = {
        /* metadata before any schema line: at the metadata line */
        {"# lat_deg: 45\n# x_db pct_time_exceeded\n1.0 0\n",
         "t:1: missing schema line: expected \"# <quantity_db_unit> pct_time_exceeded\" first"},
        /* a header without rows in the second part: at its schema line */
        {"# x_db pct_time_exceeded\n1.0 0\n>\n# y_db pct_time_exceeded\n>\n",
         "t:4: y_db: a CDF with no rows"},
        /* the field at fault: column 6 of line 3 */
        {"# x_db pct_time_exceeded\n1.0 0\n1.1  abc\n",
         "t:3:6: pct_time_exceeded: expected a finite number, got \"abc\""},
        /* a duplicate key: at the line of the second one */
        {"# x_db pct_time_exceeded\n# a: 1\n\n# a: 2\n1.0 0\n", "t:4: a: duplicate metadata key"},
        {"\n\n", "t:2: no CDF table"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        struct interf_cdf *c;
        size_t n;
        struct interf_error err;
        cr_assert(eq(int, cdf_text(cases[k].text, &c, &n, &err), INTERF_EINPUT), "case %zu", k);
        cr_assert(eq(int, strncmp(err.msg, cases[k].msg, strlen(cases[k].msg)), 0),
                  "case %zu: %s", k, err.msg);
    }
}

Test(readers, cdf_files_in_order_with_their_names)
{
    char a[] = "/tmp/interf-readers-XXXXXX";
    int fd = mkstemp(a);
    cr_assert(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    fputs("# x_db pct_time_exceeded\n1.0 0\n>\n# x_db pct_time_exceeded\n2.0 0\n", fp);
    fclose(fp);
    const char *paths[] = {a, a};
    struct interf_cdf *c;
    const char **src;
    size_t n;
    struct interf_error err;
    cr_assert(eq(int, interf_cdf_read_paths(paths, 2, &c, &n, &src, &err), INTERF_OK), "%s",
              err.msg);
    cr_assert(eq(sz, n, 4));
    cr_assert(eq(i32, c[3].level_tenths[0], 20));
    cr_assert(eq(str, (char *)src[3], a));
    interf_cdf_free_all(c, n);
    free((void *)src);
    const char *missing[] = {a, "/nonexistent/x.txt"};
    cr_assert(eq(int, interf_cdf_read_paths(missing, 2, &c, &n, &src, &err), INTERF_EIO));
    cr_assert(eq(str, err.msg, "/nonexistent/x.txt: No such file or directory"));
    cr_assert(c == NULL && n == 0 && src == NULL);
    unlink(a);
    const char *name;
    cr_assert(eq(int, interf_input_open("-", &fp, &name, &err), INTERF_OK));
    cr_assert(fp == stdin);
    cr_assert(eq(str, (char *)name, "<stdin>"));
    interf_input_close(fp);
}

/* ------------------------------------------------------------------------ lines, tracks */

static enum interf_status lines_text(const char *text, int track, struct interf_lines *l,
                                     struct interf_error *err)
{
    FILE *fp = text_file(text);
    enum interf_status st = track ? interf_lines_read_track(fp, "t", l, err)
                                  : interf_lines_read_gmt(fp, "t", l, err);
    fclose(fp);
    return st;
}

Test(readers, gmt_segments)
{
    /* A leading comment (taken for a schema line by the table reader, and ignored), three
     * segments of 2, 1 and 2 points: the one-point segment is dropped. */
    struct interf_lines l;
    struct interf_error err;
    interf_lines_init(&l);
    cr_assert(eq(int, lines_text("# GSHHG\n> A\n0 0\n1 1\n> B\n5 5\n>\n2 -2\n3 -3\n", 0, &l,
                                 &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(sz, l.n, 2));
    cr_assert(epsilon_eq(dbl, l.line[1].x[1], 3, 0));
    cr_assert(epsilon_eq(dbl, l.line[1].y[1], -3, 0));
    interf_lines_free(&l);
    cr_assert(eq(int, lines_text(">\n0 0\n1 x\n", 0, &l, &err), INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "t:3:3: expected \"lon_deg lat_deg\""));
    cr_assert(eq(int, lines_text(">\n0 0 0\n", 0, &l, &err), INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "t:2: expected \"lon_deg lat_deg\""));
    interf_lines_free(&l);
}

Test(readers, track_parts_keep_or_renew_their_columns)
{
    /* Part 1 names sat, lat_deg, lon_deg; part 2 has no schema line and keeps them; part 3
     * names lon_deg before lat_deg. Satellites 0 and 1 of part 1 and satellite 0 of part 2
     * are three lines (parts never merge), part 3 a fourth. */
    const char *text = "# sat lat_deg lon_deg\n0 1 10\n1 2 20\n0 3 11\n1 4 21\n>\n"
                       "0 5 12\n0 6 13\n>\n# lon_deg lat_deg\n30 7\n31 8\n";
    struct interf_lines l;
    struct interf_error err;
    interf_lines_init(&l);
    cr_assert(eq(int, lines_text(text, 1, &l, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(sz, l.n, 4));
    cr_assert(epsilon_eq(dbl, l.line[0].y[1], 3, 0));  /* sat 0, part 1: lat 1, 3 */
    cr_assert(epsilon_eq(dbl, l.line[1].x[1], 21, 0)); /* sat 1, part 1: lon 20, 21 */
    cr_assert(epsilon_eq(dbl, l.line[2].x[0], 12, 0)); /* part 2, columns kept */
    cr_assert(epsilon_eq(dbl, l.line[3].x[1], 31, 0)); /* part 3, columns renewed */
    cr_assert(epsilon_eq(dbl, l.line[3].y[1], 8, 0));
    interf_lines_free(&l);
    cr_assert(eq(int, lines_text("1 2\n", 1, &l, &err), INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "t:1: no schema line (\"# ... lat_deg lon_deg ...\")"));
    cr_assert(eq(int, lines_text("# lat_deg lon_deg\n95 0\n", 1, &l, &err), INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "t:2:1: lat_deg: \"95\""));
    cr_assert(eq(int, lines_text("", 1, &l, &err), INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "t: empty"));
    interf_lines_free(&l);
}

/* ------------------------------------------------------------------------ value parsers */

Test(readers, number_lists)
{
    double v[4];
    size_t n = 0;
    struct interf_error err;
    cr_assert(eq(int, interf_parse_numbers("-160,-170.5", ',', 1, 32, v, &n, &err), INTERF_OK));
    cr_assert(eq(sz, n, 2));
    cr_assert(epsilon_eq(dbl, v[1], -170.5, 0));
    cr_assert(eq(int, interf_parse_numbers("0/10/20", '/', 4, 4, v, &n, &err), INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "expected 4 numbers separated by '/', got \"0/10/20\""));
    cr_assert(eq(int, interf_parse_numbers("1,x", ',', 1, 3, v, &n, &err), INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "expected 1 to 3 numbers separated by ',', got \"1,x\""));
    cr_assert(eq(int, interf_parse_numbers("1,2,3,4", ',', 1, 3, v, &n, &err), INTERF_EINPUT));
    cr_assert(eq(sz, n, 2), "n untouched on error");
}

Test(readers, marks_and_interpolation)
{
    struct interf_mark m;
    enum interf_interp ip;
    struct interf_error err;
    cr_assert(eq(int, interf_mark_parse("48.85,2.35,Paris, France", &m, &err), INTERF_OK));
    cr_assert(epsilon_eq(dbl, m.lat_deg, 48.85, 0));
    cr_assert(epsilon_eq(dbl, m.lon_deg, 2.35, 0));
    cr_assert(eq(str, m.label, "Paris, France"));
    cr_assert(eq(int, interf_mark_parse("95,0", &m, &err), INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "95,0: latitude beyond 90 or longitude beyond 360"));
    cr_assert(eq(int, interf_mark_parse("45", &m, &err), INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "expected LAT,LON[,LABEL], got \"45\""));
    cr_assert(eq(int, interf_interp_parse("bilinear", &ip, &err), INTERF_OK));
    cr_assert(eq(int, ip, INTERF_INTERP_BILINEAR));
    cr_assert(eq(int, interf_interp_parse("cubic", &ip, &err), INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "cubic: allowed: nearest, bilinear"));
}

Test(readers, data_files_under_interf_data)
{
    /* INTERF_DATA alone when set: the repository's data/ holds coastlines/ (ctest sets
     * INTERF_SOURCE_DIR); a folder without it is named in the message. */
    const char *src = getenv("INTERF_SOURCE_DIR");
    char dir[1024], path[2048], want[2100];
    struct interf_error err;
    cr_assert_not_null(src, "INTERF_SOURCE_DIR is not set (ctest sets it)");
    snprintf(dir, sizeof dir, "%s/data", src);
    setenv("INTERF_DATA", dir, 1);
    cr_assert(eq(int, interf_data_find("coastlines/borders-low.txt", path, sizeof path, &err),
                 INTERF_OK), "%s", err.msg);
    snprintf(want, sizeof want, "%s/coastlines/borders-low.txt", dir);
    cr_assert(eq(str, path, want));
    setenv("INTERF_DATA", "/nonexistent", 1);
    cr_assert(eq(int, interf_data_find("coastlines/x.txt", path, sizeof path, &err),
                 INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "coastlines/x.txt not found in /nonexistent; set INTERF_DATA to "
                 "the folder that holds coastlines/"));
}
