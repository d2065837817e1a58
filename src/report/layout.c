/* layout.c: one set of calls for documents laid out either as text (for
 * the terminal and plain printing, aligned by display width) or as PDF
 * pages, so that a statement says the same thing in both. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"

void rep_out_title(struct rep_out *o, const char *s)
{
	if (o->pdf) {
		pdf_heading(o->pdf, NULL);
		pdf_para(o->pdf, PDF_TITLE, s);
		return;
	}
	rep_add(o->out, s);
	sb_add(o->out, "\n");
}

void rep_out_head(struct rep_out *o, const char *s)
{
	if (o->pdf) {
		/* Never a heading alone at the foot of a page. */
		pdf_heading(o->pdf, NULL);
		pdf_need(o->pdf, 60);
		pdf_space(o->pdf, 6);
		pdf_para(o->pdf, PDF_HEAD, s);
		pdf_heading(o->pdf, s);
		return;
	}
	sb_add(o->out, "\n");
	rep_add(o->out, s);
	sb_add(o->out, "\n");
}

static void indent_by(struct sbuf *out, int indent)
{
	for (int i = 0; i < indent; i++)
		sb_add(out, "  ");
}

/* s escaped, indented and wrapped at spaces to REP_WIDTH columns (a word
 * longer than a line stays whole). */
static void wrap(struct sbuf *out, int indent, const char *s)
{
	char *esc = text_escape(s ? s : "");
	if (!esc) {
		out->failed = true;
		return;
	}
	int width = REP_WIDTH - 2 * indent, col = 0;
	indent_by(out, indent);
	for (char *p = esc; *p;) {
		char *w = p;
		/* A word and the French punctuation that follows it after a
		 * space (" :", " ;", " ?", " !") go together: no line starts
		 * with one. */
		for (;;) {
			while (*p && *p != ' ')
				p++;
			char *q = p;
			while (*q == ' ')
				q++;
			if (!*q || !strchr(":;?!", *q))
				break;
			p = q;
		}
		char saved = *p;
		*p = '\0';
		int ww = text_width(w);
		if (col > 0 && col + 1 + ww > width) {
			sb_add(out, "\n");
			indent_by(out, indent);
			col = 0;
		}
		if (col > 0) {
			sb_add(out, " ");
			col++;
		}
		sb_add(out, w);
		col += ww;
		*p = saved;
		while (*p == ' ')
			p++;
	}
	sb_add(out, "\n");
	free(esc);
}

/* One indent step: 2 columns of text, 14 points of PDF. */
#define INDENT_PT 14.0

void rep_out_line(struct rep_out *o, int indent, enum pdf_style st, const char *s)
{
	if (o->pdf) {
		if (indent == 0) {
			pdf_para(o->pdf, st, s);
		} else {
			struct pdf_col col = { INDENT_PT * indent, pdf_width(o->pdf) - INDENT_PT * indent, false };
			pdf_row_wrapped(o->pdf, st, &col, s);
		}
		return;
	}
	wrap(o->out, indent, s);
}

void rep_out_amount(struct rep_out *o, int indent, enum pdf_style st, const char *label,
                    const char *amount)
{
	if (o->pdf) {
		double w = pdf_width(o->pdf);
		struct pdf_col cols[2] = {
			{ INDENT_PT * indent, w - INDENT_PT * indent - 95, false },
			{ w - 90, 90, true },
		};
		const char *cells[2] = { label, amount };
		/* A label too long for its column gets its own lines. */
		if (!pdf_fits(o->pdf, st, label, cols[0].w)) {
			pdf_row_wrapped(o->pdf, st, &cols[0], label);
			cells[0] = NULL;
		}
		pdf_row(o->pdf, st, cols, cells, 2);
		return;
	}
	int w = REP_WIDTH - 2 * indent - REP_AMOUNT - 1;
	for (int i = 0; i < indent; i++)
		sb_add(o->out, "  ");
	if (text_width(label) > w) {
		rep_add(o->out, label);
		sb_add(o->out, "\n");
		for (int i = 0; i < indent; i++)
			sb_add(o->out, "  ");
		label = "";
	}
	rep_cell(o->out, label, w, false);
	int aw = text_width(amount);
	char *p = text_pad(amount, aw > REP_AMOUNT ? aw : REP_AMOUNT, true);
	if (p)
		sb_add(o->out, p);
	else
		o->out->failed = true;
	free(p);
	sb_add(o->out, "\n");
}

void rep_out_rule(struct rep_out *o)
{
	if (o->pdf)
		pdf_rule(o->pdf);
	else
		rep_rule(o->out, REP_WIDTH);
}

enum status rep_pdf_open(struct sbuf *out, const char *practice, struct pdf **pdf,
                         struct err *e, const char *title_fmt, ...)
{
	struct sbuf title, foot;
	sb_init(&title);
	sb_init(&foot);
	va_list ap;
	va_start(ap, title_fmt);
	sb_vprintf(&title, title_fmt, ap);
	va_end(ap);
	sb_printf(&foot, "%s · %s", practice ? practice : "", title.s ? title.s : "");
	enum status rc = pdf_open(out, title.s, foot.s, pdf, e);
	sb_fini(&foot);
	sb_fini(&title);
	return rc;
}

void rep_out_audit(struct rep_out *o, const struct rep_audit *a)
{
	char *intro = rep_audit_intro(a);
	if (o->pdf) {
		/* Not part of the block above: no "(continued)" over it. */
		pdf_heading(o->pdf, NULL);
		pdf_space(o->pdf, 8);
	} else {
		sb_add(o->out, "\n");
	}
	rep_out_line(o, 0, PDF_SMALL, intro ? intro : "");
	rep_out_line(o, 1, PDF_SMALL, rep_audit_head(a));
	rep_out_line(o, 0, PDF_SMALL, rep_audit_why());
	if (!intro && o->out)
		o->out->failed = true;
	free(intro);
}

void rep_out_row(struct rep_out *o, enum pdf_style st, const struct rep_col *cols,
                 const char *const *cells, size_t n)
{
	if (!o->pdf) {
		/* Trailing blanks trimmed so golden files stay clean. */
		size_t start = o->out->len;
		/* A label too long for the first column gets a line of its
		 * own, as rep_out_amount's: never a cut word. */
		bool own = n > 0 && cells[0] && !cols[0].right && text_width(cells[0]) > cols[0].width;
		if (own) {
			rep_add(o->out, cells[0]);
			sb_add(o->out, "\n");
			start = o->out->len;
		}
		for (size_t i = 0; i < n; i++) {
			const char *c = cells[i] && !(own && i == 0) ? cells[i] : "";
			/* An amount wider than its column is written whole:
			 * misaligned beats a cut figure. */
			if (cols[i].right && text_width(c) > cols[i].width) {
				rep_add(o->out, c);
				sb_add(o->out, " ");
			} else {
				rep_cell(o->out, c, cols[i].width, cols[i].right);
			}
		}
		while (o->out->len > start && o->out->s[o->out->len - 1] == ' ')
			o->out->s[--o->out->len] = '\0';
		sb_add(o->out, "\n");
		return;
	}
	int total = 0;
	for (size_t i = 0; i < n; i++)
		total += cols[i].width + 1;
	if (total <= 0 || n > 32)
		return;
	double scale = pdf_width(o->pdf) / total, x = 0;
	struct pdf_col pc[32];
	for (size_t i = 0; i < n; i++) {
		pc[i].x = x;
		pc[i].w = cols[i].width * scale;
		pc[i].right = cols[i].right;
		x += (cols[i].width + 1) * scale;
	}
	pdf_row(o->pdf, st, pc, cells, n);
}
