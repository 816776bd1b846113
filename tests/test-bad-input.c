/* test-bad-input.c: the catalogue of bad input, field by field
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

/* unshare() and mount(), for the full-disk variant that runs as root. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <errno.h>
#include <glib/gstdio.h>
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

#include "rectify-case-file.h"
#include "rectify-case-store.h"
#include "rectify-format.h"
#include "rectify-request.h"
#include "rectify-test-case.h"

/* Every field the owner types gets the values people (and broken files)
 * really produce: nothing, spaces, ten megabytes, bytes that are not UTF-8,
 * negative and huge numbers, 1e309, NaN. Each one either gets a problem
 * beside its field, in words, or is repaired (invalid UTF-8 made valid);
 * and the case still validates, makes its request text, saves and loads.
 * Then the dates at the ends of the calendar, attachments that vanish or
 * cannot be read, and a disk that fills up while a case is saved. */

#define TEN_MB (10 * 1024 * 1024)

/* What a value must give. */
enum
{
  ACCEPTED = 0,      /* no problem, kept as typed */
  PROBLEM  = 1 << 0, /* a problem beside the field, with a message */
  REPAIRED = 1 << 1, /* kept, but made valid UTF-8 */
};

typedef struct
{
  const char *label;
  const char *value;    /* NULL: ten megabytes, made by big_value() */
  char        fill;     /* what the ten megabytes are made of */
  guint       expect;
} BadValue;

/* For any field: nothing, blanks, too much, broken encoding. */
#define COMMON_BAD(huge_expect) \
  { "empty", "", 0, PROBLEM }, \
  { "spaces only", "   \t  ", 0, PROBLEM }, \
  { "10 MB of letters", NULL, 'x', huge_expect }, \
  { "invalid UTF-8", "Acme \xff\xfe SL \xc3", 0, REPAIRED }, \
  { "a bell", "Acme\x07 SL, nothing else wrong here", 0, PROBLEM }, \
  { "a terminal escape", "Acme \x1b[31mSL\x1b[0m, nothing else wrong", 0, PROBLEM }, \
  { "a DEL", "Acme SL\x7f, nothing else wrong here", 0, PROBLEM }

/* For the numbers and amounts. */
#define NUMBER_BAD \
  { "negative", "-5", 0, PROBLEM }, \
  { "minus sign", "\xe2\x88\x92" "5", 0, PROBLEM }, \
  { "beyond 64 bits", "99999999999999999999999", 0, PROBLEM }, \
  { "10 MB of digits", NULL, '9', PROBLEM }, \
  { "1e309", "1e309", 0, PROBLEM }, \
  { "NaN", "NaN", 0, PROBLEM }, \
  { "Infinity", "Infinity", 0, PROBLEM }, \
  { "invalid UTF-8 digit", "5\xff", 0, PROBLEM | REPAIRED }

static const BadValue name_values[] = {
  COMMON_BAD (PROBLEM),
  { "201 characters", NULL, 0, PROBLEM },
  { "a number", "-5", 0, ACCEPTED },
};

static const BadValue email_values[] = {
  COMMON_BAD (PROBLEM),
  { "no @", "ana.example.com", 0, PROBLEM },
  { "two @", "ana@@example.com", 0, PROBLEM },
  { "no dot", "ana@example", 0, PROBLEM },
  { "empty label", "ana@example..com", 0, PROBLEM },
  { "a space", "ana garcia@example.com", 0, PROBLEM },
};

#define COUNT_BAD \
  COMMON_BAD (PROBLEM), \
  NUMBER_BAD, \
  { "largest 64-bit", "9223372036854775807", 0, PROBLEM }, \
  { "decimal", "2.5", 0, PROBLEM }, \
  { "Arabic-Indic digit", "\xd9\xa3", 0, PROBLEM }

static const BadValue count_values[] = {
  COUNT_BAD,
  { "zero", "0", 0, PROBLEM },
};

/* Keeping none is allowed (with a warning); keeping them all is not. */
static const BadValue keep_values[] = {
  COUNT_BAD,
  { "all of them", "5", 0, PROBLEM },
};

