/* SPDX-License-Identifier: MIT */
/* interf render: text and numbers on pictures (cairo with DejaVu Sans: fonts, widths, anchored
 * labels, tick steps and tick labels in the C locale) and colours; used by maps and charts. */
#include "render_impl.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Replace a leading '-' by U+2212 MINUS SIGN (the typographic minus). */
static void real_minus(char *buf, size_t n)
{
    if (buf[0] != '-' || strlen(buf) + 3 > n)
        return;
    memmove(buf + 3, buf + 1, strlen(buf));
    memcpy(buf, "\xE2\x88\x92", 3);
}

void render_text_font(cairo_t *cr, double size_px, int bold)
{
    cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size_px);
}

double render_text_width(cairo_t *cr, const char *s)
{
    cairo_text_extents_t e;
    cairo_text_extents(cr, s, &e);
    return e.x_advance;
}

void render_text_at(cairo_t *cr, const char *s, double x, double y, double ax, double ay,
                    double halo)
{
    cairo_text_extents_t e;
    cairo_text_extents(cr, s, &e);
    cairo_matrix_t fm;
    cairo_get_font_matrix(cr, &fm);
    double size = fm.yy;
    double bx = x - ax * e.x_advance, by = y + (1 - ay) * CAP * size;
    if (halo > 0) {
        cairo_save(cr);
        cairo_move_to(cr, bx, by);
        cairo_text_path(cr, s);
        cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
        cairo_set_line_width(cr, 2 * halo);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        cairo_stroke(cr);
        cairo_restore(cr);
    }
    cairo_move_to(cr, bx, by);
    cairo_show_text(cr, s);
}

double render_nice_step(double span, int want)
{
    static const double mult[] = {1, 2, 2.5, 5, 10};
    double raw = span / want, mag = pow(10, floor(log10(raw)));
    for (int k = 0; k < 5; k++)
        if (mult[k] * mag >= raw * (1 - 1e-9))
            return mult[k] * mag;
    return 10 * mag;
}

void render_format_tick(char *buf, size_t n, double v, double step)
{
    int d = 0;
    while (d < 6 && fabs(step * pow(10, d) - nearbyint(step * pow(10, d))) > 1e-6)
        d++;
    if (fabs(v) < 0.5 * pow(10, -d))
        v = 0; /* no "-0" */
    interf_format_c(buf, n, "%.*f", d, v);
    real_minus(buf, n);
}

void render_set_rgb(cairo_t *cr, uint32_t rgb)
{
    cairo_set_source_rgb(cr, (rgb >> 16 & 255) / 255.0, (rgb >> 8 & 255) / 255.0,
                         (rgb & 255) / 255.0);
}
