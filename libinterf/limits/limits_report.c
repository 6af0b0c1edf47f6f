/* SPDX-License-Identifier: MIT */
/* interf limits, report: the verdicts of CDFs against their Article 22 rows (Rec. ITU-R S.1503-4
 * (09/2023) §D7) written as text, an interf-table(5) table or JSON, with their outcome, notes
 * and warnings (interf-check(1), OUTPUT FORMAT). */
#include "interf/io.h"
#include "limits_impl.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *limits_tenths(int32_t t, char *buf, size_t n)
{
    long long v = t;
    snprintf(buf, n, "%s%lld.%lld", v < 0 ? "-" : "", llabs(v) / 10, llabs(v) % 10);
    return buf;
}

const char *limits_rr_level(double db, char *buf, size_t n)
{
    interf_format_c(buf, n, "%.3f", db);
    size_t len = strlen(buf);
    while (len > 2 && buf[len - 1] == '0' && buf[len - 2] != '.')
        buf[--len] = '\0';
    return buf;
}

void limits_json_num(FILE *fp, double x)
{
    if (isfinite(x))
        fprintf(fp, "%.10g", x);
    else
        fputs("null", fp);
}

enum interf_status limits_write_status(FILE *fp, struct interf_error *err)
{
    if (ferror(fp))
        return interf_error_set(err, INTERF_EIO, "write error: %s", strerror(errno ? errno : EIO));
    return INTERF_OK;
}

void limits_provenance(FILE *fp, const struct interf_provenance *prov)
{
    struct interf_error e;
    if (prov)
        interf_provenance_write(fp, prov, &e);
    fprintf(fp, "# standard: %s\n", LIMITS_STANDARD);
}

void limits_json_head(FILE *fp, const struct interf_provenance *prov)
{
    const char *tool = prov ? interf_provenance_get(prov, "tool") : NULL;
    fputs("{\n", fp);
    if (tool) {
        fputs("  \"tool\": ", fp);
        interf_json_string(fp, tool);
        fputs(",\n", fp);
    }
    fputs("  \"standard\": ", fp);
    interf_json_string(fp, LIMITS_STANDARD);
}

/* "Table 22-1A, 0.6 m, 40 kHz, FSS, Rec. ITU-R S.1428-1". */
static void mask_label(const struct interf_limit_mask *m, char *buf, size_t n)
{
    if (m->dish_m > 0)
        interf_format_c(buf, n, "Table %s, %g m, %g kHz, %s, %s", m->table, m->dish_m,
                        m->ref_bandwidth_khz, m->service, m->pattern);
    else
        interf_format_c(buf, n, "Table %s, %g-%g GHz, GSO beam %g deg, %g kHz, %s, %s",
                        m->table, m->bands[0].lo_ghz, m->bands[0].hi_ghz, m->gso_beamwidth_deg,
                        m->ref_bandwidth_khz, m->service, m->pattern);
}

