/* SPDX-License-Identifier: MIT */
/* The time step of an EPFD run, Rec. ITU-R S.1503-4 (09/2023) §D4.2, §D4.6, §D4.7: the first
 * interface to the rules, which live in the exam layer (libinterf/exam/timing.c). */
#include "interf/epfd.h"
#include "interf/exam.h"
#include "interf/limits.h"

enum interf_status interf_epfd_step_auto(double h_km, double incl_rad, double theta3db_deg,
                                         struct interf_epfd_step *out, struct interf_error *err)
{
    struct interf_exam_pass pass;
    enum interf_status st = interf_exam_pass(h_km, incl_rad, theta3db_deg, &pass, err);
    if (st != INTERF_OK)
        return st;
    out->phi_deg = pass.phi_deg;
    out->ws_deg_s = pass.ws_deg_s;
    out->w_deg_s = pass.w_deg_s;
    out->dt_s = pass.dt_s;
    out->dt_ref_s = interf_exam_fine_step_s(pass.dt_s, INTERF_EXAM_NHIT);
    out->n_coarse = interf_exam_n_coarse(INTERF_EXAM_NHIT, theta3db_deg);
    return INTERF_OK;
}

double interf_epfd_min_steps(double p_max_pct)
{
    return interf_limit_min_steps(p_max_pct);
}
