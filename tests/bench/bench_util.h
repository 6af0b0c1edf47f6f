/* SPDX-License-Identifier: MIT */
/* Clocks and the median shared by the benchmarks. */
#ifndef INTERF_BENCH_UTIL_H
#define INTERF_BENCH_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

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

/* OpenBLAS picks its kernels once, when it loads, from OPENBLAS_CORETYPE when the environment
 * sets it (a machine may pin an older core's kernels there): the benchmarks name the core
 * (openblas_get_corename) beside every BLAS figure and, when the variable is set, measure their
 * BLAS figures again in a fresh process of the same program without it. */

/* 1 in that second process: run the BLAS figures (and their baselines) only. */
static inline int bench_blas_rerun_child(void)
{
    const char *e = getenv("INTERF_BENCH_BLAS_RERUN");
    return e && *e == '1';
}

/* In the first process, when OPENBLAS_CORETYPE is set: run this program again without it and
 * wait for it. Returns the exit status to end with (0 when nothing was to be done). */
static inline int bench_blas_rerun(char **argv)
{
    const char *ct = getenv("OPENBLAS_CORETYPE");
    if (!ct || bench_blas_rerun_child())
        return 0;
    printf("OPENBLAS_CORETYPE=%s was set; the BLAS figures again without it:\n", ct);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        unsetenv("OPENBLAS_CORETYPE");
        setenv("INTERF_BENCH_BLAS_RERUN", "1", 1);
        execv("/proc/self/exe", argv);
        execvp(argv[0], argv);
        _exit(127);
    }
    int st = 0;
    if (pid < 0 || waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        fprintf(stderr, "%s: the run without OPENBLAS_CORETYPE failed\n", argv[0]);
        return 2;
    }
    return 0;
}

#endif
