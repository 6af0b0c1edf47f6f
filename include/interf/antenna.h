/* SPDX-License-Identifier: MIT */
/* interf antenna: the catalogue of ITU-R antenna patterns, lookup tables for the kernels, and
 * M.2101 phased arrays evaluated through CGEMM.
 *
 * Each pattern declares its keys (name, unit, range, default), validates a parameter set once,
 * and evaluates the gain as a pure function of the off-axis angle and, for the patterns that
 * depend on it, of the azimuth about the boresight. The catalogue (interf_pattern_at) lists the
 * revision implemented for each; interf-pattern(1) --list and interf-system(5) print it.
 *
 * Angles: the off-axis angle phi is in degrees, [0, 180]. The azimuth about the boresight is in
 * degrees, [0, 360), measured in the plane normal to the boresight from the pattern's reference
 * direction, which each azimuth-dependent pattern states in its azimuth_ref text:
 *   S.1528:1.2 / S.672 (z > 1)  from the major axis of the beam ellipse;
 *   S.1528:1.4                   from the direction of the radial extent Lr;
 *   BO.1443                      the planar angle theta of the Recommendation: from the
 *                                horizontal, 90 deg = the upper side of the aperture;
 *   M.2101                       from the array's horizontal axis (increasing element column m),
 *                                90 deg = the array's vertical axis (increasing row n);
 *   table (az grid)              as the file gives it.
 *
 * Thread safety: the registry is a const table and every function here is re-entrant; a
 * prepared struct interf_antenna and a built struct interf_lut may be shared read-only between
 * threads. */
#ifndef INTERF_ANTENNA_H
#define INTERF_ANTENNA_H

#include <stdio.h>

#include "interf/core.h"

