/* alloc_data.c: what the engine needs to know of the members over a
 * period, computed by aggregate queries (patient-days, hours by kind). */
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "quotepart/date.h"
#include "quotepart/i18n.h"

void db_alloc_members_fini(struct db_alloc_members *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n_strings; i++)
		free(m->strings[i]);
	free(m->strings);
	free(m->hours);
	free(m->v);
	memset(m, 0, sizeof *m);
}

/* Keep a copy of a column's text in m->strings; NULL when out of memory. */
static const char *keep(struct db_alloc_members *m, sqlite3_stmt *st, int col,
                        size_t *cap)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	char *s = strdup(t ? (const char *)t : "");
	if (!s)
		return NULL;
	if (m->n_strings == *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		char **nv = realloc(m->strings, nc * sizeof *nv);
		if (!nv) {
			free(s);
			return NULL;
		}
		m->strings = nv;
		*cap = nc;
	}
	m->strings[m->n_strings++] = s;
	return s;
}

/* Room for one more row in two arrays kept the same length, the rows
 * (*rows, a T ** of row_size elements) and their owners' ids, doubling
 * *cap from `first`. False when out of memory: both stay valid (the rows
 * may have grown alone). */
static bool grow_pair(void *rows, size_t row_size, int64_t **ids, size_t len, size_t *cap,
                      size_t first)
{
	if (len < *cap)
		return true;
	size_t nc = *cap ? *cap * 2 : first;
	void **pr = rows;
	void *nr = realloc(*pr, nc * row_size);
	if (!nr)
		return false;
	*pr = nr;
	int64_t *ni = realloc(*ids, nc * sizeof *ni);
	if (!ni)
		return false;
	*ids = ni;
	*cap = nc;
	return true;
}

static struct alloc_member *by_id(struct db_alloc_members *m, const int64_t *ids,
                                  int64_t id)
{
	/* Members are few (hundreds): a binary search on ids sorted with the
	 * members (ORDER BY id). */
	size_t lo = 0, hi = m->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->n && ids[lo] == id ? &m->v[lo] : NULL;
}

/* Every member, with its id in (*ids)[i] (allocated). */
static enum status read_members(struct db *db, struct db_alloc_members *out, int64_t **idsp,
                                size_t *cap_strings, struct err *e)
{
	size_t cap_members = 0;
	int64_t *ids = NULL;
	sqlite3_stmt *st = NULL;
	enum status rc = db_prepare(db,
		"SELECT m.id, m.code, m.profession, p.grp, m.status, m.joined, m.left_on, m.fte "
		"FROM members m JOIN professions p ON p.code = m.profession ORDER BY m.id;", &st, e);
	int r = SQLITE_DONE;
	while (rc == ST_OK && (r = sqlite3_step(st)) == SQLITE_ROW) {
		if (!grow_pair(&out->v, sizeof *out->v, &ids, out->n, &cap_members, 32)) {
			rc = err_set(e, ST_NOMEM, NULL);
			break;
		}
		struct alloc_member *am = &out->v[out->n];
		memset(am, 0, sizeof *am);
		ids[out->n] = sqlite3_column_int64(st, 0);
		am->code = keep(out, st, 1, cap_strings);
		am->profession = keep(out, st, 2, cap_strings);
		am->group = keep(out, st, 3, cap_strings);
		am->status = keep(out, st, 4, cap_strings);
		am->joined = db_col_date(st, 5);
		am->left = db_col_date(st, 6);
		am->fte = sqlite3_column_int(st, 7);
		out->n++;
		if (!am->code || !am->profession || !am->group || !am->status)
			rc = err_set(e, ST_NOMEM, NULL);
	}
	if (rc == ST_OK && r != SQLITE_DONE)
		rc = db_fail(db, e, _("reading members"));
	sqlite3_finalize(st);
	*idsp = ids;
	return rc;
}

