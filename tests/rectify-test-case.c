/* rectify-test-case.c: ready-made cases and a fixed day for the tests
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rectify-clock.h"
#include "rectify-test-case.h"

void
rectify_test_set_today (guint year,
                        guint month,
                        guint day)
{
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, day, month, year);
  rectify_clock_set_today (&today);
}

/* A new case with one thing entered (an invoice number): the store writes
 * a case only once something is entered in it. */
RectifyCase *
rectify_test_case_new_entered (void)
{
  RectifyCase *rcase = rectify_case_new ();

  rectify_case_set_text (rcase, RECTIFY_TEXT_INVOICE_NUMBER, "F-2026-0042");
  return rcase;
}

/* Step 1 filled in for a day of 26 November 2026: bought on 20 November,
 * billed monthly, next on 20 December (24 of 30 days left). */
void
rectify_test_fill_identify (RectifyCase     *rcase,
                            RectifyScenario  scenario)
{
  GDate date;

  g_date_clear (&date, 1);
  rectify_case_set_scenario (rcase, scenario);
  g_date_set_dmy (&date, 20, 11, 2026);
  rectify_case_set_purchase_date (rcase, &date);
  g_date_set_dmy (&date, 20, 12, 2026);
  rectify_case_set_next_billing (rcase, &date);
  rectify_case_set_period (rcase, RECTIFY_PERIOD_MONTHLY);
}

/* Steps 1 to 3 complete: five Smart licences at 19.99 EUR excl. VAT; two
 * added by mistake, two to keep, or Business at 14.99 EUR meant; a credit
 * chosen. */
void
rectify_test_fill_complete (RectifyCase     *rcase,
                            RectifyScenario  scenario)
{
  rectify_test_fill_identify (rcase, scenario);
  rectify_case_set_text (rcase, RECTIFY_TEXT_ACCOUNT, "Acme SL (ID 48213)");
  rectify_case_set_text (rcase, RECTIFY_TEXT_OWNER_NAME, "Ana García");
  rectify_case_set_text (rcase, RECTIFY_TEXT_CONTACT_EMAIL, "ana@example.com");
  rectify_case_set_text (rcase, RECTIFY_TEXT_LICENCE_TYPE, "Smart");
  rectify_case_set_text (rcase, RECTIFY_TEXT_QUANTITY, "5");
  rectify_case_set_text (rcase, RECTIFY_TEXT_UNIT_PRICE, "19.99");
  rectify_case_set_text (rcase, RECTIFY_TEXT_CURRENCY, "EUR");
  rectify_case_set_text (rcase, RECTIFY_TEXT_INTENDED_TYPE, "Business");
  rectify_case_set_text (rcase, RECTIFY_TEXT_INTENDED_PRICE, "14.99");
  rectify_case_set_text (rcase, RECTIFY_TEXT_ADDED_BY_MISTAKE, "2");
  rectify_case_set_text (rcase, RECTIFY_TEXT_KEEP_COUNT, "2");
  rectify_case_set_text (rcase, RECTIFY_TEXT_EXPLANATION,
                         "I pressed Add twice in the dashboard and got licences "
                         "I do not need.");
  rectify_case_set_resolution (rcase, RECTIFY_RESOLUTION_CREDIT);
}

static void
check_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (rectify_attachment_check_finish (RECTIFY_ATTACHMENT (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

/* Runs the attachment's check to its end. */
void
rectify_test_check_attachment (RectifyAttachment *attachment)
{
  gboolean done = FALSE;

  rectify_attachment_check_async (attachment, NULL, check_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* G_TEST_OPTION_ISOLATE_DIRS hides the system's MIME database, so GIO would
 * call every file text/plain: point GIO at the system's one. */
void
rectify_test_use_system_mime_database (void)
{
  static const char * const dirs[] = { "/usr/share/mime", NULL };

  if (!g_file_test ("/usr/share/mime/mime.cache", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("No shared MIME database in /usr/share/mime");
      return;
    }

  g_content_type_set_mime_dirs (dirs);
}

/* Deletes @directory, its files and its parent (a folder made for a test). */
void
rectify_test_remove_tree (GFile *directory)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GFile) parent = g_file_get_parent (directory);

  enumerator = g_file_enumerate_children (directory, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (enumerator != NULL)
    {
      GFile *child = NULL;

      if (!g_file_enumerator_iterate (enumerator, NULL, &child, NULL, NULL) || child == NULL)
        break;
      g_file_delete (child, NULL, NULL);
    }

  g_file_delete (directory, NULL, NULL);
  if (parent != NULL)
    g_file_delete (parent, NULL, NULL);
}

/* Ringover's profile, as if its desk had registered a sign-in client
 * ("rectify-desktop") with @redirect_uri. */
RectifyProvider *
rectify_test_provider_with_client (const char *redirect_uri)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "ringover.json", NULL);
  g_autofree char *json = NULL;
  g_autoptr(GString) edited = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  RectifyProvider *provider;
  g_file_get_contents (path, &json, NULL, &error);
  g_assert_no_error (error);
  edited = g_string_new (json);
  g_assert_cmpuint (g_string_replace (edited, "\"oauth_client_id\": null",
                                      "\"oauth_client_id\": \"rectify-desktop\"", 1), ==, 1);
  g_assert_cmpuint (g_string_replace (edited, "http://127.0.0.1:47391/rectify/signed-in",
                                      redirect_uri, 1), ==, 1);
  bytes = g_bytes_new (edited->str, edited->len);
  provider = rectify_provider_new_from_bytes (bytes, &error);
  g_assert_no_error (error);

  return provider;
}

static void
store_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

/* A store for @directory, loaded, the load asserted to have succeeded. */
RectifyCaseStore *
rectify_test_load_store (GFile *directory)
{
  RectifyCaseStore *store = rectify_case_store_new (directory);
  g_autoptr(GAsyncResult) result = NULL;

  rectify_case_store_load_async (store, NULL, store_done_cb, &result);
  g_assert_true (rectify_case_store_load_finish (store, wait_for_result (&result), NULL, NULL));

  return store;
}

/* For rectify_case_store_load_async(): asserts the load succeeded and sets
 * the gboolean @user_data points to. */
void
rectify_test_load_done_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_true (rectify_case_store_load_finish (RECTIFY_CASE_STORE (object), result,
                                                 NULL, NULL));
  *done = TRUE;
}

/* Reads the case @reference ahead of the others, as start-up does. */
RectifyCase *
rectify_test_open_ahead (RectifyCaseStore  *store,
                         const char        *reference,
                         GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rectify_case_store_open_async (store, reference, NULL, store_done_cb, &result);
  return rectify_case_store_open_finish (store, wait_for_result (&result), error);
}

/* Writes whatever @store still has to write, asserting it could. */
void
rectify_test_flush_store (RectifyCaseStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;

  rectify_case_store_flush_async (store, NULL, store_done_cb, &result);
  g_assert_true (rectify_case_store_flush_finish (store, wait_for_result (&result), NULL));
}
