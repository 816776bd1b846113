/* rectify-text-columns.c: wrapping text measured without GTK 4.8's searches
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
 * uses after they are built, is not there any more.
 *
 * Then a wrapping label finds its minimum width by laying its text out at
 * width 0, a word a line (a character a line for libadwaita's titles and
 * subtitles, which may break inside words), and Pango shapes what is left
 * of the text again at each line. Before the first frame of the first step
 * that was 892 shapings where 219 do, and half of all the measuring (85 M
 * instructions where 41 M do). With a width in characters the label lays
 * its text out at that width instead, and its minimum width becomes
 * MIN_WIDTH_CHARS characters, or its longest word where words do not
 * break. That is narrower than any place these labels have in the window:
 * the window's minimum width stays the same (/window/text-columns checks
 * it), and the natural width, the one used when there is room, is still
 * the whole text on one line (or the width given, if the text is shorter).
 * Labels given a width of their own keep it. */

#define MIN_WIDTH_CHARS 8

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
walk (GtkWidget *widget,
      gboolean   grids)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (GTK_IS_LABEL (child) && gtk_label_get_wrap (GTK_LABEL (child)) &&
          gtk_label_get_width_chars (GTK_LABEL (child)) < 0)
        gtk_label_set_width_chars (GTK_LABEL (child), MIN_WIDTH_CHARS);
      if (grids && is_text_column (child))
        lay_out_as_grid (child);
      walk (child, grids);
      child = next;
    }
}

/**
 * rectify_text_columns_prepare:
 * @root: a widget whose rows and groups are built
 *
 * Gives every title column under @root (see above) a grid layout, on GTK
 * before 4.10, and every wrapping label without a width of its own a
 * width in characters, on any GTK. Rows added after are left as they are:
 * they only cost time.
 */
void
rectify_text_columns_prepare (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  walk (root, gtk_get_major_version () == 4 && gtk_get_minor_version () < 10);
}
