/* SPDX-License-Identifier: MIT */
/* interf core: the strict parsers of the values users type (numbers with a range, durations,
 * sizes, times, latitude/longitude pairs, index lists, name patterns). Every tool option and
 * every reader goes through them: one grammar, one message per mistake, the "C" locale
 * whatever the caller's. The messages name no option: the caller prefixes its own
 * ("--step: ..."). */
#include "interf/core.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum interf_status interf_parse_number(const char *text, double min, double max, double *out,
                                       struct interf_error *err)
{
    double v;
    if (!interf_parse_real(text, &v))
        return interf_error_set(err, INTERF_EINPUT, "expected a number, got \"%.60s\"", text);
    if (v < min || v > max)
        return interf_error_set(err, INTERF_EINPUT, "%.60s: allowed range %g to %g", text, min,
                                max);
    *out = v;
    return INTERF_OK;
}

enum interf_status interf_parse_integer(const char *text, long min, long max, long *out,
                                        struct interf_error *err)
{
    size_t n = strlen(text), d = text[0] == '-' || text[0] == '+';
    if (n == d || n > 19 || strspn(text + d, "0123456789") != n - d)
        return interf_error_set(err, INTERF_EINPUT, "expected a whole number, got \"%.60s\"",
                                text);
    long v = strtol(text, NULL, 10);
    if (v < min || v > max)
        return interf_error_set(err, INTERF_EINPUT, "%.60s: allowed range %ld to %ld", text, min,
                                max);
    *out = v;
    return INTERF_OK;
}

/* A number followed by at most one unit letter of units (factors in factor[]): 1, or 0 for bad
 * syntax, -1 for a product that is not finite ("1e308d"). */
static int number_unit(const char *text, const char *units, const double *factor, double *out)
{
    char num[64];
    size_t n = strlen(text);
    double unit = 1.0, v;
    if (n == 0 || n >= sizeof num)
        return 0;
    memcpy(num, text, n + 1);
    const char *u = strchr(units, num[n - 1]);
    if (u && num[n - 1]) {
        unit = factor[u - units];
        num[--n] = '\0';
    }
    if (!interf_parse_real(num, &v))
        return 0;
    if (!isfinite(v * unit))
        return -1;
    *out = v * unit;
    return 1;
}

enum interf_status interf_parse_duration(const char *text, int allow_negative, double *out,
                                         struct interf_error *err)
{
    static const double f[] = {1.0, 60.0, 3600.0, 86400.0};
    double v;
    int ok = number_unit(text, "smhd", f, &v);
    if (ok < 0)
        return interf_error_set(err, INTERF_EINPUT, "%.60s: too long a duration", text);
    if (ok == 0)
        return interf_error_set(err, INTERF_EINPUT,
                                "expected a duration such as 90s, 15m, 2h or 1.5d, got \"%.60s\"",
                                text);
    if (v < 0 && !allow_negative)
        return interf_error_set(err, INTERF_EINPUT, "%.60s: must not be negative", text);
    *out = v;
    return INTERF_OK;
}

enum interf_status interf_parse_size(const char *text, double *out, struct interf_error *err)
{
    static const double f[] = {1024.0, 1048576.0, 1073741824.0, 1099511627776.0};
    double v;
    int ok = number_unit(text, "KMGT", f, &v);
    if (ok < 0)
        return interf_error_set(err, INTERF_EINPUT, "%.60s: too large a size", text);
    if (ok == 0 || !(v > 0))
        return interf_error_set(err, INTERF_EINPUT,
                                "expected a positive size such as 512M or 2G, got \"%.60s\"",
                                text);
    *out = v;
    return INTERF_OK;
}

enum interf_status interf_parse_time(const char *text, double epoch_unix_s, double *unix_s,
                                     struct interf_error *err)
{
    /* An ISO 8601 time starts with a four-digit year and a dash; anything else is an offset. */
    double off;
    if (strlen(text) >= 5 && text[4] == '-')
        return interf_time_parse_utc(text, unix_s, err);
    enum interf_status st = interf_parse_duration(text, 1, &off, err);
    if (st == INTERF_OK)
        *unix_s = epoch_unix_s + off;
    return st;
}

