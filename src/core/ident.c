/* ident.c: IBAN, BIC, SIREN and SIRET checks (ident.h). The IBAN lengths
 * are those of the SWIFT IBAN registry; a country it does not list is
 * refused rather than guessed. */
#include <string.h>

#include "quotepart/i18n.h"
#include "quotepart/ident.h"

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static char upper(char c) { return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c; }

/* s without spaces, upper case, into out (at most max - 1 characters);
 * false when longer. */
static bool squeeze(const char *s, char *out, size_t max)
{
	size_t n = 0;
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t')
			continue;
		if (n + 1 >= max)
			return false;
		out[n++] = upper(*s);
	}
	out[n] = '\0';
	return true;
}

static const struct { char cc[3]; unsigned char len; } iban_lengths[] = {
	{ "AD", 24 }, { "AE", 23 }, { "AL", 28 }, { "AT", 20 }, { "AZ", 28 },
	{ "BA", 20 }, { "BE", 16 }, { "BG", 22 }, { "BH", 22 }, { "BR", 29 },
	{ "BY", 28 }, { "CH", 21 }, { "CR", 22 }, { "CY", 28 }, { "CZ", 24 },
	{ "DE", 22 }, { "DK", 18 }, { "DO", 28 }, { "EE", 20 }, { "EG", 29 },
	{ "ES", 24 }, { "FI", 18 }, { "FO", 18 }, { "FR", 27 }, { "GB", 22 },
	{ "GE", 22 }, { "GI", 23 }, { "GL", 18 }, { "GR", 27 }, { "GT", 28 },
	{ "HR", 21 }, { "HU", 28 }, { "IE", 22 }, { "IL", 23 }, { "IQ", 23 },
	{ "IS", 26 }, { "IT", 27 }, { "JO", 30 }, { "KW", 30 }, { "KZ", 20 },
	{ "LB", 28 }, { "LC", 32 }, { "LI", 21 }, { "LT", 20 }, { "LU", 20 },
	{ "LV", 21 }, { "MC", 27 }, { "MD", 24 }, { "ME", 22 }, { "MK", 19 },
	{ "MR", 27 }, { "MT", 31 }, { "MU", 30 }, { "NL", 18 }, { "NO", 15 },
	{ "PK", 24 }, { "PL", 28 }, { "PS", 29 }, { "PT", 25 }, { "QA", 29 },
	{ "RO", 24 }, { "RS", 22 }, { "SA", 24 }, { "SC", 31 }, { "SE", 24 },
	{ "SI", 19 }, { "SK", 24 }, { "SM", 27 }, { "ST", 25 }, { "SV", 28 },
	{ "TL", 23 }, { "TN", 24 }, { "TR", 26 }, { "UA", 29 }, { "VA", 22 },
	{ "VG", 24 }, { "XK", 20 },
};

static int iban_length(const char *cc)
{
	for (size_t i = 0; i < sizeof iban_lengths / sizeof iban_lengths[0]; i++)
		if (iban_lengths[i].cc[0] == cc[0] && iban_lengths[i].cc[1] == cc[1])
			return iban_lengths[i].len;
	return 0;
}

/* ISO 7064 MOD 97-10 over the IBAN with its first four characters moved
 * to the end and letters read as 10..35, one digit at a time. */
static int iban_mod97(const char *s, size_t n)
{
	int r = 0;
	for (size_t k = 0; k < n; k++) {
		char c = s[(k + 4) % n];
		if (is_digit(c))
			r = (r * 10 + (c - '0')) % 97;
		else
			r = (r * 100 + (c - 'A' + 10)) % 97;
	}
	return r;
}

