/* SPDX-License-Identifier: MIT */
/* interf limits, data and load: Radio Regulations Article 22 single-entry EPFD limits (Tables
 * 22-1A..E, 22-2, 22-3; the validation family) with their sources, and the loading of every
 * family into exceedance form. Each level, percentage, band, Region, reference bandwidth and
 * reference antenna below was read from the RR 2012 official text (LIMITS_SRC_RR2012, page in
 * the source list) and compared with the transcriptions named there; where the 2024
 * transcription differs (22-1B 17.3-17.7 GHz, the BO.1443 revision, the Region of 22-1E) a
 * comment or note says which is held. tests/unit/test_limits.c repeats the values read from the
 * official text and compares Tables 22-1A..E with a copy of the 2024 transcription. */
#include "limits_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------------------------- */
/* Sources                                                                                  */

/* Springbok's transcription of the levels and percentages of Tables 22-1A..22-3 (no bands,
 * patterns or bandwidths). It entered its repository in the same commit as the RR 2012 PDF and
 * holds the 2012 tables in the 2012 order (22-1B without 17.3-17.7 GHz): typed from that PDF,
 * it confirms our reading of it, not the values. */
#define SB                                                                                       \
    {"Springbok Article22Utility.m transcription (ralatsdc/system-communication-toolbox "        \
     "src/matlab/com/springbok/utility/Article22Utility.m @67043fe)", "RR 2012", 1}
/* A transcription of the 2024 edition by another team: independent of the two above. */
#define SO                                                                                       \
    {"RR Vol. 1 2024 ed. Art. 22 transcription (SIMULATOR-WG/SHARC-Orbit_colab_ITU "             \
     "src/data/article22_limits.json @110f459)", "RR 2024", 0}

/* ---------------------------------------------------------------------------------------- */
/* The tables (RR form: level dB, % of time not exceeded)                                   */

#define S1428 "Rec. ITU-R S.1428-1"
#define BO1443 "Rec. ITU-R BO.1443-3 Annex 1"
#define R123 (INTERF_REGION_1 | INTERF_REGION_2 | INTERF_REGION_3)
#define R1 INTERF_REGION_1
#define R2 INTERF_REGION_2
#define R3 INTERF_REGION_3
#define CONF INTERF_LIMIT_CONFIRMED
#define SINGLE INTERF_LIMIT_SINGLE_SOURCE

