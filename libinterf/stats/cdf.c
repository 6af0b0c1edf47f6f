/* SPDX-License-Identifier: MIT */
/* interf stats: the CDF table of a dB quantity as Rec. ITU-R S.1503-4 (09/2023) §D1.4 and §D7
 * define it (0.1 dB bins, samples rounded down, percentage of time each level is exceeded): its
 * reader and writer (interf-table(5), "CDF tables") and its construction from a histogram. */
#include "interf/stats.h"

#include "interf/io.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define PCT_TOL 1e-9
/* Largest |level| accepted, dB: far beyond any physical quantity, well inside int32 tenths. */
#define MAX_ABS_DB 1e6

/* ---------------------------------------------------------------------------------------- */
/* Small helpers                                                                            */

int32_t interf_db_to_tenths(double db)
{
    if (isnan(db))
        return INT32_MIN;
    if (db <= -MAX_ABS_DB * 100)
        return -(int32_t)(MAX_ABS_DB * 1000);
    if (db >= MAX_ABS_DB * 100)
        return (int32_t)(MAX_ABS_DB * 1000);
    /* Round to 1e-6 dB first so that a decimal such as -165.3 (stored as -165.29999...) lands
     * on its own tenth, then floor-divide exactly in integers (S.1503-4 §D7: round down). */
    long long micro = llround(db * 1e6);
    long long q = micro / 100000, r = micro % 100000;
    if (r < 0)
        q -= 1;
    return (int32_t)q;
}

/* "-160.3" from -1603, without floating point. buf holds at least 16 bytes. */
static const char *tenths_str(int32_t t, char *buf, size_t n)
{
    long long v = t;
    snprintf(buf, n, "%s%lld.%lld", v < 0 ? "-" : "", (v < 0 ? -v : v) / 10, (v < 0 ? -v : v) % 10);
    return buf;
}

const char *interf_cdf_meta_get(const struct interf_cdf *cdf, const char *key)
{
    for (size_t k = 0; cdf && k < cdf->n_meta; k++)
        if (strcmp(cdf->meta[k].key, key) == 0)
            return cdf->meta[k].value;
    return NULL;
}

enum interf_status interf_cdf_meta_number(const struct interf_cdf *cdf, const char *name,
                                          const char *key, double *value,
                                          struct interf_error *err)
{
    const char *v = interf_cdf_meta_get(cdf, key);
    char buf[sizeof cdf->meta[0].value];
    double x;
    if (!v)
        return interf_error_set(err, INTERF_EINPUT, "%s:%d: %s: missing", name, cdf->line, key);
    size_t len = strlen(v);
    while (len > 0 && (v[len - 1] == ' ' || v[len - 1] == '\t'))
        len--;
    snprintf(buf, sizeof buf, "%.*s", (int)len, v);
    if (!interf_parse_real(buf, &x))
        return interf_error_set(err, INTERF_EINPUT, "%s:%d: %s: expected a finite number, got "
                                "\"%s\"", name, cdf->line, key, v);
    *value = x;
    return INTERF_OK;
}

enum interf_status interf_cdf_meta_set(struct interf_cdf *cdf, const char *key, const char *value,
                                       struct interf_error *err)
{
    size_t k = 0;
    while (k < cdf->n_meta && strcmp(cdf->meta[k].key, key) != 0)
        k++;
    if (strlen(key) == 0 || strlen(key) >= sizeof cdf->meta[0].key ||
        strlen(value) >= sizeof cdf->meta[0].value || strpbrk(key, " \t:\n") ||
        strchr(value, '\n'))
        return interf_error_set(err, INTERF_EINVAL, "CDF metadata \"%s\": key or value too long "
                                "or holding blanks, a colon or a newline", key);
    if (k == cdf->n_meta) {
        if (k == INTERF_CDF_MAXMETA)
            return interf_error_set(err, INTERF_EINVAL, "CDF metadata \"%s\": more than %d keys",
                                    key, INTERF_CDF_MAXMETA);
        cdf->n_meta++;
    }
    snprintf(cdf->meta[k].key, sizeof cdf->meta[k].key, "%s", key);
    snprintf(cdf->meta[k].value, sizeof cdf->meta[k].value, "%s", value);
    return INTERF_OK;
}

