/* SPDX-License-Identifier: MIT */
/* interf-footprint: where a satellite beam puts its power on the Earth. Relative gain, EIRP or
 * free-space PFD of the beams of one satellite of a system (M.2101 arrays steered through the
 * CGEMM path), statistics of the PFD over a beam-hopping schedule (SGEMM, interf/schedule.h),
 * or the number of the system's satellites in view, on a latitude/longitude grid (ESRI ASCII
 * grid; given, or chosen to cover the visible cap), with contours as GeoJSON (RFC 7946, cut at
 * the antimeridian) or GMT text, each ring with its area on the S.1503 sphere or WGS 84. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli_legacy.h"
#include "interf/grid.h"
#include "interf/render.h"
#include "interf/schedule.h"

static const char usage[] =
    "Usage: interf-footprint -s SYSTEM [--sat ID] --quantity gain|eirp|pfd|visible [options]\n"
    "Beam footprints of a system's satellite at an instant: relative gain (dB), EIRP (dBW) or\n"
    "free-space PFD (dB(W/m2)) in the reference bandwidth on a latitude/longitude grid, or the\n"
    "number of the system's satellites in view; statistics of the PFD over a beam-hopping\n"
    "schedule; contours as GeoJSON or GMT text with their areas.\n"
    "\n"
    "Where:\n"
    "  -s, --system FILE        system file (interf-system(5)); required\n"
    "      --sat ID             satellite number (0.., file order); required except for visible\n"
    "      --beam NAME          one beam of the satellite [all its beams]\n"
    "      --quantity Q         gain (G - Gmax, dB), eirp (dBW), pfd (dB(W/m2)) or visible\n"
    "                           (satellites above --min-elevation); required\n"
    "      --time T             offset from the epoch or ISO 8601 UTC [0]\n"
    "      --grid W/E/S/N/STEP  the grid: outer edges and cell size, degrees; E < W crosses\n"
    "                           the antimeridian [-180/180/-90/90/1]\n"
    "      --auto-grid          the grid that covers the satellite's visible cap (at least 200\n"
    "                           cells across it; visible: the whole Earth at 1 deg)\n"
    "      --min-elevation DEG  NODATA (visible: not counted) below this elevation at the\n"
    "                           ground point [0]\n"
    "      --combine sum|max    several beams: sum in linear power, or the largest [sum]\n"
    "      --stat STAT          pfd over the satellite's beam-hopping schedule: max, mean or\n"
    "                           pNN.NNN over the slots; repeatable\n"
    "      --earth MODEL        sphere or wgs84 (ground points and areas) [sphere]\n"
    "      --max-memory SIZE    refuse grids that need more (e.g. 2G) [available memory]\n"
    "Output:\n"
    "  -o, --output FILE        the grid, with .prj and .aux.xml sidecars (several --stat:\n"
    "                           PREFIX, giving PREFIX.STAT.asc) [standard output]\n"
    "      --contour LEVELS     contour levels, comma-separated (e.g. -3,-6,-10)\n"
    "      --contours-out FILE  the contours; needed with --contour\n"
    "      --contours-format F  geojson (RFC 7946) or gmt (multi-segment text) [gmt when FILE\n"
    "                           ends in .gmt, else geojson]\n"
    "  -q, --quiet              no warnings\n"
    "  -h, --help               show this help and exit\n"
    "      --version            show the version and exit\n"
    "\n"
    "Examples:\n"
    "  interf-footprint -s footprints/gso-ku.ini --sat 0 --quantity pfd \\\n"
    "                   --grid -40/80/-60/75/1 -o pfd.asc\n"
    "  interf-footprint -s footprints/gso-ku.ini --sat 0 --quantity gain --auto-grid \\\n"
    "                   --contour -3,-10 --contours-out gain.geojson -o gain.asc\n"
    "  interf-footprint -s footprints/gps.ini --quantity visible --min-elevation 10 > gps.asc\n";

#define MAX_LEVELS 64
#define MAX_STATS 16

enum quantity { Q_GAIN, Q_EIRP, Q_PFD, Q_VISIBLE };
enum cformat { CF_AUTO, CF_GEOJSON, CF_GMT };

struct opts {
    const char *system, *beam, *time, *grid, *output, *contours_out;
    long sat;
    enum quantity quantity;
    int has_quantity, combine_max, quiet, auto_grid;
    enum cformat cformat;
    double min_elevation_deg, levels[MAX_LEVELS], max_memory;
    size_t n_levels, n_stats;
    struct interf_stat stats[MAX_STATS];
    const char *stat_text[MAX_STATS];
    enum interf_earth_kind earth;
};

static void parse_levels(const char *arg, struct opts *o)
{
    const char *p = arg;
    char *end;
    o->n_levels = 0;
    for (;;) {
        double v = strtod(p, &end);
        if (end == p || !isfinite(v) || (*end != ',' && *end != '\0'))
            cli_usage_error("--contour: expected levels such as -3,-6,-10, got \"%s\"", arg);
        if (o->n_levels == MAX_LEVELS)
            cli_usage_error("--contour: at most %d levels", MAX_LEVELS);
        o->levels[o->n_levels++] = v;
        if (*end == '\0')
            return;
        p = end + 1;
    }
}

static enum quantity parse_quantity(const char *arg)
{
    static const char *const names[] = {"gain", "eirp", "pfd", "visible"};
    for (int k = 0; k < 4; k++)
        if (strcmp(arg, names[k]) == 0)
            return (enum quantity)k;
    cli_usage_error("--quantity: %s: expected gain, eirp, pfd or visible", arg);
}

/* --stat: the PFD over the schedule's slots, of every beam (the schedule lights them). */
static void check_stat_args(const struct opts *o)
{
    if (o->n_stats == 0)
        return;
    if (o->quantity != Q_PFD)
        cli_usage_error("--stat: only with --quantity pfd");
    if (o->beam)
        cli_usage_error("--beam: not with --stat (the schedule says which beams are lit)");
    if (o->combine_max)
        cli_usage_error("--combine: not with --stat (the beams of a slot add in power)");
    if (o->n_stats > 1 && !o->output)
        cli_usage_error("--stat: several statistics need -o PREFIX (PREFIX.STAT.asc each)");
    if (o->n_stats > 1 && o->n_levels)
        cli_usage_error("--contour: with one --stat only");
}

