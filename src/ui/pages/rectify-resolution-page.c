/* rectify-resolution-page.c: step 3, choose the resolution and send
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
#include "rectify-correction.h"
#include "rectify-email.h"
#include "rectify-format.h"
#include "rectify-launcher.h"
#include "rectify-money.h"
#include "rectify-outbox.h"
#include "rectify-provider.h"
#include "rectify-reference.h"
#include "rectify-request-number.h"
#include "rectify-request.h"
#include "rectify-resolution-page.h"
#include "rectify-send-reason-text.h"
#include "rectify-urgency-banner.h"

struct _RectifyResolutionPage
{
  RectifyPage           parent_instance;

  GCancellable         *cancellable;

  RectifyUrgencyBanner *urgency_banner;
  RectifyChoiceList    *resolution_list;
  GListModel           *resolutions;
  GtkLabel             *resolution_message;
  AdwPreferencesGroup  *review_group;
  GtkLabel             *subject_label;
  GtkLabel             *body_label;
  GtkWidget            *mark_sent_button;
  GtkWidget            *correct_button;
  GtkWidget            *send_group;
  GtkLabel             *send_status_label;
  GtkLabel             *send_detail_label;
  GtkProgressBar       *send_progress;
  GtkWidget            *cancel_send_button;
  GtkWidget            *review_button;
  GtkWidget            *email_instead_button;
  GtkWidget            *copy_instead_button;
  GtkWidget            *arrived_button;
  GtkWidget            *not_arrived_button;

  /* The outbox whose progress is followed, and the state last shown, so a
   * change to "sent" or "refused" is acted on once. */
  RectifyOutbox        *outbox;
  RectifyCase          *shown_case;
  RectifySendState      shown_state;
};

G_DEFINE_FINAL_TYPE (RectifyResolutionPage, rectify_resolution_page, RECTIFY_TYPE_PAGE)

