/* cfg_internal.h: what the files of src/cfg share: where an error is
 * reported ("FILE:LINE: what", escaped) and with which status. */
#ifndef QUOTEPART_CFG_INTERNAL_H
#define QUOTEPART_CFG_INTERNAL_H

#include <libconfig.h>
#include <stdbool.h>
#include <stdint.h>

#include "quotepart/err.h"
#include "quotepart/text.h"

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

/* The name a message gives setting s: its own, or for an element of a
 * list or an array (which has none) that of the nearest named setting
 * holding it ("age" for the 200 of age = [ 200, 5 ]); "" for the root. */
const char *cfg_name(const config_setting_t *s);

/* The numeric literals of a file, as written (cfg_number.c). */
struct cfg_numbers {
	char **v;
	size_t n;
};

/* Copy text for libconfig with every numeric literal replaced by its
 * index as a 64-bit literal ("3L"), the literal itself kept in *nums:
 * libconfig 1.5 would wrap 4294967297 to 1. Lines do not move. *out is a
 * new string; ST_NOMEM is the only failure. Free nums with
 * cfg_numbers_fini. */
enum status cfg_numbers_prepare(const char *text, char **out, struct cfg_numbers *nums);
void cfg_numbers_fini(struct cfg_numbers *nums);

/* The literal a numeric setting of a prepared text was written as
 * ("4294967297", "12.5e1", "0x1F"); NULL when s is no number. */
const char *cfg_number_text(const struct cfg_numbers *nums, const config_setting_t *s);

enum cfg_num {
	CFG_NUM_OK,
	CFG_NUM_NOT_NUMBER,   /* "." */
	CFG_NUM_DECIMALS,     /* more decimals than asked */
	CFG_NUM_RANGE,        /* beyond int64 once scaled */
};

/* A literal's exact value scaled by 10^places ("12.5", 2 -> 1250;
 * "1e3", 2 -> 100000; "0x10" -> 1600). CFG_NUM_RANGE sets *out to
 * INT64_MAX or INT64_MIN by the sign, so that a caller's range check
 * words it; the other refusals leave *out alone. */
enum cfg_num cfg_literal_value(const char *lit, int places, int64_t *out);

/* A file being read: where faults are reported, its numbers as
 * written, and libconfig's tree. */
struct cfg_ctx {
	struct cfg_where w;
	struct cfg_numbers nums;
	config_t cf;
};

/* Parse text into c->cf (c->w set by the caller): an @include line is
 * refused with include_msg (libconfig would read any file it names), a
 * syntax error names its line. cfg_doc_fini after, whatever the result. */
enum status cfg_doc_read(struct cfg_ctx *c, const char *text, const char *include_msg);
void cfg_doc_fini(struct cfg_ctx *c);

/* The whole text of the file at path into b: "cannot read", "PATH:
 * too_large" beyond max bytes, "not a text file" with a NUL byte. */
enum status cfg_load_text(const char *path, size_t max, const char *too_large,
                          struct sbuf *b, struct err *e);

/* One setting read, a fault reported at its line. */
/* A number with at most two decimals as hundredths: 12.5 -> 1250, "30,5"
 * -> 3050, read from what the file says, never from libconfig's int or
 * double. ST_OVERFLOW, nothing said yet, beyond 64 bits: *out is then
 * INT64_MIN or INT64_MAX by its sign, so that the caller says what the
 * setting allows. *text is what was written, for messages. */
enum status cfg_read_hundredths(struct cfg_ctx *c, const config_setting_t *s,
                                const char *what, int64_t *out, const char **text);
/* The same with `places` decimals at most (2 or 4), scaled by 10^places. */
enum status cfg_read_decimal(struct cfg_ctx *c, const config_setting_t *s, const char *what,
                             int places, int64_t *out, const char **text);
/* A non-empty string without control characters (replacing *out). */
enum status cfg_read_text(struct cfg_ctx *c, const config_setting_t *s, char **out);
/* A string in the money format, more than zero. */
enum status cfg_read_amount(struct cfg_ctx *c, const config_setting_t *s, int64_t *out);
/* A string in the money format, zero allowed (zero true) or not. */
enum status cfg_read_money(struct cfg_ctx *c, const config_setting_t *s, bool zero, int64_t *out);
/* A string, pointing into the tree. */
enum status cfg_read_choice(struct cfg_ctx *c, const config_setting_t *s, const char **out);
/* A whole number of the file as written, in [min, max]. */
enum status cfg_read_int(struct cfg_ctx *c, const config_setting_t *s, int64_t min,
                         int64_t max, int64_t *out);
enum status cfg_read_bool(struct cfg_ctx *c, const config_setting_t *s, bool *out);
/* A percentage with at most two decimals, 0 to 100, in basis points. */
enum status cfg_read_percent(struct cfg_ctx *c, const config_setting_t *s, int32_t *out);
/* The settings of group g by name: found[i] is the setting called
 * names[i], or NULL; any other name is refused at its line. */
enum status cfg_walk(struct cfg_ctx *c, const config_setting_t *g, const char *const *names,
                     size_t n, const config_setting_t **found);
/* The "accounts" group g of a configuration file merged into *a (a
 * setting given replaces the one before; a source's account is matched
 * by code): each an account number, a source one of `sources`
 * (accounts.c). */
struct codelist;
struct config_accounts;
enum status cfg_accounts_read(const struct cfg_where *w, const config_setting_t *g,
                              const struct codelist *sources, struct config_accounts *a);
void cfg_accounts_fini(struct config_accounts *a);

/* The file's one top-level group, called name: anything else refused. */
enum status cfg_root(struct cfg_ctx *c, const char *name, const config_setting_t **out);

#endif
