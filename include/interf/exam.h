/* SPDX-License-Identifier: MIT */
/* interf exam: the rules of the examination of a non-GSO FSS system in Rec. ITU-R S.1503-4
 * (09/2023): the time step and run length of Part D4 with the dual time step of §D4.7; pfd masks
 * (§B4.1, Part C §C4) with their text and XML readers; the operating parameters of §B3.3 with
 * their §B5 ranges and the co-frequency selection of §D5.1.4.1; the worst-case geometry of
 * §D2 and §D3.1 for epfd down; the WCG(up) tables 9 and 10 of §D3.2.2.
 *
 * Units: km, s, degrees in names ending _deg (radians otherwise), dB(W/m2) in a mask's reference
 * bandwidth. Every function is re-entrant; the objects are read-only once built. */
#ifndef INTERF_EXAM_H
#define INTERF_EXAM_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "interf/antenna.h"
#include "interf/core.h"
#include "interf/orbit.h"
#include "interf/stats.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ======================================================== time step and run length (§D4) */

/* Samples per main-beam crossing, S.1503-4 §D4.5: a parabolic main lobe 12 (theta/theta3dB)^2
 * resolved to 0.05 dB needs RoundUp(sqrt(240)) = 16; the same number of tracks across it. */
#define INTERF_EXAM_NHIT 16
#define INTERF_EXAM_NTRACKS 16
/* Table 13: samples needed for statistical significance. */
#define INTERF_EXAM_NS 10
/* §D4.7.1: the coarse step's topocentric angle, degrees. */
#define INTERF_EXAM_PHI_COARSE_DEG 1.5
/* §D4.1: a non-repeating run of more steps than this is computed again with N'hit. */
#define INTERF_EXAM_MAX_STEPS 1e8

/* How the earth station's 3 dB beamwidth theta3dB is obtained from its diameter. S.1503-4 names
 * only "the GSO earth station antenna 3 dB beamwidth" (Table 11). */
enum interf_exam_beamwidth {
    INTERF_BEAMWIDTH_70_LAMBDA_D = 0, /* theta3dB = 70 lambda/D deg: the Bureau's software (the
                                         default) */
    INTERF_BEAMWIDTH_S1428 = 1        /* the S.1428-1 main-lobe width 2 sqrt(1200)/(D/lambda),
                                         full width in deg */
};

/* theta3dB (deg, full width) of a dish of diameter dish_m at freq_ghz under a convention; NaN
 * for a diameter or frequency that is not positive and finite. lambda = c / f with c exact. */
INTERF_API double interf_exam_beamwidth_deg(enum interf_exam_beamwidth conv, double dish_m,
                                            double freq_ghz);

/* One pass through the main beam, S.1503-4 §D4.2 eqs. (2)-(3), for an orbit of height h_km
 * (the lowest, or the minimum operating height of an elliptical orbit: Note 1), inclination
 * incl_rad and a beam of full width theta3db_deg:
 *   phi = theta3dB/2 - asin(Re/(Re+h) sin(theta3dB/2))     (deg)
 *   ws  = 0.071 / ((Re+h)/Re)^1.5                           (deg/s)
 *   w   = sqrt((ws cos i - we)^2 + (ws sin i)^2)            (deg/s)
 *   dt  = 2 phi / w                                         (s, eq. 2) */
struct interf_exam_pass {
    double phi_deg, ws_deg_s, w_deg_s, dt_s;
};

/* INTERF_EINPUT for h_km not positive and finite or theta3db_deg outside (0, 180). */
INTERF_API enum interf_status interf_exam_pass(double h_km, double incl_rad, double theta3db_deg,
                                               struct interf_exam_pass *out,
                                               struct interf_error *err);

/* The pass of a non-GSO satellite through the GSO satellite's beam, S.1503-4 §D4.4 (Fig. 37),
 * for epfd_is: the beam of full width theta3db_deg pointed as far from the sub-satellite point
 * as it can be (along the tangent to the Earth), meeting the orbit of height h_km:
 *   theta1 = asin(Re / Rgeo),   theta2 = 180 - asin(Rgeo / (Re + h) sin(theta1)),
 *   theta3 = 180 - (theta1 + theta2),   D1 = (Re + h) sin(theta3) / sin(theta1),
 *   D2 = 2 D1 sin(theta3dB / 2),   D3 = D2 cos(180 - theta2),
 *   phi = 2 atan((D3 / 2) / ((Re + h) - (D2 / 2) sin(180 - theta2)))          (eq. 4)
 * (D1 the range from the GSO satellite to the orbit, D2 the beam's width there, D3 its part
 * across the radius; phi the angle at the Earth's centre between the ends of that width. The
 * printed equation lost its layout in the text; this is its reading as the geometry of Fig. 37
 * gives it.) Then ws, w and dt = 2 phi / w of eqs. (2)-(3) as interf_exam_pass (the text: "phi
 * ... can be used in equation (2)"). INTERF_EINPUT as interf_exam_pass, and for an orbit
 * at or above the GSO (h >= Rgeo - Re). */
struct interf_exam_is_pass {
    double theta1_deg, theta2_deg, theta3_deg;
    double d1_km, d2_km, d3_km;
    struct interf_exam_pass pass; /* phi_deg of eq. (4), ws, w, dt */
};
INTERF_API enum interf_status interf_exam_pass_is(double h_km, double incl_rad,
                                                  double theta3db_deg,
                                                  struct interf_exam_is_pass *out,
                                                  struct interf_error *err);

/* The fine step of eq. (1): dt / nhit rounded to the nearest non-zero millisecond (s). nhit is
 * INTERF_EXAM_NHIT, or the real N'hit of §D4.1. */
INTERF_API double interf_exam_fine_step_s(double dt_s, double nhit);

/* Ncoarse = floor(nhit phi_coarse / theta3dB) (§D4.7.1, 1.5 deg); at least 1. */
INTERF_API int interf_exam_n_coarse(double nhit, double theta3db_deg);

/* N_min = 100 N_S / (100 - p_max) of §D4.6 (Table 13, N_S = 10), rounded up, p_max the largest
 * tabulated percentage below 100 of the limit rows checked: 99.999 % -> 10^6. The printed
 * formula lost its factor 100; the worked example fixes it. 0 when p_max is not in [0, 100). */
INTERF_API double interf_exam_n_min(double p_max_pct);

struct interf_limit_mask;
/* The largest percentage of time (not exceeded) below 100 % over the points of n limit rows
 * (RR Article 22 as held by interf/limits.h); 0 when there is none. */
INTERF_API double interf_exam_p_max_pct(size_t n, const struct interf_limit_mask *const *rows);

/* One sub-constellation as the run length sees it (S.1503-4 §D4.1: with several, the smallest
 * step and the longest run over them). */
struct interf_exam_shell {
    double a_km, e, i_rad;
    double h_min_km; /* minimum operating height; the step uses max(perigee height, h_min_km) */
};

/* The link a run examines: which beam the time step resolves (§D4.2-§D4.4, Table 15). */
enum interf_exam_link {
    INTERF_EXAM_LINK_DOWN = 0, /* §D4.2 eq. (3), theta3dB the GSO earth station's beam */
    INTERF_EXAM_LINK_UP = 1,   /* §D4.3: the same with the non-GSO earth station's beam */
    INTERF_EXAM_LINK_IS = 2    /* §D4.4 eq. (4), theta3dB the GSO satellite's beam; Ncoarse = 1
                                  (§D5.3.5). The height is max(perigee, H_MIN) as for the other
                                  links: §D4.4's height at the equator crossing for circular
                                  orbits, never above it (a step never longer) for elliptical
                                  ones, whose argument of perigee the shell does not carry */
};

struct interf_exam_timing_request {
    double theta3db_deg;    /* the beam the step must resolve (§D4.2: the GSO earth station's) */
    size_t n_shells;
    const struct interf_exam_shell *shells;
    size_t n_sats;          /* satellites of the system (for N'hit, §D4.1) */
    int repeating;          /* 1: repeating ground track kept by station keeping (§D4.6.1) */
    double p_repeat_s;      /* its repeat period */
    double p_max_pct;       /* for N_min (interf_exam_p_max_pct) */
    enum interf_exam_link link; /* which pass the step resolves (0: epfd down) */
};

