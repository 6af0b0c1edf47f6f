/* SPDX-License-Identifier: MIT */
/* The worst-case geometry of epfd down, Rec. ITU-R S.1503-4 (09/2023) §D3.1 (GetWCGA_Down,
 * WCGD_CalcAtLat, WCGD_CheckCase and the bisection cases), the run frequency of §D2.1, Table 8's
 * eps_GSO, the longitude correction of §D3 (Fig. 13), and the S.1503-2 switch. */
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

#include "exam_impl.h"
#include "interf/geo.h"
#include "interf/limits.h"
#include "interf/orbit.h"

#define BISECT_TOL 1e-5 /* rad, §D3 */
#define LAT_GATE_DEG 81.2

double interf_exam_run_freq_mhz(double mask_fmin_mhz, double limit_fmin_mhz,
                                double ref_bandwidth_khz)
{
    double f = mask_fmin_mhz > limit_fmin_mhz ? mask_fmin_mhz : limit_fmin_mhz;
    return f + ref_bandwidth_khz / 2000.0; /* §D2.1 */
}

double interf_exam_eps_gso_deg(double freq_mhz)
{
    return freq_mhz < 17000.0 ? 10.0 : 20.0; /* Table 8 */
}

struct wcg_ctx {
    const struct interf_wcg_request *req;
    int v4;                  /* the -4 rules */
    double step_rad, eps0_min_deg, eps_gso_deg, gmax_dbi;
    int symmetric;
};

/* The satellite at a latitude, longitude 0, t = 0 (inertial = Earth-fixed) */
struct sat {
    double lat_deg, r_km, pos[3], vel[3];
    double x[3], y[3], z[3]; /* §D6.4.5 frame: east, nadir, north */
};

/* One test point of WCGD_CheckCase */
struct pt {
    int hit;                 /* the ray meets the Earth and the arc is visible */
    double p[3], lat_deg, lon_deg;
    double alpha_deg, arc_lon_deg, dlon_deg, az_deg, el_deg; /* az/el: satellite frame */
    double el_n_deg, az_n_deg, eps0_deg, alpha0_deg, el_gso_deg;
};

