/* SPDX-License-Identifier: MIT */
/* Frequency-resolved and multi-system EPFD: a system's spectrum turned into the kernel's
 * per-emitter weights, the per-channel histograms, and the aggregate of several systems summed
 * in linear power per point, step and channel (Res. 76 (Rev.WRC-23); the "joint simulation" of
 * Rec. ITU-R S.1588 as open implementations run it: one time axis, powers summed). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "epfd_impl.h"

/* The index of beam bm among the system's beams. */
static size_t beam_index(const struct interf_system *sys, const struct interf_system_beam *bm)
{
    size_t n = interf_system_info(sys)->n_beams, b = 0;
    while (b < n && interf_system_beam(sys, b) != bm)
        b++;
    return b;
}

/* S[e, c] = PSD(e, c) / Pe for every emitter of p, or NULL (err set). */
static float *spectrum_weights(const struct interf_epfd_plan *p,
                               const struct interf_epfd_spectrum *sp, struct interf_error *err)
{
    const struct interf_system *sys = p->spec.sys;
    const struct interf_system_info *info = interf_system_info(sys);
    const size_t nch = sp->n_ch;
    for (size_t i = 0; i < info->n_beams * nch; i++)
        if (isnan(sp->psd_dbw[i]) || sp->psd_dbw[i] == HUGE_VAL) {
            interf_error_set(err, INTERF_EINPUT, "%s: beam %s: channel %zu: PSD is not a number",
                             info->path, interf_system_beam(sys, i / nch)->name, i % nch + 1);
            return NULL;
        }
    float *rel = malloc(p->n_em * nch * sizeof *rel);
    if (!rel) {
        interf_error_set(err, INTERF_ENOMEM, "EPFD run: out of memory");
        return NULL;
    }
    for (size_t j = 0; j < p->n_em; j++) {
        const struct interf_system_beam *bm = p->em[j].beam;
        const double *psd = bm ? sp->psd_dbw + beam_index(sys, bm) * nch : NULL;
        for (size_t c = 0; c < nch; c++)
            rel[j * nch + c] = !bm                                ? 1.0f
                               : psd[c] <= INTERF_EPFD_PSD_OFF_DBW ? 0.0f
                               : (float)pow(10.0, (psd[c] - bm->power_dbw) / 10.0);
    }
    return rel;
}

enum interf_status interf_epfd_run_channels(const struct interf_epfd_plan *plan,
                                            const struct interf_epfd_slice *slice,
                                            const struct interf_epfd_spectrum *sp, float *lin,
                                            struct interf_epfd_chan_info *info,
                                            struct interf_error *err)
{
    if (plan->spec.fp64)
        return interf_error_set(err, INTERF_EINVAL, "EPFD channels: single-precision plans "
                                "only");
    if (sp->n_ch < 1 || (!sp->psd_dbw && interf_system_info(plan->spec.sys)->n_beams > 0))
        return interf_error_set(err, INTERF_EINPUT, "%s: spectrum: no channel",
                                interf_system_info(plan->spec.sys)->path);
    float *rel = spectrum_weights(plan, sp, err);
    if (!rel)
        return err ? err->status : INTERF_EINPUT;
    enum interf_status st = epfd_run_chan(plan, slice, sp->n_ch, rel, lin, info, err);
    free(rel);
    return st;
}

uint64_t interf_epfd_channels_count(const float *lin, size_t n_points, size_t n_steps,
                                    size_t n_ch, const unsigned char *skip,
                                    const struct interf_epfd_bins *bins,
                                    struct interf_hist_set *hist)
{
    uint64_t clamped = 0;
    for (size_t g = 0; g < n_points; g++) {
        if (skip && skip[g])
            continue;
        for (size_t t = 0; t < n_steps; t++) {
            const float *v = lin + (g * n_steps + t) * n_ch;
            for (size_t c = 0; c < n_ch; c++) {
                int cl;
                hist->count[(g * n_ch + c) * INTERF_EPFD_NBINS +
                            (size_t)interf_epfd_bin(bins, v[c], &cl)]++;
                clamped += (uint64_t)cl;
            }
        }
    }
    return clamped;
}

