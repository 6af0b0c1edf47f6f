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

# --- on a grid: the maximum over channels, the worst channel -------------------------------
# 4 x 2 cells of 5 deg; the points path at the cells' centres is the reference
SPEC="--duration 1h --spectrum 10.7-12.7 --channel-khz 250000"
GRID="--grid -10/10/40/50/5 $SPEC"
# shellcheck disable=SC2086
expect_exit 0 "$EPFD" -q -s "$A" -s "$B" $GRID --stat max --stat p99 -o "$TMP/g" -j 1
expect_no_stdout
for f in max p99 channel; do
    for x in asc prj asc.aux.xml; do [ -s "$TMP/g.$f.$x" ] && pass || fail "g.$f.$x"; done
done
# one and two threads: the same grids, bit for bit
# shellcheck disable=SC2086
expect_exit 0 "$EPFD" -q -s "$A" -s "$B" $GRID --stat max --stat p99 -o "$TMP/h" -j 2
for f in max p99 channel; do
    cmp -s "$TMP/g.$f.asc" "$TMP/h.$f.asc" && pass || fail "-j 1 and -j 2 differ: $f"
done
# the band plan in the channel grid's metadata: channel k's centre is findable
grep -q 'channel_centres_ghz">10.825 11.075 11.325 11.575 11.825 12.075 12.325 12.575<' \
    "$TMP/g.channel.asc.aux.xml" && pass || fail "channel centres in the .aux.xml"
grep -q 'key="label">worst channel<' "$TMP/g.channel.asc.aux.xml" && pass || fail "label"
grep -q 'key="over_channels">the per-step maximum over 8 channels' "$TMP/g.p99.asc.aux.xml" &&
    pass || fail "over_channels"
# the points path at the 8 centres (rows north first, as the grid): per point the largest max
# over channels (the lowest channel of a tie) is the grid's max and the channel grid's value;
# every channel's p99 is at most the grid's p99 (the maximum over channels bounds it)
AT="--at 47.5,-7.5 --at 47.5,-2.5 --at 47.5,2.5 --at 47.5,7.5"
AT="$AT --at 42.5,-7.5 --at 42.5,-2.5 --at 42.5,2.5 --at 42.5,7.5"
# shellcheck disable=SC2086
expect_exit 0 "$EPFD" -q -s "$A" -s "$B" $AT $SPEC --stat max --stat p99
awk '!/^#/ { k = int(n / 8); n++; if (!(k in m) || $7 > m[k]) { m[k] = $7; c[k] = $4 }
             if (!(k in p) || $8 > p[k]) p[k] = $8 }
     END { for (k = 0; k < 8; k++) print m[k], c[k], p[k] }' "$TMP/out" >"$TMP/points.txt"
grid_cells() { awk 'NR > 6 { for (i = 1; i <= NF; i++) print $i }' "$1"; }
grid_cells "$TMP/g.max.asc" >"$TMP/gmax.txt"
grid_cells "$TMP/g.channel.asc" >"$TMP/gch.txt"
grid_cells "$TMP/g.p99.asc" >"$TMP/gp99.txt"
[ "$(wc -l <"$TMP/points.txt")" -eq 8 ] && [ "$(wc -l <"$TMP/gmax.txt")" -eq 8 ] && pass ||
    fail "8 points and 8 cells"
paste "$TMP/points.txt" "$TMP/gmax.txt" "$TMP/gch.txt" "$TMP/gp99.txt" >"$TMP/cmp.txt"
# the plans tile points and cells differently (sums in another order): within one 0.1 dB bin
awk '{ d = $1 - $4; if (d < 0) d = -d; if (d > 0.1 + 1e-9) exit 1 }' "$TMP/cmp.txt" && pass ||
    fail "grid max against the points' largest channel max: $(cat "$TMP/cmp.txt")"
awk '$2 != $5 { exit 1 }' "$TMP/cmp.txt" && pass || fail "worst channel: $(cat "$TMP/cmp.txt")"
awk '$3 > $6 + 0.1 + 1e-9 { exit 1 }' "$TMP/cmp.txt" && pass || fail "p99 above the bound"
[ "$(sort -u "$TMP/gch.txt" | wc -l)" -gt 1 ] && pass || fail "one worst channel everywhere"
# GDAL opens the channel grid with its georeferencing and metadata (when it is installed)
if command -v gdalinfo >/dev/null 2>&1; then
    gdalinfo "$TMP/g.channel.asc" >"$TMP/gdal.txt" 2>&1
    grep -q 'Size is 4, 2' "$TMP/gdal.txt" && pass || fail "gdalinfo: size"
    grep -q 'GEOGCRS\["WGS 84"' "$TMP/gdal.txt" && pass || fail "gdalinfo: CRS"
    grep -q 'channel_centres_ghz=10.825 ' "$TMP/gdal.txt" && pass || fail "gdalinfo: metadata"
