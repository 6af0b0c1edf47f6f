#!/bin/sh
# SPDX-License-Identifier: MIT
# Re-make the README's pictures from a build: sh docs/gallery.sh [BUILD_DIR [footprints]]
# (default ./build). Takes about three minutes on two cores (a day of EPFD on a 1 deg grid); with
# the second argument footprints, only the footprint pictures of the shipped systems (the
# second half) are made, in about 20 s.
set -eu
cd "$(dirname "$0")/.."
B=${1:-build}
PART=${2:-all}
case $PART in all | footprints) ;; *) echo "gallery.sh: unknown part $PART" >&2; exit 2 ;; esac
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
IMG=docs/img
SYS=footprints/leo-ku-550.ini

# EPFD pictures of the default system (left out with the second argument footprints).
if [ "$PART" = all ]; then
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
    --title 'EPFD↓ at 45°N 10°E, 0.6 m dish, 10⁶ steps of 0.269 s' --subtitle 'against RR Table 22-1A' \
    -o $IMG/cdf-22-1a.png

# The aggregate of two systems, eight 250 MHz channels, against Resolution 76 (two channels
# unused: no emitter in view)
"$B/interf-epfd" -s footprints/leo-ku-550-channels.ini -s footprints/leo-ku-1150-channels.ini \
    --at 45,10 --spectrum 10.7-12.7 --channel-khz 250000 --step auto --steps 200000 --cdf -q \
    -o "$T/aggr.txt"
"$B/interf-map" --cdf "$T/aggr.txt" --limits Res76-1A \
    --title 'Aggregate EPFD↓ of two NGSO systems at 45°N 10°E, 0.6 m dish' \
    --subtitle 'eight 250 MHz channels of 10.7–12.7 GHz, 2 × 10⁵ steps of 0.269 s, against Res. 76 Table 1A' \
    -o $IMG/aggregate-res76.png

# The same aggregate on a 2 deg grid over 3 hours: the max of the per-step maximum over the
# channels (the worst channel's max) and which channel that is
"$B/interf-epfd" -s footprints/leo-ku-550-channels.ini -s footprints/leo-ku-1150-channels.ini \
    --grid -180/180/-80/80/2 --spectrum 10.7-12.7 --channel-khz 250000 --duration 3h --step 10s \
    --stat max -o "$T/agg" -q
"$B/interf-map" "$T/agg.max.asc" --proj robin --coast \
    --title 'Aggregate EPFD↓ of two NGSO systems: max over 3 h, worst channel' \
    --subtitle 'eight 250 MHz channels of 10.7–12.7 GHz, 0.6 m dish; GSO satellite at each point’s longitude' \
    -o $IMG/aggregate-worst-channel-max.png
"$B/interf-map" "$T/agg.channel.asc" --proj robin --coast \
    --title 'Worst channel of the aggregate EPFD↓ of two NGSO systems, 0.6 m dish' \
    --subtitle 'the 250 MHz channel (of 8 in 10.7–12.7 GHz) with the highest max over 3 h' \
    -o $IMG/aggregate-worst-channel.png

"$B/interf-orbit" -s footprints/qzss.ini --sat 0-2 --duration 1d --step 5m -o "$T/qzss.txt"
"$B/interf-map" "$T/day.max.asc" --proj ortho:20,135 --coast --borders --graticule 15 \
    --track "$T/qzss.txt" --mark 35.68,139.69,Tokyo --title 'QZSS ground tracks over a day' \
    --subtitle 'on the EPFD↓ max map of the default LEO system, 0.6 m dish' -o $IMG/qzss-track.png

"$B/interf-pattern" --pattern S.1428 --dish-m 0.6 --freq-ghz 11.7 --from 0 --to 180 --log-angle \
    --png $IMG/s1428-pattern.png
fi

# ---------------------------------------------------------------- footprints of the systems
# Each system of footprints/ at an instant (times are UTC; every file's epoch is its t = 0).

# --mark options for the sub-satellite points of satellites $3.. of system $1 at time $2, each
# labelled with the next word of $LABELS (labels without spaces).
sub_marks() {
    "$B/interf-orbit" -s "$1" --sat "$3" --start "$2" -q |
        awk -v labels="$LABELS" 'BEGIN { n = split(labels, l, " ") }
            !/^#/ { k++; printf "--mark %.2f,%.2f,%s\n", $4, $5, l[k] }'
}

