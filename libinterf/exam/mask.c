/* SPDX-License-Identifier: MIT */
/* pfd masks of Rec. ITU-R S.1503-4 (09/2023) §B4.1 and Part C: the tables, their completion
 * (§C4.2), the nearest-latitude and bilinear look-up (§C4.1, §C2.3.2), the bandwidth rescaling
 * (§C4.1), and the mask of one nadir beam (§C2.3.1). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "exam_impl.h"
#include "interf/geo.h"

#define MASK_MAX_CELLS (1u << 24)

const char *exam_mask_bname(enum interf_mask_axes axes)
{
    return axes == INTERF_MASK_AZ_EL ? "azimuth_deg" : "alpha_deg";
}

const char *exam_mask_cname(enum interf_mask_axes axes)
{
    return axes == INTERF_MASK_AZ_EL ? "elevation_deg" : "dlon_deg";
}

enum interf_status interf_pfd_mask_create(enum interf_mask_axes axes, size_t n_tables,
                                          struct interf_pfd_mask **out, struct interf_error *err)
{
    *out = NULL;
    if (n_tables == 0 || n_tables > 100000)
        return interf_error_set(err, INTERF_EINPUT, "mask: %zu tables: allowed 1 to 100000",
                                n_tables);
    struct interf_pfd_mask *m = calloc(1, sizeof *m);
    if (m)
        m->tables = calloc(n_tables, sizeof *m->tables);
    if (!m || !m->tables) {
        free(m);
        return interf_error_set(err, INTERF_ENOMEM, "mask: out of memory");
    }
    m->axes = axes;
    m->refbw_khz = 40.0; /* §C4.1: the bandwidth when none is given */
    m->n_tables = n_tables;
    *out = m;
    return INTERF_OK;
}

enum interf_status interf_mask_table_alloc(struct interf_mask_table *t, size_t nb, size_t nc,
                                           struct interf_error *err)
{
    if (nb == 0 || nc == 0 || nb > MASK_MAX_CELLS / nc)
        return interf_error_set(err, INTERF_EINPUT, "mask: table of %zu x %zu cells: allowed 1 "
                                "to %u cells", nb, nc, MASK_MAX_CELLS);
    t->b_deg = malloc(nb * sizeof *t->b_deg);
    t->c_deg = malloc(nc * sizeof *t->c_deg);
    t->pfd_db = malloc(nb * nc * sizeof *t->pfd_db);
    if (!t->b_deg || !t->c_deg || !t->pfd_db) {
        free(t->b_deg);
        free(t->c_deg);
        free(t->pfd_db);
        t->b_deg = t->c_deg = t->pfd_db = NULL;
        return interf_error_set(err, INTERF_ENOMEM, "mask: out of memory");
    }
    t->nb = nb;
    t->nc = nc;
    for (size_t k = 0; k < nb * nc; k++)
        t->pfd_db[k] = NAN;
    return INTERF_OK;
}

void interf_pfd_mask_destroy(struct interf_pfd_mask *m)
{
    if (!m)
        return;
    for (size_t k = 0; k < m->n_tables; k++) {
        free(m->tables[k].b_deg);
        free(m->tables[k].c_deg);
        free(m->tables[k].pfd_db);
    }
    free(m->tables);
    free(m);
}

/* §C4.2 along one line of n values v[k * stride] at x[k]: edges extended, gaps interpolated.
 * Returns 0 when the line holds no value. */
static int complete_line(const double *x, double *v, size_t n, size_t stride)
{
    size_t first = n, last = 0;
    for (size_t k = 0; k < n; k++)
        if (!isnan(v[k * stride])) {
            if (first == n)
                first = k;
            last = k;
        }
    if (first == n)
        return 0;
    for (size_t k = 0; k < first; k++)
        v[k * stride] = v[first * stride];
    for (size_t k = last + 1; k < n; k++)
        v[k * stride] = v[last * stride];
    for (size_t lo = first; lo < last;) {
        size_t hi = lo + 1;
        while (isnan(v[hi * stride]))
            hi++;
        for (size_t k = lo + 1; k < hi; k++) {
            double f = (x[k] - x[lo]) / (x[hi] - x[lo]);
            v[k * stride] = v[lo * stride] + f * (v[hi * stride] - v[lo * stride]);
        }
        lo = hi;
    }
    return 1;
}

