/* SPDX-License-Identifier: MIT */
/* interf render: maps of lat/lon grids in any PROJ projection, charts of CDF tables and XY line
 * charts (antenna patterns), as 8-bit RGBA images written to PNG with their provenance in iTXt
 * chunks.
 *
 * A map is made in two steps. interf_map_create resolves the projection (through PROJ), the
 * region, the colour range and the layout; interf_map_render then inverse-projects every pixel
 * of the map area (batched through proj_trans_generic), samples the grid (nearest or
 * bilinear), colours it, and draws the overlays (coastlines, borders, graticule, contours,
 * tracks, marks) through the forward projection, then title, colour bar and labels, with
 * cairo (anti-aliased, DejaVu Sans through fontconfig). Pixels off the globe (or outside the
 * region) are transparent; NODATA cells are a neutral grey.
 *
 * The contour tracer (marching squares) is public: interf_grid_contour returns the lines of one
 * level in longitude/latitude, for drawing and for GeoJSON output alike.
 *
 * Thread safety: objects are not shared between threads; different objects may be used in
 * different threads (each map has its own PROJ context). */
#ifndef INTERF_RENDER_H
#define INTERF_RENDER_H

#include <stdint.h>
#include <stdio.h>

#include "interf/antenna.h"
#include "interf/core.h"
#include "interf/grid.h"
#include "interf/io.h"
#include "interf/limits.h"
#include "interf/stats.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------------- images */

/* An 8-bit RGBA image: width_px * height_px pixels of 4 bytes (R, G, B, A), rows from the top,
 * alpha not premultiplied. Free with interf_image_destroy. */
struct interf_image {
    int width_px, height_px;
    uint8_t *rgba;
};
INTERF_API void interf_image_destroy(struct interf_image *img); /* NULL is a no-op */

/* One text chunk of a PNG: keyword (1-79 Latin-1 characters; registered keywords are Title,
 * Author, Description, Copyright, Creation Time, Software, Disclaimer, Warning, Source,
 * Comment) and UTF-8 text. */
struct interf_png_text {
    const char *key;
    const char *text;
};

/* Write img to fp as an 8-bit RGBA PNG (libpng's full API; the simplified API cannot write
 * text), with one uncompressed iTXt chunk per text item. Errors of libpng (and write errors,
 * INTERF_EIO) are returned, never printed. */
INTERF_API enum interf_status interf_png_write(FILE *fp, const struct interf_image *img,
                                               const struct interf_png_text *text, size_t n_text,
                                               struct interf_error *err);

/* The same with the text chunks of a provenance record (interf/io.h): "title" as Title, "tool"
 * as Software, "source" as Source, "command" as Comment, "description" as Description (the
 * registered keywords), and every other item under its own key. */
INTERF_API enum interf_status interf_png_write_provenance(FILE *fp, const struct interf_image *img,
                                                          const struct interf_provenance *prov,
                                                          struct interf_error *err);

/* ---------------------------------------------------------------------- units in pictures */

/* A unit as pictures show it, from the one form files write (ASCII, interf-table(5): the
 * .aux.xml UnitType, "dB(W/m2/40kHz)"): exponents after a unit symbol as superscripts ("m2" ->
 * "m²", "s-1" -> "s⁻¹"), a thin space (U+2009) between a number and the unit symbol after it
 * ("40 kHz", SI Brochure, 9th ed., §5.4.3), "deg" alone as "°"; the words unchanged. "dB(W/m2/40kHz)" ->
 * "dB(W/m²/40 kHz)", "dBW/4kHz" -> "dBW/4 kHz"; "dBi", "%" and "satellites" stay as they are.
 * Map colour bars and chart axes show their units through it. Into buf (n bytes, always
 * terminated, cut at a whole character); NULL unit gives "". Thread-safe. */
INTERF_API void interf_unit_typeset(const char *unit, char *buf, size_t n);

/* --------------------------------------------------------------------------- colour maps */

