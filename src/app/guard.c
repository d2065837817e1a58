/* guard.c: the files that exports, reports and backups never write over:
 * a database (the open one, the default one, any SQLite file) and the
 * files SQLite keeps beside one. Replaced by a CSV, a database is lost;
 * replaced by a backup while a program has it open, that program goes on
 * writing into the file that was unlinked, and its later changes are lost.
 * Files are compared by device and inode (a link, a hard link or another
 * spelling of the path is the same file), a file not there yet by its
 * folder's inode and its name. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app_internal.h"
#include "quotepart/i18n.h"

static bool same_inode(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* The last part of path, after its last '/'. */
static const char *base_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* The folder holding path, a new string ("." for a bare name). */
static char *folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return strdup(".");
	return slash == path ? strdup("/") : strndup(path, (size_t)(slash - path));
}

/* Whether the folders holding a and b are one folder. */
static bool same_folder(const char *a, const char *b)
{
	char *fa = folder_of(a), *fb = folder_of(b);
	struct stat xa, xb;
	bool same = fa && fb && stat(fa, &xa) == 0 && stat(fb, &xb) == 0 && same_inode(&xa, &xb);
	free(fa);
	free(fb);
	return same;
}

/* Whether path (whose stat is *ps, NULL when there is no such file) is
 * `other` or would be once created. */
static bool is_file(const char *path, const struct stat *ps, const char *other)
{
	struct stat os;
	if (ps)
		return stat(other, &os) == 0 && same_inode(ps, &os);
	return strcmp(base_of(path), base_of(other)) == 0 && same_folder(path, other);
}

/* "" when path is the database db, its side suffix ("-wal"...) when it is
 * one of the files SQLite keeps beside it, else NULL. */
static const char *part_of(const char *path, const struct stat *ps, const char *db)
{
	if (is_file(path, ps, db))
		return "";
	const char *side = NULL;
	struct sbuf b;
	for (size_t i = 0; !side && db_side_suffixes[i]; i++) {
		sb_init(&b);
		sb_printf(&b, "%s%s", db, db_side_suffixes[i]);
		if (!b.failed && is_file(path, ps, b.s))
			side = db_side_suffixes[i];
		sb_fini(&b);
	}
	return side;
}

/* When path is named like a side file of a database that is there
 * (X-wal beside the database X), that database (a new string). */
static char *stem_database(const char *path)
{
	size_t n = strlen(path);
	for (size_t i = 0; db_side_suffixes[i]; i++) {
		size_t k = strlen(db_side_suffixes[i]);
		if (n <= k || strcmp(path + n - k, db_side_suffixes[i]) != 0)
			continue;
		char *stem = strndup(path, n - k);
		if (stem && db_file_kind(stem) == DB_FILE_DATABASE)
			return stem;
		free(stem);
	}
	return NULL;
}

/* The messages, by writer: each says what the file is and that the
 * writer never writes over it. */
enum why { WHY_DATABASE, WHY_OPEN, WHY_DEFAULT, WHY_PART, WHY_JOURNAL, WHY_IN_USE, WHY_FOREIGN, WHY_BESIDE };

static enum status refuse(enum app_writer w, enum why why, const char *path, const char *other,
                          struct err *e)
{
	/* EX_CANTCREAT (73), "a user specified output file cannot be
	 * created": the file named is the problem, not the data (65) nor
	 * the command line's form (64). */
	enum status st = ST_CANTCREAT;
	if (w == APP_WRITE_OUT) {
		switch (why) {
		case WHY_PART:
			return err_set(e, st, _("%s belongs to the database %s; exports and reports never write over it"),
			               path, other);
		case WHY_JOURNAL:
			return err_set(e, st, _("%s is an SQLite journal; exports and reports never write over one"), path);
		default:
			return err_set(e, st, _("%s is a database; exports and reports never write over one"), path);
		}
	}
	switch (why) {
	case WHY_OPEN:
		return err_set(e, st, _("%s is the database being backed up; a backup never writes over it"), path);
	case WHY_DEFAULT:
		return err_set(e, st, _("%s is the default database; a backup never writes over it"), path);
	case WHY_PART:
		return err_set(e, st, _("%s belongs to the database %s; a backup never writes over it"), path, other);
	case WHY_JOURNAL:
		return err_set(e, st, _("%s is an SQLite journal; a backup never writes over one"), path);
	case WHY_IN_USE:
		return err_set(e, st, _("%s is open in another program; a backup never writes over a database in use"),
		               path);
	case WHY_FOREIGN:
		return err_set(e, st, _("%s is a database of another application; a backup never writes over it"),
		               path);
	case WHY_BESIDE:
		return err_set(e, st, _("%s has %s beside it: a program has it open, or stopped while writing it; "
		                        "a backup never writes over it"), path, other);
	default:
		return err_set(e, st, _("%s is a database; a backup never writes over it"), path);
	}
}

