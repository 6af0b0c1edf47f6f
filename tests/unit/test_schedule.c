/* SPDX-License-Identifier: MIT */
/* Tests of the schedule layer: the schedule table reader (the fixture system
 * tests/data/schedule/hop.ini and its hop.txt, and every error on small texts read from memory),
 * the statistic names, the statistics over slots against hand-worked values, and the SGEMM path
 * against the plain double loop on a seeded random case with uneven tiles. */
#include <cblas.h>
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interf.h"
#include "schedule/schedule_impl.h"

/* tests/data/schedule/NAME: under INTERF_TEST_DATA (set by ctest), else found from this source
 * file's own path (CMake compiles it by absolute path), so the binary also runs by hand. */
static void fixture(char *out, size_t n, const char *name)
{
    const char *data = getenv("INTERF_TEST_DATA");
    if (data && *data) {
        snprintf(out, n, "%s/schedule/%s", data, name);
        return;
    }
    const char *unit = strstr(__FILE__, "unit/test_schedule.c");
    cr_assert_not_null(unit, "INTERF_TEST_DATA is not set (ctest sets it to tests/data)");
    snprintf(out, n, "%.*sdata/schedule/%s", (int)(unit - __FILE__), __FILE__, name);
}

static struct interf_system *load(const char *name)
{
    char path[1024];
    fixture(path, sizeof path, name);
    struct interf_system *sys = NULL;
    struct interf_error err = {INTERF_OK, ""};
    cr_assert(eq(int, interf_system_load(path, &sys, &err), INTERF_OK), "%s", err.msg);
    return sys;
}

/* 10^(dbw/10), the reader's conversion, as a float. */
static double undb(double dbw) { return (float)pow(10.0, dbw / 10.0); }

/* ----------------------------------------------------------------------------- the reader */

