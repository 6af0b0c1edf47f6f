/* SPDX-License-Identifier: MIT */
/* interf render: what a picture says about itself (the title, source and description of a map
 * or a CDF chart in its provenance record, for the PNG text chunks), the limit mask of a CDF
 * chart from an Article 22 verdict (Rec. ITU-R S.1503-4 (09/2023) §D7), and option names. */
#include "render_impl.h"

#include <math.h>
#include <string.h>

enum interf_status interf_interp_parse(const char *name, enum interf_interp *out,
                                       struct interf_error *err)
{
    if (strcmp(name, "nearest") == 0 || strcmp(name, "bilinear") == 0) {
        *out = name[0] == 'b' ? INTERF_INTERP_BILINEAR : INTERF_INTERP_NEAREST;
        return INTERF_OK;
    }
    return interf_error_set(err, INTERF_EINPUT, "%.60s: allowed: nearest, bilinear", name);
}

enum interf_status interf_mark_parse(const char *text, struct interf_mark *out,
                                     struct interf_error *err)
{
    const char *c1 = strchr(text, ','), *c2 = c1 ? strchr(c1 + 1, ',') : NULL;
    char lat[64], lon[64];
    size_t n_lon = c1 ? (c2 ? (size_t)(c2 - c1 - 1) : strlen(c1 + 1)) : 0;
    if (!c1 || (size_t)(c1 - text) >= sizeof lat || n_lon >= sizeof lon)
        return interf_error_set(err, INTERF_EINPUT, "expected LAT,LON[,LABEL], got \"%.60s\"",
                                text);
    snprintf(lat, sizeof lat, "%.*s", (int)(c1 - text), text);
    snprintf(lon, sizeof lon, "%.*s", (int)n_lon, c1 + 1);
    if (!interf_parse_real(lat, &out->lat_deg) || !interf_parse_real(lon, &out->lon_deg))
        return interf_error_set(err, INTERF_EINPUT, "expected LAT,LON[,LABEL], got \"%.60s\"",
                                text);
    if (fabs(out->lat_deg) > 90 || fabs(out->lon_deg) > 360)
        return interf_error_set(err, INTERF_EINPUT, "%.60s: latitude beyond 90 or longitude "
                                "beyond 360", text);
    snprintf(out->label, sizeof out->label, "%s", c2 ? c2 + 1 : "");
    return INTERF_OK;
}

void interf_map_provenance(const struct interf_map *m, const struct interf_grid_meta *meta,
                           const char *source, struct interf_provenance *p)
{
    const char *quantity = interf_grid_meta_get(meta, "quantity");
    const char *tool = interf_grid_meta_get(meta, "tool");
    const char *stat = interf_grid_meta_get(meta, "statistic");
    char desc[600];
    interf_provenance_set(p, "title", "%s", m->opt.title ? m->opt.title
                                            : quantity ? quantity : source);
    interf_provenance_set(p, "source", "%s%s%s", source, tool ? ", written by " : "",
                          tool ? tool : "");
    interf_format_c(desc, sizeof desc, "%s%s%s%s%s; colour range %g to %g",
                    quantity ? quantity : "grid", meta->unit[0] ? " in " : "", meta->unit,
                    stat ? ", statistic " : "", stat ? stat : "", m->range_min, m->range_max);
    interf_provenance_set(p, "description", "%s", desc);
}

void interf_chart_provenance(const struct interf_cdf *cdfs, size_t n,
                             const char *const *sources, size_t n_sources,
                             const struct interf_chart_options *o, struct interf_provenance *p)
{
    char source[1200] = "";
    for (size_t k = 0; k < n_sources; k++)
        snprintf(source + strlen(source), sizeof source - strlen(source), "%s%s", k ? ", " : "",
                 sources[k]);
    interf_provenance_set(p, "title", "%s", o->title ? o->title : "CDF");
    interf_provenance_set(p, "source", "%s", source);
    interf_provenance_set(p, "description", "percentage of time exceeded against %s, %zu CDF%s%s%s",
                          n ? cdfs[0].quantity : "", n, n == 1 ? "" : "s",
                          o->mask ? "; limit mask " : "",
                          o->mask && o->mask->label ? o->mask->label : "");
}

void interf_chart_limit_init(const struct interf_verdict *v, struct interf_chart_limit *out)
{
    for (size_t k = 0; k < v->n; k++) {
        out->level_db[k] = v->points[k].limit.level_db;
        out->pct_exceeded[k] = v->points[k].limit.pct_exceeded;
        out->margin_db[k] = v->points[k].margin_db;
    }
    char run[80] = "";
    /* Rec. ITU-R S.1503-4 §D4.6: a run too short to resolve the row is never a pass. */
    if (v->sufficiency == INTERF_LIMIT_RUN_INSUFFICIENT)
        interf_format_c(run, sizeof run, "%s (run of %.10g steps, %.0f needed)",
                        v->pass ? "INSUFFICIENT" : "; INSUFFICIENT", v->run_steps, v->min_steps);
    else if (v->sufficiency == INTERF_LIMIT_RUN_UNKNOWN && v->pass)
        snprintf(run, sizeof run, " (run length unknown)");
    /* Resolution 76's tables are named Res76-1A..1D: shown as "Res. 76 Table 1A" */
    const int res76 = v->mask.family == INTERF_LIMIT_AGGREGATE;
    interf_format_c(out->label, sizeof out->label, "%s Table %s, %g m, %g kHz: %s%s",
                    res76 ? "Res. 76" : "RR", v->mask.table + (res76 ? 6 : 0), v->mask.dish_m,
                    v->mask.ref_bandwidth_khz,
                    !v->pass ? "FAIL" : v->sufficiency == INTERF_LIMIT_RUN_INSUFFICIENT ? ""
                                                                                       : "pass",
                    run);
    out->mask = (struct interf_chart_mask){v->n, out->level_db, out->pct_exceeded,
                                           out->margin_db, out->label};
}
