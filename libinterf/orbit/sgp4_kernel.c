/* SPDX-License-Identifier: MIT */
/* The SGP4 propagation of Vallado, Crawford, Hujsak and Kelso, "Revisiting Spacetrack Report
 * #3", AIAA 2006-6753 (2006), procedure sgp4: the near-Earth secular terms, and the long-period
 * periodics, Kepler's equation and short-period periodics shared with SDP4. Written as
 * branch-free loops over a chunk of satellites that gcc vectorises; the sines and cosines are
 * a polynomial of this file, so a vector lane and a call for one satellite give the same bits
 * (this needs IEEE arithmetic without contraction into FMA: gcc's default in ISO C mode). */
#include <math.h>
#include <stddef.h>

#include "sgp4_impl.h"

#ifdef __clang__
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
/* Let gcc if-convert and vectorise the selects: with FP exceptions honoured it will not
 * evaluate a comparison or an operation of one arm of a select unconditionally. No value
 * changes (that would take -ffast-math's reassociation or contraction, which stay off). */
#pragma GCC optimize("no-trapping-math")
#endif

#if defined(__x86_64__) && defined(__GNUC__)
#define SGP4_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define SGP4_CLONES
#endif
#if defined(__GNUC__)
#define SGP4_INLINE static inline __attribute__((always_inline))
#else
#define SGP4_INLINE static inline
#endif

/* Satellites per chunk: the work arrays of one chunk stay in L1. */
#define CHUNK 64

/* pi/2 in three parts of 33, 33 and 53 bits: q * PIO2_A and q * PIO2_B are exact for
 * |q| < 2^20, so x - q pi/2 keeps full precision for |x| up to about 1.6e6 rad (SGP4's mean
 * anomaly reaches that after some 40 years). */
#define PIO2_A 0x1.921fb544p+0
#define PIO2_B 0x1.0b4611a6p-34
#define PIO2_C 0x1.3198a2e037073p-69
#define TWO_OVER_PI 0x1.45f306dc9c883p-1
#define INV_TWO_PI 0x1.45f306dc9c883p-3
/* 1.5 * 2^52: (y + ROUNDER) - ROUNDER is y rounded to the nearest integer for |y| < 2^51, in
 * two additions that vectorise (gcc vectorises floor only when FP exceptions may be ignored) */
#define ROUNDER 0x1.8p52

/* sin x and cos x within about 1 ulp: x = q pi/2 + r with |r| <= pi/4, then the Taylor series
 * of sin r to r^17 and of cos r to r^18 (the first term left out is below 1e-19), then the
 * quadrant q mod 4 by selects, all in double precision so that gcc vectorises it. */
SGP4_INLINE void sincos_poly(double x, double *s, double *c)
{
    double q = (x * TWO_OVER_PI + ROUNDER) - ROUNDER;
    double r = ((x - q * PIO2_A) - q * PIO2_B) - q * PIO2_C;
    double r2 = r * r;
    double ps = r + r * r2 * (-1.0 / 6.0 + r2 * (1.0 / 120.0 + r2 * (-1.0 / 5040.0 +
                r2 * (1.0 / 362880.0 + r2 * (-1.0 / 39916800.0 + r2 * (1.0 / 6227020800.0 +
                r2 * (-1.0 / 1307674368000.0 + r2 * (1.0 / 355687428096000.0))))))));
    double pc = 1.0 + r2 * (-0.5 + r2 * (1.0 / 24.0 + r2 * (-1.0 / 720.0 + r2 * (1.0 / 40320.0 +
                r2 * (-1.0 / 3628800.0 + r2 * (1.0 / 479001600.0 + r2 * (-1.0 / 87178291200.0 +
                r2 * (1.0 / 20922789888000.0 + r2 * (-1.0 / 6402373705728000.0)))))))));
    /* q mod 4 as -2..2, exact: -1 is quadrant 3 and -2 quadrant 2 */
    double quad = q - 4.0 * ((0.25 * q + ROUNDER) - ROUNDER);
    int odd = fabs(quad) == 1.0;
    double sv = odd ? pc : ps, cv = odd ? ps : pc;
    *s = (quad < -0.5) | (quad > 1.5) ? -sv : sv; /* quadrants 2 and 3 */
    *c = (quad > 0.5) | (quad < -1.5) ? -cv : cv; /* quadrants 1 and 2 */
}

/* x less the nearest whole number of turns, in [-pi, pi] (to an ulp). The reference takes
 * fmod(x, 2 pi), in [0, 2 pi) for x >= 0: every angle reduced is an argument of sin and cos or
 * a term of one, so either range gives the same state. */
