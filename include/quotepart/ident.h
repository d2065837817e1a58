/* ident.h: the identifiers a bank and the tax office check: IBAN (ISO
 * 13616, length per country and the mod-97 key), BIC (ISO 9362), SIREN
 * and SIRET (INSEE, Luhn key). Each check takes what a person types
 * (spaces allowed, any case), writes the normalised form (upper case, no
 * spaces) and says why a value is refused in a short English phrase that
 * the caller translates and words. */
#ifndef QUOTEPART_IDENT_H
#define QUOTEPART_IDENT_H

#include <stdbool.h>
#include <stddef.h>

/* Longest IBAN of the registry (34 characters) and a BIC (11), with the
 * terminating NUL. */
#define IBAN_MAX 35
#define BIC_MAX 12

/* The normalised IBAN in out, or false with *why set (e.g. "the check
 * digits do not match"). */
bool ident_iban(const char *s, char out[IBAN_MAX], const char **why);
/* The normalised BIC (8 or 11 characters) in out, or false with *why. */
bool ident_bic(const char *s, char out[BIC_MAX], const char **why);
/* SIREN: 9 digits with a Luhn key; SIRET: 14 digits with a Luhn key (La
 * Poste's establishments, SIREN 356000000, but its head office use the
 * sum of digits modulo 5 instead). out receives the digits alone. */
bool ident_siren(const char *s, char out[10], const char **why);
bool ident_siret(const char *s, char out[15], const char **why);

/* The Luhn check over the n digits of s (false if one is not a digit). */
bool ident_luhn(const char *s, size_t n);

/* An IBAN shown in a list: the country, check digits and last four
 * characters, the rest masked by "*", in groups of four ("FR76 **** ...
 * *189"). out must hold IBAN_MAX + IBAN_MAX / 4 bytes. */
#define IBAN_SHOWN_MAX (IBAN_MAX + IBAN_MAX / 4 + 1)
void ident_iban_masked(const char *iban, char out[IBAN_SHOWN_MAX]);
/* The full IBAN in groups of four, for a document that needs it. */
void ident_iban_grouped(const char *iban, char out[IBAN_SHOWN_MAX]);

#endif
