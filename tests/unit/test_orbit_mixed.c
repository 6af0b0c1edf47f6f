/* SPDX-License-Identifier: MIT */
/* Tests of constellations that mix satellite kinds (orbit.h): a two-line element set through
 * interf_constellation_propagate against SGP4 (interf_sgp4_propagate) turned to Earth-fixed by
 * the IAU 1982 GMST by hand (Vallado et al., AIAA 2006-6753, teme2ecef), an OEM object against
 * interf_oem_state, elements unchanged to the bit beside the other kinds, and the drop-outs of
 * a decaying satellite (the verification set's 29141) and of an OEM's span. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interf.h"

#define OMEGA_ERA 7.292115146706979e-5 /* rad/s, the rate of the Earth rotation angle */

static void data_path(char *out, size_t n, const char *rel)
{
    const char *dir = getenv("INTERF_TEST_DATA");
    cr_assert_not_null(dir, "INTERF_TEST_DATA is not set (ctest sets it to tests/data)");
    snprintf(out, n, "%s/%s", dir, rel);
}

static void read_tles(const char *rel, struct interf_tle_list *l)
{
    char path[1024];
    data_path(path, sizeof path, rel);
    FILE *fp = fopen(path, "r");
    cr_assert_not_null(fp, "%s", path);
    interf_tle_list_init(l);
    struct interf_error err;
    cr_assert(eq(int, interf_tle_read(fp, path, 0, l, &err), INTERF_OK), "%s", err.msg);
    fclose(fp);
}

static struct interf_oem *gateway(void)
{
    char path[1024];
    struct interf_oem *oem;
    struct interf_error err;
    data_path(path, sizeof path, "../../footprints/gateway.oem");
    cr_assert(eq(int, interf_oem_load(path, &oem, &err), INTERF_OK), "%s", err.msg);
    return oem;
}

/* Satellites [k0, k1) of a Walker-delta 53:T/2/1 at 550 km. */
static void walker_part(struct interf_constellation *c, int t_sats, int k0, int k1)
{
    for (int k = k0; k < k1; k++) {
        struct interf_elements el;
        interf_walker_elements(INTERF_WALKER_DELTA, INTERF_RE_KM + 550, 53 * INTERF_DEG, t_sats,
                               2, 1, 0.3, k % 2, k / 2, &el);
        cr_assert(eq(int, interf_constellation_add(c, &el, NULL, k % 2, NULL, NULL), INTERF_OK));
    }
}

static void walker(struct interf_constellation *c, int n) { walker_part(c, n, 0, n); }

/* 2006-06-26T00:00:00Z: within days of the three sets' epochs (2000 to 2006-06-25) */
#define EPOCH_2006 1151280000.0

