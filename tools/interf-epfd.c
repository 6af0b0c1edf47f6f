/* SPDX-License-Identifier: MIT */
/* interf-epfd: the EPFD of a non-GSO system's space stations at GSO earth stations (RR No.
 * 22.5C.1, Rec. ITU-R S.1503-4 (09/2023)): statistics over time on a grid (ESRI ASCII grid) or
 * at points (statistics, CDF tables, time series). The run is the library's: this file reads
 * options into a struct interf_epfd_request and writes what the run returns. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define MAX_STATS 16

static const struct cli_option options[] = {
    {NULL, 0, 0, NULL, NULL, NULL, "Where"},
    {"system", 's', CLI_REPEAT, "FILE",
     "system file (interf-system(5)); required; given again, the\naggregate of the systems",
     NULL, NULL},
    {"grid", 0, CLI_ARG, "W/E/S/N/STEP", "a grid of cells (outer edges and cell size, degrees)",
     "grid", NULL},
    {"at", 0, CLI_REPEAT, "LAT,LON", "a point (repeatable)", NULL, NULL},
    {"points", 0, CLI_ARG, "FILE", "points from a table with lat_deg and lon_deg columns", NULL,
     NULL},
    {NULL, 0, 0, NULL, NULL, NULL, "The earth station"},
    {"dish-m", 0, CLI_ARG, "D", "dish diameter, m [the system's [earth-station] dish_m]",
     "es_dish_m", NULL},
    {"es-dish-m", 0, CLI_ALIAS, NULL, NULL, NULL, NULL},
    {"es-pattern", 0, CLI_ARG, "NAME", "S.1428 (FSS) or another registered pattern [S.1428]",
     "es_pattern", NULL},
    {"freq-ghz", 0, CLI_ARG, "F", "frequency [band lower edge + ref. bandwidth/2]", "freq_ghz",
     NULL},
    {"gso-lon", 0, CLI_ARG, "same|LON",
     "point at the GSO satellite at each point's own longitude, or at\nLON for all points [same]",
     "gso_lon_deg", NULL},
    {"point", 0, CLI_ARG, "AZ,EL",
     "point at a fixed azimuth (from north, clockwise) and elevation", "pointing", NULL},
    {"ref-bandwidth-khz", 0, CLI_ARG, "B", "reference bandwidth, kHz [the system's "
     "ref_bandwidth_khz]", "ref_bandwidth_khz", NULL},
    {"ref-bw-khz", 0, CLI_ALIAS, NULL, NULL, NULL, NULL},
    {"earth", 0, CLI_ARG, "MODEL", "sphere or wgs84 (ground points only) [sphere]", "earth",
     NULL},
    {NULL, 0, 0, NULL, NULL, NULL, "Spectrum (frequency-resolved runs)"},
    {"spectrum", 0, CLI_ARG, "LO-HI", "band plan in GHz: channels of --channel-khz from LO to HI,\n"
     "each beam's PSD from its channels = (interf-system(5))", "spectrum", NULL},
    {"channel-khz", 0, CLI_ARG, "W", "channel width, kHz, at least the reference bandwidth; a\n"
     "coarser channel carries the largest PSD inside it\n[the reference bandwidth]",
     "channel_khz", NULL},
    {"per-system", 0, CLI_FLAG, NULL, "with several -s: each system's own CDFs or statistics "
     "too", NULL, NULL},
    {NULL, 0, 0, NULL, NULL, NULL, "Time"},
    {"start", 0, CLI_ARG, "T", "offset from the epoch or ISO 8601 UTC [0]", "start", NULL},
    {"duration", 0, CLI_ARG, "D", "run length (90s, 15m, 2h, 1.5d) [1d]", "duration_s", NULL},
    {"step", 0, CLI_ARG, "S|auto", "time step, or the fine step of S.1503-4 §D4.2 [10s]",
     "step_s", NULL},
    {"steps", 0, CLI_ARG, "N", "number of steps (instead of --duration)", "n_steps", NULL},
    {NULL, 0, 0, NULL, NULL, NULL, "Output"},
    {"stat", 0, CLI_REPEAT, "STAT",
     "max, pNN.NNN (percentile of time), exceed:LEVEL (% of time\nabove LEVEL dB) or "
     "margin:TABLE (worst margin, dB, against an\nArticle 22 table row for the dish); "
     "repeatable [max]", NULL, NULL},
    {"cdf", 0, CLI_FLAG, NULL, "with points: CDF tables (interf-table(5)), for interf-check",
     NULL, NULL},
    {"series", 0, CLI_FLAG, NULL, "with points: the time series, not rounded; with several -s:\n"
     "t_s, the aggregate, then each system (in one channel)", "series", NULL},
    {"output", 'o', CLI_ARG, "FILE",
     "output file: FILE.asc gets .prj and .aux.xml sidecars, FILE.tif\nis a GeoTIFF; with "
     "several --stat on a grid (or an aggregate), a\nprefix: PREFIX.STAT.asc (and "
     "PREFIX.channel.asc)", NULL, NULL},
    {"floor-nodata", 0, CLI_FLAG, NULL,
     "grid cells with no emitter in view as NODATA (they are\notherwise -300 dB, a computed "
     "value, named floor_value\nin the metadata)", NULL, NULL},
    CLI_OPT_THREADS,
    {"fp64", 0, CLI_FLAG, NULL,
     "pair geometry, gains and sums in double precision (slower;\na check of the default single "
     "precision)", NULL, NULL},
    {"max-memory", 0, CLI_ARG, "SIZE", "refuse runs that need more (e.g. 2G) [available memory]",
     NULL, NULL},
    CLI_OPT_PROGRESS,
    CLI_OPT_END};

static const struct cli_tool tool = {
    "interf-epfd", "-s SYSTEM (--grid W/E/S/N/STEP | --at LAT,LON ... | --points FILE)\n"
                   "                   [options]",
    "Aggregate EPFD (down-link, dB(W/m2) in the reference bandwidth) of a non-GSO system at GSO\n"
    "earth stations, as statistics over time in 0.1 dB bins (Rec. ITU-R S.1503-4).\n",
    options,
    "  interf-epfd -s footprints/leo-ku-550.ini --grid -180/180/-80/80/2 --duration 1h \\\n"
    "              --stat max -o epfd-max.asc\n"
    "  interf-epfd -s footprints/leo-ku-550.ini --at 45,10 --cdf | interf-check --limits 22-1A\n"
    "  interf-epfd -s footprints/leo-ku-550-channels.ini \\\n"
    "              -s footprints/leo-ku-1150-channels.ini --at 45,10 --spectrum 10.7-12.7 \\\n"
    "              --channel-khz 250000 --cdf | interf-check --limits Res76-1A\n",
    0};

/* What the options ask beyond the request: the statistics, their Article 22 rows. */
struct run {
    struct interf_stat stats[MAX_STATS];
    const struct interf_limit_mask *masks[MAX_STATS];
    size_t n_stats;
    double *lat, *lon;
    struct interf_grid_spec grid;
};

