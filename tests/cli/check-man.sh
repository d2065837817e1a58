#!/bin/sh
# The man page tells the truth: the same commands and options as --help,
# nothing more, nothing less; and groff finds no warning in either page.
set -u
BIN=${QP_BIN:-./quotepart}
status=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for page in man/quotepart.1 man/quotepart.cfg.5; do
	if ! groff -man -ww -z "$page" >"$tmp/groff" 2>&1 || [ -s "$tmp/groff" ]; then
		echo "check-man: groff warns about $page:"; cat "$tmp/groff"; status=1
	fi
done

LANG=C.UTF-8 LANGUAGE= "$BIN" --help >"$tmp/help" || { echo "check-man: --help failed"; exit 1; }
# Commands: "  name   help" lines of --help; ".TP" then ".B name"/".BI "name..." in the man page.
sed -n '/^Commands:/,/^$/p' "$tmp/help" | sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p' | sort -u >"$tmp/help.cmds"
sed -n '/^\.SH COMMANDS/,/^\.SH /p' man/quotepart.1 | awk '/^\.TP/{getline; print}' |
	sed -e 's/^\.B[I]* //' -e 's/^"//' -e 's/[ "\\].*//' | sort -u >"$tmp/man.cmds"
if ! diff -u "$tmp/help.cmds" "$tmp/man.cmds" >"$tmp/d"; then
	echo "check-man: commands differ between --help (-) and man/quotepart.1 (+):"; cat "$tmp/d"; status=1
fi
# Options: every --option named anywhere in --help, and in the man page.
grep -o -- '--[a-z][a-z-]*' "$tmp/help" | sort -u >"$tmp/help.opts"
sed 's/\\-/-/g' man/quotepart.1 | grep -o -- '--[a-z][a-z-]*' | sort -u >"$tmp/man.opts"
if ! diff -u "$tmp/help.opts" "$tmp/man.opts" >"$tmp/d"; then
	echo "check-man: options differ between --help (-) and man/quotepart.1 (+):"; cat "$tmp/d"; status=1
fi
exit $status
