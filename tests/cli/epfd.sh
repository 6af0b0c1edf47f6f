# SPDX-License-Identifier: MIT
# interf-epfd as a user runs it: outputs, determinism, the S.1503 step, and bad input.
. "$(dirname "$0")/lib.sh"

EPFD="$INTERF_BIN/interf-epfd"
CHECK="$INTERF_BIN/interf-check"
SYS="$INTERF_TEST_DATA/../../footprints/leo-ku-550.ini"

expect_exit 0 "$EPFD" --help
grep -q '^Usage: interf-epfd' "$TMP/out" && pass || fail "--help text"
expect_exit 0 "$EPFD" --version
[ "$(cat "$TMP/out")" = "interf-epfd (interf) 0.1.0" ] && pass || fail "--version"

# Bad input: one message, exit 2, no output file.
for args in "--at 45,10 --stat p101" "--at 45,10 --stat median" "--grid 0/10/20/10/1" \
    "--at 45,10 --step 0" "--at 45,10 --step -5s" "--grid 0/10/0/10/0.001 --max-memory 1M" \
    "--at 45,10 --es-pattern S.672" "--at 45,10 --stat margin:22-9Z" "--grid 0/10/0/10/1 --cdf"; do
    # shellcheck disable=SC2086
    expect_exit 2 "$EPFD" -s "$SYS" $args -o "$TMP/bad.asc" -q
    [ ! -e "$TMP/bad.asc" ] && pass || fail "$args: output left behind"
    [ -z "$(ls "$TMP" | grep '\.tmp\.')" ] && pass || fail "$args: temporary file left behind"
done
expect_exit 2 "$EPFD" -s "$SYS" --grid 0/10/0/10/0.001 --max-memory 1M
grep -q "needs .* GiB of memory" "$TMP/err" && pass || fail "memory message"

# A grid and its sidecars; the same bits with one and two threads.
expect_exit 0 "$EPFD" -s "$SYS" --grid -20/20/30/60/2 --duration 20m -j 1 -o "$TMP/a.asc" -q
expect_exit 0 "$EPFD" -s "$SYS" --grid -20/20/30/60/2 --duration 20m -j 2 -o "$TMP/b.asc" -q
cmp -s "$TMP/a.asc" "$TMP/b.asc" && pass || fail "-j 1 and -j 2 grids differ"
[ "$(head -n 1 "$TMP/a.asc")" = "ncols        20" ] && pass ||
    fail "grid header: $(head -n 1 "$TMP/a.asc")"
[ -s "$TMP/a.prj" ] && [ -s "$TMP/a.asc.aux.xml" ] && pass || fail "sidecars"
grep -q 'dB(W/m2/40kHz)' "$TMP/a.asc.aux.xml" && pass || fail "unit in the .aux.xml"

# Several statistics need a prefix and give one grid each.
expect_exit 2 "$EPFD" -s "$SYS" --grid -20/20/30/60/2 --duration 10m --stat max --stat p99
expect_exit 0 "$EPFD" -s "$SYS" --grid -20/20/30/60/2 --duration 10m --stat max --stat p99 \
    --stat margin:22-1A -o "$TMP/m" -q
for s in max p99 margin_22-1A; do
    [ -s "$TMP/m.$s.asc" ] && pass || fail "missing $TMP/m.$s.asc"
done

# Points: a statistics table, the nodata point listed, not dropped.
expect_exit 0 "$EPFD" -s "$SYS" --at 45,10 --at 85,0 --duration 1h --stat max --stat exceed:-200
head -n 1 "$TMP/out" | grep -q '^# lat_deg lon_deg max_epfd_dbw_m2_40khz exceed_-200_pct$' &&
    pass || fail "points schema: $(head -n 1 "$TMP/out")"
grep -q '^# nodata: lat_deg 85 lon_deg 0' "$TMP/out" && pass || fail "nodata not listed"
[ "$(grep -vc '^#' "$TMP/out")" = 2 ] && pass || fail "two rows expected"

