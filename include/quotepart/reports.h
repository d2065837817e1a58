/* reports.h: the reports people hand out: member statements, annual
 * attestations, the team-meeting summary, funding per post, expected
 * versus received and the accountant's journal, as text, CSV, PDF (cairo
 * and pango) or XLSX (libxlsxwriter).
 *
 * The app layer (app_reports.h) reads the database into the plain structs
 * below; the functions here only lay them out. Text, CSV and PDF are
 * appended to a struct sbuf (the caller writes the file atomically); the
 * XLSX workbook is the one exception, written by libxlsxwriter to a
 * temporary file then renamed. Nothing here prints or touches the
 * database. Amounts are integer cents everywhere; only the XLSX cell
 * values are floating point, for display. */
#ifndef QUOTEPART_REPORTS_H
#define QUOTEPART_REPORTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "quotepart/domain.h"
#include "quotepart/err.h"
#include "quotepart/text.h"

/* The one list of formats, for every report and command. */
enum rep_format { REP_TEXT, REP_CSV, REP_PDF, REP_XLSX, REP_FEC };

/* The formats a report or a command makes, as a set of bits: each report
 * below declares its own (REP_STATEMENT_FORMATS...), and the command line
 * accepts exactly those. */
#define REP_CAN(f)   (1u << (f))
#define REP_CAN_TEXT REP_CAN(REP_TEXT)
#define REP_CAN_CSV  REP_CAN(REP_CSV)
#define REP_CAN_PDF  REP_CAN(REP_PDF)
#define REP_CAN_XLSX REP_CAN(REP_XLSX)
#define REP_CAN_FEC  REP_CAN(REP_FEC)

/* The audit chain's head when a report is made. Every report in text and
 * PDF ends with it, so that a copy handed out can later expose a
 * rewritten history: `quotepart check` prints the current head. CSV
 * files carry data rows only, never this head. */
struct rep_audit {
	char head[65];        /* 64 hex digits; "" for an empty log */
	int64_t entries;
};

/* "text", "csv", "pdf", "xlsx", "fec" -> format; false for anything else. */
bool rep_format_parse(const char *s, enum rep_format *out);
const char *rep_format_name(enum rep_format f);
/* The format named s among those of `can` (a set of REP_CAN bits), dflt
 * when s is NULL: true; false when s names no format or one outside can
 * (*out is then unspecified). */
bool rep_format_pick(const char *s, unsigned can, enum rep_format dflt,
                     enum rep_format *out);
/* The names of the formats of `can` for a message, dflt first, then in
 * the order above: "text, csv or pdf" (" or " in the current language),
 * appended to out. */
void rep_format_list(unsigned can, enum rep_format dflt, struct sbuf *out);

/* The ending of a report as text (a blank line, then the sentence of
 * struct rep_audit), appended to out. Every text report of this header
 * ends this way; so does `show`. PDF documents say the same words on
 * their last page, XLSX workbooks in their last rows. CSV files (reports,
 * `show`, the table exports) carry data rows only: nothing is appended
 * for REP_CSV. */
void rep_audit_footer(const struct rep_audit *a, enum rep_format f, struct sbuf *out);

/* The configuration whose labels the text and PDF documents show for the
 * codes they name (professions, groups, statuses, sources, receipt and
 * activity kinds), in the current language. Borrowed: the caller keeps it
 * alive while documents are made, and sets NULL before freeing it; with
 * none set, documents show the codes. CSV files keep the codes. */
struct config;
void rep_labels_use(const struct config *cfg);
/* The configuration rep_labels_use set, or NULL. */
const struct config *rep_labels_config(void);

/* A member as the reports name them: codes from the database, labels in
 * the current language from the configuration. Owns its strings. */
struct rep_person {
	char *code;
	char *name;
	char *profession;     /* label (the code when the config lacks it) */
	char *group;          /* group code; NULL when unknown */
	char *status;         /* label */
	char *rpps;           /* NULL when none */
};
void rep_person_fini(struct rep_person *p);

