/* SPDX-License-Identifier: MIT */
/* The operating parameters of a non-GSO system, Rec. ITU-R S.1503-4 (09/2023) §B3.2-§B3.3 with
 * the ranges of §B5.2: tables by latitude (and azimuth), their look-ups, the value parsers of a
 * system file's keys, and the co-frequency selection of a time step (§D5.1.4.1 steps 18-23). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "exam_impl.h"
#include "interf/geo.h"

double interf_lat_table_linear(const struct interf_lat_table *t, double lat_deg)
{
    return t->n ? exam_interp(t->lat_deg, t->value, t->n, lat_deg) : NAN;
}

double interf_lat_table_nearest(const struct interf_lat_table *t, double lat_deg)
{
    return t->n ? t->value[exam_nearest(t->lat_deg, t->n, lat_deg)] : NAN;
}

double interf_elev_table_eval(const struct interf_elev_table *t, double lat_deg, double az_deg)
{
    if (t->n_rows == 0)
        return 0;
    size_t r = exam_nearest(t->lat_deg, t->n_rows, lat_deg), m = t->count[r];
    const double *a = t->az_deg + t->first[r], *e = t->elev_deg + t->first[r];
    double v = fmod(az_deg, 360.0);
    if (v < 0)
        v += 360.0;
    if (m == 1)
        return e[0];
    /* around the circle: from the last point to the first one plus 360 deg */
    if (v < a[0] || v > a[m - 1]) {
        double lo = a[m - 1] - (v < a[0] ? 360.0 : 0.0), gap = a[0] + 360.0 - a[m - 1];
        return gap > 0 ? e[m - 1] + (v - lo) / gap * (e[0] - e[m - 1]) : e[0];
    }
    return exam_interp(a, e, m, v);
}

void interf_lat_table_release(struct interf_lat_table *t)
{
    free(t->lat_deg);
    free(t->value);
    memset(t, 0, sizeof *t);
}

void interf_elev_table_release(struct interf_elev_table *t)
{
    free(t->lat_deg);
    free(t->first);
    free(t->count);
    free(t->az_deg);
    free(t->elev_deg);
    memset(t, 0, sizeof *t);
}

void interf_op_params_release(struct interf_op_params *p)
{
    for (size_t k = 0; k < p->n_exclude; k++)
        interf_lat_table_release(&p->exclude[k].alpha0_deg);
    free(p->exclude);
    interf_lat_table_release(&p->max_co_freq);
    interf_lat_table_release(&p->min_duration_s);
    interf_elev_table_release(&p->min_elev);
    memset(p, 0, sizeof *p);
}

double interf_op_alpha0_deg(const struct interf_op_params *p, long orb_id, double lat_deg)
{
    const struct interf_min_exclude *any = NULL;
    for (size_t k = 0; k < p->n_exclude; k++) {
        if (p->exclude[k].orb_id == orb_id)
            return interf_lat_table_linear(&p->exclude[k].alpha0_deg, lat_deg);
        if (p->exclude[k].orb_id == 0)
            any = &p->exclude[k];
    }
    return any ? interf_lat_table_linear(&any->alpha0_deg, lat_deg) : 0.0;
}

long interf_op_max_co_freq(const struct interf_op_params *p, double lat_deg)
{
    return p->max_co_freq.n ? (long)interf_lat_table_nearest(&p->max_co_freq, lat_deg) : -1;
}

static enum interf_status range(const char *field, double v, double lo, double hi,
                                struct interf_error *err)
{
    if (v >= lo && v <= hi)
        return INTERF_OK;
    return interf_error_set(err, INTERF_EINPUT, "%s: %g: allowed range %g to %g", field, v, lo,
                            hi);
}

static enum interf_status table_range(const char *field, const struct interf_lat_table *t,
                                      double lo, double hi, struct interf_error *err)
{
    enum interf_status st = INTERF_OK;
    for (size_t k = 0; k < t->n && st == INTERF_OK; k++)
        st = range(field, t->value[k], lo, hi, err);
    return st;
}

