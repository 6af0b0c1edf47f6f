/* SPDX-License-Identifier: MIT */
/* interf system: orbit groups given by data files rather than elements: type = tle (two-line
 * element sets, SGP4/SDP4 of AIAA 2006-6753) and type = oem (the objects of a CCSDS 502.0-B-3
 * Orbit Ephemeris Message). The files are read here, so that their errors come out located. */
#include "system_impl.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Satellites of one group, as for a Walker group. */
#define GROUP_MAX_SATS 100000
/* Beyond this distance from their epochs, element sets are stale (SGP4 errors grow by about a
 * kilometre or more a day: Vallado et al., AIAA 2006-6753 §I). */
#define TLE_STALE_DAYS 30.0

void orbit_slot_free(struct orbit_slot *o)
{
    sys_orbit_exam_release(&o->pub.exam);
    interf_tle_list_free(&o->tles);
    interf_oem_destroy(o->oem);
    o->oem = NULL;
    free(o->objects);
    o->objects = NULL;
}

/* The data file of key (tle_file or oem_file), resolved and opened. */
static enum interf_status open_data(const struct sec *c, const char *key, char *path, size_t n,
                                    FILE **fp)
{
    const struct interf_ini_entry *ent = interf_ini_find(c->ini, key);
    if (!ent)
        return sys_missing(c, key, strcmp(key, "tle_file") ? "type = oem" : "type = tle");
    enum interf_status st = sys_resolve_path(c, ent, path, n);
    if (st != INTERF_OK)
        return st;
    char text[128];
    if (!(*fp = fopen(path, "r")))
        return BAD(c, ent, "%s (looked for %s)", sys_errno_text(errno, text, sizeof text), path);
    return INTERF_OK;
}

/* A reader's own located message, passed through after the key that names the file. */
static enum interf_status reader_error(const struct sec *c, const char *key,
                                       const struct interf_error *e2)
{
    const struct interf_ini_entry *ent = interf_ini_find(c->ini, key);
    return interf_error_set(c->err, e2->status, "%s:%d: %s %s: %s", c->path, ent->line, c->label,
                            key, e2->msg);
}

/* objects = PATTERN[, PATTERN...] into patterns (pointers into buf); 0 patterns when absent. */
static enum interf_status object_patterns(const struct sec *c, char *buf, size_t n_buf,
                                          const char **patterns, size_t max, size_t *n)
{
    const struct interf_ini_entry *ent = interf_ini_find(c->ini, "objects");
    *n = 0;
    if (!ent)
        return INTERF_OK;
    if (strlen(ent->value) >= n_buf)
        return BAD(c, ent, "longer than %zu bytes", n_buf - 1);
    memcpy(buf, ent->value, strlen(ent->value) + 1);
    for (char *p = buf; p;) {
        char *comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        p += strspn(p, " \t");
        size_t len = strlen(p);
        while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
            p[--len] = '\0';
        if (len == 0)
            return BAD(c, ent, "empty name in the list");
        if (*n == max)
            return BAD(c, ent, "more than %zu names", max);
        patterns[(*n)++] = p;
        p = comma ? comma + 1 : NULL;
    }
    return INTERF_OK;
}

#define MAX_PATTERNS 256
#define PATTERNS_TEXT 4096

/* What a tle or oem group starts from: its objects patterns and its open data file. */
struct group_input {
    const char *patterns[MAX_PATTERNS];
    char buf[PATTERNS_TEXT];
    size_t n_patterns;
    FILE *fp;
};

static enum interf_status open_group(const struct sec *c, const char *key, struct orbit_slot *o,
                                     struct group_input *in)
{
    enum interf_status st = object_patterns(c, in->buf, sizeof in->buf, in->patterns,
                                            MAX_PATTERNS, &in->n_patterns);
    if (st != INTERF_OK)
        return st;
    return open_data(c, key, o->pub.data_file, sizeof o->pub.data_file, &in->fp);
}

/* A warning when the system's epoch is far from the element sets' epochs. */
static enum interf_status tle_age(const struct sec *c, const struct interf_tle_list *l)
{
    double epoch = c->sys->info.epoch_unix_s, worst = 0;
    for (size_t k = 0; k < l->n; k++)
        worst = fmax(worst, fabs(epoch - l->tle[k].epoch_unix_s) / 86400.0);
    if (worst <= TLE_STALE_DAYS)
        return INTERF_OK;
    return sys_warn(c, interf_ini_find(c->ini, "tle_file"),
                    "the system's epoch_utc is up to %.0f days from the element sets' epochs: "
                    "SGP4's error grows by a kilometre or more a day", worst);
}

