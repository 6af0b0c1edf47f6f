/* SPDX-License-Identifier: MIT */
/* The tools' shared helper: a tool declares its options in a table, reads their values through
 * typed accessors, calls the library, and writes through one output set. Messages, option
 * parsing and output are here once (msg.c, opt.c, out.c); the library never prints or exits. */
#ifndef INTERF_CLI_H
#define INTERF_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "interf.h"

/* Exit statuses of every tool (diff/grep convention; interf-check adds 3, an insufficient run). */
enum { CLI_EXIT_OK = 0, CLI_EXIT_FAIL = 1, CLI_EXIT_ERROR = 2 };

/* ---------------------------------------------------------------------------- options */

/* What an option takes. */
enum cli_arg {
    CLI_FLAG = 0,   /* nothing */
    CLI_ARG = 1,    /* one value, given once */
    CLI_REPEAT = 2, /* one value, may be given again (each is kept, in order) */
    CLI_ALIAS = 3   /* another name of the option of the entry before it (an old spelling kept):
                       given either way it is that option, cli_given and the others answer to
                       both names, and --help lists it on that option's line */
};

/* One line of a tool's option table (the table ends with an entry whose name and heading are
 * both NULL). An entry with only a heading starts a group in --help. An alias is an entry of
 * its own, {"es-dish-m", 0, CLI_ALIAS, NULL, NULL, NULL, NULL}, right after its option. */
struct cli_option {
    const char *name;    /* long name without dashes, e.g. "dish-m" */
    char short_name;     /* e.g. 's', or 0 */
    enum cli_arg arg;
    const char *metavar; /* the value in --help, e.g. "D" */
    const char *help;    /* --help text; "\n" continues on an indented line */
    const char *field;   /* the library's name of the value it fills (its messages start with
                            "FIELD: " and are shown as "--name: "), or NULL */
    const char *heading; /* a group heading in --help (with name NULL) */
};

/* Entries that several tools share, spelled once. */
#define CLI_OPT_SYSTEM                                                                             \
    {"system", 's', CLI_ARG, "FILE", "system file (interf-system(5)); required", NULL, NULL}
#define CLI_OPT_OUTPUT                                                                             \
    {"output", 'o', CLI_ARG, "FILE", "write to FILE (atomically) instead of standard output",     \
     NULL, NULL}
#define CLI_OPT_THREADS                                                                            \
    {"threads", 'j', CLI_ARG, "N", "threads [all cores]; results do not depend on it", NULL, NULL}
/* --progress and -q of the tools that show progress; -q alone of those that only warn */
#define CLI_OPT_PROGRESS                                                                           \
    {"progress", 0, CLI_FLAG, NULL, "show progress even when stderr is not a terminal", NULL,      \
     NULL},                                                                                        \
    {"quiet", 'q', CLI_FLAG, NULL, "no progress, no warnings", NULL, NULL}
#define CLI_OPT_QUIET {"quiet", 'q', CLI_FLAG, NULL, "no warnings on standard error", NULL, NULL}
#define CLI_OPT_END {NULL, 0, 0, NULL, NULL, NULL, NULL}

/* A tool: its name, synopsis and description lines, option table and examples for --help. */
struct cli_tool {
    const char *name;
    const char *synopsis;     /* after "Usage: NAME " */
    const char *description;  /* lines after the usage line */
    const struct cli_option *options;
    const char *examples;     /* lines after "Examples:" */
    int operands;             /* 1: file operands allowed */
};

/* Parse argv against tool (--help and --version are added and answered here: both exit 0).
 * Every other mistake is a usage error (exit 2): an unknown option, a missing value, an option
 * taken once given twice, an operand where none is taken. Call once, first in main: it also
 * records the program name for messages and installs the signal handlers that remove the
 * temporary files of the outputs (SIGINT, SIGTERM, SIGHUP: "NAME: interrupted by SIGINT",
 * exit 2). */
void cli_parse(const struct cli_tool *tool, int argc, char **argv);

/* The values given: cli_given counts the times option name was given (0: absent); cli_text is
 * its (last) value or NULL; cli_nth its k-th value. Asking for a name the table lacks aborts
 * (a programming error). */
