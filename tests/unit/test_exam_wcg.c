/* SPDX-License-Identifier: MIT */
/* Tests of the runs and worst-case geometry of Rec. ITU-R S.1503-4 §D2.1 and §D3.1
 * (interf/exam.h). */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <pthread.h>
#include <string.h>

#include "interf/exam.h"
#include "interf/orbit.h"
#include "test_antenna_util.h"

Test(exam_wcg, run_frequency_and_table_8)
{
    /* §D2.1: max(10700, 10950) MHz + 40 kHz / 2 = 10950.02 MHz; Table 8: 10 deg below 17 GHz,
     * 20 deg from 17 GHz */
    cr_assert(epsilon_eq(dbl, interf_exam_run_freq_mhz(10700, 10950, 40), 10950.02, 1e-9));
    cr_assert(epsilon_eq(dbl, interf_exam_eps_gso_deg(16999), 10, 0));
    cr_assert(epsilon_eq(dbl, interf_exam_eps_gso_deg(17000), 20, 0));
}

/* Operating parameters: earth stations at every latitude, MIN_ELEV 10 deg */
static struct interf_op_params everywhere_above_10_deg(void)
{
    struct interf_op_params ops = {0};
    ops.es_lat_min_deg = -90, ops.es_lat_max_deg = 90;
    cr_assert(eq(int, interf_op_parse_elev_table("10", "min_elev", &ops.min_elev, NULL),
                 INTERF_OK));
    return ops;
}

/* A mask giving -150 where delta longitude <= -1 deg and -1000 where it is >= 1 deg */
static struct interf_pfd_mask *west_of_the_arc(void)
{
    struct interf_pfd_mask *m;
    cr_assert(eq(int, interf_pfd_mask_create(INTERF_MASK_ALPHA_DLON, 1, &m, NULL), INTERF_OK));
    struct interf_mask_table *t = &m->tables[0];
    cr_assert(eq(int, interf_mask_table_alloc(t, 2, 4, NULL), INTERF_OK));
    const double c[4] = {-180, -1, 1, 180}, v[4] = {-150, -150, -1000, -1000};
    t->b_deg[0] = -180, t->b_deg[1] = 180;
    for (int k = 0; k < 4; k++)
        t->c_deg[k] = c[k], t->pfd_db[k] = t->pfd_db[4 + k] = v[k];
    return m;
}

