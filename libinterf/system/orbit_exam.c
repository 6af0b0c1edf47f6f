/* SPDX-License-Identifier: MIT */
/* interf system: the keys of an [orbit NAME] section that the examination of Rec. ITU-R
 * S.1503-4 (09/2023) needs: the pfd mask of §B4.1 (pfd_mask), the e.i.r.p. masks of §B4.2 and
 * §C3 (eirp_mask, ss_eirp_mask), the operating parameters of §B3.3 (operating_params_file, or
 * min_exclude_deg, min_elev_deg, max_co_freq, min_duration_s, min_angle_at_es_deg,
 * min_angle_at_sat_deg, es_density_km2, es_distance_km, es_lat_min_deg, es_lat_max_deg,
 * max_co_freq_sat), the earth station's beamwidth of §D4.3 (es_beamwidth_deg) and the
 * constellation's H_MIN and DoesRepeat of §B3.2 (h_min_km, repeat_period_s). */
#include "system_impl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *const sys_orbit_exam_keys[SYS_ORBIT_EXAM_NKEYS] = {
    "pfd_mask",        "operating_params_file", "h_min_km",          "repeat_period_s",
    "min_exclude_deg", "min_elev_deg",          "max_co_freq",       "min_duration_s",
    "min_angle_at_es_deg", "min_angle_at_sat_deg", "es_density_km2", "es_distance_km",
    "es_lat_min_deg",  "es_lat_max_deg",        "max_co_freq_sat",   "eirp_mask",
    "ss_eirp_mask",    "es_beamwidth_deg"};

/* The keys that hold one frequency range's operating parameters (operating_params_file holds
 * them all). */
static const char *const per_freq_keys[] = {
    "min_exclude_deg", "min_elev_deg",   "max_co_freq",    "min_duration_s",
    "min_angle_at_es_deg", "min_angle_at_sat_deg", "es_density_km2", "es_distance_km",
    "es_lat_min_deg",  "es_lat_max_deg", "max_co_freq_sat"};

void sys_orbit_exam_release(struct interf_orbit_exam *x)
{
    interf_pfd_mask_destroy(x->pfd_mask);
    x->pfd_mask = NULL;
    interf_eirp_mask_destroy(x->eirp_mask);
    x->eirp_mask = NULL;
    interf_eirp_mask_destroy(x->ss_eirp_mask);
    x->ss_eirp_mask = NULL;
    interf_op_params_release(&x->ops);
}

/* A file key's value resolved against the system file's folder; the file must exist now. */
static enum interf_status file_path(const struct sec *c, const struct interf_ini_entry *ent,
                                    char *out, size_t n)
{
    const char *slash = strrchr(c->path, '/');
    int len = ent->value[0] == '/' || !slash
                  ? snprintf(out, n, "%s", ent->value)
                  : snprintf(out, n, "%.*s/%s", (int)(slash - c->path), c->path, ent->value);
    if (len < 0 || (size_t)len >= n)
        return BAD(c, ent, "path longer than %zu bytes", n - 1);
    struct stat sb;
    char text[128];
    if (stat(out, &sb) != 0)
        return BAD(c, ent, "%s (looked for %s)", sys_errno_text(errno, text, sizeof text), out);
    if (S_ISDIR(sb.st_mode))
        return BAD(c, ent, "is a folder, not a file (looked for %s)", out);
    return INTERF_OK;
}

/* 1 when the file's first non-blank byte is '<': an XML document */
static int looks_xml(const char *path)
{
    FILE *f = fopen(path, "rb");
    int ch = EOF;
    if (!f)
        return 0;
    while ((ch = fgetc(f)) == ' ' || ch == '\t' || ch == '\r' || ch == '\n')
        ;
    fclose(f);
    return ch == '<';
}

/* pfd_mask = FILE: the XML of S.1503-4 §C4 or the text of interf-mask(5), by content */
static enum interf_status read_mask(const struct sec *c, struct interf_orbit_exam *x)
{
    const struct interf_ini_entry *ent = interf_ini_find(c->ini, "pfd_mask");
    struct interf_error e2;
    enum interf_status st;
    if (!ent)
        return INTERF_OK;
    if ((st = file_path(c, ent, x->pfd_mask_file, sizeof x->pfd_mask_file)) != INTERF_OK)
        return st;
    st = looks_xml(x->pfd_mask_file) ? interf_pfd_mask_read_xml(x->pfd_mask_file, &x->pfd_mask, &e2)
                                     : interf_pfd_mask_read_text(x->pfd_mask_file, &x->pfd_mask,
                                                                 &e2);
    return st == INTERF_OK ? INTERF_OK : sys_fail_at(c, ent->line, ent->key, NULL, "%s", e2.msg);
}

