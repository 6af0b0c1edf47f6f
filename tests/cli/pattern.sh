# SPDX-License-Identifier: MIT
# interf-pattern as a user runs it: the issue's command, golden values (hand values of
# Rec. ITU-R S.1428-1 and S.672-4), angles from stdin and files, --relative, --list, the table
# pattern, errors naming the parameter and its range (exit 2), atomic -o, the --png chart.
. "$(dirname "$0")/lib.sh"

PAT="$INTERF_BIN/interf-pattern"
D="$INTERF_TEST_DATA/antenna"

expect_exit 0 "$PAT" --help
grep -q '^Usage: interf-pattern --pattern NAME' "$TMP/out" && pass || fail "--help text"
expect_exit 0 "$PAT" --version
[ "$(cat "$TMP/out")" = "interf-pattern (interf) 0.1.0" ] && pass || fail "--version"

# The issue's command: the full sweep 0..180 by 0.1 deg, 1801 rows, schema first.
expect_exit 0 "$PAT" --pattern S.1428 --dish-m 0.6 --freq-ghz 11.7
[ "$(head -n 1 "$TMP/out")" = "# theta_deg gain_dbi" ] && pass || fail "schema line"
[ "$(rows)" -eq 1801 ] && pass || fail "1801 rows expected, got $(rows)"
grep -q '^# source: Rec. ITU-R S.1428-1 (02/2001), recommends 1$' "$TMP/out" && pass ||
    fail "source line"
grep -q '^# parameters: diameter_m=0.6 frequency_ghz=11.7$' "$TMP/out" && pass ||
    fail "parameters line"
expect_stderr_empty
# hand, S.1428-1 with D/lambda = 23.416: 0 -> 35.090, 2 -> 29.607, 5 -> 11.526, 40 -> -9,
# 100 -> -5 (rows 1, 21, 51, 401, 1001)
near "$(cell 1 2)" 35.090 0.001
near "$(cell 21 2)" 29.607 0.001
near "$(cell 51 2)" 11.526 0.001
near "$(cell 401 2)" -9 0
near "$(cell 1001 2)" -5 0
near "$(cell 1801 1)" 180 0

# --from/--to/--step and --relative: S.672-4, 32.4 dBi, psi_0 = 2 deg: G - Gm at 0, 2, 4 deg is
# 0, -3, -12 (parabola from the boresight, RR Article 22).
expect_exit 0 "$PAT" --pattern S.672 --gain-max-dbi 32.4 --half-beamwidth-deg 2 --from 0 \
    --to 4 --step 2 --relative
[ "$(head -n 1 "$TMP/out")" = "# theta_deg gain_rel_db" ] && pass || fail "relative schema"
[ "$(rows)" -eq 3 ] && pass || fail "3 rows"
near "$(cell 1 2)" 0 0
near "$(cell 2 2)" -3 0
near "$(cell 3 2)" -12 0

# Angles from standard input ('-'), and the same from --angles FILE; --param spelling.
printf '0\n# a comment\n\n2\n' >"$TMP/angles"
"$PAT" --pattern S.1428 --param diameter_m=0.6 --freq-ghz 11.7 - <"$TMP/angles" \
    >"$TMP/out" 2>"$TMP/err"
STATUS=$?
LAST="interf-pattern ... - <angles"
[ "$STATUS" -eq 0 ] && pass || fail "$LAST: exit $STATUS"
[ "$(rows)" -eq 2 ] && pass || fail "stdin: 2 rows expected, got $(rows)"
near "$(cell 2 2)" 29.607 0.001
expect_exit 0 "$PAT" --pattern S.1428 --dish-m 0.6 --freq-ghz 11.7 --angles "$TMP/angles"
near "$(cell 2 1)" 2 0

