/* rectify-help-window.c: help with each step, and what Rectify sends and keeps
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rectify-credentials.h"
#include "rectify-help-window.h"
#include "rectify-launcher.h"

/* One page: a section for each step of the flow, then what Rectify sends,
 * to whom, and where it keeps cases. F1 opens it on the section of the step
 * the owner is on (rectify_help_window_show_step()): its heading takes the
 * focus, so the page scrolls there and a screen reader starts there.
 *
 * The facts shown are the real ones of this installation: the desk address
 * from the settings, the cases folder where the store keeps them (inside a
 * Flatpak that is under ~/.var/app), with a button that opens it. */

struct _RectifyHelpWindow
{
  AdwWindow  parent_instance;

  GtkLabel  *desk_url_label;
  GtkLabel  *sign_in_label;
  GtkLabel  *cases_dir_label;
  GtkWidget *step_headings[RECTIFY_N_STEPS];
  GtkWidget *privacy_heading;
  char      *cases_dir;
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
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!rectify_launch_uri_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("The cases folder could not be opened: %s", error->message);
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RectifyHelpWindow *self = RECTIFY_HELP_WINDOW (widget);
  g_autoptr(GFile) folder = g_file_new_for_path (self->cases_dir);
  g_autofree char *uri = g_file_get_uri (folder);

  rectify_launch_uri_async (widget, uri, NULL, opened_cb, NULL);
}

static void
rectify_help_window_finalize (GObject *object)
{
  RectifyHelpWindow *self = RECTIFY_HELP_WINDOW (object);

  g_free (self->cases_dir);

  G_OBJECT_CLASS (rectify_help_window_parent_class)->finalize (object);
}

static void
rectify_help_window_class_init (RectifyHelpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rectify_help_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/rectify-help-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RectifyHelpWindow, desk_url_label);
  gtk_widget_class_bind_template_child (widget_class, RectifyHelpWindow, sign_in_label);
  gtk_widget_class_bind_template_child (widget_class, RectifyHelpWindow, cases_dir_label);
  gtk_widget_class_bind_template_child_full (widget_class, "step1_heading", FALSE,
                                             G_STRUCT_OFFSET (RectifyHelpWindow,
                                                              step_headings[RECTIFY_STEP_IDENTIFY]));
  gtk_widget_class_bind_template_child_full (widget_class, "step2_heading", FALSE,
                                             G_STRUCT_OFFSET (RectifyHelpWindow,
                                                              step_headings[RECTIFY_STEP_DETAILS]));
  gtk_widget_class_bind_template_child_full (widget_class, "step3_heading", FALSE,
                                             G_STRUCT_OFFSET (RectifyHelpWindow,
                                                              step_headings[RECTIFY_STEP_RESOLUTION]));
  gtk_widget_class_bind_template_child_full (widget_class, "step4_heading", FALSE,
                                             G_STRUCT_OFFSET (RectifyHelpWindow,
                                                              step_headings[RECTIFY_STEP_FOLLOW_UP]));
  gtk_widget_class_bind_template_child (widget_class, RectifyHelpWindow, privacy_heading);

  gtk_widget_class_install_action (widget_class, "help.open-folder", NULL, open_folder_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rectify_help_window_init (RectifyHelpWindow *self)
{
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  g_autofree char *desk_url = rectify_credentials_dup_desk_url (settings);
  g_autofree char *display_dir = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cases_dir = g_build_filename (g_get_user_data_dir (), "rectify", "cases", NULL);
  display_dir = dup_display_path (self->cases_dir);

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

/**
 * rectify_help_window_show_step:
 * @self: the help
 * @step: the step the owner is on, or %RECTIFY_N_STEPS for what Rectify
 *   sends and keeps
 *
 * Scrolls to that step's section and puts the focus on its heading.
 */
void
rectify_help_window_show_step (RectifyHelpWindow *self,
                               RectifyStep        step)
{
  GtkWidget *heading;

  g_return_if_fail (RECTIFY_IS_HELP_WINDOW (self));

  /* A label takes the focus only when selectable; nothing is selected. */
  heading = step < RECTIFY_N_STEPS ? self->step_headings[step] : self->privacy_heading;
  gtk_widget_grab_focus (heading);
  gtk_label_select_region (GTK_LABEL (heading), 0, 0);
}

/**
 * rectify_help_window_get_focused_step:
 * @self: the help
 *
 * Returns: the step whose heading has the focus, or %RECTIFY_N_STEPS
 */
RectifyStep
rectify_help_window_get_focused_step (RectifyHelpWindow *self)
{
  GtkWidget *focus;

  g_return_val_if_fail (RECTIFY_IS_HELP_WINDOW (self), RECTIFY_N_STEPS);

  focus = gtk_window_get_focus (GTK_WINDOW (self));
  for (guint step = 0; step < RECTIFY_N_STEPS; step++)
    if (focus != NULL && focus == self->step_headings[step])
      return step;

  return RECTIFY_N_STEPS;
}

RectifyHelpWindow *
rectify_help_window_new (GtkWindow *parent)
{
  return g_object_new (RECTIFY_TYPE_HELP_WINDOW,
                       "transient-for", parent,
                       NULL);
}
