/* statement.c: a member's statement for a period: every approved
 * distribution of a receipt received in the period, each of the member's
 * lines explained (pool, basis, value, presence, weight among all, exact
 * share, the cent), true-up lines owed back, payments and what is due. The
 * same content is laid out as text or PDF; CSV has a row per line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "quotepart/array.h"
#include "quotepart/date.h"
#include "quotepart/i18n.h"
#include "quotepart/rat.h"

#include "report_internal.h"

/* ---- what a line says ---- */

static bool line_of(const struct dist_line *l, const char *member)
{
	const char *m = rep_line_member(l);
	return m && strcmp(m, member) == 0;
}

static const struct dist_part *part_of(const struct distribution *d, const struct dist_line *l)
{
	for (size_t i = 0; i < d->n_parts; i++)
		if (d->parts[i].kind == l->kind && d->parts[i].idx == l->idx)
			return &d->parts[i];
	return NULL;
}

/* A distribution prepared once for all the statements: its member lines
 * sorted by member (then in their order), and the total weight of each
 * part, so that a member's statement costs that member's lines rather
 * than every line of every part for every member. */
struct line_ref {
	const char *member;
	size_t line;
};

struct part_weight {
	enum line_kind kind;
	int idx;
	bool ok;               /* false: a weight unreadable, or the sum overflows */
	struct rat sum;
};

struct dist_index {
	struct line_ref *lines;
	size_t n_lines;
	struct part_weight *parts;
	size_t n_parts;
};

