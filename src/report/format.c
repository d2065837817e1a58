/* format.c: the formats every report and command share, and the audit
 * ending of what is handed out. */
#include <stdlib.h>
#include <string.h>

#include "quotepart/i18n.h"

#include "report_internal.h"

static const char *const format_names[] = {
	[REP_TEXT] = "text", [REP_CSV] = "csv", [REP_PDF] = "pdf", [REP_XLSX] = "xlsx", [REP_FEC] = "fec",
};
#define N_FORMATS (sizeof format_names / sizeof format_names[0])

bool rep_format_parse(const char *s, enum rep_format *out)
{
	for (size_t i = 0; i < N_FORMATS; i++) {
		if (s && strcmp(s, format_names[i]) == 0) {
			*out = (enum rep_format)i;
			return true;
		}
	}
	return false;
}

const char *rep_format_name(enum rep_format f)
{
	return (unsigned)f < N_FORMATS ? format_names[f] : "?";
}

bool rep_format_pick(const char *s, unsigned can, enum rep_format dflt,
                     enum rep_format *out)
{
	*out = dflt;
	return !s || (rep_format_parse(s, out) && (can & REP_CAN(*out)));
}

void rep_format_list(unsigned can, enum rep_format dflt, struct sbuf *out)
{
	enum rep_format order[N_FORMATS];
	size_t n = 0;
	if (can & REP_CAN(dflt))
		order[n++] = dflt;
	for (size_t i = 0; i < N_FORMATS; i++)
		if ((can & REP_CAN(i)) && i != (size_t)dflt)
			order[n++] = (enum rep_format)i;
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_add(out, i + 1 == n ? _(" or ") : ", ");
		sb_add(out, format_names[order[i]]);
	}
}

void rep_audit_footer(const struct rep_audit *a, enum rep_format f, struct sbuf *out)
{
	/* CSV carries data rows only: a note row would fall inside sorts
	 * and pivot tables. */
	if (f == REP_CSV)
		return;
	struct rep_out o = { out, NULL };
	rep_out_audit(&o, a);
}
