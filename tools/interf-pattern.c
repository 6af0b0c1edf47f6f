/* SPDX-License-Identifier: MIT */
/* interf-pattern: the gain of an antenna of the ITU-R catalogue against the off-axis angle, as a
 * table (a sweep, or angles read from a file or standard input) and as a PNG chart drawn by the
 * render layer, and the catalogue itself. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_legacy.h"

static const char usage[] =
    "Usage: interf-pattern --pattern NAME [--KEY VALUE ...] [options] [- | --angles FILE]\n"
    "       interf-pattern --list\n"
    "Print the gain of an antenna pattern of the ITU-R catalogue against the off-axis angle.\n"
    "\n"
    "  -p, --pattern NAME       catalogue name: S.1428, S.1528:1.2, M.2101, ... (see --list)\n"
    "      --KEY VALUE          a key of the pattern, written with dashes, for example\n"
    "                           diameter_m as --diameter-m 0.6 (the keys: see --list)\n"
    "      --param KEY=VALUE    a key by its system-file name: --param ln_db=-25\n"
    "      --dish-m M           the same as --diameter-m\n"
    "      --freq-ghz F         the same as --frequency-ghz\n"
    "      --file PATH          the data file of the table pattern\n"
    "      --from DEG           first off-axis angle of the sweep [0]\n"
    "      --to DEG             last off-axis angle of the sweep [180]\n"
    "      --step DEG           step of the sweep [0.1]\n"
    "      --azimuth DEG        azimuth about the boresight, for patterns that depend on it [0]\n"
    "      --angles FILE        read off-axis angles (deg), one per line, from FILE ('-' is\n"
    "                           standard input) instead of sweeping; a lone '-' does the same\n"
    "      --relative           print G - Gmax (gain_rel_db) instead of G (gain_dbi)\n"
    "      --png FILE           draw the pattern as a PNG chart (gain against angle, written\n"
    "                           atomically); the table is then written only with -o\n"
    "                           (-o - for standard output)\n"
    "      --log-angle          with --png: logarithmic angle axis, from --from when it is\n"
    "                           above 0, else from a decade below the edge of the main lobe\n"
    "      --width PX           with --png: image width in pixels, 200 to 8000 [1200]\n"
    "      --list               print the catalogue: patterns, revisions, keys, units, ranges,\n"
    "                           defaults, and the RA.769-2 thresholds\n"
    "  -o, --output FILE        write to FILE (atomically) instead of standard output\n"
    "  -q, --quiet              no warnings on standard error\n"
    "  -h, --help               show this help and exit\n"
    "      --version            show the version and exit\n"
    "\n"
    "Examples:\n"
    "  interf-pattern --pattern S.1428 --dish-m 0.6 --freq-ghz 11.7 --from 0 --to 10 --step 1\n"
    "  interf-pattern --pattern S.1428 --dish-m 0.6 --freq-ghz 11.7 --png s1428.png\n"
    "  printf '0\\n2.5\\n30\\n' |\n"
    "      interf-pattern --pattern S.672 --gain-max-dbi 32.4 --half-beamwidth-deg 2 --relative -\n"
    "  interf-pattern --list\n";

/* Options generated from the catalogue's keys: every key of every pattern, as --key-name. */
#define MAX_KEYOPTS 128
#define O_KEY 1000

struct keyopt {
    char name[64];    /* "diameter_m" */
    char option[64];  /* "diameter-m" */
};

struct opts {
    const char *pattern, *output, *angles, *file, *png;
    double from_deg, to_deg, step_deg, azimuth_deg;
    int has_sweep, relative, list, quiet, has_azimuth, log_angle, width_px, has_width;
    /* keys given, by name, in order */
    const char *key[MAX_KEYOPTS];
    char keyarg[MAX_KEYOPTS][72];    /* the option as the user wrote it, for messages */
    double value[MAX_KEYOPTS];
    size_t nkey;
};

static size_t collect_keys(struct keyopt *ko)
{
    size_t n = 0;
    for (size_t p = 0; p < interf_pattern_count(); p++) {
        const struct interf_pattern_def *def = interf_pattern_at(p);
        for (size_t k = 0; k < def->nkeys; k++) {
            size_t i = 0;
            while (i < n && strcmp(ko[i].name, def->keys[k].name) != 0)
                i++;
            if (i < n || n == MAX_KEYOPTS)
                continue;
            snprintf(ko[n].name, sizeof ko[n].name, "%s", def->keys[k].name);
            snprintf(ko[n].option, sizeof ko[n].option, "%s", def->keys[k].name);
            for (char *c = ko[n].option; *c; c++)
                if (*c == '_')
                    *c = '-';
            n++;
        }
    }
    return n;
}

