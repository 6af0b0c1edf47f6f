/* SPDX-License-Identifier: MIT */
/* Planning an EPFD run: the earth stations (position, local frame, boresight toward the GSO
 * arc, the epsilon_GSO gate of Rec. ITU-R S.1503-4 (09/2023) Table 8), tiles of nearby points,
 * the emitters (satellite x beam) with their power and gain tables, and the GSO-arc tables. */
#include <limits.h>
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

#include "epfd_impl.h"
#include "interf/geo.h"

/* Cells of the gain tables (see gain.c). */
#define GAIN_CELLS 32768

static enum interf_status nomem(struct interf_error *err)
{
    return interf_error_set(err, INTERF_ENOMEM, "EPFD plan: out of memory");
}

static int alloc_points(struct epfd_points *p, size_t n, int fp64)
{
    size_t m = n ? n : 1;
    int ok = 1;
#define ALLOC_F(name) ok &= (p->f.name = malloc(m * sizeof(float))) != NULL;
#define ALLOC_D(name) ok &= !fp64 || (p->d.name = malloc(m * sizeof(double))) != NULL;
    EPFD_GEOM_FIELDS(ALLOC_F)
    EPFD_GEOM_FIELDS(ALLOC_D)
    p->index = malloc(m * sizeof *p->index);
    p->alpha = calloc(m, sizeof *p->alpha);
    p->zu = malloc(m * sizeof *p->zu);
    p->zd = malloc(m * sizeof *p->zd);
    return ok && p->index && p->alpha && p->zu && p->zd;
}

static void free_points(struct epfd_points *p)
{
#define FREE_G(name) free(p->f.name), free(p->d.name);
    EPFD_GEOM_FIELDS(FREE_G)
    free(p->index);
    free(p->alpha);
    free(p->zu);
    free(p->zd);
}

/* The boresight of the earth station at st, or 0 when its GSO satellite is below eps_gso (or
 * behind the Earth): the point is then not computed (NODATA). */
static int boresight(const struct interf_epfd_spec *s, const struct interf_station *st,
                     double b[3])
{
    if (s->pointing == INTERF_ES_AZEL) {
        interf_station_direction(st, s->az_deg * INTERF_DEG, s->el_deg * INTERF_DEG, b);
        return 1;
    }
    double lon = s->pointing == INTERF_ES_GSO_SAME ? st->lon_rad : s->gso_lon_deg * INTERF_DEG;
    double g[3], el;
    interf_gso_ecef(lon, g);
    interf_station_look(st, g, NULL, &el, NULL);
    if (!(el >= s->eps_gso_deg * INTERF_DEG))
        return 0;
    double d = 0;
    for (int i = 0; i < 3; i++) {
        b[i] = g[i] - st->ecef_km[i];
        d += b[i] * b[i];
    }
    d = sqrt(d);
    for (int i = 0; i < 3; i++)
        b[i] /= d;
    return 1;
}

static void store_point(struct epfd_points *p, size_t k, size_t orig,
                        const struct interf_station *st, const double b[3])
{
    p->index[k] = orig;
    /* South of the equator the north vector is stored mirrored: alpha(lat, e, n, u) =
     * alpha(-lat, e, -n, u) (the GSO arc is symmetric about the equatorial plane), so one
     * GSO-arc table of |latitude| serves both hemispheres. */
    double m = st->lat_rad < 0 ? -1.0 : 1.0, h[3], w[3];
    interf_station_frame(st, b, h, w);
    /* in the order of EPFD_GEOM_FIELDS */
    const double v[] = {st->ecef_km[0], st->ecef_km[1], st->ecef_km[2], st->up[0], st->up[1],
                        st->up[2], st->east[0], st->east[1], st->east[2], m * st->north[0],
                        m * st->north[1], m * st->north[2], b[0], b[1], b[2], h[0], h[1], h[2],
                        w[0], w[1], w[2]};
    int j = 0;
#define STORE(name)                                                                                \
    p->f.name[k] = (float)v[j];                                                                    \
    if (p->d.name)                                                                                 \
        p->d.name[k] = v[j];                                                                       \
    j++;
    EPFD_GEOM_FIELDS(STORE)
}