Test(orbit_mixed, tle_equals_sgp4_turned_by_gmst82_to_1mm)
{
    struct interf_tle_list l;
    struct interf_constellation *c;
    read_tles("system/three.tle", &l);
    cr_assert(eq(int, interf_constellation_create(4 + l.n, &c, NULL), INTERF_OK));
    interf_constellation_set_epoch(c, EPOCH_2006);
    walker(c, 4);
    size_t first;
    cr_assert(eq(int, interf_constellation_add_tle(c, l.tle, l.n, 7, &first, NULL), INTERF_OK));
    cr_assert(eq(sz, first, 4));
    for (double t = -3600; t <= 86400; t += 4321.5) {
        double x[7], y[7], z[7], vx[7], vy[7], vz[7];
        struct interf_ephem e = {x, y, z, vx, vy, vz};
        interf_constellation_propagate(c, 0, 7, t, NULL, INTERF_FRAME_ECEF, &e);
        for (size_t k = 0; k < l.n; k++) {
            struct interf_sgp4 *s;
            double r[3], v[3];
            cr_assert(eq(int, interf_sgp4_create(&l.tle[k], &s, NULL), INTERF_OK));
            cr_assert(eq(int, interf_sgp4_propagate(s, interf_sgp4_minutes(s, EPOCH_2006 + t), r,
                                                    v), INTERF_SGP4_OK));
            interf_sgp4_destroy(s);
            /* teme2ecef by hand: r_pef = R3(gmst) r_teme, v_pef = R3(gmst) v_teme - w x r_pef,
             * gmst = IAU 1982 at UT1 = UTC, no polar motion */
            struct interf_jd ut1;
            interf_jd_from_unix(EPOCH_2006 + t, &ut1);
            double g = interf_gmst82_rad(&ut1), cg = cos(g), sg = sin(g);
            double px = cg * r[0] + sg * r[1], py = -sg * r[0] + cg * r[1];
            double qx = cg * v[0] + sg * v[1] + OMEGA_ERA * py;
            double qy = -sg * v[0] + cg * v[1] - OMEGA_ERA * px;
            size_t j = 4 + k;
            cr_assert(epsilon_eq(dbl, x[j], px, 1e-6), "sat %zu t %g: x %.9f %.9f", j, t, x[j], px);
            cr_assert(epsilon_eq(dbl, y[j], py, 1e-6), "sat %zu t %g", j, t);
            cr_assert(epsilon_eq(dbl, z[j], r[2], 1e-6), "sat %zu t %g", j, t);
            cr_assert(epsilon_eq(dbl, vx[j], qx, 1e-6), "sat %zu t %g", j, t);
            cr_assert(epsilon_eq(dbl, vy[j], qy, 1e-6), "sat %zu t %g", j, t);
            cr_assert(epsilon_eq(dbl, vz[j], v[2], 1e-6), "sat %zu t %g", j, t);
        }
        /* the inertial (and native) frame of a TLE satellite is SGP4's TEME, untouched */
        double xi[3], yi[3], zi[3];
        struct interf_ephem ei = {xi, yi, zi, NULL, NULL, NULL};
        interf_constellation_propagate(c, 4, 3, t, NULL, INTERF_FRAME_NATIVE, &ei);
        struct interf_sgp4_batch *b;
        double bx[3], by[3], bz[3];
        struct interf_ephem eb = {bx, by, bz, NULL, NULL, NULL};
        cr_assert(eq(int, interf_sgp4_batch_create(l.tle, 3, &b, NULL), INTERF_OK));
        interf_sgp4_batch_propagate(b, 0, 3, EPOCH_2006 + t, &eb, NULL);
        interf_sgp4_batch_destroy(b);
        cr_assert(eq(int, memcmp(xi, bx, sizeof xi) | memcmp(yi, by, sizeof yi) |
                              memcmp(zi, bz, sizeof zi), 0), "t %g", t);
    }
    interf_constellation_destroy(c);
    interf_tle_list_free(&l);
}

Test(orbit_mixed, elements_keep_their_bits_beside_other_kinds)
{
    struct interf_tle_list l;
    struct interf_constellation *a, *b;
    read_tles("system/three.tle", &l);
    cr_assert(eq(int, interf_constellation_create(8, &a, NULL), INTERF_OK));
    cr_assert(eq(int, interf_constellation_create(8 + l.n + 1, &b, NULL), INTERF_OK));
    walker(a, 8);
    walker_part(b, 8, 0, 4);
    cr_assert(eq(int, interf_constellation_add_tle(b, l.tle, l.n, -1, NULL, NULL), INTERF_OK));
    cr_assert(eq(int, interf_constellation_add_oem(b, gateway(), NULL, 0, NULL, NULL),
                 INTERF_OK));
    /* the other four Walker satellites after the TLE and OEM groups */
    walker_part(b, 8, 4, 8);
    struct interf_orbit_run run = {100.0, 3600.0};
    for (int f = 0; f < 2; f++) {
        double pa[48], pb[72];
        struct interf_ephem ea = {pa, pa + 8, pa + 16, pa + 24, pa + 32, pa + 40};
        struct interf_ephem eb = {pb, pb + 12, pb + 24, pb + 36, pb + 48, pb + 60};
        interf_constellation_propagate(a, 0, 8, 1234.5, &run, (enum interf_frame)f, &ea);
        interf_constellation_propagate(b, 0, 12, 1234.5, &run, (enum interf_frame)f, &eb);
        for (int q = 0; q < 6; q++) {
            cr_assert(eq(int, memcmp(pa + 8 * q, pb + 12 * q, 4 * sizeof(double)), 0));
            cr_assert(eq(int, memcmp(pa + 8 * q + 4, pb + 12 * q + 8, 4 * sizeof(double)), 0));
        }
    }
    interf_constellation_destroy(a);
    interf_constellation_destroy(b);
    interf_tle_list_free(&l);
}

