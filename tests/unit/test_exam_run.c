/* SPDX-License-Identifier: MIT */
/* The epfd up run of Rec. ITU-R S.1503-4 (09/2023) §D5.2.6 on the Ku uplink example of
 * footprints/ (oneweb-ku-up.*) against its own definition: every step depends on its time alone
 * (whatever the satellites skipped between steps, the windows of the run and the number of
 * threads), and a step agrees with the Recommendation's steps 14-34 written out plainly. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <string.h>

#include "exam/run_impl.h"
#include "exam_example.h"
#include "interf/epfd.h"
#include "interf/geo.h"

#define N_STEPS 3000

static void load(struct exam_example *x)
{
    const char *dir = getenv("INTERF_SOURCE_DIR");
    struct interf_error err = {0};
    cr_assert(dir != NULL, "INTERF_SOURCE_DIR is not set");
    cr_assert(exam_example_load(x, dir, "oneweb-ku-up", "22-2", 14.0, 1, &err), "%s", err.msg);
    x->req.gso_lon_deg = 0;
    x->req.n_steps = N_STEPS;
}

static struct interf_exam_plan *plan(struct exam_example *x, int threads)
{
    struct interf_exam_plan *p;
    struct interf_error err = {0};
    x->req.threads = threads;
    cr_assert(eq(int, interf_exam_up_plan(&x->req, &p, &err), INTERF_OK), "%s", err.msg);
    return p;
}

/* The bin of a step's sum as §D1.4 defines it: its level rounded down to 0.1 dB, clamped to
 * the histogram of interf_exam_plan_run */
static size_t bin_of(double sum_lin)
{
    if (!(sum_lin > 0))
        return 0;
    int32_t t = interf_db_to_tenths(10.0 * log10(sum_lin));
    if (t <= INTERF_EPFD_LEVEL_MIN)
        return 0;
    return t >= INTERF_EPFD_LEVEL_MAX ? INTERF_EPFD_NBINS - 1 : (size_t)(t - INTERF_EPFD_LEVEL_MIN);
}

Test(exam_run, up_run_is_its_steps_one_by_one_on_any_threads, .timeout = 300)
{
    /* The reference: each step evaluated alone (interf_exam_plan_step: a fresh state that
     * propagates every satellite), binned as §D1.4 says; the run (satellites skipped between
     * steps until they can come near the stations, windows of the run on 1, 2 and 3 threads)
     * must give the same counts, maximum and links bit for bit. The example's run has
     * Ncoarse = 1 (§D4.1 for runs over 1e8 steps), so every step counts once. */
    struct exam_example x;
    struct interf_error err = {0};
    load(&x);
    struct interf_exam_plan *p = plan(&x, 1);
    const struct interf_exam_plan_info *info = interf_exam_plan_info(p);
    cr_assert(eq(i64, info->n_coarse, 1));
    uint32_t *ref = calloc(INTERF_EPFD_NBINS, sizeof *ref);
    double max_db = -INFINITY, links = 0;
    for (int64_t k = 0; k < N_STEPS; k++) {
        struct interf_exam_step s;
        cr_assert(eq(int, interf_exam_plan_step(p, k, &s, &err), INTERF_OK),
                  "%s", err.msg);
        ref[bin_of(s.sum_lin)]++;
        max_db = fmax(max_db, s.epfd_db);
        links += (double)s.n_links;
    }
    interf_exam_plan_destroy(p);
    /* the example is busy: dozens of links a step, some steps above the floor */
    cr_assert(lt(dbl, 50.0 * N_STEPS, links));
    cr_assert(lt(u32, ref[0], N_STEPS));
    for (int threads = 1; threads <= 3; threads++) {
        struct interf_hist_set h;
        struct interf_exam_run_stats st;
        p = plan(&x, threads);
        cr_assert(eq(int, interf_exam_plan_run(p, &h, &st, &err), INTERF_OK), "%s", err.msg);
        cr_assert(eq(int, memcmp(h.count, ref, INTERF_EPFD_NBINS * sizeof *ref), 0),
                  "%d threads", threads);
        cr_assert(eq(dbl, st.max_epfd_db, max_db), "%d threads", threads);
        cr_assert(eq(dbl, st.links_per_step, links / N_STEPS), "%d threads", threads);
        cr_assert(eq(int, st.threads_used, threads));
        interf_hist_set_free(&h);
        interf_exam_plan_destroy(p);
    }
    free(ref);
    exam_example_free(&x);
}

