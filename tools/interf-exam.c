/* SPDX-License-Identifier: MIT */
/* interf-exam: the examination of a non-GSO FSS system as the Radiocommunication Bureau runs
 * it (Rec. ITU-R S.1503-4 (09/2023)): epfd down from the filed pfd masks, epfd up and epfd_is
 * from the e.i.r.p. masks, each at its worst-case geometry over the run length of §D4, the
 * verdict of §D7 against Article 22 (Tables 22-1A to 22-1E, 22-2, 22-3). The examination is the
 * library's (interf/filing.h): this file reads options into a request and writes the summary,
 * the CDFs and the charts. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define MAX_LIST 16

static const struct cli_option options[] = {
    {NULL, 0, 0, NULL, NULL, NULL, "What"},
    {"system", 's', CLI_ARG, "FILE", "system file with pfd_mask (EPFD down), eirp_mask (up)\n"
     "or ss_eirp_mask (is) (interf-system(5)); required", NULL, NULL},
    {"limits", 0, CLI_REPEAT, "TABLE",
     "an Article 22 table, e.g. 22-1A, 22-2 (repeatable) [every table\nwhose band the "
     "system's overlaps and whose mask it gives]", "tables", NULL},
    {"dish-m", 0, CLI_REPEAT, "D", "only the EPFD-down rows of this dish diameter (repeatable)\n"
     "[all]", NULL, NULL},
    {NULL, 0, 0, NULL, NULL, NULL, "Rules"},
    {"rec", 0, CLI_ARG, "REC", "S.1503-4 or S.1503-2: the EPFD-down worst-case geometry's\n"
     "rules [S.1503-4]", NULL, NULL},
    {"beamwidth", 0, CLI_ARG, "CONV", "bureau (70 lambda/D) or s1428 (the S.1428-1 main lobe): "
     "the\nearth station's 3 dB beamwidth in the EPFD-down time step\n[bureau]", NULL, NULL},
    {"wcg-step", 0, CLI_ARG, "DEG", "the EPFD-down worst-case geometry's search step\n[0.1]",
     "wcg_step_deg", NULL},
    {"steps", 0, CLI_ARG, "N", "steps of every run instead of the run length of §D4 (a run\n"
     "below N_min is INSUFFICIENT; a shorter trial of a long run)", "n_steps", NULL},
    {"dry-run", 0, CLI_FLAG, NULL, "print the runs, their step and run length, and stop", NULL,
     NULL},
    {NULL, 0, 0, NULL, NULL, NULL, "Masks"},
    {"make-masks", 0, CLI_ARG, "STEP", "write the (azimuth, elevation) pfd mask of each orbit's "
     "nadir\nbeam at STEP degrees to PREFIX.ORBIT.mask.txt (interf-mask(5)),\nand stop",
     NULL, NULL},
    {NULL, 0, 0, NULL, NULL, NULL, "Output"},
    {"output", 'o', CLI_ARG, "PREFIX", "write PREFIX.RUN.cdf.txt and PREFIX.RUN.png per run",
     NULL, NULL},
    CLI_OPT_THREADS,
    CLI_OPT_PROGRESS,
    CLI_OPT_END};

static const struct cli_tool tool = {
    "interf-exam", "-s SYSTEM [--limits TABLE]... [--dish-m D]... [-o PREFIX] [options]\n"
                   "       interf-exam -s SYSTEM --make-masks STEP -o PREFIX",
    "The examination of a non-GSO system (Rec. ITU-R S.1503-4): EPFD down from its pfd masks,\n"
    "EPFD up and EPFD is from its e.i.r.p. masks, at the worst-case geometry over the run\n"
    "length of §D4, the verdict of §D7 per Article 22 row (Tables 22-1A to 22-1E, 22-2, 22-3).\n"
    "Exit status: 0 pass, 1 fail, 3 insufficient run, 2 error.\n",
    options,
    "  interf-exam -s footprints/meo-ku-rgt.ini --limits 22-1A --dish-m 0.6 -o exam\n"
    "  interf-exam -s footprints/leo-ku-550-masks.ini --limits 22-1A --dry-run\n"
    "  interf-exam -s footprints/oneweb-ku-up.ini --limits 22-2 --steps 100000 -o up\n",
    0};

static void check_combinations(void)
{
    if (!cli_given("system"))
        cli_usage_error("-s/--system: required");
    if (cli_given("make-masks") && !cli_given("output"))
        cli_usage_error("--make-masks: needs -o PREFIX (PREFIX.ORBIT.mask.txt each)");
    if (cli_given("limits") > MAX_LIST || cli_given("dish-m") > MAX_LIST)
        cli_usage_error("--limits, --dish-m: at most %d each", MAX_LIST);
    if (cli_given("output") && strcmp(cli_text("output"), "-") == 0)
        cli_usage_error("-o: a prefix of file names, not standard output");
}

/* --make-masks: one mask file per orbit group */
static int make_masks(const struct interf_system *sys)
{
    double step = cli_real("make-masks", 0.001, 10, 0);
    struct interf_error err;
    char path[4096];
    if (cli_rank() != 0) /* rank 0 writes */
        return cli_commit();
    for (size_t g = 0; g < interf_system_info(sys)->n_orbits; g++) {
        snprintf(path, sizeof path, "%s.%s.mask.txt", cli_text("output"),
                 interf_system_orbit(sys, g)->name);
        cli_output_check(path, 0);
    }
    for (size_t g = 0; g < interf_system_info(sys)->n_orbits; g++) {
        struct interf_pfd_mask *m;
        snprintf(path, sizeof path, "%s.%s.mask.txt", cli_text("output"),
                 interf_system_orbit(sys, g)->name);
        if (interf_exam_mask_from_orbit(sys, g, step, &m, &err) != INTERF_OK)
            return cli_fail(&err);
        enum interf_status st = interf_pfd_mask_write_text(m, cli_open(path), &err);
        interf_pfd_mask_destroy(m);
        if (st != INTERF_OK)
            return cli_fail_output(path, &err);
    }
    return cli_commit();
}

