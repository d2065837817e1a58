/* err.c: error values with an owned message. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/err.h"
#include "quotepart/i18n.h"
#include "quotepart/text.h"

enum status err_set(struct err *e, enum status st, const char *fmt, ...)
{
	if (!e)
		return st;
	free(e->msg);
	e->msg = NULL;
	e->status = st;
	if (fmt) {
		va_list ap;
		va_start(ap, fmt);
		e->msg = str_vprintf(fmt, ap);
		va_end(ap);
	}
	return st;
}

void err_prefix(struct err *e, const char *fmt, ...)
{
	if (!e)
		return;
	va_list ap;
	va_start(ap, fmt);
	char *p = str_vprintf(fmt, ap);
	va_end(ap);
	if (!p)
		return;
	const char *rest = err_text(e);
	size_t n = strlen(p) + strlen(rest) + 3;
	char *s = malloc(n);
	if (s) {
		snprintf(s, n, "%s: %s", p, rest);
		free(e->msg);
		e->msg = s;
	}
	free(p);
}

const char *err_text(const struct err *e)
{
	if (e->msg)
		return e->msg;
	return _(status_message(e->status));
}

void err_fini(struct err *e)
{
	if (!e)
		return;
	free(e->msg);
	e->msg = NULL;
	e->status = ST_OK;
}
