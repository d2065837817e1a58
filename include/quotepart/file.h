/* file.h: files replaced whole or not at all: written to a temporary file
 * in the destination's folder, synced, then renamed over it (htop's
 * Settings_write), so that a reader, a crash or a full disk never sees
 * half a file. The exports, the XLSX workbook and the backups go through
 * here.
 *
 * The functions return a status and the errno value that says why, and
 * never print: the caller words the failure (its file, its verb). */
#ifndef QUOTEPART_FILE_H
#define QUOTEPART_FILE_H

#include <stddef.h>

#include "quotepart/status.h"

/* Writes the temporary file named tmp (it exists, empty, 0600) by its
 * name, as libxlsxwriter and SQLite's backup do; ctx is the caller's.
 * Returns 0, or an errno value (EIO when the reason is the writer's own:
 * the caller keeps it in ctx). */
typedef int (*file_fill_fn)(const char *tmp, void *ctx);

/* Replace path with what fill writes: "PATH.tmpXXXXXX" created 0600
 * whatever the umask, filled, synced, renamed over path, so that path
 * holds the old file or the new one, whole, with mode 0600. On any
 * failure the temporary file is removed and path is untouched. ST_OK
 * (*err_no 0); ST_NOMEM; else ST_FULL (ENOSPC) or ST_IO with *err_no set
 * to fill's value or to the errno of the step that failed. path names a
 * regular file or nothing: the caller resolves links and refuses what
 * must not be replaced. */
enum status file_replace(const char *path, file_fill_fn fill, void *ctx, int *err_no);

/* Write the len bytes at data to fd, again after EINTR and short
 * writes: 0 or the errno of the write that failed. */
int file_write_all(int fd, const void *data, size_t len);

/* file_replace with the len bytes at data as the new content. */
enum status file_write_atomic(const char *path, const void *data, size_t len, int *err_no);

#endif
