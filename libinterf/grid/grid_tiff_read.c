/* SPDX-License-Identifier: MIT */
/* interf grid: GeoTIFF grids read back (ours, and GDAL's single-band EPSG:4326 files): layout,
 * GeoKeys and the pixel scale and tie point (OGC 19-008r4, GeoTIFF 1.1), GDAL's NODATA and
 * metadata tags, then the samples block by block. */
#include "grid_tiff_impl.h"

#include <ctype.h>
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Cells are square when the two scales agree to this relative tolerance (decimal text of a
 * cell size such as 0.1 through GDAL stays exact; this only absorbs a last-bit difference). */
#define SQUARE_REL_TOL 1e-10

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
    GTIF *gt = GTIFNewEx(in->tif, grid_gtif_error, &in->msg);
    if (!gt)
        return bad(in, err, "GeoKeyDirectoryTag", "unreadable GeoTIFF keys");
    int has_model = geokey(gt, GTModelTypeGeoKey, &model);
    int has_gcs = geokey(gt, GeographicTypeGeoKey, &gcs);
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
    if (!has_gcs)
        return bad(in, err, "GeographicTypeGeoKey", "missing: interf reads EPSG:4326 (WGS 84) "
                   "grids");
    if (gcs != EPSG_WGS84) {
        snprintf(what, sizeof what, "%u: interf reads EPSG:4326 (WGS 84) grids", (unsigned)gcs);
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
    if (!TIFFGetField(in->tif, TIFF_TAG_GDAL_NODATA, &text) || !text)
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
    if (!m || !TIFFGetField(in->tif, TIFF_TAG_GDAL_METADATA, &xml) || !xml)
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
    if (bw == 0 || bh == 0 || size <= 0 || size > TIFF_BLOCK_MAX_BYTES ||
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
                st = grid_tiff_fail(err, INTERF_EINPUT, in->path, &in->msg, what);
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
    if (!(in->tif = grid_tiff_open(in->path, "r", &in->msg)))
        return grid_tiff_fail(err, INTERF_EINPUT, in->path, &in->msg, "not a readable TIFF file");
    if ((st = read_layout(in, &spec, err)) != INTERF_OK ||
        (st = read_georef(in, &spec, err)) != INTERF_OK ||
        (st = read_nodata(in, err)) != INTERF_OK ||
        (st = read_metadata(in, meta, err)) != INTERF_OK)
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
