# SPDX-License-Identifier: MIT
# interf-check as a user runs it: verdicts and margins on synthetic CDFs (values worked by hand
# in the comments), exit statuses 0/1/2, located errors, the three output formats, --list, and
# the EXAMPLES of its man page run with the exit status each states.
. "$(dirname "$0")/lib.sh"

CHECK="$INTERF_BIN/interf-check"
CDF="$INTERF_TEST_DATA/cdf"
PAGE="$INTERF_TEST_DATA/../../man/man1/interf-check.1"
HEAD='# epfd_dbw_m2_40khz pct_time_exceeded'

# Column $3 of the --format table row of point $1 whose level_dbw_m2 is $2 (from $TMP/out).
col() {
    awk -v p="$1" -v l="$2" -v c="$3" '!/^#/ && $1 == p && $5 == l { print $c; exit }' "$TMP/out"
}

# --- help, version, usage errors ----------------------------------------------------------
expect_exit 0 "$CHECK" --help
grep -q '^Usage: interf-check \[options\] \[FILE...\]' "$TMP/out" && pass || fail "--help text"
expect_exit 0 "$CHECK" --version
[ "$(cat "$TMP/out")" = "interf-check (interf) 0.1.0" ] && pass || fail "--version"
for args in "--format xml" "--band 12-11" "--band x" "--service MSS" "--dish-m 0" "--lat-deg 91" \
    "--bogus" "--list extra.txt" "--service FSS"; do
    # shellcheck disable=SC2086
    expect_exit 2 "$CHECK" $args </dev/null
    expect_no_stdout
    grep -q "^Try 'interf-check --help'.$" "$TMP/err" && pass || fail "$args: no hint"
done

# --- unknown table or dish: named candidates, exit 2 before any input is read ---------------
expect_exit 2 "$CHECK" --limits 22-9 </dev/null
expect_stderr_prefix 'interf-check: unknown Article 22 table "22-9"; tables: 22-1A, 22-1B, '\
'22-1C, 22-1D, 22-1E, 22-2, 22-3'
expect_no_stdout
expect_exit 2 "$CHECK" --limits 22-1A --dish-m 0.65 </dev/null
expect_stderr_prefix 'interf-check: no Article 22 limit row for table 22-1A, 0.65 m; rows: '\
'22-1A 0.6 m 40 kHz FSS, 22-1A 1.2 m'

