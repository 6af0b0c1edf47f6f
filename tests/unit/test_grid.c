/* SPDX-License-Identifier: MIT */
/* Tests of the grid layer: cell-centre registration, ESRI ASCII grid reading (header rules,
 * file:line errors, NODATA, size limits before allocation) and writing, and the .prj / .aux.xml
 * sidecars written atomically and read back. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "interf/grid.h"

/* Read a grid from text; returns the status, the grid in *g (NULL on error). */
static enum interf_status read_text(const char *text, struct interf_grid **g,
                                    struct interf_error *err)
{
    FILE *fp = fmemopen((void *)(uintptr_t)text, strlen(text), "r");
    cr_assert(fp != NULL);
    enum interf_status st = interf_grid_read_asc(fp, "t.asc", g, err);
    fclose(fp);
    return st;
}

/* Write a grid to memory; the text is newly allocated. */
static char *write_text(const struct interf_grid *g, int decimals, enum interf_status *st)
{
    char *buf = NULL;
    size_t n = 0;
    struct interf_error err;
    FILE *fp = open_memstream(&buf, &n);
    cr_assert(fp != NULL);
    *st = interf_grid_write_asc(fp, g, decimals, &err);
    fclose(fp);
    return buf;
}

/* A fresh temporary folder (removed by rm_dir). */
static void tmp_dir(char *dir, size_t n)
{
    snprintf(dir, n, "%s/interf-grid-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    cr_assert(mkdtemp(dir) != NULL);
}

static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    cr_assert(d != NULL);
    for (struct dirent *e = readdir(d); e; e = readdir(d))
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

static void rm_dir(const char *dir)
{
    DIR *d = opendir(dir);
    char path[4200];
    for (struct dirent *e = d ? readdir(d) : NULL; e; e = readdir(d))
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            unlink(path);
        }
    if (d)
        closedir(d);
    rmdir(dir);
}

static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "r");
    cr_assert(fp != NULL, "%s missing", path);
    char *buf = calloc(1, 65536);
    size_t n = fread(buf, 1, 65535, fp);
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

/* ------------------------------------------------------------------------------- geometry */

Test(grid, spec_from_edges_is_cell_centred)
{
    /* The architecture's example: -180/180/-80/80 at 1 deg is 360 x 160 cells whose centres run
     * from -179.5 to 179.5 and -79.5 to 79.5 (cell-centre registration, no 180 deg column). */
    struct interf_grid_spec s;
    cr_assert(eq(int, interf_grid_spec_parse("-180/180/-80/80/1", &s, NULL), INTERF_OK));
    cr_assert(eq(sz, s.ncols, 360));
    cr_assert(eq(sz, s.nrows, 160));
    cr_assert(epsilon_eq(dbl, interf_grid_lon_deg(&s, 0), -179.5, 1e-12));
    cr_assert(epsilon_eq(dbl, interf_grid_lon_deg(&s, 359), 179.5, 1e-12));
    /* Row 0 is the northernmost. */
    cr_assert(epsilon_eq(dbl, interf_grid_lat_deg(&s, 0), 79.5, 1e-12));
    cr_assert(epsilon_eq(dbl, interf_grid_lat_deg(&s, 159), -79.5, 1e-12));
    cr_assert(interf_grid_is_global(&s));
    double b[4];
    interf_grid_bounds(&s, b);
    cr_assert(epsilon_eq(dbl, b[0], -180, 1e-12));
    cr_assert(epsilon_eq(dbl, b[1], 180, 1e-12));
    cr_assert(epsilon_eq(dbl, b[2], -80, 1e-12));
    cr_assert(epsilon_eq(dbl, b[3], 80, 1e-12));
}

Test(grid, spec_decimal_cells)
{
    /* 0.1 deg cells over 1 x 0.5 deg: 10 x 5 cells although 1 / 0.1 is 9.999999999999998 in
     * binary; the first centre is 10.05 E. */
    struct interf_grid_spec s;
    cr_assert(eq(int, interf_grid_spec_init(10, 11, 45, 45.5, 0.1, &s, NULL), INTERF_OK));
    cr_assert(eq(sz, s.ncols, 10));
    cr_assert(eq(sz, s.nrows, 5));
    cr_assert(epsilon_eq(dbl, s.xllcenter_deg, 10.05, 1e-12));
    cr_assert(eq(int, interf_grid_is_global(&s), 0));
}

