/* SPDX-License-Identifier: MIT */
/* The CCSDS Orbit Ephemeris Message reader, KVN form: CCSDS 502.0-B-3 (April 2023) §5.2 (header,
 * metadata, data and covariance blocks) and §7 (line, keyword, time and number rules); reads
 * versions 1.0, 2.0 and 3.0. Every error names file:line: keyword. */
#include "oem_impl.h"

#include <erfa.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the metadata keywords of Table 5-3, in their order */
enum meta_key {
    K_OBJECT_NAME, K_OBJECT_ID, K_CENTER_NAME, K_REF_FRAME, K_REF_FRAME_EPOCH, K_TIME_SYSTEM,
    K_START_TIME, K_USEABLE_START_TIME, K_USEABLE_STOP_TIME, K_STOP_TIME, K_INTERPOLATION,
    K_INTERPOLATION_DEGREE, K_COUNT
};
static const char *const META_KEYS[K_COUNT] = {
    "OBJECT_NAME", "OBJECT_ID", "CENTER_NAME", "REF_FRAME", "REF_FRAME_EPOCH", "TIME_SYSTEM",
    "START_TIME", "USEABLE_START_TIME", "USEABLE_STOP_TIME", "STOP_TIME", "INTERPOLATION",
    "INTERPOLATION_DEGREE"};

enum state { ST_FIRST, ST_HEADER, ST_META, ST_DATA, ST_COV, ST_AFTER_COV };

struct reader {
    const char *name;
    int line;
    enum state state;
    struct interf_oem *oem;
    struct interf_error *err;
    int header_line[3]; /* CREATION_DATE, ORIGINATOR, CCSDS_OEM_VERS */
    int meta_start, cov_start, scale_set;
    int key_line[K_COUNT];
    char key_val[K_COUNT][OEM_TEXT_MAX];
    double start_s, stop_s; /* the segment's START_TIME and STOP_TIME, seconds from base */
};

/* "name:line: keyword: ..." as INTERF_EINPUT */
static enum interf_status fail(struct reader *r, int line, const char *keyword, const char *fmt,
                               ...) INTERF_PRINTF(4, 5);
