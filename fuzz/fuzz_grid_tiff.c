/* SPDX-License-Identifier: MIT */
/* Fuzz target: GeoTIFF grids (interf_grid_read_tiff), the input written to g.tif in a fresh
 * folder of $TMPDIR or /tmp (libtiff reads files), removed after each run. A grid read is
 * checked (spec valid, values finite or NaN, metadata NUL-terminated), written back as a
 * GeoTIFF and read again: the round trip must give the same geometry and values (a file of
 * float64 samples may hold values float32 cannot; those must be refused, cleanly; the unit
 * may lose control characters XML cannot hold). Errors: one line naming the file, nothing
 * returned. */
#include "fuzz.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "interf.h"

static void check_grid(const struct interf_grid *g, const struct interf_grid_meta *m)
{
    struct interf_error err = {0, ""};
    fuzz_check(interf_grid_spec_check(&g->spec, &err) == INTERF_OK);
    for (size_t k = 0; k < g->spec.ncols * g->spec.nrows; k++)
        fuzz_check(isnan(g->values[k]) || isfinite(g->values[k]));
    fuzz_check(m->n <= INTERF_GRID_META_MAX);
    fuzz_check(memchr(m->unit, '\0', sizeof m->unit) != NULL);
    for (size_t i = 0; i < m->n; i++)
        fuzz_check(memchr(m->items[i].value, '\0', sizeof m->items[i].value) != NULL &&
                   m->items[i].key[0] != '\0');
}

static int xml_text_ok(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 && !strchr("\t\n\r", *s))
            return 0;
    return 1;
}

static void round_trip(const char *dir, const struct interf_grid *g,
                       const struct interf_grid_meta *m)
{
    char path[FUZZ_DIR_MAX + 32];
    struct interf_error err = {0, ""};
    struct interf_grid *back = NULL;
    struct interf_grid_meta m2;
    snprintf(path, sizeof path, "%s/back.tif", dir);
    enum interf_status st = interf_grid_write_tiff(path, g, m, &err);
    if (st != INTERF_OK) {
        fuzz_check(st == INTERF_EINPUT && fuzz_msg_ok(err.msg, path));
        return;
    }
    fuzz_check(interf_grid_read_tiff(path, &back, &m2, &err) == INTERF_OK);
    fuzz_check(back->spec.ncols == g->spec.ncols && back->spec.nrows == g->spec.nrows);
    fuzz_check(fabs(back->spec.xllcenter_deg - g->spec.xllcenter_deg) <= 1e-9 &&
               fabs(back->spec.yllcenter_deg - g->spec.yllcenter_deg) <= 1e-9 &&
               back->spec.cell_deg == g->spec.cell_deg);
    for (size_t k = 0; k < g->spec.ncols * g->spec.nrows; k++) {
        double a = back->values[k], b = g->values[k];
        fuzz_check(isnan(b) ? isnan(a) : a == (double)(float)b);
    }
    /* control characters XML 1.0 forbids are written as '?' (grid_xml_put) */
    fuzz_check(m2.n == m->n && (strcmp(m2.unit, m->unit) == 0 || !xml_text_ok(m->unit)));
    interf_grid_destroy(back);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char dir[FUZZ_DIR_MAX], path[FUZZ_DIR_MAX + 32];
    if (fuzz_tmpdir(dir) != 0)
        return 0;
    snprintf(path, sizeof path, "%s/g.tif", dir);
    if (fuzz_put(dir, "g.tif", data, size) == 0) {
        struct interf_grid *g = NULL;
        struct interf_grid_meta meta;
        struct interf_error err = {0, ""};
        if (interf_grid_read_tiff(path, &g, &meta, &err) == INTERF_OK) {
            check_grid(g, &meta);
            round_trip(dir, g, &meta);
        } else {
            fuzz_check(g == NULL && meta.n == 0 && meta.unit[0] == '\0');
            fuzz_check(fuzz_msg_ok(err.msg, path));
        }
        interf_grid_destroy(g);
    }
    fuzz_rmdir(dir);
    return 0;
}
