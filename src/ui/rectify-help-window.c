/* rectify-help-window.c: how Rectify works: what it sends, to whom, where cases are kept
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rectify-credentials.h"
#include "rectify-help-window.h"

/* The facts shown are the real ones of this installation: the desk address
 * from the settings, the cases folder where the store keeps them (inside a
 * Flatpak that is under ~/.var/app). */

struct _RectifyHelpWindow
{
  AdwWindow  parent_instance;

  GtkLabel  *desk_url_label;
  GtkLabel  *sign_in_label;
  GtkLabel  *cases_dir_label;
};

G_DEFINE_FINAL_TYPE (RectifyHelpWindow, rectify_help_window, ADW_TYPE_WINDOW)

/* @path with the home folder written as "~". */
static char *
dup_display_path (const char *path)
{
  const char *home = g_get_home_dir ();
  gsize home_length = strlen (home);

  if (home_length > 1 && g_str_has_prefix (path, home) && path[home_length] == G_DIR_SEPARATOR)
    return g_strconcat ("~", path + home_length, NULL);

  return g_strdup (path);
}

static void
rectify_help_window_class_init (RectifyHelpWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/rectify-help-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RectifyHelpWindow, desk_url_label);
  gtk_widget_class_bind_template_child (widget_class, RectifyHelpWindow, sign_in_label);
  gtk_widget_class_bind_template_child (widget_class, RectifyHelpWindow, cases_dir_label);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rectify_help_window_init (RectifyHelpWindow *self)
{
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  g_autofree char *desk_url = rectify_credentials_dup_desk_url (settings);
  g_autofree char *cases_dir = g_build_filename (g_get_user_data_dir (), "rectify", "cases", NULL);
  g_autofree char *display_dir = dup_display_path (cases_dir);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_label_set_label (self->desk_url_label, desk_url);
  gtk_label_set_label (self->cases_dir_label, display_dir);

  if (rectify_credentials_get_mode (settings) == RECTIFY_DESK_AUTH_ANONYMOUS)
    gtk_label_set_label (self->sign_in_label,
                         _("You are not signed in: the request carries the name and e-mail "
                           "address you gave on step 2, so support can answer you."));
  else
    gtk_label_set_label (self->sign_in_label,
                         _("You are signed in with the token kept in your keyring: Rectify also "
                           "reads the status of your requests back from the help desk."));
}

RectifyHelpWindow *
rectify_help_window_new (GtkWindow *parent)
{
  return g_object_new (RECTIFY_TYPE_HELP_WINDOW,
                       "transient-for", parent,
                       NULL);
}
