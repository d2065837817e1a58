/* db.c: opening, checking, migrating; transactions, backup, settings,
 * integrity. The statement helpers are in stmt.c, the audit log in audit.c. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db_internal.h"
#include "quotepart/file.h"
#include "quotepart/i18n.h"

#define DB_BUSY_TIMEOUT_MS 10000

static enum status exec(struct db *db, const char *sql, struct err *e)
{
	if (sqlite3_exec(db->h, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, e, _("database"));
	return ST_OK;
}

static enum status pragma_int(struct db *db, const char *sql, int64_t *out,
                              struct err *e)
{
	sqlite3_stmt *st;
	enum status rc = db_prepare(db, sql, &st, e);
	if (rc != ST_OK)
		return rc;
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		*out = sqlite3_column_int64(st, 0);
		rc = ST_OK;
	} else {
		rc = db_fail(db, e, _("reading the database"));
	}
	sqlite3_finalize(st);
	return rc;
}

/* Look at the first bytes before SQLite does: a text file or a truncated
 * file must be refused without SQLite ever writing to it. */
static enum status check_header(const char *path, bool *exists, unsigned *perm,
                                struct err *e)
{
	struct stat sb;
	*exists = false;
	if (lstat(path, &sb) != 0) {
		if (errno == ENOENT)
			return ST_OK;
		return err_set(e, ST_IO, _("%s: %s"), path, strerror(errno));
	}
	/* SQLite keeps the journal beside the name it is given: through a
	 * link, two names could give one database two journals. */
	if (S_ISLNK(sb.st_mode))
		return err_set(e, ST_NOTDB, _("%s: a symbolic link; give the path of the database file itself"), path);
	*exists = true;
	*perm = (unsigned)(sb.st_mode & 07777);
	if (!S_ISREG(sb.st_mode))
		return err_set(e, ST_NOTDB, _("%s: not a regular file"), path);
	if (sb.st_size == 0)
		return ST_OK;   /* an empty file: a new database, checked by mode */
	/* Open here already, so checked: reading it again would close a
	 * descriptor of it, which drops the locks SQLite holds on it for the
	 * other connection, and another program could then delete the -wal
	 * under it. */
	if (db_file_held(&sb))
		return ST_OK;
	static const char magic[16] = "SQLite format 3";
	char head[16];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return err_set(e, ST_IO, _("%s: %s"), path, strerror(errno));
	ssize_t n = read(fd, head, sizeof head);
	close(fd);
	if (n != (ssize_t)sizeof head || memcmp(head, magic, sizeof head) != 0)
		return err_set(e, ST_NOTDB, _("%s: not a quotepart database (not an SQLite file)"), path);
	return ST_OK;
}

/* Every pending migration runs in one transaction: a file killed or
 * failing midway keeps the version it had, so a new database is absent,
 * empty or complete, and an upgrade is all or nothing. */
static enum status migrate(struct db *db, int64_t from, struct err *e)
{
	enum status rc = db_begin(db, e);
	if (rc != ST_OK)
		return rc;
	for (size_t i = 0; i < db_n_migrations; i++) {
		const struct db_migration *m = &db_migrations[i];
		if (m->version <= from)
			continue;
		char sql[96];
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d;", m->version);
		if ((rc = exec(db, m->sql, e)) != ST_OK ||
		    (m->version == 1 &&
		     (rc = exec(db, "PRAGMA application_id = 1364214098;", e)) != ST_OK) ||
		    (rc = exec(db, sql, e)) != ST_OK) {
			err_prefix(e, _("upgrading the database to version %d"), m->version);
			db_rollback(db);
			return rc;
		}
	}
	return db_commit(db, e);
}

/* Whether the database holds no table at all (a new file). */
static enum status is_empty(struct db *db, bool *empty, struct err *e)
{
	int64_t n = 0;
	enum status rc = pragma_int(db, "SELECT count(*) FROM sqlite_schema;", &n, e);
	*empty = n == 0;
	return rc;
}