# GSO Ku spot beams (gso-ku-spots.ini): relative gain of each satellite's beam, seen from it.
GSO=footprints/gso-ku-spots.ini
LEVELS='contours −3, −6, −10 dB'
"$B/interf-footprint" -s $GSO --sat 0 --quantity gain --grid 105/170/10/60/0.1 -o "$T/jp.asc"
"$B/interf-map" "$T/jp.asc" --proj geos:128 --region 116/158/20/50 --coast --borders \
    --graticule 5 --range -25:0 --contour -3,-6,-10 --mark 37.8,137.7,aim \
    --title 'GSO Ku spot beam on Japan from 128°E: relative gain G − Gmax (dB)' \
    --subtitle "S.1528 elliptical, 2.9° × 1.32° at 45°, 38.7 dBi, 22.5 dBW/40 kHz peak; $LEVELS" \
    -o $IMG/gso-ku-japan.png
"$B/interf-footprint" -s $GSO --sat 1 --quantity gain --grid -140/-55/10/60/0.1 -o "$T/us.asc"
"$B/interf-map" "$T/us.asc" --proj geos:-101 --region -130/-62/18/52 --coast --borders \
    --graticule 5 --range -25:0 --contour -3,-6,-10 --mark 39,-97.5,aim \
    --title 'GSO Ku spot beam on CONUS from 101°W: relative gain G − Gmax (dB)' \
    --subtitle "S.672-4, 4.4° beamwidth, 31.6 dBi, 22.5 dBW/40 kHz peak; $LEVELS" \
    -o $IMG/gso-ku-conus.png

# QZSS (qzss.ini): the figure-8 ground track of the three IGSO satellites over a day, and the
# number of QZSS satellites (3 IGSO + GEO) above 10° at three times: each satellite's L1
# footprint is where it stands above 10°, so the colours show how the footprints overlap.
QZ=footprints/qzss.ini
"$B/interf-orbit" -s $QZ --sat 0-2 --duration 1d --step 5m -q -o "$T/qz-track.txt"
LABELS='IGSO-1 IGSO-2 IGSO-3 GEO'
for hh in 00 03 06; do
    "$B/interf-footprint" -s $QZ --quantity visible --min-elevation 10 --time ${hh}h \
        --grid -180/180/-90/90/0.25 -o "$T/qz.asc"
    # shellcheck disable=SC2046 # one --mark option per word, labels have no spaces
    "$B/interf-map" "$T/qz.asc" --proj ortho:10,135 --coast --borders --graticule 15 \
        --range -0.5:4.5 --track "$T/qz-track.txt" $(sub_marks $QZ ${hh}h 0-3) \
        --title "QZSS-like: L1 footprints at ${hh}:00 UTC, satellites above 10° elevation" \
        --subtitle "three IGSO satellites on one figure-8 track (red, 1 day) and a GEO at 127°E;\
 dots: sub-satellite points" \
        -o $IMG/qzss-footprints-${hh}h.png
done
# The L1 beam of one IGSO satellite at apogee: PFD of its shaped (isoflux) earth-coverage
# pattern over its footprint (NODATA below 10° elevation).
"$B/interf-footprint" -s $QZ --sat 0 --quantity pfd --min-elevation 10 \
    --grid -180/180/-90/90/0.5 -o "$T/qz-pfd.asc"
"$B/interf-map" "$T/qz-pfd.asc" --proj ortho:10,135 --coast --borders --graticule 15 \
    --range -149:-145 --contour -146.8 --track "$T/qz-track.txt" --mark 41,135,IGSO-1 \
    --title 'QZSS-like IGSO-1 at apogee, 00:00 UTC: L1 C/A PFD above 10° elevation' \
    --subtitle "dB(W/m²/40 kHz); isoflux pattern qzss-l1-pattern.txt, 31 dBW EIRP:\
 within 0.25 dB over the footprint" \
    -o $IMG/qzss-pfd-igso1.png

# GPS (gps.ini): satellites above 10° elevation at the epoch of the 24 reference slots.
"$B/interf-footprint" -s footprints/gps.ini --quantity visible --min-elevation 10 \
    --grid -180/180/-90/90/0.5 -o "$T/gps.asc"
LABELS=''
# shellcheck disable=SC2046
"$B/interf-map" "$T/gps.asc" --proj robin --coast --graticule 30 --range 3.5:10.5 \
    $(sub_marks footprints/gps.ini 0 0-23) \
    --title 'GPS 24 reference slots: satellites above 10° elevation (1993-07-01 00:00 UTC)' \
    --subtitle 'Kaplan & Hegarty Table 3.1 slots, S.1503-4 J2 orbits; dots: sub-satellite points' \
    -o $IMG/gps-visible.png

# ISS (iss.ini): where it stands above 10° at an instant, with two revolutions of its track.
"$B/interf-footprint" -s footprints/iss.ini --quantity visible --min-elevation 10 --time 30m \
    --grid -180/180/-90/90/0.25 -o "$T/iss.asc"
