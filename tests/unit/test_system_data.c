/* SPDX-License-Identifier: MIT */
/* Tests of the orbit groups given by data files (interf-system(5): type = tle, type = oem):
 * the fixtures of tests/data/system and the shipped footprints/, good files (counts, file order,
 * selection by name pattern and catalogue number, the files resolved beside the system file)
 * and bad ones (each message located "file:line: [orbit NAME] key:", the readers' own located
 * messages passed through). */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interf.h"

static void fixture(char *out, size_t n, const char *name)
{
    const char *data = getenv("INTERF_TEST_DATA");
    cr_assert_not_null(data, "INTERF_TEST_DATA is not set (ctest sets it to tests/data)");
    snprintf(out, n, "%s/system/%s", data, name);
}

static struct interf_system *load_ok(const char *name)
{
    char path[1024];
    struct interf_system *sys = NULL;
    struct interf_error err = {INTERF_OK, ""};
    fixture(path, sizeof path, name);
    cr_assert(eq(int, interf_system_load(path, &sys, &err), INTERF_OK), "%s: %s", name, err.msg);
    return sys;
}

/* The message of a failing load, after the fixture's folder. */
static void load_bad(const char *name, enum interf_status want, const char *prefix,
                     const char *contains)
{
    char path[1024];
    struct interf_system *sys = NULL;
    struct interf_error err = {INTERF_OK, ""};
    fixture(path, sizeof path, name);
    cr_assert(eq(int, interf_system_load(path, &sys, &err), want), "%s: %s", name, err.msg);
    cr_assert_null(sys);
    size_t dir = strlen(path) - strlen(name);
    cr_assert(eq(int, strncmp(err.msg, path, dir), 0), "%s", err.msg);
    cr_assert(eq(int, strncmp(err.msg + dir, prefix, strlen(prefix)), 0),
              "message\n  got:  %s\n  want: %s...", err.msg + dir, prefix);
    cr_assert_not_null(strstr(err.msg, contains), "%s\n  lacks: %s", err.msg, contains);
}

Test(system_data, three_kinds_in_file_order)
{
    struct interf_system *sys = load_ok("tle-mixed.ini");
    const struct interf_system_info *in = interf_system_info(sys);
    /* 4 Walker, then NAVSTAR 53 (by pattern) and 08195 (by number) in the file's order, 1 */
    cr_assert(eq(sz, in->n_sats, 7));
    cr_assert(eq(sz, in->n_orbits, 3));
    const struct interf_system_orbit *o = interf_system_orbit(sys, 1);
    cr_assert(eq(int, o->type, INTERF_ORBIT_TLE));
    cr_assert(eq(sz, o->first_sat, 4));
    cr_assert(eq(sz, o->n_sats, 2));
    cr_assert(eq(dbl, o->min_elevation_deg, 5.0));
    cr_assert_not_null(strstr(o->data_file, "system/three.tle"), "%s", o->data_file);
    const struct interf_constellation *c = interf_system_constellation(sys);
    cr_assert(eq(dbl, interf_constellation_epoch(c), in->epoch_unix_s));
    struct interf_sat_ident id;
    interf_constellation_ident(c, 4, &id);
    cr_assert(eq(str, (char *)id.name, "MOLNIYA 2-14"));
    cr_assert(eq(long, id.catalog_number, 8195));
    interf_constellation_ident(c, 5, &id);
    cr_assert(eq(str, (char *)id.name, "NAVSTAR 53"));
    interf_constellation_ident(c, 6, &id);
    cr_assert(eq(int, id.kind, INTERF_SAT_ELEMENTS));
    cr_assert(eq(sz, interf_system_sat_orbit(sys, 5), 1));
    cr_assert(eq(sz, interf_system_sat_orbit(sys, 6), 2));
    interf_system_destroy(sys);
}

Test(system_data, oem_group_and_epoch_inside_the_span)
{
    struct interf_system *sys = load_ok("oem.ini");
    const struct interf_system_orbit *o = interf_system_orbit(sys, 0);
    cr_assert(eq(int, o->type, INTERF_ORBIT_OEM));
    cr_assert(eq(sz, o->n_sats, 1));
    cr_assert(eq(sz, interf_system_warning_count(sys), 0));
    struct interf_sat_ident id;
    interf_constellation_ident(interf_system_constellation(sys), 0, &id);
    cr_assert(eq(str, (char *)id.name, "GATEWAY"));
    interf_system_destroy(sys);
}