/* eirp_mask = FILE (the earth stations', "T" or "A") or ss_eirp_mask = FILE (the satellites'
 * toward the GSO arc): the XML of S.1503-4 §C4.3-§C4.4 or the text of interf-mask(5), by
 * content; the form the file declares must be the key's */
static enum interf_status read_eirp_mask(const struct sec *c, const char *key, int ss,
                                         char *path, size_t n, struct interf_eirp_mask **out)
{
    const struct interf_ini_entry *ent = interf_ini_find(c->ini, key);
    struct interf_error e2;
    enum interf_status st;
    if (!ent)
        return INTERF_OK;
    if ((st = file_path(c, ent, path, n)) != INTERF_OK)
        return st;
    st = looks_xml(path) ? interf_eirp_mask_read_xml(path, out, &e2)
                         : interf_eirp_mask_read_text(path, out, &e2);
    if (st != INTERF_OK)
        return sys_fail_at(c, ent->line, ent->key, NULL, "%s", e2.msg);
    if (((*out)->form == INTERF_EIRP_SS_OFFAXIS) != ss)
        return BAD(c, ent, "%s: %s mask: give it as %s", path,
                   ss ? "an earth-station" : "a space-station", ss ? "eirp_mask" : "ss_eirp_mask");
    return INTERF_OK;
}

/* A library parser's message "FIELD: rest" located at the key, without the repeated field */
static enum interf_status parse_fail(const struct sec *c, const struct interf_ini_entry *ent,
                                     const struct interf_error *e2)
{
    size_t k = strlen(ent->key);
    const char *msg = strncmp(e2->msg, ent->key, k) == 0 && e2->msg[k] == ':' ? e2->msg + k + 2
                                                                              : e2->msg;
    return sys_fail_at(c, ent->line, ent->key, NULL, "%s", msg);
}

static enum interf_status lat_key(const struct sec *c, const char *key, double lo, double hi,
                                  int integer, struct interf_lat_table *out)
{
    const struct interf_ini_entry *ent = interf_ini_find(c->ini, key);
    struct interf_error e2;
    if (ent && interf_op_parse_lat_table(ent->value, key, lo, hi, integer, out, &e2) != INTERF_OK)
        return parse_fail(c, ent, &e2);
    return INTERF_OK;
}

/* One group "TABLE" (every plane) or "plane N: TABLE" of min_exclude_deg */
static enum interf_status exclude_group(const struct sec *c, const struct interf_ini_entry *ent,
                                        const char *text, int planes,
                                        struct interf_min_exclude *m)
{
    struct interf_error e2;
    while (*text == ' ' || *text == '\t')
        text++;
    m->orb_id = 0;
    if (strncmp(text, "plane", 5) == 0) {
        const char *colon = strchr(text, ':');
        char num[32];
        long p;
        const char *d = text + 5;
        while (*d == ' ' || *d == '\t')
            d++;
        if (!colon || colon < d || (size_t)(colon - d) >= sizeof num)
            return BAD(c, ent, "expected 'plane N: LAT:DEG ...'");
        snprintf(num, sizeof num, "%.*s", (int)(colon - d), d);
        if (interf_parse_integer(num, 0, planes - 1, &p, &e2) != INTERF_OK)
            return BAD(c, ent, "plane %s: not a plane of this group (0 to %d)", num, planes - 1);
        m->orb_id = p + 1; /* orb_id 0 is every plane */
        text = colon + 1;
    }
    if (interf_op_parse_lat_table(text, ent->key, 0, 180, 0, &m->alpha0_deg, &e2) != INTERF_OK)
        return parse_fail(c, ent, &e2);
    return INTERF_OK;
}