# --- bad input: file:line and field, exit 2, nothing on stdout --------------------------------
expect_exit 2 "$CHECK" --limits 22-1A --dish-m 0.6 "$CDF/bad-no-header.txt"
expect_stderr_prefix "interf-check: $CDF/bad-no-header.txt:1: missing schema line"
expect_no_stdout
expect_exit 2 "$CHECK" --limits 22-1A --dish-m 0.6 "$CDF/bad-levels.txt"
expect_stderr_prefix "interf-check: $CDF/bad-levels.txt:4:1: epfd_dbw_m2_40khz: -174.8: "\
"levels must go in steps of 0.1 dB in one direction"
expect_exit 2 "$CHECK" --limits 22-1A --dish-m 0.6 "$CDF/bad-pct.txt"
expect_stderr_prefix "interf-check: $CDF/bad-pct.txt:4:8: pct_time_exceeded: 60: "\
"increases with the level"
expect_exit 2 "$CHECK" --limits 22-1A --dish-m 0.6 "$CDF/bad-nan.txt"
expect_stderr_prefix "interf-check: $CDF/bad-nan.txt:4:8: pct_time_exceeded: "\
"expected a finite number, got \"nan\""
expect_exit 2 "$CHECK" --limits 22-1A --dish-m 0.6 "$CDF/bad-schema.txt"
expect_stderr_prefix "interf-check: $CDF/bad-schema.txt:1: not a CDF table"
expect_exit 2 "$CHECK" --limits 22-1A "$TMP/missing.txt"
expect_stderr_prefix "interf-check: $TMP/missing.txt: No such file or directory"
# A good file and a bad one: the error wins, nothing is written.
printf '%s\n%s\n' "$HEAD" '-180.0 0' >"$TMP/ok.txt"
expect_exit 2 "$CHECK" --limits 22-1A --dish-m 0.6 "$TMP/ok.txt" "$CDF/bad-nan.txt"
expect_no_stdout
# Missing dish, bandwidth, latitude.
expect_exit 2 "$CHECK" --limits 22-1A "$TMP/ok.txt"
expect_stderr_prefix "interf-check: $TMP/ok.txt:1: dish_m: missing"
printf '%s\n%s\n' '# epfd_dbw_m2 pct_time_exceeded' '-180.0 0' >"$TMP/nobw.txt"
expect_exit 2 "$CHECK" --limits 22-1A --dish-m 0.6 "$TMP/nobw.txt"
expect_stderr_prefix "interf-check: $TMP/nobw.txt:1: ref_bandwidth_khz: missing"
expect_exit 0 "$CHECK" --limits 22-1A --dish-m 0.6 --ref-bandwidth-khz 40 "$TMP/nobw.txt"
expect_exit 2 "$CHECK" --limits 22-1A --dish-m 0.6 --ref-bandwidth-khz 1000 "$TMP/ok.txt"
expect_stderr_prefix "interf-check: $TMP/ok.txt:1: ref_bandwidth_khz: "\
"1000 kHz given contradicts"
expect_exit 2 "$CHECK" --limits 22-1A --dish-m 1.2 "$TMP/ok.txt"
expect_stderr_prefix "interf-check: $TMP/ok.txt:1: lat_deg: the 22-1A 1.2 m row needs the "\
"earth station's latitude (RR No. 22.5C.4)"
# Ambiguous band: both tables named.
expect_exit 2 "$CHECK" --band 11.7-12.2 --dish-m 0.6 "$TMP/ok.txt"
expect_stderr_prefix "interf-check: $TMP/ok.txt:1: ambiguous Article 22 limits for "\
"11.7-12.2 GHz, 0.6 m, 40 kHz: 22-1A 0.6 m 40 kHz FSS, 22-1D 0.6 m 40 kHz BSS"

# --- verdicts on and around a mask point (22-1A 0.6 m, -170.8 dB at 99 %: 1 % exceeded) ------
# Weights 98 % at -180.0, 1 % at -170.8+s, 1 % at -170.7+s, as a CDF: the rows from -180.0 are
# exceeded 2 % up to the first upper level, 1 % at it, 0 % at the top.
# s = 0: -170.8 is exceeded 1 % = allowed: PASS, margin 0.0 dB (the CDF reaches 1 % at -170.8).
# s = +0.1 dB: exceeded 2 %: FAIL, margin -0.1 dB, -1 % of time. s = -0.1 dB: PASS, +0.1 dB.
onpoint() {
    awk -v s="$1" -v h="$HEAD" 'BEGIN { print h; print "# dish_m: 0.6"
        for (t = -1800 + s; t <= -1707 + s; t++) printf "%.1f %s\n", t / 10,
            t < -1708 + s ? 2 : (t == -1708 + s ? 1 : 0) }'
}
onpoint 0 >"$TMP/on.txt"
onpoint 1 >"$TMP/above.txt"
onpoint -1 >"$TMP/below.txt"
expect_exit 0 "$CHECK" --limits 22-1A --format table "$TMP/on.txt"
near "$(col 1 -170.8 10)" 0.0 0
near "$(col 1 -170.8 11)" 0 1e-9
[ "$(col 1 -170.8 12)" = PASS ] && pass || fail "on the point: $(col 1 -170.8 12)"
expect_exit 1 "$CHECK" --limits 22-1A --format table "$TMP/above.txt"
near "$(col 1 -170.8 10)" -0.1 0
near "$(col 1 -170.8 11)" -1 1e-9
[ "$(col 1 -170.8 12)" = FAIL ] && pass || fail "0.1 dB above: $(col 1 -170.8 12)"
grep -q '^# summary: FAIL (1 CDF checked, 1 fails); worst margin -0.1 dB' "$TMP/out" && pass ||
    fail "summary line: $(grep summary "$TMP/out")"
