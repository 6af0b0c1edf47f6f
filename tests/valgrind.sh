#!/bin/sh
# SPDX-License-Identifier: MIT
# The tools' tests (tests/cli/*.sh) under valgrind's memcheck: every interf-* of a portable build
# runs through a shim that execs valgrind on it. Exits non-zero on any failed test or any
# valgrind report (invalid read or write, use of uninitialised memory, a definite leak, an error
# in a child of a test); prints "N passed, M failed" (scripts) last.
#   tests/valgrind.sh [BUILD_DIR [SCRIPT...]]   [build; every tests/cli/*.sh but lib.sh]
# Environment: VALGRIND_JOBS, scripts run at once [2]. The scripts get INTERF_SLOW=0: their
# long runs shortened (valgrind is 20 to 50 times slower), no tool left out.
# Suppressions (tests/valgrind.supp): third-party one-time allocations only.
set -u
src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-build}" && pwd) || exit 2
[ $# -gt 0 ] && shift
if grep -q '^INTERF_NATIVE:BOOL=ON' "$build/CMakeCache.txt" 2>/dev/null; then
    echo "valgrind.sh: $build is an INTERF_NATIVE build: valgrind cannot run -march=native code" >&2
    exit 2
fi
command -v valgrind >/dev/null || { echo "valgrind.sh: valgrind is not installed" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/interf-valgrind-XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
trap 'exit 2' HUP INT TERM
mkdir "$work/bin" "$work/logs" "$work/out"
# The failure tests run some tools as nobody: the shims and the log folder must serve them too.
chmod 755 "$work" "$work/bin"
chmod 1777 "$work/logs"

found=0
for tool in "$build"/interf-* "$build"/tests/example_epfd_point; do
    [ -x "$tool" ] || continue
    found=1
    # --vgdb=no: no FIFOs in /tmp (some tests run with a file size limit or as nobody)
    # Under mpirun (tests/cli/mpi.sh) Open MPI's own allocations are suppressed as well, and
    # hwloc's x86 backend, which cannot run under valgrind, is left out (it says so on stderr),
    # with its gl and opencl plugins (gl opens X displays: the resolver's one-time buffer).
    # --num-callers=40: deep enough for the suppressions' outermost frames (MPI_Init).
    cat >"$work/bin/$(basename "$tool")" <<EOF
#!/bin/sh
mpi=""
if [ -n "\${OMPI_COMM_WORLD_SIZE:-}" ]; then
    mpi="--suppressions=$src/tests/valgrind-mpi.supp"
    export HWLOC_COMPONENTS=-x86,-gl,-opencl
fi
exec valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite \\
    --num-callers=40 --errors-for-leak-kinds=definite --track-origins=no --vgdb=no \\
    --child-silent-after-fork=yes \\
    --suppressions="$src/tests/valgrind.supp" \$mpi --log-file="$work/logs/%p.log" "$tool" "\$@"
EOF
    chmod 755 "$work/bin/$(basename "$tool")"
done
[ "$found" = 1 ] || { echo "valgrind.sh: no interf-* tool in $build" >&2; exit 2; }

# install.sh is left out: it stages an installation and compiles against it (no memory to
# check). The longest scripts (5 to 10 minutes each under valgrind) start first, so that the
# last to finish is a short one.
if [ $# -eq 0 ]; then
    long="map mpi footprint epfd"
    for name in $long; do set -- "$@" "$src/tests/cli/$name.sh"; done
    for script in "$src"/tests/cli/*.sh; do
        name=$(basename "$script" .sh)
        case " lib install $long " in *" $name "*) ;; *) set -- "$@" "$script" ;; esac
    done
fi

# One script (xargs runs VALGRIND_JOBS at once): its output in out/NAME.log, its status in
# out/NAME.status. OpenBLAS and OpenMP threads sleep instead of spinning: valgrind runs one
# thread at a time, and a spinning one only takes the others' turn (the results do not depend
# on the thread count).
export VG_WORK="$work" VG_SRC="$src"
# tests/cli/mpi.sh needs mpirun, as ctest gives it, when the build has MPI (else it skips)
INTERF_MPIEXEC=""
if grep -q '^INTERF_MPI:BOOL=ON' "$build/CMakeCache.txt" 2>/dev/null; then
    INTERF_MPIEXEC=$(sed -n 's/^MPIEXEC_EXECUTABLE:FILEPATH=//p' "$build/CMakeCache.txt")
fi
export INTERF_MPIEXEC
t0=$(date +%s)
printf '%s\n' "$@" | xargs -n 1 -P "${VALGRIND_JOBS:-2}" sh -c '
    name=$(basename "$1" .sh)
    start=$(date +%s)
    INTERF_BIN="$VG_WORK/bin" INTERF_TEST_DATA="$VG_SRC/tests/data" INTERF_SLOW=0 LC_ALL=C \
        INTERF_EXAMPLE="$VG_WORK/bin/example_epfd_point" \
        OMP_WAIT_POLICY=passive OPENBLAS_NUM_THREADS=1 sh "$1" >"$VG_WORK/out/$name.log" 2>&1
    echo $? >"$VG_WORK/out/$name.status"
    echo "valgrind.sh: $name: exit $(cat "$VG_WORK/out/$name.status")," \
        "$(($(date +%s) - start)) s ($(tail -n 1 "$VG_WORK/out/$name.log"))"
' sh

passed=0
failed=0
for script in "$@"; do
    name=$(basename "$script" .sh)
    if [ "$(cat "$work/out/$name.status")" = 0 ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "valgrind.sh: $name failed:"
        grep -E '^(FAIL|XPASS)' "$work/out/$name.log" | head -n 20 | sed 's/^/    /'
    fi
done
reports=0
for log in "$work"/logs/*.log; do
    [ -s "$log" ] || continue
    reports=$((reports + 1))
    echo "valgrind.sh: valgrind report ($log):"
    head -n 60 "$log" | sed 's/^/    /'
done
echo "valgrind.sh: $# scripts, $reports valgrind reports, $(($(date +%s) - t0)) s"
[ "$reports" -eq 0 ] || failed=$((failed + 1))
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
