/* SPDX-License-Identifier: MIT */
/* interf grid: GeoTIFF grids through libtiff and libgeotiff (OGC 19-008r4, GeoTIFF 1.1), with
 * GDAL's two private tags for what GeoTIFF has no place for: GDAL_NODATA (42113, the NODATA
 * value as text) and GDAL_METADATA (42112, metadata items and the band's unit as GDAL's XML). */
#include "grid_impl.h"

#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <geotiff.h>
#include <geotiffio.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <tiffio.h>
#include <xtiffio.h>

#define TAG_GDAL_METADATA 42112
#define TAG_GDAL_NODATA 42113
#define TILE_SIDE 256
#define EPSG_WGS84 4326
/* Largest tile or strip read at once, and largest single allocation libtiff may make: far above
 * any real grid's block, small enough that a damaged header cannot ask for gigabytes. */
#define BLOCK_MAX_BYTES (256L << 20)
/* Cells are square when the two scales agree to this relative tolerance (decimal text of a
 * cell size such as 0.1 through GDAL stays exact; this only absorbs a last-bit difference). */
#define SQUARE_REL_TOL 1e-10

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
        {TAG_GDAL_METADATA, -1, -1, TIFF_ASCII, FIELD_CUSTOM, 1, 0, "GDALMetadata"},
        {TAG_GDAL_NODATA, -1, -1, TIFF_ASCII, FIELD_CUSTOM, 1, 0, "GDALNoDataValue"},
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

/* The first error libtiff or libgeotiff reports on one file (their default handlers print to
 * stderr, which a library must not). */
struct tiff_msg {
    char text[256];
};

static int on_tiff_error(TIFF *tif, void *user, const char *module, const char *fmt, va_list ap)
{
    struct tiff_msg *m = user;
    (void)tif;
    (void)module;
    if (!m->text[0])
        vsnprintf(m->text, sizeof m->text, fmt, ap);
    return 1;
}

static int on_tiff_warning(TIFF *tif, void *user, const char *module, const char *fmt,
                           va_list ap)
{
    (void)tif, (void)user, (void)module, (void)fmt, (void)ap;
    return 1; /* unknown tags and the like: nothing the grid depends on */
}

static void on_gtif_error(GTIF *gt, int level, const char *fmt, ...)
{
    struct tiff_msg *m = GTIFGetUserData(gt);
    (void)level;
    if (m && !m->text[0]) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(m->text, sizeof m->text, fmt, ap);
        va_end(ap);
    }
}

static TIFF *tiff_open(const char *path, const char *mode, struct tiff_msg *m)
{
    pthread_once(&tags_once, register_tags);
    TIFFOpenOptions *opts = TIFFOpenOptionsAlloc();
    if (!opts)
        return NULL;
    TIFFOpenOptionsSetErrorHandlerExtR(opts, on_tiff_error, m);
    TIFFOpenOptionsSetWarningHandlerExtR(opts, on_tiff_warning, NULL);
    TIFFOpenOptionsSetMaxSingleMemAlloc(opts, BLOCK_MAX_BYTES);
    TIFF *tif = TIFFOpenExt(path, mode, opts);
    TIFFOpenOptionsFree(opts);
    return tif;
}

/* err from libtiff's message (or what else went wrong) about path. */
static enum interf_status tiff_fail(struct interf_error *err, enum interf_status st,
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
    GTIF *gt = GTIFNewEx(tif, on_gtif_error, m);
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
           TIFFSetField(tif, TAG_GDAL_NODATA, "-9999") &&
           (!xml || TIFFSetField(tif, TAG_GDAL_METADATA, xml)) && set_geokeys(tif, m);
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
    TIFF *tif = buf ? tiff_open(path, "w", &m) : NULL;
    if (!buf)
        st = interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", path);
    else if (!tif)
        st = m.text[0] ? tiff_fail(err, INTERF_EIO, path, &m, "cannot create")
                       : interf_error_set(err, INTERF_EIO, "%s: %s", path, strerror(errno));
    else if (!set_tags(tif, &g->spec, xml, &m))
        st = tiff_fail(err, INTERF_EIO, path, &m, "cannot set the GeoTIFF tags");
    else if (!write_tiles(tif, g, buf) || !TIFFWriteDirectory(tif))
        st = tiff_fail(err, INTERF_EIO, path, &m, "write error");
    if (tif)
        TIFFClose(tif);
    free(buf);
    free(xml);
    return st;
}

