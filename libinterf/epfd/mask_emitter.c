/* SPDX-License-Identifier: MIT */
/* The pfd-mask emitter of the EPFD kernel: a satellite whose orbit group files a pfd mask
 * (Rec. ITU-R S.1503-4 (09/2023) §B4.1, §C4) contributes the mask's pfd toward each ground
 * point instead of P Gt / (4 pi d^2) of its beams: the table of the nearest sub-satellite
 * latitude, bilinear (§C4.1), in the (azimuth, elevation) satellite frame of §D6.4.5 or in
 * (alpha, delta longitude) of §D6.4.4, times the earth station's relative gain from the
 * plan's table. Scalar: one mask look-up and one exponential per visible pair. */
#include <math.h>

#include "epfd_impl.h"
#include "interf/geo.h"

void epfd_mask_emitter(struct epfd_emitter *e, size_t sat, const struct interf_system_orbit *o,
                       double run_bw_khz, double gr_max_dbi)
{
    e->sat = sat;
    e->beam = NULL;
    e->mask = o->exam.pfd_mask;
    /* §C4.1: a flat spectral density rescales the mask to the run's bandwidth */
    e->p = pow(10.0, (interf_pfd_mask_scale_db(e->mask, run_bw_khz) - gr_max_dbi) / 10.0);
    e->min_el_rad = o->min_elevation_deg * INTERF_DEG;
    e->sin_min_el = sin(e->min_el_rad);
    e->alpha0_rad = (float)(o->gso_avoidance_deg * INTERF_DEG);
}

/* The earth station's linear gain at half chord h from the plan's 1-D table, or from the
 * pattern itself when it depends on the azimuth (no 1-D table) */
static double es_gain_lin(const struct interf_epfd_plan *p, double h)
{
    const struct epfd_gain *t = &p->es_gain;
    if (!t->vs)
        return pow(10.0, interf_antenna_gain_dbi(p->spec.es, 2 * asin(h) / INTERF_DEG) / 10.0);
    double f = h * t->n;
    int i = (int)f;
    i = i < t->n - 1 ? i : t->n - 1;
    return t->dvs ? t->dvs[2 * i] + (f - i) * t->dvs[2 * i + 1]
                  : t->vs[2 * i] + (f - i) * t->vs[2 * i + 1];
}

/* The mask's pfd (dB) of a satellite at s (ECEF km) toward the ground point g along unit n
 * (point to satellite) */
static double mask_db(const struct interf_pfd_mask *m, const double s[3], const double g[3],
                      const double n[3])
{
    double rs = sqrt(s[0] * s[0] + s[1] * s[1] + s[2] * s[2]);
    double lat = asin(s[2] / rs), lon = atan2(s[1], s[0]), b, c;
    if (m->axes == INTERF_MASK_AZ_EL) {
        double X[3] = {-sin(lon), cos(lon), 0};
        double Z[3] = {-sin(lat) * cos(lon), -sin(lat) * sin(lon), cos(lat)};
        double ux = -(n[0] * X[0] + n[1] * X[1]), uz = -(n[0] * Z[0] + n[1] * Z[1] + n[2] * Z[2]);
        double uy = (n[0] * s[0] + n[1] * s[1] + n[2] * s[2]) / rs; /* -n . (-s / |s|) */
        c = asin(uz > 1 ? 1 : uz < -1 ? -1 : uz) / INTERF_DEG;
        b = atan2(ux, uy) / INTERF_DEG;
    } else {
        double alpha, arc_lon;
        if (interf_gso_arc_alpha(g, s, &alpha, &arc_lon) != INTERF_OK)
            alpha = INFINITY, arc_lon = lon;
        b = alpha / INTERF_DEG;
        c = interf_wrap_pi(arc_lon - lon) / INTERF_DEG;
    }
    return interf_pfd_mask_eval_db(m, lat / INTERF_DEG, b, c);
}

void epfd_mask_pairs(const struct interf_epfd_plan *p, const struct epfd_emitter *em,
                     const double s[3], size_t off, size_t n, double *c)
{
    const struct epfd_points *pts = &p->pts;
    for (size_t i = 0; i < n; i++) {
        size_t q = off + i;
#define PT(name) (pts->d.name ? pts->d.name[q] : (double)pts->f.name[q])
        double g[3] = {PT(gx), PT(gy), PT(gz)}, u[3] = {PT(ux), PT(uy), PT(uz)};
        double b[3] = {PT(px), PT(py), PT(pz)};
#undef PT
        double v[3] = {s[0] - g[0], s[1] - g[1], s[2] - g[2]};
        double d2 = v[0] * v[0] + v[1] * v[1] + v[2] * v[2], d = sqrt(d2);
        double vu = v[0] * u[0] + v[1] * u[1] + v[2] * u[2];
        c[i] = 0;
        if (!(vu > 0) || (em->min_el_rad > 0 && vu < em->sin_min_el * d))
            continue;
        double nv[3] = {v[0] / d, v[1] / d, v[2] / d};
        double pfd = mask_db(em->mask, s, g, nv);
        if (!(pfd > INTERF_MASK_OFF_DB))
            continue; /* §C1: no transmission */
        double e[3] = {nv[0] - b[0], nv[1] - b[1], nv[2] - b[2]};
        double h = 0.5 * sqrt(e[0] * e[0] + e[1] * e[1] + e[2] * e[2]);
        c[i] = em->p * pow(10.0, pfd / 10.0) * es_gain_lin(p, h);
    }
}