expect_exit 0 "$CHECK" --limits 22-1A --format table "$TMP/below.txt"
near "$(col 1 -170.8 10)" 0.1 0
near "$(col 1 -170.8 11)" 1 1e-9

# --- the 100 % point: a peak of 1 in 1e6 at -160.0+s, the rest at -180.0 ---------------------
# On (-160.0): PASS, margin 0.0; +0.1 dB: FAIL, margin -0.1; the 99.997 % point (0.003 %
# allowed) sees 1e-4 % and passes.
peak() {
    awk -v s="$1" -v h="$HEAD" 'BEGIN { print h; print "# dish_m: 0.6"
        for (t = -1800; t <= -1600 + s; t++)
            printf "%.1f %s\n", t / 10, t < -1600 + s ? "0.0001" : 0 }'
}
peak 0 >"$TMP/p0.txt"
peak 1 >"$TMP/p1.txt"
expect_exit 0 "$CHECK" --limits 22-1A --format table "$TMP/p0.txt"
[ "$(awk '!/^#/ && $7 == 100 { print $10 }' "$TMP/out")" = 0.0 ] && pass || fail "100 % on"
expect_exit 1 "$CHECK" --limits 22-1A --format table "$TMP/p1.txt"
[ "$(awk '!/^#/ && $7 == 100 { print $10, $12 }' "$TMP/out")" = "-0.1 FAIL" ] && pass ||
    fail "100 % above: $(awk '!/^#/ && $7 == 100' "$TMP/out")"
[ "$(awk '!/^#/ && $7 == 99.997 { print $12 }' "$TMP/out")" = PASS ] && pass || fail "99.997 %"
# The run maximum from the metadata, or --max-db, is honoured: -159.9 dB is bin -159.9 > -160.0.
expect_exit 1 "$CHECK" --limits 22-1A --max-db -159.9 "$TMP/p0.txt"
expect_exit 0 "$CHECK" --limits 22-1A --max-db -159.95 "$TMP/p0.txt"

# --- latitude (RR No. 22.5C.4): 1.2 m, peak 1e-4 % at -161.0 --------------------------------
# 45 deg: limit -160.0, margin +1.0; 60 deg: -162.125 -> -162.2, margin -1.2; 70 deg: -165.3,
# margin -4.3. --lat-deg overrides the metadata.
awk -v h="$HEAD" 'BEGIN { print h; print "# dish_m: 1.2"; print "# lat_deg: 45"
    for (t = -1850; t <= -1610; t++) printf "%.1f %s\n", t / 10, t < -1610 ? "0.0001" : 0 }' \
    >"$TMP/lat.txt"
for case in "45 1.0 0" "60 -1.2 1" "70 -4.3 1"; do
    set -- $case
    expect_exit "$3" "$CHECK" --limits 22-1A --lat-deg "$1" --format table "$TMP/lat.txt"
    near "$(awk '!/^#/ && $7 == 100 { print $10 }' "$TMP/out")" "$2" 0
done
expect_exit 0 "$CHECK" --limits 22-1A "$TMP/lat.txt"
grep -q '^  PASS: 11 of 11 points pass; worst margin +1.0 dB at point -160.0 dB / 0 % exceeded' \
    "$TMP/out" && pass || fail "text point line: $(grep 'points pass' "$TMP/out")"