# A bad angle line: FILE:LINE named, exit 2, nothing written.
printf '0\nabc\n' >"$TMP/bad-angles"
expect_exit 2 "$PAT" --pattern S.1428 --dish-m 0.6 --freq-ghz 11.7 --angles "$TMP/bad-angles"
expect_stderr_prefix "interf-pattern: $TMP/bad-angles:2:1: theta_deg: \"abc\": not a number"
expect_no_stdout
printf '200\n' >"$TMP/far"
expect_exit 2 "$PAT" --pattern S.1428 --dish-m 0.6 --freq-ghz 11.7 --angles "$TMP/far"
expect_stderr_prefix "interf-pattern: $TMP/far:1:1: theta_deg: 200: allowed range 0 to 180 deg"

# Bad parameters name the key and its range.
expect_exit 2 "$PAT" --pattern S.1428 --dish-m 200 --freq-ghz 11.7
grep -q "^interf-pattern: --diameter-m: 200: allowed range 0 to 100 m (0 excluded)$" \
    "$TMP/err" && pass || fail "range message: $(head -n 1 "$TMP/err")"
grep -q "^Try 'interf-pattern --help'." "$TMP/err" && pass || fail "hint"
expect_no_stdout
expect_exit 2 "$PAT" --pattern S.1528:1.2 --gain-max-dbi 39 --half-beamwidth-deg 1 --ln-db -17
grep -q "^interf-pattern: --ln-db: -17: allowed: -15, -20, -25, -30" "$TMP/err" && pass ||
    fail "ln_db set"
expect_exit 2 "$PAT" --pattern S.1428 --dish-m 0.6 --freq-ghz 11.7 --ln-db -20
grep -q "^interf-pattern: --ln-db: not a key of pattern S.1428 (its keys: diameter_m," \
    "$TMP/err" && pass || fail "foreign key: $(head -n 1 "$TMP/err")"
expect_exit 2 "$PAT" --pattern S.1428 --dish-m 0.6
grep -q "required by pattern S.1428" "$TMP/err" && pass || fail "frequency required"
expect_exit 2 "$PAT" --pattern S.999
grep -q "^interf-pattern: --pattern: S.999: unknown (allowed: S.1528:1.2, " "$TMP/err" && pass ||
    fail "unknown pattern"
expect_exit 2 "$PAT" --pattern S.1428 --dish-m 0.6 --freq-ghz 11.7 --from 10 --to 5
expect_exit 2 "$PAT" --pattern S.1428 --dish-m abc --freq-ghz 11.7
expect_exit 2 "$PAT" --pattern S.1428 --dish-m 0.3 --freq-ghz 12
grep -q "S.1428-1 is defined for D/lambda >= 20; got 12.01" "$TMP/err" && pass ||
    fail "D/lambda below 20"
expect_exit 2 "$PAT"
grep -q "^interf-pattern: --pattern: required" "$TMP/err" && pass || fail "--pattern required"

# --list: every pattern with its source, its keys, and the RA.769 table.
expect_exit 0 "$PAT" --list
for name in S.1528:1.2 S.1528:1.3 S.1528:1.4 S.672 S.1428 BO.1443 S.465 S.580 F.699 F.1245 \
    RA.1631 SA.509 M.2101 table RA.769; do
    grep -qx "$name" "$TMP/out" && pass || fail "--list lacks $name"
done
grep -q '^  source: Rec. ITU-R F.1245-3 (01/2019), recommends 2$' "$TMP/out" && pass ||
    fail "--list F.1245 source"
grep -q '^  diameter_m  *(0, 100\] m  *required' "$TMP/out" && pass || fail "--list key line"

# The table pattern, and an azimuth-dependent cut (elliptical beam: the minor axis of psi_b = 2,
# z = 2 is the major axis of psi_b = 1, z = 2).
expect_exit 0 "$PAT" --pattern table --file "$D/flat-1d.txt" --from 6 --to 6
near "$(cell 1 2)" 9 0
expect_exit 0 "$PAT" --pattern S.1528:1.2 --gain-max-dbi 39 --half-beamwidth-deg 2 --z 2 \
    --azimuth 90 --step 0.5
