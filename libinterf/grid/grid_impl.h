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

/* XML character data s[0..len) with its entities decoded into out (n bytes). 0 on a bad
 * entity or when it does not fit. */
int grid_xml_text(const char *s, size_t len, char *out, size_t n);
/* XML text: the five markup characters as entities; control characters XML 1.0 forbids as
 * '?'. */
void grid_xml_put(FILE *fp, const char *s);

#endif
