# SPDX-License-Identifier: MIT
# interf-exam: the exit status is the verdict (0 pass, 1 fail, 3 insufficient run, 2 error) on
# one-satellite systems with flat pfd masks, the files it writes, the run length of a repeating
# system, --make-masks and --dry-run, short EPFD-up and EPFD-is runs; and when things go wrong
# (a missing or bad mask, a bad operating parameter, no mask, no e.i.r.p. mask for 22-2, an
# unknown table, a bad option, an unwritable prefix): exit 2, one line on stderr naming the
# file and line, nothing on stdout, no output file.
. "$(dirname "$0")/lib.sh"

EXAM="$INTERF_BIN/interf-exam"

# A flat mask at LEVEL dB(W/m2/40kHz) over the whole visible sky of the satellite
flat_mask() {
    printf '# azimuth_deg elevation_deg pfd_dbw_m2\n# ref_bandwidth_khz: 40\n' >"$1"
    for az in -70 70; do
        for el in -70 70; do printf '%s %s %s\n' "$az" "$el" "$2" >>"$1"; done
    done
}

# One satellite at 1200 km, 10 deg, in the Ka band of Table 22-1B, with the mask $2
one_sat() {
    cat >"$1" <<INI
[system]
name = one satellite
epoch_utc = 2025-01-01T00:00:00Z
band_ghz = 17.8-18.6
ref_bandwidth_khz = 40

[orbit one]
type = elements
altitude_km = 1200
inclination_deg = 10
pfd_mask = $2
INI
}

flat_mask "$TMP/low.txt" -200
flat_mask "$TMP/high.txt" -150
one_sat "$TMP/pass.ini" low.txt
one_sat "$TMP/fail.ini" high.txt
RUN="--limits 22-1B --dish-m 1 --wcg-step 2 -j 2"

# 22-1B 1 m has N_min = 100 x 10 / (100 - 99.971) = 34483 steps (S.1503-4 §D4.6, Table 13):
# 40 000 steps support a verdict, 1000 do not.
mkdir "$TMP/p"
expect_exit 0 "$EXAM" -s "$TMP/pass.ini" $RUN --steps 40000 -o "$TMP/p/x"
grep -q '^verdict: PASS$' "$TMP/out" && pass || fail "pass: $(head -n 2 "$TMP/out")"
# two runs: the 40 kHz and the 1 MHz rows of the 1 m dish, each a CDF and a chart
[ "$(ls "$TMP/p" | tr '\n' ' ')" = "x.22-1B_1m_1000kHz.cdf.txt x.22-1B_1m_1000kHz.png x.22-1B_1m_40kHz.cdf.txt x.22-1B_1m_40kHz.png " ] &&
    pass || fail "files: $(ls "$TMP/p")"
grep -q '^# total_weight: 40000$' "$TMP/p/x.22-1B_1m_40kHz.cdf.txt" && pass ||
    fail "cdf: $(grep total_weight "$TMP/p/x.22-1B_1m_40kHz.cdf.txt")"
# the mask is flat at -200 dB: no step reaches above it (0.1 dB bins rounded down)
grep -q '^# max_epfd: -200' "$TMP/p/x.22-1B_1m_40kHz.cdf.txt" && pass ||
    fail "max: $(grep max_epfd "$TMP/p/x.22-1B_1m_40kHz.cdf.txt")"
expect_exit 3 "$EXAM" -s "$TMP/pass.ini" $RUN --steps 1000
grep -q '^verdict: INSUFFICIENT$' "$TMP/out" && pass || fail "insufficient: $(head -n 2 "$TMP/out")"
# -150 dB in the earth station's main beam breaks the 100 % limit of -164 dB
expect_exit 1 "$EXAM" -s "$TMP/fail.ini" $RUN --steps 40000
grep -q '^verdict: FAIL$' "$TMP/out" && pass || fail "fail: $(head -n 2 "$TMP/out")"

