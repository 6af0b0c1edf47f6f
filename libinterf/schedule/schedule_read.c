/* SPDX-License-Identifier: MIT */
/* The schedule table reader (interf-table(5) "Schedule tables"): the schema line
 * "# slot duration_s beam power_dbw", then one row per lit beam and slot, beams by name, read
 * through the table reader of interf/io.h. Every error names FILE:LINE:COLUMN and the field;
 * numbers are read in the C locale (interf_parse_real). */
#include "schedule_impl.h"

#include "interf/io.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SCHEMA "# slot duration_s beam power_dbw"
#define POWER_MIN_DBW (-100.0) /* the range of a beam's power_dbw in the system file */
#define POWER_MAX_DBW 100.0
#define SLOT_MAX 1000000000UL  /* above any schedule the memory limit lets through */

enum { F_SLOT, F_DURATION, F_BEAM, F_POWER, F_N };
static const char *const field_names[F_N] = {"slot", "duration_s", "beam", "power_dbw"};

/* The state of a read: the slots so far (slot-major rows of n_beams floats while reading,
 * transposed at the end) and the current slot's rows. */
struct reader {
    const struct interf_table *t; /* the current row */
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

/* "FILE:LINE:COLUMN: FIELD: what" about field `field` of the current row (the column of the
 * row's token k, or none when k is SIZE_MAX). */
static enum interf_status bad(struct reader *r, size_t k, int field, const char *fmt, ...)
    INTERF_PRINTF(4, 5);
static enum interf_status bad(struct reader *r, size_t k, int field, const char *fmt, ...)
{
    char what[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return interf_table_fail(r->t, k, r->err, INTERF_EINPUT, "%s: %s", field_names[field],
                             what);
}

/* The fields of the current row before a token starting with '#' (a comment). */
static size_t row_fields(const struct interf_table *t)
{
    size_t n = 0, nf = interf_table_nfields(t);
    while (n < nf && interf_table_field(t, n)[0] != '#')
        n++;
    return n;
}

/* The schema line: exactly the four column names, on the first line. */
static enum interf_status check_schema(struct reader *r, int first_line)
{
    const struct interf_table *t = r->t;
    char text[256];
    size_t used = 0;
    int ok = interf_table_schema_line(t) == first_line && interf_table_ncols(t) == F_N;
    for (int k = 0; ok && k < F_N; k++)
        ok = strcmp(interf_table_colname(t, (size_t)k), field_names[k]) == 0;
    if (ok)
        return INTERF_OK;
    /* the offending first line as read (its tokens, one blank apart) */
    int schema = interf_table_schema_line(t) == first_line;
    size_t n = schema ? interf_table_ncols(t) : interf_table_nfields(t);
    used = (size_t)snprintf(text, sizeof text, "%s", schema ? "#" : "");
    for (size_t k = 0; k < n && used < sizeof text; k++)
        used += (size_t)snprintf(text + used, sizeof text - used, "%s%s", k || schema ? " " : "",
                                 schema ? interf_table_colname(t, k) : interf_table_field(t, k));
    return interf_error_set(r->err, INTERF_EINPUT, "%s:%d: schema: \"%.60s\": expected the "
                            "schema line \"" SCHEMA "\" first", r->name, first_line, text);
}

/* A decimal number (interf_parse_real); 0 if the token is not one, with *v non-finite when it
 * is nan or inf (strtod only tells those from text; letters read the same in every locale). */
static int number(const char *s, double *v)
{
    char *end;
    if (interf_parse_real(s, v))
        return 1;
    *v = strtod(s, &end);
    return *end == '\0' && !isfinite(*v) && strspn(s, "+-") < strlen(s) &&
           strpbrk(s, "xX") == NULL;
}

static enum interf_status parse_slot(struct reader *r, const char *s, size_t *slot)
{
    if (*s == '\0' || strspn(s, "0123456789") != strlen(s) || strlen(s) > 10)
        return bad(r, F_SLOT, F_SLOT, "'%.40s': not a slot number (an integer 0, 1, 2, ...)", s);
    unsigned long v = strtoul(s, NULL, 10);
    if (v > SLOT_MAX)
        return bad(r, F_SLOT, F_SLOT, "%lu: too many slots (at most %lu)", v, SLOT_MAX);
    *slot = (size_t)v;
    return INTERF_OK;
}

static enum interf_status parse_real(struct reader *r, const char *s, int field,
                                     double lo, double hi, int open_lo, const char *unit,
                                     double *v)
{
    if (!number(s, v))
        return bad(r, (size_t)field, field, "'%.40s': not a number", s);
    if (!isfinite(*v))
        return bad(r, (size_t)field, field, "%.40s: not a finite number", s);
    if ((open_lo ? *v <= lo : *v < lo) || *v > hi)
        return bad(r, (size_t)field, field, "%.15g: allowed range %.15g%s to %.15g %s", *v, lo,
                   open_lo ? " (excluded)" : "", hi, unit);
    return INTERF_OK;
}

/* "beam: 'x': not a beam of orbit group 'g' (beams: a, b)". */
static enum interf_status unknown_beam(struct reader *r, const char *s)
{
    char list[300] = "";
    size_t pos = 0;
    for (size_t b = 0; b < r->n_beams && pos < sizeof list; b++) {
        int k = snprintf(list + pos, sizeof list - pos, "%s%s", b ? ", " : "", r->beams[b]);
        pos += k > 0 ? (size_t)k : 0;
    }
    if (r->n_beams == 0)
        return bad(r, F_BEAM, F_BEAM, "'%.64s': orbit group '%s' has no beams (only '-', a dark"
                   " slot, is allowed)", s, r->group);
    return bad(r, F_BEAM, F_BEAM, "'%.64s': not a beam of orbit group '%s' (beams: %s)", s,
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
        return bad(r, F_SLOT, F_SLOT, "%zu: too many slots: %zu beams x %zu slots need %s, over the"
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
    enum interf_status st = parse_slot(r, tok[F_SLOT], &slot);
    if (st == INTERF_OK)
        st = parse_real(r, tok[F_DURATION], F_DURATION, 0.0, 1e9, 1, "s", &dur);
    if (st != INTERF_OK)
        return st;
    size_t cur = r->n_slots - 1; /* meaningful when n_slots > 0 */
    if (r->n_slots == 0 && slot != 0)
        return bad(r, F_SLOT, F_SLOT, "%zu: the first slot must be 0", slot);
    if (r->n_slots > 0 && slot < cur)
        return bad(r, F_SLOT, F_SLOT, "%zu after %zu: slots must not decrease", slot, cur);
    if (r->n_slots > 0 && slot > cur + 1)
        return bad(r, F_SLOT, F_SLOT, "%zu after %zu: slot %zu is missing (every slot from 0 to the"
                   " last needs a row; write beam - for a dark slot)", slot, cur, cur + 1);
    if (r->n_slots == 0 || slot == cur + 1)
        return new_slot(r, line, dur);
    if (dur != r->dur[cur])
        return bad(r, F_DURATION, F_DURATION, "%.15g: slot %zu lasts %.15g s (line %d); every row"
                   " of a slot must give the same duration", dur, cur, r->dur[cur], r->slot_line);
    return INTERF_OK;
}

/* The beam and power of a row in the current slot. */
static enum interf_status row_beam(struct reader *r, char **tok, int line)
{
    size_t slot = r->n_slots - 1;
    if (strcmp(tok[F_BEAM], "-") == 0) {
        if (r->dark_line || line != r->slot_line)
            return bad(r, F_BEAM, F_BEAM, "'-': slot %zu already has a row (line %d); a dark slot"
                       " has one row only", slot, r->slot_line);
        r->dark_line = line;
        return INTERF_OK; /* power_dbw of a dark slot is not read */
    }
    if (r->dark_line)
        return bad(r, F_BEAM, F_BEAM, "'%.64s': slot %zu is dark (line %d)", tok[F_BEAM], slot,
                   r->dark_line);
    size_t b = 0;
    while (b < r->n_beams && strcmp(r->beams[b], tok[F_BEAM]) != 0)
        b++;
    if (b == r->n_beams)
        return unknown_beam(r, tok[F_BEAM]);
    if (r->beam_line[b])
        return bad(r, F_BEAM, F_BEAM, "'%s': twice in slot %zu (line %d)", r->beams[b], slot,
                   r->beam_line[b]);
    double dbw;
    enum interf_status st = parse_real(r, tok[F_POWER], F_POWER, POWER_MIN_DBW,
                                       POWER_MAX_DBW, 0, "dBW", &dbw);
    if (st != INTERF_OK)
        return st;
    r->beam_line[b] = line;
    r->pw[slot * r->n_beams + b] = (float)pow(10.0, dbw / 10.0);
    return INTERF_OK;
}

static enum interf_status row(struct reader *r, int lineno)
{
    char *tok[F_N];
    size_t n = row_fields(r->t);
    if (n > F_N)
        return bad(r, F_N, F_POWER, "'%.40s': unexpected text after the power (the columns are"
                   " slot duration_s beam power_dbw)", interf_table_field(r->t, F_N));
    if (n < F_N)
        return bad(r, SIZE_MAX, (int)n, "missing (the columns are slot duration_s beam "
                   "power_dbw)");
    for (size_t k = 0; k < F_N; k++)
        tok[k] = (char *)interf_table_field(r->t, k);
    enum interf_status st = row_slot(r, tok, lineno);
    return st == INTERF_OK ? row_beam(r, tok, lineno) : st;
}

static enum interf_status read_lines(struct reader *r, FILE *fp)
{
    struct interf_table *t;
    enum interf_table_event ev;
    int first = 0;
    enum interf_status st = interf_table_open(fp, r->name, 0, &t, r->err);
    r->t = t;
    while (st == INTERF_OK && (st = interf_table_next(t, &ev, r->err)) == INTERF_OK &&
           ev == INTERF_TABLE_ROW) {
        if (row_fields(t) == 0)
            continue;
        if (!first) { /* the schema line must come first: on line 1, or be this row's */
            first = interf_table_schema_line(t) ? interf_table_schema_line(t)
                                                : interf_table_line(t);
            if ((st = check_schema(r, first)) != INTERF_OK)
                break;
        }
        st = row(r, interf_table_line(t));
    }
    if (st == INTERF_OK && !first && interf_table_schema_line(t))
        st = check_schema(r, interf_table_schema_line(t));
    if (st == INTERF_OK && !interf_table_schema_line(t))
        st = interf_error_set(r->err, INTERF_EINPUT, "%s:1: schema: empty file: expected the "
                              "schema line \"" SCHEMA "\" and rows", r->name);
    if (st == INTERF_OK && r->n_slots == 0)
        st = interf_error_set(r->err, INTERF_EINPUT, "%s:%d: slot: no rows: the schedule needs "
                              "slot 0 at least", r->name, interf_table_line(t));
    interf_table_close(t);
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
    struct reader r = {NULL, name, group, beam_names, n_beams, max_bytes, err, NULL, NULL, 0, 0,
                       0, NULL, 0};
    enum interf_status st = INTERF_OK;
    r.beam_line = calloc(n_beams ? n_beams : 1, sizeof *r.beam_line);
    if (!r.beam_line)
        st = interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", name);
    if (st == INTERF_OK)
        st = read_lines(&r, fp);
    if (st == INTERF_OK)
        st = build(&r, out);
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
