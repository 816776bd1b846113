/* rectify-email.c: an e-mail with its attachments, through the Email portal
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* O_CLOEXEC is POSIX.1-2008, which -std=c11 does not ask for. */
#define _POSIX_C_SOURCE 200809L

#include "config.h"

#include <errno.h>
#include <fcntl.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gunixfdlist.h>

#include "rectify-email.h"

/* A mailto: link cannot carry files, so the invoice would have to be
 * attached by hand. The XDG Email portal (org.freedesktop.portal.Email,
 * ComposeEmail) takes the files as descriptors and opens the owner's e-mail
 * app with the address, subject, text and attachments filled in; it is
 * there inside Flatpak and on most desktops outside it.
 *
 * The call follows the portal convention: ComposeEmail returns the path of
 * a Request object, and the outcome comes as that object's Response signal
 * (0 done, 1 cancelled by the owner, 2 failed). The path is predictable
 * from the connection's unique name and a handle token, so the signal is
 * subscribed to before the call, and again on the returned path if an
 * older portal chose another. Files are opened in a worker thread: a slow
 * disk never holds up the window. */

#define PORTAL_BUS_NAME    "org.freedesktop.portal.Desktop"
#define PORTAL_OBJECT_PATH "/org/freedesktop/portal/desktop"
#define EMAIL_INTERFACE    "org.freedesktop.portal.Email"
#define REQUEST_INTERFACE  "org.freedesktop.portal.Request"

G_DEFINE_QUARK (rectify-email-error-quark, rectify_email_error)

typedef struct
{
  GDBusConnection *bus;
  char *parent_window;
  char *address;
  char *subject;
  char *body;
  GPtrArray *files;
  GUnixFDList *fd_list;
  char *request_path;
  guint response_id;
  GSource *cancel_source;
  gboolean returned;
} Compose;

static void
compose_free (Compose *compose)
{
  if (compose->response_id != 0)
    g_dbus_connection_signal_unsubscribe (compose->bus, compose->response_id);
  if (compose->cancel_source != NULL)
    {
      g_source_destroy (compose->cancel_source);
      g_source_unref (compose->cancel_source);
    }
  g_clear_object (&compose->bus);
  g_clear_object (&compose->fd_list);
  g_clear_pointer (&compose->files, g_ptr_array_unref);
  g_free (compose->parent_window);
  g_free (compose->address);
  g_free (compose->subject);
  g_free (compose->body);
  g_free (compose->request_path);
  g_free (compose);
}

/* Ends the task once, whichever comes first: the answer, an error, or the
 * owner cancelling. */
static void
compose_return (GTask  *task,
                GError *error)
{
  Compose *compose = g_task_get_task_data (task);

  if (compose->returned)
    {
      g_clear_error (&error);
      return;
    }
  compose->returned = TRUE;

  if (compose->response_id != 0)
    {
      g_dbus_connection_signal_unsubscribe (compose->bus, compose->response_id);
      compose->response_id = 0;
    }
  if (compose->cancel_source != NULL)
    {
      g_source_destroy (compose->cancel_source);
      g_clear_pointer (&compose->cancel_source, g_source_unref);
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_response (GDBusConnection *bus,
             const char      *sender,
             const char      *path,
             const char      *interface,
             const char      *signal,
             GVariant        *parameters,
             gpointer         user_data)
{
  GTask *task = user_data;
  guint32 response = 2;

  if (g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(ua{sv})")))
    g_variant_get (parameters, "(u@a{sv})", &response, NULL);

  g_object_ref (task);
  if (response == 0)
    compose_return (task, NULL);
  else if (response == 1)
    compose_return (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                               "The e-mail was cancelled"));
  else
    compose_return (task, g_error_new_literal (RECTIFY_EMAIL_ERROR, RECTIFY_EMAIL_ERROR_FAILED,
                                               _("The e-mail app could not be opened")));
  g_object_unref (task);
}

static void
subscribe (GTask      *task,
           const char *path)
{
  Compose *compose = g_task_get_task_data (task);

  if (compose->response_id != 0)
    g_dbus_connection_signal_unsubscribe (compose->bus, compose->response_id);

  g_free (compose->request_path);
  compose->request_path = g_strdup (path);
  /* The subscription holds a reference until it is dropped in
   * compose_return() or with the data. */
  compose->response_id =
    g_dbus_connection_signal_subscribe (compose->bus, PORTAL_BUS_NAME, REQUEST_INTERFACE,
                                        "Response", path, NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE,
                                        on_response, g_object_ref (task), g_object_unref);
}

static gboolean
is_missing_portal (const GError *error)
{
  return g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_INTERFACE) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT);
}

