/* SPDX-License-Identifier: MIT */
/* Tests of the contour post-processing for GeoJSON: cutting at the antimeridian (RFC 7946
 * §3.1.9), rings round a pole, orientation, and the areas on the S.1503 sphere and on WGS 84
 * (PROJ's geodesic API). Reference values are hand-derived in the comments. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdlib.h>

#include "interf/grid.h"
#include "interf/render.h"

static struct interf_polyline ring_of(double *x, double *y, size_t n, int closed)
{
    return (struct interf_polyline){n, x, y, closed};
}

/* Every point of part k within [lo, hi] of longitude. */
static int within(const struct interf_polyline *l, double lo, double hi)
{
    for (size_t k = 0; k < l->n; k++)
        if (l->x[k] < lo || l->x[k] > hi)
            return 0;
    return 1;
}

static double parts_area(const struct interf_lines *l)
{
    double a = 0;
    for (size_t k = 0; k < l->n; k++)
        a += interf_ring_area_sphere_km2(&l->line[k], INTERF_RE_KM);
    return a;
}

/* The lune between meridians 0 and 1 deg, equator to the north pole: on a sphere of radius R
 * its area is 1/720 of the sphere's, 4 pi R^2 / 720 = pi R^2 / 180 = 710012.744163 km^2 for
 * R = 6378.145 km (S.1503-4). The edges along meridians and the equator are straight in
 * lon/lat, so the formula is exact here. */
Test(contour_area, sphere_lune)
{
    double x[] = {0, 1, 1, 0}, y[] = {0, 0, 90, 90};
    struct interf_polyline r = ring_of(x, y, 4, 1);
    cr_assert(epsilon_eq(dbl, interf_ring_area_sphere_km2(&r, INTERF_RE_KM), 710012.744163,
                         1e-3), "lune");
    /* Clockwise: the same area, negative. */
    double xr[] = {0, 0, 1, 1}, yr[] = {0, 90, 90, 0};
    struct interf_polyline c = ring_of(xr, yr, 4, 1);
    cr_assert(epsilon_eq(dbl, interf_ring_area_sphere_km2(&c, INTERF_RE_KM), -710012.744163,
                         1e-3), "clockwise lune");
}

/* The same lune on WGS 84 with geodesic edges (meridians and the equator are geodesics): 1/720
 * of the ellipsoid's area 2 pi a^2 (1 + (1 - e^2)/e atanh e) = 510065621.724088 km^2
 * (a = 6378.137 km, f = 1/298.257223563), so 708424.474617 km^2. */
Test(contour_area, wgs84_lune)
{
    double x[] = {0, 1, 1, 0}, y[] = {0, 0, 90, 90}, a;
    struct interf_polyline r = ring_of(x, y, 4, 1);
    struct interf_error err;
    cr_assert(eq(int, interf_ring_area_wgs84_km2(&r, &a, &err), INTERF_OK));
    cr_assert(epsilon_eq(dbl, a, 708424.474617, 1e-2), "WGS 84 lune %.6f", a);
}

/* A 20 x 20 deg square from 170 to 190 E (continuous longitudes, as a grid from 150 to 210
 * gives them): cut into 170..180 and -180..-170, both counter-clockwise, areas summing to the
 * whole square's. */
Test(contour_split, square_across_antimeridian)
{
    double x[] = {170, 190, 190, 170}, y[] = {-10, -10, 10, 10};
    struct interf_polyline r = ring_of(x, y, 4, 1);
    struct interf_lines out;
    struct interf_error err;
    int above = -1;
    interf_lines_init(&out);
    cr_assert(eq(int, interf_contour_rfc7946(&r, &out, &above, &err), INTERF_OK));
    cr_assert(eq(sz, out.n, 2));
    cr_assert(eq(int, above, 1));
    int west = within(&out.line[0], 170, 180) ? 0 : 1;
    cr_assert(within(&out.line[west], 170, 180) && within(&out.line[1 - west], -180, -170));
    for (size_t k = 0; k < 2; k++) {
        cr_assert(out.line[k].closed);
        cr_assert(interf_ring_area_sphere_km2(&out.line[k], INTERF_RE_KM) > 0, "orientation");
    }
    cr_assert(epsilon_eq(dbl, parts_area(&out), interf_ring_area_sphere_km2(&r, INTERF_RE_KM),
                         1e-6), "area kept");
    /* Each half is half the square (symmetric about 180). */
    cr_assert(epsilon_eq(dbl, interf_ring_area_sphere_km2(&out.line[0], INTERF_RE_KM),
                         parts_area(&out) / 2, 1e-6));
    interf_lines_free(&out);
}