static const struct limits_src_table tables[] = {
    {"22-1A", INTERF_EPFD_DOWN, "FSS", S1428,
     {4, {{10.7, 11.7, R123, "FSS", S1428, CONF}, {11.7, 12.2, R2, "FSS", S1428, CONF},
          {12.2, 12.5, R3, "FSS", S1428, CONF}, {12.5, 12.75, R1 | R3, "FSS", S1428, CONF}}},
     3, {LIMITS_SRC_RR2012("p. RR22-3"), SB, SO}},
    /* The 17.3-17.7 GHz bands, and their Region 2 application to GSO BSS with BO.1443-3
     * (RR No. 22.5C.13), are in the 2024 transcription only: RR 2012 lists 17.8-18.6 GHz. */
    {"22-1B", INTERF_EPFD_DOWN, "FSS", S1428,
     {3, {{17.8, 18.6, R123, "FSS", S1428, CONF}, {17.3, 17.7, R1 | R3, "FSS", S1428, SINGLE},
          {17.3, 17.7, R2, "BSS", BO1443, SINGLE}}},
     3, {LIMITS_SRC_RR2012("p. RR22-4"), SB, SO}},
    {"22-1C", INTERF_EPFD_DOWN, "FSS", S1428, {1, {{19.7, 20.2, R123, "FSS", S1428, CONF}}}, 3,
     {LIMITS_SRC_RR2012("p. RR22-5"), SB, SO}},
    {"22-1D", INTERF_EPFD_DOWN, "BSS", BO1443,
     {4, {{11.7, 12.5, R1, "BSS", BO1443, CONF}, {11.7, 12.2, R3, "BSS", BO1443, CONF},
          {12.5, 12.75, R3, "BSS", BO1443, CONF}, {12.2, 12.7, R2, "BSS", BO1443, CONF}}},
     3, {LIMITS_SRC_RR2012("pp. RR22-6, RR22-7"), SB, SO}},
    /* Region 2: the 2024 transcription's; RR 2012 names no Region (NOTE_E). */
    {"22-1E", INTERF_EPFD_DOWN, "FSS", "reference pattern of RR No. 22.5C.12",
     {1, {{3.7, 4.2, R2, "FSS", "reference pattern of RR No. 22.5C.12", SINGLE}}}, 3,
     {LIMITS_SRC_RR2012("p. RR22-8"), SB, SO}},
    /* Bands per row (UP_*): one RR row each. */
    {"22-2", INTERF_EPFD_UP, "FSS", "Rec. ITU-R S.672-4", {0, {{0, 0, 0, NULL, NULL, SINGLE}}}, 2,
     {LIMITS_SRC_RR2012("p. RR22-10"), SB}},
    /* RR 2012 has two rows of equal values: 10.7-11.7 (R1), 12.5-12.75 (R1), 12.7-12.75 (R2);
     * and 17.8-18.4 GHz. Held as one row. */
    {"22-3", INTERF_EPFD_IS, "FSS", "Rec. ITU-R S.672-4, Ls = -20 dB",
     {4, {{10.7, 11.7, R1, "FSS", NULL, SINGLE}, {12.5, 12.75, R1, "FSS", NULL, SINGLE},
          {12.7, 12.75, R2, "FSS", NULL, SINGLE}, {17.8, 18.4, R123, "FSS", NULL, SINGLE}}},
     2, {LIMITS_SRC_RR2012("p. RR22-11"), SB}},
};

/* Table 22-2's bands, one set per RR row (RR 2012 p. RR22-10). The Table names no Region for
 * 5 925-6 725 MHz, 12.5-14.5 GHz and the 28 and 30 GHz bands. 12.5-12.75 GHz is listed last so
 * that the row keeps its label (12.75-13.25 GHz). */
static const struct limits_band_set UP_C = {1, {{5.925, 6.725, R123, "FSS", NULL, SINGLE}}};
static const struct limits_band_set UP_KU = {
    3, {{12.75, 13.25, R123, "FSS", NULL, SINGLE}, {13.75, 14.5, R123, "FSS", NULL, SINGLE},
        {12.5, 12.75, R123, "FSS", NULL, SINGLE}}};
static const struct limits_band_set UP_K = {
    2, {{17.3, 18.1, R1 | R3, "FSS", NULL, SINGLE}, {17.8, 18.1, R2, "FSS", NULL, SINGLE}}};
static const struct limits_band_set UP_KA1 = {1, {{27.5, 28.6, R123, "FSS", NULL, SINGLE}}};
static const struct limits_band_set UP_KA2 = {1, {{29.5, 30.0, R123, "FSS", NULL, SINGLE}}};

#define LAT4 "RR No. 22.5C.4"
#define LAT8 "RR No. 22.5C.8"
#define P100(l) {{l, 0}, {l, 100}}

/* Notes that change how rows apply (RR 2012). */
#define NOTE_D                                                                                   \
    "RR 2012 No. 22.5C.11 cites Rec. ITU-R BO.1443-2 Annex 1, the 2024 transcription BO.1443-3"
#define NOTE_E "RR 2012 names no Region for 3 700-4 200 MHz; the 2024 transcription Region 2"
#define H97                                                                                      \
    "RR No. 22.5H: for systems whose complete coordination or notification information was "    \
    "received after 22 November 1997"
#define H03                                                                                      \
    "RR No. 22.5H: for systems whose complete notification information was received after "      \
    "5 July 2003"
#define D3_20 "RR No. 22.5D.3: the parabolic main beam equation of S.672-4 starts at zero"
#define D3_10                                                                                    \
    "RR No. 22.5D.3: a = 1.83 and b = 6.32 for Ls = -10 dB in the S.672-4 Annex 1 single-feed "  \
    "circular-beam equations; the parabolic main beam equation starts at zero"
