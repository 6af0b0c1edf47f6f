# SPDX-License-Identifier: MIT
# interf-map when things go wrong: the grid, a CDF table (--cdf) and a track (--track) missing,
# unreadable, empty, truncated, of another format, with NaN or Inf; absurd sizes; the PNG to
# /dev/full, into a missing folder, past a file size limit; SIGINT and SIGTERM while it waits
# for its input. Each: exit 2, one line on stderr naming the program (and the file and line
# where there is one), nothing on stdout, no partial or temporary file, and the previous PNG at
# the same path untouched.
. "$(dirname "$0")/lib.sh"

# Known failures, reported with their fix (see known in lib.sh); none at the moment.
KNOWN_FAILURES=${KNOWN_FAILURES-""}

MAP="$INTERF_BIN/interf-map"
GRID="$INTERF_TEST_DATA/grids/beam.asc"
CDF="$INTERF_TEST_DATA/cdf/epfd-leo-ku-550-45n10e.txt"
printf '# lat_deg lon_deg\n45 10\n50 12\n' >"$TMP/track.txt"

# The grid
keep_outdir out.png
expect_failure "interf-map: $TMP/no-such.asc: No such file or directory" \
    "$MAP" "$TMP/no-such.asc" -o "$O/out.png"
if make_locked locked.asc "$GRID"; then
    as_nobody "$MAP" "$LOCKED" -o "$O/out.png"
    check_failure "interf-map: $LOCKED: Permission denied"
fi
: >"$TMP/empty.asc"
expect_failure "interf-map: $TMP/empty.asc:" "$MAP" "$TMP/empty.asc" -o "$O/out.png"
grep -q "end of file in the grid header" "$TMP/err" && pass || fail "empty: $(cat "$TMP/err")"
run sh -c '"$1" -o "$2" </dev/null' sh "$MAP" "$O/out.png"
check_failure "interf-map: <stdin>:"
# cut after the header, and in the middle of row 2
head -n 9 "$GRID" >"$TMP/cut.asc"
expect_failure "interf-map: $TMP/cut.asc:9: end of file after 3 of 18 rows" \
    "$MAP" "$TMP/cut.asc" -o "$O/out.png"
{ head -n 7 "$GRID"; sed -n 8p "$GRID" | cut -d' ' -f1-10 | tr -d '\n'; } >"$TMP/cut2.asc"
expect_failure "interf-map: $TMP/cut2.asc:8: row 2 has " "$MAP" "$TMP/cut2.asc" -o "$O/out.png"
# other formats: a system file, a CDF table, binary data
write_system "$TMP/sys.ini"
expect_failure "interf-map: $TMP/sys.ini:1: " "$MAP" "$TMP/sys.ini" -o "$O/out.png"
expect_failure "interf-map: $CDF:1: " "$MAP" "$CDF" -o "$O/out.png"
printf '\211PNG\r\n\032\n\0\0\0\rIHDR\0\0\0\020' >"$TMP/img.png"
expect_failure "interf-map: $TMP/img.png:1: " "$MAP" "$TMP/img.png" -o "$O/out.png"
for v in nan inf -inf 1e999; do
    sed "7s/^[^ ]* [^ ]* /-9999 $v /" "$GRID" >"$TMP/nan.asc"
    expect_failure "interf-map: $TMP/nan.asc:7: column 2: \"$v\": not a finite number" \
        "$MAP" "$TMP/nan.asc" -o "$O/out.png"
done
# Absurd sizes: a 0.0001 deg global grid's header; a 1e8 pixel wide image
printf 'ncols 3600000\nnrows 1800000\nxllcenter 0\nyllcenter 0\ncellsize 0.0001\n' \
    >"$TMP/huge.asc"
printf 'NODATA_value -9999\n1 2 3\n' >>"$TMP/huge.asc"
expect_failure "interf-map: $TMP/huge.asc: 3600000 x 1800000 cells: more than the limit" \
    "$MAP" "$TMP/huge.asc" -o "$O/out.png"
expect_failure "interf-map: --width: 100000000: allowed range" \
    "$MAP" "$GRID" --width 100000000 -o "$O/out.png"

# A CDF table (--cdf)
expect_failure "interf-map: $TMP/no-such.txt: No such file or directory" \
    "$MAP" --cdf "$TMP/no-such.txt" -o "$O/out.png"
