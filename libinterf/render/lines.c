/* SPDX-License-Identifier: MIT */
/* interf render: polyline sets and their two readers, GMT multi-segment text (the shorelines
 * and borders of data/coastlines) and tables with lat_deg/lon_deg columns (tracks). */
#include "render_impl.h"

#include <stdint.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

void interf_lines_init(struct interf_lines *l) { memset(l, 0, sizeof *l); }

void interf_lines_free(struct interf_lines *l)
{
    for (size_t k = 0; k < l->n; k++) {
        free(l->line[k].x);
        free(l->line[k].y);
    }
    free(l->line);
    interf_lines_init(l);
}

enum interf_status render_lines_add(struct interf_lines *l, size_t n, const double *x,
                                    const double *y, int closed, struct interf_error *err)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 16;
        struct interf_polyline *p = realloc(l->line, cap * sizeof *p);
        if (!p)
            return interf_error_set(err, INTERF_ENOMEM, "lines: out of memory");
        l->line = p;
        l->cap = cap;
    }
    struct interf_polyline *p = &l->line[l->n];
    p->x = malloc((n ? n : 1) * sizeof(double));
    p->y = malloc((n ? n : 1) * sizeof(double));
    if (!p->x || !p->y) {
        free(p->x);
        free(p->y);
        return interf_error_set(err, INTERF_ENOMEM, "lines: out of memory");
    }
    memcpy(p->x, x, n * sizeof(double));
    memcpy(p->y, y, n * sizeof(double));
    p->n = n;
    p->closed = closed;
    l->n++;
    return INTERF_OK;
}

int render_pts_push(struct render_pts *p, double x, double y)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 256;
        double *nx = realloc(p->x, cap * sizeof *nx);
        if (!nx)
            return 0;
        p->x = nx;
        double *ny = realloc(p->y, cap * sizeof *ny);
        if (!ny)
            return 0;
        p->y = ny;
        p->cap = cap;
    }
    p->x[p->n] = x;
    p->y[p->n++] = y;
    return 1;
}

void render_pts_free(struct render_pts *p)
{
    free(p->x);
    free(p->y);
    memset(p, 0, sizeof *p);
}

/* Close the segment collected in p (if it has two points or more) into out. */
static enum interf_status flush(struct render_pts *p, struct interf_lines *out, struct interf_error *err)
{
    enum interf_status st = p->n >= 2 ? render_lines_add(out, p->n, p->x, p->y, 0, err) : INTERF_OK;
    p->n = 0;
    return st;
}

#define GMT_ROW "expected \"lon_deg lat_deg\""

/* One "lon_deg lat_deg" row of a GMT segment. */
static enum interf_status gmt_row(struct interf_table *t, struct render_pts *p,
                                  struct interf_error *err)
{
    double lon, lat;
    if (interf_table_nfields(t) != 2)
        return interf_table_fail(t, SIZE_MAX, err, INTERF_EINPUT, GMT_ROW);
    if (!interf_parse_real(interf_table_field(t, 0), &lon))
        return interf_table_fail(t, 0, err, INTERF_EINPUT, GMT_ROW);
    if (!interf_parse_real(interf_table_field(t, 1), &lat) || fabs(lat) > 90)
        return interf_table_fail(t, 1, err, INTERF_EINPUT, GMT_ROW);
    if (!render_pts_push(p, lon, lat))
        return interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", interf_table_name(t));
    return INTERF_OK;
}

enum interf_status interf_lines_read_gmt(FILE *fp, const char *name, struct interf_lines *out,
                                         struct interf_error *err)
{
    struct render_pts p = {0};
    struct interf_table *t;
    enum interf_table_event ev = INTERF_TABLE_ROW;
    enum interf_status st = interf_table_open(fp, name, INTERF_TABLE_PARTS, &t, err);
    while (st == INTERF_OK && ev != INTERF_TABLE_END &&
           (st = interf_table_next(t, &ev, err)) == INTERF_OK)
        st = ev == INTERF_TABLE_ROW ? gmt_row(t, &p, err) : flush(&p, out, err);
    interf_table_close(t);
    render_pts_free(&p);
    return st;
}

/* ---------------------------------------------------------------------------------- tracks */

/* Row storage: satellite number, lat, lon. */
struct rows {
    size_t n, cap;
    double *sat, *lat, *lon;
};

static int rows_push(struct rows *r, double sat, double lat, double lon)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 1024;
        double **a[] = {&r->sat, &r->lat, &r->lon};
        for (int k = 0; k < 3; k++) {
            double *p = realloc(*a[k], cap * sizeof(double));
            if (!p)
                return 0;
            *a[k] = p;
        }
        r->cap = cap;
    }
    r->sat[r->n] = sat;
    r->lat[r->n] = lat;
    r->lon[r->n++] = lon;
    return 1;
}

/* The columns of lat_deg, lon_deg and sat (-1 if absent) from the current schema line, kept
 * from an earlier part when this part has none. */
struct track_cols {
    int schema_line, lat, lon, sat;
    size_t n;
};

