/* rectify-followup-page.c: step 4, follow up until the statement shows the fix
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "rectify-billing.h"
#include "rectify-choice-list.h"
#include "rectify-clock.h"
#include "rectify-field-group.h"
#include "rectify-followup-page.h"
#include "rectify-format.h"
#include "rectify-launcher.h"
#include "rectify-money.h"
#include "rectify-provider.h"
#include "rectify-reference.h"
#include "rectify-request.h"
#include "rectify-request-monitor.h"
#include "rectify-request-number.h"

struct _RectifyFollowupPage
{
  RectifyPage        parent_instance;

  RectifyFieldGroup *fields;
  GCancellable      *cancellable;
  /* Reads the request back; set by the window, owned by the application. */
  RectifyRequestMonitor *monitor;
  /* Records the number of a request Rectify sent; set by the window. */
  RectifyOutbox     *outbox;

  AdwActionRow      *request_row;
  GtkWidget         *open_button;
  GtkWidget         *add_number_button;
  AdwActionRow      *status_row;
  GtkWidget         *replies_group;
  GtkListBox        *replies_list;
  GtkWidget         *reply_group;
  GtkTextView       *reply_view;
  GtkListBox        *reply_files_list;
  GPtrArray         *reply_files;     /* GFile, to go with the reply */
  GCancellable      *reply_cancellable;
  RectifyChoiceList *checklist_list;
  GListModel        *checklist;
  AdwPreferencesGroup *statement_group;
  AdwActionRow      *expected_row;
  AdwEntryRow       *statement_row;
  AdwActionRow      *result_row;
  GtkImage          *result_icon;
};

G_DEFINE_FINAL_TYPE (RectifyFollowupPage, rectify_followup_page, RECTIFY_TYPE_PAGE)

enum {
  PROP_0,
  PROP_MONITOR,
  PROP_OUTBOX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_request (RectifyFollowupPage *self,
                RectifyCase         *rcase)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *when = NULL;
  g_autofree char *notice = NULL;
  const char *status;
  GDateTime *submitted = rectify_case_get_submitted_at (rcase);

  if (submitted != NULL)
    when = rectify_format_day_of (submitted);

  if (rectify_case_get_request_id (rcase) > 0)
    /* Translators: a request number and the day it was sent, e.g. "#4242, sent 26 November 2026" */
    subtitle = g_strdup_printf (_("#%" PRId64 ", sent %s"),
                                rectify_case_get_request_id (rcase), when ? when : "");
  else if (rectify_case_get_send_state (rcase) == RECTIFY_SEND_STATE_SENT_ELSEWHERE)
    subtitle = g_strdup_printf (_("You sent it yourself on %s"), when ? when : "");
  else if (rectify_case_get_send_state (rcase) == RECTIFY_SEND_STATE_SENT)
    /* Translators: %s is the day it was sent, e.g. "26 November 2026" */
    subtitle = g_strdup_printf (_("Rectify sent it on %s; its number is in support’s e-mail"),
                                when ? when : "");
  else
    subtitle = g_strdup (rectify_send_state_get_label (rectify_case_get_send_state (rcase)));

  adw_action_row_set_subtitle (self->request_row, subtitle);
  gtk_widget_set_visible (self->open_button, rectify_case_get_request_url (rcase) != NULL);
  /* Rectify sent it, the number is not known yet: it can be typed later. */
  gtk_widget_set_visible (self->add_number_button,
                          self->outbox != NULL &&
                          rectify_case_get_send_state (rcase) == RECTIFY_SEND_STATE_SENT &&
                          rectify_case_get_request_id (rcase) == 0);

  status = rectify_case_get_request_status (rcase) != NULL
             ? rectify_request_status_get_label (rectify_case_get_request_status (rcase))
             : NULL;

  /* Not signed in: the status is not read again here, and support answers
   * by e-mail. Where the desk offers no sign-in, say that too. */
  if (rectify_case_is_submitted (rcase) &&
      (self->outbox == NULL || !rectify_outbox_can_reply (self->outbox, rcase)))
    {
      RectifyProvider *provider = rectify_provider_get_default ();
      const char *email = rectify_case_get_text (rcase, RECTIFY_TEXT_CONTACT_EMAIL);

      if (rectify_provider_get_oauth_client_id (provider) == NULL)
        /* Translators: %s is the owner's e-mail address */
        notice = g_strdup_printf (_("Support answers by e-mail, to %s. The help desk offers no "
                                    "sign-in to apps, so the status is not shown here."),
                                  email);
      else
        /* Translators: %s is the owner's e-mail address */
        notice = g_strdup_printf (_("Support answers by e-mail, to %s. Sign in in Preferences "
                                    "to see the status and replies here."),
                                  email);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->status_row), status != NULL || notice != NULL);
  if (status != NULL && notice != NULL)
    {
      g_autofree char *both = g_strconcat (status, "\n", notice, NULL);

      adw_action_row_set_subtitle (self->status_row, both);
    }
  else
    {
      adw_action_row_set_subtitle (self->status_row, status != NULL ? status : notice);
    }
}