double interf_cdf_exceeded_at(const struct interf_cdf *cdf, int32_t level_tenths)
{
    if (cdf->n == 0 || level_tenths < cdf->level_tenths[0])
        return 100.0;
    if (level_tenths > cdf->level_tenths[cdf->n - 1])
        return 0.0;
    /* Rows are one per 0.1 dB (checked by the reader and the builders). */
    return cdf->pct_exceeded[level_tenths - cdf->level_tenths[0]];
}

int32_t interf_cdf_level_at(const struct interf_cdf *cdf, double pct_exceeded)
{
    if (cdf->n == 0)
        return INT32_MIN;
    if (pct_exceeded >= 100.0 - PCT_TOL)
        return INT32_MIN;
    /* Percentages do not increase with the level: bisect for the first row low enough (a
     * margin map asks this for every point of a mask at every grid point). */
    size_t lo = 0, hi = cdf->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cdf->pct_exceeded[mid] <= pct_exceeded + PCT_TOL)
            hi = mid;
        else
            lo = mid + 1;
    }
    /* Past the last row nothing is exceeded (interf_cdf_exceeded_at's convention). */
    return lo < cdf->n ? cdf->level_tenths[lo] : cdf->level_tenths[cdf->n - 1] + 1;
}

/* The bandwidth named by a unit suffix of the quantity ("..._40khz", "..._1mhz"), kHz; 0 if
 * none. */
static double bandwidth_from_name(const char *q)
{
    const char *p = strrchr(q, '_');
    char num[32];
    double v;
    if (!p || !isdigit((unsigned char)p[1]))
        return 0.0;
    p++;
    size_t len = strspn(p, "0123456789.");
    const char *unit = p + len;
    if (len >= sizeof num)
        return 0.0;
    memcpy(num, p, len);
    num[len] = '\0';
    if (!interf_parse_real(num, &v) || !(v > 0))
        return 0.0;
    if (strcmp(unit, "khz") == 0)
        return v;
    if (strcmp(unit, "mhz") == 0)
        return v * 1e3;
    if (strcmp(unit, "hz") == 0)
        return v * 1e-3;
    return 0.0;
}

/* ---------------------------------------------------------------------------------------- */
/* Reader                                                                                   */

struct reader {
    struct interf_table *t;
    const char *name;
    struct interf_cdf *cdfs; /* parts read so far */
    size_t n, cap;
    struct interf_cdf *cur;  /* part being read, NULL before its first row */
    size_t row_cap;
    struct interf_error *err;
    int dir;                 /* +1 rows ascend in level, -1 descend (as written), 0 unknown */
};

/* "name:line: what" as INTERF_EINPUT, for a line other than the current one. */
static enum interf_status fail_at(struct reader *r, int line, const char *fmt, ...)
    INTERF_PRINTF(3, 4);
