/* rectify-preferences-window.c: the help desk, signing in, reminders
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rectify-clock.h"
#include "rectify-credentials.h"
#include "rectify-format.h"
#include "rectify-launcher.h"
#include "rectify-preferences-window.h"
#include "rectify-provider.h"

/* Settings are bound to GSettings, except two that need care:
 *
 * - the desk address is checked as it is typed, with the reason beside it,
 *   and saved only when it can be used (on apply, on leaving the field, on
 *   closing the window);
 * - the token goes to the keyring and nowhere else. It is never shown
 *   again: the window only says whether one is stored for the desk and
 *   sign-in mode chosen, and offers to remove it.
 *
 * Signing in is through the browser (OAuth with PKCE), and only where the
 * provider profile names a client the desk registered for Rectify; where it
 * names none, the group says so and that replies come by e-mail. API tokens
 * are a desk administrator's, so they sit under Advanced, with the day they
 * stop working. The desk address is there too: it is for testing, and the
 * window opens with the focus on the reminders, not in it. */

struct _RectifyPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  GCancellable         *cancellable;
  GCancellable         *status_cancellable;
  GCancellable         *test_cancellable;
  gboolean              token_stored;
  RectifyOAuth         *oauth;
  GCancellable         *sign_in_cancellable;

  AdwEntryRow          *desk_url_row;
  GtkWidget            *desk_url_message_row;
  GtkLabel             *desk_url_message;
  AdwComboRow          *mode_row;
  AdwEntryRow          *email_row;
  AdwEntryRow          *token_row;
  AdwActionRow         *token_status_row;
  AdwActionRow         *test_row;
  GtkSpinner           *test_spinner;
  GtkSwitch            *reminders_switch;
  AdwPreferencesGroup  *sign_in_group;
  AdwActionRow         *account_row;
  GtkSpinner           *sign_in_spinner;
  GtkWidget            *sign_in_button;
  GtkWidget            *sign_out_button;
  GtkWidget            *cancel_sign_in_button;
};

G_DEFINE_FINAL_TYPE (RectifyPreferencesWindow, rectify_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

static void
toast (RectifyPreferencesWindow *self,
       const char               *title)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (title));
}

static RectifyDeskAuth
current_mode (RectifyPreferencesWindow *self)
{
  return rectify_credentials_get_mode (self->settings);
}

static void
set_test_result (RectifyPreferencesWindow *self,
                 const char               *result)
{
  adw_action_row_set_subtitle (self->test_row, result);
  gtk_spinner_stop (self->test_spinner);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.test-connection", TRUE);
}

/* The apply button shows while the text differs from what was applied:
 * hide it once the text is saved some other way (on leaving the field). */
static void
reset_apply_button (AdwEntryRow *row)
{
  adw_entry_row_set_show_apply_button (row, FALSE);
  adw_entry_row_set_show_apply_button (row, TRUE);
}

/* The desk address */

static void
show_desk_url_message (RectifyPreferencesWindow *self,
                       const char               *message,
                       gboolean                  error)
{
  GtkWidget *label = GTK_WIDGET (self->desk_url_message);
  GtkWidget *row = GTK_WIDGET (self->desk_url_row);

  gtk_label_set_label (self->desk_url_message, message ? message : "");
  gtk_widget_set_visible (self->desk_url_message_row, message != NULL);

  if (error)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_add_css_class (label, "error");
      gtk_widget_remove_css_class (label, "dim-label");
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                      -1);
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_widget_remove_css_class (label, "error");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }

  gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               error ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

/* Checks what is typed and says why it cannot be used. Returns whether it
 * can. */
static gboolean
check_desk_url (RectifyPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->desk_url_row));
  g_autofree char *url = rectify_credentials_normalize_desk_url (text);
  g_autoptr(GError) error = NULL;

  if (!rectify_credentials_check_desk_url (url, &error))
    {
      show_desk_url_message (self, error->message, TRUE);
      return FALSE;
    }

  if (url[0] == '\0')
    {
      g_autofree char *hint = NULL;
      RectifyProvider *provider = rectify_provider_get_default ();

      /* Translators: %s is a web address */
      hint = g_strdup_printf (_("Empty: Ringover’s help desk, %s, is used."),
                              rectify_provider_get_desk_base_url (provider));
      show_desk_url_message (self, hint, FALSE);
    }
  else if (g_str_has_prefix (url, "http:"))
    {
      show_desk_url_message (self, _("A desk on this computer: plain “http://” is accepted for "
                                     "tests only."), FALSE);
    }
  else
    {
      show_desk_url_message (self, NULL, FALSE);
    }

  return TRUE;
}

