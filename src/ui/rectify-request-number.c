/* rectify-request-number.c: asking the owner for the number in support's e-mail
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * After a send whose answer was lost, the owner says it arrived: Rectify
 * sent it, and support's e-mail gives its number. Step 3 asks when the owner
 * answers; the follow-up asks again while the number is not known.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rectify-request-number.h"

static void
arrival_recorded (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(RectifyPage) page = user_data;
  g_autoptr(GError) error = NULL;

  if (rectify_outbox_record_arrival_finish (RECTIFY_OUTBOX (object), result, &error))
    {
      gtk_widget_activate_action (GTK_WIDGET (page), "win.show-step", "i",
                                  RECTIFY_STEP_FOLLOW_UP);
      return;
    }

  /* Not a request of this case's, or none with that number: said. */
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    rectify_page_add_toast (page, adw_toast_new (error->message));
}

/* Checked as it is typed: digits, or nothing when the number is not at hand. */
static void
on_number_changed (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  GtkLabel *message = g_object_get_data (G_OBJECT (dialog), "message");
  g_autofree char *typed = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autoptr(GError) error = NULL;
  gint64 request_id;
  gboolean ok = *typed == '\0' || rectify_outbox_parse_request_number (typed, &request_id, &error);

  gtk_label_set_label (message, ok ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (message), !ok);
  adw_message_dialog_set_response_enabled (dialog, "record", ok);
}

static void
on_arrival_response (AdwMessageDialog *dialog,
                     const char       *response,
                     RectifyPage      *page)
{
  RectifyOutbox *outbox = g_object_get_data (G_OBJECT (dialog), "outbox");
  RectifyCase *rcase = g_object_get_data (G_OBJECT (dialog), "case");
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  g_autofree char *typed = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  gint64 request_id = 0;

  if (g_strcmp0 (response, "record") != 0)
    return;

  if (*typed != '\0' && !rectify_outbox_parse_request_number (typed, &request_id, NULL))
    return;

  rectify_outbox_record_arrival_async (outbox, rcase, request_id, NULL, arrival_recorded,
                                       g_object_ref (page));
}

/**
 * rectify_request_number_ask:
 * @page: the page that asks, for its toasts
 * @outbox: the outbox that records it
 * @rcase: a case that needs confirmation, or sent without a known number
 *
 * Asks for the request number support's e-mail gives, checked as it is
 * typed, and records that Rectify sent the request, with that number when
 * there is one (looked up on the desk when signed in; see
 * rectify_outbox_record_arrival_async()). Then the follow-up shows.
 */
void
rectify_request_number_ask (RectifyPage   *page,
                            RectifyOutbox *outbox,
                            RectifyCase   *rcase)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (page));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *message = gtk_label_new (NULL);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                           : NULL,
                                                       _("Rectify Sent It"),
                                                       _("Support’s e-mail gives the request "
                                                         "number. Type it here so Rectify can "
                                                         "follow the request.")));
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_DIGITS);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Request number, e.g. 12345"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Request number"), -1);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_widget_add_css_class (message, "error");
  gtk_widget_set_visible (message, FALSE);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), message);
  adw_message_dialog_set_extra_child (dialog, box);

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "record", _("_Record"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "record", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "record");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data (G_OBJECT (dialog), "message", message);
  g_object_set_data_full (G_OBJECT (dialog), "outbox", g_object_ref (outbox), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "case", g_object_ref (rcase), g_object_unref);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_number_changed), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_arrival_response), page, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
