#!/bin/sh
# Install what the build and the tests need and this machine lacks.
# pkg-config decides for libraries, `command -v` for tools; only the missing
# Debian packages are installed (apt-get, as root). Nothing happens when all
# is there, so `make check` costs nothing on a machine already set up.
set -u
missing=""
need_pkg() { pkg-config --exists "$1" 2>/dev/null || missing="$missing $2"; }
need_cmd() { command -v "$1" >/dev/null 2>&1 || missing="$missing $2"; }
need_hdr() { [ -f "/usr/include/$1" ] || missing="$missing $2"; }

need_cmd pkg-config pkg-config
need_cmd cc gcc
need_cmd make make
if command -v pkg-config >/dev/null 2>&1; then
	need_pkg ncursesw libncurses-dev
	need_pkg sqlite3 libsqlite3-dev
	need_pkg libconfig libconfig-dev
	need_pkg libxml-2.0 libxml2-dev
	need_pkg criterion libcriterion-dev
	need_pkg libcrypto libssl-dev
	need_pkg pangocairo libpango1.0-dev
	need_pkg cairo libcairo2-dev
	need_pkg xlsxwriter libxlsxwriter-dev
fi
need_hdr csv.h libcsv-dev
need_cmd msgfmt gettext
need_cmd tmux tmux
need_cmd sqlite3 sqlite3
need_cmd groff groff
need_cmd python3 python3-minimal
need_cmd pdftotext poppler-utils

[ -z "$missing" ] && exit 0
# pkg-config itself missing means every library check above was skipped.
command -v pkg-config >/dev/null 2>&1 || missing="$missing libncurses-dev libsqlite3-dev libconfig-dev libxml2-dev libcriterion-dev libssl-dev"
echo "quotepart: installing missing packages:$missing"
if [ "$(id -u)" != 0 ]; then
	if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
		echo "quotepart: run as root: apt-get install -y$missing" >&2
		exit 1
	fi
else
	SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null 2>&1 || true
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null || {
	echo "quotepart: apt-get install failed for:$missing" >&2
	exit 1
}
