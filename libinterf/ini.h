/* SPDX-License-Identifier: MIT */
/* interf ini (private, never installed): the small INI-style reader behind system files. It keeps
 * what libinih loses: the line of every header and entry, repeated sections (an error here), `#`
 * inside values (part of the value) and lines of any length. It knows nothing of section kinds or
 * keys: that is system.c's job. */
#ifndef INTERF_INI_H
#define INTERF_INI_H

#include <stddef.h>

#include "interf/core.h"

/* One `key = value` line: key and value trimmed, value possibly empty. */
struct interf_ini_entry {
    const char *key;
    const char *value;
    int line;
};

/* One `[kind]` or `[kind NAME]` header and the entries up to the next header, in file order.
 * name is "" when the header has none. */
struct interf_ini_section {
    const char *kind;
    const char *name;
    int line;
    const struct interf_ini_entry *entries;
    size_t n_entries;
};

/* A parsed file. Every string points into text, which the struct owns. */
struct interf_ini {
    char *text;
    struct interf_ini_section *sections;
    size_t n_sections;
    struct interf_ini_entry *entries; /* all entries, in file order (sections point into it) */
    size_t n_entries;
    unsigned char sha256[32];         /* of the file's bytes (interf_ini_load) */
};

/* Read and parse the file at path (messages name it as given; "-" is standard input, named
 * "<stdin>" in messages), and hash its bytes (sha256). Errors: INTERF_EIO when the file
 * cannot be opened or read ("PATH: No such file or directory"); INTERF_EINPUT for a NUL byte, a
 * malformed line (no '=', empty key, unterminated '[', a bad section name), an entry before the
 * first header, a repeated section (same kind and name) or a key given twice in one section,
 * each as "PATH:LINE: ...". An empty file is not an error here (no sections). On success *ini
 * must be released with interf_ini_free; on failure it holds nothing. */
enum interf_status interf_ini_load(const char *path, struct interf_ini *ini,
                                   struct interf_error *err);

/* The same from memory: data[0..len) is copied; path only names the source in messages. */
enum interf_status interf_ini_parse(const char *path, const char *data, size_t len,
                                    struct interf_ini *ini, struct interf_error *err);

/* Release what a successful load or parse holds and zero *ini. NULL or zeroed: no-op. */
void interf_ini_free(struct interf_ini *ini);

/* The section as messages show it: "[system]" or "[orbit shell1]", into buf of size n. */
char *interf_ini_label(const struct interf_ini_section *sec, char *buf, size_t n);

/* The entry of sec with this key, or NULL. */
const struct interf_ini_entry *interf_ini_find(const struct interf_ini_section *sec,
                                               const char *key);

#endif