static enum interf_status track_schema(const struct interf_table *t, struct track_cols *c,
                                       struct interf_error *err)
{
    int line = interf_table_schema_line(t);
    if (line == 0 || line == c->schema_line) {
        if (c->schema_line == 0)
            return interf_table_fail(t, SIZE_MAX, err, INTERF_EINPUT, "no schema line "
                                     "(\"# ... lat_deg lon_deg ...\")");
        return INTERF_OK;
    }
    c->schema_line = line;
    c->lat = interf_table_find(t, "lat_deg");
    c->lon = interf_table_find(t, "lon_deg");
    c->sat = interf_table_find(t, "sat");
    c->n = interf_table_ncols(t);
    if (c->lat < 0 || c->lon < 0)
        return interf_error_set(err, INTERF_EINPUT, "%s:%d: the schema line names no lat_deg "
                                "and lon_deg columns", interf_table_name(t), line);
    return INTERF_OK;
}

/* Field k of the row as a number (a latitude within 90 deg when lat). */
static enum interf_status track_cell(const struct interf_table *t, int k, const char *what,
                                     int lat, double *v, struct interf_error *err)
{
    const char *f = interf_table_field(t, (size_t)k);
    if (!interf_parse_real(f, v) || (lat && fabs(*v) > 90))
        return interf_table_fail(t, (size_t)k, err, INTERF_EINPUT, "%s: \"%.32s\"", what, f);
    return INTERF_OK;
}

static enum interf_status track_row(const struct interf_table *t, struct track_cols *c,
                                    double part, struct rows *r, struct interf_error *err)
{
    double lat, lon, sat = 0;
    enum interf_status st = track_schema(t, c, err);
    if (st == INTERF_OK && interf_table_nfields(t) != c->n)
        st = interf_table_fail(t, SIZE_MAX, err, INTERF_EINPUT, "%zu columns, the schema names "
                               "%zu", interf_table_nfields(t), c->n);
    if (st == INTERF_OK)
        st = track_cell(t, c->lat, "lat_deg", 1, &lat, err);
    if (st == INTERF_OK)
        st = track_cell(t, c->lon, "lon_deg", 0, &lon, err);
    if (st == INTERF_OK && c->sat >= 0)
        st = track_cell(t, c->sat, "sat", 0, &sat, err);
    /* one line per satellite of each part: parts never merge */
    if (st == INTERF_OK && !rows_push(r, sat + part * 1e9, lat, lon))
        st = interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", interf_table_name(t));
    return st;
}

static enum interf_status read_rows(FILE *fp, const char *name, struct rows *r,
                                    struct interf_error *err)
{
    struct interf_table *t;
    struct track_cols cols = {0, -1, -1, -1, 0};
    enum interf_table_event ev = INTERF_TABLE_ROW;
    double part = 0;
    enum interf_status st = interf_table_open(fp, name, INTERF_TABLE_PARTS, &t, err);
    while (st == INTERF_OK && ev != INTERF_TABLE_END &&
           (st = interf_table_next(t, &ev, err)) == INTERF_OK) {
        if (ev == INTERF_TABLE_ROW)
            st = track_row(t, &cols, part, r, err);
        else if (ev == INTERF_TABLE_PART)
            part++;
    }
    if (st == INTERF_OK && interf_table_line(t) == 0)
        st = interf_error_set(err, INTERF_EINPUT, "%s: empty", name);
    interf_table_close(t);
    return st;
}

struct row_key {
    double sat; /* satellite (with the part, so that parts never merge) */
    size_t idx; /* row in file order */
};

static int key_cmp(const void *a, const void *b)
{
    const struct row_key *p = a, *q = b;
    if (p->sat != q->sat)
        return p->sat < q->sat ? -1 : 1;
    return p->idx < q->idx ? -1 : p->idx > q->idx;
}

/* One polyline per satellite (or part), points in file order. */
static enum interf_status group(const struct rows *r, struct interf_lines *out,
                                struct interf_error *err)
{
    enum interf_status st = INTERF_OK;
    struct row_key *key = malloc((r->n ? r->n : 1) * sizeof *key);
    struct render_pts p = {0};
    if (!key)
        return interf_error_set(err, INTERF_ENOMEM, "tracks: out of memory");
    for (size_t i = 0; i < r->n; i++)
        key[i] = (struct row_key){r->sat[i], i};
    qsort(key, r->n, sizeof *key, key_cmp);
    for (size_t i = 0; i < r->n && st == INTERF_OK; i++) {
        if (!render_pts_push(&p, r->lon[key[i].idx], r->lat[key[i].idx]))
            st = interf_error_set(err, INTERF_ENOMEM, "tracks: out of memory");
        else if (i + 1 == r->n || key[i + 1].sat != key[i].sat)
            st = flush(&p, out, err);
    }
    free(key);
    render_pts_free(&p);
    return st;
}

enum interf_status interf_lines_read_track(FILE *fp, const char *name, struct interf_lines *out,
                                           struct interf_error *err)
{
    struct rows r = {0, 0, NULL, NULL, NULL};
    enum interf_status st = read_rows(fp, name, &r, err);
    if (st == INTERF_OK)
        st = group(&r, out, err);
    free(r.sat);
    free(r.lat);
    free(r.lon);
    return st;
}
