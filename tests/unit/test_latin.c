/* test_latin.c: text_sepa, names and texts reduced to SEPA's Latin
 * character set: a table of French (and other European) names, the
 * length limit, and a property: whatever bytes go in, only the set comes
 * out, never more than the limit, never a space at either end. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/text.h"

static void expect(const char *in, size_t max, const char *want)
{
	char *got = text_sepa(in, max);
	cr_assert_not_null(got);
	cr_expect_str_eq(got, want, "\"%s\" gave \"%s\", not \"%s\"", in, got, want);
	free(got);
}

Test(latin, french_names_lose_their_accents_not_their_letters)
{
	expect("Élise Martin", 70, "Elise Martin");
	expect("François Leclerc", 70, "Francois Leclerc");
	expect("Inès Charpentier", 70, "Ines Charpentier");
	expect("Hélène Petit-Lœuvre", 70, "Helene Petit-Loeuvre");
	expect("ŒUVRE Cæsar", 70, "OEUVRE Caesar");
	expect("Straße Øre Łódź Ångström", 70, "Strasse Ore Lodz Angstrom");
	expect("Thi-Hoa Nguyen", 70, "Thi-Hoa Nguyen");
	expect("Chloé Girard", 70, "Chloe Girard");
	expect("Ÿvette Noël", 70, "Yvette Noel");
}

Test(latin, what_is_not_in_the_set_is_replaced_or_dropped)
{
	expect("D1 ACI 2025 (avance) / reçu ACI-2025-AV", 140, "D1 ACI 2025 (avance) / recu ACI-2025-AV");
	expect("Dupont & Fils", 70, "Dupont + Fils");
	expect("l’équipe « soins »", 70, "l'equipe ' soins '");
	expect("a_b\"c\"", 70, "a-b'c'");
	expect("100 €", 70, "100 EUR");
	expect("x@y;z!", 70, "x.y.z.");
	expect("  deux\t\tespaces\u00a0 ", 70, "deux espaces");
	expect("bell\a", 70, "bell");
	expect("日本", 70, "..");
	expect("\xff\xfe ok", 70, ".. ok");
	expect("\xc3", 70, ".");
	expect("", 70, "");
	expect(NULL, 70, "");
}

Test(latin, the_limit_is_kept)
{
	expect("Martin", 3, "Mar");
	expect("Œil", 1, "O");
	expect("abc def", 4, "abc");
	char long_text[400];
	memset(long_text, 'e', sizeof long_text - 1);
	long_text[sizeof long_text - 1] = '\0';
	char *got = text_sepa(long_text, 140);
	cr_assert_eq(strlen(got), 140);
	free(got);
}

/* Random bytes, and random mixtures of accented letters: only the set. */
Test(latin, only_the_set_comes_out)
{
	static const char *const parts[] = { "é", "ç", "œ", "ß", "日", " ", "\t", "&", "_", "a", "Z", "9", "’", "\x80", "\xe2\x82" };
	uint32_t x = 15;
	for (int round = 0; round < 2000; round++) {
		char in[128];
		size_t n = 0;
		while (n < 100) {
			x = x * 1103515245u + 12345u;
			if (round % 2) {
				in[n++] = (char)(x >> 16 & 0xFF);
			} else {
				const char *p = parts[(x >> 16) % (sizeof parts / sizeof parts[0])];
				size_t len = strlen(p);
				memcpy(in + n, p, len);
				n += len;
			}
		}
		in[n] = '\0';
		size_t max = 1 + (x >> 8) % 80;
		char *got = text_sepa(in, max);
		cr_assert_not_null(got);
		size_t len = strlen(got);
		cr_assert_leq(len, max);
		for (size_t i = 0; i < len; i++)
			cr_assert(text_sepa_char((unsigned char)got[i]), "byte 0x%02x in \"%s\"", (unsigned char)got[i], got);
		cr_assert(len == 0 || (got[0] != ' ' && got[len - 1] != ' '), "\"%s\"", got);
		free(got);
	}
}