static int cmp_line_ref(const void *a, const void *b)
{
	const struct line_ref *x = a, *y = b;
	int c = strcmp(x->member, y->member);
	if (c)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* Σ of the weights of the lines of each part: the W of share = P x w / W. */
static bool index_weights(const struct distribution *d, struct dist_index *ix)
{
	for (size_t i = 0; i < d->n_lines; i++) {
		const struct dist_line *x = &d->lines[i];
		struct part_weight *pw = NULL;
		for (size_t k = 0; k < ix->n_parts && !pw; k++)
			if (ix->parts[k].kind == x->kind && ix->parts[k].idx == x->idx)
				pw = &ix->parts[k];
		if (!pw) {
			if (!array_grow(&ix->parts, NULL, ix->n_parts + 1, sizeof *ix->parts))
				return false;
			pw = &ix->parts[ix->n_parts++];
			pw->kind = x->kind;
			pw->idx = x->idx;
			pw->ok = true;
			pw->sum = (struct rat){ 0, 1 };
		}
		struct rat w;
		i128 a, b, den;
		if (!pw->ok)
			continue;
		if (!rat_parse(x->weight, &w) || !i128_mul(pw->sum.num, w.den, &a) ||
		    !i128_mul(w.num, pw->sum.den, &b) || !i128_add(a, b, &a) ||
		    !i128_mul(pw->sum.den, w.den, &den))
			pw->ok = false;
		else
			pw->sum = rat_make(a, den);
	}
	return true;
}

static void dist_index_fini(struct dist_index *ix)
{
	free(ix->lines);
	free(ix->parts);
	memset(ix, 0, sizeof *ix);
}

static bool dist_index_init(const struct distribution *d, struct dist_index *ix)
{
	memset(ix, 0, sizeof *ix);
	ix->lines = malloc((d->n_lines ? d->n_lines : 1) * sizeof *ix->lines);
	if (!ix->lines)
		return false;
	for (size_t i = 0; i < d->n_lines; i++) {
		const char *m = rep_line_member(&d->lines[i]);
		if (m)
			ix->lines[ix->n_lines++] = (struct line_ref){ m, i };
	}
	qsort(ix->lines, ix->n_lines, sizeof *ix->lines, cmp_line_ref);
	if (!index_weights(d, ix)) {
		dist_index_fini(ix);
		return false;
	}
	return true;
}

/* The member's lines: [*first, *end) of ix->lines (empty when none). */
static void member_lines(const struct dist_index *ix, const char *member,
                         size_t *first, size_t *end)
{
	size_t lo = 0, hi = ix->n_lines;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(ix->lines[mid].member, member) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = *end = lo;
	while (*end < ix->n_lines && strcmp(ix->lines[*end].member, member) == 0)
		(*end)++;
}

/* The total weight of the line's part; false when unreadable. */
static bool total_weight(const struct dist_index *ix, const struct dist_line *l, struct rat *out)
{
	for (size_t k = 0; k < ix->n_parts; k++) {
		const struct part_weight *pw = &ix->parts[k];
		if (pw->kind == l->kind && pw->idx == l->idx) {
			*out = pw->sum;
			return pw->ok;
		}
	}
	return false;
}

/* Every distribution of s indexed: *out (n_dists of them, each with
 * dist_index_fini, then free). False when out of memory. */
static bool index_all(const struct rep_statements *s, struct dist_index **out)
{
	struct dist_index *v = calloc(s->n_dists ? s->n_dists : 1, sizeof *v);
	bool ok = v != NULL;
	for (size_t i = 0; ok && i < s->n_dists; i++)
		ok = dist_index_init(&s->dists[i].d, &v[i]);
	if (!ok && v) {
		for (size_t i = 0; i < s->n_dists; i++)
			dist_index_fini(&v[i]);
		free(v);
		v = NULL;
	}
	*out = v;
	return ok;
}

static void dist_index_list_free(struct dist_index *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		dist_index_fini(&v[i]);
	free(v);
}

static bool is_true_up(const struct distribution *d)
{
	return d->mode == DIST_TRUE_UP;
}

/* "value × rate × presence = weight w of W in all" */
static void weight_text(const struct dist_index *ix, const struct dist_line *l, struct sbuf *b)
{
	char v[RAT_BUFSZ], pr[RAT_BUFSZ], w[RAT_BUFSZ];
	rep_rat_text(l->value, 2, v, sizeof v);
	rep_rat_text(l->weight, 2, w, sizeof w);
	const char *basis = l->basis ? l->basis : "";
	if (strcmp(basis, "hours") == 0)
		sb_printf(b, _("%s h"), v);
	else if (strcmp(basis, "patients") == 0)
		sb_printf(b, _("%s patients"), v);
	else if (strcmp(basis, "points") == 0)
		sb_printf(b, _("%s points"), v);
	else if (strcmp(basis, "fte") == 0)
		sb_printf(b, _("working time %s"), v);
	else
		sb_printf(b, _("%s share"), v);
	if (l->factor) {
		char f[MONEY_BUFSZ];
		sb_printf(b, _(" at rate %s"), decimal_format(l->factor, 2, rep_mark(), f, sizeof f));
	}
	struct rat p;
	if (l->presence && rat_parse(l->presence, &p) && !(p.num == p.den)) {
		rep_rat_text(l->presence, 2, pr, sizeof pr);
		sb_printf(b, _(" × presence %s (%s)"), l->presence, pr);
	}
	sb_printf(b, _(" = weight %s"), w);
	struct rat tw;
	if (total_weight(ix, l, &tw)) {
		char t[RAT_BUFSZ], s[RAT_BUFSZ];
		rat_format(tw, s, sizeof s);
		rep_rat_text(s, 2, t, sizeof t);
		sb_printf(b, _(" of %s in all"), t);
	}
}

/* The exact share in euros, to 1/10000 of a cent when not exact. */
static void exact_euros(const char *exact, char *buf, size_t size)
{
	struct rat ex;
	if (!exact || !rat_parse(exact, &ex) || !i128_mul(ex.den, 100, &ex.den)) {
		snprintf(buf, size, "%s", exact ? exact : "");
		return;
	}
	char s[RAT_BUFSZ];
	rat_format(rat_make(ex.num, ex.den), s, sizeof s);
	rep_rat_text(s, 4, buf, size);
}

static void payment_text(const struct dist_line *l, struct sbuf *b)
{
	char when[DATE_BUFSZ];
	if (l->cents == 0)
		sb_add(b, _("nothing to pay"));
	else if (l->cancelled)
		sb_add(b, l->cents > 0 ? _("cancelled by a reversal before it was paid: nothing to pay")
		                       : _("cancels a line that was never paid: nothing to pay back"));
	else if (l->paid_on == DATE_NONE)
		sb_add(b, l->cents > 0 ? _("not paid yet") : _("not settled yet"));
	else
		sb_printf(b, l->cents > 0 ? _("paid on %s (%s)") : _("settled on %s (%s)"),
		          date_format_local(l->paid_on, when, sizeof when), l->means ? l->means : "");
}

/* A label and an amount; a negative amount shows as owed back. */
static void owed_row(struct rep_out *o, int indent, enum pdf_style st, const char *label, int64_t cents)
{
	char m[MONEY_BUFSZ];
	if (cents >= 0) {
		rep_out_amount(o, indent, st, label, rep_money(cents, m, sizeof m));
		return;
	}
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, _("%s: owed back"), label);
	rep_out_amount(o, indent, st, b.s ? b.s : label, rep_money(-cents, m, sizeof m));
	sb_fini(&b);
}

