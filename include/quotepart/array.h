/* array.h: arrays that grow, their size checked against overflow.
 *
 * An array is a pointer to its first element (NULL while empty), its
 * length, and usually its capacity; the caller owns it and frees it. */
#ifndef QUOTEPART_ARRAY_H
#define QUOTEPART_ARRAY_H

#include <stdbool.h>
#include <stddef.h>

/* Room in the array *v for at least `need` elements of `size` bytes; v is
 * the address of the array's pointer (a T ** passed as void *).
 * With cap, *cap is the capacity in elements: it at least doubles (16 the
 * first time), so that adding one element at a time stays cheap; nothing
 * happens when need <= *cap. With cap NULL the array keeps no spare room:
 * it is resized to exactly need elements (need 0: left as it is).
 * False when need x size does not fit in a size_t or memory runs out:
 * *v and *cap are then unchanged, the array as valid as before. */
bool array_grow(void *v, size_t *cap, size_t need, size_t size);

#endif
