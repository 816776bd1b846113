/* rectify-application.c: the application, its actions and windows
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "rectify-application.h"
#include "rectify-background.h"
#include "rectify-case-printer.h"
#include "rectify-case-store.h"
#include "rectify-clock.h"
#include "rectify-credentials.h"
#include "rectify-format.h"
#include "rectify-help-window.h"
#include "rectify-outbox.h"
#include "rectify-request-monitor.h"
#include "rectify-preferences-window.h"
#include "rectify-provider.h"
#include "rectify-reminders.h"
#include "rectify-window.h"

/* The application owns the services windows share: the case store, loaded
 * once at start-up in a worker thread. It holds no case state itself.
 *
 * The first window does not wait for every case: the case it showed last
 * ("last-case") is read first, alone, and the window opens on it (or on a
 * new case) while the others load; the case list fills in after. What
 * needs every case (resuming sends, reminders, actions from notifications)
 * waits for the full load.
 *
 * It also sends the reminders: once the cases are loaded, then every hour
 * while it runs. With reminders on, it asks to be started at login with
 * --check-reminders (rectify-background.c): that run opens no window, loads
 * the cases, sends what is due (deadlines, the statement day, support's new
 * replies when signed in), and exits within a few seconds. Each reminder is
 * told once, whichever run tells it. */

#define REMINDER_INTERVAL_SECONDS (60 * 60)
#define RENEWAL_INTERVAL_SECONDS (10 * 60)
/* How long the check run waits for the desk before it gives up on replies. */
#define CHECK_RUN_DESK_SECONDS 15

typedef struct _ReminderCheck ReminderCheck;

struct _RectifyApplication
{
  AdwApplication    parent_instance;

  RectifyCaseStore *store;
  /* What loading found, for the first window to report once. */
  GPtrArray        *set_aside;
  char             *load_error;
  /* Why no desk client could be made, to show with a way to Preferences. */
  char             *client_error;
  /* Reading the case shown last, before the others. */
  gboolean          opening;
  gboolean          loading;
  /* The full load: started, or waiting for the first window's first
   * frame (it would take the CPUs that frame needs). */
  gboolean          load_started;
  gboolean          load_waits_for_frame;
  guint             load_fallback;
  gboolean          activate_pending;
  gboolean          quit_pending;
  /* The quit came while loading with windows open: they close (and save)
   * by themselves. */
  gboolean          quit_with_windows;
  /* Actions that came while loading (from gapplication, notifications),
   * run in order once the cases are there. */
  GPtrArray        *pending_actions;  /* PendingAction */

  GSettings        *settings;
  RectifyOutbox    *outbox;
  /* The one poller that reads the requests back, for every window. */
  RectifyRequestMonitor *monitor;
  GCancellable     *client_cancellable;
  guint             reminder_source;
  /* The check of what is due, while it runs. */
  ReminderCheck    *reminder_check;
  guint             reminder_check_source;
  guint             renewal_source;
  GtkPrintSettings *print_settings;
  GtkWindow        *preferences_window;
  GtkWindow        *help_window;

  /* --check-reminders: no window, and quit once told. */
  gboolean          check_only;
  gboolean          check_started;
  gboolean          check_done;
  gboolean          client_ready;
  guint             check_timeout;
  GCancellable     *autostart_cancellable;
};

G_DEFINE_FINAL_TYPE (RectifyApplication, rectify_application, ADW_TYPE_APPLICATION)

static void check_run_continue (RectifyApplication *self);
static void toast              (RectifyApplication *self,
                                const char         *title);

typedef struct
{
  char     *name;
  GVariant *parameter;  /* nullable */
} PendingAction;

static void
pending_action_free (PendingAction *pending)
{
  g_free (pending->name);
  g_clear_pointer (&pending->parameter, g_variant_unref);
  g_free (pending);
}

static void load_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data);

static void
start_load (RectifyApplication *self)
{
  if (self->load_started)
    return;

  self->load_started = TRUE;
  self->load_waits_for_frame = FALSE;
  g_clear_handle_id (&self->load_fallback, g_source_remove);
  rectify_case_store_load_async (self->store, NULL, load_cb, g_object_ref (self));
}

static void
first_frame_cb (GdkFrameClock      *clock,
                RectifyApplication *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, self);
  start_load (self);
}

static void
first_window_realized (GtkWidget          *window,
                       RectifyApplication *self)
{
  g_signal_handlers_disconnect_by_func (window, first_window_realized, self);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (first_frame_cb), self);
}

static gboolean
load_fallback_cb (gpointer user_data)
{
  RectifyApplication *self = user_data;

  self->load_fallback = 0;
  start_load (self);
  return G_SOURCE_REMOVE;
}

/* The window about to be shown draws its first frame, then the cases
 * load; at the latest half a second later (a window never mapped). */
static void
load_after_first_frame (RectifyApplication *self,
                        GtkWindow          *window)
{
  if (self->load_started || self->load_waits_for_frame)
    return;

  self->load_waits_for_frame = TRUE;
  g_signal_connect (window, "realize", G_CALLBACK (first_window_realized), self);
  self->load_fallback = g_timeout_add (500, load_fallback_cb, self);
}

/* Without a window to show first (the check run, an action from a
 * notification), the cases load now. */
static gboolean
load_soon_cb (gpointer user_data)
{
  RectifyApplication *self = user_data;

  if (!self->load_waits_for_frame)
    start_load (self);
  return G_SOURCE_REMOVE;
}