if make_locked locked.txt "$CDF"; then
    as_nobody "$MAP" --cdf "$LOCKED" -o "$O/out.png"
    check_failure "interf-map: $LOCKED: Permission denied"
fi
: >"$TMP/empty.txt"
expect_failure "interf-map: $TMP/empty.txt:" "$MAP" --cdf "$TMP/empty.txt" -o "$O/out.png"
{ head -n 117 "$CDF"; printf '    -187.8  '; } >"$TMP/cut.txt"
expect_failure "interf-map: $TMP/cut.txt:118: expected 2 columns" \
    "$MAP" --cdf "$TMP/cut.txt" -o "$O/out.png"
expect_failure "interf-map: $GRID:1: missing schema line" "$MAP" --cdf "$GRID" -o "$O/out.png"
for v in nan inf; do
    sed "118s/  2\.2.*/  $v/" "$CDF" >"$TMP/nan.txt"
    expect_failure "interf-map: $TMP/nan.txt:118:13: pct_time_exceeded: expected a finite number" \
        "$MAP" --cdf "$TMP/nan.txt" -o "$O/out.png"
done

# A track (--track)
expect_failure "interf-map: --track: $TMP/no-such.txt: No such file or directory" \
    "$MAP" "$GRID" --track "$TMP/no-such.txt" -o "$O/out.png"
if make_locked locked.trk "$TMP/track.txt"; then
    # the grid where nobody can read it too (the sources may sit in a private folder)
    cp "$GRID" "$TMP/pub/grid.asc"
    as_nobody "$MAP" "$TMP/pub/grid.asc" --track "$LOCKED" -o "$O/out.png"
    check_failure "interf-map: --track: $LOCKED: Permission denied"
fi
expect_failure "interf-map: --track: $TMP/empty.txt: " \
    "$MAP" "$GRID" --track "$TMP/empty.txt" -o "$O/out.png"
printf '# lat_deg lon_deg\n45 10\n50' >"$TMP/cut.trk"
expect_failure "interf-map: --track: $TMP/cut.trk:3: " \
    "$MAP" "$GRID" --track "$TMP/cut.trk" -o "$O/out.png"
expect_failure "interf-map: --track: $GRID:1: " "$MAP" "$GRID" --track "$GRID" -o "$O/out.png"
for v in nan inf -inf; do
    printf '# lat_deg lon_deg\n45 10\n50 %s\n' "$v" >"$TMP/nan.trk"
    expect_failure "interf-map: --track: $TMP/nan.trk:3:4: lon_deg: \"$v\"" \
        "$MAP" "$GRID" --track "$TMP/nan.trk" -o "$O/out.png"
done

# Output: a full device (written directly, never renamed over), standard output on it, a
# missing folder, a file size limit reached in the middle of the PNG.
make_full
expect_failure "interf-map: $FULL: write error: No space left on device" \
    "$MAP" "$GRID" -o "$FULL"
check_full
run sh -c '"$1" "$2" -o - >"$3"' sh "$MAP" "$GRID" "$FULL"
check_failure "interf-map: standard output: write error: No space left on device"
expect_failure "interf-map: $O/no-dir/out.png: No such file or directory" \
    "$MAP" "$GRID" -o "$O/no-dir/out.png"
with_fsize "$MAP" "$GRID" -o "$O/out.png"
check_failure "interf-map: $O/out.png: write error: File too large"
with_fsize "$MAP" --cdf "$CDF" -o "$O/out.png"
check_failure "interf-map: $O/out.png: write error: File too large"

# Signals while it waits for its grid (a FIFO that never delivers)
for sig in INT TERM; do
    keep_outdir out.png
    hold_fifo "$TMP/fifo"
    interrupt $sig '[ -e "$TMP/fifo.open" ]' "$MAP" "$TMP/fifo" -o "$O/out.png"
    release_fifo "$TMP/fifo"
    case $sig in
    INT) check_failure "interf-map: interrupted by SIGINT" ;;
    TERM) check_failure "interf-map: terminated by SIGTERM" ;;
    esac
done

# And the same command succeeds, replacing the previous PNG.
keep_outdir out.png
expect_exit 0 "$MAP" "$GRID" --width 300 -o "$O/out.png"
[ "$(head -c 4 "$O/out.png" | tail -c 3)" = PNG ] && pass || fail "$O/out.png: not a PNG"

known_summary
finish
