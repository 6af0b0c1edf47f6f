/* SPDX-License-Identifier: MIT */
/* interf ini: the INI-style reader of system files (see ini.h and interf-system(5)). The whole
 * file is read into one buffer that is then cut in place, so a parse costs three allocations
 * whatever the file's size, and no line length limit exists. */
#include "ini.h"

#include "interf/io.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static int is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Section kinds are words such as earth-station; names add _ and . (shell-1.a). */
static int is_word(const char *s, const char *extra)
{
    if (*s == '\0')
        return 0;
    for (; *s; s++)
        if (!is_alnum(*s) && !strchr(extra, *s))
            return 0;
    return 1;
}

char *interf_ini_label(const struct interf_ini_section *sec, char *buf, size_t n)
{
    if (sec->name[0])
        snprintf(buf, n, "[%s %s]", sec->kind, sec->name);
    else
        snprintf(buf, n, "[%s]", sec->kind);
    return buf;
}

const struct interf_ini_entry *interf_ini_find(const struct interf_ini_section *sec,
                                               const char *key)
{
    for (size_t k = 0; k < sec->n_entries; k++)
        if (strcmp(sec->entries[k].key, key) == 0)
            return &sec->entries[k];
    return NULL;
}

void interf_ini_free(struct interf_ini *ini)
{
    if (!ini)
        return;
    free(ini->text);
    free(ini->sections);
    free(ini->entries);
    memset(ini, 0, sizeof *ini);
}

/* Cut [s, e) out of its line: trim blanks at both ends and terminate it. */
static char *trim(char *s, char *e)
{
    while (s < e && is_blank(*s))
        s++;
    while (e > s && is_blank(e[-1]))
        e--;
    *e = '\0';
    return s;
}

/* The parse in progress: the output plus what messages need. */
struct reader {
    const char *path;
    struct interf_ini *ini;
    struct interf_error *err;
};

static enum interf_status read_header(struct reader *r, char *s, char *e, int line)
{
    struct interf_ini *ini = r->ini;
    if (e[-1] != ']') {
        if (strchr(s, ']'))
            return interf_error_set(r->err, INTERF_EINPUT,
                                    "%s:%d: text after ']' of a section header", r->path, line);
        return interf_error_set(r->err, INTERF_EINPUT,
                                "%s:%d: unterminated section header (no closing ']')", r->path,
                                line);
    }
    char *kind = trim(s + 1, e - 1);
    char *p = kind;
    while (*p && !is_blank(*p))
        p++;
    char *name = "";
    if (*p) {
        *p = '\0';
        name = trim(p + 1, p + 1 + strlen(p + 1));
    }
    if (!is_word(kind, "-"))
        return interf_error_set(r->err, INTERF_EINPUT,
                                "%s:%d: [%s]: section kind must be a word of letters, digits, -",
                                r->path, line, kind);
    if (name[0] && !is_word(name, "-_."))
        return interf_error_set(r->err, INTERF_EINPUT,
                                "%s:%d: [%s %s]: section NAME may hold letters, digits, - _ . only",
                                r->path, line, kind, name);
    for (size_t k = 0; k < ini->n_sections; k++) {
        const struct interf_ini_section *o = &ini->sections[k];
        if (strcmp(o->kind, kind) == 0 && strcmp(o->name, name) == 0) {
            char label[160];
            return interf_error_set(r->err, INTERF_EINPUT,
                                    "%s:%d: %s: duplicate section (first at line %d)", r->path,
                                    line, interf_ini_label(o, label, sizeof label), o->line);
        }
    }
    struct interf_ini_section *sec = &ini->sections[ini->n_sections++];
    sec->kind = kind;
    sec->name = name;
    sec->line = line;
    /* The entry array never moves (sized for every line up front), so this pointer stays good. */
    sec->entries = &ini->entries[ini->n_entries];
    sec->n_entries = 0;
    return INTERF_OK;
}

static enum interf_status read_entry(struct reader *r, char *s, char *e, int line)
{
    struct interf_ini *ini = r->ini;
    struct interf_ini_section *sec = ini->n_sections ? &ini->sections[ini->n_sections - 1] : NULL;
    /* Messages name the section the line is in, as every system-file message does. */
    char label[160] = "";
    if (sec) {
        label[0] = ' ';
        interf_ini_label(sec, label + 1, sizeof label - 1);
    }
    char *eq = strchr(s, '=');
    if (!eq)
        return interf_error_set(r->err, INTERF_EINPUT,
                                "%s:%d:%s%s expected 'key = value' or a [section] header, got "
                                "'%.40s%s'",
                                r->path, line, label, sec ? ":" : "", s,
                                strlen(s) > 40 ? "..." : "");
    char *key = trim(s, eq);
    char *value = trim(eq + 1, e);
    if (key[0] == '\0')
        return interf_error_set(r->err, INTERF_EINPUT, "%s:%d:%s: empty key before '='", r->path,
                                line, label);
    if (!sec)
        return interf_error_set(r->err, INTERF_EINPUT,
                                "%s:%d: %s: key before the first [section] header", r->path, line,
                                key);
    const struct interf_ini_entry *old = interf_ini_find(sec, key);
    if (old)
        return interf_error_set(r->err, INTERF_EINPUT,
                                "%s:%d:%s %s: given twice (first at line %d)", r->path, line,
                                label, key, old->line);
    struct interf_ini_entry *ent = &ini->entries[ini->n_entries++];
    ent->key = key;
    ent->value = value;
    ent->line = line;
    sec->n_entries++;
    return INTERF_OK;
}