/* A backup over a database that is not in use: only over one of ours
 * (an older backup), and only when nothing SQLite would replay over the
 * new copy lies beside it (a stale -wal or -journal would be applied to
 * it at its next open). */
static enum status backup_over(const char *path, bool is_db, struct err *e)
{
	if (is_db && db_file_in_use(path))
		return refuse(APP_WRITE_BACKUP, WHY_IN_USE, path, NULL, e);
	if (is_db && !db_file_is_ours(path))
		return refuse(APP_WRITE_BACKUP, WHY_FOREIGN, path, NULL, e);
	static const char *const replayed[] = { "-wal", "-journal" };
	for (size_t i = 0; i < sizeof replayed / sizeof replayed[0]; i++) {
		struct sbuf b;
		sb_init(&b);
		sb_printf(&b, "%s%s", path, replayed[i]);
		struct stat sb;
		bool there = !b.failed && stat(b.s, &sb) == 0 && sb.st_size > 0;
		enum status rc = there ? refuse(APP_WRITE_BACKUP, WHY_BESIDE, path, b.s, e) : ST_OK;
		sb_fini(&b);
		if (rc != ST_OK)
			return rc;
	}
	return ST_OK;
}

enum status app_file_guard(struct app *a, const char *path, enum app_writer w, struct err *e)
{
	struct stat sb;
	const struct stat *ps = stat(path, &sb) == 0 ? &sb : NULL;
	char *dflt = NULL;
	struct err ignored = ERR_INIT;
	/* No default (no HOME): nothing to protect there. */
	if (app_default_db_name(&dflt, &ignored) != ST_OK)
		dflt = NULL;
	err_fini(&ignored);
	const char *known[2] = { db_path(a->db), dflt };
	enum status rc = ST_OK;
	for (size_t i = 0; rc == ST_OK && i < 2; i++) {
		const char *side = known[i] ? part_of(path, ps, known[i]) : NULL;
		if (side)
			rc = refuse(w, *side ? WHY_PART : i == 0 ? WHY_OPEN : WHY_DEFAULT, path, known[i], e);
	}
	free(dflt);
	if (rc != ST_OK)
		return rc;
	char *stem = stem_database(path);
	if (stem) {
		rc = refuse(w, WHY_PART, path, stem, e);
		free(stem);
		return rc;
	}
	enum db_file_kind kind = db_file_kind(path);
	if (kind == DB_FILE_WAL || kind == DB_FILE_JOURNAL)
		return refuse(w, WHY_JOURNAL, path, NULL, e);
	if (w == APP_WRITE_OUT)
		return kind == DB_FILE_DATABASE ? refuse(w, WHY_DATABASE, path, NULL, e) : ST_OK;
	return backup_over(path, kind == DB_FILE_DATABASE, e);
}

enum status app_out_check(struct app *a, const char *path, struct err *e)
{
	return app_file_guard(a, path, APP_WRITE_OUT, e);
}

/* Reading is guarded too: closing a descriptor of a file drops every
 * POSIX lock this process holds on it, SQLite's among them, so that a key
 * or CSV import naming the open database (or its -wal, its -shm) would
 * leave it unlocked under the other programs writing it. No database is
 * a CSV or a key file: any SQLite file is refused, before it is opened. */
enum status app_read_check(struct app *a, const char *path, struct err *e)
{
	struct stat sb;
	const struct stat *ps = stat(path, &sb) == 0 ? &sb : NULL;
	const char *side = ps ? part_of(path, ps, db_path(a->db)) : NULL;
	if (side && *side)
		return err_set(e, ST_INVALID, _("%s belongs to the database %s; imports read CSV and key files, never it"),
		               path, db_path(a->db));
	if (side || (ps && db_file_kind(path) != DB_FILE_OTHER))
		return err_set(e, ST_INVALID, _("%s is a database; imports read CSV and key files, never one"), path);
	return ST_OK;
}
