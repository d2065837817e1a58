/* tables.c: the tables a CSV file holds, their names and their columns,
 * shared by the import and the export. */
#include <string.h>

#include "app_internal.h"

static const struct column member_cols[] = {
	{ "code", true }, { "name", true }, { "profession", true }, { "status", true },
	{ "joined", true }, { "left", false }, { "fte", true }, { "rpps", false },
	{ "iban", false }, { "bic", false }, { NULL, false }
};
static const struct column post_cols[] = {
	{ "code", true }, { "label", true }, { "holder", false }, { "fte", true },
	{ "cost", true }, { "start", true }, { "end", false }, { "funding", false }, { NULL, false }
};
static const struct column patient_cols[] = {
	{ "code", true }, { "gp", true }, { "enrolled", true }, { "left", false },
	{ "birth_year", true }, { "sex", true }, { "ald", false }, { "c2s", false }, { NULL, false }
};
static const struct column receipt_cols[] = {
	{ "id", false }, { "source", true }, { "kind", true }, { "exercise", true },
	{ "period_start", true }, { "period_end", true }, { "received", true },
	{ "amount", true }, { "reference", false }, { "note", false }, { NULL, false }
};
static const struct column activity_cols[] = {
	{ "member", true }, { "date", true }, { "kind", true }, { "hours", true },
	{ "note", false }, { NULL, false }
};

static const struct {
	const char *name;
	const struct column *cols;
} tables[TABLE__COUNT] = {
	[TABLE_MEMBERS] = { "members", member_cols },
	[TABLE_POSTS] = { "posts", post_cols },
	[TABLE_PATIENTS] = { "patients", patient_cols },
	[TABLE_RECEIPTS] = { "receipts", receipt_cols },
	[TABLE_ACTIVITIES] = { "activities", activity_cols },
};

const struct column *app_table_columns(enum table t)
{
	return tables[(unsigned)t < TABLE__COUNT ? t : 0].cols;
}

const char *app_table_column(enum table t, int i)
{
	return (unsigned)t < TABLE__COUNT ? tables[t].cols[i].name : NULL;
}

const char *table_name(enum table t)
{
	return (unsigned)t < TABLE__COUNT ? tables[t].name : "?";
}

bool table_parse(const char *s, enum table *out)
{
	for (int t = 0; t < TABLE__COUNT; t++) {
		if (strcmp(tables[t].name, s) == 0) {
			*out = (enum table)t;
			return true;
		}
	}
	return false;
}
