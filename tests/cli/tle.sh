# SPDX-License-Identifier: MIT
# Orbit groups given by two-line element sets and by an OEM, through the tools: interf-orbit's
# frames and satellite selection, interf-epfd on a TLE shell of 1584 objects and on a mix of
# TLE and Walker groups, a decaying satellite reported once, the Gateway's visibility.
. "$(dirname "$0")/lib.sh"

ORBIT="$INTERF_BIN/interf-orbit"
EPFD="$INTERF_BIN/interf-epfd"
FP="$INTERF_TEST_DATA/../../footprints"
SYS="$INTERF_TEST_DATA/system"

# --sat by name pattern and by catalogue number choose the same satellite.
expect_exit 0 "$ORBIT" -s "$FP/gps-tle.ini" --sat name:GPS-B* --frame itrf
[ "$(rows)" -eq 4 ] && pass || fail "name:GPS-B* chose $(rows) satellites, not 4"
[ "$(cell 1 2)" = 4 ] && pass || fail "GPS-B1 is satellite 4, got $(cell 1 2)"
cp "$TMP/out" "$TMP/by-name"
expect_exit 0 "$ORBIT" -s "$FP/gps-tle.ini" --sat norad:X0005,X0006,X0007,X0008 --frame itrf
grep -v '^# command' "$TMP/out" >"$TMP/a"
grep -v '^# command' "$TMP/by-name" >"$TMP/b"
cmp -s "$TMP/a" "$TMP/b" && pass || fail "norad:X0005-X0008 differs from name:GPS-B*"
# itrf is ecef to the millimetre (6 decimals instead of 3)
expect_exit 0 "$ORBIT" -s "$FP/gps-tle.ini" --sat 4 --frame ecef
near "$(cell 1 4)" "$(awk '!/^#/ { print $4; exit }' "$TMP/by-name")" 0.0005
grep -q '^# orbit_model: SGP4/SDP4 (AIAA 2006-6753, WGS-72)$' "$TMP/out" && pass ||
    fail "orbit_model of a TLE system"
# S.1503 groups are named by their [orbit NAME]
expect_exit 0 "$ORBIT" -s "$FP/gps.ini" --sat 'name:gps-a*'
[ "$(rows)" -eq 4 ] && pass || fail "name:gps-a* on gps.ini: $(rows) rows"
for sat in name:NOPE norad:99999 norad:abc name: norad:X0001,; do
    expect_exit 2 "$ORBIT" -s "$FP/gps-tle.ini" --sat "$sat"
    case $(head -n 1 "$TMP/err") in
    "interf-orbit: --sat: $sat"*) pass ;;
    *) fail "--sat $sat: $(head -n 1 "$TMP/err")" ;;
    esac
    expect_no_stdout
done

# native: the Gateway's message as written (EME2000 about the Moon): the first data line of
# footprints/gateway.oem, 2027-01-01T00:00:00.000 -8076.457813 28232.118109 -66273.543681
expect_exit 0 "$ORBIT" -s "$FP/gateway.ini" --frame native
grep -q '^# frame of satellites 0-0: EME2000, centre MOON$' "$TMP/out" && pass ||
    fail "native frame line"
[ "$(cell 1 4) $(cell 1 5) $(cell 1 6)" = "-8076.457813 28232.118109 -66273.543681" ] && pass ||
    fail "Gateway native state: $(cell 1 4) $(cell 1 5) $(cell 1 6)"
# GCRF: geocentric, about 385 000 km (the Moon's distance, within the orbit's 70 000 km)
expect_exit 0 "$ORBIT" -s "$FP/gateway.ini" --frame gcrf
r=$(awk '!/^#/ { printf "%.0f", sqrt($4 * $4 + $5 * $5 + $6 * $6); exit }' "$TMP/out")
near "$r" 385000 80000
# outside the message's span: no rows, one warning naming the object and the time
expect_exit 0 "$ORBIT" -s "$FP/gateway.ini" --start 13.9d --duration 4h --step 1h
[ "$(rows)" -eq 3 ] && pass || fail "rows before the end of the span: $(rows)"
grep -q 'warning: satellite 0 (GATEWAY) drops out of the run at 2027-01-15T00:36:00Z: outside' \
    "$TMP/err" && pass || fail "drop-out warning: $(head -n 1 "$TMP/err")"

