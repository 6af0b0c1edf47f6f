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

# --- Failure paths (tests/cli/fail_*.sh) ---------------------------------------------------
#   $O                         the output folder of a failure case (see keep_outdir)
#   INTERF_SLOW                0 (tests/valgrind.sh sets it): shorter long runs
#   keep_outdir FILE...        make $O hold only FILE... (each with known text: the previous
#                              output of the case) and remember them
#   expect_failure TEXT CMD... run CMD: exit 2, nothing on stdout, stderr one line starting
#                              with TEXT ("Try 'NAME --help'." may follow a usage error), and
#                              $O as keep_outdir left it (no partial, temporary or sidecar file;
#                              the previous outputs byte for byte)
#   check_failure TEXT         the same checks of the last run (after as_nobody, interrupt...)
#   as_nobody CMD...           like run, as an unprivileged user (root: setpriv or runuser)
#   make_locked NAME FILE      $LOCKED: a copy of FILE nobody may read (fails if it stays readable)
#   make_full                  $FULL: a /dev/full device (a node of our own when root, so that a
#                              tool that renames over it cannot replace the system's);
#                              check_full: it is still the device, nothing written beside it
#   with_fsize CMD...          like run, with a 1 KiB file size limit and SIGXFSZ ignored: a
#                              write error (EFBIG) in the middle of a regular file
#   interrupt SIG WAIT CMD...  like run: CMD in the background with SIG at its default action;
#                              once WAIT succeeds (a command, polled for 120 s) send SIG
#   hold_fifo FIFO             make FIFO, and FIFO.open once a reader opens it (it then waits
#                              for data that never comes); release_fifo FIFO ends it
#   write_system FILE          a small valid system file (shape of footprints/leo-ku-550.ini)
#   known ID CMD...            expected failures of a bug being fixed (see below)
: "${INTERF_SLOW:=1}"
O="$TMP/o"

keep_outdir() {
    rm -rf "${O:?}" "${TMP:?}/o.saved"
    mkdir "$O" "$TMP/o.saved"
    for f in "$@"; do
        printf 'previous %s\n' "$f" >"$O/$f"
        cp "$O/$f" "$TMP/o.saved/$f"
    done
    # Open to anyone: as_nobody runs must find their failure in the input, not here.
    chmod 1777 "$O"
}

# Count a pass when $O holds exactly the files keep_outdir left, unchanged; else put them
# back for the next case.
check_outdir() {
    bad=""
    if [ "$(ls -A "$O")" != "$(ls -A "$TMP/o.saved")" ]; then
        bad="left in the output folder: $(ls -A "$O" | tr '\n' ' ')"
    else
        for f in $(ls -A "$TMP/o.saved"); do
            cmp -s "$O/$f" "$TMP/o.saved/$f" || {
                bad="previous output $f changed"
                break
            }
        done
    fi
    if [ -z "$bad" ]; then
        pass
        return
    fi
    fail "$LAST: $bad"
    rm -rf "${O:?}"
    cp -pR "$TMP/o.saved" "$O"
}

# The last run: exit 2, no stdout, one error line starting with $1, $O untouched.
check_failure() {
    if [ "$STATUS" -eq 2 ]; then pass; else fail "$LAST: exit status $STATUS, expected 2"; fi
    expect_no_stdout
    if [ "$(sed -n 2p "$TMP/err")" = "Try '${1%%:*} --help'." ] && [ "$(wc -l <"$TMP/err")" -eq 2 ]
    then
        sed -i 2d "$TMP/err"
    fi
    expect_stderr_prefix "$1"
    check_outdir
}

expect_failure() {
    want=$1
    shift
    run "$@"
    check_failure "$want"
}

as_nobody() {
    LAST="(as nobody) $*"
    if [ "$(id -u)" -ne 0 ]; then
        "$@" >"$TMP/out" 2>"$TMP/err"
    elif command -v setpriv >/dev/null 2>&1; then
        setpriv --reuid=65534 --regid=65534 --clear-groups "$@" >"$TMP/out" 2>"$TMP/err"
    else
        runuser -u nobody -- "$@" >"$TMP/out" 2>"$TMP/err"
    fi
    STATUS=$?
}

# A file nobody may read; fails (never skips) when the test cannot run as someone who is
# refused it. Sets $LOCKED.
make_locked() {
    mkdir -p "$TMP/pub"
    chmod 755 "$TMP" "$TMP/pub"
    LOCKED="$TMP/pub/$1"
    cp "$2" "$LOCKED"
    chmod 000 "$LOCKED"
    as_nobody cat "$LOCKED"
    if [ "$STATUS" -eq 0 ]; then
        fail "cannot test an unreadable file: $LOCKED is readable to $(id -un) (no setpriv," \
            "no runuser?)"
        return 1
    fi
    return 0
}