static void
report_load (RectifyApplication *self,
             RectifyWindow      *window)
{
  rectify_window_report_load (window, rectify_case_store_get_load_problems (self->store),
                              self->load_error);
  g_clear_pointer (&self->set_aside, g_ptr_array_unref);
  g_clear_pointer (&self->load_error, g_free);
}

static void
rectify_application_activate (GApplication *app)
{
  RectifyApplication *self = RECTIFY_APPLICATION (app);
  GtkWindow *window;

  /* The check run at login shows nothing. */
  if (self->check_only)
    return;

  /* Activation waits only for the case shown last, read alone. */
  if (self->opening)
    {
      self->activate_pending = TRUE;
      return;
    }

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    {
      RectifyWindow *new_window = rectify_window_new (GTK_APPLICATION (app), self->store,
                                                      self->outbox);

      g_object_set (new_window, "monitor", self->monitor, NULL);

      /* What loading found is told once, by this window: now, or when
       * the load is done (loaded_cb). */
      if (!self->loading)
        report_load (self, new_window);
      if (self->client_error != NULL)
        rectify_window_report_no_client (new_window, self->client_error);
      window = GTK_WINDOW (new_window);
      load_after_first_frame (self, window);
    }

  gtk_window_present (window);
}

/* Reminders */

static void
send_reminder (RectifyApplication *self,
               RectifyCase        *rcase,
               RectifyReminder     reminder,
               const GDate        *today)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = rectify_reminder_dup_title (rcase, reminder, today);
  g_autofree char *body = rectify_reminder_dup_body (rcase, reminder, today);
  g_autofree char *id = g_strconcat ("reminder-", rectify_case_get_reference (rcase), NULL);

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target (notification, "app.open-case", "s",
                                                rectify_case_get_reference (rcase));
  if (reminder == RECTIFY_REMINDER_DEADLINE_SOON)
    g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);

  /* One per case: a later reminder replaces the earlier one. */
  g_application_send_notification (G_APPLICATION (self), id, notification);
}

/* More reminders due at once than this, and one notification tells them
 * all: an owner with many cases is not sent a flood. */
#define MAX_SEPARATE_REMINDERS 3

static void
send_reminder_summary (RectifyApplication *self,
                       guint               n_due,
                       gboolean            urgent)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "%u case needs your attention",
                                                         "%u cases need your attention",
                                                         n_due),
                                            n_due);

  notification = g_notification_new (title);
  g_notification_set_body (notification,
                           _("Their billing dates are near, or their statements are due. "
                             "Open Rectify to see each of them."));
  if (urgent)
    g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);

  /* Without a default action, clicking it opens the window. */
  g_application_send_notification (G_APPLICATION (self), "reminders", notification);
}

/* A check of every case, a few milliseconds at a time (10,000 cases take
 * about 30 ms): the window keeps drawing meanwhile. */
#define REMINDER_SLICE_US 3000

struct _ReminderCheck
{
  GPtrArray *cases;      /* RectifyCase, as they were when it started */
  guint      next;
  GDate      today;
  char     **shown;
  GHashTable *shown_set; /* the keys of shown */
  GPtrArray *told;       /* char *, the keys of what is due */
  GPtrArray *due_cases;  /* RectifyCase */
  GArray    *dues;       /* RectifyReminder */
  gboolean   urgent;
};

static void
reminder_check_free (ReminderCheck *check)
{
  g_ptr_array_unref (check->cases);
  g_strfreev (check->shown);
  g_hash_table_unref (check->shown_set);
  g_ptr_array_unref (check->told);
  g_ptr_array_unref (check->due_cases);
  g_array_unref (check->dues);
  g_free (check);
}

/* Everything due is known: tell it, and remember it was told. */
static void
reminder_check_done (RectifyApplication *self,
                     ReminderCheck      *check)
{
  g_auto(GStrv) updated = NULL;

  if (check->told->len == 0)
    return;

  if (check->told->len > MAX_SEPARATE_REMINDERS)
    send_reminder_summary (self, check->told->len, check->urgent);
  else
    for (guint i = 0; i < check->due_cases->len; i++)
      send_reminder (self, g_ptr_array_index (check->due_cases, i),
                     g_array_index (check->dues, RectifyReminder, i), &check->today);

  g_ptr_array_add (check->told, NULL);
  updated = rectify_reminders_add_shown ((const char * const *) check->shown,
                                         (const char * const *) check->told->pdata,
                                         G_LIST_MODEL (self->store));
  g_settings_set_strv (self->settings, "shown-reminders", (const char * const *) updated);
}

static gboolean
reminder_slice_cb (gpointer user_data)
{
  RectifyApplication *self = user_data;
  ReminderCheck *check = self->reminder_check;
  gint64 until = g_get_monotonic_time () + REMINDER_SLICE_US;

  while (check->next < check->cases->len)
    {
      RectifyCase *rcase = g_ptr_array_index (check->cases, check->next++);
      RectifyReminder due = rectify_reminders_get_due (rcase, &check->today, check->shown_set);

      if (due != RECTIFY_REMINDER_NONE)
        {
          g_ptr_array_add (check->told, rectify_reminder_dup_key (rcase, due));
          g_ptr_array_add (check->due_cases, g_object_ref (rcase));
          g_array_append_val (check->dues, due);
          check->urgent |= due == RECTIFY_REMINDER_DEADLINE_SOON;
        }

      if (check->next % 64 == 0 && g_get_monotonic_time () >= until)
        return G_SOURCE_CONTINUE;
    }

  self->reminder_check = NULL;
  self->reminder_check_source = 0;
  reminder_check_done (self, check);
  reminder_check_free (check);

  if (self->check_only)
    check_run_continue (self);
  return G_SOURCE_REMOVE;
}