/* min_exclude_deg = TABLE [; plane N: TABLE]...: MIN_EXCLUDE for every plane and by plane */
static enum interf_status exclude_key(const struct sec *c, const struct orbit_slot *o,
                                      struct interf_op_params *ops)
{
    const struct interf_ini_entry *ent = interf_ini_find(c->ini, "min_exclude_deg");
    if (!ent)
        return INTERF_OK;
    size_t n = 1;
    for (const char *p = ent->value; *p; p++)
        n += *p == ';';
    if (!(ops->exclude = calloc(n, sizeof *ops->exclude)))
        return interf_error_set(c->err, INTERF_ENOMEM, "out of memory");
    for (const char *p = ent->value; ops->n_exclude < n;) {
        size_t len = strcspn(p, ";");
        char group[1024];
        if (len >= sizeof group)
            return BAD(c, ent, "a group longer than %zu bytes", sizeof group - 1);
        snprintf(group, sizeof group, "%.*s", (int)len, p);
        struct interf_min_exclude *m = &ops->exclude[ops->n_exclude];
        enum interf_status st = exclude_group(c, ent, group, o->pub.planes, m);
        if (st != INTERF_OK)
            return st;
        ops->n_exclude++;
        for (size_t k = 0; k + 1 < ops->n_exclude; k++)
            if (ops->exclude[k].orb_id == m->orb_id)
                return BAD(c, ent, "%s given twice", m->orb_id ? "a plane" : "every plane");
        p += len + (p[len] == ';');
    }
    return INTERF_OK;
}

/* A constant table (one value at latitude 0) */
static enum interf_status constant_table(const struct sec *c, double v,
                                         struct interf_lat_table *t)
{
    t->lat_deg = malloc(sizeof *t->lat_deg);
    t->value = malloc(sizeof *t->value);
    if (!t->lat_deg || !t->value)
        return interf_error_set(c->err, INTERF_ENOMEM, "out of memory");
    t->n = 1, t->lat_deg[0] = 0, t->value[0] = v;
    return INTERF_OK;
}

/* gso_avoidance_deg and min_elevation_deg as the constant tables of the examination */
static enum interf_status constants(const struct sec *c, const struct orbit_slot *o,
                                    struct interf_op_params *ops)
{
    struct interf_error e2;
    char text[64];
    enum interf_status st = INTERF_OK;
    if (!ops->n_exclude && o->pub.gso_avoidance_deg > 0) {
        if (!(ops->exclude = calloc(1, sizeof *ops->exclude)))
            return interf_error_set(c->err, INTERF_ENOMEM, "out of memory");
        ops->n_exclude = 1;
        st = constant_table(c, o->pub.gso_avoidance_deg, &ops->exclude[0].alpha0_deg);
    }
    if (st == INTERF_OK && !ops->min_elev.n && o->pub.min_elevation_deg > 0) {
        interf_format_c(text, sizeof text, "%.17g", o->pub.min_elevation_deg);
        if (interf_op_parse_elev_table(text, "min_elevation_deg", &ops->min_elev, &e2))
            st = interf_error_set(c->err, e2.status, "%s", e2.msg);
    }
    return st;
}

/* A key that says the same as another (gso_avoidance_deg and min_exclude_deg, ...) */
static enum interf_status not_both(const struct sec *c, const char *key, const char *other)
{
    const struct interf_ini_entry *a = interf_ini_find(c->ini, key);
    const struct interf_ini_entry *b = interf_ini_find(c->ini, other);
    if (!a || !b)
        return INTERF_OK;
    const struct interf_ini_entry *later = a->line > b->line ? a : b;
    return sys_fail_at(c, later->line, later->key, NULL, "conflicts with %s (line %d): give one",
                       later == a ? other : key, later == a ? b->line : a->line);
}

/* The operating parameters from the keys of the section */
static enum interf_status ops_from_keys(const struct sec *c, const struct orbit_slot *o,
                                        struct interf_op_params *ops)
{
    static const struct range ang = {0, 90, 0, 0, "deg"};
    const struct interf_ini_entry *ent = interf_ini_find(c->ini, "min_elev_deg");
    struct interf_error e2;
    enum interf_status st;
    static const struct range dens = {0, 1e6, 1, 0, "per km2"}, dist = {0, 40000, 0, 0, "km"},
                              lat = {-90, 90, 0, 0, "deg"};
    int co_sat;
    ops->es_lat_min_deg = -90, ops->es_lat_max_deg = 90, ops->max_co_freq_sat = -1;
    if ((st = sys_get_real(c, "es_density_km2", &dens, 0, &ops->es_density_km2)) ||
        (st = sys_get_real(c, "es_distance_km", &dist, 0, &ops->es_distance_km)) ||
        (st = sys_get_real(c, "es_lat_min_deg", &lat, -90, &ops->es_lat_min_deg)) ||
        (st = sys_get_real(c, "es_lat_max_deg", &lat, 90, &ops->es_lat_max_deg)) ||
        (st = sys_get_int(c, "max_co_freq_sat", 0, 9999, -1, &co_sat)))
        return st;
    ops->max_co_freq_sat = co_sat;
    if ((st = not_both(c, "min_exclude_deg", "gso_avoidance_deg")) != INTERF_OK ||
        (st = not_both(c, "min_elev_deg", "min_elevation_deg")) != INTERF_OK ||
        (st = exclude_key(c, o, ops)) != INTERF_OK ||
        (st = lat_key(c, "max_co_freq", 0, 9999, 1, &ops->max_co_freq)) != INTERF_OK ||
        (st = lat_key(c, "min_duration_s", 0, 99999, 0, &ops->min_duration_s)) != INTERF_OK ||
        (st = sys_get_real(c, "min_angle_at_es_deg", &ang, 0, &ops->min_angle_at_es_deg)) ||
        (st = sys_get_real(c, "min_angle_at_sat_deg", &ang, 0, &ops->min_angle_at_sat_deg)))
        return st;
    if (ent && interf_op_parse_elev_table(ent->value, ent->key, &ops->min_elev, &e2) != INTERF_OK)
        return parse_fail(c, ent, &e2);
    if ((st = constants(c, o, ops)) != INTERF_OK)
        return st;
    if (interf_op_params_check(ops, &e2) != INTERF_OK) /* §B5.2 */
        return sys_fail_at(c, c->ini->line, NULL, NULL, "%s", e2.msg);
    return INTERF_OK;
}

