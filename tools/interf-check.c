/* SPDX-License-Identifier: MIT */
/* interf-check: the verdict of EPFD CDF tables against the single-entry limits of Radio
 * Regulations Article 22, as Rec. ITU-R S.1503-4 (09/2023) §D7 takes it: at the tabulated
 * points only, levels rounded down to 0.1 dB, the 100 % point against the run maximum. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli_legacy.h"
#include "interf/limits.h"

static const char usage[] =
    "Usage: interf-check [options] [FILE...]\n"
    "Check EPFD CDF tables (interf-table(5)) against the single-entry limits of Radio\n"
    "Regulations Article 22 (Rec. ITU-R S.1503-4 §D7 verdict). Reads standard input without FILE\n"
    "or for \"-\". Exit status: 0 every point passes, 1 a limit is exceeded, 2 an error.\n"
    "\n"
    "      --limits ID          table: 22-1A, 22-1B, 22-1C, 22-1D, 22-1E, 22-2, 22-3\n"
    "      --band LO-HI         frequency band in GHz (e.g. 10.7-11.7), or one frequency;\n"
    "                           selects the table (with --service where two tables share\n"
    "                           it) [metadata freq_ghz when neither --limits nor --band]\n"
    "      --service S          FSS or BSS [any]\n"
    "      --dish-m D           reference earth-station antenna diameter, m\n"
    "                           [metadata dish_m]\n"
    "      --ref-bandwidth-khz B\n"
    "                           reference bandwidth of CDFs that do not state it, kHz\n"
    "                           [quantity suffix such as _40khz, or ref_bandwidth_khz]\n"
    "      --lat-deg LAT        earth-station latitude, for the latitude-dependent 100 %\n"
    "                           limit of RR Nos. 22.5C.4 and 22.5C.8 [metadata lat_deg]\n"
    "      --max-db X           run maximum of the EPFD, dB [metadata max_db]\n"
    "      --format F           text, table or json [text]\n"
    "      --list               print every table row, its points and flags, and exit\n"
    "  -o, --output FILE        write to FILE (atomically) instead of standard output\n"
    "  -q, --quiet              no warnings on standard error\n"
    "  -h, --help               show this help and exit\n"
    "      --version            show the version and exit\n"
    "\n"
    "Examples:\n"
    "  interf-check --limits 22-1A --dish-m 0.6 cdf.txt\n"
    "  interf-check --band 11.7-12.2 --service BSS --dish-m 0.45 cdf.txt --format json\n"
    "  interf-check --list\n";

#define STANDARD                                                                                 \
    "RR Art. 22 (Vol. 1, 2024 ed., as transcribed); Rec. ITU-R S.1503-4 (09/2023) §D7"

enum format { FMT_TEXT, FMT_TABLE, FMT_JSON };

struct opts {
    const char *limits, *service, *output;
    double band_lo_ghz, band_hi_ghz, dish_m, bw_khz, lat_deg, max_db;
    int has_band, has_dish, has_bw, has_lat, has_max, list, quiet;
    enum format format;
    char **files;
    int n_files;
};

/* One CDF and its verdict. */
struct item {
    const char *name;        /* file name for messages */
    struct interf_cdf *cdf;  /* inside its file's array */
    const struct interf_limit_mask *mask;
    double band_lo_ghz, band_hi_ghz; /* the band asked for (0, 0: none) */
    struct interf_verdict v;
};

struct run {
    struct interf_limits *limits;
    struct interf_cdf **arrays; /* one per file */
    size_t *array_n;
    size_t n_arrays;
    struct item *items;
    size_t n_items;
};

static void parse_band(const char *arg, struct opts *o)
{
    char *end;
    errno = 0;
    o->band_lo_ghz = strtod(arg, &end);
    if (end != arg && *end == '\0') {
        o->band_hi_ghz = o->band_lo_ghz;
    } else if (end != arg && *end == '-') {
        const char *p = end + 1;
        o->band_hi_ghz = strtod(p, &end);
        if (end == p || *end != '\0')
            goto bad;
    } else {
        goto bad;
    }
    if (errno || !isfinite(o->band_lo_ghz) || !isfinite(o->band_hi_ghz) ||
        !(o->band_lo_ghz > 0) || o->band_hi_ghz < o->band_lo_ghz)
        goto bad;
    o->has_band = 1;
    return;
bad:
    cli_usage_error("--band: expected LO-HI in GHz with 0 < LO <= HI (e.g. 10.7-11.7), got "
                    "\"%s\"", arg);
}