/* Starts a check of what is due, unless one runs. */
static void
check_reminders (RectifyApplication *self)
{
  ReminderCheck *check;
  guint n;

  if (self->loading || self->store == NULL || self->reminder_check != NULL ||
      !g_settings_get_boolean (self->settings, "reminders-enabled"))
    return;

  check = g_new0 (ReminderCheck, 1);
  rectify_clock_get_today (&check->today);
  check->shown = g_settings_get_strv (self->settings, "shown-reminders");
  check->shown_set = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; check->shown[i] != NULL; i++)
    g_hash_table_add (check->shown_set, check->shown[i]);
  check->told = g_ptr_array_new_with_free_func (g_free);
  check->due_cases = g_ptr_array_new_with_free_func (g_object_unref);
  check->dues = g_array_new (FALSE, FALSE, sizeof (RectifyReminder));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  check->cases = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (check->cases, g_list_model_get_item (G_LIST_MODEL (self->store), i));

  self->reminder_check = check;
  /* Below the redraw priority, as the store's own loading. */
  self->reminder_check_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, reminder_slice_cb,
                                                 self, NULL);
}

static gboolean
reminder_timeout (gpointer user_data)
{
  check_reminders (RECTIFY_APPLICATION (user_data));

  return G_SOURCE_CONTINUE;
}

/* Every case is in the store: what waited for them goes on. */
static gboolean
loaded_cb (gpointer user_data)
{
  g_autoptr(RectifyApplication) self = user_data;

  self->loading = FALSE;

  /* Quit asked for while loading: nothing more to show, nothing to send.
   * Windows that were open are closing and hold the application until
   * their cases are saved. */
  if (self->quit_pending)
    {
      g_clear_pointer (&self->pending_actions, g_ptr_array_unref);
      g_application_release (G_APPLICATION (self));
      if (!self->quit_with_windows)
        g_application_quit (G_APPLICATION (self));
      return G_SOURCE_REMOVE;
    }

  /* A window opened while the cases loaded tells what loading found. */
  {
    GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

    if (RECTIFY_IS_WINDOW (window))
      report_load (self, RECTIFY_WINDOW (window));
  }

  /* Sends interrupted by a quit or a crash carry on (or ask, where they may
   * have arrived); not in the check run, which is over in seconds. */
  if (!self->check_only)
    rectify_outbox_resume (self->outbox, G_LIST_MODEL (self->store));
  /* In the check run, it goes on once the reminders are told. */
  check_reminders (self);
  if (self->check_only && self->reminder_check == NULL)
    check_run_continue (self);
  if (self->activate_pending)
    {
      self->activate_pending = FALSE;
      g_application_activate (G_APPLICATION (self));
    }

  if (self->pending_actions != NULL)
    {
      g_autoptr(GPtrArray) actions = g_steal_pointer (&self->pending_actions);

      for (guint i = 0; i < actions->len; i++)
        {
          PendingAction *pending = g_ptr_array_index (actions, i);

          g_action_group_activate_action (G_ACTION_GROUP (self), pending->name,
                                          pending->parameter);
        }
    }

  g_application_release (G_APPLICATION (self));
  return G_SOURCE_REMOVE;
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!rectify_case_store_load_finish (RECTIFY_CASE_STORE (object), result,
                                       &RECTIFY_APPLICATION (user_data)->set_aside, &error))
    RECTIFY_APPLICATION (user_data)->load_error = g_strdup (error->message);

  /* The store told it in the same main-loop iteration as its last cases,
   * when the window binds its list: what follows (going through every
   * case to resume sends and find reminders) comes in an iteration of its
   * own, so a frame may come between. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, loaded_cb, user_data, NULL);
}

/* The case shown last is read (or is gone): the window may open, and the
 * other cases load. */
static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(RectifyApplication) self = user_data;
  g_autoptr(RectifyCase) rcase = NULL;
  g_autoptr(GError) error = NULL;

  rcase = rectify_case_store_open_finish (RECTIFY_CASE_STORE (object), result, &error);
  if (rcase == NULL)
    g_debug ("The case shown last is not read ahead: %s %d",
             g_quark_to_string (error->domain), error->code);

  self->opening = FALSE;
  if (self->activate_pending && !self->quit_pending)
    {
      self->activate_pending = FALSE;
      g_application_activate (G_APPLICATION (self));
    }
  if (!self->load_waits_for_frame)
    start_load (self);
}

/* The check run at login */

static void
check_run_flushed (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(RectifyApplication) self = user_data;

  g_dbus_connection_flush_finish (G_DBUS_CONNECTION (object), result, NULL);
  g_application_release (G_APPLICATION (self));
}

/* Told all there was: the notifications are sent (flushed to the bus), the
 * case files are saved, and the run ends. */
static void
check_run_finish (RectifyApplication *self)
{
  GDBusConnection *bus = g_application_get_dbus_connection (G_APPLICATION (self));

  if (self->check_done)
    return;
  self->check_done = TRUE;
  g_clear_handle_id (&self->check_timeout, g_source_remove);

  if (bus != NULL)
    g_dbus_connection_flush (bus, NULL, check_run_flushed, g_object_ref (self));
  else
    g_application_release (G_APPLICATION (self));
}

