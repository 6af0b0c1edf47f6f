# SPDX-License-Identifier: MIT
# interf-epfd's frequency-resolved aggregate of several systems (--spectrum, -s repeated) as a
# user runs it: the channels of each system where its beams' channels = put them, the floor
# where no system transmits, the aggregate against each system's own, one channel against the
# single-system run, per-channel CDFs through interf-check --limits Res76-1A, and bad input.
. "$(dirname "$0")/lib.sh"

EPFD="$INTERF_BIN/interf-epfd"
CHECK="$INTERF_BIN/interf-check"
FP="$INTERF_TEST_DATA/../../footprints"
A="$FP/leo-ku-550-channels.ini"
B="$FP/leo-ku-1150-channels.ini"
RUN="--at 45,10 --duration 1h --spectrum 10.7-12.7 --channel-khz 250000"

# --- statistics per system and channel ----------------------------------------------------
# shellcheck disable=SC2086
expect_exit 0 "$EPFD" -q -s "$A" -s "$B" $RUN --stat max --per-system
[ "$(rows)" -eq 24 ] && pass || fail "rows: $(rows), expected 3 x 8"
# row = 8 system + channel; columns: lat lon system channel lo hi max
val() { cell $((8 * $1 + $2)) 7; }
# A transmits in 10.7-11.7 GHz only (channels 1-4), B in 11.2-12.2 GHz (channels 3-6): the
# others are the floor, -300 dB
for ch in 5 6 7 8; do
    [ "$(val 1 "$ch")" = "-300.0" ] && pass || fail "A channel $ch: $(val 1 "$ch")"
done
for ch in 1 2 7 8; do
    [ "$(val 2 "$ch")" = "-300.0" ] && pass || fail "B channel $ch: $(val 2 "$ch")"
done
for ch in 7 8; do [ "$(val 0 "$ch")" = "-300.0" ] && pass || fail "aggregate channel $ch"; done
# A's PSD is 0, 0, -3, -6 dB of its power in channels 1 to 4: its maxima follow, to the bin
near "$(val 1 3)" "$(awk -v a="$(val 1 1)" 'BEGIN { print a - 3 }')" 0.15
near "$(val 1 4)" "$(awk -v a="$(val 1 1)" 'BEGIN { print a - 6 }')" 0.15
# where only one system transmits the aggregate is that system's own
[ "$(val 0 1)" = "$(val 1 1)" ] && pass || fail "channel 1: aggregate $(val 0 1), A $(val 1 1)"
[ "$(val 0 5)" = "$(val 2 5)" ] && pass || fail "channel 5: aggregate $(val 0 5), B $(val 2 5)"
# where both do, the sum is at least either
for ch in 3 4; do
    awk -v g="$(val 0 "$ch")" -v a="$(val 1 "$ch")" -v b="$(val 2 "$ch")" \
        'BEGIN { exit !(g >= a && g >= b) }' && pass || fail "channel $ch: aggregate below a system"
done
# channel 1 of A (its PSD = power_dbw) is the single-channel run of the same shell
expect_exit 0 "$EPFD" -q -s "$A" --at 45,10 --duration 1h --stat max
single=$(cell 1 3)
# shellcheck disable=SC2086
run "$EPFD" -q -s "$A" -s "$B" $RUN --stat max --per-system
near "$(val 1 1)" "$single" 0.1

# --- per-channel CDFs, checked against Resolution 76 --------------------------------------
# shellcheck disable=SC2086
expect_exit 0 "$EPFD" -q -s "$A" -s "$B" $RUN --cdf -o "$TMP/cdf.txt"
[ "$(grep -c '^# channel: ' "$TMP/cdf.txt")" -eq 8 ] && pass || fail "8 channel CDFs"
grep -q '^# channel_ghz: 11.2-11.45$' "$TMP/cdf.txt" && pass || fail "channel_ghz"
grep -q '^# systems: aggregate of 2$' "$TMP/cdf.txt" && pass || fail "systems"
grep -q '^# blas_core: [A-Za-z0-9]' "$TMP/cdf.txt" && pass || fail "blas_core in the provenance"
# 360 steps cannot resolve 99.99 %: no limit exceeded, run insufficient (exit 3)
expect_exit 3 "$CHECK" -q --limits Res76-1A "$TMP/cdf.txt"
grep -q '^  limits: Res. 76 Table Res76-1A, 0.6 m' "$TMP/out" && pass || fail "Res. 76 row"
grep -q '^point 3: .* channel 3 11.2-11.45$' "$TMP/out" && pass || fail "channel in report"
# the aggregate row's own points (Res. 76 Table 1A, 60 cm: -165.3 dB at 99 % of time, a level
# the single-entry Table 22-1A does not have), judged for every channel
[ "$(grep -c '^ *-165.3 *-165.3 *1 ' "$TMP/out")" -eq 8 ] && pass || fail "Res. 76 -165.3 dB point"
# the chart of the 8 channels against the Res. 76 mask: the same verdict (exit 3), a PNG
expect_exit 3 "$INTERF_BIN/interf-map" -q --cdf "$TMP/cdf.txt" --limits Res76-1A -o "$TMP/c.png"
[ "$(od -An -tx1 -N4 "$TMP/c.png" | tr -d ' ')" = 89504e47 ] && pass || fail "Res. 76 chart PNG"

# --- bad input: one message (a usage error's hint after it), exit 2, nothing on stdout ------
# the last run's stderr begins with $1
first_line() {
    case $(head -n 1 "$TMP/err") in "$1"*) pass ;; *) fail "$LAST: $(head -n 1 "$TMP/err")" ;; esac
}
expect_exit 2 "$EPFD" -s "$A" --at 45,10 --spectrum 10.7-12.7 --channel-khz 3
first_line 'interf-epfd: --channel-khz: 3: below the reference bandwidth (40 kHz)'
expect_no_stdout
expect_exit 2 "$EPFD" -s "$A" --grid -10/10/-10/10/1 --spectrum 11-12
first_line 'interf-epfd: --spectrum: only with points'
expect_exit 2 "$EPFD" -s "$A" --at 45,10 --spectrum 10.7-10.71 --channel-khz 3000
first_line 'interf-epfd: --spectrum: 10.7-10.71 GHz is not a whole number of 3000 kHz'
expect_exit 2 "$EPFD" -s "$A" --at 45,10 --stat max --per-system
first_line 'interf-epfd: --per-system: only with several -s or --spectrum'
sed 's/^channels = 10.70-10.95:-40,/channels = 10.70-10.95:nan,/' "$A" >"$TMP/bad.ini"
# shellcheck disable=SC2086
expect_exit 2 "$EPFD" -s "$TMP/bad.ini" $RUN
line=$(grep -n '^channels' "$TMP/bad.ini" | cut -d: -f1)
expect_stderr_prefix "interf-epfd: $TMP/bad.ini:$line: [beam nadir] channels: "
expect_no_stdout
finish
