/* test_db.c: the store: what db_open refuses (and leaves byte for byte as
 * it was), how it opens what it accepts, the frozen-approval and audit
 * triggers against raw SQL, the audit chain, two writers, backups. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <inttypes.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "quotepart/date.h"
#include "quotepart/db.h"
#include "quotepart/db_edit.h"
#include "quotepart/text.h"

#include "support.h"
#include "support_sqlite.h"


static void setup(void)
{
	support_setup("db");
}

static void teardown(void)
{
	support_teardown();
}

TestSuite(db, .init = setup, .fini = teardown);

/* A path inside the test's folder (a new string). */
static bool exists(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0;
}

static bool exists_suffix(const char *path, const char *suffix)
{
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, "%s%s", path, suffix);
	bool r = exists(b.s);
	sb_fini(&b);
	return r;
}

static unsigned mode_of(const char *path)
{
	struct stat sb;
	cr_assert_eq(stat(path, &sb), 0, "%s: %s", path, strerror(errno));
	return (unsigned)(sb.st_mode & 07777);
}

/* The whole file; *len its size. */
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
	if (!s)
		s = strdup("");
	return s;
}

static void spit(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	cr_assert_not_null(f);
	cr_assert_eq(fwrite(data, 1, len, f), len);
	cr_assert_eq(fclose(f), 0);
}

/* A file's bytes, to compare before and after a refused open. */
struct snapshot {
	char *data;
	size_t len;
};

static struct snapshot snap(const char *path)
{
	struct snapshot s;
	s.data = slurp(path, &s.len);
	return s;
}

static void assert_unchanged(const char *path, struct snapshot *before)
{
	size_t len;
	char *now = slurp(path, &len);
	cr_assert_eq(len, before->len, "%s: %zu bytes, was %zu", path, len, before->len);
	cr_assert(memcmp(now, before->data, len) == 0, "%s: its bytes changed", path);
	free(now);
	free(before->data);
	before->data = NULL;
	/* Nor did anything grow beside it: a read-only connection to a WAL
	 * database may leave an empty -wal it could not remove, never one
	 * with pages in it. */
	cr_assert_not(exists_suffix(path, "-journal"), "%s-journal was created", path);
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, "%s-wal", path);
	struct stat sb;
	if (stat(b.s, &sb) == 0)
		cr_assert_eq(sb.st_size, 0, "%s: %lld bytes written", b.s, (long long)sb.st_size);
	sb_fini(&b);
}

static int32_t day(int y, int m, int d)
{
	int32_t v = 0;
	cr_assert_eq(date_make(y, m, d, &v), ST_OK);
	return v;
}

/* ---- raw SQLite, as the sqlite3 shell would do it ---- */

/* sql must fail with a constraint error whose message holds `want`. */
static void raw_refused(sqlite3 *h, const char *sql, const char *want)
{
	char *msg = NULL;
	int r = sqlite3_exec(h, sql, NULL, NULL, &msg);
	cr_assert_neq(r, SQLITE_OK, "%s: was allowed", sql);
	cr_assert_eq(r & 0xff, SQLITE_CONSTRAINT, "%s: error %d (%s), want a constraint", sql, r,
	             msg ? msg : "?");
	cr_assert(msg && strstr(msg, want), "%s: message \"%s\", want \"%s\"", sql,
	          msg ? msg : "(none)", want);
	sqlite3_free(msg);
}

static char *raw_text(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st;
	cr_assert_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK, "%s: %s", sql,
	             sqlite3_errmsg(h));
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW, "%s: %s", sql, sqlite3_errmsg(h));
	const unsigned char *t = sqlite3_column_text(st, 0);
	char *v = strdup(t ? (const char *)t : "(null)");
	sqlite3_finalize(st);
	return v;
}

/* Everything in a table as one string, to prove a row did not move. */
static char *raw_dump(sqlite3 *h, const char *table)
{
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, "SELECT * FROM %s ORDER BY rowid;", table);
	sqlite3_stmt *st;
	cr_assert_eq(sqlite3_prepare_v2(h, b.s, -1, &st, NULL), SQLITE_OK, "%s", sqlite3_errmsg(h));
	sb_fini(&b);
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (int i = 0; i < sqlite3_column_count(st); i++) {
			const unsigned char *t = sqlite3_column_text(st, i);
			sb_printf(&b, "%s|", t ? (const char *)t : "NULL");
		}
		sb_add(&b, "\n");
	}
	sqlite3_finalize(st);
	char *s = sb_take(&b);
	return s ? s : strdup("");
}

/* ---- the store's own API ---- */

static struct db *open_ok(const char *path, enum db_mode mode)
{
	struct db *db = NULL;
	struct err e = ERR_INIT;
	enum status rc = db_open(path, mode, &db, &e);
	cr_assert_eq(rc, ST_OK, "db_open %s: %s", path, err_text(&e));
	cr_assert_not_null(db);
	err_fini(&e);
	return db;
}

/* db_open must refuse with `want`, and a message holding `words`. */
static void open_fails(const char *path, enum db_mode mode, enum status want,
                       const char *words)
{
	struct db *db = (struct db *)1;
	struct err e = ERR_INIT;
	enum status rc = db_open(path, mode, &db, &e);
	cr_assert_eq(rc, want, "db_open %s (mode %d): status %d, want %d: %s", path, (int)mode,
	             (int)rc, (int)want, err_text(&e));
	cr_assert_null(db);
	cr_assert(strstr(err_text(&e), words), "message \"%s\" lacks \"%s\"", err_text(&e), words);
	err_fini(&e);
}

static void ok(enum status rc, struct err *e, const char *what)
{
	cr_assert_eq(rc, ST_OK, "%s: %s", what, err_text(e));
	err_fini(e);
}

static int64_t count(struct db *db, const char *table)
{
	int64_t n = -1;
	struct err e = ERR_INIT;
	ok(db_count(db, table, &n, &e), &e, table);
	return n;
}

/* A member with no strings of its own: the fields point at literals. */
static struct member member_of(const char *code, const char *profession)
{
	struct member m = {
		.code = (char *)code, .name = (char *)code, .profession = (char *)profession,
		.status = (char *)"associate", .joined = day(2020, 1, 1), .left = DATE_NONE,
		.fte = 100,
	};
	return m;
}

/* A new database with two GPs, in one committed transaction. */
static struct db *new_practice(const char *path)
{
	struct db *db = open_ok(path, DB_CREATE);
	struct err e = ERR_INIT;
	ok(db_begin(db, &e), &e, "begin");
	ok(db_setting_set(db, "name", "Test practice", &e), &e, "setting");
	ok(db_profession_put(db, "gp", "medical", &e), &e, "profession");
	struct member a = member_of("GP1", "gp"), b = member_of("GP2", "gp");
	ok(db_member_put(db, &a, NULL, &e), &e, "member GP1");
	ok(db_member_put(db, &b, NULL, &e), &e, "member GP2");
	ok(db_audit(db, "test", "two GPs", &e), &e, "audit");
	ok(db_commit(db, &e), &e, "commit");
	return db;
}

