/* test-send.c: Send on page 3, through the real window, to the strict desk
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include "rectify-case-store.h"
#include "rectify-clock.h"
#include "rectify-desk-types.h"
#include "rectify-outbox.h"
#include "rectify-reference.h"
#include "rectify-request-monitor.h"
#include "rectify-test-case.h"
#include "rectify-test-desk.h"
#include "rectify-test-monitor.h"
#include "rectify-test-utils.h"
#include "rectify-window.h"

#define OAUTH_TOKEN "oauth-token-for-tests"

typedef struct
{
  RectifyTestDesk    *desk;
  RectifyTestMonitor *monitor;
  GFile              *directory;
  RectifyCaseStore   *store;
  RectifyDeskClient  *client;
  RectifyOutbox      *outbox;
  RectifyWindow      *window;
  RectifyCase        *rcase;
} Fixture;




static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_dir_make_tmp ("rectify-test-send-XXXXXX", NULL);

  rectify_test_set_today (2026, 11, 26);

  f->desk = rectify_test_desk_new (&error);
  g_assert_no_error (error);
  f->monitor = rectify_test_monitor_new ();
  f->directory = g_file_new_build_filename (path, "cases", NULL);
  f->store = rectify_test_load_store (f->directory);

  f->client = rectify_desk_client_new (rectify_test_desk_get_url (f->desk), &error);
  g_assert_no_error (error);
  f->outbox = rectify_outbox_new (f->store, f->client, G_NETWORK_MONITOR (f->monitor));
  rectify_outbox_set_backoff (f->outbox, 10, 50);

  f->window = rectify_window_new (NULL, f->store, f->outbox);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 800);
  gtk_window_present (GTK_WINDOW (f->window));

  /* A complete case, on page 3, as the owner leaves it before Send. */
  f->rcase = rectify_window_get_case (f->window);
  rectify_test_fill_complete (f->rcase, RECTIFY_SCENARIO_UNINTENDED);
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
  g_clear_object (&f->outbox);
  g_clear_object (&f->client);
  g_clear_object (&f->store);
  rectify_test_remove_tree (f->directory);
  g_clear_object (&f->directory);
  g_clear_object (&f->monitor);
  g_clear_object (&f->desk);
  rectify_clock_set_today (NULL);
}

static RectifyStep
visible_step (RectifyWindow *window)
{
  return rectify_page_get_step (rectify_window_get_visible_page (window));
}

static gboolean
follow_up_shown (gpointer data)
{
  Fixture *f = data;

  return visible_step (f->window) == RECTIFY_STEP_FOLLOW_UP;
}

static gboolean
needs_confirmation (gpointer data)
{
  Fixture *f = data;

  return rectify_case_get_send_state (f->rcase) == RECTIFY_SEND_STATE_NEEDS_CONFIRMATION;
}

static void
press_send (Fixture *f)
{
  GtkWidget *send = rectify_test_find_action_button (GTK_WIDGET (f->window), "page.send");

  g_assert_nonnull (send);
  g_assert_true (gtk_widget_is_sensitive (send));
  g_signal_emit_by_name (send, "clicked");
}

