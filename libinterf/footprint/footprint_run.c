/* SPDX-License-Identifier: MIT */
/* interf footprint: the run. Satellites' positions at the instant, ground points of the grid,
 * the beams resolved for the satellite's position (boresight, the azimuth frame about it, M.2101
 * arrays steered to it), then per ground point the value of the beams, the statistics of the pfd
 * over the schedule, or the number of satellites in view. */
#include "footprint_impl.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interf/schedule.h"

#define MAX_BEAMS 16

/* One beam resolved for the satellite's position: unit boresight b from the satellite and the
 * azimuth frame about it (n toward north, e = b x n), or an array's gains toward every point. */
struct beam_geom {
    const struct interf_system_beam *beam;
    const struct interf_antenna *ant;
    double b[3], n[3], e[3];
    float *gain_lin;
};

struct run {
    const struct interf_footprint_request *rq;
    struct interf_earth *earth;
    struct interf_grid_spec spec;
    size_t np, n_sats;
    size_t first, end;           /* the points computed: [first, end) of the grid's np */
    double s[3];                 /* the satellite (ECEF, km) */
    double *px, *py, *pz, *up;   /* ground points: ECEF (km) and up vectors (3 per point) */
    struct beam_geom beams[MAX_BEAMS];
    size_t n_beams;
};

