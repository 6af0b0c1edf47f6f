# SPDX-License-Identifier: MIT
# interf-check when things go wrong: a CDF table missing, unreadable, empty, truncated, of
# another format, with NaN or Inf, with absurd values; the verdict to /dev/full, into a missing
# folder, past a file size limit; SIGINT and SIGTERM while it waits for its input. Each: exit 2
# (never 1, which only a failing check gives), one line on stderr naming the program (and the
# file and line where there is one), nothing on stdout, no partial or temporary file, and the
# previous output at the same path untouched.
. "$(dirname "$0")/lib.sh"

CHECK="$INTERF_BIN/interf-check"
CDF="$INTERF_TEST_DATA/cdf/epfd-leo-ku-550-45n10e.txt"

keep_outdir out.txt
expect_failure "interf-check: $TMP/no-such.txt: No such file or directory" \
    "$CHECK" --limits 22-1A "$TMP/no-such.txt" -o "$O/out.txt"
# the second of two files: nothing is written for the first either
expect_failure "interf-check: $TMP/no-such.txt: No such file or directory" \
    "$CHECK" --limits 22-1A "$CDF" "$TMP/no-such.txt" -o "$O/out.txt"
if make_locked locked.txt "$CDF"; then
    as_nobody "$CHECK" --limits 22-1A "$LOCKED" -o "$O/out.txt"
    check_failure "interf-check: $LOCKED: Permission denied"
fi
: >"$TMP/empty.txt"
expect_failure "interf-check: $TMP/empty.txt:" \
    "$CHECK" --limits 22-1A "$TMP/empty.txt" -o "$O/out.txt"
grep -q "no CDF table" "$TMP/err" && pass || fail "empty: $(cat "$TMP/err")"
run sh -c '"$1" --limits 22-1A -o "$2" </dev/null' sh "$CHECK" "$O/out.txt"
check_failure "interf-check: <stdin>:"
# cut after the schema line, and in the middle of a row (line 118: "    -187.8  2.2...")
head -n 1 "$CDF" >"$TMP/cut1.txt"
expect_failure "interf-check: $TMP/cut1.txt:1: epfd_dbw_m2_40khz: a CDF with no rows" \
    "$CHECK" --limits 22-1A "$TMP/cut1.txt" -o "$O/out.txt"
{ head -n 117 "$CDF"; printf '    -187.8  '; } >"$TMP/cut.txt"
expect_failure "interf-check: $TMP/cut.txt:118: expected 2 columns" \
    "$CHECK" --limits 22-1A "$TMP/cut.txt" -o "$O/out.txt"
# other formats: a grid, a system file, binary data
expect_failure "interf-check: $INTERF_TEST_DATA/grids/beam.asc:1: missing schema line" \
    "$CHECK" --limits 22-1A "$INTERF_TEST_DATA/grids/beam.asc" -o "$O/out.txt"
write_system "$TMP/sys.ini"
expect_failure "interf-check: $TMP/sys.ini:1: missing schema line" \
    "$CHECK" --limits 22-1A "$TMP/sys.ini" -o "$O/out.txt"
printf '\211PNG\r\n\032\n\0\0\0\rIHDR\0\0\0\020' >"$TMP/img.png"
expect_failure "interf-check: $TMP/img.png:1:" \
    "$CHECK" --limits 22-1A "$TMP/img.png" -o "$O/out.txt"
# NaN and Inf in either column, and absurd levels
for v in nan inf -inf 1e999; do
    sed "118s/  2\.2.*/  $v/" "$CDF" >"$TMP/nan.txt"
    expect_failure "interf-check: $TMP/nan.txt:118:13: pct_time_exceeded: expected a finite number" \
        "$CHECK" --limits 22-1A "$TMP/nan.txt" -o "$O/out.txt"
done
for v in nan inf 1e300 -1e300; do
    sed "118s/^ *-187\.8 /$v /" "$CDF" >"$TMP/nan.txt"
    expect_failure "interf-check: $TMP/nan.txt:118:1: epfd_dbw_m2_40khz: " \
        "$CHECK" --limits 22-1A "$TMP/nan.txt" -o "$O/out.txt"
done
expect_failure "interf-check: --dish-m: 1e6: allowed range" \
    "$CHECK" --limits 22-1A --dish-m 1e6 "$CDF" -o "$O/out.txt"

# Output: a full device (written directly, never renamed over), a missing folder, a file size
# limit reached in the middle of the report.
make_full
expect_failure "interf-check: $FULL: write error: No space left on device" \
    "$CHECK" --limits 22-1A "$CDF" -o "$FULL"
check_full
run sh -c '"$1" --limits 22-1A "$2" >"$3"' sh "$CHECK" "$CDF" "$FULL"
check_failure "interf-check: standard output: write error: No space left on device"
expect_failure "interf-check: $O/no-dir/out.txt: No such file or directory" \
    "$CHECK" --limits 22-1A "$CDF" -o "$O/no-dir/out.txt"
with_fsize "$CHECK" --limits 22-1A "$CDF" --format json -o "$O/out.txt"
check_failure "interf-check: $O/out.txt: write error: File too large"
with_fsize "$CHECK" --list -o "$O/out.txt"
check_failure "interf-check: $O/out.txt: write error: File too large"

# Signals while it waits for its input (a FIFO that never delivers).
for sig in INT TERM; do
    keep_outdir out.txt
    hold_fifo "$TMP/fifo"
    interrupt $sig '[ -e "$TMP/fifo.open" ]' "$CHECK" --limits 22-1A "$TMP/fifo" -o "$O/out.txt"
    release_fifo "$TMP/fifo"
    case $sig in
    INT) check_failure "interf-check: interrupted by SIGINT" ;;
    TERM) check_failure "interf-check: terminated by SIGTERM" ;;
    esac
done

# And the same command succeeds, replacing the previous output (exit 3: the fixture's 2160
# steps are too few to resolve Table 22-1A, S.1503-4 §D4.6).
keep_outdir out.txt
expect_exit 3 "$CHECK" --limits 22-1A "$CDF" -o "$O/out.txt"
grep -q "PASS" "$O/out.txt" && pass || fail "no verdict in $O/out.txt"

finish