/* Tile order: grid blocks of EPFD_TILE_SIDE^2 cells inside super blocks of EPFD_SUPER_SIDE^2
 * tiles, or runs of the list. order[] receives the original indices, tile_of[] the tile of
 * each, super_of[] the super tile of each tile. Returns the number of tiles. */
static size_t tile_order(const struct interf_epfd_plan *p, size_t *order, size_t *tile_of,
                         size_t *super_of)
{
    size_t n = p->n_points, k = 0, t = 0, u = 0;
    if (!p->spec.grid) {
        for (size_t i = 0; i < n; i++) {
            order[i] = i;
            tile_of[i] = i / EPFD_TILE_MAX;
            super_of[tile_of[i]] = tile_of[i] / (EPFD_SUPER_SIDE * EPFD_SUPER_SIDE);
        }
        return (n + EPFD_TILE_MAX - 1) / EPFD_TILE_MAX;
    }
    const size_t ts = EPFD_TILE_SIDE, ss = EPFD_TILE_SIDE * EPFD_SUPER_SIDE;
    size_t cols = p->grid.ncols, rows = p->grid.nrows;
    for (size_t R = 0; R < rows; R += ss)
        for (size_t C = 0; C < cols; C += ss, u++)
            for (size_t r0 = R; r0 < R + ss && r0 < rows; r0 += ts)
                for (size_t c0 = C; c0 < C + ss && c0 < cols; c0 += ts, t++) {
                    super_of[t] = u;
                    for (size_t r = r0; r < r0 + ts && r < rows; r++)
                        for (size_t c = c0; c < c0 + ts && c < cols; c++) {
                            order[k] = r * cols + c;
                            tile_of[k++] = t;
                        }
                }
    return t;
}

/* The smallest-ish cap (centre: the normalised mean) that holds points [first, first + n). */
static struct epfd_cap cap_of(const struct epfd_points *pts, size_t first, size_t n)
{
    const struct epfd_geom_f *p = &pts->f;
    struct epfd_cap cap;
    double c[3] = {0, 0, 0}, mincos = 1;
    for (size_t i = first; i < first + n; i++)
        c[0] += p->ux[i], c[1] += p->uy[i], c[2] += p->uz[i];
    double norm = sqrt(c[0] * c[0] + c[1] * c[1] + c[2] * c[2]);
    if (!(norm > 1e-6 * (double)n)) {
        /* points all round the globe: their mean is no centre; the cap is the whole sphere */
        cap.cx = 0, cap.cy = 0, cap.cz = 1, cap.radius_rad = INTERF_PI;
        return cap;
    }
    cap.cx = c[0] / norm, cap.cy = c[1] / norm, cap.cz = c[2] / norm;
    for (size_t i = first; i < first + n; i++) {
        double r = sqrt((double)p->gx[i] * p->gx[i] + (double)p->gy[i] * p->gy[i] +
                        (double)p->gz[i] * p->gz[i]);
        double cs = (cap.cx * p->gx[i] + cap.cy * p->gy[i] + cap.cz * p->gz[i]) / r;
        mincos = cs < mincos ? cs : mincos;
    }
    cap.radius_rad = acos(mincos > 1 ? 1 : mincos < -1 ? -1 : mincos);
    return cap;
}

/* Caps of the tiles and super tiles, and the super tiles' ranges of tiles. */
static void caps(struct interf_epfd_plan *p, const size_t *super_of_tile)
{
    for (size_t t = 0; t < p->n_tiles; t++)
        p->tiles[t].cap = cap_of(&p->pts, p->tiles[t].first, p->tiles[t].n);
    for (size_t t = 0; t < p->n_tiles; t++) {
        if (t == 0 || super_of_tile[t] != super_of_tile[t - 1])
            p->supers[p->n_supers++] = (struct epfd_super){t, 0, {0, 0, 1, 0}};
        p->supers[p->n_supers - 1].n++;
    }
    p->all = p->pts.n ? cap_of(&p->pts, 0, p->pts.n) : (struct epfd_cap){0, 0, 1, 0};
    for (size_t u = 0; u < p->n_supers; u++) {
        struct epfd_super *sp = &p->supers[u];
        const struct epfd_tile *a = &p->tiles[sp->first], *b = &p->tiles[sp->first + sp->n - 1];
        sp->cap = cap_of(&p->pts, a->first, b->first + b->n - a->first);
    }
}

