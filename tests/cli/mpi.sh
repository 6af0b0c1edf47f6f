# SPDX-License-Identifier: MIT
# interf-epfd under mpirun: grids, points, a single point split in time windows, CDF tables,
# series and the aggregate of two systems over a band plan (at points and on a grid, and its
# series) from 2 and 3 ranks, each the same bytes as the one-process run's; bad input and an
# error on one rank reported once (exit 2); a signal leaves no file. interf-exam (EPFD down and
# up runs split in time windows: CDF files, charts, summary) and interf-footprint (grids,
# --stat) the same. Skipped (77) when the build has no MPI (INTERF_MPIEXEC empty: cmake
# -DINTERF_MPI=OFF, or no MPI found).
. "$(dirname "$0")/lib.sh"

if [ -z "${INTERF_MPIEXEC:-}" ]; then
    echo "mpi.sh: this build has no MPI: skipped"
    exit 77
fi
# --oversubscribe: 3 ranks on a machine of 2 cores (OpenMPI refuses more ranks than cores);
# --allow-run-as-root: CI runs as root, which OpenMPI refuses without it; --bind-to none: the
# ranks' OpenMP threads are not all bound to one core; -q: mpirun adds no notice of its own
# after a rank exits non-zero (the tool's message is then the only line).
MPI="$INTERF_MPIEXEC -q --oversubscribe --allow-run-as-root --bind-to none"
EPFD="$INTERF_BIN/interf-epfd"
SYS="$INTERF_TEST_DATA/../../footprints/leo-ku-550.ini"
# Open MPI's own one-time allocations (kept until exit) are not our leaks: suppressed here only,
# by the frames of complete stacks (the fast unwinder stops in libraries without frame pointers).
export LSAN_OPTIONS="suppressions=$INTERF_TEST_DATA/../lsan-mpi.supp:print_suppressions=0:\
fast_unwind_on_malloc=0"
O="$TMP/o"
# Run lengths; under valgrind (INTERF_SLOW=0) shorter, the single point still in several
# blocks of steps per rank.
T_GRID="--duration 5m" T_POINTS="--duration 30m" T_ONE="--duration 2h" T_SERIES="--duration 1h"
# Under valgrind, 3 ranks only: their uneven windows and parts take every path of the
# exchange that 2 ranks take, and each rank's MPI start-up costs seconds there.
RANKS="2 3"
if [ "$INTERF_SLOW" = 0 ]; then
    T_GRID="--steps 3" T_POINTS="--duration 5m" T_ONE="--duration 20m" T_SERIES="--duration 5m"
    RANKS=3
fi

# Run the same arguments of $TOOL (interf-epfd unless set) in folders 1 (one process) and N
# (N ranks, for N in $RANKS), each from inside its folder so that the command line in the
# outputs' provenance is the same; then every file of folder 1 must be in each N, byte for byte. Standard input: the
# file $INPUT, if set. Exit status: $STATUS_WANT (0 unless set). Standard output goes through
# the sed script $TIMELESS, if set, first (it blanks the run's measured times).
same_as_one_process() {
    what=$1
    shift
    for n in 1 $RANKS; do
        rm -rf "${TMP:?}/$n"
        mkdir "$TMP/$n"
        if [ $n = 1 ]; then
            (cd "$TMP/$n" && "${TOOL:-$EPFD}" "$@" <"${INPUT:-/dev/null}" >stdout 2>stderr)
        else
            # shellcheck disable=SC2086
            (cd "$TMP/$n" && $MPI -n $n "${TOOL:-$EPFD}" "$@" <"${INPUT:-/dev/null}" >stdout \
                2>stderr)
        fi
        st=$?
        [ $st = "${STATUS_WANT:-0}" ] && pass ||
            { fail "$what, $n: exit $st"; sed 's/^/    /' "$TMP/$n/stderr"; }
        [ -z "${TIMELESS:-}" ] || sed -i -E "$TIMELESS" "$TMP/$n/stdout"
    done
    [ -s "$TMP/1/stdout" ] || [ "$(ls "$TMP/1" | wc -l)" -gt 2 ] || fail "$what: no output"
    for f in $(ls "$TMP/1"); do
        for n in $RANKS; do
            cmp -s "$TMP/1/$f" "$TMP/$n/$f" && pass || fail "$what: $f differs with $n ranks"
        done
    done
}

# A grid of 18 super tiles (6 x 3 of 32 x 32 cells): 2 ranks take 9 each (tile parts), 3
# ranks a third of the steps each (time windows); several statistics, one grid each.
# shellcheck disable=SC2086
same_as_one_process "grid" -s "$SYS" --grid -180/180/-80/80/2 $T_GRID -j 1 -q \
    --stat max --stat p99 --stat exceed:-170 -o g
[ -s "$TMP/1/g.max.asc" ] && [ -s "$TMP/1/g.p99.asc.aux.xml" ] && pass || fail "grid files"

