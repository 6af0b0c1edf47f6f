/* SPDX-License-Identifier: MIT */
/* SDP4, the deep-space part of SGP4 for periods of 225 min and more: lunar-solar secular rates
 * and periodics, and the geopotential resonance of 12 h and 24 h orbits with its numerical
 * integrator (Vallado, Crawford, Hujsak and Kelso, "Revisiting Spacetrack Report #3", AIAA
 * 2006-6753 (2006), procedures dscom, dsinit, dspace and dpper, "improved" mode). */
#include <math.h>

#include "sgp4_impl.h"

/* Earth rotation rate used by the resonance, rad/min (AIAA 2006-6753 dsinit, rptim) */
#define RPTIM 4.37526908801129966e-3
/* Inclinations within this of 0 or 180 deg drop the node terms (AIAA 2006-6753 dsinit) */
#define INCL_EDGE 5.2359877e-2
/* Integrator step (min) of the resonance terms, and step^2 / 2 */
#define STEP_MIN 720.0
#define STEP2 259200.0

/* Solar and lunar constants (AIAA 2006-6753 dscom, dsinit, dpper): mean motions of the
 * anomalies (rad/min), eccentricities, and the orientation of the ecliptic. */
#define ZNS 1.19459e-5
#define ZNL 1.5835218e-4
#define ZES 0.01675
#define ZEL 0.05490
#define C1SS 2.9864797e-6
#define C1L 4.7968065e-7
#define ZSINIS 0.39785416
#define ZCOSIS 0.91744867
#define ZCOSGS 0.1945905
#define ZSINGS -0.98088458

/* The satellite's mean orbit at epoch, as dscom sees it. */
struct orbit_trig {
    double sinim, cosim, sinomm, cosomm, snodm, cnodm;
    double em, emsq, betasq, rtemsq, xnoi;
};

/* dscom's auxiliary quantities for one perturbing body (s1..s7 and z1..z33). */
struct aux {
    double s1, s2, s3, s4, s5, s6, s7;
    double z1, z2, z3, z11, z12, z13, z21, z22, z23, z31, z32, z33;
};

/* Orientation of a perturbing body (its argument of perigee g, inclination i and node h
 * relative to the satellite's equator, as sines and cosines) projected on the satellite's
 * orbit; cc is the body's strength (AIAA 2006-6753 dscom, body loop). */
static void body_aux(double zcosg, double zsing, double zcosi, double zsini, double zcosh,
                     double zsinh, double cc, const struct orbit_trig *o, struct aux *a)
{
    double a1 = zcosg * zcosh + zsing * zcosi * zsinh;
    double a3 = -zsing * zcosh + zcosg * zcosi * zsinh;
    double a7 = -zcosg * zsinh + zsing * zcosi * zcosh;
    double a8 = zsing * zsini;
    double a9 = zsing * zsinh + zcosg * zcosi * zcosh;
    double a10 = zcosg * zsini;
    double a2 = o->cosim * a7 + o->sinim * a8;
    double a4 = o->cosim * a9 + o->sinim * a10;
    double a5 = -o->sinim * a7 + o->cosim * a8;
    double a6 = -o->sinim * a9 + o->cosim * a10;
    double x1 = a1 * o->cosomm + a2 * o->sinomm;
    double x2 = a3 * o->cosomm + a4 * o->sinomm;
    double x3 = -a1 * o->sinomm + a2 * o->cosomm;
    double x4 = -a3 * o->sinomm + a4 * o->cosomm;
    double x5 = a5 * o->sinomm, x6 = a6 * o->sinomm, x7 = a5 * o->cosomm, x8 = a6 * o->cosomm;
    double emsq = o->emsq;
    a->z31 = 12.0 * x1 * x1 - 3.0 * x3 * x3;
    a->z32 = 24.0 * x1 * x2 - 6.0 * x3 * x4;
    a->z33 = 12.0 * x2 * x2 - 3.0 * x4 * x4;
    double z1 = 3.0 * (a1 * a1 + a2 * a2) + a->z31 * emsq;
    double z2 = 6.0 * (a1 * a3 + a2 * a4) + a->z32 * emsq;
    double z3 = 3.0 * (a3 * a3 + a4 * a4) + a->z33 * emsq;
    a->z11 = -6.0 * a1 * a5 + emsq * (-24.0 * x1 * x7 - 6.0 * x3 * x5);
    a->z12 = -6.0 * (a1 * a6 + a3 * a5) +
             emsq * (-24.0 * (x2 * x7 + x1 * x8) - 6.0 * (x3 * x6 + x4 * x5));
    a->z13 = -6.0 * a3 * a6 + emsq * (-24.0 * x2 * x8 - 6.0 * x4 * x6);
    a->z21 = 6.0 * a2 * a5 + emsq * (24.0 * x1 * x5 - 6.0 * x3 * x7);
    a->z22 = 6.0 * (a4 * a5 + a2 * a6) +
             emsq * (24.0 * (x2 * x5 + x1 * x6) - 6.0 * (x4 * x7 + x3 * x8));
    a->z23 = 6.0 * a4 * a6 + emsq * (24.0 * x2 * x6 - 6.0 * x4 * x8);
    a->z1 = z1 + z1 + o->betasq * a->z31;
    a->z2 = z2 + z2 + o->betasq * a->z32;
    a->z3 = z3 + z3 + o->betasq * a->z33;
    a->s3 = cc * o->xnoi;
    a->s2 = -0.5 * a->s3 / o->rtemsq;
    a->s4 = a->s3 * o->rtemsq;
    a->s1 = -15.0 * o->em * a->s4;
    a->s5 = x1 * x3 + x2 * x4;
    a->s6 = x2 * x3 + x1 * x4;
    a->s7 = x2 * x4 - x1 * x3;
}

