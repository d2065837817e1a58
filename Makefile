# quotepart: hand-written Makefile. `make help` lists the targets.
# Quiet unless V=1; dependencies tracked with -MMD -MP.

PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
MANDIR     ?= $(PREFIX)/share/man
LOCALEDIR  ?= $(PREFIX)/share/locale
SYSCONFDIR ?= $(PREFIX)/etc
DATADIR    ?= $(PREFIX)/share/quotepart
DESTDIR    ?=

VERSION := 0.1.0

CC      ?= cc
PKGS    := ncursesw panelw formw menuw sqlite3 libconfig pangocairo cairo xlsxwriter
# ncursesw asks for _XOPEN_SOURCE=600; we define 700 ourselves.
PKG_CFLAGS := $(filter-out -D_XOPEN_SOURCE=% -D_DEFAULT_SOURCE,$(shell pkg-config --cflags $(PKGS) 2>/dev/null))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CRIT_LIBS  := $(shell pkg-config --libs criterion 2>/dev/null)

WARN    := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wformat=2 -Wfloat-equal -Wvla -Wundef -Wpointer-arith
CFLAGS  ?= -O2 -g
ALL_CFLAGS := -std=c11 $(WARN) $(CFLAGS) -Iinclude -Ibuild/gen $(PKG_CFLAGS) \
           -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE \
           -DQP_VERSION='"$(VERSION)"' -DQP_LOCALEDIR='"$(LOCALEDIR)"' \
           -DQP_SYSCONFDIR='"$(SYSCONFDIR)"' -DQP_DATADIR='"$(DATADIR)"'
LIBS    := $(PKG_LIBS) -lcsv -lcrypto -lm

B := build
ifeq ($(V),1)
Q :=
else
Q := @
endif

SRC      := $(sort $(wildcard src/*/*.c))
LIB_OBJS := $(SRC:%.c=$(B)/%.o) $(B)/gen/default_cfg.o $(B)/gen/example_keys.o
KEYS     := $(sort $(wildcard config/keys/*.cfg))
MAIN_OBJ := $(B)/src/main.o
TEST_SRC := $(sort $(wildcard tests/unit/*.c tests/db/*.c tests/app/*.c))
TEST_BIN := $(TEST_SRC:%.c=$(B)/%)
MO       := $(B)/locale/fr/LC_MESSAGES/quotepart.mo

.PHONY: all run check test asan valgrind bench install uninstall clean deps \
        check-layers check-man pot help asan-test
.DEFAULT_GOAL := all

BIN ?= quotepart

all: $(BIN) $(MO)

help:
	@echo "make            build ./quotepart"
	@echo "make run        install missing packages, build, open the TUI on a demo practice"
	@echo "make check      install missing packages, build, run every test"
	@echo "make asan       the suite under AddressSanitizer + UndefinedBehaviorSanitizer"
	@echo "make install    install (PREFIX=$(PREFIX), DESTDIR=)"

deps:
	$(Q)sh scripts/deps.sh

$(BIN): $(MAIN_OBJ) $(B)/libquotepart.a
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(B)/libquotepart.a: $(LIB_OBJS)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

$(B)/%.o: %.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# The default configuration is compiled in, so the program works with no
# file installed; config/quotepart.cfg stays the one source of truth.
$(B)/gen/default_cfg.c: config/quotepart.cfg scripts/embed.sh
	@mkdir -p $(@D)
	$(Q)sh scripts/embed.sh qp_default_config $< > $@.tmp && mv $@.tmp $@

$(B)/gen/example_keys.c: $(KEYS) scripts/embed-keys.sh
	@mkdir -p $(@D)
	$(Q)sh scripts/embed-keys.sh $(KEYS) > $@.tmp && mv $@.tmp $@

$(B)/gen/%.o: $(B)/gen/%.c
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(MO): po/fr.po
	@mkdir -p $(@D)
	@$(if $(Q),echo "  MSGFMT  $<")
	$(Q)msgfmt --check -o $@ $<

# Test programs: one Criterion binary per file, linked with the library.
$(B)/tests/%: tests/%.c $(B)/libquotepart.a
	@mkdir -p $(@D)
	@$(if $(Q),echo "  TEST    $@")
	$(Q)$(CC) $(ALL_CFLAGS) -Itests -MMD -MP -o $@ $< $(B)/libquotepart.a $(LIBS) $(CRIT_LIBS)

run: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)sh scripts/run-demo.sh

check: deps
	$(Q)$(MAKE) --no-print-directory all $(TEST_BIN)
	$(Q)$(MAKE) --no-print-directory test

# Run what is built; `make check` is the entry point that also builds.
test: check-layers check-man
	$(Q)sh tests/run.sh $(TEST_BIN)

asan:
	$(Q)$(MAKE) --no-print-directory deps
	$(Q)$(MAKE) --no-print-directory B=build-asan CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
		LDFLAGS="-fsanitize=address,undefined" BIN=quotepart.asan all asan-test

asan-test: $(TEST_BIN)
	$(Q)QP_BIN=./quotepart.asan QP_SANITIZED=1 sh tests/run.sh $(TEST_BIN)

check-layers:
	$(Q)sh scripts/check-layers.sh

check-man: $(BIN)
	$(Q)sh tests/cli/check-man.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
		$(DESTDIR)$(LOCALEDIR)/fr/LC_MESSAGES $(DESTDIR)$(DATADIR)/keys
	install -m 755 quotepart $(DESTDIR)$(BINDIR)/quotepart
	install -m 644 man/quotepart.1 $(DESTDIR)$(MANDIR)/man1/quotepart.1
	install -m 644 man/quotepart.cfg.5 $(DESTDIR)$(MANDIR)/man5/quotepart.cfg.5
	install -m 644 $(MO) $(DESTDIR)$(LOCALEDIR)/fr/LC_MESSAGES/quotepart.mo
	install -m 644 config/keys/*.cfg $(DESTDIR)$(DATADIR)/keys/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/quotepart $(DESTDIR)$(MANDIR)/man1/quotepart.1 \
		$(DESTDIR)$(MANDIR)/man5/quotepart.cfg.5 \
		$(DESTDIR)$(LOCALEDIR)/fr/LC_MESSAGES/quotepart.mo
	rm -rf $(DESTDIR)$(DATADIR)

# Strings live in .c files, in the TUI's action table (a header) and in the
# status table, whose X-macro rows _(NAME, code, "message") carry the
# message as their third argument.
pot:
	xgettext --keyword=_ --keyword=_:3,3t --keyword=N_ --from-code=UTF-8 \
		--add-comments=TRANSLATORS -o po/quotepart.pot \
		$(SRC) src/main.c $(wildcard src/*/*.h) include/quotepart/*.h
	msgmerge --update --backup=none po/fr.po po/quotepart.pot

clean:
	rm -rf build build-asan quotepart quotepart.asan

-include $(shell find $(B) -name '*.d' 2>/dev/null)

# Further targets live in mk/ (reliability: stress, valgrind, fuzz; bench).
include $(sort $(wildcard mk/*.mk))
