/* SPDX-License-Identifier: MIT */
/* interf antenna: lists of off-axis angles read through the table reader of interf/io.h (one
 * angle a row, or the theta_deg column of a pattern table). */
#include "antenna_impl.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "interf/io.h"

/* The field as read, for a message: at most 40 bytes, control bytes (the escape sequences of a
 * binary file) as '?'. */
static void shown(const char *s, char *buf, size_t n)
{
    size_t k = 0;
    for (; s[k] && k + 1 < n && k < 40; k++)
        buf[k] = (unsigned char)s[k] < 0x20 || s[k] == 0x7f ? '?' : s[k];
    buf[k] = '\0';
}

static enum interf_status angle_of(const struct interf_table *t, double *deg,
                                   struct interf_error *err)
{
    int c = interf_table_find(t, "theta_deg");
    size_t k = c < 0 ? 0 : (size_t)c;
    char text[48];
    if (k >= interf_table_nfields(t))
        return interf_table_fail(t, SIZE_MAX, err, INTERF_EINPUT, "theta_deg: missing");
    shown(interf_table_field(t, k), text, sizeof text);
    if (!interf_parse_real(interf_table_field(t, k), deg))
        return interf_table_fail(t, k, err, INTERF_EINPUT, "theta_deg: \"%s\": not a number",
                                 text);
    if (*deg < 0.0 || *deg > 180.0)
        return interf_table_fail(t, k, err, INTERF_EINPUT, "theta_deg: %s: allowed range 0 to "
                                 "180 deg", text);
    if (c < 0 && interf_table_nfields(t) > 1)
        return interf_table_fail(t, 1, err, INTERF_EINPUT, "theta_deg: unexpected text after "
                                 "the angle (one angle per line)");
    return INTERF_OK;
}

enum interf_status interf_angles_read(FILE *fp, const char *name, double **deg, size_t *n,
                                      struct interf_error *err)
{
    struct interf_table *t = NULL;
    double *a = NULL;
    size_t len = 0, cap = 0;
    enum interf_table_event ev;
    *deg = NULL;
    *n = 0;
    enum interf_status st = interf_table_open(fp, name, 0, &t, err);
    while (st == INTERF_OK && (st = interf_table_next(t, &ev, err)) == INTERF_OK &&
           ev == INTERF_TABLE_ROW) {
        if (len == cap) {
            double *na = realloc(a, (cap = cap ? 2 * cap : 256) * sizeof *a);
            if (!na) {
                st = interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", name);
                break;
            }
            a = na;
        }
        st = angle_of(t, &a[len], err);
        len += st == INTERF_OK;
    }
    if (st == INTERF_OK && len == 0)
        st = interf_error_set(err, INTERF_EINPUT, "%s: no angles (one per line, deg)", name);
    interf_table_close(t);
    if (st != INTERF_OK) {
        free(a);
        return st;
    }
    *deg = a;
    *n = len;
    return INTERF_OK;
}

size_t interf_angles_sweep(double from_deg, double to_deg, double step_deg, double *deg)
{
    /* The tolerance keeps the last angle of a sweep whose span is a whole number of steps in
     * decimal (0 to 180 by 0.1: 1801 angles) though not in binary. */
    size_t n = (size_t)floor((to_deg - from_deg) / step_deg * (1.0 + 1e-12) + 1e-9) + 1;
    for (size_t i = 0; deg && i < n; i++)
        deg[i] = fmin(from_deg + (double)i * step_deg, to_deg);
    return n;
}