/* Periodic coefficients of one body (AIAA 2006-6753 dscom, "do solar/lunar terms"). */
static void body_periodics(const struct aux *a, double emsq, double ze, struct sgp4_body *b)
{
    b->e2 = 2.0 * a->s1 * a->s6;
    b->e3 = 2.0 * a->s1 * a->s7;
    b->i2 = 2.0 * a->s2 * a->z12;
    b->i3 = 2.0 * a->s2 * (a->z13 - a->z11);
    b->l2 = -2.0 * a->s3 * a->z2;
    b->l3 = -2.0 * a->s3 * (a->z3 - a->z1);
    b->l4 = -2.0 * a->s3 * (-21.0 - 9.0 * emsq) * ze;
    b->gh2 = 2.0 * a->s4 * a->z32;
    b->gh3 = 2.0 * a->s4 * (a->z33 - a->z31);
    b->gh4 = -18.0 * a->s4 * ze;
    b->h2 = -2.0 * a->s2 * a->z22;
    b->h3 = -2.0 * a->s2 * (a->z23 - a->z21);
    b->ze = ze;
}

/* Secular rates of one body: de/dt, di/dt, dM/dt, d(omega)/dt and dOmega/dt sin i, the last two
 * before the division by sin i (AIAA 2006-6753 dsinit). */
static void body_rates(const struct aux *a, double zn, double emsq, double r[5])
{
    r[0] = a->s1 * zn * a->s5;
    r[1] = a->s2 * zn * (a->z11 + a->z13);
    r[2] = -zn * a->s3 * (a->z1 + a->z3 - 14.0 - 6.0 * emsq);
    r[3] = a->s4 * zn * (a->z31 + a->z33 - 6.0);
    r[4] = -zn * a->s2 * (a->z21 + a->z23);
}

/* 12 h resonance: the d coefficients of the 2nd to 5th degree terms (AIAA 2006-6753 dsinit,
 * "geopotential resonance for 12 hour orbits"). */
