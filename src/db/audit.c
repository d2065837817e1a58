/* audit.c: the audit log, a chain of SHA-256 hashes: each entry written
 * with the hash of the one before, verified from the first, its head. */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "db_internal.h"
#include "quotepart/i18n.h"

static char *os_user(void)
{
	struct passwd *pw = getpwuid(geteuid());
	if (pw && pw->pw_name)
		return strdup(pw->pw_name);
	char buf[32];
	snprintf(buf, sizeof buf, "uid %ld", (long)geteuid());
	return strdup(buf);
}

/* SHA-256 of the previous hash and the entry's fields, each followed by a
 * NUL so that no two different entries hash the same bytes. */
static bool audit_hash(const char *prev, const char *at, const char *who,
                       const char *action, const char *detail, char hex[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	if (!ctx)
		return false;
	const char *parts[] = { prev, at, who, action, detail };
	bool ok = EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1;
	for (size_t i = 0; ok && i < sizeof parts / sizeof parts[0]; i++)
		ok = EVP_DigestUpdate(ctx, parts[i], strlen(parts[i]) + 1) == 1;
	ok = ok && EVP_DigestFinal_ex(ctx, md, &len) == 1 && len == 32;
	EVP_MD_CTX_free(ctx);
	for (unsigned i = 0; ok && i < len; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	return ok;
}

enum status db_audit_verify(struct db *db, int64_t *entries, char **head,
                            struct err *e)
{
	sqlite3_stmt *st;
	*entries = 0;
	if (head)
		*head = NULL;
	enum status rc = db_prepare(db, "SELECT id, at, who, action, detail, prev, hash FROM audit ORDER BY id;", &st, e);
	if (rc != ST_OK)
		return rc;
	char last[65] = "";
	int r = SQLITE_DONE;
	while (rc == ST_OK && (r = sqlite3_step(st)) == SQLITE_ROW) {
		const char *f[6];
		for (int i = 0; i < 6; i++) {
			f[i] = (const char *)sqlite3_column_text(st, i + 1);
			if (!f[i])
				f[i] = "";
		}
		char hex[65];
		long long id = sqlite3_column_int64(st, 0);
		if (strcmp(f[4], last) != 0)
			rc = err_set(e, ST_CORRUPT, _("audit log: entry %lld does not follow the entry before it (the chain is broken)"), id);
		else if (!audit_hash(f[4], f[0], f[1], f[2], f[3], hex))
			rc = err_set(e, ST_INTERNAL, _("audit log: cannot compute SHA-256"));
		else if (strcmp(hex, f[5]) != 0)
			rc = err_set(e, ST_CORRUPT, _("audit log: entry %lld was altered (its hash does not match its content)"), id);
		else {
			memcpy(last, hex, sizeof last);
			(*entries)++;
		}
	}
	if (rc == ST_OK && r != SQLITE_DONE)
		rc = db_fail(db, e, _("audit log"));
	sqlite3_finalize(st);
	if (rc == ST_OK && head && !(*head = strdup(last)))
		rc = err_set(e, ST_NOMEM, NULL);
	return rc;
}

enum status db_audit_head(struct db *db, char head[65], int64_t *entries,
                          struct err *e)
{
	sqlite3_stmt *st;
	head[0] = '\0';
	*entries = 0;
	enum status rc = db_prepare(db, "SELECT (SELECT count(*) FROM audit), "
	                                "(SELECT hash FROM audit ORDER BY id DESC LIMIT 1);", &st, e);
	if (rc != ST_OK)
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*entries = sqlite3_column_int64(st, 0);
		const char *h = (const char *)sqlite3_column_text(st, 1);
		snprintf(head, 65, "%s", h ? h : "");
	} else {
		rc = db_fail(db, e, _("audit log"));
	}
	sqlite3_finalize(st);
	return rc;
}

enum status db_audit(struct db *db, const char *action, const char *detail,
                     struct err *e)
{
	sqlite3_stmt *st = NULL;
	char *prev = NULL, *who = os_user();
	enum status rc;
	char at[32], hex[65];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (!who)
		return err_set(e, ST_NOMEM, NULL);

	rc = db_prepare(db, "SELECT hash FROM audit ORDER BY id DESC LIMIT 1;", &st, e);
	if (rc == ST_OK) {
		int r = sqlite3_step(st);
		if (r == SQLITE_ROW)
			prev = db_col_text(st, 0);
		else if (r == SQLITE_DONE)
			prev = strdup("");
		else
			rc = db_fail(db, e, _("audit log"));
		sqlite3_finalize(st);
	}
	if (rc == ST_OK && !prev)
		rc = err_set(e, ST_NOMEM, NULL);
	if (rc == ST_OK && !audit_hash(prev, at, who, action, detail ? detail : "", hex))
		rc = err_set(e, ST_INTERNAL, _("audit log: cannot compute SHA-256"));
	if (rc == ST_OK)
		rc = db_prepare(db, "INSERT INTO audit (at, who, action, detail, prev, hash) VALUES (?, ?, ?, ?, ?, ?);", &st, e);
	if (rc == ST_OK) {
		db_bind_text(st, 1, at);
		db_bind_text(st, 2, who);
		db_bind_text(st, 3, action);
		db_bind_text(st, 4, detail ? detail : "");
		db_bind_text(st, 5, prev);
		db_bind_text(st, 6, hex);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = db_fail(db, e, _("audit log"));
		sqlite3_finalize(st);
	}
	free(prev);
	free(who);
	return rc;
}