# Points from a table (on standard input: under mpirun only rank 0 has it).
printf '# lat_deg lon_deg\n45 10\n-30 100\n0 0\n52 -1\n' >"$TMP/points.txt"
# shellcheck disable=SC2086
same_as_one_process "points" -s "$SYS" --points "$TMP/points.txt" $T_POINTS -j 1 -q \
    --stat p99.9 --stat max --stat margin:22-1A
# shellcheck disable=SC2086
INPUT="$TMP/points.txt" same_as_one_process "points on stdin" -s "$SYS" --points - $T_POINTS \
    -j 1 -q
# The system file on standard input.
# shellcheck disable=SC2086
INPUT="$SYS" same_as_one_process "system on stdin" -s - --at 45,10 $T_POINTS -j 1 -q --cdf

# One earth station, 1 s steps for 2 h (7200 steps): time windows of the run that start inside
# the kernel's blocks of steps and inside satellites' visibility windows (at 2400, 3600, 4800);
# CDF tables, series.
# shellcheck disable=SC2086
same_as_one_process "single point" -s "$SYS" --at 45,10 --step 1s $T_ONE -j 1 -q --cdf
grep -q '^# epfd_dbw_m2_40khz pct_time_exceeded' "$TMP/1/stdout" && pass || fail "CDF table"
# shellcheck disable=SC2086
same_as_one_process "series" -s "$SYS" --at 45,10 --at 40,-3 --step 1s $T_SERIES -j 1 -q \
    --series -o series.txt

# The aggregate of two systems over a band plan of 8 channels of 250 MHz: each rank runs a
# window of whole blocks of 64 steps (256 steps: 2 ranks 2 blocks each, 3 ranks 1, 1 and 2) and
# rank 0 writes the merge: per-channel CDFs at points (each system's too), and on a grid the
# statistics of the per-step maximum over channels and the worst channel, one file each.
CH="$INTERF_TEST_DATA/../../footprints/leo-ku"
MIX="-s $CH-550-channels.ini -s $CH-1150-channels.ini --spectrum 10.7-12.7 --channel-khz 250000"
T_MIX="--steps 256" T_MIXGRID="--steps 256"
[ "$INTERF_SLOW" = 0 ] && T_MIX="--steps 130" T_MIXGRID="--steps 70"
# shellcheck disable=SC2086
same_as_one_process "aggregate at points" $MIX --at 45,10 --at -30,100 $T_MIX -j 1 -q --cdf \
    --per-system
grep -q '^# systems: aggregate of 2' "$TMP/1/stdout" && pass || fail "aggregate CDF tables"
# shellcheck disable=SC2086
same_as_one_process "aggregate on a grid" $MIX --grid -20/20/30/62/4 $T_MIXGRID -j 1 -q \
    --stat max --stat p99 -o g
[ -s "$TMP/1/g.channel.asc" ] && [ -s "$TMP/1/g.p99.asc" ] && pass || fail "aggregate grids"
# Its series in one channel where both transmit: each rank's window of steps gathered. Under
# valgrind (INTERF_SLOW=0) this case, the EPFD-down examination and the plain footprint are
# left out: the driver paths they take (series gathered, exam parts summed, rows gathered) are
# taken by the cases kept, and CI's time is bounded.
if [ "$INTERF_SLOW" != 0 ]; then
    # shellcheck disable=SC2086
    same_as_one_process "aggregate series" -s "$CH-550-channels.ini" \
        -s "$CH-1150-channels.ini" --spectrum 11.45-11.7 --channel-khz 250000 --at 45,10 \
        --at -30,100 $T_MIX --step 1s -j 1 -q --series -o s.txt
fi

# interf-exam: the runs' steps in contiguous time windows, one a rank. EPFD down of Table 22-1A
# 0.6 m (the worst-case geometry searched every 5 deg, on every rank) over 20 000 steps of the
# dual time step (Ncoarse 7: the windows of 2 and 3 ranks, at 10 000, 6667 and 13 334, start
# inside its blocks); INSUFFICIENT (exit 3) below N_min. EPFD up of Table 22-2. The CDF files,
# the charts and the summary (its measured times and rates blanked) are the same bytes.
EXAM="$INTERF_BIN/interf-exam"
EXAM_SYS="$INTERF_TEST_DATA/../../footprints/leo-ku-rgt-exam.ini"
UP_SYS="$INTERF_TEST_DATA/../../footprints/oneweb-ku-up.ini"
T_UP=2000
[ "$INTERF_SLOW" = 0 ] && T_UP=300
TIMELESS='s/ in [0-9.]+ s$/ in T s/; s/, [0-9.]+ s, [0-9]+ steps\/s/, T s, R steps\/s/; '\
's/(PASS|FAIL|INSUFFICIENT) +[0-9]+$/\1 R/'
if [ "$INTERF_SLOW" != 0 ]; then
    TOOL=$EXAM STATUS_WANT=3 TIMELESS=$TIMELESS same_as_one_process "exam down" \
        -s "$EXAM_SYS" --limits 22-1A --dish-m 0.6 --wcg-step 5 --steps 20000 -j 1 -q -o e
    [ -s "$TMP/1/e.22-1A_0.6m_40kHz.cdf.txt" ] && [ -s "$TMP/1/e.22-1A_0.6m_40kHz.png" ] &&
        pass || fail "exam down files: $(ls "$TMP/1")"
    grep -q '^  run: 20000 steps of 0.621 s (2912 evaluated .*Ncoarse 7), T s, R steps/s' \
        "$TMP/1/stdout" && pass || fail "exam down summary: $(grep '^  run:' "$TMP/1/stdout")"