static void half_day_terms(struct sgp4_deep *d, double em, double emsq, double cosim,
                           double sinim, double nm, double aonv)
{
    double eoc = em * emsq, cosisq = cosim * cosim;
    double g201 = -0.306 - (em - 0.64) * 0.440;
    double g211, g310, g322, g410, g422, g520, g521, g532, g533;
    if (em <= 0.65) {
        g211 = 3.616 - 13.2470 * em + 16.2900 * emsq;
        g310 = -19.302 + 117.3900 * em - 228.4190 * emsq + 156.5910 * eoc;
        g322 = -18.9068 + 109.7927 * em - 214.6334 * emsq + 146.5816 * eoc;
        g410 = -41.122 + 242.6940 * em - 471.0940 * emsq + 313.9530 * eoc;
        g422 = -146.407 + 841.8800 * em - 1629.014 * emsq + 1083.4350 * eoc;
        g520 = -532.114 + 3017.977 * em - 5740.032 * emsq + 3708.2760 * eoc;
    } else {
        g211 = -72.099 + 331.819 * em - 508.738 * emsq + 266.724 * eoc;
        g310 = -346.844 + 1582.851 * em - 2415.925 * emsq + 1246.113 * eoc;
        g322 = -342.585 + 1554.908 * em - 2366.899 * emsq + 1215.972 * eoc;
        g410 = -1052.797 + 4758.686 * em - 7193.992 * emsq + 3651.957 * eoc;
        g422 = -3581.690 + 16178.110 * em - 24462.770 * emsq + 12422.520 * eoc;
        g520 = em > 0.715 ? -5149.66 + 29936.92 * em - 54087.36 * emsq + 31324.56 * eoc
                          : 1464.74 - 4664.75 * em + 3763.64 * emsq;
    }
    if (em < 0.7) {
        g533 = -919.22770 + 4988.6100 * em - 9064.7700 * emsq + 5542.21 * eoc;
        g521 = -822.71072 + 4568.6173 * em - 8491.4146 * emsq + 5337.524 * eoc;
        g532 = -853.66600 + 4690.2500 * em - 8624.7700 * emsq + 5341.4 * eoc;
    } else {
        g533 = -37995.780 + 161616.52 * em - 229838.20 * emsq + 109377.94 * eoc;
        g521 = -51752.104 + 218913.95 * em - 309468.16 * emsq + 146349.42 * eoc;
        g532 = -40023.880 + 170470.89 * em - 242699.48 * emsq + 115605.82 * eoc;
    }
    double sini2 = sinim * sinim;
    double f220 = 0.75 * (1.0 + 2.0 * cosim + cosisq);
    double f221 = 1.5 * sini2;
    double f321 = 1.875 * sinim * (1.0 - 2.0 * cosim - 3.0 * cosisq);
    double f322 = -1.875 * sinim * (1.0 + 2.0 * cosim - 3.0 * cosisq);
    double f441 = 35.0 * sini2 * f220;
    double f442 = 39.3750 * sini2 * sini2;
    double f522 = 9.84375 * sinim * (sini2 * (1.0 - 2.0 * cosim - 5.0 * cosisq) +
                                     0.33333333 * (-2.0 + 4.0 * cosim + 6.0 * cosisq));
    double f523 = sinim * (4.92187512 * sini2 * (-2.0 - 4.0 * cosim + 10.0 * cosisq) +
                           6.56250012 * (1.0 + 2.0 * cosim - 3.0 * cosisq));
    double f542 = 29.53125 * sinim *
                  (2.0 - 8.0 * cosim + cosisq * (-12.0 + 8.0 * cosim + 10.0 * cosisq));
    double f543 = 29.53125 * sinim *
                  (-2.0 - 8.0 * cosim + cosisq * (12.0 + 8.0 * cosim - 10.0 * cosisq));
    /* root22.. root54: the geopotential coefficients of the resonant terms */
    double temp1 = 3.0 * (nm * nm) * (aonv * aonv);
    double temp = temp1 * 1.7891679e-6;
    d->d2201 = temp * f220 * g201;
    d->d2211 = temp * f221 * g211;
    temp1 = temp1 * aonv;
    temp = temp1 * 3.7393792e-7;
    d->d3210 = temp * f321 * g310;
    d->d3222 = temp * f322 * g322;
    temp1 = temp1 * aonv;
    temp = 2.0 * temp1 * 7.3636953e-9;
    d->d4410 = temp * f441 * g410;
    d->d4422 = temp * f442 * g422;
    temp1 = temp1 * aonv;
    temp = temp1 * 1.1428639e-7;
    d->d5220 = temp * f522 * g520;
    d->d5232 = temp * f523 * g532;
    temp = 2.0 * temp1 * 2.1765803e-9;
    d->d5421 = temp * f542 * g521;
    d->d5433 = temp * f543 * g533;
}

