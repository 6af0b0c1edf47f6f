/* SPDX-License-Identifier: MIT */
/* The tools' shared helper: messages, option values, exit statuses and atomic output. */
#include "cli_legacy.h"

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
/* The temporary output files, removed if a signal ends the run (the one piece of process-wide
 * state a tool needs: a signal handler has no other way to find them). A tool has at most a
 * few open at once: interf-pattern's PNG and table, a grid and its two sidecars. */
#define TMP_SLOTS 8
#define TMP_PATH_BYTES 4200
static volatile sig_atomic_t tmp_live[TMP_SLOTS];
static char tmp_paths[TMP_SLOTS][TMP_PATH_BYTES];
/* A progress line is on stderr without its newline. */
static volatile sig_atomic_t progress_open;

static void signals_init(void);

void cli_init(const char *name)
{
    prog = name;
    signals_init();
}
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

/* The option-value parsers: a pure function returning a status (fuzzed, see fuzz/fuzz_cli.c)
 * and the wrapper the tools call, which turns a failure into a usage error. */
enum interf_status cli_parse_double(const char *arg, const char *opt, double min, double max,
                                    double *out, struct interf_error *err)
{
    char *end;
    errno = 0;
    double v = strtod(arg, &end);
    if (end == arg || *end != '\0' || errno == ERANGE || !isfinite(v))
        return interf_error_set(err, INTERF_EINPUT, "%s: expected a number, got \"%s\"", opt,
                                arg);
    if (v < min || v > max)
        return interf_error_set(err, INTERF_EINPUT, "%s: %s: allowed range %g to %g", opt, arg,
                                min, max);
    *out = v;
    return INTERF_OK;
}

double cli_double(const char *arg, const char *opt, double min, double max)
{
    struct interf_error err;
    double v = 0;
    if (cli_parse_double(arg, opt, min, max, &v, &err) != INTERF_OK)
        cli_usage_error("%s", err.msg);
    return v;
}

enum interf_status cli_parse_long(const char *arg, const char *opt, long min, long max,
                                  long *out, struct interf_error *err)
{
    char *end;
    errno = 0;
    long v = strtol(arg, &end, 10);
    if (end == arg || *end != '\0' || errno == ERANGE)
        return interf_error_set(err, INTERF_EINPUT, "%s: expected a whole number, got \"%s\"",
                                opt, arg);
    if (v < min || v > max)
        return interf_error_set(err, INTERF_EINPUT, "%s: %s: allowed range %ld to %ld", opt, arg,
                                min, max);
    *out = v;
    return INTERF_OK;
}

long cli_long(const char *arg, const char *opt, long min, long max)
{
    struct interf_error err;
    long v = 0;
    if (cli_parse_long(arg, opt, min, max, &v, &err) != INTERF_OK)
        cli_usage_error("%s", err.msg);
    return v;
}

enum interf_status cli_parse_duration(const char *arg, const char *opt, int allow_negative,
                                      double *out, struct interf_error *err)
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
        return interf_error_set(err, INTERF_EINPUT, "%s: %s: must not be negative", opt, arg);
    /* "1e308d" is a finite number of an infinite number of seconds. */
    if (!isfinite(v * unit))
        return interf_error_set(err, INTERF_EINPUT, "%s: %s: too long a duration", opt, arg);
    *out = v * unit;
    return INTERF_OK;
bad:
    return interf_error_set(err, INTERF_EINPUT,
                            "%s: expected a duration such as 90s, 15m, 2h or 1.5d, got \"%s\"",
                            opt, arg);
}

double cli_duration(const char *arg, const char *opt, int allow_negative)
{
    struct interf_error err;
    double v = 0;
    if (cli_parse_duration(arg, opt, allow_negative, &v, &err) != INTERF_OK)
        cli_usage_error("%s", err.msg);
    return v;
}

enum interf_status cli_parse_size(const char *arg, const char *opt, double *out,
                                  struct interf_error *err)
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
    if (!isfinite(v * unit))
        return interf_error_set(err, INTERF_EINPUT, "%s: %s: too large a size", opt, arg);
    *out = v * unit;
    return INTERF_OK;
bad:
    return interf_error_set(err, INTERF_EINPUT,
                            "%s: expected a positive size such as 512M or 2G, got \"%s\"", opt,
                            arg);
}

double cli_size(const char *arg, const char *opt)
{
    struct interf_error err;
    double v = 0;
    if (cli_parse_size(arg, opt, &v, &err) != INTERF_OK)
        cli_usage_error("%s", err.msg);
    return v;
}

enum interf_status cli_parse_time(const char *arg, const char *opt, double epoch_unix_s,
                                  double *out, struct interf_error *err)
{
    /* An ISO 8601 time starts with a four-digit year and a dash; anything else is an offset. */
    if (strlen(arg) >= 5 && arg[4] == '-') {
        struct interf_error e2;
        double t;
        if (interf_time_parse_utc(arg, &t, &e2) != INTERF_OK)
            return interf_error_set(err, INTERF_EINPUT, "%s: %s", opt, e2.msg);
        *out = t - epoch_unix_s;
        return INTERF_OK;
    }
    return cli_parse_duration(arg, opt, 1, out, err);
}

