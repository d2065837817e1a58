/* tui_internal.h: what the files of src/tui share: the interface's state,
 * the action table, the screens, lists, dialogs, viewers and drawing
 * helpers. Only src/tui includes <curses.h>. */
#ifndef QUOTEPART_TUI_INTERNAL_H
#define QUOTEPART_TUI_INTERNAL_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "quotepart/app.h"
#include "quotepart/app_edit.h"
#include "quotepart/app_views.h"
#include "quotepart/tui.h"

/* ---- input ----
 * An input is a character's code point, or a curses KEY_ code moved above
 * Unicode so that the two never collide (KEY_DOWN is also U+0102). */
#define TK_FN(k) (0x200000 + (k))
#define TK_CTRL(c) ((c) & 0x1f)
#define TK_ESC 27
#define TK_RESIZE TK_FN(KEY_RESIZE)

/* ---- reactions: what a handler asks of the main loop ---- */
enum {
	R_NONE = 0,
	R_REDRAW = 1 << 0,   /* draw the screen again */
	R_RELOAD = 1 << 1,   /* data changed: screens reload before drawing */
	R_QUIT = 1 << 2,     /* leave the interface */
	R_PASS = 1 << 3,     /* not handled: let the generic handling try */
	/* Only the rows of the screen's list changed (a move, a scroll): its
	 * draw_rows repaints what differs instead of the whole screen. Any
	 * other reason to draw makes it a full R_REDRAW. */
	R_ROWS = 1 << 4
};

/* ---- the action table ----
 * _(ID, bindings as shown, status-bar label, help text, input codes...)
 * One table feeds the input handling, the status bar and the ? screen. */