static enum interf_status fail_at(struct reader *r, int line, const char *fmt, ...)
{
    char what[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return interf_error_set(r->err, INTERF_EINPUT, "%s:%d: %s", r->name, line, what);
}

static int has_db_unit(const char *q)
{
    /* A token of the name that starts with "db" (db, dbw, dbi, dbw_m2...): levels are in dB. */
    for (const char *p = q; (p = strstr(p, "_db")) != NULL; p += 3)
        if (p != q)
            return 1;
    return 0;
}

#define SCHEMA_HINT "\"# <quantity_db_unit> pct_time_exceeded\""

/* The schema line of the current part, checked: "# <quantity> pct_time_exceeded". */
static enum interf_status check_schema(struct reader *r)
{
    const struct interf_table *t = r->t;
    int line = interf_table_schema_line(t);
    size_t nc = interf_table_ncols(t);
    const char *q = interf_table_colname(t, 0), *second = interf_table_colname(t, 1);
    if (line == 0 && interf_table_nmeta(t) > 0)
        return fail_at(r, interf_table_meta_line(t, 0), "missing schema line: expected "
                       SCHEMA_HINT " first");
    if (line == 0)
        return fail_at(r, interf_table_line(t), "missing schema line: expected " SCHEMA_HINT
                       " before the first row");
    if (nc != 2 || strcmp(second, "pct_time_exceeded") != 0)
        return fail_at(r, line, "not a CDF table: the schema line must be " SCHEMA_HINT
                       ", got \"# %s %s%s\"", q ? q : "", second ? second : "",
                       nc > 2 ? " ..." : "");
    if (strlen(q) >= sizeof r->cur->quantity || !has_db_unit(q))
        return fail_at(r, line, "%s: the first column must name a quantity with a dB unit, "
                       "such as epfd_dbw_m2_40khz", q);
    return INTERF_OK;
}

/* The metadata of the current part into c: at most INTERF_CDF_MAXMETA keys, none twice. */
static enum interf_status copy_meta(struct reader *r, struct interf_cdf *c)
{
    const struct interf_table *t = r->t;
    for (size_t k = 0; k < interf_table_nmeta(t); k++) {
        const char *key = interf_table_meta_key(t, k), *value = interf_table_meta_value(t, k);
        int line = interf_table_meta_line(t, k);
        if (interf_cdf_meta_get(c, key))
            return fail_at(r, line, "%s: duplicate metadata key (a '>' line missing between "
                           "two points?)", key);
        if (c->n_meta == INTERF_CDF_MAXMETA)
            return fail_at(r, line, "%s: too many metadata lines (at most %d per point)", key,
                           INTERF_CDF_MAXMETA);
        if (strlen(key) >= sizeof c->meta[0].key || strlen(value) >= sizeof c->meta[0].value)
            return fail_at(r, line, "%s: metadata key or value too long", key);
        snprintf(c->meta[c->n_meta].key, sizeof c->meta[0].key, "%s", key);
        snprintf(c->meta[c->n_meta].value, sizeof c->meta[0].value, "%s", value);
        c->n_meta++;
    }
    return INTERF_OK;
}

/* Start a CDF from the schema line and metadata of the current part. */
static enum interf_status start_part(struct reader *r)
{
    enum interf_status st = check_schema(r);
    if (st != INTERF_OK)
        return st;
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 4;
        struct interf_cdf *p = realloc(r->cdfs, cap * sizeof *p);
        if (!p)
            return interf_error_set(r->err, INTERF_ENOMEM, "%s: out of memory", r->name);
        r->cdfs = p;
        r->cap = cap;
    }
    r->cur = &r->cdfs[r->n++];
    memset(r->cur, 0, sizeof *r->cur);
    snprintf(r->cur->quantity, sizeof r->cur->quantity, "%s", interf_table_colname(r->t, 0));
    r->cur->line = interf_table_schema_line(r->t);
    r->row_cap = 0;
    return copy_meta(r, r->cur);
}

/* Field k of the row as a finite number; the message names the column and its field. */
static enum interf_status cell(struct reader *r, size_t k, const char *field, double *out)
{
    const char *text = interf_table_field(r->t, k);
    if (interf_parse_real(text, out))
        return INTERF_OK;
    return interf_table_fail(r->t, k, r->err, INTERF_EINPUT, "%s: expected a finite number, "
                             "got \"%s\"", field, text);
}

static enum interf_status push_row(struct reader *r, int32_t level, double pct)
{
    struct interf_cdf *c = r->cur;
    if (c->n == r->row_cap) {
        size_t cap = r->row_cap ? 2 * r->row_cap : 256;
        int32_t *l = realloc(c->level_tenths, cap * sizeof *l);
        if (l)
            c->level_tenths = l;
        double *p = l ? realloc(c->pct_exceeded, cap * sizeof *p) : NULL;
        if (!p)
            return interf_error_set(r->err, INTERF_ENOMEM, "%s: out of memory", r->name);
        c->pct_exceeded = p;
        r->row_cap = cap;
    }
    c->level_tenths[c->n] = level;
    c->pct_exceeded[c->n] = pct;
    c->n++;
    return INTERF_OK;
}