/* The chosen step and run length with every term of their derivation. */
struct interf_exam_timing {
    struct interf_exam_timing_request req; /* as given (shells not copied) */
    size_t step_shell;       /* the shell giving the smallest step */
    struct interf_exam_pass pass;          /* its pass (§D4.2) */
    double nhit;             /* 16, or N'hit when reduced */
    double dt_fine_s;        /* the fine step (revised T'step of §D4.6.1 when it was adjusted) */
    int n_coarse;            /* Ncoarse, or N'coarse when reduced */
    double n_min;            /* §D4.6 */
    int64_t n_steps;         /* fine steps of the run */
    double t_run_s;          /* n_steps dt_fine_s */
    /* §D4.6.1, repeating */
    int step_adjusted;       /* 1 when P_repeat / T_step was an integer */
    int64_t n_rep, n_run;
    /* §D4.6.2, non-repeating (of shell run_shell) */
    size_t run_shell;
    int equatorial;          /* one repeat of an equatorial single-altitude system */
    double t_period_s;       /* nodal period 360 / (omega_dot + n_bar) (steps 1-3) */
    double s_pass_deg, s_req_deg, s_actual_deg, s_art_deg;
    int64_t n_orbits, n360;
    int64_t nmin_factor;     /* N_orbits was multiplied by this to reach N_min (1: not) */
    double d_art_deg_s;      /* artificial precession D_artificial (step 11), for every
                                satellite (§D4.1) */
    /* §D4.1 reduction (non-repeating, more than 1e8 steps) */
    int reduced;
    double dt_fine_16_s;     /* the step with Nhit = 16 */
    int64_t n_steps_16;      /* the run's steps with it */
    int n_coarse_16;
};

/* Choose the step and run length of S.1503-4 §D4 for a request: the fine step of §D4.2 (the
 * smallest over the shells), N_min (§D4.6), the run length of §D4.6.1 (repeating: T'step when
 * the step divides P_repeat exactly, N_run = max(RoundUp(N_min T_step / P_repeat), N_tracks),
 * T_run = N_run P_repeat) or §D4.6.2 (non-repeating: steps 1-13 with artificial precession,
 * T'run = T_period N_orbits over the nodal period, the longest over the shells; an equatorial
 * system of one altitude runs one repeat 2 pi / (ws - we)), and, for a non-repeating run of more
 * than 1e8 steps, the reduction of §D4.1: N'hit = Nhit / min(Ncoarse, sqrt(Nsat)), the step
 * and run again (N_tracks is not reduced), N'coarse = floor(N'hit Ncoarse / Nhit).
 * Where the Recommendation is silent: a non-repeating run shorter than N_min multiplies N_orbits
 * by RoundUp(N_min / N_steps) and repeats steps 8-13 (nmin_factor). INTERF_EINPUT for an empty
 * or invalid shell list, a repeating run without a positive period, or an orbit whose pass
 * cannot be computed. */
INTERF_API enum interf_status interf_exam_timing(const struct interf_exam_timing_request *req,
                                                 struct interf_exam_timing *out,
                                                 struct interf_error *err);

/* The derivation as text lines ("# "-free, '\n'-terminated, one term per line with its clause),
 * into buf of size n (NUL-terminated, truncated if short). Returns the length the whole text
 * needs (without the NUL), as snprintf does. */
INTERF_API size_t interf_exam_timing_describe(const struct interf_exam_timing *t, char *buf,
                                              size_t n);

/* ------------------------------------------------------------- the dual time step (§D4.7) */

/* Which fine steps of a run are evaluated, and with which weights, as a function of time alone.
 * The run is n_steps fine steps k = 0..n_steps-1 at t_k = k dt_fine. They are cut into blocks of
 * n_coarse steps aligned on k = 0 (the last block may be shorter). A block is FINE (every step
 * evaluated, weight 1) when it is the first block (§D5.1.4.1 sub-step 6.1), when it reaches into
 * the last n_coarse steps (sub-step 6.2), or when its first step shows a satellite in the
 * critical region, G_RX(phi) > min(Gmax - 30 dB, G_RX(alpha0)) (§D4.7.1; sub-step 6.3); else it
 * is COARSE: only its first step is evaluated, with the block's length as its weight (the
 * T_step / T_fine histogram entries of step 24).
 * This is the Recommendation's rule with the coarse steps held on the aligned block grid: in the
 * text the next step is fine when the last one was critical, so after a fine stretch the coarse
 * steps restart wherever it ended; here a fine stretch runs to its block's end (at most
 * n_coarse - 1 extra fine steps, never fewer samples). Because a block depends on nothing but its
 * own first step, any window [first, end) of the run is evaluated exactly as the whole run
 * restricted to it: the unit of a split of the run over processes. */
struct interf_exam_dual {
    int64_t n_steps;
    int n_coarse; /* 1: every step is fine */
};

/* A walk over the samples of a window. Caller-owned value; fields private. */
struct interf_exam_walk {
    struct interf_exam_dual d;
    int64_t cur, end, block_end, probe;
    int state;
};

/* Begin a walk over the window [first, end) of the run (clamped to [0, n_steps)). */
INTERF_API void interf_exam_walk_begin(const struct interf_exam_dual *d, int64_t first,
                                       int64_t end, struct interf_exam_walk *w);
/* The next fine step to evaluate into *step: returns 1, or 0 when the window is done. *sample
 * is 1 for a step of the window, 0 for a probe: the first step of a block that began before the
 * window, whose critical flag alone decides the block (evaluate its geometry, record nothing).
 * After each step call interf_exam_walk_report. */
INTERF_API int interf_exam_walk_next(struct interf_exam_walk *w, int64_t *step, int *sample);
/* Report whether the step just evaluated had a satellite in the critical region (read only at
 * a block's first step). Returns the step's weight: 1 in a fine block, the block's length for
 * the first step of a coarse block, 0 for a probe. */
INTERF_API int64_t interf_exam_walk_report(struct interf_exam_walk *w, int critical);

/* ====================================================== pfd masks (§B4.1, §C1, §C2.3, §C4) */

/* The pfd of "no transmission" (S.1503-4 §C1, §C4.1). */
#define INTERF_MASK_OFF_DB (-1000.0)

/* The two axes a pfd mask may use (§C4.2 Table 5, type). */
enum interf_mask_axes {
    INTERF_MASK_ALPHA_DLON = 0, /* alpha_deltaLongitude: b = alpha (deg, signed, §D6.4.4), c =
                                   delta longitude LongAlpha - LongNGSO (deg) */
    INTERF_MASK_AZ_EL = 1       /* azimuth_elevation: b = azimuth, c = elevation (deg) in the
                                   satellite frame of §D6.4.5 (X east, Y to the Earth's centre,
                                   Z north): the direction cos(el) sin(az) X + cos(el) cos(az) Y
                                   + sin(el) Z, (0, 0) at nadir (§C2.3.2) */
};

/* One table of a mask, valid at one latitude of the sub-satellite point. Values in dB(W/m2) in
 * the mask's reference bandwidth, pfd_db[ib * nc + ic] at (b_deg[ib], c_deg[ic]); both axes
 * strictly increasing; NaN marks a cell not given, until interf_mask_table_complete. */
struct interf_mask_table {
    double lat_deg;
    size_t nb, nc;
    double *b_deg, *c_deg, *pfd_db;
};

/* A pfd mask (§C4.2): one per satellite or shared by a group (the satellites of a system point
 * to their mask; S.1503-4 §D5.1.2 pfd[N]). Tables in increasing latitude. Built by the readers
 * or interf_pfd_mask_from_beam; freed with interf_pfd_mask_destroy. */
struct interf_pfd_mask {
    enum interf_mask_axes axes;
    long mask_id;
    double low_freq_mhz, high_freq_mhz;
    double refbw_khz;      /* the mask's reference bandwidth (40 kHz when a file gives none) */
    char ntc_id[32], sat_name[64];
    size_t n_tables;
    struct interf_mask_table *tables;
};

/* A mask of n_tables empty tables (fill each with interf_mask_table_alloc). refbw_khz 40. */
INTERF_API enum interf_status interf_pfd_mask_create(enum interf_mask_axes axes, size_t n_tables,
                                                     struct interf_pfd_mask **out,
                                                     struct interf_error *err);
/* Allocate a table's axes and cells (cells NaN); the caller fills them. */
INTERF_API enum interf_status interf_mask_table_alloc(struct interf_mask_table *t, size_t nb,
                                                      size_t nc, struct interf_error *err);
