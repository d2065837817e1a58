/* transfers.c: the SEPA credit transfer file of an approved distribution:
 * what each member is still owed, summed over the pools, from the
 * practice's account to the member's; written whole or not at all. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app_internal.h"
#include "quotepart/app_settings.h"
#include "quotepart/date.h"
#include "quotepart/i18n.h"
#include "quotepart/money.h"
#include "quotepart/report.h"

static void transfer_list_free(struct app_transfer *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].member);
		free(v[i].name);
	}
	free(v);
}

void app_transfers_fini(struct app_transfers *t)
{
	transfer_list_free(t->sent, t->n_sent);
	transfer_list_free(t->held, t->n_held);
	free(t->receipt_ref);
	memset(t, 0, sizeof *t);
}

/* A line the file pays: a member's pool line, not paid, not cancelled. */
static bool owed(const struct dist_line *l)
{
	return l->kind == LINE_POOL && l->paid_on == DATE_NONE && !l->cancelled && l->cents != 0;
}

static int by_recipient(const void *x, const void *y)
{
	return strcmp((*(const struct dist_line *const *)x)->recipient,
	              (*(const struct dist_line *const *)y)->recipient);
}

static int by_code(const void *key, const void *m)
{
	return strcmp(key, ((const struct member *)m)->code);
}

/* One member's sum into sent (> 0) or held. */
static enum status add_member(struct app_transfers *t, const char *code, const struct member *m,
                              int64_t cents, struct err *e)
{
	struct app_transfer **v = cents > 0 ? &t->sent : &t->held;
	size_t *n = cents > 0 ? &t->n_sent : &t->n_held;
	struct app_transfer *grown = realloc(*v, (*n + 1) * sizeof **v);
	if (!grown)
		return err_set(e, ST_NOMEM, NULL);
	*v = grown;
	struct app_transfer *x = &grown[(*n)++];
	x->member = strdup(code);
	x->name = strdup(m ? m->name : code);
	x->cents = cents;
	if (!x->member || !x->name)
		return err_set(e, ST_NOMEM, NULL);
	if (cents > 0 && money_add(t->total, cents, &t->total) != ST_OK)
		return err_set(e, ST_INVALID, _("the total of the transfers is too large"));
	return ST_OK;
}

/* Each member's unpaid lines of d summed, in member code order. */
static enum status sum_members(const struct distribution *d, const struct member *members,
                               size_t n_members, struct app_transfers *t, struct err *e)
{
	const struct dist_line **v = malloc((d->n_lines ? d->n_lines : 1) * sizeof *v);
	if (!v)
		return err_set(e, ST_NOMEM, NULL);
	size_t n = 0;
	for (size_t i = 0; i < d->n_lines; i++)
		if (owed(&d->lines[i]))
			v[n++] = &d->lines[i];
	qsort(v, n, sizeof *v, by_recipient);
	enum status rc = ST_OK;
	for (size_t i = 0; rc == ST_OK && i < n;) {
		int64_t sum = 0;
		size_t j = i;
		for (; rc == ST_OK && j < n && strcmp(v[j]->recipient, v[i]->recipient) == 0; j++)
			if (money_add(sum, v[j]->cents, &sum) != ST_OK)
				rc = err_set(e, ST_INVALID, _("the total of the transfers is too large"));
		const struct member *m = bsearch(v[i]->recipient, members, n_members, sizeof *members, by_code);
		if (rc == ST_OK)
			rc = add_member(t, v[i]->recipient, m, sum, e);
		i = j;
	}
	free(v);
	return rc;
}

/* The distribution may be sent: approved, not cancelled by a reversal. */
static enum status sendable(struct app *a, const struct distribution *d, struct err *e)
{
	if (d->status != DIST_APPROVED)
		return err_set(e, ST_REFUSED, _("D%lld is a draft: approve it before writing its transfers; no file was written"),
		               (long long)d->id);
	int64_t by = 0;
	enum status rc = db_dist_approved_reversal_of(a->db, d->id, &by, e);
	if (rc == ST_OK && by)
		rc = err_set(e, ST_REFUSED, _("D%lld is reversed by D%lld: nothing is to be paid; no file was written"),
		             (long long)d->id, (long long)by);
	return rc;
}