/* What the key divided: the receipt, or a true-up's exercise total. */
static int64_t divided(const struct distribution *d)
{
	return is_true_up(d) ? d->base : d->amount;
}

/* The reservations the key took first (ALLOCATION.md, step 1), each with
 * its account and amount, then the remainder the pools divide; or that
 * nothing was reserved. */
static void reservations_block(struct rep_out *o, const struct distribution *d)
{
	char m[MONEY_BUFSZ], acc[160], rate[MONEY_BUFSZ];
	bool tu = is_true_up(d);
	if (!rep_reserves(d)) {
		rep_out_line(o, 1, PDF_BODY, tu ? _("Nothing is reserved: the whole total goes to the pools.")
		                                : _("Nothing is reserved: the whole receipt goes to the pools."));
		return;
	}
	rep_out_line(o, 1, PDF_BODY, tu ? _("Reserved first, from the total:") : _("Reserved first, from the receipt:"));
	int64_t reserved = 0;
	for (size_t i = 0; i < d->n_parts; i++) {
		const struct dist_part *p = &d->parts[i];
		if (p->kind != LINE_RESERVATION)
			continue;
		struct sbuf b;
		sb_init(&b);
		/* "Operating costs" for operating costs says it twice. */
		rep_account_label(p->account, acc, sizeof acc);
		if (strcasecmp(acc, p->label) == 0)
			sb_printf(&b, "\"%s\"", p->label);
		else
			sb_printf(&b, _("\"%s\" for %s"), p->label, acc);
		if (p->rate_bp)
			sb_printf(&b, tu ? _(": %s %% of the total") : _(": %s %% of the receipt"),
			          decimal_format(p->rate_bp, 2, rep_mark(), rate, sizeof rate));
		else
			sb_add(&b, _(": a fixed amount"));
		rep_out_amount(o, 2, PDF_BODY, b.s ? b.s : "", rep_money(p->amount, m, sizeof m));
		sb_fini(&b);
		reserved += p->amount;
	}
	rep_out_amount(o, 1, PDF_BODY, _("Remainder, divided between the pools"),
	               rep_money(divided(d) - reserved, m, sizeof m));
}

/* A true-up line's "before", named: what each earlier distribution gave
 * the same recipient for the same part (a reversal's, taken back, adds);
 * what none of them explains, if anything, in one row. */
