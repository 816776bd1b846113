/* rectify-launcher.c: opening an address in the owner's apps
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rectify-launcher.h"

/* GtkUriLauncher from GTK 4.10, gtk_show_uri_full() before; both go through
 * the OpenURI portal inside Flatpak. */

static void
launched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gboolean ok;

#if GTK_CHECK_VERSION (4, 10, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  ok = gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (object), result, &error);
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  ok = gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error);
#endif

  if (!ok)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * rectify_launch_uri_async:
 * @from: the widget the owner acted in
 * @uri: what to open (a web page, a mailto: address)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the app opened, or could not be
 * @user_data: for @callback
 */
void
rectify_launch_uri_async (GtkWidget           *from,
                          const char          *uri,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (from));
  GTask *task;

  g_return_if_fail (GTK_IS_WIDGET (from));
  g_return_if_fail (uri != NULL);

  task = g_task_new (from, cancellable, callback, user_data);
  g_task_set_source_tag (task, rectify_launch_uri_async);

#if GTK_CHECK_VERSION (4, 10, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  {
    g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (uri);

    gtk_uri_launcher_launch (launcher, window, cancellable, launched_cb, task);
  }
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  gtk_show_uri_full (window, uri, GDK_CURRENT_TIME, cancellable, launched_cb, task);
#endif
}

gboolean
rectify_launch_uri_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rectify_launch_uri_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
