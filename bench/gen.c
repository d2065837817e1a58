/* gen.c: writes a fictitious practice of a given size as the CSV files
 * `quotepart import` reads, plus a three-pool key file, for `make bench`.
 * Deterministic: the same size and seed give the same bytes. */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One size of practice. Receipts cover `years` calendar years ending with
 * LAST_YEAR; activities all fall in LAST_YEAR, the year the benchmark
 * distributes. */
struct size {
	const char *name;
	int members;
	int patients;
	int years;
	int receipts_per_year;
	int activities;
};

static const struct size sizes[] = {
	{ "small", 10, 2000, 1, 8, 1500 },
	{ "large", 150, 60000, 10, 8, 20000 },
	{ "x10", 1500, 600000, 10, 80, 200000 },
};

enum { LAST_YEAR = 2025 };

/* splitmix64: tiny, good enough, and the same on every machine. */
static uint64_t rng_state;

static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += UINT64_C(0x9E3779B97F4A7C15));
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

/* Uniform in [0, n), n > 0; the modulo bias is irrelevant here. */
static int rng_below(int n)
{
	return (int)(rng_next() % (uint64_t)n);
}

/* Days are counted from 1970-01-01 so any two dates can be subtracted;
 * civil_from_days / days_from_civil after H. Hinnant's algorithms. */
static int32_t days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int32_t z, int *y, int *m, int *d)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

static void put_date(FILE *f, int32_t day)
{
	int y, m, d;
	civil_from_days(day, &y, &m, &d);
	fprintf(f, "%04d-%02d-%02d", y, m, d);
}

static void die(const char *what, const char *path)
{
	fprintf(stderr, "gen: %s %s: %s\n", what, path, strerror(errno));
	exit(1);
}

static FILE *open_out(const char *dir, const char *name)
{
	size_t len = strlen(dir) + strlen(name) + 2;
	char *path = malloc(len);
	if (!path) {
		fputs("gen: out of memory\n", stderr);
		exit(1);
	}
	snprintf(path, len, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f)
		die("cannot write", path);
	free(path);
	return f;
}

static void close_out(FILE *f, const char *name)
{
	if (ferror(f) || fclose(f) != 0)
		die("error writing", name);
}

/* A quarter and more of the team are GPs, at least two: they hold the
 * patients. */
static int gp_count(int n)
{
	return n * 27 / 100 < 2 ? 2 : n * 27 / 100;
}

/* The team: GPs first, then other professions, then the salaried staff.
 * Most joined before the ten years; some joined or left during the last
 * year so that presence prorata is exercised. */
struct member_plan {
	const char *profession;
	const char *status;
};

static struct member_plan plan_member(int i, int n)
{
	static const char *const others[] = {
		"nurse", "physio", "speech-therapist", "podiatrist", "dietitian",
		"psychologist", "midwife", "pharmacist", "orthoptist", "dentist",
	};
	static const char *const staff[] = { "coordinator", "secretary", "medical-assistant", "receptionist" };
	int gps = gp_count(n);
	int salaried = n * 13 / 100 < 1 ? 1 : n * 13 / 100;
	if (i < gps)
		return (struct member_plan){ "gp", "associate" };
	if (i >= n - salaried)
		return (struct member_plan){ staff[(i - (n - salaried)) % 4], "salaried" };
	/* One in ten of the others is an external, not an associate. */
	return (struct member_plan){ others[(i - gps) % 10], (i % 10 == 7) ? "external" : "associate" };
}

/* Each member's dates, kept for the patients and activities written
 * after: a patient is enrolled with a GP for a time they share, and hours
 * fall on days their member is a member (the import checks both). */
#define MAX_MEMBERS 4096
static int32_t member_joined[MAX_MEMBERS], member_left[MAX_MEMBERS];

