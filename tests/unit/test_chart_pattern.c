/* SPDX-License-Identifier: MIT */
/* Tests of the pattern chart's axis policy (render layer): the angle tick step, the start of a
 * logarithmic angle axis, the gain span, each against values worked by hand from its rule, and
 * a chart of S.1428 on a log axis. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>

#include "interf.h"

/* About 8 intervals: 180 / 8 = 22.5 -> 30 (the divisions of a circle above 5 deg); 10 / 8 =
 * 1.25 -> 2; 1 / 8 = 0.125 -> 0.2; 0.8 / 8 = 0.1 -> 0.1; 60 / 8 = 7.5 -> 10. */
Test(chart_pattern, angle_ticks)
{
    cr_assert(eq(dbl, interf_chart_angle_tick_deg(180), 30));
    cr_assert(eq(dbl, interf_chart_angle_tick_deg(10), 2));
    cr_assert(epsilon_eq(dbl, interf_chart_angle_tick_deg(1), 0.2, 1e-15));
    cr_assert(epsilon_eq(dbl, interf_chart_angle_tick_deg(0.8), 0.1, 1e-15));
    cr_assert(eq(dbl, interf_chart_angle_tick_deg(60), 10));
}

/* A decade below the half-width, rounded down to a power of 10: 1.48 -> 0.1; 6.3 -> 0.1;
 * 0.05 -> 0.001; --from wins when above 0; unknown half-width (NaN): the end, 180 -> 10; never
 * above a tenth of the end (to 0.5: 0.05) nor below 1e-5. */
Test(chart_pattern, log_start)
{
    cr_assert(epsilon_eq(dbl, interf_chart_log_start_deg(1.48, 0, 180), 0.1, 1e-15));
    cr_assert(epsilon_eq(dbl, interf_chart_log_start_deg(6.3, 0, 180), 0.1, 1e-15));
    cr_assert(epsilon_eq(dbl, interf_chart_log_start_deg(0.05, 0, 180), 0.001, 1e-18));
    cr_assert(eq(dbl, interf_chart_log_start_deg(1.48, 2, 180), 2));
    cr_assert(eq(dbl, interf_chart_log_start_deg(NAN, 0, 180), 10));
    cr_assert(epsilon_eq(dbl, interf_chart_log_start_deg(10, 0, 0.5), 0.05, 1e-15));
    cr_assert(eq(dbl, interf_chart_log_start_deg(1e-9, 0, 180), 1e-5));
}

/* The span: peak 30, lowest 0 -> 30 dB; a deep null (-300 in place of 15) more than 10 dB below
 * the 1st percentile is cut: of 101 values the percentile is the 2nd smallest (index
 * (size_t)(0.01 x 100) = 1), here 0, so the span stays 30 (not 330);
 * a flat curve -> the 10 dB minimum; a 200 dB fall -> the 120 dB maximum. */
Test(chart_pattern, gain_span)
{
    double y[101];
    for (int i = 0; i < 101; i++)
        y[i] = 30.0 * i / 100;
    cr_assert(epsilon_eq(dbl, interf_chart_gain_span_db(y, 101), 30, 1e-12));
    y[50] = -300;
    cr_assert(epsilon_eq(dbl, interf_chart_gain_span_db(y, 101), 30, 1e-12));
    for (int i = 0; i < 101; i++)
        y[i] = 5;
    cr_assert(eq(dbl, interf_chart_gain_span_db(y, 101), 10));
    y[0] = -195;
    y[1] = -195;
    cr_assert(eq(dbl, interf_chart_gain_span_db(y, 101), 120));
}

/* S.1428, 0.6 m, 11.7 GHz on a log axis from 0: the half 3 dB width is sqrt(1200) lambda / D =
 * 1.479 deg, so the axis runs from 0.1 to 180 deg; the image is 1200 x 744 (0.62 x the
 * width). */
Test(chart_pattern, s1428_chart)
{
    const struct interf_pattern_def *def = interf_pattern_find("S.1428");
    const char *keys[] = {"diameter_m", "frequency_ghz"};
    double values[] = {0.6, 11.7}, range[2];
    struct interf_antenna a;
    struct interf_image *img;
    struct interf_error err;
    cr_assert(eq(int, interf_antenna_init_named(&a, def, keys, values, 2, NULL, 0, NULL, &err),
                 INTERF_OK));
    struct interf_pattern_chart c = {&a, 0, 0, 0, 180, NULL, 0, 1, 1200, "t"};
    cr_assert(eq(int, interf_pattern_chart(&c, &img, range, &err), INTERF_OK), "%s", err.msg);
    cr_assert(epsilon_eq(dbl, range[0], 0.1, 1e-15));
    cr_assert(eq(dbl, range[1], 180));
    cr_assert(eq(int, img->width_px, 1200));
    cr_assert(eq(int, img->height_px, 744));
    interf_image_destroy(img);
    double one = 5;
    c.angles = &one;
    c.n_angles = 1;
    cr_assert(eq(int, interf_pattern_chart(&c, &img, range, &err), INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "the angles above 0 span no range to draw (5 to 5 deg)"));
}