INTERF_API void interf_pfd_mask_destroy(struct interf_pfd_mask *m); /* NULL: no-op */

/* Complete a sparse table, S.1503-4 §C4.2: along c in each row b, cells beyond the row's first
 * or last given value take that value (the edge extended) and cells between two given values
 * are interpolated linearly in c; then rows with no value at all are filled the same way along
 * b. INTERF_EINPUT when the table has no value. */
INTERF_API enum interf_status interf_mask_table_complete(struct interf_mask_table *t,
                                                         struct interf_error *err);

/* The table of the latitude nearest lat_deg (§C4.1 step 1; no interpolation between
 * latitudes; of two at the same distance, the lower latitude). */
INTERF_API const struct interf_mask_table *interf_pfd_mask_table(const struct interf_pfd_mask *m,
                                                                 double lat_deg);
/* Bilinear interpolation in a table (§C4.1 step 2, §C2.3.2):
 *   P = (1-lx)(1-ly) P11 + lx(1-ly) P21 + (1-lx) ly P12 + lx ly P22,  lx = (x-x1)/(x2-x1),
 * in dB as the Recommendation writes it; outside the axes the edge value (§C4.1: "the last
 * valid value"). A value of INTERF_MASK_OFF_DB at a node means no transmission there; between
 * such a node and a transmitting one the dB interpolation gives low values, as in the text. */
INTERF_API double interf_mask_table_eval_db(const struct interf_mask_table *t, double b_deg,
                                            double c_deg);
/* Both steps: the pfd (dB(W/m2) in the mask's bandwidth) at sub-satellite latitude lat_deg. */
INTERF_API double interf_pfd_mask_eval_db(const struct interf_pfd_mask *m, double lat_deg,
                                          double b_deg, double c_deg);
/* The term that rescales the mask to a run's reference bandwidth, §C4.1 (flat spectral
 * density): 10 log10(run_bw_khz / refbw_khz) dB. */
INTERF_API double interf_pfd_mask_scale_db(const struct interf_pfd_mask *m, double run_bw_khz);

/* Read a mask in the text format of interf-mask(5): line 1 the schema "# alpha_deg dlon_deg
 * pfd_dbw_m2" or "# azimuth_deg elevation_deg pfd_dbw_m2", "# key: value" lines (mask_id,
 * ntc_id, sat_name, low_freq_mhz, high_freq_mhz, ref_bandwidth_khz; "# lat_deg: X" starts the
 * table of latitude X, the rows before any are latitude 0), rows "b c pfd"; absent cells are
 * completed (§C4.2). Errors are INTERF_EINPUT "PATH:LINE: field: what", INTERF_EIO for an
 * unreadable file. */
INTERF_API enum interf_status interf_pfd_mask_read_text(const char *path,
                                                        struct interf_pfd_mask **out,
                                                        struct interf_error *err);
/* Write m in that format (every cell; angles with 6 decimals, dB with 4). INTERF_EIO on a write
 * error. */
INTERF_API enum interf_status interf_pfd_mask_write_text(const struct interf_pfd_mask *m,
                                                         FILE *f, struct interf_error *err);

/* Read a mask in the XML format of S.1503-4 §C4.1-§C4.2 (libxml2): <satellite_system ntc_id
 * sat_name> holding one <pfd_mask mask_id low_freq_mhz high_freq_mhz refbw_khz type a_name
 * b_name c_name>, then <by_a a="LAT"><by_b b="B"><pfd c="C">VALUE</pfd>... (Table 5;
 * refbw_khz 40 when absent). The Bureau's files are plain XML 1.0 (ASCII quotes and minus
 * signs, as in the operating-parameter files it publishes), and that is what is read. The
 * examples printed in the Recommendation are not well-formed: typographic quotes around
 * attribute values, a comma between attributes, en dashes for minus signs; they are refused at
 * the first such character, with its line (an en dash inside a value: "not a number"). No
 * network access, no external entities. Errors as interf_pfd_mask_read_text. */
INTERF_API enum interf_status interf_pfd_mask_read_xml(const char *path,
                                                       struct interf_pfd_mask **out,
                                                       struct interf_error *err);

/* The (azimuth, elevation) mask of one beam pointing at nadir (S.1503-4 §C2.3.1 for one beam,
 * one polarisation): at the nodes -E..E in both axes every step_deg (E the smallest multiple of
 * step_deg at or beyond the Earth's limb asin(Re/(Re+h))), pfd = P + G(theta) - 10 log10(4 pi
 * d^2), theta the angle from nadir, d the slant range (m) to the Earth point in that direction,
 * G from ant at the beam-frame azimuth of interf_beam_frame (north side 0, east side 90 deg);
 * nodes that miss the Earth are INTERF_MASK_OFF_DB. One table, latitude 0 (a nadir beam's pfd
 * does not depend on it). power_dbw in refbw_khz; alt_km the satellite's height. For checking
 * filed masks against the antennas behind them. */
INTERF_API enum interf_status interf_pfd_mask_from_beam(const struct interf_antenna *ant,
                                                        double power_dbw, double refbw_khz,
                                                        double alt_km, double step_deg,
                                                        struct interf_pfd_mask **out,
                                                        struct interf_error *err);

/* ============================== operating parameters (§B3.2, §B3.3, §B5.2, §D5.1.4.1) */

/* A parameter by latitude: n points in increasing latitude. */
struct interf_lat_table {
    size_t n;
    double *lat_deg, *value;
};
/* Linear in latitude, the end values beyond (MIN_EXCLUDE, §B3.3); NaN when n is 0. */
INTERF_API double interf_lat_table_linear(const struct interf_lat_table *t, double lat_deg);
/* The value of the nearest latitude (MAX_CO_FREQ, MIN_DURATION, §B3.3; ties: the lower); NaN
 * when n is 0. */
INTERF_API double interf_lat_table_nearest(const struct interf_lat_table *t, double lat_deg);

/* MIN_ELEV[lat][az] (§B3.3): rows at increasing latitudes, row r the points
 * [first[r], first[r] + count[r]) of az_deg / elev_deg in increasing azimuth. */
struct interf_elev_table {
    size_t n_rows, n;
    double *lat_deg;
    size_t *first, *count;
    double *az_deg, *elev_deg;
};
/* The minimum elevation (deg) toward azimuth az_deg (from north, clockwise) at lat_deg: the
 * nearest latitude row, linear in azimuth around the circle (the last point joins the first
 * plus 360 deg); 0 when the table is empty. */
INTERF_API double interf_elev_table_eval(const struct interf_elev_table *t, double lat_deg,
                                         double az_deg);

/* MIN_EXCLUDE of one orbit plane (orb_id 0: every plane without its own, §B3.3). */
struct interf_min_exclude {
    long orb_id;
    struct interf_lat_table alpha0_deg;
};

/* One set of operating parameters (one frequency range, §B3.3, §B5.3). */
struct interf_op_params {
    long param_id;
    double low_freq_mhz, high_freq_mhz;
    double es_density_km2;            /* ES_DENSITY, per km^2 (epfd up; 0 when absent) */
    double es_distance_km;            /* ES_DISTANCE (0: one ES in the victim's footprint) */
    double es_lat_min_deg, es_lat_max_deg;
    double min_angle_at_es_deg;       /* MIN_ANGLE_AT_ES (0 when absent) */
    double min_angle_at_sat_deg;      /* MIN_ANGLE_AT_SAT (0 when absent) */
    long max_co_freq_sat;             /* MAX_CO_FREQ_SAT; -1 when absent (every ES) */
    size_t n_exclude;
    struct interf_min_exclude *exclude;   /* MIN_EXCLUDE by plane */
    struct interf_lat_table max_co_freq;  /* MAX_CO_FREQ[lat] (integers) */
    struct interf_lat_table min_duration_s; /* MIN_DURATION[lat]; n = 0: no track duration */
    struct interf_elev_table min_elev;      /* MIN_ELEV[lat][az] */
};

/* Release what a set owns (not p itself) and zero it. */
INTERF_API void interf_op_params_release(struct interf_op_params *p);
/* alpha0 (deg) of plane orb_id at latitude lat_deg: its own MIN_EXCLUDE, else the one of
 * orb_id 0, else 0. */
INTERF_API double interf_op_alpha0_deg(const struct interf_op_params *p, long orb_id,
                                       double lat_deg);
