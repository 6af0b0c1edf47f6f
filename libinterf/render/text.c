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

/* Where render_text_at puts the text's origin (bx, by), and its extents. */
static void text_origin(cairo_t *cr, const char *s, double x, double y, double ax, double ay,
                        cairo_text_extents_t *e, double *bx, double *by)
{
    cairo_matrix_t fm;
    cairo_text_extents(cr, s, e);
    cairo_get_font_matrix(cr, &fm);
    *bx = x - ax * e->x_advance;
    *by = y + (1 - ay) * CAP * fm.yy;
}

void render_text_box(cairo_t *cr, const char *s, double x, double y, double ax, double ay,
                     double halo, double box[4])
{
    cairo_text_extents_t e;
    double bx, by;
    text_origin(cr, s, x, y, ax, ay, &e, &bx, &by);
    box[0] = bx + e.x_bearing - halo;
    box[1] = by + e.y_bearing - halo;
    box[2] = bx + e.x_bearing + e.width + halo;
    box[3] = by + e.y_bearing + e.height + halo;
}

void render_text_at(cairo_t *cr, const char *s, double x, double y, double ax, double ay,
                    double halo)
{
    cairo_text_extents_t e;
    double bx, by;
    text_origin(cr, s, x, y, ax, ay, &e, &bx, &by);
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

int render_boxes_overlap(const double a[4], const double b[4])
{
    return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
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

/* ------------------------------------------------------------------------------- units */

/* Append the first k bytes of s to buf (n bytes, *len used) when they fit, and not after a
 * piece that did not (so that the text is cut at a whole character). */
static void append_n(char *buf, size_t n, size_t *len, const char *s, size_t k)
{
    if (*len == n || *len + k >= n) {
        *len = n;
        return;
    }
    memcpy(buf + *len, s, k);
    buf[*len += k] = '\0';
}

static void append(char *buf, size_t n, size_t *len, const char *s)
{
    append_n(buf, n, len, s, strlen(s));
}

static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_digit(char c) { return c >= '0' && c <= '9'; }

void interf_unit_typeset(const char *unit, char *buf, size_t n)
{
    static const char *const sup[10] = {"\xE2\x81\xB0", "\xC2\xB9", "\xC2\xB2", "\xC2\xB3",
                                        "\xE2\x81\xB4", "\xE2\x81\xB5", "\xE2\x81\xB6",
                                        "\xE2\x81\xB7", "\xE2\x81\xB8", "\xE2\x81\xB9"};
    size_t len = 0;
    if (!buf || n == 0)
        return;
    buf[0] = '\0';
    if (!unit)
        return;
    if (strcmp(unit, "deg") == 0) {
        append(buf, n, &len, "\xC2\xB0");
        return;
    }
    int exponent = 0; /* inside the digits of an exponent */
    for (const char *p = unit; *p; p++) {
        size_t k = 1; /* the bytes of the character at p */
        while ((unsigned char)*p >= 0xC0 && ((unsigned char)p[k] & 0xC0) == 0x80)
            k++;
        if (p > unit && is_alpha(p[-1]) && (is_digit(*p) || (*p == '-' && is_digit(p[1]))))
            exponent = 1; /* "m2" is m squared, "s-1" per second */
        else if (!is_digit(*p))
            exponent = 0;
        if (exponent) {
            append(buf, n, &len, *p == '-' ? "\xE2\x81\xBB" : sup[*p - '0']);
            continue;
        }
        append_n(buf, n, &len, p, k);
        p += k - 1;
        if (is_digit(*p) && is_alpha(p[1]))
            append(buf, n, &len, "\xE2\x80\x89"); /* a number, a thin space, its unit */
    }
}

void render_set_rgb(cairo_t *cr, uint32_t rgb)
{
    cairo_set_source_rgb(cr, (rgb >> 16 & 255) / 255.0, (rgb >> 8 & 255) / 255.0,
                         (rgb & 255) / 255.0);
}