#define D4_BEAM                                                                                  \
    "RR No. 22.5D.4: this level also applies to 17.3-17.8 GHz, to protect Region 2 BSS feeder "  \
    "links from NGSO FSS Earth-to-space emissions in Regions 1 and 3; GSO beam 4 deg for the "   \
    "limit check (Table 22-2), while the 1.55 deg of Rec. ITU-R S.1503-4 Table 8 above 17 GHz "   \
    "is for the worst-case geometry search only"
#define F3                                                                                       \
    "RR No. 22.5F: includes emissions from a reflecting satellite; No. 22.5F.3: the parabolic "   \
    "main beam equation of S.672-4 starts at zero"

static const struct limits_src_row rows[] = {
    /* Table 22-1A, 40 kHz */
    {"22-1A", 0.6, 40, 0, NULL, NULL, NULL, 0, 7,
     {{-175.4, 0}, {-174.0, 90}, {-170.8, 99}, {-165.3, 99.73}, {-160.4, 99.991},
      {-160.0, 99.997}, {-160.0, 100}}, NULL, NULL},
    {"22-1A", 1.2, 40, 0, NULL, LAT4, "two levels at 99.997 %", 0, 11,
     {{-181.9, 0}, {-178.4, 99.5}, {-173.4, 99.74}, {-173.0, 99.857}, {-164.0, 99.954},
      {-161.6, 99.984}, {-161.4, 99.991}, {-160.8, 99.997}, {-160.5, 99.997},
      {-160.0, 99.9993}, {-160.0, 100}}, NULL, NULL},
    {"22-1A", 3, 40, 0, NULL, LAT4, NULL, 0, 10,
     {{-190.45, 0}, {-189.45, 90}, {-187.45, 99.5}, {-182.4, 99.7}, {-182.0, 99.855},
      {-168.0, 99.971}, {-164.0, 99.988}, {-162.0, 99.995}, {-160.0, 99.999}, {-160.0, 100}},
     NULL, NULL},
    {"22-1A", 10, 40, 0, NULL, LAT4, NULL, 0, 7,
     {{-195.45, 0}, {-195.45, 99}, {-190.0, 99.65}, {-190.0, 99.71}, {-172.5, 99.99},
      {-160.0, 99.998}, {-160.0, 100}}, NULL, NULL},
    /* Table 22-1B: both bandwidths must be met */
    {"22-1B", 1, 40, 0, NULL, NULL, NULL, 0, 6,
     {{-175.4, 0}, {-175.4, 90}, {-172.5, 99}, {-167.0, 99.714}, {-164.0, 99.971},
      {-164.0, 100}}, NULL, NULL},
    {"22-1B", 1, 1000, 0, NULL, NULL, NULL, 0, 6,
     {{-161.4, 0}, {-161.4, 90}, {-158.5, 99}, {-153.0, 99.714}, {-150.0, 99.971},
      {-150.0, 100}}, NULL, NULL},
    {"22-1B", 2, 40, 0, NULL, NULL, NULL, 0, 7,
     {{-178.4, 0}, {-178.4, 99.4}, {-171.4, 99.9}, {-170.5, 99.913}, {-166.0, 99.971},
      {-164.0, 99.977}, {-164.0, 100}}, NULL, NULL},
    {"22-1B", 2, 1000, 0, NULL, NULL, NULL, 0, 7,
     {{-164.4, 0}, {-164.4, 99.4}, {-157.4, 99.9}, {-156.5, 99.913}, {-152.0, 99.971},
      {-150.0, 99.977}, {-150.0, 100}}, NULL, NULL},
    {"22-1B", 5, 40, 0, NULL, NULL, "two levels at 99.8 % and at 99.943 %", 0, 7,
     {{-185.4, 0}, {-185.4, 99.8}, {-180.0, 99.8}, {-180.0, 99.943}, {-172.0, 99.943},
      {-164.0, 99.998}, {-164.0, 100}}, NULL, NULL},
    {"22-1B", 5, 1000, 0, NULL, NULL, "two levels at 99.8 % and at 99.943 %", 0, 7,
     {{-171.4, 0}, {-171.4, 99.8}, {-166.0, 99.8}, {-166.0, 99.943}, {-158.0, 99.943},
      {-150.0, 99.998}, {-150.0, 100}}, NULL, NULL},
    /* Table 22-1C, 40 kHz; the 1 MHz rows below are the same percentages with every level
     * 14 dB higher (RR Table 22-1C as transcribed; 10 log(1000/40) = 13.98 dB, rounded). */
#define C70 {{-187.4, 0}, {-182.0, 71.429}, {-172.0, 97.143}, {-154.0, 99.983}, {-154.0, 100}}
#define C90                                                                                      \
    {{-190.4, 0}, {-181.4, 91}, {-170.4, 99.8}, {-168.6, 99.8}, {-165.0, 99.943},                \
     {-160.0, 99.943}, {-154.0, 99.997}, {-154.0, 100}}
#define C250 {{-196.4, 0}, {-162.0, 99.98}, {-154.0, 99.99943}, {-154.0, 100}}
#define C500                                                                                     \
    {{-200.4, 0}, {-189.4, 90}, {-187.8, 94}, {-184.0, 97.143}, {-175.0, 99.886},                \
     {-164.2, 99.99}, {-154.6, 99.999}, {-154.0, 99.9992}, {-154.0, 100}}
    {"22-1C", 0.7, 40, 0, NULL, NULL, NULL, 0, 5, C70, NULL, NULL},
    {"22-1C", 0.7, 1000, 0, NULL, NULL, NULL, 14, 5, C70, NULL, NULL},
    {"22-1C", 0.9, 40, 0, NULL, NULL, "two levels at 99.8 % and at 99.943 %", 0, 8,
     C90, NULL, NULL},
    {"22-1C", 0.9, 1000, 0, NULL, NULL, "two levels at 99.8 % and at 99.943 %", 14, 8,
     C90, NULL, NULL},
    {"22-1C", 2.5, 40, 0, NULL, NULL, NULL, 0, 4, C250, NULL, NULL},
    {"22-1C", 2.5, 1000, 0, NULL, NULL, NULL, 14, 4, C250, NULL, NULL},
    {"22-1C", 5, 40, 0, NULL, NULL, NULL, 0, 9, C500, NULL, NULL},
    {"22-1C", 5, 1000, 0, NULL, NULL, NULL, 14, 9, C500, NULL, NULL},
    /* Table 22-1D (BSS), 40 kHz */
    {"22-1D", 0.3, 40, 0, NULL, NULL,
     "two levels at 99.429 % (a step, as in the RR table); " NOTE_D,
     0, 7,
     {{-165.841, 0}, {-165.541, 25}, {-164.041, 96}, {-158.6, 98.857}, {-158.6, 99.429},
      {-158.33, 99.429}, {-158.33, 100}}, NULL, NULL},
    {"22-1D", 0.45, 40, 0, NULL, NULL, NOTE_D, 0, 7,
     {{-175.441, 0}, {-172.441, 66}, {-169.441, 97.75}, {-164.0, 99.357}, {-160.75, 99.809},
      {-160.0, 99.986}, {-160.0, 100}}, NULL, NULL},
    {"22-1D", 0.6, 40, 0, NULL, NULL, NOTE_D, 0, 8,
     {{-176.441, 0}, {-173.191, 97.8}, {-167.75, 99.371}, {-162.0, 99.886}, {-161.0, 99.943},
      {-160.2, 99.971}, {-160.0, 99.997}, {-160.0, 100}}, NULL, NULL},
    {"22-1D", 0.9, 40, 0, NULL, NULL, NOTE_D, 0, 9,
     {{-178.94, 0}, {-178.44, 33}, {-176.44, 98}, {-171.0, 99.429}, {-165.5, 99.714},
      {-163.0, 99.857}, {-161.0, 99.943}, {-160.0, 99.991}, {-160.0, 100}}, NULL, NULL},
    {"22-1D", 1.2, 40, 0, NULL, NULL, "two levels at 98.9 % and at 99.68 %; " NOTE_D, 0,
     14,
     {{-182.44, 0}, {-180.69, 90}, {-179.19, 98.9}, {-178.44, 98.9}, {-174.94, 99.5},
      {-173.75, 99.68}, {-173.0, 99.68}, {-169.5, 99.85}, {-167.8, 99.915}, {-164.0, 99.94},
      {-161.9, 99.97}, {-161.0, 99.99}, {-160.4, 99.998}, {-160.0, 100}}, NULL, NULL},
    {"22-1D", 1.8, 40, 0, NULL, LAT8, NOTE_D, 0, 9,
     {{-184.941, 0}, {-184.101, 33}, {-181.691, 98.5}, {-176.25, 99.571}, {-163.25, 99.946},
      {-161.5, 99.974}, {-160.35, 99.993}, {-160.0, 99.999}, {-160.0, 100}}, NULL, NULL},
    {"22-1D", 2.4, 40, 0, NULL, LAT8, NOTE_D, 0, 9,
     {{-187.441, 0}, {-186.341, 33}, {-183.441, 99.25}, {-178.0, 99.786}, {-164.4, 99.957},
      {-161.9, 99.983}, {-160.5, 99.994}, {-160.0, 99.999}, {-160.0, 100}}, NULL, NULL},
    {"22-1D", 3, 40, 0, NULL, LAT8, NOTE_D, 0, 9,
     {{-191.941, 0}, {-189.441, 33}, {-185.941, 99.5}, {-180.5, 99.857}, {-173.0, 99.914},
      {-167.0, 99.951}, {-162.0, 99.983}, {-160.0, 99.991}, {-160.0, 100}}, NULL, NULL},
    /* Table 22-1E, 4 kHz, 100 % of time */
    {"22-1E", 1.8, 4, 0, NULL, NULL, NOTE_E, 0, 2, P100(-195.4), NULL, NULL},
    {"22-1E", 2.4, 4, 0, NULL, NULL, NOTE_E, 0, 2, P100(-197.9), NULL, NULL},
    {"22-1E", 3.7, 4, 0, NULL, NULL, NOTE_E, 0, 2, P100(-201.6), NULL, NULL},
    {"22-1E", 4.5, 4, 0, NULL, NULL, NOTE_E, 0, 2, P100(-203.3), NULL, NULL},
    {"22-1E", 5.5, 4, 0, NULL, NULL, NOTE_E, 0, 2, P100(-204.5), NULL, NULL},
    {"22-1E", 8, 4, 0, NULL, NULL, NOTE_E, 0, 2, P100(-207.5), NULL, NULL},
    {"22-1E", 10, 4, 0, NULL, NULL, NOTE_E, 0, 2, P100(-208.5), NULL, NULL},
    {"22-1E", 15, 4, 0, NULL, NULL, NOTE_E, 0, 2, P100(-212.0), NULL, NULL},
    /* Table 22-2 (EPFD up), 100 % of time, RR 2012 p. RR22-10 */
    {"22-2", 0, 4, 1.5, "Rec. ITU-R S.672-4, Ls = -20 dB", NULL, H03 "; " D3_20, 0, 2,
     P100(-183.0), &UP_C, NULL},
    {"22-2", 0, 40, 4, "Rec. ITU-R S.672-4, Ls = -20 dB", NULL, H97 "; " D3_20, 0, 2,
     P100(-160.0), &UP_KU, NULL},
    {"22-2", 0, 40, 4, "Rec. ITU-R S.672-4, Ls = -20 dB", NULL, H97 "; " D3_20 "; " D4_BEAM, 0, 2,
     P100(-160.0), &UP_K, NULL},
    {"22-2", 0, 40, 1.55, "Rec. ITU-R S.672-4, Ls = -10 dB", NULL, H97 "; " D3_10, 0, 2,
     P100(-162.0), &UP_KA1, NULL},
    {"22-2", 0, 40, 1.55, "Rec. ITU-R S.672-4, Ls = -10 dB", NULL, H97 "; " D3_10, 0, 2,
     P100(-162.0), &UP_KA2, NULL},
    /* Table 22-3 (EPFD_is), 100 % of time, RR 2012 p. RR22-11 */
    {"22-3", 0, 40, 4, NULL, NULL, H97 "; " F3, 0, 2, P100(-160.0), NULL, NULL},
};

