/* SPDX-License-Identifier: MIT */
/* Aggregate runs planned whole: several systems on one absolute time axis over the first
 * system's points and earth station, one band plan for every beam's spectrum, the per-channel
 * histograms of the aggregate and of each system (Res. 76 (Rev.WRC-23); the joint simulation
 * of Rec. ITU-R S.1588), at points or, reduced over channels, on a grid. The arithmetic is
 * interf_epfd_aggregate's and interf_epfd_aggregate_worst's (channels.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "epfd_impl.h"

struct interf_epfd_mix {
    size_t n_sys, n_ch;
    int per_system, want_series;
    const struct interf_system *sys[INTERF_EPFD_MIX_MAX];
    struct interf_epfd_plan *plan[INTERF_EPFD_MIX_MAX];
    double *psd[INTERF_EPFD_MIX_MAX];
    struct interf_epfd_spectrum spectrum[INTERF_EPFD_MIX_MAX];
    struct interf_hist_set agg, own[INTERF_EPFD_MIX_MAX];
    struct interf_epfd_chan_info info;
    double lo_ghz, width_khz;
    int grid;                      /* a grid run: reduced over channels */
    struct interf_hist_set worst;  /* grid: the per-step maximum over channels, a point */
    float *ch_max;                 /* grid: each point's and channel's largest value, W/m2 */
    float *series[INTERF_EPFD_MIX_MAX]; /* series: each system's W/m2, [point][step] */
};

void interf_epfd_mix_destroy(struct interf_epfd_mix *m)
{
    if (!m)
        return;
    for (size_t s = 0; s < m->n_sys; s++) {
        interf_epfd_plan_destroy(m->plan[s]);
        free(m->psd[s]);
        interf_hist_set_free(&m->own[s]);
        free(m->series[s]);
    }
    interf_hist_set_free(&m->agg);
    interf_hist_set_free(&m->worst);
    free(m->ch_max);
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
    m->grid = q->base.grid != NULL;
    if (m->grid && (m->per_system || q->series)) {
        free(m);
        return interf_error_set(err, INTERF_EINPUT, "%s: at points only, not on a grid",
                                q->per_system ? "per_system" : "series");
    }
    enum interf_status st = plan_all(m, q, err);
    if (st == INTERF_OK)
        st = spectra(m, q, err);
    if (st == INTERF_OK && q->series && m->n_ch != 1)
        st = interf_error_set(err, INTERF_EINPUT, "series: in one channel, not %zu (the CDFs "
                              "or statistics give every channel)", m->n_ch);
    m->want_series = q->series != 0;
    if (st != INTERF_OK) {
        interf_epfd_mix_destroy(m);
        return st;
    }
    *out = m;
    return INTERF_OK;
}

/* The steps of a chunk: up to INTERF_EPFD_CHUNK_STEPS; on a grid as many whole blocks of the
 * kernel's steps as keep the chunk's sums of n_points x n_ch floats within
 * INTERF_EPFD_GRID_CHUNK_BYTES, at least one block. Chunks of whole blocks start the blocks
 * at the steps a run in one chunk starts them, so that each block's products hold the same
 * emitters in the same order: the same bits whatever the chunk. */
static double chunk_of(int grid, double n_points, double n_ch, double n_steps)
{
    double c = INTERF_EPFD_CHUNK_STEPS;
    if (grid)
        c = fmin(c, EPFD_BLOCK * fmax(1, floor(INTERF_EPFD_GRID_CHUNK_BYTES /
                                               (n_points * n_ch * 4.0 * EPFD_BLOCK))));
    return n_steps > 0 && n_steps < c ? n_steps : c;
}

static double chunk_steps(const struct interf_epfd_mix *m)
{
    return chunk_of(m->grid, (double)interf_epfd_plan_points(m->plan[0], NULL, NULL),
                    (double)m->n_ch, (double)interf_epfd_plan_spec(m->plan[0])->window.n_steps);
}

/* The results and chunk buffers of a run over n_points points and n_ch channels; a series
 * run holds each system's samples of its n_steps, and one system's of the run at a time. */
static double run_bytes(int grid, int series, double np, double n_ch, double n_sys,
                        int per_system, double chunk, double n_steps)
{
    if (series)
        return (n_sys + 1) * np * n_steps * 4.0;
    if (!grid)
        return interf_epfd_aggregate_bytes(np, n_ch, n_sys, per_system, chunk);
    return np * (INTERF_EPFD_NBINS + n_ch) * 4.0 + np * chunk * n_ch * 4.0;
}