bool ident_iban(const char *s, char out[IBAN_MAX], const char **why)
{
	if (!squeeze(s, out, IBAN_MAX))
		return *why = N_("an IBAN has at most 34 characters"), false;
	size_t n = strlen(out);
	if (n < 4 || !is_upper(out[0]) || !is_upper(out[1]) || !is_digit(out[2]) || !is_digit(out[3]))
		return *why = N_("an IBAN starts with a country code and two check digits"), false;
	int want = iban_length(out);
	if (!want)
		return *why = N_("the country code is not one of the IBAN registry"), false;
	for (size_t i = 4; i < n; i++)
		if (!is_digit(out[i]) && !is_upper(out[i]))
			return *why = N_("an IBAN has only letters and digits"), false;
	if ((int)n != want)
		return *why = N_("the length is not that of this country's IBAN"), false;
	if (iban_mod97(out, n) != 1)
		return *why = N_("the check digits do not match (a mistyped character?)"), false;
	return true;
}

bool ident_bic(const char *s, char out[BIC_MAX], const char **why)
{
	if (!squeeze(s, out, BIC_MAX))
		return *why = N_("a BIC has 8 or 11 characters"), false;
	size_t n = strlen(out);
	if (n != 8 && n != 11)
		return *why = N_("a BIC has 8 or 11 characters"), false;
	for (size_t i = 0; i < 6; i++)
		if (!is_upper(out[i]))
			return *why = N_("a BIC starts with 4 letters (the bank) and 2 (the country)"), false;
	for (size_t i = 6; i < n; i++)
		if (!is_upper(out[i]) && !is_digit(out[i]))
			return *why = N_("a BIC has only letters and digits"), false;
	return true;
}

bool ident_luhn(const char *s, size_t n)
{
	int sum = 0;
	/* From the right, every second digit doubled (its digits summed). */
	for (size_t k = 0; k < n; k++) {
		char c = s[n - 1 - k];
		if (!is_digit(c))
			return false;
		int v = c - '0';
		if (k % 2 == 1 && (v *= 2) > 9)
			v -= 9;
		sum += v;
	}
	return sum % 10 == 0;
}

static bool digits(const char *s, char *out, size_t want, const char **why,
                   const char *wrong_length)
{
	size_t n = 0;
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t')
			continue;
		if (!is_digit(*s))
			return *why = N_("only digits are allowed"), false;
		if (n == want)
			return *why = wrong_length, false;
		out[n++] = *s;
	}
	out[n] = '\0';
	if (n != want)
		return *why = wrong_length, false;
	return true;
}

bool ident_siren(const char *s, char out[10], const char **why)
{
	if (!digits(s, out, 9, why, N_("a SIREN has 9 digits")))
		return false;
	if (!ident_luhn(out, 9))
		return *why = N_("the check digit does not match (a mistyped digit?)"), false;
	return true;
}

bool ident_siret(const char *s, char out[15], const char **why)
{
	if (!digits(s, out, 14, why, N_("a SIRET has 14 digits")))
		return false;
	bool ok;
	/* La Poste's establishments but its head office. */
	if (strncmp(out, "356000000", 9) == 0 && strcmp(out, "35600000000048") != 0) {
		int sum = 0;
		for (size_t i = 0; i < 14; i++)
			sum += out[i] - '0';
		ok = sum % 5 == 0;
	} else {
		ok = ident_luhn(out, 14);
	}
	if (!ok)
		return *why = N_("the check digit does not match (a mistyped digit?)"), false;
	return true;
}

static void grouped(const char *iban, char *out, bool mask)
{
	size_t n = strlen(iban), o = 0;
	for (size_t i = 0; i < n && i < IBAN_MAX - 1; i++) {
		if (i && i % 4 == 0)
			out[o++] = ' ';
		out[o++] = mask && i >= 4 && i + 4 < n ? '*' : iban[i];
	}
	out[o] = '\0';
}

void ident_iban_masked(const char *iban, char out[IBAN_SHOWN_MAX])
{
	grouped(iban, out, true);
}

void ident_iban_grouped(const char *iban, char out[IBAN_SHOWN_MAX])
{
	grouped(iban, out, false);
}
