/* SPDX-License-Identifier: MIT */
/* interf render: contour lines made ready for RFC 7946 GeoJSON, and the areas they enclose.
 *
 * Cutting at the antimeridian (RFC 7946 §3.1.9). A line is cut at every crossing of a meridian
 * 180 + 360 k deg and each piece is shifted into [-180, 180]. A ring bounds a polygon; the
 * polygon is cut by one such meridian at a time: the ring falls into chains, each on one side,
 * from one crossing of the meridian to the next. Sorted by latitude, the crossings pair up as
 * (1, 2), (3, 4), ...: the stretches of the meridian inside the polygon (Jordan). The boundary
 * of the polygon's part on one side is a chain, then the meridian from the chain's last crossing
 * to that crossing's mate, where the next chain of the same side starts, and so on round; so a
 * ring crossing the antimeridian becomes one or more rings on each side. A ring that goes round
 * the Earth (its longitudes advance by 360 deg: a pole inside) first gets the pole's parallel as
 * its missing side, so that it is a ring in the plane like any other.
 *
 * Areas. On the sphere the edges are straight in longitude and latitude, as GeoJSON draws them
 * and as the contour was interpolated between cell centres; the area of such a polygon is exact:
 * A = -R^2 sum over edges of the integral of sin(lat) d(lon) (Green's theorem on
 * dA = R^2 cos(lat) d(lat) d(lon)), and with lat linear in lon along an edge the integral is
 *   d(lon) (cos lat0 - cos lat1) / (lat1 - lat0) = d(lon) sin(lat_mid) sinc(d(lat) / 2).
 * On WGS 84 the edges are geodesics, through PROJ's copy of GeographicLib (geod_polygonarea,
 * C. F. F. Karney, J. Geodesy 87 (2013) 43-55). */
#include "render_impl.h"

#include <geodesic.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Append a point, but never the same point twice in a row (a vertex exactly on the meridian). */
static int pts_push(struct render_pts *p, double x, double y)
{
    if (p->n > 0 && p->x[p->n - 1] == x && p->y[p->n - 1] == y)
        return 1;
    return render_pts_push(p, x, y);
}

/* The first meridian 180 + 360 k strictly inside (lo, hi), or NAN. */
static double cut_meridian(double lo, double hi)
{
    double m = 180 + 360 * floor((lo - 180) / 360 + 1);
    return m < hi ? m : NAN;
}

/* The shift (a multiple of 360) that brings the middle x_mid of a part's longitudes into
 * [-180, 180); the part lies in one band between meridians 180 + 360 k, so all of it does. */
static double shift_into(double x_mid)
{
    return -360 * floor((x_mid + 180) / 360);
}

static void extent(const double *x, size_t n, double *lo, double *hi)
{
    *lo = *hi = x[0];
    for (size_t k = 1; k < n; k++) {
        *lo = x[k] < *lo ? x[k] : *lo;
        *hi = x[k] > *hi ? x[k] : *hi;
    }
}

/* Append (x, y) shifted so that its extent lies in [-180, 180]. */
static enum interf_status add_shifted(struct interf_lines *out, const struct render_pts *p, int closed,
                                      struct interf_error *err)
{
    double lo, hi;
    extent(p->x, p->n, &lo, &hi);
    double s = shift_into((lo + hi) / 2);
    size_t first = out->n;
    enum interf_status st = render_lines_add(out, p->n, p->x, p->y, closed, err);
    for (size_t k = 0; st == INTERF_OK && k < p->n; k++) {
        double *x = &out->line[first].x[k];
        *x += s;
        *x = *x > 180 ? 180 : *x < -180 ? -180 : *x; /* rounding at the cut */
    }
    return st;
}

/* ---------------------------------------------------------------------------- open lines */

/* The band of x: k for x in [180 + 360 (k - 1), 180 + 360 k); a point on a meridian
 * 180 + 360 k is in the band east of it, as in cut_ring. */
static double band(double x)
{
    return floor((x - 180) / 360);
}

