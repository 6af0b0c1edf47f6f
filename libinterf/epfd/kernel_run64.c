/* SPDX-License-Identifier: MIT */
/* The EPFD kernel in double precision, for plans with spec.fp64: kernel_run.c compiled again
 * with double as its working type (one source for both, so the two cannot drift apart). */
#define EPFD_FP64 1
#include "kernel_run.c"