enum {
  PROP_0,
  PROP_OUTBOX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_sending (RectifyResolutionPage *self,
                            RectifyCase           *rcase);

static void
rectify_resolution_page_case_updated (RectifyPage *page)
{
  RectifyResolutionPage *self = RECTIFY_RESOLUTION_PAGE (page);
  RectifyCase *rcase = rectify_page_get_case (page);
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  gboolean locked;
  const RectifyProblem *problem;
  GDate today;

  if (rcase == NULL)
    return;

  rectify_clock_get_today (&today);
  rectify_resolution_choices_update (self->resolutions, rcase, &today);

  /* Why a chosen resolution does not do. */
  problem = rectify_case_get_field_problem (rcase, "resolution");
  gtk_widget_set_visible (GTK_WIDGET (self->resolution_message),
                          problem != NULL &&
                          rectify_case_get_resolution (rcase) != RECTIFY_RESOLUTION_NONE);
  gtk_label_set_label (self->resolution_message, problem ? problem->message : "");

  /* From the queue on, the request says what went out, and stays so. */
  locked = rectify_case_is_locked (rcase);
  gtk_widget_set_sensitive (GTK_WIDGET (self->resolution_list), !locked);

  if (rectify_case_get_sent_body (rcase) != NULL)
    {
      g_autofree char *when = rectify_page_dup_sent_on (page);
      g_autofree char *description =
        rectify_case_get_request_id (rcase) > 0
          /* Translators: a request number, then a date, e.g. "26 November 2026" */
          ? g_strdup_printf (_("Sent to support as request #%" PRId64 " on %s. To change "
                               "something, send a correction on the same request; what is "
                               "left to do is on step 4."),
                             rectify_case_get_request_id (rcase), when)
          /* Translators: %s is a date, e.g. "26 November 2026" */
          : g_strdup_printf (_("As sent to support on %s. To change something, send a "
                               "correction on the same request."), when);

      gtk_label_set_label (self->subject_label, rectify_case_get_sent_subject (rcase));
      gtk_label_set_label (self->body_label, rectify_case_get_sent_body (rcase));
      adw_preferences_group_set_description (self->review_group, description);
    }
  else
    {
      subject = rectify_request_dup_subject (rcase);
      body = rectify_request_dup_body (rcase, &today);
      gtk_label_set_label (self->subject_label, subject);
      gtk_label_set_label (self->body_label, body);
      adw_preferences_group_set_description (self->review_group,
                                             locked
                                               ? _("What support will receive: it is on its "
                                                   "way and can no longer be changed.")
                                               : _("Exactly what support will receive, in your "
                                                   "language."));
    }

  update_sending (self, rcase);

  gtk_widget_set_visible (self->mark_sent_button, !rectify_case_is_submitted (rcase));
  gtk_widget_set_visible (self->correct_button, rectify_case_is_submitted (rcase));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.correct",
                                 rectify_case_is_submitted (rcase));
  /* Clickable while not sent; on an incomplete step it shows what is
   * missing (send_action). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.send",
                                 rectify_case_get_send_state (rcase) == RECTIFY_SEND_STATE_DRAFT ||
                                 rectify_case_get_send_state (rcase) == RECTIFY_SEND_STATE_FAILED);
  /* E-mailed again once it reached support, it would be a second request. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.email",
                                 rectify_page_get_complete (RECTIFY_PAGE (self)) &&
                                 !rectify_case_is_submitted (rcase));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.copy",
                                 rectify_page_get_complete (RECTIFY_PAGE (self)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.save",
                                 rectify_page_get_complete (RECTIFY_PAGE (self)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.mark-sent",
                                 rectify_page_get_complete (RECTIFY_PAGE (self)) &&
                                 !rectify_case_is_submitted (rcase));
}

static void
on_resolution_toggled (RectifyResolutionPage *self,
                       RectifyChoice         *choice,
                       gboolean               active)
{
  RectifyCase *rcase = rectify_page_get_case (RECTIFY_PAGE (self));

  if (rcase != NULL && active)
    rectify_case_set_resolution (rcase, rectify_choice_get_value (choice));
}

static void
toast (RectifyResolutionPage *self,
       AdwToast              *toast_)
{
  rectify_page_add_toast (RECTIFY_PAGE (self), toast_);
}

/* The outbox the window gave the page, or %NULL where there is none. */
static RectifyOutbox *
get_outbox (RectifyResolutionPage *self)
{
  return self->outbox;
}

/* Buttons sit in a flow box: its child goes with them. */
static void
show_button (GtkWidget *button,
             gboolean   shown)
{
  gtk_widget_set_visible (button, shown);
  gtk_widget_set_visible (gtk_widget_get_parent (button), shown);
}

static void
on_progress (RectifyResolutionPage *self,
             RectifyCase           *rcase,
             double                 fraction)
{
  if (rcase != rectify_page_get_case (RECTIFY_PAGE (self)))
    return;

  gtk_progress_bar_set_fraction (self->send_progress, fraction);
}

/* The desk refused some fields: show why beside them, on the details page. */
static void
show_rejections (RectifyResolutionPage *self,
                 RectifyOutbox         *outbox,
                 RectifyCase           *rcase)
{
  GPtrArray *rejections = rectify_outbox_get_rejections (outbox, rcase);

  if (rejections == NULL || rejections->len == 0)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-rejections", NULL);
}

static void
update_sending (RectifyResolutionPage *self,
                RectifyCase           *rcase)
{
  RectifyOutbox *outbox = get_outbox (self);
  RectifySendState state = rectify_case_get_send_state (rcase);
  g_autofree char *reason = rectify_send_reason_dup_text (rectify_case_get_send_reason (rcase),
                                                          rcase);
  gboolean changed = rcase == self->shown_case && state != self->shown_state;
  GPtrArray *rejections;

  self->shown_case = rcase;
  self->shown_state = state;

  rejections = outbox ? rectify_outbox_get_rejections (outbox, rcase) : NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (self->send_status_label), "error");
  show_button (self->cancel_send_button, FALSE);
  show_button (self->review_button, FALSE);
  show_button (self->email_instead_button, FALSE);
  show_button (self->copy_instead_button, FALSE);
  show_button (self->arrived_button, FALSE);
  show_button (self->not_arrived_button, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->send_progress), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->send_detail_label), reason != NULL);
  gtk_label_set_label (self->send_detail_label, reason ? reason : "");
  gtk_widget_set_visible (self->send_group, TRUE);

  switch (state)
    {
    case RECTIFY_SEND_STATE_QUEUED:
      gtk_label_set_label (self->send_status_label, _("Waiting to send"));
      show_button (self->cancel_send_button, TRUE);
      break;

    case RECTIFY_SEND_STATE_UPLOADING:
      gtk_label_set_label (self->send_status_label, _("Uploading the attachments…"));
      gtk_widget_set_visible (GTK_WIDGET (self->send_progress), TRUE);
      if (outbox != NULL)
        gtk_progress_bar_set_fraction (self->send_progress,
                                       rectify_outbox_get_progress (outbox, rcase));
      show_button (self->cancel_send_button, TRUE);
      break;

    case RECTIFY_SEND_STATE_CREATING:
      gtk_label_set_label (self->send_status_label, _("Sending the request…"));
      gtk_widget_set_visible (GTK_WIDGET (self->send_progress), TRUE);
      gtk_progress_bar_set_fraction (self->send_progress, 1.0);
      break;

    case RECTIFY_SEND_STATE_FAILED:
      gtk_label_set_label (self->send_status_label, _("Not sent"));
      gtk_widget_add_css_class (GTK_WIDGET (self->send_status_label), "error");
      show_button (self->review_button, rejections != NULL && rejections->len > 0);
      if (changed && outbox != NULL)
        show_rejections (self, outbox, rcase);
      /* The desk takes no request from Rectify without a sign-in: the next
       * route a customer has, one click away, and the focus on it. */
      if (rectify_case_get_send_reason (rcase) != NULL &&
          rectify_case_get_send_reason (rcase)->code == RECTIFY_SEND_REASON_SIGN_IN_NEEDED)
        {
          gtk_label_set_label (self->send_status_label, _("Not sent: send it by e-mail"));
          show_button (self->email_instead_button, TRUE);
          show_button (self->copy_instead_button, TRUE);
          if (changed)
            gtk_widget_grab_focus (self->email_instead_button);
        }
      break;

    case RECTIFY_SEND_STATE_NEEDS_CONFIRMATION:
      gtk_label_set_label (self->send_status_label,
                           _("Did support receive it? Rectify cannot tell"));
      show_button (self->arrived_button, TRUE);
      show_button (self->not_arrived_button, TRUE);
      break;

    case RECTIFY_SEND_STATE_SENT:
      if (changed)
        {
          g_autofree char *title =
            rectify_case_get_request_id (rcase) > 0
              /* Translators: %s is a request number */
              ? g_strdup_printf (_("Sent to Ringover support as request #%" PRId64),
                                 rectify_case_get_request_id (rcase))
              : g_strdup (_("Sent to Ringover support by Rectify"));

          toast (self, adw_toast_new (title));
          /* The window asks the case whether the follow-up applies now. */
          gtk_widget_activate_action (GTK_WIDGET (self), "win.show-step", "i",
                                      RECTIFY_STEP_FOLLOW_UP);
        }
      G_GNUC_FALLTHROUGH;
    case RECTIFY_SEND_STATE_DRAFT:
    case RECTIFY_SEND_STATE_SENT_ELSEWHERE:
    default:
      gtk_widget_set_visible (self->send_group, FALSE);
      break;
    }
}

