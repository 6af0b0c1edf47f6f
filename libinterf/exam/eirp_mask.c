/* SPDX-License-Identifier: MIT */
/* The e.i.r.p. masks of Rec. ITU-R S.1503-4 (09/2023) §B4.2, §C3 and §C4.3-§C4.4: the earth
 * station's (off-axis form "T", and (azimuth, elevation, DeltaLongES) form "A") and the space
 * station's toward the GSO arc; their checks and the look-ups of §C4.1 and §D5.2.7. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "exam_impl.h"
#include "interf/geo.h"

#define EIRP_MAX_POINTS (1u << 20)

enum interf_status interf_eirp_mask_create(enum interf_eirp_form form, size_t n_tables,
                                           size_t n_curves, struct interf_eirp_mask **out,
                                           struct interf_error *err)
{
    *out = NULL;
    if (n_tables == 0 || n_tables > 100000 || n_curves == 0 || n_curves > 100000)
        return interf_error_set(err, INTERF_EINPUT, "mask: %zu tables of %zu curves: allowed 1 "
                                "to 100000 of each", n_tables, n_curves);
    struct interf_eirp_mask *m = calloc(1, sizeof *m);
    if (m)
        m->tables = calloc(n_tables, sizeof *m->tables);
    for (size_t k = 0; m && m->tables && k < n_tables; k++) {
        m->tables[k].curves = calloc(n_curves, sizeof *m->tables[k].curves);
        m->n_tables = k + 1;
        if (!m->tables[k].curves)
            break;
        m->tables[k].n_curves = n_curves;
    }
    if (!m || !m->tables || !m->tables[n_tables - 1].curves) {
        interf_eirp_mask_destroy(m);
        return interf_error_set(err, INTERF_ENOMEM, "mask: out of memory");
    }
    m->form = form;
    m->es_id = -1;
    m->refbw_khz = 40.0; /* §C4.1 */
    *out = m;
    return INTERF_OK;
}

enum interf_status interf_eirp_curve_alloc(struct interf_eirp_curve *c, size_t n,
                                           struct interf_error *err)
{
    if (n == 0 || n > EIRP_MAX_POINTS)
        return interf_error_set(err, INTERF_EINPUT, "mask: curve of %zu points: allowed 1 to "
                                "%u", n, EIRP_MAX_POINTS);
    free(c->x_deg);
    free(c->eirp_db);
    c->x_deg = malloc(n * sizeof *c->x_deg);
    c->eirp_db = malloc(n * sizeof *c->eirp_db);
    if (!c->x_deg || !c->eirp_db) {
        free(c->x_deg);
        free(c->eirp_db);
        c->x_deg = c->eirp_db = NULL;
        c->n = 0;
        return interf_error_set(err, INTERF_ENOMEM, "mask: out of memory");
    }
    c->n = n;
    for (size_t k = 0; k < n; k++)
        c->x_deg[k] = c->eirp_db[k] = NAN;
    return INTERF_OK;
}

void interf_eirp_mask_destroy(struct interf_eirp_mask *m)
{
    if (!m)
        return;
    for (size_t k = 0; m->tables && k < m->n_tables; k++) {
        struct interf_eirp_table *t = &m->tables[k];
        for (size_t c = 0; t->curves && c < t->n_curves; c++) {
            free(t->curves[c].x_deg);
            free(t->curves[c].eirp_db);
        }
        free(t->curves);
    }
    free(m->tables);
    free(m);
}