static const BadValue money_values[] = {
  COMMON_BAD (PROBLEM),
  NUMBER_BAD,
  { "three decimals", "19.999", 0, PROBLEM },
  { "another currency", "19.99 USD", 0, PROBLEM },
};

static const BadValue currency_values[] = {
  COMMON_BAD (PROBLEM),
  { "unknown code", "XYZ", 0, PROBLEM },
  { "a symbol", "\xe2\x82\xac", 0, PROBLEM },
  { "a number", "-5", 0, PROBLEM },
};

static const BadValue explanation_values[] = {
  COMMON_BAD (PROBLEM),
  { "5001 characters", NULL, 0, PROBLEM },
  /* Tabs and line ends are text, not controls to refuse. */
  { "lines and tabs", "It happened twice:\n\tonce in May,\r\n\tonce in June.", 0, ACCEPTED },
};

/* The statement amount is optional: blank is fine, garbage is not. */
static const BadValue statement_values[] = {
  { "empty", "", 0, ACCEPTED },
  { "spaces only", "   \t  ", 0, ACCEPTED },
  { "10 MB of letters", NULL, 'x', PROBLEM },
  { "invalid UTF-8", "39.98 \xff", 0, PROBLEM | REPAIRED },
  NUMBER_BAD,
};

typedef struct
{
  RectifyText      text;
  RectifyScenario  scenario;  /* the one under which the field is checked */
  const BadValue  *values;
  gsize            n_values;
} Field;

#define FIELD(t, s, v) { t, s, v, G_N_ELEMENTS (v) }

static const Field fields[] = {
  FIELD (RECTIFY_TEXT_ACCOUNT, RECTIFY_SCENARIO_UNINTENDED, name_values),
  FIELD (RECTIFY_TEXT_OWNER_NAME, RECTIFY_SCENARIO_UNINTENDED, name_values),
  FIELD (RECTIFY_TEXT_CONTACT_EMAIL, RECTIFY_SCENARIO_UNINTENDED, email_values),
  FIELD (RECTIFY_TEXT_LICENCE_TYPE, RECTIFY_SCENARIO_UNINTENDED, name_values),
  FIELD (RECTIFY_TEXT_QUANTITY, RECTIFY_SCENARIO_UNINTENDED, count_values),
  FIELD (RECTIFY_TEXT_UNIT_PRICE, RECTIFY_SCENARIO_UNINTENDED, money_values),
  FIELD (RECTIFY_TEXT_CURRENCY, RECTIFY_SCENARIO_UNINTENDED, currency_values),
  FIELD (RECTIFY_TEXT_INTENDED_TYPE, RECTIFY_SCENARIO_WRONG_TYPE, name_values),
  FIELD (RECTIFY_TEXT_ADDED_BY_MISTAKE, RECTIFY_SCENARIO_UNINTENDED, count_values),
  FIELD (RECTIFY_TEXT_KEEP_COUNT, RECTIFY_SCENARIO_TOO_MANY, keep_values),
  FIELD (RECTIFY_TEXT_EXPLANATION, RECTIFY_SCENARIO_UNINTENDED, explanation_values),
  FIELD (RECTIFY_TEXT_STATEMENT_AMOUNT, RECTIFY_SCENARIO_UNINTENDED, statement_values),
};

static gboolean can_mount;

static GDate *
today (void)
{
  static GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 26, 11, 2026);
  return &date;
}

static char *
make_value (const BadValue *bad)
{
  if (bad->value != NULL)
    return g_strdup (bad->value);

  if (bad->fill != 0)
    {
      char *value = g_malloc (TEN_MB + 1);

      memset (value, bad->fill, TEN_MB);
      value[TEN_MB] = '\0';
      return value;
    }

  /* Just over the limit of the field: names, or the explanation. */
  if (g_str_has_prefix (bad->label, "5001"))
    return g_strnfill (RECTIFY_MAX_EXPLANATION + 1, 'e');
  return g_strnfill (RECTIFY_MAX_NAME + 1, 'n');
}

