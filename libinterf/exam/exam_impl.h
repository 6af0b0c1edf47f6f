/* SPDX-License-Identifier: MIT */
/* Private helpers shared by the files of the exam layer (libinterf/exam/). */
#ifndef INTERF_EXAM_IMPL_H
#define INTERF_EXAM_IMPL_H

#include <stddef.h>
#include <stdio.h>

#include "interf/exam.h"

/* Text appended to a caller's buffer as snprintf would write it: len counts everything asked
 * for, the buffer holds what fits. */
struct exam_text {
    char *buf;
    size_t n, len;
};
void exam_text_add(struct exam_text *t, const char *fmt, ...) INTERF_PRINTF(2, 3);

/* The line tokenizer of the text masks (interf-mask(5)): blank, "# key: value" (a key of
 * letters, digits, '_', '-', '.'), another "#" comment (its words), or a row (its words). */
#define EXAM_LINE_MAXTOK 8
enum exam_line_kind { EXAM_LINE_BLANK, EXAM_LINE_COMMENT, EXAM_LINE_KEY, EXAM_LINE_ROW };
struct exam_line {
    enum exam_line_kind kind;
    const char *key, *value; /* EXAM_LINE_KEY */
    int ntok;                /* ROW and COMMENT: the words (EXAM_LINE_MAXTOK + 1: more) */
    const char *tok[EXAM_LINE_MAXTOK];
};
/* Tokenize s (modified in place) into l. */
enum exam_line_kind exam_tokenize(char *s, struct exam_line *l);
/* One line of a text mask for its reader: the first line (the schema) with first = 1, then
 * the keys and rows (blank lines and comments are not passed). */
typedef enum interf_status (*exam_line_fn)(void *reader, int first, const struct exam_line *l,
                                           struct interf_error *err);
/* Read the lines of f (named path) into fn, counting them in *line for its messages; then end
 * (the reader's own close). A NUL byte, a read error, an empty file and a mask without rows
 * (*n_rows 0 after end) are reported here. */
enum interf_status exam_read_lines(FILE *f, const char *path, long *line, exam_line_fn fn,
                                   enum interf_status (*end)(void *reader,
                                                             struct interf_error *err),
                                   const size_t *n_rows, void *reader, struct interf_error *err);
/* A real in [lo, hi]: INTERF_EINPUT "PATH:LINE: FIELD: 'TEXT': not a number" or "...: allowed
 * range LO to HI". */
enum interf_status exam_text_real(const char *path, long line, const char *field,
                                  const char *text, double lo, double hi, double *out,
                                  struct interf_error *err);
/* Where the header keys common to every mask go (mask_id, low_freq_mhz, high_freq_mhz,
 * ref_bandwidth_khz, ntc_id, sat_name). */
struct exam_header {
    long *mask_id;
    double *low_freq_mhz, *high_freq_mhz, *refbw_khz;
    char *ntc_id;
    size_t ntc_cap;
    char *sat_name;
    size_t sat_cap;
};
/* Store a "# key: value" line of the common header; other keys are ignored (provenance). */
enum interf_status exam_header_key(const char *path, long line, const struct exam_line *l,
                                   const struct exam_header *h, struct interf_error *err);

/* One point of an e.i.r.p. mask as a reader met it: table latitude, pointing (form "A"),
 * abscissa (off-axis angle or DeltaLongES), value, line. */
struct exam_eirp_point {
    double lat, az, el, x, v;
    long line;
};
/* Build a mask of form from hdr's header and n points (sorted here): tables by latitude, curves
 * by (az, el), points by x. A point given twice is INTERF_EINPUT "PATH:LINE: XNAME: X given
 * twice (first on line L)"; a rise in an off-axis curve "PATH:LINE: eirp: rises ...". */
enum interf_status exam_eirp_build(const struct interf_eirp_mask *hdr, enum interf_eirp_form form,
                                   struct exam_eirp_point *p, size_t n, const char *path,
                                   const char *xname, struct interf_eirp_mask **out,
                                   struct interf_error *err);

/* Linear interpolation of y over increasing x[0..n-1] at v, the end values outside. */
double exam_interp(const double *x, const double *y, size_t n, double v);
/* The index of the value of increasing x[0..n-1] nearest to v (ties: the lower). */
size_t exam_nearest(const double *x, size_t n, double v);

