/* scr_patients.c: enrolled patients (pseudonymous): counts per GP at a
 * date and averaged over a period, and the list searched by code. Only
 * the rows on screen are read (LIMIT/OFFSET): there may be tens of
 * thousands. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/date.h"
#include "quotepart/db_edit.h"
#include "quotepart/i18n.h"
#include "tui_internal.h"

struct gp_count {
	char *code;
	int64_t at_date;
	int64_t avg;           /* hundredths: patient-days x 100 / days */
};

struct patients {
	struct patient *page;  /* rows [page_off, page_off + n_page) */
	size_t n_page;
	int64_t page_off;
	struct tlist list;     /* n = total matching; no idx: paged */
	int32_t at, start, end;
	struct gp_count *gp;
	size_t n_gp;
};

static const enum action patient_keys[] = {
	ACT_PERIOD, ACT_PREV_YEAR, ACT_NEXT_YEAR, ACT_NONE
};

/* Rows of the list: the body less the header and the detail line. */
static int list_rows(void)
{
	return LINES - 4 - 3;
}

static void *patients_create(void)
{
	struct patients *p = calloc(1, sizeof *p);
	if (p) {
		tlist_init(&p->list, NULL, p);
		p->at = p->start = p->end = DATE_NONE;
	}
	return p;
}

static void clear_gp(struct patients *p)
{
	for (size_t i = 0; i < p->n_gp; i++)
		free(p->gp[i].code);
	free(p->gp);
	p->gp = NULL;
	p->n_gp = 0;
}

static void patients_destroy(void *st)
{
	struct patients *p = st;
	patient_list_free(p->page, p->n_page);
	clear_gp(p);
	tlist_fini(&p->list);
	free(p);
}

/* Counts per GP: at a date (the engine's "end of period" count on a
 * one-day period) and the average over [start, end]. */
static enum status load_counts(struct tui *t, struct patients *p, struct err *e)
{
	struct db_alloc_members at, per;
	clear_gp(p);
	enum status rc = db_alloc_members(t->db, p->at, p->at, &at, e);
	if (rc != ST_OK)
		return rc;
	rc = db_alloc_members(t->db, p->start, p->end, &per, e);
	if (rc != ST_OK) {
		db_alloc_members_free(&at);
		return rc;
	}
	p->gp = calloc(per.n ? per.n : 1, sizeof *p->gp);
	int64_t days = (int64_t)p->end - p->start + 1;
	for (size_t i = 0; p->gp && i < per.n; i++) {
		int64_t now = 0;
		for (size_t j = 0; j < at.n; j++)
			if (strcmp(at.v[j].code, per.v[i].code) == 0)
				now = at.v[j].patients_end;
		if (!now && !per.v[i].patient_days)
			continue;
		struct gp_count *g = &p->gp[p->n_gp++];
		g->code = strdup(per.v[i].code);
		g->at_date = now;
		g->avg = per.v[i].patient_days * 100 / days;
	}
	db_alloc_members_free(&at);
	db_alloc_members_free(&per);
	return p->gp ? ST_OK : err_set(e, ST_NOMEM, NULL);
}

static enum status patients_load(struct tui *t, void *st, struct err *e)
{
	struct patients *p = st;
	if (p->at == DATE_NONE) {
		p->start = date_year_start(t->year);
		p->end = date_year_end(t->year);
		p->at = t->today < p->end ? t->today : p->end;
	}
	struct tlist *l = &p->list;
	int rows = list_rows();
	tlist_scroll(l, rows);
	patient_list_free(p->page, p->n_page);
	p->page = NULL;
	p->n_page = 0;
	int64_t total = 0;
	enum status rc = db_patients_page(t->db, l->filter, (int64_t)l->top, rows, &p->page,
	                                  &p->n_page, &total, e);
	p->page_off = (int64_t)l->top;
	l->n_all = l->n = (size_t)total;
	if (l->sel >= l->n)
		l->sel = l->n ? l->n - 1 : 0;
	if (rc == ST_OK)
		rc = load_counts(t, p, e);
	return rc;
}

static const struct patient *row_patient(struct patients *p, size_t row)
{
	int64_t k = (int64_t)row - p->page_off;
	return k >= 0 && k < (int64_t)p->n_page ? &p->page[k] : NULL;
}

static void draw_row(struct tui *t, const struct patient *x, int y, int w, bool sel)
{
	char d1[DATE_BUFSZ];
	if (sel)
		draw_select(t, true);
	draw_fmt(y, 0, w, false, "%s%-9.9s %-11.11s %10s %4d %c", sel ? ">" : " ",
	         x->code, x->gp, fmt_date(x->enrolled, d1), x->birth_year, x->sex);
	if (sel)
		draw_select(t, false);
}

