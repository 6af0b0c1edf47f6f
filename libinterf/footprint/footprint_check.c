/* SPDX-License-Identifier: MIT */
/* interf footprint: the request, its checks, and the grid it computes on (given, or chosen to
 * cover the satellite's visible cap), with the memory a run of it needs. */
#include "footprint_impl.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "interf/schedule.h"

void interf_footprint_request_init(struct interf_footprint_request *rq)
{
    memset(rq, 0, sizeof *rq);
    rq->sat = -1;
    rq->region_deg[0] = -180, rq->region_deg[1] = 180;
    rq->region_deg[2] = -90, rq->region_deg[3] = 90, rq->region_deg[4] = 1;
    rq->earth = INTERF_EARTH_SPHERE;
}

enum interf_status interf_footprint_quantity_parse(const char *text,
                                                   enum interf_footprint_quantity *q,
                                                   struct interf_error *err)
{
    static const char *const names[] = {"gain", "eirp", "pfd", "visible"};
    for (int k = 0; k < 4; k++)
        if (strcmp(text, names[k]) == 0) {
            *q = (enum interf_footprint_quantity)k;
            return INTERF_OK;
        }
    return interf_error_set(err, INTERF_EINPUT, "quantity: %s: expected gain, eirp, pfd or "
                            "visible", text);
}

const struct interf_system_orbit *fp_orbit(const struct interf_footprint_request *rq)
{
    return interf_system_orbit(rq->sys, interf_system_sat_orbit(rq->sys, (size_t)rq->sat));
}

int fp_beam_selected(const struct interf_footprint_request *rq,
                     const struct interf_system_beam *bm)
{
    return !rq->beam || strcmp(rq->beam, bm->name) == 0;
}

int fp_is_array(const struct interf_antenna *ant)
{
    return ant->def == interf_pattern_find("M.2101");
}

void fp_sat_ecef(const struct interf_footprint_request *rq, size_t sat, double s[3])
{
    struct interf_ephem eph = {&s[0], &s[1], &s[2], NULL, NULL, NULL};
    interf_constellation_propagate(interf_system_constellation(rq->sys), sat, 1, rq->t_s, NULL,
                                   INTERF_FRAME_ECEF, &eph);
}

/* The satellite's beams: one at least, and the one rq->beam names. */
static enum interf_status check_beams(const struct interf_footprint_request *rq,
                                      struct interf_error *err)
{
    const struct interf_system_orbit *orb = fp_orbit(rq);
    char names[1024] = "";
    size_t n = 0, len = 0;
    if (orb->n_beams == 0)
        return interf_error_set(err, INTERF_EINPUT, "sat: %ld: satellite of [orbit %s] carries "
                                "no beam", rq->sat, orb->name);
    for (size_t k = 0; k < orb->n_beams; k++) {
        const struct interf_system_beam *bm = interf_system_beam(rq->sys, orb->beams[k]);
        len += strlen(names + len);
        snprintf(names + len, sizeof names - len, "%s%s", k ? ", " : "", bm->name);
        n += fp_beam_selected(rq, bm);
    }
    if (n == 0)
        return interf_error_set(err, INTERF_EINPUT, "beam: %s: not a beam of satellite %ld "
                                "([orbit %s] has: %s)", rq->beam, rq->sat, orb->name, names);
    return INTERF_OK;
}

/* The statistics over the schedule: of the pfd, of every beam the schedule lights. */
static enum interf_status check_stats(const struct interf_footprint_request *rq,
                                      struct interf_error *err)
{
    if (rq->n_stats > INTERF_FOOTPRINT_MAX_STATS)
        return interf_error_set(err, INTERF_EINPUT, "stat: at most %d statistics",
                                INTERF_FOOTPRINT_MAX_STATS);
    if (rq->quantity != INTERF_FOOTPRINT_PFD)
        return interf_error_set(err, INTERF_EINPUT, "stat: only with the quantity pfd");
    if (rq->beam)
        return interf_error_set(err, INTERF_EINPUT, "beam: not with stat (the schedule says "
                                "which beams are lit)");
    if (rq->combine_max)
        return interf_error_set(err, INTERF_EINPUT, "combine: not with stat (the beams of a "
                                "slot add in power)");
    for (size_t k = 0; k < rq->n_stats; k++)
        if (!(INTERF_SCHEDULE_STATS & INTERF_STAT_ALLOW(rq->stats[k].kind)))
            return interf_error_set(err, INTERF_EINPUT, "stat: %s: not a statistic over the "
                                    "slots (max, mean or pNN.NNN)", rq->stats[k].name);
    return INTERF_OK;
}

enum interf_status interf_footprint_check(const struct interf_footprint_request *rq,
                                          struct interf_error *err)
{
    if (!rq || !rq->sys || (rq->n_stats && !rq->stats))
        return interf_error_set(err, INTERF_EINVAL, "footprint: NULL argument");
    size_t n_sats = interf_system_info(rq->sys)->n_sats;
    if (!(fabs(rq->min_elevation_deg) <= 90))
        return interf_error_set(err, INTERF_EINPUT, "min_elevation_deg: %g: allowed range -90 "
                                "to 90", rq->min_elevation_deg);
    if (!isfinite(rq->t_s))
        return interf_error_set(err, INTERF_EINPUT, "time: not finite");
    if (rq->quantity == INTERF_FOOTPRINT_VISIBLE) {
        if (rq->sat >= 0 || rq->beam)
            return interf_error_set(err, INTERF_EINPUT, "%s: not with the quantity visible (it "
                                    "counts every satellite)", rq->beam ? "beam" : "sat");
        return rq->n_stats ? check_stats(rq, err) : INTERF_OK;
    }
    if ((unsigned)rq->quantity > INTERF_FOOTPRINT_VISIBLE)
        return interf_error_set(err, INTERF_EINVAL, "quantity: %d: out of range",
                                (int)rq->quantity);
    if (rq->sat < 0)
        return interf_error_set(err, INTERF_EINPUT, "sat: required with the quantity %s",
                                rq->quantity == INTERF_FOOTPRINT_GAIN   ? "gain"
                                : rq->quantity == INTERF_FOOTPRINT_EIRP ? "eirp" : "pfd");
    if ((size_t)rq->sat >= n_sats)
        return interf_error_set(err, INTERF_EINPUT, "sat: %ld: the system has satellites 0 to "
                                "%zu", rq->sat, n_sats - 1);
    enum interf_status st = check_beams(rq, err);
    return st == INTERF_OK && rq->n_stats ? check_stats(rq, err) : st;
}