static void
test_send_reaches_follow_up (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *number = NULL;
  GtkWidget *row;

  press_send (f);
  g_assert_true (rectify_test_iterate_until (follow_up_shown, f));

  /* One request, the request number and its help-centre link on page 4. */
  g_assert_cmpuint (rectify_test_desk_get_created_count (f->desk), ==, 1);
  g_assert_cmpint (rectify_case_get_send_state (f->rcase), ==, RECTIFY_SEND_STATE_SENT);
  g_assert_cmpint (rectify_case_get_request_id (f->rcase), >, 0);
  g_assert_true (g_str_has_prefix (rectify_case_get_request_url (f->rcase),
                                   rectify_test_desk_get_url (f->desk)));
  g_assert_true (g_str_has_suffix (rectify_case_get_request_url (f->rcase), "/hc/requests/1") ||
                 strstr (rectify_case_get_request_url (f->rcase), "/hc/requests/") != NULL);

  number = g_strdup_printf ("#%" G_GINT64_FORMAT ", sent", rectify_case_get_request_id (f->rcase));
  row = rectify_test_find_row (GTK_WIDGET (f->window), "Request");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), number));
  g_assert_nonnull (rectify_test_find_action_button (GTK_WIDGET (f->window),
                                                     "page.open-request"));

  /* Send is not offered again for a sent case. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.go-back", NULL);
  rectify_test_iterate (50);
  g_assert_false (gtk_widget_is_sensitive (rectify_test_find_action_button (GTK_WIDGET (f->window),
                                                                            "page.send")));
}

static AdwMessageDialog *
find_message_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_message_dialog () != NULL;
}

static GtkWidget *
find_entry (GtkWidget *root)
{
  if (GTK_IS_ENTRY (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_entry (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  Fixture     *f;
  RectifyStep  step;
} StepShown;

static gboolean
step_shown (gpointer data)
{
  StepShown *shown = data;

  return visible_step (shown->f->window) == shown->step;
}

/* Whether the row titled @title on @step can be used. */
static gboolean
row_sensitive (Fixture     *f,
               RectifyStep  step,
               const char  *title)
{
  StepShown shown = { f, step };
  GtkWidget *row;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-step", "i", step);
  g_assert_true (rectify_test_iterate_until (step_shown, &shown));
  rectify_test_iterate (20);
  row = rectify_test_find_row (GTK_WIDGET (f->window), title);
  g_assert_nonnull (row);

  return gtk_widget_is_sensitive (row);
}

static void
test_sent_is_read_only (Fixture       *f,
                        gconstpointer  data)
{
  const struct { RectifyStep step; const char *title; } rows[] = {
    { RECTIFY_STEP_IDENTIFY, "I bought the wrong licence type" },
    { RECTIFY_STEP_DETAILS, "How many were bought" },
    { RECTIFY_STEP_RESOLUTION, "Refund" },
  };
  g_autofree char *sent_body = NULL;
  GtkWidget *body;

  /* Editable while it is a draft. */
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_assert_true (row_sensitive (f, rows[i].step, rows[i].title));

  press_send (f);
  g_assert_true (rectify_test_iterate_until (follow_up_shown, f));
  g_assert_cmpuint (rectify_test_desk_get_created_count (f->desk), ==, 1);
  sent_body = g_strdup (rectify_case_get_sent_body (f->rcase));
  g_assert_nonnull (sent_body);

  /* Steps 1 to 3 show the request as sent: nothing there can be changed. */
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_assert_false (row_sensitive (f, rows[i].step, rows[i].title));
  g_assert_nonnull (rectify_test_find_label (GTK_WIDGET (f->window), "As sent to support on"));
  /* Steps 1 and 2 say they show what was sent, and when. */
  for (RectifyStep step = RECTIFY_STEP_IDENTIFY; step <= RECTIFY_STEP_DETAILS; step++)
    {
      const char *draft_words[] = { "Choose the one that matches", "Support uses these" };
      GtkWidget *page;

      g_assert_false (row_sensitive (f, step, rows[step].title));
      page = GTK_WIDGET (rectify_window_get_visible_page (f->window));
      g_assert_nonnull (rectify_test_find_label (page, "As sent to support on "));
      g_assert_nonnull (rectify_test_find_label (page, "send a correction from step 3"));
      g_assert_null (rectify_test_find_label (page, draft_words[step]));
    }

  /* Nor typed into without the pointer (an input method, a screen reader). */
  g_assert_false (row_sensitive (f, RECTIFY_STEP_DETAILS, "How many were bought"));
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (rectify_test_find_row (
    GTK_WIDGET (f->window), "How many were bought"))));

  /* Whatever changes the case later, the review keeps what support has. */
  rectify_case_set_text (f->rcase, RECTIFY_TEXT_QUANTITY, "9");
  g_assert_false (row_sensitive (f, RECTIFY_STEP_RESOLUTION, "Refund"));
  rectify_test_iterate (300);
  body = rectify_test_find_label (GTK_WIDGET (f->window), "Hello Ringover support");
  g_assert_nonnull (body);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (body)), ==, sent_body);
  g_assert_cmpstr (rectify_case_get_sent_body (f->rcase), ==, sent_body);
}

