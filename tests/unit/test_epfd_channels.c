/* SPDX-License-Identifier: MIT */
/* Tests of the frequency-resolved, multi-system EPFD (interf_epfd_run_channels,
 * interf_epfd_aggregate): a two-system, four-channel case solved by hand, the SGEMM product
 * against a direct double loop, and one channel through the product against the fused kernel. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "interf.h"
#include "test_system_util.h"
#include "interf/epfd.h"

static struct interf_antenna es_dish(double dish_m)
{
    struct interf_antenna ant;
    const struct interf_pattern_def *d = interf_pattern_find("S.1428");
    double v[INTERF_PATTERN_MAXKEYS] = {0};
    int given[INTERF_PATTERN_MAXKEYS] = {0};
    v[interf_pattern_key_index(d, "diameter_m")] = dish_m;
    given[interf_pattern_key_index(d, "diameter_m")] = 1;
    cr_assert(eq(int, interf_antenna_init(&ant, d, v, given, 10.72, NULL), INTERF_OK));
    return ant;
}

#define HEAD                                                                                       \
    "[system]\nname = t\nepoch_utc = 2025-01-01T00:00:00Z\nband_ghz = 10.7-12.7\n"                 \
    "[antenna a]\npattern = S.1528:1.2\ngain_max_dbi = 35\nhalf_beamwidth_deg = 1.5\n"

/* A scene: points (lat, lon) on the sphere, n steps of step_s from 2025-01-01T00:00:00Z. */
struct scene {
    struct interf_earth *earth;
    struct interf_antenna es;
    size_t n;
    const double *lat, *lon;
    enum interf_es_pointing pt;
    long n_steps;
    double step_s;
};

static struct interf_epfd_plan *plan_of(const struct interf_system *sys, const struct scene *sc,
                                        int threads)
{
    struct interf_epfd_spec spec = {
        .sys = sys, .earth = sc->earth, .es = &sc->es, .pointing = sc->pt, .az_deg = 0,
        .el_deg = 90, .eps_gso_deg = 10, .n_points = sc->n, .lat_deg = sc->lat,
        .lon_deg = sc->lon,
        .window = {interf_system_info(sys)->epoch_unix_s, sc->step_s, sc->n_steps, 0},
        .threads = threads};
    struct interf_epfd_plan *plan;
    struct interf_error err;
    cr_assert(eq(int, interf_epfd_plan_create(&spec, &plan, &err), INTERF_OK), "%s", err.msg);
    return plan;
}

static double db(double lin)
{
    return 10 * log10(lin);
}

/* The scene of the hand derivations below: a satellite of system A (550 km) and one of B
 * (1100 km) straight over the earth station at (0 N, 0 E), one step, and their spectra. */
static const double PSD_A[4] = {-40, -43, INTERF_EPFD_PSD_OFF_DBW, INTERF_EPFD_PSD_OFF_DBW};
static const double PSD_B[4] = {INTERF_EPFD_PSD_OFF_DBW, -40, -46, INTERF_EPFD_PSD_OFF_DBW};
struct hand {
    struct interf_system *sys[2];
    double lat, lon;
    struct scene sc;
    const struct interf_epfd_plan *plans[2];
    struct interf_epfd_spectrum sp[2];
};

static void hand_scene(struct hand *h)
{
    h->sys[0] = system_from(HEAD "[beam b]\nantenna = a\npower_dbw = -40\n"
        "[orbit o]\ntype = elements\naltitude_km = 550\ninclination_deg = 0\nbeams = b\n");
    h->sys[1] = system_from(HEAD "[beam b]\nantenna = a\npower_dbw = -40\n"
        "[orbit o]\ntype = elements\naltitude_km = 1100\ninclination_deg = 0\nbeams = b\n");
    h->lat = 0, h->lon = 0;
    h->sc = (struct scene){NULL, es_dish(0.6), 1, &h->lat, &h->lon, INTERF_ES_AZEL, 1, 1};
    interf_earth_create(INTERF_EARTH_SPHERE, &h->sc.earth, NULL);
    for (int s = 0; s < 2; s++)
        h->plans[s] = plan_of(h->sys[s], &h->sc, 1);
    h->sp[0] = (struct interf_epfd_spectrum){4, PSD_A};
    h->sp[1] = (struct interf_epfd_spectrum){4, PSD_B};
}

static void hand_free(struct hand *h)
{
    for (int s = 0; s < 2; s++) {
        interf_epfd_plan_destroy((struct interf_epfd_plan *)h->plans[s]);
        interf_system_destroy(h->sys[s]);
    }
    interf_earth_destroy(h->sc.earth);
}

