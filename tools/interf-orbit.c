/* SPDX-License-Identifier: MIT */
/* interf-orbit: positions of a system's satellites over time (Rec. ITU-R S.1503-4 §D6.3 orbit
 * model), optionally with look angles and the GSO-arc angle from a ground point. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli_legacy.h"

static const char usage[] =
    "Usage: interf-orbit -s SYSTEM [options]\n"
    "Print the positions of a system's satellites, one row per satellite and time step.\n"
    "\n"
    "  -s, --system FILE        system file (see interf-system(5)); required\n"
    "      --start T            first time: offset from the epoch (90s, 15m, 2h, 1.5d, -1h)\n"
    "                           or ISO 8601 UTC (2025-01-01T06:00:00Z) [0]\n"
    "      --duration D         time span after --start; without it one step is printed\n"
    "      --step S             time step [60s]\n"
    "      --frame F            geodetic (lat_deg lon_deg alt_km), ecef or inertial\n"
    "                           (x_km y_km z_km vx_km_s vy_km_s vz_km_s) [geodetic]\n"
    "      --sat LIST           satellites to print, e.g. 0,5,10-20 [all]\n"
    "      --observer LAT,LON[,ALT_M]\n"
    "                           add az_deg el_deg range_km alpha_deg seen from this point\n"
    "      --min-elevation DEG  with --observer: only rows with elevation >= DEG\n"
    "      --earth MODEL        sphere (Rec. ITU-R S.1503-4, Re = 6378.145 km) or wgs84 [sphere]\n"
    "  -o, --output FILE        write to FILE (atomically) instead of standard output\n"
    "  -q, --quiet              no warnings on standard error\n"
    "  -h, --help               show this help and exit\n"
    "      --version            show the version and exit\n"
    "\n"
    "Examples:\n"
    "  interf-orbit -s footprints/leo-ku-550.ini --sat 0-3\n"
    "  interf-orbit -s footprints/iss.ini --duration 1d --step 30s --observer 48.85,2.35 \\\n"
    "               --min-elevation 10\n";

enum frame_kind { FRAME_GEODETIC, FRAME_ECEF, FRAME_INERTIAL };

struct opts {
    const char *system, *output, *start, *duration, *step, *sat_list, *observer;
    enum frame_kind frame;
    enum interf_earth_kind earth;
    double min_elevation_deg;
    int has_min_elevation, quiet;
};

/* The run as resolved from the options and the system. */
struct run {
    double start_s, step_s;
    long steps;
    struct interf_orbit_run orbit_run; /* station keeping spans the printed steps */
    unsigned char *sel; /* satellites to print */
    size_t n_sats, n_sel;
    int has_observer;
    struct interf_station observer;
    double obs_lat_deg, obs_lon_deg, obs_alt_m;
};

