/* SPDX-License-Identifier: MIT */
/* interf orbit: constellations that mix satellite kinds. Satellites given by two-line element
 * sets (SGP4/SDP4 of AIAA 2006-6753, TEME turned to Earth-fixed by the IAU 1982 GMST) and by a
 * CCSDS OEM (interpolated and brought to the Earth) beside the S.1503-4 §D6.3 elements, one
 * propagation call for all, and the satellites whose propagation fails during a run. */
#include "constellation_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void interf_constellation_set_epoch(struct interf_constellation *c, double epoch_unix_s)
{
    c->epoch_unix_s = epoch_unix_s;
}

double interf_constellation_epoch(const struct interf_constellation *c)
{
    return c->epoch_unix_s;
}

static void group_free(struct sat_group *g)
{
    interf_sgp4_batch_destroy(g->batch);
    free(g->tles);
    for (size_t k = 0; g->objects && k < g->n; k++)
        free(g->objects[k]);
    free(g->objects);
    free(g->frames);
    free(g->centers);
    interf_oem_destroy(g->oem);
}

void groups_free(struct interf_constellation *c)
{
    for (size_t g = 0; g < c->n_groups; g++)
        group_free(&c->groups[g]);
    free(c->groups);
}

/* Room for m more satellites and one more group. */
static enum interf_status make_room(struct interf_constellation *c, size_t m,
                                    struct interf_error *err)
{
    if (m > c->cap - c->n)
        return interf_error_set(err, INTERF_EINVAL, "constellation full: %zu more satellites "
                                "do not fit (%zu of %zu taken)", m, c->n, c->cap);
    struct sat_group *g = realloc(c->groups, (c->n_groups + 1) * sizeof *g);
    if (!g)
        return interf_error_set(err, INTERF_ENOMEM, "constellation: out of memory");
    c->groups = g;
    return INTERF_OK;
}

/* The node's longitude from its right ascension at UTC unix_s: minus the IAU 1982 GMST. */
static double node_longitude(double raan_rad, double unix_s)
{
    struct interf_jd ut1;
    interf_jd_from_unix(unix_s, &ut1);
    return interf_wrap_pi(raan_rad - interf_gmst82_rad(&ut1));
}

/* Approximate S.1503-style elements of an element set (see interf_constellation_add_tle). */
static void tle_elements(const struct interf_tle *t, const struct interf_sgp4 *s,
                         struct interf_elements *el)
{
    struct interf_sgp4_info in;
    interf_sgp4_get_info(s, &in);
    /* WGS-72 equatorial radius, the one SGP4's perigee and apogee heights are above */
    double rp = 6378.135 + in.perigee_alt_km, ra = 6378.135 + in.apogee_alt_km;
    el->a_km = 0.5 * (rp + ra);
    el->e = fmin(fmax((ra - rp) / (ra + rp), 0.0), 0.999);
    el->i_rad = t->inclination_deg * INTERF_DEG;
    el->lan_rad = node_longitude(t->raan_deg * INTERF_DEG, t->epoch_unix_s);
    el->argp_rad = t->argp_deg * INTERF_DEG;
    el->m0_rad = t->mean_anomaly_deg * INTERF_DEG;
}

enum interf_status interf_constellation_add_tle(struct interf_constellation *c,
                                                const struct interf_tle *tles, size_t n,
                                                int plane, size_t *first,
                                                struct interf_error *err)
{
    enum interf_status st = make_room(c, n, err);
    if (first)
        *first = c->n;
    if (st != INTERF_OK || n == 0)
        return st;
    struct sat_group g = {INTERF_SAT_TLE, c->n, n, NULL, NULL, NULL, NULL, NULL, NULL};
    if (!(g.tles = malloc(n * sizeof *g.tles)))
        return interf_error_set(err, INTERF_ENOMEM, "%zu element sets: out of memory", n);
    memcpy(g.tles, tles, n * sizeof *tles);
    if ((st = interf_sgp4_batch_create(tles, n, &g.batch, err)) != INTERF_OK) {
        free(g.tles);
        return st;
    }
    /* the S.1503 J2 rates of the approximate elements, for bounds */
    const struct interf_orbit_options j2 = {INTERF_ORBIT_J2, 0, 0};
    for (size_t k = 0; k < n; k++) {
        struct interf_elements el;
        tle_elements(&tles[k], interf_sgp4_batch_satellite(g.batch, k), &el);
        s1503_store(c, c->n + k, &el, &j2, plane);
    }
    c->groups[c->n_groups++] = g;
    c->n += n;
    return INTERF_OK;
}