static void parse_args(int argc, char **argv, struct opts *o)
{
    enum { O_LIMITS = 256, O_BAND, O_SERVICE, O_DISH, O_BW, O_LAT, O_MAX, O_FORMAT, O_LIST,
           O_VERSION };
    static const struct option longopts[] = {
        {"limits", required_argument, NULL, O_LIMITS}, {"band", required_argument, NULL, O_BAND},
        {"service", required_argument, NULL, O_SERVICE},
        {"dish-m", required_argument, NULL, O_DISH},
        {"ref-bandwidth-khz", required_argument, NULL, O_BW},
        {"lat-deg", required_argument, NULL, O_LAT}, {"max-db", required_argument, NULL, O_MAX},
        {"format", required_argument, NULL, O_FORMAT}, {"list", no_argument, NULL, O_LIST},
        {"output", required_argument, NULL, 'o'}, {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'}, {"version", no_argument, NULL, O_VERSION},
        {NULL, 0, NULL, 0}};
    int c;
    memset(o, 0, sizeof *o);
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': o->output = optarg; break;
        case 'q': o->quiet = 1; break;
        case 'h': cli_help(usage);
        case O_VERSION: cli_version();
        case O_LIMITS: o->limits = optarg; break;
        case O_BAND: parse_band(optarg, o); break;
        case O_SERVICE:
            if (strcasecmp(optarg, "FSS") != 0 && strcasecmp(optarg, "BSS") != 0)
                cli_usage_error("--service: %s: allowed: FSS, BSS", optarg);
            o->service = optarg;
            break;
        case O_DISH:
            o->dish_m = cli_double(optarg, "--dish-m", 1e-3, 1e3);
            o->has_dish = 1;
            break;
        case O_BW:
            o->bw_khz = cli_double(optarg, "--ref-bandwidth-khz", 1e-6, 1e9);
            o->has_bw = 1;
            break;
        case O_LAT:
            o->lat_deg = cli_double(optarg, "--lat-deg", -90, 90);
            o->has_lat = 1;
            break;
        case O_MAX:
            o->max_db = cli_double(optarg, "--max-db", -1e6, 1e6);
            o->has_max = 1;
            break;
        case O_FORMAT:
            if (strcmp(optarg, "text") == 0)
                o->format = FMT_TEXT;
            else if (strcmp(optarg, "table") == 0)
                o->format = FMT_TABLE;
            else if (strcmp(optarg, "json") == 0)
                o->format = FMT_JSON;
            else
                cli_usage_error("--format: %s: allowed: text, table, json", optarg);
            break;
        case O_LIST: o->list = 1; break;
        case ':': cli_usage_error("%s: missing value", argv[optind - 1]);
        default: cli_usage_error("%s: unknown option", argv[optind - 1]);
        }
    }
    o->files = argv + optind;
    o->n_files = argc - optind;
    if (o->list && o->n_files > 0)
        cli_usage_error("--list: takes no FILE");
}

/* The options' part of a look-up (the CDF adds its bandwidth, and dish and band if missing). */
static struct interf_limit_query base_query(const struct opts *o)
{
    struct interf_limit_query q = {0};
    q.table = o->limits;
    q.service = o->service;
    if (o->has_band) {
        q.band_lo_ghz = o->band_lo_ghz;
        q.band_hi_ghz = o->band_hi_ghz;
    }
    q.dish_m = o->has_dish ? o->dish_m : 0;
    return q;
}

/* Reject an unknown table, or options no row can match, before reading any input. */
static int check_request(const struct opts *o, const struct interf_limits *lim)
{
    struct interf_limit_query q = base_query(o);
    const struct interf_limit_mask *m;
    struct interf_error err;
    if (!o->limits && !o->has_band && !o->list && o->service)
        cli_usage_error("--service: needs --limits or --band");
    if (interf_limits_match(lim, &q, NULL) == 0) {
        interf_limits_find(lim, &q, &m, &err);
        cli_error("%s", err.msg);
        return CLI_EXIT_ERROR;
    }
    return CLI_EXIT_OK;
}

/* ---------------------------------------------------------------------------------------- */
/* Input and verdicts                                                                       */

static int read_inputs(const struct opts *o, struct run *r)
{
    int n = o->n_files ? o->n_files : 1;
    struct interf_error err;
    r->arrays = calloc((size_t)n, sizeof *r->arrays);
    r->array_n = calloc((size_t)n, sizeof *r->array_n);
    if (!r->arrays || !r->array_n) {
        cli_error("out of memory");
        return CLI_EXIT_ERROR;
    }
    for (int k = 0; k < n; k++) {
        const char *path = o->n_files ? o->files[k] : "-";
        int is_stdin = strcmp(path, "-") == 0;
        const char *name = is_stdin ? "<stdin>" : path;
        FILE *fp = is_stdin ? stdin : fopen(path, "r");
        if (!fp) {
            cli_error("%s: %s", path, strerror(errno));
            return CLI_EXIT_ERROR;
        }
        enum interf_status st = interf_cdf_read(fp, name, &r->arrays[k], &r->array_n[k], &err);
        if (!is_stdin)
            fclose(fp);
        r->n_arrays = (size_t)k + 1;
        if (st != INTERF_OK) {
            cli_error("%s", err.msg);
            return CLI_EXIT_ERROR;
        }
        r->n_items += r->array_n[k];
    }
    r->items = calloc(r->n_items ? r->n_items : 1, sizeof *r->items);
    if (!r->items) {
        cli_error("out of memory");
        return CLI_EXIT_ERROR;
    }
    size_t i = 0;
    for (size_t k = 0; k < r->n_arrays; k++)
        for (size_t j = 0; j < r->array_n[k]; j++, i++) {
            const char *path = o->n_files ? o->files[k] : "-";
            r->items[i].name = strcmp(path, "-") == 0 ? "<stdin>" : path;
            r->items[i].cdf = &r->arrays[k][j];
        }
    return CLI_EXIT_OK;
}

