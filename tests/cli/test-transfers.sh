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

finish