static gboolean
check_run_timeout (gpointer user_data)
{
  RectifyApplication *self = user_data;

  self->check_timeout = 0;
  g_debug ("The check run stops waiting for the help desk");
  check_run_finish (self);
  return G_SOURCE_REMOVE;
}

static gboolean
monitor_busy (RectifyApplication *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RectifyCase) rcase = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (rectify_request_monitor_is_checking (self->monitor, rcase))
        return TRUE;
    }

  return FALSE;
}

static void
on_replies_read (RectifyApplication    *self,
                 RectifyCase           *rcase,
                 RectifyRequestMonitor *monitor)
{
  if (self->check_only && !self->check_done && !monitor_busy (self))
    check_run_finish (self);
}

/* The cases are loaded and the reminders told: signed in, support's new
 * replies are read too, for a few seconds at most. */
static void
check_run_continue (RectifyApplication *self)
{
  RectifyDeskClient *client = rectify_outbox_get_client (self->outbox);

  /* The cases, the reminders and the desk client first, once. */
  if (self->loading || self->reminder_check != NULL || !self->client_ready ||
      self->check_started)
    return;
  self->check_started = TRUE;

  if (client == NULL || rectify_desk_client_get_auth (client) == RECTIFY_DESK_AUTH_ANONYMOUS ||
      !g_settings_get_boolean (self->settings, "reminders-enabled"))
    {
      check_run_finish (self);
      return;
    }

  rectify_request_monitor_check_all (self->monitor);
  if (!monitor_busy (self))
    {
      check_run_finish (self);
      return;
    }
  self->check_timeout = g_timeout_add_seconds (CHECK_RUN_DESK_SECONDS, check_run_timeout, self);
}

/* Starting at login follows the preference */

static void
autostart_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RectifyApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  RectifyAutostartRoute route;
  gboolean enabled;

  if (!rectify_background_set_autostart_finish (result, &route, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("Starting at login could not be changed: %s", error->message);
      if (g_error_matches (error, RECTIFY_BACKGROUND_ERROR, RECTIFY_BACKGROUND_ERROR_REFUSED))
        toast (self, error->message);
      return;
    }

  enabled = g_settings_get_boolean (self->settings, "reminders-enabled");
  g_settings_set_boolean (self->settings, "autostart-requested", enabled);
  g_debug ("Starting at login %s (%s)", enabled ? "asked for" : "removed",
           route == RECTIFY_AUTOSTART_PORTAL ? "portal" : "autostart entry");
}

static void
update_autostart (RectifyApplication *self)
{
  gboolean enabled = g_settings_get_boolean (self->settings, "reminders-enabled");

  g_cancellable_cancel (self->autostart_cancellable);
  g_clear_object (&self->autostart_cancellable);
  self->autostart_cancellable = g_cancellable_new ();

  rectify_background_set_autostart_async (g_application_get_dbus_connection (G_APPLICATION (self)),
                                          enabled, self->autostart_cancellable, autostart_cb,
                                          g_object_ref (self));
}

static void
on_reminders_setting_changed (RectifyApplication *self)
{
  update_autostart (self);
}

/* Keeps an action that came while the cases load, to run once they are. */
static void
queue_action (RectifyApplication *self,
              GSimpleAction      *action,
              GVariant           *parameter)
{
  PendingAction *pending = g_new0 (PendingAction, 1);

  if (self->pending_actions == NULL)
    self->pending_actions = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_action_free);

  g_debug ("Action %s waits for the cases to load", g_action_get_name (G_ACTION (action)));
  pending->name = g_strdup (g_action_get_name (G_ACTION (action)));
  pending->parameter = parameter != NULL ? g_variant_ref (parameter) : NULL;
  g_ptr_array_add (self->pending_actions, pending);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GApplication *app = user_data;
  RectifyApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* While the cases load, the load holds the application: it quits when
   * done, without starting anything. A window already open closes now. */
  if (self->loading || self->opening)
    {
      self->quit_pending = TRUE;
      self->quit_with_windows = windows != NULL;
      if (windows == NULL)
        return;
    }

  /* No window (a headless check, say): nothing to save first. */
  if (windows == NULL)
    {
      g_application_quit (app);
      return;
    }

  /* Closing through the windows (rather than g_application_quit) gives each
   * the chance to save what it shows. */
  for (const GList *l = windows; l != NULL; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  RectifyApplication *self = user_data;
  GtkApplication *app = user_data;
  static const char *developers[] = { "The Rectify developers", NULL };
  static const char *built_with[] = {
    "GTK https://www.gtk.org",
    "libadwaita https://gnome.pages.gitlab.gnome.org/libadwaita/",
    "libsoup https://libsoup.org",
    "JSON-GLib https://gnome.pages.gitlab.gnome.org/json-glib/",
    "libsecret https://gnome.pages.gitlab.gnome.org/libsecret/",
    NULL
  };
  g_autofree char *debug_info = NULL;
  g_autofree char *desk_url = NULL;
  g_autofree char *sign_in = NULL;
  RectifyProvider *provider;
  GtkWindow *about;

  /* For bug reports: versions and the kind of set-up, nothing personal and
   * no token. */
  desk_url = g_settings_get_string (self->settings, "desk-url");
  sign_in = g_settings_get_string (self->settings, "sign-in-mode");
  debug_info = g_strdup_printf ("Rectify %s (%s)\n"
                                "GLib %u.%u.%u, GTK %u.%u.%u, libadwaita %u.%u.%u\n"
                                "Flatpak: %s\n"
                                "Help desk: %s\n"
                                "Sign-in: %s\n",
                                PACKAGE_VERSION, APP_ID,
                                glib_major_version, glib_minor_version, glib_micro_version,
                                gtk_get_major_version (), gtk_get_minor_version (),
                                gtk_get_micro_version (),
                                adw_get_major_version (), adw_get_minor_version (),
                                adw_get_micro_version (),
                                g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS) ? "yes" : "no",
                                desk_url[0] == '\0' ? "Ringover's" : "custom",
                                sign_in);

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-icon", APP_ID,
                        "application-name", _("Rectify"),
                        "developer-name", _("The Rectify developers"),
                        "version", PACKAGE_VERSION,
                        "website", "https://github.com/rectify/rectify",
                        "issue-url", "https://github.com/rectify/rectify/issues",
                        "comments", _("Fix a Ringover licence bought by mistake: tell support "
                                      "exactly what went wrong, and follow the correction "
                                      "through to your next statement.\n\n"
                                      "Rectify is not made by Ringover."),
                        "developers", developers,
                        /* Translators: Replace "translator-credits" with your name/year */
                        "translator-credits", _("translator-credits"),
                        "copyright", "© 2026 The Rectify developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "debug-info", debug_info,
                        "debug-info-filename", "rectify-debug-info.txt",
                        NULL);
  /* The website and the issue tracker are above; this is the help centre
   * the requests go to, from the provider profile. */
  provider = rectify_provider_get_default ();
  adw_about_window_add_link (ADW_ABOUT_WINDOW (about), _("_Ringover Help Centre"),
                             rectify_provider_get_desk_base_url (provider));
  adw_about_window_add_acknowledgement_section (ADW_ABOUT_WINDOW (about), _("Built With"),
                                                built_with);
  gtk_window_present (about);
}

