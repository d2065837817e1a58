/* file.c: a file replaced whole: a temporary file beside it, synced, then
 * renamed over it (file.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "quotepart/file.h"

int file_write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* What the new content is: bytes, or a writer by name. */
struct content {
	const char *data;
	size_t len;
	file_fill_fn fill;
	void *ctx;
};

/* Fill the open temporary file fd (named tmp), sync and close it. */
static int fill_sync(int fd, const char *tmp, const struct content *c)
{
	int saved = 0;
	if (c->fill) {
		/* The writer opens the file itself: it is synced by its name,
		 * whatever the writer did with it, once the writer is done. */
		if (close(fd) != 0)
			return errno;
		saved = c->fill(tmp, c->ctx);
		if (saved)
			return saved;
		if ((fd = open(tmp, O_RDONLY | O_CLOEXEC)) < 0)
			return errno;
	} else {
		saved = file_write_all(fd, c->data, c->len);
	}
	if (!saved && fsync(fd) != 0)
		saved = errno;
	if (close(fd) != 0 && !saved)
		saved = errno;
	return saved;
}

static int replace(const char *path, const struct content *c)
{
	size_t n = strlen(path) + sizeof ".tmpXXXXXX";
	char *tmp = malloc(n);
	if (!tmp)
		return ENOMEM;
	snprintf(tmp, n, "%s.tmpXXXXXX", path);
	/* mkstemp creates the file 0600 whatever the umask. */
	int fd = mkstemp(tmp);
	if (fd < 0) {
		int saved = errno;
		free(tmp);
		return saved;
	}
	int saved = fill_sync(fd, tmp, c);
	if (!saved && rename(tmp, path) != 0)
		saved = errno;
	if (saved)
		unlink(tmp);
	free(tmp);
	return saved;
}

static enum status status_of(int err_no)
{
	return !err_no ? ST_OK : err_no == ENOMEM ? ST_NOMEM : err_no == ENOSPC ? ST_FULL : ST_IO;
}

enum status file_replace(const char *path, file_fill_fn fill, void *ctx, int *err_no)
{
	struct content c = { NULL, 0, fill, ctx };
	*err_no = replace(path, &c);
	return status_of(*err_no);
}

enum status file_write_atomic(const char *path, const void *data, size_t len, int *err_no)
{
	struct content c = { data, len, NULL, NULL };
	*err_no = replace(path, &c);
	return status_of(*err_no);
}
