/* import.c: CSV files in, all or nothing (export.c writes them out).
 *
 * A file is read whole (and a patients file searched for NIRs) before
 * anything is written; then, in one transaction, each row is parsed,
 * checked against the configuration and written at once, so memory does
 * not grow with the rows. The first bad line is reported as "FILE:LINE:
 * what" and the transaction rolled back: nothing is written. */
#include <stdlib.h>
#include <string.h>

#include "app_internal.h"
#include "quotepart/array.h"
#include "quotepart/csv.h"
#include "quotepart/date.h"
#include "quotepart/i18n.h"
#include "quotepart/ident.h"
#include "quotepart/money.h"

/* The drafts an import of receipts removed. */
struct drops {
	struct app_dropped *v;
	size_t n;
};

/* One row being read: the table, the row, and the column map. */
struct reader {
	const struct csv_table *csv;
	const struct csv_row *row;
	int map[16];   /* column index in the file of each known column, -1 */
	const struct column *cols;
	const struct config *cfg;
	int64_t last_activity;   /* activities up to this id were there before */
	struct member *members;  /* patients, activities: the stored members, by code */
	size_t n_members;
	struct drops *drops;     /* receipts: the drafts removed */
};

/* Whether the file has the column `name`. */
static bool has_column(const struct reader *r, const char *name)
{
	for (int i = 0; r->cols[i].name; i++)
		if (strcmp(r->cols[i].name, name) == 0)
			return r->map[i] >= 0;
	return false;
}

/* The cell of column `name` in the current row: the table's own string
 * (the table is read once, so cells may be trimmed in place). */
static char *cell(const struct reader *r, const char *name)
{
	static char empty[] = "";
	int k = -1;
	/* The names come from the same literals as the column tables: try
	 * the pointers before comparing the strings (a few per cell). */
	for (int i = 0; k < 0 && r->cols[i].name; i++)
		if (r->cols[i].name == name)
			k = i;
	for (int i = 0; k < 0 && r->cols[i].name; i++)
		if (strcmp(r->cols[i].name, name) == 0)
			k = i;
	if (k < 0 || r->map[k] < 0 || (size_t)r->map[k] >= r->row->n)
		return empty;
	return r->row->cells[r->map[k]];
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Printable ASCII only: what text_check accepts without looking further
 * (controls are below 0x20 or 0x7F, bidi controls and bad UTF-8 above). */
static bool plain_ascii(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p > 0x7E)
			return false;
	return true;
}

/* A cell, trimmed, borrowed from the table (valid until the table is
 * freed); NULL for an empty cell when !required. Trimming writes only the
 * trailing NUL, so reading a cell twice gives the same text. */
static enum status get_cell(const struct reader *r, const char *name, bool required,
                            const char **out, struct err *e)
{
	char *s = cell(r, name);
	size_t n = strlen(s);
	while (n > 0 && is_blank(s[n - 1]))
		n--;
	s[n] = '\0';
	while (is_blank(*s))
		s++;
	/* Our exports guard formulas with a leading apostrophe: a file
	 * exported then imported gets its text back, not the guard. */
	if (s[0] == '\'' && s[1] && strchr("=+-@\t\r", s[1]))
		s++;
	*out = NULL;
	if (!*s)
		return required ? err_set(e, ST_INVALID, _("%s is empty"), name) : ST_OK;
	const char *why = NULL;
	if (!plain_ascii(s) && text_check(s, &why) != ST_OK)
		return err_set(e, ST_INVALID, _("%s: %s is not allowed"), name, _(why));
	*out = s;
	return ST_OK;
}

/* A trimmed copy of a cell, for the fields a record keeps; NULL for an
 * empty cell when !required. */
static enum status get_text(const struct reader *r, const char *name, bool required,
                            char **out, struct err *e)
{
	const char *s;
	enum status rc = get_cell(r, name, required, &s, e);
	*out = NULL;
	if (rc != ST_OK || !s)
		return rc;
	if (!(*out = strdup(s)))
		return err_set(e, ST_NOMEM, NULL);
	return ST_OK;
}