enum interf_status interf_op_params_check(const struct interf_op_params *p,
                                          struct interf_error *err)
{
    /* §B5.2 */
    enum interf_status st = INTERF_OK;
    for (size_t k = 0; k < p->n_exclude && st == INTERF_OK; k++)
        st = table_range("min_exclude", &p->exclude[k].alpha0_deg, 0, 180, err);
    for (size_t k = 0; k < p->min_elev.n && st == INTERF_OK; k++)
        st = range("min_elev", p->min_elev.elev_deg[k], 0, 90, err);
    for (size_t k = 0; k < p->min_duration_s.n && st == INTERF_OK; k++)
        if (p->min_duration_s.value[k] != 0) /* 0: no track duration (§D5.1.4) */
            st = range("min_duration", p->min_duration_s.value[k], 1, 99999, err);
    if (st == INTERF_OK)
        st = table_range("max_co_freq", &p->max_co_freq, 0, 9999, err);
    if (st == INTERF_OK && p->max_co_freq_sat != -1)
        st = range("max_co_freq_sat", (double)p->max_co_freq_sat, 0, 9999, err);
    if (st == INTERF_OK && !(p->es_density_km2 >= 0)) /* 0: not given (epfd down alone) */
        st = interf_error_set(err, INTERF_EINPUT, "es_density: %g: must be positive",
                              p->es_density_km2);
    if (st == INTERF_OK)
        st = range("es_distance", p->es_distance_km, 0, 40000, err);
    if (st == INTERF_OK)
        st = range("es_lat_min", p->es_lat_min_deg, -90, 90, err);
    if (st == INTERF_OK)
        st = range("es_lat_max", p->es_lat_max_deg, -90, 90, err);
    if (st == INTERF_OK && !(p->es_lat_max_deg > p->es_lat_min_deg))
        st = interf_error_set(err, INTERF_EINPUT, "es_lat_max: %g: must exceed es_lat_min %g",
                              p->es_lat_max_deg, p->es_lat_min_deg);
    if (st == INTERF_OK)
        st = range("min_angle_at_es", p->min_angle_at_es_deg, 0, 90, err);
    if (st == INTERF_OK)
        st = range("min_angle_at_sat", p->min_angle_at_sat_deg, 0, 90, err);
    return st;
}

enum interf_status interf_op_orbit_check(const struct interf_op_orbit *o,
                                         struct interf_error *err)
{
    enum interf_status st = range("h_min_km", o->h_min_km, 0, 1e6, err);
    if (st == INTERF_OK)
        st = range("w_delta_deg", o->w_delta_deg, 0, 180, err);
    if (st == INTERF_OK && o->does_repeat)
        st = range("repeat_period_s", o->repeat_period_s, 1e-3, 1e9, err);
    if (st == INTERF_OK && o->admin_precession)
        st = range("precession_deg_day", o->precession_deg_day, -360, 360, err);
    return st;
}

int exam_points_add(struct exam_points *ps, double lat, double az, double v, long line)
{
    if (ps->n == ps->cap) {
        size_t cap = ps->cap ? 2 * ps->cap : 16;
        struct exam_point *p = cap < (1u << 24) ? realloc(ps->p, cap * sizeof *p) : NULL;
        if (!p)
            return 0;
        ps->p = p;
        ps->cap = cap;
    }
    ps->p[ps->n++] = (struct exam_point){lat, az, v, line};
    return 1;
}

static int cmp_point(const void *pa, const void *pb)
{
    const struct exam_point *a = pa, *b = pb;
    if (a->lat != b->lat)
        return a->lat < b->lat ? -1 : 1;
    if (a->az != b->az)
        return a->az < b->az ? -1 : 1;
    return a->line < b->line ? -1 : a->line > b->line;
}

/* Sort; the first point given twice is an error */
static enum interf_status sort_points(struct exam_points *ps, int with_az, const char *path,
                                      const char *field, struct interf_error *err)
{
    if (ps->n > 1)
        qsort(ps->p, ps->n, sizeof *ps->p, cmp_point);
    for (size_t k = 1; k < ps->n; k++) {
        const struct exam_point *a = &ps->p[k - 1], *b = &ps->p[k];
        if (a->lat != b->lat || (with_az && a->az != b->az))
            continue;
        if (path)
            return interf_error_set(err, INTERF_EINPUT, "%s:%ld: %s: latitude %g%s given twice "
                                    "(first on line %ld)", path, b->line, field, b->lat,
                                    with_az ? " and azimuth" : "", a->line);
        return interf_error_set(err, INTERF_EINPUT, "%s: latitude %g%s given twice", field,
                                b->lat, with_az ? " and azimuth" : "");
    }
    return INTERF_OK;
}

