/* app.c: opening a practice, paths, atomic files, init, backup. */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app_internal.h"
#include "quotepart/file.h"
#include "quotepart/i18n.h"
#include "quotepart/reports.h"

enum status app_open(const char *db_path, const char *cfg_path,
                     enum db_mode mode, struct app **out, struct err *e)
{
	*out = NULL;
	struct app *a = calloc(1, sizeof *a);
	if (!a)
		return err_set(e, ST_NOMEM, NULL);
	char *path = NULL;
	enum status rc = ST_OK;
	if (!db_path) {
		rc = app_default_db_path(&path, e);
		db_path = path;
	}
	if (rc == ST_OK)
		rc = config_load(cfg_path, &a->cfg, e);
	if (rc == ST_OK)
		rc = db_open(db_path, mode, &a->db, e);
	free(path);
	if (rc != ST_OK) {
		app_close(a);
		return rc;
	}
	rep_labels_use(a->cfg);
	*out = a;
	return ST_OK;
}

void app_close(struct app *a)
{
	if (!a)
		return;
	db_close(a->db);
	if (rep_labels_config() == a->cfg)
		rep_labels_use(NULL);
	config_free(a->cfg);
	app_history_fini(a);
	free(a);
}

struct db *app_db(struct app *a)
{
	return a->db;
}

const struct config *app_config(const struct app *a)
{
	return a->cfg;
}

/* mkdir -p with mode 0700 for the parts we create. */
static enum status make_dirs(char *path, struct err *e)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		int r = mkdir(path, 0700);
		*p = '/';
		if (r != 0 && errno != EEXIST)
			return err_set(e, ST_IO, _("cannot create folder %s: %s"), path, strerror(errno));
	}
	if (mkdir(path, 0700) != 0 && errno != EEXIST)
		return err_set(e, ST_IO, _("cannot create folder %s: %s"), path, strerror(errno));
	return ST_OK;
}

/* The default database's path (see app_default_db_path); its folder is
 * created only when `make` is set, else it is only named. */
static enum status default_db_path(char **out, bool make, struct err *e)
{
	*out = NULL;
	const char *env = getenv("QUOTEPART_DB");
	if (env && *env)
		return (*out = strdup(env)) ? ST_OK : err_set(e, ST_NOMEM, NULL);
	struct sbuf b;
	sb_init(&b);
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	if (xdg && *xdg == '/')
		sb_add(&b, xdg);
	else if (home && *home)
		sb_printf(&b, "%s/.local/share", home);
	else
		return err_set(e, ST_USAGE, _("neither XDG_DATA_HOME nor HOME is set: give --db FILE"));
	sb_add(&b, "/quotepart");
	char *dir = sb_take(&b);
	if (!dir)
		return err_set(e, ST_NOMEM, NULL);
	enum status rc = make ? make_dirs(dir, e) : ST_OK;
	if (rc == ST_OK) {
		sb_printf(&b, "%s/quotepart.db", dir);
		if (!(*out = sb_take(&b)))
			rc = err_set(e, ST_NOMEM, NULL);
	}
	free(dir);
	return rc;
}

enum status app_default_db_path(char **out, struct err *e)
{
	return default_db_path(out, true, e);
}

enum status app_default_db_name(char **out, struct err *e)
{
	return default_db_path(out, false, e);
}

static enum status write_failed(const char *path, int err, struct err *e)
{
	return err_set(e, err == ENOSPC ? ST_FULL : ST_IO, _("cannot write %s: %s"), path, strerror(err));
}

/* A device, a FIFO or a socket is written to as it is: it cannot be
 * replaced, and must not be by a regular file. */
static enum status write_special(const char *path, const char *data, size_t len,
                                 struct err *e)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return write_failed(path, errno, e);
	int saved = file_write_all(fd, data, len);
	if (close(fd) != 0 && !saved)
		saved = errno;
	return saved ? write_failed(path, saved, e) : ST_OK;
}

/* A temporary file beside path (0600), synced, then renamed over it. */
static enum status write_replace(const char *path, const char *data, size_t len,
                                 struct err *e)
{
	int err_no;
	enum status st = file_write_atomic(path, data, len, &err_no);
	if (st == ST_OK || st == ST_NOMEM)
		return st == ST_OK ? ST_OK : err_set(e, st, NULL);
	return write_failed(path, err_no, e);
}

