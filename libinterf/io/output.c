/* SPDX-License-Identifier: MIT */
/* interf io: the output set, the one way a run writes its files: temporary files beside their
 * targets, renamed into place together once all of them are written and closed without error,
 * removed otherwise (and by a signal handler, through interf_outset_unlink_all). */
#include "interf/io.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PATH_BYTES 4200

struct out_file {
    char target[PATH_BYTES];
    char tmp[PATH_BYTES];           /* "" when written directly */
    FILE *fp;                       /* NULL for a path-only entry, or once closed */
    int is_stdout;
    volatile sig_atomic_t live;     /* the temporary file exists */
};

struct interf_outset {
    size_t n;
    struct out_file f[INTERF_OUTSET_MAX];
};

enum interf_status interf_outset_create(struct interf_outset **out, struct interf_error *err)
{
    *out = calloc(1, sizeof **out);
    return *out ? INTERF_OK : interf_error_set(err, INTERF_ENOMEM, "out of memory");
}

void interf_outset_unlink_all(struct interf_outset *s)
{
    if (!s)
        return;
    for (size_t k = 0; k < INTERF_OUTSET_MAX; k++)
        if (s->f[k].live) {
            unlink(s->f[k].tmp);
            s->f[k].live = 0;
        }
}

void interf_outset_destroy(struct interf_outset *s)
{
    if (!s)
        return;
    for (size_t k = 0; k < s->n; k++)
        if (s->f[k].fp && !s->f[k].is_stdout)
            fclose(s->f[k].fp);
    interf_outset_unlink_all(s);
    free(s);
}

int interf_outset_is_direct(const char *target)
{
    struct stat st;
    return strcmp(target, "-") == 0 || (stat(target, &st) == 0 && !S_ISREG(st.st_mode));
}

/* A new entry for target: its temporary file created (O_EXCL with mode 0666, so that the umask
 * applies as for fopen), or target itself for a direct write. */