static void add_key(struct opts *o, const char *name, const char *arg, const char *opt)
{
    if (o->nkey == MAX_KEYOPTS)
        cli_usage_error("%s: too many keys", opt);
    for (size_t i = 0; i < o->nkey; i++)
        if (strcmp(o->key[i], name) == 0)
            cli_usage_error("%s: given twice", opt);
    o->key[o->nkey] = name;
    snprintf(o->keyarg[o->nkey], sizeof o->keyarg[o->nkey], "%s", opt);
    o->value[o->nkey] = cli_double(arg, opt, -1e300, 1e300);
    o->nkey++;
}

/* --param KEY=VALUE: KEY must be a key of some pattern (checked again against the pattern). */
static void add_param(struct opts *o, const struct keyopt *ko, size_t nko, char *arg)
{
    char *eq = strchr(arg, '=');
    if (!eq || eq == arg)
        cli_usage_error("--param: expected KEY=VALUE, got \"%s\"", arg);
    *eq = '\0';
    for (size_t i = 0; i < nko; i++)
        if (strcmp(ko[i].name, arg) == 0) {
            add_key(o, ko[i].name, eq + 1, "--param");
            return;
        }
    cli_usage_error("--param: %s: not a key of any pattern (see --list)", arg);
}

/* --png and its companions: a PNG goes to a file, or to standard output when that is not a
 * terminal and not already taken by the table. */
static void check_png_args(const struct opts *o)
{
    if (!o->png && (o->log_angle || o->has_width))
        cli_usage_error("%s: needs --png", o->log_angle ? "--log-angle" : "--width");
    if (!o->png)
        return;
    if (o->list)
        cli_usage_error("--png: not with --list");
    if (strcmp(o->png, "-") == 0 && isatty(STDOUT_FILENO))
        cli_usage_error("--png: - is standard output, a terminal (a PNG is not for a terminal)");
    if (o->output && strcmp(o->png, o->output) == 0)
        cli_usage_error("--png: %s: also the table's output (-o)", o->png);
}

static void parse_args(int argc, char **argv, struct opts *o, struct keyopt *ko, size_t nko)
{
    enum { O_FROM = 256, O_TO, O_STEP, O_AZ, O_ANGLES, O_REL, O_LIST, O_PARAM, O_DISH, O_FREQ,
           O_FILE, O_VERSION, O_PNG, O_LOG_ANGLE, O_WIDTH };
    static const struct option fixed[] = {
        {"pattern", required_argument, NULL, 'p'}, {"from", required_argument, NULL, O_FROM},
        {"to", required_argument, NULL, O_TO}, {"step", required_argument, NULL, O_STEP},
        {"azimuth", required_argument, NULL, O_AZ}, {"angles", required_argument, NULL, O_ANGLES},
        {"relative", no_argument, NULL, O_REL}, {"list", no_argument, NULL, O_LIST},
        {"param", required_argument, NULL, O_PARAM}, {"dish-m", required_argument, NULL, O_DISH},
        {"freq-ghz", required_argument, NULL, O_FREQ}, {"file", required_argument, NULL, O_FILE},
        {"png", required_argument, NULL, O_PNG}, {"log-angle", no_argument, NULL, O_LOG_ANGLE},
        {"width", required_argument, NULL, O_WIDTH},
        {"output", required_argument, NULL, 'o'}, {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'}, {"version", no_argument, NULL, O_VERSION}};
    size_t nfixed = sizeof fixed / sizeof fixed[0];
    struct option longopts[sizeof fixed / sizeof fixed[0] + MAX_KEYOPTS + 1];
    memcpy(longopts, fixed, sizeof fixed);
    for (size_t i = 0; i < nko; i++)
        longopts[nfixed + i] = (struct option){ko[i].option, required_argument, NULL,
                                               O_KEY + (int)i};
    longopts[nfixed + nko] = (struct option){NULL, 0, NULL, 0};
    memset(o, 0, sizeof *o);
    o->to_deg = 180.0;
    o->step_deg = 0.1;
    o->width_px = 1200;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":p:o:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'p': o->pattern = optarg; break;
        case 'o': o->output = optarg; break;
        case 'q': o->quiet = 1; break;
        case 'h': cli_help(usage);
        case O_VERSION: cli_version();
        case O_FROM: o->from_deg = cli_double(optarg, "--from", 0, 180); o->has_sweep = 1; break;
        case O_TO: o->to_deg = cli_double(optarg, "--to", 0, 180); o->has_sweep = 1; break;
        case O_STEP: o->step_deg = cli_double(optarg, "--step", 1e-6, 180); o->has_sweep = 1;
            break;
        case O_AZ:
            o->azimuth_deg = cli_double(optarg, "--azimuth", -360, 360);
            o->has_azimuth = 1;
            break;
        case O_ANGLES: o->angles = optarg; break;
        case O_REL: o->relative = 1; break;
        case O_LIST: o->list = 1; break;
        case O_PARAM: add_param(o, ko, nko, optarg); break;
        case O_DISH: add_key(o, "diameter_m", optarg, "--dish-m"); break;
        case O_FREQ: add_key(o, "frequency_ghz", optarg, "--freq-ghz"); break;
        case O_FILE: o->file = optarg; break;
        case O_PNG: o->png = optarg; break;
        case O_LOG_ANGLE: o->log_angle = 1; break;
        case O_WIDTH: o->width_px = (int)cli_long(optarg, "--width", 200, 8000); o->has_width = 1;
            break;
        case ':': cli_usage_error("%s: missing value", argv[optind - 1]);
        case '?': cli_usage_error("%s: unknown option", argv[optind - 1]);
        default:
            if (c >= O_KEY && c < O_KEY + (int)nko) {
                char opt[80];
                snprintf(opt, sizeof opt, "--%s", ko[c - O_KEY].option);
                add_key(o, ko[c - O_KEY].name, optarg, opt);
                break;
            }
            cli_usage_error("%s: unknown option", argv[optind - 1]);
        }
    }
    for (; optind < argc; optind++) {
        if (strcmp(argv[optind], "-") != 0)
            cli_usage_error("%s: unexpected argument (angles come from '-' or --angles FILE)",
                            argv[optind]);
        if (o->angles)
            cli_usage_error("-: angles are already read from %s", o->angles);
        o->angles = "-";
    }
    check_png_args(o);
    if (o->list)
        return;
    if (!o->pattern)
        cli_usage_error("--pattern: required (see --list)");
    if (o->angles && o->has_sweep)
        cli_usage_error("--from/--to/--step: not with angles read from %s", o->angles);
    if (o->from_deg > o->to_deg)
        cli_usage_error("--from: %g: above --to %g", o->from_deg, o->to_deg);
}

