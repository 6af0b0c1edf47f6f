/* SPDX-License-Identifier: MIT */
/* Tests of the render layer. Geometry, not pixels: a grid whose values are their own cell
 * index, drawn with the index palette (each value its own 24-bit colour, nearest sampling), must
 * show at the pixel where PROJ's forward projection puts a longitude/latitude the cell that
 * holds it, in several projections. Then contours (a cone's is a circle), the PNG read back
 * through libpng, the line readers, the CDF chart, the XY chart (points land where its axes map
 * them) and the errors. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <png.h>
#include <proj.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interf/grid.h"
#include "interf/render.h"
#include "interf/stats.h"

#define DEG (3.14159265358979323846 / 180.0)

/* A global grid of 10 deg cells (36 x 18) whose value is its index row * 36 + col. */
static struct interf_grid *index_grid(void)
{
    struct interf_grid_spec s = {36, 18, -175, -85, 10};
    struct interf_grid *g;
    cr_assert(eq(int, interf_grid_create(&s, &g, NULL), INTERF_OK));
    for (size_t k = 0; k < 36 * 18; k++)
        g->values[k] = (double)k;
    return g;
}

static struct interf_image *render(const struct interf_grid *g, struct interf_map_options *o,
                                   struct interf_map **map)
{
    struct interf_image *img;
    struct interf_error err;
    cr_assert(eq(int, interf_map_create(g, o, map, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(int, interf_map_render(*map, &img, &err), INTERF_OK), "%s", err.msg);
    return img;
}

static const uint8_t *pixel(const struct interf_image *img, int i, int j)
{
    cr_assert(eq(int, i >= 0 && j >= 0 && i < img->width_px && j < img->height_px, 1),
              "pixel %d,%d", i, j);
    return img->rgba + ((size_t)j * img->width_px + i) * 4;
}

/* The cell index an opaque pixel of the index palette shows (-1 if transparent). */
static long cell_at(const struct interf_image *img, int i, int j)
{
    const uint8_t *p = pixel(img, i, j);
    return p[3] == 255 ? (long)p[0] << 16 | (long)p[1] << 8 | p[2] : -1;
}

/* The pixel PROJ's forward projection gives for lon/lat, through the map's frame (its PROJ
 * string and pixel grid), computed here with a PJ of our own. */
static void proj_pixel(const struct interf_map_frame *f, double lon, double lat, int *i, int *j)
{
    PJ_CONTEXT *ctx = proj_context_create();
    PJ *pj = proj_create(ctx, f->proj);
    cr_assert(pj != NULL, "%s", f->proj);
    PJ_COORD c = proj_trans(pj, PJ_FWD, proj_coord(lon * DEG, lat * DEG, 0, 0));
    cr_assert(isfinite(c.xy.x));
    cr_assert(isfinite(c.xy.y));
    *i = (int)floor(f->left_px + (c.xy.x - f->x_left_m) / f->m_per_px);
    *j = (int)floor(f->top_px + (f->y_top_m - c.xy.y) / f->m_per_px);
    proj_destroy(pj);
    proj_context_destroy(ctx);
}

struct geo_case {
    char proj[32];
    double lon, lat;
};

/* Cell centres (5 deg from every cell edge, hundreds of kilometres, while a pixel is about 35
 * km) on every side of the map, visible in each view. */
static const struct geo_case geo_cases[] = {
    {"eqc", 15, 45},           {"eqc", -95, 35},          {"eqc", 155, -25},
    {"eqc", -175, -85},        {"eqc", 175, 85},          {"robin", 15, 45},
    {"robin", -95, 35},        {"robin", 155, -25},       {"robin", -165, 65},
    {"robin", 175, -75},       {"moll", -125, -55},       {"moll", 65, 15},
    {"eqearth", 105, -5},      {"ortho:30,20", 15, 45},   {"ortho:30,20", 55, 5},
    {"ortho:30,20", -35, 25},  {"geos:10", 5, -35},       {"geos:10", 45, 55},
    {"stere:90,0", -135, 75},  {"stere:90,0", 35, 5},     {"robin:150", 175, 5},
    {"robin:150", -155, -45},  {"+proj=laea +lat_0=50 +lon_0=10", 25, 65},
};

Test(render, each_pixel_shows_its_cell_in_every_projection)
{
    struct interf_grid *g = index_grid();
    for (size_t k = 0; k < sizeof geo_cases / sizeof geo_cases[0]; k++) {
        const struct geo_case *c = &geo_cases[k];
        struct interf_map_options o;
        struct interf_map *map;
        struct interf_map_frame f;
        interf_map_options_init(&o);
        o.projection = c->proj;
        o.palette = INTERF_PALETTE_INDEX;
        o.width_px = 800;
        if (c->proj[0] == '+') {
            o.has_region = 1;
            memcpy(o.region_deg, (double[4]){-20, 40, 30, 70}, sizeof o.region_deg);
        }
        struct interf_image *img = render(g, &o, &map);
        interf_map_frame(map, &f);
        int i, j;
        proj_pixel(&f, c->lon, c->lat, &i, &j);
        const uint8_t *p = pixel(img, i, j);
        long got = (long)p[0] << 16 | (long)p[1] << 8 | p[2];
        /* The cell holding the point: column from 180 W, row from 90 N, 10 deg each. */
        long want = (long)floor((90 - c->lat) / 10) * 36 + (long)floor((c->lon + 180) / 10);
        cr_assert(eq(int, p[3], 255), "%s %g,%g: pixel %d,%d is transparent", c->proj, c->lon,
                  c->lat, i, j);
        cr_assert(eq(i64, got, want), "%s lon %g lat %g: pixel %d,%d shows cell %ld, not %ld",
                  c->proj, c->lon, c->lat, i, j, got, want);
        /* interf_map_locate is the same forward projection. */
        double x, y;
        cr_assert(interf_map_locate(map, c->lon, c->lat, &x, &y), "%s: locate", c->proj);
        cr_assert(eq(int, (int)floor(x), i));
        cr_assert(eq(int, (int)floor(y), j));
        interf_image_destroy(img);
        interf_map_destroy(map);
    }
    interf_grid_destroy(g);
}

Test(render, off_globe_pixels_are_transparent)
{
    static const char *const projs[] = {"robin", "moll", "ortho:45,10", "geos:-30"};
    struct interf_grid *g = index_grid();
    for (size_t k = 0; k < 4; k++) {
        struct interf_map_options o;
        struct interf_map *map;
        struct interf_map_frame f;
        interf_map_options_init(&o);
        o.projection = projs[k];
        o.palette = INTERF_PALETTE_INDEX;
        o.width_px = 400;
        struct interf_image *img = render(g, &o, &map);
        interf_map_frame(map, &f);
        /* The corners of the map area are off the globe in these projections, the centre is
         * on it; the margins around the map are transparent too. */
        cr_assert(eq(int, pixel(img, f.left_px, f.top_px)[3], 0), "%s", projs[k]);
        cr_assert(eq(int, pixel(img, f.left_px + f.width_px - 1, f.top_px + f.height_px - 1)[3],
                     0), "%s", projs[k]);
        cr_assert(eq(int, pixel(img, f.left_px + f.width_px / 2, f.top_px + f.height_px / 2)[3],
                     255), "%s", projs[k]);
        cr_assert(eq(int, pixel(img, 0, 0)[3], 0), "%s", projs[k]);
        interf_image_destroy(img);
        interf_map_destroy(map);
    }
    interf_grid_destroy(g);
}

Test(render, region_crossing_the_antimeridian)
{
    /* --region 170/-170: 170 E to 170 W; the map is centred on 180. */
    struct interf_grid *g = index_grid();
    struct interf_map_options o;
    struct interf_map *map;
    struct interf_map_frame f;
    interf_map_options_init(&o);
    o.palette = INTERF_PALETTE_INDEX;
    o.width_px = 400;
    o.has_region = 1;
    memcpy(o.region_deg, (double[4]){170, -170, -20, 20}, sizeof o.region_deg);
    struct interf_image *img = render(g, &o, &map);
    interf_map_frame(map, &f);
    cr_assert(epsilon_eq(dbl, f.lon0_deg, 180, 1e-9));
    /* Left half: the cell of 175 E (column 35); right half: 175 W (column 0); row of 5 N: 8. */
    int i, j;
    proj_pixel(&f, 175, 5, &i, &j);
    cr_assert(eq(i64, cell_at(img, i, j), 8 * 36 + 35));
    proj_pixel(&f, -175, 5, &i, &j);
    cr_assert(eq(i64, cell_at(img, i, j), 8 * 36 + 0));
    /* The map spans 20 x 40 deg of plate carree: twice as high as wide. */
    cr_assert(eq(int, f.height_px, 2 * f.width_px));
    interf_image_destroy(img);
    interf_map_destroy(map);
    interf_grid_destroy(g);
}

Test(render, bilinear_between_cell_centres)
{
    /* Two cells, values 0 and 1, centres at 0.5 E and 1.5 E. Halfway from 0.5 E to 1.5 E, at
     * 1.25 E, bilinear gives 0.75 (linear along the row), so the colour is viridis(0.75); nearest
     * gives 1 (the eastern cell), viridis(1). Range 0:1. */
    struct interf_grid_spec s = {2, 1, 0.5, 0.5, 1};
    struct interf_grid *g;
    cr_assert(eq(int, interf_grid_create(&s, &g, NULL), INTERF_OK));
    g->values[0] = 0;
    g->values[1] = 1;
    for (int interp = 0; interp < 2; interp++) {
        struct interf_map_options o;
        struct interf_map *map;
        struct interf_map_frame f;
        interf_map_options_init(&o);
        o.width_px = 1000;
        o.has_range = 1;
        o.range_min = 0;
        o.range_max = 1;
        o.interp = interp ? INTERF_INTERP_BILINEAR : INTERF_INTERP_NEAREST;
        struct interf_image *img = render(g, &o, &map);
        interf_map_frame(map, &f);
        int i, j;
        proj_pixel(&f, 1.25, 0.5, &i, &j);
        /* The pixel's own centre longitude, from the frame (eqc: x = R (lon - lon0), R the
         * S.1503-4 sphere's 6378.145 km). */
        double x = f.x_left_m + (i + 0.5 - f.left_px) * f.m_per_px;
        double lon = f.lon0_deg + x / 6378145.0 / DEG, t = interp ? lon - 0.5 : 1;
        const uint8_t *p = pixel(img, i, j);
        uint32_t want = interf_palette_rgb(INTERF_PALETTE_VIRIDIS, t);
        cr_assert(eq(u32, (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2], want),
                  "interp %d at lon %.6f", interp, lon);
        interf_image_destroy(img);
        interf_map_destroy(map);
    }
    interf_grid_destroy(g);
}

Test(render, nodata_is_grey)
{
    /* Every cell NODATA: the map is the neutral grey 0xB4B4B4, with no colour bar, and a
     * warning. */
    struct interf_grid_spec s = {4, 3, 0.5, 0.5, 1};
    struct interf_grid *g;
    struct interf_map_options o;
    struct interf_map *map;
    struct interf_map_frame f;
    cr_assert(eq(int, interf_grid_create(&s, &g, NULL), INTERF_OK));
    interf_map_options_init(&o);
    o.width_px = 300;
    struct interf_image *img = render(g, &o, &map);
    interf_map_frame(map, &f);
    const uint8_t *p = pixel(img, f.left_px + f.width_px / 2, f.top_px + f.height_px / 2);
    cr_assert(eq(int, p[0], 0xB4));
    cr_assert(eq(int, p[1], 0xB4));
    cr_assert(eq(int, p[2], 0xB4));
    cr_assert(eq(sz, interf_map_warning_count(map), 1));
    cr_assert(strstr(interf_map_warning(map, 0), "no values") != NULL);
    interf_image_destroy(img);
    interf_map_destroy(map);
    interf_grid_destroy(g);
}

/* ---------------------------------------------------------------------- the floor class */

/* A global 10 deg grid: the three northernmost rows the floor, the others -200 + 0.5 col
 * (-200 to -182.5, one value per column). */
static struct interf_grid *floor_grid(double floor, double base, double per_col)
{
    struct interf_grid *g = index_grid();
    for (size_t k = 0; k < 36 * 18; k++)
        g->values[k] = k / 36 < 3 ? floor : base + per_col * (double)(k % 36);
    return g;
}

/* Count the pixels of colour rgb in the image. */
static size_t count_rgb(const struct interf_image *img, uint32_t rgb)
{
    size_t n = 0;
    for (size_t k = 0; k < (size_t)img->width_px * img->height_px; k++) {
        const uint8_t *p = img->rgba + 4 * k;
        n += p[3] == 255 && ((uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2]) == rgb;
    }
    return n;
}

Test(render, floor_cells_are_a_class_of_their_own)
{
    /* -300 dB cells ("no emitter in view") with floor_value set: the colour range is that of
     * the other values (-200 to -182.5, the grid's construction), the floor's pixels are the
     * hatching's white or grey (render_impl.h: 0xFFFFFF, 0x9A9A9A), not a palette colour. */
    struct interf_grid *g = floor_grid(-300, -200, 0.5);
    struct interf_map_options o;
    struct interf_map *map;
    struct interf_map_frame f;
    interf_map_options_init(&o);
    o.width_px = 600;
    o.has_floor = 1;
    o.floor_value = -300;
    struct interf_image *img = render(g, &o, &map);
    interf_map_frame(map, &f);
    cr_assert(epsilon_eq(dbl, f.range_min, -200, 0));
    cr_assert(epsilon_eq(dbl, f.range_max, -182.5, 0));
    int i, j;
    proj_pixel(&f, 5, 75, &i, &j);
    for (int dj = 0; dj < 6; dj++) { /* six pixels down a column cross the 6 px hatching */
        const uint8_t *p = pixel(img, i, j + dj);
        uint32_t rgb = (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
        cr_assert(rgb == 0xFFFFFF || rgb == 0x9A9A9A, "floor pixel %d,%d is %06X", i, j + dj,
                  rgb);
    }
    cr_assert(gt(sz, count_rgb(img, 0x9A9A9A), 100), "the hatching's lines");
    interf_image_destroy(img);
    interf_map_destroy(map);
    /* Without the floor value -300 is the bottom colour (as before floor_value existed). */
    o.has_floor = 0;
    img = render(g, &o, &map);
    cr_assert(eq(sz, count_rgb(img, 0x9A9A9A), 0));
    interf_image_destroy(img);
    interf_map_destroy(map);
    interf_grid_destroy(g);
}

Test(render, floor_is_left_out_of_a_margin_scale_and_of_contours)
{
    /* Margins: the floor is 999 dB (no interference, whatever the limit); the colour range is
     * the margins' 0 to 17.5. */
    struct interf_grid *g = floor_grid(999, 0, 0.5);
    struct interf_map_options o;
    struct interf_map *map;
    struct interf_map_frame f;
    interf_map_options_init(&o);
    o.width_px = 400;
    o.has_floor = 1;
    o.floor_value = 999;
    struct interf_image *img = render(g, &o, &map);
    interf_map_frame(map, &f);
    cr_assert(epsilon_eq(dbl, f.range_min, 0, 0));
    cr_assert(epsilon_eq(dbl, f.range_max, 17.5, 0));
    interf_image_destroy(img);
    interf_map_destroy(map);
    interf_grid_destroy(g);
    /* A contour at -250 dB lies between the floor (-300) and the values (>= -200) only: with
     * the floor left out there is no line, so the map is the same with and without it. */
    g = floor_grid(-300, -200, 0.5);
    o.floor_value = -300;
    struct interf_image *plain = render(g, &o, &map);
    interf_map_destroy(map);
    const double level = -250;
    o.contour_levels = &level;
    o.n_contours = 1;
    img = render(g, &o, &map);
    cr_assert(eq(int, memcmp(img->rgba, plain->rgba, (size_t)img->width_px * img->height_px * 4),
                 0), "a contour drawn along the floor");
    interf_image_destroy(img);
    interf_image_destroy(plain);
    interf_map_destroy(map);
    interf_grid_destroy(g);
}

Test(render, options_from_the_grid_metadata)
{
    struct interf_grid_meta meta;
    struct interf_map_options o;
    interf_grid_meta_init(&meta);
    snprintf(meta.unit, sizeof meta.unit, "dB(W/m2/40kHz)");
    cr_assert(eq(int, interf_grid_meta_set(&meta, "floor_value", "999", NULL), INTERF_OK));
    interf_map_options_init(&o);
    interf_map_options_set_meta(&o, &meta);
    cr_assert(eq(int, o.has_floor, 1));
    cr_assert(epsilon_eq(dbl, o.floor_value, 999, 0));
    cr_assert(eq(str, (char *)o.unit, "dB(W/m2/40kHz)"));
    cr_assert(eq(int, interf_grid_meta_set(&meta, "floor_value", "none", NULL), INTERF_OK));
    interf_map_options_init(&o);
    interf_map_options_set_meta(&o, &meta);
    cr_assert(eq(int, o.has_floor, 0), "a floor_value that is no number is ignored");
}

Test(render, a_zero_one_grid_gets_two_classes)
{
    /* Values 0 and 1 only: a key of two classes, no colour bar, so the palette's middle colour
     * (which every ramp of 256 pixels or more shows) is nowhere in the image; with a value 0.5
     * among them it is a colour bar again. */
    struct interf_grid *g = index_grid();
    struct interf_map_options o;
    struct interf_map *map;
    uint32_t middle = interf_palette_rgb(INTERF_PALETTE_VIRIDIS, 0.5);
    for (size_t k = 0; k < 36 * 18; k++)
        g->values[k] = k % 36 < 18 ? 0 : 1;
    interf_map_options_init(&o);
    o.width_px = 600;
    o.unit = "satellites";
    struct interf_image *img = render(g, &o, &map);
    cr_assert(eq(sz, count_rgb(img, middle), 0));
    cr_assert(gt(sz, count_rgb(img, interf_palette_rgb(INTERF_PALETTE_VIRIDIS, 1)), 1000));
    interf_image_destroy(img);
    interf_map_destroy(map);
    g->values[0] = 0.5;
    img = render(g, &o, &map);
    cr_assert(gt(sz, count_rgb(img, middle), 0), "a colour bar");
    interf_image_destroy(img);
    interf_map_destroy(map);
    interf_grid_destroy(g);
}

Test(render, whole_number_classes_get_a_key_each)
{
    /* Channels 1, 2, 3 and 5 (4 nowhere), the grid's metadata asking for classes with its
     * label: a key per class shown, no colour bar. Colours (range 1 to 5): class v at
     * t = (v - 1) / 4. So 3.5 (t = 0.625) is nowhere, nor class 4 (t = 0.75, no cell, no key);
     * without classes the colour bar shows both. */
    struct interf_grid *g = index_grid();
    struct interf_map_options o;
    struct interf_map *map;
    struct interf_grid_meta meta;
    const double cls[4] = {1, 2, 3, 5};
    uint32_t between = interf_palette_rgb(INTERF_PALETTE_VIRIDIS, 0.625);
    uint32_t four = interf_palette_rgb(INTERF_PALETTE_VIRIDIS, 0.75);
    for (size_t k = 0; k < 36 * 18; k++)
        g->values[k] = cls[k % 36 / 9];
    interf_grid_meta_init(&meta);
    interf_grid_meta_set(&meta, "label", "worst channel", NULL);
    interf_grid_meta_set(&meta, "legend", "classes", NULL);
    interf_map_options_init(&o);
    o.width_px = 600;
    interf_map_options_set_meta(&o, &meta);
    cr_assert(eq(int, o.classes, 1));
    cr_assert(eq(str, (char *)(uintptr_t)o.label, "worst channel"));
    struct interf_image *img = render(g, &o, &map);
    cr_assert(eq(sz, count_rgb(img, between), 0));
    cr_assert(eq(sz, count_rgb(img, four), 0), "a key for a class no cell has");
    cr_assert(gt(sz, count_rgb(img, interf_palette_rgb(INTERF_PALETTE_VIRIDIS, 0.5)), 1000));
    interf_image_destroy(img);
    interf_map_destroy(map);
    o.classes = 0;
    img = render(g, &o, &map);
    cr_assert(gt(sz, count_rgb(img, between), 0), "a colour bar");
    cr_assert(gt(sz, count_rgb(img, four), 0), "a colour bar");
    interf_image_destroy(img);
    interf_map_destroy(map);
    interf_grid_destroy(g);
}

/* Opaque pixels darker than 90 in every channel (text, INK 0.1 = 26 over anything) in the
 * box x0..x1, y0..y1 of the image (clipped to it). */
static int dark_pixels(const struct interf_image *img, double x0, double y0, double x1,
                       double y1)
{
    int n = 0;
    for (int j = (int)fmax(0, y0); j < (int)fmin(img->height_px, y1); j++)
        for (int i = (int)fmax(0, x0); i < (int)fmin(img->width_px, x1); i++) {
            const uint8_t *p = pixel(img, i, j);
            n += p[3] > 200 && p[0] < 90 && p[1] < 90 && p[2] < 90;
        }
    return n;
}

Test(render, graticule_labels_on_every_projection)
{
    /* A yellow map (every cell 1, range 0 to 1: viridis' top 0xFDE725) with a 30 deg
     * graticule, whose lines (INK at 45 % over yellow) are not dark: dark pixels are text. On
     * the world maps the label "30°N" stands left of the outline where that parallel meets
     * it; on the globes the meridians are labelled inside, below and right of where they
     * cross the graticule's parallel nearest the centre (here 30 deg N for ortho:30,20, the
     * equator for geos:0), as the label of 30°E. */
    static const struct {
        const char *proj;
        int globe;
        double lon, lat; /* the point the label is placed from */
    } cases[] = {{"robin", 0, -180, 30},    {"moll", 0, -180, 30},  {"eqearth", 0, -180, 30},
                 {"ortho:30,20", 1, 30, 30}, {"geos:0", 1, 30, 0}};
    struct interf_grid *g = index_grid();
    for (size_t k = 0; k < 36 * 18; k++)
        g->values[k] = 1;
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        struct interf_map_options o;
        struct interf_map *map;
        double x, y, fs = 16; /* the text size of a 1200 px map */
        interf_map_options_init(&o);
        o.projection = cases[c].proj;
        o.has_range = 1;
        o.range_min = 0;
        o.range_max = 1;
        o.graticule_deg = 30;
        struct interf_image *img = render(g, &o, &map);
        cr_assert(interf_map_locate(map, cases[c].lon + (cases[c].globe ? 0 : 1e-6),
                                    cases[c].lat, &x, &y), "%s", cases[c].proj);
        int n = cases[c].globe ? dark_pixels(img, x + 0.3 * fs, y + 0.3 * fs, x + 4 * fs,
                                             y + 1.4 * fs)
                               : dark_pixels(img, x - 3 * fs, y - 0.6 * fs, x - 0.3 * fs,
                                             y + 0.6 * fs);
        cr_assert(gt(int, n, 10), "%s: no label by %g, %g (%d dark pixels)", cases[c].proj,
                  cases[c].lon, cases[c].lat, n);
        interf_image_destroy(img);
        interf_map_destroy(map);
    }
    interf_grid_destroy(g);
}

Test(render, units_typeset_for_pictures)
{
    /* The file form (interf-table(5)) to the picture form: superscript exponents (U+00B2,
     * U+207B U+00B9), a thin space U+2009 between number and unit, "deg" as U+00B0. */
    static const char *const cases[][2] = {
        {"dB(W/m2/40kHz)", "dB(W/m\xC2\xB2/40\xE2\x80\x89kHz)"},
        {"dBW/4kHz", "dBW/4\xE2\x80\x89kHz"},
        {"dB(W/m2/1MHz)", "dB(W/m\xC2\xB2/1\xE2\x80\x89MHz)"},
        {"s-1", "s\xE2\x81\xBB\xC2\xB9"},
        {"deg", "\xC2\xB0"},
        {"dBi", "dBi"}, {"%", "%"}, {"satellites", "satellites"}, {"", ""}};
    char buf[64];
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        interf_unit_typeset(cases[k][0], buf, sizeof buf);
        cr_assert(eq(str, buf, (char *)cases[k][1]), "%s", cases[k][0]);
    }
    /* Cut at a whole character: "dB(W/m" and not half of the two bytes of "²". */
    interf_unit_typeset("dB(W/m2/40kHz)", buf, 8);
    cr_assert(eq(str, buf, "dB(W/m"));
    interf_unit_typeset(NULL, buf, sizeof buf);
    cr_assert(eq(str, buf, ""));
}

Test(render, option_errors)
{
    struct interf_grid *g = index_grid();
    struct interf_map_options o;
    struct interf_map *map;
    struct interf_error err;
    static const struct {
        char proj[48];
        char msg[64];
    } cases[] = {{"mercury", "projection: mercury: unknown projection"},
                 {"ortho:95,0", "projection: ortho:95,0: latitude beyond 90"},
                 {"geos", "projection: geos: expected geos:LON"},
                 {"+proj=nonsense", "projection: +proj=nonsense: PROJ:"},
                 {"+proj=longlat", "projection: +proj=longlat: not a map projection"}};
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        interf_map_options_init(&o);
        o.projection = cases[k].proj;
        cr_assert(eq(int, interf_map_create(g, &o, &map, &err), INTERF_EINPUT), "%s",
                  cases[k].proj);
        cr_assert(map == NULL);
        cr_assert(strncmp(err.msg, cases[k].msg, strlen(cases[k].msg)) == 0, "%s", err.msg);
    }
    interf_map_options_init(&o);
    o.has_range = 1;
    o.range_min = -150;
    o.range_max = -170;
    cr_assert(eq(int, interf_map_create(g, &o, &map, &err), INTERF_EINPUT));
    cr_assert(strstr(err.msg, "range: -150:-170: MIN must be below MAX") != NULL, "%s",
              err.msg);
    interf_map_options_init(&o);
    o.width_px = 50;
    cr_assert(eq(int, interf_map_create(g, &o, &map, &err), INTERF_EINPUT));
    interf_map_options_init(&o);
    o.has_region = 1;
    memcpy(o.region_deg, (double[4]){0, 10, 20, 10}, sizeof o.region_deg);
    cr_assert(eq(int, interf_map_create(g, &o, &map, &err), INTERF_EINPUT));
    cr_assert(strncmp(err.msg, "region_deg:", 11) == 0, "%s", err.msg);
    interf_grid_destroy(g);
}