static void before_rows(struct rep_out *o, const struct rep_dist *x, const struct dist_line *l)
{
	char m[MONEY_BUFSZ];
	int64_t named = 0;
	size_t found = 0;
	for (size_t i = 0; i < x->n_earlier; i++) {
		const struct rep_dist *y = &x->earlier[i];
		const char *ref = y->r.reference ? y->r.reference : _("no reference");
		for (size_t k = 0; k < y->d.n_lines; k++) {
			const struct dist_line *g = &y->d.lines[k];
			if (g->kind != l->kind || strcmp(g->label, l->label) != 0 ||
			    strcmp(g->recipient, l->recipient) != 0)
				continue;
			struct sbuf b;
			sb_init(&b);
			if (g->cents < 0)
				sb_printf(&b, _("plus what D%lld (%s, a reversal) took back"), (long long)y->d.id, ref);
			else
				sb_printf(&b, _("minus what D%lld (%s) gave"), (long long)y->d.id, ref);
			rep_out_amount(o, 2, PDF_BODY, b.s ? b.s : "",
			               rep_money(g->cents < 0 ? -g->cents : g->cents, m, sizeof m));
			sb_fini(&b);
			named += g->cents;
			found++;
		}
	}
	if (!found && l->before == 0)
		rep_out_amount(o, 2, PDF_BODY, _("minus nothing: no earlier distribution gave this pool"),
		               rep_money(0, m, sizeof m));
	else if (!found || named != l->before)
		rep_out_amount(o, 2, PDF_BODY, found ? _("minus what other earlier distributions gave")
		                                     : _("minus what earlier approved distributions gave"),
		               rep_money(l->before - named, m, sizeof m));
}

/* "Pool "P", basis B: R % of the remainder = A" (of the receipt, or of the
 * total, when nothing was reserved; what a reversal takes back). */
static void pool_text(const struct distribution *d, const struct dist_part *part,
                      const struct dist_line *l, struct sbuf *b)
{
	char m[MONEY_BUFSZ], rate[MONEY_BUFSZ];
	sb_printf(b, _("Pool \"%s\", basis %s"), l->label, rep_basis_label(l->basis));
	if (!part)
		return;
	rep_money(part->amount < 0 ? -part->amount : part->amount, m, sizeof m);
	decimal_format(part->rate_bp, 2, rep_mark(), rate, sizeof rate);
	if (d->mode == DIST_REVERSAL)
		sb_printf(b, _(": %s taken back"), m);
	else if (rep_reserves(d))
		sb_printf(b, _(": %s %% of the remainder = %s"), rate, m);
	else if (is_true_up(d))
		sb_printf(b, _(": %s %% of the total = %s"), rate, m);
	else
		sb_printf(b, _(": %s %% of the receipt = %s"), rate, m);
}

/* One of the member's lines, explained: the part, the weight, the exact
 * share and the cent, the true-up, the payment. */
static void line_block(struct rep_out *o, const struct rep_dist *x, const struct dist_index *ix,
                       const struct dist_line *l)
{
	const struct distribution *d = &x->d;
	const struct dist_part *part = part_of(d, l);
	char m[MONEY_BUFSZ], rate[MONEY_BUFSZ];
	struct sbuf b;
	sb_init(&b);
	bool tu = is_true_up(d);
	if (l->kind == LINE_RESERVATION) {
		if (part && part->rate_bp)
			sb_printf(&b, _("Reservation \"%s\": %s %% of the amount"), l->label,
			          decimal_format(part->rate_bp, 2, rep_mark(), rate, sizeof rate));
		else
			sb_printf(&b, _("Reservation \"%s\": a fixed amount"), l->label);
		rep_out_amount(o, 1, PDF_BODY, b.s ? b.s : "", rep_money(l->share, m, sizeof m));
		sb_fini(&b);
	} else {
		pool_text(d, part, l, &b);
		rep_out_line(o, 1, PDF_BODY, b.s ? b.s : "");
		sb_fini(&b);
		weight_text(ix, l, &b);
		rep_out_line(o, 2, PDF_SMALL, b.s ? b.s : "");
		sb_fini(&b);
		char ex[RAT_BUFSZ];
		exact_euros(l->exact, ex, sizeof ex);
		/* A reversal's share is the original's negated: the floor of the
		 * original is then towards zero, its ceiling away from zero. */
		if (l->share < 0)
			sb_printf(&b, l->leftover ? _("exact share %s, rounded away from zero (a leftover cent)")
			                          : _("exact share %s, rounded towards zero"), ex);
		else
			sb_printf(&b, l->leftover ? _("exact share %s, rounded up (a leftover cent)")
			                          : _("exact share %s, rounded down"), ex);
		rep_out_amount(o, 2, PDF_BODY, b.s ? b.s : "", rep_money(l->share, m, sizeof m));
		sb_fini(&b);
	}
	if (tu) {
		before_rows(o, x, l);
		rep_out_amount(o, 2, PDF_BOLD, l->cents < 0 ? _("owed back") : _("this line"),
		               rep_money(l->cents < 0 ? -l->cents : l->cents, m, sizeof m));
	}
	payment_text(l, &b);
	rep_out_line(o, 2, PDF_SMALL, b.s ? b.s : "");
	sb_fini(&b);
}