const struct limits_group limits_validation_group = {tables, sizeof tables / sizeof tables[0],
                                                     rows, sizeof rows / sizeof rows[0]};

/* ---------------------------------------------------------------------------------------- */
/* Load                                                                                     */

static const struct limits_group *group_of(enum interf_limit_family f)
{
    switch (f) {
    case INTERF_LIMIT_VALIDATION: return &limits_validation_group;
    case INTERF_LIMIT_OPERATIONAL: return &limits_operational_group;
    case INTERF_LIMIT_AGGREGATE: return &limits_aggregate_group;
    }
    return NULL;
}

size_t limits_table_count(enum interf_limit_family family)
{
    const struct limits_group *g = group_of(family);
    return g ? g->n_tables : 0;
}

const char *limits_table_id(enum interf_limit_family family, size_t k)
{
    const struct limits_group *g = group_of(family);
    return g && k < g->n_tables ? g->tables[k].id : NULL;
}

static const struct limits_src_table *table_of(const struct limits_group *g, const char *id)
{
    for (size_t k = 0; k < g->n_tables; k++)
        if (strcmp(g->tables[k].id, id) == 0)
            return &g->tables[k];
    return NULL;
}

/* A limit point in both forms; levels rounded to 1e-6 dB first so that an offset row (-187.4
 * + 14) is the decimal -173.4. */