static enum status get_date(const struct reader *r, const char *name, bool required,
                            int32_t *out, struct err *e)
{
	const char *s = NULL;
	enum status rc = get_cell(r, name, required, &s, e);
	if (rc != ST_OK)
		return rc;
	*out = DATE_NONE;
	if (s && date_parse(s, out) != ST_OK)
		rc = err_set(e, ST_INVALID, _("%s \"%s\" is not a date (YYYY-MM-DD or DD/MM/YYYY)"), name, s);
	return rc;
}

/* Hundredths: the FTE ("0,8" -> 80), or hours, also as hours and
 * minutes ("1h30" -> 150). */
static enum status get_hundredths(const struct reader *r, const char *name, int64_t *out, struct err *e)
{
	const char *s = NULL;
	bool hours = strcmp(name, "hours") == 0;
	enum status rc = get_cell(r, name, true, &s, e);
	if (rc == ST_OK && !hours && decimal_parse(s, 2, out) != ST_OK)
		rc = err_set(e, ST_INVALID, _("%s \"%s\" is not a number with at most two decimals"), name, s);
	if (rc == ST_OK && hours && hours_parse(s, out) != ST_OK)
		rc = err_set(e, ST_INVALID, _("hours \"%s\" is not a duration (1,5 or 1h30; minutes in multiples of 3)"), s);
	return rc;
}

static enum status get_code(const struct reader *r, const char *name,
                            const struct codelist *known, const char *what,
                            char **out, struct err *e)
{
	enum status rc = get_text(r, name, true, out, e);
	const struct cfg_item *it = rc == ST_OK && known ? config_find_text(known, *out) : NULL;
	if (rc == ST_OK && known && !it) {
		rc = err_set(e, ST_INVALID, _("unknown %s \"%s\" (not in the configuration)"), what, *out);
		free(*out);
		*out = NULL;
	} else if (it && strcmp(it->code, *out) != 0) {
		/* A label ("Orthophoniste", "Associé") is stored as its code. */
		free(*out);
		if (!(*out = strdup(it->code)))
			rc = err_set(e, ST_NOMEM, NULL);
	}
	return rc;
}

static enum status get_fte(const struct reader *r, int32_t *out, struct err *e)
{
	int64_t v;
	enum status rc = get_hundredths(r, "fte", &v, e);
	if (rc == ST_OK && (v < 0 || v > 100))
		rc = err_set(e, ST_INVALID, _("fte must be between 0 and 1 (full time)"));
	if (rc == ST_OK)
		*out = (int32_t)v;
	return rc;
}

/* An optional IBAN or BIC, checked and normalised (upper case, no
 * spaces) as the practice's are. */
static enum status get_bank(const struct reader *r, const char *name, char **out,
                            struct err *e)
{
	const char *s;
	enum status rc = get_cell(r, name, false, &s, e);
	*out = NULL;
	if (rc != ST_OK || !s)
		return rc;
	char norm[IBAN_MAX];
	const char *why = NULL;
	bool ok = strcmp(name, "iban") == 0 ? ident_iban(s, norm, &why) : ident_bic(s, norm, &why);
	if (!ok)
		return err_set(e, ST_INVALID, _("%s \"%s\" is not valid: %s"), name, s, _(why));
	if (!(*out = strdup(norm)))
		return err_set(e, ST_NOMEM, NULL);
	return ST_OK;
}

static enum status read_member(const struct reader *r, struct member *m, struct err *e)
{
	enum status rc;
	if ((rc = get_text(r, "code", true, &m->code, e)) ||
	    (rc = get_text(r, "name", true, &m->name, e)) ||
	    (rc = get_code(r, "profession", &r->cfg->professions, _("profession"), &m->profession, e)) ||
	    (rc = get_code(r, "status", &r->cfg->statuses, _("status"), &m->status, e)) ||
	    (rc = get_date(r, "joined", true, &m->joined, e)) ||
	    (rc = get_date(r, "left", false, &m->left, e)) ||
	    (rc = get_fte(r, &m->fte, e)) ||
	    (rc = get_text(r, "rpps", false, &m->rpps, e)) ||
	    (rc = get_bank(r, "iban", &m->iban, e)) ||
	    (rc = get_bank(r, "bic", &m->bic, e)))
		return rc;
	return member_validate(m, e);
}

