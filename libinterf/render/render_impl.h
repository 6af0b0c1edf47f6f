/* SPDX-License-Identifier: MIT */
/* interf render, private: the view (projection and extent), the layout of a map image, the
 * cairo drawing helpers shared by maps and charts. Never installed. */
#ifndef INTERF_RENDER_IMPL_H
#define INTERF_RENDER_IMPL_H

#include <cairo.h>
#include <proj.h>

#include "interf/render.h"

#define FONT "DejaVu Sans"
/* DejaVu Sans cap height, 1493 / 2048 of the em: where the top of a capital or digit lies. */
#define CAP 0.729

#define MAP_WARN_MAX 16
#define MAP_DEFAULT_WIDTH_PX 1200
/* Widest image: 8000 pixels (A3 at 680 dpi); an 8000 x 8000 globe needs about 0.9 GB while it
 * is drawn (image, raster, outline field). */
#define MAP_MAX_WIDTH_PX 8000
/* The S.1503-4 sphere (Table 2, Re = 6378.145 km): the Earth of interf's geometry. */
#define VIEW_R_M 6378145.0
/* GSO altitude above that sphere, Rgeo - Re = 42164.2 - 6378.145 km (S.1503-4 Table 2). */
#define VIEW_GSO_H_M 35786055.0
/* Neutral grey of NODATA cells (sRGB 0xB4B4B4: lighter than every palette's dark end, darker
 * than its light end, and without hue). */
#define NODATA_RGB 0xB4B4B4u
/* The floor class ("no emitter in view"): grey lines at 45 deg on white, unlike NODATA's flat
 * grey and every palette's colours. */
#define FLOOR_RGB 0xFFFFFFu
#define FLOOR_LINE_RGB 0x9A9A9Au
/* Grey level of text and lines (near black, softer on screen and paper). */
#define INK 0.1

/* The projection and the part of the Earth shown. */
struct view {
    PJ_CONTEXT *ctx;
    PJ *pj;              /* longitude, latitude (rad) <-> x, y (m) */
    char proj[512];      /* the PROJ string of pj */
    double lon0_deg;     /* central meridian */
    int seam;            /* 1: longitudes wrap at lon0 +- 180 (cylindrical, pseudo-cylindrical) */
    int has_cap;         /* 1: only points within cap_radius_deg of the centre are shown */
    double cap_lat_deg, cap_lon_deg, cap_radius_deg;
    double cap_sin_lat, cap_cos_lat;
    double region[4];    /* west, east (> west, at most west + 360), south, north (deg) */
    int region_global;   /* east - west = 360 */
    int rect;            /* the map is a longitude/latitude rectangle (eqc) */
    double x_min, x_max, y_min, y_max; /* projected bounds of the region (m) */
};

/* Where things go in the image (pixels). */
struct layout {
    int width, height;          /* the image */
    int map_left, map_top, map_w, map_h;
    double m_per_px;            /* projected metres per pixel */
    double x_left_m, y_top_m;   /* projected coordinates of the map area's top-left corner */
    double font_px;             /* body text size */
    double title_y, subtitle_y; /* baselines */
    int bar;                    /* draw a colour bar */
    int bar_vertical;
    double bar_x, bar_y, bar_w, bar_h; /* the colour ramp itself */
    int frame_labels;           /* room for graticule labels around the map: along a
                                   rectangular frame (eqc) or where the lines meet the
                                   outline */
};

struct interf_map {
    const struct interf_grid *grid;
    struct interf_map_options opt;
    struct view view;
    struct layout lay;
    double range_min, range_max;
    int below_range, above_range; /* values beyond the colour range exist */
    int has_nodata;               /* the map shows NODATA (set while rendering) */
    int has_values;               /* the map shows values besides NODATA and the floor */
    int floor_shown;              /* the map shows floor cells (interf_map_options.has_floor) */
    int keyed;                    /* a key per class instead of a colour bar: every value
                                     shown, floor aside, is 0 or 1, or opt.classes */
    double class_min;             /* the classes' values: class_min + k for bit k of */
    uint32_t class_seen;          /* the classes shown */
    char label[160];              /* under the colour bar: the label, else the unit typeset */
    size_t n_warn;
    char warn[MAP_WARN_MAX][256];
    struct interf_lines coast, borders; /* loaded from the data files (load_coast, ...) */
};

