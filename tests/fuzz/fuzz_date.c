/* fuzz_date.c: libFuzzer harness for the date parser, format and calendar.
 * The work is fuzz_date() in fuzz_targets.h, which the replay test of
 * `make check` calls on tests/fuzz/corpus/date and tests/fuzz/crashes/date.
 * Built and run by `make fuzz` (mk/reliability.mk). */
#include "fuzz_targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_date(data, size);
}
