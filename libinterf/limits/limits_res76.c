/* SPDX-License-Identifier: MIT */
/* interf limits, aggregate family: Resolution 76 (Rev.WRC-23) Annex 1 Tables 1A to 1D, the
 * aggregate EPFD down of all co-frequency NGSO FSS systems into GSO FSS and BSS earth stations
 * (RR No. 22.5K). One source only: a transcription of the Resolution (converted here from its
 * exceedance form, level / % of time exceeded, to the RR form, level / % not exceeded); the
 * "3.5 systems" comparison with Tables 22-1A..D (limits_aggregate.c) is the cross-check. */
#include "limits_impl.h"

#define R123 (INTERF_REGION_1 | INTERF_REGION_2 | INTERF_REGION_3)
#define R1 INTERF_REGION_1
#define R2 INTERF_REGION_2
#define R3 INTERF_REGION_3
#define SINGLE INTERF_LIMIT_SINGLE_SOURCE
#define S1428 "Rec. ITU-R S.1428"
#define BO1443 "Rec. ITU-R BO.1443 Annex 1"
#define SO76                                                                                     \
    {"Res. 76 (Rev.WRC-23) Annex 1 Tables 1A-1D transcription (SIMULATOR-WG/"                    \
     "SHARC-Orbit_colab_ITU src/data/resolution76_limits.json @110f459)",                        \
     "Res. 76 (Rev.WRC-23)", 0}

/* Bands as Tables 22-1A, 22-1B (17.8-18.6 GHz), 22-1C, 22-1D. */
static const struct limits_src_table tables[] = {
    {"Res76-1A", INTERF_EPFD_DOWN, "FSS", S1428,
     {4, {{10.7, 11.7, R123, "FSS", S1428, SINGLE}, {11.7, 12.2, R2, "FSS", S1428, SINGLE},
          {12.2, 12.5, R3, "FSS", S1428, SINGLE}, {12.5, 12.75, R1 | R3, "FSS", S1428, SINGLE}}},
     1, {SO76}},
    {"Res76-1B", INTERF_EPFD_DOWN, "FSS", S1428, {1, {{17.8, 18.6, R123, "FSS", S1428, SINGLE}}},
     1, {SO76}},
    {"Res76-1C", INTERF_EPFD_DOWN, "FSS", S1428, {1, {{19.7, 20.2, R123, "FSS", S1428, SINGLE}}},
     1, {SO76}},
    {"Res76-1D", INTERF_EPFD_DOWN, "BSS", BO1443,
     {4, {{11.7, 12.5, R1, "BSS", BO1443, SINGLE}, {11.7, 12.2, R3, "BSS", BO1443, SINGLE},
          {12.5, 12.75, R3, "BSS", BO1443, SINGLE}, {12.2, 12.7, R2, "BSS", BO1443, SINGLE}}},
     1, {SO76}},
};

#define LAT_1A "Res. 76 Table 1A footnote 2 (the ramp of RR No. 22.5C.4)"
#define LAT_1D "Res. 76 Table 1D footnote 1 (the ramp of RR No. 22.5C.8)"
#define N_1A5 "Res. 76 Table 1A footnote 5: for the methodology of invites ITU-R 1 only"
#define N_1A10                                                                                   \
    N_1A5 "; -166 dB at 99.99 % is 6.5 dB above Table 22-1A's -172.5, not 10 log10(3.5) dB: "    \
          "check the official text"
#define N_BW "Res. 76 footnote 3: both the 40 kHz and the 1 MHz rows apply"
#define N_1D2                                                                                    \
    "Res. 76 Table 1D footnote 2: in Region 2 (west of 140 deg W, north of 60 deg N, towards "   \
    "GSO BSS at 91, 101, 110, 119, 148 deg W, elevation above 5 deg) an aggregate 100 % "         \
    "operational limit of -167 dB(W/(m2 40 kHz)) for a 15-year transition (cf. Table 22-4C)"
