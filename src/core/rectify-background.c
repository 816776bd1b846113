/* rectify-background.c: starting at login to check reminders
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "rectify-background.h"
#include "rectify-portal.h"

/* Reminders (7 and 2 days before the billing date, the statement day) are
 * worth nothing if the owner closed Rectify after sending. With reminders
 * on, Rectify asks to be started at login with --check-reminders: it then
 * checks what is due, sends its notifications and exits, without a window.
 *
 * Through the Background portal (RequestBackground with autostart and the
 * command line), which is how a Flatpak app gets an autostart entry and the
 * desktop asks the owner. Outside a sandbox, where the portal is missing or
 * cannot make an entry for an app it does not know, Rectify writes the XDG
 * autostart entry itself ($XDG_CONFIG_HOME/autostart), in a worker thread.
 * Turning reminders off removes it the same way. */

#define BACKGROUND_INTERFACE "org.freedesktop.portal.Background"

G_DEFINE_QUARK (rectify-background-error-quark, rectify_background_error)

/**
 * rectify_background_dup_autostart_path:
 *
 * Returns: (transfer full): where the XDG autostart entry goes
 */
char *
rectify_background_dup_autostart_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "autostart", APP_ID ".desktop", NULL);
}

/* The program that runs now, so a build-tree run starts itself again;
 * "rectify" from $PATH otherwise. */
static char *
dup_program (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  if (exe != NULL && g_path_is_absolute (exe) && !rectify_portal_is_sandboxed ())
    return g_steal_pointer (&exe);

  return g_strdup ("rectify");
}

static void
write_entry (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  gboolean enabled = GPOINTER_TO_INT (task_data);
  g_autofree char *path = rectify_background_dup_autostart_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *program = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *entry = NULL;
  g_autoptr(GError) error = NULL;

  if (!enabled)
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          g_task_return_new_error (task, RECTIFY_BACKGROUND_ERROR, RECTIFY_BACKGROUND_ERROR_FAILED,
                                   _("The autostart entry could not be removed: %s"),
                                   g_strerror (errno));
          return;
        }
      g_task_return_boolean (task, TRUE);
      return;
    }

  program = dup_program ();
  quoted = g_shell_quote (program);
  entry = g_strdup_printf ("[Desktop Entry]\n"
                           "Type=Application\n"
                           "Name=%s\n"
                           "Comment=%s\n"
                           "Exec=%s " RECTIFY_CHECK_REMINDERS_OPTION "\n"
                           "Icon=" APP_ID "\n"
                           "NoDisplay=true\n"
                           "X-GNOME-Autostart-enabled=true\n",
                           _("Rectify reminders"),
                           _("Tells you of billing deadlines for your licence corrections"),
                           quoted);

  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents_full (path, entry, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, &error))
    {
      g_task_return_new_error (task, RECTIFY_BACKGROUND_ERROR, RECTIFY_BACKGROUND_ERROR_FAILED,
                               _("The autostart entry could not be written: %s"),
                               error != NULL ? error->message : g_strerror (errno));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
entry_written (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, RECTIFY_AUTOSTART_FILE);
}

static void
write_entry_async (GTask *task)
{
  gboolean enabled = GPOINTER_TO_INT (g_task_get_task_data (task));
  GTask *writing = g_task_new (NULL, g_task_get_cancellable (task), entry_written, task);

  g_task_set_source_tag (writing, write_entry);
  g_task_set_task_data (writing, GINT_TO_POINTER (enabled), NULL);
  g_task_run_in_thread (writing, write_entry);
  g_object_unref (writing);
}

static void
requested (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  gboolean enabled = GPOINTER_TO_INT (g_task_get_task_data (task));
  g_autoptr(GVariant) results = NULL;
  GError *error = NULL;
  gboolean autostart = FALSE;

  results = rectify_portal_request_finish (result, &error);
  if (results == NULL)
    {
      if (g_error_matches (error, RECTIFY_PORTAL_ERROR, RECTIFY_PORTAL_ERROR_MISSING) ||
          (g_error_matches (error, RECTIFY_PORTAL_ERROR, RECTIFY_PORTAL_ERROR_FAILED) &&
           !rectify_portal_is_sandboxed ()))
        {
          g_debug ("No autostart through the portal: %s", error->message);
          g_clear_error (&error);
          write_entry_async (g_steal_pointer (&task));
          return;
        }
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
        {
          /* The owner said no in the desktop's dialog. */
          g_clear_error (&error);
          error = g_error_new_literal (RECTIFY_BACKGROUND_ERROR, RECTIFY_BACKGROUND_ERROR_REFUSED,
                                       _("Rectify may not start at login: reminders come only "
                                         "while it is open"));
        }
      g_task_return_error (task, error);
      return;
    }

  g_variant_lookup (results, "autostart", "b", &autostart);
  if (enabled && !autostart)
    {
      g_task_return_new_error (task, RECTIFY_BACKGROUND_ERROR, RECTIFY_BACKGROUND_ERROR_REFUSED,
                               _("Rectify may not start at login: reminders come only while it "
                                 "is open"));
      return;
    }

  g_task_return_int (task, RECTIFY_AUTOSTART_PORTAL);
}

/**
 * rectify_background_set_autostart_async:
 * @bus: (nullable): the session bus, or %NULL for the default one
 * @enabled: whether Rectify should start at login to check reminders
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 */
void
rectify_background_set_autostart_async (GDBusConnection     *bus,
                                        gboolean             enabled,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autofree char *program = NULL;
  const char *commandline[3];
  GVariantBuilder options;
  GTask *task;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rectify_background_set_autostart_async);
  g_task_set_task_data (task, GINT_TO_POINTER (enabled), NULL);

  /* Inside the sandbox the portal runs the app's own command. */
  program = rectify_portal_is_sandboxed () ? g_strdup ("rectify") : dup_program ();
  commandline[0] = program;
  commandline[1] = RECTIFY_CHECK_REMINDERS_OPTION;
  commandline[2] = NULL;

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "reason",
                         g_variant_new_string (_("To remind you of billing deadlines while "
                                                 "Rectify is closed")));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (enabled));
  g_variant_builder_add (&options, "{sv}", "commandline", g_variant_new_strv (commandline, -1));
  g_variant_builder_add (&options, "{sv}", "dbus-activatable", g_variant_new_boolean (FALSE));

  rectify_portal_request_async (bus, BACKGROUND_INTERFACE, "RequestBackground", "",
                                g_variant_builder_end (&options), NULL, cancellable, requested,
                                task);
}

/**
 * rectify_background_set_autostart_finish:
 * @result: the result
 * @out_route: (out) (optional): which way it went
 * @error: return location for a #GError
 *
 * Returns: whether Rectify now starts at login (or no longer does)
 */
gboolean
rectify_background_set_autostart_finish (GAsyncResult           *result,
                                         RectifyAutostartRoute  *out_route,
                                         GError                **error)
{
  gssize route;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        rectify_background_set_autostart_async, FALSE);

  route = g_task_propagate_int (G_TASK (result), error);
  if (route < 0)
    return FALSE;

  if (out_route != NULL)
    *out_route = route;
  return TRUE;
}
