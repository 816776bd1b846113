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
#include "rectify-portal.h"

/* A mailto: link cannot carry files, so the invoice would have to be
 * attached by hand. The XDG Email portal (org.freedesktop.portal.Email,
 * ComposeEmail) takes the files as descriptors and opens the owner's e-mail
 * app with the address, subject, text and attachments filled in; it is
 * there inside Flatpak and on most desktops outside it. Files are opened in
 * a worker thread: a slow disk never holds up the window. */

#define EMAIL_INTERFACE "org.freedesktop.portal.Email"

G_DEFINE_QUARK (rectify-email-error-quark, rectify_email_error)

typedef struct
{
  GDBusConnection *bus;
  char *parent_window;
  char *address;
  char *subject;
  char *body;
  GPtrArray *files;
} Compose;

static void
compose_free (Compose *compose)
{
  g_clear_object (&compose->bus);
  g_clear_pointer (&compose->files, g_ptr_array_unref);
  g_free (compose->parent_window);
  g_free (compose->address);
  g_free (compose->subject);
  g_free (compose->body);
  g_free (compose);
}

static void
composed (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GVariant) results = NULL;
  GError *error = NULL;

  results = rectify_portal_request_finish (result, &error);
  if (results != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (g_error_matches (error, RECTIFY_PORTAL_ERROR, RECTIFY_PORTAL_ERROR_MISSING))
    {
      g_clear_error (&error);
      g_task_return_new_error (task, RECTIFY_EMAIL_ERROR, RECTIFY_EMAIL_ERROR_NO_PORTAL,
                               _("There is no e-mail service that takes attachments"));
    }
  else if (g_error_matches (error, RECTIFY_PORTAL_ERROR, RECTIFY_PORTAL_ERROR_FAILED))
    {
      g_clear_error (&error);
      g_task_return_new_error (task, RECTIFY_EMAIL_ERROR, RECTIFY_EMAIL_ERROR_FAILED,
                               _("The e-mail app could not be opened"));
    }
  else
    {
      g_task_return_error (task, error);
    }
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
  g_autoptr(GUnixFDList) fd_list = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);
  GVariantBuilder options;
  GVariantBuilder handles;
  GError *error = NULL;
  gint n_fds;

  fd_list = g_task_propagate_pointer (G_TASK (result), &error);
  if (fd_list == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "address", g_variant_new_string (compose->address));
  g_variant_builder_add (&options, "{sv}", "subject", g_variant_new_string (compose->subject));
  g_variant_builder_add (&options, "{sv}", "body", g_variant_new_string (compose->body));
  n_fds = g_unix_fd_list_get_length (fd_list);
  if (n_fds > 0)
    {
      g_variant_builder_init (&handles, G_VARIANT_TYPE ("ah"));
      for (gint i = 0; i < n_fds; i++)
        g_variant_builder_add (&handles, "h", i);
      g_variant_builder_add (&options, "{sv}", "attachment_fds", g_variant_builder_end (&handles));
    }

  rectify_portal_request_async (compose->bus, EMAIL_INTERFACE, "ComposeEmail",
                                compose->parent_window, g_variant_builder_end (&options), fd_list,
                                cancellable, composed, g_steal_pointer (&task));
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
