/* SPDX-License-Identifier: MIT */
/* interf-epfd: the EPFD of a non-GSO system's space stations at GSO earth stations (RR No.
 * 22.5C.1, Rec. ITU-R S.1503-4 (09/2023)): statistics over time on a grid (ESRI ASCII grid) or
 * at points (statistics, CDF tables, time series). */
/* madvise(MADV_HUGEPAGE) is a Linux extension, declared with _DEFAULT_SOURCE */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cli_legacy.h"
#include "interf/grid.h"

static const char usage[] =
    "Usage: interf-epfd -s SYSTEM (--grid W/E/S/N/STEP | --at LAT,LON ... | --points FILE)\n"
    "                   [options]\n"
    "Aggregate EPFD (down-link, dB(W/m2) in the reference bandwidth) of a non-GSO system at GSO\n"
    "earth stations, as statistics over time in 0.1 dB bins (Rec. ITU-R S.1503-4).\n"
    "\n"
    "Where:\n"
    "  -s, --system FILE        system file (interf-system(5)); required\n"
    "      --grid W/E/S/N/STEP  a grid of cells (outer edges and cell size, degrees)\n"
    "      --at LAT,LON         a point (repeatable)\n"
    "      --points FILE        points from a table with lat_deg and lon_deg columns\n"
    "The earth station:\n"
    "      --es-dish-m D        dish diameter, m [the system's [earth-station] dish_m]\n"
    "      --es-pattern NAME    S.1428 (FSS) or another registered pattern [S.1428]\n"
    "      --freq-ghz F         frequency [band lower edge + ref. bandwidth/2]\n"
    "      --gso-lon same|LON   point at the GSO satellite at each point's own longitude, or at\n"
    "                           LON for all points [same]\n"
    "      --point AZ,EL        point at a fixed azimuth (from north, clockwise) and elevation\n"
    "      --ref-bw-khz B       reference bandwidth [the system's ref_bandwidth_khz]\n"
    "      --earth MODEL        sphere or wgs84 (ground points only) [sphere]\n"
    "Time:\n"
    "      --start T            offset from the epoch or ISO 8601 UTC [0]\n"
    "      --duration D         run length (90s, 15m, 2h, 1.5d) [1d]\n"
    "      --step S|auto        time step, or the fine step of S.1503-4 §D4.2 [10s]\n"
    "      --steps N            number of steps (instead of --duration)\n"
    "Output:\n"
    "      --stat STAT          max, pNN.NNN (percentile of time), exceed:LEVEL (% of time\n"
    "                           above LEVEL dB) or margin:TABLE (worst margin, dB, against an\n"
    "                           Article 22 table row for the dish); repeatable [max]\n"
    "      --cdf                with points: CDF tables (interf-table(5)), for interf-check\n"
    "      --series             with points: the time series, not rounded\n"
    "  -o, --output FILE        output file (a grid gets .prj and .aux.xml sidecars); with\n"
    "                           several --stat on a grid, a prefix: PREFIX.STAT.asc\n"
    "  -j, --threads N          threads [all cores]; results do not depend on it\n"
    "      --fp64               pair geometry, gains and sums in double precision (slower;\n"
    "                           a check of the default single precision)\n"
    "      --max-memory SIZE    refuse runs that need more (e.g. 2G) [available memory]\n"
    "      --progress           show progress even when stderr is not a terminal\n"
    "  -q, --quiet              no progress, no warnings\n"
    "  -h, --help               show this help and exit\n"
    "      --version            show the version and exit\n"
    "\n"
    "Examples:\n"
    "  interf-epfd -s footprints/leo-ku-550.ini --grid -180/180/-80/80/2 --duration 1h \\\n"
    "              --stat max -o epfd-max.asc\n"
    "  interf-epfd -s footprints/leo-ku-550.ini --at 45,10 --cdf | interf-check --limits 22-1A\n";

#define MAX_STATS 16
#define MAX_AT 4096

struct opts {
    const char *system, *output, *grid, *points, *es_pattern, *gso_lon, *point, *start,
        *duration, *step, *stats[MAX_STATS];
    double at_lat[MAX_AT], at_lon[MAX_AT];
    size_t n_at, n_stats;
    double es_dish_m, freq_ghz, ref_bw_khz, max_memory;
    long steps;
    int threads, cdf, series, progress, quiet, fp64;
    enum interf_earth_kind earth;
};

/* A statistic of the histogram: max, percentile or exceedance. */
struct stat {
    char name[32];  /* as given: max, p99.9, exceed:-160, margin:22-1A */
    char label[32]; /* for column and file names: ':' made '_' */
    enum { ST_MAX, ST_PCT, ST_EXCEED, ST_MARGIN } kind;
    double arg;
    const struct interf_limit_mask *mask; /* ST_MARGIN: the Article 22 row */
};