static enum interf_status check_curve(const struct interf_eirp_mask *m,
                                      const struct interf_eirp_table *t,
                                      const struct interf_eirp_curve *c, struct interf_error *err)
{
    if (c->n == 0)
        return interf_error_set(err, INTERF_EINPUT, "mask: latitude %g: a curve without points",
                                t->lat_deg);
    for (size_t k = 0; k < c->n; k++) {
        if (!isfinite(c->x_deg[k]) || !isfinite(c->eirp_db[k]))
            return interf_error_set(err, INTERF_EINPUT, "mask: latitude %g: point %zu: not a "
                                    "number", t->lat_deg, k);
        if (k > 0 && !(c->x_deg[k] > c->x_deg[k - 1]))
            return interf_error_set(err, INTERF_EINPUT, "mask: latitude %g: angle %g given "
                                    "twice or out of order", t->lat_deg, c->x_deg[k]);
        /* §B5.3, §C4.3, §C4.4: an off-axis mask decreases monotonically */
        if (k > 0 && m->form != INTERF_EIRP_ES_AZEL && c->eirp_db[k] > c->eirp_db[k - 1])
            return interf_error_set(err, INTERF_EINPUT, "mask: latitude %g: e.i.r.p. rises from "
                                    "%g to %g dBW at %g deg: the off-axis mask must not increase "
                                    "(S.1503-4 §B5.3)", t->lat_deg, c->eirp_db[k - 1],
                                    c->eirp_db[k], c->x_deg[k]);
    }
    return INTERF_OK;
}

enum interf_status interf_eirp_mask_check(const struct interf_eirp_mask *m,
                                          struct interf_error *err)
{
    for (size_t k = 0; k < m->n_tables; k++) {
        const struct interf_eirp_table *t = &m->tables[k];
        if (!(t->lat_deg >= -90 && t->lat_deg <= 90))
            return interf_error_set(err, INTERF_EINPUT, "mask: latitude %g: allowed range -90 "
                                    "to 90", t->lat_deg);
        if (k > 0 && !(t->lat_deg > m->tables[k - 1].lat_deg))
            return interf_error_set(err, INTERF_EINPUT, "mask: latitude %g: two tables or out "
                                    "of order", t->lat_deg);
        if (m->form != INTERF_EIRP_ES_AZEL && t->n_curves != 1)
            return interf_error_set(err, INTERF_EINPUT, "mask: latitude %g: an off-axis mask "
                                    "has one curve per latitude", t->lat_deg);
        for (size_t c = 0; c < t->n_curves; c++) {
            enum interf_status st = check_curve(m, t, &t->curves[c], err);
            if (st != INTERF_OK)
                return st;
            for (size_t d = 0; d < c; d++)
                if (t->curves[d].az_deg == t->curves[c].az_deg &&
                    t->curves[d].el_deg == t->curves[c].el_deg)
                    return interf_error_set(err, INTERF_EINPUT, "mask: latitude %g: pointing "
                                            "(%g, %g) given twice", t->lat_deg,
                                            t->curves[c].az_deg, t->curves[c].el_deg);
        }
    }
    return INTERF_OK;
}

const struct interf_eirp_table *interf_eirp_mask_table(const struct interf_eirp_mask *m,
                                                       double lat_deg)
{
    size_t best = 0;
    for (size_t k = 1; k < m->n_tables; k++)
        if (fabs(lat_deg - m->tables[k].lat_deg) < fabs(lat_deg - m->tables[best].lat_deg))
            best = k;
    return &m->tables[best];
}

double interf_eirp_curve_eval_db(const struct interf_eirp_curve *c, double x_deg)
{
    return exam_interp(c->x_deg, c->eirp_db, c->n, x_deg);
}

const struct interf_eirp_curve *interf_eirp_table_curve(const struct interf_eirp_table *t,
                                                        double az_deg, double el_deg)
{
    if (t->n_curves == 1)
        return &t->curves[0];
    double u[3] = {cos(el_deg * INTERF_DEG) * sin(az_deg * INTERF_DEG),
                   cos(el_deg * INTERF_DEG) * cos(az_deg * INTERF_DEG), sin(el_deg * INTERF_DEG)};
    size_t best = 0;
    double best_cos = -2;
    for (size_t k = 0; k < t->n_curves; k++) {
        const struct interf_eirp_curve *c = &t->curves[k];
        double ce = cos(c->el_deg * INTERF_DEG);
        double dot = u[0] * ce * sin(c->az_deg * INTERF_DEG) +
                     u[1] * ce * cos(c->az_deg * INTERF_DEG) + u[2] * sin(c->el_deg * INTERF_DEG);
        if (dot > best_cos) { /* §D5.2.7: the smallest angular offset */
            best_cos = dot;
            best = k;
        }
    }
    return &t->curves[best];
}

