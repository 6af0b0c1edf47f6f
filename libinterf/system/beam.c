/* SPDX-License-Identifier: MIT */
/* Where a beam of a system file points, for the satellite's position at one instant: the one
 * definition the EPFD kernel and interf-footprint share (interf-system(5), [beam] pointing). */
#include <math.h>

#include "interf/system.h"

void interf_beam_boresight(const struct interf_system_beam *bm, const double r_km[3],
                           const double aim_km[3], double b[3])
{
    const double *r = r_km;
    double rn = sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
    double up[3] = {r[0] / rn, r[1] / rn, r[2] / rn};
    if (bm->pointing == INTERF_POINT_NADIR) {
        b[0] = -up[0], b[1] = -up[1], b[2] = -up[2];
        return;
    }
    if (bm->pointing == INTERF_POINT_AIM) {
        double d[3] = {aim_km[0] - r[0], aim_km[1] - r[1], aim_km[2] - r[2]};
        double dn = sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
        for (int i = 0; i < 3; i++)
            b[i] = d[i] / dn;
        return;
    }
    double tilt = bm->off_nadir_deg * INTERF_DEG, az = bm->azimuth_deg * INTERF_DEG;
    double h = hypot(up[0], up[1]);
    /* local east and north at the sub-satellite point (east undefined over a pole: take +y) */
    double east[3] = {h > 0 ? -up[1] / h : 0, h > 0 ? up[0] / h : 1, 0};
    double north[3] = {up[1] * east[2] - up[2] * east[1], up[2] * east[0] - up[0] * east[2],
                       up[0] * east[1] - up[1] * east[0]};
    for (int i = 0; i < 3; i++)
        b[i] = -cos(tilt) * up[i] + sin(tilt) * (cos(az) * north[i] + sin(az) * east[i]);
}
