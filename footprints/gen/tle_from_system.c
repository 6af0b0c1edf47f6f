/* SPDX-License-Identifier: MIT */
/* tle-from-system: writes two-line element sets generated from the S.1503 element sets of a
 * system file (footprints/gps.tle from gps.ini, qzss.tle from qzss.ini, leo-ku-550.tle from
 * leo-ku-550.ini): each satellite's elements taken as SGP4 mean elements at the system's epoch.
 *
 *   tle-from-system SYSTEM.ini LETTER OUTPUT.tle           write the file
 *   tle-from-system --check SYSTEM.ini LETTER FILE.tle     exit 1 unless FILE is what it writes
 *
 * LETTER is the Alpha-5 letter of the fictitious catalogue numbers (LETTER0001, ...). */
#define _XOPEN_SOURCE 700
#include "interf/system.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LINE_MAX_TLE 80

/* The modulo-10 checksum of columns 1-68: digits, and 1 for each minus sign. */
static int checksum(const char *l)
{
    int s = 0;
    for (int k = 0; k < 68; k++)
        s += l[k] >= '0' && l[k] <= '9' ? l[k] - '0' : l[k] == '-';
    return s % 10;
}

static double wrap360(double deg)
{
    double d = fmod(deg, 360.0);
    return d < 0 ? d + 360.0 : d;
}

/* Mean elements of one set (angles in degrees, mean motion in rev/day). */
struct mean {
    double incl, raan, ecc, argp, m, n;
};

/* Lines 1 and 2 of a set at the system's epoch (no drag: ndot, nddot and B* zero). */
static void format_set(const char *cat, double epoch_unix_s, const struct mean *e, char l1[],
                       char l2[])
{
    time_t secs = (time_t)floor(epoch_unix_s);
    struct tm tm;
    gmtime_r(&secs, &tm);
    double day = tm.tm_yday + 1 + (epoch_unix_s - (double)secs + tm.tm_hour * 3600.0 +
                                   tm.tm_min * 60.0 + tm.tm_sec) / 86400.0;
    snprintf(l1, LINE_MAX_TLE, "1 %.5sU          %02d%012.8f  .00000000  00000-0  00000-0 0  999",
             cat, tm.tm_year % 100, day);
    snprintf(l1 + 68, LINE_MAX_TLE - 68, "%d", checksum(l1));
    long ecc = lround(e->ecc * 1e7);
    snprintf(l2, LINE_MAX_TLE, "2 %.5s %8.4f %8.4f %07ld %8.4f %8.4f %11.8f%5d", cat, e->incl,
             e->raan, ecc, e->argp, e->m, e->n, 0);
    snprintf(l2 + 68, LINE_MAX_TLE - 68, "%d", checksum(l2));
}

/* SGP4's recovered mean motion (rad/min) of a set: 2 pi over its period. */
static double sgp4_mean_motion(const char *name, const char *l1, const char *l2)
{
    char text[3 * LINE_MAX_TLE + 4];
    struct interf_tle_list list;
    struct interf_sgp4 *sat = NULL;
    struct interf_sgp4_info info;
    snprintf(text, sizeof text, "%s\n%s\n%s\n", name, l1, l2);
    FILE *fp = fmemopen(text, strlen(text), "r");
    interf_tle_list_init(&list);
    if (!fp || interf_tle_read(fp, "generated", 0, &list, NULL) != INTERF_OK ||
        interf_sgp4_create(&list.tle[0], &sat, NULL) != INTERF_OK) {
        fprintf(stderr, "tle-from-system: %s: the generated set does not read back\n", name);
        exit(2);
    }
    fclose(fp);
    interf_sgp4_get_info(sat, &info);
    interf_sgp4_destroy(sat);
    interf_tle_list_free(&list);
    return 2 * INTERF_PI / info.period_min;
}

/* The set of satellite k: node longitude to right ascension by the IAU 1982 GMST at the epoch
 * (UT1 = UTC), the inverse of the TEME to Earth-fixed turn applied to SGP4's output; the mean
 * motion such that SGP4's recovered mean motion equals S.1503's point-mass n0 = sqrt(mu / a^3)
 * (both models then apply the same first-order J2 rates, S.1503-4 eqs. (20)-(22)). */