/* ----------------------------------------------------------------------------- reading */

enum sample_kind { S_F32, S_F64, S_I16 };

struct tiff_in {
    const char *path;
    TIFF *tif;
    struct tiff_msg msg;
    enum sample_kind kind;
    int has_nodata;
    double nodata; /* as a sample of kind, NaN for "nan" */
};

static enum interf_status bad(const struct tiff_in *in, struct interf_error *err,
                              const char *field, const char *what)
{
    return interf_error_set(err, INTERF_EINPUT, "%s: %s: %s", in->path, field, what);
}

/* One band of float32, float64 or int16 samples. */
static enum interf_status read_layout(struct tiff_in *in, struct interf_grid_spec *s,
                                      struct interf_error *err)
{
    uint32_t w = 0, h = 0;
    uint16_t spp = 1, bps = 1, fmt = SAMPLEFORMAT_UINT;
    TIFFGetField(in->tif, TIFFTAG_IMAGEWIDTH, &w);
    TIFFGetField(in->tif, TIFFTAG_IMAGELENGTH, &h);
    TIFFGetFieldDefaulted(in->tif, TIFFTAG_SAMPLESPERPIXEL, &spp);
    TIFFGetFieldDefaulted(in->tif, TIFFTAG_BITSPERSAMPLE, &bps);
    TIFFGetFieldDefaulted(in->tif, TIFFTAG_SAMPLEFORMAT, &fmt);
    if (spp != 1)
        return interf_error_set(err, INTERF_EINPUT, "%s: SamplesPerPixel: %u bands; interf "
                                "reads single-band grids", in->path, (unsigned)spp);
    if (fmt == SAMPLEFORMAT_IEEEFP && (bps == 32 || bps == 64))
        in->kind = bps == 32 ? S_F32 : S_F64;
    else if (fmt == SAMPLEFORMAT_INT && bps == 16)
        in->kind = S_I16;
    else
        return interf_error_set(err, INTERF_EINPUT, "%s: SampleFormat/BitsPerSample: %s "
                                "%u-bit samples; interf reads float32, float64 and int16",
                                in->path, fmt == SAMPLEFORMAT_IEEEFP ? "floating-point"
                                          : fmt == SAMPLEFORMAT_INT ? "signed integer"
                                          : fmt == SAMPLEFORMAT_UINT ? "unsigned integer"
                                                                      : "other",
                                (unsigned)bps);
    s->ncols = w;
    s->nrows = h;
    return INTERF_OK;
}

/* A GeoKey of type SHORT; 0 when absent. */
static int geokey(GTIF *gt, geokey_t key, unsigned short *v)
{
    return GTIFKeyGetSHORT(gt, key, v, 0, 1) == 1;
}

