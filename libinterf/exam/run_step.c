/* SPDX-License-Identifier: MIT */
/* The time steps of epfd up (Rec. ITU-R S.1503-4 (09/2023) §D5.2.6 steps 8-35) and epfd_is
 * (§D5.3.5 steps 7-19), and the run over the dual time step of §D4.7 with windows of the run on
 * threads (each step depends on its time alone). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "orbit/constellation_impl.h"
#include "run_impl.h"

/* A window's loops over its satellites and pairs in AVX-512 and AVX2 variants, chosen by CPUID
 * (window_build: 1.3 % less time; the per-step choice takes 2.8 % more in them) */
#if defined(__x86_64__) && defined(__GNUC__)
#define RUN_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define RUN_CLONES
#endif

/* The satellites of a step (below) */
static void step_block(const struct interf_exam_plan *p, struct run_work *w, int64_t k,
                       int due_now);
static void near_lists(const struct interf_exam_plan *p, struct run_work *w, int64_t k,
                       int set_waits);
static void propagate_near(const struct interf_exam_plan *p, struct run_work *w, int64_t k);
static int window_step(const struct interf_exam_plan *p, struct run_work *w, int64_t k);

enum interf_status run_work_init(const struct interf_exam_plan *p, struct run_work *w,
                                 struct interf_error *err)
{
    size_t n = p->req.sys.n_sats;
    memset(w, 0, sizeof *w);
    w->x = malloc(12 * n * sizeof *w->x);
    w->ok = malloc(n);
    w->near = malloc(2 * n * sizeof *w->near);
    w->sat_count = calloc(n, sizeof *w->sat_count);
    w->clist = malloc((p->n_clusters ? p->n_clusters : 1) * n * sizeof *w->clist);
    w->clen = malloc((p->n_clusters ? p->n_clusters : 1) * sizeof *w->clen);
    w->cdot = malloc((n + 1) * (p->n_clusters ? p->n_clusters : 1) * sizeof *w->cdot);
    w->cand = malloc((n ? n : 1) * sizeof *w->cand);
    w->due = malloc((n ? n : 1) * sizeof *w->due);
    w->filled = malloc((n ? n : 1) * sizeof *w->filled);
    w->pow_key = malloc(RUN_POW_CACHE * sizeof *w->pow_key);
    w->pow_val = malloc(RUN_POW_CACHE * sizeof *w->pow_val);
    w->win = malloc((n ? n : 1) * sizeof *w->win);
    w->es_list = malloc((p->n_es ? p->n_es : 1) * (n ? n : 1) * sizeof *w->es_list);
    w->es_len = malloc((p->n_es ? p->n_es : 1) * sizeof *w->es_len);
    w->dq = malloc(6 * (n ? n : 1) * sizeof *w->dq);
    w->cap = 256;
    w->links = malloc(w->cap * sizeof *w->links);
    w->kept_db = malloc(w->cap * sizeof *w->kept_db);
    w->state = malloc(w->cap);
    /* (set once: a window's rows read the positions of steps not due, and drop them) */
    w->bx = calloc(3 * INTERF_STEP_ANCHOR * (n ? n : 1), sizeof *w->bx);
    w->wq = malloc(4 * RUN_WIN_STEPS * (n ? n : 1) * sizeof *w->wq);
    w->pair_first = malloc((p->n_es + 1) * sizeof *w->pair_first);
    w->row_first = malloc(RUN_WIN_STEPS * (p->n_es + 1) * sizeof *w->row_first);
    if (!w->x || !w->ok || !w->near || !w->sat_count || !w->clist || !w->clen || !w->cdot ||
        !w->cand || !w->due || !w->dq || !w->filled || !w->pow_key || !w->pow_val || !w->win ||
        !w->es_list || !w->es_len || !w->links || !w->kept_db || !w->state || !w->bx ||
        !w->wq || !w->pair_first || !w->row_first) {
        run_work_free(w);
        return interf_error_set(err, INTERF_ENOMEM, "run: out of memory");
    }
    memset(w->pow_key, 0xff, RUN_POW_CACHE * sizeof *w->pow_key);
    w->pass = w->near + n;
    w->y = w->x + n;
    w->z = w->x + 2 * n;
    w->xyz = w->x + 3 * n;
    w->nx = w->x + 6 * n;
    w->ny = w->x + 7 * n;
    w->nz = w->x + 8 * n;
    w->nr = w->x + 10 * n;
    w->until_s = w->x + 11 * n;
    for (size_t s = 0; s < n; s++) {
        w->until_s[s] = -INFINITY;
        w->filled[s] = INT64_MAX;
    }
    w->last_t = -INFINITY;
    w->by = w->bx + INTERF_STEP_ANCHOR * n;
    w->bz = w->by + INTERF_STEP_ANCHOR * n;
    w->block = INT64_MIN / 2; /* no block yet */
    w->win_end = INT64_MIN / 2; /* no window yet */
    return INTERF_OK;
}

void run_work_free(struct run_work *w)
{
    free(w->x);
    free(w->ok);
    free(w->near);
    free(w->sat_count);
    free(w->clist);
    free(w->clen);
    free(w->cdot);
    free(w->links);
    free(w->cand);
    free(w->due);
    free(w->filled);
    free(w->pow_key);
    free(w->pow_val);
    free(w->win);
    free(w->es_list);
    free(w->es_len);
    free(w->dq);
    free(w->kept_db);
    free(w->state);
    free(w->bx);
    free(w->wq);
    free(w->pair_first);
    free(w->pair_win);
    free(w->rows);
    free(w->row_first);
    memset(w, 0, sizeof *w);
}

double run_curve_eval(const struct run_curve *r, double x_deg)
{
    const double *x = r->c->x_deg, *y = r->c->eirp_db;
    size_t n = r->c->n;
    if (x_deg <= x[0] || n == 1)
        return y[0];
    if (x_deg >= x[n - 1])
        return y[n - 1];
    double f = (x_deg - r->x0_deg) * r->cells_per_deg;
    size_t lo = r->seg[f < (double)r->n_cells ? (size_t)f : r->n_cells - 1];
    while (x[lo + 1] <= x_deg) /* x[lo] <= x_deg < x[lo + 1], as the search finds it */
        lo++;
    while (x[lo] > x_deg)
        lo--;
    double t = (x_deg - x[lo]) / (x[lo + 1] - x[lo]);
    return y[lo] + t * (y[lo + 1] - y[lo]);
}

/* link_room where the arrays must grow */
static int link_grow(struct run_work *w, size_t used, size_t n)
{
    size_t cap = 2 * w->cap;
    while (cap <= n)
        cap *= 2;
    struct interf_up_link *q = malloc(cap * sizeof *q);
    double *v = malloc(cap * sizeof *v);
    unsigned char *s = realloc(w->state, cap);
    if (!q || !v || !s) {
        free(q);
        free(v);
        if (s)
            w->state = s;
        return 0;
    }
    memcpy(q, w->links, used * sizeof *q);
    memcpy(v, w->kept_db, used * sizeof *v);
    free(w->links);
    free(w->kept_db);
    w->links = q;
    w->kept_db = v;
    w->state = s;
    w->cap = cap;
    return 1;
}

/* Room for links at indices up to n (the link arrays and the values grow together), the first
 * used of each kept (inline: a station's step asks it) */
static inline int link_room(struct run_work *w, size_t used, size_t n)
{
    return n < w->cap || link_grow(w, used, n);
}

/* The east and north components of the unit vector v inv_d at station e */
static void east_north(const struct run_station *e, const double v[3], double inv_d, double *de,
                       double *dn)
{
    *de = (v[0] * e->st.east[0] + v[1] * e->st.east[1] + v[2] * e->st.east[2]) * inv_d;
    *dn = (v[0] * e->st.north[0] + v[1] * e->st.north[1] + v[2] * e->st.north[2]) * inv_d;
}