/* The main window most recently used, or %NULL. */
/* The desk client follows the settings and the keyring: rebuilt at start,
 * when a desk setting changes and when Preferences close (where a token may
 * have been stored or removed). Until it exists, the outbox waits. */

static RectifyWindow *get_main_window (RectifyApplication *self);

static void
client_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(RectifyApplication) self = user_data;
  g_autoptr(RectifyDeskClient) client = NULL;
  g_autoptr(GError) error = NULL;
  RectifyWindow *window;

  client = rectify_credentials_new_desk_client_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Said in the window, not only in a debug log: nothing can be sent until
   * it is fixed. A window made later says it then. */
  g_clear_pointer (&self->client_error, g_free);
  if (error != NULL)
    {
      g_debug ("No desk client: %s", error->message);
      self->client_error = g_strdup (error->message);
    }
  window = get_main_window (self);
  if (window != NULL)
    rectify_window_report_no_client (window, self->client_error);

  rectify_outbox_set_client (self->outbox, client);
  self->client_ready = TRUE;
  if (self->check_only && !self->loading)
    check_run_continue (self);
}

static void
rebuild_client (RectifyApplication *self)
{
  g_cancellable_cancel (self->client_cancellable);
  g_clear_object (&self->client_cancellable);
  self->client_cancellable = g_cancellable_new ();

  rectify_credentials_new_desk_client_async (self->settings, self->client_cancellable,
                                             client_cb, g_object_ref (self));
}

/* A browser sign-in: made again every ten minutes, which renews the access
 * token in its last fifteen; and renewed at once when the desk refuses it. */
static gboolean
renewal_timeout (gpointer user_data)
{
  RectifyApplication *self = user_data;

  if (rectify_credentials_get_mode (self->settings) == RECTIFY_DESK_AUTH_OAUTH)
    rebuild_client (self);
  return G_SOURCE_CONTINUE;
}

static void
on_unauthorized (RectifyApplication *self)
{
  if (rectify_credentials_get_mode (self->settings) != RECTIFY_DESK_AUTH_OAUTH)
    return;

  g_cancellable_cancel (self->client_cancellable);
  g_clear_object (&self->client_cancellable);
  self->client_cancellable = g_cancellable_new ();
  rectify_credentials_renew_desk_client_async (self->settings, self->client_cancellable,
                                               client_cb, g_object_ref (self));
}

static void
on_desk_setting_changed (RectifyApplication *self,
                         const char         *key)
{
  if (g_strcmp0 (key, "desk-url") == 0 || g_strcmp0 (key, "sign-in-mode") == 0 ||
      g_strcmp0 (key, "api-token-email") == 0)
    rebuild_client (self);
}

/* Said while the app runs: a change of status is worth a notification. */
static void
on_status_changed (RectifyApplication    *self,
                   RectifyCase           *rcase,
                   const char            *old_status,
                   RectifyRequestMonitor *monitor)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *id = g_strdup_printf ("status-%s", rectify_case_get_reference (rcase));
  const char *status = rectify_case_get_request_status (rcase);

  /* Translators: %s is a request number */
  title = g_strdup_printf (_("Request #%" PRId64 " has news"), rectify_case_get_request_id (rcase));
  notification = g_notification_new (title);
  g_notification_set_body (notification, rectify_request_status_get_label (status));
  g_notification_set_default_action_and_target (notification, "app.open-case", "s",
                                                rectify_case_get_reference (rcase));
  g_application_send_notification (G_APPLICATION (self), id, notification);
}

/* Support answered: said once per reply (the monitor keeps count), with
 * the start of what support wrote, and it opens the case. */
