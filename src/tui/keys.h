/* keys.h: what the keys screen (scr_keys.c) and its editor of reservations
 * and pools (keys_edit.c) share: the screen's state and the editor's
 * entry points; the editor is drawn by keys_draw.c. */
#ifndef QUOTEPART_TUI_KEYS_H
#define QUOTEPART_TUI_KEYS_H

#include "tui_internal.h"

struct key_edit;

struct keys {
	struct key_info *v;
	size_t n;
	struct key **parsed;   /* per key: the latest version, NULL if unreadable */
	struct tlist list;
	char *select;          /* select this key after the next load, or NULL */
	/* The key being edited: a working copy, saved as a new version by s.
	 * Rows of `parts`: 0 the key itself (name, description), then the
	 * reservations, then the pools. */
	struct key *edit;      /* NULL when not editing */
	int edit_base;         /* the version it started from; 0: a new key */
	bool edit_dirty;       /* changed since it was opened */
	struct tlist parts;
	/* A key file edited in $EDITOR, its save announced for the next
	 * frame (it may wait for another program). */
	struct key_edit *file_edit;
	char *file_text;
};

/* A key's codes as the key screens show them: a French reader reads the
 * configuration's French labels and the bases in French words; in
 * English the codes are the words, as the key file and the hints write
 * them (fte, associate, RCP). keys_words_add adds a list of them, ", "
 * between. */
const char *keys_word(const struct codelist *l, const char *code);
void keys_words_add(struct sbuf *b, const struct codelist *l, const struct strlist *codes);

/* The editor's rows: 0 the key, then its reservations, then its pools;
 * keys_part_kind tells a row's kind and sets *i to its index there. */
enum part_kind { PART_KEY, PART_RES, PART_POOL };
enum part_kind keys_part_kind(const struct key *k, size_t row, size_t *i);
/* What a reservation takes, as its form reads it (a new string). */
char *keys_res_value_text(const struct key_reservation *r);

/* The editor's bindings, in status-bar order (ACT_NONE ends). */
extern const enum action keys_edit_bindings[];

/* Start editing key i of the list (e), or a new key (a: a form for its
 * name first). */
unsigned keys_edit_open(struct tui *t, struct keys *k, size_t i);
unsigned keys_edit_new(struct tui *t, struct keys *k);
/* Leave the editor, dropping the working copy. */
void keys_edit_close(struct keys *k);
void keys_edit_draw(struct tui *t, struct keys *k, int top, int rows);
unsigned keys_edit_act(struct tui *t, struct keys *k, enum action a);

#endif
