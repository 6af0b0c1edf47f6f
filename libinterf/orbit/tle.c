/* SPDX-License-Identifier: MIT */
/* Reader of NORAD two-line element sets, in two-line and three-line (name line first) form:
 * every field from its fixed columns, the modulo-10 checksum of each line, Alpha-5 catalogue
 * numbers; and the selection of sets by name pattern or catalogue number. Column layout of
 * Spacetrack Report #3 (Hoots and Roehrich, 1980) as distributed by CelesTrak. */
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interf/orbit.h"

#define TLE_COLUMNS 69

struct reader {
    const char *name;
    unsigned flags;
    struct interf_error *err;
};

/* "NAME:LINE:COLUMN: FIELD: what" */
INTERF_PRINTF(5, 6)
static enum interf_status bad(const struct reader *r, long line, int col, const char *field,
                              const char *fmt, ...)
{
    char what[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return interf_error_set(r->err, INTERF_EINPUT, "%s:%ld:%d: %s: %s", r->name, line, col, field,
                            what);
}

void interf_tle_list_init(struct interf_tle_list *list) { *list = (struct interf_tle_list){0}; }

void interf_tle_list_free(struct interf_tle_list *list)
{
    free(list->tle);
    interf_tle_list_init(list);
}

static enum interf_status list_push(struct interf_tle_list *l, const struct interf_tle *t)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 16;
        struct interf_tle *p = realloc(l->tle, cap * sizeof *p);
        if (!p)
            return INTERF_ENOMEM;
        l->tle = p;
        l->cap = cap;
    }
    l->tle[l->n++] = *t;
    return INTERF_OK;
}

/* One line of a set: its text (at least 69 columns), number in the file and a field table. */
struct tline {
    const char *s;
    long no;
};

/* A field: columns c0..c1 (1-based, inclusive) and its name for messages. */
struct field {
    int c0, c1;
    const char *name;
};

/* Decimal number "[blanks][sign]digits[.digits]" or "[sign].digits" in the field's columns,
 * read without the locale: the digits form an integer m, exact in a double, and m / 10^k is
 * rounded once, as strtod would. */
static enum interf_status decimal(const struct reader *r, const struct tline *l,
                                  struct field f, double *out)
{
    const char *s = l->s + f.c0 - 1;
    int n = f.c1 - f.c0 + 1, i = 0, digits = 0, frac = -1;
    double sign = 1.0, pow10 = 1.0;
    uint64_t m = 0;
    while (i < n && s[i] == ' ')
        i++;
    if (i < n && (s[i] == '-' || s[i] == '+'))
        sign = s[i++] == '-' ? -1.0 : 1.0;
    for (; i < n; i++) {
        if (s[i] == '.' && frac < 0) {
            frac = 0;
        } else if (isdigit((unsigned char)s[i])) {
            m = 10 * m + (uint64_t)(s[i] - '0');
            digits++;
            if (frac >= 0)
                frac++, pow10 *= 10.0;
        } else {
            return bad(r, l->no, f.c0 + i, f.name, "'%c' in \"%.*s\": expected a decimal number",
                       s[i], n, s);
        }
    }
    if (digits == 0)
        return bad(r, l->no, f.c0, f.name, "\"%.*s\": expected a decimal number", n, s);
    *out = sign * ((double)m / pow10);
    return INTERF_OK;
}

/* Non-negative integer right-aligned in the field (leading blanks allowed, none when
 * blank_ok is 0 and the field is all blanks). */
static enum interf_status integer(const struct reader *r, const struct tline *l, struct field f,
                                  int blank_ok, long *out)
{
    const char *s = l->s + f.c0 - 1;
    int n = f.c1 - f.c0 + 1, i = 0;
    long v = 0;
    while (i < n && s[i] == ' ')
        i++;
    if (i == n && !blank_ok)
        return bad(r, l->no, f.c0, f.name, "blank: expected digits");
    for (; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return bad(r, l->no, f.c0 + i, f.name, "'%c' in \"%.*s\": expected digits", s[i], n,
                       s);
        v = 10 * v + (s[i] - '0');
    }
    *out = v;
    return INTERF_OK;
}

