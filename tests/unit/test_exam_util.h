/* SPDX-License-Identifier: MIT */
/* Helpers shared by the exam test files (test_exam_*.c): fixture paths and scratch files. */
#ifndef TEST_EXAM_UTIL_H
#define TEST_EXAM_UTIL_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* tests/data/exam/NAME into out */
static inline void te_fixture(char *out, size_t n, const char *name)
{
    const char *data = getenv("INTERF_TEST_DATA");
    cr_assert(data && *data, "INTERF_TEST_DATA is not set (ctest sets it to tests/data)");
    snprintf(out, n, "%s/exam/%s", data, name);
}

/* A scratch file holding len bytes of text (len may count NUL bytes); path into out (at least
 * 64 bytes). Remove it with unlink. */
static inline void te_scratch(char *out, const char *text, size_t len)
{
    snprintf(out, 64, "/tmp/interf-exam-XXXXXX");
    int fd = mkstemp(out);
    cr_assert(fd >= 0);
    cr_assert(write(fd, text, len) == (ssize_t)len);
    close(fd);
}

#endif