# --- two levels at one percentage: 22-1D 30 cm, -158.6 and -158.33 at 99.429 % ---------------
# 1000 units of 1e6 at -158.5 and 5000 at -158.4: -158.6 exceeded 0.6 % > 0.571 (FAIL, -0.1
# dB); -158.33 (compared at -158.4) exceeded 0 % (PASS, +0.1 dB).
awk -v h="$HEAD" 'BEGIN { print h; print "# dish_m: 0.3"
    for (t = -1700; t <= -1584; t++)
        printf "%.1f %s\n", t / 10, t < -1585 ? 0.6 : (t == -1585 ? 0.5 : 0) }' \
    >"$TMP/step.txt"
expect_exit 1 "$CHECK" --limits 22-1D --format table "$TMP/step.txt"
[ "$(awk '!/^#/ && $7 == 99.429 { printf "%s %s %s;", $5, $10, $12 }' "$TMP/out")" = \
    "-158.6 -0.1 FAIL;-158.4 0.1 PASS;" ] && pass ||
    fail "30 cm step: $(awk '!/^#/ && $7 == 99.429' "$TMP/out")"

# --- several points, '>' separators, stdin and files, json ------------------------------------
cat "$TMP/on.txt" >"$TMP/multi.txt"
echo '> second point' >>"$TMP/multi.txt"
cat "$TMP/above.txt" >>"$TMP/multi.txt"
expect_exit 1 "$CHECK" --limits 22-1A --format json - "$TMP/below.txt" <"$TMP/multi.txt"
python3 -m json.tool "$TMP/out" >/dev/null && pass || fail "json does not parse"
python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
p = d["points"]
assert d["pass"] is False and d["n_fail"] == 1, d["n_fail"]
assert [x["source"] for x in p] == ["<stdin>", "<stdin>", sys.argv[2]], [x["source"] for x in p]
assert [x["pass"] for x in p] == [True, False, True]
assert [x["worst_margin_db"] for x in p] == [0.0, -0.1, 0.1], [x["worst_margin_db"] for x in p]
assert p[1]["line"] == 2 + 94 + 1 + 1, p[1]["line"]
r = [x for x in p[1]["rows"] if x["rr_level_dbw_m2"] == -170.8][0]
assert r["pct_allowed_exceeded"] == 1 and r["pct_simulated_exceeded"] == 2 and not r["pass"]
assert p[0]["rows"][0]["margin_db"] is None
assert p[0]["limits"]["confidence"] == "confirmed"' "$TMP/out" "$TMP/below.txt" &&
    pass || fail "json content"

# --- 22-1B: a 40 kHz CDF checks the 40 kHz row and notes the unchecked 1 MHz row ----------------
printf '%s\n%s\n' "$HEAD" '-180.0 0' >"$TMP/b40.txt"
printf '%s\n%s\n' '# epfd_dbw_m2_1mhz pct_time_exceeded' '-160.0 0' >"$TMP/b1m.txt"
expect_exit 0 "$CHECK" --limits 22-1B --dish-m 1 "$TMP/b40.txt"
grep -q '^note: Table 22-1B 1 m 1000 kHz row not checked (no CDF in 1000 kHz)' "$TMP/out" && pass ||
    fail "22-1B note"
# Both bandwidths: no note; a constant -160.0 dB(W/m2/MHz) breaks -161.4 (90 %) by
# -161.4 - (-160.0) = -1.4 dB.
expect_exit 1 "$CHECK" --limits 22-1B --dish-m 1 "$TMP/b40.txt" "$TMP/b1m.txt"
grep -q '^note:' "$TMP/out" && fail "22-1B: unexpected note" || pass
grep -q 'worst margin -1.4 dB at .*b1m.txt:1, Table 22-1B 1 m, point -161.4 dB / 10 % exceeded' \
    "$TMP/out" && pass || fail "22-1B 1 MHz: $(grep summary "$TMP/out")"

# --- choosing the row by band, service and metadata ------------------------------------------
printf '%s\n%s\n%s\n' "$HEAD" '# dish_m: 0.45' '-180.0 0' >"$TMP/bss.txt"
expect_exit 0 "$CHECK" --band 11.7-12.2 --service BSS "$TMP/bss.txt"
grep -q 'limits: RR Art. 22 Table 22-1D, 0.45 m, 40 kHz, BSS' "$TMP/out" && pass ||
    fail "22-1D by band"
