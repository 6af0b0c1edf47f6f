/* SPDX-License-Identifier: MIT */
/* Private to the lookup-table builder (lut.c, lut_build.c): the budget's constants, a row under
 * construction and the builder's state. Not installed. */
#ifndef INTERF_LUT_IMPL_H
#define INTERF_LUT_IMPL_H

#include "antenna_impl.h"

#define LUT_CELLS_1D 4096
#define LUT_CELLS_2D 2048
#define LUT_MAXK 12          /* at most 4096 sub-intervals per side of a cell */
#define LUT_MAXROWS 512
#define LUT_STEP_DEG 0.01    /* the budget's exclusion around steps */
#define LUT_NULL_DEG 0.05    /* and around true nulls */
#define LUT_MAIN_DB 0.01     /* budget in the main lobe */
#define LUT_SIDE_DB 0.05     /* elsewhere */
#define LUT_AIM 0.6          /* fraction of the budget the builder aims at */
#define OFF_MASK 0x07FFFFFFu

/* One row under construction: how to evaluate it and what to avoid when checking it. */
struct row {
    double r;        /* q (scaled rows) or azimuth (deg) */
    double az_eval;  /* azimuth used to evaluate (azimuth rows: nudged inside its segment) */
    struct ant_brk brk[64];
    size_t nbrk;
    double *nul;
    size_t nnul;
    double main_deg;
};

struct builder {
    const struct interf_antenna *ant;
    const struct interf_pattern_priv *pv;
    int kind;             /* ANT_LUT_* as built (AXIAL when the set is not azimuthal) */
    int ncell;
    double umax, cpu;     /* index range [0, umax] and cells per unit */
    struct row *rows;
    size_t nrow;
    double s_tail;        /* scaled: s beyond which the tail holds */
    int scale_sin;        /* scaled: one row indexed by sin(phi) q */
    double q_lo;          /* scaled: the narrowest plane's q */
    double *ku;           /* u of every knot of the assembled table */
};

/* lut_build.c: rows for the current density (per rows per segment, or per scale), the cells and
 * values of every row, and whether the mid rows meet the budget (*oom set on out of memory). */
void ant_lut_free_rows(struct builder *b);
enum interf_status ant_lut_make_rows(struct builder *b, struct interf_lut *t, int per,
                                     struct interf_error *err);
enum interf_status ant_lut_assemble(struct builder *b, struct interf_lut *t,
                                    struct interf_error *err);
int ant_lut_rows_ok(struct builder *b, struct interf_lut *t, struct interf_error *err, int *oom);

#endif
