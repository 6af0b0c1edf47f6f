#!/bin/sh
# SPDX-License-Identifier: MIT
# interf-orbit -s on broken system files (tests/data/system/bad-*.ini): exit status 2, nothing
# on stdout, and one line on stderr, "interf-orbit: FILE:LINE: [section NAME] key: ...", naming
# the file as given, the line and the field. Also: a missing file, CRLF line ends, a path
# without a folder, and the S.1503-4 §B5.1 warning (exit 0, silenced by -q).
. "$(dirname "$0")/lib.sh"

D=$INTERF_TEST_DATA/system
ORBIT=$INTERF_BIN/interf-orbit

# FILE|what follows "interf-orbit: $D/FILE" on stderr (a prefix)
while IFS='|' read -r file rest; do
    expect_exit 2 "$ORBIT" -s "$D/$file"
    expect_stderr_prefix "interf-orbit: $D/$file$rest"
    expect_no_stdout
done <<'CASES'
bad-inclination.ini|:8: [orbit shell1] inclination_deg: 200: allowed range 0 to 180 deg
bad-altitude.ini|:7: [orbit shell1] altitude_km: -550: allowed range 0 to 100000 km
bad-planes.ini|:10: [orbit shell1] planes: 3: does not divide satellites = 10
bad-phasing.ini|:11: [orbit shell1] phasing: 3: allowed range 0 to 2
bad-eccentricity.ini|:8: [orbit sat1] eccentricity: 1: allowed range 0 to 1
bad-perigee-arg.ini|:9: [orbit sat1] arg_perigee_deg: 45:
bad-unknown-key.ini|:7: [orbit shell1] altidude_km: unknown key (did you mean altitude_km?)
bad-missing-key.ini|:5: [orbit shell1] altitude_km: missing (required for type = walker-delta)
bad-number.ini|:12: [beam spot] power_dbw: 10 dBW: not a number
bad-inline-comment.ini|:7: [orbit shell1] altitude_km: 550 # km: not a number
bad-pattern.ini|:6: [antenna dish] pattern: S.999: unknown pattern
bad-antenna-range.ini|:7: [antenna dish] gain_max_dbi: 90
bad-beam-antenna.ini|:6: [beam spot] antenna: nosuch: no [antenna nosuch] section
bad-duplicate-section.ini|:9: [orbit shell1]: duplicate section (first at line 5)
bad-duplicate-key.ini|:11: [orbit shell1] altitude_km: given twice (first at line 7)
bad-key-for-type.ini|:11: [orbit shell1] eccentricity: not allowed for type = walker-delta
bad-schedule.ini|:8: [orbit g] schedule_file: no-such-table.txt: No such file or directory
bad-no-system.ini|:1: [system]: missing section
empty.ini|:1: [system]: missing section
CASES

# A missing system file: the system's strerror text, exit 2.
expect_exit 2 "$ORBIT" -s "$TMP/no-such.ini"
expect_stderr_prefix "interf-orbit: $TMP/no-such.ini: No such file or directory"
expect_no_stdout

# CRLF line ends: same line numbers, and no carriage return inside the message.
sed 's/$/\r/' "$D/bad-inclination.ini" >"$TMP/crlf.ini"
expect_exit 2 "$ORBIT" -s "$TMP/crlf.ini"
expect_stderr_prefix "interf-orbit: $TMP/crlf.ini:8: [orbit shell1] inclination_deg: 200: allowed"
if tr -d '\n' <"$TMP/err" | grep -q "$(printf '\r')"; then
    fail "CRLF: carriage return in the message"
else
    pass
fi

# The file is named as given: a bare name from inside its folder.
(cd "$D" && "$ORBIT" -s bad-schedule.ini >"$TMP/out" 2>"$TMP/err")
STATUS=$?
LAST="(cd $D && interf-orbit -s bad-schedule.ini)"
if [ "$STATUS" -eq 2 ]; then pass; else fail "$LAST: exit status $STATUS, expected 2"; fi
expect_stderr_prefix "interf-orbit: bad-schedule.ini:8: [orbit g] schedule_file: "

# S.1503-4 §B5.1: 0 < e < 0.01 is a located warning, not an error; -q silences it.
expect_exit 0 "$ORBIT" -s "$D/good-options.ini"
expect_stderr_prefix \
    "interf-orbit: warning: $D/good-options.ini:10: [orbit circ] eccentricity: 0.005: "
expect_exit 0 "$ORBIT" -q -s "$D/good-options.ini"
expect_stderr_empty

finish
