/* rectify-followup-page.c: step 4, follow up until the statement shows the fix
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "rectify-billing.h"
#include "rectify-clock.h"
#include "rectify-field-group.h"
#include "rectify-followup-page.h"
#include "rectify-format.h"
#include "rectify-launcher.h"
#include "rectify-money.h"
#include "rectify-provider.h"
#include "rectify-request.h"
#include "rectify-reference.h"
#include "rectify-window.h"

#define N_ITEMS 4
/* How often, while the page shows, replies are read back (signed in). */
#define REFRESH_INTERVAL_SECONDS (5 * 60)

struct _RectifyFollowupPage
{
  RectifyPage        parent_instance;

  RectifyFieldGroup *fields;
  GCancellable      *cancellable;
  GCancellable      *refresh_cancellable;
  guint              refresh_source;
  gboolean           syncing;

  AdwActionRow      *request_row;
  GtkWidget         *open_button;
  AdwActionRow      *status_row;
  GtkWidget         *replies_group;
  GtkListBox        *replies_list;
  AdwActionRow      *remove_users_row;
  AdwActionRow      *customer_success_row;
  AdwActionRow      *verify_row;
  AdwActionRow      *check_statement_row;
  GtkCheckButton    *remove_users_check;
  GtkCheckButton    *customer_success_check;
  GtkCheckButton    *verify_check;
  GtkCheckButton    *check_statement_check;
  AdwPreferencesGroup *statement_group;
  AdwActionRow      *expected_row;
  AdwEntryRow       *statement_row;
  AdwActionRow      *result_row;
  GtkImage          *result_icon;
};

G_DEFINE_FINAL_TYPE (RectifyFollowupPage, rectify_followup_page, RECTIFY_TYPE_PAGE)

static const char * const item_ids[N_ITEMS] = {
  RECTIFY_CHECKLIST_REMOVE_USERS,
  RECTIFY_CHECKLIST_CUSTOMER_SUCCESS,
  RECTIFY_CHECKLIST_VERIFY,
  RECTIFY_CHECKLIST_CHECK_STATEMENT,
};

static AdwActionRow *
item_row (RectifyFollowupPage *self,
          guint                i)
{
  AdwActionRow *rows[N_ITEMS] = {
    self->remove_users_row, self->customer_success_row, self->verify_row,
    self->check_statement_row,
  };

  return rows[i];
}

static GtkCheckButton *
item_check (RectifyFollowupPage *self,
            guint                i)
{
  GtkCheckButton *checks[N_ITEMS] = {
    self->remove_users_check, self->customer_success_check, self->verify_check,
    self->check_statement_check,
  };

  return checks[i];
}

/* What each step involves, from the help centre. */
static char *
item_description (guint i)
{
  RectifyProvider *provider = rectify_provider_get_default ();

  switch (i)
    {
    case 0:
      return g_strdup (_("Only unassigned licences can be removed. Deleting a user also deletes "
                         "that user’s call recordings: download the ones you want to keep "
                         "first."));
    case 1:
      /* Translators: %s is an e-mail address */
      return g_strdup_printf (_("A customer success representative (%s) can adjust your plan "
                                "to the licences you keep."),
                              rectify_provider_get_success_email (provider));
    case 2:
      return g_strdup (_("In the Billing section of your Ringover dashboard: the licence types "
                         "and their number."));
    case 3:
    default:
      return g_strdup (_("On or after the next billing date, compare it below."));
    }
}

static char *
format_when (GDateTime *when)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (when);
  GDate day;
  g_autofree char *date = NULL;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  date = rectify_format_date_long (&day);

  return g_steal_pointer (&date);
}

