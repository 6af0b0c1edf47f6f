# SPDX-License-Identifier: MIT
# interf-epfd when things go wrong: the system file and the --points table missing,
# unreadable, empty, truncated, of another format, with NaN or Inf; absurd sizes and memory;
# output (a points table, a grid and its sidecars) to /dev/full, into a missing folder, past a
# file size limit; SIGINT and SIGTERM in the middle of a long run. Each: exit 2, one line on
# stderr naming the program (and the file and line where there is one), nothing on stdout, no
# partial, temporary or sidecar file, and the previous outputs at the same path untouched.
. "$(dirname "$0")/lib.sh"

EPFD="$INTERF_BIN/interf-epfd"
SYS="$TMP/sys.ini"
write_system "$SYS"
PTS="$TMP/points.txt"
printf '# lat_deg lon_deg\n45 10\n50 5\n' >"$PTS"
GRID="--grid 0/10/40/50/5 --steps 3"

# The system file
keep_outdir out.txt
expect_failure "interf-epfd: $TMP/no-such.ini: No such file or directory" \
    "$EPFD" -s "$TMP/no-such.ini" --at 45,10 -o "$O/out.txt"
if make_locked locked.ini "$SYS"; then
    as_nobody "$EPFD" -s "$LOCKED" --at 45,10 -o "$O/out.txt"
    check_failure "interf-epfd: $LOCKED: Permission denied"
fi
: >"$TMP/empty.ini"
expect_failure "interf-epfd: $TMP/empty.ini:1: [system]: missing section" \
    "$EPFD" -s "$TMP/empty.ini" --at 45,10 -o "$O/out.txt"
{ head -n 22 "$SYS"; printf 'inclination_'; } >"$TMP/cut.ini"
expect_failure "interf-epfd: $TMP/cut.ini:23: [orbit shell1]: expected 'key = value'" \
    "$EPFD" -s "$TMP/cut.ini" --at 45,10 -o "$O/out.txt"
expect_failure "interf-epfd: $INTERF_TEST_DATA/grids/beam.asc:1:" \
    "$EPFD" -s "$INTERF_TEST_DATA/grids/beam.asc" --at 45,10 -o "$O/out.txt"