/* A ring wholly east of 180 in continuous longitudes (190..200) is shifted to -170..-160. */
Test(contour_split, shift_only)
{
    double x[] = {190, 200, 200, 190}, y[] = {0, 0, 5, 5};
    struct interf_polyline r = ring_of(x, y, 4, 1);
    struct interf_lines out;
    interf_lines_init(&out);
    cr_assert(eq(int, interf_contour_rfc7946(&r, &out, NULL, NULL), INTERF_OK));
    cr_assert(eq(sz, out.n, 1));
    cr_assert(within(&out.line[0], -170, -160) && out.line[0].x[0] == -170);
    interf_lines_free(&out);
}

/* A U open to the east that crosses 180 four times: its two prongs reach east of 180 and its
 * base lies west of it. Cut, it is one polygon west (the base with the prongs' roots) and two
 * east (the prongs' tips): three parts, area kept. */
Test(contour_split, u_shape_three_parts)
{
    double x[] = {175, 185, 185, 178, 178, 185, 185, 175};
    double y[] = {0, 0, 2, 2, 8, 8, 10, 10};
    struct interf_polyline r = ring_of(x, y, 8, 1);
    struct interf_lines out;
    interf_lines_init(&out);
    cr_assert(eq(int, interf_contour_rfc7946(&r, &out, NULL, NULL), INTERF_OK));
    cr_assert(eq(sz, out.n, 3));
    size_t n_west = 0;
    for (size_t k = 0; k < 3; k++)
        n_west += within(&out.line[k], 175, 180);
    cr_assert(eq(sz, n_west, 1));
    /* The parts together cover what the ring bounds. */
    cr_assert(epsilon_eq(dbl, parts_area(&out), interf_ring_area_sphere_km2(&r, INTERF_RE_KM),
                         1e-6));
    interf_lines_free(&out);
}

/* A clockwise ring (round values below the level) is reversed, and *above says 0. */
Test(contour_split, clockwise_reversed)
{
    double x[] = {0, 0, 1, 1}, y[] = {0, 1, 1, 0};
    struct interf_polyline r = ring_of(x, y, 4, 1);
    struct interf_lines out;
    int above = -1;
    interf_lines_init(&out);
    cr_assert(eq(int, interf_contour_rfc7946(&r, &out, &above, NULL), INTERF_OK));
    cr_assert(eq(sz, out.n, 1));
    cr_assert(eq(int, above, 0));
    cr_assert(interf_ring_area_sphere_km2(&out.line[0], INTERF_RE_KM) > 0);
    interf_lines_free(&out);
}

/* An open line from 170 to 190 E is cut into 170..180 and -180..-170 at its crossing. */
Test(contour_split, open_line)
{
    double x[] = {170, 176, 184, 190}, y[] = {0, 1, 3, 4};
    struct interf_polyline r = ring_of(x, y, 4, 0);
    struct interf_lines out;
    interf_lines_init(&out);
    cr_assert(eq(int, interf_contour_rfc7946(&r, &out, NULL, NULL), INTERF_OK));
    cr_assert(eq(sz, out.n, 2));
    const struct interf_polyline *a = &out.line[0], *b = &out.line[1];
    cr_assert(a->closed == 0 && b->closed == 0, "open pieces");
    /* The crossing: from (176, 1) to (184, 3), halfway: (180, 2). */
    cr_assert(eq(sz, a->n, 3));
    cr_assert(eq(sz, b->n, 3));
    cr_assert(a->x[2] == 180 && a->y[2] == 2, "west piece ends at (180, 2)");
    cr_assert(b->x[0] == -180 && b->y[0] == 2 && b->x[2] == -170, "east piece");
    interf_lines_free(&out);
}

/* A ring round the north pole along the parallel 80 N, eastward (north on its left: values
 * above the level poleward), from -175 to 175 deg (continuous): closed along the pole, the
 * polygon is the cap north of 80 N. Its edges are on parallels, straight in lon/lat, so the
 * area is exactly the cap's: 2 pi R^2 (1 - sin 80 deg) = 3883208.030568 km^2 (R = 6378.145). */
Test(contour_split, polar_cap)
{
    enum { N = 36 };
    double x[N], y[N];
    for (int k = 0; k < N; k++)
        x[k] = -175 + 10.0 * k, y[k] = 80;
    struct interf_polyline r = ring_of(x, y, N, 1);
    struct interf_lines out;
    int above = -1;
    interf_lines_init(&out);
    cr_assert(eq(int, interf_contour_rfc7946(&r, &out, &above, NULL), INTERF_OK));
    cr_assert(eq(int, above, 1));
    /* One part from -180 to 180 (opened at the antimeridian, not at its first point). */
    cr_assert(eq(sz, out.n, 1));
    cr_assert(within(&out.line[0], -180, 180) && out.line[0].closed);
    cr_assert(epsilon_eq(dbl, parts_area(&out), 3883208.030568, 1e-3), "%f", parts_area(&out));
    interf_lines_free(&out);
}

