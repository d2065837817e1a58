/* dbfile.c: what a file is to SQLite, read from its bytes and its locks
 * without opening it as a database (an open could start a recovery, or
 * create a -wal beside it): for the callers that must never write over a
 * database (app_write_file, app_backup). */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db_internal.h"

const char *const db_side_suffixes[] = { "-wal", "-shm", "-journal", NULL };

/* The first n bytes of the regular file at path (links followed); false
 * when it is not one, cannot be read or is shorter. */
static bool head_bytes(const char *path, unsigned char *buf, size_t n)
{
	struct stat sb;
	if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode) || (size_t)sb.st_size < n)
		return false;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return false;
	ssize_t got = pread(fd, buf, n, 0);
	close(fd);
	return got == (ssize_t)n;
}

enum db_file_kind db_file_kind(const char *path)
{
	/* The magic numbers of SQLite's file format (fileformat2.html): the
	 * database header, the WAL header (big-endian 0x377f0682 or
	 * 0x377f0683) and the rollback journal header. */
	static const unsigned char journal[8] = { 0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7 };
	unsigned char b[16];
	if (head_bytes(path, b, 16) && memcmp(b, "SQLite format 3", 16) == 0)
		return DB_FILE_DATABASE;
	if (head_bytes(path, b, 4) && b[0] == 0x37 && b[1] == 0x7f && b[2] == 0x06 &&
	    (b[3] == 0x82 || b[3] == 0x83))
		return DB_FILE_WAL;
	if (head_bytes(path, b, 8) && memcmp(b, journal, 8) == 0)
		return DB_FILE_JOURNAL;
	return DB_FILE_OTHER;
}

bool db_file_is_ours(const char *path)
{
	/* PRAGMA application_id is the header's big-endian word at 68. */
	unsigned char b[72];
	if (!head_bytes(path, b, sizeof b) || memcmp(b, "SQLite format 3", 16) != 0)
		return false;
	uint32_t id = (uint32_t)b[68] << 24 | (uint32_t)b[69] << 16 | (uint32_t)b[70] << 8 | b[71];
	return id == DB_APPLICATION_ID;
}

bool db_file_in_use(const char *path)
{
	/* SQLite's unix locks are POSIX byte-range locks on the database
	 * file's lock-byte page: PENDING at 1 GiB, RESERVED after it, the
	 * SHARED range of 510 bytes after that. A connection to a WAL
	 * database keeps a SHARED lock for as long as it is open; one in
	 * rollback mode while it reads or writes. Asking whether a write lock
	 * over the range could be had takes no lock and changes nothing. Our
	 * own process's locks are not seen: the caller has already refused
	 * the database it has open. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return false;
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0x40000000, .l_len = 512 };
	bool used = fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK;
	close(fd);
	return used;
}
