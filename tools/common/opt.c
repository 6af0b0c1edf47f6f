/* SPDX-License-Identifier: MIT */
/* The tools' options: one table per tool gives the parser, the typed accessors and --help, so
 * that help, parsing and messages can never disagree. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_impl.h"

#define MAX_OPTS 96

static const struct cli_tool *tool;
static int n_opts;
/* per table entry: the values given, in order (argv strings) */
static const char **values[MAX_OPTS];
static size_t n_values[MAX_OPTS];
static char **operands;
static size_t n_operands;
static int cmd_argc;
static char **cmd_argv;

/* The entry an alias stands for: the option before it (aliases of one option follow it). */
static int target_of(int k)
{
    while (k > 0 && tool->options[k].arg == CLI_ALIAS)
        k--;
    return k;
}

static int index_of(const char *name)
{
    for (int k = 0; k < n_opts; k++)
        if (tool->options[k].name && strcmp(tool->options[k].name, name) == 0)
            return target_of(k);
    return -1;
}

const struct cli_option *cli_option_of_field(const char *field, size_t len)
{
    for (int k = 0; tool && k < n_opts; k++) {
        const char *f = tool->options[k].field;
        if (f && strlen(f) == len && strncmp(f, field, len) == 0)
            return &tool->options[k];
    }
    return NULL;
}

static int checked(const char *name)
{
    int k = index_of(name);
    if (k < 0) {
        cli_error("internal error: no option --%s", name);
        abort();
    }
    return k;
}

/* --help: the usage line, the description, the options by group (each with its aliases), the
 * examples. */
static void help(void)
{
    printf("Usage: %s %s\n%s\n", tool->name, tool->synopsis, tool->description);
    for (int k = 0; k < n_opts; k++) {
        const struct cli_option *o = &tool->options[k];
        if (!o->name) {
            printf("%s:\n", o->heading);
            continue;
        }
        if (o->arg == CLI_ALIAS)
            continue;
        char left[128], names[96];
        int used = snprintf(names, sizeof names, "%s", o->name);
        for (int a = k + 1; a < n_opts && tool->options[a].arg == CLI_ALIAS &&
                            (size_t)used < sizeof names; a++)
            used += snprintf(names + used, sizeof names - (size_t)used, ", --%s",
                             tool->options[a].name);
        snprintf(left, sizeof left, "%c%c%s--%s%s%s", o->short_name ? '-' : ' ',
                 o->short_name ? o->short_name : ' ', o->short_name ? ", " : "  ", names,
                 o->metavar ? " " : "", o->metavar ? o->metavar : "");
        printf("  %-23s%s", left, strlen(left) > 23 ? "\n                         " : "");
        for (const char *h = o->help; *h; h++) {
            putchar(*h);
            if (*h == '\n')
                fputs("                         ", stdout);
        }
        putchar('\n');
    }
    printf("  -h, --help             show this help and exit\n"
           "      --version          show the version and exit\n");
    if (tool->examples)
        printf("\nExamples:\n%s", tool->examples);
    exit(cli_close_stdout());
}

