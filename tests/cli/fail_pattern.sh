# SPDX-License-Identifier: MIT
# interf-pattern when things go wrong: the --angles file and the table pattern's --file
# missing, unreadable, empty, truncated, of another format, with NaN or Inf; absurd sizes;
# the table and the PNG to /dev/full, into a missing folder, past a file size limit; SIGINT and
# SIGTERM in the middle of a long table. Each: exit 2, one line on stderr naming the program
# (and the file and line where there is one), nothing on stdout, no partial or temporary file,
# and the previous outputs at the same paths untouched.
. "$(dirname "$0")/lib.sh"

PAT="$INTERF_BIN/interf-pattern"
S1428="--pattern S.1428 --dish-m 0.6 --freq-ghz 11.7"
TABLE="$INTERF_TEST_DATA/antenna/flat-1d.txt"
printf '0\n2.5\n30\n' >"$TMP/angles.txt"

# The --angles file
keep_outdir out.txt
# shellcheck disable=SC2086
expect_failure "interf-pattern: $TMP/no-such.txt: No such file or directory" \
    "$PAT" $S1428 --angles "$TMP/no-such.txt" -o "$O/out.txt"
if make_locked locked.txt "$TMP/angles.txt"; then
    # shellcheck disable=SC2086
    as_nobody "$PAT" $S1428 --angles "$LOCKED" -o "$O/out.txt"
    check_failure "interf-pattern: $LOCKED: Permission denied"
fi
: >"$TMP/empty.txt"
# shellcheck disable=SC2086
expect_failure "interf-pattern: $TMP/empty.txt: no angles" \
    "$PAT" $S1428 --angles "$TMP/empty.txt" -o "$O/out.txt"
# shellcheck disable=SC2086
run sh -c '"$@" </dev/null' sh "$PAT" $S1428 - -o "$O/out.txt"
check_failure "interf-pattern: <stdin>: no angles"
# cut inside a number's exponent
printf '0\n2.5\n3e' >"$TMP/cut.txt"
# shellcheck disable=SC2086
expect_failure "interf-pattern: $TMP/cut.txt:3:1: theta_deg: \"3e\": not a number" \
    "$PAT" $S1428 --angles "$TMP/cut.txt" -o "$O/out.txt"
# other formats: a grid, binary data (control bytes are not printed), escape sequences
# shellcheck disable=SC2086
expect_failure "interf-pattern: $INTERF_TEST_DATA/grids/beam.asc:1:1: theta_deg: \"ncols\"" \
    "$PAT" $S1428 --angles "$INTERF_TEST_DATA/grids/beam.asc" -o "$O/out.txt"
printf '1\n\0\0\0\rIHDR\n' >"$TMP/bin.txt"
# shellcheck disable=SC2086
expect_failure "interf-pattern: $TMP/bin.txt:2: NUL byte" \
    "$PAT" $S1428 --angles "$TMP/bin.txt" -o "$O/out.txt"
printf '1\n\033[31mred\n' >"$TMP/esc.txt"
# shellcheck disable=SC2086
expect_failure "interf-pattern: $TMP/esc.txt:2:1: theta_deg: \"?[31mred\": not a number" \
    "$PAT" $S1428 --angles "$TMP/esc.txt" -o "$O/out.txt"
for v in nan inf -inf 1e999; do
    printf '0\n%s\n' "$v" >"$TMP/nan.txt"
    # shellcheck disable=SC2086
    expect_failure "interf-pattern: $TMP/nan.txt:2:1: theta_deg: \"$v\": not a number" \
        "$PAT" $S1428 --angles "$TMP/nan.txt" -o "$O/out.txt"
done

# The table pattern's --file
expect_failure "interf-pattern: $TMP/no-such.txt: No such file or directory" \
    "$PAT" --pattern table --file "$TMP/no-such.txt" -o "$O/out.txt"
if make_locked locked.tab "$TABLE"; then
    as_nobody "$PAT" --pattern table --file "$LOCKED" -o "$O/out.txt"
    check_failure "interf-pattern: $LOCKED: Permission denied"
fi
expect_failure "interf-pattern: $TMP/empty.txt:" \
    "$PAT" --pattern table --file "$TMP/empty.txt" -o "$O/out.txt"
printf '# theta_deg gain_dbi\n0 30\n1 2' >"$TMP/cut.tab"
expect_failure "interf-pattern: $TMP/cut.tab:3: theta_deg: 1: the table must end at 180 deg" \
    "$PAT" --pattern table --file "$TMP/cut.tab" -o "$O/out.txt"