static void
clipboard_read (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static gboolean
text_read (gpointer data)
{
  return *(char **) data != NULL;
}

static void
test_correction_without_sign_in (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *reference = rectify_reference_shorten (rectify_case_get_reference (f->rcase));
  g_autofree char *copied = NULL;
  g_autofree char *number = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *view;
  StepShown shown = { f, RECTIFY_STEP_RESOLUTION };

  press_send (f);
  g_assert_true (rectify_test_iterate_until (follow_up_shown, f));
  g_assert_cmpuint (rectify_test_desk_get_created_count (f->desk), ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-step", "i",
                              RECTIFY_STEP_RESOLUTION);
  g_assert_true (rectify_test_iterate_until (step_shown, &shown));
  rectify_test_iterate (20);
  /* Sent: correcting is offered, e-mailing the whole request again is not. */
  g_assert_true (gtk_widget_is_sensitive (rectify_test_find_action_button (
    GTK_WIDGET (f->window), "page.correct")));
  g_assert_false (gtk_widget_is_sensitive (rectify_test_find_action_button (
    GTK_WIDGET (f->window), "page.email")));

  gtk_widget_activate_action (GTK_WIDGET (rectify_window_get_visible_page (f->window)),
                              "page.correct", NULL);
  g_assert_true (rectify_test_iterate_until (dialog_shown, NULL));
  dialog = find_message_dialog ();

  /* Anonymous: no reply on the desk, e-mail or copy instead. */
  g_assert_false (adw_message_dialog_has_response (dialog, "reply"));
  g_assert_true (adw_message_dialog_has_response (dialog, "email"));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "copy"));

  view = rectify_test_find_text_view (GTK_WIDGET (dialog));
  g_assert_nonnull (view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                            "Only 2 licences were added by mistake.", -1);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "copy"));
  adw_message_dialog_response (dialog, "copy");

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (f->window)), NULL,
                                 clipboard_read, &copied);
  g_assert_true (rectify_test_iterate_until (text_read, &copied));

  /* The text names the request, and no second request was made. */
  number = g_strdup_printf ("#%" G_GINT64_FORMAT, rectify_case_get_request_id (f->rcase));
  g_assert_nonnull (strstr (copied, number));
  g_assert_nonnull (strstr (copied, reference));
  g_assert_nonnull (strstr (copied, "Only 2 licences were added by mistake."));
  g_assert_cmpuint (rectify_test_desk_get_created_count (f->desk), ==, 1);
}

typedef struct
{
  RectifyRequestMonitor *monitor;
  RectifyCase           *rcase;
  guint                  n;
} RepliesWait;

static gboolean
replies_read (gpointer data)
{
  RepliesWait *wait = data;
  GPtrArray *replies;

  if (rectify_request_monitor_is_checking (wait->monitor, wait->rcase))
    return FALSE;
  replies = rectify_request_monitor_get_replies (wait->monitor, wait->rcase);

  return replies != NULL && replies->len >= wait->n;
}

static gboolean
agent_reply_shown (gpointer data)
{
  Fixture *f = data;

  return rectify_test_find_label (GTK_WIDGET (f->window), "We removed the two licences.") != NULL;
}

