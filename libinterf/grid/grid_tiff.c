/* SPDX-License-Identifier: MIT */
/* interf grid: GeoTIFF grids through libtiff and libgeotiff (OGC 19-008r4, GeoTIFF 1.1), with
 * GDAL's two private tags for what GeoTIFF has no place for: GDAL_NODATA (42113, the NODATA
 * value as text) and GDAL_METADATA (42112, metadata items and the band's unit as GDAL's XML).
 * This file: the tags registered with libtiff, files opened with messages kept, GeoTIFF names
 * and magic bytes, and writing; grid_tiff_read.c reads. */
#include "grid_tiff_impl.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define TILE_SIDE 256

/* ------------------------------------------------------------------- tags and messages */

/* libtiff writes only tags it knows, and it knows neither GeoTIFF's nor GDAL's: both are
 * registered through libtiff's tag extender, a process-wide hook (TIFFSetTagExtender) called
 * for every TIFF opened, which each registrant chains to the one it replaced. The hook is
 * process state by libtiff's design, so it is installed exactly once under pthread_once
 * (concurrent first calls would otherwise chain an extender to itself or lose one); libgeotiff
 * installs its own (XTIFFInitialize) inside the same once. parent_extender is written only
 * there. */
static pthread_once_t tags_once = PTHREAD_ONCE_INIT;
static TIFFExtendProc parent_extender;

static void gdal_tags(TIFF *tif)
{
    static const TIFFFieldInfo gdal_fields[] = {
        {TIFF_TAG_GDAL_METADATA, -1, -1, TIFF_ASCII, FIELD_CUSTOM, 1, 0, "GDALMetadata"},
        {TIFF_TAG_GDAL_NODATA, -1, -1, TIFF_ASCII, FIELD_CUSTOM, 1, 0, "GDALNoDataValue"},
    };
    TIFFMergeFieldInfo(tif, gdal_fields, sizeof gdal_fields / sizeof gdal_fields[0]);
    if (parent_extender)
        parent_extender(tif);
}

static void register_tags(void)
{
    XTIFFInitialize();
    parent_extender = TIFFSetTagExtender(gdal_tags);
}

/* Keep the first message, on one line: libtiff's may span several. */
static void keep_msg(struct tiff_msg *m, const char *fmt, va_list ap)
{
    if (m->text[0])
        return;
    vsnprintf(m->text, sizeof m->text, fmt, ap);
    for (char *c = m->text; *c; c++)
        if ((unsigned char)*c < 0x20)
            *c = ' ';
}

static int on_tiff_error(TIFF *tif, void *user, const char *module, const char *fmt,
                         va_list ap)
{
    (void)tif;
    (void)module;
    keep_msg(user, fmt, ap);
    return 1;
}

static int on_tiff_warning(TIFF *tif, void *user, const char *module, const char *fmt,
                           va_list ap)
{
    (void)tif, (void)user, (void)module, (void)fmt, (void)ap;
    return 1; /* unknown tags and the like: nothing the grid depends on */
}

void grid_gtif_error(GTIF *gt, int level, const char *fmt, ...)
{
    struct tiff_msg *m = GTIFGetUserData(gt);
    va_list ap;
    (void)level;
    va_start(ap, fmt);
    if (m)
        keep_msg(m, fmt, ap);
    va_end(ap);
}

TIFF *grid_tiff_open(const char *path, const char *mode, struct tiff_msg *m)
{
    pthread_once(&tags_once, register_tags);
    TIFFOpenOptions *opts = TIFFOpenOptionsAlloc();
    if (!opts)
        return NULL;
    TIFFOpenOptionsSetErrorHandlerExtR(opts, on_tiff_error, m);
    TIFFOpenOptionsSetWarningHandlerExtR(opts, on_tiff_warning, NULL);
    TIFFOpenOptionsSetMaxSingleMemAlloc(opts, TIFF_BLOCK_MAX_BYTES);
    TIFF *tif = TIFFOpenExt(path, mode, opts);
    TIFFOpenOptionsFree(opts);
    return tif;
}

enum interf_status grid_tiff_fail(struct interf_error *err, enum interf_status st,
                                  const char *path, const struct tiff_msg *m, const char *what)
{
    return interf_error_set(err, st, "%s: %s%s%s", path, what, m->text[0] ? ": " : "", m->text);
}

/* ----------------------------------------------------------------------------- helpers */

int interf_grid_is_tiff_path(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    return dot && dot != base && (strcasecmp(dot, ".tif") == 0 || strcasecmp(dot, ".tiff") == 0);
}

