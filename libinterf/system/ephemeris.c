/* SPDX-License-Identifier: MIT */
/* interf system: ephemeris tables, the positions of a system's satellites over time by the orbit
 * model of Rec. ITU-R S.1503-4 (09/2023) §D6.3, with look angles and the GSO-arc angle of §D6.4.4
 * from an observer. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "system_impl.h"

static const char *const frame_text[] = {
    "# crs: EPSG:4326 (latitude, longitude on the Earth model above)\n",
    "# frame: Earth-fixed, X through (0 N, 0 E), Z north\n",
    "# frame: inertial of Rec. ITU-R S.1503-4 §D6.3.3 (X through Greenwich at the epoch)\n"};

static void header(FILE *fp, const struct interf_ephemeris_request *r, size_t n_sel,
                   const struct interf_provenance *prov)
{
    const struct interf_system_info *info = interf_system_info(r->sys);
    struct interf_provenance p = *prov;
    char t0[40], t1[40];
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
    interf_provenance_set(&p, "orbit_model", "Rec. ITU-R S.1503-4 (09/2023) §D6.3, secular J2");
    interf_provenance_set(&p, "earth_model", "%s", interf_earth_describe(r->earth));
    interf_provenance_write(fp, &p, NULL);
    fputs(frame_text[r->frame], fp);
    if (r->has_observer)
        fprintf(fp,
                "# observer: lat_deg %.6f lon_deg %.6f alt_m %.1f; alpha_deg is the GSO-arc angle "
                "of Rec. ITU-R S.1503-4 §D6.4.4 (nan where no arc is visible)\n",
                r->obs_lat_deg, r->obs_lon_deg, r->obs_alt_m);
    for (size_t k = 0; k < interf_system_warning_count(r->sys); k++)
        fprintf(fp, "# warning: %s\n", interf_system_warning(r->sys, k));
}

/* One satellite's row at t (s after the epoch); 0 when the observer filter drops it. */
static int row(FILE *fp, const struct interf_ephemeris_request *r,
               const struct interf_station *obs, double t, size_t k, const double p_ecef[3],
               const double v_ecef[3], const double geo[3])
{
    double az = 0, el = 0, range = 0, alpha = NAN;
    if (r->has_observer) {
        interf_station_look(obs, p_ecef, &az, &el, &range);
        if (r->has_min_elevation && el < r->min_elevation_deg * INTERF_DEG)
            return 0;
        interf_gso_arc_alpha(obs->ecef_km, p_ecef, &alpha, NULL);
    }
    fprintf(fp, "%12.3f %6zu %5d", t, k,
            interf_constellation_plane(interf_system_constellation(r->sys), k));
    if (r->frame == INTERF_EPHEM_GEODETIC) {
        fprintf(fp, "  %11.6f  %11.6f  %11.3f", geo[0] / INTERF_DEG, geo[1] / INTERF_DEG, geo[2]);
    } else {
        double p[3], v[3];
        memcpy(p, p_ecef, sizeof p);
        memcpy(v, v_ecef, sizeof v);
        if (r->frame == INTERF_EPHEM_INERTIAL)
            interf_ecef_to_inertial(t, p, v, p, v);
        fprintf(fp, "  %12.3f  %12.3f  %12.3f  %10.6f  %10.6f  %10.6f", p[0], p[1], p[2], v[0],
                v[1], v[2]);
    }
    if (r->has_observer)
        fprintf(fp, "  %10.6f  %10.6f  %11.3f  %10.6f", az / INTERF_DEG, el / INTERF_DEG, range,
                alpha / INTERF_DEG);
    fputc('\n', fp);
    return 1;
}

enum interf_status interf_ephemeris_write(FILE *fp, const struct interf_ephemeris_request *r,
                                          const struct interf_provenance *prov,
                                          struct interf_error *err)
{
    const struct interf_system_info *info = interf_system_info(r->sys);
    const struct interf_constellation *c = interf_system_constellation(r->sys);
    size_t n = info->n_sats, n_sel = 0;
    struct interf_station obs;
    enum interf_status st = INTERF_OK;
    if (r->has_observer &&
        (st = interf_station_init(r->earth, r->obs_lat_deg * INTERF_DEG,
                                  r->obs_lon_deg * INTERF_DEG, r->obs_alt_m / 1000.0, &obs,
                                  err)) != INTERF_OK)
        return interf_error_set(err, st, "observer: %.400s", err->msg);
    for (size_t k = 0; k < n; k++)
        n_sel += !r->sel || r->sel[k];
    double *b = malloc(9 * (n ? n : 1) * sizeof *b);
    if (!b)
        return interf_error_set(err, INTERF_ENOMEM, "out of memory for %zu satellites", n);
    double *x = b, *y = b + n, *z = b + 2 * n, *g = b + 6 * n;
    struct interf_ephem eph = {x, y, z, b + 3 * n, b + 4 * n, b + 5 * n};
    const struct interf_time_window w = {r->start_unix_s, r->step_s, r->n_steps, 0};
    const struct interf_orbit_run run = interf_time_window_run(&w, info->epoch_unix_s);
    char warning[256];
    if ((st = interf_time_window_check(&w, info->epoch_unix_s, warning, sizeof warning, err))) {
        free(b);
        return st;
    }
    header(fp, r, n_sel, prov);
    if (warning[0])
        fprintf(fp, "# warning: %s\n", warning);
    for (long s = 0; s < r->n_steps && st == INTERF_OK && !ferror(fp); s++) {
        double t = interf_time_window_t(&w, info->epoch_unix_s, s);
        interf_constellation_propagate(c, 0, n, t, &run, INTERF_FRAME_ECEF, &eph);
        if (r->frame == INTERF_EPHEM_GEODETIC)
            st = interf_ecef_to_geo(r->earth, n, x, y, z, g, g + n, g + 2 * n, err);
        for (size_t k = 0; k < n && st == INTERF_OK; k++) {
            if (r->sel && !r->sel[k])
                continue;
            double p[3] = {x[k], y[k], z[k]};
            double v[3] = {eph.vx_km_s[k], eph.vy_km_s[k], eph.vz_km_s[k]};
            double geo[3] = {g[k], g[n + k], g[2 * n + k]};
            row(fp, r, &obs, t, k, p, v, geo);
        }
    }
    free(b);
    if (st == INTERF_OK && ferror(fp))
        st = interf_error_set(err, INTERF_EIO, "write error: %s", strerror(errno ? errno : EIO));
    return st;
}