static void
test_signed_in_follow_up (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(RectifyRequestMonitor) monitor = NULL;
  RepliesWait wait = { NULL, f->rcase, 0 };
  StepShown shown = { f, RECTIFY_STEP_RESOLUTION };
  AdwMessageDialog *dialog;
  GPtrArray *replies;
  GtkWidget *view;
  gint64 id;

  rectify_test_desk_set_oauth_token (f->desk, OAUTH_TOKEN);
  rectify_desk_client_set_oauth_token (f->client, OAUTH_TOKEN);
  monitor = rectify_request_monitor_new (f->outbox, G_LIST_MODEL (f->store));
  g_object_set (f->window, "monitor", monitor, NULL);
  wait.monitor = monitor;

  press_send (f);
  g_assert_true (rectify_test_iterate_until (follow_up_shown, f));
  id = rectify_case_get_request_id (f->rcase);

  /* The follow-up reads the request back through the application's monitor;
   * a reply support writes shows once the monitor has read it. */
  rectify_test_desk_add_agent_comment (f->desk, id, "We removed the two licences.", TRUE);
  wait.n = 2;
  rectify_request_monitor_check (monitor, f->rcase);
  g_assert_true (rectify_test_iterate_until (replies_read, &wait));
  g_assert_true (rectify_test_iterate_until (agent_reply_shown, f));

  /* Signed in, a correction is a reply on the same request. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-step", "i",
                              RECTIFY_STEP_RESOLUTION);
  g_assert_true (rectify_test_iterate_until (step_shown, &shown));
  gtk_widget_activate_action (GTK_WIDGET (rectify_window_get_visible_page (f->window)),
                              "page.correct", NULL);
  g_assert_true (rectify_test_iterate_until (dialog_shown, NULL));
  dialog = find_message_dialog ();
  g_assert_true (adw_message_dialog_has_response (dialog, "reply"));
  g_assert_false (adw_message_dialog_has_response (dialog, "email"));
  view = rectify_test_find_text_view (GTK_WIDGET (dialog));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                            "Keep one of the two, please.", -1);
  adw_message_dialog_response (dialog, "reply");

  wait.n = 3;
  while (!replies_read (&wait))
    {
      rectify_request_monitor_check (monitor, f->rcase);
      rectify_test_iterate (20);
    }
  replies = rectify_request_monitor_get_replies (monitor, f->rcase);
  g_assert_cmpuint (replies->len, ==, 3);
  g_assert_true (g_str_has_suffix (((RectifyDeskComment *) g_ptr_array_index (replies, 2))->body,
                                   "Keep one of the two, please.\n"));
  g_assert_cmpuint (rectify_test_desk_get_created_count (f->desk), ==, 1);
}

static void
test_send_ambiguous_asks (Fixture       *f,
                          gconstpointer  data)
{
  AdwMessageDialog *dialog;
  GtkWidget *arrived;
  GtkWidget *entry;
  GtkWidget *row;

  /* The desk creates the request, then drops the connection: anonymous, the
   * app cannot look it up, so it asks rather than sending twice. */
  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_DROP_AFTER_BODY, 1, 0);
  press_send (f);
  g_assert_true (rectify_test_iterate_until (needs_confirmation, f));
  g_assert_cmpuint (rectify_test_desk_get_created_count (f->desk), ==, 1);

  g_assert_nonnull (rectify_test_find_label (GTK_WIDGET (f->window), "Rectify cannot tell"));
  arrived = rectify_test_find_action_button (GTK_WIDGET (f->window), "page.confirm");
  g_assert_nonnull (arrived);

  /* "It arrived" asks for the number in support's e-mail. */
  gtk_widget_activate_action (GTK_WIDGET (rectify_window_get_visible_page (f->window)),
                              "page.confirm", "b", TRUE);
  g_assert_true (rectify_test_iterate_until (dialog_shown, NULL));
  dialog = find_message_dialog ();
  entry = find_entry (GTK_WIDGET (dialog));
  g_assert_nonnull (entry);

  /* Not a number: said in the dialog, and it cannot be recorded. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "10l");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "record"));
  g_assert_nonnull (rectify_test_find_label (GTK_WIDGET (dialog), "digits only"));
  g_assert_cmpint (rectify_case_get_send_state (f->rcase), ==,
                   RECTIFY_SEND_STATE_NEEDS_CONFIRMATION);

  /* The desk's first request is number 101. */
  gtk_editable_set_text (GTK_EDITABLE (entry), " #101 ");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "record"));
  adw_message_dialog_response (dialog, "record");
  g_assert_true (rectify_test_iterate_until (follow_up_shown, f));

  /* Rectify sent it, and the follow-up has its number. */
  g_assert_cmpint (rectify_case_get_send_state (f->rcase), ==, RECTIFY_SEND_STATE_SENT);
  g_assert_cmpint (rectify_case_get_request_id (f->rcase), ==, 101);
  g_assert_nonnull (strstr (rectify_case_get_request_url (f->rcase), "/hc/requests/101"));
  row = rectify_test_find_row (GTK_WIDGET (f->window), "Request");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "#101, sent"));
  g_assert_null (rectify_test_find_label (GTK_WIDGET (f->window), "You sent it"));
  g_assert_cmpuint (rectify_test_desk_get_created_count (f->desk), ==, 1);
}

static gboolean
number_known (gpointer data)
{
  Fixture *f = data;

  return rectify_case_get_request_id (f->rcase) == 101;
}

