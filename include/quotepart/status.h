/* status.h: the one table of status codes, their exit codes and messages.
 *
 * Fallible functions return an enum status and fill out-parameters; the
 * detail of what went wrong (file, line, field) travels in a struct err
 * (err.h). The table is an X-macro so the enum, the sysexits code and the
 * message can never drift apart. */
#ifndef QUOTEPART_STATUS_H
#define QUOTEPART_STATUS_H

/* _(NAME, sysexits code, message) */
#define QP_STATUS_TABLE(_)                                                   \
	_(OK,        0,  "success")                                          \
	_(USAGE,     64, "wrong usage")                                      \
	_(INVALID,   65, "invalid data")                                     \
	_(NOTFOUND,  66, "not found")                                        \
	_(REFUSED,   65, "refused")                                          \
	_(OVERFLOW,  65, "amount out of range")                              \
	_(NOMEM,     71, "out of memory")                                    \
	_(IO,        74, "input/output error")                               \
	_(DB,        74, "database error")                                   \
	_(BUSY,      75, "database in use, try again")                       \
	_(READONLY,  73, "database is read-only")                            \
	_(FULL,      74, "disk full")                                        \
	_(NOTDB,     65, "not a quotepart database")                         \
	_(CONFIG,    78, "configuration error")                              \
	_(UNAVAILABLE, 69, "a part of the program is missing")               \
	_(FROZEN,    65, "approved data cannot change")                      \
	_(CORRUPT,   70, "inconsistency found")                              \
	_(INTERNAL,  70, "internal error")                                   \
	_(CANTCREAT, 73, "cannot write over that file")

#define QP_STATUS_ENUM(name, code, msg) ST_##name,
enum status { QP_STATUS_TABLE(QP_STATUS_ENUM) ST__COUNT };
#undef QP_STATUS_ENUM

/* The message (untranslated English; the caller passes it to gettext) and
 * the sysexits(3) exit code of a status. Both never return NULL/negative. */
const char *status_message(enum status st);
int status_exit_code(enum status st);

#endif