/* The practice's name, IBAN and BIC are all set; else which are not. */
static enum status practice_ready(const struct practice *p, struct err *e)
{
	static const enum practice_setting need[] = { PRACTICE_NAME, PRACTICE_IBAN, PRACTICE_BIC };
	struct sbuf missing;
	sb_init(&missing);
	for (size_t i = 0; i < sizeof need / sizeof need[0]; i++)
		if (!*p->v[need[i]])
			sb_printf(&missing, "%s'quotepart settings set %s VALUE'", missing.len ? ", " : "",
			          practice_setting_name(need[i]));
	enum status rc = ST_OK;
	if (missing.len)
		rc = err_set(e, ST_REFUSED, _("the transfer file needs the practice's name, IBAN and BIC: run %s; "
		                              "no file was written"), missing.s);
	sb_fini(&missing);
	return rc;
}

/* Every member to be paid has an IBAN; else the codes of those who have
 * none. */
static enum status ibans_known(const struct app_transfers *t, const struct member *members,
                               size_t n_members, struct err *e)
{
	struct sbuf missing;
	sb_init(&missing);
	size_t n = 0;
	for (size_t i = 0; i < t->n_sent; i++) {
		const struct member *m = bsearch(t->sent[i].member, members, n_members, sizeof *members, by_code);
		if (!m || !m->iban) {
			sb_printf(&missing, "%s%s", n ? ", " : "", t->sent[i].member);
			n++;
		}
	}
	enum status rc = ST_OK;
	if (n)
		rc = err_set(e, ST_REFUSED, _("%zu member(s) to be paid have no IBAN: %s (import members with an iban "
		                              "column, or b on the Members screen); no file was written"), n, missing.s);
	sb_fini(&missing);
	return rc;
}

/* When the file is made: ISO for CreDtTm, compact for the message's id.
 * Under $QUOTEPART_TODAY (the tests), that day at midnight, so that the
 * file is the same from run to run. */
static void made_at(char iso[20], char compact[16])
{
	struct tm tm = { 0 };
	time_t now = time(NULL);
	if (getenv("QUOTEPART_TODAY")) {
		char day[DATE_BUFSZ];
		date_format(date_today(), day, sizeof day);
		snprintf(iso, 20, "%.10sT00:00:00", day);
		snprintf(compact, 16, "%.4s%.2s%.2sT000000", day, day + 5, day + 8);
		return;
	}
	if (!localtime_r(&now, &tm))
		gmtime_r(&now, &tm);
	strftime(iso, 20, "%Y-%m-%dT%H:%M:%S", &tm);
	strftime(compact, 16, "%Y%m%dT%H%M%S", &tm);
}

/* The strings a transfer points to, owned here. */
struct owned {
	char **s;
	size_t n;
	bool failed;
};

static const char *keep(struct owned *o, char *s)
{
	char **grown = s ? realloc(o->s, (o->n + 1) * sizeof *o->s) : NULL;
	if (!grown) {
		free(s);
		o->failed = true;
		return "";
	}
	o->s = grown;
	o->s[o->n++] = s;
	return s;
}

static void owned_fini(struct owned *o)
{
	for (size_t i = 0; i < o->n; i++)
		free(o->s[i]);
	free(o->s);
}

/* "D12-MARTIN": unique since codes are; a code the SEPA set would change
 * (an '_') or that is too long takes "D12+N", N its place in the file
 * ('+' is in no member code). */
static char *end_to_end(int64_t id, const char *code, size_t pos)
{
	char *s = str_printf("D%lld-%s", (long long)id, code);
	bool plain = s && strlen(s) <= 35;
	for (const char *c = s; plain && *c; c++)
		plain = text_sepa_char((unsigned char)*c);
	if (plain)
		return s;
	free(s);
	return str_printf("D%lld+%zu", (long long)id, pos + 1);
}

/* The batch of t (whose members are all known with an IBAN) from the
 * practice p; strings kept in o. */
