/* rectify-identify-page.c: step 1, identify the mistake
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rectify-choice-list.h"
#include "rectify-date-row.h"
#include "rectify-field-group.h"
#include "rectify-format.h"
#include "rectify-identify-page.h"
#include "rectify-urgency-banner.h"

struct _RectifyIdentifyPage
{
  RectifyPage           parent_instance;

  RectifyFieldGroup    *fields;
  GListModel           *scenarios;

  GtkWidget            *scenario_group;
  GtkLabel             *self_service_label;
  GtkWidget            *dates_group;
  RectifyChoiceList    *scenario_list;
  RectifyDateRow       *purchase_row;
  RectifyDateRow       *next_billing_row;
  AdwComboRow          *period_row;
  RectifyUrgencyBanner *urgency_banner;
};

G_DEFINE_FINAL_TYPE (RectifyIdentifyPage, rectify_identify_page, RECTIFY_TYPE_PAGE)

/* Model → widgets. */
static void
sync_period (RectifyIdentifyPage *self)
{
  RectifyCase *rcase = rectify_page_get_case (RECTIFY_PAGE (self));
  guint selected = rcase && rectify_case_get_period (rcase) == RECTIFY_PERIOD_ANNUAL ? 1 : 0;

  if (adw_combo_row_get_selected (self->period_row) != selected)
    adw_combo_row_set_selected (self->period_row, selected);
}

static void
on_period_selected (RectifyIdentifyPage *self)
{
  RectifyCase *rcase = rectify_page_get_case (RECTIFY_PAGE (self));

  if (rcase != NULL)
    rectify_case_set_period (rcase, adw_combo_row_get_selected (self->period_row) == 1
                                      ? RECTIFY_PERIOD_ANNUAL : RECTIFY_PERIOD_MONTHLY);
}

static void
sync_scenario (RectifyIdentifyPage *self)
{
  RectifyCase *rcase = rectify_page_get_case (RECTIFY_PAGE (self));
  RectifyScenario scenario = rcase ? rectify_case_get_scenario (rcase) : RECTIFY_SCENARIO_NONE;
  g_autofree char *hint = rectify_scenario_dup_self_service_hint (scenario,
                                                                   rectify_provider_get_default ());

  if (hint != NULL)
    gtk_label_set_markup (self->self_service_label, hint);
  gtk_widget_set_visible (GTK_WIDGET (self->self_service_label), hint != NULL);

  rectify_scenario_choices_update (self->scenarios, rcase);
}

/* Widgets → model. */
static void
on_scenario_toggled (RectifyIdentifyPage *self,
                     RectifyChoice       *choice,
                     gboolean             active)
{
  RectifyCase *rcase = rectify_page_get_case (RECTIFY_PAGE (self));

  if (rcase != NULL && active)
    rectify_case_set_scenario (rcase, rectify_choice_get_value (choice));
}

/* From the queue on, what the request says stays as sent. */
static void
rectify_identify_page_case_updated (RectifyPage *page)
{
  RectifyIdentifyPage *self = RECTIFY_IDENTIFY_PAGE (page);
  RectifyCase *rcase = rectify_page_get_case (page);
  gboolean locked = rcase != NULL && rectify_case_is_locked (rcase);
  GtkWidget *groups[] = { self->scenario_group, self->dates_group };

  GtkEditable *dates[] = {
    GTK_EDITABLE (self->purchase_row), GTK_EDITABLE (self->next_billing_row),
  };

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    gtk_widget_set_sensitive (groups[i], !locked);
  rectify_page_describe_as_sent (page, ADW_PREFERENCES_GROUP (self->scenario_group));

  /* Not editable either, for whatever types without the pointer (a screen
   * reader's editable text, an input method). */
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    if (gtk_editable_get_editable (dates[i]) == locked)
      gtk_editable_set_editable (dates[i], !locked);
}

