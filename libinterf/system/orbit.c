/* SPDX-License-Identifier: MIT */
/* interf system: the [orbit NAME] sections: Walker groups, element sets and GSO satellites, their
 * motion options (Rec. ITU-R S.1503-4 (09/2023) §D6.3.6), beams and schedules; the keys of the
 * two-line element and OEM groups (read by orbit_data.c). */
#include "system_impl.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* --- [orbit NAME] ------------------------------------------------------------------------ */

static const char *const orbit_keys[] = {"type", "beams", "min_elevation_deg",
                                         "gso_avoidance_deg", "schedule_file"};
/* How a non-GSO satellite moves: meaningless for the fixed GSO reference satellite. */
static const char *const orbit_motion_keys[] = {"j2", "station_keeping_deg",
                                                "precession_deg_per_day"};
static const char *const orbit_walker_keys[] = {"altitude_km", "inclination_deg", "satellites",
                                                "planes", "phasing", "raan0_deg"};
static const char *const orbit_elements_keys[] = {
    "semi_major_axis_km", "altitude_km", "eccentricity", "inclination_deg",
    "lan_deg", "arg_perigee_deg", "mean_anomaly_deg", "true_anomaly_deg"};
static const char *const orbit_gso_keys[] = {"longitude_deg"};
static const char *const orbit_tle_keys[] = {"tle_file", "objects"};
static const char *const orbit_oem_keys[] = {"oem_file", "objects"};
static const char *const orbit_type_names[] = {"walker-delta", "walker-star", "elements",
                                               "gso",          "tle",         "oem"};

static int is_orbit_key(const char *key)
{
    return sys_in_list(key, orbit_keys, NKEYS(orbit_keys)) ||
           sys_in_list(key, orbit_motion_keys, NKEYS(orbit_motion_keys)) ||
           sys_in_list(key, orbit_walker_keys, NKEYS(orbit_walker_keys)) ||
           sys_in_list(key, orbit_elements_keys, NKEYS(orbit_elements_keys)) ||
           sys_in_list(key, orbit_gso_keys, NKEYS(orbit_gso_keys)) ||
           sys_in_list(key, sys_orbit_exam_keys, SYS_ORBIT_EXAM_NKEYS) ||
           sys_in_list(key, orbit_tle_keys, NKEYS(orbit_tle_keys)) ||
           sys_in_list(key, orbit_oem_keys, NKEYS(orbit_oem_keys));
}

/* Append list[0..n) to allowed[*n_allowed..]. */
static void allow(const char **allowed, size_t *n_allowed, const char *const *list, size_t n)
{
    memcpy(allowed + *n_allowed, list, n * sizeof *list);
    *n_allowed += n;
}

static enum interf_status orbit_keys_for(const struct sec *c, enum interf_orbit_type type)
{
    /* room for every list: the type-specific ones differ in length */
    const char *allowed[NKEYS(orbit_keys) + NKEYS(orbit_motion_keys) + NKEYS(orbit_walker_keys) +
                        NKEYS(orbit_elements_keys) + NKEYS(orbit_gso_keys) +
                        SYS_ORBIT_EXAM_NKEYS];
    size_t n = 0;
    allow(allowed, &n, orbit_keys, NKEYS(orbit_keys));
    /* how a non-GSO satellite moves under S.1503, and what its examination needs: not for the
     * GSO reference satellite, nor for satellites given by element sets or ephemerides, which
     * carry their own motion */
    if (type <= INTERF_ORBIT_ELEMENTS) {
        allow(allowed, &n, orbit_motion_keys, NKEYS(orbit_motion_keys));
        allow(allowed, &n, sys_orbit_exam_keys, SYS_ORBIT_EXAM_NKEYS);
    }
    if (type == INTERF_ORBIT_ELEMENTS)
        allow(allowed, &n, orbit_elements_keys, NKEYS(orbit_elements_keys));
    else if (type == INTERF_ORBIT_GSO)
        allow(allowed, &n, orbit_gso_keys, NKEYS(orbit_gso_keys));
    else if (type == INTERF_ORBIT_TLE)
        allow(allowed, &n, orbit_tle_keys, NKEYS(orbit_tle_keys));
    else if (type == INTERF_ORBIT_OEM)
        allow(allowed, &n, orbit_oem_keys, NKEYS(orbit_oem_keys));
    else
        allow(allowed, &n, orbit_walker_keys, NKEYS(orbit_walker_keys));
    char why[32];
    snprintf(why, sizeof why, "type = %s", orbit_type_names[type]);
    return sys_check_keys(c, allowed, n, is_orbit_key, why);
}

/* Each required key of the list, in order, or the first one missing. */
static enum interf_status need_all(const struct sec *c, const char *const *keys, size_t n,
                                   const char *why)
{
    for (size_t k = 0; k < n; k++)
        if (!interf_ini_find(c->ini, keys[k]))
            return sys_missing(c, keys[k], why);
    return INTERF_OK;
}