static enum interf_status read_geokeys(struct tiff_in *in, int *pixel_is_point,
                                       struct interf_error *err)
{
    char what[96];
    unsigned short model = 0, raster = RasterPixelIsArea, gcs = 0;
    GTIF *gt = GTIFNewEx(in->tif, on_gtif_error, &in->msg);
    if (!gt)
        return bad(in, err, "GeoKeyDirectoryTag", "unreadable GeoTIFF keys");
    int has_model = geokey(gt, GTModelTypeGeoKey, &model), has_gcs = geokey(gt,
                                                                GeographicTypeGeoKey, &gcs);
    geokey(gt, GTRasterTypeGeoKey, &raster);
    GTIFFree(gt);
    *pixel_is_point = raster == RasterPixelIsPoint;
    if (!has_model)
        return bad(in, err, "GTModelTypeGeoKey", "missing: not a georeferenced GeoTIFF");
    if (model != ModelTypeGeographic) {
        snprintf(what, sizeof what, "%u: not geographic (latitude/longitude); interf grids are",
                 (unsigned)model);
        return bad(in, err, "GTModelTypeGeoKey", what);
    }
    if (!has_gcs || gcs != EPSG_WGS84) {
        snprintf(what, sizeof what, "%s%u: interf reads EPSG:4326 (WGS 84) grids",
                 has_gcs ? "" : "missing, ", (unsigned)gcs);
        return bad(in, err, "GeographicTypeGeoKey", what);
    }
    if (raster != RasterPixelIsArea && raster != RasterPixelIsPoint) {
        snprintf(what, sizeof what, "%u: neither PixelIsArea nor PixelIsPoint", (unsigned)raster);
        return bad(in, err, "GTRasterTypeGeoKey", what);
    }
    return INTERF_OK;
}

/* The spec from ModelPixelScaleTag and one ModelTiepointTag: square cells, rows north first. */
static enum interf_status read_georef(struct tiff_in *in, struct interf_grid_spec *s,
                                      struct interf_error *err)
{
    char what[128];
    uint16_t ns = 0, nt = 0;
    double *scale = NULL, *tie = NULL;
    int point = 0;
    enum interf_status st = read_geokeys(in, &point, err);
    if (st != INTERF_OK)
        return st;
    if (!TIFFGetField(in->tif, TIFFTAG_GEOPIXELSCALE, &ns, &scale) || ns < 2)
        return bad(in, err, "ModelPixelScaleTag", "missing (a ModelTransformationTag is not "
                   "supported)");
    if (!TIFFGetField(in->tif, TIFFTAG_GEOTIEPOINTS, &nt, &tie) || nt != 6)
        return bad(in, err, "ModelTiepointTag", "expected one tie point (6 numbers)");
    double sx = scale[0], sy = scale[1];
    if (!isfinite(sx) || !isfinite(sy) || !(sx > 0) || !(sy > 0)) {
        snprintf(what, sizeof what, "%.15g x %.15g deg: need positive scales (rows north first)",
                 sx, sy);
        return bad(in, err, "ModelPixelScaleTag", what);
    }
    if (fabs(sx - sy) > SQUARE_REL_TOL * sx) {
        snprintf(what, sizeof what, "cells not square (%.15g x %.15g deg)", sx, sy);
        return bad(in, err, "ModelPixelScaleTag", what);
    }
    for (int k = 0; k < 6; k++)
        if (!isfinite(tie[k]))
            return bad(in, err, "ModelTiepointTag", "not finite");
    /* Under PixelIsPoint the tie point names the centre of raster point (i, j). */
    double west = tie[3] - (tie[0] + (point ? 0.5 : 0)) * sx;
    double north = tie[4] + (tie[1] + (point ? 0.5 : 0)) * sx;
    s->cell_deg = sx;
    s->xllcenter_deg = west + sx / 2;
    s->yllcenter_deg = north - (double)s->nrows * sx + sx / 2;
    if ((st = interf_grid_spec_check(s, err)) != INTERF_OK)
        return grid_prefix_error(err, st, in->path);
    return INTERF_OK;
}

/* GDAL_NODATA: a number, or "nan". */
static enum interf_status read_nodata(struct tiff_in *in, struct interf_error *err)
{
    const char *text = NULL;
    if (!TIFFGetField(in->tif, TAG_GDAL_NODATA, &text) || !text)
        return INTERF_OK;
    double v = NAN;
    locale_t c_num = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    if (c_num == (locale_t)0)
        return interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", in->path);
    locale_t old = uselocale(c_num);
    int ok = strcasecmp(text, "nan") == 0 || interf_parse_real(text, &v);
    uselocale(old);
    freelocale(c_num);
    if (!ok)
        return bad(in, err, "GDAL_NODATA", "not a number");
    in->has_nodata = 1;
    in->nodata = in->kind == S_F32 ? (double)(float)v : v;
    return INTERF_OK;
}

