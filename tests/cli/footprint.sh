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
[ "$(grid_cell 2 3)" = "$(grid_cell 4 3)" ] && [ "$(grid_cell 3 2)" = "$(grid_cell 3 4)" ] &&
    pass || fail "nadir footprint not symmetric: $(grid_cell 2 3) $(grid_cell 4 3)" \
    "$(grid_cell 3 2) $(grid_cell 3 4)"

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
[ "$(grid_cell 1 1)" = 24 ] && [ "$(grid_cell 2 2)" = 24 ] && pass ||
    fail "-90 deg: $(grid_cell 1 1)"

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
p = f[0]["properties"]
assert (p["quantity"], p["level_db"], p["closed"], p["inside"]) == ("gain_rel_db", -3, True,
                                                                    "above")
ring = f[0]["geometry"]["coordinates"][0]
assert ring[0] == ring[-1] and len(ring) > 20
assert all(abs(math.hypot(x, y) - 0.129381) <= 0.01 for x, y in ring)
# Area of the spherical cap of central angle 0.129381 deg: 2 pi R^2 (1 - cos) = 651.680 km^2;
# the interpolated ring is inscribed, 1 % low at this resolution (measured 647.5).
assert abs(p["area_km2"] / 651.680 - 1) < 0.01, p
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

# GSO nadir beam with a parabolic main lobe (tests/data/footprint/gso-nadir.ini, S.1528:1.2:
# G = Gm - 3 (psi/psi_b)^2, psi_b = 1 deg): the -3 dB contour is the cone psi = 1 deg about
# nadir. Its ground radius, as a central angle gamma from the sub-satellite point: in the
# triangle Earth's centre O, satellite S (|OS| = r = 42164.2 km), ground point P (|OP| = Re =
# 6378.145 km), the angle at S is psi and the sine rule gives the angle at P,
# sin(OPS) = r/Re sin(psi) (the obtuse solution, P on the near side), so
#   gamma = 180 deg - psi - (180 deg - asin(r/Re sin psi)) = asin(r/Re sin psi) - psi
#         = asin(6.610761 x 0.01745241) - 1 deg = asin(0.1153732) - 1 deg = 5.625149 deg.
# The cap within gamma of the sub-satellite point has the area (integrating R^2 sin(theta)
# dtheta dphi over theta in [0, gamma], phi in [0, 2 pi])
#   A = 2 pi R^2 (1 - cos gamma) = 2 pi 6378.145^2 (1 - cos 5.625149 deg) = 1230871.07 km^2.
# Every vertex within half a 0.05 deg cell of gamma; area to 1 %.
sed 's/LONGITUDE/0/' "$INTERF_TEST_DATA/footprint/gso-nadir.ini" >"$TMP/nadir0.ini"
sed 's/LONGITUDE/180/' "$INTERF_TEST_DATA/footprint/gso-nadir.ini" >"$TMP/nadir180.ini"
expect_exit 0 "$FOOT" -s "$TMP/nadir0.ini" --sat 0 --quantity gain --grid -8/8/-8/8/0.05 \
    -o "$TMP/n.asc" --contour -3 --contours-out "$TMP/n.geojson"
python3 - "$TMP/n.geojson" <<'EOF2' && pass || fail "GSO nadir -3 dB radius and area"
import json, math, sys
f = json.load(open(sys.argv[1]))["features"]
assert len(f) == 1 and f[0]["geometry"]["type"] == "Polygon", f
ring = f[0]["geometry"]["coordinates"][0]
def central(lon, lat):  # from (0, 0), deg
    return math.degrees(math.acos(math.cos(math.radians(lat)) * math.cos(math.radians(lon))))
assert all(abs(central(*p) - 5.625149) <= 0.025 for p in ring), max(central(*p) for p in ring)
assert abs(f[0]["properties"]["area_km2"] / 1230871.07 - 1) < 0.01, f[0]["properties"]
EOF2
# GMT text: the same ring as one segment, "> -Z-3" with the area, closed (first point repeated).
expect_exit 0 "$FOOT" -s "$TMP/nadir0.ini" --sat 0 --quantity gain --grid -8/8/-8/8/0.25 \
    -o "$TMP/n.asc" --contour -3 --contours-out "$TMP/n.gmt"
