/* SPDX-License-Identifier: MIT */
/* interf footprint: the grid a run computes on, given as a region or chosen to cover the cap
 * of the Earth that sees the satellite, and the memory a run needs. */
#include "footprint_impl.h"

#include <math.h>

/* The cells: the step m / div (div a power of ten, so that edges k m / div are the doubles
 * nearest to the decimal values and a grid's header prints them clean) and the point a cell is
 * centred on (deg), edges at c + (j + 1/2) step; without a centre, edges at multiples of the
 * step. */
struct cells {
    double m, div, c_lat, c_lon;
    int centred;
};

/* The edge at or beyond x (up: 1, else at or below), c the centre's coordinate. */
static double edge(const struct cells *g, double x, double c, int up)
{
    double off = g->centred ? 0.5 : 0.0, cc = g->centred ? c : 0.0;
    double j = (x - cc) * g->div / g->m - off;
    j = up ? ceil(j) : floor(j);
    return (cc * g->div + (j + off) * g->m) / g->div;
}

/* The largest step of the series 1, 2, 5 x 10^k deg (down to 1e-6) not above limit_deg. */
static void series_step(double limit_deg, struct cells *g)
{
    g->m = 0, g->div = 1e6;
    for (double d = 1e6; d >= 1; d /= 10)
        for (int k = 0; k < 3; k++) {
            double cand = k == 0 ? 1 : k == 1 ? 2 : 5;
            if (cand / d <= limit_deg * (1 + 1e-12))
                g->m = cand, g->div = d;
        }
}

/* The ground point (lat, lon in deg on the run's Earth model) of beam bm's boresight from the
 * satellite at s: the aim point, or where the boresight meets the sphere of radius Re (the
 * sub-satellite point when it misses the Earth). */
static enum interf_status boresight_point(const struct interf_footprint_request *rq,
                                          const struct interf_system_beam *bm, const double s[3],
                                          double *lat, double *lon, struct interf_error *err)
{
    struct interf_earth *earth = NULL;
    double aim[3] = {0, 0, 0}, b[3], p[3], la = 0, lo = 0, h;
    if (bm->pointing == INTERF_POINT_AIM) {
        *lat = bm->aim_lat_deg, *lon = bm->aim_lon_deg;
        return INTERF_OK;
    }
    interf_beam_boresight(bm, s, aim, b);
    double sb = s[0] * b[0] + s[1] * b[1] + s[2] * b[2];
    double ss = s[0] * s[0] + s[1] * s[1] + s[2] * s[2];
    double disc = sb * sb - (ss - INTERF_RE_KM * INTERF_RE_KM);
    double t = disc >= 0 ? -sb - sqrt(disc) : 0;
    for (int k = 0; k < 3; k++)
        p[k] = s[k] + t * b[k];
    enum interf_status st = interf_earth_create(rq->earth, &earth, err);
    if (st == INTERF_OK)
        st = interf_ecef_to_geo(earth, 1, &p[0], &p[1], &p[2], &la, &lo, &h, err);
    interf_earth_destroy(earth);
    *lat = la / INTERF_DEG, *lon = lo / INTERF_DEG;
    return st;
}

enum interf_status interf_footprint_beam_width_deg(const struct interf_footprint_request *rq,
                                                   double *width_deg, size_t *beam,
                                                   struct interf_error *err)
{
    const struct interf_system_orbit *orb = fp_orbit(rq);
    double s[3], r, best = INFINITY;
    fp_sat_ecef(rq, (size_t)rq->sat, s);
    r = sqrt(s[0] * s[0] + s[1] * s[1] + s[2] * s[2]);
    for (size_t k = 0; k < orb->n_beams; k++) {
        const struct interf_system_beam *bm = interf_system_beam(rq->sys, orb->beams[k]);
        const struct interf_antenna *ant = &interf_system_antenna(rq->sys, bm->antenna)->antenna;
        for (int az = 0; fp_beam_selected(rq, bm) && az < 180; az += 45) {
            double w;
            if (interf_antenna_beamwidth_3db_deg(ant, az, &w, NULL) != INTERF_OK)
                continue;
            /* Seen straight down from r, the ray w/2 off nadir meets the sphere at the central
             * angle asin(r / Re sin(w/2)) - w/2 (sine rule); past the limb, the whole cap. */
            double x = r / INTERF_RE_KM * sin(w / 2 * INTERF_DEG);
            double g = 2 * (x < 1 ? asin(x) / INTERF_DEG - w / 2
                                  : acos(INTERF_RE_KM / r) / INTERF_DEG);
            if (g < best) {
                best = g;
                if (beam)
                    *beam = k;
            }
        }
    }
    if (!isfinite(best))
        return interf_error_set(err, INTERF_EINPUT, "beam: no beam of satellite %ld has a 3 dB "
                                "width", rq->sat);
    *width_deg = best;
    return INTERF_OK;
}

/* The cell and the centre: the cap's cell, finer where the narrowest beam needs it (a tenth of
 * its -3 dB width on the ground), and a cell centred on that beam's boresight point. */