static void check_combinations(void)
{
    if (!cli_given("system"))
        cli_usage_error("-s/--system: required");
    if (cli_given("system") > 1 || cli_given("spectrum")) {
        const char *what = cli_given("spectrum") ? "--spectrum" : "several -s";
        if (cli_given("fp64") ||
            (cli_given("grid") && (cli_given("per-system") || !cli_given("output"))))
            cli_usage_error("%s: in single precision; on a grid with -o PREFIX and without "
                            "--per-system", what);
        if (cli_given("system") > INTERF_EPFD_MIX_MAX)
            cli_usage_error("-s: at most %d systems", INTERF_EPFD_MIX_MAX);
    } else if (cli_given("per-system") || cli_given("channel-khz")) {
        cli_usage_error("%s: only with several -s or --spectrum",
                        cli_given("per-system") ? "--per-system" : "--channel-khz");
    }
    if (!!cli_given("grid") + !!(cli_given("at") || cli_given("points")) != 1)
        cli_usage_error("give either --grid or points (--at, --points)");
    if (cli_given("grid") && (cli_given("cdf") || cli_given("series")))
        cli_usage_error("%s: only with points (--at, --points)",
                        cli_given("cdf") ? "--cdf" : "--series");
    if (cli_given("cdf") + cli_given("series") + !!cli_given("stat") > 1)
        cli_usage_error("give one of --stat, --cdf and --series");
    cli_exclusive("duration", "steps");
    cli_exclusive("point", "gso-lon");
    if (cli_given("stat") > MAX_STATS)
        cli_usage_error("--stat: at most %d", MAX_STATS);
    if (cli_given("grid") && cli_given("stat") > 1 && !cli_given("output"))
        cli_usage_error("--stat: several statistics need -o PREFIX (PREFIX.STAT.asc each)");
}

/* The output path of statistic k: the file, or PREFIX.STAT.asc with several on a grid. */
static const char *stat_path(const struct run *r, size_t k, char *buf, size_t n)
{
    return !cli_given("grid") || r->n_stats == 1
               ? cli_text("output")
               : interf_epfd_grid_path(cli_text("output"), &r->stats[k], buf, n);
}