/* The member a distribution line pays: the recipient of a pool line, or
 * CODE of a reservation to "member:CODE"; NULL for an account (a post,
 * operating costs). Points into the line. */
const char *rep_line_member(const struct dist_line *l);

/* An approved distribution with its receipt, and what a statement says
 * of where its lines come from (app_statements fills these; the other
 * reports leave them zero): the earlier approved distributions a true-up
 * subtracts (each with its receipt, none of them with earlier ones of
 * its own), and the day the distribution a reversal reverses was
 * approved (DATE_NONE when unknown). */
struct rep_dist {
	struct distribution d;
	struct receipt r;
	struct rep_dist *earlier;
	size_t n_earlier;
	int32_t reversed_on;
};
/* Free what x holds, its earlier distributions included. */
void rep_dist_fini(struct rep_dist *x);

/* ---- member statements ---- */

/* The approved distributions whose receipt was received in [from, to]
 * (the statement's period filters on the receipt's date), and the members
 * to write a statement for. */
struct rep_statements {
	char *practice;
	char *address;                /* the practice's; "" when not set */
	char *siret;                  /* 14 digits; "" when not set */
	struct rep_audit audit;
	int32_t from, to;
	int32_t issued;               /* the day the statements are made */
	struct rep_dist *dists;
	size_t n_dists;
	struct rep_person *members;
	size_t n_members;
};
void rep_statements_fini(struct rep_statements *s);

struct rep_totals {
	int64_t total;    /* Σ cents of the member's lines (owed back < 0) */
	int64_t paid;     /* Σ of those lines recorded as paid */
	int64_t due;      /* total - paid: still due to the member (< 0:
	                   * still owed back by the member) */
	size_t lines;
};
/* The totals of members[member]. */
struct rep_totals rep_statement_totals(const struct rep_statements *s,
                                       size_t member);

/* Statements of members [first, first + count): text (members separated
 * by a rule), CSV (one table, a row per line, the member in the first
 * columns) or PDF (each member starts a new page). ST_USAGE for XLSX. */
#define REP_STATEMENT_FORMATS (REP_CAN_TEXT | REP_CAN_CSV | REP_CAN_PDF)
enum status rep_statement(const struct rep_statements *s, size_t first,
                          size_t count, enum rep_format f, struct sbuf *out,
                          struct err *e);

/* ---- payments: attestations and the journal ---- */

/* Payments recorded in a calendar year (db_report.h), and the members to
 * write an attestation for. */
struct rep_payments {
	char *practice;
	char *address;        /* the practice's; "" when not set (the journal */
	char *siret;          /* leaves both NULL) */
	struct rep_audit audit;
	int year;
	int32_t issued;
	struct payment_record *v;
	size_t n;
	struct rep_person *members;
	size_t n_members;
};
void rep_payments_fini(struct rep_payments *p);

/* What members[member] was paid in the year: net of amounts owed back. */
int64_t rep_attestation_total(const struct rep_payments *p, size_t member);

/* Attestations of members [first, first + count), by source: text, CSV
 * or PDF (a page per member). ST_USAGE for XLSX. */
#define REP_ATTESTATION_FORMATS (REP_CAN_TEXT | REP_CAN_CSV | REP_CAN_PDF)
enum status rep_attestation(const struct rep_payments *p, size_t first,
                            size_t count, enum rep_format f, struct sbuf *out,
                            struct err *e);

/* The accountant's journal: a row per payment (text or CSV; ST_USAGE
 * otherwise). Members' amounts go to "gains divers" (2035 return). The
 * command also makes the FEC below (REP_FEC). */
#define REP_JOURNAL_FORMATS (REP_CAN_TEXT | REP_CAN_CSV | REP_CAN_FEC)
enum status rep_journal(const struct rep_payments *p, enum rep_format f,
                        struct sbuf *out, struct err *e);

/* ---- the FEC journal (article A47 A-1 of the LPF) ---- */

enum rep_fec_journal { REP_FEC_BANK, REP_FEC_OD };

