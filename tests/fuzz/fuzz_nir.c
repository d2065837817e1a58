/* fuzz_nir.c: libFuzzer harness for the NIR detector and the other checks of user text (RPPS, codes, escaping, widths).
 * The work is fuzz_nir() in fuzz_targets.h, which the replay test of
 * `make check` calls on tests/fuzz/corpus/nir and tests/fuzz/crashes/nir.
 * Built and run by `make fuzz` (mk/reliability.mk). */
#include "fuzz_targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_nir(data, size);
}