enum interf_status parse_tle(const struct sec *c, struct orbit_slot *o)
{
    struct interf_tle_list all;
    struct interf_error e2 = {INTERF_OK, ""};
    struct group_input in;
    enum interf_status st = open_group(c, "tle_file", o, &in);
    if (st != INTERF_OK)
        return st;
    interf_tle_list_init(&all);
    st = interf_tle_read(in.fp, o->pub.data_file, 0, &all, &e2);
    fclose(in.fp);
    if (st != INTERF_OK) {
        interf_tle_list_free(&all);
        return reader_error(c, "tle_file", &e2);
    }
    if (all.n == 0)
        st = BAD(c, interf_ini_find(c->ini, "tle_file"), "no element set in %s",
                 o->pub.data_file);
    else if (in.n_patterns == 0)
        o->tles = all, interf_tle_list_init(&all);
    else if ((st = interf_tle_select(&all, in.patterns, in.n_patterns, &o->tles, &e2)) != 0)
        st = BAD(c, interf_ini_find(c->ini, "objects"), "%s in %s", e2.msg, o->pub.data_file);
    interf_tle_list_free(&all);
    if (st == INTERF_OK && o->tles.n > GROUP_MAX_SATS)
        st = BAD(c, interf_ini_find(c->ini, "tle_file"), "%zu element sets, more than %d in one "
                 "group", o->tles.n, GROUP_MAX_SATS);
    if (st == INTERF_OK)
        st = tle_age(c, &o->tles);
    o->pub.n_sats = o->tles.n;
    return st;
}

/* The distinct OBJECT_NAMEs of the message, in order, that match one of the patterns (all when
 * there are none); each pattern must match one. */
static enum interf_status oem_select(const struct sec *c, struct orbit_slot *o,
                                     const char *const *patterns, size_t n_patterns)
{
    size_t n_seg = interf_oem_segment_count(o->oem), n = 0;
    int *hit = calloc(n_patterns + 1, sizeof *hit);
    if (!hit || !(o->objects = malloc((n_seg + 1) * sizeof *o->objects))) {
        free(hit);
        return interf_error_set(c->err, INTERF_ENOMEM, "%s: out of memory", c->path);
    }
    for (size_t s = 0; s < n_seg; s++) {
        struct interf_oem_segment_info in;
        interf_oem_segment(o->oem, s, &in, NULL);
        size_t j = 0, p = 0;
        while (j < n && strcmp(o->objects[j], in.object_name) != 0)
            j++;
        for (size_t q = 0; q < n_patterns; q++)
            if (interf_name_match(patterns[q], in.object_name))
                hit[q] = 1, p++;
        if (j == n && (p || !n_patterns))
            o->objects[n++] = in.object_name;
    }
    o->pub.n_sats = n;
    for (size_t q = 0; q < n_patterns; q++)
        if (!hit[q]) {
            free(hit);
            return BAD(c, interf_ini_find(c->ini, "objects"), "%s: no OBJECT_NAME matches in %s",
                       patterns[q], o->pub.data_file);
        }
    free(hit);
    return INTERF_OK;
}

/* The reader's notes as warnings, and one when the epoch is outside an object's spans. */
static enum interf_status oem_warnings(const struct sec *c, const struct orbit_slot *o)
{
    const struct interf_ini_entry *ent = interf_ini_find(c->ini, "oem_file");
    const char *notes = interf_oem_notes(o->oem);
    enum interf_status st = INTERF_OK;
    while (*notes && st == INTERF_OK) {
        size_t len = strcspn(notes, "\n");
        st = sys_warn(c, ent, "%.*s", (int)len, notes);
        notes += len + (notes[len] == '\n');
    }
    struct interf_jd utc;
    double r[3], v[3];
    interf_jd_from_unix(c->sys->info.epoch_unix_s, &utc);
    for (size_t k = 0; k < o->pub.n_sats && st == INTERF_OK; k++) {
        struct interf_error e2 = {INTERF_OK, ""};
        if (interf_oem_interpolate(o->oem, o->objects[k], &utc, r, v, &e2) != INTERF_OK)
            st = sys_warn(c, ent, "the system's epoch_utc: %s", e2.msg);
    }
    return st;
}

enum interf_status parse_oem(const struct sec *c, struct orbit_slot *o)
{
    struct interf_error e2 = {INTERF_OK, ""};
    struct group_input in;
    enum interf_status st = open_group(c, "oem_file", o, &in);
    if (st != INTERF_OK)
        return st;
    st = interf_oem_read(in.fp, o->pub.data_file, &o->oem, &e2);
    fclose(in.fp);
    if (st != INTERF_OK)
        return reader_error(c, "oem_file", &e2);
    if ((st = oem_select(c, o, in.patterns, in.n_patterns)) != INTERF_OK)
        return st;
    if (o->pub.n_sats > GROUP_MAX_SATS)
        return BAD(c, interf_ini_find(c->ini, "oem_file"), "%zu objects, more than %d in one "
                   "group", o->pub.n_sats, GROUP_MAX_SATS);
    return oem_warnings(c, o);
}
