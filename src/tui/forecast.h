/* forecast.h: what the Forecast screen (scr_forecast.c), its PEPS
 * side (forecast_peps.c) and their common rows (whatif.c) share. */
#ifndef QUOTEPART_TUI_FORECAST_H
#define QUOTEPART_TUI_FORECAST_H

#include "tui_internal.h"

struct peps_view;

struct peps_view *peps_view_new(void);
void peps_view_free(struct peps_view *v);
/* Read the exercise's grid and estimate; a what-if changed survives a
 * reload of the same exercise. */
enum status peps_view_load(struct tui *t, struct peps_view *v, int exercise, struct err *e);
void peps_view_draw(struct tui *t, struct peps_view *v, int top, int rows);
/* The screen's actions on the PEPS side; R_PASS for the others. */
unsigned peps_view_act(struct tui *t, struct peps_view *v, enum action a);
struct tlist *peps_view_list(struct peps_view *v);
/* Whether the what-if differs from the stored grid. */
bool peps_view_changed(const struct peps_view *v);
/* The what-if's grid, commented, for a session ended by a signal. */
void peps_view_keep(const struct peps_view *v, struct sbuf *b);

/* ---- whatif.c: what both sides draw and do the same way ---- */

/* The value columns' width, and the least the last one keeps when the
 * labels take from it. */
enum { WHATIF_VALUE_W = 13, WHATIF_LAST_MIN = 10 };
/* The labels' width: the room left of three value columns, or more up to
 * what `want` (the longest label) needs, the last column kept
 * WHATIF_LAST_MIN wide. */
int whatif_label_w(int want);
/* Where value column k (0 stored, 1 what-if, 2 difference) starts. */
int whatif_column(int label_w, int k);
/* The heads "Stored", "What-if", "Difference" on row y. */
void whatif_heads(int y, int label_w);
/* A result: label, the stored amount, the what-if's, their difference. */
void whatif_money_row(int y, int label_w, const char *label, int64_t a, int64_t b);
/* An input: label, stored, what-if (marked * when changed). */
void whatif_input_row(struct tui *t, int y, int label_w, bool sel, const char *label,
                      const char *stored, const char *value, bool changed);
/* After *value changed from `before`: the what-if computed again, or, when
 * refused, *value back to before (said on the message line) and computed
 * again. R_REDRAW. */
typedef enum status (*whatif_recompute_fn)(void *ctx, struct err *e);
unsigned whatif_changed(struct tui *t, whatif_recompute_fn recompute, void *ctx, int64_t *value,
                        int64_t before);
/* *value set to v and the what-if computed again; when refused, *value
 * back as it was (computed again) and the refusal returned, for a form to
 * show. */
enum status whatif_set(whatif_recompute_fn recompute, void *ctx, int64_t *value, int64_t v,
                       struct err *e);

/* The Forecast screen's PEPS side (scr_forecast.c). */
struct peps_view *forecast_peps_view(struct tui *t);

#endif
