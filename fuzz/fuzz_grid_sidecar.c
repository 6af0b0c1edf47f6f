/* SPDX-License-Identifier: MIT */
/* Fuzz target: the sidecars of a grid (interf_grid_read_sidecars): the .aux.xml (our small
 * GDAL PAM reader) and the .prj (read by PROJ). An input starting with byte 0x01 holds the
 * .prj after it, up to its first NUL byte, then the .aux.xml; any other input is the .aux.xml
 * alone (PROJ costs some 50 ms a call under the sanitizers: most runs leave it out). The files
 * are g.prj and g.asc.aux.xml in a fresh folder of $TMPDIR or /tmp, removed after each run.
 * Checks: one-line messages naming a sidecar; metadata keys non-empty, values and the unit
 * NUL-terminated within their fields; nothing kept after an error. */
#include "fuzz.h"

#include <stdio.h>
#include <string.h>

#include "interf.h"

static void check_meta(const struct interf_grid_meta *m)
{
    fuzz_check(m->n <= INTERF_GRID_META_MAX);
    fuzz_check(memchr(m->unit, '\0', sizeof m->unit) != NULL);
    for (size_t i = 0; i < m->n; i++) {
        const struct interf_grid_meta_item *it = &m->items[i];
        fuzz_check(memchr(it->key, '\0', sizeof it->key) != NULL && it->key[0] != '\0');
        fuzz_check(memchr(it->value, '\0', sizeof it->value) != NULL);
        fuzz_check(strcmp(interf_grid_meta_get(m, it->key), it->value) == 0);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char dir[FUZZ_DIR_MAX], path[FUZZ_DIR_MAX + 32];
    if (fuzz_tmpdir(dir) != 0)
        return 0;
    int ok;
    if (size && data[0] == 1) {
        const uint8_t *nul = memchr(data + 1, '\0', size - 1);
        size_t n_prj = nul ? (size_t)(nul - data) - 1 : size - 1;
        size_t skip = nul ? n_prj + 2 : size;
        ok = fuzz_put(dir, "g.prj", data + 1, n_prj) == 0 &&
             (!nul || fuzz_put(dir, "g.asc.aux.xml", data + skip, size - skip) == 0);
    } else {
        ok = fuzz_put(dir, "g.asc.aux.xml", data, size) == 0;
    }
    snprintf(path, sizeof path, "%s/g.asc", dir);
    if (ok) {
        struct interf_grid_meta meta;
        struct interf_error err = {0, ""};
        if (interf_grid_read_sidecars(path, &meta, &err) == INTERF_OK) {
            check_meta(&meta);
        } else {
            fuzz_check(fuzz_msg_ok(err.msg, dir));
            fuzz_check(meta.n == 0 && meta.unit[0] == '\0');
        }
    }
    fuzz_rmdir(dir);
    return 0;
}
