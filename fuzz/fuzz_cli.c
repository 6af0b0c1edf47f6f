/* SPDX-License-Identifier: MIT */
/* Fuzz target: the parsers of option values (interf_parse_*: numbers, whole numbers, durations,
 * sizes, times, LAT,LON[,ALT]) and grid specs (interf_grid_spec_parse). The
 * first byte picks the parser, the rest is the argument (up to its first NUL). A value accepted
 * must obey what the option promises: finite, in range, a duration of the right sign, a
 * positive size, a grid spec that interf_grid_spec_check accepts. */
#include "fuzz.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interf.h"

static void parse_one(int which, const char *arg)
{
    struct interf_error err = {0, ""};
    double v = NAN, lat = NAN, lon = NAN, alt = NAN;
    long l = 0;
    int n = 0;
    struct interf_grid_spec spec;
    enum interf_status st;
    switch (which) {
    case 0:
        st = interf_parse_number(arg, -1e3, 1e3, &v, &err);
        fuzz_check(st != INTERF_OK || (v >= -1e3 && v <= 1e3));
        break;
    case 1:
        st = interf_parse_integer(arg, -5, 1000000, &l, &err);
        fuzz_check(st != INTERF_OK || (l >= -5 && l <= 1000000));
        break;
    case 2:
        st = interf_parse_duration(arg, 0, &v, &err);
        fuzz_check(st != INTERF_OK || (isfinite(v) && v >= 0));
        break;
    case 3:
        st = interf_parse_duration(arg, 1, &v, &err);
        fuzz_check(st != INTERF_OK || isfinite(v));
        break;
    case 4:
        st = interf_parse_size(arg, &v, &err);
        fuzz_check(st != INTERF_OK || (isfinite(v) && v > 0));
        break;
    case 5:
        /* the epoch of footprints/leo-ku-550.ini, 2025-01-01T00:00:00Z */
        st = interf_parse_time(arg, 1735689600.0, &v, &err);
        fuzz_check(st != INTERF_OK || isfinite(v));
        break;
    case 6:
        st = interf_parse_latlon(arg, &lat, &lon, &alt, &n, &err);
        fuzz_check(st != INTERF_OK || (fabs(lat) <= 90 && lon >= -180 && lon <= 360 &&
                                       (n == 2 || (n == 3 && isfinite(alt)))));
        break;
    default:
        st = interf_grid_spec_parse(arg, &spec, &err);
        fuzz_check(st != INTERF_OK || interf_grid_spec_check(&spec, NULL) == INTERF_OK);
        fuzz_check(st == INTERF_OK || strncmp(err.msg, "grid", 4) == 0);
        return;
    }
    fuzz_check(st == INTERF_OK || (err.status == INTERF_EINPUT && err.msg[0] != '\0'));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    char *arg = fuzz_string(data + 1, size - 1);
    if (!arg)
        return 0;
    parse_one(data[0] % 8, arg);
    free(arg);
    return 0;
}
