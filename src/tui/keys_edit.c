/* keys_edit.c: a key edited in the terminal: its reservations and pools
 * listed (keys_draw.c draws them), added, changed and deleted
 * through forms checked as typed (filters, bases, hourly rates, points),
 * then saved as a new version the way an import saves one (versions
 * never change; distributions made keep theirs). Nothing is written
 * before s; Esc leaves, asking first when something changed. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/i18n.h"
#include "quotepart/money.h"
#include "keys.h"

const enum action keys_edit_bindings[] = {
	ACT_ADD_POOL, ACT_ADD_RES, ACT_EDIT, ACT_DELETE, ACT_SAVE_KEY, ACT_NONE
};

/* ---- rows: 0 the key, then reservations, then pools ---- */

static size_t row_of(const struct key *k, enum part_kind kind, size_t i)
{
	return kind == PART_KEY ? 0 : kind == PART_RES ? 1 + i : 1 + k->n_res + i;
}

static bool part_match(void *ctx, size_t row, const char *needle)
{
	struct keys *ks = ctx;
	size_t i;
	switch (keys_part_kind(ks->edit, row, &i)) {
	case PART_KEY: return tlist_contains(ks->edit->name, needle);
	case PART_RES: return tlist_contains(ks->edit->res[i].label, needle) ||
	                      tlist_contains(ks->edit->res[i].account, needle);
	case PART_POOL: return tlist_contains(ks->edit->pools[i].label, needle);
	}
	return false;
}

static void rows_changed(struct keys *k)
{
	tlist_reset(&k->parts, 1 + k->edit->n_res + k->edit->n_pools);
}

void keys_edit_close(struct keys *k)
{
	key_free(k->edit);
	k->edit = NULL;
	k->edit_base = 0;
	k->edit_dirty = false;
	tlist_fini(&k->parts);
}

/* Take `key` (a working copy) into the editor. */
static void start(struct keys *k, struct key *key, int base)
{
	keys_edit_close(k);
	k->edit = key;
	k->edit_base = base;
	tlist_init(&k->parts, part_match, k);
	rows_changed(k);
}

unsigned keys_edit_open(struct tui *t, struct keys *k, size_t i)
{
	if (!k->parsed[i]) {
		tui_msg(t, "%s", _("This key no longer reads with the current configuration: edit its file with E."));
		t->msg_error = true;
		return R_REDRAW;
	}
	struct key *copy = key_dup(k->parsed[i]);
	if (!copy)
		return R_NONE;
	start(k, copy, k->parsed[i]->version);
	return R_REDRAW;
}

/* ---- forms ---- */

struct part_form {
	struct keys *k;
	enum part_kind kind;
	size_t i;              /* the part edited */
	bool is_new;           /* added at i on success */
};

static struct part_form *part_form_new(struct keys *k, enum part_kind kind, size_t i, bool is_new)
{
	struct part_form *f = calloc(1, sizeof *f);
	if (f)
		*f = (struct part_form){ k, kind, i, is_new };
	return f;
}

/* The working key with a part at f->i, `res` or `pool` by f's kind (the
 * other NULL; taken either way): inserted when new, else replacing the
 * part there. It is tried on a copy: checked against the rest, the copy
 * becomes the working key; refused, the working key stays as it was. */
static enum status place(struct tui *t, struct part_form *f, struct key_reservation *res,
                         struct key_pool *pool, struct err *e)
{
	struct key *next = key_dup(f->k->edit);
	if (next && !f->is_new) {
		if (pool)
			key_remove_pool(next, f->i);
		else
			key_remove_reservation(next, f->i);
	}
	bool ok = next && (pool ? key_insert_pool(next, f->i, pool) : key_insert_reservation(next, f->i, res));
	if (pool)
		key_pool_fini(pool);
	else
		key_reservation_fini(res);
	enum status rc = ok ? app_key_part_check(t->app, next, pool != NULL, f->i, e) : err_set(e, ST_NOMEM, NULL);
	if (rc != ST_OK) {
		key_free(next);
		return rc;
	}
	key_free(f->k->edit);
	f->k->edit = next;
	return ST_OK;
}

