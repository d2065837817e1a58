/* scr_patients.c: enrolled patients (pseudonymous): counts per GP at a
 * date and averaged over a period, the list searched by code, and forms
 * to add or edit one (u undoes it). There may be tens of thousands: a
 * window of a few screens around the rows shown is read by seeking from
 * a code, the count once per change of the data or the search, and an
 * input repaints only the rows it changed. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/date.h"
#include "quotepart/i18n.h"
#include "quotepart/money.h"
#include "tui_internal.h"

struct patients {
	struct patient *win;   /* rows [win_off, win_off + n_win) of the list */
	size_t n_win;
	size_t win_off;
	struct tlist list;     /* n = total matching; no idx: paged */
	int64_t version;       /* t->version the total was counted at; -1: none */
	char *searched;        /* the filter it was counted for (NULL: none) */
	int32_t at, start, end;
	struct gp_count *gp;
	size_t n_gp;
	bool counts_stale;     /* the period changed since the counts */
	int64_t gp_version;    /* t->version the counts were made at */
	size_t drawn_top;      /* the first row and the selection as drawn */
	size_t drawn_sel;
};

static const enum action patient_bindings[] = {
	ACT_ADD, ACT_EDIT, ACT_UNDO, ACT_REDO, ACT_PERIOD, ACT_PREV_YEAR, ACT_NEXT_YEAR, ACT_IMPORT_FILE, ACT_NONE
};

/* Rows of the list: the body less the header and the detail line. */
static int list_rows(void)
{
	return LINES - 4 - 3;
}

static void patients_init(void *st)
{
	struct patients *p = st;
	p->at = p->start = p->end = DATE_NONE;
	p->version = p->gp_version = -1;
	p->counts_stale = true;
}

static void clear_gp(struct patients *p)
{
	gp_count_list_free(p->gp, p->n_gp);
	p->gp = NULL;
	p->n_gp = 0;
}

static void drop_window(struct patients *p)
{
	patient_list_free(p->win, p->n_win);
	p->win = NULL;
	p->n_win = 0;
	p->win_off = 0;
}

static void patients_fini(void *st)
{
	struct patients *p = st;
	drop_window(p);
	free(p->searched);
	clear_gp(p);
}

/* Counts per GP: at a date (the engine's "end of period" count on a
 * one-day period) and the average over [start, end]. */
static enum status load_counts(struct tui *t, struct patients *p, struct err *e)
{
	clear_gp(p);
	return app_gp_counts(t->app, p->at, p->start, p->end, &p->gp, &p->n_gp, e);
}

/* Whether row `row` of the list is in the window. */
static bool in_window(const struct patients *p, size_t row)
{
	return p->n_win && row >= p->win_off && row < p->win_off + p->n_win;
}

static bool same_text(const char *a, const char *b)
{
	if (!a || !*a || !b || !*b)
		return (!a || !*a) && (!b || !*b);
	return strcmp(a, b) == 0;
}

/* Make the window hold the rows on screen. A move inside it reads
 * nothing; past its edge, a new window of three screens is read from the
 * code of a row of the old one (or from either end of the list), so a
 * scroll costs the rows it reads, never an offset. */
static enum status ensure_window(struct tui *t, struct patients *p, struct err *e)
{
	struct tlist *l = &p->list;
	size_t rows = l->rows > 0 ? (size_t)l->rows : 1;
	size_t lo = l->top, hi = l->top + rows < l->n ? l->top + rows : l->n;
	if (lo >= hi) {
		drop_window(p);
		return ST_OK;
	}
	if (in_window(p, lo) && in_window(p, hi - 1))
		return ST_OK;
	lo = lo > rows ? lo - rows : 0;
	hi = hi + rows < l->n ? hi + rows : l->n;
	int limit = (int)(hi - lo);
	struct patient *v = NULL;
	size_t n = 0, off = lo;
	enum status rc;
	if (lo == 0) {
		rc = app_patients_seek(t->app, l->filter, NULL, false, limit, &v, &n, e);
	} else if (in_window(p, lo - 1)) {
		rc = app_patients_seek(t->app, l->filter, p->win[lo - 1 - p->win_off].code, false,
		                      limit, &v, &n, e);
	} else if (in_window(p, hi)) {
		rc = app_patients_seek(t->app, l->filter, p->win[hi - p->win_off].code, true,
		                      limit, &v, &n, e);
		off = hi - n;
	} else if (hi == l->n) {
		rc = app_patients_seek(t->app, l->filter, NULL, true, limit, &v, &n, e);
		off = hi - n;
	} else {
		/* The middle of a list read again (the data changed): no code
		 * to start from, an offset once. */
		int64_t total;
		rc = app_patients_page(t->app, l->filter, (int64_t)lo, limit, &v, &n, &total, e);
	}
	if (rc != ST_OK)
		return rc;
	drop_window(p);
	p->win = v;
	p->n_win = n;
	p->win_off = off;
	return ST_OK;
}