#ifdef __cplusplus
extern "C" {
#endif

#define INTERF_PATTERN_MAXKEYS 24

/* Key flags. */
#define INTERF_KEY_OPEN_MIN 1u /* the minimum is excluded: (min, max] */
#define INTERF_KEY_INTEGER 2u  /* integers only */

/* One numeric key of a pattern, as written in an [antenna NAME] section. Keys with a discrete
 * set of values (ln_db, ls_db) carry the enclosing range here and the set in help; the
 * pattern's prepare() checks the set. */
struct interf_pattern_key {
    const char *name;     /* e.g. "gain_max_dbi" */
    const char *unit;     /* e.g. "dBi" (for messages and man pages; "" when dimensionless) */
    double min, max;      /* allowed range, closed unless flags say otherwise */
    double def;           /* default when not required and not given */
    int required;         /* 1: must be given */
    const char *help;     /* one line for --list and the man page */
    unsigned flags;       /* INTERF_KEY_* */
};

struct interf_antenna;
struct interf_pattern_priv;  /* private to the library (lookup-table hints) */
struct interf_pattern_file;  /* the data of a pattern read from a file */

/* A catalogue entry. Entries returned by the registry are static and never freed. */
struct interf_pattern_def {
    const char *name;      /* catalogue name, e.g. "S.1428", "S.1528:1.2" */
    const char *revision;  /* the text implemented, e.g. "ITU-R S.1428-1 (02/2001), recommends 1" */
    const char *summary;   /* one line */
    size_t nkeys;
    const struct interf_pattern_key *keys;
    int needs_frequency;   /* 1: the pattern needs the frequency (key frequency_ghz, else the
                              run's frequency passed to interf_antenna_init) */
    /* Cross-key validation and derived values (into ant->derived), and ant->gain_max_dbi. */
    enum interf_status (*prepare)(struct interf_antenna *ant, struct interf_error *err);
    /* Gain (dBi) at off-axis angle phi_deg in [0, 180] (the caller clamps) in the reference
     * half-plane (azimuth 0); pure function. */
    double (*gain)(const struct interf_antenna *ant, double phi_deg);
    /* Gain (dBi) at (phi_deg, azimuth_deg about the boresight); NULL when the pattern is
     * axisymmetric. */
    double (*gain2)(const struct interf_antenna *ant, double phi_deg, double azimuth_deg);
    const char *azimuth_ref; /* where the azimuth is measured from (NULL: axisymmetric) */
    const char *file_key;    /* a text key naming a data file ("file"), or NULL */
    const struct interf_pattern_priv *priv;
};

/* A validated parameter set: caller-owned value, read-only after init. It holds no pointer into
 * itself; def points into the registry. A set of a pattern read from a file (file_key) owns
 * that file's data through file: release it once with interf_antenna_release; copies share it
 * and are valid until then. */
struct interf_antenna {
    const struct interf_pattern_def *def;
    double value[INTERF_PATTERN_MAXKEYS]; /* by key index, defaults filled in */
    double freq_ghz;                      /* frequency used (0 if the pattern needs none) */
    double gain_max_dbi;                  /* the pattern's own peak gain (for G/Gmax) */
    double derived[64];                   /* pattern-private derived constants */
    struct interf_pattern_file *file;     /* owned data of a file pattern, else NULL */
};

/* Registry lookups. interf_pattern_count is the number of patterns; interf_pattern_at(i) the
 * i-th (NULL when i >= count); interf_pattern_find the pattern whose catalogue name matches name
 * exactly (case-sensitive), NULL for an unknown name or NULL. The results are static: never
 * free them. */
INTERF_API size_t interf_pattern_count(void);
INTERF_API const struct interf_pattern_def *interf_pattern_at(size_t i);
INTERF_API const struct interf_pattern_def *interf_pattern_find(const char *name);
/* Index of the key named key (exact match) in def->keys, or -1 (also for NULL arguments). */
INTERF_API int interf_pattern_key_index(const struct interf_pattern_def *def, const char *key);
/* The registry's names joined by ", " into buf of size n (for "allowed: ..." messages), e.g.
 * "S.1528:1.2, S.1528:1.3, ..."; always NUL-terminated (truncated if n is too small; nothing is
 * written when n is 0). Returns buf. */
INTERF_API char *interf_pattern_names(char *buf, size_t n);

/* Validate and prepare a parameter set.
 * @param[out] ant          filled on success; zeroed on failure.
 * @param[in]  def          a registry entry (interf_pattern_find / interf_pattern_at).
 * @param[in]  values       values[k] holds key k of def where given[k] is non-zero (units as
 *                          the key's unit); may be NULL together with given (no keys given).
 * @param[in]  given        given[k] non-zero when key k was written.
 * @param[in]  run_freq_ghz frequency (GHz) used by patterns that need one when the key
 *                          frequency_ghz is absent (0 = none available: then the key is
 *                          required, "frequency_ghz: required (the system has no band_ghz)").
 * @param[out] err          may be NULL.
 * Missing optional keys take their defaults. A missing required key is INTERF_EINPUT with
 * "KEY: required (allowed range MIN to MAX UNIT)", a value outside its range INTERF_EINPUT with
 * "KEY: VALUE: allowed range MIN to MAX UNIT" (the caller prefixes "file:line: [antenna NAME] "),
 * a fraction for an integer key "KEY: VALUE: must be an integer"; pattern-specific checks (a
 * value outside a discrete set, "ln_db: -17: allowed: -15, -20, -25, -30"; S.1428 D/lambda <
 * 20) are INTERF_EINPUT too. A pattern with a file_key needs interf_antenna_init_file ("file:
 * required"). NULL ant or def, or given without values, is INTERF_EINVAL. */
INTERF_API enum interf_status interf_antenna_init(struct interf_antenna *ant,
                                                  const struct interf_pattern_def *def,
                                                  const double *values, const int *given,
                                                  double run_freq_ghz, struct interf_error *err);

/* As interf_antenna_init, for patterns read from a file (def->file_key, the "table" pattern):
 * path is the file to read (relative paths as the process sees them). Errors in the file are
 * INTERF_EINPUT "file: PATH:LINE:COLUMN: what" (e.g. "file: pat.txt:7:1: theta_deg: 5: angles
 * must increase (previous 6)"; without the column where the row or the table is at fault), an unreadable file INTERF_EIO "file: PATH: reason". path is ignored
 * (may be NULL) for other patterns. On success release the set with interf_antenna_release. */
INTERF_API enum interf_status interf_antenna_init_file(struct interf_antenna *ant,
                                                       const struct interf_pattern_def *def,
                                                       const double *values, const int *given,
                                                       const char *path, double run_freq_ghz,
                                                       struct interf_error *err);

/* As interf_antenna_init_file with the keys given by name: keys[i] = values[i] for i < n (each
 * at most once). given (may be NULL) receives by key index which keys were given. Errors name
 * the key: "ln_db: not a key of pattern S.1428 (its keys: diameter_m, frequency_ghz)",
 * "frequency_ghz: required by pattern S.1428" (a pattern that needs a wavelength, without the
 * key), "file: required by pattern table", "file: pattern S.1428 reads no file"; then those of
 * interf_antenna_init_file. */
INTERF_API enum interf_status interf_antenna_init_named(struct interf_antenna *ant,
                                                       const struct interf_pattern_def *def,
                                                       const char *const *keys,
                                                       const double *values, size_t n,
                                                       const char *path, double run_freq_ghz,
                                                       int *given, struct interf_error *err);

/* Free what a set owns (the data of a file pattern) and zero ant->file. NULL and sets without
 * data are no-ops. */
INTERF_API void interf_antenna_release(struct interf_antenna *ant);

/* Gain (dBi) of a prepared parameter set at off-axis angle phi_deg (degrees; clamped to
 * [0, 180], NaN gives NaN), in the reference half-plane (azimuth 0) of azimuth-dependent
 * patterns. G/Gmax in dB is this minus ant->gain_max_dbi. Pure, re-entrant. */
INTERF_API double interf_antenna_gain_dbi(const struct interf_antenna *ant, double phi_deg);

/* Gain (dBi) at off-axis angle phi_deg and azimuth_deg about the boresight (any value; reduced
 * to [0, 360)); the azimuth is ignored by axisymmetric patterns. */
INTERF_API double interf_antenna_gain2_dbi(const struct interf_antenna *ant, double phi_deg,
                                           double azimuth_deg);

/* 1 when the set's gain depends on the azimuth about the boresight. */
INTERF_API int interf_antenna_azimuthal(const struct interf_antenna *ant);

/* ------------------------------------------------------------------------------------------
 * Rec. ITU-R RA.769-2 (05/2003) Table 1, threshold levels of interference detrimental to
 * radio astronomy continuum observations, as the library's table (rows in frequency order).
 * Values of the Recommendation as transcribed by bwinkel/pycraf (itudata/ra.769-2): f MHz,
 * assumed bandwidth MHz, antenna and receiver noise temperatures K, and the thresholds
 * dP_H dB(W), S_H dB(W/m2) and S_H/df dB(W/(m2 Hz)), rounded to 1 dB in the table. */
struct interf_ra769_row {
    double freq_mhz, bandwidth_mhz, t_antenna_k, t_receiver_k;
    double dp_dbw, s_dbw_m2, s_dbw_m2_hz;
};
INTERF_API size_t interf_ra769_count(void);
INTERF_API const struct interf_ra769_row *interf_ra769_at(size_t i); /* NULL out of range */

/* RA.769-2 Annex 1 eqs. (1)-(2) (the formula behind the table): dT = (TA + TR)/sqrt(df t),
 * dP_H = 0.1 k dT df (interference 10 % of the rms noise), S_H = dP_H 4 pi f^2 / c^2 (0 dBi
 * receiving gain), t the integration time (2000 s in the table). Outputs in dB(W), dB(W/m2)
 * and dB(W/(m2 Hz)); any output pointer may be NULL. */
INTERF_API void interf_ra769_threshold(double freq_mhz, double bandwidth_mhz, double t_antenna_k,
                                       double t_receiver_k, double t_int_s, double *dp_dbw,
                                       double *s_dbw_m2, double *s_dbw_m2_hz);

/* ------------------------------------------------------------------------------------------
 * Lookup tables for the kernels (no log10, acos or Bessel per evaluation).
 *
 * A table is indexed by s = sin(phi/2) = |v - b|/2, half the chord between the unit vectors of
 * the direction and of the boresight (no acos, and full resolution near the boresight). The
 * s axis [0, 1] is cut into ncell uniform cells; a cell holds at most one breakpoint of the
 * pattern (an angle where its formula changes) exactly on a knot, with a uniform run of 2^k
 * sub-intervals on each side, k chosen per cell so that linear interpolation of the LINEAR gain
 * meets the error budget against the direct function: 0.01 dB in the main lobe, 0.05 dB
 * elsewhere (outside +-0.01 deg of the pattern's steps and +-0.05 deg of true nulls).
 *
 * Azimuth-dependent patterns get a 2-D table: rows of such 1-D tables interpolated linearly
 * between rows. Rows lie at azimuths about the boresight (both sides of every azimuth where
 * the pattern steps get a row), or, for patterns that are a function of phi and a scale
 * q(azimuth) (elliptical beams: q = sqrt(cos^2 az + z^2 sin^2 az); S.1528:1.4 with Lt != Lr),
 * along q: each row then tabulates its gain against u = s q so that the breakpoints of all rows
 * line up, and the fixed-angle tail (LB of S.1528:1.2) is applied from s_tail on. Rows are
 * added (doubled) until the row midpoints meet the same budget. M.2101 arrays separate exactly
 * into factors of one direction cosine each (below): their table is five 1-D tables, and the
 * azimuth reference is the array's horizontal axis.
 *
 * Fields are read-only; the layout may change between versions (use the functions). */
#define INTERF_LUT_MAXSEG 16

struct interf_lut {
    int kind;             /* 0: 1-D; 1: azimuth rows; 2: rows in the scale q; 3: array */
    int ncell;            /* uniform cells over the index variable */
    float cells_per_unit; /* ncell / its range (1, or q_hi for scaled rows) */
    float *split;         /* per cell: breakpoint position in [0, 1) of the cell, or 1 (none) */
    unsigned *cell;       /* per cell: offset of its first knot (bits 0-26) and log2 of its
                             sub-intervals per side (bits 27-31) */
    size_t nknot;         /* knots per row */
    size_t nrow;          /* 1 for a 1-D table */
    float *values;        /* nrow * nknot linear gains, row-major */
    /* azimuth rows: segments [seg_az0, seg_az0 + seg_width) of seg_nrow rows from seg_row0 */
    size_t nseg;
    float seg_az0[INTERF_LUT_MAXSEG], seg_width[INTERF_LUT_MAXSEG];
    size_t seg_row0[INTERF_LUT_MAXSEG], seg_nrow[INTERF_LUT_MAXSEG];
    /* scaled rows: q in [q_lo, q_hi] over the rows, q^2 = cos^2 + qz2 sin^2; beyond s_tail the
     * gain is tail_lin */
    float q_lo, q_hi, qz2, s_tail, tail_lin;
    int scale_sin;        /* scaled: one row against w = sin(phi) q (S.1528:1.4, whose gain is a
                             function of that alone) */
    /* M.2101 arrays (kind 3): uniform tables of the factors the gain separates into, indexed
     * by the direction cosines (x along the normal, y horizontal, z vertical):
     * arr[0] AF_H(y) and arr[1] AF_V(z) as signed amplitudes over [-1, 1], arr[2] the sub-array
     * factor (power) over z (NULL without sub-arrays), arr[3] the element's horizontal factor
     * (power) over sin(phi_h/2), arr[4] its vertical factor over sqrt((1 - |z|)/2) in
     * [0, sqrt(1/2)] (it depends on (theta - 90)^2 only);
     * gain = G_E max(h v, A_m) sub (1 + rho (AF_H^2 AF_V^2 - 1)) */
    float *arr[5];
    int arr_n[5];         /* intervals of each */
    float arr_ge_lin, arr_am_lin, arr_rho;
    double gain_max_dbi;  /* the pattern's peak */
    double build_s;       /* wall time the build took */
};

/* Build the table of a prepared set (milliseconds for 1-D tables, up to about half a second
 * for 2-D ones). On success *out is a new table (free with interf_lut_destroy);
 * INTERF_ENOMEM; INTERF_EINPUT "lookup table: NAME: ... use the direct function" for an
 * elliptical or non-circular beam with an axis ratio above 10, or whose side lobes run past the
 * fixed far-out level in some plane (S.1528:1.2 with Y > 90 deg there); INTERF_EINVAL for NULL
 * arguments. */
INTERF_API enum interf_status interf_lut_build(const struct interf_antenna *ant,
                                               struct interf_lut **out,
                                               struct interf_error *err);
INTERF_API void interf_lut_destroy(struct interf_lut *t); /* NULL is a no-op */

/* Size of the table in bytes (knots, cells and rows). */
INTERF_API size_t interf_lut_bytes(const struct interf_lut *t);

/* LINEAR gain (10^(G/10), the absolute gain, not relative to the peak) at s = sin(phi/2) in
 * [0, 1] (clamped), in fp32, for 1-D tables (for 2-D tables: azimuth 0). The kernels sum linear
 * power, so this is the form they use; interf_lut_gain_db is 10 log10 of it. */
INTERF_API float interf_lut_gain_lin(const struct interf_lut *t, float s);
INTERF_API float interf_lut_gain_db(const struct interf_lut *t, float s);
/* LINEAR gain at s and azimuth_deg about the boresight (degrees, any value; the reference of
 * the pattern's azimuth_ref). For 1-D tables the azimuth is ignored. */
INTERF_API float interf_lut_gain2_lin(const struct interf_lut *t, float s, float azimuth_deg);

/* ------------------------------------------------------------------------------------------
 * Rec. ITU-R M.2101-0 (02/2017) Annex 1 §5 composite arrays, for many directions and beams.
 *
 * Directions are given in the array's own angles, as M.2101 writes them: azimuth phi in
 * [-180, 180] from the array's boresight (positive towards increasing column m) and elevation
 * in [-90, 90] (theta = 90 - elevation). Beam i is steered by (escan_deg, etilt_deg) =
 * (phi_i,escan, theta_i,etilt) of M.2101 Table 4 (etilt positive = downwards). The array's own
 * keys escan_deg and etilt_deg are ignored here: the beams are the arguments.
 *
 * gain_lin[d * nbeam + i] receives the LINEAR gain of beam i towards direction d (element
 * pattern x sub-array factor x (1 + rho (|AF|^2 - 1))). method INTERF_ARRAY_CGEMM forms the
 * array factors as one complex matrix product per tile of directions (steering V, directions x
 * elements, times weights W, elements x beams, cblas_cgemm in fp32), INTERF_ARRAY_LOOP as the
 * plain double loop kept as the reference. Memory beyond the output is bounded whatever the
 * counts: directions go in tiles (steering tile at most 32 MiB), beams in chunks of 256
 * (weights at most 8 MiB). OpenBLAS runs with its own thread setting. */
enum interf_array_method { INTERF_ARRAY_CGEMM = 0, INTERF_ARRAY_LOOP = 1 };

INTERF_API enum interf_status interf_m2101_gains(const struct interf_antenna *ant, size_t ndir,
                                                 const double *azimuth_deg,
                                                 const double *elevation_deg, size_t nbeam,
                                                 const double *escan_deg,
                                                 const double *etilt_deg, float *gain_lin,
                                                 enum interf_array_method method,
                                                 struct interf_error *err);

/* Gain (dBi) of an M.2101 set towards (azimuth_deg, elevation_deg) in the array's angles, for
 * the beam of its keys escan_deg and etilt_deg. The off-axis form interf_antenna_gain2_dbi
 * maps (phi, azimuth about the array normal) onto these angles. */
INTERF_API double interf_m2101_gain_dbi(const struct interf_antenna *ant, double azimuth_deg,
                                        double elevation_deg);

/* ------------------------------------------------------------------------------------------
 * Beamwidths. One function per convention, so that the conventions of the texts (the 3 dB width
 * here; 70 lambda/D, the S.1428 main-lobe width phi_m) can sit beside each other by name. */

/* The full 3 dB beamwidth (deg) of a prepared set in the cut at azimuth_deg about the boresight:
 * twice the smallest off-axis angle where the gain falls to G = Gmax - 3 dB (Gmax =
 * ant->gain_max_dbi), bracketed on a logarithmic grid of 100 angles a decade from 1e-5 deg, then
 * found by bisection to 1e-12 relative. S.1428-1 (main lobe G = Gmax - 2.5e-3 (D phi / lambda)^2)
 * gives 2 sqrt(1200) lambda / D. INTERF_EINPUT "beamwidth: NAME: ..." when the boresight gain
 * is already 3 dB or more below Gmax (a steered array) or the gain never falls that low. Pure,
 * re-entrant. */
INTERF_API enum interf_status interf_antenna_beamwidth_3db_deg(const struct interf_antenna *ant,
                                                               double azimuth_deg,
                                                               double *width_deg,
                                                               struct interf_error *err);

/* ------------------------------------------------------------------------------------------
 * M.2101 steering. An array's frame: unit vectors normal (its boresight, out of its face),
 * horizontal (increasing element column m) and vertical (increasing row n), orthonormal, in any
 * common frame (ECEF for a satellite). */

/* The direction u (any length, in the frame's coordinates) in the array's own angles of
 * Rec. ITU-R M.2101-0 Table 4: azimuth (deg, from the normal toward the horizontal axis) and
 * elevation (deg, toward the vertical axis). */
INTERF_API void interf_m2101_direction(const double normal[3], const double horizontal[3],
                                       const double vertical[3], const double u[3],
                                       double *azimuth_deg, double *elevation_deg);

/* The steering that puts the array factor's peak on the direction aim: M.2101-0 Table 4's array
 * factor peaks where sin(theta) sin(phi) = cos(etilt) sin(escan) and cos(theta) = -sin(etilt)
 * (theta = 90 - elevation, etilt positive downwards), so escan_deg = azimuth and etilt_deg =
 * -elevation of aim (interf_m2101_direction). */
INTERF_API void interf_m2101_steer(const double normal[3], const double horizontal[3],
                                   const double vertical[3], const double aim[3],
                                   double *escan_deg, double *etilt_deg);

/* ------------------------------------------------------------------------------------------
 * Off-axis angles read from a table (interf-table(5)): one angle (deg) per row, or the column
 * theta_deg when the schema line names one (a pattern table read back). Blank and "#" lines
 * are skipped. Errors (INTERF_EINPUT) are located: "name:line:column: theta_deg: \"x\": not a
 * number" (control bytes shown as '?'), "name:line:column: theta_deg: 200: allowed range 0 to
 * 180 deg", "name:line:column: theta_deg: unexpected text after the angle", "name:line: NUL
 * byte in a text file", "name: no angles (one per line, deg)"; a read error is INTERF_EIO. On
 * success *deg is a new array of *n >= 1 angles in file order (free it); on failure NULL. */
INTERF_API enum interf_status interf_angles_read(FILE *fp, const char *name, double **deg,
                                                 size_t *n, struct interf_error *err);

/* The sweep from_deg, from_deg + step_deg, ... up to to_deg (included when it falls on the
 * sweep within 1e-12 relative, and as the last angle otherwise clamped to it): returns its
 * number of angles, and writes them to deg when deg is not NULL (room for that number). */
INTERF_API size_t interf_angles_sweep(double from_deg, double to_deg, double step_deg,
                                      double *deg);

/* ------------------------------------------------------------------------------------------
 * The catalogue as text. */

/* "Rec. ITU-R S.1428-1 (02/2001), recommends 1" ("Rec. " before an ITU-R revision, the revision
 * alone otherwise) into buf of n bytes; returns buf. */
INTERF_API char *interf_pattern_source(const struct interf_pattern_def *def, char *buf, size_t n);

/* A short title of a set: "S.1428-1, D = 0.6 m, f = 11.7 GHz": the Recommendation and its
 * revision when the revision text names them (else the catalogue name), then each key k with
 * given[k] non-zero as its symbol (from the key's help: "psi_b, ..." gives "ψb", UTF-8) = value
 * and unit, then the base name of file (may be NULL). given may be NULL (no keys). Returns buf. */
INTERF_API char *interf_antenna_title(const struct interf_antenna *ant, const int *given,
                                      const char *file, char *buf, size_t n);

/* Every key of a set as "name=value" (%.10g), separated by blanks, then "FILE_KEY=file" for a
 * pattern read from a file (file may be NULL), into buf of n bytes; returns buf. */
INTERF_API char *interf_antenna_parameters(const struct interf_antenna *ant, const char *file,
                                           char *buf, size_t n);

/* What a set's numbers come from, as provenance items (interf/io.h, the keys of interf-table(5)):
 * pattern, source (interf_pattern_source), parameters (interf_antenna_parameters), gain_max_dbi
 * and, for a set that depends on it, azimuth_deg (the cut, with the pattern's reference). */
struct interf_provenance;
INTERF_API void interf_antenna_provenance(const struct interf_antenna *ant, const char *file,
                                          double azimuth_deg, struct interf_provenance *prov);

/* Write the catalogue: every pattern with its revision, summary, azimuth reference, keys (range
 * and unit, default or "required", help), and the RA.769-2 Table 1 rows. INTERF_EIO on a write
 * error. */
INTERF_API enum interf_status interf_pattern_catalogue_write(FILE *fp, struct interf_error *err);

#ifdef __cplusplus
}
#endif
#endif
