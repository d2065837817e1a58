/* demo.c: a fictitious practice, the "Maison de santé des Tilleuls", with a
 * year (2025) of realistic data to try quotepart on. Fully deterministic:
 * a fixed-seed PRNG and fixed dates, never the clock, so two runs match. */
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_internal.h"
#include "quotepart/date.h"
#include "quotepart/i18n.h"

#define DEMO_NAME "Maison de santé des Tilleuls"
#define DEMO_YEAR 2025
/* "Tilleuls" in ASCII: any fixed value would do. */
#define DEMO_SEED UINT64_C(0x54696c6c65756c73)

/* ------------------------------------------------------------------ */
/* PRNG: splitmix64. Every draw happens in a fixed order, so the data
 * depends on nothing but this file. */

struct rng {
	uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* Uniform in [lo, hi]. The modulo bias (< 2^-40 for our ranges) does not
 * matter for made-up data. */
static int64_t rng_range(struct rng *r, int64_t lo, int64_t hi)
{
	uint64_t span = (uint64_t)(hi - lo) + 1;
	return lo + (int64_t)(rng_next(r) % span);
}

/* True with probability permille / 1000. */
static bool rng_chance(struct rng *r, int permille)
{
	return rng_range(r, 0, 999) < permille;
}

/* ------------------------------------------------------------------ */
/* Dates. */

/* A date written in this file. An impossible one gives DATE_NONE, which
 * the database refuses where a date is required; tests/app/test_demo.c
 * pins the optional ones (members' left dates, open fundings). */
static int32_t ymd(int y, int m, int d)
{
	int32_t v;
	if (date_make(y, m, d, &v) != ST_OK)
		return DATE_NONE;
	return v;
}

/* 0 = Monday ... 6 = Sunday; day 0 (1970-01-01) was a Thursday. */
static int weekday(int32_t d)
{
	return (int)(((int64_t)d % 7 + 7 + 3) % 7);
}

/* The first given weekday of a month. */
static int32_t first_weekday(int y, int m, int wd)
{
	int32_t d = ymd(y, m, 1);
	while (weekday(d) != wd)
		d++;
	return d;
}

/* ------------------------------------------------------------------ */
/* The team. Codes are short and readable; only GPs have patients. */

enum { MON = 0, TUE = 1, THU = 3, FRI = 4 };

struct demo_member {
	char *code;
	char *name;
	char *profession;
	char *status;
	int jy, jm, jd;      /* joined */
	int ly, lm, ld;      /* left; 0 when still there */
	int32_t fte;         /* hundredths */
	bool rpps;           /* a registered health professional */
	int patients;        /* GPs: patients on their list */
};

static const struct demo_member team[] = {
	{ "MARTIN",   "Élise Martin",     "gp", "associate", 2011, 9, 1, 0, 0, 0, 100, true, 1562 },
	{ "NGUYEN",   "Thi-Hoa Nguyen",   "gp", "associate", 2016, 3, 1, 0, 0, 0, 80, true, 1087 },
	{ "LECLERC",  "François Leclerc", "gp", "associate", 2011, 9, 1, 0, 0, 0, 100, true, 1349 },
	{ "DUBOIS",   "Anaïs Dubois",     "gp", "associate", 2019, 11, 4, 0, 0, 0, 80, true, 1002 },
	{ "ROUSSEL",  "Camille Roussel",  "nurse", "associate", 2012, 5, 2, 0, 0, 0, 100, true, 0 },
	{ "BENALI",   "Karim Benali",     "nurse", "associate", 2017, 2, 1, 0, 0, 0, 100, true, 0 },
	{ "FAURE",    "Léa Faure",        "nurse", "associate", 2025, 7, 1, 0, 0, 0, 80, true, 0 },
	{ "MOREAU",   "Julien Moreau",    "physio", "associate", 2014, 10, 1, 0, 0, 0, 100, true, 0 },
	{ "GIRARD",   "Chloé Girard",     "speech-therapist", "associate", 2018, 9, 3, 0, 0, 0, 50, true, 0 },
	{ "LEFEBVRE", "Marion Lefebvre",  "midwife", "associate", 2020, 1, 6, 0, 0, 0, 80, true, 0 },
	{ "ROCHE",    "Mathieu Roche",    "psychologist", "associate", 2021, 4, 1, 2025, 9, 30, 50, true, 0 },
	{ "PETIT",    "Hélène Petit",     "pharmacist", "external", 2015, 6, 1, 0, 0, 0, 100, true, 0 },
	{ "CHARPENTIER", "Inès Charpentier", "dietitian", "external", 2022, 2, 1, 0, 0, 0, 50, false, 0 },
	{ "BERNARD",  "Sophie Bernard",   "coordinator", "salaried", 2019, 1, 7, 0, 0, 0, 80, false, 0 },
	{ "GARNIER",  "Nadia Garnier",    "secretary", "salaried", 2011, 9, 1, 0, 0, 0, 100, false, 0 },
	{ "LAMBERT",  "Yanis Lambert",    "medical-assistant", "salaried", 2023, 3, 1, 0, 0, 0, 100, false, 0 },
};
#define N_TEAM (sizeof team / sizeof team[0])

/* The team's dates, resolved once. */
struct span {
	int32_t joined, left;
};

static bool present(const struct span *s, int32_t d)
{
	return d >= s->joined && (s->left == DATE_NONE || d <= s->left);
}

static int team_index(const char *code)
{
	for (size_t i = 0; i < N_TEAM; i++)
		if (strcmp(team[i].code, code) == 0)
			return (int)i;
	return -1;
}

/* What was written, for the audit entry (and nothing else). */
struct tally {
	size_t members, posts, fundings, patients, activities, receipts;
	int64_t hours, cents;
};

struct ctx {
	struct db *db;
	const struct config *cfg;
	struct rng rng;
	struct span spans[N_TEAM];
	struct tally n;
	struct err *e;
};

/* ------------------------------------------------------------------ */
/* The configuration may be a user's: the demo only uses codes of the
 * shipped default, which are never removed, but a clear message beats a
 * foreign-key error if that ever changes. */

static enum status need(const struct codelist *l, const char *what,
                        const char *code, struct err *e)
{
	if (config_find(l, code))
		return ST_OK;
	return err_set(e, ST_CONFIG, _("the configuration has no %s \"%s\", which the demo needs"),
	               what, code);
}

/* Every code used below, checked before anything is written. */
static enum status check_codes(const struct config *c, struct err *e)
{
	static char *const sources[] = { "ACI", "FIR", "PEPS", "IPEP" };
	static char *const kinds[] = { "advance", "balance", "quarterly", "seed", "grant" };
	static char *const acts[] = { "meeting", "RCP", "protocol", "coordination", "training", "mission" };
	static char *const ald[] = { "diabetes", "cardio", "cancer", "neuro", "psy", "other" };
	enum status rc;
	for (size_t i = 0; i < N_TEAM; i++)
		if ((rc = need(&c->professions, "profession", team[i].profession, e)) != ST_OK ||
		    (rc = need(&c->statuses, "status", team[i].status, e)) != ST_OK)
			return rc;
	for (size_t i = 0; i < sizeof sources / sizeof sources[0]; i++)
		if ((rc = need(&c->sources, "source", sources[i], e)) != ST_OK)
			return rc;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if ((rc = need(&c->receipt_kinds, "receipt kind", kinds[i], e)) != ST_OK)
			return rc;
	for (size_t i = 0; i < sizeof acts / sizeof acts[0]; i++)
		if ((rc = need(&c->activity_kinds, "activity kind", acts[i], e)) != ST_OK)
			return rc;
	for (size_t i = 0; i < sizeof ald / sizeof ald[0]; i++)
		if ((rc = need(&c->ald, "ALD category", ald[i], e)) != ST_OK)
			return rc;
	return ST_OK;
}

/* ------------------------------------------------------------------ */
/* Members. */

/* An RPPS-shaped number: "100" (as real ones start), 7 random digits,
 * then the Luhn check digit over the 10 before it. Fictitious, but it
 * passes text_valid_rpps like a real one. */
static void make_rpps(struct rng *r, char out[12])
{
	memcpy(out, "100", 3);
	for (int i = 3; i < 10; i++)
		out[i] = (char)('0' + rng_range(r, 0, 9));
	/* The check digit will be the rightmost, so counting from the right
	 * the payload's last digit is the second one: doubled. */
	int sum = 0;
	for (int i = 9, k = 1; i >= 0; i--, k++) {
		int v = out[i] - '0';
		if (k % 2 == 1) {
			v *= 2;
			if (v > 9)
				v -= 9;
		}
		sum += v;
	}
	out[10] = (char)('0' + (10 - sum % 10) % 10);
	out[11] = '\0';
}

static enum status write_members(struct ctx *x)
{
	enum status rc;
	for (size_t i = 0; i < N_TEAM; i++) {
		const struct demo_member *d = &team[i];
		char rpps[12];
		make_rpps(&x->rng, rpps);   /* drawn for all: keeps the sequence stable */
		struct member m = {
			.code = d->code,
			.name = d->name,
			.profession = d->profession,
			.status = d->status,
			.joined = ymd(d->jy, d->jm, d->jd),
			.left = d->ly ? ymd(d->ly, d->lm, d->ld) : DATE_NONE,
			.fte = d->fte,
			.rpps = d->rpps ? rpps : NULL,
		};
		x->spans[i].joined = m.joined;
		x->spans[i].left = m.left;
		if ((rc = member_validate(&m, x->e)) != ST_OK ||
		    (rc = db_member_put(x->db, &m, NULL, x->e)) != ST_OK) {
			err_prefix(x->e, "%s", d->code);
			return rc;
		}
		x->n.members++;
	}
	return ST_OK;
}

/* ------------------------------------------------------------------ */
/* Posts and what funds them: COORD shows two sources, SECR a change of
 * share in mid-year. */

static enum status write_posts(struct ctx *x)
{
	static const struct {
		char *code, *label, *holder;
		int32_t fte;
		int64_t cost;
		int sy, sm, sd;
	} posts[] = {
		{ "COORD", "Coordination", "BERNARD", 80, 4200000, 2019, 1, 7 },
		{ "ASSIST", "Assistant médical", "LAMBERT", 100, 3800000, 2023, 3, 1 },
		{ "SECR", "Secrétariat médical", "GARNIER", 100, 3450000, 2011, 9, 1 },
	};
	static const struct {
		char *post, *source;
		int32_t bp;
		int sm, sd, em, ed;   /* in DEMO_YEAR; em 0: open end */
	} fundings[] = {
		{ "COORD", "ACI", 7000, 1, 1, 12, 31 },
		{ "COORD", "FIR", 3000, 1, 1, 12, 31 },
		{ "ASSIST", "ACI", 10000, 1, 1, 12, 31 },
		{ "SECR", "ACI", 5000, 1, 1, 6, 30 },
		{ "SECR", "ACI", 4000, 7, 1, 0, 0 },
	};
	enum status rc;
	for (size_t i = 0; i < sizeof posts / sizeof posts[0]; i++) {
		struct post p = {
			.code = posts[i].code,
			.label = posts[i].label,
			.holder = posts[i].holder,
			.fte = posts[i].fte,
			.yearly_cost = posts[i].cost,
			.start = ymd(posts[i].sy, posts[i].sm, posts[i].sd),
			.end = DATE_NONE,
		};
		if ((rc = post_validate(&p, x->e)) != ST_OK ||
		    (rc = db_post_put(x->db, &p, NULL, x->e)) != ST_OK)
			return rc;
		x->n.posts++;
	}
	for (size_t i = 0; i < sizeof fundings / sizeof fundings[0]; i++) {
		struct post_funding f = {
			.post = fundings[i].post,
			.source = fundings[i].source,
			.share_bp = fundings[i].bp,
			.start = ymd(DEMO_YEAR, fundings[i].sm, fundings[i].sd),
			.end = fundings[i].em ? ymd(DEMO_YEAR, fundings[i].em, fundings[i].ed) : DATE_NONE,
		};
		if ((rc = db_funding_add(x->db, &f, x->e)) != ST_OK)
			return rc;
		x->n.fundings++;
	}
	return ST_OK;
}

/* ------------------------------------------------------------------ */
/* Patients: pseudonymous codes, each on one GP's list. */

/* Age brackets (born in [from, to]) with their share and how often a
 * patient of that age has a long-term condition, in per mille. */
static const struct {
	int from, to, permille, ald;
} ages[] = {
	{ 2008, 2024, 190, 20 },
	{ 1986, 2007, 240, 60 },
	{ 1966, 1985, 250, 140 },
	{ 1951, 1965, 180, 300 },
	{ 1930, 1950, 140, 450 },
};

/* ALD cells in the import format: categories sorted, '|' between. */
static const struct {
	char *ald;
	int permille;
} alds[] = {
	{ "diabetes", 300 },
	{ "cardio", 250 },
	{ "cardio|diabetes", 120 },
	{ "cancer", 130 },
	{ "neuro", 70 },
	{ "psy", 90 },
	{ "other", 40 },
};

static int pick_age(struct rng *r)
{
	int64_t v = rng_range(r, 0, 999);
	for (size_t i = 0; i < sizeof ages / sizeof ages[0]; i++) {
		if (v < ages[i].permille)
			return (int)i;
		v -= ages[i].permille;
	}
	return 0;
}

static char *pick_ald(struct rng *r)
{
	int64_t v = rng_range(r, 0, 999);
	for (size_t i = 0; i < sizeof alds / sizeof alds[0]; i++) {
		if (v < alds[i].permille)
			return alds[i].ald;
		v -= alds[i].permille;
	}
	return alds[0].ald;
}

static enum status write_patients(struct ctx *x)
{
	/* The list of GPs, one entry per patient, exactly as many as each
	 * GP's list holds, shuffled (Fisher-Yates) so codes interleave. */
	size_t total = 0;
	for (size_t i = 0; i < N_TEAM; i++)
		total += (size_t)team[i].patients;
	unsigned char *gp = malloc(total);
	if (!gp)
		return err_set(x->e, ST_NOMEM, NULL);
	size_t k = 0;
	for (size_t i = 0; i < N_TEAM; i++)
		for (int j = 0; j < team[i].patients; j++)
			gp[k++] = (unsigned char)i;
	for (size_t i = total; i > 1; i--) {
		size_t j = (size_t)rng_range(&x->rng, 0, (int64_t)i - 1);
		unsigned char t = gp[i - 1];
		gp[i - 1] = gp[j];
		gp[j] = t;
	}