/* What the rest of the app does with a case: the request text, the amounts,
 * and a save that loads back with the same text. */
static void
exercise (RectifyCase *rcase)
{
  g_autofree char *subject = rectify_request_dup_subject (rcase);
  g_autofree char *body = rectify_request_dup_body (rcase, today ());
  g_autoptr(GBytes) bytes = rectify_case_to_bytes (rcase);
  g_autoptr(RectifyCase) copy = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_utf8_validate (subject, -1, NULL));
  g_assert_true (g_utf8_validate (body, -1, NULL));

  for (RectifyResolution r = RECTIFY_RESOLUTION_REMOVE; r <= RECTIFY_RESOLUTION_SCHEDULED; r++)
    {
      g_autoptr(GError) amount_error = NULL;
      gint64 amount;

      if (!rectify_case_compute_amount (rcase, r, today (), &amount, &amount_error))
        g_assert_nonnull (amount_error);
    }

  copy = rectify_case_from_bytes (bytes, &error);
  g_assert_no_error (error);
  for (RectifyText text = 0; text < RECTIFY_N_TEXTS; text++)
    g_assert_cmpstr (rectify_case_get_text (copy, text), ==, rectify_case_get_text (rcase, text));
}

static void
check_field_value (const Field    *field,
                   const BadValue *bad)
{
  const char *property = rectify_case_text_property (field->text);
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autofree char *value = make_value (bad);
  const RectifyProblem *problem;
  const char *stored;

  g_test_message ("%s: %s", property, bad->label);

  rectify_test_fill_complete (rcase, field->scenario);
  rectify_case_set_text (rcase, RECTIFY_TEXT_STATEMENT_AMOUNT, "39.98");
  g_assert_null (rectify_case_get_field_problem (rcase, property));

  rectify_case_set_text (rcase, field->text, value);
  stored = rectify_case_get_text (rcase, field->text);
  g_assert_true (g_utf8_validate (stored, -1, NULL));

  if (bad->expect & REPAIRED)
    {
      g_assert_false (g_utf8_validate (value, -1, NULL));
      g_assert_nonnull (strstr (stored, "\xef\xbf\xbd")); /* U+FFFD */
    }
  else if (strlen (value) > RECTIFY_MAX_TEXT_BYTES)
    {
      /* Megabytes are cut, never copied whole; the problem says why. */
      g_assert_cmpuint (strlen (stored), ==, RECTIFY_MAX_TEXT_BYTES);
      g_assert_true (strncmp (stored, value, RECTIFY_MAX_TEXT_BYTES) == 0);
    }
  else
    {
      g_assert_cmpstr (stored, ==, value);
    }

  problem = rectify_case_get_field_problem (rcase, property);
  if (bad->expect & PROBLEM)
    {
      if (problem == NULL)
        g_error ("%s: “%s” gets no problem", property, bad->label);
      g_assert_nonnull (problem->message);
      g_assert_cmpstr (problem->message, !=, "");
      g_assert_true (g_utf8_validate (problem->message, -1, NULL));
      g_assert_false (problem->warning);
    }
  else if (!(bad->expect & REPAIRED) && problem != NULL)
    {
      g_error ("%s: “%s” gets a problem: %s", property, bad->label, problem->message);
    }

  exercise (rcase);
}

static void
test_field (gconstpointer data)
{
  const Field *field = data;

  rectify_test_set_today (2026, 11, 26);
  for (gsize i = 0; i < field->n_values; i++)
    check_field_value (field, &field->values[i]);
}

