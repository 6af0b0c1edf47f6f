/* SPDX-License-Identifier: MIT */
/* interf-map: a grid (ESRI ASCII, with its sidecars) as a PNG map in any PROJ projection, with
 * colour bar, coastlines, borders, graticule, contours, tracks and marks; or CDF tables as a
 * chart of the percentage of time each level is exceeded. Provenance goes into iTXt chunks. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli_legacy.h"
#include "interf/grid.h"
#include "interf/limits.h"
#include "interf/render.h"

#define MAX_MARKS 64
#define MAX_TRACKS 16
#define MAX_LEVELS 32

static const char usage[] =
    "Usage: interf-map [GRID|-] -o FILE.png [options]\n"
    "       interf-map --cdf TABLE... -o FILE.png [options]\n"
    "Draw a grid (ESRI ASCII grid, with its .aux.xml and .prj sidecars) as a PNG map, or CDF\n"
    "tables as a chart. The grid is read from standard input when GRID is - or absent.\n"
    "\n"
    "Map:\n"
    "      --proj P             eqc[:LON], robin[:LON], moll[:LON], eqearth[:LON],\n"
    "                           ortho:LAT,LON, geos:LON, stere:LAT,LON or a PROJ string\n"
    "                           '+proj=...' [eqc]\n"
    "      --region W/E/S/N     area shown, deg (170/-170 crosses the antimeridian) [the grid's;\n"
    "                           the globe for robin, moll, eqearth, ortho, geos]\n"
    "      --width PX           image width in pixels [1200]\n"
    "      --interp I           nearest or bilinear [nearest]\n"
    "      --range MIN:MAX      colour range, in the grid's unit [the values shown, above\n"
    "                           -300]\n"
    "      --palette P          viridis, magma, cividis or diverging (red below the centre,\n"
    "                           blue above) [viridis; diverging with --center]\n"
    "      --center V           value at the middle of the diverging palette\n"
    "      --label TEXT         colour-bar label [the unit in the grid's .aux.xml]\n"
    "      --coast              shorelines (GSHHG)\n"
    "      --borders            national borders (WDBII)\n"
    "      --graticule DEG      meridians and parallels every DEG degrees\n"
    "      --contour LEVELS     labelled contour lines at these levels, e.g. -160,-170\n"
    "      --mark LAT,LON[,LABEL]  a point of interest (repeatable)\n"
    "      --track FILE         a track: table with lat_deg and lon_deg columns, such as\n"
    "                           interf-orbit prints (repeatable)\n"
    "      --title TEXT         title above the map\n"
    "      --subtitle TEXT      second line under the title\n"
    "Chart:\n"
    "      --cdf                the operands are CDF tables: draw % of time exceeded\n"
    "                           (log axis) against level; --range sets the level axis\n"
    "      --limits ID          with --cdf: draw the Article 22 limit mask of table ID\n"
    "                           (22-1A ... 22-1E, 22-2, 22-3) and the first CDF's margins\n"
    "      --dish-m D           the limit row's earth-station dish diameter, m [the first\n"
    "                           CDF's es_dish_m]\n"
    "Common:\n"
    "  -o, --output FILE        write the PNG to FILE (atomically); standard output when\n"
    "                           FILE is - and it is not a terminal\n"
    "  -q, --quiet              no warnings or progress on standard error\n"
    "  -h, --help               show this help and exit\n"
    "      --version            show the version and exit\n"
    "\n"
    "Examples:\n"
    "  interf-map epfd.asc --proj robin --coast --contour -160 -o epfd.png\n"
    "  interf-map footprint.asc --proj geos:19.2 --coast --borders --graticule 10 -o fp.png\n"
    "  interf-map --cdf cdf.txt --limits 22-1A --dish-m 0.6 -o cdf.png\n";

struct opts {
    const char *output, *proj, *palette, *label, *title, *subtitle, *limits;
    const char *tracks[MAX_TRACKS];
    size_t n_tracks;
    struct interf_mark marks[MAX_MARKS];
    size_t n_marks;
    double levels[MAX_LEVELS];
    size_t n_levels;
    double region[4], range[2], center, graticule_deg, dish_m;
    int has_region, has_range, has_center, width_px, bilinear, coast, borders, cdf, quiet;
    int has_dish;
    enum interf_palette palette_id;
    char **operands;
    int n_operands;
};

/* ----------------------------------------------------------------------- option values */