double interf_epfd_aggregate_bytes(double n_points, double n_ch, double n_sys, int per_system,
                                   double chunk_steps)
{
    double hists = n_points * n_ch * INTERF_EPFD_NBINS * 4.0 * (1.0 + (per_system ? n_sys : 0));
    return hists + n_points * n_ch * chunk_steps * 4.0 * (per_system ? 2.0 : 1.0);
}

/* The plans must share points, window and channel count. */
static enum interf_status check_plans(const struct interf_epfd_plan *const *plans,
                                      const struct interf_epfd_spectrum *spectra, size_t n_sys,
                                      struct interf_error *err)
{
    const struct interf_epfd_plan *a = plans[0];
    for (size_t s = 1; s < n_sys; s++) {
        const struct interf_epfd_plan *b = plans[s];
        const char *path = interf_system_info(b->spec.sys)->path;
        int same = a->n_points == b->n_points &&
                   !memcmp(a->lat_deg, b->lat_deg, a->n_points * sizeof *a->lat_deg) &&
                   !memcmp(a->lon_deg, b->lon_deg, a->n_points * sizeof *a->lon_deg);
        if (!same)
            return interf_error_set(err, INTERF_EINPUT, "%s: aggregate: not the points of %s",
                                    path, interf_system_info(a->spec.sys)->path);
        const struct interf_time_window *u = &a->spec.window, *v = &b->spec.window;
        if (u->start_unix_s != v->start_unix_s || u->step_s != v->step_s ||
            u->n_steps != v->n_steps)
            return interf_error_set(err, INTERF_EINPUT, "%s: aggregate: not the time steps of "
                                    "%s", path, interf_system_info(a->spec.sys)->path);
        if (spectra[s].n_ch != spectra[0].n_ch)
            return interf_error_set(err, INTERF_EINPUT, "%s: aggregate: %zu channels, not %zu",
                                    path, spectra[s].n_ch, spectra[0].n_ch);
    }
    return INTERF_OK;
}

uint64_t interf_epfd_channels_worst(const float *lin, size_t n_points, size_t n_steps,
                                    size_t n_ch, const unsigned char *skip,
                                    const struct interf_epfd_bins *bins,
                                    struct interf_hist_set *worst, float *ch_max)
{
    uint64_t clamped = 0;
    for (size_t g = 0; g < n_points; g++) {
        if (skip && skip[g])
            continue;
        float *mx = ch_max + g * n_ch;
        for (size_t t = 0; t < n_steps; t++) {
            const float *v = lin + (g * n_steps + t) * n_ch;
            float top = v[0];
            for (size_t c = 0; c < n_ch; c++) {
                top = v[c] > top ? v[c] : top;
                mx[c] = v[c] > mx[c] ? v[c] : mx[c];
            }
            int cl;
            worst->count[g * INTERF_EPFD_NBINS + (size_t)interf_epfd_bin(bins, top, &cl)]++;
            clamped += (uint64_t)cl;
        }
    }
    return clamped;
}

int interf_epfd_worst_channel(const float *ch_max, size_t n_ch,
                              const struct interf_epfd_bins *bins)
{
    int best = 0, best_bin = 0;
    for (size_t c = 0; c < n_ch; c++) {
        int b = interf_epfd_bin(bins, ch_max[c], NULL);
        if (b > best_bin) /* strictly higher: a tie keeps the lower channel */
            best = (int)c + 1, best_bin = b;
    }
    return best;
}

/* Steps [k0, k0 + chunk), ... (k0 from k->step_begin, to k->step_end) of every system summed
 * in linear power into sum and counted into the sink k; own: a system's own sums (with
 * k->per_sys). */