/* --- the catalogue ---------------------------------------------------------------------------- */

/* "Rec. " before an ITU-R revision ("Rec. ITU-R S.1428-1 ..."), nothing before the others. */
static const char *rec_prefix(const struct interf_pattern_def *def)
{
    return strncmp(def->revision, "ITU-R", 5) == 0 ? "Rec. " : "";
}

static void print_range(FILE *fp, const struct interf_pattern_key *k)
{
    char buf[96];
    snprintf(buf, sizeof buf, "%s%g, %g]%s%s", (k->flags & INTERF_KEY_OPEN_MIN) ? "(" : "[",
             k->min, k->max, k->unit[0] ? " " : "", k->unit);
    fprintf(fp, "  %-20s %-22s", k->name, buf);
}

static void print_list(FILE *fp)
{
    fputs("# interf antenna catalogue: name, revision implemented, keys (range, default)\n", fp);
    for (size_t p = 0; p < interf_pattern_count(); p++) {
        const struct interf_pattern_def *def = interf_pattern_at(p);
        fprintf(fp, "\n%s\n  source: %s%s\n  %s\n", def->name, rec_prefix(def), def->revision,
                def->summary);
        if (def->azimuth_ref)
            fprintf(fp, "  azimuth about the boresight: %s\n", def->azimuth_ref);
        if (def->file_key)
            fprintf(fp, "  %-20s %-22s required   the data file (--file)\n", def->file_key,
                    "path");
        for (size_t k = 0; k < def->nkeys; k++) {
            const struct interf_pattern_key *key = &def->keys[k];
            print_range(fp, key);
            if (key->required)
                fprintf(fp, " required   ");
            else if (strcmp(key->name, "frequency_ghz") == 0)
                fprintf(fp, " run freq.  ");
            else
                fprintf(fp, " %-10g ", key->def);
            fprintf(fp, "%s%s\n", key->help, (key->flags & INTERF_KEY_INTEGER) ? " (integer)" : "");
        }
        if (def->needs_frequency && interf_pattern_key_index(def, "frequency_ghz") < 0)
            fprintf(fp, "  (uses the run's frequency)\n");
    }
    fputs("\nRA.769\n  source: Rec. ITU-R RA.769-2 (05/2003), Table 1 (continuum), 2000 s"
          " integration, 0 dBi towards the interferer\n"
          "  freq_mhz  bandwidth_mhz  t_antenna_k  t_receiver_k  dp_dbw  s_dbw_m2  "
          "s_dbw_m2_hz\n",
          fp);
    for (size_t i = 0; i < interf_ra769_count(); i++) {
        const struct interf_ra769_row *r = interf_ra769_at(i);
        fprintf(fp, "  %8.1f  %13.0f  %11.0f  %12.0f  %6.0f  %8.0f  %11.0f\n", r->freq_mhz,
                r->bandwidth_mhz, r->t_antenna_k, r->t_receiver_k, r->dp_dbw, r->s_dbw_m2,
                r->s_dbw_m2_hz);
    }
}

/* --- the pattern -------------------------------------------------------------------------- */