static char *
dup_request_text (RectifyResolutionPage *self)
{
  RectifyCase *rcase = rectify_page_get_case (RECTIFY_PAGE (self));
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  GDate today;

  /* What went out, once something did. */
  if (rectify_case_get_sent_body (rcase) != NULL)
    return g_strdup_printf ("%s\n\n%s", rectify_case_get_sent_subject (rcase),
                            rectify_case_get_sent_body (rcase));

  rectify_clock_get_today (&today);
  subject = rectify_request_dup_subject (rcase);
  body = rectify_request_dup_body (rcase, &today);

  return g_strdup_printf ("%s\n\n%s", subject, body);
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RectifyResolutionPage *self = RECTIFY_RESOLUTION_PAGE (widget);
  RectifyCase *rcase = rectify_page_get_case (RECTIFY_PAGE (self));
  RectifyOutbox *outbox = get_outbox (self);
  g_autoptr(GError) error = NULL;

  if (rcase == NULL)
    return;

  if (!rectify_page_get_complete (RECTIFY_PAGE (self)))
    {
      /* An earlier step may be the one missing something: the window goes
       * there; else this page says what. */
      for (RectifyStep step = RECTIFY_STEP_IDENTIFY; step < RECTIFY_STEP_RESOLUTION; step++)
        if (!rectify_case_get_step_complete (rcase, step))
          {
            gtk_widget_activate_action (widget, "win.show-step", "i", step);
            return;
          }
      rectify_page_show_problems (RECTIFY_PAGE (self));
      return;
    }

  /* The application's outbox, the same one app.send-case uses. */
  if (outbox == NULL)
    {
      toast (self, adw_toast_new (_("Sending is not available here: use E-mail, Copy or Save")));
      return;
    }

  if (!rectify_outbox_send (outbox, rcase, &error))
    {
      g_autofree char *title = g_strdup_printf (_("Not sent: %s"), error->message);

      toast (self, adw_toast_new (title));
    }
}