/* Dates as typed: nothing out of the calendar gets through, nothing crashes. */
static void
test_parse_date_bad (void)
{
  static const char * const refused[] = {
    "", "   ", "0001-01-01", "0999-12-31", "1/2/0999", "-026-12-02", "10000-01-01", "0000-00-00",
    "2026-02-30", "2026-13-01", "1900-02-29", "1e309", "NaN", "Infinity", "\xff\xfe",
    "26/11", "2026", "99999999999999999999", "2026-11-26 junk", "1 January 10000",
  };
  static const struct { const char *text; guint year; } accepted[] = {
    /* GLib reads a sign as a separator: the year is 2026, not -2026. */
    { "-2026-11-26", 2026 },
    { "1000-01-01", 1000 },
    { "1900-01-01", 1900 },
    { "2000-02-29", 2000 },
    { "9999-12-31", 9999 },
  };
  g_autofree char *huge_digits = g_strnfill (TEN_MB, '1');
  g_autofree char *huge_letters = g_strnfill (TEN_MB, 'a');
  GDate date;

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *escaped = g_strescape (refused[i], NULL);

      g_test_message ("refused: \"%s\"", escaped);
      g_assert_false (rectify_parse_date (refused[i], &date));
      g_assert_false (g_date_valid (&date));
    }

  g_assert_false (rectify_parse_date (huge_digits, &date));
  g_assert_false (rectify_parse_date (huge_letters, &date));
  g_assert_false (rectify_parse_date (NULL, &date));

  for (gsize i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autofree char *numeric = NULL;
      g_autofree char *words = NULL;

      g_assert_true (rectify_parse_date (accepted[i].text, &date));
      g_assert_cmpuint (g_date_get_year (&date), ==, accepted[i].year);
      numeric = rectify_format_date_numeric (&date);
      words = rectify_format_date_long (&date);
      g_assert_cmpstr (numeric, !=, "");
      g_assert_cmpstr (words, !=, "");
    }
}

/* The case's own dates at the ends of the calendar: each gets the problem
 * it should, the first step is never complete, and the case still computes,
 * makes its text, saves and loads. A next billing date in the past is not a
 * problem by itself (the owner may be late; the banner says so). */
static void
test_case_dates_extreme (void)
{
  static const guint purchase_years[] = { 1, 1900, 2026, 9999 };
  static const guint billing_years[] = { 1, 1900, 9999 };

  rectify_test_set_today (2026, 11, 26);

  for (gsize i = 0; i < G_N_ELEMENTS (purchase_years); i++)
    for (gsize j = 0; j < G_N_ELEMENTS (billing_years); j++)
      {
        g_autoptr(RectifyCase) rcase = rectify_case_new ();
        g_autoptr(RectifyCase) copy = NULL;
        g_autoptr(GBytes) bytes = NULL;
        g_autoptr(GError) error = NULL;
        const RectifyProblem *problem;
        gboolean purchase_wrong = purchase_years[i] != 2026;
        gboolean billing_wrong = billing_years[j] == 9999 || billing_years[j] < purchase_years[i];
        GDate purchase, billing;

        g_test_message ("purchase in %u, next billing in %u", purchase_years[i], billing_years[j]);
        g_date_clear (&purchase, 1);
        g_date_clear (&billing, 1);
        if (purchase_years[i] == 2026)
          g_date_set_dmy (&purchase, 20, 11, 2026);
        else
          g_date_set_dmy (&purchase, 1, 1, purchase_years[i]);
        g_date_set_dmy (&billing, 31, 12, billing_years[j]);

        rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_TOO_MANY);
        rectify_case_set_resolution (rcase, RECTIFY_RESOLUTION_PRORATED);
        rectify_case_set_purchase_date (rcase, &purchase);
        rectify_case_set_next_billing (rcase, &billing);

        problem = rectify_case_get_field_problem (rcase, "purchase-date");
        g_assert_true ((problem != NULL) == purchase_wrong);
        if (problem != NULL)
          g_assert_cmpstr (problem->message, !=, "");

        problem = rectify_case_get_field_problem (rcase, "next-billing");
        g_assert_true ((problem != NULL) == billing_wrong);
        if (problem != NULL)
          g_assert_cmpstr (problem->message, !=, "");

        g_assert_false (rectify_case_get_step_complete (rcase, RECTIFY_STEP_IDENTIFY));

        exercise (rcase);

        bytes = rectify_case_to_bytes (rcase);
        copy = rectify_case_from_bytes (bytes, &error);
        g_assert_no_error (error);
        g_assert_cmpint (g_date_compare (rectify_case_get_purchase_date (copy), &purchase), ==, 0);
        g_assert_cmpint (g_date_compare (rectify_case_get_next_billing (copy), &billing), ==, 0);
      }
}

