/* SPDX-License-Identifier: MIT */
/* Satellite patterns beyond test_antenna.c: Rec. ITU-R S.1528 recommends 1.3 (LEO) and 1.4
 * (Taylor-illuminated aperture, with its Bessel roots), and the elliptical beam of recommends
 * 1.2 as a function of the azimuth about the boresight. Every expected value names its source;
 * "hand" values are derivations from the Recommendation's equations, written out. */
#include "test_antenna_util.h"

#include "antenna/antenna_impl.h"

/* ============================================================================ S.1528 rec. 1.3 */

/* Hand (Gm = 35 dBi, psi_b = 0.8 deg, LS = -6.75 dB, LF = 5 dBi; no independent test values
 * were found, so these catch typos, not misreadings):
 * Y = 1.5 psi_b = 1.2 deg, Z = Y 10^(0.04 (35 - 6.75 - 5)) = 1.2 * 10^0.93 = 10.213656 deg;
 * 0 -> 35; 0.8 -> 35 - 3 = 32 (the -3 dB point); 1.2 -> 35 - 3 * 1.5^2 = 28.25;
 * 2 -> 28.25 - 25 log(2/1.2) = 22.703781; 5 -> 28.25 - 25 log(5/1.2) = 12.755281;
 * 10 -> 28.25 - 25 log(10/1.2) = 5.229531; 20 and 180 -> LF = 5. */
Test(antenna_sat, s1528_13_values_across_its_regions)
{
    struct interf_antenna a =
        ta_make("S.1528:1.3", "gain_max_dbi", 35.0, "half_beamwidth_deg", 0.8, NULL);
    static const double phi[8] = {0, 0.8, 1.2, 2, 5, 10, 20, 180};
    static const double want[8] = {35, 32, 28.25, 22.703781259591, 12.755281042790,
                                   5.229531151191, 5, 5};
    for (int i = 0; i < 8; i++)
        ta_gain(&a, phi[i], want[i], 1e-9, "S.1528 rec. 1.3");
    cr_assert(eq(dbl, a.gain_max_dbi, 35.0));
    cr_assert(eq(dbl, a.value[2], -6.75), "LS default -6.75 dB");
    cr_assert(eq(dbl, a.value[3], 5.0), "LF default 5 dBi");
}

/* rec. 1.3 is continuous by construction: at Y, Gm - 3 (1.5)^2 = Gm - 6.75 = Gm + LS; at Z the
 * slope reaches LF (Z is defined so). With LS = -10 the text's pattern steps by -3.25 dB at Y. */
Test(antenna_sat, s1528_13_boundaries)
{
    struct interf_antenna a =
        ta_make("S.1528:1.3", "gain_max_dbi", 35.0, "half_beamwidth_deg", 0.8, NULL);
    ta_step(&a, 1.2, 0.0, 1e-9, "rec. 1.3 at Y");
    ta_step(&a, 1.2 * pow(10.0, 0.93), 0.0, 1e-9, "rec. 1.3 at Z");
    struct interf_antenna b = ta_make("S.1528:1.3", "gain_max_dbi", 35.0, "half_beamwidth_deg",
                                      0.8, "ls_db", -10.0, NULL);
    ta_step(&b, 1.2, -10.0 + 6.75, 1e-9, "rec. 1.3 at Y with LS -10");
}

/* ============================================================================ S.1528 rec. 1.4 */

/* The zeros of J1, Abramowitz & Stegun Table 9.5 (j_{1,s}, s = 1..5): 3.831705970,
 * 7.015586670, 10.173468135, 13.323691936, 16.470630051. Computed by Newton from McMahon's
 * expansion, not tabulated in the library. */
Test(antenna_sat, j1_roots_match_abramowitz_stegun)
{
    static const double as[5] = {3.831705970, 7.015586670, 10.173468135, 13.323691936,
                                 16.470630051};
    double r[40];
    ant_j1_roots(40, r);
    for (int i = 0; i < 5; i++)
        cr_assert(epsilon_eq(dbl, r[i], as[i], 1e-9), "j_1,%d = %.12g", i + 1, r[i]);
    /* far roots: J1 vanishes there and they are spaced by about pi */
    for (int i = 5; i < 40; i++) {
        cr_assert(fabs(j1(r[i])) < 1e-12, "J1(j_1,%d) = %g", i + 1, j1(r[i]));
        cr_assert(epsilon_eq(dbl, r[i] - r[i - 1], INTERF_PI, 0.01));
    }
}

