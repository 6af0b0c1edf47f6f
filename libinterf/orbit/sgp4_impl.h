/* SPDX-License-Identifier: MIT */
/* SGP4/SDP4 internals shared by the initialisation (sgp4.c, sgp4_deep.c), the vectorised
 * kernel (sgp4_kernel.c) and the batch (sgp4_batch.c): the WGS-72 constants, the model of one
 * satellite, and the kernel's entry points. The algorithm is that of Vallado, Crawford, Hujsak
 * and Kelso, "Revisiting Spacetrack Report #3", AIAA 2006-6753 (2006), "improved" mode. */
#ifndef INTERF_SGP4_IMPL_H
#define INTERF_SGP4_IMPL_H

#include <stddef.h>

#include "interf/orbit.h"

/* WGS-72, the constants the element sets are fitted with (AIAA 2006-6753, getgravconst "wgs72").
 * Distances are in Earth radii and times in minutes inside the model. */
#define SGP4_RE_KM 6378.135
#define SGP4_MU_KM3_S2 398600.8
/* xke = 60 / sqrt(RE^3 / mu), 1/min: the double nearest 60/sqrt(6378.135^3/398600.8) */
#define SGP4_XKE 0.07436691613317342
#define SGP4_J2 0.001082616
#define SGP4_J3 (-0.00000253881)
#define SGP4_J4 (-0.00000165597)
#define SGP4_J3OJ2 (SGP4_J3 / SGP4_J2)
#define SGP4_VKMS (SGP4_RE_KM * SGP4_XKE / 60.0) /* km/s per Earth radius per minute */
#define SGP4_TWO_PI (2.0 * INTERF_PI)

/* The per-satellite coefficients the near-Earth kernel reads, one X(name) each: the list
 * declares the scalar record, the batch's arrays and the kernel's view from one place. The
 * drag terms of the simplified model (isimp) are stored as zeros, so that one branch-free
 * expression gives both models (x - 0 * y == x exactly). */
#define SGP4_NE_FIELDS(X)                                                                          \
    X(mo) X(mdot) X(argpo) X(argpdot) X(nodeo) X(nodedot) X(nodecf)                                \
    X(cc1) X(bc4) X(bc5) X(t2cof) X(t3cof) X(t4cof) X(t5cof) X(d2) X(d3) X(d4)                     \
    X(omgcof) X(xmcof) X(eta) X(delmo) X(sinmao)                                                   \
    X(no) X(ecco) X(inclo) X(a0) X(sinio) X(cosio)                                                 \
    X(aycof) X(xlcof) X(con41) X(x1mth2) X(x7thm1)                                                 \
    X(epoch_day_s) X(epoch_sod_s)

#define SGP4_DECLARE_DOUBLE(f) double f;
#define SGP4_DECLARE_POINTER(f) const double *f;
#define SGP4_COUNT(f) +1
enum { SGP4_NE_NFIELDS = 0 SGP4_NE_FIELDS(SGP4_COUNT) };

/* Near-Earth coefficients of one satellite (names as in AIAA 2006-6753; bc4 = B* C4, bc5 =
 * B* C5, a0 = (xke / n0)^(2/3), epoch_day_s + epoch_sod_s = the epoch in POSIX seconds split
 * into its day (exact) and the seconds of that day). */
struct sgp4_ne {
    SGP4_NE_FIELDS(SGP4_DECLARE_DOUBLE)
};

/* The same coefficients for satellites [0, n) of a set: field f of satellite k is f[k]. */
struct sgp4_ne_view {
    SGP4_NE_FIELDS(SGP4_DECLARE_POINTER)
};

/* Lunar-solar periodic coefficients of one body (AIAA 2006-6753 dscom: se2.. for the Sun,
 * ee2.. for the Moon) and its mean anomaly at epoch and rate. */
struct sgp4_body {
    double e2, e3, i2, i3, l2, l3, l4, gh2, gh3, gh4, h2, h3;
    double zmo, zn, ze; /* mean anomaly at epoch (rad), its rate (rad/min), eccentricity */
};

/* Deep-space (SDP4) terms: secular rates, the resonance of 12 h and 24 h orbits, and the two
 * bodies' periodics. */
struct sgp4_deep {
    struct sgp4_body body[2]; /* 0 the Sun, 1 the Moon */
    double gsto;              /* Greenwich sidereal angle at epoch (rad) */
    double dedt, didt, dmdt, dnodt, domdt;
    int irez; /* 0 none, 1 synchronous (24 h), 2 half-day (12 h) */
    double d2201, d2211, d3210, d3222, d4410, d4422, d5220, d5232, d5421, d5433;
    double del1, del2, del3, xfact, xlamo;
};

struct interf_sgp4 {
    struct sgp4_ne ne;
    struct interf_sgp4_info info;
    struct sgp4_deep deep; /* when info.deep_space */
};

/* Mean elements after the secular (and for SDP4 the lunar-solar) terms, with the inclination
 * dependent coefficients of the periodics: the input of the periodic stage, for one satellite
 * (AIAA 2006-6753 sgp4: ep, xincp, nodep, argpp, mp, am, nm). code is 0 or the error met. */
struct sgp4_mean {
    double ep, xincp, sinip, cosip, nodep, argpp, mp, am, nm;
    double aycof, xlcof, con41, x1mth2, x7thm1;
    int code;
};

/* Kernel (sgp4_kernel.c). Near-Earth satellites [first, first + n) of view at the time given
 * either as minutes since each epoch (tsince_min[0..n), when not NULL) or as POSIX seconds
 * unix_s: TEME positions and velocities into out[0..n) (velocities skipped when out->vx_km_s is
 * NULL; NaN where the code is not 0) and codes into code[0..n). Thread-safe; any n. */
void sgp4_kernel_near(const struct sgp4_ne_view *view, size_t first, size_t n,
                      const double *tsince_min, double unix_s, const struct interf_ephem *out,
                      int *code);
/* The periodic stage alone, for one satellite (the SDP4 path): r_km, v_km_s (may be NULL) as
 * interf_sgp4_propagate; returns the code. */
int sgp4_kernel_periodic(const struct sgp4_mean *mean, double r_km[3], double v_km_s[3]);

/* SDP4 (sgp4_deep.c): initialise sat->deep for a satellite whose near-Earth coefficients and
 * info are set; epoch_1950_d is days since 1950 January 0.0 UTC, the epoch of the model. */
void sgp4_deep_init(struct interf_sgp4 *sat, double epoch_1950_d, double eccsq);
/* Mean elements of a deep-space satellite at tsince_min, or the code (1, 2, 3) that stops it
 * (then only mean->code is set). */
void sgp4_deep_mean(const struct interf_sgp4 *sat, double tsince_min, struct sgp4_mean *mean);

/* Initialise *sat (caller's storage) from tle; errors as interf_sgp4_create (sgp4.c). */
enum interf_status sgp4_init(const struct interf_tle *tle, struct interf_sgp4 *sat,
                             struct interf_error *err);

/* A view of one satellite's coefficients (n = 1). */
void sgp4_ne_view_one(const struct sgp4_ne *ne, struct sgp4_ne_view *view);

#endif