/* Attachments. */

static RectifyAttachment *
attach_checked (RectifyCase *rcase,
                const char  *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  RectifyAttachment *attachment = rectify_attachment_new (file);

  rectify_case_add_attachment (rcase, attachment);
  rectify_test_check_attachment (attachment);
  g_object_unref (attachment);
  return attachment;
}

static void
assert_attachment_problem (RectifyCase *rcase)
{
  const RectifyProblem *problem = rectify_case_get_field_problem (rcase, "attachments");

  g_assert_nonnull (problem);
  g_assert_cmpstr (problem->message, !=, "");
  g_assert_false (rectify_case_get_step_complete (rcase, RECTIFY_STEP_DETAILS));
  exercise (rcase);
}

static const char pdf[] = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";

static char *
write_invoice (const char *name)
{
  char *path = g_build_filename (g_get_user_data_dir (), name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);

  g_assert_true (g_file_set_contents (path, pdf, sizeof pdf - 1, NULL));
  return path;
}

static void
test_attachment_vanishes (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autofree char *path = write_invoice ("invoice.pdf");
  RectifyAttachment *attachment;

  /* Without the MIME database every file is text/plain, which support
   * does not accept. */
  if (!g_file_test ("/usr/share/mime/mime.cache", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("No shared MIME database in /usr/share/mime");
      return;
    }
  rectify_test_use_system_mime_database ();
  rectify_test_set_today (2026, 11, 26);
  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_UNINTENDED);

  attachment = attach_checked (rcase, path);
  g_assert_cmpint (rectify_attachment_get_state (attachment), ==,
                   RECTIFY_ATTACHMENT_STATE_READY);
  g_assert_null (rectify_case_get_field_problem (rcase, "attachments"));

  /* Deleted (or moved) after it was attached. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  rectify_test_check_attachment (attachment);
  g_assert_cmpint (rectify_attachment_get_state (attachment), ==,
                   RECTIFY_ATTACHMENT_STATE_MISSING);
  assert_attachment_problem (rcase);
}

static void
test_attachment_unreadable (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autofree char *path = write_invoice ("locked.pdf");
  g_autofree char *dangling = g_build_filename (g_get_user_data_dir (), "moved.pdf", NULL);
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "folder.pdf", NULL);
  RectifyAttachment *attachment;

  rectify_test_set_today (2026, 11, 26);
  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_UNINTENDED);

  /* chmod 000 does not stop root from reading: there, only the other two
   * kinds of unreadable are tried. */
  if (geteuid () != 0)
    {
      g_assert_cmpint (g_chmod (path, 0), ==, 0);
      attachment = attach_checked (rcase, path);
      g_assert_cmpint (rectify_attachment_get_state (attachment), ==,
                       RECTIFY_ATTACHMENT_STATE_UNREADABLE);
      assert_attachment_problem (rcase);
      rectify_case_remove_attachment (rcase, attachment);
      g_chmod (path, 0600);
    }
  else
    {
      g_test_message ("Running as root: chmod 000 does not make a file unreadable");
    }

  /* A folder where the file was. */
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  attachment = attach_checked (rcase, folder);
  g_assert_cmpint (rectify_attachment_get_state (attachment), ==,
                   RECTIFY_ATTACHMENT_STATE_UNREADABLE);
  assert_attachment_problem (rcase);
  rectify_case_remove_attachment (rcase, attachment);

  /* A link to a file that is gone. GIO reports the link itself, which is
   * not a regular file: "cannot be read" rather than "no longer there". */
  g_assert_cmpint (symlink ("/nonexistent/invoice.pdf", dangling), ==, 0);
  attachment = attach_checked (rcase, dangling);
  g_assert_cmpint (rectify_attachment_get_state (attachment), ==,
                   RECTIFY_ATTACHMENT_STATE_UNREADABLE);
  assert_attachment_problem (rcase);

  g_unlink (dangling);
  g_rmdir (folder);
  g_unlink (path);
}

