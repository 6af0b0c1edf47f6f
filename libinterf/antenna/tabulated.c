/* SPDX-License-Identifier: MIT */
/* The "table" pattern: a gain pattern read from a text file, either rows "theta_deg gain_dbi"
 * (axisymmetric) or a grid of rows "theta_deg azimuth_deg gain_dbi" (theta the outer index,
 * the same azimuths for every theta), interpolated linearly in dB (bilinearly on a grid, the
 * azimuth periodic). Angles must start at 0 and end at 180 deg and increase strictly; gains lie
 * in -100 to 100 dBi; NaN and infinities are refused; every error names file:line. */
#include "antenna_impl.h"

#include "interf/io.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TAB_MAXROWS 4000000
#define TAB_GAIN_MIN_DBI (-100.0)
#define TAB_GAIN_MAX_DBI 100.0

struct interf_pattern_file {
    size_t ntheta, naz;   /* naz = 1 for a 1-D table */
    double *theta, *az;   /* ntheta angles; naz azimuths in [0, 360) */
    double *gain;         /* ntheta * naz, theta-major */
};

void ant_file_free(struct interf_pattern_file *f)
{
    if (!f)
        return;
    free(f->theta);
    free(f->az);
    free(f->gain);
    free(f);
}

/* A growing array of rows while reading. */
struct rows {
    double *v; /* ncol values per row */
    int *line; /* the file line of each row */
    size_t n, cap;
    int ncol;
};

static int rows_push(struct rows *r, const double *x, int line)
{
    if (r->n == r->cap) {
        size_t ncap = r->cap ? 2 * r->cap : 256;
        double *nv = realloc(r->v, ncap * (size_t)r->ncol * sizeof *nv);
        if (!nv)
            return 0;
        r->v = nv;
        int *nl = realloc(r->line, ncap * sizeof *nl);
        if (!nl)
            return 0;
        r->line = nl;
        r->cap = ncap;
    }
    memcpy(r->v + r->n * (size_t)r->ncol, x, (size_t)r->ncol * sizeof *x);
    r->line[r->n] = line;
    r->n++;
    return 1;
}

static const char *const col_names[2][3] = {{"theta_deg", "gain_dbi", ""},
                                            {"theta_deg", "azimuth_deg", "gain_dbi"}};

/* A located message about field k of the table's current row (SIZE_MAX: the row), after the
 * "file: " of the key that names the file. */
static enum interf_status file_fail(const struct interf_table *t, size_t k,
                                    struct interf_error *err, const char *fmt, ...)
    INTERF_PRINTF(4, 5);