/* Steps 14-34 of §D5.2.6 at t_s written out plainly from the plan's figures: the constellation
 * with D_art of §D4.6.2, every placed station on the sphere that sees the GSO satellite (step
 * 16), elevation by interf_station_look against MIN_ELEV (step 18 b), |alpha| by the exact
 * interf_gso_arc_alpha against MIN_EXCLUDE (step 18 c), the mask at the off-axis angle
 * toward the GSO satellite (step 19), LFS and G_RX - Gmax (steps 20-23) and the greedy
 * selection (steps 25-34). */
static void plain_step(const struct exam_example *x, const struct interf_exam_plan *p,
                       double t_s, struct interf_exam_step *out)
{
    const struct interf_exam_plan_info *in = interf_exam_plan_info(p);
    const struct interf_op_params *ops = &x->ops;
    struct interf_error err = {0};
    size_t n = x->req.sys.n_sats;
    struct interf_constellation *c;
    cr_assert(eq(int, interf_constellation_create(n, &c, &err), INTERF_OK));
    for (size_t k = 0; k < n; k++) {
        struct interf_orbit_options o = x->opt[k];
        if (o.model == INTERF_ORBIT_J2)
            o.precession_rad_s += in->timing.d_art_deg_s * INTERF_DEG;
        cr_assert(eq(int, interf_constellation_add(c, &x->el[k], &o, -1, NULL, &err), INTERF_OK));
    }
    double *sat = malloc(3 * n * sizeof *sat), *sx = malloc(3 * n * sizeof *sx);
    struct interf_ephem eph = {sx, sx + n, sx + 2 * n, NULL, NULL, NULL};
    struct interf_orbit_run run = {0, (double)in->n_steps * in->dt_s};
    interf_constellation_propagate(c, 0, n, t_s, &run, INTERF_FRAME_ECEF, &eph);
    for (size_t k = 0; k < n; k++)
        for (int i = 0; i < 3; i++)
            sat[3 * k + i] = sx[i * n + k];
    const double *lat, *lon;
    size_t n_all = interf_exam_plan_stations(p, &lat, &lon), n_es = 0, n_links = 0;
    double *es_km = malloc(3 * n_all * sizeof *es_km);
    long *es_max = malloc(n_all * sizeof *es_max);
    struct interf_up_link *links = malloc(n_all * n * sizeof *links);
    double g[3], bs[3], b[3];
    interf_gso_ecef(in->gso_lon_deg * INTERF_DEG, g);
    bs[0] = INTERF_RE_KM * cos(in->bs_lat_deg * INTERF_DEG) * cos(in->bs_lon_deg * INTERF_DEG);
    bs[1] = INTERF_RE_KM * cos(in->bs_lat_deg * INTERF_DEG) * sin(in->bs_lon_deg * INTERF_DEG);
    bs[2] = INTERF_RE_KM * sin(in->bs_lat_deg * INTERF_DEG);
    for (int i = 0; i < 3; i++)
        b[i] = bs[i] - g[i];
    struct interf_earth *sphere;
    cr_assert(eq(int, interf_earth_create(INTERF_EARTH_SPHERE, &sphere, &err), INTERF_OK));
    for (size_t k = 0; k < n_all; k++) {
        struct interf_station st;
        cr_assert(eq(int, interf_station_init(sphere, lat[k] * INTERF_DEG, lon[k] * INTERF_DEG, 0,
                                              &st, &err), INTERF_OK));
        double to_gso[3], to_es[3], az, el, d_km;
        for (int i = 0; i < 3; i++) {
            to_gso[i] = g[i] - st.ecef_km[i];
            to_es[i] = -to_gso[i];
        }
        interf_station_look(&st, g, &az, &el, &d_km);
        if (el < 0) /* step 16 */
            continue;
        double grel = interf_antenna_gain_dbi(&in->rx, interf_angle_between(b, to_es) /
                                                           INTERF_DEG) - in->rx.gain_max_dbi;
        double lfs = 10.0 * log10(4.0 * INTERF_PI * d_km * d_km) + 60.0;
        double k_db = 10.0 * log10(in->num_es) + in->bw_scale_db - lfs + grel;
        memcpy(es_km + 3 * n_es, st.ecef_km, sizeof st.ecef_km);
        es_max[n_es] = interf_op_max_co_freq(ops, lat[k]);
        for (size_t s = 0; s < n && es_max[n_es] != 0; s++) {
            double v[3], alpha;
            for (int i = 0; i < 3; i++)
                v[i] = sat[3 * s + i] - st.ecef_km[i];
            interf_station_look(&st, &sat[3 * s], &az, &el, NULL);
            if (el / INTERF_DEG < ops->min_elev.elev_deg[0])
                continue;
            cr_assert(eq(int, interf_gso_arc_alpha(st.ecef_km, &sat[3 * s], &alpha, NULL),
                         INTERF_OK));
            if (fabs(alpha) < interf_op_alpha0_deg(ops, 0, lat[k]) * INTERF_DEG)
                continue;
            double eirp = interf_eirp_mask_offaxis_db(x->mask, lat[k], interf_angle_between(
                                                          v, to_gso) / INTERF_DEG);
            links[n_links++] = (struct interf_up_link){eirp + k_db, (uint32_t)s,
                                                       (uint32_t)n_es};
        }
        n_es++;
    }
    unsigned char *state = malloc(n_links ? n_links : 1);
    memset(out, 0, sizeof *out);
    interf_exam_up_select(n_links, links, sat, es_km, es_max, ops->max_co_freq_sat,
                          ops->min_angle_at_es_deg, ops->min_angle_at_sat_deg, state,
                          &out->sum_lin);
    out->n_links = n_links;
    for (size_t k = 0; k < n_links; k++)
        out->n_accepted += state[k];
    interf_earth_destroy(sphere);
    interf_constellation_destroy(c);
    free(state);
    free(links);
    free(es_max);
    free(es_km);
    free(sat);
    free(sx);
}