/* Read what changed: the total when the data or the search did (a move
 * never comes here), the window, and the counts per GP when the data or
 * the period changed. */
static enum status patients_load(struct tui *t, void *st, struct err *e)
{
	struct patients *p = st;
	struct tlist *l = &p->list;
	if (p->at == DATE_NONE) {
		p->start = date_year_start(t->year);
		p->end = date_year_end(t->year);
		p->at = t->today < p->end ? t->today : p->end;
	}
	enum status rc = ST_OK;
	if (p->version != t->version || !same_text(p->searched, l->filter)) {
		int64_t total = 0;
		drop_window(p);
		free(p->searched);
		p->searched = NULL;
		p->version = -1;
		rc = app_patients_count(t->app, l->filter, &total, e);
		l->n_all = l->n = (size_t)total;
		if (rc == ST_OK && (!l->filter || (p->searched = strdup(l->filter))))
			p->version = t->version;
	}
	tlist_scroll(l, list_rows());
	if (rc == ST_OK)
		rc = ensure_window(t, p, e);
	if (rc == ST_OK && (p->counts_stale || p->gp_version != t->version)) {
		rc = load_counts(t, p, e);
		if (rc == ST_OK) {
			p->counts_stale = false;
			p->gp_version = t->version;
		}
	}
	return rc;
}

static const struct patient *row_patient(const struct patients *p, size_t row)
{
	return in_window(p, row) ? &p->win[row - p->win_off] : NULL;
}

/* Columns of the list, by display width (headers are translated). */
enum { X_CODE = 1, X_GP = 11, X_ENROLLED = 23, X_BORN = 34, X_SEX = 39 };

static void draw_row(struct tui *t, const struct patient *x, int y, int w, bool sel)
{
	char d1[DATE_BUFSZ], sex[2] = { x->sex, '\0' };
	if (sel)
		draw_select(t, true);
	draw_text(y, 0, w, sel ? ">" : "", false);
	draw_text(y, X_CODE, 9, x->code, false);
	draw_text(y, X_GP, 11, x->gp, false);
	draw_text(y, X_ENROLLED, 10, fmt_date(x->enrolled, d1), false);
	draw_fmt(y, X_BORN, 4, true, "%d", x->birth_year);
	draw_text(y, X_SEX, 1, sex, false);
	if (sel)
		draw_select(t, false);
}

/* What draws one row of the list (for tlist_repaint too). */
struct row_ctx {
	struct tui *t;
	struct patients *p;
	int w;
};

static void draw_row_at(void *ctx, size_t row, int sy)
{
	struct row_ctx *c = ctx;
	const struct patient *x = row_patient(c->p, row);
	if (x)
		draw_row(c->t, x, sy, c->w, row == c->p->list.sel);
}

/* The selected patient's other fields, under the list. */
static void draw_detail(struct patients *p, int top, int rows, int w)
{
	const struct patient *cur = row_patient(p, p->list.sel);
	char d2[DATE_BUFSZ];
	if (cur)
		draw_fmt(top + rows - 2, 1, w - 1, false, _("%s: %s · %s: %s · C2S: %s"),
		         _("Left"), cur->left == DATE_NONE ? "-" : fmt_date(cur->left, d2), _("ALD"),
		         *cur->ald ? cur->ald : _("none"), cur->c2s ? _("yes") : _("no"));
}