static void
cancel_send_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RectifyResolutionPage *self = RECTIFY_RESOLUTION_PAGE (widget);
  RectifyCase *rcase = rectify_page_get_case (RECTIFY_PAGE (self));
  RectifyOutbox *outbox = get_outbox (self);
  g_autoptr(GError) error = NULL;

  if (rcase != NULL && outbox != NULL && !rectify_outbox_cancel (outbox, rcase, &error))
    toast (self, adw_toast_new (error->message));
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RectifyResolutionPage *self = RECTIFY_RESOLUTION_PAGE (widget);
  RectifyCase *rcase = rectify_page_get_case (RECTIFY_PAGE (self));
  RectifyOutbox *outbox = get_outbox (self);
  g_autoptr(GError) error = NULL;

  if (rcase == NULL || outbox == NULL)
    return;

  if (g_variant_get_boolean (parameter))
    {
      /* Rectify sent it; the number is in support's e-mail. */
      rectify_request_number_ask (RECTIFY_PAGE (self), outbox, rcase);
      return;
    }

  if (!rectify_outbox_confirm (outbox, rcase, FALSE, 0, &error))
    toast (self, adw_toast_new (error->message));
}

static void
review_details_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RectifyResolutionPage *self = RECTIFY_RESOLUTION_PAGE (widget);
  RectifyCase *rcase = rectify_page_get_case (RECTIFY_PAGE (self));

  if (rcase != NULL && self->outbox != NULL)
    show_rejections (self, self->outbox, rcase);
}

static void
email_launched (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RectifyResolutionPage) self = user_data;
  g_autoptr(GError) error = NULL;
  RectifyCase *rcase = rectify_page_get_case (RECTIFY_PAGE (self));
  RectifyMailRoute route;
  g_autofree char *message = NULL;
  guint n_files;
  AdwToast *t;

  if (!rectify_launch_email_finish (result, &route, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (g_error_matches (error, RECTIFY_EMAIL_ERROR, RECTIFY_EMAIL_ERROR_ATTACHMENT))
        toast (self, adw_toast_new (error->message));
      else
        toast (self, adw_toast_new (_("No e-mail app could be opened: use Copy or Save instead")));
      return;
    }

  n_files = rcase != NULL ? g_list_model_get_n_items (rectify_case_get_attachments (rcase)) : 0;
  if (route == RECTIFY_MAIL_ROUTE_MAILTO && n_files > 0)
    /* Translators: the e-mail went out as a mailto: link, which cannot
     * carry files */
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Your e-mail app has the text only: attach the %u file by hand, then send it and mark it as sent.",
                                            "Your e-mail app has the text only: attach the %u files by hand, then send it and mark it as sent.",
                                            n_files),
                               n_files);
  else if (n_files > 0)
    message = g_strdup (_("Your e-mail app has the request and its files. Once you have sent it, mark it as sent."));
  else
    message = g_strdup (_("Your e-mail app has the request. Once you have sent it, mark it as sent."));

  t = adw_toast_new (message);
  adw_toast_set_button_label (t, _("_Mark as Sent"));
  adw_toast_set_action_name (t, "page.mark-sent");
  adw_toast_set_timeout (t, 0);
  toast (self, t);
}