/* 24 h resonance (AIAA 2006-6753 dsinit, "synchronous resonance terms"; q22, q31, q33). */
static void synchronous_terms(struct sgp4_deep *d, double emsq, double cosim, double sinim,
                              double nm, double aonv)
{
    double g200 = 1.0 + emsq * (-2.5 + 0.8125 * emsq);
    double g310 = 1.0 + 2.0 * emsq;
    double g300 = 1.0 + emsq * (-6.0 + 6.60937 * emsq);
    double f220 = 0.75 * (1.0 + cosim) * (1.0 + cosim);
    double f311 = 0.9375 * sinim * sinim * (1.0 + 3.0 * cosim) - 0.75 * (1.0 + cosim);
    double f330 = 1.0 + cosim;
    f330 = 1.875 * f330 * f330 * f330;
    double del1 = 3.0 * nm * nm * aonv * aonv;
    d->del2 = 2.0 * del1 * f220 * g200 * 1.7891679e-6;
    d->del3 = 3.0 * del1 * f330 * g300 * 2.2123015e-7 * aonv;
    d->del1 = del1 * f311 * g310 * 2.1460748e-6 * aonv;
}

void sgp4_deep_init(struct interf_sgp4 *sat, double epoch, double eccsq)
{
    const struct sgp4_ne *ne = &sat->ne;
    struct sgp4_deep *d = &sat->deep;
    struct orbit_trig o;
    /* dscom at epoch (tc = 0) */
    o.snodm = sin(ne->nodeo);
    o.cnodm = cos(ne->nodeo);
    o.sinomm = sin(ne->argpo);
    o.cosomm = cos(ne->argpo);
    o.sinim = sin(ne->inclo);
    o.cosim = cos(ne->inclo);
    o.em = ne->ecco;
    o.emsq = o.em * o.em;
    o.betasq = 1.0 - o.emsq;
    o.rtemsq = sqrt(o.betasq);
    o.xnoi = 1.0 / ne->no;

    /* the Moon's node, inclination and argument from the date (days since 1900 Jan 0.5) */
    double day = epoch + 18261.5;
    double xnodce = fmod(4.5236020 - 9.2422029e-4 * day, SGP4_TWO_PI);
    double stem = sin(xnodce), ctem = cos(xnodce);
    double zcosil = 0.91375164 - 0.03568096 * ctem;
    double zsinil = sqrt(1.0 - zcosil * zcosil);
    double zsinhl = 0.089683511 * stem / zsinil;
    double zcoshl = sqrt(1.0 - zsinhl * zsinhl);
    double gam = 5.8351514 + 0.0019443680 * day;
    double zx = atan2(0.39785416 * stem / zsinil, zcoshl * ctem + 0.91744867 * zsinhl * stem);
    zx = gam + zx - xnodce;

    struct aux sun, moon;
    body_aux(ZCOSGS, ZSINGS, ZCOSIS, ZSINIS, o.cnodm, o.snodm, C1SS, &o, &sun);
    body_aux(cos(zx), sin(zx), zcosil, zsinil, zcoshl * o.cnodm + zsinhl * o.snodm,
             o.snodm * zcoshl - o.cnodm * zsinhl, C1L, &o, &moon);
    body_periodics(&sun, o.emsq, ZES, &d->body[0]);
    body_periodics(&moon, o.emsq, ZEL, &d->body[1]);
    d->body[0].zmo = fmod(6.2565837 + 0.017201977 * day, SGP4_TWO_PI);
    d->body[0].zn = ZNS;
    d->body[1].zmo = fmod(4.7199672 + 0.22997150 * day - gam, SGP4_TWO_PI);
    d->body[1].zn = ZNL;

    /* dsinit: secular rates; the node terms vanish near 0 and 180 deg of inclination */
    double rs[5], rl[5];
    body_rates(&sun, ZNS, o.emsq, rs);
    body_rates(&moon, ZNL, o.emsq, rl);
    int edge = ne->inclo < INCL_EDGE || ne->inclo > INTERF_PI - INCL_EDGE;
    double shs = edge ? 0.0 : rs[4], shll = edge ? 0.0 : rl[4];
    if (o.sinim != 0.0)
        shs = shs / o.sinim;
    d->dedt = rs[0] + rl[0];
    d->didt = rs[1] + rl[1];
    d->dmdt = rs[2] + rl[2];
    d->domdt = (rs[3] - o.cosim * shs) + rl[3];
    d->dnodt = shs;
    if (o.sinim != 0.0) {
        d->domdt = d->domdt - o.cosim / o.sinim * shll;
        d->dnodt = d->dnodt + shll / o.sinim;
    }

    /* resonance: 24 h for a mean motion between 0.0034906585 and 0.0052359877 rad/min, 12 h
     * for 8.26e-3 to 9.24e-3 rad/min with e >= 0.5 */
    double nm = ne->no, em = ne->ecco;
    d->irez = 0;
    if (nm < 0.0052359877 && nm > 0.0034906585)
        d->irez = 1;
    if (nm >= 8.26e-3 && nm <= 9.24e-3 && em >= 0.5)
        d->irez = 2;
    if (d->irez == 0)
        return;
    double theta = fmod(d->gsto, SGP4_TWO_PI);
    double aonv = pow(nm / SGP4_XKE, 2.0 / 3.0);
    if (d->irez == 2) {
        half_day_terms(d, ne->ecco, eccsq, o.cosim, o.sinim, nm, aonv);
        d->xlamo = fmod(ne->mo + ne->nodeo + ne->nodeo - theta - theta, SGP4_TWO_PI);
        d->xfact = ne->mdot + d->dmdt + 2.0 * (ne->nodedot + d->dnodt - RPTIM) - ne->no;
    } else {
        synchronous_terms(d, o.emsq, o.cosim, o.sinim, nm, aonv);
        double xpidot = ne->argpdot + ne->nodedot;
        d->xlamo = fmod(ne->mo + ne->nodeo + ne->argpo - theta, SGP4_TWO_PI);
        d->xfact = ne->mdot + xpidot - RPTIM + d->dmdt + d->domdt + d->dnodt - ne->no;
    }
}