/* The metadata key holding a value: key, or the alias interf-epfd writes for it (es_dish_m
 * for dish_m, max_epfd for max_db); the first name wins when both are present. */
static const char *key_of(const struct item *it, const char *key)
{
    static const char *const alias[][2] = {{"dish_m", "es_dish_m"}, {"max_db", "max_epfd"}};
    for (size_t k = 0; k < sizeof alias / sizeof alias[0]; k++)
        if (strcmp(key, alias[k][0]) == 0 && !interf_cdf_meta_get(it->cdf, key) &&
            interf_cdf_meta_get(it->cdf, alias[k][1]))
            return alias[k][1];
    return key;
}

/* A value from an option, else from the metadata, else NaN (optional) or an error. */
static int value_of(const struct item *it, int has_opt, double opt, const char *name,
                    double *out)
{
    struct interf_error err;
    const char *key = key_of(it, name);
    *out = NAN;
    if (has_opt) {
        *out = opt;
        return CLI_EXIT_OK;
    }
    if (!interf_cdf_meta_get(it->cdf, key))
        return CLI_EXIT_OK;
    if (interf_cdf_meta_number(it->cdf, it->name, key, out, &err) != INTERF_OK) {
        cli_error("%s", err.msg);
        return CLI_EXIT_ERROR;
    }
    return CLI_EXIT_OK;
}

/* Find the row for one CDF: the options, completed by its metadata. */
static int find_row(const struct opts *o, const struct interf_limits *lim, struct item *it)
{
    struct interf_cdf *c = it->cdf;
    struct interf_limit_query q = base_query(o);
    struct interf_error err;
    double dish, freq;
    if (value_of(it, o->has_dish, o->dish_m, "dish_m", &dish) ||
        value_of(it, 0, 0, "freq_ghz", &freq))
        return CLI_EXIT_ERROR;
    if (!isnan(dish) && !(dish > 0)) {
        cli_error("%s:%d: dish_m: %g: must be positive", it->name, c->line, dish);
        return CLI_EXIT_ERROR;
    }
    q.dish_m = isnan(dish) ? 0 : dish;
    if (!o->limits && !o->has_band) {
        if (isnan(freq)) {
            cli_error("%s:%d: no limits chosen: give --limits or --band (or a freq_ghz "
                      "metadata line)", it->name, c->line);
            return CLI_EXIT_ERROR;
        }
        q.band_lo_ghz = q.band_hi_ghz = freq;
    }
    q.ref_bandwidth_khz = c->ref_bandwidth_khz;
    it->band_lo_ghz = q.band_lo_ghz;
    it->band_hi_ghz = q.band_hi_ghz;
    if (interf_limits_find(lim, &q, &it->mask, &err) != INTERF_OK) {
        const struct interf_limit_mask *first;
        if (isnan(dish) && interf_limits_match(lim, &q, &first) > 1 && first->dish_m > 0)
            cli_error("%s:%d: dish_m: missing (give --dish-m or a dish_m metadata line)",
                      it->name, c->line);
        else
            cli_error("%s:%d: %s", it->name, c->line, err.msg);
        return CLI_EXIT_ERROR;
    }
    if (isnan(dish) && it->mask->dish_m > 0) {
        cli_error("%s:%d: dish_m: missing (give --dish-m or a dish_m metadata line)", it->name,
                  c->line);
        return CLI_EXIT_ERROR;
    }
    return CLI_EXIT_OK;
}

static int check_item(const struct opts *o, const struct interf_limits *lim, struct item *it)
{
    struct interf_cdf *c = it->cdf;
    struct interf_error err;
    double lat, max;
    if (o->has_bw) {
        if (c->ref_bandwidth_khz > 0 && fabs(c->ref_bandwidth_khz - o->bw_khz) > 1e-6 * o->bw_khz) {
            cli_error("%s:%d: ref_bandwidth_khz: --ref-bandwidth-khz %g contradicts the CDF's "
                      "%g kHz (%s)", it->name, c->line, o->bw_khz, c->ref_bandwidth_khz,
                      c->quantity);
            return CLI_EXIT_ERROR;
        }
        c->ref_bandwidth_khz = o->bw_khz;
    }
    if (!(c->ref_bandwidth_khz > 0)) {
        cli_error("%s:%d: ref_bandwidth_khz: missing (no _40khz-style suffix on %s, no metadata; "
                  "give --ref-bandwidth-khz)", it->name, c->line, c->quantity);
        return CLI_EXIT_ERROR;
    }
    if (find_row(o, lim, it) || value_of(it, o->has_lat, o->lat_deg, "lat_deg", &lat) ||
        value_of(it, o->has_max, o->max_db, "max_db", &max))
        return CLI_EXIT_ERROR;
    if (interf_limit_check(it->mask, c, it->name, lat, max, &it->v, &err) != INTERF_OK) {
        cli_error("%s", err.msg);
        return CLI_EXIT_ERROR;
    }
    return CLI_EXIT_OK;
}

