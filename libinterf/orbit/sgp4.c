/* SPDX-License-Identifier: MIT */
/* SGP4/SDP4 initialisation of one element set and propagation of one satellite: Vallado,
 * Crawford, Hujsak and Kelso, "Revisiting Spacetrack Report #3", AIAA 2006-6753 (2006),
 * procedures initl and sgp4init with the WGS-72 constants, in the "improved" mode (Greenwich
 * sidereal angle from the IAU 1982 expression). */
#include <math.h>
#include <stdlib.h>

#include "sgp4_impl.h"

#define X2O3 (2.0 / 3.0)

const char *interf_sgp4_code_str(int code)
{
    switch (code) {
    case INTERF_SGP4_OK: return "success";
    case INTERF_SGP4_ECCENTRICITY: return "mean eccentricity out of range";
    case INTERF_SGP4_MEAN_MOTION: return "mean motion not positive";
    case INTERF_SGP4_PERTURBED_ECC: return "perturbed eccentricity out of range";
    case INTERF_SGP4_SEMILATUS_RECTUM: return "semi-latus rectum negative";
    case INTERF_SGP4_SUBORBITAL: return "epoch elements sub-orbital";
    case INTERF_SGP4_DECAYED: return "satellite decayed";
    }
    return "unknown code";
}

/* Greenwich mean sidereal angle (rad, [0, 2 pi)) at the UT1 Julian date jd (AIAA 2006-6753
 * gstime: the IAU 1982 expression in seconds of time, 240 s per degree). */
static double gmst_rad(double jd)
{
    double tut1 = (jd - 2451545.0) / 36525.0;
    double sec = -6.2e-6 * tut1 * tut1 * tut1 + 0.093104 * tut1 * tut1 +
                 (876600.0 * 3600.0 + 8640184.812866) * tut1 + 67310.54841;
    double g = fmod(sec * INTERF_DEG / 240.0, SGP4_TWO_PI);
    return g < 0.0 ? g + SGP4_TWO_PI : g;
}

static enum interf_status check_tle(const struct interf_tle *t, struct interf_error *err)
{
    const char *field = NULL;
    if (!(t->eccentricity >= 0.0 && t->eccentricity < 1.0))
        field = "eccentricity";
    else if (!(t->mean_motion_rev_day > 0.0 && isfinite(t->mean_motion_rev_day)))
        field = "mean motion";
    else if (!isfinite(t->inclination_deg) || !isfinite(t->raan_deg) || !isfinite(t->argp_deg) ||
             !isfinite(t->mean_anomaly_deg) || !isfinite(t->bstar_per_er))
        field = "elements";
    else if (!isfinite(t->epoch_jd) || !isfinite(t->epoch_jd_frac))
        field = "epoch";
    if (!field)
        return INTERF_OK;
    return interf_error_set(err, INTERF_EINPUT,
                            "satellite %ld (line %ld): %s: out of the range SGP4 can take",
                            t->catalog_number, t->line, field);
}

/* Drag coefficients of the full model (AIAA 2006-6753 sgp4init, "set variables if not deep
 * space"); the simplified model keeps zeros. */
static void drag_polynomial(struct sgp4_ne *ne, double ao, double tsi, double sfour)
{
    double cc1 = ne->cc1, cc1sq = cc1 * cc1;
    ne->d2 = 4.0 * ao * tsi * cc1sq;
    double temp = ne->d2 * tsi * cc1 / 3.0;
    ne->d3 = (17.0 * ao + sfour) * temp;
    ne->d4 = 0.5 * temp * ao * tsi * (221.0 * ao + 31.0 * sfour) * cc1;
    ne->t3cof = ne->d2 + 2.0 * cc1sq;
    ne->t4cof = 0.25 * (3.0 * ne->d3 + cc1 * (12.0 * ne->d2 + 10.0 * cc1sq));
    ne->t5cof = 0.2 * (3.0 * ne->d4 + 12.0 * cc1 * ne->d3 + 6.0 * ne->d2 * ne->d2 +
                       15.0 * cc1sq * (2.0 * ne->d2 + cc1sq));
}

/* AIAA 2006-6753 initl and sgp4init: the near-Earth coefficients, the info, and for a period
 * of 225 min or more the deep-space terms. */
