/* SPDX-License-Identifier: MIT */
/* The results of an EPFD run as users read them: statistics per point (S.1503-4 §D7 levels in
 * 0.1 dB, margins against Article 22 masks), CDF tables and time series in the formats of
 * interf-table(5), grids of a statistic, and the provenance items that say what was run. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "epfd_impl.h"
#include "interf/limits.h"

void interf_epfd_provenance(const struct interf_epfd_plan *p, const struct interf_epfd_out *out,
                            struct interf_provenance *prov)
{
    const struct interf_system_info *si = interf_system_info(p->spec.sys);
    const struct interf_time_window *w = &p->spec.window;
    const struct interf_antenna *es = p->spec.es;
    char t0[40], t1[40];
    interf_provenance_set(prov, "system", "%s", si->path);
    interf_provenance_set(prov, "system_sha256", "%s", si->sha256);
    interf_provenance_set(prov, "system_name", "%s", si->name);
    interf_provenance_set(prov, "epoch_utc", "%s",
                          interf_time_format_utc(si->epoch_unix_s, t0, sizeof t0));
    interf_provenance_set(prov, "start_utc", "%s",
                          interf_time_format_utc(w->start_unix_s, t1, sizeof t1));
    interf_provenance_set(prov, "step_s", "%.3f", w->step_s);
    interf_provenance_set(prov, "n_steps", "%ld", w->n_steps);
    interf_provenance_set(prov, "t_run_s", "%.3f", p->run.t_run_s);
    interf_provenance_set(prov, "es_pattern", "%s", es->def->name);
    interf_provenance_set(prov, "es_pattern_revision", "%s", es->def->revision);
    interf_provenance_set(prov, "es_dish_m", "%g",
                          es->value[interf_pattern_key_index(es->def, "diameter_m")]);
    if (p->info.es) {
        interf_provenance_set(prov, "freq_ghz", "%g", p->info.freq_ghz);
        interf_provenance_set(prov, "ref_bandwidth_khz", "%g", p->info.ref_bandwidth_khz);
    }
    if (p->spec.pointing == INTERF_ES_AZEL)
        interf_provenance_set(prov, "es_pointing", "az_deg %g el_deg %g", p->spec.az_deg,
                              p->spec.el_deg);
    else if (p->spec.pointing == INTERF_ES_GSO_LON)
        interf_provenance_set(prov, "es_pointing", "gso_lon_deg %g", p->spec.gso_lon_deg);
    else
        interf_provenance_set(prov, "es_pointing", "gso_lon_deg same (each point's own)");
    interf_provenance_set(prov, "eps_gso_deg", "%g", p->spec.eps_gso_deg);
    interf_provenance_set(prov, "earth_model", "%s", interf_earth_describe(p->spec.earth));
    interf_provenance_set(prov, "precision", "%s", p->spec.fp64 ? "fp64" : "fp32");
    if (out && out->threads_used > 0)
        interf_provenance_set(prov, "threads", "%d", out->threads_used);
    if (p->info.es && p->info.n_dropped)
        interf_provenance_set(prov, "satellites_dropped", "%zu", p->info.n_dropped);
}

enum interf_status interf_epfd_stat_value(const struct interf_epfd_plan *p,
                                          const struct interf_epfd_out *out,
                                          const struct interf_stat *st,
                                          const struct interf_limit_mask *mask, size_t i,
                                          void *scratch, double *value, struct interf_error *err)
{
    *value = NAN;
    if (p->nodata[i] || !out->hist.count)
        return INTERF_OK;
    struct interf_hist h = interf_hist_set_point(&out->hist, i);
    if (interf_hist_max(&h) == INTERF_EPFD_LEVEL_MIN) {
        *value = interf_epfd_stat_floor(st); /* no emitter in view at any step */
        return INTERF_OK;
    }
    if (st->kind != INTERF_STAT_MARGIN) {
        *value = interf_stat_hist(st, &h);
        return INTERF_OK;
    }
    int32_t *lv = scratch;
    double *pct = (double *)((char *)scratch + INTERF_EPFD_NBINS * sizeof(double));
    return interf_limit_worst_margin_hist(mask, p->info.ref_bandwidth_khz, &h, lv, pct,
                                          p->lat_deg[i], NAN, value, err);
}

