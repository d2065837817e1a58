#!/bin/sh
# fuzz-deps.sh CC: make sure CC can build libFuzzer programs with ASan and
# UBSan (clang and its compiler-rt). When it cannot and we are root on
# Debian, install clang and the runtime with apt-get; else say what is
# missing and fail. Used by `make fuzz` and `make stress`.
CC=${1:-clang}
probe() {
	d=$(mktemp -d "${TMPDIR:-/tmp}/qp-fuzz-probe.XXXXXX")
	printf '#include <stdint.h>\n#include <stddef.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }\n' >"$d/p.c"
	"$CC" -fsanitize=fuzzer,address,undefined -o "$d/p" "$d/p.c" >"$d/log" 2>&1 && "$d/p" -runs=1 >>"$d/log" 2>&1
	rc=$?
	[ $rc = 0 ] || sed 's/^/    /' "$d/log" | tail -n 5 >&2
	rm -rf "$d"
	return $rc
}
probe && exit 0
echo "fuzz-deps: $CC cannot build libFuzzer programs (-fsanitize=fuzzer,address,undefined)" >&2
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	pkgs=clang
	v=$(clang --version 2>/dev/null | sed -n 's/.*clang version \([0-9]*\).*/\1/p' | head -n 1)
	# The runtime is its own package from LLVM 15 on; part of clang before.
	[ -n "$v" ] && apt-cache show "libclang-rt-$v-dev" >/dev/null 2>&1 && pkgs="$pkgs libclang-rt-$v-dev"
	echo "fuzz-deps: installing $pkgs" >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $pkgs >&2 && probe && exit 0
fi
echo "fuzz-deps: install clang with its compiler-rt (Debian: clang, and libclang-rt-N-dev for LLVM 15 and later), or set FUZZ_CC" >&2
exit 1