/* A small distribution of a 10,00 € receipt, saved as a draft: 1,00 € to
 * operating costs, 4,50 € to each GP. Returns its id. */
static int64_t save_draft(struct db *db, const char *reference)
{
	struct err e = ERR_INIT;
	ok(db_begin(db, &e), &e, "begin");
	struct receipt r = {
		.source = (char *)"ACI", .kind = (char *)"advance", .exercise = (char *)"2025",
		.start = day(2025, 1, 1), .end = day(2025, 12, 31), .received = day(2025, 4, 28),
		.amount = 1000, .reference = (char *)reference,
	};
	int64_t rid = 0, vid = 0;
	int version = 0;
	bool fresh = false;
	ok(db_receipt_put(db, &r, &rid, &e), &e, "receipt");
	ok(db_key_save(db, "K", "key: { name = \"K\"; };", &version, &vid, &fresh, &e), &e, "key");

	struct dist_part parts[] = {
		{ .kind = LINE_RESERVATION, .idx = 0, .label = (char *)"Ops",
		  .account = (char *)"operating", .fixed = 100, .amount = 100 },
		{ .kind = LINE_POOL, .idx = 0, .label = (char *)"Equal", .basis = (char *)"equal",
		  .rate_bp = 10000, .amount = 900 },
	};
	struct dist_line lines[] = {
		{ .kind = LINE_RESERVATION, .idx = 0, .recipient = (char *)"operating",
		  .label = (char *)"Ops", .value = (char *)"0", .presence = (char *)"1",
		  .weight = (char *)"0", .exact = (char *)"100", .share = 100, .cents = 100 },
		{ .kind = LINE_POOL, .idx = 0, .recipient = (char *)"GP1", .label = (char *)"Equal",
		  .basis = (char *)"equal", .value = (char *)"1", .presence = (char *)"1",
		  .weight = (char *)"1", .exact = (char *)"450", .share = 450, .cents = 450 },
		{ .kind = LINE_POOL, .idx = 0, .recipient = (char *)"GP2", .label = (char *)"Equal",
		  .basis = (char *)"equal", .value = (char *)"1", .presence = (char *)"1",
		  .weight = (char *)"1", .exact = (char *)"450", .share = 450, .cents = 450 },
	};
	struct distribution d = {
		.receipt_id = rid, .key_version_id = vid, .mode = DIST_NORMAL,
		.amount = 1000, .base = 1000, .reserved = 100,
		.start = r.start, .end = r.end, .approved_on = DATE_NONE,
		.parts = parts, .n_parts = 2, .lines = lines, .n_lines = 3,
	};
	ok(db_dist_save(db, &d, &e), &e, "dist_save");
	cr_assert_gt(d.id, 0);
	ok(db_audit(db, "distribute", reference, &e), &e, "audit");
	ok(db_commit(db, &e), &e, "commit");
	return d.id;
}

static void approve(struct db *db, int64_t id)
{
	struct err e = ERR_INIT;
	ok(db_begin(db, &e), &e, "begin");
	ok(db_dist_approve(db, id, day(2025, 5, 10), "AG du 10 mai", &e), &e, "approve");
	ok(db_audit(db, "approve", "D", &e), &e, "audit");
	ok(db_commit(db, &e), &e, "commit");
}

/* ------------------------------------------------------------------ */
/* What db_open refuses, never writing a byte. */

Test(db, text_file_refused_unchanged)
{
	char *p = support_path("members.csv");
	const char text[] = "code;name;profession\r\nGP1;Élodie;gp\r\n";
	spit(p, text, sizeof text - 1);
	struct snapshot s = snap(p);
	open_fails(p, DB_OPEN, ST_NOTDB, "not");
	open_fails(p, DB_CREATE, ST_NOTDB, "not");
	open_fails(p, DB_READONLY, ST_NOTDB, "not");
	assert_unchanged(p, &s);
	free(p);
}

/* Shorter than SQLite's 16-byte magic: a truncated file. */
Test(db, short_file_refused_unchanged)
{
	char *p = support_path("short.db");
	spit(p, "SQLite", 6);
	struct snapshot s = snap(p);
	open_fails(p, DB_CREATE, ST_NOTDB, "not");
	assert_unchanged(p, &s);
	free(p);
}

static void other_app(const char *path, int app_id)
{
	sqlite3 *h = raw_open(path);
	raw_exec(h, "CREATE TABLE patients_agenda (id INTEGER PRIMARY KEY, who TEXT);"
	            "INSERT INTO patients_agenda (who) VALUES ('Mme Dupont'), ('M. Martin');");
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d;", app_id);
	raw_exec(h, sql);
	cr_assert_eq(sqlite3_close(h), SQLITE_OK);
}

Test(db, other_application_refused_unchanged)
{
	char *p = support_path("agenda.sqlite");
	other_app(p, 0);
	struct snapshot s = snap(p);
	open_fails(p, DB_OPEN, ST_NOTDB, "another application");
	open_fails(p, DB_CREATE, ST_NOTDB, "another application");
	open_fails(p, DB_READONLY, ST_NOTDB, "another application");
	assert_unchanged(p, &s);
	free(p);
}

Test(db, other_application_id_refused_unchanged)
{
	char *p = support_path("other.sqlite");
	other_app(p, 0x47504B47);   /* a GeoPackage */
	struct snapshot s = snap(p);
	open_fails(p, DB_OPEN, ST_NOTDB, "another application");
	open_fails(p, DB_CREATE, ST_NOTDB, "another application");
	assert_unchanged(p, &s);
	free(p);
}

/* An SQLite file with no table but someone's user_version: not empty,
 * not ours. */
Test(db, foreign_versioned_empty_refused)
{
	char *p = support_path("v.sqlite");
	sqlite3 *h = raw_open(p);
	raw_exec(h, "PRAGMA user_version = 7;");
	sqlite3_close(h);
	struct snapshot s = snap(p);
	open_fails(p, DB_CREATE, ST_NOTDB, "another application");
	assert_unchanged(p, &s);
	free(p);
}

Test(db, newer_schema_refused_unchanged)
{
	char *p = support_path("future.db");
	db_close(new_practice(p));
	sqlite3 *h = raw_open(p);
	raw_exec(h, "PRAGMA user_version = 99;");
	cr_assert_eq(sqlite3_close(h), SQLITE_OK);
	cr_assert_not(exists_suffix(p, "-wal"));
	struct snapshot s = snap(p);
	open_fails(p, DB_OPEN, ST_NOTDB, "newer");
	open_fails(p, DB_READONLY, ST_NOTDB, "newer");
	open_fails(p, DB_CREATE, ST_NOTDB, "newer");
	assert_unchanged(p, &s);
	h = raw_open(p);
	cr_assert_eq(raw_int(h, "PRAGMA user_version;"), 99);
	sqlite3_close(h);
	free(p);
}