enum interf_status interf_mask_table_complete(struct interf_mask_table *t,
                                              struct interf_error *err)
{
    int any = 0;
    for (size_t ib = 0; ib < t->nb; ib++)
        any |= complete_line(t->c_deg, t->pfd_db + ib * t->nc, t->nc, 1);
    if (!any)
        return interf_error_set(err, INTERF_EINPUT, "mask: table at latitude %g deg: no value",
                                t->lat_deg);
    for (size_t ic = 0; ic < t->nc; ic++)
        complete_line(t->b_deg, t->pfd_db + ic, t->nb, t->nc);
    return INTERF_OK;
}

const struct interf_mask_table *interf_pfd_mask_table(const struct interf_pfd_mask *m,
                                                      double lat_deg)
{
    size_t best = 0;
    for (size_t k = 1; k < m->n_tables; k++)
        if (fabs(lat_deg - m->tables[k].lat_deg) < fabs(lat_deg - m->tables[best].lat_deg))
            best = k;
    return &m->tables[best];
}

/* The cell of v on axis x[0..n-1] and the fraction within it, clamped to the ends */
static size_t bracket(const double *x, size_t n, double v, double *f)
{
    *f = 0;
    if (n == 1 || !(v > x[0]))
        return 0;
    if (v >= x[n - 1]) {
        *f = 1;
        return n - 2;
    }
    size_t lo = 0, hi = n - 1;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (x[mid] <= v)
            lo = mid;
        else
            hi = mid;
    }
    *f = (v - x[lo]) / (x[hi] - x[lo]);
    return lo;
}

double interf_mask_table_eval_db(const struct interf_mask_table *t, double b_deg, double c_deg)
{
    double lx, ly;
    size_t ib = bracket(t->b_deg, t->nb, b_deg, &lx);
    size_t ic = bracket(t->c_deg, t->nc, c_deg, &ly);
    size_t db = t->nb > 1, dc = t->nc > 1;
    const double *p = t->pfd_db + ib * t->nc + ic;
    /* §C2.3.2: x along b, y along c */
    return (1 - lx) * (1 - ly) * p[0] + lx * (1 - ly) * p[db * t->nc] + (1 - lx) * ly * p[dc] +
           lx * ly * p[db * t->nc + dc];
}

double interf_pfd_mask_eval_db(const struct interf_pfd_mask *m, double lat_deg, double b_deg,
                               double c_deg)
{
    return interf_mask_table_eval_db(interf_pfd_mask_table(m, lat_deg), b_deg, c_deg);
}

double interf_pfd_mask_scale_db(const struct interf_pfd_mask *m, double run_bw_khz)
{
    return 10.0 * log10(run_bw_khz / m->refbw_khz); /* §C4.1 */
}

static int cmp_cell(const void *pa, const void *pb)
{
    const struct exam_cell *a = pa, *b = pb;
    if (a->b != b->b)
        return a->b < b->b ? -1 : 1;
    if (a->c != b->c)
        return a->c < b->c ? -1 : 1;
    return a->line < b->line ? -1 : a->line > b->line;
}

static int cmp_double(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    return a < b ? -1 : a > b;
}

/* The distinct values of x[0..n-1] (sorted in place), their count */
static size_t distinct(double *x, size_t n)
{
    qsort(x, n, sizeof *x, cmp_double);
    size_t m = 0;
    for (size_t k = 0; k < n; k++)
        if (m == 0 || x[k] != x[m - 1])
            x[m++] = x[k];
    return m;
}

enum interf_status exam_table_from_cells(struct interf_mask_table *t, double lat_deg,
                                         struct exam_cell *cells, size_t n, const char *path,
                                         const char *bname, const char *cname,
                                         struct interf_error *err)
{
    qsort(cells, n, sizeof *cells, cmp_cell);
    for (size_t k = 1; k < n; k++)
        if (cells[k].b == cells[k - 1].b && cells[k].c == cells[k - 1].c)
            return interf_error_set(err, INTERF_EINPUT, "%s:%ld: %s, %s: (%g, %g) given twice "
                                    "(first on line %ld)", path, cells[k].line, bname, cname,
                                    cells[k].b, cells[k].c, cells[k - 1].line);
    double *bs = malloc(n * sizeof *bs), *cs = malloc(n * sizeof *cs);
    enum interf_status st = INTERF_ENOMEM;
    if (bs && cs) {
        for (size_t k = 0; k < n; k++) {
            bs[k] = cells[k].b;
            cs[k] = cells[k].c;
        }
        size_t nb = distinct(bs, n), nc = distinct(cs, n);
        st = interf_mask_table_alloc(t, nb, nc, err);
        if (st == INTERF_OK) {
            t->lat_deg = lat_deg;
            memcpy(t->b_deg, bs, nb * sizeof *bs);
            memcpy(t->c_deg, cs, nc * sizeof *cs);
            size_t ib = 0;
            for (size_t k = 0; k < n; k++) {
                while (t->b_deg[ib] != cells[k].b)
                    ib++;
                double f;
                size_t ic = bracket(t->c_deg, nc, cells[k].c, &f) + (f == 1);
                t->pfd_db[ib * nc + ic] = cells[k].v;
            }
            st = interf_mask_table_complete(t, err);
        }
    } else {
        interf_error_set(err, st, "%s: out of memory", path);
    }
    free(bs);
    free(cs);
    return st;
}

