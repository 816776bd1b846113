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
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
button_has_action (GtkWidget  *widget,
                   const char *action_name)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0;
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