SGP4_INLINE double turns_off(double x)
{
    double q = (x * INV_TWO_PI + ROUNDER) - ROUNDER;
    return ((x - q * (4.0 * PIO2_A)) - q * (4.0 * PIO2_B)) - q * (4.0 * PIO2_C);
}

/* Work arrays of one chunk. */
struct work {
    /* mean elements of the near-Earth satellites (AIAA 2006-6753 sgp4: em, nodem, argpm, mm,
     * am, nm) and the code met so far */
    double ep[CHUNK], nodep[CHUNK], argpp[CHUNK], mp[CHUNK], am[CHUNK], nm[CHUNK], code[CHUNK];
    /* Kepler's equation: the long-period terms, the iterate, its sine and cosine, and whether
     * it is still being improved (1.0) */
    double axnl[CHUNK], aynl[CHUNK], u[CHUNK], eo1[CHUNK], se[CHUNK], ce[CHUNK], act[CHUNK];
    /* minutes since epoch; the state (km, km/s) and its code */
    double t[CHUNK], x[CHUNK], y[CHUNK], z[CHUNK], vx[CHUNK], vy[CHUNK], vz[CHUNK], out[CHUNK];
};

/* Inputs of the periodic stage, lane j: element j of each array. */
struct stage_in {
    const double *ep, *xincp, *sinip, *cosip, *nodep, *argpp, *mp, *am, *nm;
    const double *aycof, *xlcof, *con41, *x1mth2, *x7thm1, *code;
};

/* Minutes since epoch of satellites [first, first + m), given or from POSIX seconds. Two
 * loops rather than a branch in one: gcc vectorises branch-free loops only, and does not
 * unswitch loops as long as the ones below. */
SGP4_INLINE void minutes(const struct sgp4_ne_view *v, size_t first, size_t m,
                         const double *tsince, double unix_s, struct work *w)
{
    if (tsince) {
        for (size_t j = 0; j < m; j++)
            w->t[j] = tsince[j];
        return;
    }
    for (size_t j = 0; j < m; j++)
        w->t[j] = ((unix_s - v->epoch_day_s[first + j]) - v->epoch_sod_s[first + j]) / 60.0;
}

/* Secular gravity and drag (AIAA 2006-6753 sgp4, "update for secular gravity and atmospheric
 * drag" and the checks after it), satellites [first, first + m) into w[0..m). */
SGP4_INLINE void near_secular(const struct sgp4_ne_view *v, size_t first, size_t m,
                              struct work *w)
{
    for (size_t j = 0; j < m; j++) {
        size_t k = first + j;
        double t = w->t[j];
        double t2 = t * t, t3 = t2 * t, t4 = t3 * t;
        double xmdf = v->mo[k] + v->mdot[k] * t;
        double argpdf = v->argpo[k] + v->argpdot[k] * t;
        double nodem = (v->nodeo[k] + v->nodedot[k] * t) + v->nodecf[k] * t2;
        double sx, cx, sm, cm;
        sincos_poly(xmdf, &sx, &cx);
        double dm = 1.0 + v->eta[k] * cx;
        double temp = v->omgcof[k] * t + v->xmcof[k] * (dm * dm * dm - v->delmo[k]);
        double mm = xmdf + temp;
        double argpm = argpdf - temp;
        double tempa = 1.0 - v->cc1[k] * t - v->d2[k] * t2 - v->d3[k] * t3 - v->d4[k] * t4;
        sincos_poly(mm, &sm, &cm);
        double tempe = v->bc4[k] * t + v->bc5[k] * (sm - v->sinmao[k]);
        double templ = v->t2cof[k] * t2 + v->t3cof[k] * t3 + t4 * (v->t4cof[k] + t * v->t5cof[k]);
        /* (xke / n)^(2/3) tempa^2 with n the recovered mean motion: a0 holds the power */
        double am = v->a0[k] * tempa * tempa;
        double em = v->ecco[k] - tempe;
        w->code[j] = (em >= 1.0) | (em < -0.001) ? 1.0 : 0.0;
        w->ep[j] = em < 1.0e-6 ? 1.0e-6 : em;
        w->am[j] = am;
        w->nm[j] = SGP4_XKE / (am * sqrt(am));
        mm = mm + v->no[k] * templ;
        double xlm = turns_off(mm + argpm + nodem);
        nodem = turns_off(nodem);
        argpm = turns_off(argpm);
        w->nodep[j] = nodem;
        w->argpp[j] = argpm;
        w->mp[j] = turns_off(xlm - argpm - nodem);
    }
}

