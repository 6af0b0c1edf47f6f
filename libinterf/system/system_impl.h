/* SPDX-License-Identifier: MIT */
/* Private to the system layer: the loaded system, the section being read, and the helpers every
 * section parser uses (located messages, key checks, typed values). */
#ifndef INTERF_SYSTEM_IMPL_H
#define INTERF_SYSTEM_IMPL_H

#include <stdarg.h>
#include <stddef.h>

#include "ini.h"
#include "interf/system.h"

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
    struct interf_tle_list tles;   /* tle: the selected element sets */
    struct interf_oem *oem;        /* oem: the message, until the constellation takes it */
    const char **objects;          /* oem: the selected OBJECT_NAMEs (the message's strings) */
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

struct range {
    double min, max;
    int open_min, open_max; /* 1: the bound itself is excluded */
    const char *unit;       /* "" for none */
};

/* Messages: "PATH:LINE: [kind NAME] key: value: detail" (key and value optional). */
void sys_append(char *buf, size_t n, size_t *pos, const char *fmt, ...) INTERF_PRINTF(4, 5);
enum interf_status sys_fail_at(const struct sec *c, int line, const char *key, const char *value,
                               const char *fmt, ...) INTERF_PRINTF(5, 6);
/* The usual case: something is wrong with one entry's value. */
#define BAD(c, ent, ...) sys_fail_at((c), (ent)->line, (ent)->key, (ent)->value, __VA_ARGS__)
/* A required key is absent: located at the section header. */
enum interf_status sys_missing(const struct sec *c, const char *key, const char *why);
/* A located warning kept with the system. */
enum interf_status sys_warn(const struct sec *c, const struct interf_ini_entry *ent,
                            const char *fmt, ...) INTERF_PRINTF(3, 4);

/* Keys: membership, an unknown key (with the nearest known one), the section's keys against a
 * list, no empty values. */
int sys_in_list(const char *key, const char *const *list, size_t n);
enum interf_status sys_unknown_key(const struct sec *c, const struct interf_ini_entry *ent,
                                   const char *const *allowed, size_t n);
enum interf_status sys_check_keys(const struct sec *c, const char *const *allowed, size_t n,
                                  int (*known)(const char *key), const char *why);
/* At most one of keys a and b: *which gets the entry given (NULL for none); giving both is an
 * error on the later line, naming the earlier one ("exactly one" or "at most one" per how). */
enum interf_status sys_one_of(const struct sec *c, const char *a, const char *b, const char *how,
                              const struct interf_ini_entry **which);
enum interf_status sys_no_empty_values(const struct sec *c);

/* Values: a number in a range, an integer, one of names, text into a fixed field. */
enum interf_status sys_check_range(const struct sec *c, const struct interf_ini_entry *ent,
                                   double v, const struct range *r);
enum interf_status sys_get_real(const struct sec *c, const char *key, const struct range *r,
                                double def, double *out);
enum interf_status sys_get_int(const struct sec *c, const char *key, int min, int max, int def,
                               int *out);
enum interf_status sys_get_choice(const struct sec *c, const char *key, const char *const *names,
                                  size_t n, int def, int *out);
enum interf_status sys_get_text(const struct sec *c, const struct interf_ini_entry *ent,
                                char *out, size_t n);
const char *sys_errno_text(int errnum, char *buf, size_t n);
/* A file named by entry ent, relative to the system file's folder unless absolute, into out
 * (size n). */
enum interf_status sys_resolve_path(const struct sec *c, const struct interf_ini_entry *ent,
                                    char *out, size_t n);

/* The section parsers (sections.c, orbit.c). */
enum interf_status parse_system(const struct sec *c, struct interf_system_info *info);
enum interf_status parse_antenna(const struct sec *c, double run_freq_ghz,
                                 struct interf_system_antenna *a);
enum interf_status parse_beam(const struct sec *c, struct interf_system_beam *b);
enum interf_status parse_earth_station(const struct sec *c,
                                       struct interf_system_earth_station *es);
enum interf_status parse_orbit(const struct sec *c, struct orbit_slot *o);
/* type = tle and type = oem (orbit_data.c); what they hold is freed by orbit_slot_free. */
enum interf_status parse_tle(const struct sec *c, struct orbit_slot *o);
enum interf_status parse_oem(const struct sec *c, struct orbit_slot *o);
/* Free what an orbit group holds beyond its slot: element sets, ephemerides, the examination's
 * tables. */
void orbit_slot_free(struct orbit_slot *o);

/* The examination's keys of [orbit NAME] (orbit_exam.c): their names (allowed for every type
 * but gso), the parser (after the orbit's motion keys; on failure it holds nothing) and the
 * release of what it read. */
#define SYS_ORBIT_EXAM_NKEYS 18
extern const char *const sys_orbit_exam_keys[SYS_ORBIT_EXAM_NKEYS];
enum interf_status parse_orbit_exam(const struct sec *c, struct orbit_slot *o);
void sys_orbit_exam_release(struct interf_orbit_exam *x);

#endif