double interf_epfd_mix_bytes(const struct interf_epfd_mix *m)
{
    double np = (double)interf_epfd_plan_points(m->plan[0], NULL, NULL);
    return run_bytes(m->grid, m->want_series, np, (double)m->n_ch, (double)m->n_sys,
                     m->per_system, chunk_steps(m),
                     (double)interf_epfd_plan_spec(m->plan[0])->window.n_steps);
}

double interf_epfd_mix_request_bytes(const struct interf_epfd_mix_request *q)
{
    const struct interf_grid_spec *g = q->base.grid;
    double np = g ? (double)g->ncols * (double)g->nrows : (double)q->base.n_points;
    double ref = q->base.ref_bandwidth_khz;
    if (!(ref > 0) && q->n_sys > 0 && q->sys)
        ref = interf_system_info(q->sys[0])->ref_bandwidth_khz;
    double w = q->channel_khz > 0 ? q->channel_khz : ref, n_ch = 1;
    if (q->hi_ghz > q->lo_ghz && w > 0)
        n_ch = fmin(fmax(1, ceil((q->hi_ghz - q->lo_ghz) / (w * 1e-6) - 1e-6)),
                    INTERF_EPFD_CHANNELS_MAX);
    double chunk = chunk_of(g != NULL, np, n_ch, (double)q->base.n_steps);
    /* each plan's tables of the points: a run without histograms and a series of no step (a
     * series run of --duration: its steps are counted once planned) */
    return (double)q->n_sys * interf_epfd_memory_bytes(np, 0, 1) +
           run_bytes(g != NULL, q->series, np, n_ch, (double)q->n_sys, q->per_system, chunk,
                     (double)q->base.n_steps);
}

void interf_epfd_mix_partition(const struct interf_epfd_mix *m, size_t n_parts, size_t part,
                               long *step_begin, long *step_end)
{
    const unsigned long long n = (unsigned long long)interf_epfd_plan_spec(m->plan[0])->window
                                     .n_steps,
                             blocks = (n + EPFD_BLOCK - 1) / EPFD_BLOCK;
    unsigned long long b0 = blocks * part / n_parts, b1 = blocks * (part + 1) / n_parts;
    *step_begin = (long)(b0 * EPFD_BLOCK < n ? b0 * EPFD_BLOCK : n);
    *step_end = (long)(b1 * EPFD_BLOCK < n ? b1 * EPFD_BLOCK : n);
}

/* Each system's samples of the steps [k0, k1), in W/m2 (one channel), into its series of the
 * whole run ([point][step]), and the window's samples the aggregate's top bin would clamp. */
static enum interf_status run_series(struct interf_epfd_mix *m, long k0, long k1,
                                     uint64_t *clamped, struct interf_error *err)
{
    const size_t np = interf_epfd_plan_points(m->plan[0], NULL, NULL), w = (size_t)(k1 - k0);
    const size_t n = (size_t)interf_epfd_plan_spec(m->plan[0])->window.n_steps;
    const struct interf_epfd_slice sl = {0, 1, k0, k1};
    struct interf_epfd_bins *bins = malloc(sizeof *bins);
    float *lin = calloc(np * w + 1, sizeof *lin);
    enum interf_status st = bins && lin ? INTERF_OK : INTERF_ENOMEM;
    for (size_t s = 0; s < m->n_sys && st == INTERF_OK; s++) {
        memset(lin, 0, np * w * sizeof *lin);
        st = interf_epfd_run_channels(m->plan[s], &sl, &m->spectrum[s], lin, &m->info, err);
        for (size_t g = 0; g < np && st == INTERF_OK; g++)
            memcpy(m->series[s] + g * n + (size_t)k0, lin + g * w, w * sizeof *lin);
    }
    if (st == INTERF_ENOMEM)
        st = interf_error_set(err, INTERF_ENOMEM, "aggregate series: out of memory");
    if (st == INTERF_OK)
        interf_epfd_bins_init(bins);
    for (size_t g = 0; st == INTERF_OK && g < np; g++)
        for (size_t t = (size_t)k0; t < (size_t)k1; t++) {
            float sum = 0;
            int c;
            for (size_t s = 0; s < m->n_sys; s++)
                sum += m->series[s][g * n + t];
            interf_epfd_bin(bins, sum, &c);
            *clamped += (uint64_t)c;
        }
    free(lin);
    free(bins);
    return st;
}