/* One cell of a mask as a reader met it (line: where, for messages). */
struct exam_cell {
    double b, c, v;
    long line;
};
/* Build table t at lat_deg from n cells (sorted here): the axes are the distinct b and c
 * values, absent cells completed (§C4.2). A cell given twice is INTERF_EINPUT "PATH:LINE:
 * BNAME, CNAME: (b, c) given twice (first on line L)"; a table of more than 2^24 cells is
 * refused. */
enum interf_status exam_table_from_cells(struct interf_mask_table *t, double lat_deg,
                                         struct exam_cell *cells, size_t n, const char *path,
                                         const char *bname, const char *cname,
                                         struct interf_error *err);
/* Sort m's tables by latitude; two at one latitude is INTERF_EINPUT naming path. */
enum interf_status exam_mask_sort(struct interf_pfd_mask *m, const char *path,
                                  struct interf_error *err);

/* The names of a mask's axes as the text format writes them ("alpha_deg", "dlon_deg"). */
const char *exam_mask_bname(enum interf_mask_axes axes);
const char *exam_mask_cname(enum interf_mask_axes axes);

/* Points of a parameter by latitude (and azimuth), collected in any order, then sorted into a
 * table. line: where each came from (0 for a key's value). */
struct exam_point {
    double lat, az, v;
    long line;
};
struct exam_points {
    size_t n, cap;
    struct exam_point *p;
};
/* 0 when out of memory */
int exam_points_add(struct exam_points *ps, double lat, double az, double v, long line);
/* Sort into t (frees ps); a latitude (and azimuth) given twice is INTERF_EINPUT
 * "PATH:LINE: FIELD: latitude L given twice" (without "PATH:LINE: " when path is NULL). */
enum interf_status exam_points_to_lat(struct exam_points *ps, struct interf_lat_table *t,
                                      const char *path, const char *field,
                                      struct interf_error *err);
enum interf_status exam_points_to_elev(struct exam_points *ps, struct interf_elev_table *t,
                                       const char *path, const char *field,
                                       struct interf_error *err);

/* XML through libxml2 (libinterf/exam/xml.c), for the masks and operating parameters. */
struct _xmlDoc;
struct _xmlNode;
/* Parse path (no network, no entity loading, large line numbers; files over 256 MiB and NUL
 * bytes refused): INTERF_EIO "PATH: reason", INTERF_EINPUT "PATH:LINE: xml: what". */
enum interf_status exam_xml_load(const char *path, struct _xmlDoc **doc,
                                 struct interf_error *err);
void exam_xml_free(struct _xmlDoc *doc);
struct _xmlNode *exam_xml_root(struct _xmlDoc *doc);
/* The next element child of parent after prev (NULL: the first), or NULL */
struct _xmlNode *exam_xml_child(struct _xmlNode *parent, struct _xmlNode *prev);
long exam_xml_line(const struct _xmlNode *n);
/* 1 when n is an element named name */
int exam_xml_is(const struct _xmlNode *n, const char *name);
/* INTERF_EINPUT "PATH:LINE: ELEM: unexpected element CHILD" for an element not named name */
enum interf_status exam_xml_expect(const char *path, const struct _xmlNode *n, const char *name,
                                   const char *parent, struct interf_error *err);
/* Every attribute of n is one of names (NULL-terminated), else INTERF_EINPUT naming it. */
enum interf_status exam_xml_attrs_known(const char *path, const struct _xmlNode *n,
                                        const char *const *names, struct interf_error *err);
/* A real attribute (absent: def, or an error when required) in [lo, hi] */
enum interf_status exam_xml_attr_real(const char *path, const struct _xmlNode *n,
                                      const char *name, int required, double def, double lo,
                                      double hi, double *out, struct interf_error *err);
/* A text attribute copied into dst (cap bytes; absent: ""; required: an error) */
enum interf_status exam_xml_attr_text(const char *path, const struct _xmlNode *n,
                                      const char *name, int required, char *dst, size_t cap,
                                      struct interf_error *err);
/* The element's text content as a real in [lo, hi] (blanks around it allowed) */
enum interf_status exam_xml_text_real(const char *path, const struct _xmlNode *n, double lo,
                                      double hi, double *out, struct interf_error *err);

#endif