Test(exam_run, up_step_is_the_plain_steps_14_to_34, .timeout = 300)
{
    /* 40 steps spread over the example's first 10^5: the same links and accepted links as the
     * plain steps, and the same aggregate to 1e-9 relative (the plain form takes its angles by
     * other formulas: a difference of rounding only) */
    struct exam_example x;
    struct interf_error err = {0};
    load(&x);
    x.req.n_steps = 100000;
    struct interf_exam_plan *p = plan(&x, 1);
    const struct interf_exam_plan_info *info = interf_exam_plan_info(p);
    for (int k = 0; k < 40; k++) {
        struct interf_exam_step got, want;
        cr_assert(eq(int, interf_exam_plan_step(p, k * 2477, &got, &err), INTERF_OK), "%s",
                  err.msg);
        plain_step(&x, p, (double)(k * 2477) * info->dt_s, &want);
        cr_assert(lt(sz, 50, want.n_links), "step %d", k);
        cr_assert(eq(sz, got.n_links, want.n_links), "step %d", k);
        cr_assert(eq(sz, got.n_accepted, want.n_accepted), "step %d", k);
        cr_assert(lt(dbl, fabs(got.sum_lin / want.sum_lin - 1), 1e-9), "step %d: %.17g vs %.17g",
                  k, got.sum_lin, want.sum_lin);
    }
    interf_exam_plan_destroy(p);
    exam_example_free(&x);
}