for v in power_dbw=nan gain_max_dbi=inf dish_m=-inf; do
    key=${v%%=*} val=${v#*=}
    sed "s/^$key = .*/$key = $val/" "$SYS" >"$TMP/nan.ini"
    line=$(grep -n "^$key = " "$TMP/nan.ini" | cut -d: -f1)
    expect_failure "interf-epfd: $TMP/nan.ini:$line: [" \
        "$EPFD" -s "$TMP/nan.ini" --at 45,10 -o "$O/out.txt"
    grep -q "$key: $val: not a number" "$TMP/err" && pass || fail "$val $key: $(cat "$TMP/err")"
done

# The --points table
expect_failure "interf-epfd: $TMP/no-such.txt: No such file or directory" \
    "$EPFD" -s "$SYS" --points "$TMP/no-such.txt" -o "$O/out.txt"
if make_locked locked.txt "$PTS"; then
    as_nobody "$EPFD" -s "$SYS" --points "$LOCKED" -o "$O/out.txt"
    check_failure "interf-epfd: $LOCKED: Permission denied"
fi
: >"$TMP/empty.txt"
expect_failure "interf-epfd: $TMP/empty.txt: no points" \
    "$EPFD" -s "$SYS" --points "$TMP/empty.txt" -o "$O/out.txt"
printf '# lat_deg lon_deg\n45 10\n50' >"$TMP/cut.txt"
expect_failure "interf-epfd: $TMP/cut.txt:3: expected lat_deg in [-90, 90] and lon_deg" \
    "$EPFD" -s "$SYS" --points "$TMP/cut.txt" -o "$O/out.txt"
expect_failure "interf-epfd: $SYS:1:1: [system]: not a number" \
    "$EPFD" -s "$SYS" --points "$SYS" -o "$O/out.txt"
for v in nan inf -inf 1e999; do
    printf '# lat_deg lon_deg\n45 10\n50 %s\n' "$v" >"$TMP/nan.txt"
    expect_failure "interf-epfd: $TMP/nan.txt:3:4: $v: not a number" \
        "$EPFD" -s "$SYS" --points "$TMP/nan.txt" -o "$O/out.txt"
done

# Absurd sizes: a 0.001 deg global grid; a 0.1 deg one over --max-memory, with the estimate in
# the message: 3600 x 1800 cells x (2201 histogram bins x 4 B + 160 B) = 54.10 GiB; a time
# series of 2e9 samples over --max-memory: 2e9 x 4 B + 2 x 8964 B = 7.45 GiB.
keep_outdir out.asc out.prj out.asc.aux.xml
expect_failure "interf-epfd: --grid: 360000 x 180000 cells: more than the limit" \
    "$EPFD" -s "$SYS" --grid -180/180/-90/90/0.001 -o "$O/out.asc"
expect_failure "interf-epfd: this run needs 54.10 GiB of memory, more than the 1.00 GiB allowed" \
    "$EPFD" -s "$SYS" --grid -180/180/-90/90/0.1 --max-memory 1G -o "$O/out.asc"
expect_failure "interf-epfd: this run needs 7.45 GiB of memory, more than the 2.00 GiB allowed" \
    "$EPFD" -s "$SYS" --at 45,10 --at 50,5 --series --steps 1000000000 --max-memory 2G \
    -o "$O/out.asc"

# Output: a full device gets the grid alone, written directly (a rename would replace the
# device; a device has no place for sidecars)
make_full
# shellcheck disable=SC2086
expect_failure "interf-epfd: $FULL: write error: No space left on device" \
    "$EPFD" -s "$SYS" $GRID -o "$FULL"
check_full
expect_failure "interf-epfd: $FULL: write error: No space left on device" \
    "$EPFD" -s "$SYS" --at 45,10 --steps 3 -o "$FULL"
check_full
run sh -c '"$1" -s "$2" --at 45,10 --steps 3 --cdf >"$3"' sh "$EPFD" "$SYS" "$FULL"
check_failure "interf-epfd: standard output: write error: No space left on device"
# shellcheck disable=SC2086
expect_failure "interf-epfd: $O/no-dir/out.asc: No such file or directory" \
    "$EPFD" -s "$SYS" $GRID -o "$O/no-dir/out.asc"
# shellcheck disable=SC2086
expect_failure "interf-epfd: $O/no-dir/m.max.asc: No such file or directory" \
    "$EPFD" -s "$SYS" $GRID --stat max --stat p99 -o "$O/no-dir/m"
# a grid past the file size limit: the grid, its sidecars and the temporary files
# shellcheck disable=SC2086
with_fsize "$EPFD" -s "$SYS" --grid -30/30/30/60/2 --steps 3 -o "$O/out.asc"
check_failure "interf-epfd: $O/out.asc: write error: File too large"
keep_outdir out.txt
with_fsize "$EPFD" -s "$SYS" --at 45,10 --duration 30m --cdf -o "$O/out.txt"
check_failure "interf-epfd: $O/out.txt: write error: File too large"

# Signals in the middle of a long run (--progress: the run has started when its first progress
# line shows), and while it waits for the system file (a FIFO that never delivers).
long="--grid -20/20/30/60/1 --duration 2d"
[ "$INTERF_SLOW" = 0 ] && long="--grid -10/10/40/50/1 --duration 2d"
for sig in INT TERM; do
    keep_outdir out.asc out.prj out.asc.aux.xml
    # shellcheck disable=SC2086
    interrupt $sig 'grep -q "%" "$TMP/err"' "$EPFD" -s "$SYS" $long --progress -o "$O/out.asc"
    # the progress line ends before the message: the message is a line of its own
    tail -n 1 "$TMP/err" >"$TMP/err.last"
    mv "$TMP/err.last" "$TMP/err"
    case $sig in
    INT) check_failure "interf-epfd: interrupted by SIGINT" ;;
    TERM) check_failure "interf-epfd: terminated by SIGTERM" ;;
    esac
done
keep_outdir out.txt
hold_fifo "$TMP/fifo"
interrupt INT '[ -e "$TMP/fifo.open" ]' "$EPFD" -s "$TMP/fifo" --at 45,10 -o "$O/out.txt"
release_fifo "$TMP/fifo"
check_failure "interf-epfd: interrupted by SIGINT"

# And the same grid succeeds, replacing the previous grid and sidecars.
keep_outdir out.asc out.prj out.asc.aux.xml
# shellcheck disable=SC2086
expect_exit 0 "$EPFD" -s "$SYS" $GRID -o "$O/out.asc" -q
[ "$(head -n 1 "$O/out.asc")" = "ncols        2" ] && grep -q PAMDataset "$O/out.asc.aux.xml" &&
    grep -q WGS "$O/out.prj" && pass || fail "grid and sidecars not replaced"

finish