static int cmp_table(const void *pa, const void *pb)
{
    const struct interf_mask_table *a = pa, *b = pb;
    return a->lat_deg < b->lat_deg ? -1 : a->lat_deg > b->lat_deg;
}

enum interf_status exam_mask_sort(struct interf_pfd_mask *m, const char *path,
                                  struct interf_error *err)
{
    qsort(m->tables, m->n_tables, sizeof *m->tables, cmp_table);
    for (size_t k = 1; k < m->n_tables; k++)
        if (m->tables[k].lat_deg == m->tables[k - 1].lat_deg)
            return interf_error_set(err, INTERF_EINPUT, "%s: lat_deg: %g: two tables at this "
                                    "latitude", path, m->tables[k].lat_deg);
    return INTERF_OK;
}

/* pfd (dB(W/m2)) of the beam toward the satellite-frame direction (az, el), §C2.3.1 */
static double beam_pfd(const struct interf_antenna *ant, double power_dbw, double r_km,
                       double az_deg, double el_deg)
{
    double az = az_deg * INTERF_DEG, el = el_deg * INTERF_DEG;
    double east = cos(el) * sin(az), nadir = cos(el) * cos(az), north = sin(el);
    double s = sqrt(east * east + north * north); /* sin of the angle from nadir */
    double disc = INTERF_RE_KM * INTERF_RE_KM - r_km * r_km * s * s;
    if (nadir <= 0 || disc < 0)
        return INTERF_MASK_OFF_DB;
    double d_m = (r_km * nadir - sqrt(disc)) * 1000.0;
    double theta_deg = atan2(s, nadir) / INTERF_DEG;
    double azimuth_deg = atan2(east, north) / INTERF_DEG; /* interf_beam_frame: north 0 */
    double g = interf_antenna_gain2_dbi(ant, theta_deg, azimuth_deg);
    return power_dbw + g - 10.0 * log10(4.0 * INTERF_PI * d_m * d_m);
}

enum interf_status interf_pfd_mask_from_beam(const struct interf_antenna *ant, double power_dbw,
                                             double refbw_khz, double alt_km, double step_deg,
                                             struct interf_pfd_mask **out,
                                             struct interf_error *err)
{
    *out = NULL;
    if (!(alt_km > 0 && alt_km < 1e6 && step_deg >= 0.001 && step_deg <= 10 && refbw_khz > 0 &&
          isfinite(power_dbw) && isfinite(refbw_khz)))
        return interf_error_set(err, INTERF_EINPUT, "mask from beam: height %g km, step %g deg, "
                                "bandwidth %g kHz, power %g dBW: out of range (height 0 to 1e6, "
                                "step 0.001 to 10)", alt_km, step_deg, refbw_khz, power_dbw);
    double r_km = INTERF_RE_KM + alt_km;
    double limb_deg = asin(INTERF_RE_KM / r_km) / INTERF_DEG;
    size_t half = (size_t)ceil(limb_deg / step_deg - 1e-9), n = 2 * half + 1;
    enum interf_status st = interf_pfd_mask_create(INTERF_MASK_AZ_EL, 1, out, err);
    if (st == INTERF_OK)
        st = interf_mask_table_alloc(&(*out)->tables[0], n, n, err);
    if (st != INTERF_OK) {
        interf_pfd_mask_destroy(*out);
        *out = NULL;
        return st;
    }
    struct interf_mask_table *t = &(*out)->tables[0];
    (*out)->refbw_khz = refbw_khz;
    for (size_t k = 0; k < n; k++)
        t->b_deg[k] = t->c_deg[k] = ((double)k - (double)half) * step_deg;
    for (size_t ib = 0; ib < n; ib++)
        for (size_t ic = 0; ic < n; ic++)
            t->pfd_db[ib * n + ic] = beam_pfd(ant, power_dbw, r_km, t->b_deg[ib], t->c_deg[ic]);
    return INTERF_OK;
}
