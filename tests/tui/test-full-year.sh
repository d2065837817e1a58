#!/bin/sh
# test-full-year.sh: a practice's whole year done from the interface, as
# a new treasurer would, starting with no database (the first-run
# screen) and never calling the command line for a change (sqlite3 and
# the command line only check what the interface did): the practice
# created with its name; members, posts, patients, receipts and hours
# imported from CSV files through the file chooser; the example ACI key
# imported from its file (a new practice has no key) and a second key
# made on the Keys screen; the ACI advance divided, compared with the
# second key, saved, approved and paid; every member's statement (PDF,
# into a folder), the summary and the journal produced with E; the
# autumn's hours imported, the ACI balance divided with true-up (on by
# itself for a balance), approved; a member's account then shows what
# the member owes back, another's what is still due. Each step is
# checked in the database; at the end `quotepart check` passes and the
# documents name the practice. The same scenario in English at 80x24
# and in French at 120x40.
. "$(dirname "$0")/lib.sh"

NAME="Maison de santé du Vieux-Port"
CSV="$TMPD/csv"
mkdir "$CSV"
cat >"$CSV/members.csv" <<'EOF'
code;name;profession;status;joined;left;fte;rpps
ROUX;Dr Camille Roux;gp;associate;2015-01-01;;1,00;
FAURE;Dr Hugo Faure;gp;associate;2020-09-01;;0,80;
MOREL;Léa Morel;nurse;associate;2018-03-01;;1,00;
PETIT;Nadia Petit;physio;associate;2025-07-01;;1,00;
BLANC;Jeanne Blanc;coordinator;salaried;2019-01-07;;0,80;
EOF
cat >"$CSV/posts.csv" <<'EOF'
code;label;holder;fte;cost;start;end;funding
COORD;Coordination;BLANC;0,80;42000,00;2019-01-07;;ACI:70,00:2025-01-01:2025-12-31
EOF
cat >"$CSV/patients.csv" <<'EOF'
code;gp;enrolled;left;birth_year;sex;ald;c2s
P0001;ROUX;2015-07-18;;1958;F;;0
P0002;ROUX;2022-10-28;;1981;M;;0
P0003;FAURE;2021-05-03;;1973;F;;1
EOF
cat >"$CSV/receipts.csv" <<'EOF'
source;kind;exercise;period_start;period_end;received;amount;reference;note
ACI;advance;2025;01/01/2025;31/12/2025;28/04/2025;60 000,00;ACI-2025-AV;Avance ACI 2025
ACI;balance;2025;01/01/2025;31/12/2025;27/02/2026;30 000,00;ACI-2025-SOLDE;Solde ACI 2025
EOF
cat >"$CSV/activities.csv" <<'EOF'
member;date;kind;hours;note
ROUX;2025-01-13;RCP;2,00;RCP
FAURE;2025-01-13;RCP;2,00;RCP
MOREL;2025-01-13;RCP;2,00;RCP
ROUX;2025-03-10;protocol;3,00;Protocole diabète
MOREL;2025-03-10;coordination;1,50;
PETIT;2025-09-15;RCP;2,00;RCP
EOF
# After the advance: FAURE coordinates the health project, so that the
# balance's true-up takes back part of what ROUX and PETIT got.
cat >"$CSV/activities-autumn.csv" <<'EOF'
member;date;kind;hours;note
FAURE;2025-10-06;coordination;8,00;Projet de santé
FAURE;2025-10-13;coordination;8,00;Projet de santé
FAURE;2025-10-20;coordination;8,00;Projet de santé
FAURE;2025-10-27;coordination;8,00;Projet de santé
MOREL;2025-11-17;protocol;6,00;Protocole plaies
EOF
cp "$(dirname "$0")/../../config/keys/aci.cfg" "$CSV/aci.cfg"

