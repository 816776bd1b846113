/* rectify-test-utils.c: finding and driving real widgets in UI tests
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rectify-test-utils.h"

typedef gboolean (*WidgetMatch) (GtkWidget  *widget,
                                 const char *key);

static GtkWidget *
find_widget (GtkWidget   *root,
             WidgetMatch  match,
             const char  *key)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (match (child, key))
        return child;

      if ((found = find_widget (child, match, key)) != NULL)
        return found;
    }

  return NULL;
}

static gboolean
row_has_title (GtkWidget  *widget,
               const char *title)
{
  return ADW_IS_PREFERENCES_ROW (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
button_has_action (GtkWidget  *widget,
                   const char *action_name)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0;
}

static gboolean
label_contains (GtkWidget  *widget,
                const char *text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL;
}

static gboolean
is_text_view (GtkWidget  *widget,
              const char *unused)
{
  return GTK_IS_TEXT_VIEW (widget) && gtk_widget_get_mapped (widget);
}

/* The first shown label under @root whose text contains @text. */
GtkWidget *
rectify_test_find_label (GtkWidget  *root,
                         const char *text)
{
  return find_widget (root, label_contains, text);
}

/* The first shown text view under @root. */
GtkWidget *
rectify_test_find_text_view (GtkWidget *root)
{
  return find_widget (root, is_text_view, NULL);
}

/* The first preferences row under @root whose title is @title. */
GtkWidget *
rectify_test_find_row (GtkWidget  *root,
                       const char *title)
{
  return find_widget (root, row_has_title, title);
}

/* The first button under @root that activates @action_name. */
GtkWidget *
rectify_test_find_action_button (GtkWidget  *root,
                                 const char *action_name)
{
  return find_widget (root, button_has_action, action_name);
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