/* The same parallel at 80 S, westward (south on its left: the values above the level round the
 * south pole), starting at 3 E: one part, closed along 90 S; on WGS 84 (geodesic edges 1 deg
 * apart, close to the parallel) its area is the zone from 80 S to the pole,
 * pi b^2 [s/(1 - e^2 s^2) + atanh(e s)/e] between s = sin 80 and 1 = 3908572.76 km^2 (the
 * ellipsoid's zone area; the geodesic chords cut 0.005 % off). */
Test(contour_split, south_polar_cap_wgs84)
{
    enum { N = 360 };
    double x[N], y[N], a = 0, part;
    for (int k = 0; k < N; k++)
        x[k] = 3.0 - k, y[k] = -80;
    struct interf_polyline r = ring_of(x, y, N, 1);
    struct interf_lines out;
    interf_lines_init(&out);
    cr_assert(eq(int, interf_contour_rfc7946(&r, &out, NULL, NULL), INTERF_OK));
    cr_assert(eq(sz, out.n, 1));
    for (size_t k = 0; k < out.n; k++) {
        cr_assert(eq(int, interf_ring_area_wgs84_km2(&out.line[k], &part, NULL), INTERF_OK));
        a += part;
    }
    cr_assert(epsilon_eq(dbl, a, 3908572.76, 400), "%f", a);
    interf_lines_free(&out);
}

/* Contours of a constant grid are empty, at, above and below the constant. */
Test(contour_grid, constant_is_empty)
{
    struct interf_grid_spec s = {20, 10, -9.5, -4.5, 1};
    struct interf_grid *g;
    cr_assert(eq(int, interf_grid_create(&s, &g, NULL), INTERF_OK));
    for (size_t k = 0; k < 200; k++)
        g->values[k] = -3;
    double levels[] = {-3, -2, -4};
    for (int k = 0; k < 3; k++) {
        struct interf_lines out;
        interf_lines_init(&out);
        cr_assert(eq(int, interf_grid_contour(g, levels[k], &out, NULL), INTERF_OK));
        cr_assert(eq(sz, out.n, 0), "level %g", levels[k]);
        interf_lines_free(&out);
    }
    interf_grid_destroy(g);
}

/* A global 0.5 deg grid whose value is minus the central angle (deg) from 20 N 180 E: its -10
 * contour is the small circle of 10 deg about that point, traced whole across the grid's seam
 * and cut into two parts, one each side of the antimeridian. Their area is the spherical cap's,
 * 2 pi R^2 (1 - cos 10 deg) = 3883208.03 km^2 (R = 6378.145 km), to 0.1 % (the ring is
 * inscribed; measured -0.05 %). */
Test(contour_grid, global_ring_across_antimeridian)
{
    struct interf_grid_spec s = {720, 360, -179.75, -89.75, 0.5};
    struct interf_grid *g;
    const double deg = 3.14159265358979323846 / 180, lat0 = 20 * deg;
    cr_assert(eq(int, interf_grid_create(&s, &g, NULL), INTERF_OK));
    for (size_t i = 0; i < s.nrows; i++)
        for (size_t j = 0; j < s.ncols; j++) {
            double lat = interf_grid_lat_deg(&s, i) * deg, lon = interf_grid_lon_deg(&s, j) * deg;
            double c = sin(lat) * sin(lat0) + cos(lat) * cos(lat0) * cos(lon - 180 * deg);
            g->values[i * s.ncols + j] = -acos(fmin(1, fmax(-1, c))) / deg;
        }
    struct interf_lines lines, parts;
    interf_lines_init(&lines);
    interf_lines_init(&parts);
    cr_assert(eq(int, interf_grid_contour(g, -10, &lines, NULL), INTERF_OK));
    cr_assert(eq(sz, lines.n, 1));
    cr_assert(lines.line[0].closed);
    int above = -1;
    cr_assert(eq(int, interf_contour_rfc7946(&lines.line[0], &parts, &above, NULL), INTERF_OK));
    cr_assert(eq(int, above, 1));
    cr_assert(eq(sz, parts.n, 2));
    int west = within(&parts.line[0], 0, 180) ? 0 : 1;
    cr_assert(within(&parts.line[west], 169, 180) && within(&parts.line[1 - west], -180, -169));
    cr_assert(epsilon_eq(dbl, parts_area(&parts), 3883208.03, 3883.2), "%f", parts_area(&parts));
    interf_lines_free(&lines);
    interf_lines_free(&parts);
    interf_grid_destroy(g);
}

Test(contour_split, bad_arguments)
{
    struct interf_lines out;
    struct interf_error err;
    double a;
    interf_lines_init(&out);
    cr_assert(eq(int, interf_contour_rfc7946(NULL, &out, NULL, &err), INTERF_EINVAL));
    cr_assert(eq(int, interf_ring_area_wgs84_km2(NULL, &a, &err), INTERF_EINVAL));
    cr_assert(eq(dbl, interf_ring_area_sphere_km2(NULL, 1), 0));
}