double interf_eirp_mask_offaxis_db(const struct interf_eirp_mask *m, double lat_deg,
                                   double theta_deg)
{
    if (m->form == INTERF_EIRP_ES_AZEL)
        return NAN;
    return interf_eirp_curve_eval_db(&interf_eirp_mask_table(m, lat_deg)->curves[0], theta_deg);
}

double interf_eirp_mask_azel_db(const struct interf_eirp_mask *m, double lat_deg, double az_deg,
                                double el_deg, double dlong_deg)
{
    if (m->form != INTERF_EIRP_ES_AZEL)
        return NAN;
    const struct interf_eirp_table *t = interf_eirp_mask_table(m, lat_deg);
    double dl = dlong_deg - 360.0 * floor((dlong_deg + 180.0) / 360.0);
    return interf_eirp_curve_eval_db(interf_eirp_table_curve(t, az_deg, el_deg), dl);
}

double interf_eirp_mask_peak_db(const struct interf_eirp_mask *m, double lat_deg)
{
    const struct interf_eirp_table *t = interf_eirp_mask_table(m, lat_deg);
    double peak = -INFINITY;
    for (size_t c = 0; c < t->n_curves; c++)
        for (size_t k = 0; k < t->curves[c].n; k++)
            if (t->curves[c].eirp_db[k] > peak)
                peak = t->curves[c].eirp_db[k];
    return peak;
}

double interf_eirp_mask_beamwidth_deg(const struct interf_eirp_mask *m)
{
    if (m->form == INTERF_EIRP_ES_AZEL)
        return NAN;
    const struct interf_eirp_curve *c = &interf_eirp_mask_table(m, 0.0)->curves[0];
    double level = interf_eirp_curve_eval_db(c, 0.0) - 3.0;
    for (size_t k = 1; k < c->n; k++)
        if (c->eirp_db[k] <= level && c->x_deg[k] > 0) {
            /* the -3 dB crossing on the segment [k - 1, k], linear as the look-up is */
            double x0 = c->x_deg[k - 1] > 0 ? c->x_deg[k - 1] : 0;
            double y0 = interf_eirp_curve_eval_db(c, x0), y1 = c->eirp_db[k];
            double f = y0 > y1 ? (y0 - level) / (y0 - y1) : 1;
            return 2.0 * (x0 + f * (c->x_deg[k] - x0));
        }
    return NAN;
}

double interf_eirp_mask_scale_db(const struct interf_eirp_mask *m, double run_bw_khz)
{
    return 10.0 * log10(run_bw_khz / m->refbw_khz); /* §C4.1 */
}

static int cmp_point(const void *pa, const void *pb)
{
    const struct exam_eirp_point *a = pa, *b = pb;
    if (a->lat != b->lat)
        return a->lat < b->lat ? -1 : 1;
    if (a->az != b->az)
        return a->az < b->az ? -1 : 1;
    if (a->el != b->el)
        return a->el < b->el ? -1 : 1;
    if (a->x != b->x)
        return a->x < b->x ? -1 : 1;
    return a->line < b->line ? -1 : a->line > b->line;
}

/* Points [k, end) of one table (same latitude), and their curves */
static size_t table_end(const struct exam_eirp_point *p, size_t n, size_t k)
{
    size_t e = k;
    while (e < n && p[e].lat == p[k].lat)
        e++;
    return e;
}

static size_t curve_end(const struct exam_eirp_point *p, size_t n, size_t k)
{
    size_t e = k;
    while (e < n && p[e].lat == p[k].lat && p[e].az == p[k].az && p[e].el == p[k].el)
        e++;
    return e;
}

