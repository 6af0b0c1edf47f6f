/* SPDX-License-Identifier: MIT */
/* Fuzz target: point lists (interf-epfd --points; interf_table_read_points), from
 * memory. Points read must lie in the documented ranges; a failure leaves nothing allocated
 * and says one line naming the source. */
#include "fuzz.h"

#include <math.h>
#include <stdlib.h>

#include "interf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *fp = fuzz_stream(data, size);
    if (!fp)
        return 0;
    double *lat = NULL, *lon = NULL;
    size_t n = 0;
    struct interf_error err = {0, ""};
    enum interf_status st = interf_table_read_points(fp, "fuzz.txt", &lat, &lon, &n, &err);
    fclose(fp);
    if (st == INTERF_OK) {
        fuzz_check(n >= 1);
        for (size_t i = 0; i < n; i++)
            fuzz_check(fabs(lat[i]) <= 90 && lon[i] >= -180 && lon[i] <= 360);
    } else {
        fuzz_check(lat == NULL && lon == NULL && n == 0 && fuzz_msg_ok(err.msg, "fuzz.txt"));
    }
    free(lat);
    free(lon);
    return 0;
}
