#!/bin/sh
# test-settings.sh: `quotepart settings`: the practice's identity and bank
# account listed (IBAN masked), read in full, set checked and normalised,
# cleared; every refusal changes nothing (the audit log and the stored
# values are the same afterwards).
. "$(dirname "$0")/lib.sh"
DB="$TMP/settings.db"
Q() { "$BIN" --db "$DB" "$@"; }
audit_count() { sqlite3 "$DB" "SELECT count(*) FROM audit;"; }
stored() { sqlite3 "$DB" "SELECT name || '=' || value FROM settings ORDER BY name;"; }

Q init --name "MSP des Tilleuls" >/dev/null
golden settings-empty 0 Q settings
golden settings-set-iban 0 Q settings set iban "fr76 3000 6000 0112 3456 7890 189"
golden settings-get-iban 0 Q settings get iban
golden settings-set-siret 0 Q settings set siret "552 100 554 00013"
golden settings-set-bic 0 Q settings set bic bnpafrpp
golden settings-set-address 0 Q settings set address "12 rue des Lilas, 35000 Rennes"
check settings-audited test "$(sqlite3 "$DB" "SELECT detail FROM audit WHERE action = 'setting' AND detail LIKE 'iban %';")" = "iban FR76 **** **** **** **** ***0 189"

before_audit=$(audit_count)
before=$(stored)
golden settings-bad-iban-key 65 Q settings set iban FR7630006000011234567890188
golden settings-bad-iban-length 65 Q settings set iban FR763000600001123456789018
golden settings-bad-iban-country 65 Q settings set iban XX7630006000011234567890189
golden settings-bad-siren 65 Q settings set siren 732829321
golden settings-siren-not-of-siret 65 Q settings set siren 732829320
golden settings-bad-siret 65 Q settings set siret 55210055400014
golden settings-bad-bic 65 Q settings set bic BNPAFRP
golden settings-empty-name 65 Q settings set name ""
golden settings-hostile-address 65 Q settings set address "$(printf '12 rue\033[2J des Lilas')"
golden settings-unknown 64 Q settings set rib 123
golden settings-unknown-action 64 Q settings del iban
check settings-refusals-audit-unchanged test "$(audit_count)" = "$before_audit"
check settings-refusals-values-unchanged test "$(stored)" = "$before"

# The same value again writes nothing; an empty one clears the setting.
Q settings set bic BNPAFRPP >/dev/null
check settings-same-value-not-audited test "$(audit_count)" = "$before_audit"
golden settings-clear-bic 0 Q settings set bic ""
check settings-cleared test -z "$(sqlite3 "$DB" "SELECT value FROM settings WHERE name = 'bic';")"
golden settings-rename 0 Q settings set name "Maison de santé des Tilleuls"
check settings-rename-audited test "$(sqlite3 "$DB" "SELECT action FROM audit ORDER BY id DESC LIMIT 1;")" = rename
golden settings-fr 65 env LANGUAGE=fr "$BIN" --db "$DB" settings set iban FR7630006000011234567890188
finish