/* After a part was placed: the list follows, the part selected. */
static void placed(struct tui *t, struct part_form *f, const char *label)
{
	struct keys *k = f->k;
	k->edit_dirty = true;
	rows_changed(k);
	tlist_select(&k->parts, row_of(k->edit, f->kind, f->i));
	tui_msg(t, _("\"%s\" is in the key; s saves the key as a new version."), label);
}

enum { R_LABEL, R_ACCOUNT, R_VALUE };

static enum status submit_res(struct tui *t, struct dialog *d, struct err *e)
{
	struct part_form *f = d->ctx;
	struct key_reservation r;
	memset(&r, 0, sizeof r);
	enum status rc = app_res_value_parse(dlg_value(d, R_VALUE), &r, e);
	if (rc != ST_OK)
		return rc;
	r.label = strdup(dlg_value(d, R_LABEL));
	r.account = strdup(dlg_value(d, R_ACCOUNT));
	if (!r.label || !r.account) {
		key_reservation_fini(&r);
		return err_set(e, ST_NOMEM, NULL);
	}
	char *label = strdup(r.label);
	if ((rc = place(t, f, &r, NULL, e)) == ST_OK)
		placed(t, f, label ? label : "");
	free(label);
	return rc;
}

static unsigned open_res_form(struct tui *t, struct keys *k, size_t i, bool is_new)
{
	const struct key_reservation *r = is_new ? NULL : &k->edit->res[i];
	struct part_form *f = part_form_new(k, PART_RES, i, is_new);
	if (!f)
		return R_NONE;
	struct dialog *d = r ? dlg_form_fmt(submit_res, f, free, _("Reservation \"%s\""), r->label)
	                     : dlg_form(_("New reservation"), submit_res, f, free);
	if (!d)
		return R_NONE;
	d->text = strdup(_("Taken first from the amount received, in the key's order, for an account: "
	                   "a post's funding, the operating costs, or one member."));
	dlg_field(d, _("Label"), FIELD_NAME, true, r ? r->label : NULL);
	struct field *acc = dlg_field(d, _("Account"), FIELD_ACCOUNT, true, r ? r->account : "operating");
	struct post *posts = NULL;
	size_t np = 0;
	if (acc && app_posts(t->app, &posts, &np, NULL) == ST_OK) {
		char **opts = calloc(np + 1, sizeof *opts);
		struct sbuf b;
		sb_init(&b);
		for (size_t j = 0; opts && j <= np; j++) {
			sb_printf(&b, j ? "post:%s" : "operating", j ? posts[j - 1].code : "");
			opts[j] = sb_take(&b);
		}
		if (opts)
			field_opts(acc, opts, np + 1);
		for (size_t j = 0; opts && j <= np; j++)
			free(opts[j]);
		free(opts);
	}
	post_list_free(posts, np);
	if (acc)
		field_hint(acc, _("operating, post:CODE or member:CODE"));
	char *value = r ? keys_res_value_text(r) : NULL;
	field_hint(dlg_field(d, _("Takes"), FIELD_RES_VALUE, true, value),
	           _("An amount (18 000,00) or a rate of the receipt ending with % (10 %)"));
	free(value);
	dlg_check_all(t, d);
	if (!r && d->n > R_VALUE) {
		free(d->f[R_LABEL].err);   /* not typed yet: no reproach */
		d->f[R_LABEL].err = NULL;
		free(d->f[R_VALUE].err);
		d->f[R_VALUE].err = NULL;
	}
	tui_open(t, d);
	return R_REDRAW;
}

enum { P_LABEL, P_RATE, P_BASIS, P_PRORATA, P_AT, P_STATUSES, P_PROFESSIONS, P_GROUPS,
       P_MEMBERS, P_KINDS, P_RATES, P_POINTS };

