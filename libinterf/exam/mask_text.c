/* SPDX-License-Identifier: MIT */
/* The text format of pfd masks, interf-mask(5): the table grammar of interf-table(5) (schema on
 * line 1, "# key: value" metadata, whitespace columns), one file per mask of Rec. ITU-R
 * S.1503-4 (09/2023) §C4.2; the cells not given are completed by §C4.2. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "exam_impl.h"

/* Split on blanks into l->tok */
static void split_words(char *s, struct exam_line *l)
{
    char *save = NULL;
    l->ntok = 0;
    for (char *p = strtok_r(s, " \t", &save); p; p = strtok_r(NULL, " \t", &save)) {
        if (l->ntok == EXAM_LINE_MAXTOK) {
            l->ntok++;
            return;
        }
        l->tok[l->ntok++] = p;
    }
}

enum exam_line_kind exam_tokenize(char *s, struct exam_line *l)
{
    s[strcspn(s, "\r\n")] = '\0';
    s += strspn(s, " \t");
    memset(l, 0, sizeof *l);
    if (*s == '\0')
        return l->kind = EXAM_LINE_BLANK;
    if (*s != '#') {
        split_words(s, l);
        return l->kind = EXAM_LINE_ROW;
    }
    s += 1 + strspn(s + 1, " \t");
    size_t klen = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.");
    if (klen > 0 && s[klen] == ':' && (s[klen + 1] == ' ' || s[klen + 1] == '\0')) {
        s[klen] = '\0';
        l->key = s;
        char *v = s + klen + 1;
        v += strspn(v, " \t");
        size_t vlen = strlen(v);
        while (vlen > 0 && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
            v[--vlen] = '\0';
        l->value = v;
        return l->kind = EXAM_LINE_KEY;
    }
    split_words(s, l);
    return l->kind = EXAM_LINE_COMMENT;
}

enum interf_status exam_read_lines(FILE *f, const char *path, long *line, exam_line_fn fn,
                                   enum interf_status (*end)(void *reader,
                                                             struct interf_error *err),
                                   const size_t *n_rows, void *reader, struct interf_error *err)
{
    char *buf = NULL;
    size_t cap = 0;
    ssize_t len;
    enum interf_status st = INTERF_OK;
    struct exam_line l;
    while (st == INTERF_OK && (len = getline(&buf, &cap, f)) >= 0) {
        ++*line;
        if ((size_t)len != strlen(buf)) {
            st = interf_error_set(err, INTERF_EINPUT, "%s:%ld: a NUL byte in the line", path,
                                  *line);
            break;
        }
        enum exam_line_kind kind = exam_tokenize(buf, &l);
        if (*line == 1 || kind == EXAM_LINE_KEY || kind == EXAM_LINE_ROW)
            st = fn(reader, *line == 1, &l, err);
    }
    free(buf);
    if (st == INTERF_OK && ferror(f))
        st = interf_error_set(err, INTERF_EIO, "%s: %s", path, strerror(errno));
    if (st == INTERF_OK && *line == 0)
        st = interf_error_set(err, INTERF_EINPUT, "%s:1: schema: empty file", path);
    if (st == INTERF_OK)
        st = end(reader, err);
    if (st == INTERF_OK && *n_rows == 0)
        st = interf_error_set(err, INTERF_EINPUT, "%s:%ld: rows: the mask has no row", path,
                              *line);
    return st;
}

enum interf_status exam_text_real(const char *path, long line, const char *field,
                                  const char *text, double lo, double hi, double *out,
                                  struct interf_error *err)
{
    if (!interf_parse_real(text, out))
        return interf_error_set(err, INTERF_EINPUT, "%s:%ld: %s: '%s': not a number", path,
                                line, field, text);
    if (!(*out >= lo && *out <= hi))
        return interf_error_set(err, INTERF_EINPUT, "%s:%ld: %s: %s: allowed range %g to %g",
                                path, line, field, text, lo, hi);
    return INTERF_OK;
}

enum interf_status exam_header_key(const char *path, long line, const struct exam_line *l,
                                   const struct exam_header *h, struct interf_error *err)
{
    double v;
    enum interf_status st = INTERF_OK;
    if (!strcmp(l->key, "mask_id")) {
        st = exam_text_real(path, line, l->key, l->value, 0, 2147483647, &v, err);
        if (st == INTERF_OK && v != floor(v))
            st = interf_error_set(err, INTERF_EINPUT, "%s:%ld: mask_id: %s: must be an integer",
                                  path, line, l->value);
        *h->mask_id = (long)v;
    } else if (!strcmp(l->key, "low_freq_mhz")) {
        st = exam_text_real(path, line, l->key, l->value, 0, 1e7, h->low_freq_mhz, err);
    } else if (!strcmp(l->key, "high_freq_mhz")) {
        st = exam_text_real(path, line, l->key, l->value, 0, 1e7, h->high_freq_mhz, err);
    } else if (!strcmp(l->key, "ref_bandwidth_khz")) {
        st = exam_text_real(path, line, l->key, l->value, 1e-3, 1e7, h->refbw_khz, err);
    } else if (!strcmp(l->key, "ntc_id") || !strcmp(l->key, "sat_name")) {
        char *dst = l->key[0] == 'n' ? h->ntc_id : h->sat_name;
        size_t cap = l->key[0] == 'n' ? h->ntc_cap : h->sat_cap;
        if (strlen(l->value) >= cap)
            st = interf_error_set(err, INTERF_EINPUT, "%s:%ld: %s: longer than %zu characters",
                                  path, line, l->key, cap - 1);
        else
            memcpy(dst, l->value, strlen(l->value) + 1);
    }
    /* other keys are provenance (tool, command, ...) */
    return st;
}

struct reader {
    const char *path;
    long line;
    struct interf_pfd_mask *m;
    size_t cap_tables;
    struct exam_cell *cells;
    size_t n_cells, cap_cells;
    double lat_deg;
    long lat_line;
    int have_rows;
};

static enum interf_status field_real(const struct reader *r, const char *field, const char *text,
                                     double lo, double hi, double *out, struct interf_error *err)
{
    return exam_text_real(r->path, r->line, field, text, lo, hi, out, err);
}

/* Close the current latitude block into a table of the mask */
static enum interf_status close_block(struct reader *r, struct interf_error *err)
{
    if (!r->have_rows)
        return r->lat_line ? interf_error_set(err, INTERF_EINPUT, "%s:%ld: lat_deg: %g: a "
                                              "latitude without rows", r->path, r->lat_line,
                                              r->lat_deg)
                           : INTERF_OK;
    if (r->m->n_tables == r->cap_tables) {
        size_t cap = r->cap_tables * 2;
        struct interf_mask_table *t = realloc(r->m->tables, cap * sizeof *t);
        if (!t)
            return interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", r->path);
        memset(t + r->cap_tables, 0, r->cap_tables * sizeof *t);
        r->m->tables = t;
        r->cap_tables = cap;
    }
    struct interf_mask_table *t = &r->m->tables[r->m->n_tables++];
    enum interf_status st = exam_table_from_cells(t, r->lat_deg, r->cells, r->n_cells, r->path,
                                                  exam_mask_bname(r->m->axes),
                                                  exam_mask_cname(r->m->axes), err);
    r->n_cells = 0;
    r->have_rows = 0;
    return st;
}

static enum interf_status read_schema(struct reader *r, const struct exam_line *l,
                                      struct interf_error *err)
{
    for (int axes = INTERF_MASK_ALPHA_DLON; axes <= INTERF_MASK_AZ_EL; axes++)
        if (l->kind == EXAM_LINE_COMMENT && l->ntok == 3 && !strcmp(l->tok[2], "pfd_dbw_m2") &&
            !strcmp(l->tok[0], exam_mask_bname(axes)) &&
            !strcmp(l->tok[1], exam_mask_cname(axes))) {
            r->m->axes = axes;
            return INTERF_OK;
        }
    return interf_error_set(err, INTERF_EINPUT, "%s:%ld: schema: line 1 must be \"# alpha_deg "
                            "dlon_deg pfd_dbw_m2\" or \"# azimuth_deg elevation_deg pfd_dbw_m2\"",
                            r->path, r->line);
}

static enum interf_status read_key(struct reader *r, const struct exam_line *l,
                                   struct interf_error *err)
{
    struct interf_pfd_mask *m = r->m;
    if (strcmp(l->key, "lat_deg")) {
        const struct exam_header h = {&m->mask_id, &m->low_freq_mhz, &m->high_freq_mhz,
                                      &m->refbw_khz, m->ntc_id, sizeof m->ntc_id, m->sat_name,
                                      sizeof m->sat_name};
        return exam_header_key(r->path, r->line, l, &h, err);
    }
    enum interf_status st = close_block(r, err);
    if (st == INTERF_OK)
        st = field_real(r, l->key, l->value, -90, 90, &r->lat_deg, err);
    r->lat_line = r->line;
    return st;
}

static enum interf_status read_row(struct reader *r, const struct exam_line *l,
                                   struct interf_error *err)
{
    const char *bname = exam_mask_bname(r->m->axes), *cname = exam_mask_cname(r->m->axes);
    if (l->ntok != 3)
        return interf_error_set(err, INTERF_EINPUT, "%s:%ld: row: %d columns: 3 expected (%s "
                                "%s pfd_dbw_m2)", r->path, r->line, l->ntok, bname, cname);
    struct exam_cell c = {0, 0, 0, r->line};
    double c_max = r->m->axes == INTERF_MASK_AZ_EL ? 90 : 180;
    enum interf_status st = field_real(r, bname, l->tok[0], -180, 180, &c.b, err);
    if (st == INTERF_OK)
        st = field_real(r, cname, l->tok[1], -c_max, c_max, &c.c, err);
    if (st == INTERF_OK)
        st = field_real(r, "pfd_dbw_m2", l->tok[2], INTERF_MASK_OFF_DB, 100, &c.v, err);
    if (st != INTERF_OK)
        return st;
    if (r->n_cells == r->cap_cells) {
        size_t cap = r->cap_cells ? 2 * r->cap_cells : 256;
        struct exam_cell *p = cap < (1u << 26) ? realloc(r->cells, cap * sizeof *p) : NULL;
        if (!p)
            return interf_error_set(err, INTERF_ENOMEM, "%s:%ld: too many rows in one table",
                                    r->path, r->line);
        r->cells = p;
        r->cap_cells = cap;
    }
    r->cells[r->n_cells++] = c;
    r->have_rows = 1;
    return INTERF_OK;
}

static enum interf_status on_line(void *reader, int first, const struct exam_line *l,
                                  struct interf_error *err)
{
    struct reader *r = reader;
    if (first)
        return read_schema(r, l, err);
    return l->kind == EXAM_LINE_KEY ? read_key(r, l, err) : read_row(r, l, err);
}

static enum interf_status on_end(void *reader, struct interf_error *err)
{
    return close_block(reader, err);
}

static enum interf_status read_stream(struct reader *r, FILE *f, struct interf_error *err)
{
    return exam_read_lines(f, r->path, &r->line, on_line, on_end, &r->m->n_tables, r, err);
}

enum interf_status interf_pfd_mask_read_text(const char *path, struct interf_pfd_mask **out,
                                             struct interf_error *err)
{
    *out = NULL;
    FILE *f = fopen(path, "r");
    if (!f)
        return interf_error_set(err, INTERF_EIO, "%s: %s", path, strerror(errno));
    struct reader r = {.path = path, .cap_tables = 4};
    enum interf_status st = interf_pfd_mask_create(INTERF_MASK_ALPHA_DLON, r.cap_tables, &r.m,
                                                   err);
    if (st == INTERF_OK) {
        r.m->n_tables = 0;
        st = read_stream(&r, f, err);
    }
    if (st == INTERF_OK)
        st = exam_mask_sort(r.m, path, err);
    fclose(f);
    free(r.cells);
    if (st != INTERF_OK) {
        if (r.m) /* the tables past n_tables are zeroed: free whatever was built */
            r.m->n_tables = r.cap_tables;
        interf_pfd_mask_destroy(r.m);
        return st;
    }
    *out = r.m;
    return INTERF_OK;
}

enum interf_status interf_pfd_mask_write_text(const struct interf_pfd_mask *m, FILE *f,
                                              struct interf_error *err)
{
    fprintf(f, "# %s %s pfd_dbw_m2\n", exam_mask_bname(m->axes), exam_mask_cname(m->axes));
    fprintf(f, "# mask_id: %ld\n", m->mask_id);
    if (m->ntc_id[0])
        fprintf(f, "# ntc_id: %s\n", m->ntc_id);
    if (m->sat_name[0])
        fprintf(f, "# sat_name: %s\n", m->sat_name);
    fprintf(f, "# low_freq_mhz: %.6f\n# high_freq_mhz: %.6f\n# ref_bandwidth_khz: %.6f\n",
            m->low_freq_mhz, m->high_freq_mhz, m->refbw_khz);
    for (size_t k = 0; k < m->n_tables; k++) {
        const struct interf_mask_table *t = &m->tables[k];
        fprintf(f, "# lat_deg: %.6f\n", t->lat_deg);
        for (size_t ib = 0; ib < t->nb; ib++)
            for (size_t ic = 0; ic < t->nc; ic++)
                fprintf(f, "%12.6f %12.6f %11.4f\n", t->b_deg[ib], t->c_deg[ic],
                        t->pfd_db[ib * t->nc + ic]);
    }
    if (fflush(f) != 0 || ferror(f))
        return interf_error_set(err, INTERF_EIO, "mask: write error: %s", strerror(errno));
    return INTERF_OK;
}