Test(orbit_mixed, oem_object_equals_interf_oem_state)
{
    struct interf_oem *ref = gateway();
    struct interf_constellation *c;
    cr_assert(eq(int, interf_constellation_create(2, &c, NULL), INTERF_OK));
    /* 2027-01-01T00:00:00Z, the message's start */
    interf_constellation_set_epoch(c, 1798761600.0);
    const char *objects[] = {"GATEWAY"};
    cr_assert(eq(int, interf_constellation_add_oem(c, gateway(), objects, 1, NULL, NULL),
                 INTERF_OK));
    struct interf_sat_ident id;
    interf_constellation_ident(c, 0, &id);
    cr_assert(eq(int, id.kind, INTERF_SAT_OEM));
    cr_assert(eq(str, (char *)id.name, "GATEWAY"));
    cr_assert(eq(str, (char *)id.frame, "EME2000"));
    cr_assert(eq(str, (char *)id.center, "MOON"));
    cr_assert(eq(long, id.catalog_number, -1));
    for (double t = 0; t < 14 * 86400.0; t += 86400.0 / 3 + 17.25) {
        struct interf_jd utc;
        double g[2][3], e[2][3], n[2][3], s[6][3];
        interf_jd_from_unix(1798761600.0 + t, &utc);
        cr_assert(eq(int, interf_oem_state(ref, NULL, &utc, NULL, g[0], g[1], e[0], e[1], NULL),
                     INTERF_OK));
        cr_assert(eq(int, interf_oem_interpolate(ref, NULL, &utc, n[0], n[1], NULL), INTERF_OK));
        for (int f = 0; f < 3; f++) {
            struct interf_ephem o = {s[2 * f], s[2 * f] + 1, s[2 * f] + 2,
                                     s[2 * f + 1], s[2 * f + 1] + 1, s[2 * f + 1] + 2};
            interf_constellation_propagate(c, 0, 1, t, NULL, (enum interf_frame)f, &o);
        }
        double(*want[3])[3] = {e, g, n};
        for (int f = 0; f < 3; f++)
            for (int i = 0; i < 3; i++) {
                cr_assert(epsilon_eq(dbl, s[2 * f][i], want[f][0][i], 1e-6), "f %d t %g", f, t);
                cr_assert(epsilon_eq(dbl, s[2 * f + 1][i], want[f][1][i], 1e-6), "f %d", f);
            }
    }
    interf_constellation_destroy(c);
    interf_oem_destroy(ref);
}

Test(orbit_mixed, decaying_tle_drops_out_once_between_420_and_440_min)
{
    struct interf_tle_list l;
    struct interf_constellation *c;
    read_tles("system/decay.tle", &l);
    cr_assert(eq(int, interf_constellation_create(5, &c, NULL), INTERF_OK));
    walker(c, 4);
    cr_assert(eq(int, interf_constellation_add_tle(c, l.tle, 1, -1, NULL, NULL), INTERF_OK));
    double epoch = l.tle[0].epoch_unix_s;
    interf_constellation_set_epoch(c, epoch);
    /* AIAA 2006-6753 tcppver.out: 29141 propagates at 420 min and stops before 440 min */
    struct interf_time_window w = {epoch, 60.0, 600, 0};
    struct interf_dropout d[4];
    cr_assert(eq(sz, interf_constellation_dropouts(c, &w, d, 4), 1));
    cr_assert(eq(sz, d[0].sat, 4));
    cr_assert(lt(dbl, 420 * 60.0, d[0].t_s));
    cr_assert(le(dbl, d[0].t_s, 440 * 60.0));
    cr_assert(eq(int, d[0].code, INTERF_SGP4_DECAYED), "code %d", d[0].code);
    /* the step before is the last with a position; from the drop-out on, NaN */
    double x[5], y[5], z[5];
    struct interf_ephem e = {x, y, z, NULL, NULL, NULL};
    interf_constellation_propagate(c, 0, 5, d[0].t_s - 60.0, NULL, INTERF_FRAME_ECEF, &e);
    cr_assert(isfinite(x[4]) && isfinite(z[4]));
    interf_constellation_propagate(c, 0, 5, d[0].t_s, NULL, INTERF_FRAME_ECEF, &e);
    cr_assert(isnan(x[4]) && isfinite(x[3]));
    char text[256];
    interf_dropout_describe(c, &d[0], text, sizeof text);
    cr_assert(eq(int, strncmp(text, "satellite 4 (SL-14 DEB, catalogue number 29141) drops out "
                              "of the run at 2006-06-19T1", 84), 0), "%s", text);
    cr_assert_not_null(strstr(text, interf_sgp4_code_str(INTERF_SGP4_DECAYED)), "%s", text);
    /* a window that ends before: nothing */
    w.n_steps = 420;
    cr_assert(eq(sz, interf_constellation_dropouts(c, &w, NULL, 0), 0));
    interf_constellation_destroy(c);
    interf_tle_list_free(&l);
}

