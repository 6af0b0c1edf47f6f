/* SPDX-License-Identifier: MIT */
/* interf-map: a grid (ESRI ASCII with its sidecars, or GeoTIFF) as a PNG map in any PROJ
 * projection, or CDF tables as a chart of the % of time each level is exceeded with an Article
 * 22 mask. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "interf/grid.h"
#include "interf/limits.h"
#include "interf/render.h"

#define MAX_MARKS 64
#define MAX_LEVELS 32

static const struct cli_option options[] = {
    {NULL, 0, 0, NULL, NULL, NULL, "Map"},
    {"proj", 0, CLI_ARG, "P", "eqc[:LON], robin[:LON], moll[:LON], eqearth[:LON],\northo:LAT,LON, "
     "geos:LON, stere:LAT,LON or '+proj=...' [eqc]", "projection", NULL},
    {"region", 0, CLI_ARG, "W/E/S/N", "area shown, deg [the grid's, or the globe]", "region_deg",
     NULL},
    {"width", 0, CLI_ARG, "PX", "image width in pixels [1200]", "width_px", NULL},
    {"interp", 0, CLI_ARG, "I", "nearest or bilinear [nearest]", NULL, NULL},
    {"range", 0, CLI_ARG, "MIN:MAX", "colour range, or the --cdf level axis [the data's]", "range",
     NULL},
    {"palette", 0, CLI_ARG, "P", "viridis, magma, cividis or diverging [viridis]", NULL, NULL},
    {"center", 0, CLI_ARG, "V", "value at the middle of the diverging palette", "center", NULL},
    {"label", 0, CLI_ARG, "TEXT", "colour-bar label [the grid's unit]", NULL, NULL},
    {"coast", 0, CLI_FLAG, NULL, "shorelines (GSHHG)", "load_coast", NULL},
    {"borders", 0, CLI_FLAG, NULL, "national borders (WDBII)", "load_borders", NULL},
    {"graticule", 0, CLI_ARG, "DEG", "meridians and parallels every DEG", "graticule_deg", NULL},
    {"contour", 0, CLI_ARG, "LEVELS", "contours at levels such as -160,-170", "contour_levels",
     NULL},
    {"mark", 0, CLI_REPEAT, "LAT,LON[,LABEL]", "a point of interest (repeatable)", NULL, NULL},
    {"track", 0, CLI_REPEAT, "FILE", "a table with lat_deg, lon_deg (repeatable)", NULL, NULL},
    {"title", 0, CLI_ARG, "TEXT", "title above the map or chart", NULL, NULL},
    {"subtitle", 0, CLI_ARG, "TEXT", "second line under the title", NULL, NULL},
    {NULL, 0, 0, NULL, NULL, NULL, "Chart"},
    {"cdf", 0, CLI_FLAG, NULL, "the operands are CDF tables: % of time exceeded", "cdf", NULL},
    {"limits", 0, CLI_ARG, "ID", "the Article 22 mask of table ID, with margins", NULL, NULL},
    {"dish-m", 0, CLI_ARG, "D", "the mask's dish, m [es_dish_m, else dish_m]", "dish_m", NULL},
    {NULL, 0, 0, NULL, NULL, NULL, "Common"},
    {"output", 'o', CLI_ARG, "FILE", "the PNG, written atomically (-: standard output)", NULL,
     NULL},
    {"quiet", 'q', CLI_FLAG, NULL, "no warnings or progress on standard error", NULL, NULL},
    {NULL, 0, 0, NULL, NULL, NULL, NULL}};

static const struct cli_tool tool = {
    "interf-map", "[GRID|-] -o FILE.png [options]\n       interf-map --cdf TABLE... -o FILE.png "
    "[options]",
    "Draw a grid (ESRI ASCII grid with its .aux.xml and .prj sidecars, or GeoTIFF) as a PNG\n"
    "map, or CDF tables as a chart. An ASCII grid is read from standard input when GRID is -\n"
    "or absent.\n",
    options, "  interf-map epfd.asc --proj robin --coast --contour -160 -o epfd.png\n"
    "  interf-map --cdf cdf.txt --limits 22-1A --dish-m 0.6 -o cdf.png\n", 1};

/* Option name's value as min to max numbers separated by sep; their count (0: not given). */
static size_t list(const char *name, char sep, double *v, size_t min, size_t max)
{
    struct interf_error err;
    size_t n = 0;
    const char *t = cli_text(name);
    if (t && interf_parse_numbers(t, sep, min, max, v, &n, &err) != INTERF_OK)
        cli_usage_error("--%s: %s", name, err.msg);
    return n;
}

/* --range MIN:MAX, MIN < MAX, into lo and hi (0 when not given). */
static int range(double *lo, double *hi)
{
    double v[2];
    if (!list("range", ':', v, 2, 2))
        return 0;
    if (!(v[0] < v[1]))
        cli_usage_error("--range: %s: MIN must be below MAX", cli_text("range"));
    *lo = v[0], *hi = v[1];
    return 1;
}

