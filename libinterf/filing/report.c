/* SPDX-License-Identifier: MIT */
/* What an examination reports (Rec. ITU-R S.1503-4 (09/2023) §D7: the verdict, the summary
 * table, the full CDF): the CDF of a run as a table of interf-table(5), its chart against the
 * Article 22 mask, and the summary text. */
#include <errno.h>
#include <math.h>
#include <string.h>

#include "filing_impl.h"

void filing_quantity(const struct interf_exam_run *r, char *buf, size_t n)
{
    interf_format_c(buf, n, "epfd%s_dbw_m2_%gkhz", r->link == INTERF_EXAM_LINK_UP ? "_up"
                    : r->link == INTERF_EXAM_LINK_IS ? "_is" : "", r->ref_bandwidth_khz);
}

/* The quantity as the text names it */
static const char *quantity_name(const struct interf_exam_run *r)
{
    return r->link == INTERF_EXAM_LINK_UP ? "EPFD↑" : r->link == INTERF_EXAM_LINK_IS ? "EPFDis"
                                                                                     : "EPFD↓";
}

static enum interf_status not_run(const struct interf_exam *ex, size_t k,
                                  struct interf_error *err)
{
    if (k < ex->n_runs && ex->runs[k].res.total > 0)
        return INTERF_OK;
    return interf_error_set(err, INTERF_EINVAL, "examination: run %zu has not been executed", k);
}

enum interf_status interf_exam_cdf(const struct interf_exam *ex, size_t k,
                                   struct interf_cdf **out, struct interf_error *err)
{
    enum interf_status st = not_run(ex, k, err);
    if (st != INTERF_OK)
        return st;
    const struct interf_exam_run *r = &ex->runs[k];
    struct interf_hist h = {INTERF_EPFD_LEVEL_MIN, INTERF_EPFD_NBINS, r->res.count, NULL};
    char q[64], v[64];
    filing_quantity(r, q, sizeof q);
    if ((st = interf_cdf_create_hist(q, r->ref_bandwidth_khz, &h, out, err)) != INTERF_OK)
        return st;
    int down = r->link == INTERF_EXAM_LINK_DOWN;
    const struct {
        const char *key, *fmt;
        double value;
    } meta[] = {{"lat_deg", "%.6f", r->es_lat_deg},
                {"lon_deg", "%.6f", r->es_lon_deg},
                {"gso_lon_deg", "%.6f", r->gso_lon_deg},
                {down ? "es_dish_m" : "gso_beamwidth_deg", "%g",
                 down ? r->dish_m : r->row->gso_beamwidth_deg},
                {"freq_ghz", "%.6f", r->freq_mhz / 1e3},
                {"step_s", "%.6g", r->timing.dt_fine_s},
                {"n_steps", "%.0f", (double)r->n_steps},
                {"total_weight", "%.0f", (double)r->res.total},
                {"max_epfd", "%.4f", isfinite(r->res.max_db) ? r->res.max_db : -300.0}};
    for (size_t j = 0; j < sizeof meta / sizeof meta[0] && st == INTERF_OK; j++) {
        interf_format_c(v, sizeof v, meta[j].fmt, meta[j].value);
        st = interf_cdf_meta_set(*out, meta[j].key, v, err);
    }
    if (st == INTERF_OK)
        st = interf_cdf_meta_set(*out, down ? "es_pattern" : "gso_pattern", r->es_pattern, err);
    if (st == INTERF_OK)
        st = interf_cdf_meta_set(*out, "table", r->row->table, err);
    if (st != INTERF_OK) {
        interf_cdf_free_all(*out, 1);
        *out = NULL;
    }
    return st;
}

enum interf_status interf_exam_write_cdf(FILE *fp, const struct interf_exam *ex, size_t k,
                                         const struct interf_provenance *prov,
                                         struct interf_error *err)
{
    struct interf_cdf *cdf = NULL;
    enum interf_status st = interf_exam_cdf(ex, k, &cdf, err);
    for (size_t j = 0; st == INTERF_OK && prov && j < prov->n; j++) /* as many as fit */
        interf_cdf_meta_set(cdf, prov->item[j].key, prov->item[j].value, NULL);
    if (st == INTERF_OK)
        st = interf_cdf_write(fp, cdf, err);
    interf_cdf_free_all(cdf, 1);
    return st;
}