static void
on_desk_url_changed (RectifyPreferencesWindow *self)
{
  check_desk_url (self);
}

/* Saves the address typed when it can be used; keeps the saved one when
 * not. */
static void
save_desk_url (RectifyPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->desk_url_row));
  g_autofree char *url = rectify_credentials_normalize_desk_url (text);
  g_autofree char *saved = g_settings_get_string (self->settings, "desk-url");

  if (!check_desk_url (self))
    return;

  reset_apply_button (self->desk_url_row);
  if (g_strcmp0 (url, saved) != 0)
    g_settings_set_string (self->settings, "desk-url", url);
}

static void
on_desk_url_apply (RectifyPreferencesWindow *self)
{
  save_desk_url (self);
}

/* The token */

static gboolean
has_sign_in_client (void)
{
  return rectify_provider_get_oauth_client_id (rectify_provider_get_default ()) != NULL;
}

/* API tokens end on a day the profile knows: said under the choice. */
static void
update_api_token_notice (RectifyPreferencesWindow *self)
{
  RectifyProvider *provider = rectify_provider_get_default ();
  const GDate *end = rectify_provider_get_api_tokens_end (provider);
  g_autofree char *date = NULL;
  g_autofree char *notice = NULL;
  GDate today;

  if (current_mode (self) != RECTIFY_DESK_AUTH_API_TOKEN || end == NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->mode_row), NULL);
      return;
    }

  rectify_clock_get_today (&today);
  date = rectify_format_date_long (end);
  if (rectify_provider_api_tokens_work_on (provider, &today))
    /* Translators: %s is a date, e.g. "30 April 2027" */
    notice = g_strdup_printf (_("Made by the help desk’s administrators. They stop working "
                                "on %s."), date);
  else
    /* Translators: %s is a date, e.g. "30 April 2027" */
    notice = g_strdup_printf (_("API tokens have not worked since %s. Choose another way."), date);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->mode_row), notice);
}

static void
update_sign_in_rows (RectifyPreferencesWindow *self)
{
  RectifyDeskAuth mode = current_mode (self);
  gboolean signed_in = mode == RECTIFY_DESK_AUTH_OAUTH && self->token_stored;
  gboolean waiting = self->sign_in_cancellable != NULL;
  gboolean client = has_sign_in_client ();

  gtk_widget_set_visible (GTK_WIDGET (self->email_row), mode == RECTIFY_DESK_AUTH_API_TOKEN);
  gtk_widget_set_visible (GTK_WIDGET (self->token_row), mode == RECTIFY_DESK_AUTH_API_TOKEN);
  gtk_widget_set_visible (GTK_WIDGET (self->token_status_row),
                          mode != RECTIFY_DESK_AUTH_ANONYMOUS && self->token_stored);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->token_row),
                                 self->token_stored ? _("Replace the API token") : _("API token"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.remove-token", self->token_stored);
  update_api_token_notice (self);

  /* No client: the row was taken out (see init). */
  if (self->account_row == NULL)
    return;

  gtk_widget_set_visible (self->sign_in_button, client && !signed_in && !waiting);
  gtk_widget_set_visible (self->cancel_sign_in_button, waiting);
  gtk_widget_set_visible (self->sign_out_button, signed_in && !waiting);
  gtk_spinner_set_spinning (self->sign_in_spinner, waiting);
  if (waiting)
    adw_action_row_set_subtitle (self->account_row, _("Waiting for your browser…"));
  else if (signed_in)
    adw_action_row_set_subtitle (self->account_row, _("Signed in"));
  else
    adw_action_row_set_subtitle (self->account_row, _("Not signed in"));
}

static void
has_token_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  RectifyPreferencesWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean stored = FALSE;

  if (!rectify_credentials_has_token_finish (result, &stored, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("Could not ask the keyring: %s", error->message);
    }

  self->token_stored = stored;
  update_sign_in_rows (self);
}

