/* aci.h: the ACI's rules and a practice's declaration (FORECAST.md): a
 * rule set (config/aci/NAME.cfg, read by cfg/aci_file.c) says what each
 * indicator is worth; a declaration says what the practice met in one
 * exercise. The estimate is the engine's (forecast.h). */
#ifndef QUOTEPART_ACI_H
#define QUOTEPART_ACI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "quotepart/err.h"

/* ---- the rules: one rule set (config/aci/NAME.cfg) ---- */

enum aci_class { ACI_PREREQUISITE, ACI_CORE, ACI_OPTIONAL };
enum aci_kind { ACI_YESNO, ACI_COUNT, ACI_LEVEL };

/* An indicator: its points at each value 0..max (a yes/no has max 1), in
 * fixed points and in variable points (scaled by the patientèle). */
struct aci_indicator {
	char *id;
	char *label_en, *label_fr;
	enum aci_class cls;
	enum aci_kind kind;
	int max;
	int64_t *fixed;      /* max + 1 entries */
	int64_t *variable;   /* max + 1 entries */
	int needs;           /* index of the indicator it needs, or -1 */
	int needs_value;     /* ... at that value at least */
	int within;          /* index of the count it is part of (at most it), or -1 */
	bool si;             /* the information-system prerequisite: brings SI(n) */
	int line;            /* where it is in its file, for messages */
};

struct aci_rules {
	char *name;              /* "avenant 1" */
	char *file;              /* where it was read, for messages */
	int first, last;         /* the exercises it applies to */
	char *caveat;            /* "to check against the CNAM's simulator" */
	char *caveat_fr;         /* the same in French, or NULL */
	int64_t point_cents;     /* value of one point */
	int64_t patients_ref;    /* the variable points are for this patientèle */
	int64_t si_each, si_upto, si_beyond;   /* SI(n) points per associate */
	int32_t majoration_cap;  /* basis points */
	int32_t advance_bp;      /* the advance: this share of A100, basis points */
	int64_t floor_total, floor_advance;    /* cents, for a new structure */
	int floor_years;         /* N <= signing year + floor_years - 1 */
	struct aci_indicator *v;
	size_t n;
};
void aci_rules_free(struct aci_rules *r);
/* The caveat in the language shown (French when there is one), or NULL. */
const char *aci_rules_caveat(const struct aci_rules *r);
/* The index of the indicator of that id, or -1. */
int aci_rules_find(const struct aci_rules *r, const char *id);

/* ---- a declaration: one exercise of one practice ---- */

struct aci_decl {
	int exercise;
	int32_t signed_on;       /* the contract's signing date */
	bool new_structure;
	int64_t patients;        /* P; -1: computed from the members and patients */
	int64_t associates;      /* n; -1: computed */
	int32_t c2s_practice, c2s_national;   /* hundredths of a percent */
	int32_t ame_practice, ame_national;
	int *values;             /* per indicator of the rules; 0: not met */
};
void aci_decl_fini(struct aci_decl *d);

/* Check a declaration against the rules: a count or level over its
 * maximum, a count over the count it is part of, an item whose base item
 * is not met, an exercise the rules do not cover. ST_INVALID naming the
 * indicator (the reader of a file adds its line). *bad: the index of the
 * indicator at fault, -1 for the declaration's other settings (may be
 * NULL). */
enum status aci_decl_check(const struct aci_rules *r, const struct aci_decl *d,
                           int *bad, struct err *e);

#endif
