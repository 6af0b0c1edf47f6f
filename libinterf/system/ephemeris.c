/* SPDX-License-Identifier: MIT */
/* interf system: ephemeris tables, the positions of a system's satellites over time by each
 * one's orbit model (Rec. ITU-R S.1503-4 (09/2023) §D6.3, SGP4, an OEM), in the frames of S.1503
 * or of real dates (TEME, GCRF, ITRF, each satellite's own), with look angles and the GSO-arc
 * angle of §D6.4.4 from an observer. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "system_impl.h"

static const char *const frame_text[] = {
    "# crs: EPSG:4326 (latitude, longitude on the Earth model above)\n",
    "# frame: Earth-fixed, X through (0 N, 0 E), Z north\n",
    "# frame: inertial of Rec. ITU-R S.1503-4 §D6.3.3 (X through Greenwich at the epoch)\n",
    "# frame: TEME (true equator, mean equinox of date), from the Earth-fixed state by the IAU "
    "1982 GMST at UT1 = UTC\n",
    "# frame: GCRF (geocentric), from the Earth-fixed state by IAU 2006/2000A (ERFA), UT1 = UTC, "
    "no polar motion\n",
    "# frame: ITRF (Earth-fixed; S.1503 satellites: the model's Earth-fixed frame), no polar "
    "motion\n",
    "# frame: native: each satellite in its own frame and centre, listed below\n"};

/* The orbit models of the system's satellites, for the header. */
static void models(const struct interf_system *sys, char *buf, size_t n)
{
    static const char *const text[] = {"Rec. ITU-R S.1503-4 (09/2023) §D6.3, secular J2",
                                       "SGP4/SDP4 (AIAA 2006-6753, WGS-72)",
                                       "CCSDS OEM interpolation (CCSDS 502.0-B-3)"};
    const struct interf_constellation *c = interf_system_constellation(sys);
    int seen[3] = {0, 0, 0};
    size_t pos = 0;
    for (size_t k = 0; k < interf_system_info(sys)->n_sats; k++) {
        struct interf_sat_ident id;
        interf_constellation_ident(c, k, &id);
        seen[id.kind] = 1;
    }
    buf[0] = '\0';
    for (int m = 0; m < 3; m++)
        if (seen[m])
            sys_append(buf, n, &pos, "%s%s", pos ? "; " : "", text[m]);
}

/* With --frame native, the frame of each orbit group. */
static void native_frames(FILE *fp, const struct interf_system *sys)
{
    const struct interf_constellation *c = interf_system_constellation(sys);
    for (size_t g = 0; g < interf_system_info(sys)->n_orbits; g++) {
        const struct interf_system_orbit *o = interf_system_orbit(sys, g);
        for (size_t k = o->first_sat; k < o->first_sat + o->n_sats; k++) {
            struct interf_sat_ident id;
            interf_constellation_ident(c, k, &id);
            /* one line per group, or per satellite where they differ (OEM objects) */
            if (k == o->first_sat || id.kind == INTERF_SAT_OEM)
                fprintf(fp, "# frame of satellites %zu-%zu: %s, centre %s\n", k,
                        id.kind == INTERF_SAT_OEM ? k : o->first_sat + o->n_sats - 1,
                        id.kind == INTERF_SAT_ELEMENTS ? "inertial of Rec. ITU-R S.1503-4 §D6.3.3"
                                                       : id.frame, id.center);
        }
    }
}

static void header(FILE *fp, const struct interf_ephemeris_request *r, size_t n_sel,
                   const struct interf_provenance *prov)
{
    const struct interf_system_info *info = interf_system_info(r->sys);
    struct interf_provenance p = *prov;
    char t0[40], t1[40], model[256];
    fputs(r->frame == INTERF_EPHEM_GEODETIC ? "# t_s sat plane lat_deg lon_deg alt_km"
                                            : "# t_s sat plane x_km y_km z_km vx_km_s vy_km_s "
                                              "vz_km_s", fp);
    fputs(r->has_observer ? " az_deg el_deg range_km alpha_deg\n" : "\n", fp);
    interf_provenance_set(&p, "system", "%s", info->path);
    interf_provenance_set(&p, "system_sha256", "%s", info->sha256);
    interf_provenance_set(&p, "system_name", "%s", info->name);
    interf_provenance_set(&p, "epoch_utc", "%s",
                          interf_time_format_utc(info->epoch_unix_s, t0, sizeof t0));
    interf_provenance_set(&p, "start_utc", "%s",
                          interf_time_format_utc(r->start_unix_s, t1, sizeof t1));
    interf_provenance_set(&p, "step_s", "%.3f", r->step_s);
    interf_provenance_set(&p, "steps", "%ld", r->n_steps);
    interf_provenance_set(&p, "satellites", "%zu of %zu", n_sel, info->n_sats);
    models(r->sys, model, sizeof model);
    interf_provenance_set(&p, "orbit_model", "%s", model);
    interf_provenance_set(&p, "earth_model", "%s", interf_earth_describe(r->earth));
    interf_provenance_write(fp, &p, NULL);
    fputs(frame_text[r->frame], fp);
    if (r->frame == INTERF_EPHEM_NATIVE)
        native_frames(fp, r->sys);
    if (r->has_observer)
        fprintf(fp,
                "# observer: lat_deg %.6f lon_deg %.6f alt_m %.1f; alpha_deg is the GSO-arc angle "
                "of Rec. ITU-R S.1503-4 §D6.4.4 (nan where no arc is visible)\n",
                r->obs_lat_deg, r->obs_lon_deg, r->obs_alt_m);
    for (size_t k = 0; k < interf_system_warning_count(r->sys); k++)
        fprintf(fp, "# warning: %s\n", interf_system_warning(r->sys, k));
}