static void
update_statement (RectifyFollowupPage *self,
                  RectifyCase         *rcase)
{
  g_autofree char *currency = g_strstrip (g_strdup (rectify_case_get_text (rcase,
                                                                           RECTIFY_TEXT_CURRENCY)));
  const GDate *next = rectify_case_get_next_billing (rcase);
  g_autofree char *next_text = rectify_format_date_long (next);
  g_autofree char *description = NULL;
  gboolean due = FALSE;
  gint64 expected, seen;
  GDate today;

  rectify_clock_get_today (&today);
  if (g_date_valid (next))
    due = rectify_billing_days_left (&today, next) <= 0;

  if (due)
    description = g_strdup (_("Enter the adjustment your statement shows to compare it with what "
                              "was asked for."));
  else
    /* Translators: %s is a date */
    description = g_strdup_printf (_("Your next statement comes on %s. If support sends you a "
                                     "credit note before then, enter its amount now."),
                                   next_text);
  adw_preferences_group_set_description (self->statement_group, description);

  if (rectify_case_get_expected_minor (rcase, &expected) && rectify_currency_is_known (currency))
    {
      g_autofree char *amount = rectify_request_format_amount (rcase, expected);

      adw_action_row_set_subtitle (self->expected_row, amount);
    }
  else
    {
      adw_action_row_set_subtitle (self->expected_row,
                                   _("Not known: the details were not complete when it was sent"));
      gtk_widget_set_visible (GTK_WIDGET (self->result_row), FALSE);
      return;
    }

  /* A credit note may come before the statement: compared as soon as it
   * is typed. */
  if (!rectify_case_get_statement_minor (rcase, &seen))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->result_row), FALSE);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->result_row), TRUE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->result_icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->result_icon), "warning");

  if (seen == expected)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->result_row),
                                     _("It matches what was asked for"));
      adw_action_row_set_subtitle (self->result_row,
                                   _("The correction is on your statement. You can tick the last "
                                     "step."));
      gtk_image_set_from_icon_name (self->result_icon, "emblem-ok-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->result_icon), "success");
    }
  else
    {
      g_autofree char *difference = rectify_money_format (seen > expected ? seen - expected
                                                                          : expected - seen,
                                                          currency);
      g_autofree char *subtitle = NULL;
      g_autofree char *reference = rectify_reference_shorten (rectify_case_get_reference (rcase));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->result_row),
                                     seen > expected ? _("More than was asked for")
                                                     : _("Less than was asked for"));
      /* Translators: %s is an amount; the reference is the case's */
      subtitle = g_strdup_printf (_("It differs by %s. Reply to support quoting your case "
                                    "reference %s."),
                                  difference, reference);
      adw_action_row_set_subtitle (self->result_row, subtitle);
      gtk_image_set_from_icon_name (self->result_icon, "dialog-warning-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->result_icon), "warning");
    }
}

/* Replying on the request */

static void
update_reply (RectifyFollowupPage *self)
{
  RectifyCase *rcase = rectify_page_get_case (RECTIFY_PAGE (self));
  gboolean can_reply = rcase != NULL && self->outbox != NULL &&
                       rectify_outbox_can_reply (self->outbox, rcase);
  gboolean sending = self->reply_cancellable != NULL;

  gtk_widget_set_visible (self->reply_group, can_reply);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.send-reply", can_reply && !sending);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.reply-attach", can_reply && !sending);
}

static void show_reply_files (RectifyFollowupPage *self);

static void
on_remove_reply_file (GtkButton           *button,
                      RectifyFollowupPage *self)
{
  GFile *file = g_object_get_data (G_OBJECT (button), "rectify-file");

  g_ptr_array_remove (self->reply_files, file);
  show_reply_files (self);
}

