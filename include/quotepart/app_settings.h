/* app_settings.h: the practice's identity and bank account (its name,
 * address, SIREN, SIRET, IBAN and BIC), as the attestation, the
 * statements, the SEPA transfer file and the FEC journal print them. */
#ifndef QUOTEPART_APP_SETTINGS_H
#define QUOTEPART_APP_SETTINGS_H

#include <stdbool.h>

#include "quotepart/app.h"

enum practice_setting {
	PRACTICE_NAME,
	PRACTICE_ADDRESS,
	PRACTICE_SIREN,
	PRACTICE_SIRET,
	PRACTICE_IBAN,
	PRACTICE_BIC,
	PRACTICE__COUNT
};

/* The values, each a string ("" when not set), indexed by the enum. */
struct practice {
	char *v[PRACTICE__COUNT];
};
void practice_fini(struct practice *p);

/* "name", "address", ...; practice_setting_parse is false for anything
 * else. practice_setting_label is the translated label of a form. */
const char *practice_setting_name(enum practice_setting s);
bool practice_setting_parse(const char *s, enum practice_setting *out);
const char *practice_setting_label(enum practice_setting s);

/* Every setting of the practice. */
enum status app_practice(struct app *a, struct practice *out, struct err *e);

/* Set one setting, checked (an IBAN by its country's length and its
 * key, SIREN and SIRET by their Luhn key, the SIRET starting with the
 * SIREN, a BIC by its form) and normalised (upper case, no spaces), in
 * one transaction with its audit entry. An empty value clears it (not
 * the name). A SIRET set while the SIREN is not fills it in. The same
 * value again changes nothing. */
enum status app_practice_set(struct app *a, enum practice_setting s,
                             const char *value, struct err *e);

/* Every setting as a form gives them ("" clears one, not the name), each
 * checked as app_practice_set checks it, the SIREN and SIRET against each
 * other: all stored in one transaction with an audit entry per change,
 * or none; then the name, as a rename. */
enum status app_practice_set_all(struct app *a, const struct practice *want, struct err *e);

/* The value as a list shows it: an IBAN masked but for its country,
 * check digits and last four characters; the others as they are. A new
 * string. */
char *practice_shown(enum practice_setting s, const char *value);

#endif