static void parse_args(int argc, char **argv, struct opts *o)
{
    enum { O_GRID = 256, O_AT, O_POINTS, O_DISH, O_PATTERN, O_FREQ, O_GSOLON, O_POINT, O_REFBW,
           O_EARTH, O_START, O_DURATION, O_STEP, O_STEPS, O_STAT, O_CDF, O_SERIES, O_MAXMEM,
           O_FP64, O_PROGRESS, O_VERSION };
    static const struct option lo[] = {
        {"system", required_argument, NULL, 's'}, {"grid", required_argument, NULL, O_GRID},
        {"at", required_argument, NULL, O_AT}, {"points", required_argument, NULL, O_POINTS},
        {"es-dish-m", required_argument, NULL, O_DISH},
        {"es-pattern", required_argument, NULL, O_PATTERN},
        {"freq-ghz", required_argument, NULL, O_FREQ},
        {"gso-lon", required_argument, NULL, O_GSOLON}, {"point", required_argument, NULL, O_POINT},
        {"ref-bw-khz", required_argument, NULL, O_REFBW},
        {"earth", required_argument, NULL, O_EARTH}, {"start", required_argument, NULL, O_START},
        {"duration", required_argument, NULL, O_DURATION},
        {"step", required_argument, NULL, O_STEP}, {"steps", required_argument, NULL, O_STEPS},
        {"stat", required_argument, NULL, O_STAT}, {"cdf", no_argument, NULL, O_CDF},
        {"series", no_argument, NULL, O_SERIES}, {"output", required_argument, NULL, 'o'},
        {"threads", required_argument, NULL, 'j'},
        {"max-memory", required_argument, NULL, O_MAXMEM}, {"fp64", no_argument, NULL, O_FP64},
        {"progress", no_argument, NULL, O_PROGRESS}, {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'}, {"version", no_argument, NULL, O_VERSION},
        {NULL, 0, NULL, 0}};
    struct interf_error err;
    int c;
    memset(o, 0, sizeof *o);
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":s:o:j:qh", lo, NULL)) != -1) {
        switch (c) {
        case 's': o->system = optarg; break;
        case 'o': o->output = optarg; break;
        case 'j': o->threads = (int)cli_long(optarg, "--threads", 1, 1024); break;
        case 'q': o->quiet = 1; break;
        case 'h': cli_help(usage);
        case O_VERSION: cli_version();
        case O_GRID: o->grid = optarg; break;
        case O_AT:
            if (o->n_at == MAX_AT)
                cli_usage_error("--at: at most %d points (use --points FILE)", MAX_AT);
            cli_latlon(optarg, "--at", &o->at_lat[o->n_at], &o->at_lon[o->n_at], NULL);
            o->n_at++;
            break;
        case O_POINTS: o->points = optarg; break;
        case O_DISH: o->es_dish_m = cli_double(optarg, "--es-dish-m", 0.01, 100); break;
        case O_PATTERN: o->es_pattern = optarg; break;
        case O_FREQ: o->freq_ghz = cli_double(optarg, "--freq-ghz", 0.001, 1000); break;
        case O_GSOLON: o->gso_lon = optarg; break;
        case O_POINT: o->point = optarg; break;
        case O_REFBW: o->ref_bw_khz = cli_double(optarg, "--ref-bw-khz", 1e-3, 1e7); break;
        case O_EARTH:
            if (interf_earth_kind_parse(optarg, &o->earth, &err) != INTERF_OK)
                cli_usage_error("--earth: %s", err.msg);
            break;
        case O_START: o->start = optarg; break;
        case O_DURATION: o->duration = optarg; break;
        case O_STEP: o->step = optarg; break;
        case O_STEPS: o->steps = cli_long(optarg, "--steps", 1, 1000000000L); break;
        case O_STAT:
            if (o->n_stats == MAX_STATS)
                cli_usage_error("--stat: at most %d", MAX_STATS);
            o->stats[o->n_stats++] = optarg;
            break;
        case O_CDF: o->cdf = 1; break;
        case O_SERIES: o->series = 1; break;
        case O_MAXMEM: o->max_memory = cli_size(optarg, "--max-memory"); break;
        case O_FP64: o->fp64 = 1; break;
        case O_PROGRESS: o->progress = 1; break;
        case ':': cli_usage_error("%s: missing value", argv[optind - 1]);
        default: cli_usage_error("%s: unknown option", argv[optind - 1]);
        }
    }
    if (optind < argc)
        cli_usage_error("%s: unexpected argument", argv[optind]);
    if (!o->system)
        cli_usage_error("-s/--system: required");
    if (!!o->grid + !!(o->n_at || o->points) != 1)
        cli_usage_error("give either --grid or points (--at, --points)");
    if (o->grid && (o->cdf || o->series))
        cli_usage_error("%s: only with points (--at, --points)", o->cdf ? "--cdf" : "--series");
    if (o->cdf + o->series + (o->n_stats > 0) > 1)
        cli_usage_error("give one of --stat, --cdf and --series");
    if (o->duration && o->steps)
        cli_usage_error("give --duration or --steps, not both");
    if (o->point && o->gso_lon)
        cli_usage_error("give --point or --gso-lon, not both");
}

