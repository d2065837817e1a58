/* test_migrate.c: a database of schema version 1 (made by running only
 * migration 1, as the first release did) is upgraded to the current
 * version in one transaction, or not at all; a reader may still open it.
 * And the quick_check that DB_OPEN_DEFER_CHECK leaves for db_quick_check. */
#include <criterion/criterion.h>
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../../src/db/db_internal.h"
#include "quotepart/db.h"
#include "quotepart/text.h"

#include "support.h"
#include "support_sqlite.h"

static void setup(void)
{
	support_setup("migrate");
}

static void teardown(void)
{
	support_teardown();
}

TestSuite(migrate, .init = setup, .fini = teardown);

/* A file in the state version 1 of the program left it: migration 1, the
 * application id, user_version 1, and a member with two activities. */
static char *make_v1(const char *name)
{
	cr_assert(db_n_migrations >= 2, "no migration after 1");
	cr_assert_eq(db_migrations[0].version, 1);
	char *p = support_path(name);
	sqlite3 *h = raw_open(p);
	raw_exec(h, "PRAGMA journal_mode = WAL;");
	raw_exec(h, "BEGIN;");
	raw_exec(h, db_migrations[0].sql);
	raw_exec(h, "PRAGMA application_id = 1364214098; PRAGMA user_version = 1;");
	raw_exec(h, "INSERT INTO professions VALUES ('MG', 'medical');"
	            "INSERT INTO members (code, name, profession, status, joined, fte)"
	            " VALUES ('DUPONT', 'Dupont', 'MG', 'associate', '2020-01-01', 100);"
	            "INSERT INTO activities (member_id, day, kind, hours) VALUES"
	            " (1, '2025-03-01', 'rcp', 150), (1, '2025-04-01', 'rcp', 200);");
	raw_exec(h, "COMMIT;");
	cr_assert_eq(raw_int(h, "PRAGMA user_version;"), 1);
	sqlite3_close(h);
	return p;
}

