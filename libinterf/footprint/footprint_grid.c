/* SPDX-License-Identifier: MIT */
/* interf footprint: the grid a run computes on, given as a region or chosen to cover the cap
 * of the Earth that sees the satellite, and the memory a run needs. */
#include "footprint_impl.h"

#include <math.h>

/* x snapped down (up: 1) to a multiple of the step m / div. */
static double snap(double x, double m, double div, int up)
{
    double k = up ? ceil(x * div / m) : floor(x * div / m);
    return k * m / div;
}

enum interf_status interf_footprint_auto_grid(const struct interf_footprint_request *rq,
                                              struct interf_grid_spec *spec,
                                              struct interf_error *err)
{
    if (rq->quantity == INTERF_FOOTPRINT_VISIBLE)
        return interf_grid_spec_init(-180, 180, -90, 90, 1, spec, err);
    double s[3];
    fp_sat_ecef(rq, (size_t)rq->sat, s);
    double r = sqrt(s[0] * s[0] + s[1] * s[1] + s[2] * s[2]);
    double eps = rq->min_elevation_deg * INTERF_DEG;
    double lat0 = asin(s[2] / r) / INTERF_DEG, lon0 = atan2(s[1], s[0]) / INTERF_DEG;
    double c = INTERF_RE_KM * cos(eps) / r;
    if (c >= 1)
        return interf_error_set(err, INTERF_EINPUT, "auto_grid: the satellite is seen nowhere "
                                "above %g deg", rq->min_elevation_deg);
    double gamma = (acos(c) - eps) / INTERF_DEG, m = 0, div = 1e6;
    if (gamma < 1e-4)
        return interf_error_set(err, INTERF_EINPUT, "auto_grid: the cap above %g deg elevation "
                                "is a point; give a grid", rq->min_elevation_deg);
    /* The step m / div, div a power of ten: edges k m / div are the doubles nearest to the
     * decimal values, so that the grid's header prints them clean. */
    for (double d = 1e6; d >= 1; d /= 10)
        for (int k = 0; k < 3; k++) {
            double cand = k == 0 ? 1 : k == 1 ? 2 : 5;
            if (cand / d <= 2 * gamma / 200 * (1 + 1e-12))
                m = cand, div = d;
        }
    double step = m / div, pad = 0.01 * gamma + step;
    double south = fmax(-90, snap(lat0 - gamma - pad, m, div, 0));
    double north = fmin(90, snap(lat0 + gamma + pad, m, div, 1));
    double west = -180, east = 180;
    if (fabs(lat0) + gamma + pad < 90) {
        double half = asin(sin((gamma + pad) * INTERF_DEG) / cos(lat0 * INTERF_DEG)) / INTERF_DEG;
        double w = snap(lon0 - half, m, div, 0), e = snap(lon0 + half, m, div, 1);
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