/* Step 18 for station e and satellite s, v the vector from the station to the satellite, du
 * its up component (> 0) and d its length, the satellite above the lowest MIN_ELEV: 1 when the
 * station works it (above eps0, outside alpha0); *az_deg and *el_deg set when they were
 * needed (always for an (azimuth, elevation) mask) */
static int link_works(const struct interf_exam_plan *p, const struct run_station *e, size_t s,
                      const double v[3], double du, double d, double *az_deg, double *el_deg)
{
    const struct interf_op_params *ops = p->req.sys.ops;
    int azel = p->req.sys.mask->form == INTERF_EIRP_ES_AZEL, have_en = 0;
    /* one division for the unit direction's components */
    double de = NAN, dn = NAN, inv_d = 1 / d, uu = du * inv_d;
    /* step 18 b): a MIN_ELEV of one value needs no angle where the sine clears it */
    if (azel || !p->elev_const || !(du > p->sin_elev_safe * d)) {
        east_north(e, v, inv_d, &de, &dn);
        have_en = 1;
        double el = asin(uu) / INTERF_DEG, az = atan2(de, dn) / INTERF_DEG;
        if (az < 0)
            az += 360.0;
        *az_deg = az;
        *el_deg = el;
        if (el < (p->elev_const ? p->elev_deg : interf_elev_table_eval(&ops->min_elev,
                                                                        e->lat_deg, az)))
            return 0;
    }
    double a0 = e->alpha0_rad;
    if (p->alpha0_by_plane)
        a0 = interf_op_alpha0_deg(ops, p->req.sys.orb_id ? p->req.sys.orb_id[s] : 0,
                                  e->lat_deg) * INTERF_DEG;
    /* the direction's z component and the cosine of the off-axis angle against bounds with
     * margins (1e-2 rad, 1e-9) far above the rounding of a product by 1 / d */
    double dz = v[2] * inv_d;
    /* step 18 c): outside the exclusion zone, unless the direction's z component keeps it
     * clear of the whole arc (run_station: arc_z_lo, arc_z_hi) */
    if (a0 > 0 && !(dz > e->arc_z_hi || dz < e->arc_z_lo)) {
        float bound;
        const struct interf_alpha_table *t = p->alpha[e->alpha];
        if (!have_en)
            east_north(e, v, inv_d, &de, &dn);
        double alpha = interf_alpha_table_lookup(t, (float)de, (float)dn, (float)uu, &bound);
        if (fabs(alpha - a0) <= bound)
            alpha = interf_alpha_table_exact(t, de, dn, uu);
        if (alpha < a0)
            return 0;
    }
    return 1;
}

/* Step 19 for a "T" mask: the curve at the off-axis angle toward the GSO satellite, dot / d
 * its cosine (dot the product of the link's vector with gso_dir, d its length), without the
 * arc cosine where the curve is flat (run_curve_flat) */
static double link_curve(const struct run_station *e, double dot, double d)
{
    double flat = run_curve_flat(e->curve, dot * (1 / d));
    if (!isnan(flat))
        return flat;
    double c = dot / d;
    return run_curve_eval(e->curve, acos(c > 1 ? 1 : c < -1 ? -1 : c) / INTERF_DEG);
}

/* Steps 18-19 (link_works, then the mask): the e.i.r.p. toward the GSO satellite, or NaN when
 * the station does not work it */
static double link_eirp(const struct interf_exam_plan *p, const struct run_station *e, size_t s,
                        const double v[3], double du, double d)
{
    double az = NAN, el = NAN;
    if (!link_works(p, e, s, v, du, d, &az, &el))
        return NAN;
    if (p->req.sys.mask->form == INTERF_EIRP_ES_AZEL) /* §D5.2.7 */
        return interf_eirp_curve_eval_db(interf_eirp_table_curve(e->table, az, el),
                                         e->dlong_deg);
    double dot = v[0] * e->gso_dir[0] + v[1] * e->gso_dir[1] + v[2] * e->gso_dir[2];
    return link_curve(e, dot, d);
}

/* The near satellites of list[0..m) (indices into near) within the reach of station e's lowest
 * MIN_ELEV from the highest orbit (w->nr[j] = |q| cos(reach)), into w->pass: a bound, without
 * a square root, gathered without branches */
static uint32_t station_pass(const struct interf_exam_plan *p, struct run_work *w, uint32_t e,
                             const uint32_t *list, uint32_t m)
{
    const struct run_station *es = &p->es[e];
    const double ux = es->st.up[0], uy = es->st.up[1], uz = es->st.up[2];
    uint32_t np = 0;
    for (uint32_t i = 0; i < m; i++) {
        uint32_t j = list[i];
        w->pass[np] = j;
        np += w->nx[j] * ux + w->ny[j] * uy + w->nz[j] * uz >= w->nr[j];
    }
    return np;
}

/* Step 18 a), in the bits of the one-pair form: the vector v from the station at st (up
 * vector up) to the satellite at (qx, qy, qz), its up component du and length d; 1 when the
 * satellite is above the lowest MIN_ELEV (sine se) */
static inline int above_lowest(const double st[3], const double up[3], double se, double qx,
                               double qy, double qz, double v[3], double *du, double *d)
{
    v[0] = qx - st[0], v[1] = qy - st[1], v[2] = qz - st[2];
    *du = v[0] * up[0] + v[1] * up[1] + v[2] * up[2];
    if (*du <= 0)
        return 0;
    *d = sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    return !(*du < se * *d);
}

/* The links of station e (steps 14-24) appended to w->links from *n; *critical as §D4.7.2 */
static int station_links(const struct interf_exam_plan *p, struct run_work *w, uint32_t e,
                         size_t *n, int *critical)
{
    const struct run_station *es = &p->es[e];
    uint32_t c = p->es_cluster[e];
    uint32_t np = station_pass(p, w, e, w->clist + (size_t)c * p->req.sys.n_sats, w->clen[c]);
    for (uint32_t i = 0; i < np; i++) {
        uint32_t j = w->pass[i];
        double v[3], du, d;
        if (!above_lowest(es->st.ecef_km, es->st.up, p->sin_eps_min, w->nx[j], w->ny[j],
                          w->nz[j], v, &du, &d))
            continue;
        uint32_t s = w->near[j];
        double eirp = link_eirp(p, es, s, v, du, d);
        if (isnan(eirp))
            continue;
        *critical |= eirp > es->peak_db - 30.0;
        if (!link_room(w, *n, *n))
            return 0;
        w->links[(*n)++] = (struct interf_up_link){eirp + es->const_db, s, e};
    }
    return 1;
}

/* The e.i.r.p. of a link of station e in w->cand: the bound where it is the value (a flat
 * part of the curve), else the curve at the angle (link_curve's bits) */
static double cand_eirp(const struct run_station *e, struct run_cand *c)
{
    if (isnan(c->eirp_db)) {
        double x = c->dot / c->d;
        c->eirp_db = c->lo_db == c->hi_db
                         ? c->lo_db
                         : run_curve_eval(e->curve, acos(x > 1 ? 1 : x < -1 ? -1 : x) / INTERF_DEG);
    }
    return c->eirp_db;
}

/* The links of station e at lane l of the window's rows (steps 14-19, a "T" mask; window_rows)
 * into w->cand in satellite order, each with bounds of its e.i.r.p. (run_curve_bound), the
 * value itself only where the bound says §D4.7.2's test may pass; *critical as §D4.7.2;
 * *one_value 1 when all have one value, which their bounds give (a flat part of the mask).
 * Returns their count. */
