/* SPDX-License-Identifier: MIT */
/* interf system: a system file (interf-system(5)) read by ini.c, its sections checked and parsed in
 * dependency order, the constellation built; and read access to the result. */
#include "system_impl.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
            return sys_fail_at(&c, s->line, NULL, NULL, "unknown section kind (allowed: system, "
                                                    "earth-station, antenna, beam, orbit)");
        if (k <= K_EARTH_STATION && s->name[0])
            return sys_fail_at(&c, s->line, NULL, NULL, "takes no NAME (write [%s])", s->kind);
        if (k > K_EARTH_STATION && !s->name[0])
            return sys_fail_at(&c, s->line, NULL, NULL, "missing NAME (write [%s NAME])", s->kind);
        if (strlen(s->name) >= INTERF_NAME_MAX)
            return sys_fail_at(&c, s->line, NULL, NULL, "NAME longer than %d bytes",
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
        if ((st = sys_no_empty_values(&c)) != INTERF_OK)
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
            } else {
                orbit_slot_free(o); /* not counted: destroy would not see it */
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
    if (st == INTERF_OK)
        interf_constellation_set_epoch(sys->constellation, sys->info.epoch_unix_s);
    for (size_t g = 0; g < sys->info.n_orbits && st == INTERF_OK; g++) {
        struct orbit_slot *o = &sys->orbits[g];
        const struct interf_system_orbit *pub = &o->pub;
        if (pub->type == INTERF_ORBIT_TLE) {
            st = interf_constellation_add_tle(sys->constellation, o->tles.tle, o->tles.n, -1,
                                              NULL, err);
            continue;
        }
        if (pub->type == INTERF_ORBIT_OEM) {
            /* the constellation takes the message (and frees it, whatever happens) */
            st = interf_constellation_add_oem(sys->constellation, o->oem, o->objects,
                                              pub->n_sats, NULL, err);
            o->oem = NULL;
            continue;
        }
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

/* The file's text: read from path, or data[0..len) when data is given ("-" names stdin). */
static enum interf_status read_ini(const char *path, const char *data, size_t len,
                                   struct interf_ini *ini, struct interf_error *err)
{
    if (!data)
        return interf_ini_load(path, ini, err);
    enum interf_status st =
        interf_ini_parse(strcmp(path, "-") ? path : "<stdin>", data, len, ini, err);
    if (st == INTERF_OK)
        interf_sha256(data, len, ini->sha256);
    return st;
}

static enum interf_status load(const char *path, const char *data, size_t len,
                               struct interf_system *sys, struct interf_error *err)
{
    struct interf_ini ini;
    size_t count[K_COUNT] = {0};
    enum interf_status st = read_ini(path, data, len, &ini, err);
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
    for (int i = 0; i < 32; i++)
        snprintf(sys->info.sha256 + 2 * i, 3, "%02x", ini.sha256[i]);
done:
    interf_ini_free(&ini);
    return st;
}

static enum interf_status load_system(const char *path, const char *data, size_t len,
                                      struct interf_system **out, struct interf_error *err)
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
    if ((st = load(path, data, len, sys, err)) != INTERF_OK)
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

enum interf_status interf_system_load(const char *path, struct interf_system **out,
                                      struct interf_error *err)
{
    return load_system(path, NULL, 0, out, err);
}

enum interf_status interf_system_load_buffer(const char *path, const char *data, size_t len,
                                             struct interf_system **out,
                                             struct interf_error *err)
{
    if (!data && len)
        return interf_error_set(err, INTERF_EINVAL, "interf_system_load_buffer: NULL data");
    return load_system(path, data ? data : "", len, out, err);
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
    for (size_t i = 0; sys->orbits && i < sys->info.n_orbits; i++)
        orbit_slot_free(&sys->orbits[i]);
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