# The README's system: a repeating ground track of 13 revolutions in 85372.092 s; with the
# 0.621 s step, N_run = max(RoundUp(333334 x 0.621 / 85372.092), 16) = 16 repeats and
# floor(16 x 85372.092 / 0.621) = 2199603 steps (S.1503-4 §D4.6.1).
expect_exit 0 "$EXAM" -s "$INTERF_TEST_DATA/../../footprints/leo-ku-rgt-exam.ini" \
    --limits 22-1A --dish-m 0.6 --dry-run
grep -q '2199603 steps of 0.621 s' "$TMP/out" && pass || fail "dry run: $(head -n 1 "$TMP/out")"

# EPFD up and EPFD is (Tables 22-2, 22-3) of the OneWeb-like files: the rows are 100 % limits,
# N_min = 10 (S.1503-4 §D4.6, Table 13), so a run of 5 steps is INSUFFICIENT; the CDF is of the
# run's 5 steps; the is system's band also holds the EPFD-down rows of 22-1A, for which it gives
# no pfd_mask: noted, once, in the summary.
FP="$INTERF_TEST_DATA/../../footprints"
mkdir "$TMP/u"
expect_exit 3 "$EXAM" -s "$FP/oneweb-ku-up.ini" --limits 22-2 --steps 5 -j 2 -o "$TMP/u/x"
grep -q '^verdict: INSUFFICIENT$' "$TMP/out" && pass || fail "up: $(head -n 2 "$TMP/out")"
grep -q '^22-2_4deg_40kHz  *14.000020  *4.279  *5  *10 .* INSUFFICIENT' "$TMP/out" && pass ||
    fail "up row: $(grep '^22-2' "$TMP/out")"
[ "$(ls "$TMP/u" | tr '\n' ' ')" = "x.22-2_4deg_40kHz.cdf.txt x.22-2_4deg_40kHz.png " ] &&
    pass || fail "up files: $(ls "$TMP/u")"
grep -q '^# epfd_up_dbw_m2_40khz pct_time_exceeded$' "$TMP/u/x.22-2_4deg_40kHz.cdf.txt" &&
    grep -q '^# total_weight: 5$' "$TMP/u/x.22-2_4deg_40kHz.cdf.txt" && pass ||
    fail "up cdf: $(head -n 10 "$TMP/u/x.22-2_4deg_40kHz.cdf.txt")"
expect_exit 3 "$EXAM" -s "$FP/oneweb-ku-is.ini" --steps 5 -j 2
grep -q '^22-3_4deg_40kHz  *10.700020 .* INSUFFICIENT' "$TMP/out" && pass ||
    fail "is row: $(grep '^22-3' "$TMP/out")"
[ "$(grep -c '^not examined: Table 22-1A (epfd_down), the system file gives no pfd_mask$' \
    "$TMP/out")" = 1 ] && pass || fail "is note: $(grep 'not examined' "$TMP/out")"
[ ! -s "$TMP/err" ] && pass || fail "is: stderr without a terminal: $(head -n 2 "$TMP/err")"

# --make-masks: the beam's mask, as interf-mask(5) text that the reader takes back
cat >"$TMP/beam.ini" <<'INI'
[system]
name = one beam
band_ghz = 10.7-12.7
[antenna a]
pattern = S.1528:1.2
gain_max_dbi = 24
half_beamwidth_deg = 6
[beam b]
antenna = a
pointing = nadir
power_dbw = -55
[orbit g]
type = elements
altitude_km = 1200
inclination_deg = 10
beams = b
INI
expect_exit 0 "$EXAM" -s "$TMP/beam.ini" --make-masks 2 -o "$TMP/m"
# 24 - 55 - 10 log10(4 pi (1200 km)^2) = -163.58 dB at nadir
grep -q '^ *0.000000 *0.000000 *-163.57' "$TMP/m.g.mask.txt" && pass ||
    fail "mask nadir: $(grep '^ *0.000000 *0.000000 ' "$TMP/m.g.mask.txt")"