cp "$TMP/out" "$TMP/minor"
expect_exit 0 "$PAT" --pattern S.1528:1.2 --gain-max-dbi 39 --half-beamwidth-deg 1 --z 2 \
    --step 0.5
if [ "$(grep -v '^#' "$TMP/minor")" = "$(grep -v '^#' "$TMP/out")" ]; then pass
else fail "minor-axis cut"; fi
expect_exit 0 "$PAT" --pattern S.1428 --dish-m 0.6 --freq-ghz 11.7 --azimuth 30 --to 1
grep -q "does not depend on the azimuth" "$TMP/err" && pass || fail "azimuth warning"

# -o writes atomically: the file appears on success; a failing run leaves an existing file as it
# was and creates none.
expect_exit 0 "$PAT" --pattern S.1428 --dish-m 0.6 --freq-ghz 11.7 -o "$TMP/p.txt"
expect_no_stdout
[ "$(grep -vc '^#' "$TMP/p.txt")" -eq 1801 ] && pass || fail "-o file rows"
cp "$TMP/p.txt" "$TMP/p.keep"
expect_exit 2 "$PAT" --pattern S.1428 --dish-m 0.6 --freq-ghz 11.7 --angles "$TMP/bad-angles" \
    -o "$TMP/p.txt"
cmp -s "$TMP/p.txt" "$TMP/p.keep" && pass || fail "-o clobbered on failure"
expect_exit 2 "$PAT" --pattern S.1428 --dish-m 200 --freq-ghz 11.7 -o "$TMP/none.txt"
[ -e "$TMP/none.txt" ] && fail "-o created on failure" || pass
ls "$TMP" | grep -q '^\.\{0,1\}p\.txt\..' && fail "temporary file left behind" || pass

# --png: a PNG (its 8-byte signature, then IHDR's width and height, big-endian, at bytes 16-23),
# with the title and provenance in iTXt chunks; alone it writes no table.
# The first line of the last run's stderr holds $1 (a usage error: the hint line follows).
first_err() {
    head -n 1 "$TMP/err" | grep -qF "$1" && pass || fail "stderr: $(head -n 1 "$TMP/err")"
}
png_sig() { od -An -tx1 -N8 "$1" | tr -d ' \n'; }
png_size() { od -An -tu1 -j16 -N8 "$1" | awk '{ printf "%d %d", $3 * 256 + $4, $7 * 256 + $8 }'; }
expect_exit 0 "$PAT" --pattern S.1428 --dish-m 0.6 --freq-ghz 11.7 --png "$TMP/s1428.png"
expect_no_stdout
expect_stderr_empty
[ "$(png_sig "$TMP/s1428.png")" = 89504e470d0a1a0a ] && pass || fail "--png: PNG signature"
[ "$(png_size "$TMP/s1428.png")" = "1200 744" ] && pass ||
    fail "--png: size $(png_size "$TMP/s1428.png"), expected 1200 744"
for text in 'iTXtTitle' 'S.1428-1, D = 0.6 m, f = 11.7 GHz' 'iTXtSoftware' 'iTXtSource' \
    'Rec. ITU-R S.1428-1 (02/2001), recommends 1' 'iTXtComment' 'iTXtDescription' \
    'parameters: diameter_m=0.6 frequency_ghz=11.7'; do
    grep -aq "$text" "$TMP/s1428.png" && pass || fail "--png: no \"$text\" in the PNG"
done
# With -o both are written; -o - puts the table on standard output; --width, --log-angle.
expect_exit 0 "$PAT" --pattern M.2101 --element-gain-dbi 5 --phi-3db-deg 65 --theta-3db-deg 65 \
    --n-h 8 --n-v 8 --relative --png "$TMP/m.png" --log-angle --width 600 -o "$TMP/m.txt"
