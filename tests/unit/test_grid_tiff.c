/* SPDX-License-Identifier: MIT */
/* Tests of GeoTIFF grids: round trips of every kind of grid the tools write (bit-exact in
 * float32), our files as GDAL reads them (gdalinfo -json -stats, an independent reader),
 * GDAL-written files (gdal_translate, gdalwarp) read back, and bad files refused with one clean
 * message. gdal-bin is installed by setup.sh: without it these tests fail, they never skip. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <dirent.h>
#include <fnmatch.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "interf/grid.h"

/* ------------------------------------------------------------------------------ helpers */

struct scratch {
    char dir[4096];
};

static void scratch_init(struct scratch *s)
{
    snprintf(s->dir, sizeof s->dir, "%s/interf-tiff-XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    cr_assert(mkdtemp(s->dir) != NULL);
}

/* dir/name into buf. */
static char *in_dir(const struct scratch *s, const char *name, char *buf, size_t n)
{
    snprintf(buf, n, "%s/%s", s->dir, name);
    return buf;
}

static void scratch_free(struct scratch *s)
{
    DIR *d = opendir(s->dir);
    char path[4400];
    for (struct dirent *e = d ? readdir(d) : NULL; e; e = readdir(d))
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            unlink(in_dir(s, e->d_name, path, sizeof path));
    if (d)
        closedir(d);
    rmdir(s->dir);
}

static void write_file(const char *path, const void *data, size_t n)
{
    FILE *fp = fopen(path, "wb");
    cr_assert(fp != NULL);
    cr_assert(eq(sz, fwrite(data, 1, n, fp), n));
    cr_assert(eq(int, fclose(fp), 0));
}

/* The whole output of a shell command, which must exit 0. Newly allocated. */
static char *run(const char *cmd)
{
    FILE *p = popen(cmd, "r");
    cr_assert(p != NULL, "popen %s", cmd);
    size_t cap = 1 << 16, n = 0;
    char *out = malloc(cap);
    for (size_t got; (got = fread(out + n, 1, cap - 1 - n, p)) > 0;) {
        n += got;
        if (n == cap - 1)
            out = realloc(out, cap *= 2);
    }
    out[n] = '\0';
    int status = pclose(p);
    cr_assert(eq(int, status, 0), "%s: exit status %d (gdal-bin is installed by setup.sh)\n%s",
              cmd, status, out);
    return out;
}

static struct interf_grid *make_grid(double w, double e, double s, double n, double cell,
                                     double (*value)(size_t row, size_t col))
{
    struct interf_grid_spec spec;
    struct interf_grid *g;
    struct interf_error err;
    cr_assert(eq(int, interf_grid_spec_init(w, e, s, n, cell, &spec, &err), INTERF_OK));
    cr_assert(eq(int, interf_grid_create(&spec, &g, &err), INTERF_OK));
    for (size_t r = 0; r < spec.nrows; r++)
        for (size_t c = 0; c < spec.ncols; c++)
            g->values[r * spec.ncols + c] = value(r, c);
    return g;
}

/* EPFD in dB: NaN (not computed) and -300 (the no-interference floor, a value) cells among
 * values that float32 must round (-169.87654321...). */
static double db_value(size_t r, size_t c)
{
    size_t k = r * 1000 + c;
    return k % 7 == 0 ? NAN : k % 11 == 0 ? -300 : -170 + 0.1 * (double)(k % 300) + 0.0123456789;
}

static double pct_value(size_t r, size_t c)
{
    return 100.0 * (double)((r * 31 + c * 17) % 1000) / 999.0;
}
static double count_value(size_t r, size_t c) { return (r + c) % 3 == 0; }
static double antimeridian_value(size_t r, size_t c) { return -150 - 0.01 * (double)c - (double)r; }
static double one_value(size_t r, size_t c) { return -150.55 + (double)(r + c); }

static void meta_epfd(struct interf_grid_meta *m)
{
    struct interf_error err;
    interf_grid_meta_init(m);
    snprintf(m->unit, sizeof m->unit, "dB(W/m2/40kHz)");
    cr_assert(eq(int, interf_grid_meta_set(m, "quantity", "epfd_dbw_m2_40khz", &err), 0));
    cr_assert(eq(int, interf_grid_meta_set(m, "statistic", "p99.999", &err), 0));
    cr_assert(eq(int, interf_grid_meta_set(m, "tool", "interf-epfd", &err), 0));
    /* markup characters, which GDAL's metadata tag escapes twice */
    cr_assert(eq(int, interf_grid_meta_set(m, "command", "interf-epfd -s \"a&b<c>.ini\" "
                                           "--title 'x'", &err), 0));
}

static void assert_same_meta(const struct interf_grid_meta *got,
                             const struct interf_grid_meta *want)
{
    cr_assert(eq(str, (char *)got->unit, (char *)want->unit));
    cr_assert(eq(sz, got->n, want->n));
    for (size_t k = 0; k < want->n; k++) {
        const char *v = interf_grid_meta_get(got, want->items[k].key);
        cr_assert(v != NULL, "item %s lost", want->items[k].key);
        cr_assert(eq(str, (char *)v, (char *)want->items[k].value));
    }
}

/* got holds want's cells as float32 (IEEE 754 round to nearest, the C conversion) and NaN
 * where want has NaN; the geometry to 1e-12 deg (the tie point is computed from the centres). */
static void assert_same_grid_f32(const struct interf_grid *got, const struct interf_grid *want)
{
    cr_assert(eq(sz, got->spec.ncols, want->spec.ncols));
    cr_assert(eq(sz, got->spec.nrows, want->spec.nrows));
    cr_assert(epsilon_eq(dbl, got->spec.xllcenter_deg, want->spec.xllcenter_deg, 1e-12));
    cr_assert(epsilon_eq(dbl, got->spec.yllcenter_deg, want->spec.yllcenter_deg, 1e-12));
    cr_assert(epsilon_eq(dbl, got->spec.cell_deg, want->spec.cell_deg, 1e-15));
    size_t n = want->spec.ncols * want->spec.nrows;
    for (size_t k = 0; k < n; k++) {
        double a = got->values[k], b = want->values[k];
        if (isnan(b))
            cr_assert(isnan(a), "cell %zu: %.9g, expected NaN", k, a);
        else
            cr_assert(a == (double)(float)b, "cell %zu: %.9g, expected %.9g", k, a,
                      (double)(float)b);
    }
}

static void round_trip(struct interf_grid *g, const struct interf_grid_meta *meta)
{
    struct scratch s;
    struct interf_error err;
    struct interf_grid *back;
    struct interf_grid_meta got;
    char path[4400];
    scratch_init(&s);
    in_dir(&s, "g.tif", path, sizeof path);
    cr_assert(eq(int, interf_grid_write_tiff(path, g, meta, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(int, interf_grid_read_tiff(path, &back, &got, &err), INTERF_OK), "%s", err.msg);
    assert_same_grid_f32(back, g);
    if (meta)
        assert_same_meta(&got, meta);
    else
        cr_assert(got.n == 0 && got.unit[0] == '\0');
    interf_grid_destroy(back);
    interf_grid_destroy(g);
    scratch_free(&s);
}

/* ---------------------------------------------------------------------------- round trips */

Test(grid_tiff, round_trip_db_grid_with_nodata_and_floor)
{
    struct interf_grid_meta m;
    meta_epfd(&m);
    /* 720 x 360 cells: 3 x 2 tiles of 256, the last ones partial */
    round_trip(make_grid(-180, 180, -90, 90, 0.5, db_value), &m);
}

Test(grid_tiff, round_trip_pct_grid)
{
    struct interf_grid_meta m;
    struct interf_error err;
    interf_grid_meta_init(&m);
    snprintf(m.unit, sizeof m.unit, "%%");
    cr_assert(eq(int, interf_grid_meta_set(&m, "quantity", "pct_time_exceeded", &err), 0));
    round_trip(make_grid(-180, 180, -80, 80, 2, pct_value), &m);
}

Test(grid_tiff, round_trip_count_grid_without_meta)
{
    round_trip(make_grid(-30.5, 44.5, -12.25, 60.75, 0.25, count_value), NULL);
}

Test(grid_tiff, round_trip_across_the_antimeridian)
{
    /* west edge 170, east edge 190: column centres 170.125 ... 189.875 */
    round_trip(make_grid(170, 190, -10, 10, 0.25, antimeridian_value), NULL);
}

Test(grid_tiff, round_trip_one_cell)
{
    struct interf_grid_meta m;
    meta_epfd(&m);
    round_trip(make_grid(5, 6, 7, 8, 1, one_value), &m);
}

/* --------------------------------------------------------------- our files as GDAL reads them */

/* The number after "key": in gdalinfo's JSON (the index-th of an array; a quoted number as
 * GDAL's STATISTICS_* items are is read too). */
static double json_number(const char *json, const char *key, int index)
{
    char pat[96];
    snprintf(pat, sizeof pat, "\"%s\":", key);
    const char *p = strstr(json, pat);
    cr_assert(p != NULL, "gdalinfo -json has no %s", key);
    p += strlen(pat);
    for (int i = 0;; i++) {
        p += strspn(p, " \n[\"");
        char *end;
        double v = strtod(p, &end);
        cr_assert(end != p, "gdalinfo -json: %s: no number", key);
        if (i == index)
            return v;
        p = end + strspn(end, " \n,");
    }
}

static void assert_json_has(const char *json, const char *text)
{
    cr_assert(strstr(json, text) != NULL, "gdalinfo -json lacks %s", text);
}

Test(grid_tiff, gdalinfo_reads_crs_geometry_nodata_unit_metadata_and_statistics)
{
    struct scratch s;
    struct interf_error err;
    struct interf_grid_meta m;
    char path[4400], cmd[4600];
    scratch_init(&s);
    meta_epfd(&m);
    /* 505 x 555 cells of 0.1 deg (2 x 3 tiles): edges that are not binary fractions */
    struct interf_grid *g = make_grid(-20.3, 30.2, -35.1, 20.4, 0.1, db_value);
    in_dir(&s, "g.tif", path, sizeof path);
    cr_assert(eq(int, interf_grid_write_tiff(path, g, &m, &err), INTERF_OK), "%s", err.msg);
    snprintf(cmd, sizeof cmd, "gdalinfo -json -stats '%s'", path);
    char *json = run(cmd);

    cr_assert(eq(dbl, json_number(json, "proj:epsg", 0), 4326));
    /* GDAL's geotransform: the outer north-west corner and the cell size (interf_grid_bounds:
     * centres minus half a cell), north-up */
    double b[4], want[6];
    interf_grid_bounds(&g->spec, b);
    memcpy(want, (double[6]){b[0], 0.1, 0, b[3], 0, -0.1}, sizeof want);
    for (int k = 0; k < 6; k++)
        cr_assert(epsilon_eq(dbl, json_number(json, "geoTransform", k), want[k], 1e-12),
                  "geoTransform[%d]", k);
    cr_assert(eq(dbl, json_number(json, "size", 0), 505));
    cr_assert(eq(dbl, json_number(json, "size", 1), 555));
    assert_json_has(json, "\"AREA_OR_POINT\":\"Area\"");
    cr_assert(eq(dbl, json_number(json, "noDataValue", 0), -9999));
    assert_json_has(json, "\"unit\":\"dB(W/m2/40kHz)\"");
    assert_json_has(json, "\"description\":\"epfd_dbw_m2_40khz\"");
    assert_json_has(json, "\"quantity\":\"epfd_dbw_m2_40khz\"");
    assert_json_has(json, "\"statistic\":\"p99.999\"");
    assert_json_has(json, "\"tool\":\"interf-epfd\"");
    assert_json_has(json, "\"command\":\"interf-epfd -s \\\"a&b<c>.ini\\\" --title 'x'\"");
    cr_assert(eq(dbl, json_number(json, "block", 0), 256));
    cr_assert(eq(dbl, json_number(json, "block", 1), 256));
    assert_json_has(json, "\"type\":\"Float32\"");
    assert_json_has(json, "\"COMPRESSION\":\"DEFLATE\"");

    /* Statistics over the data cells (the -300 floor included, NODATA excluded), computed here
     * from the float32 values; GDAL prints them with 14 significant digits, the valid percent
     * with 2 decimals. */
    double lo = INFINITY, hi = -INFINITY, sum = 0;
    size_t n = g->spec.ncols * g->spec.nrows, valid = 0;
    for (size_t k = 0; k < n; k++)
        if (!isnan(g->values[k])) {
            double v = (float)g->values[k];
            lo = fmin(lo, v);
            hi = fmax(hi, v);
            sum += v;
            valid++;
        }
    cr_assert(eq(dbl, lo, -300));
    cr_assert(epsilon_eq(dbl, json_number(json, "STATISTICS_MINIMUM", 0), lo, 1e-9));
    cr_assert(epsilon_eq(dbl, json_number(json, "STATISTICS_MAXIMUM", 0), hi, 1e-9));
    cr_assert(epsilon_eq(dbl, json_number(json, "STATISTICS_MEAN", 0), sum / (double)valid,
                         1e-9));
    cr_assert(epsilon_eq(dbl, json_number(json, "STATISTICS_VALID_PERCENT", 0),
                         100.0 * (double)valid / (double)n, 0.005 + 1e-9));
    free(json);
    interf_grid_destroy(g);
    scratch_free(&s);
}

/* -------------------------------------------------------------- GDAL-written files read back */

/* An ESRI ASCII grid with sidecars (interf_grid_save), its values as our ASCII reader gives
 * them: the reference the GDAL conversions are compared with. */
static const char asc_text[] = "ncols 5\nnrows 3\nxllcorner -10\nyllcorner 20\ncellsize 0.25\n"
                               "NODATA_value -9999\n"
                               "-150.5 -9999 -300 -160.25 -170.1\n"
                               "1 2 3 4 5\n"
                               "-9999 -9999 5.125 -7 0.3\n";
static const char asc_int_text[] = "ncols 5\nnrows 3\nxllcorner -10\nyllcorner 20\n"
                                   "cellsize 0.25\nNODATA_value -9999\n"
                                   "-150 -9999 -300 -160 -170\n"
                                   "1 2 3 4 5\n"
                                   "-9999 -9999 5 -7 0\n";

static struct interf_grid *save_asc(const struct scratch *s, const char *name, const char *text,
                                    const struct interf_grid_meta *m)
{
    struct interf_grid *g;
    struct interf_error err;
    char path[4400];
    FILE *fp = fmemopen((void *)(uintptr_t)text, strlen(text), "r");
    cr_assert(eq(int, interf_grid_read_asc(fp, "asc_text", &g, &err), INTERF_OK), "%s", err.msg);
    fclose(fp);
    struct interf_outset *set;
    cr_assert(eq(int, interf_outset_create(&set, NULL), INTERF_OK));
    cr_assert(eq(int, interf_grid_save(set, in_dir(s, name, path, sizeof path), g, m, 4, &err),
                 INTERF_OK), "%s", err.msg);
    cr_assert(eq(int, interf_outset_commit(set, &err), INTERF_OK), "%s", err.msg);
    interf_outset_destroy(set);
    return g;
}

/* gdal_translate or gdalwarp ARGS from dir/in to dir/out, then interf_grid_read_tiff. */
static struct interf_grid *gdal_then_read(const struct scratch *s, const char *tool,
                                          const char *args, const char *in, const char *out,
                                          struct interf_grid_meta *m)
{
    char cmd[9000], a[4400], b[4400];
    struct interf_grid *g;
    struct interf_error err;
    snprintf(cmd, sizeof cmd, "%s -q %s '%s' '%s' 2>&1", tool, args,
             in_dir(s, in, a, sizeof a), in_dir(s, out, b, sizeof b));
    free(run(cmd));
    cr_assert(eq(int, interf_grid_read_tiff(b, &g, m, &err), INTERF_OK), "%s: %s", cmd, err.msg);
    return g;
}

Test(grid_tiff, gdal_written_float32_float64_int16_read_back)
{
    struct scratch s;
    struct interf_grid_meta m, got;
    scratch_init(&s);
    meta_epfd(&m);
    struct interf_grid *ref = save_asc(&s, "in.asc", asc_text, &m);
    struct interf_grid *ref_int = save_asc(&s, "int.asc", asc_int_text, NULL);

    /* float32 in strips (GDAL's default layout): GDAL carries the unit and the dataset
     * metadata of the .aux.xml into its GDAL_METADATA tag */
    struct interf_grid *g = gdal_then_read(&s, "gdal_translate", "-ot Float32", "in.asc",
                                           "f32.tif", &got);
    assert_same_grid_f32(g, ref);
    assert_same_meta(&got, &m);
    interf_grid_destroy(g);

    /* float64 (GDAL's ASCII grid reader is float32 unless asked), tiled, LZW: exact */
    g = gdal_then_read(&s, "gdal_translate",
                       "-oo DATATYPE=Float64 -ot Float64 -co TILED=YES -co COMPRESS=LZW",
                       "in.asc", "f64.tif", NULL);
    for (size_t k = 0; k < 15; k++)
        cr_assert(isnan(ref->values[k]) ? isnan(g->values[k]) : g->values[k] == ref->values[k],
                  "cell %zu", k);
    interf_grid_destroy(g);

    /* int16 with NODATA -9999 */
    g = gdal_then_read(&s, "gdal_translate", "-ot Int16 -co COMPRESS=DEFLATE", "int.asc",
                       "i16.tif", NULL);
    assert_same_grid_f32(g, ref_int);
    interf_grid_destroy(g);

    /* PixelIsPoint: GDAL ties the centre of the first cell; the same grid comes back */
    g = gdal_then_read(&s, "gdal_translate", "-mo AREA_OR_POINT=Point", "f32.tif", "pt.tif",
                       NULL);
    assert_same_grid_f32(g, ref);
    interf_grid_destroy(g);

    /* NODATA declared as nan (gdalwarp writes the NODATA cells as NaN) */
    g = gdal_then_read(&s, "gdalwarp", "-ot Float32 -dstnodata nan", "f32.tif", "nan.tif",
                       &got);
    assert_same_grid_f32(g, ref);
    interf_grid_destroy(g);

    interf_grid_destroy(ref);
    interf_grid_destroy(ref_int);
    scratch_free(&s);
}

/* ------------------------------------------------------------------------------- bad files */

/* interf_grid_read_tiff of path fails with status and a message, one line, matching the
 * fnmatch(3) pattern path + ": " + want; nothing is returned. */
static void expect_read_error(const char *path, enum interf_status status, const char *want)
{
    struct interf_grid *g = (struct interf_grid *)1;
    struct interf_grid_meta m;
    struct interf_error err;
    char full[4600];
    snprintf(full, sizeof full, "%s: %s", path, want);
    cr_assert(eq(int, interf_grid_read_tiff(path, &g, &m, &err), status), "%s", err.msg);
    cr_assert(g == NULL);
    cr_assert(m.n == 0 && m.unit[0] == '\0');
    cr_assert(fnmatch(full, err.msg, 0) == 0, "got \"%s\", want \"%s\"", err.msg, full);
    cr_assert(strchr(err.msg, '\n') == NULL);
}

Test(grid_tiff, truncated_and_not_tiff_files_are_refused)
{
    struct scratch s;
    struct interf_error err;
    char path[4400], cut[4400], cmd[9000];
    scratch_init(&s);
    struct interf_grid *g = make_grid(-180, 180, -90, 90, 0.5, db_value);
    in_dir(&s, "g.tif", path, sizeof path);
    cr_assert(eq(int, interf_grid_write_tiff(path, g, NULL, &err), INTERF_OK), "%s", err.msg);
    FILE *fp = fopen(path, "rb");
    cr_assert(fp != NULL);
    static unsigned char bytes[1 << 21];
    size_t n = fread(bytes, 1, sizeof bytes, fp);
    fclose(fp);
    cr_assert(n > 1000 && n < sizeof bytes);

    /* libtiff writes the directory after the tiles: half the file has none (libtiff's
     * message follows ours) */
    write_file(in_dir(&s, "half.tif", cut, sizeof cut), bytes, n / 2);
    expect_read_error(cut, INTERF_EINPUT, "not a readable TIFF file: *");
    /* a tile's DEFLATE stream overwritten: here it still inflates, to samples that are NaN
     * where no NODATA is (whichever gives the damage away, one clean message) */
    memset(bytes + n / 3, 0x55, 256);
    write_file(in_dir(&s, "garbled.tif", cut, sizeof cut), bytes, n);
    expect_read_error(cut, INTERF_EINPUT, "row *, column *: a NaN sample that is not the "
                      "GDAL_NODATA value");
    /* GDAL writes the directory first: cut in half, the tiles of the second half are gone */
    snprintf(cmd, sizeof cmd, "gdal_translate -q -co TILED=YES -co COMPRESS=DEFLATE '%s' '%s'",
             path, in_dir(&s, "gdal.tif", cut, sizeof cut));
    free(run(cmd));
    fp = fopen(cut, "rb");
    cr_assert(fp != NULL);
    n = fread(bytes, 1, sizeof bytes, fp);
    fclose(fp);
    write_file(in_dir(&s, "gdalhalf.tif", cut, sizeof cut), bytes, n / 2);
    expect_read_error(cut, INTERF_EINPUT, "tile at row *, column *: damaged or truncated "
                      "image data");
    /* the header only: the directory it points to is gone */
    write_file(in_dir(&s, "head.tif", cut, sizeof cut), bytes, 16);
    expect_read_error(cut, INTERF_EINPUT, "not a readable TIFF file: *");
    /* an ESRI ASCII grid named .tif, and an empty file */
    write_file(in_dir(&s, "asc.tif", cut, sizeof cut), asc_text, sizeof asc_text - 1);
    expect_read_error(cut, INTERF_EINPUT, "not a TIFF file");
    write_file(in_dir(&s, "empty.tif", cut, sizeof cut), "", 0);
    expect_read_error(cut, INTERF_EINPUT, "not a TIFF file");
    expect_read_error(in_dir(&s, "missing.tif", cut, sizeof cut), INTERF_EIO,
                      "No such file or directory");
    interf_grid_destroy(g);
    scratch_free(&s);
}

/* A file made by a GDAL command (output dir/name), then the error expected from reading it. */
static void gdal_made(const struct scratch *s, const char *cmd_fmt, const char *name,
                      const char *want)
{
    char path[4400], cmd[9000];
    in_dir(s, name, path, sizeof path);
    snprintf(cmd, sizeof cmd, cmd_fmt, path);
    free(run(cmd));
    expect_read_error(path, INTERF_EINPUT, want);
}

Test(grid_tiff, tiffs_that_are_not_our_grids_are_refused_naming_the_field)
{
    struct scratch s;
    char in[4400], cmd[9000];
    scratch_init(&s);
    gdal_made(&s, "gdal_create -q -of GTiff -outsize 8 8 -bands 3 -ot Byte -co PHOTOMETRIC=RGB "
              "-a_srs EPSG:4326 -a_ullr 0 8 8 0 '%s'", "rgb.tif",
              "SamplesPerPixel: 3 bands; interf reads single-band grids");
    gdal_made(&s, "gdal_create -q -of GTiff -outsize 8 8 -ot Byte -a_srs EPSG:4326 "
              "-a_ullr 0 8 8 0 '%s'", "byte.tif",
              "SampleFormat/BitsPerSample: unsigned integer 8-bit samples; interf reads "
              "float32, float64 and int16");
    gdal_made(&s, "gdal_create -q -of GTiff -outsize 8 8 -ot Float32 '%s'", "plain.tif",
              "GTModelTypeGeoKey: missing: not a georeferenced GeoTIFF");
    gdal_made(&s, "gdal_create -q -of GTiff -outsize 8 8 -ot Float32 -a_srs EPSG:3857 "
              "-a_ullr 0 800 800 0 '%s'", "merc.tif",
              "GTModelTypeGeoKey: 1: not geographic (latitude/longitude); interf grids are");
    gdal_made(&s, "gdal_create -q -of GTiff -outsize 8 8 -ot Float32 -a_srs EPSG:4269 "
              "-a_ullr 0 8 8 0 '%s'", "nad83.tif",
              "GeographicTypeGeoKey: 4269: interf reads EPSG:4326 (WGS 84) grids");
    gdal_made(&s, "gdal_create -q -of GTiff -outsize 8 8 -ot Float32 -a_srs EPSG:4326 "
              "-a_ullr 0 0 8 8 '%s'", "southup.tif",
              "ModelPixelScaleTag: missing (a ModelTransformationTag is not supported)");
    /* 10 x 5 cells over 1 x 1 deg: 0.1 deg wide, 0.2 deg high */
    static const char ns[] = "ncols 10\nnrows 5\nxllcorner 0\nyllcorner 0\ncellsize 1\n"
                             "0 0 0 0 0 0 0 0 0 0\n0 0 0 0 0 0 0 0 0 0\n0 0 0 0 0 0 0 0 0 0\n"
                             "0 0 0 0 0 0 0 0 0 0\n0 0 0 0 0 0 0 0 0 0\n";
    write_file(in_dir(&s, "ns.asc", in, sizeof in), ns, sizeof ns - 1);
    snprintf(cmd, sizeof cmd, "gdal_translate -q -ot Float32 -a_srs EPSG:4326 -a_ullr 0 1 1 0 "
             "'%s' '%%s'", in);
    gdal_made(&s, cmd, "ns.tif", "ModelPixelScaleTag: cells not square (0.1 x 0.2 deg)");
    scratch_free(&s);
}

Test(grid_tiff, nan_sample_without_nan_nodata_is_refused)
{
    struct scratch s;
    char in[4400], cmd[9000];
    scratch_init(&s);
    interf_grid_destroy(save_asc(&s, "in.asc", asc_text, NULL));
    interf_grid_destroy(gdal_then_read(&s, "gdalwarp", "-ot Float32 -dstnodata nan", "in.asc",
                                       "nan.tif", NULL));
    /* the same file without its GDAL_NODATA tag: the NaN of row 1, column 2 is not NODATA */
    snprintf(cmd, sizeof cmd, "gdal_translate -q -a_nodata none '%s' '%%s'",
             in_dir(&s, "nan.tif", in, sizeof in));
    gdal_made(&s, cmd, "nonan.tif",
              "row 1, column 2: a NaN sample that is not the GDAL_NODATA value");
    scratch_free(&s);
}

/* ----------------------------------------------------------------------------- writing */

Test(grid_tiff, write_refuses_values_float32_cannot_hold_before_creating_the_file)
{
    static const double bad[] = {INFINITY, -9999.0, -9999.0001, 1e39};
    struct scratch s;
    struct interf_error err;
    char path[4400], want[4600];
    scratch_init(&s);
    in_dir(&s, "g.tif", path, sizeof path);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct interf_grid *g = make_grid(0, 3, 0, 2, 1, count_value);
        g->values[4] = bad[i]; /* row 2, column 2 */
        cr_assert(eq(int, interf_grid_write_tiff(path, g, NULL, &err), INTERF_EINPUT));
        snprintf(want, sizeof want, "%s: grid row 2, column 2: value ", path);
        cr_assert(strncmp(err.msg, want, strlen(want)) == 0, "%s", err.msg);
        cr_assert(access(path, F_OK) != 0, "file created for value %g", bad[i]);
        interf_grid_destroy(g);
    }
    struct interf_grid *g = make_grid(0, 3, 0, 2, 1, count_value);
    in_dir(&s, "no/such/dir/g.tif", path, sizeof path);
    cr_assert(eq(int, interf_grid_write_tiff(path, g, NULL, &err), INTERF_EIO));
    cr_assert(strncmp(err.msg, path, strlen(path)) == 0, "%s", err.msg);
    /* a device that refuses every write (ENOSPC): libtiff writes the header on opening */
    cr_assert(eq(int, interf_grid_write_tiff("/dev/full", g, NULL, &err), INTERF_EIO));
    cr_assert(fnmatch("/dev/full: cannot open for writing: *", err.msg, 0) == 0, "%s", err.msg);
    interf_grid_destroy(g);
    scratch_free(&s);
}

/* ----------------------------------------------------------------------------- names */

Test(grid_tiff, tiff_by_extension_and_by_magic_bytes)
{
    cr_assert(eq(int, interf_grid_is_tiff_path("epfd.tif"), 1));
    cr_assert(eq(int, interf_grid_is_tiff_path("dir/EPFD.TIFF"), 1));
    cr_assert(eq(int, interf_grid_is_tiff_path("a.b/c.Tif"), 1));
    cr_assert(eq(int, interf_grid_is_tiff_path("epfd.asc"), 0));
    cr_assert(eq(int, interf_grid_is_tiff_path("epfd.tif.aux.xml"), 0));
    cr_assert(eq(int, interf_grid_is_tiff_path("dir.tif/epfd"), 0));
    cr_assert(eq(int, interf_grid_is_tiff_path("dir/.tif"), 0));
    cr_assert(eq(int, interf_grid_is_tiff_path("tif"), 0));
    /* TIFF 6.0 §2 header: byte order, then 42 in that order; BigTIFF has 43 */
    cr_assert(eq(int, interf_grid_is_tiff_magic("II*\0", 4), 1));
    cr_assert(eq(int, interf_grid_is_tiff_magic("MM\0*", 4), 1));
    cr_assert(eq(int, interf_grid_is_tiff_magic("II+\0\x08\0\0\0", 8), 1));
    cr_assert(eq(int, interf_grid_is_tiff_magic("MM\0+", 4), 1));
    cr_assert(eq(int, interf_grid_is_tiff_magic("II*\0", 3), 0));
    cr_assert(eq(int, interf_grid_is_tiff_magic("MM*\0", 4), 0));
    cr_assert(eq(int, interf_grid_is_tiff_magic("ncols 3", 7), 0));
    cr_assert(eq(int, interf_grid_is_tiff_magic("", 0), 0));
}
