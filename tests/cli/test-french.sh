#!/bin/sh
# test-french.sh: the command line under LANGUAGE=fr: help, errors and a
# distribution report come out in French, amounts as "49 236,00 €"
# (U+202F between thousands, U+00A0 before €), and po/fr.po has no
# untranslated or fuzzy message.
. "$(dirname "$0")/lib.sh"

export LANGUAGE=fr
DB="$TMP/d.db"
nnbsp=$(printf '\342\200\257')   # U+202F narrow no-break space
nbsp=$(printf '\302\240')        # U+00A0 no-break space

# has FILE TEXT: FILE contains TEXT (fixed string); shows FILE when not.
has() {
	grep -qF -- "$2" "$1" && return 0
	echo "  \"$2\" not in:"
	sed 's/^/  | /' "$1" | head -20
	return 1
}
# lacks FILE TEXT: FILE does not contain TEXT (fixed string).
lacks() {
	! grep -qF -- "$2" "$1" || { echo "  \"$2\" still in $1"; return 1; }
}

if ! "$BIN" --db "$DB" demo >"$TMP/demo.out" 2>&1; then
	echo "FAIL demo: $(cat "$TMP/demo.out")"
	exit 1
fi
check "demo says it in French" has "$TMP/demo.out" "Structure de démonstration"

# --help: the usage line and the command descriptions.
"$BIN" --help >"$TMP/help.out" 2>&1
check "help exits 0" test $? = 0
check "help: usage in French" has "$TMP/help.out" "Utilisation${nbsp}: quotepart"
check "help: commands in French" has "$TMP/help.out" "répartir un versement selon une clé"
check "help: no English usage line" lacks "$TMP/help.out" "Usage:"
check "help: command names kept" has "$TMP/help.out" "quotepart distribute RECEIPT --key NAME"

# An error: on stderr, in French, with the sysexits code of "not found".
"$BIN" --db "$DB" distribute NO-SUCH-RECEIPT --key ACI --dry-run >"$TMP/err.out" 2>"$TMP/err.err"
rc=$?
check "unknown receipt: exit 66" test "$rc" = 66
check "unknown receipt: message in French" has "$TMP/err.err" \
	'quotepart: aucun versement d'"'"'identifiant ou de référence "NO-SUCH-RECEIPT"'
check "unknown receipt: nothing on stdout" test ! -s "$TMP/err.out"

# A usage error and the hint that follows it.
"$BIN" --db "$DB" frobnicate >/dev/null 2>"$TMP/usage.err"
check "unknown command: exit 64" test $? = 64
check "unknown command: in French" has "$TMP/usage.err" 'commande inconnue "frobnicate"'
check "unknown command: hint in French" has "$TMP/usage.err" "Essayez 'quotepart --help'."

# A preview: French labels, French amounts, nothing English left.
"$BIN" --db "$DB" distribute ACI-2025-AV --key ACI --dry-run >"$TMP/dist.out" 2>"$TMP/dist.err"
check "distribute --dry-run exits 0" test $? = 0
check "distribute: preview title" has "$TMP/dist.out" "Aperçu (rien n'est enregistré)"
check "distribute: receipt line" has "$TMP/dist.out" "Versement ACI-2025-AV${nbsp}: ACI Avance, exercice 2025, reçu le 28/04/2025"
check "distribute: key line and amount" has "$TMP/dist.out" \
	"Clé ACI, version 1${nbsp}; période du 01/01/2025 au 31/12/2025${nbsp}; montant 49${nnbsp}236,00${nbsp}€"
check "distribute: reservation" has "$TMP/dist.out" "Prélèvement \"Coordinator post\" pour poste COORD${nbsp}: fixe, 18${nnbsp}000,00${nbsp}€"
check "distribute: pool" has "$TMP/dist.out" "Enveloppe \"Equal share\"${nbsp}:"
check "distribute: column headers" has "$TMP/dist.out" "Ayant droit"
check "distribute: exact share header" has "$TMP/dist.out" "Part exacte"
check "distribute: leftover cent" has "$TMP/dist.out" "+1 centime restant"
check "distribute: total line" has "$TMP/dist.out" "Total 49${nnbsp}236,00${nbsp}€ = prélèvements "
check "distribute: no English label" lacks "$TMP/dist.out" "Recipient"
check "distribute: no English amount" lacks "$TMP/dist.out" "49,236.00"
check "distribute: names the receipt on stderr, in French" has "$TMP/dist.err" \
	"Essai, rien n'est enregistré${nbsp}: versement ACI-2025-AV (id 4) avec la clé ACI v1"

# The catalogue: every message translated, none fuzzy, formats intact.
# The gettext tools speak French too under LANGUAGE=fr: ask for English.
po="$ROOT/po/fr.po"
en() { LANGUAGE= LC_ALL=C "$@"; }
if command -v msgfmt >/dev/null 2>&1; then
	en msgfmt --check --statistics -o /dev/null "$po" >"$TMP/po.out" 2>&1
	check "msgfmt --check po/fr.po" test $? = 0
	check "po/fr.po: no untranslated message" lacks "$TMP/po.out" "untranslated"
	check "po/fr.po: no fuzzy message" lacks "$TMP/po.out" "fuzzy"
	check "po/fr.po: some translated" has "$TMP/po.out" "translated messages"
	# QP_PO_STRICT=1: also no string of the sources missing from the
	# catalogue (what `make pot` would add).
	if [ "${QP_PO_STRICT:-0}" = 1 ] && command -v xgettext >/dev/null 2>&1; then
		(cd "$ROOT" && en xgettext --keyword=_ --keyword=_:3,3t --keyword=N_ --from-code=UTF-8 \
			-o "$TMP/qp.pot" src/*/*.c src/*/*.h include/quotepart/*.h src/main.c) &&
		en msgmerge --quiet -o "$TMP/fr.po" "$po" "$TMP/qp.pot" &&
		en msgfmt --statistics -o /dev/null "$TMP/fr.po" >"$TMP/po2.out" 2>&1
		check "sources: no untranslated message" lacks "$TMP/po2.out" "untranslated"
		check "sources: no fuzzy message" lacks "$TMP/po2.out" "fuzzy"
	fi
else
	echo "msgfmt not installed: catalogue checks skipped"
fi

finish