/* MAX_CO_FREQ at lat_deg; -1 (no limit) when none is given. */
INTERF_API long interf_op_max_co_freq(const struct interf_op_params *p, double lat_deg);
/* The ranges of S.1503-4 §B5.2 (with the XML's upper bounds of §B3.3): MIN_EXCLUDE 0..180,
 * MIN_ELEV 0..90, MIN_DURATION 0 (none) or 1..99999 s, MAX_CO_FREQ and MAX_CO_FREQ_SAT
 * 0..9999, ES_DENSITY > 0 (or 0: not given), ES_DISTANCE >= 0,
 * -90 <= ES_LAT_MIN < ES_LAT_MAX <= 90, the angles
 * 0..90; INTERF_EINPUT "FIELD: VALUE: allowed range ..." for the first that is not. */
INTERF_API enum interf_status interf_op_params_check(const struct interf_op_params *p,
                                                     struct interf_error *err);

/* Read the operating parameters XML of §B3.3 (one <non_gso_operating_parameters> in a
 * <satellite_system>, as the Bureau's files hold them; its children <min_exclude c=ORB>
 * <exclusion_zone_angle a=LAT>, <max_co_freq a=LAT>, <min_duration a=LAT>, <min_elev a=LAT>
 * <elev_angle b=AZ>) into *out (release with interf_op_params_release), checked with
 * interf_op_params_check. The printed example's defects are refused, not guessed at: the
 * attribute oc= for c= ("attribute oc: unknown") and azimuths outside 0..360 (b="370").
 * Errors "PATH:LINE: element attribute: what". */
INTERF_API enum interf_status interf_op_params_read_xml(const char *path,
                                                        struct interf_op_params *out,
                                                        struct interf_error *err);

/* Value parsers for the keys of a system file. A table by latitude is one value (every
 * latitude: a single point at 0) or LAT:VALUE items separated by blanks or commas, latitudes
 * in -90..90 increasing, values in [lo, hi] (integers when integer is set), e.g.
 * "0:5 40:6.5 60:8"; MIN_ELEV items are VALUE, LAT:VALUE or LAT/AZ:VALUE (azimuth 0..360,
 * increasing within a latitude), e.g. "0/0:10 0/180:15 50:20". INTERF_EINPUT "FIELD: 'ITEM':
 * what" (the caller adds file:line). *out is released by interf_lat_table_release /
 * interf_elev_table_release. */
INTERF_API enum interf_status interf_op_parse_lat_table(const char *text, const char *field,
                                                        double lo, double hi, int integer,
                                                        struct interf_lat_table *out,
                                                        struct interf_error *err);
INTERF_API enum interf_status interf_op_parse_elev_table(const char *text, const char *field,
                                                         struct interf_elev_table *out,
                                                         struct interf_error *err);
INTERF_API void interf_lat_table_release(struct interf_lat_table *t);
INTERF_API void interf_elev_table_release(struct interf_elev_table *t);

/* The parameters of the constellation that are not per frequency (§B3.2, §D5.1.2, §D6.3.6). */
struct interf_op_orbit {
    double h_min_km;           /* H_MIN, minimum operating height (>= 0) */
    double w_delta_deg;        /* W_delta, station-keeping half range of the node (0..180) */
    int does_repeat;           /* DoesRepeat: repeating ground track kept by station keeping */
    double repeat_period_s;    /* its period (> 0 when does_repeat) */
    int admin_precession;      /* the administration supplies the node precession (case 3) */
    double precession_deg_day; /* D_admin (|D| <= 360 deg/day) */
};
INTERF_API enum interf_status interf_op_orbit_check(const struct interf_op_orbit *o,
                                                    struct interf_error *err);

/* One satellite of a time step as the selection of §D5.1.4.1 steps 18-23 sees it. */
struct interf_exam_candidate {
    double epfd_db;     /* epfd_i = pfd + G_RX(phi) - Gmax (step 17), dB(W/m2) */
    int operating;      /* |alpha| >= alpha0[lat] and el >= eps0[lat][az] (step 18, first) */
    int gain_clause;    /* G_RX(phi) > min(Gmax - 30 dB, G_RX(alpha0[lat])) (step 18, second) */
    double dir[3];      /* unit vector from the earth station to it (for MIN_ANGLE_AT_ES) */
};
/* Which satellites a step counts (S.1503-4 §D5.1.4.1 steps 19-23): up to max_co_freq times
 * (max_co_freq < 0: no limit), the operating satellite of highest epfd_i still in the list is
 * taken (step 20) and the operating satellites within min_angle_at_es_deg of it at the earth
 * station are removed (step 21); then every satellite of the gain clause not yet taken (step
 * 22, no double counting). selected[k] receives 1 (taken in step 20), 2 (step 22) or 0;
 * *sum_lin the linear sum of the epfd_i taken (W/m2; 0 when none). Ties in epfd_i: the lower
 * index. O(n max_co_freq); no allocation. */
INTERF_API void interf_exam_select(size_t n, const struct interf_exam_candidate *c,
                                   long max_co_freq, double min_angle_at_es_deg,
                                   unsigned char *selected, double *sum_lin);

/* ============================================ runs and worst-case geometry (§D2.1, §D3.1) */

/* The frequency of a run, S.1503-4 §D2.1: max(fmin(mask), fmin(limits)) + RefBW / 2, the lower
 * edge of the overlap of mask and limits (the widest earth-station beam), MHz. */
INTERF_API double interf_exam_run_freq_mhz(double mask_fmin_mhz, double limit_fmin_mhz,
                                           double ref_bandwidth_khz);
/* The GSO minimum elevation of Table 8: 10 deg below 17 GHz, 20 deg from 17 GHz. */
INTERF_API double interf_exam_eps_gso_deg(double freq_mhz);

/* The rule sets of the WCG that differ between S.1503-2 (12/2013) §3.1 and S.1503-4 (09/2023)
 * §D3.1, as mapped by SHARC-Orbit's comparison of the two texts (SIMULATOR-WG/SHARC-Orbit_colab_
 * ITU, docs/WCGA_S1503-2_vs_S1503-4.md, a secondary source: the -2 text itself was not read
 * here). With INTERF_REC_S1503_2:
 *  1. every test point is a candidate (the pure maximum of EPFDMargin): no gate of step 18;
 *  2. no GSO minimum elevation eps_GSO (Table 8 is a -4 addition);
 *  3. no gain clause G(alpha) > min(Gmax - 30, G(alpha0));
 *  4. no latitude gates (|lat| <= 81.2 deg, ES_LAT_MIN/MAX, no operating satellite);
 *  5. no minimum operating height filter at the satellite's latitude;
 *  6. the search step min(theta3dB, the mask's finest step) / Nhit instead of 0.1 deg when the
 *     request leaves step_deg at 0;
 *  7. theta steps RoundUp(2 pi phi / PhiStep) without the floor of 16.
 * Kept the same in both: the (theta, phi) grid and its conversion, alpha, delta longitude, the
 * tie-break on the lowest angular velocity, the extreme cases, and the bisections of -4 (the -2
 * text's simpler contour cases are not reproduced), alpha0 and eps0 as tables (a -2 filing gives
 * constants). The BO.1443-2/-3 difference is the caller's choice of pattern. */
enum interf_exam_rec { INTERF_REC_S1503_4 = 0, INTERF_REC_S1503_2 = 1 };

struct interf_limit_mask;
struct interf_op_params;

/* What the WCG of epfd down searches over (S.1503-4 §D3.1.1), for one {mask, orbit, alpha0}
 * set. */
struct interf_wcg_request {
    enum interf_exam_rec rec;
    const struct interf_pfd_mask *mask;
    double a_km, e, i_rad, argp_rad;   /* the orbit (point mass, §D3.1.3.2) */
    double h_min_km;                   /* minimum operating height */
    const struct interf_op_params *ops; /* alpha0 of plane orb_id, eps0, MAX_CO_FREQ and the ES
                                           latitudes; NULL: alpha0 = eps0 = 0, no gate */
    long orb_id;
    const struct interf_antenna *es;   /* the GSO earth station's receive pattern */
    const struct interf_limit_mask *limit; /* EPFDThreshold(lat): the level of the row's highest
                                              percentage (its 100 % point, latitude-dependent
                                              under RR No. 22.5C.4/22.5C.8); NULL: 0 dB */
    double freq_mhz;                   /* the run's frequency (Table 8) */
    double step_deg;                   /* search step; 0: 0.1 deg (-4) or rule 6 (-2) */
    int threads;                       /* OpenMP threads over latitudes; 0: all */
    /* The search shared by n_parts processes (n_parts <= 1: all of it here): this one, part
     * (0 .. n_parts - 1), searches the latitudes of index k (in the order below) with k mod
     * n_parts == part, then calls combine(buf, bytes, user) with its results per latitude
     * (zero bytes at the latitudes of the other parts); combine must leave in buf, on every
     * part, the bitwise OR of all the parts' buffers (MPI_Allreduce with MPI_BOR over
     * MPI_BYTE). Every part then finishes the search alike: the same result, bit for bit, as
     * one process. */
    int part, n_parts;
    void (*combine)(void *buf, size_t bytes, void *user);
    void *combine_user;
};

