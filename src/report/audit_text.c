/* audit_text.c: the words that end every report with the audit chain's
 * head. Linked into the program and into the writers module (xlsx.c), so
 * that every format says it the same way. */
#include <stdlib.h>

#include "quotepart/i18n.h"
#include "quotepart/text.h"

#include "writers.h"

char *rep_audit_intro(const struct rep_audit *a)
{
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, _("Audit log at entry %lld, chain head:"), (long long)a->entries);
	return sb_take(&b);
}

const char *rep_audit_head(const struct rep_audit *a)
{
	return a->head[0] ? a->head : "-";
}

const char *rep_audit_why(void)
{
	return _("'quotepart check' prints the current head: another head at the same entry means "
	         "the history was rewritten.");
}
