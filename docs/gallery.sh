#!/bin/sh
# SPDX-License-Identifier: MIT
# Re-make the README's pictures from a build: sh docs/gallery.sh [BUILD_DIR] (default ./build).
# Takes about two minutes on two cores (a day of EPFD on a 1 deg grid).
set -eu
cd "$(dirname "$0")/.."
B=${1:-build}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
IMG=docs/img
SYS=footprints/leo-ku-550.ini

"$B/interf-epfd" -s $SYS --grid -180/180/-90/90/1 --duration 1d --step 10s --stat max --stat p99 \
    -o "$T/day" -q
"$B/interf-map" "$T/day.p99.asc" --proj robin --coast --borders --contour -180 \
    --title 'EPFD↓ p99 over 1 day, 0.6 m dish' \
    --subtitle 'LEO Ku 550 km (Starlink-like shell 1), 1584 satellites; GSO satellite at each point’s longitude' \
    -o $IMG/epfd-p99-robin.png
"$B/interf-map" "$T/day.p99.asc" --proj geos:19.2 --coast --borders --graticule 15 --contour -180 \
    --title 'EPFD↓ p99 over 1 day, 0.6 m dish' --subtitle 'seen from the GSO at 19.2°E' \
    -o $IMG/epfd-p99-geos.png

"$B/interf-epfd" -s $SYS --at 45,10 --step auto --steps 1000000 --cdf -q >"$T/cdf.txt"
"$B/interf-map" --cdf "$T/cdf.txt" --limits 22-1A \
    --title 'EPFD↓ at 45°N 10°E, 0.6 m dish, 10⁶ steps of 0.266 s' --subtitle 'against RR Table 22-1A' \
    -o $IMG/cdf-22-1a.png

"$B/interf-orbit" -s footprints/qzss.ini --sat 0-2 --duration 1d --step 5m -o "$T/qzss.txt"
"$B/interf-map" "$T/day.max.asc" --proj ortho:20,135 --coast --borders --graticule 15 \
    --track "$T/qzss.txt" --mark 35.68,139.69,Tokyo --title 'QZSS ground tracks over a day' \
    --subtitle 'on the EPFD↓ max map of the default LEO system, 0.6 m dish' -o $IMG/qzss-track.png

"$B/interf-pattern" --pattern S.1428 --dish-m 0.6 --freq-ghz 11.7 --from 0 --to 180 --log-angle \
    --png $IMG/s1428-pattern.png
