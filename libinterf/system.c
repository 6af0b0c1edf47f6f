/* SPDX-License-Identifier: MIT */
/* interf system: a system file (interf-system(5)) read by ini.c and turned into validated
 * antennas, beams, orbit groups and their constellation. One function per section kind; every
 * message is "PATH:LINE: [kind NAME] key: value: what is wrong". Input checks follow
 * Rec. ITU-R S.1503-4 (09/2023) §B5.1; the run frequency its §D2.1. */
#include "interf/system.h"

#include "ini.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MSG_MAX 512
#define MAX_BEAMS_PER_ORBIT 16
#define NKEYS(a) (sizeof(a) / sizeof(a)[0])
/* 2000-01-01T12:00:00Z (J2000.0) in POSIX seconds: 10957 days + 12 h. */
#define DEFAULT_EPOCH_UNIX_S 946728000.0

/* An orbit group plus the geometry its satellites are generated from (needed only while
 * loading, kept beside the public record so that one array holds both). */
struct orbit_slot {
    struct interf_system_orbit pub;
    double a_km, i_rad, lan0_rad;  /* Walker */
    struct interf_elements el;     /* elements, gso */
};

struct warning {
    char msg[MSG_MAX];
};

struct interf_system {
    struct interf_system_info info;
    struct interf_system_antenna *antennas;
    struct interf_system_beam *beams;
    struct orbit_slot *orbits;
    struct interf_system_earth_station es;
    struct interf_constellation *constellation;
    struct warning *warnings;
    size_t n_warnings, cap_warnings;
};

/* The section being read, with what its messages need. */
struct sec {
    const char *path;
    const struct interf_ini_section *ini;
    char label[INTERF_NAME_MAX + 32];
    struct interf_system *sys;
    struct interf_error *err;
};

/* --- messages ---------------------------------------------------------------------------- */

static void appendv(char *buf, size_t n, size_t *pos, const char *fmt, va_list ap)
{
    if (*pos >= n - 1)
        return;
    int k = vsnprintf(buf + *pos, n - *pos, fmt, ap);
    if (k > 0)
        *pos = *pos + (size_t)k < n - 1 ? *pos + (size_t)k : n - 1;
}

static void append(char *buf, size_t n, size_t *pos, const char *fmt, ...) INTERF_PRINTF(4, 5);
static void append(char *buf, size_t n, size_t *pos, const char *fmt, ...)
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
    append(buf, n, &pos, "%s:%d: %s", c->path, line, c->label);
    if (key)
        append(buf, n, &pos, " %s", key);
    if (value)
        append(buf, n, &pos, ": %.80s%s", value, strlen(value) > 80 ? "..." : "");
    append(buf, n, &pos, ": ");
    appendv(buf, n, &pos, fmt, ap);
}

static enum interf_status fail_at(const struct sec *c, int line, const char *key,
                                  const char *value, const char *fmt, ...) INTERF_PRINTF(5, 6);
