/* rectify-launcher.c: opening an address in the owner's apps
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rectify-email.h"
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

/* E-mail: through the Email portal, which takes the attachments; where there
 * is none, a mailto: link with the same text, and the caller says the files
 * must be attached by hand. */

typedef struct
{
  GtkWidget *from;
  char *uri;
} Email;

static void
email_free (Email *email)
{
  g_clear_object (&email->from);
  g_free (email->uri);
  g_free (email);
}

static void
mailto_launched (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!rectify_launch_uri_finish (result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, RECTIFY_MAIL_ROUTE_MAILTO);
}

static void
composed (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Email *email = g_task_get_task_data (task);
  GError *error = NULL;

  if (rectify_email_compose_finish (result, &error))
    {
      g_task_return_int (task, RECTIFY_MAIL_ROUTE_PORTAL);
      return;
    }

  if (!g_error_matches (error, RECTIFY_EMAIL_ERROR, RECTIFY_EMAIL_ERROR_NO_PORTAL))
    {
      g_task_return_error (task, error);
      return;
    }

  g_clear_error (&error);
  rectify_launch_uri_async (email->from, email->uri, g_task_get_cancellable (task),
                            mailto_launched, g_object_ref (task));
}

/**
 * rectify_launch_email_async:
 * @from: the widget the owner acted in
 * @address: the recipient
 * @subject: the subject
 * @body: the text
 * @attachments: (element-type GFile) (nullable): the files to attach
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the e-mail app has the message, or could not
 * @user_data: for @callback
 */
void
rectify_launch_email_async (GtkWidget           *from,
                            const char          *address,
                            const char          *subject,
                            const char          *body,
                            GPtrArray           *attachments,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  Email *email;

  g_return_if_fail (GTK_IS_WIDGET (from));

  task = g_task_new (from, cancellable, callback, user_data);
  g_task_set_source_tag (task, rectify_launch_email_async);

  email = g_new0 (Email, 1);
  email->from = g_object_ref (from);
  email->uri = rectify_email_build_mailto (address, subject, body);
  g_task_set_task_data (task, email, (GDestroyNotify) email_free);

  rectify_email_compose_async (NULL, "", address, subject, body, attachments, cancellable,
                               composed, task);
}

/**
 * rectify_launch_email_finish:
 * @result: the result
 * @out_route: (out) (optional): which way it went
 * @error: return location for a #GError
 *
 * Returns: %TRUE when an e-mail app has the message
 */
gboolean
rectify_launch_email_finish (GAsyncResult      *result,
                             RectifyMailRoute  *out_route,
                             GError           **error)
{
  gssize route;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rectify_launch_email_async,
                        FALSE);

  route = g_task_propagate_int (G_TASK (result), error);
  if (route < 0)
    return FALSE;

  if (out_route != NULL)
    *out_route = route;
  return TRUE;
}