/* strtod of the whole of s, finite. */
static int number(const char *s, double *v)
{
    char *end;
    errno = 0;
    *v = strtod(s, &end);
    return end != s && *end == '\0' && errno != ERANGE && isfinite(*v);
}

/* "a<sep>b<sep>..." into exactly n numbers (n = 0: up to max, count returned). */
static int numbers(const char *arg, char sep, double *v, int n, int max)
{
    char buf[512], *p = buf, *q;
    int k = 0;
    if (strlen(arg) >= sizeof buf)
        return -1;
    memcpy(buf, arg, strlen(arg) + 1);
    for (;; p = q + 1) {
        q = strchr(p, sep);
        if (q)
            *q = '\0';
        if (k == (n ? n : max) || !number(p, &v[k++]))
            return -1;
        if (!q)
            break;
    }
    return n && k != n ? -1 : k;
}

static void parse_mark(struct opts *o, const char *arg)
{
    struct interf_mark *m = &o->marks[o->n_marks];
    char buf[128];
    if (o->n_marks == MAX_MARKS)
        cli_usage_error("--mark: more than %d marks", MAX_MARKS);
    if (strlen(arg) >= sizeof buf)
        cli_usage_error("--mark: too long");
    memcpy(buf, arg, strlen(arg) + 1);
    char *c1 = strchr(buf, ','), *c2 = c1 ? strchr(c1 + 1, ',') : NULL;
    if (c1)
        *c1 = '\0';
    if (c2)
        *c2 = '\0';
    if (!c1 || !number(buf, &m->lat_deg) || !number(c1 + 1, &m->lon_deg))
        cli_usage_error("--mark: expected LAT,LON[,LABEL], got \"%s\"", arg);
    if (fabs(m->lat_deg) > 90 || fabs(m->lon_deg) > 360)
        cli_usage_error("--mark: %s: latitude beyond 90 or longitude beyond 360", arg);
    snprintf(m->label, sizeof m->label, "%s", c2 ? c2 + 1 : "");
    o->n_marks++;
}

static void parse_value_opt(struct opts *o, int c, const char *arg);

enum { O_PROJ = 256, O_REGION, O_WIDTH, O_INTERP, O_RANGE, O_PALETTE, O_CENTER, O_LABEL,
       O_COAST, O_BORDERS, O_GRATICULE, O_CONTOUR, O_MARK, O_TRACK, O_TITLE, O_SUBTITLE, O_CDF,
       O_LIMITS, O_DISH, O_VERSION };

