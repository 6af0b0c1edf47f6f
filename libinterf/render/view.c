/* SPDX-License-Identifier: MIT */
/* interf render: the view of a map. The --proj names become PROJ strings on the S.1503-4 sphere
 * (R = 6378.145 km, so that the GSO view of geos:LON is the one of S.1503 geometry); the region
 * and, for the whole-Earth azimuthal views, the visible cap decide what is shown; the projected
 * bounds of what is shown are found by projecting a dense lattice of it. */
#include "render_impl.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define DEG (INTERF_PI / 180.0)
/* Points of the lattice sampled over the region to find its projected bounds. */
#define LAT_SAMPLES 181
#define LON_SAMPLES 361
#define CAP_SAMPLES 1440
/* Keep sampled points this far (deg) inside the region edges and the cap, where a rounding
 * error would put them on the other side of the seam or behind the horizon. */
#define EDGE_IN_DEG 1e-7

enum view_kind { K_EQC, K_ROBIN, K_MOLL, K_EQEARTH, K_ORTHO, K_GEOS, K_STERE, K_CUSTOM };

static const struct {
    const char *name;
    enum view_kind kind;
    int n_args; /* 1: LON (optional for the world maps); 2: LAT,LON (required) */
    int world;  /* the default region is the whole globe */
} kinds[] = {
    {"eqc", K_EQC, 1, 0},      {"robin", K_ROBIN, 1, 1}, {"moll", K_MOLL, 1, 1},
    {"eqearth", K_EQEARTH, 1, 1}, {"ortho", K_ORTHO, 2, 1}, {"geos", K_GEOS, 1, 1},
    {"stere", K_STERE, 2, 1},
};

/* Azimuthal PROJ projections: no seam (a line may go round the centre without a break). */
static const char *const azimuthal[] = {"ortho", "geos", "stere", "sterea", "ups", "laea",
                                        "aeqd", "gnom", "nsper", "tpers", NULL};

static double wrap180(double deg)
{
    deg = fmod(deg, 360.0);
    if (deg > 180)
        deg -= 360;
    else if (deg <= -180)
        deg += 360;
    return deg;
}

/* The number at the start of s (its characters [0-9+-.eE]) into *v; the rest in *end. */
static int leading_number(const char *s, double *v, const char **end)
{
    char num[64];
    size_t len = strspn(s, "0123456789+-.eE");
    if (len == 0 || len >= sizeof num)
        return 0;
    memcpy(num, s, len);
    num[len] = '\0';
    *end = s + len;
    return interf_parse_real(num, v);
}

/* "LAT,LON" or "LON" after the colon: n numbers, strict. */
static int parse_args(const char *s, int n, double *v)
{
    for (int k = 0; k < n; k++) {
        const char *end;
        if (!leading_number(s, &v[k], &end) || (k + 1 < n ? *end != ',' : *end != '\0'))
            return 0;
        s = end + 1;
    }
    return 1;
}

/* A value of "+key=" in a PROJ string, or def. */
static double proj_param(const char *s, const char *key, double def)
{
    const char *p = strstr(s, key), *end;
    double v;
    if (!p || !leading_number(p + strlen(key), &v, &end))
        return def;
    return v;
}

static int custom_is_azimuthal(const char *s)
{
    const char *p = strstr(s, "+proj=");
    if (!p)
        return 0;
    p += 6;
    for (int k = 0; azimuthal[k]; k++) {
        size_t n = strlen(azimuthal[k]);
        if (strncmp(p, azimuthal[k], n) == 0 && (p[n] == '\0' || p[n] == ' '))
            return 1;
    }
    return 0;
}

static enum interf_status bad_proj(const char *p, struct interf_error *err)
{
    return interf_error_set(err, INTERF_EINPUT, "projection: %s: unknown projection; known: eqc, "
                            "robin, moll, eqearth (each with an optional :LON), ortho:LAT,LON, "
                            "geos:LON, stere:LAT,LON, or a PROJ string \"+proj=...\"", p);
}