/* Earth stations, tiles and the NODATA mask. */
static enum interf_status plan_points(struct interf_epfd_plan *p, struct interf_error *err)
{
    const struct interf_epfd_spec *s = &p->spec;
    size_t n = p->n_points, m = n ? n : 1;
    size_t *order = malloc(m * sizeof *order), *tile_of = malloc(m * sizeof *tile_of);
    size_t *super_of = malloc(m * sizeof *super_of), *super_of_tile = NULL;
    enum interf_status st = INTERF_ENOMEM;
    p->nodata = calloc(m, 1);
    if (!order || !tile_of || !super_of || !p->nodata || !alloc_points(&p->pts, n, s->fp64))
        goto done;
    size_t n_tiles = tile_order(p, order, tile_of, super_of), k = 0, last = (size_t)-1;
    p->tiles = calloc(n_tiles ? n_tiles : 1, sizeof *p->tiles);
    p->supers = calloc(n_tiles ? n_tiles : 1, sizeof *p->supers);
    super_of_tile = calloc(n_tiles ? n_tiles : 1, sizeof *super_of_tile);
    if (!p->tiles || !p->supers || !super_of_tile)
        goto done;
    for (size_t j = 0; j < n; j++) {
        size_t i = order[j];
        struct interf_station sta;
        double b[3];
        st = interf_station_init(s->earth, p->lat_deg[i] * INTERF_DEG, p->lon_deg[i] * INTERF_DEG,
                                 0.0, &sta, err);
        if (st != INTERF_OK)
            goto done;
        if (!boresight(s, &sta, b)) {
            p->nodata[i] = 1;
            continue;
        }
        /* a tile holds the computed points of one block; blocks with none vanish */
        if (k > 0 && tile_of[j] != last)
            p->n_tiles++;
        last = tile_of[j];
        struct epfd_tile *tl = &p->tiles[p->n_tiles];
        if (tl->n == 0)
            tl->first = k;
        tl->n++;
        super_of_tile[p->n_tiles] = super_of[tile_of[j]];
        store_point(&p->pts, k++, i, &sta, b);
    }
    if (k > 0)
        p->n_tiles++;
    p->pts.n = k;
    caps(p, super_of_tile);
    st = INTERF_OK;
done:
    free(order);
    free(tile_of);
    free(super_of);
    free(super_of_tile);
    return st == INTERF_ENOMEM ? nomem(err) : st;
}

/* The satellite gain table of antenna ai, built on first use; its index in *gi. */
static enum interf_status sat_gain(struct interf_epfd_plan *p, size_t ai, int *gi, size_t *map,
                                   struct interf_error *err)
{
    if (map[ai] != (size_t)-1) {
        *gi = (int)map[ai];
        return INTERF_OK;
    }
    const struct interf_system_antenna *a = interf_system_antenna(p->spec.sys, ai);
    struct interf_error e2;
    if (epfd_gain_build(&p->sat_gain[p->n_sat_gain], &a->antenna, GAIN_CELLS, p->spec.fp64,
                        &e2) != INTERF_OK)
        return interf_error_set(err, e2.status, "%s:%d: [antenna %s] %s",
                                interf_system_info(p->spec.sys)->path, a->line, a->name, e2.msg);
    map[ai] = p->n_sat_gain;
    *gi = (int)p->n_sat_gain++;
    return INTERF_OK;
}