/* Steps first, first + stride, ... (n of them) of plans a and b, each on one thread's state
 * carried from step to step (its windows, waits and blocks): the same sum to the bit, links,
 * accepted links and §D4.7.2 flag. Returns how many steps of a accepted fewer links than
 * ref (a third plan, when given). */
static int same_steps(const struct interf_exam_plan *a, const struct interf_exam_plan *b,
                      const struct interf_exam_plan *ref, int64_t first, int64_t n,
                      int64_t stride)
{
    struct run_work wa, wb, wr;
    struct interf_error err = {0};
    int fewer = 0;
    cr_assert(eq(int, run_work_init(a, &wa, &err), INTERF_OK));
    cr_assert(eq(int, run_work_init(b, &wb, &err), INTERF_OK));
    cr_assert(eq(int, run_work_init(ref ? ref : a, &wr, &err), INTERF_OK));
    for (int64_t i = 0; i < n; i++) {
        int64_t k = first + i * stride;
        struct interf_exam_step sa, sb, sr;
        cr_assert(eq(int, run_step(a, &wa, k, &sa, &err), INTERF_OK), "%s", err.msg);
        cr_assert(eq(int, run_step(b, &wb, k, &sb, &err), INTERF_OK), "%s", err.msg);
        uint64_t ba, bb;
        memcpy(&ba, &sa.sum_lin, sizeof ba);
        memcpy(&bb, &sb.sum_lin, sizeof bb);
        cr_assert(eq(u64, ba, bb), "step %lld: %.17g vs %.17g", (long long)k, sa.sum_lin,
                  sb.sum_lin);
        cr_assert(eq(sz, sa.n_links, sb.n_links), "step %lld", (long long)k);
        cr_assert(eq(sz, sa.n_accepted, sb.n_accepted), "step %lld", (long long)k);
        cr_assert(eq(int, sa.critical, sb.critical), "step %lld", (long long)k);
        if (ref) {
            cr_assert(eq(int, run_step(ref, &wr, k, &sr, &err), INTERF_OK), "%s", err.msg);
            fewer += sa.n_accepted < sr.n_accepted;
        }
    }
    run_work_free(&wa);
    run_work_free(&wb);
    run_work_free(&wr);
    return fewer;
}

/* Plans *a from the parameters ops and *b, the reference, from the same with MIN_ANGLE_AT_ES =
 * 1e-9 deg in *angle: the plan then runs interf_exam_up_select (steps 25-34, every link worked
 * out and the greedy selection) on each step's near satellites, and 1e-9 deg drops no link (no
 * two satellites come that close as seen from a station). ops and *angle outlive the plans (a
 * plan reads the parameters as it runs); x's own are back in place after. */
static void plan_and_reference(struct exam_example *x, const struct interf_op_params *ops,
                               struct interf_op_params *angle, struct interf_exam_plan **a,
                               struct interf_exam_plan **b)
{
    *angle = *ops;
    angle->min_angle_at_es_deg = 1e-9;
    x->req.sys.ops = ops;
    *a = plan(x, 1);
    x->req.sys.ops = angle;
    *b = plan(x, 1);
    x->req.sys.ops = &x->ops;
}

Test(exam_run, up_bounded_choice_is_the_full_selection, .timeout = 300)
{
    /* The reference (plan_and_reference) against the example's own plan (a "T" mask, no angle
     * rule), which takes, by windows of satellites, each station's first MAX_CO_FREQ links from
     * bounds of its curve (run_curve_bound) and works out only the values that may be kept: the
     * same sums to the bit, over consecutive steps (one window after another) and steps 37
     * apart (a window and a block for each). */
    struct exam_example x;
    load(&x);
    x.req.n_steps = 2000000;
    struct interf_op_params angle;
    struct interf_exam_plan *a, *b;
    plan_and_reference(&x, &x.ops, &angle, &a, &b);
    same_steps(a, b, NULL, 0, 3000, 1);
    same_steps(a, b, NULL, 1000003, 500, 37);
    interf_exam_plan_destroy(a);
    interf_exam_plan_destroy(b);
    exam_example_free(&x);
}

