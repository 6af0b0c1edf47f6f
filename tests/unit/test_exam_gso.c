/* SPDX-License-Identifier: MIT */
/* Tests of the GSO system of WCG(up), Rec. ITU-R S.1503-4 §D3.2.2 Tables 8-10 and 16
 * (interf/exam.h). */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>

#include "interf/exam.h"

Test(exam_gso, table_9_from_its_equations)
{
    /* Table 9 as printed in S.1503-4 (transcribed in itu-reference §3.3, which reproduced it
     * from the §D3.2.2 equations): phi_EOC 8.567 / 8.567 / 8.172, phi_BS 7.817 / 6.567 / 7.397,
     * chi_BS 56.230 / 42.552 / 50.934 deg, to the table's 3 decimals; Table 16 peak gains
     * 41.0 / 32.4 / 40.7 dBi. */
    const double eoc[3] = {8.567, 8.567, 8.172}, bs[3] = {7.817, 6.567, 7.397};
    const double chi[3] = {56.230, 42.552, 50.934}, g[3] = {41.0, 32.4, 40.7};
    const double f[3] = {6000, 14000, 20000};
    for (int k = 0; k < 3; k++) {
        struct interf_gso_up u;
        interf_exam_gso_up(interf_gso_band_of(f[k]), &u);
        cr_assert(epsilon_eq(dbl, u.phi_eoc_deg, eoc[k], 5e-4), "band %d: %.5f", k,
                  u.phi_eoc_deg);
        cr_assert(epsilon_eq(dbl, u.phi_bs_deg, bs[k], 5e-4), "band %d: %.5f", k, u.phi_bs_deg);
        cr_assert(epsilon_eq(dbl, u.chi_bs_deg, chi[k], 5e-4), "band %d: %.5f", k, u.chi_bs_deg);
        cr_assert(epsilon_eq(dbl, u.gmax_dbi, g[k], 0));
    }
    cr_assert(eq(int, interf_gso_band_of(9999.9), INTERF_GSO_BAND_BELOW_10));
    cr_assert(eq(int, interf_gso_band_of(10000), INTERF_GSO_BAND_10_17));
    cr_assert(eq(int, interf_gso_band_of(17000), INTERF_GSO_BAND_FROM_17));
}

Test(exam_gso, table_10_pade_fit)
{
    /* y(0) = a for every column (Table 10). By hand for 4 deg at x = 20: numerator
     * 0.02768042 + 0.2551192 + 0.00556248 - 0.03111904 + 0.004542208 = 0.26178531,
     * denominator 1 - 0.66055964 + 0.1739992 = 0.51343956, y = -133.536851 + 0.5098657 =
     * -133.026985. The two 1.55 deg columns meet at 35 deg within 0.01 dB (-133.3213 and
     * -133.3286): the table's branches are read the right way round. */
    cr_assert(epsilon_eq(dbl, interf_exam_f672_db(4, 0), -133.536851, 1e-12));
    cr_assert(epsilon_eq(dbl, interf_exam_f672_db(1.55, 0), -133.323814, 1e-12));
    cr_assert(epsilon_eq(dbl, interf_exam_f672_db(1.5, 0), -142.1952459, 1e-12));
    cr_assert(epsilon_eq(dbl, interf_exam_f672_db(4, 20), -133.026985, 1e-6));
    double below = interf_exam_f672_db(1.55, 35 - 1e-9), above = interf_exam_f672_db(1.55, 35);
    cr_assert(epsilon_eq(dbl, below, -133.321349, 1e-6));
    cr_assert(epsilon_eq(dbl, above, -133.328616, 1e-6));
    cr_assert(isnan(interf_exam_f672_db(2.0, 10)));
}