static enum interf_status split_open(const struct interf_polyline *l, struct interf_lines *out,
                                     struct interf_error *err)
{
    struct render_pts p = {0};
    enum interf_status st = INTERF_OK;
    if (!pts_push(&p, l->x[0], l->y[0]))
        goto nomem;
    for (size_t k = 1; k < l->n; k++) {
        double x0 = l->x[k - 1], y0 = l->y[k - 1], x1 = l->x[k], y1 = l->y[k];
        double b0 = band(x0), b1 = band(x1);
        if (b0 != b1) { /* edges are shorter than 360 deg: one meridian */
            double m = 180 + 360 * (b0 > b1 ? b0 : b1);
            double y = y0 + (m - x0) / (x1 - x0) * (y1 - y0);
            if (!pts_push(&p, m, y))
                goto nomem;
            if (p.n >= 2 && (st = add_shifted(out, &p, 0, err)) != INTERF_OK)
                goto done;
            p.n = 0;
            if (!pts_push(&p, m, y))
                goto nomem;
        }
        if (!pts_push(&p, x1, y1))
            goto nomem;
    }
    if (p.n >= 2)
        st = add_shifted(out, &p, 0, err);
    goto done;
nomem:
    st = interf_error_set(err, INTERF_ENOMEM, "contours: out of memory");
done:
    render_pts_free(&p);
    return st;
}

/* --------------------------------------------------------------------------------- rings */

struct xing {
    double y;      /* latitude where the ring crosses the meridian */
    size_t after;  /* the crossing is on the edge from vertex after to after + 1 */
    size_t mate;   /* index (in crossing order) of its mate along the meridian */
    size_t rank;   /* position in latitude order */
};

static int xing_cmp(const void *a, const void *b)
{
    const struct xing *p = *(const struct xing *const *)a, *q = *(const struct xing *const *)b;
    return p->y < q->y ? -1 : p->y > q->y;
}

static enum interf_status split_ring(const double *x, const double *y, size_t n,
                                     struct interf_lines *out, int depth,
                                     struct interf_error *err);

/* The chain that starts at crossing c (it runs to crossing c + 1) appended to p. */
static int push_chain(struct render_pts *p, const double *x, const double *y, size_t n,
                      const struct xing *xs, size_t nx, size_t c, double m)
{
    size_t end = (c + 1) % nx;
    if (!pts_push(p, m, xs[c].y))
        return 0;
    for (size_t v = (xs[c].after + 1) % n;; v = (v + 1) % n) {
        if (!pts_push(p, x[v], y[v]))
            return 0;
        if (v == xs[end].after)
            break;
    }
    return pts_push(p, m, xs[end].y);
}

/* Cut the ring (x, y) by meridian m into the rings of its parts and split those further. */
static enum interf_status cut_ring(const double *x, const double *y, size_t n, double m,
                                   struct interf_lines *out, int depth, struct interf_error *err)
{
    enum interf_status st = INTERF_OK;
    struct xing *xs = malloc(n * sizeof *xs);
    struct xing **by_y = malloc(n * sizeof *by_y);
    unsigned char *used = calloc(n, 1);
    struct render_pts p = {0};
    size_t nx = 0;
    if (!xs || !by_y || !used)
        goto nomem;
    for (size_t k = 0; k < n; k++) {
        size_t k1 = (k + 1) % n;
        if ((x[k] >= m) != (x[k1] >= m))
            xs[nx++] = (struct xing){y[k] + (m - x[k]) / (x[k1] - x[k]) * (y[k1] - y[k]), k, 0,
                                     0};
    }
    if (nx < 2 || nx % 2) { /* cannot happen for a ring that m cuts; kept whole if it does */
        struct render_pts whole = {n, n, (double *)x, (double *)y};
        st = add_shifted(out, &whole, 1, err);
        goto done;
    }
    for (size_t k = 0; k < nx; k++)
        by_y[k] = &xs[k];
    qsort(by_y, nx, sizeof *by_y, xing_cmp);
    for (size_t k = 0; k < nx; k++)
        by_y[k]->rank = k;
    for (size_t k = 0; k < nx; k++)
        xs[k].mate = (size_t)(by_y[xs[k].rank ^ 1] - xs);
    /* Chain c runs from crossing c to crossing c + 1; the part's boundary goes on from the end
     * crossing's mate, where the next chain of the same side starts. */
    for (size_t c0 = 0; c0 < nx && st == INTERF_OK; c0++) {
        if (used[c0])
            continue;
        p.n = 0;
        for (size_t c = c0; !used[c];) {
            used[c] = 1;
            if (!push_chain(&p, x, y, n, xs, nx, c, m))
                goto nomem;
            c = xs[(c + 1) % nx].mate;
        }
        if (p.n >= 3)
            st = split_ring(p.x, p.y, p.n, out, depth + 1, err);
    }
    goto done;
nomem:
    st = interf_error_set(err, INTERF_ENOMEM, "contours: out of memory");
done:
    free(xs);
    free(by_y);
    free(used);
    render_pts_free(&p);
    return st;
}

