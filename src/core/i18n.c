/* i18n.c: which language the user reads. */
#include <stdlib.h>
#include <string.h>

#include "quotepart/i18n.h"

static int starts_fr(const char *v)
{
	return v && v[0] == 'f' && v[1] == 'r' && (v[2] == '\0' || v[2] == '_' ||
	                                           v[2] == ':' || v[2] == '.' || v[2] == '@');
}

int i18n_is_french(void)
{
	/* gettext's own order: LANGUAGE (unless the locale is plain "C"),
	 * then LC_ALL, LC_MESSAGES, LANG. */
	const char *lang = getenv("LANGUAGE");
	if (lang && *lang)
		return starts_fr(lang);
	const char *vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return starts_fr(v);
	}
	return 0;
}

const char *i18n_ctx(const char *ctx_msgid)
{
	const char *t = gettext(ctx_msgid);
	if (t != ctx_msgid)
		return t;
	const char *id = strchr(ctx_msgid, '\004');
	return id ? id + 1 : ctx_msgid;
}