/* Osculating two-body elements about the Earth of a GCRF state at UTC unix_s, the node as a
 * longitude (minus the GMST); an unbound state gets a circular orbit of its radius. */
static void state_elements(const double r[3], const double v[3], double unix_s,
                           struct interf_elements *el)
{
    const double mu = INTERF_MU_KM3_S2;
    double rn = sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
    double v2 = v[0] * v[0] + v[1] * v[1] + v[2] * v[2];
    double rv = r[0] * v[0] + r[1] * v[1] + r[2] * v[2];
    double h[3] = {r[1] * v[2] - r[2] * v[1], r[2] * v[0] - r[0] * v[2],
                   r[0] * v[1] - r[1] * v[0]};
    double hn = sqrt(h[0] * h[0] + h[1] * h[1] + h[2] * h[2]);
    double ev[3], energy = 0.5 * v2 - mu / rn;
    for (int i = 0; i < 3; i++)
        ev[i] = ((v2 - mu / rn) * r[i] - rv * v[i]) / mu;
    double e = sqrt(ev[0] * ev[0] + ev[1] * ev[1] + ev[2] * ev[2]);
    /* node line z x h, and the argument of latitude from it in the orbit plane */
    double raan = atan2(h[0], -h[1]), cn = cos(raan), sn = sin(raan);
    double along = (-r[0] * h[2] * sn + r[1] * h[2] * cn + r[2] * (h[0] * sn - h[1] * cn)) / hn;
    double u = atan2(along, r[0] * cn + r[1] * sn);
    memset(el, 0, sizeof *el);
    el->i_rad = acos(fmin(fmax(h[2] / hn, -1.0), 1.0));
    el->lan_rad = node_longitude(raan, unix_s);
    if (!(energy < 0) || !(e < 0.999)) {
        el->a_km = rn;
        el->m0_rad = u;
        return;
    }
    el->a_km = -mu / (2 * energy);
    el->e = e;
    /* e sin nu = (r.v) h / (mu r), e cos nu = h^2 / (mu r) - 1, both times r */
    double nu = atan2(rv * hn / mu, hn * hn / mu - rn);
    el->argp_rad = interf_wrap_pi(u - nu);
    el->m0_rad = interf_mean_from_true(nu, e);
}

/* The first segment of object (NULL: none) and its information. */
static int first_segment(const struct interf_oem *oem, const char *object,
                         struct interf_oem_segment_info *info)
{
    for (size_t s = 0; s < interf_oem_segment_count(oem); s++)
        if (interf_oem_segment(oem, s, info, NULL) == INTERF_OK &&
            strcmp(info->object_name, object) == 0)
            return 1;
    return 0;
}

/* The names of the group's objects: the given ones, checked, or every object in order. */
static enum interf_status oem_objects(const struct interf_oem *oem, const char *const *objects,
                                      size_t n_objects, const char ***names, size_t *n,
                                      struct interf_error *err)
{
    size_t n_seg = interf_oem_segment_count(oem), cap = n_objects ? n_objects : n_seg;
    const char **list = malloc((cap ? cap : 1) * sizeof *list);
    struct interf_oem_segment_info info;
    *n = 0;
    if (!list)
        return interf_error_set(err, INTERF_ENOMEM, "OEM objects: out of memory");
    for (size_t k = 0; k < cap; k++) {
        const char *name = objects && n_objects ? objects[k] : NULL;
        if (!name && interf_oem_segment(oem, k, &info, NULL) == INTERF_OK)
            name = info.object_name;
        size_t j = 0;
        while (j < *n && strcmp(list[j], name) != 0)
            j++;
        if (j < *n && !n_objects)
            continue; /* a later segment of an object already listed */
        if (j < *n || !first_segment(oem, name, &info)) {
            free(list);
            return interf_error_set(err, INTERF_EINPUT, "OBJECT_NAME %s: %s", name,
                                    j < *n ? "given twice" : "not in the message");
        }
        list[(*n)++] = info.object_name; /* owned by the message */
    }
    *names = list;
    return INTERF_OK;
}

