/* fuzz_money.c: libFuzzer harness for the amount and decimal parsers and formats, checked arithmetic.
 * The work is fuzz_money() in fuzz_targets.h, which the replay test of
 * `make check` calls on tests/fuzz/corpus/money and tests/fuzz/crashes/money.
 * Built and run by `make fuzz` (mk/reliability.mk). */
#include "fuzz_targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_money(data, size);
}
