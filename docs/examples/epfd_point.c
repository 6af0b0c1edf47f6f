/* `interf-epfd -s SYSTEM --at LAT,LON --cdf` through the public API of libinterf alone.
 * cc epfd_point.c $(pkg-config --cflags --libs interf) && ./a.out footprints/leo-ku-550.ini 45 10 */
#include <interf.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    struct interf_system *sys = NULL;
    struct interf_epfd_plan *plan = NULL;
    struct interf_epfd_out out = {0};
    struct interf_provenance prov;
    struct interf_error err = {0, ""};
    double lat, lon;
    if (argc != 4 || !interf_parse_real(argv[2], &lat) || !interf_parse_real(argv[3], &lon))
        return fprintf(stderr, "usage: %s SYSTEM LAT LON\n", argv[0]), 2;
    struct interf_epfd_request req = {.n_points = 1, .lat_deg = &lat, .lon_deg = &lon};
    if (interf_system_load(argv[1], &sys, &err) == INTERF_OK && (req.sys = sys) &&
        interf_epfd_plan_request(&req, &plan, &err) == INTERF_OK &&
        interf_epfd_out_create(plan, 0, &out, &err) == INTERF_OK &&
        interf_epfd_run(plan, &out, NULL, NULL, &err) == INTERF_OK) {
        interf_provenance_init(&prov, "epfd_point");
        interf_epfd_provenance(plan, &out, &prov);
        interf_epfd_write_cdfs(stdout, plan, &out, &prov, &err);
    }
    interf_epfd_out_free(&out);
    interf_epfd_plan_destroy(plan);
    interf_system_destroy(sys);
    return err.status == INTERF_OK ? 0 : (fprintf(stderr, "epfd_point: %s\n", err.msg), 2);
}
