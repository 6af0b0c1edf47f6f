/* SPDX-License-Identifier: MIT */
/* Tests of the reader fixes that fuzzing led to (fuzz/, issue #8): an ESRI ASCII grid whose
 * header announces many cells takes memory only as its rows arrive; the GDAL PAM reader finds
 * the dataset-level metadata items in one pass, skipping band-level ones; a pattern table's
 * gains lie in -100 to 100 dBi and a NUL byte in it is an error. Inputs that crashed the fuzz
 * targets are replayed by ctest fuzz.<reader> (fuzz/regress/). */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "interf/antenna.h"
#include "interf/grid.h"

static enum interf_status read_text(const char *text, struct interf_grid **g,
                                    struct interf_error *err)
{
    FILE *fp = fmemopen((void *)(uintptr_t)text, strlen(text), "r");
    cr_assert(fp != NULL);
    enum interf_status st = interf_grid_read_asc(fp, "t.asc", g, err);
    fclose(fp);
    return st;
}

static long peak_rss_kb(void)
{
    struct rusage ru;
    cr_assert(getrusage(RUSAGE_SELF, &ru) == 0);
    return ru.ru_maxrss;
}

/* 10000 x 10000 cells announced, one row given. Before the fix the reader allocated and filled
 * the 800 MB grid (1e8 doubles) before the first row; now the values grow with the cells read,
 * so the peak resident size grows by far less than 64 MB (4096 cells, 32 kB, here). */
Test(grid_asc, announced_cells_cost_nothing_until_read)
{
    static const char text[] = "ncols 10000\nnrows 10000\nxllcorner 0\nyllcorner 0\n"
                               "cellsize 0.00001\n1\n";
    struct interf_grid *g = NULL;
    struct interf_error err;
    long before = peak_rss_kb();
    cr_assert(eq(int, read_text(text, &g, &err), INTERF_EINPUT));
    cr_assert(g == NULL);
    /* the first row has 1 value of 10000 */
    cr_assert(strstr(err.msg, "t.asc:6: row 1 has 1 values, expected 10000") != NULL, "%s",
              err.msg);
    cr_assert(peak_rss_kb() - before < 64 * 1024, "peak RSS grew by %ld kB",
              peak_rss_kb() - before);
}

/* The growing buffer keeps every value: 100 x 50 cells (5000, past the first 4096-cell block),
 * cell (row, col) holding row * 1000 + col, NODATA -9999 at (49, 99). */