static void parse_args(int argc, char **argv, struct opts *o)
{
    enum { O_START = 256, O_DURATION, O_STEP, O_FRAME, O_SAT, O_OBSERVER, O_MINEL, O_EARTH,
           O_VERSION };
    static const struct option longopts[] = {
        {"system", required_argument, NULL, 's'}, {"start", required_argument, NULL, O_START},
        {"duration", required_argument, NULL, O_DURATION},
        {"step", required_argument, NULL, O_STEP}, {"frame", required_argument, NULL, O_FRAME},
        {"sat", required_argument, NULL, O_SAT}, {"observer", required_argument, NULL, O_OBSERVER},
        {"min-elevation", required_argument, NULL, O_MINEL},
        {"earth", required_argument, NULL, O_EARTH}, {"output", required_argument, NULL, 'o'},
        {"quiet", no_argument, NULL, 'q'}, {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, O_VERSION}, {NULL, 0, NULL, 0}};
    struct interf_error err;
    int c;
    memset(o, 0, sizeof *o);
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":s:o:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 's': o->system = optarg; break;
        case 'o': o->output = optarg; break;
        case 'q': o->quiet = 1; break;
        case 'h': cli_help(usage);
        case O_VERSION: cli_version();
        case O_START: o->start = optarg; break;
        case O_DURATION: o->duration = optarg; break;
        case O_STEP: o->step = optarg; break;
        case O_SAT: o->sat_list = optarg; break;
        case O_OBSERVER: o->observer = optarg; break;
        case O_MINEL:
            o->min_elevation_deg = cli_double(optarg, "--min-elevation", -90, 90);
            o->has_min_elevation = 1;
            break;
        case O_FRAME:
            if (strcmp(optarg, "geodetic") == 0)
                o->frame = FRAME_GEODETIC;
            else if (strcmp(optarg, "ecef") == 0)
                o->frame = FRAME_ECEF;
            else if (strcmp(optarg, "inertial") == 0)
                o->frame = FRAME_INERTIAL;
            else
                cli_usage_error("--frame: %s: allowed: geodetic, ecef, inertial", optarg);
            break;
        case O_EARTH:
            if (interf_earth_kind_parse(optarg, &o->earth, &err) != INTERF_OK)
                cli_usage_error("--earth: %s", err.msg);
            break;
        case ':': cli_usage_error("%s: missing value", argv[optind - 1]);
        default: cli_usage_error("%s: unknown option", argv[optind - 1]);
        }
    }
    if (optind < argc)
        cli_usage_error("%s: unexpected argument (the system file goes after -s)", argv[optind]);
    if (!o->system)
        cli_usage_error("-s/--system: required");
    if (o->has_min_elevation && !o->observer)
        cli_usage_error("--min-elevation: needs --observer");
    if (o->step && !o->duration)
        cli_usage_error("--step: needs --duration");
}

static void resolve_run(const struct opts *o, const struct interf_system *sys,
                        const struct interf_earth *earth, struct run *r)
{
    const struct interf_system_info *info = interf_system_info(sys);
    struct interf_error err;
    memset(r, 0, sizeof *r);
    r->start_s = o->start ? cli_time(o->start, "--start", info->epoch_unix_s) : 0.0;
    r->steps = 1;
    r->step_s = o->step ? cli_duration(o->step, "--step", 0) : 60.0;
    if (o->duration) {
        double d = cli_duration(o->duration, "--duration", 0);
        if (!(r->step_s > 0))
            cli_usage_error("--step: %s: must be positive", o->step);
        double n = floor(d / r->step_s * (1 + 1e-12)) + 1;
        if (n > 1e12)
            cli_usage_error("--duration: %s at --step %g s: too many steps", o->duration,
                            r->step_s);
        r->steps = (long)n;
    }
    r->n_sats = info->n_sats;
    r->sel = o->sat_list ? cli_index_list(o->sat_list, "--sat", r->n_sats)
                         : malloc(r->n_sats ? r->n_sats : 1);
    if (!r->sel) {
        cli_error("out of memory for %zu satellites", r->n_sats);
        exit(CLI_EXIT_ERROR);
    }
    if (!o->sat_list)
        memset(r->sel, 1, r->n_sats);
    for (size_t k = 0; k < r->n_sats; k++)
        r->n_sel += r->sel[k];
    if (o->observer) {
        r->obs_alt_m = 0.0;
        cli_latlon(o->observer, "--observer", &r->obs_lat_deg, &r->obs_lon_deg, &r->obs_alt_m);
        if (interf_station_init(earth, r->obs_lat_deg * INTERF_DEG, r->obs_lon_deg * INTERF_DEG,
                                r->obs_alt_m / 1000.0, &r->observer, &err) != INTERF_OK)
            cli_usage_error("--observer: %s", err.msg);
        r->has_observer = 1;
    }
}