static enum interf_status add(struct interf_outset *s, const char *target, int direct,
                              int *fd, struct interf_error *err)
{
    if (s->n == INTERF_OUTSET_MAX)
        return interf_error_set(err, INTERF_EINVAL, "%s: more than %d outputs in one run",
                                target, INTERF_OUTSET_MAX);
    if (strlen(target) + 32 > PATH_BYTES)
        return interf_error_set(err, INTERF_EIO, "%s: path too long", target);
    struct out_file *f = &s->f[s->n];
    memset(f, 0, sizeof *f);
    snprintf(f->target, sizeof f->target, "%s", target);
    *fd = -1;
    if (direct) {
        *fd = open(target, O_WRONLY | O_CLOEXEC);
        if (*fd < 0)
            return interf_error_set(err, INTERF_EIO, "%s: %s", target, strerror(errno));
        s->n++;
        return INTERF_OK;
    }
    for (int k = 0; k < 1000; k++) {
        char tmp[PATH_BYTES];
        int len = snprintf(tmp, sizeof tmp, "%s.tmp.%ld.%d", target, (long)getpid(), k);
        if (len < 0 || (size_t)len >= sizeof tmp)
            return interf_error_set(err, INTERF_EIO, "%s: path too long", target);
        memcpy(f->tmp, tmp, (size_t)len + 1);
        *fd = open(f->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (*fd >= 0) {
            f->live = 1;
            s->n++;
            return INTERF_OK;
        }
        if (errno != EEXIST)
            break;
    }
    return interf_error_set(err, INTERF_EIO, "%s: %s", target, strerror(errno));
}

enum interf_status interf_outset_open(struct interf_outset *s, const char *target, FILE **fp,
                                      struct interf_error *err)
{
    if (strcmp(target, "-") == 0) {
        if (s->n == INTERF_OUTSET_MAX)
            return interf_error_set(err, INTERF_EINVAL, "too many outputs");
        struct out_file *f = &s->f[s->n++];
        memset(f, 0, sizeof *f);
        snprintf(f->target, sizeof f->target, "-");
        f->is_stdout = 1;
        *fp = f->fp = stdout;
        return INTERF_OK;
    }
    int fd;
    enum interf_status st = add(s, target, interf_outset_is_direct(target), &fd, err);
    if (st != INTERF_OK)
        return st;
    struct out_file *f = &s->f[s->n - 1];
    if (!(f->fp = fdopen(fd, "w"))) {
        close(fd);
        return interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", target);
    }
    *fp = f->fp;
    return INTERF_OK;
}

enum interf_status interf_outset_path(struct interf_outset *s, const char *target,
                                      const char **tmp_path, struct interf_error *err)
{
    if (strcmp(target, "-") == 0)
        return interf_error_set(err, INTERF_EINVAL, "standard output: needs a file name");
    int fd, direct = interf_outset_is_direct(target);
    enum interf_status st = add(s, target, direct, &fd, err);
    if (st != INTERF_OK)
        return st;
    close(fd);
    struct out_file *f = &s->f[s->n - 1];
    *tmp_path = direct ? f->target : f->tmp;
    return INTERF_OK;
}

enum interf_status interf_outset_write_error(const char *target, struct interf_error *err)
{
    int e = errno ? errno : EIO;
    return interf_error_set(err, INTERF_EIO, "%s: write error: %s",
                            strcmp(target, "-") == 0 ? "standard output" : target, strerror(e));
}

/* Flush and close one stream (standard output is flushed, not closed). */
static enum interf_status finish(struct out_file *f, struct interf_error *err)
{
    if (!f->fp)
        return INTERF_OK;
    errno = 0;
    int bad = fflush(f->fp) != 0 || ferror(f->fp);
    int e = errno;
    if (!f->is_stdout && fclose(f->fp) != 0 && !bad) {
        bad = 1;
        e = errno;
    }
    f->fp = NULL;
    errno = e;
    return bad ? interf_outset_write_error(f->target, err) : INTERF_OK;
}

enum interf_status interf_outset_commit(struct interf_outset *s, struct interf_error *err)
{
    enum interf_status st = INTERF_OK;
    for (size_t k = 0; k < s->n; k++) {
        enum interf_status c = finish(&s->f[k], st == INTERF_OK ? err : NULL);
        st = st == INTERF_OK ? c : st;
    }
    /* last added first: a grid's sidecars, added after it, are in place before it is */
    for (size_t k = s->n; k-- > 0 && st == INTERF_OK;) {
        struct out_file *f = &s->f[k];
        if (!f->live)
            continue;
        if (rename(f->tmp, f->target) != 0)
            st = interf_error_set(err, INTERF_EIO, "%s: %s", f->target, strerror(errno));
        else
            f->live = 0;
    }
    interf_outset_unlink_all(s);
    s->n = 0;
    return st;
}

enum interf_status interf_output_check(const char *target, int binary, struct interf_error *err)
{
    if (strcmp(target, "-") == 0) {
        if (binary && isatty(STDOUT_FILENO))
            return interf_error_set(err, INTERF_EIO,
                                    "standard output: is a terminal (give a file name)");
        return INTERF_OK;
    }
    struct stat st;
    if (stat(target, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return interf_error_set(err, INTERF_EIO, "%s: %s", target, strerror(EISDIR));
        if (binary && S_ISCHR(st.st_mode)) {
            int fd = open(target, O_WRONLY | O_CLOEXEC);
            int tty = fd >= 0 && isatty(fd);
            if (fd >= 0)
                close(fd);
            if (tty)
                return interf_error_set(err, INTERF_EIO, "%s: is a terminal", target);
        }
        if (!S_ISREG(st.st_mode))
            return access(target, W_OK) == 0
                       ? INTERF_OK
                       : interf_error_set(err, INTERF_EIO, "%s: %s", target, strerror(errno));
    } else if (errno != ENOENT) {
        return interf_error_set(err, INTERF_EIO, "%s: %s", target, strerror(errno));
    }
    /* The folder: the temporary file is created there. */
    char dir[PATH_BYTES];
    const char *slash = strrchr(target, '/');
    if (strlen(target) + 32 > sizeof dir)
        return interf_error_set(err, INTERF_EIO, "%s: path too long", target);
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == target)
        snprintf(dir, sizeof dir, "/");
    else
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - target), target);
    if (stat(dir, &st) != 0)
        return interf_error_set(err, INTERF_EIO, "%s: %s", target, strerror(errno));
    if (!S_ISDIR(st.st_mode))
        return interf_error_set(err, INTERF_EIO, "%s: %s", target, strerror(ENOTDIR));
    if (access(dir, W_OK | X_OK) != 0)
        return interf_error_set(err, INTERF_EIO, "%s: %s", target, strerror(errno));
    return INTERF_OK;
}

void interf_json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}