/* The value of attribute name in the start tag [tag, end): 1 found (decoded into out), 0
 * absent, -1 malformed. */
static int xml_attr(const char *tag, const char *end, const char *name, char *out, size_t n)
{
    size_t len = strlen(name);
    for (const char *p = tag; p + len + 2 < end; p++) {
        if (!isspace((unsigned char)p[0]) || strncmp(p + 1, name, len) != 0 || p[1 + len] != '=')
            continue;
        char quote = p[2 + len];
        const char *v0 = p + 3 + len, *v1 = memchr(v0, quote, (size_t)(end - v0));
        if ((quote != '"' && quote != '\'') || !v1)
            return -1;
        return grid_xml_text(v0, (size_t)(v1 - v0), out, n) ? 1 : -1;
    }
    return 0;
}

/* An item's value, unescaped twice as GDAL does (see put_value), into a new string; NULL on a
 * bad entity or out of memory. Unescaping never lengthens text. */
static char *item_value(const char *s, size_t len)
{
    char *once = malloc(len + 1), *twice = malloc(len + 1);
    if (!once || !twice || !grid_xml_text(s, len, once, len + 1) ||
        !grid_xml_text(once, strlen(once), twice, len + 1)) {
        free(twice);
        twice = NULL;
    }
    free(once);
    return twice;
}

/* One <Item name=".." [sample=".." role=".."] [domain=".."]>value</Item> at p; *next after it.
 * Dataset items of the default domain go to meta's items, band 1's unittype to its unit. 0 when
 * malformed. */
static int parse_item(const char *p, const char **next, struct interf_grid_meta *m)
{
    char name[sizeof m->items[0].key], sample[16], role[32], domain[8];
    const char *end = strchr(p, '>'), *v1 = end ? strstr(end, "</Item>") : NULL;
    if (!v1)
        return 0;
    *next = v1 + strlen("</Item>");
    int has_name = xml_attr(p, end, "name", name, sizeof name),
        has_sample = xml_attr(p, end, "sample", sample, sizeof sample),
        has_role = xml_attr(p, end, "role", role, sizeof role),
        has_domain = xml_attr(p, end, "domain", domain, sizeof domain);
    char *value = item_value(end + 1, (size_t)(v1 - end - 1));
    if (!value)
        return 0;
    /* Other domains, long names or values and other roles are GDAL's business, not ours. */
    if (has_name == 1 && has_domain == 0 && has_sample == 0)
        interf_grid_meta_set(m, name, value, NULL);
    else if (has_sample == 1 && strcmp(sample, "0") == 0 && has_role == 1 &&
             strcmp(role, "unittype") == 0 && has_domain == 0 && strlen(value) < sizeof m->unit)
        memcpy(m->unit, value, strlen(value) + 1);
    free(value);
    return 1;
}

static enum interf_status read_metadata(struct tiff_in *in, struct interf_grid_meta *m,
                                        struct interf_error *err)
{
    const char *xml = NULL;
    if (!m || !TIFFGetField(in->tif, TAG_GDAL_METADATA, &xml) || !xml)
        return INTERF_OK;
    if (!strstr(xml, "<GDALMetadata"))
        return bad(in, err, "GDAL_METADATA", "no <GDALMetadata> element");
    for (const char *p = strstr(xml, "<Item"); p; p = strstr(p, "<Item")) {
        if (!isspace((unsigned char)p[5])) {
            p += 5;
            continue;
        }
        if (!parse_item(p, &p, m))
            return bad(in, err, "GDAL_METADATA", "malformed <Item> element");
    }
    return INTERF_OK;
}