/* A file whose name is not UTF-8 (Linux allows any bytes; old Latin-1
 * archives have such names) can be attached, and the case still saves to a
 * file that reads back with the same file attached. */
static void
test_attachment_name_not_utf8 (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autoptr(RectifyCase) copy = NULL;
  g_autoptr(RectifyAttachment) attachment = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "factura-\xe9t\xe9.pdf",
                                            NULL);

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, pdf, sizeof pdf - 1, NULL));
  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_UNINTENDED);
  file = g_file_new_for_path (path);
  attachment = rectify_attachment_new (file);
  rectify_case_add_attachment (rcase, attachment);
  rectify_test_check_attachment (attachment);
  g_assert_true (g_utf8_validate (rectify_attachment_get_display_name (attachment), -1, NULL));

  bytes = rectify_case_to_bytes (rcase);
  g_assert_true (g_utf8_validate (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  copy = rectify_case_from_bytes (bytes, &error);
  g_assert_no_error (error);
  g_clear_object (&attachment);
  attachment = g_list_model_get_item (rectify_case_get_attachments (copy), 0);
  g_assert_cmpstr (rectify_attachment_get_path (attachment), ==, path);
  g_unlink (path);
}

/* Case files that are not case files: each is set aside, reported, and the
 * good case next to them still loads. */
static void
load_cb_set_aside (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GPtrArray **set_aside = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (rectify_case_store_load_finish (RECTIFY_CASE_STORE (object), result,
                                                 set_aside, &error));
  g_assert_no_error (error);
}

static void
test_case_files_bad (void)
{
  static const char * const contents[] = {
    "\n", " \t\r\n ", "null", "[]", "{}", "\"case\"", "42", "{\"version\": 1}",
    "{\"version\": 2, \"reference\": \"0fad4f3d-e551-40ef-8e1f-8cf152ef9c66\"}",
    "{\"version\": 1, \"reference\": \"not-a-uuid\"}",
    "{\"version\": 1e309}", "{\"version\": NaN}", "\xef\xbb\xbf{}", "{\"a\":",
  };
  g_autoptr(GFile) directory = g_file_new_build_filename (g_get_user_data_dir (), "cases", NULL);
  g_autoptr(RectifyCase) good = rectify_case_new ();
  g_autoptr(RectifyCaseStore) store = NULL;
  g_autoptr(GPtrArray) set_aside = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = g_file_get_path (directory);

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  rectify_test_fill_complete (good, RECTIFY_SCENARIO_UNINTENDED);
  bytes = rectify_case_to_bytes (good);
  {
    g_autofree char *name = g_strconcat (rectify_case_get_reference (good), ".json", NULL);
    g_autofree char *file = g_build_filename (path, name, NULL);

    g_assert_true (g_file_set_contents (file, g_bytes_get_data (bytes, NULL),
                                        g_bytes_get_size (bytes), NULL));
  }

  for (gsize i = 0; i < G_N_ELEMENTS (contents); i++)
    {
      g_autofree char *name = g_strdup_printf ("bad-%02" G_GSIZE_FORMAT ".json", i);
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_assert_true (g_file_set_contents (file, contents[i], -1, NULL));
    }

  store = rectify_case_store_new (directory);
  rectify_case_store_load_async (store, NULL, load_cb_set_aside, &set_aside);
  while (set_aside == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (set_aside->len, ==, G_N_ELEMENTS (contents));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_assert_nonnull (rectify_case_store_lookup (store, rectify_case_get_reference (good)));
}

/* A disk that fills up while saving. */

typedef struct
{
  gboolean changed;
} Flag;

static void
notify_flag (GObject    *object,
             GParamSpec *pspec,
             Flag       *flag)
{
  flag->changed = TRUE;
}

static void
wait_flag (Flag *flag)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!flag->changed && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (flag->changed);
  flag->changed = FALSE;
}

static void
flush_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  gboolean *done = user_data;

  rectify_case_store_flush_finish (RECTIFY_CASE_STORE (object), result, NULL);
  *done = TRUE;
}