static void init_antenna(const struct opts *o, struct interf_antenna *ant)
{
    const struct interf_pattern_def *def = interf_pattern_find(o->pattern);
    if (!def) {
        char names[512];
        cli_usage_error("--pattern: %s: unknown (allowed: %s)", o->pattern,
                        interf_pattern_names(names, sizeof names));
    }
    double values[INTERF_PATTERN_MAXKEYS] = {0};
    int given[INTERF_PATTERN_MAXKEYS] = {0};
    for (size_t i = 0; i < o->nkey; i++) {
        int k = interf_pattern_key_index(def, o->key[i]);
        if (k < 0) {
            char keys[512] = "";
            size_t used = 0;
            for (size_t j = 0; j < def->nkeys && used < sizeof keys; j++) {
                int w = snprintf(keys + used, sizeof keys - used, "%s%s", j ? ", " : "",
                                 def->keys[j].name);
                used += w > 0 ? (size_t)w : 0;
            }
            cli_usage_error("%s: %s is not a key of pattern %s (its keys: %s)", o->keyarg[i],
                            o->key[i], def->name, def->nkeys ? keys : "none");
        }
        values[k] = o->value[i];
        given[k] = 1;
    }
    if (o->file && !def->file_key)
        cli_usage_error("--file: pattern %s reads no file", def->name);
    if (def->file_key && !o->file)
        cli_usage_error("--file: required by pattern %s", def->name);
    int kf = interf_pattern_key_index(def, "frequency_ghz");
    if (def->needs_frequency && (kf < 0 || !given[kf]))
        cli_usage_error("--frequency-ghz (or --freq-ghz): required by pattern %s", def->name);
    struct interf_error err;
    enum interf_status st = interf_antenna_init_file(ant, def, values, given, o->file, 0.0, &err);
    /* The data file's own faults ("file: PATH:LINE: ...") are input errors, not usage. */
    size_t nf = o->file ? strlen(o->file) : 0;
    int in_file = st != INTERF_OK && o->file && strncmp(err.msg, "file: ", 6) == 0 &&
                  strncmp(err.msg + 6, o->file, nf) == 0 && err.msg[6 + nf] == ':';
    if (st == INTERF_EIO || in_file) {
        cli_error("%s", in_file ? err.msg + 6 : err.msg);
        exit(CLI_EXIT_ERROR); /* nothing is held yet */
    }
    if (st != INTERF_OK)
        cli_usage_error("%s: %s", def->name, err.msg);
}

/* Angles from FILE or stdin: one per line (blank and '#' lines skipped), all read and checked
 * before any output. Returns 0, or 1 after printing the error. */
static int read_angles(const char *path, double **out, size_t *n)
{
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    const char *label = fp == stdin ? "standard input" : path;
    *out = NULL;
    *n = 0;
    if (!fp) {
        cli_error("%s: %s", path, strerror(errno));
        return 1;
    }
    double *a = NULL;
    size_t cap = 0, len = 0;
    char *line = NULL;
    size_t lcap = 0;
    int lineno = 0, bad = 0;
    ssize_t got;
    while (!bad && (got = getline(&line, &lcap, fp)) != -1) {
        lineno++;
        if (memchr(line, '\0', (size_t)got)) {
            cli_error("%s:%d: NUL byte (not a text file?)", label, lineno);
            bad = 1;
            break;
        }
        char *p = line + strspn(line, " \t\r\n");
        if (!*p || *p == '#')
            continue;
        p[strcspn(p, "\r\n")] = '\0';
        char *end;
        errno = 0;
        double v = strtod(p, &end);
        end += strspn(end, " \t");
        if (end == p || *end || errno == ERANGE || !isfinite(v)) {
            /* quoted as read, control bytes (escape sequences of a binary file) as '?' */
            char shown[41];
            size_t k = 0;
            for (; p[k] && k < sizeof shown - 1; k++)
                shown[k] = (unsigned char)p[k] < 0x20 || p[k] == 0x7f ? '?' : p[k];
            shown[k] = '\0';
            cli_error("%s:%d: theta_deg: \"%s\": not a number", label, lineno, shown);
            bad = 1;
        } else if (v < 0.0 || v > 180.0) {
            cli_error("%s:%d: theta_deg: %s: allowed range 0 to 180 deg", label, lineno, p);
            bad = 1;
        } else {
            if (len == cap) {
                cap = cap ? 2 * cap : 256;
                double *na = realloc(a, cap * sizeof *a);
                if (!na) {
                    cli_error("out of memory");
                    bad = 1;
                    break;
                }
                a = na;
            }
            a[len++] = v;
        }
    }
    if (!bad && ferror(fp)) {
        cli_error("%s: read error", label);
        bad = 1;
    }
    if (!bad && len == 0) {
        cli_error("%s: no angles (one per line, deg)", label);
        bad = 1;
    }
    free(line);
    if (fp != stdin)
        fclose(fp);
    if (bad) {
        free(a);
        return 1;
    }
    *out = a;
    *n = len;
    return 0;
}