# say EN FR: the text in the pass's language.
say() { if [ "$L" = fr ]; then printf '%s' "$2"; else printf '%s' "$1"; fi; }
sql() { sqlite3 "$DB" "$1"; }
# Amounts as the interface writes them, from cents: €1,234.56 and
# -€1.50; in French 1 234,56 € (no-break spaces read as spaces, below).
money() {
	awk -v c="$1" -v fr="$L" 'BEGIN { s = c < 0 ? "-" : ""; c = c < 0 ? -c : c;
		x = sprintf("%d", int(c / 100)); o = ""; sep = fr == "fr" ? " " : ",";
		while (length(x) > 3) { o = sep substr(x, length(x) - 2) o; x = substr(x, 1, length(x) - 3) }
		if (fr == "fr") printf "%s%s%s,%02d €", s, x, o, c % 100;
		else printf "%s€%s%s.%02d", s, x, o, c % 100 }'
}
# The screen on one line, no-break spaces as spaces, blanks squeezed; of
# a line framed (a dialog's), what is inside the frame only: a message
# wrapped in a dialog then reads whole.
flat() {
	screen | sed -e 's/\xc2\xa0/ /g; s/\xe2\x80\xaf/ /g' -e 's/^[^│]*│\(.*\)│[^│]*$/\1/' | tr -s ' \n' '  '
}
has() { flat | grep -qF -- "$1"; }
# The left pane (a list's) on one line, wrapped text joined.
left() { screen | sed -e 's/\xc2\xa0/ /g; s/\xe2\x80\xaf/ /g' -e 's/│.*//' | tr -s ' \n' '  '; }
# wait_has TEXT [left]: poll until TEXT is on the screen (or the left
# pane) read as one line.
wait_has() {
	i=0
	while [ $i -lt $((WAIT_SECONDS * 20)) ]; do
		if [ "${2:-}" = left ]; then left | grep -qF -- "$1" && return 0; fi
		has "$1" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	fail "\"$1\" did not show within ${WAIT_SECONDS}s"
}
# A date typed as the reader writes it (forms take either).
date_of() { if [ "$L" = fr ]; then echo "$1" | awk -F- '{ print $3 "/" $2 "/" $1 }'; else echo "$1"; fi; }

# import DIGIT FILE ROWS TABLE: I on a screen, the file typed into the
# chooser, the plan confirmed; then the table holds ROWS more rows.
import_csv() {
	before=$(sql "SELECT count(*) FROM $4;")
	keys "$1" I
	wait_for "$(say "Esc cancel" "Esc annuler")"
	type_text "csv/$2"
	wait_for "csv/$2"
	keys Enter
	wait_has "$(say "$3 row(s): $3 to add, 0 to update, 0 refused" "$3 ligne(s) : $3 à ajouter, 0 à mettre à jour, 0 refusée")"
	[ "$(sql "SELECT count(*) FROM $4;")" = "$before" ] || fail "the plan of $2 changed $4"
	keys y
	wait_has "$(say "csv/$2: $3 row(s) imported." "csv/$2 : $3 ligne(s) importée(s).")"
	[ "$(sql "SELECT count(*) FROM $4;")" = $((before + $3)) ] || fail "$2: $4 holds $(sql "SELECT count(*) FROM $4;") rows"
}

# divide RECEIPT KEY: n on Distributions' list (Esc leaves the
# distribution shown there), the receipt and the key picked.
divide() {
	keys 8 Escape n
	wait_for "$(say "Divide which receipt?" "Quel versement répartir${NB}?")"
	type_text "$1"
	keys Enter
	wait_for "$(say "Divide with which key?" "Répartir selon quelle clé${NB}?")"
	type_text "$2"
	keys Enter
	wait_for "$(say "PREVIEW (not saved)" "APERÇU (non enregistré)")"
	wait_for "$1"
}

# approve N DATE NOTE: A, the date typed over the one proposed, the note.
approve() {
	keys A
	wait_for "$(say "Approve the distribution" "Approuver la répartition")"
	type_text "$(date_of "$2")"
	keys Enter
	type_text "$3"
	keys Enter
	wait_has "$(say "Once approved it can never change." "Une fois approuvée, elle ne pourra plus changer.")"
	keys y
	wait_has "D$1 $(say "approved: it never changes from now on." "approuvée : elle ne changera plus.")"
	[ "$(sql "SELECT status || ' ' || approved_on || ' ' || approved_note FROM distributions WHERE id = $1;")" = "approved $2 $3" ] ||
		fail "D$1 in the database: $(sql "SELECT status, approved_on, approved_note FROM distributions WHERE id = $1;")"
}