enum interf_status exam_points_to_lat(struct exam_points *ps, struct interf_lat_table *t,
                                      const char *path, const char *field,
                                      struct interf_error *err)
{
    memset(t, 0, sizeof *t);
    enum interf_status st = sort_points(ps, 0, path, field, err);
    if (st == INTERF_OK && ps->n) {
        t->lat_deg = malloc(ps->n * sizeof *t->lat_deg);
        t->value = malloc(ps->n * sizeof *t->value);
        if (!t->lat_deg || !t->value)
            st = interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", field);
        for (size_t k = 0; st == INTERF_OK && k < ps->n; k++) {
            t->lat_deg[k] = ps->p[k].lat;
            t->value[k] = ps->p[k].v;
        }
        t->n = st == INTERF_OK ? ps->n : 0;
    }
    if (st != INTERF_OK)
        interf_lat_table_release(t);
    free(ps->p);
    memset(ps, 0, sizeof *ps);
    return st;
}

enum interf_status exam_points_to_elev(struct exam_points *ps, struct interf_elev_table *t,
                                       const char *path, const char *field,
                                       struct interf_error *err)
{
    memset(t, 0, sizeof *t);
    enum interf_status st = sort_points(ps, 1, path, field, err);
    size_t n = ps->n;
    if (st == INTERF_OK && n) {
        t->lat_deg = malloc(n * sizeof *t->lat_deg);
        t->first = malloc(n * sizeof *t->first);
        t->count = malloc(n * sizeof *t->count);
        t->az_deg = malloc(n * sizeof *t->az_deg);
        t->elev_deg = malloc(n * sizeof *t->elev_deg);
        if (!t->lat_deg || !t->first || !t->count || !t->az_deg || !t->elev_deg)
            st = interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", field);
        for (size_t k = 0; st == INTERF_OK && k < n; k++) {
            if (k == 0 || ps->p[k].lat != ps->p[k - 1].lat) {
                t->lat_deg[t->n_rows] = ps->p[k].lat;
                t->first[t->n_rows] = k;
                t->count[t->n_rows++] = 0;
            }
            t->count[t->n_rows - 1]++;
            t->az_deg[k] = ps->p[k].az;
            t->elev_deg[k] = ps->p[k].v;
        }
        t->n = n;
    }
    if (st != INTERF_OK)
        interf_elev_table_release(t);
    free(ps->p);
    memset(ps, 0, sizeof *ps);
    return st;
}

/* One item "V", "LAT:V" or (with_az) "LAT/AZ:V" of a key's value */
static enum interf_status parse_item(const char *item, const char *field, int with_az,
                                     double lo, double hi, int integer, struct exam_point *pt,
                                     int *bare, struct interf_error *err)
{
    char buf[96];
    if (strlen(item) >= sizeof buf)
        return interf_error_set(err, INTERF_EINPUT, "%s: '%.40s...': too long", field, item);
    memcpy(buf, item, strlen(item) + 1);
    char *colon = strchr(buf, ':'), *slash = colon ? strchr(buf, '/') : NULL, *val = buf;
    *pt = (struct exam_point){0, 0, 0, 0};
    *bare = colon == NULL;
    if (slash && (!with_az || slash > colon))
        return interf_error_set(err, INTERF_EINPUT, "%s: '%s': LAT:VALUE expected", field, item);
    if (colon) {
        *colon = '\0';
        val = colon + 1;
        if (slash) {
            *slash = '\0';
            if (!interf_parse_real(slash + 1, &pt->az) || !(pt->az >= 0 && pt->az <= 360))
                return interf_error_set(err, INTERF_EINPUT, "%s: '%s': azimuth: a number from 0 "
                                        "to 360 expected", field, item);
        }
        if (!interf_parse_real(buf, &pt->lat) || !(pt->lat >= -90 && pt->lat <= 90))
            return interf_error_set(err, INTERF_EINPUT, "%s: '%s': latitude: a number from -90 "
                                    "to 90 expected", field, item);
    }
    if (!interf_parse_real(val, &pt->v))
        return interf_error_set(err, INTERF_EINPUT, "%s: '%s': not a number", field, item);
    if (!(pt->v >= lo && pt->v <= hi))
        return interf_error_set(err, INTERF_EINPUT, "%s: '%s': allowed range %g to %g", field,
                                item, lo, hi);
    if (integer && pt->v != floor(pt->v))
        return interf_error_set(err, INTERF_EINPUT, "%s: '%s': must be an integer", field, item);
    return INTERF_OK;
}

