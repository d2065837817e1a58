/* test_array.c: arrays that grow (array.h): capacity doubling, exact
 * resizing, and sizes that would overflow refused with the array kept. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>

#include "quotepart/array.h"

Test(array, grows_by_doubling_from_16)
{
	int *v = NULL;
	size_t cap = 0;
	cr_assert(array_grow(&v, &cap, 1, sizeof *v));
	cr_assert_not_null(v);
	cr_assert_eq(cap, 16);
	for (int i = 0; i < 16; i++)
		v[i] = i;
	int *before = v;
	cr_assert(array_grow(&v, &cap, 16, sizeof *v));
	cr_assert_eq(v, before, "no reallocation while it fits");
	cr_assert_eq(cap, 16);
	cr_assert(array_grow(&v, &cap, 17, sizeof *v));
	cr_assert_eq(cap, 32);
	cr_assert(array_grow(&v, &cap, 100, sizeof *v));
	cr_assert_eq(cap, 128);
	for (int i = 0; i < 16; i++)
		cr_assert_eq(v[i], i, "the elements are kept");
	free(v);
}

Test(array, appends_one_at_a_time)
{
	size_t *v = NULL, n = 0, cap = 0;
	for (size_t i = 0; i < 1000; i++) {
		cr_assert(array_grow(&v, &cap, n + 1, sizeof *v));
		v[n++] = i;
	}
	cr_assert_geq(cap, n);
	for (size_t i = 0; i < n; i++)
		cr_assert_eq(v[i], i);
	free(v);
}

Test(array, without_a_capacity_resizes_exactly)
{
	char *s = NULL;
	cr_assert(array_grow(&s, NULL, 0, 1));
	cr_assert_null(s, "nothing asked, nothing allocated");
	cr_assert(array_grow(&s, NULL, 3, 1));
	s[0] = 'a';
	s[1] = 'b';
	s[2] = '\0';
	cr_assert(array_grow(&s, NULL, 5, 1));
	cr_assert_str_eq(s, "ab");
	free(s);
}

Test(array, overflow_is_refused_and_the_array_kept)
{
	int64_t *v = NULL;
	size_t cap = 0;
	cr_assert(array_grow(&v, &cap, 4, sizeof *v));
	v[3] = 42;
	int64_t *before = v;
	cr_assert_not(array_grow(&v, &cap, SIZE_MAX / sizeof *v + 1, sizeof *v));
	cr_assert_not(array_grow(&v, &cap, SIZE_MAX, sizeof *v));
	cr_assert_not(array_grow(&v, NULL, SIZE_MAX / 2 + 1, 2));
	cr_assert_eq(v, before);
	cr_assert_eq(cap, 16);
	cr_assert_eq(v[3], 42);
	free(v);
}
