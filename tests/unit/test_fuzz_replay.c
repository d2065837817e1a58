/* test_fuzz_replay.c: every input kept by the fuzzers, the seed corpora
 * (tests/fuzz/corpus/NAME) and the crashes found (tests/fuzz/crashes/NAME),
 * fed again to the harnesses' entry points (tests/fuzz/fuzz_targets.h)
 * without libFuzzer, so that `make check` (and `make asan`) keep them
 * passing. QP_FUZZ_DIR replaces tests/fuzz. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../fuzz/fuzz_targets.h"

typedef int (*fuzz_fn)(const uint8_t *, size_t);

/* Read a whole file; *len its size. NULL when it cannot be read. */
static uint8_t *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct sbuf b;
	sb_init(&b);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		sb_addn(&b, chunk, n);
	bool bad = ferror(f) || b.failed;
	fclose(f);
	if (bad) {
		sb_fini(&b);
		return NULL;
	}
	*len = b.len;
	/* An empty file is an input too. */
	return b.s ? (uint8_t *)b.s : calloc(1, 1);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Feed every regular file of dir to fn, in name order; how many. A
 * missing folder is 0 files (there may be no crash yet). */
static size_t replay_dir(const char *dir, fuzz_fn fn)
{
	DIR *d = opendir(dir);
	if (!d) {
		cr_assert_eq(errno, ENOENT, "%s: %s", dir, strerror(errno));
		return 0;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *ent;
	while ((ent = readdir(d))) {
		if (ent->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			names = realloc(names, cap * sizeof *names);
			cr_assert_not_null(names);
		}
		names[n] = malloc(strlen(dir) + strlen(ent->d_name) + 2);
		cr_assert_not_null(names[n]);
		sprintf(names[n], "%s/%s", dir, ent->d_name);
		n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, by_name);
	size_t done = 0;
	for (size_t i = 0; i < n; i++) {
		struct stat sb;
		if (stat(names[i], &sb) != 0 || !S_ISREG(sb.st_mode)) {
			free(names[i]);
			continue;
		}
		size_t len = 0;
		uint8_t *data = read_all(names[i], &len);
		cr_assert_not_null(data, "cannot read %s", names[i]);
		/* Named first: a crash or a broken property aborts the test. */
		fprintf(stderr, "replay %s (%zu bytes)\n", names[i], len);
		fn(data, len);
		free(data);
		free(names[i]);
		done++;
	}
	free(names);
	return done;
}

/* The corpus and the crashes of one harness; the corpus must not be
 * empty. */
static void replay(const char *name, fuzz_fn fn)
{
	const char *base = getenv("QP_FUZZ_DIR");
	char corpus[512], crashes[512];
	snprintf(corpus, sizeof corpus, "%s/corpus/%s", base && *base ? base : "tests/fuzz", name);
	snprintf(crashes, sizeof crashes, "%s/crashes/%s", base && *base ? base : "tests/fuzz", name);
	size_t a = replay_dir(corpus, fn);
	size_t b = replay_dir(crashes, fn);
	cr_log_info("fuzz %s: %zu corpus inputs and %zu crashes replayed", name, a, b);
	cr_assert_gt(a, 0, "%s: no corpus (run from the top of the tree)", corpus);
}

Test(fuzz_replay, money) { replay("money", fuzz_money); }
Test(fuzz_replay, date) { replay("date", fuzz_date); }
Test(fuzz_replay, csv) { replay("csv", fuzz_csv); }
Test(fuzz_replay, keyfile) { replay("keyfile", fuzz_keyfile); }
Test(fuzz_replay, nir) { replay("nir", fuzz_nir); }

/* The properties can fail: a few inputs that hold and one that would
 * not if the code were wrong are checked directly. */
Test(fuzz_replay, references)
{
	cr_assert(fuzz_ref_nir("1 85 05 78 006 084 91"));
	cr_assert(text_is_nir("1 85 05 78 006 084 91"));
	cr_assert(!fuzz_ref_nir("185057800608490"));
	cr_assert(fuzz_ref_nir("2 69 05 2A 123 456 88"));
	cr_assert(text_is_nir("2 69 05 2a 123 456 88"));
	cr_assert(!fuzz_ref_nir("2 69 05 2B 123 456 88"));
	cr_assert(fuzz_ref_nir("1-85-07-75-123-456-08"));
	cr_assert(fuzz_ref_nir("1_85_07_2A_123_456_65"));
	cr_assert(!fuzz_ref_nir("1-85-07-75-123-456-09"));
	cr_assert(fuzz_ref_rpps("10001234565"));
	cr_assert(!fuzz_ref_rpps("10001234566"));
	cr_assert(fuzz_ref_code("A-1.b_2"));
	cr_assert(!fuzz_ref_code("-A"));
	cr_assert(fuzz_date_valid(2024, 2, 29));
	cr_assert(!fuzz_date_valid(2025, 2, 29));
	cr_assert(!fuzz_date_valid(2100, 2, 29));
}
