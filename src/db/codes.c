/* codes.c: the closed sets of a distribution (domain.h) as the store
 * writes them: one table each, value to text and back. The schema's
 * CHECKs keep any other text out, so finding one is damage, refused as
 * such rather than read as some value. */
#include <string.h>

#include "db_internal.h"
#include "quotepart/i18n.h"

struct code_set {
	const char *column;        /* where the text is kept, for the message */
	const char *const *text;   /* indexed by the enum's value */
	size_t n;
};

static const char *const line_kinds[] = {
	[LINE_RESERVATION] = "reservation", [LINE_POOL] = "pool",
};
static const char *const dist_modes[] = {
	[DIST_NORMAL] = "normal", [DIST_TRUE_UP] = "true-up", [DIST_REVERSAL] = "reversal",
};
static const char *const dist_statuses[] = {
	[DIST_DRAFT] = "draft", [DIST_APPROVED] = "approved",
};
#define SET(col, v) { col, v, sizeof v / sizeof *v }
static const struct code_set kind_set = SET("distribution_parts.kind or distribution_lines.kind", line_kinds);
static const struct code_set mode_set = SET("distributions.mode", dist_modes);
static const struct code_set status_set = SET("distributions.status", dist_statuses);
#undef SET

/* NULL for a value outside the set: binding it fails on NOT NULL. */
static const char *to_text(const struct code_set *set, unsigned x)
{
	return x < set->n ? set->text[x] : NULL;
}

/* The value of s in set into *x; ST_CORRUPT for any other text. */
static enum status from_text(const struct code_set *set, const char *s, unsigned *x,
                             struct err *e)
{
	for (size_t i = 0; s && i < set->n; i++) {
		if (strcmp(s, set->text[i]) == 0) {
			*x = (unsigned)i;
			return ST_OK;
		}
	}
	return err_set(e, ST_CORRUPT, _("the database is damaged: %s holds '%s', which this program does not know"),
	               set->column, s ? s : "NULL");
}

const char *db_line_kind_to_text(enum line_kind k) { return to_text(&kind_set, k); }
const char *db_dist_mode_to_text(enum dist_mode m) { return to_text(&mode_set, m); }
const char *db_dist_status_to_text(enum dist_status s) { return to_text(&status_set, s); }

enum status db_line_kind_from_text(const char *s, enum line_kind *out, struct err *e)
{
	unsigned x = 0;
	enum status rc = from_text(&kind_set, s, &x, e);
	*out = (enum line_kind)x;
	return rc;
}

enum status db_dist_mode_from_text(const char *s, enum dist_mode *out, struct err *e)
{
	unsigned x = 0;
	enum status rc = from_text(&mode_set, s, &x, e);
	*out = (enum dist_mode)x;
	return rc;
}

enum status db_dist_status_from_text(const char *s, enum dist_status *out, struct err *e)
{
	unsigned x = 0;
	enum status rc = from_text(&status_set, s, &x, e);
	*out = (enum dist_status)x;
	return rc;
}
