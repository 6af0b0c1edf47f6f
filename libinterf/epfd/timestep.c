/* SPDX-License-Identifier: MIT */
/* The time step of an EPFD run, Rec. ITU-R S.1503-4 (09/2023) §D4.2, §D4.6, §D4.7. */
#include <math.h>

#include "interf/epfd.h"
#include "interf/limits.h"

enum interf_status interf_epfd_step_auto(double h_km, double incl_rad, double theta3db_deg,
                                         struct interf_epfd_step *out, struct interf_error *err)
{
    if (!(h_km > 0) || !isfinite(h_km))
        return interf_error_set(err, INTERF_EINPUT, "step auto: altitude %g km: must be positive",
                                h_km);
    if (!(theta3db_deg > 0 && theta3db_deg < 180))
        return interf_error_set(err, INTERF_EINPUT,
                                "step auto: 3 dB beamwidth %g deg: allowed range 0 to 180",
                                theta3db_deg);
    double half = theta3db_deg / 2 * INTERF_DEG;
    double ratio = INTERF_RE_KM / (INTERF_RE_KM + h_km);
    /* §D4.2: phi, the angle at the Earth's centre that the half beam subtends at height h */
    out->phi_deg = (half - asin(ratio * sin(half))) / INTERF_DEG;
    /* §D4.2: the satellite's angular rate, 0.071 deg/s scaled from the Earth's surface */
    out->ws_deg_s = 0.071 / pow(1.0 / ratio, 1.5);
    double along = out->ws_deg_s * cos(incl_rad) - INTERF_OMEGA_E_DEG_S;
    double across = out->ws_deg_s * sin(incl_rad);
    out->w_deg_s = sqrt(along * along + across * across);
    out->dt_s = 2.0 * out->phi_deg / out->w_deg_s;
    /* rounded to the nearest millisecond, never below one */
    double ms = floor(out->dt_s / INTERF_EPFD_NHIT * 1000.0 + 0.5);
    out->dt_ref_s = (ms < 1 ? 1 : ms) / 1000.0;
    /* §D4.7: the coarse step spans Ncoarse fine steps */
    out->n_coarse = (int)floor(INTERF_EPFD_NHIT * 1.5 / theta3db_deg);
    return INTERF_OK;
}

double interf_epfd_min_steps(double p_max_pct)
{
    /* one definition of §D4.6, in the layer of the verdicts it decides */
    return interf_limit_min_steps(p_max_pct);
}
