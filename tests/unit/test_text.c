/* test_text.c: UTF-8, control and bidi checks, escaping, widths, padding,
 * NIR and RPPS numbers, the growable buffer. */
#include <criterion/criterion.h>
#include <criterion/logging.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "quotepart/text.h"

static void utf8_locale(void)
{
	cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"), "C.UTF-8 locale missing");
}

TestSuite(text, .init = utf8_locale);

/* Property tests: a small PRNG seeded from QP_SEED, or the clock. */
static uint64_t rng_state;

static void rng_seed(const char *test)
{
	const char *env = getenv("QP_SEED");
	uint64_t seed = env && *env ? strtoull(env, NULL, 10) : (uint64_t)time(NULL);
	fprintf(stderr, "%s: seed %llu (set QP_SEED to replay)\n", test,
	        (unsigned long long)seed);
	rng_state = seed * 2862933555777941757ULL + 3037000493ULL;
	if (!rng_state)
		rng_state = 1;
}

static uint32_t rng(uint32_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state % n);
}

static bool valid(const char *s)
{
	return text_valid_utf8(s, strlen(s));
}

Test(text, utf8_accepts_valid)
{
	cr_assert(valid(""));
	cr_assert(valid("plain ASCII ~"));
	cr_assert(valid("\xC3\xA9"));                 /* é */
	cr_assert(valid("\xE6\xBC\xA2\xE5\xAD\x97"));  /* 漢字 */
	cr_assert(valid("\xF0\x9F\x98\x80"));         /* U+1F600 */
	cr_assert(valid("\xF4\x8F\xBF\xBF"));         /* U+10FFFF */
	cr_assert(valid("\xC2\x80"));                 /* U+0080 */
	cr_assert(valid("\xEF\xBF\xBF"));             /* U+FFFF */
	cr_assert(text_valid_utf8("a\0b", 3));        /* NUL is U+0000 */
}

Test(text, utf8_refuses_invalid)
{
	cr_assert_not(valid("\xC0\xAF"));             /* overlong '/' */
	cr_assert_not(valid("\xC1\xBF"));             /* overlong */
	cr_assert_not(valid("\xE0\x80\xAF"));         /* overlong 3 bytes */
	cr_assert_not(valid("\xE0\x9F\xBF"));         /* overlong U+07FF */
	cr_assert_not(valid("\xF0\x80\x80\xAF"));     /* overlong 4 bytes */
	cr_assert_not(valid("\xF0\x8F\xBF\xBF"));     /* overlong U+FFFF */
	cr_assert_not(valid("\xED\xA0\x80"));         /* surrogate D800 */
	cr_assert_not(valid("\xED\xBF\xBF"));         /* surrogate DFFF */
	cr_assert_not(valid("\xF4\x90\x80\x80"));     /* U+110000 */
	cr_assert_not(valid("\xF5\x80\x80\x80"));
	cr_assert_not(valid("\xFF"));
	cr_assert_not(valid("\xFE"));
	cr_assert_not(valid("\x80"));                 /* lone continuation */
	cr_assert_not(valid("a\xC3"));                /* truncated at end */
	cr_assert_not(valid("\xE2\x82"));             /* truncated */
	cr_assert_not(valid("\xF0\x9F\x98"));         /* truncated */
	cr_assert_not(valid("\xC3(x"));               /* bad continuation */
	cr_assert_not(valid("caf\xE9"));              /* Latin-1 é */
	/* The length is honoured: a valid prefix of a longer string. */
	cr_assert(text_valid_utf8("ab\xC3", 2));
	cr_assert_not(text_valid_utf8("\xC3\xA9", 1));
}

Test(text, check_accepts_names)
{
	const char *ok[] = {
		"Hélène Dupré", "François", "Anaïs", "Thi-Hoa", "N'Guyen",
		"O'Brien-Smith", "李小龙", "😀 team", "Zoë Ç", "a\\b", "",
		"e\xCC\x81",                          /* combining accent */
		"\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9", /* ZWJ sequence */
		"\xC2\xA0nbsp",                       /* U+00A0 is not a control */
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		const char *why = "unset";
		cr_assert_eq(text_check(ok[i], &why), ST_OK, "refused \"%s\"", ok[i]);
		cr_assert_null(why);
		cr_assert_eq(text_check(ok[i], NULL), ST_OK);
	}
}

