/* SPDX-License-Identifier: MIT */
/* Visibility windows of the satellites over a run on a small area (a single
 * earth station over 10^6 steps, say): for each satellite the runs of time steps outside which it
 * cannot come within reach of any point, found by propagating it coarsely under the secular
 * model of Rec. ITU-R S.1503-4 (09/2023) §D6.3 with a bound on how fast its direction turns
 * (interf_constellation_turn_rate), so that the run propagates and evaluates it only there. */
#include <math.h>
#include <omp.h>
#include <stdlib.h>

#include "epfd_impl.h"
#include "interf/geo.h"

/* Points above which the windows are taken against the cap of every point, not each point. */
#define WINDOW_MAX_CAPS 64
/* Slack (rad) on top of the visibility cap: the rounding of the angles here (acos near 0 loses
 * half the digits, 1e-8 rad) and of the run's elevation test in single precision (1e-6 rad)
 * stay far inside it. */
#define WINDOW_SLACK_RAD (0.01 * INTERF_DEG)
/* Radius (rad) of the area beyond which a satellite is within reach too often for windows to
 * pay: every satellite is then propagated at every step, in one batch. */
#define WINDOW_AREA_RAD 1.0

double epfd_sat_reach(const struct interf_epfd_plan *p, const struct epfd_windows *w, size_t sat)
{
    const struct interf_constellation *c = interf_system_constellation(p->spec.sys);
    struct interf_elements el;
    interf_constellation_satellite(c, sat, &el, NULL);
    /* on the sphere the points lie on it and look up along their radius: the cap is exact */
    double margin = interf_earth_kind(p->spec.earth) == INTERF_EARTH_SPHERE
                        ? WINDOW_SLACK_RAD
                        : EPFD_CULL_MARGIN_RAD + WINDOW_SLACK_RAD;
    double reach = 0;
    for (size_t j = w->em_first[sat]; j < w->em_first[sat] + w->em_count[sat]; j++) {
        /* the visibility cap acos(Re cos e / r) - e grows with r: at apogee it is widest */
        double e = p->em[j].min_el_rad, ce = INTERF_RE_KM * cos(e) / (el.a_km * (1 + el.e));
        double lam = (ce < 1 ? acos(ce) : 0) - e + margin;
        reach = lam > reach ? lam : reach;
    }
    return reach;
}

/* The caps the windows are taken against (*own: an array to free): one per point (its
 * direction from the centre, radius 0) when they are few, else the cap of every point, unless
 * that is too wide for windows to pay (*wide). Returns their number, (size_t)-1 when out of
 * memory. */
static size_t window_caps(const struct interf_epfd_plan *p, const struct epfd_cap **caps,
                          struct epfd_cap **own, int *wide)
{
    const struct epfd_geom_f *g = &p->pts.f;
    *own = NULL;
    *wide = p->pts.n > WINDOW_MAX_CAPS && !(p->all.radius_rad < WINDOW_AREA_RAD);
    if (p->pts.n > WINDOW_MAX_CAPS) {
        *caps = &p->all;
        return 1;
    }
    if (!(*own = malloc((p->pts.n ? p->pts.n : 1) * sizeof **own)))
        return (size_t)-1;
    for (size_t i = 0; i < p->pts.n; i++) {
        double x = g->gx[i], y = g->gy[i], z = g->gz[i], r = sqrt(x * x + y * y + z * z);
        (*own)[i] = (struct epfd_cap){x / r, y / r, z / r, 0};
    }
    *caps = *own;
    return p->pts.n;
}

/* The Earth-central angle (rad) from the unit direction u to the nearest of caps[0, n), less
 * its radius. */
static double cap_gap(const double u[3], const struct epfd_cap *caps, size_t n)
{
    double gap = INFINITY;
    for (size_t t = 0; t < n; t++) {
        const struct epfd_cap *c = &caps[t];
        double cs = u[0] * c->cx + u[1] * c->cy + u[2] * c->cz;
        double g = acos(cs > 1 ? 1 : cs < -1 ? -1 : cs) - c->radius_rad;
        gap = g < gap ? g : gap;
    }
    return gap;
}

/* Append the window [k0, k1) of sat to w, or extend the last one when less than a block of
 * steps lies between them (so that at most one window of a satellite meets any block). */
static int push(struct epfd_windows *w, size_t *cap, size_t sat, long k0, long k1)
{
    if (w->n > 0 && w->w[w->n - 1].sat == sat && k0 - w->w[w->n - 1].k1 < EPFD_BLOCK) {
        w->w[w->n - 1].k1 = k1;
        return 1;
    }
    if (w->n == *cap) {
        size_t nc = *cap ? 2 * *cap : 16;
        struct epfd_window *nw = realloc(w->w, nc * sizeof *nw);
        if (!nw)
            return 0;
        w->w = nw, *cap = nc;
    }
    w->w[w->n++] = (struct epfd_window){k0, k1, sat};
    return 1;
}

/* The windows of one satellite, appended to w. At step k the satellite is at angle gap + reach
 * from the nearest cap; while gap > 0 it is out of reach of every point, and it stays so for
 * at least gap / rate (rate: interf_constellation_turn_rate): the next steps before that are
 * skipped unpropagated. While gap <= 0 the steps are in the window, and so are those of the
 * next |gap| / rate, by the same bound. Returns 0 when out of memory. */
