/* SPDX-License-Identifier: MIT */
/* interf time: UTC/TAI/TT/TDB/UT1 and the celestial-to-ITRF rotations over ERFA: IAU 2006/2000A
 * CIO-based (IERS Conventions 2010 ch. 5) for GCRF and EME2000, Vallado et al. AIAA 2006-6753
 * teme2ecef (GMST 1982) for TEME. */
#include "interf/time.h"

#include <erfa.h>
#include <erfam.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* Julian date of 1970-01-01T00:00:00 (the POSIX epoch) */
#define UNIX_EPOCH_JD 2440587.5
/* rate of the Earth rotation angle, IERS Conventions (2010) eq. (5.15):
 * 2 pi x 1.00273781191135448 rev per UT1 day */
#define ERA_RATE_RAD_S (ERFA_D2PI * 1.00273781191135448 / ERFA_DAYSEC)

void interf_jd_from_unix(double unix_s, struct interf_jd *utc)
{
    double days = floor(unix_s / ERFA_DAYSEC);
    utc->d1 = UNIX_EPOCH_JD + days;
    utc->d2 = (unix_s - days * ERFA_DAYSEC) / ERFA_DAYSEC;
}

double interf_jd_to_unix(const struct interf_jd *utc)
{
    return ((utc->d1 - UNIX_EPOCH_JD) + utc->d2) * ERFA_DAYSEC;
}

double interf_jd_diff_s(const struct interf_jd *a, const struct interf_jd *b)
{
    return ((b->d1 - a->d1) + (b->d2 - a->d2)) * ERFA_DAYSEC;
}

enum interf_status interf_jd_from_utc_calendar(int year, int month, int day, int hour,
                                               int minute, double sec, struct interf_jd *utc,
                                               struct interf_error *err)
{
    if (!isfinite(sec) || year < 1960)
        goto bad;
    /* eraDtf2d: +1 dubious year (a warning), +2 second 60 on a day without a leap second,
     * negative for a bad field */
    int j = eraDtf2d("UTC", year, month, day, hour, minute, sec, &utc->d1, &utc->d2);
    if (j < 0 || j >= 2)
        goto bad;
    return INTERF_OK;
bad:
    return interf_error_set(err, INTERF_EINPUT,
                            "%04d-%02d-%02dT%02d:%02d:%g: not a valid UTC date and time "
                            "(from 1960 on)",
                            year, month, day, hour, minute, sec);
}

char *interf_jd_format_utc(const struct interf_jd *utc, int decimals, char *buf, size_t n)
{
    int y, mo, d, hmsf[4];
    if (decimals < 0)
        decimals = 0;
    if (decimals > 9)
        decimals = 9;
    if (!isfinite(utc->d1) || !isfinite(utc->d2) ||
        eraD2dtf("UTC", decimals, utc->d1, utc->d2, &y, &mo, &d, hmsf) < 0) {
        snprintf(buf, n, "invalid date");
        return buf;
    }
    if (decimals > 0)
        snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d:%02d.%0*dZ", y, mo, d, hmsf[0], hmsf[1],
                 hmsf[2], decimals, hmsf[3]);
    else
        snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, d, hmsf[0], hmsf[1], hmsf[2]);
    return buf;
}

