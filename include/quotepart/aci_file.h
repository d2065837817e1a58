/* aci_file.h: ACI rule sets and declarations as libconfig files
 * (FORECAST.md "Files"). Errors read "FILE:LINE: what": ST_CONFIG for a
 * rule set, ST_INVALID for a declaration. */
#ifndef QUOTEPART_ACI_FILE_H
#define QUOTEPART_ACI_FILE_H

#include "quotepart/aci.h"
#include "quotepart/err.h"
#include "quotepart/text.h"

/* A rule set from text (name for messages), or from the file at path;
 * path NULL: the one shipped, config/aci/avenant1.cfg, compiled in. *out
 * is new (aci_rules_free). */
enum status aci_rules_parse(const char *text, const char *name, struct aci_rules **out,
                            struct err *e);
enum status aci_rules_load(const char *path, struct aci_rules **out, struct err *e);

/* A declaration under rules r: unknown settings and indicators, values
 * of the wrong type, over their maximum, over the count they are part
 * of, or without their base item are refused at their line. *out is
 * filled (aci_decl_fini), zeroed on failure. */
enum status aci_decl_parse(const char *text, const char *name, const struct aci_rules *r,
                           struct aci_decl *out, struct err *e);
enum status aci_decl_load(const char *path, const struct aci_rules *r, struct aci_decl *out,
                          struct err *e);

/* d in the file format, such that aci_decl_parse gives it back. */
void aci_decl_write(const struct aci_rules *r, const struct aci_decl *d, struct sbuf *b);

#endif