Test(system_data, stale_element_sets_warn)
{
    /* decay.ini's epoch is its set's; tle-mixed.ini's is 2006-06-26 and 08195's epoch
     * 2006-06-25: no warning. A set 30 days or more away warns, located at tle_file. */
    struct interf_system *sys = load_ok("decay.ini");
    cr_assert(eq(sz, interf_system_warning_count(sys), 0));
    interf_system_destroy(sys);
    sys = load_ok("tle-mixed.ini");
    cr_assert(eq(sz, interf_system_warning_count(sys), 0));
    interf_system_destroy(sys);
    /* 28129's epoch is 2006-06-24.57071136 (day 175.57071136); the system's 2012-06-24.5:
     * 6 x 365 + 2 leap days - 0.0707 = 2191.93 days */
    sys = load_ok("tle-stale.ini");
    cr_assert(eq(sz, interf_system_warning_count(sys), 1));
    const char *w = interf_system_warning(sys, 0);
    cr_assert_not_null(strstr(w, "tle-stale.ini:7: [orbit old] tle_file: three.tle: the "
                                 "system's epoch_utc is up to 2192 days"), "%s", w);
    interf_system_destroy(sys);
}

Test(system_data, shipped_systems_load)
{
    /* footprints/: 1 ISS set, 24 GPS slots, 4 QZSS-like, 1584 shell satellites, the Gateway */
    static const struct {
        char name[32];
        size_t n;
    } want[] = {{"iss-tle.ini", 1},          {"gps-tle.ini", 24},    {"qzss-tle.ini", 4},
                {"leo-ku-550-tle.ini", 1584}, {"leo-ku-mix.ini", 3168}, {"gateway.ini", 1}};
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        char path[1024];
        struct interf_system *sys;
        struct interf_error err;
        fixture(path, sizeof path, "../../../footprints/");
        strncat(path, want[k].name, sizeof path - strlen(path) - 1);
        cr_assert(eq(int, interf_system_load(path, &sys, &err), INTERF_OK), "%s", err.msg);
        cr_assert(eq(sz, interf_system_info(sys)->n_sats, want[k].n), "%s", want[k].name);
        interf_system_destroy(sys);
    }
}

Test(system_data, bad_files_are_located)
{
    load_bad("bad-tle-file-missing.ini", INTERF_EINPUT,
             "bad-tle-file-missing.ini:7: [orbit sats] tle_file: nowhere.tle: No such file or "
             "directory (looked for ", "system/nowhere.tle)");
    load_bad("bad-tle-no-file.ini", INTERF_EINPUT,
             "bad-tle-no-file.ini:5: [orbit sats] tle_file: missing (required for type = tle)",
             "");
    load_bad("bad-tle-key.ini", INTERF_EINPUT,
             "bad-tle-key.ini:8: [orbit sats] j2: not allowed for type = tle", "");
    load_bad("bad-tle-objects.ini", INTERF_EINPUT,
             "bad-tle-objects.ini:8: [orbit sats] objects: NAVSTAR*, NOPE*: NOPE*: no element "
             "set matches in ", "system/three.tle");
    /* the TLE reader's own "file:line:column: field:" after the key */
    load_bad("bad-tle-checksum.ini", INTERF_EINPUT,
             "bad-tle-checksum.ini:7: [orbit sats] tle_file: ",
             "system/bad-checksum.tle:7:69: checksum: '4', but columns 1-68 give 3");
    /* the OEM reader's own "file:line: KEYWORD:" after the key */
    load_bad("bad-oem-file.ini", INTERF_EINPUT, "bad-oem-file.ini:7: [orbit sats] oem_file: ",
             "system/bad-meta.oem:14: META_STOP: missing");
    load_bad("bad-oem-key.ini", INTERF_EINPUT,
             "bad-oem-key.ini:8: [orbit sats] tle_file: not allowed for type = oem", "");
    load_bad("bad-oem-objects.ini", INTERF_EINPUT,
             "bad-oem-objects.ini:8: [orbit sats] objects: ARTEMIS: ARTEMIS: no OBJECT_NAME "
             "matches in ", "gateway.oem");
}

/* The data rows of an ephemeris table of system path (frame f, steps from the epoch) as
 * columns 3.. (x y z vx vy vz) into rows[k][0..6). Returns the number of rows. */
