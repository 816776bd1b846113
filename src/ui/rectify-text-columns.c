/* rectify-text-columns.c: title columns measured without GTK 4.8's search
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rectify-text-columns.h"

/* Every row and group title in libadwaita is a column of wrapping labels
 * (title, subtitle or description) in a vertical box, itself in the
 * horizontal box of the row or the group's header. Measured for a width,
 * GTK 4.8's horizontal box asks each child the width it needs at its
 * height, and its vertical box answers that by trying widths, doubling and
 * then halving, and laying out every label of the column at each try:
 * some fifteen text layouts a label where one would do, again for each
 * width the page is measured at. Before its first frame, Rectify's first
 * step spent more instructions there than a bare window takes to start.
 *
 * A grid layout in the column's place measures the same labels directly
 * and places them exactly as the box did (one column, the same spacing,
 * each label's own alignment and expansion): what is on screen is the
 * same to the pixel. Only columns of labels and nothing else are changed,
 * and only on GTK before 4.10: the box API of those boxes, which nothing
 * uses after they are built, is not there any more. */

/* Whether @box is such a column: vertical, only labels, at least one
 * wrapping, in a horizontal box. */
static gboolean
is_text_column (GtkWidget *box)
{
  GtkWidget *parent = gtk_widget_get_parent (box);
  gboolean wraps = FALSE;

  if (!GTK_IS_BOX (box) || !GTK_IS_BOX_LAYOUT (gtk_widget_get_layout_manager (box)) ||
      gtk_orientable_get_orientation (GTK_ORIENTABLE (box)) != GTK_ORIENTATION_VERTICAL ||
      gtk_box_get_homogeneous (GTK_BOX (box)) ||
      !GTK_IS_BOX (parent) || !GTK_IS_BOX_LAYOUT (gtk_widget_get_layout_manager (parent)) ||
      gtk_orientable_get_orientation (GTK_ORIENTABLE (parent)) != GTK_ORIENTATION_HORIZONTAL)
    return FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!GTK_IS_LABEL (child))
        return FALSE;
      wraps |= gtk_label_get_wrap (GTK_LABEL (child));
    }

  return wraps;
}

static void
lay_out_as_grid (GtkWidget *box)
{
  GtkLayoutManager *grid = gtk_grid_layout_new ();
  int row = 0;

  gtk_grid_layout_set_row_spacing (GTK_GRID_LAYOUT (grid), gtk_box_get_spacing (GTK_BOX (box)));
  gtk_widget_set_layout_manager (box, grid);

  for (GtkWidget *child = gtk_widget_get_first_child (box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLayoutChild *layout_child = gtk_layout_manager_get_layout_child (grid, child);

      gtk_grid_layout_child_set_row (GTK_GRID_LAYOUT_CHILD (layout_child), row++);
    }
}

static void
walk (GtkWidget *widget)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (is_text_column (child))
        lay_out_as_grid (child);
      else
        walk (child);
      child = next;
    }
}

/**
 * rectify_text_columns_lay_out_as_grids:
 * @root: a widget whose rows and groups are built
 *
 * Gives every title column under @root (see above) a grid layout, on GTK
 * before 4.10; elsewhere does nothing. Rows added after are left as they
 * are: they only cost time.
 */
void
rectify_text_columns_lay_out_as_grids (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (gtk_get_major_version () != 4 || gtk_get_minor_version () >= 10)
    return;

  walk (root);
}
