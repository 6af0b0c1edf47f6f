/* SPDX-License-Identifier: MIT */
/* interf render: contour lines by marching squares. Each cell of four neighbouring values gives
 * at most two oriented segments (values at or above the level on the left); segments are then
 * chained through the cell edges they share: an edge crossing ends one segment and starts the
 * next, so chains are found by sorting segments by their start edge. */
#include "render_impl.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct seg {
    uint64_t a, b;     /* start and end edge */
    double ax, ay;     /* start point */
    double bx, by;     /* end point */
    int used;
};

struct crossing {
    uint64_t edge;
    double x, y;
    int start;         /* 1: high -> low along the cell's counter-clockwise boundary */
};

struct tracer {
    const double *z;
    size_t nx, ny;
    double level;
    int wrap_x;        /* the last column is the first again: its vertical edges are one */
    struct seg *seg;
    size_t n, cap;
};

/* Edge ids: horizontal edge (i, j)-(i+1, j), then vertical edge (i, j)-(i, j+1). */
static uint64_t h_edge(const struct tracer *t, size_t i, size_t j)
{
    return (uint64_t)j * (t->nx - 1) + i;
}

static uint64_t v_edge(const struct tracer *t, size_t i, size_t j)
{
    if (t->wrap_x && i == t->nx - 1)
        i = 0;
    return (uint64_t)(t->nx - 1) * t->ny + (uint64_t)j * t->nx + i;
}

static int push_seg(struct tracer *t, const struct crossing *s, const struct crossing *e)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 1024;
        struct seg *p = realloc(t->seg, cap * sizeof *p);
        if (!p)
            return 0;
        t->seg = p;
        t->cap = cap;
    }
    t->seg[t->n++] = (struct seg){s->edge, e->edge, s->x, s->y, e->x, e->y, 0};
    return 1;
}

/* The crossing on the edge from corner (x0, y0) value a to corner (x1, y1) value b, always
 * interpolated from the lower-index corner so that both cells sharing the edge agree to the
 * bit. */
static void cross(struct crossing *c, uint64_t edge, double level, double x0, double y0, double a,
                  double x1, double y1, double b)
{
    double f = (level - a) / (b - a);
    c->edge = edge;
    c->x = x0 + f * (x1 - x0);
    c->y = y0 + f * (y1 - y0);
}

/* Segments of cell (i, j); returns 0 when out of memory. */
static int cell(struct tracer *t, size_t i, size_t j)
{
    const double *z = t->z;
    size_t nx = t->nx;
    double v[4] = {z[j * nx + i], z[j * nx + i + 1], z[(j + 1) * nx + i + 1], z[(j + 1) * nx + i]};
    if (isnan(v[0]) || isnan(v[1]) || isnan(v[2]) || isnan(v[3]))
        return 1;
    int hi[4], n = 0;
    for (int k = 0; k < 4; k++)
        hi[k] = v[k] >= t->level;
    if (hi[0] == hi[1] && hi[1] == hi[2] && hi[2] == hi[3])
        return 1;
    double x = (double)i, y = (double)j;
    struct crossing c[4];
    /* Counter-clockwise: bottom (v0 -> v1), right (v1 -> v2), top (v2 -> v3), left (v3 -> v0). */
    if (hi[0] != hi[1]) {
        cross(&c[n], h_edge(t, i, j), t->level, x, y, v[0], x + 1, y, v[1]);
        c[n++].start = hi[0];
    }
    if (hi[1] != hi[2]) {
        cross(&c[n], v_edge(t, i + 1, j), t->level, x + 1, y, v[1], x + 1, y + 1, v[2]);
        c[n++].start = hi[1];
    }
    if (hi[2] != hi[3]) {
        cross(&c[n], h_edge(t, i, j + 1), t->level, x, y + 1, v[3], x + 1, y + 1, v[2]);
        c[n++].start = hi[2];
    }
    if (hi[3] != hi[0]) {
        cross(&c[n], v_edge(t, i, j), t->level, x, y, v[0], x, y + 1, v[3]);
        c[n++].start = hi[3];
    }
    if (n == 2)
        return c[0].start ? push_seg(t, &c[0], &c[1]) : push_seg(t, &c[1], &c[0]);
    /* A saddle: the cell mean decides whether the high corners connect through the centre. If
     * they do, each start joins the next crossing counter-clockwise (cutting off a low corner);
     * if not, the previous one (cutting off a high corner). */
    int centre_hi = (v[0] + v[1] + v[2] + v[3]) / 4 >= t->level;
    for (int k = 0; k < 4; k++)
        if (c[k].start && !push_seg(t, &c[k], &c[(k + (centre_hi ? 1 : 3)) % 4]))
            return 0;
    return 1;
}

struct edge_ref {
    uint64_t edge;
    size_t seg;
};

static int ref_cmp(const void *a, const void *b)
{
    const struct edge_ref *p = a, *q = b;
    return p->edge < q->edge ? -1 : p->edge > q->edge;
}

/* The index in refs (sorted) of edge, or -1. */
static long find(const struct edge_ref *refs, size_t n, uint64_t edge)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (refs[mid].edge < edge)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && refs[lo].edge == edge ? (long)lo : -1;
}

