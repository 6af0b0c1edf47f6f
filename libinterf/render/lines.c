/* SPDX-License-Identifier: MIT */
/* interf render: polyline sets and their two readers, GMT multi-segment text (the shorelines
 * and borders of data/coastlines) and tables with lat_deg/lon_deg columns (tracks). */
#include "render_impl.h"

#include <ctype.h>
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#define TRACK_MAX_COLUMNS 64

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

/* Split a line into fields on blanks, in place; returns the count (at most max). */
static int split(char *s, char **f, int max)
{
    int n = 0;
    for (char *save, *t = strtok_r(s, " \t\r\n", &save); t; t = strtok_r(NULL, " \t\r\n", &save))
        if (n < max)
            f[n++] = t;
        else
            return max + 1;
    return n;
}

/* Close the segment collected in p (if it has two points or more) into out. */
static enum interf_status flush(struct render_pts *p, struct interf_lines *out, struct interf_error *err)
{
    enum interf_status st = p->n >= 2 ? render_lines_add(out, p->n, p->x, p->y, 0, err) : INTERF_OK;
    p->n = 0;
    return st;
}

static enum interf_status read_gmt(FILE *fp, const char *name, struct interf_lines *out,
                                   struct render_pts *p, struct interf_error *err)
{
    char *line = NULL, *f[3];
    size_t cap = 0;
    long lineno = 0;
    enum interf_status st = INTERF_OK;
    double lon, lat;
    while (st == INTERF_OK && getline(&line, &cap, fp) >= 0) {
        lineno++;
        if (line[0] == '#')
            continue;
        if (line[0] == '>') {
            st = flush(p, out, err);
            continue;
        }
        int nf = split(line, f, 2);
        if (nf == 0)
            continue;
        if (nf != 2 || !interf_parse_real(f[0], &lon) || !interf_parse_real(f[1], &lat) || fabs(lat) > 90)
            st = interf_error_set(err, INTERF_EINPUT, "%s:%ld: expected \"lon_deg lat_deg\"",
                                  name, lineno);
        else if (!render_pts_push(p, lon, lat))
            st = interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", name);
    }
    free(line);
    if (st == INTERF_OK && ferror(fp))
        st = interf_error_set(err, INTERF_EIO, "%s: read error: %s", name, strerror(errno));
    return st == INTERF_OK ? flush(p, out, err) : st;
}

enum interf_status interf_lines_read_gmt(FILE *fp, const char *name, struct interf_lines *out,
                                         struct interf_error *err)
{
    struct render_pts p = {0};
    locale_t c_num = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    if (c_num == (locale_t)0)
        return interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", name);
    locale_t old = uselocale(c_num);
    enum interf_status st = read_gmt(fp, name, out, &p, err);
    uselocale(old);
    freelocale(c_num);
    render_pts_free(&p);
    return st;
}

/* ---------------------------------------------------------------------------------- tracks */

/* Column indices of lat_deg, lon_deg and sat (-1 if absent) from the schema line. */
static enum interf_status schema(char *line, const char *name, int cols[3], int *ncols,
                                 struct interf_error *err)
{
    char *f[TRACK_MAX_COLUMNS];
    int n = split(line + 1, f, TRACK_MAX_COLUMNS);
    cols[0] = cols[1] = cols[2] = -1;
    for (int k = 0; k < n && k < TRACK_MAX_COLUMNS; k++) {
        if (strcmp(f[k], "lat_deg") == 0)
            cols[0] = k;
        else if (strcmp(f[k], "lon_deg") == 0)
            cols[1] = k;
        else if (strcmp(f[k], "sat") == 0)
            cols[2] = k;
    }
    *ncols = n;
    if (cols[0] < 0 || cols[1] < 0)
        return interf_error_set(err, INTERF_EINPUT, "%s:1: the schema line names no lat_deg and "
                                "lon_deg columns", name);
    return INTERF_OK;
}

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

static enum interf_status read_rows(FILE *fp, const char *name, struct rows *r,
                                    struct interf_error *err)
{
    char *line = NULL, *f[TRACK_MAX_COLUMNS];
    size_t cap = 0;
    long lineno = 0;
    int cols[3] = {-1, -1, -1}, ncols = 0;
    double part = 0;
    enum interf_status st = INTERF_OK;
    while (st == INTERF_OK && getline(&line, &cap, fp) >= 0) {
        lineno++;
        if (lineno == 1) {
            st = line[0] == '#' ? schema(line, name, cols, &ncols, err)
                                : interf_error_set(err, INTERF_EINPUT, "%s:1: no schema line "
                                                   "(\"# ... lat_deg lon_deg ...\")", name);
            continue;
        }
        if (line[0] == '#')
            continue;
        if (line[0] == '>') {
            part++;
            continue;
        }
        int nf = split(line, f, TRACK_MAX_COLUMNS);
        double lat, lon, sat = part;
        if (nf == 0)
            continue;
        if (nf != ncols)
            st = interf_error_set(err, INTERF_EINPUT, "%s:%ld: %d columns, the schema names %d",
                                  name, lineno, nf, ncols);
        else if (!interf_parse_real(f[cols[0]], &lat) || fabs(lat) > 90)
            st = interf_error_set(err, INTERF_EINPUT, "%s:%ld: lat_deg: \"%.32s\"", name, lineno,
                                  f[cols[0]]);
        else if (!interf_parse_real(f[cols[1]], &lon))
            st = interf_error_set(err, INTERF_EINPUT, "%s:%ld: lon_deg: \"%.32s\"", name, lineno,
                                  f[cols[1]]);
        else if (cols[2] >= 0 && !interf_parse_real(f[cols[2]], &sat))
            st = interf_error_set(err, INTERF_EINPUT, "%s:%ld: sat: \"%.32s\"", name, lineno,
                                  f[cols[2]]);
        else if (!rows_push(r, sat + (cols[2] >= 0 ? part * 1e9 : 0), lat, lon))
            st = interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", name);
    }
    free(line);
    if (st == INTERF_OK && lineno == 0)
        st = interf_error_set(err, INTERF_EINPUT, "%s: empty", name);
    if (st == INTERF_OK && ferror(fp))
        st = interf_error_set(err, INTERF_EIO, "%s: read error: %s", name, strerror(errno));
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
    locale_t c_num = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    if (c_num == (locale_t)0)
        return interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", name);
    locale_t old = uselocale(c_num);
    enum interf_status st = read_rows(fp, name, &r, err);
    uselocale(old);
    freelocale(c_num);
    if (st == INTERF_OK)
        st = group(&r, out, err);
    free(r.sat);
    free(r.lat);
    free(r.lon);
    return st;
}