static void write_members(const char *dir, const struct size *sz)
{
	FILE *f = open_out(dir, "members.csv");
	fputs("code,name,profession,status,joined,left,fte,rpps\n", f);
	int32_t first = days_from_civil(LAST_YEAR - sz->years + 1, 1, 1);
	int32_t last = days_from_civil(LAST_YEAR, 1, 1);
	for (int i = 0; i < sz->members; i++) {
		struct member_plan p = plan_member(i, sz->members);
		int32_t joined = first - 365 - rng_below(3650);
		int32_t left = -1;
		int r = rng_below(20);
		if (r == 0)   /* joined during the last year: prorata */
			joined = last + rng_below(330);
		else if (r == 1)   /* left during the last year */
			left = last + 30 + rng_below(300);
		if (i < MAX_MEMBERS) {
			member_joined[i] = joined;
			member_left[i] = left;
		}
		static const char *const ftes[] = { "1.00", "0.80", "0.50", "1.00" };
		fprintf(f, "M%05d,Member %d,%s,%s,", i + 1, i + 1, p.profession, p.status);
		put_date(f, joined);
		fputc(',', f);
		if (left >= 0)
			put_date(f, left);
		fprintf(f, ",%s,\n", ftes[rng_below(4)]);
	}
	close_out(f, "members.csv");
}

/* Patients enrolled over fifteen years, one in five gone since; each with
 * one of the GPs as médecin traitant. */
static void write_patients(const char *dir, const struct size *sz)
{
	static const char *const alds[] = { "diabetes", "cardio", "diabetes|cardio", "cancer", "neuro" };
	FILE *f = open_out(dir, "patients.csv");
	fputs("code,gp,enrolled,left,birth_year,sex,ald,c2s\n", f);
	int gps = gp_count(sz->members);
	int32_t from = days_from_civil(LAST_YEAR - 15, 1, 1);
	int32_t to = days_from_civil(LAST_YEAR, 12, 31);
	for (int i = 0; i < sz->patients; i++) {
		int32_t enrolled = from + rng_below(to - from + 1);
		int gp = rng_below(gps);
		/* Enrolled while the GP is a member, or before they joined and
		 * still enrolled then. */
		int32_t gp_left = member_left[gp];
		if (gp_left >= 0 && enrolled > gp_left)
			enrolled = from + (enrolled - from) % (gp_left - from + 1);
		int32_t left = -1;
		if (rng_below(5) == 0 && enrolled < to)
			left = enrolled + 1 + rng_below(to - enrolled);
		if (left >= 0 && left < member_joined[gp])
			left = -1;
		fprintf(f, "P%07d,M%05d,", i + 1, gp + 1);
		put_date(f, enrolled);
		fputc(',', f);
		if (left >= 0)
			put_date(f, left);
		fprintf(f, ",%d,%c,%s,%d\n", 1930 + rng_below(95), rng_below(2) ? 'F' : 'M',
		        rng_below(6) == 0 ? alds[rng_below(5)] : "", rng_below(8) == 0);
	}
	close_out(f, "patients.csv");
}

/* Receipts: each year, the same pattern of sources repeated
 * receipts_per_year / 8 times (references stay unique). */
static void write_receipts(const char *dir, const struct size *sz)
{
	static const struct {
		const char *source, *kind;
		int month;
	} pattern[8] = {
		{ "PEPS", "quarterly", 2 }, { "ACI", "advance", 4 }, { "PEPS", "quarterly", 5 },
		{ "IPEP", "incentive", 6 }, { "PEPS", "quarterly", 8 }, { "FIR", "grant", 9 },
		{ "PEPS", "quarterly", 11 }, { "ACI", "balance", 12 },
	};
	FILE *f = open_out(dir, "receipts.csv");
	fputs("source,kind,exercise,period_start,period_end,received,amount,reference,note\n", f);
	for (int y = LAST_YEAR - sz->years + 1; y <= LAST_YEAR; y++) {
		for (int i = 0; i < sz->receipts_per_year; i++) {
			int k = i % 8, rep = i / 8;
			int64_t cents = 500000 + (int64_t)rng_below(5000000);
			fprintf(f, "%s,%s,%d,%d-01-01,%d-12-31,%d-%02d-%02d,%" PRId64 ".%02d,R%d-%04d,Receipt %d of %d\n",
			        pattern[k].source, pattern[k].kind, y, y, y, y, pattern[k].month,
			        1 + rep % 28, cents / 100, (int)(cents % 100), y, i + 1, i + 1, y);
		}
	}
	close_out(f, "receipts.csv");
}