static enum status check_identity(struct db *db, enum db_mode mode,
                                  int64_t *version, struct err *e)
{
	int64_t appid = 0;
	bool empty;
	enum status rc;
	if ((rc = pragma_int(db, "PRAGMA application_id;", &appid, e)) != ST_OK ||
	    (rc = pragma_int(db, "PRAGMA user_version;", version, e)) != ST_OK ||
	    (rc = is_empty(db, &empty, e)) != ST_OK)
		return rc;
	if (empty && appid == 0 && *version == 0) {
		if (mode != DB_CREATE)
			return err_set(e, ST_NOTDB, _("%s: an empty database; create one with 'quotepart init' or 'quotepart demo'"), db->path);
		return ST_OK;
	}
	if (appid != DB_APPLICATION_ID)
		return err_set(e, ST_NOTDB, _("%s: an SQLite database of another application; it was not changed"), db->path);
	if (*version > DB_SCHEMA_VERSION)
		return err_set(e, ST_NOTDB, _("%s: made by a newer quotepart (schema %lld, this program knows %d); it was not changed"),
		               db->path, (long long)*version, DB_SCHEMA_VERSION);
	return ST_OK;
}

/* Whether every migration after `version` leaves a database that a reader
 * of `version` can read (they only add indexes). */
static bool readers_can_open(int64_t version)
{
	if (version < 1)
		return false;
	for (size_t i = 0; i < db_n_migrations; i++)
		if (db_migrations[i].version > version && !db_migrations[i].readers_compatible)
			return false;
	return true;
}

static enum status quick_check(struct db *db, struct err *e)
{
	sqlite3_stmt *st;
	enum status rc = db_prepare(db, "PRAGMA quick_check;", &st, e);
	if (rc != ST_OK)
		return rc;
	int r = sqlite3_step(st);
	if (r != SQLITE_ROW) {
		rc = db_fail(db, e, _("checking the database"));
	} else {
		const char *res = (const char *)sqlite3_column_text(st, 0);
		if (!res || strcmp(res, "ok") != 0)
			rc = err_set(e, ST_CORRUPT, _("%s: the database is damaged: %s"), db->path, res ? res : "?");
	}
	sqlite3_finalize(st);
	return rc;
}

/* PATH with SUFFIX appended (the names of SQLite's side files), or NULL. */
static char *side_path(const char *path, const char *suffix)
{
	size_t n = strlen(path) + strlen(suffix) + 1;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s%s", path, suffix);
	return p;
}

/* SQLite gives the -wal and -shm it creates the database's own mode: a
 * read-only command on a 0400 database leaves a 0400 -shm, and once the
 * database is writable again every writer would fail on it. They hold
 * nothing that is not the database's, so a writer that owns them makes
 * them writable for their owner. */
static void unlock_side_files(const char *path)
{
	static const char *const suffixes[] = { "-wal", "-shm" };
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		char *p = side_path(path, suffixes[i]);
		struct stat sb;
		if (p && lstat(p, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    sb.st_uid == geteuid() && !(sb.st_mode & S_IWUSR))
			(void)chmod(p, 0600);   /* if it fails, SQLite says so */
		free(p);
	}
}

/* Whether the folder holding PATH may be written by this user. */
static bool folder_writable(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return access(".", W_OK) == 0;
	if (slash == path)
		return access("/", W_OK) == 0;
	char *dir = strndup(path, (size_t)(slash - path));
	bool ok = dir && access(dir, W_OK) == 0;
	free(dir);
	return ok;
}

/* A change interrupted midway (a hot rollback journal, or a WAL that needs
 * recovery) must be undone before anyone reads, and a read-only connection
 * cannot undo it. A read-write connection does so on its first read, as
 * SQLite does at any open: the data goes back to its last commit. */
static bool needs_recovery(struct db *db)
{
	int x = sqlite3_extended_errcode(db->h);
	return x == SQLITE_READONLY_ROLLBACK || x == SQLITE_READONLY_RECOVERY;
}

static enum status recover(const char *path, struct err *e)
{
	sqlite3 *h = NULL;
	mode_t old = umask(077);
	int r = sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW |
	                        SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_NOMUTEX, NULL);
	if (r == SQLITE_OK) {
		sqlite3_busy_timeout(h, DB_BUSY_TIMEOUT_MS);
		r = sqlite3_exec(h, "SELECT count(*) FROM sqlite_schema;", NULL, NULL, NULL);
	}
	umask(old);
	enum status rc = ST_OK;
	if (r != SQLITE_OK)
		rc = err_set(e, ST_IO, _("%s: undoing an interrupted change: %s"), path,
		             h ? sqlite3_errmsg(h) : sqlite3_errstr(r));
	sqlite3_close(h);
	return rc;
}

/* Say why a read-only connection could not read, where SQLite's own words
 * ("attempt to write a readonly database", "unable to open") would
 * mislead. */