static uint32_t station_cands(const struct interf_exam_plan *p, struct run_work *w, uint32_t e,
                              size_t l, int *critical, int *one_value)
{
    const struct run_station *es = &p->es[e];
    const double crit_db = es->peak_db - 30.0, *bound = es->curve->bound;
    const uint32_t *first = w->row_first + l * (p->n_es + 1);
    const struct run_row *row = w->rows + l * w->pair_cap;
    struct run_cand *cand = w->cand;
    uint32_t m = 0;
    double lo_min = INFINITY, hi_max = -INFINITY;
    for (uint32_t a = first[e]; a < first[e + 1]; a++) {
        const struct run_row *x = &row[a];
        uint32_t s = w->win[x->i];
        if (x->flag == 2) { /* v and du again, in the bits of the rows */
            const double *q = w->wq + (size_t)x->i * 4 * RUN_WIN_STEPS + l;
            double v[3], du, d = x->d, az, el;
            above_lowest(es->st.ecef_km, es->st.up, p->sin_eps_min, q[0], q[RUN_WIN_STEPS],
                         q[2 * RUN_WIN_STEPS], v, &du, &d);
            if (!link_works(p, es, s, v, du, d, &az, &el))
                continue;
        }
        const double *b = bound + 2 * x->cell;
        struct run_cand *c = &cand[m++];
        *c = (struct run_cand){x->dot, x->d, b[0], b[1], NAN, s};
        lo_min = b[0] < lo_min ? b[0] : lo_min;
        hi_max = b[1] > hi_max ? b[1] : hi_max;
        if (b[1] > crit_db && !*critical) /* else the value is not above it either, or the
                                              step is critical already */
            *critical = cand_eirp(es, c) > crit_db;
    }
    *one_value = lo_min == hi_max;
    return m;
}

/* Most links a station keeps for which station_keep skips values by their bounds */
#define KEEP_BOUNDED_MAX 8

/* Steps 25-26 for station e's m links in w->cand when no satellite limit binds (select_kept):
 * the epfd_i of its MAX_CO_FREQ first links of step 25's order (decreasing epfd_i, then
 * satellite: w->cand is in satellite order, so that a link enters the first ones only with a
 * value strictly above theirs) appended to w->kept_db from *n in that order, their satellites
 * counted. One pass keeps the want first links met so far (top, best first); only the links
 * that may enter them are worked out (the arc cosine): a link whose upper bound plus const_db
 * is below the want-th greatest lower bound plus const_db (floor_db; rounding keeps the order
 * of sums) has want links before it, and a link whose upper bound plus const_db is at most
 * the want-th value so far cannot pass it. When all links have one value (one_value), the
 * first want in satellite order are step 25's first. 0: out of memory */
static int station_keep(struct run_work *w, const struct run_station *e, uint32_t m,
                        int one_value, size_t *n)
{
    struct run_cand *c = w->cand;
    const double cst = e->const_db;
    size_t want = e->max_co_freq < 0 || (size_t)e->max_co_freq >= m ? m : (size_t)e->max_co_freq;
    if (one_value) { /* (its own output loop: through top and top_i, 2 % more time a run) */
        if (want && !link_room(w, *n, *n + want - 1))
            return 0;
        for (size_t r = 0; r < want; r++) {
            w->kept_db[(*n)++] = c[r].lo_db + cst;
            w->sat_count[c[r].sat]++;
        }
        return 1;
    }
    if (want > KEEP_BOUNDED_MAX) { /* every link, by rounds: the first not taken, want times */
        for (size_t r = 0; r < want; r++) {
            uint32_t best = UINT32_MAX;
            double best_db = -INFINITY;
            for (uint32_t i = 0; i < m; i++) {
                if (c[i].sat == UINT32_MAX)
                    continue;
                double v = cand_eirp(e, &c[i]) + cst;
                if (best == UINT32_MAX || v > best_db) {
                    best = i;
                    best_db = v;
                }
            }
            if (!link_room(w, *n, *n))
                return 0;
            w->kept_db[(*n)++] = best_db;
            w->sat_count[c[best].sat]++;
            c[best].sat = UINT32_MAX; /* taken */
        }
        return 1;
    }
    double top[KEEP_BOUNDED_MAX], floor_db = -INFINITY;
    uint32_t top_i[KEEP_BOUNDED_MAX];
    if (want < m) {
        for (size_t r = 0; r < want; r++)
            top[r] = -INFINITY;
        for (uint32_t i = 0; i < m; i++) { /* the want greatest lower bounds, in order */
            double v = c[i].lo_db + cst;
            size_t r = want;
            for (; r > 0 && top[r - 1] < v; r--)
                if (r < want)
                    top[r] = top[r - 1];
            if (r < want)
                top[r] = v;
        }
        floor_db = top[want - 1];
    }
    size_t k = 0; /* links in top */
    for (uint32_t i = 0; i < m && want; i++) {
        double hi = c[i].hi_db + cst;
        if (hi < floor_db || (k == want && hi <= top[want - 1]))
            continue;
        double v = cand_eirp(e, &c[i]) + cst;
        if (k == want && !(v > top[want - 1]))
            continue;
        size_t r = k < want ? k++ : want - 1; /* the want-th leaves when top is full */
        for (; r > 0 && top[r - 1] < v; r--) {
            top[r] = top[r - 1];
            top_i[r] = top_i[r - 1];
        }
        top[r] = v;
        top_i[r] = i;
    }
    if (want && !link_room(w, *n, *n + want - 1))
        return 0;
    for (size_t r = 0; r < want; r++) {
        w->kept_db[(*n)++] = top[r];
        w->sat_count[c[top_i[r]].sat]++;
    }
    return 1;
}

/* a before b in the order of step 25 within one station: epfd down, then satellite */
static int station_before(const struct interf_up_link *a, const struct interf_up_link *b)
{
    return a->epfd_db > b->epfd_db || (a->epfd_db == b->epfd_db && a->sat < b->sat);
}

/* Station links[0..n) (in satellite order): the epfd_i of its MAX_CO_FREQ first links of step
 * 25's order appended to w->kept_db from k in that order, their satellites counted */
static size_t keep_first(struct run_work *w, const struct interf_up_link *links, size_t n,
                         long max_co_freq, size_t k)
{
    unsigned char *take = w->state;
    size_t want = max_co_freq < 0 || (size_t)max_co_freq >= n ? n : (size_t)max_co_freq;
    memset(take, 0, n);
    for (size_t r = 0; r < want; r++) { /* the first not taken, want times */
        size_t best = SIZE_MAX;
        for (size_t i = 0; i < n; i++)
            if (!take[i] && (best == SIZE_MAX || station_before(&links[i], &links[best])))
                best = i;
        take[best] = 1;
        w->kept_db[k++] = links[best].epfd_db;
        w->sat_count[links[best].sat]++;
    }
    return k;
}

/* 10^(v / 10), the bits of pow, from the thread's cache where v was met before (a station's
 * link on a flat part of its mask gives the same epfd_i step after step) */
static double pow_db(struct run_work *w, double v)
{
    uint64_t key;
    memcpy(&key, &v, sizeof key);
    size_t h = (size_t)((key * UINT64_C(0x9E3779B97F4A7C15)) >> 54) % RUN_POW_CACHE;
    if (w->pow_key[h] != key) {
        w->pow_key[h] = key;
        w->pow_val[h] = pow(10.0, v / 10.0);
    }
    return w->pow_val[h];
}

/* Steps 27-28 for the k links of w->kept_db when no satellite holds more than
 * MAX_CO_FREQ_SAT of them (w->sat_count of the ns satellites sats), else 0 */
static int sum_kept(const struct interf_exam_plan *p, struct run_work *w, const uint32_t *sats,
                    uint32_t ns, size_t k, struct interf_exam_step *out)
{
    const struct interf_op_params *ops = p->req.sys.ops;
    for (uint32_t j = 0; ops->max_co_freq_sat >= 0 && j < ns; j++)
        if (w->sat_count[sats[j]] > (uint32_t)ops->max_co_freq_sat)
            return 0;
    double sum = 0;
    for (size_t i = 0; i < k; i++) /* step 28, station by station (interf_exam_up_select) */
        sum += pow_db(w, w->kept_db[i]);
    out->sum_lin = sum;
    out->n_accepted = k;
    return 1;
}