expect_no_stdout
[ "$(png_size "$TMP/m.png")" = "600 372" ] && pass || fail "--width 600: $(png_size "$TMP/m.png")"
[ "$(grep -vc '^#' "$TMP/m.txt")" -eq 1801 ] && pass || fail "--png -o: table rows"
grep -aq 'gain_rel_db against theta_deg, 0.1 to 180 deg (log axis)' "$TMP/m.png" && pass ||
    fail "--log-angle: an 8x8 array, 3 dB down at 6.3 deg: a decade below, 0.1 deg"
expect_exit 0 "$PAT" --pattern S.1428 --dish-m 0.6 --freq-ghz 11.7 --to 10 --png "$TMP/p2.png" \
    -o -
[ "$(rows)" -eq 101 ] && pass || fail "--png -o -: 101 rows on standard output, got $(rows)"
# --png - writes the PNG on standard output (not a terminal here).
expect_exit 0 "$PAT" --pattern S.1428 --dish-m 0.6 --freq-ghz 11.7 --png -
[ "$(png_sig "$TMP/out")" = 89504e470d0a1a0a ] && pass || fail "--png -: PNG signature"
# Errors: exit 2, and nothing left behind (neither file, nor a temporary one).
expect_exit 2 "$PAT" --pattern S.1428 --dish-m 0.6 --freq-ghz 11.7 --png "$TMP/no/such/p.png" \
    -o "$TMP/t.txt"
expect_stderr_prefix "interf-pattern: $TMP/no/such/p.png"
[ -e "$TMP/no" ] || [ -e "$TMP/t.txt" ] && fail "bad --png path: a file was left" || pass
ls -a "$TMP" | grep -q '\.tmp\.' && fail "bad --png path: temporary file left" || pass
expect_exit 2 "$PAT" --pattern S.1428 --dish-m 0.6 --freq-ghz 11.7 --png "$TMP/e.png" \
    -o "$TMP/no/such/t.txt"
[ -e "$TMP/e.png" ] && fail "bad -o path with --png: the PNG was left" || pass
ls -a "$TMP" | grep -q '\.tmp\.' && fail "bad -o path: temporary file left" || pass
expect_exit 2 "$PAT" --pattern S.1428 --dish-m 0.6 --freq-ghz 11.7 --log-angle
first_err "interf-pattern: --log-angle: needs --png"
expect_exit 2 "$PAT" --pattern S.1428 --dish-m 0.6 --freq-ghz 11.7 --png "$TMP/e.png" \
    --width 100
first_err "interf-pattern: --width: 100"
printf '5\n' >"$TMP/one"
expect_exit 2 "$PAT" --pattern S.1428 --dish-m 0.6 --freq-ghz 11.7 --angles "$TMP/one" \
    --png "$TMP/e.png"
expect_stderr_prefix "interf-pattern: --png: the angles span no range to draw (5 to 5 deg)"
[ -e "$TMP/e.png" ] && fail "--png: a failed chart left a file" || pass
expect_exit 2 "$PAT" --pattern S.1428 --dish-m 0.6 --freq-ghz 11.7 --png "$TMP/p.txt" \
    -o "$TMP/p.txt"
first_err "interf-pattern: --png: $TMP/p.txt: also the table's output (-o)"

# A full disk is an error.
if [ -w /dev/full ]; then
    expect_exit 2 "$PAT" --pattern S.1428 --dish-m 0.6 --freq-ghz 11.7 -o /dev/full
    "$PAT" --pattern S.1428 --dish-m 0.6 --freq-ghz 11.7 >/dev/full 2>"$TMP/err"
    [ $? -eq 2 ] && pass || fail "> /dev/full: exit status"
    expect_exit 2 "$PAT" --pattern S.1428 --dish-m 0.6 --freq-ghz 11.7 --png /dev/full
    grep -q "^interf-pattern: /dev/full: write error" "$TMP/err" && pass ||
        fail "--png /dev/full: $(head -n 1 "$TMP/err")"
fi

finish
