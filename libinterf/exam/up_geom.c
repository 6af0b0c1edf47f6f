/* SPDX-License-Identifier: MIT */
/* The geometry of epfd up and epfd_is in Rec. ITU-R S.1503-4 (09/2023): the GSO satellite's
 * receive pattern of the Article 22 row (§D2.1, Table 16), the Table 9 boresight (§D3.2.2), the
 * WCG(up) estimate (§D3.2.3.1), the earth-station latitudes (§D3.2.3.6), the placement of the
 * representative earth stations (§D5.2.5), the greedy link selection (§D5.2.6 steps 25-34) and
 * the two geometries of WCG(IS) (§D3.3.3). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "exam_impl.h"
#include "interf/geo.h"
#include "interf/limits.h"

#define PLACE_MAX 1000000

enum interf_status interf_exam_gso_rx(const struct interf_limit_mask *row,
                                      struct interf_antenna *out, struct interf_error *err)
{
    memset(out, 0, sizeof *out);
    if (!row || (row->kind != INTERF_EPFD_UP && row->kind != INTERF_EPFD_IS))
        return interf_error_set(err, INTERF_EINPUT, "row: not a row of Table 22-2 or 22-3");
    /* S.1503-4 Table 16: the S.672 peak gain of each reference beamwidth */
    static const double bw[3] = {1.5, 1.55, 4.0}, gm[3] = {41.0, 40.7, 32.4};
    int k = 0;
    while (k < 3 && fabs(bw[k] - row->gso_beamwidth_deg) > 1e-9)
        k++;
    if (k == 3)
        return interf_error_set(err, INTERF_EINPUT, "row: %s: GSO beamwidth %g deg: S.1503-4 "
                                "Table 16 gives 1.5, 1.55 and 4 deg", row->table,
                                row->gso_beamwidth_deg);
    double ls = -20.0; /* RR Nos. 22.5D.3, 22.5F.3: Ls = -20 unless the row says -10 */
    const char *p = row->pattern ? strstr(row->pattern, "Ls = ") : NULL;
    if (p) {
        char buf[16] = "";
        size_t len = strspn(p + 5, "-+0123456789.");
        memcpy(buf, p + 5, len < sizeof buf ? len : sizeof buf - 1);
        if (!interf_parse_real(buf, &ls))
            return interf_error_set(err, INTERF_EINPUT, "row: %s: pattern '%s': no Ls",
                                    row->table, row->pattern);
    }
    const struct interf_pattern_def *def = interf_pattern_find("S.672");
    double v[4] = {gm[k], row->gso_beamwidth_deg / 2, ls, 1};
    int given[4] = {1, 1, 1, 1};
    return interf_antenna_init(out, def, v, given, 0, err);
}

void interf_exam_gso_boresight(double gso_lon_deg, double chi_deg, double az_deg, double *lat_deg,
                               double *lon_deg)
{
    double chi = chi_deg * INTERF_DEG, az = az_deg * INTERF_DEG;
    /* the direct problem on the sphere from (0, gso_lon) */
    *lat_deg = asin(sin(chi) * cos(az)) / INTERF_DEG;
    *lon_deg = gso_lon_deg + atan2(sin(az) * sin(chi), cos(chi)) / INTERF_DEG;
}

double interf_exam_up_estimate_db(double eirp_db, double num_es, double nco, double d_es_km,
                                  double beamwidth_deg, double chi_deg)
{
    /* §D3.2.3.1: F672 sums G_rel - L_S over stations D_ES = 100 km apart; stations d apart
     * are (100 / d)^2 as many: the printed "(D_ES/100)^2 F672" read as that factor in linear
     * terms (with NUM_ES = d^2 ES_DENSITY the estimate no longer depends on d, as the
     * aggregate of a uniform density must not) */
    return eirp_db + 10.0 * log10(num_es) + 10.0 * log10(nco) +
           interf_exam_f672_db(beamwidth_deg, chi_deg) - 20.0 * log10(d_es_km / 100.0);
}

/* theta_a or theta_p of Fig. 32 for radius r_km */
static double lat_reach(double r_km, double eps_deg)
{
    double psi = INTERF_PI / 2 + eps_deg * INTERF_DEG;
    double phi = asin(INTERF_RE_KM * sin(psi) / r_km);
    return INTERF_PI - (psi + phi);
}