enum interf_status epfd_write_error(struct interf_error *err)
{
    return interf_error_set(err, INTERF_EIO, "write error: %s", strerror(errno ? errno : EIO));
}

void epfd_nodata_lines(FILE *fp, const struct interf_epfd_plan *p)
{
    for (size_t i = 0; i < p->n_points; i++)
        if (p->nodata[i])
            fprintf(fp, "# nodata: lat_deg %g lon_deg %g: the GSO satellite is below %g deg\n",
                    p->lat_deg[i], p->lon_deg[i], p->spec.eps_gso_deg);
}

enum interf_status interf_epfd_write_stats(FILE *fp, const struct interf_epfd_plan *p,
                                           const struct interf_epfd_out *out,
                                           const struct interf_stat *stats,
                                           const struct interf_limit_mask *const *masks,
                                           size_t n_stats, const struct interf_provenance *prov,
                                           struct interf_error *err)
{
    enum interf_status st = INTERF_OK;
    double *scratch = malloc(2 * INTERF_EPFD_NBINS * sizeof *scratch);
    if (!scratch)
        return interf_error_set(err, INTERF_ENOMEM, "out of memory");
    fputs("# lat_deg lon_deg", fp);
    for (size_t k = 0; k < n_stats; k++)
        fprintf(fp, stats[k].kind == INTERF_STAT_EXCEED   ? " %s_pct"
                    : stats[k].kind == INTERF_STAT_MARGIN ? " %s_db"
                                                          : " %s_%s",
                stats[k].label, p->info.quantity);
    fputc('\n', fp);
    st = interf_provenance_write(fp, prov, err);
    epfd_nodata_lines(fp, p);
    for (size_t i = 0; i < p->n_points && st == INTERF_OK; i++) {
        fprintf(fp, "%11.6f  %11.6f", p->lat_deg[i], p->lon_deg[i]);
        for (size_t k = 0; k < n_stats && st == INTERF_OK; k++) {
            double v;
            st = interf_epfd_stat_value(p, out, &stats[k], masks ? masks[k] : NULL, i, scratch,
                                        &v, err);
            if (isnan(v))
                fputs("  nan", fp);
            else
                fprintf(fp, stats[k].kind == INTERF_STAT_EXCEED ? "  %.6f" : "  %.1f", v);
        }
        fputc('\n', fp);
    }
    free(scratch);
    return st == INTERF_OK && ferror(fp) ? epfd_write_error(err) : st;
}

/* A channel of a frequency-resolved run, for the CDF's metadata (NULL: none). */
struct chan_meta {
    size_t index;          /* 0-based */
    double lo_ghz, width_khz;
    const char *systems;
};

/* The CDF of histogram h of point i with its metadata: the point, the channel, the maximum,
 * then the run's provenance. */