static void print_header(FILE *fp, const struct opts *o, const struct run *r,
                         const struct interf_system *sys, const struct interf_earth *earth,
                         const char *cmd)
{
    const struct interf_system_info *info = interf_system_info(sys);
    char t0[40], t1[40];
    if (o->frame == FRAME_GEODETIC)
        fputs("# t_s sat plane lat_deg lon_deg alt_km", fp);
    else
        fputs("# t_s sat plane x_km y_km z_km vx_km_s vy_km_s vz_km_s", fp);
    fputs(r->has_observer ? " az_deg el_deg range_km alpha_deg\n" : "\n", fp);
    fprintf(fp, "# tool: interf-orbit %s\n", INTERF_VERSION_STRING);
    fprintf(fp, "# command: %s\n", cmd ? cmd : "");
    fprintf(fp, "# system: %s\n# system_name: %s\n", info->path, info->name);
    fprintf(fp, "# epoch_utc: %s\n", interf_time_format_utc(info->epoch_unix_s, t0, sizeof t0));
    fprintf(fp, "# start_utc: %s\n",
            interf_time_format_utc(info->epoch_unix_s + r->start_s, t1, sizeof t1));
    fprintf(fp, "# step_s: %.3f\n# steps: %ld\n", r->step_s, r->steps);
    fprintf(fp, "# satellites: %zu of %zu\n", r->n_sel, r->n_sats);
    fprintf(fp, "# orbit_model: Rec. ITU-R S.1503-4 (09/2023) §D6.3, secular J2\n");
    fprintf(fp, "# earth_model: %s\n", interf_earth_describe(earth));
    if (o->frame == FRAME_GEODETIC)
        fprintf(fp, "# crs: EPSG:4326 (latitude, longitude on the Earth model above)\n");
    else if (o->frame == FRAME_ECEF)
        fprintf(fp, "# frame: Earth-fixed, X through (0 N, 0 E), Z north\n");
    else
        fprintf(fp, "# frame: inertial of Rec. ITU-R S.1503-4 §D6.3.3 (X through Greenwich at "
                    "the epoch)\n");
    if (r->has_observer)
        fprintf(fp,
                "# observer: lat_deg %.6f lon_deg %.6f alt_m %.1f; alpha_deg is the GSO-arc angle "
                "of Rec. ITU-R S.1503-4 §D6.4.4 (nan where no arc is visible)\n",
                r->obs_lat_deg, r->obs_lon_deg, r->obs_alt_m);
    for (size_t k = 0; k < interf_system_warning_count(sys); k++)
        fprintf(fp, "# warning: %s\n", interf_system_warning(sys, k));
}

/* Buffers of one time step for all satellites. */
struct step_buf {
    double *x, *y, *z, *vx, *vy, *vz, *lat, *lon, *alt;
};

static int alloc_buf(struct step_buf *b, size_t n)
{
    double **f[] = {&b->x, &b->y, &b->z, &b->vx, &b->vy, &b->vz, &b->lat, &b->lon, &b->alt};
    int ok = 1;
    for (size_t k = 0; k < sizeof f / sizeof f[0]; k++)
        ok &= (*f[k] = malloc((n ? n : 1) * sizeof(double))) != NULL;
    return ok;
}

static void free_buf(struct step_buf *b)
{
    double *f[] = {b->x, b->y, b->z, b->vx, b->vy, b->vz, b->lat, b->lon, b->alt};
    for (size_t k = 0; k < sizeof f / sizeof f[0]; k++)
        free(f[k]);
}

/* Print the rows of one time step; returns 0, 1 on a library error (in err) or 2 on a write
 * error. */
