/* dists.h: what the distributions screen (scr_dists.c) and its dialogs
 * (dists_flow.c) share: the screen's state and the steps that change it. */
#ifndef QUOTEPART_TUI_DISTS_H
#define QUOTEPART_TUI_DISTS_H

#include "tui_internal.h"

enum dmode { DM_LIST, DM_DETAIL, DM_COMPARE };

/* One recipient of a comparison: what each key gives them. */
struct cmp_row {
	char *recipient;
	int64_t a, b;
};

/* The widths of the list's columns, measured on the summaries at load. */
struct sum_widths {
	int id, state, mode, ref, key, amount, paid;
};

/* The widths of a distribution's columns, measured on its lines. */
struct line_widths {
	int recipient, part, value, presence, weight, exact, amount;
};

struct dists {
	enum dmode mode;
	struct dist_summary *v;
	size_t n;
	struct tlist list;
	struct sum_widths sw;
	/* the distribution shown: stored (id) or a preview */
	struct distribution d;
	bool have_d, preview, true_up;
	int64_t receipt_id;
	char *key;
	struct receipt r;
	struct tlist lines;
	struct line_widths lw;
	/* the comparison with another key */
	struct distribution b;
	bool have_b;
	char *key_b;
	struct cmp_row *cmp;
	size_t n_cmp;
	struct tlist cmp_list;
};

/* Columns (dists_cols.c). Where the list's columns start, and the widths
 * that are not the measured ones (0: left out). */
struct sum_cols {
	int state, mode, mode_w, ref, key, key_w, amount, amount_w, paid;
};
/* Where a line's columns start, and their widths (0: left out). */
struct line_cols {
	int part, part_w, value, value_w, presence, presence_w, weight, weight_w;
	int exact, exact_w, amount, amount_w, marks;
};
const char *dists_status_text(enum dist_status status);
/* What the list's Paid column says of x: all, part, no (approved only). */
const char *dists_paid_text(const struct dist_summary *x);
void dists_measure_summaries(struct dists *s);
struct sum_cols dists_sum_columns(const struct sum_widths *w);
void dists_measure_lines(struct dists *s);
struct line_cols dists_line_columns(const struct line_widths *w);

/* app_distribute on a receipt (dry: a preview, else saved as its draft).
 * expect (may be NULL): the preview the team saw; when the result differs
 * it is refused, nothing is stored and *out is the new result. replaced
 * (may be NULL): when saved, the earlier draft it replaced, or 0. */
enum status dists_run(struct tui *t, const struct receipt *r, const char *key,
                      bool true_up, bool dry, const struct distribution *expect,
                      struct distribution *out, int64_t *replaced, struct err *e);
/* After dists_run refused an `expect`: *fresh becomes the preview shown
 * (taken), and the message says why. */
void dists_show_fresh(struct tui *t, struct dists *s, struct distribution *fresh, const struct err *e);
/* Show a preview of receipt_id divided with key. */
enum status dists_make_preview(struct tui *t, struct dists *s, int64_t receipt_id,
                               const char *key, bool true_up, struct err *e);
/* Show the stored distribution id. */
enum status dists_open_stored(struct tui *t, struct dists *s, int64_t id, struct err *e);
/* R: after a confirmation, the draft that reverses the approved
 * distribution shown, opened to be approved. */
unsigned dists_open_reverse(struct tui *t, struct dists *s);
/* Compare what is shown with another key on the same receipt. */
enum status dists_make_compare(struct tui *t, struct dists *s, const char *key, struct err *e);

/* Dialogs (dists_flow.c): pick a receipt then a key (or the second key of
 * a comparison); approve; record payments; and the preview's own steps. */
void dists_pick_receipt(struct tui *t);
void dists_pick_key(struct tui *t, int64_t receipt, bool compare);
unsigned dists_open_approve(struct tui *t, struct dists *s);
unsigned dists_open_pay(struct tui *t, struct dists *s);
/* The SEPA transfer file of the approved distribution shown
 * (dists_transfers.c). */
unsigned dists_open_transfers(struct tui *t, struct dists *s);
unsigned dists_save_draft(struct tui *t, struct dists *s);
unsigned dists_toggle_true_up(struct tui *t, struct dists *s);
unsigned dists_view_line(struct tui *t, struct dists *s);

#endif