static double sample_at(const unsigned char *buf, size_t k, enum sample_kind kind)
{
    float f;
    double d;
    int16_t i;
    switch (kind) {
    case S_F32: memcpy(&f, buf + 4 * k, 4); return f;
    case S_F64: memcpy(&d, buf + 8 * k, 8); return d;
    default: memcpy(&i, buf + 2 * k, 2); return i;
    }
}

/* Cells of one block (tile or strip) of bw x bh samples at (x0, y0) into g. */
static enum interf_status put_block(const struct tiff_in *in, struct interf_grid *g,
                                    const unsigned char *buf, size_t x0, size_t y0, size_t bw,
                                    size_t bh, struct interf_error *err)
{
    size_t nc = g->spec.ncols, nr = g->spec.nrows;
    for (size_t r = 0; r < bh && y0 + r < nr; r++)
        for (size_t c = 0; c < bw && x0 + c < nc; c++) {
            double v = sample_at(buf, r * bw + c, in->kind);
            if (in->has_nodata && (v == in->nodata || (isnan(v) && isnan(in->nodata))))
                v = NAN;
            else if (!isfinite(v))
                return interf_error_set(err, INTERF_EINPUT, "%s: row %zu, column %zu: %s sample "
                                        "that is not the GDAL_NODATA value", in->path,
                                        y0 + r + 1, x0 + c + 1, isnan(v) ? "a NaN" : "an infinite");
            g->values[(y0 + r) * nc + x0 + c] = v;
        }
    return INTERF_OK;
}

/* Room for the first rows rows of g: grows with the blocks read (doubling), so that a header
 * announcing 1e8 cells costs memory only as their data arrives. */
static enum interf_status room_for_rows(const struct tiff_in *in, struct interf_grid *g,
                                        size_t rows, size_t *cap, struct interf_error *err)
{
    size_t need = rows * g->spec.ncols, total = g->spec.ncols * g->spec.nrows;
    if (need <= *cap)
        return INTERF_OK;
    size_t ncap = 2 * *cap > need ? 2 * *cap : need;
    ncap = ncap < total ? ncap : total;
    double *v = realloc(g->values, ncap * sizeof *v);
    if (!v)
        return interf_error_set(err, INTERF_ENOMEM, "%s: grid of %zu x %zu cells: out of memory",
                                in->path, g->spec.ncols, g->spec.nrows);
    g->values = v;
    *cap = ncap;
    return INTERF_OK;
}

