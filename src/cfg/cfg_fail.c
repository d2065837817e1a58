/* cfg_fail.c: errors of configuration and key files, with file and line. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "cfg_internal.h"
#include "quotepart/text.h"

static enum status vfail(const struct cfg_where *w, unsigned line, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

static enum status vfail(const struct cfg_where *w, unsigned line, const char *fmt, va_list ap)
{
	struct sbuf b;
	sb_init(&b);
	if (line)
		sb_printf(&b, "%s:%u: ", w->name, line);
	else
		sb_printf(&b, "%s: ", w->name);
	sb_vprintf(&b, fmt, ap);
	bool ok = !b.failed;
	char *raw = sb_take(&b);
	char *msg = ok && raw ? text_escape(raw) : NULL;
	free(raw);
	if (!msg)
		return err_set(w->e, ST_NOMEM, NULL);
	err_set(w->e, w->st, "%s", msg);
	free(msg);
	return w->st;
}

enum status cfg_fail_line(const struct cfg_where *w, unsigned line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	enum status st = vfail(w, line, fmt, ap);
	va_end(ap);
	return st;
}

enum status cfg_fail(const struct cfg_where *w, const config_setting_t *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	enum status st = vfail(w, s ? (unsigned)config_setting_source_line(s) : 0, fmt, ap);
	va_end(ap);
	return st;
}