/* The map options the command line gives (the rest: interf_map_options_init). */
static void map_options(struct interf_map_options *mo, double *levels, struct interf_mark *marks)
{
    struct interf_error err;
    interf_map_options_init(mo);
    mo->width_px = (int)cli_long("width", 200, 8000, 1200);
    mo->has_range = range(&mo->range_min, &mo->range_max);
    mo->title = cli_text("title");
    mo->subtitle = cli_text("subtitle");
    mo->projection = cli_text("proj");
    mo->has_region = list("region", '/', mo->region_deg, 4, 4) > 0;
    if (cli_given("interp") && interf_interp_parse(cli_text("interp"), &mo->interp, &err))
        cli_usage_error("--interp: %s", err.msg);
    if (cli_given("palette") && interf_palette_parse(cli_text("palette"), &mo->palette, &err))
        cli_usage_error("--palette: %s", err.msg);
    mo->has_center = cli_given("center") > 0;
    mo->center = cli_real("center", -1e300, 1e300, 0);
    if (mo->has_center && !cli_given("palette"))
        mo->palette = INTERF_PALETTE_DIVERGING;
    else if (mo->has_center && mo->palette != INTERF_PALETTE_DIVERGING)
        cli_usage_error("--center: for the diverging palette, not %s", cli_text("palette"));
    mo->label = cli_text("label");
    mo->graticule_deg = cli_real("graticule", 0.01, 90, 0);
    mo->n_contours = list("contour", ',', levels, 1, MAX_LEVELS);
    mo->contour_levels = levels;
    mo->load_coast = cli_given("coast") > 0;
    mo->load_borders = cli_given("borders") > 0;
    if ((mo->n_marks = cli_given("mark")) > MAX_MARKS)
        cli_usage_error("--mark: more than %d marks", MAX_MARKS);
    for (size_t k = 0; k < mo->n_marks; k++)
        if (interf_mark_parse(cli_nth("mark", k), &marks[k], &err) != INTERF_OK)
            cli_usage_error("--mark: %s", err.msg);
    mo->marks = marks;
}

/* Read the --track tables into tracks. */
static int read_tracks(struct interf_lines *tracks)
{
    struct interf_error err;
    enum interf_status st = INTERF_OK;
    for (size_t k = 0; k < cli_given("track") && st == INTERF_OK; k++) {
        FILE *fp = NULL;
        const char *name;
        if ((st = interf_input_open(cli_nth("track", k), &fp, &name, &err)) == INTERF_OK)
            st = interf_lines_read_track(fp, name, tracks, &err);
        interf_input_close(fp);
    }
    if (st != INTERF_OK)
        cli_error("--track: %s", err.msg);
    return st == INTERF_OK ? CLI_EXIT_OK : CLI_EXIT_ERROR;
}

/* Write the PNG (standard output directly: cli_commit checks it once); it replaces the output
 * only when whole. */
static int write_png(const struct interf_image *img, const struct interf_provenance *prov)
{
    const char *path = cli_text("output");
    struct interf_error err;
    FILE *fp = path && strcmp(path, "-") != 0 ? cli_open(path) : stdout;
    if (interf_png_write_provenance(fp, img, prov, &err) == INTERF_OK)
        return cli_commit();
    if (ferror(fp))
        interf_outset_write_error(path ? path : "-", &err);
    interf_outset_unlink_all(cli_outputs());
    return cli_fail(&err);
}

static int run_map(struct interf_provenance *prov)
{
    struct interf_map_options mo;
    struct interf_grid *grid = NULL;
    struct interf_grid_meta meta = {0};
    struct interf_lines tracks = {0};
    struct interf_map *map = NULL;
    struct interf_image *img = NULL;
    struct interf_error err;
    struct interf_mark marks[MAX_MARKS];
    struct cli_progress progress;
    double levels[MAX_LEVELS];
    char **ops;
    const char *path = cli_operands(&ops) ? ops[0] : "-";
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    int rc = CLI_EXIT_ERROR;
    map_options(&mo, levels, marks);
    if (interf_grid_load(path, &grid, &meta, &err) != INTERF_OK) {
        rc = cli_fail(&err);
        goto done;
    }
    if (read_tracks(&tracks) != CLI_EXIT_OK)
        goto done;
    mo.tracks = cli_given("track") ? &tracks : NULL;
    interf_map_options_set_meta(&mo, &meta);
    cli_progress_init(&progress, 100, "%");
    mo.progress = cli_progress;
    mo.progress_user = &progress;
    if (interf_map_create(grid, &mo, &map, &err) != INTERF_OK ||
        interf_map_render(map, &img, &err) != INTERF_OK) {
        rc = cli_fail(&err);
        goto done;
    }
    cli_progress_done(&progress);
    for (size_t k = 0; k < interf_map_warning_count(map); k++)
        cli_warn("%s", interf_map_warning(map, k));
    if (!mo.label && !mo.unit)
        cli_warn("%s has no unit (no .aux.xml sidecar or GeoTIFF metadata): the colour bar has "
                 "no label; give --label", name);
    interf_map_provenance(map, &meta, name, prov);
    rc = write_png(img, prov);
done:
    interf_image_destroy(img);
    interf_map_destroy(map);
    interf_lines_free(&tracks);
    interf_grid_destroy(grid);
    return rc;
}

