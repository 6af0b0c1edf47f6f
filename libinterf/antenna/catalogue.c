/* SPDX-License-Identifier: MIT */
/* interf antenna: the catalogue as text: the source line of a pattern, the short title of a
 * parameter set (for charts), and the listing of every pattern with its keys and of the
 * RA.769-2 thresholds. */
#include "antenna_impl.h"

#include <stdio.h>
#include <string.h>

#include "interf/io.h"

/* "Rec. " before an ITU-R revision ("Rec. ITU-R S.1428-1 ..."), nothing before the others. */
static const char *rec_prefix(const struct interf_pattern_def *def)
{
    return strncmp(def->revision, "ITU-R", 5) == 0 ? "Rec. " : "";
}

char *interf_pattern_source(const struct interf_pattern_def *def, char *buf, size_t n)
{
    snprintf(buf, n, "%s%s", rec_prefix(def), def->revision);
    return buf;
}

/* The symbol of a key for a title, from its help text ("psi_b, one-half the 3 dB beamwidth"
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

char *interf_antenna_title(const struct interf_antenna *ant, const int *given, const char *file,
                           char *buf, size_t n)
{
    const struct interf_pattern_def *def = ant->def;
    const char *rev = def->revision + (strncmp(def->revision, "ITU-R ", 6) == 0 ? 6 : 0);
    size_t id = strcspn(rev, " ,;(");
    int used;
    if (rev != def->revision && strncmp(rev, def->name, strlen(def->name)) == 0)
        used = snprintf(buf, n, "%.*s", (int)id, rev);
    else
        used = snprintf(buf, n, "%s", def->name);
    for (size_t k = 0; given && k < def->nkeys && used > 0 && (size_t)used < n; k++) {
        const struct interf_pattern_key *key = &def->keys[k];
        char sym[48];
        if (!given[k])
            continue;
        key_symbol(key, sym, sizeof sym);
        int deg = strcmp(key->unit, "deg") == 0;
        used += snprintf(buf + used, n - (size_t)used, ", %s = %g%s%s", sym, ant->value[k],
                         deg ? "\xC2\xB0" : key->unit[0] ? " " : "", deg ? "" : key->unit);
    }
    if (file && used > 0 && (size_t)used < n) {
        const char *slash = strrchr(file, '/');
        snprintf(buf + used, n - (size_t)used, ", %s", slash ? slash + 1 : file);
    }
    return buf;
}

char *interf_antenna_parameters(const struct interf_antenna *ant, const char *file, char *buf,
                                size_t n)
{
    const struct interf_pattern_def *def = ant->def;
    size_t used = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < def->nkeys && used < n; k++)
        used += (size_t)snprintf(buf + used, n - used, "%s%s=%.10g", k ? " " : "",
                                 def->keys[k].name, ant->value[k]);
    if (def->file_key && used < n)
        snprintf(buf + used, n - used, "%s%s=%s", def->nkeys ? " " : "", def->file_key,
                 file ? file : "");
    return buf;
}

enum interf_status interf_antenna_init_named(struct interf_antenna *ant,
                                            const struct interf_pattern_def *def,
                                            const char *const *keys, const double *values,
                                            size_t n, const char *path, double run_freq_ghz,
                                            int *given, struct interf_error *err)
{
    double v[INTERF_PATTERN_MAXKEYS] = {0};
    int g[INTERF_PATTERN_MAXKEYS] = {0};
    char list[512] = "";
    for (size_t j = 0, used = 0; j < def->nkeys && used < sizeof list; j++)
        used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", j ? ", " : "",
                                 def->keys[j].name);
    for (size_t i = 0; i < n; i++) {
        int k = interf_pattern_key_index(def, keys[i]);
        if (k < 0)
            return interf_error_set(err, INTERF_EINPUT, "%s: not a key of pattern %s (its keys: "
                                    "%s)", keys[i], def->name, def->nkeys ? list : "none");
        if (g[k])
            return interf_error_set(err, INTERF_EINPUT, "%s: given twice", keys[i]);
        v[k] = values[i];
        g[k] = 1;
    }
    if (path && !def->file_key)
        return interf_error_set(err, INTERF_EINPUT, "file: pattern %s reads no file", def->name);
    if (def->file_key && !path)
        return interf_error_set(err, INTERF_EINPUT, "file: required by pattern %s", def->name);
    int kf = interf_pattern_key_index(def, "frequency_ghz");
    if (def->needs_frequency && !(run_freq_ghz > 0) && (kf < 0 || !g[kf]))
        return interf_error_set(err, INTERF_EINPUT, "frequency_ghz: required by pattern %s",
                                def->name);
    if (given)
        memcpy(given, g, sizeof g);
    return interf_antenna_init_file(ant, def, v, g, path, run_freq_ghz, err);
}

void interf_antenna_provenance(const struct interf_antenna *ant, const char *file,
                               double azimuth_deg, struct interf_provenance *prov)
{
    char buf[1000];
    interf_provenance_set(prov, "pattern", "%s", ant->def->name);
    interf_provenance_set(prov, "source", "%s", interf_pattern_source(ant->def, buf, sizeof buf));
    interf_provenance_set(prov, "parameters", "%s",
                          interf_antenna_parameters(ant, file, buf, sizeof buf));
    interf_provenance_set(prov, "gain_max_dbi", "%.4f", ant->gain_max_dbi);
    if (interf_antenna_azimuthal(ant))
        interf_provenance_set(prov, "azimuth_deg", "%.6f (%s)", azimuth_deg,
                              ant->def->azimuth_ref);
}

static void print_range(FILE *fp, const struct interf_pattern_key *k)
{
    char buf[96];
    snprintf(buf, sizeof buf, "%s%g, %g]%s%s", (k->flags & INTERF_KEY_OPEN_MIN) ? "(" : "[",
             k->min, k->max, k->unit[0] ? " " : "", k->unit);
    fprintf(fp, "  %-20s %-22s", k->name, buf);
}

static void print_pattern(FILE *fp, const struct interf_pattern_def *def)
{
    char source[512];
    fprintf(fp, "\n%s\n  source: %s\n  %s\n", def->name,
            interf_pattern_source(def, source, sizeof source), def->summary);
    if (def->azimuth_ref)
        fprintf(fp, "  azimuth about the boresight: %s\n", def->azimuth_ref);
    if (def->file_key)
        fprintf(fp, "  %-20s %-22s required   the data file (--file)\n", def->file_key, "path");
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

enum interf_status interf_pattern_catalogue_write(FILE *fp, struct interf_error *err)
{
    fputs("# interf antenna catalogue: name, revision implemented, keys (range, default)\n", fp);
    for (size_t p = 0; p < interf_pattern_count(); p++)
        print_pattern(fp, interf_pattern_at(p));
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
    return ferror(fp) ? interf_error_set(err, INTERF_EIO, "catalogue: write error")
                      : INTERF_OK;
}