Test(schedule, reads_the_fixture_with_the_system_beam_names)
{
    struct interf_system *sys = load("hop.ini");
    const struct interf_system_orbit *orb = interf_system_orbit(sys, 0);
    struct interf_schedule *s = NULL;
    struct interf_error err = {INTERF_OK, ""};
    cr_assert(eq(int, interf_schedule_read(sys, orb, &s, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(sz, s->n_slots, 4));
    cr_assert(eq(sz, s->n_beams, 4));
    /* hop.txt: durations 0.25, 0.25, 0.5, 0.25 s. */
    const double dur[4] = {0.25, 0.25, 0.5, 0.25};
    /* Beams in the group's order (north, south, west, east) over the slots; hop.txt: slot 0
     * north -10 dBW, south -13; slot 1 west -10, east -10; slot 2 north -7, east -16; slot 3
     * dark. 0 where a beam is not lit. */
    const double dbw[4][4] = {{-10, NAN, -7, NAN},
                              {-13, NAN, NAN, NAN},
                              {NAN, -10, NAN, NAN},
                              {NAN, -10, -16, NAN}};
    for (size_t t = 0; t < 4; t++)
        cr_assert(epsilon_eq(dbl, s->duration_s[t], dur[t], 0.0), "slot %zu", t);
    for (size_t b = 0; b < 4; b++)
        for (size_t t = 0; t < 4; t++) {
            double want = isnan(dbw[b][t]) ? 0.0 : undb(dbw[b][t]);
            cr_assert(epsilon_eq(dbl, s->power_w[b * 4 + t], want, 0.0), "beam %zu slot %zu: %g",
                      b, t, (double)s->power_w[b * 4 + t]);
        }
    /* 10^-0.7 W = 0.19952623149688797 W (the -7 dBW of north in slot 2), independently. */
    cr_assert(epsilon_eq(dbl, s->power_w[0 * 4 + 2], 0.19952623149688797, 1e-8));
    interf_schedule_destroy(s);
    interf_system_destroy(sys);
}

/* The public reader names the resolved file, the line and the field (the CLI test of
 * interf-footprint turns these into exit 2). */
Test(schedule, public_reader_errors_name_file_line_and_field)
{
    const char *const ini[2] = {"bad-beam.ini", "bad-order.ini"};
    const char *const want[2] = {
        "bad-beam.txt:5:9: beam: 'west': not a beam of orbit group 'hop' (beams: north, south)",
        "bad-order.txt:6:1: slot: 0 after 1: slots must not decrease"};
    for (int i = 0; i < 2; i++) {
        struct interf_system *sys = load(ini[i]);
        struct interf_schedule *s = (struct interf_schedule *)1;
        struct interf_error err = {INTERF_OK, ""};
        enum interf_status st = interf_schedule_read(sys, interf_system_orbit(sys, 0), &s, &err);
        cr_assert(eq(int, st, INTERF_EINPUT), "%s: %s", ini[i], err.msg);
        cr_assert_null(s);
        const char *base = strrchr(err.msg, '/');
        cr_assert(eq(str, (char *)(base ? base + 1 : err.msg), (char *)want[i]), "%s", err.msg);
        interf_system_destroy(sys);
    }
}

Test(schedule, public_reader_misuse)
{
    struct interf_system *sys = load("hop.ini");
    struct interf_system_orbit orb = *interf_system_orbit(sys, 0);
    struct interf_schedule *s = NULL;
    struct interf_error err = {INTERF_OK, ""};
    cr_assert(eq(int, interf_schedule_read(NULL, &orb, &s, &err), INTERF_EINVAL));
    orb.schedule_file[0] = '\0';
    cr_assert(eq(int, interf_schedule_read(sys, &orb, &s, &err), INTERF_EINVAL));
    cr_assert(ne(ptr, strstr(err.msg, "no schedule_file"), NULL), "%s", err.msg);
    /* A file that vanished after the system was read: INTERF_EIO naming it. */
    snprintf(orb.schedule_file, sizeof orb.schedule_file, "%s", "/nonexistent/hop.txt");
    cr_assert(eq(int, interf_schedule_read(sys, &orb, &s, &err), INTERF_EIO));
    cr_assert(eq(str, err.msg, "/nonexistent/hop.txt: No such file or directory"));
    cr_assert_null(s);
    interf_schedule_destroy(NULL); /* a no-op */
    interf_system_destroy(sys);
}

static const char *const beams3[3] = {"a", "b", "c"};

/* Read text as "sched.txt" for a group "g" with beams a, b, c. */
static enum interf_status read_text(const char *text, size_t max_bytes,
                                    struct interf_schedule **s, struct interf_error *err)
{
    FILE *fp = fmemopen((void *)text, strlen(text), "r");
    cr_assert_not_null(fp);
    enum interf_status st = sched_read_stream(fp, "sched.txt", "g", beams3, 3, max_bytes, s, err);
    fclose(fp);
    return st;
}

#define HDR "# slot duration_s beam power_dbw\n"

struct bad_case {
    char name[32];
    char text[200];
    char want[160]; /* the whole message */
};

/* Every rejected input with its whole message: "sched.txt:LINE:COLUMN: FIELD: what" (the
 * column of the field at fault; "sched.txt:LINE: FIELD: what" for a missing field). */
static const struct bad_case bad_cases[] = {
    {"unknown beam", HDR "0 1 a 0\n0 1 zz 0\n",
     "sched.txt:3:5: beam: 'zz': not a beam of orbit group 'g' (beams: a, b, c)"},
    {"slot decreases", HDR "0 1 a 0\n1 1 a 0\n2 1 a 0\n1 1 b 0\n",
     "sched.txt:5:1: slot: 1 after 2: slots must not decrease"},
    {"slot gap", HDR "0 1 a 0\n2 1 a 0\n",
     "sched.txt:3:1: slot: 2 after 0: slot 1 is missing (every slot from 0 to the last needs a row;"
     " write beam - for a dark slot)"},
    {"first slot not 0", HDR "1 1 a 0\n", "sched.txt:2:1: slot: 1: the first slot must be 0"},
    {"slot not an integer", HDR "0.5 1 a 0\n",
     "sched.txt:2:1: slot: '0.5': not a slot number (an integer 0, 1, 2, ...)"},
    {"negative slot", HDR "-1 1 a 0\n",
     "sched.txt:2:1: slot: '-1': not a slot number (an integer 0, 1, 2, ...)"},
    {"duplicate beam", HDR "0 1 a 0\n0 1 b 0\n0 1 a 3\n",
     "sched.txt:4:5: beam: 'a': twice in slot 0 (line 2)"},
    {"durations disagree", HDR "0 1 a 0\n1 2 a 0\n1 2.5 b 0\n",
     "sched.txt:4:3: duration_s: 2.5: slot 1 lasts 2 s (line 3); every row of a slot must give the"
     " same duration"},
    {"power NaN", HDR "0 1 a nan\n", "sched.txt:2:7: power_dbw: nan: not a finite number"},
    {"power Inf", HDR "0 1 a -inf\n", "sched.txt:2:7: power_dbw: -inf: not a finite number"},
    {"duration Inf", HDR "0 inf a 0\n", "sched.txt:2:3: duration_s: inf: not a finite number"},
    {"duration zero", HDR "0 0 a 0\n",
     "sched.txt:2:3: duration_s: 0: allowed range 0 (excluded) to 1000000000 s"},
    {"duration hex", HDR "0 0x10 a 0\n", "sched.txt:2:3: duration_s: '0x10': not a number"},
    {"power range", HDR "0 1 a 150\n",
     "sched.txt:2:7: power_dbw: 150: allowed range -100 to 100 dBW"},
    {"missing power", HDR "# a comment\n0 1 a\n",
     "sched.txt:3: power_dbw: missing (the columns are slot duration_s beam power_dbw)"},
    {"missing beam", HDR "0 1\n",
     "sched.txt:2: beam: missing (the columns are slot duration_s beam power_dbw)"},
    {"extra column", HDR "0 1 a 0 dBW\n",
     "sched.txt:2:9: power_dbw: 'dBW': unexpected text after the power (the columns are slot"
     " duration_s beam power_dbw)"},
    {"empty file", "", "sched.txt:1: schema: empty file: expected the schema line \"# slot"
     " duration_s beam power_dbw\" and rows"},
    {"blank file", "\n  \n\t\n", "sched.txt:1: schema: empty file: expected the schema line"
     " \"# slot duration_s beam power_dbw\" and rows"},
    {"no rows", HDR "# only comments\n",
     "sched.txt:2: slot: no rows: the schedule needs slot 0 at least"},
    {"no schema line", "0 1 a 0\n", "sched.txt:1: schema: \"0 1 a 0\": expected the schema line"
     " \"# slot duration_s beam power_dbw\" first"},
    {"columns swapped", "# slot beam duration_s power_dbw\n0 a 1 0\n",
     "sched.txt:1: schema: \"# slot beam duration_s power_dbw\": expected the schema line"
     " \"# slot duration_s beam power_dbw\" first"},
    {"lit after dark", HDR "0 1 - -\n0 1 a 0\n",
     "sched.txt:3:5: beam: 'a': slot 0 is dark (line 2)"},
    {"dark after lit", HDR "0 1 a 0\n0 1 - -\n",
     "sched.txt:3:5: beam: '-': slot 0 already has a row (line 2); a dark slot has one row only"},
};

Test(schedule, reader_errors_name_line_and_field)
{
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        const struct bad_case *c = &bad_cases[i];
        struct interf_schedule *s = (struct interf_schedule *)1;
        struct interf_error err = {INTERF_OK, ""};
        enum interf_status st = read_text(c->text, SCHED_MAX_BYTES, &s, &err);
        cr_assert(eq(int, st, INTERF_EINPUT), "%s: status %d: %s", c->name, st, err.msg);
        cr_assert_null(s, "%s", c->name);
        cr_assert(eq(str, err.msg, (char *)c->want), "%s", c->name);
    }
}

Test(schedule, reader_refuses_a_nul_byte)
{
    /* "0 1 a 0\0 junk": the text after the NUL would be invisible to the parser */
    static const char text[] = HDR "0 1 a 0\0 1 1 b 0\n";
    FILE *fp = fmemopen((void *)text, sizeof text - 1, "r");
    cr_assert_not_null(fp);
    struct interf_schedule *s = NULL;
    struct interf_error err = {INTERF_OK, ""};
    cr_assert(eq(int, sched_read_stream(fp, "sched.txt", "g", beams3, 3, SCHED_MAX_BYTES, &s,
                                        &err), INTERF_EINPUT));
    fclose(fp);
    cr_assert(eq(str, err.msg, "sched.txt:2: NUL byte in a text file"));
}

Test(schedule, reader_refuses_a_schedule_over_the_memory_limit)
{
    /* 3 beams: 3 x 4 bytes of power + 8 bytes of duration = 20 bytes a slot; a limit of
     * 100 bytes holds 5 slots, and slot 5 (the sixth: 6 x 20 = 120 bytes) is refused on its own
     * line (7) before any allocation for it. */
    const char *text = HDR "0 1 a 0\n1 1 a 0\n2 1 a 0\n3 1 a 0\n4 1 a 0\n5 1 a 0\n";
    struct interf_schedule *s = NULL;
    struct interf_error err = {INTERF_OK, ""};
    cr_assert(eq(int, read_text(text, 100, &s, &err), INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "sched.txt:7:1: slot: 5: too many slots: 3 beams x 6 slots need"
                               " 120 bytes, over the limit of 100 bytes"));
    /* The same file within the limit reads. */
    cr_assert(eq(int, read_text(text, 120, &s, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(sz, s->n_slots, 6));
    interf_schedule_destroy(s);
}

Test(schedule, reader_accepts_comments_crlf_tabs_and_dark_slots)
{
    const char *text = "\n" HDR "# source: a test\r\n"
                       "0\t2\tb\t3   # trailing comment\r\n"
                       "  0 2 c -3\r\n"
                       "\n"
                       "1 0.5 - -\n"
                       "2 1e-1 a +10\n";
    struct interf_schedule *s = NULL;
    struct interf_error err = {INTERF_OK, ""};
    cr_assert(eq(int, read_text(text, SCHED_MAX_BYTES, &s, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(sz, s->n_slots, 3));
    cr_assert(eq(sz, s->n_beams, 3));
    const double dur[3] = {2.0, 0.5, 0.1};
    /* beam-major: a lit in slot 2 at +10 dBW = 10 W; b in slot 0 at 3 dBW; c in slot 0 at
     * -3 dBW; slot 1 dark. */
    const double want[3][3] = {{0, 0, undb(10)}, {undb(3), 0, 0}, {undb(-3), 0, 0}};
    for (size_t t = 0; t < 3; t++)
        cr_assert(epsilon_eq(dbl, s->duration_s[t], dur[t], 0.0));
    for (size_t b = 0; b < 3; b++)
        for (size_t t = 0; t < 3; t++)
            cr_assert(epsilon_eq(dbl, s->power_w[b * 3 + t], want[b][t], 0.0), "b %zu t %zu", b,
                      t);
    cr_assert(epsilon_eq(dbl, s->power_w[2], 10.0, 0.0)); /* 10^(10/10), exact in binary */
    interf_schedule_destroy(s);
}

Test(schedule, group_without_beams_allows_dark_slots_only)
{
    FILE *fp = fmemopen((void *)HDR "0 1 - -\n1 2 - -\n", strlen(HDR) + 16, "r");
    struct interf_schedule *s = NULL;
    struct interf_error err = {INTERF_OK, ""};
    cr_assert(eq(int, sched_read_stream(fp, "x", "g", NULL, 0, SCHED_MAX_BYTES, &s, &err),
                 INTERF_OK), "%s", err.msg);
    fclose(fp);
    cr_assert(eq(sz, s->n_slots, 2));
    /* no beams: every point gets -INFINITY (no power), through the no-BLAS branch */
    struct interf_stat st[2] = {{.kind = INTERF_STAT_MAX, .arg = 0}, {.kind = INTERF_STAT_PCT, .arg = 50}};
    float out[6];
    cr_assert(eq(int, interf_schedule_aggregate(s, NULL, 3, st, 2, out, &err), INTERF_OK), "%s",
              err.msg);
    for (int i = 0; i < 6; i++)
        cr_assert(isinf(out[i]) && out[i] < 0, "out[%d] = %g", i, (double)out[i]);
    interf_schedule_destroy(s);
    const char *lit = HDR "0 1 a 0\n";
    fp = fmemopen((void *)lit, strlen(lit), "r");
    cr_assert(eq(int, sched_read_stream(fp, "x", "g", NULL, 0, SCHED_MAX_BYTES, &s, &err),
                 INTERF_EINPUT));
    fclose(fp);
    cr_assert(eq(str, err.msg, "x:2:5: beam: 'a': orbit group 'g' has no beams (only '-', a dark"
                               " slot, is allowed)"));
}

/* --------------------------------------------------------------------- statistic names */

Test(schedule, stat_parse_names_and_percentiles)
{
    struct interf_stat st;
    struct interf_error err = {INTERF_OK, ""};
    cr_assert(eq(int, interf_stat_parse("max", INTERF_SCHEDULE_STATS, &st, &err), INTERF_OK));
    cr_assert(eq(int, st.kind, INTERF_STAT_MAX));
    cr_assert(eq(int, interf_stat_parse("mean", INTERF_SCHEDULE_STATS, &st, &err), INTERF_OK));
    cr_assert(eq(int, st.kind, INTERF_STAT_MEAN));
    const char *const ok[] = {"p50", "p99.9", "p100", "p0.001", "p99.9993", "p.5", "p7."};
    const double pct[] = {50, 99.9, 100, 0.001, 99.9993, 0.5, 7};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        cr_assert(eq(int, interf_stat_parse(ok[i], INTERF_SCHEDULE_STATS, &st, &err), INTERF_OK), "%s: %s",
                  ok[i], err.msg);
        cr_assert(eq(int, st.kind, INTERF_STAT_PCT), "%s", ok[i]);
        cr_assert(epsilon_eq(dbl, st.arg, pct[i], 0.0), "%s", ok[i]);
    }
    const char *const bad[] = {"p0",   "p100.1", "p",    "p-5", "p+5",  "p1e1", "P50", "median",
                               "p50x", "p.",     "",     "max ", "p 50", "pnan", "p5.5.5"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cr_assert(eq(int, interf_stat_parse(bad[i], INTERF_SCHEDULE_STATS, &st, &err), INTERF_EINPUT), "'%s'",
                  bad[i]);
        char want[200];
        snprintf(want, sizeof want, "'%s': expected max, mean or pNN.NNN (a percentage of time"
                 " in (0, 100])", bad[i]);
        cr_assert(eq(str, err.msg, want));
    }
    cr_assert(eq(int, interf_stat_parse(NULL, INTERF_SCHEDULE_STATS, &st, &err), INTERF_EINVAL));
}

/* ------------------------------------------------------------------- statistics by hand */

/* Two slots of unequal durations, two beams:
 *   slot 0 lasts 1 s: beam 0 at 10 dBW (10 W), beam 1 at 20 dBW (100 W);
 *   slot 1 lasts 3 s: beam 0 at 0 dBW (1 W), beam 1 dark.
 * Points (c in m^-2 per beam): P0 = {1, 0}, P1 = {0.002, 0}, P2 = {0, 1}, P3 = {0, 0}. */
static struct interf_schedule *two_slots(void)
{
    const char *text = HDR "0 1 a 10\n0 1 b 20\n1 3 a 0\n";
    struct interf_schedule *s = NULL;
    struct interf_error err = {INTERF_OK, ""};
    cr_assert(eq(int, read_text(text, SCHED_MAX_BYTES, &s, &err), INTERF_OK), "%s", err.msg);
    return s;
}

static const float two_c[4 * 3] = {1, 0, 0, 0.002f, 0, 0, 0, 1, 0, 0, 0, 0};

#define NSTAT 8
static const struct interf_stat two_stats[NSTAT] = {
    {.kind = INTERF_STAT_MAX, .arg = 0},  {.kind = INTERF_STAT_MEAN, .arg = 0}, {.kind = INTERF_STAT_PCT, .arg = 10},
    {.kind = INTERF_STAT_PCT, .arg = 50}, {.kind = INTERF_STAT_PCT, .arg = 75}, {.kind = INTERF_STAT_PCT, .arg = 75.001},
    {.kind = INTERF_STAT_PCT, .arg = 80}, {.kind = INTERF_STAT_PCT, .arg = 100}};

/* Hand derivation, point P0: PFD 10 W/m^2 for 1 s, 1 W/m^2 for 3 s (4 s in all).
 *   max = 10 -> 10 dB.
 *   mean = (1 x 10 + 3 x 1) / 4 = 3.25 -> 10 log10(3.25) = 5.118833609788744 dB.
 *   Exceedance E(L) = time with PFD > L over 4 s: E(1) = 1/4 = 25 %, E(10) = 0 %.
 *   pNN is the smallest level L with E(L) <= 100 - NN %:
 *   p10 (90 % allowed), p50 (50 %), p75 (25 %, reached exactly: E(1) = 25 % qualifies) -> 1
 *   -> 0 dB; p75.001 (24.999 %): E(1) = 25 % does not qualify -> 10 -> 10 dB; p80, p100 ->
 *   10 dB (p100 = max).
 * P1 = P0 x 0.002: every level + 10 log10(0.002) = -26.989700043360187 dB.
 * P2: 100 W/m^2 for 1 s, 0 for 3 s: max 20 dB; mean 100/4 = 25 -> 13.979400086720377 dB;
 *   E(0) = 25 %: p10, p50, p75 -> 0 W/m^2 -> -INFINITY (no power); p75.001, p80, p100 -> 20 dB.
 * P3 sees no beam: -INFINITY everywhere. */
static const double two_want[4][NSTAT] = {
    {10, 5.118833609788744, 0, 0, 0, 10, 10, 10},
    {10 - 26.989700043360187, 5.118833609788744 - 26.989700043360187, -26.989700043360187,
     -26.989700043360187, -26.989700043360187, 10 - 26.989700043360187, 10 - 26.989700043360187,
     10 - 26.989700043360187},
    {20, 13.979400086720377, -INFINITY, -INFINITY, -INFINITY, 20, 20, 20},
    {-INFINITY, -INFINITY, -INFINITY, -INFINITY, -INFINITY, -INFINITY, -INFINITY, -INFINITY}};

static void check_two(const float *out, const char *path)
{
    for (int p = 0; p < 4; p++)
        for (int k = 0; k < NSTAT; k++) {
            double got = out[k * 4 + p], want = two_want[p][k];
            if (isinf(want))
                cr_assert(isinf(got) && got < 0, "%s: point %d stat %d: %g", path, p, k, got);
            else /* fp32 levels: 1e-5 dB */
                cr_assert(epsilon_eq(dbl, got, want, 1e-5), "%s: point %d stat %d: %.9g, want"
                          " %.9g", path, p, k, got, want);
        }
}

Test(schedule, statistics_of_two_unequal_slots_by_hand)
{
    struct interf_schedule *s = two_slots();
    float out[NSTAT * 4];
    struct interf_error err = {INTERF_OK, ""};
    /* two_c is 4 points x 3 beams (a, b, c of read_text; c never lit) */
    cr_assert(eq(int, interf_schedule_aggregate(s, two_c, 4, two_stats, NSTAT, out, &err),
                 INTERF_OK), "%s", err.msg);
    check_two(out, "sgemm");
    cr_assert(eq(int, sched_aggregate_loop(s, two_c, 4, two_stats, NSTAT, out, &err),
                 INTERF_OK), "%s", err.msg);
    check_two(out, "loop");
    interf_schedule_destroy(s);
}

Test(schedule, statistics_of_equal_slots_by_hand)
{
    /* Four slots of 1 s at 1, 2, 2 and 4 W (0, 3.0103, 3.0103, 6.0206 dBW) through beam a, c = 1:
     * E(1) = 3/4 = 75 %, E(2) = 1/4 = 25 %, E(4) = 0.
     * p25 (75 % allowed) -> 1 W -> 0 dB; p50 (50 %) -> 2 W (E(1) = 75 % too much);
     * p75 (25 %) -> 2 W (tie: the two slots at 2 W are not above 2 W); p75.1 -> 4 W;
     * mean = 9/4 = 2.25 W -> 10 log10(2.25) = 3.5218251811136247 dB. */
    const char *text = HDR "0 1 a 0\n1 1 a 3.010299956639812\n2 1 a 3.010299956639812\n"
                           "3 1 a 6.020599913279624\n";
    struct interf_schedule *s = NULL;
    struct interf_error err = {INTERF_OK, ""};
    cr_assert(eq(int, read_text(text, SCHED_MAX_BYTES, &s, &err), INTERF_OK), "%s", err.msg);
    const struct interf_stat st[5] = {{.kind = INTERF_STAT_PCT, .arg = 25}, {.kind = INTERF_STAT_PCT, .arg = 50},
                                               {.kind = INTERF_STAT_PCT, .arg = 75}, {.kind = INTERF_STAT_PCT, .arg = 75.1},
                                               {.kind = INTERF_STAT_MEAN, .arg = 0}};
    const double want[5] = {0, 3.010299956639812, 3.010299956639812, 6.020599913279624,
                            3.5218251811136247};
    const float c[3] = {1, 0, 0};
    float out[5];
    cr_assert(eq(int, interf_schedule_aggregate(s, c, 1, st, 5, out, &err), INTERF_OK));
    for (int k = 0; k < 5; k++)
        cr_assert(epsilon_eq(dbl, out[k], want[k], 1e-5), "stat %d: %.9g", k, (double)out[k]);
    interf_schedule_destroy(s);
}

/* ---------------------------------------------------------- the percentile selection */

static unsigned long long rng_state;
static double rnd(void) /* xorshift64*, uniform in [0, 1) */
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (double)((rng_state * 2685821657736338717ULL) >> 11) / 9007199254740992.0;
}

/* The definition written out: for each candidate value L (every value), the weight strictly
 * above L; the smallest L whose share is within 100 - pct % (same 1e-9 % tolerance). */
static float percentile_by_definition(const float *v, const double *w, size_t n, double pct)
{
    double total = 0.0;
    for (size_t i = 0; i < n; i++)
        total += w ? w[i] : 1.0;
    float best = INFINITY;
    for (size_t i = 0; i < n; i++) {
        double above = 0.0;
        for (size_t j = 0; j < n; j++)
            above += v[j] > v[i] ? (w ? w[j] : 1.0) : 0.0;
        if (above <= (100.0 - pct + 1e-9) / 100.0 * total && v[i] < best)
            best = v[i];
    }
    return best;
}

/* Values of one trial: kind 0 few levels (many ties), 1 continuous, 2 mostly zero (dark slots)
 * with a few levels. */
static float trial_value(int kind, int levels)
{
    if (kind == 1)
        return (float)rnd();
    if (kind == 2 && rnd() < 0.8)
        return 0.0f;
    return (float)(int)(rnd() * levels);
}

Test(schedule, percentile_selection_matches_the_definition, .timeout = 20)
{
    rng_state = 0x5eed5eedULL;
    enum { NMAX = 1200 };
    float *v = malloc(NMAX * sizeof *v), *vc = malloc(NMAX * sizeof *vc);
    double *w = malloc(NMAX * sizeof *w), *wc = malloc(NMAX * sizeof *wc);
    cr_assert(v && vc && w && wc);
    const double pcts[] = {0.001, 1, 10, 25, 33.3, 50, 66.7, 75, 90, 99, 99.9, 100};
    for (int trial = 0; trial < 300; trial++) {
        /* small sets (direct selection) and, one trial in 10, large ones (sampled bracket) */
        size_t n = trial % 10 == 9 ? 256 + (size_t)(rnd() * (NMAX - 256))
                                   : 1 + (size_t)(rnd() * 80);
        int weighted = trial % 2, kind = (trial / 2) % 3, levels = 1 + (int)(rnd() * 10);
        double tw = 0.0;
        for (size_t i = 0; i < n; i++) {
            v[i] = trial_value(kind, levels);
            w[i] = 0.1 + rnd();
            tw += w[i];
        }
        for (size_t k = 0; k < sizeof pcts / sizeof pcts[0]; k++) {
            float want = percentile_by_definition(v, weighted ? w : NULL, n, pcts[k]);
            memcpy(vc, v, n * sizeof *v);
            memcpy(wc, w, n * sizeof *w);
            float got = sched_percentile(vc, weighted ? wc : NULL, n, pcts[k]);
            float fast = sched_percentile_fast(v, weighted ? w : NULL, n, weighted ? tw : (double)n,
                                               pcts[k], vc, wc);
            cr_assert(epsilon_eq(dbl, got, want, 0.0), "trial %d n %zu pct %g: %g, want %g",
                      trial, n, pcts[k], (double)got, (double)want);
            cr_assert(epsilon_eq(dbl, fast, want, 0.0), "fast: trial %d n %zu pct %g: %g, want"
                      " %g", trial, n, pcts[k], (double)fast, (double)want);
        }
    }
    free(v);
    free(vc);
    free(w);
    free(wc);
}

/* ------------------------------------------------------------- SGEMM against the loop */

#define NP 613  /* points: uneven against the tiles below */
#define NB 40   /* beams */
#define NS 100  /* slots */

/* A random schedule: 40 beams over 100 slots, each beam lit in a slot with probability 0.4 at
 * -20 to +10 dBW; durations 0.1 to 2 s (uneven) or all 1 s. */
static struct interf_schedule *random_schedule(int uneven)
{
    struct interf_schedule *s = calloc(1, sizeof *s);
    cr_assert_not_null(s);
    s->n_slots = NS;
    s->n_beams = NB;
    s->duration_s = malloc(NS * sizeof *s->duration_s);
    s->power_w = malloc(NB * NS * sizeof *s->power_w);
    cr_assert(s->duration_s && s->power_w);
    for (size_t t = 0; t < NS; t++)
        s->duration_s[t] = uneven ? 0.1 + 1.9 * rnd() : 1.0;
    for (size_t i = 0; i < NB * NS; i++)
        s->power_w[i] = rnd() < 0.4 ? (float)pow(10.0, (-20.0 + 30.0 * rnd()) / 10.0) : 0.0f;
    return s;
}

/* c: gain / (4 pi d^2) of a 20-50 dBi beam at 36000-41000 km (1e-14 to 1e-10 m^-2 or so), 0
 * for 10 % of the pairs; the last point sees no beam. */
static float *random_coupling(void)
{
    float *c = malloc(NP * NB * sizeof *c);
    cr_assert_not_null(c);
    for (size_t i = 0; i < NP * NB; i++) {
        double d_m = 3.6e7 + 5e6 * rnd(), g = pow(10.0, (20.0 + 30.0 * rnd()) / 10.0);
        c[i] = rnd() < 0.1 ? 0.0f : (float)(g / (4.0 * INTERF_PI * d_m * d_m));
    }
    for (size_t b = 0; b < NB; b++)
        c[(NP - 1) * NB + b] = 0.0f;
    return c;
}

#define NST 7
static const struct interf_stat rstats[NST] = {
    {.kind = INTERF_STAT_MAX, .arg = 0},  {.kind = INTERF_STAT_MEAN, .arg = 0},   {.kind = INTERF_STAT_PCT, .arg = 1},
    {.kind = INTERF_STAT_PCT, .arg = 50}, {.kind = INTERF_STAT_PCT, .arg = 99},   {.kind = INTERF_STAT_PCT, .arg = 99.9},
    {.kind = INTERF_STAT_PCT, .arg = 100}};

Test(schedule, sgemm_path_equals_the_double_loop, .timeout = 20)
{
    rng_state = 20261127ULL;
    float *c = random_coupling();
    float *ref = malloc(NST * NP * sizeof *ref), *got = malloc(NST * NP * sizeof *got);
    cr_assert(ref && got);
    /* Every per-slot sum of the fp32 product is within 1e-5 relative of the double loop's, and
     * max, mean and percentiles move no more than their inputs: 1e-5 relative in linear power
     * is 10 log10(1 + 1e-5) = 4.3429e-5 dB. */
    const double tol_db = 4.3429e-5;
    const size_t tiles[4] = {64, 100, NP, 0}; /* 0: the library's own tile */
    for (int uneven = 0; uneven < 2; uneven++) {
        struct interf_schedule *s = random_schedule(uneven);
        struct interf_error err = {INTERF_OK, ""};
        cr_assert(eq(int, sched_aggregate_loop(s, c, NP, rstats, NST, ref, &err), INTERF_OK));
        for (int k = 0; k < 4; k++) {
            enum interf_status st =
                tiles[k] ? sched_aggregate_tiled(s, c, NP, rstats, NST, tiles[k], got, &err)
                         : interf_schedule_aggregate(s, c, NP, rstats, NST, got, &err);
            cr_assert(eq(int, st, INTERF_OK), "%s", err.msg);
            size_t n_inf = 0;
            for (size_t i = 0; i < NST * NP; i++) {
                if (isinf(ref[i])) {
                    n_inf++;
                    cr_assert(isinf(got[i]) && got[i] < 0, "tile %zu: %zu: %g", tiles[k], i,
                              (double)got[i]);
                    continue;
                }
                cr_assert(epsilon_eq(dbl, got[i], ref[i], tol_db), "uneven %d tile %zu stat %zu"
                          " point %zu: %.9g vs loop %.9g", uneven, tiles[k], i / NP, i % NP,
                          (double)got[i], (double)ref[i]);
            }
            /* the point that sees no beam, in every statistic, and (with 40 beams lit at 0.4)
             * hardly any other */
            cr_assert(n_inf >= NST && n_inf < 3 * NST, "uneven %d: %zu", uneven, n_inf);
        }
        interf_schedule_destroy(s);
    }
    free(c);
    free(ref);
    free(got);
}

Test(schedule, results_do_not_depend_on_threads, .timeout = 20)
{
    rng_state = 77ULL;
    float *c = random_coupling();
    struct interf_schedule *s = random_schedule(1);
    float *a = malloc(NST * NP * sizeof *a), *b = malloc(NST * NP * sizeof *b);
    cr_assert(a && b);
    struct interf_error err = {INTERF_OK, ""};
    omp_set_num_threads(1);
    openblas_set_num_threads(1);
    cr_assert(eq(int, sched_aggregate_tiled(s, c, NP, rstats, NST, 64, a, &err), INTERF_OK));
    omp_set_num_threads(3);
    openblas_set_num_threads(2);
    cr_assert(eq(int, sched_aggregate_tiled(s, c, NP, rstats, NST, 64, b, &err), INTERF_OK));
    cr_assert(eq(int, memcmp(a, b, NST * NP * sizeof *a), 0), "bitwise");
    /* the call ran BLAS single-threaded and gave the caller's setting back */
    cr_assert(eq(int, openblas_get_num_threads(), 2));
    interf_schedule_destroy(s);
    free(c);
    free(a);
    free(b);
}

Test(schedule, aggregate_rejects_bad_coupling_and_statistics)
{
    struct interf_schedule *s = two_slots();
    float c[12];
    memcpy(c, two_c, sizeof c);
    float out[4];
    struct interf_error err = {INTERF_OK, ""};
    const struct interf_stat mx = {.kind = INTERF_STAT_MAX, .arg = 0};
    c[3 * 3 + 1] = NAN;
    cr_assert(eq(int, interf_schedule_aggregate(s, c, 4, &mx, 1, out, &err), INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "c[3][1]: nan: the coupling must be finite and >= 0 m^-2"));
    c[3 * 3 + 1] = -1e-12f;
    cr_assert(eq(int, interf_schedule_aggregate(s, c, 4, &mx, 1, out, &err), INTERF_EINPUT));
    c[3 * 3 + 1] = INFINITY;
    cr_assert(eq(int, interf_schedule_aggregate(s, c, 4, &mx, 1, out, &err), INTERF_EINPUT));
    const struct interf_stat bad[3] = {
        {.kind = INTERF_STAT_PCT, .arg = 0}, {.kind = INTERF_STAT_PCT, .arg = 100.5}, {.kind = (enum interf_stat_kind)7, .arg = 0}};
    for (int k = 0; k < 3; k++)
        cr_assert(eq(int, interf_schedule_aggregate(s, two_c, 4, &bad[k], 1, out, &err),
                     INTERF_EINVAL), "case %d", k);
    cr_assert(eq(int, interf_schedule_aggregate(NULL, two_c, 4, &mx, 1, out, &err),
                 INTERF_EINVAL));
    cr_assert(eq(int, interf_schedule_aggregate(s, NULL, 4, &mx, 1, out, &err), INTERF_EINVAL));
    /* nothing to do */
    cr_assert(eq(int, interf_schedule_aggregate(s, NULL, 0, &mx, 1, NULL, &err), INTERF_OK));
    interf_schedule_destroy(s);
}