static enum status submit_pool(struct tui *t, struct dialog *d, struct err *e)
{
	struct part_form *f = d->ctx;
	struct app *a = t->app;
	struct key_pool p;
	memset(&p, 0, sizeof p);
	int64_t rate = 0;
	enum status rc = ST_OK;
	if (decimal_parse(dlg_value(d, P_RATE), 2, &rate) != ST_OK || !app_basis_parse(dlg_value(d, P_BASIS), &p.basis) ||
	    !app_at_parse(dlg_value(d, P_AT), &p.at_end))
		return err_set(e, ST_INVALID, _("a field is not right"));
	p.rate_bp = (int32_t)rate;
	p.prorata = app_is_yes(dlg_value(d, P_PRORATA));
	if (!(p.label = strdup(dlg_value(d, P_LABEL))))
		rc = err_set(e, ST_NOMEM, NULL);
	if (rc == ST_OK)
		rc = app_codes_parse(a, FIELD_STATUSES, dlg_value(d, P_STATUSES), &p.statuses, e);
	if (rc == ST_OK)
		rc = app_codes_parse(a, FIELD_PROFESSIONS, dlg_value(d, P_PROFESSIONS), &p.professions, e);
	if (rc == ST_OK)
		rc = app_codes_parse(a, FIELD_GROUPS, dlg_value(d, P_GROUPS), &p.groups, e);
	if (rc == ST_OK)
		rc = app_codes_parse(a, FIELD_MEMBERS, dlg_value(d, P_MEMBERS), &p.members, e);
	if (rc == ST_OK)
		rc = app_codes_parse(a, FIELD_KINDS, dlg_value(d, P_KINDS), &p.kinds, e);
	if (rc == ST_OK)
		rc = app_rates_parse(a, dlg_value(d, P_RATES), &p.rates, &p.n_rates, e);
	if (rc == ST_OK)
		rc = app_points_parse(a, dlg_value(d, P_POINTS), &p.points, &p.n_points, e);
	if (rc != ST_OK) {
		key_pool_fini(&p);
		return rc;
	}
	char *label = strdup(p.label);
	if ((rc = place(t, f, NULL, &p, e)) == ST_OK)
		placed(t, f, label ? label : "");
	free(label);
	return rc;
}

/* A filter as its field shows it: the words of keys_word, ", " between
 * (a label of several words is read back whole). */
static char *words_text(const struct codelist *l, const struct strlist *codes)
{
	struct sbuf b;
	sb_init(&b);
	sb_add(&b, "");
	keys_words_add(&b, l, codes);
	return sb_take(&b);
}

static void opts_of(struct field *fl, const char *const *v, size_t n)
{
	if (fl)
		field_opts(fl, (char *const *)v, n);
}

