/* SPDX-License-Identifier: MIT */
/* The tools' shared helper: messages, option values, exit statuses and atomic output. */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *prog = "interf";
/* The temporary output file, removed if a signal ends the run (the one piece of process-wide
 * state a tool needs: a signal handler has no other way to find it). */
static volatile sig_atomic_t tmp_live;
static char tmp_path[4096];

void cli_init(const char *name) { prog = name; }
const char *cli_name(void) { return prog; }

static void vmessage(const char *fmt, va_list ap)
{
    fprintf(stderr, "%s: ", prog);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage(fmt, ap);
    va_end(ap);
}

void cli_warn(int quiet, const char *fmt, ...)
{
    if (quiet)
        return;
    va_list ap;
    va_start(ap, fmt);
    vmessage(fmt, ap);
    va_end(ap);
}

void cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage(fmt, ap);
    va_end(ap);
    fprintf(stderr, "Try '%s --help'.\n", prog);
    exit(CLI_EXIT_ERROR);
}

/* Close stdout and report a failed write (full disk, closed pipe): never a silent success.
 * Once only: a tool with two outputs commits both. */
static int close_stdout(void)
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

void cli_version(void)
{
    printf("%s (interf) %s\n", prog, INTERF_VERSION_STRING);
    exit(close_stdout());
}

void cli_help(const char *text)
{
    fputs(text, stdout);
    exit(close_stdout());
}

double cli_double(const char *arg, const char *opt, double min, double max)
{
    char *end;
    errno = 0;
    double v = strtod(arg, &end);
    if (end == arg || *end != '\0' || errno == ERANGE || !isfinite(v))
        cli_usage_error("%s: expected a number, got \"%s\"", opt, arg);
    if (v < min || v > max)
        cli_usage_error("%s: %s: allowed range %g to %g", opt, arg, min, max);
    return v;
}

long cli_long(const char *arg, const char *opt, long min, long max)
{
    char *end;
    errno = 0;
    long v = strtol(arg, &end, 10);
    if (end == arg || *end != '\0' || errno == ERANGE)
        cli_usage_error("%s: expected a whole number, got \"%s\"", opt, arg);
    if (v < min || v > max)
        cli_usage_error("%s: %s: allowed range %ld to %ld", opt, arg, min, max);
    return v;
}

double cli_duration(const char *arg, const char *opt, int allow_negative)
{
    char *end;
    errno = 0;
    double v = strtod(arg, &end);
    double unit = 1.0;
    if (end == arg || errno == ERANGE || !isfinite(v))
        goto bad;
    if (*end) {
        if (end[1] != '\0')
            goto bad;
        switch (*end) {
        case 's': unit = 1.0; break;
        case 'm': unit = 60.0; break;
        case 'h': unit = 3600.0; break;
        case 'd': unit = 86400.0; break;
        default: goto bad;
        }
    }
    if (v < 0 && !allow_negative)
        cli_usage_error("%s: %s: must not be negative", opt, arg);
    return v * unit;
bad:
    cli_usage_error("%s: expected a duration such as 90s, 15m, 2h or 1.5d, got \"%s\"", opt, arg);
}

double cli_size(const char *arg, const char *opt)
{
    char *end;
    errno = 0;
    double v = strtod(arg, &end), unit = 1;
    if (end == arg || errno == ERANGE || !isfinite(v) || v <= 0)
        goto bad;
    if (*end) {
        const char *units = "KMGT", *u = strchr(units, *end);
        if (!u || end[1] != '\0')
            goto bad;
        unit = pow(1024.0, (double)(u - units + 1));
    }
    return v * unit;
bad:
    cli_usage_error("%s: expected a positive size such as 512M or 2G, got \"%s\"", opt, arg);
}

double cli_time(const char *arg, const char *opt, double epoch_unix_s)
{
    /* An ISO 8601 time starts with a four-digit year and a dash; anything else is an offset. */
    if (strlen(arg) >= 5 && arg[4] == '-') {
        struct interf_error err;
        double t;
        if (interf_time_parse_utc(arg, &t, &err) != INTERF_OK)
            cli_usage_error("%s: %s", opt, err.msg);
        return t - epoch_unix_s;
    }
    return cli_duration(arg, opt, 1);
}

unsigned char *cli_index_list(const char *arg, const char *opt, size_t limit)
{
    unsigned char *sel = calloc(limit ? limit : 1, 1);
    const char *p = arg;
    if (!sel)
        cli_usage_error("%s: out of memory", opt);
    while (*p) {
        char *end;
        errno = 0;
        long lo = strtol(p, &end, 10), hi;
        if (end == p || lo < 0 || errno)
            goto bad;
        hi = lo;
        p = end;
        if (*p == '-') {
            const char *q = p + 1;
            hi = strtol(q, &end, 10);
            if (end == q || hi < lo || errno)
                goto bad;
            p = end;
        }
        if ((size_t)hi >= limit) {
            free(sel);
            cli_usage_error("%s: %ld: the system has satellites 0 to %zu", opt, hi, limit - 1);
        }
        memset(sel + lo, 1, (size_t)(hi - lo + 1));
        if (*p == ',' && p[1])
            p++;
        else if (*p)
            goto bad;
    }
    return sel;
bad:
    free(sel);
    cli_usage_error("%s: expected a list such as 0,5,10-20, got \"%s\"", opt, arg);
}