static void print_header(FILE *fp, const struct opts *o, const struct interf_antenna *ant,
                         const char *cmd)
{
    const struct interf_pattern_def *def = ant->def;
    fprintf(fp, "# theta_deg %s\n", o->relative ? "gain_rel_db" : "gain_dbi");
    fprintf(fp, "# tool: interf-pattern %s\n", INTERF_VERSION_STRING);
    fprintf(fp, "# command: %s\n", cmd ? cmd : "");
    fprintf(fp, "# pattern: %s\n# source: %s%s\n", def->name, rec_prefix(def), def->revision);
    fputs("# parameters:", fp);
    for (size_t k = 0; k < def->nkeys; k++)
        fprintf(fp, " %s=%.10g", def->keys[k].name, ant->value[k]);
    if (def->file_key)
        fprintf(fp, " %s=%s", def->file_key, o->file);
    fputc('\n', fp);
    fprintf(fp, "# gain_max_dbi: %.4f\n", ant->gain_max_dbi);
    if (interf_antenna_azimuthal(ant))
        fprintf(fp, "# azimuth_deg: %.6f (%s)\n", o->azimuth_deg, def->azimuth_ref);
}

static int write_rows(FILE *fp, const struct opts *o, const struct interf_antenna *ant,
                      const double *angles, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        double g = interf_antenna_gain2_dbi(ant, angles[i], o->azimuth_deg);
        if (o->relative)
            g -= ant->gain_max_dbi;
        fprintf(fp, "%12.6f  %10.4f\n", angles[i], g);
    }
    return ferror(fp) ? 1 : 0;
}

/* --- the chart ----------------------------------------------------------------------------- */

/* Samples of the curve across the swept range, per pixel column of the image: enough that it
 * shows lobes and nulls whatever the table's --step. */
#define SAMPLES_PER_PX 4
/* The log angle axis never starts below this (deg): far inside any main lobe of the catalogue
 * (a 100 m dish at 1000 GHz has a half-power beamwidth of about 1e-4 deg). */
#define LOG_MIN_DEG 1e-5
/* The gain axis reaches down to the curve's lowest value, or to its 1st percentile when the
 * lowest lies more than NULL_DEPTH_DB below that (so that the narrow nulls of an array, down to
 * the -300 dB floor, do not flatten its lobes); and no less than GAIN_SPAN_MIN_DB and no more
 * than GAIN_SPAN_MAX_DB below the peak (dB). */
#define NULL_DEPTH_DB 10.0
#define GAIN_SPAN_MAX_DB 120.0
#define GAIN_SPAN_MIN_DB 10.0

/* The symbol of a key for the title, from its help text ("psi_b, one-half the 3 dB beamwidth"
 * -> "ψb", "G_E,max, element ..." -> "GE,max", "Gmax; 0: ..." -> "Gmax"); the key's name when
 * the help starts with no symbol. */
static void key_symbol(const struct interf_pattern_key *k, char *buf, size_t n)
{
    static const char *const greek[][2] = {
        {"lambda", "\xCE\xBB"}, {"theta", "\xCE\xB8"}, {"phi", "\xCF\x86"},
        {"psi", "\xCF\x88"}, {"rho", "\xCF\x81"}, {"eta", "\xCE\xB7"}};
    const char *h = k->help, *end = h;
    if (strcmp(k->name, "frequency_ghz") == 0) {
        snprintf(buf, n, "f"); /* its help starts "frequency for lambda = c/f" */
        return;
    }
    while (*end && *end != ';' && !(end[0] == ',' && end[1] == ' '))
        end++;
    size_t len = (size_t)(end - h), used = 0;
    if (len == 0 || len > 16 || memchr(h, ' ', len)) {
        snprintf(buf, n, "%s", k->name);
        return;
    }
    for (size_t i = 0; i < len && used + 4 < n;) {
        size_t g = 0, ng = sizeof greek / sizeof greek[0];
        int word_start = i == 0 || h[i - 1] == '_' || h[i - 1] == '/';
        while (word_start && g < ng && (strncmp(h + i, greek[g][0], strlen(greek[g][0])) != 0 ||
                                        i + strlen(greek[g][0]) > len))
            g++;
        if (word_start && g < ng) {
            used += (size_t)snprintf(buf + used, n - used, "%s", greek[g][1]);
            i += strlen(greek[g][0]);
        } else {
            if (h[i] != '_') /* no subscripts in plain text: "psi_b" reads "ψb" */
                buf[used++] = h[i];
            i++;
        }
    }
    buf[used] = '\0';
}

/* "S.1428-1, D = 0.6 m, f = 11.7 GHz": the Recommendation and its revision when the revision
 * text names them (else the catalogue name, "S.1528:1.2"), then the keys given. */
