/* SPDX-License-Identifier: MIT */
/* interf-pattern: the gain of an antenna of the ITU-R catalogue against the off-axis angle, as a
 * table (a sweep, or angles read from a file or standard input) and as a PNG chart drawn by the
 * render layer, and the catalogue itself. Every key of the catalogue is an option. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define MAX_KEYS 64
#define MAX_ANGLES 100000000

/* An option that fills no library field. */
#define OPT(name, short_name, arg, metavar, help)                                                 \
    { name, short_name, arg, metavar, help, NULL, NULL }

static const struct cli_option fixed[] = {
    OPT("pattern", 'p', CLI_ARG, "NAME", "catalogue name: S.1428, S.1528:1.2, ... (--list)"),
    OPT("param", 0, CLI_REPEAT, "KEY=VALUE", "a key by its system-file name: --param ln_db=-25"),
    OPT("dish-m", 0, CLI_ARG, "M", "the same as --diameter-m"),
    OPT("freq-ghz", 0, CLI_ARG, "F", "the same as --frequency-ghz"),
    {"file", 0, CLI_ARG, "PATH", "the data file of the table pattern", "file", NULL},
    OPT("from", 0, CLI_ARG, "DEG", "first off-axis angle of the sweep [0]"),
    OPT("to", 0, CLI_ARG, "DEG", "last off-axis angle of the sweep [180]"),
    OPT("step", 0, CLI_ARG, "DEG", "step of the sweep [0.1]"),
    OPT("azimuth", 0, CLI_ARG, "DEG", "azimuth about the boresight (patterns that depend on it)"),
    OPT("angles", 0, CLI_ARG, "FILE", "read off-axis angles (deg), one per line, from FILE\n"
     "('-' is standard input) instead of sweeping; a lone '-' does the same"),
    OPT("relative", 0, CLI_FLAG, NULL, "print G - Gmax (gain_rel_db) instead of G (gain_dbi)"),
    OPT("png", 0, CLI_ARG, "FILE", "draw the pattern as a PNG chart (gain against angle); the\n"
     "table is then written only with -o (-o - for standard output)"),
    OPT("log-angle", 0, CLI_FLAG, NULL, "with --png: logarithmic angle axis, from --from when it\n"
     "is above 0, else from a decade below the edge of the main lobe"),
    OPT("width", 0, CLI_ARG, "PX", "with --png: image width in pixels, 200 to 8000 [1200]"),
    OPT("list", 0, CLI_FLAG, NULL, "print the catalogue: patterns, revisions, keys, units,\n"
     "ranges, defaults, and the RA.769-2 thresholds"),
    OPT("output", 'o', CLI_ARG, "FILE", "write to FILE (atomically) instead of standard output"),
    OPT("quiet", 'q', CLI_FLAG, NULL, "no warnings on standard error"),
    {NULL, 0, 0, NULL, NULL, NULL, "Keys of the patterns (--list: each pattern's, with ranges)"}};

static const char examples[] =
    "  interf-pattern --pattern S.1428 --dish-m 0.6 --freq-ghz 11.7 --from 0 --to 10 --step 1\n"
    "  interf-pattern --pattern S.1428 --dish-m 0.6 --freq-ghz 11.7 --png s1428.png\n"
    "  printf '0\\n2.5\\n30\\n' |\n"
    "      interf-pattern --pattern S.672 --gain-max-dbi 32.4 --half-beamwidth-deg 2 --relative -\n"
    "  interf-pattern --list\n";

/* The option table: the fixed options, then one option per key of the catalogue ("diameter_m"
 * as --diameter-m, its field the key's name). */
static struct cli_option table[sizeof fixed / sizeof fixed[0] + MAX_KEYS + 1];
static char key_option[MAX_KEYS][64];