/* The request from the options */
static void request(struct interf_exam_request *q, const struct interf_system *sys,
                    const struct interf_limits *lim, const char **tables, double *dishes)
{
    memset(q, 0, sizeof *q);
    q->sys = sys;
    q->limits = lim;
    q->n_tables = cli_given("limits");
    for (size_t k = 0; k < q->n_tables; k++)
        tables[k] = cli_nth("limits", k);
    q->tables = tables;
    q->n_dishes = cli_given("dish-m");
    for (size_t k = 0; k < q->n_dishes; k++) {
        struct interf_error err;
        if (interf_parse_number(cli_nth("dish-m", k), 0.01, 100, &dishes[k], &err))
            cli_usage_error("--dish-m: %s", err.msg);
    }
    q->dish_m = dishes;
    const char *rec = cli_given("rec") ? cli_text("rec") : "S.1503-4";
    if (strcmp(rec, "S.1503-4") && strcmp(rec, "S.1503-2"))
        cli_usage_error("--rec: %s: expected S.1503-4 or S.1503-2", rec);
    q->rec = strcmp(rec, "S.1503-2") == 0 ? INTERF_REC_S1503_2 : INTERF_REC_S1503_4;
    const char *bw = cli_given("beamwidth") ? cli_text("beamwidth") : "bureau";
    if (strcmp(bw, "bureau") && strcmp(bw, "s1428"))
        cli_usage_error("--beamwidth: %s: expected bureau or s1428", bw);
    q->beamwidth = strcmp(bw, "s1428") == 0 ? INTERF_BEAMWIDTH_S1428 : INTERF_BEAMWIDTH_70_LAMBDA_D;
    q->wcg_step_deg = cli_real("wcg-step", 0.001, 10, 0);
    q->n_steps = cli_long("steps", 1, 4000000000L, 0);
    q->threads = (int)cli_long("threads", 1, 1024, 0);
}

/* The output paths of run k */
static void run_paths(const struct interf_exam *ex, size_t k, char *cdf, char *png, size_t n)
{
    const char *name = interf_exam_get_run(ex, k)->name;
    snprintf(cdf, n, "%s.%s.cdf.txt", cli_text("output"), name);
    snprintf(png, n, "%s.%s.png", cli_text("output"), name);
}

/* The run's provenance: the system, the rules, the run's step and earth station */
static void provenance(struct interf_provenance *p, const struct interf_system *sys,
                       const struct interf_exam *ex, size_t k, int argc, char **argv)
{
    const struct interf_exam_run *r = interf_exam_get_run(ex, k);
    const struct interf_system_info *info = interf_system_info(sys);
    interf_provenance_init(p, "interf-exam");
    interf_provenance_set_command(p, argc, argv);
    interf_provenance_set(p, "system", "%s", info->path);
    interf_provenance_set(p, "system_sha256", "%s", info->sha256);
    interf_provenance_set(p, "system_name", "%s", info->name);
    interf_provenance_set(p, "table", "%s", r->row->table);
    interf_provenance_set(p, "rec", "%s", cli_given("rec") ? cli_text("rec") : "S.1503-4");
    if (r->link == INTERF_EXAM_LINK_DOWN) { /* the rules of the EPFD-down WCG and step */
        interf_provenance_set(p, "beamwidth_convention", "%s",
                              cli_given("beamwidth") ? cli_text("beamwidth") : "bureau");
        interf_provenance_set(p, "wcg_step_deg", "%g", cli_real("wcg-step", 0.001, 10, 0.1));
    }
    interf_provenance_set(p, "step_s", "%.6g", r->timing.dt_fine_s);
    interf_provenance_set(p, "n_steps", "%lld", (long long)r->n_steps);
    interf_provenance_set(p, "ref_bandwidth_khz", "%g", r->ref_bandwidth_khz);
    interf_provenance_set(p, "threads", "%d", r->res.threads_used);
}

