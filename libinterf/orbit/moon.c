/* SPDX-License-Identifier: MIT */
/* The Moon's geocentric state in GCRF from ERFA's eraMoon98 (Meeus, Astronomical Algorithms,
 * 2nd ed., 1998, ch. 47, as implemented by IAU SOFA). */
#include "interf/orbit.h"

#include <erfa.h>
#include <erfam.h>

void interf_moon_gcrf(const struct interf_jd *tt, double r_km[3], double v_km_s[3])
{
    double pv[2][3];
    eraMoon98(tt->d1, tt->d2, pv);
    /* eraMoon98 gives au and au/day (ERFA_DAU is the au in metres) */
    for (int k = 0; k < 3; k++) {
        r_km[k] = pv[0][k] * (ERFA_DAU / 1000.0);
        if (v_km_s)
            v_km_s[k] = pv[1][k] * (ERFA_DAU / 1000.0 / ERFA_DAYSEC);
    }
}