static void chart_title(const struct opts *o, const struct interf_antenna *ant, char *buf,
                        size_t n)
{
    const struct interf_pattern_def *def = ant->def;
    const char *rev = def->revision + (strncmp(def->revision, "ITU-R ", 6) == 0 ? 6 : 0);
    size_t id = strcspn(rev, " ,;(");
    int used;
    if (rev != def->revision && strncmp(rev, def->name, strlen(def->name)) == 0)
        used = snprintf(buf, n, "%.*s", (int)id, rev);
    else
        used = snprintf(buf, n, "%s", def->name);
    for (size_t k = 0; k < def->nkeys && used > 0 && (size_t)used < n; k++) {
        const struct interf_pattern_key *key = &def->keys[k];
        char sym[48];
        size_t i = 0;
        while (i < o->nkey && strcmp(o->key[i], key->name) != 0)
            i++;
        if (i == o->nkey)
            continue;
        key_symbol(key, sym, sizeof sym);
        int deg = strcmp(key->unit, "deg") == 0;
        used += snprintf(buf + used, n - (size_t)used, ", %s = %g%s%s", sym, ant->value[k],
                         deg ? "\xC2\xB0" : key->unit[0] ? " " : "", deg ? "" : key->unit);
    }
    if (def->file_key && used > 0 && (size_t)used < n) {
        const char *slash = strrchr(o->file, '/');
        snprintf(buf + used, n - (size_t)used, ", %s", slash ? slash + 1 : o->file);
    }
}

/* "Rec. ITU-R S.1428-1 (02/2001), recommends 1; peak 35.09 dBi", and the cut's azimuth. */
static void chart_subtitle(const struct opts *o, const struct interf_antenna *ant, char *buf,
                           size_t n)
{
    int used = snprintf(buf, n, "%s%s; peak %.2f dBi", rec_prefix(ant->def), ant->def->revision,
                        ant->gain_max_dbi);
    if (interf_antenna_azimuthal(ant) && used > 0 && (size_t)used < n)
        snprintf(buf + used, n - (size_t)used, "; cut at azimuth %g\xC2\xB0", o->azimuth_deg);
}

/* Ticks of a linear angle axis, about 8 intervals: 1, 2 or 5 x 10^k below 10 deg, else 10, 15,
 * 30, 45 or 90 deg (the divisions of a circle). */
static double angle_tick_deg(double span_deg)
{
    static const double big[] = {10, 15, 30, 45, 90};
    double raw = span_deg / 8;
    for (size_t k = 0; raw > 5 && k < sizeof big / sizeof big[0]; k++)
        if (big[k] >= raw)
            return big[k];
    if (raw > 5)
        return 90;
    double mag = pow(10, floor(log10(raw)));
    return raw <= mag * (1 + 1e-9) ? mag : raw <= 2 * mag ? 2 * mag : raw <= 5 * mag ? 5 * mag
                                                                                      : 10 * mag;
}

static double gain_of(const struct opts *o, const struct interf_antenna *ant, double theta_deg)
{
    double g = interf_antenna_gain2_dbi(ant, theta_deg, o->azimuth_deg);
    return o->relative ? g - ant->gain_max_dbi : g;
}

/* The start of a log angle axis: --from when above 0; else a decade below the width of the main
 * lobe (the span of off-axis angles where the gain is within 3 dB of the peak, found on a log
 * grid of 100 angles a decade), rounded down to a power of 10: 0.1 deg for a dish 3 dB down at
 * 1.5 deg. The axis keeps at least a decade. */
static double log_start_deg(const struct opts *o, const struct interf_antenna *ant, double to)
{
    enum { PER_DECADE = 100, MAX_N = 16 * PER_DECADE };
    double th[MAX_N], g[MAX_N];
    size_t n = 0, pk = 0;
    if (o->from_deg > 0)
        return o->from_deg;
    th[n++] = 0;
    for (double e = log10(LOG_MIN_DEG); e < log10(to) && n < MAX_N - 1; e += 1.0 / PER_DECADE)
        th[n++] = pow(10, e);
    th[n++] = to;
    for (size_t i = 0; i < n; i++) {
        g[i] = gain_of(o, ant, th[i]);
        if (g[i] > g[pk])
            pk = i;
    }
    size_t hi = pk, lo = pk;
    while (hi + 1 < n && g[hi] > g[pk] - 3)
        hi++;
    while (lo > 0 && g[lo] > g[pk] - 3)
        lo--;
    double width = g[hi] > g[pk] - 3 ? to : th[hi] - th[lo];
    return fmin(fmax(pow(10, floor(log10(width)) - 1), LOG_MIN_DEG), to / 10);
}

struct chart_data {
    double *x, *y;
    size_t n;
    double x_min, x_max;
};

static int cmp_double(const void *a, const void *b)
{
    double u = *(const double *)a, v = *(const double *)b;
    return (u > v) - (u < v);
}

/* The points of the curve: across the sweep's range (evenly on the axis, linear or log), or the
 * angles read, in increasing order. Returns 0 after printing the error. */
