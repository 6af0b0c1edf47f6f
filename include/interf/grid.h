/* SPDX-License-Identifier: MIT */
/* interf grid: latitude/longitude grids with cell-centre registration, read and written as ESRI
 * ASCII grids (GDAL "AAIGrid"), with the two sidecars GDAL and QGIS read beside a file: FILE.prj
 * (the CRS as WKT, from PROJ) and FILE.asc.aux.xml (GDAL PAM: unit and metadata). The format is
 * described in interf-table(5), "Grids".
 *
 * Registration: cell (row, col) is the square of side cell_deg centred on
 *   lon = xllcenter_deg + col * cell_deg,  lat = yllcenter_deg + (nrows - 1 - row) * cell_deg,
 * row 0 northernmost (file order). A global 1 deg grid is 360 x 180 cells centred on -179.5 to
 * 179.5 and -89.5 to 89.5, with no duplicated 180 deg column.
 *
 * In memory a cell without a value (NODATA, "not computed") is NaN; in files it is -9999. */
#ifndef INTERF_GRID_H
#define INTERF_GRID_H

#include <stdio.h>

#include "interf/core.h"
#include "interf/io.h"

#ifdef __cplusplus
extern "C" {
#endif

#define INTERF_GRID_NODATA (-9999.0)        /* NODATA_value written to files */
#define INTERF_GRID_MAX_CELLS 100000000UL   /* 1e8 cells (800 MB of doubles) */
#define INTERF_GRID_MAX_SIDE 10000000UL     /* ncols or nrows */
#define INTERF_GRID_META_MAX 48             /* metadata items (a provenance record fits) */

/* The geometry of a grid. Caller-owned value. */
struct interf_grid_spec {
    size_t ncols, nrows;
    double xllcenter_deg; /* longitude of the centres of the western-most column */
    double yllcenter_deg; /* latitude of the centres of the southern-most row */
    double cell_deg;      /* side of a cell, in degrees of latitude and of longitude */
};

/* A grid: its geometry and nrows * ncols values, row-major, row 0 northernmost, NaN = NODATA.
 * Allocated by interf_grid_create or a reader; free with interf_grid_destroy. */
struct interf_grid {
    struct interf_grid_spec spec;
    double *values;
};

/* One "key = value" metadata item of a grid's .aux.xml sidecar. */
struct interf_grid_meta_item {
    char key[64];
    char value[1024];
};

/* What the sidecars say about a grid. Caller-owned value; zero it (or interf_grid_meta_init)
 * before use. unit is the band's UnitType ("dB(W/m2/40kHz)"), "" when unknown. Well-known keys:
 * quantity (the column-style name, "epfd_dbw_m2_40khz"), statistic ("p99.999", "max"), tool,
 * version, command (the command line), earth_model. */
struct interf_grid_meta {
    char unit[64];
    size_t n;
    struct interf_grid_meta_item items[INTERF_GRID_META_MAX];
};

/* --- geometry ----------------------------------------------------------------------------- */

/* A spec from the outer edges of the cells: west, east, south, north (deg) and the cell size.
 * (east - west) and (north - south) must be whole multiples of cell_deg (within 1e-9 of a
 * cell); -90 <= south < north <= 90; 0 < east - west <= 360; west in [-360, 360]. The box
 * -180/180/-80/80 at 1 deg gives 360 x 160 cells centred on -179.5 ... 179.5, -79.5 ... 79.5.
 * INTERF_EINPUT with a message naming the value. */
INTERF_API enum interf_status interf_grid_spec_init(double west_deg, double east_deg,
                                                    double south_deg, double north_deg,
                                                    double cell_deg, struct interf_grid_spec *spec,
                                                    struct interf_error *err);

/* Parse "W/E/S/N/CELL" (degrees; as --grid options take it) into a spec; see
 * interf_grid_spec_init. E < W crosses the antimeridian (170/-170 is 170/190). Messages start
 * with "grid: ". */
INTERF_API enum interf_status interf_grid_spec_parse(const char *text,
                                                     struct interf_grid_spec *spec,
                                                     struct interf_error *err);

/* Parse "W/E/S/N/CELL" (degrees) into region_deg[5] = west, east, south, north, cell without
 * checking the limits (for a memory estimate first; interf_grid_spec_init checks them). An east
 * edge below the west edge means the region crosses the antimeridian: 360 deg is added to it
 * ("170/-170/..." is 170 to 190). INTERF_EINPUT "grid: expected W/E/S/N/CELL in degrees, got
 * \"TEXT\"". */
INTERF_API enum interf_status interf_grid_region_parse(const char *text, double region_deg[5],
                                                       struct interf_error *err);

/* Check a spec as interf_grid_read_asc checks a header: sides >= 1 and within the limits,
 * cell in (0, 180], the cells inside latitudes [-90, 90], at most 360 deg of longitude, west edge
 * in [-360, 360]. INTERF_EINPUT naming the field. */
INTERF_API enum interf_status interf_grid_spec_check(const struct interf_grid_spec *spec,
                                                     struct interf_error *err);

/* Centre longitude of column col and centre latitude of row row (row 0 northernmost), deg. */
INTERF_API double interf_grid_lon_deg(const struct interf_grid_spec *spec, size_t col);
INTERF_API double interf_grid_lat_deg(const struct interf_grid_spec *spec, size_t row);

/* Outer edges of the grid: west, east, south, north (deg). */
INTERF_API void interf_grid_bounds(const struct interf_grid_spec *spec, double bounds_deg[4]);

/* 1 when the columns go once round the Earth (ncols * cell = 360 within 1e-9 deg). */
INTERF_API int interf_grid_is_global(const struct interf_grid_spec *spec);

/* --- grids -------------------------------------------------------------------------------- */

/* A grid of the given spec (checked as by interf_grid_spec_check), every value NaN (NODATA).
 * Free with interf_grid_destroy. */
INTERF_API enum interf_status interf_grid_create(const struct interf_grid_spec *spec,
                                                 struct interf_grid **out,
                                                 struct interf_error *err);
INTERF_API void interf_grid_destroy(struct interf_grid *grid); /* NULL is a no-op */

/* Smallest and largest value above floor (pass -INFINITY for all values), ignoring NaN. Returns
 * the number of values counted; min and max are NaN when it is 0. */
INTERF_API size_t interf_grid_minmax(const struct interf_grid *grid, double floor_value,
                                     double *min, double *max);

/* --- ESRI ASCII grid ---------------------------------------------------------------------- */

/* Read an ESRI ASCII grid from fp; name labels messages ("-" or "standard input" for stdin):
 * "name:line: what". The header comes first, without comment lines (as GDAL requires): ncols,
 * nrows, xllcenter or xllcorner, yllcenter or yllcorner, cellsize, NODATA_value (optional), keys
 * case-insensitive, each once; unknown keys (dx/dy: non-square cells) are errors. The spec is
 * checked (interf_grid_spec_check) before anything is allocated. Then nrows lines of ncols
 * numbers; values equal to NODATA_value become NaN; nan, inf and unreadable numbers are
 * errors. Numbers are read in the "C" locale whatever the caller's is; memory grows with the
 * values read, not with the size the header announces. Free *out with interf_grid_destroy. */
INTERF_API enum interf_status interf_grid_read_asc(FILE *fp, const char *name,
                                                   struct interf_grid **out,
                                                   struct interf_error *err);

/* Write grid as an ESRI ASCII grid to fp: header (xllcenter/yllcenter, NODATA_value -9999),
 * then one line per row, north first, values with `decimals` digits after the point (0 to 17),
 * NaN as -9999. A value that is infinite, or that would print as -9999, is INTERF_EINPUT (the
 * message names row and column). Write errors are INTERF_EIO. */
INTERF_API enum interf_status interf_grid_write_asc(FILE *fp, const struct interf_grid *grid,
                                                    int decimals, struct interf_error *err);

/* --- files with sidecars ------------------------------------------------------------------ */

INTERF_API void interf_grid_meta_init(struct interf_grid_meta *meta);
/* Set key to value (replacing an earlier value of key). INTERF_EINPUT when the key or value is
 * too long, the key is not a name ([A-Za-z_][A-Za-z0-9_.-]*) or the table is full. */
INTERF_API enum interf_status interf_grid_meta_set(struct interf_grid_meta *meta, const char *key,
                                                   const char *value, struct interf_error *err);
/* Every item of a provenance record (interf/io.h) as a metadata item. INTERF_EINPUT when one
 * does not fit (interf_grid_meta_set). */
INTERF_API enum interf_status interf_grid_meta_set_provenance(struct interf_grid_meta *meta,
                                                              const struct interf_provenance *p,
                                                              struct interf_error *err);
/* Value of key, or NULL. */
INTERF_API const char *interf_grid_meta_get(const struct interf_grid_meta *meta, const char *key);

/* The sidecar names of a grid file, as GDAL looks for them: for "dir/epfd.asc", prj is
 * "dir/epfd.prj" (extension replaced; appended when the name has none) and aux is
 * "dir/epfd.asc.aux.xml". INTERF_EINPUT when a name does not fit in n bytes. */
INTERF_API enum interf_status interf_grid_sidecar_paths(const char *path, char *prj, char *aux,
                                                        size_t n, struct interf_error *err);

/* The WKT (ESRI flavour, as .prj files hold it) of EPSG:4326, from PROJ's database. *wkt is
 * newly allocated; free with free(). INTERF_EIO when PROJ cannot give it. */
INTERF_API enum interf_status interf_grid_crs_wkt(char **wkt, struct interf_error *err);

/* Read a grid file of either format, told by its first bytes: a GeoTIFF (interf_grid_read_tiff,
 * its unit and metadata from its tags) or an ESRI ASCII grid with its sidecars if any
 * (interf_grid_read_asc, interf_grid_read_sidecars); "-" reads an ASCII grid from standard
 * input, named "<stdin>" in messages (no sidecars). *meta is cleared first. */
INTERF_API enum interf_status interf_grid_load(const char *path, struct interf_grid **out,
                                               struct interf_grid_meta *meta,
                                               struct interf_error *err);

/* Write grid to path with its two sidecars through the output set `set` (interf/io.h): the
 * .aux.xml, the .prj and the grid are written now to temporary files, and committed (renamed into
 * place, sidecars first) with the set, or removed with it. A path ending in .tif or .tiff gets
 * a GeoTIFF (interf_grid_write_tiff: everything in its tags, no sidecars; decimals unused). The
 * .prj holds interf_grid_crs_wkt; the
 * .aux.xml holds meta (UnitType and the Metadata items; NULL: none). A path written directly
 * ("-" for standard output, a device) gets the grid alone. A value that cannot be written
 * (interf_grid_write_asc) is INTERF_EINPUT naming path. */
INTERF_API enum interf_status interf_grid_save(struct interf_outset *set, const char *path,
                                               const struct interf_grid *grid,
                                               const struct interf_grid_meta *meta, int decimals,
                                               struct interf_error *err);

/* Read the sidecars of the grid file path into meta (cleared first). A missing sidecar is not
 * an error (meta stays empty). A .prj that PROJ cannot read, or whose CRS is not geographic
 * (latitude/longitude), is INTERF_EINPUT; so is an .aux.xml that is not well formed where it
 * matters ("path.aux.xml:line: ..."). Unknown elements of the .aux.xml (statistics GDAL adds)
 * are ignored, as are band-level metadata items. */
INTERF_API enum interf_status interf_grid_read_sidecars(const char *path,
                                                        struct interf_grid_meta *meta,
                                                        struct interf_error *err);

/* --- GeoTIFF ------------------------------------------------------------------------------ */

/* Write grid to path as a GeoTIFF that GDAL and QGIS open as it is: one band of float32
 * samples in tiles of 256 x 256, DEFLATE with the floating-point predictor. Georeferencing
 * (OGC 19-008r4, GeoTIFF 1.1): GeoKeys for EPSG:4326 (GTModelTypeGeoKey ModelTypeGeographic,
 * GTRasterTypeGeoKey RasterPixelIsArea, GeographicTypeGeoKey 4326), ModelPixelScaleTag
 * (cell_deg, cell_deg, 0) and ModelTiepointTag tying raster point (0, 0), which under
 * PixelIsArea is the outer north-west corner of cell (0, 0), to the grid's west and north edges.
 * NaN cells are written as -9999 (INTERF_GRID_NODATA, as in the ASCII grids), declared in GDAL's
 * GDAL_NODATA tag (42113). meta (may be NULL) goes into GDAL's GDAL_METADATA tag (42112): every
 * item as a dataset metadata item, the unit as band 1's UNITTYPE and the "quantity" item also as
 * band 1's description, as interf_grid_save's .aux.xml holds them.
 * Values are rounded to float32 (to nearest); an infinite value, one beyond the float32 range or
 * one that rounds to -9999 is INTERF_EINPUT naming row and column, found before any file is
 * created. path is written directly (created or truncated): a caller that wants the file to
 * appear whole writes a temporary name and renames it; on failure path may hold a partial file,
 * which the caller removes. INTERF_EIO when it cannot be written ("path: what: libtiff's
 * message"). Thread-safe: concurrent calls on different paths. */
INTERF_API enum interf_status interf_grid_write_tiff(const char *path,
                                                     const struct interf_grid *grid,
                                                     const struct interf_grid_meta *meta,
                                                     struct interf_error *err);

/* Read a GeoTIFF grid from path: the files interf_grid_write_tiff writes, and single-band
 * GeoTIFFs GDAL writes in EPSG:4326 (GeographicTypeGeoKey 4326) with square cells and rows
 * north first: samples float32, float64 or int16, tiled or in strips, any compression libtiff
 * decodes, RasterPixelIsArea or RasterPixelIsPoint (the tie point then names a cell centre).
 * Samples equal to the GDAL_NODATA value become NaN; other NaN or infinite samples are
 * INTERF_EINPUT naming row and column. meta (may be NULL; cleared first) gets the dataset items
 * of GDAL_METADATA and band 1's UNITTYPE as unit (band-level items and other domains are
 * ignored, as interf_grid_read_sidecars does). Anything else (several bands, another CRS, cells
 * not square, no georeferencing, a truncated or damaged file) is INTERF_EINPUT with one message
 * "path: field: what is wrong", e.g. "g.tif: ModelPixelScaleTag: cells not square (0.1 x 0.2
 * deg)"; a file that cannot be opened is INTERF_EIO. Memory grows with the blocks read, not with
 * the size the file announces. Free *out with interf_grid_destroy. Thread-safe. */
INTERF_API enum interf_status interf_grid_read_tiff(const char *path, struct interf_grid **out,
                                                    struct interf_grid_meta *meta,
                                                    struct interf_error *err);

/* 1 when path names a GeoTIFF by its extension: ".tif" or ".tiff" in any case, after a name
 * ("dir/.tif" has no extension, as for interf_grid_sidecar_paths); 0 otherwise. */
INTERF_API int interf_grid_is_tiff_path(const char *path);

/* 1 when the first n bytes of a file (head) begin with a TIFF signature: "II*\0" or "MM\0*"
 * (classic TIFF, little- or big-endian), "II+\0" or "MM\0+" (BigTIFF); 0 otherwise (and when
 * n < 4). It tells a TIFF from an ESRI ASCII grid, not whether the TIFF holds GeoKeys. */
INTERF_API int interf_grid_is_tiff_magic(const void *head, size_t n);

#ifdef __cplusplus
}
#endif
#endif