/* Follow segments from s until the chain ends or closes; the points go to (px, py). */
static size_t follow(struct tracer *t, const struct edge_ref *starts, size_t s, double *px,
                     double *py, int *closed)
{
    size_t n = 0, first = s;
    px[n] = t->seg[s].ax;
    py[n++] = t->seg[s].ay;
    *closed = 0;
    for (;;) {
        t->seg[s].used = 1;
        long k = find(starts, t->n, t->seg[s].b);
        if (k >= 0 && starts[k].seg == first) {
            *closed = 1;
            return n;
        }
        px[n] = t->seg[s].bx;
        py[n++] = t->seg[s].by;
        if (k < 0 || t->seg[starts[k].seg].used)
            return n;
        s = starts[k].seg;
    }
}

static enum interf_status chain(struct tracer *t, struct interf_lines *out,
                                struct interf_error *err)
{
    enum interf_status st = INTERF_OK;
    struct edge_ref *starts = malloc((t->n ? t->n : 1) * sizeof *starts);
    struct edge_ref *ends = malloc((t->n ? t->n : 1) * sizeof *ends);
    double *px = malloc((t->n + 2) * sizeof *px), *py = malloc((t->n + 2) * sizeof *py);
    if (!starts || !ends || !px || !py) {
        st = interf_error_set(err, INTERF_ENOMEM, "contours: out of memory");
        goto done;
    }
    for (size_t k = 0; k < t->n; k++) {
        starts[k] = (struct edge_ref){t->seg[k].a, k};
        ends[k] = (struct edge_ref){t->seg[k].b, k};
    }
    qsort(starts, t->n, sizeof *starts, ref_cmp);
    qsort(ends, t->n, sizeof *ends, ref_cmp);
    /* Open lines first: those starting at an edge no segment ends on (the field's edge or
     * NODATA); what is left are rings. */
    for (int pass = 0; pass < 2 && st == INTERF_OK; pass++)
        for (size_t k = 0; k < t->n && st == INTERF_OK; k++) {
            if (t->seg[k].used || (pass == 0 && find(ends, t->n, t->seg[k].a) >= 0))
                continue;
            int closed;
            size_t n = follow(t, starts, k, px, py, &closed);
            st = render_lines_add(out, n, px, py, closed, err);
        }
done:
    free(starts);
    free(ends);
    free(px);
    free(py);
    return st;
}

static enum interf_status trace(const double *z, size_t nx, size_t ny, double level, int wrap_x,
                                struct interf_lines *out, struct interf_error *err)
{
    if (!z || !out || !isfinite(level))
        return interf_error_set(err, INTERF_EINVAL, "interf_contour_trace: bad argument");
    struct tracer t = {z, nx, ny, level, wrap_x, NULL, 0, 0};
    enum interf_status st = INTERF_OK;
    for (size_t j = 0; j + 1 < ny && st == INTERF_OK; j++)
        for (size_t i = 0; i + 1 < nx; i++)
            if (!cell(&t, i, j)) {
                st = interf_error_set(err, INTERF_ENOMEM, "contours: out of memory");
                break;
            }
    if (st == INTERF_OK)
        st = chain(&t, out, err);
    free(t.seg);
    return st;
}

enum interf_status interf_contour_trace(const double *z, size_t nx, size_t ny, double level,
                                        struct interf_lines *out, struct interf_error *err)
{
    return trace(z, nx, ny, level, 0, out, err);
}

enum interf_status interf_grid_contour(const struct interf_grid *g, double level,
                                       struct interf_lines *out, struct interf_error *err)
{
    const struct interf_grid_spec *s = &g->spec;
    int wrap = interf_grid_is_global(s) && s->ncols > 1;
    size_t nx = s->ncols + (wrap ? 1 : 0), ny = s->nrows, first = out->n;
    /* South row first (y up = north), and for a global grid the first column again at the end,
     * its edges one with the first column's, so that lines cross the antimeridian whole. */
    double *z = malloc(nx * ny * sizeof *z);
    if (!z)
        return interf_error_set(err, INTERF_ENOMEM, "contours: out of memory");
    for (size_t j = 0; j < ny; j++)
        for (size_t i = 0; i < nx; i++)
            z[j * nx + i] = g->values[(ny - 1 - j) * s->ncols + i % s->ncols];
    enum interf_status st = trace(z, nx, ny, level, wrap, out, err);
    free(z);
    for (size_t k = first; st == INTERF_OK && k < out->n; k++) {
        double *x = out->line[k].x, *y = out->line[k].y;
        for (size_t p = 0; p < out->line[k].n; p++) {
            x[p] = s->xllcenter_deg + x[p] * s->cell_deg;
            y[p] = s->yllcenter_deg + y[p] * s->cell_deg;
            /* Across the seam of a global grid the chain jumps by 360 deg: keep it whole. */
            while (p > 0 && x[p] - x[p - 1] > 180)
                x[p] -= 360;
            while (p > 0 && x[p] - x[p - 1] < -180)
                x[p] += 360;
        }
    }
    return st;
}