/* "[sign]NNNNN[sign]N": +-0.NNNNN times ten to the +-N (columns 45-52 and 54-61 of line 1). The
 * mantissa is rounded once, then scaled by a correctly rounded power of ten, as the reference
 * reader does. */
static enum interf_status implied(const struct reader *r, const struct tline *l, struct field f,
                                  double *out)
{
    const char *s = l->s + f.c0 - 1;
    double sign = 1.0;
    if (s[0] == '-')
        sign = -1.0;
    else if (s[0] != ' ' && s[0] != '+')
        return bad(r, l->no, f.c0, f.name, "'%c': expected a sign or a blank", s[0]);
    long m = 0;
    for (int i = 1; i <= 5; i++) {
        if (!isdigit((unsigned char)s[i]))
            return bad(r, l->no, f.c0 + i, f.name,
                       "\"%.8s\": expected five digits, a sign and a digit (e.g. \"-12345-4\")", s);
        m = 10 * m + (s[i] - '0');
    }
    if ((s[6] != '-' && s[6] != '+') || !isdigit((unsigned char)s[7]))
        return bad(r, l->no, f.c0 + 6, f.name, "\"%.8s\": expected an exponent such as -4 or +0",
                   s);
    double p = 1.0;
    for (int k = 0; k < s[7] - '0'; k++)
        p *= 10.0;
    *out = sign * ((double)m / 1e5) * (s[6] == '-' ? 1.0 / p : p);
    return INTERF_OK;
}

/* Catalogue number of columns 3-7: five digits (leading blanks allowed) or Alpha-5, a letter
 * other than I and O for the ten-thousands 10..33 and four digits. */
static enum interf_status catalog(const struct reader *r, const struct tline *l, long *out)
{
    static const char alpha5[] = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    struct field f = {3, 7, "catalog number"};
    const char *s = l->s + 2, *p = isupper((unsigned char)s[0]) ? strchr(alpha5, s[0]) : NULL;
    if (!p)
        return integer(r, l, f, 0, out);
    struct field rest = {4, 7, "catalog number"};
    long v = 0;
    if (integer(r, l, rest, 0, &v) || s[1] == ' ')
        return bad(r, l->no, 4, f.name, "\"%.5s\": expected a letter and four digits", s);
    *out = (10 + (p - alpha5)) * 10000L + v;
    return INTERF_OK;
}

/* The columns that separate fields must be blank. */
static enum interf_status blanks(const struct reader *r, const struct tline *l, const int *cols,
                                 int n)
{
    for (int k = 0; k < n; k++)
        if (l->s[cols[k] - 1] != ' ')
            return bad(r, l->no, cols[k], "format", "'%c': expected a blank between fields",
                       l->s[cols[k] - 1]);
    return INTERF_OK;
}

/* Line number, length, printable ASCII, separators and the modulo-10 checksum: the digits of
 * columns 1-68 plus one per minus sign, modulo 10, in column 69. */
static enum interf_status frame(const struct reader *r, const struct tline *l, char which,
                                const int *seps, int n_seps)
{
    size_t len = strlen(l->s);
    if (len < TLE_COLUMNS)
        return bad(r, l->no, (int)len + 1, "line", "ends at column %zu: a line %c has %d columns",
                   len, which, TLE_COLUMNS);
    for (int c = 0; c < TLE_COLUMNS; c++)
        if (l->s[c] < 0x20 || l->s[c] > 0x7e)
            return bad(r, l->no, c + 1, "line", "byte 0x%02x: expected printable ASCII",
                       (unsigned char)l->s[c]);
    if (l->s[0] != which || l->s[1] != ' ')
        return bad(r, l->no, 1, "line number", "\"%.2s\": expected \"%c \"", l->s, which);
    enum interf_status st = blanks(r, l, seps, n_seps);
    if (st || (r->flags & INTERF_TLE_NO_CHECKSUM))
        return st;
    int sum = 0;
    for (int c = 0; c < TLE_COLUMNS - 1; c++)
        sum += isdigit((unsigned char)l->s[c]) ? l->s[c] - '0' : l->s[c] == '-';
    char want = (char)('0' + sum % 10);
    if (l->s[TLE_COLUMNS - 1] != want)
        return bad(r, l->no, TLE_COLUMNS, "checksum", "'%c', but columns 1-68 give %c",
                   l->s[TLE_COLUMNS - 1], want);
    return INTERF_OK;
}