awk '/^>/ { n++; ok = $2 == "-Z-3" && $0 ~ /area_km2=1[12][0-9][0-9][0-9][0-9][0-9]\./ }
     !/^[>#]/ { if (!first) first = $0; last = $0; pts++ }
     END { exit !(n == 1 && ok && first == last && pts > 20) }' "$TMP/n.gmt" && pass ||
    fail "GMT contour: $(grep '^>' "$TMP/n.gmt")"
expect_exit 0 "$FOOT" -s "$TMP/nadir0.ini" --sat 0 --quantity gain --grid -8/8/-8/8/0.25 \
    -o "$TMP/n.asc" --contour -3 --contours-out "$TMP/n.txt" --contours-format gmt
grep -q '^> -Z-3 ' "$TMP/n.txt" && pass || fail "--contours-format gmt"

# The same beam from a satellite at 180 E on a grid given east of west (170/-170: it crosses the
# antimeridian): the ring becomes a MultiPolygon of two parts, each on one side (RFC 7946
# §3.1.9), with the same area.
expect_exit 0 "$FOOT" -s "$TMP/nadir180.ini" --sat 0 --quantity gain --grid 170/-170/-8/8/0.05 \
    -o "$TMP/a.asc" --contour -3 --contours-out "$TMP/a.geojson"
python3 -m json.tool "$TMP/a.geojson" >/dev/null && pass || fail "antimeridian GeoJSON parses"
python3 - "$TMP/a.geojson" <<'EOF2' && pass || fail "antimeridian split"
import json, sys
f = json.load(open(sys.argv[1]))["features"]
assert len(f) == 1 and f[0]["geometry"]["type"] == "MultiPolygon", f[0]["geometry"]["type"]
parts = f[0]["geometry"]["coordinates"]
assert len(parts) == 2
sides = sorted(all(lon >= 0 for lon, lat in p[0]) for p in parts)
assert sides == [False, True]
for p in parts:  # one side each: all longitudes in [174, 180] or all in [-180, -174]
    lons = [lon for lon, lat in p[0]]
    assert p[0][0] == p[0][-1]
    assert all(174 <= x <= 180 for x in lons) or all(-180 <= x <= -174 for x in lons), lons
assert abs(f[0]["properties"]["area_km2"] / 1230871.07 - 1) < 0.01
EOF2
# Cut by the grid's north edge at 2 N, the same contour is one open line from the edge round the
# south of the ring and back: it crosses 180 once at the ring's southern point (0 - 5.6251 =
# -5.6251 N) and is a MultiLineString of two pieces, one ending at (180, -5.6251), the next
# starting at (-180, -5.6251).
expect_exit 0 "$FOOT" -s "$TMP/nadir180.ini" --sat 0 --quantity gain --grid 170/-170/-8/2/0.05 \
    -o "$TMP/a2.asc" --contour -3 --contours-out "$TMP/a2.geojson"
python3 - "$TMP/a2.geojson" <<'EOF2' && pass || fail "antimeridian open line"
import json, sys
f = json.load(open(sys.argv[1]))["features"]
assert len(f) == 1 and f[0]["geometry"]["type"] == "MultiLineString", f
a, b = f[0]["geometry"]["coordinates"]
assert f[0]["properties"]["closed"] is False and "area_km2" not in f[0]["properties"]
assert a[-1][0] == 180 and b[0][0] == -180 and a[-1][1] == b[0][1]
assert abs(a[-1][1] + 5.6251) < 0.025, a[-1]
assert all(x >= 170 for x, y in a) and all(x <= -170 for x, y in b)
EOF2
# The grid itself: columns centred 170.025 ... 189.975 (past 180, continuous).
grep -q '^xllcenter *170.025$' "$TMP/a.asc" && grep -q '^ncols *400$' "$TMP/a.asc" && pass ||
    fail "antimeridian grid header"

# --earth wgs84: the area is geodesic on the ellipsoid (PROJ); the ground points move onto the
# ellipsoid too. At the equator the ellipsoid's radius (6378.137 km) is the sphere's to 1e-6,
# and the cap is small, so the area stays within 0.1 % of the sphere's.
expect_exit 0 "$FOOT" -s "$TMP/nadir0.ini" --sat 0 --quantity gain --grid -8/8/-8/8/0.05 \
    --earth wgs84 -o "$TMP/w.asc" --contour -3 --contours-out "$TMP/w.geojson"
python3 - "$TMP/w.geojson" "$TMP/n.geojson" <<'EOF2' && pass || fail "WGS 84 area"
import json, sys
w, s = (json.load(open(a))["features"][0]["properties"]["area_km2"] for a in sys.argv[1:3])
assert abs(w / s - 1) < 1e-3 and w != s, (w, s)
EOF2
# PFD at the sub-satellite point with --earth wgs84 (gso-ku.ini, 19.2 E): the satellite is
# Rgeo = 42164.2 km from the centre and the point on the equator a = 6378.137 km (WGS 84), so
# h = 35786.063 km and PFD - EIRP = -(10.992099 + 20 log10(3.5786063e7)) = -(10.992099 +
# 151.074278) = -162.066377 dB(m2). The nadir of a nadir beam is the direction to the Earth's
# centre (the geocentric nadir) on either Earth model.
expect_exit 0 "$FOOT" -s "$FP/gso-ku.ini" --sat 0 --quantity eirp --grid 18.7/19.7/-0.5/0.5/1 \
    --earth wgs84
eirp=$(grid_cell 1 1)
expect_exit 0 "$FOOT" -s "$FP/gso-ku.ini" --sat 0 --quantity pfd --grid 18.7/19.7/-0.5/0.5/1 \
    --earth wgs84
near "$(awk -v p="$(grid_cell 1 1)" -v e="$eirp" 'BEGIN { print p - e }')" -162.066377 0.001

# An elliptical beam at 30 deg: the -3 dB ring's extent along the orientation axis (unit vector
# (sin 30, cos 30) in east/north, longitudes scaled by cos(lat) to km-like units) is twice its
# extent across it (z = 2).
sed "s/ORIENT/30/" "$TMP/ell.ini" >"$TMP/ell-30.ini"
expect_exit 0 "$FOOT" -s "$TMP/ell-30.ini" --sat 0 --quantity gain --grid -15/15/-15/15/0.1 \
    -o "$TMP/e.asc" --contour -3 --contours-out "$TMP/e.geojson"
python3 - "$TMP/e.geojson" <<'EOF2' && pass || fail "ellipse extents at 30 deg"
import json, math, sys
ring = json.load(open(sys.argv[1]))["features"][0]["geometry"]["coordinates"][0]
t = math.radians(30)
pts = [(x * math.cos(math.radians(y)), y) for x, y in ring]
along = [x * math.sin(t) + y * math.cos(t) for x, y in pts]
across = [x * math.cos(t) - y * math.sin(t) for x, y in pts]
ratio = (max(along) - min(along)) / (max(across) - min(across))
assert abs(ratio - 2) < 0.04, ratio
EOF2

# Contours of a constant grid are empty: visible counts of the one GSO satellite over a region
# that sees it everywhere are all 1; a contour at 1 (or 0.5) has no line.
expect_exit 0 "$FOOT" -s "$FP/gso-ku.ini" --quantity visible --grid 0/40/-20/20/2 \
    -o "$TMP/v.asc" --contour 0.5,1,2 --contours-out "$TMP/v.geojson"
python3 -c 'import json, sys; assert json.load(open(sys.argv[1]))["features"] == []' \
    "$TMP/v.geojson" && pass || fail "constant grid has contours"

# --auto-grid. LEO at 550 km, 0 deg: the cap's central angle is acos(6378.145/6928.145) =
# 22.984 deg, 2 gamma / 200 = 0.2298; but the beam's -3 dB ring has a ground radius of 0.129381
# deg (the contour test above), so its -3 dB width is 0.258762 deg and a tenth of it, 0.0259,
# sets the cell: 0.02 deg. A cell is centred on the boresight point, 0 N 0 E: edges at
# -+(k + 1/2) 0.02, out to beyond gamma + 1 % + one cell = 23.234 deg: -+23.25, 2325 cells,
# centres from -23.24.
expect_exit 0 "$FOOT" -s "$FP/leo-ku-550.ini" --sat 0 --quantity gain --auto-grid
head -n 5 "$TMP/out" | tr -s ' ' | tr '\n' ' ' | grep -q \
    'ncols 2325 nrows 2325 xllcenter -23.24 yllcenter -23.24 cellsize 0.02' && pass ||
    fail "LEO --auto-grid header: $(head -n 5 "$TMP/out" | tr -s ' ' | tr '\n' ' ')"
# The cap fits: the outer rows and columns are NODATA, the centre row (1163 of 2325) holds the
# cap (2 x 22.984 / 0.02 = 2298 cells, to one cell each side) and the boresight cell 0 dB.
awk 'NR == 7 || NR == 2331 { for (i = 1; i <= NF; i++) if ($i != -9999) bad = 1 }
     NR > 6 { if ($1 != -9999 || $NF != -9999) bad = 1 }
     NR == 1169 { for (i = 1; i <= NF; i++) n += $i != -9999; c = $1163 }
     END { exit !(!bad && n >= 2296 && n <= 2300 && c == 0) }' "$TMP/out" && pass ||
    fail "LEO cap not inside"
# It resolves the beam: against a reference grid of 0.01 deg about the boresight (computed here,
# a cell centred on it too), the peaks agree within 0.05 dB (gain and pfd) and the areas of the
# -3 and -10 dB contours within 1 % (the 0.2 deg cells of the cap alone put the peak 3.43 dB
# low, left no -3 dB contour and the -10 dB one 14 % small).
for q in gain pfd; do
    expect_exit 0 "$FOOT" -s "$FP/leo-ku-550.ini" --sat 0 --quantity $q --auto-grid \
        -o "$TMP/auto-$q.asc" --contour -3,-10 --contours-out "$TMP/auto-$q.geojson"
    expect_exit 0 "$FOOT" -s "$FP/leo-ku-550.ini" --sat 0 --quantity $q \
        --grid -0.505/0.505/-0.505/0.505/0.01 -o "$TMP/ref-$q.asc"
    a=$(awk 'NR > 6 { for (i = 1; i <= NF; i++) if ($i != -9999 && (m == "" || $i > m)) m = $i }
             END { print m }' "$TMP/auto-$q.asc")
    b=$(awk 'NR > 6 { for (i = 1; i <= NF; i++) if ($i != -9999 && (m == "" || $i > m)) m = $i }
             END { print m }' "$TMP/ref-$q.asc")
    near "$a" "$b" 0.05
done
expect_exit 0 "$FOOT" -s "$FP/leo-ku-550.ini" --sat 0 --quantity gain \
    --grid -0.505/0.505/-0.505/0.505/0.01 -o "$TMP/ref.asc" --contour -3,-10 \
    --contours-out "$TMP/ref.geojson"
python3 - "$TMP/auto-gain.geojson" "$TMP/ref.geojson" <<'EOF2' && pass || fail "auto-grid areas"
import json, sys
def areas(path):
    return {f["properties"]["level_db"]: f["properties"]["area_km2"]
            for f in json.load(open(path))["features"]}
auto, ref = areas(sys.argv[1]), areas(sys.argv[2])
assert sorted(auto) == sorted(ref) == [-10, -3], (auto, ref)
assert all(abs(auto[k] / ref[k] - 1) < 0.01 for k in ref), (auto, ref)
EOF2
# GSO at 180 E, 10 deg: gamma = acos(Re cos 10 / r) - 10 = 71.41 deg, step 0.5, the region
# 107 to 253 E: it crosses the antimeridian (east edge past 180).
expect_exit 0 "$FOOT" -s "$TMP/nadir180.ini" --sat 0 --quantity gain --auto-grid \
    --min-elevation 10
awk 'NR == 1 { nc = $2 } NR == 3 { x = $2 } NR == 5 { c = $2 }
     END { w = x - c / 2; e = w + nc * c; exit !(c == 0.5 && w < 108.6 && w > 106 && e > 251.4 &&
                                            e < 254) }' "$TMP/out" && pass ||
    fail "GSO 180 E --auto-grid: $(head -n 5 "$TMP/out" | tr -s ' ' | tr '\n' ' ')"
# A satellite over the north pole (a polar orbit a quarter period after its ascending node):
# the cap holds the pole, so the grid spans all longitudes up to 90 N.
cat >"$TMP/polar.ini" <<'EOF2'
[system]
name = polar test
epoch_utc = 2025-01-01T00:00:00Z
band_ghz = 10.7-12.75

[antenna a]
pattern = S.1528:1.2
gain_max_dbi = 30
half_beamwidth_deg = 5
ln_db = -20
z = 1

[beam b]
antenna = a
pointing = nadir
power_dbw = 0

[orbit p]
type = walker-star
altitude_km = 1000
inclination_deg = 90
satellites = 1
planes = 1
beams = b
j2 = no
EOF2
# Period 2 pi sqrt(r^3/mu), r = 7378.145 km, mu = 398600.4418 km^3/s^2: 6307.2 s; a quarter
# 1576.8 s. gamma = acos(6378.145/7378.145) = 30.17 deg: latitudes from about 59.5 N to the pole.
expect_exit 0 "$FOOT" -s "$TMP/polar.ini" --sat 0 --quantity gain --auto-grid --time 1576.8
# (A cell is centred on the sub-satellite point: the edges are whole cells from it, the north
# one within a cell of the pole, the west one within a cell east of -180.)
awk 'NR == 1 { nc = $2 } NR == 2 { nr = $2 } NR == 3 { x = $2 } NR == 4 { y = $2 }
     NR == 5 { c = $2 }
     END { n = y + (nr - 0.5) * c; w = x - c / 2
           exit !(nc * c == 360 && w >= -180 && w < -180 + c && n <= 90 && n > 90 - c &&
                  y - c / 2 > 58 && y - c / 2 < 60) }' "$TMP/out" && pass ||
    fail "polar --auto-grid: $(head -n 5 "$TMP/out" | tr -s ' ' | tr '\n' ' ')"
# A contour round a pole: the same satellite's visible cap (over the pole, central angle
# acos(6378.145/7378.145) = 30.178 deg) on a grid round the Earth is one ring that goes round
# it; as GeoJSON it is one Polygon from -180 to 180 closed along 90 N, whose area is the cap's,
# 2 pi R^2 (1 - cos 30.178 deg) = 34643476 km^2, to 1 % (the 0/1 step is contoured halfway
# between cell centres: measured +0.5 %).
expect_exit 0 "$FOOT" -s "$TMP/polar.ini" --quantity visible --time 1576.8 \
    --grid -180/180/40/90/0.25 -o "$TMP/p.asc" --contour 0.5 --contours-out "$TMP/p.geojson"
python3 - "$TMP/p.geojson" <<'EOF2' && pass || fail "polar cap contour"
import json, sys
f = json.load(open(sys.argv[1]))["features"]
assert len(f) == 1 and f[0]["geometry"]["type"] == "Polygon", f
ring = f[0]["geometry"]["coordinates"][0]
assert ring[0] == ring[-1] and [180, 90] in ring and [-180, 90] in ring
assert all(-180 <= x <= 180 for x, y in ring)
assert abs(f[0]["properties"]["area_km2"] / 34643476 - 1) < 0.01, f[0]["properties"]
EOF2
# visible: the whole Earth at 1 deg.
expect_exit 0 "$FOOT" -s "$FP/gso-ku.ini" --quantity visible --auto-grid
head -n 5 "$TMP/out" | tr -s ' ' | tr '\n' ' ' | grep -q \
    'ncols 360 nrows 180 xllcenter -179.5 yllcenter -89.5 cellsize 1' && pass ||
    fail "visible --auto-grid"

# Memory: an absurd grid is refused before anything is allocated, with the estimate (the
# tools' one memory message, then the usage hint): 0.001 deg global = 3.6e5 x 1.8e5 = 6.48e10
# cells at 64 bytes = 4.1472e12 bytes = 3862.38 GiB.
expect_exit 2 "$FOOT" -s "$FP/gso-ku.ini" --sat 0 --quantity gain --grid -180/180/-90/90/0.001
[ "$(wc -l <"$TMP/err")" -eq 2 ] && grep -q \
    '^interf-footprint: this run needs 3862.38 GiB of memory, more than the ' \
    "$TMP/err" && pass || fail "memory message: $(cat "$TMP/err")"
# --max-memory: a 1 deg global grid (64800 cells, 3.96 MiB) is refused under 1M, run under 8M.
expect_exit 2 "$FOOT" -s "$FP/gso-ku.ini" --sat 0 --quantity gain --max-memory 1M
grep -q 'need about 3.96 MiB of memory, more than the 1 MiB allowed by --max-memory' \
    "$TMP/err" && pass || fail "--max-memory message: $(cat "$TMP/err")"
expect_exit 0 "$FOOT" -s "$FP/gso-ku.ini" --sat 0 --quantity gain --max-memory 8M

# Beam hopping (tests/data/footprint/hop.ini, hop.txt): slot 0 lights every beam at the power
# of its [beam] section, the other slots fewer beams at less power, so the maximum over the
# slots is slot 0: the instantaneous all-beams PFD, to the fp32 rounding of the SGEMM path
# (1e-6 relative in power, 5e-6 dB) and the 4 decimals of the files.
HOP="$INTERF_TEST_DATA/footprint"
expect_exit 0 "$FOOT" -s "$HOP/hop.ini" --sat 0 --quantity pfd --grid -10/30/30/65/0.5
cp "$TMP/out" "$TMP/inst.asc"
expect_exit 0 "$FOOT" -s "$HOP/hop.ini" --sat 0 --quantity pfd --grid -10/30/30/65/0.5 --stat max
tail -n +7 "$TMP/inst.asc" | tr ' ' '\n' >"$TMP/col1"
tail -n +7 "$TMP/out" | tr ' ' '\n' >"$TMP/col2"
paste "$TMP/col1" "$TMP/col2" |
    awk '{ d = $1 - $2; if (d < 0) d = -d; if (d > m) m = d; n++ }
         END { exit !(n == 80 * 70 && m <= 0.0002) }' && pass || fail "--stat max != all beams"
# Several statistics: PREFIX.STAT.asc each. The mean over the 3 s cycle holds slot 0 (0.5 s at
# the maximum), so max + 10 log10(0.5/3) = max - 7.7815 dB <= mean <= max at every point.
expect_exit 0 "$FOOT" -s "$HOP/hop.ini" --sat 0 --quantity pfd --grid -10/30/30/65/0.5 \
    --stat max --stat mean --stat p50 -o "$TMP/hop"
[ -s "$TMP/hop.max.asc" ] && [ -s "$TMP/hop.mean.asc" ] && [ -s "$TMP/hop.p50.asc" ] &&
    grep -q '<MDI key="statistic">mean</MDI>' "$TMP/hop.mean.asc.aux.xml" && pass ||
    fail "--stat files"
tail -n +7 "$TMP/hop.max.asc" | tr ' ' '\n' >"$TMP/col1"
tail -n +7 "$TMP/hop.mean.asc" | tr ' ' '\n' >"$TMP/col2"
paste "$TMP/col1" "$TMP/col2" |
    awk '{ if ($2 > $1 + 1e-4 || $2 < $1 - 7.7815 - 1e-4) bad++ } END { exit bad > 0 }' && pass ||
    fail "mean outside [max - 7.78, max]"
# Bad schedules: file and line named, exit 2, no output.
expect_exit 2 "$FOOT" -s "$HOP/bad-beam.ini" --sat 0 --quantity pfd --grid 0/10/40/50/1 \
    --stat max -o "$TMP/bad.asc"
expect_stderr_prefix "interf-footprint: $HOP/bad-beam.txt:4:10: beam: 'east': not a beam"
[ -e "$TMP/bad.asc" ] && fail "bad schedule left a file" || pass
expect_exit 2 "$FOOT" -s "$HOP/bad-order.ini" --sat 0 --quantity pfd --grid 0/10/40/50/1 \
    --stat max
expect_stderr_prefix "interf-footprint: $HOP/bad-order.txt:5:1: slot: 0 after 1"
expect_exit 2 "$FOOT" -s "$HOP/no-schedule.ini" --sat 0 --quantity pfd --stat max
expect_stderr_prefix "interf-footprint: --stat: satellite 0: [orbit hop] has no schedule_file"
for args in "--quantity gain --stat max" "--quantity pfd --stat p101" \
    "--quantity pfd --stat max --beam north" "--quantity pfd --stat max --stat mean"; do
    # shellcheck disable=SC2086
    expect_exit 2 "$FOOT" -s "$HOP/hop.ini" --sat 0 $args
done

# An M.2101 array steered to an aim point (tests/data/footprint/m2101-aim.ini: GSO at 0 E, 16 x 16
# elements, element G_E,max 5 dBi, phi_3dB = theta_3dB = 20 deg, k = 12; face to nadir,
# horizontal axis north; aim 30 N 0 E). The aim point lies in the plane of nadir and north, so in
# the array's angles it is at elevation 0 and azimuth the nadir angle
#   atan(Re sin 30 / (Rgeo - Re cos 30)) = atan(3189.0725 / 36640.5743) = 4.974298 deg;
# the beam is steered there (escan 4.974298, etilt 0), where the array factor is at its peak
# |AF|^2 = N, so G = A_E + 10 log10(N) and, against the pattern's peak G_E,max + 10 log10(N),
#   G - Gmax = A_E,H = -12 (4.974298/20)^2 = -0.742309 dB (M.2101-0 Table 4; A_E,V = 0).
M21="$INTERF_TEST_DATA/footprint/m2101-aim.ini"
expect_exit 0 "$FOOT" -s "$M21" --sat 0 --beam steered --quantity gain --grid -0.5/0.5/29.5/30.5/1
near "$(grid_cell 1 1)" -0.742309 0.001
# The unsteered (nadir) beam of the same array: 0 dB at the sub-satellite point, and at the aim
# point, 4.97 deg off its axis (near the first null of 16 elements at 0.5 lambda, asin(2/16) =
# 7.18 deg), far down.
expect_exit 0 "$FOOT" -s "$M21" --sat 0 --beam nadir --quantity gain --grid -0.5/0.5/-0.5/0.5/1
near "$(grid_cell 1 1)" 0 0.001
expect_exit 0 "$FOOT" -s "$M21" --sat 0 --beam nadir --quantity gain --grid -0.5/0.5/29.5/30.5/1
awk -v g="$(grid_cell 1 1)" 'BEGIN { exit !(g < -5) }' && pass ||
    fail "nadir array at aim: $(grid_cell 1 1)"

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
expect_exit 2 "$FOOT" -s "$FP/iss.ini" --sat 0 --quantity pfd
grep -q "^interf-footprint: --sat: 0: satellite of \[orbit iss\] carries no beam" \
    "$TMP/err" && pass || fail "beamless satellite message: $(head -n 1 "$TMP/err")"
expect_exit 2 "$FOOT" -s "$TMP/missing.ini" --quantity visible
expect_stderr_prefix "interf-footprint: $TMP/missing.ini: No such file or directory"

finish
