#!/bin/sh
# test-statements.sh: what a member's statement and attestation say, in
# English and in French, on a case built with the command line: keys that
# reserve (a post, operating costs) and keys that do not, a receipt
# distributed then reversed, a balance trued up against the advance so
# that a member owes money back over the period. Golden text in both
# languages (tests/cli/golden/statements/), the PDFs read back with
# pdftotext (the practice's identity, French words, DD/MM/YYYY dates), and
# no English code word left in a French document.
. "$(dirname "$0")/lib.sh"

# Keys with French labels: the words a French reader must see are the
# program's, the rest is what the practice wrote.
write_keys() {
	cat >"$TMP/avance.cfg" <<'EOF'
key:
{
  name = "Avance ACI";
  pools = (
    { label = "Part égale"; rate = 100.0; basis = "equal"; prorata = true;
      statuses = [ "associate" ]; }
  );
};
EOF
	cat >"$TMP/solde.cfg" <<'EOF'
key:
{
  name = "Solde ACI";
  reservations = (
    { label = "Poste de coordination"; account = "post:COORD"; amount = "18000.00"; },
    { label = "Frais de fonctionnement"; account = "operating"; rate = 10.0; }
  );
  pools = (
    { label = "Part égale"; rate = 30.0; basis = "equal"; prorata = true;
      statuses = [ "associate" ]; },
    { label = "Implication"; rate = 70.0; basis = "hours"; statuses = [ "associate" ];
      kinds = [ "RCP", "protocol", "coordination" ];
      rates = { gp = 80.0; nurse = 50.0; physio = 50.0; psychologist = 50.0;
                pharmacist = 50.0; speech-therapist = 50.0; }; }
  );
};
EOF
	cat >"$TMP/peps.cfg" <<'EOF'
key:
{
  name = "PEPS équipe";
  pools = (
    { label = "Part d'équipe"; rate = 100.0; basis = "equal"; statuses = [ "associate" ]; }
  );
};
EOF
	printf 'source;kind;exercise;period_start;period_end;received;amount;reference;note\n%s\n' \
		'PEPS;quarterly;2026;2026-01-01;2026-12-31;2026-02-13;23 400,00;PEPS-2026-T1;PEPS 2026, 1er trimestre' \
		>"$TMP/receipts.csv"
}

# The story: D1 the 2025 advance (no reservation), paid; D2 the first
# PEPS quarter of 2026, then D3 its reversal; D4 the 2025 balance trued up
# against D1 with reservations, so that members given too much in the
# advance owe it back. The identity is set for the heads.
practice() {
	write_keys
	step Q settings set address "12 rue des Tilleuls, 69003 Lyon" &&
	step Q settings set siret "552 100 554 00013" &&
	step Q key import "$TMP/avance.cfg" &&
	step Q key import "$TMP/solde.cfg" &&
	step Q key import "$TMP/peps.cfg" &&
	step Q import receipts "$TMP/receipts.csv" &&
	step Q distribute ACI-2025-AV --key "Avance ACI" &&
	step Q approve D1 --date 2025-05-10 --note "AG du 10 mai" &&
	step Q pay D1 --date 2025-05-20 --means virement &&
	step Q distribute PEPS-2026-T1 --key "PEPS équipe" &&
	step Q approve D2 --date 2026-03-02 &&
	step Q reverse D2 &&
	step Q approve D3 --date 2026-03-20 --note "patientèle de février mal comptée" &&
	step Q distribute ACI-2025-SOLDE --key "Solde ACI" --true-up &&
	step Q approve D4 --date 2026-05-12 --note "AG du 12 mai 2026" &&
	step Q pay D4 --date 2026-05-20 --means virement
}

# The English words of codes that a French document must not show.
english_words='ACI advance|PEPS quarterly|Quarterly advance|basis equal|equal shares|operating|true-up|True-up|reversal|Reversal|medical|paramedical|Associate|Nurse|General practitioner|rounded down|owed back|Statement for|Attestation of payments'
# no_english FILE: FILE holds none of them, nor an ISO date.
no_english() {
	if grep -nE "$english_words" "$1"; then
		echo "  English words in the French document $1"
		return 1
	fi
	if grep -nE '[0-9]{4}-[0-9]{2}-[0-9]{2}' "$1"; then
		echo "  ISO dates in the French document $1"
		return 1
	fi
}
has() {
	grep -qF -- "$2" "$1" && return 0
	echo "  \"$2\" not in $1"
	return 1
}