expect_failure \
    "interf-pattern: $INTERF_TEST_DATA/grids/beam.asc:1:1: expected 'theta_deg gain_dbi'" \
    "$PAT" --pattern table --file "$INTERF_TEST_DATA/grids/beam.asc" -o "$O/out.txt"
for v in nan inf -inf; do
    printf '0 30\n1 %s\n180 -10\n' "$v" >"$TMP/nan.tab"
    expect_failure "interf-pattern: $TMP/nan.tab:2:3: gain_dbi: $v: not a finite number" \
        "$PAT" --pattern table --file "$TMP/nan.tab" -o "$O/out.txt"
done

# Absurd sizes: a sweep of 1.8e8 angles (8 bytes each, the estimate in the message)
# shellcheck disable=SC2086
expect_failure "interf-pattern: --step: 1e-06: 180000001 angles need 1.34 GiB of memory" \
    "$PAT" $S1428 --step 0.000001 -o "$O/out.txt"
# shellcheck disable=SC2086
expect_failure "interf-pattern: --width: 100000: allowed range 200 to 8000" \
    "$PAT" $S1428 --png "$O/out.png" --width 100000

# Output: a full device (written directly, never renamed over), a missing folder, a file size
# limit; the table and the PNG are both renamed into place, or neither.
keep_outdir out.txt out.png
make_full
# shellcheck disable=SC2086
expect_failure "interf-pattern: $FULL: write error: No space left on device" \
    "$PAT" $S1428 -o "$FULL"
check_full
# shellcheck disable=SC2086
expect_failure "interf-pattern: $FULL: write error: No space left on device" \
    "$PAT" $S1428 --png "$FULL"
check_full
# shellcheck disable=SC2086
expect_failure "interf-pattern: $FULL: write error: No space left on device" \
    "$PAT" $S1428 --png "$O/out.png" -o "$FULL"
check_full
# shellcheck disable=SC2086
run sh -c 'p=$1; shift; "$p" "$@" >/dev/full' sh "$PAT" $S1428
check_failure "interf-pattern: standard output: write error: No space left on device"
# shellcheck disable=SC2086
expect_failure "interf-pattern: $O/no-dir/out.txt: No such file or directory" \
    "$PAT" $S1428 -o "$O/no-dir/out.txt"
# shellcheck disable=SC2086
expect_failure "interf-pattern: $O/no-dir/out.png: No such file or directory" \
    "$PAT" $S1428 --png "$O/no-dir/out.png" -o "$O/out.txt"
# shellcheck disable=SC2086
with_fsize "$PAT" $S1428 -o "$O/out.txt"
check_failure "interf-pattern: $O/out.txt: write error: File too large"
# the PNG fits, the table does not: neither is replaced
# shellcheck disable=SC2086
with_fsize "$PAT" $S1428 --png "$O/out.png" --width 200 -o "$O/out.txt"
check_failure "interf-pattern: $O/out.txt: write error: File too large"

# Signals in the middle of a long table (its temporary file exists and grows), and while it
# waits for its angles (a FIFO that never delivers).
step=0.00001
[ "$INTERF_SLOW" = 0 ] && step=0.0001
for sig in INT TERM; do
    keep_outdir out.txt
    # shellcheck disable=SC2086
    interrupt $sig '[ -n "$(find "$O" -name "out.txt.tmp.*" -size +8k)" ]' \
        "$PAT" $S1428 --step $step -o "$O/out.txt"
    case $sig in
    INT) check_failure "interf-pattern: interrupted by SIGINT" ;;
    TERM) check_failure "interf-pattern: terminated by SIGTERM" ;;
    esac
done
keep_outdir out.txt
hold_fifo "$TMP/fifo"
# shellcheck disable=SC2086
interrupt TERM '[ -e "$TMP/fifo.open" ]' "$PAT" $S1428 --angles "$TMP/fifo" -o "$O/out.txt"
release_fifo "$TMP/fifo"
check_failure "interf-pattern: terminated by SIGTERM"

# And the same command succeeds, replacing the previous output.
keep_outdir out.txt
# shellcheck disable=SC2086
expect_exit 0 "$PAT" $S1428 --angles "$TMP/angles.txt" -o "$O/out.txt"
[ "$(grep -vc '^#' "$O/out.txt")" = 3 ] && pass || fail "3 rows expected in $O/out.txt"

finish
