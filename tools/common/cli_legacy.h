/* SPDX-License-Identifier: MIT */
/* The tools' shared helper: messages, option values (numbers, durations, times, lists), exit
 * statuses and atomic output files. Tools only; the library never prints or exits. */
#ifndef INTERF_CLI_LEGACY_H
#define INTERF_CLI_LEGACY_H

#include <stddef.h>
#include <stdio.h>

#include "interf.h"

/* Exit statuses of every tool (diff/grep convention). */
enum { CLI_EXIT_OK = 0, CLI_EXIT_FAIL = 1, CLI_EXIT_ERROR = 2 };

/* Record the program name for messages; call first in main. It also makes SIGINT, SIGTERM
 * and SIGHUP remove the temporary output files, print "NAME: interrupted by SIGINT" (one line)
 * and exit 2. */
void cli_init(const char *name);
const char *cli_name(void);

/* "NAME: message" on stderr. */
void cli_error(const char *fmt, ...) INTERF_PRINTF(1, 2);
/* "NAME: message" on stderr unless quiet. */
void cli_warn(int quiet, const char *fmt, ...) INTERF_PRINTF(2, 3);
/* Print "NAME: message" and "Try 'NAME --help'." on stderr and exit 2. */
_Noreturn void cli_usage_error(const char *fmt, ...) INTERF_PRINTF(1, 2);
/* Print "NAME (interf) VERSION" on stdout and exit 0 (after checking stdout). */
_Noreturn void cli_version(void);
/* Write text to stdout and exit 0 (for --help), checking the write. */
_Noreturn void cli_help(const char *text);

/* Option values: each prints a one-line usage error naming the option and exits 2 on bad input.
 * cli_double: a finite number in [min, max]. */
double cli_double(const char *arg, const char *opt, double min, double max);
long cli_long(const char *arg, const char *opt, long min, long max);
/* A duration in seconds: a number with an optional unit s, m, h or d ("90s", "15m", "1.5d"; a
 * bare number is seconds). allow_negative permits a leading minus. */
double cli_duration(const char *arg, const char *opt, int allow_negative);
/* A size in bytes: a number with an optional suffix K, M, G or T (powers of 1024). */
double cli_size(const char *arg, const char *opt);
/* A time relative to the epoch (s): an ISO 8601 UTC time, or an offset duration. */
double cli_time(const char *arg, const char *opt, double epoch_unix_s);
/* A list of indices "0,5,10-20" below limit into a newly allocated array of flags (limit bytes,
 * 1 = selected); free with free(). */
unsigned char *cli_index_list(const char *arg, const char *opt, size_t limit);
/* "LAT,LON[,ALT]" in degrees (and the unit of the third value); returns the count given (2/3). */
int cli_latlon(const char *arg, const char *opt, double *lat_deg, double *lon_deg, double *third);

/* The same parsers without the exit, for callers that handle errors (and the fuzzers): each
 * stores the value and returns INTERF_OK, or returns INTERF_EINPUT with the message the wrapper
 * above prints ("OPT: ...") in err and leaves the outputs untouched. Durations and sizes whose
 * value in seconds or bytes overflows are errors. cli_parse_latlon stores the count in *count. */
enum interf_status cli_parse_double(const char *arg, const char *opt, double min, double max,
                                    double *out, struct interf_error *err);
enum interf_status cli_parse_long(const char *arg, const char *opt, long min, long max,
                                  long *out, struct interf_error *err);
enum interf_status cli_parse_duration(const char *arg, const char *opt, int allow_negative,
                                      double *out, struct interf_error *err);
enum interf_status cli_parse_size(const char *arg, const char *opt, double *out,
                                  struct interf_error *err);
enum interf_status cli_parse_time(const char *arg, const char *opt, double epoch_unix_s,
                                  double *out, struct interf_error *err);
enum interf_status cli_parse_latlon(const char *arg, const char *opt, double *lat_deg,
                                    double *lon_deg, double *third, int *count,
                                    struct interf_error *err);

/* Read a point list (interf-epfd --points): a table (interf-table(5)) whose first line may be a
 * schema line ("# ... lat_deg ... lon_deg ..." naming the columns; else columns 1 and 2 are
 * latitude and longitude), then rows; other "#" lines, ">" lines and blank lines are skipped.
 * name labels messages ("name:line: ..."). On success *lat and *lon are new arrays of *n >= 1
 * points (free both with free()); on failure they are NULL, *n is 0 and err says why. */
enum interf_status cli_read_points(FILE *fp, const char *name, double **lat, double **lon,
                                   size_t *n, struct interf_error *err);

/* The command line as one string, arguments quoted where needed (for provenance lines).
 * Newly allocated; free with free(). */
char *cli_command_line(int argc, char **argv);

/* Progress on stderr for long runs: "NAME: 42% 1234 steps/s ETA 0:12" rewritten in place at
 * most once a second, only when enabled (stderr is a terminal or --progress, and not -q). */
struct cli_progress {
    int enabled;
    double start_s, last_s;
    double total;        /* units of work, e.g. time steps */
    const char *unit;    /* "steps" */
};

void cli_progress_init(struct cli_progress *p, int force, int quiet, double total,
                       const char *unit);
/* Report the fraction done; returns 0 (a progress callback that never cancels). */
int cli_progress_report(double fraction, const char *stage, void *progress);
/* End the progress line (a newline, if anything was printed). */
void cli_progress_done(struct cli_progress *p);

/* Output: stdout, or FILE written to a temporary file beside it and renamed into place on
 * success (regular files and new paths); devices and FIFOs are written directly. */
struct cli_out {
    FILE *fp;
    char *path;   /* NULL for stdout */
    char *tmp;    /* temporary file, NULL when writing directly */
    int tmp_slot; /* where the signal handler finds tmp (0: nowhere) */
};

/* Open path ("-" or NULL = stdout). On failure prints a message and returns CLI_EXIT_ERROR. */
int cli_out_open(struct cli_out *out, const char *path);
/* Flush, check for write errors, close and rename into place; then close standard output (once
 * per process, so a tool may commit several outputs). On any error prints a message, removes
 * the temporary file (a partial file never replaces a good one) and returns CLI_EXIT_ERROR;
 * else CLI_EXIT_OK. */
int cli_out_commit(struct cli_out *out);
/* After a write error while writing out: print "NAME: FILE: write error: ..." (FILE is
 * "standard output" for stdout), remove the temporary file; returns CLI_EXIT_ERROR. */
int cli_out_fail(struct cli_out *out);
/* Remove the temporary file after an error (no-op for stdout or direct writes). */
void cli_out_abort(struct cli_out *out);

/* Bytes of memory this machine can give now (MemAvailable of /proc/meminfo), or +inf when
 * unknown: the ceiling of a tool's memory estimate, checked before any large allocation. */
double cli_available_memory(void);

/* Save a grid to path with its .prj and .aux.xml sidecars (interf_grid_save: temporary files
 * renamed into place, removed if a signal ends the run). An existing path that is not a
 * regular file (/dev/full, a FIFO) gets the grid alone, written directly: a rename would replace
 * the device, and a device has no place for sidecars. Then closes standard output, as
 * cli_out_commit does. On any error prints a message and returns CLI_EXIT_ERROR. */
int cli_grid_save(const char *path, const struct interf_grid *g,
                  const struct interf_grid_meta *meta, int decimals);

#endif