/* Warn once per row whose values are not confirmed, and for a band asked for whose listing in
 * its table is not (the 17.3-17.7 GHz bands of Table 22-1B). */
static void warn_confidence(const struct opts *o, const struct run *r)
{
    for (size_t k = 0; k < r->n_items; k++) {
        const struct item *it = &r->items[k];
        const struct interf_limit_mask *m = it->mask;
        int seen = 0, band_ok = it->band_lo_ghz == 0 && it->band_hi_ghz == 0;
        for (size_t j = 0; j < k; j++)
            seen |= r->items[j].mask == m;
        if (seen)
            continue;
        if (m->confidence != INTERF_LIMIT_CONFIRMED)
            cli_warn(o->quiet, "warning: Table %s values are %s (%s): verify them against RR "
                     "Vol. 1 before a filing", m->table, interf_limit_confidence_str(m->confidence),
                     m->source);
        for (size_t b = 0; b < m->n_bands && !band_ok; b++)
            band_ok = m->bands[b].confidence == INTERF_LIMIT_CONFIRMED &&
                      m->bands[b].lo_ghz < it->band_hi_ghz + 1e-9 &&
                      it->band_lo_ghz < m->bands[b].hi_ghz + 1e-9;
        if (!band_ok && m->confidence == INTERF_LIMIT_CONFIRMED)
            cli_warn(o->quiet, "warning: Table %s applies to %g-%g GHz on a single-source "
                     "listing only: verify it against RR Vol. 1 before a filing", m->table,
                     it->band_lo_ghz, it->band_hi_ghz);
    }
}

/* Rows in another bandwidth of a checked table and dish that no CDF was checked against
 * (Tables 22-1B and 22-1C: both bandwidths must be met). Writes at most one note per row. */
static size_t unchecked_rows(const struct run *r, const struct interf_limit_mask **out, size_t max)
{
    size_t n = 0;
    for (size_t k = 0; k < interf_limits_count(r->limits) && n < max; k++) {
        const struct interf_limit_mask *m = interf_limits_mask(r->limits, k);
        int sibling = 0, checked = 0;
        for (size_t i = 0; i < r->n_items; i++) {
            const struct interf_limit_mask *c = r->items[i].mask;
            checked |= c == m;
            sibling |= c != m && strcmp(c->table, m->table) == 0 && c->dish_m == m->dish_m &&
                       m->dish_m > 0;
        }
        if (sibling && !checked)
            out[n++] = m;
    }
    return n;
}

/* ---------------------------------------------------------------------------------------- */
/* Output                                                                                   */

/* "-160.4" from tenths, exactly. */
static const char *tenths(int32_t t, char *buf, size_t n)
{
    long long v = t;
    snprintf(buf, n, "%s%lld.%lld", v < 0 ? "-" : "", llabs(v) / 10, llabs(v) % 10);
    return buf;
}

/* A tabulated level as the RR prints it: -174.0, -165.841 (at least one decimal). */
static const char *rr_level(double db, char *buf, size_t n)
{
    snprintf(buf, n, "%.3f", db);
    size_t len = strlen(buf);
    while (len > 2 && buf[len - 1] == '0' && buf[len - 2] != '.')
        buf[--len] = '\0';
    return buf;
}

static void json_str(FILE *fp, const char *s)
{
    fputc('"', fp);
    for (; s && *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\')
            fprintf(fp, "\\%c", ch);
        else if (ch < 0x20)
            fprintf(fp, "\\u%04x", ch);
        else
            fputc(ch, fp);
    }
    fputc('"', fp);
}

static void json_num(FILE *fp, double x)
{
    if (isfinite(x))
        fprintf(fp, "%.10g", x);
    else
        fputs("null", fp);
}

/* "Table 22-1A, 0.6 m, 40 kHz, FSS, Rec. ITU-R S.1428-1". */
static void mask_label(const struct interf_limit_mask *m, char *buf, size_t n)
{
    if (m->dish_m > 0)
        snprintf(buf, n, "Table %s, %g m, %g kHz, %s, %s", m->table, m->dish_m,
                 m->ref_bandwidth_khz, m->service, m->pattern);
    else
        snprintf(buf, n, "Table %s, %g-%g GHz, GSO beam %g deg, %g kHz, %s, %s", m->table,
                 m->bands[0].lo_ghz, m->bands[0].hi_ghz, m->gso_beamwidth_deg,
                 m->ref_bandwidth_khz, m->service, m->pattern);
}