Test(epfd_channels, two_systems_four_channels_by_hand)
{
    /* Hand derivation (RR No. 22.5C.1, one transmitter on both boresights, as the zenith test
     * of test_epfd.c): a satellite straight over (0 N, 0 E), nadir beam of 35 dBi, the dish at
     * the zenith (Gr = Gr,max):  epfd = PSD + 35 - 10 log10(4 pi d^2).
     * System A at 550 km: 10 log10(4 pi (550e3)^2) = 125.79205; system B at 1100 km: 131.81265.
     * Channels (PSD dB(W/40 kHz); "-" not used):
     *   A: -40, -43, -, -      ->  -130.79205, -133.79205
     *   B:   -, -40, -46, -    ->              -136.81265, -142.81265
     * channel 1: A alone, -130.79205; channel 2: 10 log10(10^-13.379205 + 10^-13.681265)
     * = -132.03434; channel 3: B alone, -142.81265; channel 4: nothing, the floor (-300 dB,
     * 0 W/m2). Through the fp32 gain tables: within 0.01 dB (as the zenith test). */
    struct hand hs;
    hand_scene(&hs);
    const struct interf_epfd_plan *const *plans = hs.plans;
    const struct interf_epfd_spectrum *sp = hs.sp;
    struct interf_error err;
    float lin[4] = {0};
    struct interf_epfd_slice all = {0, 1, 0, 1};
    for (int s = 0; s < 2; s++)
        cr_assert(eq(int, interf_epfd_run_channels(plans[s], &all, &sp[s], lin, NULL, &err),
                     INTERF_OK), "%s", err.msg);
    const double want[3] = {-130.79205, -132.03434, -142.81265};
    for (int c = 0; c < 3; c++)
        cr_assert(epsilon_eq(dbl, db(lin[c]), want[c], 0.01), "channel %d: %.5f vs %.5f", c + 1,
                  db(lin[c]), want[c]);
    cr_assert(eq(flt, lin[3], 0.0f), "the unused channel must get nothing");

    /* The same through interf_epfd_aggregate: the 0.1 dB bins (floor of the level) of the
     * aggregate, and system B's own histogram, empty in channel 1 (its floor bin). */
    struct interf_hist_set agg, own[2];
    cr_assert(eq(int, interf_hist_set_create(4, INTERF_EPFD_NBINS, INTERF_EPFD_LEVEL_MIN, &agg,
                                             NULL), INTERF_OK));
    for (int s = 0; s < 2; s++)
        cr_assert(eq(int, interf_hist_set_create(4, INTERF_EPFD_NBINS, INTERF_EPFD_LEVEL_MIN,
                                                 &own[s], NULL), INTERF_OK));
    struct interf_epfd_chan_info info = {0};
    cr_assert(eq(int, interf_epfd_aggregate(plans, sp, 2, 0, &agg, own, NULL, &info, &err),
                 INTERF_OK), "%s", err.msg);
    const int32_t want_bin[4] = {-1308, -1321, -1429, INTERF_EPFD_LEVEL_MIN};
    for (size_t c = 0; c < 4; c++) {
        struct interf_hist h = interf_hist_set_point(&agg, c);
        cr_assert(eq(i32, interf_hist_max(&h), want_bin[c]), "channel %zu", c + 1);
        cr_assert(epsilon_eq(dbl, interf_hist_total(&h), 1, 0));
    }
    struct interf_hist hb1 = interf_hist_set_point(&own[1], 0);
    cr_assert(eq(i32, interf_hist_max(&hb1), INTERF_EPFD_LEVEL_MIN));
    struct interf_hist ha2 = interf_hist_set_point(&own[0], 1);
    cr_assert(eq(i32, interf_hist_max(&ha2), -1338)); /* -133.79205 */
    /* two products of one row (point, step) by one emitter, 4 channels: 2 (1 x 1 x 4) each */
    cr_assert(eq(u64, info.cells, 2));
    cr_assert(eq(u64, info.nnz, 2));
    cr_assert(eq(u64, info.products, 2));
    cr_assert(eq(u64, info.rows, 2));
    cr_assert(epsilon_eq(dbl, info.flop, 16, 0));
    interf_hist_set_free(&agg);
    interf_hist_set_free(&own[0]);
    interf_hist_set_free(&own[1]);
    hand_free(&hs);
}

/* A 550 km shell of 1584 satellites with two beams of different powers (a nadir beam and one
 * 10 deg off nadir toward the north), GSO-arc avoidance on: every path of the kernel that a
 * table-driven pattern takes. */
#define SHELL2                                                                                     \
    HEAD "[beam n]\nantenna = a\npower_dbw = -40\n"                                                \
         "[beam f]\nantenna = a\npower_dbw = -37\npointing = off-nadir\noff_nadir_deg = 10\n"      \
         "azimuth_deg = 0\n"                                                                       \
         "[orbit s]\ntype = walker-delta\naltitude_km = 550\ninclination_deg = 53\n"               \
         "satellites = 1584\nplanes = 72\nphasing = 65\nmin_elevation_deg = 10\n"                  \
         "gso_avoidance_deg = 10\nbeams = n, f\n"

