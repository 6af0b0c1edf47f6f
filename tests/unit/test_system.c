/* SPDX-License-Identifier: MIT */
/* Tests of the system layer: the INI reader (ini.h) and interf_system_load on the fixtures of
 * tests/data/system (INTERF_TEST_DATA), plus files generated into a temporary folder for what a
 * fixture cannot hold (CRLF, a byte order mark, NUL bytes, very long lines). Error cases assert
 * the status and the located prefix "file:line: [section NAME] key:" of the message. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "interf.h"
#include "ini.h"

#define DEG INTERF_DEG

/* --- helpers ----------------------------------------------------------------------------- */

/* tests/data/system/NAME: under INTERF_TEST_DATA (set by ctest), else found from this source
 * file's own path (CMake compiles it by absolute path), so the binary also runs by hand. */
static void fixture(char *out, size_t n, const char *name)
{
    const char *data = getenv("INTERF_TEST_DATA");
    if (data && *data) {
        snprintf(out, n, "%s/system/%s", data, name);
        return;
    }
    const char *unit = strstr(__FILE__, "unit/test_system.c");
    cr_assert_not_null(unit, "INTERF_TEST_DATA is not set (ctest sets it to tests/data)");
    snprintf(out, n, "%.*sdata/system/%s", (int)(unit - __FILE__), __FILE__, name);
}

static struct interf_system *load_ok(const char *name)
{
    char path[1024];
    struct interf_system *sys = NULL;
    struct interf_error err = {INTERF_OK, ""};
    fixture(path, sizeof path, name);
    cr_assert(eq(int, interf_system_load(path, &sys, &err), INTERF_OK), "%s: %s", name, err.msg);
    cr_assert_not_null(sys);
    return sys;
}

static void assert_prefix(const char *msg, const char *prefix)
{
    cr_assert(strncmp(msg, prefix, strlen(prefix)) == 0, "message\n  got:  %s\n  want: %s...",
              msg, prefix);
}

/* Difference of two angles, modulo 2 pi (orbit.c may reduce stored angles either way). */
static double ang_diff(double a, double b) { return fabs(remainder(a - b, 2 * INTERF_PI)); }

/* Write data into a fresh temporary folder as sys.ini, load it, remove it again. path receives
 * the name the loader was given (for expected messages). */
static enum interf_status load_text(const char *data, size_t len, char *path, size_t n,
                                    struct interf_system **sys, struct interf_error *err)
{
    const char *base = getenv("TMPDIR");
    char dir[512];
    snprintf(dir, sizeof dir, "%s/interf-test-XXXXXX", base && *base ? base : "/tmp");
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, n, "%s/sys.ini", dir);
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    cr_assert(eq(sz, fwrite(data, 1, len, f), len));
    cr_assert(eq(int, fclose(f), 0));
    enum interf_status st = interf_system_load(path, sys, err);
    unlink(path);
    rmdir(dir);
    return st;
}

#define LOAD_TEXT(lit, path, sys, err) load_text(lit, sizeof lit - 1, path, sizeof path, sys, err)

/* --- the INI reader ---------------------------------------------------------------------- */

Test(ini, sections_entries_and_lines)
{
    static const char text[] = "# comment\n"
                               "; comment\n"
                               "[system]\n"
                               "name=a = b\n"
                               "\n"
                               "  [orbit  shell-1.a_b ]  \n"
                               "  type   =   gso   \n"
                               "note = # not a comment ; nor this\n"
                               "[antenna shell-1.a_b]\n";
    struct interf_ini ini;
    struct interf_error err = {INTERF_OK, ""};
    cr_assert(eq(int, interf_ini_parse("t.ini", text, sizeof text - 1, &ini, &err), INTERF_OK),
              "%s", err.msg);
    cr_assert(eq(sz, ini.n_sections, 3));
    cr_assert(eq(str, (char *)ini.sections[0].kind, "system"));
    cr_assert(eq(str, (char *)ini.sections[0].name, ""));
    cr_assert(eq(int, ini.sections[0].line, 3));
    /* Only the first '=' splits: the value may hold '=' (and '#', ';': comments are whole
     * lines only). */
    cr_assert(eq(sz, ini.sections[0].n_entries, 1));
    cr_assert(eq(str, (char *)ini.sections[0].entries[0].key, "name"));
    cr_assert(eq(str, (char *)ini.sections[0].entries[0].value, "a = b"));
    cr_assert(eq(int, ini.sections[0].entries[0].line, 4));
    const struct interf_ini_section *o = &ini.sections[1];
    cr_assert(eq(str, (char *)o->kind, "orbit"));
    cr_assert(eq(str, (char *)o->name, "shell-1.a_b"));
    cr_assert(eq(int, o->line, 6));
    cr_assert(eq(sz, o->n_entries, 2));
    cr_assert(eq(str, (char *)interf_ini_find(o, "type")->value, "gso"));
    cr_assert(eq(int, interf_ini_find(o, "type")->line, 7));
    cr_assert(eq(str, (char *)interf_ini_find(o, "note")->value, "# not a comment ; nor this"));
    cr_assert_null(interf_ini_find(o, "name"));
    /* NAME is unique per kind: an antenna may share the orbit's name. */
    cr_assert(eq(str, (char *)ini.sections[2].kind, "antenna"));
    cr_assert(eq(sz, ini.sections[2].n_entries, 0));
    char label[64];
    cr_assert(eq(str, interf_ini_label(o, label, sizeof label), "[orbit shell-1.a_b]"));
    cr_assert(eq(str, interf_ini_label(&ini.sections[0], label, sizeof label), "[system]"));
    interf_ini_free(&ini);
    interf_ini_free(&ini); /* zeroed: a no-op */
}

Test(ini, empty_and_comment_only_input_have_no_sections)
{
    struct interf_ini ini;
    cr_assert(eq(int, interf_ini_parse("e.ini", "", 0, &ini, NULL), INTERF_OK));
    cr_assert(eq(sz, ini.n_sections, 0));
    interf_ini_free(&ini);
    cr_assert(eq(int, interf_ini_parse("c.ini", "# a\n\n  ; b\n", 10, &ini, NULL), INTERF_OK));
    cr_assert(eq(sz, ini.n_sections, 0));
    interf_ini_free(&ini);
}