Test(grid, spec_errors_name_the_value)
{
    static const char *const bad[] = {"-180/180/-80/80", "-180/180/-80/80/0", "0/1/0/1/0.3",
                                      "10/10/0/1/1", "0/1/-91/0/1", "-180/181/0/1/1",
                                      "0/1/0/1/x", "0/1/0/1/1/2"};
    struct interf_error err;
    struct interf_grid_spec s;
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        cr_assert(eq(int, interf_grid_spec_parse(bad[k], &s, &err), INTERF_EINPUT), "%s", bad[k]);
        cr_assert(strstr(err.msg, "grid:") != NULL, "%s: %s", bad[k], err.msg);
    }
}

/* ---------------------------------------------------------------------------------- read */

Test(grid, read_header_values_and_nodata)
{
    const char *text = "ncols 3\nNROWS 2\nxllcorner 10\nyllcorner 40\ncellsize 0.5\n"
                       "NODATA_value -9999\n1.5 -9999 3\n  4 5e1\t-6.25\n\n";
    struct interf_grid *g;
    struct interf_error err;
    cr_assert(eq(int, read_text(text, &g, &err), INTERF_OK), "%s", err.msg);
    /* Corner registration converted: the first centre is half a cell in, 10.25 E, 40.25 N. */
    cr_assert(epsilon_eq(dbl, g->spec.xllcenter_deg, 10.25, 1e-12));
    cr_assert(epsilon_eq(dbl, g->spec.yllcenter_deg, 40.25, 1e-12));
    cr_assert(epsilon_eq(dbl, g->values[0], 1.5, 0));
    cr_assert(isnan(g->values[1]), "NODATA is NaN in memory");
    cr_assert(epsilon_eq(dbl, g->values[4], 50, 0));
    cr_assert(epsilon_eq(dbl, g->values[5], -6.25, 0));
    double lo, hi;
    cr_assert(eq(sz, interf_grid_minmax(g, -INFINITY, &lo, &hi), 5));
    cr_assert(epsilon_eq(dbl, lo, -6.25, 0));
    cr_assert(epsilon_eq(dbl, hi, 50, 0));
    cr_assert(eq(sz, interf_grid_minmax(g, 2, &lo, &hi), 3), "values above 2: 3, 4, 50");
    interf_grid_destroy(g);
}