/* Fill curve c from points [k, e); a repeated abscissa or a rise is an error */
static enum interf_status fill_curve(struct interf_eirp_curve *c, const struct exam_eirp_point *p,
                                     size_t k, size_t e, enum interf_eirp_form form,
                                     const char *path, const char *xname,
                                     struct interf_error *err)
{
    enum interf_status st = interf_eirp_curve_alloc(c, e - k, err);
    c->az_deg = p[k].az;
    c->el_deg = p[k].el;
    for (size_t i = k; st == INTERF_OK && i < e; i++) {
        if (i > k && p[i].x == p[i - 1].x)
            return interf_error_set(err, INTERF_EINPUT, "%s:%ld: %s: %g given twice (first on "
                                    "line %ld)", path, p[i].line, xname, p[i].x, p[i - 1].line);
        /* §B5.3: an off-axis mask decreases monotonically */
        if (i > k && form != INTERF_EIRP_ES_AZEL && p[i].v > p[i - 1].v)
            return interf_error_set(err, INTERF_EINPUT, "%s:%ld: eirp: %g dBW at %g deg rises "
                                    "above %g dBW at %g deg: an off-axis mask must not increase "
                                    "(S.1503-4 §B5.3)", path, p[i].line, p[i].v, p[i].x,
                                    p[i - 1].v, p[i - 1].x);
        c->x_deg[i - k] = p[i].x;
        c->eirp_db[i - k] = p[i].v;
    }
    return st;
}

enum interf_status exam_eirp_build(const struct interf_eirp_mask *hdr, enum interf_eirp_form form,
                                   struct exam_eirp_point *p, size_t n, const char *path,
                                   const char *xname, struct interf_eirp_mask **out,
                                   struct interf_error *err)
{
    *out = NULL;
    qsort(p, n, sizeof *p, cmp_point);
    size_t n_tables = 0;
    for (size_t k = 0; k < n; k = table_end(p, n, k))
        n_tables++;
    struct interf_eirp_mask *m;
    enum interf_status st = interf_eirp_mask_create(form, n_tables, 1, &m, err);
    if (st != INTERF_OK)
        return st;
    m->mask_id = hdr->mask_id;
    m->es_id = form == INTERF_EIRP_SS_OFFAXIS ? -1 : hdr->es_id;
    m->low_freq_mhz = hdr->low_freq_mhz;
    m->high_freq_mhz = hdr->high_freq_mhz;
    m->refbw_khz = hdr->refbw_khz;
    memcpy(m->ntc_id, hdr->ntc_id, sizeof m->ntc_id);
    memcpy(m->sat_name, hdr->sat_name, sizeof m->sat_name);
    size_t t = 0;
    for (size_t k = 0; st == INTERF_OK && k < n; k = table_end(p, n, k), t++) {
        struct interf_eirp_table *tab = &m->tables[t];
        size_t end = table_end(p, n, k), nc = 0;
        for (size_t c = k; c < end; c = curve_end(p, n, c))
            nc++;
        struct interf_eirp_curve *cv = calloc(nc, sizeof *cv);
        if (!cv) {
            st = interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", path);
            break;
        }
        free(tab->curves);
        tab->curves = cv;
        tab->n_curves = nc;
        tab->lat_deg = p[k].lat;
        size_t i = 0;
        for (size_t c = k; st == INTERF_OK && c < end; c = curve_end(p, n, c), i++)
            st = fill_curve(&cv[i], p, c, curve_end(p, n, c), form, path, xname, err);
    }
    if (st == INTERF_OK) {
        struct interf_error e2 = {0};
        st = interf_eirp_mask_check(m, &e2);
        if (st != INTERF_OK) /* the readers' points cannot fail it: locate it anyway */
            interf_error_set(err, st, "%s: %s", path, e2.msg);
    }
    if (st != INTERF_OK) {
        interf_eirp_mask_destroy(m);
        return st;
    }
    *out = m;
    return INTERF_OK;
}