double cli_time(const char *arg, const char *opt, double epoch_unix_s)
{
    struct interf_error err;
    double v = 0;
    if (cli_parse_time(arg, opt, epoch_unix_s, &v, &err) != INTERF_OK)
        cli_usage_error("%s", err.msg);
    return v;
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

enum interf_status cli_parse_latlon(const char *arg, const char *opt, double *lat_deg,
                                    double *lon_deg, double *third, int *count,
                                    struct interf_error *err)
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
        return interf_error_set(err, INTERF_EINPUT, "%s: latitude %g: allowed range -90 to 90 deg",
                                opt, v[0]);
    if (v[1] < -180 || v[1] > 360)
        return interf_error_set(err, INTERF_EINPUT,
                                "%s: longitude %g: allowed range -180 to 360 deg", opt, v[1]);
    *lat_deg = v[0];
    *lon_deg = v[1];
    if (n == 3 && third)
        *third = v[2];
    *count = n;
    return INTERF_OK;
bad:
    return interf_error_set(err, INTERF_EINPUT,
                            "%s: expected LAT,LON[,ALT] in degrees, got \"%s\"", opt, arg);
}

int cli_latlon(const char *arg, const char *opt, double *lat_deg, double *lon_deg, double *third)
{
    struct interf_error err;
    int n = 0;
    if (cli_parse_latlon(arg, opt, lat_deg, lon_deg, third, &n, &err) != INTERF_OK)
        cli_usage_error("%s", err.msg);
    return n;
}

/* The schema line of a point list: the columns named lat_deg and lon_deg. */
static void points_schema(char *line, int *clat, int *clon)
{
    char *save = NULL;
    int col = 0;
    for (char *t = strtok_r(line + 1, " \t\r\n", &save); t;
         t = strtok_r(NULL, " \t\r\n", &save), col++) {
        if (strcmp(t, "lat_deg") == 0)
            *clat = col;
        if (strcmp(t, "lon_deg") == 0)
            *clon = col;
    }
}

/* One data row of a point list into v[0] (lat) and v[1] (lon); NaN where a column is absent. */
static enum interf_status points_row(char *line, const char *name, int ln, int clat, int clon,
                                     double v[2], struct interf_error *err)
{
    char *save = NULL;
    int col = 0;
    v[0] = v[1] = NAN;
    for (char *t = strtok_r(line, " \t\r\n", &save); t;
         t = strtok_r(NULL, " \t\r\n", &save), col++) {
        if (col != clat && col != clon)
            continue;
        char *end;
        double x = strtod(t, &end);
        if (*end || !isfinite(x))
            return interf_error_set(err, INTERF_EINPUT, "%s:%d: %.40s: not a number", name, ln,
                                    t);
        v[col == clon] = x;
    }
    if (!(fabs(v[0]) <= 90) || !(v[1] >= -180 && v[1] <= 360))
        return interf_error_set(err, INTERF_EINPUT,
                                "%s:%d: expected lat_deg in [-90, 90] and lon_deg in [-180, 360]",
                                name, ln);
    return INTERF_OK;
}

static enum interf_status points_push(double **lat, double **lon, size_t *n, size_t *cap,
                                      const double v[2])
{
    if (*n == *cap) {
        size_t ncap = *cap ? 2 * *cap : 256;
        double *a = realloc(*lat, ncap * sizeof *a);
        if (a)
            *lat = a;
        double *b = a ? realloc(*lon, ncap * sizeof *b) : NULL;
        if (b)
            *lon = b;
        if (!a || !b)
            return INTERF_ENOMEM;
        *cap = ncap;
    }
    (*lat)[*n] = v[0];
    (*lon)[(*n)++] = v[1];
    return INTERF_OK;
}

