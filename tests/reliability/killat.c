/* killat.c: run a command in its own process group and SIGKILL the whole
 * group after a given number of microseconds, the way a crash or a pulled
 * plug ends a writer. Prints "killed" or "exited RC" on stdout. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Whether the child has ended by `deadline`; polled every 200 µs so that
 * an early exit is seen and reported as such, not as a kill. */
static int wait_until(pid_t pid, const struct timespec *deadline, int *status)
{
	for (;;) {
		pid_t r = waitpid(pid, status, WNOHANG);
		if (r == pid)
			return 1;
		if (r < 0 && errno != EINTR)
			return -1;
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec > deadline->tv_sec ||
		    (now.tv_sec == deadline->tv_sec && now.tv_nsec >= deadline->tv_nsec))
			return 0;
		struct timespec nap = { 0, 200000 };
		long left = (deadline->tv_sec - now.tv_sec) * 1000000000L + (deadline->tv_nsec - now.tv_nsec);
		if (left < nap.tv_nsec)
			nap.tv_nsec = left;
		nanosleep(&nap, NULL);
	}
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: killat MICROSECONDS COMMAND [ARG]...\n");
		return 64;
	}
	char *end;
	long long usec = strtoll(argv[1], &end, 10);
	if (*end || usec < 0) {
		fprintf(stderr, "killat: bad delay \"%s\"\n", argv[1]);
		return 64;
	}
	struct timespec deadline;
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	pid_t pid = fork();
	if (pid < 0) {
		perror("killat: fork");
		return 71;
	}
	if (pid == 0) {
		setpgid(0, 0);
		execvp(argv[2], argv + 2);
		perror("killat: exec");
		_exit(127);
	}
	/* Both sides set the group, so that the kill cannot come before it. */
	setpgid(pid, pid);
	deadline.tv_sec += (time_t)(usec / 1000000);
	deadline.tv_nsec += (long)(usec % 1000000) * 1000;
	if (deadline.tv_nsec >= 1000000000L) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000L;
	}
	int status = 0;
	int done = wait_until(pid, &deadline, &status);
	if (done < 0) {
		perror("killat: waitpid");
		return 71;
	}
	if (done) {
		int rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
		printf("exited %d\n", rc);
		return rc;
	}
	kill(-pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	printf("killed\n");
	return 137;
}