/* The worst-case geometry found. The satellite is placed at longitude 0 (the geometry is
 * symmetric in longitude; interf_exam_wcg_lon_shift moves it onto the run's satellite). */
struct interf_wcg {
    int found;
    int32_t bin;               /* EPFDMargin in 0.1 dB, rounded to nearest (§D3) */
    double margin_db, pfd_db, grel_db, threshold_db;
    double angvel_rad_s;       /* apparent angular velocity at the earth station (§D3.1.3.4) */
    double sat_lat_deg, sat_alt_km;
    double theta_deg, phi_deg; /* the direction at the satellite (§D3.1.3.1) */
    double es_lat_deg, es_lon_deg;
    double gso_lon_deg;        /* the arc point at alpha: the GSO satellite */
    double alpha_deg, dlon_deg, el_ngso_deg, az_ngso_deg, el_gso_deg;
    uint64_t n_cases;          /* test points evaluated */
};

/* The WCG of epfd down, S.1503-4 §D3.1.2 (GetWCGA_Down, WCGD_CalcAtLat, WCGD_CheckCase and the
 * bisection cases): satellite latitudes i n / RoundUp(i / step), n = 0..N, both signs (i = 0:
 * latitude 0 alone); at each the satellite placed by sin(omega + nu) = sin(lat) / sin(i) (the
 * ascending branch; exact for any eccentricity), skipped below h_min; the direction (0, 0), then
 * rings phi = k phi0 / RoundUp(phi0 / step) up to sin(phi0) = Re / r cos(eps0,min), each with
 * max(16, RoundUp(2 pi phi / PhiStep)) steps of theta over [-pi/2, 3pi/2] (over [-pi/2, pi/2]
 * when mask and eps0 table are east-west symmetric). WCGD_CheckAlphaPhiCase: on each ring and
 * side, every bracket of alpha = 0, +alpha0, -alpha0 between the theta samples is bisected to
 * 1e-5 rad; WCGD_CheckAlphaElevCase: the same along the contour el = eps0 (phi found by
 * bisection for each theta); WCGD_CheckExtremeCase: at theta = +-pi/2 on that contour, the
 * brackets in satellite latitude. A test point P (the ray meeting the Earth) is kept (-4) when
 * |lat_P| <= 81.2, ES_LAT_MIN <= lat_P <= ES_LAT_MAX, MAX_CO_FREQ(lat_P) != 0, and
 * (|alpha| >= alpha0 and el_NGSO >= eps0(lat_P, az) and el_GSO >= eps_GSO) or
 * G(|alpha|) > min(Gmax - 30, G(alpha0)); EPFDMargin = pfd + Grel(|alpha|) - threshold(lat_P);
 * the highest 0.1 dB bin wins, ties the lowest angular velocity (the first found on exact
 * ties, in the Recommendation's order whatever the threads). INTERF_EINPUT for a request out
 * of range. */
INTERF_API enum interf_status interf_exam_wcg_down(const struct interf_wcg_request *req,
                                                   struct interf_wcg *out,
                                                   struct interf_error *err);

struct interf_constellation;
/* The longitude correction of §D3 (Fig. 13): over the first orbit of satellite sat of c, in fine
 * steps dt_s from t = 0, the step whose latitude is nearest lat_deg on the ascending branch
 * (descending when ascending is 0); *t_s receives its time and *shift_deg its longitude (the
 * satellite's longitude in the WCG being 0): add shift_deg to the WCG's earth station and GSO
 * longitudes so that the satellite passes the geometry during its first orbit. */
INTERF_API enum interf_status interf_exam_wcg_lon_shift(const struct interf_constellation *c,
                                                        size_t sat, double lat_deg,
                                                        int ascending, double dt_s, double *t_s,
                                                        double *shift_deg,
                                                        struct interf_error *err);

/* ===================================== the GSO system of WCG(up) (§D3.2.2, Tables 8-10, 16) */

/* The three bands of Table 8. */
enum interf_gso_band {
    INTERF_GSO_BAND_BELOW_10 = 0, /* f < 10 GHz: beamwidth 1.5 deg, eps_EOC 10 deg */
    INTERF_GSO_BAND_10_17 = 1,    /* 10 <= f < 17 GHz: 4 deg, 10 deg */
    INTERF_GSO_BAND_FROM_17 = 2   /* f >= 17 GHz: 1.55 deg, 20 deg */
};
INTERF_API enum interf_gso_band interf_gso_band_of(double freq_mhz);

/* Table 8 and the angles of Table 9, evaluated from the equations of §D3.2.2:
 *   sin(phi_EOC) = Re / Rgeo sin(pi/2 + eps_EOC),   phi_BS = phi_EOC - theta3dB / 2,
 *   sin(pi - psi) = Rgeo / Re sin(phi_BS) (psi > pi/2),   chi_BS = pi - phi_BS - psi,
 * with the peak gain of Table 16 for the S.672 pattern of that beamwidth. */
struct interf_gso_up {
    double beamwidth_deg, eps_eoc_deg, gmax_dbi;
    double phi_eoc_deg, phi_bs_deg, chi_bs_deg;
};
INTERF_API void interf_exam_gso_up(enum interf_gso_band band, struct interf_gso_up *out);

/* F672(x) of §D3.2.3.1, the Pade fit of Table 10 (dB; x the geocentric angle chi, deg):
 *   y = a + (b x + c x^2 + d x^3 + e x^4 + f x^5) / (1 + g x + h x^2),
 * for the GSO beamwidths 4, 1.55 (one set below 35 deg, one from 35 deg: the table gives
 * "x < 35" and "x > 35"; the two agree within 0.01 dB at 35) and 1.5 deg, with
 * ES_DISTANCE = 100 km; the WCG(up) estimate scales it by (D_ES / 100)^2. NaN for another
 * beamwidth. */
INTERF_API double interf_exam_f672_db(double beamwidth_deg, double x_deg);

/* ============================== e.i.r.p. masks (§B4.2, §C3, §C4.1, §C4.3-§C4.4, §D5.2.7) */

/* The three e.i.r.p. masks of S.1503-4 Part C. */
enum interf_eirp_form {
    INTERF_EIRP_ES_OFFAXIS = 0, /* non-GSO earth station, format "T" (§C3.1.4, §C4.3 Table 6):
                                   e.i.r.p.(lat, theta), theta the off-axis angle at the earth
                                   station between its boresight (toward the non-GSO satellite)
                                   and the GSO point */
    INTERF_EIRP_ES_AZEL = 1,    /* non-GSO earth station, format "A": e.i.r.p.(lat, az, el,
                                   DeltaLongES), (az, el) the satellite the earth station points
                                   at (azimuth from north, clockwise; elevation), DeltaLongES =
                                   Long(GSO point) - Long(earth station) (§D6.4.4.5) */
    INTERF_EIRP_SS_OFFAXIS = 2  /* non-GSO space station toward the GSO arc (§C3.2, §C4.4 Table 7):
                                   e.i.r.p.(lat, theta), theta the angle at the satellite between
                                   its sub-satellite point and the GSO point, lat the satellite's
                                   latitude */
};

/* One curve of a mask: e.i.r.p. (dBW in the mask's reference bandwidth) against x_deg (the
 * off-axis angle; DeltaLongES for INTERF_EIRP_ES_AZEL), n points with x strictly increasing,
 * linear between points, the end values beyond (§C4.1). az_deg, el_deg: the pointing the curve
 * belongs to (INTERF_EIRP_ES_AZEL; 0 otherwise). */
struct interf_eirp_curve {
    double az_deg, el_deg;
    size_t n;
    double *x_deg, *eirp_db;
};

