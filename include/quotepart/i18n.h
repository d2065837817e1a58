/* i18n.h: gettext wrappers. _() translates now; N_() marks for xgettext. */
#ifndef QUOTEPART_I18N_H
#define QUOTEPART_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* Whether messages are being shown in French (LANGUAGE/LC_ALL/LC_MESSAGES/
 * LANG start with "fr"), which also selects the French money format. */
int i18n_is_french(void);

#endif