/* A reversal's head: which distribution it takes back, approved when,
 * why. */
static void reversal_head(struct rep_out *o, const struct rep_dist *x)
{
	const struct distribution *d = &x->d;
	char m[MONEY_BUFSZ], when[DATE_BUFSZ];
	struct sbuf b;
	sb_init(&b);
	if (x->reversed_on != DATE_NONE)
		sb_printf(&b, _("Reversal of D%lld (approved on %s): every amount D%lld gave is taken back"),
		          (long long)d->reverses, date_format_local(x->reversed_on, when, sizeof when),
		          (long long)d->reverses);
	else
		sb_printf(&b, _("Reversal of D%lld: every amount D%lld gave is taken back"),
		          (long long)d->reverses, (long long)d->reverses);
	rep_out_line(o, 1, PDF_BOLD, b.s ? b.s : "");
	sb_fini(&b);
	sb_printf(&b, _("Receipt received on %s, divided by D%lld"),
	          date_format_local(x->r.received, when, sizeof when), (long long)d->reverses);
	rep_out_amount(o, 1, PDF_BODY, b.s ? b.s : "", rep_money(-d->amount, m, sizeof m));
	sb_fini(&b);
	sb_printf(&b, _("The reversal was approved on %s"), date_format_local(d->approved_on, when, sizeof when));
	rep_out_line(o, 1, PDF_BODY, b.s ? b.s : "");
	sb_fini(&b);
	if (d->approved_note && *d->approved_note) {
		sb_printf(&b, _("Why: %s"), d->approved_note);
		rep_out_line(o, 1, PDF_BODY, b.s ? b.s : "");
		sb_fini(&b);
	}
}

/* A true-up's head: the total it divides and the distributions whose
 * lines it subtracts, named. */
static void true_up_head(struct rep_out *o, const struct rep_dist *x)
{
	char m[MONEY_BUFSZ];
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, _("True-up: the key divides the exercise's total %s; each line is the share of it minus what earlier approved distributions gave."),
	          rep_money(x->d.base, m, sizeof m));
	rep_out_line(o, 1, PDF_SMALL, b.s ? b.s : "");
	sb_fini(&b);
	if (!x->n_earlier)
		return;
	sb_add(&b, _("Earlier distributions it subtracts:"));
	for (size_t i = 0; i < x->n_earlier; i++) {
		const struct rep_dist *y = &x->earlier[i];
		sb_printf(&b, i ? "; D%lld %s %s" : " D%lld %s %s", (long long)y->d.id,
		          y->r.reference ? y->r.reference : _("no reference"), rep_money(y->d.amount, m, sizeof m));
	}
	rep_out_line(o, 1, PDF_SMALL, b.s ? b.s : "");
	sb_fini(&b);
}

