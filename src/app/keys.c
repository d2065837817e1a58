/* keys.c: distribution keys, versioned: stored from a parsed key or
 * a key file, the examples, exported, read back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_internal.h"
#include "quotepart/date.h"
#include "quotepart/i18n.h"

/* ---- keys ---- */

/* Inside the transaction: the key's latest version is `expect` (0: the
 * name is free), else ST_REFUSED. */
static enum status expect_version(struct app *a, const char *name, int expect,
                                  struct err *e)
{
	char *old = NULL;
	int latest = 0;
	struct err tmp = ERR_INIT;
	enum status rc = db_key_latest(a->db, name, &old, &latest, NULL, &tmp);
	free(old);
	if (rc == ST_NOTFOUND)
		rc = ST_OK;
	else if (rc != ST_OK)
		err_set(e, rc, "%s", err_text(&tmp));
	err_fini(&tmp);
	if (rc == ST_OK && expect == 0 && latest)
		rc = err_set(e, ST_REFUSED, _("a key named \"%s\" already exists; nothing was saved"), name);
	else if (rc == ST_OK && latest != expect)
		rc = err_set(e, ST_REFUSED,
		             _("key \"%s\" was changed in another session since you opened it (version %d is now the latest); "
		               "nothing was saved: open it again"), name, latest);
	return rc;
}

enum status app_key_store(struct app *a, const struct key *k, int expect,
                          const char *action, const char *origin, int *version,
                          bool *is_new, struct err *e)
{
	/* Stored in the canonical form, so that the same key written
	 * differently makes no new version; and read back first as an import
	 * reads it, so that what is stored always reads. */
	struct sbuf body;
	sb_init(&body);
	keyfile_write(k, &body);
	char *text = sb_take(&body);
	if (!text)
		return err_set(e, ST_NOMEM, NULL);
	struct key *back = NULL;
	enum status rc = keyfile_parse(text, origin, a->cfg, &back, e);
	free(text);
	if (rc != ST_OK)
		return rc;
	keyfile_write(back, &body);
	key_free(back);
	if (!(text = sb_take(&body)))
		return err_set(e, ST_NOMEM, NULL);
	bool fresh = false;
	int v = 0;
	rc = db_begin(a->db, e);
	if (rc == ST_OK) {
		rc = expect >= 0 ? expect_version(a, k->name, expect, e) : ST_OK;
		if (rc == ST_OK)
			rc = db_key_save(a->db, k->name, text, &v, NULL, &fresh, e);
		if (rc == ST_OK && fresh)
			rc = app_audit(a, action, e, "%s version %d from %s", k->name, v, origin);
		if (rc == ST_OK)
			rc = db_commit(a->db, e);
		else
			db_rollback(a->db);
	}
	free(text);
	if (rc == ST_OK) {
		if (version)
			*version = v;
		if (is_new)
			*is_new = fresh;
	}
	return rc;
}

enum status app_key_save_text(struct app *a, const char *text,
                              const char *origin, char **name, int *version,
                              bool *is_new, struct err *e)
{
	struct key *k = NULL;
	if (name)
		*name = NULL;
	enum status rc = keyfile_parse(text, origin, a->cfg, &k, e);
	if (rc != ST_OK)
		return rc;
	rc = app_key_store(a, k, -1, "key import", origin, version, is_new, e);
	if (rc == ST_OK && name && !(*name = strdup(k->name)))
		rc = err_set(e, ST_NOMEM, NULL);
	key_free(k);
	return rc;
}

enum status app_key_file_read(const char *path, char **out, struct err *e)
{
	*out = NULL;
	struct sbuf b;
	sb_init(&b);
	int err_no;
	enum status st = text_read_file(path, KEY_FILE_MAX, &b, &err_no);
	if (st == ST_NOTFOUND || st == ST_IO)
		return err_set(e, ST_IO, "%s: %s", path, strerror(err_no));
	if (st == ST_INVALID)
		return err_set(e, ST_INVALID, _("%s: too large for a key file"), path);
	if (st != ST_OK)
		return err_set(e, st, NULL);
	if (b.len && memchr(b.s, '\0', b.len)) {
		sb_fini(&b);
		return err_set(e, ST_INVALID, _("%s: not a text file"), path);
	}
	if (!(*out = sb_take(&b)))
		return err_set(e, ST_NOMEM, NULL);
	return ST_OK;
}

enum status app_key_import(struct app *a, const char *path, char **name,
                           int *version, bool *is_new, struct err *e)
{
	char *text;
	enum status rc = app_read_check(a, path, e);
	if (rc == ST_OK)
		rc = app_key_file_read(path, &text, e);
	if (rc != ST_OK)
		return rc;
	rc = app_key_save_text(a, text, path, name, version, is_new, e);
	free(text);
	return rc;
}

enum status app_key_examples(struct app *a, size_t *count, struct err *e)
{
	*count = 0;
	for (size_t i = 0; i < qp_n_example_keys; i++) {
		enum status rc = app_key_save_text(a, qp_example_keys[i].text, qp_example_keys[i].file,
		                                   NULL, NULL, NULL, e);
		if (rc != ST_OK)
			return rc;
		(*count)++;
	}
	return ST_OK;
}

enum status app_key_export(struct app *a, const char *name, struct sbuf *out,
                           struct err *e)
{
	char *body = NULL;
	enum status rc = db_key_latest(a->db, name, &body, NULL, NULL, e);
	if (rc == ST_OK)
		sb_add(out, body);
	free(body);
	return rc;
}

enum status app_key_get(struct app *a, const char *name, struct key **k,
                        int64_t *version_id, struct err *e)
{
	char *body = NULL;
	int version = 0;
	*k = NULL;
	enum status rc = db_key_latest(a->db, name, &body, &version, version_id, e);
	if (rc == ST_OK) {
		rc = keyfile_parse(body, name, a->cfg, k, e);
		if (rc == ST_OK)
			(*k)->version = version;
		else
			err_prefix(e, _("stored key \"%s\" no longer reads with this configuration"), name);
	}
	free(body);
	return rc;
}
