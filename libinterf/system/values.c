/* SPDX-License-Identifier: MIT */
/* interf system: the helpers of every section parser: located messages and warnings, key
 * checks (unknown keys with the nearest known one), typed values with their ranges. */
#include "system_impl.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- messages ---------------------------------------------------------------------------- */

static void appendv(char *buf, size_t n, size_t *pos, const char *fmt, va_list ap)
{
    if (*pos >= n - 1)
        return;
    int k = vsnprintf(buf + *pos, n - *pos, fmt, ap);
    if (k > 0)
        *pos = *pos + (size_t)k < n - 1 ? *pos + (size_t)k : n - 1;
}

void sys_append(char *buf, size_t n, size_t *pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    appendv(buf, n, pos, fmt, ap);
    va_end(ap);
}

/* "PATH:LINE: [kind NAME] key: value: detail" (key and value optional) into buf. Long values are
 * cut: the line number already says where the whole of it is. */
static void locate(char *buf, size_t n, const struct sec *c, int line, const char *key,
                   const char *value, const char *fmt, va_list ap)
{
    size_t pos = 0;
    sys_append(buf, n, &pos, "%s:%d: %s", c->path, line, c->label);
    if (key)
        sys_append(buf, n, &pos, " %s", key);
    if (value)
        sys_append(buf, n, &pos, ": %.80s%s", value, strlen(value) > 80 ? "..." : "");
    sys_append(buf, n, &pos, ": ");
    appendv(buf, n, &pos, fmt, ap);
}

enum interf_status sys_fail_at(const struct sec *c, int line, const char *key,
                                  const char *value, const char *fmt, ...)
{
    char msg[MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    locate(msg, sizeof msg, c, line, key, value, fmt, ap);
    va_end(ap);
    return interf_error_set(c->err, INTERF_EINPUT, "%s", msg);
}

/* A required key is absent: located at the section header (there is no line of its own). */
enum interf_status sys_missing(const struct sec *c, const char *key, const char *why)
{
    if (why)
        return sys_fail_at(c, c->ini->line, key, NULL, "missing (required for %s)", why);
    return sys_fail_at(c, c->ini->line, key, NULL, "missing (required)");
}

enum interf_status sys_warn(const struct sec *c, const struct interf_ini_entry *ent,
                               const char *fmt, ...)
{
    struct interf_system *sys = c->sys;
    if (sys->n_warnings == sys->cap_warnings) {
        size_t ncap = sys->cap_warnings ? 2 * sys->cap_warnings : 4;
        struct warning *w = realloc(sys->warnings, ncap * sizeof *w);
        if (!w)
            return interf_error_set(c->err, INTERF_ENOMEM, "%s: out of memory", c->path);
        sys->warnings = w;
        sys->cap_warnings = ncap;
    }
    va_list ap;
    va_start(ap, fmt);
    locate(sys->warnings[sys->n_warnings++].msg, MSG_MAX, c, ent->line, ent->key, ent->value, fmt,
           ap);
    va_end(ap);
    return INTERF_OK;
}

/* --- keys -------------------------------------------------------------------------------- */

int sys_in_list(const char *key, const char *const *list, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (strcmp(key, list[k]) == 0)
            return 1;
    return 0;
}

/* Levenshtein distance, or a large number for keys too long to be worth a suggestion. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b), row[2][INTERF_NAME_MAX];
    if (na >= INTERF_NAME_MAX || nb >= INTERF_NAME_MAX)
        return (size_t)-1;
    for (size_t j = 0; j <= nb; j++)
        row[0][j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t *prev = row[(i - 1) % 2], *cur = row[i % 2];
        cur[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t best = prev[j - 1] + (a[i - 1] != b[j - 1]);
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            cur[j] = best;
        }
    }
    return row[na % 2][nb];
}

enum interf_status sys_unknown_key(const struct sec *c, const struct interf_ini_entry *ent,
                                      const char *const *allowed, size_t n)
{
    /* A typo must not fall back to a default silently (house style): point at the likely key. */
    size_t best = (size_t)-1, limit = strlen(ent->key) / 4 > 2 ? strlen(ent->key) / 4 : 2;
    const char *guess = NULL;
    for (size_t k = 0; k < n; k++) {
        size_t d = edit_distance(ent->key, allowed[k]);
        if (d <= limit && d < best) {
            best = d;
            guess = allowed[k];
        }
    }
    if (guess)
        return sys_fail_at(c, ent->line, ent->key, NULL, "unknown key (did you mean %s?)", guess);
    return sys_fail_at(c, ent->line, ent->key, NULL, "unknown key");
}

/* Every key of the section must be in allowed. A key that belongs to the same section kind in
 * another variant (known(key) != 0) is "not allowed for WHY" rather than unknown. */
enum interf_status sys_check_keys(const struct sec *c, const char *const *allowed, size_t n,
                                     int (*known)(const char *key), const char *why)
{
    for (size_t k = 0; k < c->ini->n_entries; k++) {
        const struct interf_ini_entry *ent = &c->ini->entries[k];
        if (sys_in_list(ent->key, allowed, n))
            continue;
        if (known && known(ent->key))
            return sys_fail_at(c, ent->line, ent->key, NULL, "not allowed for %s", why);
        return sys_unknown_key(c, ent, allowed, n);
    }
    return INTERF_OK;
}