static void
iterate_until (gboolean *done)
{
  while (!*done)
    g_main_context_iteration (NULL, TRUE);
}

static RectifyCaseStore *
open_store (GFile *directory)
{
  RectifyCaseStore *store = rectify_case_store_new (directory);
  gboolean done = FALSE;

  rectify_case_store_set_autosave_delay (store, 10, 50);
  rectify_case_store_load_async (store, NULL, rectify_test_load_done_cb, &done);
  iterate_until (&done);
  return store;
}

static void
close_store (RectifyCaseStore *store)
{
  gboolean done = FALSE;

  rectify_case_store_flush_async (store, NULL, flush_cb, &done);
  iterate_until (&done);
  g_assert_finalize_object (store);
}

static char *
read_owner (GFile *directory,
            RectifyCase *rcase)
{
  g_autofree char *name = g_strconcat (rectify_case_get_reference (rcase), ".json", NULL);
  g_autoptr(GFile) file = g_file_get_child (directory, name);
  g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, NULL);
  g_autoptr(RectifyCase) copy = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (bytes);
  copy = rectify_case_from_bytes (bytes, &error);
  g_assert_no_error (error);
  return g_strdup (rectify_case_get_text (copy, RECTIFY_TEXT_OWNER_NAME));
}

/* An edit made while saving fails stays in memory, the store says why, the
 * file on disk keeps the last good version (never a half-written one), and
 * the edit is saved once saving works again. @break_disk and @repair_disk
 * make saving fail and work. */
static void
check_save_failure (GFile    *directory,
                    void    (*break_disk)  (GFile *directory),
                    void    (*repair_disk) (GFile *directory))
{
  RectifyCaseStore *store = open_store (directory);
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autofree char *on_disk = NULL;
  Flag error_changed = { FALSE };
  gboolean done = FALSE;

  g_signal_connect (store, "notify::save-error", G_CALLBACK (notify_flag), &error_changed);

  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_UNINTENDED);
  rectify_case_store_add (store, rcase);
  rectify_case_store_flush_async (store, NULL, flush_cb, &done);
  iterate_until (&done);
  g_assert_null (rectify_case_store_get_save_error (store));

  break_disk (directory);
  rectify_case_set_text (rcase, RECTIFY_TEXT_OWNER_NAME, "Ana García López");
  wait_flag (&error_changed);

  g_assert_nonnull (rectify_case_store_get_save_error (store));
  g_assert_cmpstr (rectify_case_store_get_save_error (store), !=, "");
  g_assert_true (rectify_case_store_has_unsaved (store));
  g_assert_cmpstr (rectify_case_get_text (rcase, RECTIFY_TEXT_OWNER_NAME), ==,
                   "Ana García López");

  /* More typing while it fails: kept too. */
  rectify_case_set_text (rcase, RECTIFY_TEXT_OWNER_NAME, "Ana García López-Ruiz");

  repair_disk (directory);
  /* The last good version survived the failed writes. */
  on_disk = read_owner (directory, rcase);
  g_assert_cmpstr (on_disk, ==, "Ana García");
  g_clear_pointer (&on_disk, g_free);

  wait_flag (&error_changed);
  g_assert_null (rectify_case_store_get_save_error (store));
  g_assert_false (rectify_case_store_has_unsaved (store));
  on_disk = read_owner (directory, rcase);
  g_assert_cmpstr (on_disk, ==, "Ana García López-Ruiz");

  close_store (store);
}

/* The cases folder replaced by a file: nothing can be written in it. */
static void
folder_to_file (GFile *directory)
{
  g_autofree char *path = g_file_get_path (directory);
  g_autofree char *aside = g_strconcat (path, ".aside", NULL);

  g_assert_cmpint (g_rename (path, aside), ==, 0);
  g_assert_true (g_file_set_contents (path, "not a folder", -1, NULL));
}