	const int32_t first = ymd(2015, 1, 1);
	const int32_t year_start = date_year_start(DEMO_YEAR);
	const int32_t year_end = date_year_end(DEMO_YEAR);
	enum status rc = ST_OK;
	for (size_t i = 0; i < total && rc == ST_OK; i++) {
		const struct span *s = &x->spans[gp[i]];
		int a = pick_age(&x->rng);
		int born = (int)rng_range(&x->rng, ages[a].from, ages[a].to);
		/* On the list since the GP came (or 2015, when the demo's
		 * records begin), never before birth; one in eleven this year. */
		int32_t lo = first;
		if (s->joined > lo)
			lo = s->joined;
		if (date_year_start(born) > lo)
			lo = date_year_start(born);
		int32_t enrolled;
		if (rng_chance(&x->rng, 90) || lo >= year_start)
			enrolled = (int32_t)rng_range(&x->rng, lo > year_start ? lo : year_start, year_end);
		else
			enrolled = (int32_t)rng_range(&x->rng, lo, year_start - 1);
		/* Some leave during the year (moved, changed GP, died). */
		int32_t left = DATE_NONE;
		if (enrolled < year_start && rng_chance(&x->rng, 66))
			left = (int32_t)rng_range(&x->rng, year_start, year_end);
		char sex = rng_chance(&x->rng, 530) ? 'F' : 'M';
		char *ald = rng_chance(&x->rng, ages[a].ald) ? pick_ald(&x->rng) : "";
		bool c2s = rng_chance(&x->rng, 100);

		char code[24];
		snprintf(code, sizeof code, "P%06zu", i + 1);
		struct patient p = {
			.code = code,
			.gp = team[gp[i]].code,
			.enrolled = enrolled,
			.left = left,
			.birth_year = born,
			.sex = sex,
			.ald = ald,
			.c2s = c2s,
		};
		if ((rc = patient_validate(&p, x->e)) != ST_OK ||
		    (rc = db_patient_put(x->db, &p, x->e)) != ST_OK)
			err_prefix(x->e, "%s", code);
		else
			x->n.patients++;
	}
	free(gp);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Activities. Nobody logs hours outside their time in the practice. */

static enum status add_activity(struct ctx *x, size_t who, int32_t day,
                                char *kind, int64_t hours, char *note)
{
	if (!present(&x->spans[who], day))
		return ST_OK;
	struct activity a = {
		.member = team[who].code,
		.date = day,
		.kind = kind,
		.hours = hours,
		.note = note,
	};
	enum status rc;
	if ((rc = activity_validate(&a, x->e)) != ST_OK ||
	    (rc = db_activity_add(x->db, &a, x->e)) != ST_OK)
		return rc;
	x->n.activities++;
	x->n.hours += hours;
	return ST_OK;
}

/* add_activity for a member named by code (the tables below). */
static enum status add_named(struct ctx *x, const char *code, int32_t day,
                             char *kind, int64_t hours, char *note)
{
	int i = team_index(code);
	if (i < 0)
		return err_set(x->e, ST_INTERNAL, "demo: no member %s", code);
	return add_activity(x, (size_t)i, day, kind, hours, note);
}

static bool is_prof(size_t i, const char *profession)
{
	return strcmp(team[i].profession, profession) == 0;
}

/* The team meeting: Tuesdays at lunchtime, for the associates, except in
 * August, the Christmas week and on 11 November. */
static enum status write_meetings(struct ctx *x)
{
	const int32_t end = date_year_end(DEMO_YEAR);
	const int32_t armistice = ymd(DEMO_YEAR, 11, 11);
	enum status rc;
	for (int32_t d = first_weekday(DEMO_YEAR, 1, TUE); d <= end; d += 7) {
		int m, dd;
		date_split(d, NULL, &m, &dd);
		if (m == 8 || (m == 12 && dd >= 22) || d == armistice)
			continue;
		for (size_t i = 0; i < N_TEAM; i++) {
			if (strcmp(team[i].status, "associate") != 0 || !rng_chance(&x->rng, 780))
				continue;
			if ((rc = add_activity(x, i, d, "meeting", 150, "Réunion d'équipe")) != ST_OK)
				return rc;
		}
	}
	return ST_OK;
}

/* The RCP: the first Thursday of the month, GPs and nurses. */
static enum status write_rcp(struct ctx *x)
{
	enum status rc;
	for (int m = 1; m <= 12; m++) {
		if (m == 8)
			continue;
		int32_t d = first_weekday(DEMO_YEAR, m, THU);
		for (size_t i = 0; i < N_TEAM; i++) {
			if (!(is_prof(i, "gp") || is_prof(i, "nurse")) || !rng_chance(&x->rng, 850))
				continue;
			if ((rc = add_activity(x, i, d, "RCP", 200, "RCP mensuelle")) != ST_OK)
				return rc;
		}
	}
	return ST_OK;
}

/* Care protocols written together: one working group each, meeting on
 * the given days of DEMO_YEAR (month, day; 0 ends the list). */
static enum status write_protocols(struct ctx *x)
{
	static const struct {
		char *note;
		char *members[5];
		int days[8][2];
	} protocols[] = {
		{ "Protocole insuffisance cardiaque",
		  { "MARTIN", "ROUSSEL", "BENALI", "PETIT", NULL },
		  { { 1, 16 }, { 2, 13 }, { 3, 13 }, { 4, 10 }, { 5, 15 }, { 6, 12 }, { 0, 0 } } },
		{ "Protocole diabète de type 2",
		  { "NGUYEN", "BENALI", "FAURE", "CHARPENTIER", "PETIT" },
		  { { 2, 20 }, { 4, 17 }, { 6, 19 }, { 9, 18 }, { 10, 16 }, { 11, 20 }, { 12, 11 }, { 0, 0 } } },
		{ "Parcours troubles du langage de l'enfant",
		  { "DUBOIS", "GIRARD", "LEFEBVRE", "ROCHE", NULL },
		  { { 3, 6 }, { 4, 3 }, { 5, 6 }, { 6, 5 }, { 9, 11 }, { 10, 2 }, { 0, 0 } } },
		{ "Protocole lombalgie aiguë",
		  { "LECLERC", "MOREAU", "LAMBERT", NULL, NULL },
		  { { 9, 11 }, { 10, 9 }, { 11, 13 }, { 12, 11 }, { 0, 0 } } },
	};
	static const int64_t lengths[] = { 150, 200, 200, 250 };
	enum status rc;
	for (size_t p = 0; p < sizeof protocols / sizeof protocols[0]; p++) {
		for (size_t s = 0; s < 8 && protocols[p].days[s][0]; s++) {
			int32_t d = ymd(DEMO_YEAR, protocols[p].days[s][0], protocols[p].days[s][1]);
			int64_t h = lengths[rng_range(&x->rng, 0, 3)];
			for (size_t j = 0; j < 5 && protocols[p].members[j]; j++) {
				if (!rng_chance(&x->rng, 900))
					continue;
				if ((rc = add_named(x, protocols[p].members[j], d, "protocol", h,
				                    protocols[p].note)) != ST_OK)
					return rc;
			}
		}
	}
	return ST_OK;
}

/* The two referents log coordination time, the last Friday of each
 * month but August, half-hours between 2 and 4 hours. */
static enum status write_coordination(struct ctx *x)
{
	static char *const who[] = { "MARTIN", "ROUSSEL" };
	enum status rc;
	for (int m = 1; m <= 12; m++) {
		if (m == 8)
			continue;
		int32_t d = m < 12 ? ymd(DEMO_YEAR, m + 1, 1) - 1 : date_year_end(DEMO_YEAR);
		while (weekday(d) != FRI)
			d--;
		for (size_t i = 0; i < 2; i++) {
			int64_t h = 50 * rng_range(&x->rng, 4, 8);
			if ((rc = add_named(x, who[i], d, "coordination", h,
			                    "Coordination des parcours")) != ST_OK)
				return rc;
		}
	}
	return ST_OK;
}

/* Training days and public-health missions, listed as they happened. */
static enum status write_training_missions(struct ctx *x)
{
	static const struct {
		char *member, *kind;
		int m, d;
		int64_t hours;
		char *note;
	} one_off[] = {
		{ "GIRARD", "training", 1, 23, 350, "Formation bilan du langage oral" },
		{ "ROUSSEL", "training", 2, 6, 700, "Formation plaies et cicatrisation" },
		{ "BERNARD", "training", 2, 27, 700, "Formation coordination en MSP" },
		{ "MARTIN", "training", 3, 14, 700, "DPC insuffisance cardiaque" },
		{ "MARTIN", "mission", 3, 20, 200, "Mars bleu : dépistage du cancer colorectal" },
		{ "LECLERC", "mission", 3, 20, 200, "Mars bleu : dépistage du cancer colorectal" },
		{ "PETIT", "mission", 3, 20, 200, "Mars bleu : dépistage du cancer colorectal" },
		{ "ROCHE", "training", 3, 27, 350, "Formation psychotraumatisme" },
		{ "BENALI", "training", 4, 17, 350, "Éducation thérapeutique du patient (1/2)" },
		{ "BENALI", "training", 4, 18, 350, "Éducation thérapeutique du patient (2/2)" },
		{ "LEFEBVRE", "training", 5, 13, 700, "Formation suivi gynécologique" },
		{ "NGUYEN", "training", 5, 22, 700, "DPC diabète de type 2" },
		{ "DUBOIS", "training", 6, 19, 700, "DPC pédiatrie" },
		{ "CHARPENTIER", "training", 6, 26, 350, "Nutrition et maladies chroniques" },
		{ "FAURE", "training", 9, 18, 700, "Accueil : protocoles de l'équipe" },
		{ "PETIT", "training", 9, 25, 350, "Vaccination à l'officine" },
		{ "LEFEBVRE", "mission", 10, 9, 200, "Octobre rose : dépistage du cancer du sein" },
		{ "NGUYEN", "mission", 10, 9, 200, "Octobre rose : dépistage du cancer du sein" },
		{ "DUBOIS", "mission", 10, 9, 200, "Octobre rose : dépistage du cancer du sein" },
		{ "LECLERC", "training", 10, 16, 350, "Formation lombalgie" },
		{ "MOREAU", "training", 11, 20, 700, "Rééducation du rachis" },
		{ "LAMBERT", "training", 12, 4, 350, "Gestes et soins d'urgence" },
	};
	/* The flu vaccination campaign: nurses and the pharmacist. */
	static char *const flu_team[] = { "ROUSSEL", "BENALI", "FAURE", "PETIT" };
	static const int flu_days[][2] = { { 10, 14 }, { 10, 21 }, { 10, 28 }, { 11, 4 }, { 11, 18 }, { 11, 25 } };
	enum status rc;
	for (size_t i = 0; i < sizeof one_off / sizeof one_off[0]; i++)
		if ((rc = add_named(x, one_off[i].member, ymd(DEMO_YEAR, one_off[i].m, one_off[i].d),
		                    one_off[i].kind, one_off[i].hours, one_off[i].note)) != ST_OK)
			return rc;
	for (size_t s = 0; s < sizeof flu_days / sizeof flu_days[0]; s++) {
		int32_t d = ymd(DEMO_YEAR, flu_days[s][0], flu_days[s][1]);
		for (size_t j = 0; j < sizeof flu_team / sizeof flu_team[0]; j++) {
			if (!rng_chance(&x->rng, 800))
				continue;
			if ((rc = add_named(x, flu_team[j], d, "mission", 300,
			                    "Campagne de vaccination antigrippale")) != ST_OK)
				return rc;
		}
	}
	return ST_OK;
}

/* ------------------------------------------------------------------ */
/* Receipts: what the practice's bank account saw, with payer references.
 * The ACI 2025 advance is 60 % of the 82 060,00 € expected; the final
 * total came to 82 413,47 €, so the balance is 33 177,47 €. */

static enum status write_receipts(struct ctx *x)
{
	static const struct {
		char *source, *kind, *exercise;
		int period_year;            /* the whole calendar year */
		int ry, rm, rd;             /* received */
		int64_t amount;
		char *reference, *note;
	} receipts[] = {
		{ "PEPS", "quarterly", "2025", 2025, 2025, 2, 14, 2314587, "PEPS-2025-T1",
		  "PEPS 2025, 1er trimestre" },
		{ "IPEP", "seed", "2025", 2025, 2025, 3, 20, 2000000, "IPEP-2025-AMORCAGE",
		  "IPEP : crédit d'amorçage" },
		{ "ACI", "balance", "2024", 2024, 2025, 4, 28, 3127458, "ACI-2024-SOLDE",
		  "Solde ACI 2024" },
		{ "ACI", "advance", "2025", 2025, 2025, 4, 28, 4923600, "ACI-2025-AV",
		  "Avance ACI 2025 (60 % de 82 060,00 €)" },
		{ "PEPS", "quarterly", "2025", 2025, 2025, 5, 15, 2298713, "PEPS-2025-T2",
		  "PEPS 2025, 2e trimestre" },
		{ "FIR", "grant", "2025", 2025, 2025, 6, 12, 1260000, "FIR-2025-COORD",
		  "ARS : FIR, poste de coordination (30 %)" },
		{ "PEPS", "quarterly", "2025", 2025, 2025, 8, 14, 2351042, "PEPS-2025-T3",
		  "PEPS 2025, 3e trimestre" },
		{ "PEPS", "quarterly", "2025", 2025, 2025, 11, 14, 2327396, "PEPS-2025-T4",
		  "PEPS 2025, 4e trimestre" },
		{ "ACI", "balance", "2025", 2025, 2026, 4, 27, 3317747, "ACI-2025-SOLDE",
		  "Solde ACI 2025 (total 82 413,47 €)" },
	};
	enum status rc;
	for (size_t i = 0; i < sizeof receipts / sizeof receipts[0]; i++) {
		struct receipt r = {
			.source = receipts[i].source,
			.kind = receipts[i].kind,
			.exercise = receipts[i].exercise,
			.start = date_year_start(receipts[i].period_year),
			.end = date_year_end(receipts[i].period_year),
			.received = ymd(receipts[i].ry, receipts[i].rm, receipts[i].rd),
			.amount = receipts[i].amount,
			.reference = receipts[i].reference,
			.note = receipts[i].note,
		};
		if ((rc = receipt_validate(&r, x->e)) != ST_OK ||
		    (rc = db_receipt_put(x->db, &r, NULL, x->e)) != ST_OK)
			return rc;
		x->n.receipts++;
		x->n.cents += r.amount;
	}
	return ST_OK;
}

/* ------------------------------------------------------------------ */

static enum status write_all(struct ctx *x, struct app *a)
{
	int64_t members = 0;
	enum status rc;
	/* Counted inside the transaction, so nobody adds members between the
	 * check and the writes. */
	if ((rc = db_count(x->db, "members", &members, x->e)) != ST_OK)
		return rc;
	if (members > 0)
		return err_set(x->e, ST_REFUSED,
		               _("the database already holds a practice; the demo needs a new file"));
	if ((rc = db_setting_set(x->db, "name", DEMO_NAME, x->e)) != ST_OK ||
	    (rc = app_sync_professions(a, x->e)) != ST_OK ||
	    (rc = write_members(x)) != ST_OK ||
	    (rc = write_posts(x)) != ST_OK ||
	    (rc = write_patients(x)) != ST_OK ||
	    (rc = write_meetings(x)) != ST_OK ||
	    (rc = write_rcp(x)) != ST_OK ||
	    (rc = write_protocols(x)) != ST_OK ||
	    (rc = write_coordination(x)) != ST_OK ||
	    (rc = write_training_missions(x)) != ST_OK ||
	    (rc = write_receipts(x)) != ST_OK)
		return rc;

	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, "%s: %zu members, %zu posts, %zu fundings, %zu patients, "
	          "%zu activities (%" PRId64 " hundredths of hours), %zu receipts "
	          "(%" PRId64 " cents)", DEMO_NAME, x->n.members, x->n.posts,
	          x->n.fundings, x->n.patients, x->n.activities, x->n.hours,
	          x->n.receipts, x->n.cents);
	char *detail = sb_take(&b);
	if (!detail)
		return err_set(x->e, ST_NOMEM, NULL);
	rc = db_audit(x->db, "demo", detail, x->e);
	free(detail);
	return rc;
}

enum status app_demo(struct app *a, struct err *e)
{
	struct ctx x = {
		.db = app_db(a),
		.cfg = app_config(a),
		.rng = { DEMO_SEED },
		.e = e,
	};
	enum status rc = check_codes(x.cfg, e);
	if (rc != ST_OK)
		return rc;
	if ((rc = db_begin(x.db, e)) != ST_OK)
		return rc;
	if ((rc = write_all(&x, a)) != ST_OK) {
		db_rollback(x.db);
		return rc;
	}
	return db_commit(x.db, e);
}
