/* config.h: the configuration: codes for professions and their groups,
 * member statuses, funding sources, receipt kinds, activity kinds, ALD
 * categories; and the key file format (ALLOCATION.md).
 *
 * Only src/cfg/ includes <libconfig.h>. A loaded config is immutable and
 * owned by the caller (config_free). */
#ifndef QUOTEPART_CONFIG_H
#define QUOTEPART_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "quotepart/err.h"
#include "quotepart/key.h"
#include "quotepart/text.h"

struct cfg_item {
	char *code;
	char *group;      /* professions only: the group code; else NULL */
	char *label_en;
	char *label_fr;
};

struct codelist {
	struct cfg_item *v;
	size_t n;
};

/* The accounts of the FEC journal (the "accounts" group): numbers of the
 * French chart of accounts (PCG), digits first (the class), then digits
 * or capital letters. */
struct config_source_account {
	char *source;     /* a source code */
	char *account;
};

struct config_accounts {
	char *bank;       /* class 5: receipts in, payments out */
	char *allocation; /* debited by an approved distribution */
	char *associates; /* members of status "associate": class 4 */
	char *others;     /* every other member: class 4 */
	char *posts;      /* reservations to post:CODE */
	char *operating;  /* reservations to operating costs (and any other
	                   * account a key reserves to) */
	char *revenue;    /* class 7: a source that has no account below */
	struct config_source_account *sources;
	size_t n_sources;
};

struct config {
	char *path;                   /* the user file loaded, NULL if none */
	struct config_accounts accounts;
	struct codelist professions;
	struct codelist groups;
	struct codelist statuses;
	struct codelist sources;
	struct codelist receipt_kinds;
	struct codelist activity_kinds;
	struct codelist ald;
};

/* Load the configuration: the compiled-in default (config/quotepart.cfg),
 * then, overlaid by code (a user entry with an existing code replaces its
 * labels; a new code is added), the first file found of: `path` when not
 * NULL, $QUOTEPART_CONFIG, $XDG_CONFIG_HOME/quotepart/quotepart.cfg
 * (~/.config when unset), SYSCONFDIR/quotepart/quotepart.cfg. An explicit
 * path that does not exist is an error; the others are optional. Errors
 * (ST_CONFIG) read "FILE:LINE: what". */
enum status config_load(const char *path, struct config **out, struct err *e);
void config_free(struct config *c);

/* The item of that code, or NULL. */
const struct cfg_item *config_find(const struct codelist *l, const char *code);
/* The item of that code, else the one with that label in English or in
 * French (ASCII letters in any case: "Avance", "advance"), or NULL. */
const struct cfg_item *config_find_text(const struct codelist *l, const char *text);

/* The revenue account of a source: its own, else accounts.revenue. */
const char *config_source_account(const struct config *c, const char *source);

/* The label in the current language (French when i18n_is_french()). */
const char *config_label(const struct cfg_item *it);

/* Parse a key file (ALLOCATION.md "Key files"). `name` is used in
 * messages ("FILE:LINE: what"); text is the whole file. Checks: unknown
 * settings, rates (at most two decimals) adding up to 100, bases,
 * professions, groups, statuses and kinds against the config, amounts in
 * the money format, no empty filter list nor empty rates or points, no
 * NIR as a member or post code. Numbers are read exactly as written,
 * whatever their size (libconfig alone would wrap 4294967297 to 1): one
 * beyond what its setting allows is refused. Member codes are not looked
 * up: keys travel between practices (app_distribute checks them). On
 * success *out is a new key (key_free). */
enum status keyfile_parse(const char *text, const char *name,
                          const struct config *cfg, struct key **out,
                          struct err *e);

/* Read and parse a key file from disk. */
enum status keyfile_load(const char *path, const struct config *cfg,
                         struct key **out, struct err *e);

/* Write a key in the key file format, such that keyfile_parse gives back
 * an equal key. Appends to b. */
void keyfile_write(const struct key *k, struct sbuf *b);

#endif
