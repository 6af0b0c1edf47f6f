/* SPDX-License-Identifier: MIT */
/* interf grid, private: what the GeoTIFF writer (grid_tiff.c) and reader (grid_tiff_read.c)
 * share. Never installed. */
#ifndef INTERF_GRID_TIFF_IMPL_H
#define INTERF_GRID_TIFF_IMPL_H

#include <geotiff.h>
#include <geotiffio.h>
#include <tiffio.h>
#include <xtiffio.h>

#include "grid_impl.h"

/* GDAL's private TIFF tags (ASCII): the NODATA value as text, and metadata as GDAL's XML. */
#define TIFF_TAG_GDAL_METADATA 42112
#define TIFF_TAG_GDAL_NODATA 42113
#define EPSG_WGS84 4326
/* Largest tile or strip read at once, and largest single allocation libtiff may make: far above
 * any real grid's block, small enough that a damaged header cannot ask for gigabytes. */
#define TIFF_BLOCK_MAX_BYTES (256L << 20)

/* The first error libtiff or libgeotiff reports on one file (their default handlers print to
 * stderr, which a library must not). */
struct tiff_msg {
    char text[256];
};

/* TIFFOpenExt of path in mode ("r", "w") with GDAL's and GeoTIFF's tags known and libtiff's
 * errors kept in m, its warnings dropped; NULL on failure (m says why, or errno). */
TIFF *grid_tiff_open(const char *path, const char *mode, struct tiff_msg *m);
/* libgeotiff's error callback (GTIFNewEx): the message into the tiff_msg of its user data. */
void grid_gtif_error(GTIF *gt, int level, const char *fmt, ...) GTIF_PRINT_FUNC_FORMAT(3, 4);
/* err = "path: what[: libtiff's message]"; returns st. */
enum interf_status grid_tiff_fail(struct interf_error *err, enum interf_status st,
                                  const char *path, const struct tiff_msg *m, const char *what);

#endif
