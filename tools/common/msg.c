/* SPDX-License-Identifier: MIT */
/* The tools' messages: "NAME: what" on stderr, usage errors that exit 2, library errors with the
 * field they name shown as the option that set it, and the signals that end a run cleanly. */
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_impl.h"

static const char *prog = "interf";
/* Under MPI, ranks other than 0 print nothing: they keep their last error (cli_mpi.c shows it
 * if rank 0 cannot). */
static int quiet_rank, failed;
static char kept[1024];

const char *cli_name(void) { return prog; }
void cli_messages_rank(int rank) { quiet_rank = rank; }
const char *cli_kept_error(void) { return kept; }
int cli_failed(void) { return failed; }

static void vmessage(const char *prefix, const char *fmt, va_list ap)
{
    if (!*prefix)
        failed = 1;
    if (quiet_rank) {
        if (!*prefix)
            vsnprintf(kept, sizeof kept, fmt, ap);
        return;
    }
    cli_progress_done(NULL);
    fprintf(stderr, "%s: %s", prog, prefix);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("", fmt, ap);
    va_end(ap);
}

void cli_warn(const char *fmt, ...)
{
    if (cli_has_option("quiet") && cli_given("quiet"))
        return;
    va_list ap;
    va_start(ap, fmt);
    vmessage("warning: ", fmt, ap);
    va_end(ap);
}

void cli_warn_line(void *user, const char *line)
{
    (void)user;
    cli_warn("%s", line);
}

void cli_warn_clamped(uint64_t n)
{
    if (n)
        cli_warn("%llu samples at or above -80 dB were counted in the top bin",
                 (unsigned long long)n);
}

void cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("", fmt, ap);
    va_end(ap);
    if (!quiet_rank)
        fprintf(stderr, "Try '%s --help'.\n", prog);
    exit(CLI_EXIT_ERROR);
}

/* The message with a leading "FIELD:" of a known option field shown as "--option:". */
static void show(const struct interf_error *err, char *buf, size_t n)
{
    const char *m = err->msg, *colon = strchr(m, ':');
    const struct cli_option *o = colon ? cli_option_of_field(m, (size_t)(colon - m)) : NULL;
    if (o)
        snprintf(buf, n, "--%s%s", o->name, colon);
    else
        snprintf(buf, n, "%s", m);
}

int cli_fail(const struct interf_error *err)
{
    char buf[sizeof err->msg + 64];
    show(err, buf, sizeof buf);
    cli_error("%s", buf);
    cli_discard();
    return CLI_EXIT_ERROR;
}

int cli_fail_output(const char *path, const struct interf_error *err)
{
    if (err->status != INTERF_EIO || strncmp(err->msg, "write error", 11) != 0)
        return cli_fail(err);
    cli_error("%s: %s", !path || strcmp(path, "-") == 0 ? "standard output" : path, err->msg);
    cli_discard();
    return CLI_EXIT_ERROR;
}

void cli_die(const struct interf_error *err)
{
    exit(cli_fail(err));
}

void cli_usage_fail(const struct interf_error *err)
{
    char buf[sizeof err->msg + 64];
    show(err, buf, sizeof buf);
    cli_discard();
    cli_usage_error("%s", buf);
}

/* ---------------------------------------------------------------------------- signals */

/* Signal-handler output: write(2) only (stdio is not async-signal-safe). */
static void say(const char *s)
{
    ssize_t w = write(STDERR_FILENO, s, strlen(s));
    (void)w;
}

/* SIGINT, SIGTERM, SIGHUP: remove the temporary files of the outputs (the library's output set
 * knows them; a partial file never replaces a good one), say so on one line, exit 2. */
static void on_signal(int sig)
{
    interf_outset_unlink_all(cli_outputs_if_any());
    if (quiet_rank)
        _exit(CLI_EXIT_ERROR);
    if (cli_progress_open())
        say("\n");
    say(prog);
    say(sig == SIGINT ? ": interrupted by SIGINT\n"
        : sig == SIGTERM ? ": terminated by SIGTERM\n" : ": hung up (SIGHUP)\n");
    _exit(CLI_EXIT_ERROR);
}

/* From the start of the run. A signal ignored when the tool started stays ignored (a background
 * job of a non-interactive shell ignores SIGINT, as nohup ignores SIGHUP). */
void cli_messages_init(const char *name)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    struct sigaction sa, old;
    prog = name;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t k = 0; k < sizeof sigs / sizeof sigs[0]; k++)
        sigaddset(&sa.sa_mask, sigs[k]);
    for (size_t k = 0; k < sizeof sigs / sizeof sigs[0]; k++)
        if (sigaction(sigs[k], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaction(sigs[k], &sa, NULL);
    /* A closed pipe (| head -1) is a write error like any other: exit 2 with a message, as
     * every man page promises, not death by SIGPIPE (141). */
    signal(SIGPIPE, SIG_IGN);
}