Test(ini, crlf_bom_and_no_final_newline)
{
    static const char text[] = "\xEF\xBB\xBF[system]\r\nname = x y\r\n\r\n[orbit g]\r\ntype = gso";
    struct interf_ini ini;
    cr_assert(eq(int, interf_ini_parse("w.ini", text, sizeof text - 1, &ini, NULL), INTERF_OK));
    cr_assert(eq(sz, ini.n_sections, 2));
    cr_assert(eq(str, (char *)ini.sections[0].kind, "system"));
    cr_assert(eq(str, (char *)ini.sections[0].entries[0].value, "x y"));
    cr_assert(eq(int, ini.sections[1].line, 4));
    cr_assert(eq(str, (char *)ini.sections[1].entries[0].value, "gso"));
    cr_assert(eq(int, ini.sections[1].entries[0].line, 5));
    interf_ini_free(&ini);
}

Test(ini, lines_longer_than_inih_allows)
{
    /* libinih cuts lines at 199 characters; a 100000-character value must come through. */
    size_t n = 100000;
    char *text = malloc(n + 64);
    cr_assert_not_null(text);
    int k = snprintf(text, 64, "[s]\nk = ");
    memset(text + k, 'v', n);
    snprintf(text + k + n, 64, "\nj = 1\n");
    struct interf_ini ini;
    cr_assert(eq(int, interf_ini_parse("l.ini", text, strlen(text), &ini, NULL), INTERF_OK));
    cr_assert(eq(sz, strlen(ini.sections[0].entries[0].value), n));
    cr_assert(eq(int, ini.sections[0].entries[1].line, 3));
    interf_ini_free(&ini);
    free(text);
}

struct ini_bad {
    char name[48];
    char text[96];
    char want[96];
};