/* Steps 25-34 when no satellite limit, no angle rule, binds: then the greedy selection takes,
 * of each station, its MAX_CO_FREQ first links (a link is dropped only by its station's count
 * once that station's first links are taken, and no satellite reaches MAX_CO_FREQ_SAT before
 * its own kept links are taken): the same links, summed in the same order, as
 * interf_exam_up_select (the sum needs each station's values in step 25's order, which is
 * decreasing epfd_i: equal values tie only in which link carries them). Returns 0 when a
 * satellite limit binds (the caller runs the full selection). */
static int select_kept(const struct interf_exam_plan *p, struct run_work *w, size_t n,
                       struct interf_exam_step *out)
{
    const struct interf_op_params *ops = p->req.sys.ops;
    if (ops->min_angle_at_es_deg > 0 || ops->min_angle_at_sat_deg > 0)
        return 0;
    for (uint32_t j = 0; j < w->n_near; j++)
        w->sat_count[w->near[j]] = 0;
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && w->links[j].es == w->links[i].es)
            j++;
        k = keep_first(w, w->links + i, j - i, p->es_max[w->links[i].es], k);
        i = j;
    }
    return sum_kept(p, w, w->near, w->n_near, k, out);
}

/* Steps 14-28 for a "T" mask with no angle rule (select_kept's conditions) from each station's
 * links and their bounds (station_cands, station_keep); 0 when a satellite limit binds (the
 * caller runs the full selection), -1 out of memory */
static int step_up_kept(const struct interf_exam_plan *p, struct run_work *w, size_t l,
                        struct interf_exam_step *out)
{
    size_t n = 0, k = 0;
    int critical = 0;
    for (uint32_t j = 0; j < w->n_win; j++)
        w->sat_count[w->win[j]] = 0;
    for (uint32_t e = 0; e < p->n_es; e++) {
        if (p->es[e].max_co_freq == 0)
            continue;
        int one_value;
        uint32_t m = station_cands(p, w, e, l, &critical, &one_value);
        n += m;
        if (!station_keep(w, &p->es[e], m, one_value, &k))
            return -1;
    }
    out->critical = critical;
    out->n_links = n;
    return sum_kept(p, w, w->win, w->n_win, k, out);
}

/* Step k of epfd up: by windows of satellites and each station's bounded choice (window_step,
 * step_up_kept) for a "T" mask with no angle rule, else (or when a satellite limit binds) by
 * the step's near satellites and the full selection */
static enum interf_status step_up(const struct interf_exam_plan *p, struct run_work *w,
                                  int64_t k, struct interf_exam_step *out,
                                  struct interf_error *err)
{
    const struct interf_op_params *ops = p->req.sys.ops;
    if (p->curves && !(ops->min_angle_at_es_deg > 0 || ops->min_angle_at_sat_deg > 0)) {
        int r = window_step(p, w, k) ? step_up_kept(p, w, (size_t)(k - w->win_base), out) : -1;
        if (r < 0)
            return interf_error_set(err, INTERF_ENOMEM, "run: out of memory");
        if (r > 0)
            return INTERF_OK;
        near_lists(p, w, k, 0);
    } else {
        propagate_near(p, w, k);
    }
    size_t n = 0;
    int critical = 0;
    for (uint32_t e = 0; e < p->n_es; e++) /* steps 14-24 */
        if (p->es[e].max_co_freq != 0 && !station_links(p, w, e, &n, &critical))
            return interf_error_set(err, INTERF_ENOMEM, "run: out of memory");
    out->critical = critical;
    out->n_links = n;
    if (select_kept(p, w, n, out))
        return INTERF_OK;
    interf_exam_up_select(n, w->links, w->xyz, p->es_km, p->es_max, ops->max_co_freq_sat,
                          ops->min_angle_at_es_deg, ops->min_angle_at_sat_deg, w->state,
                          &out->sum_lin); /* steps 25-34 */
    for (size_t i = 0; i < n; i++)
        out->n_accepted += w->state[i];
    return INTERF_OK;
}

/* 1 when the segment from a to b clears the Earth (§D6.4.1) */
static int line_of_sight(const double a[3], const double b[3])
{
    double d[3] = {b[0] - a[0], b[1] - a[1], b[2] - a[2]};
    double dd = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
    double t = -(a[0] * d[0] + a[1] * d[1] + a[2] * d[2]) / dd; /* the closest approach */
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    double c[3] = {a[0] + t * d[0], a[1] + t * d[1], a[2] + t * d[2]};
    return c[0] * c[0] + c[1] * c[1] + c[2] * c[2] > INTERF_RE_KM * INTERF_RE_KM;
}

/* §D5.3.5 steps 9-18: every satellite the GSO satellite sees, summed */
static void step_is(const struct interf_exam_plan *p, struct run_work *w,
                    struct interf_exam_step *out)
{
    const double *g = p->gso_km;
    const struct interf_antenna *rx = &p->info.rx;
    for (size_t s = 0; s < p->req.sys.n_sats; s++) {
        const double *q = w->xyz + 3 * s;
        if (!w->ok[s] || !line_of_sight(g, q))
            continue;
        double r = sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2]);
        double to_gso[3] = {g[0] - q[0], g[1] - q[1], g[2] - q[2]};
        double nadir[3] = {-q[0], -q[1], -q[2]}, to_sat[3] = {-to_gso[0], -to_gso[1], -to_gso[2]};
        double d = sqrt(to_gso[0] * to_gso[0] + to_gso[1] * to_gso[1] + to_gso[2] * to_gso[2]);
        /* step 13: the mask at the satellite's latitude, the angle between its sub-satellite
         * point and the GSO satellite (§C3.2) */
        double eirp = interf_eirp_mask_offaxis_db(p->req.sys.mask, asin(q[2] / r) / INTERF_DEG,
                                                  interf_angle_between(nadir, to_gso) /
                                                      INTERF_DEG);
        double grel = interf_antenna_gain_dbi(rx, interf_angle_between(p->bs_dir, to_sat) /
                                                      INTERF_DEG) - rx->gain_max_dbi;
        double lfs = 10.0 * log10(4.0 * INTERF_PI * d * d) + 60.0; /* step 16, D in km */
        out->sum_lin += pow(10.0, (eirp + p->info.bw_scale_db - lfs + grel) / 10.0);
        out->n_links++;
    }
    out->n_accepted = out->n_links;
}

/* Every satellite at t, with the H_MIN flag (epfd_is) */
static void propagate_all(const struct interf_exam_plan *p, struct run_work *w, double t_s)
{
    size_t n = p->req.sys.n_sats;
    struct interf_ephem eph = {w->x, w->y, w->z, NULL, NULL, NULL};
    interf_constellation_propagate(p->c, 0, n, t_s, &p->orun, INTERF_FRAME_ECEF, &eph);
    double r_min = INTERF_RE_KM + p->h_min_km;
    for (size_t s = 0; s < n; s++) {
        double q[3] = {w->x[s], w->y[s], w->z[s]};
        memcpy(w->xyz + 3 * s, q, sizeof q);
        w->ok[s] = q[0] * q[0] + q[1] * q[1] + q[2] * q[2] >= r_min * r_min; /* H_MIN */
    }
}

/* A time span before which satellite q at pos, its orbit plane's node at t_s of sine sn and
 * cosine cn, cannot enter the cull cap (centre c, radius R), by its phase in the plane: its
 * direction keeps within a margin W (plane_margin_rad) of the plane and its argument of
 * latitude u turns at no more than rate_rad_s less the node's rate w, and faster than w
 * (phase_forward); in the plane's frame c turns about the z axis at w. The angle from a
 * point of the plane at phase u to a point at phase phi of the plane's projection is at least
 * min(|u - phi|, pi / 2) (its cosine is cos(elevation) cos(u - phi)), so that while
 * R + 3 W + w dt < pi / 2 the satellite enters the cap only once u - phi, from its value at
 * t_s (2 W for the measure), comes within R + W + w dt of 0 modulo 2 pi: ahead of it (the
 * window's trailing edge grows slower than u runs). 0 when it may be inside. */