void interf_exam_es_lat_range(double a_km, double e, double i_rad, double argp_rad,
                              double eps_deg, double *lat_min_deg, double *lat_max_deg)
{
    double reach = i_rad <= INTERF_PI / 2 ? i_rad : INTERF_PI - i_rad;
    double hi = (reach + lat_reach(a_km * (1 + e), eps_deg)) / INTERF_DEG;
    double lo = -(reach + lat_reach(a_km * (1 - e), eps_deg)) / INTERF_DEG;
    if (e > 0 && sin(argp_rad) > 0) { /* the apogee in the south: mirror */
        double t = hi;
        hi = -lo;
        lo = -t;
    }
    *lat_min_deg = lo < -90 ? -90 : lo;
    *lat_max_deg = hi > 90 ? 90 : hi;
}

/* ECEF point of the sphere at (lat, lon) in degrees */
static void sphere_point(double lat_deg, double lon_deg, double p[3])
{
    double la = lat_deg * INTERF_DEG, lo = lon_deg * INTERF_DEG;
    p[0] = INTERF_RE_KM * cos(la) * cos(lo);
    p[1] = INTERF_RE_KM * cos(la) * sin(lo);
    p[2] = INTERF_RE_KM * sin(la);
}

/* Relative gain (dB) of rx at the GSO satellite g (boresight unit b) toward ground point p;
 * NaN when p does not see the satellite */
static double rel_gain_toward(const struct interf_antenna *rx, const double g[3],
                              const double b[3], const double p[3])
{
    double d[3] = {p[0] - g[0], p[1] - g[1], p[2] - g[2]};
    if ((g[0] - p[0]) * p[0] + (g[1] - p[1]) * p[1] + (g[2] - p[2]) * p[2] < 0)
        return NAN; /* below the point's horizon */
    return interf_antenna_gain_dbi(rx, interf_angle_between(b, d) / INTERF_DEG) -
           rx->gain_max_dbi;
}

/* The angle at the Earth's centre between the sub-satellite point and the ground point seen
 * from the GSO satellite at phi (rad) from its nadir; the limb's beyond it */
static double ground_angle(double phi)
{
    double s = INTERF_RGEO_KM / INTERF_RE_KM * sin(phi);
    return s >= 1 || phi >= INTERF_PI / 2 ? acos(INTERF_RE_KM / INTERF_RGEO_KM) : asin(s) - phi;
}

/* A bound on the angle at the Earth's centre between the boresight point and any ground point
 * the beam covers within -15 dB (the rows the placement searches) */
static double footprint_radius(const struct interf_antenna *rx, const double g[3],
                               const double b[3], const double bs[3])
{
    double psi = 0; /* the -15 dB off-axis angle, deg (S.672 falls monotonically) */
    while (psi < 90 && interf_antenna_gain_dbi(rx, psi + 1e-3) - rx->gain_max_dbi >= -15)
        psi += 1e-3;
    double nadir[3] = {-g[0], -g[1], -g[2]};
    double phi_bs = interf_angle_between(nadir, b);
    double dot = (g[0] * bs[0] + g[1] * bs[1] + g[2] * bs[2]) / (INTERF_RGEO_KM * INTERF_RE_KM);
    return ground_angle(phi_bs + (psi + 1e-3) * INTERF_DEG) + acos(dot > 1 ? 1 : dot) + 1e-9;
}