void limits_json_mask(FILE *fp, const struct interf_limit_mask *m, const char *ind)
{
    fprintf(fp, "%s\"table\": ", ind);
    interf_json_string(fp, m->table);
    fprintf(fp, ",\n%s\"kind\": \"%s\",\n%s\"service\": ", ind, interf_limit_kind_str(m->kind),
            ind);
    interf_json_string(fp, m->service);
    fprintf(fp, ",\n%s\"dish_m\": ", ind);
    limits_json_num(fp, m->dish_m > 0 ? m->dish_m : NAN);
    fprintf(fp, ",\n%s\"gso_beamwidth_deg\": ", ind);
    limits_json_num(fp, m->gso_beamwidth_deg > 0 ? m->gso_beamwidth_deg : NAN);
    fprintf(fp, ",\n%s\"ref_bandwidth_khz\": %.10g,\n%s\"pattern\": ", ind, m->ref_bandwidth_khz,
            ind);
    interf_json_string(fp, m->pattern);
    fprintf(fp, ",\n%s\"confidence\": \"%s\",\n%s\"source\": ", ind,
            interf_limit_confidence_str(m->confidence), ind);
    interf_json_string(fp, m->source);
    fprintf(fp, ",\n%s\"sources\": [", ind);
    for (size_t j = 0; j < m->n_sources; j++) {
        fprintf(fp, "%s{\"citation\": ", j ? ", " : "");
        interf_json_string(fp, m->sources[j].citation);
        fputs(", \"edition\": ", fp);
        interf_json_string(fp, m->sources[j].edition);
        fprintf(fp, ", \"derived\": %s}", m->sources[j].derived ? "true" : "false");
    }
    fputs("]", fp);
    fprintf(fp, ",\n%s\"latitude_dependent\": ", ind);
    if (m->lat_note)
        interf_json_string(fp, m->lat_note);
    else
        fputs("null", fp);
    fprintf(fp, ",\n%s\"note\": ", ind);
    if (m->note)
        interf_json_string(fp, m->note);
    else
        fputs("null", fp);
    fprintf(fp, ",\n%s\"bands\": [", ind);
    for (size_t k = 0; k < m->n_bands; k++) {
        const struct interf_limit_band *b = &m->bands[k];
        fprintf(fp, "%s{\"lo_ghz\": %.10g, \"hi_ghz\": %.10g, \"regions\": [", k ? ", " : "",
                b->lo_ghz, b->hi_ghz);
        const char *sep = "";
        for (int g = 0; g < 3; g++)
            if (b->regions & (1u << g)) {
                fprintf(fp, "%s%d", sep, g + 1);
                sep = ", ";
            }
        fputs("], \"service\": ", fp);
        interf_json_string(fp, b->service);
        fputs(", \"pattern\": ", fp);
        interf_json_string(fp, b->pattern);
        fprintf(fp, ", \"confidence\": \"%s\"}", interf_limit_confidence_str(b->confidence));
    }
    fputs("]", fp);
}

/* ---------------------------------------------------------------------------- outcome, notes */

static size_t count_fail(const struct interf_limit_item *items, size_t n)
{
    size_t nf = 0;
    for (size_t k = 0; k < n; k++)
        nf += !items[k].verdict.pass;
    return nf;
}

static size_t count_short(const struct interf_limit_item *items, size_t n)
{
    size_t ns = 0;
    for (size_t k = 0; k < n; k++)
        ns += items[k].verdict.sufficiency == INTERF_LIMIT_RUN_INSUFFICIENT;
    return ns;
}

enum interf_limit_outcome interf_limit_outcome(const struct interf_limit_item *items, size_t n)
{
    /* A run too short to resolve its row is never a pass; a limit exceeded says more. */
    return count_fail(items, n)    ? INTERF_LIMIT_FAIL
           : count_short(items, n) ? INTERF_LIMIT_INSUFFICIENT
                                   : INTERF_LIMIT_PASS;
}

static const char *outcome_word(enum interf_limit_outcome o)
{
    return o == INTERF_LIMIT_FAIL ? "FAIL" : o == INTERF_LIMIT_INSUFFICIENT ? "INSUFFICIENT"
                                                                             : "PASS";
}

/* What S.1503-4 §D4.6 asks of the run of a verdict: "needs at least 333334 steps to resolve
 * 99.997 % of time". */
static void needs(const struct interf_verdict *v, char *buf, size_t n)
{
    interf_format_c(buf, n, "Rec. ITU-R S.1503-4 \xC2\xA7""D4.6 needs at least %.0f steps to "
                    "resolve %.10g %% of time", v->min_steps, v->p_max_pct);
}

/* Once per row: the CDFs checked against it whose run length is unknown. */
static void unknown_runs(const struct interf_limit_item *items, size_t n,
                         void (*warn)(const char *text, void *user), void *user)
{
    char text[400], need[160];
    for (size_t k = 0; k < n; k++) {
        const struct interf_verdict *v = &items[k].verdict;
        size_t count = 0, first = 1;
        for (size_t j = 0; j < n; j++)
            if (items[j].sel.mask == items[k].sel.mask &&
                items[j].verdict.sufficiency == INTERF_LIMIT_RUN_UNKNOWN) {
                first &= j >= k;
                count++;
            }
        if (v->sufficiency != INTERF_LIMIT_RUN_UNKNOWN || !first)
            continue;
        needs(v, need, sizeof need);
        interf_format_c(text, sizeof text, "Table %s %g m: the run length of %zu CDF%s is "
                        "unknown (no total_weight or n_steps metadata): %s", v->mask.table,
                        v->mask.dish_m, count, count == 1 ? "" : "s", need);
        warn(text, user);
    }
}