static double phase_wait(const struct interf_exam_plan *p, const struct run_sky *q,
                         const double pos[3], double sn, double cn)
{
    double r = p->cull_rad + 3 * q->plane_margin_rad + 1e-6;
    if (!q->phase_forward || !(r < INTERF_PI / 2))
        return 0;
    const double *c = p->cull_dir;
    double l[3] = {cn, sn, 0}, m[3] = {-q->cos_i * sn, q->cos_i * cn, q->sin_i};
    double u = atan2(pos[0] * m[0] + pos[1] * m[1] + pos[2] * m[2],
                     pos[0] * l[0] + pos[1] * l[1] + pos[2] * l[2]);
    double phi = atan2(c[0] * m[0] + c[1] * m[1] + c[2] * m[2], c[0] * l[0] + c[1] * l[1]);
    double y = remainder(u - phi, 2 * INTERF_PI); /* in [-pi, pi] */
    if (!(fabs(y) > r))
        return 0;
    double run = y < 0 ? -r - y : 2 * INTERF_PI - r - y; /* forward to the window's start */
    return fmin(run / q->rate_rad_s, (INTERF_PI / 2 - r) / fabs(q->node_rate_rad_s));
}

/* A time span before which satellite s, gap_rad farther from the nearest cluster's cap at t_s,
 * cannot be inside a cap: the longer of two bounds, its direction turning at its greatest
 * speed, and its orbit plane (which it never leaves) turning toward the stations' cap at its
 * node's rate; the first alone when it is below short_s (a satellite that close is looked at
 * again that soon anyway: the plane's bound, with its sines and arc tangents, would cost more
 * than the look) */
static double sky_wait(const struct interf_exam_plan *p, size_t s, const double pos[3],
                       double t_s, double gap_rad, double short_s)
{
    const struct run_sky *q = &p->sky[s];
    double wait = gap_rad / q->rate_rad_s;
    if (p->cull_cos < -1 || q->node_rate_rad_s == 0 || wait < short_s)
        return wait;
    double node = q->node0_rad + q->node_rate_rad_s * t_s, sn = sin(node), cn = cos(node);
    double n[3] = {q->sin_i * sn, -q->sin_i * cn, q->cos_i};
    double off = fabs(n[0] * p->cull_dir[0] + n[1] * p->cull_dir[1] + n[2] * p->cull_dir[2]);
    double beta = asin(off < 1 ? off : 1) - q->plane_margin_rad - p->cull_rad;
    if (beta > 0)
        wait = fmax(wait, beta / fabs(q->node_rate_rad_s));
    return fmax(wait, phase_wait(p, q, pos, sn, cn));
}

/* The time before satellite s, at unit direction u (Earth-fixed) near no cluster at t_s, can
 * reach one (cdot: its cosines from the clusters' centres when it is inside the cull cap):
 * outside the cap of every station it waits for that cap (which holds every
 * cluster's stations' reach), else for the nearest cluster, its gap bounded below by the
 * largest cosine and the widest cap (one arc cosine); short_s as sky_wait */
static double near_wait(const struct interf_exam_plan *p, const double *cdot, size_t s,
                        const double pos[3], double t_s, double cull_dot, double short_s)
{
    if (cull_dot < p->cull_cos)
        return sky_wait(p, s, pos, t_s, acos(cull_dot > -1 ? cull_dot : -1) - p->cull_rad,
                        short_s);
    double best = -1;
    for (size_t c = 0; c < p->n_clusters; c++)
        best = cdot[c] > best ? cdot[c] : best;
    return sky_wait(p, s, pos, t_s, acos(best) - p->cl_rad_max, short_s);
}

/* The cosines of direction q inv_r from the nc clusters' centres (soa: p->cl_soa) into cdot;
 * 1 when one is at least that cluster's cos_rad (restrict: a loop the compiler vectorizes) */
static int cluster_dots(size_t nc, const double *restrict soa, const double *restrict cos_rad,
                        double q0, double q1, double q2, double inv_r, double *restrict cdot)
{
    const double *ux = soa, *uy = ux + nc, *uz = uy + nc;
    int near = 0;
    for (size_t c = 0; c < nc; c++) {
        cdot[c] = (q0 * ux[c] + q1 * uy[c] + q2 * uz[c]) * inv_r;
        near |= cdot[c] >= cos_rad[c];
    }
    return near;
}

/* Satellite s at q (its radius r, its inverse inv_r) into w->near with its cosines from the
 * clusters (w->cdot, a row of n_clusters a near satellite: cluster_lists); 0 when it is near
 * none (the row after the near satellites' then holds its cosines) */
static int take_near(const struct interf_exam_plan *p, struct run_work *w, size_t s,
                     const double q[3], double r, double inv_r)
{
    size_t nc = p->n_clusters;
    if (!cluster_dots(nc, p->cl_soa, p->cl_soa + 3 * nc, q[0], q[1], q[2], inv_r,
                      w->cdot + (size_t)w->n_near * nc))
        return 0;
    double r_min = INTERF_RE_KM + p->h_min_km;
    if (!(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] >= r_min * r_min)) /* H_MIN */
        return 1;
    uint32_t j = w->n_near++;
    w->near[j] = (uint32_t)s;
    w->nx[j] = q[0];
    w->ny[j] = q[1];
    w->nz[j] = q[2];
    w->nr[j] = r * p->cos_reach;
    return 1;
}

/* The list of each cluster: its near satellites in their order, cluster by cluster without
 * branches (a list has room for every one; the count stays in a register) */
static void cluster_lists(const struct interf_exam_plan *p, struct run_work *w)
{
    size_t n = p->req.sys.n_sats, nc = p->n_clusters;
    const double *cos_rad = p->cl_soa + 3 * nc;
    for (size_t c = 0; c < nc; c++) {
        uint32_t *list = w->clist + c * n, len = 0;
        const double *cdot = w->cdot + c, cr = cos_rad[c];
        for (uint32_t j = 0; j < w->n_near; j++) {
            list[len] = j;
            len += cdot[(size_t)j * nc] >= cr;
        }
        w->clen[c] = len;
    }
}

/* Satellite s's positions from step f to the end of the block: those not in yet (it was
 * filled from filled[s], or not at all), turned step by step (interf_constellation_propagate_
 * steps: the position at a step is a function of the step alone, whatever the first step) */
static void fill_from(const struct interf_exam_plan *p, struct run_work *w, size_t s, int64_t f)
{
    const int64_t nb = INTERF_STEP_ANCHOR, b = w->block;
    if (w->filled[s] <= f)
        return;
    int64_t to = w->filled[s] < b + nb ? w->filled[s] : b + nb;
    w->filled[s] = f;
    double *x = w->bx + s * nb + (f - b), *y = w->by + s * nb + (f - b),
           *z = w->bz + s * nb + (f - b);
    if (p->sky[s].circular) /* (its turns worked out once: run_plan.c) */
        s1503_propagate_steps(p->c, s, &p->orun, 0, p->info.dt_s, (long)f, (size_t)(to - f),
                              p->sky[s].turn, x, y, z);
    else
        interf_constellation_propagate_steps(p->c, s, &p->orun, 0, p->info.dt_s, (long)f,
                                             (size_t)(to - f), x, y, z);
}

/* The block of steps holding step k: the positions of each satellite from the first step of
 * it at which the satellite can be due (until_s: it is not due before) to the block's end; with
 * due_now, only of the satellites due at step k (a window's satellites: those due later are
 * filled when a window finds them near, window_build) */