static void
rectify_identify_page_case_changed (RectifyPage *page,
                                    RectifyCase *old_case)
{
  RectifyIdentifyPage *self = RECTIFY_IDENTIFY_PAGE (page);
  RectifyCase *rcase = rectify_page_get_case (page);

  if (old_case != NULL)
    {
      g_signal_handlers_disconnect_by_func (old_case, sync_scenario, self);
      g_signal_handlers_disconnect_by_func (old_case, sync_period, self);
    }

  if (rcase != NULL)
    {
      g_signal_connect_object (rcase, "notify::scenario",
                               G_CALLBACK (sync_scenario), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (rcase, "notify::period",
                               G_CALLBACK (sync_period), self, G_CONNECT_SWAPPED);
    }

  sync_scenario (self);
  sync_period (self);
  rectify_field_group_set_case (self->fields, rcase);
  rectify_urgency_banner_set_case (self->urgency_banner, rcase);
  rectify_identify_page_case_updated (page);
}

static void
rectify_identify_page_dispose (GObject *object)
{
  RectifyIdentifyPage *self = (RectifyIdentifyPage *)object;

  G_OBJECT_CLASS (rectify_identify_page_parent_class)->dispose (object);

  g_clear_object (&self->fields);
  g_clear_object (&self->scenarios);
}

static gboolean
rectify_identify_page_show_problems (RectifyPage *page)
{
  RectifyIdentifyPage *self = RECTIFY_IDENTIFY_PAGE (page);
  RectifyCase *rcase = rectify_page_get_case (page);
  GtkWidget *field;

  if (rcase == NULL)
    return FALSE;

  field = rectify_field_group_show_problems (self->fields);
  if (rectify_case_get_scenario (rcase) == RECTIFY_SCENARIO_NONE)
    {
      rectify_page_add_toast (page, adw_toast_new (_("Choose what went wrong")));
      gtk_widget_grab_focus (GTK_WIDGET (self->scenario_list));
      return TRUE;
    }

  if (field != NULL)
    {
      gtk_widget_grab_focus (field);
      return TRUE;
    }

  return FALSE;
}

static void
rectify_identify_page_class_init (RectifyIdentifyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  RectifyPageClass *page_class = RECTIFY_PAGE_CLASS (klass);

  object_class->dispose = rectify_identify_page_dispose;
  page_class->case_changed = rectify_identify_page_case_changed;
  page_class->case_updated = rectify_identify_page_case_updated;
  page_class->show_problems = rectify_identify_page_show_problems;
  rectify_page_class_set_step (page_class, RECTIFY_STEP_IDENTIFY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pages/rectify-identify-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RectifyIdentifyPage, scenario_group);
  gtk_widget_class_bind_template_child (widget_class, RectifyIdentifyPage, self_service_label);
  gtk_widget_class_bind_template_child (widget_class, RectifyIdentifyPage, dates_group);
  gtk_widget_class_bind_template_child (widget_class, RectifyIdentifyPage, scenario_list);
  gtk_widget_class_bind_template_child (widget_class, RectifyIdentifyPage, purchase_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyIdentifyPage, next_billing_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyIdentifyPage, period_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyIdentifyPage, urgency_banner);
  gtk_widget_class_bind_template_callback (widget_class, on_scenario_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_period_selected);
}

static void
rectify_identify_page_init (RectifyIdentifyPage *self)
{
  g_type_ensure (RECTIFY_TYPE_CHOICE_LIST);
  g_type_ensure (RECTIFY_TYPE_DATE_ROW);
  g_type_ensure (RECTIFY_TYPE_URGENCY_BANNER);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->scenarios = rectify_scenario_choices_new ();
  rectify_choice_list_set_model (self->scenario_list, self->scenarios);

  self->fields = rectify_field_group_new ();
  rectify_field_group_add_date (self->fields, GTK_WIDGET (self->purchase_row), "purchase-date");
  rectify_field_group_add_date (self->fields, GTK_WIDGET (self->next_billing_row), "next-billing");
}
