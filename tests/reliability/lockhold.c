/* lockhold.c: another program holding a write transaction on a database:
 * BEGIN IMMEDIATE, print "locked", hold it for the given milliseconds,
 * then COMMIT. Stands for a colleague's session in the middle of a save. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <sqlite3.h>

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: lockhold DATABASE MILLISECONDS\n");
		return 64;
	}
	long ms = strtol(argv[2], NULL, 10);
	sqlite3 *db = NULL;
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		fprintf(stderr, "lockhold: %s: %s\n", argv[1], db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return 66;
	}
	sqlite3_busy_timeout(db, 5000);
	/* A real write inside, so that the transaction holds the WAL write
	 * lock with pages of its own, as a save in progress does. */
	char *msg = NULL;
	if (sqlite3_exec(db, "BEGIN IMMEDIATE; "
	                     "INSERT INTO settings (name, value) VALUES ('lockhold', 'x') "
	                     "ON CONFLICT (name) DO UPDATE SET value = excluded.value;",
	                 NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "lockhold: %s\n", msg ? msg : "?");
		sqlite3_free(msg);
		sqlite3_close(db);
		return 75;
	}
	printf("locked\n");
	fflush(stdout);
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&t, &t) != 0)
		;
	/* Roll back: the holder's own change must not be confused with the
	 * waiting writer's. */
	sqlite3_exec(db, "ROLLBACK;", NULL, NULL, NULL);
	sqlite3_close(db);
	printf("released\n");
	fflush(stdout);
	return 0;
}