static void parse_args(int argc, char **argv, struct opts *o)
{
    static const struct option longopts[] = {
        {"proj", required_argument, NULL, O_PROJ}, {"region", required_argument, NULL, O_REGION},
        {"width", required_argument, NULL, O_WIDTH}, {"interp", required_argument, NULL, O_INTERP},
        {"range", required_argument, NULL, O_RANGE},
        {"palette", required_argument, NULL, O_PALETTE},
        {"center", required_argument, NULL, O_CENTER}, {"label", required_argument, NULL, O_LABEL},
        {"coast", no_argument, NULL, O_COAST}, {"borders", no_argument, NULL, O_BORDERS},
        {"graticule", required_argument, NULL, O_GRATICULE},
        {"contour", required_argument, NULL, O_CONTOUR}, {"mark", required_argument, NULL, O_MARK},
        {"track", required_argument, NULL, O_TRACK}, {"title", required_argument, NULL, O_TITLE},
        {"subtitle", required_argument, NULL, O_SUBTITLE}, {"cdf", no_argument, NULL, O_CDF},
        {"limits", required_argument, NULL, O_LIMITS}, {"dish-m", required_argument, NULL, O_DISH},
        {"output", required_argument, NULL, 'o'}, {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'}, {"version", no_argument, NULL, O_VERSION},
        {NULL, 0, NULL, 0}};
    int c;
    memset(o, 0, sizeof *o);
    o->width_px = 1200;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': o->output = optarg; break;
        case 'q': o->quiet = 1; break;
        case 'h': cli_help(usage);
        case O_VERSION: cli_version();
        case O_PROJ: o->proj = optarg; break;
        case O_LABEL: o->label = optarg; break;
        case O_TITLE: o->title = optarg; break;
        case O_SUBTITLE: o->subtitle = optarg; break;
        case O_COAST: o->coast = 1; break;
        case O_BORDERS: o->borders = 1; break;
        case O_CDF: o->cdf = 1; break;
        case O_LIMITS: o->limits = optarg; break;
        case O_MARK: parse_mark(o, optarg); break;
        case ':': cli_usage_error("%s: missing value", argv[optind - 1]);
        case '?': cli_usage_error("%s: unknown option", argv[optind - 1]);
        default: parse_value_opt(o, c, optarg);
        }
    }
    o->operands = argv + optind;
    o->n_operands = argc - optind;
}

static void parse_value_opt(struct opts *o, int c, const char *arg)
{
    switch (c) {
    case O_REGION:
        if (numbers(arg, '/', o->region, 4, 4) < 0)
            cli_usage_error("--region: expected W/E/S/N in degrees, got \"%s\"", arg);
        o->has_region = 1;
        break;
    case O_WIDTH: o->width_px = (int)cli_long(arg, "--width", 200, 8000); break;
    case O_PALETTE: {
        struct interf_error err;
        if (interf_palette_parse(arg, &o->palette_id, &err) != INTERF_OK)
            cli_usage_error("--palette: %s", err.msg);
        o->palette = arg;
        break;
    }
    case O_INTERP:
        if (strcmp(arg, "nearest") != 0 && strcmp(arg, "bilinear") != 0)
            cli_usage_error("--interp: %s: allowed: nearest, bilinear", arg);
        o->bilinear = arg[0] == 'b';
        break;
    case O_RANGE:
        if (numbers(arg, ':', o->range, 2, 2) < 0)
            cli_usage_error("--range: expected MIN:MAX, got \"%s\"", arg);
        if (!(o->range[0] < o->range[1]))
            cli_usage_error("--range: %s: MIN must be below MAX", arg);
        o->has_range = 1;
        break;
    case O_CENTER:
        o->center = cli_double(arg, "--center", -1e300, 1e300);
        o->has_center = 1;
        break;
    case O_DISH:
        o->dish_m = cli_double(arg, "--dish-m", 1e-3, 1e3);
        o->has_dish = 1;
        break;
    case O_GRATICULE: o->graticule_deg = cli_double(arg, "--graticule", 0.01, 90); break;
    case O_CONTOUR: {
        int n = numbers(arg, ',', o->levels, 0, MAX_LEVELS);
        if (n < 1)
            cli_usage_error("--contour: expected levels such as -160,-170 (at most %d), got "
                            "\"%s\"", MAX_LEVELS, arg);
        o->n_levels = (size_t)n;
        break;
    }
    case O_TRACK:
        if (o->n_tracks == MAX_TRACKS)
            cli_usage_error("--track: more than %d tracks", MAX_TRACKS);
        o->tracks[o->n_tracks++] = arg;
        break;
    }
}