static enum interf_status data_row(struct reader *r)
{
    struct interf_table *t = r->t;
    enum interf_status st;
    char a[16], b[16];
    double level_db = 0.0, pct = 0.0;
    if (!r->cur && (st = start_part(r)) != INTERF_OK)
        return st;
    struct interf_cdf *c = r->cur;
    if (interf_table_nfields(t) != 2)
        return interf_table_fail(t, SIZE_MAX, r->err, INTERF_EINPUT, "expected 2 columns (%s "
                                 "pct_time_exceeded)", c->quantity);
    if ((st = cell(r, 0, c->quantity, &level_db)) != INTERF_OK ||
        (st = cell(r, 1, "pct_time_exceeded", &pct)) != INTERF_OK)
        return st;
    const char *f0 = interf_table_field(t, 0), *f1 = interf_table_field(t, 1);
    double tenth = level_db * 10.0;
    if (!(fabs(level_db) <= MAX_ABS_DB))
        return interf_table_fail(t, 0, r->err, INTERF_EINPUT, "%s: %s: out of range (|level| "
                                 "<= %g dB)", c->quantity, f0, MAX_ABS_DB);
    if (fabs(tenth - nearbyint(tenth)) > 1e-6)
        return interf_table_fail(t, 0, r->err, INTERF_EINPUT, "%s: %s: not a whole number of "
                                 "0.1 dB (one row per 0.1 dB level)", c->quantity, f0);
    int32_t level = (int32_t)nearbyint(tenth);
    if (pct < 0.0 || pct > 100.0)
        return interf_table_fail(t, 1, r->err, INTERF_EINPUT, "pct_time_exceeded: %s: allowed "
                                 "range 0 to 100", f1);
    /* Rows run in 0.1 dB steps, from the maximum down (as interf-epfd writes them) or up;
     * either way the percentage exceeded does not grow with the level. */
    if (c->n == 1)
        r->dir = level == c->level_tenths[0] + 1 ? 1 : -1;
    if (c->n > 0 && level != c->level_tenths[c->n - 1] + r->dir)
        return interf_table_fail(t, 0, r->err, INTERF_EINPUT, "%s: %s: levels must go in steps "
                                 "of 0.1 dB in one direction; previous row %s", c->quantity,
                                 tenths_str(level, a, sizeof a),
                                 tenths_str(c->level_tenths[c->n - 1], b, sizeof b));
    if (c->n > 0 && r->dir * (pct - c->pct_exceeded[c->n - 1]) > PCT_TOL)
        return interf_table_fail(t, 1, r->err, INTERF_EINPUT, "pct_time_exceeded: %s: increases "
                                 "with the level (a CDF of exceedance does not increase)", f1);
    return push_row(r, level, pct);
}

/* Checks once a part is complete: rows present, bandwidth consistent. A part with neither
 * schema line, metadata nor rows (a '>' first, last, or doubled) is skipped. */
static enum interf_status end_part(struct reader *r)
{
    struct interf_cdf *c = r->cur;
    double bw_name, bw_meta = 0.0;
    enum interf_status st;
    if (!c && interf_table_schema_line(r->t) == 0 && interf_table_nmeta(r->t) == 0)
        return INTERF_OK;
    if (!c) {
        if ((st = check_schema(r)) != INTERF_OK)
            return st;
        return fail_at(r, interf_table_schema_line(r->t), "%s: a CDF with no rows",
                       interf_table_colname(r->t, 0));
    }
    r->cur = NULL;
    /* held in increasing level order whatever the file's order */
    for (size_t i = 0, j = c->n - 1; r->dir < 0 && i < j; i++, j--) {
        int32_t l = c->level_tenths[i];
        double q = c->pct_exceeded[i];
        c->level_tenths[i] = c->level_tenths[j], c->level_tenths[j] = l;
        c->pct_exceeded[i] = c->pct_exceeded[j], c->pct_exceeded[j] = q;
    }
    r->dir = 0;
    bw_name = bandwidth_from_name(c->quantity);
    if (interf_cdf_meta_get(c, "ref_bandwidth_khz")) {
        st = interf_cdf_meta_number(c, r->name, "ref_bandwidth_khz", &bw_meta, r->err);
        if (st)
            return st;
        if (!(bw_meta > 0))
            return fail_at(r, c->line, "ref_bandwidth_khz: %g: must be positive", bw_meta);
        if (bw_name > 0 && fabs(bw_meta - bw_name) > 1e-9 * bw_name)
            return fail_at(r, c->line, "ref_bandwidth_khz: %g contradicts the quantity %s",
                           bw_meta, c->quantity);
    }
    c->ref_bandwidth_khz = bw_name > 0 ? bw_name : bw_meta;
    return INTERF_OK;
}

static enum interf_status read_all(struct reader *r)
{
    enum interf_table_event ev;
    enum interf_status st;
    for (;;) {
        if ((st = interf_table_next(r->t, &ev, r->err)) != INTERF_OK)
            return st;
        if (ev == INTERF_TABLE_ROW)
            st = data_row(r);
        else
            st = end_part(r);
        if (st != INTERF_OK || ev == INTERF_TABLE_END)
            return st;
    }
}