static void draw_list(struct tui *t, struct patients *p, int top, int rows, int w)
{
	struct tlist *l = &p->list;
	draw_header(t, top, 0, w, "");
	draw_text(top, X_CODE, 9, _("Code"), false);
	draw_text(top, X_GP, 11, _("GP"), false);
	draw_text(top, X_ENROLLED, 10, _("Enrolled"), false);
	draw_text(top, X_BORN - 1, 5, _("Born"), true);
	draw_text(top, X_SEX, w - X_SEX, _("Sex"), false);
	int n = rows - 3;
	tlist_scroll(l, n);
	/* A new size shows rows the window may not hold: read them at the
	 * next turn of the loop (drawing never reads). */
	size_t last = l->top + (size_t)n < l->n ? l->top + (size_t)n : l->n;
	if (l->n && (!in_window(p, l->top) || !in_window(p, last - 1)))
		t->stale[SCR_PATIENTS] = true;
	struct row_ctx c = { t, p, w };
	for (int r = 0; r < n && l->top + (size_t)r < l->n; r++)
		draw_row_at(&c, l->top + (size_t)r, top + 1 + r);
	if (!l->n)
		draw_wrap(top + 1, 1, w - 2, rows - 4, l->filter ? _("(no patient code matches)") : _("No patient yet: press I to import a file of them, or a to add one."));
	draw_detail(p, top, rows, w);
	draw_fmt(top + rows - 1, 1, w - 1, false, _("%zu patient(s)%s%s · / searches by code"), l->n,
	         l->filter ? " · " : "", l->filter ? l->filter : "");
	p->drawn_top = l->top;
	p->drawn_sel = l->sel;
}

/* A row of the counts: who (11 columns), then two numbers right-aligned. */
static void count_row(int y, int x, const char *who, const char *on, const char *avg)
{
	draw_text(y, x, 11, who, false);
	draw_text(y, x + 12, 7, on, true);
	draw_text(y, x + 20, 10, avg, true);
}

static void draw_counts(struct tui *t, struct patients *p, int top, int rows, int x, int w)
{
	char d1[DATE_BUFSZ], d2[DATE_BUFSZ], d3[DATE_BUFSZ];
	draw_header(t, top, x, w, _("Patients per GP"));
	draw_fmt(top + 1, x, w, false, "%s %s", _("On"), fmt_date(p->at, d1));
	draw_fmt(top + 2, x, w, false, "%s %s→%s", _("Avg"), fmt_date(p->start, d2), fmt_date(p->end, d3));
	count_row(top + 3, x, _("GP"), _("on"), _("average"));
	top++;
	int64_t sum_at = 0, sum_avg = 0;
	int r = 0;
	char n[32];
	for (size_t i = 0; i < p->n_gp && r < rows - 7; i++, r++) {
		char *avg = fmt_hundredths(p->gp[i].avg);
		snprintf(n, sizeof n, "%lld", (long long)p->gp[i].at_date);
		count_row(top + 3 + r, x, p->gp[i].code, n, avg ? avg : "");
		free(avg);
		sum_at += p->gp[i].at_date;
		sum_avg += p->gp[i].avg;
	}
	char *avg = fmt_hundredths(sum_avg);
	snprintf(n, sizeof n, "%lld", (long long)sum_at);
	attron(A_BOLD);
	count_row(top + 3 + r, x, _("Total"), n, avg ? avg : "");
	attroff(A_BOLD);
	free(avg);
	draw_attr(t, C_DIM, true);
	draw_wrap(top + rows - 3, x, w, 2, _("d: date and period · < >: year"));
	draw_attr(t, C_DIM, false);
}

static void patients_draw(struct tui *t, void *st, int top, int rows)
{
	struct patients *p = st;
	int lw = COLS - 33;
	draw_list(t, p, top, rows, lw);
	draw_vline(top, lw, rows);
	draw_counts(t, p, top, rows, lw + 2, COLS - lw - 3);
}

/* After a move: the rows that changed (tlist_repaint: the counts beside
 * the list stay), then the detail line. */
static void patients_draw_rows(struct tui *t, void *st, int top, int rows)
{
	struct patients *p = st;
	struct tlist *l = &p->list;
	int lw = COLS - 33, n = rows - 3;
	if (n != l->rows || n < 1) {
		patients_draw(t, st, top, rows);
		return;
	}
	struct row_ctx c = { t, p, lw };
	tlist_repaint(l, top + 1, n, lw, &p->drawn_top, &p->drawn_sel, draw_row_at, &c);
	draw_detail(p, top, rows, lw);
}

/* ---- the period form ---- */

static enum status submit_period(struct tui *t, struct dialog *d, struct err *e)
{
	struct patients *p = tui_state(t, SCR_PATIENTS);
	int32_t at, s, f;
	if (date_parse(dlg_value(d, 0), &at) != ST_OK || date_parse(dlg_value(d, 1), &s) != ST_OK ||
	    date_parse(dlg_value(d, 2), &f) != ST_OK)
		return err_set(e, ST_INVALID, _("not a date"));
	if (f < s)
		return err_set(e, ST_INVALID, _("the period ends before it starts"));
	p->at = at;
	p->start = s;
	p->end = f;
	p->counts_stale = true;
	t->stale[SCR_PATIENTS] = true;
	return ST_OK;
}

