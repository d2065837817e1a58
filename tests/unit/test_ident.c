/* test_ident.c: IBAN, BIC, SIREN and SIRET checks against tables of
 * valid and invalid values (the valid IBANs are the SWIFT registry's
 * examples), and a property: a valid IBAN with one character changed is
 * refused. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "quotepart/ident.h"

static const char *const valid_ibans[] = {
	"FR1420041010050500013M02606", "FR76 3000 6000 0112 3456 7890 189",
	"fr7630006000011234567890189", "DE89370400440532013000",
	"GB29NWBK60161331926819", "BE68539007547034", "NL91ABNA0417164300",
	"CH9300762011623852957", "IT60X0542811101000000123456",
	"ES9121000418450200051332", "NO9386011117947",
	"MT84MALT011000012345MTLCAST001S", "LC55HEMM000100010012001200023015",
	"MC5811222000010123456789030",
};

Test(ident, valid_ibans_are_accepted_and_normalised)
{
	for (size_t i = 0; i < sizeof valid_ibans / sizeof valid_ibans[0]; i++) {
		char out[IBAN_MAX];
		const char *why = NULL;
		cr_expect(ident_iban(valid_ibans[i], out, &why), "%s: %s", valid_ibans[i], why);
		for (const char *c = out; *c; c++)
			cr_expect(*c != ' ' && !(*c >= 'a' && *c <= 'z'), "%s -> %s", valid_ibans[i], out);
	}
	char out[IBAN_MAX];
	const char *why;
	cr_assert(ident_iban("fr76 3000 6000 0112 3456 7890 189", out, &why));
	cr_assert_str_eq(out, "FR7630006000011234567890189");
}

Test(ident, invalid_ibans_are_refused_with_a_reason)
{
	static const struct { const char *iban, *why; } cases[] = {
		{ "FR7630006000011234567890188", "check digits" },      /* last digit */
		{ "FR763000600001123456789018", "length" },             /* one short */
		{ "FR76300060000112345678901890", "length" },           /* one long */
		{ "XX7630006000011234567890189", "registry" },
		{ "7630006000011234567890189", "country code" },
		{ "FRAB30006000011234567890189", "country code" },
		{ "FR76-3000-6000-0112-3456-7890-189", "letters and digits" },
		{ "", "country code" },
		{ "FR7630006000011234567890189FR7630006000011234567890189", "at most 34" },
		{ "DE89370400440532013001", "check digits" },
		{ "GB29NWBK60161331926818", "check digits" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[IBAN_MAX];
		const char *why = NULL;
		cr_expect(!ident_iban(cases[i].iban, out, &why), "%s accepted", cases[i].iban);
		cr_expect(why && strstr(why, cases[i].why), "%s: \"%s\", wanted \"%s\"",
		          cases[i].iban, why ? why : "(none)", cases[i].why);
	}
}

/* Property: mod 97 catches every single substitution; each IBAN of the
 * table gets one character replaced by another of the same kind (digit
 * for digit, letter for letter) at a random place. */
Test(ident, one_changed_character_is_refused)
{
	const char *env = getenv("QP_SEED");
	uint64_t seed = env && *env ? strtoull(env, NULL, 10) : (uint64_t)time(NULL);
	fprintf(stderr, "ident.one_changed_character_is_refused: seed %llu (set QP_SEED to replay)\n",
	        (unsigned long long)seed);
	srand((unsigned)seed);
	for (int round = 0; round < 2000; round++) {
		char iban[IBAN_MAX], out[IBAN_MAX];
		const char *why;
		cr_assert(ident_iban(valid_ibans[(size_t)rand() % 14], iban, &why));
		size_t n = strlen(iban), at = 2 + (size_t)rand() % (n - 2);
		char was = iban[at];
		if (was >= '0' && was <= '9')
			iban[at] = (char)('0' + (was - '0' + 1 + rand() % 9) % 10);
		else
			iban[at] = (char)('A' + (was - 'A' + 1 + rand() % 25) % 26);
		cr_assert(!ident_iban(iban, out, &why), "seed %llu: %s (position %zu) accepted",
		          (unsigned long long)seed, iban, at);
	}
}

Test(ident, masked_and_grouped)
{
	char s[IBAN_SHOWN_MAX];
	ident_iban_masked("FR7630006000011234567890189", s);
	cr_assert_str_eq(s, "FR76 **** **** **** **** ***0 189");
	ident_iban_grouped("FR7630006000011234567890189", s);
	cr_assert_str_eq(s, "FR76 3000 6000 0112 3456 7890 189");
	ident_iban_masked("LC55HEMM000100010012001200023015", s);
	cr_assert_str_eq(s, "LC55 **** **** **** **** **** **** 3015");
}

Test(ident, bic)
{
	static const char *const ok[] = { "BNPAFRPP", "bnpafrppxxx", "AGRI FR PP 882", "DEUTDEFF500" };
	static const char *const bad[] = { "BNPAFRP", "BNPAFRPPXX", "BNP1FRPP", "BNPAF1PP", "BNPAFRPP-XX", "" };
	char out[BIC_MAX];
	const char *why;
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		cr_expect(ident_bic(ok[i], out, &why), "%s refused", ok[i]);
	cr_assert(ident_bic("bnpafrppxxx", out, &why));
	cr_assert_str_eq(out, "BNPAFRPPXXX");
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		cr_expect(!ident_bic(bad[i], out, &why), "%s accepted", bad[i]);
}

Test(ident, siren_and_siret)
{
	static const char *const sirens[] = { "732829320", "552 032 534", "443061841", "356000000" };
	static const char *const bad_sirens[] = { "732829321", "73282932", "7328293200", "73282932A", "" };
	static const char *const sirets[] = {
		"73282932000074", "552 100 554 00013", "44306184100047",
		"35600000000048",   /* La Poste's head office: Luhn */
		"35600000049837",   /* a La Poste establishment: digits sum to 50 */
	};
	static const char *const bad_sirets[] = {
		"73282932000075", "7328293200007", "356000000000481",
		"35600000049838",   /* La Poste: the sum is not a multiple of 5 */
	};
	char out[15];
	const char *why;
	for (size_t i = 0; i < sizeof sirens / sizeof sirens[0]; i++)
		cr_expect(ident_siren(sirens[i], out, &why), "%s refused: %s", sirens[i], why);
	for (size_t i = 0; i < sizeof bad_sirens / sizeof bad_sirens[0]; i++)
		cr_expect(!ident_siren(bad_sirens[i], out, &why), "%s accepted", bad_sirens[i]);
	for (size_t i = 0; i < sizeof sirets / sizeof sirets[0]; i++)
		cr_expect(ident_siret(sirets[i], out, &why), "%s refused: %s", sirets[i], why);
	for (size_t i = 0; i < sizeof bad_sirets / sizeof bad_sirets[0]; i++)
		cr_expect(!ident_siret(bad_sirets[i], out, &why), "%s accepted", bad_sirets[i]);
	cr_assert(ident_siret("552 100 554 00013", out, &why));
	cr_assert_str_eq(out, "55210055400013");
}
