# SPDX-License-Identifier: MIT
# Honest verdicts: a run too short to resolve the percentages of an Article 22 row is never a
# PASS. Rec. ITU-R S.1503-4 §D4.6: N_min = 100 N_S / (100 - p), N_S = 10, p the largest
# tabulated percentage below 100; for Table 22-1A 0.6 m, p = 99.997 %: 1000 / 0.003 =
# 333333.3, so 333334 steps. interf-check and interf-map --cdf --limits exit 3 for "no limit
# exceeded, but a run too short", 1 when a limit is exceeded whatever the run, 0 otherwise.
. "$(dirname "$0")/lib.sh"

LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}print_suppressions=0"
export LSAN_OPTIONS

CHECK="$INTERF_BIN/interf-check"
MAP="$INTERF_BIN/interf-map"
SRC="$INTERF_TEST_DATA/../.."
HEAD='# epfd_dbw_m2_40khz pct_time_exceeded'

# --- a 3-step run of interf-epfd: every point passes, the run cannot resolve 99.997 % ---------
"$INTERF_BIN/interf-epfd" -s "$SRC/footprints/leo-ku-550.ini" --at 45,10 --steps 3 --cdf -q \
    >"$TMP/s3.txt" && pass || fail "interf-epfd --steps 3"
expect_exit 3 sh -c '"$1" --limits 22-1A <"$2"' sh "$CHECK" "$TMP/s3.txt"
grep -q '^  INSUFFICIENT: 7 of 7 points pass' "$TMP/out" && pass ||
    fail "point line: $(grep 'points pass' "$TMP/out")"
grep -q '^  run of 3 steps, too short: .* needs at least 333334 steps to resolve 99.997 % of time' \
    "$TMP/out" && pass || fail "steps needed: $(grep 'run of' "$TMP/out")"
grep -q '^summary: INSUFFICIENT (1 CDF checked, 0 fail, 1 insufficient)' "$TMP/out" && pass ||
    fail "summary: $(grep summary "$TMP/out")"
# The pipeline itself, as the man pages show it.
expect_exit 3 sh -c '"$1" -s "$2" --at 45,10 --steps 3 --cdf -q | "$3" --limits 22-1A' sh \
    "$INTERF_BIN/interf-epfd" "$SRC/footprints/leo-ku-550.ini" "$CHECK"
# JSON: never "pass": true.
expect_exit 3 "$CHECK" --limits 22-1A --format json "$TMP/s3.txt"
python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
assert d["outcome"] == "INSUFFICIENT" and d["pass"] is False and d["n_insufficient"] == 1
p = d["points"][0]
assert p["sufficiency"] == "insufficient" and p["min_steps"] == 333334 and p["run_steps"] == 3
assert p["pass"] is True' "$TMP/out" && pass || fail "json sufficiency fields"

# --- synthetic CDFs: 1e-4 % at -161.0, the rest at -180.0 (every 22-1A 0.6 m point passes) ----
pts() {
    awk -v h="$HEAD" -v meta="$1" 'BEGIN { print h; print "# es_dish_m: 0.6"; if (meta) print meta
        for (t = -1800; t <= -1610; t++) printf "%.1f %s\n", t / 10, t < -1610 ? "0.0001" : 0 }'
}
pts '# n_steps: 333334' >"$TMP/enough.txt"
pts '# n_steps: 333333' >"$TMP/short.txt"
pts '# total_weight: 400000' >"$TMP/weight.txt"
pts '# n_steps: 1000000' >"$TMP/million.txt"
pts '' >"$TMP/unknown.txt"
# 333334 steps resolve 99.997 %: PASS, exit 0, no line about the run.
expect_exit 0 "$CHECK" --limits 22-1A "$TMP/enough.txt"
grep -q '^summary: PASS (1 CDF checked, 0 fail);' "$TMP/out" && pass || fail "enough: summary"
grep -q 'run of\|run length' "$TMP/out" && fail "enough: a run line" || pass
# One step fewer: INSUFFICIENT, exit 3.
expect_exit 3 "$CHECK" --limits 22-1A "$TMP/short.txt"
grep -q 'run of 333333 steps, too short' "$TMP/out" && pass || fail "short: run line"
# total_weight is the run's weight when present (n_steps is not read then).
printf '%s\n' '# n_steps: 3' >"$TMP/w-head.txt"
sed '2r '"$TMP/w-head.txt" "$TMP/weight.txt" >"$TMP/weight2.txt"
expect_exit 0 "$CHECK" --limits 22-1A "$TMP/weight2.txt"
# Without either key the sufficiency is unknown: PASS on the points, a warning, not exit 3.
expect_exit 0 "$CHECK" --limits 22-1A "$TMP/unknown.txt"
expect_stderr_prefix "interf-check: warning: Table 22-1A 0.6 m: the run length of 1 CDF is unknown"
grep -q '^  run length unknown (no total_weight or n_steps metadata): .*333334 steps' "$TMP/out" &&
    pass || fail "unknown: run line"