static void
email_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RectifyResolutionPage *self = RECTIFY_RESOLUTION_PAGE (widget);
  RectifyCase *rcase = rectify_page_get_case (RECTIFY_PAGE (self));
  RectifyProvider *provider = rectify_provider_get_default ();
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  GListModel *attachments;
  GDate today;

  if (rcase == NULL)
    return;

  rectify_clock_get_today (&today);
  subject = rectify_request_dup_subject (rcase);
  body = rectify_request_dup_body (rcase, &today);
  attachments = rectify_case_get_attachments (rcase);
  for (guint i = 0; i < g_list_model_get_n_items (attachments); i++)
    {
      g_autoptr(RectifyAttachment) attachment = g_list_model_get_item (attachments, i);

      g_ptr_array_add (files, g_object_ref (rectify_attachment_get_file (attachment)));
    }

  rectify_launch_email_async (widget, rectify_provider_get_support_email (provider), subject,
                              body, files, self->cancellable, email_launched,
                              g_object_ref (self));
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RectifyResolutionPage *self = RECTIFY_RESOLUTION_PAGE (widget);
  g_autofree char *text = NULL;

  if (rectify_page_get_case (RECTIFY_PAGE (self)) == NULL)
    return;

  text = dup_request_text (self);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  toast (self, adw_toast_new (_("Request copied")));
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(RectifyResolutionPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("The request could not be saved: %s"),
                                                      error->message);

          toast (self, adw_toast_new (message));
        }
      return;
    }

  toast (self, adw_toast_new (_("Request saved")));
}

static void
save_to (RectifyResolutionPage *self,
         GFile                 *file)
{
  char *text = dup_request_text (self);
  gsize length = strlen (text);
  g_autoptr(GBytes) bytes = g_bytes_new_take (text, length);

  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       self->cancellable, saved_cb, g_object_ref (self));
}

static char *
suggested_name (RectifyResolutionPage *self)
{
  RectifyCase *rcase = rectify_page_get_case (RECTIFY_PAGE (self));
  g_autofree char *short_ref = rectify_reference_shorten (rectify_case_get_reference (rcase));

  /* Translators: the file name offered when saving the request; keep .txt */
  return g_strdup_printf (_("ringover-request-%s.txt"), short_ref);
}

#if GTK_CHECK_VERSION (4, 10, 0)
G_GNUC_BEGIN_IGNORE_DEPRECATIONS

static void
save_dialog_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RectifyResolutionPage) self = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, NULL);

  if (file != NULL)
    save_to (self, file);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RectifyResolutionPage *self = RECTIFY_RESOLUTION_PAGE (widget);
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autofree char *name = NULL;

  if (rectify_page_get_case (RECTIFY_PAGE (self)) == NULL)
    return;

  name = suggested_name (self);
  gtk_file_dialog_set_title (dialog, _("Save Request"));
  gtk_file_dialog_set_initial_name (dialog, name);
  gtk_file_dialog_save (dialog, GTK_WINDOW (gtk_widget_get_root (widget)), self->cancellable,
                        save_dialog_cb, g_object_ref (self));
}

G_GNUC_END_IGNORE_DEPRECATIONS
#else