/* ------------------------------------------------------------------------------ contours */

Test(render, contour_of_a_cone_is_a_circle)
{
    /* v = -r, r the distance (deg, in the lon/lat plane) from the centre 20 E, 10 N, on a 1 deg
     * grid 60 x 60 cells: the contour at -12 is the circle r = 12. Linear interpolation along a
     * cell edge misses the circle by at most the sagitta of a one-cell chord, 1^2 / (8 x 12) =
     * 0.0104 deg: every vertex is within 0.011 deg of 12 (the issue asks for "within a cell").
     * One ring, counter-clockwise (values above the level, the cone's top, on its left), whose
     * area is pi 12^2 = 452.39 deg^2 less the chord segments (< 0.5 %). */
    struct interf_grid_spec s = {60, 60, -9.5, -19.5, 1};
    struct interf_grid *g;
    struct interf_lines l;
    cr_assert(eq(int, interf_grid_create(&s, &g, NULL), INTERF_OK));
    for (size_t r = 0; r < 60; r++)
        for (size_t c = 0; c < 60; c++)
            g->values[r * 60 + c] = -hypot(interf_grid_lon_deg(&s, c) - 20,
                                           interf_grid_lat_deg(&s, r) - 10);
    interf_lines_init(&l);
    cr_assert(eq(int, interf_grid_contour(g, -12, &l, NULL), INTERF_OK));
    cr_assert(eq(sz, l.n, 1));
    cr_assert(l.line[0].closed);
    double area = 0;
    const struct interf_polyline *p = &l.line[0];
    for (size_t k = 0; k < p->n; k++) {
        double r = hypot(p->x[k] - 20, p->y[k] - 10);
        cr_assert(epsilon_eq(dbl, r, 12, 0.011), "vertex %zu at r = %.6f", k, r);
        size_t n = (k + 1) % p->n;
        area += p->x[k] * p->y[n] - p->x[n] * p->y[k];
    }
    area /= 2;
    cr_assert(area > 0, "counter-clockwise");
    cr_assert(epsilon_eq(dbl, area, 452.39, 0.005 * 452.39), "area %.3f", area);
    interf_lines_free(&l);
    interf_grid_destroy(g);
}

