/* SPDX-License-Identifier: MIT */
/* A program built against an installed libinterf (tests/cli/install.sh): through pkg-config
 * and through find_package(interf). It prints a global 1 deg grid's size and first column,
 * and a dB conversion, which the script checks. */
#include <interf.h>
#include <stdio.h>

int main(void)
{
    struct interf_grid_spec spec;
    struct interf_error err;
    if (interf_grid_spec_init(-180, 180, -90, 90, 1, &spec, &err) != INTERF_OK) {
        fprintf(stderr, "use_interf: %s\n", err.msg);
        return 1;
    }
    printf("%s %zu x %zu cells, first column at %.1f deg, 1000 is %.1f dB\n",
           INTERF_VERSION_STRING, spec.ncols, spec.nrows, interf_grid_lon_deg(&spec, 0),
           interf_db(1000.0));
    return 0;
}