/* A year of activity entries, spread over the members still present. */
static void write_activities(const char *dir, const struct size *sz)
{
	static const char *const kinds[] = { "RCP", "protocol", "coordination", "meeting", "training", "mission" };
	static const char *const hours[] = { "0.50", "1.00", "1.50", "2.00", "3.00", "0.75" };
	FILE *f = open_out(dir, "activities.csv");
	fputs("member,date,kind,hours,note\n", f);
	int32_t first = days_from_civil(LAST_YEAR, 1, 1);
	for (int i = 0; i < sz->activities; i++) {
		int m = rng_below(sz->members);
		int32_t day = first + rng_below(365);
		if (m < MAX_MEMBERS && day < member_joined[m])
			day = member_joined[m];
		if (m < MAX_MEMBERS && member_left[m] >= 0 && day > member_left[m])
			day = member_left[m];
		fprintf(f, "M%05d,", m + 1);
		put_date(f, day);
		fprintf(f, ",%s,%s,%s\n", kinds[rng_below(6)], hours[rng_below(6)],
		        rng_below(4) == 0 ? "Entry" : "");
	}
	close_out(f, "activities.csv");
}

/* The key the benchmark distributes with: the three bases that read the
 * most data (equal with presence, patients averaged, hours by kind). */
static void write_key(const char *dir)
{
	FILE *f = open_out(dir, "bench-key.cfg");
	fputs("# Written by bench/gen: three pools, for `make bench`.\n"
	      "key:\n{\n"
	      "  name = \"Bench\";\n"
	      "  description = \"Equal, patients (average) and hours\";\n"
	      "  reservations = (\n"
	      "    { label = \"Operating costs\"; account = \"operating\"; rate = 5.0; }\n"
	      "  );\n"
	      "  pools = (\n"
	      "    { label = \"Equal share\"; rate = 30.0; basis = \"equal\"; prorata = true;\n"
	      "      statuses = [ \"associate\" ]; },\n"
	      "    { label = \"Enrolled patients\"; rate = 40.0; basis = \"patients\"; at = \"average\";\n"
	      "      professions = [ \"gp\" ]; },\n"
	      "    { label = \"Involvement\"; rate = 30.0; basis = \"hours\";\n"
	      "      statuses = [ \"associate\" ];\n"
	      "      kinds = [ \"RCP\", \"protocol\", \"coordination\" ];\n"
	      "      rates = { gp = 80.0; specialist = 80.0; midwife = 80.0; dentist = 80.0;\n"
	      "        nurse = 50.0; physio = 50.0; speech-therapist = 50.0; orthoptist = 50.0;\n"
	      "        podiatrist = 50.0; dietitian = 50.0; psychologist = 50.0; pharmacist = 50.0; };\n"
	      "    }\n"
	      "  );\n"
	      "};\n", f);
	close_out(f, "bench-key.cfg");
}

static void usage(void)
{
	fputs("usage: gen SIZE DIR [SEED]\n"
	      "SIZE: small (10 members, 2,000 patients, 1 year), large (150, 60,000, 10 years),\n"
	      "      x10 (1,500, 600,000, 10 years with ten times the receipts)\n"
	      "Writes DIR/members.csv, patients.csv, receipts.csv, activities.csv, bench-key.cfg.\n", stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	if (argc < 3 || argc > 4)
		usage();
	const struct size *sz = NULL;
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
		if (strcmp(sizes[i].name, argv[1]) == 0)
			sz = &sizes[i];
	if (!sz)
		usage();
	uint64_t seed = argc == 4 ? strtoull(argv[3], NULL, 10) : 20251231;
	/* Each file gets its own stream so changing one file's generator
	 * leaves the others' bytes alone. */
	rng_state = seed * 4 + 0;
	write_members(argv[2], sz);
	rng_state = seed * 4 + 1;
	write_patients(argv[2], sz);
	rng_state = seed * 4 + 2;
	write_receipts(argv[2], sz);
	rng_state = seed * 4 + 3;
	write_activities(argv[2], sz);
	write_key(argv[2]);
	return 0;
}
