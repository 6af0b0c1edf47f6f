/* SPDX-License-Identifier: MIT */
/* interf-footprint: where a satellite beam puts its power on the Earth. Relative gain, EIRP or
 * free-space PFD of the beams of one satellite of a system, or the number of the system's
 * satellites in view, on a latitude/longitude grid (ESRI ASCII grid), with contours as GeoJSON
 * (RFC 7946). */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "interf/grid.h"
#include "interf/render.h"

static const char usage[] =
    "Usage: interf-footprint -s SYSTEM [--sat ID] --quantity gain|eirp|pfd|visible [options]\n"
    "Beam footprints of a system's satellite at an instant: relative gain (dB), EIRP (dBW) or\n"
    "free-space PFD (dB(W/m2)) in the reference bandwidth on a latitude/longitude grid, or the\n"
    "number of the system's satellites in view.\n"
    "\n"
    "Where:\n"
    "  -s, --system FILE        system file (interf-system(5)); required\n"
    "      --sat ID             satellite number (0.., file order); required except for visible\n"
    "      --beam NAME          one beam of the satellite [all its beams]\n"
    "      --quantity Q         gain (G - Gmax, dB), eirp (dBW), pfd (dB(W/m2)) or visible\n"
    "                           (satellites above --min-elevation); required\n"
    "      --time T             offset from the epoch or ISO 8601 UTC [0]\n"
    "      --grid W/E/S/N/STEP  the grid: outer edges and cell size, degrees [-180/180/-90/90/1]\n"
    "      --min-elevation DEG  NODATA (visible: not counted) below this elevation at the\n"
    "                           ground point [0]\n"
    "      --combine sum|max    several beams: sum in linear power, or the largest [sum]\n"
    "      --earth MODEL        sphere or wgs84 (ground points only) [sphere]\n"
    "Output:\n"
    "  -o, --output FILE        the grid, with .prj and .aux.xml sidecars [standard output]\n"
    "      --contour LEVELS     contour levels, comma-separated (e.g. -3,-6,-10)\n"
    "      --contours-out FILE  the contours as GeoJSON (RFC 7946); needed with --contour\n"
    "  -q, --quiet              no warnings\n"
    "  -h, --help               show this help and exit\n"
    "      --version            show the version and exit\n"
    "\n"
    "Examples:\n"
    "  interf-footprint -s footprints/gso-ku.ini --sat 0 --quantity pfd \\\n"
    "                   --grid -40/80/-60/75/1 -o pfd.asc\n"
    "  interf-footprint -s footprints/gps.ini --quantity visible --min-elevation 10 > gps.asc\n";

#define MAX_LEVELS 64

enum quantity { Q_GAIN, Q_EIRP, Q_PFD, Q_VISIBLE };

