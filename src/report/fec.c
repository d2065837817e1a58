/* fec.c: the "Fichier des Écritures Comptables" (article A47 A-1 of the
 * LPF): the entries app_fec built, laid out as the norm's 18
 * tab-separated columns. */
#include <stdio.h>
#include <stdlib.h>

#include "quotepart/date.h"
#include "quotepart/i18n.h"

#include "report_internal.h"

static const char *const columns[] = {
	"JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib",
	"CompAuxNum", "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit", "Credit",
	"EcritureLet", "DateLet", "ValidDate", "Montantdevise", "Idevise",
};
#define N_COLUMNS (sizeof columns / sizeof columns[0])

/* A field: tabs, line ends and other control characters would split the
 * file's columns or lines, so each becomes a space. */
static void field(struct sbuf *out, const char *s, bool last)
{
	for (const char *p = s ? s : ""; *p; p++) {
		unsigned char c = (unsigned char)*p;
		sb_addn(out, c < 0x20 || c == 0x7f ? " " : p, 1);
	}
	sb_add(out, last ? "\n" : "\t");
}

/* AAAAMMJJ. */
static void date_field(struct sbuf *out, int32_t d)
{
	int y, m, j;
	date_split(d, &y, &m, &j);
	sb_printf(out, "%04d%02d%02d\t", y, m, j);
}

/* 1234,56: a decimal comma, no thousands separator, never negative. */
static void amount_field(struct sbuf *out, int64_t cents)
{
	sb_printf(out, "%lld,%02lld\t", (long long)(cents / 100), (long long)(cents % 100));
}

static void entry_lines(const struct rep_fec_entry *x, size_t num, struct sbuf *out)
{
	const char *code = x->journal == REP_FEC_BANK ? "BQ" : "OD";
	const char *lib = x->journal == REP_FEC_BANK ? _("Bank") : _("Miscellaneous operations");
	for (size_t i = 0; i < x->n_lines; i++) {
		const struct rep_fec_line *l = &x->lines[i];
		field(out, code, false);
		field(out, lib, false);
		sb_printf(out, "%zu\t", num);
		date_field(out, x->date);
		field(out, l->account, false);
		field(out, l->account_label, false);
		field(out, l->aux, false);
		field(out, l->aux_label, false);
		field(out, x->piece, false);
		date_field(out, x->piece_date);
		field(out, x->label, false);
		amount_field(out, l->debit);
		amount_field(out, l->credit);
		field(out, NULL, false);   /* EcritureLet: no lettering */
		field(out, NULL, false);   /* DateLet */
		date_field(out, x->date);  /* ValidDate: approved or recorded */
		field(out, NULL, false);   /* Montantdevise: euros only */
		field(out, NULL, true);    /* Idevise */
	}
}

enum status rep_fec(const struct rep_fec *f, struct sbuf *out, struct err *e)
{
	for (size_t i = 0; i < N_COLUMNS; i++)
		field(out, columns[i], i + 1 == N_COLUMNS);
	for (size_t i = 0; i < f->n; i++)
		entry_lines(&f->v[i], i + 1, out);
	return out->failed ? err_set(e, ST_NOMEM, NULL) : ST_OK;
}

char *rep_fec_file_name(const char *siren, int year)
{
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, "%sFEC%04d1231.txt", siren, year);
	return sb_take(&b);
}

void rep_fec_fini(struct rep_fec *f)
{
	for (size_t i = 0; i < f->n; i++) {
		struct rep_fec_entry *x = &f->v[i];
		for (size_t j = 0; j < x->n_lines; j++) {
			free(x->lines[j].account);
			free(x->lines[j].account_label);
			free(x->lines[j].aux);
			free(x->lines[j].aux_label);
		}
		free(x->lines);
		free(x->piece);
		free(x->label);
	}
	free(f->v);
	free(f->siren);
	*f = (struct rep_fec){ 0 };
}