/* What every row of one step shares: its time, the rotation to the celestial frame asked (TEME,
 * GCRF) and the native states (NATIVE). */
struct step {
    double t;
    struct interf_earth_rotation rot;
    const double *nat; /* 6 n: x, y, z, vx, vy, vz arrays */
    size_t n;
};

/* The state of satellite k in the request's frame from its Earth-fixed one. */
static void frame_state(const struct interf_ephemeris_request *r, const struct step *s, size_t k,
                        double p[3], double v[3])
{
    if (r->frame == INTERF_EPHEM_INERTIAL) {
        interf_ecef_to_inertial(s->t, p, v, p, v);
    } else if (r->frame == INTERF_EPHEM_TEME || r->frame == INTERF_EPHEM_GCRF) {
        interf_itrf_to_celestial(&s->rot, p, v, p, v);
    } else if (r->frame == INTERF_EPHEM_NATIVE) {
        for (int i = 0; i < 3; i++)
            p[i] = s->nat[(size_t)i * s->n + k], v[i] = s->nat[(size_t)(3 + i) * s->n + k];
    }
}

/* One satellite's row; 0 when the observer filter drops it. */
static int row(FILE *fp, const struct interf_ephemeris_request *r,
               const struct interf_station *obs, const struct step *s, size_t k,
               const double p_ecef[3], const double v_ecef[3], const double geo[3])
{
    double az = 0, el = 0, range = 0, alpha = NAN;
    if (r->has_observer) {
        interf_station_look(obs, p_ecef, &az, &el, &range);
        if (r->has_min_elevation && el < r->min_elevation_deg * INTERF_DEG)
            return 0;
        interf_gso_arc_alpha(obs->ecef_km, p_ecef, &alpha, NULL);
    }
    fprintf(fp, "%12.3f %6zu %5d", s->t, k,
            interf_constellation_plane(interf_system_constellation(r->sys), k));
    if (r->frame == INTERF_EPHEM_GEODETIC) {
        fprintf(fp, "  %11.6f  %11.6f  %11.3f", geo[0] / INTERF_DEG, geo[1] / INTERF_DEG, geo[2]);
    } else {
        double p[3], v[3];
        memcpy(p, p_ecef, sizeof p);
        memcpy(v, v_ecef, sizeof v);
        frame_state(r, s, k, p, v);
        /* the frames of real dates to the millimetre; S.1503's as they always were */
        if (r->frame >= INTERF_EPHEM_TEME)
            fprintf(fp, "  %15.6f  %15.6f  %15.6f  %13.9f  %13.9f  %13.9f", p[0], p[1], p[2],
                    v[0], v[1], v[2]);
        else
            fprintf(fp, "  %12.3f  %12.3f  %12.3f  %10.6f  %10.6f  %10.6f", p[0], p[1], p[2],
                    v[0], v[1], v[2]);
    }
    if (r->has_observer)
        fprintf(fp, "  %10.6f  %10.6f  %11.3f  %10.6f", az / INTERF_DEG, el / INTERF_DEG, range,
                alpha / INTERF_DEG);
    fputc('\n', fp);
    return 1;
}

struct interf_time_window interf_ephemeris_window(const struct interf_ephemeris_request *r)
{
    struct interf_time_window w = {r->start_unix_s, r->step_s, r->n_steps, 0};
    return w;
}

/* Drop-outs over the window, as warnings in the header. */
#define DROPOUTS_LISTED 64
static void dropout_warnings(FILE *fp, const struct interf_ephemeris_request *r)
{
    const struct interf_constellation *c = interf_system_constellation(r->sys);
    const struct interf_time_window w = interf_ephemeris_window(r);
    struct interf_dropout d[DROPOUTS_LISTED];
    size_t n = interf_constellation_dropouts(c, &w, d, DROPOUTS_LISTED);
    for (size_t k = 0; k < n && k < DROPOUTS_LISTED; k++) {
        char line[256];
        fprintf(fp, "# warning: %s\n", interf_dropout_describe(c, &d[k], line, sizeof line));
    }
    if (n > DROPOUTS_LISTED)
        fprintf(fp, "# warning: and %zu more satellites drop out\n", n - DROPOUTS_LISTED);
}