enum interf_palette {
    INTERF_PALETTE_VIRIDIS = 0, /* perceptually uniform, dark blue to yellow (van der Walt and
                                   Smith, matplotlib 2.0, CC0) */
    INTERF_PALETTE_MAGMA = 1,   /* perceptually uniform, black to light yellow (idem) */
    INTERF_PALETTE_CIVIDIS = 2, /* viridis made uniform for colour-vision deficiency (Nunez,
                                   Anderton, Renslow, PLOS ONE 13(7) 2018) */
    INTERF_PALETTE_DIVERGING = 3, /* red - grey - blue, K. Moreland's "cool to warm" (ISVC
                                     2009) from its warm end: low values (negative margins)
                                     red; centred on the --center value */
    INTERF_PALETTE_INDEX = 4    /* tests: value v (a whole number in [0, 2^24)) is the colour
                                   0xRRGGBB = v itself; no colour bar */
};

/* "viridis", "magma", "cividis", "diverging" (not "index", which is for tests). */
INTERF_API enum interf_status interf_palette_parse(const char *name, enum interf_palette *out,
                                                   struct interf_error *err);
/* The colour 0xRRGGBB at position t in [0, 1] (clamped) of palette p (256 entries, no
 * interpolation between them). */
INTERF_API uint32_t interf_palette_rgb(enum interf_palette p, double t);

/* ------------------------------------------------------------------------- line features */

/* A polyline (x = longitude, y = latitude in degrees unless said otherwise). closed: the last
 * point joins the first (which is not repeated). */
struct interf_polyline {
    size_t n;
    double *x, *y;
    int closed;
};

/* A set of polylines. Zero it (interf_lines_init) before use; free with interf_lines_free. */
struct interf_lines {
    size_t n, cap;
    struct interf_polyline *line;
};
INTERF_API void interf_lines_init(struct interf_lines *lines);
INTERF_API void interf_lines_free(struct interf_lines *lines); /* leaves it empty */

/* Read GMT multi-segment text (the coastline files): a line starting with ">" begins a segment,
 * then "lon_deg lat_deg" pairs; "#" lines and blank lines are skipped. Appends to out. name labels
 * messages ("name:line: ..."). */
INTERF_API enum interf_status interf_lines_read_gmt(FILE *fp, const char *name,
                                                    struct interf_lines *out,
                                                    struct interf_error *err);

/* Read tracks from a table (interf-table(5)) whose schema line names lat_deg and lon_deg
 * columns, such as interf-orbit prints: one polyline per satellite when there is a "sat"
 * column (rows of each satellite in file order), else one per ">"-separated part. Appends to
 * out. */
INTERF_API enum interf_status interf_lines_read_track(FILE *fp, const char *name,
                                                      struct interf_lines *out,
                                                      struct interf_error *err);

/* ----------------------------------------------------------------------------- contours */

/* The lines where the field z (nx * ny values, row-major, z[j * nx + i] at x = i, y = j)
 * crosses level, by marching squares with linear interpolation along cell edges and the cell
 * mean deciding saddles. Points are in index coordinates (x, y). A value equal to the level
 * counts as above it. Cells with a NaN corner have no lines, so lines end at NODATA as at the
 * field's edges. Orientation: walking along a line, values above the level are on the left
 * (with y pointing up); a closed line is a ring (closed = 1, first point not repeated), counter-
 * clockwise around a maximum. Appends to out. */
INTERF_API enum interf_status interf_contour_trace(const double *z, size_t nx, size_t ny,
                                                   double level, struct interf_lines *out,
                                                   struct interf_error *err);

/* The contour lines of a grid at level, in longitude/latitude of the cell centres (degrees;
 * longitudes in the grid's own range, continuous across 180 deg). A global grid is traced
 * round the Earth (its last column joins its first), so rings cross the antimeridian whole.
 * Orientation as interf_contour_trace with y = latitude: rings around higher values are
 * counter-clockwise, as RFC 7946 wants exterior rings. Appends to out. */
