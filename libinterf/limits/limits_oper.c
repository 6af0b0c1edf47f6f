/* SPDX-License-Identifier: MIT */
/* interf limits, operational family: Radio Regulations Tables 22-4A, 22-4A1, 22-4B and 22-4C
 * (No. 22.5I), the EPFD down an NGSO FSS system may put into an operating GSO earth station,
 * as read from the RR 2012 official text (pp. RR22-12 to RR22-14; no second source exists for
 * them). Not S.1503 validation limits: their axes are the earth station's diameter or gain, the
 * GSO satellite's orbital inclination and, in Table 22-4A, the period. */
#include "limits_impl.h"

#define R123 (INTERF_REGION_1 | INTERF_REGION_2 | INTERF_REGION_3)
#define SINGLE INTERF_LIMIT_SINGLE_SOURCE
#define OP_ANT "the operating GSO earth station's antenna (RR No. 22.5I)"
#define P100(l) {{l, 0}, {l, 100}}

static const struct limits_src_table tables[] = {
    {"22-4A", INTERF_EPFD_DOWN, "FSS", OP_ANT,
     {4, {{10.7, 11.7, R123, "FSS", NULL, SINGLE}, {11.7, 12.2, INTERF_REGION_2, "FSS", NULL,
                                                   SINGLE},
          {12.2, 12.5, INTERF_REGION_3, "FSS", NULL, SINGLE},
          {12.5, 12.75, INTERF_REGION_1 | INTERF_REGION_3, "FSS", NULL, SINGLE}}},
     1, {LIMITS_SRC_RR2012("p. RR22-12")}},
    /* RR No. 22.5H.2: in the bands of Table 22-4A. */
    {"22-4A1", INTERF_EPFD_DOWN, "FSS", OP_ANT,
     {4, {{10.7, 11.7, R123, "FSS", NULL, SINGLE}, {11.7, 12.2, INTERF_REGION_2, "FSS", NULL,
                                                   SINGLE},
          {12.2, 12.5, INTERF_REGION_3, "FSS", NULL, SINGLE},
          {12.5, 12.75, INTERF_REGION_1 | INTERF_REGION_3, "FSS", NULL, SINGLE}}},
     1, {LIMITS_SRC_RR2012("p. RR22-13")}},
    /* Bands per row (B20, B18). */
    {"22-4B", INTERF_EPFD_DOWN, "FSS", OP_ANT, {0, {{0, 0, 0, NULL, NULL, SINGLE}}}, 1,
     {LIMITS_SRC_RR2012("p. RR22-13")}},
    /* Into earth stations pointing at GSO BSS satellites (RR No. 22.5H.6, No. 22.5C.9). */
    {"22-4C", INTERF_EPFD_DOWN, "BSS", OP_ANT,
     {1, {{12.2, 12.7, INTERF_REGION_2, "BSS", NULL, SINGLE}}}, 1,
     {LIMITS_SRC_RR2012("p. RR22-14")}},
};

static const struct limits_band_set B20 = {1, {{19.7, 20.2, R123, "FSS", NULL, SINGLE}}};
static const struct limits_band_set B18 = {1, {{17.8, 18.6, R123, "FSS", NULL, SINGLE}}};

/* Table 22-4A: GSO inclination <= 2.5 deg or in (2.5, 4.5] deg; before or from 31 December
 * 2005; "≥ 18 m" is a minimum diameter. */
#define INCL_PERIOD (INTERF_LIMIT_AXIS_GSO_INCL | INTERF_LIMIT_AXIS_PERIOD)
#define AX(bits, gain, imin, imax, from, until, alt)                                             \
    (&(const struct limits_src_axes){bits, gain, imin, imax, from, until, alt})