size_t cli_given(const char *name);
const char *cli_text(const char *name);
const char *cli_nth(const char *name, size_t k);
/* Typed values of an option (def when absent); a bad value is a usage error naming the option
 * ("--dish-m: expected a number, got \"x\""). */
double cli_real(const char *name, double min, double max, double def);
long cli_long(const char *name, long min, long max, long def);
double cli_duration(const char *name, int allow_negative, double def);
double cli_size(const char *name, double def);
/* The operands (file arguments), in order. */
size_t cli_operands(char ***argv);
/* The command line as given, for provenance. */
void cli_command(int *argc, char ***argv);

/* Two options that exclude each other: a usage error when both are given. */
void cli_exclusive(const char *a, const char *b);

/* ---------------------------------------------------------------------------- messages */

const char *cli_name(void);
/* "NAME: message" on stderr. */
void cli_error(const char *fmt, ...) INTERF_PRINTF(1, 2);
/* "NAME: warning: message" on stderr unless -q (the tool's "quiet" flag) was given. */
void cli_warn(const char *fmt, ...) INTERF_PRINTF(1, 2);
/* cli_warn of one line, for the library's callbacks of warnings (user unused) */
void cli_warn_line(void *user, const char *line);
/* cli_warn of the n samples counted in the top bin of the histograms, if any. */
void cli_warn_clamped(uint64_t n);
/* "NAME: message" and "Try 'NAME --help'." on stderr; exit 2. */
_Noreturn void cli_usage_error(const char *fmt, ...) INTERF_PRINTF(1, 2);
/* Print a library error (a leading "FIELD: " of an option's field shown as "--option: "), remove
 * the temporary files of the run's outputs, and return CLI_EXIT_ERROR. */
int cli_fail(const struct interf_error *err);
/* The same for an error while writing the output path (NULL or "-": standard output): a write
 * error is shown as "PATH: write error: ...". */
int cli_fail_output(const char *path, const struct interf_error *err);
/* The same as a usage error (exit 2), for errors in what the options asked. */
_Noreturn void cli_usage_fail(const struct interf_error *err);
/* Print a library error as cli_fail does and exit 2 (an input that cannot be read). */
_Noreturn void cli_die(const struct interf_error *err);

/* ---------------------------------------------------------------------------- output */

/* Check every output path before the work (interf_output_check; binary: refuse a terminal),
 * exit 2 with the message when one cannot be written. NULL or "-" is standard output. */
void cli_output_check(const char *path, int binary);
/* The run's output set (created on first use; the signal handler removes its temporary files). */
struct interf_outset *cli_outputs(void);
/* Open path ("-" or NULL: standard output) in the run's output set; exit 2 on failure. */
FILE *cli_open(const char *path);
/* Commit the run's output set and check standard output; CLI_EXIT_OK or CLI_EXIT_ERROR (after a
 * message). A tool calls it once, last. */
int cli_commit(void);

/* Memory: refuse (usage error, exit 2) a run needing more than allowed (--max-memory if the
 * tool has it and it was given, else the memory available now). */
void cli_check_memory(double need_bytes, const char *advice);

/* Progress on stderr: "NAME: 42%  1234 steps/s  ETA 0:12" at most once a second, only when
 * stderr is a terminal or --progress was given, and not with -q. cli_progress is an
 * interf_progress_fn (user: the cli_progress struct). */
struct cli_progress {
    int enabled;
    double start_s, last_s, total;
    const char *unit;
};
void cli_progress_init(struct cli_progress *p, double total, const char *unit);
int cli_progress(double fraction, const char *stage, void *user);
void cli_progress_done(struct cli_progress *p);

/* ---------------------------------------------------------------------------- MPI ranks */

/* A tool started by mpirun (its environment says so) runs as one rank of many: cli_parse starts
 * MPI then, and only then (a plain run pays nothing, and builds without MPI run the same code
 * as one rank). Rank 0 reads every input and gives it to the others, prints every message and
 * writes every output; the other ranks print nothing, their standard output goes nowhere, and
 * an error only they meet reaches the user through rank 0 (cli_ranks_agree) or, failing that,
 * once from that rank, naming it. mpirun ends the job when a rank exits non-zero. */
