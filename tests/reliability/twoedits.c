/* twoedits.c: two programs editing the same member of one database (the
 * TUI's edit of app_edit.h). Each edit carries the record as it was shown;
 * the one shown before the other's change must be refused (ST_REFUSED),
 * never overwrite it silently. First one after the other, then both at
 * the same moment. Usage: twoedits DB [N] (a demo database): the first
 * part N times (1), MARTIN renamed "Élise Martin-Durand", then
 * "Élise Martin-Durand 2" and so on, beside other writers that need as
 * many chances to meet it. Exit 0 when it holds, 1 with a message
 * otherwise. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "quotepart/app.h"
#include "quotepart/app_store.h"
#include "quotepart/app_edit.h"

static const char *database;

static struct app *open_app(void)
{
	struct app *a = NULL;
	struct err e = ERR_INIT;
	if (app_open(database, "/dev/null", DB_OPEN, &a, &e) != ST_OK) {
		fprintf(stderr, "twoedits: %s\n", err_text(&e));
		exit(1);
	}
	return a;
}

static void read_member(struct app *a, const char *code, struct member *m)
{
	struct err e = ERR_INIT;
	if (db_member_get(app_db(a), code, m, &e) != ST_OK) {
		fprintf(stderr, "twoedits: %s\n", err_text(&e));
		exit(1);
	}
}

/* Rename a member from what `before` shows; the status of the edit. */
static enum status rename_from(struct app *a, const struct member *before,
                               const char *name)
{
	struct member after = *before;
	after.name = (char *)name;
	struct err e = ERR_INIT;
	enum status st = app_member_update(a, before, &after, &e);
	err_fini(&e);
	return st;
}

static int fail(const char *what)
{
	fprintf(stderr, "twoedits: %s\n", what);
	return 1;
}

/* One after the other: B shows MARTIN, A renames her `name`, B's edit of
 * the old record is refused and A's name stays. */
static int one_after_the_other(const char *name)
{
	struct app *a = open_app(), *b = open_app();
	struct member shown_b, now;
	read_member(b, "MARTIN", &shown_b);
	struct member shown_a;
	read_member(a, "MARTIN", &shown_a);
	if (rename_from(a, &shown_a, name) != ST_OK)
		return fail("the first edit failed");
	if (rename_from(b, &shown_b, "Élise M.") != ST_REFUSED)
		return fail("an edit of a record changed since it was shown was not refused");
	read_member(b, "MARTIN", &now);
	if (strcmp(now.name, name) != 0)
		return fail("the first edit was overwritten");
	member_fini(&shown_a);
	member_fini(&shown_b);
	member_fini(&now);
	app_close(a);
	app_close(b);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 2 && argc != 3)
		return fail("usage: twoedits DB [N]");
	database = argv[1];

	int times = argc == 3 ? atoi(argv[2]) : 1;
	for (int i = 1; i <= times; i++) {
		char name[64];
		if (i == 1)
			snprintf(name, sizeof name, "Élise Martin-Durand");
		else
			snprintf(name, sizeof name, "Élise Martin-Durand %d", i);
		if (one_after_the_other(name) != 0)
			return 1;
	}

	/* At the same moment, in two processes: both show LECLERC, both save
	 * on a signal; exactly one wins, the other is refused. */
	int go[2], done[2];
	if (pipe(go) != 0 || pipe(done) != 0)
		return fail("pipe");
	pid_t kids[2];
	for (int k = 0; k < 2; k++) {
		kids[k] = fork();
		if (kids[k] < 0)
			return fail("fork");
		if (kids[k] == 0) {
			struct app *x = open_app();
			struct member shown;
			read_member(x, "LECLERC", &shown);
			char c;
			if (write(done[1], "r", 1) != 1 || read(go[0], &c, 1) != 1)
				_exit(2);
			enum status st = rename_from(x, &shown, k ? "François Leclerc (B)" : "François Leclerc (A)");
			member_fini(&shown);
			app_close(x);
			_exit(st == ST_OK ? 0 : st == ST_REFUSED ? 3 : 4);
		}
	}
	char c;
	for (int k = 0; k < 2; k++)
		if (read(done[0], &c, 1) != 1)
			return fail("a child did not read the record");
	if (write(go[1], "gg", 2) != 2)
		return fail("cannot start the children");
	int ok = 0, refused = 0;
	for (int k = 0; k < 2; k++) {
		int status;
		waitpid(kids[k], &status, 0);
		int rc = WIFEXITED(status) ? WEXITSTATUS(status) : 99;
		ok += rc == 0;
		refused += rc == 3;
	}
	if (ok != 1 || refused != 1) {
		fprintf(stderr, "twoedits: racing edits: %d saved, %d refused (want 1 and 1)\n", ok, refused);
		return 1;
	}
	printf("twoedits: a stale edit is refused; of two racing edits one is saved and one refused\n");
	return 0;
}