static enum interf_status choose_cells(const struct interf_footprint_request *rq,
                                       const double s[3], double gamma, struct cells *g,
                                       struct interf_error *err)
{
    double width;
    size_t k = 0;
    series_step(2 * gamma / 200, g);
    g->centred = 0;
    g->c_lat = g->c_lon = 0;
    if (interf_footprint_beam_width_deg(rq, &width, &k, NULL) != INTERF_OK)
        return INTERF_OK; /* no beam with a 3 dB width: the cap's cells */
    if (width / 10 < g->m / g->div)
        series_step(width / 10, g);
    if (!(g->m > 0))
        return interf_error_set(err, INTERF_EINPUT, "auto_grid: a beam %g deg wide on the "
                                "ground needs cells below 1e-6 deg; give a grid", width);
    const struct interf_system_beam *bm = interf_system_beam(rq->sys, fp_orbit(rq)->beams[k]);
    g->centred = 1;
    return boresight_point(rq, bm, s, &g->c_lat, &g->c_lon, err);
}

enum interf_status interf_footprint_auto_grid(const struct interf_footprint_request *rq,
                                              struct interf_grid_spec *spec,
                                              struct interf_error *err)
{
    if (rq->quantity == INTERF_FOOTPRINT_VISIBLE)
        return interf_grid_spec_init(-180, 180, -90, 90, 1, spec, err);
    double s[3];
    struct cells g;
    fp_sat_ecef(rq, (size_t)rq->sat, s);
    double r = sqrt(s[0] * s[0] + s[1] * s[1] + s[2] * s[2]);
    double eps = rq->min_elevation_deg * INTERF_DEG;
    double lat0 = asin(s[2] / r) / INTERF_DEG, lon0 = atan2(s[1], s[0]) / INTERF_DEG;
    double c = INTERF_RE_KM * cos(eps) / r;
    if (c >= 1)
        return interf_error_set(err, INTERF_EINPUT, "auto_grid: the satellite is seen nowhere "
                                "above %g deg", rq->min_elevation_deg);
    double gamma = (acos(c) - eps) / INTERF_DEG;
    if (gamma < 1e-4)
        return interf_error_set(err, INTERF_EINPUT, "auto_grid: the cap above %g deg elevation "
                                "is a point; give a grid", rq->min_elevation_deg);
    enum interf_status st = choose_cells(rq, s, gamma, &g, err);
    if (st != INTERF_OK)
        return st;
    double step = g.m / g.div, pad = 0.01 * gamma + step;
    double south = edge(&g, lat0 - gamma - pad, g.c_lat, 0);
    double north = edge(&g, lat0 + gamma + pad, g.c_lat, 1);
    south = south < -90 ? edge(&g, -90, g.c_lat, 1) : south;
    north = north > 90 ? edge(&g, 90, g.c_lat, 0) : north;
    double west = edge(&g, -180, g.c_lon, 1), east = west + 360;
    if (fabs(lat0) + gamma + pad < 90) {
        double half = asin(sin((gamma + pad) * INTERF_DEG) / cos(lat0 * INTERF_DEG)) / INTERF_DEG;
        double w = edge(&g, lon0 - half, g.c_lon, 0), e = edge(&g, lon0 + half, g.c_lon, 1);
        if (e - w < 360) {
            double shift = 360 * floor((w + 180) / 360);
            west = w - shift, east = e - shift;
        }
    }
    return interf_grid_spec_init(west, east, south, north, step, spec, err);
}

enum interf_status interf_footprint_grid(const struct interf_footprint_request *rq,
                                         struct interf_grid_spec *spec, struct interf_error *err)
{
    if (rq->auto_grid)
        return interf_footprint_auto_grid(rq, spec, err);
    const double *g = rq->region_deg;
    return interf_grid_spec_init(g[0], g[1], g[2], g[3], g[4], spec, err);
}

/* Cells of the region, counted before its limits are checked (0 when it has none). */
static double region_cells(const double g[5])
{
    if (!(g[4] > 0 && g[3] > g[2] && g[1] > g[0]))
        return 0;
    return ceil((g[1] - g[0]) / g[4]) * ceil((g[3] - g[2]) / g[4]);
}

enum interf_status interf_footprint_memory(const struct interf_footprint_request *rq,
                                           double *bytes, struct interf_error *err)
{
    double cells = region_cells(rq->region_deg), n_beams = 0, n_arrays = 0;
    if (rq->auto_grid) {
        struct interf_grid_spec spec;
        enum interf_status st = interf_footprint_auto_grid(rq, &spec, err);
        if (st != INTERF_OK)
            return st;
        cells = (double)spec.ncols * (double)spec.nrows;
    }
    if (rq->quantity != INTERF_FOOTPRINT_VISIBLE) {
        const struct interf_system_orbit *orb = fp_orbit(rq);
        n_beams = (double)orb->n_beams;
        for (size_t k = 0; k < orb->n_beams; k++) {
            const struct interf_system_beam *bm = interf_system_beam(rq->sys, orb->beams[k]);
            n_arrays += fp_is_array(&interf_system_antenna(rq->sys, bm->antenna)->antenna);
        }
    }
    double per_cell = 64 + 20.0 * n_arrays;
    if (rq->n_stats)
        per_cell += 4.0 * n_beams + 12.0 * (double)rq->n_stats;
    *bytes = cells * per_cell;
    return INTERF_OK;
}
