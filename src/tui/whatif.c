/* whatif.c: what the Forecast screen's two sides (the ACI in
 * scr_forecast.c, the PEPS in forecast_peps.c) draw and do the same way:
 * a label, then the stored value, the what-if's and their difference in
 * columns at the right edge, and a change computed again or taken back. */
#include "forecast.h"
#include "quotepart/i18n.h"

int whatif_label_w(int want)
{
	int w = COLS - 2 - 3 * WHATIF_VALUE_W, most = COLS - 2 - 2 * WHATIF_VALUE_W - WHATIF_LAST_MIN;
	return want <= w ? w : want <= most ? want : most;
}

int whatif_column(int label_w, int k)
{
	return 1 + label_w + k * WHATIF_VALUE_W;
}

static int last_w(int label_w)
{
	return COLS - 1 - whatif_column(label_w, 2);
}

void whatif_heads(int y, int label_w)
{
	draw_text(y, whatif_column(label_w, 0), WHATIF_VALUE_W, _("Stored"), true);
	draw_text(y, whatif_column(label_w, 1), WHATIF_VALUE_W, _("What-if"), true);
	draw_text(y, whatif_column(label_w, 2), last_w(label_w), _("Difference"), true);
}

void whatif_money_row(int y, int label_w, const char *label, int64_t a, int64_t b)
{
	draw_text(y, 1, label_w, label, false);
	draw_money(y, whatif_column(label_w, 0), WHATIF_VALUE_W, a);
	draw_money(y, whatif_column(label_w, 1), WHATIF_VALUE_W, b);
	if (a != b)
		draw_money(y, whatif_column(label_w, 2), last_w(label_w), b - a);
	else
		draw_text(y, whatif_column(label_w, 2), last_w(label_w), "", true);
}

void whatif_input_row(struct tui *t, int y, int label_w, bool sel, const char *label,
                      const char *stored, const char *value, bool changed)
{
	if (sel)
		draw_select(t, true);
	draw_fmt(y, 0, 1 + label_w, false, "%s%s", sel ? ">" : " ", label);
	draw_text(y, whatif_column(label_w, 0), WHATIF_VALUE_W, stored, true);
	draw_fmt(y, whatif_column(label_w, 1), WHATIF_VALUE_W, true, "%s%s", changed ? "* " : "", value);
	draw_text(y, whatif_column(label_w, 2), COLS - whatif_column(label_w, 2), "", false);
	if (sel)
		draw_select(t, false);
}

enum status whatif_set(whatif_recompute_fn recompute, void *ctx, int64_t *value, int64_t v,
                       struct err *e)
{
	int64_t before = *value;
	*value = v;
	enum status rc = recompute(ctx, e);
	if (rc != ST_OK) {
		*value = before;
		struct err e2 = ERR_INIT;
		recompute(ctx, &e2);
		err_fini(&e2);
	}
	return rc;
}

unsigned whatif_changed(struct tui *t, whatif_recompute_fn recompute, void *ctx, int64_t *value,
                        int64_t before)
{
	struct err e = ERR_INIT;
	if (recompute(ctx, &e) != ST_OK) {
		*value = before;
		tui_error(t, &e);
		struct err e2 = ERR_INIT;
		if (recompute(ctx, &e2) != ST_OK)
			tui_error(t, &e2);
		err_fini(&e2);
	}
	err_fini(&e);
	return R_REDRAW;
}
