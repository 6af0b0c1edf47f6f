/* SPDX-License-Identifier: MIT */
/* interf render: contour files. The lines of a grid at a set of levels as an RFC 7946 GeoJSON
 * FeatureCollection or as GMT multi-segment text, each closed line with the area it bounds. */
#include "interf/io.h"
#include "render_impl.h"

#include <math.h>
#include <string.h>

/* One contour line, cut for RFC 7946, with the area of the polygon a closed line bounds. */
struct contour {
    struct interf_lines parts;
    int closed, above;
    double area_km2;
};

static enum interf_status contour_prepare(const struct interf_contour_options *o,
                                          const struct interf_polyline *line, struct contour *c,
                                          struct interf_error *err)
{
    interf_lines_init(&c->parts);
    c->closed = line->closed && line->n >= 3;
    c->area_km2 = 0;
    enum interf_status st = interf_contour_rfc7946(line, &c->parts, &c->above, err);
    for (size_t k = 0; st == INTERF_OK && c->closed && k < c->parts.n; k++) {
        double a = interf_ring_area_sphere_km2(&c->parts.line[k], INTERF_RE_KM);
        if (o->wgs84)
            st = interf_ring_area_wgs84_km2(&c->parts.line[k], &a, err);
        c->area_km2 += a;
    }
    return st;
}

static void json_ring(FILE *f, const struct interf_polyline *pl, int ring)
{
    fputc('[', f);
    for (size_t k = 0; k < pl->n + (size_t)ring; k++) {
        size_t i = k % pl->n;
        fprintf(f, "%s[%.6f, %.6f]", k ? ", " : "", pl->x[i], pl->y[i]);
    }
    fputc(']', f);
}

static void write_feature(FILE *f, const struct interf_contour_options *o,
                          const struct contour *c, double level, int first)
{
    size_t n = c->parts.n;
    static const char *const types[2][2] = {{"LineString", "MultiLineString"},
                                            {"Polygon", "MultiPolygon"}};
    fprintf(f, "%s\n{\"type\": \"Feature\", \"properties\": {\"quantity\": ", first ? "" : ",");
    interf_json_string(f, o->quantity ? o->quantity : "");
    fputs(", ", f);
    if (o->statistic) {
        fputs("\"statistic\": ", f);
        interf_json_string(f, o->statistic);
        fputs(", ", f);
    }
    fprintf(f, o->level_db ? "\"level_db\": %.17g, " : "\"level\": %.17g, ", level);
    if (c->closed)
        fprintf(f, "\"closed\": true, \"inside\": \"%s\", \"area_km2\": %.3f}, ",
                c->above ? "above" : "below", c->area_km2);
    else
        fputs("\"closed\": false}, ", f);
    fprintf(f, "\"geometry\": {\"type\": \"%s\", \"coordinates\": ", types[c->closed][n > 1]);
    if (n > 1)
        fputc('[', f);
    for (size_t k = 0; k < n; k++) {
        fputs(k ? ", " : "", f);
        if (c->closed)
            fputc('[', f);
        json_ring(f, &c->parts.line[k], c->closed);
        if (c->closed)
            fputc(']', f);
    }
    fputs(n > 1 ? "]}}" : "}}", f);
}

static void write_segment(FILE *f, const struct interf_contour_options *o,
                          const struct interf_polyline *pl, const struct contour *c, double level)
{
    double shift = -360 * floor((pl->x[0] + 180) / 360);
    fprintf(f, "> -Z%.17g -L\"%s=%.17g ", level, o->level_db ? "level_db" : "level", level);
    if (c->closed)
        fprintf(f, "closed inside=%s area_km2=%.3f\"\n", c->above ? "above" : "below",
                c->area_km2);
    else
        fputs("open\"\n", f);
    for (size_t k = 0; k < pl->n + (size_t)c->closed; k++)
        fprintf(f, "%.6f\t%.6f\n", pl->x[k % pl->n] + shift, pl->y[k % pl->n]);
}

static const char *area_model(const struct interf_contour_options *o)
{
    return o->wgs84 ? "WGS 84 geodesic" : "sphere R=6378.145 km (S.1503-4)";
}

static void write_header(FILE *f, const struct interf_contour_options *o)
{
    const struct interf_provenance *p = o->prov;
    if (o->format == INTERF_CONTOUR_GMT) {
        if (p)
            interf_provenance_write(f, p, NULL);
        fprintf(f, "# crs: EPSG:4326\n# area_model: %s\n", area_model(o));
        return;
    }
    fputs("{\"type\": \"FeatureCollection\",\n\"interf\": {", f);
    for (size_t k = 0; p && k < p->n; k++) {
        interf_json_string(f, p->item[k].key);
        fputs(": ", f);
        interf_json_string(f, p->item[k].value);
        fputs(", ", f);
    }
    fprintf(f, "\"crs\": \"EPSG:4326\", \"area_model\": \"%s\"},\n\"features\": [",
            area_model(o));
}

/* The lines of one level. */
static enum interf_status write_level(FILE *f, const struct interf_grid *grid,
                                      const struct interf_contour_options *o, double level,
                                      int *first, struct interf_error *err)
{
    struct interf_lines lines;
    interf_lines_init(&lines);
    enum interf_status st = interf_grid_contour(grid, level, &lines, err);
    for (size_t i = 0; st == INTERF_OK && i < lines.n; i++) {
        struct contour c;
        st = contour_prepare(o, &lines.line[i], &c, err);
        if (st == INTERF_OK && o->format == INTERF_CONTOUR_GMT)
            write_segment(f, o, &lines.line[i], &c, level);
        else if (st == INTERF_OK && c.parts.n > 0)
            write_feature(f, o, &c, level, *first), *first = 0;
        interf_lines_free(&c.parts);
    }
    interf_lines_free(&lines);
    return st;
}

enum interf_status interf_contours_write(FILE *fp, const struct interf_grid *grid,
                                         const struct interf_contour_options *o,
                                         struct interf_error *err)
{
    if (!fp || !grid || !o || (o->n_levels && !o->levels))
        return interf_error_set(err, INTERF_EINVAL, "contours: NULL argument");
    int first = 1;
    enum interf_status st = INTERF_OK;
    write_header(fp, o);
    for (size_t k = 0; st == INTERF_OK && k < o->n_levels; k++)
        st = write_level(fp, grid, o, o->levels[k], &first, err);
    if (st != INTERF_OK)
        return st;
    if (o->format == INTERF_CONTOUR_GEOJSON)
        fputs("\n]}\n", fp);
    return ferror(fp) ? interf_error_set(err, INTERF_EIO, "contours: write error") : INTERF_OK;
}

enum interf_status interf_contour_format_parse(const char *text, enum interf_contour_format *out,
                                               struct interf_error *err)
{
    if (strcmp(text, "geojson") == 0)
        *out = INTERF_CONTOUR_GEOJSON;
    else if (strcmp(text, "gmt") == 0)
        *out = INTERF_CONTOUR_GMT;
    else
        return interf_error_set(err, INTERF_EINPUT, "contours_format: %s: expected geojson or "
                                "gmt", text);
    return INTERF_OK;
}
