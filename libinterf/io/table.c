/* SPDX-License-Identifier: MIT */
/* interf io: the one reader of the table format of interf-table(5): lines, fields, the schema
 * line, "# key: value" metadata, ">" parts, and located messages. Every reader of a table
 * (CDFs, point lists, schedules, tracks, pattern files, angle lists, masks) sits on it. */
#include "interf/io.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LINE (1u << 20)

struct meta {
    char *key, *value;
    int line;
};

struct interf_table {
    FILE *fp;
    char *name;
    unsigned flags;
    int line;           /* of the current line */
    int part_start;     /* the next non-blank line starts a part */
    int part_ended;     /* a ">" line was returned: clear the part on the next call */
    char *buf;          /* the current line, cut into fields */
    size_t cap;
    char **field;       /* fields of the current row */
    int *col;
    size_t nfield, fcap;
    char **cols;        /* schema names (owned copies) */
    size_t ncols, ccap;
    int schema_line;
    struct meta *meta;
    size_t nmeta, mcap;
};

static void part_clear(struct interf_table *t)
{
    for (size_t k = 0; k < t->ncols; k++)
        free(t->cols[k]);
    for (size_t k = 0; k < t->nmeta; k++) {
        free(t->meta[k].key);
        free(t->meta[k].value);
    }
    t->ncols = t->nmeta = 0;
    t->schema_line = 0;
    t->part_start = 1;
}

enum interf_status interf_table_open(FILE *fp, const char *name, unsigned flags,
                                     struct interf_table **out, struct interf_error *err)
{
    if (!fp || !name || !out)
        return interf_error_set(err, INTERF_EINVAL, "interf_table_open: NULL argument");
    struct interf_table *t = calloc(1, sizeof *t);
    if (!t || !(t->name = strdup(name))) {
        free(t);
        return interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", name);
    }
    t->fp = fp;
    t->flags = flags;
    t->part_start = 1;
    *out = t;
    return INTERF_OK;
}

void interf_table_close(struct interf_table *t)
{
    if (!t)
        return;
    part_clear(t);
    free(t->cols);
    free(t->meta);
    free(t->field);
    free(t->col);
    free(t->buf);
    free(t->name);
    free(t);
}

/* Grow *p (elements of size sz) to hold at least need. */
static int grow(void **p, size_t *cap, size_t need, size_t sz)
{
    if (need <= *cap)
        return 1;
    size_t n = *cap ? 2 * *cap : 16;
    while (n < need)
        n *= 2;
    void *q = realloc(*p, n * sz);
    if (!q)
        return 0;
    *p = q;
    *cap = n;
    return 1;
}