static void
show_reply_files (RectifyFollowupPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->reply_files_list))) != NULL)
    gtk_list_box_remove (self->reply_files_list, child);

  for (guint i = 0; i < self->reply_files->len; i++)
    {
      GFile *file = g_ptr_array_index (self->reply_files, i);
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *display = g_filename_display_name (name);
      g_autofree char *label = g_strdup_printf (_("Remove “%s” from the reply"), display);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), display);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data_full (G_OBJECT (remove), "rectify-file", g_object_ref (file),
                              g_object_unref);
      g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_reply_file), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("mail-attachment-symbolic"));
      gtk_list_box_append (self->reply_files_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->reply_files_list), self->reply_files->len > 0);
}

static void
add_reply_files (RectifyFollowupPage *self,
                 GListModel          *files)
{
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    g_ptr_array_add (self->reply_files, g_list_model_get_item (files, i));
  show_reply_files (self);
}

static void
reply_chosen_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RectifyFollowupPage) self = user_data;
  g_autoptr(GListModel) files = rectify_choose_attachments_finish (result, NULL);

  if (files != NULL)
    add_reply_files (self, files);
}

static void
reply_attach_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RectifyFollowupPage *self = RECTIFY_FOLLOWUP_PAGE (widget);

  rectify_choose_attachments_async (widget, self->cancellable, reply_chosen_cb,
                                    g_object_ref (self));
}

static gboolean
on_reply_drop (GtkDropTarget       *target,
               const GValue        *value,
               double               x,
               double               y,
               RectifyFollowupPage *self)
{
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);
  g_autoptr(GSList) list = NULL;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || !gtk_widget_get_visible (self->reply_group))
    return FALSE;

  list = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = list; l != NULL; l = l->next)
    g_list_store_append (files, l->data);
  add_reply_files (self, G_LIST_MODEL (files));
  return TRUE;
}

static void
reply_sent_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RectifyFollowupPage) self = user_data;
  g_autoptr(GError) error = NULL;
  RectifyCase *rcase = rectify_page_get_case (RECTIFY_PAGE (self));

  g_clear_object (&self->reply_cancellable);
  update_reply (self);

  if (!rectify_outbox_reply_finish (RECTIFY_OUTBOX (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Translators: %s says why */
          g_autofree char *message = g_strdup_printf (_("The reply was not sent: %s"),
                                                      error->message);

          rectify_page_add_toast (RECTIFY_PAGE (self), adw_toast_new (message));
        }
      return;
    }

  /* Sent: the composer is empty again, and the reply shows with the rest. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->reply_view), "", -1);
  g_ptr_array_set_size (self->reply_files, 0);
  show_reply_files (self);
  rectify_page_add_toast (RECTIFY_PAGE (self), adw_toast_new (_("Reply sent to support")));
  if (rcase != NULL && self->monitor != NULL)
    rectify_request_monitor_check (self->monitor, rcase);
}

static void
send_reply_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RectifyFollowupPage *self = RECTIFY_FOLLOWUP_PAGE (widget);
  RectifyCase *rcase = rectify_page_get_case (RECTIFY_PAGE (self));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->reply_view);
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (rcase == NULL || self->outbox == NULL || self->reply_cancellable != NULL)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  self->reply_cancellable = g_cancellable_new ();
  update_reply (self);
  rectify_outbox_reply_async (self->outbox, rcase, text, self->reply_files,
                              self->reply_cancellable, reply_sent_cb, g_object_ref (self));
}

static void
rectify_followup_page_case_updated (RectifyPage *page)
{
  RectifyFollowupPage *self = RECTIFY_FOLLOWUP_PAGE (page);
  RectifyCase *rcase = rectify_page_get_case (page);

  update_reply (self);
  if (rcase == NULL)
    return;

  update_request (self, rcase);
  rectify_checklist_update (self->checklist, rcase);
  update_statement (self, rcase);
}

static void
on_item_toggled (RectifyFollowupPage *self,
                 RectifyChoice       *item,
                 gboolean             done)
{
  RectifyCase *rcase = rectify_page_get_case (RECTIFY_PAGE (self));

  if (rcase != NULL)
    rectify_case_set_checklist_done (rcase, rectify_choice_get_id (item), done);
}

static void
open_launched (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!rectify_launch_uri_finish (result, &error) && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Could not open the request page: %s", error->message);
}

static void
open_request_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RectifyFollowupPage *self = RECTIFY_FOLLOWUP_PAGE (widget);
  RectifyCase *rcase = rectify_page_get_case (RECTIFY_PAGE (self));
  const char *url;

  if (rcase == NULL || (url = rectify_case_get_request_url (rcase)) == NULL)
    return;

  rectify_launch_uri_async (widget, url, self->cancellable, open_launched, NULL);
}

/* Replies: read back from the desk when signed in, never stored. */

static GtkWidget *
reply_row (RectifyDeskComment *comment)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *when = gtk_label_new (NULL);
  GtkWidget *body = gtk_label_new (comment->plain_body ? comment->plain_body : comment->body);

  if (comment->created_at != NULL)
    {
      g_autofree char *date = rectify_format_day_of (comment->created_at);

      gtk_label_set_label (GTK_LABEL (when), date);
    }
  gtk_label_set_xalign (GTK_LABEL (when), 0);
  gtk_widget_add_css_class (when, "caption");
  gtk_widget_add_css_class (when, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (body), 0);
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (body), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (body), TRUE);

  gtk_box_append (GTK_BOX (box), when);
  gtk_box_append (GTK_BOX (box), body);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  return row;
}

