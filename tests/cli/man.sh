# SPDX-License-Identifier: MIT
# The manual: every page is clean roff (groff warns about nothing), every tool's --help and man
# page list the same long options, and every command in an EXAMPLES block runs (exit 0).
. "$(dirname "$0")/lib.sh"

SRC="$INTERF_TEST_DATA/../.."
PATH="$INTERF_BIN:$PATH"

for page in "$SRC"/man/man*/*.[157]; do
    groff -man -ww -z "$page" 2>"$TMP/groff"
    if [ -s "$TMP/groff" ]; then
        fail "$page: groff warnings"
        sed 's/^/    /' "$TMP/groff" | head -n 5
    else
        pass
    fi
done

# Long options of --help against those the page documents (as \-\-name in roff), aliases
# included: --help lists them on their option's line ("--dish-m, --es-dish-m D"), the page on
# its tag line.
for tool in "$INTERF_BIN"/interf-*; do
    name=$(basename "$tool")
    page="$SRC/man/man1/$name.1"
    [ -f "$page" ] || { fail "$name has no man page"; continue; }
    # the option names at the start of the option lines of --help, and on the tag lines of the
    # tagged paragraphs (.TP) of the page
    "$tool" --help | grep -oE '^ +(-[a-zA-Z], )?--[a-z][a-z-]*(, --[a-z][a-z-]*)*' |
        grep -oE -- '--[a-z][a-z-]*' | sort -u >"$TMP/help"
    awk 'prev == ".TP" { s = $0
             while (match(s, /\\-\\-[a-z]([a-z]|\\-)*/)) {
                 print substr(s, RSTART, RLENGTH); s = substr(s, RSTART + RLENGTH) } }
         { prev = $0 }' "$page" | sed 's/\\//g' | sort -u >"$TMP/man"
    if cmp -s "$TMP/help" "$TMP/man"; then
        pass
    else
        fail "$name: --help and $page list different options"
        diff "$TMP/help" "$TMP/man" | sed 's/^/    /'
    fi
done

# Commands of the EXAMPLES sections, continuation lines joined, run in a scratch folder that
# sees the shipped footprints/. Not under valgrind (INTERF_SLOW=0): they are full-sized runs
# (about 10 minutes there), and every path they take is one the other scripts take there.
[ "${INTERF_SLOW:-1}" = 0 ] && finish
mkdir "$TMP/ex"
ln -s "$(cd "$SRC" && pwd)/footprints" "$TMP/ex/footprints"
for page in "$SRC"/man/man*/*.[157]; do
    awk '/^\.SH EXAMPLES/ { ex = 1; next } /^\.SH/ { ex = 0 }
         ex && /^\.EX/ { blk = 1; next } ex && /^\.EE/ { blk = 0; next }
         blk { line = line $0; if (line ~ /\\e$/) { sub(/\\e$/, " ", line); next }
               gsub(/\\-/, "-", line); gsub(/\\\(aq/, "\047", line); gsub(/\\\(dq/, "\"", line)
               if (line ~ /^interf-/) print line; line = "" }' \
        "$page" >"$TMP/cmds"
    while IFS= read -r cmd; do
        if (cd "$TMP/ex" && sh -c "$cmd" >/dev/null 2>"$TMP/err"); then
            pass
        else
            fail "$(basename "$page") example: $cmd"
            sed 's/^/    /' "$TMP/err" | head -n 3
        fi
    done <"$TMP/cmds"
done

finish
