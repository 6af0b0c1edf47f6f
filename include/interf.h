/* SPDX-License-Identifier: MIT */
/* interf: ITU radio-frequency interference analysis. The umbrella header: every layer, plus the
 * version. See interf(7) for the overview. */
#ifndef INTERF_H
#define INTERF_H

#define INTERF_VERSION_MAJOR 0
#define INTERF_VERSION_MINOR 1
#define INTERF_VERSION_PATCH 0
#define INTERF_VERSION_STRING "0.1.0"
#define INTERF_AT_LEAST_VERSION(maj, min, patch)                                                   \
    ((INTERF_VERSION_MAJOR * 10000 + INTERF_VERSION_MINOR * 100 + INTERF_VERSION_PATCH) >=         \
     ((maj) * 10000 + (min) * 100 + (patch)))

#include "interf/core.h"
#include "interf/geo.h"
#include "interf/orbit.h"
#include "interf/antenna.h"
#include "interf/system.h"
#include "interf/stats.h"
#include "interf/epfd.h"
#include "interf/limits.h"
#include "interf/grid.h"
#include "interf/render.h"
#include "interf/schedule.h"
#include "interf/footprint.h"
#include "interf/filing.h"

#endif