enum interf_status interf_exam_up_place(const struct interf_antenna *rx, double gso_lon_deg,
                                        double bs_lat_deg, double bs_lon_deg,
                                        double es_distance_km, double lat_min_deg,
                                        double lat_max_deg, double **lat_deg, double **lon_deg,
                                        size_t *n, struct interf_error *err)
{
    *lat_deg = *lon_deg = NULL;
    *n = 0;
    if (!(es_distance_km >= 0 && es_distance_km < 40000))
        return interf_error_set(err, INTERF_EINPUT, "es_distance: %g km: allowed range 0 to "
                                "40000", es_distance_km);
    double g[3], bs[3], b[3];
    interf_gso_ecef(gso_lon_deg * INTERF_DEG, g);
    sphere_point(bs_lat_deg, bs_lon_deg, bs);
    for (int k = 0; k < 3; k++)
        b[k] = bs[k] - g[k];
    double nb = sqrt(b[0] * b[0] + b[1] * b[1] + b[2] * b[2]);
    for (int k = 0; k < 3; k++)
        b[k] /= nb;
    if (isnan(rel_gain_toward(rx, g, b, bs)))
        return interf_error_set(err, INTERF_EINPUT, "boresight: (%g, %g): the GSO satellite at "
                                "%g deg is below its horizon", bs_lat_deg, bs_lon_deg,
                                gso_lon_deg);
    size_t cap = 1024;
    double *la = malloc(cap * sizeof *la), *lo = malloc(cap * sizeof *lo);
    if (!la || !lo) {
        free(la);
        free(lo);
        return interf_error_set(err, INTERF_ENOMEM, "placement: out of memory");
    }
    if (es_distance_km == 0) { /* §D5.2.5: one station at the boresight */
        la[0] = bs_lat_deg;
        lo[0] = bs_lon_deg;
        *lat_deg = la;
        *lon_deg = lo;
        *n = 1;
        return INTERF_OK;
    }
    double radius = footprint_radius(rx, g, b, bs);
    double dlat = es_distance_km / INTERF_RE_KM / INTERF_DEG;
    long krow = (long)ceil(radius / INTERF_DEG / dlat);
    size_t m = 0;
    enum interf_status st = INTERF_OK;
    for (long k = -krow; st == INTERF_OK && k <= krow; k++) {
        double lat = bs_lat_deg + (double)k * dlat;
        if (fabs(lat) >= 90 || lat < lat_min_deg || lat > lat_max_deg)
            continue;
        /* §D5.2.5: dlong = d / (Re cos lat), symmetric about the boresight's longitude */
        double dlon = es_distance_km / (INTERF_RE_KM * cos(lat * INTERF_DEG)) / INTERF_DEG;
        /* the row's longitudes within radius of the boresight: cos(gamma) >= cos(radius) */
        double a = bs_lat_deg * INTERF_DEG, c = lat * INTERF_DEG;
        double cl = (cos(radius) - sin(a) * sin(c)) / (cos(a) * cos(c));
        if (cl > 1)
            continue;
        double span = cl < -1 ? 180.0 : acos(cl) / INTERF_DEG;
        long jmax = (long)ceil(span / dlon);
        for (long j = -jmax; st == INTERF_OK && j <= jmax; j++) {
            double lon = bs_lon_deg + (double)j * dlon, p[3];
            if (fabs((double)j * dlon) > 180.0)
                continue;
            sphere_point(lat, lon, p);
            double grel = rel_gain_toward(rx, g, b, p);
            if (!(grel >= -15.0)) /* §D5.2.5 step 3: the -15 dB contour */
                continue;
            if (m == PLACE_MAX) {
                st = interf_error_set(err, INTERF_EINPUT, "es_distance: %g km: more than %d "
                                      "earth stations", es_distance_km, PLACE_MAX);
                break;
            }
            if (m == cap) {
                cap *= 2;
                double *a2 = realloc(la, cap * sizeof *la);
                double *o2 = a2 ? realloc(lo, cap * sizeof *lo) : NULL;
                la = a2 ? a2 : la;
                lo = o2 ? o2 : lo;
                if (!o2) {
                    st = interf_error_set(err, INTERF_ENOMEM, "placement: out of memory");
                    break;
                }
            }
            la[m] = lat;
            lo[m] = lon;
            m++;
        }
    }
    if (st != INTERF_OK) {
        free(la);
        free(lo);
        return st;
    }
    *lat_deg = la;
    *lon_deg = lo;
    *n = m;
    return INTERF_OK;
}

/* The angle (deg) at point o between the directions to a and b */
static double angle_at(const double *o, const double *a, const double *b)
{
    double u[3] = {a[0] - o[0], a[1] - o[1], a[2] - o[2]};
    double v[3] = {b[0] - o[0], b[1] - o[1], b[2] - o[2]};
    return interf_angle_between(u, v) / INTERF_DEG;
}

static int cmp_link(const void *pa, const void *pb)
{
    const struct interf_up_link *a = pa, *b = pb;
    if (a->epfd_db != b->epfd_db)
        return a->epfd_db > b->epfd_db ? -1 : 1;
    if (a->es != b->es)
        return a->es < b->es ? -1 : 1;
    return a->sat < b->sat ? -1 : a->sat > b->sat;
}