static void parse_args(int argc, char **argv, struct opts *o)
{
    enum { O_SAT = 256, O_BEAM, O_QUANTITY, O_TIME, O_GRID, O_MINEL, O_COMBINE, O_EARTH,
           O_CONTOUR, O_CONTOURS_OUT, O_VERSION, O_AUTO, O_STAT, O_MAXMEM, O_CFORMAT };
    static const struct option lo[] = {
        {"system", required_argument, NULL, 's'}, {"sat", required_argument, NULL, O_SAT},
        {"beam", required_argument, NULL, O_BEAM},
        {"quantity", required_argument, NULL, O_QUANTITY},
        {"time", required_argument, NULL, O_TIME}, {"grid", required_argument, NULL, O_GRID},
        {"min-elevation", required_argument, NULL, O_MINEL},
        {"combine", required_argument, NULL, O_COMBINE},
        {"earth", required_argument, NULL, O_EARTH}, {"output", required_argument, NULL, 'o'},
        {"contour", required_argument, NULL, O_CONTOUR},
        {"contours-out", required_argument, NULL, O_CONTOURS_OUT},
        {"contours-format", required_argument, NULL, O_CFORMAT},
        {"auto-grid", no_argument, NULL, O_AUTO}, {"stat", required_argument, NULL, O_STAT},
        {"max-memory", required_argument, NULL, O_MAXMEM},
        {"quiet", no_argument, NULL, 'q'}, {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, O_VERSION}, {NULL, 0, NULL, 0}};
    struct interf_error err;
    int c;
    memset(o, 0, sizeof *o);
    o->sat = -1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":s:o:qh", lo, NULL)) != -1) {
        switch (c) {
        case 's': o->system = optarg; break;
        case 'o': o->output = optarg; break;
        case 'q': o->quiet = 1; break;
        case 'h': cli_help(usage);
        case O_VERSION: cli_version();
        case O_SAT: o->sat = cli_long(optarg, "--sat", 0, 100000000L); break;
        case O_BEAM: o->beam = optarg; break;
        case O_QUANTITY: o->quantity = parse_quantity(optarg), o->has_quantity = 1; break;
        case O_TIME: o->time = optarg; break;
        case O_GRID: o->grid = optarg; break;
        case O_MINEL: o->min_elevation_deg = cli_double(optarg, "--min-elevation", -90, 90); break;
        case O_COMBINE:
            if (strcmp(optarg, "sum") && strcmp(optarg, "max"))
                cli_usage_error("--combine: %s: expected sum or max", optarg);
            o->combine_max = strcmp(optarg, "max") == 0;
            break;
        case O_EARTH:
            if (interf_earth_kind_parse(optarg, &o->earth, &err) != INTERF_OK)
                cli_usage_error("--earth: %s", err.msg);
            break;
        case O_CONTOUR: parse_levels(optarg, o); break;
        case O_CONTOURS_OUT: o->contours_out = optarg; break;
        case O_CFORMAT:
            if (strcmp(optarg, "geojson") && strcmp(optarg, "gmt"))
                cli_usage_error("--contours-format: %s: expected geojson or gmt", optarg);
            o->cformat = strcmp(optarg, "gmt") == 0 ? CF_GMT : CF_GEOJSON;
            break;
        case O_AUTO: o->auto_grid = 1; break;
        case O_MAXMEM: o->max_memory = cli_size(optarg, "--max-memory"); break;
        case O_STAT:
            if (o->n_stats == MAX_STATS)
                cli_usage_error("--stat: at most %d statistics", MAX_STATS);
            if (interf_stat_parse(optarg, INTERF_SCHEDULE_STATS, &o->stats[o->n_stats], &err) != INTERF_OK)
                cli_usage_error("--stat: %s", err.msg);
            o->stat_text[o->n_stats++] = optarg;
            break;
        case ':': cli_usage_error("%s: missing value", argv[optind - 1]);
        default: cli_usage_error("%s: unknown option", argv[optind - 1]);
        }
    }
    if (optind < argc)
        cli_usage_error("%s: unexpected argument", argv[optind]);
    if (!o->system)
        cli_usage_error("-s/--system: required");
    if (!o->has_quantity)
        cli_usage_error("--quantity: required (gain, eirp, pfd or visible)");
    if (o->quantity != Q_VISIBLE && o->sat < 0)
        cli_usage_error("--sat: required with --quantity %s",
                        o->quantity == Q_GAIN ? "gain" : o->quantity == Q_EIRP ? "eirp" : "pfd");
    if (o->quantity == Q_VISIBLE && (o->sat >= 0 || o->beam))
        cli_usage_error("%s: not with --quantity visible (it counts every satellite)",
                        o->beam ? "--beam" : "--sat");
    if (!!o->n_levels != !!o->contours_out)
        cli_usage_error("%s", o->n_levels ? "--contour: needs --contours-out FILE"
                                          : "--contours-out: needs --contour LEVELS");
    if (o->auto_grid && o->grid)
        cli_usage_error("--auto-grid: not with --grid");
    check_stat_args(o);
    if (o->cformat == CF_AUTO && o->contours_out) {
        size_t n = strlen(o->contours_out);
        o->cformat = n >= 4 && strcmp(o->contours_out + n - 4, ".gmt") == 0 ? CF_GMT : CF_GEOJSON;
    }
}

/* One beam, resolved for the satellite's position: unit boresight b from the satellite, and the
 * unit vectors n (north projected normal to b) and e = b x n (east as seen from the satellite)
 * that measure the azimuth about the boresight. */
struct beam_geom {
    const struct interf_system_beam *beam;
    const struct interf_antenna *ant;
    double b[3], n[3], e[3];
    float *gain_lin;              /* M.2101 arrays: linear gain toward every grid point */
    double escan_deg, etilt_deg;  /* M.2101 arrays: the beam's steering */
};

