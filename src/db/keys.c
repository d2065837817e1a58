/* keys.c: keys and their immutable versions. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db_internal.h"
#include "quotepart/i18n.h"

static void now_iso(char *buf, size_t n)
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

enum status db_key_latest(struct db *db, const char *name, char **body,
                          int *version, int64_t *version_id, struct err *e)
{
	sqlite3_stmt *st;
	*body = NULL;
	enum status rc = db_prepare(db,
		"SELECT v.body, v.version, v.id FROM key_versions v JOIN keys k ON k.id = v.key_id "
		"WHERE k.name = ? ORDER BY v.version DESC LIMIT 1;", &st, e);
	if (rc != ST_OK)
		return rc;
	db_bind_text(st, 1, name);
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		*body = db_col_text(st, 0);
		if (version)
			*version = sqlite3_column_int(st, 1);
		if (version_id)
			*version_id = sqlite3_column_int64(st, 2);
		if (!*body)
			rc = err_set(e, ST_NOMEM, NULL);
	} else if (r == SQLITE_DONE) {
		rc = err_set(e, ST_NOTFOUND, _("no key named \"%s\" (see 'quotepart key list')"), name);
	} else {
		rc = db_fail(db, e, _("reading keys"));
	}
	sqlite3_finalize(st);
	return rc;
}

enum status db_key_version(struct db *db, int64_t version_id, char **name,
                           char **body, int *version, struct err *e)
{
	sqlite3_stmt *st;
	*body = NULL;
	if (name)
		*name = NULL;
	enum status rc = db_prepare(db,
		"SELECT v.body, v.version, k.name FROM key_versions v JOIN keys k ON k.id = v.key_id "
		"WHERE v.id = ?;", &st, e);
	if (rc != ST_OK)
		return rc;
	sqlite3_bind_int64(st, 1, version_id);
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		*body = db_col_text(st, 0);
		if (version)
			*version = sqlite3_column_int(st, 1);
		if (name)
			*name = db_col_text(st, 2);
	} else if (r == SQLITE_DONE) {
		rc = err_set(e, ST_NOTFOUND, _("no key version %lld"), (long long)version_id);
	} else {
		rc = db_fail(db, e, _("reading keys"));
	}
	sqlite3_finalize(st);
	return rc;
}

enum status db_key_save(struct db *db, const char *name, const char *body,
                        int *version, int64_t *version_id, bool *is_new,
                        struct err *e)
{
	char *old = NULL;
	int v = 0;
	int64_t vid = 0;
	struct err tmp = ERR_INIT;
	enum status rc = db_key_latest(db, name, &old, &v, &vid, &tmp);
	err_fini(&tmp);
	if (rc != ST_OK && rc != ST_NOTFOUND)
		return db_key_latest(db, name, &old, &v, &vid, e);
	bool same = old && strcmp(old, body) == 0;
	free(old);
	if (is_new)
		*is_new = !same;
	if (same) {
		if (version)
			*version = v;
		if (version_id)
			*version_id = vid;
		return ST_OK;
	}
	rc = db_exec_texts(db, "INSERT INTO keys (name) VALUES (?) ON CONFLICT (name) DO NOTHING;", name, NULL,
	                   _("writing keys"), e);
	if (rc != ST_OK)
		return rc;
	sqlite3_stmt *st;
	char created[32];
	now_iso(created, sizeof created);
	rc = db_prepare(db,
		"INSERT INTO key_versions (key_id, version, created, body) "
		"SELECT id, ?, ?, ? FROM keys WHERE name = ? RETURNING id;", &st, e);
	if (rc != ST_OK)
		return rc;
	sqlite3_bind_int(st, 1, v + 1);
	db_bind_text(st, 2, created);
	db_bind_text(st, 3, body);
	db_bind_text(st, 4, name);
	if (sqlite3_step(st) == SQLITE_ROW) {
		if (version)
			*version = v + 1;
		if (version_id)
			*version_id = sqlite3_column_int64(st, 0);
		sqlite3_step(st);
	} else {
		rc = db_fail(db, e, _("writing keys"));
	}
	sqlite3_finalize(st);
	return rc;
}

static enum status read_key_info(sqlite3_stmt *st, void *elem, struct err *e)
{
	struct key_info *k = elem;
	k->name = db_col_text(st, 0);
	k->versions = sqlite3_column_int(st, 1);
	k->created = db_col_text(st, 2);
	k->uses = sqlite3_column_int64(st, 3);
	return db_copied(k->name && k->created, e);
}

static void key_info_fini_v(void *elem) { key_info_fini(elem); }

enum status db_keys(struct db *db, struct key_info **out, size_t *n,
                    struct err *e)
{
	return db_query_rows(db,
		"SELECT k.name, max(v.version), max(v.created),"
		" (SELECT count(*) FROM distributions d JOIN key_versions w ON w.id = d.key_version_id WHERE w.key_id = k.id) "
		"FROM keys k JOIN key_versions v ON v.key_id = k.id GROUP BY k.id ORDER BY k.name;",
		sizeof **out, read_key_info, key_info_fini_v, _("reading keys"), out, n, e);
}

