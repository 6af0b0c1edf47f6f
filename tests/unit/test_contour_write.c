/* SPDX-License-Identifier: MIT */
/* Tests of the contour writers (render layer): the GeoJSON (RFC 7946) and GMT texts of a small
 * ring against expected texts written out by hand, the provenance member with JSON escapes, an
 * open line, and the format names. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interf.h"

/* A 3 x 3 grid of 1 deg cells centred on 0 N 0 E, 1 at the centre and 0 around it: the 0.5
 * contour crosses every edge from the centre halfway, so it is the square ring (diamond) with
 * vertices (+-0.5, 0) and (0, +-0.5) deg, counter-clockwise round the maximum (RFC 7946 §3.1.6:
 * exterior rings counter-clockwise). Its area on the S.1503-4 sphere (R = 6378.145 km), edges
 * straight in longitude and latitude: A = -R^2 sum over edges of dlon (cos lat0 - cos lat1) /
 * (lat1 - lat0) (Green's theorem on dA = R^2 cos(lat) dlat dlon, lat linear in lon), which an
 * independent evaluation of the four edges (Python, double precision) gives as 6195.99074 km^2. */
static char *write_text(const struct interf_contour_options *o, double corner)
{
    struct interf_grid_spec sp;
    struct interf_grid *g;
    char *text = NULL;
    size_t len = 0;
    cr_assert(eq(int, interf_grid_spec_init(-1.5, 1.5, -1.5, 1.5, 1, &sp, NULL), INTERF_OK));
    cr_assert(eq(int, interf_grid_create(&sp, &g, NULL), INTERF_OK));
    for (int i = 0; i < 9; i++)
        g->values[i] = 0;
    g->values[4] = 1;
    g->values[0] = corner;
    FILE *f = open_memstream(&text, &len);
    cr_assert(eq(int, interf_contours_write(f, g, o, NULL), INTERF_OK));
    fclose(f);
    interf_grid_destroy(g);
    return text;
}

Test(contour_write, geojson_of_a_square_ring)
{
    double level = 0.5;
    struct interf_contour_options o = {INTERF_CONTOUR_GEOJSON, &level, 1, "gain_rel_db", NULL,
                                       1, 0, NULL};
    char *text = write_text(&o, 0);
    cr_assert(eq(str, text,
                 "{\"type\": \"FeatureCollection\",\n"
                 "\"interf\": {\"crs\": \"EPSG:4326\", \"area_model\": \"sphere R=6378.145 km "
                 "(S.1503-4)\"},\n\"features\": [\n"
                 "{\"type\": \"Feature\", \"properties\": {\"quantity\": \"gain_rel_db\", "
                 "\"level_db\": 0.5, \"closed\": true, \"inside\": \"above\", "
                 "\"area_km2\": 6195.991}, \"geometry\": {\"type\": \"Polygon\", "
                 "\"coordinates\": [[[-0.500000, 0.000000], [0.000000, -0.500000], "
                 "[0.500000, 0.000000], [0.000000, 0.500000], [-0.500000, 0.000000]]]}}\n]}\n"));
    free(text);
}

Test(contour_write, gmt_of_a_square_ring)
{
    double level = 0.5;
    struct interf_contour_options o = {INTERF_CONTOUR_GMT, &level, 1, "n_visible", NULL, 0, 0,
                                       NULL};
    char *text = write_text(&o, 0);
    cr_assert(eq(str, text,
                 "# crs: EPSG:4326\n# area_model: sphere R=6378.145 km (S.1503-4)\n"
                 "> -Z0.5 -L\"level=0.5 closed inside=above area_km2=6195.991\"\n"
                 "-0.500000\t0.000000\n0.000000\t-0.500000\n0.500000\t0.000000\n"
                 "0.000000\t0.500000\n-0.500000\t0.000000\n"));
    free(text);
}

/* The provenance is the collection's "interf" member, each value a JSON string (RFC 8259 §7:
 * quote and backslash escaped); the statistic is a feature property. */
Test(contour_write, geojson_provenance_and_statistic)
{
    double level = 0.5;
    struct interf_provenance p;
    interf_provenance_init(&p, NULL);
    interf_provenance_set(&p, "command", "a \"b\" c\\d");
    struct interf_contour_options o = {INTERF_CONTOUR_GEOJSON, &level, 1, "pfd_dbw_m2_40khz",
                                       "p99", 1, 0, &p};
    char *text = write_text(&o, 0);
    cr_assert(ne(ptr, strstr(text, "\"interf\": {\"command\": \"a \\\"b\\\" c\\\\d\", \"crs\""),
                 NULL), "%s", text);
    cr_assert(ne(ptr, strstr(text, "{\"quantity\": \"pfd_dbw_m2_40khz\", \"statistic\": \"p99\", "
                                   "\"level_db\": 0.5,"), NULL), "%s", text);
    free(text);
}

/* A NODATA corner (NaN) cuts the ring: the cells round the south-west corner have no lines, so
 * the contour is an open LineString, without an area. */
Test(contour_write, open_line_has_no_area)
{
    double level = 0.5;
    struct interf_contour_options o = {INTERF_CONTOUR_GEOJSON, &level, 1, "gain_rel_db", NULL,
                                       1, 0, NULL};
    char *text = write_text(&o, NAN);
    cr_assert(ne(ptr, strstr(text, "\"closed\": false}, \"geometry\": {\"type\": "
                                   "\"LineString\""), NULL), "%s", text);
    cr_assert(eq(ptr, strstr(text, "area_km2"), NULL));
    free(text);
}

Test(contour_write, format_names)
{
    enum interf_contour_format f = INTERF_CONTOUR_GEOJSON;
    struct interf_error err;
    cr_assert(eq(int, interf_contour_format_parse("gmt", &f, &err), INTERF_OK));
    cr_assert(eq(int, f, INTERF_CONTOUR_GMT));
    cr_assert(eq(int, interf_contour_format_parse("kml", &f, &err), INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "contours_format: kml: expected geojson or gmt"));
}
