/* rectify-case-row.c: one case in the case list
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rectify-case-row.h"
#include "rectify-case-status.h"
#include "rectify-clock.h"
#include "rectify-format.h"

struct _RectifyCaseRow
{
  AdwBin       parent_instance;

  RectifyCase *rcase;

  GtkImage    *status_icon;
  GtkLabel    *title_label;
  GtkLabel    *subtitle_label;
  /* Where the case stands, in words (a translated constant): the icon's
   * tooltip, given when it is asked for. */
  const char  *status_label;
  /* Made the first time it is asked for. */
  GtkWidget   *menu;
};

G_DEFINE_FINAL_TYPE (RectifyCaseRow, rectify_case_row, ADW_TYPE_BIN)

static void
update (RectifyCaseRow *self)
{
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *date = NULL;
  const char *status_label;
  RectifyCaseStatus status;
  RectifyScenario scenario;
  GDateTime *created;
  GDate today;
  GDate day;

  if (self->rcase == NULL)
    {
      self->status_label = NULL;
      return;
    }

  rectify_clock_get_today (&today);
  status = rectify_case_get_status (self->rcase, &today, &status_label);
  gtk_image_set_from_icon_name (self->status_icon, rectify_case_status_get_icon_name (status));
  /* Not gtk_widget_set_tooltip_text(): it asks the display where the
   * pointer is at each call (a round trip to the X server), and rows are
   * bound by the hundred as the list fills in or scrolls. */
  self->status_label = status_label;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, status_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, status_label, -1);

  title = rectify_case_dup_list_title (self->rcase);
  gtk_label_set_label (self->title_label, title);

  created = rectify_case_get_created (self->rcase);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (created),
                  g_date_time_get_month (created), g_date_time_get_year (created));
  date = rectify_format_date_numeric (&day);
  g_string_append_printf (subtitle, "%s · %s", date,
                          rectify_send_state_get_label (rectify_case_get_send_state (self->rcase)));
  /* The title is the account when there is one: then the mistake, last,
   * so a long one is what gets cut. */
  scenario = rectify_case_get_scenario (self->rcase);
  if (scenario != RECTIFY_SCENARIO_NONE &&
      g_strcmp0 (title, rectify_scenario_get_label (scenario)) != 0)
    g_string_append_printf (subtitle, " · %s", rectify_scenario_get_label (scenario));

  gtk_label_set_label (self->subtitle_label, subtitle->str);
}

static void
rectify_case_row_dispose (GObject *object)
{
  RectifyCaseRow *self = (RectifyCaseRow *)object;

  rectify_case_row_set_case (self, NULL);
  g_clear_pointer (&self->menu, gtk_widget_unparent);

  G_OBJECT_CLASS (rectify_case_row_parent_class)->dispose (object);
}

static void
rectify_case_row_class_init (RectifyCaseRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rectify_case_row_dispose;
}

/* The menu where the pointer or the finger is; the gesture is ours. */
static void
popup_at (RectifyCaseRow *self,
          GtkGesture     *gesture,
          double          x,
          double          y)
{
  GdkRectangle at = { (int)x, (int)y, 1, 1 };

  gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_CLAIMED);
  rectify_case_row_popup_menu (self, &at);
}

static void
on_secondary_click (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    RectifyCaseRow  *self)
{
  popup_at (self, GTK_GESTURE (gesture), x, y);
}

static void
on_long_press (GtkGestureLongPress *gesture,
               double               x,
               double               y,
               RectifyCaseRow      *self)
{
  popup_at (self, GTK_GESTURE (gesture), x, y);
}

static gboolean
on_query_tooltip (GtkWidget      *icon,
                  int             x,
                  int             y,
                  gboolean        keyboard_mode,
                  GtkTooltip     *tooltip,
                  RectifyCaseRow *self)
{
  if (self->status_label == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, self->status_label);
  return TRUE;
}

