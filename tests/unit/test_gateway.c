/* SPDX-License-Identifier: MIT */
/* The committed illustrative Gateway ephemeris, footprints/gateway.oem (written by
 * footprints/gen/gateway_nrho.c): read through the OEM reader, it spans what its metadata says,
 * and its geometry is that of the 9:2 L2 southern NRHO of the CR3BP state it was made from. */
#include "interf/orbit.h"

#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define START_UNIX 1798761600.0 /* 2027-01-01T00:00:00Z (date -u -d 2027-01-01 +%s) */
#define STEP_S 300.0
#define N_LINES 4033 /* 14 days every 5 minutes */

/* The CR3BP orbit's perilune and apolune distances from the Moon in units of the Earth-Moon
 * distance, and its period in units of T* = sqrt(L*^3 / GM), L* = 384400 km, GM = 398600.4418
 * + 4902.800066 km^3/s^2 (T* = 375189.9 s): rp = 0.0083937, ra = 0.185154, T = 1.5092637
 * (the generator's state, integrated by hand with RK4 as recorded with the state's source: T =
 * 6.554 d, rp = 3227 km, ra = 71173 km at L = L*). The file scales lengths by the real
 * Earth-Moon distance of the moment. */
#define RP_LU 0.0083937
#define RA_LU 0.185154
#define PERIOD_S (1.509263667286943 * 375189.9)

static struct interf_oem *load(void)
{
    const char *dir = getenv("INTERF_SOURCE_DIR");
    cr_assert(dir != NULL, "INTERF_SOURCE_DIR is not set");
    char path[1024];
    snprintf(path, sizeof path, "%s/footprints/gateway.oem", dir);
    struct interf_oem *oem = NULL;
    struct interf_error err = {INTERF_OK, ""};
    cr_assert(eq(i32, (int)interf_oem_load(path, &oem, &err), INTERF_OK), "%s", err.msg);
    return oem;
}

static double norm3(const double a[3]) { return sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]); }

/* Distance (km) of the Gateway from the Moon, and of the Moon from the Earth, at line k. */
static void distances(const struct interf_oem *oem, long k, double *gateway_km, double *moon_km)
{
    struct interf_jd utc;
    struct interf_time t;
    interf_jd_from_unix(START_UNIX + k * STEP_S, &utc);
    double r[3], v[3], m[3];
    struct interf_error err = {INTERF_OK, ""};
    cr_assert(eq(i32, (int)interf_oem_interpolate(oem, "GATEWAY", &utc, r, v, &err), INTERF_OK),
              "%s", err.msg);
    cr_assert(eq(i32, (int)interf_time_from_utc(&utc, 0.0, &t, &err), INTERF_OK));
    interf_moon_gcrf(&t.tt, m, NULL);
    *gateway_km = norm3(r);
    *moon_km = norm3(m);
}

Test(gateway, spans_what_it_says)
{
    struct interf_oem *oem = load();
    cr_assert(eq(sz, interf_oem_segment_count(oem), (size_t)1));
    struct interf_oem_segment_info info;
    cr_assert(eq(i32, (int)interf_oem_segment(oem, 0, &info, NULL), INTERF_OK));
    cr_expect(eq(str, (char *)info.object_name, "GATEWAY"));
    cr_expect(eq(str, (char *)info.center_name, "MOON"));
    cr_expect(eq(str, (char *)info.ref_frame, "EME2000"));
    cr_expect(eq(str, (char *)info.time_system, "UTC"));
    cr_expect(eq(sz, info.n_states, (size_t)N_LINES));
    /* the usable span is START_TIME to STOP_TIME cut to the data: equal means the first and
     * last data lines are at START_TIME and STOP_TIME */
    cr_expect(epsilon_eq(dbl, interf_jd_to_unix(&info.use_start_utc), START_UNIX, 1e-3));
    cr_expect(epsilon_eq(dbl, interf_jd_to_unix(&info.use_stop_utc),
                         START_UNIX + (N_LINES - 1) * STEP_S, 1e-3));
    /* and no further */
    struct interf_jd after;
    double r[3], v[3];
    interf_jd_from_unix(START_UNIX + (N_LINES - 1) * STEP_S + 1.0, &after);
    cr_expect(eq(i32, (int)interf_oem_interpolate(oem, NULL, &after, r, v, NULL),
                 INTERF_EINPUT));
    interf_oem_destroy(oem);
}

