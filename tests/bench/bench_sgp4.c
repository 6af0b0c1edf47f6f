/* SPDX-License-Identifier: MIT */
/* Benchmark: SGP4 positions of a 10 000-object near-Earth catalogue at one time (the EPFD
 * engine's use), the batch over satellites (vectorised kernel) against the one-satellite path
 * called for each satellite in turn, in the same run. Reports propagations per second on one
 * core (process CPU time, median of 15 repetitions of 10 time steps) and the ratio. The
 * catalogue is generated here from a spread of LEO elements like the public catalogue's. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench_util.h"
#include "interf.h"

#define NSAT 10000
#define NREP 15
#define NSTEP 10

/* xorshift64*: a fixed, portable stream of uniform numbers in [0, 1) */
static double uniform(unsigned long long *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return (double)((*s * 2685821657736338717ULL) >> 11) * 0x1.0p-53;
}

/* A LEO element set: perigee 300-1200 km, eccentricity up to 0.02, inclinations of the common
 * families (ISS 51.6, Starlink 53, polar 70-90, sun-synchronous 97-99), B* 1e-5 to 1e-3, epochs
 * over the 3 days before 2025-01-01. */
static void leo(unsigned long long *s, long number, struct interf_tle *t)
{
    static const double incl_deg[] = {51.6, 53.0, 53.2, 70.0, 86.4, 87.9, 97.6, 98.7};
    double hp_km = 300.0 + 900.0 * uniform(s), e = 0.02 * uniform(s) * uniform(s);
    double a_km = (6378.135 + hp_km) / (1.0 - e);
    double n_rad_s = sqrt(398600.8 / (a_km * a_km * a_km));
    *t = (struct interf_tle){.catalog_number = number, .classification = 'U', .epoch_year = 2024};
    t->epoch_day = 363.0 + 3.0 * uniform(s);
    t->epoch_jd = 2460310.5 + floor(t->epoch_day) - 1.0; /* 2024-01-01 0 h is JD 2460310.5 */
    t->epoch_jd_frac = t->epoch_day - floor(t->epoch_day);
    t->epoch_unix_s = (t->epoch_jd - 2440587.5) * 86400.0 + t->epoch_jd_frac * 86400.0;
    t->bstar_per_er = pow(10.0, -5.0 + 2.0 * uniform(s));
    t->inclination_deg = incl_deg[(int)(8.0 * uniform(s))] + 0.2 * (uniform(s) - 0.5);
    t->raan_deg = 360.0 * uniform(s);
    t->eccentricity = e;
    t->argp_deg = 360.0 * uniform(s);
    t->mean_anomaly_deg = 360.0 * uniform(s);
    t->mean_motion_rev_day = n_rad_s * 86400.0 / (2.0 * INTERF_PI);
}

/* Seconds of CPU per propagation, median over the repetitions. */
static double run(int batch, const struct interf_sgp4_batch *b, const struct interf_ephem *eph,
                  int *code)
{
    double tm[NREP];
    volatile double sink = 0.0;
    for (int rep = 0; rep < NREP; rep++) {
        double t0 = bench_cpu_s();
        for (int step = 0; step < NSTEP; step++) {
            double t = 1735689600.0 + 60.0 * step + rep; /* 2025-01-01T00:00:00Z on */
            if (batch) {
                interf_sgp4_batch_propagate(b, 0, NSAT, t, eph, code);
            } else {
                for (size_t k = 0; k < NSAT; k++) {
                    const struct interf_sgp4 *s = interf_sgp4_batch_satellite(b, k);
                    double r[3], v[3];
                    code[k] = interf_sgp4_propagate(s, interf_sgp4_minutes(s, t), r,
                                                    eph->vx_km_s ? v : NULL);
                    eph->x_km[k] = r[0], eph->y_km[k] = r[1], eph->z_km[k] = r[2];
                    if (eph->vx_km_s)
                        eph->vx_km_s[k] = v[0], eph->vy_km_s[k] = v[1], eph->vz_km_s[k] = v[2];
                }
            }
            sink += eph->x_km[step];
        }
        tm[rep] = (bench_cpu_s() - t0) / NSTEP / NSAT;
    }
    (void)sink;
    return bench_median(tm, NREP);
}

int main(void)
{
    struct interf_tle *tle = malloc(NSAT * sizeof *tle);
    double *buf = malloc(6 * NSAT * sizeof(double));
    int *code = malloc(NSAT * sizeof *code);
    struct interf_sgp4_batch *b;
    unsigned long long seed = 0x5eed5eed5eedULL;
    if (!tle || !buf || !code)
        return 2;
    for (long k = 0; k < NSAT; k++)
        leo(&seed, 10000 + k, &tle[k]);
    if (interf_sgp4_batch_create(tle, NSAT, &b, NULL) != INTERF_OK)
        return 2;
    struct interf_ephem pos = {buf, buf + NSAT, buf + 2 * NSAT, NULL, NULL, NULL};
    struct interf_ephem posvel = {buf, buf + NSAT, buf + 2 * NSAT,
                                  buf + 3 * NSAT, buf + 4 * NSAT, buf + 5 * NSAT};
    double one = run(0, b, &posvel, code);
    double batchv = run(1, b, &posvel, code);
    double batch = run(1, b, &pos, code);
    size_t bad = interf_sgp4_batch_propagate(b, 0, NSAT, 1735689600.0, &pos, code);
    printf("SGP4, %d near-Earth satellites (LEO spread), one time step, one core:\n", NSAT);
    printf("  one satellite at a time, pos+vel  %6.1f ns/prop  %6.2f M prop/s\n", one * 1e9,
           1e-6 / one);
    printf("  batch, positions and velocities   %6.1f ns/prop  %6.2f M prop/s  x%.2f\n",
           batchv * 1e9, 1e-6 / batchv, one / batchv);
    printf("  batch, positions                  %6.1f ns/prop  %6.2f M prop/s  x%.2f\n",
           batch * 1e9, 1e-6 / batch, one / batch);
    printf("  (%zu satellites with an error code; must: >= 5 M prop/s, target >= 10 M prop/s)\n",
           bad);
    interf_sgp4_batch_destroy(b);
    free(tle);
    free(buf);
    free(code);
    return 0;
}