Test(exam_run, up_bounded_choice_of_any_max_co_freq_is_the_full_selection, .timeout = 300)
{
    /* The reference as above (plan_and_reference) with MAX_CO_FREQ of 1, 3 and 9 links a
     * station instead of the example's 2: the bounded choice keeps the first links met so far
     * (station_keep; 9 is above KEEP_BOUNDED_MAX, its links chosen in rounds), ties ordered by
     * satellite: the same sums to the bit */
    struct exam_example x;
    load(&x);
    x.req.n_steps = 2000000;
    static const long wants[] = {1, 3, 9};
    for (size_t i = 0; i < sizeof wants / sizeof *wants; i++) {
        double lat = 0, value = (double)wants[i];
        struct interf_op_params ops = x.ops, angle;
        ops.max_co_freq = (struct interf_lat_table){1, &lat, &value};
        struct interf_exam_plan *a, *b;
        plan_and_reference(&x, &ops, &angle, &a, &b);
        cr_assert(eq(i64, a->es[0].max_co_freq, wants[i]));
        same_steps(a, b, NULL, 0, 600, 1);
        same_steps(a, b, NULL, 1000003, 200, 37);
        interf_exam_plan_destroy(a);
        interf_exam_plan_destroy(b);
    }
    exam_example_free(&x);
}

Test(exam_run, up_binding_satellite_limit_is_the_full_selection, .timeout = 300)
{
    /* MAX_CO_FREQ_SAT = 1 binds at most steps (the example's stations keep two links each and
     * share satellites): the plan then falls back from the bounded choice to the step's near
     * satellites and interf_exam_up_select, the reference of the test above */
    struct exam_example x;
    load(&x);
    x.req.n_steps = 2000000;
    struct interf_exam_plan *ref = plan(&x, 1), *a, *b;
    struct interf_op_params one = x.ops, angle;
    one.max_co_freq_sat = 1;
    plan_and_reference(&x, &one, &angle, &a, &b);
    cr_assert(lt(int, 1000, same_steps(a, b, ref, 0, 2000, 1)));
    cr_assert(lt(int, 100, same_steps(a, b, ref, 1000003, 300, 37)));
    interf_exam_plan_destroy(ref);
    interf_exam_plan_destroy(a);
    interf_exam_plan_destroy(b);
    exam_example_free(&x);
}

Test(exam_run, up_curve_bounds_hold_the_curve)
{
    /* run_curve_bound against the curve worked out at the arc cosine (run_curve_eval, and
     * interf_eirp_curve_eval_db, the mask's own bisection): in every cell of the cosine, at its
     * edges and inside, with the cosine off by a few units in the last place (a product by 1 / d
     * against a quotient by d), the value lies within the bounds, and where they are one value
     * (a flat part of the mask) it is that value to the bit */
    struct exam_example x;
    load(&x);
    struct interf_exam_plan *p = plan(&x, 1);
    cr_assert(eq(sz, p->n_curves, 1));
    const struct run_curve *r = &p->curves[0];
    size_t flat = 0;
    for (size_t j = 0; j < RUN_FLAT_CELLS; j++) {
        double c0 = -1 + 2.0 * (double)j / RUN_FLAT_CELLS, c1 = -1 + 2.0 * (double)(j + 1) /
                                                                RUN_FLAT_CELLS;
        double at[5] = {c0, c0 + 0.25 * (c1 - c0), 0.5 * (c0 + c1), c0 + 0.9 * (c1 - c0), c1};
        for (int i = 0; i < 5; i++) {
            const double *b = run_curve_bound(r, at[i]);
            flat += b[0] == b[1];
            for (int u = -3; u <= 3; u++) {
                double c = at[i];
                for (int v = 0; v < (u < 0 ? -u : u); v++)
                    c = nextafter(c, u < 0 ? -2.0 : 2.0);
                double deg = acos(c > 1 ? 1 : c < -1 ? -1 : c) / INTERF_DEG;
                double y = run_curve_eval(r, deg);
                cr_assert(eq(dbl, y, interf_eirp_curve_eval_db(r->c, deg)));
                cr_assert(le(dbl, b[0], y), "cos %.17g", c);
                cr_assert(le(dbl, y, b[1]), "cos %.17g", c);
                if (b[0] == b[1] && fabs(c - at[i]) < 1e-15)
                    cr_assert(eq(dbl, y, b[0]), "cos %.17g", c);
            }
        }
    }
    /* the mask (footprints/oneweb-ku-up-eirp.txt) is -18 dBW from 30 to 90 deg: cosines
     * 0 to 0.866, 0.43 of the range, in cells of their own */
    cr_assert(lt(sz, 5 * RUN_FLAT_CELLS * 2 / 5, flat));
    cr_assert(lt(dbl, run_curve_bound(r, 0.5)[1] - run_curve_bound(r, 0.5)[0], 1e-300));
    cr_assert(eq(dbl, run_curve_bound(r, 0.5)[0], -18.0));
    interf_exam_plan_destroy(p);
    exam_example_free(&x);
}

