/* SPDX-License-Identifier: MIT */
/* The tools' shared helper: messages, option values (numbers, durations, times, lists), exit
 * statuses and atomic output files. Tools only; the library never prints or exits. */
#ifndef INTERF_CLI_H
#define INTERF_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "interf.h"

/* Exit statuses of every tool (diff/grep convention). */
enum { CLI_EXIT_OK = 0, CLI_EXIT_FAIL = 1, CLI_EXIT_ERROR = 2 };

/* Record the program name for messages; call first in main. */
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
int cli_progress_report(double fraction, void *progress);
/* End the progress line (a newline, if anything was printed). */
void cli_progress_done(struct cli_progress *p);

/* Output: stdout, or FILE written to a temporary file beside it and renamed into place on
 * success (regular files and new paths); devices and FIFOs are written directly. */
struct cli_out {
    FILE *fp;
    char *path; /* NULL for stdout */
    char *tmp;  /* temporary file, NULL when writing directly */
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

#endif