/* 20 points between 30 and 49 deg N, 300 steps of 2 s, the dish at the point's GSO satellite */
#define NPT 20
#define NST 300L

static void scene_points(double *lat, double *lon)
{
    for (int i = 0; i < NPT; i++)
        lat[i] = 30 + i, lon[i] = 10 + 0.37 * i;
}

Test(epfd_channels, sgemm_equals_a_direct_double_loop, .timeout = 120)
{
    /* Reference: the per-beam couplings B[g, t, b] = sum over the satellites of beam b's
     * C[g, t, e] (a run with one channel per beam, that beam alone at its own power: S = the
     * identity), then the direct double loop in double, lin[g, t, c] = sum_b B[g, t, b] S[b, c]
     * with S[b, c] = 10^((psd[b][c] - P_b)/10) for 8 channels of arbitrary PSDs. The product
     * of the run (cblas_sgemm over the emitters, fp32) must match to 1e-5 relative. */
    struct interf_system *sys = system_from(SHELL2);
    double lat[NPT], lon[NPT];
    scene_points(lat, lon);
    struct scene sc = {NULL, es_dish(0.6), NPT, lat, lon, INTERF_ES_GSO_SAME, NST, 2};
    interf_earth_create(INTERF_EARTH_SPHERE, &sc.earth, NULL);
    struct interf_epfd_plan *plan = plan_of(sys, &sc, 2);
    const double pw[2] = {-40, -37}, off = INTERF_EPFD_PSD_OFF_DBW;
    const double ident[4] = {pw[0], off, off, pw[1]};
    enum { NCH = 8 };
    double psd[2 * NCH];
    for (int c = 0; c < NCH; c++) {
        psd[c] = c == 5 ? off : -40 - 1.7 * c;
        psd[NCH + c] = c == 2 ? off : -52 + 2.3 * c;
    }
    size_t nb = (size_t)NPT * NST;
    float *per_beam = calloc(nb * 2, sizeof *per_beam), *lin = calloc(nb * NCH, sizeof *lin);
    struct interf_epfd_slice all = {0, 1, 0, NST};
    struct interf_epfd_spectrum si = {2, ident}, sp = {NCH, psd};
    struct interf_error err;
    struct interf_epfd_chan_info info = {0};
    cr_assert(eq(int, interf_epfd_run_channels(plan, &all, &si, per_beam, NULL, &err),
                 INTERF_OK), "%s", err.msg);
    cr_assert(eq(int, interf_epfd_run_channels(plan, &all, &sp, lin, &info, &err), INTERF_OK),
              "%s", err.msg);
    size_t seen = 0;
    double worst = 0;
    for (size_t x = 0; x < nb; x++)
        for (int c = 0; c < NCH; c++) {
            double want = 0;
            for (int b = 0; b < 2; b++)
                if (psd[b * NCH + c] > off)
                    want += per_beam[x * 2 + b] * pow(10, (psd[b * NCH + c] - pw[b]) / 10);
            double got = lin[x * NCH + c];
            if (want == 0) {
                cr_assert(eq(dbl, got, 0), "sample %zu channel %d: %g for nothing", x, c, got);
                continue;
            }
            double rel = fabs(got - want) / want;
            worst = rel > worst ? rel : worst;
            seen++;
        }
    cr_assert(lt(dbl, worst, 1e-5), "worst relative difference %g", worst);
    cr_assert(lt(sz, nb, seen), "only %zu non-zero samples", seen);
    cr_assert(lt(u64, 0, info.nnz));
    free(per_beam), free(lin);
    interf_epfd_plan_destroy(plan);
    interf_system_destroy(sys);
    interf_earth_destroy(sc.earth);
}