/* Checks that need every option: which mode, what goes where. */
static void check_args(struct opts *o)
{
    const char *map_only = o->proj ? "--proj" : o->has_region ? "--region"
                           : o->coast ? "--coast" : o->borders ? "--borders"
                           : o->graticule_deg > 0 ? "--graticule" : o->n_levels ? "--contour"
                           : o->n_marks ? "--mark" : o->n_tracks ? "--track"
                           : o->bilinear ? "--interp" : o->has_center ? "--center"
                           : o->palette ? "--palette" : o->label ? "--label" : NULL;
    if (o->cdf && map_only)
        cli_usage_error("%s: a map option, not for --cdf charts", map_only);
    if (!o->cdf && (o->limits || o->has_dish))
        cli_usage_error("%s: needs --cdf (a limit mask is drawn on a CDF chart)",
                        o->limits ? "--limits" : "--dish-m");
    if (o->has_center && o->palette && o->palette_id != INTERF_PALETTE_DIVERGING)
        cli_usage_error("--center: for the diverging palette, not %s", o->palette);
    if (o->has_dish && !o->limits)
        cli_usage_error("--dish-m: needs --limits");
    if (o->cdf && o->n_operands < 1)
        cli_usage_error("--cdf: give one or more CDF tables (- for standard input)");
    if (!o->cdf && o->n_operands > 1)
        cli_usage_error("%s: one grid at a time (CDF tables need --cdf)", o->operands[1]);
    int stdin_uses = 0;
    for (int k = 0; k < o->n_operands; k++)
        stdin_uses += strcmp(o->operands[k], "-") == 0;
    for (size_t k = 0; k < o->n_tracks; k++)
        stdin_uses += strcmp(o->tracks[k], "-") == 0;
    if (!o->cdf && o->n_operands == 0)
        stdin_uses++;
    if (stdin_uses > 1)
        cli_usage_error("standard input can be read once only");
    if ((!o->output || strcmp(o->output, "-") == 0) && isatty(STDOUT_FILENO))
        cli_usage_error("-o/--output: required (a PNG is not for a terminal)");
}

/* ----------------------------------------------------------------------------- data files */

/* The folder of this executable (Linux /proc), or "" when unknown. */
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

/* Open data file rel (such as "coastlines/shoreline-low.txt"): under $INTERF_DATA alone when it
 * is set (an explicit choice is never second-guessed); else the install location (compiled in,
 * then relative to the executable: PREFIX/bin/../share/interf), then the source tree the tool
 * was built from. The path found goes to path. NULL (with a message naming every folder tried)
 * when none has it. */
static FILE *open_data(const char *rel, const char *opt, char *path, size_t n)
{
    const char *env = getenv("INTERF_DATA");
    char dirs[4][2048], tried[8400] = "", exe[1900];
    int nd = 0;
    exe_dir(exe, sizeof exe);
    if (env && *env) {
        snprintf(dirs[nd++], sizeof dirs[0], "%s", env);
    } else {
        snprintf(dirs[nd++], sizeof dirs[0], "%s", INTERF_DATADIR);
        if (exe[0])
            snprintf(dirs[nd++], sizeof dirs[0], "%s/../share/interf", exe);
#ifdef INTERF_SOURCE_DATADIR
        snprintf(dirs[nd++], sizeof dirs[0], "%s", INTERF_SOURCE_DATADIR);
#endif
    }
    for (int k = 0; k < nd; k++) {
        int w = snprintf(path, n, "%s/%s", dirs[k], rel);
        FILE *fp = w > 0 && (size_t)w < n ? fopen(path, "r") : NULL;
        if (fp)
            return fp;
        size_t used = strlen(tried);
        w = snprintf(tried + used, sizeof tried - used, "%s%s", k ? ", " : "", dirs[k]);
        if (w < 0 || (size_t)w >= sizeof tried - used)
            break;
    }
    cli_error("%s: %s not found in %s; set INTERF_DATA to the folder that holds coastlines/", opt,
              rel, tried);
    return NULL;
}