static void fill_block(const struct interf_exam_plan *p, struct run_work *w, int64_t k,
                       int due_now)
{
    const int64_t nb = INTERF_STEP_ANCHOR, b = k - k % nb;
    const double dt = p->info.dt_s;
    w->block = b;
    for (size_t s = 0; s < p->req.sys.n_sats; s++) {
        int64_t f = k;
        w->filled[s] = INT64_MAX;
        if ((double)((due_now ? k : b + nb - 1)) * dt < w->until_s[s]) /* not due */
            continue;
        while (f < b + nb && (double)f * dt < w->until_s[s])
            f++;
        if (f < b + nb)
            fill_from(p, w, s, f);
    }
}

/* The radii r of nd positions (x, y, z), their inverses and the cosines of their directions
 * from the cull cap's centre cd (restrict: a loop the compiler vectorizes, its square roots and
 * divisions overlapping) */
static void due_radii(size_t nd, const double *restrict x, const double *restrict y,
                      const double *restrict z, const double cd[3], double *restrict r,
                      double *restrict inv_r, double *restrict cull)
{
    const double c0 = cd[0], c1 = cd[1], c2 = cd[2];
    for (size_t i = 0; i < nd; i++) {
        r[i] = sqrt(x[i] * x[i] + y[i] * y[i] + z[i] * z[i]);
        inv_r[i] = 1 / r[i];
        cull[i] = (x[i] * c0 + y[i] * c1 + z[i] * c2) * inv_r[i];
    }
}

/* The satellites at step k that some station may see above the lowest MIN_ELEV (epfd up),
 * into w->near and the lists of the clusters they are near: a satellite near no cluster is not
 * looked at again before it could reach one (its visibility window opens no earlier), and is
 * not propagated at the steps between. Cluster membership and the waits are bounds with the
 * margin of the reach (1e-4 rad): their rounding changes no link. */
static void propagate_near(const struct interf_exam_plan *p, struct run_work *w, int64_t k)
{
    step_block(p, w, k, 0);
    near_lists(p, w, k, 1);
}

/* The block of step k filled (fill_block) when k lies outside the current one or comes before
 * the last step (the waits then start over, and the window) */
static void step_block(const struct interf_exam_plan *p, struct run_work *w, int64_t k,
                       int due_now)
{
    double t_s = (double)k * p->info.dt_s;
    if (t_s < w->last_t) { /* the waits hold for increasing times only */
        for (size_t s = 0; s < p->req.sys.n_sats; s++)
            w->until_s[s] = -INFINITY;
        w->win_end = INT64_MIN / 2;
    }
    if (t_s < w->last_t || k < w->block || k >= w->block + INTERF_STEP_ANCHOR)
        fill_block(p, w, k, due_now);
    w->last_t = t_s;
}

/* The near satellites of step k and the clusters' lists (propagate_near), the waits of the
 * others set when set_waits (else the lists of a step whose window is built: window_step) */
static void near_lists(const struct interf_exam_plan *p, struct run_work *w, int64_t k,
                       int set_waits)
{
    size_t n = p->req.sys.n_sats;
    const int64_t nb = INTERF_STEP_ANCHOR;
    double t_s = (double)k * p->info.dt_s;
    w->n_near = 0;
    const double *cd = p->cull_dir;
    const size_t j = (size_t)(k - w->block);
    /* the due satellites gathered, then their radii and cosines in loops without branches
     * (the compiler vectorizes them: the square roots and divisions overlap) */
    uint32_t nd = 0;
    for (size_t s = 0; s < n; s++) {
        w->due[nd] = (uint32_t)s;
        nd += !(t_s < w->until_s[s]);
    }
    double *qx = w->dq, *qy = qx + n, *qz = qy + n, *qr = qz + n, *qi = qr + n, *qc = qi + n;
    for (uint32_t i = 0; i < nd; i++) {
        size_t s = w->due[i];
        fill_from(p, w, s, k); /* (a window's satellite due but not near: not in yet) */
        qx[i] = w->bx[s * nb + j];
        qy[i] = w->by[s * nb + j];
        qz[i] = w->bz[s * nb + j];
    }
    due_radii(nd, qx, qy, qz, cd, qr, qi, qc);
    for (uint32_t i = 0; i < nd; i++) {
        size_t s = w->due[i];
        double q[3] = {qx[i], qy[i], qz[i]};
        memcpy(w->xyz + 3 * s, q, sizeof q);
        if ((qc[i] < p->cull_cos || !take_near(p, w, s, q, qr[i], qi[i])) && set_waits)
            w->until_s[s] = t_s + near_wait(p, w->cdot + (size_t)w->n_near * p->n_clusters, s,
                                            q, t_s, qc[i], 0);
    }
    cluster_lists(p, w);
}

/* The window of steps [k, end), end the next multiple of RUN_WIN_STEPS: the satellites that may
 * come near a cluster in it (w->win, in their order), and per station those that may come
 * within its reach (w->es_list), from each satellite's position at the middle step of its due
 * steps [f, end) (a quarter fewer pairs than from f). A satellite's direction turns by at most
 * its rate (p->sky) a second, so that the caps widened by that turn over half a window
 * (plan_window) hold it wherever it comes within a cap at a step of the window; a satellite
 * near no widened cluster waits as in propagate_near (near_wait: from the middle step, past
 * the window's end). Which satellites a station pairs with changes no link: steps 18 a)-c)
 * decide each pair. */
RUN_CLONES
static void window_build(const struct interf_exam_plan *p, struct run_work *w, int64_t k)
{
    size_t n = p->req.sys.n_sats, nc = p->n_clusters;
    const int64_t nb = INTERF_STEP_ANCHOR, end = k - k % RUN_WIN_STEPS + RUN_WIN_STEPS;
    const double dt = p->info.dt_s, *cd = p->cull_dir, *row = w->cdot;
    w->win_end = end;
    w->n_win = 0;
    memset(w->es_len, 0, p->n_es * sizeof *w->es_len);
    for (size_t s = 0; s < n; s++) {
        int64_t f = k;
        if ((double)(end - 1) * dt < w->until_s[s]) /* not due in the window */
            continue;
        while (f < end && (double)f * dt < w->until_s[s])
            f++;
        if (f == end)
            continue;
        /* its middle step mid, no more than RUN_WIN_STEPS / 2 steps from any of its own */
        int64_t mid = f + (end - 1 - f) / 2;
        size_t j = (size_t)(mid - w->block);
        double q[3], t_s = (double)mid * dt;
        if (w->filled[s] <= mid) {
            q[0] = w->bx[s * nb + j], q[1] = w->by[s * nb + j], q[2] = w->bz[s * nb + j];
        } else { /* woken in the block: its position at mid from the model, without the turns
                    from the block's start (they differ by rounding, far below the caps'
                    margins: no decision below changes a link) */
            struct interf_ephem eph = {q, q + 1, q + 2, NULL, NULL, NULL};
            interf_constellation_propagate(p->c, s, 1, t_s, &p->orun, INTERF_FRAME_ECEF, &eph);
        }
        double r = sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2]), inv_r = 1 / r;
        double cull_dot = (q[0] * cd[0] + q[1] * cd[1] + q[2] * cd[2]) * inv_r;
        if (cull_dot < p->cull_cos_mid ||
            !cluster_dots(nc, p->cl_soa, p->cl_cos_mid, q[0], q[1], q[2], inv_r, w->cdot)) {
            /* (the plane's and phase's bounds from a first bound of 4 windows on: 1.3 % less
             * time than from 1, no more from 8) */
            w->until_s[s] = t_s + near_wait(p, row, s, q, t_s, cull_dot, 4 * RUN_WIN_STEPS * dt);
            continue;
        }
        fill_from(p, w, s, f);
        uint32_t i = w->n_win++;
        w->win[i] = (uint32_t)s;
        for (size_t c = 0; c < nc; c++) {
            if (!(row[c] >= p->cl_cos_mid[c]))
                continue;
            for (uint32_t a = p->cl_first[c]; a < p->cl_first[c + 1]; a++) {
                uint32_t e = p->cl_es[a];
                const double *u = p->es[e].st.up;
                w->es_list[e * n + w->es_len[e]] = i;
                w->es_len[e] += (q[0] * u[0] + q[1] * u[1] + q[2] * u[2]) * inv_r >=
                                p->cos_reach_mid;
            }
        }
    }
}