/* Support's replies to the request, as the monitor last read them. */
static void
show_replies (RectifyFollowupPage *self)
{
  RectifyCase *rcase = rectify_page_get_case (RECTIFY_PAGE (self));
  GPtrArray *comments = NULL;
  GtkWidget *child;
  guint shown = 0;

  if (rcase != NULL && self->monitor != NULL)
    comments = rectify_request_monitor_get_replies (self->monitor, rcase);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->replies_list))) != NULL)
    gtk_list_box_remove (self->replies_list, child);

  /* The first comment is the request itself; private notes are not shown. */
  for (guint i = 1; comments != NULL && i < comments->len; i++)
    {
      RectifyDeskComment *comment = g_ptr_array_index (comments, i);

      if (!comment->is_public)
        continue;
      gtk_list_box_append (self->replies_list, reply_row (comment));
      shown++;
    }

  gtk_widget_set_visible (self->replies_group, shown > 0);
}

static void
on_replies_changed (RectifyFollowupPage   *self,
                    RectifyCase           *rcase,
                    RectifyRequestMonitor *monitor)
{
  if (rcase == rectify_page_get_case (RECTIFY_PAGE (self)))
    show_replies (self);
}

/* One read now for the case shown; the monitor's poller does the rest. */
static void
check_now (RectifyFollowupPage *self)
{
  RectifyCase *rcase = rectify_page_get_case (RECTIFY_PAGE (self));

  if (rcase != NULL && self->monitor != NULL)
    rectify_request_monitor_check (self->monitor, rcase);
}

static void
set_monitor (RectifyFollowupPage   *self,
             RectifyRequestMonitor *monitor)
{
  if (self->monitor == monitor)
    return;

  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_func (self->monitor, on_replies_changed, self);
  g_set_object (&self->monitor, monitor);
  if (monitor != NULL)
    g_signal_connect_object (monitor, "replies-changed", G_CALLBACK (on_replies_changed), self,
                             G_CONNECT_SWAPPED);

  show_replies (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    check_now (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MONITOR]);
}

static void
rectify_followup_page_map (GtkWidget *widget)
{
  RectifyFollowupPage *self = RECTIFY_FOLLOWUP_PAGE (widget);

  GTK_WIDGET_CLASS (rectify_followup_page_parent_class)->map (widget);

  check_now (self);
}

static void
rectify_followup_page_case_changed (RectifyPage *page,
                                    RectifyCase *old_case)
{
  RectifyFollowupPage *self = RECTIFY_FOLLOWUP_PAGE (page);

  rectify_field_group_set_case (self->fields, rectify_page_get_case (page));

  /* Another case's replies are not this one's. */
  show_replies (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    check_now (self);
}

static void
add_number_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RectifyFollowupPage *self = RECTIFY_FOLLOWUP_PAGE (widget);
  RectifyCase *rcase = rectify_page_get_case (RECTIFY_PAGE (self));

  if (rcase != NULL && self->outbox != NULL)
    rectify_request_number_ask (RECTIFY_PAGE (self), self->outbox, rcase);
}

static void
rectify_followup_page_dispose (GObject *object)
{
  RectifyFollowupPage *self = (RectifyFollowupPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->reply_cancellable);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_func (self->monitor, on_replies_changed, self);
  if (self->outbox != NULL)
    g_signal_handlers_disconnect_by_func (self->outbox, update_reply, self);
  g_clear_object (&self->monitor);
  g_clear_object (&self->outbox);
  g_clear_object (&self->reply_cancellable);
  g_clear_pointer (&self->reply_files, g_ptr_array_unref);
  g_clear_object (&self->checklist);

  G_OBJECT_CLASS (rectify_followup_page_parent_class)->dispose (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->fields);
}