static size_t count_fail(const struct run *r)
{
    size_t n = 0;
    for (size_t k = 0; k < r->n_items; k++)
        n += !r->items[k].v.pass;
    return n;
}

static const struct item *worst_item(const struct run *r)
{
    const struct item *w = &r->items[0];
    for (size_t k = 1; k < r->n_items; k++)
        if (r->items[k].v.worst_margin_db < w->v.worst_margin_db)
            w = &r->items[k];
    return w;
}

static void summary_text(FILE *fp, const struct run *r, const char *prefix)
{
    const struct item *w = worst_item(r);
    size_t nf = count_fail(r);
    char lv[24];
    const struct interf_verdict_point *p = &w->v.points[w->v.worst_index];
    fprintf(fp, "%s%s (%zu CDF%s checked, %zu fail%s); worst margin %+.1f dB at %s:%d, Table %s "
            "%g m, point %s dB / %.10g %% exceeded\n", prefix, nf ? "FAIL" : "PASS", r->n_items,
            r->n_items == 1 ? "" : "s", nf, nf == 1 ? "s" : "", w->v.worst_margin_db, w->name,
            w->cdf->line, w->mask->table, w->mask->dish_m,
            tenths(p->limit.level_tenths, lv, sizeof lv), p->limit.pct_exceeded);
}

static void notes(FILE *fp, const struct run *r, const char *prefix)
{
    const struct interf_limit_mask *un[64];
    size_t n = unchecked_rows(r, un, 64);
    for (size_t k = 0; k < n; k++)
        fprintf(fp, "%snote: Table %s %g m %g kHz row not checked (no CDF in %g kHz); the table's "
                "rows in both bandwidths must be met\n", prefix, un[k]->table, un[k]->dish_m,
                un[k]->ref_bandwidth_khz, un[k]->ref_bandwidth_khz);
}

static void text_item(FILE *fp, const struct item *it, size_t idx)
{
    const struct interf_verdict *v = &it->v;
    const char *lat = interf_cdf_meta_get(it->cdf, "lat_deg");
    const char *lon = interf_cdf_meta_get(it->cdf, "lon_deg");
    char label[300], a[24], b[24];
    mask_label(it->mask, label, sizeof label);
    fprintf(fp, "point %zu: %s:%d", idx + 1, it->name, it->cdf->line);
    if (lat && lon)
        fprintf(fp, " (lat_deg %s, lon_deg %s)", lat, lon);
    fprintf(fp, "\n  limits: RR Art. 22 %s [%s]\n", label,
            interf_limit_confidence_str(it->mask->confidence));
    for (size_t k = 0; k < v->n; k++)
        if (v->mask.points[k].level_db != it->mask->points[k].level_db)
            fprintf(fp, "  100 %% limit %.10g dB at this latitude (%s)\n",
                    v->mask.points[k].level_db, it->mask->lat_note);
    fprintf(fp, "  %12s  %15s  %11s  %13s  %9s  %12s  %s\n", "level_dbw_m2", "rr_level_dbw_m2",
            "pct_allowed", "pct_simulated", "margin_db", "margin_pct", "verdict");
    for (size_t k = 0; k < v->n; k++) {
        const struct interf_verdict_point *p = &v->points[k];
        char m[24];
        if (isfinite(p->margin_db))
            snprintf(m, sizeof m, "%+.1f", p->margin_db);
        else
            snprintf(m, sizeof m, "-");
        char rl[24];
        fprintf(fp, "  %12s  %15s  %11.10g  %13.6g  %9s  %+12.6g  %s\n",
                tenths(p->limit.level_tenths, a, sizeof a),
                rr_level(p->limit.level_db, rl, sizeof rl),
                p->limit.pct_exceeded, p->sim_pct_exceeded, m, p->margin_pct,
                p->pass ? "PASS" : "FAIL");
    }
    const struct interf_verdict_point *w = &v->points[v->worst_index];
    fprintf(fp, "  %s: %zu of %zu points pass; worst margin %+.1f dB at point %s dB / %.10g %% "
            "exceeded; run maximum in bin %s dB\n", v->pass ? "PASS" : "FAIL", v->n - v->n_fail,
            v->n,
            v->worst_margin_db, tenths(w->limit.level_tenths, a, sizeof a),
            w->limit.pct_exceeded, tenths(v->max_tenths, b, sizeof b));
}

static void print_text(FILE *fp, const struct run *r)
{
    for (size_t k = 0; k < r->n_items; k++) {
        text_item(fp, &r->items[k], k);
        fputc('\n', fp);
    }
    notes(fp, r, "");
    summary_text(fp, r, "summary: ");
    fprintf(fp, "standard: %s\n", STANDARD);
}