int interf_grid_is_tiff_magic(const void *head, size_t n)
{
    const unsigned char *b = head;
    if (n < 4)
        return 0;
    /* TIFF 6.0 §2 (and BigTIFF): byte order "II" with 42 (43) little-endian, or "MM" with 42
     * (43) big-endian. */
    return (b[0] == 'I' && b[1] == 'I' && (b[2] == 42 || b[2] == 43) && b[3] == 0) ||
           (b[0] == 'M' && b[1] == 'M' && b[2] == 0 && (b[3] == 42 || b[3] == 43));
}

/* ----------------------------------------------------------------------------- writing */

/* Every value must survive float32 and stay distinct from NODATA. */
static enum interf_status check_values(const struct interf_grid *g, struct interf_error *err)
{
    size_t nc = g->spec.ncols, n = nc * g->spec.nrows;
    for (size_t k = 0; k < n; k++) {
        double v = g->values[k];
        if (isnan(v))
            continue;
        if (!(fabs(v) <= FLT_MAX) || (float)v == (float)INTERF_GRID_NODATA)
            return interf_error_set(err, INTERF_EINPUT, "grid row %zu, column %zu: value %g "
                                    "cannot be written as float32 (infinite, beyond %g, or the "
                                    "NODATA value %g)", k / nc + 1, k % nc + 1, v, FLT_MAX,
                                    INTERF_GRID_NODATA);
    }
    return INTERF_OK;
}

/* GDAL escapes an item's value as XML before its XML writer escapes the element's text again,
 * and unescapes twice when it reads (GDAL's GTiff driver, gt_metadata / GTiffDataset
 * LoadMetadata); a value escaped once loses what follows its first '&' there. So the markup
 * characters are escaped twice here ('&' as "&amp;amp;"). */
static void put_value(FILE *fp, const char *s)
{
    static const char markup[] = "&<>\"'";
    static const char *const twice[] = {"&amp;amp;", "&amp;lt;", "&amp;gt;", "&amp;quot;",
                                        "&amp;apos;"};
    for (; *s; s++) {
        const char *m = strchr(markup, *s), c[2] = {*s, '\0'};
        if (m)
            fputs(twice[m - markup], fp);
        else
            grid_xml_put(fp, c);
    }
}

static void put_item(FILE *fp, const char *name, const char *band_role, const char *value)
{
    fputs("  <Item name=\"", fp);
    grid_xml_put(fp, name);
    if (band_role)
        fprintf(fp, "\" sample=\"0\" role=\"%s", band_role);
    fputs("\">", fp);
    put_value(fp, value);
    fputs("</Item>\n", fp);
}

/* GDAL's GDAL_METADATA text for meta (as GDAL's GTiff driver writes it); *xml NULL when there
 * is nothing to say. */
static enum interf_status metadata_xml(const struct interf_grid_meta *m, char **xml,
                                       struct interf_error *err)
{
    size_t len = 0;
    *xml = NULL;
    if (!m || (m->n == 0 && !m->unit[0]))
        return INTERF_OK;
    FILE *fp = open_memstream(xml, &len);
    if (!fp)
        return interf_error_set(err, INTERF_ENOMEM, "out of memory");
    const char *quantity = interf_grid_meta_get(m, "quantity");
    fputs("<GDALMetadata>\n", fp);
    for (size_t k = 0; k < m->n; k++)
        put_item(fp, m->items[k].key, NULL, m->items[k].value);
    if (quantity)
        put_item(fp, "DESCRIPTION", "description", quantity);
    if (m->unit[0])
        put_item(fp, "UNITTYPE", "unittype", m->unit);
    fputs("</GDALMetadata>", fp);
    if (fclose(fp) != 0 || !*xml) {
        free(*xml);
        *xml = NULL;
        return interf_error_set(err, INTERF_ENOMEM, "out of memory");
    }
    return INTERF_OK;
}

static int set_geokeys(TIFF *tif, struct tiff_msg *m)
{
    GTIF *gt = GTIFNewEx(tif, grid_gtif_error, m);
    if (!gt)
        return 0;
    int ok = GTIFKeySet(gt, GTModelTypeGeoKey, TYPE_SHORT, 1, ModelTypeGeographic) &&
             GTIFKeySet(gt, GTRasterTypeGeoKey, TYPE_SHORT, 1, RasterPixelIsArea) &&
             GTIFKeySet(gt, GeographicTypeGeoKey, TYPE_SHORT, 1, EPSG_WGS84) &&
             GTIFWriteKeys(gt);
    GTIFFree(gt);
    return ok;
}