static void build_table(void)
{
    size_t n = sizeof fixed / sizeof fixed[0], nk = 0;
    memcpy(table, fixed, sizeof fixed);
    for (size_t p = 0; p < interf_pattern_count(); p++) {
        const struct interf_pattern_def *def = interf_pattern_at(p);
        for (size_t k = 0; k < def->nkeys && nk < MAX_KEYS; k++) {
            size_t i = sizeof fixed / sizeof fixed[0];
            while (i < n && strcmp(table[i].field, def->keys[k].name) != 0)
                i++;
            if (i < n)
                continue;
            snprintf(key_option[nk], sizeof key_option[nk], "%s", def->keys[k].name);
            for (char *c = key_option[nk]; *c; c++)
                *c = *c == '_' ? '-' : *c;
            table[n++] = (struct cli_option){key_option[nk++], 0, CLI_ARG, "V",
                                             def->keys[k].help, def->keys[k].name, NULL};
        }
    }
}

/* The keys given: the key options, their aliases --dish-m and --freq-ghz, and --param
 * KEY=VALUE; *n of them, by name (fields of the option table) and value. */
static void add_key(const char **keys, double *values, size_t *n, const char *key,
                    const char *text, const char *opt)
{
    struct interf_error err;
    if (*n == MAX_KEYS)
        cli_usage_error("--%s: too many keys", opt);
    if (interf_parse_number(text, -1e300, 1e300, &values[*n], &err) != INTERF_OK)
        cli_usage_error("--%s: %s", opt, err.msg);
    keys[(*n)++] = key;
}

static size_t keys_given(const char **keys, double *values)
{
    size_t n = 0;
    for (size_t i = sizeof fixed / sizeof fixed[0]; table[i].name; i++)
        if (cli_given(table[i].name))
            add_key(keys, values, &n, table[i].field, cli_text(table[i].name), table[i].name);
    if (cli_given("dish-m"))
        add_key(keys, values, &n, "diameter_m", cli_text("dish-m"), "dish-m");
    if (cli_given("freq-ghz"))
        add_key(keys, values, &n, "frequency_ghz", cli_text("freq-ghz"), "freq-ghz");
    for (size_t k = 0; k < cli_given("param"); k++) { /* the library checks the name */
        static char names[MAX_KEYS][64];
        const char *kv = cli_nth("param", k), *eq = strchr(kv, '=');
        if (!eq || eq == kv || eq - kv >= 64)
            cli_usage_error("--param: expected KEY=VALUE, got \"%s\"", kv);
        snprintf(names[k % MAX_KEYS], 64, "%.*s", (int)(eq - kv), kv);
        add_key(keys, values, &n, names[k % MAX_KEYS], eq + 1, "param");
    }
    return n;
}

/* The pattern set from --pattern, its keys and --file. A fault in the data file is an input
 * error ("PATH:LINE: ..."), the rest a usage error naming the option. */
static int init_antenna(struct interf_antenna *ant, int *given)
{
    const struct interf_pattern_def *def = interf_pattern_find(cli_text("pattern"));
    const char *keys[MAX_KEYS], *file = cli_text("file");
    double values[MAX_KEYS];
    struct interf_error err;
    char list[512];
    if (!def)
        cli_usage_error("--pattern: %s: unknown (allowed: %s)", cli_text("pattern"),
                        interf_pattern_names(list, sizeof list));
    size_t n = keys_given(keys, values), nf = file ? strlen(file) : 0;
    enum interf_status st = interf_antenna_init_named(ant, def, keys, values, n, file, 0.0,
                                                      given, &err);
    if (st == INTERF_OK)
        return CLI_EXIT_OK;
    int in_file = file && strncmp(err.msg, "file: ", 6) == 0 &&
                  strncmp(err.msg + 6, file, nf) == 0 && err.msg[6 + nf] == ':';
    if (st == INTERF_EIO || in_file) {
        cli_error("%s", in_file ? err.msg + 6 : err.msg);
        return CLI_EXIT_ERROR;
    }
    cli_usage_fail(&err);
}

