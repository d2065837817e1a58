/* array.c: arrays that grow (array.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/array.h"

bool array_grow(void *v, size_t *cap, size_t need, size_t size)
{
	if ((cap && need <= *cap) || (!cap && need == 0))
		return true;
	if (size == 0 || need > SIZE_MAX / size)
		return false;
	size_t n = need;
	if (cap) {
		size_t c = *cap ? *cap : 16;
		while (c < need && c <= SIZE_MAX / 2)
			c *= 2;
		/* Doubling past what fits: exactly what is needed. */
		if (c >= need && c <= SIZE_MAX / size)
			n = c;
	}
	/* The caller's pointer is read and written as bytes: it is a T *,
	 * not a void *. */
	void *old, *nv;
	memcpy(&old, v, sizeof old);
	if (!(nv = realloc(old, n * size)))
		return false;
	memcpy(v, &nv, sizeof nv);
	if (cap)
		*cap = n;
	return true;
}