static struct interf_limit_point make_point(double level_db, double pct_not_exceeded)
{
    struct interf_limit_point p;
    p.level_db = nearbyint(level_db * 1e6) / 1e6;
    p.pct_not_exceeded = pct_not_exceeded;
    p.level_tenths = interf_db_to_tenths(p.level_db);
    /* Exceedance form, once, at load (S.1503-4 §D7 compares the CDF of exceedance). */
    p.pct_exceeded = 100.0 - pct_not_exceeded;
    if (fabs(p.pct_exceeded) <= INTERF_LIMIT_PCT_TOL)
        p.pct_exceeded = 0.0;
    return p;
}

/* The rule of enum interf_limit_confidence: two independent sources confirm a row. */
static enum interf_limit_confidence confidence_of(const struct interf_limit_source *s, size_t n)
{
    size_t independent = 0;
    for (size_t k = 0; k < n; k++)
        independent += !s[k].derived;
    return independent >= 2   ? INTERF_LIMIT_CONFIRMED
           : independent == 1 ? INTERF_LIMIT_SINGLE_SOURCE
                              : INTERF_LIMIT_UNCONFIRMED;
}

static void load_axes(const struct limits_src_row *r, struct interf_limit_mask *m)
{
    const struct limits_src_axes *a = r->axes;
    m->axes = (r->dish_m > 0 ? INTERF_LIMIT_AXIS_DISH : 0u) |
              (r->gso_beamwidth_deg > 0 ? INTERF_LIMIT_AXIS_GSO_BEAM : 0u) |
              (r->lat_note ? INTERF_LIMIT_AXIS_LATITUDE : 0u);
    if (!a)
        return;
    m->axes |= a->axes;
    m->es_min_gain_dbi = a->es_min_gain_dbi;
    m->gso_incl_min_deg = a->gso_incl_min_deg;
    m->gso_incl_max_deg = a->gso_incl_max_deg;
    m->valid_from = a->valid_from;
    m->valid_until = a->valid_until;
    m->ngso_min_alt_km = a->ngso_min_alt_km;
}

