/* fuzz_keyfile.c: libFuzzer harness for the key file parser and the configuration loader.
 * The work is fuzz_keyfile() in fuzz_targets.h, which the replay test of
 * `make check` calls on tests/fuzz/corpus/keyfile and tests/fuzz/crashes/keyfile.
 * Built and run by `make fuzz` (mk/reliability.mk). */
#include "fuzz_targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_keyfile(data, size);
}