/* Where: the grid, the --at points, or a --points table. */
static void where(struct interf_epfd_request *q, struct run *r)
{
    struct interf_error err;
    if (cli_given("grid")) {
        if (interf_grid_spec_parse(cli_text("grid"), &r->grid, &err) != INTERF_OK)
            cli_usage_fail(&err);
        q->grid = &r->grid;
        return;
    }
    if (cli_given("points")) {
        const char *path = cli_text("points");
        FILE *f = cli_input_open(path, &err);
        if (!f || interf_table_read_points(f, strcmp(path, "-") ? path : "<stdin>", &r->lat,
                                           &r->lon, &q->n_points, &err) != INTERF_OK)
            cli_die(&err);
        if (f != stdin)
            fclose(f);
    } else {
        q->n_points = cli_given("at");
        r->lat = malloc(q->n_points * sizeof *r->lat);
        r->lon = malloc(q->n_points * sizeof *r->lon);
        for (size_t k = 0; r->lat && r->lon && k < q->n_points; k++) {
            int n;
            if (interf_parse_latlon(cli_nth("at", k), &r->lat[k], &r->lon[k], NULL, &n, &err))
                cli_usage_error("--at: %s", err.msg);
        }
    }
    q->lat_deg = r->lat, q->lon_deg = r->lon;
}

/* The request from the options (defaults are the library's). */
static void request(const struct interf_system *sys, struct interf_epfd_request *q,
                    struct run *r)
{
    struct interf_error err;
    double epoch = interf_system_info(sys)->epoch_unix_s;
    memset(q, 0, sizeof *q);
    q->sys = sys;
    q->es_pattern = cli_text("es-pattern");
    q->es_dish_m = cli_real("dish-m", 0.01, 100, 0);
    q->freq_ghz = cli_real("freq-ghz", 0.001, 1000, 0);
    q->ref_bandwidth_khz = cli_real("ref-bandwidth-khz", 1e-3, 1e7, 0);
    if (cli_given("point")) {
        const char *t = cli_text("point"), *comma = strchr(t, ',');
        char az[64];
        if (!comma || (size_t)(comma - t) >= sizeof az)
            cli_usage_error("--point: expected AZ,EL in degrees, got \"%s\"", t);
        snprintf(az, sizeof az, "%.*s", (int)(comma - t), t);
        if (interf_parse_number(az, -1e9, 1e9, &q->az_deg, &err) != INTERF_OK ||
            interf_parse_number(comma + 1, -1e9, 1e9, &q->el_deg, &err) != INTERF_OK)
            cli_usage_error("--point: expected AZ,EL in degrees, got \"%s\"", t);
        q->pointing_given = 1, q->pointing = INTERF_ES_AZEL;
    } else if (cli_given("gso-lon") && strcmp(cli_text("gso-lon"), "same") != 0) {
        q->pointing_given = 1, q->pointing = INTERF_ES_GSO_LON;
        q->gso_lon_deg = cli_real("gso-lon", -180, 360, 0);
    } else if (cli_given("gso-lon")) {
        q->pointing_given = 1, q->pointing = INTERF_ES_GSO_SAME;
    }
    if (cli_given("earth") && interf_earth_kind_parse(cli_text("earth"), &q->earth, &err))
        cli_usage_error("--earth: %s", err.msg);
    if (cli_given("start") &&
        interf_parse_time(cli_text("start"), epoch, &q->start_unix_s, &err) != INTERF_OK)
        cli_usage_error("--start: %s", err.msg);
    q->start_given = cli_given("start") > 0;
    q->step_auto = cli_given("step") && strcmp(cli_text("step"), "auto") == 0;
    q->step_s = q->step_auto ? 0 : cli_duration("step", 0, 10.0);
    if (!q->step_auto && !(q->step_s > 0))
        cli_usage_error("--step: must be positive");
    q->n_steps = cli_long("steps", 1, 1000000000L, 0);
    q->duration_s = cli_duration("duration", 0, 86400.0);
    q->threads = (int)cli_long("threads", 1, 1024, 0);
    q->fp64 = cli_given("fp64") > 0;
    where(q, r);
}

/* The statistics and, for margins, their Article 22 rows (no margins without lim: the
 * per-channel aggregate). */