/* One line of an entry: an account debited or credited; both amounts are
 * >= 0 and one of them is 0. */
struct rep_fec_line {
	char *account;        /* CompteNum */
	char *account_label;  /* CompteLib */
	char *aux;            /* CompAuxNum: the member code; NULL when none */
	char *aux_label;      /* CompAuxLib: the member's name; NULL when none */
	int64_t debit, credit;
};

/* One balanced entry: a receipt, an approved distribution or the payments
 * of a distribution on one day. */
struct rep_fec_entry {
	enum rep_fec_journal journal;
	int32_t date;         /* EcritureDate, and ValidDate */
	char *piece;          /* PieceRef: the receipt's reference, "D1" */
	int32_t piece_date;
	char *label;          /* EcritureLib */
	struct rep_fec_line *lines;
	size_t n_lines;
};

struct rep_fec {
	char *siren;          /* "" when the practice has none */
	int year;
	struct rep_fec_entry *v;   /* in date order, numbered from 1 */
	size_t n;
};
void rep_fec_fini(struct rep_fec *f);

/* The FEC as a file: the 18 columns' header, then a line per entry line,
 * tab-separated, UTF-8 without byte order mark, LF line ends, dates
 * AAAAMMJJ, amounts with a decimal comma and no thousands separator;
 * EcritureNum 1, 2... in entry order. Tabs and control characters of the
 * labels become spaces. No audit ending: the norm allows no other line. */
enum status rep_fec(const struct rep_fec *f, struct sbuf *out, struct err *e);

/* The norm's file name: SIRENFECAAAAMMJJ.txt, the exercise's closing
 * date (31 December of the year). A new string, or NULL. */
char *rep_fec_file_name(const char *siren, int year);

/* ---- the team-meeting summary ---- */

struct rep_sum_row {
	char *code;           /* member code, or an account */
	char *name;           /* the member's name; NULL for an account */
	char *group;          /* profession group code; NULL for an account */
	int64_t *cents;       /* per source, n_sources */
	int64_t *by_col;      /* per column (source and exercise), n_cols */
	int64_t total;
	int64_t paid;         /* Σ of the lines recorded as paid; total - paid
	                       * is still due (< 0: still owed back) */
};

struct rep_sum_group {
	char *code;           /* NULL: the accounts (posts, operating) */
	char *label;
	int64_t *cents;       /* per source */
	int64_t *by_col;      /* per column */
	int64_t total;
};

/* A column of the text, PDF and XLSX tables: the receipts of a source
 * for one exercise, so that the ACI 2024 balance and the 2025 advance are
 * told apart. */
struct rep_sum_col {
	char *source;
	char *exercise;
	char *name;           /* "SOURCE EXERCISE", its header ("ACI 2024") */
};

/* A distribution the summary covers. */
struct rep_sum_dist {
	int64_t id;           /* DN */
	char *receipt;        /* the receipt's reference; NULL when none */
	char *source, *kind, *exercise;
	char *key;
	int key_version;
	int32_t approved_on;
	int64_t amount;
};

/* Approved distributions of the receipts received in the year, summed by
 * recipient and source (the CSV's columns) and by source and exercise
 * (the other formats'). */
struct rep_summary {
	char *practice;
	struct rep_audit audit;
	int year;
	int32_t from, to;
	int32_t issued;
	size_t n_dists;
	struct rep_sum_dist *dists;   /* n_dists, by distribution number */
	char **sources;       /* columns: codes, config order first */
	char **source_labels;
	size_t n_sources;
	struct rep_sum_col *cols;     /* by source as sources, then exercise */
	size_t n_cols;
	struct rep_sum_row *rows;     /* members by code, then accounts */
	size_t n_rows;
	size_t n_member_rows;         /* rows[0 .. n_member_rows) are members */
	struct rep_sum_group *groups; /* config order; accounts last */
	size_t n_groups;
	int64_t *totals;              /* per source */
	int64_t *col_totals;          /* per column */
	int64_t total;
};
void rep_summary_fini(struct rep_summary *s);

