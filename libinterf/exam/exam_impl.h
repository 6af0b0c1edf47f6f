/* SPDX-License-Identifier: MIT */
/* Private helpers shared by the files of the exam layer (libinterf/exam/). */
#ifndef INTERF_EXAM_IMPL_H
#define INTERF_EXAM_IMPL_H

#include <stddef.h>

#include "interf/exam.h"

/* Text appended to a caller's buffer as snprintf would write it: len counts everything asked
 * for, the buffer holds what fits. */
struct exam_text {
    char *buf;
    size_t n, len;
};
void exam_text_add(struct exam_text *t, const char *fmt, ...) INTERF_PRINTF(2, 3);

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