static void
on_save_response (GtkNativeDialog       *chooser,
                  int                    response,
                  RectifyResolutionPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        save_to (self, file);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RectifyResolutionPage *self = RECTIFY_RESOLUTION_PAGE (widget);
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (rectify_page_get_case (RECTIFY_PAGE (self)) == NULL)
    return;

  /* Through the file-chooser portal inside Flatpak. */
  chooser = gtk_file_chooser_native_new (_("Save Request"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), NULL);
  name = suggested_name (self);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_save_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

#endif

static void
mark_sent_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RectifyResolutionPage *self = RECTIFY_RESOLUTION_PAGE (widget);
  RectifyCase *rcase = rectify_page_get_case (RECTIFY_PAGE (self));
  RectifyOutbox *outbox = get_outbox (self);
  g_autoptr(GError) error = NULL;

  if (rcase == NULL || rectify_case_is_submitted (rcase) ||
      !rectify_page_get_complete (RECTIFY_PAGE (self)))
    return;

  /* Through the outbox, which stops a send still waiting and refuses once
   * the request may be on the desk. */
  if (outbox == NULL)
    return;

  if (!rectify_outbox_mark_sent_elsewhere (outbox, rcase, &error))
    {
      toast (self, adw_toast_new (error->message));
      return;
    }
  gtk_widget_activate_action (widget, "win.show-step", "i", RECTIFY_STEP_FOLLOW_UP);
}

/* Send a Correction */

static void
correction_sent (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RectifyResolutionPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (rectify_outbox_send_correction_finish (RECTIFY_OUTBOX (object), result, &error))
    {
      toast (self, adw_toast_new (_("Correction sent on the same request")));
      return;
    }

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Translators: %s says why */
      g_autofree char *title = g_strdup_printf (_("The correction was not sent: %s"),
                                                error->message);

      toast (self, adw_toast_new (title));
    }
}