/* A file without an iban (or bic) column leaves the stored one as it is,
 * as a file without funding leaves a post's: m takes it before the
 * upsert. An empty cell of a column the file has clears it. */
static enum status keep_bank(struct app *a, const struct reader *r, struct member *m,
                             struct err *e)
{
	bool iban = has_column(r, "iban"), bic = has_column(r, "bic");
	if (iban && bic)
		return ST_OK;
	struct member now;
	enum status rc = db_member_get(a->db, m->code, &now, e);
	if (rc == ST_NOTFOUND) {
		err_fini(e);
		return ST_OK;
	}
	if (rc != ST_OK)
		return rc;
	if (!iban) {
		m->iban = now.iban;
		now.iban = NULL;
	}
	if (!bic) {
		m->bic = now.bic;
		now.bic = NULL;
	}
	member_fini(&now);
	return ST_OK;
}

/* Cut s at each sep into trimmed parts, at most max of them; the count,
 * or max + 1 when there are more. Empty parts are kept (""), so that the
 * caller refuses them instead of skipping them as strtok would. */
static int split_parts(char *s, char sep, char **parts, int max)
{
	for (int n = 0;; n++) {
		if (n == max)
			return max + 1;
		char *end = strchr(s, sep);
		if (end)
			*end = '\0';
		parts[n] = text_trim(s);
		if (!end)
			return n + 1;
		s = end + 1;
	}
}

/* One funding item SOURCE:PERCENT[:START[:END]] into f, whose period is
 * the post's when the item gives none. Only its form is checked here; what
 * it means (source, share, dates, the total on each day) is checked with
 * the post's other shares by app_fundings_check, as the form is. */
static enum status parse_funding(char *item, struct post_funding *f, struct err *e)
{
	char *text = strdup(text_trim(item));
	if (!text)
		return err_set(e, ST_NOMEM, NULL);
	char *parts[4];
	int np = split_parts(item, ':', parts, 4);
	bool empty = false;
	for (int i = 0; i < np && i < 4; i++)
		empty = empty || !*parts[i];
	int64_t pct = 0;
	enum status rc = ST_OK;
	if (np < 2 || np > 4 || empty)
		rc = err_set(e, ST_INVALID, _("funding: \"%s\" is not SOURCE:PERCENT, SOURCE:PERCENT:START or "
		                              "SOURCE:PERCENT:START:END (items separated by |)"), text);
	else if (decimal_parse(parts[1], 2, &pct) != ST_OK || pct <= 0 || pct > 10000)
		rc = err_set(e, ST_INVALID, _("funding: \"%s\" is not a percentage above 0 and at most 100"), parts[1]);
	else if (np >= 3 && date_parse(parts[2], &f->start) != ST_OK)
		rc = err_set(e, ST_INVALID, _("funding: \"%s\" is not a start date"), parts[2]);
	else if (np == 4 && date_parse(parts[3], &f->end) != ST_OK)
		rc = err_set(e, ST_INVALID, _("funding: \"%s\" is not an end date"), parts[3]);
	else if (np == 3)
		f->end = DATE_NONE;
	free(text);
	if (rc != ST_OK)
		return rc;
	f->share_bp = (int32_t)pct;
	return (f->source = strdup(parts[0])) ? ST_OK : err_set(e, ST_NOMEM, NULL);
}

/* funding cell: "ACI:70|FIR:30", each item SOURCE:PERCENT[:START:END] */
static enum status read_fundings(const struct reader *r, const struct post *p,
                                 struct post_funding **out, size_t *n,
                                 struct err *e)
{
	*out = NULL;
	*n = 0;
	char *s = NULL;
	enum status rc = get_text(r, "funding", false, &s, e);
	if (rc != ST_OK || !s)
		return rc;
	size_t cap = 0;
	for (char *item = s, *next; rc == ST_OK && item; item = next) {
		if ((next = strchr(item, '|')))
			*next++ = '\0';
		struct post_funding f = { .start = p->start, .end = p->end };
		if ((rc = parse_funding(item, &f, e)) == ST_OK && !(f.post = strdup(p->code)))
			rc = err_set(e, ST_NOMEM, NULL);
		if (rc == ST_OK && !array_grow(out, &cap, *n + 1, sizeof **out))
			rc = err_set(e, ST_NOMEM, NULL);
		if (rc == ST_OK)
			(*out)[(*n)++] = f;
		else
			post_funding_fini(&f);
	}
	free(s);
	if (rc == ST_OK && (rc = app_fundings_check(r->cfg, *out, *n, e)) != ST_OK)
		err_prefix(e, "funding");
	return rc;
}