static double dot3(const double a[3], const double b[3])
{
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/* Progress at point p (reported at the start of each grid row and at the end) */
static enum interf_status progress(const struct run *r, size_t p)
{
    const struct interf_footprint_request *rq = r->rq;
    double n = (double)(r->end - r->first);
    if (rq->progress && (p % r->spec.ncols == 0 || p == r->end) &&
        rq->progress(n > 0 ? (double)(p - r->first) / n : 1, "footprint", rq->progress_user))
        return INTERF_ECANCELED;
    return INTERF_OK;
}

static enum interf_status ground_points(struct run *r, struct interf_error *err)
{
    r->px = malloc(6 * r->np * sizeof *r->px);
    if (!r->px)
        return interf_error_set(err, INTERF_ENOMEM, "grid: %zu cells: out of memory", r->np);
    r->py = r->px + r->np, r->pz = r->py + r->np, r->up = r->pz + r->np;
    for (size_t i = 0; i < r->spec.nrows; i++)
        for (size_t j = 0; j < r->spec.ncols; j++) {
            size_t p = i * r->spec.ncols + j;
            struct interf_station st;
            enum interf_status s = interf_station_init(
                r->earth, interf_grid_lat_deg(&r->spec, i) * INTERF_DEG,
                interf_grid_lon_deg(&r->spec, j) * INTERF_DEG, 0, &st, err);
            if (s != INTERF_OK)
                return s;
            r->px[p] = st.ecef_km[0], r->py[p] = st.ecef_km[1], r->pz[p] = st.ecef_km[2];
            memcpy(r->up + 3 * p, st.up, sizeof st.up);
        }
    return INTERF_OK;
}

/* An M.2101 phased array (Rec. ITU-R M.2101-0 Annex 1 §5) on the satellite: its face looks at
 * the geocentric nadir, its horizontal axis (increasing element column) at orientation_deg from
 * north (clockwise as seen from the satellite), its vertical axis 90 deg further clockwise. A
 * nadir beam keeps the antenna's own escan_deg and etilt_deg; an off-nadir or aimed beam is
 * steered electronically to its boresight (interf_m2101_steer). The gains toward every grid
 * point come from interf_m2101_gains, one complex matrix product per tile of directions. */
static enum interf_status array_gains(struct run *r, struct beam_geom *g,
                                      struct interf_error *err)
{
    size_t np = r->np;
    double o = g->beam->orientation_deg * INTERF_DEG, x[3], h[3], v[3];
    double rs = sqrt(dot3(r->s, r->s)), aim[3] = {g->b[0], g->b[1], g->b[2]};
    for (int k = 0; k < 3; k++)
        x[k] = -r->s[k] / rs;
    memcpy(g->b, x, sizeof x); /* the frame of the array's face */
    interf_beam_frame(g->b, g->n, g->e);
    for (int k = 0; k < 3; k++) {
        h[k] = g->n[k] * cos(o) + g->e[k] * sin(o);
        v[k] = -g->n[k] * sin(o) + g->e[k] * cos(o);
    }
    const struct interf_pattern_def *def = g->ant->def;
    double escan = g->ant->value[interf_pattern_key_index(def, "escan_deg")];
    double etilt = g->ant->value[interf_pattern_key_index(def, "etilt_deg")];
    if (g->beam->pointing != INTERF_POINT_NADIR)
        interf_m2101_steer(x, h, v, aim, &escan, &etilt);
    double *az = malloc(2 * np * sizeof *az);
    g->gain_lin = malloc(np * sizeof *g->gain_lin);
    if (!az || !g->gain_lin) {
        free(az);
        return interf_error_set(err, INTERF_ENOMEM, "[beam %s]: %zu cells: out of memory",
                                g->beam->name, np);
    }
    for (size_t p = 0; p < np; p++) {
        double u[3] = {r->px[p] - r->s[0], r->py[p] - r->s[1], r->pz[p] - r->s[2]};
        interf_m2101_direction(x, h, v, u, &az[p], &az[np + p]);
    }
    enum interf_status st = interf_m2101_gains(g->ant, np, az, az + np, 1, &escan, &etilt,
                                               g->gain_lin, INTERF_ARRAY_CGEMM, err);
    free(az);
    return st;
}

/* The drawn beams of the satellite: boresight (interf_beam_boresight: nadir is geocentric on
 * both Earth models) and the azimuth frame about it (interf_beam_frame). */
static enum interf_status resolve_beams(struct run *r, struct interf_error *err)
{
    const struct interf_footprint_request *rq = r->rq;
    const struct interf_system_orbit *orb = fp_orbit(rq);
    for (size_t k = 0; k < orb->n_beams && r->n_beams < MAX_BEAMS; k++) {
        const struct interf_system_beam *bm = interf_system_beam(rq->sys, orb->beams[k]);
        if (!fp_beam_selected(rq, bm))
            continue;
        struct beam_geom *g = &r->beams[r->n_beams++];
        double aim[3] = {0, 0, 0};
        g->beam = bm;
        g->ant = &interf_system_antenna(rq->sys, bm->antenna)->antenna;
        struct interf_error e;
        if (bm->pointing == INTERF_POINT_AIM &&
            interf_geo_to_ecef(r->earth, bm->aim_lat_deg * INTERF_DEG,
                               bm->aim_lon_deg * INTERF_DEG, 0, aim, &e) != INTERF_OK)
            return interf_error_set(err, INTERF_EINPUT, "[beam %s] aim point: %s", bm->name,
                                    e.msg);
        interf_beam_boresight(bm, r->s, aim, g->b);
        interf_beam_frame(g->b, g->n, g->e);
        enum interf_status st = fp_is_array(g->ant) ? array_gains(r, g, err) : INTERF_OK;
        if (st != INTERF_OK)
            return st;
    }
    return INTERF_OK;
}

/* Sine of the elevation of the satellite s seen from ground point p, and the range (km). */
static double sin_elevation(const struct run *r, size_t p, const double s[3], double *range_km)
{
    double v[3] = {s[0] - r->px[p], s[1] - r->py[p], s[2] - r->pz[p]};
    *range_km = sqrt(dot3(v, v));
    return dot3(v, r->up + 3 * p) / *range_km;
}

/* The gain (dBi) of beam g toward ground point p. */
static double beam_gain_dbi(const struct run *r, const struct beam_geom *g, size_t p)
{
    if (g->gain_lin)
        return 10 * log10(g->gain_lin[p]);
    double v[3] = {r->px[p] - r->s[0], r->py[p] - r->s[1], r->pz[p] - r->s[2]};
    double phi_deg = interf_angle_between(g->b, v) / INTERF_DEG;
    double az_deg = atan2(dot3(v, g->e), dot3(v, g->n)) / INTERF_DEG;
    return interf_antenna_gain2_dbi(g->ant, phi_deg, az_deg - g->beam->orientation_deg);
}

/* The value of beam g at ground point p (range d_km): G - Gmax, EIRP or PFD = EIRP -
 * 10 log10(4 pi d^2) with d in m (free-space spreading). */
static double beam_value(const struct run *r, const struct beam_geom *g, size_t p, double d_km)
{
    double gain = beam_gain_dbi(r, g, p);
    if (r->rq->quantity == INTERF_FOOTPRINT_GAIN)
        return gain - g->ant->gain_max_dbi;
    double eirp = g->beam->power_dbw + gain;
    if (r->rq->quantity == INTERF_FOOTPRINT_EIRP)
        return eirp;
    double d_m = d_km * 1e3;
    return eirp - 10 * log10(4 * INTERF_PI * d_m * d_m);
}

static enum interf_status fill_sat(const struct run *r, struct interf_grid *g)
{
    double sin_min = sin(r->rq->min_elevation_deg * INTERF_DEG);
    for (size_t p = r->first; p < r->end; p++) {
        double d_km, best = -INFINITY, sum = 0;
        if (progress(r, p) != INTERF_OK)
            return INTERF_ECANCELED;
        if (sin_elevation(r, p, r->s, &d_km) < sin_min)
            continue; /* NODATA: below the horizon or min_elevation_deg */
        for (size_t k = 0; k < r->n_beams; k++) {
            double x = beam_value(r, &r->beams[k], p, d_km);
            best = x > best ? x : best;
            sum += pow(10, x / 10);
        }
        g->values[p] = r->rq->combine_max || r->n_beams == 1 ? best : 10 * log10(sum);
    }
    return INTERF_OK;
}

static enum interf_status fill_visible(const struct run *r, struct interf_grid *g)
{
    const struct interf_footprint_request *rq = r->rq;
    double sin_min = sin(rq->min_elevation_deg * INTERF_DEG);
    double *s = malloc(3 * r->n_sats * sizeof *s);
    if (!s)
        return INTERF_ENOMEM;
    struct interf_ephem eph = {s, s + r->n_sats, s + 2 * r->n_sats, NULL, NULL, NULL};
    interf_constellation_propagate(interf_system_constellation(rq->sys), 0, r->n_sats, rq->t_s,
                                   NULL, INTERF_FRAME_ECEF, &eph);
    for (size_t p = r->first; p < r->end; p++) {
        size_t n = 0;
        if (progress(r, p) != INTERF_OK) {
            free(s);
            return INTERF_ECANCELED;
        }
        for (size_t k = 0; k < r->n_sats; k++) {
            double sk[3] = {eph.x_km[k], eph.y_km[k], eph.z_km[k]}, d_km;
            n += sin_elevation(r, p, sk, &d_km) >= sin_min;
        }
        g->values[p] = (double)n;
    }
    free(s);
    return INTERF_OK;
}

/* The coupling matrix C (points [first, end) x beams, row-major: G_lin / (4 pi d^2) in m^-2, 0
 * where the point does not see the satellite above min_elevation_deg). */
static enum interf_status coupling(const struct run *r, float *c)
{
    size_t nb = r->n_beams;
    double sin_min = sin(r->rq->min_elevation_deg * INTERF_DEG);
    for (size_t p = r->first; p < r->end; p++) {
        double d_km;
        if (progress(r, p) != INTERF_OK)
            return INTERF_ECANCELED;
        if (sin_elevation(r, p, r->s, &d_km) < sin_min)
            continue;
        double spread_m2 = 4 * INTERF_PI * (d_km * 1e3) * (d_km * 1e3);
        float *row = c + (p - r->first) * nb;
        for (size_t k = 0; k < nb; k++)
            row[k] = (float)(pow(10, beam_gain_dbi(r, &r->beams[k], p) / 10) / spread_m2);
    }
    return INTERF_OK;
}

/* The schedule of the satellite's orbit group (rq checked) */
static enum interf_status read_schedule(const struct interf_footprint_request *rq,
                                        struct interf_schedule **sch, struct interf_error *err)
{
    const struct interf_system_orbit *orb = fp_orbit(rq);
    if (orb->schedule_file[0] == '\0')
        return interf_error_set(err, INTERF_EINPUT, "stat: satellite %ld: [orbit %s] has no "
                                "schedule_file", rq->sat, orb->name);
    return interf_schedule_read(rq->sys, orb, sch, err);
}

/* The statistics of the pfd over the schedule's slots: C times the schedule's powers, reduced by
 * the library (SGEMM); one grid per statistic, NODATA where no lit beam reaches the point. */
static enum interf_status fill_schedule(const struct run *r, struct interf_grid **g,
                                        struct interf_error *err)
{
    const struct interf_footprint_request *rq = r->rq;
    struct interf_schedule *sch = NULL;
    size_t np = r->end - r->first, nb = r->n_beams;
    enum interf_status st = read_schedule(rq, &sch, err);
    if (st != INTERF_OK)
        return st;
    float *c = calloc(np && nb ? np * nb : 1, sizeof *c);
    float *out = malloc((np ? np * rq->n_stats : 1) * sizeof *out);
    if (!c || !out)
        st = interf_error_set(err, INTERF_ENOMEM, "stat: %zu cells x %zu beams: out of memory",
                              np, nb);
    if (st == INTERF_OK && (st = coupling(r, c)) == INTERF_ECANCELED)
        interf_error_set(err, st, "footprint: canceled");
    if (st == INTERF_OK)
        st = interf_schedule_aggregate(sch, c, np, rq->stats, rq->n_stats, out, err);
    if (st == INTERF_OK && (st = progress(r, r->end)) != INTERF_OK)
        interf_error_set(err, st, "footprint: canceled");
    for (size_t k = 0; st == INTERF_OK && k < rq->n_stats; k++)
        for (size_t p = 0; p < np; p++) {
            float v = out[k * np + p];
            g[k]->values[r->first + p] = isfinite(v) ? (double)v : NAN;
        }
    interf_schedule_destroy(sch);
    free(c);
    free(out);
    return st;
}

static void names(const struct interf_footprint_request *rq, struct interf_footprint_result *res)
{
    double bw = interf_system_info(rq->sys)->ref_bandwidth_khz;
    switch (rq->quantity) {
    case INTERF_FOOTPRINT_GAIN:
        snprintf(res->quantity, sizeof res->quantity, "gain_rel_db");
        snprintf(res->unit, sizeof res->unit, "dB");
        break;
    case INTERF_FOOTPRINT_EIRP:
        snprintf(res->quantity, sizeof res->quantity, "eirp_dbw_%gkhz", bw);
        snprintf(res->unit, sizeof res->unit, "dBW/%gkHz", bw);
        break;
    case INTERF_FOOTPRINT_PFD:
        snprintf(res->quantity, sizeof res->quantity, "pfd_dbw_m2_%gkhz", bw);
        snprintf(res->unit, sizeof res->unit, "dB(W/m2/%gkHz)", bw);
        break;
    default:
        snprintf(res->quantity, sizeof res->quantity, "n_visible");
        snprintf(res->unit, sizeof res->unit, "satellites");
    }
    res->decimals = rq->quantity == INTERF_FOOTPRINT_VISIBLE ? 0 : 4;
}

static enum interf_status compute(struct run *r, struct interf_footprint_result *res,
                                  struct interf_error *err)
{
    const struct interf_footprint_request *rq = r->rq;
    enum interf_status st = interf_footprint_grid(rq, &r->spec, err);
    r->np = r->spec.ncols * r->spec.nrows;
    r->end = r->end < r->np ? r->end : r->np;
    if (st == INTERF_OK && r->first > r->end)
        st = interf_error_set(err, INTERF_EINVAL, "footprint: points %zu to %zu: not in the "
                              "grid's %zu", r->first, r->end, r->np);
    res->n_grids = rq->n_stats ? rq->n_stats : 1;
    for (size_t k = 0; st == INTERF_OK && k < res->n_grids; k++)
        st = interf_grid_create(&r->spec, &res->grid[k], err);
    if (st == INTERF_OK && (st = interf_earth_create(rq->earth, &r->earth, err)) == INTERF_OK)
        snprintf(res->earth_model, sizeof res->earth_model, "%s",
                 interf_earth_describe(r->earth));
    if (st == INTERF_OK)
        st = ground_points(r, err);
    if (st == INTERF_OK && rq->quantity != INTERF_FOOTPRINT_VISIBLE) {
        fp_sat_ecef(rq, (size_t)rq->sat, r->s);
        st = resolve_beams(r, err);
    }
    if (st != INTERF_OK)
        return st;
    if (rq->n_stats)
        return fill_schedule(r, res->grid, err);
    st = rq->quantity == INTERF_FOOTPRINT_VISIBLE ? fill_visible(r, res->grid[0])
                                                   : fill_sat(r, res->grid[0]);
    if (st == INTERF_OK)
        st = progress(r, r->end); /* done */
    if (st == INTERF_ENOMEM)
        return interf_error_set(err, st, "footprint: out of memory");
    return st == INTERF_OK ? INTERF_OK : interf_error_set(err, st, "footprint: canceled");
}

/* The points [first, end) of the run (end clamped to the grid) */
static enum interf_status run_points(const struct interf_footprint_request *rq, size_t first,
                                     size_t end, struct interf_footprint_result *res,
                                     struct interf_error *err)
{
    struct run r;
    if (!res)
        return interf_error_set(err, INTERF_EINVAL, "footprint: NULL argument");
    memset(res, 0, sizeof *res);
    enum interf_status st = interf_footprint_check(rq, err);
    if (st != INTERF_OK)
        return st;
    memset(&r, 0, sizeof r);
    r.rq = rq;
    r.first = first, r.end = end;
    r.n_sats = interf_system_info(rq->sys)->n_sats;
    names(rq, res);
    st = compute(&r, res, err);
    for (size_t k = 0; k < r.n_beams; k++)
        free(r.beams[k].gain_lin);
    free(r.px);
    interf_earth_destroy(r.earth);
    if (st != INTERF_OK)
        interf_footprint_result_free(res);
    return st;
}

enum interf_status interf_footprint_run(const struct interf_footprint_request *rq,
                                        struct interf_footprint_result *res,
                                        struct interf_error *err)
{
    return run_points(rq, 0, SIZE_MAX, res, err);
}

enum interf_status interf_footprint_run_part(const struct interf_footprint_request *rq,
                                             size_t first, size_t end,
                                             struct interf_footprint_result *res,
                                             struct interf_error *err)
{
    if (first > end)
        return interf_error_set(err, INTERF_EINVAL, "footprint: points %zu to %zu", first, end);
    return run_points(rq, first, end, res, err);
}

enum interf_status interf_footprint_partition(const struct interf_footprint_request *rq,
                                              int n_parts, int part, size_t *first, size_t *end,
                                              struct interf_error *err)
{
    struct interf_grid_spec spec;
    struct interf_schedule *sch = NULL;
    *first = *end = 0;
    enum interf_status st = interf_footprint_check(rq, err);
    if (st == INTERF_OK)
        st = interf_footprint_grid(rq, &spec, err);
    if (st == INTERF_OK && rq->n_stats)
        st = read_schedule(rq, &sch, err);
    if (st != INTERF_OK)
        return st;
    /* whole rows; with statistics whole tiles of the aggregate (the same SGEMM calls) */
    size_t np = spec.ncols * spec.nrows, unit = sch ? interf_schedule_tile_points(sch) : spec.ncols;
    interf_schedule_destroy(sch);
    size_t n = (np + unit - 1) / unit, p = n_parts > 0 ? (size_t)n_parts : 1;
    size_t i = part < 0 ? 0 : (size_t)part < p ? (size_t)part : p, q = n / p, rem = n % p;
    /* the first n mod P parts a unit longer */
    size_t u0 = q * i + (i < rem ? i : rem);
    size_t u1 = i == p ? n : q * (i + 1) + (i + 1 < rem ? i + 1 : rem);
    *first = u0 * unit < np ? u0 * unit : np;
    *end = u1 * unit < np ? u1 * unit : np;
    return INTERF_OK;
}

void interf_footprint_result_free(struct interf_footprint_result *res)
{
    if (!res)
        return;
    for (size_t k = 0; k < INTERF_FOOTPRINT_MAX_STATS; k++)
        interf_grid_destroy(res->grid[k]);
    memset(res->grid, 0, sizeof res->grid);
    res->n_grids = 0;
}

void interf_footprint_provenance(const struct interf_footprint_request *rq,
                                 const struct interf_footprint_result *res,
                                 struct interf_provenance *prov)
{
    const struct interf_system_info *info = interf_system_info(rq->sys);
    char t[64];
    interf_provenance_set(prov, "system", "%s", info->path);
    interf_provenance_set(prov, "system_sha256", "%s", info->sha256);
    interf_provenance_set(prov, "system_name", "%s", info->name);
    interf_provenance_set(prov, "time_utc", "%s",
                          interf_time_format_utc(info->epoch_unix_s + rq->t_s, t, sizeof t));
    interf_provenance_set(prov, "earth_model", "%s", res->earth_model);
    interf_provenance_set(prov, "quantity", "%s", res->quantity);
    interf_provenance_set(prov, "unit", "%s", res->unit);
    if (rq->sat >= 0) {
        interf_provenance_set(prov, "satellite", "%ld", rq->sat);
        interf_provenance_set(prov, "beams", "%s", rq->n_stats ? "schedule" : rq->beam ? rq->beam
                              : rq->combine_max ? "all (max)" : "all (sum)");
        if (rq->n_stats) /* the schedule's statistics go through SGEMM */
            interf_provenance_set_blas(prov);
    }
    interf_provenance_set(prov, "min_elevation_deg", "%g", rq->min_elevation_deg);
}