static void init_model(const struct interf_tle *tle, struct interf_sgp4 *sat)
{
    struct sgp4_ne *ne = &sat->ne;
    double ecco = tle->eccentricity, bstar = tle->bstar_per_er;
    double inclo = tle->inclination_deg * INTERF_DEG;
    ne->ecco = ecco;
    ne->inclo = inclo;
    ne->nodeo = tle->raan_deg * INTERF_DEG;
    ne->argpo = tle->argp_deg * INTERF_DEG;
    ne->mo = tle->mean_anomaly_deg * INTERF_DEG;
    double no_kozai = tle->mean_motion_rev_day / (1440.0 / (2.0 * INTERF_PI)); /* rad/min */

    /* initl: recover the mean motion and semi-major axis from the Kozai mean motion */
    double eccsq = ecco * ecco, omeosq = 1.0 - eccsq, rteosq = sqrt(omeosq);
    double cosio = cos(inclo), cosio2 = cosio * cosio;
    double ak = pow(SGP4_XKE / no_kozai, X2O3);
    double d1 = 0.75 * SGP4_J2 * (3.0 * cosio2 - 1.0) / (rteosq * omeosq);
    double del = d1 / (ak * ak);
    double adel = ak * (1.0 - del * del - del * (1.0 / 3.0 + 134.0 * del * del / 81.0));
    del = d1 / (adel * adel);
    double no = no_kozai / (1.0 + del);
    double ao = pow(SGP4_XKE / no, X2O3);
    double sinio = sin(inclo), po = ao * omeosq;
    double con42 = 1.0 - 5.0 * cosio2;
    double con41 = -con42 - cosio2 - cosio2;
    double posq = po * po, rp = ao * (1.0 - ecco);
    ne->no = no;
    ne->a0 = ao;
    ne->sinio = sinio;
    ne->cosio = cosio;
    ne->con41 = con41;

    /* sgp4init: atmosphere parameters s and (q0 - s)^4, lowered for perigees below 156 km */
    double perige = (rp - 1.0) * SGP4_RE_KM;
    double sfour = 78.0 / SGP4_RE_KM + 1.0, qz = (120.0 - 78.0) / SGP4_RE_KM;
    if (perige < 156.0) {
        double s = perige < 98.0 ? 20.0 : perige - 78.0;
        qz = (120.0 - s) / SGP4_RE_KM;
        sfour = s / SGP4_RE_KM + 1.0;
    }
    double qzms24 = qz * qz * qz * qz;
    double pinvsq = 1.0 / posq, tsi = 1.0 / (ao - sfour);
    double eta = ao * ecco * tsi, etasq = eta * eta, eeta = ecco * eta;
    double psisq = fabs(1.0 - etasq);
    double coef = qzms24 * pow(tsi, 4.0), coef1 = coef / pow(psisq, 3.5);
    double cc2 = coef1 * no * (ao * (1.0 + 1.5 * etasq + eeta * (4.0 + etasq)) +
                               0.375 * SGP4_J2 * tsi / psisq * con41 *
                                   (8.0 + 3.0 * etasq * (8.0 + etasq)));
    double cc1 = bstar * cc2;
    double cc3 = ecco > 1.0e-4 ? -2.0 * coef * tsi * SGP4_J3OJ2 * no * sinio / ecco : 0.0;
    double x1mth2 = 1.0 - cosio2;
    double cc4 = 2.0 * no * coef1 * ao * omeosq *
                 (eta * (2.0 + 0.5 * etasq) + ecco * (0.5 + 2.0 * etasq) -
                  SGP4_J2 * tsi / (ao * psisq) *
                      (-3.0 * con41 * (1.0 - 2.0 * eeta + etasq * (1.5 - 0.5 * eeta)) +
                       0.75 * x1mth2 * (2.0 * etasq - eeta * (1.0 + etasq)) *
                           cos(2.0 * ne->argpo)));
    double cc5 = 2.0 * coef1 * ao * omeosq * (1.0 + 2.75 * (etasq + eeta) + eeta * etasq);
    double cosio4 = cosio2 * cosio2;
    double temp1 = 1.5 * SGP4_J2 * pinvsq * no;
    double temp2 = 0.5 * temp1 * SGP4_J2 * pinvsq;
    double temp3 = -0.46875 * SGP4_J4 * pinvsq * pinvsq * no;
    ne->mdot = no + 0.5 * temp1 * rteosq * con41 +
               0.0625 * temp2 * rteosq * (13.0 - 78.0 * cosio2 + 137.0 * cosio4);
    ne->argpdot = -0.5 * temp1 * con42 + 0.0625 * temp2 * (7.0 - 114.0 * cosio2 + 395.0 * cosio4) +
                  temp3 * (3.0 - 36.0 * cosio2 + 49.0 * cosio4);
    double xhdot1 = -temp1 * cosio;
    ne->nodedot =
        xhdot1 + (0.5 * temp2 * (4.0 - 19.0 * cosio2) + 2.0 * temp3 * (3.0 - 7.0 * cosio2)) * cosio;
    ne->cc1 = cc1;
    ne->bc4 = bstar * cc4;
    ne->bc5 = bstar * cc5;
    ne->omgcof = bstar * cc3 * cos(ne->argpo);
    ne->xmcof = ecco > 1.0e-4 ? -X2O3 * coef * bstar / eeta : 0.0;
    ne->nodecf = 3.5 * omeosq * xhdot1 * cc1;
    ne->t2cof = 1.5 * cc1;
    /* 1 + cos i vanishes at 180 deg: the reference divides by 1.5e-12 there */
    double den = fabs(cosio + 1.0) > 1.5e-12 ? 1.0 + cosio : 1.5e-12;
    ne->xlcof = -0.25 * SGP4_J3OJ2 * sinio * (3.0 + 5.0 * cosio) / den;
    ne->aycof = -0.5 * SGP4_J3OJ2 * sinio;
    double dm = 1.0 + eta * cos(ne->mo);
    ne->eta = eta;
    ne->delmo = dm * dm * dm;
    ne->sinmao = sin(ne->mo);
    ne->x1mth2 = x1mth2;
    ne->x7thm1 = 7.0 * cosio2 - 1.0;

    struct interf_sgp4_info *info = &sat->info;
    info->period_min = SGP4_TWO_PI / no;
    info->perigee_alt_km = (ao * (1.0 - ecco) - 1.0) * SGP4_RE_KM;
    info->apogee_alt_km = (ao * (1.0 + ecco) - 1.0) * SGP4_RE_KM;
    info->suborbital = rp < 1.0;
    /* AIAA 2006-6753 sgp4init: SDP4 from a period of 225 min */
    info->deep_space = SGP4_TWO_PI / no >= 225.0;
    int isimp = info->deep_space || rp < 220.0 / SGP4_RE_KM + 1.0;
    if (info->deep_space) {
        /* The reference holds the epoch as one Julian date (a grid of 4.7e-10 day, 40 us), and
         * SDP4's lunar-solar terms see that rounding: a millimetre at the perigee of an orbit
         * like 23333's (e = 0.97). Round as it does, to give its numbers. */
        double epoch = (tle->epoch_jd + tle->epoch_jd_frac) - 2433281.5;
        sat->deep.gsto = gmst_rad(epoch + 2433281.5);
        sgp4_deep_init(sat, epoch, eccsq);
    }
    if (isimp) {
        /* the simplified model drops these terms: zeros give the same sums (see the kernel) */
        ne->omgcof = ne->xmcof = ne->bc5 = 0.0;
    } else {
        drag_polynomial(ne, ao, tsi, sfour);
    }
}

