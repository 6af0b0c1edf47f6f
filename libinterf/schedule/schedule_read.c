/* SPDX-License-Identifier: MIT */
/* The schedule table reader (interf-table(5) "Schedule tables"): the schema line
 * "# slot duration_s beam power_dbw", then one row per lit beam and slot, beams by name. Every
 * error names FILE:LINE and the field; numbers are read in the C locale. */
#include "schedule_impl.h"

#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#define SCHEMA "# slot duration_s beam power_dbw"
#define POWER_MIN_DBW (-100.0) /* the range of a beam's power_dbw in the system file */
#define POWER_MAX_DBW 100.0
#define SLOT_MAX 1000000000UL  /* above any schedule the memory limit lets through */

enum { F_SLOT, F_DURATION, F_BEAM, F_POWER, F_N };
static const char *const field_names[F_N] = {"slot", "duration_s", "beam", "power_dbw"};

/* The state of a read: the slots so far (slot-major rows of n_beams floats while reading,
 * transposed at the end) and the current slot's rows. */
struct reader {
    const char *name, *group;
    const char *const *beams;
    size_t n_beams, max_bytes;
    struct interf_error *err;
    double *dur;      /* [cap] */
    float *pw;        /* [cap * n_beams], slot-major */
    size_t n_slots, cap;
    int slot_line;    /* line of the current slot's first row */
    int *beam_line;   /* [n_beams]: line where the current slot lit the beam, 0 if not */
    int dark_line;    /* line of the current slot's "-" row, 0 if none */
};

static enum interf_status bad(struct reader *r, int line, int field, const char *fmt, ...)
    INTERF_PRINTF(4, 5);