static int chart_points(const struct opts *o, const struct interf_antenna *ant,
                        const double *angles, size_t n_angles, struct chart_data *d)
{
    size_t n = o->angles ? n_angles : (size_t)o->width_px * SAMPLES_PER_PX + 1;
    d->x = malloc((n ? n : 1) * sizeof *d->x);
    d->y = malloc((n ? n : 1) * sizeof *d->y);
    if (!d->x || !d->y) {
        cli_error("out of memory");
        return 0;
    }
    if (o->angles) {
        memcpy(d->x, angles, n * sizeof *d->x);
        qsort(d->x, n, sizeof *d->x, cmp_double);
        size_t first = 0;
        while (o->log_angle && first < n && d->x[first] <= 0)
            first++;
        d->x_min = first < n ? d->x[first] : 0;
        d->x_max = n ? d->x[n - 1] : 0;
    } else {
        d->x_max = o->to_deg;
        d->x_min = o->log_angle ? log_start_deg(o, ant, o->to_deg) : o->from_deg;
        for (size_t i = 0; i < n; i++) {
            double t = (double)i / (double)(n - 1);
            d->x[i] = o->log_angle ? pow(10, log10(d->x_min) +
                                                 t * (log10(d->x_max) - log10(d->x_min)))
                                   : d->x_min + t * (d->x_max - d->x_min);
        }
        d->x[n - 1] = d->x_max;
    }
    if (!(d->x_min < d->x_max)) {
        cli_error("--png: the angles%s span no range to draw (%g to %g deg)",
                  o->log_angle ? " above 0" : "", d->x_min, d->x_max);
        return 0;
    }
    for (size_t i = 0; i < n; i++)
        d->y[i] = gain_of(o, ant, d->x[i]);
    d->n = n;
    return 1;
}

/* How far below the peak the gain axis reaches (see NULL_DEPTH_DB). */
static double gain_span_db(const struct chart_data *d)
{
    double *v = malloc(d->n * sizeof *v), span = GAIN_SPAN_MAX_DB;
    size_t m = 0;
    for (size_t i = 0; v && i < d->n; i++)
        if (isfinite(d->y[i]))
            v[m++] = d->y[i];
    if (m > 0) {
        qsort(v, m, sizeof *v, cmp_double);
        double p1 = v[(size_t)(0.01 * (double)(m - 1))];
        /* Only nulls (deeper than NULL_DEPTH_DB below the percentile) are cut: the lowest
         * value of a curve that merely ends low is kept on the axis. */
        double floor_db = p1 - v[0] > NULL_DEPTH_DB ? p1 : v[0];
        span = fmin(fmax(v[m - 1] - floor_db, GAIN_SPAN_MIN_DB), GAIN_SPAN_MAX_DB);
    }
    free(v);
    return span;
}

static int render_png(const struct opts *o, const struct interf_antenna *ant,
                      const struct chart_data *d, struct interf_image **img)
{
    char title[512], subtitle[512];
    struct interf_xy_options xo;
    struct interf_error err;
    chart_title(o, ant, title, sizeof title);
    chart_subtitle(o, ant, subtitle, sizeof subtitle);
    interf_xy_options_init(&xo);
    xo.width_px = o->width_px;
    xo.title = title;
    xo.subtitle = subtitle;
    xo.x.label = "Off-axis angle \xCE\xB8, deg";
    xo.x.log = o->log_angle;
    xo.x.has_range = 1;
    xo.x.min = d->x_min;
    xo.x.max = d->x_max;
    xo.x.tick_step = angle_tick_deg(d->x_max - d->x_min);
    xo.y.label = o->relative ? "Gain relative to the peak, dB" : "Gain, dBi";
    xo.y.max_span = gain_span_db(d);
    const struct interf_xy_series line = {d->n, d->x, d->y, NULL};
    if (interf_xy_chart(&line, 1, &xo, img, NULL, &err) != INTERF_OK) {
        cli_error("--png: %s", err.msg);
        return 0;
    }
    return 1;
}

/* The PNG's text chunks: title, tool, source (the Recommendation), command line and a
 * description with every key's value, as the table's header has them. */
static enum interf_status png_write(FILE *fp, const struct opts *o,
                                    const struct interf_antenna *ant,
                                    const struct interf_image *img, const char *cmd,
                                    double x_min, double x_max, struct interf_error *err)
{
    const struct interf_pattern_def *def = ant->def;
    char title[512], source[512], desc[2048];
    chart_title(o, ant, title, sizeof title);
    snprintf(source, sizeof source, "%s%s%s%s", rec_prefix(def), def->revision,
             def->file_key ? "; file " : "", def->file_key ? o->file : "");
    int used = snprintf(desc, sizeof desc, "%s against theta_deg, %g to %g deg%s; pattern %s; "
                        "gain_max_dbi %.4f; parameters:", o->relative ? "gain_rel_db"
                        : "gain_dbi", x_min, x_max, o->log_angle ? " (log axis)" : "",
                        def->name, ant->gain_max_dbi);
    for (size_t k = 0; k < def->nkeys && used > 0 && (size_t)used < sizeof desc; k++)
        used += snprintf(desc + used, sizeof desc - (size_t)used, " %s=%.10g", def->keys[k].name,
                         ant->value[k]);
    if (interf_antenna_azimuthal(ant) && used > 0 && (size_t)used < sizeof desc)
        snprintf(desc + used, sizeof desc - (size_t)used, "; azimuth_deg %g (%s)",
                 o->azimuth_deg, def->azimuth_ref);
    const struct interf_png_text text[] = {
        {"Title", title}, {"Software", "interf-pattern (interf) " INTERF_VERSION_STRING},
        {"Source", source}, {"Comment", cmd ? cmd : ""}, {"Description", desc}};
    return interf_png_write(fp, img, text, sizeof text / sizeof text[0], err);
}