"$B/interf-orbit" -s footprints/iss.ini --start 0 --duration 3h --step 30s -q -o "$T/iss.txt"
LABELS='ISS'
# shellcheck disable=SC2046
"$B/interf-map" "$T/iss.asc" --proj robin --coast --borders --graticule 30 \
    --palette diverging --center 0 --range 0:1.6 --label 'ISS above 10°: 0 no, 1 yes' \
    --track "$T/iss.txt" $(sub_marks footprints/iss.ini 30m 0) \
    --title 'ISS footprint at 00:30 UTC: ISS above 10° elevation (1 = yes)' \
    --subtitle "typical mean elements (415 km, 51.64°), not a current ephemeris;\
 red: track 00:00–03:00 UTC" \
    -o $IMG/iss-footprint.png

# LEO Ku (leo-ku-550-steer.ini): one satellite's S.1528 beams at nadir and steered 30° east.
"$B/interf-footprint" -s footprints/leo-ku-550-steer.ini --sat 0 --quantity gain --combine max \
    --grid -0.6/3.6/-0.7/0.7/0.005 -o "$T/leo.asc"
"$B/interf-map" "$T/leo.asc" --proj ortho:0,1.5 --region -0.6/3.6/-0.7/0.7 --graticule 0.5 \
    --range -30:0 --contour -3,-6,-10 --mark 0,0,'nadir' --mark 0,2.898,'boresight 30° off nadir' \
    --title 'LEO Ku 550 km: S.1528 beams at nadir and steered 30° east, gain G − Gmax (dB)' \
    --subtitle "over 0°N 0°E at the epoch; peak PFD −130.8 (nadir), −132.8 dB(W/m²/40 kHz)\
 (steered); cells 0.005° (0.56 km)" \
    -o $IMG/leo-ku-beams.png

# GPS from two-line element sets (gps-tle.ini: the same 24 slots, generated sets, SGP4/SDP4):
# satellites above 10° at the epoch, with one satellite's track over half a day.
"$B/interf-footprint" -s footprints/gps-tle.ini --quantity visible --min-elevation 10 \
    --grid -180/180/-90/90/0.5 -o "$T/gps-tle.asc"
"$B/interf-orbit" -s footprints/gps-tle.ini --sat name:GPS-A1 --duration 12h --step 5m -q \
    -o "$T/gps-a1.txt"
LABELS=''
# shellcheck disable=SC2046
"$B/interf-map" "$T/gps-tle.asc" --proj robin --coast --graticule 30 --range 3.5:10.5 \
    --track "$T/gps-a1.txt" $(sub_marks footprints/gps-tle.ini 0 0-23) \
    --title 'GPS from TLEs: satellites above 10° elevation (1993-07-01 00:00 UTC)' \
    --subtitle "generated sets of the 24 reference slots, SGP4/SDP4; dots: sub-satellite points;\
 red: GPS-A1 over 12 h" \
    -o $IMG/gps-tle-visible.png

# The lunar Gateway-like spacecraft (gateway.ini, an OEM): the percentage of one orbit (6.55
# days) during which it stands above 10° elevation (interf-epfd counts the steps with a
# contribution, from a dish pointing at the zenith), with its sub-spacecraft track; and the PFD
# of its illustrative S-band Earth link on the hemisphere that sees it.
"$B/interf-epfd" -s footprints/gateway.ini --grid -180/180/-90/90/1 --duration 6.55d --step 30m \
    --point 0,90 --es-pattern S.465 --dish-m 3 --stat exceed:-290 -q -o "$T/gw-vis.asc"
"$B/interf-orbit" -s footprints/gateway.ini --duration 6.55d --step 30m -q -o "$T/gw-track.txt"
"$B/interf-map" "$T/gw-vis.asc" --proj robin --coast --graticule 30 --range 0:100 \
    --label '% of the orbit above 10°' --track "$T/gw-track.txt" \
    --title 'Lunar Gateway-like NRHO: % of one orbit (6.55 d) above 10° elevation' \
    --subtitle 'illustrative OEM ephemeris from 2027-01-01; red: sub-spacecraft track' \
    -o $IMG/gateway-visibility.png
"$B/interf-footprint" -s footprints/gateway.ini --sat 0 --quantity pfd --min-elevation 10 \
    --time 1d --grid -180/180/-90/90/0.5 -o "$T/gw-pfd.asc"
LABELS='Gateway'
# shellcheck disable=SC2046
"$B/interf-map" "$T/gw-pfd.asc" --proj ortho:-25,105 --coast --borders --graticule 30 \
    $(sub_marks footprints/gateway.ini 1d 0) \
    --title 'Lunar Gateway-like S-band link at 2027-01-02 00:00 UTC: PFD above 10° elevation' \
    --subtitle "dB(W/m²/4 kHz); 1 m dish (25 dBi) aimed at the Earth, 13 dBW/4 kHz\
 (illustrative)" \
    -o $IMG/gateway-pfd.png