enum interf_status interf_time_from_utc(const struct interf_jd *utc, double dut1_s,
                                        struct interf_time *t, struct interf_error *err)
{
    if (!isfinite(utc->d1) || !isfinite(utc->d2) || !isfinite(dut1_s))
        return interf_error_set(err, INTERF_EINPUT, "time: not a finite date or UT1-UTC");
    if (fabs(dut1_s) > 1.0)
        return interf_error_set(err, INTERF_EINPUT,
                                "UT1-UTC: %g s: beyond the 0.9 s that UTC keeps it within",
                                dut1_s);
    memset(t, 0, sizeof *t);
    t->utc = *utc;
    int iy, im, id;
    double fd;
    /* eraUtctai: -1 before 1960 (no UTC), +1 "dubious year": later than the release's
     * leap-second table can know (ERFA 2.0: after 2026) */
    int j = eraUtctai(utc->d1, utc->d2, &t->tai.d1, &t->tai.d2);
    if (j < 0 || eraJd2cal(utc->d1, utc->d2, &iy, &im, &id, &fd) != 0 || iy < 1960 ||
        eraDat(iy, im, id, fd, &t->tai_utc_s) < 0) {
        char buf[48];
        return interf_error_set(err, INTERF_EINPUT, "%s: no UTC before 1960",
                                interf_jd_format_utc(utc, 0, buf, sizeof buf));
    }
    if (j == 1)
        t->flags |= INTERF_TIME_DUBIOUS;
    eraTaitt(t->tai.d1, t->tai.d2, &t->tt.d1, &t->tt.d2);
    eraUtcut1(utc->d1, utc->d2, dut1_s, &t->ut1.d1, &t->ut1.d2);
    /* TDB - TT at the geocentre: the observer terms vanish with u = v = 0, so ut (the UT1
     * fraction of the day, used only by them) is given for form's sake */
    double ut_frac = fmod(fmod(t->ut1.d1, 1.0) + fmod(t->ut1.d2, 1.0) + 1.5, 1.0);
    double dtr = eraDtdb(t->tt.d1, t->tt.d2, ut_frac, 0.0, 0.0, 0.0);
    eraTttdb(t->tt.d1, t->tt.d2, dtr, &t->tdb.d1, &t->tdb.d2);
    return INTERF_OK;
}

double interf_gmst82_rad(const struct interf_jd *ut1)
{
    return eraGmst82(ut1->d1, ut1->d2);
}

double interf_era_rad(const struct interf_jd *ut1)
{
    return eraEra00(ut1->d1, ut1->d2);
}

/* The IAU 2006 frame bias B (r_eme2000 = B r_gcrf): eraBp06's bias matrix does not depend on
 * the date it is asked at. */
static void frame_bias(double rb[3][3])
{
    double rp[3][3], rbp[3][3];
    eraBp06(ERFA_DJ00, 0.0, rb, rp, rbp);
}

static void gcrf_rotation(const struct interf_time *t, const struct interf_eop *eop,
                          struct interf_earth_rotation *rot)
{
    double x, y, rc2i[3][3];
    /* IERS Conventions (2010) §5.5.4: X, Y of the CIP from the IAU 2006/2000A series plus the
     * observed offsets dX, dY; s from X, Y (eq. 5.16, eraS06) */
    eraXy06(t->tt.d1, t->tt.d2, &x, &y);
    x += eop->dx_rad;
    y += eop->dy_rad;
    eraC2ixys(x, y, eraS06(t->tt.d1, t->tt.d2, x, y), rc2i);
    /* eq. (5.3): W = R3(-s') R2(xp) R1(yp); eraPom00 gives the TIRS -> ITRS matrix */
    eraPom00(eop->xp_rad, eop->yp_rad, eraSp00(t->tt.d1, t->tt.d2), rot->polar_motion);
    eraC2tcio(rc2i, interf_era_rad(&t->ut1), rot->polar_motion, rot->c2t);
    rot->omega_rad_s = ERA_RATE_RAD_S;
}

void interf_earth_rotation_at(enum interf_celestial frame, const struct interf_time *t,
                              const struct interf_eop *eop, struct interf_earth_rotation *rot)
{
    static const struct interf_eop none = {0, 0, 0, 0, 0};
    if (!eop)
        eop = &none;
    switch (frame) {
    case INTERF_CELESTIAL_GCRF:
        gcrf_rotation(t, eop, rot);
        break;
    case INTERF_CELESTIAL_EME2000: {
        double rb[3][3], rbt[3][3], c2t[3][3];
        gcrf_rotation(t, eop, rot);
        frame_bias(rb);
        eraTr(rb, rbt);
        eraRxr(rot->c2t, rbt, c2t);
        eraCr(c2t, rot->c2t);
        break;
    }
    case INTERF_CELESTIAL_TEME: {
        /* Vallado et al., AIAA 2006-6753, teme2ecef: r_pef = R3(gmst82) r_teme, then polar
         * motion of the IAU-76/FK5 theory (no s') */
        double st[3][3];
        eraIr(st);
        eraRz(interf_gmst82_rad(&t->ut1), st);
        eraPom00(eop->xp_rad, eop->yp_rad, 0.0, rot->polar_motion);
        eraRxr(rot->polar_motion, st, rot->c2t);
        rot->omega_rad_s = ERA_RATE_RAD_S;
        break;
    }
    }
}