/* Write the PNG (when asked) and the table (unless only a PNG is asked) to their temporary
 * files, then rename both into place: a failure while writing leaves neither. */
static int write_outputs(const struct opts *o, const struct interf_antenna *ant,
                         const double *angles, size_t n, const struct interf_image *img,
                         const struct chart_data *d, const char *cmd)
{
    struct cli_out png, out;
    struct interf_error err;
    int table = !o->png || o->output;
    memset(&png, 0, sizeof png);
    memset(&out, 0, sizeof out);
    if (o->png && cli_out_open(&png, o->png) != CLI_EXIT_OK)
        return CLI_EXIT_ERROR;
    if (table && cli_out_open(&out, o->output) != CLI_EXIT_OK)
        goto fail;
    if (table) {
        print_header(out.fp, o, ant, cmd);
        if (write_rows(out.fp, o, ant, angles, n)) {
            cli_out_fail(&out);
            goto fail;
        }
    }
    if (o->png && png_write(png.fp, o, ant, img, cmd, d->x_min, d->x_max, &err) != INTERF_OK) {
        if (err.status == INTERF_EIO && ferror(png.fp))
            cli_out_fail(&png);
        else
            cli_error("%s: %s", png.path ? png.path : "standard output", err.msg);
        goto fail;
    }
    if (!table)
        return cli_out_commit(&png);
    /* The table's last buffered bytes may not fit either: know before the PNG replaces its
     * previous version. */
    if (out.fp != stdout && (fflush(out.fp) != 0 || ferror(out.fp))) {
        cli_out_fail(&out);
        goto fail;
    }
    if (o->png && cli_out_commit(&png) != CLI_EXIT_OK)
        goto fail;
    return cli_out_commit(&out);
fail:
    cli_out_abort(&png);
    cli_out_abort(&out);
    return CLI_EXIT_ERROR;
}

int main(int argc, char **argv)
{
    struct keyopt ko[MAX_KEYOPTS];
    struct opts o;
    struct interf_antenna ant = {0};
    struct chart_data d = {NULL, NULL, 0, 0, 0};
    struct interf_image *img = NULL;
    struct cli_out out;
    double *angles = NULL;
    size_t n = 0;
    int rc = CLI_EXIT_ERROR;

    cli_init("interf-pattern");
    size_t nko = collect_keys(ko);
    parse_args(argc, argv, &o, ko, nko);
    if (o.list) {
        if (cli_out_open(&out, o.output) != CLI_EXIT_OK)
            return CLI_EXIT_ERROR;
        print_list(out.fp);
        return ferror(out.fp) ? cli_out_fail(&out) : cli_out_commit(&out);
    }
    init_antenna(&o, &ant);
    if (o.has_azimuth && !interf_antenna_azimuthal(&ant))
        cli_warn(o.quiet, "--azimuth: pattern %s does not depend on the azimuth here", o.pattern);
    if (o.angles) {
        if (read_angles(o.angles, &angles, &n))
            goto done;
    } else {
        double span = (o.to_deg - o.from_deg) / o.step_deg;
        n = (size_t)floor(span * (1.0 + 1e-12) + 1e-9) + 1;
        /* The sweep is held in memory (8 bytes an angle) before any output. */
        double need = 8.0 * (double)n, have = cli_available_memory();
        if (n > 100000000 || need > have) {
            interf_antenna_release(&ant);
            char limit[64];
            snprintf(limit, sizeof limit, n > 100000000 ? "the limit of 100000000 angles"
                     : "the %.2f GiB available", have / 1073741824.0);
            cli_usage_error("--step: %g: %zu angles need %.2f GiB of memory, more than %s",
                            o.step_deg, n, need / 1073741824.0, limit);
        }
        angles = malloc(n * sizeof *angles);
        for (size_t i = 0; angles && i < n; i++)
            angles[i] = fmin(o.from_deg + (double)i * o.step_deg, o.to_deg);
    }
    if (!angles && n > 0) {
        cli_error("out of memory");
        goto done;
    }
    if (o.png && (!chart_points(&o, &ant, angles, n, &d) || !render_png(&o, &ant, &d, &img)))
        goto done;
    char *cmd = cli_command_line(argc, argv);
    rc = write_outputs(&o, &ant, angles, n, img, &d, cmd);
    free(cmd);
done:
    interf_image_destroy(img);
    free(d.x);
    free(d.y);
    free(angles);
    interf_antenna_release(&ant);
    return rc;
}