static unsigned open_period(struct tui *t, struct patients *p)
{
	char d1[DATE_BUFSZ], d2[DATE_BUFSZ], d3[DATE_BUFSZ];
	struct dialog *d = dlg_form(_("Counts of patients"), submit_period, NULL, NULL);
	if (!d)
		return R_NONE;
	dlg_field(d, _("Count on"), FIELD_DATE, true, fmt_date(p->at, d1));
	dlg_field(d, _("Average from"), FIELD_DATE, true, fmt_date(p->start, d2));
	dlg_field(d, _("to"), FIELD_DATE, true, fmt_date(p->end, d3));
	tui_open(t, d);
	return R_REDRAW;
}

/* ---- adding and editing a patient ---- */

enum { P_CODE, P_GP, P_ENROLLED, P_LEFT, P_BORN, P_SEX, P_ALD, P_C2S };

static void patient_ctx_free(void *x)
{
	if (x)
		patient_fini(x);
	free(x);
}

/* Add (ctx NULL) or edit (ctx: the patient as shown, whose code stays). */
static enum status submit_patient(struct tui *t, struct dialog *d, struct err *e)
{
	const struct patient *before = d->ctx;
	size_t o = before ? 1 : 0;   /* no code field when editing */
	struct patient x;
	memset(&x, 0, sizeof x);
	const char *left = dlg_value(d, P_LEFT - o), *sex = dlg_value(d, P_SEX - o);
	int64_t born = 0;
	x.code = strdup(before ? before->code : dlg_value(d, P_CODE));
	x.gp = strdup(dlg_value(d, P_GP - o));
	x.left = DATE_NONE;
	x.sex = sex[0];
	x.c2s = app_is_yes(dlg_value(d, P_C2S - o));
	enum status rc = !x.code || !x.gp ? err_set(e, ST_NOMEM, NULL) : ST_OK;
	if (rc == ST_OK && (date_parse(dlg_value(d, P_ENROLLED - o), &x.enrolled) != ST_OK ||
	                    (*left && date_parse(left, &x.left) != ST_OK) ||
	                    decimal_parse(dlg_value(d, P_BORN - o), 0, &born) != ST_OK))
		rc = err_set(e, ST_INVALID, _("a field is not right"));
	x.birth_year = (int32_t)born;
	if (rc == ST_OK)
		rc = app_ald_parse(t->app, dlg_value(d, P_ALD - o), &x.ald, e);
	if (rc == ST_OK)
		rc = before ? app_patient_update(t->app, before, &x, e) : app_patient_add(t->app, &x, e);
	if (rc == ST_OK)
		tui_msg(t, before ? _("Patient %s saved (u undoes it).") : _("Patient %s added (u undoes it)."), x.code);
	patient_fini(&x);
	return rc;
}

