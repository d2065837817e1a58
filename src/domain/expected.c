/* expected.c: expected instalments (expected.h). */
#include <stdlib.h>

#include "quotepart/expected.h"

void expected_fini(struct expected *x)
{
	free(x->origin);
	free(x->source);
	free(x->exercise);
	free(x->kind);
	free(x->note);
	x->origin = x->source = x->exercise = x->kind = x->note = NULL;
}

void expected_list_free(struct expected *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		expected_fini(&v[i]);
	free(v);
}
