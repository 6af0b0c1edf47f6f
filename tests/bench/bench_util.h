/* SPDX-License-Identifier: MIT */
/* Clocks and the median shared by the benchmarks. */
#ifndef INTERF_BENCH_UTIL_H
#define INTERF_BENCH_UTIL_H

#include <stdlib.h>
#include <time.h>

/* Wall-clock seconds. */
static inline double bench_wall_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Process CPU seconds: on a shared machine a run that waits for a core does no slower work;
 * with N threads the sum over them (so rates are per core). */
static inline double bench_cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static inline int bench_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The median of t[0..n) (sorts t). */
static inline double bench_median(double *t, int n)
{
    qsort(t, (size_t)n, sizeof *t, bench_cmp);
    return t[n / 2];
}

#endif
