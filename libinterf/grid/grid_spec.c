/* SPDX-License-Identifier: MIT */
/* interf grid: the geometry of cell-centre lat/lon grids, grids in memory. */
#include "grid_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------------- geometry */

enum interf_status interf_grid_spec_check(const struct interf_grid_spec *s,
                                          struct interf_error *err)
{
    if (s->ncols < 1 || s->ncols > INTERF_GRID_MAX_SIDE)
        return interf_error_set(err, INTERF_EINPUT, "ncols %zu: allowed range 1 to %lu", s->ncols,
                                INTERF_GRID_MAX_SIDE);
    if (s->nrows < 1 || s->nrows > INTERF_GRID_MAX_SIDE)
        return interf_error_set(err, INTERF_EINPUT, "nrows %zu: allowed range 1 to %lu", s->nrows,
                                INTERF_GRID_MAX_SIDE);
    if (s->ncols > INTERF_GRID_MAX_CELLS / s->nrows)
        return interf_error_set(err, INTERF_EINPUT,
                                "%zu x %zu cells: more than the limit of %lu (the values alone "
                                "would take %.3g GB)",
                                s->ncols, s->nrows, INTERF_GRID_MAX_CELLS,
                                (double)s->ncols * (double)s->nrows * sizeof(double) / 1e9);
    if (!isfinite(s->cell_deg) || !(s->cell_deg > 0) || s->cell_deg > 180)
        return interf_error_set(err, INTERF_EINPUT, "cellsize %g: allowed range (0, 180] deg",
                                s->cell_deg);
    if (!isfinite(s->xllcenter_deg) || !isfinite(s->yllcenter_deg))
        return interf_error_set(err, INTERF_EINPUT, "xllcenter/yllcenter: not finite");
    double b[4];
    interf_grid_bounds(s, b);
    if (b[2] < -90 - EDGE_EPS_DEG || b[3] > 90 + EDGE_EPS_DEG)
        return interf_error_set(err, INTERF_EINPUT,
                                "rows span latitudes %.9g to %.9g deg: beyond -90 to 90", b[2],
                                b[3]);
    if (b[1] - b[0] > 360 + EDGE_EPS_DEG)
        return interf_error_set(err, INTERF_EINPUT, "columns span %.9g deg of longitude: more "
                                "than 360", b[1] - b[0]);
    if (b[0] < -360 - EDGE_EPS_DEG || b[0] > 360 + EDGE_EPS_DEG)
        return interf_error_set(err, INTERF_EINPUT, "west edge %.9g deg: allowed range -360 to "
                                "360", b[0]);
    return INTERF_OK;
}

/* A whole count of cells in span, or 0 when span is not a whole multiple of cell. */
static size_t cells_in(double span, double cell)
{
    double n = span / cell, r = nearbyint(n);
    return (r >= 1 && r <= (double)INTERF_GRID_MAX_SIDE && fabs(n - r) <= EDGE_EPS_DEG)
               ? (size_t)r : 0;
}

enum interf_status interf_grid_spec_init(double w, double e, double s, double n, double cell,
                                         struct interf_grid_spec *spec, struct interf_error *err)
{
    if (!isfinite(w) || !isfinite(e) || !isfinite(s) || !isfinite(n) || !isfinite(cell))
        return interf_error_set(err, INTERF_EINPUT, "grid: a bound or the cell size is not "
                                "finite");
    if (!(cell > 0))
        return interf_error_set(err, INTERF_EINPUT, "grid: cell size %g: must be positive", cell);
    if (!(e > w) || e - w > 360 + EDGE_EPS_DEG)
        return interf_error_set(err, INTERF_EINPUT, "grid: west %g, east %g: east must exceed "
                                "west by at most 360 deg", w, e);
    if (!(n > s) || s < -90 - EDGE_EPS_DEG || n > 90 + EDGE_EPS_DEG)
        return interf_error_set(err, INTERF_EINPUT, "grid: south %g, north %g: need -90 <= "
                                "south < north <= 90", s, n);
    size_t nx = cells_in(e - w, cell), ny = cells_in(n - s, cell);
    if (!nx || !ny)
        return interf_error_set(err, INTERF_EINPUT, "grid: %g x %g deg is not a whole number of "
                                "%g deg cells", e - w, n - s, cell);
    spec->ncols = nx;
    spec->nrows = ny;
    spec->cell_deg = cell;
    spec->xllcenter_deg = w + cell / 2;
    spec->yllcenter_deg = s + cell / 2;
    return interf_grid_spec_check(spec, err);
}

