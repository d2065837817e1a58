/* date.h: calendar dates as day numbers, ISO 8601 text, inclusive periods.
 *
 * A date is an int32_t count of days since 1970-01-01 (proleptic Gregorian),
 * so differences are exact day counts. DATE_NONE stands for "no date" (an
 * open end: a member who has not left). Periods are inclusive at both
 * ends: [start, end] has end - start + 1 days. */
#ifndef QUOTEPART_DATE_H
#define QUOTEPART_DATE_H

#include <stddef.h>
#include <stdint.h>

#include "quotepart/status.h"

#define DATE_NONE INT32_MAX
#define DATE_BUFSZ 16

/* Years accepted by the parser and the constructor. */
#define DATE_YEAR_MIN 1900
#define DATE_YEAR_MAX 2200

/* Day number of y-m-d; ST_INVALID for an impossible date (2025-02-29,
 * month 13, year outside DATE_YEAR_MIN..MAX). */
enum status date_make(int y, int m, int d, int32_t *out);

/* Split a day number into year, month, day (any pointer may be NULL). */
void date_split(int32_t date, int *y, int *m, int *d);

/* Parse "YYYY-MM-DD" (ISO) or "DD/MM/YYYY" (French spreadsheets), with
 * surrounding blanks allowed. Refuses anything else and impossible dates.
 * An empty or blank string is ST_INVALID too (callers that allow an empty
 * date check for it first). */
enum status date_parse(const char *s, int32_t *out);

/* "YYYY-MM-DD" into buf (DATE_BUFSZ); DATE_NONE gives "". Returns buf. */
char *date_format(int32_t date, char *buf, size_t size);

/* A date for people, in the reader's habit: "28/04/2025" when messages
 * are shown in French (i18n_is_french), else ISO as date_format (files
 * meant for programs keep date_format). DATE_NONE gives "". Returns buf. */
char *date_format_local(int32_t date, char *buf, size_t size);

/* Today: $QUOTEPART_TODAY (ISO) when set and valid, else the local date. */
int32_t date_today(void);

/* Number of days of [a_start, a_end] ∩ [b_start, b_end], inclusive, where
 * an end may be DATE_NONE (open). 0 when they do not meet. */
int64_t date_overlap(int32_t a_start, int32_t a_end, int32_t b_start, int32_t b_end);

/* First and last day of a calendar year. */
int32_t date_year_start(int year);
int32_t date_year_end(int year);

#endif