static void print_table(FILE *fp, const struct run *r, const char *cmd)
{
    fputs("# point table dish_m ref_bandwidth_khz level_dbw_m2 rr_level_dbw_m2 pct_not_exceeded "
          "pct_allowed_exceeded pct_simulated_exceeded margin_db margin_pct verdict\n", fp);
    fprintf(fp, "# tool: interf-check %s\n# command: %s\n# standard: %s\n", INTERF_VERSION_STRING,
            cmd ? cmd : "", STANDARD);
    for (size_t k = 0; k < r->n_items; k++) {
        char label[300];
        mask_label(r->items[k].mask, label, sizeof label);
        fprintf(fp, "# point_%zu: %s:%d; %s; %s\n", k + 1, r->items[k].name, r->items[k].cdf->line,
                label, interf_limit_confidence_str(r->items[k].mask->confidence));
    }
    for (size_t k = 0; k < r->n_items; k++) {
        const struct item *it = &r->items[k];
        for (size_t j = 0; j < it->v.n; j++) {
            const struct interf_verdict_point *p = &it->v.points[j];
            char a[24], rl[24];
            fprintf(fp, "%5zu  %5s  %6g  %8g  %8s  %9s  %9.10g  %10.10g  %12.6g  %6.1f  %+10.6g"
                    "  %s\n", k + 1, it->mask->table, it->mask->dish_m,
                    it->mask->ref_bandwidth_khz, tenths(p->limit.level_tenths, a, sizeof a),
                    rr_level(p->limit.level_db, rl, sizeof rl), p->limit.pct_not_exceeded,
                    p->limit.pct_exceeded,
                    p->sim_pct_exceeded, isfinite(p->margin_db) ? p->margin_db : NAN,
                    p->margin_pct, p->pass ? "PASS" : "FAIL");
        }
    }
    notes(fp, r, "# ");
    summary_text(fp, r, "# summary: ");
}

static void json_mask(FILE *fp, const struct interf_limit_mask *m, const char *ind)
{
    fprintf(fp, "%s\"table\": ", ind);
    json_str(fp, m->table);
    fprintf(fp, ",\n%s\"kind\": \"%s\",\n%s\"service\": ", ind, interf_limit_kind_str(m->kind),
            ind);
    json_str(fp, m->service);
    fprintf(fp, ",\n%s\"dish_m\": ", ind);
    json_num(fp, m->dish_m > 0 ? m->dish_m : NAN);
    fprintf(fp, ",\n%s\"gso_beamwidth_deg\": ", ind);
    json_num(fp, m->gso_beamwidth_deg > 0 ? m->gso_beamwidth_deg : NAN);
    fprintf(fp, ",\n%s\"ref_bandwidth_khz\": %.10g,\n%s\"pattern\": ", ind, m->ref_bandwidth_khz,
            ind);
    json_str(fp, m->pattern);
    fprintf(fp, ",\n%s\"confidence\": \"%s\",\n%s\"source\": ", ind,
            interf_limit_confidence_str(m->confidence), ind);
    json_str(fp, m->source);
    fprintf(fp, ",\n%s\"latitude_dependent\": ", ind);
    if (m->lat_note)
        json_str(fp, m->lat_note);
    else
        fputs("null", fp);
    fprintf(fp, ",\n%s\"note\": ", ind);
    if (m->note)
        json_str(fp, m->note);
    else
        fputs("null", fp);
    fprintf(fp, ",\n%s\"bands\": [", ind);
    for (size_t k = 0; k < m->n_bands; k++) {
        const struct interf_limit_band *b = &m->bands[k];
        fprintf(fp, "%s{\"lo_ghz\": %.10g, \"hi_ghz\": %.10g, \"regions\": [", k ? ", " : "",
                b->lo_ghz, b->hi_ghz);
        const char *sep = "";
        for (int g = 0; g < 3; g++)
            if (b->regions & (1u << g)) {
                fprintf(fp, "%s%d", sep, g + 1);
                sep = ", ";
            }
        fputs("], \"service\": ", fp);
        json_str(fp, b->service);
        fputs(", \"pattern\": ", fp);
        json_str(fp, b->pattern);
        fprintf(fp, ", \"confidence\": \"%s\"}", interf_limit_confidence_str(b->confidence));
    }
    fputs("]", fp);
}