void interf_limit_warnings(const struct interf_limit_item *items, size_t n,
                           void (*warn)(const char *text, void *user), void *user)
{
    char text[400];
    for (size_t k = 0; k < n; k++) {
        const struct interf_limit_item *it = &items[k];
        const struct interf_limit_mask *m = it->sel.mask;
        double lo = it->sel.band_lo_ghz, hi = it->sel.band_hi_ghz;
        int seen = 0, band_ok = lo == 0 && hi == 0;
        for (size_t j = 0; j < k; j++)
            seen |= items[j].sel.mask == m;
        if (seen)
            continue;
        if (m->confidence != INTERF_LIMIT_CONFIRMED) {
            snprintf(text, sizeof text, "Table %s values are %s (%s): verify them against RR "
                     "Vol. 1 before a filing", m->table,
                     interf_limit_confidence_str(m->confidence), m->source);
            warn(text, user);
        }
        for (size_t b = 0; b < m->n_bands && !band_ok; b++)
            band_ok = m->bands[b].confidence == INTERF_LIMIT_CONFIRMED &&
                      m->bands[b].lo_ghz < hi + 1e-9 && lo < m->bands[b].hi_ghz + 1e-9;
        if (!band_ok && m->confidence == INTERF_LIMIT_CONFIRMED) {
            interf_format_c(text, sizeof text, "Table %s applies to %g-%g GHz on a "
                            "single-source listing only: verify it against RR Vol. 1 before a "
                            "filing", m->table, lo, hi);
            warn(text, user);
        }
    }
    unknown_runs(items, n, warn, user);
}

/* Rows in another bandwidth of a checked table and dish that no CDF was checked against
 * (Tables 22-1B and 22-1C: both bandwidths must be met). At most max rows. */
static size_t unchecked_rows(const struct interf_limits *lim, const struct interf_limit_item *it,
                             size_t n_items, const struct interf_limit_mask **out, size_t max)
{
    size_t n = 0;
    for (size_t k = 0; k < interf_limits_count(lim) && n < max; k++) {
        const struct interf_limit_mask *m = interf_limits_mask(lim, k);
        int sibling = 0, checked = 0;
        for (size_t i = 0; i < n_items; i++) {
            const struct interf_limit_mask *c = it[i].sel.mask;
            checked |= c == m;
            sibling |= c != m && strcmp(c->table, m->table) == 0 && c->dish_m == m->dish_m &&
                       m->dish_m > 0;
        }
        if (sibling && !checked)
            out[n++] = m;
    }
    return n;
}

static void notes(FILE *fp, const struct interf_limits *lim, const struct interf_limit_item *it,
                  size_t n_items, const char *prefix)
{
    const struct interf_limit_mask *un[64];
    size_t n = unchecked_rows(lim, it, n_items, un, 64);
    for (size_t k = 0; k < n; k++)
        fprintf(fp, "%snote: Table %s %g m %g kHz row not checked (no CDF in %g kHz); the table's "
                "rows in both bandwidths must be met\n", prefix, un[k]->table, un[k]->dish_m,
                un[k]->ref_bandwidth_khz, un[k]->ref_bandwidth_khz);
}