int cli_rank(void);  /* 0 in a plain run */
int cli_ranks(void); /* 1 in a plain run */

/* Every rank calls this with its own status: INTERF_OK when every rank succeeded; otherwise the
 * status and message of the lowest failing rank, as "rank R: message" (no prefix in a plain
 * run), in err on every rank. A collective call: every rank must make it, in the same order. */
enum interf_status cli_ranks_agree(enum interf_status st, struct interf_error *err);

/* An input the tool reads (a path, "-": standard input, which under mpirun only rank 0 has):
 * rank 0 reads it, every rank gets the same stream (a temporary copy under MPI). NULL with err
 * set ("PATH: No such file or directory") on every rank when it cannot be read. Collective. */
FILE *cli_input_open(const char *path, struct interf_error *err);
/* The system file (interf_system_load; under mpirun read by rank 0 only), its warnings shown;
 * exits with its error (status 2). Collective. */
struct interf_system *cli_system(const char *path);

/* Counts summed over the ranks onto rank 0, exactly (32-bit counts that cannot overflow: the
 * engines bound them). count[0..n) on every rank; rank 0 receives the sums. Collective. */
void cli_ranks_sum_counts(uint32_t *count, size_t n);

/* Progress of work shared by the ranks, shown by rank 0 (cli_progress over the sum of the
 * ranks' work done): wrap a run's progress with cli_ranks_progress (user: the struct), begun
 * with this rank's amount of work, ended after the run on every rank (rank 0 waits there for
 * the others' last report, showing progress meanwhile). */
struct cli_ranks_progress {
    struct cli_progress *shown;
    double work, total, *done, last_s, sent;
    int finals;
    void *request;
};
enum interf_status cli_ranks_progress_begin(struct cli_ranks_progress *p,
                                            struct cli_progress *shown, double work,
                                            struct interf_error *err);
int cli_ranks_progress(double fraction, const char *stage, void *user);
void cli_ranks_progress_end(struct cli_ranks_progress *p);

/* Run an EPFD plan over the ranks: each runs its slice of the static partition
 * (interf_epfd_partition), the histograms are summed exactly and the series gathered onto rank
 * 0, whose out then holds the whole run's results, the same bits as interf_epfd_run's; progress
 * shown on rank 0. In a plain run, interf_epfd_run itself. Collective. */
enum interf_status cli_epfd_run(const struct interf_epfd_plan *plan, struct interf_epfd_out *out,
                                struct cli_progress *prog, struct interf_error *err);

/* Execute run k of an examination over the ranks: every rank prepares it (the worst-case
 * geometry, the same on each), runs its window of the run's steps (interf_exam_window: rank r
 * of N the r-th of N contiguous windows, equal to within one step), the parts are summed
 * exactly onto every rank, and every rank finishes the run: each then holds the whole run's
 * results and verdict, the same bits as interf_exam_execute's; progress shown on rank 0. In a
 * plain run, interf_exam_execute itself. Collective. */
enum interf_status cli_exam_execute(struct interf_exam *ex, size_t k, struct cli_progress *prog,
                                    struct interf_error *err);

/* Run a footprint request over the ranks: each computes its part of the grid's points
 * (interf_footprint_partition: contiguous whole rows, or whole tiles of the schedule's
 * aggregate with --stat), rank 0 receives the others' points in order, whose res then holds the
 * whole run's grids, the same bits as interf_footprint_run's; progress shown on rank 0 (rq's
 * progress is set here). In a plain run, interf_footprint_run itself. Collective. */
enum interf_status cli_footprint_run(struct interf_footprint_request *rq,
                                     struct interf_footprint_result *res,
                                     struct cli_progress *prog, struct interf_error *err);

/* Run an aggregate (interf_epfd_mix) over the ranks: each runs its window of steps
 * (interf_epfd_mix_partition), the counts are summed, the channel maxima taken exactly and the
 * series gathered onto rank 0, whose m then holds the whole run's results, the same bits as
 * interf_epfd_mix_run's, and *clamped the run's. In a plain run, interf_epfd_mix_run itself.
 * Collective. */
enum interf_status cli_mix_run(struct interf_epfd_mix *m, uint64_t *clamped,
                               struct interf_error *err);

#endif
