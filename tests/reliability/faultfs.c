/* faultfs.c: an LD_PRELOAD shim that makes writes and syncs fail, to see
 * what the program does when the disk fills up or fails: the Nth write,
 * pwrite, writev, ftruncate, fsync or fdatasync to a file under a given
 * path returns ENOSPC or EIO. Environment:
 *   QP_FAULT_PATH   only files whose path starts with this are touched
 *   QP_FAULT_AT     the Nth such call fails (1-based); 0 or unset: none
 *   QP_FAULT_ERRNO  ENOSPC (default) or EIO
 *   QP_FAULT_ONCE   1: only that call fails; else every later one too
 *                   (a full disk stays full)
 *   QP_FAULT_SHORT  1: the failing write first writes half its bytes
 *   QP_FAULT_LOG    append "calls C failed F first CALL PATH" at exit
 * Built without sanitizers, as a shared object (see mk/reliability.mk). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static const char *prefix;
static size_t prefix_len;
static long fail_at;
static int fail_errno = ENOSPC;
static int once;
static int short_write;
static long calls;
static long failed;
static char first_call[16];
static char first_path[512];

__attribute__((constructor)) static void faultfs_init(void)
{
	const char *v;
	prefix = getenv("QP_FAULT_PATH");
	prefix_len = prefix ? strlen(prefix) : 0;
	if ((v = getenv("QP_FAULT_AT")))
		fail_at = strtol(v, NULL, 10);
	if ((v = getenv("QP_FAULT_ERRNO")) && strcmp(v, "EIO") == 0)
		fail_errno = EIO;
	once = (v = getenv("QP_FAULT_ONCE")) && strcmp(v, "1") == 0;
	short_write = (v = getenv("QP_FAULT_SHORT")) && strcmp(v, "1") == 0;
}

static ssize_t (*real_write)(int, const void *, size_t);

static ssize_t raw_write(int fd, const void *buf, size_t n)
{
	if (!real_write)
		real_write = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
	return real_write(fd, buf, n);
}

__attribute__((destructor)) static void faultfs_fini(void)
{
	const char *log = getenv("QP_FAULT_LOG");
	if (!log || !*log)
		return;
	int fd = open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return;
	char line[700];
	int n = snprintf(line, sizeof line, "calls %ld failed %ld first %s %s\n", calls, failed,
	                 failed ? first_call : "-", failed ? first_path : "-");
	if (n > 0)
		raw_write(fd, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
	close(fd);
}

/* Whether fd is a file under the prefix. */
static int watched(int fd, char *path, size_t size)
{
	if (!prefix_len)
		return 0;
	char link[64];
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, path, size - 1);
	if (n < 0)
		return 0;
	path[n] = '\0';
	return strncmp(path, prefix, prefix_len) == 0;
}

/* Count a call on fd: 1 when it must fail (errno is set), 2 when it is
 * the failing write that first writes half (short mode), else 0. */
static int fault(int fd, const char *what)
{
	char path[512];
	if (!watched(fd, path, sizeof path))
		return 0;
	calls++;
	if (fail_at <= 0 || calls < fail_at || (once && calls > fail_at))
		return 0;
	if (!failed++) {
		snprintf(first_call, sizeof first_call, "%s", what);
		snprintf(first_path, sizeof first_path, "%s", path);
		if (short_write)
			return 2;
	}
	errno = fail_errno;
	return 1;
}

typedef ssize_t (*pwrite_fn)(int, const void *, size_t, off_t);
typedef ssize_t (*pwrite64_fn)(int, const void *, size_t, off64_t);
typedef ssize_t (*writev_fn)(int, const struct iovec *, int);
typedef int (*ftruncate_fn)(int, off_t);
typedef int (*ftruncate64_fn)(int, off64_t);
typedef int (*fsync_fn)(int);
typedef int (*fdatasync_fn)(int);

/* The next definition of `name` (libc's), looked up on first use. */
#define REAL(name) \
	static name##_fn real_##name; \
	if (!real_##name) \
		real_##name = (name##_fn)dlsym(RTLD_NEXT, #name)

ssize_t write(int fd, const void *buf, size_t n)
{
	int f = fault(fd, "write");
	if (f == 1)
		return -1;
	return raw_write(fd, buf, f == 2 && n > 1 ? n / 2 : n);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
	REAL(pwrite);
	int f = fault(fd, "pwrite");
	if (f == 1)
		return -1;
	return real_pwrite(fd, buf, f == 2 && n > 1 ? n / 2 : n, off);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off64_t off)
{
	REAL(pwrite64);
	int f = fault(fd, "pwrite64");
	if (f == 1)
		return -1;
	return real_pwrite64(fd, buf, f == 2 && n > 1 ? n / 2 : n, off);
}

ssize_t writev(int fd, const struct iovec *iov, int cnt)
{
	REAL(writev);
	if (fault(fd, "writev") == 1)
		return -1;
	return real_writev(fd, iov, cnt);
}

int ftruncate(int fd, off_t len)
{
	REAL(ftruncate);
	if (fault(fd, "ftruncate") == 1)
		return -1;
	return real_ftruncate(fd, len);
}

int ftruncate64(int fd, off64_t len)
{
	REAL(ftruncate64);
	if (fault(fd, "ftruncate64") == 1)
		return -1;
	return real_ftruncate64(fd, len);
}

int fsync(int fd)
{
	REAL(fsync);
	if (fault(fd, "fsync") == 1)
		return -1;
	return real_fsync(fd);
}

int fdatasync(int fd)
{
	REAL(fdatasync);
	if (fault(fd, "fdatasync") == 1)
		return -1;
	return real_fdatasync(fd);
}