static enum status read_post(const struct reader *r, struct post *p, struct err *e)
{
	enum status rc;
	if ((rc = get_text(r, "code", true, &p->code, e)) ||
	    (rc = get_text(r, "label", true, &p->label, e)) ||
	    (rc = get_text(r, "holder", false, &p->holder, e)) ||
	    (rc = get_fte(r, &p->fte, e)) ||
	    (rc = get_date(r, "start", true, &p->start, e)) ||
	    (rc = get_date(r, "end", false, &p->end, e)))
		return rc;
	const char *cost = NULL;
	if ((rc = get_cell(r, "cost", true, &cost, e)) != ST_OK)
		return rc;
	if (money_parse(cost, &p->yearly_cost) != ST_OK)
		rc = err_set(e, ST_INVALID, _("cost \"%s\" is not an amount (1234,56 or 1 234,56 €; two decimals at most)"), cost);
	return rc ? rc : post_validate(p, e);
}

static enum status read_patient(const struct reader *r, struct patient *p, struct err *e)
{
	enum status rc;
	const char *s = NULL;
	if ((rc = get_text(r, "code", true, &p->code, e)) ||
	    (rc = get_text(r, "gp", true, &p->gp, e)) ||
	    (rc = get_date(r, "enrolled", true, &p->enrolled, e)) ||
	    (rc = get_date(r, "left", false, &p->left, e)))
		return rc;
	if ((rc = get_cell(r, "birth_year", true, &s, e)))
		return rc;
	int64_t y;
	if (decimal_parse(s, 0, &y) != ST_OK || y < DATE_YEAR_MIN || y > DATE_YEAR_MAX)
		rc = err_set(e, ST_INVALID, _("birth_year \"%s\" is not a year"), s);
	p->birth_year = (int32_t)y;
	if (rc || (rc = get_cell(r, "sex", true, &s, e)))
		return rc;
	if (strcmp(s, "F") == 0 || strcmp(s, "M") == 0)
		p->sex = s[0];
	else
		rc = err_set(e, ST_INVALID, _("sex \"%s\": write F or M"), s);
	if (rc || (rc = get_cell(r, "c2s", false, &s, e)))
		return rc;
	if (!s || strcmp(s, "0") == 0)
		p->c2s = false;
	else if (strcmp(s, "1") == 0)
		p->c2s = true;
	else
		rc = err_set(e, ST_INVALID, _("c2s \"%s\": write 0 or 1"), s);
	if (rc || (rc = get_text(r, "ald", false, &p->ald, e)))
		return rc;
	if (!p->ald && !(p->ald = strdup("")))
		return err_set(e, ST_NOMEM, NULL);
	/* Each ALD category must be known: "diabetes|cardio". */
	for (const char *c = p->ald; *c;) {
		size_t len = strcspn(c, "|");
		char code[64];
		if (len == 0 || len >= sizeof code)
			return err_set(e, ST_INVALID, _("ald \"%s\": categories separated by |"), p->ald);
		memcpy(code, c, len);
		code[len] = '\0';
		if (!config_find(&r->cfg->ald, code))
			return err_set(e, ST_INVALID, _("ald: unknown category \"%s\""), code);
		c += len;
		if (*c == '|')
			c++;
	}
	return patient_validate(p, e);
}