static double dot3(const double a[3], const double b[3])
{
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/* §D3.1.3.2: sin(omega + nu) = sin(lat) / sin(i), the ascending branch; r from nu */
static int place_sat(const struct wcg_ctx *cx, double lat_deg, struct sat *s)
{
    const struct interf_wcg_request *q = cx->req;
    double si = sin(q->i_rad), lat = lat_deg * INTERF_DEG;
    double su = si > 0 ? sin(lat) / si : 0;
    double u = asin(su > 1 ? 1 : su < -1 ? -1 : su), nu = u - q->argp_rad;
    double p = q->a_km * (1 - q->e * q->e);
    s->lat_deg = lat_deg;
    s->r_km = p / (1 + q->e * cos(nu));
    if (!cx->v4 ? 0 : s->r_km - INTERF_RE_KM < q->h_min_km)
        return 0;
    /* the node placed so that the satellite's longitude is 0 */
    double node = -atan2(cos(q->i_rad) * sin(u), cos(u));
    double n[3] = {cos(node), sin(node), 0};
    double h[3] = {sin(node) * si, -cos(node) * si, cos(q->i_rad)}; /* orbit normal */
    double t[3] = {h[1] * n[2] - h[2] * n[1], h[2] * n[0] - h[0] * n[2],
                   h[0] * n[1] - h[1] * n[0]};
    double vr = sqrt(INTERF_MU_KM3_S2 / p) * q->e * sin(nu);
    double vt = sqrt(INTERF_MU_KM3_S2 / p) * (1 + q->e * cos(nu));
    for (int k = 0; k < 3; k++) {
        double rhat = cos(u) * n[k] + sin(u) * t[k], that = -sin(u) * n[k] + cos(u) * t[k];
        s->pos[k] = s->r_km * rhat;
        s->vel[k] = vr * rhat + vt * that;
    }
    double cl = cos(lat), sl = sin(lat);
    double x[3] = {0, 1, 0}, y[3] = {-cl, 0, -sl}, z[3] = {-sl, 0, cl};
    memcpy(s->x, x, sizeof x);
    memcpy(s->y, y, sizeof y);
    memcpy(s->z, z, sizeof z);
    return 1;
}

/* §D3.1.3.1: phi from nadir, theta about it from the el = 0 plane toward north */
static void direction(const struct sat *s, double theta, double phi, double d[3])
{
    double a = cos(phi), b = sin(phi) * cos(theta), c = sin(phi) * sin(theta);
    for (int k = 0; k < 3; k++)
        d[k] = a * s->y[k] + b * s->x[k] + c * s->z[k];
}

static void look(const double from[3], const double to[3], double *az_deg, double *el_deg)
{
    double up[3], east[3], north[3], v[3], r = sqrt(dot3(from, from));
    double lon = atan2(from[1], from[0]);
    for (int k = 0; k < 3; k++) {
        up[k] = from[k] / r;
        v[k] = to[k] - from[k];
    }
    east[0] = -sin(lon), east[1] = cos(lon), east[2] = 0;
    north[0] = up[1] * east[2] - up[2] * east[1];
    north[1] = up[2] * east[0] - up[0] * east[2];
    north[2] = up[0] * east[1] - up[1] * east[0];
    double vn = sqrt(dot3(v, v));
    *el_deg = asin(dot3(v, up) / vn) / INTERF_DEG;
    double az = atan2(dot3(v, east), dot3(v, north)) / INTERF_DEG;
    *az_deg = az < 0 ? az + 360 : az;
}

/* The geometry of a test point: P, alpha, delta longitude, the look angles, the tables */
static void eval_point(const struct wcg_ctx *cx, const struct sat *s, double theta, double phi,
                       struct pt *p)
{
    const struct interf_op_params *ops = cx->req->ops;
    double d[3];
    direction(s, theta, phi, d);
    double sd = dot3(s->pos, d), disc = sd * sd - (s->r_km * s->r_km - INTERF_RE_KM * INTERF_RE_KM);
    p->hit = 0;
    p->az_deg = atan2(sin(phi) * cos(theta), cos(phi)) / INTERF_DEG;
    p->el_deg = asin(sin(phi) * sin(theta)) / INTERF_DEG;
    if (disc < 0 || -sd - sqrt(disc) <= 0)
        return;
    double t = -sd - sqrt(disc), alpha, arc_lon;
    for (int k = 0; k < 3; k++)
        p->p[k] = s->pos[k] + t * d[k];
    if (interf_gso_arc_alpha(p->p, s->pos, &alpha, &arc_lon) != INTERF_OK)
        return;
    p->hit = 1;
    p->lat_deg = asin(p->p[2] / INTERF_RE_KM) / INTERF_DEG;
    p->lon_deg = atan2(p->p[1], p->p[0]) / INTERF_DEG;
    p->alpha_deg = alpha / INTERF_DEG;
    p->arc_lon_deg = arc_lon / INTERF_DEG;
    p->dlon_deg = interf_wrap_pi(arc_lon) / INTERF_DEG; /* LongAlpha - LongNGSO (0) */
    look(p->p, s->pos, &p->az_n_deg, &p->el_n_deg);
    double g[3], az_g;
    interf_gso_ecef(arc_lon, g);
    look(p->p, g, &az_g, &p->el_gso_deg);
    p->eps0_deg = ops ? interf_elev_table_eval(&ops->min_elev, p->lat_deg, p->az_n_deg) : 0;
    p->alpha0_deg = ops ? interf_op_alpha0_deg(ops, cx->req->orb_id, p->lat_deg) : 0;
}

static double threshold_db(const struct interf_limit_mask *m, double lat_deg)
{
    if (!m || m->n_points == 0)
        return 0;
    const struct interf_limit_point *top = &m->points[m->n_points - 1];
    double level = top->level_db;
    if (m->lat_note && top->pct_not_exceeded >= 100 - INTERF_LIMIT_PCT_TOL) {
        double l = interf_limit_lat_level_db(lat_deg); /* RR Nos. 22.5C.4, 22.5C.8 */
        level = l < level ? l : level;
    }
    return level;
}

/* §D3.1.3.4: |r x v| / |r|^2 with v = v_sat - omega_e (-y, x, 0) of the earth station */
static double angular_velocity(const struct sat *s, const double es[3])
{
    double r[3], v[3], c[3];
    for (int k = 0; k < 3; k++)
        r[k] = s->pos[k] - es[k];
    v[0] = s->vel[0] + INTERF_OMEGA_E_RAD_S * es[1];
    v[1] = s->vel[1] - INTERF_OMEGA_E_RAD_S * es[0];
    v[2] = s->vel[2];
    c[0] = r[1] * v[2] - r[2] * v[1];
    c[1] = r[2] * v[0] - r[0] * v[2];
    c[2] = r[0] * v[1] - r[1] * v[0];
    return sqrt(dot3(c, c)) / dot3(r, r);
}

/* WCGD_CheckCase */
static void check_case(const struct wcg_ctx *cx, const struct sat *s, double theta, double phi,
                       struct interf_wcg *best)
{
    const struct interf_wcg_request *q = cx->req;
    struct pt p;
    best->n_cases++;
    eval_point(cx, s, theta, phi, &p);
    if (!p.hit)
        return;
    if (cx->v4) {
        const struct interf_op_params *ops = q->ops;
        if (fabs(p.lat_deg) > LAT_GATE_DEG)
            return;
        if (ops && (p.lat_deg < ops->es_lat_min_deg || p.lat_deg > ops->es_lat_max_deg ||
                    interf_op_max_co_freq(ops, p.lat_deg) == 0))
            return;
    }
    double g = interf_antenna_gain_dbi(q->es, fabs(p.alpha_deg));
    if (cx->v4 && !(fabs(p.alpha_deg) >= p.alpha0_deg && p.el_n_deg >= p.eps0_deg &&
                    p.el_gso_deg >= cx->eps_gso_deg)) { /* step 18 brought into the WCG */
        double g0 = interf_antenna_gain_dbi(q->es, p.alpha0_deg);
        if (!(g > fmin(cx->gmax_dbi - 30, g0)))
            return;
    }
    double pfd = q->mask->axes == INTERF_MASK_AZ_EL
                     ? interf_pfd_mask_eval_db(q->mask, s->lat_deg, p.az_deg, p.el_deg)
                     : interf_pfd_mask_eval_db(q->mask, s->lat_deg, p.alpha_deg, p.dlon_deg);
    double thr = threshold_db(q->limit, p.lat_deg);
    double margin = pfd + (g - cx->gmax_dbi) - thr;
    int32_t bin = (int32_t)lround(margin / 0.1);
    double w = angular_velocity(s, p.p);
    if (best->found && (bin < best->bin || (bin == best->bin && !(w < best->angvel_rad_s))))
        return;
    uint64_t n = best->n_cases;
    *best = (struct interf_wcg){1, bin, margin, pfd, g - cx->gmax_dbi, thr, w, s->lat_deg,
                                s->r_km - INTERF_RE_KM, theta / INTERF_DEG, phi / INTERF_DEG,
                                p.lat_deg, p.lon_deg, p.arc_lon_deg, p.alpha_deg, p.dlon_deg,
                                p.el_n_deg, p.az_n_deg, p.el_gso_deg, n};
}

/* alpha - sign alpha0(lat_P) (WCGD_GetDeltaAlpha); NaN where P is not defined */
static double delta_alpha(const struct wcg_ctx *cx, const struct sat *s, double theta,
                          double phi, int sign)
{
    struct pt p;
    eval_point(cx, s, theta, phi, &p);
    return p.hit ? p.alpha_deg - sign * p.alpha0_deg : NAN;
}

/* eps - eps0(lat_P, az) (WCGD_GetDeltaElev) */
static double delta_elev(const struct wcg_ctx *cx, const struct sat *s, double theta,
                         double phi)
{
    struct pt p;
    eval_point(cx, s, theta, phi, &p);
    return p.hit ? p.el_n_deg - p.eps0_deg : -90;
}

/* WCGD_CalcPhiFromThetaElev: phi on the contour el = eps0, by bisection up to the limb */
static double phi_on_contour(const struct wcg_ctx *cx, const struct sat *s, double theta)
{
    double lo = 0, hi = asin(INTERF_RE_KM / s->r_km);
    while (hi - lo > BISECT_TOL) {
        double mid = 0.5 * (lo + hi);
        if (delta_elev(cx, s, theta, mid) > 0)
            lo = mid;
        else
            hi = mid;
    }
    return 0.5 * (lo + hi);
}

/* delta alpha along theta at a fixed phi (phi < 0: on the contour el = eps0) */
static double dalpha_theta(const struct wcg_ctx *cx, const struct sat *s, double theta,
                           double phi, int sign, double *phi_used)
{
    *phi_used = phi >= 0 ? phi : phi_on_contour(cx, s, theta);
    return delta_alpha(cx, s, theta, *phi_used, sign);
}

/* Bisect every sign change of delta alpha between the n + 1 theta samples of [t0, t1] and
 * check the root (WCGD_CheckAlphaPhiCase; phi < 0: WCGD_CheckAlphaElevCase) */
static void alpha_brackets(const struct wcg_ctx *cx, const struct sat *s, double phi, int sign,
                           double t0, double t1, int n, struct interf_wcg *best)
{
    double pu, prev = dalpha_theta(cx, s, t0, phi, sign, &pu);
    for (int j = 1; j <= n; j++) {
        double a = t0 + (t1 - t0) * (j - 1) / n, b = t0 + (t1 - t0) * j / n;
        double cur = dalpha_theta(cx, s, b, phi, sign, &pu), fa = prev;
        prev = cur;
        if (!(fa * cur <= 0) || (fa == 0 && j > 1))
            continue;
        while (b - a > BISECT_TOL) {
            double mid = 0.5 * (a + b), fm = dalpha_theta(cx, s, mid, phi, sign, &pu);
            if (isnan(fm))
                break;
            if ((fm <= 0) == (fa <= 0))
                a = mid, fa = fm;
            else
                b = mid;
        }
        double t = 0.5 * (a + b);
        dalpha_theta(cx, s, t, phi, sign, &pu);
        check_case(cx, s, t, pu, best);
    }
}

/* WCGD_CalcAtLat */
static void calc_at_lat(const struct wcg_ctx *cx, double lat_deg, struct interf_wcg *best)
{
    struct sat s;
    if (!place_sat(cx, lat_deg, &s))
        return;
    double c = INTERF_RE_KM / s.r_km * cos(cx->eps0_min_deg * INTERF_DEG);
    double phi0 = asin(c > 1 ? 1 : c); /* §D3.1.3.3 */
    check_case(cx, &s, 0, 0, best);
    int nphi = (int)ceil(phi0 / cx->step_rad - 1e-9);
    double dphi = phi0 / nphi, tmin = -INTERF_PI / 2;
    double tmax = cx->symmetric ? INTERF_PI / 2 : 3 * INTERF_PI / 2;
    int sides = cx->symmetric ? 1 : 2, nring = 16;
    for (int k = 1; k <= nphi; k++) {
        double phi = k * dphi;
        int nt = (int)ceil(2 * INTERF_PI * phi / dphi - 1e-9);
        if (cx->v4 && nt < 16)
            nt = 16;
        nring = nt;
        for (int j = 0; j <= nt; j++)
            check_case(cx, &s, tmin + j * (tmax - tmin) / nt, phi, best);
        for (int side = 0; side < sides; side++)
            for (int sign = 0; sign <= 2; sign++)
                alpha_brackets(cx, &s, phi, sign == 2 ? -1 : sign, tmin + side * INTERF_PI,
                               tmin + (side + 1) * INTERF_PI, nt / sides, best);
    }
    for (int side = 0; side < sides; side++)
        for (int sign = 0; sign <= 2; sign++)
            alpha_brackets(cx, &s, -1, sign == 2 ? -1 : sign, tmin + side * INTERF_PI,
                           tmin + (side + 1) * INTERF_PI, nring / sides, best);
}

/* delta alpha at theta on the contour el = eps0 for the satellite at latitude lat_deg */
static double dalpha_lat(const struct wcg_ctx *cx, double lat_deg, double theta, int sign,
                         struct sat *s, double *phi)
{
    if (!place_sat(cx, lat_deg, s))
        return NAN;
    return dalpha_theta(cx, s, theta, -1, sign, phi);
}

/* WCGD_CheckExtremeCase over the latitudes lats[0..n-1] */
static void extreme_case(const struct wcg_ctx *cx, const double *lats, int n, int sign,
                         double theta, struct interf_wcg *best)
{
    struct sat s;
    double phi, prev = dalpha_lat(cx, lats[0], theta, sign, &s, &phi);
    for (int j = 1; j < n; j++) {
        double a = lats[j - 1], b = lats[j], fa = prev;
        double cur = dalpha_lat(cx, b, theta, sign, &s, &phi);
        prev = cur;
        if (!(fa * cur <= 0) || (fa == 0 && j > 1))
            continue;
        while ((b - a) * INTERF_DEG > BISECT_TOL) {
            double mid = 0.5 * (a + b), fm = dalpha_lat(cx, mid, theta, sign, &s, &phi);
            if (isnan(fm))
                break;
            if ((fm <= 0) == (fa <= 0))
                a = mid, fa = fm;
            else
                b = mid;
        }
        if (!isnan(dalpha_lat(cx, 0.5 * (a + b), theta, sign, &s, &phi)))
            check_case(cx, &s, theta, phi, best);
    }
}

/* Merge a latitude's best into the run's, as the sequential search would have met it */
static void merge(struct interf_wcg *into, const struct interf_wcg *w)
{
    uint64_t n = into->n_cases + w->n_cases;
    if (w->found && (!into->found || w->bin > into->bin ||
                     (w->bin == into->bin && w->angvel_rad_s < into->angvel_rad_s)))
        *into = *w;
    into->n_cases = n;
}

/* The finest step of the mask's axes (rule 6 of the -2 switch) */
static double mask_step_deg(const struct interf_pfd_mask *m)
{
    double s = 180;
    for (size_t k = 0; k < m->n_tables; k++) {
        const struct interf_mask_table *t = &m->tables[k];
        for (size_t j = 1; j < t->nb; j++)
            s = fmin(s, t->b_deg[j] - t->b_deg[j - 1]);
        for (size_t j = 1; j < t->nc; j++)
            s = fmin(s, t->c_deg[j] - t->c_deg[j - 1]);
    }
    return s;
}

/* East-west symmetry of the mask (in delta longitude, or azimuth) and of the eps0 table */
static int symmetric(const struct interf_wcg_request *q)
{
    for (size_t k = 0; k < q->mask->n_tables; k++) {
        const struct interf_mask_table *t = &q->mask->tables[k];
        for (size_t ib = 0; ib < t->nb; ib++)
            for (size_t ic = 0; ic < t->nc; ic++) {
                double b = t->b_deg[ib], c = t->c_deg[ic];
                double v = q->mask->axes == INTERF_MASK_AZ_EL
                               ? interf_mask_table_eval_db(t, -b, c)
                               : interf_mask_table_eval_db(t, b, -c);
                if (fabs(v - t->pfd_db[ib * t->nc + ic]) > 1e-9)
                    return 0;
            }
    }
    if (q->ops)
        for (size_t k = 0; k < q->ops->min_elev.n; k++) {
            const struct interf_elev_table *e = &q->ops->min_elev;
            size_t r = 0;
            while (r + 1 < e->n_rows && e->first[r + 1] <= k)
                r++;
            if (fabs(interf_elev_table_eval(e, e->lat_deg[r], 360 - e->az_deg[k]) -
                     e->elev_deg[k]) > 1e-9)
                return 0;
        }
    return 1;
}

enum interf_status interf_exam_wcg_down(const struct interf_wcg_request *q,
                                        struct interf_wcg *out, struct interf_error *err)
{
    memset(out, 0, sizeof *out);
    if (!q || !q->mask || !q->es)
        return interf_error_set(err, INTERF_EINVAL, "wcg: NULL mask or antenna");
    if (!(q->a_km * (1 - q->e) > INTERF_RE_KM && q->e >= 0 && q->e < 1 && q->i_rad >= 0 &&
          q->i_rad <= INTERF_PI && q->step_deg >= 0 && q->step_deg <= 10 && q->freq_mhz > 0) ||
        !isfinite(q->a_km))
        return interf_error_set(err, INTERF_EINPUT, "wcg: orbit a %g km, e %g, i %g rad, step "
                                "%g deg, frequency %g MHz: out of range", q->a_km, q->e, q->i_rad,
                                q->step_deg, q->freq_mhz);
    struct wcg_ctx cx = {q, q->rec != INTERF_REC_S1503_2, 0.1 * INTERF_DEG, 90, 0, 0, 0};
    cx.gmax_dbi = q->es->gain_max_dbi;
    cx.eps_gso_deg = cx.v4 ? interf_exam_eps_gso_deg(q->freq_mhz) : -90;
    if (q->step_deg > 0) {
        cx.step_rad = q->step_deg * INTERF_DEG;
    } else if (!cx.v4) { /* -2: min(beamwidth, mask step) / Nhit */
        double lo = 0, hi = 90;
        for (int k = 0; k < 60; k++) {
            double mid = 0.5 * (lo + hi);
            if (interf_antenna_gain_dbi(q->es, mid) > cx.gmax_dbi - 3)
                lo = mid;
            else
                hi = mid;
        }
        cx.step_rad = fmin(2 * lo, mask_step_deg(q->mask)) / INTERF_EXAM_NHIT * INTERF_DEG;
    }
    cx.eps0_min_deg = 0;
    if (q->ops && q->ops->min_elev.n) { /* eps0,min over the table */
        cx.eps0_min_deg = q->ops->min_elev.elev_deg[0];
        for (size_t k = 1; k < q->ops->min_elev.n; k++)
            cx.eps0_min_deg = fmin(cx.eps0_min_deg, q->ops->min_elev.elev_deg[k]);
    }
    cx.symmetric = symmetric(q);
    double i_deg = q->i_rad / INTERF_DEG;
    int nlat = i_deg > 0 ? (int)ceil(i_deg / (cx.step_rad / INTERF_DEG) - 1e-9) : 0;
    int nlist = 2 * nlat + 1;
    double *lats = malloc((size_t)nlist * sizeof *lats);
    struct interf_wcg *part = calloc((size_t)nlist, sizeof *part);
    if (!lats || !part) {
        free(lats);
        free(part);
        return interf_error_set(err, INTERF_ENOMEM, "wcg: out of memory");
    }
    /* the Recommendation's order: 0, +l1, -l1, +l2, -l2, ... */
    for (int k = 0; k < nlist; k++)
        lats[k] = (k == 0 ? 0 : (k % 2 ? 1 : -1)) * i_deg * ((k + 1) / 2) / (nlat ? nlat : 1);
    int threads = q->threads > 0 ? q->threads : omp_get_max_threads();
    int n_parts = q->n_parts > 1 && q->combine ? q->n_parts : 1;
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
    for (int k = 0; k < nlist; k++)
        if (k % n_parts == q->part % n_parts)
            calc_at_lat(&cx, lats[k], &part[k]);
    if (n_parts > 1) /* part[] was zeroed: the OR of the parts is each latitude's result */
        q->combine(part, (size_t)nlist * sizeof *part, q->combine_user);
    for (int k = 0; k < nlist; k++)
        merge(out, &part[k]);
    if (nlat > 0) {
        /* WCGD_CheckExtremeCase over the latitudes in increasing order */
        for (int k = 0; k < nlist; k++)
            lats[k] = -i_deg + 2 * i_deg * k / (nlist - 1);
        for (int sign = 0; sign <= 2; sign++)
            for (int side = 0; side < 2; side++)
                extreme_case(&cx, lats, nlist, sign == 2 ? -1 : sign,
                             side ? -INTERF_PI / 2 : INTERF_PI / 2, out);
    }
    free(lats);
    free(part);
    return INTERF_OK;
}

enum interf_status interf_exam_wcg_lon_shift(const struct interf_constellation *c, size_t sat,
                                             double lat_deg, int ascending, double dt_s,
                                             double *t_s, double *shift_deg,
                                             struct interf_error *err)
{
    if (sat >= interf_constellation_count(c) || !(dt_s > 0))
        return interf_error_set(err, INTERF_EINPUT, "wcg: satellite %zu, step %g s: out of "
                                "range", sat, dt_s);
    struct interf_elements el;
    struct interf_orbit_rates r;
    interf_constellation_satellite(c, sat, &el, &r);
    double x, y, z, vx, vy, vz, best = INFINITY;
    struct interf_ephem e = {&x, &y, &z, &vx, &vy, &vz};
    long n = (long)ceil(r.t_nodal_s / dt_s);
    for (long k = 0; k <= n; k++) {
        double t = (double)k * dt_s;
        interf_constellation_propagate(c, sat, 1, t, NULL, INTERF_FRAME_ECEF, &e);
        if ((vz > 0) != (ascending != 0))
            continue;
        double lat = atan2(z, hypot(x, y)) / INTERF_DEG;
        if (fabs(lat - lat_deg) < best) {
            best = fabs(lat - lat_deg);
            *t_s = t;
            *shift_deg = atan2(y, x) / INTERF_DEG; /* minus the WCG satellite's 0 */
        }
    }
    if (!isfinite(best))
        return interf_error_set(err, INTERF_EINPUT, "wcg: satellite %zu never on that branch",
                                sat);
    return INTERF_OK;
}
