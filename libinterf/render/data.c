/* SPDX-License-Identifier: MIT */
/* interf render: the data files a map draws (GSHHG shorelines and WDBII borders of
 * data/coastlines): where they are found, and which set a map loads for its resolution. */
#include "render_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef INTERF_DATADIR
#define INTERF_DATADIR "/usr/local/share/interf"
#endif

/* The folder of the running executable (Linux /proc), or "" when unknown. */
static void exe_dir(char *dir, size_t n)
{
    ssize_t len = readlink("/proc/self/exe", dir, n - 1);
    dir[len > 0 ? len : 0] = '\0';
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    else
        dir[0] = '\0';
}

enum interf_status interf_data_find(const char *rel, char *path, size_t n,
                                    struct interf_error *err)
{
    const char *env = getenv("INTERF_DATA");
    char dirs[3][2048], tried[6200] = "", exe[1900];
    int nd = 0;
    if (env && *env) {
        snprintf(dirs[nd++], sizeof dirs[0], "%s", env);
    } else {
        exe_dir(exe, sizeof exe);
        snprintf(dirs[nd++], sizeof dirs[0], "%s", INTERF_DATADIR);
        if (exe[0])
            snprintf(dirs[nd++], sizeof dirs[0], "%s/../share/interf", exe);
#ifdef INTERF_SOURCE_DATADIR
        snprintf(dirs[nd++], sizeof dirs[0], "%s", INTERF_SOURCE_DATADIR);
#endif
    }
    for (int k = 0; k < nd; k++) {
        int w = snprintf(path, n, "%s/%s", dirs[k], rel);
        if (w > 0 && (size_t)w < n && access(path, R_OK) == 0)
            return INTERF_OK;
        size_t used = strlen(tried);
        snprintf(tried + used, sizeof tried - used, "%s%s", k ? ", " : "", dirs[k]);
    }
    size_t top = strcspn(rel, "/");
    return interf_error_set(err, INTERF_EINPUT, "%s not found in %s; set INTERF_DATA to the "
                            "folder that holds %.*s/", rel, tried, (int)top, rel);
}

/* Read the GMT lines of data file rel into out; messages start with "field: ". */
static enum interf_status load(const char *rel, const char *field, struct interf_lines *out,
                               struct interf_error *err)
{
    char path[4200];
    struct interf_error e;
    enum interf_status st = interf_data_find(rel, path, sizeof path, &e);
    if (st != INTERF_OK)
        return interf_error_set(err, st, "%s: %s", field, e.msg);
    FILE *fp = fopen(path, "r");
    if (!fp)
        return interf_error_set(err, INTERF_EIO, "%s: %s: cannot open", field, path);
    st = interf_lines_read_gmt(fp, path, out, err);
    fclose(fp);
    return st;
}

enum interf_status render_map_load_data(struct interf_map *m, struct interf_error *err)
{
    enum interf_status st = INTERF_OK;
    /* The crude set below 5 pixels per degree (a whole world 1200 pixels wide), the
     * low-resolution set above. */
    double px_per_deg = INTERF_RE_KM * 1000.0 * INTERF_DEG / m->lay.m_per_px;
    const char *shore = px_per_deg < 5 ? "coastlines/shoreline-crude.txt"
                                       : "coastlines/shoreline-low.txt";
    if (m->opt.load_coast && !m->opt.coast) {
        st = load(shore, "load_coast", &m->coast, err);
        m->opt.coast = &m->coast;
    }
    if (st == INTERF_OK && m->opt.load_borders && !m->opt.borders) {
        st = load("coastlines/borders-low.txt", "load_borders", &m->borders, err);
        m->opt.borders = &m->borders;
    }
    return st;
}
