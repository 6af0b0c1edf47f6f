/* SPDX-License-Identifier: MIT */
/* interf-footprint: where a satellite beam puts its power on the Earth. The options fill one
 * footprint request (interf/footprint.h); the grids go out with their sidecars, the contours as
 * GeoJSON or GMT text (interf_contours_write), all through the run's output set. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "interf/footprint.h"

#define MAX_LEVELS 64

static const struct cli_option options[] = {
    CLI_OPT_SYSTEM,
    {"sat", 0, CLI_ARG, "ID", "satellite number (0.., file order); required except for visible",
     "sat", NULL},
    {"beam", 0, CLI_ARG, "NAME", "one beam of the satellite [all its beams]", "beam", NULL},
    {"quantity", 0, CLI_ARG, "Q", "gain (G - Gmax, dB), eirp (dBW), pfd (dB(W/m2)) or visible\n"
     "(satellites above --min-elevation); required", "quantity", NULL},
    {"time", 0, CLI_ARG, "T", "offset from the epoch or ISO 8601 UTC [0]", "time", NULL},
    {"grid", 0, CLI_ARG, "W/E/S/N/STEP", "the grid: outer edges and cell size, degrees; E < W\n"
     "crosses the antimeridian [-180/180/-90/90/1]", "grid", NULL},
    {"auto-grid", 0, CLI_FLAG, NULL, "the grid that covers the satellite's visible cap (at\n"
     "least 200 cells across it; visible: the whole Earth at 1 deg)", "auto_grid", NULL},
    {"min-elevation", 0, CLI_ARG, "DEG", "NODATA (visible: not counted) below this elevation\n"
     "at the ground point [0]", "min_elevation_deg", NULL},
    {"combine", 0, CLI_ARG, "sum|max", "several beams: sum in linear power, or the largest\n"
     "[sum]", "combine", NULL},
    {"stat", 0, CLI_REPEAT, "STAT", "pfd over the satellite's beam-hopping schedule: max, mean\n"
     "or pNN.NNN over the slots; repeatable", "stat", NULL},
    {"earth", 0, CLI_ARG, "MODEL", "sphere or wgs84 (ground points and areas) [sphere]", "earth",
     NULL},
    {"max-memory", 0, CLI_ARG, "SIZE", "refuse grids that need more (e.g. 2G) [available\n"
     "memory]", NULL, NULL},
    {NULL, 0, 0, NULL, NULL, NULL, "Output"},
    {"output", 'o', CLI_ARG, "FILE", "the grid, with .prj and .aux.xml sidecars (several\n"
     "--stat: PREFIX, giving PREFIX.STAT.asc) [standard output]", NULL, NULL},
    {"contour", 0, CLI_ARG, "LEVELS", "contour levels, comma-separated (e.g. -3,-6,-10)", NULL,
     NULL},
    {"contours-out", 0, CLI_ARG, "FILE", "the contours; needed with --contour", NULL, NULL},
    {"contours-format", 0, CLI_ARG, "F", "geojson (RFC 7946) or gmt (multi-segment text) [gmt\n"
     "when FILE ends in .gmt, else geojson]", "contours_format", NULL},
    CLI_OPT_PROGRESS,
    CLI_OPT_END};

static const struct cli_tool tool = {
    "interf-footprint", "-s SYSTEM [--sat ID] --quantity gain|eirp|pfd|visible [options]",
    "Beam footprints of a system's satellite at an instant: relative gain (dB), EIRP (dBW) or\n"
    "free-space PFD (dB(W/m2)) in the reference bandwidth on a latitude/longitude grid, or the\n"
    "number of the system's satellites in view; statistics of the PFD over a beam-hopping\n"
    "schedule; contours as GeoJSON or GMT text with their areas.\n",
    options,
    "  interf-footprint -s footprints/gso-ku.ini --sat 0 --quantity pfd \\\n"
    "                   --grid -40/80/-60/75/1 -o pfd.asc\n"
    "  interf-footprint -s footprints/gso-ku.ini --sat 0 --quantity gain --auto-grid \\\n"
    "                   --contour -3,-10 --contours-out gain.geojson -o gain.asc\n"
    "  interf-footprint -s footprints/gps.ini --quantity visible --min-elevation 10 > gps.asc\n",
    0};

struct run {
    struct interf_footprint_request rq;
    struct interf_stat stats[INTERF_FOOTPRINT_MAX_STATS];
    double levels[MAX_LEVELS];
    size_t n_levels;
    struct interf_provenance prov;
};

/* --contour -3,-6,-10: the levels, in order. */
static size_t parse_levels(const char *text, double *levels)
{
    char buf[1024];
    size_t n = 0;
    struct interf_error err;
    if (strlen(text) >= sizeof buf)
        cli_usage_error("--contour: too long");
    memcpy(buf, text, strlen(text) + 1);
    for (char *p = buf, *comma;; p = comma + 1) {
        comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        if (interf_parse_number(p, -INFINITY, INFINITY, &levels[n], &err) != INTERF_OK)
            cli_usage_error("--contour: expected levels such as -3,-6,-10, got \"%s\"", text);
        if (++n == MAX_LEVELS && comma)
            cli_usage_error("--contour: at most %d levels", MAX_LEVELS);
        if (!comma)
            return n;
    }
}

