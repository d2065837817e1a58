/* sepa.c: the SEPA credit transfer file, ISO 20022 pain.001.001.03,
 * written with libxml2's xmlTextWriter (never by pasting strings: names
 * with "<" or "&" stay text). The counts and control sums are computed
 * here from the transactions, so that they cannot disagree. */
#include <inttypes.h>
#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/date.h"
#include "quotepart/i18n.h"
#include "quotepart/money.h"
#include "quotepart/report.h"

/* The scheme's lengths (EPC SEPA Credit Transfer implementation guide). */
enum { SEPA_NAME_MAX = 70, SEPA_ID_MAX = 35, SEPA_TEXT_MAX = 140 };

struct xw {
	xmlTextWriterPtr w;
	bool failed;      /* a writer call failed */
	bool nomem;       /* text_sepa ran out of memory */
};

static void start(struct xw *x, const char *name)
{
	if (xmlTextWriterStartElement(x->w, BAD_CAST name) < 0)
		x->failed = true;
}

static void end(struct xw *x)
{
	if (xmlTextWriterEndElement(x->w) < 0)
		x->failed = true;
}

/* <name>text</name>, text as it is (codes, amounts, dates, IBANs). */
static void leaf(struct xw *x, const char *name, const char *text)
{
	if (xmlTextWriterWriteElement(x->w, BAD_CAST name, BAD_CAST text) < 0)
		x->failed = true;
}

/* <name>text</name>, text in SEPA's Latin set, at most max characters. */
static void latin_leaf(struct xw *x, const char *name, const char *text, size_t max)
{
	char *s = text_sepa(text, max);
	if (!s) {
		x->nomem = true;
		return;
	}
	leaf(x, name, s);
	free(s);
}

/* "1234.56": the scheme's amount, a dot and two decimals. */
static void amount_text(int64_t cents, char *buf, size_t size)
{
	snprintf(buf, size, "%" PRId64 ".%02" PRId64, cents / 100, cents % 100);
}

/* <outer><inner><name>text</name></inner></outer>: an agent's BIC
 * (FinInstnId/BIC), an account's IBAN (Id/IBAN). */
static void nested(struct xw *x, const char *outer, const char *inner, const char *name,
                   const char *text)
{
	start(x, outer);
	start(x, inner);
	leaf(x, name, text);
	end(x);
	end(x);
}

static void party(struct xw *x, const char *outer, const char *name)
{
	start(x, outer);
	latin_leaf(x, "Nm", name, SEPA_NAME_MAX);
	end(x);
}

static void transaction(struct xw *x, const struct sepa_transfer *t)
{
	char amount[32];
	amount_text(t->cents, amount, sizeof amount);
	start(x, "CdtTrfTxInf");
	start(x, "PmtId");
	latin_leaf(x, "EndToEndId", t->end_to_end, SEPA_ID_MAX);
	end(x);
	start(x, "Amt");
	start(x, "InstdAmt");
	if (xmlTextWriterWriteAttribute(x->w, BAD_CAST "Ccy", BAD_CAST "EUR") < 0 ||
	    xmlTextWriterWriteString(x->w, BAD_CAST amount) < 0)
		x->failed = true;
	end(x);
	end(x);
	if (t->bic && *t->bic)
		nested(x, "CdtrAgt", "FinInstnId", "BIC", t->bic);
	party(x, "Cdtr", t->name);
	nested(x, "CdtrAcct", "Id", "IBAN", t->iban);
	start(x, "RmtInf");
	latin_leaf(x, "Ustrd", t->remittance, SEPA_TEXT_MAX);
	end(x);
	end(x);
}