static void
on_support_replied (RectifyApplication       *self,
                    RectifyCase              *rcase,
                    const RectifyDeskComment *reply,
                    RectifyRequestMonitor    *monitor)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *excerpt = NULL;
  g_autofree char *id = g_strdup_printf ("reply-%s", rectify_case_get_reference (rcase));
  const char *text = reply->plain_body != NULL ? reply->plain_body : reply->body;

  /* Translators: %s is a request number */
  title = g_strdup_printf (_("Support replied to request #%" PRId64),
                           rectify_case_get_request_id (rcase));
  notification = g_notification_new (title);
  if (text != NULL)
    {
      excerpt = g_utf8_make_valid (text, -1);
      g_strdelimit (excerpt, "\r\n\t", ' ');
      if (g_utf8_strlen (excerpt, -1) > 140)
        {
          g_autofree char *cut = g_utf8_substring (excerpt, 0, 139);

          g_free (excerpt);
          excerpt = g_strconcat (cut, "…", NULL);
        }
      g_notification_set_body (notification, excerpt);
    }
  g_notification_set_default_action_and_target (notification, "app.open-case", "s",
                                                rectify_case_get_reference (rcase));
  g_application_send_notification (G_APPLICATION (self), id, notification);
}

static RectifyWindow *
get_main_window (RectifyApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (RECTIFY_IS_WINDOW (l->data))
      return l->data;

  return NULL;
}

static void
toast (RectifyApplication *self,
       const char         *title)
{
  RectifyWindow *window = get_main_window (self);

  if (window != NULL)
    rectify_window_add_toast (window, adw_toast_new (title));
}

/* Shows the one window kept in @slot, made by @create when there is none. */
static void
present_single (RectifyApplication  *self,
                GtkWindow          **slot,
                GtkWindow         *(*create) (GtkWindow *parent))
{
  if (*slot == NULL)
    {
      *slot = create (GTK_WINDOW (get_main_window (self)));
      g_object_add_weak_pointer (G_OBJECT (*slot), (gpointer *) slot);
    }

  gtk_window_present (*slot);
}

static GtkWindow *
create_preferences (GtkWindow *parent)
{
  return GTK_WINDOW (rectify_preferences_window_new (parent));
}

static GtkWindow *
create_help (GtkWindow *parent)
{
  return GTK_WINDOW (rectify_help_window_new (parent));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  RectifyApplication *self = user_data;
  gboolean existed = self->preferences_window != NULL;

  present_single (self, &self->preferences_window, create_preferences);
  if (!existed)
    g_signal_connect_object (self->preferences_window, "destroy",
                             G_CALLBACK (rebuild_client), self, G_CONNECT_SWAPPED);
}

static void
help_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  RectifyApplication *self = user_data;
  RectifyWindow *window = get_main_window (self);
  RectifyPage *page = window != NULL ? rectify_window_get_visible_page (window) : NULL;

  /* F1 opens help on the step the owner is on. */
  present_single (self, &self->help_window, create_help);
  rectify_help_window_show_step (RECTIFY_HELP_WINDOW (self->help_window),
                                 page != NULL ? rectify_page_get_step (page) : RECTIFY_N_STEPS);
}

static RectifyCasePrinter *
new_printer (RectifyApplication *self)
{
  RectifyWindow *window = get_main_window (self);
  RectifyCase *rcase = window ? rectify_window_get_case (window) : NULL;
  RectifyCasePrinter *printer;
  GDate today;

  if (rcase == NULL)
    return NULL;

  rectify_clock_get_today (&today);
  printer = rectify_case_printer_new (rcase, &today);
  if (self->print_settings != NULL)
    gtk_print_operation_set_print_settings (GTK_PRINT_OPERATION (printer), self->print_settings);

  return printer;
}

static void
print_done (GtkPrintOperation       *operation,
            GtkPrintOperationResult  result,
            RectifyApplication      *self)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;

      gtk_print_operation_get_error (operation, &error);
      /* Translators: %s says why */
      message = g_strdup_printf (_("The case could not be printed: %s"),
                                 error ? error->message : _("unknown error"));
      toast (self, message);
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      g_set_object (&self->print_settings, gtk_print_operation_get_print_settings (operation));
    }
}

static void
print_case_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  RectifyApplication *self = user_data;
  g_autoptr(RectifyCasePrinter) printer = new_printer (self);

  if (printer == NULL)
    return;

  /* GTK keeps the operation alive until "done". */
  gtk_print_operation_set_allow_async (GTK_PRINT_OPERATION (printer), TRUE);
  g_signal_connect_object (printer, "done", G_CALLBACK (print_done), self, 0);
  gtk_print_operation_run (GTK_PRINT_OPERATION (printer),
                           GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                           GTK_WINDOW (get_main_window (self)), NULL);
}

static void
export_to (RectifyApplication *self,
           RectifyCasePrinter *printer,
           GFile              *file)
{
  g_autoptr(GError) error = NULL;

  if (!rectify_case_printer_export_pdf (printer, file, GTK_WINDOW (get_main_window (self)),
                                        &error))
    {
      /* Translators: %s says why */
      g_autofree char *message = g_strdup_printf (_("The PDF could not be saved: %s"),
                                                  error->message);

      toast (self, message);
      return;
    }

  toast (self, _("Case saved as PDF"));
}

#if GTK_CHECK_VERSION (4, 10, 0)
G_GNUC_BEGIN_IGNORE_DEPRECATIONS

static void
export_dialog_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(RectifyCasePrinter) printer = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, NULL);
  RectifyApplication *self = g_object_get_data (G_OBJECT (printer), "rectify-application");

  if (file != NULL)
    export_to (self, printer, file);
}