static enum interf_status file_fail(const struct interf_table *t, size_t k,
                                    struct interf_error *err, const char *fmt, ...)
{
    struct interf_error e;
    char text[sizeof e.msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    interf_table_fail(t, k, &e, INTERF_EINPUT, "%s", text);
    return interf_error_set(err, INTERF_EINPUT, "file: %s", e.msg);
}

/* The numbers of the current row (fields before one starting with '#', a comment): up to 3;
 * returns the count, or -1 after the message. */
static int parse_row(const struct interf_table *t, double *x, struct interf_error *err)
{
    size_t n = 0, nf = interf_table_nfields(t);
    while (n < nf && interf_table_field(t, n)[0] != '#')
        n++;
    for (size_t k = 0; k < n; k++) {
        const char *f = interf_table_field(t, k);
        char *end;
        if (k < 3 && interf_parse_real(f, &x[k]))
            continue;
        double v = strtod(f, &end); /* only to tell nan and inf from text */
        if (k < 3 && *end == '\0' && !isfinite(v) && n > 1 && n <= 3)
            return file_fail(t, k, err, "%s: %.40s: not a finite number",
                             col_names[n - 2][k], f), -1;
        return file_fail(t, k, err, "expected 'theta_deg gain_dbi' or 'theta_deg azimuth_deg "
                         "gain_dbi', got \"%.40s\"", f), -1;
    }
    if (n == 1)
        return file_fail(t, SIZE_MAX, err, "expected 'theta_deg gain_dbi' or 'theta_deg "
                         "azimuth_deg gain_dbi'"), -1;
    return (int)n;
}

/* Checks of one row against the previous. */
static enum interf_status check_row(const struct rows *r, const double *x,
                                    const struct interf_table *t, struct interf_error *err)
{
    size_t g = (size_t)r->ncol - 1;
    if (x[0] < 0.0 || x[0] > 180.0)
        return file_fail(t, 0, err, "theta_deg: %.15g: allowed range 0 to 180 deg", x[0]);
    /* As the catalogue's gain_max_dbi (at most 100 dBi); a 30000 dB range once made the lookup
     * table take 66 MB and seconds to build (found with fuzz/fuzz_pattern.c). */
    if (x[g] < TAB_GAIN_MIN_DBI || x[g] > TAB_GAIN_MAX_DBI)
        return file_fail(t, g, err, "gain_dbi: %.15g: allowed range %g to %g dBi", x[g],
                         TAB_GAIN_MIN_DBI, TAB_GAIN_MAX_DBI);
    if (r->ncol == 3 && (x[1] < 0.0 || x[1] >= 360.0))
        return file_fail(t, 1, err, "azimuth_deg: %.15g: allowed range 0 to 360 deg (360 "
                         "excluded)", x[1]);
    if (r->n == 0)
        return x[0] == 0.0 ? INTERF_OK
                           : file_fail(t, 0, err, "theta_deg: %.15g: the table must start at 0 "
                                       "deg", x[0]);
    const double *p = r->v + (r->n - 1) * (size_t)r->ncol;
    if (r->ncol == 2 && !(x[0] > p[0]))
        return file_fail(t, 0, err, "theta_deg: %.15g: angles must increase (previous %.15g)",
                         x[0], p[0]);
    if (r->ncol == 3 && x[0] < p[0])
        return file_fail(t, 0, err, "theta_deg: %.15g: angles must not decrease (previous "
                         "%.15g)", x[0], p[0]);
    if (r->ncol == 3 && x[0] == p[0] && !(x[1] > p[1]))
        return file_fail(t, 1, err, "azimuth_deg: %.15g: azimuths must increase within a theta "
                         "(previous %.15g)", x[1], p[1]);
    return INTERF_OK;
}

/* The rows of the file through the table reader of interf/io.h. */
static enum interf_status read_rows(FILE *fp, const char *path, struct rows *r, int *last_line,
                                    struct interf_error *err)
{
    struct interf_table *t;
    struct interf_error e;
    enum interf_table_event ev;
    enum interf_status st = interf_table_open(fp, path, 0, &t, err);
    while (st == INTERF_OK) {
        if ((st = interf_table_next(t, &ev, &e)) != INTERF_OK) { /* NUL byte, read error */
            interf_error_set(err, st, "file: %s", e.msg);
            break;
        }
        if (ev != INTERF_TABLE_ROW)
            break;
        double x[3];
        int n = parse_row(t, x, err), line = interf_table_line(t);
        if (n <= 0) {
            st = n < 0 ? INTERF_EINPUT : INTERF_OK;
            continue;
        }
        if (r->ncol == 0)
            r->ncol = n;
        if (n != r->ncol)
            st = file_fail(t, SIZE_MAX, err, "%d numbers where the first row had %d", n,
                           r->ncol);
        if (st == INTERF_OK)
            st = check_row(r, x, t, err);
        if (st == INTERF_OK && (r->n >= TAB_MAXROWS || !rows_push(r, x, line)))
            st = interf_error_set(err, INTERF_ENOMEM, "file: %s:%d: too many rows", path, line);
        *last_line = line;
    }
    interf_table_close(t);
    return st;
}

/* Turn the rows into the table, checking the grid's shape and the 180 deg end. */
static enum interf_status build(const struct rows *r, const char *path, int last_line,
                                struct interf_pattern_file *f, struct interf_error *err)
{
    if (r->n < 2)
        return interf_error_set(err, INTERF_EINPUT, "file: %s:%d: the table needs rows from 0 to"
                                " 180 deg", path, last_line);
    size_t naz = 1;
    if (r->ncol == 3)
        while (naz < r->n && r->v[naz * 3] == r->v[0])
            naz++;
    if (r->n % naz != 0)
        return interf_error_set(err, INTERF_EINPUT,
                                "file: %s:%d: the grid is incomplete (%zu azimuths per theta)",
                                path, last_line, naz);
    f->naz = naz;
    f->ntheta = r->n / naz;
    f->theta = malloc(f->ntheta * sizeof *f->theta);
    f->az = malloc(naz * sizeof *f->az);
    f->gain = malloc(r->n * sizeof *f->gain);
    if (!f->theta || !f->az || !f->gain)
        return interf_error_set(err, INTERF_ENOMEM, "file: %s: out of memory", path);
    for (size_t i = 0; i < f->ntheta; i++) {
        f->theta[i] = r->v[i * naz * (size_t)r->ncol];
        for (size_t a = 0; a < naz; a++) {
            const double *row = r->v + (i * naz + a) * (size_t)r->ncol;
            if (r->ncol == 3 && (row[0] != f->theta[i] || row[1] != r->v[a * 3 + 1]))
                return interf_error_set(err, INTERF_EINPUT,
                                        "file: %s:%d: azimuth_deg: %.15g: the grid must repeat"
                                        " the azimuths of the first theta (expected %.15g at"
                                        " theta_deg %.15g)",
                                        path, r->line[i * naz + a], row[1], r->v[a * 3 + 1],
                                        f->theta[i]);
            f->gain[i * naz + a] = row[r->ncol - 1];
        }
    }
    for (size_t a = 0; a < naz; a++)
        f->az[a] = r->ncol == 3 ? r->v[a * 3 + 1] : 0.0;
    if (f->theta[f->ntheta - 1] != 180.0)
        return interf_error_set(err, INTERF_EINPUT,
                                "file: %s:%d: theta_deg: %.15g: the table must end at 180 deg",
                                path, last_line, f->theta[f->ntheta - 1]);
    if (f->ntheta < 2)
        return interf_error_set(err, INTERF_EINPUT, "file: %s: one theta only", path);
    return INTERF_OK;
}

enum interf_status ant_file_load(struct interf_antenna *ant, const char *path,
                                 struct interf_error *err)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return interf_error_set(err, INTERF_EIO, "file: %s: %s", path, strerror(errno));
    struct rows r = {NULL, NULL, 0, 0, 0};
    struct interf_pattern_file *f = calloc(1, sizeof *f);
    int last = 0;
    enum interf_status st = f ? INTERF_OK
                              : interf_error_set(err, INTERF_ENOMEM, "file: %s: out of memory",
                                                 path);
    if (st == INTERF_OK)
        st = read_rows(fp, path, &r, &last, err);
    if (st == INTERF_OK)
        st = build(&r, path, last, f, err);
    fclose(fp);
    free(r.v);
    free(r.line);
    if (st != INTERF_OK) {
        ant_file_free(f);
        return st;
    }
    ant->file = f;
    ant->derived[0] = (double)f->naz;
    return INTERF_OK;
}

