/* test_file.c: files replaced whole (file.h): the new content or the old
 * one, mode 0600, and never a temporary file left behind. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "quotepart/file.h"

static char dir[256];
#define PATHSZ 520   /* dir, a slash and a name */

static void make_dir(void)
{
	const char *t = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/qp-file-XXXXXX", t && *t ? t : "/tmp");
	cr_assert_not_null(mkdtemp(dir));
}

static void remove_dir(void)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char p[PATHSZ];
	while (d && (de = readdir(d))) {
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
			snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
			unlink(p);
			rmdir(p);
		}
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

TestSuite(file, .init = make_dir, .fini = remove_dir);

static void path_of(const char *name, char *buf, size_t size)
{
	snprintf(buf, size, "%s/%s", dir, name);
}

/* The names in dir, sorted, separated by spaces. */
static void listing(char *buf, size_t size)
{
	struct dirent **v;
	int n = scandir(dir, &v, NULL, alphasort);
	cr_assert(n >= 0);
	buf[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (v[i]->d_name[0] != '.') {
			strncat(buf, v[i]->d_name, size - strlen(buf) - 2);
			strcat(buf, " ");
		}
		free(v[i]);
	}
	free(v);
}

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs(text, f);
	cr_assert_eq(fclose(f), 0);
}

static void expect_content(const char *path, const char *text)
{
	char buf[256] = "";
	FILE *f = fopen(path, "r");
	cr_assert_not_null(f, "%s: %s", path, strerror(errno));
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	cr_assert_str_eq(buf, text);
}

Test(file, write_atomic_replaces_the_file_whole)
{
	int err_no;
	char p[PATHSZ], names[256];
	path_of("out.csv", p, sizeof p);
	put(p, "an old export, longer than the new one\n");
	chmod(p, 0644);
	cr_assert_eq(file_write_atomic(p, "new\n", 4, &err_no), ST_OK);
	cr_assert_eq(err_no, 0);
	expect_content(p, "new\n");
	struct stat sb;
	cr_assert_eq(stat(p, &sb), 0);
	cr_assert_eq(sb.st_mode & 07777, 0600);
	listing(names, sizeof names);
	cr_assert_str_eq(names, "out.csv ");
}

Test(file, write_atomic_creates_a_new_file)
{
	int err_no;
	char p[PATHSZ];
	path_of("new.txt", p, sizeof p);
	cr_assert_eq(file_write_atomic(p, "", 0, &err_no), ST_OK);
	expect_content(p, "");
}

Test(file, a_failed_rename_removes_the_temporary_file)
{
	int err_no;
	char p[PATHSZ], inside[PATHSZ], names[256];
	path_of("folder", p, sizeof p);
	cr_assert_eq(mkdir(p, 0700), 0);
	path_of("folder/kept", inside, sizeof inside);
	put(inside, "x");
	/* A folder that is not empty cannot be replaced by a file. */
	cr_assert_eq(file_write_atomic(p, "data", 4, &err_no), ST_IO);
	cr_assert_neq(err_no, 0);
	listing(names, sizeof names);
	cr_assert_str_eq(names, "folder ");
	unlink(inside);
}

Test(file, no_folder_no_file)
{
	int err_no;
	char p[PATHSZ];
	path_of("missing/out.csv", p, sizeof p);
	cr_assert_eq(file_write_atomic(p, "data", 4, &err_no), ST_IO);
	cr_assert_eq(err_no, ENOENT);
}

struct fill {
	int calls;
	int result;
	const char *text;
	mode_t mode;      /* the temporary file's, as the writer found it */
	off_t size;
};

static int fill_by_name(const char *tmp, void *ctx)
{
	struct fill *f = ctx;
	struct stat sb;
	f->calls++;
	cr_assert_eq(stat(tmp, &sb), 0);
	f->mode = sb.st_mode & 07777;
	f->size = sb.st_size;
	if (f->text)
		put(tmp, f->text);
	return f->result;
}

Test(file, replace_gives_the_writer_an_empty_private_file)
{
	int err_no;
	char p[PATHSZ], names[256];
	path_of("book.xlsx", p, sizeof p);
	put(p, "the old workbook");
	struct fill f = { 0, 0, "the new workbook", 0, -1 };
	cr_assert_eq(file_replace(p, fill_by_name, &f, &err_no), ST_OK);
	cr_assert_eq(f.calls, 1);
	cr_assert_eq(f.mode, 0600);
	cr_assert_eq(f.size, 0);
	expect_content(p, "the new workbook");
	listing(names, sizeof names);
	cr_assert_str_eq(names, "book.xlsx ");
}

Test(file, a_failed_writer_leaves_the_old_file_and_no_temporary)
{
	int err_no;
	char p[PATHSZ], names[256];
	path_of("backup.db", p, sizeof p);
	put(p, "yesterday's backup");
	struct fill f = { 0, ENOSPC, "half a back", 0, -1 };
	cr_assert_eq(file_replace(p, fill_by_name, &f, &err_no), ST_FULL);
	cr_assert_eq(err_no, ENOSPC);
	expect_content(p, "yesterday's backup");
	listing(names, sizeof names);
	cr_assert_str_eq(names, "backup.db ");
}

Test(file, write_all_writes_everything)
{
	char p[PATHSZ];
	path_of("all", p, sizeof p);
	FILE *f = fopen(p, "w");
	cr_assert_not_null(f);
	cr_assert_eq(file_write_all(fileno(f), "abc", 3), 0);
	fclose(f);
	expect_content(p, "abc");
	cr_assert_eq(file_write_all(-1, "abc", 3), EBADF);
}