/* Fill the OEM group g of the objects names[0..n) and their stored elements. */
static enum interf_status oem_group(struct interf_constellation *c, struct sat_group *g,
                                    const char **names, struct interf_error *err)
{
    g->objects = calloc(g->n, sizeof *g->objects);
    g->frames = malloc(g->n * sizeof *g->frames);
    g->centers = malloc(g->n * sizeof *g->centers);
    if (!g->objects || !g->frames || !g->centers)
        return interf_error_set(err, INTERF_ENOMEM, "OEM objects: out of memory");
    for (size_t k = 0; k < g->n; k++) {
        struct interf_oem_segment_info info;
        struct interf_elements el;
        double r[3], v[3];
        size_t len = strlen(names[k]) + 1;
        if (!(g->objects[k] = malloc(len)))
            return interf_error_set(err, INTERF_ENOMEM, "OEM objects: out of memory");
        memcpy(g->objects[k], names[k], len);
        first_segment(g->oem, names[k], &info);
        g->frames[k] = info.ref_frame;
        g->centers[k] = info.center_name;
        enum interf_status st =
            interf_oem_state(g->oem, names[k], &info.use_start_utc, NULL, r, v, NULL, NULL, err);
        if (st != INTERF_OK)
            return st;
        state_elements(r, v, interf_jd_to_unix(&info.use_start_utc), &el);
        s1503_store(c, g->first + k, &el, NULL, -1);
    }
    return INTERF_OK;
}

enum interf_status interf_constellation_add_oem(struct interf_constellation *c,
                                                struct interf_oem *oem,
                                                const char *const *objects, size_t n_objects,
                                                size_t *first, struct interf_error *err)
{
    struct sat_group g = {INTERF_SAT_OEM, c->n, 0, NULL, NULL, oem, NULL, NULL, NULL};
    const char **names = NULL;
    if (first)
        *first = c->n;
    enum interf_status st = oem_objects(oem, objects, n_objects, &names, &g.n, err);
    if (st == INTERF_OK)
        st = make_room(c, g.n, err);
    if (st == INTERF_OK)
        st = oem_group(c, &g, names, err);
    free(names);
    if (st != INTERF_OK) {
        group_free(&g);
        return st;
    }
    c->groups[c->n_groups++] = g;
    c->n += g.n;
    return INTERF_OK;
}

/* ------------------------------------------------------------------ propagation */

/* The group that holds satellite k, or NULL for a satellite given by elements. */
static const struct sat_group *group_of(const struct interf_constellation *c, size_t k)
{
    for (size_t g = 0; g < c->n_groups; g++)
        if (k >= c->groups[g].first && k < c->groups[g].first + c->groups[g].n)
            return &c->groups[g];
    return NULL;
}

/* out from its entry j on */
static struct interf_ephem shifted(const struct interf_ephem *o, size_t j)
{
    int v = o->vx_km_s != NULL;
    struct interf_ephem s = {o->x_km + j, o->y_km + j, o->z_km + j, v ? o->vx_km_s + j : NULL,
                             v ? o->vy_km_s + j : NULL, v ? o->vz_km_s + j : NULL};
    return s;
}

/* Satellites [k, k + m) of TLE group g at UTC unix_s: SGP4 gives TEME; Earth-fixed axes by
 * Vallado's teme2ecef (AIAA 2006-6753): the IAU 1982 GMST at UT1, here UT1 = UTC and no polar
 * motion (time.h: up to 0.4 km and 20 m on the ground). */
