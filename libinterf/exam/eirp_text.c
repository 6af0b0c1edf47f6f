/* SPDX-License-Identifier: MIT */
/* The text format of e.i.r.p. masks, interf-mask(5): the pfd masks' grammar and tokenizer with
 * the schemas of the three masks of Rec. ITU-R S.1503-4 (09/2023) §C4.3-§C4.4 (earth station
 * "T" and "A", space station toward the GSO arc). */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "exam_impl.h"

static const char *const schemas[3] = {"offaxis_deg es_eirp_dbw", "azimuth_deg elevation_deg "
                                       "dlong_deg es_eirp_dbw", "offaxis_deg ss_eirp_dbw"};

struct eirp_reader {
    const char *path;
    long line;
    enum interf_eirp_form form;
    int ncol;
    struct interf_eirp_mask hdr;   /* the header as read (no tables) */
    struct exam_eirp_point *pts;   /* every point */
    size_t n, cap;
    double lat_deg;                /* the current table */
    long lat_line;
    size_t lat_first;              /* its first point */
};

static enum interf_status read_schema(struct eirp_reader *r, const struct exam_line *l,
                                      struct interf_error *err)
{
    char buf[128] = "";
    for (int k = 0; l->kind == EXAM_LINE_COMMENT && k < l->ntok && k < 4; k++) {
        size_t len = strlen(buf);
        snprintf(buf + len, sizeof buf - len, "%s%s", k ? " " : "", l->tok[k]);
    }
    for (int f = 0; f < 3; f++)
        if (l->ntok <= 4 && !strcmp(buf, schemas[f])) {
            r->form = (enum interf_eirp_form)f;
            r->ncol = f == INTERF_EIRP_ES_AZEL ? 4 : 2;
            return INTERF_OK;
        }
    return interf_error_set(err, INTERF_EINPUT, "%s:%ld: schema: line 1 must be \"# %s\", "
                            "\"# %s\" or \"# %s\"", r->path, r->line, schemas[0], schemas[1],
                            schemas[2]);
}

static enum interf_status close_table(struct eirp_reader *r, struct interf_error *err)
{
    if (r->lat_line && r->n == r->lat_first)
        return interf_error_set(err, INTERF_EINPUT, "%s:%ld: lat_deg: %g: a latitude without "
                                "rows", r->path, r->lat_line, r->lat_deg);
    return INTERF_OK;
}

static enum interf_status read_key(struct eirp_reader *r, const struct exam_line *l,
                                   struct interf_error *err)
{
    struct interf_eirp_mask *m = &r->hdr;
    if (!strcmp(l->key, "lat_deg")) {
        enum interf_status st = close_table(r, err);
        if (st == INTERF_OK)
            st = exam_text_real(r->path, r->line, l->key, l->value, -90, 90, &r->lat_deg, err);
        for (size_t k = 0; st == INTERF_OK && k < r->n; k++)
            if (r->pts[k].lat == r->lat_deg)
                st = interf_error_set(err, INTERF_EINPUT, "%s:%ld: lat_deg: %g: a second table "
                                      "at this latitude", r->path, r->line, r->lat_deg);
        r->lat_line = r->line;
        r->lat_first = r->n;
        return st;
    }
    if (!strcmp(l->key, "es_id")) {
        double v;
        enum interf_status st = exam_text_real(r->path, r->line, l->key, l->value, -1,
                                               2147483647, &v, err);
        if (st == INTERF_OK && v != floor(v))
            st = interf_error_set(err, INTERF_EINPUT, "%s:%ld: es_id: %s: must be an integer",
                                  r->path, r->line, l->value);
        m->es_id = (long)v;
        return st;
    }
    const struct exam_header h = {&m->mask_id, &m->low_freq_mhz, &m->high_freq_mhz,
                                  &m->refbw_khz, m->ntc_id, sizeof m->ntc_id, m->sat_name,
                                  sizeof m->sat_name};
    return exam_header_key(r->path, r->line, l, &h, err);
}