/* The items of text into ps */
static enum interf_status parse_items(const char *text, const char *field, int with_az,
                                      double lo, double hi, int integer, struct exam_points *ps,
                                      struct interf_error *err)
{
    const char *sep = " \t,";
    int bare_seen = 0;
    size_t items = 0;
    for (const char *p = text + strspn(text, sep); *p; p += strspn(p, sep)) {
        size_t len = strcspn(p, sep);
        char item[128];
        snprintf(item, sizeof item, "%.*s", (int)(len < 127 ? len : 127), p);
        struct exam_point pt;
        int bare = 0;
        enum interf_status st = parse_item(item, field, with_az, lo, hi, integer, &pt, &bare,
                                           err);
        if (st != INTERF_OK)
            return st;
        bare_seen |= bare;
        if (!exam_points_add(ps, pt.lat, pt.az, pt.v, 0))
            return interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", field);
        items++;
        p += len;
    }
    if (items == 0)
        return interf_error_set(err, INTERF_EINPUT, "%s: empty", field);
    if (bare_seen && items > 1)
        return interf_error_set(err, INTERF_EINPUT, "%s: '%s': one value for every latitude, "
                                "or LAT:VALUE items, not both", field, text);
    return INTERF_OK;
}

enum interf_status interf_op_parse_lat_table(const char *text, const char *field, double lo,
                                             double hi, int integer,
                                             struct interf_lat_table *out,
                                             struct interf_error *err)
{
    struct exam_points ps = {0};
    enum interf_status st = parse_items(text, field, 0, lo, hi, integer, &ps, err);
    if (st != INTERF_OK) {
        free(ps.p);
        memset(out, 0, sizeof *out);
        return st;
    }
    return exam_points_to_lat(&ps, out, NULL, field, err);
}

enum interf_status interf_op_parse_elev_table(const char *text, const char *field,
                                              struct interf_elev_table *out,
                                              struct interf_error *err)
{
    struct exam_points ps = {0};
    enum interf_status st = parse_items(text, field, 1, 0, 90, 0, &ps, err);
    if (st != INTERF_OK) {
        free(ps.p);
        memset(out, 0, sizeof *out);
        return st;
    }
    return exam_points_to_elev(&ps, out, NULL, field, err);
}

void interf_exam_select(size_t n, const struct interf_exam_candidate *c, long max_co_freq,
                        double min_angle_at_es_deg, unsigned char *selected, double *sum_lin)
{
    enum { FREE = 0, TAKEN = 1, GAIN = 2, REMOVED = 3 };
    double cos_min = cos(min_angle_at_es_deg * INTERF_DEG);
    *sum_lin = 0;
    memset(selected, FREE, n);
    for (long picks = 0; max_co_freq < 0 || picks < max_co_freq; picks++) {
        size_t best = n;
        for (size_t k = 0; k < n; k++) /* step 20: the highest operating epfd_i left */
            if (c[k].operating && selected[k] == FREE &&
                (best == n || c[k].epfd_db > c[best].epfd_db))
                best = k;
        if (best == n)
            break;
        selected[best] = TAKEN;
        *sum_lin += interf_undb(c[best].epfd_db); /* step 23 */
        if (min_angle_at_es_deg > 0) /* step 21 */
            for (size_t k = 0; k < n; k++)
                if (c[k].operating && selected[k] == FREE &&
                    c[k].dir[0] * c[best].dir[0] + c[k].dir[1] * c[best].dir[1] +
                            c[k].dir[2] * c[best].dir[2] > cos_min)
                    selected[k] = REMOVED;
    }
    for (size_t k = 0; k < n; k++) { /* step 22, no satellite counted twice */
        if (selected[k] == REMOVED)
            selected[k] = FREE;
        if (c[k].gain_clause && selected[k] == FREE) {
            selected[k] = GAIN;
            *sum_lin += interf_undb(c[k].epfd_db);
        }
    }
}