/* data.c: the shorelines and borders the options ask to load, for the map's resolution. */
enum interf_status render_map_load_data(struct interf_map *m, struct interf_error *err);

/* map.c */
void render_map_warn(struct interf_map *m, const char *fmt, ...) INTERF_PRINTF(2, 3);
/* 1 when v is the map's floor value (interf_map_options.has_floor). */
int render_map_is_floor(const struct interf_map *m, double v);

/* view.c */
enum interf_status render_view_init(struct view *v, const struct interf_grid *g,
                                    const struct interf_map_options *o, struct interf_error *err);
void render_view_free(struct view *v);
/* In place: longitude/latitude (deg) to x, y (m). Points that do not project, or fall outside
 * the region or cap, become HUGE_VAL. */
void render_view_forward(const struct view *v, size_t n, double *x, double *y);
/* How far inside the region and cap lon/lat is (deg; negative outside). */
double render_view_inside_deg(const struct view *v, double lon_deg, double lat_deg);
/* lon reduced to [west, west + 360) of the region. */
double render_view_lon_in_region(const struct view *v, double lon_deg);

/* raster.c: the colour 0xRRGGBB of value v (NaN: the NODATA grey). */
uint32_t render_map_colour_rgb(const struct interf_map *m, double v);
/* raster.c: the floor's colour at image pixel (x, y): grey hatching at 45 deg on white. */
uint32_t render_floor_rgb(const struct interf_map *m, int x, int y);
/* raster.c: is the point (px, py) of the map area (pixels from its corner, continuous) on the
 * map? The test every pixel of the raster passes, for one point. */
int render_point_on_map(const struct interf_map *m, double px, double py);
/* raster.c: fill the map area of an ARGB32 surface (data, stride in bytes) and the outline of
 * the map (pixel coordinates of the map area, closed rings). */
enum interf_status render_raster_render(struct interf_map *m, unsigned char *data, int stride,
                                        struct interf_lines *outline, struct interf_error *err);

/* lines.c */
enum interf_status render_lines_add(struct interf_lines *l, size_t n, const double *x,
                                    const double *y, int closed, struct interf_error *err);

/* draw.c: overlays on the map, with cr translated so that (0, 0) is the map area's corner. */
/* A growing array of points (lines.c). */
struct render_pts {
    size_t n, cap;
    double *x, *y;
};
int render_pts_push(struct render_pts *p, double x, double y); /* 0: out of memory */
void render_pts_free(struct render_pts *p);                    /* and zero it */

void render_draw_geo_lines(cairo_t *cr, const struct interf_map *m, const struct interf_lines *l);
void render_draw_graticule(cairo_t *cr, struct interf_map *m);
void render_draw_contours(cairo_t *cr, struct interf_map *m, struct interf_lines *levels,
                          const double *values, size_t n);
void render_draw_marks(cairo_t *cr, struct interf_map *m);
void render_path_rings(cairo_t *cr, const struct interf_lines *rings);
/* Project a lon/lat to map-area pixels; 0 if not shown. */
int render_geo_to_px(const struct interf_map *m, double lon_deg, double lat_deg, double *px,
                     double *py);

/* legend.c: text, titles, colour bar, frame labels */
void render_text_font(cairo_t *cr, double size_px, int bold);
/* Draw text with its reference point at (x, y): ax, ay in [0, 1] pick the point of the ink box
 * (0, 0 top-left; 0.5, 0.5 centre; 0, 1 bottom-left, on the baseline when ay = 1). halo > 0
 * draws a white outline of that width first. */
void render_text_at(cairo_t *cr, const char *s, double x, double y, double ax, double ay,
                    double halo);
double render_text_width(cairo_t *cr, const char *s);
/* The box (left, top, right, bottom) of the ink render_text_at would draw, halo included. */
void render_text_box(cairo_t *cr, const char *s, double x, double y, double ax, double ay,
                     double halo, double box[4]);