/* The member's lines of one distribution: ix->lines[first, end). */
static void dist_block(struct rep_out *o, const struct rep_dist *x, const struct dist_index *ix,
                       size_t first, size_t end)
{
	const struct distribution *d = &x->d;
	const struct receipt *r = &x->r;
	char m[MONEY_BUFSZ], when[DATE_BUFSZ];
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, _("D%lld · %s %s, exercise %s · %s"), (long long)d->id, rep_source_short(r->source),
	          rep_label(REP_RECEIPT_KINDS, r->kind), r->exercise,
	          r->reference ? r->reference : _("no reference"));
	rep_out_head(o, b.s ? b.s : "");
	sb_fini(&b);
	if (d->mode == DIST_REVERSAL) {
		reversal_head(o, x);
	} else {
		sb_printf(&b, _("Received on %s"), date_format_local(r->received, when, sizeof when));
		rep_out_amount(o, 1, PDF_BODY, b.s ? b.s : "", rep_money(d->amount, m, sizeof m));
		sb_fini(&b);
		sb_printf(&b, _("Key \"%s\" version %d, approved on %s"), d->key_name, d->key_version,
		          date_format_local(d->approved_on, when, sizeof when));
		if (d->approved_note && *d->approved_note)
			sb_printf(&b, " (%s)", d->approved_note);
		rep_out_line(o, 1, PDF_BODY, b.s ? b.s : "");
		sb_fini(&b);
		if (is_true_up(d))
			true_up_head(o, x);
		reservations_block(o, d);
	}
	int64_t sub = 0;
	for (size_t k = first; k < end; k++) {
		const struct dist_line *l = &d->lines[ix->lines[k].line];
		line_block(o, x, ix, l);
		sub += l->cents;
	}
	owed_row(o, 1, PDF_BOLD, _("Total from this receipt"), sub);
}

struct rep_totals rep_statement_totals(const struct rep_statements *s, size_t member)
{
	struct rep_totals t = { 0, 0, 0, 0 };
	if (member >= s->n_members)
		return t;
	const char *code = s->members[member].code;
	for (size_t i = 0; i < s->n_dists; i++) {
		const struct distribution *d = &s->dists[i].d;
		for (size_t k = 0; k < d->n_lines; k++) {
			const struct dist_line *l = &d->lines[k];
			if (!line_of(l, code))
				continue;
			t.total += l->cents;
			if (l->paid_on != DATE_NONE)
				t.paid += l->cents;
			t.lines++;
		}
	}
	t.due = t.total - t.paid;
	return t;
}

/* Who the statement is from and for, and the period. */
static void member_head(struct rep_out *o, const struct rep_statements *s, const struct rep_person *p)
{
	char a[DATE_BUFSZ], b2[DATE_BUFSZ], c[DATE_BUFSZ];
	struct sbuf b;
	rep_out_title(o, s->practice);
	rep_out_identity(o, s->address, s->siret);
	sb_init(&b);
	sb_printf(&b, _("Statement for %s, %s"), p->code, p->name);
	rep_out_line(o, 0, PDF_HEAD, b.s ? b.s : "");
	sb_fini(&b);
	sb_printf(&b, "%s, %s", p->profession ? p->profession : "", p->status ? p->status : "");
	rep_out_line(o, 0, PDF_BODY, b.s ? b.s : "");
	sb_fini(&b);
	sb_printf(&b, _("Receipts received from %s to %s; issued on %s"),
	          date_format_local(s->from, a, sizeof a), date_format_local(s->to, b2, sizeof b2),
	          date_format_local(s->issued, c, sizeof c));
	rep_out_line(o, 0, PDF_BODY, b.s ? b.s : "");
	sb_fini(&b);
	rep_out_rule(o);
}

