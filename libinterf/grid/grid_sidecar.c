/* SPDX-License-Identifier: MIT */
/* interf grid: metadata, sidecar names, and a grid saved with its .prj (WKT from PROJ) and
 * .aux.xml (GDAL PAM) sidecars, all three written to temporary files and renamed into place. */
#include "grid_impl.h"

#include <ctype.h>
#include <errno.h>
#include <proj.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------------- metadata */

enum interf_status interf_grid_meta_set_provenance(struct interf_grid_meta *m,
                                                   const struct interf_provenance *p,
                                                   struct interf_error *err)
{
    enum interf_status st = INTERF_OK;
    for (size_t k = 0; k < p->n && st == INTERF_OK; k++)
        st = interf_grid_meta_set(m, p->item[k].key, p->item[k].value, err);
    return st;
}

void interf_grid_meta_init(struct interf_grid_meta *m) { memset(m, 0, sizeof *m); }

static int is_name(const char *k)
{
    if (!(isalpha((unsigned char)k[0]) || k[0] == '_'))
        return 0;
    for (; *k; k++)
        if (!(isalnum((unsigned char)*k) || strchr("_.-", *k)))
            return 0;
    return 1;
}

enum interf_status interf_grid_meta_set(struct interf_grid_meta *m, const char *key,
                                        const char *value, struct interf_error *err)
{
    if (strlen(key) >= sizeof m->items[0].key || !is_name(key))
        return interf_error_set(err, INTERF_EINPUT, "metadata key \"%.64s\": not a name of at "
                                "most 63 characters", key);
    if (strlen(value) >= sizeof m->items[0].value)
        return interf_error_set(err, INTERF_EINPUT, "metadata %s: value longer than %zu bytes",
                                key, sizeof m->items[0].value - 1);
    size_t k = 0;
    while (k < m->n && strcmp(m->items[k].key, key) != 0)
        k++;
    if (k == INTERF_GRID_META_MAX)
        return interf_error_set(err, INTERF_EINPUT, "metadata %s: more than %d items", key,
                                INTERF_GRID_META_MAX);
    memcpy(m->items[k].key, key, strlen(key) + 1);
    memcpy(m->items[k].value, value, strlen(value) + 1);
    if (k == m->n)
        m->n++;
    return INTERF_OK;
}

const char *interf_grid_meta_get(const struct interf_grid_meta *m, const char *key)
{
    for (size_t k = 0; k < m->n; k++)
        if (strcmp(m->items[k].key, key) == 0)
            return m->items[k].value;
    return NULL;
}

/* ------------------------------------------------------------------------------- sidecars */

enum interf_status interf_grid_sidecar_paths(const char *path, char *prj, char *aux, size_t n,
                                             struct interf_error *err)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t stem = dot && dot != base ? (size_t)(dot - path) : strlen(path);
    if (stem + 5 > n || strlen(path) + 9 > n)
        return interf_error_set(err, INTERF_EINPUT, "%.64s...: path too long", path);
    memcpy(prj, path, stem);
    memcpy(prj + stem, ".prj", 5);
    snprintf(aux, n, "%s.aux.xml", path);
    return INTERF_OK;
}

enum interf_status interf_grid_crs_wkt(char **wkt, struct interf_error *err)
{
    enum interf_status st = INTERF_OK;
    *wkt = NULL;
    PJ_CONTEXT *ctx = proj_context_create();
    if (!ctx)
        return interf_error_set(err, INTERF_ENOMEM, "cannot create a PROJ context");
    proj_log_level(ctx, PJ_LOG_NONE);
    PJ *crs = proj_create(ctx, "EPSG:4326");
    const char *text = crs ? proj_as_wkt(ctx, crs, PJ_WKT1_ESRI, NULL) : NULL;
    if (!text)
        st = interf_error_set(err, INTERF_EIO, "PROJ cannot give the WKT of EPSG:4326: %s",
                              proj_context_errno_string(ctx, proj_context_errno(ctx)));
    else if (!(*wkt = strdup(text)))
        st = interf_error_set(err, INTERF_ENOMEM, "out of memory");
    proj_destroy(crs);
    proj_context_destroy(ctx);
    return st;
}

void grid_xml_put(FILE *fp, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '&': fputs("&amp;", fp); break;
        case '<': fputs("&lt;", fp); break;
        case '>': fputs("&gt;", fp); break;
        case '"': fputs("&quot;", fp); break;
        case '\'': fputs("&apos;", fp); break;
        default: fputc(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? '?' : c, fp);
        }
    }
}

