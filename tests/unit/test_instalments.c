/* test_instalments.c: expected instalments beside the receipts
 * (FORECAST.md "expected versus received"): pairing by source, exercise
 * and kind in date order, late against today, receipts beyond the
 * instalments, groups nothing is expected in left out, and the checks of
 * an instalment typed by hand. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include "quotepart/date.h"
#include "quotepart/expected.h"

static int32_t day(const char *s)
{
	int32_t d;
	cr_assert_eq(date_parse(s, &d), ST_OK, "%s", s);
	return d;
}

static struct expected inst(int64_t id, const char *source, const char *kind, const char *due, int64_t cents)
{
	return (struct expected){ id, (char *)"manual", (char *)source, (char *)"2025", (char *)kind, day(due), cents,
		                      NULL };
}

static struct receipt got(int64_t id, const char *source, const char *kind, const char *on, int64_t cents)
{
	return (struct receipt){ id, (char *)source, (char *)kind, (char *)"2025", day("2025-01-01"),
		                     day("2025-12-31"), day(on), cents, NULL, NULL };
}

Test(instalments, quarters_pair_in_date_order_and_late_is_counted_on_today)
{
	/* Given out of order: the earliest due takes the earliest received. */
	struct expected x[] = {
		inst(3, "PEPS", "quarterly", "2025-10-15", 2300000),
		inst(1, "PEPS", "quarterly", "2025-04-15", 2300000),
		inst(2, "PEPS", "quarterly", "2025-07-15", 2300000),
		inst(4, "PEPS", "quarterly", "2026-01-15", 2300000),
	};
	struct receipt r[] = {
		got(11, "PEPS", "quarterly", "2025-07-20", 2298713),
		got(10, "PEPS", "quarterly", "2025-04-18", 2314587),
	};
	struct instalment *v;
	size_t n;
	cr_assert_eq(instalments_match(x, 4, r, 2, day("2025-12-01"), &v, &n), ST_OK);
	cr_assert_eq(n, 4);
	cr_assert_eq(v[0].x->id, 1);
	cr_assert_eq(v[0].r->id, 10);
	cr_assert_eq(v[0].difference, 14587);
	cr_assert_eq(v[0].state, INSTALMENT_RECEIVED);
	cr_assert_eq(v[1].x->id, 2);
	cr_assert_eq(v[1].r->id, 11);
	cr_assert_eq(v[1].difference, -1287);
	cr_assert_eq(v[2].x->id, 3);
	cr_assert_null(v[2].r);
	cr_assert_eq(v[2].state, INSTALMENT_LATE, "due 15/10, nothing by 01/12: late");
	cr_assert_eq(v[2].difference, -2300000);
	cr_assert_eq(v[3].state, INSTALMENT_COMING);
	free(v);
}

Test(instalments, due_today_is_not_late_yet)
{
	struct expected x[] = { inst(1, "ACI", "advance", "2025-04-30", 4088799) };
	struct instalment *v;
	size_t n;
	cr_assert_eq(instalments_match(x, 1, NULL, 0, day("2025-04-30"), &v, &n), ST_OK);
	cr_assert_eq(n, 1);
	cr_assert_eq(v[0].state, INSTALMENT_COMING);
	free(v);
	cr_assert_eq(instalments_match(x, 1, NULL, 0, day("2025-05-01"), &v, &n), ST_OK);
	cr_assert_eq(v[0].state, INSTALMENT_LATE);
	free(v);
}

Test(instalments, only_the_same_source_exercise_and_kind_match)
{
	struct expected x[] = { inst(1, "ACI", "balance", "2026-04-30", 3435189) };
	struct receipt r[] = {
		got(1, "ACI", "advance", "2025-04-28", 4923600),   /* another kind */
		got(2, "PEPS", "balance", "2026-04-02", 100),      /* another source */
		got(3, "ACI", "balance", "2026-04-29", 3317747),
	};
	r[1].exercise = (char *)"2025";
	struct receipt other_year = got(4, "ACI", "balance", "2025-04-29", 1);
	other_year.exercise = (char *)"2024";
	struct receipt all[] = { r[0], r[1], other_year, r[2] };
	struct instalment *v;
	size_t n;
	cr_assert_eq(instalments_match(x, 1, all, 4, day("2026-05-01"), &v, &n), ST_OK);
	cr_assert_eq(n, 1, "receipts of groups nothing is expected in are left out");
	cr_assert_eq(v[0].r->id, 3);
	cr_assert_eq(v[0].difference, 3317747 - 3435189);
	free(v);
}

Test(instalments, a_receipt_beyond_the_instalments_is_listed_as_not_expected)
{
	struct expected x[] = { inst(1, "IPEP", "seed", "2025-06-30", 2000000) };
	struct receipt r[] = {
		got(1, "IPEP", "seed", "2025-03-20", 2000000),
		got(2, "IPEP", "seed", "2025-09-01", 500000),
	};
	struct instalment *v;
	size_t n;
	cr_assert_eq(instalments_match(x, 1, r, 2, day("2025-12-31"), &v, &n), ST_OK);
	cr_assert_eq(n, 2);
	cr_assert_eq(v[0].state, INSTALMENT_RECEIVED);
	cr_assert_eq(v[1].state, INSTALMENT_UNEXPECTED);
	cr_assert_null(v[1].x);
	cr_assert_eq(v[1].expected, 0);
	cr_assert_eq(v[1].difference, 500000);
	free(v);
}

Test(instalments, a_difference_past_cents_is_refused)
{
	struct expected x[] = { inst(1, "ACI", "balance", "2026-04-30", INT64_MAX) };
	struct receipt r[] = { got(1, "ACI", "balance", "2026-04-29", -10) };
	struct instalment *v;
	size_t n;
	cr_assert_eq(instalments_match(x, 1, r, 1, day("2026-05-01"), &v, &n), ST_INVALID);
	cr_assert_null(v);
	cr_assert_eq(n, 0);
}

Test(instalments, nothing_expected_is_an_empty_list)
{
	struct receipt r[] = { got(1, "IPEP", "seed", "2025-03-20", 2000000) };
	struct instalment *v;
	size_t n;
	cr_assert_eq(instalments_match(NULL, 0, r, 1, day("2025-12-31"), &v, &n), ST_OK);
	cr_assert_eq(n, 0);
	free(v);
}

Test(instalments, a_typed_instalment_needs_its_fields)
{
	struct err e = ERR_INIT;
	struct expected x = inst(0, "IPEP", "seed", "2025-06-30", 100);
	cr_assert_eq(expected_validate(&x, &e), ST_OK);
	x.due = DATE_NONE;
	cr_assert_eq(expected_validate(&x, &e), ST_INVALID);
	cr_assert(strstr(err_text(&e), "due"), "%s", err_text(&e));
	err_fini(&e);
	x = inst(0, "IPEP", "", "2025-06-30", 100);
	cr_assert_eq(expected_validate(&x, &e), ST_INVALID);
	cr_assert(strstr(err_text(&e), "kind"), "%s", err_text(&e));
	err_fini(&e);
	x = inst(0, "IPEP", "seed", "2025-06-30", 100);
	x.note = (char *)"line\nbreak";
	cr_assert_eq(expected_validate(&x, &e), ST_INVALID);
	cr_assert(strstr(err_text(&e), "note"), "%s", err_text(&e));
	err_fini(&e);
}
