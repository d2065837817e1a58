#!/bin/sh
# test-peps.sh: the PEPS grid imported and exported, the estimate (text,
# CSV, French), a what-if beside it, --save storing the expected
# instalments, and refusals that name their line or the patient and store
# nothing.
. "$(dirname "$0")/lib.sh"
F=$FIX/forecast
rows() { sqlite3 "$DB" "SELECT count(*) FROM $1;"; }

block_estimate() {
	fresh estimate
	golden peps-import 0 Q peps import "$F/peps-2025.cfg"
	golden peps-export 0 Q peps export 2025
	golden peps-estimate 0 Q estimate PEPS --exercise 2025
	golden peps-estimate-csv 0 Q estimate PEPS --exercise 2025 --format csv
	golden peps-estimate-fr 0 env LANGUAGE=fr "$BIN" --db "$DB" estimate PEPS --exercise 2025
	golden peps-whatif 0 Q estimate PEPS --exercise 2025 --set local=1.05 --set loyalty=95 --set bonus=5
	golden peps-whatif-csv-fr 0 env LANGUAGE=fr "$BIN" --db "$DB" estimate PEPS --exercise 2025 --set loyalty=80 --format csv
	check peps-whatif-stores-nothing test "$(rows expected)" = 0
	golden peps-save 0 Q estimate PEPS --exercise 2025 --save --format csv --out "$TMP/peps.csv"
	check peps-saved test "$(sqlite3 "$DB" "SELECT group_concat(kind || ' ' || due || ' ' || amount, ', ') FROM expected WHERE origin = 'peps';")" = \
		"quarterly 2025-04-01 15783048, quarterly 2025-07-01 16183023, quarterly 2025-10-01 16549104, quarterly 2026-01-01 16621141"
	# The balance of 0 is not stored: nothing to wait for. The CSV's year
	# is the engine's, computed on the whole year (a total row, in euros).
	check peps-csv-year test "$(grep '^total;year;' "$TMP/peps.csv" | tr -d '\r' | cut -d';' -f6)" = 651363,16
	# Saving again replaces what the first save stored.
	Q estimate PEPS --exercise 2025 --save >/dev/null 2>&1
	check peps-save-replaces test "$(sqlite3 "$DB" "SELECT count(*) FROM expected WHERE origin = 'peps';")" = 4
	# The export reads back as the same grid.
	Q peps export 2025 --out "$TMP/again.cfg"
	golden peps-reimport 0 Q peps import "$TMP/again.cfg"
	check peps-roundtrip cmp -s "$TMP/again.cfg" "$(Q peps export 2025 --out "$TMP/again2.cfg"; echo "$TMP/again2.cfg")"
}

block_refusals() {
	fresh refusals
	before=$(rows audit)
	dump=$(sqlite3 "$DB" .dump | md5sum)
	golden peps-bad-line 65 Q peps import "$F/peps-2025-bad.cfg"
	golden peps-no-grid 66 Q estimate PEPS --exercise 2025
	golden peps-export-none 66 Q peps export 2025
	check peps-refusal-stores-nothing test "$(rows forecast_files)" = 0
	check peps-refusal-not-audited test "$(rows audit)" = "$before"
	check peps-refusal-database-unchanged test "$(sqlite3 "$DB" .dump | md5sum)" = "$dump"
	Q peps import "$F/peps-2025-gap.cfg" >/dev/null
	golden peps-no-cell 65 Q estimate PEPS --exercise 2025
	golden peps-no-cell-save 65 Q estimate PEPS --exercise 2025 --save
	check peps-no-cell-stores-nothing test "$(rows expected)" = 0
	Q peps import "$F/peps-2025.cfg" >/dev/null
	golden peps-set-unknown 64 Q estimate PEPS --exercise 2025 --set patients=+1
	golden peps-set-local 64 Q estimate PEPS --exercise 2025 --set local=1.00001
	golden peps-set-loyalty 64 Q estimate PEPS --exercise 2025 --set loyalty=101
	golden peps-save-whatif 64 Q estimate PEPS --exercise 2025 --save --set loyalty=95
	golden peps-rules 64 Q estimate PEPS --exercise 2025 --rules "$F/peps-2025.cfg"
	golden peps-unknown-action 64 Q peps frob
	golden peps-import-db 65 Q peps import "$DB"
}

block estimate
block refusals
finish