Test(epfd_channels, one_channel_through_sgemm_equals_the_fused_kernel, .timeout = 120)
{
    /* Each beam at its own power in one channel: S = 1 for every emitter, so the product is the
     * fused kernel's sum of the same contributions in another order (fp32): equal within
     * 0.001 dB wherever something contributes, nothing where the fused kernel has its floor.
     * And one and two threads give the same bits (each tile's product is single-threaded). */
    struct interf_system *sys = system_from(SHELL2);
    double lat[NPT], lon[NPT];
    scene_points(lat, lon);
    struct scene sc = {NULL, es_dish(0.6), NPT, lat, lon, INTERF_ES_GSO_SAME, NST, 2};
    interf_earth_create(INTERF_EARTH_SPHERE, &sc.earth, NULL);
    struct interf_epfd_plan *p1 = plan_of(sys, &sc, 1), *p2 = plan_of(sys, &sc, 2);
    size_t nb = (size_t)NPT * NST;
    float *series = malloc(nb * sizeof *series);
    float *l1 = calloc(nb, sizeof *l1), *l2 = calloc(nb, sizeof *l2);
    struct interf_epfd_out out = {.series = series};
    struct interf_error err;
    cr_assert(eq(int, interf_epfd_run(p2, &out, NULL, NULL, &err), INTERF_OK), "%s", err.msg);
    const double own[2] = {-40, -37};
    struct interf_epfd_spectrum sp = {1, own};
    struct interf_epfd_slice all = {0, 1, 0, NST};
    cr_assert(eq(int, interf_epfd_run_channels(p1, &all, &sp, l1, NULL, &err), INTERF_OK), "%s",
              err.msg);
    cr_assert(eq(int, interf_epfd_run_channels(p2, &all, &sp, l2, NULL, &err), INTERF_OK), "%s",
              err.msg);
    cr_assert(memcmp(l1, l2, nb * sizeof *l1) == 0, "one and two threads differ");
    size_t seen = 0;
    for (size_t x = 0; x < nb; x++) {
        if (series[x] <= INTERF_EPFD_FLOOR_DB) {
            cr_assert(eq(flt, l1[x], 0.0f), "sample %zu: %g where the fused kernel has none", x,
                      l1[x]);
            continue;
        }
        cr_assert(epsilon_eq(dbl, db(l1[x]), series[x], 0.001), "sample %zu: %.5f vs %.5f", x,
                  db(l1[x]), series[x]);
        seen++;
    }
    cr_assert(lt(sz, nb / 2, seen), "only %zu samples with a contributor", seen);
    free(series), free(l1), free(l2);
    interf_epfd_plan_destroy(p1);
    interf_epfd_plan_destroy(p2);
    interf_system_destroy(sys);
    interf_earth_destroy(sc.earth);
}

Test(epfd_channels, bad_input_is_refused)
{
    /* a NaN PSD: one located message; plans over other time steps cannot be summed */
    struct interf_system *sys = system_from(HEAD "[beam b]\nantenna = a\npower_dbw = -40\n"
        "[orbit o]\ntype = elements\naltitude_km = 550\ninclination_deg = 0\nbeams = b\n");
    const double lat = 0, lon = 0;
    struct scene sc = {NULL, es_dish(0.6), 1, &lat, &lon, INTERF_ES_AZEL, 2, 1};
    interf_earth_create(INTERF_EARTH_SPHERE, &sc.earth, NULL);
    struct interf_epfd_plan *a = plan_of(sys, &sc, 1);
    sc.n_steps = 3;
    struct interf_epfd_plan *b = plan_of(sys, &sc, 1);
    const double bad[2] = {-40, NAN}, good[2] = {-40, -41};
    float lin[4] = {0};
    struct interf_epfd_slice all = {0, 1, 0, 2};
    struct interf_epfd_spectrum sp = {2, bad};
    struct interf_error err;
    cr_assert(eq(int, interf_epfd_run_channels(a, &all, &sp, lin, NULL, &err), INTERF_EINPUT));
    cr_assert(strstr(err.msg, "beam b: channel 2: PSD is not a number") != NULL, "%s", err.msg);
    const struct interf_epfd_plan *plans[2] = {a, b};
    struct interf_epfd_spectrum sps[2] = {{2, good}, {2, good}};
    struct interf_hist_set agg;
    cr_assert(eq(int, interf_hist_set_create(2, INTERF_EPFD_NBINS, INTERF_EPFD_LEVEL_MIN, &agg,
                                             NULL), INTERF_OK));
    cr_assert(eq(int, interf_epfd_aggregate(plans, sps, 2, 0, &agg, NULL, NULL, NULL, &err),
                 INTERF_EINPUT));
    cr_assert(strstr(err.msg, "not the time steps of") != NULL, "%s", err.msg);
    interf_hist_set_free(&agg);
    interf_epfd_plan_destroy(a);
    interf_epfd_plan_destroy(b);
    interf_system_destroy(sys);
    interf_earth_destroy(sc.earth);
}

