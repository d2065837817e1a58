/* peps_file.h: a practice's PEPS grid as a libconfig file (FORECAST.md
 * "Files"): "peps: { exercise = ...; cells = ( ... ); };". Errors read
 * "FILE:LINE: what", status ST_INVALID. */
#ifndef QUOTEPART_PEPS_FILE_H
#define QUOTEPART_PEPS_FILE_H

#include "quotepart/err.h"
#include "quotepart/peps.h"
#include "quotepart/text.h"

/* A grid from text (name for messages) or from the file at path: unknown
 * settings, values of the wrong type, a number past what its setting
 * allows, a percentage with more than two decimals, a coefficient with
 * more than four, an amount not in the money format, and what
 * peps_grid_check refuses, at their line. *out is filled (peps_grid_fini),
 * zeroed on failure. */
enum status peps_grid_parse(const char *text, const char *name, struct peps_grid *out,
                            struct err *e);
enum status peps_grid_load(const char *path, struct peps_grid *out, struct err *e);

/* g in the file format, such that peps_grid_parse gives it back. */
void peps_grid_write(const struct peps_grid *g, struct sbuf *b);

#endif