static int print_step(FILE *fp, const struct opts *o, const struct run *r,
                      const struct interf_system *sys, const struct interf_earth *earth, double t,
                      struct step_buf *b, struct interf_error *err)
{
    const struct interf_constellation *c = interf_system_constellation(sys);
    struct interf_ephem eph = {b->x, b->y, b->z, b->vx, b->vy, b->vz};
    interf_constellation_propagate(c, 0, r->n_sats, t, &r->orbit_run, INTERF_FRAME_ECEF, &eph);
    if (o->frame == FRAME_GEODETIC &&
        interf_ecef_to_geo(earth, r->n_sats, b->x, b->y, b->z, b->lat, b->lon, b->alt, err))
        return 1;
    for (size_t k = 0; k < r->n_sats; k++) {
        if (!r->sel[k])
            continue;
        double sat[3] = {b->x[k], b->y[k], b->z[k]};
        double az = 0, el = 0, range = 0, alpha = NAN;
        if (r->has_observer) {
            interf_station_look(&r->observer, sat, &az, &el, &range);
            if (o->has_min_elevation && el < o->min_elevation_deg * INTERF_DEG)
                continue;
            interf_gso_arc_alpha(r->observer.ecef_km, sat, &alpha, NULL);
        }
        fprintf(fp, "%12.3f %6zu %5d", t, k, interf_constellation_plane(c, k));
        if (o->frame == FRAME_GEODETIC) {
            fprintf(fp, "  %11.6f  %11.6f  %11.3f", b->lat[k] / INTERF_DEG, b->lon[k] / INTERF_DEG,
                    b->alt[k]);
        } else {
            double p[3] = {b->x[k], b->y[k], b->z[k]}, v[3] = {b->vx[k], b->vy[k], b->vz[k]};
            if (o->frame == FRAME_INERTIAL)
                interf_ecef_to_inertial(t, p, v, p, v);
            fprintf(fp, "  %12.3f  %12.3f  %12.3f  %10.6f  %10.6f  %10.6f", p[0], p[1], p[2], v[0],
                    v[1], v[2]);
        }
        if (r->has_observer)
            fprintf(fp, "  %10.6f  %10.6f  %11.3f  %10.6f", az / INTERF_DEG, el / INTERF_DEG,
                    range, alpha / INTERF_DEG);
        fputc('\n', fp);
    }
    return ferror(fp) ? 2 : 0;
}

int main(int argc, char **argv)
{
    struct opts o;
    struct run r = {0};
    struct interf_error err;
    struct interf_system *sys = NULL;
    struct interf_earth *earth = NULL;
    struct step_buf b = {0};
    struct cli_out out;
    int rc = CLI_EXIT_ERROR;

    cli_init("interf-orbit");
    parse_args(argc, argv, &o);
    if (interf_system_load(o.system, &sys, &err) != INTERF_OK) {
        cli_error("%s", err.msg);
        return CLI_EXIT_ERROR;
    }
    for (size_t k = 0; k < interf_system_warning_count(sys); k++)
        cli_warn(o.quiet, "warning: %s", interf_system_warning(sys, k));
    if (interf_earth_create(o.earth, &earth, &err) != INTERF_OK) {
        cli_error("%s", err.msg);
        goto done;
    }
    resolve_run(&o, sys, earth, &r);
    /* Station keeping (S.1503-4 §D6.3.6) spans the printed steps. */
    const double epoch = interf_system_info(sys)->epoch_unix_s;
    const struct interf_time_window w = {epoch + r.start_s, r.step_s, r.steps, 0};
    r.orbit_run = interf_time_window_run(&w, epoch);
    if (!alloc_buf(&b, r.n_sats)) {
        cli_error("out of memory for %zu satellites", r.n_sats);
        goto done;
    }
    if (cli_out_open(&out, o.output) != CLI_EXIT_OK)
        goto done;
    char *cmd = cli_command_line(argc, argv);
    print_header(out.fp, &o, &r, sys, earth, cmd);
    free(cmd);
    for (long s = 0; s < r.steps; s++) {
        int st = print_step(out.fp, &o, &r, sys, earth, r.start_s + s * r.step_s, &b, &err);
        if (st == 1) {
            cli_out_abort(&out);
            cli_error("%s", err.msg);
            goto done;
        }
        if (st == 2) {
            cli_out_fail(&out);
            goto done;
        }
    }
    rc = cli_out_commit(&out);
done:
    free_buf(&b);
    free(r.sel);
    interf_earth_destroy(earth);
    interf_system_destroy(sys);
    return rc;
}
