/* err.h: an error carried up the layers: a status and a message.
 *
 * Lower layers never print: they fill a struct err and return its status;
 * the CLI or the TUI words it for the user. The message is heap-allocated
 * and owned by the struct; err_fini() frees it. */
#ifndef QUOTEPART_ERR_H
#define QUOTEPART_ERR_H

#include "quotepart/status.h"

struct err {
	enum status status;
	char *msg;   /* owned; NULL when no detail was given */
};

#define ERR_INIT { ST_OK, NULL }

/* Set status and a printf-style message (replacing any previous one).
 * Returns st, so that `return err_set(e, ST_INVALID, "...")` reads well.
 * e may be NULL: then only the status is returned. */
enum status err_set(struct err *e, enum status st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Prefix the current message with "prefix: " (e.g. a file name). */
void err_prefix(struct err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The message to show: the detail if any, else the status's message. */
const char *err_text(const struct err *e);

/* Free the message and reset to ST_OK. Safe on a zeroed struct. */
void err_fini(struct err *e);

#endif