static enum interf_status parse_walker(const struct sec *c, struct orbit_slot *o)
{
    static const struct range alt = {0, 100000, 1, 0, "km"}, inc = {0, 180, 0, 0, "deg"};
    static const struct range raan = {-360, 360, 0, 0, "deg"};
    char why[32];
    snprintf(why, sizeof why, "type = %s", orbit_type_names[o->pub.type]);
    enum interf_status st = need_all(c, orbit_walker_keys, 4, why);
    double alt_km, inc_deg, raan_deg;
    int t;
    if (st != INTERF_OK ||
        (st = sys_get_real(c, "altitude_km", &alt, 0, &alt_km)) != INTERF_OK ||
        (st = sys_get_real(c, "inclination_deg", &inc, 0, &inc_deg)) != INTERF_OK ||
        (st = sys_get_int(c, "satellites", 1, 100000, 1, &t)) != INTERF_OK ||
        (st = sys_get_int(c, "planes", 1, t, 1, &o->pub.planes)) != INTERF_OK)
        return st;
    if (t % o->pub.planes != 0)
        return BAD(c, interf_ini_find(c->ini, "planes"), "does not divide satellites = %d", t);
    if ((st = sys_get_int(c, "phasing", 0, o->pub.planes - 1, 0, &o->pub.phasing)) != INTERF_OK ||
        (st = sys_get_real(c, "raan0_deg", &raan, 0, &raan_deg)) != INTERF_OK)
        return st;
    /* S.1503-4 Table 2: a = Re + h on the S.1503 sphere. */
    o->a_km = INTERF_RE_KM + alt_km;
    o->i_rad = inc_deg * INTERF_DEG;
    o->lan0_rad = raan_deg * INTERF_DEG;
    o->pub.n_sats = (size_t)t;
    return INTERF_OK;
}

/* Semi-major axis from exactly one of semi_major_axis_km and altitude_km. */
static enum interf_status elements_size(const struct sec *c, double *a_km, int *circular)
{
    static const struct range sma = {INTERF_RE_KM, 1e6, 1, 0, "km"};
    static const struct range alt = {0, 1e6 - INTERF_RE_KM, 1, 0, "km"};
    const struct interf_ini_entry *given = NULL;
    enum interf_status st = sys_one_of(c, "semi_major_axis_km", "altitude_km", "exactly one", &given);
    if (st != INTERF_OK)
        return st;
    if (!given)
        return sys_fail_at(c, c->ini->line, "semi_major_axis_km", NULL,
                       "missing (required for type = elements: semi_major_axis_km or "
                       "altitude_km)");
    *circular = strcmp(given->key, "altitude_km") == 0;
    if (!*circular)
        return sys_get_real(c, "semi_major_axis_km", &sma, 0, a_km);
    double h;
    st = sys_get_real(c, "altitude_km", &alt, 0, &h);
    *a_km = INTERF_RE_KM + h;
    return st;
}

/* Rec. ITU-R S.1503-4 §B5.1: 0 < e < 0.01 is taken as circular (with a warning); e >= 0.01 is
 * only accepted for orbits with apogee and perigee at the latitude extremes (omega = +-90 deg
 * within 1e-5 deg); and the perigee must lie above the Earth. */
static enum interf_status elements_shape(const struct sec *c, int circular, double argp_deg,
                                         struct interf_elements *el)
{
    const struct interf_ini_entry *ee = interf_ini_find(c->ini, "eccentricity");
    if (!ee || el->e == 0)
        return INTERF_OK;
    if (el->e < 0.01) {
        el->e = 0;
        return sys_warn(c, ee, "below 0.01, taken as 0 (Rec. ITU-R S.1503-4 §B5.1)");
    }
    if (circular)
        return BAD(c, ee, "not allowed with altitude_km (a circular orbit): give "
                          "semi_major_axis_km");
    double w = fmod(fmod(argp_deg, 360.0) + 360.0, 360.0);
    if (fabs(w - 90.0) > 1e-5 && fabs(w - 270.0) > 1e-5) {
        const struct interf_ini_entry *we = interf_ini_find(c->ini, "arg_perigee_deg");
        if (we)
            return BAD(c, we, "must be 90 or -90 (270) within 1e-5 deg when eccentricity >= "
                              "0.01 (Rec. ITU-R S.1503-4 §B5.1)");
        return BAD(c, ee, "needs arg_perigee_deg = 90 or -90 (270) within 1e-5 deg, not the "
                          "default 0 (Rec. ITU-R S.1503-4 §B5.1)");
    }
    double rp = el->a_km * (1 - el->e);
    if (rp <= INTERF_RE_KM)
        return BAD(c, ee, "perigee radius %.3f km is inside the Earth (Re = %.3f km)", rp,
                   INTERF_RE_KM);
    return INTERF_OK;
}