/* The rows of a pair (station es, its satellite's rows q) over the window's steps, each lane in
 * the bits of the one-pair form: station_pass, above_lowest, then the first tests of step 18
 * that settle link_works (safe finite: MIN_ELEV of one value and MIN_EXCLUDE of the station's;
 * the sine clears MIN_ELEV and the z component keeps the direction clear of the arc). Without
 * branches, and every row of 4 or 8 bytes (bytes made gcc 12 pick 16-byte vectors), so that
 * the lanes vectorize. 1 when a lane has a link (a pair with none adds nothing to the lanes'
 * lists). */
static inline __attribute__((always_inline)) int
pair_row(const struct run_station *es, double se, double safe, const double *restrict q,
         double *restrict dot, double *restrict len, int32_t *restrict cell,
         int32_t *restrict flag)
{
    const double *up = es->st.up, *st = es->st.ecef_km, *g = es->gso_dir;
    const double ux = up[0], uy = up[1], uz = up[2], s0 = st[0], s1 = st[1], s2 = st[2];
    const double g0 = g[0], g1 = g[1], g2 = g[2], z_hi = es->arc_z_hi, z_lo = es->arc_z_lo;
    enum { L = RUN_WIN_STEPS };
    int any = 0;
#pragma GCC unroll 1
    for (int l = 0; l < L; l++) {
        double x = q[l], y = q[L + l], z = q[2 * L + l];
        int pass = x * ux + y * uy + z * uz >= q[3 * L + l];
        double v0 = x - s0, v1 = y - s1, v2 = z - s2;
        double du = v0 * ux + v1 * uy + v2 * uz, d = sqrt(v0 * v0 + v1 * v1 + v2 * v2);
        double inv_d = 1 / d, dz = v2 * inv_d, c = v0 * g0 + v1 * g1 + v2 * g2;
        double f = (c * inv_d + 1) * (RUN_FLAT_CELLS / 2); /* run_curve_bound's cell */
        f = f > 0 ? f : 0;
        f = f < RUN_FLAT_CELLS - 1 ? f : RUN_FLAT_CELLS - 1;
        int ok = pass & (du > 0) & !(du < se * d);
        int easy = (du > safe * d) & ((dz > z_hi) | (dz < z_lo));
        dot[l] = c;
        len[l] = d;
        cell[l] = (int32_t)f;
        flag[l] = ok * (2 - easy);
        any |= ok;
    }
    return any;
}

/* Every pair's rows (pair_row), each lane's links appended to its list (w->rows): a step
 * then reads its links in one run of memory, where the rows of the pairs lie a line apart */
RUN_CLONES
static void pair_rows(const struct interf_exam_plan *p, struct run_work *w)
{
    enum { L = RUN_WIN_STEPS };
    const double se = p->sin_eps_min;
    const double safe = p->elev_const && !p->alpha0_by_plane ? p->sin_elev_safe : INFINITY;
    _Alignas(64) double dot[L], len[L];
    _Alignas(64) int32_t cell[L], flag[L];
    uint32_t n[L] = {0}, *first = w->row_first;
    const size_t nf = p->n_es + 1;
    for (uint32_t e = 0; e < p->n_es; e++) {
        for (int l = 0; l < L; l++)
            first[l * nf + e] = n[l];
        for (size_t a = w->pair_first[e]; a < w->pair_first[e + 1]; a++) {
            uint32_t i = w->pair_win[a];
            if (!pair_row(&p->es[e], se, safe, w->wq + (size_t)i * 4 * L, dot, len, cell, flag))
                continue; /* (a link at no lane) */
            for (int l = 0; l < L; l++) { /* (written always, kept where flagged) */
                w->rows[l * w->pair_cap + n[l]] = (struct run_row){dot[l], len[l], cell[l], i,
                                                                   flag[l]};
                n[l] += flag[l] != 0;
            }
        }
    }
    for (int l = 0; l < L; l++)
        first[l * nf + p->n_es] = n[l];
}

/* Room for np pairs; 0: out of memory */
static int pair_room(struct run_work *w, size_t np)
{
    if (np <= w->pair_cap)
        return 1;
    size_t cap = w->pair_cap ? 2 * w->pair_cap : 256;
    while (cap < np)
        cap *= 2;
    uint32_t *pw = realloc(w->pair_win, cap * sizeof *pw);
    if (pw)
        w->pair_win = pw;
    struct run_row *rows = realloc(w->rows, RUN_WIN_STEPS * cap * sizeof *rows);
    if (rows)
        w->rows = rows;
    if (!pw || !rows)
        return 0;
    w->pair_cap = cap;
    return 1;
}

/* The rows of the window built at step k (window_build): each of its satellites' positions at
 * its steps from k on, where it is due, then each pair's (pair_rows); 0: out of memory */
static int window_rows(const struct interf_exam_plan *p, struct run_work *w, int64_t k)
{
    enum { L = RUN_WIN_STEPS };
    const int64_t nb = INTERF_STEP_ANCHOR, base = w->win_end - L;
    const double r_min = INTERF_RE_KM + p->h_min_km, dt = p->info.dt_s;
    w->win_base = base;
    for (uint32_t i = 0; i < w->n_win; i++) {
        size_t s = w->win[i];
        const double *bx = w->bx + s * nb + (base - w->block), *by = bx + nb * p->req.sys.n_sats,
                     *bz = by + nb * p->req.sys.n_sats;
        double *q = w->wq + (size_t)i * 4 * L;
        for (int l = 0; l < L; l++) {
            int64_t t = base + l; /* due: from k on, its wait passed */
            int due = t >= k && !((double)t * dt < w->until_s[s]);
            double x = due ? bx[l] : 0, y = due ? by[l] : 0, z = due ? bz[l] : 0;
            double rr = x * x + y * y + z * z;
            q[l] = x, q[L + l] = y, q[2 * L + l] = z;
            q[3 * L + l] = rr >= r_min * r_min && rr > 0 ? sqrt(rr) * p->cos_reach : INFINITY;
        }
    }
    size_t np = 0;
    for (uint32_t e = 0; e < p->n_es; e++) {
        w->pair_first[e] = (uint32_t)np;
        np += w->es_len[e];
    }
    w->pair_first[p->n_es] = (uint32_t)np;
    if (!pair_room(w, np))
        return 0;
    for (uint32_t e = 0; e < p->n_es; e++)
        memcpy(w->pair_win + w->pair_first[e], w->es_list + (size_t)e * p->req.sys.n_sats,
               w->es_len[e] * sizeof *w->pair_win);
    pair_rows(p, w);
    return 1;
}

/* Step k of a window: its rows built (window_build, window_rows) when k starts one; 0: out of
 * memory */
static int window_step(const struct interf_exam_plan *p, struct run_work *w, int64_t k)
{
    step_block(p, w, k, 1);
    if (k < w->win_end && k >= w->win_end - RUN_WIN_STEPS)
        return 1;
    window_build(p, w, k);
    return window_rows(p, w, k);
}

enum interf_status run_step(const struct interf_exam_plan *p, struct run_work *w, int64_t k,
                            struct interf_exam_step *out, struct interf_error *err)
{
    enum interf_status st = INTERF_OK;
    memset(out, 0, sizeof *out);
    if (p->info.link == INTERF_EXAM_LINK_UP) {
        st = step_up(p, w, k, out, err);
    } else {
        propagate_all(p, w, (double)k * p->info.dt_s);
        step_is(p, w, out);
    }
    out->epfd_db = out->sum_lin > 0 ? 10.0 * log10(out->sum_lin) : -INFINITY;
    return st;
}