static enum interf_status run_chunks(const struct interf_epfd_plan *const *plans,
                                     const struct interf_epfd_spectrum *spectra, size_t n_sys,
                                     long chunk, const struct epfd_sink *k, float *sum, float *own,
                                     uint64_t *clamped, struct interf_epfd_chan_info *info,
                                     struct interf_error *err)
{
    const struct interf_epfd_plan *p0 = plans[0];
    const size_t np = p0->n_points, nch = spectra[0].n_ch;
    const long n = k->step_end;
    enum interf_status st = INTERF_OK;
    struct interf_epfd_bins *bins = malloc(sizeof *bins);
    if (!bins)
        return interf_error_set(err, INTERF_ENOMEM, "EPFD aggregate: out of memory");
    interf_epfd_bins_init(bins);
    uint64_t cl = 0;
    for (long k0 = k->step_begin; k0 < n && st == INTERF_OK; k0 += chunk) {
        long k1 = k0 + chunk < n ? k0 + chunk : n;
        size_t used = np * (size_t)(k1 - k0) * nch, ns = (size_t)(k1 - k0);
        struct interf_epfd_slice sl = {0, 1, k0, k1};
        memset(sum, 0, used * sizeof *sum);
        for (size_t s = 0; s < n_sys && st == INTERF_OK; s++) {
            float *dst = k->per_sys ? own : sum;
            if (k->per_sys)
                memset(own, 0, used * sizeof *own);
            st = interf_epfd_run_channels(plans[s], &sl, &spectra[s], dst, info, err);
            if (st != INTERF_OK || !k->per_sys)
                continue;
            interf_epfd_channels_count(own, np, ns, nch, p0->nodata, bins, &k->per_sys[s]);
            for (size_t x = 0; x < used; x++)
                sum[x] += own[x];
        }
        if (st == INTERF_OK)
            cl += k->agg ? interf_epfd_channels_count(sum, np, ns, nch, p0->nodata, bins, k->agg)
                         : interf_epfd_channels_worst(sum, np, ns, nch, p0->nodata, bins,
                                                      k->worst, k->ch_max);
    }
    if (clamped)
        *clamped = cl;
    free(bins);
    return st;
}

/* The chunk buffers of the sink k (own only with per_sys), then run_chunks. */
enum interf_status epfd_aggregate(const struct interf_epfd_plan *const *plans,
                                  const struct interf_epfd_spectrum *spectra, size_t n_sys,
                                  long chunk_steps, const struct epfd_sink *k, uint64_t *clamped,
                                  struct interf_epfd_chan_info *info, struct interf_error *err)
{
    if (n_sys < 1)
        return interf_error_set(err, INTERF_EINVAL, "EPFD aggregate: no system");
    enum interf_status st = check_plans(plans, spectra, n_sys, err);
    if (st != INTERF_OK)
        return st;
    if (k->step_begin < 0 || k->step_begin > k->step_end ||
        k->step_end > plans[0]->spec.window.n_steps)
        return interf_error_set(err, INTERF_EINVAL, "EPFD aggregate: steps %ld to %ld of %ld",
                                k->step_begin, k->step_end, plans[0]->spec.window.n_steps);
    const long n = k->step_end - k->step_begin;
    long chunk = chunk_steps > 0 ? chunk_steps : INTERF_EPFD_CHUNK_STEPS;
    chunk = chunk > n ? (n > 0 ? n : 1) : chunk;
    size_t len = plans[0]->n_points * (size_t)chunk * spectra[0].n_ch;
    float *sum = calloc(len ? len : 1, sizeof *sum);
    float *own = k->per_sys ? calloc(len ? len : 1, sizeof *own) : NULL;
    if (!sum || (k->per_sys && !own))
        st = interf_error_set(err, INTERF_ENOMEM, "EPFD aggregate: out of memory (%.0f MB)",
                              len * 4.0 * (k->per_sys ? 2 : 1) / 1e6);
    else
        st = run_chunks(plans, spectra, n_sys, chunk, k, sum, own, clamped, info, err);
    free(sum);
    free(own);
    return st;
}