/* One emitter per lit beam of every satellite, in satellite order (the summation order). */
static enum interf_status plan_emitters(struct interf_epfd_plan *p, struct interf_error *err)
{
    const struct interf_system *sys = p->spec.sys;
    const struct interf_system_info *info = interf_system_info(sys);
    size_t n_em = 0;
    for (size_t s = 0; s < info->n_sats; s++) {
        const struct interf_system_orbit *o =
            interf_system_orbit(sys, interf_system_sat_orbit(sys, s));
        n_em += o->exam.pfd_mask ? 1 : o->n_beams;
    }
    if (n_em == 0)
        return interf_error_set(err, INTERF_EINPUT,
                                "%s: no orbit carries a beam: nothing transmits (see beams = in "
                                "interf-system(5))", info->path);
    size_t *map = malloc(info->n_antennas * sizeof *map);
    p->em = calloc(n_em, sizeof *p->em);
    p->sat_gain = calloc(info->n_antennas ? info->n_antennas : 1, sizeof *p->sat_gain);
    if (!map || !p->em || !p->sat_gain) {
        free(map);
        return nomem(err);
    }
    memset(map, 0xff, info->n_antennas * sizeof *map);
    /* P Gt Gr / (4 pi d^2 Gr,max) with d in km: 1e-6 turns km^2 into m^2 */
    double k = 1e-6 / (4.0 * INTERF_PI * pow(10.0, p->spec.es->gain_max_dbi / 10.0));
    enum interf_status st = INTERF_OK;
    for (size_t s = 0; s < info->n_sats && st == INTERF_OK; s++) {
        const struct interf_system_orbit *o =
            interf_system_orbit(sys, interf_system_sat_orbit(sys, s));
        if (o->exam.pfd_mask) { /* the filed mask in place of the beams (S.1503-4 §B4.1) */
            epfd_mask_emitter(&p->em[p->n_em++], s, o,
                              info->ref_bandwidth_khz * pow(10.0, p->spec.power_offset_db / 10),
                              p->spec.es->gain_max_dbi);
            p->any_alpha |= o->gso_avoidance_deg > 0;
            continue;
        }
        for (size_t b = 0; b < o->n_beams && st == INTERF_OK; b++) {
            struct epfd_emitter *e = &p->em[p->n_em++];
            e->sat = s;
            e->beam = interf_system_beam(sys, o->beams[b]);
            e->p = pow(10.0, (e->beam->power_dbw + p->spec.power_offset_db) / 10.0) * k;
            e->min_el_rad = o->min_elevation_deg * INTERF_DEG;
            e->sin_min_el = sin(e->min_el_rad);
            e->alpha0_rad = (float)(o->gso_avoidance_deg * INTERF_DEG);
            e->orient_deg = (float)e->beam->orientation_deg;
            if (e->beam->pointing == INTERF_POINT_AIM &&
                (st = interf_geo_to_ecef(p->spec.earth, e->beam->aim_lat_deg * INTERF_DEG,
                                         e->beam->aim_lon_deg * INTERF_DEG, 0, e->aim_km,
                                         err)) != INTERF_OK)
                break;
            p->any_alpha |= o->gso_avoidance_deg > 0;
            st = sat_gain(p, e->beam->antenna, &e->gain, map, err);
        }
    }
    free(map);
    return st;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* GSO-arc tables for the distinct |latitudes| of the computed points; table 0 never suppresses
 * (points from which no arc is visible, and runs without avoidance). */
static enum interf_status plan_alpha(struct interf_epfd_plan *p, struct interf_error *err)
{
    size_t n = p->pts.n, nl = 0;
    double *lat = malloc((n ? n : 1) * sizeof *lat);
    if (!lat)
        return nomem(err);
    for (size_t i = 0; i < n && p->any_alpha; i++)
        lat[nl++] = fabs(p->lat_deg[p->pts.index[i]]);
    qsort(lat, nl, sizeof *lat, cmp_double);
    size_t nd = 0;
    for (size_t i = 0; i < nl; i++)
        if (nd == 0 || lat[i] != lat[nd - 1])
            lat[nd++] = lat[i];
    p->alpha_tab = calloc(nd + 1, sizeof *p->alpha_tab);
    p->alpha_node = malloc((nd + 1) * EPFD_ALPHA_NODES * sizeof(float));
    p->alpha_bound = malloc((nd + 1) * EPFD_ALPHA_BOUNDS * sizeof(float));
    if (!p->alpha_tab || !p->alpha_node || !p->alpha_bound) {
        free(lat);
        return nomem(err);
    }
    p->n_alpha = nd + 1;
    for (size_t k = 0; k < EPFD_ALPHA_NODES; k++)
        p->alpha_node[k] = 1e3f;
    memset(p->alpha_bound, 0, EPFD_ALPHA_BOUNDS * sizeof(float));
    /* the tables are independent: build them on all threads (each is ~0.05 s) */
    #pragma omp parallel for schedule(dynamic) num_threads(p->threads)
    for (size_t k = 0; k < nd; k++) {
        struct interf_alpha_table *t = NULL;
        if (interf_alpha_table_create(lat[k] * INTERF_DEG, 0, EPFD_ALPHA_CELLS, &t, NULL) !=
            INTERF_OK)
            continue; /* no arc visible: the points use table 0 */
        const float *node, *bound;
        epfd_alpha_raw(t, &node, &bound);
        memcpy(p->alpha_node + (k + 1) * EPFD_ALPHA_NODES, node, EPFD_ALPHA_NODES * sizeof(float));
        memcpy(p->alpha_bound + (k + 1) * EPFD_ALPHA_BOUNDS, bound,
               EPFD_ALPHA_BOUNDS * sizeof(float));
        p->alpha_tab[k + 1] = t;
    }
    for (size_t i = 0; i < n && nd; i++) {
        double key = fabs(p->lat_deg[p->pts.index[i]]);
        double *hit = bsearch(&key, lat, nd, sizeof *lat, cmp_double);
        size_t k = (size_t)(hit - lat) + 1;
        p->pts.alpha[i] = p->alpha_tab[k] ? (int32_t)k : 0;
    }
    free(lat);
    return INTERF_OK;
}

/* The GSO-arc tables' verdicts for each distinct alpha0 of the emitters (epfd_alpha_codes), and
 * each emitter's place in them */
static enum interf_status plan_alpha_codes(struct interf_epfd_plan *p, struct interf_error *err)
{
    const size_t words = p->n_alpha * EPFD_ALPHA_WORDS;
    size_t n = 0;
    float *a0 = malloc((p->n_em ? p->n_em : 1) * sizeof *a0);
    if (!a0)
        return nomem(err);
    for (size_t j = 0; j < p->n_em; j++) {
        size_t k = 0;
        while (k < n && a0[k] != p->em[j].alpha0_rad)
            k++;
        if (k == n && p->em[j].alpha0_rad > 0)
            a0[n++] = p->em[j].alpha0_rad;
        p->em[j].code = k < n ? (int)(k * words) : 0;
    }
    if ((double)n * (double)words > INT_MAX ||
        !(p->alpha_code = malloc((n ? n : 1) * words * sizeof *p->alpha_code))) {
        free(a0);
        return nomem(err);
    }
    #pragma omp parallel for num_threads(p->threads)
    for (size_t k = 0; k < n; k++)
        epfd_alpha_codes(p->alpha_node, p->alpha_bound, p->n_alpha, a0[k],
                         p->alpha_code + k * words);
    free(a0);
    return INTERF_OK;
}

/* Margin (rad) of the declination bound: float rounding of the pair geometry and the points'
 * heights above the sphere of the GSO-arc tables. */
#define DECL_MARGIN_RAD (0.05 * INTERF_DEG)

/* The declination band of the visible GSO arc seen from each point (see epfd_points.zu). Arc
 * points at longitude offset D from a point at latitude lat (on the sphere of the tables) are
 * at distance d(D) = sqrt(Rgeo^2 + Re^2 - 2 Rgeo Re cos(lat) cos D), in direction z component
 * -Re sin(lat) / d: monotonic in |D| up to the horizon, |D| <= acos(Re / (Rgeo cos lat)). */
static void plan_decl_bound(struct interf_epfd_plan *p)
{
    double a0 = 0;
    for (size_t j = 0; j < p->n_em; j++)
        a0 = p->em[j].alpha0_rad > a0 ? p->em[j].alpha0_rad : a0;
    for (size_t i = 0; i < p->pts.n; i++) {
        p->pts.zu[i] = -2.0f, p->pts.zd[i] = 2.0f;
        if (p->pts.alpha[i] == 0)
            continue; /* table 0: nothing suppressed, nothing to decide */
        double lat = p->lat_deg[p->pts.index[i]] * INTERF_DEG, re = INTERF_RE_KM;
        double rg = INTERF_RGEO_KM, c = cos(lat), dmax = sqrt(rg * rg - re * re);
        double dmin = sqrt(rg * rg + re * re - 2 * rg * re * c);
        double z1 = asin(-re * sin(lat) / dmin), z2 = asin(-re * sin(lat) / dmax);
        double hi = fmax(z1, z2) + a0 + DECL_MARGIN_RAD, lo = fmin(z1, z2) - a0 - DECL_MARGIN_RAD;
        p->pts.zu[i] = hi < INTERF_PI / 2 ? (float)sin(hi) : 2.0f;
        p->pts.zd[i] = lo > -INTERF_PI / 2 ? (float)sin(lo) : -2.0f;
    }
}

/* The earth station's gain table; messages say which antenna. */
static enum interf_status es_gain(struct interf_epfd_plan *p, struct interf_error *err)
{
    struct interf_error e2;
    if (epfd_gain_build(&p->es_gain, p->spec.es, GAIN_CELLS, p->spec.fp64, &e2) != INTERF_OK)
        return interf_error_set(err, e2.status, "earth station pattern %s", e2.msg);
    return INTERF_OK;
}

static enum interf_status check_spec(const struct interf_epfd_spec *s, struct interf_error *err)
{
    if (!s->sys || !s->earth || !s->es ||
        (!s->grid && s->n_points && (!s->lat_deg || !s->lon_deg)))
        return interf_error_set(err, INTERF_EINVAL, "EPFD plan: incomplete specification");
    const struct interf_time_window *w = &s->window;
    if (!(w->step_s > 0) || !isfinite(w->step_s) || w->n_steps < 1 ||
        !isfinite(w->start_unix_s) || !(w->t_run_s >= 0))
        return interf_error_set(err, INTERF_EINPUT, "step_s %g s, n_steps %ld: must be positive",
                                w->step_s, w->n_steps);
    if ((double)w->n_steps > INTERF_HIST_MAX_STEPS)
        return interf_error_set(err, INTERF_EINPUT, "n_steps %ld: more than %.0f steps",
                                w->n_steps, INTERF_HIST_MAX_STEPS);
    return s->grid ? interf_grid_spec_check(s->grid, err) : INTERF_OK;
}

/* The points' coordinates by original index: the grid's cell centres, or the list. */
static enum interf_status plan_coords(struct interf_epfd_plan *p, struct interf_error *err)
{
    const struct interf_epfd_spec *s = &p->spec;
    if (s->grid) {
        p->grid = *s->grid;
        p->spec.grid = &p->grid;
        p->spec.lat_deg = p->spec.lon_deg = NULL;
        p->n_points = p->grid.ncols * p->grid.nrows;
    } else {
        p->n_points = s->n_points;
    }
    p->spec.n_points = p->n_points;
    size_t m = p->n_points ? p->n_points : 1;
    p->lat_deg = malloc(m * sizeof *p->lat_deg);
    p->lon_deg = malloc(m * sizeof *p->lon_deg);
    if (!p->lat_deg || !p->lon_deg)
        return nomem(err);
    for (size_t i = 0; i < p->n_points; i++) {
        if (s->grid) {
            p->lat_deg[i] = interf_grid_lat_deg(&p->grid, i / p->grid.ncols);
            p->lon_deg[i] = interf_grid_lon_deg(&p->grid, i % p->grid.ncols);
        } else {
            p->lat_deg[i] = s->lat_deg[i];
            p->lon_deg[i] = s->lon_deg[i];
        }
    }
    p->spec.lat_deg = p->lat_deg;
    p->spec.lon_deg = p->lon_deg;
    return INTERF_OK;
}

enum interf_status interf_epfd_plan_create(const struct interf_epfd_spec *spec,
                                           struct interf_epfd_plan **out, struct interf_error *err)
{
    enum interf_status st = check_spec(spec, err);
    *out = NULL;
    if (st != INTERF_OK)
        return st;
    struct interf_epfd_plan *p = calloc(1, sizeof *p);
    if (!p)
        return nomem(err);
    p->spec = *spec;
    p->threads = spec->threads > 0 ? spec->threads : omp_get_max_threads();
    p->run = interf_time_window_run(&spec->window, interf_system_info(spec->sys)->epoch_unix_s);
    if ((st = plan_coords(p, err)) != INTERF_OK || (st = plan_points(p, err)) != INTERF_OK ||
        (st = plan_emitters(p, err)) != INTERF_OK || (st = es_gain(p, err)) != INTERF_OK ||
        (st = plan_alpha(p, err)) != INTERF_OK) {
        interf_epfd_plan_destroy(p);
        return st;
    }
    plan_decl_bound(p);
    if ((st = plan_alpha_codes(p, err)) != INTERF_OK) {
        interf_epfd_plan_destroy(p);
        return st;
    }
    *out = p;
    return INTERF_OK;
}

void interf_epfd_plan_destroy(struct interf_epfd_plan *p)
{
    if (!p)
        return;
    free(p->nodata);
    free_points(&p->pts);
    free(p->tiles);
    free(p->supers);
    free(p->em);
    epfd_gain_free(&p->es_gain);
    for (size_t k = 0; p->sat_gain && k < p->n_sat_gain; k++)
        epfd_gain_free(&p->sat_gain[k]);
    free(p->sat_gain);
    for (size_t k = 0; k < p->n_alpha; k++)
        interf_alpha_table_destroy(p->alpha_tab[k]);
    free(p->alpha_tab);
    free(p->alpha_node);
    free(p->alpha_bound);
    free(p->alpha_code);
    free(p->lat_deg);
    free(p->lon_deg);
    interf_antenna_release(&p->es_own);
    interf_earth_destroy(p->earth_own);
    free(p);
}

const unsigned char *interf_epfd_plan_nodata(const struct interf_epfd_plan *p)
{
    return p->nodata;
}

const struct interf_epfd_spec *interf_epfd_plan_spec(const struct interf_epfd_plan *p)
{
    return &p->spec;
}

size_t interf_epfd_plan_points(const struct interf_epfd_plan *p, const double **lat_deg,
                               const double **lon_deg)
{
    if (lat_deg)
        *lat_deg = p->lat_deg;
    if (lon_deg)
        *lon_deg = p->lon_deg;
    return p->n_points;
}

double interf_epfd_memory_bytes(double n_points, double n_steps, int series)
{
    return n_points * (series ? 160.0 : INTERF_EPFD_NBINS * 4.0 + 160.0) +
           (series ? 4.0 * n_points * n_steps : 0.0);
}

enum interf_status interf_epfd_out_create(const struct interf_epfd_plan *p, int series,
                                          struct interf_epfd_out *out, struct interf_error *err)
{
    memset(out, 0, sizeof *out);
    size_t n = p->n_points ? p->n_points : 1;
    if (!series)
        return interf_hist_set_create(n, INTERF_EPFD_NBINS, INTERF_EPFD_LEVEL_MIN, &out->hist,
                                      err);
    size_t steps = (size_t)p->spec.window.n_steps;
    if (steps > SIZE_MAX / sizeof(float) / n ||
        !(out->series = malloc(n * steps * sizeof(float))))
        return interf_error_set(err, INTERF_ENOMEM, "out of memory for a series of %zu x %zu",
                                n, steps);
    epfd_series_reset(p, out); /* slices write only their part */
    return INTERF_OK;
}

void interf_epfd_out_free(struct interf_epfd_out *out)
{
    interf_hist_set_free(&out->hist);
    free(out->series);
    out->series = NULL;
}
