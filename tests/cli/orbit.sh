# SPDX-License-Identifier: MIT
# interf-orbit as a user runs it: options, golden values, output files, exit statuses.
. "$(dirname "$0")/lib.sh"

ORBIT="$INTERF_BIN/interf-orbit"
FP="$INTERF_TEST_DATA/../../footprints"

# --help, --version
expect_exit 0 "$ORBIT" --help
grep -q '^Usage: interf-orbit -s SYSTEM' "$TMP/out" && pass || fail "--help text"
expect_exit 0 "$ORBIT" --version
[ "$(cat "$TMP/out")" = "interf-orbit (interf) 0.1.0" ] && pass ||
    fail "--version: $(cat "$TMP/out")"

# Usage errors: one message naming the option, then the hint; exit 2; nothing on stdout.
expect_exit 2 "$ORBIT"
grep -q "^interf-orbit: -s/--system: required" "$TMP/err" && pass || fail "missing -s message"
grep -q "^Try 'interf-orbit --help'." "$TMP/err" && pass || fail "missing hint"
expect_no_stdout
for args in "--duration 10x" "--sat 5000" "--sat 3-1" "--frame polar" "--observer 91,0" \
    "--min-elevation 10" "--step 60s" "--start 2025-02-30T00:00:00Z" "--earth flat" "--bogus"; do
    # shellcheck disable=SC2086
    expect_exit 2 "$ORBIT" -s "$FP/leo-ku-550.ini" $args
    expect_no_stdout
done
expect_exit 2 "$ORBIT" -s "$TMP/missing.ini"
expect_stderr_prefix "interf-orbit: $TMP/missing.ini: No such file or directory"

# Schema line and provenance.
expect_exit 0 "$ORBIT" -s "$FP/leo-ku-550.ini" --sat 0-3
[ "$(head -n 1 "$TMP/out")" = "# t_s sat plane lat_deg lon_deg alt_km" ] && pass || fail "schema"
grep -q '^# epoch_utc: 2025-01-01T00:00:00Z$' "$TMP/out" && pass || fail "epoch line"
[ "$(rows)" -eq 4 ] && pass || fail "4 rows expected, got $(rows)"
expect_stderr_empty

# Walker numbering: satellite 22 is plane 1, slot 0 (S = 22 per plane).
expect_exit 0 "$ORBIT" -s "$FP/leo-ku-550.ini" --sat 22
[ "$(cell 1 3)" = 1 ] && pass || fail "satellite 22 plane $(cell 1 3)"
near "$(cell 1 6)" 550.000 0.0005

# Steps: 10 minutes at 60 s is 11 steps (both ends), 1584 satellites each.
expect_exit 0 "$ORBIT" -s "$FP/leo-ku-550.ini" --duration 10m --step 60s
[ "$(rows)" -eq $((11 * 1584)) ] && pass || fail "rows: $(rows)"
near "$(awk '!/^#/ { t = $1 } END { print t }' "$TMP/out")" 600 0

# An ISO start equals the same offset from the epoch.
expect_exit 0 "$ORBIT" -s "$FP/leo-ku-550.ini" --start 2025-01-01T00:01:30Z --sat 7
iso=$(grep -v '^#' "$TMP/out")
expect_exit 0 "$ORBIT" -s "$FP/leo-ku-550.ini" --start 90s --sat 7
[ "$iso" = "$(grep -v '^#' "$TMP/out")" ] && pass || fail "ISO start differs from offset"

# The GSO satellite stays at 19.2 E, 35786.055 km up (Rgeo 42164.2 - Re 6378.145).
expect_exit 0 "$ORBIT" -s "$FP/gso-ku.ini" --start 3.7d
near "$(cell 1 4)" 0 1e-6
near "$(cell 1 5)" 19.2 1e-6
near "$(cell 1 6)" 35786.055 0.0005

# Seen from 45 N on its meridian: elevation 38.170 deg (itu-reference check; tan el =
# (cos 45 - Re/Rgeo) / sin 45), azimuth 180 (due south), alpha 0 (it is on the arc).
expect_exit 0 "$ORBIT" -s "$FP/gso-ku.ini" --observer 45,19.2
near "$(cell 1 7)" 180 1e-6
near "$(cell 1 8)" 38.170 0.0005
near "$(cell 1 10)" 0 1e-6