static void member_block(struct rep_out *o, const struct rep_statements *s,
                         const struct dist_index *ix, size_t idx)
{
	const struct rep_person *p = &s->members[idx];
	char m[MONEY_BUFSZ];
	member_head(o, s, p);
	bool any = false, true_up = false, reversal = false;
	/* The same sums as rep_statement_totals, from the member's lines. */
	struct rep_totals t = { 0, 0, 0, 0 };
	for (size_t i = 0; i < s->n_dists; i++) {
		size_t first, end;
		member_lines(&ix[i], p->code, &first, &end);
		if (first == end)
			continue;
		any = true;
		true_up |= is_true_up(&s->dists[i].d);
		reversal |= s->dists[i].d.mode == DIST_REVERSAL;
		dist_block(o, &s->dists[i], &ix[i], first, end);
		for (size_t k = first; k < end; k++) {
			const struct dist_line *l = &s->dists[i].d.lines[ix[i].lines[k].line];
			t.total += l->cents;
			if (l->paid_on != DATE_NONE)
				t.paid += l->cents;
			t.lines++;
		}
	}
	t.due = t.total - t.paid;
	if (!any)
		rep_out_line(o, 0, PDF_BODY, _("No approved distribution of a receipt received in this period gives this member anything."));

	rep_out_head(o, _("Totals for the period"));
	owed_row(o, 1, PDF_BODY, _("Total of the lines"), t.total);
	rep_out_amount(o, 1, PDF_BODY, _("Paid (net of amounts settled)"), rep_money(t.paid, m, sizeof m));
	if (t.due >= 0)
		rep_out_amount(o, 1, PDF_BOLD, _("Balance still due to the member"), rep_money(t.due, m, sizeof m));
	else
		rep_out_amount(o, 1, PDF_BOLD, _("Balance still owed back by the member"), rep_money(-t.due, m, sizeof m));

	rep_out_head(o, _("How each amount is computed"));
	rep_out_line(o, 0, PDF_SMALL, _("A pool is divided in proportion to the weights: weight = basis value × presence "
	                            "(days active in the period / days in the period, when the key says so). "
	                            "Each line is its exact share rounded down to the cent; the cents left over go one each "
	                            "to the largest remainders, ties to the member code first in byte order."));
	if (true_up)
		rep_out_line(o, 0, PDF_SMALL, _("A true-up applies the key to the exercise's total with the final data; "
		                            "a negative line is an amount owed back."));
	if (reversal)
		rep_out_line(o, 0, PDF_SMALL, _("A reversal negates every amount of the distribution it reverses: "
		                            "a share the original rounded down is rounded towards zero, "
		                            "a leftover cent is taken back with it."));
	rep_out_audit(o, &s->audit);
}

/* ---- CSV ---- */

static void csv_statements(const struct rep_statements *s, const struct dist_index *ix,
                           size_t first, size_t count, struct sbuf *out)
{
	static const char *const head[] = {
		NC_("csv header", "member"), NC_("csv header", "name"),
		NC_("csv header", "distribution"), NC_("csv header", "source"),
		NC_("csv header", "kind"), NC_("csv header", "exercise"),
		NC_("csv header", "reference"), NC_("csv header", "received_on"),
		NC_("csv header", "receipt_amount"), NC_("csv header", "key"),
		NC_("csv header", "key_version"), NC_("csv header", "mode"),
		NC_("csv header", "approved_on"), NC_("csv header", "part"),
		NC_("csv header", "label"), NC_("csv header", "basis"),
		NC_("csv header", "part_amount"), NC_("csv header", "value"),
		NC_("csv header", "factor"), NC_("csv header", "presence"),
		NC_("csv header", "weight"), NC_("csv header", "total_weight"),
		NC_("csv header", "exact_eur"), NC_("csv header", "share_eur"),
		NC_("csv header", "before_eur"), NC_("csv header", "amount"),
		NC_("csv header", "leftover"), NC_("csv header", "paid_on"),
		NC_("csv header", "means"),
	};
	struct csv_out o;
	rep_csv_start(&o, head, sizeof head / sizeof head[0]);
	for (size_t k = first; k < first + count && k < s->n_members; k++) {
		const struct rep_person *p = &s->members[k];
		for (size_t i = 0; i < s->n_dists; i++) {
			const struct distribution *d = &s->dists[i].d;
			const struct receipt *r = &s->dists[i].r;
			size_t from, end;
			member_lines(&ix[i], p->code, &from, &end);
			for (size_t j = from; j < end; j++) {
				const struct dist_line *l = &d->lines[ix[i].lines[j].line];
				const struct dist_part *part = part_of(d, l);
				char buf[RAT_BUFSZ];
				csv_text(&o, p->code);
				csv_text(&o, p->name);
				snprintf(buf, sizeof buf, "D%lld", (long long)d->id);
				csv_text(&o, buf);
				csv_text(&o, r->source);
				csv_text(&o, r->kind);
				csv_text(&o, r->exercise);
				rep_csv_text(&o, r->reference);
				rep_csv_date(&o, r->received);
				rep_csv_money(&o, d->amount);
				csv_text(&o, d->key_name);
				rep_csv_int(&o, d->key_version);
				csv_text(&o, dist_mode_name(d->mode));
				rep_csv_date(&o, d->approved_on);
				csv_text(&o, line_kind_name(l->kind));
				csv_text(&o, l->label);
				rep_csv_text(&o, l->basis);
				if (part)
					rep_csv_money(&o, part->amount);
				else
					csv_num(&o, "");
				rep_csv_weights(&o, l);
				struct rat tw;
				if (l->kind == LINE_POOL && total_weight(&ix[i], l, &tw))
					rep_csv_rat_value(&o, tw);
				else
					csv_num(&o, "");
				rep_csv_shares(&o, l);
				if (l->paid_on != DATE_NONE)
					rep_csv_date(&o, l->paid_on);
				else
					csv_num(&o, "");
				rep_csv_text(&o, l->means);
				csv_endrow(&o);
			}
		}
	}
	rep_csv_finish(&o, out);
}

