/* SPDX-License-Identifier: MIT */
/* interf footprint, private: what the request's check, the grid choice and the run share. Not
 * installed. */
#ifndef INTERF_FOOTPRINT_IMPL_H
#define INTERF_FOOTPRINT_IMPL_H

#include "interf/footprint.h"

/* The system's orbit group of satellite rq->sat (rq checked). */
const struct interf_system_orbit *fp_orbit(const struct interf_footprint_request *rq);
/* 1 when the beam is drawn (rq->beam NULL or its name). */
int fp_beam_selected(const struct interf_footprint_request *rq,
                     const struct interf_system_beam *bm);
/* 1 when the antenna is an M.2101 array (steered through the CGEMM path). */
int fp_is_array(const struct interf_antenna *ant);
/* ECEF (km) of satellite sat at rq->t_s. */
void fp_sat_ecef(const struct interf_footprint_request *rq, size_t sat, double s[3]);

#endif
