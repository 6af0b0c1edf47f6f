/* SPDX-License-Identifier: MIT */
/* interf stats: histograms in 0.1 dB bins, each sample rounded down to its bin (Rec. ITU-R
 * S.1503-4 (09/2023) §D1.4 and §D7), the statistics read from them, and the grammar of a
 * statistic over time (the --stat options of the tools). */
/* madvise(MADV_HUGEPAGE) is a Linux extension, declared with _DEFAULT_SOURCE */
#define _DEFAULT_SOURCE
#include "interf/stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

enum interf_status interf_hist_set_create(size_t n_points, size_t n_bins,
                                          int32_t first_level_tenths, struct interf_hist_set *set,
                                          struct interf_error *err)
{
    /* One bin per point and step is touched all over the array: huge pages (where the system
     * offers them) spare a TLB miss per update, measured 1.3x on a global 1 deg grid. */
    size_t huge = 2u << 20;
    memset(set, 0, sizeof *set);
    if (n_points == 0 || n_bins == 0 || n_points > SIZE_MAX / sizeof(uint32_t) / n_bins)
        return interf_error_set(err, INTERF_EINVAL, "histograms of %zu points x %zu bins",
                                n_points, n_bins);
    size_t bytes = n_points * n_bins * sizeof(uint32_t);
    void *p = NULL;
    if (posix_memalign(&p, huge, (bytes + huge - 1) / huge * huge) != 0)
        return interf_error_set(err, INTERF_ENOMEM,
                                "out of memory for the histograms (%.2f GiB)",
                                (double)bytes / 1073741824.0);
#ifdef MADV_HUGEPAGE
    madvise(p, bytes, MADV_HUGEPAGE);
#endif
    memset(p, 0, bytes);
    set->n_points = n_points;
    set->n_bins = n_bins;
    set->first_level_tenths = first_level_tenths;
    set->count = p;
    return INTERF_OK;
}

void interf_hist_set_free(struct interf_hist_set *set)
{
    if (!set)
        return;
    free(set->count);
    memset(set, 0, sizeof *set);
}

enum interf_status interf_hist_set_add(struct interf_hist_set *dst,
                                       const struct interf_hist_set *src,
                                       struct interf_error *err)
{
    if (dst->n_points != src->n_points || dst->n_bins != src->n_bins ||
        dst->first_level_tenths != src->first_level_tenths || !dst->count || !src->count)
        return interf_error_set(err, INTERF_EINVAL, "histograms of different shapes");
    size_t n = dst->n_points * dst->n_bins;
    /* check first, so that a refused sum leaves dst as it was */
    for (size_t k = 0; k < n; k++)
        if (src->count[k] > UINT32_MAX - dst->count[k])
            return interf_error_set(err, INTERF_EINPUT, "histogram counts: sum of bin %zu of "
                                    "point %zu passes %u", k % dst->n_bins, k / dst->n_bins,
                                    (unsigned)UINT32_MAX);
    for (size_t k = 0; k < n; k++)
        dst->count[k] += src->count[k];
    return INTERF_OK;
}

struct interf_hist interf_hist_set_point(const struct interf_hist_set *set, size_t i)
{
    struct interf_hist h = {set->first_level_tenths, set->n_bins, set->count + i * set->n_bins,
                            NULL};
    return h;
}

static double bin(const struct interf_hist *h, size_t k)
{
    return h->weight ? h->weight[k] : (double)h->count[k];
}

double interf_hist_total(const struct interf_hist *h)
{
    if (h->weight) {
        double n = 0;
        for (size_t k = 0; k < h->n_bins; k++)
            n += h->weight[k];
        return n;
    }
    uint64_t n = 0;
    for (size_t k = 0; k < h->n_bins; k++)
        n += h->count[k];
    return (double)n;
}

int32_t interf_hist_max(const struct interf_hist *h)
{
    for (size_t k = h->n_bins; k-- > 1;)
        if (bin(h, k) > 0)
            return h->first_level_tenths + (int32_t)k;
    return h->first_level_tenths;
}

int32_t interf_hist_percentile(const struct interf_hist *h, double p_pct)
{
    double n = interf_hist_total(h), above = 0;
    if (!(n > 0))
        return h->first_level_tenths;
    /* Walk down from the top: the exceedance of level L counts the bins above L. The answer is
     * the lowest L whose exceedance is still <= 100 - p (compared with a 1e-9 tolerance: the
     * percentages of the Radio Regulations are decimal, 100 - 99.9993 is not 0.0007 in binary).
     * Sums of counts are exact in double up to 2^53. */
    double allowed = 100.0 - p_pct + 1e-9;
    for (size_t k = h->n_bins; k-- > 1;) {
        double with_k = above + bin(h, k);
        if (100.0 * with_k / n > allowed)
            return h->first_level_tenths + (int32_t)k;
        above = with_k;
    }
    return h->first_level_tenths;
}