static void
file_to_folder (GFile *directory)
{
  g_autofree char *path = g_file_get_path (directory);
  g_autofree char *aside = g_strconcat (path, ".aside", NULL);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rename (aside, path), ==, 0);
}

static void
test_save_folder_becomes_file (void)
{
  g_autoptr(GFile) directory = g_file_new_build_filename (g_get_user_data_dir (), "cases", NULL);

  rectify_test_set_today (2026, 11, 26);
  check_save_failure (directory, folder_to_file, file_to_folder);
}

/* A real full disk: a 64 KB tmpfs, filled up. Needs root (and a mount
 * namespace of the test's own, so nothing stays mounted if it crashes). */
static char *
filler_path (GFile *directory)
{
  g_autoptr(GFile) parent = g_file_get_parent (directory);

  return g_build_filename (g_file_peek_path (parent), "filler", NULL);
}

static void
fill_disk (GFile *directory)
{
  g_autofree char *path = filler_path (directory);
  static const char block[4096] = { 0, };
  FILE *filler = fopen (path, "w");
  gsize written = 0;

  g_assert_nonnull (filler);
  setvbuf (filler, NULL, _IONBF, 0);
  while (fwrite (block, 1, sizeof block, filler) == sizeof block)
    written += sizeof block;
  g_assert_cmpint (errno, ==, ENOSPC);
  fclose (filler);
  g_test_message ("The disk is full after %" G_GSIZE_FORMAT " more bytes", written);
}

static void
free_disk (GFile *directory)
{
  g_autofree char *path = filler_path (directory);

  g_assert_cmpint (g_unlink (path), ==, 0);
}

static void
test_save_disk_full (void)
{
  g_autofree char *mount_point = g_build_filename (g_get_user_data_dir (), "small-disk", NULL);
  g_autoptr(GFile) directory = NULL;

  if (!can_mount)
    {
      g_test_skip ("Needs root and a mount namespace to mount a small tmpfs");
      return;
    }

  g_assert_cmpint (g_mkdir_with_parents (mount_point, 0700), ==, 0);
  if (mount ("tmpfs", mount_point, "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,mode=0700") != 0)
    {
      g_autofree char *reason = g_strdup_printf ("Cannot mount a tmpfs: %s",
                                                 g_strerror (errno));

      g_test_skip (reason);
      return;
    }

  rectify_test_set_today (2026, 11, 26);
  directory = g_file_new_build_filename (mount_point, "cases", NULL);
  check_save_failure (directory, fill_disk, free_disk);

  g_assert_cmpint (umount2 (mount_point, MNT_DETACH), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* A mount namespace of our own, before any thread starts: the tmpfs of the
   * full-disk test then goes away with the process, whatever happens. */
  if (geteuid () == 0 && unshare (CLONE_NEWNS) == 0 &&
      mount ("none", "/", "none", MS_REC | MS_PRIVATE, NULL) == 0)
    can_mount = TRUE;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *path = g_strdup_printf ("/bad-input/field/%s",
                                               rectify_case_text_property (fields[i].text));

      g_test_add_data_func (path, &fields[i], test_field);
    }
  g_test_add_func ("/bad-input/dates/parse", test_parse_date_bad);
  g_test_add_func ("/bad-input/dates/case-extremes", test_case_dates_extreme);
  g_test_add_func ("/bad-input/attachment/vanishes", test_attachment_vanishes);
  g_test_add_func ("/bad-input/attachment/unreadable", test_attachment_unreadable);
  g_test_add_func ("/bad-input/attachment/name-not-utf8", test_attachment_name_not_utf8);
  g_test_add_func ("/bad-input/case-files/not-case-files", test_case_files_bad);
  g_test_add_func ("/bad-input/save/folder-becomes-file", test_save_folder_becomes_file);
  g_test_add_func ("/bad-input/save/disk-full", test_save_disk_full);

  return g_test_run ();
}
