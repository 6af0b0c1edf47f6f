/* SPDX-License-Identifier: MIT */
/* interf system: the [system], [antenna NAME], [beam NAME] and [earth-station] sections. Input
 * checks follow Rec. ITU-R S.1503-4 (09/2023) §B5.1; the run frequency its §D2.1. */
#include "system_impl.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

enum interf_status parse_system(const struct sec *c, struct interf_system_info *info)
{
    static const struct range bw = {0, 1e7, 1, 0, "kHz"};
    enum interf_status st = sys_check_keys(c, system_keys, NKEYS(system_keys), NULL, NULL);
    if (st != INTERF_OK)
        return st;
    const struct interf_ini_entry *ent = interf_ini_find(c->ini, "name");
    if (!ent)
        return sys_missing(c, "name", NULL);
    if ((st = sys_get_text(c, ent, info->name, sizeof info->name)) != INTERF_OK)
        return st;
    info->epoch_unix_s = DEFAULT_EPOCH_UNIX_S;
    ent = interf_ini_find(c->ini, "epoch_utc");
    if (ent) {
        struct interf_error e2 = {INTERF_OK, ""};
        if (interf_time_parse_utc(ent->value, &info->epoch_unix_s, &e2) != INTERF_OK)
            return sys_fail_at(c, ent->line, ent->key, NULL, "%s", e2.msg); /* e2 shows the value */
    }
    if ((st = get_band(c, info)) != INTERF_OK)
        return st;
    if ((st = sys_get_real(c, "ref_bandwidth_khz", &bw, 40.0, &info->ref_bandwidth_khz)) != INTERF_OK)
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
        return sys_missing(c, def->file_key, why);
    return sys_resolve_path(c, ent, path, n);
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

enum interf_status parse_antenna(const struct sec *c, double run_freq_ghz,
                                        struct interf_system_antenna *out)
{
    const struct interf_ini_entry *pe = interf_ini_find(c->ini, "pattern");
    if (!pe)
        return sys_missing(c, "pattern", NULL);
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
    enum interf_status st = sys_check_keys(c, allowed, nallowed, is_pattern_key, why);
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
            return sys_missing(c, def->keys[k].name, why);
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
                                        "eirp_dbw", "channels"};
static const char *const beam_off_nadir_keys[] = {"off_nadir_deg", "azimuth_deg"};
static const char *const beam_aim_keys[] = {"aim_lat_deg", "aim_lon_deg"};
static const char *const pointing_names[] = {"nadir", "off-nadir", "aim"};

static int is_beam_key(const char *key)
{
    return sys_in_list(key, beam_keys, NKEYS(beam_keys)) ||
           sys_in_list(key, beam_off_nadir_keys, NKEYS(beam_off_nadir_keys)) ||
           sys_in_list(key, beam_aim_keys, NKEYS(beam_aim_keys));
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
    return sys_check_keys(c, allowed, n, is_beam_key, why);
}

static enum interf_status beam_pointing(const struct sec *c, struct interf_system_beam *b)
{
    static const struct range off = {0, 90, 0, 0, "deg"}, az = {0, 360, 0, 1, "deg"};
    static const struct range lat = {-90, 90, 0, 0, "deg"}, lon = {-180, 360, 0, 1, "deg"};
    static const struct range orient = {0, 180, 0, 1, "deg"};
    enum interf_status st = INTERF_OK;
    if (b->pointing == INTERF_POINT_OFF_NADIR) {
        if (!interf_ini_find(c->ini, "off_nadir_deg"))
            return sys_missing(c, "off_nadir_deg", "pointing = off-nadir");
        if ((st = sys_get_real(c, "off_nadir_deg", &off, 0, &b->off_nadir_deg)) != INTERF_OK ||
            (st = sys_get_real(c, "azimuth_deg", &az, 0, &b->azimuth_deg)) != INTERF_OK)
            return st;
    } else if (b->pointing == INTERF_POINT_AIM) {
        if (!interf_ini_find(c->ini, "aim_lat_deg"))
            return sys_missing(c, "aim_lat_deg", "pointing = aim");
        if (!interf_ini_find(c->ini, "aim_lon_deg"))
            return sys_missing(c, "aim_lon_deg", "pointing = aim");
        if ((st = sys_get_real(c, "aim_lat_deg", &lat, 0, &b->aim_lat_deg)) != INTERF_OK ||
            (st = sys_get_real(c, "aim_lon_deg", &lon, 0, &b->aim_lon_deg)) != INTERF_OK)
            return st;
    }
    return sys_get_real(c, "orientation_deg", &orient, 0, &b->orientation_deg);
}


/* Exactly one of power_dbw and eirp_dbw; eirp is turned into the power into the antenna with
 * the pattern's own peak gain, the gain the kernel later multiplies back. */
static enum interf_status beam_power(const struct sec *c, const struct interf_system_antenna *ant,
                                     struct interf_system_beam *b)
{
    static const struct range power = {-100, 100, 0, 0, "dBW"}, eirp = {-100, 150, 0, 0, "dBW"};
    const struct interf_ini_entry *given = NULL;
    enum interf_status st = sys_one_of(c, "power_dbw", "eirp_dbw", "exactly one", &given);
    if (st != INTERF_OK)
        return st;
    if (!given)
        return sys_fail_at(c, c->ini->line, "power_dbw", NULL,
                       "missing (required: power_dbw or eirp_dbw)");
    if (strcmp(given->key, "power_dbw") == 0)
        return sys_get_real(c, "power_dbw", &power, 0, &b->power_dbw);
    double e;
    st = sys_get_real(c, "eirp_dbw", &eirp, 0, &e);
    b->power_dbw = e - ant->antenna.gain_max_dbi;
    return st;
}

/* channels = LO-HI:PSD, ... (GHz, dB(W) in the reference bandwidth): the beam's spectrum. */
static enum interf_status beam_channels(const struct sec *c, struct interf_system_beam *b)
{
    static const struct range psd = {-100, 100, 0, 0, "dBW"};
    const struct interf_ini_entry *ent = interf_ini_find(c->ini, "channels");
    if (!ent)
        return INTERF_OK;
    const char *s = ent->value;
    while (*s) {
        const char *end = strchr(s, ',');
        size_t len = end ? (size_t)(end - s) : strlen(s);
        char item[128], *colon, *dash;
        if (b->n_channels == INTERF_BEAM_CHANNELS_MAX)
            return BAD(c, ent, "more than %d channels", INTERF_BEAM_CHANNELS_MAX);
        if (len >= sizeof item)
            return BAD(c, ent, "channel %zu: too long", b->n_channels + 1);
        size_t n = 0; /* the item without its blanks */
        for (size_t k = 0; k < len; k++)
            if (s[k] != ' ' && s[k] != '\t')
                item[n++] = s[k];
        item[n] = 0;
        colon = strchr(item, ':');
        dash = colon ? strchr(item + 1, '-') : NULL;
        struct interf_beam_channel *ch = &b->channels[b->n_channels];
        if (!colon || !dash || dash > colon)
            return BAD(c, ent, "channel %zu: expected LO-HI:PSD (GHz, dBW), got \"%s\"",
                       b->n_channels + 1, item);
        *colon = 0, *dash = 0;
        if (!interf_parse_real(item, &ch->lo_ghz) || !interf_parse_real(dash + 1, &ch->hi_ghz) ||
            !(ch->lo_ghz > 0) || !(ch->hi_ghz > ch->lo_ghz) || ch->hi_ghz > 1e4)
            return BAD(c, ent, "channel %zu: expected LO-HI with 0 < LO < HI (GHz)",
                       b->n_channels + 1);
        if (!interf_parse_real(colon + 1, &ch->psd_dbw))
            return BAD(c, ent, "channel %zu: PSD: expected a number (dBW)", b->n_channels + 1);
        enum interf_status st = sys_check_range(c, ent, ch->psd_dbw, &psd);
        if (st != INTERF_OK)
            return st;
        b->n_channels++;
        s = end ? end + 1 : s + len;
    }
    return b->n_channels ? INTERF_OK : BAD(c, ent, "no channel");
}

enum interf_status parse_beam(const struct sec *c, struct interf_system_beam *b)
{
    const struct interf_system *sys = c->sys;
    int pointing;
    enum interf_status st =
        sys_get_choice(c, "pointing", pointing_names, NKEYS(pointing_names), 0, &pointing);
    if (st != INTERF_OK)
        return st;
    b->pointing = (enum interf_pointing)pointing;
    if ((st = beam_keys_for(c, b->pointing)) != INTERF_OK)
        return st;
    const struct interf_ini_entry *ant = interf_ini_find(c->ini, "antenna");
    if (!ant)
        return sys_missing(c, "antenna", NULL);
    for (b->antenna = 0; b->antenna < sys->info.n_antennas; b->antenna++)
        if (strcmp(sys->antennas[b->antenna].name, ant->value) == 0)
            break;
    if (b->antenna == sys->info.n_antennas)
        return BAD(c, ant, "no [antenna %s] section", ant->value);
    if ((st = beam_pointing(c, b)) != INTERF_OK || (st = beam_channels(c, b)) != INTERF_OK)
        return st;
    return beam_power(c, &sys->antennas[b->antenna], b);
}

/* --- [earth-station] --------------------------------------------------------------------- */

static const char *const es_keys[] = {"dish_m", "pattern", "gso_lon"};

enum interf_status parse_earth_station(const struct sec *c,
                                              struct interf_system_earth_station *es)
{
    static const struct range dish = {0, 100, 1, 0, "m"}, lon = {-180, 360, 0, 1, "deg"};
    enum interf_status st = sys_check_keys(c, es_keys, NKEYS(es_keys), NULL, NULL);
    if (st != INTERF_OK || (st = sys_get_real(c, "dish_m", &dish, 0, &es->dish_m)) != INTERF_OK)
        return st;
    es->given = 1;
    es->gso_lon_same = 1;
    const struct interf_ini_entry *pe = interf_ini_find(c->ini, "pattern");
    if (pe) {
        char names[256];
        if (!interf_pattern_find(pe->value))
            return BAD(c, pe, "unknown pattern (allowed: %s)",
                       interf_pattern_names(names, sizeof names));
        if ((st = sys_get_text(c, pe, es->pattern, sizeof es->pattern)) != INTERF_OK)
            return st;
    }
    const struct interf_ini_entry *ge = interf_ini_find(c->ini, "gso_lon");
    if (ge && strcmp(ge->value, "same") != 0) {
        if (!interf_parse_real(ge->value, &es->gso_lon_deg))
            return BAD(c, ge, "expected same or a longitude in deg");
        if ((st = sys_check_range(c, ge, es->gso_lon_deg, &lon)) != INTERF_OK)
            return st;
        es->gso_lon_same = 0;
    }
    return INTERF_OK;
}