/* The samples, block by block: tiles, or strips (blocks as wide as the image). */
static enum interf_status read_pixels(struct tiff_in *in, struct interf_grid *g,
                                      struct interf_error *err)
{
    int tiled = TIFFIsTiled(in->tif);
    uint32_t bw = (uint32_t)g->spec.ncols, bh = 0;
    if (tiled) {
        TIFFGetField(in->tif, TIFFTAG_TILEWIDTH, &bw);
        TIFFGetField(in->tif, TIFFTAG_TILELENGTH, &bh);
    } else {
        TIFFGetFieldDefaulted(in->tif, TIFFTAG_ROWSPERSTRIP, &bh);
        bh = bh < g->spec.nrows ? bh : (uint32_t)g->spec.nrows;
    }
    size_t bytes = in->kind == S_F64 ? 8 : in->kind == S_F32 ? 4 : 2;
    tmsize_t size = tiled ? TIFFTileSize(in->tif) : TIFFStripSize(in->tif);
    if (bw == 0 || bh == 0 || size <= 0 || size > BLOCK_MAX_BYTES ||
        (size_t)size != (size_t)bw * bh * bytes)
        return bad(in, err, tiled ? "TileWidth/TileLength" : "RowsPerStrip",
                   "block size missing, inconsistent, or above 256 MiB");
    unsigned char *buf = malloc((size_t)size);
    enum interf_status st = buf ? INTERF_OK
                                : interf_error_set(err, INTERF_ENOMEM, "%s: out of memory",
                                                   in->path);
    size_t cap = 0;
    for (size_t y = 0; st == INTERF_OK && y < g->spec.nrows; y += bh) {
        size_t rows = y + bh < g->spec.nrows ? y + bh : g->spec.nrows;
        st = room_for_rows(in, g, rows, &cap, err);
        for (size_t x = 0; st == INTERF_OK && x < g->spec.ncols; x += bw) {
            tmsize_t got =
                tiled ? TIFFReadEncodedTile(in->tif, TIFFComputeTile(in->tif, (uint32_t)x,
                                                                     (uint32_t)y, 0, 0),
                                            buf, size)
                      : TIFFReadEncodedStrip(in->tif, TIFFComputeStrip(in->tif, (uint32_t)y, 0),
                                             buf, size);
            /* a strip at the bottom edge holds only the image's last rows */
            tmsize_t want = tiled ? size : (tmsize_t)((rows - y) * bw * bytes);
            if (got != want) {
                char what[96];
                snprintf(what, sizeof what, "%s at row %zu, column %zu: damaged or truncated "
                         "image data", tiled ? "tile" : "strip", y + 1, x + 1);
                st = tiff_fail(err, INTERF_EINPUT, in->path, &in->msg, what);
            } else
                st = put_block(in, g, buf, x, y, bw, bh, err);
        }
    }
    free(buf);
    return st;
}

/* The first bytes must be a TIFF signature: a clear message for an ESRI ASCII grid or other
 * text given where a GeoTIFF is expected, and INTERF_EIO kept for files that cannot be read. */
static enum interf_status check_magic(const char *path, struct interf_error *err)
{
    unsigned char head[4];
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return interf_error_set(err, INTERF_EIO, "%s: %s", path, strerror(errno));
    size_t n = fread(head, 1, sizeof head, fp);
    int bad_read = ferror(fp);
    fclose(fp);
    if (bad_read)
        return interf_error_set(err, INTERF_EIO, "%s: read error", path);
    if (!interf_grid_is_tiff_magic(head, n))
        return interf_error_set(err, INTERF_EINPUT, "%s: not a TIFF file", path);
    return INTERF_OK;
}

static enum interf_status read_tiff(struct tiff_in *in, struct interf_grid **out,
                                    struct interf_grid_meta *meta, struct interf_error *err)
{
    struct interf_grid_spec spec;
    enum interf_status st;
    if ((st = check_magic(in->path, err)) != INTERF_OK)
        return st;
    if (!(in->tif = tiff_open(in->path, "r", &in->msg)))
        return tiff_fail(err, INTERF_EINPUT, in->path, &in->msg, "not a readable TIFF file");
    if ((st = read_layout(in, &spec, err)) != INTERF_OK ||
        (st = read_georef(in, &spec, err)) != INTERF_OK ||
        (st = read_nodata(in, err)) != INTERF_OK || (st = read_metadata(in, meta, err)) != INTERF_OK)
        return st;
    if (!(*out = calloc(1, sizeof **out)))
        return interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", in->path);
    (*out)->spec = spec;
    return read_pixels(in, *out, err);
}

enum interf_status interf_grid_read_tiff(const char *path, struct interf_grid **out,
                                         struct interf_grid_meta *meta, struct interf_error *err)
{
    if (!path || !out)
        return interf_error_set(err, INTERF_EINVAL, "interf_grid_read_tiff: NULL argument");
    *out = NULL;
    if (meta)
        interf_grid_meta_init(meta);
    struct tiff_in in = {.path = path};
    enum interf_status st = read_tiff(&in, out, meta, err);
    if (in.tif)
        TIFFClose(in.tif);
    if (st != INTERF_OK) {
        interf_grid_destroy(*out);
        *out = NULL;
        if (meta)
            interf_grid_meta_init(meta);
    }
    return st;
}
