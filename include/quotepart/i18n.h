/* i18n.h: gettext wrappers. _() translates now; N_() marks for xgettext. */
#ifndef QUOTEPART_I18N_H
#define QUOTEPART_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)
/* A msgid marked in a context, for a table read later: the context, the
 * byte 4 and the msgid, the key gettext files keep it under (xgettext
 * --keyword=NC_:1c,2). i18n_ctx translates it. */
#define NC_(c, s) c "\004" s

/* Whether messages are being shown in French (LANGUAGE/LC_ALL/LC_MESSAGES/
 * LANG start with "fr"), which also selects the French money format. */
int i18n_is_french(void);

/* The translation of an NC_() string, or its msgid (the part after the
 * context) when it has none. Never NULL for an NC_() string. */
const char *i18n_ctx(const char *ctx_msgid);

#endif
