/* schema.c: the numbered migrations. Each sets PRAGMA user_version; db.c
 * runs every pending one in one transaction, so a migration killed midway
 * leaves the old version. */
#include <stddef.h>

#include "db_internal.h"

/* Dates are ISO text (readable from the sqlite3 shell, sortable); money
 * INTEGER cents; FTE, hours, points and rates hundredths or basis points.
 * STRICT tables so a string never lands in an INTEGER column. */
static const char migration1[] =
"CREATE TABLE settings ("
"  name TEXT PRIMARY KEY,"
"  value TEXT NOT NULL"
") STRICT;"

"CREATE TABLE professions ("
"  code TEXT PRIMARY KEY,"
"  grp TEXT NOT NULL"
") STRICT;"

"CREATE TABLE members ("
"  id INTEGER PRIMARY KEY,"
"  code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32),"
"  name TEXT NOT NULL CHECK (length(name) > 0),"
"  profession TEXT NOT NULL REFERENCES professions(code),"
"  status TEXT NOT NULL,"
"  joined TEXT NOT NULL CHECK (date(joined) IS joined),"
"  left_on TEXT CHECK (left_on IS NULL OR (date(left_on) IS left_on AND left_on >= joined)),"
"  fte INTEGER NOT NULL CHECK (fte BETWEEN 0 AND 100),"
"  rpps TEXT CHECK (rpps IS NULL OR (length(rpps) = 11 AND rpps NOT GLOB '*[^0-9]*'))"
") STRICT;"

"CREATE TABLE posts ("
"  id INTEGER PRIMARY KEY,"
"  code TEXT NOT NULL UNIQUE,"
"  label TEXT NOT NULL,"
"  holder_id INTEGER REFERENCES members(id),"
"  fte INTEGER NOT NULL CHECK (fte BETWEEN 0 AND 100),"
"  yearly_cost INTEGER NOT NULL CHECK (yearly_cost >= 0),"
"  start_on TEXT NOT NULL CHECK (date(start_on) IS start_on),"
"  end_on TEXT CHECK (end_on IS NULL OR (date(end_on) IS end_on AND end_on >= start_on))"
") STRICT;"

"CREATE TABLE post_funding ("
"  id INTEGER PRIMARY KEY,"
"  post_id INTEGER NOT NULL REFERENCES posts(id),"
"  source TEXT NOT NULL,"
"  share_bp INTEGER NOT NULL CHECK (share_bp BETWEEN 1 AND 10000),"
"  start_on TEXT NOT NULL CHECK (date(start_on) IS start_on),"
"  end_on TEXT CHECK (end_on IS NULL OR (date(end_on) IS end_on AND end_on >= start_on))"
") STRICT;"

"CREATE TABLE patients ("
"  id INTEGER PRIMARY KEY,"
"  code TEXT NOT NULL UNIQUE,"
"  gp_id INTEGER NOT NULL REFERENCES members(id),"
"  enrolled TEXT NOT NULL CHECK (date(enrolled) IS enrolled),"
"  left_on TEXT CHECK (left_on IS NULL OR (date(left_on) IS left_on AND left_on >= enrolled)),"
"  birth_year INTEGER NOT NULL CHECK (birth_year BETWEEN 1900 AND 2200),"
"  sex TEXT NOT NULL CHECK (sex IN ('F', 'M')),"
"  ald TEXT NOT NULL DEFAULT '',"
"  c2s INTEGER NOT NULL CHECK (c2s IN (0, 1))"
") STRICT;"
"CREATE INDEX patients_gp ON patients(gp_id, enrolled, left_on);"

"CREATE TABLE receipts ("
"  id INTEGER PRIMARY KEY,"
"  source TEXT NOT NULL,"
"  kind TEXT NOT NULL,"
"  exercise TEXT NOT NULL CHECK (length(exercise) > 0),"
"  period_start TEXT NOT NULL CHECK (date(period_start) IS period_start),"
"  period_end TEXT NOT NULL CHECK (date(period_end) IS period_end AND period_end >= period_start),"
"  received TEXT NOT NULL CHECK (date(received) IS received),"
"  amount INTEGER NOT NULL,"
"  reference TEXT UNIQUE,"
"  note TEXT"
") STRICT;"
"CREATE INDEX receipts_exercise ON receipts(source, exercise);"

