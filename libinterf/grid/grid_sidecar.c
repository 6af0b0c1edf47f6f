/* SPDX-License-Identifier: MIT */
/* interf grid: metadata, sidecar names, and a grid saved with its .prj (WKT from PROJ) and
 * .aux.xml (GDAL PAM) sidecars, all three written to temporary files and renamed into place. */
#include "grid_impl.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <proj.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ------------------------------------------------------------------------------- metadata */

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

void interf_grid_tmp_path(const char *target, int k, char *buf, size_t n)
{
    snprintf(buf, n, "%s.tmp.%ld.%d", target, (long)getpid(), k);
}

struct tmp_out {
    const char *target;
    char path[PATH_BYTES];
    FILE *fp;
    int live; /* the temporary file exists */
};

/* A new file beside t->target: O_EXCL with mode 0666, so that the umask applies as for fopen
 * (mkstemp's 0600 would need a umask() round trip, which is process-wide state). */
static enum interf_status tmp_open(struct tmp_out *t, struct interf_error *err)
{
    for (int k = 0; k < 1000; k++) {
        interf_grid_tmp_path(t->target, k, t->path, sizeof t->path);
        int fd = open(t->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno == EEXIST)
            continue;
        if (fd < 0)
            break;
        t->live = 1;
        if (!(t->fp = fdopen(fd, "w"))) {
            close(fd);
            break;
        }
        return INTERF_OK;
    }
    return interf_error_set(err, INTERF_EIO, "%s: %s", t->target, strerror(errno));
}

static enum interf_status tmp_close(struct tmp_out *t, struct interf_error *err)
{
    errno = 0;
    int bad = fflush(t->fp) != 0 || ferror(t->fp);
    int e = errno;
    if (fclose(t->fp) != 0 && !bad) {
        bad = 1;
        e = errno;
    }
    t->fp = NULL;
    return bad ? interf_error_set(err, INTERF_EIO, "%s: write error: %s", t->target,
                                  strerror(e ? e : EIO))
               : INTERF_OK;
}

static enum interf_status save_files(struct tmp_out t[3], const struct interf_grid *g,
                                     const struct interf_grid_meta *m, int decimals,
                                     struct interf_error *err)
{
    enum interf_status st;
    char *wkt = NULL;
    if ((st = interf_grid_crs_wkt(&wkt, err)) != INTERF_OK)
        return st;
    for (int k = 0; k < 3 && st == INTERF_OK; k++)
        st = tmp_open(&t[k], err);
    if (st == INTERF_OK && (st = interf_grid_write_asc(t[0].fp, g, decimals, err)) != INTERF_OK)
        grid_prefix_error(err, st, t[0].target);
    if (st == INTERF_OK) {
        fprintf(t[1].fp, "%s\n", wkt);
        write_pam(t[2].fp, m);
    }
    free(wkt);
    for (int k = 0; k < 3; k++) {
        enum interf_status c = t[k].fp ? tmp_close(&t[k], st == INTERF_OK ? err : NULL)
                                       : INTERF_OK;
        st = st == INTERF_OK ? c : st;
    }
    /* Sidecars first, the grid last: whoever sees the new grid sees its new sidecars. */
    for (int k = 2; k >= 0 && st == INTERF_OK; k--) {
        if (rename(t[k].path, t[k].target) != 0)
            st = interf_error_set(err, INTERF_EIO, "%s: %s", t[k].target, strerror(errno));
        else
            t[k].live = 0;
    }
    return st;
}

enum interf_status interf_grid_save(const char *path, const struct interf_grid *g,
                                    const struct interf_grid_meta *meta, int decimals,
                                    struct interf_error *err)
{
    char prj[PATH_BYTES], aux[PATH_BYTES];
    struct interf_grid_meta empty;
    if (!path || !g)
        return interf_error_set(err, INTERF_EINVAL, "interf_grid_save: NULL argument");
    enum interf_status st = interf_grid_sidecar_paths(path, prj, aux, sizeof prj - 32, err);
    if (st != INTERF_OK)
        return st;
    if (!meta) {
        interf_grid_meta_init(&empty);
        meta = &empty;
    }
    struct tmp_out t[3] = {{path, "", NULL, 0}, {prj, "", NULL, 0}, {aux, "", NULL, 0}};
    st = save_files(t, g, meta, decimals, err);
    for (int k = 0; k < 3; k++) {
        if (t[k].fp)
            fclose(t[k].fp);
        if (t[k].live)
            unlink(t[k].path);
    }
    return st;
}