static enum interf_status write_cdf(FILE *fp, const struct interf_epfd_plan *p,
                                    const struct interf_hist *hp, size_t i,
                                    const struct chan_meta *ch,
                                    const struct interf_provenance *prov,
                                    struct interf_error *err)
{
    struct interf_hist h = *hp;
    struct interf_cdf *cdf;
    char v[128];
    enum interf_status st = interf_cdf_create_hist(p->info.quantity, p->info.ref_bandwidth_khz,
                                                   &h, &cdf, err);
    if (st != INTERF_OK)
        return st;
    snprintf(v, sizeof v, "%g", p->lat_deg[i]);
    interf_cdf_meta_set(cdf, "lat_deg", v, NULL);
    snprintf(v, sizeof v, "%g", p->lon_deg[i]);
    interf_cdf_meta_set(cdf, "lon_deg", v, NULL);
    if (ch) {
        snprintf(v, sizeof v, "%zu", ch->index + 1);
        interf_cdf_meta_set(cdf, "channel", v, NULL);
        double lo = ch->lo_ghz + (double)ch->index * ch->width_khz * 1e-6;
        snprintf(v, sizeof v, "%.9g-%.9g", lo, lo + ch->width_khz * 1e-6);
        interf_cdf_meta_set(cdf, "channel_ghz", v, NULL);
        snprintf(v, sizeof v, "%g", ch->width_khz);
        interf_cdf_meta_set(cdf, "channel_width_khz", v, NULL);
        interf_cdf_meta_set(cdf, "systems", ch->systems, NULL);
    }
    snprintf(v, sizeof v, "%.1f", interf_hist_max(&h) / 10.0);
    interf_cdf_meta_set(cdf, "max_epfd", v, NULL);
    snprintf(v, sizeof v, "%.0f", interf_hist_total(&h));
    interf_cdf_meta_set(cdf, "total_weight", v, NULL);
    for (size_t k = 0; k < prov->n; k++)
        interf_cdf_meta_set(cdf, prov->item[k].key, prov->item[k].value, NULL);
    st = interf_cdf_write(fp, cdf, err);
    interf_cdf_free_all(cdf, 1);
    return st;
}

/* The CDFs of every computed point of hist, n_ch a point (chan: the channels' metadata, its
 * index set here; NULL for a run of one channel), parts separated by ">" lines. */
static enum interf_status cdf_parts(FILE *fp, const struct interf_epfd_plan *p,
                                    const struct interf_hist_set *hist, size_t n_ch,
                                    const struct chan_meta *chan, int first,
                                    const struct interf_provenance *prov,
                                    struct interf_error *err)
{
    if (first)
        epfd_nodata_lines(fp, p);
    for (size_t i = 0; i < p->n_points; i++)
        for (size_t c = 0; c < n_ch && !p->nodata[i]; c++) {
            if (!first)
                fputs(">\n", fp);
            first = 0;
            struct chan_meta ch = chan ? *chan : (struct chan_meta){0};
            ch.index = c;
            struct interf_hist h = interf_hist_set_point(hist, i * n_ch + c);
            enum interf_status st = write_cdf(fp, p, &h, i, chan ? &ch : NULL, prov, err);
            if (st != INTERF_OK)
                return st;
        }
    return ferror(fp) ? epfd_write_error(err) : INTERF_OK;
}

enum interf_status interf_epfd_write_channel_cdfs(FILE *fp, const struct interf_epfd_plan *p,
                                                  const struct interf_hist_set *hist,
                                                  size_t n_ch, double lo_ghz, double width_khz,
                                                  const char *systems, int first,
                                                  const struct interf_provenance *prov,
                                                  struct interf_error *err)
{
    const struct chan_meta chan = {0, lo_ghz, width_khz, systems};
    return cdf_parts(fp, p, hist, n_ch, &chan, first, prov, err);
}

enum interf_status interf_epfd_write_cdfs(FILE *fp, const struct interf_epfd_plan *p,
                                          const struct interf_epfd_out *out,
                                          const struct interf_provenance *prov,
                                          struct interf_error *err)
{
    return cdf_parts(fp, p, &out->hist, 1, NULL, 1, prov, err);
}