#define TUI_ACTIONS(_) \
	_(QUIT, "q", N_("quit"), N_("Quit (asks first when something is not saved)"), 'q', 0, 0) \
	_(HELP, "? F1", N_("help"), N_("Show every key of every screen"), '?', TK_FN(KEY_F(1)), 0) \
	_(NEXT_SCREEN, "Tab", N_("next screen"), N_("Go to the next screen"), '\t', 0, 0) \
	_(PREV_SCREEN, "S-Tab", N_("previous screen"), N_("Go to the previous screen"), TK_FN(KEY_BTAB), 0, 0) \
	_(SCREEN1, "1", NULL, NULL, '1', 0, 0) \
	_(SCREEN2, "2", NULL, NULL, '2', 0, 0) \
	_(SCREEN3, "3", NULL, NULL, '3', 0, 0) \
	_(SCREEN4, "4", NULL, NULL, '4', 0, 0) \
	_(SCREEN5, "5", NULL, NULL, '5', 0, 0) \
	_(SCREEN6, "6", NULL, NULL, '6', 0, 0) \
	_(SCREEN7, "7", NULL, NULL, '7', 0, 0) \
	_(SCREEN8, "8", NULL, NULL, '8', 0, 0) \
	_(SCREEN9, "9", NULL, NULL, '9', 0, 0) \
	_(SCREEN10, "0", NULL, NULL, '0', 0, 0) \
	_(UP, "↑ k", N_("up"), N_("Move up"), TK_FN(KEY_UP), 'k', 0) \
	_(DOWN, "↓ j", N_("down"), N_("Move down"), TK_FN(KEY_DOWN), 'j', 0) \
	_(PAGE_UP, "PgUp ^B", N_("page up"), N_("One page up"), TK_FN(KEY_PPAGE), TK_CTRL('b'), 0) \
	_(PAGE_DOWN, "PgDn ^F", N_("page down"), N_("One page down"), TK_FN(KEY_NPAGE), TK_CTRL('f'), 0) \
	_(FIRST, "Home g", N_("first"), N_("Go to the first line"), TK_FN(KEY_HOME), 'g', 0) \
	_(LAST, "End G", N_("last"), N_("Go to the last line"), TK_FN(KEY_END), 'G', 0) \
	_(OPEN, "Enter", N_("open"), N_("Open the selected line"), '\n', '\r', TK_FN(KEY_ENTER)) \
	_(BACK, "Esc", N_("back"), N_("Go back; clear the filter"), TK_ESC, 0, 0) \
	_(FILTER, "/", N_("filter"), N_("Filter the list as you type (Enter keeps it, Esc clears it)"), '/', 0, 0) \
	_(RELOAD, "^L", N_("reload"), N_("Redraw the screen and reload the data"), TK_CTRL('l'), 0, 0) \
	_(ADD, "a", N_("add"), N_("Add a new line through a form"), 'a', 0, 0) \
	_(EDIT, "e", N_("edit"), N_("Edit the selected line through a form"), 'e', 0, 0) \
	_(END_MEMBER, "x", N_("leaves"), N_("The member leaves: set the date they left (nothing is deleted)"), 'x', 0, 0) \
	_(UNDO, "u", N_("undo"), N_("Undo the last change made on this screen, then the one before"), 'u', 0, 0) \
	_(REDO, "U ^R", N_("redo"), N_("Redo the last change undone on this screen"), 'U', TK_CTRL('r'), 0) \
	_(STATEMENT, "s", N_("statement"), N_("Open the member's statement"), 's', 0, 0) \
	_(ACCOUNT, "c", N_("account"), N_("Open the member's account across every exercise: allocated, paid, still due or owed back"), 'c', 0, 0) \
	_(BANK, "b", N_("bank"), N_("Edit the member's IBAN and BIC, where the SEPA transfer file sends their shares"), 'b', 0, 0) \
	_(PREV_YEAR, "< [", N_("year -1"), N_("Show the year before"), '<', '[', 0) \
	_(NEXT_YEAR, "> ]", N_("year +1"), N_("Show the year after"), '>', ']', 0) \
	_(PERIOD, "d", N_("dates"), N_("Change the date or the period shown"), 'd', 0, 0) \
	_(DISTRIBUTE, "n", N_("divide"), N_("Divide a receipt with a key: pick both, see the preview"), 'n', 0, 0) \
	_(COMPARE, "c", N_("compare"), N_("Compare with another key, side by side with bars"), 'c', 0, 0) \
	_(TRUE_UP, "t", N_("true-up"), N_("Switch true-up on or off: divide the exercise's total against its approved distributions"), 't', 0, 0) \
	_(SAVE_DRAFT, "s", N_("save draft"), N_("Save the preview as the receipt's draft"), 's', 0, 0) \
	_(APPROVE, "A", N_("approve"), N_("Approve the distribution (date and note; it never changes afterwards)"), 'A', 0, 0) \
	_(PAY, "p", N_("paid"), N_("Record payment of the lines (all, or the selected recipient's)"), 'p', 0, 0) \
	_(REVERSE, "R", N_("reverse"), N_("Correct an approved distribution: a new draft that negates it, to approve (asks first)"), 'R', 0, 0) \
	_(TRANSFERS, "T", N_("transfers"), N_("Write the SEPA transfer file for the bank (one transfer per member owed money), then record the payments if you wish"), 'T', 0, 0) \
	_(EDIT_KEY, "e", N_("edit"), N_("Edit the key's reservations and pools through forms; s saves them as a new version"), 'e', 0, 0) \
	_(EDIT_FILE, "E", N_("edit file"), N_("Edit the key's file in $VISUAL or $EDITOR; it is saved as a new version"), 'E', 0, 0) \
	_(NEW_KEY, "a", N_("new key"), N_("Create a key: its name, then its reservations and pools"), 'a', 0, 0) \
	_(IMPORT, "i", N_("import"), N_("Import a key file by its path"), 'i', 0, 0) \
	_(EXPORT, "x", N_("export"), N_("Export the key to a file"), 'x', 0, 0) \
	_(ADD_POOL, "a", N_("add pool"), N_("Add a pool: a share of what the reservations leave, divided by a basis"), 'a', 0, 0) \
	_(ADD_RES, "r", N_("add reservation"), N_("Add a reservation: an amount or a rate taken first, for an account"), 'r', 0, 0) \
	_(DELETE, "D Del", N_("delete"), N_("Delete the selected line (asks first)"), 'D', TK_FN(KEY_DC), 0) \
	_(SAVE_KEY, "s", N_("save"), N_("Save the key being edited as a new version (distributions made keep theirs)"), 's', 0, 0) \
	_(FUNDING, "f", N_("funding"), N_("Edit the post's funding: shares of its cost by source and period"), 'f', 0, 0) \
	_(MORE, "+ →", N_("more"), N_("What-if: one more (a yes/no switches)"), '+', TK_FN(KEY_RIGHT), '=') \
	_(LESS, "- ←", N_("less"), N_("What-if: one less (a yes/no switches)"), '-', TK_FN(KEY_LEFT), 0) \
	_(RESET, "r", N_("reset"), N_("What-if: back to the stored declaration"), 'r', 0, 0) \
	_(SETTINGS, "S", N_("practice"), N_("The practice's name, address, SIREN, SIRET, IBAN and BIC, through a form"), 'S', 0, 0) \
	_(SAVE_DECL, "s", N_("save"), N_("Make the what-if's values the exercise's declaration or PEPS grid (asks first)"), 's', 0, 0) \
	_(PEPS, "p", N_("ACI/PEPS"), N_("Switch between the ACI estimate and the PEPS estimate with its grid"), 'p', 0, 0) \
	_(IMPORT_FILE, "I", N_("import"), N_("Import a CSV file picked in a file chooser: what it would add, update or refuse first; all or nothing"), 'I', 0, 0) \
	_(DOCUMENTS, "E", N_("export…"), N_("Produce a document (statements, attestations, summary, journal, FEC...) into a file or a folder"), 'E', 0, 0)