static void parse_stat(const char *text, struct stat *st)
{
    char *end;
    snprintf(st->name, sizeof st->name, "%s", text);
    snprintf(st->label, sizeof st->label, "%s", text);
    for (char *c = st->label; *c; c++)
        *c = *c == ':' ? '_' : *c;
    if (strcmp(text, "max") == 0) {
        st->kind = ST_MAX;
        return;
    }
    if (text[0] == 'p') {
        st->kind = ST_PCT;
        st->arg = strtod(text + 1, &end);
        if (end != text + 1 && *end == '\0' && st->arg >= 0 && st->arg <= 100)
            return;
    } else if (strncmp(text, "exceed:", 7) == 0) {
        st->kind = ST_EXCEED;
        st->arg = strtod(text + 7, &end);
        if (end != text + 7 && *end == '\0' && isfinite(st->arg))
            return;
    } else if (strncmp(text, "margin:", 7) == 0 && text[7]) {
        st->kind = ST_MARGIN; /* the row is found once the dish and bandwidth are known */
        return;
    }
    cli_usage_error("--stat: %s: expected max, pNN.NNN (0 to 100), exceed:LEVEL (dB) or "
                    "margin:TABLE (e.g. margin:22-1A)", text);
}

/* The earth station's receive pattern: the catalogue entry with its diameter and frequency keys
 * (S.1428 and BO.1443 name them diameter_m and frequency_ghz). */
static void es_antenna(const struct opts *o, const struct interf_system *sys, double freq_ghz,
                       struct interf_antenna *ant)
{
    const struct interf_system_earth_station *es = interf_system_earth_station(sys);
    const char *name = o->es_pattern ? o->es_pattern : es->pattern[0] ? es->pattern : "S.1428";
    double dish = o->es_dish_m > 0 ? o->es_dish_m : es->dish_m;
    const struct interf_pattern_def *def = interf_pattern_find(name);
    char names[512];
    struct interf_error err;
    if (!def)
        cli_usage_error("--es-pattern: %s: unknown (known: %s)", name,
                        interf_pattern_names(names, sizeof names));
    double v[INTERF_PATTERN_MAXKEYS] = {0};
    int given[INTERF_PATTERN_MAXKEYS] = {0};
    int kd = interf_pattern_key_index(def, "diameter_m");
    int kf = interf_pattern_key_index(def, "frequency_ghz");
    if (kd < 0)
        cli_usage_error("--es-pattern: %s has no dish diameter: not an earth-station pattern",
                        name);
    if (!(dish > 0))
        cli_usage_error("--es-dish-m: required (the system file has no [earth-station] dish_m)");
    v[kd] = dish, given[kd] = 1;
    if (kf >= 0 && freq_ghz > 0)
        v[kf] = freq_ghz, given[kf] = 1;
    if (interf_antenna_init(ant, def, v, given, freq_ghz, &err) != INTERF_OK)
        cli_usage_error("--es-pattern %s: %s", name, err.msg);
}

/* Points of a table file (cli_read_points: lat_deg and lon_deg columns named on its schema
 * line, else columns 1 and 2). */
static size_t read_points(const char *path, double **lat, double **lon)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
    struct interf_error err;
    size_t n = 0;
    if (!f) {
        cli_error("%s: %s", path, strerror(errno));
        exit(CLI_EXIT_ERROR);
    }
    enum interf_status st = cli_read_points(f, path, lat, lon, &n, &err);
    if (f != stdin)
        fclose(f);
    if (st != INTERF_OK) {
        cli_error("%s", err.msg);
        exit(CLI_EXIT_ERROR);
    }
    return n;
}

/* The 3 dB beamwidth (full width, deg) of a pattern, by bisection on G = Gmax - 3. */
static double beamwidth_deg(const struct interf_antenna *a)
{
    double lo = 0, hi = 90;
    for (int k = 0; k < 60; k++) {
        double mid = 0.5 * (lo + hi);
        if (interf_antenna_gain_dbi(a, mid) > a->gain_max_dbi - 3.0)
            lo = mid;
        else
            hi = mid;
    }
    return 2 * lo;
}