static int write_run(const struct interf_system *sys, const struct interf_exam *ex, size_t k,
                     int argc, char **argv)
{
    char cdf[4096], png[4096];
    struct interf_provenance prov;
    struct interf_image *img = NULL;
    struct interf_error err;
    run_paths(ex, k, cdf, png, sizeof cdf);
    provenance(&prov, sys, ex, k, argc, argv);
    if (interf_exam_write_cdf(cli_open(cdf), ex, k, &prov, &err) != INTERF_OK)
        return cli_fail_output(cdf, &err);
    enum interf_status st = interf_exam_chart(ex, k, 1200, &img, &err);
    if (st == INTERF_OK) {
        interf_provenance_set(&prov, "title", "%s", interf_exam_get_run(ex, k)->name);
        st = interf_png_write_provenance(cli_open(png), img, &prov, &err);
    }
    interf_image_destroy(img);
    return st == INTERF_OK ? CLI_EXIT_OK : cli_fail_output(png, &err);
}

/* Every run: progress on stderr, the files, the summary; the verdict as exit status */
static int examine(const struct interf_system *sys, struct interf_exam *ex, int argc,
                   char **argv)
{
    struct interf_error err;
    size_t n = interf_exam_n_runs(ex);
    if (interf_exam_check(ex, &err) != INTERF_OK)
        return cli_fail(&err);
    for (size_t k = 0; k < n && cli_given("output"); k++) {
        char cdf[4096], png[4096];
        run_paths(ex, k, cdf, png, sizeof cdf);
        cli_output_check(cdf, 0);
        cli_output_check(png, 1);
    }
    for (size_t k = 0; k < n; k++) {
        struct cli_progress prog;
        const struct interf_exam_run *r = interf_exam_get_run(ex, k);
        cli_progress_init(&prog, (double)r->n_steps, "steps");
        /* over the MPI ranks under mpirun: each then holds the whole run's results */
        enum interf_status st = cli_exam_execute(ex, k, &prog, &err);
        cli_progress_done(&prog);
        if (st != INTERF_OK)
            return cli_fail(&err);
        if (r->res.clamped)
            cli_warn("%s: %llu steps at or above -80 dB were counted in the top bin", r->name,
                     (unsigned long long)r->res.clamped);
        int rc = cli_given("output") && cli_rank() == 0 ? write_run(sys, ex, k, argc, argv)
                                                         : CLI_EXIT_OK;
        if (rc != CLI_EXIT_OK)
            return rc;
    }
    FILE *out = cli_open("-"); /* rank 0 writes; the others' standard output goes nowhere */
    if (interf_exam_summary(out, ex, &err) != INTERF_OK)
        return cli_fail_output("-", &err);
    int rc = cli_commit();
    /* the verdict is rank 0's status alone: mpirun ends the job at a rank's non-zero exit, and
     * rank 0 then would be killed before its own end */
    return rc != CLI_EXIT_OK ? rc : cli_rank() == 0 ? (int)interf_exam_overall(ex) : CLI_EXIT_OK;
}

/* --dry-run: each run's step and run length with their derivation */
static int dry_run(const struct interf_exam *ex)
{
    FILE *out = cli_open("-");
    char buf[4096];
    for (size_t k = 0; k < interf_exam_n_runs(ex); k++) {
        const struct interf_exam_run *r = interf_exam_get_run(ex, k);
        interf_exam_timing_describe(&r->timing, buf, sizeof buf);
        fprintf(out, "run %s: %s at %.6f GHz, %lld steps of %.6g s (N_min %.0f)\n%s\n", r->name,
                r->es_pattern, r->freq_mhz / 1e3, (long long)r->n_steps, r->timing.dt_fine_s,
                r->n_min, buf);
    }
    return cli_commit();
}

int main(int argc, char **argv)
{
    struct interf_system *sys = NULL;
    struct interf_limits *lim = NULL;
    struct interf_exam *ex = NULL;
    struct interf_exam_request q;
    struct interf_error err;
    const char *tables[MAX_LIST];
    double dishes[MAX_LIST];
    int rc;

    cli_parse(&tool, argc, argv);
    check_combinations();
    sys = cli_system(cli_text("system"));
    if (cli_given("make-masks")) {
        rc = make_masks(sys);
        interf_system_destroy(sys);
        return rc;
    }
    if (interf_limits_create(&lim, &err) != INTERF_OK) {
        interf_system_destroy(sys);
        return cli_fail(&err);
    }
    request(&q, sys, lim, tables, dishes);
    if (interf_exam_create(&q, &ex, &err) != INTERF_OK)
        rc = cli_fail(&err);
    else
        rc = cli_given("dry-run") ? dry_run(ex) : examine(sys, ex, argc, argv);
    interf_exam_destroy(ex);
    interf_limits_destroy(lim);
    interf_system_destroy(sys);
    return rc;
}