/* The results, allocated at the first run and zeroed at each. */
static enum interf_status results(struct interf_epfd_mix *m, struct interf_error *err)
{
    const size_t np = interf_epfd_plan_points(m->plan[0], NULL, NULL);
    enum interf_status st = INTERF_OK;
    struct interf_epfd_mix_results r;
    memset(&m->info, 0, sizeof m->info);
    if (m->grid && !m->ch_max) {
        st = interf_hist_set_create(np, INTERF_EPFD_NBINS, INTERF_EPFD_LEVEL_MIN, &m->worst, err);
        if (st == INTERF_OK && !(m->ch_max = calloc(np * m->n_ch, sizeof *m->ch_max)))
            st = interf_error_set(err, INTERF_ENOMEM, "aggregate run: out of memory");
    } else if (m->want_series && !m->series[0]) {
        size_t n = (size_t)interf_epfd_plan_spec(m->plan[0])->window.n_steps;
        for (size_t s = 0; s < m->n_sys && st == INTERF_OK; s++)
            if (!(m->series[s] = calloc(np * n + 1, sizeof(float))))
                st = interf_error_set(err, INTERF_ENOMEM, "aggregate series: out of memory");
    } else if (!m->grid && !m->want_series && !m->agg.count) {
        st = interf_hist_set_create(np * m->n_ch, INTERF_EPFD_NBINS, INTERF_EPFD_LEVEL_MIN,
                                    &m->agg, err);
        for (size_t s = 0; m->per_system && s < m->n_sys && st == INTERF_OK; s++)
            st = interf_hist_set_create(np * m->n_ch, INTERF_EPFD_NBINS,
                                        INTERF_EPFD_LEVEL_MIN, &m->own[s], err);
    }
    if (st != INTERF_OK)
        return st;
    interf_epfd_mix_results(m, &r);
    for (size_t k = 0; k < r.n_sets; k++)
        epfd_hist_zero(r.count[k], r.n_counts);
    if (r.ch_max)
        memset(r.ch_max, 0, r.n_ch_max * sizeof *r.ch_max);
    for (size_t s = 0; r.series[0] && s < m->n_sys; s++)
        memset(r.series[s], 0, r.n_points * r.n_steps * sizeof *r.series[s]);
    return INTERF_OK;
}

enum interf_status interf_epfd_mix_run_slice(struct interf_epfd_mix *m, long step_begin,
                                             long step_end, uint64_t *clamped,
                                             struct interf_error *err)
{
    const struct interf_epfd_plan *const *plans = (const struct interf_epfd_plan *const *)m->plan;
    const long n = interf_epfd_plan_spec(m->plan[0])->window.n_steps;
    if (clamped)
        *clamped = 0;
    if (step_begin < 0 || step_begin > step_end || step_end > n)
        return interf_error_set(err, INTERF_EINVAL, "EPFD aggregate: steps %ld to %ld of %ld",
                                step_begin, step_end, n);
    enum interf_status st = results(m, err);
    if (st != INTERF_OK)
        return st;
    uint64_t unused;
    if (m->want_series)
        return run_series(m, step_begin, step_end, clamped ? clamped : &unused, err);
    const struct epfd_sink k = {m->grid ? NULL : &m->agg, m->per_system ? m->own : NULL,
                                m->grid ? &m->worst : NULL, m->ch_max, step_begin, step_end};
    /* the one-process chunk: the window's blocks are then the whole run's */
    return epfd_aggregate(plans, m->spectrum, m->n_sys, (long)chunk_steps(m), &k, clamped,
                          &m->info, err);
}

enum interf_status interf_epfd_mix_run(struct interf_epfd_mix *m, uint64_t *clamped,
                                       struct interf_error *err)
{
    return interf_epfd_mix_run_slice(m, 0, interf_epfd_plan_spec(m->plan[0])->window.n_steps,
                                     clamped, err);
}

