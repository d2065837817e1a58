/* test_man_keys.c: the man page's KEYS section is the interface's action
 * table, word for word: a key added, renamed or re-explained in the
 * program must be in man/quotepart.1 too. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/text.h"
#include "quotepart/tui.h"

/* Undo the roff escapes the page uses in that section. */
static void unescape(const char *in, struct sbuf *out)
{
	static const struct { const char *roff, *text; } map[] = {
		{ "\\[ua]", "↑" }, { "\\[da]", "↓" }, { "\\[->]", "→" }, { "\\[<-]", "←" }, { "\\-", "-" }, { "\\e", "\\" },
	};
	while (*in) {
		size_t i;
		for (i = 0; i < sizeof map / sizeof map[0]; i++) {
			size_t n = strlen(map[i].roff);
			if (strncmp(in, map[i].roff, n) == 0) {
				sb_add(out, map[i].text);
				in += n;
				break;
			}
		}
		if (i == sizeof map / sizeof map[0])
			sb_addn(out, in++, 1);
	}
}

/* The KEYS section of the page in tui_bindings_write's format:
 * "[Screen]" lines, then "keys<TAB>help" lines. */
static char *keys_from_page(const char *path)
{
	FILE *f = fopen(path, "r");
	cr_assert_not_null(f, "cannot open %s", path);
	struct sbuf out;
	sb_init(&out);
	char line[1024];
	bool in = false, want_keys = false, want_help = false;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, ".SH ", 4) == 0) {
			in = strcmp(line, ".SH KEYS") == 0;
			continue;
		}
		if (!in)
			continue;
		if (strncmp(line, ".SS ", 4) == 0) {
			sb_printf(&out, "[%s]\n", line + 4);
		} else if (strcmp(line, ".TP") == 0) {
			want_keys = true;
		} else if (want_keys && strncmp(line, ".B ", 3) == 0) {
			char *k = line + 3;
			size_t n = strlen(k);
			if (n >= 2 && k[0] == '"' && k[n - 1] == '"') {
				k[n - 1] = '\0';
				k++;
			}
			unescape(k, &out);
			sb_add(&out, "\t");
			want_keys = false;
			want_help = true;
		} else if (want_help) {
			unescape(line, &out);
			sb_add(&out, "\n");
			want_help = false;
		}
	}
	fclose(f);
	return sb_take(&out);
}

Test(man, keys_section_is_the_action_table)
{
	struct sbuf b;
	sb_init(&b);
	tui_bindings_write(&b);
	char *program = sb_take(&b);
	char *page = keys_from_page("man/quotepart.1");
	cr_assert_not_null(program);
	cr_assert_not_null(page);
	cr_assert(strlen(program) > 200, "the action table is nearly empty");
	cr_assert_str_eq(page, program,
	                 "man/quotepart.1's KEYS section differs from the action table (src/tui/actions.c)");
	free(program);
	free(page);
}
