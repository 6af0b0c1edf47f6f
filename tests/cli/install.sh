# SPDX-License-Identifier: MIT
# The installed package is usable: install this build into a temporary prefix, move it (the
# pkg-config file and the CMake package must follow the prefix, not the configured one), then
# build tests/cli/data/use_interf.c against it with pkg-config and with find_package(interf),
# and run both. Environment (set by ctest): INTERF_BUILD_DIR, the build tree; INTERF_CC, its C
# compiler; INTERF_SANITIZE, 1 when the library is built with ASan/UBSan (the program then is
# too: an instrumented library needs the sanitizer runtime loaded first).
. "$(dirname "$0")/lib.sh"

: "${INTERF_BUILD_DIR:?INTERF_BUILD_DIR must name the build tree}"
: "${INTERF_CC:?INTERF_CC must name the C compiler}"
SRC="$(cd "$(dirname "$0")" && pwd)/data/use_interf.c"
VERSION=$(sed -n 's/^#define INTERF_VERSION_STRING "\(.*\)"$/\1/p' \
    "$INTERF_TEST_DATA/../../include/interf.h")
# Expected: interf_grid_spec_init(-180, 180, -90, 90, 1) is 360 x 180 cells centred on
# -179.5 ... 179.5 (include/interf/grid.h); 10 log10(1000) = 30 dB.
WANT="$VERSION 360 x 180 cells, first column at -179.5 deg, 1000 is 30.0 dB"
SAN=""
[ "${INTERF_SANITIZE:-0}" = 1 ] && SAN="-fsanitize=address,undefined"
# Only what a user has: no library path from the environment.
unset LD_LIBRARY_PATH PKG_CONFIG_PATH CMAKE_PREFIX_PATH

expect_exit 0 cmake --install "$INTERF_BUILD_DIR" --prefix "$TMP/staged"
mv "$TMP/staged" "$TMP/prefix"
PREFIX="$TMP/prefix"

expect_output() {
    if [ "$STATUS" -eq 0 ] && [ "$(cat "$TMP/out")" = "$WANT" ]; then
        pass
    else
        fail "$1: exit status $STATUS, printed \"$(cat "$TMP/out")\", expected \"$WANT\""
        show_stderr
    fi
}

# pkg-config: the .pc file lies in LIBDIR/pkgconfig (lib, or lib/<triplet> on Debian). A
# prefix outside the linker's search path needs the library's folder at run time: an rpath,
# as here, or LD_LIBRARY_PATH.
pc=$(find "$PREFIX" -name interf.pc)
export PKG_CONFIG_PATH="${pc%/interf.pc}"
libdir=$(pkg-config --variable=libdir interf)
case $libdir in
"$PREFIX"/*) pass ;;
*) fail "interf.pc: libdir $libdir is not under the prefix $PREFIX" ;;
esac
# shellcheck disable=SC2046 # word splitting of the flags is wanted
expect_exit 0 "$INTERF_CC" -std=c11 $SAN -o "$TMP/use_pc" "$SRC" \
    $(pkg-config --cflags --libs interf) -Wl,-rpath,"$libdir"
run "$TMP/use_pc"
expect_output "pkg-config build"
unset PKG_CONFIG_PATH

# CMake: find_package(interf) and interf::interf; CMake gives the program an rpath to the
# imported library itself.
mkdir "$TMP/cm"
cat >"$TMP/cm/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.25)
project(use_interf LANGUAGES C)
find_package(interf $VERSION REQUIRED)
add_executable(use_interf "$SRC")
target_link_libraries(use_interf PRIVATE interf::interf)
CMAKE
expect_exit 0 cmake -S "$TMP/cm" -B "$TMP/cm/build" -DCMAKE_PREFIX_PATH="$PREFIX" \
    -DCMAKE_C_COMPILER="$INTERF_CC" -DCMAKE_C_FLAGS="$SAN"
expect_exit 0 cmake --build "$TMP/cm/build"
run "$TMP/cm/build/use_interf"
expect_output "find_package build"

finish