/* The kind, its centre (args) and whether it was given. */
static enum interf_status parse_projection(const char *p, enum view_kind *kind, double args[2],
                                           int *has_args, int *world, struct interf_error *err)
{
    *has_args = 0;
    if (p[0] == '+') {
        *kind = K_CUSTOM;
        *world = 0;
        return INTERF_OK;
    }
    const char *colon = strchr(p, ':');
    size_t len = colon ? (size_t)(colon - p) : strlen(p);
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        if (strlen(kinds[k].name) != len || strncmp(p, kinds[k].name, len) != 0)
            continue;
        *kind = kinds[k].kind;
        *world = kinds[k].world;
        if (!colon && kinds[k].n_args == 1 && kinds[k].kind != K_GEOS)
            return INTERF_OK;
        if (!colon || !parse_args(colon + 1, kinds[k].n_args, args))
            return interf_error_set(err, INTERF_EINPUT, "projection: %s: expected %s:%s", p,
                                    kinds[k].name, kinds[k].n_args == 2 ? "LAT,LON" : "LON");
        if (kinds[k].n_args == 2 && fabs(args[0]) > 90)
            return interf_error_set(err, INTERF_EINPUT, "projection: %s: latitude beyond 90", p);
        *has_args = 1;
        return INTERF_OK;
    }
    return bad_proj(p, err);
}

static enum interf_status region_init(struct view *v, const struct interf_grid *g,
                                      const struct interf_map_options *o, int world,
                                      struct interf_error *err)
{
    double *r = v->region;
    if (o->has_region) {
        memcpy(r, o->region_deg, sizeof v->region);
        if (!(isfinite(r[0]) && isfinite(r[1]) && isfinite(r[2]) && isfinite(r[3])) ||
            r[2] < -90 || r[3] > 90 || !(r[2] < r[3]) || r[0] == r[1] || fabs(r[0]) > 360 ||
            fabs(r[1]) > 360)
            return interf_error_set(err, INTERF_EINPUT, "region_deg: %g/%g/%g/%g: expected "
                                    "W/E/S/N with -90 <= S < N <= 90 and W != E", r[0], r[1],
                                    r[2], r[3]);
        /* 170/-170 crosses the antimeridian: it is 170/190. */
        while (r[1] < r[0])
            r[1] += 360;
        if (r[1] - r[0] > 360)
            return interf_error_set(err, INTERF_EINPUT, "region_deg: more than 360 deg of "
                                    "longitude");
    } else if (world) {
        r[0] = -180, r[1] = 180, r[2] = -90, r[3] = 90;
    } else {
        interf_grid_bounds(&g->spec, r);
    }
    v->region_global = r[1] - r[0] >= 360 - 1e-9;
    return INTERF_OK;
}

/* The PROJ string for a named kind. */
static void build_proj(struct view *v, enum view_kind kind, const double args[2])
{
    static const char *const pname[] = {"eqc", "robin", "moll", "eqearth"};
    size_t n = sizeof v->proj;
    switch (kind) {
    case K_ORTHO:
    case K_STERE:
        interf_format_c(v->proj, n, "+proj=%s +lat_0=%.10g +lon_0=%.10g +R=%.0f",
                        kind == K_ORTHO ? "ortho" : "stere", args[0], args[1], VIEW_R_M);
        break;
    case K_GEOS:
        interf_format_c(v->proj, n, "+proj=geos +h=%.0f +lon_0=%.10g +R=%.0f", VIEW_GSO_H_M,
                        args[0], VIEW_R_M);
        break;
    default:
        interf_format_c(v->proj, n, "+proj=%s +lon_0=%.10g +R=%.0f", pname[kind],
                        v->lon0_deg, VIEW_R_M);
    }
}

static void set_cap(struct view *v, enum view_kind kind, const double args[2],
                    const struct interf_map_options *o)
{
    v->has_cap = kind == K_ORTHO || kind == K_GEOS || (kind == K_STERE &&
                                                       (!o->has_region || v->region_global));
    if (kind == K_GEOS) {
        v->cap_lat_deg = 0;
        v->cap_lon_deg = args[0];
        /* The limb seen from the GSO: cos(radius) = Re / Rgeo (S.1503-4 Table 2 values). */
        v->cap_radius_deg = acos(VIEW_R_M / (VIEW_R_M + VIEW_GSO_H_M)) / DEG;
    } else {
        v->cap_lat_deg = args[0];
        v->cap_lon_deg = args[1];
        v->cap_radius_deg = 90;
    }
    v->cap_sin_lat = sin(v->cap_lat_deg * DEG);
    v->cap_cos_lat = cos(v->cap_lat_deg * DEG);
}