# --step auto: S.1503-4 §D4.2 for a 0.6 m dish at 10.7 GHz over the 550 km, 53 deg shell
# is 0.269 s with the Bureau's theta3dB = 70 lambda/D (0.266 s with the S.1428-1 main-lobe width
# of S.1428-1, the other convention: phi = 0.12845 deg, w = 0.060293 deg/s, dt = 4.2607 s).
expect_exit 0 "$EPFD" -s "$SYS" --at 45,10 --step auto --steps 10 --stat max
grep -q '^# step_s: 0.269$' "$TMP/out" && pass || fail "step auto: $(grep step_s "$TMP/out")"

# A CDF piped into interf-check: the engine's table is the checker's input.
"$EPFD" -s "$SYS" --at 45,10 --duration 2h --cdf -q >"$TMP/cdf.txt"
grep -q '^# max_epfd: ' "$TMP/cdf.txt" && pass || fail "CDF metadata"
# (exit 3: every point passes, but 2 h of 10 s steps, 720, cannot resolve Table 22-1A's
# 99.997 %, which needs 333334 steps, S.1503-4 §D4.6)
expect_exit 3 "$CHECK" --limits 22-1A "$TMP/cdf.txt"

# Series: one row per step.
expect_exit 0 "$EPFD" -s "$SYS" --at 45,10 --duration 10m --step 30s --series
[ "$(grep -vc '^#' "$TMP/out")" = 20 ] && pass || fail "series rows: $(grep -vc '^#' "$TMP/out")"

# A BSS dish (BO.1443-3, back lobes by planar angle at D/lambda <= 25.5) and an elliptical
# satellite beam are evaluated through 2-D tables, not refused; the pattern is recorded.
expect_exit 0 "$EPFD" -s "$SYS" --at 45,10 --duration 1h --es-pattern BO.1443 --freq-ghz 11.7 --cdf
grep -q '^# es_pattern: BO.1443$' "$TMP/out" && pass || fail "es_pattern: $(grep es_pattern "$TMP/out")"
sed 's/^z = 1$/z = 2/' "$SYS" >"$TMP/ell.ini"
grep -q '^z = 2$' "$TMP/ell.ini" && pass || fail "no elliptical antenna written"
expect_exit 0 "$EPFD" -s "$TMP/ell.ini" --at 45,10 --duration 10m --stat max

# --fp64: the same kernel in double precision; within the tables' budget of fp32, recorded.
expect_exit 0 "$EPFD" -s "$SYS" --at 45,10 --duration 2h --fp64 --cdf -j 2
grep -q '^# precision: fp64$' "$TMP/out" && pass || fail "precision not recorded"
# a lone earth station's blocks of steps are shared between the threads
grep -q '^# threads: 2$' "$TMP/out" && pass || fail "threads: $(grep threads "$TMP/out")"
m64=$(sed -n 's/^# max_epfd: //p' "$TMP/out")
m32=$(sed -n 's/^# max_epfd: //p' "$TMP/cdf.txt")
near "$m64" "$m32" 0.11

# station_keeping_deg changes the run (S.1503-4 §D6.3.6: the node offset spans the run): the
# same system with and without it gives different EPFDs at a point under the satellites.
sed 's/^\[orbit shell1\]$/[orbit shell1]\nstation_keeping_deg = 2/' "$SYS" >"$TMP/sk.ini"
grep -q '^station_keeping_deg = 2$' "$TMP/sk.ini" && pass || fail "no station keeping written"
expect_exit 0 "$EPFD" -s "$SYS" --at 45,10 --duration 2h --cdf -q
grep -v '^#' "$TMP/out" >"$TMP/nosk.rows"
expect_exit 0 "$EPFD" -s "$TMP/sk.ini" --at 45,10 --duration 2h --cdf -q
grep -v '^#' "$TMP/out" >"$TMP/sk.rows"
cmp -s "$TMP/nosk.rows" "$TMP/sk.rows" && fail "station_keeping_deg changed nothing" || pass

