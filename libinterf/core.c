/* SPDX-License-Identifier: MIT */
/* interf core: the error record, dB helpers and UTC time parsing. */
#include "interf/core.h"

#include <ctype.h>
#include <locale.h>
#include <pthread.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum interf_status interf_error_set(struct interf_error *err, enum interf_status status,
                                    const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        err->status = status;
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return status;
}

const char *interf_status_str(enum interf_status status)
{
    switch (status) {
    case INTERF_OK: return "success";
    case INTERF_EINVAL: return "invalid argument";
    case INTERF_EINPUT: return "bad input";
    case INTERF_EIO: return "input/output error";
    case INTERF_ENOMEM: return "out of memory";
    case INTERF_ECANCELED: return "canceled";
    }
    return "unknown status";
}

double interf_wrap_pi(double x)
{
    x = fmod(x, 2.0 * INTERF_PI);
    if (x > INTERF_PI)
        x -= 2.0 * INTERF_PI;
    else if (x <= -INTERF_PI)
        x += 2.0 * INTERF_PI;
    return x;
}

double interf_db(double linear) { return 10.0 * log10(linear); }
double interf_undb(double db) { return pow(10.0, db / 10.0); }

/* Days from 1970-01-01 to year-month-day in the proleptic Gregorian calendar (H. Hinnant's
 * days_from_civil algorithm, exact for all int years). */
static long days_from_civil(long y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, long *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

/* Read exactly n digits at *p; -1 if they are not there. */
static long digits(const char **p, int n)
{
    long v = 0;
    for (int k = 0; k < n; k++) {
        if (!isdigit((unsigned char)(*p)[k]))
            return -1;
        v = v * 10 + ((*p)[k] - '0');
    }
    *p += n;
    return v;
}

static int days_in_month(long y, int m)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return dm[m - 1] + (m == 2 && leap);
}

enum interf_status interf_time_parse_utc(const char *text, double *unix_s,
                                         struct interf_error *err)
{
    const char *p = text;
    long y, mo, d, hh = 0, mi = 0;
    double ss = 0.0;
    y = digits(&p, 4);
    if (y < 0 || *p++ != '-' || (mo = digits(&p, 2)) < 0 || *p++ != '-' || (d = digits(&p, 2)) < 0)
        goto bad;
    if (*p == 'T' || *p == ' ') {
        p++;
        if ((hh = digits(&p, 2)) < 0 || *p++ != ':' || (mi = digits(&p, 2)) < 0)
            goto bad;
        if (*p == ':') {
            p++;
            long s = digits(&p, 2);
            if (s < 0)
                goto bad;
            ss = (double)s;
            if (*p == '.') {
                double scale = 0.1;
                p++;
                if (!isdigit((unsigned char)*p))
                    goto bad;
                for (; isdigit((unsigned char)*p); p++, scale /= 10)
                    ss += (*p - '0') * scale;
            }
        }
        if (*p == 'Z')
            p++;
        else if (strcmp(p, "+00:00") == 0)
            p += 6;
    }
    if (*p != '\0')
        goto bad;
    if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, (int)mo) || hh > 23 || mi > 59 ||
        ss >= 60.0)
        return interf_error_set(err, INTERF_EINPUT, "%s: not a valid UTC date and time", text);
    *unix_s = (double)days_from_civil(y, (int)mo, (int)d) * 86400.0 + hh * 3600.0 + mi * 60.0 + ss;
    return INTERF_OK;
bad:
    return interf_error_set(err, INTERF_EINPUT,
                            "%s: expected an ISO 8601 UTC time such as 2025-01-01T00:00:00Z",
                            text);
}

char *interf_time_format_utc(double unix_s, char *buf, size_t n)
{
    double ms_total = floor(unix_s * 1000.0 + 0.5);
    double days = floor(ms_total / 86400000.0);
    long ms_of_day = (long)(ms_total - days * 86400000.0);
    long y;
    int m, d;
    civil_from_days((long)days, &y, &m, &d);
    long s = ms_of_day / 1000, ms = ms_of_day % 1000;
    if (ms)
        snprintf(buf, n, "%04ld-%02d-%02dT%02ld:%02ld:%02ld.%03ldZ", y, m, d, s / 3600,
                 s / 60 % 60, s % 60, ms);
    else
        snprintf(buf, n, "%04ld-%02d-%02dT%02ld:%02ld:%02ldZ", y, m, d, s / 3600, s / 60 % 60,
                 s % 60);
    return buf;
}

/* The "C" locale, made once for the whole process (newlocale is not async-signal-safe and
 * costs microseconds; the object is immutable once made). */
static locale_t c_locale;
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;
static void c_locale_make(void) { c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0); }

static locale_t interf_c_locale(void)
{
    pthread_once(&c_locale_once, c_locale_make);
    return c_locale;
}

int interf_parse_real(const char *s, double *out)
{
    if (*s == '\0' || strspn(s, "0123456789+-.eE") != strlen(s))
        return 0;
    char *end;
    locale_t c = interf_c_locale(), old = c ? uselocale(c) : (locale_t)0;
    double v = strtod(s, &end);
    if (c)
        uselocale(old);
    if (end == s || *end != '\0' || !isfinite(v))
        return 0;
    *out = v;
    return 1;
}

int interf_format_c(char *buf, size_t n, const char *fmt, ...)
{
    va_list ap;
    locale_t c = interf_c_locale(), old = c ? uselocale(c) : (locale_t)0;
    va_start(ap, fmt);
    int r = vsnprintf(buf, n, fmt, ap);
    va_end(ap);
    if (c)
        uselocale(old);
    return r;
}