/* --step auto: S.1503-4 §D4.2 at the lowest transmitting altitude and the fastest pass. */
static double step_auto(const struct interf_system *sys, const struct interf_antenna *es)
{
    const struct interf_system_info *info = interf_system_info(sys);
    const struct interf_constellation *c = interf_system_constellation(sys);
    double best = INFINITY;
    struct interf_error err;
    for (size_t s = 0; s < info->n_sats; s++) {
        if (interf_system_orbit(sys, interf_system_sat_orbit(sys, s))->n_beams == 0)
            continue;
        struct interf_elements el;
        interf_constellation_satellite(c, s, &el, NULL);
        struct interf_epfd_step st;
        double h = el.a_km * (1 - el.e) - INTERF_RE_KM;
        if (interf_epfd_step_auto(h, el.i_rad, beamwidth_deg(es), &st, &err) != INTERF_OK)
            cli_usage_error("--step auto: %s", err.msg);
        if (st.dt_ref_s < best)
            best = st.dt_ref_s;
    }
    if (!isfinite(best))
        cli_usage_error("--step auto: no orbit carries a beam");
    return best;
}

/* Everything a run needs, resolved from the options and the system. */
struct run {
    struct interf_system *sys;
    struct interf_earth *earth;
    struct interf_antenna es;
    struct interf_epfd_spec spec;
    struct interf_grid_spec grid;
    double *lat, *lon;
    struct stat stats[MAX_STATS];
    size_t n_stats;
    struct interf_limits *limits; /* for margin statistics */
    double freq_ghz, ref_bw_khz;
    int threads_used;             /* set by the run, for the provenance */
    char quantity[64], unit[64], *cmd;
};

static void resolve_time(const struct opts *o, struct run *r)
{
    const struct interf_system_info *info = interf_system_info(r->sys);
    r->spec.window.start_unix_s = info->epoch_unix_s + (o->start ? cli_time(o->start, "--start", info->epoch_unix_s) : 0);
    if (o->step && strcmp(o->step, "auto") == 0)
        r->spec.window.step_s = step_auto(r->sys, &r->es);
    else
        r->spec.window.step_s = o->step ? cli_duration(o->step, "--step", 0) : 10.0;
    if (!(r->spec.window.step_s > 0))
        cli_usage_error("--step: must be positive");
    if (o->steps) {
        r->spec.window.n_steps = o->steps;
    } else {
        double d = o->duration ? cli_duration(o->duration, "--duration", 0) : 86400.0;
        double n = floor(d / r->spec.window.step_s * (1 + 1e-12));
        if (n < 1 || n > 1e9)
            cli_usage_error("--duration: %g s at %g s steps: %.0f steps (1 to 1e9 allowed)", d,
                            r->spec.window.step_s, n);
        r->spec.window.n_steps = (long)n;
    }
}

/* Refuse a run that needs more memory than allowed before allocating anything for it: the
 * per-point histograms (INTERF_EPFD_NBINS 32-bit counts), the series, the point tables. */
static void check_memory(const struct opts *o, const struct run *r, double n_points)
{
    double need = n_points * (INTERF_EPFD_NBINS * 4.0 + 160.0) +
                  (o->series ? 4.0 * n_points * (double)r->spec.window.n_steps : 0.0);
    double have = o->max_memory > 0 ? o->max_memory : cli_available_memory();
    if (need > have)
        cli_usage_error("this run needs %.2f GiB of memory, more than the %.2f GiB %s; use a "
                        "coarser --grid or fewer points", need / 1073741824.0,
                        have / 1073741824.0,
                        o->max_memory > 0 ? "allowed by --max-memory" : "available");
}

static void resolve_points(const struct opts *o, struct run *r)
{
    struct interf_error err;
    if (o->grid) {
        double w, e, s, n, c;
        char *end;
        const char *p = o->grid;
        double *v[5] = {&w, &e, &s, &n, &c};
        for (int k = 0; k < 5; k++, p = end + 1) {
            *v[k] = strtod(p, &end);
            if (end == p || (k < 4 && *end != '/') || (k == 4 && *end))
                cli_usage_error("--grid: expected W/E/S/N/STEP in degrees, got \"%s\"", o->grid);
        }
        if (e < w)
            e += 360; /* E < W crosses the antimeridian */
        if (interf_grid_spec_init(w, e, s, n, c, &r->grid, &err) != INTERF_OK)
            cli_usage_error("--grid: %s", err.msg);
        size_t np = r->grid.ncols * r->grid.nrows;
        check_memory(o, r, (double)np);
        r->lat = malloc(np * sizeof *r->lat);
        r->lon = malloc(np * sizeof *r->lon);
        if (!r->lat || !r->lon)
            cli_usage_error("--grid: %zu cells: out of memory", np);
        for (size_t i = 0; i < r->grid.nrows; i++)
            for (size_t j = 0; j < r->grid.ncols; j++) {
                r->lat[i * r->grid.ncols + j] = interf_grid_lat_deg(&r->grid, i);
                r->lon[i * r->grid.ncols + j] = interf_grid_lon_deg(&r->grid, j);
            }
        r->spec.n_points = np;
        r->spec.grid = &r->grid;
    } else if (o->points) {
        r->spec.n_points = read_points(o->points, &r->lat, &r->lon);
        check_memory(o, r, (double)r->spec.n_points);
    } else {
        check_memory(o, r, (double)o->n_at);
        r->spec.n_points = o->n_at;
        r->lat = malloc(o->n_at * sizeof *r->lat);
        r->lon = malloc(o->n_at * sizeof *r->lon);
        memcpy(r->lat, o->at_lat, o->n_at * sizeof *r->lat);
        memcpy(r->lon, o->at_lon, o->n_at * sizeof *r->lon);
    }
    r->spec.lat_deg = r->lat;
    r->spec.lon_deg = r->lon;
}