#define LO_OLD AX(INCL_PERIOD, 0, 0, 2.5, NULL, "2005-12-31", 0)
#define HI_OLD AX(INCL_PERIOD, 0, 2.5, 4.5, NULL, "2005-12-31", 0)
#define LO_NEW AX(INCL_PERIOD, 0, 0, 2.5, "2005-12-31", NULL, 0)
#define HI_NEW AX(INCL_PERIOD, 0, 2.5, 4.5, "2005-12-31", NULL, 0)
#define MIN INTERF_LIMIT_AXIS_DISH_MIN
#define LO_OLD18 AX(INCL_PERIOD | MIN, 0, 0, 2.5, NULL, "2005-12-31", 0)
#define HI_OLD18 AX(INCL_PERIOD | MIN, 0, 2.5, 4.5, NULL, "2005-12-31", 0)
#define LO_NEW18 AX(INCL_PERIOD | MIN, 0, 0, 2.5, "2005-12-31", NULL, 0)
#define HI_NEW18 AX(INCL_PERIOD | MIN, 0, 2.5, 4.5, "2005-12-31", NULL, 0)
/* Table 22-4B: earth-station gain >= 49 or >= 43 dBi (the latter for NGSO systems at 7 000 km
 * or above, RR No. 22.5H.5). */
#define G49_LO AX(INTERF_LIMIT_AXIS_ES_GAIN | INTERF_LIMIT_AXIS_GSO_INCL, 49, 0, 2.5, NULL, NULL, 0)
#define G49_HI                                                                                   \
    AX(INTERF_LIMIT_AXIS_ES_GAIN | INTERF_LIMIT_AXIS_GSO_INCL, 49, 2.5, 4.5, NULL, NULL, 0)
#define G43_LO                                                                                   \
    AX(INTERF_LIMIT_AXIS_ES_GAIN | INTERF_LIMIT_AXIS_GSO_INCL | INTERF_LIMIT_AXIS_NGSO_ALT, 43,   \
       0, 2.5, NULL, NULL, 7000)

#define H4A                                                                                      \
    "RR No. 22.5H.3: the more stringent of this level and No. 22.5C.4 applies; No. 22.5H.4: "   \
    "between tabulated diameters interpolate linearly in dB against log10(diameter); "            \
    "No. 22.5H.2: Table 22-4A1 applies in addition; No. 22.5H.1: see also Nos. 9.7A, 9.7B; "     \
    "No. 22.5H: not for systems filed before 22 November 1997"
#define H4A1                                                                                     \
    "RR No. 22.5H.2: in addition to Table 22-4A, in its bands; No. 22.5H: not for systems "       \
    "filed before 22 November 1997"
#define H4B                                                                                      \
    "RR No. 22.5H.1: see also Nos. 9.7A, 9.7B; No. 22.5H: not for systems filed before "          \
    "22 November 1997"
#define H5                                                                                       \
    "RR No. 22.5H.5: for NGSO systems at altitudes of 7 000 km or above, to protect GSO FSS "    \
    "systems using adaptive coding; " H4B
#define H6                                                                                       \
    "RR No. 22.5H.6: into GSO earth stations in Region 2 west of 140 deg W and north of 60 deg "  \
    "N, pointing at GSO BSS satellites at 91, 101, 110, 119 and 148 deg W with elevation above " \
    "5 deg, for a transition period of 15 years; No. 22.5C.9: with the 240 cm row of Table "      \
    "22-1D; " H4B
#define LAT_H3 "RR No. 22.5H.3"