Test(text, check_refuses_controls)
{
	const char *bad[] = {
		"a\tb", "a\rb", "a\nb", "\x1b[31mred", "\x01", "a\x7f",
		"\xC2\x80", "\xC2\x85", "\xC2\x9F",   /* C1 U+0080, U+0085, U+009F */
		"a\xE2\x80\xA8" "b", "a\xE2\x80\xA9" "b", /* line, paragraph separators */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		const char *why = NULL;
		cr_assert_eq(text_check(bad[i], &why), ST_INVALID, "accepted #%zu", i);
		cr_assert_str_eq(why, "control character");
	}
}

Test(text, check_refuses_bidi)
{
	const char *bad[] = {
		"\xE2\x80\xAA", "\xE2\x80\xAB", "\xE2\x80\xAC", "\xE2\x80\xAD",
		"abc\xE2\x80\xAEgpj.exe",          /* U+202A..U+202E */
		"\xE2\x81\xA6", "\xE2\x81\xA7", "\xE2\x81\xA8", "\xE2\x81\xA9",
		"\xE2\x80\x8E", "\xE2\x80\x8F", "x\xD8\x9C",  /* LRM RLM ALM */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		const char *why = NULL;
		cr_assert_eq(text_check(bad[i], &why), ST_INVALID, "accepted #%zu", i);
		cr_assert_str_eq(why, "bidirectional override");
	}
	/* Neighbours of the ranges are ordinary characters. */
	cr_assert_eq(text_check("\xE2\x80\xA7", NULL), ST_OK);  /* U+2027 */
	cr_assert_eq(text_check("\xE2\x80\xAF", NULL), ST_OK);  /* U+202F */
	cr_assert_eq(text_check("\xE2\x81\xA5", NULL), ST_OK);  /* U+2065 */
	cr_assert_eq(text_check("\xE2\x81\xAA", NULL), ST_OK);  /* U+206A */
	cr_assert_eq(text_check("\xE2\x80\x8D", NULL), ST_OK);  /* ZWJ */
	cr_assert_eq(text_check("\xD8\x9B", NULL), ST_OK);      /* U+061B */
}

Test(text, check_refuses_invalid_utf8)
{
	const char *why = NULL;
	cr_assert_eq(text_check("Ren\xE9", &why), ST_INVALID);
	cr_assert_str_eq(why, "invalid UTF-8");
	cr_assert_eq(text_check("\xED\xA0\x80", &why), ST_INVALID);
	cr_assert_str_eq(why, "invalid UTF-8");
	cr_assert_eq(text_check(NULL, &why), ST_INVALID);
}

Test(text, valid_code)
{
	cr_assert(text_valid_code("gp"));
	cr_assert(text_valid_code("speech-therapist"));
	cr_assert(text_valid_code("ACI"));
	cr_assert(text_valid_code("a"));
	cr_assert(text_valid_code("9lives"));
	cr_assert(text_valid_code("key_2024.v1-b"));
	cr_assert(text_valid_code("abcdefghijklmnopqrstuvwxyz012345"));  /* 32 */
	cr_assert_not(text_valid_code("abcdefghijklmnopqrstuvwxyz0123456"));
	cr_assert_not(text_valid_code(""));
	cr_assert_not(text_valid_code(NULL));
	cr_assert_not(text_valid_code("-a"));
	cr_assert_not(text_valid_code("_a"));
	cr_assert_not(text_valid_code(".a"));
	cr_assert_not(text_valid_code("a b"));
	cr_assert_not(text_valid_code("a/b"));
	cr_assert_not(text_valid_code("caf\xC3\xA9"));
	cr_assert_not(text_valid_code("a\n"));
}

static void escape_is(const char *in, const char *want)
{
	char *got = text_escape(in);
	cr_assert_not_null(got);
	cr_assert_str_eq(got, want);
	free(got);
}

