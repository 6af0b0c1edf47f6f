/* SPDX-License-Identifier: MIT */
/* Time in a CCSDS OEM: the time format of CCSDS 502.0-B-3 §7.5.10 (calendar and day-of-year
 * forms, leap seconds in UTC) and the conversions between the message's TIME_SYSTEM and UTC. */
#include "oem_impl.h"

#include <erfa.h>
#include <string.h>

int oem_parse_time(const char *s, enum oem_scale scale, struct interf_jd *jd)
{
    int f[6] = {0}, k = 0;
    size_t len = strlen(s);
    if (len > 0 && s[len - 1] == 'Z')
        len--;
    int doy = len >= 8 && s[4] == '-' && s[7] != '-';
    const char *fmt = doy ? "dddd-dddTdd:dd:dd" : "dddd-dd-ddTdd:dd:dd";
    size_t flen = strlen(fmt);
    if (len < flen)
        return -1;
    for (size_t i = 0; i < flen; i++) {
        if (fmt[i] == 'd') {
            if (s[i] < '0' || s[i] > '9')
                return -1;
            f[k] = f[k] * 10 + (s[i] - '0');
        } else if (s[i] != fmt[i]) {
            return -1;
        } else {
            k++;
        }
    }
    /* the seconds with their fraction: ss[.d...] */
    char sec_text[48];
    size_t ss_at = flen - 2, ss_len = len - ss_at;
    if (ss_len >= sizeof sec_text || (ss_len > 2 && s[flen] != '.') || ss_len == 3)
        return -1;
    memcpy(sec_text, s + ss_at, ss_len);
    sec_text[ss_len] = '\0';
    double sec;
    if (strspn(sec_text, "0123456789.") != ss_len || !interf_parse_real(sec_text, &sec))
        return -1;
    int year = f[0], month, day, hour, minute;
    if (doy) {
        double d1, d2, fd;
        int y;
        if (f[1] < 1 || f[1] > 366 || eraCal2jd(year, 1, 1, &d1, &d2) != 0 ||
            eraJd2cal(d1, d2 + f[1] - 1, &y, &month, &day, &fd) != 0 || y != year)
            return -1;
        hour = f[2];
        minute = f[3];
    } else {
        month = f[1];
        day = f[2];
        hour = f[3];
        minute = f[4];
    }
    static const char *const erfa_scale[] = {"UTC", "TAI", "TT", "TDB"};
    if (scale == OEM_UTC && year < 1960)
        return -1;
    /* eraDtf2d: negative for a bad field, +2 (or +3) for a second past the end of the day */
    int j = eraDtf2d(erfa_scale[scale], year, month, day, hour, minute, sec, &jd->d1, &jd->d2);
    return j < 0 || j >= 2 ? -1 : 0;
}

int oem_message_time(const char *s, enum oem_scale scale, struct interf_jd *jd)
{
    struct interf_jd t;
    if (oem_parse_time(s, scale, &t) != 0)
        return -1;
    if (scale == OEM_UTC)
        return eraUtctai(t.d1, t.d2, &jd->d1, &jd->d2) < 0 ? -1 : 0;
    *jd = t;
    return 0;
}

const char *oem_scale_name(enum oem_scale scale)
{
    static const char *const names[] = {"UTC", "TAI", "TT", "TDB"};
    return names[scale];
}

size_t oem_nodes(const struct oem_segment *seg)
{
    size_t m = seg->interp == OEM_HERMITE ? (size_t)(seg->degree + 2) / 2
                                          : (size_t)seg->degree + 1;
    return m < 2 ? 2 : m;
}

double oem_seconds_from_utc(const struct interf_oem *oem, const struct oem_segment *seg,
                            const struct interf_time *t)
{
    const struct interf_jd *x = oem->scale == OEM_TT    ? &t->tt
                                : oem->scale == OEM_TDB ? &t->tdb
                                                        : &t->tai;
    return interf_jd_diff_s(&seg->base, x);
}

void oem_utc_of(const struct interf_oem *oem, const struct oem_segment *seg, double t_s,
                struct interf_jd *utc)
{
    double a = seg->base.d1, b = seg->base.d2 + t_s / 86400.0, tt1, tt2, tai1, tai2;
    switch (oem->scale) {
    case OEM_UTC:
    case OEM_TAI:
        eraTaiutc(a, b, &utc->d1, &utc->d2);
        return;
    case OEM_TDB:
        /* TDB - TT is below 2 ms: evaluating it at TDB instead of TT changes it by 1e-13 s */
        eraTdbtt(a, b, eraDtdb(a, b, 0.0, 0.0, 0.0, 0.0), &tt1, &tt2);
        a = tt1;
        b = tt2;
        break;
    case OEM_TT:
        break;
    }
    eraTttai(a, b, &tai1, &tai2);
    eraTaiutc(tai1, tai2, &utc->d1, &utc->d2);
}