static unsigned open_patient(struct tui *t, const struct patient *x)
{
	struct patient *before = NULL;
	if (x) {
		if (!(before = calloc(1, sizeof *before)))
			return R_NONE;
		*before = *x;
		before->code = strdup(x->code);
		before->gp = strdup(x->gp);
		before->ald = strdup(x->ald ? x->ald : "");
		if (!before->code || !before->gp || !before->ald) {
			patient_ctx_free(before);
			return R_NONE;
		}
	}
	char d1[DATE_BUFSZ], d2[DATE_BUFSZ], born[16];
	struct dialog *d = x ? dlg_form_fmt(submit_patient, before, patient_ctx_free, _("Edit patient %s"), x->code)
	                     : dlg_form(_("New patient"), submit_patient, before, patient_ctx_free);
	if (!d)
		return R_NONE;
	if (!x) {
		d->text = strdup(_("Pseudonymous: a local code, never a name nor a social-security number."));
		field_hint(dlg_field(d, _("Code"), FIELD_PATIENT_CODE, true, NULL), _("A local code, e.g. P01234"));
	}
	/* The GPs first among the choices: a patient declares a GP. */
	struct field *gp = dlg_field(d, _("GP"), FIELD_MEMBER, true, x ? x->gp : NULL);
	struct member *m = NULL;
	size_t nm = 0;
	if (gp && app_members(t->app, &m, &nm, NULL) == ST_OK) {
		char **codes = calloc(nm ? nm : 1, sizeof *codes);
		size_t n = 0;
		for (size_t i = 0; codes && i < nm; i++)
			if (strcmp(m[i].profession, "gp") == 0)
				codes[n++] = m[i].code;
		if (codes)
			field_opts(gp, codes, n);
		if (!x && codes && n) {   /* a new patient: the first GP */
			char *first = strdup(codes[0]);
			if (first) {
				free(gp->buf);
				gp->buf = first;
				gp->cur = strlen(first);
			}
		}
		free(codes);
	}
	member_list_free(m, nm);
	if (gp)
		field_hint(gp, _("The member code of their GP (médecin traitant)"));
	dlg_field(d, _("Enrolled"), FIELD_DATE, true, fmt_date(x ? x->enrolled : t->today, d1));
	field_hint(dlg_field(d, _("Left"), FIELD_DATE_OPT, true, x ? fmt_date(x->left, d2) : NULL),
	           _("Empty while the patient is enrolled"));
	snprintf(born, sizeof born, "%d", x ? x->birth_year : 0);
	field_hint(dlg_field(d, _("Birth year"), FIELD_YEAR, true, x ? born : NULL), _("e.g. 1957"));
	static const char *const sexes[] = { "F", "M" };
	char sex[2] = { x ? x->sex : 'F', '\0' };
	field_opts(dlg_field(d, _("Sex"), FIELD_SEX, true, sex), (char *const *)sexes, 2);
	char *cats = NULL;
	struct sbuf b;
	sb_init(&b);
	for (size_t i = 0; i < t->cfg->ald.n; i++)
		sb_printf(&b, "%s%s", i ? ", " : "", t->cfg->ald.v[i].code);
	cats = sb_take(&b);
	struct sbuf h;
	sb_init(&h);
	sb_printf(&h, _("Long-term conditions, e.g. diabetes, cardio; empty: none. One of: %s"), cats ? cats : "");
	char *hint = sb_take(&h);
	field_hint(dlg_field(d, _("ALD"), FIELD_ALD, true, x ? x->ald : NULL), hint);
	free(hint);
	free(cats);
	const char *yes_no[] = { app_yes_no(true), app_yes_no(false) };
	field_opts(dlg_field(d, _("C2S"), FIELD_YESNO, true, app_yes_no(x && x->c2s)), (char *const *)yes_no, 2);
	dlg_check_all(t, d);
	if (!x && d->n > P_BORN) {
		for (size_t i = 0; i < d->n; i++) {   /* not typed yet: no reproach */
			free(d->f[i].err);
			d->f[i].err = NULL;
		}
	}
	tui_open(t, d);
	return R_REDRAW;
}

static void shift_year(struct patients *p, int by)
{
	p->counts_stale = true;
	int y, m, d;
	date_split(p->start, &y, NULL, NULL);
	p->start = date_year_start(y + by);
	p->end = date_year_end(y + by);
	date_split(p->at, &y, &m, &d);
	if (date_make(y + by, m, d, &p->at) != ST_OK)
		date_make(y + by, m, d - 1, &p->at);   /* 29 February */
}

static unsigned patients_act(struct tui *t, void *st, enum action a)
{
	struct patients *p = st;
	struct tlist *l = &p->list;
	switch (a) {
	case ACT_ADD: return open_patient(t, NULL);
	case ACT_EDIT: case ACT_OPEN: {
		const struct patient *x = row_patient(p, l->sel);
		return x && l->n ? open_patient(t, x) : R_NONE;
	}
	case ACT_UNDO: return tui_undo(t);
	case ACT_REDO: return tui_redo(t);
	case ACT_IMPORT_FILE: return tui_import(t, TABLE_PATIENTS);
	case ACT_PERIOD: return open_period(t, p);
	case ACT_PREV_YEAR: shift_year(p, -1); t->stale[SCR_PATIENTS] = true; return R_REDRAW;
	case ACT_NEXT_YEAR: shift_year(p, 1); t->stale[SCR_PATIENTS] = true; return R_REDRAW;
	case ACT_UP: case ACT_DOWN: case ACT_PAGE_UP: case ACT_PAGE_DOWN: case ACT_FIRST: case ACT_LAST: {
		tlist_nav(l, a);
		tlist_scroll(l, l->rows);
		struct err e = ERR_INIT;
		enum status rc = ensure_window(t, p, &e);
		if (rc != ST_OK)
			tui_error(t, &e);
		err_fini(&e);
		return rc == ST_OK ? R_ROWS : R_REDRAW;
	}
	default:
		return R_PASS;
	}
}

const struct screen_ops scr_patients = {
	.name = N_("Patients"),
	.bindings = patient_bindings,
	TUI_STATE(struct patients, list, NULL),
	.init = patients_init,
	.fini = patients_fini,
	.load = patients_load,
	.draw = patients_draw,
	.draw_rows = patients_draw_rows,
	.act = patients_act,
	.unsaved = NULL,
};