enum status app_write_file(struct app *a, const char *path, const char *data,
                           size_t len, struct err *e)
{
	enum status rc = app_file_guard(a, path, APP_WRITE_OUT, e);
	if (rc != ST_OK)
		return rc;
	struct stat sb;
	if (lstat(path, &sb) != 0)
		return errno == ENOENT ? write_replace(path, data, len, e) : write_failed(path, errno, e);
	if (S_ISLNK(sb.st_mode)) {
		/* The link stays; what it points to is written (/dev/stdout,
		 * a file kept elsewhere). */
		if (stat(path, &sb) != 0)
			return errno == ENOENT
			       ? err_set(e, ST_IO, _("cannot write %s: a link to nothing"), path)
			       : write_failed(path, errno, e);
		if (!S_ISREG(sb.st_mode))
			return S_ISDIR(sb.st_mode) ? write_failed(path, EISDIR, e)
			                           : write_special(path, data, len, e);
		char *target = realpath(path, NULL);
		if (!target)
			return write_failed(path, errno, e);
		rc = write_replace(target, data, len, e);
		free(target);
		return rc;
	}
	if (S_ISDIR(sb.st_mode))
		return write_failed(path, EISDIR, e);
	if (!S_ISREG(sb.st_mode))
		return write_special(path, data, len, e);
	return write_replace(path, data, len, e);
}

char *app_practice_name(struct app *a)
{
	char *v = NULL;
	if (db_setting_get(a->db, "name", &v, NULL) != ST_OK || !v)
		return strdup("");
	return v;
}

/* Every profession of the configuration, so members can reference them. */
enum status app_sync_professions(struct app *a, struct err *e)
{
	for (size_t i = 0; i < a->cfg->professions.n; i++) {
		const struct cfg_item *p = &a->cfg->professions.v[i];
		enum status rc = db_profession_put(a->db, p->code, p->group, e);
		if (rc != ST_OK)
			return rc;
	}
	return ST_OK;
}

/* Set the practice's name (and copy the professions) in one transaction
 * with its audit entry. */
static enum status set_name(struct app *a, const char *action, const char *name, struct err *e)
{
	const char *why = NULL;
	if (text_check(name, &why) != ST_OK)
		return err_set(e, ST_INVALID, _("name: %s is not allowed"), _(why));
	enum status rc = db_begin(a->db, e);
	if (rc != ST_OK)
		return rc;
	if ((rc = db_setting_set(a->db, "name", name, e)) != ST_OK ||
	    (rc = app_sync_professions(a, e)) != ST_OK ||
	    (rc = db_audit(a->db, action, name, e)) != ST_OK) {
		db_rollback(a->db);
		return rc;
	}
	return db_commit(a->db, e);
}

enum status app_init(struct app *a, const char *name, struct err *e)
{
	if (!name || !*name)
		return err_set(e, ST_USAGE, _("init needs --name NAME, the practice's name"));
	/* A practice that has a name keeps it: init run again (a script, a
	 * slip of the database path) must not rename it silently. */
	char *now = app_practice_name(a);
	if (!now)
		return err_set(e, ST_NOMEM, NULL);
	enum status rc = ST_OK;
	if (!*now)
		rc = set_name(a, "init", name, e);
	else if (strcmp(now, name) != 0 && db_readonly(a->db))
		rc = db_begin(a->db, e);   /* a file we may not write says so, as for every change */
	else if (strcmp(now, name) != 0)
		rc = err_set(e, ST_REFUSED, _("%s is already the practice \"%s\"; to rename it: "
		                              "quotepart init --rename --name NEW"), db_path(a->db), now);
	free(now);
	return rc;
}

enum status app_rename(struct app *a, const char *name, struct err *e)
{
	if (!name || !*name)
		return err_set(e, ST_USAGE, _("init --rename needs --name NAME, the practice's new name"));
	char *now = app_practice_name(a);
	if (!now)
		return err_set(e, ST_NOMEM, NULL);
	enum status rc = strcmp(now, name) == 0 ? ST_OK : set_name(a, *now ? "rename" : "init", name, e);
	free(now);
	return rc;
}

enum status app_backup(struct app *a, const char *dest, struct err *e)
{
	enum status rc = app_file_guard(a, dest, APP_WRITE_BACKUP, e);
	return rc == ST_OK ? db_backup(a->db, dest, e) : rc;
}

enum status app_audit(struct app *a, const char *action, struct err *e,
                      const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *detail = str_vprintf(fmt, ap);
	va_end(ap);
	if (!detail)
		return err_set(e, ST_NOMEM, NULL);
	enum status rc = db_audit(a->db, action, detail, e);
	free(detail);
	return rc;
}
