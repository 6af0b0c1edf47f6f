/* SPDX-License-Identifier: MIT */
/* interf grid: the sidecars read back: the .prj must be a geographic CRS (PROJ reads it),
 * the .aux.xml gives the unit and the dataset metadata items (a small reader of GDAL's PAM
 * files, not a general XML parser). */
#include "grid_impl.h"

#include <errno.h>
#include <proj.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ----------------------------------------------------------------------- reading sidecars */

/* The whole of a small file, NUL-terminated; *text NULL (and INTERF_OK) when it does not
 * exist. */
static enum interf_status slurp(const char *path, char **text, struct interf_error *err)
{
    *text = NULL;
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return errno == ENOENT ? INTERF_OK
                               : interf_error_set(err, INTERF_EIO, "%s: %s", path,
                                                  strerror(errno));
    char *buf = malloc(SIDECAR_MAX_BYTES + 1);
    size_t n = buf ? fread(buf, 1, SIDECAR_MAX_BYTES + 1, fp) : 0;
    int bad = ferror(fp);
    fclose(fp);
    if (!buf)
        return interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", path);
    if (bad || n > SIDECAR_MAX_BYTES) {
        free(buf);
        return interf_error_set(err, bad ? INTERF_EIO : INTERF_EINPUT, "%s: %s", path,
                                bad ? "read error" : "larger than 1 MiB");
    }
    buf[n] = '\0';
    *text = buf;
    return INTERF_OK;
}

static enum interf_status check_prj(const char *path, const char *wkt, struct interf_error *err)
{
    enum interf_status st = INTERF_OK;
    PJ_CONTEXT *ctx = proj_context_create();
    if (!ctx)
        return interf_error_set(err, INTERF_ENOMEM, "cannot create a PROJ context");
    proj_log_level(ctx, PJ_LOG_NONE);
    PJ *crs = proj_create(ctx, wkt);
    PJ_TYPE type = crs ? proj_get_type(crs) : PJ_TYPE_UNKNOWN;
    if (!crs)
        st = interf_error_set(err, INTERF_EINPUT, "%s: PROJ cannot read the CRS in it", path);
    else if (type != PJ_TYPE_GEOGRAPHIC_2D_CRS && type != PJ_TYPE_GEOGRAPHIC_3D_CRS &&
             type != PJ_TYPE_GEOGRAPHIC_CRS)
        st = interf_error_set(err, INTERF_EINPUT, "%s: the CRS \"%s\" is not geographic "
                              "(latitude/longitude); interf grids are", path,
                              proj_get_name(crs) ? proj_get_name(crs) : "?");
    proj_destroy(crs);
    proj_context_destroy(ctx);
    return st;
}

static long line_of(const char *text, const char *at)
{
    long line = 1;
    for (; text < at; text++)
        line += *text == '\n';
    return line;
}

/* Append one UTF-8 encoded code point; 0 if it is not a valid one or does not fit. */
static int put_utf8(char **q, const char *end, unsigned long c)
{
    unsigned char b[4];
    int n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    if (c == 0 || c > 0x10FFFF || *q + n > end)
        return 0;
    if (n == 1)
        b[0] = (unsigned char)c;
    for (int k = n - 1; k > 0; k--, c >>= 6)
        b[k] = (unsigned char)(0x80 | (c & 0x3F));
    if (n > 1)
        b[0] = (unsigned char)((n == 2 ? 0xC0 : n == 3 ? 0xE0 : 0xF0) | c);
    memcpy(*q, b, (size_t)n);
    *q += n;
    return 1;
}

int grid_xml_text(const char *s, size_t len, char *out, size_t n)
{
    static const char *const ent[][2] = {{"amp;", "&"}, {"lt;", "<"}, {"gt;", ">"},
                                         {"quot;", "\""}, {"apos;", "'"}};
    char *q = out, *end = out + n - 1;
    for (size_t i = 0; i < len;) {
        if (s[i] != '&') {
            if (q >= end)
                return 0;
            *q++ = s[i++];
            continue;
        }
        size_t k, semi = i + 1;
        while (semi < len && s[semi] != ';' && semi - i < 12)
            semi++;
        if (semi >= len || s[semi] != ';')
            return 0;
        for (k = 0; k < 5; k++)
            if (strncmp(s + i + 1, ent[k][0], strlen(ent[k][0])) == 0)
                break;
        if (k < 5) {
            if (q >= end)
                return 0;
            *q++ = ent[k][1][0];
        } else if (s[i + 1] == '#') {
            int hex = s[i + 2] == 'x';
            char *stop;
            unsigned long c = strtoul(s + i + 2 + hex, &stop, hex ? 16 : 10);
            if (stop != s + semi || !put_utf8(&q, end, c))
                return 0;
        } else {
            return 0;
        }
        i = semi + 1;
    }
    *q = '\0';
    return 1;
}

