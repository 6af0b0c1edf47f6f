#!/bin/sh
# SPDX-License-Identifier: MIT
# Set up interf on Debian 12: install the Debian packages the build needs (as root, only those
# missing) and configure the build in ./build. Safe to run again. Extra arguments go to cmake,
# e.g. ./setup.sh -DINTERF_NATIVE=ON. With CI=true in the environment warnings are errors.
set -eu
cd "$(dirname "$0")"

# gdal-bin: the GeoTIFF tests read our files with gdalinfo and write files with gdal_translate.
# libopenmpi-dev openmpi-bin: the tools' MPI driver (mpirun interf-epfd ...; optional to the
# build, which finds it when present).
packages="build-essential cmake pkg-config libproj-dev proj-data libpng-dev libopenblas-dev
libcriterion-dev groff-base libcairo2-dev libxml2-dev fonts-dejavu-core python3 libtiff-dev
libgeotiff-dev gdal-bin liberfa-dev libopenmpi-dev openmpi-bin"

missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "setup.sh: missing Debian packages:$missing; run as root (or with sudo)" >&2
        exit 2
    fi
    echo "setup.sh: installing$missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

werror=OFF
[ "${CI:-}" = true ] && werror=ON
cmake -S . -B build -DINTERF_WERROR=$werror "$@" >/dev/null
echo "setup.sh: configured ./build (build with: cmake --build build -j2)" >&2