/* Long-period periodics and the start of Kepler's equation (AIAA 2006-6753 sgp4). */
SGP4_INLINE void long_period(const struct stage_in *in, size_t m, struct work *w)
{
    for (size_t j = 0; j < m; j++) {
        double sw, cw, ep = in->ep[j];
        sincos_poly(in->argpp[j], &sw, &cw);
        double axnl = ep * cw;
        double temp = 1.0 / (in->am[j] * (1.0 - ep * ep));
        double aynl = ep * sw + temp * in->aycof[j];
        double xl = in->mp[j] + in->argpp[j] + in->nodep[j] + temp * in->xlcof[j] * axnl;
        double u = turns_off(xl - in->nodep[j]);
        w->axnl[j] = axnl;
        w->aynl[j] = aynl;
        w->u[j] = u;
        w->eo1[j] = u;
        w->se[j] = 0.0;
        w->ce[j] = 1.0;
        w->act[j] = 1.0;
    }
}

/* Kepler's equation for the eccentric longitude, by Newton steps clamped to 0.95 rad, at most
 * ten, each lane stopping after the step that moved it less than 1e-12 rad (AIAA 2006-6753
 * sgp4). The sine and cosine kept are those of the last iterate a step was taken from, as in
 * the reference. A sweep runs over the whole chunk; sweeps stop when no lane moves. */
SGP4_INLINE void kepler(size_t m, struct work *w)
{
    for (int sweep = 0; sweep < 10; sweep++) {
        for (size_t j = 0; j < m; j++) {
            double s, c, eo1 = w->eo1[j], axnl = w->axnl[j], aynl = w->aynl[j];
            sincos_poly(eo1, &s, &c);
            double tem5 = (w->u[j] - aynl * c + axnl * s - eo1) / (1.0 - c * axnl - s * aynl);
            tem5 = tem5 >= 0.95 ? 0.95 : tem5 <= -0.95 ? -0.95 : tem5;
            /* flags as doubles: gcc 12 vectorises no loop that mixes them with int masks */
            double next = eo1 + tem5, on = w->act[j], se = w->se[j], ce = w->ce[j];
            double moving = fabs(tem5) >= 1.0e-12 ? 1.0 : 0.0;
            w->eo1[j] = on != 0.0 ? next : eo1;
            w->se[j] = on != 0.0 ? s : se;
            w->ce[j] = on != 0.0 ? c : ce;
            w->act[j] = on * moving;
        }
        size_t j = 0;
        while (j < m && w->act[j] == 0.0)
            j++;
        if (j == m)
            break;
    }
}

/* Short-period periodics, orientation and the state in km and km/s (AIAA 2006-6753 sgp4), with
 * the codes 4 (semi-latus rectum) and 6 (decay). sin and cos of su = atan2(sinu, cosu) + dsu
 * come from the sum formulas, which needs no arctangent. */