/* The angles: read (--angles FILE, or '-') or swept (--from, --to, --step); NULL after a
 * message. */
static double *angles_of(size_t *n, double from, double to)
{
    char **ops;
    size_t nops = cli_operands(&ops);
    const char *path = cli_text("angles");
    struct interf_error err;
    double *a, step = cli_real("step", 1e-6, 180, 0.1);
    if (nops && (strcmp(ops[0], "-") != 0 || nops > 1 || path))
        cli_usage_error("%s: unexpected argument (angles come from '-' or --angles FILE)",
                        ops[nops > 1 && !path ? 1 : 0]);
    path = nops ? "-" : path;
    if (path) {
        if (cli_given("from") || cli_given("to") || cli_given("step"))
            cli_usage_error("--from/--to/--step: not with angles read from %s", path);
        FILE *fp = NULL;
        const char *name;
        enum interf_status st = interf_input_open(path, &fp, &name, &err);
        if (st == INTERF_OK)
            st = interf_angles_read(fp, name, &a, n, &err);
        interf_input_close(fp);
        if (st != INTERF_OK)
            cli_fail(&err);
        return st == INTERF_OK ? a : NULL;
    }
    if ((*n = interf_angles_sweep(from, to, step, NULL)) > MAX_ANGLES)
        cli_usage_error("--step: %g: %zu angles need %.2f GiB of memory, more than the limit of "
                        "%d angles", step, *n, 8.0 * (double)*n / 1073741824.0, MAX_ANGLES);
    cli_check_memory(8.0 * (double)*n, "use a larger --step");
    if ((a = malloc(*n * sizeof *a)))
        interf_angles_sweep(from, to, step, a);
    else
        cli_error("out of memory");
    return a;
}

/* Whether fp, the output of option name, was written whole (flushed: a full disk is known
 * before anything is renamed into place); else the message, and the run's files removed. */
static int written(FILE *fp, const char *name)
{
    struct interf_error err;
    const char *target = cli_text(name) ? cli_text(name) : "-";
    if (!ferror(fp) && (errno = 0, fflush(fp) == 0) && !ferror(fp))
        return 1; /* (with ferror set, errno still says why the writer failed) */
    interf_outset_write_error(target, &err);
    cli_fail(&err);
    interf_outset_destroy(cli_outputs()); /* the temporary files go; exit follows */
    return 0;
}

/* The table: schema line, provenance, one row per angle. */
static FILE *write_table(FILE *fp, const struct interf_antenna *ant,
                        const struct interf_provenance *p, const double *angles, size_t n)
{
    int rel = (int)cli_given("relative");
    double az = cli_real("azimuth", -360, 360, 0);
    fprintf(fp, "# theta_deg %s\n", rel ? "gain_rel_db" : "gain_dbi");
    interf_provenance_write(fp, p, NULL);
    for (size_t i = 0; i < n; i++)
        fprintf(fp, "%12.6f  %10.4f\n", angles[i],
                interf_antenna_gain2_dbi(ant, angles[i], az) - (rel ? ant->gain_max_dbi : 0));
    return fp;
}

/* The PNG's text: title, tool, source, command and a description of the curve, then the rest
 * of the run's provenance. */
static FILE *write_png(FILE *fp, const struct interf_image *img, const char *title,
                                    const double range[2], const struct interf_provenance *run)
{
    struct interf_provenance p;
    struct interf_error err;
    interf_provenance_init(&p, NULL);
    interf_provenance_set(&p, "title", "%s", title);
    interf_provenance_merge(&p, run);
    interf_provenance_set(&p, "description", "%s against theta_deg, %g to %g deg%s; pattern %s; "
                          "gain_max_dbi %s; parameters: %s", cli_given("relative") ?
                          "gain_rel_db" : "gain_dbi", range[0], range[1],
                          cli_given("log-angle") ? " (log axis)" : "",
                          interf_provenance_get(run, "pattern"),
                          interf_provenance_get(run, "gain_max_dbi"),
                          interf_provenance_get(run, "parameters"));
    interf_png_write_provenance(fp, img, &p, &err); /* a write error: see written() */
    return fp;
}