Test(db, empty_file_refused_unless_create)
{
	char *p = support_path("empty.db");
	spit(p, "", 0);
	open_fails(p, DB_OPEN, ST_NOTDB, "empty");
	open_fails(p, DB_READONLY, ST_NOTDB, "empty");
	struct stat sb;
	cr_assert_eq(stat(p, &sb), 0);
	cr_assert_eq(sb.st_size, 0, "the empty file was written: %lld bytes", (long long)sb.st_size);
	cr_assert_not(exists_suffix(p, "-wal"));
	free(p);
}

Test(db, directory_refused)
{
	char *p = support_path("folder.db");
	cr_assert_eq(mkdir(p, 0700), 0);
	open_fails(p, DB_CREATE, ST_NOTDB, "not a regular file");
	open_fails(p, DB_OPEN, ST_NOTDB, "not a regular file");
	rmdir(p);
	free(p);
}

Test(db, missing_file_not_found_not_created)
{
	char *p = support_path("nowhere.db");
	open_fails(p, DB_OPEN, ST_NOTFOUND, "no database");
	open_fails(p, DB_READONLY, ST_NOTFOUND, "no database");
	cr_assert_not(exists(p), "db_open created %s", p);
	free(p);
}

/* A database whose pages were overwritten is refused (quick_check) and
 * left for the user to rescue, untouched. */
Test(db, damaged_refused_unchanged)
{
	char *p = support_path("damaged.db");
	db_close(new_practice(p));
	size_t len;
	char *data = slurp(p, &len);
	cr_assert_geq(len, 4 * 4096, "%zu bytes", len);
	/* Page 4 onwards: garbage, header and schema (page 1) intact. */
	memset(data + 3 * 4096, 0xA5, len - 3 * 4096);
	spit(p, data, len);
	free(data);
	struct snapshot s = snap(p);
	struct db *db = (struct db *)1;
	struct err e = ERR_INIT;
	enum status rc = db_open(p, DB_OPEN, &db, &e);
	cr_assert(rc == ST_CORRUPT || rc == ST_NOTDB, "status %d: %s", (int)rc, err_text(&e));
	cr_assert_null(db);
	err_fini(&e);
	assert_unchanged(p, &s);
	free(p);
}

/* ------------------------------------------------------------------ */
/* How an accepted file is opened. */

Test(db, created_0600_under_umask_022)
{
	umask(022);
	char *p = support_path("new.db");
	struct db *db = open_ok(p, DB_CREATE);
	cr_assert_eq(mode_of(p), 0600, "database mode %o", mode_of(p));
	mode_t now = umask(022);
	cr_assert_eq(now, 022, "db_open left the umask at %o", (unsigned)now);
	db_close(db);

	/* Reopened under umask 022, the first write creates the WAL again. */
	cr_assert_not(exists_suffix(p, "-wal"));
	db = open_ok(p, DB_OPEN);
	struct err e = ERR_INIT;
	ok(db_begin(db, &e), &e, "begin");
	ok(db_setting_set(db, "name", "x", &e), &e, "setting");
	ok(db_commit(db, &e), &e, "commit");
	char *wal = support_path("new.db-wal"), *shm = support_path("new.db-shm");
	cr_assert(exists(wal), "no WAL after a write");
	cr_assert_eq(mode_of(wal), 0600, "WAL mode %o", mode_of(wal));
	cr_assert_eq(mode_of(shm), 0600, "shm mode %o", mode_of(shm));
	db_close(db);
	free(wal);
	free(shm);
	free(p);
}

Test(db, identity_and_pragmas)
{
	char *p = support_path("id.db");
	struct db *db = open_ok(p, DB_CREATE);
	cr_assert_str_eq(db_path(db), p);
	cr_assert_not(db_readonly(db));
	db_close(db);
	sqlite3 *h = raw_open(p);
	cr_assert_eq(raw_int(h, "PRAGMA application_id;"), 0x51504152);
	cr_assert_eq(raw_int(h, "PRAGMA user_version;"), DB_SCHEMA_VERSION);
	char *jm = raw_text(h, "PRAGMA journal_mode;");
	cr_assert_str_eq(jm, "wal");
	free(jm);
	/* STRICT: a string never lands in an INTEGER column. */
	raw_exec(h, "INSERT INTO professions VALUES ('gp', 'medical');");
	raw_refused(h, "INSERT INTO members (code, name, profession, status, joined, fte) "
	               "VALUES ('X', 'X', 'gp', 'associate', '2025-01-01', 'full');", "");
	sqlite3_close(h);
	free(p);
}

/* foreign_keys is set per connection: only a write through the store
 * shows it. A member naming a profession the database does not know
 * breaks members.profession's foreign key. */
Test(db, foreign_keys_enforced)
{
	char *p = support_path("fk.db");
	struct db *db = open_ok(p, DB_CREATE);
	struct err e = ERR_INIT;
	ok(db_begin(db, &e), &e, "begin");
	struct member m = member_of("AST1", "astronaut");
	enum status rc = db_member_put(db, &m, NULL, &e);
	cr_assert_neq(rc, ST_OK, "a member with an unknown profession was written");
	cr_assert(strstr(err_text(&e), "FOREIGN KEY"), "%s", err_text(&e));
	err_fini(&e);
	db_rollback(db);
	cr_assert_eq(count(db, "members"), 0);
	db_close(db);
	free(p);
}

Test(db, reopen_keeps_data)
{
	char *p = support_path("keep.db");
	db_close(new_practice(p));
	struct db *db = open_ok(p, DB_CREATE);
	cr_assert_eq(count(db, "members"), 2);
	cr_assert_eq(count(db, "audit"), 1);
	char *name = NULL;
	struct err e = ERR_INIT;
	ok(db_setting_get(db, "name", &name, &e), &e, "setting");
	cr_assert_str_eq(name, "Test practice");
	free(name);
	db_close(db);
	free(p);
}

/* Drop to an unprivileged user: root may write any file, so a 0400 file
 * proves nothing to root. The test's folder is handed over first. */
static void drop_root(const char *file)
{
	if (geteuid() != 0)
		return;
	cr_assert_eq(chown(tmpdir, 65534, 65534), 0, "%s", strerror(errno));
	cr_assert_eq(chown(file, 65534, 65534), 0, "%s", strerror(errno));
	cr_assert_eq(setgroups(0, NULL), 0);
	cr_assert_eq(setgid(65534), 0);
	cr_assert_eq(setuid(65534), 0);
	cr_assert_neq(geteuid(), 0);
}