struct opts {
    const char *system, *beam, *time, *grid, *output, *contours_out;
    long sat;
    enum quantity quantity;
    int has_quantity, combine_max, quiet;
    double min_elevation_deg, levels[MAX_LEVELS];
    size_t n_levels;
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

static void parse_args(int argc, char **argv, struct opts *o)
{
    enum { O_SAT = 256, O_BEAM, O_QUANTITY, O_TIME, O_GRID, O_MINEL, O_COMBINE, O_EARTH,
           O_CONTOUR, O_CONTOURS_OUT, O_VERSION };
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
}

/* One beam, resolved for the satellite's position: unit boresight b from the satellite, and the
 * unit vectors n (north projected normal to b) and e = b x n (east as seen from the satellite)
 * that measure the azimuth about the boresight. */
struct beam_geom {
    const struct interf_system_beam *beam;
    const struct interf_antenna *ant;
    double b[3], n[3], e[3];
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

static void unit3(double v[3])
{
    double r = sqrt(dot3(v, v));
    v[0] /= r, v[1] /= r, v[2] /= r;
}

static void cross3(const double a[3], const double b[3], double out[3])
{
    out[0] = a[1] * b[2] - a[2] * b[1];
    out[1] = a[2] * b[0] - a[0] * b[2];
    out[2] = a[0] * b[1] - a[1] * b[0];
}

/* Boresight of a beam from the satellite at s (km): toward the Earth's centre (nadir), tilted
 * by off_nadir_deg toward azimuth_deg (from north, clockwise, in the local frame of the
 * sub-satellite point), or toward the ground aim point. */
static void beam_boresight(const struct run *r, const struct interf_system_beam *bm,
                           const double s[3], double b[3])
{
    struct interf_error err;
    double rs = sqrt(dot3(s, s)), lat = asin(s[2] / rs), lon = atan2(s[1], s[0]);
    double u[3] = {s[0] / rs, s[1] / rs, s[2] / rs};
    if (bm->pointing == INTERF_POINT_AIM) {
        double a[3];
        if (interf_geo_to_ecef(r->earth, bm->aim_lat_deg * INTERF_DEG,
                               bm->aim_lon_deg * INTERF_DEG, 0, a, &err) != INTERF_OK) {
            cli_error("[beam %s] aim point: %s", bm->name, err.msg);
            exit(CLI_EXIT_ERROR);
        }
        for (int k = 0; k < 3; k++)
            b[k] = a[k] - s[k];
        unit3(b);
        return;
    }
    double th = bm->pointing == INTERF_POINT_OFF_NADIR ? bm->off_nadir_deg * INTERF_DEG : 0;
    double az = bm->pointing == INTERF_POINT_OFF_NADIR ? bm->azimuth_deg * INTERF_DEG : 0;
    double e[3] = {-sin(lon), cos(lon), 0};
    double n[3] = {-sin(lat) * cos(lon), -sin(lat) * sin(lon), cos(lat)};
    for (int k = 0; k < 3; k++)
        b[k] = -u[k] * cos(th) + sin(th) * (n[k] * cos(az) + e[k] * sin(az));
}

/* The azimuth frame about a boresight: north (the Earth's axis) projected normal to b; the
 * ECEF X axis when b is along the Earth's axis. */
static void beam_frame(struct beam_geom *g)
{
    double z[3] = {0, 0, 1}, x[3] = {1, 0, 0};
    const double *ref = fabs(g->b[2]) > 1 - 1e-12 ? x : z;
    double d = dot3(ref, g->b);
    for (int k = 0; k < 3; k++)
        g->n[k] = ref[k] - d * g->b[k];
    unit3(g->n);
    cross3(g->b, g->n, g->e);
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
        beam_boresight(r, bm, s, g->b);
        beam_frame(g);
    }
    if (orb->n_beams == 0)
        cli_usage_error("--sat: %zu: satellite of [orbit %s] carries no beam", sat, orb->name);
    if (r->n_beams == 0)
        cli_usage_error("--beam: %s: not a beam of satellite %zu ([orbit %s] has: %s)", o->beam,
                        sat, orb->name, names);
}

/* Grid, time, satellites' positions and the ground points. */
static void resolve(const struct opts *o, struct run *r)
{
    struct interf_error err;
    const struct interf_system_info *info = interf_system_info(r->sys);
    const char *grid = o->grid ? o->grid : "-180/180/-90/90/1";
    if (interf_grid_spec_parse(grid, &r->spec, &err) != INTERF_OK)
        cli_usage_error("--grid: %s", err.msg);
    if (interf_grid_spec_check(&r->spec, &err) != INTERF_OK)
        cli_usage_error("--grid: %s", err.msg);
    r->n_sats = info->n_sats;
    if (o->sat >= 0 && (size_t)o->sat >= r->n_sats)
        cli_usage_error("--sat: %ld: the system has satellites 0 to %zu", o->sat, r->n_sats - 1);
    r->t_s = o->time ? cli_time(o->time, "--time", info->epoch_unix_s) : 0.0;
    if (interf_earth_create(o->earth, &r->earth, &err) != INTERF_OK)
        cli_usage_error("--earth: %s", err.msg);
    size_t np = r->spec.ncols * r->spec.nrows;
    r->sx = malloc(3 * r->n_sats * sizeof *r->sx);
    r->px = malloc(6 * np * sizeof *r->px);
    if (!r->sx || !r->px)
        cli_usage_error("--grid: %zu cells: out of memory", np);
    r->sy = r->sx + r->n_sats, r->sz = r->sy + r->n_sats;
    r->py = r->px + np, r->pz = r->py + np, r->up = r->pz + np;
    struct interf_ephem eph = {r->sx, r->sy, r->sz, NULL, NULL, NULL};
    interf_constellation_propagate(interf_system_constellation(r->sys), 0, r->n_sats, r->t_s,
                                   INTERF_FRAME_ECEF, &eph);
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

/* The value of beam g at ground point p (range d_km from the satellite s): G - Gmax, EIRP or
 * PFD = EIRP - 10 log10(4 pi d^2) with d in m (free-space spreading). */
static double beam_value(enum quantity q, const struct beam_geom *g, const struct run *r,
                         size_t p, const double s[3], double d_km)
{
    double v[3] = {r->px[p] - s[0], r->py[p] - s[1], r->pz[p] - s[2]};
    double phi_deg = interf_angle_between(g->b, v) / INTERF_DEG;
    double az_deg = atan2(dot3(v, g->e), dot3(v, g->n)) / INTERF_DEG;
    double gain = interf_antenna_gain2_dbi(g->ant, phi_deg, az_deg - g->beam->orientation_deg);
    if (q == Q_GAIN)
        return gain - g->ant->gain_max_dbi;
    double eirp = g->beam->power_dbw + gain;
    if (q == Q_EIRP)
        return eirp;
    double d_m = d_km * 1e3;
    return eirp - 10 * log10(4 * INTERF_PI * d_m * d_m);
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

static int write_grid(const struct opts *o, const struct run *r, const struct interf_grid *g)
{
    struct interf_error err;
    const struct interf_system_info *info = interf_system_info(r->sys);
    int decimals = o->quantity == Q_VISIBLE ? 0 : 4;
    if (!o->output) {
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
    meta_set(&m, "tool", "interf-footprint " INTERF_VERSION_STRING);
    meta_set(&m, "command", r->cmd);
    meta_set(&m, "system", info->name);
    meta_set(&m, "time_utc", interf_time_format_utc(info->epoch_unix_s + r->t_s, buf, sizeof buf));
    meta_set(&m, "earth_model", interf_earth_describe(r->earth));
    if (o->sat >= 0) {
        snprintf(buf, sizeof buf, "%ld", o->sat);
        meta_set(&m, "satellite", buf);
        meta_set(&m, "beams", o->beam ? o->beam : o->combine_max ? "all (max)" : "all (sum)");
    }
    snprintf(buf, sizeof buf, "%g", o->min_elevation_deg);
    meta_set(&m, "min_elevation_deg", buf);
    if (interf_grid_save(o->output, g, &m, decimals, &err) != INTERF_OK) {
        cli_error("%s", err.msg);
        return CLI_EXIT_ERROR;
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

/* One contour line as a GeoJSON Feature: a closed ring is a Polygon (its first position repeated
 * at the end, RFC 7946 §3.1.6), a line cut by the grid's edge or NODATA a LineString. */
static void write_feature(FILE *f, const struct opts *o, const struct run *r,
                          const struct interf_polyline *pl, double level, int first)
{
    int ring = pl->closed && pl->n >= 3;
    fprintf(f, "%s\n{\"type\": \"Feature\", \"properties\": {\"quantity\": \"%s\", ",
            first ? "" : ",", r->quantity);
    fprintf(f, o->quantity == Q_VISIBLE ? "\"level\": %.17g}, " : "\"level_db\": %.17g}, ",
            level);
    fprintf(f, "\"geometry\": {\"type\": \"%s\", \"coordinates\": %s",
            ring ? "Polygon" : "LineString", ring ? "[[" : "[");
    for (size_t k = 0; k < pl->n + (size_t)ring; k++) {
        size_t i = k % pl->n;
        fprintf(f, "%s[%.6f, %.6f]", k ? ", " : "", pl->x[i], pl->y[i]);
    }
    fputs(ring ? "]]}}" : "]}}", f);
}

static int write_contours(const struct opts *o, const struct run *r, const struct interf_grid *g,
                          struct cli_out *out)
{
    struct interf_error err;
    const struct interf_system_info *info = interf_system_info(r->sys);
    char buf[64];
    FILE *f = out->fp;
    int first = 1;
    fputs("{\"type\": \"FeatureCollection\",\n\"interf\": {\"tool\": ", f);
    json_string(f, "interf-footprint " INTERF_VERSION_STRING);
    fputs(", \"command\": ", f);
    json_string(f, r->cmd);
    fputs(", \"system\": ", f);
    json_string(f, info->name);
    fprintf(f, ", \"time_utc\": \"%s\", \"unit\": \"%s\", \"crs\": \"EPSG:4326\"},\n",
            interf_time_format_utc(info->epoch_unix_s + r->t_s, buf, sizeof buf), r->unit);
    fputs("\"features\": [", f);
    for (size_t k = 0; k < o->n_levels; k++) {
        struct interf_lines lines;
        interf_lines_init(&lines);
        if (interf_grid_contour(g, o->levels[k], &lines, &err) != INTERF_OK) {
            interf_lines_free(&lines);
            cli_error("--contour %g: %s", o->levels[k], err.msg);
            return CLI_EXIT_ERROR;
        }
        for (size_t i = 0; i < lines.n; i++, first = 0)
            write_feature(f, o, r, &lines.line[i], o->levels[k], first);
        interf_lines_free(&lines);
    }
    fputs("\n]}\n", f);
    return ferror(f) ? CLI_EXIT_ERROR : CLI_EXIT_OK;
}

int main(int argc, char **argv)
{
    static struct opts o;
    struct run r = {0};
    struct interf_error err;
    struct interf_grid *g = NULL;
    struct cli_out cout = {0};
    int rc = CLI_EXIT_ERROR;

    cli_init("interf-footprint");
    parse_args(argc, argv, &o);
    if (interf_system_load(o.system, &r.sys, &err) != INTERF_OK) {
        cli_error("%s", err.msg);
        return CLI_EXIT_ERROR;
    }
    for (size_t k = 0; k < interf_system_warning_count(r.sys); k++)
        cli_warn(o.quiet, "warning: %s", interf_system_warning(r.sys, k));
    resolve(&o, &r);
    r.cmd = cli_command_line(argc, argv);
    if (interf_grid_create(&r.spec, &g, &err) != INTERF_OK) {
        cli_error("--grid: %s", err.msg);
        goto done;
    }
    if (o.quantity == Q_VISIBLE)
        fill_visible(&o, &r, g);
    else
        fill_sat(&o, &r, g);
    /* The contours go to a temporary file first: renamed into place only if the grid is
     * written too. */
    if (o.contours_out) {
        if (cli_out_open(&cout, o.contours_out) != CLI_EXIT_OK)
            goto done;
        if (write_contours(&o, &r, g, &cout) != CLI_EXIT_OK) {
            rc = cli_out_fail(&cout);
            goto done;
        }
    }
    rc = write_grid(&o, &r, g);
    if (o.contours_out) {
        if (rc == CLI_EXIT_OK)
            rc = cli_out_commit(&cout);
        else
            cli_out_abort(&cout);
    }
done:
    interf_grid_destroy(g);
    free(r.sx);
    free(r.px);
    free(r.cmd);
    interf_earth_destroy(r.earth);
    interf_system_destroy(r.sys);
    return rc;
}