"CREATE TABLE activities ("
"  id INTEGER PRIMARY KEY,"
"  member_id INTEGER NOT NULL REFERENCES members(id),"
"  day TEXT NOT NULL CHECK (date(day) IS day),"
"  kind TEXT NOT NULL,"
"  hours INTEGER NOT NULL CHECK (hours > 0),"
"  note TEXT"
") STRICT;"
"CREATE INDEX activities_member ON activities(member_id, day);"

"CREATE TABLE keys ("
"  id INTEGER PRIMARY KEY,"
"  name TEXT NOT NULL UNIQUE"
") STRICT;"
"CREATE TABLE key_versions ("
"  id INTEGER PRIMARY KEY,"
"  key_id INTEGER NOT NULL REFERENCES keys(id),"
"  version INTEGER NOT NULL CHECK (version >= 1),"
"  created TEXT NOT NULL,"
"  body TEXT NOT NULL,"
"  UNIQUE (key_id, version)"
") STRICT;"
"CREATE TRIGGER key_versions_frozen_u BEFORE UPDATE ON key_versions"
"  BEGIN SELECT RAISE(ABORT, 'key versions never change'); END;"
"CREATE TRIGGER key_versions_frozen_d BEFORE DELETE ON key_versions"
"  BEGIN SELECT RAISE(ABORT, 'key versions never change'); END;"

/* A distribution: one key version applied to one receipt. `base` is what
 * the key divided: the receipt's amount, or in true-up mode the exercise's
 * total; each line's cents = share - before, where `before` is what earlier
 * approved distributions of the exercise gave that recipient. */
"CREATE TABLE distributions ("
"  id INTEGER PRIMARY KEY AUTOINCREMENT,"   /* a number shown once is never reused */
"  receipt_id INTEGER NOT NULL REFERENCES receipts(id),"
"  key_version_id INTEGER NOT NULL REFERENCES key_versions(id),"
"  mode TEXT NOT NULL CHECK (mode IN ('normal', 'true-up', 'reversal')),"
"  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved')),"
"  amount INTEGER NOT NULL,"
"  base INTEGER NOT NULL,"
"  reserved INTEGER NOT NULL,"
"  period_start TEXT NOT NULL,"
"  period_end TEXT NOT NULL,"
"  created TEXT NOT NULL,"
"  approved_on TEXT CHECK (approved_on IS NULL OR date(approved_on) IS approved_on),"
"  approved_note TEXT,"
"  reverses INTEGER REFERENCES distributions(id),"
"  CHECK ((status = 'approved') = (approved_on IS NOT NULL))"
") STRICT;"
"CREATE UNIQUE INDEX distributions_one_draft ON distributions(receipt_id) WHERE status = 'draft';"

"CREATE TABLE distribution_parts ("
"  distribution_id INTEGER NOT NULL REFERENCES distributions(id),"
"  kind TEXT NOT NULL CHECK (kind IN ('reservation', 'pool')),"
"  idx INTEGER NOT NULL,"
"  label TEXT NOT NULL,"
"  account TEXT,"
"  basis TEXT,"
"  rate_bp INTEGER,"
"  fixed INTEGER,"
"  amount INTEGER NOT NULL,"
"  PRIMARY KEY (distribution_id, kind, idx)"
") STRICT;"