static enum interf_status read_row(struct eirp_reader *r, const struct exam_line *l,
                                   struct interf_error *err)
{
    static const char *const names[2][4] = {{"offaxis_deg", "eirp_dbw", "", ""},
                                            {"azimuth_deg", "elevation_deg", "dlong_deg",
                                             "eirp_dbw"}};
    const char *const *nm = names[r->ncol == 4];
    if (l->ntok != r->ncol)
            return interf_error_set(err, INTERF_EINPUT, "%s:%ld: row: %d columns: %d expected",
                                r->path, r->line, l->ntok, r->ncol);
    struct exam_eirp_point p = {r->lat_deg, 0, 0, 0, 0, r->line};
    double *dst[4] = {&p.x, &p.v, NULL, NULL};
    double lo[4] = {0, INTERF_MASK_OFF_DB, 0, 0}, hi[4] = {180, 200, 0, 0};
    if (r->ncol == 4) {
        double *d4[4] = {&p.az, &p.el, &p.x, &p.v};
        double l4[4] = {-180, 0, -180, INTERF_MASK_OFF_DB}, h4[4] = {360, 90, 180, 200};
        memcpy(dst, d4, sizeof dst);
        memcpy(lo, l4, sizeof lo);
        memcpy(hi, h4, sizeof hi);
    }
    enum interf_status st = INTERF_OK;
    for (int k = 0; st == INTERF_OK && k < r->ncol; k++)
        st = exam_text_real(r->path, r->line, nm[k], l->tok[k], lo[k], hi[k], dst[k], err);
    if (st != INTERF_OK)
        return st;
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 256;
        struct exam_eirp_point *q = cap < (1u << 24) ? realloc(r->pts, cap * sizeof *q) : NULL;
        if (!q)
            return interf_error_set(err, INTERF_ENOMEM, "%s:%ld: too many rows", r->path,
                                    r->line);
        r->pts = q;
        r->cap = cap;
    }
    r->pts[r->n++] = p;
    return INTERF_OK;
}

static enum interf_status on_line(void *reader, int first, const struct exam_line *l,
                                  struct interf_error *err)
{
    struct eirp_reader *r = reader;
    if (first)
        return read_schema(r, l, err);
    return l->kind == EXAM_LINE_KEY ? read_key(r, l, err) : read_row(r, l, err);
}

static enum interf_status on_end(void *reader, struct interf_error *err)
{
    return close_table(reader, err);
}

static enum interf_status read_stream(struct eirp_reader *r, FILE *f, struct interf_error *err)
{
    return exam_read_lines(f, r->path, &r->line, on_line, on_end, &r->n, r, err);
}

enum interf_status interf_eirp_mask_read_text(const char *path, struct interf_eirp_mask **out,
                                              struct interf_error *err)
{
    *out = NULL;
    FILE *f = fopen(path, "r");
    if (!f)
        return interf_error_set(err, INTERF_EIO, "%s: %s", path, strerror(errno));
    struct eirp_reader r = {.path = path};
    r.hdr.es_id = -1;
    r.hdr.refbw_khz = 40.0; /* §C4.1 */
    enum interf_status st = read_stream(&r, f, err);
    fclose(f);
    if (st == INTERF_OK)
        st = exam_eirp_build(&r.hdr, r.form, r.pts, r.n, path, "offaxis_deg", out, err);
    free(r.pts);
    return st;
}

enum interf_status interf_eirp_mask_write_text(const struct interf_eirp_mask *m, FILE *f,
                                               struct interf_error *err)
{
    fprintf(f, "# %s\n# mask_id: %ld\n", schemas[m->form], m->mask_id);
    if (m->form != INTERF_EIRP_SS_OFFAXIS)
        fprintf(f, "# es_id: %ld\n", m->es_id);
    if (m->ntc_id[0])
        fprintf(f, "# ntc_id: %s\n", m->ntc_id);
    if (m->sat_name[0])
        fprintf(f, "# sat_name: %s\n", m->sat_name);
    fprintf(f, "# low_freq_mhz: %.6f\n# high_freq_mhz: %.6f\n# ref_bandwidth_khz: %.6f\n",
            m->low_freq_mhz, m->high_freq_mhz, m->refbw_khz);
    for (size_t k = 0; k < m->n_tables; k++) {
        const struct interf_eirp_table *t = &m->tables[k];
        fprintf(f, "# lat_deg: %.6f\n", t->lat_deg);
        for (size_t c = 0; c < t->n_curves; c++)
            for (size_t i = 0; i < t->curves[c].n; i++) {
                if (m->form == INTERF_EIRP_ES_AZEL)
                    fprintf(f, "%12.6f %12.6f ", t->curves[c].az_deg, t->curves[c].el_deg);
                fprintf(f, "%12.6f %11.4f\n", t->curves[c].x_deg[i], t->curves[c].eirp_db[i]);
            }
    }
    if (fflush(f) != 0 || ferror(f))
        return interf_error_set(err, INTERF_EIO, "mask: write error: %s", strerror(errno));
    return INTERF_OK;
}