enum interf_status interf_epfd_write_series(FILE *fp, const struct interf_epfd_plan *p,
                                            const struct interf_epfd_out *out,
                                            const struct interf_provenance *prov,
                                            struct interf_error *err)
{
    const struct interf_time_window *w = &p->spec.window;
    double t0 = p->run.t0_s;
    int first = 1;
    epfd_nodata_lines(fp, p);
    for (size_t i = 0; i < p->n_points; i++) {
        if (p->nodata[i])
            continue;
        if (!first)
            fputs(">\n", fp);
        first = 0;
        fprintf(fp, "# t_s %s\n", p->info.quantity);
        enum interf_status st = interf_provenance_write(fp, prov, err);
        if (st != INTERF_OK)
            return st;
        fprintf(fp, "# lat_deg: %g\n# lon_deg: %g\n", p->lat_deg[i], p->lon_deg[i]);
        for (long t = 0; t < w->n_steps; t++)
            fprintf(fp, "%12.3f  %10.4f\n", t0 + (double)t * w->step_s,
                    out->series[i * (size_t)w->n_steps + (size_t)t]);
    }
    return ferror(fp) ? epfd_write_error(err) : INTERF_OK;
}

double interf_epfd_stat_floor(const struct interf_stat *st)
{
    return st->kind == INTERF_STAT_MARGIN   ? INTERF_EPFD_MARGIN_FLOOR_DB
           : st->kind == INTERF_STAT_EXCEED ? 0.0
                                            : INTERF_EPFD_FLOOR_DB;
}

enum interf_status interf_epfd_stat_grid(const struct interf_epfd_plan *p,
                                         const struct interf_epfd_out *out,
                                         const struct interf_stat *st,
                                         const struct interf_limit_mask *mask, int floor_nodata,
                                         struct interf_grid **grid, struct interf_error *err)
{
    enum interf_status s;
    if (!p->spec.grid)
        return interf_error_set(err, INTERF_EINVAL, "interf_epfd_stat_grid: not a grid run");
    double *scratch = malloc(2 * INTERF_EPFD_NBINS * sizeof *scratch);
    if (!scratch)
        return interf_error_set(err, INTERF_ENOMEM, "out of memory");
    if ((s = interf_grid_create(p->spec.grid, grid, err)) != INTERF_OK) {
        free(scratch);
        return s;
    }
    for (size_t i = 0; i < p->n_points && s == INTERF_OK; i++) {
        s = interf_epfd_stat_value(p, out, st, mask, i, scratch, &(*grid)->values[i], err);
        struct interf_hist h = interf_hist_set_point(&out->hist, i);
        if (floor_nodata && !p->nodata[i] && interf_hist_max(&h) == INTERF_EPFD_LEVEL_MIN)
            (*grid)->values[i] = NAN;
    }
    free(scratch);
    if (s != INTERF_OK) {
        interf_grid_destroy(*grid);
        *grid = NULL;
    }
    return s;
}

enum interf_status interf_epfd_write_channel_stats(FILE *fp, const struct interf_epfd_plan *p,
                                                   const struct interf_hist_set *hist,
                                                   size_t n_ch, double lo_ghz, double width_khz,
                                                   int system, const struct interf_stat *stats,
                                                   size_t n_stats, int first,
                                                   const struct interf_provenance *prov,
                                                   struct interf_error *err)
{
    enum interf_status st = INTERF_OK;
    for (size_t k = 0; k < n_stats; k++)
        if (stats[k].kind == INTERF_STAT_MARGIN)
            return interf_error_set(err, INTERF_EINVAL, "stat: %s: not per channel (check the "
                                    "CDFs with interf-check)", stats[k].name);
    if (first) {
        fputs("# lat_deg lon_deg system channel lo_ghz hi_ghz", fp);
        for (size_t k = 0; k < n_stats; k++)
            fprintf(fp, stats[k].kind == INTERF_STAT_EXCEED ? " %s_pct" : " %s_%s",
                    stats[k].label, p->info.quantity);
        fputc('\n', fp);
        st = interf_provenance_write(fp, prov, err);
        epfd_nodata_lines(fp, p);
    }
    for (size_t i = 0; i < p->n_points && st == INTERF_OK; i++)
        for (size_t c = 0; c < n_ch && !p->nodata[i]; c++) {
            struct interf_hist h = interf_hist_set_point(hist, i * n_ch + c);
            int none = interf_hist_max(&h) == INTERF_EPFD_LEVEL_MIN;
            double lo = lo_ghz + (double)c * width_khz * 1e-6;
            fprintf(fp, "%11.6f  %11.6f  %d  %zu  %.9g  %.9g", p->lat_deg[i], p->lon_deg[i],
                    system, c + 1, lo, lo + width_khz * 1e-6);
            for (size_t k = 0; k < n_stats; k++) {
                double v = none ? interf_epfd_stat_floor(&stats[k]) : interf_stat_hist(&stats[k],
                                                                                       &h);
                fprintf(fp, stats[k].kind == INTERF_STAT_EXCEED ? "  %.6f" : "  %.1f", v);
            }
            fputc('\n', fp);
        }
    return st == INTERF_OK && ferror(fp) ? epfd_write_error(err) : st;
}