static void resolve_pointing(const struct opts *o, struct run *r)
{
    const struct interf_system_earth_station *es = interf_system_earth_station(r->sys);
    r->spec.pointing = INTERF_ES_GSO_SAME;
    if (o->point) {
        double az, el;
        char *end;
        az = strtod(o->point, &end);
        if (end == o->point || *end != ',')
            cli_usage_error("--point: expected AZ,EL in degrees, got \"%s\"", o->point);
        el = cli_double(end + 1, "--point elevation", -90, 90);
        if (!(az >= 0 && az <= 360))
            cli_usage_error("--point: azimuth %g: allowed range 0 to 360", az);
        r->spec.pointing = INTERF_ES_AZEL, r->spec.az_deg = az, r->spec.el_deg = el;
    } else if (o->gso_lon && strcmp(o->gso_lon, "same") != 0) {
        r->spec.pointing = INTERF_ES_GSO_LON;
        r->spec.gso_lon_deg = cli_double(o->gso_lon, "--gso-lon", -180, 360);
    } else if (!o->gso_lon && !es->gso_lon_same && es->given) {
        r->spec.pointing = INTERF_ES_GSO_LON;
        r->spec.gso_lon_deg = es->gso_lon_deg;
    }
    /* S.1503-4 Table 8: the GSO satellite seen at >= 10 deg below 17 GHz, >= 20 deg above */
    r->spec.eps_gso_deg = r->freq_ghz < 17.0 ? 10.0 : 20.0;
}

/* The Article 22 row of a margin statistic: the table, the run's dish, bandwidth and frequency
 * (S.1503-4 §D7; the same verdict code as interf-check). */
static void find_mask(struct run *r, struct stat *st)
{
    struct interf_error err;
    if (!r->limits && interf_limits_create(&r->limits, &err) != INTERF_OK)
        cli_usage_error("--stat %s: %s", st->name, err.msg);
    struct interf_limit_query q = {
        .table = st->name + 7, .band_lo_ghz = r->freq_ghz, .band_hi_ghz = r->freq_ghz,
        .dish_m = r->es.value[interf_pattern_key_index(r->es.def, "diameter_m")],
        .ref_bandwidth_khz = r->ref_bw_khz};
    if (interf_limits_find(r->limits, &q, &st->mask, &err) != INTERF_OK)
        cli_usage_error("--stat %s: %s", st->name, err.msg);
}

static void resolve(const struct opts *o, struct run *r)
{
    struct interf_error err;
    const struct interf_system_info *info = interf_system_info(r->sys);
    r->freq_ghz = o->freq_ghz > 0 ? o->freq_ghz : info->freq_ghz;
    if (!(r->freq_ghz > 0))
        cli_usage_error("--freq-ghz: required (the system file has no band_ghz)");
    r->ref_bw_khz = o->ref_bw_khz > 0 ? o->ref_bw_khz : info->ref_bandwidth_khz;
    es_antenna(o, r->sys, r->freq_ghz, &r->es);
    if (interf_earth_create(o->earth, &r->earth, &err) != INTERF_OK)
        cli_usage_error("--earth: %s", err.msg);
    r->spec.sys = r->sys, r->spec.earth = r->earth, r->spec.es = &r->es;
    r->spec.threads = o->threads;
    r->spec.fp64 = o->fp64;
    r->spec.power_offset_db = 10 * log10(r->ref_bw_khz / info->ref_bandwidth_khz);
    resolve_time(o, r);
    resolve_points(o, r);
    resolve_pointing(o, r);
    r->n_stats = o->n_stats ? o->n_stats : 1;
    for (size_t k = 0; k < r->n_stats; k++)
        parse_stat(o->n_stats ? o->stats[k] : "max", &r->stats[k]);
    for (size_t k = 0; k < r->n_stats; k++)
        if (r->stats[k].kind == ST_MARGIN)
            find_mask(r, &r->stats[k]);
    if (o->grid && r->n_stats > 1 && !o->output)
        cli_usage_error("--stat: several statistics need -o PREFIX (PREFIX.STAT.asc each)");
    snprintf(r->quantity, sizeof r->quantity, "epfd_dbw_m2_%gkhz", r->ref_bw_khz);
    snprintf(r->unit, sizeof r->unit, "dB(W/m2/%gkHz)", r->ref_bw_khz);
}