static void
rectify_case_row_init (RectifyCaseRow *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *long_press = gtk_gesture_long_press_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);

  /* Built here rather than from a template: the list makes rows by the
   * hundred as it fills in, and instantiating the template cost some 60%
   * more (450,000 instructions a row against 280,000). */
  self->status_icon = g_object_new (GTK_TYPE_IMAGE,
                                    "accessible-role", GTK_ACCESSIBLE_ROLE_IMG,
                                    "valign", GTK_ALIGN_CENTER,
                                    "has-tooltip", TRUE,
                                    NULL);
  g_signal_connect (self->status_icon, "query-tooltip", G_CALLBACK (on_query_tooltip), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->status_icon));

  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_margin_top (texts, 6);
  gtk_widget_set_margin_bottom (texts, 6);
  self->title_label = GTK_LABEL (gtk_label_new (NULL));
  self->subtitle_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle_label), "dim-label");
  for (guint i = 0; i < 2; i++)
    {
      GtkLabel *label = i == 0 ? self->title_label : self->subtitle_label;

      gtk_label_set_xalign (label, 0);
      gtk_label_set_ellipsize (label, PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (texts), GTK_WIDGET (label));
    }
  gtk_box_append (GTK_BOX (box), texts);
  adw_bin_set_child (ADW_BIN (self), box);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_secondary_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect (long_press, "pressed", G_CALLBACK (on_long_press), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (long_press));
}

RectifyCaseRow *
rectify_case_row_new (void)
{
  return g_object_new (RECTIFY_TYPE_CASE_ROW, NULL);
}

/* Returns: (nullable): where the case shown stands, in words: what the
 * status icon's tooltip says */
const char *
rectify_case_row_get_status_label (RectifyCaseRow *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE_ROW (self), NULL);

  return self->status_label;
}

/* Returns: (transfer none) (nullable): the case shown */
RectifyCase *
rectify_case_row_get_case (RectifyCaseRow *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE_ROW (self), NULL);

  return self->rcase;
}

/* Shows @rcase, following its changes, or nothing. */
void
rectify_case_row_set_case (RectifyCaseRow *self,
                           RectifyCase    *rcase)
{
  g_return_if_fail (RECTIFY_IS_CASE_ROW (self));

  if (self->rcase == rcase)
    return;

  if (self->rcase != NULL)
    g_signal_handlers_disconnect_by_func (self->rcase, update, self);
  g_set_object (&self->rcase, rcase);
  if (rcase != NULL)
    g_signal_connect_object (rcase, "changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);

  update (self);
}

/**
 * rectify_case_row_popup_menu:
 * @self: a #RectifyCaseRow
 * @at: (nullable): where, in the row's coordinates; %NULL for the whole row
 *
 * Shows what can be done with the row's case: open, duplicate, delete
 * (the window's win.open-case, win.duplicate-case, win.delete-listed-case,
 * each given the case's reference).
 */
void
rectify_case_row_popup_menu (RectifyCaseRow     *self,
                             const GdkRectangle *at)
{
  g_autoptr(GMenu) menu = NULL;
  g_autoptr(GMenu) section = NULL;
  const char *reference;

  g_return_if_fail (RECTIFY_IS_CASE_ROW (self));

  if (self->rcase == NULL)
    return;

  reference = rectify_case_get_reference (self->rcase);
  menu = g_menu_new ();
  section = g_menu_new ();
  {
    g_autoptr(GMenuItem) open = g_menu_item_new (_("_Open"), NULL);
    g_autoptr(GMenuItem) duplicate = g_menu_item_new (_("D_uplicate"), NULL);
    g_autoptr(GMenuItem) delete = g_menu_item_new (_("_Delete"), NULL);

    g_menu_item_set_action_and_target (open, "win.open-case", "s", reference);
    g_menu_item_set_action_and_target (duplicate, "win.duplicate-case", "s", reference);
    g_menu_item_set_action_and_target (delete, "win.delete-listed-case", "s", reference);
    g_menu_append_item (menu, open);
    g_menu_append_item (menu, duplicate);
    g_menu_append_item (section, delete);
    g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  }

  if (self->menu == NULL)
    {
      self->menu = gtk_popover_menu_new_from_model (NULL);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
    }

  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), G_MENU_MODEL (menu));
  gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), at == NULL);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), at);
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

/* Returns: (transfer none) (nullable): the menu, once it was shown */
GtkPopover *
rectify_case_row_get_menu (RectifyCaseRow *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE_ROW (self), NULL);

  return self->menu != NULL ? GTK_POPOVER (self->menu) : NULL;
}
