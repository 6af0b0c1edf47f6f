/* SPDX-License-Identifier: MIT */
/* interf limits, listing: every row of the validation tables of Radio Regulations Article 22
 * (22-1A to 22-1E, 22-2, 22-3) with its bands, points, confidence and source, as text, an
 * interf-table(5) table or JSON (interf-check --list). */
#include "limits_impl.h"

#include <string.h>

static void regions_str(unsigned r, char *buf, size_t n)
{
    snprintf(buf, n, "%s%s%s", r & INTERF_REGION_1 ? "R1," : "", r & INTERF_REGION_2 ? "R2," : "",
             r & INTERF_REGION_3 ? "R3," : "");
    if (buf[0])
        buf[strlen(buf) - 1] = '\0';
}

/* "  bands: 10.7-11.7 GHz R1,R2,R3; ..." of a row. */
static void text_bands(FILE *fp, const struct interf_limit_mask *m)
{
    char rg[16];
    fputs("  bands:", fp);
    for (size_t b = 0; b < m->n_bands; b++) {
        const struct interf_limit_band *band = &m->bands[b];
        int other = strcmp(band->service, m->service) != 0;
        regions_str(band->regions, rg, sizeof rg);
        fprintf(fp, "%s %g-%g GHz %s%s%s", b ? ";" : "", band->lo_ghz, band->hi_ghz, rg,
                other ? " " : "", other ? band->service : "");
        if (band->confidence != INTERF_LIMIT_CONFIRMED)
            fprintf(fp, " [%s]", interf_limit_confidence_str(band->confidence));
    }
    fputc('\n', fp);
}

static void list_text(FILE *fp, const struct interf_limits *lim)
{
    const char *last = "";
    fputs("Radio Regulations Article 22 single-entry EPFD limits: level dB(W/m2) in the reference "
          "bandwidth / % of time not exceeded\n", fp);
    for (size_t k = 0; k < interf_limits_count(lim); k++) {
        const struct interf_limit_mask *m = interf_limits_mask(lim, k);
        int first = strcmp(m->table, last) != 0;
        if (first)
            fprintf(fp, "\nTable %s  %s  %s\n  source: %s\n", m->table,
                    interf_limit_kind_str(m->kind), m->service, m->source);
        if (first || m->kind == INTERF_EPFD_UP) {
            text_bands(fp, m);
            last = m->table;
        }
        if (m->dish_m > 0)
            fprintf(fp, "  %g m  %g kHz  %s  [%s]\n   ", m->dish_m, m->ref_bandwidth_khz,
                    m->pattern, interf_limit_confidence_str(m->confidence));
        else
            fprintf(fp, "  GSO beam %g deg  %g kHz  %s  [%s]\n   ", m->gso_beamwidth_deg,
                    m->ref_bandwidth_khz, m->pattern, interf_limit_confidence_str(m->confidence));
        for (size_t j = 0; j < m->n_points; j++) {
            char a[24];
            fprintf(fp, " %s/%.10g", limits_rr_level(m->points[j].level_db, a, sizeof a),
                    m->points[j].pct_not_exceeded);
        }
        fputc('\n', fp);
        for (size_t j = 0; j < m->n_sources; j++)
            fprintf(fp, "    source %zu: %s [%s]%s\n", j + 1, m->sources[j].citation,
                    m->sources[j].edition,
                    m->sources[j].derived ? " (a transcription of another source)" : "");
        if (m->lat_note)
            fprintf(fp, "    100 %% limit also depends on latitude (%s)\n", m->lat_note);
        if (m->note)
            fprintf(fp, "    note: %s\n", m->note);
    }
}

static void list_table(FILE *fp, const struct interf_limits *lim,
                       const struct interf_provenance *prov)
{
    fputs("# table kind service dish_m gso_beamwidth_deg ref_bandwidth_khz rr_level_dbw_m2 "
          "pct_not_exceeded level_dbw_m2 pct_exceeded confidence latitude_dependent\n", fp);
    limits_provenance(fp, prov);
    for (size_t k = 0; k < interf_limits_count(lim); k++) {
        const struct interf_limit_mask *m = interf_limits_mask(lim, k);
        const char *c = m->confidence == INTERF_LIMIT_CONFIRMED ? "confirmed"
                        : m->confidence == INTERF_LIMIT_SINGLE_SOURCE ? "single_source"
                                                                      : "unconfirmed";
        for (size_t j = 0; j < m->n_points; j++) {
            char a[24], rl[24];
            fprintf(fp, "%5s  %9s  %3s  %5g  %4g  %6g  %9s  %9.10g  %8s  %9.10g  %-13s  %s\n",
                    m->table, interf_limit_kind_str(m->kind), m->service, m->dish_m,
                    m->gso_beamwidth_deg, m->ref_bandwidth_khz,
                    limits_rr_level(m->points[j].level_db, rl, sizeof rl),
                    m->points[j].pct_not_exceeded,
                    limits_tenths(m->points[j].level_tenths, a, sizeof a),
                    m->points[j].pct_exceeded, c, m->lat_note ? m->lat_note + 7 : "-");
        }
    }
}

static void list_json(FILE *fp, const struct interf_limits *lim,
                      const struct interf_provenance *prov)
{
    limits_json_head(fp, prov);
    fputs(",\n  \"rows\": [", fp);
    for (size_t k = 0; k < interf_limits_count(lim); k++) {
        const struct interf_limit_mask *m = interf_limits_mask(lim, k);
        fprintf(fp, "%s\n    {\n", k ? "," : "");
        limits_json_mask(fp, m, "      ");
        fputs(",\n      \"points\": [", fp);
        for (size_t j = 0; j < m->n_points; j++)
            fprintf(fp, "%s\n        {\"rr_level_dbw_m2\": %.10g, \"pct_not_exceeded\": %.10g, "
                    "\"level_dbw_m2\": %.1f, \"pct_exceeded\": %.10g}", j ? "," : "",
                    m->points[j].level_db, m->points[j].pct_not_exceeded,
                    m->points[j].level_tenths / 10.0, m->points[j].pct_exceeded);
        fputs("\n      ]\n    }", fp);
    }
    fputs("\n  ]\n}\n", fp);
}

enum interf_status interf_limits_list_write(FILE *fp, enum interf_limit_format format,
                                            const struct interf_limits *limits,
                                            const struct interf_provenance *prov,
                                            struct interf_error *err)
{
    if (format == INTERF_LIMIT_TEXT)
        list_text(fp, limits);
    else if (format == INTERF_LIMIT_TABLE)
        list_table(fp, limits, prov);
    else
        list_json(fp, limits, prov);
    return limits_write_status(fp, err);
}