INTERF_API enum interf_status interf_grid_contour(const struct interf_grid *grid, double level,
                                                  struct interf_lines *out,
                                                  struct interf_error *err);

/* A contour line of interf_grid_contour made ready for RFC 7946 GeoJSON: longitudes brought
 * into [-180, 180] and the line cut at the antimeridian (§3.1.9). Appends the parts to out:
 * - an open line: its pieces between crossings of a meridian 180 + 360 k deg (open lines; the
 *   crossing point ends one piece at +-180 and starts the next at -+180);
 * - a closed ring: the polygon it bounds, as closed counter-clockwise rings (exterior rings by
 *   the right-hand rule, §3.1.6), one per part on each side of the antimeridian (one ring when
 *   it does not cross). A counter-clockwise ring (values above the level inside) is kept, a
 *   clockwise one (round values below the level) reversed; a ring that goes round the Earth (a
 *   pole inside, its longitudes advancing by 360 deg) bounds the cap on its higher side and is
 *   closed along that pole's parallel (lat +-90).
 * *above (may be NULL): 1 when the values inside the polygon are above the level (and for
 * open lines), 0 when below. */
INTERF_API enum interf_status interf_contour_rfc7946(const struct interf_polyline *line,
                                                     struct interf_lines *out, int *above,
                                                     struct interf_error *err);

/* The signed area (km^2, positive when counter-clockwise) of a ring of lon/lat points (deg; the
 * last point joins the first; longitudes continuous, as interf_contour_rfc7946 gives them) on a
 * sphere of radius radius_km (INTERF_RE_KM: the S.1503-4 sphere), the edges straight in
 * longitude and latitude (as GeoJSON draws them): exact for such a polygon. 0 for fewer than 3
 * points. */
INTERF_API double interf_ring_area_sphere_km2(const struct interf_polyline *ring,
                                              double radius_km);

/* The signed area (km^2, positive when counter-clockwise) of the same ring on the WGS 84
 * ellipsoid with geodesic edges, through PROJ's geodesic API (geod_polygonarea, Karney 2013).
 * INTERF_EINVAL for NULL arguments. */
INTERF_API enum interf_status interf_ring_area_wgs84_km2(const struct interf_polyline *ring,
                                                         double *area_km2,
                                                         struct interf_error *err);

/* Contour files: the lines of a grid at a set of levels, each line cut for RFC 7946
 * (interf_contour_rfc7946), with the area of the polygon a closed line bounds (on the S.1503-4
 * sphere, edges straight in longitude and latitude, or on WGS 84 with geodesic edges). */
enum interf_contour_format {
    INTERF_CONTOUR_GEOJSON = 0, /* RFC 7946 FeatureCollection: a closed line is a Polygon (its
                                   first position repeated, §3.1.6), a line cut by the grid's
                                   edge or NODATA a LineString, either cut at the antimeridian
                                   a MultiPolygon or MultiLineString (§3.1.9); properties
                                   quantity, statistic, level_db (level for a quantity not in
                                   dB), closed, inside (above or below), area_km2. The
                                   provenance is the member "interf" of the collection. */
    INTERF_CONTOUR_GMT = 1      /* GMT multi-segment text: "# key: value" provenance lines,
                                   then per line "> -ZLEVEL -L\"level_db=LEVEL closed
                                   inside=above area_km2=A\"" (or "open") and "lon<TAB>lat" rows,
                                   the line whole (longitudes continuous from [-180, 180)), a
                                   ring closed by repeating its first point */
};

/* "geojson" or "gmt". INTERF_EINPUT "contours_format: TEXT: expected geojson or gmt". */
INTERF_API enum interf_status interf_contour_format_parse(const char *text,
                                                          enum interf_contour_format *out,
                                                          struct interf_error *err);

