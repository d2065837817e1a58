/* db_mode.h: how a database is opened, by the store (db_open) and by
 * those who open one through app (app_open): a plain enum, with no
 * dependency, so that the interfaces name a mode without seeing the
 * store. */
#ifndef QUOTEPART_DB_MODE_H
#define QUOTEPART_DB_MODE_H

enum db_mode {
	DB_OPEN,       /* an existing database, read and write */
	DB_READONLY,   /* an existing database, never written */
	DB_CREATE,     /* create it when missing (init, demo) */
	/* DB_OPEN without the quick_check, which reads every page (a tenth
	 * of a second for a large practice): the caller runs db_quick_check
	 * as soon as it can (the TUI: after its first frame). Until then,
	 * db_begin runs it first, so nothing is written to a database that was
	 * not checked; an open that must migrate checks at once. */
	DB_OPEN_DEFER_CHECK,
	/* DB_READONLY without the quick_check: for the estimates, which store
	 * nothing and read a few tables of a large file; a page SQLite cannot
	 * read is still refused when it is read. */
	DB_READONLY_UNCHECKED
};

#endif