Test(db, read_only_file_opens_read_only)
{
	char *p = support_path("ro.db");
	db_close(new_practice(p));
	cr_assert_eq(chmod(p, 0400), 0);
	drop_root(p);
	struct snapshot s = snap(p);

	struct db *db = open_ok(p, DB_OPEN);
	cr_assert(db_readonly(db));
	cr_assert_eq(count(db, "members"), 2);
	struct err e = ERR_INIT;
	cr_assert_eq(db_begin(db, &e), ST_READONLY, "%s", err_text(&e));
	cr_assert(strstr(err_text(&e), "read-only"), "%s", err_text(&e));
	err_fini(&e);
	db_close(db);
	assert_unchanged(p, &s);
	free(p);
}

Test(db, readonly_mode_never_writes)
{
	char *p = support_path("rom.db");
	db_close(new_practice(p));
	struct snapshot s = snap(p);
	struct db *db = open_ok(p, DB_READONLY);
	cr_assert(db_readonly(db));
	struct err e = ERR_INIT;
	cr_assert_eq(db_begin(db, &e), ST_READONLY);
	err_fini(&e);
	/* A write without db_begin is refused by SQLite itself. */
	cr_assert_eq(db_setting_set(db, "name", "changed", &e), ST_READONLY, "%s", err_text(&e));
	err_fini(&e);
	int64_t n = 0;
	char *head = NULL;
	ok(db_audit_verify(db, &n, &head, &e), &e, "verify");
	cr_assert_eq(n, 1);
	free(head);
	db_close(db);
	assert_unchanged(p, &s);
	free(p);
}

/* A transaction never committed (a process killed midway) leaves
 * nothing behind. */
Test(db, uncommitted_leaves_nothing)
{
	char *p = support_path("kill.db");
	struct db *db = new_practice(p);
	struct err e = ERR_INIT;
	ok(db_begin(db, &e), &e, "begin");
	struct member m = member_of("GP3", "gp");
	ok(db_member_put(db, &m, NULL, &e), &e, "member");
	ok(db_audit(db, "test", "GP3", &e), &e, "audit");
	db_close(db);   /* no commit */
	db = open_ok(p, DB_OPEN);
	cr_assert_eq(count(db, "members"), 2);
	cr_assert_eq(count(db, "audit"), 1);
	ok(db_begin(db, &e), &e, "begin");
	ok(db_member_put(db, &m, NULL, &e), &e, "member");
	db_rollback(db);
	cr_assert_eq(count(db, "members"), 2);
	db_close(db);
	free(p);
}

/* ------------------------------------------------------------------ */
/* Approved means frozen, even for the sqlite3 shell. */

Test(db, dist_roundtrip_and_draft_replaced)
{
	char *p = support_path("dist.db");
	struct db *db = new_practice(p);
	int64_t d1 = save_draft(db, "R1");
	struct distribution d;
	struct err e = ERR_INIT;
	ok(db_dist_get(db, d1, &d, &e), &e, "get");
	cr_assert_eq(d.status, DIST_DRAFT);
	cr_assert_eq(d.mode, DIST_NORMAL);
	cr_assert_str_eq(d.key_name, "K");
	cr_assert_str_eq(d.receipt_ref, "R1");
	cr_assert_eq(d.amount, 1000);
	cr_assert_eq(d.reserved, 100);
	cr_assert_eq(d.approved_on, DATE_NONE);
	cr_assert_eq(d.n_parts, 2);
	cr_assert_eq(d.n_lines, 3);
	cr_assert_str_eq(d.lines[1].recipient, "GP1");
	cr_assert_eq(d.lines[1].cents, 450);
	cr_assert_eq(d.lines[1].paid_on, DATE_NONE);
	int64_t rid = d.receipt_id;
	distribution_fini(&d);

	/* Same receipt again: the draft is replaced, not added (SQLite may
	 * give the new row the old id). */
	int64_t d2 = save_draft(db, "R1");
	cr_assert_eq(count(db, "distributions"), 1);
	int64_t *ids = NULL, draft = 0;
	size_t n = 0;
	ok(db_dist_ids(db, rid, &ids, &n, &e), &e, "ids");
	cr_assert_eq(n, 1);
	cr_assert_eq(ids[0], d2);
	free(ids);
	ok(db_dist_draft_of(db, rid, &draft, &e), &e, "draft_of");
	cr_assert_eq(draft, d2);
	if (d2 != d1) {
		cr_assert_eq(db_dist_get(db, d1, &d, &e), ST_NOTFOUND);
		err_fini(&e);
	}
	db_close(db);
	/* The old draft's lines and parts went with it. */
	sqlite3 *h = raw_open(p);
	cr_assert_eq(raw_int(h, "SELECT count(*) FROM distribution_lines;"), 3);
	cr_assert_eq(raw_int(h, "SELECT count(*) FROM distribution_parts;"), 2);
	sqlite3_close(h);
	free(p);
}

Test(db, approved_frozen_against_raw_sql)
{
	char *p = support_path("frozen.db");
	struct db *db = new_practice(p);
	int64_t id = save_draft(db, "R1");
	approve(db, id);
	struct err e = ERR_INIT;
	/* Approving again: ST_FROZEN. */
	ok(db_begin(db, &e), &e, "begin");
	cr_assert_eq(db_dist_approve(db, id, day(2025, 6, 1), NULL, &e), ST_FROZEN, "%s", err_text(&e));
	err_fini(&e);
	db_rollback(db);
	db_close(db);

	sqlite3 *h = raw_open(p);
	char *before[4] = {
		raw_dump(h, "distributions"), raw_dump(h, "distribution_lines"),
		raw_dump(h, "distribution_parts"), raw_dump(h, "receipts"),
	};
	const char *frozen = "approved distribution cannot change";
	raw_refused(h, "UPDATE distributions SET amount = 2000;", frozen);
	raw_refused(h, "UPDATE distributions SET status = 'draft', approved_on = NULL;", frozen);
	raw_refused(h, "DELETE FROM distributions;", frozen);
	raw_refused(h, "UPDATE distribution_lines SET cents = cents + 1, share = share + 1 "
	               "WHERE recipient = 'GP1';", frozen);
	raw_refused(h, "DELETE FROM distribution_lines WHERE recipient = 'GP2';", frozen);
	raw_refused(h, "INSERT INTO distribution_lines (distribution_id, seq, kind, idx, recipient, label,"
	               " value, factor, presence, weight, exact, share, cents, leftover)"
	               " SELECT id, 99, 'pool', 0, 'GP3', 'Equal', '1', 0, '1', '1', '0', 0, 0, 0"
	               " FROM distributions;", frozen);
	raw_refused(h, "UPDATE distribution_parts SET amount = 0;", frozen);
	raw_refused(h, "DELETE FROM distribution_parts;", frozen);
	raw_refused(h, "INSERT INTO distribution_parts (distribution_id, kind, idx, label, amount)"
	               " SELECT id, 'pool', 5, 'More', 0 FROM distributions;", frozen);
	/* The receipt behind it keeps its amount and period. */
	raw_refused(h, "UPDATE receipts SET amount = 999;", "approved distribution");
	raw_refused(h, "UPDATE receipts SET period_end = '2025-06-30';", "approved distribution");
	/* Its note may still be corrected. */
	raw_exec(h, "UPDATE receipts SET note = 'corrected';");
	raw_exec(h, "UPDATE receipts SET note = NULL;");

	const char *tables[4] = { "distributions", "distribution_lines", "distribution_parts", "receipts" };
	for (int i = 0; i < 4; i++) {
		char *after = raw_dump(h, tables[i]);
		cr_assert_str_eq(after, before[i], "%s changed", tables[i]);
		free(after);
		free(before[i]);
	}
	sqlite3_close(h);
	free(p);
}