/* The worst margin (dB, negative: fails) of a point's histogram against an Article 22 row. */
static double margin_db(const struct run *r, const struct stat *st, const uint32_t *h,
                        double lat_deg)
{
    static int32_t lv[INTERF_EPFD_NBINS];
    static double pct[INTERF_EPFD_NBINS];
    struct interf_error err;
    double m;
    const struct interf_hist hh = {INTERF_EPFD_LEVEL_MIN, INTERF_EPFD_NBINS, h, NULL};
    if (interf_limit_worst_margin_hist(st->mask, r->ref_bw_khz, &hh, lv, pct, lat_deg, NAN, &m,
                                       &err) != INTERF_OK) {
        cli_error("--stat %s: %s", st->name, err.msg);
        exit(CLI_EXIT_ERROR);
    }
    return m;
}

/* The value of a statistic at point i: dB (a level or a margin) or % of time. */
static double stat_value(const struct run *r, const struct stat *st, const uint32_t *h, size_t i)
{
    const struct interf_hist hh = {INTERF_EPFD_LEVEL_MIN, INTERF_EPFD_NBINS, h, NULL};
    switch (st->kind) {
    case ST_MAX: return interf_hist_max(&hh) / 10.0;
    case ST_PCT: return interf_hist_percentile(&hh, st->arg) / 10.0;
    case ST_EXCEED: return interf_hist_exceed(&hh, interf_db_to_tenths(st->arg));
    case ST_MARGIN: return margin_db(r, st, h, r->lat[i]);
    }
    return NAN;
}

/* "# key: value" provenance shared by every output. */
static void provenance(FILE *f, const struct run *r)
{
    const struct interf_system_info *info = interf_system_info(r->sys);
    char t0[40], t1[40];
    fprintf(f, "# tool: interf-epfd %s\n# command: %s\n", INTERF_VERSION_STRING, r->cmd);
    fprintf(f, "# system: %s\n# system_name: %s\n", info->path, info->name);
    fprintf(f, "# epoch_utc: %s\n# start_utc: %s\n",
            interf_time_format_utc(info->epoch_unix_s, t0, sizeof t0),
            interf_time_format_utc(info->epoch_unix_s + (r->spec.window.start_unix_s - interf_system_info(r->sys)->epoch_unix_s), t1, sizeof t1));
    fprintf(f, "# step_s: %.3f\n# n_steps: %ld\n", r->spec.window.step_s, r->spec.window.n_steps);
    fprintf(f, "# es_pattern: %s (%s)\n# es_dish_m: %g\n", r->es.def->name, r->es.def->revision,
            r->es.value[interf_pattern_key_index(r->es.def, "diameter_m")]);
    fprintf(f, "# freq_ghz: %g\n# ref_bandwidth_khz: %g\n", r->freq_ghz, r->ref_bw_khz);
    fprintf(f, "# earth_model: %s\n", interf_earth_describe(r->earth));
    fprintf(f, "# precision: %s\n# threads: %d\n", r->spec.fp64 ? "fp64" : "fp32",
            r->threads_used);
}

static void meta_set(struct interf_grid_meta *m, const char *k, const char *v)
{
    struct interf_error err;
    if (interf_grid_meta_set(m, k, v, &err) != INTERF_OK)
        cli_error("metadata %s: %s", k, err.msg);
}