static void satellite_set(const struct interf_system *sys, size_t k, const char *name,
                          const char *cat, char l1[], char l2[])
{
    const struct interf_constellation *c = interf_system_constellation(sys);
    double epoch = interf_system_info(sys)->epoch_unix_s;
    const struct interf_system_orbit *o = interf_system_orbit(sys, interf_system_sat_orbit(sys, k));
    struct interf_elements el;
    struct interf_orbit_rates r;
    struct interf_jd ut1;
    interf_constellation_satellite(c, k, &el, &r);
    interf_jd_from_unix(epoch, &ut1);
    double gmst_deg = interf_gmst82_rad(&ut1) / INTERF_DEG;
    struct mean e = {el.i_rad / INTERF_DEG, wrap360(el.lan_rad / INTERF_DEG + gmst_deg), el.e,
                     wrap360(el.argp_rad / INTERF_DEG), wrap360(el.m0_rad / INTERF_DEG), 0};
    double target = r.n0_rad_s * 60.0;
    if (o->options.model == INTERF_ORBIT_FIXED) {
        /* the GSO reference satellite: equatorial, the longitude as mean anomaly */
        e.raan = 0, e.argp = 0, e.m = wrap360(el.lan_rad / INTERF_DEG + gmst_deg);
        target = INTERF_OMEGA_E_RAD_S * 60.0;
    }
    e.n = target * 1440.0 / (2 * INTERF_PI);
    for (int it = 0; it < 20; it++) {
        format_set(cat, epoch, &e, l1, l2);
        double got = sgp4_mean_motion(name, l1, l2);
        double next = e.n * target / got;
        if (fabs(next - e.n) < 1e-10)
            break;
        e.n = next;
    }
    format_set(cat, epoch, &e, l1, l2);
}

/* The set's name: the orbit group in capitals, and for a Walker group the plane and slot. */
static void satellite_name(const struct interf_system *sys, size_t k, char *buf, size_t n)
{
    const struct interf_system_orbit *o = interf_system_orbit(sys, interf_system_sat_orbit(sys, k));
    size_t j = k - o->first_sat, per_plane = o->n_sats / (size_t)o->planes;
    int len = o->n_sats > 1 ? snprintf(buf, n, "%.40s P%02d-%02d", o->name,
                                       (int)(j / per_plane), (int)(j % per_plane))
                            : snprintf(buf, n, "%.40s", o->name);
    if (len < 0 || (size_t)len >= n)
        buf[0] = '\0';
    for (char *p = buf; *p; p++)
        *p = *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p;
}

static int write_sets(FILE *out, const char *path, char letter)
{
    struct interf_system *sys;
    struct interf_error err;
    if (interf_system_load(path, &sys, &err) != INTERF_OK) {
        fprintf(stderr, "tle-from-system: %s\n", err.msg);
        return 2;
    }
    const struct interf_system_info *info = interf_system_info(sys);
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    char t[40];
    fprintf(out, "# GENERATED element sets, NOT published ones: no dated public set can be\n"
                 "# shipped. Written by footprints/gen/tle_from_system.c of interf from the\n"
                 "# element sets of %s, \"%s\" (see that file for\n"
                 "# their sources), taken as SGP4 mean elements at its epoch %s:\n"
                 "# the node's longitude turned into a right ascension by the IAU 1982 GMST,\n"
                 "# the mean motion chosen so that SGP4's recovered mean motion is S.1503's\n"
                 "# sqrt(mu / a^3), no drag (B* = 0). Catalogue numbers %c0001.. (Alpha-5) are\n"
                 "# fictitious.\n",
            base, info->name, interf_time_format_utc(info->epoch_unix_s, t, sizeof t), letter);
    for (size_t k = 0; k < info->n_sats; k++) {
        char name[64], cat[8], l1[LINE_MAX_TLE], l2[LINE_MAX_TLE];
        satellite_name(sys, k, name, sizeof name);
        snprintf(cat, sizeof cat, "%c%04zu", letter, (k + 1) % 10000);
        satellite_set(sys, k, name, cat, l1, l2);
        fprintf(out, "%s\n%s\n%s\n", name, l1, l2);
    }
    interf_system_destroy(sys);
    return 0;
}

int main(int argc, char **argv)
{
    int check = argc == 5 && strcmp(argv[1], "--check") == 0;
    if (argc != 4 + check || strlen(argv[2 + check]) != 1) {
        fprintf(stderr, "usage: tle-from-system [--check] SYSTEM.ini LETTER FILE.tle\n");
        return 2;
    }
    const char *sys = argv[1 + check], *file = argv[3 + check];
    char letter = argv[2 + check][0];
    if (!check) {
        FILE *out = fopen(file, "w");
        int rc = out ? write_sets(out, sys, letter) : 2;
        if (!out || fclose(out) != 0)
            rc = 2;
        return rc;
    }
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len), *old = fopen(file, "r");
    int rc = mem && old ? write_sets(mem, sys, letter) : 2;
    if (mem)
        fclose(mem);
    for (size_t k = 0; rc == 0 && k <= len; k++) {
        int ch = fgetc(old);
        if (k == len ? ch != EOF : ch != (unsigned char)buf[k]) {
            fprintf(stderr, "tle-from-system: %s differs from what %s gives at byte %zu\n", file,
                    sys, k);
            rc = 1;
        }
    }
    if (old)
        fclose(old);
    free(buf);
    return rc;
}
