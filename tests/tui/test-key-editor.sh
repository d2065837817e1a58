#!/bin/sh
# test-key-editor.sh: a key edited through forms: a pool's rate changed, a
# pool added with a filter (a wrong profession caught as typed), the
# totals refused while they do not make 100 %, saved as a new version
# that reads back from the key file; a reservation added then deleted; a
# save undone (a new version equal to the old one); a save refused when
# another session saved a version meanwhile; a new key created.
. "$(dirname "$0")/lib.sh"

make_demo
start 80 24
wait_for "Maison de santé des Tilleuls"
keys 7
wait_for "[7 Keys]"
keys /; type_text "Equal shares"; keys Enter
wait_for "> Equal shares"

keys e
wait_for "Editing key Equal shares (from version 1)"
wait_for "pools: 100 % of the rest"

# The pool of everyone down to 60 %: the totals say what is missing, and
# a save is refused with the reason.
keys Down e
wait_for 'Pool "Equal share"'
keys Tab C-u; type_text "60"
keys Enter Enter Enter Enter Enter Enter Enter Enter Enter Enter Enter
wait_for '"Equal share" is in the key'
wait_for "pools: 60 % of the rest (they must make 100 %)"
keys s
wait_for "Error: the pools' rates add up to 60 %: they must add up to 100 %"

# A pool for the nurses only: a wrong profession is caught as typed.
keys a
wait_for "New pool"
type_text "Nurses"; keys Tab
type_text "40"; keys Tab
keys Right                       # basis: fte, shown by its words
wait_for "Basis: working time"
keys Tab Tab Tab Tab
type_text "pilot"
wait_for 'unknown profession "pilot"'
keys C-u; type_text "nurse"
wait_gone 'unknown profession'
keys Enter Enter Enter Enter Enter Enter
wait_for '"Nurses" is in the key'
wait_for "pools: 100 % of the rest"
screen | grep -q "Nurses  *40 %  working time, prorata" || fail "the new pool is not listed"
wait_for "Nurses: working time, prorata · professions: Nurse"

# A reservation added, then deleted again before saving.
keys r
wait_for "New reservation"
type_text "Costs"; keys Tab Tab
type_text "5 %"; keys Enter
wait_for '"Costs" is in the key'
wait_for "Taken first: 5 % of the receipt"
keys D
wait_for 'Delete the reservation "Costs" from the key?'
keys y
wait_for "Nothing taken first"

keys s
wait_for "Key Equal shares saved as version 2 (u undoes it)."
wait_for "version 2, saved"
keys Enter
wait_for 'rate = 60.00;'
keys G
wait_for 'professions = [ "nurse" ];'
keys Escape
wait_for "[7 Keys]"

# Undo: version 2 put back as it was, as a new version 3 (versions never
# change); then there is nothing more to undo.
keys u
wait_for 'Undo version 2 of key "Equal shares" (put it back as it was)?'
keys y
wait_for 'Undone: version 2 of key "Equal shares".'
wait_for "version 3, saved"
wait_gone "Nurses"
"$QP_BIN" --db "$DB" key export "Equal shares" | grep -q "rate = 100.00;" || fail "undo did not restore the key"
keys u
wait_for "Nothing to undo."

# Another session saves a version while this one edits: refused.
keys e
wait_for "Editing key Equal shares (from version 3)"
sed -e 's/rate = 100.00;/rate = 100;/' -e 's/prorata = true;/prorata = false;/' >"$TMPD/other.cfg" <<KEY
$("$QP_BIN" --db "$DB" key export "Equal shares")
KEY
"$QP_BIN" --db "$DB" key import "$TMPD/other.cfg" >/dev/null || fail "import failed"
keys Down e
wait_for 'Pool "Equal share"'
keys Tab C-u; type_text "100"
keys Tab Tab Right        # prorata: no
keys Enter Enter Enter Enter Enter Enter Enter Enter Enter
wait_for '"Equal share" is in the key'
keys s
wait_for "was changed in another session since you opened it"
wait_for "(version 4 is now the latest)"
keys Escape
wait_for "Leave key Equal shares without saving?"
keys y
wait_for "version 4, saved"

# A new key: a name, a pool, saved.
keys a
wait_for "New key"
type_text "Everyone by time"; keys Enter Enter
wait_for "New key Everyone by time, not saved yet"
keys s
wait_for "Error: a key needs at least one pool"
keys a
type_text "All"; keys Tab; type_text "100"; keys Tab Right
keys Enter Enter Enter Enter Enter Enter Enter Enter Enter Enter
wait_for '"All" is in the key'
keys s
wait_for "Key Everyone by time saved as version 1."
"$QP_BIN" --db "$DB" key export "Everyone by time" | grep -q 'basis = "fte";' || fail "new key not stored"
# A new key cannot be undone: u says why at once, without asking.
keys u
wait_for 'Error: the new key "Everyone by time" cannot be undone: key versions are never'

keys q
check_restored 0
echo "ok"