static int sat_windows(const struct interf_epfd_plan *p, const long span[2], double reach,
                       size_t sat, const struct epfd_cap *caps, size_t n_caps,
                       struct epfd_windows *w, size_t *cap)
{
    const struct interf_constellation *c = interf_system_constellation(p->spec.sys);
    const long n = span[1];
    const double dt = p->spec.window.step_s;
    double rate = interf_constellation_turn_rate(c, sat, &p->run);
    if (!isfinite(rate))
        return push(w, cap, sat, span[0], n);
    long open = -1;
    for (long k = span[0]; k < n;) {
        double t = p->run.t0_s + (double)k * dt, x, y, z;
        struct interf_ephem e = {&x, &y, &z, NULL, NULL, NULL};
        interf_constellation_propagate(c, sat, 1, t, &p->run, INTERF_FRAME_ECEF, &e);
        double r = sqrt(x * x + y * y + z * z), u[3] = {x / r, y / r, z / r};
        double gap = cap_gap(u, caps, n_caps) - reach;
        if (gap <= 0 && open < 0)
            open = k;
        if (gap > 0 && open >= 0) {
            if (!push(w, cap, sat, open, k))
                return 0;
            open = -1;
        }
        /* steps k + j with j dt < |gap| / rate keep the sign of gap (a rate of 0 keeps it for
         * good); rounding of the gap is far inside the margins of the reach */
        double j = fabs(gap) / (rate * dt);
        k += j >= (double)(n - k) ? n - k : j >= 1 ? (long)j : 1;
    }
    return open < 0 || push(w, cap, sat, open, n);
}

static int by_start(const void *a, const void *b)
{
    const struct epfd_window *x = a, *y = b;
    if (x->k0 != y->k0)
        return (x->k0 > y->k0) - (x->k0 < y->k0);
    return (x->sat > y->sat) - (x->sat < y->sat);
}

/* Each satellite's emitters (plan_emitters lists them satellite by satellite). */
static int emitter_ranges(const struct interf_epfd_plan *p, size_t nsat, struct epfd_windows *w)
{
    w->em_first = calloc(nsat ? nsat : 1, sizeof *w->em_first);
    w->em_count = calloc(nsat ? nsat : 1, sizeof *w->em_count);
    if (!w->em_first || !w->em_count)
        return 0;
    for (size_t j = p->n_em; j-- > 0;) {
        w->em_first[p->em[j].sat] = j;
        w->em_count[p->em[j].sat]++;
    }
    return 1;
}

/* The windows of every satellite with emitters, on the threads of the plan, in one list by
 * first step. */
static int all_windows(const struct interf_epfd_plan *p, const long span[2], size_t nsat,
                       const struct epfd_cap *caps, size_t n_caps, struct epfd_windows *out)
{
    /* one list per thread, satellites in increasing order within each */
    struct epfd_windows *part = calloc((size_t)p->threads, sizeof *part);
    size_t *cap = calloc((size_t)p->threads, sizeof *cap);
    int ok = part && cap;
    if (ok) {
        #pragma omp parallel num_threads(p->threads) reduction(&& : ok)
        {
            int me = omp_get_thread_num();
            #pragma omp for schedule(dynamic, 16)
            for (size_t s = 0; s < nsat; s++)
                if (out->em_count[s] > 0)
                    ok = ok && sat_windows(p, span, epfd_sat_reach(p, out, s), s, caps, n_caps,
                                           &part[me], &cap[me]);
        }
    }
    size_t n = 0;
    for (int t = 0; ok && t < p->threads; t++)
        n += part[t].n;
    ok = ok && (out->w = malloc((n ? n : 1) * sizeof *out->w)) != NULL;
    for (int t = 0; ok && t < p->threads; t++)
        for (size_t i = 0; i < part[t].n; i++)
            out->w[out->n++] = part[t].w[i];
    if (ok)
        qsort(out->w, out->n, sizeof *out->w, by_start);
    for (int t = 0; part && t < p->threads; t++)
        free(part[t].w);
    free(part);
    free(cap);
    return ok;
}

enum interf_status epfd_windows_build(const struct interf_epfd_plan *p, const long span[2],
                                      struct epfd_windows *out, struct interf_error *err)
{
    const struct epfd_cap *caps;
    struct epfd_cap *own;
    size_t nsat = interf_system_info(p->spec.sys)->n_sats;
    int wide;
    size_t n_caps = window_caps(p, &caps, &own, &wide);
    *out = (struct epfd_windows){0};
    out->every = wide || p->full_propagation;
    int ok = n_caps != (size_t)-1 && emitter_ranges(p, nsat, out) &&
             (out->every || all_windows(p, span, nsat, caps, n_caps, out));
    free(own);
    if (!ok) {
        epfd_windows_free(out);
        return interf_error_set(err, INTERF_ENOMEM, "EPFD run: out of memory for windows");
    }
    return INTERF_OK;
}

void epfd_windows_free(struct epfd_windows *w)
{
    free(w->w);
    free(w->em_first);
    free(w->em_count);
    *w = (struct epfd_windows){0};
}