ParameterizedTestParameters(ini, malformed_lines_are_located)
{
    static struct ini_bad cases[] = {
        {"no equals", "[s]\nk = 1\nvalue\n", "t.ini:3: [s]: expected 'key = value'"},
        {"junk first", "junk\n[s]\n", "t.ini:1: expected 'key = value'"},
        {"empty key", "[s]\n = 1\n", "t.ini:2: [s]: empty key before '='"},
        {"unterminated", "[s]\n[orbit a\n", "t.ini:2: unterminated section header"},
        {"text after ]", "[orbit a] x\n", "t.ini:1: text after ']'"},
        {"empty header", "[]\n", "t.ini:1: []: section kind"},
        {"bad name", "[orbit a/b]\n", "t.ini:1: [orbit a/b]: section NAME may hold"},
        {"three words", "[orbit a b]\n", "t.ini:1: [orbit a b]: section NAME may hold"},
        {"key first", "k = 1\n[s]\n", "t.ini:1: k: key before the first [section] header"},
        {"repeated section", "[o a]\n[o b]\n\n[o a]\n",
         "t.ini:4: [o a]: duplicate section (first at line 1)"},
        {"repeated unnamed", "[s]\n[s]\n", "t.ini:2: [s]: duplicate section (first at line 1)"},
        {"repeated key", "[o a]\nk = 1\nj = 2\nk = 1\n",
         "t.ini:4: [o a] k: given twice (first at line 2)"},
    };
    return cr_make_param_array(struct ini_bad, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct ini_bad *c, ini, malformed_lines_are_located)
{
    struct interf_ini ini;
    struct interf_error err = {INTERF_OK, ""};
    cr_assert(eq(int, interf_ini_parse("t.ini", c->text, strlen(c->text), &ini, &err),
                 INTERF_EINPUT),
              "%s", c->name);
    assert_prefix(err.msg, c->want);
    cr_assert_null(ini.sections, "%s: a failed parse holds nothing", c->name);
}

Test(ini, nul_byte_is_an_error)
{
    static const char text[] = "[s]\nk = a\0b\n";
    struct interf_ini ini;
    struct interf_error err = {INTERF_OK, ""};
    cr_assert(eq(int, interf_ini_parse("n.ini", text, sizeof text - 1, &ini, &err),
                 INTERF_EINPUT));
    assert_prefix(err.msg, "n.ini:2: NUL byte");
}

/* --- a good system: tests/data/system/good-leo.ini --------------------------------------- */

Test(system, leo_info_and_counts)
{
    struct interf_system *sys = load_ok("good-leo.ini");
    const struct interf_system_info *info = interf_system_info(sys);
    char path[1024];
    fixture(path, sizeof path, "good-leo.ini");
    cr_assert(eq(str, (char *)info->name, "Test LEO Ku"));
    cr_assert(eq(str, (char *)info->path, path));
    /* 2025-01-01T00:00:00Z = 20089 days after 1970-01-01: 20089 * 86400 s */
    cr_assert(epsilon_eq(dbl, info->epoch_unix_s, 1735689600.0, 1e-6));
    cr_assert(epsilon_eq(dbl, info->band_lo_ghz, 10.7, 1e-12));
    cr_assert(epsilon_eq(dbl, info->band_hi_ghz, 12.75, 1e-12));
    cr_assert(epsilon_eq(dbl, info->ref_bandwidth_khz, 40.0, 1e-12));
    /* S.1503-4 §D2.1: lower edge + RefBW/2 = 10.7 GHz + 20 kHz */
    cr_assert(epsilon_eq(dbl, info->freq_ghz, 10.70002, 1e-12));
    cr_assert(eq(sz, info->n_antennas, 2));
    cr_assert(eq(sz, info->n_beams, 2));
    cr_assert(eq(sz, info->n_orbits, 4));
    /* 12 (Walker delta) + 1 (elements) + 6 (Walker star) + 1 (gso) */
    cr_assert(eq(sz, info->n_sats, 20));
    cr_assert(eq(sz, interf_constellation_count(interf_system_constellation(sys)), 20));
    cr_assert(eq(sz, interf_system_warning_count(sys), 0));
    interf_system_destroy(sys);
}

Test(system, leo_orbit_groups_in_file_order)
{
    struct interf_system *sys = load_ok("good-leo.ini");
    static const char *const names[] = {"shellA", "single", "star", "geo"};
    static const size_t first[] = {0, 12, 13, 19}, count[] = {12, 1, 6, 1};
    static const int lines[] = {10, 47, 57, 66};
    for (size_t g = 0; g < 4; g++) {
        const struct interf_system_orbit *o = interf_system_orbit(sys, g);
        cr_assert(eq(str, (char *)o->name, (char *)names[g]));
        cr_assert(eq(sz, o->first_sat, first[g]), "%s", names[g]);
        cr_assert(eq(sz, o->n_sats, count[g]), "%s", names[g]);
        cr_assert(eq(int, o->line, lines[g]), "%s", names[g]);
        for (size_t s = o->first_sat; s < o->first_sat + o->n_sats; s++)
            cr_assert(eq(sz, interf_system_sat_orbit(sys, s), g), "satellite %zu", s);
    }
    cr_assert(eq(sz, interf_system_sat_orbit(sys, 20), 4), "past the end: n_orbits");
    cr_assert_null(interf_system_orbit(sys, 4));
    const struct interf_system_orbit *a = interf_system_orbit(sys, 0);
    cr_assert(eq(int, a->type, INTERF_ORBIT_WALKER_DELTA));
    cr_assert(eq(int, a->planes, 3));
    cr_assert(eq(int, a->phasing, 1));
    cr_assert(eq(int, interf_system_orbit(sys, 1)->type, INTERF_ORBIT_ELEMENTS));
    cr_assert(eq(int, interf_system_orbit(sys, 1)->planes, 1));
    cr_assert(eq(int, interf_system_orbit(sys, 2)->type, INTERF_ORBIT_WALKER_STAR));
    cr_assert(eq(int, interf_system_orbit(sys, 3)->type, INTERF_ORBIT_GSO));
    interf_system_destroy(sys);
}

Test(system, leo_walker_numbering_base_plus_p_s_plus_j)
{
    /* Spec numbering: satellite j of plane p is base + p S + j. Hand values from the Walker
     * definition (spec, S.1503-4 §B3.2 with omega = 0): node raan0 + p dOmega, mean anomaly
     * j 360/S + p F 360/T. shellA = delta 12/3/1, raan0 10: dOmega 120, S 4. star = 6/2/0:
     * dOmega = 180/2 = 90, S 3, base 13. */
    struct interf_system *sys = load_ok("good-leo.ini");
    const struct interf_constellation *c = interf_system_constellation(sys);
    struct {
        size_t sat;
        int plane;
        double a_km, i_deg, lan_deg, m_deg;
    } want[] = {
        {0, 0, 6928.145, 53, 10, 0},          {3, 0, 6928.145, 53, 10, 270},
        {4, 1, 6928.145, 53, 130, 30},        {6, 1, 6928.145, 53, 130, 210},
        {11, 2, 6928.145, 53, 250, 330},      {13, 0, 7578.145, 87.9, 0, 0},
        {15, 0, 7578.145, 87.9, 0, 240},      {16, 1, 7578.145, 87.9, 90, 0},
        {18, 1, 7578.145, 87.9, 90, 240},
    };
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        struct interf_elements el;
        struct interf_orbit_rates r;
        interf_constellation_satellite(c, want[k].sat, &el, &r);
        cr_assert(eq(int, interf_constellation_plane(c, want[k].sat), want[k].plane), "sat %zu",
                  want[k].sat);
        cr_assert(epsilon_eq(dbl, el.a_km, want[k].a_km, 1e-9), "sat %zu", want[k].sat);
        cr_assert(epsilon_eq(dbl, el.e, 0.0, 0.0), "sat %zu", want[k].sat);
        cr_assert(epsilon_eq(dbl, el.i_rad, want[k].i_deg * DEG, 1e-12), "sat %zu", want[k].sat);
        cr_assert(lt(dbl, ang_diff(el.lan_rad, want[k].lan_deg * DEG), 1e-12), "sat %zu node",
                  want[k].sat);
        cr_assert(lt(dbl, ang_diff(el.m0_rad + el.argp_rad, want[k].m_deg * DEG), 1e-12),
                  "sat %zu phase", want[k].sat);
    }
    for (size_t s = 0; s < 12; s++)
        cr_assert(eq(int, interf_constellation_plane(c, s), (int)(s / 4)), "sat %zu", s);
    for (size_t s = 13; s < 19; s++)
        cr_assert(eq(int, interf_constellation_plane(c, s), (int)((s - 13) / 3)), "sat %zu", s);
    interf_system_destroy(sys);
}

Test(system, leo_single_satellites_and_gso)
{
    struct interf_system *sys = load_ok("good-leo.ini");
    const struct interf_constellation *c = interf_system_constellation(sys);
    struct interf_elements el;
    struct interf_orbit_rates r;
    /* [orbit single]: elements as given; true anomaly 90 deg at e = 0.02 -> mean anomaly by
     * hand: E = 2 atan(sqrt(0.98/1.02) tan 45 deg) = 1.550794993221506 rad, M = E - e sin E =
     * 1.530798993621586 rad (87.708 deg). */
    interf_constellation_satellite(c, 12, &el, &r);
    cr_assert(eq(int, interf_constellation_plane(c, 12), -1));
    cr_assert(epsilon_eq(dbl, el.a_km, 26559.7, 1e-9));
    cr_assert(epsilon_eq(dbl, el.e, 0.02, 1e-15));
    cr_assert(epsilon_eq(dbl, el.i_rad, 55 * DEG, 1e-12));
    cr_assert(lt(dbl, ang_diff(el.lan_rad, 30 * DEG), 1e-12));
    cr_assert(lt(dbl, ang_diff(el.argp_rad, 270 * DEG), 1e-12));
    cr_assert(lt(dbl, ang_diff(el.m0_rad, 1.530798993621586), 1e-12));
    /* [orbit geo]: S.1503-4 Table 2, the GSO satellite at Rgeo, longitude -30 deg, fixed. */
    interf_constellation_satellite(c, 19, &el, &r);
    cr_assert(eq(int, interf_constellation_plane(c, 19), -1));
    cr_assert(epsilon_eq(dbl, el.a_km, INTERF_RGEO_KM, 1e-9));
    cr_assert(epsilon_eq(dbl, el.i_rad, 0.0, 0.0));
    cr_assert(lt(dbl, ang_diff(el.lan_rad, -30 * DEG), 1e-12));
    cr_assert(eq(int, interf_system_orbit(sys, 3)->options.model, INTERF_ORBIT_FIXED));
    /* j2 default yes; j2 = no on the star group */
    cr_assert(eq(int, interf_system_orbit(sys, 0)->options.model, INTERF_ORBIT_J2));
    cr_assert(eq(int, interf_system_orbit(sys, 1)->options.model, INTERF_ORBIT_J2));
    cr_assert(eq(int, interf_system_orbit(sys, 2)->options.model, INTERF_ORBIT_KEPLER));
    interf_system_destroy(sys);
}

