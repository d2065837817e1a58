#!/bin/sh
# test-preview-changed.sh: the Distributions screen saves or approves what
# it showed. A preview is on the screen; another program imports the
# receipt again with another amount before `s` (the program held stopped
# meanwhile, so that its own reload cannot come first) or while the
# approval's question is open: nothing is stored, the new preview is
# shown and the message says why; saved again, it is the new one.
. "$(dirname "$0")/lib.sh"

make_demo
drafts() {
	sqlite3 "$DB" "SELECT count(*) || ':' || coalesce(sum(d.amount), 0) FROM distributions d JOIN receipts r ON r.id = d.receipt_id WHERE r.reference = '$1';"
}
# receipts_with REF AMOUNT: the receipts as exported, REF's amount changed.
receipts_with() {
	"$QP_BIN" --db "$DB" export receipts | grep -v '^#' |
		sed "s/^\\([^;]*;\\([^;]*;\\)\\{6\\}\\)[^;]*;$1;/\\1$2;$1;/" >"$TMPD/receipts.csv"
}
start 80 24
wait_for "Maison de santé des Tilleuls"

# A preview of the ACI advance with the ACI key.
keys 8
wait_for "[8 Distributions]"
keys n
wait_for "Divide which receipt?"
type_text "ACI-2025-AV"
wait_for ">ACI-2025-AV"
keys Enter
wait_for "Divide with which key?"
type_text "ACI"
wait_for ">ACI"
keys Enter
wait_for "PREVIEW (not saved) · ACI-2025-AV"
wait_for "€49,236.00"

# The receipt changes under the preview, then s at once.
receipts_with ACI-2025-AV 50000,00
pid=$(program_pid)
[ -n "$pid" ] || fail "no program pid"
kill -STOP "$pid"
"$QP_BIN" --db "$DB" import receipts "$TMPD/receipts.csv" >/dev/null || { kill -CONT "$pid"; fail "import failed"; }
keys s
kill -CONT "$pid"
wait_for "the receipt or its data changed since this preview"
wait_for "€50,000.00"
wait_for "PREVIEW (not saved) · ACI-2025-AV"
[ "$(drafts ACI-2025-AV)" = "0:0" ] || fail "a draft was saved: $(drafts ACI-2025-AV)"
# Looked at again, it saves as shown.
keys s
wait_for "Saved as D"
[ "$(drafts ACI-2025-AV)" = "1:5000000" ] || fail "not the new preview saved: $(drafts ACI-2025-AV)"

# A preview approved: the question is open when the receipt changes.
keys Escape
keys n
wait_for "Divide which receipt?"
type_text "PEPS-2025-T1"
wait_for ">PEPS-2025-T1"
keys Enter
wait_for "Divide with which key?"
type_text "PEPS"
wait_for ">PEPS"
keys Enter
wait_for "PREVIEW (not saved) · PEPS-2025-T1"
keys A
wait_for "Approve the distribution"
keys Enter
type_text "AG"
keys Enter
wait_for "Save this preview and approve it"
receipts_with PEPS-2025-T1 23000,00
"$QP_BIN" --db "$DB" import receipts "$TMPD/receipts.csv" >/dev/null || fail "second import failed"
wait_for "reloaded"
keys y
wait_for "the receipt or its data changed since this preview"
wait_for "€23,000.00"
[ "$(drafts PEPS-2025-T1)" = "0:0" ] || fail "a distribution was stored: $(drafts PEPS-2025-T1)"

keys q
wait_for "Quit anyway?"
keys y
check_restored 0
echo "ok"