static void
compose_called (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Compose *compose = g_task_get_task_data (task);
  g_autoptr(GVariant) reply = NULL;
  GError *error = NULL;
  const char *path;

  reply = g_dbus_connection_call_with_unix_fd_list_finish (G_DBUS_CONNECTION (object), NULL,
                                                           result, &error);
  if (reply == NULL)
    {
      if (is_missing_portal (error))
        {
          g_debug ("No Email portal: %s", error->message);
          g_clear_error (&error);
          error = g_error_new_literal (RECTIFY_EMAIL_ERROR, RECTIFY_EMAIL_ERROR_NO_PORTAL,
                                       _("There is no e-mail service that takes attachments"));
        }
      compose_return (task, error);
      return;
    }

  g_variant_get (reply, "(&o)", &path);
  if (g_strcmp0 (path, compose->request_path) != 0 && !compose->returned)
    subscribe (task, path);
}

static gboolean
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  GTask *task = user_data;
  Compose *compose = g_task_get_task_data (task);

  /* Close the portal's dialog too, if it has one open. */
  if (compose->request_path != NULL)
    g_dbus_connection_call (compose->bus, PORTAL_BUS_NAME, compose->request_path,
                            REQUEST_INTERFACE, "Close", NULL, NULL, G_DBUS_CALL_FLAGS_NONE,
                            -1, NULL, NULL, NULL);

  compose_return (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                             "The e-mail was cancelled"));
  return G_SOURCE_REMOVE;
}

static void
compose_call (GTask *task)
{
  Compose *compose = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autofree char *token = g_strdup_printf ("rectify%08x", g_random_int ());
  g_autofree char *sender = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GVariantBuilder) handles = g_variant_builder_new (G_VARIANT_TYPE ("ah"));
  GVariantBuilder options;
  gint n_fds = g_unix_fd_list_get_length (compose->fd_list);

  sender = g_strdup (g_dbus_connection_get_unique_name (compose->bus) + 1);
  g_strdelimit (sender, ".", '_');
  path = g_strconcat (PORTAL_OBJECT_PATH "/request/", sender, "/", token, NULL);
  subscribe (task, path);

  if (cancellable != NULL)
    {
      compose->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (compose->cancel_source, G_SOURCE_FUNC (on_cancelled), task, NULL);
      g_source_attach (compose->cancel_source, g_task_get_context (task));
    }

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "address", g_variant_new_string (compose->address));
  g_variant_builder_add (&options, "{sv}", "subject", g_variant_new_string (compose->subject));
  g_variant_builder_add (&options, "{sv}", "body", g_variant_new_string (compose->body));
  for (gint i = 0; i < n_fds; i++)
    g_variant_builder_add (handles, "h", i);
  if (n_fds > 0)
    g_variant_builder_add (&options, "{sv}", "attachment_fds", g_variant_builder_end (handles));

  g_dbus_connection_call_with_unix_fd_list (compose->bus, PORTAL_BUS_NAME, PORTAL_OBJECT_PATH,
                                            EMAIL_INTERFACE, "ComposeEmail",
                                            g_variant_new ("(sa{sv})", compose->parent_window,
                                                           &options),
                                            G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE,
                                            -1, compose->fd_list, cancellable,
                                            compose_called, g_object_ref (task));
}

static void
bus_ready (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Compose *compose = g_task_get_task_data (task);
  GError *error = NULL;

  compose->bus = g_bus_get_finish (result, &error);
  if (compose->bus == NULL)
    {
      g_debug ("No session bus: %s", error->message);
      g_clear_error (&error);
      compose_return (task, g_error_new_literal (RECTIFY_EMAIL_ERROR,
                                                 RECTIFY_EMAIL_ERROR_NO_PORTAL,
                                                 _("There is no e-mail service that takes attachments")));
      return;
    }

  compose_call (task);
}