/* The epoch as a Julian date split in two and in POSIX seconds (years 1957-2056; every fourth
 * year is a leap year there). */
static void epoch_times(struct interf_tle *t)
{
    long y = t->epoch_year;
    long d1970 = 365 * (y - 1970) + (y - 1969 >= 0 ? (y - 1969) / 4 : -((1972 - y) / 4));
    double day = (double)(long)t->epoch_day; /* epoch_day >= 1 */
    double days = (double)d1970 + (day - 1.0);
    t->epoch_jd = 2440587.5 + days;
    t->epoch_jd_frac = t->epoch_day - day;
    t->epoch_unix_s = days * 86400.0 + t->epoch_jd_frac * 86400.0;
}

/* A range check on a parsed number. */
static enum interf_status range(const struct reader *r, const struct tline *l, struct field f,
                                double v, double lo, double hi, int hi_open)
{
    if (v >= lo && (hi_open ? v < hi : v <= hi))
        return INTERF_OK;
    return bad(r, l->no, f.c0, f.name, "%g: allowed range %g to %g%s", v, lo, hi,
               hi_open ? " (exclusive)" : "");
}

static enum interf_status line1(const struct reader *r, const struct tline *l,
                                struct interf_tle *t)
{
    static const int seps[] = {9, 18, 33, 44, 53, 62, 64};
    const struct field year = {19, 20, "epoch year"}, day = {21, 32, "epoch day"},
                       ndot = {34, 43, "ndot"}, nddot = {45, 52, "nddot"},
                       bstar = {54, 61, "bstar"}, eph = {63, 63, "ephemeris type"},
                       elset = {65, 68, "element set number"};
    enum interf_status st = frame(r, l, '1', seps, sizeof seps / sizeof seps[0]);
    long yy, e, n;
    if (st || (st = catalog(r, l, &t->catalog_number)))
        return st;
    char cls = l->s[7];
    if (cls != 'U' && cls != 'C' && cls != 'S' && cls != ' ')
        return bad(r, l->no, 8, "classification", "'%c': expected U, C or S", cls);
    t->classification = cls == ' ' ? 'U' : cls;
    /* international designator: launch year, launch number, piece (or all blank) */
    const char *id = l->s + 9;
    int blank = strspn(id, " ") >= 8;
    if (!blank && (!isdigit((unsigned char)id[0]) || !isdigit((unsigned char)id[1]) ||
                   !isdigit((unsigned char)id[2]) || !isdigit((unsigned char)id[3]) ||
                   !isdigit((unsigned char)id[4]) || !isupper((unsigned char)id[5]) ||
                   !(id[6] == ' ' || isupper((unsigned char)id[6])) ||
                   !(id[7] == ' ' || isupper((unsigned char)id[7]))))
        return bad(r, l->no, 10, "international designator",
                   "\"%.8s\": expected year, launch number and piece, e.g. \"98067A  \"", id);
    int len = 8;
    while (len > 0 && id[len - 1] == ' ')
        len--;
    memcpy(t->intl_designator, id, (size_t)len);
    t->intl_designator[len] = '\0';
    if ((st = integer(r, l, year, 0, &yy)) || (st = decimal(r, l, day, &t->epoch_day)) ||
        (st = range(r, l, day, t->epoch_day, 1.0, 367.0, 1)) ||
        (st = decimal(r, l, ndot, &t->ndot_rev_day2)) ||
        (st = implied(r, l, nddot, &t->nddot_rev_day3)) ||
        (st = implied(r, l, bstar, &t->bstar_per_er)) || (st = integer(r, l, eph, 1, &e)) ||
        (st = integer(r, l, elset, 1, &n)))
        return st;
    t->epoch_year = (int)(yy < 57 ? 2000 + yy : 1900 + yy);
    t->ephemeris_type = (int)e;
    t->element_set_number = (int)n;
    epoch_times(t);
    return INTERF_OK;
}

/* Eccentricity, columns 27-33: seven digits after an implied decimal point (blanks read as
 * zeros, as the reference reader does). */