/* Patient-days in [s, t] and patients enrolled at t, per GP. */
static enum status read_patient_days(struct db *db, struct db_alloc_members *out, const int64_t *ids,
                                     const char *s, const char *t, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int r;
	/* Patient-days: each patient counts the days of its enrolment inside
	 * [start, end]; unixepoch() keeps the day arithmetic in integers. */
	enum status rc = db_prepare(db,
			"SELECT gp_id,"
			" sum((unixepoch(min(coalesce(left_on, ?2), ?2)) - unixepoch(max(enrolled, ?1))) / 86400 + 1),"
			" sum(enrolled <= ?2 AND (left_on IS NULL OR left_on >= ?2)) "
			"FROM patients WHERE enrolled <= ?2 AND (left_on IS NULL OR left_on >= ?1) "
			"GROUP BY gp_id;", &st, e);
	if (rc == ST_OK) {
		sqlite3_bind_text(st, 1, s, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, t, -1, SQLITE_TRANSIENT);
		while ((r = sqlite3_step(st)) == SQLITE_ROW) {
			struct alloc_member *am = by_id(out, ids, sqlite3_column_int64(st, 0));
			if (am) {
				am->patient_days = sqlite3_column_int64(st, 1);
				am->patients_end = sqlite3_column_int64(st, 2);
			}
		}
		if (r != SQLITE_DONE)
			rc = db_fail(db, e, _("reading patients"));
		sqlite3_finalize(st);
	}

	return rc;
}

/* Hours in [s, t] by member and kind, each member pointed at its slice. */
static enum status read_hours(struct db *db, struct db_alloc_members *out, const int64_t *ids,
                              const char *s, const char *t, size_t *cap_strings, struct err *e)
{
	sqlite3_stmt *st = NULL;
	size_t cap_hours = 0;
	int r;
	/* Hours by member and kind; grouped by member so each member's hours
	 * are one contiguous slice of out->hours. */
	enum status rc = db_prepare(db,
			"SELECT member_id, kind, sum(hours) FROM activities "
			"WHERE day BETWEEN ?1 AND ?2 GROUP BY member_id, kind ORDER BY member_id, kind;", &st, e);
	int64_t *owner = NULL;
	if (rc == ST_OK) {
		sqlite3_bind_text(st, 1, s, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, t, -1, SQLITE_TRANSIENT);
		while ((r = sqlite3_step(st)) == SQLITE_ROW) {
			if (!grow_pair(&out->hours, sizeof *out->hours, &owner, out->n_hours, &cap_hours, 64)) {
				rc = err_set(e, ST_NOMEM, NULL);
				break;
			}
			struct alloc_hours *h = &out->hours[out->n_hours];
			owner[out->n_hours] = sqlite3_column_int64(st, 0);
			h->kind = keep(out, st, 1, cap_strings);
			h->hours = sqlite3_column_int64(st, 2);
			out->n_hours++;
			if (!h->kind) {
				rc = err_set(e, ST_NOMEM, NULL);
				break;
			}
		}
		if (rc == ST_OK && r != SQLITE_DONE)
			rc = db_fail(db, e, _("reading activities"));
		sqlite3_finalize(st);
	}
	/* Point each member at its slice, now that out->hours stopped moving. */
	for (size_t i = 0; rc == ST_OK && i < out->n_hours;) {
		size_t j = i;
		while (j < out->n_hours && owner[j] == owner[i])
			j++;
		struct alloc_member *am = by_id(out, ids, owner[i]);
		if (am) {
			am->hours = &out->hours[i];
			am->n_hours = j - i;
		}
		i = j;
	}
	free(owner);
	return rc;
}

enum status db_alloc_members(struct db *db, int32_t start, int32_t end,
                             struct db_alloc_members *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	char s[DATE_BUFSZ], t[DATE_BUFSZ];
	date_format(start, s, sizeof s);
	date_format(end, t, sizeof t);
	int64_t *ids = NULL;
	size_t cap_strings = 0;
	enum status rc = read_members(db, out, &ids, &cap_strings, e);
	if (rc == ST_OK)
		rc = read_patient_days(db, out, ids, s, t, e);
	if (rc == ST_OK)
		rc = read_hours(db, out, ids, s, t, &cap_strings, e);
	free(ids);
	if (rc != ST_OK)
		db_alloc_members_fini(out);
	return rc;
}