Test(text, escape)
{
	escape_is("", "");
	escape_is("Hélène 漢字 😀", "Hélène 漢字 😀");
	escape_is("a\\b", "a\\b");
	escape_is("\x1b[31mred", "\\x1b[31mred");
	escape_is("a\tb\r\n", "a\\x09b\\x0d\\x0a");
	escape_is("\x7f", "\\x7f");
	escape_is("\xC2\x85", "\\x85");                 /* C1 NEL */
	escape_is("abc\xE2\x80\xAEgpj", "abc\\u202egpj");
	escape_is("a\xE2\x80\xA8" "b", "a\\u2028b");   /* a separator: \u, not \x28 */
	escape_is("a\xC2\x85" "b", "a\\x85b");
	escape_is("\xE2\x81\xA9\xE2\x80\x8F", "\\u2069\\u200f");
	escape_is("\xD8\x9C", "\\u061c");
	escape_is("caf\xE9!", "caf\\xe9!");
	escape_is("\xED\xA0\x80", "\\xed\\xa0\\x80");   /* surrogate bytes */
	escape_is("\xE2\x82", "\\xe2\\x82");
	char *n = text_escape(NULL);
	cr_assert_str_eq(n, "");
	free(n);
}

Test(text, width)
{
	cr_assert_eq(text_width(""), 0);
	cr_assert_eq(text_width("abc"), 3);
	cr_assert_eq(text_width("Hélène"), 6);
	cr_assert_eq(text_width("漢字"), 4);
	cr_assert_eq(text_width("😀"), 2);
	cr_assert_eq(text_width("e\xCC\x81"), 1);        /* combining acute */
	cr_assert_eq(text_width("\x1b"), 4);
	cr_assert_eq(text_width("a\x7f"), 5);
	cr_assert_eq(text_width("\xFF"), 4);
	cr_assert_eq(text_width("\xC2\x85"), 4);
	cr_assert_eq(text_width("\xE2\x80\xAE"), 6);     /* shown as \u202e */
	cr_assert_eq(text_width("\xE2\x80\xA9"), 6);     /* shown as \u2029 */
}

static void pad_is(const char *in, int cols, bool right, const char *want)
{
	char *got = text_pad(in, cols, right);
	cr_assert_not_null(got);
	cr_assert_str_eq(got, want, "pad(\"%s\", %d, %d)", in, cols, right);
	if (cols >= 0)
		cr_assert_eq(text_width(got), cols);
	free(got);
}

Test(text, pad)
{
	pad_is("abc", 5, false, "abc  ");
	pad_is("abc", 5, true, "  abc");
	pad_is("abc", 3, false, "abc");
	pad_is("abcdef", 3, false, "abc");
	pad_is("abcdef", 3, true, "abc");
	pad_is("", 2, false, "  ");
	pad_is("abc", 0, false, "");
	pad_is("Hélène", 4, false, "Hélè");
	pad_is("Zoé", 5, true, "  Zoé");
	pad_is("漢字", 4, false, "漢字");
	pad_is("漢字", 3, false, "漢 ");   /* 字 would overflow: a space */
	pad_is("漢字", 3, true, "漢 ");
	pad_is("漢字", 1, false, " ");
	pad_is("漢字", 6, true, "  漢字");
	pad_is("ab😀c", 3, false, "ab ");
	/* A combining accent stays with its letter at the cut. */
	pad_is("abe\xCC\x81xyz", 3, false, "abe\xCC\x81");
	/* Unsafe characters come out escaped, never cut in two. */
	pad_is("a\x1b", 6, false, "a\\x1b ");
	pad_is("a\x1b", 3, false, "a  ");
	pad_is("x\xE2\x80\xAE", 7, false, "x\\u202e");
	char *neg = text_pad("abc", -3, false);
	cr_assert_str_eq(neg, "");
	free(neg);
}

Test(text, trim)
{
	char a[] = "  \t hello world \r\n";
	cr_assert_eq(text_trim(a), a);
	cr_assert_str_eq(a, "hello world");
	char b[] = "   ";
	cr_assert_str_eq(text_trim(b), "");
	char c[] = "";
	cr_assert_str_eq(text_trim(c), "");
	char d[] = "x";
	cr_assert_str_eq(text_trim(d), "x");
	char e[] = "\xC2\xA0x\xC2\xA0";   /* no-break spaces are not ASCII blanks */
	cr_assert_str_eq(text_trim(e), "\xC2\xA0x\xC2\xA0");
	cr_assert_null(text_trim(NULL));
}

