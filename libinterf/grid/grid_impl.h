/* SPDX-License-Identifier: MIT */
/* interf grid, private: what the grid layer's files share. Never installed. */
#ifndef INTERF_GRID_IMPL_H
#define INTERF_GRID_IMPL_H

#include "interf/grid.h"

/* Grid edges may miss -90, 90 or a whole number of cells by rounding in their decimal text. */
#define EDGE_EPS_DEG 1e-9
/* Largest sidecar read back: an .aux.xml with GDAL's statistics is a few kB. */
#define SIDECAR_MAX_BYTES (1L << 20)
#define PATH_BYTES 4200

/* Put "prefix: " before the message already in err; returns st. */
enum interf_status grid_prefix_error(struct interf_error *err, enum interf_status st,
                                     const char *prefix);

#endif