/* Triggers freeze approved rows only: a draft may be fixed by hand. */
Test(db, draft_not_frozen)
{
	char *p = support_path("draft.db");
	struct db *db = new_practice(p);
	save_draft(db, "R1");
	db_close(db);
	sqlite3 *h = raw_open(p);
	raw_exec(h, "UPDATE distribution_lines SET share = share + 1, cents = cents + 1 WHERE recipient = 'GP1';");
	cr_assert_eq(raw_int(h, "SELECT cents FROM distribution_lines WHERE recipient = 'GP1';"), 451);
	/* But a line whose cents are not share - before never exists. */
	raw_refused(h, "UPDATE distribution_lines SET cents = 0 WHERE recipient = 'GP1';", "CHECK");
	sqlite3_close(h);
	free(p);
}

/* A code the schema's CHECKs keep out, written past them: damage, said as
 * such, never read as some value of the set. The quick_check at open
 * finds it too; the TUI reads before that check has run. */
static void code_refused(const char *path, const char *column, const char *text)
{
	struct db *db = open_ok(path, DB_OPEN_DEFER_CHECK);
	struct distribution d;
	struct dist_summary *v = NULL;
	size_t n = 0;
	struct err e = ERR_INIT;
	cr_assert_eq(db_dist_get(db, 1, &d, &e), ST_CORRUPT, "%s", err_text(&e));
	cr_assert(strstr(err_text(&e), column) && strstr(err_text(&e), text), "%s", err_text(&e));
	if (strcmp(column, "distributions.mode") == 0) {
		cr_assert_eq(db_dist_summaries(db, &v, &n, &e), ST_CORRUPT, "%s", err_text(&e));
		cr_assert_null(v);
		cr_assert_eq(n, 0);
	}
	err_fini(&e);
	db_close(db);
}

Test(db, unknown_code_is_damage)
{
	char *p = support_path("codes.db");
	struct db *db = new_practice(p);
	save_draft(db, "R1");
	db_close(db);
	sqlite3 *h = raw_open(p);
	raw_exec(h, "PRAGMA ignore_check_constraints = ON;");
	raw_exec(h, "UPDATE distribution_lines SET kind = 'bonus' WHERE recipient = 'GP1';");
	sqlite3_close(h);
	code_refused(p, "distribution_lines.kind", "bonus");
	h = raw_open(p);
	raw_exec(h, "PRAGMA ignore_check_constraints = ON;");
	raw_exec(h, "UPDATE distribution_lines SET kind = 'pool' WHERE recipient = 'GP1';");
	raw_exec(h, "UPDATE distributions SET mode = 'sideways';");
	sqlite3_close(h);
	code_refused(p, "distributions.mode", "sideways");
	free(p);
}

Test(db, payments_frozen)
{
	char *p = support_path("pay.db");
	struct db *db = new_practice(p);
	int64_t id = save_draft(db, "R1");
	struct distribution d;
	struct err e = ERR_INIT;
	ok(db_dist_get(db, id, &d, &e), &e, "get");
	int64_t line = d.lines[1].id;
	distribution_fini(&d);

	/* A draft's line cannot be paid (db.h: ST_INVALID). */
	ok(db_begin(db, &e), &e, "begin");
	enum status rc = db_dist_pay(db, line, day(2025, 5, 20), "virement", &e);
	cr_assert_eq(rc, ST_INVALID, "paying a draft's line: status %d (%s), db.h says ST_INVALID",
	             (int)rc, err_text(&e));
	err_fini(&e);
	db_rollback(db);

	approve(db, id);
	ok(db_begin(db, &e), &e, "begin");
	ok(db_dist_pay(db, line, day(2025, 5, 20), "virement", &e), &e, "pay");
	cr_assert_eq(db_dist_pay(db, line, day(2025, 5, 21), "chèque", &e), ST_FROZEN, "%s", err_text(&e));
	err_fini(&e);
	ok(db_commit(db, &e), &e, "commit");
	ok(db_dist_get(db, id, &d, &e), &e, "get");
	cr_assert_eq(d.lines[1].paid_on, day(2025, 5, 20));
	cr_assert_str_eq(d.lines[1].means, "virement");
	cr_assert_eq(d.lines[2].paid_on, DATE_NONE);
	distribution_fini(&d);
	db_close(db);

	sqlite3 *h = raw_open(p);
	raw_refused(h, "UPDATE payments SET amount = 0;", "payments never change");
	raw_refused(h, "DELETE FROM payments;", "payments never change");
	sqlite3_close(h);
	free(p);
}

Test(db, audit_and_key_versions_append_only)
{
	char *p = support_path("audit.db");
	struct db *db = new_practice(p);
	save_draft(db, "R1");
	db_close(db);
	sqlite3 *h = raw_open(p);
	char *audit = raw_dump(h, "audit"), *kv = raw_dump(h, "key_versions");
	raw_refused(h, "UPDATE audit SET who = 'nobody';", "append-only");
	raw_refused(h, "DELETE FROM audit;", "append-only");
	raw_refused(h, "DELETE FROM audit WHERE id = (SELECT max(id) FROM audit);", "append-only");
	raw_refused(h, "UPDATE key_versions SET body = 'key: {};';", "key versions never change");
	raw_refused(h, "DELETE FROM key_versions;", "key versions never change");
	char *a2 = raw_dump(h, "audit"), *k2 = raw_dump(h, "key_versions");
	cr_assert_str_eq(a2, audit);
	cr_assert_str_eq(k2, kv);
	free(audit);
	free(kv);
	free(a2);
	free(k2);
	sqlite3_close(h);
	free(p);
}