static enum interf_status eccentricity(const struct reader *r, const struct tline *l,
                                       double *out)
{
    const char *s = l->s + 26;
    long m = 0;
    int digits = 0;
    for (int i = 0; i < 7; i++) {
        if (s[i] != ' ' && !isdigit((unsigned char)s[i]))
            return bad(r, l->no, 27 + i, "eccentricity",
                       "'%c' in \"%.7s\": expected seven digits (decimal point implied)", s[i], s);
        digits += s[i] != ' ';
        m = 10 * m + (s[i] == ' ' ? 0 : s[i] - '0');
    }
    if (!digits)
        return bad(r, l->no, 27, "eccentricity", "blank: expected seven digits");
    *out = (double)m / 1e7;
    return INTERF_OK;
}

static enum interf_status line2(const struct reader *r, const struct tline *l,
                                struct interf_tle *t)
{
    static const int seps[] = {8, 17, 26, 34, 43, 52};
    const struct field incl = {9, 16, "inclination"}, raan = {18, 25, "right ascension"},
                       argp = {35, 42, "argument of perigee"}, ma = {44, 51, "mean anomaly"},
                       mm = {53, 63, "mean motion"}, rev = {64, 68, "revolution number"};
    enum interf_status st = frame(r, l, '2', seps, sizeof seps / sizeof seps[0]);
    long num;
    if (st || (st = catalog(r, l, &num)))
        return st;
    if (num != t->catalog_number)
        return bad(r, l->no, 3, "catalog number", "%ld, but line 1 has %ld", num,
                   t->catalog_number);
    if ((st = decimal(r, l, incl, &t->inclination_deg)) ||
        (st = range(r, l, incl, t->inclination_deg, 0.0, 180.0, 0)) ||
        (st = decimal(r, l, raan, &t->raan_deg)) ||
        (st = range(r, l, raan, t->raan_deg, 0.0, 360.0, 0)) ||
        (st = eccentricity(r, l, &t->eccentricity)) ||
        (st = decimal(r, l, argp, &t->argp_deg)) ||
        (st = range(r, l, argp, t->argp_deg, 0.0, 360.0, 0)) ||
        (st = decimal(r, l, ma, &t->mean_anomaly_deg)) ||
        (st = range(r, l, ma, t->mean_anomaly_deg, 0.0, 360.0, 0)) ||
        (st = decimal(r, l, mm, &t->mean_motion_rev_day)) ||
        (st = integer(r, l, rev, 1, &t->revolution_number)))
        return st;
    if (!(t->mean_motion_rev_day > 0.0))
        return bad(r, l->no, mm.c0, mm.name, "%g: must be positive", t->mean_motion_rev_day);
    return INTERF_OK;
}

/* A name line: without a "0 " prefix and trailing blanks. */
static enum interf_status name_line(const struct reader *r, const char *s, long no, char *name)
{
    if (s[0] == '0' && s[1] == ' ')
        s += 2;
    size_t len = strlen(s);
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    if (len >= sizeof ((struct interf_tle *)0)->name)
        return bad(r, no, 1, "name", "%zu characters: at most %zu", len,
                   sizeof ((struct interf_tle *)0)->name - 1);
    for (size_t k = 0; k < len; k++)
        if ((unsigned char)s[k] < 0x20 && s[k] != '\t')
            return bad(r, no, (int)k + 1, "name", "control character 0x%02x",
                       (unsigned char)s[k]);
    memcpy(name, s, len);
    name[len] = '\0';
    return INTERF_OK;
}

/* The next line without its CR LF or LF; 0 at the end of the file, -1 on a NUL byte. */
static int next_line(FILE *fp, char **line, size_t *cap, long *no)
{
    ssize_t len = getline(line, cap, fp);
    if (len < 0)
        return 0;
    (*no)++;
    if (strlen(*line) != (size_t)len)
        return -1;
    (*line)[strcspn(*line, "\n")] = '\0';
    len = (ssize_t)strlen(*line);
    if (len > 0 && (*line)[len - 1] == '\r')
        (*line)[len - 1] = '\0';
    return 1;
}