static void
test_number_later (Fixture       *f,
                   gconstpointer  data)
{
  AdwMessageDialog *dialog;
  GtkWidget *add;
  GtkWidget *row;

  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_DROP_AFTER_BODY, 1, 0);
  press_send (f);
  g_assert_true (rectify_test_iterate_until (needs_confirmation, f));

  /* It arrived, the e-mail is not at hand: sent by Rectify, number to come. */
  gtk_widget_activate_action (GTK_WIDGET (rectify_window_get_visible_page (f->window)),
                              "page.confirm", "b", TRUE);
  g_assert_true (rectify_test_iterate_until (dialog_shown, NULL));
  adw_message_dialog_response (find_message_dialog (), "record");
  g_assert_true (rectify_test_iterate_until (follow_up_shown, f));
  g_assert_cmpint (rectify_case_get_send_state (f->rcase), ==, RECTIFY_SEND_STATE_SENT);
  g_assert_cmpint (rectify_case_get_request_id (f->rcase), ==, 0);
  row = rectify_test_find_row (GTK_WIDGET (f->window), "Request");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                                   "Rectify sent it on "));

  /* The follow-up takes the number once support's e-mail is there. */
  rectify_test_iterate (300);   /* the dialog that closed goes */
  add = rectify_test_find_action_button (GTK_WIDGET (f->window), "page.add-number");
  g_assert_nonnull (add);
  g_assert_true (gtk_widget_is_visible (add));
  gtk_widget_activate_action (GTK_WIDGET (rectify_window_get_visible_page (f->window)),
                              "page.add-number", NULL);
  g_assert_true (rectify_test_iterate_until (dialog_shown, NULL));
  dialog = find_message_dialog ();
  gtk_editable_set_text (GTK_EDITABLE (find_entry (GTK_WIDGET (dialog))), "101");
  adw_message_dialog_response (dialog, "record");
  g_assert_true (rectify_test_iterate_until (number_known, f));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "#101, sent"));
  g_assert_false (gtk_widget_is_visible (add));
  g_assert_cmpuint (rectify_test_desk_get_created_count (f->desk), ==, 1);
}

static void
test_send_refused_shows_fields (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GPtrArray) rejections = g_ptr_array_new_with_free_func (
    (GDestroyNotify)rectify_desk_field_error_free);
  GtkWidget *row;
  const char *message;

  /* What the desk says in a 422, shown beside the fields it names. */
  g_ptr_array_add (rejections, rectify_desk_field_error_new ("email", "is not a valid address",
                                                             "InvalidValue"));
  g_ptr_array_add (rejections, rectify_desk_field_error_new ("base", "Too many requests today",
                                                             "Invalid"));
  rectify_window_show_rejections (f->window, rejections);
  rectify_test_iterate (50);

  g_assert_cmpint (visible_step (f->window), ==, RECTIFY_STEP_DETAILS);
  row = rectify_test_find_row (GTK_WIDGET (f->window), "E-mail for support’s answer");
  message = rectify_test_row_message (row);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "is not a valid address"));
  g_assert_true (gtk_widget_has_css_class (row, "error"));

  /* Changing the field is the owner's answer: the desk's words go. */
  gtk_editable_set_text (GTK_EDITABLE (row), "ana@acme.example");
  g_assert_null (rectify_test_row_message (row));
}

static void
test_send_incomplete_refused (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* The same refusal whatever asks: the button is off, and the outbox (as
   * app.send-case uses it) says why. */
  rectify_case_set_text (f->rcase, RECTIFY_TEXT_CONTACT_EMAIL, "ana@");
  g_assert_false (rectify_outbox_send (f->outbox, f->rcase, &error));
  g_assert_error (error, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_NOT_READY);
  g_assert_nonnull (strstr (error->message, "dot"));
  g_assert_cmpuint (rectify_test_desk_get_created_count (f->desk), ==, 0);
}


typedef struct
{
  Fixture *f;
  guint    hits;
} FailWait;

/* Failed again, after the desk was asked again. */
static gboolean
send_failed (gpointer data)
{
  FailWait *wait = data;

  return rectify_test_desk_get_hit_count (wait->f->desk) > wait->hits &&
         rectify_case_get_send_state (wait->f->rcase) == RECTIFY_SEND_STATE_FAILED;
}

/* A desk whose admins turned anonymous requests off (401, or 403): the card
 * says so in plain words and offers the routes left, E-mail (with the
 * files) and Copy, with the focus on E-mail; nothing was created. */
