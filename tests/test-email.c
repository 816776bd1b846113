/* test-email.c: the e-mail route hands the portal the text and the files
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "rectify-email.h"
#include "rectify-fake-portal.h"

typedef struct
{
  gboolean done;
  gboolean ok;
  GError *error;
} Outcome;

static void
composed (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->ok = rectify_email_compose_finish (result, &outcome->error);
  outcome->done = TRUE;
}

static void
wait_for (Outcome *outcome)
{
  while (!outcome->done)
    g_main_context_iteration (NULL, TRUE);
}

static GFile *
write_file (const char *name,
            const void *data,
            gsize       length)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

static const char body[] =
  "Hello,\n\nI bought 3 Advanced licences instead of Smart.\n"
  "Reference: RCT-7K3Q-9F2M\n\n— Ana Pérez\n";

/* What the e-mail app gets: the support address, the subject and text as
 * they are, and each file's bytes, binary ones included. */
static void
test_email_compose (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RectifyFakePortal) portal = rectify_fake_portal_new (RECTIFY_FAKE_PORTAL_EMAIL, &error);
  static const guint8 pdf[] = { '%', 'P', 'D', 'F', '-', '1', '.', '4', 0, 0xff, 0x00, 0x7f, '\n' };
  g_autoptr(GString) big = g_string_new (NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  const RectifyFakePortalCall *call;
  Outcome outcome = { 0 };

  g_assert_no_error (error);

  for (guint i = 0; big->len < 200000; i++)
    g_string_append_printf (big, "line %u of the screenshot stand-in\n", i);

  g_ptr_array_add (files, write_file ("factura-2026-11.pdf", pdf, sizeof pdf));
  g_ptr_array_add (files, write_file ("captura.png", big->str, big->len));

  rectify_email_compose_async (NULL, "", "support@ringover.com",
                               "Licence purchase correction [Ref RCT-7K3Q-9F2M]", body, files,
                               NULL, composed, &outcome);
  wait_for (&outcome);
  g_assert_no_error (outcome.error);
  g_assert_true (outcome.ok);

  g_assert_cmpuint (rectify_fake_portal_get_n_calls (portal), ==, 1);
  call = rectify_fake_portal_get_call (portal, 0);
  g_assert_cmpstr (call->interface, ==, "org.freedesktop.portal.Email");
  g_assert_cmpstr (call->method, ==, "ComposeEmail");
  g_assert_cmpstr (rectify_fake_portal_call_get_string (call, "address"), ==,
                   "support@ringover.com");
  g_assert_cmpstr (rectify_fake_portal_call_get_string (call, "subject"), ==,
                   "Licence purchase correction [Ref RCT-7K3Q-9F2M]");
  g_assert_cmpstr (rectify_fake_portal_call_get_string (call, "body"), ==, body);

  g_assert_cmpuint (call->attachments->len, ==, 2);
  g_assert_cmpmem (g_bytes_get_data (call->attachments->pdata[0], NULL),
                   g_bytes_get_size (call->attachments->pdata[0]), pdf, sizeof pdf);
  g_assert_cmpmem (g_bytes_get_data (call->attachments->pdata[1], NULL),
                   g_bytes_get_size (call->attachments->pdata[1]), big->str, big->len);
}

/* The owner closes the e-mail dialog: not an error to show. A portal that
 * fails says so. */
static void
test_email_cancelled_or_failed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RectifyFakePortal) portal = rectify_fake_portal_new (RECTIFY_FAKE_PORTAL_EMAIL, &error);
  Outcome cancelled = { 0 };
  Outcome failed = { 0 };

  g_assert_no_error (error);

  rectify_fake_portal_set_response (portal, 1);
  rectify_email_compose_async (NULL, "", "support@ringover.com", "S", "B", NULL, NULL,
                               composed, &cancelled);
  wait_for (&cancelled);
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&cancelled.error);

  rectify_fake_portal_set_response (portal, 2);
  rectify_email_compose_async (NULL, "", "support@ringover.com", "S", "B", NULL, NULL,
                               composed, &failed);
  wait_for (&failed);
  g_assert_error (failed.error, RECTIFY_EMAIL_ERROR, RECTIFY_EMAIL_ERROR_FAILED);
  g_clear_error (&failed.error);

  /* No attachment: no attachment_fds at all. */
  g_assert_cmpuint (rectify_fake_portal_get_n_calls (portal), ==, 2);
  g_assert_cmpuint (rectify_fake_portal_get_call (portal, 0)->attachments->len, ==, 0);
}

/* A desktop whose portal has no Email interface: the caller falls back to
 * mailto: and says the files must be attached by hand. */
static void
test_email_no_portal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RectifyFakePortal) portal = rectify_fake_portal_new (0, &error);
  Outcome outcome = { 0 };

  g_assert_no_error (error);

  rectify_email_compose_async (NULL, "", "support@ringover.com", "S", "B", NULL, NULL,
                               composed, &outcome);
  wait_for (&outcome);
  g_assert_error (outcome.error, RECTIFY_EMAIL_ERROR, RECTIFY_EMAIL_ERROR_NO_PORTAL);
  g_assert_false (outcome.ok);
  g_clear_error (&outcome.error);
}

/* A file gone since it was attached: nothing reaches the portal, and the
 * owner is told which file. */
static void
test_email_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RectifyFakePortal) portal = rectify_fake_portal_new (RECTIFY_FAKE_PORTAL_EMAIL, &error);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "gone.pdf", NULL);
  Outcome outcome = { 0 };

  g_assert_no_error (error);
  g_ptr_array_add (files, g_file_new_for_path (path));

  rectify_email_compose_async (NULL, "", "support@ringover.com", "S", "B", files, NULL,
                               composed, &outcome);
  wait_for (&outcome);
  g_assert_error (outcome.error, RECTIFY_EMAIL_ERROR, RECTIFY_EMAIL_ERROR_ATTACHMENT);
  g_assert_nonnull (strstr (outcome.error->message, "gone.pdf"));
  g_clear_error (&outcome.error);
  g_assert_cmpuint (rectify_fake_portal_get_n_calls (portal), ==, 0);
}

/* Cancelled by the app before the portal answers. */
static void
test_email_cancel (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RectifyFakePortal) portal = rectify_fake_portal_new (RECTIFY_FAKE_PORTAL_EMAIL, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Outcome outcome = { 0 };

  g_assert_no_error (error);

  rectify_email_compose_async (NULL, "", "support@ringover.com", "S", "B", NULL, cancellable,
                               composed, &outcome);
  while (rectify_fake_portal_get_n_calls (portal) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  wait_for (&outcome);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&outcome.error);

  /* The portal's late answer changes nothing. */
  for (guint i = 0; i < 5; i++)
    g_main_context_iteration (NULL, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/email/compose", test_email_compose);
  g_test_add_func ("/email/cancelled-or-failed", test_email_cancelled_or_failed);
  g_test_add_func ("/email/no-portal", test_email_no_portal);
  g_test_add_func ("/email/missing-file", test_email_missing_file);
  g_test_add_func ("/email/cancel", test_email_cancel);

  return g_test_run ();
}
