/* SPDX-License-Identifier: MIT */
/* Private to tools/common: what the parts of the CLI helper share. */
#ifndef INTERF_CLI_IMPL_H
#define INTERF_CLI_IMPL_H

#include "cli.h"

/* msg.c: record the program name and install the signal handlers. */
void cli_messages_init(const char *name);
/* out.c: flush and close standard output once; CLI_EXIT_OK or CLI_EXIT_ERROR after a message. */
int cli_close_stdout(void);
/* out.c: the run's output set if one was created (NULL otherwise), and whether a progress
 * line is open on stderr (both read by the signal handler). */
struct interf_outset *cli_outputs_if_any(void);
int cli_progress_open(void);
/* out.c: remove the temporary files of the run's outputs (a failed run). */
void cli_discard(void);
/* opt.c: the option whose library field is field[0..len), or NULL; 1 if the tool has it. */
const struct cli_option *cli_option_of_field(const char *field, size_t len);
int cli_has_option(const char *name);

/* msg.c: ranks other than 0 keep their messages (the last error is kept for cli_mpi_exit);
 * whether an error was met. */
void cli_messages_rank(int rank);
const char *cli_kept_error(void);
int cli_failed(void);
/* mpi.c: start MPI when mpirun launched the process (called by cli_parse). */
void cli_mpi_start(void);
/* mpi.c: the smallest of the ranks' values (the value itself in a plain run). Collective. */
double cli_ranks_min(double v);
/* mpi.c: ranks on this rank's machine (1 in a plain run). */
int cli_ranks_here(void);

#endif
