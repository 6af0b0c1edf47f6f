/* SPDX-License-Identifier: MIT */
/* The GSO system assumed by the WCG of epfd up, Rec. ITU-R S.1503-4 (09/2023) §D3.2.2:
 * Table 8 (beamwidth, minimum elevation), Table 9 (evaluated from its equations), Table 16
 * (S.672 peak gain) and the Pade fit F672 of Table 10. */
#include <math.h>

#include "exam_impl.h"

enum interf_gso_band interf_gso_band_of(double freq_mhz)
{
    return freq_mhz < 10000 ? INTERF_GSO_BAND_BELOW_10
           : freq_mhz < 17000 ? INTERF_GSO_BAND_10_17 : INTERF_GSO_BAND_FROM_17;
}

void interf_exam_gso_up(enum interf_gso_band band, struct interf_gso_up *out)
{
    static const double beam[3] = {1.5, 4.0, 1.55}, eps[3] = {10, 10, 20}; /* Table 8 */
    static const double gmax[3] = {41.0, 32.4, 40.7};                      /* Table 16 */
    int k = band == INTERF_GSO_BAND_BELOW_10 ? 0 : band == INTERF_GSO_BAND_10_17 ? 1 : 2;
    out->beamwidth_deg = beam[k];
    out->eps_eoc_deg = eps[k];
    out->gmax_dbi = gmax[k];
    /* §D3.2.2, Fig. 19 */
    double phi_eoc = asin(INTERF_RE_KM / INTERF_RGEO_KM * cos(eps[k] * INTERF_DEG));
    double phi_bs = phi_eoc - beam[k] / 2 * INTERF_DEG;
    double psi = INTERF_PI - asin(INTERF_RGEO_KM / INTERF_RE_KM * sin(phi_bs));
    out->phi_eoc_deg = phi_eoc / INTERF_DEG;
    out->phi_bs_deg = phi_bs / INTERF_DEG;
    out->chi_bs_deg = (INTERF_PI - phi_bs - psi) / INTERF_DEG;
}

double interf_exam_f672_db(double beamwidth_deg, double x_deg)
{
    /* Table 10: a .. h per column */
    static const double col[4][8] = {
        {-133.536851, 0.001384021, 0.000637798, 6.9531e-07, -1.94494e-07, 1.41944e-09,
         -0.033027982, 0.000434998},                                        /* 4 deg */
        {-133.323814, 0.017909858, -0.011981864, 0.002350044, -4.61428e-05, -3.30e-07,
         -0.408584467, 0.054553642},                                        /* 1.55, x < 35 */
        {-133.323814, 0.02314611, -0.001336397, 2.26511e-05, -6.95017e-08, -7.75011e-10,
         -0.036720978, 0.000370144},                                        /* 1.55, x > 35 */
        {-142.1952459, -0.001235207, 0.00121213, -4.77102e-05, 6.5926e-07, -2.83069e-09,
         -0.033787173, 0.000306156}};                                       /* 1.5 deg */
    int k;
    if (fabs(beamwidth_deg - 4.0) < 1e-9)
        k = 0;
    else if (fabs(beamwidth_deg - 1.55) < 1e-9)
        k = x_deg < 35 ? 1 : 2;
    else if (fabs(beamwidth_deg - 1.5) < 1e-9)
        k = 3;
    else
        return NAN;
    const double *p = col[k], x = x_deg;
    double num = x * (p[1] + x * (p[2] + x * (p[3] + x * (p[4] + x * p[5]))));
    return p[0] + num / (1 + x * (p[6] + x * p[7]));
}