#define N_1D90                                                                                   \
    "-173.75 dB at 0 % is 5.19 dB above Table 22-1D's -178.94, not 10 log10(3.5) dB: check the " \
    "official text"

static const struct limits_src_row rows[] = {
    /* Table 1A */
    {"Res76-1A", 0.6, 40, 0, NULL, NULL, NULL, 0, 6,
     {{-170, 0}, {-168.6, 90}, {-165.3, 99}, {-160.4, 99.97}, {-160, 99.99}, {-160, 100}},
     NULL, NULL},
    {"Res76-1A", 1.2, 40, 0, NULL, LAT_1A, NULL, 0, 9,
     {{-176.5, 0}, {-173, 99.5}, {-164, 99.84}, {-161.6, 99.945}, {-161.4, 99.97}, {-160.8, 99.99},
      {-160.5, 99.99}, {-160, 99.9975}, {-160, 100}}, NULL, NULL},
    {"Res76-1A", 3, 40, 0, NULL, LAT_1A, N_1A5, 0, 8,
     {{-185, 0}, {-184, 90}, {-182, 99.5}, {-168, 99.9}, {-164, 99.96}, {-162, 99.982},
      {-160, 99.997}, {-160, 100}}, NULL, NULL},
    {"Res76-1A", 10, 40, 0, NULL, LAT_1A, N_1A10, 0, 5,
     {{-190, 0}, {-190, 99}, {-166, 99.99}, {-160, 99.998}, {-160, 100}}, NULL, NULL},
    /* Table 1B */
    {"Res76-1B", 1, 40, 0, NULL, NULL, N_BW, 0, 4,
     {{-170, 0}, {-170, 90}, {-164, 99.9}, {-164, 100}}, NULL, NULL},
    {"Res76-1B", 1, 1000, 0, NULL, NULL, N_BW, 0, 4,
     {{-156, 0}, {-156, 90}, {-150, 99.9}, {-150, 100}}, NULL, NULL},
    {"Res76-1B", 2, 40, 0, NULL, NULL, N_BW, 0, 5,
     {{-173, 0}, {-173, 99.4}, {-166, 99.9}, {-164, 99.92}, {-164, 100}}, NULL, NULL},
    {"Res76-1B", 2, 1000, 0, NULL, NULL, N_BW, 0, 5,
     {{-159, 0}, {-159, 99.4}, {-152, 99.9}, {-150, 99.92}, {-150, 100}}, NULL, NULL},
    {"Res76-1B", 5, 40, 0, NULL, NULL, N_BW, 0, 5,
     {{-180, 0}, {-180, 99.8}, {-172, 99.8}, {-164, 99.992}, {-164, 100}}, NULL, NULL},
    {"Res76-1B", 5, 1000, 0, NULL, NULL, N_BW, 0, 5,
     {{-166, 0}, {-166, 99.8}, {-158, 99.8}, {-150, 99.992}, {-150, 100}}, NULL, NULL},
    /* Table 1C */
    {"Res76-1C", 0.7, 40, 0, NULL, NULL, N_BW, 0, 4,
     {{-182, 0}, {-172, 90}, {-154, 99.94}, {-154, 100}}, NULL, NULL},
    {"Res76-1C", 0.7, 1000, 0, NULL, NULL, N_BW, 0, 4,
     {{-168, 0}, {-158, 90}, {-140, 99.94}, {-140, 100}}, NULL, NULL},
    {"Res76-1C", 0.9, 40, 0, NULL, NULL, N_BW, 0, 6,
     {{-185, 0}, {-176, 91}, {-165, 99.8}, {-160, 99.8}, {-154, 99.99}, {-154, 100}}, NULL, NULL},
    {"Res76-1C", 0.9, 1000, 0, NULL, NULL, N_BW, 0, 6,
     {{-171, 0}, {-162, 91}, {-151, 99.8}, {-146, 99.8}, {-140, 99.99}, {-140, 100}}, NULL, NULL},
    {"Res76-1C", 2.5, 40, 0, NULL, NULL, N_BW, 0, 4,
     {{-191, 0}, {-162, 99.933}, {-154, 99.998}, {-154, 100}}, NULL, NULL},
    {"Res76-1C", 2.5, 1000, 0, NULL, NULL, N_BW, 0, 4,
     {{-177, 0}, {-148, 99.933}, {-140, 99.998}, {-140, 100}}, NULL, NULL},
    {"Res76-1C", 5, 40, 0, NULL, NULL, N_BW, 0, 6,
     {{-195, 0}, {-184, 90}, {-175, 99.6}, {-161, 99.984}, {-154, 99.9992}, {-154, 100}},
     NULL, NULL},
    {"Res76-1C", 5, 1000, 0, NULL, NULL, N_BW, 0, 6,
     {{-181, 0}, {-170, 90}, {-161, 99.6}, {-147, 99.984}, {-140, 99.9992}, {-140, 100}},
     NULL, NULL},
    /* Table 1D */
    {"Res76-1D", 0.3, 40, 0, NULL, NULL, NULL, 0, 6,
     {{-160.4, 0}, {-160.1, 25}, {-158.6, 96}, {-158.6, 98}, {-158.33, 98}, {-158.33, 100}},
     NULL, NULL},
    {"Res76-1D", 0.45, 40, 0, NULL, NULL, NULL, 0, 6,
     {{-170, 0}, {-167, 66}, {-164, 97.75}, {-160.75, 99.33}, {-160, 99.95}, {-160, 100}},
     NULL, NULL},
    {"Res76-1D", 0.6, 40, 0, NULL, NULL, NULL, 0, 8,
     {{-171, 0}, {-168.75, 90}, {-167.75, 97.8}, {-162, 99.6}, {-161, 99.8}, {-160.2, 99.9},
      {-160, 99.99}, {-160, 100}}, NULL, NULL},
    {"Res76-1D", 0.9, 40, 0, NULL, NULL, N_1D90, 0, 8,
     {{-173.75, 0}, {-173, 33}, {-171, 98}, {-165.5, 99.1}, {-163, 99.5}, {-161, 99.8},
      {-160, 99.97}, {-160, 100}}, NULL, NULL},
    {"Res76-1D", 1.2, 40, 0, NULL, NULL, NULL, 0, 11,
     {{-177, 0}, {-175.25, 90}, {-173.75, 98.9}, {-173, 98.9}, {-169.5, 99.5}, {-167.8, 99.7},
      {-164, 99.82}, {-161.9, 99.9}, {-161, 99.965}, {-160.4, 99.993}, {-160, 100}}, NULL, NULL},
    {"Res76-1D", 1.8, 40, 0, NULL, LAT_1D, NULL, 0, 8,
     {{-179.5, 0}, {-178.66, 33}, {-176.25, 98.5}, {-163.25, 99.81}, {-161.5, 99.91},
      {-160.35, 99.975}, {-160, 99.995}, {-160, 100}}, NULL, NULL},
    {"Res76-1D", 2.4, 40, 0, NULL, LAT_1D, N_1D2, 0, 8,
     {{-182, 0}, {-180.9, 33}, {-178, 99.25}, {-164.4, 99.85}, {-161.9, 99.94}, {-160.5, 99.98},
      {-160, 99.995}, {-160, 100}}, NULL, NULL},
    {"Res76-1D", 3, 40, 0, NULL, LAT_1D, NULL, 0, 8,
     {{-186.5, 0}, {-184, 33}, {-180.5, 99.5}, {-173, 99.7}, {-167, 99.83}, {-162, 99.94},
      {-160, 99.97}, {-160, 100}}, NULL, NULL},
};

const struct limits_group limits_aggregate_group = {tables, sizeof tables / sizeof tables[0],
                                                    rows, sizeof rows / sizeof rows[0]};