static void print_json(FILE *fp, const struct run *r)
{
    const struct interf_limit_mask *un[64];
    size_t n_un = unchecked_rows(r, un, 64);
    fprintf(fp, "{\n  \"tool\": \"interf-check %s\",\n  \"standard\": ", INTERF_VERSION_STRING);
    json_str(fp, STANDARD);
    fprintf(fp, ",\n  \"pass\": %s,\n  \"n_fail\": %zu,\n  \"points\": [", count_fail(r) ? "false"
            : "true", count_fail(r));
    for (size_t k = 0; k < r->n_items; k++) {
        const struct item *it = &r->items[k];
        double lat = NAN, lon = NAN;
        struct interf_error e;
        interf_cdf_meta_number(it->cdf, it->name, "lat_deg", &lat, &e);
        interf_cdf_meta_number(it->cdf, it->name, "lon_deg", &lon, &e);
        fprintf(fp, "%s\n    {\n      \"source\": ", k ? "," : "");
        json_str(fp, it->name);
        fprintf(fp, ",\n      \"line\": %d,\n      \"lat_deg\": ", it->cdf->line);
        json_num(fp, lat);
        fputs(",\n      \"lon_deg\": ", fp);
        json_num(fp, lon);
        fputs(",\n      \"limits\": {\n", fp);
        json_mask(fp, it->mask, "        ");
        fprintf(fp, "\n      },\n      \"pass\": %s,\n      \"n_fail\": %zu,\n"
                "      \"worst_margin_db\": ", it->v.pass ? "true" : "false", it->v.n_fail);
        json_num(fp, it->v.worst_margin_db);
        fprintf(fp, ",\n      \"max_dbw_m2\": %.1f,\n      \"rows\": [", it->v.max_tenths / 10.0);
        for (size_t j = 0; j < it->v.n; j++) {
            const struct interf_verdict_point *p = &it->v.points[j];
            fprintf(fp, "%s\n        {\"level_dbw_m2\": %.1f, \"rr_level_dbw_m2\": %.10g, "
                    "\"pct_not_exceeded\": %.10g, \"pct_allowed_exceeded\": %.10g, "
                    "\"pct_simulated_exceeded\": %.10g, \"margin_db\": ", j ? "," : "",
                    p->limit.level_tenths / 10.0, p->limit.level_db, p->limit.pct_not_exceeded,
                    p->limit.pct_exceeded, p->sim_pct_exceeded);
            json_num(fp, p->margin_db);
            fprintf(fp, ", \"margin_pct\": %.10g, \"pass\": %s}", p->margin_pct,
                    p->pass ? "true" : "false");
        }
        fputs("\n      ]\n    }", fp);
    }
    fputs("\n  ],\n  \"notes\": [", fp);
    for (size_t k = 0; k < n_un; k++) {
        char note[200];
        snprintf(note, sizeof note, "Table %s %g m %g kHz row not checked (no CDF in %g kHz)",
                 un[k]->table, un[k]->dish_m, un[k]->ref_bandwidth_khz,
                 un[k]->ref_bandwidth_khz);
        fputs(k ? ", " : "", fp);
        json_str(fp, note);
    }
    fputs("]\n}\n", fp);
}

/* ---------------------------------------------------------------------------------------- */
/* --list                                                                                   */

static void regions_str(unsigned r, char *buf, size_t n)
{
    snprintf(buf, n, "%s%s%s", r & INTERF_REGION_1 ? "R1," : "", r & INTERF_REGION_2 ? "R2," : "",
             r & INTERF_REGION_3 ? "R3," : "");
    if (buf[0])
        buf[strlen(buf) - 1] = '\0';
}

static void list_text(FILE *fp, const struct interf_limits *lim)
{
    const char *last = "";
    fputs("Radio Regulations Article 22 single-entry EPFD limits: level dB(W/m2) in the reference "
          "bandwidth / % of time not exceeded\n", fp);
    for (size_t k = 0; k < interf_limits_count(lim); k++) {
        const struct interf_limit_mask *m = interf_limits_mask(lim, k);
        char rg[16];
        int first = strcmp(m->table, last) != 0;
        if (first || m->kind == INTERF_EPFD_UP) {
            if (first)
                fprintf(fp, "\nTable %s  %s  %s\n  source: %s\n", m->table,
                        interf_limit_kind_str(m->kind), m->service, m->source);
            fputs("  bands:", fp);
            for (size_t b = 0; b < m->n_bands; b++) {
                regions_str(m->bands[b].regions, rg, sizeof rg);
                fprintf(fp, "%s %g-%g GHz %s%s%s", b ? ";" : "", m->bands[b].lo_ghz,
                        m->bands[b].hi_ghz, rg, strcmp(m->bands[b].service, m->service) ? " " : "",
                        strcmp(m->bands[b].service, m->service) ? m->bands[b].service : "");
                if (m->bands[b].confidence != INTERF_LIMIT_CONFIRMED)
                    fprintf(fp, " [%s]", interf_limit_confidence_str(m->bands[b].confidence));
            }
            fputc('\n', fp);
            last = m->table;
        }
        if (m->dish_m > 0)
            fprintf(fp, "  %g m  %g kHz  %s  [%s]\n   ", m->dish_m, m->ref_bandwidth_khz,
                    m->pattern, interf_limit_confidence_str(m->confidence));
        else
            fprintf(fp, "  GSO beam %g deg  %g kHz  %s  [%s]\n   ", m->gso_beamwidth_deg,
                    m->ref_bandwidth_khz, m->pattern, interf_limit_confidence_str(m->confidence));
        for (size_t j = 0; j < m->n_points; j++) {
            char a[24];
            fprintf(fp, " %s/%.10g", rr_level(m->points[j].level_db, a, sizeof a),
                    m->points[j].pct_not_exceeded);
        }
        fputc('\n', fp);
        if (m->lat_note)
            fprintf(fp, "    100 %% limit also depends on latitude (%s)\n", m->lat_note);
        if (m->note)
            fprintf(fp, "    note: %s\n", m->note);
    }
}