Test(epfd_channels, band_plan_from_the_beams_channels)
{
    /* Beam a files two channels, beam b none (power_dbw across band_ghz 10.7-12.7). A plan of
     * four 50 MHz channels from 10.65 GHz, by hand: [10.65, 10.70] touches nothing of either
     * (bands that only touch do not overlap); [10.70, 10.75] a -40, b -40; [10.75, 10.80] a -43,
     * b -40; [10.80, 10.85] a off, b -40. One 100 MHz channel over 10.70-10.80 carries the
     * largest PSD of a inside it, -40. */
    struct interf_system *sys = system_from(HEAD
        "[beam a]\nantenna = a\npower_dbw = -40\nchannels = 10.70-10.75:-40, 10.75 - 10.80 : -43\n"
        "[beam b]\nantenna = a\npower_dbw = -40\n"
        "[orbit o]\ntype = elements\naltitude_km = 550\ninclination_deg = 0\nbeams = a, b\n");
    const double off = INTERF_EPFD_PSD_OFF_DBW;
    const double want[8] = {off, -40, -43, off, off, -40, -40, -40};
    double *psd;
    size_t n;
    struct interf_error err;
    cr_assert(eq(int, interf_epfd_spectrum_plan(sys, 10.65, 10.85, 50000, &psd, &n, &err),
                 INTERF_OK), "%s", err.msg);
    cr_assert(eq(sz, n, 4));
    for (int k = 0; k < 8; k++)
        cr_assert(eq(dbl, psd[k], want[k]), "beam %d channel %d: %g", k / 4, k % 4, psd[k]);
    free(psd);
    cr_assert(eq(int, interf_epfd_spectrum_plan(sys, 10.70, 10.80, 100000, &psd, &n, &err),
                 INTERF_OK), "%s", err.msg);
    cr_assert(eq(sz, n, 1));
    cr_assert(eq(dbl, psd[0], -40));
    free(psd);
    cr_assert(eq(int, interf_epfd_spectrum_plan(sys, 10.70, 10.80, 30000, &psd, &n, &err),
                 INTERF_EINPUT));
    cr_assert(strstr(err.msg, "not a whole number") != NULL, "%s", err.msg);
    interf_system_destroy(sys);
}

Test(epfd_channels, bad_channels_are_located)
{
    const char *bad[] = {"10.8-10.7:-40", "10.7-10.8", "10.7-10.8:x", "10.7-10.8:-400"};
    for (size_t k = 0; k < 4; k++) {
        char text[1024], path[] = "/tmp/interf-chan-XXXXXX";
        snprintf(text, sizeof text, HEAD "[beam b]\nantenna = a\npower_dbw = -40\nchannels = %s\n"
                 "[orbit o]\ntype = elements\naltitude_km = 550\nbeams = b\n", bad[k]);
        int fd = mkstemp(path);
        cr_assert(fd >= 0);
        FILE *f = fdopen(fd, "w");
        fputs(text, f);
        fclose(f);
        struct interf_system *sys = NULL;
        struct interf_error err;
        cr_assert(eq(int, interf_system_load(path, &sys, &err), INTERF_EINPUT), "%s", bad[k]);
        unlink(path);
        char where[64];
        snprintf(where, sizeof where, ":12: [beam b] channels: ");
        cr_assert(strstr(err.msg, where) != NULL, "%s", err.msg);
    }
}

Test(epfd_channels, chunks_of_steps_give_the_whole_runs_histograms, .timeout = 120)
{
    /* interf_epfd_aggregate over 300 steps in one chunk and in chunks of 128 steps (blocks of
     * 64 steps start at the same steps either way: the same products, the same bits), and the
     * histograms' totals are the steps: every sample counted once. */
    struct interf_system *sys = system_from(SHELL2);
    double lat[NPT], lon[NPT];
    scene_points(lat, lon);
    struct scene sc = {NULL, es_dish(0.6), NPT, lat, lon, INTERF_ES_GSO_SAME, NST, 2};
    interf_earth_create(INTERF_EARTH_SPHERE, &sc.earth, NULL);
    const struct interf_epfd_plan *plan = plan_of(sys, &sc, 2);
    const double psd[6] = {-40, -43, -300, -37, -300, -40};
    struct interf_epfd_spectrum sp = {3, psd};
    struct interf_hist_set one, chunked;
    struct interf_error err;
    cr_assert(eq(int, interf_hist_set_create(NPT * 3, INTERF_EPFD_NBINS, INTERF_EPFD_LEVEL_MIN,
                                             &one, NULL), INTERF_OK));
    cr_assert(eq(int, interf_hist_set_create(NPT * 3, INTERF_EPFD_NBINS, INTERF_EPFD_LEVEL_MIN,
                                             &chunked, NULL), INTERF_OK));
    cr_assert(eq(int, interf_epfd_aggregate(&plan, &sp, 1, 0, &one, NULL, NULL, NULL, &err),
                 INTERF_OK), "%s", err.msg);
    cr_assert(eq(int, interf_epfd_aggregate(&plan, &sp, 1, 128, &chunked, NULL, NULL, NULL,
                                            &err), INTERF_OK), "%s", err.msg);
    size_t n = (size_t)NPT * 3 * INTERF_EPFD_NBINS;
    cr_assert(memcmp(one.count, chunked.count, n * sizeof *one.count) == 0, "chunks differ");
    for (size_t h = 0; h < (size_t)NPT * 3; h++) {
        struct interf_hist x = interf_hist_set_point(&one, h);
        cr_assert(epsilon_eq(dbl, interf_hist_total(&x), (double)NST, 0), "histogram %zu", h);
    }
    struct interf_hist top = interf_hist_set_point(&one, 0); /* point 0, channel 1 */
    cr_assert(lt(i32, INTERF_EPFD_LEVEL_MIN, interf_hist_max(&top)), "nothing seen");
    interf_hist_set_free(&one);
    interf_hist_set_free(&chunked);
    interf_epfd_plan_destroy((struct interf_epfd_plan *)plan);
    interf_system_destroy(sys);
    interf_earth_destroy(sc.earth);
}