static void
test_send_anonymous_off (Fixture       *f,
                         gconstpointer  data)
{
  const guint statuses[] = { 401, 403 };

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      FailWait wait = { f, rectify_test_desk_get_hit_count (f->desk) };
      GtkWidget *email;
      GtkWidget *copy;
      const char *reason;

      if (statuses[i] == 401)
        rectify_test_desk_set_anonymous_allowed (f->desk, FALSE);
      else
        {
          rectify_test_desk_set_anonymous_allowed (f->desk, TRUE);
          rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                                       RECTIFY_TEST_DESK_FAULT_TEXT_ERROR, 1, 403);
        }

      press_send (f);
      g_assert_true (rectify_test_iterate_until (send_failed, &wait));
      rectify_test_iterate (50);

      g_assert_cmpint (rectify_case_get_send_reason (f->rcase)->code, ==,
                       RECTIFY_SEND_REASON_SIGN_IN_NEEDED);
      g_assert_nonnull (rectify_test_find_label (GTK_WIDGET (f->window),
                                                 "send it by e-mail"));
      reason = "does not take requests sent without signing in";
      g_assert_nonnull (rectify_test_find_label (GTK_WIDGET (f->window), reason));
      email = rectify_test_find_label (GTK_WIDGET (f->window), "Send by E-mail");
      copy = rectify_test_find_label (GTK_WIDGET (f->window), "Copy the Request");
      g_assert_nonnull (email);
      g_assert_nonnull (copy);
      email = gtk_widget_get_ancestor (email, GTK_TYPE_BUTTON);
      copy = gtk_widget_get_ancestor (copy, GTK_TYPE_BUTTON);
      g_assert_true (gtk_widget_is_visible (email) && gtk_widget_is_sensitive (email));
      g_assert_true (gtk_widget_is_visible (copy) && gtk_widget_is_sensitive (copy));
      g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (email)), ==, "page.email");
      g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (copy)), ==, "page.copy");
      g_assert_true (gtk_widget_has_focus (email));
      g_assert_cmpuint (rectify_test_desk_get_created_count (f->desk), ==, 0);
    }
}


static GtkDropTarget *
drop_target_of (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }

  return NULL;
}

/* Signed in, the follow-up has a reply composer: text and a file dropped on
 * it go to support as one comment on the same request, file attached; the
 * composer empties, and no request is created. Signed out, it is not there. */
static void
test_reply_with_file (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RectifyRequestMonitor) monitor = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rectify-test-reply-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "nota-de-credito.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  RepliesWait wait = { NULL, f->rcase, 0 };
  GdkFileList *dropped;
  GValue value = G_VALUE_INIT;
  GSList *list;
  GtkWidget *group;
  GtkWidget *view;
  GtkWidget *send;
  GPtrArray *replies;
  const RectifyDeskComment *reply;
  gboolean accepted = FALSE;

  g_assert_true (g_file_set_contents (path, "%PDF-1.4\n%%EOF\n", -1, NULL));
  rectify_test_desk_set_oauth_token (f->desk, OAUTH_TOKEN);
  rectify_desk_client_set_oauth_token (f->client, OAUTH_TOKEN);
  monitor = rectify_request_monitor_new (f->outbox, G_LIST_MODEL (f->store));
  g_object_set (f->window, "monitor", monitor, NULL);
  wait.monitor = monitor;

  press_send (f);
  g_assert_true (rectify_test_iterate_until (follow_up_shown, f));
  rectify_test_iterate (50);

  group = rectify_test_find_label (GTK_WIDGET (f->window), "Reply to Support");
  g_assert_nonnull (group);
  group = gtk_widget_get_ancestor (group, ADW_TYPE_PREFERENCES_GROUP);
  g_assert_true (gtk_widget_is_visible (group));

  view = rectify_test_find_text_view (group);
  g_assert_nonnull (view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                            "Here is the credit note you asked for.", -1);

  list = g_slist_append (NULL, file);
  dropped = gdk_file_list_new_from_list (list);
  g_slist_free (list);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_set_boxed (&value, dropped);
  g_signal_emit_by_name (drop_target_of (group), "drop", &value, 5.0, 5.0, &accepted);
  g_value_unset (&value);
  g_boxed_free (GDK_TYPE_FILE_LIST, dropped);
  g_assert_true (accepted);
  g_assert_nonnull (rectify_test_find_row (group, "nota-de-credito.pdf"));

  send = rectify_test_find_action_button (group, "page.send-reply");
  g_assert_nonnull (send);
  g_signal_emit_by_name (send, "clicked");

  wait.n = 2;
  while (!replies_read (&wait))
    {
      rectify_request_monitor_check (monitor, f->rcase);
      rectify_test_iterate (20);
    }
  replies = rectify_request_monitor_get_replies (monitor, f->rcase);
  reply = g_ptr_array_index (replies, 1);
  g_assert_cmpstr (reply->body, ==, "Here is the credit note you asked for.");
  g_assert_cmpuint (reply->attachments->len, ==, 1);
  g_assert_cmpstr (((RectifyDeskAttachment *) g_ptr_array_index (reply->attachments, 0))->file_name,
                   ==, "nota-de-credito.pdf");
  g_assert_cmpuint (rectify_test_desk_get_created_count (f->desk), ==, 1);

  /* Emptied for the next one. */
  rectify_test_iterate (50);
  g_assert_null (rectify_test_find_row (group, "nota-de-credito.pdf"));

  /* Signed out: no replying from here; support's e-mail is the way. */
  rectify_outbox_set_client (f->outbox, NULL);
  rectify_test_iterate (20);
  g_assert_false (gtk_widget_is_visible (group));

  g_unlink (path);
  g_rmdir (dir);
}