static enum status explain_unreadable(struct db *db, enum status rc, struct err *e)
{
	if (!db->readonly)
		return rc;
	if (needs_recovery(db))
		return err_set(e, ST_READONLY, _("%s: a change was interrupted midway and must be undone before it can be read, which needs write access; open it once as a user who may write it"), db->path);
	int x = sqlite3_extended_errcode(db->h);
	if ((x == SQLITE_READONLY_CANTINIT || x == SQLITE_READONLY_DIRECTORY ||
	     (x & 0xff) == SQLITE_CANTOPEN) && !folder_writable(db->path))
		return err_set(e, ST_READONLY, _("%s: cannot be read from a folder this user may not write: SQLite needs its shared-memory file (%s-shm) beside the database; copy the database to a folder of yours, or have the folder made writable"), db->path, db->path);
	return rc;
}

/* SQLite's open flags for mode (never DB_OPEN_DEFER_CHECK here); sets
 * db->readonly when the database will be read only. */
static int open_flags(struct db *db, const char *path, enum db_mode mode, bool exists)
{
	/* One connection per thread: SQLite need not lock it on every call. */
	int flags = SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_NOMUTEX;
	if (mode == DB_READONLY) {
		flags |= SQLITE_OPEN_READONLY;
		db->readonly = true;
	} else {
		flags |= SQLITE_OPEN_READWRITE;
		if (mode == DB_CREATE)
			flags |= SQLITE_OPEN_CREATE;
		/* A file we may not write is opened read-only and said so,
		 * rather than failing at the first change. */
		if (exists && access(path, W_OK) != 0) {
			flags = (flags & ~(SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) | SQLITE_OPEN_READONLY;
			db->readonly = true;
		}
	}
	return flags;
}

static enum status open_db(const char *path, enum db_mode mode, bool may_recover,
                           struct db **out, struct err *e)
{
	*out = NULL;
	bool exists;
	unsigned perm = 0600;
	enum status rc = check_header(path, &exists, &perm, e);
	if (rc != ST_OK)
		return rc;
	if (!exists && mode != DB_CREATE)
		return err_set(e, ST_NOTFOUND, _("%s: no database here; create one with 'quotepart init' or 'quotepart demo'"), path);

	struct db *db = calloc(1, sizeof *db);
	if (!db || !(db->path = strdup(path))) {
		free(db);
		return err_set(e, ST_NOMEM, NULL);
	}
	db->perm = perm;
	bool defer = mode == DB_OPEN_DEFER_CHECK;
	bool unchecked = mode == DB_READONLY_UNCHECKED;
	if (defer)
		mode = DB_OPEN;
	if (unchecked)
		mode = DB_READONLY;
	int flags = open_flags(db, path, mode, exists);
	if (!db->readonly)
		unlock_side_files(path);
	/* New files (the database, its WAL and shared memory) are private:
	 * the data is about people's pay. */
	mode_t old = umask(077);
	int r = sqlite3_open_v2(path, &db->h, flags, NULL);
	if (r != SQLITE_OK) {
		umask(old);
		rc = db->h ? db_fail(db, e, path) : err_set(e, ST_NOMEM, NULL);
		db_close(db);
		return rc;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, DB_BUSY_TIMEOUT_MS);
	struct stat file;
	if (stat(path, &file) == 0 && db_file_hold(&file)) {
		db->held = true;
		db->dev = file.st_dev;
		db->ino = file.st_ino;
	}

	int64_t version = 0;
	rc = exec(db, "PRAGMA foreign_keys = ON; PRAGMA trusted_schema = OFF;", e);
	if (rc == ST_OK)
		rc = check_identity(db, mode, &version, e);
	if (rc == ST_READONLY && mode == DB_READONLY && may_recover &&
	    needs_recovery(db) && access(path, W_OK) == 0) {
		umask(old);
		db_close(db);
		err_fini(e);
		rc = recover(path, e);
		return rc == ST_OK ? open_db(path, mode, false, out, e) : rc;
	}
	if (rc != ST_OK)
		rc = explain_unreadable(db, rc, e);
	if (rc == ST_OK && !db->readonly)
		rc = exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;", e);
	/* A page cache of up to 64 MiB (a negative cache_size is in KiB):
	 * pages are allocated only as they are read, so a small practice stays
	 * small, and a large import keeps its index pages in memory instead of
	 * spilling them to the WAL. */
	if (rc == ST_OK)
		rc = exec(db, "PRAGMA cache_size = -65536;", e);
	bool upgrade = version < DB_SCHEMA_VERSION &&
	               !(db->readonly && readers_can_open(version));
	/* A migration writes: the file is checked before, deferred or not. */
	if (rc == ST_OK && defer && !upgrade)
		db->check_pending = true;
	else if (rc == ST_OK && !unchecked)
		rc = quick_check(db, e);
	if (rc == ST_OK && upgrade) {
		if (db->readonly)
			rc = err_set(e, ST_READONLY, _("%s: the database needs an upgrade but is read-only"), path);
		else
			rc = migrate(db, version, e);
	}
	umask(old);
	/* A new database (no file, or an empty one we just filled) is made
	 * private whatever the file's mode was. */
	if (rc == ST_OK && version == 0 && !db->readonly) {
		if (chmod(path, 0600) != 0)
			rc = err_set(e, ST_IO, "%s: %s", path, strerror(errno));
		db->perm = 0600;
	}
	if (rc != ST_OK) {
		db_close(db);
		return rc;
	}
	db->schema = upgrade ? DB_SCHEMA_VERSION : version;
	*out = db;
	return ST_OK;
}

enum status db_open(const char *path, enum db_mode mode, struct db **out,
                    struct err *e)
{
	return open_db(path, mode, true, out, e);
}

void db_close(struct db *db)
{
	if (!db)
		return;
	db_store_close(db);
	sqlite3_finalize(db->data_version);
	sqlite3_close_v2(db->h);
	if (db->held)
		db_file_release(db->dev, db->ino);
	free(db->path);
	free(db);
}

enum status db_quick_check(struct db *db, struct err *e)
{
	if (!db->check_pending)
		return ST_OK;
	enum status rc = quick_check(db, e);
	/* A failure stays pending: every later db_begin refuses the same way. */
	if (rc == ST_OK)
		db->check_pending = false;
	return rc;
}

const char *db_path(const struct db *db)
{
	return db->path;
}

bool db_readonly(const struct db *db)
{
	return db->readonly;
}

unsigned db_exposed_mode(const struct db *db)
{
	return db->perm & 0077 ? db->perm : 0;
}

enum status db_begin(struct db *db, struct err *e)
{
	if (db->readonly)
		return err_set(e, ST_READONLY, _("%s: the database is read-only; nothing was changed"), db->path);
	enum status rc = db_quick_check(db, e);
	if (rc != ST_OK)
		return rc;
	db_store_forget(db);
	return exec(db, "BEGIN IMMEDIATE;", e);
}

enum status db_begin_read(struct db *db, struct err *e)
{
	db_store_forget(db);
	/* BEGIN alone takes no snapshot: the first read does. Reading the
	 * schema takes it now, before the caller's first statement. */
	enum status rc = exec(db, "BEGIN DEFERRED; SELECT count(*) FROM sqlite_schema;", e);
	if (rc != ST_OK)
		db_end_read(db);
	return rc;
}

void db_end_read(struct db *db)
{
	/* Nothing was written: ROLLBACK ends it as well as COMMIT would,
	 * and cannot fail half way. */
	db_rollback(db);
}

enum status db_commit(struct db *db, struct err *e)
{
	enum status rc = exec(db, "COMMIT;", e);
	if (rc == ST_OK) {
		db->own_commits++;
		return rc;
	}
	/* A sync that fails after the commit's pages reached the WAL: SQLite
	 * cannot tell whether they will be there at the next open. */
	int x = sqlite3_extended_errcode(db->h);
	if (x == SQLITE_IOERR_FSYNC || x == SQLITE_IOERR_DIR_FSYNC)
		rc = err_set(e, ST_IO, _("%s: input/output error while saving: the change may or may not have been kept; "
		                         "run 'quotepart check' and look before doing it again"), db->path);
	db_rollback(db);
	return rc;
}

void db_rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK;", NULL, NULL, NULL);
}

