/* SPDX-License-Identifier: MIT */
/* interf fuzz targets: helpers shared by the fuzz_*.c files. Each target defines
 * LLVMFuzzerTestOneInput; built with clang and -DINTERF_FUZZ=ON it links libFuzzer, otherwise
 * replay.c drives it over the seed and regression corpora (ctest fuzz.<reader>). A target
 * aborts (fuzz_check) when a reader breaks its own contract, so that libFuzzer reports it. */
#ifndef INTERF_FUZZ_H
#define INTERF_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort with file:line and the failed condition when cond is false. */
#define fuzz_check(cond) ((cond) ? (void)0 : fuzz_fail(__FILE__, __LINE__, #cond))
_Noreturn void fuzz_fail(const char *file, int line, const char *what);

/* A NUL-terminated copy of data (malloc; free it). NULL when out of memory. */
char *fuzz_string(const uint8_t *data, size_t size);

/* A new empty folder $TMPDIR/interf-fuzz-XXXXXX ($TMPDIR unset: /tmp), its name put in dir (of
 * FUZZ_DIR_MAX bytes). Returns 0, or -1 when it cannot be made (the caller skips the input). */
#define FUZZ_DIR_MAX 256
int fuzz_tmpdir(char *dir);
/* Write data to dir/name (a new file). Returns 0 or -1. */
int fuzz_put(const char *dir, const char *name, const uint8_t *data, size_t size);
/* Remove the files of dir and dir itself. */
void fuzz_rmdir(const char *dir);

/* A read-only stream over data (fmemopen; /dev/null for a zero-size input). */
FILE *fuzz_stream(const uint8_t *data, size_t size);

/* 1 when the message looks like one line naming its source: starts with name and holds no
 * newline. */
int fuzz_msg_ok(const char *msg, const char *name);

#endif