static enum interf_status fail_at(const struct sec *c, int line, const char *key,
                                  const char *value, const char *fmt, ...)
{
    char msg[MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    locate(msg, sizeof msg, c, line, key, value, fmt, ap);
    va_end(ap);
    return interf_error_set(c->err, INTERF_EINPUT, "%s", msg);
}

/* The usual case: something is wrong with one entry's value. */
#define BAD(c, ent, ...) fail_at((c), (ent)->line, (ent)->key, (ent)->value, __VA_ARGS__)

/* A required key is absent: located at the section header (there is no line of its own). */
static enum interf_status missing(const struct sec *c, const char *key, const char *why)
{
    if (why)
        return fail_at(c, c->ini->line, key, NULL, "missing (required for %s)", why);
    return fail_at(c, c->ini->line, key, NULL, "missing (required)");
}

static enum interf_status warn(const struct sec *c, const struct interf_ini_entry *ent,
                               const char *fmt, ...) INTERF_PRINTF(3, 4);
static enum interf_status warn(const struct sec *c, const struct interf_ini_entry *ent,
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

static int in_list(const char *key, const char *const *list, size_t n)
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

static enum interf_status unknown_key(const struct sec *c, const struct interf_ini_entry *ent,
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
        return fail_at(c, ent->line, ent->key, NULL, "unknown key (did you mean %s?)", guess);
    return fail_at(c, ent->line, ent->key, NULL, "unknown key");
}

/* Every key of the section must be in allowed. A key that belongs to the same section kind in
 * another variant (known(key) != 0) is "not allowed for WHY" rather than unknown. */
static enum interf_status check_keys(const struct sec *c, const char *const *allowed, size_t n,
                                     int (*known)(const char *key), const char *why)
{
    for (size_t k = 0; k < c->ini->n_entries; k++) {
        const struct interf_ini_entry *ent = &c->ini->entries[k];
        if (in_list(ent->key, allowed, n))
            continue;
        if (known && known(ent->key))
            return fail_at(c, ent->line, ent->key, NULL, "not allowed for %s", why);
        return unknown_key(c, ent, allowed, n);
    }
    return INTERF_OK;
}

static enum interf_status no_empty_values(const struct sec *c)
{
    for (size_t k = 0; k < c->ini->n_entries; k++) {
        const struct interf_ini_entry *ent = &c->ini->entries[k];
        if (ent->value[0] == '\0')
            return fail_at(c, ent->line, ent->key, NULL, "empty value");
    }
    return INTERF_OK;
}

/* --- values ------------------------------------------------------------------------------ */

struct range {
    double min, max;
    int open_min, open_max; /* 1: the bound itself is excluded */
    const char *unit;       /* "" for none */
};

static enum interf_status check_range(const struct sec *c, const struct interf_ini_entry *ent,
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
static enum interf_status get_real(const struct sec *c, const char *key, const struct range *r,
                                   double def, double *out)
{
    const struct interf_ini_entry *ent = interf_ini_find(c->ini, key);
    double v;
    *out = def;
    if (!ent)
        return INTERF_OK;
    if (!interf_parse_real(ent->value, &v))
        return BAD(c, ent, "not a number");
    enum interf_status st = check_range(c, ent, v, r);
    if (st == INTERF_OK)
        *out = v;
    return st;
}

static enum interf_status get_int(const struct sec *c, const char *key, int min, int max, int def,
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
    enum interf_status st = check_range(c, ent, v, &r);
    if (st == INTERF_OK)
        *out = (int)v;
    return st;
}

/* One of names (index into *out), or def when absent. */
static enum interf_status get_choice(const struct sec *c, const char *key,
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
        append(list, sizeof list, &pos, "%s%s", k ? ", " : "", names[k]);
    return BAD(c, ent, "allowed values %s", list);
}

/* Text into a fixed field; too long is an error, not a silent cut. */
static enum interf_status get_text(const struct sec *c, const struct interf_ini_entry *ent,
                                   char *out, size_t n)
{
    if (strlen(ent->value) >= n)
        return BAD(c, ent, "longer than %zu bytes", n - 1);
    memcpy(out, ent->value, strlen(ent->value) + 1);
    return INTERF_OK;
}

/* "No such file or directory" without strerror's shared buffer (the loader is thread-safe). */
static const char *errno_text(int errnum, char *buf, size_t n)
{
    if (strerror_r(errnum, buf, n) != 0)
        snprintf(buf, n, "error %d", errnum);
    return buf;
}

/* --- [system] ---------------------------------------------------------------------------- */

static const char *const system_keys[] = {"name", "epoch_utc", "band_ghz", "ref_bandwidth_khz"};

/* band_ghz = LO-HI, e.g. 10.7-12.75 */
static enum interf_status get_band(const struct sec *c, struct interf_system_info *info)
{
    const struct interf_ini_entry *ent = interf_ini_find(c->ini, "band_ghz");
    if (!ent)
        return INTERF_OK;
    const char *s = ent->value;
    char *end;
    double lo, hi;
    if (strspn(s, "0123456789+-.eE \t") != strlen(s))
        goto syntax;
    lo = strtod(s, &end);
    if (end == s)
        goto syntax;
    end += strspn(end, " \t");
    if (*end != '-')
        goto syntax;
    s = end + 1;
    hi = strtod(s, &end);
    if (end == s || *end != '\0' || !isfinite(lo) || !isfinite(hi))
        goto syntax;
    if (!(lo > 0 && lo < hi && hi <= 1000))
        return BAD(c, ent, "allowed 0 < LO < HI <= 1000 GHz");
    info->band_lo_ghz = lo;
    info->band_hi_ghz = hi;
    return INTERF_OK;
syntax:
    return BAD(c, ent, "expected LO-HI in GHz, e.g. 10.7-12.75");
}

static enum interf_status parse_system(const struct sec *c, struct interf_system_info *info)
{
    static const struct range bw = {0, 1e7, 1, 0, "kHz"};
    enum interf_status st = check_keys(c, system_keys, NKEYS(system_keys), NULL, NULL);
    if (st != INTERF_OK)
        return st;
    const struct interf_ini_entry *ent = interf_ini_find(c->ini, "name");
    if (!ent)
        return missing(c, "name", NULL);
    if ((st = get_text(c, ent, info->name, sizeof info->name)) != INTERF_OK)
        return st;
    info->epoch_unix_s = DEFAULT_EPOCH_UNIX_S;
    ent = interf_ini_find(c->ini, "epoch_utc");
    if (ent) {
        struct interf_error e2 = {INTERF_OK, ""};
        if (interf_time_parse_utc(ent->value, &info->epoch_unix_s, &e2) != INTERF_OK)
            return fail_at(c, ent->line, ent->key, NULL, "%s", e2.msg); /* e2 shows the value */
    }
    if ((st = get_band(c, info)) != INTERF_OK)
        return st;
    if ((st = get_real(c, "ref_bandwidth_khz", &bw, 40.0, &info->ref_bandwidth_khz)) != INTERF_OK)
        return st;
    /* Rec. ITU-R S.1503-4 §D2.1: patterns are evaluated at the lower band edge + RefBW/2 (the
     * widest beam), not at the band centre. */
    if (info->band_lo_ghz > 0)
        info->freq_ghz = info->band_lo_ghz + info->ref_bandwidth_khz * 1e-6 / 2;
    return INTERF_OK;
}

/* --- [antenna NAME] ---------------------------------------------------------------------- */

static int is_pattern_key(const char *key)
{
    for (size_t p = 0; p < interf_pattern_count(); p++) {
        const struct interf_pattern_def *def = interf_pattern_at(p);
        if (interf_pattern_key_index(def, key) >= 0 ||
            (def->file_key && strcmp(def->file_key, key) == 0))
            return 1;
    }
    return 0;
}

/* A pattern's data file (the table pattern's file = PATH), relative to the system file's
 * folder like schedule_file; the registry reads and checks it. */
static enum interf_status antenna_file(const struct sec *c, const struct interf_pattern_def *def,
                                       const char *why, char *path, size_t n)
{
    const struct interf_ini_entry *ent = interf_ini_find(c->ini, def->file_key);
    if (!ent)
        return missing(c, def->file_key, why);
    const char *slash = strrchr(c->path, '/');
    int len;
    if (ent->value[0] == '/' || !slash)
        len = snprintf(path, n, "%s", ent->value);
    else
        len = snprintf(path, n, "%.*s/%s", (int)(slash - c->path), c->path, ent->value);
    if (len < 0 || (size_t)len >= n)
        return BAD(c, ent, "path longer than %d bytes", INTERF_PATH_MAX - 1);
    return INTERF_OK;
}

/* The registry's message starts "KEY: ..."; locate it at that key's line when it was given. */
static enum interf_status antenna_error(const struct sec *c, const struct interf_error *e2)
{
    char key[INTERF_NAME_MAX];
    size_t n = strcspn(e2->msg, ":");
    const struct interf_ini_entry *ent = NULL;
    if (n < sizeof key) {
        memcpy(key, e2->msg, n);
        key[n] = '\0';
        ent = interf_ini_find(c->ini, key);
    }
    return interf_error_set(c->err, e2->status == INTERF_OK ? INTERF_EINPUT : e2->status,
                            "%s:%d: %s %s", c->path, ent ? ent->line : c->ini->line, c->label,
                            e2->msg);
}

static enum interf_status parse_antenna(const struct sec *c, double run_freq_ghz,
                                        struct interf_system_antenna *out)
{
    const struct interf_ini_entry *pe = interf_ini_find(c->ini, "pattern");
    if (!pe)
        return missing(c, "pattern", NULL);
    const struct interf_pattern_def *def = interf_pattern_find(pe->value);
    if (!def) {
        char names[256];
        return BAD(c, pe, "unknown pattern (allowed: %s)",
                   interf_pattern_names(names, sizeof names));
    }
    const char *allowed[INTERF_PATTERN_MAXKEYS + 2] = {"pattern"};
    size_t nkeys = def->nkeys < INTERF_PATTERN_MAXKEYS ? def->nkeys : INTERF_PATTERN_MAXKEYS;
    for (size_t k = 0; k < nkeys; k++)
        allowed[k + 1] = def->keys[k].name;
    size_t nallowed = nkeys + 1;
    if (def->file_key)
        allowed[nallowed++] = def->file_key;
    char why[INTERF_NAME_MAX + 16];
    snprintf(why, sizeof why, "pattern = %s", def->name);
    enum interf_status st = check_keys(c, allowed, nallowed, is_pattern_key, why);
    if (st != INTERF_OK)
        return st;
    char file[INTERF_PATH_MAX] = "";
    if (def->file_key && (st = antenna_file(c, def, why, file, sizeof file)) != INTERF_OK)
        return st;
    double values[INTERF_PATTERN_MAXKEYS] = {0};
    int given[INTERF_PATTERN_MAXKEYS] = {0};
    for (size_t k = 0; k < nkeys; k++) {
        const struct interf_ini_entry *ent = interf_ini_find(c->ini, def->keys[k].name);
        if (!ent && def->keys[k].required)
            return missing(c, def->keys[k].name, why);
        if (ent && !interf_parse_real(ent->value, &values[k]))
            return BAD(c, ent, "not a number");
        given[k] = ent != NULL;
    }
    struct interf_error e2 = {INTERF_OK, ""};
    /* Ranges, defaults and cross-key rules are the registry's: one source for the man page,
     * --list and this check. */
    if (interf_antenna_init_file(&out->antenna, def, values, given, def->file_key ? file : NULL,
                                 run_freq_ghz, &e2) != INTERF_OK)
        return antenna_error(c, &e2);
    return INTERF_OK;
}

/* --- [beam NAME] ------------------------------------------------------------------------- */

static const char *const beam_keys[] = {"antenna", "pointing", "orientation_deg", "power_dbw",
                                        "eirp_dbw"};
static const char *const beam_off_nadir_keys[] = {"off_nadir_deg", "azimuth_deg"};
static const char *const beam_aim_keys[] = {"aim_lat_deg", "aim_lon_deg"};
static const char *const pointing_names[] = {"nadir", "off-nadir", "aim"};

static int is_beam_key(const char *key)
{
    return in_list(key, beam_keys, NKEYS(beam_keys)) ||
           in_list(key, beam_off_nadir_keys, NKEYS(beam_off_nadir_keys)) ||
           in_list(key, beam_aim_keys, NKEYS(beam_aim_keys));
}

static enum interf_status beam_keys_for(const struct sec *c, enum interf_pointing pointing)
{
    const char *allowed[NKEYS(beam_keys) + NKEYS(beam_off_nadir_keys) + NKEYS(beam_aim_keys)];
    size_t n = NKEYS(beam_keys);
    memcpy(allowed, beam_keys, sizeof beam_keys);
    if (pointing == INTERF_POINT_OFF_NADIR) {
        memcpy(allowed + n, beam_off_nadir_keys, sizeof beam_off_nadir_keys);
        n += NKEYS(beam_off_nadir_keys);
    } else if (pointing == INTERF_POINT_AIM) {
        memcpy(allowed + n, beam_aim_keys, sizeof beam_aim_keys);
        n += NKEYS(beam_aim_keys);
    }
    char why[32];
    snprintf(why, sizeof why, "pointing = %s", pointing_names[pointing]);
    return check_keys(c, allowed, n, is_beam_key, why);
}

static enum interf_status beam_pointing(const struct sec *c, struct interf_system_beam *b)
{
    static const struct range off = {0, 90, 0, 0, "deg"}, az = {0, 360, 0, 1, "deg"};
    static const struct range lat = {-90, 90, 0, 0, "deg"}, lon = {-180, 360, 0, 1, "deg"};
    static const struct range orient = {0, 180, 0, 1, "deg"};
    enum interf_status st = INTERF_OK;
    if (b->pointing == INTERF_POINT_OFF_NADIR) {
        if (!interf_ini_find(c->ini, "off_nadir_deg"))
            return missing(c, "off_nadir_deg", "pointing = off-nadir");
        if ((st = get_real(c, "off_nadir_deg", &off, 0, &b->off_nadir_deg)) != INTERF_OK ||
            (st = get_real(c, "azimuth_deg", &az, 0, &b->azimuth_deg)) != INTERF_OK)
            return st;
    } else if (b->pointing == INTERF_POINT_AIM) {
        if (!interf_ini_find(c->ini, "aim_lat_deg"))
            return missing(c, "aim_lat_deg", "pointing = aim");
        if (!interf_ini_find(c->ini, "aim_lon_deg"))
            return missing(c, "aim_lon_deg", "pointing = aim");
        if ((st = get_real(c, "aim_lat_deg", &lat, 0, &b->aim_lat_deg)) != INTERF_OK ||
            (st = get_real(c, "aim_lon_deg", &lon, 0, &b->aim_lon_deg)) != INTERF_OK)
            return st;
    }
    return get_real(c, "orientation_deg", &orient, 0, &b->orientation_deg);
}

/* At most one of keys a and b: *which gets the entry given (NULL for none); giving both is an
 * error on the later line, naming the earlier one ("exactly one" or "at most one" per how). */
static enum interf_status one_of(const struct sec *c, const char *a, const char *b,
                                 const char *how, const struct interf_ini_entry **which)
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

/* Exactly one of power_dbw and eirp_dbw; eirp is turned into the power into the antenna with
 * the pattern's own peak gain, the gain the kernel later multiplies back. */
static enum interf_status beam_power(const struct sec *c, const struct interf_system_antenna *ant,
                                     struct interf_system_beam *b)
{
    static const struct range power = {-100, 100, 0, 0, "dBW"}, eirp = {-100, 150, 0, 0, "dBW"};
    const struct interf_ini_entry *given = NULL;
    enum interf_status st = one_of(c, "power_dbw", "eirp_dbw", "exactly one", &given);
    if (st != INTERF_OK)
        return st;
    if (!given)
        return fail_at(c, c->ini->line, "power_dbw", NULL,
                       "missing (required: power_dbw or eirp_dbw)");
    if (strcmp(given->key, "power_dbw") == 0)
        return get_real(c, "power_dbw", &power, 0, &b->power_dbw);
    double e;
    st = get_real(c, "eirp_dbw", &eirp, 0, &e);
    b->power_dbw = e - ant->antenna.gain_max_dbi;
    return st;
}

static enum interf_status parse_beam(const struct sec *c, struct interf_system_beam *b)
{
    const struct interf_system *sys = c->sys;
    int pointing;
    enum interf_status st =
        get_choice(c, "pointing", pointing_names, NKEYS(pointing_names), 0, &pointing);
    if (st != INTERF_OK)
        return st;
    b->pointing = (enum interf_pointing)pointing;
    if ((st = beam_keys_for(c, b->pointing)) != INTERF_OK)
        return st;
    const struct interf_ini_entry *ant = interf_ini_find(c->ini, "antenna");
    if (!ant)
        return missing(c, "antenna", NULL);
    for (b->antenna = 0; b->antenna < sys->info.n_antennas; b->antenna++)
        if (strcmp(sys->antennas[b->antenna].name, ant->value) == 0)
            break;
    if (b->antenna == sys->info.n_antennas)
        return BAD(c, ant, "no [antenna %s] section", ant->value);
    if ((st = beam_pointing(c, b)) != INTERF_OK)
        return st;
    return beam_power(c, &sys->antennas[b->antenna], b);
}

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
static const char *const orbit_type_names[] = {"walker-delta", "walker-star", "elements", "gso"};

static int is_orbit_key(const char *key)
{
    return in_list(key, orbit_keys, NKEYS(orbit_keys)) ||
           in_list(key, orbit_motion_keys, NKEYS(orbit_motion_keys)) ||
           in_list(key, orbit_walker_keys, NKEYS(orbit_walker_keys)) ||
           in_list(key, orbit_elements_keys, NKEYS(orbit_elements_keys)) ||
           in_list(key, orbit_gso_keys, NKEYS(orbit_gso_keys));
}

static enum interf_status orbit_keys_for(const struct sec *c, enum interf_orbit_type type)
{
    /* room for every list: the type-specific ones differ in length */
    const char *allowed[NKEYS(orbit_keys) + NKEYS(orbit_motion_keys) + NKEYS(orbit_walker_keys) +
                        NKEYS(orbit_elements_keys) + NKEYS(orbit_gso_keys)];
    size_t n = NKEYS(orbit_keys);
    memcpy(allowed, orbit_keys, sizeof orbit_keys);
    if (type != INTERF_ORBIT_GSO) {
        memcpy(allowed + n, orbit_motion_keys, sizeof orbit_motion_keys);
        n += NKEYS(orbit_motion_keys);
    }
    if (type == INTERF_ORBIT_ELEMENTS) {
        memcpy(allowed + n, orbit_elements_keys, sizeof orbit_elements_keys);
        n += NKEYS(orbit_elements_keys);
    } else if (type == INTERF_ORBIT_GSO) {
        memcpy(allowed + n, orbit_gso_keys, sizeof orbit_gso_keys);
        n += NKEYS(orbit_gso_keys);
    } else {
        memcpy(allowed + n, orbit_walker_keys, sizeof orbit_walker_keys);
        n += NKEYS(orbit_walker_keys);
    }
    char why[32];
    snprintf(why, sizeof why, "type = %s", orbit_type_names[type]);
    return check_keys(c, allowed, n, is_orbit_key, why);
}

/* Each required key of the list, in order, or the first one missing. */
static enum interf_status need_all(const struct sec *c, const char *const *keys, size_t n,
                                   const char *why)
{
    for (size_t k = 0; k < n; k++)
        if (!interf_ini_find(c->ini, keys[k]))
            return missing(c, keys[k], why);
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
        (st = get_real(c, "altitude_km", &alt, 0, &alt_km)) != INTERF_OK ||
        (st = get_real(c, "inclination_deg", &inc, 0, &inc_deg)) != INTERF_OK ||
        (st = get_int(c, "satellites", 1, 100000, 1, &t)) != INTERF_OK ||
        (st = get_int(c, "planes", 1, t, 1, &o->pub.planes)) != INTERF_OK)
        return st;
    if (t % o->pub.planes != 0)
        return BAD(c, interf_ini_find(c->ini, "planes"), "does not divide satellites = %d", t);
    if ((st = get_int(c, "phasing", 0, o->pub.planes - 1, 0, &o->pub.phasing)) != INTERF_OK ||
        (st = get_real(c, "raan0_deg", &raan, 0, &raan_deg)) != INTERF_OK)
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
    enum interf_status st = one_of(c, "semi_major_axis_km", "altitude_km", "exactly one", &given);
    if (st != INTERF_OK)
        return st;
    if (!given)
        return fail_at(c, c->ini->line, "semi_major_axis_km", NULL,
                       "missing (required for type = elements: semi_major_axis_km or "
                       "altitude_km)");
    *circular = strcmp(given->key, "altitude_km") == 0;
    if (!*circular)
        return get_real(c, "semi_major_axis_km", &sma, 0, a_km);
    double h;
    st = get_real(c, "altitude_km", &alt, 0, &h);
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
        return warn(c, ee, "below 0.01, taken as 0 (Rec. ITU-R S.1503-4 §B5.1)");
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
        return missing(c, "inclination_deg", "type = elements");
    const struct interf_ini_entry *anom = NULL;
    if ((st = one_of(c, "mean_anomaly_deg", "true_anomaly_deg", "at most one", &anom)) !=
        INTERF_OK)
        return st;
    const struct interf_ini_entry *te =
        anom && strcmp(anom->key, "true_anomaly_deg") == 0 ? anom : NULL;
    if ((st = get_real(c, "eccentricity", &ecc, 0, &el->e)) != INTERF_OK ||
        (st = get_real(c, "inclination_deg", &inc, 0, &inc_deg)) != INTERF_OK ||
        (st = get_real(c, "lan_deg", &ang, 0, &lan_deg)) != INTERF_OK ||
        (st = get_real(c, "arg_perigee_deg", &ang, 0, &argp_deg)) != INTERF_OK ||
        (st = get_real(c, te ? te->key : "mean_anomaly_deg", &ang, 0, &anom_deg)) != INTERF_OK ||
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
        return missing(c, "longitude_deg", "type = gso");
    enum interf_status st = get_real(c, "longitude_deg", &lon, 0, &lon_deg);
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
    if ((st = get_choice(c, "j2", yes_no, 2, 0, &no_j2)) != INTERF_OK ||
        (st = get_real(c, "precession_deg_per_day", &prec, 0, &prec_deg_day)) != INTERF_OK ||
        (st = get_real(c, "station_keeping_deg", &sk, 0, &sk_deg)) != INTERF_OK)
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
    const char *slash = strrchr(c->path, '/');
    int len;
    if (ent->value[0] == '/' || !slash)
        len = snprintf(o->schedule_file, sizeof o->schedule_file, "%s", ent->value);
    else
        len = snprintf(o->schedule_file, sizeof o->schedule_file, "%.*s/%s",
                       (int)(slash - c->path), c->path, ent->value);
    if (len < 0 || (size_t)len >= sizeof o->schedule_file)
        return BAD(c, ent, "path longer than %d bytes", INTERF_PATH_MAX - 1);
    struct stat sb;
    char text[128];
    if (stat(o->schedule_file, &sb) != 0)
        return BAD(c, ent, "%s (looked for %s)", errno_text(errno, text, sizeof text),
                   o->schedule_file);
    if (S_ISDIR(sb.st_mode))
        return BAD(c, ent, "is a folder, not a file (looked for %s)", o->schedule_file);
    return INTERF_OK;
}

static enum interf_status parse_orbit(const struct sec *c, struct orbit_slot *o)
{
    static const struct range elev = {0, 90, 0, 0, "deg"}, avoid = {0, 180, 0, 0, "deg"};
    struct interf_system_orbit *pub = &o->pub;
    int type;
    if (!interf_ini_find(c->ini, "type"))
        return missing(c, "type", NULL);
    enum interf_status st =
        get_choice(c, "type", orbit_type_names, NKEYS(orbit_type_names), 0, &type);
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
    else
        st = parse_gso(c, o);
    if (st != INTERF_OK)
        return st;
    if (pub->type != INTERF_ORBIT_GSO && (st = orbit_motion(c, &pub->options)) != INTERF_OK)
        return st;
    if ((st = orbit_beams(c, pub)) != INTERF_OK ||
        (st = get_real(c, "min_elevation_deg", &elev, 0, &pub->min_elevation_deg)) != INTERF_OK ||
        (st = get_real(c, "gso_avoidance_deg", &avoid, 0, &pub->gso_avoidance_deg)) != INTERF_OK)
        return st;
    return orbit_schedule(c, pub);
}

/* --- [earth-station] --------------------------------------------------------------------- */

static const char *const es_keys[] = {"dish_m", "pattern", "gso_lon"};

static enum interf_status parse_earth_station(const struct sec *c,
                                              struct interf_system_earth_station *es)
{
    static const struct range dish = {0, 100, 1, 0, "m"}, lon = {-180, 360, 0, 1, "deg"};
    enum interf_status st = check_keys(c, es_keys, NKEYS(es_keys), NULL, NULL);
    if (st != INTERF_OK || (st = get_real(c, "dish_m", &dish, 0, &es->dish_m)) != INTERF_OK)
        return st;
    es->given = 1;
    es->gso_lon_same = 1;
    const struct interf_ini_entry *pe = interf_ini_find(c->ini, "pattern");
    if (pe) {
        char names[256];
        if (!interf_pattern_find(pe->value))
            return BAD(c, pe, "unknown pattern (allowed: %s)",
                       interf_pattern_names(names, sizeof names));
        if ((st = get_text(c, pe, es->pattern, sizeof es->pattern)) != INTERF_OK)
            return st;
    }
    const struct interf_ini_entry *ge = interf_ini_find(c->ini, "gso_lon");
    if (ge && strcmp(ge->value, "same") != 0) {
        if (!interf_parse_real(ge->value, &es->gso_lon_deg))
            return BAD(c, ge, "expected same or a longitude in deg");
        if ((st = check_range(c, ge, es->gso_lon_deg, &lon)) != INTERF_OK)
            return st;
        es->gso_lon_same = 0;
    }
    return INTERF_OK;
}

/* --- the whole file ---------------------------------------------------------------------- */

enum kind { K_SYSTEM, K_EARTH_STATION, K_ANTENNA, K_BEAM, K_ORBIT, K_COUNT };
static const char *const kind_names[K_COUNT] = {"system", "earth-station", "antenna", "beam",
                                                "orbit"};

static void sec_init(struct sec *c, const char *path, const struct interf_ini_section *ini,
                     struct interf_system *sys, struct interf_error *err)
{
    c->path = path;
    c->ini = ini;
    c->sys = sys;
    c->err = err;
    interf_ini_label(ini, c->label, sizeof c->label);
}

static int kind_of(const struct interf_ini_section *s)
{
    for (int k = 0; k < K_COUNT; k++)
        if (strcmp(s->kind, kind_names[k]) == 0)
            return k;
    return -1;
}

/* Section kinds and names, then how many of each (into count[]) and the one-[system] rule. */
static enum interf_status check_sections(const char *path, const struct interf_ini *ini,
                                         size_t count[K_COUNT], struct interf_error *err)
{
    for (size_t i = 0; i < ini->n_sections; i++) {
        const struct interf_ini_section *s = &ini->sections[i];
        struct sec c;
        sec_init(&c, path, s, NULL, err);
        int k = kind_of(s);
        if (k < 0)
            return fail_at(&c, s->line, NULL, NULL, "unknown section kind (allowed: system, "
                                                    "earth-station, antenna, beam, orbit)");
        if (k <= K_EARTH_STATION && s->name[0])
            return fail_at(&c, s->line, NULL, NULL, "takes no NAME (write [%s])", s->kind);
        if (k > K_EARTH_STATION && !s->name[0])
            return fail_at(&c, s->line, NULL, NULL, "missing NAME (write [%s NAME])", s->kind);
        if (strlen(s->name) >= INTERF_NAME_MAX)
            return fail_at(&c, s->line, NULL, NULL, "NAME longer than %d bytes",
                           INTERF_NAME_MAX - 1);
        count[k]++;
    }
    /* Repeats of [system] were already refused by the reader (same kind and name). */
    if (count[K_SYSTEM] == 0)
        return interf_error_set(err, INTERF_EINPUT, "%s:1: [system]: missing section (required)",
                                path);
    if (count[K_ORBIT] == 0)
        return interf_error_set(err, INTERF_EINPUT,
                                "%s:1: [orbit]: missing section (at least one is required)",
                                path);
    return INTERF_OK;
}

static enum interf_status allocate(struct interf_system *sys, const size_t count[K_COUNT],
                                   const char *path, struct interf_error *err)
{
    /* calloc(0) may return NULL: ask for at least one element. */
    sys->antennas = calloc(count[K_ANTENNA] + 1, sizeof *sys->antennas);
    sys->beams = calloc(count[K_BEAM] + 1, sizeof *sys->beams);
    sys->orbits = calloc(count[K_ORBIT] + 1, sizeof *sys->orbits);
    if (!sys->antennas || !sys->beams || !sys->orbits)
        return interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", path);
    return INTERF_OK;
}

/* Satellites of a whole system (each orbit group holds at most 100 000). */
#define SYSTEM_MAX_SATS 1000000

/* Sections of one kind, in file order, each through its parser. */
static enum interf_status parse_kind(const char *path, const struct interf_ini *ini, int kind,
                                     struct interf_system *sys, struct interf_error *err)
{
    struct interf_system_info *info = &sys->info;
    enum interf_status st = INTERF_OK;
    for (size_t i = 0; i < ini->n_sections && st == INTERF_OK; i++) {
        const struct interf_ini_section *s = &ini->sections[i];
        struct sec c;
        if (kind_of(s) != kind)
            continue;
        sec_init(&c, path, s, sys, err);
        if ((st = no_empty_values(&c)) != INTERF_OK)
            break;
        if (kind == K_SYSTEM) {
            st = parse_system(&c, info);
        } else if (kind == K_EARTH_STATION) {
            st = parse_earth_station(&c, &sys->es);
        } else if (kind == K_ANTENNA) {
            struct interf_system_antenna *a = &sys->antennas[info->n_antennas];
            snprintf(a->name, sizeof a->name, "%s", s->name);
            a->line = s->line;
            if ((st = parse_antenna(&c, info->freq_ghz, a)) == INTERF_OK)
                info->n_antennas++;
        } else if (kind == K_BEAM) {
            struct interf_system_beam *b = &sys->beams[info->n_beams];
            snprintf(b->name, sizeof b->name, "%s", s->name);
            b->line = s->line;
            if ((st = parse_beam(&c, b)) == INTERF_OK)
                info->n_beams++;
        } else {
            struct orbit_slot *o = &sys->orbits[info->n_orbits];
            snprintf(o->pub.name, sizeof o->pub.name, "%s", s->name);
            o->pub.line = s->line;
            o->pub.first_sat = info->n_sats;
            if ((st = parse_orbit(&c, o)) == INTERF_OK) {
                info->n_orbits++;
                info->n_sats += o->pub.n_sats;
            }
            /* the constellation takes about 200 bytes a satellite: refuse a file that asks
             * for more than a megasatellite before anything is allocated for it */
            if (st == INTERF_OK && info->n_sats > SYSTEM_MAX_SATS)
                st = interf_error_set(err, INTERF_EINPUT,
                                      "%s:%d: [orbit %s] satellites: the system reaches %zu "
                                      "satellites (about %.0f MB), more than %d in all",
                                      path, s->line, s->name, info->n_sats,
                                      (double)info->n_sats * 200 / 1e6, SYSTEM_MAX_SATS);
        }
    }
    return st;
}

/* All satellites, numbered in file order; in a Walker group satellite j of plane p is
 * first_sat + p S + j (S = T/P), labelled with its plane; single satellites carry plane -1. */
static enum interf_status build_constellation(struct interf_system *sys, struct interf_error *err)
{
    enum interf_status st = interf_constellation_create(sys->info.n_sats, &sys->constellation, err);
    for (size_t g = 0; g < sys->info.n_orbits && st == INTERF_OK; g++) {
        const struct orbit_slot *o = &sys->orbits[g];
        const struct interf_system_orbit *pub = &o->pub;
        if (pub->type == INTERF_ORBIT_ELEMENTS || pub->type == INTERF_ORBIT_GSO) {
            st = interf_constellation_add(sys->constellation, &o->el, &pub->options, -1, NULL,
                                          err);
            continue;
        }
        enum interf_walker_kind kind = pub->type == INTERF_ORBIT_WALKER_STAR
                                           ? INTERF_WALKER_STAR
                                           : INTERF_WALKER_DELTA;
        int t = (int)pub->n_sats, per_plane = t / pub->planes;
        for (int p = 0; p < pub->planes && st == INTERF_OK; p++) {
            for (int j = 0; j < per_plane && st == INTERF_OK; j++) {
                struct interf_elements el;
                interf_walker_elements(kind, o->a_km, o->i_rad, t, pub->planes, pub->phasing,
                                       o->lan0_rad, p, j, &el);
                st = interf_constellation_add(sys->constellation, &el, &pub->options, p, NULL,
                                              err);
            }
        }
    }
    return st;
}

static enum interf_status load(const char *path, struct interf_system *sys,
                               struct interf_error *err)
{
    struct interf_ini ini;
    size_t count[K_COUNT] = {0};
    enum interf_status st = interf_ini_load(path, &ini, err);
    if (st != INTERF_OK)
        return st;
    if ((st = check_sections(path, &ini, count, err)) != INTERF_OK ||
        (st = allocate(sys, count, path, err)) != INTERF_OK)
        goto done;
    sys->es.gso_lon_same = 1; /* the default, also without an [earth-station] section */
    /* [system] first: antennas need its frequency; then antennas before the beams that name
     * them and beams before the orbits that carry them, so sections may come in any order. */
    static const int order[K_COUNT] = {K_SYSTEM, K_ANTENNA, K_BEAM, K_ORBIT, K_EARTH_STATION};
    for (int k = 0; k < K_COUNT && st == INTERF_OK; k++)
        st = parse_kind(path, &ini, order[k], sys, err);
    if (st == INTERF_OK)
        st = build_constellation(sys, err);
done:
    interf_ini_free(&ini);
    return st;
}

enum interf_status interf_system_load(const char *path, struct interf_system **out,
                                      struct interf_error *err)
{
    enum interf_status st;
    if (!path || !out)
        return interf_error_set(err, INTERF_EINVAL, "interf_system_load: NULL argument");
    *out = NULL;
    if (strlen(path) >= INTERF_PATH_MAX)
        return interf_error_set(err, INTERF_EINPUT, "%.64s...: path longer than %d bytes", path,
                                INTERF_PATH_MAX - 1);
    /* strtod and the %g of messages follow LC_NUMERIC: parse in "C" whatever the caller's
     * locale is, for this thread only (uselocale, not setlocale). */
    locale_t c_num = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    if (c_num == (locale_t)0)
        return interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", path);
    locale_t old = uselocale(c_num);
    struct interf_system *sys = calloc(1, sizeof *sys);
    if (!sys) {
        st = interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", path);
        goto fail;
    }
    memcpy(sys->info.path, path, strlen(path) + 1);
    if ((st = load(path, sys, err)) != INTERF_OK)
        goto fail;
    uselocale(old);
    freelocale(c_num);
    *out = sys;
    return INTERF_OK;
fail:
    interf_system_destroy(sys);
    uselocale(old);
    freelocale(c_num);
    return st;
}

void interf_system_destroy(struct interf_system *sys)
{
    if (!sys)
        return;
    interf_constellation_destroy(sys->constellation);
    for (size_t i = 0; sys->antennas && i < sys->info.n_antennas; i++)
        interf_antenna_release(&sys->antennas[i].antenna); /* a table pattern's data */
    free(sys->antennas);
    free(sys->beams);
    free(sys->orbits);
    free(sys->warnings);
    free(sys);
}

/* --- read access ------------------------------------------------------------------------- */

const struct interf_system_info *interf_system_info(const struct interf_system *sys)
{
    return sys ? &sys->info : NULL;
}

const struct interf_system_antenna *interf_system_antenna(const struct interf_system *s, size_t i)
{
    return s && i < s->info.n_antennas ? &s->antennas[i] : NULL;
}

const struct interf_system_beam *interf_system_beam(const struct interf_system *s, size_t i)
{
    return s && i < s->info.n_beams ? &s->beams[i] : NULL;
}

const struct interf_system_orbit *interf_system_orbit(const struct interf_system *s, size_t i)
{
    return s && i < s->info.n_orbits ? &s->orbits[i].pub : NULL;
}

const struct interf_system_earth_station *
interf_system_earth_station(const struct interf_system *s)
{
    return s ? &s->es : NULL;
}

void interf_system_set_run(struct interf_system *s, double t_run_s)
{
    interf_constellation_set_run(s->constellation, t_run_s);
}

const struct interf_constellation *interf_system_constellation(const struct interf_system *s)
{
    return s ? s->constellation : NULL;
}

size_t interf_system_warning_count(const struct interf_system *s)
{
    return s ? s->n_warnings : 0;
}

const char *interf_system_warning(const struct interf_system *s, size_t i)
{
    return s && i < s->n_warnings ? s->warnings[i].msg : NULL;
}

size_t interf_system_sat_orbit(const struct interf_system *s, size_t sat)
{
    if (!s || sat >= s->info.n_sats)
        return s ? s->info.n_orbits : 0;
    /* Groups hold consecutive satellites in file order: the last group starting at or before
     * sat is its own. */
    size_t lo = 0, hi = s->info.n_orbits;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->orbits[mid].pub.first_sat <= sat)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}