Test(epfd_channels, worst_channel_of_two_systems_by_hand)
{
    /* The scene of two_systems_four_channels_by_hand (one point, one step): the channels'
     * levels are -130.79205, -132.03434, -142.81265 and nothing, so the per-step maximum over
     * channels is channel 1's, in bin -130.8 dB, and channel 1 is the worst; each channel's
     * maximum is its one sample (within 0.01 dB, the fp32 gain tables), channel 4's is 0. */
    struct hand hs;
    hand_scene(&hs);
    const struct interf_epfd_plan *const *plans = hs.plans;
    const struct interf_epfd_spectrum *sp = hs.sp;
    struct interf_hist_set worst;
    float ch_max[4] = {0};
    struct interf_error err;
    cr_assert(eq(int, interf_hist_set_create(1, INTERF_EPFD_NBINS, INTERF_EPFD_LEVEL_MIN, &worst,
                                             NULL), INTERF_OK));
    cr_assert(eq(int, interf_epfd_aggregate_worst(plans, sp, 2, 0, &worst, ch_max, NULL, NULL,
                                                  &err), INTERF_OK), "%s", err.msg);
    struct interf_hist h = interf_hist_set_point(&worst, 0);
    cr_assert(eq(i32, interf_hist_max(&h), -1308));
    cr_assert(epsilon_eq(dbl, interf_hist_total(&h), 1, 0));
    const double want[3] = {-130.79205, -132.03434, -142.81265};
    for (int c = 0; c < 3; c++)
        cr_assert(epsilon_eq(dbl, db(ch_max[c]), want[c], 0.01), "channel %d", c + 1);
    cr_assert(eq(flt, ch_max[3], 0.0f));
    struct interf_epfd_bins *bins = malloc(sizeof *bins);
    interf_epfd_bins_init(bins);
    cr_assert(eq(int, interf_epfd_worst_channel(ch_max, 4, bins), 1));
    interf_hist_set_free(&worst);
    free(bins);
    hand_free(&hs);
}

Test(epfd_channels, worst_channel_ties_and_the_floor)
{
    /* By hand: 10 log10(2e-14) = -136.98970 and 10 log10(2.0001e-14) = -136.98948 fall in the
     * same 0.1 dB bin (-137.0): a tie, and the lower channel (2) is the worst although channel 3
     * holds the larger value; 1e-14 (-140 dB) is below. No emitter in view anywhere: 0. */
    struct interf_epfd_bins *bins = malloc(sizeof *bins);
    interf_epfd_bins_init(bins);
    const float tie[4] = {1e-14f, 2e-14f, 2.0001e-14f, 0};
    cr_assert(eq(int, interf_epfd_bin(bins, tie[1], NULL), interf_epfd_bin(bins, tie[2], NULL)));
    cr_assert(eq(int, interf_epfd_worst_channel(tie, 4, bins), 2));
    const float later[3] = {1e-14f, 0, 3e-14f}; /* -140, nothing, -135.2: channel 3 */
    cr_assert(eq(int, interf_epfd_worst_channel(later, 3, bins), 3));
    const float none[3] = {0, 0, 0};
    cr_assert(eq(int, interf_epfd_worst_channel(none, 3, bins), 0));
    free(bins);
}

/* A second system for grids: SHELL2's beams on a 1100 km shell. */
#define SHELL3                                                                                     \
    HEAD "[beam n]\nantenna = a\npower_dbw = -38\n"                                                \
         "[orbit s]\ntype = walker-delta\naltitude_km = 1100\ninclination_deg = 45\n"              \
         "satellites = 600\nplanes = 30\nphasing = 7\nmin_elevation_deg = 10\nbeams = n\n"

/* Plans of SHELL2 and SHELL3 over a grid of 4 x 3 cells of 2 deg (30-36 N, 8-16 E). */
static void grid_plans(const struct scene *sc, const struct interf_grid_spec *g, int threads,
                       struct interf_system *sys[2], const struct interf_epfd_plan *plans[2])
{
    struct interf_epfd_spec spec = {
        .earth = sc->earth, .es = &sc->es, .pointing = INTERF_ES_GSO_SAME, .eps_gso_deg = 10,
        .grid = g, .threads = threads};
    struct interf_error err;
    for (int s = 0; s < 2; s++) {
        struct interf_epfd_plan *p;
        spec.sys = sys[s];
        spec.window = (struct interf_time_window){interf_system_info(sys[0])->epoch_unix_s,
                                                  sc->step_s, sc->n_steps, 0};
        cr_assert(eq(int, interf_epfd_plan_create(&spec, &p, &err), INTERF_OK), "%s", err.msg);
        plans[s] = p;
    }
}