/* operating_params_file = FILE: the XML of §B3.3, which holds every per-frequency parameter */
static enum interf_status ops_from_file(const struct sec *c, const struct interf_ini_entry *ent,
                                        struct interf_orbit_exam *x)
{
    for (size_t k = 0; k < NKEYS(per_freq_keys); k++) {
        const struct interf_ini_entry *e = interf_ini_find(c->ini, per_freq_keys[k]);
        if (e)
            return sys_fail_at(c, e->line, e->key, NULL, "conflicts with %s (line %d): the "
                               "file holds every operating parameter", ent->key, ent->line);
    }
    struct interf_error e2;
    enum interf_status st = file_path(c, ent, x->op_params_file, sizeof x->op_params_file);
    if (st == INTERF_OK && interf_op_params_read_xml(x->op_params_file, &x->ops, &e2) != INTERF_OK)
        st = sys_fail_at(c, ent->line, ent->key, NULL, "%s", e2.msg);
    return st;
}

/* H_MIN, DoesRepeat and P_repeat, and the motion keys already read (W_delta, D_admin) */
static enum interf_status orbit_params(const struct sec *c, const struct orbit_slot *o,
                                       struct interf_op_orbit *ob)
{
    static const struct range h = {0, 1e6, 0, 0, "km"}, rep = {0, 1e9, 1, 0, "s"};
    enum interf_status st;
    if ((st = sys_get_real(c, "h_min_km", &h, 0, &ob->h_min_km)) != INTERF_OK ||
        (st = sys_get_real(c, "repeat_period_s", &rep, 0, &ob->repeat_period_s)) != INTERF_OK)
        return st;
    ob->does_repeat = ob->repeat_period_s > 0;
    ob->w_delta_deg = o->pub.options.w_delta_rad / INTERF_DEG;
    ob->admin_precession = o->pub.options.model == INTERF_ORBIT_ADMIN;
    ob->precession_deg_day = o->pub.options.precession_rad_s / INTERF_DEG * 86400.0;
    return INTERF_OK;
}

enum interf_status parse_orbit_exam(const struct sec *c, struct orbit_slot *o)
{
    struct interf_orbit_exam *x = &o->pub.exam;
    const struct interf_ini_entry *file = interf_ini_find(c->ini, "operating_params_file");
    memset(x, 0, sizeof *x);
    enum interf_status st = orbit_params(c, o, &x->orbit);
    if (st == INTERF_OK)
        st = file ? ops_from_file(c, file, x) : ops_from_keys(c, o, &x->ops);
    if (st == INTERF_OK)
        st = read_mask(c, x);
    if (st == INTERF_OK)
        st = read_eirp_mask(c, "eirp_mask", 0, x->eirp_mask_file, sizeof x->eirp_mask_file,
                            &x->eirp_mask);
    if (st == INTERF_OK)
        st = read_eirp_mask(c, "ss_eirp_mask", 1, x->ss_eirp_mask_file,
                            sizeof x->ss_eirp_mask_file, &x->ss_eirp_mask);
    static const struct range bw = {0, 180, 1, 1, "deg"};
    if (st == INTERF_OK)
        st = sys_get_real(c, "es_beamwidth_deg", &bw, 0, &x->es_beamwidth_deg);
    if (st != INTERF_OK)
        sys_orbit_exam_release(x);
    return st;
}