enum interf_status sys_no_empty_values(const struct sec *c)
{
    for (size_t k = 0; k < c->ini->n_entries; k++) {
        const struct interf_ini_entry *ent = &c->ini->entries[k];
        if (ent->value[0] == '\0')
            return sys_fail_at(c, ent->line, ent->key, NULL, "empty value");
    }
    return INTERF_OK;
}

/* --- values ------------------------------------------------------------------------------ */


enum interf_status sys_check_range(const struct sec *c, const struct interf_ini_entry *ent,
                                      double v, const struct range *r)
{
    if ((r->open_min ? v > r->min : v >= r->min) && (r->open_max ? v < r->max : v <= r->max))
        return INTERF_OK;
    char excl[64] = "";
    if (r->open_min && r->open_max)
        snprintf(excl, sizeof excl, " (both excluded)");
    else if (r->open_min || r->open_max)
        snprintf(excl, sizeof excl, " (%.15g excluded)", r->open_min ? r->min : r->max);
    return BAD(c, ent, "allowed range %.15g to %.15g%s%s%s", r->min, r->max, r->unit[0] ? " " : "",
               r->unit, excl);
}

/* The number under key, checked against r; def (and *ent_out NULL) when the key is absent. */
enum interf_status sys_get_real(const struct sec *c, const char *key, const struct range *r,
                                   double def, double *out)
{
    const struct interf_ini_entry *ent = interf_ini_find(c->ini, key);
    double v;
    *out = def;
    if (!ent)
        return INTERF_OK;
    if (!interf_parse_real(ent->value, &v))
        return BAD(c, ent, "not a number");
    enum interf_status st = sys_check_range(c, ent, v, r);
    if (st == INTERF_OK)
        *out = v;
    return st;
}

enum interf_status sys_get_int(const struct sec *c, const char *key, int min, int max, int def,
                                  int *out)
{
    const struct interf_ini_entry *ent = interf_ini_find(c->ini, key);
    double v;
    *out = def;
    if (!ent)
        return INTERF_OK;
    if (!interf_parse_real(ent->value, &v))
        return BAD(c, ent, "not a number");
    if (v != floor(v))
        return BAD(c, ent, "not an integer");
    const struct range r = {min, max, 0, 0, ""};
    enum interf_status st = sys_check_range(c, ent, v, &r);
    if (st == INTERF_OK)
        *out = (int)v;
    return st;
}

/* One of names (index into *out), or def when absent. */
enum interf_status sys_get_choice(const struct sec *c, const char *key,
                                     const char *const *names, size_t n, int def, int *out)
{
    const struct interf_ini_entry *ent = interf_ini_find(c->ini, key);
    *out = def;
    if (!ent)
        return INTERF_OK;
    for (size_t k = 0; k < n; k++) {
        if (strcmp(ent->value, names[k]) == 0) {
            *out = (int)k;
            return INTERF_OK;
        }
    }
    char list[256];
    size_t pos = 0;
    list[0] = '\0';
    for (size_t k = 0; k < n; k++)
        sys_append(list, sizeof list, &pos, "%s%s", k ? ", " : "", names[k]);
    return BAD(c, ent, "allowed values %s", list);
}

/* Text into a fixed field; too long is an error, not a silent cut. */
enum interf_status sys_get_text(const struct sec *c, const struct interf_ini_entry *ent,
                                   char *out, size_t n)
{
    if (strlen(ent->value) >= n)
        return BAD(c, ent, "longer than %zu bytes", n - 1);
    memcpy(out, ent->value, strlen(ent->value) + 1);
    return INTERF_OK;
}

/* "No such file or directory" without strerror's shared buffer (the loader is thread-safe). */
const char *sys_errno_text(int errnum, char *buf, size_t n)
{
    if (strerror_r(errnum, buf, n) != 0)
        snprintf(buf, n, "error %d", errnum);
    return buf;
}

enum interf_status sys_one_of(const struct sec *c, const char *a, const char *b, const char *how,
                              const struct interf_ini_entry **which)
{
    const struct interf_ini_entry *ea = interf_ini_find(c->ini, a);
    const struct interf_ini_entry *eb = interf_ini_find(c->ini, b);
    if (ea && eb) {
        const struct interf_ini_entry *later = ea->line > eb->line ? ea : eb;
        const struct interf_ini_entry *first = later == ea ? eb : ea;
        return BAD(c, later, "conflicts with %s (line %d): give %s", first->key, first->line,
                   how);
    }
    *which = ea ? ea : eb;
    return INTERF_OK;
}

enum interf_status sys_resolve_path(const struct sec *c, const struct interf_ini_entry *ent,
                                    char *out, size_t n)
{
    const char *slash = strrchr(c->path, '/');
    int len;
    if (ent->value[0] == '/' || !slash)
        len = snprintf(out, n, "%s", ent->value);
    else
        len = snprintf(out, n, "%.*s/%s", (int)(slash - c->path), c->path, ent->value);
    if (len < 0 || (size_t)len >= n)
        return BAD(c, ent, "path longer than %zu bytes", n - 1);
    return INTERF_OK;
}