static void tle_propagate(const struct sat_group *g, size_t k, size_t m, double unix_s,
                          enum interf_frame frame, const struct interf_ephem *o)
{
    interf_sgp4_batch_propagate(g->batch, k - g->first, m, unix_s, o, NULL);
    if (frame != INTERF_FRAME_ECEF)
        return;
    struct interf_time t;
    struct interf_earth_rotation rot;
    memset(&t, 0, sizeof t);
    interf_jd_from_unix(unix_s, &t.utc);
    t.ut1 = t.utc; /* the TEME rotation reads UT1 only */
    interf_earth_rotation_at(INTERF_CELESTIAL_TEME, &t, NULL, &rot);
    int want_v = o->vx_km_s != NULL;
    for (size_t j = 0; j < m; j++) {
        double r[3] = {o->x_km[j], o->y_km[j], o->z_km[j]}, v[3] = {0, 0, 0};
        if (want_v)
            v[0] = o->vx_km_s[j], v[1] = o->vy_km_s[j], v[2] = o->vz_km_s[j];
        interf_celestial_to_itrf(&rot, r, want_v ? v : NULL, r, want_v ? v : NULL);
        o->x_km[j] = r[0], o->y_km[j] = r[1], o->z_km[j] = r[2];
        if (want_v)
            o->vx_km_s[j] = v[0], o->vy_km_s[j] = v[1], o->vz_km_s[j] = v[2];
    }
}

/* Satellites [k, k + m) of OEM group g at UTC unix_s; NaN outside their usable spans. */
static void oem_propagate(const struct sat_group *g, size_t k, size_t m, double unix_s,
                          enum interf_frame frame, const struct interf_ephem *o)
{
    struct interf_jd utc;
    interf_jd_from_unix(unix_s, &utc);
    for (size_t j = 0; j < m; j++) {
        const char *obj = g->objects[k - g->first + j];
        double s[4][3];
        enum interf_status st;
        int at = frame == INTERF_FRAME_ECEF ? 2 : 0;
        if (frame == INTERF_FRAME_NATIVE)
            st = interf_oem_interpolate(g->oem, obj, &utc, s[0], s[1], NULL);
        else
            st = interf_oem_state(g->oem, obj, &utc, NULL, s[0], s[1], s[2], s[3], NULL);
        if (st != INTERF_OK)
            for (int i = 0; i < 6; i++)
                s[at + i / 3][i % 3] = NAN;
        o->x_km[j] = s[at][0], o->y_km[j] = s[at][1], o->z_km[j] = s[at][2];
        if (o->vx_km_s)
            o->vx_km_s[j] = s[at + 1][0], o->vy_km_s[j] = s[at + 1][1],
            o->vz_km_s[j] = s[at + 1][2];
    }
}

void interf_constellation_propagate(const struct interf_constellation *c, size_t first, size_t n,
                                    double t, const struct interf_orbit_run *run,
                                    enum interf_frame frame, const struct interf_ephem *out)
{
    size_t k = first, end = first + n, g = 0;
    double unix_s = c->epoch_unix_s + t;
    while (g < c->n_groups && c->groups[g].first + c->groups[g].n <= first)
        g++;
    while (k < end) {
        const struct sat_group *gr = g < c->n_groups ? &c->groups[g] : NULL;
        size_t stop = gr && gr->first < end ? gr->first : end;
        struct interf_ephem o = shifted(out, k - first);
        if (k < stop) {
            /* elements up to the next group: S.1503-4 §D6.3 (its inertial frame is native) */
            s1503_propagate(c, k, stop - k, t, run,
                            frame == INTERF_FRAME_ECEF ? INTERF_FRAME_ECEF
                                                       : INTERF_FRAME_INERTIAL, &o);
            k = stop;
            continue;
        }
        size_t m = (gr->first + gr->n < end ? gr->first + gr->n : end) - k;
        if (gr->kind == INTERF_SAT_TLE)
            tle_propagate(gr, k, m, unix_s, frame, &o);
        else
            oem_propagate(gr, k, m, unix_s, frame, &o);
        k += m;
        g++;
    }
}

int s1503_circular(const struct interf_constellation *c, size_t k)
{
    int elements = 1;
    for (size_t g = 0; g < c->n_groups; g++)
        elements &= !(k >= c->groups[g].first && k < c->groups[g].first + c->groups[g].n);
    return elements && c->e[k] == 0.0 && !c->fixed[k];
}

