#!/bin/sh
# test-forecast.sh: the ACI declaration imported and exported, the
# estimate (text, CSV, French), a what-if beside it, --save storing the
# expected instalments, and refusals at their line that store nothing.
. "$(dirname "$0")/lib.sh"
F=$FIX/forecast
rows() { sqlite3 "$DB" "SELECT count(*) FROM $1;"; }

block_estimate() {
	fresh estimate
	golden forecast-import 0 Q aci import "$F/aci-2025.cfg"
	golden forecast-export 0 Q aci export 2025
	golden forecast-estimate 0 Q estimate ACI --exercise 2025
	golden forecast-estimate-csv 0 Q estimate ACI --exercise 2025 --format csv
	golden forecast-estimate-fr 0 env LANGUAGE=fr "$BIN" --db "$DB" estimate ACI --exercise 2025
	golden forecast-whatif 0 Q estimate ACI --exercise 2025 --set patients=+500 --set protocols=7 --set associates=+1 --set rcp_ipa=oui
	check forecast-whatif-stores-nothing test "$(rows expected)" = 0
	# Two prerequisites missed and the C2S share changed, in French: the
	# missed ones by their labels, the majoration beside the stored one.
	golden forecast-whatif-prerequisites-fr 0 env LANGUAGE=fr "$BIN" --db "$DB" estimate ACI --exercise 2025 \
		--set opening=non --set crisis=non --set c2s=20
	golden forecast-save 0 Q estimate ACI --exercise 2025 --save --format csv --out "$TMP/aci.csv"
	check forecast-saved test "$(sqlite3 "$DB" "SELECT group_concat(kind || ' ' || due || ' ' || amount, ', ') FROM expected WHERE origin = 'aci';")" = \
		"advance 2025-04-30 4088799, balance 2026-04-30 3435189"
	# The export reads back as the same declaration.
	Q aci export 2025 --out "$TMP/again.cfg"
	golden forecast-reimport 0 Q aci import "$TMP/again.cfg"
	check forecast-roundtrip cmp -s "$TMP/again.cfg" "$(Q aci export 2025 --out "$TMP/again2.cfg"; echo "$TMP/again2.cfg")"
}

block_refusals() {
	fresh refusals
	before=$(rows audit)
	golden forecast-bad-line 65 Q aci import "$F/aci-2025-bad.cfg"
	golden forecast-no-declaration 66 Q estimate ACI --exercise 2025
	check forecast-refusal-stores-nothing test "$(rows forecast_files)" = 0
	check forecast-refusal-not-audited test "$(rows audit)" = "$before"
	Q aci import "$F/aci-2025.cfg" >/dev/null
	golden forecast-set-over-cap 64 Q estimate ACI --exercise 2025 --set protocols=9
	golden forecast-set-unknown 64 Q estimate ACI --exercise 2025 --set frobs=1
	golden forecast-set-not-number 64 Q estimate ACI --exercise 2025 --set patients=beaucoup
	golden forecast-save-whatif 64 Q estimate ACI --exercise 2025 --save --set protocols=7
	golden forecast-no-exercise 64 Q estimate ACI
	golden forecast-unknown-scheme 64 Q estimate IPEP --exercise 2025
	golden forecast-import-db 65 Q aci import "$DB"
}

block estimate
block refusals
finish