static void load_row(const struct limits_group *g, enum interf_limit_family family,
                     const struct limits_src_row *r, struct interf_limit_mask *m)
{
    const struct limits_src_table *t = table_of(g, r->table);
    const struct limits_band_set *bands = r->bands ? r->bands : &t->bands;
    memset(m, 0, sizeof *m);
    m->table = t->id;
    m->kind = t->kind;
    m->family = family;
    m->service = t->service;
    m->dish_m = r->dish_m;
    m->gso_beamwidth_deg = r->gso_beamwidth_deg;
    m->ref_bandwidth_khz = r->ref_bandwidth_khz;
    m->pattern = r->pattern ? r->pattern : t->pattern;
    m->n_sources = t->n_sources;
    memcpy(m->sources, t->sources, t->n_sources * sizeof t->sources[0]);
    m->confidence = confidence_of(m->sources, m->n_sources);
    m->source = m->sources[0].citation;
    m->lat_note = r->lat_note;
    m->note = r->note;
    load_axes(r, m);
    m->n_bands = bands->n;
    memcpy(m->bands, bands->b, bands->n * sizeof bands->b[0]);
    for (size_t k = 0; k < m->n_bands; k++)
        if (!m->bands[k].pattern)
            m->bands[k].pattern = m->pattern;
    m->n_points = r->n;
    for (size_t k = 0; k < r->n; k++)
        m->points[k] = make_point(r->p[k].level_db + r->level_offset_db,
                                  r->p[k].pct_not_exceeded);
}