static void summary(FILE *fp, const struct interf_limit_item *items, size_t n, const char *prefix)
{
    const struct interf_limit_item *w = &items[0];
    for (size_t k = 1; k < n; k++)
        if (items[k].verdict.worst_margin_db < w->verdict.worst_margin_db)
            w = &items[k];
    size_t nf = count_fail(items, n), ns = count_short(items, n);
    char lv[24], sh[48] = "";
    const struct interf_verdict_point *p = &w->verdict.points[w->verdict.worst_index];
    if (ns)
        snprintf(sh, sizeof sh, ", %zu insufficient", ns);
    fprintf(fp, "%s%s (%zu CDF%s checked, %zu fail%s%s); worst margin %+.1f dB at %s:%d, Table "
            "%s %g m, point %s dB / %.10g %% exceeded\n", prefix,
            outcome_word(interf_limit_outcome(items, n)), n, n == 1 ? "" : "s", nf,
            nf == 1 ? "s" : "", sh, w->verdict.worst_margin_db, w->source, w->cdf->line,
            w->sel.mask->table, w->sel.mask->dish_m,
            limits_tenths(p->limit.level_tenths, lv, sizeof lv), p->limit.pct_exceeded);
}

/* ---------------------------------------------------------------------------- text */

static void text_point(FILE *fp, const struct interf_verdict_point *p)
{
    char m[24], a[24], rl[24];
    if (isfinite(p->margin_db))
        snprintf(m, sizeof m, "%+.1f", p->margin_db);
    else
        snprintf(m, sizeof m, "-");
    fprintf(fp, "  %12s  %15s  %11.10g  %13.6g  %9s  %+12.6g  %s\n",
            limits_tenths(p->limit.level_tenths, a, sizeof a),
            limits_rr_level(p->limit.level_db, rl, sizeof rl), p->limit.pct_exceeded,
            p->sim_pct_exceeded, m, p->margin_pct, p->pass ? "PASS" : "FAIL");
}

static void text_item(FILE *fp, const struct interf_limit_item *it, size_t idx)
{
    const struct interf_verdict *v = &it->verdict;
    const struct interf_limit_mask *mask = it->sel.mask;
    const char *lat = interf_cdf_meta_get(it->cdf, "lat_deg");
    const char *lon = interf_cdf_meta_get(it->cdf, "lon_deg");
    char label[300], a[24], b[24];
    mask_label(mask, label, sizeof label);
    fprintf(fp, "point %zu: %s:%d", idx + 1, it->source, it->cdf->line);
    /* a frequency-resolved run's CDFs name their channel (interf-table(5)) */
    const char *ch = interf_cdf_meta_get(it->cdf, "channel");
    const char *band = interf_cdf_meta_get(it->cdf, "channel_ghz");
    if (lat && lon)
        fprintf(fp, " (lat_deg %s, lon_deg %s)", lat, lon);
    if (ch)
        fprintf(fp, " channel %s%s%s", ch, band ? " " : "", band ? band : "");
    fprintf(fp, "\n  limits: %s %s [%s]\n",
            mask->family == INTERF_LIMIT_AGGREGATE ? "Res. 76" : "RR Art. 22", label,
            interf_limit_confidence_str(mask->confidence));
    for (size_t k = 0; k < v->n; k++)
        if (v->mask.points[k].level_db != mask->points[k].level_db)
            fprintf(fp, "  100 %% limit %.10g dB at this latitude (%s)\n",
                    v->mask.points[k].level_db, mask->lat_note);
    fprintf(fp, "  %12s  %15s  %11s  %13s  %9s  %12s  %s\n", "level_dbw_m2", "rr_level_dbw_m2",
            "pct_allowed", "pct_simulated", "margin_db", "margin_pct", "verdict");
    for (size_t k = 0; k < v->n; k++)
        text_point(fp, &v->points[k]);
    const struct interf_verdict_point *w = &v->points[v->worst_index];
    fprintf(fp, "  %s: %zu of %zu points pass; worst margin %+.1f dB at point %s dB / %.10g %% "
            "exceeded; run maximum in bin %s dB\n", outcome_word(interf_limit_outcome(it, 1)),
            v->n - v->n_fail, v->n, v->worst_margin_db,
            limits_tenths(w->limit.level_tenths, a, sizeof a), w->limit.pct_exceeded,
            limits_tenths(v->max_tenths, b, sizeof b));
    needs(v, label, sizeof label);
    if (v->sufficiency == INTERF_LIMIT_RUN_INSUFFICIENT)
        fprintf(fp, "  run of %.10g steps, too short: %s\n", v->run_steps, label);
    else if (v->sufficiency == INTERF_LIMIT_RUN_UNKNOWN)
        fprintf(fp, "  run length unknown (no total_weight or n_steps metadata): %s\n", label);
}

