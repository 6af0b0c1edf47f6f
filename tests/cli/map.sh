# SPDX-License-Identifier: MIT
# interf-map as a user runs it: a map in every projection, sidecars, the CDF chart, exit
# statuses, no partial PNG after an error, and every example of interf-map(1), pipelines
# included (tests/cli/man.sh runs only the lines that start with a tool).
. "$(dirname "$0")/lib.sh"

# Under LeakSanitizer, fontconfig's suppressed one-time allocations (tests/lsan.supp) must not
# print a summary on stderr, which these tests read.
LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}print_suppressions=0"
export LSAN_OPTIONS

MAP="$INTERF_BIN/interf-map"
GRIDS="$INTERF_TEST_DATA/grids"
SRC="$INTERF_TEST_DATA/../.."

# "WIDTH HEIGHT BIT_DEPTH COLOUR_TYPE" from a PNG's IHDR chunk (bytes 16-25).
ihdr() {
    od -An -tu1 -j16 -N10 "$1" |
        awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4,
                     $5 * 16777216 + $6 * 65536 + $7 * 256 + $8, $9, $10 }'
}

# A PNG: the 8-byte signature, then an 8-bit RGBA (colour type 6) IHDR of width $2.
expect_png() {
    sig=$(od -An -tx1 -N8 "$1" 2>/dev/null | tr -d ' \n')
    if [ "$sig" != "89504e470d0a1a0a" ]; then
        fail "$1: not a PNG"
        return
    fi
    set -- "$1" "$2" $(ihdr "$1")
    if [ "$3" = "$2" ] && [ "$5" = 8 ] && [ "$6" = 6 ]; then
        pass
    else
        fail "$1: IHDR $3 x $4, depth $5, colour type $6; expected width $2, 8-bit RGBA"
    fi
}

expect_no_file() {
    if [ -e "$1" ]; then fail "$LAST: $1 was written"; else pass; fi
}

