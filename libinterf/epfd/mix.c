/* SPDX-License-Identifier: MIT */
/* Aggregate runs planned whole: several systems on one absolute time axis over the first
 * system's points and earth station, one band plan for every beam's spectrum, the per-channel
 * histograms of the aggregate and of each system (Res. 76 (Rev.WRC-23); the joint simulation
 * of Rec. ITU-R S.1588). The arithmetic is interf_epfd_aggregate's (channels.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "epfd_impl.h"

struct interf_epfd_mix {
    size_t n_sys, n_ch;
    int per_system;
    const struct interf_system *sys[INTERF_EPFD_MIX_MAX];
    struct interf_epfd_plan *plan[INTERF_EPFD_MIX_MAX];
    double *psd[INTERF_EPFD_MIX_MAX];
    struct interf_epfd_spectrum spectrum[INTERF_EPFD_MIX_MAX];
    struct interf_hist_set agg, own[INTERF_EPFD_MIX_MAX];
    struct interf_epfd_chan_info info;
    double lo_ghz, width_khz;
};

void interf_epfd_mix_destroy(struct interf_epfd_mix *m)
{
    if (!m)
        return;
    for (size_t s = 0; s < m->n_sys; s++) {
        interf_epfd_plan_destroy(m->plan[s]);
        free(m->psd[s]);
        interf_hist_set_free(&m->own[s]);
    }
    interf_hist_set_free(&m->agg);
    free(m);
}

/* Every system planned over what the first one's request resolves: its points, earth station
 * and absolute window (start, step and steps fixed once: the systems' epochs may differ). */
static enum interf_status plan_all(struct interf_epfd_mix *m, const struct interf_epfd_mix_request *q,
                                   struct interf_error *err)
{
    struct interf_epfd_request r = q->base;
    for (size_t s = 0; s < q->n_sys; s++) {
        r.sys = m->sys[s] = q->sys[s];
        enum interf_status st = interf_epfd_plan_request(&r, &m->plan[s], err);
        m->n_sys = s + 1;
        if (st != INTERF_OK)
            return st;
        if (s > 0)
            continue;
        const struct interf_epfd_info *in = interf_epfd_plan_info(m->plan[0]);
        const struct interf_time_window *w = &interf_epfd_plan_spec(m->plan[0])->window;
        r.start_given = 1, r.start_unix_s = w->start_unix_s;
        r.step_auto = 0, r.step_s = w->step_s, r.n_steps = w->n_steps, r.duration_s = 0;
        r.es_pattern = in->es->def->name, r.es_dish_m = in->es_dish_m;
        r.freq_ghz = in->freq_ghz, r.ref_bandwidth_khz = in->ref_bandwidth_khz;
    }
    return INTERF_OK;
}

/* The band plan (one channel centred at the run's frequency without one) and each system's
 * spectrum over it. */
static enum interf_status spectra(struct interf_epfd_mix *m,
                                  const struct interf_epfd_mix_request *q,
                                  struct interf_error *err)
{
    const struct interf_epfd_info *in = interf_epfd_plan_info(m->plan[0]);
    double lo = q->lo_ghz, hi = q->hi_ghz;
    m->width_khz = q->channel_khz > 0 ? q->channel_khz : in->ref_bandwidth_khz;
    if (m->width_khz < in->ref_bandwidth_khz * (1 - 1e-9))
        return interf_error_set(err, INTERF_EINPUT,
                                "channel_khz: %g: below the reference bandwidth (%g kHz)",
                                m->width_khz, in->ref_bandwidth_khz);
    if (!(hi > lo))
        lo = in->freq_ghz - m->width_khz * 0.5e-6, hi = lo + m->width_khz * 1e-6;
    m->lo_ghz = lo;
    for (size_t s = 0; s < m->n_sys; s++) {
        enum interf_status st = interf_epfd_spectrum_plan(m->sys[s], lo, hi, m->width_khz,
                                                          &m->psd[s], &m->n_ch, err);
        if (st != INTERF_OK)
            return st;
        m->spectrum[s].n_ch = m->n_ch, m->spectrum[s].psd_dbw = m->psd[s];
    }
    return INTERF_OK;
}