# Total of a member's approved lines, and of those paid (cents).
alloc() {
	sql "SELECT coalesce(sum(l.cents), 0) FROM distribution_lines l JOIN distributions d
		ON d.id = l.distribution_id AND d.status = 'approved' LEFT JOIN payments p ON p.line_id = l.id
		WHERE l.recipient = '$1' $2;"
}

# produce: E's form is open with its document chosen: the format typed,
# then the file the form proposes written.
produce() { # FORMAT FILE
	keys Tab Tab Tab Tab Tab C-u
	type_text "$1"
	wait_for "$2"
	keys Enter Enter
	wait_has "$2 $(say "written." "écrit.")"
	[ -s "$TMPD/$2" ] || fail "$2 was not written"
}

# year LANG COLS ROWS: the scenario, in one language at one size.
year() {
	L=$1
	tmux -L "$SOCK" kill-server 2>/dev/null
	SOCK=qp-test-$$-$L
	DB="$TMPD/msp-$L.db"
	rm -rf "$TMPD/statements-2025" "$TMPD"/summary-2025.* "$TMPD"/journal-2025.*
	if [ "$L" = fr ]; then
		start "$2" "$3" LANGUAGE=fr
		K2="Parts égales" POOL="Tous" STATUS="associé" ALL="tous les membres"
	else
		start "$2" "$3"
		K2="Equal shares" POOL="Everyone" STATUS="associate" ALL="all members"
	fi

	# The first run: no database; c, the name typed, the practice opens.
	wait_has "$(say "There is no practice in $DB yet." "Il n'y a pas encore de structure dans $DB.")"
	keys c
	wait_for "$(say "Enter creates it" "Entrée la crée")"
	type_text "$NAME"
	keys Enter
	wait_for "quotepart · $NAME"
	[ "$(sql "SELECT value FROM settings WHERE name = 'name';")" = "$NAME" ] || fail "the practice's name is not stored"
	[ "$(sql "SELECT count(*) FROM members;")" = 0 ] || fail "a new practice has members"
	[ "$(sql "SELECT count(*) FROM keys;")" = 0 ] || fail "a new practice has keys: this test makes them"

	# Each empty list says, whole, what to do.
	keys 2
	wait_has "$(say "No member yet: press a to add one." "Aucun membre : appuyez sur a pour en ajouter un.")" left
	keys 3
	wait_has "$(say "No post yet: press a to add one." "Aucun poste : appuyez sur a pour en ajouter un.")" left
	keys 4
	wait_has "$(say "No patient yet: press I to import a file of them, or a to add one." \
		"Aucun patient : appuyez sur I pour en importer un fichier, ou sur a pour en ajouter un.")" left
	keys 7
	wait_has "$(say "No key: press a to create one, or i to import a key file." \
		"Aucune clé : appuyez sur a pour en créer une, ou sur i pour importer un fichier de clé.")" left

	import_csv 2 members.csv 5 members
	wait_for "Dr Camille Roux"
	import_csv 3 posts.csv 1 posts
	import_csv 4 patients.csv 3 patients
	import_csv 5 receipts.csv 2 receipts
	[ "$(sql "SELECT group_concat(amount) FROM receipts ORDER BY id;")" = "6000000,3000000" ] ||
		fail "receipts' amounts: $(sql "SELECT group_concat(amount) FROM receipts;")"
	import_csv 6 activities.csv 6 activities

	# The example ACI key from its file (i), a second key made (a).
	keys 7 i
	wait_for "$(say "Import a key file" "Importer un fichier de clé")"
	type_text "csv/aci.cfg"
	keys Enter
	wait_for "$(say "Key ACI saved as version 1." "Clé ACI enregistrée en version 1.")"
	keys a
	wait_for "$(say "New key" "Nouvelle clé")"
	type_text "$K2"
	keys Enter Enter
	wait_has "$(say "New key $K2, not saved yet" "Nouvelle clé $K2, pas encore enregistrée")"
	keys a
	wait_for "$(say "New pool" "Nouvelle enveloppe")"
	type_text "$POOL"
	keys Tab
	type_text "100"
	keys Tab Tab Tab Tab
	type_text "$STATUS"
	keys Enter Enter Enter Enter Enter Enter Enter
	wait_has "\"$POOL\" $(say "is in the key" "est dans la clé")"
	keys s
	wait_has "$(say "Key $K2 saved as version 1." "Clé $K2 enregistrée en version 1.")"
	[ "$(sql "SELECT group_concat(name, '|') FROM (SELECT name FROM keys ORDER BY name);")" = "ACI|$K2" ] ||
		fail "keys: $(sql "SELECT group_concat(name, '|') FROM keys;")"
	"$QP_BIN" --db "$DB" key export "$K2" | grep -q 'statuses = \[ "associate" \];' ||
		fail "the new key's status is not stored as its code"

	# The advance: previewed, compared, saved, approved, paid.
	divide ACI-2025-AV ACI
	wait_has "$(say "Total $(money 6000000) = reserved $(money 2400000)" "Total $(money 6000000) = prélevé $(money 2400000)")"
	[ "$(sql "SELECT count(*) FROM distributions;")" = 0 ] || fail "a preview was stored"
	keys c
	wait_for "$(say "Compare with which key?" "Comparer avec quelle clé${NB}?")"
	type_text "$K2"
	keys Enter
	wait_for "B - A"
	wait_has "B = $K2 v1"
	wait_has "Total $(money 6000000) $(money 6000000) $(money 0)"
	[ "$(sql "SELECT count(*) FROM distributions;")" = 0 ] || fail "a comparison was stored"
	keys Escape
	wait_for "$(say "PREVIEW (not saved)" "APERÇU (non enregistré)")"
	keys s
	wait_has "$(say "Saved as D1" "Enregistrée en D1")"
	[ "$(sql "SELECT mode || ' ' || status || ' ' || amount FROM distributions;")" = "normal draft 6000000" ] ||
		fail "D1 in the database: $(sql "SELECT mode, status, amount FROM distributions;")"
	[ "$(sql "SELECT sum(cents) FROM distribution_lines WHERE distribution_id = 1;")" = 6000000 ] ||
		fail "D1's lines do not add up to the receipt"
	approve 1 2025-05-10 "AG du 10 mai 2025"
	keys p
	wait_for "$(say "Record a payment" "Enregistrer un paiement")"
	type_text "$(date_of 2025-05-20)"
	keys Enter Enter Enter
	wait_has "$(say "D1: 10 line(s) marked paid on" "D1 : 10 ligne(s) marquée(s) payée(s) le") $(date_of 2025-05-20)."
	[ "$(sql "SELECT count(*) || ' ' || sum(amount) || ' ' || min(paid_on) || ' ' || max(paid_on) FROM payments;")" = \
		"10 6000000 2025-05-20 2025-05-20" ] || fail "payments: $(sql "SELECT count(*), sum(amount), min(paid_on) FROM payments;")"

	# The documents: every member's statement as PDF into a folder, the
	# summary as PDF, the journal as text.
	keys 9 E
	wait_for "$(say "Produce a document" "Produire un document")"
	keys Tab C-u
	type_text "$ALL"
	wait_for "statements-2025/"
	keys Tab Tab Tab Tab C-u
	type_text pdf
	keys Enter Enter
	n=$(sql "SELECT count(DISTINCT member_id) FROM distribution_lines WHERE member_id IS NOT NULL;")
	wait_has "$(say "$n file(s) written to statements-2025/." "$n fichier(s) écrit(s) dans statements-2025/.")"
	[ "$(ls "$TMPD/statements-2025" | wc -l)" = "$n" ] || fail "statements-2025/ holds $(ls "$TMPD/statements-2025")"
	for m in ROUX FAURE MOREL PETIT; do
		f="$TMPD/statements-2025/statement-2025-$m.pdf"
		pdftotext -layout "$f" "$f.txt" || fail "$f is not a PDF"
		grep -qF "$NAME" "$f.txt" || fail "$f does not name the practice"
		sed 's/\xc2\xa0/ /g; s/\xe2\x80\xaf/ /g' "$f.txt" | grep -qF "$(money "$(alloc $m "")")" ||
			fail "$f does not show the member's total, $(money "$(alloc $m "")")"
	done
	keys E
	wait_for "$(say "Produce a document" "Produire un document")"
	keys Right Right
	wait_for "$(say "Team-meeting summary" "Synthèse pour la réunion d'équipe")"
	produce pdf summary-2025.pdf
	pdftotext "$TMPD/summary-2025.pdf" "$TMPD/summary.txt" || fail "the summary is not a PDF"
	grep -qF "$NAME" "$TMPD/summary.txt" || fail "the summary does not name the practice"
	grep -qF "ACI-2025-AV" "$TMPD/summary.txt" || fail "the summary does not list the advance"
	keys E
	wait_for "$(say "Produce a document" "Produire un document")"
	keys Left
	wait_for "Journal"
	produce text journal-2025.txt
	grep -qF "$NAME" "$TMPD/journal-2025.txt" || fail "the journal does not name the practice"
	[ "$(grep -c "ACI-2025-AV" "$TMPD/journal-2025.txt")" -ge 10 ] || fail "the journal lacks the payments"

	# The balance: the autumn's hours, then true-up on by itself.
	import_csv 6 activities-autumn.csv 5 activities
	divide ACI-2025-SOLDE ACI
	wait_has "$(say "A balance: true-up is on" "Un solde : la régularisation est activée")"
	keys s
	wait_has "$(say "Saved as D2" "Enregistrée en D2")"
	wait_for "D2 · $(say "draft · true-up" "brouillon · régularisation") · ACI-2025-SOLDE"
	[ "$(sql "SELECT mode || ' ' || status FROM distributions WHERE id = 2;")" = "true-up draft" ] ||
		fail "D2 in the database: $(sql "SELECT mode, status FROM distributions WHERE id = 2;")"
	[ "$(sql "SELECT sum(cents) FROM distribution_lines WHERE distribution_id = 2;")" = 3000000 ] ||
		fail "D2's lines do not add up to the balance"
	approve 2 2026-03-02 "AG du 2 mars 2026"
	[ "$(alloc ROUX "AND d.id = 2")" -lt 0 ] || fail "the true-up takes nothing back from ROUX"

	# The accounts: ROUX owes back, FAURE is still due.
	for m in ROUX FAURE; do
		a=$(alloc $m "") p=$(alloc $m "AND p.id IS NOT NULL")
		if [ $((a - p)) -lt 0 ]; then
			due="$(say "owed back by the member" "à reverser par le membre") $(money $((p - a)))"
		else
			due="$(say "still due to the member" "reste dû au membre") $(money $((a - p)))"
		fi
		keys 2 Escape /          # Esc: no filter left from the last one
		type_text "$m"
		keys Enter c
		wait_for "$(say "Account of" "Compte de")"
		wait_for "($m)"
		keys End
		wait_has "$(say "Every exercise: allocated" "Tous exercices : attribué") $(money "$a"), $(say paid payé) $(money "$p"), $due"
		keys Escape
		wait_gone "($m)"
	done
	[ "$(alloc ROUX "")" -lt "$(alloc ROUX "AND p.id IS NOT NULL")" ] || fail "ROUX owes nothing back"

	keys q
	check_restored 0
	"$QP_BIN" --db "$DB" check >"$TMPD/check" 2>&1 || fail "check: $(cat "$TMPD/check")"
}

year en 80 24
year fr 120 40
echo "full year: ok"