Test(render, contour_hand_traced_cells)
{
    /* Field (x right, y up): row y=0: 0 1; row y=1: 0 1. Level 0.5 crosses both horizontal
     * edges at x = 0.5. Values above (x = 1) must be on the left of the walk: from (0.5, 1)
     * down to (0.5, 0). */
    const double z[4] = {0, 1, 0, 1};
    struct interf_lines l;
    interf_lines_init(&l);
    cr_assert(eq(int, interf_contour_trace(z, 2, 2, 0.5, &l, NULL), INTERF_OK));
    cr_assert(eq(sz, l.n, 1));
    cr_assert(eq(int, l.line[0].closed, 0));
    cr_assert(eq(sz, l.line[0].n, 2));
    cr_assert(epsilon_eq(dbl, l.line[0].x[0], 0.5, 0));
    cr_assert(epsilon_eq(dbl, l.line[0].y[0], 1, 0));
    cr_assert(epsilon_eq(dbl, l.line[0].x[1], 0.5, 0));
    cr_assert(epsilon_eq(dbl, l.line[0].y[1], 0, 0));
    interf_lines_free(&l);
    /* A saddle: 1 0 / 0 1 (diagonal highs), mean 0.5 >= level 0.5, so the highs connect
     * through the centre: two lines cutting off the low corners (1, 0) and (0, 1). Then with
     * level 0.6 (mean below) two lines cutting off the high corners. Crossings at 0.5 and 0.4
     * along each edge. */
    const double s[4] = {1, 0, 0, 1};
    cr_assert(eq(int, interf_contour_trace(s, 2, 2, 0.5, &l, NULL), INTERF_OK));
    cr_assert(eq(sz, l.n, 2));
    for (size_t k = 0; k < 2; k++) {
        /* Each line joins a point on a horizontal edge to one on a vertical edge around a low
         * corner: its midpoint is at distance 0.25 from that corner in both x and y. */
        double mx = (l.line[k].x[0] + l.line[k].x[1]) / 2;
        double my = (l.line[k].y[0] + l.line[k].y[1]) / 2;
        int low_10 = fabs(mx - 0.75) < 1e-12 && fabs(my - 0.25) < 1e-12;
        int low_01 = fabs(mx - 0.25) < 1e-12 && fabs(my - 0.75) < 1e-12;
        cr_assert(eq(int, low_10 + low_01, 1), "line %zu midpoint %.3f,%.3f", k, mx, my);
    }
    interf_lines_free(&l);
    cr_assert(eq(int, interf_contour_trace(s, 2, 2, 0.6, &l, NULL), INTERF_OK));
    cr_assert(eq(sz, l.n, 2));
    for (size_t k = 0; k < 2; k++) {
        double mx = (l.line[k].x[0] + l.line[k].x[1]) / 2;
        double my = (l.line[k].y[0] + l.line[k].y[1]) / 2;
        /* Around the high corners (0, 0) and (1, 1): crossings 0.4 from them. */
        int hi_00 = fabs(mx - 0.2) < 1e-12 && fabs(my - 0.2) < 1e-12;
        int hi_11 = fabs(mx - 0.8) < 1e-12 && fabs(my - 0.8) < 1e-12;
        cr_assert(eq(int, hi_00 + hi_11, 1), "line %zu midpoint %.3f,%.3f", k, mx, my);
    }
    interf_lines_free(&l);
}

