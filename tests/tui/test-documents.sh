#!/bin/sh
# test-documents.sh: E (Statements, Home) opens the form that produces a
# document; what it writes says what the command line's file says for the
# same parameters (cmp for text and CSV, pdftotext for PDF, the sheets of
# the XLSX): a member's statement as PDF, every member's into a folder
# picked with the chooser (^O), the summary as XLSX, the journal as CSV.
# A file already there is replaced only after y; an output aimed at the
# database is refused and the database left whole. English and French,
# at 80x24.
. "$(dirname "$0")/lib.sh"

Q() { "$QP_BIN" --db "$DB" "$@" >/dev/null 2>&1; }
pdf_same() { # A.pdf B.pdf
	pdftotext -layout "$1" "$1.txt" && pdftotext -layout "$2" "$2.txt" && cmp -s "$1.txt" "$2.txt" ||
		fail "$1 does not say what $2 says"
}
# The sheets and strings of a workbook, without its dates.
xlsx_text() { unzip -p "$1" 'xl/worksheets/*.xml' xl/sharedStrings.xml; }

make_demo
Q distribute ACI-2025-AV --key ACI || fail "distribute failed"
Q approve D1 --date 2025-05-10 || fail "approve failed"
Q pay D1 --date 2025-05-20 --means virement || fail "pay failed"
mkdir "$TMPD/out" "$TMPD/cli" "$TMPD/cli/all"
Q statement --member BENALI --year 2025 --format pdf --out "$TMPD/cli/statement-BENALI.pdf" || fail "CLI statement"
Q statement --all --year 2025 --format pdf --out "$TMPD/cli/all/" || fail "CLI statements"
Q summary --year 2025 --format xlsx --out "$TMPD/cli/summary.xlsx" || fail "CLI summary"
Q journal --year 2025 --format csv --out "$TMPD/cli/journal.csv" || fail "CLI journal"

# English. A member's statement as PDF: the name the form proposes.
start 80 24
wait_for "Maison de santé des Tilleuls"
keys 9
wait_for ">BENALI"
wait_for "E: this statement or another document, as a file"
keys E
wait_for "Produce a document"
wait_for "File or folder: statement-2025-BENALI.pdf"
keys Enter Enter Enter Enter Enter Enter Enter
wait_for "statement-2025-BENALI.pdf written."
pdf_same "$TMPD/statement-2025-BENALI.pdf" "$TMPD/cli/statement-BENALI.pdf"
[ "$(stat -c %a "$TMPD/statement-2025-BENALI.pdf")" = 600 ] || fail "the statement is not 0600"

# Again: the file is there; n keeps it, y replaces it.
before=$(stat -c %Y.%s "$TMPD/statement-2025-BENALI.pdf")
keys E
wait_for "Produce a document"
keys Enter Enter Enter Enter Enter Enter Enter
wait_for "statement-2025-BENALI.pdf is already there. Replace it?"
keys n
wait_gone "Replace it?"
keys E
wait_for "Produce a document"
keys Enter Enter Enter Enter Enter Enter Enter
wait_for "Replace it?"
keys y
wait_for "statement-2025-BENALI.pdf written."
pdf_same "$TMPD/statement-2025-BENALI.pdf" "$TMPD/cli/statement-BENALI.pdf"

# Every member's statement into the folder out/, picked with ^O.
keys E
wait_for "Produce a document"
keys Tab C-u
type_text "all members"
wait_for "File or folder: statements-2025/"
keys Tab Tab Tab Tab Tab
keys C-o
wait_for "Where to write the document"
wait_for "(this folder)"
type_text "out"
keys Enter
wait_for "Folder: $TMPD/out"
keys Down
keys Enter
wait_for "File or folder: out/"
keys Enter
wait_for "file(s) written to out/."
n=$(ls "$TMPD/cli/all" | wc -l)
[ "$n" -gt 1 ] || fail "the command line wrote $n statements"
[ "$(ls "$TMPD/out" | wc -l)" = "$n" ] || fail "out/ holds $(ls "$TMPD/out" | wc -l) files, the command line's folder $n"
for f in "$TMPD"/cli/all/*.pdf; do
	pdf_same "$TMPD/out/$(basename "$f")" "$f"
done

# The summary as XLSX: the document and the format chosen with → and typed.
keys E
wait_for "Produce a document"
keys Right Right
wait_for "Document: Team-meeting summary"
keys Tab Tab Tab Tab Tab C-u
type_text "xlsx"
wait_for "File or folder: summary-2025.xlsx"
keys Enter Enter
wait_for "summary-2025.xlsx written."
[ "$(xlsx_text "$TMPD/summary-2025.xlsx" | md5sum)" = "$(xlsx_text "$TMPD/cli/summary.xlsx" | md5sum)" ] ||
	fail "the summary's sheets differ from the command line's"

# The journal: its own format (CSV) replaces the PDF it does not make.
keys E
wait_for "Produce a document"
keys Left
wait_for "Document: Journal"
wait_for "Format: csv"
wait_for "File or folder: journal-2025.csv"
keys Enter Enter Enter Enter Enter Enter Enter
wait_for "journal-2025.csv written."
cmp -s "$TMPD/journal-2025.csv" "$TMPD/cli/journal.csv" || fail "the journal differs from the command line's"

# Aimed at the database: refused, nothing written over it.
keys E
wait_for "Produce a document"
keys Left Tab Tab Tab Tab Tab Tab C-u
type_text "demo.db"
keys Enter
wait_for "is a database; exports and reports never write over one"
keys Escape
wait_for "Discard your changes?"
keys y
keys q
check_restored 0
"$QP_BIN" --db "$DB" check >/dev/null 2>&1 || fail "the database does not pass check"

# French, at 80x24: the labels whole, the journal as text, E on Home.
tmux -L "$SOCK" kill-server 2>/dev/null
SOCK=$SOCK-fr
LANGUAGE=fr "$QP_BIN" --db "$DB" journal --year 2025 --format text --out "$TMPD/cli/journal.txt" ||
	fail "CLI journal text"
start 80 24 LANGUAGE=fr
wait_for "Maison de santé des Tilleuls"
keys E
wait_for "Produire un document"
wait_for "Fichier ou dossier: statements-2025/"
wait_for "si vous le dites."
keys Left
wait_for "Document: Journal"
keys Tab Tab Tab Tab Tab C-u
type_text "text"
wait_for "Fichier ou dossier: journal-2025.txt"
keys Tab
wait_for "^O${NB}: le choisir dans le sélecteur de fichiers."
keys Enter
wait_for "journal-2025.txt écrit."
cmp -s "$TMPD/journal-2025.txt" "$TMPD/cli/journal.txt" || fail "the French journal differs from the command line's"
keys 9
wait_for "E${NB}: ce relevé ou un autre document, dans un fichier"
keys E
wait_for "Produire un document"
keys Enter Enter Enter Enter Enter Enter C-o
wait_for "Où écrire le document"
wait_for "Esc annuler"
keys Escape
wait_gone "Où écrire le document"
keys Escape
keys y
keys q
check_restored 0
echo ok