# No temporary file left beside the output.
expect_no_tmp() {
    if ls "$TMP"/*.tmp.* >/dev/null 2>&1; then fail "$LAST: temporary file left"; else pass; fi
}

# --help, --version
expect_exit 0 "$MAP" --help
grep -q '^Usage: interf-map \[GRID|-\] -o FILE.png' "$TMP/out" && pass || fail "--help text"
expect_exit 0 "$MAP" --version
[ "$(cat "$TMP/out")" = "interf-map (interf) 0.1.0" ] && pass || fail "--version"

# Every projection on the test beam, whose .aux.xml gives the unit: no warning.
for p in eqc robin moll eqearth ortho:45,10 geos:19.2 stere:90,0 robin:150 \
    '+proj=laea +lat_0=50 +lon_0=10'; do
    expect_exit 0 "$MAP" "$GRIDS/beam.asc" --proj "$p" --width 400 -o "$TMP/p.png"
    expect_stderr_empty
    expect_png "$TMP/p.png" 400
done

# The iTXt chunks: keyword right after the chunk type, uncompressed text.
expect_exit 0 "$MAP" "$GRIDS/beam.asc" --proj robin --coast --borders --graticule 30 \
    --contour -160,-200 --mark 48.85,2.35,Paris --title 'EPFD↓ beam' --width 500 -o "$TMP/t.png"
expect_png "$TMP/t.png" 500
for key in Title Software Source Comment Description; do
    grep -aq "iTXt$key" "$TMP/t.png" && pass || fail "iTXt $key missing"
done
grep -aq 'EPFD↓ beam' "$TMP/t.png" && pass || fail "UTF-8 title"
grep -aq -- "--contour -160,-200 --mark 48.85,2.35,Paris" "$TMP/t.png" && pass ||
    fail "command line in Comment"
grep -aq 'epfd_dbw_m2_40khz in dB(W/m2/40kHz), statistic max' "$TMP/t.png" && pass ||
    fail "Description from the .aux.xml"
expect_no_tmp

# A grid on standard input has no unit: a warning, silenced by -q; --label gives one.
expect_exit 0 sh -c "\"$MAP\" - -o \"$TMP/s.png\" --width 300 < \"$GRIDS/beam.asc\""
expect_stderr_prefix "interf-map: warning: <stdin> has no unit"
expect_exit 0 sh -c "\"$MAP\" -q -o \"$TMP/s.png\" --width 300 < \"$GRIDS/beam.asc\""
expect_stderr_empty
expect_exit 0 sh -c "\"$MAP\" --label dB -o \"$TMP/s.png\" --width 300 < \"$GRIDS/beam.asc\""
expect_stderr_empty
# The PNG on standard output when it is not a terminal.
expect_exit 0 sh -c "\"$MAP\" \"$GRIDS/beam.asc\" --width 300 > \"$TMP/o.png\""
expect_png "$TMP/o.png" 300

# Odd grids give sensible maps: all NODATA (grey, a warning), one cell, across 180 deg.
expect_exit 0 "$MAP" "$GRIDS/nodata.asc" --label dB --width 300 -o "$TMP/n.png"
expect_stderr_prefix "interf-map: warning: the grid has no values"
expect_png "$TMP/n.png" 300
for p in eqc robin ortho:45,10; do
    expect_exit 0 "$MAP" "$GRIDS/one-cell.asc" --label dB --proj "$p" --width 300 -o "$TMP/1.png"
    expect_png "$TMP/1.png" 300
    expect_exit 0 "$MAP" "$GRIDS/antimeridian.asc" --label dB --proj "$p" --contour -165 \
        --width 300 -o "$TMP/a.png"
    expect_png "$TMP/a.png" 300
done
expect_exit 0 "$MAP" "$GRIDS/antimeridian.asc" --label dB --region 150/-150/-40/20 \
    --interp bilinear --palette magma --width 300 -o "$TMP/a.png"
expect_png "$TMP/a.png" 300
expect_exit 0 "$MAP" "$GRIDS/beam.asc" --center -200 --width 300 -o "$TMP/d.png"
expect_png "$TMP/d.png" 300
# A mark off the map is a warning, not an error.
expect_exit 0 "$MAP" "$GRIDS/beam.asc" --proj ortho:45,10 --mark -45,-170,Far --width 300 \
    -o "$TMP/m.png"
expect_stderr_prefix "interf-map: warning: --mark -45,-170: not on the map"

# Errors: exit 2, one message, no PNG and no temporary file; an older PNG is left as it was.
echo old >"$TMP/old.png"
for args in "--range 5:1" "--range -150" "--proj mercury" "--proj ortho:95,0" \
    "--proj +proj=nonsense" "--proj +proj=longlat" "--width 50" "--interp cubic" \
    "--palette jet" "--region 0/10/20/10" "--contour -160,x" "--mark 95,0" "--bogus"; do
    # shellcheck disable=SC2086
    expect_exit 2 "$MAP" "$GRIDS/beam.asc" $args -o "$TMP/old.png"
    [ "$(cat "$TMP/old.png")" = old ] && pass || fail "$LAST: old.png changed"
    expect_no_tmp
done
expect_exit 2 "$MAP" "$GRIDS/beam.asc" --range 5:1 -o "$TMP/e.png"
# A usage error: the message, then the hint.
head -n 1 "$TMP/err" | grep -qx "interf-map: --range: 5:1: MIN must be below MAX" && pass ||
    fail "--range message: $(head -n 1 "$TMP/err")"
grep -qx "Try 'interf-map --help'." "$TMP/err" && pass || fail "--range: no hint"
expect_no_file "$TMP/e.png"
expect_exit 2 "$MAP" "$GRIDS/beam.asc" --proj mercury -o "$TMP/e.png"
expect_stderr_prefix "interf-map: --proj: mercury: unknown projection"
expect_no_file "$TMP/e.png"
expect_exit 2 "$MAP" "$GRIDS/bad-nan.asc" -o "$TMP/e.png"
expect_stderr_prefix "interf-map: $GRIDS/bad-nan.asc:8: column 2: \"nan\": not a finite number"
expect_no_file "$TMP/e.png"
expect_exit 2 "$MAP" "$GRIDS/bad-short-row.asc" -o "$TMP/e.png"
expect_stderr_prefix "interf-map: $GRIDS/bad-short-row.asc:8: row 2 has 2 values, expected 3"
expect_exit 2 "$MAP" "$GRIDS/bad-dx.asc" -o "$TMP/e.png"
expect_stderr_prefix "interf-map: $GRIDS/bad-dx.asc:5: dx: unknown header key"
expect_exit 2 "$MAP" "$GRIDS/bad-comment.asc" -o "$TMP/e.png"
expect_stderr_prefix "interf-map: $GRIDS/bad-comment.asc:1: a comment line"
expect_exit 2 "$MAP" "$GRIDS/projected.asc" -o "$TMP/e.png"
expect_stderr_prefix "interf-map: $GRIDS/projected.prj: the CRS \"WGS 84 / UTM zone 32N\" is not"
expect_exit 2 "$MAP" "$TMP/missing.asc" -o "$TMP/e.png"
expect_stderr_prefix "interf-map: $TMP/missing.asc: No such file or directory"
expect_no_file "$TMP/e.png"
expect_exit 2 "$MAP" "$GRIDS/beam.asc" "$GRIDS/beam.asc" -o "$TMP/e.png"
expect_exit 2 "$MAP" "$GRIDS/beam.asc" --width 300 -o /dev/full
expect_stderr_prefix "interf-map: /dev/full: "
# Shorelines that cannot be found: the message says where to put them.
expect_exit 2 env INTERF_DATA="$TMP/nowhere" "$MAP" "$GRIDS/beam.asc" \
    --coast -o "$TMP/e.png"
expect_stderr_prefix "interf-map: --coast: coastlines/shoreline-crude.txt not found"
expect_no_file "$TMP/e.png"

# Tracks: interf-orbit's table, one line per satellite; a table without lat_deg is an error.
"$INTERF_BIN/interf-orbit" -s "$SRC/footprints/leo-ku-550.ini" --sat 0,40 --duration 100m \
    --step 60s >"$TMP/track.txt"
expect_exit 0 "$MAP" "$GRIDS/beam.asc" --proj robin --track "$TMP/track.txt" --width 300 \
    -o "$TMP/tr.png"
expect_stderr_empty
printf '# t_s x_km\n0 1\n' >"$TMP/bad-track.txt"
expect_exit 2 "$MAP" "$GRIDS/beam.asc" --track "$TMP/bad-track.txt" -o "$TMP/e.png"
expect_stderr_prefix "interf-map: --track: $TMP/bad-track.txt:1: the schema line names no lat_deg"

# A GeoTIFF that interf-epfd wrote: read by interf_grid_load (its unit and floor_value from the
# GDAL_METADATA tag, so no warning), its floor cells drawn as the hatched class "no emitter in
# view" (pixels of the hatching's grey 0x9A9A9A, render_impl.h); with --floor-nodata they are
# NODATA instead and no such pixel is drawn. The ASCII grid on standard input maps too.
# "R G B" triples of a PNG's pixels counted when they equal $2.
count_rgb() {
    gdal_translate -q -of ENVI -co INTERLEAVE=BIP -b 1 -b 2 -b 3 "$1" "$1.bin" &&
        od -An -v -tu1 -w3 "$1.bin" | awk -v want="$2" '$1 " " $2 " " $3 == want { n++ }
                                                      END { print n + 0 }'
}
EPFD="$INTERF_BIN/interf-epfd"
"$EPFD" -s "$SRC/footprints/leo-ku-550.ini" --grid -20/20/40/90/2 --duration 10m -q \
    -o "$TMP/floor.tif"
expect_exit 0 "$MAP" "$TMP/floor.tif" --width 400 -o "$TMP/tif.png"
expect_stderr_empty
expect_png "$TMP/tif.png" 400
grep -aq 'epfd_dbw_m2_40khz in dB(W/m2/40kHz), statistic max' "$TMP/tif.png" && pass ||
    fail "GeoTIFF: unit and quantity not read"
[ "$(count_rgb "$TMP/tif.png" "154 154 154")" -gt 1000 ] && pass ||
    fail "GeoTIFF: no floor class drawn"
"$EPFD" -s "$SRC/footprints/leo-ku-550.ini" --grid -20/20/40/90/2 --duration 10m -q \
    --floor-nodata -o "$TMP/nodata.tif"
expect_exit 0 "$MAP" "$TMP/nodata.tif" --label dB --width 400 -o "$TMP/tif.png"
[ "$(count_rgb "$TMP/tif.png" "154 154 154")" -lt 50 ] && pass ||
    fail "--floor-nodata: hatching drawn"
"$EPFD" -s "$SRC/footprints/leo-ku-550.ini" --grid -20/20/40/90/2 --duration 10m -q -o - |
    "$MAP" - --label dB --width 300 -o "$TMP/stdin.png" 2>"$TMP/err"
expect_png "$TMP/stdin.png" 300

# CDF charts: two points in one stream; a bad table is an error; map options are refused.
{
    printf '# epfd_dbw_m2_40khz pct_time_exceeded\n# lat_deg: 45\n# lon_deg: 10\n'
    printf '# es_dish_m: 0.6\n# n_steps: 1000\n'
    printf -- '-170.0 100\n-169.9 10\n-169.8 1\n-169.7 0.1\n-169.6 0\n>\n'
    printf '# epfd_dbw_m2_40khz pct_time_exceeded\n# lat_deg: 50\n# lon_deg: 10\n# n_steps: 1000\n'
    printf -- '-172.0 100\n-171.9 1\n-171.8 0\n'
} >"$TMP/cdf.txt"
expect_exit 0 "$MAP" --cdf "$TMP/cdf.txt" --title 'Two points' --width 600 -o "$TMP/c.png"
expect_stderr_empty
expect_png "$TMP/c.png" 600
grep -aq 'iTXtDescription' "$TMP/c.png" && pass || fail "chart iTXt"
printf '# epfd_dbw_m2_40khz pct_time_exceeded\n-170.0 100\n-169.9 nan\n' >"$TMP/bad-cdf.txt"
expect_exit 2 "$MAP" --cdf "$TMP/bad-cdf.txt" -o "$TMP/e.png"
grep -q "^interf-map: $TMP/bad-cdf.txt:3:" "$TMP/err" && pass || fail "CDF error: $(cat "$TMP/err")"
expect_no_file "$TMP/e.png"
expect_exit 2 "$MAP" --cdf "$TMP/cdf.txt" --proj robin -o "$TMP/e.png"
head -n 1 "$TMP/err" | grep -qx "interf-map: --proj: a map option, not for --cdf charts" &&
    pass || fail "--cdf --proj message: $(head -n 1 "$TMP/err")"
expect_exit 2 "$MAP" --cdf -o "$TMP/e.png"
# The Article 22 mask: the dish from --dish-m or from the first table's es_dish_m. Table 22-1A,
# 0.6 m, 40 kHz (RR Art. 22) lets -174.0 dB be exceeded 10 % of the time; the first CDF starts
# at -170.0 dB, and levels below its first row are exceeded 100 % of the time (interf-table(5)):
# it fails there, as interf-check finds, and the mask's label and the exit status say so.
expect_exit 1 "$MAP" --cdf "$TMP/cdf.txt" --limits 22-1A --width 600 -o "$TMP/l.png"
expect_stderr_empty
grep -aq 'limit mask RR Table 22-1A, 0.6 m, 40 kHz: FAIL' "$TMP/l.png" && pass ||
    fail "--limits: Description"
"$INTERF_BIN/interf-check" --limits 22-1A --dish-m 0.6 "$TMP/cdf.txt" >/dev/null 2>&1
[ $? -eq 1 ] && pass || fail "interf-check does not find the same failure"
expect_exit 1 "$MAP" --cdf "$TMP/cdf.txt" --limits 22-1A --dish-m 1.2 --width 600 -o "$TMP/l.png"
grep -aq 'limit mask RR Table 22-1A, 1.2 m, 40 kHz' "$TMP/l.png" && pass ||
    fail "--dish-m 1.2: Description"
expect_exit 2 "$MAP" --cdf "$TMP/cdf.txt" --limits 22-9Z -o "$TMP/e.png"
grep -q "^interf-map: --limits 22-9Z: " "$TMP/err" && pass ||
    fail "--limits 22-9Z: $(cat "$TMP/err")"
expect_no_file "$TMP/e.png"
expect_exit 2 "$MAP" "$GRIDS/beam.asc" --limits 22-1A -o "$TMP/e.png"
head -n 1 "$TMP/err" | grep -q "^interf-map: --limits: needs --cdf" && pass ||
    fail "--limits without --cdf: $(head -n 1 "$TMP/err")"

# The systems of footprints/ that docs/gallery.sh draws: values at hand-derived points, then a
# map of each as the gallery makes it (smaller). The first cell of a one-cell grid is the value.
FP="$SRC/footprints"
FOOT="$INTERF_BIN/interf-footprint"
first_cell() { awk 'NR == 7 { print $1; exit }' "$TMP/out"; }
# gso-ku-spots.ini: at each beam's aim point (a cell centre) the off-axis angle is 0, so the
# relative gain is 0 dB and the EIRP the beam's eirp_dbw, 22.5 dBW; two satellites, 0 and 1.
expect_exit 0 "$FOOT" -s "$FP/gso-ku-spots.ini" --sat 0 --quantity gain \
    --grid 137.2/138.2/37.3/38.3/1
near "$(first_cell)" 0 0.0001
expect_exit 0 "$FOOT" -s "$FP/gso-ku-spots.ini" --sat 1 --quantity eirp \
    --grid -98/-97/38.5/39.5/1
near "$(first_cell)" 22.5 0.0001
expect_exit 2 "$FOOT" -s "$FP/gso-ku-spots.ini" --sat 2 --quantity gain
grep -q "the system has satellites 0 to 1" "$TMP/err" && pass || fail "gso-ku-spots: 2 satellites"
# Tokyo (35.7 N 139.7 E) sees the 128 E satellite at 46.72 deg: cos psi = cos 35.7 cos 11.7 =
# 0.81208 x 0.97922 = 0.79521 (psi = 37.32 deg, sin psi = 0.60633), tan el = (cos psi -
# Re/Rgeo) / sin psi = (0.79521 - 6378.145/42164.2) / 0.60633 = 0.64394 / 0.60633 = 1.06203.
expect_exit 0 "$INTERF_BIN/interf-orbit" -s "$FP/gso-ku-spots.ini" --sat 0 --observer 35.7,139.7
near "$(cell 1 8)" 46.72 0.005
# leo-ku-550-steer.ini at the epoch, satellite over 0 N 0 E at 550 km. Nadir beam at (0, 0):
# -40 + 35 - 10 log10(4 pi 550e3^2) = -5 - 125.79935 = -130.79935 dB(W/m2). Steered beam
# (30 deg off nadir to the east): its boresight meets the ground asin(6928.145/6378.145 x
# sin 30) - 30 = 2.898 deg east, at 6378.145 sin(2.898) / sin 30 = 644.97 km; at the cell
# centre 2.9 E (0.002 deg off, -0.01 dB): -40 + 34.4 - 10 log10(4 pi 644.97e3^2) = -5.6 -
# 127.18 = -132.78 dB(W/m2), 2 dB below the nadir beam's peak.
expect_exit 0 "$FOOT" -s "$FP/leo-ku-550-steer.ini" --sat 0 --beam nadir --quantity pfd \
    --grid -0.005/0.005/-0.005/0.005/0.01
near "$(first_cell)" -130.79935 0.002
expect_exit 0 "$FOOT" -s "$FP/leo-ku-550-steer.ini" --sat 0 --beam steer30 --quantity pfd \
    --grid 2.895/2.905/-0.005/0.005/0.01
near "$(first_cell)" -132.78 0.02
# qzss.ini: IGSO-1 is at apogee over 41 N 135 E at the epoch, 38948.908 km up. Its tabulated
# pattern gives 13 dBi at nadir, 1 dB below the table's 14 dBi peak, so the EIRP there is
# 16.9 - 1 = 15.9 dBW and the PFD 15.9 - 10 log10(4 pi 3.8948908e7^2) = 15.9 - (10.99209 +
# 151.80997) = -146.90206 dB(W/m2).
expect_exit 0 "$FOOT" -s "$FP/qzss.ini" --sat 0 --quantity gain \
    --grid 134.995/135.005/40.995/41.005/0.01
near "$(first_cell)" -1 0.0001
expect_exit 0 "$FOOT" -s "$FP/qzss.ini" --sat 0 --quantity pfd \
    --grid 134.995/135.005/40.995/41.005/0.01
near "$(first_cell)" -146.90206 0.001
# gps.ini loads its L1 antenna table (defined, attached to no orbit) and still counts 24.
expect_exit 0 "$FOOT" -s "$FP/gps.ini" --quantity visible --min-elevation -90 --grid 0/1/0/1/1
[ "$(first_cell)" = 24 ] && pass || fail "gps.ini: $(first_cell) satellites"
# One map of each, as the gallery draws it.
"$FOOT" -s "$FP/gso-ku-spots.ini" --sat 0 --quantity gain --grid 116/158/20/50/0.5 \
    -o "$TMP/jp.asc" && pass || fail "gso-ku-spots footprint"
expect_exit 0 "$MAP" "$TMP/jp.asc" --proj geos:128 --region 116/158/20/50 --coast \
    --range -25:0 --contour -3,-6,-10 --mark 36,137,aim --width 400 -o "$TMP/jp.png"
expect_stderr_empty
expect_png "$TMP/jp.png" 400
"$FOOT" -s "$FP/qzss.ini" --quantity visible --min-elevation 10 --grid -180/180/-90/90/2 \
    -o "$TMP/qz.asc" && pass || fail "qzss visible"
"$INTERF_BIN/interf-orbit" -s "$FP/qzss.ini" --sat 0-2 --duration 1d --step 1h -q \
    -o "$TMP/qz.txt" && pass || fail "qzss track"
expect_exit 0 "$MAP" "$TMP/qz.asc" --proj ortho:10,135 --range -0.5:4.5 --track "$TMP/qz.txt" \
    --mark 41,135,IGSO-1 --width 400 -o "$TMP/qz.png"
expect_stderr_empty
expect_png "$TMP/qz.png" 400
"$FOOT" -s "$FP/leo-ku-550-steer.ini" --sat 0 --quantity gain --combine max \
    --grid -0.6/3.6/-0.7/0.7/0.05 -o "$TMP/leo.asc" && pass || fail "leo steer footprint"
expect_exit 0 "$MAP" "$TMP/leo.asc" --proj ortho:0,1.5 --region -0.6/3.6/-0.7/0.7 \
    --contour -3,-6,-10 --width 400 -o "$TMP/leo.png"
expect_stderr_empty
expect_png "$TMP/leo.png" 400

# Every example of the manual, run whole (pipelines and loops) in a scratch folder that sees
# footprints/; every PNG it makes must be one.
mkdir "$TMP/ex"
ln -s "$(cd "$SRC" && pwd)/footprints" "$TMP/ex/footprints"
awk -v dir="$TMP" '
    /^\.SH EXAMPLES/ { ex = 1; next } /^\.SH/ { ex = 0 }
    ex && /^\.EX/ { n++; file = dir "/example" n ".sh"; printf "" > file; next }
    ex && /^\.EE/ { close(file); file = ""; next }
    file != "" { gsub(/\\-/, "-"); gsub(/\\\(aq/, "\047"); gsub(/\\\(dq/, "\""); gsub(/\\e/, "\\");
                 print > file }' "$SRC/man/man1/interf-map.1"
n=0
for script in "$TMP"/example*.sh; do
    n=$((n + 1))
    if (cd "$TMP/ex" && PATH="$INTERF_BIN:$PATH" sh "$script" >/dev/null 2>"$TMP/err"); then
        pass
    else
        fail "interf-map(1) example $n:"
        sed 's/^/    /' "$script" | head -n 3
        sed 's/^/    stderr: /' "$TMP/err" | head -n 3
    fi
done
[ "$n" -ge 6 ] && pass || fail "only $n examples found in interf-map(1)"
for png in "$TMP"/ex/*.png; do
    expect_png "$png" 1200
done
[ "$(ls "$TMP"/ex/*.png | wc -l)" -ge 10 ] && pass || fail "examples made too few PNGs"

finish