static int load_lines(const char *rel, const char *opt, struct interf_lines *l)
{
    char path[4200];
    struct interf_error err;
    FILE *fp = open_data(rel, opt, path, sizeof path);
    if (!fp)
        return 0;
    enum interf_status st = interf_lines_read_gmt(fp, path, l, &err);
    fclose(fp);
    if (st != INTERF_OK)
        cli_error("%s", err.msg);
    return st == INTERF_OK;
}

static int load_tracks(const struct opts *o, struct interf_lines *l)
{
    struct interf_error err;
    for (size_t k = 0; k < o->n_tracks; k++) {
        int is_stdin = strcmp(o->tracks[k], "-") == 0;
        FILE *fp = is_stdin ? stdin : fopen(o->tracks[k], "r");
        if (!fp) {
            cli_error("--track: %s: %s", o->tracks[k], strerror(errno));
            return 0;
        }
        enum interf_status st = interf_lines_read_track(fp, is_stdin ? "standard input"
                                                                    : o->tracks[k], l, &err);
        if (!is_stdin)
            fclose(fp);
        if (st != INTERF_OK) {
            cli_error("--track: %s", err.msg);
            return 0;
        }
    }
    return 1;
}

/* --------------------------------------------------------------------------------- output */

struct progress_state {
    struct timespec start;
    double last_s;
};

static double elapsed(const struct progress_state *p)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - p->start.tv_sec) +
           1e-9 * (double)(now.tv_nsec - p->start.tv_nsec);
}

/* Progress on a terminal, for renders that take over a second, at most twice a second. */
static int on_progress(double f, const char *stage, void *user)
{
    struct progress_state *p = user;
    double t = elapsed(p);
    if (t < 1.0 || (t - p->last_s < 0.5 && f < 1.0))
        return 0;
    p->last_s = t;
    fprintf(stderr, "\r%s: %-9s %3.0f%%", cli_name(), stage, 100 * f);
    if (f >= 1.0)
        fputs("\n", stderr);
    return 0;
}

/* Write img to the output with its text chunks; the PNG replaces the file only when whole. */
static int write_png(const struct opts *o, const struct interf_image *img,
                     const struct interf_png_text *text, size_t n_text)
{
    struct cli_out out;
    struct interf_error err;
    if (cli_out_open(&out, o->output) != CLI_EXIT_OK)
        return CLI_EXIT_ERROR;
    if (interf_png_write(out.fp, img, text, n_text, &err) != INTERF_OK) {
        if (err.status == INTERF_EIO && out.fp && ferror(out.fp))
            return cli_out_fail(&out);
        cli_error("%s: %s", out.path ? out.path : "standard output", err.msg);
        cli_out_abort(&out);
        return CLI_EXIT_ERROR;
    }
    return cli_out_commit(&out);
}

/* ------------------------------------------------------------------------------------ map */

struct map_run {
    struct interf_grid *grid;
    struct interf_grid_meta meta;
    struct interf_lines coast, borders, tracks;
    struct interf_map *map;
    struct interf_image *img;
    const char *name; /* the grid's file name, or "standard input" */
};

static int read_grid(const struct opts *o, struct map_run *r)
{
    struct interf_error err;
    const char *path = o->n_operands ? o->operands[0] : "-";
    int is_stdin = strcmp(path, "-") == 0;
    r->name = is_stdin ? "standard input" : path;
    FILE *fp = is_stdin ? stdin : fopen(path, "r");
    if (!fp) {
        cli_error("%s: %s", path, strerror(errno));
        return 0;
    }
    enum interf_status st = interf_grid_read_asc(fp, r->name, &r->grid, &err);
    if (!is_stdin)
        fclose(fp);
    if (st == INTERF_OK && !is_stdin)
        st = interf_grid_read_sidecars(path, &r->meta, &err);
    if (st != INTERF_OK)
        cli_error("%s", err.msg);
    return st == INTERF_OK;
}