void interf_constellation_propagate_steps(const struct interf_constellation *c, size_t sat,
                                          const struct interf_orbit_run *run, double t0_s,
                                          double step_s, long k0, size_t n, double *x_km,
                                          double *y_km, double *z_km)
{
    if (s1503_circular(c, sat)) {
        s1503_propagate_steps(c, sat, run, t0_s, step_s, k0, n, NULL, x_km, y_km, z_km);
        return;
    }
    for (size_t j = 0; j < n; j++) {
        struct interf_ephem e = {x_km + j, y_km + j, z_km + j, NULL, NULL, NULL};
        double t = t0_s + (double)(k0 + (long)j) * step_s;
        interf_constellation_propagate(c, sat, 1, t, run, INTERF_FRAME_ECEF, &e);
    }
}

/* ------------------------------------------------------------------ who, and drop-outs */

void interf_constellation_ident(const struct interf_constellation *c, size_t k,
                                struct interf_sat_ident *id)
{
    const struct sat_group *g = group_of(c, k);
    id->kind = g ? g->kind : INTERF_SAT_ELEMENTS;
    id->name = "";
    id->catalog_number = -1;
    id->frame = "S.1503";
    id->center = "EARTH";
    if (g && g->kind == INTERF_SAT_TLE) {
        id->name = g->tles[k - g->first].name;
        id->catalog_number = g->tles[k - g->first].catalog_number;
        id->frame = "TEME";
    } else if (g) {
        id->name = g->objects[k - g->first];
        id->frame = g->frames[k - g->first];
        id->center = g->centers[k - g->first];
    }
}

/* 0 when satellite k (of group g) propagates at t, else its code (INTERF_DROPOUT_SPAN for an
 * OEM object outside its span). */
static int fails_at(const struct interf_constellation *c, const struct sat_group *g, size_t k,
                    double t)
{
    double unix_s = c->epoch_unix_s + t, r[3], v[3];
    if (g->kind == INTERF_SAT_TLE) {
        const struct interf_sgp4 *s = interf_sgp4_batch_satellite(g->batch, k - g->first);
        return interf_sgp4_propagate(s, interf_sgp4_minutes(s, unix_s), r, v);
    }
    struct interf_jd utc;
    interf_jd_from_unix(unix_s, &utc);
    return interf_oem_interpolate(g->oem, g->objects[k - g->first], &utc, r, v, NULL)
               ? INTERF_DROPOUT_SPAN
               : 0;
}

size_t interf_constellation_dropouts(const struct interf_constellation *c,
                                     const struct interf_time_window *w,
                                     struct interf_dropout *out, size_t n_max)
{
    size_t count = 0;
    long last = w->n_steps - 1;
    for (size_t gi = 0; gi < c->n_groups && last >= 0; gi++) {
        const struct sat_group *g = &c->groups[gi];
        for (size_t k = g->first; k < g->first + g->n; k++) {
            long lo = 0, hi = 0;
            int code = fails_at(c, g, k, interf_time_window_t(w, c->epoch_unix_s, 0));
            if (!code && (code = fails_at(c, g, k, interf_time_window_t(w, c->epoch_unix_s,
                                                                        last))) != 0)
                hi = last;
            /* fails at hi, not at lo: the first failing step between */
            while (hi - lo > 1) {
                long mid = lo + (hi - lo) / 2;
                int c_mid = fails_at(c, g, k, interf_time_window_t(w, c->epoch_unix_s, mid));
                if (c_mid)
                    hi = mid, code = c_mid;
                else
                    lo = mid;
            }
            if (!code)
                continue;
            if (count < n_max)
                out[count] = (struct interf_dropout){k, interf_time_window_t(w, c->epoch_unix_s,
                                                                             hi), code};
            count++;
        }
    }
    return count;
}

char *interf_dropout_describe(const struct interf_constellation *c,
                              const struct interf_dropout *d, char *buf, size_t n)
{
    struct interf_sat_ident id;
    char when[40], num[48] = "";
    interf_constellation_ident(c, d->sat, &id);
    if (id.catalog_number >= 0)
        snprintf(num, sizeof num, ", catalogue number %ld", id.catalog_number);
    snprintf(buf, n, "satellite %zu (%s%s) drops out of the run at %s: %s", d->sat, id.name, num,
             interf_time_format_utc(c->epoch_unix_s + d->t_s, when, sizeof when),
             d->code == INTERF_DROPOUT_SPAN ? "outside the usable span of its OEM"
                                            : interf_sgp4_code_str(d->code));
    return buf;
}