/* The table of one latitude (of the earth station, or of the satellite for SS): one curve, or
 * one per (az, el) pointing for INTERF_EIRP_ES_AZEL. */
struct interf_eirp_table {
    double lat_deg;
    size_t n_curves;
    struct interf_eirp_curve *curves;
};

/* An e.i.r.p. mask: tables in increasing latitude. Built by the readers (or by hand with
 * interf_eirp_mask_create and interf_eirp_curve_alloc); freed with interf_eirp_mask_destroy. */
struct interf_eirp_mask {
    enum interf_eirp_form form;
    long mask_id;
    long es_id;            /* ES_ID of Table 6: -1 for the typical earth station placed by
                              density (§D5.2.5), else one filed earth station; -1 for SS */
    double low_freq_mhz, high_freq_mhz;
    double refbw_khz;      /* 40 when a file gives none (§C4.1) */
    char ntc_id[32], sat_name[64];
    size_t n_tables;
    struct interf_eirp_table *tables;
};

/* A mask of n_tables tables of n_curves empty curves each (fill them with
 * interf_eirp_curve_alloc), refbw_khz 40, es_id -1. INTERF_EINPUT for 0 or more than 100000
 * tables or curves. */
INTERF_API enum interf_status interf_eirp_mask_create(enum interf_eirp_form form,
                                                      size_t n_tables, size_t n_curves,
                                                      struct interf_eirp_mask **out,
                                                      struct interf_error *err);
/* Allocate a curve's n points (1 to 2^20; values NaN until the caller fills them). */
INTERF_API enum interf_status interf_eirp_curve_alloc(struct interf_eirp_curve *c, size_t n,
                                                      struct interf_error *err);
INTERF_API void interf_eirp_mask_destroy(struct interf_eirp_mask *m); /* NULL: no-op */

/* Check a mask built by hand as the readers check theirs: tables in strictly increasing
 * latitude, every curve with strictly increasing x and finite values, curves of one table at
 * distinct (az, el); the off-axis forms monotonically non-increasing in theta (§B5.3, §C4.3,
 * §C4.4: "should be monotonically decreasing"; a rise is refused). INTERF_EINPUT "mask: what"
 * (the readers add "PATH:LINE: "). */
INTERF_API enum interf_status interf_eirp_mask_check(const struct interf_eirp_mask *m,
                                                     struct interf_error *err);

/* The table of the latitude nearest lat_deg (§C4.1 step 1; ties: the lower latitude). */
INTERF_API const struct interf_eirp_table *interf_eirp_mask_table(const struct interf_eirp_mask *m,
                                                                  double lat_deg);
/* Linear interpolation in a curve at x_deg, the end values outside (§C4.1 step 2b). */
INTERF_API double interf_eirp_curve_eval_db(const struct interf_eirp_curve *c, double x_deg);
/* The curve of a table whose (az, el) has the smallest angular offset from (az_deg, el_deg)
 * (§D5.2.7: the angle between the two directions; ties: the first in the table's order, which
 * is increasing azimuth, then elevation). A table of one curve returns it. */
INTERF_API const struct interf_eirp_curve *interf_eirp_table_curve(
    const struct interf_eirp_table *t, double az_deg, double el_deg);
/* e.i.r.p. (dBW in the mask's bandwidth) of an off-axis mask (ES "T" or SS) at latitude lat_deg
 * and off-axis angle theta_deg: the nearest latitude's table, linear in theta (§C4.1, §D5.2.7,
 * §D5.3.5 step 13). For an ES "A" mask: NaN. */
INTERF_API double interf_eirp_mask_offaxis_db(const struct interf_eirp_mask *m, double lat_deg,
                                              double theta_deg);
/* e.i.r.p. of an ES "A" mask (§D5.2.7): the nearest latitude's table, the (az, el) curve nearest
 * the satellite's direction (az_deg, el_deg at the earth station), linear in dlong_deg =
 * Long(GSO) - Long(earth station) (reduced to [-180, 180)). For the other forms: NaN. */
INTERF_API double interf_eirp_mask_azel_db(const struct interf_eirp_mask *m, double lat_deg,
                                           double az_deg, double el_deg, double dlong_deg);
/* The highest value of the table nearest lat_deg (the earth station's peak e.i.r.p.: the
 * reference of the -30 dB test of the dual time step, §D4.7.2). */
INTERF_API double interf_eirp_mask_peak_db(const struct interf_eirp_mask *m, double lat_deg);
/* The 3 dB beamwidth (deg, full width) of an off-axis mask: twice the angle where the first
 * table's curve (the table nearest latitude 0) has fallen 3 dB below its value at theta = 0,
 * linear between points; NaN for an "A" mask or a curve that never falls 3 dB. S.1503-4 Table 15
 * note 1 takes the earth station's beamwidth "as specified in its e.i.r.p. mask". */
INTERF_API double interf_eirp_mask_beamwidth_deg(const struct interf_eirp_mask *m);
/* 10 log10(run_bw_khz / refbw_khz), §C4.1 (flat spectral density). */
INTERF_API double interf_eirp_mask_scale_db(const struct interf_eirp_mask *m, double run_bw_khz);

/* Read an e.i.r.p. mask in the text format of interf-mask(5). Line 1 is the schema and chooses
 * the form: "# offaxis_deg es_eirp_dbw" (ES "T"), "# offaxis_deg ss_eirp_dbw" (SS), or
 * "# azimuth_deg elevation_deg dlong_deg es_eirp_dbw" (ES "A"); "# key: value" lines give the
 * header (mask_id, es_id, ntc_id, sat_name, low_freq_mhz, high_freq_mhz, ref_bandwidth_khz), and
 * "# lat_deg: X" starts the table of latitude X (rows before any belong to latitude 0); rows are
 * "theta eirp" or "az el dlong eirp", in any order within a table. The tokenizer is the pfd
 * masks' (one grammar). Errors INTERF_EINPUT "PATH:LINE: field: what" (a point given twice, a
 * rise in an off-axis curve, NaN, Inf, NUL bytes), INTERF_EIO for an unreadable file. */
INTERF_API enum interf_status interf_eirp_mask_read_text(const char *path,
                                                         struct interf_eirp_mask **out,
                                                         struct interf_error *err);
/* Write m in that format (every point; angles with 6 decimals, dBW with 4). INTERF_EIO on a
 * write error. */
INTERF_API enum interf_status interf_eirp_mask_write_text(const struct interf_eirp_mask *m,
                                                          FILE *f, struct interf_error *err);
/* Read the XML of S.1503-4 §C4.3-§C4.4 (libxml2, as interf_pfd_mask_read_xml): in a
 * <satellite_system ntc_id sat_name>, either <eirp_mask_es mask_id low_freq_mhz high_freq_mhz
 * refbw_khz format a_name b_name ES_ID c_name d_name e_name> (Table 6) with format "T" and
 * tables <by_a a=LAT><eirp b=THETA>V</eirp>..., or format "A" and tables <by_a a=LAT><by_c
 * c=AZ><by_d d=EL><eirp e=DLONG>V</eirp>...; or <eirp_mask_ss mask_id low_freq_mhz
 * high_freq_mhz refbw_khz a_name b_name> (Table 7) with tables <by_a a=LAT><eirp b=THETA>.
 * a_name must be "latitude" when given; the other names are free text. Errors as
 * interf_eirp_mask_read_text, with the element: "PATH:LINE: eirp b: ...". */
INTERF_API enum interf_status interf_eirp_mask_read_xml(const char *path,
                                                        struct interf_eirp_mask **out,
                                                        struct interf_error *err);

/* ================================ epfd up and epfd_is runs (§D3.2, §D3.3, §D5.2, §D5.3) */

/* The receive pattern of the GSO satellite for the Article 22 row being checked (§D2.1:
 * Sat_Beamwidth and Sat_GainPattern "from Limits API"): Rec. ITU-R S.672-4 Annex 1 as RR
 * Nos. 22.5D.3 and 22.5F.3 apply it (the parabola from zero; a = 1.83, b = 6.32 for Ls = -10),
 * half 3 dB beamwidth row->gso_beamwidth_deg / 2, Ls read from the row's pattern text
 * ("Ls = -20 dB"; -20 when the text names none), and the peak gain of S.1503-4 Table 16 for
 * that beamwidth (1.5 deg: 41.0, 1.55 deg: 40.7, 4 deg: 32.4 dBi). At 17.3-18.4 GHz this is
 * Article 22's 4 deg, not the 1.55 deg of Table 8 (which the worst-case geometry uses).
 * INTERF_EINPUT for a row that is not EPFD up or EPFD_is, or a beamwidth Table 16 lacks. */
