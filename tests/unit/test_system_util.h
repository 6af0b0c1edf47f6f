/* SPDX-License-Identifier: MIT */
/* A system file given as text, for unit tests: loaded from memory (interf_system_load_buffer,
 * named "test.ini" in its messages); a load that fails fails the test. */
#ifndef INTERF_TEST_SYSTEM_UTIL_H
#define INTERF_TEST_SYSTEM_UTIL_H

#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <string.h>

#include "interf.h"

static inline struct interf_system *system_from(const char *text)
{
    struct interf_system *sys = NULL;
    struct interf_error err;
    enum interf_status st = interf_system_load_buffer("test.ini", text, strlen(text), &sys, &err);
    cr_assert(eq(int, st, INTERF_OK), "%s", err.msg);
    return sys;
}

#endif