/* The first CDF judged against the row of --limits (S.1503-4 §D7), and the mask drawn. */
static int limit_mask(const struct interf_cdf *cdf, const char *name,
                      struct interf_chart_limit *mask)
{
    struct interf_limits *lim = NULL;
    struct interf_limit_request req;
    struct interf_limit_item item;
    struct interf_error err;
    interf_limit_request_init(&req);
    req.table = cli_text("limits");
    req.dish_m = cli_real("dish-m", 1e-3, 1e3, NAN);
    enum interf_status st = interf_limits_create(&lim, &err);
    if (st == INTERF_OK)
        st = interf_limit_judge(lim, &req, cdf, name, &item, &err);
    interf_limits_destroy(lim);
    if (st != INTERF_OK) {
        cli_error("--limits %s: %s", req.table, err.msg);
        return CLI_EXIT_ERROR;
    }
    interf_chart_limit_init(&item.verdict, mask);
    return (int)interf_limit_outcome(&item, 1);
}

static int run_chart(struct interf_provenance *prov)
{
    struct interf_chart_options co;
    struct interf_chart_limit mask;
    struct interf_cdf *cdfs = NULL;
    struct interf_image *img = NULL;
    struct interf_error err;
    const char **source = NULL;
    char **ops;
    size_t n_ops = cli_operands(&ops), n = 0;
    int verdict = CLI_EXIT_OK, rc = CLI_EXIT_ERROR;
    interf_chart_options_init(&co);
    co.width_px = (int)cli_long("width", 200, 8000, 1200);
    co.title = cli_text("title");
    co.subtitle = cli_text("subtitle");
    co.has_range = range(&co.range_min_db, &co.range_max_db);
    if (interf_cdf_read_paths((const char *const *)ops, n_ops, &cdfs, &n, &source, &err)) {
        rc = cli_fail(&err);
        goto done;
    }
    if (cli_given("limits") && (verdict = limit_mask(cdfs, source[0], &mask)) == CLI_EXIT_ERROR)
        goto done;
    co.mask = cli_given("limits") ? &mask.mask : NULL;
    if (interf_cdf_chart(cdfs, n, &co, &img, NULL, &err) != INTERF_OK) {
        rc = cli_fail(&err);
        goto done;
    }
    interf_chart_provenance(cdfs, n, source, n_ops, &co, prov);
    if ((rc = write_png(img, prov)) == CLI_EXIT_OK)
        rc = verdict; /* 1: a limit exceeded, 3: a run too short for the row */
done:
    interf_image_destroy(img);
    free((void *)source);
    interf_cdf_free_all(cdfs, n);
    return rc;
}

/* The checks that need every option: which mode (mode[]: the options of maps, then the two
 * of charts), what goes where. */
static void check_args(void)
{
    static const char *const mode[] = {"proj", "region", "coast", "borders", "graticule",
                                       "contour", "mark", "track", "interp", "center", "palette",
                                       "label", "limits", "dish-m"};
    char **ops;
    size_t n_ops = cli_operands(&ops), stdin_uses = 0, n = sizeof mode / sizeof mode[0];
    int cdf = cli_given("cdf") > 0;
    for (size_t k = 0; k < n; k++)
        if (cli_given(mode[k]) && cdf == (k < n - 2))
            cli_usage_error(cdf ? "--%s: a map option, not for --cdf charts"
                                : "--%s: needs --cdf (a limit mask is drawn on a CDF chart)",
                            mode[k]);
    if (cli_given("dish-m") && !cli_given("limits"))
        cli_usage_error("--dish-m: needs --limits");
    if (cdf && n_ops < 1)
        cli_usage_error("--cdf: give one or more CDF tables (- for standard input)");
    if (!cdf && n_ops > 1)
        cli_usage_error("%s: one grid at a time (CDF tables need --cdf)", ops[1]);
    for (size_t k = 0; k < n_ops; k++)
        stdin_uses += strcmp(ops[k], "-") == 0;
    for (size_t k = 0; k < cli_given("track"); k++)
        stdin_uses += strcmp(cli_nth("track", k), "-") == 0;
    if (stdin_uses + (!cdf && n_ops == 0) > 1)
        cli_usage_error("standard input can be read once only");
}

int main(int argc, char **argv)
{
    struct interf_provenance prov;
    cli_parse(&tool, argc, argv);
    check_args();
    cli_output_check(cli_text("output"), 1);
    interf_provenance_init(&prov, "interf-map");
    interf_provenance_set_command(&prov, argc, argv);
    return cli_given("cdf") ? run_chart(&prov) : run_map(&prov);
}