/* --time: a duration after the epoch, or an ISO 8601 UTC time. */
static double time_offset_s(const struct interf_system *sys)
{
    double epoch = interf_system_info(sys)->epoch_unix_s, t = 0;
    const char *text = cli_text("time");
    struct interf_error err;
    if (text && interf_parse_duration(text, 1, &t, &err) != INTERF_OK) {
        if (interf_parse_time(text, epoch, &t, &err) != INTERF_OK)
            cli_usage_error("--time: %s", err.msg);
        t -= epoch;
    }
    return t;
}

/* The request from the options (the system loaded). */
static void fill_request(struct run *r, const struct interf_system *sys)
{
    struct interf_footprint_request *rq = &r->rq;
    struct interf_error err;
    interf_footprint_request_init(rq);
    rq->sys = sys;
    if (interf_footprint_quantity_parse(cli_text("quantity"), &rq->quantity, &err) != INTERF_OK)
        cli_usage_fail(&err);
    if (rq->quantity != INTERF_FOOTPRINT_VISIBLE && !cli_given("sat"))
        cli_usage_error("--sat: required with --quantity %s", cli_text("quantity"));
    rq->sat = cli_long("sat", 0, 100000000L, -1);
    rq->beam = cli_text("beam");
    rq->t_s = time_offset_s(sys);
    rq->auto_grid = cli_given("auto-grid") && rq->quantity != INTERF_FOOTPRINT_VISIBLE;
    const char *grid = cli_given("auto-grid") ? "-180/180/-90/90/1" : cli_text("grid");
    if (grid && interf_grid_region_parse(grid, rq->region_deg, &err) != INTERF_OK)
        cli_usage_fail(&err);
    rq->min_elevation_deg = cli_real("min-elevation", -90, 90, 0);
    const char *combine = cli_text("combine");
    if (combine && strcmp(combine, "sum") && strcmp(combine, "max"))
        cli_usage_error("--combine: %s: expected sum or max", combine);
    rq->combine_max = combine && strcmp(combine, "max") == 0;
    rq->n_stats = cli_given("stat");
    if (rq->n_stats > INTERF_FOOTPRINT_MAX_STATS)
        cli_usage_error("--stat: at most %d statistics", INTERF_FOOTPRINT_MAX_STATS);
    for (size_t k = 0; k < rq->n_stats; k++)
        if (interf_stat_parse(cli_nth("stat", k), INTERF_SCHEDULE_STATS, &r->stats[k], &err))
            cli_usage_error("--stat: %s", err.msg);
    rq->stats = r->stats;
    if (cli_given("earth") && interf_earth_kind_parse(cli_text("earth"), &rq->earth, &err))
        cli_usage_fail(&err);
    if (interf_footprint_check(rq, &err) != INTERF_OK)
        cli_usage_fail(&err);
}

/* The file of grid k: -o FILE (NULL: standard output), or PREFIX.STAT.asc with several --stat. */
static const char *grid_path(const struct run *r, size_t k, char *buf, size_t n)
{
    if (r->rq.n_stats < 2)
        return cli_text("output");
    snprintf(buf, n, "%s.%s.asc", cli_text("output"), r->stats[k].name);
    return buf;
}

/* The outputs the options ask for, checked before the work. */
static void check_outputs(struct run *r)
{
    char path[4096];
    const char *out = cli_text("output"), *contour = cli_text("contour");
    cli_exclusive("auto-grid", "grid");
    if (!!contour != !!cli_given("contours-out"))
        cli_usage_error("%s", contour ? "--contour: needs --contours-out FILE"
                                      : "--contours-out: needs --contour LEVELS");
    if (r->rq.n_stats > 1 && !out)
        cli_usage_error("--stat: several statistics need -o PREFIX (PREFIX.STAT.asc each)");
    if (r->rq.n_stats > 1 && contour)
        cli_usage_error("--contour: with one --stat only");
    if (contour)
        r->n_levels = parse_levels(contour, r->levels);
    for (size_t k = 0; k < (r->rq.n_stats > 1 ? r->rq.n_stats : 1); k++)
        cli_output_check(grid_path(r, k, path, sizeof path), 0);
    cli_output_check(cli_text("contours-out"), 0);
}

/* A size in bytes as "12.3 GiB" (or MiB, KiB, B) into buf (a generic helper, for the message
 * below). */
static const char *size_text(double bytes, char *buf, size_t n)
{
    static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    int k = 0;
    while (bytes >= 1024 && k < 5)
        bytes /= 1024, k++;
    snprintf(buf, n, "%.3g %s", bytes, units[k]);
    return buf;
}