#define TUI_ACTION_ENUM(id, shown, label, help, c1, c2, c3) ACT_##id,
enum action { ACT_NONE, TUI_ACTIONS(TUI_ACTION_ENUM) ACT__COUNT };
#undef TUI_ACTION_ENUM

struct action_def {
	const char *shown;   /* the bindings as shown: "↓ j" */
	const char *label;   /* for the status bar, untranslated (N_) */
	const char *help;    /* for the ? screen, untranslated (N_) */
	int codes[3];        /* the input codes bound; 0 when unused */
};
/* Indexed by enum action. */
extern const struct action_def tui_actions[ACT__COUNT];

/* The action input ch means on a screen whose own actions are `local`
 * (ACT_NONE-terminated, may be NULL): the screen's first, then the ones
 * every screen has. ACT_NONE when ch is bound to nothing. */
enum action tui_action_for(int ch, const enum action *local);
/* Whether a is one of the actions every screen has. */
bool tui_action_global(enum action a);

/* ---- screens ---- */
enum screen_id {
	SCR_HOME, SCR_MEMBERS, SCR_POSTS, SCR_PATIENTS, SCR_RECEIPTS,
	SCR_ACTIVITIES, SCR_KEYS, SCR_DISTS, SCR_STATEMENTS, SCR_FORECAST, SCR__COUNT
};

struct tui;
struct tlist;
/* Whether list item `item` of ctx matches what / typed. */
typedef bool (*tlist_match)(void *ctx, size_t item, const char *needle);

struct screen_ops {
	const char *name;                          /* N_() tab label */
	const enum action *bindings;               /* every action it knows, for ? */
	/* Its state: tui_state_new allocates state_size bytes zeroed, sets
	 * up the struct tlist at byte list_at (filtered by match, which may
	 * be NULL), then runs init (may be NULL); tui_state_free runs fini
	 * (may be NULL), releases that list and frees the state. */
	size_t state_size;
	size_t list_at;
	tlist_match match;
	void (*init)(void *st);
	void (*fini)(void *st);
	/* Read what the screen shows; called when stale, never while drawing. */
	enum status (*load)(struct tui *t, void *st, struct err *e);
	/* Draw the body: rows [top, top + rows) of the whole width. */
	void (*draw)(struct tui *t, void *st, int top, int rows);
	/* After R_ROWS, on the body `draw` drew last: repaint only what the
	 * move changed. NULL: the loop draws the whole screen instead. */
	void (*draw_rows)(struct tui *t, void *st, int top, int rows);
	/* The bindings that matter now, in status-bar order (ACT_NONE ends);
	 * NULL when they are always `bindings`. */
	const enum action *(*actions)(void *st);
	/* Handle one of them (or a global one first offered to the screen);
	 * R_PASS to let the generic handling do it. */
	unsigned (*act)(struct tui *t, void *st, enum action a);
	/* The list that arrows move and `/` filters (every screen has one):
	 * list(st) when it changes with the screen's mode, else the one at
	 * list_at. */
	struct tlist *(*list)(void *st);
	/* The question q asks when something shown is not saved (N_(), not
	 * translated yet), else NULL; the function may be NULL. */
	const char *(*unsaved)(void *st);
	/* Append to b what is not saved, as lines of a key file (comments
	 * start with #), for when the session ends without asking; may be
	 * NULL. */
	void (*keep)(void *st, struct sbuf *b);
};

