/* SPDX-License-Identifier: MIT */
/* The tools' output: paths checked before the work, every file of a run written through one
 * output set of the library (temporary files renamed together on success, removed on failure or
 * by a signal), standard output checked at the end, the memory check and the progress line. */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli_impl.h"

/* The one piece of process-wide state a tool needs: a signal handler has no other way to find
 * the temporary files. */
static struct interf_outset *volatile outputs;
static volatile sig_atomic_t progress_line;

struct interf_outset *cli_outputs_if_any(void) { return outputs; }
int cli_progress_open(void) { return progress_line; }

int cli_close_stdout(void)
{
    static int closed;
    if (closed)
        return CLI_EXIT_OK;
    closed = 1;
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
        cli_error("standard output: write error: %s", strerror(errno ? errno : EIO));
        return CLI_EXIT_ERROR;
    }
    return CLI_EXIT_OK;
}

void cli_output_check(const char *path, int binary)
{
    struct interf_error err;
    if (cli_rank() != 0)
        return; /* rank 0 writes every output */
    if (interf_output_check(path ? path : "-", binary, &err) != INTERF_OK) {
        cli_error("%s", err.msg);
        exit(CLI_EXIT_ERROR);
    }
}

struct interf_outset *cli_outputs(void)
{
    struct interf_error err;
    if (!outputs) {
        struct interf_outset *s;
        if (interf_outset_create(&s, &err) != INTERF_OK) {
            cli_error("%s", err.msg);
            exit(CLI_EXIT_ERROR);
        }
        outputs = s;
    }
    return outputs;
}

FILE *cli_open(const char *path)
{
    struct interf_error err;
    FILE *fp;
    if (interf_outset_open(cli_outputs(), path ? path : "-", &fp, &err) != INTERF_OK) {
        cli_error("%s", err.msg);
        interf_outset_destroy(outputs);
        outputs = NULL;
        exit(CLI_EXIT_ERROR);
    }
    return fp;
}

void cli_discard(void)
{
    struct interf_outset *s = outputs;
    outputs = NULL;
    interf_outset_destroy(s);
}

int cli_commit(void)
{
    struct interf_error err;
    if (outputs && interf_outset_commit(outputs, &err) != INTERF_OK)
        return cli_fail(&err);
    cli_discard();
    /* Nothing may have gone to standard output, but a tool never ends without checking it. */
    return cli_close_stdout();
}

/* Bytes of memory this machine can give now (MemAvailable of /proc/meminfo), +inf if unknown. */
static double available_memory(void)
{
    FILE *f = fopen("/proc/meminfo", "r");
    char line[256];
    double kb = INFINITY;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "MemAvailable:", 13) == 0) {
            char *p = line + 13, *e;
            p += strspn(p, " \t");
            e = p + strspn(p, "0123456789");
            *e = '\0';
            interf_parse_real(p, &kb);
        }
    if (f)
        fclose(f);
    return kb * 1024.0;
}

void cli_check_memory(double need, const char *advice)
{
    int limited = cli_has_option("max-memory") && cli_given("max-memory");
    /* the ranks on one machine share its memory; every rank decides on the scarcest */
    double have = cli_ranks_min(limited ? cli_size("max-memory", 0)
                                        : available_memory() / cli_ranks_here());
    if (need > have)
        cli_usage_error("this run needs %.2f GiB of memory, more than the %.2f GiB %s; %s",
                        need / 1073741824.0, have / 1073741824.0,
                        limited ? "allowed by --max-memory" : "available", advice);
}

/* ---------------------------------------------------------------------------- progress */

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void cli_progress_init(struct cli_progress *p, double total, const char *unit)
{
    int quiet = cli_has_option("quiet") && cli_given("quiet");
    int force = cli_has_option("progress") && cli_given("progress");
    p->enabled = !quiet && (force || isatty(STDERR_FILENO));
    p->start_s = p->last_s = now_s();
    p->total = total;
    p->unit = unit;
}

int cli_progress(double fraction, const char *stage, void *user)
{
    struct cli_progress *p = user;
    double t = now_s();
    (void)stage;
    if (!p->enabled || (t - p->last_s < 1.0 && fraction < 1.0))
        return 0;
    p->last_s = t;
    double el = t - p->start_s, rate = fraction * p->total / (el > 0 ? el : 1e-9);
    double eta = fraction > 0 ? el * (1 - fraction) / fraction : 0;
    fprintf(stderr, "\r%s: %3.0f%%  %.0f %s/s  ETA %d:%02d ", cli_name(), 100 * fraction, rate,
            p->unit, (int)(eta / 60), (int)eta % 60);
    progress_line = 1;
    return 0;
}

void cli_progress_done(struct cli_progress *p)
{
    (void)p;
    if (progress_line)
        fputc('\n', stderr);
    progress_line = 0;
}