Test(exam_run, up_waits_hold, .timeout = 300)
{
    /* A satellite left to wait (until_s: propagate_near's and the windows' waits, by its speed
     * on the sky, its plane and its phase in the plane, sky_wait and phase_wait) must be, at
     * every step before the wait ends, outside the cull cap or outside every cluster's cap:
     * its positions from interf_constellation_propagate_steps (the run's own, step by step)
     * tested against the caps at each such step, after every 400th of 4000 steps */
    struct exam_example x;
    struct interf_error err = {0};
    load(&x);
    x.req.n_steps = 2000000;
    struct interf_exam_plan *p = plan(&x, 1);
    struct run_work w;
    cr_assert(eq(int, run_work_init(p, &w, &err), INTERF_OK));
    size_t n = x.req.sys.n_sats, nc = p->n_clusters, checked = 0;
    enum { SPAN = 1500 };
    double *q = malloc(3 * SPAN * sizeof *q);
    const double dt = p->info.dt_s;
    for (int64_t k = 0; k < 4000; k++) {
        struct interf_exam_step st;
        cr_assert(eq(int, run_step(p, &w, k, &st, &err), INTERF_OK), "%s", err.msg);
        if (k % 400 != 399)
            continue;
        for (size_t s = 0; s < n; s++) {
            int64_t m = 0;
            while (m < SPAN && (double)(k + 1 + m) * dt < w.until_s[s])
                m++;
            if (!m)
                continue;
            interf_constellation_propagate_steps(p->c, s, &p->orun, 0, dt, (long)(k + 1),
                                                 (size_t)m, q, q + SPAN, q + 2 * SPAN);
            for (int64_t j = 0; j < m; j++) {
                double v[3] = {q[j], q[SPAN + j], q[2 * SPAN + j]};
                double r = sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
                double cull = (v[0] * p->cull_dir[0] + v[1] * p->cull_dir[1] +
                               v[2] * p->cull_dir[2]) / r;
                int near = 0;
                for (size_t c = 0; c < nc; c++)
                    near |= (v[0] * p->clusters[c].dir[0] + v[1] * p->clusters[c].dir[1] +
                             v[2] * p->clusters[c].dir[2]) / r >= p->clusters[c].cos_rad;
                cr_assert(eq(int, cull >= p->cull_cos && near, 0), "satellite %zu, step %lld",
                          s, (long long)(k + 1 + j));
                checked++;
            }
        }
    }
    /* most satellites wait most of the time (about 100 of 588 are due at a step) */
    cr_assert(lt(sz, (size_t)(10 * 400 * 300), checked));
    free(q);
    run_work_free(&w);
    interf_exam_plan_destroy(p);
    exam_example_free(&x);
}