enum interf_status interf_exam_chart(const struct interf_exam *ex, size_t k, int width_px,
                                     struct interf_image **out, struct interf_error *err)
{
    struct interf_cdf *cdf = NULL;
    enum interf_status st = interf_exam_cdf(ex, k, &cdf, err);
    if (st != INTERF_OK)
        return st;
    const struct interf_exam_run *r = &ex->runs[k];
    const struct interf_verdict *v = &r->verdict;
    double level[INTERF_LIMIT_MAXPOINTS], pct[INTERF_LIMIT_MAXPOINTS];
    double margin[INTERF_LIMIT_MAXPOINTS];
    char label[160], title[160];
    for (size_t j = 0; j < v->n; j++) {
        level[j] = v->points[j].limit.level_db;
        pct[j] = v->points[j].limit.pct_exceeded;
        margin[j] = v->points[j].margin_db;
    }
    if (r->link == INTERF_EXAM_LINK_DOWN) {
        interf_format_c(label, sizeof label, "RR Table %s, %g m, %g kHz: %s", r->row->table,
                        r->dish_m, r->ref_bandwidth_khz, interf_exam_verdict_str(r->status));
        interf_format_c(title, sizeof title, "EPFD↓ at the worst-case geometry %.2f, %.2f "
                        "(GSO %.2f)", r->es_lat_deg, r->es_lon_deg, r->gso_lon_deg);
    } else {
        interf_format_c(label, sizeof label, "RR Table %s, GSO beam %g°, %g kHz: %s",
                        r->row->table, r->row->gso_beamwidth_deg, r->ref_bandwidth_khz,
                        interf_exam_verdict_str(r->status));
        interf_format_c(title, sizeof title, "%s at the GSO satellite %.2f°, beam at %.2f, %.2f",
                        quantity_name(r), r->gso_lon_deg, r->es_lat_deg, r->es_lon_deg);
    }
    struct interf_chart_mask mask = {v->n, level, pct, margin, label};
    struct interf_chart_options o;
    interf_chart_options_init(&o);
    o.width_px = width_px;
    o.title = title;
    o.subtitle = interf_system_info(ex->req.sys)->name;
    o.mask = &mask;
    st = interf_cdf_chart(cdf, 1, &o, out, NULL, err);
    interf_cdf_free_all(cdf, 1);
    return st;
}

/* A run's lines of the summary table */
static void table_row(FILE *fp, const struct interf_exam_run *r)
{
    double rate = r->run_seconds > 0 ? (double)r->res.total / r->run_seconds : 0;
    fprintf(fp, "%-22s %9.6f %7.3f %11lld %9.0f %9.2f %8.2f  %-12s %10.0f\n", r->name,
            r->freq_mhz / 1e3, r->timing.dt_fine_s, (long long)r->n_steps, r->n_min,
            isfinite(r->res.max_db) ? r->res.max_db : -300.0, r->verdict.worst_margin_db,
            interf_exam_verdict_str(r->status), rate);
}

/* The geometry found and its correction */
static void geometry(FILE *fp, const struct interf_exam *ex, const struct interf_exam_run *r)
{
    const struct interf_wcg *w = &r->wcg;
    fprintf(fp, "  worst-case geometry (S.1503-4 §D3.1, %s rules, step %g deg): [orbit %s] "
            "satellite at latitude %.4f deg, height %.3f km; direction theta %.4f deg, phi "
            "%.4f deg\n", ex->req.rec == INTERF_REC_S1503_2 ? "S.1503-2" : "S.1503-4",
            ex->req.wcg_step_deg > 0 ? ex->req.wcg_step_deg : 0.1,
            interf_system_orbit(ex->req.sys, r->wcg_orbit)->name, w->sat_lat_deg,
            w->sat_alt_km, w->theta_deg, w->phi_deg);
    fprintf(fp, "    margin %.2f dB = pfd %.2f + Grel %.2f - threshold %.2f; alpha %.4f deg, "
            "elevation %.3f deg (GSO %.3f deg); %llu test points in %.2f s\n", w->margin_db,
            w->pfd_db, w->grel_db, w->threshold_db, w->alpha_deg, w->el_ngso_deg,
            w->el_gso_deg, (unsigned long long)w->n_cases, r->wcg_seconds);
    fprintf(fp, "  longitude correction (S.1503-4 §D3): %+.4f deg (the satellite there at t = "
            "%.3f s): earth station %.4f, %.4f deg, GSO satellite at %.4f deg\n", r->shift_deg,
            r->shift_t_s, r->es_lat_deg, r->es_lon_deg, r->gso_lon_deg);
}

/* The geometry of an epfd up or epfd_is run, its earth stations and their links */
static void geometry_up(FILE *fp, const struct interf_exam_run *r)
{
    const struct interf_exam_plan_info *p = interf_exam_plan_info(r->plan);
    const char *clause = r->link == INTERF_EXAM_LINK_UP ? "§D3.2" : "§D3.3";
    fprintf(fp, "  worst-case geometry (S.1503-4 %s): the GSO satellite's S.672-4 beam of %g deg "
            "(Ls %g dB) at chi_BS %.3f deg from its sub-satellite point, azimuth %.1f deg; "
            "estimate %.2f dB\n", clause, r->row->gso_beamwidth_deg, p->ls_db,
            p->wcg_gso.chi_bs_deg, p->wcg_az_deg, p->wcg_estimate_db);
    fprintf(fp, "  longitude correction (S.1503-4 §D3): %+.4f deg (satellite 0 over %.4f, %.4f "
            "at t = %.3f s): GSO satellite at %.4f deg, beam at %.4f, %.4f deg\n", r->shift_deg,
            p->wcg_lat_deg, p->wcg_lon_deg + r->shift_deg, r->shift_t_s, r->gso_lon_deg,
            r->es_lat_deg, r->es_lon_deg);
    if (r->link == INTERF_EXAM_LINK_UP)
        fprintf(fp, "  earth stations (S.1503-4 §D5.2.5): %zu placed every ES_DISTANCE over the "
                "-15 dB contour within latitudes %.2f to %.2f, %zu see the GSO satellite, "
                "NUM_ES %.4g each; %.1f links and %.1f accepted a step (§D5.2.6)\n",
                p->n_stations, p->lat_min_deg, p->lat_max_deg, p->n_stations_seen, p->num_es,
                r->stats.links_per_step, r->stats.accepted_per_step);
    else
        fprintf(fp, "  satellites seen by the GSO satellite (S.1503-4 §D5.3.5): %.1f a step\n",
                r->stats.links_per_step);
}