# A GeoTIFF by its extension (GDAL reads the CRS, NODATA, unit and provenance), the floor value
# in the metadata, and --floor-nodata.
expect_exit 0 "$EPFD" -s "$SYS" --grid -20/20/60/90/2 --duration 10m -o "$TMP/e.tif" -q
gdalinfo "$TMP/e.tif" >"$TMP/gdal.txt" 2>&1
grep -q 'ID\["EPSG",4326\]' "$TMP/gdal.txt" && pass || fail "GeoTIFF CRS"
grep -q 'Unit Type: dB(W/m2/40kHz)' "$TMP/gdal.txt" && pass || fail "GeoTIFF unit"
grep -q 'floor_value=-300' "$TMP/gdal.txt" && pass || fail "GeoTIFF floor_value"
grep -q 'tool=interf-epfd' "$TMP/gdal.txt" && pass || fail "GeoTIFF provenance"
expect_exit 0 "$EPFD" -s "$SYS" --grid -20/20/60/90/2 --duration 10m -o "$TMP/f.asc" -q
grep -q 'floor_value">-300<' "$TMP/f.asc.aux.xml" && pass || fail "floor_value in .aux.xml"
expect_exit 0 "$EPFD" -s "$SYS" --grid -20/20/60/90/2 --duration 10m --floor-nodata -o "$TMP/n.asc" -q
awk 'NR > 6' "$TMP/f.asc" | grep -q -- '-300.0' && pass || fail "no floor cells in the test grid"
awk 'NR > 6' "$TMP/n.asc" | grep -q -- '-300.0' && fail "--floor-nodata left floor cells" || pass

# Fail before the work: an output folder that does not exist, a system file on standard input,
# a grid on standard output (no sidecars), an option given twice.
expect_exit 2 "$EPFD" -s "$SYS" --grid -180/180/-90/90/1 --duration 1d -o "$TMP/no-dir/e.asc" -q
grep -q "no-dir/e.asc: No such file or directory" "$TMP/err" && pass || fail "early output check"
expect_exit 0 sh -c '"$1" -s - --at 45,10 --duration 10m -q <"$2"' sh "$EPFD" "$SYS"
grep -q '^# system: -$' "$TMP/out" && pass || fail "-s - provenance"
expect_exit 0 "$EPFD" -s "$SYS" --grid 0/10/40/50/5 --steps 3 -o - -q
[ "$(head -n 1 "$TMP/out")" = "ncols        2" ] && pass || fail "grid on standard output"
[ ! -e ./- ] && [ ! -e ./-.prj ] && pass || fail "files named - written"
expect_exit 2 "$EPFD" -s "$SYS" --grid 0/10/40/50/5 --grid 0/10/40/50/5
grep -q -- "--grid: given twice" "$TMP/err" && pass || fail "option given twice"
expect_exit 2 "$EPFD" -s "$SYS" --at 45,10 --point 0,-5
grep -q -- "below the horizon" "$TMP/err" && pass || fail "--point below the horizon"

# One name per option across the tools: --dish-m and --ref-bandwidth-khz, the old spellings
# --es-dish-m and --ref-bw-khz kept as aliases (the same option: giving both is giving it twice).
expect_exit 0 "$EPFD" -s "$SYS" --at 45,10 --dish-m 1.2 --ref-bandwidth-khz 4 --steps 20 -q
grep -v '^# command:' "$TMP/out" >"$TMP/new-names.txt"
expect_exit 0 "$EPFD" -s "$SYS" --at 45,10 --es-dish-m 1.2 --ref-bw-khz 4 --steps 20 -q
grep -v '^# command:' "$TMP/out" | cmp -s - "$TMP/new-names.txt" && pass ||
    fail "--es-dish-m and --ref-bw-khz differ from --dish-m and --ref-bandwidth-khz"
grep -q '^# es_dish_m: 1.2$' "$TMP/new-names.txt" && pass || fail "--dish-m not applied"
expect_exit 2 "$EPFD" -s "$SYS" --at 45,10 --dish-m 1.2 --es-dish-m 0.6
grep -q -- "--dish-m: given twice" "$TMP/err" && pass || fail "alias given with its option"
"$EPFD" --help | grep -q -- '--dish-m, --es-dish-m D' && pass || fail "--help lists the alias"

finish