Test(render, contour_round_the_antimeridian_is_one_ring)
{
    /* A global 5 deg grid, v = -(great-circle distance from 0 N 180 E): the -20 contour is one
     * ring across the antimeridian, not two open lines cut at the grid's edge. */
    struct interf_grid_spec s = {72, 36, -177.5, -87.5, 5};
    struct interf_grid *g;
    struct interf_lines l;
    cr_assert(eq(int, interf_grid_create(&s, &g, NULL), INTERF_OK));
    for (size_t r = 0; r < 36; r++)
        for (size_t c = 0; c < 72; c++) {
            double lat = interf_grid_lat_deg(&s, r) * DEG, lon = interf_grid_lon_deg(&s, c) * DEG;
            g->values[r * 72 + c] = -acos(cos(lat) * cos(lon - 180 * DEG)) / DEG;
        }
    interf_lines_init(&l);
    cr_assert(eq(int, interf_grid_contour(g, -20, &l, NULL), INTERF_OK));
    cr_assert(eq(sz, l.n, 1));
    cr_assert(l.line[0].closed);
    interf_lines_free(&l);
    interf_grid_destroy(g);
}

/* ----------------------------------------------------------------------------------- PNG */

Test(render, png_reads_back_through_libpng)
{
    struct interf_grid *g = index_grid();
    struct interf_map_options o;
    struct interf_map *map;
    interf_map_options_init(&o);
    o.width_px = 640;
    o.projection = "robin";
    o.title = "EPFD\xE2\x86\x93 0.6 m";
    o.label = "dB(W/m\xC2\xB2/40kHz)";
    struct interf_image *img = render(g, &o, &map);
    char *buf = NULL;
    size_t n = 0;
    FILE *fp = open_memstream(&buf, &n);
    const struct interf_png_text text[] = {{"Title", "EPFD\xE2\x86\x93 0.6 m"},
                                           {"Software", "interf test"},
                                           {"Comment", "interf-map g.asc -o g.png"}};
    struct interf_error err;
    cr_assert(eq(int, interf_png_write(fp, img, text, 3, &err), INTERF_OK), "%s", err.msg);
    fclose(fp);
    /* Read it back with libpng's own reader. */
    png_image back;
    memset(&back, 0, sizeof back);
    back.version = PNG_IMAGE_VERSION;
    cr_assert(png_image_begin_read_from_memory(&back, buf, n), "%s", back.message);
    cr_assert(eq(u32, back.width, 640));
    cr_assert(eq(u32, back.height, (uint32_t)img->height_px));
    png_image_free(&back);
    FILE *in = fmemopen(buf, n, "rb");
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    png_init_io(png, in);
    png_read_info(png, info);
    cr_assert(eq(int, png_get_color_type(png, info), PNG_COLOR_TYPE_RGBA));
    cr_assert(eq(int, png_get_bit_depth(png, info), 8));
    png_textp t;
    int nt = 0;
    png_get_text(png, info, &t, &nt);
    cr_assert(eq(int, nt, 3));
    cr_assert(eq(str, t[0].key, "Title"));
    cr_assert(eq(str, t[0].text, "EPFD\xE2\x86\x93 0.6 m"), "UTF-8 kept");
    cr_assert(eq(int, t[0].compression, PNG_ITXT_COMPRESSION_NONE), "an iTXt chunk");
    cr_assert(eq(str, t[2].key, "Comment"));
    png_destroy_read_struct(&png, &info, NULL);
    fclose(in);
    free(buf);
    interf_image_destroy(img);
    interf_map_destroy(map);
    interf_grid_destroy(g);
}