/* Radio-Spectrum/SHARC @65bac3b, tests/test_antenna_s1528.py::test_calculate_params_bessel,
 * citing the examples of S.1528-5 Annex 2 for recommends 1.4: SLR = 20 dB, nbar = 4 give
 * A = 0.95277 (tol 1e-5), sigma = 1.1692 (tol 1e-4), mu_1..3 = 1.219, 2.233, 3.238 (tol 1e-3).
 * White-box: derived[] holds A, sigma, k Lr, Lt/Lr, then mu_i from index 8 (satellite.c). */
Test(antenna_sat, s1528_14_taylor_constants_match_sharc)
{
    struct interf_antenna a = ta_make("S.1528:1.4", "gain_max_dbi", 35.0, "lr_m", 1.0,
                                      "frequency_ghz", 12.0, NULL);
    cr_assert(epsilon_eq(dbl, a.derived[0], 0.95277, 1e-5), "A = %.8g", a.derived[0]);
    cr_assert(epsilon_eq(dbl, a.derived[1], 1.1692, 1e-4), "sigma = %.8g", a.derived[1]);
    static const double mu[3] = {1.219, 2.233, 3.238};
    for (int i = 0; i < 3; i++)
        cr_assert(epsilon_eq(dbl, a.derived[8 + i], mu[i], 1e-3), "mu_%d = %.8g", i + 1,
                  a.derived[8 + i]);
    cr_assert(eq(dbl, a.value[2], 1.0), "lt_m 0 means Lt = Lr");
}

/* Hand (an independent evaluation of the same formula: J1 by its power series in Python,
 * sum (-1)^k (u/2)^(2k+1)/(k!(k+1)!), Taylor product with A = 0.95277242, sigma = 1.16918565,
 * mu = 1.21966989, 2.23313059, 3.23831548): Gmax = 35 dBi, Lr = Lt = 1 m, f = 12 GHz
 * (pi/lambda = 125.7491 /m), u = 125.7491 sin(theta):
 * 0 -> 35; 0.2 -> 34.790427; 0.5 -> 33.663254; 1 -> 29.179089 (near -6 dB);
 * 1.5 -> 18.574328; 2.5 -> 13.148155 (first side lobe); 3 -> -11.476445; 5 -> 9.895795;
 * 10 -> -1.486112. */
Test(antenna_sat, s1528_14_values_hand)
{
    struct interf_antenna a = ta_make("S.1528:1.4", "gain_max_dbi", 35.0, "lr_m", 1.0,
                                      "frequency_ghz", 12.0, NULL);
    static const double th[9] = {0, 0.2, 0.5, 1, 1.5, 2.5, 3, 5, 10};
    static const double want[9] = {35,          34.790427142, 33.663254430,
                                   29.179089127, 18.574327981, 13.148154613,
                                   -11.476444627, 9.895794961, -1.486112427};
    for (int i = 0; i < 9; i++)
        ta_gain(&a, th[i], want[i], 1e-6, "S.1528 rec. 1.4");
}

/* The pattern's zeros: the taper's at u_i = pi sigma sqrt(A^2 + (i - 1/2)^2), i < nbar
 * (first: u = 3.95213, theta = 1.801064 deg by hand), where the gain plunges; at u = pi mu_1 =
 * j_1,1 the J1 zero is cancelled by the product's denominator: the field is finite and smooth
 * there (no null, no step): hand (the Python evaluation above, 1e-6 on either side and
 * averaged) 1.97800 dBi, 33 dB down only because the taper's first null is near. */
Test(antenna_sat, s1528_14_nulls_and_removable_singularity)
{
    struct interf_antenna a = ta_make("S.1528:1.4", "gain_max_dbi", 35.0, "lr_m", 1.0,
                                      "frequency_ghz", 12.0, NULL);
    double g_null = interf_antenna_gain_dbi(&a, 1.8010643517);
    cr_assert(g_null < 35.0 - 60.0, "first null: %g dBi", g_null);
    double k = INTERF_PI / (INTERF_C_M_S / 12e9);
    double th = asin(3.8317059702075 / k) / INTERF_DEG;
    double g0 = interf_antenna_gain_dbi(&a, th);
    double gm = interf_antenna_gain_dbi(&a, th * (1 - 1e-6));
    double gp = interf_antenna_gain_dbi(&a, th * (1 + 1e-6));
    cr_assert(epsilon_eq(dbl, g0, 1.97800, 2e-4), "G at pi mu_1 = %.8g", g0);
    cr_assert(epsilon_eq(dbl, g0, 0.5 * (gm + gp), 1e-4), "smooth through pi mu_1");
}

