# SPDX-License-Identifier: MIT
# Shared helpers of the tool tests (POSIX sh), sourced as  . "$(dirname "$0")/lib.sh"
# They give each script:
#   $TMP                       a fresh temporary folder, removed when the script exits
#   run CMD...                 run CMD; status in $STATUS, stdout in $TMP/out, stderr in $TMP/err
#   expect_exit CODE CMD...    run CMD and count a pass if it exits with CODE
#   expect_stderr_prefix TEXT  the last run's stderr is exactly one line, starting with TEXT
#   expect_stderr_empty        the last run wrote nothing on stderr
#   expect_no_stdout           the last run wrote nothing on stdout (no partial output)
#   pass / fail MESSAGE        count a check by hand
#   near GOT WANT TOL          count a pass when |GOT - WANT| <= TOL
#   cell ROW COL               a cell of the last run's table (data rows, 1-based)
#   rows                       the number of data rows of the last run's table
#   finish                     print "N passed, M failed" (last line) and exit 1 on any failure
# Environment (set by ctest): INTERF_BIN, the folder of the built tools; INTERF_TEST_DATA,
# tests/data.

: "${INTERF_BIN:?INTERF_BIN must name the folder of the built tools}"
: "${INTERF_TEST_DATA:?INTERF_TEST_DATA must name tests/data}"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/interf-cli-XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
# A signal must still run the EXIT trap (the folder is removed), then fail the test.
trap 'exit 2' HUP INT TERM

PASSED=0
FAILED=0
STATUS=0
LAST=""

pass() {
    PASSED=$((PASSED + 1))
}

fail() {
    FAILED=$((FAILED + 1))
    printf 'FAIL: %s\n' "$*"
}

run() {
    LAST=$*
    "$@" >"$TMP/out" 2>"$TMP/err"
    STATUS=$?
}

# Show what the last run wrote on stderr, indented, after a failure.
show_stderr() {
    sed 's/^/    stderr: /' "$TMP/err" | head -n 5
}

expect_exit() {
    want=$1
    shift
    run "$@"
    if [ "$STATUS" -eq "$want" ]; then
        pass
    else
        fail "$LAST: exit status $STATUS, expected $want"
        show_stderr
    fi
}

expect_stderr_prefix() {
    # wc -l counts newlines: exactly one complete line.
    lines=$(wc -l <"$TMP/err")
    first=$(head -n 1 "$TMP/err")
    # Quoted, the prefix is literal: the [section] brackets are not a pattern.
    case $first in
    "$1"*)
        if [ "$lines" -eq 1 ]; then
            pass
        else
            fail "$LAST: stderr has $lines lines, expected 1"
            show_stderr
        fi
        ;;
    *)
        fail "$LAST: stderr"
        printf '    got:  %s\n    want: %s...\n' "$first" "$1"
        ;;
    esac
}

expect_stderr_empty() {
    if [ -s "$TMP/err" ]; then
        fail "$LAST: stderr is not empty"
        show_stderr
    else
        pass
    fi
}

expect_no_stdout() {
    if [ -s "$TMP/out" ]; then
        fail "$LAST: wrote $(wc -c <"$TMP/out") bytes on stdout"
    else
        pass
    fi
}

finish() {
    printf '%d passed, %d failed\n' "$PASSED" "$FAILED"
    [ "$FAILED" -eq 0 ] || exit 1
    exit 0
}

# Count a pass when |$1 - $2| <= $3.
near() {
    if awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= t) }'
    then pass; else fail "$LAST: got $1, expected $2 +- $3"; fi
}

# Value of column $2 (1-based, data rows only) in row $1 of the last run's stdout.
cell() {
    awk -v r="$1" -v c="$2" '!/^#/ { n++; if (n == r) { print $c; exit } }' "$TMP/out"
}

rows() { grep -vc '^#' "$TMP/out"; }