SGP4_INLINE void short_period(const struct stage_in *in, size_t m, struct work *w)
{
    for (size_t j = 0; j < m; j++) {
        double axnl = w->axnl[j], aynl = w->aynl[j], s = w->se[j], c = w->ce[j], am = in->am[j];
        double ecose = axnl * c + aynl * s;
        double esine = axnl * s - aynl * c;
        double el2 = axnl * axnl + aynl * aynl;
        double pl = am * (1.0 - el2);
        double rl = am * (1.0 - ecose);
        double rdotl = sqrt(am) * esine / rl;
        double rvdotl = sqrt(pl) / rl;
        double betal = sqrt(1.0 - el2);
        double temp = esine / (1.0 + betal);
        double sinu = am / rl * (s - aynl - axnl * temp);
        double cosu = am / rl * (c - axnl + aynl * temp);
        double sin2u = (cosu + cosu) * sinu;
        double cos2u = 1.0 - 2.0 * sinu * sinu;
        temp = 1.0 / pl;
        double temp1 = 0.5 * SGP4_J2 * temp;
        double temp2 = temp1 * temp;
        double con41 = in->con41[j], x1mth2 = in->x1mth2[j], cosip = in->cosip[j];
        double nm = in->nm[j];
        double mrt = rl * (1.0 - 1.5 * temp2 * betal * con41) + 0.5 * temp1 * x1mth2 * cos2u;
        double dsu = -0.25 * temp2 * in->x7thm1[j] * sin2u;
        double xnode = in->nodep[j] + 1.5 * temp2 * cosip * sin2u;
        double xinc = in->xincp[j] + 1.5 * temp2 * cosip * in->sinip[j] * cos2u;
        double mvt = rdotl - nm * temp1 * x1mth2 * sin2u / SGP4_XKE;
        double rvdot = rvdotl + nm * temp1 * (x1mth2 * cos2u + 1.5 * con41) / SGP4_XKE;
        double norm = 1.0 / sqrt(sinu * sinu + cosu * cosu);
        double su0 = sinu * norm, cu0 = cosu * norm, sd, cd, snod, cnod, sini, cosi;
        sincos_poly(dsu, &sd, &cd);
        sincos_poly(xnode, &snod, &cnod);
        sincos_poly(xinc, &sini, &cosi);
        double sinsu = su0 * cd + cu0 * sd;
        double cossu = cu0 * cd - su0 * sd;
        double xmx = -snod * cosi, xmy = cnod * cosi;
        double ux = xmx * sinsu + cnod * cossu, uy = xmy * sinsu + snod * cossu;
        double uz = sini * sinsu;
        double wx = xmx * cossu - cnod * sinsu, wy = xmy * cossu - snod * sinsu;
        double wz = sini * cossu;
        double k = in->code[j] != 0.0 ? in->code[j] : pl < 0.0 ? 4.0 : mrt < 1.0 ? 6.0 : 0.0;
        double r[3] = {mrt * ux * SGP4_RE_KM, mrt * uy * SGP4_RE_KM, mrt * uz * SGP4_RE_KM};
        double v[3] = {(mvt * ux + rvdot * wx) * SGP4_VKMS, (mvt * uy + rvdot * wy) * SGP4_VKMS,
                       (mvt * uz + rvdot * wz) * SGP4_VKMS};
        int bad = k != 0.0;
        w->x[j] = bad ? NAN : r[0];
        w->y[j] = bad ? NAN : r[1];
        w->z[j] = bad ? NAN : r[2];
        w->vx[j] = bad ? NAN : v[0];
        w->vy[j] = bad ? NAN : v[1];
        w->vz[j] = bad ? NAN : v[2];
        w->out[j] = k;
    }
}

/* The chunk's states into the caller's arrays at offset at. */
SGP4_INLINE void store(const struct work *w, size_t m, const struct interf_ephem *out, size_t at,
                       int *code)
{
    for (size_t j = 0; j < m; j++) {
        out->x_km[at + j] = w->x[j];
        out->y_km[at + j] = w->y[j];
        out->z_km[at + j] = w->z[j];
        code[at + j] = (int)w->out[j];
    }
    if (!out->vx_km_s)
        return;
    for (size_t j = 0; j < m; j++) {
        out->vx_km_s[at + j] = w->vx[j];
        out->vy_km_s[at + j] = w->vy[j];
        out->vz_km_s[at + j] = w->vz[j];
    }
}

SGP4_INLINE void periodic(const struct stage_in *in, size_t m, struct work *w,
                          const struct interf_ephem *out, size_t at, int *code)
{
    long_period(in, m, w);
    kepler(m, w);
    short_period(in, m, w);
    store(w, m, out, at, code);
}

SGP4_CLONES
void sgp4_kernel_near(const struct sgp4_ne_view *v, size_t first, size_t n,
                      const double *tsince_min, double unix_s, const struct interf_ephem *out,
                      int *code)
{
    struct work w;
    for (size_t at = 0; at < n; at += CHUNK) {
        size_t m = n - at < CHUNK ? n - at : CHUNK, k = first + at;
        minutes(v, k, m, tsince_min ? tsince_min + at : NULL, unix_s, &w);
        near_secular(v, k, m, &w);
        struct stage_in in = {w.ep, v->inclo + k, v->sinio + k, v->cosio + k, w.nodep, w.argpp,
                              w.mp, w.am, w.nm, v->aycof + k, v->xlcof + k, v->con41 + k,
                              v->x1mth2 + k, v->x7thm1 + k, w.code};
        periodic(&in, m, &w, out, at, code);
    }
}

int sgp4_kernel_periodic(const struct sgp4_mean *p, double r_km[3], double v_km_s[3])
{
    struct work w;
    double code = p->code;
    struct stage_in in = {&p->ep, &p->xincp, &p->sinip, &p->cosip, &p->nodep, &p->argpp,
                          &p->mp, &p->am, &p->nm, &p->aycof, &p->xlcof, &p->con41,
                          &p->x1mth2, &p->x7thm1, &code};
    struct interf_ephem out = {&r_km[0], &r_km[1], &r_km[2], v_km_s ? &v_km_s[0] : NULL,
                               v_km_s ? &v_km_s[1] : NULL, v_km_s ? &v_km_s[2] : NULL};
    int k;
    periodic(&in, 1, &w, &out, 0, &k);
    return k;
}