static unsigned open_pool_form(struct tui *t, struct keys *k, size_t i, bool is_new)
{
	const struct key_pool *p = is_new ? NULL : &k->edit->pools[i];
	struct part_form *f = part_form_new(k, PART_POOL, i, is_new);
	if (!f)
		return R_NONE;
	char pct[MONEY_BUFSZ];
	struct dialog *d = p ? dlg_form_fmt(submit_pool, f, free, _("Pool \"%s\""), p->label)
	                     : dlg_form(_("New pool"), submit_pool, f, free);
	if (!d)
		return R_NONE;
	const char *bases[] = { app_basis_text(BASIS_EQUAL), app_basis_text(BASIS_FTE), app_basis_text(BASIS_PATIENTS),
	                        app_basis_text(BASIS_HOURS), app_basis_text(BASIS_POINTS) };
	const char *ats[] = { app_at_text(false), app_at_text(true) };
	const char *yes_no[] = { app_yes_no(true), app_yes_no(false) };
	const struct config *c = t->cfg;
	char *statuses = p ? words_text(&c->statuses, &p->statuses) : NULL;
	char *professions = p ? words_text(&c->professions, &p->professions) : NULL;
	char *groups = p ? words_text(&c->groups, &p->groups) : NULL;
	char *members = p ? app_codes_text(&p->members) : NULL;
	char *kinds = p ? words_text(&c->activity_kinds, &p->kinds) : NULL;
	char *rates = p ? app_rates_text(p->rates, p->n_rates) : NULL;
	char *points = p ? app_points_text(p->points, p->n_points) : NULL;
	if (p)
		fmt_rate(p->rate_bp, pct);
	dlg_field(d, _("Label"), FIELD_NAME, true, p ? p->label : NULL);
	field_hint(dlg_field(d, _("Rate %"), FIELD_PERCENT, true, p ? pct : NULL),
	           _("Its share of what the reservations leave; the pools make 100 together"));
	struct field *fl = dlg_field(d, _("Basis"), FIELD_BASIS, true, app_basis_text(p ? p->basis : BASIS_EQUAL));
	opts_of(fl, bases, 5);
	field_hint(fl, _("equal shares, fte (working time), patients (as GP), hours (of activity), points (given below)"));
	fl = dlg_field(d, _("Prorata"), FIELD_YESNO, true, app_yes_no(p ? p->prorata : true));
	opts_of(fl, yes_no, 2);
	field_hint(fl, _("Weigh each member by the days they were present in the period"));
	fl = dlg_field(d, _("Patients at"), FIELD_AT, true, app_at_text(p && p->at_end));
	opts_of(fl, ats, 2);
	field_hint(fl, _("Basis patients only: the average over the period's days, or the count at its end"));
	field_hint(dlg_field(d, _("Statuses"), FIELD_STATUSES, true, statuses),
	           _("Only members of these statuses, e.g. associate; empty: every status"));
	field_hint(dlg_field(d, _("Professions"), FIELD_PROFESSIONS, true, professions),
	           _("Only these professions, e.g. gp, nurse; empty: every profession"));
	field_hint(dlg_field(d, _("Groups"), FIELD_GROUPS, true, groups),
	           _("Only these groups of professions, e.g. medical; empty: every group"));
	field_hint(dlg_field(d, _("Members"), FIELD_MEMBERS, true, members),
	           _("Only these members (codes); empty: every member the other filters let in"));
	field_hint(dlg_field(d, _("Activity kinds"), FIELD_KINDS, true, kinds),
	           _("Basis hours only: the kinds of activity counted, e.g. RCP, protocol; empty: all"));
	field_hint(dlg_field(d, _("Hourly rates"), FIELD_RATES, true, rates),
	           _("Basis hours only: gp = 80; nurse = 50 (a profession left out counts 0); empty: 1 each hour"));
	field_hint(dlg_field(d, _("Points"), FIELD_POINTS, true, points),
	           _("Basis points only: GP1 = 3; IDE2 = 1,5 (a member left out has 0)"));
	free(statuses);
	free(professions);
	free(groups);
	free(members);
	free(kinds);
	free(rates);
	free(points);
	dlg_check_all(t, d);
	if (!p && d->n > P_RATE) {
		free(d->f[P_LABEL].err);   /* not typed yet: no reproach */
		d->f[P_LABEL].err = NULL;
		free(d->f[P_RATE].err);
		d->f[P_RATE].err = NULL;
	}
	tui_open(t, d);
	return R_REDRAW;
}