int cli_latlon(const char *arg, const char *opt, double *lat_deg, double *lon_deg, double *third)
{
    double v[3];
    int n = 0;
    const char *p = arg;
    while (n < 3) {
        char *end;
        errno = 0;
        v[n] = strtod(p, &end);
        if (end == p || errno == ERANGE || !isfinite(v[n]))
            goto bad;
        n++;
        p = end;
        if (*p == '\0')
            break;
        if (*p++ != ',')
            goto bad;
    }
    if (*p != '\0' || n < 2)
        goto bad;
    if (v[0] < -90 || v[0] > 90)
        cli_usage_error("%s: latitude %g: allowed range -90 to 90 deg", opt, v[0]);
    if (v[1] < -180 || v[1] > 360)
        cli_usage_error("%s: longitude %g: allowed range -180 to 360 deg", opt, v[1]);
    *lat_deg = v[0];
    *lon_deg = v[1];
    if (n == 3 && third)
        *third = v[2];
    return n;
bad:
    cli_usage_error("%s: expected LAT,LON[,ALT] in degrees, got \"%s\"", opt, arg);
}

char *cli_command_line(int argc, char **argv)
{
    size_t n = 1;
    for (int i = 0; i < argc; i++)
        n += 2 * strlen(argv[i]) + 3;
    char *s = malloc(n), *q = s;
    if (!s)
        return NULL;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        int quote = a[0] == '\0' || strpbrk(a, " \t\n'\"\\$`*?[]{}()<>|&;#~") != NULL;
        if (i)
            *q++ = ' ';
        if (quote)
            *q++ = '\'';
        for (; *a; a++) {
            if (*a == '\'' && quote) {
                memcpy(q, "'\\''", 4);
                q += 4;
            } else {
                *q++ = *a;
            }
        }
        if (quote)
            *q++ = '\'';
    }
    *q = '\0';
    return s;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

void cli_progress_init(struct cli_progress *p, int force, int quiet, double total,
                       const char *unit)
{
    p->enabled = !quiet && (force || isatty(STDERR_FILENO));
    p->start_s = now_s();
    p->last_s = p->start_s;
    p->total = total;
    p->unit = unit;
}

int cli_progress_report(double fraction, void *arg)
{
    struct cli_progress *p = arg;
    double t = now_s();
    if (!p->enabled || (t - p->last_s < 1.0 && fraction < 1.0))
        return 0;
    p->last_s = t;
    double el = t - p->start_s, rate = fraction * p->total / (el > 0 ? el : 1e-9);
    double eta = fraction > 0 ? el * (1 - fraction) / fraction : 0;
    fprintf(stderr, "\r%s: %3.0f%%  %.0f %s/s  ETA %d:%02d ", prog, 100 * fraction, rate, p->unit,
            (int)(eta / 60), (int)eta % 60);
    return 0;
}

void cli_progress_done(struct cli_progress *p)
{
    if (p->enabled && p->last_s > p->start_s)
        fputc('\n', stderr);
}

static void on_signal(int sig)
{
    if (tmp_live)
        unlink(tmp_path);
    signal(sig, SIG_DFL);
    raise(sig);
}

int cli_out_open(struct cli_out *out, const char *path)
{
    struct stat st;
    memset(out, 0, sizeof *out);
    if (!path || strcmp(path, "-") == 0) {
        out->fp = stdout;
        return CLI_EXIT_OK;
    }
    size_t n = strlen(path) + 16;
    if (n > sizeof tmp_path) {
        cli_error("%s: path too long", path);
        return CLI_EXIT_ERROR;
    }
    out->path = strdup(path);
    if (!out->path)
        goto fail;
    /* Devices and FIFOs (/dev/null, /dev/full, a named pipe) are written directly: a rename
     * would replace the device node. */
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        out->fp = fopen(path, "w");
        if (!out->fp)
            goto fail;
        return CLI_EXIT_OK;
    }
    out->tmp = malloc(n);
    if (!out->tmp)
        goto fail;
    snprintf(out->tmp, n, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(out->tmp);
    if (fd < 0) {
        free(out->tmp);
        out->tmp = NULL;
        goto fail;
    }
    /* mkstemp creates mode 0600; give the file the mode a plain fopen would. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    memcpy(tmp_path, out->tmp, strlen(out->tmp) + 1);
    tmp_live = 1;
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGHUP, on_signal);
    out->fp = fdopen(fd, "w");
    if (!out->fp) {
        close(fd);
        goto fail;
    }
    return CLI_EXIT_OK;
fail:
    cli_error("%s: %s", path, strerror(errno ? errno : ENOMEM));
    cli_out_abort(out);
    return CLI_EXIT_ERROR;
}

void cli_out_abort(struct cli_out *out)
{
    if (out->fp && out->fp != stdout)
        fclose(out->fp);
    out->fp = NULL;
    if (out->tmp) {
        unlink(out->tmp);
        tmp_live = 0;
        free(out->tmp);
        out->tmp = NULL;
    }
    free(out->path);
    out->path = NULL;
}

int cli_out_fail(struct cli_out *out)
{
    int e = errno ? errno : EIO;
    cli_error("%s: write error: %s", out->path ? out->path : "standard output", strerror(e));
    cli_out_abort(out);
    return CLI_EXIT_ERROR;
}

int cli_out_commit(struct cli_out *out)
{
    if (out->fp == stdout)
        return close_stdout();
    errno = 0;
    int bad = fflush(out->fp) != 0 || ferror(out->fp);
    int e = errno;
    if (fclose(out->fp) != 0 && !bad) {
        bad = 1;
        e = errno;
    }
    out->fp = NULL;
    if (!bad && out->tmp && rename(out->tmp, out->path) != 0) {
        bad = 1;
        e = errno;
    }
    if (bad) {
        errno = e;
        return cli_out_fail(out);
    }
    tmp_live = 0;
    free(out->tmp);
    free(out->path);
    out->tmp = out->path = NULL;
    /* Nothing went to stdout, but a tool never ends without checking it. */
    return close_stdout();
}