/* Cut s into fields in place (blanks, tabs, CR, LF separate), recording 1-based columns. */
static int split(struct interf_table *t, char *s)
{
    t->nfield = 0;
    size_t icap = t->fcap;
    for (char *p = s;;) {
        while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
            p++;
        if (!*p)
            return 1;
        if (!grow((void **)&t->field, &t->fcap, t->nfield + 1, sizeof *t->field) ||
            !grow((void **)&t->col, &icap, t->nfield + 1, sizeof *t->col))
            return 0;
        t->field[t->nfield] = p;
        t->col[t->nfield++] = (int)(p - t->buf) + 1;
        while (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
            p++;
        if (*p)
            *p++ = '\0';
    }
}

/* "# key: value": the key right after "# ", then ':' and a blank or the end. */
static int meta_split(char *s, char **key, char **value)
{
    if (s[0] != '#' || s[1] != ' ')
        return 0;
    char *k = s + 2, *p = k;
    while (isalnum((unsigned char)*p) || *p == '_' || *p == '-' || *p == '.')
        p++;
    if (p == k || *p != ':' || (p[1] && p[1] != ' ' && p[1] != '\t' && p[1] != '\r' &&
                                p[1] != '\n'))
        return 0;
    *p++ = '\0';
    while (*p == ' ' || *p == '\t')
        p++;
    size_t n = strlen(p);
    while (n && (p[n - 1] == '\n' || p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == '\t'))
        p[--n] = '\0';
    *key = k;
    *value = p;
    return 1;
}

static enum interf_status oom(const struct interf_table *t, struct interf_error *err)
{
    return interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", t->name);
}

/* A "#" line: metadata, the schema line (first line of a part), or a comment. */
static enum interf_status comment(struct interf_table *t, struct interf_error *err)
{
    char *key, *value;
    int first = t->part_start;
    t->part_start = 0;
    if (meta_split(t->buf, &key, &value)) {
        if (!grow((void **)&t->meta, &t->mcap, t->nmeta + 1, sizeof *t->meta))
            return oom(t, err);
        struct meta *m = &t->meta[t->nmeta];
        m->key = strdup(key);
        m->value = strdup(value);
        m->line = t->line;
        if (!m->key || !m->value) {
            free(m->key);
            free(m->value);
            return oom(t, err);
        }
        t->nmeta++;
        return INTERF_OK;
    }
    if (!first)
        return INTERF_OK;
    if (!split(t, t->buf + 1))
        return oom(t, err);
    for (size_t k = 0; k < t->nfield; k++) {
        if (!grow((void **)&t->cols, &t->ccap, t->ncols + 1, sizeof *t->cols) ||
            !(t->cols[t->ncols] = strdup(t->field[k])))
            return oom(t, err);
        t->ncols++;
    }
    t->schema_line = t->line;
    t->nfield = 0;
    return INTERF_OK;
}

enum interf_status interf_table_next(struct interf_table *t, enum interf_table_event *event,
                                     struct interf_error *err)
{
    ssize_t got;
    *event = INTERF_TABLE_END;
    t->nfield = 0;
    if (t->part_ended) {
        part_clear(t);
        t->part_ended = 0;
    }
    while ((got = getline(&t->buf, &t->cap, t->fp)) != -1) {
        t->line++;
        if ((size_t)got != strlen(t->buf))
            return interf_error_set(err, INTERF_EINPUT, "%s:%d: NUL byte in a text file",
                                    t->name, t->line);
        if ((size_t)got > MAX_LINE)
            return interf_error_set(err, INTERF_EINPUT, "%s:%d: line longer than %u bytes",
                                    t->name, t->line, MAX_LINE);
        if (t->buf[0] == '>') {
            if (!(t->flags & INTERF_TABLE_PARTS))
                continue;
            t->part_ended = 1;
            *event = INTERF_TABLE_PART;
            return INTERF_OK;
        }
        if (t->buf[0] == '#') {
            enum interf_status st = comment(t, err);
            if (st != INTERF_OK)
                return st;
            continue;
        }
        if (!split(t, t->buf))
            return oom(t, err);
        if (t->nfield == 0)
            continue;
        t->part_start = 0;
        *event = INTERF_TABLE_ROW;
        return INTERF_OK;
    }
    if (ferror(t->fp))
        return interf_error_set(err, INTERF_EIO, "%s: read error: %s", t->name,
                                strerror(errno ? errno : EIO));
    return INTERF_OK;
}

int interf_table_line(const struct interf_table *t) { return t->line; }
size_t interf_table_nfields(const struct interf_table *t) { return t->nfield; }
const char *interf_table_field(const struct interf_table *t, size_t k)
{
    return k < t->nfield ? t->field[k] : NULL;
}
int interf_table_column(const struct interf_table *t, size_t k)
{
    return k < t->nfield ? t->col[k] : 0;
}
const char *interf_table_name(const struct interf_table *t) { return t->name; }

enum interf_status interf_table_fail(const struct interf_table *t, size_t k,
                                     struct interf_error *err, enum interf_status status,
                                     const char *fmt, ...)
{
    char text[sizeof err->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (k < t->nfield)
        return interf_error_set(err, status, "%s:%d:%d: %s", t->name, t->line, t->col[k], text);
    return interf_error_set(err, status, "%s:%d: %s", t->name, t->line, text);
}

enum interf_status interf_table_real(const struct interf_table *t, size_t k, const char *what,
                                     double *out, struct interf_error *err)
{
    if (k >= t->nfield)
        return interf_table_fail(t, SIZE_MAX, err, INTERF_EINPUT, "%s: missing",
                                 what ? what : "field");
    if (interf_parse_real(t->field[k], out))
        return INTERF_OK;
    if (what)
        return interf_table_fail(t, k, err, INTERF_EINPUT, "%s: %.40s: not a number", what,
                                 t->field[k]);
    return interf_table_fail(t, k, err, INTERF_EINPUT, "%.40s: not a number", t->field[k]);
}

int interf_table_schema_line(const struct interf_table *t) { return t->schema_line; }
size_t interf_table_ncols(const struct interf_table *t) { return t->ncols; }
const char *interf_table_colname(const struct interf_table *t, size_t k)
{
    return k < t->ncols ? t->cols[k] : NULL;
}
int interf_table_find(const struct interf_table *t, const char *name)
{
    for (size_t k = 0; k < t->ncols; k++)
        if (strcmp(t->cols[k], name) == 0)
            return (int)k;
    return -1;
}

size_t interf_table_nmeta(const struct interf_table *t) { return t->nmeta; }
const char *interf_table_meta_key(const struct interf_table *t, size_t k)
{
    return k < t->nmeta ? t->meta[k].key : NULL;
}
const char *interf_table_meta_value(const struct interf_table *t, size_t k)
{
    return k < t->nmeta ? t->meta[k].value : NULL;
}
int interf_table_meta_line(const struct interf_table *t, size_t k)
{
    return k < t->nmeta ? t->meta[k].line : 0;
}
const char *interf_table_meta(const struct interf_table *t, const char *key)
{
    for (size_t k = t->nmeta; k-- > 0;)
        if (strcmp(t->meta[k].key, key) == 0)
            return t->meta[k].value;
    return NULL;
}

/* ---------------------------------------------------------------------------- point lists */

static enum interf_status points_push(double **lat, double **lon, size_t *n, size_t *cap,
                                      double la, double lo)
{
    size_t c = *cap;
    if (!grow((void **)lat, &c, *n + 1, sizeof **lat) ||
        !grow((void **)lon, cap, *n + 1, sizeof **lon))
        return INTERF_ENOMEM;
    (*lat)[*n] = la;
    (*lon)[(*n)++] = lo;
    return INTERF_OK;
}

static enum interf_status points_row(const struct interf_table *t, double *la, double *lo,
                                     struct interf_error *err)
{
    int clat = interf_table_find(t, "lat_deg"), clon = interf_table_find(t, "lon_deg");
    if (clat < 0 || clon < 0)
        clat = 0, clon = 1;
    *la = *lo = NAN;
    for (size_t k = 0; k < t->nfield; k++) {
        if ((int)k != clat && (int)k != clon)
            continue;
        double x;
        enum interf_status st = interf_table_real(t, k, NULL, &x, err);
        if (st != INTERF_OK)
            return st;
        *((int)k == clon ? lo : la) = x;
    }
    if (!(fabs(*la) <= 90) || !(*lo >= -180 && *lo <= 360))
        return interf_table_fail(t, SIZE_MAX, err, INTERF_EINPUT,
                                 "expected lat_deg in [-90, 90] and lon_deg in [-180, 360]");
    return INTERF_OK;
}

enum interf_status interf_table_read_points(FILE *fp, const char *name, double **lat,
                                            double **lon, size_t *n, struct interf_error *err)
{
    struct interf_table *t;
    size_t cap = 0;
    *lat = *lon = NULL;
    *n = 0;
    enum interf_status st = interf_table_open(fp, name, 0, &t, err);
    enum interf_table_event ev;
    while (st == INTERF_OK && (st = interf_table_next(t, &ev, err)) == INTERF_OK &&
           ev == INTERF_TABLE_ROW) {
        double la, lo;
        st = points_row(t, &la, &lo, err);
        if (st == INTERF_OK && points_push(lat, lon, n, &cap, la, lo) != INTERF_OK)
            st = oom(t, err);
    }
    if (st == INTERF_OK && *n == 0)
        st = interf_error_set(err, INTERF_EINPUT, "%s: no points", name);
    interf_table_close(t);
    if (st != INTERF_OK) {
        free(*lat);
        free(*lon);
        *lat = *lon = NULL;
        *n = 0;
    }
    return st;
}

/* ---------------------------------------------------------------------------- inputs */

enum interf_status interf_input_open(const char *path, FILE **fp, const char **name,
                                     struct interf_error *err)
{
    if (strcmp(path, "-") == 0) {
        *fp = stdin;
        *name = "<stdin>";
        return INTERF_OK;
    }
    *name = path;
    if (!(*fp = fopen(path, "r")))
        return interf_error_set(err, INTERF_EIO, "%s: %s", path, strerror(errno));
    return INTERF_OK;
}

void interf_input_close(FILE *fp)
{
    if (fp && fp != stdin)
        fclose(fp);
}