/* One grid per statistic: stdout, FILE, or PREFIX.STAT.asc with sidecars. */
static int write_grids(const struct opts *o, const struct run *r, const uint32_t *hist,
                       const unsigned char *nodata)
{
    struct interf_error err;
    for (size_t k = 0; k < r->n_stats; k++) {
        const struct stat *st = &r->stats[k];
        struct interf_grid *g;
        if (interf_grid_create(&r->grid, &g, &err) != INTERF_OK) {
            cli_error("%s", err.msg);
            return CLI_EXIT_ERROR;
        }
        for (size_t i = 0; i < r->spec.n_points; i++)
            g->values[i] = nodata[i] ? NAN : stat_value(r, st, hist + i * INTERF_EPFD_NBINS, i);
        int pct = st->kind == ST_EXCEED, rc = CLI_EXIT_OK;
        if (!o->output) {
            struct cli_out out;
            cli_out_open(&out, NULL);
            if (interf_grid_write_asc(stdout, g, pct ? 4 : 1, &err) != INTERF_OK)
                cli_error("standard output: %s", err.msg), rc = CLI_EXIT_ERROR;
            else
                rc = cli_out_commit(&out);
        } else {
            char path[4096], buf[64];
            if (r->n_stats > 1)
                snprintf(path, sizeof path, "%s.%s.asc", o->output, st->label);
            else
                snprintf(path, sizeof path, "%s", o->output);
            struct interf_grid_meta m;
            interf_grid_meta_init(&m);
            snprintf(m.unit, sizeof m.unit, "%s",
                     pct ? "%" : st->kind == ST_MARGIN ? "dB" : r->unit);
            meta_set(&m, "quantity", "epfd_down");
            meta_set(&m, "statistic", st->name);
            meta_set(&m, "tool", "interf-epfd " INTERF_VERSION_STRING);
            meta_set(&m, "command", r->cmd);
            meta_set(&m, "system", interf_system_info(r->sys)->name);
            meta_set(&m, "earth_model", interf_earth_describe(r->earth));
            meta_set(&m, "es_pattern", r->es.def->revision);
            snprintf(buf, sizeof buf, "%ld x %.3f s", r->spec.window.n_steps, r->spec.window.step_s);
            meta_set(&m, "time_steps", buf);
            meta_set(&m, "precision", r->spec.fp64 ? "fp64" : "fp32");
            snprintf(buf, sizeof buf, "%d", r->threads_used);
            meta_set(&m, "threads", buf);
            rc = cli_grid_save(path, g, &m, pct ? 4 : 1);
        }
        interf_grid_destroy(g);
        if (rc != CLI_EXIT_OK)
            return rc;
    }
    return CLI_EXIT_OK;
}

static void list_nodata(FILE *f, const struct run *r, const unsigned char *nodata, int quiet)
{
    for (size_t i = 0; i < r->spec.n_points; i++)
        if (nodata[i]) {
            fprintf(f, "# nodata: lat_deg %g lon_deg %g: the GSO satellite is below %g deg\n",
                    r->lat[i], r->lon[i], r->spec.eps_gso_deg);
            cli_warn(quiet, "point %g,%g not computed: its GSO satellite is below %g deg",
                     r->lat[i], r->lon[i], r->spec.eps_gso_deg);
        }
}

