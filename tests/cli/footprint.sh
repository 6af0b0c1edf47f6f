# SPDX-License-Identifier: MIT
# interf-footprint as a user runs it: values at hand-derived points, NODATA, counts, GeoJSON
# contours, exit statuses.
. "$(dirname "$0")/lib.sh"

FOOT="$INTERF_BIN/interf-footprint"
FP="$INTERF_TEST_DATA/../../footprints"

# Value of data row $1, column $2 (1-based) of an ESRI ASCII grid on the last run's stdout (the
# six header lines skipped).
grid_cell() {
    awk -v r="$1" -v c="$2" 'NR == 6 + r { print $c; exit }' "$TMP/out"
}

# --help, --version
expect_exit 0 "$FOOT" --help
grep -q '^Usage: interf-footprint -s SYSTEM' "$TMP/out" && pass || fail "--help text"
expect_exit 0 "$FOOT" --version
[ "$(cat "$TMP/out")" = "interf-footprint (interf) 0.1.0" ] && pass ||
    fail "--version: $(cat "$TMP/out")"

# PFD at the sub-satellite point of a nadir LEO beam. leo-ku-550.ini: satellite 0 is plane 0,
# slot 0 of a Walker pattern with raan0 0: at t = 0 it is at its ascending node, longitude 0, so
# its sub-satellite point is 0 N 0 E, the centre cell of the grid -2.5/2.5/-2.5/2.5/1 (row 3,
# column 3). There the off-axis angle is 0, G = Gmax = 35 dBi (S.1528:1.2), power -40 dBW:
#   EIRP = -40 + 35 = -5 dBW in 40 kHz,
#   d = h = 550 km = 5.5e5 m (altitude above the sphere, the satellite straight overhead),
#   10 log10(4 pi h^2) = 10 log10(4 pi) + 20 log10(5.5e5) = 10.99209 + 114.80725 = 125.79935,
#   PFD = -5 - 125.79935 = -130.79935 dB(W/m2) in 40 kHz.
expect_exit 0 "$FOOT" -s "$FP/leo-ku-550.ini" --sat 0 --quantity pfd --grid -2.5/2.5/-2.5/2.5/1
near "$(grid_cell 3 3)" -130.79935 0.001
expect_stderr_empty
# The grid is symmetric about the nadir beam: the four neighbours of the centre agree.
[ "$(grid_cell 2 3)" = "$(grid_cell 4 3)" ] && [ "$(grid_cell 3 2)" = "$(grid_cell 3 4)" ] && pass ||
    fail "nadir footprint not symmetric: $(grid_cell 2 3) $(grid_cell 4 3) $(grid_cell 3 2) $(grid_cell 3 4)"

# GSO at 19.2 E (gso-ku.ini): sub-satellite point 0 N 19.2 E, the one cell of
# 18.7/19.7/-0.5/0.5/1. Its distance is h = Rgeo - Re = 42164.2 - 6378.145 = 35786.055 km
# (S.1503-4 Table 2 radii), so PFD - EIRP = -10 log10(4 pi h^2)
#   = -(10.99209 + 20 log10(3.5786055e7)) = -(10.99209 + 151.07429) = -162.06638 dB(m2),
# whatever the gain of the (Europe-aimed) beam toward that point.
expect_exit 0 "$FOOT" -s "$FP/gso-ku.ini" --sat 0 --quantity eirp --grid 18.7/19.7/-0.5/0.5/1
eirp=$(grid_cell 1 1)
expect_exit 0 "$FOOT" -s "$FP/gso-ku.ini" --sat 0 --quantity pfd --grid 18.7/19.7/-0.5/0.5/1
near "$(awk -v p="$(grid_cell 1 1)" -v e="$eirp" 'BEGIN { print p - e }')" -162.06638 0.001

# At the aim point (50 N, 10 E, a cell centre of 9.5/10.5/49.5/50.5/1) the off-axis angle is 0:
# relative gain 0 dB and EIRP = eirp_dbw of the beam, 22.8 dBW.
expect_exit 0 "$FOOT" -s "$FP/gso-ku.ini" --sat 0 --quantity gain --grid 9.5/10.5/49.5/50.5/1
near "$(grid_cell 1 1)" 0 0.0001
expect_exit 0 "$FOOT" -s "$FP/gso-ku.ini" --sat 0 --quantity eirp --grid 9.5/10.5/49.5/50.5/1
near "$(grid_cell 1 1)" 22.8 0.0001