Test(orbit_mixed, oem_object_drops_out_after_its_span)
{
    struct interf_constellation *c;
    cr_assert(eq(int, interf_constellation_create(1, &c, NULL), INTERF_OK));
    cr_assert(eq(int, interf_constellation_add_oem(c, gateway(), NULL, 0, NULL, NULL),
                 INTERF_OK));
    interf_constellation_set_epoch(c, 1798761600.0);
    /* hours 300 to 400 after 2027-01-01: the message stops at 2027-01-15T00:00:00Z = 336 h */
    struct interf_time_window w = {1798761600.0 + 300 * 3600.0, 3600.0, 100, 0};
    struct interf_dropout d;
    cr_assert(eq(sz, interf_constellation_dropouts(c, &w, &d, 1), 1));
    cr_assert(epsilon_eq(dbl, d.t_s, 337 * 3600.0, 1e-6), "%g", d.t_s);
    cr_assert(eq(int, d.code, INTERF_DROPOUT_SPAN));
    /* starting before the message: dropped at the first step */
    w.start_unix_s = 1798761600.0 - 7200.0;
    cr_assert(eq(sz, interf_constellation_dropouts(c, &w, &d, 1), 1));
    cr_assert(epsilon_eq(dbl, d.t_s, -7200.0, 1e-6));
    interf_constellation_destroy(c);
}

Test(orbit_mixed, capacity_unknown_objects_and_idents)
{
    struct interf_tle_list l;
    struct interf_constellation *c;
    struct interf_error err;
    read_tles("system/three.tle", &l);
    cr_assert(eq(int, interf_constellation_create(3, &c, NULL), INTERF_OK));
    walker(c, 1);
    cr_assert(eq(int, interf_constellation_add_tle(c, l.tle, 3, -1, NULL, &err), INTERF_EINVAL));
    cr_assert_not_null(strstr(err.msg, "constellation full"), "%s", err.msg);
    cr_assert(eq(sz, interf_constellation_count(c), 1));
    const char *bad[] = {"ARTEMIS"};
    cr_assert(eq(int, interf_constellation_add_oem(c, gateway(), bad, 1, NULL, &err),
                 INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "OBJECT_NAME ARTEMIS: not in the message"));
    const char *twice[] = {"GATEWAY", "GATEWAY"};
    cr_assert(eq(int, interf_constellation_add_oem(c, gateway(), twice, 2, NULL, &err),
                 INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "OBJECT_NAME GATEWAY: given twice"));
    cr_assert(eq(int, interf_constellation_add_tle(c, l.tle + 2, 1, -1, NULL, NULL), INTERF_OK));
    struct interf_sat_ident id;
    interf_constellation_ident(c, 0, &id);
    cr_assert(eq(int, id.kind, INTERF_SAT_ELEMENTS));
    cr_assert(eq(str, (char *)id.frame, "S.1503"));
    interf_constellation_ident(c, 1, &id);
    cr_assert(eq(int, id.kind, INTERF_SAT_TLE));
    cr_assert(eq(str, (char *)id.name, "NAVSTAR 53"));
    cr_assert(eq(long, id.catalog_number, 28129));
    cr_assert(eq(str, (char *)id.frame, "TEME"));
    /* approximate elements: a from SGP4's perigee and apogee, the TLE's inclination and e
     * (line 2 of 28129: 54.7298 deg, 0.0048506; 2.00562768 rev/day: a = 26560 km within
     * the 40 km of J2 and the eccentricity) */
    struct interf_elements el;
    interf_constellation_satellite(c, 1, &el, NULL);
    cr_assert(epsilon_eq(dbl, el.i_rad / INTERF_DEG, 54.7298, 1e-9));
    cr_assert(epsilon_eq(dbl, el.e, 0.0048506, 1e-4));
    cr_assert(epsilon_eq(dbl, el.a_km, 26560, 40));
    interf_constellation_destroy(c);
    interf_tle_list_free(&l);
}

Test(orbit_mixed, name_patterns)
{
    /* shell-style, ASCII case ignored */
    cr_assert(interf_name_match("ISS*", "iss (zarya)"));
    cr_assert(interf_name_match("*53", "NAVSTAR 53"));
    cr_assert(interf_name_match("NAV?TAR*", "NAVSTAR 53"));
    cr_assert(not(interf_name_match("NAVSTAR", "NAVSTAR 53")));
    cr_assert(interf_name_match("*", ""));
    cr_assert(not(interf_name_match("?", "")));
}
