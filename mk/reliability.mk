# reliability.mk: crash, fault, hostile-input and fuzz testing (issue 6).
# Included by the Makefile. `make check` runs the quick versions (the
# tests/cli/test-reliability-*.sh scripts and tests/unit/test_fuzz_replay);
# these targets run the long ones:
#   make stress     100+ kills, every I/O fault point, a full tmpfs, and a
#                   short libFuzzer run of every harness
#   make fuzz       the libFuzzer harnesses only (FUZZ_TIME seconds each)
#   make valgrind   the Criterion programs and the CLI golden test under
#                   valgrind; fails on any error or definite leak
#   make reliability-helpers   the helper programs of the shell tests

.PHONY: stress fuzz fuzz-build fuzz-harnesses fuzz-run valgrind reliability-helpers

# ---- helpers of the shell tests -------------------------------------------
# killat, lockhold and faultfs.so are built with fixed flags whatever
# CFLAGS says (make asan passes sanitizer flags): they stand for the
# outside world, not for the program under test.
REL_DIR    := build/reliability
REL_CFLAGS := -std=c11 $(WARN) -O2 -g -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE
REL_HELPERS := $(REL_DIR)/killat $(REL_DIR)/lockhold $(REL_DIR)/faultfs.so $(B)/reliability/twoedits \
               $(B)/reliability/approvetwice

reliability-helpers: $(REL_HELPERS)

$(REL_DIR)/killat: tests/reliability/killat.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) $(REL_CFLAGS) -o $@ $<

$(REL_DIR)/lockhold: tests/reliability/lockhold.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) $(REL_CFLAGS) -o $@ $< $(shell pkg-config --libs sqlite3 2>/dev/null || echo -lsqlite3)

# An LD_PRELOAD shim: never instrumented (it must load before anything).
$(REL_DIR)/faultfs.so: tests/reliability/faultfs.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) $(filter-out -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE,$(REL_CFLAGS)) -fPIC -shared -o $@ $< -ldl

# Helpers that drive the use cases directly (app.h, app_edit.h): built
# beside the library they link, build/ or build-asan/ (sanitized under
# make asan).
$(B)/reliability/twoedits $(B)/reliability/approvetwice: $(B)/reliability/%: tests/reliability/%.c $(B)/libquotepart.a
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libquotepart.a $(LIBS)

# The shell tests of `make check` and `make asan` use them.
test asan-test: reliability-helpers

# ---- fuzzing (libFuzzer, clang, ASan + UBSan) ------------------------------
# The library is built again with coverage instrumentation in build-fuzz/;
# each harness tests/fuzz/fuzz_NAME.c becomes build-fuzz/fuzz/fuzz_NAME.
# FUZZ_TIME seconds per harness; new inputs go to build-fuzz/corpus/NAME
# (the seed corpora in tests/fuzz/corpus stay small), crashes to
# tests/fuzz/crashes/NAME, where `make check` replays them.
FUZZ_NAMES := money date csv keyfile nir
FUZZ_B     := build-fuzz
FUZZ_CC    ?= clang
FUZZ_TIME  ?= 60
FUZZ_SAN   := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all

fuzz-build:
	$(Q)sh tests/reliability/fuzz-deps.sh $(FUZZ_CC)
	$(Q)$(MAKE) --no-print-directory B=$(FUZZ_B) CC=$(FUZZ_CC) \
		CFLAGS="$(FUZZ_SAN) -fsanitize=fuzzer-no-link" LDFLAGS="-fsanitize=address,undefined" \
		$(FUZZ_B)/libquotepart.a fuzz-harnesses

# Invoked with B=$(FUZZ_B) by fuzz-build.
fuzz-harnesses: $(FUZZ_NAMES:%=$(B)/fuzz/fuzz_%)

$(B)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_targets.h $(B)/libquotepart.a
	@mkdir -p $(@D)
	@$(if $(Q),echo "  FUZZ    $@")
	$(Q)$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $< $(B)/libquotepart.a $(LIBS)

fuzz-run:
	$(Q)FUZZ_TIME=$(FUZZ_TIME) sh tests/reliability/fuzz-run.sh $(FUZZ_B) $(FUZZ_NAMES)

fuzz: fuzz-build
	$(Q)$(MAKE) --no-print-directory fuzz-run

# ---- valgrind -------------------------------------------------------------
valgrind:
	$(Q)$(MAKE) --no-print-directory all $(TEST_BIN)
	$(Q)sh tests/reliability/valgrind.sh $(TEST_BIN)

# ---- stress -----------------------------------------------------------------
stress: all reliability-helpers
	$(Q)$(MAKE) --no-print-directory fuzz-build
	$(Q)FUZZ_TIME=$(FUZZ_TIME) sh tests/reliability/stress.sh
