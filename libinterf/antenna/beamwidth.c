/* SPDX-License-Identifier: MIT */
/* interf antenna: the beamwidth of a pattern, one function per convention. The 3 dB width is
 * found where the gain falls to Gmax - 3 dB, the definition of the texts (e.g. Rec. ITU-R
 * S.1528-0 recommends 1.2, psi_b "one-half the 3 dB beamwidth"). */
#include "antenna_impl.h"

#include <math.h>

/* Where the search starts: far inside any main lobe of the catalogue (a 100 m dish at
 * 1000 GHz is 3 dB down at about 1e-4 deg). */
#define BW_FIRST_DEG 1e-5
#define BW_PER_DECADE 100.0

enum interf_status interf_antenna_beamwidth_3db_deg(const struct interf_antenna *ant,
                                                    double azimuth_deg, double *width_deg,
                                                    struct interf_error *err)
{
    if (!ant || !ant->def || !width_deg)
        return interf_error_set(err, INTERF_EINVAL, "beamwidth: NULL argument");
    double target = ant->gain_max_dbi - 3.0, lo = 0.0, hi = NAN;
    double g0 = interf_antenna_gain2_dbi(ant, 0.0, azimuth_deg);
    if (!(g0 > target))
        return interf_error_set(err, INTERF_EINPUT, "beamwidth: %s: the gain at the boresight, "
                                "%.4g dBi, is 3 dB or more below the peak %.4g dBi",
                                ant->def->name, g0, ant->gain_max_dbi);
    /* The first angle of the grid at or below the target brackets the first crossing. */
    for (int k = 0; isnan(hi); k++) {
        double th = fmin(BW_FIRST_DEG * pow(10.0, k / BW_PER_DECADE), 180.0);
        if (interf_antenna_gain2_dbi(ant, th, azimuth_deg) <= target)
            hi = th;
        else if (th == 180.0)
            return interf_error_set(err, INTERF_EINPUT, "beamwidth: %s: the gain never falls "
                                    "3 dB below the peak %.4g dBi", ant->def->name,
                                    ant->gain_max_dbi);
        else
            lo = th;
    }
    while (hi - lo > 1e-12 * hi) {
        double mid = 0.5 * (lo + hi);
        if (interf_antenna_gain2_dbi(ant, mid, azimuth_deg) > target)
            lo = mid;
        else
            hi = mid;
    }
    *width_deg = lo + hi; /* twice the midpoint */
    return INTERF_OK;
}