static void
export_pdf_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  RectifyApplication *self = user_data;
  g_autoptr(RectifyCasePrinter) printer = new_printer (self);
  g_autoptr(GtkFileDialog) dialog = NULL;
  g_autofree char *name = NULL;

  if (printer == NULL)
    return;

  dialog = gtk_file_dialog_new ();
  name = rectify_case_printer_dup_pdf_name (printer);
  gtk_file_dialog_set_title (dialog, _("Export Case as PDF"));
  gtk_file_dialog_set_initial_name (dialog, name);
  g_object_set_data_full (G_OBJECT (printer), "rectify-application", g_object_ref (self),
                          g_object_unref);
  gtk_file_dialog_save (dialog, GTK_WINDOW (get_main_window (self)), NULL, export_dialog_cb,
                        g_steal_pointer (&printer));
}

G_GNUC_END_IGNORE_DEPRECATIONS
#else

static void
on_export_response (GtkNativeDialog    *chooser,
                    int                 response,
                    RectifyApplication *self)
{
  RectifyCasePrinter *printer = g_object_get_data (G_OBJECT (chooser), "rectify-printer");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        export_to (self, printer, file);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
export_pdf_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  RectifyApplication *self = user_data;
  g_autoptr(RectifyCasePrinter) printer = new_printer (self);
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (printer == NULL)
    return;

  /* Through the file-chooser portal inside Flatpak. */
  chooser = gtk_file_chooser_native_new (_("Export Case as PDF"),
                                         GTK_WINDOW (get_main_window (self)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), NULL);
  name = rectify_case_printer_dup_pdf_name (printer);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data_full (G_OBJECT (chooser), "rectify-printer", g_steal_pointer (&printer),
                          g_object_unref);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

#endif

/* The window showing @rcase: the main one, made when there is none. */
static RectifyWindow *
show_case (RectifyApplication *self,
           RectifyCase        *rcase)
{
  RectifyWindow *window = get_main_window (self);

  if (window == NULL)
    {
      g_application_activate (G_APPLICATION (self));
      window = get_main_window (self);
    }
  if (window == NULL)
    return NULL;

  rectify_window_set_case (window, rcase);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* app.open-case(reference): from notifications and the command line. */
static void
open_case_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  RectifyApplication *self = user_data;
  RectifyCase *rcase;

  if (self->loading)
    {
      queue_action (self, action, parameter);
      return;
    }

  rcase = rectify_case_store_lookup (self->store, g_variant_get_string (parameter, NULL));
  if (rcase == NULL)
    {
      g_application_activate (G_APPLICATION (self));
      toast (self, _("That case is not among your cases any more"));
      return;
    }

  show_case (self, rcase);
}

/* app.send-case(reference): the same outbox as the Send button; an
 * incomplete case is refused with its reason, shown with the case. */
static void
send_case_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  RectifyApplication *self = user_data;
  g_autoptr(GError) error = NULL;
  RectifyWindow *window;
  RectifyCase *rcase;

  if (self->loading)
    {
      queue_action (self, action, parameter);
      return;
    }

  rcase = rectify_case_store_lookup (self->store, g_variant_get_string (parameter, NULL));
  if (rcase == NULL)
    {
      g_application_activate (G_APPLICATION (self));
      toast (self, _("That case is not among your cases any more"));
      return;
    }

  window = show_case (self, rcase);
  if (!rectify_outbox_send (self->outbox, rcase, &error) && window != NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Not sent: %s"), error->message);

      rectify_window_add_toast (window, adw_toast_new (title));
    }
}

static const GActionEntry app_actions[] = {
  { "open-case", open_case_action, "s" },
  { "send-case", send_case_action, "s" },
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
  { "help", help_action },
  { "print-case", print_case_action },
  { "export-pdf", export_pdf_action },
};

/**
 * rectify_application_add_uninstalled_icons:
 * @display: the display whose icon theme to extend
 *
 * Run from the build tree, the app icon is not installed: when
 * RECTIFY_ICONDIR names a folder holding `hicolor/…` (meson devenv sets it
 * to the source tree's data/icons), its icons are looked up there too, so
 * the About window shows the real icon. Installed, nothing changes.
 */
void
rectify_application_add_uninstalled_icons (GdkDisplay *display)
{
  const char *icondir = g_getenv ("RECTIFY_ICONDIR");

  g_return_if_fail (GDK_IS_DISPLAY (display));

  if (icondir != NULL && *icondir != '\0')
    gtk_icon_theme_add_search_path (gtk_icon_theme_get_for_display (display), icondir);
}