/* GrpHdr, then PmtInf up to its first transaction. */
static void headers(struct xw *x, const struct sepa_batch *b, const char *count, const char *sum)
{
	char when[DATE_BUFSZ];
	start(x, "GrpHdr");
	latin_leaf(x, "MsgId", b->msg_id, SEPA_ID_MAX);
	leaf(x, "CreDtTm", b->created);
	leaf(x, "NbOfTxs", count);
	leaf(x, "CtrlSum", sum);
	party(x, "InitgPty", b->debtor_name);
	end(x);
	start(x, "PmtInf");
	latin_leaf(x, "PmtInfId", b->payment_id, SEPA_ID_MAX);
	leaf(x, "PmtMtd", "TRF");
	leaf(x, "BtchBookg", "true");
	leaf(x, "NbOfTxs", count);
	leaf(x, "CtrlSum", sum);
	start(x, "PmtTpInf");
	start(x, "SvcLvl");
	leaf(x, "Cd", "SEPA");
	end(x);
	end(x);
	leaf(x, "ReqdExctnDt", date_format(b->execution, when, sizeof when));
	party(x, "Dbtr", b->debtor_name);
	nested(x, "DbtrAcct", "Id", "IBAN", b->debtor_iban);
	nested(x, "DbtrAgt", "FinInstnId", "BIC", b->debtor_bic);
	leaf(x, "ChrgBr", "SLEV");
}

/* The count and the control sum of the transactions, checked. */
static enum status totals(const struct sepa_batch *b, char *count, size_t count_size,
                          char *sum, size_t sum_size, struct err *e)
{
	int64_t total = 0;
	if (b->n == 0)
		return err_set(e, ST_INVALID, _("a transfer file needs at least one transfer"));
	for (size_t i = 0; i < b->n; i++) {
		if (b->v[i].cents <= 0)
			return err_set(e, ST_INVALID, _("a transfer must be of more than 0"));
		if (money_add(total, b->v[i].cents, &total) != ST_OK)
			return err_set(e, ST_INVALID, _("the total of the transfers is too large"));
	}
	snprintf(count, count_size, "%zu", b->n);
	amount_text(total, sum, sum_size);
	return ST_OK;
}

enum status report_sepa(const struct sepa_batch *b, struct sbuf *out, struct err *e)
{
	char count[24], sum[32];
	enum status rc = totals(b, count, sizeof count, sum, sizeof sum, e);
	if (rc != ST_OK)
		return rc;
	xmlBufferPtr buf = xmlBufferCreate();
	struct xw x = { buf ? xmlNewTextWriterMemory(buf, 0) : NULL, false, false };
	if (!x.w) {
		xmlBufferFree(buf);
		return err_set(e, ST_NOMEM, NULL);
	}
	if (xmlTextWriterSetIndent(x.w, 1) < 0 || xmlTextWriterSetIndentString(x.w, BAD_CAST "  ") < 0 ||
	    xmlTextWriterStartDocument(x.w, "1.0", "UTF-8", NULL) < 0)
		x.failed = true;
	start(&x, "Document");
	if (xmlTextWriterWriteAttribute(x.w, BAD_CAST "xmlns", BAD_CAST "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03") < 0 ||
	    xmlTextWriterWriteAttribute(x.w, BAD_CAST "xmlns:xsi", BAD_CAST "http://www.w3.org/2001/XMLSchema-instance") < 0)
		x.failed = true;
	start(&x, "CstmrCdtTrfInitn");
	headers(&x, b, count, sum);
	for (size_t i = 0; i < b->n && !x.failed && !x.nomem; i++)
		transaction(&x, &b->v[i]);
	if (xmlTextWriterEndDocument(x.w) < 0)   /* closes PmtInf and the rest */
		x.failed = true;
	xmlFreeTextWriter(x.w);   /* flushes into buf */
	if (x.nomem)
		rc = err_set(e, ST_NOMEM, NULL);
	else if (x.failed)
		rc = err_set(e, ST_INTERNAL, _("the XML writer failed"));
	else
		sb_addn(out, (const char *)xmlBufferContent(buf), (size_t)xmlBufferLength(buf));
	xmlBufferFree(buf);
	return rc == ST_OK && out->failed ? err_set(e, ST_NOMEM, NULL) : rc;
}
