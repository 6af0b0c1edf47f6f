/* SPDX-License-Identifier: MIT */
/* Benchmark: interf_constellation_propagate over satellites of different kinds, one time step
 * of 10 000 satellites, Earth-fixed positions: S.1503 elements alone (the baseline, the EPFD hot
 * path), half elements and half two-line element sets (SGP4 plus the TEME to Earth-fixed turn),
 * TLE sets alone, and the SGP4 batch alone (TEME, no turn) to show what the turn costs; and one
 * OEM object (an interpolation brought to the Earth) per call. Medians of 15 repetitions. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_util.h"
#include "interf.h"

#define NSAT 10000
#define NREP 15
#define NSTEP 20
#define EPOCH_UNIX_S 1735689600.0 /* 2025-01-01T00:00:00Z */

/* A circular 550 km, 53 deg set, as SGP4 mean elements at the epoch. */
static void tle_of(const struct interf_elements *el, long number, struct interf_tle *t)
{
    memset(t, 0, sizeof *t);
    snprintf(t->name, sizeof t->name, "BENCH %ld", number);
    t->catalog_number = number;
    t->classification = 'U';
    t->epoch_year = 2025;
    t->epoch_day = 1.0;
    t->epoch_jd = 2460676.5; /* 2025-01-01T00:00:00Z */
    t->epoch_jd_frac = 0.0;
    t->epoch_unix_s = EPOCH_UNIX_S;
    t->inclination_deg = el->i_rad / INTERF_DEG;
    t->raan_deg = fmod(el->lan_rad / INTERF_DEG + 360.0, 360.0);
    t->mean_anomaly_deg = fmod(el->m0_rad / INTERF_DEG + 360.0, 360.0);
    t->mean_motion_rev_day = 15.0557;
}

/* ns per satellite of which: 0 the constellation, 1 the SGP4 batch alone. */
static double run(int which, const struct interf_constellation *c,
                  const struct interf_sgp4_batch *b, size_t n, const struct interf_ephem *e)
{
    double tm[NREP];
    volatile double sink = 0;
    for (int rep = 0; rep < NREP; rep++) {
        double t0 = bench_wall_s();
        for (int s = 0; s < NSTEP; s++) {
            double t = 1000.0 + 10.0 * s + rep;
            if (which == 0)
                interf_constellation_propagate(c, 0, n, t, NULL, INTERF_FRAME_ECEF, e);
            else
                interf_sgp4_batch_propagate(b, 0, n, EPOCH_UNIX_S + t, e, NULL);
            sink += e->x_km[s];
        }
        tm[rep] = (bench_wall_s() - t0) / NSTEP / (double)n * 1e9;
    }
    (void)sink;
    return bench_median(tm, NREP);
}

/* A constellation of n_el Walker satellites then n - n_el TLE sets of the same shell. */
static struct interf_constellation *make(size_t n, size_t n_el, struct interf_tle *tles)
{
    struct interf_constellation *c;
    if (interf_constellation_create(n, &c, NULL) != INTERF_OK)
        return NULL;
    interf_constellation_set_epoch(c, EPOCH_UNIX_S);
    for (size_t k = 0; k < n; k++) {
        struct interf_elements el;
        interf_walker_elements(INTERF_WALKER_DELTA, INTERF_RE_KM + 550, 53 * INTERF_DEG, NSAT,
                               100, 1, 0, (int)(k / 100), (int)(k % 100), &el);
        if (k < n_el)
            interf_constellation_add(c, &el, NULL, (int)(k / 100), NULL, NULL);
        else
            tle_of(&el, (long)k + 1, &tles[k - n_el]);
    }
    if (n > n_el &&
        interf_constellation_add_tle(c, tles, n - n_el, -1, NULL, NULL) != INTERF_OK) {
        interf_constellation_destroy(c);
        return NULL;
    }
    return c;
}

/* ns per OEM state: the Gateway-like object, Earth-fixed, through the constellation. */
static double oem_ns(const char *path)
{
    struct interf_oem *oem;
    struct interf_constellation *c;
    if (interf_oem_load(path, &oem, NULL) != INTERF_OK ||
        interf_constellation_create(1, &c, NULL) != INTERF_OK)
        return NAN;
    interf_constellation_set_epoch(c, 1798761600.0); /* 2027-01-01T00:00:00Z */
    interf_constellation_add_oem(c, oem, NULL, 0, NULL, NULL);
    double tm[NREP], x, y, z;
    struct interf_ephem e = {&x, &y, &z, NULL, NULL, NULL};
    for (int rep = 0; rep < NREP; rep++) {
        double t0 = bench_wall_s();
        for (int s = 0; s < 1000; s++)
            interf_constellation_propagate(c, 0, 1, 60.0 * s + rep, NULL, INTERF_FRAME_ECEF, &e);
        tm[rep] = (bench_wall_s() - t0) / 1000 * 1e9;
    }
    interf_constellation_destroy(c);
    return bench_median(tm, NREP);
}

int main(void)
{
    struct interf_tle *tles = malloc(NSAT * sizeof *tles);
    double *buf = malloc(3 * NSAT * sizeof(double));
    struct interf_sgp4_batch *b = NULL;
    if (!tles || !buf)
        return 2;
    struct interf_ephem e = {buf, buf + NSAT, buf + 2 * NSAT, NULL, NULL, NULL};
    struct interf_constellation *s1503 = make(NSAT, NSAT, tles);
    struct interf_constellation *mixed = make(NSAT, NSAT / 2, tles);
    struct interf_constellation *tle = make(NSAT, 0, tles);
    if (!s1503 || !mixed || !tle || interf_sgp4_batch_create(tles, NSAT, &b, NULL) != INTERF_OK)
        return 2;
    double base = run(0, s1503, NULL, NSAT, &e);
    double mix = run(0, mixed, NULL, NSAT, &e);
    double all = run(0, tle, NULL, NSAT, &e);
    double raw = run(1, NULL, b, NSAT, &e);
    printf("propagation through interf_constellation_propagate, %d satellites (550 km 53 deg), "
           "Earth-fixed, one core:\n", NSAT);
    printf("  S.1503 elements alone (baseline)      %7.1f ns/sat  %7.1f M sat/s\n", base,
           1e3 / base);
    printf("  half elements, half TLE (SGP4)        %7.1f ns/sat  %7.1f M sat/s  x%.2f slower\n",
           mix, 1e3 / mix, mix / base);
    printf("  TLE alone (SGP4 + TEME->ITRF)         %7.1f ns/sat  %7.1f M sat/s  x%.2f slower\n",
           all, 1e3 / all, all / base);
    printf("  SGP4 batch alone (TEME, no turn)      %7.1f ns/sat  %7.1f M sat/s\n", raw,
           1e3 / raw);
    const char *src = getenv("INTERF_SOURCE_DIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/footprints/gateway.oem", src ? src : ".");
    double o = oem_ns(path);
    if (isfinite(o))
        printf("  one OEM object (Lagrange 9, Moon, GCRF->ITRF) %7.0f ns/state\n", o);
    interf_constellation_destroy(s1503);
    interf_constellation_destroy(mixed);
    interf_constellation_destroy(tle);
    interf_sgp4_batch_destroy(b);
    free(tles);
    free(buf);
    return 0;
}