fi
# the map of the channel grid: a PNG
expect_exit 0 "$INTERF_BIN/interf-map" -q "$TMP/g.channel.asc" -o "$TMP/ch.png"
[ "$(od -An -tx1 -N4 "$TMP/ch.png" | tr -d ' ')" = 89504e47 ] && pass || fail "channel map PNG"

# --- bad input: one message (a usage error's hint after it), exit 2, nothing on stdout ------
# the last run's stderr begins with $1
first_line() {
    case $(head -n 1 "$TMP/err") in "$1"*) pass ;; *) fail "$LAST: $(head -n 1 "$TMP/err")" ;; esac
}

# --- the time series of several systems -------------------------------------------------
# One 250 MHz channel where both transmit (11.45-11.7 GHz: A's 11.45-11.7 and B's 11.2-11.45
# ... 12.2 overlap it). Columns: t_s, the aggregate, A, B. By hand, the aggregate is the sum of
# the systems' W/m2: 10 log10(10^(a/10) + 10^(b/10)), the floor -300 standing for 0; the
# printed 4 decimals and the float sum hold it to 0.001 dB.
SER="--at 45,10 --steps 600 --spectrum 11.45-11.7 --channel-khz 250000"
# shellcheck disable=SC2086
expect_exit 0 "$EPFD" -q -s "$A" -s "$B" $SER --series
grep -q "^# t_s aggregate $A $B\$" "$TMP/out" && pass || fail "series header"
[ "$(rows)" -eq 600 ] && pass || fail "series rows: $(rows)"
grep -v '^#' "$TMP/out" | awk '
    function w(x) { return x <= -300 ? 0 : 10 ^ (x / 10) }
    { s = w($3) + w($4); g = s > 0 ? 10 * log(s) / log(10) : -300; d = g - $2; if (d < 0) d = -d
      if (d > 0.001) bad++; if ($3 > -300 && $4 > -300) both++ }
    END { exit !(bad == 0 && both > 0) }' && pass || fail "aggregate column is not the sum"
# each system's column against the histograms of its own (interf_epfd_aggregate's path):
# the largest sample falls in the bin --stat max reports (0.1 dB)
smax() { grep -v '^#' "$TMP/out" | awk -v c="$1" 'NR == 1 || $c > m { m = $c } END { print m }'; }
sa=$(smax 3) sb=$(smax 4)
# shellcheck disable=SC2086
expect_exit 0 "$EPFD" -q -s "$A" -s "$B" $SER --stat max --per-system
near "$(cell 2 7)" "$sa" 0.1
near "$(cell 3 7)" "$sb" 0.1
# several channels: the CDFs and statistics give them, not a series
expect_exit 2 "$EPFD" -s "$A" -s "$B" $RUN --series
first_line 'interf-epfd: --series: in one channel, not 8 (the CDFs or statistics give every'
expect_no_stdout

expect_exit 2 "$EPFD" -s "$A" --at 45,10 --spectrum 10.7-12.7 --channel-khz 3
first_line 'interf-epfd: --channel-khz: 3: below the reference bandwidth (40 kHz)'
expect_no_stdout
expect_exit 2 "$EPFD" -s "$A" --grid -10/10/-10/10/1 --spectrum 11-12
first_line 'interf-epfd: --spectrum: in single precision; on a grid with -o PREFIX and without'
expect_exit 2 "$EPFD" -s "$A" -s "$B" --grid -10/10/-10/10/1 --per-system -o "$TMP/x"
first_line 'interf-epfd: several -s: in single precision; on a grid with -o PREFIX and without'
# an impossible grid, refused before anything is planned, with the amount. By hand: a 0.1 deg
# global grid, 3600 x 1800 = 6 480 000 cells, 8 channels, 2 systems: the plans' points
# 2 x 160 B, a histogram of the maximum over channels 2201 x 4 B and 8 channel maxima x 4 B a
# cell, and a chunk of one block (64 steps) of 8 floats a cell: 7.260192e10 B = 67.62 GiB
# shellcheck disable=SC2086
expect_exit 2 "$EPFD" -s "$A" -s "$B" --grid -180/180/-90/90/0.1 --duration 1h \
    --spectrum 10.7-12.7 --channel-khz 250000 -o "$TMP/x" --max-memory 1G
first_line 'interf-epfd: this run needs 67.62 GiB of memory, more than the 1.00 GiB allowed by'
expect_no_stdout
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