/* Every perilune is rp times the Earth-Moon distance of its moment (0.5 %: the sampling of
 * 5 minutes near a 1.7 km/s perilune shifts the minimum by well under that), between 2900 and
 * 3500 km, and every apolune ra times it (near 70 000 km); successive perilunes are one period
 * apart to within two samples. */
Test(gateway, nrho_geometry_and_period)
{
    struct interf_oem *oem = load();
    double prev, cur, next, moon, dummy;
    double peri_t[4];
    int n_peri = 0, n_apo = 0;
    distances(oem, 0, &prev, &dummy);
    distances(oem, 1, &cur, &moon);
    for (long k = 1; k + 1 < N_LINES; k++) {
        double moon_next;
        distances(oem, k + 1, &next, &moon_next);
        if (cur < prev && cur <= next) {
            cr_expect(epsilon_eq(dbl, cur, RP_LU * moon, 0.005 * RP_LU * moon),
                      "perilune %.1f km at line %ld, expected %.1f", cur, k, RP_LU * moon);
            cr_expect(ge(dbl, cur, 2900.0));
            cr_expect(le(dbl, cur, 3500.0));
            if (n_peri < 4)
                peri_t[n_peri] = k * STEP_S;
            n_peri++;
        }
        if (cur > prev && cur >= next) {
            cr_expect(epsilon_eq(dbl, cur, RA_LU * moon, 0.001 * RA_LU * moon),
                      "apolune %.1f km at line %ld, expected %.1f", cur, k, RA_LU * moon);
            cr_expect(ge(dbl, cur, 65000.0));
            cr_expect(le(dbl, cur, 76000.0));
            n_apo++;
        }
        prev = cur;
        cur = next;
        moon = moon_next;
    }
    /* 14 days from the CR3BP apolune: perilunes at T/2 and 3T/2, apolunes near 0, T and 2T
     * (T = 6.554 d; the first a little after the start, where the Earth-Moon distance, and
     * with it the scaled orbit, still grows) */
    cr_expect(eq(i32, n_peri, 2));
    cr_expect(eq(i32, n_apo, 3));
    if (n_peri >= 2)
        cr_expect(epsilon_eq(dbl, peri_t[1] - peri_t[0], PERIOD_S, 2 * STEP_S),
                  "period %.4f d", (peri_t[1] - peri_t[0]) / 86400.0);
    interf_oem_destroy(oem);
}

/* Brought to the Earth (interf_oem_state): the geocentric GCRF position minus the Moon's is
 * the file's Moon-centred position turned by the frame bias, so its length is unchanged. */
Test(gateway, geocentric_state)
{
    struct interf_oem *oem = load();
    struct interf_jd utc;
    interf_jd_from_unix(START_UNIX + 3.25 * 86400.0, &utc);
    double r[3], v[3], g[3], m[3], d[3];
    struct interf_time t;
    cr_assert(eq(i32, (int)interf_oem_interpolate(oem, NULL, &utc, r, v, NULL), INTERF_OK));
    cr_assert(eq(i32, (int)interf_oem_state(oem, NULL, &utc, NULL, g, NULL, NULL, NULL, NULL),
                 INTERF_OK));
    cr_assert(eq(i32, (int)interf_time_from_utc(&utc, 0.0, &t, NULL), INTERF_OK));
    interf_moon_gcrf(&t.tt, m, NULL);
    for (int k = 0; k < 3; k++)
        d[k] = g[k] - m[k];
    cr_expect(epsilon_eq(dbl, norm3(d), norm3(r), 1e-6));
    interf_oem_destroy(oem);
}