static enum interf_status bad(struct reader *r, int line, int field, const char *fmt, ...)
{
    char what[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return interf_error_set(r->err, INTERF_EINPUT, "%s:%d: %s: %s", r->name, line,
                            field < 0 ? "schema" : field_names[field], what);
}

/* Split line into whitespace-separated tokens (in place); a token starting with '#' ends it. */
static int split(char *line, char **tok, int max)
{
    int n = 0;
    char *p = line;
    for (;;) {
        p += strspn(p, " \t\r\n");
        if (!*p || *p == '#')
            return n;
        if (n == max) {
            tok[max] = p; /* the first extra token, for the message */
            return max + 1;
        }
        tok[n++] = p;
        p += strcspn(p, " \t\r\n");
        if (*p)
            *p++ = '\0';
    }
}

/* The schema line: "#" then exactly the four column names. */
static enum interf_status check_schema(struct reader *r, char *line, int lineno)
{
    char copy[256];
    snprintf(copy, sizeof copy, "%s", line);
    copy[strcspn(copy, "\r\n")] = '\0';
    char *p = line + strspn(line, " \t");
    char *tok[F_N + 1];
    int n = *p == '#' ? split(p + 1, tok, F_N) : -1;
    int ok = n == F_N;
    for (int k = 0; ok && k < F_N; k++)
        ok = strcmp(tok[k], field_names[k]) == 0;
    if (ok)
        return INTERF_OK;
    return bad(r, lineno, -1, "\"%.60s\": expected the schema line \"" SCHEMA "\" first", copy);
}

/* A decimal number (strtod in the C locale); 0 if the token is not one. */
static int number(const char *s, double *v)
{
    char *end;
    errno = 0;
    *v = strtod(s, &end);
    if (end == s || *end)
        return 0;
    /* strtod also takes hex; only nan/inf (caught as non-finite later) may hold letters */
    return strspn(s, "0123456789+-.eE") == strlen(s) || !isfinite(*v);
}

static enum interf_status parse_slot(struct reader *r, const char *s, int line, size_t *slot)
{
    if (*s == '\0' || strspn(s, "0123456789") != strlen(s) || strlen(s) > 10)
        return bad(r, line, F_SLOT, "'%.40s': not a slot number (an integer 0, 1, 2, ...)", s);
    unsigned long v = strtoul(s, NULL, 10);
    if (v > SLOT_MAX)
        return bad(r, line, F_SLOT, "%lu: too many slots (at most %lu)", v, SLOT_MAX);
    *slot = (size_t)v;
    return INTERF_OK;
}

static enum interf_status parse_real(struct reader *r, const char *s, int line, int field,
                                     double lo, double hi, int open_lo, const char *unit,
                                     double *v)
{
    if (!number(s, v))
        return bad(r, line, field, "'%.40s': not a number", s);
    if (!isfinite(*v))
        return bad(r, line, field, "%.40s: not a finite number", s);
    if ((open_lo ? *v <= lo : *v < lo) || *v > hi)
        return bad(r, line, field, "%.15g: allowed range %.15g%s to %.15g %s", *v, lo,
                   open_lo ? " (excluded)" : "", hi, unit);
    return INTERF_OK;
}

/* "beam: 'x': not a beam of orbit group 'g' (beams: a, b)". */
static enum interf_status unknown_beam(struct reader *r, const char *s, int line)
{
    char list[300] = "";
    size_t pos = 0;
    for (size_t b = 0; b < r->n_beams && pos < sizeof list; b++) {
        int k = snprintf(list + pos, sizeof list - pos, "%s%s", b ? ", " : "", r->beams[b]);
        pos += k > 0 ? (size_t)k : 0;
    }
    if (r->n_beams == 0)
        return bad(r, line, F_BEAM, "'%.64s': orbit group '%s' has no beams (only '-', a dark"
                   " slot, is allowed)", s, r->group);
    return bad(r, line, F_BEAM, "'%.64s': not a beam of orbit group '%s' (beams: %s)", s,
               r->group, list);
}

/* A size for a message: bytes below 1 MiB, else MiB. */
static void size_text(char *buf, size_t n, double bytes)
{
    if (bytes < 1048576.0)
        snprintf(buf, n, "%.0f bytes", bytes);
    else
        snprintf(buf, n, "%.1f MiB", bytes / 1048576.0);
}

/* Room for slot n_slots (a new slot), after the memory estimate. */
static enum interf_status new_slot(struct reader *r, int line, double dur)
{
    size_t n = r->n_slots + 1, per_slot = r->n_beams * sizeof(float) + sizeof(double);
    if (n > r->max_bytes / per_slot) {
        char need[32], limit[32];
        size_text(need, sizeof need, (double)n * (double)per_slot);
        size_text(limit, sizeof limit, (double)r->max_bytes);
        return bad(r, line, F_SLOT, "%zu: too many slots: %zu beams x %zu slots need %s, over the"
                   " limit of %s", r->n_slots, r->n_beams, n, need, limit);
    }
    if (n > r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 64;
        double *d = realloc(r->dur, cap * sizeof *d);
        if (d)
            r->dur = d;
        float *p = d && r->n_beams ? realloc(r->pw, cap * r->n_beams * sizeof *p) : r->pw;
        if (!d || (r->n_beams && !p))
            return interf_error_set(r->err, INTERF_ENOMEM, "%s:%d: out of memory", r->name,
                                    line);
        r->pw = p;
        r->cap = cap;
    }
    r->dur[r->n_slots] = dur;
    for (size_t b = 0; b < r->n_beams; b++) {
        r->pw[r->n_slots * r->n_beams + b] = 0.0f;
        r->beam_line[b] = 0;
    }
    r->n_slots = n;
    r->slot_line = line;
    r->dark_line = 0;
    return INTERF_OK;
}

/* The slot and duration of a row against the slots so far. */
static enum interf_status row_slot(struct reader *r, char **tok, int line)
{
    size_t slot = 0;
    double dur = 0.0;
    enum interf_status st = parse_slot(r, tok[F_SLOT], line, &slot);
    if (st == INTERF_OK)
        st = parse_real(r, tok[F_DURATION], line, F_DURATION, 0.0, 1e9, 1, "s", &dur);
    if (st != INTERF_OK)
        return st;
    size_t cur = r->n_slots - 1; /* meaningful when n_slots > 0 */
    if (r->n_slots == 0 && slot != 0)
        return bad(r, line, F_SLOT, "%zu: the first slot must be 0", slot);
    if (r->n_slots > 0 && slot < cur)
        return bad(r, line, F_SLOT, "%zu after %zu: slots must not decrease", slot, cur);
    if (r->n_slots > 0 && slot > cur + 1)
        return bad(r, line, F_SLOT, "%zu after %zu: slot %zu is missing (every slot from 0 to the"
                   " last needs a row; write beam - for a dark slot)", slot, cur, cur + 1);
    if (r->n_slots == 0 || slot == cur + 1)
        return new_slot(r, line, dur);
    if (dur != r->dur[cur])
        return bad(r, line, F_DURATION, "%.15g: slot %zu lasts %.15g s (line %d); every row of a"
                   " slot must give the same duration", dur, cur, r->dur[cur], r->slot_line);
    return INTERF_OK;
}

/* The beam and power of a row in the current slot. */
static enum interf_status row_beam(struct reader *r, char **tok, int line)
{
    size_t slot = r->n_slots - 1;
    if (strcmp(tok[F_BEAM], "-") == 0) {
        if (r->dark_line || line != r->slot_line)
            return bad(r, line, F_BEAM, "'-': slot %zu already has a row (line %d); a dark slot"
                       " has one row only", slot, r->slot_line);
        r->dark_line = line;
        return INTERF_OK; /* power_dbw of a dark slot is not read */
    }
    if (r->dark_line)
        return bad(r, line, F_BEAM, "'%.64s': slot %zu is dark (line %d)", tok[F_BEAM], slot,
                   r->dark_line);
    size_t b = 0;
    while (b < r->n_beams && strcmp(r->beams[b], tok[F_BEAM]) != 0)
        b++;
    if (b == r->n_beams)
        return unknown_beam(r, tok[F_BEAM], line);
    if (r->beam_line[b])
        return bad(r, line, F_BEAM, "'%s': twice in slot %zu (line %d)", r->beams[b], slot,
                   r->beam_line[b]);
    double dbw;
    enum interf_status st = parse_real(r, tok[F_POWER], line, F_POWER, POWER_MIN_DBW,
                                       POWER_MAX_DBW, 0, "dBW", &dbw);
    if (st != INTERF_OK)
        return st;
    r->beam_line[b] = line;
    r->pw[slot * r->n_beams + b] = (float)pow(10.0, dbw / 10.0);
    return INTERF_OK;
}

static enum interf_status row(struct reader *r, char *line, int lineno)
{
    char *tok[F_N + 1];
    int n = split(line, tok, F_N);
    if (n > F_N)
        return bad(r, lineno, F_POWER, "'%.40s': unexpected text after the power (the columns"
                   " are slot duration_s beam power_dbw)", tok[F_N]);
    if (n < F_N)
        return bad(r, lineno, n, "missing (the columns are slot duration_s beam power_dbw)");
    enum interf_status st = row_slot(r, tok, lineno);
    return st == INTERF_OK ? row_beam(r, tok, lineno) : st;
}

static enum interf_status read_lines(struct reader *r, FILE *fp)
{
    char *line = NULL;
    size_t cap = 0;
    int lineno = 0, schema = 0;
    enum interf_status st = INTERF_OK;
    ssize_t len;
    while (st == INTERF_OK && (len = getline(&line, &cap, fp)) != -1) {
        if (lineno == INT_MAX) {
            st = bad(r, lineno, F_SLOT, "too many lines");
            break;
        }
        lineno++;
        if (strlen(line) != (size_t)len) { /* text after a NUL would be lost unseen */
            st = bad(r, lineno, schema ? F_SLOT : -1, "a NUL byte in the line");
            break;
        }
        line[strcspn(line, "\r\n")] = '\0';
        char *p = line + strspn(line, " \t\r\n");
        if (!*p)
            continue;
        if (!schema) {
            st = check_schema(r, line, lineno);
            schema = 1;
        } else if (*p != '#') {
            st = row(r, p, lineno);
        }
    }
    free(line);
    if (st == INTERF_OK && ferror(fp))
        st = interf_error_set(r->err, INTERF_EIO, "%s: read error", r->name);
    if (st == INTERF_OK && !schema)
        st = bad(r, 1, -1, "empty file: expected the schema line \"" SCHEMA "\" and rows");
    if (st == INTERF_OK && r->n_slots == 0)
        st = bad(r, lineno, F_SLOT, "no rows: the schedule needs slot 0 at least");
    return st;
}

/* The result: durations, and the power transposed to beam-major. */
static enum interf_status build(struct reader *r, struct interf_schedule **out)
{
    struct interf_schedule *s = calloc(1, sizeof *s);
    size_t nb = r->n_beams, ns = r->n_slots;
    if (s) {
        s->n_slots = ns;
        s->n_beams = nb;
        s->duration_s = malloc(ns * sizeof *s->duration_s);
        s->power_w = malloc((nb ? nb * ns : 1) * sizeof *s->power_w);
    }
    if (!s || !s->duration_s || !s->power_w) {
        interf_schedule_destroy(s);
        return interf_error_set(r->err, INTERF_ENOMEM, "%s: out of memory", r->name);
    }
    memcpy(s->duration_s, r->dur, ns * sizeof *s->duration_s);
    for (size_t b = 0; b < nb; b++)
        for (size_t t = 0; t < ns; t++)
            s->power_w[b * ns + t] = r->pw[t * nb + b];
    *out = s;
    return INTERF_OK;
}

enum interf_status sched_read_stream(FILE *fp, const char *name, const char *group,
                                     const char *const *beam_names, size_t n_beams,
                                     size_t max_bytes, struct interf_schedule **out,
                                     struct interf_error *err)
{
    if (!fp || !name || !group || (n_beams && !beam_names) || !out)
        return interf_error_set(err, INTERF_EINVAL, "schedule: NULL argument");
    *out = NULL;
    struct reader r = {name, group, beam_names, n_beams, max_bytes, err, NULL, NULL, 0, 0, 0,
                       NULL, 0};
    enum interf_status st = INTERF_OK;
    locale_t c_num = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    r.beam_line = calloc(n_beams ? n_beams : 1, sizeof *r.beam_line);
    if (c_num == (locale_t)0 || !r.beam_line) {
        st = interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", name);
        goto done;
    }
    locale_t old = uselocale(c_num);
    st = read_lines(&r, fp);
    uselocale(old);
    if (st == INTERF_OK)
        st = build(&r, out);
done:
    if (c_num != (locale_t)0)
        freelocale(c_num);
    free(r.beam_line);
    free(r.dur);
    free(r.pw);
    return st;
}

enum interf_status interf_schedule_read(const struct interf_system *sys,
                                        const struct interf_system_orbit *orb,
                                        struct interf_schedule **out, struct interf_error *err)
{
    if (out)
        *out = NULL;
    if (!sys || !orb || !out)
        return interf_error_set(err, INTERF_EINVAL, "schedule: NULL argument");
    if (!orb->schedule_file[0])
        return interf_error_set(err, INTERF_EINVAL, "[orbit %s]: no schedule_file", orb->name);
    const char *names[sizeof orb->beams / sizeof orb->beams[0]];
    size_t nb = orb->n_beams;
    for (size_t b = 0; b < nb; b++) {
        const struct interf_system_beam *beam = interf_system_beam(sys, orb->beams[b]);
        if (!beam)
            return interf_error_set(err, INTERF_EINVAL, "[orbit %s]: beam %zu out of range",
                                    orb->name, b);
        names[b] = beam->name;
    }
    FILE *fp = fopen(orb->schedule_file, "r");
    if (!fp)
        return interf_error_set(err, INTERF_EIO, "%s: %s", orb->schedule_file, strerror(errno));
    enum interf_status st = sched_read_stream(fp, orb->schedule_file, orb->name, names, nb,
                                              SCHED_MAX_BYTES, out, err);
    fclose(fp);
    return st;
}

void interf_schedule_destroy(struct interf_schedule *s)
{
    if (!s)
        return;
    free(s->duration_s);
    free(s->power_w);
    free(s);
}