struct interf_limit_mask;
INTERF_API enum interf_status interf_exam_gso_rx(const struct interf_limit_mask *row,
                                                 struct interf_antenna *out,
                                                 struct interf_error *err);

/* The point at geocentric angle chi_deg from the GSO satellite's sub-satellite point (latitude
 * 0, longitude gso_lon_deg) toward azimuth az_deg (from north, clockwise): the boresight of the
 * WCG of Table 9 (chi = chi_BS) in that azimuth. */
INTERF_API void interf_exam_gso_boresight(double gso_lon_deg, double chi_deg, double az_deg,
                                          double *lat_deg, double *lon_deg);

/* The WCG(up) estimate of §D3.2.3.1 (dB(W/m2) in the mask's bandwidth):
 *   e.i.r.p.(lat) + 10 log10(NUM_ES) + 10 log10(Nco(lat)) + F672(chi) - 20 log10(D_ES / 100)
 * with F672 of Table 10 for the GSO beamwidth (interf_exam_f672_db), the sum of G_rel - L_S
 * over stations 100 km apart; d_es_km the ES_DISTANCE (100 with num_es 1 for specific earth
 * stations). The text prints the last terms as "(D_ES/100)^2 F672(chi)", which is the number
 * of stations' factor (100 / D_ES)^2 in linear terms, not a product of dB values (that would
 * put a 800 km spacing 64 x 133 dB down). NaN where F672 is. */
INTERF_API double interf_exam_up_estimate_db(double eirp_db, double num_es, double nco,
                                             double d_es_km, double beamwidth_deg,
                                             double chi_deg);

/* The latitudes where non-GSO earth stations can be (§D3.2.3.6, Fig. 32) for an orbit of
 * semi-major axis a_km, eccentricity e, inclination i_rad (the latitude reach min(i, pi - i)),
 * argument of perigee argp_rad and a minimum elevation eps_deg: psi = pi/2 + eps,
 * phi = asin(Re sin(psi) / r), theta = pi - (psi + phi), Lat_max = i + theta_a (r = a(1+e)),
 * Lat_min = -i - theta_p (r = a(1-e)); mirrored when the apogee is south (sin(argp) > 0, the
 * text's omega = 90 deg); clamped to [-90, 90]. */
INTERF_API void interf_exam_es_lat_range(double a_km, double e, double i_rad, double argp_rad,
                                         double eps_deg, double *lat_min_deg,
                                         double *lat_max_deg);

/* The representative non-GSO earth stations of §D5.2.5 (Fig. 45): one every es_distance_km in
 * latitude (dlat = d / Re) and, along each latitude row, in longitude (dlong = d / (Re cos
 * lat)), symmetric about the boresight point (bs_lat_deg, bs_lon_deg), kept where the GSO
 * satellite at gso_lon_deg sees the point (elevation >= 0) with a relative gain of its pattern
 * rx toward it of at least -15 dB (Step 3: the service area) and lat_min_deg <= lat <=
 * lat_max_deg (§D3.2.3.6); es_distance_km = 0 places one station at the boresight. Rows run
 * south to north, each west to east. *lat_deg and *lon_deg receive n arrays the caller frees
 * with free(). INTERF_EINPUT for a negative or non-finite distance, a boresight the GSO
 * satellite does not see, or more than 1e6 stations. */
INTERF_API enum interf_status interf_exam_up_place(const struct interf_antenna *rx,
                                                   double gso_lon_deg, double bs_lat_deg,
                                                   double bs_lon_deg, double es_distance_km,
                                                   double lat_min_deg, double lat_max_deg,
                                                   double **lat_deg, double **lon_deg,
                                                   size_t *n, struct interf_error *err);

/* One possible link of a time step, {satellite, earth station, epfd_i} (§D5.2.6 step 24). */
struct interf_up_link {
    double epfd_db; /* epfd_i = REP_e.i.r.p. - LFS + G_RX - Gmax, dB(W/m2) */
    uint32_t sat, es;
};
/* The greedy selection of §D5.2.6 steps 25-34: the links sorted by decreasing epfd_i (ties:
 * lower earth station, then lower satellite), then, from the top, each link still on the list
 * is accepted (its epfd_i added, linearly), and removed from the list are: the links of its
 * satellite once that satellite has max_co_freq_sat accepted links (step 30; < 0: no limit),
 * the links of its earth station once that station has es_max_co_freq[es] (MAX_CO_FREQ at its
 * latitude; < 0: no limit; 0: the station never transmits) (step 32), the other links of its
 * earth station whose satellite is within min_angle_at_es_deg of its satellite seen from that
 * station (step 33), and the other links of its satellite whose earth station is within
 * min_angle_at_sat_deg of its station seen from the satellite (step 34). sat_km and es_km hold
 * the ECEF positions (3 a satellite or station). links is sorted in place; state[k] receives 1
 * for an accepted link k (of the sorted order), 0 otherwise; *sum_lin the sum (W/m2), added
 * station by station in increasing index, each station's links in the sorted order. No
 * allocation; O(n) a link accepted and a station. */
INTERF_API void interf_exam_up_select(size_t n, struct interf_up_link *links,
                                      const double *sat_km, const double *es_km,
                                      const long *es_max_co_freq, long max_co_freq_sat,
                                      double min_angle_at_es_deg, double min_angle_at_sat_deg,
                                      unsigned char *state, double *sum_lin);

/* A non-GSO system as an epfd up or epfd_is run needs it. */
struct interf_exam_system {
    size_t n_sats;
    const struct interf_elements *elements;   /* n_sats element sets at the run's t = 0 */
    const struct interf_orbit_options *options; /* n_sats propagation options; a non-repeating
                                                   run adds the artificial precession of
                                                   §D4.6.2 to the J2 ones (§D4.1: the same for
                                                   every satellite) */
    const long *orb_id;                       /* n_sats MIN_EXCLUDE planes (NULL: 0, all) */
    const struct interf_eirp_mask *mask;      /* the ES mask (up) or the SS mask (is) */
    const struct interf_op_params *ops;       /* operating parameters (up: required; is:
                                                 unused) */
    const struct interf_op_orbit *orbit;      /* H_MIN, DoesRepeat (NULL: none, not
                                                 repeating) */
};

/* What a run examines and how long it runs. */
struct interf_exam_run_request {
    struct interf_exam_system sys;
    const struct interf_limit_mask *row; /* the Table 22-2 (up) or 22-3 (is) row: pattern,
                                            beamwidth, reference bandwidth, p_max */
    double gso_lon_deg;                  /* the GSO satellite */
    int bs_given;                        /* 1: the boresight below, else the WCG's */
    double bs_lat_deg, bs_lon_deg;
    size_t n_stations;                   /* up: filed earth stations (NUM_ES = 1), or 0: the
                                            placement of §D5.2.5 */
    const double *st_lat_deg, *st_lon_deg;
    double es_beamwidth_deg;             /* up: the earth station's 3 dB beamwidth for §D4.3;
                                            0: the mask's (interf_eirp_mask_beamwidth_deg) */
    int64_t n_steps;                     /* 0: the run of §D4; else its first n_steps steps */
    int threads;                         /* OpenMP threads over windows of the run; 0: all */
    int lon_shift;                       /* 1: the longitude correction of §D3 (Fig. 13): the
                                            GSO satellite and the boresight moved in longitude
                                            so that satellite 0 passes over the WCG point (up:
                                            the boresight; is: the satellite's place in the
                                            worst geometry) in its first orbit, ascending
                                            (interf_exam_wcg_lon_shift, in fine steps) */
};

/* A planned run (opaque; read-only while it runs, freed with interf_exam_plan_destroy). */
struct interf_exam_plan;