enum interf_status interf_cdf_read(FILE *fp, const char *name, struct interf_cdf **out,
                                   size_t *n, struct interf_error *err)
{
    struct reader r = {NULL, name ? name : "-", NULL, 0, 0, NULL, 0, err, 0};
    enum interf_status st;
    *out = NULL;
    *n = 0;
    if ((st = interf_table_open(fp, r.name, INTERF_TABLE_PARTS, &r.t, err)) != INTERF_OK)
        return st;
    st = read_all(&r);
    if (st == INTERF_OK && r.n == 0) {
        int line = interf_table_line(r.t);
        st = line ? interf_error_set(err, INTERF_EINPUT, "%s:%d: no CDF table", r.name, line)
                  : interf_error_set(err, INTERF_EINPUT, "%s: no CDF table (empty input)",
                                     r.name);
    }
    interf_table_close(r.t);
    if (st != INTERF_OK) {
        interf_cdf_free_all(r.cdfs, r.n);
        return st;
    }
    *out = r.cdfs;
    *n = r.n;
    return INTERF_OK;
}

void interf_cdf_free_all(struct interf_cdf *cdfs, size_t n)
{
    if (!cdfs)
        return;
    for (size_t k = 0; k < n; k++) {
        free(cdfs[k].level_tenths);
        free(cdfs[k].pct_exceeded);
    }
    free(cdfs);
}

/* Append the n CDFs of cdfs (taken over) from file name to *all. */
static enum interf_status append(struct interf_cdf **all, size_t *n_all, const char ***source,
                                 struct interf_cdf *cdfs, size_t n, const char *name,
                                 struct interf_error *err)
{
    struct interf_cdf *a = realloc(*all, (*n_all + n) * sizeof *a);
    if (a)
        *all = a;
    const char **s = a ? realloc((void *)*source, (*n_all + n) * sizeof *s) : NULL;
    if (!s) {
        interf_cdf_free_all(cdfs, n);
        return interf_error_set(err, INTERF_ENOMEM, "out of memory for %zu CDFs", *n_all + n);
    }
    *source = s;
    memcpy(a + *n_all, cdfs, n * sizeof *cdfs);
    for (size_t i = 0; i < n; i++)
        s[*n_all + i] = name;
    *n_all += n;
    free(cdfs); /* the rows now belong to *all */
    return INTERF_OK;
}

enum interf_status interf_cdf_read_paths(const char *const *paths, size_t n_paths,
                                         struct interf_cdf **out, size_t *n,
                                         const char ***source, struct interf_error *err)
{
    enum interf_status st = INTERF_OK;
    *out = NULL;
    *n = 0;
    *source = NULL;
    for (size_t k = 0; k < n_paths && st == INTERF_OK; k++) {
        FILE *fp;
        const char *name;
        struct interf_cdf *c;
        size_t nc;
        if ((st = interf_input_open(paths[k], &fp, &name, err)) != INTERF_OK)
            break;
        st = interf_cdf_read(fp, name, &c, &nc, err);
        interf_input_close(fp);
        if (st == INTERF_OK)
            st = append(out, n, source, c, nc, name, err);
    }
    if (st != INTERF_OK) {
        interf_cdf_free_all(*out, *n);
        free((void *)*source);
        *out = NULL;
        *n = 0;
        *source = NULL;
    }
    return st;
}

/* ---------------------------------------------------------------------------------------- */
/* Writer                                                                                   */

enum interf_status interf_cdf_write(FILE *fp, const struct interf_cdf *cdf,
                                    struct interf_error *err)
{
    char lv[24];
    if (cdf->quantity[0] == '\0')
        return interf_error_set(err, INTERF_EINVAL, "CDF without a quantity name");
    fprintf(fp, "# %s pct_time_exceeded\n", cdf->quantity);
    for (size_t k = 0; k < cdf->n_meta; k++)
        fprintf(fp, "# %s: %s\n", cdf->meta[k].key, cdf->meta[k].value);
    if (cdf->ref_bandwidth_khz > 0 && bandwidth_from_name(cdf->quantity) == 0 &&
        !interf_cdf_meta_get(cdf, "ref_bandwidth_khz"))
        fprintf(fp, "# ref_bandwidth_khz: %.10g\n", cdf->ref_bandwidth_khz);
    /* from the maximum down (interf-table(5)) */
    for (size_t k = cdf->n; k-- > 0;)
        fprintf(fp, "%10s  %.10g\n", tenths_str(cdf->level_tenths[k], lv, sizeof lv),
                cdf->pct_exceeded[k]);
    if (ferror(fp))
        return interf_error_set(err, INTERF_EIO, "write error: %s", strerror(errno ? errno : EIO));
    return INTERF_OK;
}