/* The option combinations, and the outputs checked before the work. */
static void check_options(void)
{
    const char *png = cli_text("png"), *out = cli_text("output");
    if (!png && (cli_given("log-angle") || cli_given("width")))
        cli_usage_error("%s: needs --png", cli_given("log-angle") ? "--log-angle" : "--width");
    if (png && out && strcmp(png, out) == 0 && strcmp(png, "-") != 0)
        cli_usage_error("--png: %s: also the table's output (-o)", png);
    if (png)
        cli_output_check(png, 1);
    if (!png || out)
        cli_output_check(out, 0);
}

int main(int argc, char **argv)
{
    struct cli_tool tool = {"interf-pattern", "--pattern NAME [--KEY VALUE ...] [options] [- | "
                            "--angles FILE]\n       interf-pattern --list", "Print the gain of an "
                            "antenna pattern of the ITU-R catalogue against the off-axis angle.\n",
                            table, examples, 1};
    struct interf_antenna ant = {0};
    struct interf_error err;
    struct interf_image *img = NULL;
    struct interf_provenance prov;
    int given[INTERF_PATTERN_MAXKEYS] = {0}, rc = CLI_EXIT_ERROR;
    double *angles = NULL, range[2] = {0, 0};
    char title[512], **ops;
    size_t n = 0;

    build_table();
    cli_parse(&tool, argc, argv);
    if (cli_given("list") && cli_given("png"))
        cli_usage_error("--png: not with --list");
    if (cli_given("list")) { /* a write error is the commit's to report */
        interf_pattern_catalogue_write(cli_open(cli_text("output")), &err);
        return cli_commit();
    }
    if (!cli_given("pattern"))
        cli_usage_error("--pattern: required (see --list)");
    double from = cli_real("from", 0, 180, 0), to = cli_real("to", 0, 180, 180);
    if (from > to)
        cli_usage_error("--from: %g: above --to %g", from, to);
    check_options();
    if (init_antenna(&ant, given) != CLI_EXIT_OK)
        return CLI_EXIT_ERROR;
    if (cli_given("azimuth") && !interf_antenna_azimuthal(&ant))
        cli_warn("--azimuth: pattern %s does not depend on the azimuth here", ant.def->name);
    int read = cli_given("angles") || cli_operands(&ops);
    if (!(angles = angles_of(&n, from, to)))
        goto done;
    interf_antenna_title(&ant, given, cli_text("file"), title, sizeof title);
    struct interf_pattern_chart c = {&ant, cli_real("azimuth", -360, 360, 0),
                                     (int)cli_given("relative"), from, to, read ? angles : NULL,
                                     n, (int)cli_given("log-angle"),
                                     (int)cli_long("width", 200, 8000, 1200), title};
    if (cli_given("png") && interf_pattern_chart(&c, &img, range, &err) != INTERF_OK) {
        cli_error("--png: %s", err.msg);
        goto done;
    }
    int ac;
    cli_command(&ac, &ops);
    interf_provenance_init(&prov, "interf-pattern");
    interf_provenance_set_command(&prov, ac, ops);
    interf_antenna_provenance(&ant, cli_text("file"), c.azimuth_deg, &prov);
    if ((!cli_given("png") || cli_given("output")) &&
        !written(write_table(cli_open(cli_text("output")), &ant, &prov, angles, n), "output"))
        goto done;
    if (cli_given("png") && !written(write_png(cli_open(cli_text("png")), img, title, range,
                                               &prov), "png"))
        goto done;
    rc = cli_commit();
done:
    interf_image_destroy(img);
    free(angles);
    interf_antenna_release(&ant);
    return rc;
}