/* What a plan resolved: the derivation of the run. */
struct interf_exam_plan_info {
    enum interf_exam_link link;          /* UP or IS */
    struct interf_exam_timing timing;    /* §D4 (its shells and the beam it resolves) */
    double run_bw_khz, bw_scale_db;      /* the row's bandwidth; 10 log10(B_run / B_mask) */
    struct interf_antenna rx;            /* the GSO receive pattern (interf_exam_gso_rx) */
    double ls_db;
    struct interf_gso_up wcg_gso;        /* Tables 8, 9, 16 for the row's band (the WCG) */
    double wcg_az_deg;                   /* the WCG azimuth of the boresight (NaN: given) */
    double wcg_estimate_db;              /* up: the §D3.2.3.1 estimate there; is: the
                                            §D3.3.3 worst single entry (NaN: none) */
    double bs_lat_deg, bs_lon_deg;       /* the boresight used */
    double gso_lon_deg;                  /* the GSO satellite used (after the correction) */
    double wcg_lat_deg, wcg_lon_deg;     /* the WCG point satellite 0 is to pass (up: the
                                            boresight; is: the satellite's place), before the
                                            correction */
    double shift_deg, shift_t_s;         /* the correction of §D3 and when satellite 0 passes
                                            (0, 0 without it) */
    double es_beamwidth_deg;             /* up */
    double num_es;                       /* up: NUM_ES (§D5.2.5 step 1) */
    size_t n_stations;                   /* up: earth stations placed (or given) */
    size_t n_stations_seen;              /* up: of them, those that see the GSO satellite */
    double lat_min_deg, lat_max_deg;     /* up: §D3.2.3.6 with ES_LAT_MIN, ES_LAT_MAX */
    int64_t n_steps;                     /* fine steps run (the timing's, or the request's) */
    double dt_s;                         /* the fine step */
    int n_coarse;                        /* Ncoarse of the walk */
};

/* The statistics of a run's work, for its record. */
struct interf_exam_run_stats {
    int64_t n_evaluated;      /* steps evaluated (every fine step and the first of a coarse
                                 block) */
    int64_t n_coarse_blocks;  /* coarse steps among them */
    uint64_t weight;          /* histogram entries: n_steps (§D5.2.6 step 35.1) */
    double links_per_step;    /* up: possible links a step (step 24); is: satellites seen */
    double accepted_per_step; /* up: links accepted a step; is: = links_per_step */
    double links_sum, accepted_sum; /* their sums over the evaluated steps (whole numbers: the
                                       stats of windows of a run merge exactly) */
    double max_epfd_db;       /* the highest epfd of a step (-INFINITY: none) */
    uint64_t clamped;         /* step weight counted in the top bin from above it */
    int threads_used;
};

/* Plan an epfd up run (§D5.2.6 steps 1-6): the GSO receive pattern of the row, the WCG boresight
 * (§D3.2: the Table 9 ring chi_BS about the sub-satellite point searched in azimuth every 0.1
 * deg for the highest estimate of §D3.2.3.1, with e.i.r.p.(lat) the "T" mask's at the
 * off-axis angle alpha0(lat) - the in-line limit of Figs 22 and 25 - or the highest of the "A"
 * mask's curves at the point's DeltaLongES; skipped where the point is outside the latitude
 * range or MAX_CO_FREQ is 0), the earth stations (§D5.2.5), the time step and run length
 * (§D4.3, §D4.6 with the earth station's beamwidth) and the dual step (§D4.7.2). *out is freed
 * with interf_exam_plan_destroy. INTERF_EINPUT naming the field for a request out of range
 * (an "A" mask without es_beamwidth_deg, a mask of a filed earth station without its
 * position, ...). */
INTERF_API enum interf_status interf_exam_up_plan(const struct interf_exam_run_request *req,
                                                  struct interf_exam_plan **out,
                                                  struct interf_error *err);
/* Plan an epfd_is run (§D5.3.5 steps 1-5): the receive pattern, the WCG boresight of §D3.3
 * (the Table 9 ring searched in azimuth with the two geometries of §D3.3.3 for every satellite
 * latitude of the sub-constellations: interf_exam_is_geometry), the time step of §D4.4 and
 * Ncoarse = 1. */
INTERF_API enum interf_status interf_exam_is_plan(const struct interf_exam_run_request *req,
                                                  struct interf_exam_plan **out,
                                                  struct interf_error *err);
INTERF_API void interf_exam_plan_destroy(struct interf_exam_plan *p); /* NULL: no-op */
/* The progress of interf_exam_plan_run (fraction of the run's windows done, stage "running";
 * NULL: none; a non-zero return cancels the run with INTERF_ECANCELED). Not while it runs. */
INTERF_API void interf_exam_plan_set_progress(struct interf_exam_plan *p, interf_progress_fn fn,
                                              void *user);
INTERF_API const struct interf_exam_plan_info *
interf_exam_plan_info(const struct interf_exam_plan *p);
/* The earth stations of an up plan: n (and their latitudes and longitudes, arrays owned by the
 * plan; NULL allowed). */
INTERF_API size_t interf_exam_plan_stations(const struct interf_exam_plan *p,
                                            const double **lat_deg, const double **lon_deg);

/* Time step `step` (t = step dt_s, s after the run's t = 0) of a plan: the epfd of the step
 * (dB(W/m2) in the row's bandwidth, -INFINITY when nothing contributes), the linear sum, the
 * links considered and accepted (up; is: the satellites seen, twice), and whether the step is
 * critical for the dual time step (up: an earth station's e.i.r.p. toward the GSO within 30 dB of
 * its mask's peak, §D4.7.2; is: never). Allocates scratch (use the run for many steps). */
struct interf_exam_step {
    double epfd_db, sum_lin;
    size_t n_links, n_accepted;
    int critical;
};
INTERF_API enum interf_status interf_exam_plan_step(const struct interf_exam_plan *p,
                                                    int64_t step, struct interf_exam_step *out,
                                                    struct interf_error *err);

/* Run the plan: every step of [0, n_steps) through the dual-step walk (interf_exam_walk_*),
 * windows of the run on threads, each step's epfd rounded down to 0.1 dB (S.1503-4 §D1.4) into
 * a histogram of one point, INTERF_EPFD_NBINS bins from INTERF_EPFD_LEVEL_MIN (interf/epfd.h;
 * no contributor or below: the floor bin; at or above the top: the top bin), each step with its
 * weight (a coarse step counts its block). *hist is created here (free with
 * interf_hist_set_free). The result does not depend on the number of threads. */
INTERF_API enum interf_status interf_exam_plan_run(const struct interf_exam_plan *p,
                                                   struct interf_hist_set *hist,
                                                   struct interf_exam_run_stats *stats,
                                                   struct interf_error *err);
/* The same over the window [first, end) of the run's steps (0 <= first <= end <= n_steps, else
 * INTERF_EINVAL): the histogram and stats of those steps as the whole run counts them (a coarse
 * block counts in the window holding its first step), so that the windows of a partition of
 * [0, n_steps), their counts and stats summed (maximum: the largest), give the whole run's
 * exactly: the unit of a run split over processes. Thread-safe on a shared plan. */
INTERF_API enum interf_status interf_exam_plan_run_window(const struct interf_exam_plan *p,
                                                          int64_t first, int64_t end,
                                                          struct interf_hist_set *hist,
                                                          struct interf_exam_run_stats *stats,
                                                          struct interf_error *err);

/* The two geometries of WCG(IS), §D3.3.3 (Figs 33, 34), for a non-GSO satellite at radius
 * r_km seen from the GSO satellite at phi_deg from its nadir: geometry 1 (phi = phi_1 =
 * phi_BS: the satellite just visible, psi > 90 deg) and geometry 2 (sin phi_2 = Re / Rgeo: the
 * satellite crossing the beam, psi < 90 deg):
 *   psi_1 = pi - asin(Rgeo / r sin(phi_1)),  psi_2 = asin(Rgeo / r sin(phi_2)),
 *   theta_i = pi - phi_i - psi_i,  D_i = r sin(theta_i) / sin(phi_i),
 *   epfd_i = e.i.r.p.(psi_i) + G_rel,i - 10 log10(4 pi D_i^2)   (D in m),
 * G_rel,1 = 0, G_rel,2 = G_rel(phi_2 - phi_1); psi the off-axis angle at the satellite (the
 * mask's argument), theta the angle at the Earth's centre. which: 1 or 2. Returns 0 when the
 * geometry does not exist (Rgeo / r sin(phi) > 1). */
struct interf_is_geometry {
    double phi_deg, psi_deg, theta_deg, d_km;
};
INTERF_API int interf_exam_is_geometry(int which, double r_km, double phi_bs_deg,
                                       struct interf_is_geometry *out);

#ifdef __cplusplus
}
#endif
#endif
