/* rectify-date-row.c: a date typed in the locale's way, or picked
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rectify-clock.h"
#include "rectify-date-row.h"
#include "rectify-format.h"

/* An entry row whose "date" is what its text reads as (rectify_parse_date),
 * with a calendar in a popover for picking instead of typing. Text that
 * does not read as a date leaves "date" unset and says so through
 * has_unreadable_text; setting "date" rewrites the text only when it does
 * not already say that date, so typing is never overwritten. */

struct _RectifyDateRow
{
  AdwEntryRow  parent_instance;

  GDate        date;
  GtkCalendar *calendar;
  GtkPopover  *popover;
  gboolean     syncing;
};

G_DEFINE_FINAL_TYPE (RectifyDateRow, rectify_date_row, ADW_TYPE_ENTRY_ROW)

enum {
  PROP_0,
  PROP_DATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
same_date (const GDate *a,
           const GDate *b)
{
  gboolean a_valid = a != NULL && g_date_valid (a);
  gboolean b_valid = b != NULL && g_date_valid (b);

  return a_valid == b_valid && (!a_valid || g_date_compare (a, b) == 0);
}

static void
store_date (RectifyDateRow *self,
            const GDate    *date)
{
  if (same_date (&self->date, date))
    return;

  if (date != NULL && g_date_valid (date))
    g_date_set_julian (&self->date, g_date_get_julian (date));
  else
    g_date_clear (&self->date, 1);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

static void
on_text_changed (RectifyDateRow *self)
{
  GDate parsed;

  if (self->syncing)
    return;

  rectify_parse_date (gtk_editable_get_text (GTK_EDITABLE (self)), &parsed);
  store_date (self, &parsed);
}

static void
on_day_selected (RectifyDateRow *self)
{
  g_autoptr(GDateTime) picked = gtk_calendar_get_date (self->calendar);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (picked),
                  g_date_time_get_month (picked), g_date_time_get_year (picked));
  rectify_date_row_set_date (self, &date);
  gtk_popover_popdown (self->popover);
}

static void
on_popover_show (RectifyDateRow *self)
{
  g_autoptr(GDateTime) shown = NULL;

  /* Open on the date entered, or on today. */
  if (g_date_valid (&self->date))
    shown = g_date_time_new_local (g_date_get_year (&self->date),
                                   g_date_get_month (&self->date),
                                   g_date_get_day (&self->date), 0, 0, 0);
  else
    shown = rectify_clock_now_local ();

  g_signal_handlers_block_by_func (self->calendar, on_day_selected, self);
  gtk_calendar_select_day (self->calendar, shown);
  g_signal_handlers_unblock_by_func (self->calendar, on_day_selected, self);
}

/* The calendar is made the first time it is asked for: most owners type. */
static void
create_popup (GtkMenuButton *button,
              gpointer       user_data)
{
  RectifyDateRow *self = user_data;

  if (self->popover != NULL)
    return;

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  g_signal_connect_object (self->calendar, "day-selected",
                           G_CALLBACK (on_day_selected), self, G_CONNECT_SWAPPED);

  self->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->popover, GTK_WIDGET (self->calendar));
  g_signal_connect_object (self->popover, "show",
                           G_CALLBACK (on_popover_show), self, G_CONNECT_SWAPPED);
  gtk_menu_button_set_popover (button, GTK_WIDGET (self->popover));
}

static void
rectify_date_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RectifyDateRow *self = RECTIFY_DATE_ROW (object);

  switch (prop_id)
    {
    case PROP_DATE:
      g_value_set_boxed (value, g_date_valid (&self->date) ? &self->date : NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rectify_date_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RectifyDateRow *self = RECTIFY_DATE_ROW (object);

  switch (prop_id)
    {
    case PROP_DATE:
      rectify_date_row_set_date (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rectify_date_row_class_init (RectifyDateRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = rectify_date_row_get_property;
  object_class->set_property = rectify_date_row_set_property;

  properties[PROP_DATE] =
    g_param_spec_boxed ("date", NULL, NULL,
                        G_TYPE_DATE,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rectify_date_row_init (RectifyDateRow *self)
{
  GtkWidget *button;

  g_date_clear (&self->date, 1);

  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_popup, self, NULL);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Pick From a Calendar"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pick From a Calendar"),
                                  -1);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), button);

  g_signal_connect (self, "changed", G_CALLBACK (on_text_changed), NULL);
}

/* The date the text reads as, or %NULL. */
const GDate *
rectify_date_row_get_date (RectifyDateRow *self)
{
  g_return_val_if_fail (RECTIFY_IS_DATE_ROW (self), NULL);

  return g_date_valid (&self->date) ? &self->date : NULL;
}

void
rectify_date_row_set_date (RectifyDateRow *self,
                           const GDate    *date)
{
  GDate shown;

  g_return_if_fail (RECTIFY_IS_DATE_ROW (self));

  /* Unset by the model while the owner's text does not read as a date:
   * keep their text, it is theirs to correct. */
  if ((date == NULL || !g_date_valid (date)) && rectify_date_row_has_unreadable_text (self))
    return;

  rectify_parse_date (gtk_editable_get_text (GTK_EDITABLE (self)), &shown);
  if (!same_date (&shown, date))
    {
      g_autofree char *text = rectify_format_date_numeric (date);

      self->syncing = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self), text);
      self->syncing = FALSE;
    }

  store_date (self, date);
}

/* Whether something is typed that is not a date. */
gboolean
rectify_date_row_has_unreadable_text (RectifyDateRow *self)
{
  const char *text;
  GDate parsed;

  g_return_val_if_fail (RECTIFY_IS_DATE_ROW (self), FALSE);

  text = gtk_editable_get_text (GTK_EDITABLE (self));
  if (text == NULL)
    return FALSE;

  while (g_ascii_isspace (*text))
    text++;

  return *text != '\0' && !rectify_parse_date (text, &parsed);
}