/* Rates of the resonance integrator at (xli, xni) and time atime (min): dn/dt, d2n/dt2 and
 * dlambda/dt (AIAA 2006-6753 dspace, "dot terms calculated"). */
static void resonance_rates(const struct interf_sgp4 *sat, double xli, double xni, double atime,
                            double *xndt, double *xnddt, double *xldot)
{
    const struct sgp4_deep *d = &sat->deep;
    *xldot = xni + d->xfact;
    if (d->irez != 2) {
        /* fasx2, fasx4, fasx6 */
        double a = xli - 0.13130908, b = 2.0 * (xli - 2.8843198), c = 3.0 * (xli - 0.37448087);
        *xndt = d->del1 * sin(a) + d->del2 * sin(b) + d->del3 * sin(c);
        *xnddt = (d->del1 * cos(a) + 2.0 * d->del2 * cos(b) + 3.0 * d->del3 * cos(c)) * *xldot;
        return;
    }
    /* g22, g32, g44, g52, g54 */
    const double g22 = 5.7686396, g32 = 0.95240898, g44 = 1.8014998, g52 = 1.0508330,
                 g54 = 4.4108898;
    double xomi = sat->ne.argpo + sat->ne.argpdot * atime;
    double x2omi = xomi + xomi, x2li = xli + xli;
    *xndt = d->d2201 * sin(x2omi + xli - g22) + d->d2211 * sin(xli - g22) +
            d->d3210 * sin(xomi + xli - g32) + d->d3222 * sin(-xomi + xli - g32) +
            d->d4410 * sin(x2omi + x2li - g44) + d->d4422 * sin(x2li - g44) +
            d->d5220 * sin(xomi + xli - g52) + d->d5232 * sin(-xomi + xli - g52) +
            d->d5421 * sin(xomi + x2li - g54) + d->d5433 * sin(-xomi + x2li - g54);
    *xnddt = (d->d2201 * cos(x2omi + xli - g22) + d->d2211 * cos(xli - g22) +
              d->d3210 * cos(xomi + xli - g32) + d->d3222 * cos(-xomi + xli - g32) +
              d->d5220 * cos(xomi + xli - g52) + d->d5232 * cos(-xomi + xli - g52) +
              2.0 * (d->d4410 * cos(x2omi + x2li - g44) + d->d4422 * cos(x2li - g44) +
                     d->d5421 * cos(xomi + x2li - g54) + d->d5433 * cos(-xomi + x2li - g54))) *
             *xldot;
}