enum interf_status interf_limits_create(struct interf_limits **out, struct interf_error *err)
{
    size_t n = 0;
    *out = NULL;
    for (int f = 0; f < INTERF_LIMIT_N_FAMILIES; f++)
        n += group_of((enum interf_limit_family)f)->n_rows;
    struct interf_limits *l = malloc(sizeof *l + n * sizeof l->masks[0]);
    if (!l)
        return interf_error_set(err, INTERF_ENOMEM, "out of memory for the limit tables");
    l->n = 0;
    for (int f = 0; f < INTERF_LIMIT_N_FAMILIES; f++) {
        const struct limits_group *g = group_of((enum interf_limit_family)f);
        l->first[f] = l->n;
        l->count[f] = g->n_rows;
        for (size_t k = 0; k < g->n_rows; k++)
            load_row(g, (enum interf_limit_family)f, &g->rows[k], &l->masks[l->n++]);
    }
    *out = l;
    return INTERF_OK;
}

void interf_limits_destroy(struct interf_limits *limits) { free(limits); }

size_t interf_limits_count(const struct interf_limits *limits)
{
    return interf_limits_family_count(limits, INTERF_LIMIT_VALIDATION);
}

const struct interf_limit_mask *interf_limits_mask(const struct interf_limits *limits,
                                                   size_t index)
{
    return interf_limits_family_mask(limits, INTERF_LIMIT_VALIDATION, index);
}

size_t interf_limits_family_count(const struct interf_limits *limits,
                                  enum interf_limit_family family)
{
    return (unsigned)family < INTERF_LIMIT_N_FAMILIES ? limits->count[family] : 0;
}

const struct interf_limit_mask *interf_limits_family_mask(const struct interf_limits *limits,
                                                          enum interf_limit_family family,
                                                          size_t index)
{
    if (index >= interf_limits_family_count(limits, family))
        return NULL;
    return &limits->masks[limits->first[family] + index];
}

const char *interf_limit_confidence_str(enum interf_limit_confidence c)
{
    switch (c) {
    case INTERF_LIMIT_CONFIRMED: return "confirmed";
    case INTERF_LIMIT_SINGLE_SOURCE: return "single source";
    case INTERF_LIMIT_UNCONFIRMED: return "unconfirmed";
    }
    return "unknown";
}

const char *interf_limit_family_str(enum interf_limit_family f)
{
    switch (f) {
    case INTERF_LIMIT_VALIDATION: return "validation";
    case INTERF_LIMIT_OPERATIONAL: return "operational";
    case INTERF_LIMIT_AGGREGATE: return "aggregate";
    }
    return "unknown";
}

const char *interf_limit_kind_str(enum interf_limit_kind k)
{
    switch (k) {
    case INTERF_EPFD_DOWN: return "epfd_down";
    case INTERF_EPFD_UP: return "epfd_up";
    case INTERF_EPFD_IS: return "epfd_is";
    }
    return "unknown";
}