static void
refresh_token_status (RectifyPreferencesWindow *self)
{
  g_autofree char *url = rectify_credentials_dup_desk_url (self->settings);
  RectifyDeskAuth mode = current_mode (self);

  g_cancellable_cancel (self->status_cancellable);
  g_clear_object (&self->status_cancellable);

  self->token_stored = FALSE;
  update_sign_in_rows (self);
  if (mode == RECTIFY_DESK_AUTH_ANONYMOUS)
    return;

  /* The callback runs only while the window lives: dispose cancels. */
  self->status_cancellable = g_cancellable_new ();
  rectify_credentials_has_token_async (url, mode, self->status_cancellable, has_token_cb, self);
}

static void
on_sign_in_changed (RectifyPreferencesWindow *self)
{
  /* Another desk or mode: the last test said nothing about it. */
  g_cancellable_cancel (self->test_cancellable);
  set_test_result (self, _("Not tested yet"));
  refresh_token_status (self);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(RectifyPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rectify_credentials_store_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  toast (self, _("Token saved in your keyring"));
  refresh_token_status (self);
}

/* Sends what is typed in the token row to the keyring, and forgets it. */
static void
save_token_full (RectifyPreferencesWindow *self,
                 GCancellable             *cancellable,
                 GAsyncReadyCallback       callback,
                 gpointer                  user_data)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->token_row));
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;
  RectifyDeskAuth mode = current_mode (self);

  if (text[0] == '\0' || mode == RECTIFY_DESK_AUTH_ANONYMOUS)
    return;

  token = g_strstrip (g_strdup (text));
  adw_entry_row_set_show_apply_button (self->token_row, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->token_row), "");
  adw_entry_row_set_show_apply_button (self->token_row, TRUE);
  if (token[0] == '\0')
    return;

  url = rectify_credentials_dup_desk_url (self->settings);
  rectify_credentials_store_async (url, mode, token, cancellable, callback, user_data);
  memset (token, 0, strlen (token));
}

static void
save_token (RectifyPreferencesWindow *self)
{
  if (gtk_editable_get_text (GTK_EDITABLE (self->token_row))[0] != '\0')
    save_token_full (self, self->cancellable, store_cb, g_object_ref (self));
}

/* For a token saved as the window closes: nobody left to tell but the log. */
static void
store_on_close_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!rectify_credentials_store_finish (result, &error))
    g_warning ("The token could not be saved: %s", error->message);
}

static void
on_token_apply (RectifyPreferencesWindow *self)
{
  save_token (self);
}

static void
on_focus_leave (GtkEventControllerFocus  *controller,
                RectifyPreferencesWindow *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if (row == GTK_WIDGET (self->token_row))
    save_token (self);
  else if (row == GTK_WIDGET (self->desk_url_row))
    save_desk_url (self);
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(RectifyPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rectify_credentials_clear_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  toast (self, _("Token removed from your keyring"));
  refresh_token_status (self);
}

static void
remove_token_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RectifyPreferencesWindow *self = RECTIFY_PREFERENCES_WINDOW (widget);
  g_autofree char *url = rectify_credentials_dup_desk_url (self->settings);
  RectifyDeskAuth mode = current_mode (self);

  if (mode == RECTIFY_DESK_AUTH_ANONYMOUS)
    return;

  rectify_credentials_clear_async (url, mode, self->cancellable, clear_cb, g_object_ref (self));
}

/* The keyring has the sign-in, or has forgotten it: the mode that follows,
 * said; or why not (a cancel says nothing). */
static void
credentials_changed (RectifyPreferencesWindow *self,
                     gboolean                  done,
                     const GError             *error,
                     RectifyDeskAuth           mode,
                     const char               *message)
{
  if (!done)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  g_settings_set_enum (self->settings, "sign-in-mode", mode);
  toast (self, message);
  refresh_token_status (self);
}

/* Signing in through the browser */

static void
sign_in_stored_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(RectifyPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean done = rectify_credentials_store_finish (result, &error);

  credentials_changed (self, done, error, RECTIFY_DESK_AUTH_OAUTH,
                       _("Signed in to the help desk"));
}