make_full() {
    FULL="$TMP/dev/full"
    rm -rf "${TMP:?}/dev"
    mkdir "$TMP/dev"
    if ! mknod "$FULL" c 1 7 2>/dev/null || ! [ -c "$FULL" ] ||
        (printf x >"$FULL") 2>/dev/null; then
        rm -f "$FULL"
        FULL=/dev/full
    fi
}

# Count a pass when $FULL is still the device and (our own node) nothing was written beside it.
check_full() {
    beside=""
    [ "$FULL" = /dev/full ] || beside=$(ls -A "$TMP/dev" | grep -v '^full$')
    if [ -c "$FULL" ] && [ -z "$beside" ]; then
        pass
    else
        fail "$LAST: $FULL replaced, or files written beside it: $beside"
        make_full
    fi
}

with_fsize() {
    LAST="(ulimit -f 2) $*"
    (
        trap '' XFSZ
        ulimit -f 2
        exec "$@"
    ) >"$TMP/out" 2>"$TMP/err"
    STATUS=$?
}

interrupt() {
    sig=$1
    waitfor=$2
    shift 2
    LAST="(SIG$sig mid-run) $*"
    env --default-signal=INT,TERM,HUP "$@" >"$TMP/out" 2>"$TMP/err" &
    pid=$!
    tries=0
    until eval "$waitfor"; do
        tries=$((tries + 1))
        if [ "$tries" -gt 1200 ] || ! kill -0 "$pid" 2>/dev/null; then
            fail "$LAST: never reached the point to interrupt ($waitfor)"
            break
        fi
        sleep 0.1
    done
    kill -s "$sig" "$pid" 2>/dev/null
    wait "$pid"
    STATUS=$?
}

hold_fifo() {
    rm -f "$1" "$1.open"
    mkfifo "$1"
    # Opening for writing returns once the tool has opened the FIFO for reading; the writer
    # then stays open (sending nothing) so that the tool waits for input until the signal.
    (
        exec 9>"$1"
        : >"$1.open"
        exec sleep 600
    ) &
    FIFO_HOLDER=$!
}

release_fifo() {
    kill "$FIFO_HOLDER" 2>/dev/null
    wait "$FIFO_HOLDER" 2>/dev/null
    rm -f "$1" "$1.open"
}

# A small non-GSO system (the shape of footprints/leo-ku-550.ini, kept here so that the
# failure tests do not move with the shipped examples) with an Article 22 earth station.
write_system() {
    cat >"$1" <<'INI'
[system]
name = failure-path test system
epoch_utc = 2025-01-01T00:00:00Z
band_ghz = 10.7-12.7
ref_bandwidth_khz = 40

[antenna ku]
pattern = S.1528:1.2
gain_max_dbi = 35
half_beamwidth_deg = 1.5
ln_db = -20
z = 1
lf_dbi = 0

[beam nadir]
antenna = ku
pointing = nadir
power_dbw = -40.0

[orbit shell1]
type = walker-delta
altitude_km = 550
inclination_deg = 53.0
satellites = 1584
planes = 72
phasing = 65
beams = nadir
min_elevation_deg = 25
gso_avoidance_deg = 18

[earth-station]
dish_m = 0.6
pattern = S.1428
gso_lon = same
INI
}

# known ID CMD...: run CMD (a function of the script that counts its checks). When ID is in
# $KNOWN_FAILURES (a bug reported, its fix pending), each failure of CMD prints as "XFAIL (ID)"
# and is counted in $XFAILED, not $FAILED; a CMD that passes fails as "XPASS": take ID off the
# list. known_summary prints the count (before finish).
XFAILED=0
known() {
    id=$1
    shift
    case " ${KNOWN_FAILURES:-} " in
    *" $id "*) ;;
    *)
        "$@"
        return
        ;;
    esac
    before_failed=$FAILED
    "$@" >"$TMP/known.out"
    if [ "$FAILED" -gt "$before_failed" ]; then
        XFAILED=$((XFAILED + FAILED - before_failed))
        FAILED=$before_failed
        sed "s/^FAIL: /XFAIL ($id): /" "$TMP/known.out"
    else
        cat "$TMP/known.out"
        fail "XPASS ($id): the known failure is fixed: take $id off KNOWN_FAILURES"
    fi
}

known_summary() {
    [ "$XFAILED" -eq 0 ] ||
        printf 'KNOWN FAILURES: %d checks failed in: %s (not counted below)\n' "$XFAILED" \
            "$KNOWN_FAILURES"
}