/* Index i with theta[i] <= x < theta[i + 1] (binary search; x in [0, 180]). */
static size_t bracket(const double *t, size_t n, double x)
{
    size_t lo = 0, hi = n - 1;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (t[mid] <= x)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* Linear interpolation in theta of column a. */
static double along_theta(const struct interf_pattern_file *f, size_t a, double phi)
{
    size_t i = bracket(f->theta, f->ntheta, phi);
    double t0 = f->theta[i], t1 = f->theta[i + 1];
    double g0 = f->gain[i * f->naz + a], g1 = f->gain[(i + 1) * f->naz + a];
    double w = (phi - t0) / (t1 - t0);
    return g0 + (w > 1.0 ? 1.0 : w) * (g1 - g0);
}

static double tab_gain2(const struct interf_antenna *ant, double phi, double az)
{
    const struct interf_pattern_file *f = ant->file;
    if (f->naz == 1)
        return along_theta(f, 0, phi);
    /* azimuth: periodic, between the last column and the first + 360 */
    size_t a0, a1;
    double w;
    if (az < f->az[0] || az >= f->az[f->naz - 1]) {
        a0 = f->naz - 1;
        a1 = 0;
        double span = f->az[0] + 360.0 - f->az[a0];
        double d = az >= f->az[a0] ? az - f->az[a0] : az + 360.0 - f->az[a0];
        w = d / span;
    } else {
        a0 = bracket(f->az, f->naz, az);
        a1 = a0 + 1;
        w = (az - f->az[a0]) / (f->az[a1] - f->az[a0]);
    }
    return (1.0 - w) * along_theta(f, a0, phi) + w * along_theta(f, a1, phi);
}

static double tab_gain(const struct interf_antenna *ant, double phi)
{
    return tab_gain2(ant, phi, ant->file->naz > 1 ? ant->file->az[0] : 0.0);
}

static enum interf_status tab_prepare(struct interf_antenna *ant, struct interf_error *err)
{
    (void)err;
    const struct interf_pattern_file *f = ant->file;
    double g = -400.0;
    for (size_t i = 0; i < f->ntheta * f->naz; i++)
        g = fmax(g, f->gain[i]);
    ant->gain_max_dbi = g;
    return INTERF_OK;
}

/* Every tabulated angle is a kink of the interpolant. */
static size_t tab_breaks(const struct interf_antenna *ant, double r, struct ant_brk *o,
                         size_t max)
{
    (void)r;
    size_t n = 0;
    for (size_t i = 1; i + 1 < ant->file->ntheta; i++)
        ant_brk_add(o, max, &n, ant->file->theta[i], 0);
    return n;
}

static double tab_main_lobe(const struct interf_antenna *ant, double r)
{
    (void)r;
    /* down to 3 dB below the peak along the first column */
    const struct interf_pattern_file *f = ant->file;
    for (size_t i = 0; i < f->ntheta; i++)
        if (f->gain[i * f->naz] < ant->gain_max_dbi - 3.0)
            return f->theta[i];
    return 180.0;
}

static size_t tab_az_breaks(const struct interf_antenna *ant, double *out, size_t max)
{
    (void)ant, (void)out, (void)max;
    return 0;
}

static int tab_azimuthal(const struct interf_antenna *ant)
{
    return ant->file && ant->file->naz > 1;
}

static const struct interf_pattern_priv tab_priv = {
    .lut2 = ANT_LUT_AZIMUTH, .azimuthal = tab_azimuthal, .breaks = tab_breaks,
    .main_lobe_deg = tab_main_lobe, .az_breaks = tab_az_breaks};

const struct interf_pattern_def ant_table = {
    "table",
    "tabulated pattern from a file (linear interpolation in dB)",
    "gain pattern read from a text file: theta_deg gain_dbi rows, or a theta x azimuth grid",
    0,
    NULL,
    0,
    tab_prepare,
    tab_gain,
    tab_gain2,
    "as the file's azimuth_deg column gives it",
    "file",
    &tab_priv};