/* Lines 1 and 2 of one set; line 1 is in *line. */
static enum interf_status read_set(const struct reader *r, FILE *fp, char **line, size_t *cap,
                                   long *no, struct interf_tle *t)
{
    struct tline l1 = {*line, *no};
    enum interf_status st = line1(r, &l1, t);
    if (st)
        return st;
    t->line = *no;
    int got = next_line(fp, line, cap, no);
    if (got < 0)
        return bad(r, *no, (int)strlen(*line) + 1, "line", "a NUL byte");
    if (got == 0 || (*line)[0] != '2')
        return bad(r, got ? *no : *no + 1, 1, "line 2",
                   got ? "expected line 2 of element set %ld" : "missing for element set %ld",
                   t->catalog_number);
    struct tline l2 = {*line, *no};
    return line2(r, &l2, t);
}

enum interf_status interf_tle_read(FILE *fp, const char *name, unsigned flags,
                                   struct interf_tle_list *out, struct interf_error *err)
{
    struct reader r = {name, flags, err};
    size_t n0 = out->n, cap = 0;
    char *line = NULL;
    long no = 0, name_no = 0;
    struct interf_tle t = {0};
    enum interf_status st = INTERF_OK;
    int got;
    while (st == INTERF_OK && (got = next_line(fp, &line, &cap, &no)) != 0) {
        if (got < 0) {
            st = bad(&r, no, (int)strlen(line) + 1, "line", "a NUL byte");
        } else if (line[0] == '1' && line[1] == ' ') {
            if ((st = read_set(&r, fp, &line, &cap, &no, &t)) == INTERF_OK &&
                list_push(out, &t) != INTERF_OK)
                st = interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", name);
            t = (struct interf_tle){0};
            name_no = 0;
        } else if (name_no) {
            st = bad(&r, no, 1, "line 1", "expected line 1 of \"%s\" (line %ld)", t.name,
                     name_no);
        } else if (line[strspn(line, " \t")] == '\0' || line[0] == '#') {
            continue;
        } else if (line[0] == '2' && line[1] == ' ') {
            st = bad(&r, no, 1, "line 2", "without a line 1 before it");
        } else if ((st = name_line(&r, line, no, t.name)) == INTERF_OK) {
            name_no = no;
        }
    }
    if (st == INTERF_OK && ferror(fp))
        st = interf_error_set(err, INTERF_EIO, "%s: read error", name);
    if (st == INTERF_OK && name_no)
        st = bad(&r, name_no, 1, "name", "\"%s\" is not followed by an element set", t.name);
    free(line);
    if (st)
        out->n = n0;
    return st;
}

long interf_tle_catalog_number(const char *p)
{
    static const char alpha5[] = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    size_t n = strlen(p);
    if (n >= 1 && n <= 9 && strspn(p, "0123456789") == n)
        return strtol(p, NULL, 10);
    const char *a = isupper((unsigned char)p[0]) ? strchr(alpha5, p[0]) : NULL;
    if (a && n == 5 && strspn(p + 1, "0123456789") == 4)
        return (10 + (a - alpha5)) * 10000L + strtol(p + 1, NULL, 10);
    return -1;
}

int interf_tle_match(const struct interf_tle *tle, const char *pattern)
{
    long num = interf_tle_catalog_number(pattern);
    return num >= 0 ? tle->catalog_number == num : interf_name_match(pattern, tle->name);
}

enum interf_status interf_tle_select(const struct interf_tle_list *in,
                                     const char *const *patterns, size_t n_patterns,
                                     struct interf_tle_list *out, struct interf_error *err)
{
    for (size_t p = 0; p < n_patterns; p++) {
        size_t k = 0;
        while (k < in->n && !interf_tle_match(&in->tle[k], patterns[p]))
            k++;
        if (k == in->n)
            return interf_error_set(err, INTERF_EINPUT, "%s: no element set matches",
                                    patterns[p]);
    }
    size_t n0 = out->n;
    for (size_t k = 0; k < in->n; k++) {
        size_t p = 0;
        while (p < n_patterns && !interf_tle_match(&in->tle[k], patterns[p]))
            p++;
        if (p < n_patterns && list_push(out, &in->tle[k]) != INTERF_OK) {
            out->n = n0;
            return interf_error_set(err, INTERF_ENOMEM, "selection: out of memory");
        }
    }
    return INTERF_OK;
}
