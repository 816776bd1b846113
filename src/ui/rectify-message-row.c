/* rectify-message-row.c: a message under a field, out of the focus chain
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rectify-message-row.h"

/* A row of a boxed list that only says something about the row above it
 * (a problem, or a date read back). GtkListBox moves the focus with Tab and
 * the arrows by asking the next visible row to take it, and gives up, so
 * the focus leaves the list, when that row cannot: with a plain row here,
 * the fields after a message were out of reach of the keyboard. This row
 * passes the request on to the rows after it (before it, going back), so
 * the focus goes from field to field whatever messages show. The message
 * itself is the field's accessible description, so nothing is lost for a
 * screen reader. */

struct _RectifyMessageRow
{
  GtkListBoxRow parent_instance;
};

G_DEFINE_FINAL_TYPE (RectifyMessageRow, rectify_message_row, GTK_TYPE_LIST_BOX_ROW)

static gboolean
rectify_message_row_focus (GtkWidget        *widget,
                           GtkDirectionType  direction)
{
  gboolean forward = direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_DOWN;
  gboolean backward = direction == GTK_DIR_TAB_BACKWARD || direction == GTK_DIR_UP;
  GtkWidget *row;

  if (!forward && !backward)
    return FALSE;

  for (row = forward ? gtk_widget_get_next_sibling (widget) : gtk_widget_get_prev_sibling (widget);
       row != NULL;
       row = forward ? gtk_widget_get_next_sibling (row) : gtk_widget_get_prev_sibling (row))
    {
      if (gtk_widget_get_visible (row) && gtk_widget_child_focus (row, direction))
        return TRUE;
    }

  return FALSE;
}

static void
rectify_message_row_class_init (RectifyMessageRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->focus = rectify_message_row_focus;
}

static void
rectify_message_row_init (RectifyMessageRow *self)
{
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
}

/**
 * rectify_message_row_new:
 * @child: what the row shows
 */
GtkWidget *
rectify_message_row_new (GtkWidget *child)
{
  GtkWidget *row = g_object_new (RECTIFY_TYPE_MESSAGE_ROW, NULL);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), child);
  return row;
}
