#!/bin/sh
# test-transfers.sh: the members' bank accounts (import members with iban
# and bic, checked and normalised; an import without the columns keeps
# them) and `quotepart transfers`, the SEPA credit transfer file of an
# approved distribution, against golden output; refusals write no file.
# Blocks start from a fresh demo (tests/cli/lib.sh).
. "$(dirname "$0")/lib.sh"

# The demo's members with an IBAN each (one typed in groups, in lower
# case) and three BICs.
block_members_bank() {
	fresh members_bank
	golden bank-import-bad 65 Q import members "$FIX/cli/members-iban-bad.csv"
	check bank-import-bad-nothing-stored test "$(sqlite3 "$DB" "SELECT count(*) FROM members WHERE iban IS NOT NULL;")" = 0
	golden bank-import 0 Q import members "$FIX/cli/members-iban.csv"
	golden bank-export 0 Q export members
	# A file without the columns leaves the accounts as they are.
	printf 'code;name;profession;status;joined;left;fte;rpps\nMARTIN;Élise Martin;gp;associate;2011-09-01;;1,00;10077598406\n' >"$TMP/m.csv"
	step Q import members "$TMP/m.csv"
	check bank-kept test "$(sqlite3 "$DB" "SELECT iban || ' ' || bic FROM members WHERE code = 'MARTIN';")" = "FR7530004006619848453368557 BNPAFRPP"
	golden bank-import-bad-fr 65 env LANGUAGE=fr "$BIN" --db "$DB" import members "$FIX/cli/members-iban-bad.csv"
}
block members_bank

# A practice with its account and its members' (the BICs of three), and
# D1, the 2025 advance, approved.
bank_ready() {
	step Q import members "$FIX/cli/members-iban.csv" &&
	step Q settings set iban "FR76 3000 6000 0112 3456 7890 189" &&
	step Q settings set bic BNPAFRPP &&
	step Q distribute ACI-2025-AV --key ACI &&
	step Q approve D1 --date 2025-05-10 --note "AG du 10 mai"
}
SEPA_CHECK="python3 $ROOT/tests/cli/sepa_check.py"
payments() { sqlite3 "$DB" "SELECT count(*) FROM payments;"; }

# The file of D1, read back by an independent reader; nothing is paid.
block_transfers() {
	fresh transfers
	bank_ready || return
	golden transfers 0 Q transfers D1 --date 2026-07-01 --out "$TMP/D1.xml"
	golden transfers-xml 0 cat "$TMP/D1.xml"
	check transfers-read-back $SEPA_CHECK "$TMP/D1.xml" 2026-07-01
	check transfers-nothing-paid test "$(payments)" = 0
	check transfers-private test "$(stat -c %a "$TMP/D1.xml")" = 600
	# The reader can fail: a control sum one cent off, an id twice.
	sed -e 's|<CtrlSum>\([0-9]*\)\.\([0-9]\)0<|<CtrlSum>\1.\21<|' -e 's|D1-DUBOIS|D1-BENALI|' "$TMP/D1.xml" >"$TMP/bad.xml"
	check transfers-reader-refuses-tampering sh -c "! $SEPA_CHECK '$TMP/bad.xml' 2026-07-01 >/dev/null"
	golden transfers-fr 0 env LANGUAGE=fr "$BIN" --db "$DB" transfers D1 --date 2026-07-01 --out "$TMP/D1-fr.xml"
	golden transfers-xml-fr 0 cat "$TMP/D1-fr.xml"
	check transfers-fr-read-back $SEPA_CHECK "$TMP/D1-fr.xml" 2026-07-01
	# Once paid, a member is no longer in the file; once all are, there is
	# nothing to send.
	step Q pay D1 --member MARTIN --date 2026-06-30 --means virement
	Q transfers D1 --date 2026-07-01 --out "$TMP/D1-after.xml" >/dev/null
	check transfers-paid-member-left-out sh -c "! grep -q D1-MARTIN '$TMP/D1-after.xml'"
	step Q pay D1 --date 2026-06-30 --means virement
	golden transfers-all-paid 65 Q transfers D1 --date 2026-07-01 --out "$TMP/none.xml"
	check transfers-all-paid-no-file test ! -e "$TMP/none.xml"
}
block transfers

# A true-up after MARTIN logged many more hours: six members got more in
# the advance than their share of the year and owe it back: listed, not
# in the file.
block_transfers_owing() {
	fresh transfers_owing
	bank_ready || return
	step Q import activities "$FIX/cli/activities-martin.csv" &&
	step Q distribute ACI-2025-SOLDE --key ACI --true-up &&
	step Q approve D2 --date 2026-05-02 || return
	golden transfers-owing 0 Q transfers D2 --date 2026-07-01 --out "$TMP/D2.xml"
	check transfers-owing-read-back $SEPA_CHECK "$TMP/D2.xml" 2026-07-01
	check transfers-owing-not-in-file sh -c "! grep -q D2-BENALI '$TMP/D2.xml'"
}
block transfers_owing

# Every refusal says why and writes no file.
block_transfers_refused() {
	fresh transfers_refused
	golden transfers-no-distribution 66 Q transfers ACI-2025-AV --date 2026-07-01 --out "$TMP/x.xml"
	step Q distribute ACI-2025-AV --key ACI || return
	golden transfers-draft 65 Q transfers D1 --date 2026-07-01 --out "$TMP/x.xml"
	step Q approve D1 --date 2025-05-10 || return
	golden transfers-practice-unset 65 Q transfers D1 --date 2026-07-01 --out "$TMP/x.xml"
	step Q settings set iban "FR76 3000 6000 0112 3456 7890 189" &&
	step Q settings set bic BNPAFRPP || return
	golden transfers-member-no-iban 65 Q transfers D1 --date 2026-07-01 --out "$TMP/x.xml"
	golden transfers-member-no-iban-fr 65 env LANGUAGE=fr "$BIN" --db "$DB" transfers D1 --date 2026-07-01 --out "$TMP/x.xml"
	step Q import members "$FIX/cli/members-iban.csv" || return
	golden transfers-unknown 66 Q transfers D9 --date 2026-07-01 --out "$TMP/x.xml"
	golden transfers-bad-date 64 Q transfers D1 --date 2026-13-01 --out "$TMP/x.xml"
	golden transfers-past-date 65 Q transfers D1 --date 2026-06-29 --out "$TMP/x.xml"
	golden transfers-no-out 64 Q transfers D1 --date 2026-07-01
	golden transfers-over-db 73 Q transfers D1 --date 2026-07-01 --out "$DB"
	golden transfers-over-wal 73 Q transfers D1 --date 2026-07-01 --out "$DB-wal"
	step Q reverse D1 &&
	step Q approve D2 --date 2025-06-01 || return
	golden transfers-reversed 65 Q transfers D1 --date 2026-07-01 --out "$TMP/x.xml"
	golden transfers-reversal 65 Q transfers D2 --date 2026-07-01 --out "$TMP/x.xml"
	check transfers-refused-no-file test ! -e "$TMP/x.xml"
	check transfers-refused-no-temp sh -c "! ls '$TMP' | grep -q 'x.xml'"
	check transfers-refused-db-check Q check
}
block transfers_refused

finish