# A sufficient and an insufficient CDF together: exit 3; a failing one with them: exit 1.
expect_exit 3 "$CHECK" --limits 22-1A "$TMP/million.txt" "$TMP/short.txt"
grep -q '^summary: INSUFFICIENT (2 CDFs checked, 0 fail, 1 insufficient)' "$TMP/out" && pass ||
    fail "two CDFs: $(grep summary "$TMP/out")"
# -160.0 + 0.1: the 100 % point fails (margin -0.1 dB) on a run also too short: FAIL, exit 1.
awk -v h="$HEAD" 'BEGIN { print h; print "# es_dish_m: 0.6"; print "# n_steps: 3"
    for (t = -1800; t <= -1599; t++) printf "%.1f %s\n", t / 10, t < -1599 ? "0.0001" : 0 }' \
    >"$TMP/fail-short.txt"
expect_exit 1 "$CHECK" --limits 22-1A "$TMP/fail-short.txt"
grep -q '^  FAIL: 6 of 7 points pass' "$TMP/out" && pass || fail "fail-short: point line"
grep -q '^summary: FAIL (1 CDF checked, 1 fails, 1 insufficient)' "$TMP/out" && pass ||
    fail "fail-short: $(grep summary "$TMP/out")"
expect_exit 1 "$CHECK" --limits 22-1A "$TMP/short.txt" "$TMP/fail-short.txt"

# --- interf-map --cdf --limits: the same verdict on the chart's legend and in the exit status --
expect_exit 3 "$MAP" --cdf "$TMP/short.txt" --limits 22-1A --width 400 -o "$TMP/c.png"
grep -aq 'limit mask RR Table 22-1A, 0.6 m, 40 kHz: INSUFFICIENT (run of 333333 steps, 333334 '\
'needed)' "$TMP/c.png" && pass || fail "map: INSUFFICIENT label"
expect_exit 0 "$MAP" --cdf "$TMP/enough.txt" --limits 22-1A --width 400 -o "$TMP/c.png"
grep -aq 'limit mask RR Table 22-1A, 0.6 m, 40 kHz: pass' "$TMP/c.png" && pass ||
    fail "map: pass label"
expect_exit 1 "$MAP" --cdf "$TMP/fail-short.txt" --limits 22-1A --width 400 -o "$TMP/c.png"
grep -aq 'limit mask RR Table 22-1A, 0.6 m, 40 kHz: FAIL; INSUFFICIENT' "$TMP/c.png" && pass ||
    fail "map: FAIL label"
expect_exit 0 "$MAP" --cdf "$TMP/unknown.txt" --limits 22-1A --width 400 -o "$TMP/c.png"
grep -aq '40 kHz: pass (run length unknown)' "$TMP/c.png" && pass || fail "map: unknown label"
# An error wins over both: a missing dish is exit 2.
expect_exit 2 "$MAP" --cdf "$TMP/short.txt" --limits 22-1A --dish-m 0.65 -o "$TMP/c.png"

finish