# Horizon: a GSO satellite is seen (elevation >= 0) where the central angle from its
# sub-satellite point is at most acos(Re/Rgeo) = acos(6378.145/42164.2) = 81.30 deg. On the
# equator 80 deg east of 19.2 E (99.2 E) it is seen; 100 deg east (119.2 E) it is NODATA.
expect_exit 0 "$FOOT" -s "$FP/gso-ku.ini" --sat 0 --quantity pfd --grid 98.7/99.7/-0.5/0.5/1
[ "$(grid_cell 1 1)" != "-9999" ] && pass || fail "99.2 E should see the satellite"
expect_exit 0 "$FOOT" -s "$FP/gso-ku.ini" --sat 0 --quantity pfd --grid 118.7/119.7/-0.5/0.5/1
[ "$(grid_cell 1 1)" = "-9999" ] && pass || fail "119.2 E is beyond the horizon: $(grid_cell 1 1)"
# With --min-elevation 10 the limit is acos(Re cos 10 / Rgeo) - 10 = 71.41 deg: 70 deg east
# (89.2 E) is seen, 73 deg east (92.2 E) is not.
expect_exit 0 "$FOOT" -s "$FP/gso-ku.ini" --sat 0 --quantity pfd --min-elevation 10 \
    --grid 88.7/89.7/-0.5/0.5/1
[ "$(grid_cell 1 1)" != "-9999" ] && pass || fail "89.2 E at 10 deg should see the satellite"
expect_exit 0 "$FOOT" -s "$FP/gso-ku.ini" --sat 0 --quantity pfd --min-elevation 10 \
    --grid 91.7/92.7/-0.5/0.5/1
[ "$(grid_cell 1 1)" = "-9999" ] && pass || fail "92.2 E is below 10 deg: $(grid_cell 1 1)"
# visible for the single GSO satellite: 1 at 99.2 E, 0 at 119.2 E (never NODATA).
expect_exit 0 "$FOOT" -s "$FP/gso-ku.ini" --quantity visible --grid 98.7/119.7/-0.5/0.5/1
[ "$(grid_cell 1 1)" = 1 ] && [ "$(grid_cell 1 21)" = 0 ] && pass ||
    fail "visible: $(grid_cell 1 1) at 99.2 E, $(grid_cell 1 21) at 119.2 E"

# GPS, 24 slots, 10 deg: the 24-slot constellation was designed for at least 4 satellites in
# view everywhere (a position fix needs 4), and a point sees at most the part of the shell above
# its horizon, about 38 % of the sphere of radius 26560 km at 0 deg and less at 10 deg: 24 x 0.38
# = 9.1 on average, so counts between 4 and 14 (the bounds of the task; the run gives 4 to 10).
expect_exit 0 "$FOOT" -s "$FP/gps.ini" --quantity visible --min-elevation 10 --grid \
    -180/180/-90/90/2
awk 'NR > 6 { for (i = 1; i <= NF; i++) { if ($i < lo || lo == "") lo = $i
                                          if ($i > hi) hi = $i } }
     END { exit !(lo >= 4 && hi <= 14) }' "$TMP/out" && pass || fail "GPS visible outside 4-14"
# All 24 are counted at a -90 deg mask.
expect_exit 0 "$FOOT" -s "$FP/gps.ini" --quantity visible --min-elevation -90 \
    --grid 0/10/0/10/5
[ "$(grid_cell 1 1)" = 24 ] && [ "$(grid_cell 2 2)" = 24 ] && pass || fail "-90 deg: $(grid_cell 1 1)"

# Files: the grid with its sidecars, and the contours as a FeatureCollection that parses.
expect_exit 0 "$FOOT" -s "$FP/gso-ku.ini" --sat 0 --quantity gain --grid -60/100/-80/81/1 \
    -o "$TMP/g.asc" --contour -3,-10 --contours-out "$TMP/c.geojson"
expect_no_stdout
[ -s "$TMP/g.asc" ] && [ -s "$TMP/g.prj" ] && [ -s "$TMP/g.asc.aux.xml" ] && pass ||
    fail "grid files missing"
grep -q '<UnitType>dB</UnitType>' "$TMP/g.asc.aux.xml" && pass || fail "unit in .aux.xml"
python3 -m json.tool "$TMP/c.geojson" >/dev/null && pass || fail "GeoJSON does not parse"
python3 -c 'import json, sys; assert json.load(open(sys.argv[1]))["type"] == "FeatureCollection"' \
    "$TMP/c.geojson" && pass || fail "not a FeatureCollection"

# The -3 dB contour of the nadir LEO beam (leo-ku-550.ini satellite 0 at 0 N 0 E, t = 0) is one
# closed ring (a Polygon) round the sub-satellite point. S.1528:1.2 main lobe:
# G = Gm - 3 (psi/psi_b)^2, so -3 dB lies at psi = psi_b = 1.5 deg off the boresight. Seen from
# r_s = Re + h = 6378.145 + 550 = 6928.145 km, the ray at nadir angle 1.5 deg meets the sphere at
# the central angle (sine rule in the triangle centre-satellite-point)
#   asin(r_s/Re sin 1.5 deg) - 1.5 deg = asin(1.086232 x 0.0261769) - 1.5 deg
#   = asin(0.0284342) - 1.5 deg = 1.629381 - 1.5 = 0.129381 deg,
# so every vertex lies 0.129381 deg from (0, 0), to half a 0.02 deg cell (0.01 deg).
expect_exit 0 "$FOOT" -s "$FP/leo-ku-550.ini" --sat 0 --quantity gain \
    --grid -0.5/0.5/-0.5/0.5/0.02 -o "$TMP/l.asc" --contour -3 --contours-out "$TMP/l.geojson"
