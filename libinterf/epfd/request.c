/* SPDX-License-Identifier: MIT */
/* An EPFD run as a user asks for it: the defaults of the system file and of Rec. ITU-R S.1503-4
 * (09/2023) resolved (the earth station's pattern and dish, the run frequency of §D2.1, the
 * epsilon_GSO of Table 8, the fine step of §D4.2), every value checked and named when wrong,
 * then the run planned. One place for these decisions, whatever program makes the run. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "epfd_impl.h"

double interf_epfd_eps_gso_deg(double freq_ghz) { return freq_ghz < 17.0 ? 10.0 : 20.0; }

enum interf_status interf_epfd_step_for(const struct interf_system *sys,
                                        enum interf_exam_beamwidth conv, double dish_m,
                                        double freq_ghz, struct interf_epfd_step *out,
                                        struct interf_error *err)
{
    const struct interf_system_info *info = interf_system_info(sys);
    const struct interf_constellation *c = interf_system_constellation(sys);
    /* S.1503-4 §D4.2: theta3dB of the earth station, by the one definition of each convention */
    double bw = interf_exam_beamwidth_deg(conv, dish_m, freq_ghz);
    int found = 0;
    for (size_t s = 0; s < info->n_sats; s++) {
        const struct interf_system_orbit *o =
            interf_system_orbit(sys, interf_system_sat_orbit(sys, s));
        if (o->n_beams == 0 && !o->exam.pfd_mask)
            continue;
        struct interf_elements el;
        struct interf_epfd_step st;
        interf_constellation_satellite(c, s, &el, NULL);
        double h = el.a_km * (1 - el.e) - INTERF_RE_KM;
        struct interf_error e2;
        if (interf_epfd_step_auto(h, el.i_rad, bw, &st, &e2) != INTERF_OK)
            return interf_error_set(err, e2.status, "step_s: auto: %s", e2.msg);
        if (!found || st.dt_ref_s < out->dt_ref_s)
            *out = st;
        found = 1;
    }
    if (!found)
        return interf_error_set(err, INTERF_EINPUT, "step_s: auto: no orbit carries a beam");
    return INTERF_OK;
}

enum interf_status interf_es_antenna_init(const char *pattern, double dish_m, double freq_ghz,
                                          struct interf_antenna *ant, struct interf_error *err)
{
    const struct interf_pattern_def *def = interf_pattern_find(pattern);
    char names[512];
    if (!def)
        return interf_error_set(err, INTERF_EINPUT, "es_pattern: %s: unknown (known: %s)",
                                pattern, interf_pattern_names(names, sizeof names));
    double v[INTERF_PATTERN_MAXKEYS] = {0};
    int given[INTERF_PATTERN_MAXKEYS] = {0};
    int kd = interf_pattern_key_index(def, "diameter_m");
    int kf = interf_pattern_key_index(def, "frequency_ghz");
    if (kd < 0)
        return interf_error_set(err, INTERF_EINPUT,
                                "es_pattern: %s has no dish diameter: not an earth-station "
                                "pattern", pattern);
    v[kd] = dish_m, given[kd] = 1;
    if (kf >= 0)
        v[kf] = freq_ghz, given[kf] = 1;
    struct interf_error e2;
    if (interf_antenna_init(ant, def, v, given, freq_ghz, &e2) != INTERF_OK)
        return interf_error_set(err, e2.status, "es_pattern: %s: %s", pattern, e2.msg);
    return INTERF_OK;
}

/* The earth station's receive pattern: the request's, else the system's, else S.1428, with the
 * request's or the system's dish. */
static enum interf_status es_antenna(const struct interf_epfd_request *r, double freq_ghz,
                                     struct interf_antenna *ant, double *dish_m,
                                     struct interf_error *err)
{
    const struct interf_system_earth_station *es = interf_system_earth_station(r->sys);
    const char *name = r->es_pattern ? r->es_pattern : es->pattern[0] ? es->pattern : "S.1428";
    *dish_m = r->es_dish_m > 0 ? r->es_dish_m : es->dish_m;
    const struct interf_pattern_def *def = interf_pattern_find(name);
    if (def && interf_pattern_key_index(def, "diameter_m") >= 0 && !(*dish_m > 0))
        return interf_error_set(err, INTERF_EINPUT,
                                "es_dish_m: required (the system file has no [earth-station] "
                                "dish_m)");
    return interf_es_antenna_init(name, *dish_m, freq_ghz, ant, err);
}

/* The time steps: start, step (given or §D4.2), number of steps (given or from the duration). */
static enum interf_status window(const struct interf_epfd_request *r, struct interf_epfd_info *in,
                                 struct interf_time_window *w, struct interf_error *err)
{
    const struct interf_system_info *info = interf_system_info(r->sys);
    enum interf_status st;
    w->start_unix_s = r->start_given ? r->start_unix_s : info->epoch_unix_s;
    w->step_s = r->step_s > 0 ? r->step_s : 10.0;
    if (r->step_auto) {
        if ((st = interf_epfd_step_for(r->sys, r->step_beamwidth, in->es_dish_m, in->freq_ghz,
                                       &in->step, err)) != INTERF_OK)
            return st;
        w->step_s = in->step.dt_ref_s;
        in->step_auto = 1;
    }
    if (!(w->step_s > 0) || !isfinite(w->step_s))
        return interf_error_set(err, INTERF_EINPUT, "step_s: must be positive");
    if (r->n_steps > 0) {
        w->n_steps = r->n_steps;
    } else {
        double d = r->duration_s > 0 ? r->duration_s : 86400.0;
        double n = floor(d / w->step_s * (1 + 1e-12));
        if (n < 1 || n > 1e9)
            return interf_error_set(err, INTERF_EINPUT,
                                    "duration_s: %g s at %g s steps: %.0f steps (1 to 1e9 "
                                    "allowed)", d, w->step_s, n);
        w->n_steps = (long)n;
    }
    w->t_run_s = r->t_run_s;
    return interf_time_window_check(w, info->epoch_unix_s, in->warning, sizeof in->warning, err);
}