struct interf_contour_options {
    enum interf_contour_format format;
    const double *levels;        /* n_levels levels, in the grid's unit */
    size_t n_levels;
    const char *quantity;        /* the grid's quantity (column style), a feature property */
    const char *statistic;       /* a feature property too; NULL: none */
    int level_db;                /* 1: the levels are dB ("level_db"), 0: counts ("level") */
    int wgs84;                   /* 1: areas on WGS 84 (geodesic edges); 0: on the sphere */
    const struct interf_provenance *prov; /* written with the lines; NULL: none */
};

/* Write the contours of grid at o->levels to fp in o->format, level after level, each line in
 * the tracer's order (interf_grid_contour). Coordinates with 6 decimals, areas with 3.
 * INTERF_EIO on a write error; the tracer's errors. */
INTERF_API enum interf_status interf_contours_write(FILE *fp, const struct interf_grid *grid,
                                                   const struct interf_contour_options *o,
                                                   struct interf_error *err);

/* ---------------------------------------------------------------------------------- maps */

enum interf_interp {
    INTERF_INTERP_NEAREST = 0, /* the value of the cell the pixel centre falls in */
    INTERF_INTERP_BILINEAR = 1 /* between the four nearest cell centres (nearest where one of
                                  them is NODATA) */
};

/* A point of interest. */
struct interf_mark {
    double lat_deg, lon_deg;
    char label[64]; /* UTF-8, may be empty */
};

/* Parse "LAT,LON[,LABEL]" (degrees; |LAT| <= 90, |LON| <= 360; the label is the rest, UTF-8,
 * cut at 63 bytes). INTERF_EINPUT "expected LAT,LON[,LABEL], got \"TEXT\"" or "TEXT:
 * latitude beyond 90 or longitude beyond 360". */
INTERF_API enum interf_status interf_mark_parse(const char *text, struct interf_mark *out,
                                                struct interf_error *err);

/* What to draw. Set with interf_map_options_init, then change fields. Pointers are borrowed
 * until interf_map_render returns. */
struct interf_map_options {
    const char *projection; /* "eqc[:LON]", "robin[:LON]", "moll[:LON]", "eqearth[:LON]",
                               "ortho:LAT,LON", "geos:LON", "stere:LAT,LON" or a PROJ string
                               "+proj=..." [eqc] */
    int has_region;
    double region_deg[4];   /* west, east, south, north; east may exceed 180 (170/190) */
    int width_px;           /* whole image, 200 to 8000 [1200] */
    enum interf_interp interp;   /* [nearest] */
    enum interf_palette palette; /* [viridis, or diverging when has_center] */
    int has_range;
    double range_min, range_max; /* colour range, in the grid's unit */
    int has_center;
    double center;          /* the value at the middle of a diverging palette */
    const char *label;      /* colour-bar label, NULL: the unit's */
    int classes;            /* the values are whole-number classes (a channel number): when
                               every value shown (floor aside) is one and they span at most
                               INTERF_MAP_CLASSES_MAX, the legend is a key per class shown,
                               labelled with its number, instead of a colour bar */
    const char *unit;       /* the grid's unit as files write it ("dB(W/m2/40kHz)"), shown
                               typeset (interf_unit_typeset) under the colour bar when label is
                               NULL; NULL for none */
    int has_floor;
    double floor_value;     /* cells of exactly this value are the floor, "no emitter in view":
                               a computed value, not NODATA (-300 dB for levels, 999 dB for
                               margins, as interf-epfd's floor_value metadata item says). They
                               are drawn as a class of their own (grey hatching on white) with
                               a legend key "no emitter in view", and left out of the colour
                               range, the contours and the bilinear blend. Without has_floor,
                               values at or below -300 are left out of the automatic colour
                               range (and drawn in its bottom colour). */
    const char *title, *subtitle; /* UTF-8, NULL for none */
    double graticule_deg;   /* spacing of meridians and parallels; 0 for none */
    const double *contour_levels;
    size_t n_contours;
    const struct interf_lines *coast, *borders, *tracks; /* lon/lat; NULL for none */
    const struct interf_mark *marks;
    size_t n_marks;
    /* Called now and then while rendering with the fraction done; non-zero cancels
     * (INTERF_ECANCELED). May be NULL. */
    int (*progress)(double fraction_done, const char *stage, void *user);
    void *progress_user;
    /* Load the shorelines (GSHHG: the crude set below 5 pixels per degree, low resolution
     * above) or the national borders (WDBII, low resolution) from the data files
     * (interf_data_find) when coast or borders is NULL; interf_map_create fails with
     * "load_coast: ..." or "load_borders: ..." when they cannot be found or read. */
    int load_coast, load_borders;
};
INTERF_API void interf_map_options_init(struct interf_map_options *o);

