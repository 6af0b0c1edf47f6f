/* SPDX-License-Identifier: MIT */
#include "interf/stats.h"