Test(db, key_versions)
{
	char *p = support_path("keys.db");
	struct db *db = new_practice(p);
	struct err e = ERR_INIT;
	int v = 0;
	int64_t vid1 = 0, vid2 = 0, vid3 = 0;
	bool fresh = false;
	ok(db_begin(db, &e), &e, "begin");
	ok(db_key_save(db, "K", "body 1", &v, &vid1, &fresh, &e), &e, "save");
	cr_assert_eq(v, 1);
	cr_assert(fresh);
	ok(db_key_save(db, "K", "body 1", &v, &vid2, &fresh, &e), &e, "save");
	cr_assert_eq(v, 1);
	cr_assert_not(fresh);
	cr_assert_eq(vid2, vid1);
	ok(db_key_save(db, "K", "body 2", &v, &vid3, &fresh, &e), &e, "save");
	cr_assert_eq(v, 2);
	cr_assert(fresh);
	cr_assert_neq(vid3, vid1);
	ok(db_commit(db, &e), &e, "commit");
	char *name = NULL, *body = NULL;
	ok(db_key_version(db, vid1, &name, &body, &v, &e), &e, "version");
	cr_assert_str_eq(name, "K");
	cr_assert_str_eq(body, "body 1");
	cr_assert_eq(v, 1);
	free(name);
	free(body);
	ok(db_key_latest(db, "K", &body, &v, &vid2, &e), &e, "latest");
	cr_assert_str_eq(body, "body 2");
	cr_assert_eq(vid2, vid3);
	free(body);
	cr_assert_eq(db_key_latest(db, "nope", &body, &v, NULL, &e), ST_NOTFOUND);
	err_fini(&e);
	db_close(db);
	free(p);
}

/* ------------------------------------------------------------------ */
/* The audit chain. */

Test(db, audit_verify_detects_a_changed_byte)
{
	char *p = support_path("chain.db");
	struct db *db = new_practice(p);
	save_draft(db, "R1");
	save_draft(db, "R2");
	int64_t n = 0;
	char *head = NULL;
	struct err e = ERR_INIT;
	ok(db_audit_verify(db, &n, &head, &e), &e, "verify");
	cr_assert_eq(n, 3);
	cr_assert_eq(strlen(head), 64, "head \"%s\"", head);
	db_close(db);

	sqlite3 *h = raw_open(p);
	char *last = raw_text(h, "SELECT hash FROM audit ORDER BY id DESC LIMIT 1;");
	cr_assert_str_eq(head, last);
	free(last);
	free(head);
	/* An attacker with the sqlite3 shell removes the trigger first. */
	raw_exec(h, "DROP TRIGGER audit_append_only_u;");
	raw_exec(h, "UPDATE audit SET detail = 'R3' WHERE id = 2;");   /* was "R1" */
	sqlite3_close(h);

	db = open_ok(p, DB_OPEN);
	head = NULL;
	enum status rc = db_audit_verify(db, &n, &head, &e);
	cr_assert_eq(rc, ST_CORRUPT, "status %d: %s", (int)rc, err_text(&e));
	cr_assert(strstr(err_text(&e), "entry 2 "), "%s", err_text(&e));
	cr_assert_eq(n, 1, "%" PRId64 " good entries", n);
	err_fini(&e);
	free(head);
	db_close(db);
	free(p);
}

Test(db, audit_verify_detects_a_removed_entry)
{
	char *p = support_path("gap.db");
	struct db *db = new_practice(p);
	save_draft(db, "R1");
	save_draft(db, "R2");
	db_close(db);
	sqlite3 *h = raw_open(p);
	raw_exec(h, "DROP TRIGGER audit_append_only_d;");
	raw_exec(h, "DELETE FROM audit WHERE id = 2;");
	sqlite3_close(h);
	db = open_ok(p, DB_OPEN);
	int64_t n = 0;
	struct err e = ERR_INIT;
	enum status rc = db_audit_verify(db, &n, NULL, &e);
	cr_assert_eq(rc, ST_CORRUPT, "status %d: %s", (int)rc, err_text(&e));
	cr_assert(strstr(err_text(&e), "entry 3 "), "%s", err_text(&e));
	cr_assert_eq(n, 1);
	err_fini(&e);
	db_close(db);
	free(p);
}

Test(db, audit_entry_fields)
{
	char *p = support_path("who.db");
	db_close(new_practice(p));
	sqlite3 *h = raw_open(p);
	char *action = raw_text(h, "SELECT action FROM audit WHERE id = 1;");
	char *detail = raw_text(h, "SELECT detail FROM audit WHERE id = 1;");
	char *prev = raw_text(h, "SELECT prev FROM audit WHERE id = 1;");
	char *at = raw_text(h, "SELECT at FROM audit WHERE id = 1;");
	char *who = raw_text(h, "SELECT who FROM audit WHERE id = 1;");
	cr_assert_str_eq(action, "test");
	cr_assert_str_eq(detail, "two GPs");
	cr_assert_str_eq(prev, "");
	/* UTC, ISO: 2025-05-10T08:30:00Z */
	cr_assert_eq(strlen(at), 20, "at \"%s\"", at);
	cr_assert_eq(at[10], 'T');
	cr_assert_eq(at[19], 'Z');
	cr_assert_gt(strlen(who), 0);
	free(action);
	free(detail);
	free(prev);
	free(at);
	free(who);
	sqlite3_close(h);
	free(p);
}

/* ------------------------------------------------------------------ */
/* Two processes on one file wait for each other. */

Test(db, second_writer_waits_then_succeeds)
{
	char *p = support_path("busy.db");
	db_close(new_practice(p));
	int sync[2];
	cr_assert_eq(pipe(sync), 0);
	pid_t pid = fork();
	cr_assert_neq(pid, -1);
	if (pid == 0) {
		/* The first writer: holds BEGIN IMMEDIATE for 1.5 s. */
		struct db *db = NULL;
		struct err e = ERR_INIT;
		if (db_open(p, DB_OPEN, &db, &e) != ST_OK || db_begin(db, &e) != ST_OK ||
		    db_setting_set(db, "holder", "first", &e) != ST_OK)
			_exit(2);
		if (write(sync[1], "x", 1) != 1)
			_exit(3);
		struct timespec ts = { 1, 500000000 };
		nanosleep(&ts, NULL);
		if (db_commit(db, &e) != ST_OK)
			_exit(4);
		db_close(db);
		free(p);   /* the child's copy: valgrind counts it too */
		_exit(0);
	}
	close(sync[1]);
	struct db *db = open_ok(p, DB_OPEN);
	char c;
	cr_assert_eq(read(sync[0], &c, 1), 1, "the first writer did not start");
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct err e = ERR_INIT;
	enum status rc = db_begin(db, &e);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	cr_assert_eq(rc, ST_OK, "second writer: %s", err_text(&e));
	int64_t waited_ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	cr_assert_geq(waited_ms, 200, "did not wait: %" PRId64 " ms", waited_ms);
	cr_assert_lt(waited_ms, 9000, "waited %" PRId64 " ms", waited_ms);
	/* It sees the first writer's change and adds its own. */
	char *v = NULL;
	ok(db_setting_get(db, "holder", &v, &e), &e, "get");
	cr_assert_str_eq(v, "first");
	free(v);
	ok(db_setting_set(db, "holder", "second", &e), &e, "set");
	ok(db_commit(db, &e), &e, "commit");
	int status = 0;
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "first writer: status %d", status);
	ok(db_setting_get(db, "holder", &v, &e), &e, "get");
	cr_assert_str_eq(v, "second");
	free(v);
	db_close(db);
	close(sync[0]);
	free(p);
}

