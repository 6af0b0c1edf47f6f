/* SPDX-License-Identifier: MIT */
/* A run of the examination in parts, Rec. ITU-R S.1503-4 (09/2023): its fine steps cut into
 * contiguous windows (one per process), each counted into the 0.1 dB histogram of §D1.4 with
 * the dual time step of §D4.7 (a block decided by its own first step: a window counts exactly
 * what the whole run counts there), the parts' counts summed, and the verdict of §D7 from the
 * sum. interf_exam_execute is the run in one part. */
#include <math.h>
#include <omp.h>
#include <string.h>

#include "filing_impl.h"

void interf_exam_window(const struct interf_exam *ex, size_t k, int n_parts, int part,
                        int64_t *first, int64_t *end)
{
    int64_t n = k < ex->n_runs ? ex->runs[k].n_steps : 0, p = n_parts > 0 ? n_parts : 1;
    int64_t i = part < 0 ? 0 : part > p ? p : part, q = n / p, rem = n % p;
    /* the first n mod P windows one step longer */
    *first = q * i + (i < rem ? i : rem);
    *end = i == p ? n : q * (i + 1) + (i + 1 < rem ? i + 1 : rem);
}

void interf_exam_part_init(struct interf_exam_part *p)
{
    memset(p, 0, sizeof *p);
    p->max_db = -INFINITY;
}

void interf_exam_part_merge(struct interf_exam_part *into, const struct interf_exam_part *from)
{
    for (size_t b = 0; b < INTERF_EPFD_NBINS; b++)
        into->count[b] += from->count[b];
    into->total += from->total;
    into->evaluated += from->evaluated;
    into->coarse_blocks += from->coarse_blocks;
    into->clamped += from->clamped;
    into->links += from->links;
    into->accepted += from->accepted;
    into->max_db = fmax(into->max_db, from->max_db);
    into->threads_used = into->threads_used > from->threads_used ? into->threads_used
                                                                 : from->threads_used;
}

/* The EPFD-down steps [first, end) at the run's earth station (§D5.1.4.1) */
static enum interf_status down_part(const struct interf_exam *ex, const struct interf_exam_run *r,
                                    int64_t first, int64_t end, struct interf_exam_part *out,
                                    interf_progress_fn progress, void *user,
                                    struct interf_error *err)
{
    struct interf_exam_station q = {ex->req.sys, &r->es, r->es_lat_deg, r->es_lon_deg,
                                    r->gso_lon_deg, r->ref_bandwidth_khz, 0, r->timing.dt_fine_s,
                                    r->n_steps, (double)r->n_steps * r->timing.dt_fine_s,
                                    r->timing.n_coarse,
                                    r->timing.req.repeating ? 0 : r->timing.d_art_deg_s,
                                    ex->req.threads};
    struct interf_exam_station_out s;
    enum interf_status st = interf_exam_station_run_window(&q, first, end, &s, NULL, progress,
                                                           user, err);
    if (st != INTERF_OK)
        return st;
    memcpy(out->count, s.count, sizeof out->count);
    out->total = s.total;
    out->evaluated = s.evaluated;
    out->clamped = s.clamped;
    out->max_db = s.max_db;
    out->threads_used = s.threads_used;
    return INTERF_OK;
}

enum interf_status interf_exam_run_part(struct interf_exam *ex, size_t k, int64_t first,
                                        int64_t end, struct interf_exam_part *out,
                                        interf_progress_fn progress, void *user,
                                        struct interf_error *err)
{
    interf_exam_part_init(out);
    if (k >= ex->n_runs || !ex->runs[k].prepared)
        return interf_error_set(err, INTERF_EINVAL, "examination: run %zu not prepared", k);
    struct interf_exam_run *r = &ex->runs[k];
    if (!(first >= 0 && first <= end && end <= r->n_steps))
        return interf_error_set(err, INTERF_EINVAL, "examination: %s: steps %lld to %lld: not "
                                "a window of its %lld", r->name, (long long)first,
                                (long long)end, (long long)r->n_steps);
    if (r->link != INTERF_EXAM_LINK_DOWN)
        return filing_uplink_part(r, first, end, out, progress, user, err);
    return down_part(ex, r, first, end, out, progress, user, err);
}

enum interf_status interf_exam_finish(struct interf_exam *ex, size_t k,
                                      const struct interf_exam_part *all, double run_seconds,
                                      struct interf_error *err)
{
    if (k >= ex->n_runs || !ex->runs[k].prepared)
        return interf_error_set(err, INTERF_EINVAL, "examination: run %zu not prepared", k);
    struct interf_exam_run *r = &ex->runs[k];
    if (all->total != (uint64_t)r->n_steps)
        return interf_error_set(err, INTERF_EINVAL, "examination: %s: the parts count %llu "
                                "steps of %lld", r->name, (unsigned long long)all->total,
                                (long long)r->n_steps);
    memcpy(r->res.count, all->count, sizeof r->res.count);
    r->res.total = all->total;
    r->res.evaluated = all->evaluated;
    r->res.clamped = all->clamped;
    r->res.max_db = all->max_db;
    r->res.threads_used = all->threads_used;
    if (r->link != INTERF_EXAM_LINK_DOWN) {
        struct interf_exam_run_stats *s = &r->stats;
        double n = all->evaluated ? (double)all->evaluated : 1;
        *s = (struct interf_exam_run_stats){.n_evaluated = (int64_t)all->evaluated,
                                            .n_coarse_blocks = (int64_t)all->coarse_blocks,
                                            .weight = all->total,
                                            .links_per_step = all->links / n,
                                            .accepted_per_step = all->accepted / n,
                                            .links_sum = all->links,
                                            .accepted_sum = all->accepted,
                                            .max_epfd_db = all->max_db,
                                            .clamped = all->clamped,
                                            .threads_used = all->threads_used};
    }
    r->run_seconds = run_seconds;
    enum interf_status st = filing_verdict(ex, r, err);
    r->done = st == INTERF_OK;
    return st;
}

enum interf_status interf_exam_execute(struct interf_exam *ex, size_t k,
                                       interf_progress_fn progress, void *user,
                                       struct interf_error *err)
{
    struct interf_exam_part all;
    enum interf_status st = interf_exam_prepare(ex, k, progress, user, err);
    if (st != INTERF_OK)
        return st;
    double t0 = omp_get_wtime();
    st = interf_exam_run_part(ex, k, 0, ex->runs[k].n_steps, &all, progress, user, err);
    if (st != INTERF_OK)
        return st;
    return interf_exam_finish(ex, k, &all, omp_get_wtime() - t0, err);
}