static size_t ephemeris_rows(const char *path, enum interf_ephem_frame f, double step_s,
                             long n_steps, double rows[][6], size_t max)
{
    struct interf_system *sys;
    struct interf_earth *earth;
    struct interf_error err;
    struct interf_provenance prov;
    char *buf = NULL;
    size_t len = 0, n = 0;
    cr_assert(eq(int, interf_system_load(path, &sys, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(int, interf_earth_create(INTERF_EARTH_SPHERE, &earth, &err), INTERF_OK));
    struct interf_ephemeris_request r = {0};
    r.sys = sys, r.earth = earth, r.frame = f, r.step_s = step_s, r.n_steps = n_steps;
    r.start_unix_s = interf_system_info(sys)->epoch_unix_s;
    interf_provenance_init(&prov, "test");
    FILE *fp = open_memstream(&buf, &len);
    cr_assert(eq(int, interf_ephemeris_write(fp, &r, &prov, &err), INTERF_OK), "%s", err.msg);
    fclose(fp);
    for (char *line = strtok(buf, "\n"); line && n < max; line = strtok(NULL, "\n")) {
        double t, v[6];
        int sat, plane;
        if (line[0] == '#')
            continue;
        cr_assert(eq(int, sscanf(line, "%lf %d %d %lf %lf %lf %lf %lf %lf", &t, &sat, &plane,
                                 &v[0], &v[1], &v[2], &v[3], &v[4], &v[5]), 9), "%s", line);
        memcpy(rows[n++], v, sizeof v);
    }
    free(buf);
    interf_earth_destroy(earth);
    interf_system_destroy(sys);
    return n;
}

Test(system_data, iss_teme_and_itrf_rows_are_sgp4_and_the_time_layer_to_1mm)
{
    char path[1024], tle_path[1024];
    double teme[5][6], itrf[5][6];
    fixture(path, sizeof path, "../../../footprints/iss-tle.ini");
    fixture(tle_path, sizeof tle_path, "../../../footprints/iss.tle");
    cr_assert(eq(sz, ephemeris_rows(path, INTERF_EPHEM_TEME, 600, 5, teme, 5), 5));
    cr_assert(eq(sz, ephemeris_rows(path, INTERF_EPHEM_ITRF, 600, 5, itrf, 5), 5));
    struct interf_tle_list l;
    struct interf_sgp4 *s;
    FILE *fp = fopen(tle_path, "r");
    cr_assert_not_null(fp);
    interf_tle_list_init(&l);
    cr_assert(eq(int, interf_tle_read(fp, tle_path, 0, &l, NULL), INTERF_OK));
    fclose(fp);
    cr_assert(eq(int, interf_sgp4_create(&l.tle[0], &s, NULL), INTERF_OK));
    /* iss-tle.ini: epoch_utc = 2008-09-20T12:00:00Z = 1221912000 s */
    for (int k = 0; k < 5; k++) {
        double unix_s = 1221912000.0 + 600.0 * k, r[3], v[3];
        cr_assert(eq(int, interf_sgp4_propagate(s, interf_sgp4_minutes(s, unix_s), r, v), 0));
        struct interf_jd utc;
        struct interf_time t;
        struct interf_earth_rotation rot;
        interf_jd_from_unix(unix_s, &utc);
        cr_assert(eq(int, interf_time_from_utc(&utc, 0.0, &t, NULL), INTERF_OK));
        interf_earth_rotation_at(INTERF_CELESTIAL_TEME, &t, NULL, &rot);
        double re[3], ve[3];
        interf_celestial_to_itrf(&rot, r, v, re, ve);
        for (int i = 0; i < 3; i++) {
            /* printed to 1e-6 km and 1e-9 km/s */
            cr_assert(epsilon_eq(dbl, teme[k][i], r[i], 1e-6), "step %d teme %d", k, i);
            cr_assert(epsilon_eq(dbl, teme[k][3 + i], v[i], 1e-9), "step %d", k);
            cr_assert(epsilon_eq(dbl, itrf[k][i], re[i], 1e-6), "step %d itrf %d", k, i);
            cr_assert(epsilon_eq(dbl, itrf[k][3 + i], ve[i], 1e-9), "step %d", k);
        }
    }
    interf_sgp4_destroy(s);
    interf_tle_list_free(&l);
}

Test(system_data, gateway_gcrf_rows_are_interf_oem_state)
{
    char path[1024], oem_path[1024];
    double gcrf[4][6];
    struct interf_oem *oem;
    fixture(path, sizeof path, "../../../footprints/gateway.ini");
    fixture(oem_path, sizeof oem_path, "../../../footprints/gateway.oem");
    cr_assert(eq(sz, ephemeris_rows(path, INTERF_EPHEM_GCRF, 86400, 4, gcrf, 4), 4));
    cr_assert(eq(int, interf_oem_load(oem_path, &oem, NULL), INTERF_OK));
    for (int k = 0; k < 4; k++) {
        struct interf_jd utc;
        double r[3], v[3];
        /* gateway.ini: epoch_utc = 2027-01-01T00:00:00Z = 1798761600 s */
        interf_jd_from_unix(1798761600.0 + 86400.0 * k, &utc);
        cr_assert(eq(int, interf_oem_state(oem, NULL, &utc, NULL, r, v, NULL, NULL, NULL),
                     INTERF_OK));
        for (int i = 0; i < 3; i++) {
            cr_assert(epsilon_eq(dbl, gcrf[k][i], r[i], 1e-6), "day %d %d", k, i);
            cr_assert(epsilon_eq(dbl, gcrf[k][3 + i], v[i], 1e-9), "day %d", k);
        }
    }
    interf_oem_destroy(oem);
}