Test(system, leo_antennas_through_the_registry)
{
    struct interf_system *sys = load_ok("good-leo.ini");
    const struct interf_system_antenna *a = interf_system_antenna(sys, 0);
    cr_assert(eq(str, (char *)a->name, "spot"));
    cr_assert(eq(int, a->line, 34));
    cr_assert(eq(str, (char *)a->antenna.def->name, "S.1528:1.2"));
    const struct interf_pattern_def *def = a->antenna.def;
    cr_assert(epsilon_eq(dbl, a->antenna.value[interf_pattern_key_index(def, "z")], 1.5, 0.0));
    /* defaults from the spec: ln_db -20, lf_dbi 0 */
    cr_assert(epsilon_eq(dbl, a->antenna.value[interf_pattern_key_index(def, "ln_db")], -20.0,
                         0.0));
    cr_assert(epsilon_eq(dbl, a->antenna.value[interf_pattern_key_index(def, "lf_dbi")], 0.0,
                         0.0));
    cr_assert(epsilon_eq(dbl, a->antenna.gain_max_dbi, 35.0, 1e-12));
    const struct interf_system_antenna *u = interf_system_antenna(sys, 1);
    cr_assert(eq(str, (char *)u->name, "ue"));
    cr_assert(eq(str, (char *)u->antenna.def->name, "S.672"));
    cr_assert_null(interf_system_antenna(sys, 2));
    interf_system_destroy(sys);
}

Test(system, leo_beams_power_from_eirp)
{
    struct interf_system *sys = load_ok("good-leo.ini");
    const struct interf_system_beam *spot = interf_system_beam(sys, 0);
    cr_assert(eq(str, (char *)spot->name, "spot"));
    cr_assert(eq(sz, spot->antenna, 0));
    cr_assert(eq(int, spot->pointing, INTERF_POINT_OFF_NADIR));
    cr_assert(epsilon_eq(dbl, spot->off_nadir_deg, 20.0, 0.0));
    cr_assert(epsilon_eq(dbl, spot->azimuth_deg, 90.0, 0.0));
    /* power = eirp - Gmax = 30 dBW - 35 dBi */
    cr_assert(epsilon_eq(dbl, spot->power_dbw, -5.0, 1e-12));
    const struct interf_system_beam *wide = interf_system_beam(sys, 1);
    cr_assert(eq(sz, wide->antenna, 1));
    cr_assert(eq(int, wide->pointing, INTERF_POINT_NADIR));
    cr_assert(epsilon_eq(dbl, wide->power_dbw, 7.0, 0.0));
    cr_assert(epsilon_eq(dbl, wide->orientation_deg, 0.0, 0.0));
    const struct interf_system_orbit *a = interf_system_orbit(sys, 0);
    cr_assert(eq(sz, a->n_beams, 2));
    cr_assert(eq(sz, a->beams[0], 0));
    cr_assert(eq(sz, a->beams[1], 1));
    const struct interf_system_orbit *g = interf_system_orbit(sys, 3);
    cr_assert(eq(sz, g->n_beams, 1));
    cr_assert(eq(sz, g->beams[0], 1));
    cr_assert(eq(sz, interf_system_orbit(sys, 1)->n_beams, 0));
    interf_system_destroy(sys);
}

Test(system, leo_orbit_limits_schedule_and_earth_station)
{
    struct interf_system *sys = load_ok("good-leo.ini");
    const struct interf_system_orbit *a = interf_system_orbit(sys, 0);
    char want[1024];
    cr_assert(epsilon_eq(dbl, a->min_elevation_deg, 25.0, 0.0));
    cr_assert(epsilon_eq(dbl, a->gso_avoidance_deg, 3.5, 0.0));
    /* relative to the system file's folder, not to the working directory */
    fixture(want, sizeof want, "hop-table.txt");
    cr_assert(eq(str, (char *)a->schedule_file, want));
    cr_assert(eq(str, (char *)interf_system_orbit(sys, 1)->schedule_file, ""));
    const struct interf_system_earth_station *es = interf_system_earth_station(sys);
    cr_assert(eq(int, es->given, 1));
    cr_assert(epsilon_eq(dbl, es->dish_m, 0.6, 0.0));
    cr_assert(eq(str, (char *)es->pattern, "S.1428"));
    cr_assert(eq(int, es->gso_lon_same, 1));
    interf_system_destroy(sys);
}