/* The key's own row: its description (and its name while new). */
static enum status submit_header(struct tui *t, struct dialog *d, struct err *e)
{
	struct keys *k = d->ctx;
	size_t o = k->edit_base ? 0 : 1;   /* a new key's name comes first */
	const char *desc = dlg_value(d, o);
	char *name = o ? strdup(dlg_value(d, 0)) : NULL;
	char *nd = *desc ? strdup(desc) : NULL;
	enum status rc = (o && !name) || (*desc && !nd) ? err_set(e, ST_NOMEM, NULL) : ST_OK;
	for (size_t i = 0; rc == ST_OK && name && i < k->n; i++)
		if (strcmp(k->v[i].name, name) == 0)
			rc = err_set(e, ST_REFUSED, _("a key named \"%s\" already exists: choose another name"), name);
	if (rc != ST_OK) {
		free(name);
		free(nd);
		return rc;
	}
	if (name) {
		free(k->edit->name);
		k->edit->name = name;
	}
	free(k->edit->description);
	k->edit->description = nd;
	k->edit_dirty = true;
	tui_msg(t, "%s", _("Changed in the key; s saves the key as a new version."));
	return ST_OK;
}

static unsigned open_header(struct tui *t, struct keys *k)
{
	struct dialog *d = dlg_form_fmt(submit_header, k, NULL, _("Key %s"), k->edit->name);
	if (!d)
		return R_NONE;
	if (!k->edit_base)
		field_hint(dlg_field(d, _("Name"), FIELD_NAME, true, k->edit->name),
		           _("How the key is called, e.g. ACI 2026; no other key may have it"));
	field_hint(dlg_field(d, _("Description"), FIELD_TEXT, true, k->edit->description),
	           _("What the key does, in a sentence (optional)"));
	tui_open(t, d);
	return R_REDRAW;
}

/* A new key: its name and description first; the editor opens on them. */
static enum status submit_new(struct tui *t, struct dialog *d, struct err *e)
{
	struct keys *k = d->ctx;
	const char *name = dlg_value(d, 0), *desc = dlg_value(d, 1);
	for (size_t i = 0; i < k->n; i++)
		if (strcmp(k->v[i].name, name) == 0)
			return err_set(e, ST_REFUSED, _("a key named \"%s\" already exists: choose another name"), name);
	struct key *key = calloc(1, sizeof *key);
	if (!key || !(key->name = strdup(name)) || (*desc && !(key->description = strdup(desc)))) {
		key_free(key);
		return err_set(e, ST_NOMEM, NULL);
	}
	start(k, key, 0);
	k->edit_dirty = true;
	tui_msg(t, "%s", _("Now add its pools (a) and reservations (r), then save it (s)."));
	return ST_OK;
}

unsigned keys_edit_new(struct tui *t, struct keys *k)
{
	struct dialog *d = dlg_form(_("New key"), submit_new, k, NULL);
	if (!d)
		return R_NONE;
	field_hint(dlg_field(d, _("Name"), FIELD_NAME, true, NULL),
	           _("How the key is called, e.g. ACI 2026; no other key may have it"));
	field_hint(dlg_field(d, _("Description"), FIELD_TEXT, true, NULL),
	           _("What the key does, in a sentence (optional)"));
	tui_open(t, d);
	return R_REDRAW;
}

/* ---- deleting, saving, leaving ---- */

static enum status submit_delete(struct tui *t, struct dialog *d, struct err *e)
{
	struct keys *k = tui_state(t, SCR_KEYS);
	size_t row = (size_t)(uintptr_t)d->ctx, i;
	(void)e;
	if (!k->edit)
		return ST_OK;
	enum part_kind kind = keys_part_kind(k->edit, row, &i);
	if (kind == PART_RES)
		key_remove_reservation(k->edit, i);
	else if (kind == PART_POOL)
		key_remove_pool(k->edit, i);
	k->edit_dirty = true;
	rows_changed(k);
	tui_msg(t, "%s", _("Deleted from the key; s saves the key as a new version, Esc leaves without saving."));
	return ST_OK;
}