static enum status read_receipt(const struct reader *r, struct receipt *rc_, struct err *e)
{
	enum status rc;
	const char *s = NULL;
	if ((rc = get_code(r, "source", &r->cfg->sources, _("source"), &rc_->source, e)) ||
	    (rc = get_code(r, "kind", &r->cfg->receipt_kinds, _("receipt kind"), &rc_->kind, e)) ||
	    (rc = get_text(r, "exercise", true, &rc_->exercise, e)) ||
	    (rc = get_date(r, "period_start", true, &rc_->start, e)) ||
	    (rc = get_date(r, "period_end", true, &rc_->end, e)) ||
	    (rc = get_date(r, "received", true, &rc_->received, e)) ||
	    (rc = get_text(r, "reference", false, &rc_->reference, e)) ||
	    (rc = get_text(r, "note", false, &rc_->note, e)) ||
	    (rc = get_cell(r, "amount", true, &s, e)))
		return rc;
	/* The id an export wrote: updates that receipt when it has no
	 * reference (a reference, when given, identifies it instead). */
	const char *id = NULL;
	int64_t idv = 0;
	if ((rc = get_cell(r, "id", false, &id, e)) != ST_OK)
		return rc;
	if (id && (decimal_parse(id, 0, &idv) != ST_OK || idv <= 0))
		rc = err_set(e, ST_INVALID, _("id \"%s\" is not a receipt id"), id);
	rc_->id = idv;
	if (rc != ST_OK)
		return rc;
	if (money_parse(s, &rc_->amount) != ST_OK)
		rc = err_set(e, ST_INVALID, _("amount \"%s\" is not an amount (1234,56 or 1 234,56 €; two decimals at most)"), s);
	return rc ? rc : receipt_validate(rc_, e);
}

static enum status read_activity(const struct reader *r, struct activity *a, struct err *e)
{
	enum status rc;
	if ((rc = get_text(r, "member", true, &a->member, e)) ||
	    (rc = get_date(r, "date", true, &a->date, e)) ||
	    (rc = get_code(r, "kind", &r->cfg->activity_kinds, _("activity kind"), &a->kind, e)) ||
	    (rc = get_hundredths(r, "hours", &a->hours, e)) ||
	    (rc = get_text(r, "note", false, &a->note, e)))
		return rc;
	return activity_validate(a, e);
}

/* The columns of a table as "a;b;c", for messages. */
static char *column_list(enum table t)
{
	struct sbuf b;
	sb_init(&b);
	for (int i = 0; app_table_columns(t)[i].name; i++)
		sb_printf(&b, "%s%s", i ? ";" : "", app_table_columns(t)[i].name);
	return sb_take(&b);
}

/* Map the file's header onto the table's columns: unknown columns and
 * missing required ones are refused, naming them and the expected ones. */
static enum status map_header(struct reader *r, enum table t, struct err *e)
{
	const char *missing = NULL, *unknown = NULL;
	r->cols = app_table_columns(t);
	for (int i = 0; r->cols[i].name; i++) {
		r->map[i] = csv_column(r->csv, r->cols[i].name);
		if (r->map[i] < 0 && r->cols[i].required && !missing)
			missing = r->cols[i].name;
	}
	for (size_t c = 0; c < r->csv->ncols && !missing && !unknown; c++) {
		bool known = false;
		for (int i = 0; r->cols[i].name; i++)
			known = known || r->map[i] == (int)c;
		if (!known)
			unknown = r->csv->header[c];
	}
	if (!missing && !unknown)
		return ST_OK;
	char *cols = column_list(t);
	if (missing)
		err_set(e, ST_INVALID, _("%s:1: missing column \"%s\"; a %s file has the columns %s (any order)"),
		        r->csv->name, missing, table_name(t), cols ? cols : "");
	else
		err_set(e, ST_INVALID, _("%s:1: unknown column \"%s\"; a %s file has the columns %s (any order)"),
		        r->csv->name, unknown, table_name(t), cols ? cols : "");
	free(cols);
	return ST_INVALID;
}

/* Patient files must not carry identities: any cell that reads as a NIR
 * refuses the whole file, before anything else is looked at. */
