/* test_writers.c: without its writers module, a PDF or XLSX report fails
 * with ST_UNAVAILABLE (exit code 69) and a message naming the module, and
 * writes nothing; text and CSV need no module. This program defines the
 * module's path itself, a file that does not exist, in place of the one
 * the Makefile generates. */
#include <criterion/criterion.h>
#include <string.h>
#include <unistd.h>

#include "quotepart/reports.h"

#include "support.h"

extern const char qp_writers_path[];
const char qp_writers_path[] = "/nonexistent/quotepart-writers.so";

/* An empty summary: the reports fail before reading it. */
static struct rep_summary empty(void)
{
	struct rep_summary s;
	memset(&s, 0, sizeof s);
	s.year = 2025;
	return s;
}

Test(writers, pdf_without_module)
{
	struct rep_summary s = empty();
	struct err e = ERR_INIT;
	struct sbuf b;
	sb_init(&b);
	cr_assert_eq(rep_summary(&s, REP_PDF, &b, &e), ST_UNAVAILABLE);
	cr_assert_eq(status_exit_code(e.status), 69);
	cr_assert_not_null(strstr(err_text(&e), "PDF output needs the report module /nonexistent/quotepart-writers.so: "),
	                   "%s", err_text(&e));
	cr_assert_eq(b.len, 0u, "nothing written");
	/* Asked again: the same answer, no crash. */
	cr_assert_eq(rep_summary(&s, REP_PDF, &b, &e), ST_UNAVAILABLE);
	cr_assert_eq(rep_summary(&s, REP_TEXT, &b, &e), ST_OK, "%s", err_text(&e));
	sb_fini(&b);
	err_fini(&e);
}

Test(writers, xlsx_without_module)
{
	support_setup("writers");
	struct rep_summary s = empty();
	struct err e = ERR_INIT;
	char *x = support_path("summary.xlsx");
	cr_assert_eq(rep_summary_xlsx(&s, x, &e), ST_UNAVAILABLE);
	cr_assert_not_null(strstr(err_text(&e), "XLSX output needs the report module /nonexistent/quotepart-writers.so: "),
	                   "%s", err_text(&e));
	cr_assert_neq(access(x, F_OK), 0, "no file");
	free(x);
	err_fini(&e);
	support_teardown();
}