/* Design properties, independent of any implementation: nbar = 1 leaves 2 J1(u)/u, the uniform
 * circular aperture, whose first side lobe peaks 17.57 dB below the main beam (Airy pattern,
 * e.g. Balanis, Antenna Theory, Table 12.2: -17.6 dB); a Taylor taper with SLR = 20 dB holds its
 * near-in side lobes near -SLR (Taylor 1960; with nbar = 4 the first sits at -20.7 dB, the
 * taper's small-nbar departure), far below the Airy level. Peaks searched on a 0.001 deg grid
 * past the first null. */
static double first_side_lobe(const struct interf_antenna *a)
{
    double best = -400.0, prev = 1e9;
    int past_null = 0;
    for (double th = 0.001; th < 6.0; th += 0.001) {
        double g = interf_antenna_gain_dbi(a, th) - a->gain_max_dbi;
        if (!past_null && g > prev)
            past_null = 1;
        if (past_null) {
            if (g < best - 1.0)
                break; /* past the first side lobe */
            best = fmax(best, g);
        }
        prev = g;
    }
    return best;
}

Test(antenna_sat, s1528_14_side_lobes_airy_and_taylor)
{
    struct interf_antenna airy = ta_make("S.1528:1.4", "gain_max_dbi", 35.0, "lr_m", 1.0,
                                         "nbar", 1.0, "frequency_ghz", 12.0, NULL);
    struct interf_antenna tay = ta_make("S.1528:1.4", "gain_max_dbi", 35.0, "lr_m", 1.0,
                                        "frequency_ghz", 12.0, NULL);
    cr_assert(epsilon_eq(dbl, first_side_lobe(&airy), -17.57, 0.02), "Airy side lobe %g",
              first_side_lobe(&airy));
    cr_assert(epsilon_eq(dbl, first_side_lobe(&tay), -20.0, 1.0), "Taylor side lobe %g",
              first_side_lobe(&tay));
}

/* The aperture's extent by azimuth: u scales with sqrt((Lr cos chi)^2 + (Lt sin chi)^2), so
 * with Lt = 2 Lr the gain at azimuth 90 deg and theta equals the azimuth-0 gain at
 * asin(2 sin theta); at azimuth 0 it is the circular aperture of extent Lr. The front lobes
 * repeat behind (u depends on sin theta): G(180 - theta) = G(theta). */
Test(antenna_sat, s1528_14_non_circular_aperture_by_azimuth)
{
    struct interf_antenna e = ta_make("S.1528:1.4", "gain_max_dbi", 35.0, "lr_m", 1.0, "lt_m",
                                      2.0, "frequency_ghz", 12.0, NULL);
    struct interf_antenna c = ta_make("S.1528:1.4", "gain_max_dbi", 35.0, "lr_m", 1.0,
                                      "frequency_ghz", 12.0, NULL);
    cr_assert(interf_antenna_azimuthal(&e) && !interf_antenna_azimuthal(&c));
    for (double th = 0.1; th < 20.0; th += 0.7) {
        double t2 = asin(2.0 * sin(th * INTERF_DEG)) / INTERF_DEG;
        ta_gain2(&e, th, 90.0, interf_antenna_gain_dbi(&c, t2), 1e-9, "Lt = 2 Lr at 90 deg");
        ta_gain2(&e, th, 0.0, interf_antenna_gain_dbi(&c, th), 1e-12, "Lt = 2 Lr at 0 deg");
        ta_gain(&c, 180.0 - th, interf_antenna_gain_dbi(&c, th), 1e-9, "back = front");
    }
}

Test(antenna_sat, s1528_14_keys_checked)
{
    struct interf_antenna a;
    struct interf_error err = {INTERF_OK, ""};
    ta_expect_einput(ta_try(&a, &err, "S.1528:1.4", "gain_max_dbi", 35.0, "lr_m", 1.0, "nbar",
                            2.5, "frequency_ghz", 12.0, NULL),
                     &err, "nbar: 2.5: must be an integer");
    ta_expect_einput(ta_try(&a, &err, "S.1528:1.4", "gain_max_dbi", 35.0, "lr_m", 0.0,
                            "frequency_ghz", 12.0, NULL),
                     &err, "lr_m: 0: allowed range 0 to 100 m (0 excluded)");
    ta_expect_einput(ta_try(&a, &err, "S.1528:1.4", "gain_max_dbi", 35.0, "lr_m", 1.0, NULL),
                     &err, "frequency_ghz: required");
}

/* ================================================================ S.1528 rec. 1.2, elliptical */