static void
rectify_followup_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RectifyFollowupPage *self = RECTIFY_FOLLOWUP_PAGE (object);

  switch (prop_id)
    {
    case PROP_MONITOR:
      g_value_set_object (value, self->monitor);
      break;

    case PROP_OUTBOX:
      g_value_set_object (value, self->outbox);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rectify_followup_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  RectifyFollowupPage *self = RECTIFY_FOLLOWUP_PAGE (object);

  switch (prop_id)
    {
    case PROP_MONITOR:
      set_monitor (self, g_value_get_object (value));
      break;

    case PROP_OUTBOX:
      if (self->outbox != NULL && self->outbox != g_value_get_object (value))
        g_signal_handlers_disconnect_by_func (self->outbox, update_reply, self);
      if (g_set_object (&self->outbox, g_value_get_object (value)))
        {
          /* Signing in or out changes who may reply. */
          if (self->outbox != NULL)
            g_signal_connect_object (self->outbox, "notify::client", G_CALLBACK (update_reply),
                                     self, G_CONNECT_SWAPPED);
          if (rectify_page_get_case (RECTIFY_PAGE (self)) != NULL)
            update_request (self, rectify_page_get_case (RECTIFY_PAGE (self)));
          update_reply (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rectify_followup_page_class_init (RectifyFollowupPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  RectifyPageClass *page_class = RECTIFY_PAGE_CLASS (klass);

  object_class->dispose = rectify_followup_page_dispose;
  object_class->get_property = rectify_followup_page_get_property;
  object_class->set_property = rectify_followup_page_set_property;
  widget_class->map = rectify_followup_page_map;
  page_class->case_changed = rectify_followup_page_case_changed;
  page_class->case_updated = rectify_followup_page_case_updated;
  /* Once the request reached support, through Rectify or otherwise. */
  page_class->applies_to = rectify_case_is_submitted;
  rectify_page_class_set_step (page_class, RECTIFY_STEP_FOLLOW_UP);

  /**
   * RectifyFollowupPage:monitor:
   *
   * What reads the request's status and replies back.
   */
  properties[PROP_MONITOR] =
    g_param_spec_object ("monitor", NULL, NULL, RECTIFY_TYPE_REQUEST_MONITOR,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * RectifyFollowupPage:outbox:
   *
   * Records the request number the owner types later.
   */
  properties[PROP_OUTBOX] =
    g_param_spec_object ("outbox", NULL, NULL, RECTIFY_TYPE_OUTBOX,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RECTIFY_TYPE_CHOICE_LIST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pages/rectify-followup-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RectifyFollowupPage, request_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyFollowupPage, open_button);
  gtk_widget_class_bind_template_child (widget_class, RectifyFollowupPage, add_number_button);
  gtk_widget_class_bind_template_child (widget_class, RectifyFollowupPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyFollowupPage, checklist_list);
  gtk_widget_class_bind_template_child (widget_class, RectifyFollowupPage, replies_group);
  gtk_widget_class_bind_template_child (widget_class, RectifyFollowupPage, replies_list);
  gtk_widget_class_bind_template_child (widget_class, RectifyFollowupPage, statement_group);
  gtk_widget_class_bind_template_child (widget_class, RectifyFollowupPage, expected_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyFollowupPage, statement_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyFollowupPage, result_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyFollowupPage, result_icon);
  gtk_widget_class_bind_template_callback (widget_class, on_item_toggled);

  gtk_widget_class_install_action (widget_class, "page.open-request", NULL, open_request_action);
  gtk_widget_class_install_action (widget_class, "page.add-number", NULL, add_number_action);
  gtk_widget_class_install_action (widget_class, "page.reply-attach", NULL, reply_attach_action);
  gtk_widget_class_install_action (widget_class, "page.send-reply", NULL, send_reply_action);
  gtk_widget_class_bind_template_child (widget_class, RectifyFollowupPage, reply_group);
  gtk_widget_class_bind_template_child (widget_class, RectifyFollowupPage, reply_view);
  gtk_widget_class_bind_template_child (widget_class, RectifyFollowupPage, reply_files_list);
}

static void
rectify_followup_page_init (RectifyFollowupPage *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->checklist = rectify_checklist_new ();
  rectify_choice_list_set_model (self->checklist_list, self->checklist);
  self->cancellable = g_cancellable_new ();
  self->fields = rectify_field_group_new ();
  rectify_field_group_add_text (self->fields, self->statement_row, RECTIFY_TEXT_STATEMENT_AMOUNT);

  self->reply_files = g_ptr_array_new_with_free_func (g_object_unref);
  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_reply_drop), self, 0);
  gtk_widget_add_controller (self->reply_group, GTK_EVENT_CONTROLLER (drop));
  update_reply (self);

}
