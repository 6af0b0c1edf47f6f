/* SPDX-License-Identifier: MIT */
/* Private to the limits layer (libinterf/limits/): the loaded tables and the table names. */
#ifndef INTERF_LIMITS_IMPL_H
#define INTERF_LIMITS_IMPL_H

#include "interf/limits.h"

/* The loaded rows, in the order of limits_data.c. */
struct interf_limits {
    size_t n;
    struct interf_limit_mask masks[];
};

/* The tables' ids ("22-1A", ...), in order; limits_table_id(k) is NULL past the end. */
size_t limits_table_count(void);
const char *limits_table_id(size_t k);

#endif