void interf_epfd_mix_results(struct interf_epfd_mix *m, struct interf_epfd_mix_results *r)
{
    const size_t np = interf_epfd_plan_points(m->plan[0], NULL, NULL);
    memset(r, 0, sizeof *r);
    r->info = &m->info;
    if (m->want_series && m->series[0]) {
        memcpy(r->series, m->series, m->n_sys * sizeof *r->series);
        r->n_points = np, r->n_steps = (size_t)interf_epfd_plan_spec(m->plan[0])->window.n_steps;
    } else if (m->grid && m->ch_max) {
        r->n_sets = 1, r->count[0] = m->worst.count, r->n_counts = np * INTERF_EPFD_NBINS;
        r->ch_max = m->ch_max, r->n_ch_max = np * m->n_ch;
    } else if (!m->grid && m->agg.count) {
        r->n_sets = 1 + (m->per_system ? m->n_sys : 0);
        r->n_counts = np * m->n_ch * INTERF_EPFD_NBINS;
        r->count[0] = m->agg.count;
        for (size_t s = 1; s < r->n_sets; s++)
            r->count[s] = m->own[s - 1].count;
    }
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

static double db_of(float w) { return w > 0 ? 10.0 * log10(w) : -300.0; }

/* The series of the aggregate and of each system, point by point. */
static enum interf_status write_series(const struct interf_epfd_mix *m, FILE *fp,
                                       const char *const *names,
                                       const struct interf_provenance *prov,
                                       struct interf_error *err)
{
    const struct interf_epfd_plan *p = m->plan[0];
    const struct interf_time_window *w = &p->spec.window;
    int first = 1;
    if (!m->series[0])
        return interf_error_set(err, INTERF_EINVAL, "interf_epfd_mix_write: not run");
    epfd_nodata_lines(fp, p);
    for (size_t i = 0; i < p->n_points; i++) {
        if (p->nodata[i])
            continue;
        fputs(first ? "# t_s aggregate" : ">\n# t_s aggregate", fp);
        first = 0;
        for (size_t s = 0; s < m->n_sys; s++)
            fprintf(fp, " %s", names[s]);
        fprintf(fp, "\n# quantity: %s (dB(W/m2) in %g kHz)\n", p->info.quantity,
                p->info.ref_bandwidth_khz);
        enum interf_status st = interf_provenance_write(fp, prov, err);
        if (st != INTERF_OK)
            return st;
        fprintf(fp, "# lat_deg: %g\n# lon_deg: %g\n", p->lat_deg[i], p->lon_deg[i]);
        for (long t = 0; t < w->n_steps; t++) {
            size_t k = i * (size_t)w->n_steps + (size_t)t;
            float sum = 0;
            for (size_t s = 0; s < m->n_sys; s++)
                sum += m->series[s][k];
            fprintf(fp, "%12.3f  %10.4f", p->run.t0_s + (double)t * w->step_s, db_of(sum));
            for (size_t s = 0; s < m->n_sys; s++)
                fprintf(fp, "  %10.4f", db_of(m->series[s][k]));
            fputc('\n', fp);
        }
    }
    return ferror(fp) ? epfd_write_error(err) : INTERF_OK;
}

enum interf_status interf_epfd_mix_write(const struct interf_epfd_mix *m, FILE *fp, int cdf,
                                         const struct interf_stat *stats, size_t n_stats,
                                         const char *const *names,
                                         const struct interf_provenance *prov,
                                         struct interf_error *err)
{
    if (m->grid)
        return interf_error_set(err, INTERF_EINVAL, "interf_epfd_mix_write: a grid run "
                                "(interf_epfd_mix_save_grids)");
    if (m->want_series)
        return write_series(m, fp, names, prov, err);
    char what[64];
    snprintf(what, sizeof what, "aggregate of %zu", m->n_sys);
    enum interf_status st = write_one(m, fp, cdf, stats, n_stats, 0, what, prov, err);
    for (size_t s = 0; m->per_system && s < m->n_sys && st == INTERF_OK; s++)
        st = write_one(m, fp, cdf, stats, n_stats, (int)s + 1, names[s], prov, err);
    return st;
}

const char *interf_epfd_grid_path(const char *prefix, const struct interf_stat *st,
                                      char *buf, size_t n)
{
    int len = snprintf(buf, n, "%s.%s.asc", prefix, st ? st->label : INTERF_EPFD_CHANNEL_LABEL);
    return len >= 0 && (size_t)len < n ? buf : NULL;
}

/* The band plan's channel centres, "10.825 11.075 ..." (GHz), or, when they do not fit in a
 * metadata value, the rule that gives them. */
static void centres(const struct interf_epfd_mix *m, char *buf, size_t n)
{
    size_t used = 0;
    for (size_t c = 0; c < m->n_ch && used < n; c++) {
        double f = m->lo_ghz + ((double)c + 0.5) * m->width_khz * 1e-6;
        used += (size_t)interf_format_c(buf + used, n - used, c ? " %.9g" : "%.9g", f);
    }
    if (used >= n)
        interf_format_c(buf, n, "%.9g + %.9g (channel - 1)", m->lo_ghz + m->width_khz * 0.5e-6,
                        m->width_khz * 1e-6);
}

/* The grid of the worst channel (interf_epfd_worst_channel: 0 where no emitter is in view, NaN
 * there too with floor_nodata; NaN where the point is not computed) and its metadata. */
static enum interf_status channel_grid(const struct interf_epfd_mix *m, int floor_nodata,
                                       const struct interf_provenance *prov,
                                       struct interf_grid **g, struct interf_grid_meta *meta,
                                       struct interf_error *err)
{
    const struct interf_epfd_plan *p = m->plan[0];
    struct interf_epfd_bins *bins = malloc(sizeof *bins);
    char v[1024];
    if (!bins)
        return interf_error_set(err, INTERF_ENOMEM, "aggregate grid: out of memory");
    interf_epfd_bins_init(bins);
    enum interf_status st = interf_grid_create(p->spec.grid, g, err);
    for (size_t i = 0; st == INTERF_OK && i < p->n_points; i++) {
        int w = p->nodata[i] ? 0 : interf_epfd_worst_channel(m->ch_max + i * m->n_ch, m->n_ch,
                                                               bins);
        (*g)->values[i] = p->nodata[i] || (w == 0 && floor_nodata) ? NAN : (double)w;
    }
    free(bins);
    interf_grid_meta_init(meta);
    interf_grid_meta_set(meta, "quantity", "worst_channel", NULL);
    interf_grid_meta_set(meta, "statistic", "the channel of the highest max (0.1 dB bins; a "
                         "tie: the lowest channel)", NULL);
    interf_grid_meta_set(meta, "label", "worst channel", NULL);
    interf_grid_meta_set(meta, "legend", "classes", NULL);
    if (!floor_nodata)
        interf_grid_meta_set(meta, "floor_value", "0", NULL);
    interf_format_c(v, sizeof v, "%zu", m->n_ch);
    interf_grid_meta_set(meta, "channel_count", v, NULL);
    interf_format_c(v, sizeof v, "%g", m->width_khz);
    interf_grid_meta_set(meta, "channel_width_khz", v, NULL);
    centres(m, v, sizeof v);
    interf_grid_meta_set(meta, "channel_centres_ghz", v, NULL);
    return st == INTERF_OK ? interf_grid_meta_set_provenance(meta, prov, err) : st;
}

/* The grid of statistic st of the per-step maximum over channels and its metadata. */
static enum interf_status stat_grid(const struct interf_epfd_mix *m, const struct interf_stat *st,
                                    int floor_nodata, const struct interf_provenance *prov,
                                    struct interf_grid **g, struct interf_grid_meta *meta,
                                    struct interf_error *err)
{
    const struct interf_epfd_out out = {.hist = m->worst};
    char v[128];
    if (st->kind == INTERF_STAT_MARGIN)
        return interf_error_set(err, INTERF_EINVAL, "stat: %s: not per channel (check the CDFs "
                                "at points with interf-check)", st->name);
    enum interf_status s = interf_epfd_stat_grid(m->plan[0], &out, st, NULL, floor_nodata, g,
                                                 err);
    if (s == INTERF_OK)
        s = interf_epfd_stat_meta(m->plan[0], st, floor_nodata, prov, meta, err);
    interf_format_c(v, sizeof v, "the per-step maximum over %zu channels: at least each "
                    "channel's %s", m->n_ch, st->name);
    return s == INTERF_OK ? interf_grid_meta_set(meta, "over_channels", v, err) : s;
}

enum interf_status interf_epfd_mix_save_grids(const struct interf_epfd_mix *m,
                                              struct interf_outset *set, const char *prefix,
                                              const struct interf_stat *stats, size_t n_stats,
                                              int floor_nodata,
                                              const struct interf_provenance *prov,
                                              struct interf_error *err)
{
    if (!m->grid || !m->ch_max)
        return interf_error_set(err, INTERF_EINVAL, "interf_epfd_mix_save_grids: not a grid "
                                "run that has run");
    enum interf_status s = INTERF_OK;
    for (size_t k = 0; k <= n_stats && s == INTERF_OK; k++) {
        const struct interf_stat *st = k < n_stats ? &stats[k] : NULL;
        struct interf_grid *g = NULL;
        struct interf_grid_meta meta;
        char path[4096];
        if (!interf_epfd_grid_path(prefix, st, path, sizeof path))
            return interf_error_set(err, INTERF_EINPUT, "output: %s: name too long", prefix);
        s = st ? stat_grid(m, st, floor_nodata, prov, &g, &meta, err)
               : channel_grid(m, floor_nodata, prov, &g, &meta, err);
        if (s == INTERF_OK) /* percentages of time to 4 decimals, levels to 0.1 dB */
            s = interf_grid_save(set, path, g, &meta,
                                 !st ? 0 : st->kind == INTERF_STAT_EXCEED ? 4 : 1, err);
        interf_grid_destroy(g);
    }
    return s;
}
