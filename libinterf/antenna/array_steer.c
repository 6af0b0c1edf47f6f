/* SPDX-License-Identifier: MIT */
/* interf antenna: M.2101 arrays steered to a direction (Rec. ITU-R M.2101-0 (02/2017) Annex 1
 * §5, Table 4): a direction in the array's own angles, and the (escan, etilt) that put the array
 * factor's peak on it. */
#include "antenna_impl.h"

#include <math.h>

static double dot3(const double a[3], const double b[3])
{
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

void interf_m2101_direction(const double normal[3], const double horizontal[3],
                            const double vertical[3], const double u[3], double *azimuth_deg,
                            double *elevation_deg)
{
    double r = sqrt(dot3(u, u)), z = dot3(u, vertical) / r;
    *azimuth_deg = atan2(dot3(u, horizontal), dot3(u, normal)) / INTERF_DEG;
    *elevation_deg = asin(z > 1 ? 1 : z < -1 ? -1 : z) / INTERF_DEG;
}

void interf_m2101_steer(const double normal[3], const double horizontal[3],
                        const double vertical[3], const double aim[3], double *escan_deg,
                        double *etilt_deg)
{
    double el;
    interf_m2101_direction(normal, horizontal, vertical, aim, escan_deg, &el);
    /* M.2101-0 Table 4: etilt is positive downwards, toward negative elevation. */
    *etilt_deg = -el;
}
