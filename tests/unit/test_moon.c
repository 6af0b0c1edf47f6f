/* SPDX-License-Identifier: MIT */
/* Unit tests of the lunar ephemeris (interf_moon_gcrf, ERFA eraMoon98) against JPL Horizons
 * (DE441), within the accuracy ERFA states for eraMoon98: worst case 18.3 arcsec in direction,
 * 31.7 km in position and 172 mm/s in velocity over 1950-2100. */
#include "interf/orbit.h"

#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <erfa.h>
#include <math.h>

#define AU_KM 149597870.7    /* IAU 2012 Resolution B2 */
#define C_KM_S 299792.458    /* SI */
#define AS2R (INTERF_PI / (180.0 * 3600.0))

/* One row of a JPL Horizons observer table (API request of 2026-01-21: target 301, centre
 * 500@399 "GEOCENTRIC", source DE441, QUANTITIES 1 and 20, UT times): astrometric RA and Dec
 * (ICRF), distance delta (au) and its rate deldot (km/s). */
struct horizons_row {
    int y, mo, d, h;
    double ra_h, ra_m, ra_s;
    int dec_sign;
    double dec_d, dec_m, dec_s;
    double delta_au, deldot_km_s;
};

static const struct horizons_row ROWS[] = {
    {2026, 1, 21, 17, 22, 28, 25.65, -1, 9, 56, 44.1, 0.00257937606636, -0.0383063},
    {2026, 1, 23, 0, 23, 29, 19.77, -1, 2, 1, 12.0, 0.00255112038991, -0.0373864},
    {2026, 1, 25, 0, 1, 5, 42.95, 1, 10, 37, 32.6, 0.00250917357660, -0.0348643},
};

static double norm3(const double a[3]) { return sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]); }

/* The astrometric place is the Moon at t - tau seen from the Earth at t (BCRS): the geometric
 * geocentric vector at t - tau is it plus the Earth's barycentric velocity times tau (38 km
 * here, twice the model's error, so it must be added back; ERFA eraEpv00 gives that velocity
 * to far better than the 1 % that matters). Light deflection by the Sun is below 1 mas. */
Test(moon, horizons_de441_geocentric)
{
    for (size_t i = 0; i < sizeof ROWS / sizeof *ROWS; i++) {
        const struct horizons_row *w = &ROWS[i];
        struct interf_jd utc;
        struct interf_time t;
        struct interf_error err = {INTERF_OK, ""};
        cr_assert(eq(i32, (int)interf_jd_from_utc_calendar(w->y, w->mo, w->d, w->h, 0, 0.0, &utc,
                                                           &err), INTERF_OK));
        cr_assert(eq(i32, (int)interf_time_from_utc(&utc, 0.0, &t, &err), INTERF_OK));
        double ra = (w->ra_h + w->ra_m / 60.0 + w->ra_s / 3600.0) * 15.0 * INTERF_DEG;
        double dec = w->dec_sign * (w->dec_d + w->dec_m / 60.0 + w->dec_s / 3600.0) * INTERF_DEG;
        double dist = w->delta_au * AU_KM, tau = dist / C_KM_S;
        double pvh[2][3], pvb[2][3], geo[3];
        eraEpv00(t.tdb.d1, t.tdb.d2, pvh, pvb);
        for (int k = 0; k < 3; k++) {
            double u = k == 0 ? cos(dec) * cos(ra) : k == 1 ? cos(dec) * sin(ra) : sin(dec);
            geo[k] = dist * u + pvb[1][k] * AU_KM / 86400.0 * tau;
        }
        struct interf_jd tt = {t.tt.d1, t.tt.d2 - tau / 86400.0};
        double r[3], v[3], d[3];
        interf_moon_gcrf(&tt, r, v);
        for (int k = 0; k < 3; k++)
            d[k] = r[k] - geo[k];
        double dot = r[0] * geo[0] + r[1] * geo[1] + r[2] * geo[2];
        double angle_as = acos(fmin(1.0, dot / (norm3(r) * norm3(geo)))) / AS2R;
        double rdot = (r[0] * v[0] + r[1] * v[1] + r[2] * v[2]) / norm3(r);
        /* worst cases plus Horizons' printed precision (0.01 s of RA, 0.1" of Dec: 0.3 km) */
        cr_expect(le(dbl, norm3(d), 31.7 + 0.3), "row %zu: %.2f km", i, norm3(d));
        cr_expect(le(dbl, angle_as, 18.3 + 0.2), "row %zu: %.2f arcsec", i, angle_as);
        cr_expect(epsilon_eq(dbl, rdot, w->deldot_km_s, 0.172), "row %zu: %.4f km/s", i, rdot);
    }
}

/* The velocity is the derivative of the position except for the precession of the ecliptic
 * of date, which eraMoon98 leaves out: "a maximum difference of less than 3 mm/s" (ERFA's
 * note 7 to eraMoon98). A central difference over +-60 s (truncation a''' h^2 / 6, about
 * 1e-9 km/s for the Moon's 2.7e-6 rad/s) must agree to 3e-6 km/s. */
Test(moon, velocity_is_the_derivative)
{
    struct interf_jd tt = {2461041.5, 0.25};
    double r[3], v[3], rp[3], rm[3];
    interf_moon_gcrf(&tt, r, v);
    struct interf_jd a = {tt.d1, tt.d2 + 60.0 / 86400.0}, b = {tt.d1, tt.d2 - 60.0 / 86400.0};
    interf_moon_gcrf(&a, rp, NULL);
    interf_moon_gcrf(&b, rm, NULL);
    for (int k = 0; k < 3; k++)
        cr_expect(epsilon_eq(dbl, v[k], (rp[k] - rm[k]) / 120.0, 3e-6), "v[%d]", k);
    /* and the distance is lunar: 356 000 to 407 000 km (perigee and apogee extremes) */
    cr_expect(ge(dbl, norm3(r), 356000.0));
    cr_expect(le(dbl, norm3(r), 407000.0));
}