static void
signed_in_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RectifyPreferencesWindow) self = user_data;
  g_autoptr(RectifyOAuthTokens) tokens = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *json = NULL;

  tokens = rectify_oauth_sign_in_finish (RECTIFY_OAUTH (object), result, &error);
  g_clear_object (&self->sign_in_cancellable);
  update_sign_in_rows (self);

  if (tokens == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  url = rectify_credentials_dup_desk_url (self->settings);
  json = rectify_oauth_tokens_to_json (tokens);
  rectify_credentials_store_async (url, RECTIFY_DESK_AUTH_OAUTH, json, self->cancellable,
                                   sign_in_stored_cb, g_object_ref (self));
  memset (json, 0, strlen (json));
}

static void
browser_opened_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(RectifyPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rectify_launch_uri_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      toast (self, _("No web browser could be opened for signing in"));
      g_cancellable_cancel (self->sign_in_cancellable);
    }
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RectifyPreferencesWindow *self = RECTIFY_PREFERENCES_WINDOW (widget);
  g_autofree char *url = NULL;
  g_autofree char *authorize = NULL;
  g_autoptr(GError) error = NULL;

  if (self->sign_in_cancellable != NULL)
    return;

  save_desk_url (self);
  url = rectify_credentials_dup_desk_url (self->settings);
  g_clear_object (&self->oauth);
  self->oauth = rectify_credentials_new_oauth (url);
  if (self->oauth == NULL)
    return;

  authorize = rectify_oauth_begin (self->oauth, &error);
  if (authorize == NULL)
    {
      toast (self, error->message);
      return;
    }

  self->sign_in_cancellable = g_cancellable_new ();
  rectify_oauth_sign_in_async (self->oauth, self->sign_in_cancellable, signed_in_cb,
                               g_object_ref (self));
  rectify_launch_uri_async (widget, authorize, self->sign_in_cancellable, browser_opened_cb,
                            g_object_ref (self));
  update_sign_in_rows (self);
}

static void
cancel_sign_in_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RectifyPreferencesWindow *self = RECTIFY_PREFERENCES_WINDOW (widget);

  g_cancellable_cancel (self->sign_in_cancellable);
}

static void
signed_out_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RectifyPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean done = rectify_credentials_clear_finish (result, &error);

  credentials_changed (self, done, error, RECTIFY_DESK_AUTH_ANONYMOUS,
                       _("Signed out. Requests are sent without signing in."));
}

static void
revoked_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RectifyPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  /* Forgotten here whatever the desk said: offline, the token still ends
   * when it expires. */
  if (!rectify_oauth_revoke_finish (RECTIFY_OAUTH (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("The desk did not revoke the sign-in: %s", error->message);
    }

  url = rectify_credentials_dup_desk_url (self->settings);
  rectify_credentials_clear_async (url, RECTIFY_DESK_AUTH_OAUTH, self->cancellable,
                                   signed_out_cb, g_object_ref (self));
}

static void
sign_out_lookup_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(RectifyPreferencesWindow) self = user_data;
  g_autoptr(RectifyOAuthTokens) tokens = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = rectify_credentials_dup_desk_url (self->settings);
  char *secret;

  secret = rectify_credentials_lookup_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (secret != NULL)
    tokens = rectify_oauth_tokens_from_json (secret, NULL);
  rectify_credentials_token_free (secret);

  g_clear_object (&self->oauth);
  self->oauth = rectify_credentials_new_oauth (url);
  if (tokens != NULL && self->oauth != NULL)
    {
      rectify_oauth_revoke_async (self->oauth, tokens->access_token, self->cancellable,
                                  revoked_cb, g_object_ref (self));
      return;
    }

  rectify_credentials_clear_async (url, RECTIFY_DESK_AUTH_OAUTH, self->cancellable,
                                   signed_out_cb, g_object_ref (self));
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RectifyPreferencesWindow *self = RECTIFY_PREFERENCES_WINDOW (widget);
  g_autofree char *url = rectify_credentials_dup_desk_url (self->settings);

  rectify_credentials_lookup_async (url, RECTIFY_DESK_AUTH_OAUTH, self->cancellable,
                                    sign_out_lookup_cb, g_object_ref (self));
}