/* One line, [s, e), with *e writable (the '\n' or the buffer's terminator). */
static enum interf_status read_line(struct reader *r, char *s, char *e, int line)
{
    s = trim(s, e);
    e = s + strlen(s);
    /* Comments only on their own line: a '#' inside a value stays part of it (spec). */
    if (*s == '\0' || *s == '#' || *s == ';')
        return INTERF_OK;
    if (*s == '[')
        return read_header(r, s, e, line);
    return read_entry(r, s, e, line);
}

/* Parse buf[0..len) (buf[len] == '\0'), taking ownership of buf whatever happens. */
static enum interf_status parse_owned(const char *path, char *buf, size_t len,
                                      struct interf_ini *ini, struct interf_error *err)
{
    enum interf_status st;
    memset(ini, 0, sizeof *ini);
    ini->text = buf;
    char *nul = memchr(buf, '\0', len);
    if (nul) {
        int line = 1;
        for (const char *p = buf; p < nul; p++)
            line += *p == '\n';
        st = interf_error_set(err, INTERF_EINPUT, "%s:%d: NUL byte (not a text file?)", path,
                              line);
        goto fail;
    }
    /* Every line holds at most one header or entry: size both arrays for that once. */
    size_t n_lines = 1;
    for (const char *p = buf; (p = memchr(p, '\n', (size_t)(buf + len - p))) != NULL; p++)
        n_lines++;
    ini->sections = calloc(n_lines, sizeof *ini->sections);
    ini->entries = calloc(n_lines, sizeof *ini->entries);
    if (!ini->sections || !ini->entries) {
        st = interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", path);
        goto fail;
    }
    struct reader r = {path, ini, err};
    char *p = buf, *end = buf + len;
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3; /* a UTF-8 byte order mark, as some Windows editors write */
    for (int line = 1; p <= end; line++) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *e = nl ? nl : end;
        st = read_line(&r, p, e, line);
        if (st != INTERF_OK)
            goto fail;
        p = e + 1;
    }
    return INTERF_OK;
fail:
    interf_ini_free(ini);
    return st;
}

enum interf_status interf_ini_parse(const char *path, const char *data, size_t len,
                                    struct interf_ini *ini, struct interf_error *err)
{
    char *buf = malloc(len + 1);
    if (!buf) {
        memset(ini, 0, sizeof *ini);
        return interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", path);
    }
    if (len)
        memcpy(buf, data, len);
    buf[len] = '\0';
    return parse_owned(path, buf, len, ini, err);
}

static enum interf_status io_error(const char *path, int errnum, struct interf_error *err)
{
    char text[128];
    if (strerror_r(errnum, text, sizeof text) != 0)
        snprintf(text, sizeof text, "error %d", errnum);
    return interf_error_set(err, INTERF_EIO, "%s: %s", path, text);
}

enum interf_status interf_ini_load(const char *path, struct interf_ini *ini,
                                   struct interf_error *err)
{
    enum interf_status st;
    char *buf = NULL;
    size_t len = 0, cap = 0;
    memset(ini, 0, sizeof *ini);
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f)
        return io_error(path, errno, err);
    errno = 0;
    for (;;) {
        if (cap - len < 2) {
            size_t ncap = cap ? cap * 2 : 65536;
            char *nbuf = realloc(buf, ncap);
            if (!nbuf) {
                st = interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", path);
                goto fail;
            }
            buf = nbuf;
            cap = ncap;
        }
        /* Leave one byte for the terminator parse_owned needs. */
        size_t got = fread(buf + len, 1, cap - len - 1, f);
        len += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        /* fread sets errno on glibc (EISDIR for a folder); 0 would print "Success". */
        st = io_error(path, errno ? errno : EIO, err);
        goto fail;
    }
    if (!is_stdin)
        fclose(f);
    buf[len] = '\0';
    unsigned char h[32];
    interf_sha256(buf, len, h);
    st = parse_owned(is_stdin ? "<stdin>" : path, buf, len, ini, err);
    memcpy(ini->sha256, h, sizeof h);
    return st;
fail:
    if (!is_stdin)
        fclose(f);
    free(buf);
    return st;
}
