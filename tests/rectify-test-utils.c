/* rectify-test-utils.c: finding and driving real widgets in UI tests
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rectify-test-utils.h"

/* The first widget, @root or under it, that @match says yes to with
 * @data. */
GtkWidget *
rectify_test_find_widget (GtkWidget              *root,
                          RectifyTestWidgetMatch  match,
                          gconstpointer           data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = rectify_test_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

/* The first widget of @type, @root or under it. */
GtkWidget *
rectify_test_find_type (GtkWidget *root,
                        GType      type)
{
  return rectify_test_find_widget (root, is_of_type, GSIZE_TO_POINTER (type));
}

static gboolean
row_has_title (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
button_has_action (GtkWidget     *widget,
                   gconstpointer  action_name)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0;
}

static gboolean
label_contains (GtkWidget     *widget,
                gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         strstr (gtk_label_get_label (GTK_LABEL (widget)), (const char *) text) != NULL;
}

static gboolean
is_text_view (GtkWidget     *widget,
              gconstpointer  unused)
{
  return GTK_IS_TEXT_VIEW (widget) && gtk_widget_get_mapped (widget);
}

/* The first shown label under @root whose text contains @text. */
GtkWidget *
rectify_test_find_label (GtkWidget  *root,
                         const char *text)
{
  return rectify_test_find_widget (root, label_contains, text);
}

/* The first shown text view under @root. */
GtkWidget *
rectify_test_find_text_view (GtkWidget *root)
{
  return rectify_test_find_widget (root, is_text_view, NULL);
}

static gboolean
is_list_view (GtkWidget     *widget,
              gconstpointer  unused)
{
  return GTK_IS_LIST_VIEW (widget) && gtk_widget_has_css_class (widget, "navigation-sidebar");
}

/* The window's case list (the sidebar's list view) under @root. */
GtkWidget *
rectify_test_find_case_list (GtkWidget *root)
{
  return rectify_test_find_widget (root, is_list_view, NULL);
}

/* The first preferences row under @root whose title is @title. */
GtkWidget *
rectify_test_find_row (GtkWidget  *root,
                       const char *title)
{
  return rectify_test_find_widget (root, row_has_title, title);
}

/* The first button under @root that activates @action_name. */
GtkWidget *
rectify_test_find_action_button (GtkWidget  *root,
                                 const char *action_name)
{
  return rectify_test_find_widget (root, button_has_action, action_name);
}

/* Runs the main loop until @done says so, for at most five seconds.
 * Returns what @done said last. */
gboolean
rectify_test_iterate_until (RectifyTestPredicate done,
                            gpointer             data)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);

  return done (data);
}

/* The message shown under an entry row (the row the field group adds after
 * it), or %NULL when none is shown. */
const char *
rectify_test_row_message (GtkWidget *row)
{
  GtkWidget *next = gtk_widget_get_next_sibling (row);
  GtkWidget *label;

  if (next == NULL || !gtk_widget_has_css_class (next, "rectify-message-row") ||
      !gtk_widget_get_visible (next))
    return NULL;

  label = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (next));
  return gtk_label_get_label (GTK_LABEL (label));
}

static gboolean
time_is_up (gpointer data)
{
  return g_get_monotonic_time () >= *(gint64 *)data;
}

/* Runs the main loop for @ms milliseconds. */
void
rectify_test_iterate (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (!time_is_up (&until))
    g_main_context_iteration (NULL, FALSE);
}

/**
 * rectify_test_use_private_folders:
 *
 * gtk_test_init() does not isolate the user's folders: call this before it
 * for a test that installs apps there or writes settings files.
 */
void
rectify_test_use_private_folders (void)
{
  g_autofree char *home = g_dir_make_tmp ("rectify-test-home-XXXXXX", NULL);
  const char *folders[][2] = {
    { "XDG_DATA_HOME", "data" }, { "XDG_CONFIG_HOME", "config" }, { "XDG_CACHE_HOME", "cache" },
  };

  g_assert_nonnull (home);
  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *path = g_build_filename (home, folders[i][1], NULL);

      g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
      g_setenv (folders[i][0], path, TRUE);
    }
}

/**
 * rectify_test_install_opener:
 * @name: the stand-in app's name, for its desktop file
 * @mime_types: what it opens, as a desktop file lists them
 *   ("x-scheme-handler/mailto;")
 *
 * Installs, in the user's (private) folders, a stand-in app that writes
 * down the address it was opened on, as the default for @mime_types.
 *
 * Returns: (transfer full): the file it writes to
 */
char *
rectify_test_install_opener (const char *name,
                             const char *mime_types)
{
  g_autofree char *apps = g_build_filename (g_get_user_data_dir (), "applications", NULL);
  g_autofree char *id = g_strconcat ("rectify-test-", name, ".desktop", NULL);
  g_autofree char *desktop = g_build_filename (apps, id, NULL);
  g_autofree char *mimeapps = g_build_filename (g_get_user_config_dir (), "mimeapps.list", NULL);
  g_autofree char *record = NULL;
  g_autofree char *entry = NULL;
  g_autoptr(GString) defaults = g_string_new ("[Default Applications]\n");
  g_auto(GStrv) types = g_strsplit (mime_types, ";", -1);
  g_autoptr(GError) error = NULL;

  record = g_build_filename (g_get_user_cache_dir (), name, NULL);
  g_mkdir_with_parents (apps, 0700);
  g_mkdir_with_parents (g_get_user_config_dir (), 0700);
  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);

  entry = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=%s\n"
                           "Exec=sh -c 'echo \"$1\" > %s' sh %%u\nMimeType=%s\n",
                           name, record, mime_types);
  g_file_set_contents (desktop, entry, -1, &error);
  g_assert_no_error (error);

  for (guint i = 0; types[i] != NULL; i++)
    if (*types[i] != '\0')
      g_string_append_printf (defaults, "%s=%s\n", types[i], id);
  g_file_set_contents (mimeapps, defaults->str, -1, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&record);
}

static gboolean
has_line (gpointer data)
{
  g_autofree char *text = NULL;

  return g_file_get_contents (data, &text, NULL, NULL) && strchr (text, '\n') != NULL;
}

/**
 * rectify_test_wait_opened:
 * @record: what rectify_test_install_opener() returned
 *
 * Returns: (transfer full): the address the stand-in app was opened on
 */
char *
rectify_test_wait_opened (const char *record)
{
  g_autoptr(GError) error = NULL;
  char *opened = NULL;

  g_assert_true (rectify_test_iterate_until (has_line, (gpointer) record));
  g_file_get_contents (record, &opened, NULL, &error);
  g_assert_no_error (error);

  return g_strstrip (opened);
}