static unsigned open_delete(struct tui *t, struct keys *k, size_t row)
{
	size_t i;
	enum part_kind kind = keys_part_kind(k->edit, row, &i);
	if (kind == PART_KEY) {
		tui_msg(t, "%s", _("The key itself is not deleted here: its versions are kept forever."));
		return R_REDRAW;
	}
	tui_open(t, dlg_confirm_fmt(_("Delete"), submit_delete, (void *)(uintptr_t)row, NULL,
	                            kind == PART_RES ? _("Delete the reservation \"%s\" from the key? Nothing is saved before s.")
	                                             : _("Delete the pool \"%s\" from the key? Nothing is saved before s."),
	                            kind == PART_RES ? k->edit->res[i].label : k->edit->pools[i].label));
	return R_REDRAW;
}

/* The key as a new version. Refused, it stays in the editor as it is,
 * and the message says so: s again retries. */
static unsigned save(struct tui *t, struct keys *k)
{
	struct err e = ERR_INIT;
	int version = 0;
	bool is_new = false;
	enum status rc = app_key_save(t->app, k->edit, k->edit_base, &version, &is_new, &e);
	if (rc == ST_BUSY) {
		char *s = tui_busy_text(_("nothing was saved. The key stays in the editor: press s to try again."));
		tui_msg(t, "%s", s ? s : err_text(&e));
		t->msg_error = true;
		free(s);
	} else if (rc != ST_OK) {
		tui_msg(t, _("Error: %s; the key stays in the editor as it is."), err_text(&e));
		t->msg_error = true;
	}
	if (rc != ST_OK) {
		err_fini(&e);
		return R_REDRAW;
	}
	if (is_new && k->edit_base)
		tui_msg(t, _("Key %s saved as version %d (u undoes it)."),
		        k->edit->name, version);
	else if (is_new)
		tui_msg(t, _("Key %s saved as version %d."), k->edit->name, version);
	else
		tui_msg(t, _("Key %s unchanged."), k->edit->name);
	free(k->select);
	k->select = strdup(k->edit->name);
	keys_edit_close(k);
	return R_RELOAD | R_REDRAW;
}

static unsigned save_deferred(struct tui *t)
{
	struct keys *k = tui_state(t, SCR_KEYS);
	return k->edit ? save(t, k) : R_NONE;
}

/* s: saved after a frame that says so, as forms are (the save may wait
 * for another program writing the database). */
static unsigned save_after_frame(struct tui *t)
{
	tui_msg(t, "%s", tui_saving_note());
	t->deferred = save_deferred;
	return R_REDRAW;
}

static enum status submit_leave(struct tui *t, struct dialog *d, struct err *e)
{
	(void)d;
	(void)e;
	keys_edit_close(tui_state(t, SCR_KEYS));
	return ST_OK;
}

static unsigned leave(struct tui *t, struct keys *k)
{
	if (k->parts.filter)
		return R_PASS;   /* Esc clears the filter first */
	if (!k->edit_dirty) {
		keys_edit_close(k);
		return R_REDRAW;
	}
	tui_open(t, dlg_confirm_fmt(_("Leave"), submit_leave, NULL, NULL,
	                            _("Leave key %s without saving? Your changes will be lost."), k->edit->name));
	return R_REDRAW;
}

unsigned keys_edit_act(struct tui *t, struct keys *k, enum action a)
{
	size_t row = tlist_item(&k->parts), i = 0;
	enum part_kind kind = row == SIZE_MAX ? PART_KEY : keys_part_kind(k->edit, row, &i);
	switch (a) {
	case ACT_ADD_POOL: return open_pool_form(t, k, k->edit->n_pools, true);
	case ACT_ADD_RES: return open_res_form(t, k, k->edit->n_res, true);
	case ACT_EDIT: case ACT_OPEN:
		if (row == SIZE_MAX)
			return R_NONE;
		if (kind == PART_RES)
			return open_res_form(t, k, i, false);
		if (kind == PART_POOL)
			return open_pool_form(t, k, i, false);
		return open_header(t, k);
	case ACT_DELETE: return row == SIZE_MAX ? R_NONE : open_delete(t, k, row);
	case ACT_SAVE_KEY: return save_after_frame(t);
	case ACT_BACK: return leave(t, k);
	default: return R_PASS;
	}
}