static enum status refuse_nir(const struct csv_table *csv, struct err *e)
{
	for (size_t i = 0; i < csv->nrows; i++) {
		const struct csv_row *row = &csv->rows[i];
		for (size_t c = 0; c < row->n; c++) {
			if (!text_is_nir(row->cells[c]))
				continue;
			const char *col = c < csv->ncols ? csv->header[c] : "?";
			/* The code column cannot be removed: its codes must change. */
			if (strcmp(col, "code") == 0)
				return err_set(e, ST_REFUSED,
				               _("%s:%d: column \"code\" holds a French social-security number (NIR); "
				                 "quotepart keeps pseudonymous patients only: give each patient a local code"),
				               csv->name, row->line);
			return err_set(e, ST_REFUSED,
			               _("%s:%d: column \"%s\" holds a French social-security number (NIR); "
			                 "quotepart keeps pseudonymous patients only: remove that column and import again"),
			               csv->name, row->line, col);
		}
	}
	return ST_OK;
}

/* One parsed row of any table. */
union record {
	struct member m;
	struct post p;
	struct patient pa;
	struct receipt r;
	struct activity a;
};

struct parsed_post_fundings {
	struct post_funding *v;
	size_t n;
	bool given;   /* the file has a funding column: an empty cell clears */
};

static void record_fini(enum table t, union record *rec)
{
	switch (t) {
	case TABLE_MEMBERS: member_fini(&rec->m); break;
	case TABLE_POSTS: post_fini(&rec->p); break;
	case TABLE_PATIENTS: patient_fini(&rec->pa); break;
	case TABLE_RECEIPTS: receipt_fini(&rec->r); break;
	case TABLE_ACTIVITIES: activity_fini(&rec->a); break;
	default: break;
	}
}

static enum status read_record(const struct reader *r, enum table t, union record *rec,
                               struct parsed_post_fundings *pf, struct err *e)
{
	enum status rc;
	switch (t) {
	case TABLE_MEMBERS: return read_member(r, &rec->m, e);
	case TABLE_POSTS:
		rc = read_post(r, &rec->p, e);
		if (rc == ST_OK)
			rc = read_fundings(r, &rec->p, &pf->v, &pf->n, e);
		pf->given = has_column(r, "funding");
		return rc;
	case TABLE_PATIENTS: return read_patient(r, &rec->pa, e);
	case TABLE_RECEIPTS: return read_receipt(r, &rec->r, e);
	case TABLE_ACTIVITIES: return read_activity(r, &rec->a, e);
	default: return err_set(e, ST_INTERNAL, "bad table");
	}
}

static enum status write_record(struct app *a, enum table t, union record *rec,
                                struct parsed_post_fundings *pf, struct err *e)
{
	enum status rc = ST_OK;
	switch (t) {
	case TABLE_MEMBERS:
		return db_member_put(a->db, &rec->m, NULL, e);
	case TABLE_POSTS:
		rc = db_post_put(a->db, &rec->p, NULL, e);
		/* The funding cell is the post's whole funding; without the
		 * column, the funding stored stays. */
		if (rc == ST_OK && pf->given)
			rc = db_funding_clear(a->db, rec->p.code, e);
		for (size_t i = 0; rc == ST_OK && i < pf->n; i++)
			rc = db_funding_add(a->db, &pf->v[i], e);
		return rc;
	case TABLE_PATIENTS:
		return db_patient_put(a->db, &rec->pa, e);
	case TABLE_RECEIPTS:
		return db_receipt_put(a->db, &rec->r, NULL, e);
	case TABLE_ACTIVITIES:
		return db_activity_add(a->db, &rec->a, e);
	default:
		return err_set(e, ST_INTERNAL, "bad table");
	}
}

static int member_cmp(const void *x, const void *y)
{
	return strcmp(((const struct member *)x)->code, ((const struct member *)y)->code);
}

/* The members, read once for a file of patients or activities: a row's
 * GP or member is then found without a query. */
static enum status load_members(struct app *a, struct reader *r, struct err *e)
{
	enum status rc = db_members(a->db, &r->members, &r->n_members, e);
	if (rc == ST_OK)
		qsort(r->members, r->n_members, sizeof *r->members, member_cmp);
	return rc;
}

/* The contract's rules between people, as the forms check them: a
 * patient's GP is a GP and a member while the patient is enrolled, an
 * activity's member a member on its day, and a member's new dates or
 * profession leave no stored record outside them. An unknown member is
 * left to the store, which names it. */