/* The NIR key computed independently of the code under test. */
static int nir_key(const char *thirteen)
{
	char digits[14];
	memcpy(digits, thirteen, 14);
	if (digits[5] == '2' && digits[6] == 'A') { digits[5] = '1'; digits[6] = '9'; }
	if (digits[5] == '2' && digits[6] == 'B') { digits[5] = '1'; digits[6] = '8'; }
	long long n = atoll(digits);
	return (int)(97 - n % 97);
}

Test(text, nir_known_values)
{
	/* Keys checked by hand (Python): 97 - N mod 97. */
	cr_assert_eq(nir_key("1850578006084"), 91);
	cr_assert(text_is_nir("1 85 05 78 006 084 91"));
	cr_assert(text_is_nir("185057800608491"));
	cr_assert(text_is_nir("1.85.05.78.006.084.91"));
	cr_assert(text_is_nir("  1 85 05 78 006 084 91\t"));
	cr_assert(text_is_nir("269029934173285"));
	/* Corsica: 2A read as 19, 2B as 18. */
	cr_assert(text_is_nir("1 85 05 2A 006 084 35"));
	cr_assert(text_is_nir("185052a00608435"));
	cr_assert(text_is_nir("1 85 05 2B 006 084 62"));
	/* 2A with the key of "20" (no substitution) is not a NIR. */
	cr_assert_not(text_is_nir("1 85 05 2A 006 084 08"));
	/* Unknown birth month (e.g. 99) still counts. */
	char buf[32];
	snprintf(buf, sizeof buf, "2119975123456%02d", nir_key("2119975123456"));
	cr_assert(text_is_nir(buf));
}

Test(text, nir_near_misses)
{
	cr_assert_not(text_is_nir("1 85 05 78 006 084 92"));   /* wrong key */
	cr_assert_not(text_is_nir("1 85 05 78 006 084 90"));
	cr_assert_not(text_is_nir("18505780060849"));           /* 14 digits */
	cr_assert_not(text_is_nir("1850578006084910"));         /* 16 digits */
	cr_assert_not(text_is_nir("1850578006084"));            /* no key */
	cr_assert_not(text_is_nir("385057800608491"));         /* sex 3 */
	cr_assert_not(text_is_nir("1850578006O8491"));          /* letter O */
	cr_assert_not(text_is_nir("1 85 05 2C 006 084 35"));
	cr_assert_not(text_is_nir("1 85 05 3A 006 084 35"));
	cr_assert_not(text_is_nir("1 85 05 78 006 084 9l"));
	cr_assert_not(text_is_nir("1-85-05-78-006-084-92"));    /* separators, wrong key */
	cr_assert_not(text_is_nir("1/85/05/78/006/084/91"));    /* not a separator */
	cr_assert_not(text_is_nir("''185057800608491"));        /* one apostrophe only */
	cr_assert_not(text_is_nir(""));
	cr_assert_not(text_is_nir("   "));
	cr_assert_not(text_is_nir(NULL));
	cr_assert_not(text_is_nir("P-00042"));
}

/* However the groups of digits are separated, and from Corsica too: the
 * separators people and spreadsheets write are dropped before the test. */
Test(text, nir_with_separators)
{
	static const char *const written[] = {
		"1-85-07-75-123-456-08", "1 85 07 75 123 456 08", "1_85_07_75_123_456_08",
		"1.85.07.75.123.456.08", "1\t85\t07 75-123.456_08", "1-85 07.75_123 456-08",
		"1\xc2\xa0" "85\xc2\xa0" "07\xc2\xa0" "75\xc2\xa0" "123\xc2\xa0" "456\xc2\xa0" "08",   /* U+00A0 */
		"1\xe2\x80\xaf" "85\xe2\x80\xaf" "07 75 123 456 08",                             /* U+202F */
		"'185077512345608", " '1-85-07-75-123-456-08 ",                              /* text mark */
		"1-85-07-2A-123-456-65", "1_85_07_2a_123_456_65", "1.85.07.2B.123.456.92",
		"1 85 07 2b 123 456 92", "1-85-07-2-A-123-456-65",
	};
	cr_assert_eq(nir_key("1850775123456"), 8);
	cr_assert_eq(nir_key("185072A123456"), 65);
	cr_assert_eq(nir_key("185072B123456"), 92);
	for (size_t i = 0; i < sizeof written / sizeof written[0]; i++)
		cr_expect(text_is_nir(written[i]), "\"%s\" is a NIR", written[i]);
}