/* The options a grid's metadata decides (as interf_grid_load reads it): unit (meta->unit,
 * borrowed; NULL when empty), the floor (has_floor and floor_value from the "floor_value"
 * item, when it is a number), the label from the "label" item when label is NULL (borrowed),
 * and classes when the "legend" item is "classes". The other fields are left as they are. */
#define INTERF_MAP_CLASSES_MAX 16
INTERF_API void interf_map_options_set_meta(struct interf_map_options *o,
                                            const struct interf_grid_meta *meta);

/* Interpolation by name: "nearest" or "bilinear"; INTERF_EINPUT "TEXT: allowed: nearest,
 * bilinear". */
INTERF_API enum interf_status interf_interp_parse(const char *name, enum interf_interp *out,
                                                  struct interf_error *err);

/* The path of data file rel (such as "coastlines/shoreline-low.txt") into path (n bytes): under
 * $INTERF_DATA alone when it is set (an explicit choice is never second-guessed); else where
 * interf is installed (PREFIX/share/interf, compiled in, then relative to the executable:
 * its folder/../share/interf), then the source tree the library was built from. INTERF_EINPUT
 * "REL not found in DIR, DIR; set INTERF_DATA to the folder that holds coastlines/" naming
 * every folder tried. Reads the environment; thread-safe while no thread changes it. */
INTERF_API enum interf_status interf_data_find(const char *rel, char *path, size_t n,
                                               struct interf_error *err);

/* A planned map: projection, extent, colour range and layout. Opaque. */
struct interf_map;

/* Plan a map of grid (borrowed until interf_map_destroy). Region: --region, else the globe for
 * robin, moll, eqearth, ortho and geos (the hemisphere around the centre for stere), else the
 * grid's extent. Central meridian: the one given, else the middle of the region (of the grid,
 * for the world maps without a region). Colour range: the one given, else the minimum and
 * maximum of the values shown that are not the floor (floor_value; without it, above -300).
 * Legend: a colour bar, or, when every value shown (floor aside) is 0 or 1 (a flag, or a count
 * that never passes 1), a key of the two classes; keys for NODATA ("no data") and the floor
 * ("no emitter in view") beside it when the map shows them. INTERF_EINPUT for an unknown or
 * unusable projection, a region that does not project, a range with min >= max, or a grid with
 * no values and no range; the message names the field of the options ("projection: ...", "width_px: ..."). Free with interf_map_destroy. */
INTERF_API enum interf_status interf_map_create(const struct interf_grid *grid,
                                                const struct interf_map_options *o,
                                                struct interf_map **out,
                                                struct interf_error *err);

/* Render the map into a new image (free with interf_image_destroy). */
INTERF_API enum interf_status interf_map_render(struct interf_map *map, struct interf_image **out,
                                                struct interf_error *err);
INTERF_API void interf_map_destroy(struct interf_map *map); /* NULL is a no-op */

/* Where the map lies in the image: pixel (i, j) (centre at i + 0.5, j + 0.5 from the top-left
 * image corner) shows projected coordinates x = x_left_m + (i + 0.5 - left_px) m_per_px,
 * y = y_top_m - (j + 0.5 - top_px) m_per_px of the projection `proj` (a PROJ string taking
 * longitude, latitude in degrees). */