static void
update_request (RectifyFollowupPage *self,
                RectifyCase         *rcase)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *when = NULL;
  GDateTime *submitted = rectify_case_get_submitted_at (rcase);

  if (submitted != NULL)
    when = format_when (submitted);

  if (rectify_case_get_request_id (rcase) > 0)
    /* Translators: a request number and the day it was sent, e.g. "#4242, sent 26 November 2026" */
    subtitle = g_strdup_printf (_("#%" PRId64 ", sent %s"),
                                rectify_case_get_request_id (rcase), when ? when : "");
  else if (rectify_case_get_send_state (rcase) == RECTIFY_SEND_STATE_SENT_ELSEWHERE)
    subtitle = g_strdup_printf (_("You sent it yourself on %s"), when ? when : "");
  else
    subtitle = g_strdup (rectify_send_state_get_label (rectify_case_get_send_state (rcase)));

  adw_action_row_set_subtitle (self->request_row, subtitle);
  gtk_widget_set_visible (self->open_button, rectify_case_get_request_url (rcase) != NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->status_row),
                          rectify_case_get_request_status (rcase) != NULL);
  if (rectify_case_get_request_status (rcase) != NULL)
    adw_action_row_set_subtitle (self->status_row,
                                 rectify_request_status_get_label (rectify_case_get_request_status (rcase)));
}

static void
update_checklist (RectifyFollowupPage *self,
                  RectifyCase         *rcase)
{
  const char * const *items = rectify_case_get_checklist_items (rcase);

  self->syncing = TRUE;

  for (guint i = 0; i < N_ITEMS; i++)
    {
      GDateTime *done = rectify_case_get_checklist_done (rcase, item_ids[i]);
      g_autofree char *description = item_description (i);
      g_autofree char *subtitle = NULL;

      gtk_widget_set_visible (GTK_WIDGET (item_row (self, i)),
                              g_strv_contains (items, item_ids[i]));
      gtk_check_button_set_active (item_check (self, i), done != NULL);

      if (done != NULL)
        {
          g_autofree char *when = format_when (done);

          /* Translators: %s is a description, %s a date, e.g. "…\nDone on 26 November 2026" */
          subtitle = g_strdup_printf (_("%s\nDone on %s"), description, when);
        }
      adw_action_row_set_subtitle (item_row (self, i), subtitle ? subtitle : description);
    }

  self->syncing = FALSE;
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
    description = g_strdup_printf (_("Your next statement comes on %s. Come back then to "
                                     "compare it."), next_text);
  adw_preferences_group_set_description (self->statement_group, description);
  gtk_widget_set_sensitive (GTK_WIDGET (self->statement_row), due);

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

  if (!due || !rectify_case_get_statement_minor (rcase, &seen))
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

static void
rectify_followup_page_case_updated (RectifyPage *page)
{
  RectifyFollowupPage *self = RECTIFY_FOLLOWUP_PAGE (page);
  RectifyCase *rcase = rectify_page_get_case (page);

  if (rcase == NULL)
    return;

  update_request (self, rcase);
  update_checklist (self, rcase);
  update_statement (self, rcase);
}

static void
on_item_toggled (RectifyFollowupPage *self,
                 GtkCheckButton      *check)
{
  RectifyCase *rcase = rectify_page_get_case (RECTIFY_PAGE (self));

  if (rcase == NULL || self->syncing)
    return;

  for (guint i = 0; i < N_ITEMS; i++)
    if (item_check (self, i) == check)
      rectify_case_set_checklist_done (rcase, item_ids[i], gtk_check_button_get_active (check));
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
      g_autofree char *date = format_when (comment->created_at);

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

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  RectifyFollowupPage *self = user_data;
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  guint shown = 0;

  comments = rectify_outbox_refresh_finish (RECTIFY_OUTBOX (object), result, &error);
  if (comments == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not read the request back: %s", error->message);
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->replies_list))) != NULL)
    gtk_list_box_remove (self->replies_list, child);

  /* The first comment is the request itself; private notes are not shown. */
  for (guint i = 1; i < comments->len; i++)
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
refresh (RectifyFollowupPage *self)
{
  RectifyCase *rcase = rectify_page_get_case (RECTIFY_PAGE (self));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  RectifyOutbox *outbox = RECTIFY_IS_WINDOW (root) ? rectify_window_get_outbox (RECTIFY_WINDOW (root))
                                                   : NULL;
  RectifyDeskClient *client = outbox ? rectify_outbox_get_client (outbox) : NULL;

  g_cancellable_cancel (self->refresh_cancellable);
  g_clear_object (&self->refresh_cancellable);

  if (rcase == NULL || rectify_case_get_request_id (rcase) <= 0 || client == NULL ||
      rectify_desk_client_get_auth (client) == RECTIFY_DESK_AUTH_ANONYMOUS)
    return;

  self->refresh_cancellable = g_cancellable_new ();
  rectify_outbox_refresh_async (outbox, rcase, self->refresh_cancellable, refresh_cb, self);
}