/* GDAL's PAM file: dataset metadata items, then band 1 with its description and unit. */
static void write_pam(FILE *fp, const struct interf_grid_meta *m)
{
    const char *quantity = interf_grid_meta_get(m, "quantity");
    fputs("<PAMDataset>\n  <Metadata>\n", fp);
    for (size_t k = 0; k < m->n; k++) {
        fputs("    <MDI key=\"", fp);
        grid_xml_put(fp, m->items[k].key);
        fputs("\">", fp);
        grid_xml_put(fp, m->items[k].value);
        fputs("</MDI>\n", fp);
    }
    fputs("  </Metadata>\n  <PAMRasterBand band=\"1\">\n", fp);
    if (quantity) {
        fputs("    <Description>", fp);
        grid_xml_put(fp, quantity);
        fputs("</Description>\n", fp);
    }
    if (m->unit[0]) {
        fputs("    <UnitType>", fp);
        grid_xml_put(fp, m->unit);
        fputs("</UnitType>\n", fp);
    }
    fputs("  </PAMRasterBand>\n</PAMDataset>\n", fp);
}

enum interf_status interf_grid_save(struct interf_outset *set, const char *path,
                                    const struct interf_grid *g,
                                    const struct interf_grid_meta *meta, int decimals,
                                    struct interf_error *err)
{
    char prj[PATH_BYTES], aux[PATH_BYTES];
    struct interf_grid_meta empty;
    FILE *fp[3];
    enum interf_status st;
    if (!set || !path || !g)
        return interf_error_set(err, INTERF_EINVAL, "interf_grid_save: NULL argument");
    if (!meta) {
        interf_grid_meta_init(&empty);
        meta = &empty;
    }
    /* A GeoTIFF holds its CRS, NODATA, unit and metadata in its own tags: no sidecars. */
    if (interf_grid_is_tiff_path(path)) {
        const char *tmp;
        if ((st = interf_outset_path(set, path, &tmp, err)) != INTERF_OK)
            return st;
        return interf_grid_write_tiff(tmp, g, meta, err);
    }
    /* Standard output or a device (/dev/full, a FIFO) has no place for sidecars: the grid
     * alone, written directly. */
    if (interf_outset_is_direct(path)) {
        if ((st = interf_outset_open(set, path, &fp[0], err)) == INTERF_OK &&
            (st = interf_grid_write_asc(fp[0], g, decimals, err)) != INTERF_OK)
            grid_prefix_error(err, st, strcmp(path, "-") == 0 ? "standard output" : path);
        return st;
    }
    char *wkt = NULL;
    if ((st = interf_grid_sidecar_paths(path, prj, aux, sizeof prj - 32, err)) != INTERF_OK ||
        (st = interf_grid_crs_wkt(&wkt, err)) != INTERF_OK)
        return st;
    /* The grid first, its sidecars after (the set renames the last added first): whoever sees
     * the new grid sees its new sidecars. */
    const char *target[3] = {path, prj, aux};
    for (int k = 0; k < 3 && st == INTERF_OK; k++)
        st = interf_outset_open(set, target[k], &fp[k], err);
    if (st == INTERF_OK) {
        fprintf(fp[1], "%s\n", wkt);
        write_pam(fp[2], meta);
        if ((st = interf_grid_write_asc(fp[0], g, decimals, err)) != INTERF_OK)
            grid_prefix_error(err, st, path);
    }
    free(wkt);
    return st;
}

enum interf_status interf_grid_load(const char *path, struct interf_grid **out,
                                    struct interf_grid_meta *meta, struct interf_error *err)
{
    int is_stdin = strcmp(path, "-") == 0;
    unsigned char head[4] = {0};
    enum interf_status st;
    *out = NULL;
    interf_grid_meta_init(meta);
    FILE *fp = is_stdin ? stdin : fopen(path, "rb");
    if (!fp)
        return interf_error_set(err, INTERF_EIO, "%s: %s", path, strerror(errno));
    size_t n = is_stdin ? 0 : fread(head, 1, sizeof head, fp);
    if (!is_stdin && interf_grid_is_tiff_magic(head, n)) {
        fclose(fp);
        return interf_grid_read_tiff(path, out, meta, err);
    }
    if (!is_stdin)
        rewind(fp);
    st = interf_grid_read_asc(fp, is_stdin ? "<stdin>" : path, out, err);
    if (!is_stdin)
        fclose(fp);
    if (st == INTERF_OK && !is_stdin && (st = interf_grid_read_sidecars(path, meta, err))) {
        interf_grid_destroy(*out);
        *out = NULL;
    }
    return st;
}
