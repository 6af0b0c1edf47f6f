/* SPDX-License-Identifier: MIT */
/* Benchmark of a single earth station over many time steps (S.1503-sized runs):
 * time steps per second of the EPFD run that propagates each satellite only inside its
 * visibility windows, against the same run propagating every satellite at every step (the
 * baseline), on the same inputs: footprints/leo-ku-550.ini (1584 satellites), the earth station
 * at 45 N 10 E with the file's 0.6 m S.1428 dish, the fine step of S.1503-4 §D4.2. One thread,
 * CPU time, medians of REPS rounds; then the windowed run on two threads in wall time. Both paths
 * must give the same histogram, bit for bit (checked on the baseline's steps). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "epfd/epfd_impl.h"
#include "bench_util.h"
#include "interf.h"

#define REPS 5
#define STEPS_WINDOWED 400000L
#define STEPS_FULL 20000L

static struct interf_epfd_plan *plan(const struct interf_system *sys, long n_steps, int threads,
                                     int full)
{
    static const double lat = 45, lon = 10;
    struct interf_epfd_request req = {.sys = sys, .n_points = 1, .lat_deg = &lat,
                                      .lon_deg = &lon, .step_auto = 1, .n_steps = n_steps,
                                      .threads = threads};
    struct interf_epfd_plan *p;
    struct interf_error err;
    if (interf_epfd_plan_request(&req, &p, &err) != INTERF_OK) {
        fprintf(stderr, "bench_point: %s\n", err.msg);
        exit(2);
    }
    p->full_propagation = full;
    return p;
}

/* One run of p into out; its time (CPU or wall seconds). */
static double run(const struct interf_epfd_plan *p, struct interf_epfd_out *out, int wall)
{
    struct interf_error err;
    double t0 = wall ? bench_wall_s() : bench_cpu_s();
    if (interf_epfd_run(p, out, NULL, NULL, &err) != INTERF_OK) {
        fprintf(stderr, "bench_point: %s\n", err.msg);
        exit(2);
    }
    return (wall ? bench_wall_s() : bench_cpu_s()) - t0;
}

/* Median steps per second of REPS runs of p (n_steps each). out receives the last run. */
static double rate(const struct interf_epfd_plan *p, long n_steps, struct interf_epfd_out *out,
                   int wall)
{
    double t[REPS];
    for (int r = 0; r < REPS; r++)
        t[r] = run(p, out, wall);
    return (double)n_steps / bench_median(t, REPS);
}

int main(void)
{
    struct interf_system *sys;
    struct interf_error err;
    if (interf_system_load(INTERF_SOURCE_DIR "/footprints/leo-ku-550.ini", &sys, &err) !=
        INTERF_OK) {
        fprintf(stderr, "bench_point: %s\n", err.msg);
        return 2;
    }
    struct interf_epfd_plan *win = plan(sys, STEPS_WINDOWED, 1, 0);
    struct interf_epfd_plan *full = plan(sys, STEPS_FULL, 1, 1);
    struct interf_epfd_plan *win_short = plan(sys, STEPS_FULL, 1, 0);
    struct interf_epfd_plan *win2 = plan(sys, STEPS_WINDOWED, 2, 0);
    struct interf_epfd_out o_win, o_full, o_short;
    if (interf_epfd_out_create(win, 0, &o_win, &err) != INTERF_OK ||
        interf_epfd_out_create(full, 0, &o_full, &err) != INTERF_OK ||
        interf_epfd_out_create(win_short, 0, &o_short, &err) != INTERF_OK) {
        fprintf(stderr, "bench_point: %s\n", err.msg);
        return 2;
    }
    printf("bench_point: %s, 45 N 10 E, step %.3f s (S.1503-4 §D4.2), %zu satellites\n",
           interf_system_info(sys)->name, interf_epfd_plan_spec(win)->window.step_s,
           interf_system_info(sys)->n_sats);
    double r_full = rate(full, STEPS_FULL, &o_full, 0);
    double r_win = rate(win, STEPS_WINDOWED, &o_win, 0);
    run(win_short, &o_short, 0);
    int same = memcmp(o_full.hist.count, o_short.hist.count,
                      INTERF_EPFD_NBINS * sizeof(uint32_t)) == 0;
    printf("  full propagation, 1 thread:  %10.0f steps/s (CPU, median of %d x %ld steps)\n",
           r_full, REPS, STEPS_FULL);
    printf("  windowed,         1 thread:  %10.0f steps/s (CPU, median of %d x %ld steps)\n",
           r_win, REPS, STEPS_WINDOWED);
    printf("  windowed / full: x%.1f; histograms over %ld steps %s\n", r_win / r_full,
           STEPS_FULL, same ? "identical" : "DIFFER");
    double r_win2 = rate(win2, STEPS_WINDOWED, &o_win, 1);
    printf("  windowed,         2 threads: %10.0f steps/s (wall, median of %d): 10^6 steps in "
           "%.2f s\n", r_win2, REPS, 1e6 / r_win2);
    interf_epfd_out_free(&o_win);
    interf_epfd_out_free(&o_full);
    interf_epfd_out_free(&o_short);
    interf_epfd_plan_destroy(win);
    interf_epfd_plan_destroy(full);
    interf_epfd_plan_destroy(win_short);
    interf_epfd_plan_destroy(win2);
    interf_system_destroy(sys);
    return same ? 0 : 1;
}