double interf_hist_exceed(const struct interf_hist *h, int32_t level_tenths)
{
    double n = interf_hist_total(h), above = 0;
    if (!(n > 0))
        return 0.0;
    int64_t k0 = (int64_t)level_tenths - h->first_level_tenths + 1;
    for (size_t k = k0 < 0 ? 0 : (size_t)k0; k < h->n_bins; k++)
        above += bin(h, k);
    return 100.0 * above / n;
}

/* ------------------------------------------------------------------------- statistics */

static const char *const kind_text[] = {
    "max", "mean", "pNN.NNN (a percentage of time in (0, 100])", "exceed:LEVEL (dB)",
    "margin:TABLE (e.g. margin:22-1A)"};

/* "expected max, pNN.NNN (...) or exceed:LEVEL (dB)" for the allowed kinds. */
static enum interf_status expected(const char *text, unsigned allowed, struct interf_error *err)
{
    char list[400] = "";
    size_t n = 0, m = 0;
    for (int k = 0; k <= INTERF_STAT_MARGIN; k++)
        n += (allowed & INTERF_STAT_ALLOW(k)) != 0;
    for (int k = 0; k <= INTERF_STAT_MARGIN; k++) {
        if (!(allowed & INTERF_STAT_ALLOW(k)))
            continue;
        size_t len = strlen(list);
        snprintf(list + len, sizeof list - len, "%s%s", m == 0 ? "" : m + 1 == n ? " or " : ", ",
                 kind_text[k]);
        m++;
    }
    return interf_error_set(err, INTERF_EINPUT, "'%.40s': expected %s", text, list);
}

/* Digits with at most one decimal point, at least one digit ("50", "99.9", ".5", "7."), after
 * an optional sign where sign is set: no exponent, no blanks. */
static int decimal(const char *s, int sign, double *v)
{
    const char *p = s + (sign && (*s == '-' || *s == '+'));
    size_t digits = strspn(p, "0123456789");
    if (p[digits] == '.')
        digits += 1 + strspn(p + digits + 1, "0123456789");
    if (digits == 0 || p[digits] != '\0' || strcspn(p, "0123456789") >= digits)
        return 0;
    return interf_parse_real(s, v);
}

enum interf_status interf_stat_parse(const char *text, unsigned allowed, struct interf_stat *out,
                                     struct interf_error *err)
{
    struct interf_stat st;
    if (!text || !out)
        return interf_error_set(err, INTERF_EINVAL, "statistic: NULL argument");
    memset(&st, 0, sizeof st);
    if (strlen(text) >= sizeof st.name)
        return expected(text, allowed, err);
    if (strcmp(text, "max") == 0) {
        st.kind = INTERF_STAT_MAX;
    } else if (strcmp(text, "mean") == 0) {
        st.kind = INTERF_STAT_MEAN;
    } else if (text[0] == 'p') {
        st.kind = INTERF_STAT_PCT;
        if (!decimal(text + 1, 0, &st.arg) || !(st.arg > 0 && st.arg <= 100))
            return expected(text, allowed, err);
    } else if (strncmp(text, "exceed:", 7) == 0) {
        st.kind = INTERF_STAT_EXCEED;
        if (!decimal(text + 7, 1, &st.arg))
            return expected(text, allowed, err);
    } else if (strncmp(text, "margin:", 7) == 0 && text[7] && strlen(text + 7) < sizeof st.table) {
        st.kind = INTERF_STAT_MARGIN;
        snprintf(st.table, sizeof st.table, "%s", text + 7);
    } else {
        return expected(text, allowed, err);
    }
    if (!(allowed & INTERF_STAT_ALLOW(st.kind)))
        return expected(text, allowed, err);
    snprintf(st.name, sizeof st.name, "%s", text);
    snprintf(st.label, sizeof st.label, "%s", text);
    for (char *c = st.label; *c; c++)
        *c = *c == ':' ? '_' : *c;
    *out = st;
    return INTERF_OK;
}

double interf_stat_hist(const struct interf_stat *st, const struct interf_hist *h)
{
    switch (st->kind) {
    case INTERF_STAT_MAX: return interf_hist_max(h) / 10.0;
    case INTERF_STAT_PCT: return interf_hist_percentile(h, st->arg) / 10.0;
    case INTERF_STAT_EXCEED: return interf_hist_exceed(h, interf_db_to_tenths(st->arg));
    default: return NAN;
    }
}
