/* SPDX-License-Identifier: MIT */
/* interf footprint: where the beams of one satellite of a system put their power on the Earth
 * at an instant. Relative gain, e.i.r.p. or free-space pfd of the satellite's beams on a
 * latitude/longitude grid (elliptical beams through the azimuth about the boresight, M.2101
 * arrays steered to their boresight through the CGEMM path), the statistics of the pfd over
 * the beam-hopping schedule of the satellite's orbit group (interf/schedule.h), or the number
 * of the system's satellites in view. The grid is given, or chosen to cover the satellite's
 * visible cap and to resolve its narrowest beam (interf_footprint_auto_grid).
 *
 * A layer of its own: it sits above system, schedule, grid and antenna (the schedule layer
 * already depends on system, so the footprint cannot live inside system).
 *
 * Messages name the request's fields (sat, beam, quantity, stat, grid, auto_grid,
 * min_elevation_deg, combine), never a tool's options.
 *
 * Thread safety: a request is read-only; different requests may run at once. */
#ifndef INTERF_FOOTPRINT_H
#define INTERF_FOOTPRINT_H

#include <stddef.h>

#include "interf/core.h"
#include "interf/geo.h"
#include "interf/grid.h"
#include "interf/io.h"
#include "interf/stats.h"
#include "interf/system.h"

