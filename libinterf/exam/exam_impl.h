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

#endif