printf '%s\n%s\n%s\n%s\n' "$HEAD" '# dish_m: 0.6' '# freq_ghz: 10.95' '-180.0 0' >"$TMP/freq.txt"
expect_exit 0 "$CHECK" "$TMP/freq.txt"
grep -q 'Table 22-1A, 0.6 m' "$TMP/out" && pass || fail "22-1A by freq_ghz"
# --dish-m overrides the metadata: the 3 m row (lowest level below 100 %: -189.45 at 90 %).
expect_exit 1 "$CHECK" --limits 22-1A --dish-m 3 --lat-deg 0 "$TMP/freq.txt"
grep -q 'Table 22-1A, 3 m' "$TMP/out" && pass || fail "dish override"
# Rows with one source warn (and -q silences it). A run of 10^6 steps resolves every row
# (S.1503-4 §D4.6): no warning of an unknown run length.
printf '%s\n%s\n%s\n' "$HEAD" '# n_steps: 1000000' '-180.0 0' >"$TMP/up.txt"
expect_exit 0 "$CHECK" --limits 22-2 --band 13.75-14.5 "$TMP/up.txt"
expect_stderr_prefix 'interf-check: warning: Table 22-2 values are single source'
expect_exit 0 "$CHECK" -q --limits 22-2 --band 13.75-14.5 "$TMP/up.txt"
expect_stderr_empty

# The Region 2 BSS use of 17.3-17.7 GHz (RR No. 22.5C.13) is listed by one source only.
expect_exit 0 "$CHECK" --band 17.3-17.7 --service BSS --dish-m 1 "$TMP/up.txt"
expect_stderr_prefix 'interf-check: warning: Table 22-1B applies to 17.3-17.7 GHz on a '\
'single-source listing only'
expect_exit 0 "$CHECK" --band 17.8-18.6 --dish-m 1 "$TMP/up.txt"
expect_stderr_empty
# Table 22-2 without a band: the candidates, and no word of a dish.
expect_exit 2 "$CHECK" --limits 22-2 "$TMP/up.txt"
expect_stderr_prefix "interf-check: $TMP/up.txt:1: ambiguous Article 22 limits for table 22-2, "\
"40 kHz: 22-2 12.75-13.25 GHz 40 kHz, 22-2 17.3-18.1 GHz 40 kHz"

# --- a real interf-epfd CDF (fixture: leo-ku-550 at 45 N 10 E, 0.6 m, 6 h) ----------------------
# Its metadata names the dish es_dish_m and the maximum max_epfd; both are read. The margin at
# each point is recomputed here from the table itself (S.1503-4 §D7): the lowest level exceeded
# at most q % of the time, L, gives J - L; the exceedance at J is the row at J.
REAL="$CDF/epfd-leo-ku-550-45n10e.txt"
# Every point passes, but 2160 steps cannot resolve 99.997 % (333334 needed): exit 3.
expect_exit 3 "$CHECK" --limits 22-1A --format table "$REAL"
for pt in "-174.0 10" "-170.8 1" "-165.3 0.27" "-160.4 0.009"; do
    set -- $pt
    want=$(awk -v j="$1" -v q="$2" '!/^#/ && !done && $2 <= q + 1e-9 {
        printf "%.1f", j - $1; done = 1 }' "$REAL")
    near "$(col 1 "$1" 10)" "$want" 0
    want=$(awk -v j="$1" -v q="$2" '!/^#/ {
        if (!n++ && $1 + 0 > j + 0) e = 100; if ($1 + 0 == j + 0) e = $2 }
        END { printf "%.10g", q - e }' "$REAL")
    near "$(col 1 "$1" 11)" "$want" 1e-9