python3 - "$TMP/l.geojson" <<'EOF2' && pass || fail "LEO -3 dB contour"
import json, math, sys
d = json.load(open(sys.argv[1]))
f = d["features"]
assert len(f) == 1 and f[0]["geometry"]["type"] == "Polygon", f
assert f[0]["properties"] == {"quantity": "gain_db", "level_db": -3}
ring = f[0]["geometry"]["coordinates"][0]
assert ring[0] == ring[-1] and len(ring) > 20
assert all(abs(math.hypot(x, y) - 0.129381) <= 0.01 for x, y in ring)
EOF2

# An elliptical beam (S.1528:1.2, z = 2: the -3 dB half-widths are 1 deg along the major axis
# and 0.5 deg across) at nadir of a GSO satellite at 0 E. Near nadir the ground distance grows
# almost linearly with the off-axis angle, so the -3 dB ring has an axis ratio of 2 (to 1 %:
# measured 2.004), its long axis north-south with orientation_deg 0 and toward 45 deg (north-east,
# clockwise from north as seen from the satellite) with orientation_deg 45.
cat >"$TMP/ell.ini" <<'EOF2'
[system]
name = elliptical beam test
epoch_utc = 2025-01-01T00:00:00Z
band_ghz = 10.7-12.75

[antenna ell]
pattern = S.1528:1.2
gain_max_dbi = 35
half_beamwidth_deg = 1.0
ln_db = -20
z = 2

[beam b]
antenna = ell
pointing = nadir
orientation_deg = ORIENT
power_dbw = 0

[orbit g]
type = gso
longitude_deg = 0
beams = b
EOF2
for orient in 0 45; do
    sed "s/ORIENT/$orient/" "$TMP/ell.ini" >"$TMP/ell-$orient.ini"
    expect_exit 0 "$FOOT" -s "$TMP/ell-$orient.ini" --sat 0 --quantity gain \
        --grid -15/15/-15/15/0.1 -o "$TMP/e.asc" --contour -3 --contours-out "$TMP/e.geojson"
    python3 - "$TMP/e.geojson" "$orient" <<'EOF2' && pass || fail "ellipse, orientation $orient"
import json, math, sys
f = json.load(open(sys.argv[1]))["features"]
assert len(f) == 1 and f[0]["geometry"]["type"] == "Polygon"
ring = f[0]["geometry"]["coordinates"][0]
far = max(ring, key=lambda p: math.hypot(*p))
near = min(ring, key=lambda p: math.hypot(*p))
assert abs(math.hypot(*far) / math.hypot(*near) - 2) < 0.02, (far, near)
bearing = math.degrees(math.atan2(far[0], far[1])) % 180  # from north, clockwise, mod 180
assert abs(bearing - float(sys.argv[2])) < 1.5, bearing
EOF2
done

# Bad input: exit 2, one line naming the problem, no output file.
for args in "--sat 5000 --quantity pfd" "--sat 0 --beam nowhere --quantity pfd" \
    "--sat 0 --quantity power" "--quantity gain" "--sat 0 --quantity gain --combine avg" \
    "--sat 0 --quantity gain --contour -3" "--sat 0 --quantity gain --grid 0/10/0/10/3"; do
    # shellcheck disable=SC2086
    expect_exit 2 "$FOOT" -s "$FP/gso-ku.ini" $args -o "$TMP/bad.asc"
    [ -e "$TMP/bad.asc" ] && fail "$LAST: left an output file" || pass
done
expect_exit 2 "$FOOT" -s "$FP/gso-ku.ini" --sat 5000 --quantity pfd
grep -q "^interf-footprint: --sat: 5000: the system has satellites 0 to 0$" "$TMP/err" && pass ||
    fail "unknown --sat message: $(head -n 1 "$TMP/err")"
expect_exit 2 "$FOOT" -s "$FP/gso-ku.ini" --sat 0 --beam nowhere --quantity pfd
grep -q "^interf-footprint: --beam: nowhere: not a beam of satellite 0" "$TMP/err" && pass ||
    fail "unknown --beam message: $(head -n 1 "$TMP/err")"
expect_exit 2 "$FOOT" -s "$FP/gso-ku.ini" --sat 0 --quantity power
grep -q "^interf-footprint: --quantity: power: expected gain, eirp, pfd or visible" "$TMP/err" &&
    pass || fail "unknown --quantity message"
expect_exit 2 "$FOOT" -s "$FP/gso-ku.ini" --quantity gain
grep -q "^interf-footprint: --sat: required with --quantity gain" "$TMP/err" && pass ||
    fail "missing --sat message"
expect_exit 2 "$FOOT" -s "$FP/gps.ini" --sat 0 --quantity pfd
grep -q "^interf-footprint: --sat: 0: satellite of \[orbit gps-A1\] carries no beam" \
    "$TMP/err" && pass || fail "beamless satellite message: $(head -n 1 "$TMP/err")"
expect_exit 2 "$FOOT" -s "$TMP/missing.ini" --quantity visible
expect_stderr_prefix "interf-footprint: $TMP/missing.ini: No such file or directory"

finish