one_sat "$TMP/made.ini" m.g.mask.txt
expect_exit 0 "$EXAM" -s "$TMP/made.ini" --limits 22-1B --dish-m 1 --dry-run

# Failures
keep_outdir
one_sat "$TMP/none.ini" no-such.txt
expect_failure "interf-exam: $TMP/none.ini:11: [orbit one] pfd_mask: no-such.txt: No such file or directory" \
    "$EXAM" -s "$TMP/none.ini" $RUN -o "$O/x"
printf '# azimuth_deg elevation_deg pfd_dbw_m2\n0 0 -150\n0 1 nan\n' >"$TMP/nan.txt"
one_sat "$TMP/bad.ini" nan.txt
expect_failure "interf-exam: $TMP/bad.ini:11: [orbit one] pfd_mask: $TMP/nan.txt:3:" \
    "$EXAM" -s "$TMP/bad.ini" $RUN -o "$O/x"
sed '/^pfd_mask/d' "$TMP/pass.ini" >"$TMP/nomask.ini"
expect_failure "interf-exam: system: [orbit one] has no pfd_mask" \
    "$EXAM" -s "$TMP/nomask.ini" $RUN -o "$O/x"
{ cat "$TMP/pass.ini"; printf 'min_exclude_deg = 0:5; plane 3: 0:6\n'; } >"$TMP/ex.ini"
expect_failure "interf-exam: $TMP/ex.ini:12: [orbit one] min_exclude_deg: 0:5; plane 3: 0:6: plane 3: not a plane" \
    "$EXAM" -s "$TMP/ex.ini" $RUN -o "$O/x"
{ cat "$TMP/pass.ini"; printf 'max_co_freq = 0:2 0:3\n'; } >"$TMP/co.ini"
expect_failure "interf-exam: $TMP/co.ini:12: [orbit one] max_co_freq: latitude 0 given twice" \
    "$EXAM" -s "$TMP/co.ini" $RUN -o "$O/x"
{ cat "$TMP/pass.ini"; printf 'min_duration_s = 600\n'; } >"$TMP/dur.ini"
expect_failure "interf-exam: system: [orbit one] min_duration: the track-duration variant" \
    "$EXAM" -s "$TMP/dur.ini" $RUN -o "$O/x"
expect_failure "interf-exam: --limits: 22-9Z: no such table" \
    "$EXAM" -s "$TMP/pass.ini" --limits 22-9Z -o "$O/x"
expect_failure "interf-exam: --limits: no EPFD-down row" \
    "$EXAM" -s "$TMP/pass.ini" --limits 22-1A -o "$O/x"
# a system in the band of Table 22-2 with neither e.i.r.p. mask
cat >"$TMP/nomask-up.ini" <<'INI'
[system]
name = no mask
band_ghz = 14.0-14.5
[orbit one]
type = elements
altitude_km = 1200
inclination_deg = 10
INI
expect_failure "interf-exam: $TMP/nomask-up.ini: eirp_mask: no [orbit] gives it; Table 22-2" \
    "$EXAM" -s "$TMP/nomask-up.ini" --limits 22-2 -o "$O/x"
expect_failure "interf-exam: --rec: S.1503-3: expected S.1503-4 or S.1503-2" \
    "$EXAM" -s "$TMP/pass.ini" --rec S.1503-3 -o "$O/x"
expect_failure "interf-exam: --make-masks: needs -o PREFIX" \
    "$EXAM" -s "$TMP/beam.ini" --make-masks 1
expect_failure "interf-exam: [orbit one]: a mask is built from one beam" \
    "$EXAM" -s "$TMP/pass.ini" --make-masks 1 -o "$O/m"
expect_failure "interf-exam: $O/no-such/x.22-1B_1m_40kHz.cdf.txt:" \
    "$EXAM" -s "$TMP/pass.ini" $RUN --steps 1000 -o "$O/no-such/x"

finish