static enum status statements_out(const struct rep_statements *s, const struct dist_index *ix,
                                  size_t first, size_t count, enum rep_format f,
                                  struct sbuf *out, struct err *e)
{
	if (f == REP_CSV) {
		csv_statements(s, ix, first, count, out);
		return out->failed ? err_set(e, ST_NOMEM, NULL) : ST_OK;
	}
	if (f == REP_TEXT) {
		struct rep_out o = { out, NULL };
		for (size_t k = first; k < first + count && k < s->n_members; k++) {
			if (k > first) {
				sb_add(out, "\n");
				for (int i = 0; i < REP_WIDTH; i++)
					sb_add(out, "=");
				sb_add(out, "\n\n");
			}
			member_block(&o, s, ix, k);
		}
		return out->failed ? err_set(e, ST_NOMEM, NULL) : ST_OK;
	}
	/* REP_PDF */
	char a[DATE_BUFSZ], b[DATE_BUFSZ];
	struct pdf *pdf;
	enum status rc = rep_pdf_open(out, s->practice, &pdf, e, _("Statement %s to %s"),
	                              date_format_local(s->from, a, sizeof a),
	                              date_format_local(s->to, b, sizeof b));
	if (rc != ST_OK)
		return rc;
	struct rep_out o = { NULL, pdf };
	struct sbuf name;
	sb_init(&name);
	/* A section per member: its own page numbers, its name on each page. */
	for (size_t k = first; k < first + count && k < s->n_members; k++) {
		sb_fini(&name);
		sb_printf(&name, "%s, %s", s->members[k].code, s->members[k].name);
		pdf_section(pdf, name.s ? name.s : s->members[k].code);
		member_block(&o, s, ix, k);
	}
	sb_fini(&name);
	return pdf_close(pdf, e);
}

enum status rep_statement(const struct rep_statements *s, size_t first,
                          size_t count, enum rep_format f, struct sbuf *out,
                          struct err *e)
{
	if (!(REP_STATEMENT_FORMATS & REP_CAN(f)))
		return err_set(e, ST_USAGE, _("statements are made as text, csv or pdf, not %s"), rep_format_name(f));
	struct dist_index *ix;
	if (!index_all(s, &ix))
		return err_set(e, ST_NOMEM, NULL);
	enum status rc = statements_out(s, ix, first, count, f, out, e);
	dist_index_list_free(ix, s->n_dists);
	return rc;
}
