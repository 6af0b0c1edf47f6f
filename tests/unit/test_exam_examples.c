/* SPDX-License-Identifier: MIT */
/* The filing-style examples of footprints/ examined: the Ku uplink (oneweb-ku-up.*) against
 * Table 22-2 and the inter-satellite case (oneweb-ku-is.*) against Table 22-3, each over the
 * first steps of its S.1503-4 run (tests/bench/bench_exam.c runs them whole), with the verdict of
 * §D7 checked against the run's own maximum. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>

#include "exam_example.h"
#include "interf/epfd.h"

static const char *source_dir(void)
{
    const char *dir = getenv("INTERF_SOURCE_DIR");
    cr_assert(dir != NULL, "INTERF_SOURCE_DIR is not set");
    return dir;
}

/* The verdict of a 100 %-of-time row is the run maximum against the level (§D7.1.3): it must
 * agree with the histogram's highest bin */
static void check_verdict(const struct exam_example *x, const struct interf_hist_set *h,
                          const struct interf_exam_run_stats *st)
{
    struct interf_verdict v;
    struct interf_error err = {0};
    cr_assert(eq(int, exam_example_verdict(x, h, st->max_epfd_db, &v, &err), INTERF_OK), "%s",
              err.msg);
    struct interf_hist one = interf_hist_set_point(h, 0);
    int32_t max_t = interf_hist_max(&one);
    cr_assert(eq(i32, v.max_tenths, max_t));
    cr_assert(eq(int, v.pass, max_t <= x->row->points[x->row->n_points - 1].level_tenths));
    /* the margin at 100 %: the limit's tenths less the maximum's */
    cr_assert(epsilon_eq(dbl, v.worst_margin_db,
                         (x->row->points[x->row->n_points - 1].level_tenths - max_t) / 10.0,
                         1e-9));
}

Test(exam_examples, ku_uplink_first_steps, .timeout = 300)
{
    struct exam_example x;
    struct interf_error err = {0};
    cr_assert(exam_example_load(&x, source_dir(), "oneweb-ku-up", "22-2", 14.0, 1, &err),
              "%s", err.msg);
    x.req.gso_lon_deg = 0;
    x.req.n_steps = 20000;
    x.req.threads = 2;
    struct interf_exam_plan *p;
    cr_assert(eq(int, interf_exam_up_plan(&x.req, &p, &err), INTERF_OK), "%s", err.msg);
    const struct interf_exam_plan_info *info = interf_exam_plan_info(p);
    /* NUM_ES = 800^2 x 2e-6 = 1.28 (oneweb-ku-up-ops.xml); the mask's 3 dB width 1.975 deg */
    cr_assert(epsilon_eq(dbl, info->num_es, 1.28, 1e-12));
    cr_assert(epsilon_eq(dbl, info->es_beamwidth_deg, 1.975, 1e-3));
    cr_assert(lt(sz, 0, info->n_stations_seen));
    /* the row's 4 deg beam at 14 GHz: Table 9's chi_BS = 42.552 deg ring */
    cr_assert(epsilon_eq(dbl, info->wcg_gso.chi_bs_deg, 42.552, 1e-3));
    struct interf_hist_set h;
    struct interf_exam_run_stats st;
    cr_assert(eq(int, interf_exam_plan_run(p, &h, &st, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(u64, st.weight, 20000));
    check_verdict(&x, &h, &st);
    interf_hist_set_free(&h);
    interf_exam_plan_destroy(p);
    exam_example_free(&x);
}

Test(exam_examples, inter_satellite_first_steps, .timeout = 300)
{
    struct exam_example x;
    struct interf_error err = {0};
    cr_assert(exam_example_load(&x, source_dir(), "oneweb-ku-is", "22-3", 11.0, 0, &err),
              "%s", err.msg);
    x.req.gso_lon_deg = 0;
    x.req.n_steps = 2000;
    x.req.threads = 2;
    struct interf_exam_plan *p;
    cr_assert(eq(int, interf_exam_is_plan(&x.req, &p, &err), INTERF_OK), "%s", err.msg);
    struct interf_hist_set h;
    struct interf_exam_run_stats st;
    cr_assert(eq(int, interf_exam_plan_run(p, &h, &st, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(u64, st.weight, 2000));
    /* the GSO satellite sees a good part of a 588-satellite shell at every step */
    cr_assert(lt(dbl, 50.0, st.links_per_step));
    check_verdict(&x, &h, &st);
    interf_hist_set_free(&h);
    interf_exam_plan_destroy(p);
    exam_example_free(&x);
}