static enum interf_status parse_elements(const struct sec *c, struct orbit_slot *o)
{
    static const struct range ecc = {0, 1, 0, 1, ""}, inc = {0, 180, 0, 0, "deg"};
    static const struct range ang = {-360, 360, 0, 0, "deg"};
    struct interf_elements *el = &o->el;
    double inc_deg, lan_deg, argp_deg, anom_deg;
    int circular = 0;
    enum interf_status st = elements_size(c, &el->a_km, &circular);
    if (st != INTERF_OK)
        return st;
    if (!interf_ini_find(c->ini, "inclination_deg"))
        return sys_missing(c, "inclination_deg", "type = elements");
    const struct interf_ini_entry *anom = NULL;
    if ((st = sys_one_of(c, "mean_anomaly_deg", "true_anomaly_deg", "at most one", &anom)) !=
        INTERF_OK)
        return st;
    const struct interf_ini_entry *te =
        anom && strcmp(anom->key, "true_anomaly_deg") == 0 ? anom : NULL;
    if ((st = sys_get_real(c, "eccentricity", &ecc, 0, &el->e)) != INTERF_OK ||
        (st = sys_get_real(c, "inclination_deg", &inc, 0, &inc_deg)) != INTERF_OK ||
        (st = sys_get_real(c, "lan_deg", &ang, 0, &lan_deg)) != INTERF_OK ||
        (st = sys_get_real(c, "arg_perigee_deg", &ang, 0, &argp_deg)) != INTERF_OK ||
        (st = sys_get_real(c, te ? te->key : "mean_anomaly_deg", &ang, 0, &anom_deg)) != INTERF_OK ||
        (st = elements_shape(c, circular, argp_deg, el)) != INTERF_OK)
        return st;
    el->i_rad = inc_deg * INTERF_DEG;
    el->lan_rad = lan_deg * INTERF_DEG;
    el->argp_rad = argp_deg * INTERF_DEG;
    /* After the §B5.1 rounding of e, so that a true anomaly keeps its meaning. */
    el->m0_rad = te ? interf_mean_from_true(anom_deg * INTERF_DEG, el->e) : anom_deg * INTERF_DEG;
    o->pub.n_sats = 1;
    return INTERF_OK;
}

static enum interf_status parse_gso(const struct sec *c, struct orbit_slot *o)
{
    static const struct range lon = {-180, 360, 0, 1, "deg"};
    double lon_deg;
    if (!interf_ini_find(c->ini, "longitude_deg"))
        return sys_missing(c, "longitude_deg", "type = gso");
    enum interf_status st = sys_get_real(c, "longitude_deg", &lon, 0, &lon_deg);
    /* S.1503-4 §A, Table 2: the GSO reference satellite sits at Rgeo, latitude 0. */
    o->el.a_km = INTERF_RGEO_KM;
    o->el.lan_rad = lon_deg * INTERF_DEG;
    o->pub.options.model = INTERF_ORBIT_FIXED;
    o->pub.n_sats = 1;
    return st;
}

/* j2, precession_deg_per_day and station_keeping_deg -> the S.1503-4 §D6.3.6 model. */
static enum interf_status orbit_motion(const struct sec *c, struct interf_orbit_options *opt)
{
    static const char *const yes_no[] = {"yes", "no"};
    static const struct range prec = {-360, 360, 0, 0, "deg/day"}, sk = {0, 180, 0, 0, "deg"};
    const struct interf_ini_entry *je = interf_ini_find(c->ini, "j2");
    const struct interf_ini_entry *pe = interf_ini_find(c->ini, "precession_deg_per_day");
    int no_j2;
    double prec_deg_day, sk_deg;
    enum interf_status st;
    if ((st = sys_get_choice(c, "j2", yes_no, 2, 0, &no_j2)) != INTERF_OK ||
        (st = sys_get_real(c, "precession_deg_per_day", &prec, 0, &prec_deg_day)) != INTERF_OK ||
        (st = sys_get_real(c, "station_keeping_deg", &sk, 0, &sk_deg)) != INTERF_OK)
        return st;
    /* Case 3 replaces the J2 node rate, and a point-mass orbit has no node drift to keep:
     * either with j2 = no is a contradiction the user should resolve, not one we guess. */
    if (no_j2 && pe)
        return BAD(c, pe, "conflicts with j2 = no (line %d)", je->line);
    if (no_j2 && sk_deg > 0) {
        const struct interf_ini_entry *se = interf_ini_find(c->ini, "station_keeping_deg");
        return BAD(c, se, "conflicts with j2 = no (line %d)", je->line);
    }
    if (pe) {
        opt->model = INTERF_ORBIT_ADMIN;
        opt->precession_rad_s = prec_deg_day * INTERF_DEG / 86400.0; /* per day of 86400 s */
    } else {
        opt->model = no_j2 ? INTERF_ORBIT_KEPLER : INTERF_ORBIT_J2;
    }
    opt->w_delta_rad = sk_deg * INTERF_DEG;
    return INTERF_OK;
}