static void statistics(const struct interf_epfd_plan *plan, struct run *r,
                       struct interf_limits **lim)
{
    const unsigned allowed = INTERF_STAT_ALLOW(INTERF_STAT_MAX) |
                             INTERF_STAT_ALLOW(INTERF_STAT_PCT) |
                             INTERF_STAT_ALLOW(INTERF_STAT_EXCEED) |
                             (lim ? INTERF_STAT_ALLOW(INTERF_STAT_MARGIN) : 0);
    struct interf_error err;
    r->n_stats = cli_given("stat") ? cli_given("stat") : 1;
    for (size_t k = 0; k < r->n_stats; k++) {
        struct interf_stat *st = &r->stats[k];
        if (interf_stat_parse(cli_given("stat") ? cli_nth("stat", k) : "max", allowed, st, &err))
            cli_usage_error("--stat: %s", err.msg);
        if (st->kind == INTERF_STAT_MARGIN &&
            interf_epfd_stat_row(plan, st, lim, &r->masks[k], &err) != INTERF_OK)
            cli_usage_error("--stat %s: %s", st->name, err.msg);
    }
}

static int write_grids(const struct interf_epfd_plan *plan, const struct interf_epfd_out *out,
                       const struct run *r, const struct interf_provenance *prov)
{
    const int floor_nodata = cli_given("floor-nodata") > 0;
    struct interf_error err;
    for (size_t k = 0; k < r->n_stats; k++) {
        const struct interf_stat *st = &r->stats[k];
        struct interf_grid *g;
        struct interf_grid_meta m;
        char path[4096];
        const char *p = stat_path(r, k, path, sizeof path);
        if (interf_epfd_stat_grid(plan, out, st, r->masks[k], floor_nodata, &g, &err))
            return cli_fail(&err);
        enum interf_status s = interf_epfd_stat_meta(plan, st, floor_nodata, prov, &m, &err);
        if (s == INTERF_OK) /* percentages of time to 4 decimals, levels to 0.1 dB */
            s = interf_grid_save(cli_outputs(), p ? p : "-", g, &m,
                                 st->kind == INTERF_STAT_EXCEED ? 4 : 1, &err);
        interf_grid_destroy(g);
        if (s != INTERF_OK)
            return cli_fail(&err);
    }
    return CLI_EXIT_OK;
}

static int write_points(const struct interf_epfd_plan *plan, const struct interf_epfd_out *out,
                        const struct run *r, const struct interf_provenance *prov)
{
    FILE *fp = cli_open(cli_text("output"));
    struct interf_error err;
    enum interf_status st =
        cli_given("cdf")      ? interf_epfd_write_cdfs(fp, plan, out, prov, &err)
        : cli_given("series") ? interf_epfd_write_series(fp, plan, out, prov, &err)
                              : interf_epfd_write_stats(fp, plan, out, r->stats, r->masks,
                                                        r->n_stats, prov, &err);
    return st == INTERF_OK ? CLI_EXIT_OK : cli_fail_output(cli_text("output"), &err);
}

/* ------------------------------------------------------------ frequency-resolved, aggregate */