"CREATE TABLE distribution_lines ("
"  id INTEGER PRIMARY KEY,"
"  distribution_id INTEGER NOT NULL REFERENCES distributions(id),"
"  seq INTEGER NOT NULL,"
"  kind TEXT NOT NULL CHECK (kind IN ('reservation', 'pool')),"
"  idx INTEGER NOT NULL,"
"  recipient TEXT NOT NULL,"
"  member_id INTEGER REFERENCES members(id),"
"  label TEXT NOT NULL,"
"  basis TEXT,"
"  value TEXT NOT NULL,"
"  factor INTEGER NOT NULL,"
"  presence TEXT NOT NULL,"
"  weight TEXT NOT NULL,"
"  exact TEXT NOT NULL,"
"  share INTEGER NOT NULL,"
"  before INTEGER NOT NULL DEFAULT 0,"
"  cents INTEGER NOT NULL,"
"  leftover INTEGER NOT NULL CHECK (leftover IN (0, 1)),"
"  CHECK (cents = share - before),"
"  UNIQUE (distribution_id, seq)"
") STRICT;"
"CREATE INDEX distribution_lines_member ON distribution_lines(member_id);"

"CREATE TABLE payments ("
"  id INTEGER PRIMARY KEY,"
"  line_id INTEGER NOT NULL UNIQUE REFERENCES distribution_lines(id),"
"  paid_on TEXT NOT NULL CHECK (date(paid_on) IS paid_on),"
"  means TEXT NOT NULL,"
"  amount INTEGER NOT NULL"
") STRICT;"

/* Approved means frozen, whoever asks: the program or the sqlite3 shell. */
"CREATE TRIGGER distributions_frozen_u BEFORE UPDATE ON distributions"
"  WHEN OLD.status = 'approved'"
"  BEGIN SELECT RAISE(ABORT, 'approved distribution cannot change'); END;"
"CREATE TRIGGER distributions_frozen_d BEFORE DELETE ON distributions"
"  WHEN OLD.status = 'approved'"
"  BEGIN SELECT RAISE(ABORT, 'approved distribution cannot change'); END;"
"CREATE TRIGGER distribution_lines_frozen_i BEFORE INSERT ON distribution_lines"
"  WHEN (SELECT status FROM distributions WHERE id = NEW.distribution_id) = 'approved'"
"  BEGIN SELECT RAISE(ABORT, 'approved distribution cannot change'); END;"
"CREATE TRIGGER distribution_lines_frozen_u BEFORE UPDATE ON distribution_lines"
"  WHEN (SELECT status FROM distributions WHERE id = OLD.distribution_id) = 'approved'"
"  BEGIN SELECT RAISE(ABORT, 'approved distribution cannot change'); END;"
"CREATE TRIGGER distribution_lines_frozen_d BEFORE DELETE ON distribution_lines"
"  WHEN (SELECT status FROM distributions WHERE id = OLD.distribution_id) = 'approved'"
"  BEGIN SELECT RAISE(ABORT, 'approved distribution cannot change'); END;"
"CREATE TRIGGER distribution_parts_frozen_i BEFORE INSERT ON distribution_parts"
"  WHEN (SELECT status FROM distributions WHERE id = NEW.distribution_id) = 'approved'"
"  BEGIN SELECT RAISE(ABORT, 'approved distribution cannot change'); END;"
"CREATE TRIGGER distribution_parts_frozen_u BEFORE UPDATE ON distribution_parts"
"  WHEN (SELECT status FROM distributions WHERE id = OLD.distribution_id) = 'approved'"
"  BEGIN SELECT RAISE(ABORT, 'approved distribution cannot change'); END;"
"CREATE TRIGGER distribution_parts_frozen_d BEFORE DELETE ON distribution_parts"
"  WHEN (SELECT status FROM distributions WHERE id = OLD.distribution_id) = 'approved'"
"  BEGIN SELECT RAISE(ABORT, 'approved distribution cannot change'); END;"
/* A receipt with an approved distribution keeps its amount and period. */
"CREATE TRIGGER receipts_frozen_u BEFORE UPDATE ON receipts"
"  WHEN EXISTS (SELECT 1 FROM distributions WHERE receipt_id = OLD.id AND status = 'approved')"
"   AND (NEW.amount IS NOT OLD.amount OR NEW.period_start IS NOT OLD.period_start"
"        OR NEW.period_end IS NOT OLD.period_end OR NEW.source IS NOT OLD.source"
"        OR NEW.exercise IS NOT OLD.exercise)"
"  BEGIN SELECT RAISE(ABORT, 'receipt has an approved distribution'); END;"
"CREATE TRIGGER payments_frozen_u BEFORE UPDATE ON payments"
"  BEGIN SELECT RAISE(ABORT, 'payments never change'); END;"
"CREATE TRIGGER payments_frozen_d BEFORE DELETE ON payments"
"  BEGIN SELECT RAISE(ABORT, 'payments never change'); END;"