int64_t db_data_version(struct db *db)
{
	/* Prepared once: the TUI asks every second. */
	if (!db->data_version &&
	    sqlite3_prepare_v2(db->h, "PRAGMA data_version;", -1, &db->data_version, NULL) != SQLITE_OK)
		return -1;
	sqlite3_reset(db->data_version);
	int64_t v = -1;
	if (sqlite3_step(db->data_version) == SQLITE_ROW)
		v = sqlite3_column_int64(db->data_version, 0) + db->own_commits;
	sqlite3_reset(db->data_version);
	return v;
}

struct backup {
	struct db *db;
	const char *dest;
	struct err *e;
	enum status rc;
};

/* SQLite's online backup into the temporary file tmp. */
static int fill_backup(const char *tmp, void *ctx)
{
	struct backup *k = ctx;
	sqlite3 *to = NULL;
	int r = sqlite3_open_v2(tmp, &to, SQLITE_OPEN_READWRITE, NULL);
	if (r == SQLITE_OK) {
		sqlite3_backup *b = sqlite3_backup_init(to, "main", k->db->h, "main");
		if (!b) {
			r = sqlite3_errcode(to);
		} else {
			/* All pages in one step: a consistent snapshot even while
			 * others write (they wait on the read lock we hold). */
			r = sqlite3_backup_step(b, -1);
			sqlite3_backup_finish(b);
			r = r == SQLITE_DONE ? SQLITE_OK : r;
		}
	}
	if (r != SQLITE_OK) {
		const char *m = to ? sqlite3_errmsg(to) : sqlite3_errstr(r);
		k->rc = err_set(k->e, (r & 0xff) == SQLITE_FULL ? ST_FULL : ST_IO, _("backup to %s failed: %s"),
		                k->dest, m);
	}
	sqlite3_close(to);
	if (r != SQLITE_OK) {
		/* With the copy goes the journal a failed write leaves. */
		static const char *const sides[] = { "-journal", "-wal", "-shm" };
		for (size_t i = 0; i < sizeof sides / sizeof sides[0]; i++) {
			char *p = side_path(tmp, sides[i]);
			if (p)
				unlink(p);
			free(p);
		}
	}
	return r == SQLITE_OK ? 0 : EIO;
}