static enum interf_status split_ring(const double *x, const double *y, size_t n,
                                     struct interf_lines *out, int depth,
                                     struct interf_error *err)
{
    double lo, hi;
    extent(x, n, &lo, &hi);
    double m = cut_meridian(lo, hi);
    if (isnan(m) || depth > 8) {
        struct render_pts p = {n, n, (double *)x, (double *)y};
        return add_shifted(out, &p, 1, err);
    }
    /* Chains must start at a crossing: cut_ring walks from crossing to crossing. */
    return cut_ring(x, y, n, m, out, depth, err);
}

/* A ring that goes round the Earth (net longitude advance +-360, dir = +-1) closed through the
 * pole on its left (north when going east): the pole's parallel becomes its missing side. The
 * ring is opened where it crosses a meridian m = 180 + 360 k, so that the polygon spans m to
 * m + 360 dir and, shifted, is one part from -180 to 180 (starting elsewhere would leave a
 * sliver touching it along a meridian). */
static enum interf_status polar_ring(const struct interf_polyline *l, int dir,
                                     struct interf_lines *out, struct interf_error *err)
{
    struct render_pts p = {0};
    enum interf_status st;
    double pole = dir > 0 ? 90 : -90, off = 0, m = l->x[0], ym = l->y[0];
    size_t n = l->n, k0 = 0;
    int ok = 1;
    /* The first edge (continuous: consecutive points are within 180 deg) across a meridian. */
    for (size_t k = 0; k < n; k++) {
        double x0 = l->x[k], x1 = l->x[(k + 1) % n];
        x1 -= 360 * floor((x1 - x0 + 180) / 360);
        if (band(x0) != band(x1)) {
            m = 180 + 360 * (band(x0) > band(x1) ? band(x0) : band(x1));
            ym = l->y[k] + (m - x0) / (x1 - x0) * (l->y[(k + 1) % n] - l->y[k]);
            k0 = (k + 1) % n;
            off = x1 - l->x[k0];
            break;
        }
    }
    ok = pts_push(&p, m, ym);
    /* From the crossing round to it again, longitudes kept continuous across the ring's seam. */
    for (size_t j = 0; j < n && ok; j++) {
        size_t k = (k0 + j) % n;
        if (j > 0) {
            double d = l->x[k] + off - p.x[p.n - 1];
            off -= 360 * floor((d + 180) / 360);
        }
        ok = pts_push(&p, l->x[k] + off, l->y[k]);
    }
    ok = ok && pts_push(&p, m + 360 * dir, ym);
    ok = ok && pts_push(&p, m + 360 * dir, pole) && pts_push(&p, m, pole);
    st = ok ? split_ring(p.x, p.y, p.n, out, 0, err)
            : interf_error_set(err, INTERF_ENOMEM, "contours: out of memory");
    render_pts_free(&p);
    return st;
}