enum interf_status sgp4_init(const struct interf_tle *tle, struct interf_sgp4 *sat,
                             struct interf_error *err)
{
    if (check_tle(tle, err))
        return INTERF_EINPUT;
    *sat = (struct interf_sgp4){0};
    sat->info.catalog_number = tle->catalog_number;
    sat->info.epoch_jd = tle->epoch_jd;
    sat->info.epoch_jd_frac = tle->epoch_jd_frac;
    sat->info.epoch_unix_s = tle->epoch_unix_s;
    /* the epoch as a whole day (exact) and the seconds of that day, for times since epoch */
    sat->ne.epoch_day_s = (tle->epoch_jd - 2440587.5) * 86400.0;
    sat->ne.epoch_sod_s = tle->epoch_jd_frac * 86400.0;
    init_model(tle, sat);
    return INTERF_OK;
}

enum interf_status interf_sgp4_create(const struct interf_tle *tle, struct interf_sgp4 **out,
                                      struct interf_error *err)
{
    struct interf_sgp4 *sat = malloc(sizeof *sat);
    *out = NULL;
    if (!sat)
        return interf_error_set(err, INTERF_ENOMEM, "satellite %ld: out of memory",
                                tle->catalog_number);
    enum interf_status st = sgp4_init(tle, sat, err);
    if (st) {
        free(sat);
        return st;
    }
    *out = sat;
    return INTERF_OK;
}

void interf_sgp4_destroy(struct interf_sgp4 *sat) { free(sat); }

void interf_sgp4_get_info(const struct interf_sgp4 *sat, struct interf_sgp4_info *info)
{
    *info = sat->info;
}

double interf_sgp4_minutes(const struct interf_sgp4 *sat, double unix_s)
{
    /* the expression of the kernel (sgp4_kernel.c near_secular), for the same bits */
    return ((unix_s - sat->ne.epoch_day_s) - sat->ne.epoch_sod_s) / 60.0;
}

void sgp4_ne_view_one(const struct sgp4_ne *ne, struct sgp4_ne_view *view)
{
#define SGP4_POINT(f) view->f = &ne->f;
    SGP4_NE_FIELDS(SGP4_POINT)
#undef SGP4_POINT
}

int interf_sgp4_propagate(const struct interf_sgp4 *sat, double tsince_min, double r_km[3],
                          double v_km_s[3])
{
    if (sat->info.deep_space) {
        struct sgp4_mean mean;
        sgp4_deep_mean(sat, tsince_min, &mean);
        if (mean.code == INTERF_SGP4_OK)
            return sgp4_kernel_periodic(&mean, r_km, v_km_s);
        for (int i = 0; i < 3; i++) {
            r_km[i] = NAN;
            if (v_km_s)
                v_km_s[i] = NAN;
        }
        return mean.code;
    }
    struct sgp4_ne_view view;
    sgp4_ne_view_one(&sat->ne, &view);
    struct interf_ephem out = {&r_km[0], &r_km[1], &r_km[2], v_km_s ? &v_km_s[0] : NULL,
                               v_km_s ? &v_km_s[1] : NULL, v_km_s ? &v_km_s[2] : NULL};
    int code;
    sgp4_kernel_near(&view, 0, 1, &tsince_min, 0.0, &out, &code);
    return code;
}