/* Several systems or a band plan: the per-channel aggregate at points, or on a grid. */
static int run_aggregate(int argc, char **argv)
{
    static struct run r;
    struct interf_system *sys[INTERF_EPFD_MIX_MAX] = {NULL};
    const char *names[INTERF_EPFD_MIX_MAX];
    struct interf_epfd_mix_request q = {.n_sys = cli_given("system"), .sys = sys};
    struct interf_epfd_mix *m = NULL;
    struct interf_error err;
    for (size_t s = 0; s < q.n_sys; s++)
        sys[s] = cli_system(names[s] = cli_nth("system", s));
    request(sys[0], &q.base, &r);
    if (cli_given("spectrum") &&
        interf_limit_parse_band(cli_text("spectrum"), &q.lo_ghz, &q.hi_ghz, &err) != INTERF_OK)
        cli_usage_error("--spectrum: %s", err.msg);
    q.channel_khz = cli_real("channel-khz", 1e-3, 1e9, 0);
    q.per_system = cli_given("per-system") > 0, q.series = cli_given("series") > 0;
    const char *less = "use wider --channel-khz, a narrower --spectrum, fewer points or cells";
    cli_check_memory(interf_epfd_mix_request_bytes(&q), less);
    if (interf_epfd_mix_plan(&q, &m, &err) != INTERF_OK)
        cli_usage_fail(&err);
    cli_check_memory(interf_epfd_mix_bytes(m), less);
    statistics(NULL, &r, NULL);
    char path[4096];
    for (size_t k = 0; k <= (cli_given("grid") ? r.n_stats : 0); k++) /* each grid, or one */
        cli_output_check(!cli_given("grid") ? cli_text("output") : interf_epfd_grid_path(
            cli_text("output"), k < r.n_stats ? &r.stats[k] : NULL, path, sizeof path), 0);
    uint64_t clamped = 0;
    int rc;
    if (cli_mix_run(m, &clamped, &err) != INTERF_OK) { /* over the ranks under mpirun */
        rc = cli_fail(&err);
    } else if (cli_rank() != 0) { /* rank 0 writes */
        rc = cli_commit();
    } else {
        struct interf_provenance prov;
        cli_warn_clamped(clamped);
        interf_provenance_init(&prov, "interf-epfd");
        interf_provenance_set_command(&prov, argc, argv);
        interf_epfd_mix_provenance(m, names, &prov);
        enum interf_status st =
            cli_given("grid")
                ? interf_epfd_mix_save_grids(m, cli_outputs(), cli_text("output"), r.stats,
                                             r.n_stats, cli_given("floor-nodata") > 0, &prov,
                                             &err)
                : interf_epfd_mix_write(m, cli_open(cli_text("output")), cli_given("cdf") > 0,
                                        r.stats, r.n_stats, names, &prov, &err);
        rc = st == INTERF_OK ? cli_commit() : cli_fail_output(cli_text("output"), &err);
    }
    interf_epfd_mix_destroy(m);
    for (size_t s = 0; s < q.n_sys; s++)
        interf_system_destroy(sys[s]);
    free(r.lat);
    free(r.lon);
    return rc;
}

int main(int argc, char **argv)
{
    static struct run r;
    struct interf_system *sys = NULL;
    struct interf_limits *lim = NULL;
    struct interf_epfd_plan *plan = NULL;
    struct interf_epfd_out res = {0};
    struct interf_epfd_request q;
    struct interf_provenance prov;
    struct interf_error err;
    struct cli_progress prog;
    int rc = CLI_EXIT_ERROR;

    cli_parse(&tool, argc, argv);
    check_combinations();
    if (cli_given("system") > 1 || cli_given("spectrum"))
        return run_aggregate(argc, argv);
    sys = cli_system(cli_text("system"));
    request(sys, &q, &r);
    size_t n_points = q.grid ? q.grid->ncols * q.grid->nrows : q.n_points;
    cli_check_memory(interf_epfd_memory_bytes((double)n_points, 1e0, cli_given("series") > 0),
                     "use a coarser --grid or fewer points");
    if (interf_epfd_plan_request(&q, &plan, &err) != INTERF_OK)
        cli_usage_fail(&err);
    const struct interf_epfd_spec *sp = interf_epfd_plan_spec(plan);
    if (cli_given("series"))
        cli_check_memory(interf_epfd_memory_bytes((double)n_points,
                                                  (double)sp->window.n_steps, 1),
                         "use a coarser --grid or fewer points");
    statistics(plan, &r, &lim);
    for (size_t k = 0; k < r.n_stats; k++) {
        char path[4096];
        cli_output_check(stat_path(&r, k, path, sizeof path), 0);
    }
    interf_epfd_plan_warnings(plan, cli_warn_line, NULL);
    cli_progress_init(&prog, (double)sp->window.n_steps, "steps");
    /* over the MPI ranks under mpirun: rank 0 then holds the whole run's results */
    enum interf_status st = interf_epfd_out_create(plan, cli_given("series") > 0, &res, &err);
    if ((st = cli_ranks_agree(st, &err)) != INTERF_OK ||
        cli_epfd_run(plan, &res, &prog, &err) != INTERF_OK) {
        cli_progress_done(&prog);
        rc = cli_fail(&err);
        goto done;
    }
    cli_progress_done(&prog);
    if (cli_rank() != 0) { /* rank 0 writes */
        rc = cli_commit();
        goto done;
    }
    cli_warn_clamped(res.clamped);
    interf_provenance_init(&prov, "interf-epfd");
    interf_provenance_set_command(&prov, argc, argv);
    interf_epfd_provenance(plan, &res, &prov);
    rc = cli_given("grid") ? write_grids(plan, &res, &r, &prov)
                           : write_points(plan, &res, &r, &prov);
    rc = rc == CLI_EXIT_OK ? cli_commit() : rc;
done:
    interf_epfd_out_free(&res);
    interf_epfd_plan_destroy(plan);
    interf_system_destroy(sys);
    interf_limits_destroy(lim);
    free(r.lat);
    free(r.lon);
    return rc;
}