Test(text, nir_property)
{
	rng_seed("nir_property");
	for (int iter = 0; iter < 2000; iter++) {
		char n13[14], full[16];
		n13[0] = (char)('1' + rng(2));
		for (int i = 1; i < 13; i++)
			n13[i] = (char)('0' + rng(10));
		int corsica = (int)rng(5);
		if (corsica == 1) { n13[5] = '2'; n13[6] = 'A'; }
		if (corsica == 2) { n13[5] = '2'; n13[6] = 'B'; }
		n13[13] = '\0';
		int key = nir_key(n13);
		snprintf(full, sizeof full, "%s%02d", n13, key);
		cr_assert(text_is_nir(full), "valid NIR %s refused", full);

		/* Any single changed digit breaks the key (97 is prime and
		 * no power of 10 is a multiple of it). */
		int pos = (int)rng(15);
		if (full[pos] >= '0' && full[pos] <= '9') {
			char bad[16];
			memcpy(bad, full, sizeof bad);
			bad[pos] = (char)('0' + (full[pos] - '0' + 1 + (int)rng(9)) % 10);
			cr_assert_not(text_is_nir(bad), "%s (from %s) accepted", bad, full);
		}
	}
}

Test(text, rpps)
{
	/* Check digits computed by hand (Python Luhn). */
	cr_assert(text_valid_rpps("10003456786"));
	cr_assert(text_valid_rpps("10123456781"));
	cr_assert(text_valid_rpps("81000000000"));
	cr_assert_not(text_valid_rpps("10003456787"));
	cr_assert_not(text_valid_rpps("10003456785"));
	cr_assert_not(text_valid_rpps("10003546786"));   /* swapped digits */
	cr_assert_not(text_valid_rpps("1000345678"));    /* 10 digits */
	cr_assert_not(text_valid_rpps("100034567860"));  /* 12 digits */
	cr_assert_not(text_valid_rpps("1000345678a"));
	cr_assert_not(text_valid_rpps(" 10003456786"));
	cr_assert_not(text_valid_rpps(""));
	cr_assert_not(text_valid_rpps(NULL));
}

Test(text, rpps_property)
{
	rng_seed("rpps_property");
	for (int iter = 0; iter < 2000; iter++) {
		char s[12];
		for (int i = 0; i < 10; i++)
			s[i] = (char)('0' + rng(10));
		s[11] = '\0';
		int valid_count = 0;
		for (int d = 0; d < 10; d++) {
			s[10] = (char)('0' + d);
			if (text_valid_rpps(s))
				valid_count++;
		}
		/* Exactly one check digit works for each 10-digit body. */
		cr_assert_eq(valid_count, 1, "%.10s has %d check digits", s, valid_count);
	}
}

Test(text, escape_width_pad_properties)
{
	static const char *pieces[] = {
		"a", "Z", " ", "\\", "é", "漢", "😀", "e\xCC\x81", "\x1b", "\t",
		"\x7f", "\xC2\x85", "\xE2\x80\xAE", "\xD8\x9C", "\xFF", "\xC3",
		"\xED\xA0\x80", "\xF0\x9F", "\n", "'",
	};
	rng_seed("escape_width_pad_properties");
	for (int iter = 0; iter < 1000; iter++) {
		struct sbuf b;
		sb_init(&b);
		int n = (int)rng(12);
		for (int i = 0; i < n; i++)
			sb_add(&b, pieces[rng(sizeof pieces / sizeof pieces[0])]);
		char *s = sb_take(&b);
		cr_assert_not_null(s);

		char *esc = text_escape(s);
		cr_assert_eq(text_check(esc, NULL), ST_OK, "escape left something unsafe");
		cr_assert_eq(text_width(esc), text_width(s));
		if (text_check(s, NULL) == ST_OK)
			cr_assert_str_eq(esc, s);

		int cols = (int)rng(20);
		char *p = text_pad(s, cols, rng(2) == 1);
		cr_assert_not_null(p);
		cr_assert_eq(text_width(p), cols, "pad to %d gave width %d", cols,
		             text_width(p));
		cr_assert_eq(text_check(p, NULL), ST_OK);
		if (cols >= text_width(s)) {
			char *esc_in_pad = strstr(p, esc);
			cr_assert_not_null(esc_in_pad, "padding lost text");
		}
		free(p);
		free(esc);
		free(s);
	}
}