/* beams = NAME[,NAME...]: indices into the system's beams, each once. */
static enum interf_status orbit_beams(const struct sec *c, struct interf_system_orbit *o)
{
    const struct interf_ini_entry *ent = interf_ini_find(c->ini, "beams");
    const struct interf_system *sys = c->sys;
    if (!ent)
        return INTERF_OK;
    for (const char *p = ent->value; *p;) {
        size_t len = strcspn(p, ",");
        const char *next = p[len] ? p + len + 1 : p + len;
        while (len && (*p == ' ' || *p == '\t'))
            p++, len--;
        while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
            len--;
        if (len == 0)
            return BAD(c, ent, "empty beam name in the list");
        size_t b;
        for (b = 0; b < sys->info.n_beams; b++)
            if (strlen(sys->beams[b].name) == len && memcmp(sys->beams[b].name, p, len) == 0)
                break;
        if (b == sys->info.n_beams)
            return BAD(c, ent, "no [beam %.*s] section", (int)len, p);
        for (size_t k = 0; k < o->n_beams; k++)
            if (o->beams[k] == b)
                return BAD(c, ent, "%.*s listed twice", (int)len, p);
        if (o->n_beams == MAX_BEAMS_PER_ORBIT)
            return BAD(c, ent, "more than %d beams", MAX_BEAMS_PER_ORBIT);
        o->beams[o->n_beams++] = b;
        p = next;
    }
    return INTERF_OK;
}

/* schedule_file: relative to the system file's folder, and it must exist now rather than fail
 * hours into a run. */
static enum interf_status orbit_schedule(const struct sec *c, struct interf_system_orbit *o)
{
    const struct interf_ini_entry *ent = interf_ini_find(c->ini, "schedule_file");
    if (!ent)
        return INTERF_OK;
    enum interf_status st = sys_resolve_path(c, ent, o->schedule_file, sizeof o->schedule_file);
    if (st != INTERF_OK)
        return st;
    struct stat sb;
    char text[128];
    if (stat(o->schedule_file, &sb) != 0)
        return BAD(c, ent, "%s (looked for %s)", sys_errno_text(errno, text, sizeof text),
                   o->schedule_file);
    if (S_ISDIR(sb.st_mode))
        return BAD(c, ent, "is a folder, not a file (looked for %s)", o->schedule_file);
    return INTERF_OK;
}

enum interf_status parse_orbit(const struct sec *c, struct orbit_slot *o)
{
    static const struct range elev = {0, 90, 0, 0, "deg"}, avoid = {0, 180, 0, 0, "deg"};
    struct interf_system_orbit *pub = &o->pub;
    int type;
    if (!interf_ini_find(c->ini, "type"))
        return sys_missing(c, "type", NULL);
    enum interf_status st =
        sys_get_choice(c, "type", orbit_type_names, NKEYS(orbit_type_names), 0, &type);
    if (st != INTERF_OK)
        return st;
    pub->type = (enum interf_orbit_type)type;
    pub->planes = 1;
    if ((st = orbit_keys_for(c, pub->type)) != INTERF_OK)
        return st;
    if (pub->type == INTERF_ORBIT_WALKER_DELTA || pub->type == INTERF_ORBIT_WALKER_STAR)
        st = parse_walker(c, o);
    else if (pub->type == INTERF_ORBIT_ELEMENTS)
        st = parse_elements(c, o);
    else if (pub->type == INTERF_ORBIT_GSO)
        st = parse_gso(c, o);
    else if (pub->type == INTERF_ORBIT_TLE)
        st = parse_tle(c, o);
    else
        st = parse_oem(c, o);
    if (st != INTERF_OK)
        return st;
    if (pub->type <= INTERF_ORBIT_ELEMENTS && (st = orbit_motion(c, &pub->options)) != INTERF_OK)
        return st;
    if ((st = orbit_beams(c, pub)) != INTERF_OK ||
        (st = sys_get_real(c, "min_elevation_deg", &elev, 0, &pub->min_elevation_deg)) != INTERF_OK ||
        (st = sys_get_real(c, "gso_avoidance_deg", &avoid, 0, &pub->gso_avoidance_deg)) != INTERF_OK)
        return st;
    if ((st = orbit_schedule(c, pub)) != INTERF_OK)
        return st;
    return pub->type == INTERF_ORBIT_GSO ? INTERF_OK : parse_orbit_exam(c, o);
}