/* Text (with a character bar chart), CSV or PDF (with a drawn chart).
 * ST_USAGE for XLSX: see rep_summary_xlsx. The summary is made in every
 * format, XLSX included. */
#define REP_SUMMARY_FORMATS (REP_CAN_TEXT | REP_CAN_CSV | REP_CAN_PDF | REP_CAN_XLSX)
enum status rep_summary(const struct rep_summary *s, enum rep_format f,
                        struct sbuf *out, struct err *e);

/* The summary as an XLSX workbook at `path`: written to a temporary file
 * in the same folder (0600), then renamed over path. Amounts are numbers
 * in a euro format; totals are computed from integer cents and written
 * as numbers, not formulas. */
enum status rep_summary_xlsx(const struct rep_summary *s, const char *path,
                             struct err *e);

/* ---- funding per post ---- */

struct rep_funding {
	char *source;
	int32_t share_bp;
	int32_t start, end;   /* as recorded; end DATE_NONE: open */
	int64_t days;         /* days of the year the share applies to the
	                       * post while it exists */
	int64_t cents;        /* floor(yearly cost x share x days /
	                       * (10000 x days in the year)) */
};

struct rep_post {
	char *code;
	char *label;
	char *holder;         /* member code; NULL when vacant */
	int32_t fte;
	int64_t yearly_cost;
	int64_t days;         /* days of the year the post exists */
	int64_t cost;         /* floor(yearly cost x days / days in year) */
	struct rep_funding *fundings;
	size_t n_fundings;
	int64_t funded;       /* Σ fundings' cents */
	int64_t gap;          /* cost - funded (< 0: over-funded) */
};

/* Per source, for the year: received (receipts received in the year),
 * posts (its funding of the posts, above), members (lines to members of
 * approved distributions of its receipts received in the year), accounts
 * (reservations of those distributions to accounts: informative, already
 * inside `left`), left = received - posts - members. */
struct rep_source_left {
	char *source;
	char *label;
	int64_t received, posts, members, accounts, left;
};

struct rep_posts {
	char *practice;
	struct rep_audit audit;
	int year;
	int64_t year_days;
	int32_t issued;
	struct rep_post *posts;
	size_t n_posts;
	struct rep_source_left *sources;
	size_t n_sources;
	int64_t cost, funded, gap;    /* Σ over posts */
	struct rep_source_left total; /* Σ over sources (source NULL) */
};
void rep_posts_fini(struct rep_posts *p);

/* Text or CSV; ST_USAGE otherwise. */
#define REP_POSTS_FORMATS (REP_CAN_TEXT | REP_CAN_CSV)
enum status rep_posts(const struct rep_posts *p, enum rep_format f,
                      struct sbuf *out, struct err *e);

/* ---- expected versus received ---- */

struct rep_exp_kind {
	char *kind;
	int64_t count;        /* receipts of that kind */
	int64_t cents;
};

/* One source and exercise: its receipts by kind (whenever received), what
 * approved distributions gave of them, and the rest. */
struct rep_exp_row {
	char *source;
	char *exercise;
	struct rep_exp_kind *kinds;
	size_t n_kinds;
	int64_t received;
	int64_t distributed;
	int64_t undistributed;        /* received - distributed */
	bool balance;                 /* a receipt of kind "balance" is in */
};

struct rep_expected {
	char *practice;
	struct rep_audit audit;
	int year;
	int32_t issued;
	struct rep_exp_row *rows;     /* by source, then exercise */
	size_t n_rows;
	int64_t received, distributed, undistributed;
};
void rep_expected_fini(struct rep_expected *x);

/* Text or CSV; ST_USAGE otherwise. */
#define REP_EXPECTED_FORMATS (REP_CAN_TEXT | REP_CAN_CSV)
enum status rep_expected(const struct rep_expected *x, enum rep_format f,
                         struct sbuf *out, struct err *e);

#endif
