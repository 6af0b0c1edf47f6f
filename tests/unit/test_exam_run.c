/* SPDX-License-Identifier: MIT */
/* The epfd up run of Rec. ITU-R S.1503-4 (09/2023) §D5.2.6 on the Ku uplink example of
 * footprints/ (oneweb-ku-up.*) against its own definition: every step depends on its time alone
 * (whatever the satellites skipped between steps, the windows of the run and the number of
 * threads), and a step agrees with the Recommendation's steps 14-34 written out plainly. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <string.h>

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
        cr_assert(eq(int, interf_exam_plan_step(p, (double)k * info->dt_s, &s, &err), INTERF_OK),
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
