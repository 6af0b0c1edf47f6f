/* SPDX-License-Identifier: MIT */
/* The in-memory CCSDS OEM (CCSDS 502.0-B-3 §5) shared by the reader (oem.c) and the
 * interpolator (oem_state.c). Not installed. */
#ifndef INTERF_OEM_IMPL_H
#define INTERF_OEM_IMPL_H

#include "interf/orbit.h"

enum oem_interp { OEM_LAGRANGE = 0, OEM_HERMITE = 1 };
enum oem_center { OEM_EARTH = 0, OEM_MOON = 1 };
enum oem_frame { OEM_EME2000 = 0, OEM_GCRF = 1, OEM_ICRF = 2, OEM_TEME = 3, OEM_ITRF = 4 };
enum oem_scale { OEM_UTC = 0, OEM_TAI = 1, OEM_TT = 2, OEM_TDB = 3 };

#define OEM_TEXT_MAX 96 /* longest OBJECT_NAME, OBJECT_ID, CENTER_NAME, REF_FRAME kept */
#define OEM_DEGREE_MAX 32

struct oem_segment {
    char object_name[OEM_TEXT_MAX], object_id[OEM_TEXT_MAX];
    char center_name[OEM_TEXT_MAX], ref_frame[OEM_TEXT_MAX];
    enum oem_center center;
    enum oem_frame frame;
    enum oem_interp interp;
    int degree;
    int meta_line;
    /* Times are seconds from base, a date in the segment's uniform scale: TAI for a UTC or
     * TAI message (so that a leap second inside a segment is a real second), else TT or TDB. */
    struct interf_jd base;
    double use_start_s, use_stop_s; /* the usable span, cut to the data */
    size_t n, cap;
    double *t_s;   /* n epochs */
    double *rv;    /* n states x, y, z, vx, vy, vz (km, km/s) */
};

struct interf_oem {
    char *name; /* the file name, for messages */
    enum oem_scale scale;
    struct oem_segment *seg;
    size_t nseg, capseg;
    char *notes; /* "" or lines joined by '\n' */
    size_t notes_len;
};

/* The number of data points one interpolation uses (the segment must hold at least as many):
 * degree + 1 for Lagrange, ceil((degree + 1) / 2) for Hermite, never fewer than 2. */
size_t oem_nodes(const struct oem_segment *seg);
/* CCSDS 502.0-B-3 §7.5.10: YYYY-MM-DDThh:mm:ss[.d...][Z] or YYYY-DDDThh:mm:ss[.d...][Z] to a
 * Julian date in scale (ERFA's convention for UTC). 0, or -1 when it is not such a time. */
int oem_parse_time(const char *text, enum oem_scale scale, struct interf_jd *jd);
/* The same as a date in the segment's uniform scale (UTC is turned into TAI). */
int oem_message_time(const char *text, enum oem_scale scale, struct interf_jd *jd);
/* The name of a time scale, as TIME_SYSTEM writes it. */
const char *oem_scale_name(enum oem_scale scale);
/* A UTC instant -> the segment's scale (see struct oem_segment), seconds from base. */
double oem_seconds_from_utc(const struct interf_oem *oem, const struct oem_segment *seg,
                            const struct interf_time *t);
/* Seconds from base in the segment's scale -> a UTC date (for messages and segment info). */
void oem_utc_of(const struct interf_oem *oem, const struct oem_segment *seg, double t_s,
                struct interf_jd *utc);

#endif