static void list_table(FILE *fp, const struct interf_limits *lim, const char *cmd)
{
    fputs("# table kind service dish_m gso_beamwidth_deg ref_bandwidth_khz rr_level_dbw_m2 "
          "pct_not_exceeded level_dbw_m2 pct_exceeded confidence latitude_dependent\n", fp);
    fprintf(fp, "# tool: interf-check %s\n# command: %s\n# standard: %s\n", INTERF_VERSION_STRING,
            cmd ? cmd : "", STANDARD);
    for (size_t k = 0; k < interf_limits_count(lim); k++) {
        const struct interf_limit_mask *m = interf_limits_mask(lim, k);
        const char *c = m->confidence == INTERF_LIMIT_CONFIRMED ? "confirmed"
                        : m->confidence == INTERF_LIMIT_SINGLE_SOURCE ? "single_source"
                                                                      : "unconfirmed";
        for (size_t j = 0; j < m->n_points; j++) {
            char a[24], rl[24];
            fprintf(fp, "%5s  %9s  %3s  %5g  %4g  %6g  %9s  %9.10g  %8s  %9.10g  %-13s  %s\n",
                    m->table, interf_limit_kind_str(m->kind), m->service, m->dish_m,
                    m->gso_beamwidth_deg, m->ref_bandwidth_khz,
                    rr_level(m->points[j].level_db, rl, sizeof rl),
                    m->points[j].pct_not_exceeded, tenths(m->points[j].level_tenths, a, sizeof a),
                    m->points[j].pct_exceeded, c, m->lat_note ? m->lat_note + 7 : "-");
        }
    }
}

static void list_json(FILE *fp, const struct interf_limits *lim)
{
    fprintf(fp, "{\n  \"tool\": \"interf-check %s\",\n  \"standard\": ", INTERF_VERSION_STRING);
    json_str(fp, STANDARD);
    fputs(",\n  \"rows\": [", fp);
    for (size_t k = 0; k < interf_limits_count(lim); k++) {
        const struct interf_limit_mask *m = interf_limits_mask(lim, k);
        fprintf(fp, "%s\n    {\n", k ? "," : "");
        json_mask(fp, m, "      ");
        fputs(",\n      \"points\": [", fp);
        for (size_t j = 0; j < m->n_points; j++)
            fprintf(fp, "%s\n        {\"rr_level_dbw_m2\": %.10g, \"pct_not_exceeded\": %.10g, "
                    "\"level_dbw_m2\": %.1f, \"pct_exceeded\": %.10g}", j ? "," : "",
                    m->points[j].level_db, m->points[j].pct_not_exceeded,
                    m->points[j].level_tenths / 10.0, m->points[j].pct_exceeded);
        fputs("\n      ]\n    }", fp);
    }
    fputs("\n  ]\n}\n", fp);
}

/* ---------------------------------------------------------------------------------------- */

static void free_run(struct run *r)
{
    for (size_t k = 0; k < r->n_arrays; k++)
        interf_cdf_free_all(r->arrays[k], r->array_n[k]);
    free(r->arrays);
    free(r->array_n);
    free(r->items);
    interf_limits_destroy(r->limits);
}

static int write_output(const struct opts *o, const struct run *r, int argc, char **argv)
{
    struct cli_out out;
    char *cmd;
    if (cli_out_open(&out, o->output) != CLI_EXIT_OK)
        return CLI_EXIT_ERROR;
    cmd = cli_command_line(argc, argv);
    if (o->list && o->format == FMT_TEXT)
        list_text(out.fp, r->limits);
    else if (o->list && o->format == FMT_TABLE)
        list_table(out.fp, r->limits, cmd);
    else if (o->list)
        list_json(out.fp, r->limits);
    else if (o->format == FMT_TEXT)
        print_text(out.fp, r);
    else if (o->format == FMT_TABLE)
        print_table(out.fp, r, cmd);
    else
        print_json(out.fp, r);
    free(cmd);
    if (ferror(out.fp))
        return cli_out_fail(&out);
    return cli_out_commit(&out);
}

int main(int argc, char **argv)
{
    struct opts o;
    struct run r = {0};
    struct interf_error err;
    int rc = CLI_EXIT_ERROR;

    cli_init("interf-check");
    parse_args(argc, argv, &o);
    if (interf_limits_create(&r.limits, &err) != INTERF_OK) {
        cli_error("%s", err.msg);
        return CLI_EXIT_ERROR;
    }
    if (!o.list) {
        if (check_request(&o, r.limits) || read_inputs(&o, &r))
            goto done;
        for (size_t k = 0; k < r.n_items; k++)
            if (check_item(&o, r.limits, &r.items[k]))
                goto done;
        warn_confidence(&o, &r);
    }
    rc = write_output(&o, &r, argc, argv);
    if (rc == CLI_EXIT_OK && !o.list && count_fail(&r) > 0)
        rc = CLI_EXIT_FAIL;
done:
    free_run(&r);
    return rc;
}
