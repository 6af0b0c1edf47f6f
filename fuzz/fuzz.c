/* SPDX-License-Identifier: MIT */
/* Helpers of the fuzz targets (see fuzz.h). */
#include "fuzz.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void fuzz_fail(const char *file, int line, const char *what)
{
    fprintf(stderr, "%s:%d: fuzz check failed: %s\n", file, line, what);
    abort();
}

char *fuzz_string(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        return NULL;
    if (size)
        memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

int fuzz_tmpdir(char *dir)
{
    /* $TMPDIR (e.g. /dev/shm, which keeps the file system out of the run time), else /tmp */
    const char *base = getenv("TMPDIR");
    if (!base || !*base || strlen(base) > FUZZ_DIR_MAX - 32)
        base = "/tmp";
    snprintf(dir, FUZZ_DIR_MAX, "%s/interf-fuzz-XXXXXX", base);
    return mkdtemp(dir) ? 0 : -1;
}

int fuzz_put(const char *dir, const char *name, const uint8_t *data, size_t size)
{
    char path[FUZZ_DIR_MAX + 64];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0)
        return -1;
    size_t done = 0;
    while (done < size) {
        ssize_t w = write(fd, data + done, size - done);
        if (w <= 0)
            break;
        done += (size_t)w;
    }
    close(fd);
    return done == size ? 0 : -1;
}

void fuzz_rmdir(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        char path[FUZZ_DIR_MAX + 64];
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            unlink(path);
        }
        closedir(d);
    }
    rmdir(dir);
}

FILE *fuzz_stream(const uint8_t *data, size_t size)
{
    if (size == 0)
        return fopen("/dev/null", "r");
    return fmemopen((void *)data, size, "r");
}

int fuzz_msg_ok(const char *msg, const char *name)
{
    return strncmp(msg, name, strlen(name)) == 0 && strchr(msg, '\n') == NULL;
}