enum interf_status cli_read_points(FILE *fp, const char *name, double **lat, double **lon,
                                   size_t *n, struct interf_error *err)
{
    char *line = NULL;
    size_t len = 0, cap = 0;
    int clat = 0, clon = 1, ln = 0;
    enum interf_status st = INTERF_OK;
    *lat = *lon = NULL;
    *n = 0;
    ssize_t got;
    while ((got = getline(&line, &len, fp)) != -1) {
        ln++;
        if ((size_t)got != strlen(line)) {
            st = interf_error_set(err, INTERF_EINPUT, "%s:%d: NUL byte in a text file", name,
                                  ln);
            goto fail;
        }
        if (ln == 1 && line[0] == '#') {
            points_schema(line, &clat, &clon);
            continue;
        }
        if (line[0] == '#' || line[0] == '>' || strspn(line, " \t\r\n") == strlen(line))
            continue;
        double v[2];
        if ((st = points_row(line, name, ln, clat, clon, v, err)) != INTERF_OK)
            goto fail;
        if (points_push(lat, lon, n, &cap, v) != INTERF_OK) {
            st = interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", name);
            goto fail;
        }
    }
    if (ferror(fp)) {
        st = interf_error_set(err, INTERF_EIO, "%s: read error: %s", name, strerror(errno));
        goto fail;
    }
    if (*n == 0) {
        st = interf_error_set(err, INTERF_EINPUT, "%s: no points", name);
        goto fail;
    }
    free(line);
    return INTERF_OK;
fail:
    free(line);
    free(*lat);
    free(*lon);
    *lat = *lon = NULL;
    *n = 0;
    return st;
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

int cli_progress_report(double fraction, const char *stage, void *arg)
{
    (void)stage;
    struct cli_progress *p = arg;
    double t = now_s();
    if (!p->enabled || (t - p->last_s < 1.0 && fraction < 1.0))
        return 0;
    p->last_s = t;
    double el = t - p->start_s, rate = fraction * p->total / (el > 0 ? el : 1e-9);
    double eta = fraction > 0 ? el * (1 - fraction) / fraction : 0;
    fprintf(stderr, "\r%s: %3.0f%%  %.0f %s/s  ETA %d:%02d ", prog, 100 * fraction, rate, p->unit,
            (int)(eta / 60), (int)eta % 60);
    progress_open = 1;
    return 0;
}

void cli_progress_done(struct cli_progress *p)
{
    if (p->enabled && p->last_s > p->start_s)
        fputc('\n', stderr);
    progress_open = 0;
}

/* Signal-handler output: write(2) only (stdio is not async-signal-safe). */
static void say(const char *s)
{
    ssize_t w = write(STDERR_FILENO, s, strlen(s));
    (void)w;
}

/* SIGINT, SIGTERM, SIGHUP: remove the temporary files (a partial file never replaces a good
 * one), say so on one line and exit 2 like any other error. */
static void on_signal(int sig)
{
    for (int k = 0; k < TMP_SLOTS; k++)
        if (tmp_live[k])
            unlink(tmp_paths[k]);
    if (progress_open)
        say("\n");
    say(prog);
    say(sig == SIGINT ? ": interrupted by SIGINT\n"
        : sig == SIGTERM ? ": terminated by SIGTERM\n" : ": hung up (SIGHUP)\n");
    _exit(CLI_EXIT_ERROR);
}

/* From the start of the run: an interrupted tool says so and exits 2 even before it opens its
 * output. A signal ignored when the tool started stays ignored (a background job of a
 * non-interactive shell ignores SIGINT, as nohup ignores SIGHUP). */
static void signals_init(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t k = 0; k < sizeof sigs / sizeof sigs[0]; k++)
        sigaddset(&sa.sa_mask, sigs[k]);
    for (size_t k = 0; k < sizeof sigs / sizeof sigs[0]; k++)
        if (sigaction(sigs[k], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaction(sigs[k], &sa, NULL);
}

/* Give path to the signal handler; returns its slot + 1, or 0 when all are taken (the file is
 * then not removed by a signal, which only a tool holding TMP_SLOTS outputs would meet). */
static int tmp_track(const char *path)
{
    size_t n = strlen(path) + 1;
    for (int k = 0; k < TMP_SLOTS; k++)
        if (!tmp_live[k] && n <= sizeof tmp_paths[k]) {
            memcpy(tmp_paths[k], path, n);
            tmp_live[k] = 1;
            return k + 1;
        }
    return 0;
}

static void tmp_untrack(int slot)
{
    if (slot > 0)
        tmp_live[slot - 1] = 0;
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
    if (n > TMP_PATH_BYTES) {
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
    out->tmp_slot = tmp_track(out->tmp);
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
        tmp_untrack(out->tmp_slot);
        out->tmp_slot = 0;
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
    tmp_untrack(out->tmp_slot);
    out->tmp_slot = 0;
    free(out->tmp);
    free(out->path);
    out->tmp = out->path = NULL;
    /* Nothing went to stdout, but a tool never ends without checking it. */
    return close_stdout();
}

int cli_grid_save(const char *path, const struct interf_grid *g,
                  const struct interf_grid_meta *meta, int decimals)
{
    struct interf_error err;
    struct interf_outset *set;
    enum interf_status s = interf_outset_create(&set, &err);
    if (s == INTERF_OK && (s = interf_grid_save(set, path, g, meta, decimals, &err)) == INTERF_OK)
        s = interf_outset_commit(set, &err);
    interf_outset_destroy(set);
    if (s != INTERF_OK) {
        cli_error("%s", err.msg);
        return CLI_EXIT_ERROR;
    }
    return close_stdout();
}

double cli_available_memory(void)
{
    FILE *f = fopen("/proc/meminfo", "r");
    char line[256];
    double kb = INFINITY;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "MemAvailable:", 13) == 0)
            kb = strtod(line + 13, NULL);
    if (f)
        fclose(f);
    return kb * 1024.0;
}