/* The state fields of a screen_ops: the state is a `type` whose list is
 * its member `member`, filtered by `filter` (NULL: the screen filters by
 * reading its data again). */
#define TUI_STATE(type, member, filter) \
	.state_size = sizeof(type), .list_at = offsetof(type, member), .match = (filter)

extern const struct screen_ops scr_home, scr_members, scr_posts, scr_patients,
	scr_receipts, scr_activities, scr_keys, scr_dists, scr_statements, scr_forecast;

/* The digit that goes to screen id: 1 to 9, then 0. */
int tui_screen_digit(enum screen_id id);

struct dialog;
struct view;

/* The interface's state. */
struct tui {
	struct app *app;
	const struct config *cfg;
	bool color;
	enum screen_id cur;
	void *st[SCR__COUNT];
	bool stale[SCR__COUNT];
	int64_t version;        /* db_data_version when last loaded */
	char *msg;              /* the message line, or NULL */
	bool msg_error;
	struct dialog *dlg;     /* a modal dialog, or NULL */
	struct dialog *dlg_next;/* opened by a dialog's submit: replaces it */
	struct view *view;      /* a full-screen text (help, a key), or NULL */
	bool filtering;         /* typing into the current list's filter */
	char *practice;
	int32_t today;
	int year;               /* the current exercise (screens start there) */
	struct dialog *quit_dlg;/* "quit anyway?", over everything, at any size */
	struct chooser *chooser;/* the file chooser, over the screen and dlg */
	/* Run by the loop after the next frame: a save, which may wait up
	 * to the busy timeout for another program writing the database, so
	 * that the frame before it says so instead of freezing. */
	unsigned (*deferred)(struct tui *t);
	int rows_screen;        /* the screen the last full frame showed alone
	                         * (R_ROWS may repaint its rows), or -1 */
};

const struct screen_ops *tui_screen(enum screen_id id);
void *tui_state(struct tui *t, enum screen_id id);
/* What s->actions and s->list give for state st, or their defaults. */
const enum action *tui_screen_actions(const struct screen_ops *s, void *st);
struct tlist *tui_screen_list(const struct screen_ops *s, void *st);
/* A new state of screen id (freed by tui_state_free), or NULL without
 * memory; tui_state_free(id, NULL) does nothing. */
void *tui_state_new(enum screen_id id);
void tui_state_free(enum screen_id id, void *st);
/* Switch to a screen (loading it when stale). */
void tui_goto(struct tui *t, enum screen_id id);
/* The message line: information, or an error (shown with "Error:" so that
 * it never depends on colour). */