block_text() {
	fresh text
	practice || return
	# GIRARD has it all: the reversed PEPS line, the reservations, the
	# true-up naming D1, and a total owed back over the year.
	golden statements/statement-GIRARD-2026-en 0 Q statement --member GIRARD --year 2026
	golden statements/attestation-GIRARD-2026-en 0 Q attestation --member GIRARD --year 2026
	LANGUAGE=fr
	export LANGUAGE
	golden statements/statement-GIRARD-2026-fr 0 Q statement --member GIRARD --year 2026
	golden statements/attestation-GIRARD-2026-fr 0 Q attestation --member GIRARD --year 2026
	check "the French statement says what is owed back" \
		has "$TMP/statements/statement-GIRARD-2026-fr.actual" "Total des lignes$(printf '\302\240'): à reverser"
	n=0
	for doc in "statement --all --year 2026" "statement --all --year 2025" \
	           "attestation --all --year 2026" "attestation --all --year 2025" \
	           "show D1" "show D3" "show D4" "posts --year 2026" "expected --year 2025" \
	           "journal --year 2026 --format text"; do
		n=$((n + 1))
		# shellcheck disable=SC2086
		Q $doc >"$TMP/fr-$n.txt" 2>&1
		check "French $doc: no English code word, no ISO date" no_english "$TMP/fr-$n.txt"
	done
	unset LANGUAGE
}
block text

block_pdf() {
	fresh pdf
	practice || return
	command -v pdftotext >/dev/null 2>&1 || { echo "  (pdftotext missing: PDF checks skipped)"; return; }
	LANGUAGE=fr Q attestation --member GIRARD --year 2026 --format pdf --out "$TMP/att.pdf" >/dev/null 2>&1
	check "attestation PDF made" test -s "$TMP/att.pdf"
	pdftotext -layout "$TMP/att.pdf" "$TMP/att.txt"
	check "attestation PDF: the practice's name" has "$TMP/att.txt" "Maison de santé des Tilleuls"
	check "attestation PDF: its address" has "$TMP/att.txt" "12 rue des Tilleuls, 69003 Lyon"
	check "attestation PDF: its SIRET" has "$TMP/att.txt" "SIRET 552 100 554 00013"
	check "attestation PDF: the place and date of signature" has "$TMP/att.txt" "Fait à Lyon, le 30/06/2026"
	check "attestation PDF: the signatory's name and role" has "$TMP/att.txt" "Qualité :"
	check "attestation PDF: French, DD/MM/YYYY" no_english "$TMP/att.txt"
	# The signature block leaves at least 25 mm (71 pt) under "Signature :".
	pdftotext -bbox "$TMP/att.pdf" "$TMP/att.html"
	gap=$(awk '
		/<page / { page++ }
		/<word / {
			y = $0; sub(/.*yMin="/, "", y); sub(/".*/, "", y); y += 0
			w = $0; sub(/.*">/, "", w); sub(/<\/word>.*/, "", w)
			if (sy != "" && !gap && page == sp && y > sy + 1) gap = y - sy
			if (w == ":" && last == "Signature") { sy = y; sp = page }
			last = w
		}
		END { print sy == "" ? -1 : gap ? gap : 999 }' "$TMP/att.html")
	check "attestation PDF: 25 mm to sign ($gap pt)" awk -v g="$gap" 'BEGIN { exit !(g >= 71) }'

	LANGUAGE=fr Q statement --member GIRARD --year 2026 --format pdf --out "$TMP/st.pdf" >/dev/null 2>&1
	check "statement PDF made" test -s "$TMP/st.pdf"
	pdftotext -layout "$TMP/st.pdf" "$TMP/st.txt"
	check "statement PDF: the practice's SIRET" has "$TMP/st.txt" "SIRET 552 100 554 00013"
	check "statement PDF: the reservation named" has "$TMP/st.txt" "Poste de coordination"
	check "statement PDF: the true-up names D1" has "$TMP/st.txt" "moins ce qu'a attribué D1 (ACI-2025-AV)"
	check "statement PDF: the reversal names D2" has "$TMP/st.txt" "Contre-passation de D2"
	check "statement PDF: dates as DD/MM/YYYY" has "$TMP/st.txt" "27/04/2026"
	check "statement PDF: no English code word, no ISO date" no_english "$TMP/st.txt"
	Q statement --member GIRARD --year 2026 --format pdf --out "$TMP/st-en.pdf" >/dev/null 2>&1
	pdftotext -layout "$TMP/st-en.pdf" "$TMP/st-en.txt"
	check "English statement PDF: receipt kinds by their labels" has "$TMP/st-en.txt" "ACI Balance, exercise 2025"
	check "English statement PDF: no code for a basis" has "$TMP/st-en.txt" "basis equal shares"
}
block pdf

finish