static const struct limits_src_row rows[] = {
    /* Table 22-4A (Rev.WRC-07), 100 % of time, 40 kHz, RR 2012 p. RR22-12 */
    {"22-4A", 3, 40, 0, NULL, LAT_H3, H4A, 0, 2, P100(-163), NULL, LO_OLD},
    {"22-4A", 6, 40, 0, NULL, LAT_H3, H4A, 0, 2, P100(-166), NULL, LO_OLD},
    {"22-4A", 9, 40, 0, NULL, LAT_H3, H4A, 0, 2, P100(-167.5), NULL, LO_OLD},
    {"22-4A", 18, 40, 0, NULL, LAT_H3, H4A, 0, 2, P100(-169.5), NULL, LO_OLD18},
    {"22-4A", 3, 40, 0, NULL, LAT_H3, H4A, 0, 2, P100(-160), NULL, HI_OLD},
    {"22-4A", 6, 40, 0, NULL, LAT_H3, H4A, 0, 2, P100(-163), NULL, HI_OLD},
    {"22-4A", 9, 40, 0, NULL, LAT_H3, H4A, 0, 2, P100(-164.5), NULL, HI_OLD},
    {"22-4A", 18, 40, 0, NULL, LAT_H3, H4A, 0, 2, P100(-166.5), NULL, HI_OLD18},
    {"22-4A", 3, 40, 0, NULL, LAT_H3, H4A, 0, 2, P100(-161.25), NULL, LO_NEW},
    {"22-4A", 6, 40, 0, NULL, LAT_H3, H4A, 0, 2, P100(-164), NULL, LO_NEW},
    {"22-4A", 9, 40, 0, NULL, LAT_H3, H4A, 0, 2, P100(-165.5), NULL, LO_NEW},
    {"22-4A", 18, 40, 0, NULL, LAT_H3, H4A, 0, 2, P100(-167.5), NULL, LO_NEW18},
    {"22-4A", 3, 40, 0, NULL, LAT_H3, H4A, 0, 2, P100(-158.25), NULL, HI_NEW},
    {"22-4A", 6, 40, 0, NULL, LAT_H3, H4A, 0, 2, P100(-161), NULL, HI_NEW},
    {"22-4A", 9, 40, 0, NULL, LAT_H3, H4A, 0, 2, P100(-162.5), NULL, HI_NEW},
    {"22-4A", 18, 40, 0, NULL, LAT_H3, H4A, 0, 2, P100(-164.5), NULL, HI_NEW18},
    /* Table 22-4A1 (WRC-2000), dB(W/(m2 40 kHz)), RR 2012 p. RR22-13 */
    {"22-4A1", 3, 40, 0, NULL, NULL, H4A1, 0, 9,
     {{-182, 99.9}, {-179, 99.94}, {-176, 99.97}, {-171, 99.98}, {-168, 99.984}, {-165, 99.993},
      {-163, 99.999}, {-161.25, 99.99975}, {-161.25, 100}},
     NULL, NULL},
    {"22-4A1", 10, 40, 0, NULL, NULL, H4A1, 0, 8,
     {{-185, 99.97}, {-183, 99.98}, {-179, 99.99}, {-175, 99.996}, {-171, 99.998}, {-168, 99.999},
      {-166, 99.9998}, {-166, 100}},
     NULL, NULL},
    /* Table 22-4B (WRC-2000), 100 % of time, RR 2012 p. RR22-13 */
    {"22-4B", 0, 40, 0, NULL, NULL, H4B, 0, 2, P100(-157), &B20, G49_LO},
    {"22-4B", 0, 40, 0, NULL, NULL, H5, 0, 2, P100(-157), &B20, G43_LO},
    {"22-4B", 0, 40, 0, NULL, NULL, H4B, 0, 2, P100(-155), &B20, G49_HI},
    {"22-4B", 0, 1000, 0, NULL, NULL, H4B, 0, 2, P100(-143), &B20, G49_LO},
    {"22-4B", 0, 1000, 0, NULL, NULL, H5, 0, 2, P100(-143), &B20, G43_LO},
    {"22-4B", 0, 1000, 0, NULL, NULL, H4B, 0, 2, P100(-141), &B20, G49_HI},
    {"22-4B", 0, 40, 0, NULL, NULL, H4B, 0, 2, P100(-164), &B18, G49_LO},
    {"22-4B", 0, 40, 0, NULL, NULL, H4B, 0, 2, P100(-162), &B18, G49_HI},
    {"22-4B", 0, 1000, 0, NULL, NULL, H4B, 0, 2, P100(-150), &B18, G49_LO},
    {"22-4B", 0, 1000, 0, NULL, NULL, H4B, 0, 2, P100(-148), &B18, G49_HI},
    /* Table 22-4C (WRC-2000), 100 % of time, 40 kHz, RR 2012 p. RR22-14 */
    {"22-4C", 2.4, 40, 0, NULL, NULL, H6, 0, 2, P100(-167), NULL,
     AX(INTERF_LIMIT_AXIS_DISH_MIN | INTERF_LIMIT_AXIS_GSO_INCL, 0, 0, 0.5, NULL, NULL, 0)},
};

const struct limits_group limits_operational_group = {tables, sizeof tables / sizeof tables[0],
                                                      rows, sizeof rows / sizeof rows[0]};