static void map_options(const struct opts *o, struct map_run *r, struct interf_map_options *mo)
{
    interf_map_options_init(mo);
    mo->projection = o->proj;
    mo->has_region = o->has_region;
    memcpy(mo->region_deg, o->region, sizeof o->region);
    mo->width_px = o->width_px;
    mo->interp = o->bilinear ? INTERF_INTERP_BILINEAR : INTERF_INTERP_NEAREST;
    mo->palette = o->palette ? o->palette_id
                  : o->has_center ? INTERF_PALETTE_DIVERGING : INTERF_PALETTE_VIRIDIS;
    mo->has_range = o->has_range;
    mo->range_min = o->range[0];
    mo->range_max = o->range[1];
    mo->has_center = o->has_center;
    mo->center = o->center;
    mo->label = o->label ? o->label : r->meta.unit[0] ? r->meta.unit : NULL;
    mo->title = o->title;
    mo->subtitle = o->subtitle;
    mo->graticule_deg = o->graticule_deg;
    mo->contour_levels = o->levels;
    mo->n_contours = o->n_levels;
    mo->marks = o->marks;
    mo->n_marks = o->n_marks;
}

/* Shorelines at the resolution the map needs: the crude set below 5 pixels per degree (a whole
 * world 1200 pixels wide), the low-resolution set above. */
static int load_overlays(const struct opts *o, struct map_run *r,
                         struct interf_map_options *mo)
{
    struct interf_error err;
    struct interf_map_frame f;
    if (o->coast || o->borders) {
        if (interf_map_create(r->grid, mo, &r->map, &err) != INTERF_OK) {
            cli_error("%s", err.msg);
            return 0;
        }
        interf_map_frame(r->map, &f);
        interf_map_destroy(r->map);
        r->map = NULL;
        double px_per_deg = INTERF_RE_KM * 1000.0 * INTERF_DEG / f.m_per_px;
        const char *shore = px_per_deg < 5 ? "coastlines/shoreline-crude.txt"
                                           : "coastlines/shoreline-low.txt";
        if (o->coast && !load_lines(shore, "--coast", &r->coast))
            return 0;
        if (o->borders && !load_lines("coastlines/borders-low.txt", "--borders", &r->borders))
            return 0;
    }
    if (!load_tracks(o, &r->tracks))
        return 0;
    mo->coast = o->coast ? &r->coast : NULL;
    mo->borders = o->borders ? &r->borders : NULL;
    mo->tracks = o->n_tracks ? &r->tracks : NULL;
    return 1;
}

static int render_map(const struct opts *o, struct map_run *r)
{
    struct interf_map_options mo;
    struct interf_error err;
    struct progress_state ps = {{0, 0}, 0};
    map_options(o, r, &mo);
    if (!load_overlays(o, r, &mo))
        return 0;
    if (!o->quiet && isatty(STDERR_FILENO)) {
        clock_gettime(CLOCK_MONOTONIC, &ps.start);
        mo.progress = on_progress;
        mo.progress_user = &ps;
    }
    if (interf_map_create(r->grid, &mo, &r->map, &err) != INTERF_OK ||
        interf_map_render(r->map, &r->img, &err) != INTERF_OK) {
        cli_error("%s", err.msg);
        return 0;
    }
    for (size_t k = 0; k < interf_map_warning_count(r->map); k++)
        cli_warn(o->quiet, "warning: %s", interf_map_warning(r->map, k));
    if (!mo.label)
        cli_warn(o->quiet, "warning: %s has no unit (no .aux.xml sidecar): the colour bar has "
                 "no label; give --label", r->name);
    return 1;
}

