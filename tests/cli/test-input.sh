#!/bin/sh
# Bad input that used to get in: a key naming members the practice does
# not have (imported, since keys travel, but refused when used), and
# init --name renaming a practice that already has a name. Each block
# starts from a fresh demo or no database: QP_ONLY=NAME runs one (see
# tests/cli/lib.sh).
. tests/cli/lib.sh

# Keys travel between practices: the import is allowed, the use is not.
block_key_other_practice() {
	fresh key_other_practice
	golden input-key-other-practice-import 0 Q key import "$FIX/keys-use/other-practice.cfg"
	golden input-key-unknown-members-dry-run 65 Q distribute ACI-2025-AV --key "Other practice" --dry-run
	golden input-key-unknown-members-compare 65 Q compare ACI-2025-AV --key ACI --key "Other practice"
	golden input-key-unknown-members-distribute 65 Q distribute ACI-2025-AV --key "Other practice"
	check input-key-unknown-members-no-draft test "$(sqlite3 "$DB" "SELECT count(*) FROM distributions;")" = 0
}
block key_other_practice

# init --name names a new practice; on one that has a name, the same name
# changes nothing and another is refused unless --rename says so.
N() { "$BIN" --db "$TMP/named.db" "$@"; }
audit() { sqlite3 "$1" "SELECT count(*) FROM audit;"; }
name_of() { sqlite3 "$1" "SELECT value FROM settings WHERE name = 'name';"; }
block_init() {
	empty init
	golden input-init-new 0 N init --name "MSP du Port"
	entries=$(audit "$TMP/named.db")
	golden input-init-same-name 0 N init --name "MSP du Port"
	check input-init-same-name-writes-nothing test "$(audit "$TMP/named.db")" = "$entries"
	golden input-init-other-name 65 N init --name "MSP des Quais"
	check input-init-other-name-kept test "$(name_of "$TMP/named.db")" = "MSP du Port"
	check input-init-other-name-writes-nothing test "$(audit "$TMP/named.db")" = "$entries"
	golden input-init-rename 0 N init --rename --name "MSP des Quais"
	check input-init-renamed test "$(name_of "$TMP/named.db")" = "MSP des Quais"
	check input-init-rename-audited test "$(audit "$TMP/named.db")" = "$((entries + 1))"
	golden input-init-rename-no-name 64 N init --rename
	golden input-init-rename-fr 65 env LANGUAGE=fr "$BIN" --db "$TMP/named.db" init --name "MSP du Port"
}
block init

block_init_demo() {
	fresh init_demo
	golden input-init-demo-other-name 65 Q init --name "Autre MSP"
	check input-init-demo-name-kept test "$(name_of "$DB")" = "Maison de santé des Tilleuls"
}
block init_demo

# A key file is a text of at most 1 MiB: /dev/zero is refused without
# being read whole, and so is a file with a NUL byte (it used to reach
# the parser as a syntax error).
block_key_file() {
	fresh key_file
	keys_before=$(sqlite3 "$DB" "SELECT count(*) FROM key_versions;")
	check input-key-dev-zero-refused sh -c "! timeout 20 '$BIN' --db '$DB' key import /dev/zero 2>'$TMP/zero.err' && grep -q 'too large for a key file' '$TMP/zero.err'"
	printf 'key: { name = "X"; \000 };\n' >"$TMP/nul.cfg"
	check input-key-nul-refused sh -c "! '$BIN' --db '$DB' key import '$TMP/nul.cfg' 2>'$TMP/nul.err' && grep -q 'not a text file' '$TMP/nul.err'"
	check input-key-refusals-store-nothing test "$(sqlite3 "$DB" "SELECT count(*) FROM key_versions;")" = "$keys_before"
}
block key_file

# The configuration's labels, in English or French, are taken for their
# codes in a CSV file (a French spreadsheet says "Orthophoniste",
# "Associé"), and stored as codes; a word that is neither is refused at
# its line, and nothing of the file is stored.
block_labels() {
	fresh labels
	golden input-members-labels 0 Q import members "$FIX/cli/members-labels.csv"
	check input-labels-stored-as-codes test "$(sqlite3 "$DB" "SELECT group_concat(x, ', ') FROM (SELECT code || ' ' || profession || ' ' || status AS x FROM members WHERE code IN ('ROUX', 'BLANC', 'NOIR') ORDER BY code);")" = \
		"BLANC nurse salaried, NOIR nurse external, ROUX speech-therapist associate"
	fresh labels_refused
	before=$(sqlite3 "$DB" "SELECT count(*) FROM members;")
	golden input-members-label-unknown 65 Q import members "$FIX/cli/members-label-unknown.csv"
	check input-label-refusal-stores-nothing test "$(sqlite3 "$DB" "SELECT count(*) FROM members;")" = "$before"
}
block labels

# Hours as a person writes them: 1h30 is 1,50; minutes that make no whole
# hundredth of an hour (1h20) are refused at their line, not rounded.
block_hours() {
	fresh hours
	golden input-activities-hours-minutes 0 Q import activities "$FIX/cli/activities-hm.csv"
	check input-hours-minutes-stored test "$(sqlite3 "$DB" "SELECT group_concat(hours, ' ') FROM (SELECT hours FROM activities WHERE day = '2026-02-02' ORDER BY hours);")" = "75 150"
	before=$(sqlite3 "$DB" "SELECT count(*) FROM activities;")
	golden input-activities-hours-thirds 65 Q import activities "$FIX/cli/activities-hm-bad.csv"
	check input-hours-refusal-stores-nothing test "$(sqlite3 "$DB" "SELECT count(*) FROM activities;")" = "$before"
}
block hours

finish
