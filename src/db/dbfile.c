/* dbfile.c: what a file is to SQLite, read from its bytes and its locks
 * without opening it as a database (an open could start a recovery, or
 * create a -wal beside it): for the callers that must never write over a
 * database (app_write_file, app_backup). */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "quotepart/array.h"

#include "db_internal.h"

const char *const db_side_suffixes[] = { "-wal", "-shm", "-journal", NULL };

/* The database files this process has open (db_open to db_close), by
 * device and inode, with a count per file. Closing any descriptor of a
 * file drops every POSIX lock the process holds on it, SQLite's too:
 * such a file must never be opened by anything but SQLite. */
static struct held {
	dev_t dev;
	ino_t ino;
	int count;
} *held;
static size_t n_held, cap_held;

static struct held *find_held(dev_t dev, ino_t ino)
{
	for (size_t i = 0; i < n_held; i++)
		if (held[i].dev == dev && held[i].ino == ino && held[i].count > 0)
			return &held[i];
	return NULL;
}

bool db_file_held(const struct stat *sb)
{
	return find_held(sb->st_dev, sb->st_ino) != NULL;
}

bool db_file_hold(const struct stat *sb)
{
	struct held *h = find_held(sb->st_dev, sb->st_ino);
	if (!h) {
		if (!array_grow(&held, &cap_held, n_held + 1, sizeof *held))
			return false;
		h = &held[n_held++];
		*h = (struct held){ .dev = sb->st_dev, .ino = sb->st_ino };
	}
	h->count++;
	return true;
}

void db_file_release(dev_t dev, ino_t ino)
{
	struct held *h = find_held(dev, ino);
	if (h && --h->count == 0)
		*h = held[--n_held];
	if (n_held == 0) {
		free(held);
		held = NULL;
		cap_held = 0;
	}
}

/* Whether path is a database this process has open: then it is one of
 * ours, in use, and must not be opened here. */
static bool held_here(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && db_file_held(&sb);
}

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
	if (held_here(path))
		return DB_FILE_DATABASE;
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
	if (held_here(path))
		return true;
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
	 * own process's locks are not seen, and opening a database we hold
	 * would drop them: that one is in use, by us. */
	if (held_here(path))
		return true;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return false;
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0x40000000, .l_len = 512 };
	bool used = fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK;
	close(fd);
	return used;
}