static enum status check_people(struct app *a, const struct reader *r, enum table t,
                                const union record *rec, struct err *e)
{
	if (t == TABLE_MEMBERS)
		return app_member_conflicts(a, &rec->m, e);
	if (t != TABLE_PATIENTS && t != TABLE_ACTIVITIES)
		return ST_OK;
	struct member key = { .code = t == TABLE_PATIENTS ? rec->pa.gp : rec->a.member };
	const struct member *m = bsearch(&key, r->members, r->n_members, sizeof key, member_cmp);
	if (!m)
		return ST_OK;
	return t == TABLE_PATIENTS ? patient_gp_validate(&rec->pa, m, e)
	                           : activity_member_validate(&rec->a, m, e);
}

/* Activities are added, not updated: a row already stored before this
 * import means the file (or part of it) was imported before, and taking it
 * again would double the hours. Repeats inside one file are kept. */
static enum status refuse_seen_activity(struct app *a, const struct reader *r,
                                        const struct activity *x, struct err *e)
{
	int64_t seen = 0;
	enum status rc = db_activity_count_like(a->db, x, 0, r->last_activity, &seen, e);
	if (rc == ST_OK && seen) {
		char d[DATE_BUFSZ];
		rc = err_set(e, ST_INVALID, _("%s on %s, %s: this activity is already recorded "
		                              "(was the file imported before?)"),
		             x->member, date_format(x->date, d, sizeof d), x->kind);
	}
	return rc;
}

/* The stored receipt that db_receipt_put will update with x: the one
 * with x's reference, or without a reference, the one with x's id that
 * has none. *found false: x is a new receipt. */
static enum status stored_receipt(struct app *a, const struct receipt *x, struct receipt *old,
                                  bool *found, struct err *e)
{
	struct err tmp = ERR_INIT;
	enum status rc = ST_NOTFOUND;
	*found = false;
	if (x->reference)
		rc = db_receipt_find(a->db, x->reference, old, &tmp);
	else if (x->id > 0)
		rc = db_receipt_get(a->db, x->id, old, &tmp);
	if (rc != ST_OK && rc != ST_NOTFOUND)
		err_set(e, rc, "%s", err_text(&tmp));
	err_fini(&tmp);
	if (rc != ST_OK)
		return rc == ST_NOTFOUND ? ST_OK : rc;
	*found = x->reference ? old->reference && strcmp(old->reference, x->reference) == 0 : !old->reference;
	if (!*found)
		receipt_fini(old);
	return ST_OK;
}

/* A receipt imported again with other figures is treated as the receipt
 * form treats it (app_receipt_refigure); a draft removed is listed. */
static enum status refigure_receipt(struct app *a, const struct reader *r,
                                    const struct receipt *x, struct err *e)
{
	struct receipt old;
	bool found;
	enum status rc = stored_receipt(a, x, &old, &found, e);
	if (rc != ST_OK || !found)
		return rc;
	int64_t dropped = 0;
	unsigned changed = 0;
	rc = app_receipt_refigure(a, &old, x, &dropped, &changed, e);
	struct drops *d = r->drops;
	if (rc == ST_OK && dropped) {
		if (!array_grow(&d->v, NULL, d->n + 1, sizeof *d->v)) {
			rc = err_set(e, ST_NOMEM, NULL);
		} else {
			d->v[d->n++] = (struct app_dropped){ dropped, old.id, old.reference, changed };
			old.reference = NULL;   /* taken */
		}
	}
	receipt_fini(&old);
	return rc;
}

void app_dropped_list_free(struct app_dropped *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].receipt_ref);
	free(v);
}

/* Each row parsed, checked and written, then forgotten: the caller's
 * transaction makes it all or nothing. */