struct interf_map_frame {
    char proj[512];
    double lon0_deg;               /* central meridian */
    double x_left_m, y_top_m, m_per_px;
    int left_px, top_px, width_px, height_px; /* the map area */
    int image_width_px, image_height_px;
    double range_min, range_max;   /* colour range in use */
};
INTERF_API void interf_map_frame(const struct interf_map *map, struct interf_map_frame *frame);

/* Image coordinates (pixels from the top-left corner, fractional) of a longitude/latitude by
 * PROJ's forward projection. Returns 1 when the point is on the map, else 0. */
INTERF_API int interf_map_locate(const struct interf_map *map, double lon_deg, double lat_deg,
                                 double *x_px, double *y_px);

/* What a rendered map says about itself, set in p (interf_provenance_set; p keeps its tool and
 * command): "title" (the map's title, else the grid's quantity, else source), "source"
 * (source, the grid's file or "<stdin>", and ", written by TOOL" from meta), "description"
 * ("QUANTITY in UNIT, statistic STAT; colour range MIN to MAX", the range in use). For
 * interf_png_write_provenance. */
INTERF_API void interf_map_provenance(const struct interf_map *map,
                                      const struct interf_grid_meta *meta, const char *source,
                                      struct interf_provenance *p);

/* Warnings of the last create/render ("--mark 10,200: not on the map"): count and text. */
INTERF_API size_t interf_map_warning_count(const struct interf_map *map);
INTERF_API const char *interf_map_warning(const struct interf_map *map, size_t index);

/* ---------------------------------------------------------------------------- CDF charts */

/* A limit mask drawn on a CDF chart: points (level, % of time exceeded) joined by straight
 * segments on the chart's axes, each point marked and annotated with the margin of the first
 * CDF at that point. */
struct interf_chart_mask {
    size_t n;
    const double *level_db;     /* n levels */
    const double *pct_exceeded; /* n percentages of time the level may be exceeded */
    const double *margin_db;    /* n margins to annotate (dB, > 0 passes), or NULL */
    const char *label;          /* legend text, e.g. "RR Table 22-1A, 0.6 m" */
};

struct interf_chart_options {
    int width_px;                /* 200 to 8000 [1200] */
    const char *title, *subtitle;
    int has_range;
    double range_min_db, range_max_db; /* level axis [the data's, rounded out to 5 dB] */
    const char *const *labels;   /* legend label per CDF, NULL (or a NULL entry): the CDF's
                                    point from its lat_deg and lon_deg metadata */
    const struct interf_chart_mask *mask; /* NULL for none */
};
INTERF_API void interf_chart_options_init(struct interf_chart_options *o);

/* The mask of an Article 22 verdict (interf_limit_check, Rec. ITU-R S.1503-4 §D7) as a chart
 * draws it, with its storage: the points as applied (level, % of time it may be exceeded), the
 * CDF's margin at each, and the label "RR Table 22-1A, 0.6 m, 40 kHz: pass" (or "FAIL"; a run
 * too short for the row, S.1503-4 §D4.6: "INSUFFICIENT (run of 1000 steps, 333334 needed)",
 * after "FAIL; " when it also fails; "pass (run length unknown)" without a run length). */
struct interf_chart_limit {
    double level_db[INTERF_LIMIT_MAXPOINTS], pct_exceeded[INTERF_LIMIT_MAXPOINTS];
    double margin_db[INTERF_LIMIT_MAXPOINTS];
    char label[160];
    struct interf_chart_mask mask; /* points into this struct */
};
INTERF_API void interf_chart_limit_init(const struct interf_verdict *v,
                                        struct interf_chart_limit *out);

/* What a CDF chart says about itself, set in p: "title" (o->title, else "CDF"), "source" (the
 * sources, comma-separated), "description" ("percentage of time exceeded against QUANTITY,
 * N CDFs; limit mask LABEL"). For interf_png_write_provenance. */
