# SPDX-License-Identifier: MIT
# interf-orbit when things go wrong: a system file missing, unreadable, empty, truncated, of
# another format, with NaN or Inf; absurd sizes; output to /dev/full, into a missing folder, past
# a file size limit; SIGINT and SIGTERM in the middle of a long run. Each: exit 2, one line on
# stderr naming the program (and the file and line where there is one), nothing on stdout, no
# partial or temporary file, and the previous output at the same path untouched.
. "$(dirname "$0")/lib.sh"

ORBIT="$INTERF_BIN/interf-orbit"
SYS="$TMP/sys.ini"
write_system "$SYS"

# The system file
keep_outdir out.txt
expect_failure "interf-orbit: $TMP/no-such.ini: No such file or directory" \
    "$ORBIT" -s "$TMP/no-such.ini" -o "$O/out.txt"
if make_locked locked.ini "$SYS"; then
    as_nobody "$ORBIT" -s "$LOCKED" -o "$O/out.txt"
    check_failure "interf-orbit: $LOCKED: Permission denied"
fi
: >"$TMP/empty.ini"
expect_failure "interf-orbit: $TMP/empty.ini:1: [system]: missing section" \
    "$ORBIT" -s "$TMP/empty.ini" -o "$O/out.txt"
# cut in the middle of line 23, "inclination_deg = 53.0"
{ head -n 22 "$SYS"; printf 'inclination_'; } >"$TMP/cut.ini"
expect_failure "interf-orbit: $TMP/cut.ini:23: [orbit shell1]: expected 'key = value'" \
    "$ORBIT" -s "$TMP/cut.ini" -o "$O/out.txt"
# cut inside a section header
{ head -n 19 "$SYS"; printf '[orbi'; } >"$TMP/cut2.ini"
expect_failure "interf-orbit: $TMP/cut2.ini:20: unterminated section header" \
    "$ORBIT" -s "$TMP/cut2.ini" -o "$O/out.txt"
# other formats: a grid, and binary data (a PNG signature)
expect_failure "interf-orbit: $INTERF_TEST_DATA/grids/beam.asc:1:" \
    "$ORBIT" -s "$INTERF_TEST_DATA/grids/beam.asc" -o "$O/out.txt"
printf '\211PNG\r\n\032\n\0\0\0\rIHDR\0\0\0\020' >"$TMP/img.png"
expect_failure "interf-orbit: $TMP/img.png:3: NUL byte" "$ORBIT" -s "$TMP/img.png" -o "$O/out.txt"
# NaN and Inf, and a number beyond the double range
for v in altitude_km=nan inclination_deg=inf altitude_km=-inf altitude_km=1e999; do
    key=${v%%=*} val=${v#*=}
    sed "s/^$key = .*/$key = $val/" "$SYS" >"$TMP/nan.ini"
    line=$(grep -n "^$key = " "$TMP/nan.ini" | cut -d: -f1)
    expect_failure "interf-orbit: $TMP/nan.ini:$line: [orbit shell1] $key: $val: not a number" \
        "$ORBIT" -s "$TMP/nan.ini" -o "$O/out.txt"
done

# Absurd sizes: 1e9 satellites (9 doubles each), 1e17 time steps
sed 's/^satellites = .*/satellites = 1000000000/' "$SYS" >"$TMP/huge.ini"
expect_failure "interf-orbit: $TMP/huge.ini:24: [orbit shell1] satellites: 1000000000: allowed" \
    "$ORBIT" -s "$TMP/huge.ini" -o "$O/out.txt"
expect_failure "interf-orbit: --duration: 100000d at --step 0.001 s: too many steps" \
    "$ORBIT" -s "$SYS" --duration 100000d --step 0.001s -o "$O/out.txt"

# Output: a full device (written directly, never renamed over), a missing folder, a file size
# limit reached in the middle of the table.
make_full
expect_failure "interf-orbit: $FULL: write error: No space left on device" \
    "$ORBIT" -s "$SYS" -o "$FULL"
check_full
run sh -c '"$1" -s "$2" >"$3"' sh "$ORBIT" "$SYS" "$FULL"
check_failure "interf-orbit: standard output: write error: No space left on device"
expect_failure "interf-orbit: $O/no-dir/out.txt: No such file or directory" \
    "$ORBIT" -s "$SYS" -o "$O/no-dir/out.txt"
with_fsize "$ORBIT" -s "$SYS" -o "$O/out.txt"
check_failure "interf-orbit: $O/out.txt: write error: File too large"

# Signals in the middle of a run: the table's temporary file exists and grows.
steps=10d
[ "$INTERF_SLOW" = 0 ] && steps=1d
for sig in INT TERM; do
    keep_outdir out.txt
    interrupt $sig '[ -n "$(find "$O" -name "out.txt.tmp.*" -size +8k)" ]' \
        "$ORBIT" -s "$SYS" --duration $steps --step 1s -o "$O/out.txt"
    case $sig in
    INT) check_failure "interf-orbit: interrupted by SIGINT" ;;
    TERM) check_failure "interf-orbit: terminated by SIGTERM" ;;
    esac
done

# A signal while it waits for its input (a FIFO that never delivers).
keep_outdir out.txt
hold_fifo "$TMP/fifo"
interrupt TERM '[ -e "$TMP/fifo.open" ]' "$ORBIT" -s "$TMP/fifo" -o "$O/out.txt"
release_fifo "$TMP/fifo"
check_failure "interf-orbit: terminated by SIGTERM"

# And the same command succeeds, replacing the previous output.
keep_outdir out.txt
expect_exit 0 "$ORBIT" -s "$SYS" --sat 0-2 -o "$O/out.txt"
[ "$(grep -vc '^#' "$O/out.txt")" = 3 ] && pass || fail "3 rows expected in $O/out.txt"

finish