static void write_text(FILE *fp, const struct interf_limits *lim,
                       const struct interf_limit_item *items, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        text_item(fp, &items[k], k);
        fputc('\n', fp);
    }
    notes(fp, lim, items, n, "");
    summary(fp, items, n, "summary: ");
    fprintf(fp, "standard: %s\n", LIMITS_STANDARD);
}

/* ---------------------------------------------------------------------------- table */

static void write_table(FILE *fp, const struct interf_limits *lim,
                        const struct interf_limit_item *items, size_t n,
                        const struct interf_provenance *prov)
{
    fputs("# point table dish_m ref_bandwidth_khz level_dbw_m2 rr_level_dbw_m2 pct_not_exceeded "
          "pct_allowed_exceeded pct_simulated_exceeded margin_db margin_pct verdict\n", fp);
    limits_provenance(fp, prov);
    for (size_t k = 0; k < n; k++) {
        const struct interf_verdict *v = &items[k].verdict;
        char label[300];
        mask_label(items[k].sel.mask, label, sizeof label);
        fprintf(fp, "# point_%zu: %s:%d; %s; %s", k + 1, items[k].source, items[k].cdf->line,
                label, interf_limit_confidence_str(items[k].sel.mask->confidence));
        if (v->sufficiency == INTERF_LIMIT_RUN_INSUFFICIENT)
            fprintf(fp, "; INSUFFICIENT: run of %.10g steps, %.0f needed", v->run_steps,
                    v->min_steps);
        else if (v->sufficiency == INTERF_LIMIT_RUN_UNKNOWN)
            fprintf(fp, "; run length unknown, %.0f steps needed", v->min_steps);
        fputc('\n', fp);
    }
    for (size_t k = 0; k < n; k++) {
        const struct interf_limit_mask *m = items[k].sel.mask;
        for (size_t j = 0; j < items[k].verdict.n; j++) {
            const struct interf_verdict_point *p = &items[k].verdict.points[j];
            char a[24], rl[24];
            fprintf(fp, "%5zu  %5s  %6g  %8g  %8s  %9s  %9.10g  %10.10g  %12.6g  %6.1f  %+10.6g"
                    "  %s\n", k + 1, m->table, m->dish_m, m->ref_bandwidth_khz,
                    limits_tenths(p->limit.level_tenths, a, sizeof a),
                    limits_rr_level(p->limit.level_db, rl, sizeof rl), p->limit.pct_not_exceeded,
                    p->limit.pct_exceeded, p->sim_pct_exceeded,
                    isfinite(p->margin_db) ? p->margin_db : NAN, p->margin_pct,
                    p->pass ? "PASS" : "FAIL");
        }
    }
    notes(fp, lim, items, n, "# ");
    summary(fp, items, n, "# summary: ");
}

/* ---------------------------------------------------------------------------- json */

