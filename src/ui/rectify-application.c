/* rectify-application.c: the application, its actions and windows
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rectify-application.h"
#include "rectify-case-store.h"
#include "rectify-window.h"

/* The application owns the services windows share: the case store, loaded
 * once at start-up in a worker thread. It holds no case state itself. */

struct _RectifyApplication
{
  AdwApplication    parent_instance;

  RectifyCaseStore *store;
  /* What loading found, for the first window to report once. */
  GPtrArray        *set_aside;
  char             *load_error;
  gboolean          loading;
  gboolean          activate_pending;
};

G_DEFINE_FINAL_TYPE (RectifyApplication, rectify_application, ADW_TYPE_APPLICATION)

static void
rectify_application_activate (GApplication *app)
{
  RectifyApplication *self = RECTIFY_APPLICATION (app);
  GtkWindow *window;

  /* Activation waits for the cases: a window always opens on real data. */
  if (self->loading)
    {
      self->activate_pending = TRUE;
      return;
    }

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    {
      RectifyWindow *new_window = rectify_window_new (GTK_APPLICATION (app), self->store);

      rectify_window_report_load (new_window, self->set_aside, self->load_error);
      g_clear_pointer (&self->set_aside, g_ptr_array_unref);
      g_clear_pointer (&self->load_error, g_free);
      window = GTK_WINDOW (new_window);
    }

  gtk_window_present (window);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(RectifyApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rectify_case_store_load_finish (RECTIFY_CASE_STORE (object), result,
                                       &self->set_aside, &error))
    self->load_error = g_strdup (error->message);

  self->loading = FALSE;
  if (self->activate_pending)
    {
      self->activate_pending = FALSE;
      g_application_activate (G_APPLICATION (self));
    }

  g_application_release (G_APPLICATION (self));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GApplication *app = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

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
  GtkApplication *app = user_data;
  static const char *developers[] = { "The Rectify developers", NULL };
  GtkWindow *about;

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
                        NULL);
  gtk_window_present (about);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
};

static void
rectify_application_startup (GApplication *app)
{
  RectifyApplication *self = RECTIFY_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (rectify_application_parent_class)->startup (app);

  self->store = rectify_case_store_new (NULL);
  self->loading = TRUE;
  g_application_hold (app);
  rectify_case_store_load_async (self->store, NULL, load_cb, g_object_ref (self));

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
}

static void
rectify_application_finalize (GObject *object)
{
  RectifyApplication *self = (RectifyApplication *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->set_aside, g_ptr_array_unref);
  g_clear_pointer (&self->load_error, g_free);

  G_OBJECT_CLASS (rectify_application_parent_class)->finalize (object);
}

static void
rectify_application_class_init (RectifyApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = rectify_application_finalize;

  app_class->activate = rectify_application_activate;
  app_class->startup = rectify_application_startup;
}

static void
rectify_application_init (RectifyApplication *self)
{
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