enum interf_status interf_exam_plan_step(const struct interf_exam_plan *p, int64_t step,
                                         struct interf_exam_step *out, struct interf_error *err)
{
    struct run_work w;
    enum interf_status st = run_work_init(p, &w, err);
    if (st == INTERF_OK)
        st = run_step(p, &w, step, out, err);
    run_work_free(&w);
    return st;
}

/* The bin of a step's sum (§D1.4: rounded down to 0.1 dB), clamped to the histogram;
 * *clamped set when it lies above the top bin */
static size_t step_bin(double sum_lin, int *clamped)
{
    *clamped = 0;
    if (!(sum_lin > 0))
        return 0;
    int32_t t = interf_db_to_tenths(10.0 * log10(sum_lin));
    if (t <= INTERF_EPFD_LEVEL_MIN)
        return 0;
    *clamped = t > INTERF_EPFD_LEVEL_MAX;
    return t >= INTERF_EPFD_LEVEL_MAX ? INTERF_EPFD_NBINS - 1 : (size_t)(t - INTERF_EPFD_LEVEL_MIN);
}

/* What a thread gathers over its windows */
struct run_acc {
    uint32_t *counts;
    struct interf_exam_run_stats st;
    double links, accepted;
    enum interf_status status;
    struct interf_error err;
};

/* One window [first, end) of the run through the walk, into acc */
static void run_window(const struct interf_exam_plan *p, int64_t first, int64_t end,
                       struct run_acc *acc)
{
    struct run_work w;
    enum interf_status st = run_work_init(p, &w, &acc->err);
    struct interf_exam_dual d = {p->info.n_steps, p->info.n_coarse};
    struct interf_exam_walk walk;
    interf_exam_walk_begin(&d, first, end, &walk);
    int64_t k;
    int sample, clamped;
    while (st == INTERF_OK && interf_exam_walk_next(&walk, &k, &sample)) {
        struct interf_exam_step s;
        st = run_step(p, &w, k, &s, &acc->err);
        int64_t weight = interf_exam_walk_report(&walk, s.critical);
        if (!sample || st != INTERF_OK)
            continue;
        acc->counts[step_bin(s.sum_lin, &clamped)] += (uint32_t)weight; /* step 35.1 */
        acc->st.clamped += (uint64_t)(clamped * weight);
        acc->st.n_evaluated++;
        acc->st.n_coarse_blocks += weight > 1;
        acc->st.weight += (uint64_t)weight;
        acc->links += (double)s.n_links;
        acc->accepted += (double)s.n_accepted;
        if (s.epfd_db > acc->st.max_epfd_db)
            acc->st.max_epfd_db = s.epfd_db;
    }
    run_work_free(&w);
    acc->status = st;
}

/* The threads' sums into hist and stats (integers, and a maximum: the same whatever the
 * split) */
static enum interf_status merge(const struct run_acc *acc, int nt, struct interf_hist_set *hist,
                                struct interf_exam_run_stats *stats, struct interf_error *err)
{
    double links = 0, accepted = 0;
    for (int t = 0; t < nt; t++) {
        if (acc[t].status != INTERF_OK)
            return interf_error_set(err, acc[t].status, "%s", acc[t].err.msg);
        for (size_t b = 0; b < INTERF_EPFD_NBINS; b++)
            hist->count[b] += acc[t].counts[b];
        stats->n_evaluated += acc[t].st.n_evaluated;
        stats->n_coarse_blocks += acc[t].st.n_coarse_blocks;
        stats->weight += acc[t].st.weight;
        stats->clamped += acc[t].st.clamped;
        stats->max_epfd_db = fmax(stats->max_epfd_db, acc[t].st.max_epfd_db);
        links += acc[t].links;
        accepted += acc[t].accepted;
    }
    stats->links_sum = links, stats->accepted_sum = accepted;
    if (stats->n_evaluated) {
        stats->links_per_step = links / (double)stats->n_evaluated;
        stats->accepted_per_step = accepted / (double)stats->n_evaluated;
    }
    stats->threads_used = nt;
    return INTERF_OK;
}

/* Windows of the run per thread, and most steps a window: enough for the dynamic schedule to
 * even out (a thread that ends early waits for the others' last window: of 65 536 steps, a
 * second at most for an epfd up run of 60 stations), few enough that starting one (its work
 * arrays, its first block's positions) costs little against its steps */
#define WINDOWS_PER_THREAD 16
#define WINDOW_STEPS_MAX 65536

enum interf_status interf_exam_plan_run(const struct interf_exam_plan *p,
                                        struct interf_hist_set *hist,
                                        struct interf_exam_run_stats *stats,
                                        struct interf_error *err)
{
    return interf_exam_plan_run_window(p, 0, p->info.n_steps, hist, stats, err);
}

/* The windows of [first, end) on nt threads into acc; INTERF_ECANCELED when progress asks */
static enum interf_status run_windows(const struct interf_exam_plan *p, int64_t first,
                                      int64_t end, int nt, struct run_acc *acc)
{
    int64_t n = end - first, by_len = (n + WINDOW_STEPS_MAX - 1) / WINDOW_STEPS_MAX;
    int64_t nw = (int64_t)nt * WINDOWS_PER_THREAD;
    nw = nw > by_len ? nw : by_len;
    nw = nw > n ? (n > 0 ? n : 1) : nw;
    int64_t done = 0;
    int cancel = 0;
#pragma omp parallel for num_threads(nt) schedule(dynamic, 1)
    for (int64_t j = 0; j < nw; j++) {
        int me = 0, stop;
#ifdef _OPENMP
        me = omp_get_thread_num();
#endif
#pragma omp atomic read
        stop = cancel;
        if (stop || acc[me].status != INTERF_OK)
            continue;
        run_window(p, first + n * j / nw, first + n * (j + 1) / nw, &acc[me]);
        int64_t m;
#pragma omp atomic capture
        m = ++done;
        if (me == 0 && p->progress &&
            p->progress((double)m / (double)nw, "running", p->progress_user)) {
#pragma omp atomic write
            cancel = 1;
        }
    }
    return cancel ? INTERF_ECANCELED : INTERF_OK;
}

enum interf_status interf_exam_plan_run_window(const struct interf_exam_plan *p, int64_t first,
                                               int64_t end, struct interf_hist_set *hist,
                                               struct interf_exam_run_stats *stats,
                                               struct interf_error *err)
{
    memset(stats, 0, sizeof *stats);
    stats->max_epfd_db = -INFINITY;
    if (!(first >= 0 && first <= end && end <= p->info.n_steps))
        return interf_error_set(err, INTERF_EINVAL, "run: steps %lld to %lld: not a window of "
                                "the run's %lld", (long long)first, (long long)end,
                                (long long)p->info.n_steps);
    enum interf_status st = interf_hist_set_create(1, INTERF_EPFD_NBINS, INTERF_EPFD_LEVEL_MIN,
                                                   hist, err);
    if (st != INTERF_OK)
        return st;
    int nt = p->req.threads > 0 ? p->req.threads : 1;
#ifdef _OPENMP
    if (p->req.threads <= 0)
        nt = omp_get_max_threads();
#endif
    nt = nt > 256 ? 256 : nt;
    uint32_t *counts = calloc((size_t)nt * INTERF_EPFD_NBINS, sizeof *counts);
    struct run_acc *acc = calloc((size_t)nt, sizeof *acc);
    if (!counts || !acc) {
        st = interf_error_set(err, INTERF_ENOMEM, "run: out of memory");
    } else {
        for (int t = 0; t < nt; t++) {
            acc[t].counts = counts + (size_t)t * INTERF_EPFD_NBINS;
            acc[t].st.max_epfd_db = -INFINITY;
        }
        st = run_windows(p, first, end, nt, acc) == INTERF_ECANCELED
                 ? interf_error_set(err, INTERF_ECANCELED, "run: canceled")
                 : merge(acc, nt, hist, stats, err);
    }
    free(counts);
    free(acc);
    if (st != INTERF_OK)
        interf_hist_set_free(hist);
    return st;
}
