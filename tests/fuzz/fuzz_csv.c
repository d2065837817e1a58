/* fuzz_csv.c: libFuzzer harness for the CSV reader (and writer, read back).
 * The work is fuzz_csv() in fuzz_targets.h, which the replay test of
 * `make check` calls on tests/fuzz/corpus/csv and tests/fuzz/crashes/csv.
 * Built and run by `make fuzz` (mk/reliability.mk). */
#include "fuzz_targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_csv(data, size);
}