# Earth-fixed frame: |r| = Rgeo; inertial equals Earth-fixed at the epoch.
expect_exit 0 "$ORBIT" -s "$FP/gso-ku.ini" --frame ecef
[ "$(head -n 1 "$TMP/out")" = "# t_s sat plane x_km y_km z_km vx_km_s vy_km_s vz_km_s" ] && pass ||
    fail "ecef schema"
near "$(awk '!/^#/ { print sqrt($4 * $4 + $5 * $5 + $6 * $6) }' "$TMP/out")" 42164.2 0.0005
ecef=$(grep -v '^#' "$TMP/out" | awk '{ print $4, $5, $6 }')
expect_exit 0 "$ORBIT" -s "$FP/gso-ku.ini" --frame inertial
[ "$ecef" = "$(grep -v '^#' "$TMP/out" | awk '{ print $4, $5, $6 }')" ] && pass ||
    fail "inertial differs from ecef at the epoch"

# WGS 84: the GSO satellite's height is above the ellipsoid (Rgeo - 6378.137 at the equator).
expect_exit 0 "$ORBIT" -s "$FP/gso-ku.ini" --earth wgs84
near "$(cell 1 6)" 35786.063 0.0005
grep -q '^# earth_model: WGS 84' "$TMP/out" && pass || fail "wgs84 metadata"

# Pass prediction: every printed row is at least 10 deg high, and the ISS is seen from Paris.
expect_exit 0 "$ORBIT" -s "$FP/iss.ini" --duration 1d --step 30s --observer 48.85,2.35 \
    --min-elevation 10
[ "$(rows)" -gt 0 ] && pass || fail "no ISS pass over Paris in a day"
awk '!/^#/ && $8 < 10 { bad = 1 } END { exit bad }' "$TMP/out" && pass || fail "row below 10 deg"

# -o writes the same bytes as stdout (but for the command line), atomically, mode 0644 under
# umask 022, and leaves no temporary file.
expect_exit 0 "$ORBIT" -s "$FP/gso-ku.ini" --duration 1h -o "$TMP/o.txt"
expect_no_stdout
(umask 022; "$ORBIT" -s "$FP/gso-ku.ini" -o "$TMP/m.txt")
[ "$(stat -c %a "$TMP/m.txt")" = 644 ] && pass || fail "mode $(stat -c %a "$TMP/m.txt")"
run "$ORBIT" -s "$FP/gso-ku.ini" --duration 1h
grep -v '^# command' "$TMP/out" >"$TMP/a"
grep -v '^# command' "$TMP/o.txt" >"$TMP/b"
cmp -s "$TMP/a" "$TMP/b" && pass || fail "-o output differs from stdout"
[ -z "$(ls "$TMP" | grep '\.tmp\.')" ] && pass || fail "temporary file left behind"

# A failed run leaves an earlier output untouched; a missing folder is an error.
echo "previous result" >"$TMP/keep.txt"
expect_exit 2 "$ORBIT" -s "$TMP/missing.ini" -o "$TMP/keep.txt"
[ "$(cat "$TMP/keep.txt")" = "previous result" ] && pass || fail "earlier output spoiled"
expect_exit 2 "$ORBIT" -s "$FP/gso-ku.ini" -o "$TMP/no/such/dir/x.txt"
expect_stderr_prefix "interf-orbit: $TMP/no/such/dir/x.txt: No such file or directory"

# A full disk is an error, on stdout and through -o (a device is written directly).
if [ -w /dev/full ]; then
    expect_exit 2 sh -c "'$ORBIT' -s '$FP/leo-ku-550.ini' > /dev/full"
    grep -q "^interf-orbit: standard output: write error: No space left on device" "$TMP/err" &&
        pass || fail "/dev/full message"
    expect_exit 2 "$ORBIT" -s "$FP/leo-ku-550.ini" -o /dev/full
    [ -c /dev/full ] && pass || fail "/dev/full replaced"
else
    fail "/dev/full is not available: the full-disk case cannot run"
fi

# A closed pipe is a write error: exit 2 and one message, not death by SIGPIPE (141).
("$ORBIT" -s "$INTERF_TEST_DATA/../../footprints/leo-ku-550.ini" --duration 1d --step 10s 2>"$TMP/pipe.err"; echo $? >"$TMP/pipe.status") |
    head -n 1 >/dev/null
[ "$(cat "$TMP/pipe.status")" = 2 ] && pass || fail "closed pipe: exit $(cat "$TMP/pipe.status")"
grep -q "standard output: write error: Broken pipe" "$TMP/pipe.err" && pass ||
    fail "closed pipe message: $(cat "$TMP/pipe.err")"

finish
