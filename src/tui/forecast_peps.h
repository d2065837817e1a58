/* forecast_peps.h: what the Forecast screen (scr_forecast.c) and its PEPS
 * side (forecast_peps.c) share. */
#ifndef QUOTEPART_TUI_FORECAST_PEPS_H
#define QUOTEPART_TUI_FORECAST_PEPS_H

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

/* The Forecast screen's PEPS side (scr_forecast.c). */
struct peps_view *forecast_peps_view(struct tui *t);

#endif