static gboolean
refresh_timeout (gpointer user_data)
{
  refresh (user_data);
  return G_SOURCE_CONTINUE;
}

static void
rectify_followup_page_map (GtkWidget *widget)
{
  RectifyFollowupPage *self = RECTIFY_FOLLOWUP_PAGE (widget);

  GTK_WIDGET_CLASS (rectify_followup_page_parent_class)->map (widget);

  refresh (self);
  self->refresh_source = g_timeout_add_seconds (REFRESH_INTERVAL_SECONDS, refresh_timeout, self);
}

static void
rectify_followup_page_unmap (GtkWidget *widget)
{
  RectifyFollowupPage *self = RECTIFY_FOLLOWUP_PAGE (widget);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_cancellable_cancel (self->refresh_cancellable);

  GTK_WIDGET_CLASS (rectify_followup_page_parent_class)->unmap (widget);
}

static void
rectify_followup_page_case_changed (RectifyPage *page,
                                    RectifyCase *old_case)
{
  RectifyFollowupPage *self = RECTIFY_FOLLOWUP_PAGE (page);
  GtkWidget *child;

  rectify_field_group_set_case (self->fields, rectify_page_get_case (page));

  /* Another case's replies are not this one's. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->replies_list))) != NULL)
    gtk_list_box_remove (self->replies_list, child);
  gtk_widget_set_visible (self->replies_group, FALSE);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
}

static void
rectify_followup_page_dispose (GObject *object)
{
  RectifyFollowupPage *self = (RectifyFollowupPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->refresh_cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);

  G_OBJECT_CLASS (rectify_followup_page_parent_class)->dispose (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->refresh_cancellable);
  g_clear_object (&self->fields);
}

static void
rectify_followup_page_class_init (RectifyFollowupPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  RectifyPageClass *page_class = RECTIFY_PAGE_CLASS (klass);

  object_class->dispose = rectify_followup_page_dispose;
  widget_class->map = rectify_followup_page_map;
  widget_class->unmap = rectify_followup_page_unmap;
  page_class->case_changed = rectify_followup_page_case_changed;
  page_class->case_updated = rectify_followup_page_case_updated;
  /* Once the request reached support, through Rectify or otherwise. */
  page_class->applies_to = rectify_case_is_submitted;
  rectify_page_class_set_step (page_class, RECTIFY_STEP_FOLLOW_UP);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pages/rectify-followup-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RectifyFollowupPage, request_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyFollowupPage, open_button);
  gtk_widget_class_bind_template_child (widget_class, RectifyFollowupPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyFollowupPage, replies_group);
  gtk_widget_class_bind_template_child (widget_class, RectifyFollowupPage, replies_list);
  gtk_widget_class_bind_template_child (widget_class, RectifyFollowupPage, remove_users_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyFollowupPage, customer_success_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyFollowupPage, verify_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyFollowupPage, check_statement_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyFollowupPage, remove_users_check);
  gtk_widget_class_bind_template_child (widget_class, RectifyFollowupPage, customer_success_check);
  gtk_widget_class_bind_template_child (widget_class, RectifyFollowupPage, verify_check);
  gtk_widget_class_bind_template_child (widget_class, RectifyFollowupPage, check_statement_check);
  gtk_widget_class_bind_template_child (widget_class, RectifyFollowupPage, statement_group);
  gtk_widget_class_bind_template_child (widget_class, RectifyFollowupPage, expected_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyFollowupPage, statement_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyFollowupPage, result_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyFollowupPage, result_icon);
  gtk_widget_class_bind_template_callback (widget_class, on_item_toggled);

  gtk_widget_class_install_action (widget_class, "page.open-request", NULL, open_request_action);
}

static void
rectify_followup_page_init (RectifyFollowupPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  rectify_page_label_check_rows (RECTIFY_PAGE (self));

  self->cancellable = g_cancellable_new ();
  self->fields = rectify_field_group_new ();
  rectify_field_group_add_text (self->fields, self->statement_row, RECTIFY_TEXT_STATEMENT_AMOUNT);

}