enum { LINK_OPEN = 0, LINK_TAKEN = 1, LINK_DROPPED = 2 };

/* Step 28: the epfd_i of the accepted links (state) summed station by station in increasing
 * index, each station's in step 25's order (links' order): the order in which the run's
 * bounded choice finds them, without a sort of the step's links (run_step.c) */
static double sum_by_station(size_t n, const struct interf_up_link *links,
                             const unsigned char *state)
{
    double sum = 0;
    for (uint32_t es = 0;;) { /* es: the least station index not summed yet */
        uint32_t next = UINT32_MAX;
        for (size_t i = 0; i < n; i++) {
            if (!state[i] || links[i].es < es)
                continue;
            if (links[i].es == es)
                sum += pow(10.0, links[i].epfd_db / 10.0);
            else if (links[i].es < next)
                next = links[i].es;
        }
        if (next == UINT32_MAX)
            return sum;
        es = next;
    }
}

void interf_exam_up_select(size_t n, struct interf_up_link *links, const double *sat_km,
                           const double *es_km, const long *es_max_co_freq,
                           long max_co_freq_sat, double min_angle_at_es_deg,
                           double min_angle_at_sat_deg, unsigned char *state, double *sum_lin)
{
    qsort(links, n, sizeof *links, cmp_link); /* step 25 */
    memset(state, LINK_OPEN, n);
    for (size_t i = 0; i < n; i++) {
        if (state[i] != LINK_OPEN)
            continue;
        const struct interf_up_link *a = &links[i];
        if (es_max_co_freq[a->es] == 0) { /* the station never transmits */
            state[i] = LINK_DROPPED;
            continue;
        }
        state[i] = LINK_TAKEN;
        long used_sat = 0, used_es = 0;
        for (size_t k = 0; k <= i; k++)
            if (state[k] == LINK_TAKEN) {
                used_sat += links[k].sat == a->sat;
                used_es += links[k].es == a->es;
            }
        const double *s = sat_km + 3 * (size_t)a->sat, *e = es_km + 3 * (size_t)a->es;
        for (size_t k = i + 1; k < n; k++) {
            const struct interf_up_link *b = &links[k];
            if (state[k] != LINK_OPEN)
                continue;
            int drop = (b->sat == a->sat && max_co_freq_sat >= 0 && used_sat >= max_co_freq_sat)
                       || (b->es == a->es && es_max_co_freq[a->es] > 0 &&
                           used_es >= es_max_co_freq[a->es]);                 /* steps 30, 32 */
            if (!drop && min_angle_at_es_deg > 0 && b->es == a->es && b->sat != a->sat)
                drop = angle_at(e, s, sat_km + 3 * (size_t)b->sat) < min_angle_at_es_deg;
            if (!drop && min_angle_at_sat_deg > 0 && b->sat == a->sat && b->es != a->es)
                drop = angle_at(s, e, es_km + 3 * (size_t)b->es) < min_angle_at_sat_deg;
            if (drop)
                state[k] = LINK_DROPPED;
        }
    }
    for (size_t i = 0; i < n; i++)
        state[i] = state[i] == LINK_TAKEN;
    *sum_lin = sum_by_station(n, links, state);
}

int interf_exam_is_geometry(int which, double r_km, double phi_bs_deg,
                            struct interf_is_geometry *out)
{
    double phi = which == 1 ? phi_bs_deg * INTERF_DEG : asin(INTERF_RE_KM / INTERF_RGEO_KM);
    double s = INTERF_RGEO_KM / r_km * sin(phi);
    if (!(s <= 1))
        return 0;
    /* §D3.3.3: psi_1 > pi/2 (just visible), psi_2 < pi/2 (crossing the beam) */
    double psi = which == 1 ? INTERF_PI - asin(s) : asin(s);
    double theta = INTERF_PI - phi - psi;
    out->phi_deg = phi / INTERF_DEG;
    out->psi_deg = psi / INTERF_DEG;
    out->theta_deg = theta / INTERF_DEG;
    out->d_km = r_km * sin(theta) / sin(phi);
    return 1;
}