/* The five numbers of "W/E/S/N/CELL"; 0 when text is not that. */
static int region_numbers(const char *text, double v[5])
{
    char buf[256];
    if (strlen(text) >= sizeof buf)
        return 0;
    memcpy(buf, text, strlen(text) + 1);
    char *p = buf;
    for (int k = 0; k < 5; k++) {
        char *slash = strchr(p, '/');
        if ((slash != NULL) != (k < 4))
            return 0;
        if (slash)
            *slash = '\0';
        if (!interf_parse_real(p, &v[k]))
            return 0;
        p = slash ? slash + 1 : p;
    }
    return 1;
}

enum interf_status interf_grid_region_parse(const char *text, double region_deg[5],
                                            struct interf_error *err)
{
    double v[5];
    if (!region_numbers(text, v))
        return interf_error_set(err, INTERF_EINPUT, "grid: expected W/E/S/N/CELL in degrees, "
                                "got \"%.200s\"", text);
    /* E < W crosses the antimeridian: 170/-170 is 170/190 */
    if (v[1] < v[0])
        v[1] += 360;
    memcpy(region_deg, v, sizeof v);
    return INTERF_OK;
}

enum interf_status interf_grid_spec_parse(const char *text, struct interf_grid_spec *spec,
                                          struct interf_error *err)
{
    double v[5];
    enum interf_status st = interf_grid_region_parse(text, v, err);
    if (st == INTERF_OK)
        st = interf_grid_spec_init(v[0], v[1], v[2], v[3], v[4], spec, err);
    if (st != INTERF_OK && strncmp(err ? err->msg : "grid", "grid", 4) != 0)
        grid_prefix_error(err, st, "grid");
    return st;
}

double interf_grid_lon_deg(const struct interf_grid_spec *s, size_t col)
{
    return s->xllcenter_deg + (double)col * s->cell_deg;
}

double interf_grid_lat_deg(const struct interf_grid_spec *s, size_t row)
{
    return s->yllcenter_deg + (double)(s->nrows - 1 - row) * s->cell_deg;
}

void interf_grid_bounds(const struct interf_grid_spec *s, double b[4])
{
    b[0] = s->xllcenter_deg - s->cell_deg / 2;
    b[1] = b[0] + (double)s->ncols * s->cell_deg;
    b[2] = s->yllcenter_deg - s->cell_deg / 2;
    b[3] = b[2] + (double)s->nrows * s->cell_deg;
}

int interf_grid_is_global(const struct interf_grid_spec *s)
{
    return fabs((double)s->ncols * s->cell_deg - 360.0) <= EDGE_EPS_DEG;
}

/* ---------------------------------------------------------------------------------- grids */

enum interf_status interf_grid_create(const struct interf_grid_spec *spec,
                                      struct interf_grid **out, struct interf_error *err)
{
    *out = NULL;
    enum interf_status st = interf_grid_spec_check(spec, err);
    if (st != INTERF_OK)
        return st;
    struct interf_grid *g = malloc(sizeof *g);
    size_t n = spec->ncols * spec->nrows;
    if (!g || !(g->values = malloc(n * sizeof(double)))) {
        free(g);
        return interf_error_set(err, INTERF_ENOMEM, "grid of %zu x %zu cells: out of memory",
                                spec->ncols, spec->nrows);
    }
    g->spec = *spec;
    for (size_t k = 0; k < n; k++)
        g->values[k] = NAN;
    *out = g;
    return INTERF_OK;
}

void interf_grid_destroy(struct interf_grid *g)
{
    if (g)
        free(g->values);
    free(g);
}

size_t interf_grid_minmax(const struct interf_grid *g, double floor_value, double *min,
                          double *max)
{
    size_t n = g->spec.ncols * g->spec.nrows, count = 0;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t k = 0; k < n; k++) {
        double v = g->values[k];
        if (isnan(v) || !(v > floor_value))
            continue;
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
        count++;
    }
    *min = count ? lo : NAN;
    *max = count ? hi : NAN;
    return count;
}

/* ---------------------------------------------------------------------------- shared */

/* Put "prefix: " before the message already in err. */
enum interf_status grid_prefix_error(struct interf_error *err, enum interf_status st,
                                     const char *prefix)
{
    if (err) {
        char msg[sizeof err->msg];
        memcpy(msg, err->msg, sizeof msg);
        interf_error_set(err, st, "%s: %s", prefix, msg);
    }
    return st;
}