/* Testing the connection */

static void
list_requests_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(RectifyPreferencesWindow) self = user_data;
  RectifyDeskClient *client = RECTIFY_DESK_CLIENT (object);
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *result_text = NULL;

  requests = rectify_desk_client_list_requests_finish (client, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (rectify_desk_client_get_auth (client) == RECTIFY_DESK_AUTH_ANONYMOUS)
    {
      /* Reading requests always needs a sign-in: the desk refusing it says
       * it is there, over a connection that could be verified. */
      if (requests != NULL ||
          g_error_matches (error, RECTIFY_DESK_ERROR, RECTIFY_DESK_ERROR_UNAUTHORIZED) ||
          g_error_matches (error, RECTIFY_DESK_ERROR, RECTIFY_DESK_ERROR_FORBIDDEN))
        set_test_result (self, _("The help desk answers at this address. Requests will be sent "
                                 "without signing in."));
      else
        set_test_result (self, error->message);
      return;
    }

  if (requests == NULL)
    {
      set_test_result (self, error->message);
      return;
    }

  result_text = g_strdup_printf (ngettext ("Signed in. The help desk lists %u request of yours.",
                                           "Signed in. The help desk lists %u requests of yours.",
                                           requests->len),
                                 requests->len);
  set_test_result (self, result_text);
}

static void
new_client_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RectifyPreferencesWindow) self = user_data;
  g_autoptr(RectifyDeskClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = rectify_credentials_new_desk_client_finish (result, &error);
  if (client == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_test_result (self, error->message);
      return;
    }

  rectify_desk_client_list_requests_async (client, self->test_cancellable, list_requests_cb,
                                           g_object_ref (self));
}

static void
test_connection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RectifyPreferencesWindow *self = RECTIFY_PREFERENCES_WINDOW (widget);

  /* What is typed counts: an address or a token not applied yet. */
  save_desk_url (self);
  save_token (self);

  g_cancellable_cancel (self->test_cancellable);
  g_clear_object (&self->test_cancellable);
  self->test_cancellable = g_cancellable_new ();

  adw_action_row_set_subtitle (self->test_row, _("Testing…"));
  gtk_spinner_start (self->test_spinner);
  gtk_widget_action_set_enabled (widget, "prefs.test-connection", FALSE);

  rectify_credentials_new_desk_client_async (self->settings, self->test_cancellable,
                                             new_client_cb, g_object_ref (self));
}

/* The sign-in mode: the combo row's position is the enum's value. */

static gboolean
mode_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint mode = RECTIFY_DESK_AUTH_ANONYMOUS; mode <= RECTIFY_DESK_AUTH_API_TOKEN; mode++)
    if (g_str_equal (nick, rectify_credentials_get_mode_nick (mode)))
      {
        g_value_set_uint (value, mode);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
mode_set_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  guint mode = g_value_get_uint (value);

  if (mode > RECTIFY_DESK_AUTH_API_TOKEN)
    return NULL;

  return g_variant_new_string (rectify_credentials_get_mode_nick (mode));
}

static gboolean
rectify_preferences_window_close_request (GtkWindow *window)
{
  RectifyPreferencesWindow *self = RECTIFY_PREFERENCES_WINDOW (window);

  /* Nothing typed is lost; the token's store outlives the window. */
  save_desk_url (self);
  save_token_full (self, NULL, store_on_close_cb, NULL);

  return GTK_WINDOW_CLASS (rectify_preferences_window_parent_class)->close_request (window);
}

static void
rectify_preferences_window_dispose (GObject *object)
{
  RectifyPreferencesWindow *self = (RectifyPreferencesWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->status_cancellable);
  g_cancellable_cancel (self->test_cancellable);
  g_cancellable_cancel (self->sign_in_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), RECTIFY_TYPE_PREFERENCES_WINDOW);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->status_cancellable);
  g_clear_object (&self->test_cancellable);
  g_clear_object (&self->sign_in_cancellable);
  g_clear_object (&self->oauth);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rectify_preferences_window_parent_class)->dispose (object);
}

