/* test-print.c: a case exported as PDF, headless
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PDF's text is compressed, so what it says is checked on the summary
 * text (test-summary.c) and here only that a real, paginated PDF comes out.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "rectify-case-printer.h"
#include "rectify-reference.h"
#include "rectify-test-case.h"

static GFile *
export (RectifyCase *rcase,
        int         *out_pages)
{
  g_autoptr(RectifyCasePrinter) printer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  g_autofree char *short_reference = NULL;
  GFile *file;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 26, 11, 2026);
  printer = rectify_case_printer_new (rcase, &today);
  short_reference = rectify_reference_shorten (rectify_case_get_reference (rcase));
  g_assert_nonnull (strstr (rectify_case_printer_get_text (printer), short_reference));

  name = rectify_case_printer_dup_pdf_name (printer);
  g_assert_true (g_str_has_prefix (name, "rectify-case-"));
  g_assert_true (g_str_has_suffix (name, ".pdf"));

  dir = g_dir_make_tmp ("rectify-print-XXXXXX", &error);
  g_assert_no_error (error);
  file = g_file_new_build_filename (dir, name, NULL);

  g_assert_true (rectify_case_printer_export_pdf (printer, file, NULL, &error));
  g_assert_no_error (error);
  g_object_get (printer, "n-pages", out_pages, NULL);

  return file;
}

static void
assert_pdf (GFile *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_load_contents (file, NULL, &contents, &length, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_nonnull (g_strstr_len (contents + length - MIN (length, 64), -1, "%%EOF"));
}

static void
remove_export (GFile *file)
{
  g_autoptr(GFile) dir = g_file_get_parent (file);

  g_assert_true (g_file_delete (file, NULL, NULL));
  g_assert_true (g_file_delete (dir, NULL, NULL));
}

static void
test_print_export_pdf (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autoptr(GFile) file = NULL;
  int pages = 0;

  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_TOO_MANY);
  file = export (rcase, &pages);
  assert_pdf (file);
  g_assert_cmpint (pages, ==, 1);
  remove_export (file);
}

static void
test_print_paginates (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autoptr(GString) explanation = g_string_new (NULL);
  g_autoptr(GFile) file = NULL;
  int pages = 0;

  /* The longest explanation accepted, in short lines: several pages. */
  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_TOO_MANY);
  while (explanation->len + 10 < RECTIFY_MAX_EXPLANATION)
    g_string_append (explanation, "A line.\n\n");
  rectify_case_set_text (rcase, RECTIFY_TEXT_EXPLANATION, explanation->str);

  file = export (rcase, &pages);
  assert_pdf (file);
  g_assert_cmpint (pages, >, 1);
  remove_export (file);
}

static void
test_print_not_local (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autoptr(RectifyCasePrinter) printer = NULL;
  g_autoptr(GFile) file = g_file_new_for_uri ("https://desk.example/case.pdf");
  g_autoptr(GError) error = NULL;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 26, 11, 2026);
  printer = rectify_case_printer_new (rcase, &today);
  g_assert_false (rectify_case_printer_export_pdf (printer, file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  setlocale (LC_ALL, "C");

  g_test_add_func ("/print/export-pdf", test_print_export_pdf);
  g_test_add_func ("/print/paginates", test_print_paginates);
  g_test_add_func ("/print/not-local", test_print_not_local);

  return g_test_run ();
}