static void draw_list(struct tui *t, struct patients *p, int top, int rows, int w)
{
	struct tlist *l = &p->list;
	draw_header(t, top, 0, w, "");
	draw_fmt(top, 0, w, false, " %-9s %-11s %-10s %4s %s", _("Code"), _("GP"),
	         _("Enrolled"), _("Born"), _("Sex"));
	int n = rows - 3;
	tlist_scroll(l, n);
	for (int r = 0; r < n && l->top + (size_t)r < l->n; r++) {
		const struct patient *x = row_patient(p, l->top + (size_t)r);
		if (x)
			draw_row(t, x, top + 1 + r, w, l->top + (size_t)r == l->sel);
	}
	if (!l->n)
		draw_text(top + 1, 1, w - 1, l->filter ? _("(no patient code matches)") : _("No patient: import them with 'quotepart import patients FILE'."), false);
	const struct patient *cur = row_patient(p, l->sel);
	char d2[DATE_BUFSZ];
	if (cur)
		draw_fmt(top + rows - 2, 1, w - 1, false, "%s: %s · %s: %s · C2S: %s",
		         _("Left"), cur->left == DATE_NONE ? "-" : fmt_date(cur->left, d2), _("ALD"),
		         *cur->ald ? cur->ald : _("none"), cur->c2s ? _("yes") : _("no"));
	draw_fmt(top + rows - 1, 1, w - 1, false, _("%zu patient(s)%s%s · / searches by code"), l->n,
	         l->filter ? " · " : "", l->filter ? l->filter : "");
}

static void draw_counts(struct tui *t, struct patients *p, int top, int rows, int x, int w)
{
	char d1[DATE_BUFSZ], d2[DATE_BUFSZ], d3[DATE_BUFSZ];
	draw_header(t, top, x, w, _("Patients per GP"));
	draw_fmt(top + 1, x, w, false, "%s %s", _("On"), fmt_date(p->at, d1));
	draw_fmt(top + 2, x, w, false, "%s %s→%s", _("Avg"), fmt_date(p->start, d2), fmt_date(p->end, d3));
	draw_fmt(top + 3, x, w, false, "%-11s %7s %10s", _("GP"), _("on"), _("average"));
	top++;
	int64_t sum_at = 0, sum_avg = 0;
	int r = 0;
	for (size_t i = 0; i < p->n_gp && r < rows - 7; i++, r++) {
		char *avg = fmt_hundredths(p->gp[i].avg);
		draw_fmt(top + 3 + r, x, w, false, "%-11.11s %7lld %10s", p->gp[i].code,
		         (long long)p->gp[i].at_date, avg ? avg : "");
		free(avg);
		sum_at += p->gp[i].at_date;
		sum_avg += p->gp[i].avg;
	}
	char *avg = fmt_hundredths(sum_avg);
	attron(A_BOLD);
	draw_fmt(top + 3 + r, x, w, false, "%-11.11s %7lld %10s", _("Total"), (long long)sum_at, avg ? avg : "");
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

static void shift_year(struct patients *p, int by)
{
	int y, m, d;
	date_split(p->start, &y, NULL, NULL);
	p->start = date_year_start(y + by);
	p->end = date_year_end(y + by);
	date_split(p->at, &y, &m, &d);
	if (date_make(y + by, m, d, &p->at) != ST_OK)
		date_make(y + by, m, d - 1, &p->at);   /* 29 February */
}

static const enum action *patients_actions(void *st)
{
	(void)st;
	return patient_keys;
}

static unsigned patients_act(struct tui *t, void *st, enum action a)
{
	struct patients *p = st;
	struct tlist *l = &p->list;
	switch (a) {
	case ACT_PERIOD: return open_period(t, p);
	case ACT_PREV_YEAR: shift_year(p, -1); t->stale[SCR_PATIENTS] = true; return R_REDRAW;
	case ACT_NEXT_YEAR: shift_year(p, 1); t->stale[SCR_PATIENTS] = true; return R_REDRAW;
	case ACT_UP: case ACT_DOWN: case ACT_PAGE_UP: case ACT_PAGE_DOWN: case ACT_FIRST: case ACT_LAST:
		tlist_nav(l, a);
		tlist_scroll(l, l->rows);
		/* Read the page again when the rows on screen moved. */
		if ((int64_t)l->top != p->page_off)
			t->stale[SCR_PATIENTS] = true;
		return R_REDRAW;
	default:
		return R_PASS;
	}
}

static struct tlist *patients_list(void *st)
{
	return &((struct patients *)st)->list;
}

const struct screen_ops scr_patients = {
	.name = N_("Patients"),
	.keys = patient_keys,
	.create = patients_create,
	.destroy = patients_destroy,
	.load = patients_load,
	.draw = patients_draw,
	.actions = patients_actions,
	.act = patients_act,
	.list = patients_list,
	.unsaved = NULL,
};