Test(epfd_channels, grid_reduction_equals_a_direct_loop_over_the_points_path, .timeout = 120)
{
    /* Reference: the points path's per-channel samples (interf_epfd_run_channels of each
     * system over every step, summed) reduced by a direct loop: at each point and step the
     * largest channel's bin (interf_epfd_bin), counted; each channel's largest value; the worst
     * channel as the highest bin of those, the lowest channel of a tie. And the per-channel
     * histograms of interf_epfd_aggregate: the maximum over channels of their max is the
     * reduction's max, and every channel's p99 is at most the reduction's (the bound the grids
     * state). Counts and maxima exact; one thread in one chunk and two threads in chunks of
     * two blocks (128 steps) the same bits. */
    struct interf_system *sys[2] = {system_from(SHELL2), system_from(SHELL3)};
    struct scene sc = {NULL, es_dish(0.6), 0, NULL, NULL, INTERF_ES_GSO_SAME, NST, 2};
    interf_earth_create(INTERF_EARTH_SPHERE, &sc.earth, NULL);
    struct interf_grid_spec g;
    cr_assert(eq(int, interf_grid_spec_init(8, 16, 30, 36, 2, &g, NULL), INTERF_OK));
    const struct interf_epfd_plan *p1[2], *p2[2];
    grid_plans(&sc, &g, 1, sys, p1);
    grid_plans(&sc, &g, 2, sys, p2);
    enum { NCH = 4, NG = 12 };
    const double off = INTERF_EPFD_PSD_OFF_DBW;
    const double psd_a[2 * NCH] = {-40, -43, -52, off, -37, -45, -38, off};
    const double psd_b[NCH] = {off, -41, -39, -44};
    struct interf_epfd_spectrum sp[2] = {{NCH, psd_a}, {NCH, psd_b}};
    size_t n = (size_t)NG * NST * NCH;
    float *lin = calloc(n, sizeof *lin);
    struct interf_epfd_slice all = {0, 1, 0, NST};
    struct interf_error err;
    for (int s = 0; s < 2; s++)
        cr_assert(eq(int, interf_epfd_run_channels(p1[s], &all, &sp[s], lin, NULL, &err),
                     INTERF_OK), "%s", err.msg);
    struct interf_epfd_bins *bins = malloc(sizeof *bins);
    interf_epfd_bins_init(bins);
    uint32_t *want = calloc((size_t)NG * INTERF_EPFD_NBINS, sizeof *want);
    float want_max[NG * NCH] = {0};
    int want_ch[NG] = {0}, worst_seen[NCH + 1] = {0};
    for (size_t i = 0; i < NG; i++) {
        int best = -1;
        for (size_t t = 0; t < NST; t++) {
            int top = 0;
            for (size_t c = 0; c < NCH; c++) {
                float v = lin[(i * NST + t) * NCH + c];
                int b = interf_epfd_bin(bins, v, NULL);
                top = b > top ? b : top;
                if (v > want_max[i * NCH + c])
                    want_max[i * NCH + c] = v;
            }
            want[i * INTERF_EPFD_NBINS + (size_t)top]++;
        }
        for (size_t c = 0; c < NCH; c++) {
            int b = interf_epfd_bin(bins, want_max[i * NCH + c], NULL);
            if (b > 0 && b > best)
                best = b, want_ch[i] = (int)c + 1;
        }
        worst_seen[want_ch[i]] = 1;
    }
    struct interf_hist_set w1, w2, per;
    float *m1 = calloc(NG * NCH, sizeof *m1), *m2 = calloc(NG * NCH, sizeof *m2);
    cr_assert(eq(int, interf_hist_set_create(NG, INTERF_EPFD_NBINS, INTERF_EPFD_LEVEL_MIN, &w1,
                                             NULL), INTERF_OK));
    cr_assert(eq(int, interf_hist_set_create(NG, INTERF_EPFD_NBINS, INTERF_EPFD_LEVEL_MIN, &w2,
                                             NULL), INTERF_OK));
    cr_assert(eq(int, interf_hist_set_create(NG * NCH, INTERF_EPFD_NBINS, INTERF_EPFD_LEVEL_MIN,
                                             &per, NULL), INTERF_OK));
    cr_assert(eq(int, interf_epfd_aggregate_worst(p1, sp, 2, 0, &w1, m1, NULL, NULL, &err),
                 INTERF_OK), "%s", err.msg);
    cr_assert(eq(int, interf_epfd_aggregate_worst(p2, sp, 2, 128, &w2, m2, NULL, NULL, &err),
                 INTERF_OK), "%s", err.msg);
    cr_assert(eq(int, interf_epfd_aggregate(p1, sp, 2, 0, &per, NULL, NULL, NULL, &err),
                 INTERF_OK), "%s", err.msg);
    cr_assert(memcmp(w1.count, want, (size_t)NG * INTERF_EPFD_NBINS * sizeof *want) == 0,
              "the histograms of the maximum over channels differ from the direct loop");
    cr_assert(memcmp(m1, want_max, sizeof want_max) == 0, "channel maxima differ");
    cr_assert(memcmp(w1.count, w2.count, (size_t)NG * INTERF_EPFD_NBINS * 4) == 0 &&
              memcmp(m1, m2, NG * NCH * sizeof *m1) == 0, "one and two threads differ");
    const struct interf_stat p99 = {.kind = INTERF_STAT_PCT, .arg = 99};
    for (size_t i = 0; i < NG; i++) {
        cr_assert(eq(int, interf_epfd_worst_channel(m1 + i * NCH, NCH, bins), want_ch[i]),
                  "point %zu", i);
        struct interf_hist hw = interf_hist_set_point(&w1, i);
        int32_t top = INTERF_EPFD_LEVEL_MIN;
        for (size_t c = 0; c < NCH; c++) {
            struct interf_hist hc = interf_hist_set_point(&per, i * NCH + c);
            top = interf_hist_max(&hc) > top ? interf_hist_max(&hc) : top;
            cr_assert(le(dbl, interf_stat_hist(&p99, &hc), interf_stat_hist(&p99, &hw)),
                      "point %zu channel %zu above the bound", i, c + 1);
        }
        cr_assert(eq(i32, interf_hist_max(&hw), top), "point %zu", i);
        cr_assert(lt(i32, INTERF_EPFD_LEVEL_MIN, top), "point %zu: nothing in view", i);
    }
    cr_assert(eq(int, worst_seen[0], 0), "a point without a worst channel");
    cr_assert(eq(int, worst_seen[1] + worst_seen[2] + worst_seen[3] + worst_seen[4] > 1, 1),
              "one channel is the worst everywhere: the case does not test the choice");
    interf_hist_set_free(&w1), interf_hist_set_free(&w2), interf_hist_set_free(&per);
    free(lin), free(want), free(bins), free(m1), free(m2);
    for (int s = 0; s < 2; s++) {
        interf_epfd_plan_destroy((struct interf_epfd_plan *)p1[s]);
        interf_epfd_plan_destroy((struct interf_epfd_plan *)p2[s]);
        interf_system_destroy(sys[s]);
    }
    interf_earth_destroy(sc.earth);
}