/* The step's shared part: the rotation of the time (TEME, GCRF), native states (NATIVE). */
static enum interf_status step_init(const struct interf_ephemeris_request *r,
                                    const struct interf_orbit_run *run, double *nat,
                                    struct step *s, struct interf_error *err)
{
    const struct interf_constellation *c = interf_system_constellation(r->sys);
    if (r->frame == INTERF_EPHEM_TEME || r->frame == INTERF_EPHEM_GCRF) {
        struct interf_jd utc;
        struct interf_time tm;
        struct interf_error e2;
        interf_jd_from_unix(interf_constellation_epoch(c) + s->t, &utc);
        if (interf_time_from_utc(&utc, 0.0, &tm, &e2) != INTERF_OK)
            return interf_error_set(err, INTERF_EINPUT, "start: %s", e2.msg);
        interf_earth_rotation_at(r->frame == INTERF_EPHEM_TEME ? INTERF_CELESTIAL_TEME
                                                               : INTERF_CELESTIAL_GCRF,
                                 &tm, NULL, &s->rot);
    }
    if (r->frame == INTERF_EPHEM_NATIVE) {
        size_t n = s->n;
        struct interf_ephem e = {nat, nat + n, nat + 2 * n, nat + 3 * n, nat + 4 * n, nat + 5 * n};
        interf_constellation_propagate(c, 0, n, s->t, run, INTERF_FRAME_NATIVE, &e);
        s->nat = nat;
    }
    return INTERF_OK;
}

/* Satellites without a position at this step (dropped out) get dead[k] = 1 and, so that the
 * geodetic conversion has a point, the Earth's north pole. */
static void mark_dead(size_t n, double *x, double *y, double *z, unsigned char *dead)
{
    for (size_t k = 0; k < n; k++) {
        dead[k] = !isfinite(x[k]);
        if (dead[k])
            x[k] = 0, y[k] = 0, z[k] = INTERF_RE_KM;
    }
}

enum interf_status interf_ephemeris_write(FILE *fp, const struct interf_ephemeris_request *r,
                                          const struct interf_provenance *prov,
                                          struct interf_error *err)
{
    const struct interf_system_info *info = interf_system_info(r->sys);
    const struct interf_constellation *c = interf_system_constellation(r->sys);
    size_t n = info->n_sats, n_sel = 0, m = n ? n : 1;
    struct interf_station obs;
    enum interf_status st = INTERF_OK;
    if (r->has_observer &&
        (st = interf_station_init(r->earth, r->obs_lat_deg * INTERF_DEG,
                                  r->obs_lon_deg * INTERF_DEG, r->obs_alt_m / 1000.0, &obs,
                                  err)) != INTERF_OK)
        return interf_error_set(err, st, "observer: %.400s", err->msg);
    for (size_t k = 0; k < n; k++)
        n_sel += !r->sel || r->sel[k];
    double *b = malloc(15 * m * sizeof *b);
    unsigned char *dead = malloc(m);
    if (!b || !dead) {
        free(b);
        free(dead);
        return interf_error_set(err, INTERF_ENOMEM, "out of memory for %zu satellites", n);
    }
    double *x = b, *y = b + n, *z = b + 2 * n, *g = b + 6 * n;
    struct interf_ephem eph = {x, y, z, b + 3 * n, b + 4 * n, b + 5 * n};
    const struct interf_time_window w = interf_ephemeris_window(r);
    const struct interf_orbit_run run = interf_time_window_run(&w, info->epoch_unix_s);
    char warning[256];
    if ((st = interf_time_window_check(&w, info->epoch_unix_s, warning, sizeof warning, err))) {
        free(b);
        free(dead);
        return st;
    }
    header(fp, r, n_sel, prov);
    if (warning[0])
        fprintf(fp, "# warning: %s\n", warning);
    dropout_warnings(fp, r);
    for (long k = 0; k < r->n_steps && st == INTERF_OK && !ferror(fp); k++) {
        struct step s = {interf_time_window_t(&w, info->epoch_unix_s, k), {{{0}}, {{0}}, 0},
                         NULL, n};
        interf_constellation_propagate(c, 0, n, s.t, &run, INTERF_FRAME_ECEF, &eph);
        mark_dead(n, x, y, z, dead);
        st = step_init(r, &run, b + 9 * n, &s, err);
        if (st == INTERF_OK && r->frame == INTERF_EPHEM_GEODETIC)
            st = interf_ecef_to_geo(r->earth, n, x, y, z, g, g + n, g + 2 * n, err);
        for (size_t j = 0; j < n && st == INTERF_OK; j++) {
            if ((r->sel && !r->sel[j]) || dead[j])
                continue;
            double p[3] = {x[j], y[j], z[j]};
            double v[3] = {eph.vx_km_s[j], eph.vy_km_s[j], eph.vz_km_s[j]};
            double geo[3] = {g[j], g[n + j], g[2 * n + j]};
            row(fp, r, &obs, &s, j, p, v, geo);
        }
    }
    free(b);
    free(dead);
    if (st == INTERF_OK && ferror(fp))
        st = interf_error_set(err, INTERF_EIO, "write error: %s", strerror(errno ? errno : EIO));
    return st;
}