/* The resonance: mean motion nm and mean anomaly mm at t, integrated from the epoch in steps
 * of 720 min (Euler-Maclaurin), then a Taylor step to t (AIAA 2006-6753 dspace). The reference
 * keeps the last step between calls; starting from the epoch each time gives the same
 * numbers, and keeps the satellite read-only. */
static void resonance(const struct interf_sgp4 *sat, double t, double theta, double nodem,
                      double argpm, double *nm, double *mm)
{
    const struct sgp4_deep *d = &sat->deep;
    double xli = d->xlamo, xni = sat->ne.no, atime = 0.0;
    double delt = t > 0.0 ? STEP_MIN : -STEP_MIN;
    double xndt, xnddt, xldot;
    for (;;) {
        resonance_rates(sat, xli, xni, atime, &xndt, &xnddt, &xldot);
        if (!(fabs(t - atime) >= STEP_MIN))
            break;
        xli = xli + xldot * delt + xndt * STEP2;
        xni = xni + xndt * delt + xnddt * STEP2;
        atime = atime + delt;
    }
    double ft = t - atime;
    double n = xni + xndt * ft + xnddt * ft * ft * 0.5;
    double xl = xli + xldot * ft + xndt * ft * ft * 0.5;
    *mm = d->irez != 1 ? xl - 2.0 * nodem + 2.0 * theta : xl - nodem - argpm + theta;
    *nm = sat->ne.no + (n - sat->ne.no);
}

/* Lunar-solar periodics added to the mean elements at t (AIAA 2006-6753 dpper), with the
 * Lyddane form below 0.2 rad of inclination. */
static void lunar_solar(const struct sgp4_deep *d, double t, double *ep, double *inclp,
                        double *nodep, double *argpp, double *mp)
{
    double pe = 0.0, pinc = 0.0, pl = 0.0, pgh = 0.0, ph = 0.0;
    for (int k = 0; k < 2; k++) {
        const struct sgp4_body *b = &d->body[k];
        double zm = b->zmo + b->zn * t;
        double zf = zm + 2.0 * b->ze * sin(zm);
        double sinzf = sin(zf);
        double f2 = 0.5 * sinzf * sinzf - 0.25;
        double f3 = -0.5 * sinzf * cos(zf);
        pe += b->e2 * f2 + b->e3 * f3;
        pinc += b->i2 * f2 + b->i3 * f3;
        pl += b->l2 * f2 + b->l3 * f3 + b->l4 * sinzf;
        pgh += b->gh2 * f2 + b->gh3 * f3 + b->gh4 * sinzf;
        ph += b->h2 * f2 + b->h3 * f3;
    }
    *inclp = *inclp + pinc;
    *ep = *ep + pe;
    double sinip = sin(*inclp), cosip = cos(*inclp);
    if (*inclp >= 0.2) {
        ph = ph / sinip;
        pgh = pgh - cosip * ph;
        *argpp = *argpp + pgh;
        *nodep = *nodep + ph;
        *mp = *mp + pl;
        return;
    }
    /* Lyddane: perturb the node through sin i (sin, cos Omega), which stays regular at i = 0 */
    double sinop = sin(*nodep), cosop = cos(*nodep);
    double alfdp = sinip * sinop + (ph * cosop + pinc * cosip * sinop);
    double betdp = sinip * cosop + (-ph * sinop + pinc * cosip * cosop);
    double node = fmod(*nodep, SGP4_TWO_PI);
    double xls = *mp + *argpp + cosip * node + (pl + pgh - pinc * node * sinip);
    double xnoh = node;
    node = atan2(alfdp, betdp);
    if (fabs(xnoh - node) > INTERF_PI)
        node = node < xnoh ? node + SGP4_TWO_PI : node - SGP4_TWO_PI;
    *nodep = node;
    *mp = *mp + pl;
    *argpp = xls - *mp - cosip * node;
}

