/* SPDX-License-Identifier: MIT */
/* interf-orbit: positions of a system's satellites over time (Rec. ITU-R S.1503-4 §D6.3, SGP4
 * or an OEM, per satellite), optionally with look angles and the GSO-arc angle from a ground
 * point. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const struct cli_option options[] = {
    CLI_OPT_SYSTEM,
    {"start", 0, CLI_ARG, "T",
     "first time: offset from the epoch (90s, 15m, 2h, 1.5d, -1h)\nor ISO 8601 UTC "
     "(2025-01-01T06:00:00Z) [0]", "start", NULL},
    {"duration", 0, CLI_ARG, "D", "time span after --start; without it one step is printed",
     NULL, NULL},
    {"step", 0, CLI_ARG, "S", "time step [60s]", NULL, NULL},
    {"frame", 0, CLI_ARG, "F",
     "geodetic (lat_deg lon_deg alt_km), ecef or inertial (S.1503's\nframes), teme, gcrf, itrf "
     "or native (to the mm) (x_km y_km z_km\nvx_km_s vy_km_s vz_km_s) [geodetic]", NULL, NULL},
    {"sat", 0, CLI_ARG, "LIST",
     "satellites to print: indices (0,5,10-20), name:PATTERN,...\n(ISS*) or norad:NUMBER,... "
     "(25544) [all]", NULL, NULL},
    {"observer", 0, CLI_ARG, "LAT,LON[,ALT_M]",
     "add az_deg el_deg range_km alpha_deg seen from this point", "observer", NULL},
    {"min-elevation", 0, CLI_ARG, "DEG", "with --observer: only rows with elevation >= DEG",
     NULL, NULL},
    {"earth", 0, CLI_ARG, "MODEL",
     "sphere (Rec. ITU-R S.1503-4, Re = 6378.145 km) or wgs84 [sphere]", NULL, NULL},
    CLI_OPT_OUTPUT,
    CLI_OPT_QUIET,
    CLI_OPT_END};

static const struct cli_tool tool = {
    "interf-orbit", "-s SYSTEM [options]",
    "Print the positions of a system's satellites, one row per satellite and time step.\n",
    options,
    "  interf-orbit -s footprints/leo-ku-550.ini --sat 0-3\n"
    "  interf-orbit -s footprints/iss.ini --duration 1d --step 30s --observer 48.85,2.35 \\\n"
    "               --min-elevation 10\n",
    0};

static void request(const struct interf_system *sys, struct interf_ephemeris_request *r,
                    unsigned char **sel)
{
    const struct interf_system_info *info = interf_system_info(sys);
    static const char *const frames[] = {"geodetic", "ecef", "inertial", "teme",
                                         "gcrf",     "itrf", "native"};
    const int n_frames = (int)(sizeof frames / sizeof frames[0]);
    struct interf_error err;
    int n;
    r->sys = sys;
    r->start_unix_s = info->epoch_unix_s;
    if (cli_given("start") &&
        interf_parse_time(cli_text("start"), info->epoch_unix_s, &r->start_unix_s, &err))
        cli_usage_error("--start: %s", err.msg);
    r->step_s = cli_duration("step", 0, 60.0);
    r->n_steps = 1;
    if (cli_given("duration")) {
        if (!(r->step_s > 0))
            cli_usage_error("--step: %s: must be positive", cli_text("step"));
        double n_steps = floor(cli_duration("duration", 0, 0) / r->step_s * (1 + 1e-12)) + 1;
        if (n_steps > 1e12)
            cli_usage_error("--duration: %s at --step %g s: too many steps",
                            cli_text("duration"), r->step_s);
        r->n_steps = (long)n_steps;
    }
    int f = 0;
    while (cli_given("frame") && f < n_frames && strcmp(cli_text("frame"), frames[f]) != 0)
        f++;
    if (f == n_frames)
        cli_usage_error("--frame: %s: allowed: geodetic, ecef, inertial, teme, gcrf, itrf, "
                        "native", cli_text("frame"));
    r->frame = (enum interf_ephem_frame)f;
    if (cli_given("sat")) {
        *sel = malloc(info->n_sats ? info->n_sats : 1);
        if (!*sel || interf_system_select(sys, cli_text("sat"), *sel, &err))
            cli_usage_error("--sat: %s", *sel ? err.msg : "out of memory");
        r->sel = *sel;
    }
    r->has_observer = cli_given("observer") > 0;
    if (r->has_observer && interf_parse_latlon(cli_text("observer"), &r->obs_lat_deg,
                                               &r->obs_lon_deg, &r->obs_alt_m, &n, &err))
        cli_usage_error("--observer: %s", err.msg);
    r->has_min_elevation = cli_given("min-elevation") > 0;
    r->min_elevation_deg = cli_real("min-elevation", -90, 90, 0);
}

/* Satellites that drop out of the table's window (their rows stop). */
static void warn_dropouts(const struct interf_ephemeris_request *r)
{
    const struct interf_constellation *c = interf_system_constellation(r->sys);
    const struct interf_time_window w = interf_ephemeris_window(r);
    struct interf_dropout d[16];
    size_t n = interf_constellation_dropouts(c, &w, d, 16);
    for (size_t k = 0; k < n && k < 16; k++) {
        char line[256];
        cli_warn("%s", interf_dropout_describe(c, &d[k], line, sizeof line));
    }
    if (n)
        cli_warn("satellites dropped out: %zu (no rows from then on)", n);
}

int main(int argc, char **argv)
{
    struct interf_ephemeris_request r;
    struct interf_system *sys = NULL;
    struct interf_provenance prov;
    struct interf_error err;
    enum interf_earth_kind kind = INTERF_EARTH_SPHERE;
    unsigned char *sel = NULL;
    int rc;

    cli_parse(&tool, argc, argv);
    if (!cli_given("system"))
        cli_usage_error("-s/--system: required");
    if (cli_given("min-elevation") && !cli_given("observer"))
        cli_usage_error("--min-elevation: needs --observer");
    if (cli_given("step") && !cli_given("duration"))
        cli_usage_error("--step: needs --duration");
    if (cli_given("earth") && interf_earth_kind_parse(cli_text("earth"), &kind, &err))
        cli_usage_error("--earth: %s", err.msg);
    cli_output_check(cli_text("output"), 0);
    sys = cli_system(cli_text("system"));
    memset(&r, 0, sizeof r);
    struct interf_earth *earth = NULL;
    if (interf_earth_create(kind, &earth, &err) != INTERF_OK) {
        interf_system_destroy(sys);
        return cli_fail(&err);
    }
    r.earth = earth;
    request(sys, &r, &sel);
    warn_dropouts(&r);
    interf_provenance_init(&prov, "interf-orbit");
    interf_provenance_set_command(&prov, argc, argv);
    FILE *fp = cli_open(cli_text("output"));
    if (interf_ephemeris_write(fp, &r, &prov, &err) != INTERF_OK)
        rc = err.status == INTERF_EINPUT ? (cli_usage_fail(&err), CLI_EXIT_ERROR)
                                         : cli_fail_output(cli_text("output"), &err);
    else
        rc = cli_commit();
    free(sel);
    interf_earth_destroy(earth);
    interf_system_destroy(sys);
    return rc;
}