fi
TOOL=$EXAM TIMELESS=$TIMELESS same_as_one_process "exam up" -s "$UP_SYS" --limits 22-2 \
    --steps $T_UP -j 1 -q -o u
grep -q '^verdict: PASS$' "$TMP/1/stdout" && pass || fail "exam up: $(head -n 2 "$TMP/1/stdout")"

# interf-footprint: the grid's points in parts, one a rank: --stat over the beam-hopping
# schedule of hop.ini (6 tiles of 4096 points of its aggregate: 3 and 3, 2 each), the
# instantaneous pfd (140 rows).
HOP="$INTERF_TEST_DATA/../../footprints/hop.ini"
TOOL="$INTERF_BIN/interf-footprint" same_as_one_process "footprint --stat" -s "$HOP" --sat 0 \
    --quantity pfd --grid -10/30/30/65/0.25 --stat max --stat mean --stat p50 -o h
[ -s "$TMP/1/h.p50.asc" ] && pass || fail "footprint --stat files: $(ls "$TMP/1")"
[ "$INTERF_SLOW" = 0 ] || TOOL="$INTERF_BIN/interf-footprint" same_as_one_process "footprint" \
    -s "$HOP" --sat 0 --quantity pfd --grid -10/30/30/65/0.25

# Bad input: one message, exit 2, nothing written.
keep_outdir
expect_failure "interf-epfd: $TMP/none.ini: No such file or directory" \
    $MPI -n 3 "$EPFD" -s "$TMP/none.ini" --at 45,10 -o "$O/out.txt"
expect_failure "interf-epfd: --dish-m: -3: allowed range" \
    $MPI -n 2 "$EPFD" -s "$SYS" --at 45,10 --dish-m -3 -o "$O/out.txt"
printf '# lat_deg lon_deg\n45 10\n-30 x\n' >"$TMP/bad.txt"
expect_failure "interf-epfd: $TMP/bad.txt:3:5: x: not a number" \
    $MPI -n 2 "$EPFD" -s "$SYS" --points "$TMP/bad.txt" -o "$O/out.txt"

keep_outdir
expect_failure "interf-exam: --limits: 22-9Z: no such table" \
    $MPI -n 3 "$EXAM" -s "$EXAM_SYS" --limits 22-9Z -o "$O/x"
keep_outdir
expect_failure "interf-exam: $TMP/none.ini: No such file or directory" \
    $MPI -n 2 "$EXAM" -s "$TMP/none.ini" -o "$O/x"
sed '/^schedule_file/d' "$HOP" >"$TMP/nosched.ini"
keep_outdir
expect_failure "interf-footprint: --stat: satellite 0: [orbit hop] has no schedule_file" \
    $MPI -n 3 "$INTERF_BIN/interf-footprint" -s "$TMP/nosched.ini" --sat 0 --quantity pfd \
    --stat max -o "$O/out.asc"

# An error that one rank alone meets (its memory limited: the 1 deg grid's histograms need
# 0.47 GiB) reaches the user once, naming the rank. AddressSanitizer reserves more address
# space than any such limit: not under sanitizers, nor valgrind (INTERF_SLOW=0).
if [ "${INTERF_SANITIZE:-0}" != 1 ] && [ "$INTERF_SLOW" != 0 ]; then
    keep_outdir
    run $MPI -n 1 "$EPFD" -s "$SYS" --grid -180/180/-80/80/1 --steps 2 -q -o "$O/out.asc" : \
        -n 1 sh -c "ulimit -v 600000; exec \"$EPFD\" -s \"$SYS\" --grid -180/180/-80/80/1 \
        --steps 2 -q -o \"$O/out.asc\""
    check_failure "interf-epfd: rank 1: "
    grep -q "out of memory" "$TMP/err" && pass || fail "rank 1: $(cat "$TMP/err")"
fi

# SIGINT to mpirun mid-run (it sends the ranks SIGTERM): no file is left, and only rank 0 says
# so (mpirun, ending the job, does not always pass its last line on: at most once).
keep_outdir out.asc
long="--grid -20/20/30/60/1 --duration 2d"
[ "$INTERF_SLOW" = 0 ] && long="--grid -10/10/40/50/1 --duration 2d"
# shellcheck disable=SC2086
interrupt INT 'grep -q "%" "$TMP/err"' $MPI -n 2 "$EPFD" -s "$SYS" $long --progress \
    -o "$O/out.asc"
[ "$STATUS" != 0 ] && pass || fail "interrupted run: exit 0"
[ "$(grep -c 'interf-epfd: terminated by SIGTERM' "$TMP/err")" -le 1 ] && pass ||
    fail "interrupted run: $(tr '\r' '\n' <"$TMP/err" | tail -n 3)"
check_outdir

finish