/* ---------------------------------------------------------------------------------------- */
/* From a histogram (S.1503-4 §D1.4, §D7)                                                   */

static int bin_empty(const struct interf_hist *h, size_t k)
{
    return h->weight ? !(h->weight[k] > 0) : h->count[k] == 0;
}

enum interf_status interf_cdf_view_hist(const struct interf_hist *h, int32_t *level_tenths,
                                        double *pct_exceeded, struct interf_cdf *cdf,
                                        struct interf_error *err)
{
    if (!h || (h->weight == NULL) == (h->count == NULL) || !level_tenths || !pct_exceeded ||
        !cdf)
        return interf_error_set(err, INTERF_EINVAL, "interf_cdf_view_hist: give weight or "
                                "count (not both) and the two row buffers");
    cdf->n = 0;
    for (size_t k = 0; h->weight && k < h->n_bins; k++)
        if (!(h->weight[k] >= 0) || !isfinite(h->weight[k]))
            return interf_error_set(err, INTERF_EINVAL, "histogram bin %zu: weight %g is not a "
                                    "finite number >= 0", k, h->weight[k]);
    /* Rows run from the lowest to the highest non-empty bin: below, 100 % is exceeded; at the
     * highest bin, 0 % (the run maximum lies in it). */
    size_t lo = 0, hi = h->n_bins;
    while (lo < hi && bin_empty(h, lo))
        lo++;
    while (hi > lo && bin_empty(h, hi - 1))
        hi--;
    if (lo == hi)
        return interf_error_set(err, INTERF_EINPUT, "empty histogram (no samples)");
    if ((int64_t)h->first_level_tenths + (int64_t)hi > INT32_MAX)
        return interf_error_set(err, INTERF_EINVAL, "histogram levels out of range");
    cdf->n = hi - lo;
    cdf->level_tenths = level_tenths;
    cdf->pct_exceeded = pct_exceeded;
    /* CDF_i = 100 (1 - sum_{j <= i} PDF_j) (S.1503-4 §D7), taken as the tail sum above bin i,
     * summed from the top so that the small percentages of the tail keep their precision
     * (counts in 64-bit integers: exact). */
    double total = interf_hist_total(h), tail = 0.0;
    uint64_t itail = 0;
    for (size_t k = hi; k-- > lo;) {
        level_tenths[k - lo] = h->first_level_tenths + (int32_t)k;
        pct_exceeded[k - lo] = (h->weight ? tail : (double)itail) / total * 100.0;
        if (h->weight)
            tail += h->weight[k];
        else
            itail += h->count[k];
    }
    return INTERF_OK;
}

enum interf_status interf_cdf_create_hist(const char *quantity, double ref_bandwidth_khz,
                                          const struct interf_hist *h, struct interf_cdf **out,
                                          struct interf_error *err)
{
    struct interf_cdf *c = NULL;
    int32_t *lv = NULL;
    double *pct = NULL;
    enum interf_status st;
    *out = NULL;
    if (!quantity || strlen(quantity) >= sizeof c->quantity || !has_db_unit(quantity))
        return interf_error_set(err, INTERF_EINVAL, "interf_cdf_create_hist: quantity \"%s\" "
                                "must name a dB unit", quantity ? quantity : "");
    size_t n_bins = h ? h->n_bins : 0;
    c = malloc(sizeof *c);
    lv = malloc((n_bins ? n_bins : 1) * sizeof *lv);
    pct = malloc((n_bins ? n_bins : 1) * sizeof *pct);
    if (!c || !lv || !pct) {
        st = interf_error_set(err, INTERF_ENOMEM, "out of memory for a CDF of %zu bins", n_bins);
        goto fail;
    }
    memset(c, 0, sizeof *c);
    snprintf(c->quantity, sizeof c->quantity, "%s", quantity);
    c->ref_bandwidth_khz = ref_bandwidth_khz > 0 ? ref_bandwidth_khz
                                                 : bandwidth_from_name(c->quantity);
    st = interf_cdf_view_hist(h, lv, pct, c, err);
    if (st)
        goto fail;
    *out = c;
    return INTERF_OK;
fail:
    free(pct);
    free(lv);
    free(c);
    return st;
}
