/* support.h: what the Criterion tests share: a private folder for each
 * test, with no user configuration in reach, so the built-in default is
 * what app_open loads. Header-only: each test file is its own program. */
#ifndef QUOTEPART_TEST_SUPPORT_H
#define QUOTEPART_TEST_SUPPORT_H

#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "quotepart/text.h"

/* The current test's folder (owned; set by support_setup). */
static char *tmpdir;

/* Create /tmp/qp-test-NAME.XXXXXX and point XDG_CONFIG_HOME at it. */
static inline void support_setup(const char *name)
{
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, "/tmp/qp-test-%s.XXXXXX", name);
	tmpdir = sb_take(&b);
	cr_assert_not_null(tmpdir);
	cr_assert_not_null(mkdtemp(tmpdir));
	setenv("XDG_CONFIG_HOME", tmpdir, 1);
	unsetenv("QUOTEPART_CONFIG");
}

/* A new string: the folder's path joined with name. */
static inline char *support_path(const char *name)
{
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, "%s/%s", tmpdir, name);
	return sb_take(&b);
}

/* Remove the folder and the files in it. */
static inline void support_teardown(void)
{
	DIR *d = opendir(tmpdir);
	if (d) {
		struct dirent *de;
		while ((de = readdir(d))) {
			if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
				continue;
			char *p = support_path(de->d_name);
			if (p)
				unlink(p);
			free(p);
		}
		closedir(d);
	}
	rmdir(tmpdir);
	free(tmpdir);
	tmpdir = NULL;
}

#endif