Test(grid, read_errors_name_file_and_line)
{
    static const struct {
        char text[160];
        char msg[96];
    } cases[] = {
        {"# made by hand\nncols 1\n", "t.asc:1: a comment line"},
        {"1 2\n", "t.asc:1: not an ESRI ASCII grid"},
        {"ncols 2\nnrows 1\nxllcenter 0\nyllcenter 0\ndx 1\n", "t.asc:5: dx: unknown header key"},
        {"ncols 2\nncols 2\n", "t.asc:2: ncols: given twice"},
        {"ncols 2.5\n", "t.asc:1: ncols 2.5: expected a whole number"},
        {"ncols 2\nnrows 1\nxllcenter 0\ncellsize 1\n5 6\n", "t.asc:5: header has no yllcenter"},
        {"ncols 3\nnrows 1\nxllcenter 0\nyllcenter 0\ncellsize 1\n1 2\n",
         "t.asc:6: row 1 has 2 values, expected 3"},
        {"ncols 2\nnrows 1\nxllcenter 0\nyllcenter 0\ncellsize 1\n1 2 3\n",
         "t.asc:6: row 1 has more than 2 values"},
        {"ncols 2\nnrows 2\nxllcenter 0\nyllcenter 0\ncellsize 1\n1 2\n3 nan\n",
         "t.asc:7: column 2: \"nan\": not a finite number"},
        {"ncols 2\nnrows 1\nxllcenter 0\nyllcenter 0\ncellsize 1\n1 inf\n",
         "t.asc:6: column 2: \"inf\""},
        {"ncols 2\nnrows 2\nxllcenter 0\nyllcenter 0\ncellsize 1\n1 2\n",
         "t.asc:6: end of file after 1 of 2 rows"},
        {"ncols 1\nnrows 1\nxllcenter 0\nyllcenter 0\ncellsize 1\n1\n2\n",
         "t.asc:7: data after the last of 1 rows"},
        {"ncols 1\nnrows 1\nxllcenter 0\nyllcenter 89.9\ncellsize 1\n1\n",
         "t.asc: rows span latitudes 89.4 to 90.4"},
        {"ncols 1\nnrows 1\nxllcenter 0\nyllcenter 0\ncellsize 0\n1\n", "t.asc: cellsize 0"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        struct interf_grid *g = (struct interf_grid *)1;
        struct interf_error err;
        cr_assert(eq(int, read_text(cases[k].text, &g, &err), INTERF_EINPUT), "case %zu", k);
        cr_assert(g == NULL, "case %zu: no grid on error", k);
        cr_assert(strncmp(err.msg, cases[k].msg, strlen(cases[k].msg)) == 0,
                  "case %zu: got \"%s\", want \"%s...\"", k, err.msg, cases[k].msg);
    }
}

Test(grid, size_limit_checked_before_allocation)
{
    /* 1e7 x 1e7 cells would need 800 TB: refused from the header alone (nothing follows it). */
    const char *text = "ncols 10000000\nnrows 10000000\nxllcenter 0\nyllcenter 0\n"
                       "cellsize 0.00001\nNODATA_value -9999\n1\n";
    struct interf_grid *g;
    struct interf_error err;
    cr_assert(eq(int, read_text(text, &g, &err), INTERF_EINPUT));
    cr_assert(strstr(err.msg, "more than the limit of 100000000") != NULL, "%s", err.msg);
}

/* --------------------------------------------------------------------------------- write */

Test(grid, write_golden_text_and_round_trip)
{
    /* 4 x 2 cells of 90 deg: the whole Earth, centres at -135, -45, 45, 135 E and -45, 45 N. */
    struct interf_grid_spec s = {4, 2, -135, -45, 90};
    struct interf_grid *g, *back;
    enum interf_status st;
    cr_assert(eq(int, interf_grid_create(&s, &g, NULL), INTERF_OK));
    const double v[8] = {-160.04, NAN, -300, 0.5, -1e-5, 12, 7, -7};
    memcpy(g->values, v, sizeof v);
    char *text = write_text(g, 2, &st);
    cr_assert(eq(int, st, INTERF_OK));
    /* GDAL's key order, header first; NaN as -9999; 2 decimals (-1e-5 prints as -0.00). */
    cr_assert(eq(str, text, "ncols        4\nnrows        2\nxllcenter    -135\n"
                            "yllcenter    -45\ncellsize     90\nNODATA_value -9999\n"
                            "-160.04 -9999 -300.00 0.50\n-0.00 12.00 7.00 -7.00\n"));
    struct interf_error err;
    cr_assert(eq(int, read_text(text, &back, &err), INTERF_OK), "%s", err.msg);
    cr_assert(isnan(back->values[1]));
    cr_assert(epsilon_eq(dbl, back->values[0], -160.04, 1e-12));
    cr_assert(epsilon_eq(dbl, back->spec.xllcenter_deg, -135, 0));
    free(text);
    interf_grid_destroy(back);
    interf_grid_destroy(g);
}

Test(grid, write_refuses_inf_and_the_nodata_value)
{
    struct interf_grid_spec s = {2, 1, 0.5, 0.5, 1};
    struct interf_grid *g;
    enum interf_status st;
    cr_assert(eq(int, interf_grid_create(&s, &g, NULL), INTERF_OK));
    g->values[0] = 1;
    g->values[1] = -INFINITY;
    free(write_text(g, 4, &st));
    cr_assert(eq(int, st, INTERF_EINPUT));
    /* -9999.00001 prints as -9999.0000 at 4 decimals: it would read back as NODATA. */
    g->values[1] = -9999.00001;
    free(write_text(g, 4, &st));
    cr_assert(eq(int, st, INTERF_EINPUT));
    interf_grid_destroy(g);
}

/* ------------------------------------------------------------------------------ sidecars */

Test(grid, sidecar_names_as_gdal_looks_for_them)
{
    char prj[64], aux[64];
    cr_assert(eq(int, interf_grid_sidecar_paths("out/epfd.asc", prj, aux, 64, NULL), INTERF_OK));
    cr_assert(eq(str, prj, "out/epfd.prj"));
    cr_assert(eq(str, aux, "out/epfd.asc.aux.xml"));
    interf_grid_sidecar_paths("a.b/grid", prj, aux, 64, NULL);
    cr_assert(eq(str, prj, "a.b/grid.prj"), "a dot in a folder name is not an extension");
    interf_grid_sidecar_paths(".hidden", prj, aux, 64, NULL);
    cr_assert(eq(str, prj, ".hidden.prj"));
    cr_assert(eq(int, interf_grid_sidecar_paths("x.asc", prj, aux, 8, NULL), INTERF_EINPUT));
}

Test(grid, save_writes_three_files_and_reads_them_back)
{
    char dir[256], path[300], prj[300], aux[300];
    struct interf_grid_spec s = {2, 2, 10.5, 44.5, 1};
    struct interf_grid *g;
    struct interf_grid_meta meta, back;
    struct interf_error err;
    tmp_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/epfd.asc", dir);
    cr_assert(eq(int, interf_grid_create(&s, &g, NULL), INTERF_OK));
    for (int k = 0; k < 4; k++)
        g->values[k] = -160 - k;
    interf_grid_meta_init(&meta);
    snprintf(meta.unit, sizeof meta.unit, "dB(W/m2/40kHz)");
    cr_assert(eq(int, interf_grid_meta_set(&meta, "quantity", "epfd_dbw_m2_40khz", &err),
                 INTERF_OK));
    cr_assert(eq(int, interf_grid_meta_set(&meta, "command",
                                           "interf-epfd --title 'a & b' <x> \"q\"", &err),
                 INTERF_OK));
    cr_assert(eq(int, interf_grid_meta_set(&meta, "earth_model", "sphere \xC2\xB5", &err),
                 INTERF_OK));
    struct interf_outset *set;
    cr_assert(eq(int, interf_outset_create(&set, NULL), INTERF_OK));
    cr_assert(eq(int, interf_grid_save(set, path, g, &meta, 3, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(int, interf_outset_commit(set, &err), INTERF_OK), "%s", err.msg);
    interf_outset_destroy(set);
    cr_assert(eq(int, count_entries(dir), 3), "the grid and two sidecars, no temporary files");
    snprintf(prj, sizeof prj, "%s/epfd.prj", dir);
    snprintf(aux, sizeof aux, "%s/epfd.asc.aux.xml", dir);
    char *p = slurp(prj), *a = slurp(aux);
    /* PROJ 9.1's WKT1_ESRI for EPSG:4326, as an ArcGIS .prj holds it. */
    cr_assert(strncmp(p, "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\"", 40) == 0, "%s", p);
    cr_assert(strstr(a, "<UnitType>dB(W/m2/40kHz)</UnitType>") != NULL, "%s", a);
    cr_assert(strstr(a, "<MDI key=\"command\">interf-epfd --title &apos;a &amp; b&apos; &lt;x&gt; "
                        "&quot;q&quot;</MDI>") != NULL, "%s", a);
    cr_assert(eq(int, interf_grid_read_sidecars(path, &back, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(str, back.unit, "dB(W/m2/40kHz)"));
    cr_assert(eq(str, (char *)interf_grid_meta_get(&back, "command"),
                 "interf-epfd --title 'a & b' <x> \"q\""));
    cr_assert(eq(str, (char *)interf_grid_meta_get(&back, "earth_model"), "sphere \xC2\xB5"));
    cr_assert(eq(str, (char *)interf_grid_meta_get(&back, "quantity"), "epfd_dbw_m2_40khz"));
    free(p);
    free(a);
    interf_grid_destroy(g);
    rm_dir(dir);
}

Test(grid, failed_save_leaves_nothing_and_keeps_the_old_file)
{
    char dir[256], path[300];
    struct interf_grid_spec s = {2, 1, 0.5, 0.5, 1};
    struct interf_grid *g;
    struct interf_error err;
    tmp_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/old.asc", dir);
    FILE *fp = fopen(path, "w");
    fputs("old\n", fp);
    fclose(fp);
    cr_assert(eq(int, interf_grid_create(&s, &g, NULL), INTERF_OK));
    g->values[0] = 1;
    g->values[1] = INFINITY;
    struct interf_outset *set;
    cr_assert(eq(int, interf_outset_create(&set, NULL), INTERF_OK));
    cr_assert(eq(int, interf_grid_save(set, path, g, NULL, 2, &err), INTERF_EINPUT));
    cr_assert(strstr(err.msg, "old.asc: grid row 1, column 2") != NULL, "%s", err.msg);
    interf_outset_destroy(set); /* a failed run: the set's temporary files go with it */
    cr_assert(eq(int, count_entries(dir), 1), "temporaries removed, no sidecar written");
    char *text = slurp(path);
    cr_assert(eq(str, text, "old\n"));
    free(text);
    interf_grid_destroy(g);
    rm_dir(dir);
}

Test(grid, sidecars_absent_or_wrong)
{
    char path[512];
    struct interf_grid_meta m;
    struct interf_error err;
    const char *data = getenv("INTERF_TEST_DATA");
    cr_assert(data != NULL);
    /* No sidecars: fine, nothing known. */
    snprintf(path, sizeof path, "%s/grids/one-cell.asc", data);
    cr_assert(eq(int, interf_grid_read_sidecars(path, &m, &err), INTERF_OK));
    cr_assert(eq(sz, m.n, 0));
    cr_assert(eq(str, m.unit, ""));
    /* A hand-written PAM file with the unit and the statistic. */
    snprintf(path, sizeof path, "%s/grids/beam.asc", data);
    cr_assert(eq(int, interf_grid_read_sidecars(path, &m, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(str, m.unit, "dB(W/m2/40kHz)"));
    cr_assert(eq(str, (char *)interf_grid_meta_get(&m, "statistic"), "max"));
    /* UTM zone 32N is not latitude/longitude. */
    snprintf(path, sizeof path, "%s/grids/projected.asc", data);
    cr_assert(eq(int, interf_grid_read_sidecars(path, &m, &err), INTERF_EINPUT));
    cr_assert(strstr(err.msg, "projected.prj: the CRS \"WGS 84 / UTM zone 32N\" is not "
                              "geographic") != NULL, "%s", err.msg);
}

Test(grid, meta_keys_are_names)
{
    struct interf_grid_meta m;
    interf_grid_meta_init(&m);
    cr_assert(eq(int, interf_grid_meta_set(&m, "two words", "x", NULL), INTERF_EINPUT));
    cr_assert(eq(int, interf_grid_meta_set(&m, "tool", "a", NULL), INTERF_OK));
    cr_assert(eq(int, interf_grid_meta_set(&m, "tool", "b", NULL), INTERF_OK));
    cr_assert(eq(sz, m.n, 1), "a key set twice is replaced");
    cr_assert(eq(str, (char *)interf_grid_meta_get(&m, "tool"), "b"));
    char key[16];
    for (int k = 1; k < INTERF_GRID_META_MAX; k++) {
        snprintf(key, sizeof key, "k%d", k);
        cr_assert(eq(int, interf_grid_meta_set(&m, key, "v", NULL), INTERF_OK));
    }
    cr_assert(eq(int, interf_grid_meta_set(&m, "one_more", "v", NULL), INTERF_EINPUT));
}

/* A region as --grid options give it: an east edge below the west edge crosses the
 * antimeridian (170/-170 is 170 to 190), and no limit is checked yet (a 0.001 deg global grid
 * parses). */
Test(grid, region_parse)
{
    double r[5];
    struct interf_error err;
    cr_assert(eq(int, interf_grid_region_parse("170/-170/-8/8/0.05", r, &err), INTERF_OK));
    cr_assert(eq(dbl, r[0], 170));
    cr_assert(eq(dbl, r[1], 190));
    cr_assert(eq(dbl, r[4], 0.05));
    cr_assert(eq(int, interf_grid_region_parse("-180/180/-90/90/0.001", r, &err), INTERF_OK));
    cr_assert(eq(int, interf_grid_region_parse("0/10/0/10", r, &err), INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "grid: expected W/E/S/N/CELL in degrees, got \"0/10/0/10\""));
}