Test(grid_asc, values_survive_the_growth)
{
    size_t cap = 200000, pos = 0;
    char *text = malloc(cap);
    cr_assert(text != NULL);
    pos += (size_t)snprintf(text, cap, "ncols 100\nnrows 50\nxllcorner 0\nyllcorner 0\n"
                            "cellsize 1\nNODATA_value -9999\n");
    for (int r = 0; r < 50; r++)
        for (int c = 0; c < 100; c++)
            pos += (size_t)snprintf(text + pos, cap - pos, "%d%c",
                                    r == 49 && c == 99 ? -9999 : r * 1000 + c,
                                    c == 99 ? '\n' : ' ');
    struct interf_grid *g = NULL;
    struct interf_error err;
    cr_assert(eq(int, read_text(text, &g, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(sz, g->spec.ncols, 100));
    cr_assert(eq(sz, g->spec.nrows, 50));
    cr_assert(epsilon_eq(dbl, g->values[0], 0.0, 0));
    cr_assert(epsilon_eq(dbl, g->values[40 * 100 + 95], 40095.0, 0)); /* cell 4095 */
    cr_assert(epsilon_eq(dbl, g->values[40 * 100 + 96], 40096.0, 0)); /* cell 4096 */
    cr_assert(epsilon_eq(dbl, g->values[49 * 100 + 98], 49098.0, 0));
    cr_assert(isnan(g->values[49 * 100 + 99]));
    interf_grid_destroy(g);
    free(text);
}

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    cr_assert(fp != NULL);
    fputs(text, fp);
    cr_assert(fclose(fp) == 0);
}

/* Read the metadata of dir/g.asc from the .aux.xml text given. */
static enum interf_status read_aux(const char *aux_text, struct interf_grid_meta *m,
                                   struct interf_error *err)
{
    char dir[256], aux[300], grid[300];
    snprintf(dir, sizeof dir, "%s/interf-fuzzfix-XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    cr_assert(mkdtemp(dir) != NULL);
    snprintf(aux, sizeof aux, "%s/g.asc.aux.xml", dir);
    snprintf(grid, sizeof grid, "%s/g.asc", dir);
    write_file(aux, aux_text);
    enum interf_status st = interf_grid_read_sidecars(grid, m, err);
    unlink(aux);
    rmdir(dir);
    return st;
}

/* Items before and after a band are the dataset's; the band's own item is skipped (GDAL writes
 * band statistics there). */
Test(grid_pam, band_items_skipped_dataset_items_kept)
{
    static const char text[] =
        "<PAMDataset>\n"
        "  <Metadata><MDI key=\"a\">1</MDI></Metadata>\n"
        "  <PAMRasterBand band=\"1\">\n"
        "    <Metadata><MDI key=\"STATISTICS_MAXIMUM\">-150</MDI></Metadata>\n"
        "    <UnitType>dB(W/m2/40kHz)</UnitType>\n"
        "  </PAMRasterBand>\n"
        "  <Metadata><MDI key=\"c\">x &amp; y</MDI></Metadata>\n"
        "</PAMDataset>\n";
    struct interf_grid_meta m;
    struct interf_error err;
    cr_assert(eq(int, read_aux(text, &m, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(sz, m.n, 2));
    cr_assert(eq(str, (char *)interf_grid_meta_get(&m, "a"), "1"));
    cr_assert(eq(str, (char *)interf_grid_meta_get(&m, "c"), "x & y"));
    cr_assert(interf_grid_meta_get(&m, "STATISTICS_MAXIMUM") == NULL);
    cr_assert(eq(str, m.unit, "dB(W/m2/40kHz)"));
}

/* 3000 bands, each followed by a dataset item: every item outside the bands is read (the first
 * INTERF_GRID_META_MAX keys fill the table, the later ones are dropped as documented), none
 * inside. The old per-item search over all earlier bands made this 9e6 steps; one pass now. */
Test(grid_pam, many_bands_one_pass)
{
    size_t cap = 3000 * 120 + 64, pos = 0;
    char *text = malloc(cap);
    cr_assert(text != NULL);
    pos += (size_t)snprintf(text, cap, "<PAMDataset>\n");
    for (int k = 0; k < 3000; k++)
        pos += (size_t)snprintf(text + pos, cap - pos,
                                "<PAMRasterBand><MDI key=\"in%d\">b</MDI></PAMRasterBand>"
                                "<MDI key=\"k%d\">%d</MDI>\n", k, k, k);
    snprintf(text + pos, cap - pos, "</PAMDataset>\n");
    struct interf_grid_meta m;
    struct interf_error err;
    cr_assert(eq(int, read_aux(text, &m, &err), INTERF_OK), "%s", err.msg);
    cr_assert(eq(sz, m.n, INTERF_GRID_META_MAX));
    cr_assert(eq(str, (char *)interf_grid_meta_get(&m, "k0"), "0"));
    cr_assert(eq(str, (char *)interf_grid_meta_get(&m, "k15"), "15"));
    cr_assert(interf_grid_meta_get(&m, "in0") == NULL);
    free(text);
}

/* Load a "table" pattern from text (n bytes, NULs allowed) written to a temporary file. */
static enum interf_status load_table(const char *text, size_t n, struct interf_antenna *ant,
                                     struct interf_error *err)
{
    char path[256];
    snprintf(path, sizeof path, "%s/interf-fuzzfix-XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    cr_assert(write(fd, text, n) == (ssize_t)n);
    close(fd);
    enum interf_status st =
        interf_antenna_init_file(ant, interf_pattern_find("table"), NULL, NULL, path, 0, err);
    unlink(path);
    return st;
}

/* 30010 dBi at 0 deg was accepted and its lookup table took 66 MB and 0.9 s to build; gains
 * are now those of the catalogue's gain_max_dbi ranges, at most 100 dBi, and at least -100. */
Test(pattern_table, gain_range)
{
    static const char bad_hi[] = "0 30010\n180 -10\n", bad_lo[] = "0 10\n90 -100.5\n180 -10\n";
    static const char edges[] = "0 100\n180 -100\n";
    struct interf_antenna ant;
    struct interf_error err;
    cr_assert(eq(int, load_table(bad_hi, sizeof bad_hi - 1, &ant, &err), INTERF_EINPUT));
    cr_assert(strstr(err.msg, ":1:3: gain_dbi: 30010: allowed range -100 to 100 dBi") != NULL,
              "%s", err.msg);
    cr_assert(eq(int, load_table(bad_lo, sizeof bad_lo - 1, &ant, &err), INTERF_EINPUT));
    cr_assert(strstr(err.msg, ":2:4: gain_dbi: -100.5: allowed range") != NULL, "%s", err.msg);
    cr_assert(eq(int, load_table(edges, sizeof edges - 1, &ant, &err), INTERF_OK), "%s",
              err.msg);
    /* linear in dB between the rows: halfway, 0 dBi */
    cr_assert(epsilon_eq(dbl, interf_antenna_gain_dbi(&ant, 90.0), 0.0, 1e-12));
    interf_antenna_release(&ant);
}

/* "0 20<NUL>junk" read as "0 20" before: the rest of the line vanished silently. */
Test(pattern_table, nul_byte)
{
    static const char text[] = "0 20\0junk\n180 -10\n";
    struct interf_antenna ant;
    struct interf_error err;
    cr_assert(eq(int, load_table(text, sizeof text - 1, &ant, &err), INTERF_EINPUT));
    cr_assert(strstr(err.msg, ":1: NUL byte") != NULL, "%s", err.msg);
}