static enum interf_status open_pj(struct view *v, struct interf_error *err)
{
    v->ctx = proj_context_create();
    if (!v->ctx)
        return interf_error_set(err, INTERF_ENOMEM, "cannot create a PROJ context");
    /* The library never prints: PROJ would log its errors to stderr. */
    proj_log_level(v->ctx, PJ_LOG_NONE);
    v->pj = proj_create(v->ctx, v->proj);
    if (!v->pj)
        return interf_error_set(err, INTERF_EINPUT, "projection: %s: PROJ: %s", v->proj,
                                proj_context_errno_string(v->ctx, proj_context_errno(v->ctx)));
    if (!proj_angular_input(v->pj, PJ_FWD) || proj_angular_output(v->pj, PJ_FWD))
        return interf_error_set(err, INTERF_EINPUT, "projection: %s: not a map projection (it must "
                                "take longitude and latitude to x and y)", v->proj);
    return INTERF_OK;
}

/* Angular distance (deg) of lat/lon from the cap's centre (atan2 form: exact near 0 and 180;
 * the centre's sine and cosine are kept in the view, as this runs for every pixel). */
static double cap_distance_deg(const struct view *v, double lat, double lon)
{
    double p2 = lat * DEG, dl = (lon - v->cap_lon_deg) * DEG, s2, c2, sl, cl;
    s2 = sin(p2);
    c2 = cos(p2);
    sl = sin(dl);
    cl = cos(dl);
    double a = c2 * sl, b = v->cap_cos_lat * s2 - v->cap_sin_lat * c2 * cl;
    double c = v->cap_sin_lat * s2 + v->cap_cos_lat * c2 * cl;
    return atan2(sqrt(a * a + b * b), c) / DEG;
}

double render_view_lon_in_region(const struct view *v, double lon)
{
    double d = fmod(lon - v->region[0], 360.0);
    return v->region[0] + (d < 0 ? d + 360.0 : d);
}

double render_view_inside_deg(const struct view *v, double lon, double lat)
{
    double m = fmin(lat - v->region[2], v->region[3] - lat);
    if (!v->region_global || v->seam) {
        double l = render_view_lon_in_region(v, lon);
        m = fmin(m, fmin(l - v->region[0], v->region[1] - l));
    }
    if (v->has_cap)
        m = fmin(m, v->cap_radius_deg - cap_distance_deg(v, lat, lon));
    return m;
}

void render_view_forward(const struct view *v, size_t n, double *x, double *y)
{
    for (size_t k = 0; k < n; k++) {
        if (v->has_cap && cap_distance_deg(v, y[k], x[k]) > v->cap_radius_deg) {
            x[k] = y[k] = HUGE_VAL;
            continue;
        }
        x[k] *= DEG;
        y[k] *= DEG;
    }
    proj_trans_generic(v->pj, PJ_FWD, x, sizeof *x, n, y, sizeof *y, n, NULL, 0, 0, NULL, 0, 0);
    for (size_t k = 0; k < n; k++)
        if (!isfinite(x[k]) || !isfinite(y[k]) || fabs(x[k]) > 1e15 || fabs(y[k]) > 1e15)
            x[k] = y[k] = HUGE_VAL;
}

/* Points on the cap's edge (just inside) that are inside the region. */
static size_t cap_edge(const struct view *v, double *lon, double *lat)
{
    size_t n = 0;
    double r = (v->cap_radius_deg - EDGE_IN_DEG) * DEG, p0 = v->cap_lat_deg * DEG;
    for (int k = 0; k < CAP_SAMPLES; k++) {
        double az = 2 * INTERF_PI * k / CAP_SAMPLES;
        double sp = sin(p0) * cos(r) + cos(p0) * sin(r) * cos(az);
        double la = asin(sp > 1 ? 1 : sp < -1 ? -1 : sp) / DEG;
        double lo = v->cap_lon_deg +
                    atan2(sin(az) * sin(r) * cos(p0), cos(r) - sin(p0) * sp) / DEG;
        if (render_view_inside_deg(v, lo, la) > -EDGE_IN_DEG) {
            lon[n] = lo;
            lat[n++] = la;
        }
    }
    return n;
}