static void json_item(FILE *fp, const struct interf_limit_item *it)
{
    const struct interf_verdict *v = &it->verdict;
    double lat = NAN, lon = NAN;
    struct interf_error e;
    interf_cdf_meta_number(it->cdf, it->source, "lat_deg", &lat, &e);
    interf_cdf_meta_number(it->cdf, it->source, "lon_deg", &lon, &e);
    fputs("\n    {\n      \"source\": ", fp);
    interf_json_string(fp, it->source);
    fprintf(fp, ",\n      \"line\": %d,\n      \"lat_deg\": ", it->cdf->line);
    limits_json_num(fp, lat);
    fputs(",\n      \"lon_deg\": ", fp);
    limits_json_num(fp, lon);
    fputs(",\n      \"limits\": {\n", fp);
    limits_json_mask(fp, it->sel.mask, "        ");
    fprintf(fp, "\n      },\n      \"pass\": %s,\n      \"n_fail\": %zu,\n"
            "      \"sufficiency\": \"%s\",\n      \"min_steps\": %.0f,\n      \"run_steps\": ",
            v->pass ? "true" : "false", v->n_fail,
            v->sufficiency == INTERF_LIMIT_RUN_INSUFFICIENT ? "insufficient"
            : v->sufficiency == INTERF_LIMIT_RUN_SUFFICIENT ? "sufficient" : "unknown",
            v->min_steps);
    limits_json_num(fp, v->run_steps);
    fputs(",\n      \"worst_margin_db\": ", fp);
    limits_json_num(fp, v->worst_margin_db);
    fprintf(fp, ",\n      \"max_dbw_m2\": %.1f,\n      \"rows\": [", v->max_tenths / 10.0);
    for (size_t j = 0; j < v->n; j++) {
        const struct interf_verdict_point *p = &v->points[j];
        fprintf(fp, "%s\n        {\"level_dbw_m2\": %.1f, \"rr_level_dbw_m2\": %.10g, "
                "\"pct_not_exceeded\": %.10g, \"pct_allowed_exceeded\": %.10g, "
                "\"pct_simulated_exceeded\": %.10g, \"margin_db\": ", j ? "," : "",
                p->limit.level_tenths / 10.0, p->limit.level_db, p->limit.pct_not_exceeded,
                p->limit.pct_exceeded, p->sim_pct_exceeded);
        limits_json_num(fp, p->margin_db);
        fprintf(fp, ", \"margin_pct\": %.10g, \"pass\": %s}", p->margin_pct,
                p->pass ? "true" : "false");
    }
    fputs("\n      ]\n    }", fp);
}

static void write_json(FILE *fp, const struct interf_limits *lim,
                       const struct interf_limit_item *items, size_t n,
                       const struct interf_provenance *prov)
{
    const struct interf_limit_mask *un[64];
    size_t n_un = unchecked_rows(lim, items, n, un, 64), nf = count_fail(items, n);
    enum interf_limit_outcome o = interf_limit_outcome(items, n);
    limits_json_head(fp, prov);
    fprintf(fp, ",\n  \"outcome\": \"%s\",\n  \"pass\": %s,\n  \"n_fail\": %zu,\n"
            "  \"n_insufficient\": %zu,\n  \"points\": [", outcome_word(o),
            o == INTERF_LIMIT_PASS ? "true" : "false", nf, count_short(items, n));
    for (size_t k = 0; k < n; k++) {
        fputs(k ? "," : "", fp);
        json_item(fp, &items[k]);
    }
    fputs("\n  ],\n  \"notes\": [", fp);
    for (size_t k = 0; k < n_un; k++) {
        char note[200];
        interf_format_c(note, sizeof note, "Table %s %g m %g kHz row not checked (no CDF in "
                        "%g kHz)", un[k]->table, un[k]->dish_m, un[k]->ref_bandwidth_khz,
                        un[k]->ref_bandwidth_khz);
        fputs(k ? ", " : "", fp);
        interf_json_string(fp, note);
    }
    fputs("]\n}\n", fp);
}

/* ---------------------------------------------------------------------------- entry points */

enum interf_status interf_limit_format_parse(const char *text, enum interf_limit_format *out,
                                             struct interf_error *err)
{
    static const char *const names[] = {"text", "table", "json"};
    for (size_t k = 0; k < 3; k++)
        if (strcmp(text, names[k]) == 0) {
            *out = (enum interf_limit_format)k;
            return INTERF_OK;
        }
    return interf_error_set(err, INTERF_EINPUT, "%.60s: allowed: text, table, json", text);
}

enum interf_status interf_limit_report_write(FILE *fp, enum interf_limit_format format,
                                             const struct interf_limits *limits,
                                             const struct interf_limit_item *items, size_t n,
                                             const struct interf_provenance *prov,
                                             struct interf_error *err)
{
    if (n == 0)
        return interf_error_set(err, INTERF_EINVAL, "interf_limit_report_write: no verdict");
    if (format == INTERF_LIMIT_TEXT)
        write_text(fp, limits, items, n);
    else if (format == INTERF_LIMIT_TABLE)
        write_table(fp, limits, items, n, prov);
    else
        write_json(fp, limits, items, n, prov);
    return limits_write_status(fp, err);
}