/* The audit log is append-only and hash-chained: hash = SHA-256 of the
 * previous hash and this entry's fields (see db_audit). */
"CREATE TABLE audit ("
"  id INTEGER PRIMARY KEY,"
"  at TEXT NOT NULL,"
"  who TEXT NOT NULL,"
"  action TEXT NOT NULL,"
"  detail TEXT NOT NULL,"
"  prev TEXT NOT NULL,"
"  hash TEXT NOT NULL UNIQUE"
") STRICT;"
"CREATE TRIGGER audit_append_only_u BEFORE UPDATE ON audit"
"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
"CREATE TRIGGER audit_append_only_d BEFORE DELETE ON audit"
"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
;

/* The hours of a period (alloc_data.c: WHERE day BETWEEN ... GROUP BY
 * member_id, kind) read from the index alone, in day order: the cost stays
 * that of the period's rows however many years pile up, without a random
 * read of the table per row. */
static const char migration2[] =
"CREATE INDEX activities_day ON activities(day, member_id, kind, hours);"
;

/* What a distribution was computed from, beside the amount and period it
 * stores already: its receipt's source and exercise, so that approving a
 * draft whose receipt moved to another source or exercise since is
 * refused. NULL in rows written before (not known). Only the approval,
 * which writes, reads them: a reader opens a version-2 file as it is. */
static const char migration3[] =
"ALTER TABLE distributions ADD COLUMN source TEXT;"
"ALTER TABLE distributions ADD COLUMN exercise TEXT;"
;

/* What the practice should receive (FORECAST.md): the yearly ACI
 * declaration and PEPS grid, each stored as the file it was imported
 * from once checked and rewritten in its canonical form (export gives it
 * back), with the rule set it was checked against; and the expected
 * instalments, by origin (an estimate saved, or entered by hand). New
 * tables only: a reader of version 3 opens the file as it is. */
static const char migration4[] =
"CREATE TABLE forecast_files ("
"  kind TEXT NOT NULL CHECK (kind IN ('aci', 'peps')),"
"  exercise INTEGER NOT NULL CHECK (exercise BETWEEN 1900 AND 9999),"
"  rules TEXT,"
"  body TEXT NOT NULL,"
"  saved TEXT NOT NULL,"
"  PRIMARY KEY (kind, exercise)"
") STRICT;"
"CREATE TABLE expected ("
"  id INTEGER PRIMARY KEY,"
"  origin TEXT NOT NULL CHECK (origin IN ('aci', 'peps', 'manual')),"
"  source TEXT NOT NULL,"
"  exercise TEXT NOT NULL CHECK (length(exercise) > 0),"
"  kind TEXT NOT NULL,"
"  due TEXT NOT NULL CHECK (date(due) IS due),"
"  amount INTEGER NOT NULL,"
"  note TEXT"
") STRICT;"
"CREATE INDEX expected_exercise ON expected(source, exercise);"
;

/* The members' bank accounts, for the SEPA transfer file: an IBAN and a
 * BIC, both optional, stored normalised (upper case, no spaces). A
 * reader of version 4 opens the file as it is: the member lists read
 * the two columns only from version 5 on (db->schema). */
static const char migration5[] =
"ALTER TABLE members ADD COLUMN iban TEXT CHECK (iban IS NULL OR length(iban) BETWEEN 15 AND 34);"
"ALTER TABLE members ADD COLUMN bic TEXT CHECK (bic IS NULL OR length(bic) IN (8, 11));"
;

const struct db_migration db_migrations[] = {
	{ 1, migration1, false },
	{ 2, migration2, true },
	{ 3, migration3, true },
	{ 4, migration4, true },
	{ 5, migration5, true },
};
const size_t db_n_migrations = sizeof db_migrations / sizeof db_migrations[0];