static void
correction_email_launched (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(RectifyResolutionPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rectify_launch_uri_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (self, adw_toast_new (_("No e-mail app could be opened: use Copy instead")));
}

static void
on_correction_response (AdwMessageDialog      *dialog,
                        const char            *response,
                        RectifyResolutionPage *self)
{
  RectifyCase *rcase = rectify_page_get_case (RECTIFY_PAGE (self));
  RectifyOutbox *outbox = get_outbox (self);
  GtkTextBuffer *buffer = g_object_get_data (G_OBJECT (dialog), "buffer");
  g_autofree char *change = NULL;
  GtkTextIter start, end;

  if (rcase == NULL)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  change = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  if (g_strcmp0 (response, "reply") == 0 && outbox != NULL)
    {
      rectify_outbox_send_correction_async (outbox, rcase, change, self->cancellable,
                                            correction_sent, g_object_ref (self));
    }
  else if (g_strcmp0 (response, "email") == 0)
    {
      g_autofree char *uri =
        rectify_correction_dup_mailto (rcase,
                                       rectify_provider_get_support_email (
                                         rectify_provider_get_default ()),
                                       change);

      rectify_launch_uri_async (GTK_WIDGET (self), uri, self->cancellable,
                                correction_email_launched, g_object_ref (self));
    }
  else if (g_strcmp0 (response, "copy") == 0)
    {
      g_autofree char *subject = rectify_correction_dup_subject (rcase);
      g_autofree char *body = rectify_correction_dup_body (rcase, change);
      g_autofree char *text = g_strdup_printf ("%s\n\n%s", subject, body);

      gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
      toast (self, adw_toast_new (_("Correction copied")));
    }
}

static void
on_correction_changed (GtkTextBuffer    *buffer,
                       AdwMessageDialog *dialog)
{
  g_autofree char *change = NULL;
  GtkTextIter start, end;
  gboolean empty;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  change = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  empty = *g_strstrip (change) == '\0';

  for (const char * const *id = (const char * const []) { "reply", "email", "copy", NULL };
       *id != NULL; id++)
    if (adw_message_dialog_has_response (dialog, *id))
      adw_message_dialog_set_response_enabled (dialog, *id, !empty);
}

/* A change after sending: on the same request, never as a new one. */
static void
correct_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RectifyResolutionPage *self = RECTIFY_RESOLUTION_PAGE (widget);
  RectifyCase *rcase = rectify_page_get_case (RECTIFY_PAGE (self));
  RectifyOutbox *outbox = get_outbox (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *heading = NULL;
  GtkWidget *scrolled;
  GtkWidget *view;
  AdwMessageDialog *dialog;
  gboolean reply;

  if (rcase == NULL || !rectify_case_is_submitted (rcase))
    return;

  reply = outbox != NULL && rectify_outbox_can_reply (outbox, rcase);
  heading = rectify_case_get_request_id (rcase) > 0
    /* Translators: %s is a request number */
    ? g_strdup_printf (_("Correct Request #%" PRId64), rectify_case_get_request_id (rcase))
    : g_strdup (_("Correct Your Request"));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
    reply ? _("Say what should change. It goes to support as a reply on the same request.")
          : _("Say what should change. Without a sign-in, send it by e-mail or copy it: "
              "it names the request, so support adds it there.")));

  view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What should change"), -1);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 120);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_widget_add_css_class (scrolled, "card");
  adw_message_dialog_set_extra_child (dialog, scrolled);

  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  if (reply)
    {
      adw_message_dialog_add_response (dialog, "reply", _("_Send Correction"));
      adw_message_dialog_set_response_appearance (dialog, "reply", ADW_RESPONSE_SUGGESTED);
    }
  else
    {
      adw_message_dialog_add_response (dialog, "copy", _("_Copy"));
      adw_message_dialog_add_response (dialog, "email", _("_E-mail"));
      adw_message_dialog_set_response_appearance (dialog, "email", ADW_RESPONSE_SUGGESTED);
    }
  adw_message_dialog_set_close_response (dialog, "cancel");

  g_object_set_data (G_OBJECT (dialog), "buffer", gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
  g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                           G_CALLBACK (on_correction_changed), dialog, 0);
  on_correction_changed (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_correction_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
rectify_resolution_page_case_changed (RectifyPage *page,
                                      RectifyCase *old_case)
{
  RectifyResolutionPage *self = RECTIFY_RESOLUTION_PAGE (page);

  rectify_urgency_banner_set_case (self->urgency_banner, rectify_page_get_case (page));
}

static void
set_outbox (RectifyResolutionPage *self,
            RectifyOutbox         *outbox)
{
  RectifyCase *rcase = rectify_page_get_case (RECTIFY_PAGE (self));

  if (self->outbox == outbox)
    return;

  if (self->outbox != NULL)
    g_signal_handlers_disconnect_by_func (self->outbox, on_progress, self);
  g_set_object (&self->outbox, outbox);
  if (outbox != NULL)
    g_signal_connect_object (outbox, "progress", G_CALLBACK (on_progress), self,
                             G_CONNECT_SWAPPED);

  if (rcase != NULL)
    rectify_resolution_page_case_updated (RECTIFY_PAGE (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTBOX]);
}

static void
rectify_resolution_page_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  RectifyResolutionPage *self = RECTIFY_RESOLUTION_PAGE (object);

  switch (prop_id)
    {
    case PROP_OUTBOX:
      g_value_set_object (value, self->outbox);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rectify_resolution_page_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  RectifyResolutionPage *self = RECTIFY_RESOLUTION_PAGE (object);

  switch (prop_id)
    {
    case PROP_OUTBOX:
      set_outbox (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rectify_resolution_page_dispose (GObject *object)
{
  RectifyResolutionPage *self = (RectifyResolutionPage *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->outbox != NULL)
    g_signal_handlers_disconnect_by_func (self->outbox, on_progress, self);
  g_clear_object (&self->outbox);
  g_clear_object (&self->resolutions);
  self->shown_case = NULL;

  G_OBJECT_CLASS (rectify_resolution_page_parent_class)->dispose (object);

  g_clear_object (&self->cancellable);
}

static gboolean
rectify_resolution_page_show_problems (RectifyPage *page)
{
  RectifyResolutionPage *self = RECTIFY_RESOLUTION_PAGE (page);
  RectifyCase *rcase = rectify_page_get_case (page);
  const RectifyProblem *problem;

  if (rcase == NULL || rectify_page_get_complete (page))
    return FALSE;

  /* The one thing asked here: which correction. */
  problem = rectify_case_get_field_problem (rcase, "resolution");
  rectify_page_add_toast (page, adw_toast_new (problem != NULL
                                                 ? problem->message
                                                 : _("Choose how it should be corrected")));
  gtk_widget_grab_focus (GTK_WIDGET (self->resolution_list));

  return TRUE;
}

static void
rectify_resolution_page_class_init (RectifyResolutionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  RectifyPageClass *page_class = RECTIFY_PAGE_CLASS (klass);

  object_class->dispose = rectify_resolution_page_dispose;
  object_class->get_property = rectify_resolution_page_get_property;
  object_class->set_property = rectify_resolution_page_set_property;
  page_class->case_changed = rectify_resolution_page_case_changed;
  page_class->case_updated = rectify_resolution_page_case_updated;
  page_class->show_problems = rectify_resolution_page_show_problems;
  rectify_page_class_set_step (page_class, RECTIFY_STEP_RESOLUTION);

  /**
   * RectifyResolutionPage:outbox:
   *
   * Where Send, Mark as Sent and corrections go; set by the window.
   */
  properties[PROP_OUTBOX] =
    g_param_spec_object ("outbox", NULL, NULL, RECTIFY_TYPE_OUTBOX,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RECTIFY_TYPE_CHOICE_LIST);
  g_type_ensure (RECTIFY_TYPE_URGENCY_BANNER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pages/rectify-resolution-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RectifyResolutionPage, urgency_banner);
  gtk_widget_class_bind_template_child (widget_class, RectifyResolutionPage, resolution_list);
  gtk_widget_class_bind_template_child (widget_class, RectifyResolutionPage, resolution_message);
  gtk_widget_class_bind_template_child (widget_class, RectifyResolutionPage, review_group);
  gtk_widget_class_bind_template_child (widget_class, RectifyResolutionPage, subject_label);
  gtk_widget_class_bind_template_child (widget_class, RectifyResolutionPage, body_label);
  gtk_widget_class_bind_template_child (widget_class, RectifyResolutionPage, mark_sent_button);
  gtk_widget_class_bind_template_child (widget_class, RectifyResolutionPage, correct_button);
  gtk_widget_class_bind_template_child (widget_class, RectifyResolutionPage, send_group);
  gtk_widget_class_bind_template_child (widget_class, RectifyResolutionPage, send_status_label);
  gtk_widget_class_bind_template_child (widget_class, RectifyResolutionPage, send_detail_label);
  gtk_widget_class_bind_template_child (widget_class, RectifyResolutionPage, send_progress);
  gtk_widget_class_bind_template_child (widget_class, RectifyResolutionPage, cancel_send_button);
  gtk_widget_class_bind_template_child (widget_class, RectifyResolutionPage, review_button);
  gtk_widget_class_bind_template_child (widget_class, RectifyResolutionPage,
                                        email_instead_button);
  gtk_widget_class_bind_template_child (widget_class, RectifyResolutionPage, copy_instead_button);
  gtk_widget_class_bind_template_child (widget_class, RectifyResolutionPage, arrived_button);
  gtk_widget_class_bind_template_child (widget_class, RectifyResolutionPage, not_arrived_button);
  gtk_widget_class_bind_template_callback (widget_class, on_resolution_toggled);

  gtk_widget_class_install_action (widget_class, "page.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "page.email", NULL, email_action);
  gtk_widget_class_install_action (widget_class, "page.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "page.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "page.mark-sent", NULL, mark_sent_action);
  gtk_widget_class_install_action (widget_class, "page.correct", NULL, correct_action);
  gtk_widget_class_install_action (widget_class, "page.cancel-send", NULL, cancel_send_action);
  gtk_widget_class_install_action (widget_class, "page.confirm", "b", confirm_action);
  gtk_widget_class_install_action (widget_class, "page.review-details", NULL,
                                   review_details_action);
}

static void
rectify_resolution_page_init (RectifyResolutionPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->resolutions = rectify_resolution_choices_new ();
  rectify_choice_list_set_model (self->resolution_list, self->resolutions);
  self->cancellable = g_cancellable_new ();
  g_signal_connect (self, "notify::complete",
                    G_CALLBACK (rectify_resolution_page_case_updated), NULL);
}