static int run_map(const struct opts *o, char *cmd)
{
    struct map_run r;
    int rc = CLI_EXIT_ERROR;
    char title[512], source[1200], desc[600];
    memset(&r, 0, sizeof r);
    interf_lines_init(&r.coast);
    interf_lines_init(&r.borders);
    interf_lines_init(&r.tracks);
    if (!read_grid(o, &r) || !render_map(o, &r))
        goto done;
    const char *quantity = interf_grid_meta_get(&r.meta, "quantity");
    const char *tool = interf_grid_meta_get(&r.meta, "tool");
    const char *stat = interf_grid_meta_get(&r.meta, "statistic");
    struct interf_map_frame f;
    interf_map_frame(r.map, &f);
    snprintf(title, sizeof title, "%s", o->title ? o->title : quantity ? quantity : r.name);
    snprintf(source, sizeof source, "%s%s%s", r.name, tool ? ", written by " : "",
             tool ? tool : "");
    snprintf(desc, sizeof desc, "%s%s%s%s%s; colour range %g to %g", quantity ? quantity : "grid",
             r.meta.unit[0] ? " in " : "", r.meta.unit, stat ? ", statistic " : "",
             stat ? stat : "", f.range_min, f.range_max);
    const struct interf_png_text text[] = {
        {"Title", title}, {"Software", "interf-map (interf) " INTERF_VERSION_STRING},
        {"Source", source}, {"Comment", cmd ? cmd : ""}, {"Description", desc}};
    rc = write_png(o, r.img, text, sizeof text / sizeof text[0]);
done:
    interf_image_destroy(r.img);
    interf_map_destroy(r.map);
    interf_lines_free(&r.coast);
    interf_lines_free(&r.borders);
    interf_lines_free(&r.tracks);
    interf_grid_destroy(r.grid);
    return rc;
}

/* ---------------------------------------------------------------------------------- chart */

struct chart_run {
    struct interf_cdf *cdf; /* all points of all tables */
    size_t n;
    struct interf_image *img;
    struct interf_limits *limits;
    struct interf_verdict verdict; /* of the first CDF against the mask */
    double level_db[INTERF_LIMIT_MAXPOINTS], pct[INTERF_LIMIT_MAXPOINTS],
        margin_db[INTERF_LIMIT_MAXPOINTS];
    char mask_label[160];
    struct interf_chart_mask mask;
};

/* A metadata value of the first CDF as a number (key, else its alias), NaN when absent. */
static int meta_value(const struct interf_cdf *c, const char *name, const char *key,
                      const char *alias, double *v)
{
    struct interf_error err;
    const char *k = interf_cdf_meta_get(c, key) ? key : alias;
    *v = NAN;
    if (!interf_cdf_meta_get(c, k))
        return 1;
    if (interf_cdf_meta_number(c, name, k, v, &err) != INTERF_OK) {
        cli_error("%s", err.msg);
        return 0;
    }
    return 1;
}

/* The Article 22 row of --limits for the first CDF (its bandwidth, the dish of --dish-m or of
 * its metadata), its verdict (S.1503-4 §D7) and the mask drawn from it. */
static int limit_mask(const struct opts *o, struct chart_run *r)
{
    const struct interf_cdf *c = &r->cdf[0];
    const char *name = o->operands[0];
    const struct interf_limit_mask *m;
    struct interf_limit_query q;
    struct interf_error err;
    double dish = o->dish_m, lat, max;
    if ((!o->has_dish && !meta_value(c, name, "es_dish_m", "dish_m", &dish)) ||
        !meta_value(c, name, "lat_deg", "lat_deg", &lat) ||
        !meta_value(c, name, "max_epfd", "max_db", &max))
        return 0;
    memset(&q, 0, sizeof q);
    q.table = o->limits;
    q.dish_m = isnan(dish) ? 0 : dish;
    q.ref_bandwidth_khz = c->ref_bandwidth_khz;
    if (interf_limits_create(&r->limits, &err) != INTERF_OK ||
        interf_limits_find(r->limits, &q, &m, &err) != INTERF_OK ||
        interf_limit_check(m, c, name, lat, max, &r->verdict, &err) != INTERF_OK) {
        cli_error("--limits %s: %s", o->limits, err.msg);
        return 0;
    }
    const struct interf_verdict *v = &r->verdict;
    for (size_t k = 0; k < v->n; k++) {
        r->level_db[k] = v->points[k].limit.level_db;
        r->pct[k] = v->points[k].limit.pct_exceeded;
        r->margin_db[k] = v->points[k].margin_db;
    }
    snprintf(r->mask_label, sizeof r->mask_label, "RR Table %s, %g m, %g kHz: %s",
             v->mask.table, v->mask.dish_m, v->mask.ref_bandwidth_khz,
             v->pass ? "pass" : "FAIL");
    r->mask = (struct interf_chart_mask){v->n, r->level_db, r->pct, r->margin_db, r->mask_label};
    return 1;
}