enum interf_status interf_parse_latlon(const char *text, double *lat_deg, double *lon_deg,
                                       double *third, int *count, struct interf_error *err)
{
    char buf[128], *save = NULL;
    double v[3];
    int n = 0;
    size_t len = strlen(text);
    if (len == 0 || len >= sizeof buf || text[len - 1] == ',')
        goto bad;
    memcpy(buf, text, len + 1);
    for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save))
        if (n == 3 || !interf_parse_real(t, &v[n++]))
            goto bad;
    if (n < 2 || strstr(text, ",,") || text[0] == ',')
        goto bad;
    if (v[0] < -90 || v[0] > 90)
        return interf_error_set(err, INTERF_EINPUT, "latitude %g: allowed range -90 to 90 deg",
                                v[0]);
    if (v[1] < -180 || v[1] > 360)
        return interf_error_set(err, INTERF_EINPUT,
                                "longitude %g: allowed range -180 to 360 deg", v[1]);
    *lat_deg = v[0];
    *lon_deg = v[1];
    if (n == 3 && third)
        *third = v[2];
    *count = n;
    return INTERF_OK;
bad:
    return interf_error_set(err, INTERF_EINPUT, "expected LAT,LON[,ALT] in degrees, got \"%.60s\"",
                            text);
}

enum interf_status interf_parse_index_list(const char *text, size_t limit, unsigned char *sel,
                                           struct interf_error *err)
{
    const char *p = text;
    memset(sel, 0, limit);
    while (*p) {
        size_t d = strspn(p, "0123456789");
        if (d == 0 || d > 18)
            goto bad;
        unsigned long long lo = strtoull(p, NULL, 10), hi = lo;
        p += d;
        if (*p == '-') {
            size_t e = strspn(p + 1, "0123456789");
            if (e == 0 || e > 18)
                goto bad;
            hi = strtoull(p + 1, NULL, 10);
            p += 1 + e;
            if (hi < lo)
                goto bad;
        }
        if (hi >= limit)
            return interf_error_set(err, INTERF_EINPUT, "%llu: the system has satellites 0 to %zu",
                                    hi, limit - 1);
        memset(sel + lo, 1, (size_t)(hi - lo + 1));
        if (*p == ',' && p[1])
            p++;
        else if (*p)
            goto bad;
    }
    if (p == text)
        goto bad;
    return INTERF_OK;
bad:
    return interf_error_set(err, INTERF_EINPUT,
                            "expected a list such as 0,5,10-20, got \"%.60s\"", text);
}

enum interf_status interf_parse_numbers(const char *text, char sep, size_t min_n, size_t max_n,
                                        double *v, size_t *n, struct interf_error *err)
{
    char buf[64];
    size_t k = 0;
    for (const char *p = text;; k++) {
        const char *q = strchr(p, sep);
        size_t len = q ? (size_t)(q - p) : strlen(p);
        double x;
        if (k == max_n || len >= sizeof buf)
            break;
        memcpy(buf, p, len);
        buf[len] = '\0';
        if (!interf_parse_real(buf, &x))
            break;
        v[k] = x;
        if (!q) {
            if (++k < min_n)
                break;
            *n = k;
            return INTERF_OK;
        }
        p = q + 1;
    }
    if (min_n == max_n)
        return interf_error_set(err, INTERF_EINPUT, "expected %zu numbers separated by '%c', "
                                "got \"%.60s\"", min_n, sep, text);
    return interf_error_set(err, INTERF_EINPUT, "expected %zu to %zu numbers separated by '%c', "
                            "got \"%.60s\"", min_n, max_n, sep, text);
}

int interf_name_match(const char *p, const char *s)
{
    const char *star = NULL, *resume = NULL;
    while (*s) {
        if (*p == '*') {
            star = p++;
            resume = s;
        } else if (*p == '?' || (*p && tolower((unsigned char)*p) == tolower((unsigned char)*s))) {
            p++, s++;
        } else if (star) {
            p = star + 1;
            s = ++resume;
        } else {
            return 0;
        }
    }
    while (*p == '*')
        p++;
    return *p == '\0';
}