static void fill_batch(const struct app_transfers *t, const struct practice *p, const struct member *members,
                       size_t n_members, int32_t execution, struct sepa_transfer *v,
                       struct sepa_batch *b, struct owned *o)
{
	char iso[20], compact[16];
	made_at(iso, compact);
	const char *ref = t->receipt_ref;
	char *receipt = ref ? strdup(ref) : str_printf("%lld", (long long)t->receipt_id);
	const char *receipt_kept = keep(o, receipt);
	for (size_t i = 0; i < t->n_sent; i++) {
		const struct member *m = bsearch(t->sent[i].member, members, n_members, sizeof *members, by_code);
		v[i] = (struct sepa_transfer){
			.end_to_end = keep(o, end_to_end(t->id, t->sent[i].member, i)),
			.name = m->name,
			.iban = m->iban,
			.bic = m->bic,
			.cents = t->sent[i].cents,
			.remittance = keep(o, str_printf(_("%s: distribution D%lld of receipt %s"), p->v[PRACTICE_NAME],
			                                 (long long)t->id, receipt_kept)),
		};
	}
	*b = (struct sepa_batch){
		.msg_id = keep(o, str_printf("QP-D%lld-%s", (long long)t->id, compact)),
		.created = keep(o, strdup(iso)),
		.payment_id = keep(o, str_printf("D%lld-%s", (long long)t->id, compact)),
		.execution = execution,
		.debtor_name = p->v[PRACTICE_NAME],
		.debtor_iban = p->v[PRACTICE_IBAN],
		.debtor_bic = p->v[PRACTICE_BIC],
		.v = v,
		.n = t->n_sent,
	};
}

/* The file of t, written to path. */
static enum status write_file(struct app *a, const struct app_transfers *t, const struct practice *p,
                              const struct member *members, size_t n_members, int32_t execution,
                              const char *path, struct err *e)
{
	struct sepa_transfer *v = calloc(t->n_sent, sizeof *v);
	if (!v)
		return err_set(e, ST_NOMEM, NULL);
	struct sepa_batch b;
	struct owned o = { 0 };
	fill_batch(t, p, members, n_members, execution, v, &b, &o);
	struct sbuf xml;
	sb_init(&xml);
	enum status rc = o.failed ? err_set(e, ST_NOMEM, NULL) : report_sepa(&b, &xml, e);
	if (rc == ST_OK)
		rc = app_write_file(a, path, xml.s, xml.len, e);
	sb_fini(&xml);
	owned_fini(&o);
	free(v);
	return rc;
}

/* What t holds for distribution d, checked before anything is written. */
static enum status gather(struct app *a, const struct distribution *d, int32_t execution,
                          const struct member *members, size_t n_members, const struct practice *p,
                          struct app_transfers *t, struct err *e)
{
	enum status rc = sendable(a, d, e);
	if (rc == ST_OK)
		rc = practice_ready(p, e);
	if (rc == ST_OK && execution < date_today()) {
		char when[DATE_BUFSZ], today[DATE_BUFSZ];
		rc = err_set(e, ST_INVALID, _("execution date %s is before today (%s); no file was written"),
		             date_format(execution, when, sizeof when), date_format(date_today(), today, sizeof today));
	}
	if (rc == ST_OK)
		rc = sum_members(d, members, n_members, t, e);
	if (rc == ST_OK && !t->n_sent)
		rc = err_set(e, ST_REFUSED, _("D%lld has nothing to pay to a member (every line is paid, or owed back); "
		                              "no file was written"), (long long)d->id);
	if (rc == ST_OK)
		rc = ibans_known(t, members, n_members, e);
	return rc;
}

enum status app_transfers(struct app *a, int64_t id, int32_t execution, const char *path,
                          struct app_transfers *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	out->id = id;
	enum status rc = app_out_check(a, path, e);
	if (rc != ST_OK)
		return rc;
	struct distribution d;
	struct practice p;
	struct member *members = NULL;
	size_t n_members = 0;
	/* One snapshot: the lines, the members and the settings agree. */
	if ((rc = db_begin_read(a->db, e)) != ST_OK)
		return rc;
	if ((rc = db_dist_get(a->db, id, &d, e)) != ST_OK) {
		db_end_read(a->db);
		return rc;
	}
	out->receipt_id = d.receipt_id;
	if (d.receipt_ref && !(out->receipt_ref = strdup(d.receipt_ref)))
		rc = err_set(e, ST_NOMEM, NULL);
	if (rc == ST_OK && (rc = app_practice(a, &p, e)) == ST_OK) {
		if ((rc = db_members(a->db, &members, &n_members, e)) == ST_OK)
			rc = gather(a, &d, execution, members, n_members, &p, out, e);
		if (rc == ST_OK)
			rc = write_file(a, out, &p, members, n_members, execution, path, e);
		member_list_free(members, n_members);
		practice_fini(&p);
	}
	db_end_read(a->db);
	distribution_fini(&d);
	if (rc != ST_OK) {
		int64_t keep_id = out->id;
		app_transfers_fini(out);
		out->id = keep_id;
	}
	return rc;
}