/* m v and m^T v for const operands (ERFA's prototypes take non-const arrays) */
static void mxv(const double m[3][3], const double v[3], double out[3])
{
    double o[3];
    for (int i = 0; i < 3; i++)
        o[i] = m[i][0] * v[0] + m[i][1] * v[1] + m[i][2] * v[2];
    memcpy(out, o, sizeof o);
}

static void mtxv(const double m[3][3], const double v[3], double out[3])
{
    double o[3];
    for (int i = 0; i < 3; i++)
        o[i] = m[0][i] * v[0] + m[1][i] * v[1] + m[2][i] * v[2];
    memcpy(out, o, sizeof o);
}

/* W (omega z x r_tirs), r_tirs = W^T r_itrf: the velocity the Earth's rotation adds in ITRF
 * (Vallado et al. 2006, teme2ecef; IERS Conventions 2010 §5.4.4) */
static void rotation_term(const struct interf_earth_rotation *rot, const double r_itrf[3],
                          double dv[3])
{
    double r_tirs[3], w_x_r[3];
    mtxv(rot->polar_motion, r_itrf, r_tirs);
    w_x_r[0] = -rot->omega_rad_s * r_tirs[1];
    w_x_r[1] = rot->omega_rad_s * r_tirs[0];
    w_x_r[2] = 0.0;
    mxv(rot->polar_motion, w_x_r, dv);
}

void interf_celestial_to_itrf(const struct interf_earth_rotation *rot, const double r_km[3],
                              const double v_km_s[3], double r_itrf_km[3], double v_itrf_km_s[3])
{
    double r[3], v[3], dv[3];
    mxv(rot->c2t, r_km, r);
    if (v_km_s && v_itrf_km_s) {
        rotation_term(rot, r, dv);
        mxv(rot->c2t, v_km_s, v);
        for (int k = 0; k < 3; k++)
            v_itrf_km_s[k] = v[k] - dv[k];
    }
    memcpy(r_itrf_km, r, sizeof r);
}

void interf_itrf_to_celestial(const struct interf_earth_rotation *rot, const double r_itrf_km[3],
                              const double v_itrf_km_s[3], double r_km[3], double v_km_s[3])
{
    double dv[3], v[3];
    if (v_itrf_km_s && v_km_s) {
        rotation_term(rot, r_itrf_km, dv);
        for (int k = 0; k < 3; k++)
            v[k] = v_itrf_km_s[k] + dv[k];
        mtxv(rot->c2t, v, v_km_s);
    }
    mtxv(rot->c2t, r_itrf_km, r_km);
}

void interf_eme2000_to_gcrf(const double r_km[3], const double v_km_s[3], double r_gcrf_km[3],
                            double v_gcrf_km_s[3])
{
    double rb[3][3];
    frame_bias(rb);
    mtxv((const double(*)[3])rb, r_km, r_gcrf_km);
    if (v_km_s && v_gcrf_km_s)
        mtxv((const double(*)[3])rb, v_km_s, v_gcrf_km_s);
}

void interf_gcrf_to_eme2000(const double r_gcrf_km[3], const double v_gcrf_km_s[3],
                            double r_km[3], double v_km_s[3])
{
    double rb[3][3];
    frame_bias(rb);
    mxv((const double(*)[3])rb, r_gcrf_km, r_km);
    if (v_gcrf_km_s && v_km_s)
        mxv((const double(*)[3])rb, v_gcrf_km_s, v_km_s);
}