/* The run's memory against --max-memory (with the estimate in the message), else against the
 * memory available (cli_check_memory). */
static void check_memory(const struct interf_footprint_request *rq)
{
    struct interf_error err;
    char a[32], b[32];
    double need, limit = cli_size("max-memory", INFINITY);
    if (interf_footprint_memory(rq, &need, &err) != INTERF_OK)
        cli_usage_fail(&err);
    if (need > limit)
        cli_usage_error("%s: the cells need about %s of memory, more than the %s allowed by "
                        "--max-memory; use a coarser grid", rq->auto_grid ? "--auto-grid"
                        : "--grid", size_text(need, a, sizeof a), size_text(limit, b, sizeof b));
    cli_check_memory(need, "use a coarser grid");
}

/* The contours of the first grid to --contours-out. */
static int write_contours(const struct run *r, const struct interf_footprint_result *res)
{
    const char *path = cli_text("contours-out");
    size_t n = strlen(path);
    struct interf_contour_options co = {INTERF_CONTOUR_GEOJSON, r->levels, r->n_levels,
                                        res->quantity, r->rq.n_stats ? r->stats[0].name : NULL,
                                        r->rq.quantity != INTERF_FOOTPRINT_VISIBLE,
                                        r->rq.earth == INTERF_EARTH_WGS84, &r->prov};
    struct interf_error err;
    if (cli_given("contours-format")) {
        if (interf_contour_format_parse(cli_text("contours-format"), &co.format, &err))
            return cli_fail(&err);
    } else if (n >= 4 && strcmp(path + n - 4, ".gmt") == 0) {
        co.format = INTERF_CONTOUR_GMT;
    }
    /* A write error is the output set's to report, at the commit. */
    FILE *fp = cli_open(path);
    if (interf_contours_write(fp, res->grid[0], &co, &err) != INTERF_OK && err.status != INTERF_EIO)
        return cli_fail(&err);
    return CLI_EXIT_OK;
}

/* Every grid: one (to -o FILE or standard output), or PREFIX.STAT.asc per --stat. */
static int write_grids(struct run *r, const struct interf_footprint_result *res)
{
    struct interf_error err;
    for (size_t k = 0; k < res->n_grids; k++) {
        char path[4096];
        const char *target = grid_path(r, k, path, sizeof path);
        struct interf_grid_meta m;
        interf_grid_meta_init(&m);
        snprintf(m.unit, sizeof m.unit, "%s", res->unit);
        if (r->rq.n_stats)
            interf_provenance_set(&r->prov, "statistic", "%s", r->stats[k].name);
        if (interf_grid_meta_set_provenance(&m, &r->prov, &err) != INTERF_OK ||
            interf_grid_save(cli_outputs(), target ? target : "-", res->grid[k], &m,
                             res->decimals, &err) != INTERF_OK)
            return cli_fail(&err);
    }
    return CLI_EXIT_OK;
}

int main(int argc, char **argv)
{
    static struct run r;
    struct interf_footprint_result res;
    struct interf_system *sys;
    struct interf_error err;
    char **av;
    int ac, rc;

    cli_parse(&tool, argc, argv);
    if (!cli_given("system"))
        cli_usage_error("-s/--system: required");
    if (!cli_given("quantity"))
        cli_usage_error("--quantity: required (gain, eirp, pfd or visible)");
    sys = cli_system(cli_text("system"));
    fill_request(&r, sys);
    check_outputs(&r);
    check_memory(&r.rq);
    struct cli_progress prog;
    struct interf_grid_spec spec = {0, 0, 0, 0, 0};
    interf_footprint_grid(&r.rq, &spec, NULL); /* its errors: the run's, below */
    cli_progress_init(&prog, (double)spec.nrows, "rows");
    /* over the MPI ranks under mpirun: rank 0 then holds the whole grids */
    enum interf_status st = cli_footprint_run(&r.rq, &res, &prog, &err);
    cli_progress_done(&prog);
    if (st != INTERF_OK) {
        interf_system_destroy(sys);
        return cli_fail(&err);
    }
    if (cli_rank() != 0) { /* rank 0 writes */
        interf_footprint_result_free(&res);
        interf_system_destroy(sys);
        return cli_commit();
    }
    interf_provenance_init(&r.prov, "interf-footprint");
    cli_command(&ac, &av);
    interf_provenance_set_command(&r.prov, ac, av);
    interf_footprint_provenance(&r.rq, &res, &r.prov);
    if (r.rq.n_stats == 1)
        interf_provenance_set(&r.prov, "statistic", "%s", r.stats[0].name);
    rc = cli_given("contour") ? write_contours(&r, &res) : CLI_EXIT_OK;
    if (rc == CLI_EXIT_OK)
        rc = write_grids(&r, &res);
    if (rc == CLI_EXIT_OK)
        rc = cli_commit();
    else
        interf_outset_destroy(cli_outputs()); /* the temporary files go; exit follows */
    interf_footprint_result_free(&res);
    interf_system_destroy(sys);
    return rc;
}