/* The derivation of the step and run length, indented */
static void derivation(FILE *fp, const struct interf_exam_run *r)
{
    char buf[4096];
    interf_exam_timing_describe(&r->timing, buf, sizeof buf);
    fprintf(fp, "  step and run length (S.1503-4 §D4):\n");
    for (char *line = buf, *nl; *line; line = nl + 1) {
        nl = strchr(line, '\n');
        if (!nl)
            break;
        fprintf(fp, "    %.*s\n", (int)(nl - line), line);
    }
}

static void points(FILE *fp, const struct interf_exam_run *r)
{
    const struct interf_verdict *v = &r->verdict;
    fprintf(fp, "  verdict (S.1503-4 §D7): %s\n    %10s %14s %14s %10s\n",
            interf_exam_verdict_str(r->status), "level_db", "pct_allowed", "pct_simulated",
            "margin_db");
    for (size_t j = 0; j < v->n; j++) {
        const struct interf_verdict_point *p = &v->points[j];
        fprintf(fp, "    %10.1f %14.6g %14.6g %10.2f  %s\n", p->limit.level_db,
                p->limit.pct_exceeded, p->sim_pct_exceeded, p->margin_db,
                p->pass ? "pass" : "FAIL");
    }
}

enum interf_status interf_exam_summary(FILE *fp, const struct interf_exam *ex,
                                       struct interf_error *err)
{
    const struct interf_system_info *info = interf_system_info(ex->req.sys);
    fprintf(fp, "examination of %s (%s), Rec. ITU-R S.1503-4\nverdict: %s\n\n",
            info->name, info->path, interf_exam_verdict_str(interf_exam_overall(ex)));
    fprintf(fp, "%-22s %9s %7s %11s %9s %9s %8s  %-12s %10s\n", "run", "freq_ghz", "step_s",
            "n_steps", "n_min", "max_db", "margin", "verdict", "steps_per_s");
    for (size_t k = 0; k < ex->n_runs; k++)
        if (ex->runs[k].done)
            table_row(fp, &ex->runs[k]);
    for (size_t k = 0; k < ex->n_runs; k++) {
        const struct interf_exam_run *r = &ex->runs[k];
        if (!r->done)
            continue;
        if (r->link == INTERF_EXAM_LINK_DOWN) {
            fprintf(fp, "\nrun %s: EPFD down, RR Table %s, %g m, %g kHz, %s at %.6f GHz (band "
                    "%g-%g GHz)\n", r->name, r->row->table, r->dish_m, r->ref_bandwidth_khz,
                    r->es_pattern, r->freq_mhz / 1e3, r->band_lo_ghz, r->band_hi_ghz);
            geometry(fp, ex, r);
        } else {
            fprintf(fp, "\nrun %s: EPFD %s, RR Table %s, GSO beam %g deg, %g kHz, at %.6f GHz "
                    "(band %g-%g GHz)\n", r->name, r->link == INTERF_EXAM_LINK_UP ? "up" : "is",
                    r->row->table, r->row->gso_beamwidth_deg, r->ref_bandwidth_khz,
                    r->freq_mhz / 1e3, r->band_lo_ghz, r->band_hi_ghz);
            geometry_up(fp, r);
        }
        if (r->row->confidence != INTERF_LIMIT_CONFIRMED)
            fprintf(fp, "  the row's levels: %s (interf-check --list)\n",
                    interf_limit_confidence_str(r->row->confidence));
        derivation(fp, r);
        fprintf(fp, "  run: %lld steps of %.6g s (%llu evaluated with the dual time step, "
                "Ncoarse %d), %.2f s, %.0f steps/s on %d threads\n", (long long)r->n_steps,
                r->timing.dt_fine_s, (unsigned long long)r->res.evaluated, r->timing.n_coarse,
                r->run_seconds, r->run_seconds > 0 ? (double)r->res.total / r->run_seconds : 0,
                r->res.threads_used);
        points(fp, r);
    }
    for (size_t k = 0; k < ex->n_skipped; k++)
        fprintf(fp, "%snot examined: Table %s (%s), the system file gives no %s\n",
                k ? "" : "\n", ex->skipped[k]->table,
                interf_limit_kind_str(ex->skipped[k]->kind), ex->skipped_key[k]);
    if (fflush(fp) != 0 || ferror(fp))
        return interf_error_set(err, INTERF_EIO, "write error: %s", strerror(errno));
    return INTERF_OK;
}