Test(exam_wcg, one_equatorial_satellite_by_hand, .timeout = 600)
{
    /* One satellite on a circular equatorial orbit at 1200 km, eps0 = 10 deg, alpha0 = 0, a
     * 30 m S.1428 dish at 17.8 GHz (theta3dB 0.039 deg: only alpha ~ 0 reaches the top bin), the
     * mask above, threshold 0. By hand (S.1503-4 §D3.1): i = 0 searches latitude 0 alone. Earth
     * stations on the equator see the satellite in line with the arc (alpha = 0, Grel = 0), and
     * east of the sub-satellite point the arc point lies west of it (delta longitude < 0, pfd
     * -150): the top bin is -1500 (-150.0 dB). Among them the apparent angular velocity
     * |r x (v_sat - omega_e x r_es)| / |r|^2 falls monotonically from 5.656e-3 rad/s at nadir to
     * the edge of coverage (evaluated at 11 points along the equator), so the WCG is that edge:
     * phi0 = asin(Re / (Re + h) cos 10 deg) = 55.98215 deg toward the east (theta = 0), the
     * earth station at central angle 90 - 10 - phi0 = 24.01785 deg (latitude 0), range
     * 3132.048 km, elevation 10 deg, the arc point on the same line at longitude -47.41485 deg
     * (its elevation 10 deg is below eps_GSO = 20 deg: kept by the gain clause), angular
     * velocity 1.269666e-3 rad/s. The bisections of alpha = 0 and of the contour el = eps0 land
     * within 1e-5 rad of that point, hence the tolerances. */
    struct interf_antenna es =
        ta_make("S.1428", "diameter_m", 30.0, "frequency_ghz", 17.8, NULL);
    struct interf_op_params ops = everywhere_above_10_deg();
    struct interf_pfd_mask *mask = west_of_the_arc();
    struct interf_wcg_request q = {.mask = mask, .a_km = INTERF_RE_KM + 1200, .es = &es,
                                   .ops = &ops, .freq_mhz = 17800};
    struct interf_wcg w;
    struct interf_error err = {0};
    cr_assert(eq(int, interf_exam_wcg_down(&q, &w, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(int, w.found, 1));
    cr_assert(eq(i32, w.bin, -1500));
    cr_assert(epsilon_eq(dbl, w.sat_lat_deg, 0, 0));
    cr_assert(epsilon_eq(dbl, w.phi_deg, 55.98215, 1e-3), "phi %.6f", w.phi_deg);
    cr_assert(epsilon_eq(dbl, w.theta_deg, 0, 1e-3), "theta %.6f", w.theta_deg);
    cr_assert(epsilon_eq(dbl, w.es_lat_deg, 0, 1e-2), "lat %.6f", w.es_lat_deg);
    cr_assert(epsilon_eq(dbl, w.es_lon_deg, 24.01785, 1e-2), "lon %.6f", w.es_lon_deg);
    cr_assert(epsilon_eq(dbl, w.gso_lon_deg, -47.41485, 1e-2), "gso %.6f", w.gso_lon_deg);
    cr_assert(epsilon_eq(dbl, w.el_ngso_deg, 10, 1e-2));
    cr_assert(epsilon_eq(dbl, w.alpha_deg, 0, 1e-3));
    cr_assert(epsilon_eq(dbl, w.angvel_rad_s, 1.269666e-3, 2e-8), "%.9g", w.angvel_rad_s);
    cr_assert(epsilon_eq(dbl, w.pfd_db, -150, 1e-9));
    cr_assert(gt(u64, w.n_cases, 100000));
    /* the -2 rule set has no eps_GSO, gate or gain clause: the same geometry is the maximum */
    q.rec = INTERF_REC_S1503_2;
    q.step_deg = 0.25;
    cr_assert(eq(int, interf_exam_wcg_down(&q, &w, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(i32, w.bin, -1500));
    cr_assert(epsilon_eq(dbl, w.es_lon_deg, 24.01785, 1e-2), "lon %.6f", w.es_lon_deg);
    interf_pfd_mask_destroy(mask);
    interf_op_params_release(&ops);
}

Test(exam_wcg, eps_gso_gate_of_s1503_4)
{
    /* With a 0.6 m dish (theta3dB ~ 2 deg) and alpha0 = 10 deg: a point in line with the arc
     * (alpha = 0) is kept only through the gain clause, and points with |alpha| >= 10 deg only
     * when the arc point is at least eps_GSO = 20 deg high (Table 8): every point kept by the -4
     * rules has el_GSO >= 20 deg or G(|alpha|) > min(Gmax - 30, G(10 deg)). */
    struct interf_antenna es = ta_make("S.1428", "diameter_m", 0.6, "frequency_ghz", 17.8, NULL);
    struct interf_op_params ops = everywhere_above_10_deg();
    struct interf_pfd_mask *mask = west_of_the_arc();
    struct interf_wcg_request q = {.mask = mask, .a_km = INTERF_RE_KM + 1200, .es = &es,
                                   .ops = &ops, .freq_mhz = 17800, .step_deg = 0.5};
    struct interf_wcg w;
    cr_assert(eq(int, interf_exam_wcg_down(&q, &w, NULL), INTERF_OK));
    double floor_db = fmin(es.gain_max_dbi - 30, interf_antenna_gain_dbi(&es, 0));
    cr_assert(w.el_gso_deg >= 20 ||
              interf_antenna_gain_dbi(&es, fabs(w.alpha_deg)) > floor_db);
    interf_pfd_mask_destroy(mask);
    interf_op_params_release(&ops);
}

Test(exam_wcg, longitude_correction)
{
    /* §D3 Fig. 13: a J2 satellite of node 10 deg, argument of latitude 0 at t = 0, inclination
     * 53 deg at 550 km. By hand with the point-mass orbit: it first reaches latitude 30 deg
     * ascending at u = asin(sin 30 / sin 53) = 38.7606 deg, t = u / 360 T0 = 617.91 s (T0 =
     * 5738.997 s); its longitude there is 10 + atan2(cos 53 sin u, cos u) - omega_e t = 10 +
     * 25.7893 - 2.5817 = 33.2077 deg. The J2 rates (node -4.49 deg/day, a 0.06 % shorter
     * nodal period) and the 0.266 s steps move it by a few hundredths of a degree and about
     * half a second. */
    struct interf_constellation *c;
    cr_assert(eq(int, interf_constellation_create(1, &c, NULL), INTERF_OK));
    struct interf_elements el = {INTERF_RE_KM + 550, 0, 53 * INTERF_DEG, 10 * INTERF_DEG, 0, 0};
    struct interf_orbit_options opt = {0};
    cr_assert(eq(int, interf_constellation_add(c, &el, &opt, 0, NULL, NULL), INTERF_OK));
    double t, shift;
    cr_assert(eq(int, interf_exam_wcg_lon_shift(c, 0, 30, 1, 0.266, &t, &shift, NULL),
                 INTERF_OK));
    cr_assert(epsilon_eq(dbl, t, 617.91, 1), "t %g", t);
    cr_assert(epsilon_eq(dbl, shift, 33.2077, 0.05), "shift %g", shift);
    interf_constellation_destroy(c);
}

/* Three threads stand for three processes sharing a search: combine ORs each one's buffer
 * into a common one and hands every thread the result (what MPI_Allreduce with MPI_BOR does
 * over MPI_BYTE). */
#define N_PARTS 3
struct shared_search {
    pthread_mutex_t lock;
    pthread_barrier_t met;
    unsigned char or[1 << 20];
    size_t bytes;
    struct interf_wcg_request q;
    struct interf_wcg got[N_PARTS];
    int status[N_PARTS];
};

static void combine_or(void *buf, size_t bytes, void *user)
{
    struct shared_search *s = user;
    cr_assert(le(sz, bytes, sizeof s->or));
    pthread_mutex_lock(&s->lock);
    for (size_t i = 0; i < bytes; i++)
        s->or[i] |= ((unsigned char *)buf)[i];
    s->bytes = bytes;
    pthread_mutex_unlock(&s->lock);
    pthread_barrier_wait(&s->met);
    memcpy(buf, s->or, bytes);
}

struct part_arg {
    struct shared_search *s;
    int part;
};

static void *search_part(void *arg)
{
    struct part_arg *a = arg;
    struct interf_wcg_request q = a->s->q;
    q.part = a->part, q.n_parts = N_PARTS, q.combine = combine_or, q.combine_user = a->s;
    a->s->status[a->part] = interf_exam_wcg_down(&q, &a->s->got[a->part], NULL);
    return NULL;
}

Test(exam_wcg, a_search_in_parts_is_the_search, .timeout = 600)
{
    /* The eps_GSO case above on a 53 deg orbit searched every 2 deg: 55 satellite latitudes
     * (0, +-2 x 53 / 54, ...), dealt to 3 parts by index modulo 3. Each part's result, after
     * the combination, must be the one-process search's, field by field, bit for bit. */
    struct interf_antenna es = ta_make("S.1428", "diameter_m", 0.6, "frequency_ghz", 17.8, NULL);
    struct interf_op_params ops = everywhere_above_10_deg();
    struct interf_pfd_mask *mask = west_of_the_arc();
    static struct shared_search s;
    memset(&s, 0, sizeof s);
    s.q = (struct interf_wcg_request){.mask = mask, .a_km = INTERF_RE_KM + 1200,
                                      .i_rad = 53 * INTERF_DEG, .es = &es, .ops = &ops,
                                      .freq_mhz = 17800, .step_deg = 2, .threads = 1};
    struct interf_wcg whole;
    cr_assert(eq(int, interf_exam_wcg_down(&s.q, &whole, NULL), INTERF_OK));
    cr_assert(eq(int, whole.found, 1));
    pthread_mutex_init(&s.lock, NULL);
    pthread_barrier_init(&s.met, NULL, N_PARTS);
    pthread_t th[N_PARTS];
    struct part_arg arg[N_PARTS];
    for (int k = 0; k < N_PARTS; k++) {
        arg[k] = (struct part_arg){&s, k};
        cr_assert(eq(int, pthread_create(&th[k], NULL, search_part, &arg[k]), 0));
    }
    for (int k = 0; k < N_PARTS; k++)
        pthread_join(th[k], NULL);
    cr_assert(eq(sz, s.bytes, 55 * sizeof(struct interf_wcg)));
    for (int k = 0; k < N_PARTS; k++) {
        const struct interf_wcg *g = &s.got[k];
        cr_assert(eq(int, s.status[k], INTERF_OK));
        cr_assert(eq(int, g->found, whole.found));
        cr_assert(eq(i32, g->bin, whole.bin));
        cr_assert(eq(u64, g->n_cases, whole.n_cases));
        const double a[] = {g->margin_db, g->angvel_rad_s, g->sat_lat_deg, g->theta_deg,
                            g->phi_deg, g->es_lat_deg, g->es_lon_deg, g->gso_lon_deg,
                            g->alpha_deg, g->el_gso_deg};
        const double b[] = {whole.margin_db, whole.angvel_rad_s, whole.sat_lat_deg,
                            whole.theta_deg, whole.phi_deg, whole.es_lat_deg, whole.es_lon_deg,
                            whole.gso_lon_deg, whole.alpha_deg, whole.el_gso_deg};
        for (size_t i = 0; i < sizeof a / sizeof a[0]; i++)
            cr_assert(eq(int, memcmp(&a[i], &b[i], sizeof a[i]), 0), "part %d, field %zu: "
                      "%.17g vs %.17g", k, i, a[i], b[i]);
    }
    pthread_barrier_destroy(&s.met);
    pthread_mutex_destroy(&s.lock);
    interf_pfd_mask_destroy(mask);
    interf_op_params_release(&ops);
}
