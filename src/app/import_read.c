/* import_read.c: one row of a CSV file as a record, each cell trimmed,
 * checked and converted (dates in either form, amounts and hours as people
 * write them, configuration labels as their codes); the header mapped on
 * the table's columns; a patients file searched for NIRs. Nothing here
 * reads or writes the database (import.c does). */
#include <stdlib.h>
#include <string.h>

#include "import_internal.h"
#include "quotepart/array.h"
#include "quotepart/date.h"
#include "quotepart/i18n.h"
#include "quotepart/ident.h"
#include "quotepart/money.h"

/* Whether the file has the column `name`. */
bool import_has_column(const struct reader *r, const char *name)
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
enum status import_map_header(struct reader *r, enum table t, struct err *e)
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
enum status import_refuse_nir(const struct csv_table *csv, struct err *e)
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

void import_record_fini(enum table t, union record *rec)
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

enum status import_read_record(const struct reader *r, enum table t, union record *rec,
                               struct parsed_post_fundings *pf, struct err *e)
{
	enum status rc;
	switch (t) {
	case TABLE_MEMBERS: return read_member(r, &rec->m, e);
	case TABLE_POSTS:
		rc = read_post(r, &rec->p, e);
		if (rc == ST_OK)
			rc = read_fundings(r, &rec->p, &pf->v, &pf->n, e);
		pf->given = import_has_column(r, "funding");
		return rc;
	case TABLE_PATIENTS: return read_patient(r, &rec->pa, e);
	case TABLE_RECEIPTS: return read_receipt(r, &rec->r, e);
	case TABLE_ACTIVITIES: return read_activity(r, &rec->a, e);
	default: return err_set(e, ST_INTERNAL, "bad table");
	}
}
