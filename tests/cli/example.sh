# SPDX-License-Identifier: MIT
# The C example of interf(7) (docs/examples/epfd_point.c) reproduces interf-epfd --at ... --cdf
# through the public API: the same rows and the same run metadata.
. "$(dirname "$0")/lib.sh"

: "${INTERF_EXAMPLE:?INTERF_EXAMPLE must name the built example}"
SYS="$INTERF_TEST_DATA/../../footprints/leo-ku-550.ini"

expect_exit 0 "$INTERF_EXAMPLE" "$SYS" 45 10
mv "$TMP/out" "$TMP/example.txt"
expect_exit 0 "$INTERF_BIN/interf-epfd" -s "$SYS" --at 45,10 --cdf -q
# the rows of the CDF: one per 0.1 dB over a day of 10 s steps
grep -v '^#' "$TMP/out" >"$TMP/tool.rows"
grep -v '^#' "$TMP/example.txt" >"$TMP/example.rows"
[ "$(wc -l <"$TMP/tool.rows")" -gt 100 ] && pass || fail "too few CDF rows"
cmp -s "$TMP/tool.rows" "$TMP/example.rows" && pass || fail "the example's CDF differs"
for key in max_epfd n_steps step_s es_dish_m freq_ghz ref_bandwidth_khz; do
    a=$(grep "^# $key: " "$TMP/out")
    b=$(grep "^# $key: " "$TMP/example.txt")
    [ -n "$a" ] && [ "$a" = "$b" ] && pass || fail "$key: '$a' vs '$b'"
done
expect_exit 2 "$INTERF_EXAMPLE" "$SYS" 45
finish