/* Projected bounds of the region (and cap): a lattice over it, its edges and the cap's edge. */
static enum interf_status find_bounds(struct view *v, struct interf_error *err)
{
    size_t cap = (size_t)LAT_SAMPLES * LON_SAMPLES + CAP_SAMPLES, n = 0;
    double *x = malloc(cap * sizeof *x), *y = malloc(cap * sizeof *y);
    if (!x || !y) {
        free(x);
        free(y);
        return interf_error_set(err, INTERF_ENOMEM, "map: out of memory");
    }
    const double *r = v->region;
    for (int j = 0; j < LAT_SAMPLES; j++) {
        double la = r[2] + (r[3] - r[2]) * j / (LAT_SAMPLES - 1);
        la = fmin(fmax(la, r[2] + EDGE_IN_DEG), r[3] - EDGE_IN_DEG);
        for (int i = 0; i < LON_SAMPLES; i++) {
            double lo = r[0] + EDGE_IN_DEG +
                        (r[1] - r[0] - 2 * EDGE_IN_DEG) * i / (LON_SAMPLES - 1);
            if (v->has_cap && render_view_inside_deg(v, lo, la) < 0)
                continue;
            x[n] = lo;
            y[n++] = la;
        }
    }
    if (v->has_cap)
        n += cap_edge(v, x + n, y + n);
    render_view_forward(v, n, x, y);
    v->x_min = v->y_min = HUGE_VAL;
    v->x_max = v->y_max = -HUGE_VAL;
    for (size_t k = 0; k < n; k++) {
        if (x[k] == HUGE_VAL)
            continue;
        v->x_min = fmin(v->x_min, x[k]);
        v->x_max = fmax(v->x_max, x[k]);
        v->y_min = fmin(v->y_min, y[k]);
        v->y_max = fmax(v->y_max, y[k]);
    }
    free(x);
    free(y);
    if (!(v->x_max > v->x_min) || !(v->y_max > v->y_min))
        return interf_error_set(err, INTERF_EINPUT, "projection: %s: the region %g/%g/%g/%g does not "
                                "project to an area", v->proj, r[0], r[1], r[2], r[3]);
    return INTERF_OK;
}

enum interf_status render_view_init(struct view *v, const struct interf_grid *g,
                                    const struct interf_map_options *o, struct interf_error *err)
{
    enum view_kind kind = K_CUSTOM;
    double args[2] = {0, 0};
    int has_args = 0, world = 0;
    const char *p = o->projection && o->projection[0] ? o->projection : "eqc";
    memset(v, 0, sizeof *v);
    enum interf_status st = parse_projection(p, &kind, args, &has_args, &world, err);
    if (st == INTERF_OK)
        st = region_init(v, g, o, world, err);
    if (st != INTERF_OK)
        return st;
    v->rect = kind == K_EQC;
    v->seam = kind <= K_EQEARTH || (kind == K_CUSTOM && !custom_is_azimuthal(p));
    if (kind == K_CUSTOM) {
        if (strlen(p) >= sizeof v->proj)
            return interf_error_set(err, INTERF_EINPUT, "projection: PROJ string too long");
        memcpy(v->proj, p, strlen(p) + 1);
        v->lon0_deg = proj_param(p, "+lon_0=", 0.0);
    } else {
        /* Without a region, world maps centre on the grid's longitudes. */
        double b[4];
        interf_grid_bounds(&g->spec, b);
        const double *c = world && !o->has_region ? b : v->region;
        v->lon0_deg = kind == K_GEOS ? args[0] : kind >= K_ORTHO ? args[1]
                      : has_args ? args[0] : wrap180((c[0] + c[1]) / 2);
        v->lon0_deg = wrap180(v->lon0_deg);
        build_proj(v, kind, args);
        if (kind >= K_ORTHO)
            set_cap(v, kind, args, o);
    }
    /* A whole-Earth region of a map with a seam is cut at the seam, lon0 +- 180. */
    if (v->region_global && v->seam) {
        v->region[0] = v->lon0_deg - 180;
        v->region[1] = v->lon0_deg + 180;
    }
    if ((st = open_pj(v, err)) != INTERF_OK)
        return st;
    return find_bounds(v, err);
}

void render_view_free(struct view *v)
{
    proj_destroy(v->pj);
    if (v->ctx)
        proj_context_destroy(v->ctx);
    v->pj = NULL;
    v->ctx = NULL;
}

int render_geo_to_px(const struct interf_map *m, double lon, double lat, double *px, double *py)
{
    const struct layout *L = &m->lay;
    double x = lon, y = lat;
    render_view_forward(&m->view, 1, &x, &y);
    if (x == HUGE_VAL)
        return 0;
    *px = (x - L->x_left_m) / L->m_per_px;
    *py = (L->y_top_m - y) / L->m_per_px;
    return fabs(*px) < 1e6 && fabs(*py) < 1e6;
}

void render_map_warn(struct interf_map *m, const char *fmt, ...)
{
    if (m->n_warn == MAP_WARN_MAX)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m->warn[m->n_warn++], sizeof m->warn[0], fmt, ap);
    va_end(ap);
}