/* Where each earth station points: the request's choice, else the system's [earth-station]
 * gso_lon, else the GSO satellite at each point's own longitude. */
static enum interf_status pointing(const struct interf_epfd_request *r,
                                   struct interf_epfd_spec *s, struct interf_error *err)
{
    const struct interf_system_earth_station *es = interf_system_earth_station(r->sys);
    s->pointing = INTERF_ES_GSO_SAME;
    if (r->pointing_given) {
        s->pointing = r->pointing;
        s->gso_lon_deg = r->gso_lon_deg;
        s->az_deg = r->az_deg;
        s->el_deg = r->el_deg;
    } else if (es->given && !es->gso_lon_same) {
        s->pointing = INTERF_ES_GSO_LON;
        s->gso_lon_deg = es->gso_lon_deg;
    }
    if (s->pointing == INTERF_ES_AZEL && !(s->az_deg >= 0 && s->az_deg <= 360))
        return interf_error_set(err, INTERF_EINPUT, "pointing: azimuth %g: allowed range 0 to 360",
                                s->az_deg);
    if (s->pointing == INTERF_ES_AZEL && !(s->el_deg >= 0 && s->el_deg <= 90))
        return interf_error_set(err, INTERF_EINPUT,
                                "pointing: elevation %g: allowed range 0 to 90 (a dish pointing "
                                "below the horizon)", s->el_deg);
    if (s->pointing == INTERF_ES_GSO_LON && !(s->gso_lon_deg >= -180 && s->gso_lon_deg <= 360))
        return interf_error_set(err, INTERF_EINPUT,
                                "gso_lon_deg: %g: allowed range -180 to 360", s->gso_lon_deg);
    return INTERF_OK;
}

enum interf_status interf_epfd_plan_request(const struct interf_epfd_request *r,
                                            struct interf_epfd_plan **out,
                                            struct interf_error *err)
{
    struct interf_epfd_info in;
    struct interf_antenna es;
    struct interf_earth *earth = NULL;
    struct interf_epfd_spec s;
    enum interf_status st;
    *out = NULL;
    if (!r || !r->sys)
        return interf_error_set(err, INTERF_EINVAL, "interf_epfd_plan_request: no system");
    const struct interf_system_info *info = interf_system_info(r->sys);
    memset(&in, 0, sizeof in);
    memset(&es, 0, sizeof es);
    memset(&s, 0, sizeof s);
    in.freq_ghz = r->freq_ghz > 0 ? r->freq_ghz : info->freq_ghz;
    if (!(in.freq_ghz > 0))
        return interf_error_set(err, INTERF_EINPUT,
                                "freq_ghz: required (the system file has no band_ghz)");
    in.ref_bandwidth_khz = r->ref_bandwidth_khz > 0 ? r->ref_bandwidth_khz
                                                    : info->ref_bandwidth_khz;
    if ((st = es_antenna(r, in.freq_ghz, &es, &in.es_dish_m, err)) != INTERF_OK)
        return st;
    in.es = &es;
    if ((st = interf_earth_create(r->earth, &earth, err)) != INTERF_OK ||
        (st = window(r, &in, &s.window, err)) != INTERF_OK || (st = pointing(r, &s, err)) != 0)
        goto fail;
    in.n_dropped = interf_constellation_dropouts(interf_system_constellation(r->sys), &s.window,
                                                 in.dropped, INTERF_EPFD_DROPPED_MAX);
    in.eps_gso_deg = interf_epfd_eps_gso_deg(in.freq_ghz);
    snprintf(in.quantity, sizeof in.quantity, "epfd_dbw_m2_%gkhz", in.ref_bandwidth_khz);
    snprintf(in.unit, sizeof in.unit, "dB(W/m2/%gkHz)", in.ref_bandwidth_khz);
    s.sys = r->sys, s.earth = earth, s.es = &es, s.eps_gso_deg = in.eps_gso_deg;
    s.grid = r->grid, s.n_points = r->n_points, s.lat_deg = r->lat_deg, s.lon_deg = r->lon_deg;
    s.threads = r->threads, s.fp64 = r->fp64;
    /* a flat spectral density (S.1503-4 §C4.1): powers scale with the reference bandwidth */
    s.power_offset_db = 10 * log10(in.ref_bandwidth_khz / info->ref_bandwidth_khz);
    struct interf_epfd_plan *p;
    if ((st = interf_epfd_plan_create(&s, &p, err)) != INTERF_OK)
        goto fail;
    /* the plan owns what the request made; its spec points at its own copies */
    p->es_own = es;
    p->earth_own = earth;
    p->spec.es = &p->es_own;
    p->info = in;
    p->info.es = &p->es_own;
    p->info.earth = earth;
    *out = p;
    return INTERF_OK;
fail:
    interf_antenna_release(&es);
    interf_earth_destroy(earth);
    return st;
}

const struct interf_epfd_info *interf_epfd_plan_info(const struct interf_epfd_plan *p)
{
    return p->info.es ? &p->info : NULL;
}
