# bench.mk: `make bench`, quotepart against the bare sqlite3 shell and a
# minimal ncurses program on three generated practices (bench/run.sh);
# prints the table and rewrites BENCHMARKS.md.

BENCH_B    := $(B)/bench
BENCH_WARN := -std=c11 $(WARN) -O2 -g -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE
BENCH_NC_CFLAGS := $(filter-out -D_XOPEN_SOURCE=% -D_DEFAULT_SOURCE,$(shell pkg-config --cflags ncursesw 2>/dev/null))
BENCH_NC_LIBS   := $(shell pkg-config --libs ncursesw 2>/dev/null)

$(BENCH_B)/gen: bench/gen.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) $(BENCH_WARN) -o $@ $<

$(BENCH_B)/timeit: bench/timeit.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) $(BENCH_WARN) -o $@ $<

$(BENCH_B)/minimal_ncurses: bench/minimal_ncurses.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) $(BENCH_WARN) $(BENCH_NC_CFLAGS) -o $@ $< $(BENCH_NC_LIBS)

bench: $(BIN) $(BENCH_B)/gen $(BENCH_B)/timeit $(BENCH_B)/minimal_ncurses
	$(Q)sh bench/deps.sh
	$(Q)QP=$(CURDIR)/$(BIN) BENCH_DIR=$(CURDIR)/$(BENCH_B) sh bench/run.sh