static int set_tags(TIFF *tif, const struct interf_grid_spec *s, const char *xml,
                    struct tiff_msg *m)
{
    double b[4];
    char nodata[32];
    snprintf(nodata, sizeof nodata, "%.17g", INTERF_GRID_NODATA);
    interf_grid_bounds(s, b);
    /* Raster point (0, 0) is the north-west corner of cell (0, 0) under PixelIsArea. */
    double scale[3] = {s->cell_deg, s->cell_deg, 0}, tie[6] = {0, 0, 0, b[0], b[3], 0};
    return TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, (uint32_t)s->ncols) &&
           TIFFSetField(tif, TIFFTAG_IMAGELENGTH, (uint32_t)s->nrows) &&
           TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, 1) &&
           TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, 32) &&
           TIFFSetField(tif, TIFFTAG_SAMPLEFORMAT, SAMPLEFORMAT_IEEEFP) &&
           TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK) &&
           TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG) &&
           TIFFSetField(tif, TIFFTAG_TILEWIDTH, TILE_SIDE) &&
           TIFFSetField(tif, TIFFTAG_TILELENGTH, TILE_SIDE) &&
           TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_ADOBE_DEFLATE) &&
           /* Adobe's floating-point predictor: the global 0.1 deg EPFD-like grid of
            * tests/bench/bench_grid_tiff.c takes 12.1 MB with it, 15.6 MB without (values as
            * computed; rounded to 0.1 dB they would take 5.3 MB with it, 3.2 MB without) */
           TIFFSetField(tif, TIFFTAG_PREDICTOR, PREDICTOR_FLOATINGPOINT) &&
           TIFFSetField(tif, TIFFTAG_GEOPIXELSCALE, 3, scale) &&
           TIFFSetField(tif, TIFFTAG_GEOTIEPOINTS, 6, tie) &&
           /* the ASCII grids' NODATA value: no data cell has it (check_values) */
           TIFFSetField(tif, TIFF_TAG_GDAL_NODATA, nodata) &&
           (!xml || TIFFSetField(tif, TIFF_TAG_GDAL_METADATA, xml)) && set_geokeys(tif, m);
}

/* The tiles, row of tiles by row of tiles; cells beyond the grid's edges hold NODATA. */
static int write_tiles(TIFF *tif, const struct interf_grid *g, float *buf)
{
    size_t nc = g->spec.ncols, nr = g->spec.nrows;
    for (size_t ty = 0; ty < nr; ty += TILE_SIDE)
        for (size_t tx = 0; tx < nc; tx += TILE_SIDE) {
            for (size_t r = 0; r < TILE_SIDE; r++)
                for (size_t c = 0; c < TILE_SIDE; c++) {
                    double v = ty + r < nr && tx + c < nc ? g->values[(ty + r) * nc + tx + c]
                                                          : NAN;
                    buf[r * TILE_SIDE + c] = (float)(isnan(v) ? INTERF_GRID_NODATA : v);
                }
            uint32_t tile = TIFFComputeTile(tif, (uint32_t)tx, (uint32_t)ty, 0, 0);
            if (TIFFWriteEncodedTile(tif, tile, buf, TILE_SIDE * TILE_SIDE * sizeof *buf) < 0)
                return 0;
        }
    return 1;
}

enum interf_status interf_grid_write_tiff(const char *path, const struct interf_grid *g,
                                          const struct interf_grid_meta *meta,
                                          struct interf_error *err)
{
    if (!path || !g)
        return interf_error_set(err, INTERF_EINVAL, "interf_grid_write_tiff: NULL argument");
    enum interf_status st = interf_grid_spec_check(&g->spec, err);
    char *xml = NULL;
    if (st != INTERF_OK || (st = check_values(g, err)) != INTERF_OK ||
        (st = metadata_xml(meta, &xml, err)) != INTERF_OK)
        return st == INTERF_EINPUT ? grid_prefix_error(err, st, path) : st;
    float *buf = malloc(TILE_SIDE * TILE_SIDE * sizeof *buf);
    struct tiff_msg m = {""};
    TIFF *tif = buf ? grid_tiff_open(path, "w", &m) : NULL;
    if (!buf)
        st = interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", path);
    else if (!tif)
        st = m.text[0] ? grid_tiff_fail(err, INTERF_EIO, path, &m, "cannot open for writing")
                       : interf_error_set(err, INTERF_EIO, "%s: %s", path, strerror(errno));
    else if (!set_tags(tif, &g->spec, xml, &m))
        st = grid_tiff_fail(err, INTERF_EIO, path, &m, "cannot set the GeoTIFF tags");
    else if (!write_tiles(tif, g, buf) || !TIFFWriteDirectory(tif))
        st = grid_tiff_fail(err, INTERF_EIO, path, &m, "write error");
    if (tif)
        TIFFClose(tif);
    free(buf);
    free(xml);
    return st;
}