INTERF_API void interf_chart_provenance(const struct interf_cdf *cdfs, size_t n,
                                        const char *const *sources, size_t n_sources,
                                        const struct interf_chart_options *o,
                                        struct interf_provenance *p);

/* Where the plot area lies in a chart image and the ranges of its axes. A value v of a linear
 * x axis is drawn at x_px = left_px + (v - x_min) / (x_max - x_min) * (right_px - left_px)
 * (log10 of v, x_min and x_max on a log axis), and likewise y at
 * y_px = bottom_px - (v - y_min) / (y_max - y_min) * (bottom_px - top_px); pixel
 * coordinates are from the image's top-left corner (pixel (i, j) covers [i, i + 1) x
 * [j, j + 1)). Boxes are left, top, right, bottom in those coordinates (the ink of a text). */
#define INTERF_CHART_MAX_LABELS 16
struct interf_chart_frame {
    int width_px, height_px;
    double left_px, right_px, top_px, bottom_px;
    double x_min, x_max, y_min, y_max;
    int x_log, y_log;
    int has_legend;
    double legend_px[4];          /* the legend's box */
    size_t n_labels;              /* labels of a CDF chart's mask points ("+14.2 dB"), in the
                                     mask's order (the first INTERF_CHART_MAX_LABELS) */
    double label_px[INTERF_CHART_MAX_LABELS][4]; /* their boxes */
};

/* A chart of n CDFs: % of time exceeded on a logarithmic axis against level (dB, in the unit of
 * the first CDF's quantity, typeset by interf_unit_typeset). Rows exceeded 0 % of the time are
 * drawn at the axis floor 100 / n_steps % (n_steps from the metadata, the smallest of all CDFs;
 * without it, a decade below the smallest non-zero percentage). The automatic level axis leaves
 * out the floor that stands for "no emitter in view" (a first row at -300 dB, the lowest bin of
 * interf-epfd's histograms, and the rows above it up to the first change of percentage). The
 * legend goes in the corner of the plot that the curves and the mask cross least (bottom left
 * when none does); each margin label goes beside its mask point where it stays in the image
 * and clear of the legend, the floor note and the other labels (right, left, then above or
 * below). The image is new (interf_image_destroy); frame (may be NULL) receives its layout,
 * legend and label boxes. INTERF_EINPUT for no CDFs, an empty CDF or a bad range. */
INTERF_API enum interf_status interf_cdf_chart(const struct interf_cdf *cdfs, size_t n,
                                               const struct interf_chart_options *o,
                                               struct interf_image **out,
                                               struct interf_chart_frame *frame,
                                               struct interf_error *err);

/* ----------------------------------------------------------------------------- XY charts */

/* One axis of an XY chart. */
struct interf_chart_axis {
    const char *label;  /* axis title with its unit, e.g. "Off-axis angle θ, deg"; NULL: none */
    int log;            /* 1: logarithmic (base 10); only values > 0 are drawn */
    int has_range;
    double min, max;    /* the range shown, min < max (> 0 on a log axis) [automatic: the
                           data's extent (the y axis: of the points inside the x range); a
                           linear axis widened by 2 % of it and rounded out to whole ticks, a
                           log axis exactly] */
    double max_span;    /* > 0: an automatic range reaches at most this far below the data's
                           maximum (decades on a log axis): a dynamic range, e.g. for a pattern
                           with deep nulls [0: no limit] */
    double tick_step;   /* linear axis: labelled ticks at multiples of this step [0: a 1, 2,
                           2.5 or 5 x 10^k step giving about 8 intervals]; log axis: ignored
                           (ticks at 1 x 10^k, with 2 and 5 x 10^k when under 3 decades) */
};

/* A line of an XY chart: n points joined in the order given. A point with a non-finite
 * coordinate (or one <= 0 on a log axis) is not drawn and breaks the line. */
struct interf_xy_series {
    size_t n;
    const double *x, *y;
    const char *label;  /* legend text (UTF-8); NULL: none. The legend is drawn when a series
                           has a label. */
};