/* The net advance of longitude round a closed ring, in turns (0, or +-1 round a pole). */
static int ring_turns(const struct interf_polyline *l)
{
    double sum = 0;
    for (size_t k = 0; k < l->n; k++) {
        double d = l->x[(k + 1) % l->n] - l->x[k];
        d -= 360 * floor((d + 180) / 360); /* the short way across a seam */
        sum += d;
    }
    return (int)lround(sum / 360);
}

/* A copy of the ring, reversed, with continuous longitudes. */
static enum interf_status reversed(const struct interf_polyline *l, struct interf_lines *tmp,
                                   struct interf_error *err)
{
    enum interf_status st = render_lines_add(tmp, l->n, l->x, l->y, 1, err);
    if (st != INTERF_OK)
        return st;
    struct interf_polyline *r = &tmp->line[tmp->n - 1];
    for (size_t k = 0; k < l->n; k++) {
        r->x[k] = l->x[l->n - 1 - k];
        r->y[k] = l->y[l->n - 1 - k];
    }
    return INTERF_OK;
}

enum interf_status interf_contour_rfc7946(const struct interf_polyline *line,
                                          struct interf_lines *out, int *above,
                                          struct interf_error *err)
{
    if (!line || !out || (line->n > 0 && (!line->x || !line->y)))
        return interf_error_set(err, INTERF_EINVAL, "interf_contour_rfc7946: bad argument");
    if (above)
        *above = 1;
    if (line->n < 2)
        return INTERF_OK;
    if (!line->closed || line->n < 3)
        return split_open(line, out, err);
    int turns = ring_turns(line);
    if (turns != 0)
        return polar_ring(line, turns > 0 ? 1 : -1, out, err);
    if (interf_ring_area_sphere_km2(line, 1) >= 0)
        return split_ring(line->x, line->y, line->n, out, 0, err);
    /* Clockwise: a ring round values below the level. The polygon is the region it bounds,
     * made counter-clockwise (RFC 7946 §3.1.6 right-hand rule). */
    if (above)
        *above = 0;
    struct interf_lines tmp;
    interf_lines_init(&tmp);
    enum interf_status st = reversed(line, &tmp, err);
    if (st == INTERF_OK)
        st = split_ring(tmp.line[0].x, tmp.line[0].y, tmp.line[0].n, out, 0, err);
    interf_lines_free(&tmp);
    return st;
}

/* --------------------------------------------------------------------------------- areas */

double interf_ring_area_sphere_km2(const struct interf_polyline *ring, double radius_km)
{
    const double deg = 3.14159265358979323846 / 180;
    double sum = 0;
    if (!ring || ring->n < 3)
        return 0;
    for (size_t k = 0; k < ring->n; k++) {
        size_t k1 = (k + 1) % ring->n;
        double dlon = (ring->x[k1] - ring->x[k]) * deg;
        double lat0 = ring->y[k] * deg, lat1 = ring->y[k1] * deg, h = (lat1 - lat0) / 2;
        double sinc = fabs(h) < 1e-8 ? 1 - h * h / 6 : sin(h) / h;
        sum += dlon * sin(lat0 + h) * sinc;
    }
    return -radius_km * radius_km * sum;
}

enum interf_status interf_ring_area_wgs84_km2(const struct interf_polyline *ring,
                                              double *area_km2, struct interf_error *err)
{
    if (!ring || !area_km2 || (ring->n > 0 && (!ring->x || !ring->y)))
        return interf_error_set(err, INTERF_EINVAL, "interf_ring_area_wgs84_km2: bad argument");
    *area_km2 = 0;
    if (ring->n < 3)
        return INTERF_OK;
    if (ring->n > 0x7fffffff)
        return interf_error_set(err, INTERF_EINPUT, "ring area: too many points");
    struct geod_geodesic g;
    double area_m2 = 0, perimeter_m = 0;
    /* WGS 84: a = 6378137 m, f = 1/298.257223563 (NIMA TR8350.2). */
    geod_init(&g, 6378137.0, 1 / 298.257223563);
    geod_polygonarea(&g, ring->y, ring->x, (int)ring->n, &area_m2, &perimeter_m);
    *area_km2 = area_m2 * 1e-6;
    return INTERF_OK;
}