static enum interf_status parse_mdi(const char *path, const char *text, const char *p,
                                    struct interf_grid_meta *m, struct interf_error *err)
{
    char key[sizeof m->items[0].key], val[sizeof m->items[0].value];
    const char *q = p + 4;
    q += strspn(q, " \t\r\n");
    char quote = strncmp(q, "key=", 4) == 0 ? q[4] : 0;
    const char *k0 = q + 5, *k1 = quote == '"' || quote == '\'' ? strchr(k0, quote) : NULL;
    const char *v0 = k1 && k1[1] == '>' ? k1 + 2 : NULL, *v1 = v0 ? strstr(v0, "</MDI>") : NULL;
    if (!v1)
        return interf_error_set(err, INTERF_EINPUT, "%s:%ld: malformed <MDI> element", path,
                                line_of(text, p));
    if (!grid_xml_text(k0, (size_t)(k1 - k0), key, sizeof key) ||
        !grid_xml_text(v0, (size_t)(v1 - v0), val, sizeof val))
        return interf_error_set(err, INTERF_EINPUT, "%s:%ld: <MDI>: bad entity or text too long",
                                path, line_of(text, p));
    /* Items that are not names, or beyond the table, are GDAL's business, not ours. */
    interf_grid_meta_set(m, key, val, NULL);
    return INTERF_OK;
}

static enum interf_status parse_pam(const char *path, const char *text,
                                    struct interf_grid_meta *m, struct interf_error *err)
{
    enum interf_status st;
    if (!strstr(text, "<PAMDataset"))
        return interf_error_set(err, INTERF_EINPUT, "%s:1: not a GDAL PAM file (no <PAMDataset>)",
                                path);
    /* One pass over the tags, skipping the items inside <PAMRasterBand> elements (band-level
     * metadata). A search for the enclosing band per item was quadratic: a 1 MB file of bands
     * and items took 27 s (found with fuzz/fuzz_grid_sidecar.c). */
    int band = 0;
    for (const char *p = strchr(text, '<'); p; p = strchr(p + 1, '<')) {
        if (strncmp(p, "<PAMRasterBand", 14) == 0)
            band = 1;
        else if (strncmp(p, "</PAMRasterBand>", 16) == 0)
            band = 0;
        else if (!band && strncmp(p, "<MDI", 4) == 0 &&
                 (st = parse_mdi(path, text, p, m, err)) != INTERF_OK)
            return st;
    }
    const char *u0 = strstr(text, "<UnitType>");
    if (u0) {
        u0 += strlen("<UnitType>");
        const char *u1 = strstr(u0, "</UnitType>");
        if (!u1 || !grid_xml_text(u0, (size_t)(u1 - u0), m->unit, sizeof m->unit))
            return interf_error_set(err, INTERF_EINPUT, "%s:%ld: malformed <UnitType> or longer "
                                    "than %zu bytes", path, line_of(text, u0),
                                    sizeof m->unit - 1);
    }
    return INTERF_OK;
}

enum interf_status interf_grid_read_sidecars(const char *path, struct interf_grid_meta *meta,
                                             struct interf_error *err)
{
    char prj[PATH_BYTES], aux[PATH_BYTES], *text = NULL;
    interf_grid_meta_init(meta);
    enum interf_status st = interf_grid_sidecar_paths(path, prj, aux, sizeof prj, err);
    if (st == INTERF_OK && (st = slurp(prj, &text, err)) == INTERF_OK && text)
        st = check_prj(prj, text, err);
    free(text);
    text = NULL;
    if (st == INTERF_OK && (st = slurp(aux, &text, err)) == INTERF_OK && text)
        st = parse_pam(aux, text, meta, err);
    free(text);
    if (st != INTERF_OK)
        interf_grid_meta_init(meta);
    return st;
}