void tui_msg(struct tui *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tui_error(struct tui *t, const struct err *e);
/* Mark every screen to be reloaded. */
void tui_stale_all(struct tui *t);
/* u: undo the last change made on the current screen (app_undo_in), U:
 * redo the last one undone there (app_redo), each after a confirmation
 * that says what it was. */
unsigned tui_undo(struct tui *t);
unsigned tui_redo(struct tui *t);
/* The kinds of record (APP_UNDO_*) the screen id undoes and redoes; 0
 * for a screen without undo. */
unsigned tui_undo_kinds(enum screen_id id);

/* ---- lists: selection, scrolling and filtering of rows ---- */
struct tlist {
	size_t n_all;          /* items */
	size_t n;              /* rows shown (after the filter) */
	size_t *idx;           /* row -> item */
	size_t sel, top;       /* selected row, first row shown */
	int rows;              /* rows visible, set by the last draw */
	char *filter;          /* NULL or what / typed */
	tlist_match match;     /* NULL: the screen filters by reloading */
	void *ctx;
};
void tlist_init(struct tlist *l, tlist_match match, void *ctx);
void tlist_fini(struct tlist *l);
/* Set the number of items and re-apply the filter, keeping the selected
 * item when it is still shown. */
void tlist_reset(struct tlist *l, size_t n_all);
void tlist_refilter(struct tlist *l);
/* The selected item, or SIZE_MAX when the list is empty. */
size_t tlist_item(const struct tlist *l);
void tlist_select(struct tlist *l, size_t item);
/* After a load: select the item whose name(l->ctx, item) is *want, if
 * one is, then free *want and set it to NULL. */
void tlist_select_named(struct tlist *l, char **want, const char *(*name)(void *ctx, size_t item));
/* Move for UP, DOWN, PAGE_UP, PAGE_DOWN, FIRST, LAST; false otherwise. */
bool tlist_nav(struct tlist *l, enum action a);
/* Keep the selection visible in `rows` rows. */
void tlist_scroll(struct tlist *l, int rows);
/* Case-insensitive (ASCII) substring test used by the screens' filters. */
bool tlist_contains(const char *hay, const char *needle);
/* Repaint a list after a move (a screen's draw_rows), when the screen
 * shows it as drawn last: screen lines [y, y + n), columns [0, w), show
 * the list from row *drawn_top with *drawn_sel selected. A scroll of less
 * than n rows moves what is on screen (a window over those columns: what
 * is beside them stays) and draws only the rows that come in; then the
 * row left and the row selected are drawn. draw_row(ctx, row, sy) draws
 * list row `row` at screen line sy. *drawn_top and *drawn_sel become
 * l->top and l->sel. */
void tlist_repaint(const struct tlist *l, int y, int n, int w, size_t *drawn_top,
                   size_t *drawn_sel, void (*draw_row)(void *ctx, size_t row, int sy),
                   void *ctx);

/* ---- drawing ---- */
enum tui_color {
	C_NORMAL, C_TITLE, C_BAR, C_SELECT, C_ERROR, C_HEADER, C_BINDING, C_DIM,
	C_GOOD, C_WARN, C_BAR_A, C_BAR_B, C__COUNT
};
/* Read the locale's character set (after setlocale, before curses
 * starts): outside UTF-8, draw_text folds what it draws to ASCII and
 * amounts use the ASCII money styles. draw_ascii says which. */
void draw_charset_init(void);
bool draw_ascii(void);
void draw_colors_init(struct tui *t);
void draw_attr(struct tui *t, enum tui_color c, bool on);
/* Text in exactly w columns at (y, x): padded or cut with text_pad, so
 * control characters come out escaped and UTF-8 aligns. */
void draw_text(int y, int x, int w, const char *s, bool right);
void draw_fmt(int y, int x, int w, bool right, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* An amount right-aligned in w columns, never cut: narrower forms of the
 * same cents when the language's is too wide, else ####. */
void draw_money(int y, int x, int w, int64_t cents);
/* A money amount as text in the current language (a new string). */
char *fmt_money(int64_t cents);
/* A date as the reader writes it (YYYY-MM-DD, DD/MM/YYYY in French), or
 * "" for DATE_NONE, into buf (DATE_BUFSZ). */
const char *fmt_date(int32_t d, char *buf);
/* A moment stored as 2026-12-07T14:38:40Z (UTC) as the reader writes it,
 * on the local clock, to the minute: "07/12/2026 15:38" in French,
 * "2026-12-07 15:38" in English; a text that does not read so is copied
 * as it is. Into buf (size bytes); returns buf. */
#define STAMP_BUFSZ 32
const char *fmt_stamp(const char *iso, char *buf, size_t size);
/* Hundredths as "0.80" or "0,80" for the language (a new string). */
char *fmt_hundredths(int64_t v);
/* Basis points as a percentage without trailing zeros, "12,5" or "12.5"
 * for the language, into buf (MONEY_BUFSZ); returns buf. */
const char *fmt_rate(int64_t bp, char *buf);
/* The label of a configuration code in the language shown, or the code
 * itself when the configuration does not know it. */
const char *tui_label(const struct codelist *l, const char *code);
/* A basis as stored ("equal") in the reader's words ("parts égales"); the
 * text itself when it is no basis. */
const char *basis_words(const char *stored);
/* A header row (bold, underlined when colour is off). */
void draw_header(struct tui *t, int y, int x, int w, const char *s);
/* Clear a rectangle. */
void draw_clear(int y, int x, int h, int w);
/* A framed box with a title. */
void draw_box(struct tui *t, int y, int x, int h, int w, const char *title);
/* Begin/end a selected row (reverse video, so it shows without colour). */
void draw_select(struct tui *t, bool on);
/* A horizontal bar of `cents` against `max` in w columns, in eighths. */
void draw_bar(int y, int x, int w, int64_t cents, int64_t max, bool solid);
/* A vertical separator between two panes. */
void draw_vline(int y, int x, int h);
/* Draw s wrapped on words into w columns from row y, at most max_lines
 * rows; returns the rows used (when y < 0, only counts them). */
int draw_wrap(int y, int x, int w, int max_lines, const char *s);

/* ---- dialogs: forms, confirmations, pickers (modal) ---- */
struct field {
	char *label;           /* translated, owned */
	enum app_field check;
	bool checked;          /* false: anything goes */
	char *buf;             /* UTF-8, owned */
	size_t cur;            /* cursor: byte offset */
	char **opts;           /* choices for ← →, owned; may be NULL */
	size_t n_opts;
	char *err;             /* what is wrong, NULL when fine */
	char *hint;            /* shown when focused, may be NULL */
	const struct codelist *codes; /* the config list of opts, for labels */
	bool fresh;            /* just reached: no key typed in it since */
};

struct dialog;
/* Called on Enter (last field) or y: ST_OK closes the dialog and reloads;
 * anything else keeps it open with the error shown. */
typedef enum status (*dlg_submit)(struct tui *t, struct dialog *d, struct err *e);

enum dlg_kind { DLG_FORM, DLG_CONFIRM, DLG_PICK };

struct dialog {
	enum dlg_kind kind;
	char *title;
	char *text;            /* a confirmation's question; a form's intro */
	struct field *f;
	size_t n, focus;
	char **items;          /* pick: lines shown, owned */
	struct tlist list;     /* pick: selection and filter */
	char *error;           /* the last submit's refusal */
	bool dirty;
	bool asking_discard;   /* Esc on a changed form: "discard?" */
	bool saving;           /* its submit is t->deferred: "Saving..." shown */
	dlg_submit submit;
	void *ctx;
	void (*ctx_free)(void *);
	/* A form's own keys, offered each input first (R_PASS: not one),
	 * and what it does once field i's text changed; both may be NULL. */
	unsigned (*key)(struct tui *t, struct dialog *d, int ch);
	void (*changed)(struct tui *t, struct dialog *d, size_t i);
};

/* A new dialog (the title and question are copied), or NULL without
 * memory; ctx_free(ctx) runs when it is freed, or at once when it could
 * not be made. The _fmt forms format the title or the question (printf),
 * so that a long translation is never cut. */
struct dialog *dlg_form(const char *title, dlg_submit submit, void *ctx,
                        void (*ctx_free)(void *));
struct dialog *dlg_form_fmt(dlg_submit submit, void *ctx, void (*ctx_free)(void *),
                            const char *fmt, ...) __attribute__((format(printf, 4, 5)));
struct dialog *dlg_confirm(const char *title, const char *question,
                           dlg_submit submit, void *ctx, void (*ctx_free)(void *));
struct dialog *dlg_confirm_fmt(const char *title, dlg_submit submit, void *ctx,
                               void (*ctx_free)(void *), const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* items: n lines (copied). */
struct dialog *dlg_pick(const char *title, char *const *items, size_t n,
                        dlg_submit submit, void *ctx, void (*ctx_free)(void *));
/* Add a field with its initial text (NULL for empty); returns it. */
struct field *dlg_field(struct dialog *d, const char *label, enum app_field check,
                        bool checked, const char *initial);
/* Choices for ← →: a config list, shown by its labels in the language
 * (labels) or by its codes (sources, whose codes are their names), the
 * field then giving the code; or any strings (copied). */
void field_codes(struct field *f, const struct codelist *l, bool labels);
void field_opts(struct field *f, char *const *v, size_t n);
void field_hint(struct field *f, const char *hint);
/* The text of field i, trimmed (borrowed; valid until the next input). */
const char *dlg_value(struct dialog *d, size_t i);
/* The columns a pick dialog gives its items at this terminal's size. */
int dlg_pick_width(void);
/* The picked item (pick dialogs). */
size_t dlg_picked(const struct dialog *d);
void dlg_free(struct dialog *d);
/* Show d (replacing the current one after its submit when one is open). */
void tui_open(struct tui *t, struct dialog *d);
void dlg_draw(struct tui *t, struct dialog *d);
unsigned dlg_input(struct tui *t, int ch);
/* Check every field now (forms show each field's problem as typed). */
void dlg_check_all(struct tui *t, struct dialog *d);
/* What a save shows while it may wait for another program, and what it
 * says when that program kept the database past the busy timeout
 * (`what`: "nothing was saved. Your form is kept..."), translated. */
const char *tui_saving_note(void);
char *tui_busy_text(const char *what);

/* Line editing shared by fields and filters: insert the character cp at
 * byte *cur of the string *buf (NULL for empty), at most 240 bytes; the
 * start of the character before byte i; whether input ch is a character. */
bool tui_text_insert(char **buf, size_t *cur, int cp);
size_t tui_utf8_prev(const char *s, size_t i);
size_t tui_utf8_next(const char *s, size_t i);
/* An editing input of a form's focused field (field.c): *handled says
 * whether ch was one; true when the text changed. */
bool tui_field_input(struct field *f, int ch, bool *handled);
bool tui_printable(int ch);

/* ---- the file chooser (chooser.c): over the screen and its dialog ---- */
struct chooser;
/* OPEN: an existing file of the kind asked; SAVE: a file, existing or a
 * new name typed, or a folder (its "./" line). */
enum chooser_mode { CHOOSE_OPEN, CHOOSE_SAVE };
/* Called once a path is picked (relative to the current folder when it
 * is below it, "./" for the current folder itself; borrowed), after the
 * chooser closed; returns the reaction. */
typedef unsigned (*chooser_done)(struct tui *t, const char *path, void *ctx);
/* Open the chooser in the current folder, listing its folders and the
 * files whose name ends with ext (".csv", any case; NULL: every file).
 * ctx_free(ctx) (may be NULL) runs once it closes, picked or not. */
void tui_choose(struct tui *t, const char *title, enum chooser_mode mode, const char *ext,
                chooser_done done, void *ctx, void (*ctx_free)(void *));
void chooser_free(struct chooser *c);
void chooser_draw(struct tui *t, struct chooser *c);
unsigned chooser_input(struct tui *t, int ch);

/* ---- viewer: a full-screen scrollable text (help, a key file) ---- */
/* A row of a view: part of one of its lines, wrapped to the width. */
struct view_row {
	size_t line, off, len;  /* lines[line] + off, len bytes */
	int indent;             /* columns before it: a continued line's hang */
};
struct view {
	char *title;
	char **lines;
	size_t n;
	struct view_row *rows;  /* the lines wrapped to `width` columns */
	size_t nrows, top;      /* top: the first row shown */
	int width;              /* what rows was made for; 0: not yet */
};
/* Show text (split on newlines) full screen until Esc or q; a line wider
 * than the screen is wrapped at spaces, continued under a hanging indent,
 * again at each new width. */
void tui_view_text(struct tui *t, const char *title, const char *text);
void view_free(struct view *v);
void view_draw(struct tui *t, struct view *v);
unsigned view_input(struct tui *t, int ch);
/* The ? screen, from the action table. */
void tui_help(struct tui *t);
/* The status bar for the bindings of a screen. */
void tui_draw_status(struct tui *t, const enum action *local, bool has_list);

/* ---- leaving (leave.c) ---- */
/* The question quitting asks when it would lose work (a form with
 * changes typed, a screen's unsaved work), translated; NULL when nothing
 * would be lost. */
const char *tui_unsaved(struct tui *t);
/* q or ^C: R_QUIT when nothing would be lost, else the question shown in
 * t->quit_dlg (R_REDRAW). */
unsigned tui_ask_quit(struct tui *t);
/* An input while the question is shown: y quits, any other stays. */
unsigned tui_quit_input(struct tui *t, int ch);
/* The session ends without asking (SIGTERM, SIGHUP: `why` says which):
 * what would be lost goes to a new file beside the database (or in
 * $TMPDIR when that folder is not writable). Its path (a new string), or
 * NULL when nothing was unsaved, or when it could not be written:
 * *failed then. */
char *tui_keep_unsaved(struct tui *t, const char *why, bool *failed);
/* The newest such file beside the database (a new string), or NULL. */
char *tui_unsaved_file(struct tui *t);

/* ---- links between screens ---- */
/* Open the distributions screen: receipt_id > 0 starts a preview of that
 * receipt (asking for the key), 0 asks for the receipt first, and -N
 * opens the stored distribution N. */
void dists_start(struct tui *t, int64_t receipt_id);
/* Open the statements screen on this member. */
void statements_show(struct tui *t, const char *member);
/* account.c: member m's account across every exercise, full screen. */
void account_show(struct tui *t, const struct member *m);
/* I: import a CSV file of table t, picked with the chooser (imports.c). */
unsigned tui_import(struct tui *t, enum table table);
/* E: the form that produces a document (documents.c); member: the one
 * proposed (NULL: all), from and to the period proposed. */
unsigned tui_documents(struct tui *t, const char *member, int32_t from, int32_t to);

#endif