Test(text, sbuf_basics)
{
	struct sbuf b;
	sb_init(&b);
	cr_assert_null(b.s);
	sb_add(&b, "abc");
	sb_addn(&b, "defgh", 2);
	sb_printf(&b, "-%d-%s", 42, "x");
	sb_add(&b, NULL);
	cr_assert_eq(b.len, 10);
	cr_assert_str_eq(b.s, "abcde-42-x");
	char *s = sb_take(&b);
	cr_assert_str_eq(s, "abcde-42-x");
	cr_assert_null(b.s);
	cr_assert_eq(b.len, 0);
	free(s);

	s = sb_take(&b);      /* empty: "" rather than NULL */
	cr_assert_not_null(s);
	cr_assert_str_eq(s, "");
	free(s);

	for (int i = 0; i < 100000; i++)
		sb_addn(&b, "0123456789" + i % 10, 1);
	cr_assert_eq(b.len, 100000);
	cr_assert_eq(b.s[99999], '9');
	cr_assert_eq(b.s[100000], '\0');
	cr_assert_not(b.failed);
	sb_printf(&b, "%s", "");
	cr_assert_eq(b.len, 100000);
	sb_fini(&b);
	cr_assert_null(b.s);
	sb_fini(&b);   /* twice is harmless */
}

Test(text, sbuf_failed_stops_and_take_is_null)
{
	struct sbuf b;
	sb_init(&b);
	sb_add(&b, "kept");
	b.failed = true;        /* as after an allocation failure */
	sb_add(&b, "lost");
	sb_printf(&b, "%d", 1);
	cr_assert_str_eq(b.s, "kept");
	cr_assert_null(sb_take(&b));
	cr_assert_not(b.failed);
	cr_assert_null(b.s);

	/* A length that cannot fit in memory fails instead of wrapping. */
	sb_add(&b, "x");
	sb_addn(&b, "y", SIZE_MAX - 1);
	cr_assert(b.failed);
	cr_assert_str_eq(b.s, "x");
	sb_fini(&b);
	cr_assert_not(b.failed);
}

Test(text, str_printf_makes_a_new_string_of_any_length)
{
	char *s = str_printf("%d-%s", 7, "x");
	cr_assert_str_eq(s, "7-x");
	free(s);
	char big[5000];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	s = str_printf("[%s]", big);
	cr_assert_eq(strlen(s), sizeof big + 1);
	cr_assert_eq(s[0], '[');
	cr_assert_eq(s[sizeof big], ']');
	free(s);
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, "%s", "x");
	sb_printf(&b, "%05d", 42);
	cr_assert_str_eq(b.s, "x00042");
	sb_fini(&b);
}

Test(text, wrap_at_breaks_at_the_last_space_that_fits)
{
	cr_assert_eq(text_wrap_at("", 10), 0);
	cr_assert_eq(text_wrap_at("short", 10), 5);
	cr_assert_eq(text_wrap_at("exactly 10", 10), 10);
	/* "one two three": "one two" fits in 9, the space before three is cut. */
	cr_assert_eq(text_wrap_at("one two three", 9), 7);
	/* é is two bytes and one column: "été été" fits in 7 columns. */
	cr_assert_eq(text_wrap_at("été été été", 7), strlen("été été"));
	/* A word longer than the line is cut between characters, never
	 * inside one; a wide character counts 2. */
	cr_assert_eq(text_wrap_at("abcdefghij", 4), 4);
	cr_assert_eq(text_wrap_at("ééééé", 3), strlen("ééé"));
	cr_assert_eq(text_wrap_at("日本語", 3), strlen("日"));
	/* Leading spaces are no place to break. */
	cr_assert_eq(text_wrap_at("   abcdefgh", 6), 6);
	/* French punctuation after a space stays with its word: "au 31/12 ;"
	 * breaks before "31/12", not before ";". */
	cr_assert_eq(text_wrap_at("du 01/01 au 31/12 ; édité", 18), strlen("du 01/01 au"));
	cr_assert_eq(text_wrap_at("Total : 12", 9), strlen("Total :"));
	/* Always moves: one unit even when nothing fits. */
	cr_assert_eq(text_wrap_at("日本", 1), strlen("日"));
	cr_assert_eq(text_wrap_at("x", 0), 1);
}