struct run {
    struct interf_system *sys;
    struct interf_earth *earth;
    struct interf_grid_spec spec;
    double t_s;
    size_t n_sats;
    double *sx, *sy, *sz;           /* ECEF of every satellite at t, km */
    double *px, *py, *pz, *up;      /* ground points: ECEF (km) and up vectors (3 per point) */
    struct beam_geom beams[16];
    size_t n_beams;
    char quantity[64], unit[64], *cmd;
};

static double dot3(const double a[3], const double b[3])
{
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/* Boresight (interf_beam_boresight: nadir is geocentric on both Earth models) and the azimuth
 * frame about it (interf_beam_frame) of a beam of the satellite at s. */
static void beam_boresight(const struct run *r, struct beam_geom *g, const double s[3])
{
    struct interf_error err;
    double aim[3] = {0, 0, 0};
    if (g->beam->pointing == INTERF_POINT_AIM &&
        interf_geo_to_ecef(r->earth, g->beam->aim_lat_deg * INTERF_DEG,
                           g->beam->aim_lon_deg * INTERF_DEG, 0, aim, &err) != INTERF_OK) {
        cli_error("[beam %s] aim point: %s", g->beam->name, err.msg);
        exit(CLI_EXIT_ERROR);
    }
    interf_beam_boresight(g->beam, s, aim, g->b);
    interf_beam_frame(g->b, g->n, g->e);
}

static int is_array(const struct interf_antenna *ant)
{
    return ant->def == interf_pattern_find("M.2101");
}

/* The direction u (from the satellite) in an M.2101 array's own angles: azimuth from the
 * array's normal x toward its horizontal axis h, elevation toward its vertical axis v. */
static void array_azel(const double x[3], const double h[3], const double v[3], const double u[3],
                       double *az_deg, double *el_deg)
{
    double r = sqrt(dot3(u, u)), z = dot3(u, v) / r;
    *az_deg = atan2(dot3(u, h), dot3(u, x)) / INTERF_DEG;
    *el_deg = asin(z > 1 ? 1 : z < -1 ? -1 : z) / INTERF_DEG;
}

/* An M.2101 phased array (Rec. ITU-R M.2101-0 Annex 1 §5) on the satellite: its face looks at
 * the geocentric nadir, its horizontal axis (increasing element column) at orientation_deg from
 * north (clockwise as seen from the satellite), its vertical axis 90 deg further clockwise. A
 * nadir beam keeps the antenna's own escan_deg and etilt_deg; an off-nadir or aimed beam is
 * steered electronically to its boresight direction, azimuth az and elevation el in the array's
 * angles: escan = az, etilt = -el (the array factor peaks where sin(theta) sin(phi) =
 * cos(etilt) sin(escan) and cos(theta) = -sin(etilt), theta = 90 - el; M.2101 Table 4, etilt
 * positive downwards). The gains toward every grid point come from interf_m2101_gains, one
 * complex matrix product per tile of directions (CGEMM). */
static void array_gains(const struct run *r, struct beam_geom *g, const double s[3])
{
    struct interf_error err;
    size_t np = r->spec.ncols * r->spec.nrows;
    double o = g->beam->orientation_deg * INTERF_DEG, x[3], h[3], v[3];
    double rs = sqrt(dot3(s, s));
    for (int k = 0; k < 3; k++)
        x[k] = -s[k] / rs;
    double aim[3] = {g->b[0], g->b[1], g->b[2]};
    memcpy(g->b, x, sizeof x); /* the frame of the array's face */
    interf_beam_frame(g->b, g->n, g->e);
    for (int k = 0; k < 3; k++) {
        h[k] = g->n[k] * cos(o) + g->e[k] * sin(o);
        v[k] = -g->n[k] * sin(o) + g->e[k] * cos(o);
    }
    const struct interf_pattern_def *def = g->ant->def;
    g->escan_deg = g->ant->value[interf_pattern_key_index(def, "escan_deg")];
    g->etilt_deg = g->ant->value[interf_pattern_key_index(def, "etilt_deg")];
    if (g->beam->pointing != INTERF_POINT_NADIR) {
        double el;
        array_azel(x, h, v, aim, &g->escan_deg, &el);
        g->etilt_deg = -el;
    }
    double *az = malloc(2 * np * sizeof *az);
    g->gain_lin = malloc(np * sizeof *g->gain_lin);
    if (!az || !g->gain_lin)
        cli_usage_error("[beam %s]: %zu cells: out of memory", g->beam->name, np);
    for (size_t p = 0; p < np; p++) {
        double u[3] = {r->px[p] - s[0], r->py[p] - s[1], r->pz[p] - s[2]};
        array_azel(x, h, v, u, &az[p], &az[np + p]);
    }
    if (interf_m2101_gains(g->ant, np, az, az + np, 1, &g->escan_deg, &g->etilt_deg,
                           g->gain_lin, INTERF_ARRAY_CGEMM, &err) != INTERF_OK) {
        cli_error("[beam %s]: %s", g->beam->name, err.msg);
        exit(CLI_EXIT_ERROR);
    }
    free(az);
}

/* The beams of the chosen satellite (all of its orbit group's, or the one --beam names). */
static void resolve_beams(const struct opts *o, struct run *r)
{
    size_t sat = (size_t)o->sat;
    const struct interf_system_orbit *orb =
        interf_system_orbit(r->sys, interf_system_sat_orbit(r->sys, sat));
    double s[3] = {r->sx[sat], r->sy[sat], r->sz[sat]};
    char names[1024] = "";
    for (size_t k = 0; k < orb->n_beams; k++) {
        const struct interf_system_beam *bm = interf_system_beam(r->sys, orb->beams[k]);
        size_t len = strlen(names);
        snprintf(names + len, sizeof names - len, "%s%s", k ? ", " : "", bm->name);
        if (o->beam && strcmp(o->beam, bm->name) != 0)
            continue;
        struct beam_geom *g = &r->beams[r->n_beams++];
        g->beam = bm;
        g->ant = &interf_system_antenna(r->sys, bm->antenna)->antenna;
        beam_boresight(r, g, s);
        if (is_array(g->ant))
            array_gains(r, g, s);
    }
    if (orb->n_beams == 0)
        cli_usage_error("--sat: %zu: satellite of [orbit %s] carries no beam", sat, orb->name);
    if (r->n_beams == 0)
        cli_usage_error("--beam: %s: not a beam of satellite %zu ([orbit %s] has: %s)", o->beam,
                        sat, orb->name, names);
}

/* The memory a grid of n_cells needs, bytes: the values (8) and ground points (48: ECEF and
 * up vector) per cell, the contour tracer's copy (8), 20 per M.2101 array beam (directions and
 * gains), and with --stat the coupling matrix (4 per beam) and the statistics (4 + 8 per
 * statistic: the library's output and its grid). */
static double grid_memory(const struct opts *o, double n_cells, const size_t nb[2])
{
    double per_cell = 64 + 20.0 * (double)nb[1];
    if (o->n_stats)
        per_cell += 4.0 * (double)nb[0] + 12.0 * (double)o->n_stats;
    return n_cells * per_cell;
}

/* A size in bytes as "12.3 GiB" (or MiB, KiB, B) into buf. */
static const char *size_text(double bytes, char *buf, size_t n)
{
    static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    int k = 0;
    while (bytes >= 1024 && k < 5)
        bytes /= 1024, k++;
    snprintf(buf, n, "%.3g %s", bytes, units[k]);
    return buf;
}

/* Refuse a grid that needs more memory than allowed, before anything is allocated for it: one
 * line with the estimate, exit 2. */
static void check_memory(const struct opts *o, const char *what, double n_cells,
                         const size_t nb[2])
{
    double need = grid_memory(o, n_cells, nb);
    double have = o->max_memory > 0 ? o->max_memory : cli_available_memory();
    char a[32], b[32];
    if (need <= have)
        return;
    cli_error("%s: %.4g cells need about %s of memory, more than the %s %s; use a coarser grid",
              what, n_cells, size_text(need, a, sizeof a), size_text(have, b, sizeof b),
              o->max_memory > 0 ? "allowed by --max-memory" : "available");
    exit(CLI_EXIT_ERROR);
}

/* --grid W/E/S/N/STEP. An east edge below the west edge means the region crosses the
 * antimeridian: 360 deg is added to it (170/-170 is 170 to 190). The memory check comes
 * before the grid's own size limits, so that an absurd grid gets the estimate. */
static void parse_grid(const struct opts *o, const char *text, const size_t nb[2],
                       struct interf_grid_spec *spec)
{
    struct interf_error err;
    double v[5];
    const char *p = text;
    char *end;
    int k;
    for (k = 0; k < 5; k++, p = end + 1) {
        v[k] = strtod(p, &end);
        if (end == p || !isfinite(v[k]) || *end != (k < 4 ? '/' : '\0'))
            break;
    }
    if (k < 5) { /* the library's message names what is wrong */
        if (interf_grid_spec_parse(text, spec, &err) != INTERF_OK)
            cli_usage_error("--grid: %s", err.msg);
        cli_usage_error("--grid: %s: expected W/E/S/N/STEP in degrees", text);
    }
    if (v[1] < v[0])
        v[1] += 360;
    if (v[4] > 0 && v[3] > v[2] && v[1] > v[0])
        check_memory(o, "--grid", ceil((v[1] - v[0]) / v[4]) * ceil((v[3] - v[2]) / v[4]), nb);
    if (interf_grid_spec_init(v[0], v[1], v[2], v[3], v[4], spec, &err) != INTERF_OK)
        cli_usage_error("--grid: %s", err.msg);
    if (interf_grid_spec_check(spec, &err) != INTERF_OK)
        cli_usage_error("--grid: %s", err.msg);
}

/* --auto-grid: the region and step that cover the cap of the Earth that sees satellite s at
 * --min-elevation or more. The cap's central angle is gamma = acos(Re cos(eps) / r) - eps
 * (r the satellite's distance from the centre); its cells: the largest step of the series
 * 1, 2, 5 x 10^k deg not above 2 gamma / 200, so 200 to 500 cells across the cap. Its region:
 * latitudes lat0 -+ gamma, longitudes lon0 -+ asin(sin gamma / cos lat0) (the cap's widest
 * extent), both grown by 1 % and one cell (the WGS 84 cap is slightly larger), snapped outward
 * to the step; all longitudes when the cap holds a pole or would span 360 deg. The region may
 * cross the antimeridian (its west edge is then kept in [-180, 180), its east edge beyond). */
/* x snapped down (up: 1) to a multiple of the step m / div. */
static double snap(double x, double m, double div, int up)
{
    double k = up ? ceil(x * div / m) : floor(x * div / m);
    return k * m / div;
}

static void auto_grid(const struct opts *o, const double s[3], const size_t nb[2],
                      struct interf_grid_spec *spec)
{
    struct interf_error err;
    double r = sqrt(dot3(s, s)), eps = o->min_elevation_deg * INTERF_DEG;
    double lat0 = asin(s[2] / r) / INTERF_DEG, lon0 = atan2(s[1], s[0]) / INTERF_DEG;
    double c = INTERF_RE_KM * cos(eps) / r;
    if (c >= 1)
        cli_usage_error("--auto-grid: the satellite is seen nowhere above %g deg",
                        o->min_elevation_deg);
    double gamma = (acos(c) - eps) / INTERF_DEG, m = 0, div = 1e6;
    if (gamma < 1e-4)
        cli_usage_error("--auto-grid: the cap above %g deg elevation is a point; give --grid",
                        o->min_elevation_deg);
    /* The step m / div, div a power of ten: edges k m / div are the doubles nearest to the
     * decimal values, so that the grid's header prints them clean. */
    for (double d = 1e6; d >= 1; d /= 10)
        for (int k = 0; k < 3; k++) {
            double cand = k == 0 ? 1 : k == 1 ? 2 : 5;
            if (cand / d <= 2 * gamma / 200 * (1 + 1e-12))
                m = cand, div = d;
        }
    double step = m / div, pad = 0.01 * gamma + step;
    double south = fmax(-90, snap(lat0 - gamma - pad, m, div, 0));
    double north = fmin(90, snap(lat0 + gamma + pad, m, div, 1));
    double west = -180, east = 180;
    if (fabs(lat0) + gamma + pad < 90) {
        double half = asin(sin((gamma + pad) * INTERF_DEG) / cos(lat0 * INTERF_DEG)) / INTERF_DEG;
        double w = snap(lon0 - half, m, div, 0), e = snap(lon0 + half, m, div, 1);
        if (e - w < 360) {
            double shift = 360 * floor((w + 180) / 360);
            west = w - shift, east = e - shift;
        }
    }
    check_memory(o, "--auto-grid", round((east - west) / step) * round((north - south) / step),
                 nb);
    if (interf_grid_spec_init(west, east, south, north, step, spec, &err) != INTERF_OK)
        cli_usage_error("--auto-grid: %s", err.msg);
}

/* Time, satellites' positions, the grid and the ground points. */
static void resolve(const struct opts *o, struct run *r)
{
    struct interf_error err;
    const struct interf_system_info *info = interf_system_info(r->sys);
    r->n_sats = info->n_sats;
    if (o->sat >= 0 && (size_t)o->sat >= r->n_sats)
        cli_usage_error("--sat: %ld: the system has satellites 0 to %zu", o->sat, r->n_sats - 1);
    r->t_s = o->time ? cli_time(o->time, "--time", info->epoch_unix_s) : 0.0;
    if (interf_earth_create(o->earth, &r->earth, &err) != INTERF_OK)
        cli_usage_error("--earth: %s", err.msg);
    r->sx = malloc(3 * r->n_sats * sizeof *r->sx);
    if (!r->sx)
        cli_usage_error("%zu satellites: out of memory", r->n_sats);
    r->sy = r->sx + r->n_sats, r->sz = r->sy + r->n_sats;
    struct interf_ephem eph = {r->sx, r->sy, r->sz, NULL, NULL, NULL};
    interf_constellation_propagate(interf_system_constellation(r->sys), 0, r->n_sats, r->t_s,
                                   NULL, INTERF_FRAME_ECEF, &eph);
    size_t nb[2] = {0, 0}; /* beams and M.2101 array beams of the satellite */
    if (o->sat >= 0) {
        size_t sat = (size_t)o->sat;
        const struct interf_system_orbit *orb =
            interf_system_orbit(r->sys, interf_system_sat_orbit(r->sys, sat));
        nb[0] = orb->n_beams;
        for (size_t k = 0; k < orb->n_beams; k++) {
            const struct interf_system_beam *bm = interf_system_beam(r->sys, orb->beams[k]);
            nb[1] += is_array(&interf_system_antenna(r->sys, bm->antenna)->antenna);
        }
        if (o->auto_grid && o->quantity != Q_VISIBLE) {
            double s[3] = {r->sx[sat], r->sy[sat], r->sz[sat]};
            auto_grid(o, s, nb, &r->spec);
        }
    }
    if (!o->auto_grid || o->quantity == Q_VISIBLE)
        parse_grid(o, o->grid ? o->grid : "-180/180/-90/90/1", nb, &r->spec);
    size_t np = r->spec.ncols * r->spec.nrows;
    r->px = malloc(6 * np * sizeof *r->px);
    if (!r->px)
        cli_usage_error("--grid: %zu cells: out of memory", np);
    r->py = r->px + np, r->pz = r->py + np, r->up = r->pz + np;
    for (size_t i = 0; i < r->spec.nrows; i++)
        for (size_t j = 0; j < r->spec.ncols; j++) {
            size_t p = i * r->spec.ncols + j;
            struct interf_station st;
            if (interf_station_init(r->earth, interf_grid_lat_deg(&r->spec, i) * INTERF_DEG,
                                    interf_grid_lon_deg(&r->spec, j) * INTERF_DEG, 0, &st,
                                    &err) != INTERF_OK)
                cli_usage_error("--grid: %s", err.msg);
            r->px[p] = st.ecef_km[0], r->py[p] = st.ecef_km[1], r->pz[p] = st.ecef_km[2];
            memcpy(r->up + 3 * p, st.up, sizeof st.up);
        }
    if (o->quantity != Q_VISIBLE)
        resolve_beams(o, r);
    static const char *const qn[] = {"gain_db", "eirp_dbw", "pfd_dbw_m2", "visible_sats"};
    snprintf(r->quantity, sizeof r->quantity, "%s", qn[o->quantity]);
    if (o->quantity == Q_EIRP)
        snprintf(r->unit, sizeof r->unit, "dBW/%gkHz", info->ref_bandwidth_khz);
    else if (o->quantity == Q_PFD)
        snprintf(r->unit, sizeof r->unit, "dB(W/m2/%gkHz)", info->ref_bandwidth_khz);
    else
        snprintf(r->unit, sizeof r->unit, "%s", o->quantity == Q_GAIN ? "dB" : "satellites");
}

/* Sine of the elevation of the satellite s seen from ground point p, and the range (km). */
static double sin_elevation(const struct run *r, size_t p, const double s[3], double *range_km)
{
    double v[3] = {s[0] - r->px[p], s[1] - r->py[p], s[2] - r->pz[p]};
    *range_km = sqrt(dot3(v, v));
    return dot3(v, r->up + 3 * p) / *range_km;
}

/* The gain (dBi) of beam g toward ground point p from the satellite s. */
static double beam_gain_dbi(const struct beam_geom *g, const struct run *r, size_t p,
                            const double s[3])
{
    if (g->gain_lin)
        return 10 * log10(g->gain_lin[p]);
    double v[3] = {r->px[p] - s[0], r->py[p] - s[1], r->pz[p] - s[2]};
    double phi_deg = interf_angle_between(g->b, v) / INTERF_DEG;
    double az_deg = atan2(dot3(v, g->e), dot3(v, g->n)) / INTERF_DEG;
    return interf_antenna_gain2_dbi(g->ant, phi_deg, az_deg - g->beam->orientation_deg);
}

/* The value of beam g at ground point p (range d_km from the satellite s): G - Gmax, EIRP or
 * PFD = EIRP - 10 log10(4 pi d^2) with d in m (free-space spreading). */
static double beam_value(enum quantity q, const struct beam_geom *g, const struct run *r,
                         size_t p, const double s[3], double d_km)
{
    double gain = beam_gain_dbi(g, r, p, s);
    if (q == Q_GAIN)
        return gain - g->ant->gain_max_dbi;
    double eirp = g->beam->power_dbw + gain;
    if (q == Q_EIRP)
        return eirp;
    double d_m = d_km * 1e3;
    return eirp - 10 * log10(4 * INTERF_PI * d_m * d_m);
}

/* --stat: the coupling matrix C (points x beams, row-major: G_lin / (4 pi d^2) in m^-2, 0 where
 * the point does not see the satellite above --min-elevation) times the schedule's powers,
 * reduced to the statistics over the slots by the library (SGEMM); one grid per statistic,
 * NODATA where the point sees no lit beam in any slot. */
static int fill_schedule(const struct opts *o, const struct run *r, struct interf_grid **g)
{
    struct interf_error err;
    size_t np = r->spec.ncols * r->spec.nrows, nb = r->n_beams, sat = (size_t)o->sat;
    const struct interf_system_orbit *orb =
        interf_system_orbit(r->sys, interf_system_sat_orbit(r->sys, sat));
    double s[3] = {r->sx[sat], r->sy[sat], r->sz[sat]};
    double sin_min = sin(o->min_elevation_deg * INTERF_DEG);
    struct interf_schedule *sch = NULL;
    float *c = NULL, *out = NULL;
    int rc = CLI_EXIT_ERROR;
    if (orb->schedule_file[0] == '\0') {
        cli_error("--stat: satellite %zu: [orbit %s] has no schedule_file", sat, orb->name);
        return CLI_EXIT_ERROR;
    }
    if (interf_schedule_read(r->sys, orb, &sch, &err) != INTERF_OK) {
        cli_error("%s", err.msg);
        return CLI_EXIT_ERROR;
    }
    c = calloc(np * nb, sizeof *c);
    out = malloc(np * o->n_stats * sizeof *out);
    if (!c || !out) {
        cli_error("--stat: %zu cells x %zu beams: out of memory", np, nb);
        goto done;
    }
    for (size_t p = 0; p < np; p++) {
        double d_km;
        if (sin_elevation(r, p, s, &d_km) < sin_min)
            continue;
        double spread_m2 = 4 * INTERF_PI * (d_km * 1e3) * (d_km * 1e3);
        for (size_t k = 0; k < nb; k++)
            c[p * nb + k] =
                (float)(pow(10, beam_gain_dbi(&r->beams[k], r, p, s) / 10) / spread_m2);
    }
    if (interf_schedule_aggregate(sch, c, np, o->stats, o->n_stats, out, &err) != INTERF_OK) {
        cli_error("--stat: %s", err.msg);
        goto done;
    }
    for (size_t k = 0; k < o->n_stats; k++)
        for (size_t p = 0; p < np; p++) {
            float v = out[k * np + p];
            g[k]->values[p] = isfinite(v) ? (double)v : NAN;
        }
    rc = CLI_EXIT_OK;
done:
    interf_schedule_destroy(sch);
    free(c);
    free(out);
    return rc;
}

static void fill_sat(const struct opts *o, const struct run *r, struct interf_grid *g)
{
    size_t np = r->spec.ncols * r->spec.nrows, sat = (size_t)o->sat;
    double s[3] = {r->sx[sat], r->sy[sat], r->sz[sat]};
    double sin_min = sin(o->min_elevation_deg * INTERF_DEG);
    for (size_t p = 0; p < np; p++) {
        double d_km, best = -INFINITY, sum = 0;
        if (sin_elevation(r, p, s, &d_km) < sin_min)
            continue; /* NODATA: below the horizon or --min-elevation */
        for (size_t k = 0; k < r->n_beams; k++) {
            double x = beam_value(o->quantity, &r->beams[k], r, p, s, d_km);
            best = x > best ? x : best;
            sum += pow(10, x / 10);
        }
        g->values[p] = o->combine_max || r->n_beams == 1 ? best : 10 * log10(sum);
    }
}

static void fill_visible(const struct opts *o, const struct run *r, struct interf_grid *g)
{
    size_t np = r->spec.ncols * r->spec.nrows;
    double sin_min = sin(o->min_elevation_deg * INTERF_DEG);
    for (size_t p = 0; p < np; p++) {
        size_t n = 0;
        for (size_t k = 0; k < r->n_sats; k++) {
            double s[3] = {r->sx[k], r->sy[k], r->sz[k]}, d_km;
            n += sin_elevation(r, p, s, &d_km) >= sin_min;
        }
        g->values[p] = (double)n;
    }
}

static void meta_set(struct interf_grid_meta *m, const char *k, const char *v)
{
    struct interf_error err;
    if (interf_grid_meta_set(m, k, v, &err) != INTERF_OK)
        cli_error("metadata %s: %s", k, err.msg);
}

/* The grid to path (or stdout when path is NULL), with its metadata; stat: the statistic's
 * name with --stat, else NULL. */
static int write_grid(const struct opts *o, const struct run *r, const struct interf_grid *g,
                      const char *path, const char *stat)
{
    struct interf_error err;
    const struct interf_system_info *info = interf_system_info(r->sys);
    int decimals = o->quantity == Q_VISIBLE ? 0 : 4;
    if (!path) {
        struct cli_out out;
        cli_out_open(&out, NULL);
        if (interf_grid_write_asc(stdout, g, decimals, &err) != INTERF_OK) {
            cli_error("standard output: %s", err.msg);
            return CLI_EXIT_ERROR;
        }
        return cli_out_commit(&out);
    }
    struct interf_grid_meta m;
    char buf[64];
    interf_grid_meta_init(&m);
    snprintf(m.unit, sizeof m.unit, "%s", r->unit);
    meta_set(&m, "quantity", r->quantity);
    if (stat)
        meta_set(&m, "statistic", stat);
    meta_set(&m, "tool", "interf-footprint " INTERF_VERSION_STRING);
    meta_set(&m, "command", r->cmd);
    meta_set(&m, "system", info->name);
    meta_set(&m, "time_utc", interf_time_format_utc(info->epoch_unix_s + r->t_s, buf, sizeof buf));
    meta_set(&m, "earth_model", interf_earth_describe(r->earth));
    if (o->sat >= 0) {
        snprintf(buf, sizeof buf, "%ld", o->sat);
        meta_set(&m, "satellite", buf);
        meta_set(&m, "beams", stat ? "schedule" : o->beam ? o->beam
                              : o->combine_max ? "all (max)" : "all (sum)");
    }
    snprintf(buf, sizeof buf, "%g", o->min_elevation_deg);
    meta_set(&m, "min_elevation_deg", buf);
    /* Sidecars beside a file; a device (/dev/full) gets the grid alone, written directly. */
    return cli_grid_save(path, g, &m, decimals);
}

/* Every grid: one (to -o FILE or stdout), or with several --stat PREFIX.STAT.asc each. */
static int write_grids(const struct opts *o, const struct run *r, struct interf_grid **g,
                       size_t n_grids)
{
    if (n_grids == 1)
        return write_grid(o, r, g[0], o->output, o->n_stats ? o->stat_text[0] : NULL);
    for (size_t k = 0; k < n_grids; k++) {
        size_t n = strlen(o->output) + strlen(o->stat_text[k]) + 8;
        char *path = malloc(n);
        if (!path) {
            cli_error("out of memory");
            return CLI_EXIT_ERROR;
        }
        snprintf(path, n, "%s.%s.asc", o->output, o->stat_text[k]);
        int rc = write_grid(o, r, g[k], path, o->stat_text[k]);
        free(path);
        if (rc != CLI_EXIT_OK)
            return rc;
    }
    return CLI_EXIT_OK;
}

/* A JSON string (the command line and names may hold quotes and backslashes). */
static void json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

/* One contour line, cut for RFC 7946 (interf_contour_rfc7946), with its area. */
struct contour {
    struct interf_lines parts;
    int closed, above;
    double area_km2;
};

/* Cut line for GeoJSON and measure the polygon it bounds: on the S.1503 sphere (edges straight
 * in lon/lat), or on WGS 84 (geodesic edges) with --earth wgs84. */
static int contour_prepare(const struct opts *o, const struct interf_polyline *line,
                           struct contour *c)
{
    struct interf_error err;
    interf_lines_init(&c->parts);
    c->closed = line->closed && line->n >= 3;
    c->area_km2 = 0;
    if (interf_contour_rfc7946(line, &c->parts, &c->above, &err) != INTERF_OK) {
        cli_error("contours: %s", err.msg);
        return 0;
    }
    for (size_t k = 0; c->closed && k < c->parts.n; k++) {
        double a = interf_ring_area_sphere_km2(&c->parts.line[k], INTERF_RE_KM);
        if (o->earth == INTERF_EARTH_WGS84 &&
            interf_ring_area_wgs84_km2(&c->parts.line[k], &a, &err) != INTERF_OK) {
            cli_error("contours: %s", err.msg);
            return 0;
        }
        c->area_km2 += a;
    }
    return 1;
}

static void json_ring(FILE *f, const struct interf_polyline *pl, int ring)
{
    fputc('[', f);
    for (size_t k = 0; k < pl->n + (size_t)ring; k++) {
        size_t i = k % pl->n;
        fprintf(f, "%s[%.6f, %.6f]", k ? ", " : "", pl->x[i], pl->y[i]);
    }
    fputc(']', f);
}

/* One contour line as a GeoJSON Feature: a closed ring is a Polygon (its first position repeated
 * at the end, RFC 7946 §3.1.6), a line cut by the grid's edge or NODATA a LineString; either cut
 * at the antimeridian becomes a MultiPolygon or MultiLineString of its parts (§3.1.9). */
static void write_feature(FILE *f, const struct opts *o, const struct run *r,
                          const struct contour *c, double level, int first)
{
    size_t n = c->parts.n;
    static const char *const types[2][2] = {{"LineString", "MultiLineString"},
                                            {"Polygon", "MultiPolygon"}};
    fprintf(f, "%s\n{\"type\": \"Feature\", \"properties\": {\"quantity\": \"%s\", ",
            first ? "" : ",", r->quantity);
    if (o->n_stats)
        fprintf(f, "\"statistic\": \"%s\", ", o->stat_text[0]);
    fprintf(f, o->quantity == Q_VISIBLE ? "\"level\": %.17g, " : "\"level_db\": %.17g, ",
            level);
    if (c->closed)
        fprintf(f, "\"closed\": true, \"inside\": \"%s\", \"area_km2\": %.3f}, ",
                c->above ? "above" : "below", c->area_km2);
    else
        fputs("\"closed\": false}, ", f);
    fprintf(f, "\"geometry\": {\"type\": \"%s\", \"coordinates\": ", types[c->closed][n > 1]);
    if (n > 1)
        fputc('[', f);
    for (size_t k = 0; k < n; k++) {
        fputs(k ? ", " : "", f);
        if (c->closed)
            fputc('[', f);
        json_ring(f, &c->parts.line[k], c->closed);
        if (c->closed)
            fputc(']', f);
    }
    fputs(n > 1 ? "]}}" : "}}", f);
}

/* One contour line as a GMT segment: "> -Z<level> -L"..."" then lon lat rows, the line whole
 * (longitudes continuous, starting in [-180, 180)), a ring closed by repeating its first point. */
static void write_segment(FILE *f, const struct interf_polyline *pl, const struct contour *c,
                          double level, const char *name)
{
    double shift = -360 * floor((pl->x[0] + 180) / 360);
    fprintf(f, "> -Z%.17g -L\"%s=%.17g ", level, name, level);
    if (c->closed)
        fprintf(f, "closed inside=%s area_km2=%.3f\"\n", c->above ? "above" : "below",
                c->area_km2);
    else
        fputs("open\"\n", f);
    for (size_t k = 0; k < pl->n + (size_t)c->closed; k++)
        fprintf(f, "%.6f\t%.6f\n", pl->x[k % pl->n] + shift, pl->y[k % pl->n]);
}

static void contours_header(FILE *f, const struct opts *o, const struct run *r)
{
    const struct interf_system_info *info = interf_system_info(r->sys);
    char buf[64];
    interf_time_format_utc(info->epoch_unix_s + r->t_s, buf, sizeof buf);
    if (o->cformat == CF_GMT) {
        fprintf(f, "# interf-footprint %s contours: quantity %s%s%s, unit %s, system %s, "
                   "time_utc %s, crs EPSG:4326, areas on the %s\n# command: %s\n",
                INTERF_VERSION_STRING, r->quantity, o->n_stats ? ", statistic " : "",
                o->n_stats ? o->stat_text[0] : "", r->unit, info->name, buf,
                o->earth == INTERF_EARTH_WGS84 ? "WGS 84 ellipsoid (geodesic)"
                                               : "sphere R=6378.145 km (S.1503-4)",
                r->cmd);
        return;
    }
    fputs("{\"type\": \"FeatureCollection\",\n\"interf\": {\"tool\": ", f);
    json_string(f, "interf-footprint " INTERF_VERSION_STRING);
    fputs(", \"command\": ", f);
    json_string(f, r->cmd);
    fputs(", \"system\": ", f);
    json_string(f, info->name);
    fprintf(f, ", \"time_utc\": \"%s\", \"unit\": \"%s\", \"crs\": \"EPSG:4326\", "
               "\"area_model\": \"%s\"},\n\"features\": [",
            buf, r->unit, o->earth == INTERF_EARTH_WGS84 ? "WGS 84 geodesic"
                                                         : "sphere R=6378.145 km");
}

static int write_contours(const struct opts *o, const struct run *r, const struct interf_grid *g,
                          struct cli_out *out)
{
    struct interf_error err;
    FILE *f = out->fp;
    int first = 1, ok = 1;
    contours_header(f, o, r);
    for (size_t k = 0; ok && k < o->n_levels; k++) {
        struct interf_lines lines;
        interf_lines_init(&lines);
        if (interf_grid_contour(g, o->levels[k], &lines, &err) != INTERF_OK) {
            interf_lines_free(&lines);
            cli_error("--contour %g: %s", o->levels[k], err.msg);
            return CLI_EXIT_ERROR;
        }
        for (size_t i = 0; ok && i < lines.n; i++) {
            struct contour c;
            ok = contour_prepare(o, &lines.line[i], &c);
            if (ok && o->cformat == CF_GMT)
                write_segment(f, &lines.line[i], &c, o->levels[k],
                              o->quantity == Q_VISIBLE ? "level" : "level_db");
            else if (ok && c.parts.n > 0)
                write_feature(f, o, r, &c, o->levels[k], first), first = 0;
            interf_lines_free(&c.parts);
        }
        interf_lines_free(&lines);
    }
    if (o->cformat == CF_GEOJSON)
        fputs("\n]}\n", f);
    if (!ok) { /* the message is out: no write error to report */
        cli_out_abort(out);
        return CLI_EXIT_FAIL;
    }
    return ferror(f) ? CLI_EXIT_ERROR : CLI_EXIT_OK;
}

int main(int argc, char **argv)
{
    static struct opts o;
    struct run r = {0};
    struct interf_error err;
    struct interf_grid *g[MAX_STATS] = {NULL};
    struct cli_out cout = {0};
    size_t n_grids;
    int rc = CLI_EXIT_ERROR;

    cli_init("interf-footprint");
    parse_args(argc, argv, &o);
    n_grids = o.n_stats ? o.n_stats : 1;
    if (interf_system_load(o.system, &r.sys, &err) != INTERF_OK) {
        cli_error("%s", err.msg);
        return CLI_EXIT_ERROR;
    }
    for (size_t k = 0; k < interf_system_warning_count(r.sys); k++)
        cli_warn(o.quiet, "warning: %s", interf_system_warning(r.sys, k));
    resolve(&o, &r);
    r.cmd = cli_command_line(argc, argv);
    for (size_t k = 0; k < n_grids; k++)
        if (interf_grid_create(&r.spec, &g[k], &err) != INTERF_OK) {
            cli_error("--grid: %s", err.msg);
            goto done;
        }
    if (o.n_stats) {
        if (fill_schedule(&o, &r, g) != CLI_EXIT_OK)
            goto done;
    } else if (o.quantity == Q_VISIBLE) {
        fill_visible(&o, &r, g[0]);
    } else {
        fill_sat(&o, &r, g[0]);
    }
    /* The contours go to a temporary file first, flushed and checked before the grid is saved
     * (a contour file that cannot be written leaves the previous grid in place), and renamed
     * into place last, only if the grid was saved too. */
    if (o.contours_out) {
        if (cli_out_open(&cout, o.contours_out) != CLI_EXIT_OK)
            goto done;
        int wc = write_contours(&o, &r, g[0], &cout);
        if (wc == CLI_EXIT_OK && (fflush(cout.fp) != 0 || ferror(cout.fp)))
            wc = CLI_EXIT_ERROR;
        if (wc != CLI_EXIT_OK) { /* CLI_EXIT_FAIL: failed before writing, already reported */
            rc = wc == CLI_EXIT_FAIL ? CLI_EXIT_ERROR : cli_out_fail(&cout);
            goto done;
        }
    }
    rc = write_grids(&o, &r, g, n_grids);
    if (o.contours_out) {
        if (rc == CLI_EXIT_OK)
            rc = cli_out_commit(&cout);
        else
            cli_out_abort(&cout);
    }
done:
    for (size_t k = 0; k < MAX_STATS; k++)
        interf_grid_destroy(g[k]);
    for (size_t k = 0; k < r.n_beams; k++)
        free(r.beams[k].gain_lin);
    free(r.sx);
    free(r.px);
    free(r.cmd);
    interf_earth_destroy(r.earth);
    interf_system_destroy(r.sys);
    return rc;
}