void cli_parse(const struct cli_tool *t, int argc, char **argv)
{
    struct option lo[MAX_OPTS + 3];
    char shorts[2 * MAX_OPTS + 4] = ":h";
    size_t ns = 2, nl = 0;
    tool = t;
    /* getopt_long permutes argv: the command line as given is put back after parsing, for
     * the provenance that main records from argv */
    char **given = calloc((size_t)argc + 1, sizeof *given);
    if (given)
        memcpy(given, argv, (size_t)argc * sizeof *argv);
    cmd_argc = argc, cmd_argv = argv;
    cli_messages_init(t->name);
    cli_mpi_start();
    for (n_opts = 0; t->options[n_opts].name || t->options[n_opts].heading; n_opts++) {
        const struct cli_option *o = &t->options[n_opts];
        if (!o->name)
            continue;
        int k = target_of(n_opts); /* an alias is its option under another name */
        lo[nl++] = (struct option){o->name, t->options[k].arg == CLI_FLAG ? no_argument
                                                                          : required_argument,
                                   NULL, 1000 + k};
        if (o->short_name) {
            shorts[ns++] = o->short_name;
            if (o->arg != CLI_FLAG)
                shorts[ns++] = ':';
        }
    }
    shorts[ns] = '\0';
    lo[nl++] = (struct option){"help", no_argument, NULL, 'h'};
    lo[nl++] = (struct option){"version", no_argument, NULL, 999};
    lo[nl] = (struct option){NULL, 0, NULL, 0};
    for (int k = 0; k < n_opts; k++)
        values[k] = calloc((size_t)argc + 1, sizeof *values[k]);
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, shorts, lo, NULL)) != -1) {
        int k = -1;
        if (c == 'h')
            help();
        if (c == 999) {
            printf("%s (interf) %s\n", t->name, INTERF_VERSION_STRING);
            exit(cli_close_stdout());
        }
        if (c == ':')
            cli_usage_error("%s: missing value", argv[optind - 1]);
        if (c >= 1000)
            k = c - 1000;
        for (int j = 0; k < 0 && j < n_opts; j++)
            if (t->options[j].name && t->options[j].short_name == c)
                k = j;
        if (k < 0)
            cli_usage_error("%s: unknown option", argv[optind - 1]);
        const struct cli_option *o = &t->options[k];
        if (o->arg != CLI_REPEAT && n_values[k] > 0)
            cli_usage_error("--%s: given twice", o->name);
        values[k][n_values[k]++] = o->arg == CLI_FLAG ? "" : optarg;
    }
    n_operands = (size_t)(argc - optind);
    operands = argv + optind;
    if (given && (operands = calloc(n_operands + 1, sizeof *operands))) {
        memcpy(operands, argv + optind, n_operands * sizeof *argv);
        memcpy(argv, given, (size_t)argc * sizeof *argv);
    } else {
        operands = argv + optind;
    }
    free(given);
    if (n_operands && !t->operands)
        cli_usage_error("%s: unexpected argument", operands[0]);
}

size_t cli_given(const char *name) { return n_values[checked(name)]; }

const char *cli_text(const char *name)
{
    int k = checked(name);
    return n_values[k] ? values[k][n_values[k] - 1] : NULL;
}

const char *cli_nth(const char *name, size_t i)
{
    int k = checked(name);
    return i < n_values[k] ? values[k][i] : NULL;
}

/* The option's value through a library parser; a failure is a usage error naming it. */
static void fail_value(const char *name, const struct interf_error *err)
{
    cli_usage_error("--%s: %s", name, err->msg);
}

double cli_real(const char *name, double min, double max, double def)
{
    const char *t = cli_text(name);
    struct interf_error err;
    double v = def;
    if (t && interf_parse_number(t, min, max, &v, &err) != INTERF_OK)
        fail_value(name, &err);
    return v;
}

long cli_long(const char *name, long min, long max, long def)
{
    const char *t = cli_text(name);
    struct interf_error err;
    long v = def;
    if (t && interf_parse_integer(t, min, max, &v, &err) != INTERF_OK)
        fail_value(name, &err);
    return v;
}

double cli_duration(const char *name, int allow_negative, double def)
{
    const char *t = cli_text(name);
    struct interf_error err;
    double v = def;
    if (t && interf_parse_duration(t, allow_negative, &v, &err) != INTERF_OK)
        fail_value(name, &err);
    return v;
}

double cli_size(const char *name, double def)
{
    const char *t = cli_text(name);
    struct interf_error err;
    double v = def;
    if (t && interf_parse_size(t, &v, &err) != INTERF_OK)
        fail_value(name, &err);
    return v;
}

size_t cli_operands(char ***argv)
{
    *argv = operands;
    return n_operands;
}

void cli_command(int *argc, char ***argv)
{
    *argc = cmd_argc;
    *argv = cmd_argv;
}

void cli_exclusive(const char *a, const char *b)
{
    if (cli_given(a) && cli_given(b))
        cli_usage_error("give --%s or --%s, not both", a, b);
}

int cli_has_option(const char *name) { return tool && index_of(name) >= 0; }