/* Points: a table of statistics, CDF tables or time series. */
static int write_points(const struct opts *o, const struct run *r, const uint32_t *hist,
                        const float *series, const unsigned char *nodata)
{
    struct cli_out out;
    struct interf_error err;
    if (cli_out_open(&out, o->output) != CLI_EXIT_OK)
        return CLI_EXIT_ERROR;
    FILE *f = out.fp;
    int first = 1;
    if (!o->cdf && !o->series) {
        fputs("# lat_deg lon_deg", f);
        for (size_t k = 0; k < r->n_stats; k++)
            fprintf(f, r->stats[k].kind == ST_EXCEED ? " %s_pct"
                       : r->stats[k].kind == ST_MARGIN ? " %s_db" : " %s_%s",
                    r->stats[k].label, r->quantity);
        fputc('\n', f);
        provenance(f, r);
        list_nodata(f, r, nodata, o->quiet);
    }
    for (size_t i = 0; i < r->spec.n_points; i++) {
        const uint32_t *h = hist ? hist + i * INTERF_EPFD_NBINS : NULL;
        if (!o->cdf && !o->series) {
            fprintf(f, "%11.6f  %11.6f", r->lat[i], r->lon[i]);
            for (size_t k = 0; k < r->n_stats; k++)
                if (nodata[i])
                    fputs("  nan", f);
                else
                    fprintf(f, r->stats[k].kind == ST_EXCEED ? "  %.6f" : "  %.1f",
                            stat_value(r, &r->stats[k], h, i));
            fputc('\n', f);
            continue;
        }
        if (nodata[i]) {
            list_nodata(f, r, nodata, o->quiet);
            continue;
        }
        if (!first)
            fputs(">\n", f);
        first = 0;
        if (o->series) {
            fprintf(f, "# t_s %s\n", r->quantity);
            provenance(f, r);
            fprintf(f, "# lat_deg: %g\n# lon_deg: %g\n", r->lat[i], r->lon[i]);
            for (long t = 0; t < r->spec.window.n_steps; t++)
                fprintf(f, "%12.3f  %10.4f\n", (r->spec.window.start_unix_s - interf_system_info(r->sys)->epoch_unix_s) + t * r->spec.window.step_s,
                        series[i * (size_t)r->spec.window.n_steps + (size_t)t]);
            continue;
        }
        const struct interf_hist hh = {INTERF_EPFD_LEVEL_MIN, INTERF_EPFD_NBINS, h, NULL};
        struct interf_cdf *cdf;
        char v[64];
        if (interf_cdf_create_hist(r->quantity, r->ref_bw_khz, &hh, &cdf, &err) != INTERF_OK) {
            cli_out_abort(&out);
            cli_error("%s", err.msg);
            return CLI_EXIT_ERROR;
        }
        snprintf(v, sizeof v, "%g", r->lat[i]);
        interf_cdf_meta_set(cdf, "lat_deg", v, NULL);
        snprintf(v, sizeof v, "%g", r->lon[i]);
        interf_cdf_meta_set(cdf, "lon_deg", v, NULL);
        snprintf(v, sizeof v, "%g", r->es.value[interf_pattern_key_index(r->es.def, "diameter_m")]);
        interf_cdf_meta_set(cdf, "es_dish_m", v, NULL);
        interf_cdf_meta_set(cdf, "es_pattern", r->es.def->name, NULL);
        snprintf(v, sizeof v, "%g", r->ref_bw_khz);
        interf_cdf_meta_set(cdf, "ref_bandwidth_khz", v, NULL);
        snprintf(v, sizeof v, "%g", r->freq_ghz);
        interf_cdf_meta_set(cdf, "freq_ghz", v, NULL);
        snprintf(v, sizeof v, "%ld", r->spec.window.n_steps);
        interf_cdf_meta_set(cdf, "n_steps", v, NULL);
        snprintf(v, sizeof v, "%.3f", r->spec.window.step_s);
        interf_cdf_meta_set(cdf, "step_s", v, NULL);
        snprintf(v, sizeof v, "%.1f", interf_hist_max(&hh) / 10.0);
        interf_cdf_meta_set(cdf, "max_epfd", v, NULL);
        interf_cdf_meta_set(cdf, "tool", "interf-epfd " INTERF_VERSION_STRING, NULL);
        interf_cdf_meta_set(cdf, "system", interf_system_info(r->sys)->path, NULL);
        interf_cdf_meta_set(cdf, "command", r->cmd, NULL);
        interf_cdf_meta_set(cdf, "precision", r->spec.fp64 ? "fp64" : "fp32", NULL);
        snprintf(v, sizeof v, "%d", r->threads_used);
        interf_cdf_meta_set(cdf, "threads", v, NULL);
        enum interf_status st = interf_cdf_write(f, cdf, &err);
        interf_cdf_free_all(cdf, 1);
        if (st != INTERF_OK)
            return cli_out_fail(&out);
    }
    if (ferror(f))
        return cli_out_fail(&out);
    return cli_out_commit(&out);
}

int main(int argc, char **argv)
{
    static struct opts o;
    struct run r = {0};
    struct interf_error err;
    struct interf_epfd_plan *plan = NULL;
    struct interf_epfd_out res = {0};
    struct cli_progress prog;
    int rc = CLI_EXIT_ERROR;

    cli_init("interf-epfd");
    parse_args(argc, argv, &o);
    if (interf_system_load(o.system, &r.sys, &err) != INTERF_OK) {
        cli_error("%s", err.msg);
        return CLI_EXIT_ERROR;
    }
    resolve(&o, &r);
    r.cmd = cli_command_line(argc, argv);
    if (interf_epfd_plan_create(&r.spec, &plan, &err) != INTERF_OK) {
        cli_error("%s", err.msg);
        goto done;
    }
    if (interf_epfd_out_create(plan, o.series, &res, &err) != INTERF_OK) {
        cli_error("%s", err.msg);
        goto done;
    }
    cli_progress_init(&prog, o.progress, o.quiet, (double)r.spec.window.n_steps, "steps");
    if (interf_epfd_run(plan, &res, cli_progress_report, &prog, &err) != INTERF_OK) {
        cli_progress_done(&prog);
        cli_error("%s", err.msg);
        goto done;
    }
    cli_progress_done(&prog);
    r.threads_used = res.threads_used;
    if (res.clamped)
        cli_warn(o.quiet, "warning: %llu samples at or above -80 dB were counted in the top bin",
                 (unsigned long long)res.clamped);
    const unsigned char *nodata = interf_epfd_plan_nodata(plan);
    rc = o.grid ? write_grids(&o, &r, res.hist.count, nodata)
                : write_points(&o, &r, res.hist.count, res.series, nodata);
done:
    interf_epfd_out_free(&res);
    interf_epfd_plan_destroy(plan);
    interf_earth_destroy(r.earth);
    interf_system_destroy(r.sys);
    interf_limits_destroy(r.limits);
    free(r.lat);
    free(r.lon);
    free(r.cmd);
    return rc;
}