#ifdef __cplusplus
extern "C" {
#endif

#define INTERF_FOOTPRINT_MAX_STATS 16

/* What a footprint grid holds; the grid's quantity name (interf-table(5) column style) is in
 * brackets, BW the system's reference bandwidth ("40khz"). */
enum interf_footprint_quantity {
    INTERF_FOOTPRINT_GAIN = 0,    /* G - Gmax of the beam, dB [gain_rel_db] */
    INTERF_FOOTPRINT_EIRP = 1,    /* e.i.r.p. toward the point, dBW in BW [eirp_dbw_BW] */
    INTERF_FOOTPRINT_PFD = 2,     /* free-space pfd, dB(W/m2) in BW [pfd_dbw_m2_BW] */
    INTERF_FOOTPRINT_VISIBLE = 3  /* satellites above min_elevation_deg [n_visible] */
};

/* "gain", "eirp", "pfd" or "visible" (exact). INTERF_EINPUT "quantity: TEXT: expected gain,
 * eirp, pfd or visible"; *q is then unchanged. */
INTERF_API enum interf_status interf_footprint_quantity_parse(const char *text,
                                                              enum interf_footprint_quantity *q,
                                                              struct interf_error *err);

/* One footprint run. Initialise with interf_footprint_request_init, then set the fields.
 * Pointers are borrowed for the calls that take the request. */
struct interf_footprint_request {
    const struct interf_system *sys;
    enum interf_footprint_quantity quantity;
    long sat;                   /* satellite number (file order), or -1: required except for
                                   INTERF_FOOTPRINT_VISIBLE, which takes none */
    const char *beam;           /* one beam of the satellite by name; NULL: all its beams */
    double t_s;                 /* instant, seconds after the system's epoch [0] */
    int auto_grid;              /* 1: the grid of interf_footprint_auto_grid; 0: region_deg */
    double region_deg[5];       /* west, east, south, north, cell (deg); an east edge below the
                                   west edge crosses the antimeridian (interf_grid_region_parse)
                                   [-180, 180, -90, 90, 1] */
    double min_elevation_deg;   /* NODATA (visible: not counted) below it [0] */
    int combine_max;            /* several beams: 1 the largest value, 0 the power sum [0] */
    const struct interf_stat *stats; /* pfd over the schedule's slots (INTERF_SCHEDULE_STATS);
                                        n_stats grids, else one instantaneous grid */
    size_t n_stats;
    enum interf_earth_kind earth;    /* ground points and contour areas [sphere] */
    interf_progress_fn progress;     /* called with the fraction of grid rows done; NULL */
    void *progress_user;
};
INTERF_API void interf_footprint_request_init(struct interf_footprint_request *rq);

/* Check a request without computing: the satellite in range (INTERF_EINPUT "sat: 5000: the
 * system has satellites 0 to 0"), its beams ("sat: 0: satellite of [orbit iss] carries no
 * beam", "beam: NAME: not a beam of satellite 0 ([orbit g] has: a, b)"), the combinations
 * (stats only with the pfd, not with beam or combine_max; visible takes no sat or beam). */
INTERF_API enum interf_status interf_footprint_check(const struct interf_footprint_request *rq,
                                                     struct interf_error *err);

/* The grid a request computes on: auto_grid's choice, or region_deg (interf_grid_spec_init;
 * INTERF_EINPUT "grid: ..."). */
INTERF_API enum interf_status interf_footprint_grid(const struct interf_footprint_request *rq,
                                                    struct interf_grid_spec *spec,
                                                    struct interf_error *err);

/* The grid that covers the cap of the Earth that sees satellite rq->sat at min_elevation_deg
 * or more, and resolves the satellite's narrowest beam (INTERF_FOOTPRINT_VISIBLE: the whole
 * Earth at 1 deg). The cap's central angle gamma = acos(Re cos(eps) / r) - eps (r the
 * satellite's distance from the centre). The cell: the largest of the series 1, 2, 5 x 10^k
 * deg not above 2 gamma / 200 (200 to 500 cells across the cap) nor above a tenth of the
 * narrowest beam's -3 dB width on the ground (interf_footprint_beam_width_deg), so that its
 * peak and contours are resolved; the cells are placed so that one is centred on that beam's
 * boresight point (its aim point, or where its boresight meets the Earth). Without a beam of
 * defined width the edges are whole multiples of the cell. The region: latitudes
 * lat0 -+ gamma, longitudes lon0 -+ asin(sin gamma / cos lat0) about the sub-satellite point,
 * grown by 1 % and one cell (the WGS 84 cap is slightly larger), whole cells outward and within
 * -90 to 90; all longitudes when the cap holds a pole or would span 360 deg (the region may
 * cross the antimeridian: its west edge is then in [-180, 180), its east edge beyond).
 * INTERF_EINPUT "auto_grid: the satellite is seen nowhere above 80 deg" or "auto_grid: the cap
 * above 80 deg elevation is a point; give a grid". */
INTERF_API enum interf_status interf_footprint_auto_grid(const struct interf_footprint_request *rq,
                                                         struct interf_grid_spec *spec,
                                                         struct interf_error *err);

/* The -3 dB width on the ground (deg of great circle) of the narrowest beam of the request
 * (rq->beam, or each of the satellite's beams): the full 3 dB beamwidth of its antenna
 * (interf_antenna_beamwidth_3db_deg; the narrowest of the cuts at azimuths 0, 45, 90 and 135 deg
 * about the boresight) carried to the ground as seen straight down from the satellite's
 * distance r, 2 (asin(r / Re sin(w / 2)) - w / 2) (sine rule; the footprint of a nadir beam, an
 * off-nadir beam's being wider). *beam (may be NULL) receives that beam's index in the
 * satellite's orbit group. INTERF_EINPUT "beam: no beam of satellite 0 has a 3 dB width" (a
 * steered array whose boresight gain is 3 dB below its peak). */
INTERF_API enum interf_status interf_footprint_beam_width_deg(
    const struct interf_footprint_request *rq, double *width_deg, size_t *beam,
    struct interf_error *err);

/* Bytes a run of the request needs: per cell the values (8) and ground points (48), the
 * contour tracer's copy (8), 20 per M.2101 array beam (directions and gains), with stats the
 * coupling matrix (4 per beam) and the statistics (12 each). Counted on the region's cells
 * before its limits are checked, so that an absurd grid gets an estimate; INTERF_EINPUT as
 * interf_footprint_auto_grid for an automatic grid. */
INTERF_API enum interf_status interf_footprint_memory(const struct interf_footprint_request *rq,
                                                      double *bytes, struct interf_error *err);

/* The result of a run: one grid (NaN = NODATA: below min_elevation_deg, or without power in any
 * slot) per statistic, or one; the quantity's column-style name and unit. */
struct interf_footprint_result {
    size_t n_grids;
    struct interf_grid *grid[INTERF_FOOTPRINT_MAX_STATS];
    char quantity[64];   /* "gain_rel_db", "eirp_dbw_40khz", "pfd_dbw_m2_40khz", "n_visible" */
    char unit[64];       /* "dB", "dBW/40kHz", "dB(W/m2/40kHz)", "satellites" */
    int decimals;        /* decimals to write the values with: 4 (dB), 0 (counts) */
    char earth_model[64]; /* interf_earth_describe of the run's Earth */
};

/* Run a request (interf_footprint_check first). Value at a ground point p of a beam: G(theta,
 * azimuth) - Gmax, EIRP = P + G, or PFD = EIRP - 10 log10(4 pi d^2) (d in m, free space);
 * several beams add in linear power (or the largest with combine_max). With stats, the pfd of
 * every lit beam of every slot adds (SGEMM, interf_schedule_aggregate); a schedule file's
 * errors are its reader's ("FILE:LINE:COLUMN: FIELD: ..."), a group without one
 * "stat: satellite 0: [orbit hop] has no schedule_file". INTERF_ECANCELED when progress asks.
 * On success free the result with interf_footprint_result_free. */
INTERF_API enum interf_status interf_footprint_run(const struct interf_footprint_request *rq,
                                                   struct interf_footprint_result *res,
                                                   struct interf_error *err);
INTERF_API void interf_footprint_result_free(struct interf_footprint_result *res);

/* A run in parts (one per process): interf_footprint_partition gives part `part` (0 ..
 * n_parts - 1) its contiguous points [*first, *end) of the grid (row-major, north row first);
 * interf_footprint_run_part computes those points alone into full-size grids (the others
 * NODATA). Every point's value is its own, so the parts' points put together are the whole
 * run's, bit for bit: the parts are whole grid rows, and with stats whole tiles of the
 * schedule's aggregate (interf_schedule_tile_points: the same SGEMM calls as the whole run).
 * The parts differ by at most one row or tile; parts beyond the points are empty. Errors as
 * interf_footprint_run (the partition reads the schedule file); INTERF_EINVAL for first > end
 * or points beyond the grid. */
INTERF_API enum interf_status interf_footprint_partition(const struct interf_footprint_request *rq,
                                                         int n_parts, int part, size_t *first,
                                                         size_t *end, struct interf_error *err);
INTERF_API enum interf_status interf_footprint_run_part(const struct interf_footprint_request *rq,
                                                        size_t first, size_t end,
                                                        struct interf_footprint_result *res,
                                                        struct interf_error *err);

/* The run's parameters that change the numbers, added to prov (interf-table(5) "PROVENANCE
 * KEYS"): system, system_sha256, system_name, time_utc, earth_model, quantity, unit,
 * satellite, beams, min_elevation_deg. */
INTERF_API void interf_footprint_provenance(const struct interf_footprint_request *rq,
                                           const struct interf_footprint_result *res,
                                           struct interf_provenance *prov);

#ifdef __cplusplus
}
#endif
#endif