static int read_tables(const struct opts *o, struct chart_run *r)
{
    struct interf_error err;
    for (int k = 0; k < o->n_operands; k++) {
        const char *path = o->operands[k];
        int is_stdin = strcmp(path, "-") == 0;
        FILE *fp = is_stdin ? stdin : fopen(path, "r");
        struct interf_cdf *c = NULL;
        size_t n = 0;
        if (!fp) {
            cli_error("%s: %s", path, strerror(errno));
            return 0;
        }
        enum interf_status st = interf_cdf_read(fp, is_stdin ? "standard input" : path, &c, &n,
                                                &err);
        if (!is_stdin)
            fclose(fp);
        if (st != INTERF_OK) {
            cli_error("%s", err.msg);
            return 0;
        }
        struct interf_cdf *all = realloc(r->cdf, (r->n + n) * sizeof *all);
        if (!all) {
            interf_cdf_free_all(c, n);
            cli_error("out of memory");
            return 0;
        }
        memcpy(all + r->n, c, n * sizeof *c);
        free(c); /* the rows now belong to all */
        r->cdf = all;
        r->n += n;
    }
    return 1;
}

static int run_chart(const struct opts *o, char *cmd)
{
    struct chart_run r;
    struct interf_chart_options co;
    struct interf_error err;
    int rc = CLI_EXIT_ERROR;
    char source[1200] = "", desc[400];
    memset(&r, 0, sizeof r);
    if (!read_tables(o, &r) || (o->limits && !limit_mask(o, &r)))
        goto done;
    interf_chart_options_init(&co);
    co.width_px = o->width_px;
    co.title = o->title;
    co.subtitle = o->subtitle;
    co.has_range = o->has_range;
    co.range_min_db = o->range[0];
    co.range_max_db = o->range[1];
    co.mask = o->limits ? &r.mask : NULL;
    if (interf_cdf_chart(r.cdf, r.n, &co, &r.img, &err) != INTERF_OK) {
        cli_error("%s", err.msg);
        goto done;
    }
    for (int k = 0; k < o->n_operands; k++)
        snprintf(source + strlen(source), sizeof source - strlen(source), "%s%s", k ? ", " : "",
                 strcmp(o->operands[k], "-") == 0 ? "standard input" : o->operands[k]);
    snprintf(desc, sizeof desc, "percentage of time exceeded against %s, %zu CDF%s%s%s",
             r.cdf[0].quantity, r.n, r.n == 1 ? "" : "s", o->limits ? "; limit mask " : "",
             o->limits ? r.mask_label : "");
    const struct interf_png_text text[] = {
        {"Title", o->title ? o->title : "CDF"},
        {"Software", "interf-map (interf) " INTERF_VERSION_STRING},
        {"Source", source}, {"Comment", cmd ? cmd : ""}, {"Description", desc}};
    rc = write_png(o, r.img, text, sizeof text / sizeof text[0]);
done:
    interf_image_destroy(r.img);
    interf_cdf_free_all(r.cdf, r.n);
    interf_limits_destroy(r.limits);
    return rc;
}

int main(int argc, char **argv)
{
    struct opts o;
    cli_init("interf-map");
    parse_args(argc, argv, &o);
    check_args(&o);
    char *cmd = cli_command_line(argc, argv);
    int rc = o.cdf ? run_chart(&o, cmd) : run_map(&o, cmd);
    free(cmd);
    return rc;
}