void sgp4_deep_mean(const struct interf_sgp4 *sat, double t, struct sgp4_mean *out)
{
    const struct sgp4_ne *ne = &sat->ne;
    const struct sgp4_deep *d = &sat->deep;
    /* secular gravity and drag of the simplified model (AIAA 2006-6753 sgp4) */
    double t2 = t * t;
    double argpm = ne->argpo + ne->argpdot * t;
    double nodem = (ne->nodeo + ne->nodedot * t) + ne->nodecf * t2;
    double mm = ne->mo + ne->mdot * t;
    double tempa = 1.0 - ne->cc1 * t;
    double tempe = ne->bc4 * t;
    double templ = ne->t2cof * t2;
    /* dspace: lunar-solar secular rates and the resonance */
    double theta = fmod(d->gsto + t * RPTIM, SGP4_TWO_PI);
    double em = ne->ecco + d->dedt * t;
    double inclm = ne->inclo + d->didt * t;
    argpm = argpm + d->domdt * t;
    nodem = nodem + d->dnodt * t;
    mm = mm + d->dmdt * t;
    double nm = ne->no;
    if (d->irez != 0)
        resonance(sat, t, theta, nodem, argpm, &nm, &mm);
    out->code = 0;
    if (nm <= 0.0) {
        out->code = INTERF_SGP4_MEAN_MOTION;
        return;
    }
    double am = pow(SGP4_XKE / nm, 2.0 / 3.0) * tempa * tempa;
    nm = SGP4_XKE / pow(am, 1.5);
    em = em - tempe;
    if (em >= 1.0 || em < -0.001) {
        out->code = INTERF_SGP4_ECCENTRICITY;
        return;
    }
    if (em < 1.0e-6)
        em = 1.0e-6;
    mm = mm + ne->no * templ;
    double xlm = fmod(mm + argpm + nodem, SGP4_TWO_PI);
    nodem = fmod(nodem, SGP4_TWO_PI);
    argpm = fmod(argpm, SGP4_TWO_PI);
    mm = fmod(xlm - argpm - nodem, SGP4_TWO_PI);

    lunar_solar(d, t, &em, &inclm, &nodem, &argpm, &mm);
    if (inclm < 0.0) {
        inclm = -inclm;
        nodem = nodem + INTERF_PI;
        argpm = argpm - INTERF_PI;
    }
    if (em < 0.0 || em > 1.0) {
        out->code = INTERF_SGP4_PERTURBED_ECC;
        return;
    }
    /* the inclination-dependent coefficients from the perturbed inclination */
    double sinip = sin(inclm), cosip = cos(inclm), cosisq = cosip * cosip;
    double den = fabs(cosip + 1.0) > 1.5e-12 ? 1.0 + cosip : 1.5e-12;
    *out = (struct sgp4_mean){
        .ep = em, .xincp = inclm, .sinip = sinip, .cosip = cosip, .nodep = nodem,
        .argpp = argpm, .mp = mm, .am = am, .nm = nm,
        .aycof = -0.5 * SGP4_J3OJ2 * sinip,
        .xlcof = -0.25 * SGP4_J3OJ2 * sinip * (3.0 + 5.0 * cosip) / den,
        .con41 = 3.0 * cosisq - 1.0, .x1mth2 = 1.0 - cosisq, .x7thm1 = 7.0 * cosisq - 1.0,
        .code = 0};
}