static void
rectify_application_startup (GApplication *app)
{
  RectifyApplication *self = RECTIFY_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *help_accels[] = { "F1", NULL };
  static const char *print_accels[] = { "<Control>p", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };
  g_autofree char *last_case = NULL;

  /* The case shown last is read while GTK and libadwaita start (some
   * 100 ms on the main thread): the window opens on it, and would
   * otherwise wait for the read after them. */
  self->settings = g_settings_new (SCHEMA_ID);
  self->store = rectify_case_store_new (NULL);
  last_case = g_settings_get_string (self->settings, "last-case");
  if (!self->check_only && g_uuid_string_is_valid (last_case))
    {
      self->opening = TRUE;
      rectify_case_store_open_async (self->store, last_case, NULL, open_cb, g_object_ref (self));
    }

  G_APPLICATION_CLASS (rectify_application_parent_class)->startup (app);

  if (gdk_display_get_default () != NULL)
    rectify_application_add_uninstalled_icons (gdk_display_get_default ());
  /* GTK reads the icon theme on a worker from when it is first asked for.
   * Asked for only by the window's first icon, while the window is shown,
   * it is often not read yet, and the main thread reads it itself (66 M
   * instructions, some 9 ms; under callgrind on a busy machine, every
   * time). Asked for now, it has the window's building to be read in. */
  if (!self->check_only && gdk_display_get_default () != NULL)
    gtk_icon_theme_get_for_display (gdk_display_get_default ());

  self->outbox = rectify_outbox_new (self->store, NULL, NULL);
  self->monitor = rectify_request_monitor_new (self->outbox, G_LIST_MODEL (self->store));
  g_signal_connect_object (self->monitor, "status-changed", G_CALLBACK (on_status_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->monitor, "support-replied", G_CALLBACK (on_support_replied),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->monitor, "unauthorized", G_CALLBACK (on_unauthorized),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (on_desk_setting_changed), self, G_CONNECT_SWAPPED);
  rebuild_client (self);
  if (!self->check_only)
    rectify_request_monitor_start (self->monitor, RECTIFY_REQUEST_MONITOR_INTERVAL_SECONDS);
  else
    g_signal_connect_object (self->monitor, "replies-changed", G_CALLBACK (on_replies_read),
                             self, G_CONNECT_SWAPPED);
  self->loading = TRUE;
  g_application_hold (app);
  /* Activation, if any, comes next: its window's first frame first. */
  if (!self->opening)
    g_idle_add (load_soon_cb, self);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.help", help_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.print-case", print_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay",
                                         shortcuts_accels);

  if (self->check_only)
    {
      /* Held until told; the load's own hold ends with the load. */
      g_application_hold (app);
      return;
    }

  /* The first check comes when the cases are loaded (loaded_cb). */
  self->reminder_source = g_timeout_add_seconds (REMINDER_INTERVAL_SECONDS, reminder_timeout,
                                                 self);
  self->renewal_source = g_timeout_add_seconds (RENEWAL_INTERVAL_SECONDS, renewal_timeout, self);

  /* Start at login to check reminders: asked for once while they are on,
   * and undone when they are turned off. */
  g_signal_connect_object (self->settings, "changed::reminders-enabled",
                           G_CALLBACK (on_reminders_setting_changed), self, G_CONNECT_SWAPPED);
  if (g_settings_get_boolean (self->settings, "reminders-enabled") &&
      !g_settings_get_boolean (self->settings, "autostart-requested"))
    update_autostart (self);
}

static int
rectify_application_handle_local_options (GApplication *app,
                                          GVariantDict *options)
{
  RectifyApplication *self = RECTIFY_APPLICATION (app);
  g_autoptr(GError) error = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", _("Rectify"), PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_contains (options, "check-reminders"))
    {
      self->check_only = TRUE;
      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      /* Rectify is open already: it tells the reminders itself. */
      if (g_application_get_is_remote (app))
        return 0;
    }

  return -1;
}

static void
rectify_application_shutdown (GApplication *app)
{
  RectifyApplication *self = RECTIFY_APPLICATION (app);

  g_clear_handle_id (&self->reminder_source, g_source_remove);
  g_clear_handle_id (&self->load_fallback, g_source_remove);
  g_clear_handle_id (&self->reminder_check_source, g_source_remove);
  g_clear_pointer (&self->reminder_check, reminder_check_free);
  g_clear_handle_id (&self->renewal_source, g_source_remove);
  g_clear_handle_id (&self->check_timeout, g_source_remove);
  g_cancellable_cancel (self->client_cancellable);
  g_cancellable_cancel (self->autostart_cancellable);
  if (self->monitor != NULL)
    g_object_run_dispose (G_OBJECT (self->monitor));

  G_APPLICATION_CLASS (rectify_application_parent_class)->shutdown (app);
}

static void
rectify_application_finalize (GObject *object)
{
  RectifyApplication *self = (RectifyApplication *)object;

  g_clear_object (&self->monitor);
  g_clear_object (&self->outbox);
  g_clear_object (&self->client_cancellable);
  g_clear_object (&self->autostart_cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->print_settings);
  g_clear_pointer (&self->set_aside, g_ptr_array_unref);
  g_clear_pointer (&self->pending_actions, g_ptr_array_unref);
  g_clear_pointer (&self->load_error, g_free);
  g_clear_pointer (&self->client_error, g_free);

  G_OBJECT_CLASS (rectify_application_parent_class)->finalize (object);
}

static void
rectify_application_class_init (RectifyApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = rectify_application_finalize;

  app_class->activate = rectify_application_activate;
  app_class->handle_local_options = rectify_application_handle_local_options;
  app_class->startup = rectify_application_startup;
  app_class->shutdown = rectify_application_shutdown;
}

static const GOptionEntry options[] = {
  { "check-reminders", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Tell what is due (deadlines, statements, support’s replies), then exit without a "
       "window"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  { NULL }
};

static void
rectify_application_init (RectifyApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Fix a Ringover licence bought by mistake: a "
                                              "guided request to Ringover support, sent, and "
                                              "followed until the invoice shows the "
                                              "correction."));
}

/**
 * rectify_application_get_store:
 * @self: a #RectifyApplication
 *
 * Returns: (transfer none): the case store
 */
RectifyCaseStore *
rectify_application_get_store (RectifyApplication *self)
{
  g_return_val_if_fail (RECTIFY_IS_APPLICATION (self), NULL);

  return self->store;
}

RectifyApplication *
rectify_application_new (void)
{
  return g_object_new (RECTIFY_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}