done
# The 100 % point against the maximum, -174.7 dB: margin -160.0 + 174.7 = 14.7 dB.
[ "$(awk '!/^#/ && $7 == 100 { print $10 }' "$TMP/out")" = 14.7 ] && pass || fail "real CDF 100 %"
# Without dish metadata of either name, the dish is missing.
grep -v '^# es_dish_m' "$REAL" >"$TMP/nodish.txt"
expect_exit 2 "$CHECK" --limits 22-1A "$TMP/nodish.txt"
expect_stderr_prefix "interf-check: $TMP/nodish.txt:1: dish_m: missing"

# --- --list -----------------------------------------------------------------------------------
expect_exit 0 "$CHECK" --list
for t in 22-1A 22-1B 22-1C 22-1D 22-1E 22-2 22-3; do
    grep -q "^Table $t " "$TMP/out" && pass || fail "--list: no table $t"
done
[ "$(grep -c '^  GSO beam .*\[single source\]$' "$TMP/out")" -eq 6 ] && pass ||
    fail "--list: 6 single-source rows"
[ "$(grep -c '^  [0-9.]* m .*\[confirmed\]$' "$TMP/out")" -eq 34 ] && pass ||
    fail "--list: 34 confirmed rows"
D30=' -165.841/0 -165.541/25 -164.041/96 -158.6/98.857 -158.6/99.429 -158.33/99.429 -158.33/100$'
grep -q "$D30" \
    "$TMP/out" && pass || fail "--list: 22-1D 30 cm points"
expect_exit 0 "$CHECK" --list --format json
python3 -m json.tool "$TMP/out" >/dev/null && pass || fail "--list json does not parse"
rows=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["rows"]))' "$TMP/out")
[ "$rows" = 40 ] &&
    pass || fail "--list json: 40 rows"
expect_exit 0 "$CHECK" --list --format table
# 22-1A 1.2 m, 99.9993 %: exceeded 0.0007 % (%.10g of 100 - 99.9993).
[ "$(awk '!/^#/ && $1 == "22-1A" && $8 == 99.9993 { print $10 }' "$TMP/out")" = 0.0007 ] && pass ||
    fail "--list table: exceedance form"

# --- output files ------------------------------------------------------------------------------
expect_exit 1 "$CHECK" --limits 22-1A -o "$TMP/verdict.txt" "$TMP/above.txt"
expect_no_stdout
grep -q '^summary: FAIL' "$TMP/verdict.txt" && pass || fail "-o file"
if [ -w /dev/full ]; then
    expect_exit 2 "$CHECK" --limits 22-1A "$TMP/on.txt" -o /dev/full
    grep -q 'write error' "$TMP/err" && pass || fail "/dev/full message"
fi

# --- the man page's EXAMPLES, each with the exit status its text states ---------------------
mkdir "$TMP/ex"
awk '/^\.SH EXAMPLES/ { ex = 1; next } /^\.SH/ { ex = 0 }
     ex && /exit status [0-9]/ { s = $0; sub(/.*exit status /, "", s); st = substr(s, 1, 1) }
     ex && /^\.EX/ { blk = 1; next } ex && /^\.EE/ { blk = 0; next }
     blk { line = line $0; if (line ~ /\\e$/) { sub(/\\e$/, " ", line); next }
           gsub(/\\-/, "-", line); gsub(/\\\(aq/, "\047", line); gsub(/\\e/, "\\", line)
           print st "\t" line; line = "" }' "$PAGE" >"$TMP/examples"
[ "$(wc -l <"$TMP/examples")" -ge 6 ] && pass || fail "fewer than 6 examples in $PAGE"
while IFS="$(printf '\t')" read -r want cmd; do
    (cd "$TMP/ex" && PATH="$INTERF_BIN:$PATH" sh -c "$cmd" >/dev/null 2>"$TMP/err")
    got=$?
    if [ "$got" -eq "$want" ]; then
        pass
    else
        fail "example (exit $got, stated $want): $cmd"
        show_stderr
    fi
done <"$TMP/examples"

finish