enum status db_backup(struct db *db, const char *dest, struct err *e)
{
	struct backup k = { db, dest, e, ST_OK };
	int err_no;
	enum status st = file_replace(dest, fill_backup, &k, &err_no);
	if (st == ST_OK || k.rc != ST_OK)
		return k.rc;
	return st == ST_NOMEM ? err_set(e, st, NULL)
	                      : err_set(e, st, _("backup to %s failed: %s"), dest, strerror(err_no));
}

static enum status read_value(sqlite3_stmt *st, void *elem, struct err *e)
{
	(void)e;
	*(char **)elem = db_col_text(st, 0);
	return ST_OK;
}

enum status db_setting_get(struct db *db, const char *name, char **value,
                           struct err *e)
{
	sqlite3_stmt *st;
	*value = NULL;
	enum status rc = db_prepare_text(db, "SELECT value FROM settings WHERE name = ?;", name, &st, e);
	return rc != ST_OK ? rc : db_step_one(db, st, read_value, value, _("reading settings"), NULL, e);
}

enum status db_setting_set(struct db *db, const char *name, const char *value,
                           struct err *e)
{
	if (!value)
		return db_exec_texts(db, "DELETE FROM settings WHERE name = ?;", name, NULL,
		                     _("writing settings"), e);
	return db_exec_texts(db, "INSERT INTO settings (name, value) VALUES (?, ?) "
	                         "ON CONFLICT (name) DO UPDATE SET value = excluded.value;",
	                     name, value, _("writing settings"), e);
}

enum status db_integrity(struct db *db, struct sbuf *report, size_t *problems,
                         struct err *e)
{
	static const char *const checks[] = {
		"PRAGMA integrity_check;",
		"PRAGMA foreign_key_check;",
	};
	*problems = 0;
	for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
		sqlite3_stmt *st;
		enum status rc = db_prepare(db, checks[i], &st, e);
		if (rc != ST_OK)
			return rc;
		int r;
		while ((r = sqlite3_step(st)) == SQLITE_ROW) {
			if (i == 0) {
				const char *t = (const char *)sqlite3_column_text(st, 0);
				if (t && strcmp(t, "ok") == 0)
					continue;
				sb_printf(report, "integrity_check: %s\n", t ? t : "?");
			} else {
				const char *t = (const char *)sqlite3_column_text(st, 0);
				sb_printf(report, _("foreign_key_check: table %s, row %lld refers to a missing %s\n"),
				          t ? t : "?", (long long)sqlite3_column_int64(st, 1),
				          (const char *)sqlite3_column_text(st, 2));
			}
			(*problems)++;
		}
		if (r != SQLITE_DONE)
			rc = db_fail(db, e, _("checking the database"));
		sqlite3_finalize(st);
		if (rc != ST_OK)
			return rc;
	}
	return ST_OK;
}
