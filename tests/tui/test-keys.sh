#!/bin/sh
# test-keys.sh: the keys screen: a key's file shown on Enter; edited in
# $EDITOR with E (a script here) and saved as a new version; a broken edit
# refused with the reason; import of a key file by its path; export.
# (The editor of reservations and pools, e: test-key-editor.sh.)
. "$(dirname "$0")/lib.sh"

make_demo
# The "editor": a good edit, or once $TMPD/break exists a broken one.
cat >"$TMPD/ed.sh" <<ED
#!/bin/sh
if [ -e "$TMPD/break" ]; then
	sed -i 's/rate = 100.00;/rate = 90.00;/' "\$1"
else
	sed -i -e 's/^  description = .*/  description = "Edited in a test";/' \
		-e 's/rate = 90.00;/rate = 100.00;/' "\$1"
fi
ED
chmod +x "$TMPD/ed.sh"
cat >"$TMPD/shared.cfg" <<'KEY'
key:
{
  name = "Shared by a neighbour";
  pools = ( { label = "Everyone"; rate = 100.0; basis = "fte"; prorata = true; } );
};
KEY
start 80 24 "EDITOR=$TMPD/ed.sh"
wait_for "Maison de santé des Tilleuls"
keys 7
wait_for "[7 Keys]"
keys /; type_text "Equal shares"; keys Enter
wait_for "> Equal shares"

keys Enter
wait_for 'name = "Equal shares";'
keys Escape
wait_for "[7 Keys]"

keys E
wait_for "Key Equal shares saved as version 2"
wait_for "Edited in a test"
touch "$TMPD/break"
keys E
wait_for "The key does not read"
wait_for "rates add up to 90"
rm "$TMPD/break"
keys y                    # edit again: mended this time, so as version 2
wait_for "Key Equal shares unchanged."

keys Escape               # clear the filter
keys i
wait_for "Import a key file"
type_text "$TMPD/nowhere.cfg"; keys Enter
wait_for "nowhere.cfg"
keys C-u; type_text "$TMPD/shared.cfg"; keys Enter
wait_for "Key Shared by a neighbour saved as version 1"
wait_for "Shared by a neighbour"

keys /; type_text "neighbour"; keys Enter
keys x
wait_for "Export key Shared by a neighbour"
keys C-u; type_text "$TMPD/out.cfg"; keys Enter
wait_for "written to"
grep -q 'name = "Shared by a neighbour";' "$TMPD/out.cfg" || fail "exported file is wrong"

keys q
check_restored 0
echo "ok"