/* Sent without a sign-in, where the desk offers none (Ringover's): the
 * follow-up says the answer comes by e-mail, to the address given, and why
 * there is no status here. */
static void
test_follow_up_by_email (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *status;
  const char *subtitle;

  press_send (f);
  g_assert_true (rectify_test_iterate_until (follow_up_shown, f));
  rectify_test_iterate (50);

  status = rectify_test_find_row (GTK_WIDGET (f->window), "Status");
  g_assert_nonnull (status);
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (status));
  g_assert_nonnull (strstr (subtitle, "by e-mail"));
  g_assert_nonnull (strstr (subtitle, rectify_case_get_text (f->rcase,
                                                             RECTIFY_TEXT_CONTACT_EMAIL)));
  g_assert_nonnull (strstr (subtitle, "offers no sign-in"));
  g_assert_null (rectify_test_find_label (GTK_WIDGET (f->window), "Reply to Support"));
}


/* Back on step 3 after sending: it says the request's number and the day it
 * went, and the deadline banner has made way for step 4. */
static void
test_sent_as_number (Fixture       *f,
                     gconstpointer  data)
{
  StepShown shown = { f, RECTIFY_STEP_RESOLUTION };
  g_autofree char *number = NULL;
  GtkWidget *label;

  g_assert_nonnull (rectify_test_find_label (GTK_WIDGET (f->window), "days until the next billing cycle"));
  press_send (f);
  g_assert_true (rectify_test_iterate_until (follow_up_shown, f));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-step", "i",
                              RECTIFY_STEP_RESOLUTION);
  g_assert_true (rectify_test_iterate_until (step_shown, &shown));

  number = g_strdup_printf ("Sent to support as request #%" G_GINT64_FORMAT " on 26 November 2026",
                            rectify_case_get_request_id (f->rcase));
  label = rectify_test_find_label (GTK_WIDGET (f->window), number);
  g_assert_nonnull (label);
  label = rectify_test_find_label (GTK_WIDGET (rectify_window_get_visible_page (f->window)),
                                   "days until the next billing cycle");
  g_assert_true (label == NULL || !gtk_widget_is_visible (label));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "C.UTF-8");

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/send/reaches-follow-up", test_send_reaches_follow_up);
  ADD ("/send/ambiguous-asks", test_send_ambiguous_asks);
  ADD ("/send/sent-is-read-only", test_sent_is_read_only);
  ADD ("/send/correction-without-sign-in", test_correction_without_sign_in);
  ADD ("/send/signed-in-follow-up", test_signed_in_follow_up);
  ADD ("/send/number-later", test_number_later);
  ADD ("/send/refused-shows-fields", test_send_refused_shows_fields);
  ADD ("/send/incomplete-refused", test_send_incomplete_refused);
  ADD ("/send/anonymous-off", test_send_anonymous_off);
  ADD ("/send/reply-with-file", test_reply_with_file);
  ADD ("/send/follow-up-by-email", test_follow_up_by_email);
  ADD ("/send/sent-as-number", test_sent_as_number);

#undef ADD

  return g_test_run ();
}
