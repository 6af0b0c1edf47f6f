/* SPDX-License-Identifier: MIT */
/* interf grid: ESRI ASCII grids (GDAL "AAIGrid"), read with file:line errors and written
 * in the "C" locale. */
#include "grid_impl.h"

#include <ctype.h>
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>

/* ------------------------------------------------------------------------ ESRI ASCII read */

struct reader {
    FILE *fp;
    const char *name;
    char *line;
    size_t cap;
    long lineno;
};

/* The next line without its end-of-line characters; -1 at end of file. */
static long next_line(struct reader *r)
{
    ssize_t len = getline(&r->line, &r->cap, r->fp);
    if (len < 0)
        return -1;
    while (len > 0 && (r->line[len - 1] == '\n' || r->line[len - 1] == '\r'))
        r->line[--len] = '\0';
    r->lineno++;
    return (long)len;
}

static int blank(const char *s) { return s[strspn(s, " \t")] == '\0'; }

enum hkey { H_NCOLS, H_NROWS, H_X, H_Y, H_CELL, H_NODATA, H_COUNT };

struct header {
    int seen[H_COUNT];
    double v[H_COUNT];
    int x_corner, y_corner;
};

static int header_key(const char *k, int *corner)
{
    static const char *const names[] = {"ncols", "nrows", "xllcenter", "yllcenter", "cellsize",
                                        "nodata_value"};
    *corner = 0;
    if (strcasecmp(k, "xllcorner") == 0 || strcasecmp(k, "yllcorner") == 0) {
        *corner = 1;
        return tolower((unsigned char)k[0]) == 'x' ? H_X : H_Y;
    }
    for (int i = 0; i < H_COUNT; i++)
        if (strcasecmp(k, names[i]) == 0)
            return i;
    return -1;
}

/* One header line "key value". Returns 1 for a header line, 0 for the first data line. */
static enum interf_status header_line(struct reader *r, struct header *h, int *is_header,
                                      struct interf_error *err)
{
    const char *first = r->line + strspn(r->line, " \t");
    *is_header = !(isdigit((unsigned char)first[0]) || strchr("+-.", first[0]));
    if (!*is_header)
        return INTERF_OK; /* the first data row, left whole for data_row */
    if (first[0] == '#')
        return interf_error_set(err, INTERF_EINPUT, "%s:%ld: a comment line: ESRI ASCII grids "
                                "have none (GDAL refuses them)", r->name, r->lineno);
    char *save, *key = strtok_r(r->line, " \t", &save), *val = strtok_r(NULL, " \t", &save);
    int corner, k = header_key(key, &corner);
    if (k < 0)
        return interf_error_set(err, INTERF_EINPUT, "%s:%ld: %s: unknown header key%s", r->name,
                                r->lineno, key,
                                (strcasecmp(key, "dx") == 0 || strcasecmp(key, "dy") == 0)
                                    ? " (cells that are not square are not supported)" : "");
    if (h->seen[k])
        return interf_error_set(err, INTERF_EINPUT, "%s:%ld: %s: given twice", r->name, r->lineno,
                                key);
    double v;
    if (!val || strtok_r(NULL, " \t", &save) || !interf_parse_real(val, &v))
        return interf_error_set(err, INTERF_EINPUT, "%s:%ld: %s: expected one number", r->name,
                                r->lineno, key);
    if ((k == H_NCOLS || k == H_NROWS) &&
        (v != floor(v) || v < 1 || v > (double)INTERF_GRID_MAX_SIDE))
        return interf_error_set(err, INTERF_EINPUT, "%s:%ld: %s %s: expected a whole number from "
                                "1 to %lu", r->name, r->lineno, key, val, INTERF_GRID_MAX_SIDE);
    h->seen[k] = 1;
    h->v[k] = v;
    if (k == H_X)
        h->x_corner = corner;
    if (k == H_Y)
        h->y_corner = corner;
    return INTERF_OK;
}