/* data_version moves when another connection commits. */
Test(db, data_version_moves)
{
	char *p = support_path("dv.db");
	struct db *a = new_practice(p);
	struct db *b = open_ok(p, DB_OPEN);
	int64_t v0 = db_data_version(a);
	struct err e = ERR_INIT;
	ok(db_begin(b, &e), &e, "begin");
	ok(db_setting_set(b, "name", "Renamed", &e), &e, "set");
	ok(db_commit(b, &e), &e, "commit");
	cr_assert_neq(db_data_version(a), v0);
	int64_t v1 = db_data_version(a);
	ok(db_begin(a, &e), &e, "begin");
	ok(db_setting_set(a, "name", "Again", &e), &e, "set");
	ok(db_commit(a, &e), &e, "commit");
	cr_assert_neq(db_data_version(a), v1, "own commits move it too");
	db_close(b);
	db_close(a);
	free(p);
}

/* ------------------------------------------------------------------ */

Test(db, backup_0600_same_content)
{
	umask(022);
	char *p = support_path("live.db"), *dest = support_path("copy.db");
	struct db *db = new_practice(p);
	save_draft(db, "R1");
	struct err e = ERR_INIT;
	ok(db_backup(db, dest, &e), &e, "backup");
	cr_assert_eq(mode_of(dest), 0600, "backup mode %o", mode_of(dest));

	struct db *copy = open_ok(dest, DB_OPEN);
	cr_assert_eq(count(copy, "members"), 2);
	cr_assert_eq(count(copy, "members"), count(db, "members"));
	cr_assert_eq(count(copy, "distributions"), 1);
	cr_assert_eq(count(copy, "audit"), count(db, "audit"));
	int64_t n1 = 0, n2 = 0;
	char *h1 = NULL, *h2 = NULL;
	ok(db_audit_verify(db, &n1, &h1, &e), &e, "verify live");
	ok(db_audit_verify(copy, &n2, &h2, &e), &e, "verify copy");
	cr_assert_eq(n1, n2);
	cr_assert_str_eq(h1, h2);
	free(h1);
	free(h2);
	db_close(copy);
	db_close(db);

	/* Nothing but the two databases is left in the folder. */
	DIR *d = opendir(tmpdir);
	struct dirent *de;
	while ((de = readdir(d)))
		cr_assert_null(strstr(de->d_name, ".tmp"), "left behind: %s", de->d_name);
	closedir(d);
	free(p);
	free(dest);
}

/* A backup over an existing file replaces it whole. */
Test(db, backup_replaces)
{
	char *p = support_path("live.db"), *dest = support_path("copy.db");
	spit(dest, "old backup", 10);
	struct db *db = new_practice(p);
	struct err e = ERR_INIT;
	ok(db_backup(db, dest, &e), &e, "backup");
	db_close(db);
	struct db *copy = open_ok(dest, DB_OPEN);
	cr_assert_eq(count(copy, "members"), 2);
	db_close(copy);
	free(p);
	free(dest);
}

Test(db, backup_to_missing_folder_fails)
{
	char *p = support_path("live.db"), *dest = support_path("no/such/folder/copy.db");
	struct db *db = new_practice(p);
	struct err e = ERR_INIT;
	enum status rc = db_backup(db, dest, &e);
	cr_assert_eq(rc, ST_IO, "status %d: %s", (int)rc, err_text(&e));
	cr_assert(strstr(err_text(&e), "copy.db"), "%s", err_text(&e));
	err_fini(&e);
	db_close(db);
	free(p);
	free(dest);
}

/* ------------------------------------------------------------------ */
/* Reads and writes of the records. */

Test(db, records_roundtrip)
{
	char *p = support_path("rec.db");
	struct db *db = new_practice(p);
	struct err e = ERR_INIT;
	ok(db_begin(db, &e), &e, "begin");
	ok(db_profession_put(db, "nurse", "paramedical", &e), &e, "profession");
	struct member m = {
		.code = (char *)"IDE1", .name = (char *)"Nguyễn Thị Lan", .profession = (char *)"nurse",
		.status = (char *)"salaried", .joined = day(2018, 9, 1), .left = day(2025, 8, 31),
		.fte = 50, .rpps = (char *)"10001234565",
	};
	int64_t mid = 0;
	ok(db_member_put(db, &m, &mid, &e), &e, "member");
	cr_assert_gt(mid, 0);
	/* Upsert by code: same id, new values. */
	m.fte = 80;
	int64_t mid2 = 0;
	ok(db_member_put(db, &m, &mid2, &e), &e, "member again");
	cr_assert_eq(mid2, mid);
	struct post po = {
		.code = (char *)"COORD", .label = (char *)"Coordinatrice", .holder = (char *)"IDE1",
		.fte = 80, .yearly_cost = 4200000, .start = day(2025, 1, 1), .end = DATE_NONE,
	};
	ok(db_post_put(db, &po, NULL, &e), &e, "post");
	struct post_funding f1 = { .post = (char *)"COORD", .source = (char *)"ACI", .share_bp = 7000,
	                           .start = day(2025, 1, 1), .end = DATE_NONE };
	struct post_funding f2 = { .post = (char *)"COORD", .source = (char *)"FIR", .share_bp = 3000,
	                           .start = day(2025, 1, 1), .end = DATE_NONE };
	ok(db_funding_add(db, &f1, &e), &e, "funding");
	ok(db_funding_add(db, &f2, &e), &e, "funding");
	struct post_funding bad = f1;
	bad.post = (char *)"NOPE";
	cr_assert_eq(db_funding_add(db, &bad, &e), ST_NOTFOUND);
	err_fini(&e);
	struct patient pa = {
		.code = (char *)"P1", .gp = (char *)"GP1", .enrolled = day(2024, 1, 15), .left = DATE_NONE,
		.birth_year = 1958, .sex = 'F', .ald = (char *)"diabetes|cardio", .c2s = true,
	};
	ok(db_patient_put(db, &pa, &e), &e, "patient");
	pa.code = (char *)"P2";
	pa.gp = (char *)"GHOST";
	cr_assert_eq(db_patient_put(db, &pa, &e), ST_NOTFOUND);
	cr_assert(strstr(err_text(&e), "GHOST"), "%s", err_text(&e));
	err_fini(&e);
	struct activity ac = { .member = (char *)"IDE1", .date = day(2025, 1, 20), .kind = (char *)"RCP",
	                       .hours = 150 };
	ok(db_activity_add(db, &ac, &e), &e, "activity");
	ac.member = (char *)"GHOST";
	cr_assert_eq(db_activity_add(db, &ac, &e), ST_NOTFOUND);
	cr_assert(strstr(err_text(&e), "GHOST"), "%s", err_text(&e));
	err_fini(&e);
	struct receipt r = {
		.source = (char *)"ACI", .kind = (char *)"balance", .exercise = (char *)"2024",
		.start = day(2024, 1, 1), .end = day(2024, 12, 31), .received = day(2025, 4, 28),
		.amount = -123456, .reference = (char *)"ACI-2024-SOLDE", .note = (char *)"Solde négatif",
	};
	int64_t rid = 0;
	ok(db_receipt_put(db, &r, &rid, &e), &e, "receipt");
	ok(db_commit(db, &e), &e, "commit");

	struct member got;
	ok(db_member_get(db, "IDE1", &got, &e), &e, "member_get");
	cr_assert_str_eq(got.name, "Nguyễn Thị Lan");
	cr_assert_eq(got.fte, 80);
	cr_assert_eq(got.left, day(2025, 8, 31));
	cr_assert_str_eq(got.rpps, "10001234565");
	member_fini(&got);
	struct post *pv;
	size_t n;
	ok(db_posts(db, &pv, &n, &e), &e, "posts");
	cr_assert_eq(n, 1);
	cr_assert_str_eq(pv[0].holder, "IDE1");
	cr_assert_eq(pv[0].yearly_cost, 4200000);
	cr_assert_eq(pv[0].end, DATE_NONE);
	post_list_free(pv, n);
	struct post_funding *fv;
	ok(db_fundings(db, &fv, &n, &e), &e, "fundings");
	cr_assert_eq(n, 2);
	cr_assert_str_eq(fv[0].source, "ACI");
	cr_assert_eq(fv[0].share_bp, 7000);
	funding_list_free(fv, n);
	struct receipt rr;
	ok(db_receipt_find(db, "ACI-2024-SOLDE", &rr, &e), &e, "find by ref");
	cr_assert_eq(rr.id, rid);
	cr_assert_eq(rr.amount, -123456);
	receipt_fini(&rr);
	char idtext[32];
	snprintf(idtext, sizeof idtext, "%" PRId64, rid);
	ok(db_receipt_find(db, idtext, &rr, &e), &e, "find by id");
	cr_assert_str_eq(rr.reference, "ACI-2024-SOLDE");
	receipt_fini(&rr);
	cr_assert_eq(db_receipt_find(db, "ACI-2099", &rr, &e), ST_NOTFOUND);
	err_fini(&e);
	cr_assert_eq(count(db, "patients"), 1);
	cr_assert_eq(count(db, "activities"), 1);
	int64_t x;
	cr_assert_eq(db_count(db, "sqlite_schema; DROP TABLE members", &x, &e), ST_INTERNAL);
	err_fini(&e);
	db_close(db);
	free(p);
}

