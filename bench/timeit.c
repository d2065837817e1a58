/* timeit.c: the wall-time loop of `make bench`: runs a command after a
 * warm-up, a prepare step untimed before each run, and prints the median
 * in milliseconds. No shell between the clock and the command. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void usage(void)
{
	fputs("usage: timeit [-n RUNS] [-w WARMUP] [-p PREPARE] [-i STDIN] -- COMMAND [ARG]...\n"
	      "Prints the median wall time in ms of RUNS runs (5) after WARMUP runs (1).\n"
	      "PREPARE is a shell command run, untimed, before every run; output goes to\n"
	      "/dev/null, stderr is kept. Exits 1 when any run fails.\n", stderr);
	exit(2);
}

/* Run argv once with stdin from `in` (or /dev/null); the wall time in ns,
 * or -1 when it could not run or did not exit 0. */
static long long run_once(char **argv, const char *in)
{
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int fd = open(in ? in : "/dev/null", O_RDONLY);
		int out = open("/dev/null", O_WRONLY);
		if (fd < 0 || out < 0 || dup2(fd, 0) < 0 || dup2(out, 1) < 0)
			_exit(127);
		execvp(argv[0], argv);
		perror(argv[0]);
		_exit(127);
	}
	int st;
	if (waitpid(pid, &st, 0) < 0)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return -1;
	return (long long)(t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec);
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	int runs = 5, warmup = 1, opt;
	const char *prep = NULL, *in = NULL;
	while ((opt = getopt(argc, argv, "+n:w:p:i:")) != -1) {
		switch (opt) {
		case 'n': runs = atoi(optarg); break;
		case 'w': warmup = atoi(optarg); break;
		case 'p': prep = optarg; break;
		case 'i': in = optarg; break;
		default: usage();
		}
	}
	if (optind >= argc || runs < 1 || warmup < 0)
		usage();
	long long *t = calloc((size_t)runs, sizeof *t);
	if (!t)
		return 1;
	for (int i = 0; i < warmup + runs; i++) {
		if (prep && system(prep) != 0) {
			fprintf(stderr, "timeit: prepare failed: %s\n", prep);
			free(t);
			return 1;
		}
		long long ns = run_once(argv + optind, in);
		if (ns < 0) {
			fprintf(stderr, "timeit: %s failed\n", argv[optind]);
			free(t);
			return 1;
		}
		if (i >= warmup)
			t[i - warmup] = ns;
	}
	qsort(t, (size_t)runs, sizeof *t, cmp_ll);
	long long med = runs % 2 ? t[runs / 2] : (t[runs / 2 - 1] + t[runs / 2]) / 2;
	printf("%lld.%02lld\n", med / 1000000, med / 10000 % 100);
	free(t);
	return 0;
}