/* The elliptical beam by azimuth: psi_b(chi) = psi_b / sqrt(cos^2 chi + z^2 sin^2 chi), the
 * ellipse through psi_b on the major axis (chi = 0) and psi_b / z on the minor axis. Hand
 * (Gm = 39, LN = -20, z = 2, psi_b = 2 deg): a = 2.58 sqrt(1 - log 2) = 2.156998; at chi = 45
 * deg q = sqrt(0.5 + 2) = 1.581139, psi_b = 1.264911 deg:
 *   1 -> 39 - 3 (1/1.264911)^1.5 = 36.891220 (main lobe);
 *   3 (a psi_b = 2.728406 < 3 <= 0.5 b psi_b = 3.997119) -> 39 - 20 + 20 log 2 = 25.020600;
 *   5 (<= b psi_b = 7.994238) -> 19;
 *   10 -> 19 - 25 log(10/7.994238) = 16.569427;
 *   Y = b psi_b 10^(0.04 * 19) = 46.002038: 50 -> LF = 0;
 *   100 -> LB = max(15 - 20 + 9.75 + 5 log 2, 0) = 6.255150. */
Test(antenna_sat, s1528_12_elliptical_by_azimuth_hand)
{
    struct interf_antenna a = ta_make("S.1528:1.2", "gain_max_dbi", 39.0, "half_beamwidth_deg",
                                      2.0, "z", 2.0, NULL);
    static const double phi[6] = {1, 3, 5, 10, 50, 100};
    static const double want[6] = {36.891220, 25.020600, 19, 16.569427, 0, 6.255150};
    for (int i = 0; i < 6; i++)
        ta_gain2(&a, phi[i], 45.0, want[i], 2e-6, "S.1528 rec. 1.2, z = 2, azimuth 45");
    /* the minor axis is the major axis of a beam z times narrower, at every azimuth symmetry */
    struct interf_antenna narrow = ta_make("S.1528:1.2", "gain_max_dbi", 39.0,
                                           "half_beamwidth_deg", 1.0, "z", 2.0, NULL);
    for (double p = 0.05; p < 180.0; p += 0.37) {
        double g90 = interf_antenna_gain2_dbi(&a, p, 90.0);
        ta_gain2(&narrow, p, 0.0, g90, 1e-9, "minor axis");
        ta_gain2(&a, p, 270.0, g90, 1e-9, "symmetric about the major axis");
        ta_gain2(&a, p, 135.0, interf_antenna_gain2_dbi(&a, p, 45.0), 1e-9, "mirror");
        ta_gain2(&a, p, 0.0, interf_antenna_gain_dbi(&a, p), 0.0, "azimuth 0 is the 1-D gain");
    }
    cr_assert(interf_antenna_azimuthal(&a));
    struct interf_antenna circ =
        ta_make("S.1528:1.2", "gain_max_dbi", 39.0, "half_beamwidth_deg", 2.0, NULL);
    cr_assert(eq(int, interf_antenna_azimuthal(&circ), 0), "z = 1 is axisymmetric");
}

/* Steps of the elliptical beam at azimuth 45 deg (hand, values above): at a psi_b(45) =
 * 2.728406 from 39 - 3 a^1.5 = 29.496 to the shoulder 25.0206, a real step of
 * 20 log 2 - 20 + 3 a^1.5 = -4.475656 dB; at 0.5 b psi_b = 3.997119 from the shoulder to Gm + LN,
 * -20 log z = -6.0206 dB; at b psi_b continuous (X - 25 log(b psi_b) = Gm + LN); at 90 deg LF to
 * LB, +6.255150 dB. */
Test(antenna_sat, s1528_12_elliptical_steps)
{
    struct interf_antenna a = ta_make("S.1528:1.2", "gain_max_dbi", 39.0, "half_beamwidth_deg",
                                      2.0, "z", 2.0, NULL);
    double q = sqrt(2.5), psib = 2.0 / q, aa = 2.58 * sqrt(1.0 - log10(2.0));
    double steps[4][2] = {{aa * psib, 20.0 * log10(2.0) - 20.0 + 3.0 * pow(aa, 1.5)},
                          {0.5 * 6.32 * psib, -20.0 * log10(2.0)},
                          {6.32 * psib, 0.0},
                          {90.0, 6.255150}};
    for (int i = 0; i < 4; i++) {
        double x = steps[i][0];
        double got = interf_antenna_gain2_dbi(&a, x * (1 + 1e-12), 45.0) -
                     interf_antenna_gain2_dbi(&a, x * (1 - 1e-12), 45.0);
        cr_assert(epsilon_eq(dbl, got, steps[i][1], 2e-6), "step %d at %g: %g, want %g", i, x,
                  got, steps[i][1]);
    }
}