# A satellite that decays (AIAA 2006-6753's 29141) is reported once and counted.
expect_exit 0 "$EPFD" -s "$SYS/decay.ini" --at 45,10 --dish-m 0.6 --duration 10h --step 60s \
    --stat max
[ "$(grep -c 'drops out' "$TMP/err")" -eq 1 ] && pass || fail "one drop-out message"
grep -q 'satellite 12 (SL-14 DEB, catalogue number 29141) drops out of the run at 2006-06-19T13:' \
    "$TMP/err" && pass || fail "drop-out: $(head -n 1 "$TMP/err")"
grep -q 'satellites dropped out of the run: 1 ' "$TMP/err" && pass || fail "drop-out count"
grep -q '^# satellites_dropped: 1$' "$TMP/out" && pass || fail "provenance satellites_dropped"
grep -q -- '-nan\|nan' "$TMP/out" && fail "NaN in the output" || pass

# EPFD on a shell of 1584 TLE objects, and on a mix of a TLE group and a Walker group. The
# TLE shell is generated from the Walker shell of leo-ku-550.ini, so over 10 minutes at one
# point their maxima agree within a few dB (SGP4 and S.1503's model place the satellites a few
# km apart); the mix adds a second shell, so its maximum is at least the TLE shell's.
expect_exit 0 "$EPFD" -s "$FP/leo-ku-550-tle.ini" --at 45,10 --duration 10m --stat max
tle=$(awk '!/^#/ { print $3 }' "$TMP/out")
grep -q '^# system_name: LEO Ku 550 km from generated TLEs' "$TMP/out" && pass ||
    fail "TLE shell provenance"
expect_exit 0 "$EPFD" -s "$FP/leo-ku-550.ini" --at 45,10 --duration 10m --stat max
walker=$(awk '!/^#/ { print $3 }' "$TMP/out")
near "$tle" "$walker" 3
expect_exit 0 "$EPFD" -s "$FP/leo-ku-mix.ini" --at 45,10 --duration 10m --stat max
mix=$(awk '!/^#/ { print $3 }' "$TMP/out")
awk -v m="$mix" -v t="$tle" 'BEGIN { exit !(m >= t && m < -100) }' && pass ||
    fail "mix max $mix below the TLE shell's $tle"
# the same mix on a coarse grid, one and two threads: the same bits
expect_exit 0 "$EPFD" -s "$FP/leo-ku-mix.ini" --grid -30/30/20/60/10 --duration 5m -j 1 \
    --stat p99 -o "$TMP/j1.asc"
expect_exit 0 "$EPFD" -s "$FP/leo-ku-mix.ini" --grid -30/30/20/60/10 --duration 5m -j 2 \
    --stat p99 -o "$TMP/j2.asc"
cmp -s "$TMP/j1.asc" "$TMP/j2.asc" && pass || fail "mix grid depends on the threads"

# The Gateway above 10 deg over one orbit (6.55 days): percentage of time with its Earth link
# in view (any contribution above the -300 dB floor), from a dish pointing at the zenith. The
# reference is interf-orbit's pass table from the cell centres: 157 hourly steps, the rows at
# or above 10 deg.
expect_exit 0 "$EPFD" -s "$FP/gateway.ini" --grid -180/180/-90/90/30 --duration 6.55d \
    --step 1h --point 0,90 --es-pattern S.465 --dish-m 3 --stat exceed:-290 -o "$TMP/gw.asc"
for cell in "7 75" "9 15" "12 -75"; do
    set -- $cell
    got=$(awk -v r="$1" 'NR == r { print $1 }' "$TMP/gw.asc")
    expect_exit 0 "$ORBIT" -s "$FP/gateway.ini" --duration 156h --step 1h \
        --observer "$2",-165 --min-elevation 10
    near "$got" "$(rows | awk '{ printf "%.4f", 100 * $1 / 157 }')" 0.0001
done

finish