static void
rectify_preferences_window_class_init (RectifyPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rectify_preferences_window_dispose;
  window_class->close_request = rectify_preferences_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/rectify-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RectifyPreferencesWindow, desk_url_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyPreferencesWindow,
                                        desk_url_message_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyPreferencesWindow, desk_url_message);
  gtk_widget_class_bind_template_child (widget_class, RectifyPreferencesWindow, mode_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyPreferencesWindow, email_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyPreferencesWindow, token_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyPreferencesWindow, token_status_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyPreferencesWindow, test_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyPreferencesWindow, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, RectifyPreferencesWindow, reminders_switch);
  gtk_widget_class_bind_template_child (widget_class, RectifyPreferencesWindow, sign_in_group);
  gtk_widget_class_bind_template_child (widget_class, RectifyPreferencesWindow, account_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyPreferencesWindow, sign_in_spinner);
  gtk_widget_class_bind_template_child (widget_class, RectifyPreferencesWindow, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, RectifyPreferencesWindow, sign_out_button);
  gtk_widget_class_bind_template_child (widget_class, RectifyPreferencesWindow,
                                        cancel_sign_in_button);
  gtk_widget_class_bind_template_callback (widget_class, on_desk_url_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_desk_url_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_token_apply);

  gtk_widget_class_install_action (widget_class, "prefs.remove-token", NULL, remove_token_action);
  gtk_widget_class_install_action (widget_class, "prefs.sign-in", NULL, sign_in_action);
  gtk_widget_class_install_action (widget_class, "prefs.cancel-sign-in", NULL,
                                   cancel_sign_in_action);
  gtk_widget_class_install_action (widget_class, "prefs.sign-out", NULL, sign_out_action);
  gtk_widget_class_install_action (widget_class, "prefs.test-connection", NULL,
                                   test_connection_action);
}

static void
watch_focus (RectifyPreferencesWindow *self,
             GtkWidget                *row)
{
  GtkEventController *controller = gtk_event_controller_focus_new ();

  g_signal_connect_object (controller, "leave", G_CALLBACK (on_focus_leave), self, 0);
  gtk_widget_add_controller (row, controller);
}

static void
rectify_preferences_window_init (RectifyPreferencesWindow *self)
{
  g_autofree char *desk_url = NULL;
  g_autofree char *description = NULL;
  RectifyProvider *provider;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (SCHEMA_ID);

  desk_url = g_settings_get_string (self->settings, "desk-url");
  gtk_editable_set_text (GTK_EDITABLE (self->desk_url_row), desk_url);
  check_desk_url (self);

  g_settings_bind_with_mapping (self->settings, "sign-in-mode", self->mode_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, mode_get_mapping, mode_set_mapping,
                                NULL, NULL);
  g_settings_bind (self->settings, "api-token-email", self->email_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "reminders-enabled", self->reminders_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_object (self->settings, "changed::desk-url",
                           G_CALLBACK (on_sign_in_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::sign-in-mode",
                           G_CALLBACK (on_sign_in_changed), self, G_CONNECT_SWAPPED);

  watch_focus (self, GTK_WIDGET (self->desk_url_row));
  watch_focus (self, GTK_WIDGET (self->token_row));

  provider = rectify_provider_get_default ();
  if (has_sign_in_client ())
    description = g_strdup (_("Sending works without signing in. Signing in to your help-desk "
                              "account lets Rectify show your requests’ status and support’s "
                              "replies here, and send corrections as replies."));
  else
    {
      /* Translators: %s is the provider, e.g. "Ringover" */
      description = g_strdup_printf (_("%s’s help desk does not offer signing in to apps. "
                                       "Rectify sends your requests without it, and support’s "
                                       "replies reach you by e-mail."),
                                     rectify_provider_get_display_name (provider));
      /* Taken out rather than hidden: an empty list would still show. */
      adw_preferences_group_remove (self->sign_in_group, GTK_WIDGET (self->account_row));
      self->account_row = NULL;
      self->sign_in_button = self->sign_out_button = self->cancel_sign_in_button = NULL;
      self->sign_in_spinner = NULL;
    }
  adw_preferences_group_set_description (self->sign_in_group, description);

  refresh_token_status (self);
}

RectifyPreferencesWindow *
rectify_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (RECTIFY_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
}