static int64_t index_count(sqlite3 *h, const char *name)
{
	sqlite3_stmt *st;
	cr_assert_eq(sqlite3_prepare_v2(h, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = ?;",
	                                -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
	int64_t n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

Test(migrate, v1_upgraded_to_current)
{
	cr_assert_eq(DB_SCHEMA_VERSION, 5);
	char *p = make_v1("v1.db");
	struct db *db = NULL;
	struct err e = ERR_INIT;
	enum status rc = db_open(p, DB_OPEN, &db, &e);
	cr_assert_eq(rc, ST_OK, "db_open: %s", err_text(&e));
	db_close(db);
	err_fini(&e);

	sqlite3 *h = raw_open(p);
	cr_assert_eq(raw_int(h, "PRAGMA user_version;"), 5);
	cr_assert_eq(raw_int(h, "PRAGMA application_id;"), 1364214098);
	/* Version 5: the members' bank accounts. */
	cr_assert_eq(raw_int(h, "SELECT count(*) FROM pragma_table_info('members') WHERE name IN ('iban', 'bic');"), 2);
	/* Version 4: the forecast's declarations and expected instalments. */
	cr_assert_eq(raw_int(h, "SELECT count(*) FROM sqlite_schema WHERE name IN ('forecast_files', 'expected');"), 2);
	/* Version 3: what a distribution was computed from. */
	cr_assert_eq(raw_int(h, "SELECT count(*) FROM pragma_table_info('distributions')"
	                        " WHERE name IN ('source', 'exercise');"), 2);
	cr_assert_eq(index_count(h, "activities_day"), 1, "the covering index is missing");
	/* The index covers the hours query: no table read. */
	cr_assert_eq(raw_int(h, "SELECT count(*) FROM pragma_index_xinfo('activities_day') WHERE key = 1;"), 4);
	cr_assert_eq(raw_int(h, "SELECT sum(hours) FROM activities WHERE day BETWEEN '2025-01-01' AND '2025-12-31';"), 350);
	sqlite3_close(h);

	/* Opening again changes nothing: already at the current version. */
	rc = db_open(p, DB_OPEN, &db, &e);
	cr_assert_eq(rc, ST_OK, "db_open again: %s", err_text(&e));
	db_close(db);
	free(p);
}

/* A migration that cannot complete leaves version 1 whole: the index
 * name is taken (by a table a user made with the sqlite3 shell), so the
 * CREATE INDEX fails after BEGIN; nothing of migration 2 stays. */
Test(migrate, failed_upgrade_leaves_v1)
{
	char *p = make_v1("v1-blocked.db");
	sqlite3 *h = raw_open(p);
	raw_exec(h, "CREATE TABLE activities_day (x INTEGER);");
	int64_t objects = raw_int(h, "SELECT count(*) FROM sqlite_schema;");
	sqlite3_close(h);

	struct db *db = (struct db *)1;
	struct err e = ERR_INIT;
	enum status rc = db_open(p, DB_OPEN, &db, &e);
	cr_assert_neq(rc, ST_OK, "the upgrade was not refused");
	cr_assert_null(db);
	cr_assert(strstr(err_text(&e), "upgrading the database to version 2"), "message: %s", err_text(&e));
	err_fini(&e);

	h = raw_open(p);
	cr_assert_eq(raw_int(h, "PRAGMA user_version;"), 1);
	cr_assert_eq(raw_int(h, "SELECT count(*) FROM sqlite_schema;"), objects);
	cr_assert_eq(index_count(h, "activities_day"), 0);
	cr_assert_eq(raw_int(h, "SELECT count(*) FROM activities;"), 2);
	sqlite3_close(h);
	free(p);
}

/* Version 2 only adds an index: a reader opens a version-1 file as it is
 * (check, export, backup of an old file), and does not upgrade it. */
Test(migrate, v1_readable_without_upgrade)
{
	char *p = make_v1("v1-read.db");
	struct db *db = NULL;
	struct err e = ERR_INIT;
	enum status rc = db_open(p, DB_READONLY, &db, &e);
	cr_assert_eq(rc, ST_OK, "db_open read-only: %s", err_text(&e));
	int64_t n = -1;
	cr_assert_eq(db_count(db, "activities", &n, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(n, 2);
	db_close(db);
	err_fini(&e);

	sqlite3 *h = raw_open(p);
	cr_assert_eq(raw_int(h, "PRAGMA user_version;"), 1);
	cr_assert_eq(index_count(h, "activities_day"), 0);
	sqlite3_close(h);
	free(p);
}

/* A version-0 file with our id (a migration 1 that never committed its
 * version) still needs migration 1: a reader refuses it. */
Test(migrate, reader_refuses_what_it_cannot_read)
{
	char *p = support_path("v0.db");
	sqlite3 *h = raw_open(p);
	raw_exec(h, "PRAGMA application_id = 1364214098; CREATE TABLE t (x INTEGER);");
	sqlite3_close(h);
	struct db *db = (struct db *)1;
	struct err e = ERR_INIT;
	enum status rc = db_open(p, DB_READONLY, &db, &e);
	cr_assert_eq(rc, ST_READONLY, "status %d: %s", (int)rc, err_text(&e));
	cr_assert(strstr(err_text(&e), "needs an upgrade"), "message: %s", err_text(&e));
	cr_assert_null(db);
	err_fini(&e);
	free(p);
}

/* ---- DB_OPEN_DEFER_CHECK ---- */

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	cr_assert_not_null(f, "%s: %s", path, strerror(errno));
	struct sbuf b;
	sb_init(&b);
	char buf[8192];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_addn(&b, buf, n);
	fclose(f);
	*len = b.len;
	char *s = sb_take(&b);
	return s ? s : strdup("");
}

static void spit(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	cr_assert_not_null(f);
	cr_assert_eq(fwrite(data, 1, len, f), len);
	cr_assert_eq(fclose(f), 0);
}

/* A current database checkpointed (no WAL), whose last pages (settings
 * written after the schema: none of the schema's pages) can be damaged
 * without hurting what an open reads. */
static char *make_current(const char *name)
{
	char *p = support_path(name);
	struct db *db = NULL;
	struct err e = ERR_INIT;
	cr_assert_eq(db_open(p, DB_CREATE, &db, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(db_begin(db, &e), ST_OK, "%s", err_text(&e));
	char value[1001];
	memset(value, 'v', sizeof value - 1);
	value[sizeof value - 1] = '\0';
	for (int i = 0; i < 200; i++) {
		char key[32];
		snprintf(key, sizeof key, "k%03d", i);
		cr_assert_eq(db_setting_set(db, key, value, &e), ST_OK, "%s", err_text(&e));
	}
	cr_assert_eq(db_commit(db, &e), ST_OK, "%s", err_text(&e));
	db_close(db);
	sqlite3 *h = raw_open(p);
	raw_exec(h, "PRAGMA wal_checkpoint(TRUNCATE);");
	sqlite3_close(h);
	return p;
}

Test(migrate, deferred_check_runs_once)
{
	char *p = make_current("ok.db");
	struct db *db = NULL;
	struct err e = ERR_INIT;
	cr_assert_eq(db_open(p, DB_OPEN_DEFER_CHECK, &db, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(db_quick_check(db, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(db_quick_check(db, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(db_begin(db, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(db_setting_set(db, "name", "x", &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(db_commit(db, &e), ST_OK, "%s", err_text(&e));
	db_close(db);
	/* Every other mode checked at open: nothing left to do. */
	cr_assert_eq(db_open(p, DB_OPEN, &db, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(db_quick_check(db, &e), ST_OK, "%s", err_text(&e));
	db_close(db);
	free(p);
}

/* The last pages (settings) overwritten, header and schema intact: the
 * deferred open succeeds (it reads only the first page), db_quick_check
 * finds the damage, and db_begin refuses to write, again and again; the
 * file keeps its bytes. DB_OPEN refuses it at once. */
Test(migrate, deferred_check_finds_damage_and_blocks_writes)
{
	char *p = make_current("damaged.db");
	size_t len;
	char *data = slurp(p, &len);
	cr_assert_geq(len, 60 * 4096, "%zu bytes", len);
	memset(data + (len - 16 * 4096), 0xA5, 16 * 4096);
	spit(p, data, len);

	struct db *db = NULL;
	struct err e = ERR_INIT;
	enum status rc = db_open(p, DB_OPEN_DEFER_CHECK, &db, &e);
	cr_assert_eq(rc, ST_OK, "the deferred open read more than the header: %s", err_text(&e));
	rc = db_quick_check(db, &e);
	cr_assert(rc == ST_CORRUPT || rc == ST_NOTDB, "db_quick_check: status %d (%s)", (int)rc, err_text(&e));
	cr_assert(strstr(err_text(&e), "damaged"), "message: %s", err_text(&e));
	err_fini(&e);
	for (int i = 0; i < 2; i++) {
		rc = db_begin(db, &e);
		cr_assert(rc == ST_CORRUPT || rc == ST_NOTDB, "db_begin %d: status %d (%s)", i, (int)rc, err_text(&e));
		err_fini(&e);
	}
	db_close(db);

	size_t len2;
	char *after = slurp(p, &len2);
	cr_assert(len2 == len && memcmp(after, data, len) == 0, "the damaged file was written");
	free(after);

	db = (struct db *)1;
	rc = db_open(p, DB_OPEN, &db, &e);
	cr_assert(rc == ST_CORRUPT || rc == ST_NOTDB, "DB_OPEN: status %d (%s)", (int)rc, err_text(&e));
	cr_assert_null(db);
	err_fini(&e);
	free(data);
	free(p);
}

/* An open that must upgrade checks first, deferred or not: a damaged
 * version-1 file is refused at open and left as it was. */
Test(migrate, deferred_open_checks_before_upgrading)
{
	char *p = make_v1("v1-damaged.db");
	sqlite3 *h = raw_open(p);
	raw_exec(h, "PRAGMA wal_checkpoint(TRUNCATE);");
	/* Enough pages that some can be damaged past the schema's. */
	raw_exec(h, "CREATE TABLE filler (x TEXT);"
	            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)"
	            " INSERT INTO filler SELECT printf('%0200d', i) FROM n;");
	raw_exec(h, "PRAGMA wal_checkpoint(TRUNCATE);");
	sqlite3_close(h);
	size_t len;
	char *data = slurp(p, &len);
	cr_assert_geq(len, 40 * 4096, "%zu bytes", len);
	memset(data + (len - 8 * 4096), 0xA5, 8 * 4096);
	spit(p, data, len);

	struct db *db = (struct db *)1;
	struct err e = ERR_INIT;
	enum status rc = db_open(p, DB_OPEN_DEFER_CHECK, &db, &e);
	cr_assert(rc == ST_CORRUPT || rc == ST_NOTDB, "status %d (%s)", (int)rc, err_text(&e));
	cr_assert_null(db);
	err_fini(&e);
	size_t len2;
	char *after = slurp(p, &len2);
	cr_assert(len2 == len && memcmp(after, data, len) == 0, "the damaged file was written");
	free(after);
	free(data);
	free(p);
}

/* Version 3 adds two columns that only the approval reads: a reader opens
 * a version-2 file as it is and reads its distributions; a writer
 * upgrades it, and what was stored before has no source recorded. */
Test(migrate, v2_read_as_it_is_and_upgraded_by_a_writer)
{
	char *p = make_v1("v2.db");
	sqlite3 *h = raw_open(p);
	raw_exec(h, "BEGIN;");
	raw_exec(h, db_migrations[1].sql);
	raw_exec(h, "PRAGMA user_version = 2;"
	            "INSERT INTO receipts (source, kind, exercise, period_start, period_end, received, amount, reference)"
	            " VALUES ('ACI', 'advance', '2025', '2025-01-01', '2025-12-31', '2025-04-28', 100, 'R1');"
	            "INSERT INTO keys (name) VALUES ('K');"
	            "INSERT INTO key_versions (key_id, version, created, body) VALUES (1, 1, 'now', 'key: {};');"
	            "INSERT INTO distributions (receipt_id, key_version_id, mode, amount, base, reserved,"
	            " period_start, period_end, created) VALUES (1, 1, 'normal', 100, 100, 0, '2025-01-01',"
	            " '2025-12-31', 'now');");
	raw_exec(h, "COMMIT;");
	sqlite3_close(h);

	struct db *db = NULL;
	struct err e = ERR_INIT;
	cr_assert_eq(db_open(p, DB_READONLY, &db, &e), ST_OK, "read-only: %s", err_text(&e));
	struct distribution d;
	cr_assert_eq(db_dist_get(db, 1, &d, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(d.amount, 100);
	distribution_fini(&d);
	db_close(db);
	h = raw_open(p);
	cr_assert_eq(raw_int(h, "PRAGMA user_version;"), 2);
	sqlite3_close(h);

	cr_assert_eq(db_open(p, DB_OPEN, &db, &e), ST_OK, "%s", err_text(&e));
	char *source = (char *)"x", *exercise = (char *)"x";
	cr_assert_eq(db_dist_origin(db, 1, &source, &exercise, &e), ST_OK, "%s", err_text(&e));
	cr_assert_null(source);
	cr_assert_null(exercise);
	db_close(db);
	h = raw_open(p);
	cr_assert_eq(raw_int(h, "PRAGMA user_version;"), DB_SCHEMA_VERSION);
	sqlite3_close(h);
	free(p);
}

/* Version 5 adds the members' IBAN and BIC: a reader opens a version-4
 * file as it is and lists its members (no bank account known); a writer
 * upgrades it, the members stored before have none, and a member's IBAN
 * is then kept. */
Test(migrate, v4_read_as_it_is_and_upgraded_by_a_writer)
{
	char *p = make_v1("v4.db");
	sqlite3 *h = raw_open(p);
	raw_exec(h, "BEGIN;");
	for (size_t i = 1; i < db_n_migrations && db_migrations[i].version <= 4; i++)
		raw_exec(h, db_migrations[i].sql);
	raw_exec(h, "PRAGMA user_version = 4;");
	raw_exec(h, "COMMIT;");
	sqlite3_close(h);

	struct db *db = NULL;
	struct err e = ERR_INIT;
	cr_assert_eq(db_open(p, DB_READONLY, &db, &e), ST_OK, "read-only: %s", err_text(&e));
	struct member *v = NULL;
	size_t n = 0;
	cr_assert_eq(db_members(db, &v, &n, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(n, 1);
	cr_assert_null(v[0].iban);
	cr_assert_null(v[0].bic);
	member_list_free(v, n);
	db_close(db);
	h = raw_open(p);
	cr_assert_eq(raw_int(h, "PRAGMA user_version;"), 4);
	sqlite3_close(h);

	cr_assert_eq(db_open(p, DB_OPEN, &db, &e), ST_OK, "%s", err_text(&e));
	struct member m;
	cr_assert_eq(db_member_get(db, "DUPONT", &m, &e), ST_OK, "%s", err_text(&e));
	cr_assert_null(m.iban);
	free(m.iban);
	m.iban = strdup("FR7630006000011234567890189");
	cr_assert_eq(db_member_put(db, &m, NULL, &e), ST_OK, "%s", err_text(&e));
	member_fini(&m);
	cr_assert_eq(db_member_get(db, "DUPONT", &m, &e), ST_OK, "%s", err_text(&e));
	cr_assert_str_eq(m.iban, "FR7630006000011234567890189");
	cr_assert_null(m.bic);
	member_fini(&m);
	db_close(db);
	h = raw_open(p);
	cr_assert_eq(raw_int(h, "PRAGMA user_version;"), DB_SCHEMA_VERSION);
	/* The store refuses what no IBAN is, whoever writes it. */
	cr_assert_neq(sqlite3_exec(h, "UPDATE members SET iban = 'FR76' WHERE code = 'DUPONT';", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	free(p);
}