enum interf_status interf_epfd_stat_meta(const struct interf_epfd_plan *p,
                                         const struct interf_stat *st, int floor_nodata,
                                         const struct interf_provenance *prov,
                                         struct interf_grid_meta *meta, struct interf_error *err)
{
    const struct interf_epfd_info *in = interf_epfd_plan_info(p);
    const int pct = st->kind == INTERF_STAT_EXCEED;
    char floor[32];
    interf_grid_meta_init(meta);
    snprintf(meta->unit, sizeof meta->unit, "%s",
             pct ? "%" : st->kind == INTERF_STAT_MARGIN ? "dB" : in->unit);
    interf_grid_meta_set(meta, "quantity", in->quantity, NULL);
    interf_grid_meta_set(meta, "statistic", st->name, NULL);
    interf_format_c(floor, sizeof floor, "%g", interf_epfd_stat_floor(st));
    if (!floor_nodata && !pct)
        interf_grid_meta_set(meta, "floor_value", floor, NULL);
    return interf_grid_meta_set_provenance(meta, prov, err);
}

enum interf_status interf_epfd_stat_row(const struct interf_epfd_plan *p,
                                        const struct interf_stat *st, struct interf_limits **lim,
                                        const struct interf_limit_mask **row,
                                        struct interf_error *err)
{
    const struct interf_epfd_info *in = interf_epfd_plan_info(p);
    struct interf_limit_query q = {.table = st->table, .band_lo_ghz = in->freq_ghz,
                                   .band_hi_ghz = in->freq_ghz, .dish_m = in->es_dish_m,
                                   .ref_bandwidth_khz = in->ref_bandwidth_khz};
    enum interf_status s = *lim ? INTERF_OK : interf_limits_create(lim, err);
    return s == INTERF_OK ? interf_limits_find(*lim, &q, row, err) : s;
}

void interf_epfd_plan_warnings(const struct interf_epfd_plan *p,
                               void (*fn)(void *user, const char *line), void *user)
{
    const struct interf_epfd_info *in = interf_epfd_plan_info(p);
    const struct interf_epfd_spec *sp = interf_epfd_plan_spec(p);
    const unsigned char *nodata = interf_epfd_plan_nodata(p);
    const double *lat, *lon;
    char line[256];
    if (in->warning[0])
        fn(user, in->warning);
    for (size_t k = 0; k < in->n_dropped && k < INTERF_EPFD_DROPPED_MAX; k++)
        fn(user, interf_dropout_describe(interf_system_constellation(sp->sys), &in->dropped[k],
                                         line, sizeof line));
    if (in->n_dropped) {
        snprintf(line, sizeof line, "satellites dropped out of the run: %zu (no contribution "
                 "from then on)", in->n_dropped);
        fn(user, line);
    }
    for (size_t i = 0; !sp->grid && i < interf_epfd_plan_points(p, &lat, &lon); i++)
        if (nodata[i]) {
            snprintf(line, sizeof line, "point %g,%g not computed: its GSO satellite is below "
                     "%g deg", lat[i], lon[i], sp->eps_gso_deg);
            fn(user, line);
        }
}