enum interf_status interf_epfd_mix_plan(const struct interf_epfd_mix_request *q,
                                        struct interf_epfd_mix **out, struct interf_error *err)
{
    *out = NULL;
    if (q->n_sys < 1 || q->n_sys > INTERF_EPFD_MIX_MAX || !q->sys)
        return interf_error_set(err, INTERF_EINVAL, "system: 1 to %d systems, not %zu",
                                INTERF_EPFD_MIX_MAX, q->n_sys);
    struct interf_epfd_mix *m = calloc(1, sizeof *m);
    if (!m)
        return interf_error_set(err, INTERF_ENOMEM, "aggregate run: out of memory");
    m->per_system = q->per_system != 0;
    enum interf_status st = plan_all(m, q, err);
    if (st == INTERF_OK)
        st = spectra(m, q, err);
    if (st != INTERF_OK) {
        interf_epfd_mix_destroy(m);
        return st;
    }
    *out = m;
    return INTERF_OK;
}

static double chunk_steps(const struct interf_epfd_mix *m)
{
    long n = interf_epfd_plan_spec(m->plan[0])->window.n_steps;
    return n < INTERF_EPFD_CHUNK_STEPS ? (double)n : INTERF_EPFD_CHUNK_STEPS;
}

double interf_epfd_mix_bytes(const struct interf_epfd_mix *m)
{
    double np = (double)interf_epfd_plan_points(m->plan[0], NULL, NULL);
    return interf_epfd_aggregate_bytes(np, (double)m->n_ch, (double)m->n_sys, m->per_system,
                                       chunk_steps(m));
}

enum interf_status interf_epfd_mix_run(struct interf_epfd_mix *m, uint64_t *clamped,
                                       struct interf_error *err)
{
    size_t nh = interf_epfd_plan_points(m->plan[0], NULL, NULL) * m->n_ch;
    enum interf_status st = interf_hist_set_create(nh, INTERF_EPFD_NBINS, INTERF_EPFD_LEVEL_MIN,
                                                   &m->agg, err);
    for (size_t s = 0; m->per_system && s < m->n_sys && st == INTERF_OK; s++)
        st = interf_hist_set_create(nh, INTERF_EPFD_NBINS, INTERF_EPFD_LEVEL_MIN, &m->own[s],
                                    err);
    if (st == INTERF_OK)
        st = interf_epfd_aggregate((const struct interf_epfd_plan *const *)m->plan, m->spectrum,
                                   m->n_sys, 0, &m->agg, m->per_system ? m->own : NULL, clamped,
                                   &m->info, err);
    return st;
}

void interf_epfd_mix_provenance(const struct interf_epfd_mix *m, const char *const *names,
                                struct interf_provenance *prov)
{
    interf_epfd_provenance(m->plan[0], NULL, prov);
    for (size_t s = 1; s < m->n_sys; s++) {
        char key[32];
        snprintf(key, sizeof key, "system_%zu", s + 1);
        interf_provenance_set(prov, key, "%s", names[s]);
        snprintf(key, sizeof key, "system_%zu_sha256", s + 1);
        interf_provenance_set(prov, key, "%s", interf_system_info(m->sys[s])->sha256);
    }
    interf_provenance_set(prov, "channels", "%zu of %g kHz from %g GHz", m->n_ch, m->width_khz,
                          m->lo_ghz);
    interf_provenance_set_blas(prov);
    interf_provenance_set(prov, "coupling_density", "%.4g",
                          m->info.cells ? (double)m->info.nnz / (double)m->info.cells : 0.0);
}

/* One histogram set: the aggregate (system 0, first) or system s + 1 */
static enum interf_status write_one(const struct interf_epfd_mix *m, FILE *fp, int cdf,
                                    const struct interf_stat *stats, size_t n_stats, int system,
                                    const char *what, const struct interf_provenance *prov,
                                    struct interf_error *err)
{
    const struct interf_hist_set *h = system ? &m->own[system - 1] : &m->agg;
    if (cdf)
        return interf_epfd_write_channel_cdfs(fp, m->plan[0], h, m->n_ch, m->lo_ghz,
                                              m->width_khz, what, system == 0, prov, err);
    return interf_epfd_write_channel_stats(fp, m->plan[0], h, m->n_ch, m->lo_ghz, m->width_khz,
                                           system, stats, n_stats, system == 0, prov, err);
}

enum interf_status interf_epfd_mix_write(const struct interf_epfd_mix *m, FILE *fp, int cdf,
                                         const struct interf_stat *stats, size_t n_stats,
                                         const char *const *names,
                                         const struct interf_provenance *prov,
                                         struct interf_error *err)
{
    char what[64];
    snprintf(what, sizeof what, "aggregate of %zu", m->n_sys);
    enum interf_status st = write_one(m, fp, cdf, stats, n_stats, 0, what, prov, err);
    for (size_t s = 0; m->per_system && s < m->n_sys && st == INTERF_OK; s++)
        st = write_one(m, fp, cdf, stats, n_stats, (int)s + 1, names[s], prov, err);
    return st;
}
