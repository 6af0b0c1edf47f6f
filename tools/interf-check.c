/* SPDX-License-Identifier: MIT */
/* interf-check: the verdict of EPFD CDF tables against the single-entry limits of Radio
 * Regulations Article 22, as Rec. ITU-R S.1503-4 (09/2023) §D7 takes it: the options fill one
 * limit request, the library judges each CDF and writes the report. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "interf/limits.h"

static const struct cli_option options[] = {
    {"limits", 0, CLI_ARG, "ID", "table: 22-1A, 22-1B, 22-1C, 22-1D, 22-1E, 22-2, 22-3, or\n"
     "Resolution 76's aggregate Res76-1A, Res76-1B, Res76-1C, Res76-1D", "table", NULL},
    {"band", 0, CLI_ARG, "LO-HI",
     "frequency band in GHz (e.g. 10.7-11.7), or one frequency;\nselects the table (with "
     "--service where two tables share\nit) [metadata freq_ghz when neither --limits nor "
     "--band]", "band", NULL},
    {"service", 0, CLI_ARG, "S", "FSS or BSS [any]", "service", NULL},
    {"dish-m", 0, CLI_ARG, "D", "reference earth-station antenna diameter, m\n[metadata "
     "es_dish_m, else dish_m]", "dish_m", NULL},
    {"ref-bandwidth-khz", 0, CLI_ARG, "B", "reference bandwidth of CDFs that do not state it, "
     "kHz\n[quantity suffix such as _40khz, or ref_bandwidth_khz]", "ref_bandwidth_khz", NULL},
    {"lat-deg", 0, CLI_ARG, "LAT", "earth-station latitude, for the latitude-dependent 100 %\n"
     "limit of RR Nos. 22.5C.4 and 22.5C.8 [metadata lat_deg]", "lat_deg", NULL},
    {"max-db", 0, CLI_ARG, "X", "run maximum of the EPFD, dB [metadata max_epfd, else max_db]",
     "max_db", NULL},
    {"format", 0, CLI_ARG, "F", "text, table or json [text]", NULL, NULL},
    {"list", 0, CLI_FLAG, NULL, "print every table row, its points and flags, and exit", NULL,
     NULL},
    CLI_OPT_OUTPUT,
    CLI_OPT_QUIET,
    CLI_OPT_END};

static const struct cli_tool tool = {
    "interf-check", "[options] [FILE...]",
    "Check EPFD CDF tables (interf-table(5)) against the single-entry limits of Radio\n"
    "Regulations Article 22 (Rec. ITU-R S.1503-4 §D7 verdict). Reads standard input without FILE\n"
    "or for \"-\". Exit status: 0 every point passes, 1 a limit is exceeded, 2 an error, 3 no\n"
    "limit exceeded but a run too short to resolve its row (S.1503-4 §D4.6).\n",
    options,
    "  interf-check --limits 22-1A --dish-m 0.6 cdf.txt\n"
    "  interf-check --band 11.7-12.2 --service BSS --dish-m 0.45 cdf.txt --format json\n"
    "  interf-check --list\n",
    1};

/* The request of the options; a malformed one is a usage error, one no row matches an error. */
static int request(const struct interf_limits *lim, struct interf_limit_request *r)
{
    struct interf_error err;
    interf_limit_request_init(r);
    r->table = cli_text("limits");
    r->service = cli_text("service");
    if (cli_given("band") && interf_limit_parse_band(cli_text("band"), &r->band_lo_ghz,
                                                     &r->band_hi_ghz, &err) != INTERF_OK)
        cli_usage_error("--band: %s", err.msg);
    r->dish_m = cli_real("dish-m", 1e-3, 1e3, NAN);
    r->ref_bandwidth_khz = cli_real("ref-bandwidth-khz", 1e-6, 1e9, NAN);
    r->lat_deg = cli_real("lat-deg", -90, 90, NAN);
    r->max_db = cli_real("max-db", -1e6, 1e6, NAN);
    enum interf_status st = interf_limit_request_check(lim, r, &err);
    if (st == INTERF_EINVAL)
        cli_usage_fail(&err);
    return st == INTERF_OK ? CLI_EXIT_OK : cli_fail(&err);
}

/* The report's stream: a file of the output set, or standard output itself (which cli_commit
 * checks once; through the set a failed standard output would be reported twice). */
static FILE *output(void)
{
    const char *path = cli_text("output");
    return path && strcmp(path, "-") != 0 ? cli_open(path) : stdout;
}

static void warn(const char *text, void *user)
{
    (void)user;
    cli_warn("%s", text);
}

/* Judge every CDF of the operands (standard input without any) and write the report. */
static int check(const struct interf_limits *lim, enum interf_limit_format format,
                 const struct interf_provenance *prov)
{
    struct interf_limit_request req;
    struct interf_error err;
    struct interf_cdf *cdfs = NULL;
    struct interf_limit_item *items = NULL;
    const char **source = NULL;
    static const char *const std_in[] = {"-"};
    char **files;
    size_t n_files = cli_operands(&files), n = 0;
    int rc = request(lim, &req);
    if (rc != CLI_EXIT_OK)
        return rc;
    rc = CLI_EXIT_ERROR;
    if (interf_cdf_read_paths(n_files ? (const char *const *)files : std_in,
                              n_files ? n_files : 1, &cdfs, &n, &source, &err) != INTERF_OK) {
        cli_fail(&err);
        goto done;
    }
    if (!(items = calloc(n, sizeof *items))) {
        cli_error("out of memory");
        goto done;
    }
    for (size_t k = 0; k < n; k++)
        if (interf_limit_judge(lim, &req, &cdfs[k], source[k], &items[k], &err) != INTERF_OK) {
            cli_fail(&err);
            goto done;
        }
    interf_limit_warnings(items, n, warn, NULL);
    FILE *fp = output();
    enum interf_status st = interf_limit_report_write(fp, format, lim, items, n, prov, &err);
    rc = cli_commit();
    if (rc == CLI_EXIT_OK && st != INTERF_OK)
        rc = cli_fail(&err);
    if (rc == CLI_EXIT_OK)
        rc = (int)interf_limit_outcome(items, n);
done:
    free(items);
    free((void *)source);
    interf_cdf_free_all(cdfs, n);
    return rc;
}

int main(int argc, char **argv)
{
    struct interf_limits *lim;
    struct interf_provenance prov;
    struct interf_error err;
    enum interf_limit_format format = INTERF_LIMIT_TEXT;
    char **files;
    int rc;
    cli_parse(&tool, argc, argv);
    if (cli_given("format") &&
        interf_limit_format_parse(cli_text("format"), &format, &err) != INTERF_OK)
        cli_usage_error("--format: %s", err.msg);
    if (cli_given("list") && cli_operands(&files) > 0)
        cli_usage_error("--list: takes no FILE");
    cli_output_check(cli_text("output"), 0);
    interf_provenance_init(&prov, "interf-check");
    interf_provenance_set_command(&prov, argc, argv);
    if (interf_limits_create(&lim, &err) != INTERF_OK)
        return cli_fail(&err);
    if (cli_given("list")) {
        FILE *fp = output();
        enum interf_status st = interf_limits_list_write(fp, format, lim, &prov, &err);
        rc = cli_commit();
        if (rc == CLI_EXIT_OK && st != INTERF_OK)
            rc = cli_fail(&err);
    } else {
        rc = check(lim, format, &prov);
    }
    interf_limits_destroy(lim);
    return rc;
}