/* The engine's view: patient-days and hours inside the period only. */
Test(db, alloc_members_aggregates)
{
	char *p = support_path("agg.db");
	struct db *db = new_practice(p);
	struct err e = ERR_INIT;
	ok(db_begin(db, &e), &e, "begin");
	struct patient pa = { .gp = (char *)"GP1", .birth_year = 1960, .sex = 'M', .ald = (char *)"" };
	/* Whole period (31 days), 10 days (Jan 22..31), 5 days (Jan 1..5),
	 * before the period, after it. */
	const struct { const char *code; int32_t in, out; } pats[] = {
		{ "A", day(2020, 1, 1), DATE_NONE },
		{ "B", day(2025, 1, 22), DATE_NONE },
		{ "C", day(2024, 6, 1), day(2025, 1, 5) },
		{ "D", day(2024, 6, 1), day(2024, 12, 31) },
		{ "E", day(2025, 2, 1), DATE_NONE },
	};
	for (size_t i = 0; i < sizeof pats / sizeof pats[0]; i++) {
		pa.code = (char *)pats[i].code;
		pa.enrolled = pats[i].in;
		pa.left = pats[i].out;
		ok(db_patient_put(db, &pa, &e), &e, "patient");
	}
	struct activity ac = { .member = (char *)"GP2", .kind = (char *)"RCP", .hours = 100 };
	const int32_t days[] = { day(2024, 12, 31), day(2025, 1, 1), day(2025, 1, 31), day(2025, 2, 1) };
	for (size_t i = 0; i < 4; i++) {
		ac.date = days[i];
		ok(db_activity_add(db, &ac, &e), &e, "activity");
	}
	ac.kind = (char *)"meeting";
	ac.date = day(2025, 1, 15);
	ac.hours = 75;
	ok(db_activity_add(db, &ac, &e), &e, "activity");
	ok(db_commit(db, &e), &e, "commit");

	struct db_alloc_members m;
	ok(db_alloc_members(db, day(2025, 1, 1), day(2025, 1, 31), &m, &e), &e, "alloc_members");
	cr_assert_eq(m.n, 2);
	const struct alloc_member *g1 = strcmp(m.v[0].code, "GP1") == 0 ? &m.v[0] : &m.v[1];
	const struct alloc_member *g2 = g1 == &m.v[0] ? &m.v[1] : &m.v[0];
	cr_assert_str_eq(g1->code, "GP1");
	cr_assert_str_eq(g1->group, "medical");
	cr_assert_eq(g1->patient_days, 31 + 10 + 5);
	cr_assert_eq(g1->patients_end, 2);
	cr_assert_eq(g1->n_hours, 0);
	cr_assert_eq(g2->patient_days, 0);
	cr_assert_eq(g2->n_hours, 2);
	int64_t rcp = -1, meeting = -1;
	for (size_t i = 0; i < g2->n_hours; i++) {
		if (strcmp(g2->hours[i].kind, "RCP") == 0)
			rcp = g2->hours[i].hours;
		if (strcmp(g2->hours[i].kind, "meeting") == 0)
			meeting = g2->hours[i].hours;
	}
	cr_assert_eq(rcp, 200, "RCP hundredths %" PRId64, rcp);
	cr_assert_eq(meeting, 75);
	db_alloc_members_fini(&m);
	db_close(db);
	free(p);
}

Test(db, integrity_clean_then_foreign_key_problem)
{
	char *p = support_path("int.db");
	struct db *db = new_practice(p);
	struct sbuf rep;
	sb_init(&rep);
	size_t problems = 99;
	struct err e = ERR_INIT;
	ok(db_integrity(db, &rep, &problems, &e), &e, "integrity");
	cr_assert_eq(problems, 0, "%s", rep.s ? rep.s : "");
	db_close(db);
	sqlite3 *h = raw_open(p);   /* foreign_keys is off by default here */
	raw_exec(h, "INSERT INTO activities (member_id, day, kind, hours) VALUES (999, '2025-01-01', 'RCP', 100);");
	sqlite3_close(h);
	db = open_ok(p, DB_OPEN);
	ok(db_integrity(db, &rep, &problems, &e), &e, "integrity");
	cr_assert_eq(problems, 1);
	cr_assert(rep.s && strstr(rep.s, "activities"), "%s", rep.s ? rep.s : "");
	sb_fini(&rep);
	db_close(db);
	free(p);
}