Test(epfd_channels, grid_memory_is_planned_before_the_run)
{
    /* A 1 deg global grid of cell centres at every whole degree (360 x 181 cells) of 64
     * channels of 250 MHz (10.7-26.7 GHz), two systems, by hand: 256 MiB hold 16 steps of
     * 65160 x 64 floats, less than a block: chunks of one block, 64 steps; 65160 points x
     * (2201 bins + 64 channel maxima) x 4 bytes = 590 349 600, the chunk 65160 x 64 x 64 x 4 =
     * 1 067 581 440, the two plans' points 2 x 160 x 65160 = 20 851 200: 1 678 782 240 bytes,
     * far under 4 GiB. At points (no grid, --per-system) the per-channel histograms. */
    struct interf_system *s = system_from(SHELL3);
    struct interf_system *const sys[2] = {s, s};
    const struct interf_grid_spec g = {360, 181, -180, -90, 1};
    struct interf_epfd_mix_request q = {.n_sys = 2, .sys = sys, .lo_ghz = 10.7, .hi_ghz = 26.7,
                                        .channel_khz = 250000};
    q.base.grid = &g;
    cr_assert(epsilon_eq(dbl, interf_epfd_mix_request_bytes(&q), 1678782240.0, 0));
    cr_assert(lt(dbl, interf_epfd_mix_request_bytes(&q), 4.0 * 1073741824.0));
    /* 3 points, 100 steps, 64 channels, per system: 3 x 64 x 2201 x 4 x 3 histograms, two
     * buffers of 3 x 100 x 64 x 4, the plans 2 x 160 x 3 */
    q.base.grid = NULL, q.base.n_points = 3, q.base.n_steps = 100, q.per_system = 1;
    cr_assert(epsilon_eq(dbl, interf_epfd_mix_request_bytes(&q),
                         3 * 64 * 2201 * 4.0 * 3 + 2 * 3 * 100 * 64 * 4.0 + 2 * 160 * 3.0, 0));
    /* each system's own histograms are for points: refused on a grid, before any planning */
    struct interf_epfd_mix *m = NULL;
    struct interf_error err;
    q.base.grid = &g;
    cr_assert(eq(int, interf_epfd_mix_plan(&q, &m, &err), INTERF_EINPUT));
    cr_assert(eq(str, err.msg, "per_system: at points only, not on a grid"));
    cr_assert(eq(ptr, m, NULL));
    interf_system_destroy(s);
}