Test(render, png_write_error_is_reported)
{
    /* /dev/full accepts the open and fails every write: libpng's longjmp becomes INTERF_EIO. */
    struct interf_image img = {2, 2, (uint8_t[16]){0}};
    FILE *fp = fopen("/dev/full", "wb");
    struct interf_error err;
    if (!fp)
        cr_skip_test("no /dev/full");
    setvbuf(fp, NULL, _IONBF, 0);
    cr_assert(eq(int, interf_png_write(fp, &img, NULL, 0, &err), INTERF_EIO));
    cr_assert(strncmp(err.msg, "PNG: ", 5) == 0, "%s", err.msg);
    fclose(fp);
}

/* ------------------------------------------------------------------------------ palettes */

Test(render, palettes)
{
    /* matplotlib's _viridis_data: first entry (0.267004, 0.004874, 0.329415) = 0x440154, last
     * (0.993248, 0.906157, 0.143936) = 0xFDE725 (x 255, rounded); Moreland's cool-warm ends are
     * (59, 76, 192) and (180, 4, 38) (CoolWarmFloat33), used warm end first (red low). */
    cr_assert(eq(u32, interf_palette_rgb(INTERF_PALETTE_VIRIDIS, 0), 0x440154));
    cr_assert(eq(u32, interf_palette_rgb(INTERF_PALETTE_VIRIDIS, 1), 0xFDE725));
    cr_assert(eq(u32, interf_palette_rgb(INTERF_PALETTE_VIRIDIS, -3), 0x440154), "clamped");
    cr_assert(eq(u32, interf_palette_rgb(INTERF_PALETTE_DIVERGING, 0), 0xB40426));
    cr_assert(eq(u32, interf_palette_rgb(INTERF_PALETTE_DIVERGING, 1), 0x3B4CC0));
    enum interf_palette p;
    struct interf_error err;
    cr_assert(eq(int, interf_palette_parse("cividis", &p, NULL), INTERF_OK));
    cr_assert(eq(int, p, INTERF_PALETTE_CIVIDIS));
    cr_assert(eq(int, interf_palette_parse("jet", &p, &err), INTERF_EINPUT));
    cr_assert(strstr(err.msg, "jet: unknown palette") != NULL);
}

/* --------------------------------------------------------------------------------- lines */

static enum interf_status read_lines(const char *text, int track, struct interf_lines *l,
                                     struct interf_error *err)
{
    FILE *fp = fmemopen((void *)(uintptr_t)text, strlen(text), "r");
    enum interf_status st = track ? interf_lines_read_track(fp, "t.txt", l, err)
                                  : interf_lines_read_gmt(fp, "t.txt", l, err);
    fclose(fp);
    return st;
}