static enum interf_status fail(struct reader *r, int line, const char *keyword, const char *fmt,
                               ...)
{
    char what[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return interf_error_set(r->err, INTERF_EINPUT, "%s:%d: %s: %s", r->name, line, keyword, what);
}

static enum interf_status note(struct reader *r, int line, const char *keyword, const char *what)
{
    char buf[400];
    int len = snprintf(buf, sizeof buf, "%s%s:%d: %s: %s", r->oem->notes_len ? "\n" : "",
                       r->name, line, keyword, what);
    if (len < 0)
        return INTERF_OK;
    size_t n = strlen(buf);
    char *p = realloc(r->oem->notes, r->oem->notes_len + n + 1);
    if (!p)
        return interf_error_set(r->err, INTERF_ENOMEM, "%s: out of memory", r->name);
    memcpy(p + r->oem->notes_len, buf, n + 1);
    r->oem->notes = p;
    r->oem->notes_len += n;
    return INTERF_OK;
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

static char *trim(char *s)
{
    while (is_space(*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && is_space(s[n - 1]))
        s[--n] = '\0';
    return s;
}

static enum interf_status bad_time(struct reader *r, int line, const char *keyword,
                                   const char *text)
{
    return fail(r, line, keyword,
                "%.40s: not a %s time YYYY-MM-DDThh:mm:ss[.fff] or YYYY-DDDThh:mm:ss[.fff]", text,
                oem_scale_name(r->oem->scale));
}

static int lookup(const char *v, const char *const *names, int n)
{
    for (int i = 0; i < n; i++)
        if (strcmp(v, names[i]) == 0)
            return i;
    return -1;
}

/* REF_FRAME names read (SANA registry, CCSDS 502.0-B-3 §3.2.3.3), and what each is */
static const char *const FRAMES[] = {"EME2000", "GCRF", "ICRF", "TEME", "ITRF", "ITRF-93",
                                     "ITRF-97", "ITRF2000", "ITRF2005", "ITRF2008", "ITRF2014",
                                     "ITRF2020"};
static const enum oem_frame FRAME_KIND[] = {OEM_EME2000, OEM_GCRF, OEM_ICRF, OEM_TEME};

static enum interf_status meta_frame(struct reader *r, struct oem_segment *s)
{
    const char *v = r->key_val[K_REF_FRAME];
    int i = lookup(v, FRAMES, (int)(sizeof FRAMES / sizeof *FRAMES));
    if (i < 0)
        return fail(r, r->key_line[K_REF_FRAME], "REF_FRAME",
                    "%s: unknown frame (EME2000, GCRF, ICRF, TEME, ITRF, ITRF-93, ITRF-97, "
                    "ITRF2000, ITRF2005, ITRF2008, ITRF2014, ITRF2020)", v);
    s->frame = i < 4 ? FRAME_KIND[i] : OEM_ITRF;
    const char *c = r->key_val[K_CENTER_NAME];
    if (strcmp(c, "EARTH") == 0)
        s->center = OEM_EARTH;
    else if (strcmp(c, "MOON") == 0)
        s->center = OEM_MOON;
    else
        return fail(r, r->key_line[K_CENTER_NAME], "CENTER_NAME",
                    "%s: not read here (EARTH or MOON)", c);
    if (s->center == OEM_MOON && (s->frame == OEM_ITRF || s->frame == OEM_TEME))
        return fail(r, r->key_line[K_REF_FRAME], "REF_FRAME",
                    "%s: an Earth-fixed or TEME frame needs CENTER_NAME EARTH", v);
    return INTERF_OK;
}

static enum interf_status meta_scale(struct reader *r)
{
    static const char *const SCALES[] = {"UTC", "TAI", "TT", "TDB"};
    const char *v = r->key_val[K_TIME_SYSTEM];
    int i = lookup(v, SCALES, 4);
    if (i < 0)
        return fail(r, r->key_line[K_TIME_SYSTEM], "TIME_SYSTEM",
                    "%s: not read here (UTC, TAI, TT or TDB)", v);
    if (r->scale_set && (enum oem_scale)i != r->oem->scale)
        return fail(r, r->key_line[K_TIME_SYSTEM], "TIME_SYSTEM",
                    "%s: differs from the first segment's %s (one time system per message)", v,
                    oem_scale_name(r->oem->scale));
    r->oem->scale = (enum oem_scale)i;
    r->scale_set = 1;
    return INTERF_OK;
}

static enum interf_status meta_interp(struct reader *r, struct oem_segment *s)
{
    static const char *const KINDS[] = {"LAGRANGE", "HERMITE", "LINEAR"};
    int kind = 0;
    s->degree = 5;
    if (r->key_line[K_INTERPOLATION]) {
        kind = lookup(r->key_val[K_INTERPOLATION], KINDS, 3);
        if (kind < 0)
            return fail(r, r->key_line[K_INTERPOLATION], "INTERPOLATION",
                        "%s: not LAGRANGE, HERMITE or LINEAR", r->key_val[K_INTERPOLATION]);
        if (!r->key_line[K_INTERPOLATION_DEGREE] && kind != 2)
            return fail(r, r->key_line[K_INTERPOLATION], "INTERPOLATION_DEGREE",
                        "missing (required with INTERPOLATION)");
    } else {
        enum interf_status st = note(r, r->meta_start, "INTERPOLATION",
                                     "not given: LAGRANGE of degree 5 is used");
        if (st != INTERF_OK)
            return st;
    }
    if (r->key_line[K_INTERPOLATION_DEGREE]) {
        const char *v = r->key_val[K_INTERPOLATION_DEGREE];
        double d;
        if (strspn(v, "0123456789") != strlen(v) || !interf_parse_real(v, &d) || d < 1 ||
            d > OEM_DEGREE_MAX)
            return fail(r, r->key_line[K_INTERPOLATION_DEGREE], "INTERPOLATION_DEGREE",
                        "%s: not a whole number from 1 to %d", v, OEM_DEGREE_MAX);
        s->degree = (int)d;
    }
    if (kind == 2)
        s->degree = 1;
    s->interp = kind == 1 ? OEM_HERMITE : OEM_LAGRANGE;
    return INTERF_OK;
}

/* The times of the metadata, checked: START < STOP, the usable span inside them. */
static enum interf_status meta_times(struct reader *r, struct oem_segment *s)
{
    struct interf_jd jd[K_COUNT];
    for (int k = K_START_TIME; k <= K_STOP_TIME; k++) {
        if (r->key_line[k] && oem_message_time(r->key_val[k], r->oem->scale, &jd[k]) != 0)
            return bad_time(r, r->key_line[k], META_KEYS[k], r->key_val[k]);
    }
    s->base = jd[K_START_TIME];
    r->start_s = 0.0;
    r->stop_s = interf_jd_diff_s(&s->base, &jd[K_STOP_TIME]);
    if (!(r->stop_s > 0.0))
        return fail(r, r->key_line[K_STOP_TIME], "STOP_TIME", "%s: not after START_TIME %s",
                    r->key_val[K_STOP_TIME], r->key_val[K_START_TIME]);
    s->use_start_s = r->start_s;
    s->use_stop_s = r->stop_s;
    if (r->key_line[K_USEABLE_START_TIME])
        s->use_start_s = interf_jd_diff_s(&s->base, &jd[K_USEABLE_START_TIME]);
    if (r->key_line[K_USEABLE_STOP_TIME])
        s->use_stop_s = interf_jd_diff_s(&s->base, &jd[K_USEABLE_STOP_TIME]);
    /* a microsecond of slack for times written with fewer digits */
    if (s->use_start_s < -1e-6 || s->use_stop_s > r->stop_s + 1e-6 ||
        !(s->use_stop_s > s->use_start_s)) {
        int k = r->key_line[K_USEABLE_START_TIME] ? K_USEABLE_START_TIME : K_USEABLE_STOP_TIME;
        return fail(r, r->key_line[k], META_KEYS[k],
                    "the usable span must lie within START_TIME to STOP_TIME and not be empty");
    }
    return INTERF_OK;
}

static enum interf_status meta_stop(struct reader *r)
{
    for (int k = 0; k < K_COUNT; k++) {
        int required = k != K_REF_FRAME_EPOCH && k != K_USEABLE_START_TIME &&
                       k != K_USEABLE_STOP_TIME && k != K_INTERPOLATION &&
                       k != K_INTERPOLATION_DEGREE;
        if (required && !r->key_line[k])
            return fail(r, r->line, META_KEYS[k], "missing from the metadata block of line %d",
                        r->meta_start);
    }
    struct interf_oem *o = r->oem;
    if (o->nseg == o->capseg) {
        size_t cap = o->capseg ? 2 * o->capseg : 4;
        struct oem_segment *p = realloc(o->seg, cap * sizeof *p);
        if (!p)
            return interf_error_set(r->err, INTERF_ENOMEM, "%s: out of memory", r->name);
        o->seg = p;
        o->capseg = cap;
    }
    struct oem_segment *s = &o->seg[o->nseg++];
    memset(s, 0, sizeof *s);
    s->meta_line = r->meta_start;
    memcpy(s->object_name, r->key_val[K_OBJECT_NAME], OEM_TEXT_MAX);
    memcpy(s->object_id, r->key_val[K_OBJECT_ID], OEM_TEXT_MAX);
    memcpy(s->center_name, r->key_val[K_CENTER_NAME], OEM_TEXT_MAX);
    memcpy(s->ref_frame, r->key_val[K_REF_FRAME], OEM_TEXT_MAX);
    enum interf_status st;
    if ((st = meta_scale(r)) != INTERF_OK || (st = meta_frame(r, s)) != INTERF_OK ||
        (st = meta_interp(r, s)) != INTERF_OK || (st = meta_times(r, s)) != INTERF_OK)
        return st;
    if (r->key_line[K_REF_FRAME_EPOCH])
        return note(r, r->key_line[K_REF_FRAME_EPOCH], "REF_FRAME_EPOCH",
                    "ignored: none of the frames read here depends on an epoch");
    return INTERF_OK;
}

static enum interf_status meta_line(struct reader *r, const char *key, const char *val)
{
    int k = lookup(key, META_KEYS, K_COUNT);
    if (k < 0)
        return fail(r, r->line, key, "not a keyword of the OEM metadata (CCSDS 502.0-B-3 "
                    "Table 5-3)");
    if (r->key_line[k])
        return fail(r, r->line, key, "given twice (first on line %d)", r->key_line[k]);
    if (strlen(val) >= OEM_TEXT_MAX || *val == '\0')
        return fail(r, r->line, key, "empty, or longer than %d characters", OEM_TEXT_MAX - 1);
    r->key_line[k] = r->line;
    memcpy(r->key_val[k], val, strlen(val) + 1);
    return INTERF_OK;
}

static enum interf_status header_line(struct reader *r, const char *key, const char *val)
{
    static const char *const KEYS[] = {"CREATION_DATE", "ORIGINATOR", "CCSDS_OEM_VERS",
                                       "CLASSIFICATION", "MESSAGE_ID"};
    int k = lookup(key, KEYS, 5);
    if (k < 0)
        return fail(r, r->line, key, "not a keyword of the OEM header (CCSDS 502.0-B-3 "
                    "Table 5-2)");
    if (k < 3 && r->header_line[k])
        return fail(r, r->line, key, "given twice (first on line %d)", r->header_line[k]);
    if (k == 2 || *val == '\0')
        return fail(r, r->line, key, "%s", k == 2 ? "must be the first line" : "empty");
    if (k < 3)
        r->header_line[k] = r->line;
    struct interf_jd jd;
    if (k == 0 && oem_parse_time(val, OEM_UTC, &jd) != 0)
        return fail(r, r->line, key, "%.40s: not a UTC time YYYY-MM-DDThh:mm:ss[.fff]", val);
    return INTERF_OK;
}

static enum interf_status grow(struct reader *r, struct oem_segment *s)
{
    if (s->n < s->cap)
        return INTERF_OK;
    size_t cap = s->cap ? 2 * s->cap : 64;
    double *t = realloc(s->t_s, cap * sizeof *t);
    if (t)
        s->t_s = t;
    double *rv = t ? realloc(s->rv, cap * 6 * sizeof *rv) : NULL;
    if (!rv)
        return interf_error_set(r->err, INTERF_ENOMEM, "%s: out of memory", r->name);
    s->rv = rv;
    s->cap = cap;
    return INTERF_OK;
}

/* "epoch x y z vx vy vz [ax ay az]" (§7.4.1.2): checked, appended to the current segment */
static enum interf_status data_line(struct reader *r, char *text)
{
    static const char *const COLS[] = {"EPOCH", "X", "Y", "Z", "X_DOT", "Y_DOT", "Z_DOT",
                                       "X_DDOT", "Y_DDOT", "Z_DDOT"};
    char *tok[10];
    int n = 0;
    for (char *p = text; *p;) {
        while (is_space(*p))
            p++;
        if (!*p)
            break;
        if (n < 10)
            tok[n] = p;
        n++;
        while (*p && !is_space(*p))
            p++;
        if (*p)
            *p++ = '\0';
    }
    if (n != 7 && n != 10)
        return fail(r, r->line, "data line",
                    "%d fields: expected an epoch and 6 numbers (or 9 with accelerations)", n);
    struct oem_segment *s = &r->oem->seg[r->oem->nseg - 1];
    struct interf_jd jd;
    if (oem_message_time(tok[0], r->oem->scale, &jd) != 0)
        return bad_time(r, r->line, "EPOCH", tok[0]);
    double t = interf_jd_diff_s(&s->base, &jd), v[9];
    if (t < r->start_s - 1e-6 || t > r->stop_s + 1e-6)
        return fail(r, r->line, "EPOCH", "%s: outside START_TIME to STOP_TIME of line %d",
                    tok[0], s->meta_line);
    if (s->n > 0 && !(t > s->t_s[s->n - 1]))
        return fail(r, r->line, "EPOCH", "%s: not after the previous epoch (epochs must "
                    "increase within a segment)", tok[0]);
    for (int i = 1; i < n; i++) {
        if (!interf_parse_real(tok[i], &v[i - 1]))
            return fail(r, r->line, COLS[i], "%.40s: not a number", tok[i]);
    }
    enum interf_status st = grow(r, s);
    if (st != INTERF_OK)
        return st;
    s->t_s[s->n] = t;
    memcpy(s->rv + 6 * s->n, v, 6 * sizeof *v);
    s->n++;
    return INTERF_OK;
}

/* A segment is complete: enough data for its interpolation; the usable span cut to the data. */
static enum interf_status end_segment(struct reader *r)
{
    struct oem_segment *s = &r->oem->seg[r->oem->nseg - 1];
    size_t need = oem_nodes(s);
    if (s->n < need) {
        int line = r->key_line[K_INTERPOLATION_DEGREE] ? r->key_line[K_INTERPOLATION_DEGREE]
                                                       : s->meta_line;
        return fail(r, line, "INTERPOLATION_DEGREE",
                    "%s of degree %d needs at least %zu data lines; the segment has %zu",
                    s->interp == OEM_HERMITE ? "HERMITE" : "LAGRANGE", s->degree, need, s->n);
    }
    if (s->use_start_s < s->t_s[0])
        s->use_start_s = s->t_s[0];
    if (s->use_stop_s > s->t_s[s->n - 1])
        s->use_stop_s = s->t_s[s->n - 1];
    if (!(s->use_stop_s > s->use_start_s))
        return fail(r, s->meta_line, "USEABLE_START_TIME",
                    "no data lines within the usable span of the segment");
    return INTERF_OK;
}

static enum interf_status start_meta(struct reader *r)
{
    if (!r->header_line[0] || !r->header_line[1])
        return fail(r, r->line, r->header_line[0] ? "ORIGINATOR" : "CREATION_DATE",
                    "missing from the header");
    r->state = ST_META;
    r->meta_start = r->line;
    memset(r->key_line, 0, sizeof r->key_line);
    return INTERF_OK;
}

/* One line of the message, CR/LF removed, checked for NUL and control characters. */
static enum interf_status one_line(struct reader *r, char *text)
{
    char *s = trim(text);
    if (*s == '\0')
        return INTERF_OK;
    int comment = strncmp(s, "COMMENT", 7) == 0 && (s[7] == '\0' || is_space(s[7]));
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7f || (c >= 0x80 && !comment))
            return fail(r, r->line, comment ? "COMMENT" : "line",
                        "byte 0x%02x: only printable ASCII is allowed", c);
    }
    if (r->state == ST_FIRST) {
        char *eq = strchr(s, '=');
        if (!eq || strncmp(s, "CCSDS_OEM_VERS", 14) != 0 || trim(s + 14)[0] != '=')
            return fail(r, r->line, "CCSDS_OEM_VERS", "the first line must be "
                        "CCSDS_OEM_VERS = 1.0, 2.0 or 3.0");
        const char *v = trim(eq + 1);
        if (strcmp(v, "1.0") && strcmp(v, "2.0") && strcmp(v, "3.0"))
            return fail(r, r->line, "CCSDS_OEM_VERS", "%.20s: not 1.0, 2.0 or 3.0", v);
        r->header_line[2] = r->line;
        r->state = ST_HEADER;
        return INTERF_OK;
    }
    if (r->state == ST_COV) {
        if (strcmp(s, "COVARIANCE_STOP") == 0) {
            r->state = ST_AFTER_COV;
            char what[80];
            snprintf(what, sizeof what, "covariance block skipped (to line %d)", r->line);
            return note(r, r->cov_start, "COVARIANCE_START", what);
        }
        if (strcmp(s, "META_START") == 0)
            return fail(r, r->line, "COVARIANCE_STOP", "missing before META_START (the "
                        "covariance block opens on line %d)", r->cov_start);
        return INTERF_OK;
    }
    if (comment)
        return INTERF_OK;
    if (s[0] >= '0' && s[0] <= '9') {
        if (r->state == ST_DATA)
            return data_line(r, s);
        if (r->state == ST_META)
            return fail(r, r->line, "META_STOP", "missing before the first data line (the "
                        "metadata block opens on line %d)", r->meta_start);
        return fail(r, r->line, "META_START", "missing before this data line");
    }
    if (strcmp(s, "META_START") == 0) {
        enum interf_status st = INTERF_OK;
        if (r->state == ST_META)
            return fail(r, r->line, "META_STOP", "missing (the metadata block opens on line "
                        "%d)", r->meta_start);
        if (r->state == ST_DATA)
            st = end_segment(r);
        return st != INTERF_OK ? st : start_meta(r);
    }
    if (strcmp(s, "META_STOP") == 0) {
        if (r->state != ST_META)
            return fail(r, r->line, "META_STOP", "without META_START");
        r->state = ST_DATA;
        return meta_stop(r);
    }
    if (strcmp(s, "COVARIANCE_START") == 0) {
        if (r->state != ST_DATA)
            return fail(r, r->line, "COVARIANCE_START", "not after a segment's data lines");
        r->state = ST_COV;
        r->cov_start = r->line;
        return end_segment(r);
    }
    char *eq = strchr(s, '=');
    if (!eq)
        return fail(r, r->line, "line", "%.40s: neither KEYWORD = value, a data line nor a "
                    "block delimiter", s);
    *eq = '\0';
    const char *key = trim(s), *val = trim(eq + 1);
    if (r->state == ST_HEADER)
        return header_line(r, key, val);
    if (r->state == ST_META)
        return meta_line(r, key, val);
    return fail(r, r->line, key, "a keyword among the data lines (a new segment starts with "
                "META_START)");
}

static enum interf_status at_end(struct reader *r)
{
    if (r->line == 0)
        r->line = 1;
    switch (r->state) {
    case ST_FIRST:
        return fail(r, r->line, "CCSDS_OEM_VERS", "missing: the message is empty");
    case ST_HEADER:
        return fail(r, r->line, "META_START", "missing: the message has no segment");
    case ST_META:
        return fail(r, r->line, "META_STOP", "missing at the end of the message (the metadata "
                    "block opens on line %d)", r->meta_start);
    case ST_COV:
        return fail(r, r->line, "COVARIANCE_STOP", "missing at the end of the message (the "
                    "covariance block opens on line %d)", r->cov_start);
    case ST_DATA:
        return end_segment(r);
    case ST_AFTER_COV:
        break;
    }
    return INTERF_OK;
}

void interf_oem_destroy(struct interf_oem *oem)
{
    if (!oem)
        return;
    for (size_t i = 0; i < oem->nseg; i++) {
        free(oem->seg[i].t_s);
        free(oem->seg[i].rv);
    }
    free(oem->seg);
    free(oem->notes);
    free(oem->name);
    free(oem);
}

enum interf_status interf_oem_read(FILE *fp, const char *name, struct interf_oem **out,
                                   struct interf_error *err)
{
    *out = NULL;
    struct reader r;
    memset(&r, 0, sizeof r);
    r.name = name;
    r.err = err;
    r.oem = calloc(1, sizeof *r.oem);
    size_t name_len = strlen(name);
    if (r.oem)
        r.oem->name = malloc(name_len + 1);
    if (!r.oem || !r.oem->name) {
        interf_oem_destroy(r.oem);
        return interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", name);
    }
    memcpy(r.oem->name, name, name_len + 1);
    char *buf = NULL;
    size_t cap = 0;
    ssize_t len;
    enum interf_status st = INTERF_OK;
    while (st == INTERF_OK && (len = getline(&buf, &cap, fp)) >= 0) {
        if (memchr(buf, '\0', (size_t)len)) {
            st = fail(&r, r.line + 1, "line", "a NUL byte: not a text file");
            break;
        }
        /* §7.3.2: lines end with CR, LF, CRLF or LFCR */
        if (len > 0 && buf[len - 1] == '\n')
            buf[--len] = '\0';
        if (len > 0 && buf[len - 1] == '\r')
            buf[--len] = '\0';
        char *p = buf + (buf[0] == '\r' && r.line > 0);
        for (char *cr; st == INTERF_OK; p = cr + 1) {
            if ((cr = strchr(p, '\r')) != NULL)
                *cr = '\0';
            r.line++;
            st = one_line(&r, p);
            if (!cr)
                break;
        }
    }
    free(buf);
    if (st == INTERF_OK && ferror(fp))
        st = interf_error_set(err, INTERF_EIO, "%s: read error", name);
    if (st == INTERF_OK)
        st = at_end(&r);
    if (st != INTERF_OK) {
        interf_oem_destroy(r.oem);
        return st;
    }
    *out = r.oem;
    return INTERF_OK;
}

enum interf_status interf_oem_load(const char *path, struct interf_oem **out,
                                   struct interf_error *err)
{
    *out = NULL;
    FILE *fp = fopen(path, "r");
    if (!fp)
        return interf_error_set(err, INTERF_EIO, "%s: %s", path, strerror(errno));
    enum interf_status st = interf_oem_read(fp, path, out, err);
    fclose(fp);
    return st;
}