Test(system, schedule_file_relative_to_a_bare_file_name)
{
    /* A system file named without a folder lives in the working directory: so does its
     * schedule_file. */
    char dir[1024];
    fixture(dir, sizeof dir, "");
    cr_assert(eq(int, chdir(dir), 0), "%s", dir);
    struct interf_system *sys = NULL;
    struct interf_error err = {INTERF_OK, ""};
    cr_assert(eq(int, interf_system_load("good-leo.ini", &sys, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(str, (char *)interf_system_orbit(sys, 0)->schedule_file, "hop-table.txt"));
    interf_system_destroy(sys);
}

/* --- defaults and options ---------------------------------------------------------------- */

Test(system, minimal_file_takes_every_default)
{
    struct interf_system *sys = load_ok("good-minimal.ini");
    const struct interf_system_info *info = interf_system_info(sys);
    cr_assert(eq(str, (char *)info->name, "Minimal"));
    /* spec default epoch 2000-01-01T12:00:00Z = 10957 days * 86400 s + 43200 s */
    cr_assert(epsilon_eq(dbl, info->epoch_unix_s, 946728000.0, 0.0));
    cr_assert(epsilon_eq(dbl, info->ref_bandwidth_khz, 40.0, 0.0));
    cr_assert(epsilon_eq(dbl, info->band_lo_ghz, 0.0, 0.0));
    cr_assert(epsilon_eq(dbl, info->band_hi_ghz, 0.0, 0.0));
    cr_assert(epsilon_eq(dbl, info->freq_ghz, 0.0, 0.0));
    cr_assert(eq(sz, info->n_antennas, 0));
    cr_assert(eq(sz, info->n_beams, 0));
    cr_assert(eq(sz, info->n_sats, 1));
    const struct interf_system_orbit *g = interf_system_orbit(sys, 0);
    cr_assert(epsilon_eq(dbl, g->min_elevation_deg, 0.0, 0.0));
    cr_assert(epsilon_eq(dbl, g->gso_avoidance_deg, 0.0, 0.0));
    cr_assert(eq(int, g->planes, 1));
    cr_assert(eq(int, g->phasing, 0));
    const struct interf_system_earth_station *es = interf_system_earth_station(sys);
    cr_assert(eq(int, es->given, 0));
    cr_assert(eq(int, es->gso_lon_same, 1));
    cr_assert(eq(str, (char *)es->pattern, ""));
    interf_system_destroy(sys);
}

Test(system, options_models_warning_and_aim)
{
    struct interf_system *sys = load_ok("good-options.ini");
    char path[1024], want[1200];
    fixture(path, sizeof path, "good-options.ini");
    const struct interf_system_info *info = interf_system_info(sys);
    /* 17.8 GHz + 1000 kHz / 2 */
    cr_assert(epsilon_eq(dbl, info->freq_ghz, 17.8005, 1e-12));
    /* S.1503-4 §B5.1: 0 < e < 0.01 -> forced to 0, with a located warning */
    cr_assert(eq(sz, interf_system_warning_count(sys), 1));
    snprintf(want, sizeof want, "%s:10: [orbit circ] eccentricity: 0.005: ", path);
    assert_prefix(interf_system_warning(sys, 0), want);
    cr_assert_null(interf_system_warning(sys, 1));
    const struct interf_constellation *c = interf_system_constellation(sys);
    struct interf_elements el;
    struct interf_orbit_rates r;
    interf_constellation_satellite(c, 0, &el, &r);
    cr_assert(epsilon_eq(dbl, el.e, 0.0, 0.0));
    cr_assert(epsilon_eq(dbl, el.a_km, INTERF_RE_KM + 700, 1e-9));
    const struct interf_system_orbit *admin = interf_system_orbit(sys, 1);
    cr_assert(eq(int, admin->options.model, INTERF_ORBIT_ADMIN));
    /* 1.5 deg/day = 1.5 * pi/180 / 86400 rad/s */
    cr_assert(epsilon_eq(dbl, admin->options.precession_rad_s, 3.0300855069346e-07, 1e-20));
    cr_assert(epsilon_eq(dbl, admin->options.w_delta_rad, 0.1 * DEG, 1e-15));
    const struct interf_system_orbit *kep = interf_system_orbit(sys, 2);
    cr_assert(eq(int, kep->options.model, INTERF_ORBIT_KEPLER));
    interf_constellation_satellite(c, 2, &el, &r);
    cr_assert(lt(dbl, ang_diff(el.m0_rad, 45 * DEG), 1e-12));
    /* a beam aimed at a point; power from eirp and the S.1428 peak gain at 17.8005 GHz */
    const struct interf_system_beam *b = interf_system_beam(sys, 0);
    cr_assert(eq(int, b->pointing, INTERF_POINT_AIM));
    cr_assert(epsilon_eq(dbl, b->aim_lat_deg, 45.0, 0.0));
    cr_assert(epsilon_eq(dbl, b->aim_lon_deg, 350.0, 0.0));
    cr_assert(epsilon_eq(dbl, b->orientation_deg, 30.0, 0.0));
    const struct interf_system_antenna *a = interf_system_antenna(sys, 0);
    cr_assert(epsilon_eq(dbl, a->antenna.freq_ghz, 17.8005, 1e-12));
    cr_assert(epsilon_eq(dbl, b->power_dbw, 20.0 - a->antenna.gain_max_dbi, 1e-12));
    const struct interf_system_earth_station *es = interf_system_earth_station(sys);
    cr_assert(eq(int, es->given, 1));
    cr_assert(eq(int, es->gso_lon_same, 0));
    cr_assert(epsilon_eq(dbl, es->gso_lon_deg, -20.5, 0.0));
    cr_assert(epsilon_eq(dbl, es->dish_m, 0.0, 0.0));
    interf_system_destroy(sys);
}

/* --- every error of the contract, from a fixture ----------------------------------------- */

struct bad_case {
    char file[40];
    char want[160]; /* the message after the path */
};

ParameterizedTestParameters(system, errors_are_located)
{
    static struct bad_case cases[] = {
        {"bad-inclination.ini",
         ":8: [orbit shell1] inclination_deg: 200: allowed range 0 to 180 deg"},
        {"bad-altitude.ini",
         ":7: [orbit shell1] altitude_km: -550: allowed range 0 to 100000 km (0 excluded)"},
        {"bad-planes.ini", ":10: [orbit shell1] planes: 3: does not divide satellites = 10"},
        {"bad-phasing.ini", ":11: [orbit shell1] phasing: 3: allowed range 0 to 2"},
        {"bad-satellites.ini", ":9: [orbit shell1] satellites: 10.5: not an integer"},
        {"bad-eccentricity.ini", ":8: [orbit sat1] eccentricity: 1: allowed range 0 to 1"},
        {"bad-perigee-arg.ini", ":9: [orbit sat1] arg_perigee_deg: 45: must be 90 or -90"},
        {"bad-perigee-default.ini", ":8: [orbit sat1] eccentricity: 0.1: needs arg_perigee_deg"},
        {"bad-perigee-low.ini", ":8: [orbit sat1] eccentricity: 0.5: perigee radius 4000.000 km"},
        {"bad-unknown-key.ini",
         ":7: [orbit shell1] altidude_km: unknown key (did you mean altitude_km?)"},
        {"bad-missing-key.ini",
         ":5: [orbit shell1] altitude_km: missing (required for type = walker-delta)"},
        {"bad-number.ini", ":12: [beam spot] power_dbw: 10 dBW: not a number"},
        {"bad-inline-comment.ini", ":7: [orbit shell1] altitude_km: 550 # km: not a number"},
        {"bad-pattern.ini", ":6: [antenna dish] pattern: S.999: unknown pattern (allowed: "},
        {"bad-antenna-range.ini", ":7: [antenna dish] gain_max_dbi: 90"},
        {"bad-antenna-key.ini",
         ":9: [antenna dish] ls_db: not allowed for pattern = S.1528:1.2"},
        {"bad-antenna-freq.ini", ":5: [antenna es] frequency_ghz: "},
        {"bad-beam-antenna.ini",
         ":6: [beam spot] antenna: nosuch: no [antenna nosuch] section"},
        {"bad-beam-power.ini",
         ":13: [beam spot] eirp_dbw: 40: conflicts with power_dbw (line 12)"},
        {"bad-beam-pointing.ini",
         ":12: [beam spot] off_nadir_deg: not allowed for pointing = nadir"},
        {"bad-orbit-beams.ini", ":17: [orbit g] beams: spot, nosuch: no [beam nosuch] section"},
        {"bad-duplicate-section.ini", ":9: [orbit shell1]: duplicate section (first at line 5)"},
        {"bad-duplicate-key.ini",
         ":11: [orbit shell1] altitude_km: given twice (first at line 7)"},
        {"bad-key-for-type.ini",
         ":11: [orbit shell1] eccentricity: not allowed for type = walker-delta"},
        {"bad-gso-j2.ini", ":8: [orbit geo] j2: not allowed for type = gso"},
        {"bad-type.ini", ":6: [orbit shell1] type: walker: allowed values walker-delta, "
                         "walker-star, elements, gso"},
        {"bad-j2-conflict.ini",
         ":12: [orbit shell1] precession_deg_per_day: 0.5: conflicts with j2 = no (line 11)"},
        {"bad-schedule.ini",
         ":8: [orbit g] schedule_file: no-such-table.txt: No such file or directory"},
        {"bad-band.ini", ":4: [system] band_ghz: 12.75-10.7: allowed 0 < LO < HI <= 1000 GHz"},
        {"bad-epoch.ini", ":4: [system] epoch_utc: 1 Jan 2025: expected an ISO 8601 UTC time"},
        {"bad-section-kind.ini", ":5: [satellite s1]: unknown section kind"},
        {"bad-no-equals.ini", ":7: [orbit shell1]: expected 'key = value'"},
        {"bad-empty-key.ini", ":7: [orbit shell1]: empty key before '='"},
        {"bad-unterminated.ini", ":5: unterminated section header"},
        {"bad-no-system.ini", ":1: [system]: missing section (required)"},
        {"bad-no-orbit.ini", ":1: [orbit]: missing section (at least one is required)"},
        {"empty.ini", ":1: [system]: missing section (required)"},
    };
    return cr_make_param_array(struct bad_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct bad_case *c, system, errors_are_located)
{
    char path[1024], want[1200];
    struct interf_system *sys = (struct interf_system *)&sys; /* must be reset to NULL */
    struct interf_error err = {INTERF_OK, ""};
    fixture(path, sizeof path, c->file);
    cr_assert(eq(int, interf_system_load(path, &sys, &err), INTERF_EINPUT), "%s: %s", c->file,
              err.msg);
    cr_assert(eq(int, err.status, INTERF_EINPUT));
    cr_assert_null(sys, "%s: *out is NULL after a failure", c->file);
    snprintf(want, sizeof want, "%s%s", path, c->want);
    assert_prefix(err.msg, want);
    cr_assert_null(strchr(err.msg, '\n'), "one line");
}

Test(system, unknown_pattern_lists_the_registry)
{
    char path[1024], names[512];
    struct interf_system *sys = NULL;
    struct interf_error err = {INTERF_OK, ""};
    fixture(path, sizeof path, "bad-pattern.ini");
    cr_assert(eq(int, interf_system_load(path, &sys, &err), INTERF_EINPUT));
    interf_pattern_names(names, sizeof names);
    cr_assert_not_null(strstr(err.msg, names), "%s lacks %s", err.msg, names);
}

Test(system, missing_file_is_eio)
{
    char path[1024], want[1100];
    struct interf_system *sys = NULL;
    struct interf_error err = {INTERF_OK, ""};
    fixture(path, sizeof path, "no-such-system.ini");
    cr_assert(eq(int, interf_system_load(path, &sys, &err), INTERF_EIO));
    snprintf(want, sizeof want, "%s: No such file or directory", path);
    cr_assert(eq(str, err.msg, want));
    cr_assert_null(sys);
}

Test(system, folder_is_eio)
{
    char path[1024];
    struct interf_system *sys = NULL;
    struct interf_error err = {INTERF_OK, ""};
    fixture(path, sizeof path, "");
    cr_assert(eq(int, interf_system_load(path, &sys, &err), INTERF_EIO), "%s", err.msg);
    cr_assert_null(sys);
}

Test(system, api_misuse_and_null)
{
    struct interf_system *sys = NULL;
    struct interf_error err = {INTERF_OK, ""};
    cr_assert(eq(int, interf_system_load(NULL, &sys, &err), INTERF_EINVAL));
    cr_assert(eq(int, interf_system_load("x.ini", NULL, NULL), INTERF_EINVAL));
    interf_system_destroy(NULL);
    cr_assert_null(interf_system_info(NULL));
    cr_assert(eq(sz, interf_system_warning_count(NULL), 0));
}

/* --- files a fixture cannot hold ---------------------------------------------------------- */

Test(system, crlf_bom_and_missing_final_newline)
{
    static const char text[] = "\xEF\xBB\xBF# written on Windows\r\n"
                               "[system]\r\n"
                               "name = CRLF system\r\n"
                               "\r\n"
                               "[orbit g]\r\n"
                               "type = gso\r\n"
                               "longitude_deg = 12.5"; /* no final newline */
    char path[1024];
    struct interf_system *sys = NULL;
    struct interf_error err = {INTERF_OK, ""};
    cr_assert(eq(int, LOAD_TEXT(text, path, &sys, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(str, (char *)interf_system_info(sys)->name, "CRLF system"));
    struct interf_elements el;
    struct interf_orbit_rates r;
    interf_constellation_satellite(interf_system_constellation(sys), 0, &el, &r);
    cr_assert(lt(dbl, ang_diff(el.lan_rad, 12.5 * DEG), 1e-12));
    interf_system_destroy(sys);
}

Test(system, crlf_errors_keep_their_lines_and_no_cr)
{
    static const char text[] = "[system]\r\nname = x\r\n[orbit g]\r\ntype = gso\r\n"
                               "longitude_deg = 400\r\n";
    char path[1024], want[1200];
    struct interf_system *sys = NULL;
    struct interf_error err = {INTERF_OK, ""};
    cr_assert(eq(int, LOAD_TEXT(text, path, &sys, &err), INTERF_EINPUT));
    snprintf(want, sizeof want,
             "%s:5: [orbit g] longitude_deg: 400: allowed range -180 to 360 deg (360 excluded)",
             path);
    cr_assert(eq(str, err.msg, want));
}

Test(system, nul_byte_is_einput)
{
    static const char text[] = "[system]\nname = a\0b\n[orbit g]\ntype = gso\nlongitude_deg = 0\n";
    char path[1024], want[1200];
    struct interf_system *sys = NULL;
    struct interf_error err = {INTERF_OK, ""};
    cr_assert(eq(int, LOAD_TEXT(text, path, &sys, &err), INTERF_EINPUT));
    snprintf(want, sizeof want, "%s:2: NUL byte", path);
    assert_prefix(err.msg, want);
}

Test(system, long_lines_and_long_values)
{
    /* A 300000-character comment, a key padded far past libinih's 199 characters, then an
     * over-long out-of-range value: the message stays one line, cut, and names line 7. */
    size_t big = 300000, cap = 2 * big + 2048, n = 0;
    char *text = malloc(cap);
    cr_assert_not_null(text);
    text[n++] = '#';
    memset(text + n, 'c', big);
    n += big;
    n += (size_t)snprintf(text + n, cap - n,
                          "\n[system]\nname%*s= %0127d\n[orbit g]\ntype = gso\n\n", 400, "", 7);
    n += (size_t)snprintf(text + n, cap - n, "longitude_deg = 400.");
    memset(text + n, '0', big);
    n += big;
    char path[1024], want[1200];
    struct interf_system *sys = NULL;
    struct interf_error err = {INTERF_OK, ""};
    cr_assert(eq(int, load_text(text, n, path, sizeof path, &sys, &err), INTERF_EINPUT));
    snprintf(want, sizeof want, "%s:7: [orbit g] longitude_deg: 400.000", path);
    assert_prefix(err.msg, want);
    cr_assert_not_null(strstr(err.msg, "...: allowed range -180 to 360 deg"), "%s", err.msg);
    free(text);
}

/* A system whose name and orbit NAME have the given lengths. */
static enum interf_status load_names(int name_len, int sec_len, char *path, size_t n,
                                     struct interf_system **sys, struct interf_error *err)
{
    char fill[256], text[1024];
    memset(fill, 'x', sizeof fill);
    int len = snprintf(text, sizeof text,
                       "[system]\nname = %.*s\n[orbit %.*s]\ntype = gso\nlongitude_deg = 0\n",
                       name_len, fill, sec_len, fill);
    return load_text(text, (size_t)len, path, n, sys, err);
}

Test(system, name_length_limits)
{
    char path[1024], want[1200];
    struct interf_system *sys = NULL;
    struct interf_error err = {INTERF_OK, ""};
    /* 127 bytes of system name and 63 of section NAME are the largest that fit the fields */
    cr_assert(eq(int, load_names(127, 63, path, sizeof path, &sys, &err), INTERF_OK), "%s",
              err.msg);
    cr_assert(eq(sz, strlen(interf_system_info(sys)->name), 127));
    cr_assert(eq(sz, strlen(interf_system_orbit(sys, 0)->name), 63));
    interf_system_destroy(sys);
    cr_assert(eq(int, load_names(128, 63, path, sizeof path, &sys, &err), INTERF_EINPUT));
    snprintf(want, sizeof want, "%s:2: [system] name: ", path);
    assert_prefix(err.msg, want);
    cr_assert_not_null(strstr(err.msg, "longer than 127 bytes"), "%s", err.msg);
    cr_assert(eq(int, load_names(10, 64, path, sizeof path, &sys, &err), INTERF_EINPUT));
    snprintf(want, sizeof want, "%s:3: [orbit xxxx", path);
    assert_prefix(err.msg, want);
    cr_assert_not_null(strstr(err.msg, "NAME longer than 63 bytes"), "%s", err.msg);
}

Test(system, section_names_required_or_refused)
{
    static const char unnamed[] = "[system]\nname = x\n[orbit]\ntype = gso\nlongitude_deg = 0\n";
    static const char named[] = "[system x]\nname = x\n[orbit g]\ntype = gso\nlongitude_deg = 0\n";
    char path[1024], want[1200];
    struct interf_system *sys = NULL;
    struct interf_error err = {INTERF_OK, ""};
    cr_assert(eq(int, LOAD_TEXT(unnamed, path, &sys, &err), INTERF_EINPUT));
    snprintf(want, sizeof want, "%s:3: [orbit]: missing NAME", path);
    assert_prefix(err.msg, want);
    cr_assert(eq(int, LOAD_TEXT(named, path, &sys, &err), INTERF_EINPUT));
    snprintf(want, sizeof want, "%s:1: [system x]: takes no NAME", path);
    assert_prefix(err.msg, want);
}

Test(system, numbers_refuse_hex_inf_nan_and_overflow)
{
    static const char *const values[] = {"0x10", "inf", "nan", "1e999", "1,5", "1.5.", "", "+"};
    for (size_t k = 0; k < sizeof values / sizeof values[0]; k++) {
        char text[256], path[1024], want[1200];
        struct interf_system *sys = NULL;
        struct interf_error err = {INTERF_OK, ""};
        int n = snprintf(text, sizeof text,
                         "[system]\nname = x\n[orbit g]\ntype = gso\nlongitude_deg = %s\n",
                         values[k]);
        cr_assert(eq(int, load_text(text, (size_t)n, path, sizeof path, &sys, &err),
                     INTERF_EINPUT),
                  "'%s'", values[k]);
        snprintf(want, sizeof want, "%s:5: [orbit g] longitude_deg: ", path);
        assert_prefix(err.msg, want);
    }
}

Test(system, schedule_file_in_a_subfolder)
{
    const char *base = getenv("TMPDIR");
    char dir[512], sub[600], table[700], path[700];
    snprintf(dir, sizeof dir, "%s/interf-test-XXXXXX", base && *base ? base : "/tmp");
    cr_assert_not_null(mkdtemp(dir));
    snprintf(sub, sizeof sub, "%s/hop", dir);
    snprintf(table, sizeof table, "%s/hop/table.txt", dir);
    snprintf(path, sizeof path, "%s/sys.ini", dir);
    cr_assert(eq(int, mkdir(sub, 0700), 0));
    FILE *f = fopen(table, "w");
    cr_assert_not_null(f);
    fclose(f);
    f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs("[system]\nname = x\n[orbit g]\ntype = gso\nlongitude_deg = 0\n"
          "schedule_file = hop/table.txt\n[orbit h]\ntype = gso\nlongitude_deg = 1\n"
          "schedule_file = hop\n",
          f);
    fclose(f);
    struct interf_system *sys = NULL;
    struct interf_error err = {INTERF_OK, ""};
    enum interf_status st = interf_system_load(path, &sys, &err);
    unlink(path);
    unlink(table);
    rmdir(sub);
    rmdir(dir);
    /* the first resolves; the second names a folder, which is refused */
    cr_assert(eq(int, st, INTERF_EINPUT));
    char want[1200];
    snprintf(want, sizeof want, "%s:10: [orbit h] schedule_file: hop: is a folder", path);
    assert_prefix(err.msg, want);
}

Test(system, comma_decimal_locale_does_not_change_numbers)
{
    /* The library parses in the C locale whatever the caller's LC_NUMERIC (house style 3.6). */
    static const char *const locales[] = {"de_DE.UTF-8", "fr_FR.UTF-8", "de_DE", "fr_FR"};
    const char *got = NULL;
    for (size_t k = 0; k < 4 && !got; k++)
        got = setlocale(LC_NUMERIC, locales[k]);
    if (!got)
        cr_skip_test("no comma-decimal locale installed");
    struct interf_system *sys = load_ok("good-leo.ini");
    cr_assert(epsilon_eq(dbl, interf_system_info(sys)->band_lo_ghz, 10.7, 1e-12));
    interf_system_destroy(sys);
}

Test(system, a_whole_system_is_capped_at_a_million_satellites)
{
    /* Eleven groups of 100 000 (each within its own limit) make 1 100 000: refused at the
     * eleventh group's header line (line 4 + 7 x 10 = 74), before any allocation,
     * with the size it would take (200 bytes a satellite: 220 MB). */
    char text[2048] = "[system]\nname = big\nband_ghz = 10.7-12.7\n", path[600];
    for (int i = 0; i < 11; i++) {
        size_t len = strlen(text);
        snprintf(text + len, sizeof text - len,
                 "[orbit o%d]\ntype = walker-delta\naltitude_km = 550\ninclination_deg = 53\n"
                 "satellites = 100000\nplanes = 100\nphasing = 1\n", i);
    }
    struct interf_system *sys = NULL;
    struct interf_error err = {INTERF_OK, ""};
    cr_assert(eq(int, load_text(text, strlen(text), path, sizeof path, &sys, &err),
                 INTERF_EINPUT));
    cr_assert(strstr(err.msg, ":74: [orbit o10] satellites: the system reaches 1100000 "
                              "satellites (about 220 MB), more than 1000000 in all") != NULL,
              "%s", err.msg);
}

Test(system, a_buffer_loads_as_the_file_it_holds)
{
    /* The same bytes from memory and from the file: the same system (name, counts, SHA-256 of
     * the bytes, path as given), and an error in the bytes located as in the file. */
    char path[1024];
    fixture(path, sizeof path, "good-leo.ini");
    struct interf_system *file = load_ok("good-leo.ini"), *mem = NULL;
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f);
    static char data[65536];
    size_t len = fread(data, 1, sizeof data, f);
    fclose(f);
    cr_assert(lt(sz, 0, len));
    struct interf_error err = {INTERF_OK, ""};
    cr_assert(eq(int, interf_system_load_buffer(path, data, len, &mem, &err), INTERF_OK), "%s",
              err.msg);
    const struct interf_system_info *a = interf_system_info(file), *b = interf_system_info(mem);
    cr_assert(eq(str, (char *)b->path, (char *)a->path));
    cr_assert(eq(str, (char *)b->sha256, (char *)a->sha256));
    cr_assert(eq(str, (char *)b->name, (char *)a->name));
    cr_assert(eq(sz, b->n_sats, a->n_sats));
    interf_system_destroy(mem);
    interf_system_destroy(file);
    /* errors name the bytes as the caller does, as interf_system_load names a file and
     * standard input ("-": "<stdin>" in the reader's messages) */
    static const char syntax[] = "[system]\nname = x\nband_ghz\n", empty[] = "[system]\n";
    cr_assert(eq(int, interf_system_load_buffer("-", syntax, sizeof syntax - 1, &mem, &err),
                 INTERF_EINPUT));
    cr_assert_null(mem);
    assert_prefix(err.msg, "<stdin>:3: ");
    cr_assert(eq(int, interf_system_load_buffer("b.ini", empty, sizeof empty - 1, &mem, &err),
                 INTERF_EINPUT));
    assert_prefix(err.msg, "b.ini:1: [orbit]: missing section");
}
