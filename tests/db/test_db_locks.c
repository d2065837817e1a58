/* test_db_locks.c: a process with a database open keeps SQLite's locks on
 * it when it opens the database again (as the edit simulator and the
 * tests do) or when quotepart looks at a file that is that database (the
 * --out and backup guards). POSIX drops every lock a process holds on a
 * file when it closes any descriptor of it: with the lock gone, another
 * program closing its connection believes it is the last one, checkpoints
 * and deletes the -wal and -shm under us, and what we commit afterwards
 * goes to a deleted file that no other program ever sees. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "quotepart/db.h"
#include "quotepart/text.h"

#include "support.h"

static char *path;

static void setup(void)
{
	support_setup("locks");
	path = support_path("q.db");
}

static void teardown(void)
{
	free(path);
	support_teardown();
}

TestSuite(locks, .init = setup, .fini = teardown);

static struct db *open_db(enum db_mode mode)
{
	struct db *db = NULL;
	struct err e = ERR_INIT;
	cr_assert_eq(db_open(path, mode, &db, &e), ST_OK, "db_open: %s", err_text(&e));
	return db;
}

static void set_name(struct db *db, const char *name)
{
	struct err e = ERR_INIT;
	cr_assert_eq(db_begin(db, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(db_setting_set(db, "name", name, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(db_audit(db, "test", name, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(db_commit(db, &e), ST_OK, "%s", err_text(&e));
}

static char *get_name(struct db *db)
{
	char *v = NULL;
	struct err e = ERR_INIT;
	cr_assert_eq(db_setting_get(db, "name", &v, &e), ST_OK, "%s", err_text(&e));
	return v;
}

/* Whether another process sees the database in use (our SHARED lock). */
static bool others_see_it_open(void)
{
	pid_t pid = fork();
	cr_assert_geq(pid, 0);
	if (pid == 0)
		_exit(db_file_in_use(path) ? 0 : 1);
	int st;
	cr_assert_eq(waitpid(pid, &st, 0), pid);
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* What the sqlite3 shell, another program, reads as the name. It opens
 * the database to write, as quotepart's commands do: closing, the last
 * connection checkpoints and deletes the -wal. */
static char *name_seen_outside(void)
{
	char *out = support_path("seen");
	struct sbuf cmd;
	sb_init(&cmd);
	sb_printf(&cmd, "sqlite3 '%s' \"SELECT value FROM settings WHERE name = 'name';\" >'%s'", path,
	          out);
	cr_assert_eq(system(cmd.s), 0, "%s", cmd.s);
	sb_fini(&cmd);
	FILE *f = fopen(out, "r");
	cr_assert_not_null(f);
	char buf[128] = "";
	if (!fgets(buf, sizeof buf, f))
		buf[0] = '\0';
	fclose(f);
	free(out);
	buf[strcspn(buf, "\n")] = '\0';
	return strdup(buf);
}

Test(locks, second_connection_keeps_the_first_ones_locks)
{
	db_close(open_db(DB_CREATE));
	struct db *a = open_db(DB_OPEN);
	set_name(a, "before");
	cr_assert(others_see_it_open(), "no lock right after the open");
	struct db *b = open_db(DB_READONLY);
	cr_assert(others_see_it_open(), "opening the database again dropped the first connection's lock");
	free(get_name(b));
	db_close(b);
	cr_assert(others_see_it_open(), "closing the second connection dropped the first one's lock");

	/* Another program opens and closes it; then we commit: that program,
	 * and any other, must see the commit. */
	char *seen = name_seen_outside();
	cr_expect_str_eq(seen, "before");
	free(seen);
	set_name(a, "after");
	seen = name_seen_outside();
	cr_expect_str_eq(seen, "after", "a commit acknowledged here is not in the database others read");
	free(seen);
	db_close(a);
}

Test(locks, looking_at_the_open_database_keeps_its_locks)
{
	db_close(open_db(DB_CREATE));
	struct db *a = open_db(DB_OPEN);
	set_name(a, "before");
	cr_expect_eq(db_file_kind(path), DB_FILE_DATABASE);
	cr_assert(others_see_it_open(), "db_file_kind dropped the lock");
	cr_expect(db_file_is_ours(path));
	cr_assert(others_see_it_open(), "db_file_is_ours dropped the lock");
	cr_expect(db_file_in_use(path), "our own database is in use");
	cr_assert(others_see_it_open(), "db_file_in_use dropped the lock");
	db_close(a);
}