static enum interf_status read_header(struct reader *r, struct header *h,
                                      struct interf_grid_spec *spec, struct interf_error *err)
{
    static const char *const need[] = {"ncols", "nrows", "xllcenter (or xllcorner)",
                                       "yllcenter (or yllcorner)", "cellsize"};
    enum interf_status st;
    int is_header = 1;
    while (is_header) {
        if (next_line(r) < 0)
            return interf_error_set(err, INTERF_EINPUT, "%s:%ld: end of file in the grid header",
                                    r->name, r->lineno);
        if (blank(r->line))
            continue;
        if ((st = header_line(r, h, &is_header, err)) != INTERF_OK)
            return st;
        if (r->lineno == 1 && !is_header)
            return interf_error_set(err, INTERF_EINPUT, "%s:1: not an ESRI ASCII grid (the "
                                    "header must come first)", r->name);
    }
    for (int k = 0; k < H_NODATA; k++)
        if (!h->seen[k])
            return interf_error_set(err, INTERF_EINPUT, "%s:%ld: header has no %s", r->name,
                                    r->lineno, need[k]);
    spec->ncols = (size_t)h->v[H_NCOLS];
    spec->nrows = (size_t)h->v[H_NROWS];
    spec->cell_deg = h->v[H_CELL];
    spec->xllcenter_deg = h->v[H_X] + (h->x_corner ? spec->cell_deg / 2 : 0);
    spec->yllcenter_deg = h->v[H_Y] + (h->y_corner ? spec->cell_deg / 2 : 0);
    if ((st = interf_grid_spec_check(spec, err)) != INTERF_OK)
        return grid_prefix_error(err, st, r->name);
    return INTERF_OK;
}

/* Room for cell k of g: the values grow with the cells the file delivers (doubling, up to
 * ncols * nrows), so that a header announcing 1e8 cells costs memory only as they arrive. A
 * 60-byte file once took 800 MB here (found with fuzz/fuzz_grid_asc.c). */
static enum interf_status room_for(struct reader *r, struct interf_grid *g, size_t k,
                                   size_t *cap, struct interf_error *err)
{
    if (k < *cap)
        return INTERF_OK;
    size_t total = g->spec.ncols * g->spec.nrows, ncap = *cap ? 2 * *cap : 4096;
    ncap = ncap < total ? ncap : total;
    double *v = realloc(g->values, ncap * sizeof *v);
    if (!v)
        return interf_error_set(err, INTERF_ENOMEM, "%s:%ld: grid of %zu x %zu cells: out of "
                                "memory", r->name, r->lineno, g->spec.ncols, g->spec.nrows);
    g->values = v;
    *cap = ncap;
    return INTERF_OK;
}

/* Parse the current line as data row `row` (*cap: cells allocated so far). */
static enum interf_status data_row(struct reader *r, struct interf_grid *g, size_t row,
                                   const struct header *h, size_t *cap, struct interf_error *err)
{
    size_t nc = g->spec.ncols, col = 0;
    char *save, *tok = strtok_r(r->line, " \t", &save);
    for (; tok; tok = strtok_r(NULL, " \t", &save), col++) {
        double v;
        enum interf_status st;
        if (col >= nc)
            return interf_error_set(err, INTERF_EINPUT, "%s:%ld: row %zu has more than %zu "
                                    "values", r->name, r->lineno, row + 1, nc);
        if (!interf_parse_real(tok, &v))
            return interf_error_set(err, INTERF_EINPUT, "%s:%ld: column %zu: \"%.32s\": not a "
                                    "finite number", r->name, r->lineno, col + 1, tok);
        if ((st = room_for(r, g, row * nc + col, cap, err)) != INTERF_OK)
            return st;
        g->values[row * nc + col] = h->seen[H_NODATA] && v == h->v[H_NODATA] ? NAN : v;
    }
    if (col < nc)
        return interf_error_set(err, INTERF_EINPUT, "%s:%ld: row %zu has %zu values, expected %zu",
                                r->name, r->lineno, row + 1, col, nc);
    return INTERF_OK;
}

static enum interf_status read_asc(struct reader *r, struct interf_grid **out,
                                   struct interf_error *err)
{
    struct header h;
    struct interf_grid_spec spec;
    enum interf_status st;
    size_t cap = 0;
    memset(&h, 0, sizeof h);
    if ((st = read_header(r, &h, &spec, err)) != INTERF_OK)
        return st;
    if (!(*out = calloc(1, sizeof **out)))
        return interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", r->name);
    (*out)->spec = spec;
    /* The line that ended the header is the first row. */
    for (size_t row = 0;;) {
        if ((st = data_row(r, *out, row, &h, &cap, err)) != INTERF_OK)
            return st;
        if (++row == spec.nrows)
            break;
        long len;
        while ((len = next_line(r)) >= 0 && blank(r->line))
            continue;
        if (len < 0 && ferror(r->fp))
            return interf_error_set(err, INTERF_EIO, "%s: read error: %s", r->name,
                                    strerror(errno));
        if (len < 0)
            return interf_error_set(err, INTERF_EINPUT, "%s:%ld: end of file after %zu of %zu "
                                    "rows", r->name, r->lineno, row, spec.nrows);
    }
    while (next_line(r) >= 0)
        if (!blank(r->line))
            return interf_error_set(err, INTERF_EINPUT, "%s:%ld: data after the last of %zu "
                                    "rows", r->name, r->lineno, spec.nrows);
    if (ferror(r->fp))
        return interf_error_set(err, INTERF_EIO, "%s: read error: %s", r->name, strerror(errno));
    return INTERF_OK;
}

