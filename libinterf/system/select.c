/* SPDX-License-Identifier: MIT */
/* interf system: choosing satellites by index, by name pattern or by catalogue number, one
 * grammar for every program that lets a user name satellites. */
#include "system_impl.h"

#include <string.h>

/* A satellite's name for name: patterns: its TLE name or OBJECT_NAME, else its orbit group. */
static const char *sat_name(const struct interf_system *sys, size_t k)
{
    struct interf_sat_ident id;
    interf_constellation_ident(sys->constellation, k, &id);
    return id.name[0] ? id.name : sys->orbits[interf_system_sat_orbit(sys, k)].pub.name;
}

/* Does satellite k match item (a name pattern, or a catalogue number when by_number)? */
static int matches(const struct interf_system *sys, size_t k, const char *item, long number)
{
    if (number < 0)
        return interf_name_match(item, sat_name(sys, k));
    struct interf_sat_ident id;
    interf_constellation_ident(sys->constellation, k, &id);
    return id.catalog_number == number;
}

/* The comma-separated items after "name:" or "norad:", each choosing at least one satellite. */
static enum interf_status select_items(const struct interf_system *sys, const char *kind,
                                       const char *list, unsigned char *sel,
                                       struct interf_error *err)
{
    char item[INTERF_NAME_MAX + 32];
    int by_number = strcmp(kind, "norad") == 0;
    for (const char *p = list;; p++) {
        size_t len = strcspn(p, ","), hits = 0;
        if (len == 0 || len >= sizeof item)
            return interf_error_set(err, INTERF_EINPUT, "%s:%.60s: expected %s:%s[,...]", kind,
                                    list, kind, by_number ? "NUMBER" : "PATTERN");
        memcpy(item, p, len);
        item[len] = '\0';
        long number = by_number ? interf_tle_catalog_number(item) : -1;
        if (by_number && number < 0)
            return interf_error_set(err, INTERF_EINPUT, "norad:%s: not a catalogue number "
                                    "(digits, or Alpha-5 such as A0001)", item);
        for (size_t k = 0; k < sys->info.n_sats; k++)
            if (matches(sys, k, item, number))
                sel[k] = 1, hits++;
        if (!hits)
            return interf_error_set(err, INTERF_EINPUT, "%s:%s: no satellite has %s", kind, item,
                                    by_number ? "this catalogue number" : "a matching name");
        p += len;
        if (!*p)
            return INTERF_OK;
    }
}

enum interf_status interf_system_select(const struct interf_system *sys, const char *text,
                                        unsigned char *sel, struct interf_error *err)
{
    static const char *const kinds[] = {"name", "norad"};
    size_t n = sys->info.n_sats;
    for (size_t q = 0; q < 2; q++) {
        size_t len = strlen(kinds[q]);
        if (strncmp(text, kinds[q], len) == 0 && text[len] == ':') {
            memset(sel, 0, n);
            return select_items(sys, kinds[q], text + len + 1, sel, err);
        }
    }
    return interf_parse_index_list(text, n, sel, err);
}