static enum status import_rows(struct app *a, struct reader *r, enum table t,
                               struct err *e)
{
	enum status rc = ST_OK;
	for (size_t i = 0; rc == ST_OK && i < r->csv->nrows; i++) {
		union record rec;
		struct parsed_post_fundings pf = { NULL, 0, false };
		memset(&rec, 0, sizeof rec);
		r->row = &r->csv->rows[i];
		rc = read_record(r, t, &rec, &pf, e);
		if (rc == ST_OK)
			rc = check_people(a, r, t, &rec, e);
		if (rc == ST_OK && t == TABLE_ACTIVITIES)
			rc = refuse_seen_activity(a, r, &rec.a, e);
		if (rc == ST_OK && t == TABLE_MEMBERS)
			rc = keep_bank(a, r, &rec.m, e);
		if (rc == ST_OK && t == TABLE_RECEIPTS)
			rc = refigure_receipt(a, r, &rec.r, e);
		if (rc == ST_OK)
			rc = write_record(a, t, &rec, &pf, e);
		if (rc != ST_OK)
			err_prefix(e, "%s:%d", r->csv->name, r->row->line);
		record_fini(t, &rec);
		for (size_t j = 0; j < pf.n; j++)
			post_funding_fini(&pf.v[j]);
		free(pf.v);
	}
	return rc;
}

/* "members: 3 rows from FILE", and the drafts removed, for the audit. */
static char *import_detail(enum table t, size_t rows, const char *path, const struct drops *d)
{
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, "%s: %zu rows from %s", table_name(t), rows, path);
	for (size_t i = 0; i < d->n; i++)
		sb_printf(&b, "%sD%lld", i ? ", " : "; drafts removed: ", (long long)d->v[i].dist);
	return sb_take(&b);
}

enum status app_import(struct app *a, enum table t, const char *path,
                       size_t *count, struct err *e)
{
	return app_import_report(a, t, path, count, NULL, NULL, e);
}

enum status app_import_report(struct app *a, enum table t, const char *path,
                              size_t *count, struct app_dropped **dropped,
                              size_t *n_dropped, struct err *e)
{
	*count = 0;
	if (dropped)
		*dropped = NULL;
	if (n_dropped)
		*n_dropped = 0;
	struct csv_table *csv = NULL;
	enum status rc = app_read_check(a, path, e);
	if (rc == ST_OK)
		rc = csv_read_file(path, &csv, e);
	if (rc != ST_OK)
		return rc;
	struct drops drops = { NULL, 0 };
	struct reader r = { .csv = csv, .cfg = a->cfg, .drops = &drops };
	/* The whole file first: a NIR anywhere refuses it before a row is
	 * looked at, let alone written. */
	if (t == TABLE_PATIENTS)
		rc = refuse_nir(csv, e);
	if (rc == ST_OK)
		rc = map_header(&r, t, e);
	if (rc == ST_OK)
		rc = db_begin(a->db, e);
	if (rc == ST_OK) {
		if (t == TABLE_MEMBERS)
			rc = app_sync_professions(a, e);
		if (rc == ST_OK && t == TABLE_ACTIVITIES)
			rc = db_activity_last_id(a->db, &r.last_activity, e);
		if (rc == ST_OK && (t == TABLE_PATIENTS || t == TABLE_ACTIVITIES))
			rc = load_members(a, &r, e);
		if (rc == ST_OK && t == TABLE_PATIENTS)
			rc = db_patients_bulk_begin(a->db, csv->nrows, e);
		if (rc == ST_OK)
			rc = import_rows(a, &r, t, e);
		if (rc == ST_OK && t == TABLE_PATIENTS)
			rc = db_patients_bulk_end(a->db, e);
		char *detail = rc == ST_OK ? import_detail(t, csv->nrows, path, &drops) : NULL;
		if (rc == ST_OK)
			rc = detail ? db_audit(a->db, "import", detail, e) : err_set(e, ST_NOMEM, NULL);
		free(detail);
		if (rc == ST_OK)
			rc = db_commit(a->db, e);
		else
			db_rollback(a->db);
		if (rc == ST_OK)
			*count = csv->nrows;
	}
	member_list_free(r.members, r.n_members);
	csv_table_free(csv);
	if (rc == ST_OK && dropped && n_dropped) {
		*dropped = drops.v;
		*n_dropped = drops.n;
	} else {
		app_dropped_list_free(drops.v, drops.n);
	}
	return rc;
}
