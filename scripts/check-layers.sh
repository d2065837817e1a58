#!/bin/sh
# The layers of STYLE.md, kept true by grepping includes and calls:
#   main -> cli, tui -> app -> db, engine, report -> domain -> core
# each library header included only where it belongs, in sources and in
# headers (include/quotepart/*.h and src/*/*.h); and the interfaces
# (cli, tui) reach the store only through app: they include no db header
# nor app_store.h, and call no db_ function.
status=0
fail() { echo "check-layers: $*" >&2; status=1; }

only_in() { # header allowed-dirs...
	hdr=$1; shift
	grep -rlE "#include <$hdr>" src | while read -r f; do
		ok=0
		for d in "$@"; do case $f in "$d"/*) ok=1 ;; esac; done
		[ $ok = 1 ] || echo "$f"
	done
}
for f in $(only_in sqlite3.h src/db); do fail "$f includes <sqlite3.h> (only src/db may)"; done
for f in $(only_in libconfig.h src/cfg); do fail "$f includes <libconfig.h> (only src/cfg may)"; done
for f in $(only_in 'n?curses.h' src/tui); do fail "$f includes curses (only src/tui may)"; done
for f in $(only_in 'csv.h' src/core); do fail "$f includes <csv.h> (only src/core may)"; done
# pango, cairo and libxlsxwriter belong to the writers module alone
# (src/report/pdf.c and xlsx.c, loaded on demand): anywhere else, every
# start of the program would pay for loading them.
for f in $(grep -rlE '#include <(cairo|pango/|xlsxwriter)' src); do
	case $f in
	src/report/pdf.c|src/report/xlsx.c) ;;
	*) fail "$f includes pango, cairo or libxlsxwriter (only the writers module, src/report/pdf.c and xlsx.c, may)" ;;
	esac
done

# libxml2 writes the SEPA transfer file (src/report/sepa.c) and nothing else.
for f in $(grep -rlE '#include <libxml/' src); do
	case $f in
	src/report/sepa.c) ;;
	*) fail "$f includes libxml2 (only src/report/sepa.c, the SEPA writer, may)" ;;
	esac
done

# Which quotepart headers each layer may include (by the module's home).
home() { # header name -> layer
	case $1 in
	status.h|err.h|i18n.h|money.h|date.h|text.h|csv.h|rat.h|db_mode.h|ident.h|file.h|array.h) echo core ;;
	key.h|member.h|domain.h|aci.h|peps.h|expected.h) echo domain ;;
	alloc.h|forecast.h) echo engine ;;
	config.h|aci_file.h|peps_file.h) echo cfg ;;
	db.h|db_edit.h|db_report.h|db_forecast.h) echo db ;;
	report.h|reports.h|report_forecast.h|report_instalments.h) echo report ;;
	app.h|app_edit.h|app_views.h|app_store.h|demo.h|app_reports.h|app_settings.h|app_forecast.h|app_instalments.h) echo app ;;
	cli.h) echo cli ;;
	tui.h) echo tui ;;
	*) echo unknown ;;
	esac
}
allowed() { # layer -> layers it may include
	case $1 in
	core) echo "core" ;;
	domain) echo "core domain" ;;
	engine) echo "core domain engine" ;;
	cfg) echo "core domain cfg" ;;
	db) echo "core domain engine db" ;;
	report) echo "core domain engine cfg db report" ;;
	app) echo "core domain engine cfg db report app" ;;
	cli|tui) echo "core domain engine cfg report app $1" ;;
	esac
}
# layer_of FILE: the layer a source or header belongs to.
layer_of() {
	case $1 in
	include/quotepart/*) home "$(basename "$1")" ;;
	*) basename "$(dirname "$1")" ;;
	esac
}
for f in src/*/*.c src/*/*.h include/quotepart/*.h; do
	layer=$(layer_of "$f")
	ok=$(allowed "$layer")
	for h in $(sed -n 's/^#include "quotepart\/\(.*\)".*/\1/p' "$f"); do
		hl=$(home "$h")
		case " $ok " in *" $hl "*) ;; *) fail "$f ($layer) includes quotepart/$h ($hl)" ;; esac
		case $layer:$h in
		cli:app_store.h|tui:app_store.h) fail "$f ($layer) includes quotepart/$h: the interfaces reach the store through app" ;;
		esac
	done
	case $layer in
	cli|tui)
		# A call is a name followed by "(" (declarations of the
		# interfaces' own helpers are named otherwise).
		calls=$(grep -nE '(^|[^A-Za-z0-9_])db_[a-z_]+[[:space:]]*\(' "$f" | cut -d: -f1 | tr '\n' ' ')
		[ -z "$calls" ] || fail "$f ($layer) calls db_ functions (lines $calls): the interfaces reach the store through app" ;;
	esac
	# Lower layers never print or prompt: the caller words it.
	case $layer in
	core|domain|engine|db|cfg|app)
		if grep -nE '\b(printf|puts|fputs|fprintf|perror)\s*\(' "$f" | grep -v 'snprintf\|vsnprintf\|sb_printf' | grep -q .; then
			fail "$f ($layer) prints: lower layers return a status instead"
		fi ;;
	esac
done
exit $status