/* 1 when boxes a and b (left, top, right, bottom) overlap. */
int render_boxes_overlap(const double a[4], const double b[4]);
/* Format a tick value with the decimals its step needs ("-160", "2.5"), a real minus sign. */
void render_format_tick(char *buf, size_t n, double v, double step);
/* A "nice" step (1, 2, 2.5 or 5 x 10^k) giving about want intervals over span. */
double render_nice_step(double span, int want);
void render_layout_map(struct interf_map *m);
void render_draw_titles(cairo_t *cr, const struct interf_map *m);
void render_draw_colour_bar(cairo_t *cr, const struct interf_map *m);
void render_draw_frame_labels(cairo_t *cr, const struct interf_map *m);
/* "30°E", "0°", "180°", "45°S" with the decimals the graticule step needs. */
void render_degree_label(char *buf, size_t n, double v, double step, int is_lon);

/* graticule.c: the graticule's labels on maps that are not longitude/latitude rectangles; 1
 * when a map needs room around it for them (labels along its outline, not only inside). */
int render_graticule_edge_labels(const struct interf_map *m);
void render_draw_graticule_labels(cairo_t *cr, const struct interf_map *m);

/* chart.c: the frame shared by the CDF chart (chart_cdf.c) and the XY chart (chart_xy.c): the
 * layout, the axes (grid, ticks, tick labels, axis titles), titles, legend and the surface. */
#define CHART_DEFAULT_WIDTH_PX 1200
#define CHART_MAX_CURVES 64

struct chart_axis {
    int log;            /* 1: log10 scale */
    double min, max;    /* the range shown (> 0 on a log axis) */
    double tick_step;   /* linear: labelled ticks at its multiples; 0: render_nice_step(span, 8) */
    int fine;           /* 1: light lines between the ticks of a linear axis, and 2 and 5 x 10^k
                           labelled on a log axis spanning under 3 decades (XY charts) */
    const char *label;  /* axis title, NULL for none */
};

struct chart_frame {
    int width, height;
    double fs;                 /* body text size (px) */
    double px0, px1, py0, py1; /* plot area: left, right, top, bottom */
    double title_y, subtitle_y;
    const char *title, *subtitle;
    struct chart_axis x, y;
};

/* Size (0.62 x width), text size and plot area of a chart with these titles. */
void render_chart_layout(struct chart_frame *f, int width_px, const char *title,
                         const char *subtitle);
/* Pixel column of x value v, row of y value v (linear or log10 between the axis ends). */
double render_chart_x(const struct chart_frame *f, double v);
double render_chart_y(const struct chart_frame *f, double v);
/* Grid, ticks, tick labels, the plot's outline and the axis titles. */
void render_chart_axes(cairo_t *cr, const struct chart_frame *f);
/* The k-th line colour 0xRRGGBB (Okabe and Ito's qualitative set, cycled). */
uint32_t render_chart_rgb(size_t k);
void render_set_rgb(cairo_t *cr, uint32_t rgb);
/* A legend box: its size (for placing it), then the box with its top-left corner at (x, y),
 * one line of colour rgb[k] and text labels[k] per entry. */
void render_chart_legend_size(cairo_t *cr, const struct chart_frame *f,
                              const char *const *labels, size_t n, double *w, double *h);
void render_chart_legend(cairo_t *cr, const struct chart_frame *f, double x, double y,
                         const char *const *labels, const uint32_t *rgb, size_t n);
/* The public frame of a chart: plot area and axes (no legend, no labels). */
void render_chart_frame_out(const struct chart_frame *f, struct interf_chart_frame *out);
/* A white f->width x f->height surface, anti-aliased text, draw(cr, user), then the titles;
 * into a new image. Tick labels use snprintf: LC_NUMERIC is "C" for this thread meanwhile. */
enum interf_status render_chart_paint(const struct chart_frame *f,
                                      void (*draw)(cairo_t *cr, const void *user),
                                      const void *user, struct interf_image **out,
                                      struct interf_error *err);

/* png.c / chart.c share: cairo ARGB32 (premultiplied, native endian) to an interf_image. */
enum interf_status render_image_from_surface(cairo_surface_t *s, struct interf_image **out,
                                             struct interf_error *err);

#endif