struct interf_xy_options {
    int width_px;                 /* 200 to 8000 [1200]; the height is 0.62 x the width */
    const char *title, *subtitle; /* UTF-8, NULL for none; a title too wide is set smaller */
    struct interf_chart_axis x, y;
};
INTERF_API void interf_xy_options_init(struct interf_xy_options *o);

/* A chart of n lines against linear or logarithmic axes, with grid, tick labels, axis titles,
 * title, subtitle and legend (the lines in Okabe and Ito's colour-blind-safe order, first
 * blue 0x0072B2, then vermilion 0xD55E00, green 0x009E73, ...). Anti-aliased cairo drawing,
 * text in DejaVu Sans. The image is new (interf_image_destroy); frame (may be NULL) receives
 * its layout. INTERF_EINPUT for no series (or more than 64), no point that can be drawn, a bad
 * range (min >= max, non-finite, <= 0 on a log axis) or width. */
INTERF_API enum interf_status interf_xy_chart(const struct interf_xy_series *series, size_t n,
                                              const struct interf_xy_options *o,
                                              struct interf_image **out,
                                              struct interf_chart_frame *frame,
                                              struct interf_error *err);

/* ------------------------------------------------------------------------ chart policy */

/* The axes of a chart of an antenna pattern (gain against off-axis angle). */

/* The tick step (deg) of a linear angle axis spanning span_deg, about 8 intervals: 1, 2 or 5 x
 * 10^k below 10 deg, else 10, 15, 30, 45 or 90 deg (the divisions of a circle). */
INTERF_API double interf_chart_angle_tick_deg(double span_deg);

/* Where a logarithmic angle axis ending at to_deg starts: from_deg when above 0; else a decade
 * below the half-width of the main lobe, half_width_deg (the off-axis angle where the gain is
 * 3 dB down; to_deg when unknown), rounded down to a power of 10: 0.1 deg for a dish 3 dB down
 * at 1.5 deg; never below 1e-5 deg, and at least a decade below to_deg. */
INTERF_API double interf_chart_log_start_deg(double half_width_deg, double from_deg,
                                             double to_deg);

/* How far below the peak the gain axis reaches (dB) for the n gains gain_db (non-finite values
 * ignored): down to the lowest value, or to the 1st percentile when the lowest lies more than
 * 10 dB below that (so that the narrow nulls of an array, down to the -300 dB floor, do not
 * flatten its lobes); no less than 10 and no more than 120 dB. 120 when no value is finite or
 * memory runs out. */
INTERF_API double interf_chart_gain_span_db(const double *gain_db, size_t n);

/* A chart of an antenna pattern: the gain (or G - Gmax) against the off-axis angle, sampled 4
 * times per pixel column across [from_deg, to_deg] (evenly on the axis drawn), or at the angles
 * given (sorted); title as given, subtitle "SOURCE; peak G dBi" (and the azimuth of the cut for
 * patterns that depend on it); the axes by the policy above (the log axis starting a decade
 * below the half 3 dB beamwidth, interf_antenna_beamwidth_3db_deg). */
struct interf_pattern_chart {
    const struct interf_antenna *ant;
    double azimuth_deg;         /* the cut, about the boresight */
    int relative;               /* 1: G - Gmax */
    double from_deg, to_deg;    /* the sweep's range */
    const double *angles;       /* n_angles angles read instead of the sweep; NULL: none */
    size_t n_angles;
    int log_angle;              /* 1: logarithmic angle axis */
    int width_px;               /* 200 to 8000 */
    const char *title;
};

/* Draw c into a new image (free with interf_image_destroy); range_deg receives the angle axis'
 * range. INTERF_EINPUT "the angles span no range to draw (5 to 5 deg)", and interf_xy_chart's
 * errors. */
INTERF_API enum interf_status interf_pattern_chart(const struct interf_pattern_chart *c,
                                                   struct interf_image **out, double range_deg[2],
                                                   struct interf_error *err);

#ifdef __cplusplus
}
#endif
#endif