/* In a worker thread: a descriptor for each file, read-only. */
static void
open_files (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  GPtrArray *files = task_data;
  g_autoptr(GUnixFDList) fd_list = g_unix_fd_list_new ();

  for (guint i = 0; i < files->len; i++)
    {
      GFile *file = g_ptr_array_index (files, i);
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *path = g_file_get_path (file);
      GError *error = NULL;
      int fd = -1;

      if (path != NULL)
        fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0);

      if (fd < 0)
        {
          int saved = path != NULL ? errno : ENOENT;
          g_autofree char *display = g_filename_display_name (name);

          g_task_return_new_error (task, RECTIFY_EMAIL_ERROR, RECTIFY_EMAIL_ERROR_ATTACHMENT,
                                   /* Translators: %s is a file name, then the reason */
                                   _("“%s” could not be opened: %s"), display,
                                   g_strerror (saved));
          return;
        }

      if (g_unix_fd_list_append (fd_list, fd, &error) < 0)
        {
          g_close (fd, NULL);
          g_task_return_error (task, error);
          return;
        }
      g_close (fd, NULL);
    }

  g_task_return_pointer (task, g_steal_pointer (&fd_list), g_object_unref);
}

static void
files_opened (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Compose *compose = g_task_get_task_data (task);
  GError *error = NULL;

  compose->fd_list = g_task_propagate_pointer (G_TASK (result), &error);
  if (compose->fd_list == NULL)
    {
      compose_return (task, error);
      return;
    }

  if (compose->bus == NULL)
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      g_bus_get (G_BUS_TYPE_SESSION, cancellable, bus_ready, g_steal_pointer (&task));
    }
  else
    {
      compose_call (task);
    }
}

/**
 * rectify_email_compose_async:
 * @bus: (nullable): the session bus, or %NULL for the default one
 * @parent_window: the portal's handle of the window asking, or ""
 * @address: the recipient
 * @subject: the subject
 * @body: the text, plain
 * @attachments: (element-type GFile) (nullable): the files to attach
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the e-mail app has it, or could not get it
 * @user_data: for @callback
 *
 * Opens the owner's e-mail app with a new message, through the Email
 * portal. %RECTIFY_EMAIL_ERROR_NO_PORTAL means there is none: the caller
 * falls back to a mailto: link and says the files must be attached by hand.
 */
void
rectify_email_compose_async (GDBusConnection     *bus,
                             const char          *parent_window,
                             const char          *address,
                             const char          *subject,
                             const char          *body,
                             GPtrArray           *attachments,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) opening = NULL;
  Compose *compose;

  g_return_if_fail (bus == NULL || G_IS_DBUS_CONNECTION (bus));
  g_return_if_fail (address != NULL && subject != NULL && body != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rectify_email_compose_async);

  compose = g_new0 (Compose, 1);
  compose->bus = bus != NULL ? g_object_ref (bus) : NULL;
  compose->parent_window = g_strdup (parent_window != NULL ? parent_window : "");
  compose->address = g_strdup (address);
  compose->subject = g_strdup (subject);
  compose->body = g_strdup (body);
  compose->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; attachments != NULL && i < attachments->len; i++)
    g_ptr_array_add (compose->files, g_object_ref (g_ptr_array_index (attachments, i)));
  g_task_set_task_data (task, compose, (GDestroyNotify) compose_free);

  opening = g_task_new (NULL, cancellable, files_opened, g_object_ref (task));
  g_task_set_source_tag (opening, open_files);
  g_task_set_task_data (opening, g_ptr_array_ref (compose->files),
                        (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (opening, open_files);
}

/**
 * rectify_email_compose_finish:
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the e-mail app has the message
 */
gboolean
rectify_email_compose_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rectify_email_compose_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * rectify_email_build_mailto:
 * @address: the recipient
 * @subject: the subject
 * @body: the text, with "\n" line breaks
 *
 * A mailto: URI (RFC 6068) with the subject and text, for where there is no
 * Email portal. It cannot carry attachments.
 *
 * Returns: (transfer full): the URI
 */
char *
rectify_email_build_mailto (const char *address,
                            const char *subject,
                            const char *body)
{
  g_autofree char *escaped_subject = g_uri_escape_string (subject, NULL, FALSE);
  g_autofree char *escaped_body = NULL;
  g_autofree char *escaped_address = g_uri_escape_string (address, "@", FALSE);
  g_autoptr(GString) crlf = g_string_new (body);

  /* RFC 6068: line breaks in a mailto body are CRLF. */
  g_string_replace (crlf, "\n", "\r\n", 0);
  escaped_body = g_uri_escape_string (crlf->str, NULL, FALSE);

  return g_strdup_printf ("mailto:%s?subject=%s&body=%s",
                          escaped_address, escaped_subject, escaped_body);
}