enum interf_status interf_grid_read_asc(FILE *fp, const char *name, struct interf_grid **out,
                                        struct interf_error *err)
{
    if (!fp || !out)
        return interf_error_set(err, INTERF_EINVAL, "interf_grid_read_asc: NULL argument");
    *out = NULL;
    struct reader r = {fp, name ? name : "grid", NULL, 0, 0};
    /* strtod follows LC_NUMERIC: read in "C" whatever the caller's locale (this thread only). */
    locale_t c_num = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    if (c_num == (locale_t)0)
        return interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", r.name);
    locale_t old = uselocale(c_num);
    enum interf_status st = read_asc(&r, out, err);
    uselocale(old);
    freelocale(c_num);
    free(r.line);
    if (st != INTERF_OK) {
        interf_grid_destroy(*out);
        *out = NULL;
    }
    return st;
}

/* ----------------------------------------------------------------------- ESRI ASCII write */

/* The shortest of %.15g and %.17g that reads back as v (header numbers such as -179.5). */
static void fmt_real(char *buf, size_t n, double v)
{
    snprintf(buf, n, "%.15g", v);
    if (strtod(buf, NULL) != v)
        snprintf(buf, n, "%.17g", v);
}

static enum interf_status write_values(FILE *fp, const struct interf_grid *g, int decimals,
                                       struct interf_error *err)
{
    const struct interf_grid_spec *s = &g->spec;
    /* A value within half a unit of the last decimal of -9999 would read back as NODATA. */
    double half_ulp = 0.5 * pow(10.0, -decimals);
    for (size_t row = 0; row < s->nrows; row++) {
        const double *v = g->values + row * s->ncols;
        for (size_t col = 0; col < s->ncols; col++) {
            if (isinf(v[col]) || fabs(v[col] - INTERF_GRID_NODATA) < half_ulp)
                return interf_error_set(err, INTERF_EINPUT, "grid row %zu, column %zu: value %g "
                                        "cannot be written (infinite, or the NODATA value)",
                                        row + 1, col + 1, v[col]);
            if (col)
                fputc(' ', fp);
            if (isnan(v[col]))
                fputs("-9999", fp);
            else
                fprintf(fp, "%.*f", decimals, v[col]);
        }
        if (fputc('\n', fp) == EOF)
            return interf_error_set(err, INTERF_EIO, "write error: %s", strerror(errno));
    }
    return INTERF_OK;
}

static enum interf_status write_asc(FILE *fp, const struct interf_grid *g, int decimals,
                                    struct interf_error *err)
{
    const struct interf_grid_spec *s = &g->spec;
    char x[40], y[40], c[40];
    fmt_real(x, sizeof x, s->xllcenter_deg);
    fmt_real(y, sizeof y, s->yllcenter_deg);
    fmt_real(c, sizeof c, s->cell_deg);
    fprintf(fp, "ncols        %zu\nnrows        %zu\nxllcenter    %s\nyllcenter    %s\n"
                "cellsize     %s\nNODATA_value -9999\n",
            s->ncols, s->nrows, x, y, c);
    enum interf_status st = write_values(fp, g, decimals, err);
    if (st == INTERF_OK && (fflush(fp) != 0 || ferror(fp)))
        st = interf_error_set(err, INTERF_EIO, "write error: %s", strerror(errno ? errno : EIO));
    return st;
}

enum interf_status interf_grid_write_asc(FILE *fp, const struct interf_grid *g, int decimals,
                                         struct interf_error *err)
{
    if (!fp || !g)
        return interf_error_set(err, INTERF_EINVAL, "interf_grid_write_asc: NULL argument");
    if (decimals < 0 || decimals > 17)
        return interf_error_set(err, INTERF_EINVAL, "decimals %d: allowed range 0 to 17",
                                decimals);
    enum interf_status st = interf_grid_spec_check(&g->spec, err);
    if (st != INTERF_OK)
        return st;
    locale_t c_num = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    if (c_num == (locale_t)0)
        return interf_error_set(err, INTERF_ENOMEM, "out of memory");
    locale_t old = uselocale(c_num);
    st = write_asc(fp, g, decimals, err);
    uselocale(old);
    freelocale(c_num);
    return st;
}

