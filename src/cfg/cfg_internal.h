/* cfg_internal.h: what the files of src/cfg share: where an error is
 * reported ("FILE:LINE: what", escaped) and with which status. */
#ifndef QUOTEPART_CFG_INTERNAL_H
#define QUOTEPART_CFG_INTERNAL_H

#include <libconfig.h>

#include "quotepart/err.h"

struct cfg_where {
	const char *name;    /* file name used in messages */
	struct err *e;
	enum status st;      /* ST_CONFIG for configuration, ST_INVALID for keys */
};

/* Fill w->e with "FILE:LINE: what" ("FILE: what" when the line is 0) and
 * return w->st. The message quotes what the file says, so it is escaped:
 * a control character in a file must not reach the user's terminal. */
enum status cfg_fail_line(const struct cfg_where *w, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* cfg_fail_line at the line of setting s (0 when s is NULL). */
enum status cfg_fail(const struct cfg_where *w, const config_setting_t *s, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