enum interf_status interf_epfd_aggregate(const struct interf_epfd_plan *const *plans,
                                         const struct interf_epfd_spectrum *spectra, size_t n_sys,
                                         long chunk_steps, struct interf_hist_set *agg,
                                         struct interf_hist_set *per_sys, uint64_t *clamped,
                                         struct interf_epfd_chan_info *info,
                                         struct interf_error *err)
{
    const long n = n_sys ? plans[0]->spec.window.n_steps : 0;
    const struct epfd_sink k = {agg, per_sys, NULL, NULL, 0, n};
    return epfd_aggregate(plans, spectra, n_sys, chunk_steps, &k, clamped, info, err);
}

enum interf_status interf_epfd_aggregate_worst(const struct interf_epfd_plan *const *plans,
                                               const struct interf_epfd_spectrum *spectra,
                                               size_t n_sys, long chunk_steps,
                                               struct interf_hist_set *worst, float *ch_max,
                                               uint64_t *clamped,
                                               struct interf_epfd_chan_info *info,
                                               struct interf_error *err)
{
    const long n = n_sys ? plans[0]->spec.window.n_steps : 0;
    const struct epfd_sink k = {NULL, NULL, worst, ch_max, 0, n};
    return epfd_aggregate(plans, spectra, n_sys, chunk_steps, &k, clamped, info, err);
}

/* The largest PSD of beam bm over the band [lo, hi] (GHz), or INTERF_EPFD_PSD_OFF_DBW. */
static double beam_psd(const struct interf_system_info *info, const struct interf_system_beam *bm,
                       double lo, double hi)
{
    const double eps = 1e-12; /* bands that only touch do not overlap */
    if (bm->n_channels == 0) {
        int in = info->band_hi_ghz <= 0 || (info->band_hi_ghz > lo + eps &&
                                            info->band_lo_ghz < hi - eps);
        return in ? bm->power_dbw : INTERF_EPFD_PSD_OFF_DBW;
    }
    double best = INTERF_EPFD_PSD_OFF_DBW;
    for (size_t k = 0; k < bm->n_channels; k++) {
        const struct interf_beam_channel *c = &bm->channels[k];
        if (c->hi_ghz > lo + eps && c->lo_ghz < hi - eps && c->psd_dbw > best)
            best = c->psd_dbw;
    }
    return best;
}

enum interf_status interf_epfd_spectrum_plan(const struct interf_system *sys, double lo_ghz,
                                             double hi_ghz, double width_khz, double **psd_dbw,
                                             size_t *n_ch, struct interf_error *err)
{
    const struct interf_system_info *info = interf_system_info(sys);
    double w_ghz = width_khz * 1e-6, n = (hi_ghz - lo_ghz) / w_ghz;
    *psd_dbw = NULL;
    if (!(lo_ghz > 0) || !(hi_ghz > lo_ghz) || !(width_khz > 0))
        return interf_error_set(err, INTERF_EINPUT, "spectrum: expected 0 < LO < HI (GHz) and a "
                                "positive channel width");
    double whole = floor(n + 0.5);
    if (fabs(n - whole) > 1e-6 * (whole > 1 ? whole : 1) || whole < 1)
        return interf_error_set(err, INTERF_EINPUT, "spectrum: %g-%g GHz is not a whole number "
                                "of %g kHz channels (%.6g)", lo_ghz, hi_ghz, width_khz, n);
    if (whole > INTERF_EPFD_CHANNELS_MAX)
        return interf_error_set(err, INTERF_EINPUT, "spectrum: %.0f channels, at most %d",
                                whole, INTERF_EPFD_CHANNELS_MAX);
    *n_ch = (size_t)whole;
    double *v = malloc((info->n_beams ? info->n_beams : 1) * *n_ch * sizeof *v);
    if (!v)
        return interf_error_set(err, INTERF_ENOMEM, "spectrum: out of memory");
    for (size_t b = 0; b < info->n_beams; b++)
        for (size_t c = 0; c < *n_ch; c++)
            v[b * *n_ch + c] = beam_psd(info, interf_system_beam(sys, b),
                                        lo_ghz + (double)c * w_ghz,
                                        lo_ghz + (double)(c + 1) * w_ghz);
    *psd_dbw = v;
    return INTERF_OK;
}
