/* test-email-route.c: E-mail on page 3 hands the request and its files over
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "rectify-case-store.h"
#include "rectify-clock.h"
#include "rectify-fake-portal.h"
#include "rectify-provider.h"
#include "rectify-reference.h"
#include "rectify-request.h"
#include "rectify-test-case.h"
#include "rectify-test-utils.h"
#include "rectify-window.h"

/* The invoice, with the bytes a PDF has: binary, a NUL among them. */
static const guint8 invoice[] = {
  '%', 'P', 'D', 'F', '-', '1', '.', '7', '\n', 0xe2, 0xe3, 0xcf, 0xd3, 0x00, '\n',
  '1', ' ', '0', ' ', 'o', 'b', 'j', '\n', '%', '%', 'E', 'O', 'F', '\n',
};

typedef struct
{
  RectifyFakePortal *portal;
  GFile             *directory;
  RectifyCaseStore  *store;
  RectifyWindow     *window;
  RectifyCase       *rcase;
  char              *invoice_path;
} Fixture;




static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  RectifyFakePortalInterfaces interfaces = GPOINTER_TO_UINT (data);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_dir_make_tmp ("rectify-test-email-XXXXXX", NULL);
  g_autoptr(RectifyAttachment) attachment = NULL;
  g_autoptr(GFile) file = NULL;

  rectify_test_set_today (2026, 11, 26);
  rectify_test_use_system_mime_database ();

  f->portal = rectify_fake_portal_new (interfaces, &error);
  g_assert_no_error (error);

  f->directory = g_file_new_build_filename (path, "cases", NULL);
  f->store = rectify_test_load_store (f->directory);

  f->window = rectify_window_new (NULL, f->store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 800);
  gtk_window_present (GTK_WINDOW (f->window));

  /* A complete case with its invoice, on page 3. */
  f->rcase = rectify_window_get_case (f->window);
  rectify_test_fill_complete (f->rcase, RECTIFY_SCENARIO_UNINTENDED);
  f->invoice_path = g_build_filename (path, "factura-2026-11.pdf", NULL);
  g_file_set_contents (f->invoice_path, (const char *) invoice, sizeof invoice, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (f->invoice_path);
  attachment = rectify_attachment_new (file);
  rectify_case_add_attachment (f->rcase, attachment);
  rectify_test_check_attachment (attachment);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-step", "i",
                              RECTIFY_STEP_RESOLUTION);
  rectify_test_iterate (50);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  rectify_test_flush_store (f->store);
  g_clear_object (&f->store);
  g_unlink (f->invoice_path);
  g_free (f->invoice_path);
  rectify_test_remove_tree (f->directory);
  g_clear_object (&f->directory);
  g_clear_object (&f->portal);
  rectify_clock_set_today (NULL);
}

static void
press_email (Fixture *f)
{
  GtkWidget *button = rectify_test_find_action_button (GTK_WIDGET (f->window), "page.email");

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
portal_called (gpointer data)
{
  Fixture *f = data;

  return rectify_fake_portal_get_n_calls (f->portal) > 0;
}

typedef struct
{
  Fixture *f;
  const char *text;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *wait = data;

  return rectify_test_find_label (GTK_WIDGET (wait->f->window), wait->text) != NULL;
}

/* With an Email portal: the support address from the profile, the exact
 * subject and text support would get from Send, and the invoice's bytes. */
static void
test_email_route_portal (Fixture       *f,
                         gconstpointer  data)
{
  RectifyProvider *provider = rectify_provider_get_default ();
  g_autofree char *subject = rectify_request_dup_subject (f->rcase);
  g_autofree char *body = NULL;
  const RectifyFakePortalCall *call;
  LabelWait wait = { f, "has the request and its files" };
  GDate today;

  rectify_clock_get_today (&today);
  body = rectify_request_dup_body (f->rcase, &today);

  press_email (f);
  g_assert_true (rectify_test_iterate_until (portal_called, f));
  g_assert_cmpuint (rectify_fake_portal_get_n_calls (f->portal), ==, 1);

  call = rectify_fake_portal_get_call (f->portal, 0);
  g_assert_cmpstr (call->method, ==, "ComposeEmail");
  g_assert_cmpstr (rectify_fake_portal_call_get_string (call, "address"), ==,
                   rectify_provider_get_support_email (provider));
  g_assert_cmpstr (rectify_fake_portal_call_get_string (call, "subject"), ==, subject);
  g_assert_cmpstr (rectify_fake_portal_call_get_string (call, "body"), ==, body);
  {
    g_autofree char *reference = rectify_reference_shorten (rectify_case_get_reference (f->rcase));

    g_assert_nonnull (strstr (body, reference));
  }
  g_assert_cmpuint (call->attachments->len, ==, 1);
  g_assert_cmpmem (g_bytes_get_data (call->attachments->pdata[0], NULL),
                   g_bytes_get_size (call->attachments->pdata[0]), invoice, sizeof invoice);

  /* The owner is told, and offered to mark it as sent once done. */
  g_assert_true (rectify_test_iterate_until (label_shown, &wait));
}

/* A desktop with no Email portal: the owner's e-mail app opens on a mailto:
 * link with the same text, and the owner is told to attach the file. */
static void
test_email_route_mailto (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *out = rectify_test_install_opener ("mail", "x-scheme-handler/mailto;");
  g_autofree char *uri = NULL;
  g_autofree char *escaped = NULL;
  LabelWait wait = { f, "attach the 1 file by hand" };

  press_email (f);
  g_assert_true (rectify_test_iterate_until (label_shown, &wait));
  g_assert_cmpuint (rectify_fake_portal_get_n_calls (f->portal), ==, 0);

  uri = rectify_test_wait_opened (out);
  g_assert_nonnull (uri);
  g_assert_true (g_str_has_prefix (uri, "mailto:support@ringover.com?subject="));
  {
    g_autofree char *reference = rectify_reference_shorten (rectify_case_get_reference (f->rcase));

    escaped = g_uri_escape_string (reference, NULL, FALSE);
    g_assert_nonnull (strstr (uri, escaped));
  }
}

int
main (int   argc,
      char *argv[])
{
  /* Tests here install stand-in apps in the user's folders. */
  rectify_test_use_private_folders ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/email-route/portal", Fixture, GUINT_TO_POINTER (RECTIFY_FAKE_PORTAL_EMAIL),
              fixture_set_up, test_email_route_portal, fixture_tear_down);
  g_test_add ("/email-route/mailto", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_email_route_mailto, fixture_tear_down);

  return g_test_run ();
}