Test(render, gmt_segments_and_tracks)
{
    struct interf_lines l;
    struct interf_error err;
    interf_lines_init(&l);
    cr_assert(eq(int, read_lines(">\n1 2\n3 4\n>\n5 6\n>\n7 8\n9 10\n", 0, &l, &err),
                 INTERF_OK));
    cr_assert(eq(sz, l.n, 2), "a one-point segment is dropped");
    cr_assert(epsilon_eq(dbl, l.line[1].x[1], 9, 0));
    cr_assert(epsilon_eq(dbl, l.line[1].y[1], 10, 0));
    interf_lines_free(&l);
    cr_assert(eq(int, read_lines(">\n1 2\n3 95\n", 0, &l, &err), INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "t.txt:3:3: expected \"lon_deg lat_deg\""));
    interf_lines_free(&l);
    /* interf-orbit's columns: one line per satellite, in time order. */
    const char *orbit = "# t_s sat plane lat_deg lon_deg alt_km\n# tool: x\n"
                        "0 0 0 1 10 550\n0 1 0 -1 20 550\n60 0 0 2 11 550\n60 1 0 -2 21 550\n"
                        "120 0 0 3 12 550\n";
    cr_assert(eq(int, read_lines(orbit, 1, &l, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(sz, l.n, 2));
    cr_assert(eq(sz, l.line[0].n, 3));
    cr_assert(epsilon_eq(dbl, l.line[0].x[2], 12, 0));
    cr_assert(epsilon_eq(dbl, l.line[0].y[2], 3, 0));
    cr_assert(epsilon_eq(dbl, l.line[1].y[1], -2, 0));
    interf_lines_free(&l);
    cr_assert(eq(int, read_lines("# t_s x y\n1 2 3\n", 1, &l, &err), INTERF_EINPUT));
    cr_assert(strstr(err.msg, "t.txt:1: the schema line names no lat_deg") != NULL);
    cr_assert(eq(int, read_lines("# lat_deg lon_deg\n1 2\n1 x\n", 1, &l, &err), INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "t.txt:3:3: lon_deg: \"x\""));
    interf_lines_free(&l);
}

/* ---------------------------------------------------------------------------------- chart */

Test(render, cdf_chart)
{
    const char *text = "# epfd_dbw_m2_40khz pct_time_exceeded\n# lat_deg: 45\n# lon_deg: 10\n"
                       "# n_steps: 1000\n-170.0 100\n-169.9 10\n-169.8 1\n-169.7 0\n";
    FILE *fp = fmemopen((void *)(uintptr_t)text, strlen(text), "r");
    struct interf_cdf *cdf;
    size_t n;
    struct interf_error err;
    cr_assert(eq(int, interf_cdf_read(fp, "c.txt", &cdf, &n, &err), INTERF_OK), "%s", err.msg);
    fclose(fp);
    struct interf_chart_options o;
    struct interf_image *img;
    interf_chart_options_init(&o);
    o.width_px = 600;
    o.title = "CDF";
    cr_assert(eq(int, interf_cdf_chart(cdf, n, &o, &img, NULL, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(int, img->width_px, 600));
    cr_assert(eq(int, img->height_px, 372), "0.62 x the width");
    interf_image_destroy(img);
    o.has_range = 1;
    o.range_min_db = 0;
    o.range_max_db = 0;
    cr_assert(eq(int, interf_cdf_chart(cdf, n, &o, &img, NULL, &err), INTERF_EINPUT));
    cr_assert(eq(int, interf_cdf_chart(cdf, 0, &o, &img, NULL, &err), INTERF_EINPUT));
    interf_cdf_free_all(cdf, n);
}

static void frame_px(const struct interf_chart_frame *f, double x, double y, double *px,
                     double *py);

/* A CDF with interf-epfd's floor: 37 % of the time no emitter is in view (the -300.0 dB row),
 * the bins above it empty up to -237.1 dB, then values to -164 dB; 40000 steps. */
static struct interf_cdf *floor_cdf(void)
{
    static char text[80000];
    size_t used = (size_t)snprintf(text, sizeof text, "# epfd_dbw_m2_40khz pct_time_exceeded\n"
                                   "# lat_deg: 0\n# lon_deg: 0\n# n_steps: 40000\n");
    for (int t = -1640; t >= -3000; t--) {
        double db = t / 10.0, pct = db > -237.05 ? 30 * pow(10, (-237 - db) / 18.3) : 37.1375;
        used += (size_t)snprintf(text + used, sizeof text - used, "%.1f %.6g\n", db,
                                 t == -1640 ? 0.0025 : pct);
    }
    FILE *fp = fmemopen(text, used, "r");
    struct interf_cdf *cdf;
    size_t n;
    struct interf_error err;
    cr_assert(eq(int, interf_cdf_read(fp, "floor.txt", &cdf, &n, &err), INTERF_OK), "%s",
              err.msg);
    fclose(fp);
    return cdf;
}

static int box_inside(const double b[4], double w, double h)
{
    return b[0] >= 0 && b[1] >= 0 && b[2] <= w && b[3] <= h;
}

static int boxes_meet(const double a[4], const double b[4])
{
    return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

Test(render, cdf_chart_leaves_out_the_floor_and_lays_out_its_labels)
{
    /* The mask of RR Table 22-1A, 0.6 m (the points as interf_limit_check applies them) with
     * margins close together at its end, against the right edge of the chart. */
    static const double level[] = {-175.4, -174, -170.8, -165.3, -160.4, -160, -160};
    static const double pct[] = {100, 10, 1, 0.27, 0.009, 0.003, 0};
    static const double margin[] = {INFINITY, 56.7, 52.0, 31.6, 3.8, 3.8, 3.7};
    struct interf_chart_mask mask = {7, level, pct, margin, "RR Table 22-1A, 0.6 m, 40 kHz: "
                                     "INSUFFICIENT (run of 40000 steps, 333334 needed)"};
    struct interf_cdf *cdf = floor_cdf();
    struct interf_chart_options o;
    struct interf_chart_frame f;
    struct interf_image *img;
    struct interf_error err;
    interf_chart_options_init(&o);
    o.mask = &mask;
    cr_assert(eq(int, interf_cdf_chart(cdf, 1, &o, &img, &f, &err), INTERF_OK), "%s", err.msg);
    /* The level axis from the last empty bin, -237.1 dB, rounded out to 5 dB: -240 (not the
     * floor's -305); to the mask's -160 rounded out: -155. */
    cr_assert(epsilon_eq(dbl, f.x_min, -240, 0));
    cr_assert(epsilon_eq(dbl, f.x_max, -155, 0));
    cr_assert(eq(int, f.width_px, img->width_px));
    cr_assert(eq(int, f.has_legend, 1));
    cr_assert(box_inside(f.legend_px, f.width_px, f.height_px));
    /* Six labels (the 100 % point's margin is infinite: none), each whole in the image, clear
     * of the legend and of each other. */
    cr_assert(eq(sz, f.n_labels, 6));
    for (size_t k = 0; k < f.n_labels; k++) {
        const double *b = f.label_px[k];
        cr_assert(box_inside(b, f.width_px, f.height_px), "label %zu: %g %g %g %g", k, b[0],
                  b[1], b[2], b[3]);
        cr_assert(eq(int, boxes_meet(b, f.legend_px), 0), "label %zu under the legend", k);
        for (size_t j = 0; j < k; j++) {
            const double *a = f.label_px[j];
            cr_assert(eq(int, boxes_meet(a, b), 0), "labels %zu and %zu overlap", j, k);
        }
    }
    interf_image_destroy(img);
    interf_cdf_free_all(cdf, 1);
}

Test(render, cdf_chart_legend_leaves_the_curves_clear)
{
    /* A curve down the left edge and along the floor (a drop from 100 % to 0.01 % within the
     * first 0.3 dB): the bottom-left corner is taken, the legend goes where no curve is, and
     * no vertex of the curve lies in its box. */
    static char text[20000];
    size_t used = (size_t)snprintf(text, sizeof text, "# epfd_dbw_m2_40khz pct_time_exceeded\n"
                                   "# n_steps: 10000\n");
    for (int t = -2000; t <= -1500; t++)
        used += (size_t)snprintf(text + used, sizeof text - used, "%.1f %g\n", t / 10.0,
                                 t == -2000 ? 100 : t == -1999 ? 1 : t == -1998 ? 0.1
                                                  : t < -1500 ? 0.01 : 0);
    FILE *fp = fmemopen(text, used, "r");
    struct interf_cdf *cdf;
    size_t n;
    struct interf_error err;
    cr_assert(eq(int, interf_cdf_read(fp, "c.txt", &cdf, &n, &err), INTERF_OK), "%s", err.msg);
    fclose(fp);
    struct interf_chart_options o;
    struct interf_chart_frame f;
    struct interf_image *img;
    interf_chart_options_init(&o);
    o.width_px = 800;
    cr_assert(eq(int, interf_cdf_chart(cdf, n, &o, &img, &f, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(int, f.has_legend, 1));
    for (size_t i = 0; i < cdf->n; i++) {
        double px, py;
        frame_px(&f, cdf->level_tenths[i] / 10.0, fmax(cdf->pct_exceeded[i], f.y_min), &px,
                 &py);
        const double point[4] = {px, py, px + 1e-9, py + 1e-9};
        cr_assert(eq(int, boxes_meet(point, f.legend_px), 0), "row %zu under the legend", i);
    }
    cr_assert(lt(dbl, f.legend_px[1], (f.top_px + f.bottom_px) / 2), "the legend is at the top");
    interf_image_destroy(img);
    interf_cdf_free_all(cdf, n);
}

/* -------------------------------------------------------------------------------- XY chart */

/* The colour of the first line, Okabe and Ito's blue (render.h). */
#define LINE_RGB 0x0072B2

/* Is pixel (i, j) the line's colour? A 1.8 px wide line (the 16 px text of a 1200 px chart)
 * covers at least 0.9 of the pixel holding its centre line, so each channel is within
 * 0.1 x 255 of the line's colour there (over white or grey); 40 leaves room for rounding. */
static int is_line(const struct interf_image *img, int i, int j)
{
    const uint8_t *p = pixel(img, i, j);
    int want[3] = {LINE_RGB >> 16 & 255, LINE_RGB >> 8 & 255, LINE_RGB & 255};
    for (int k = 0; k < 3; k++)
        if (abs(p[k] - want[k]) > 40)
            return 0;
    return 1;
}

/* Pixel coordinates of (x, y) by the mapping render.h documents for interf_chart_frame. */
static void frame_px(const struct interf_chart_frame *f, double x, double y, double *px,
                     double *py)
{
    double fx = f->x_log ? (log10(x) - log10(f->x_min)) / (log10(f->x_max) - log10(f->x_min))
                         : (x - f->x_min) / (f->x_max - f->x_min);
    double fy = f->y_log ? (log10(y) - log10(f->y_min)) / (log10(f->y_max) - log10(f->y_min))
                         : (y - f->y_min) / (f->y_max - f->y_min);
    *px = f->left_px + fx * (f->right_px - f->left_px);
    *py = f->bottom_px - fy * (f->bottom_px - f->top_px);
}

/* The line passes through the pixel of (x, y), and not through those 4 px to either side
 * across it (vertical: left and right, else above and below), so that a mapping off by a few
 * pixels fails. */
static void assert_on_line(const struct interf_image *img, const struct interf_chart_frame *f,
                           double x, double y, int vertical)
{
    double px, py;
    frame_px(f, x, y, &px, &py);
    int i = (int)floor(px), j = (int)floor(py), di = vertical ? 4 : 0, dj = vertical ? 0 : 4;
    cr_assert(is_line(img, i, j), "(%g, %g) at pixel %d,%d is not the line's colour", x, y, i,
              j);
    cr_assert(is_line(img, i - di, j - dj) == 0, "the line is wider than expected at %d,%d", i,
              j);
    cr_assert(is_line(img, i + di, j + dj) == 0, "the line is wider than expected at %d,%d", i,
              j);
}

Test(render, xy_chart_points_land_where_the_axes_map_them)
{
    /* A vertical segment at x = 45 deg and a horizontal one at 25 dBi, on axes 0..180 by
     * -10..40: they cross the plot where the frame's linear mapping puts them. */
    const double x[] = {45, 45, NAN, 10, 170}, y[] = {-5, 35, NAN, 25, 25};
    const struct interf_xy_series s = {5, x, y, NULL};
    struct interf_xy_options o;
    struct interf_chart_frame f;
    struct interf_image *img;
    struct interf_error err;
    interf_xy_options_init(&o);
    o.title = "S.1428-1, D = 0.6 m, f = 11.7 GHz";
    o.x.label = "Off-axis angle \xCE\xB8, deg";
    o.y.label = "Gain, dBi";
    o.x.has_range = o.y.has_range = 1;
    o.x.min = 0;
    o.x.max = 180;
    o.y.min = -10;
    o.y.max = 40;
    cr_assert(eq(int, interf_xy_chart(&s, 1, &o, &img, &f, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(int, img->width_px, 1200));
    cr_assert(eq(int, img->height_px, 744), "0.62 x the width");
    cr_assert(epsilon_eq(dbl, f.x_min, 0, 0));
    cr_assert(epsilon_eq(dbl, f.x_max, 180, 0));
    cr_assert(epsilon_eq(dbl, f.y_min, -10, 0));
    cr_assert(epsilon_eq(dbl, f.y_max, 40, 0));
    cr_assert(f.left_px > 0 && f.right_px < 1200 && f.top_px > 0 && f.bottom_px < 744);
    assert_on_line(img, &f, 45, 10, 1);
    assert_on_line(img, &f, 45, 30, 1);
    assert_on_line(img, &f, 100, 25, 0);
    assert_on_line(img, &f, 160, 25, 0);
    /* The NaN broke the line: nothing joins (45, 35) to (10, 25), through (27.5, 30). */
    double px, py;
    frame_px(&f, 27.5, 30, &px, &py);
    cr_assert(is_line(img, (int)floor(px), (int)floor(py)) == 0, "a NaN must break the line");
    interf_image_destroy(img);

    /* A log angle axis, 0.1 to 100 deg: x = 3 lies log10(30) / 3 = 0.4924 of the way across
     * (the frame's log mapping). */
    const double lx[] = {3, 3}, ly[] = {0, 30};
    const struct interf_xy_series ls = {2, lx, ly, "3 deg"};
    o.x.log = 1;
    o.x.min = 0.1;
    o.x.max = 100;
    cr_assert(eq(int, interf_xy_chart(&ls, 1, &o, &img, &f, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(int, f.x_log, 1));
    frame_px(&f, 3, 15, &px, &py);
    cr_assert(epsilon_eq(dbl, (px - f.left_px) / (f.right_px - f.left_px), log10(30) / 3, 1e-12));
    assert_on_line(img, &f, 3, 15, 1);
    interf_image_destroy(img);
}

Test(render, xy_chart_automatic_ranges)
{
    /* S.1428-1 for 0.6 m at 11.7 GHz runs from 35.09 dBi (0 deg) down to -9 dBi. Automatic:
     * span 44.09 dB, about 8 intervals: 5.51 -> a step of 10 dB; 2 % of the span (0.88 dB)
     * beyond each end, rounded out to the step: -9.88 -> -10 and 35.97 -> 40. The x axis, 0 to
     * 180: step 25 (22.5 rounded up to 1, 2, 2.5, 5 x 10^k), pad 3.6: -3.6 -> -25, 183.6 ->
     * 200. */
    const double x[] = {0, 40, 180}, y[] = {35.09, -9, -5};
    struct interf_xy_series s = {3, x, y, NULL};
    struct interf_xy_options o;
    struct interf_chart_frame f;
    struct interf_image *img;
    struct interf_error err;
    interf_xy_options_init(&o);
    o.width_px = 400;
    cr_assert(eq(int, interf_xy_chart(&s, 1, &o, &img, &f, &err), INTERF_OK), "%s", err.msg);
    cr_assert(epsilon_eq(dbl, f.y_min, -10, 1e-12), "y %g to %g", f.y_min, f.y_max);
    cr_assert(epsilon_eq(dbl, f.y_max, 40, 1e-12), "y %g to %g", f.y_min, f.y_max);
    cr_assert(epsilon_eq(dbl, f.x_min, -25, 1e-12), "x %g to %g", f.x_min, f.x_max);
    cr_assert(epsilon_eq(dbl, f.x_max, 200, 1e-12), "x %g to %g", f.x_min, f.x_max);
    interf_image_destroy(img);
    /* An array's null at the -300 dB floor, a 60 dB dynamic range: -300 -> 23 - 60 = -37;
     * span 60, step 10 (7.5 rounded up), pad 1.2: -38.2 -> -40, 24.2 -> 30. The x range given
     * limits the points that set the y range: the 100 dBi point at 170 deg is outside. */
    const double ax[] = {0, 14.5, 30, 170}, ay[] = {23, -300, 9, 100};
    s = (struct interf_xy_series){4, ax, ay, NULL};
    o.x.has_range = 1;
    o.x.min = 0;
    o.x.max = 90;
    o.y.max_span = 60;
    cr_assert(eq(int, interf_xy_chart(&s, 1, &o, &img, &f, &err), INTERF_OK), "%s", err.msg);
    cr_assert(epsilon_eq(dbl, f.y_min, -40, 1e-12), "y %g to %g", f.y_min, f.y_max);
    cr_assert(epsilon_eq(dbl, f.y_max, 30, 1e-12), "y %g to %g", f.y_min, f.y_max);
    interf_image_destroy(img);
    /* A log axis takes the extent of the points above 0 as it is: 0 is not drawn. */
    o.x = (struct interf_chart_axis){NULL, 1, 0, 0, 0, 0, 0};
    const double lx[] = {0, 0.2, 50}, ly[] = {1, 2, 3};
    s = (struct interf_xy_series){3, lx, ly, NULL};
    cr_assert(eq(int, interf_xy_chart(&s, 1, &o, &img, &f, &err), INTERF_OK), "%s", err.msg);
    cr_assert(epsilon_eq(dbl, f.x_min, 0.2, 1e-12), "x %g to %g", f.x_min, f.x_max);
    cr_assert(epsilon_eq(dbl, f.x_max, 50, 1e-12), "x %g to %g", f.x_min, f.x_max);
    interf_image_destroy(img);
}

Test(render, xy_chart_png_reads_back_with_its_text)
{
    const double x[] = {0, 90, 180}, y[] = {35, -9, -5};
    const struct interf_xy_series s = {3, x, y, "S.1428"};
    struct interf_xy_options o;
    struct interf_image *img;
    struct interf_error err;
    interf_xy_options_init(&o);
    o.width_px = 800;
    o.title = "S.1428-1, D = 0.6 m, f = 11.7 GHz";
    o.subtitle = "Rec. ITU-R S.1428-1 (02/2001), recommends 1";
    cr_assert(eq(int, interf_xy_chart(&s, 1, &o, &img, NULL, &err), INTERF_OK), "%s", err.msg);
    char *buf = NULL;
    size_t n = 0;
    FILE *fp = open_memstream(&buf, &n);
    const struct interf_png_text text[] = {
        {"Title", o.title}, {"Software", "interf test"}, {"Source", o.subtitle},
        {"Comment", "interf-pattern --pattern S.1428 --png p.png"},
        {"Description", "gain_dbi against theta_deg, 0 to 180 deg"}};
    cr_assert(eq(int, interf_png_write(fp, img, text, 5, &err), INTERF_OK), "%s", err.msg);
    fclose(fp);
    FILE *in = fmemopen(buf, n, "rb");
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    png_init_io(png, in);
    png_read_info(png, info);
    cr_assert(eq(u32, png_get_image_width(png, info), 800));
    cr_assert(eq(u32, png_get_image_height(png, info), 496), "round(0.62 x 800)");
    cr_assert(eq(int, png_get_color_type(png, info), PNG_COLOR_TYPE_RGBA));
    cr_assert(eq(int, png_get_bit_depth(png, info), 8));
    png_textp t;
    int nt = 0;
    png_get_text(png, info, &t, &nt);
    cr_assert(eq(int, nt, 5));
    const char *keys[] = {"Title", "Software", "Source", "Comment", "Description"};
    for (int k = 0; k < 5; k++) {
        cr_assert(eq(str, t[k].key, (char *)(uintptr_t)keys[k]));
        cr_assert(eq(str, t[k].text, (char *)(uintptr_t)text[k].text));
        cr_assert(eq(int, t[k].compression, PNG_ITXT_COMPRESSION_NONE), "an iTXt chunk");
    }
    /* The whole image decodes: every row, and the corner is the white background. */
    png_bytep row = malloc(png_get_rowbytes(png, info));
    for (uint32_t j = 0; j < 496; j++)
        png_read_row(png, row, NULL);
    for (int k = 0; k < 4; k++)
        cr_assert(eq(u8, row[k], 255), "bottom-left corner, channel %d", k);
    free(row);
    png_destroy_read_struct(&png, &info, NULL);
    fclose(in);
    free(buf);
    interf_image_destroy(img);
}

Test(render, xy_chart_errors)
{
    const double x[] = {0, 1}, y[] = {0, 1}, bad[] = {NAN, NAN};
    struct interf_xy_series s = {2, x, y, NULL};
    struct interf_xy_options o;
    struct interf_image *img = NULL;
    struct interf_error err;
    interf_xy_options_init(&o);
    cr_assert(eq(int, interf_xy_chart(&s, 0, &o, &img, NULL, &err), INTERF_EINPUT));
    cr_assert(img == NULL);
    o.width_px = 100;
    cr_assert(eq(int, interf_xy_chart(&s, 1, &o, &img, NULL, &err), INTERF_EINPUT));
    cr_assert(strstr(err.msg, "--width: 100") != NULL, "%s", err.msg);
    o.width_px = 600;
    o.x.has_range = 1;
    o.x.min = o.x.max = 1;
    cr_assert(eq(int, interf_xy_chart(&s, 1, &o, &img, NULL, &err), INTERF_EINPUT));
    cr_assert(strstr(err.msg, "x axis: range 1 to 1") != NULL, "%s", err.msg);
    o.x.min = 0;
    o.x.log = 1;
    cr_assert(eq(int, interf_xy_chart(&s, 1, &o, &img, NULL, &err), INTERF_EINPUT));
    cr_assert(strstr(err.msg, "a log axis needs values above 0") != NULL, "%s", err.msg);
    o.x.has_range = o.x.log = 0;
    s.y = bad;
    cr_assert(eq(int, interf_xy_chart(&s, 1, &o, &img, NULL, &err), INTERF_EINPUT));
    cr_assert(strstr(err.msg, "no point that can be drawn") != NULL, "%s", err.msg);
    s.y = y;
    o.x.has_range = 1;
    o.x.min = 5;
    o.x.max = 6;
    cr_assert(eq(int, interf_xy_chart(&s, 1, &o, &img, NULL, &err), INTERF_EINPUT));
    cr_assert(strstr(err.msg, "no point inside the x range") != NULL, "%s", err.msg);
    cr_assert(img == NULL);
}
