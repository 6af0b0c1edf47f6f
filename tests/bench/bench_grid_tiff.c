/* SPDX-License-Identifier: MIT */
/* Benchmark of the grid file formats: a global 0.1 deg grid (3600 x 1800 cells) of EPFD-like
 * values written and read as an ESRI ASCII grid (the baseline, 1 decimal as interf-epfd writes
 * dB grids) and as a GeoTIFF (float32, DEFLATE, floating-point predictor), with values as
 * computed and rounded to 0.1 dB. Prints file sizes, median times of several runs and the
 * ratios GeoTIFF / ASCII. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench_util.h"
#include "interf/grid.h"

#define RUNS 5

/* A field with the shape of an EPFD percentile map of a LEO system: bands of satellite density
 * peaking near the shells' inclination (53 deg), structure along longitude from the GSO arc,
 * -300 dB (no satellite visible) at the poles, NaN (not computed) in one corner; plus 0.3 dB of
 * sampling noise (uniform, fixed generator). */
static void fill(struct interf_grid *g, int round_01)
{
    uint64_t state = 0x9e3779b97f4a7c15u;
    const struct interf_grid_spec *s = &g->spec;
    for (size_t r = 0; r < s->nrows; r++)
        for (size_t c = 0; c < s->ncols; c++) {
            double lat = interf_grid_lat_deg(s, r), lon = interf_grid_lon_deg(s, c);
            state = state * 6364136223846793005u + 1442695040888963407u;
            double noise = 0.3 * ((double)(state >> 11) / 9007199254740992.0 - 0.5);
            double v = -165 + 8 * exp(-pow((fabs(lat) - 53) / 12, 2)) +
                       2 * cos(3 * lon * INTERF_DEG) * cos(lat * INTERF_DEG) + noise;
            if (fabs(lat) > 82)
                v = -300;
            if (lat < -60 && lon > 150)
                v = NAN;
            g->values[r * s->ncols + c] = round_01 && isfinite(v) ? round(v * 10) / 10 : v;
        }
}

static long file_bytes(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

static double time_asc_write(const struct interf_grid *g, const char *path)
{
    struct interf_error err;
    double t0 = bench_wall_s();
    FILE *fp = fopen(path, "w");
    if (!fp || interf_grid_write_asc(fp, g, 1, &err) != INTERF_OK || fclose(fp) != 0) {
        fprintf(stderr, "bench_grid_tiff: %s: write failed\n", path);
        exit(1);
    }
    return bench_wall_s() - t0;
}

static double time_asc_read(const char *path)
{
    struct interf_error err;
    struct interf_grid *g = NULL;
    double t0 = bench_wall_s();
    FILE *fp = fopen(path, "r");
    if (!fp || interf_grid_read_asc(fp, path, &g, &err) != INTERF_OK) {
        fprintf(stderr, "bench_grid_tiff: %s: read failed\n", path);
        exit(1);
    }
    fclose(fp);
    double t = bench_wall_s() - t0;
    interf_grid_destroy(g);
    return t;
}

static double time_tiff_write(const struct interf_grid *g, const char *path)
{
    struct interf_error err;
    double t0 = bench_wall_s();
    if (interf_grid_write_tiff(path, g, NULL, &err) != INTERF_OK) {
        fprintf(stderr, "bench_grid_tiff: %s\n", err.msg);
        exit(1);
    }
    return bench_wall_s() - t0;
}

static double time_tiff_read(const char *path)
{
    struct interf_error err;
    struct interf_grid *g = NULL;
    double t0 = bench_wall_s();
    if (interf_grid_read_tiff(path, &g, NULL, &err) != INTERF_OK) {
        fprintf(stderr, "bench_grid_tiff: %s\n", err.msg);
        exit(1);
    }
    double t = bench_wall_s() - t0;
    interf_grid_destroy(g);
    return t;
}

static void run(const struct interf_grid *g, const char *dir, const char *label)
{
    char asc[4200], tif[4200];
    double t[4][RUNS];
    snprintf(asc, sizeof asc, "%s/g.asc", dir);
    snprintf(tif, sizeof tif, "%s/g.tif", dir);
    for (int k = 0; k < RUNS; k++) {
        t[0][k] = time_asc_write(g, asc);
        t[1][k] = time_asc_read(asc);
        t[2][k] = time_tiff_write(g, tif);
        t[3][k] = time_tiff_read(tif);
    }
    double cells = (double)(g->spec.ncols * g->spec.nrows), m[4];
    for (int i = 0; i < 4; i++)
        m[i] = bench_median(t[i], RUNS);
    long a = file_bytes(asc), b = file_bytes(tif);
    printf("%s\n  size   asc %10ld B   tif %10ld B   tif/asc %.3f\n", label, a, b,
           (double)b / (double)a);
    printf("  write  asc %8.1f ms   tif %8.1f ms   tif/asc %.3f   (tif %.0f Mcell/s)\n",
           m[0] * 1e3, m[2] * 1e3, m[2] / m[0], cells / m[2] / 1e6);
    printf("  read   asc %8.1f ms   tif %8.1f ms   tif/asc %.3f   (tif %.0f Mcell/s)\n",
           m[1] * 1e3, m[3] * 1e3, m[3] / m[1], cells / m[3] / 1e6);
    unlink(asc);
    unlink(tif);
}

int main(void)
{
    struct interf_error err;
    struct interf_grid_spec spec;
    struct interf_grid *g;
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/interf-bench-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR")
                                                                          : "/tmp");
    if (!mkdtemp(dir) || interf_grid_spec_init(-180, 180, -90, 90, 0.1, &spec, &err) ||
        interf_grid_create(&spec, &g, &err)) {
        fprintf(stderr, "bench_grid_tiff: setup failed\n");
        return 1;
    }
    printf("bench_grid_tiff: global 0.1 deg grid, %zu x %zu cells, median of %d runs\n",
           spec.ncols, spec.nrows, RUNS);
    fill(g, 0);
    run(g, dir, "EPFD-like values as computed (asc keeps 1 decimal, tif float32)");
    fill(g, 1);
    run(g, dir, "the same values rounded to 0.1 dB (both files hold the same numbers)");
    interf_grid_destroy(g);
    rmdir(dir);
    return 0;
}
