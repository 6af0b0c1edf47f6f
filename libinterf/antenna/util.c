/* SPDX-License-Identifier: MIT */
/* interf antenna: the small helpers every pattern file shares (dB of a ratio, D/lambda, azimuth
 * wrapping, the zeros of J1 for Bessel main lobes, a pattern's breakpoints for its lookup
 * table, the index of a value in a discrete set). */
#include "antenna_impl.h"

#include <math.h>
#include <stddef.h>

int ant_set_index(double v, const double *set, int n)
{
    for (int i = 0; i < n; i++)
        if (v == set[i])
            return i;
    return -1;
}

double ant_dlambda(const struct interf_antenna *ant, double diameter_m)
{
    return diameter_m / (INTERF_C_M_S / (ant->freq_ghz * 1e9));
}

double ant_wrap360(double az_deg)
{
    double a = fmod(az_deg, 360.0);
    if (a < 0.0)
        a += 360.0;
    return a >= 360.0 ? 0.0 : a;
}

double ant_db(double lin)
{
    return lin > 1e-30 ? 10.0 * log10(lin) : -300.0;
}

/* McMahon's expansion for the k-th zero of J1 (Abramowitz & Stegun 9.5.12 with mu = 4):
 * beta - 3/(8 beta) + 36/(3 (8 beta)^3) ..., beta = (k + 1/4) pi; Newton with
 * J1'(x) = J0(x) - J1(x)/x polishes it to full precision. */
void ant_j1_roots(int n, double *out)
{
    for (int k = 1; k <= n; k++) {
        double beta = (k + 0.25) * INTERF_PI, b8 = 8.0 * beta;
        double x = beta - 3.0 / b8 + 4.0 * 3.0 * 3.0 / (3.0 * b8 * b8 * b8);
        for (int it = 0; it < 20; it++) {
            double f = j1(x), df = j0(x) - f / x;
            double dx = f / df;
            x -= dx;
            if (fabs(dx) < 1e-15 * x)
                break;
        }
        out[k - 1] = x;
    }
}

void ant_brk_add(struct ant_brk *out, size_t max, size_t *n, double phi_deg, int step)
{
    if (*n < max && phi_deg > 0.0 && phi_deg < 180.0) {
        out[*n].phi_deg = phi_deg;
        out[*n].step = step;
        (*n)++;
    }
}
