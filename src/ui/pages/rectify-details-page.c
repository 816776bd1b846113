/* rectify-details-page.c: step 2, provide the details support needs
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rectify-date-row.h"
#include "rectify-details-page.h"
#include "rectify-launcher.h"
#include "rectify-field-group.h"
#include "rectify-message-row.h"
#include "rectify-provider.h"
#include "rectify-text-columns.h"

/* A value the provider profile lists, chosen in a drop-down whose last
 * item, "Other…", shows an entry for any other value. The case keeps the
 * text either way. */
typedef struct
{
  AdwComboRow        *row;
  AdwEntryRow        *other_row;
  GtkLabel           *message;
  RectifyText         text;
  const char * const *values;
  guint               n_values;
} Choice;

enum
{
  CHOICE_LICENCE_TYPE,
  CHOICE_CURRENCY,
  CHOICE_INTENDED_TYPE,
  N_CHOICES
};

struct _RectifyDetailsPage
{
  RectifyPage        parent_instance;

  RectifyFieldGroup *fields;
  GtkWidget         *account_group;
  GtkWidget         *licences_group;
  GtkWidget         *invoice_group;
  GtkWidget         *happened_group;
  GtkWidget         *attachments_group;
  GCancellable      *cancellable;
  /* Set while the page shows what the case holds, so that showing it is
   * not taken for the owner's change. */
  gboolean           syncing;

  AdwEntryRow       *account_row;
  AdwEntryRow       *owner_row;
  AdwEntryRow       *email_row;
  AdwComboRow       *licence_type_row;
  AdwEntryRow       *licence_type_other_row;
  AdwEntryRow       *quantity_row;
  AdwEntryRow       *unit_price_row;
  AdwActionRow      *unit_price_confirm_row;
  GtkSwitch         *unit_price_confirm_switch;
  AdwComboRow       *currency_row;
  AdwEntryRow       *currency_other_row;
  AdwComboRow       *intended_type_row;
  AdwEntryRow       *intended_type_other_row;
  AdwEntryRow       *intended_price_row;
  AdwActionRow      *intended_price_confirm_row;
  GtkSwitch         *intended_price_confirm_switch;
  AdwEntryRow       *added_row;
  AdwEntryRow       *keep_row;
  AdwComboRow       *tax_row;
  AdwEntryRow       *invoice_number_row;
  RectifyDateRow    *invoice_date_row;
  GBinding          *confirm_bindings[2];
  GtkWidget         *explanation_frame;
  GtkTextView       *explanation_view;
  GtkLabel          *explanation_count;
  GtkLabel          *explanation_message;
  GtkWidget         *add_attachment_button;
  GtkListBox        *attachments_list;
  GtkLabel          *attachments_message;
  Choice             choices[N_CHOICES];
};

G_DEFINE_FINAL_TYPE (RectifyDetailsPage, rectify_details_page, RECTIFY_TYPE_PAGE)

static gboolean
choice_is_other (Choice *choice)
{
  return adw_combo_row_get_selected (choice->row) == choice->n_values;
}

static void
show_other_row (Choice *choice)
{
  gtk_widget_set_visible (GTK_WIDGET (choice->other_row),
                          gtk_widget_get_visible (GTK_WIDGET (choice->row)) &&
                          choice_is_other (choice));
}

static Choice *
find_choice (RectifyDetailsPage *self,
             gpointer            row)
{
  for (guint i = 0; i < N_CHOICES; i++)
    if (self->choices[i].row == row || self->choices[i].other_row == row ||
        self->choices[i].message == row)
      return &self->choices[i];

  g_return_val_if_reached (NULL);
}

/* The case's text shows as the item that says exactly that ("eur" is not
 * "EUR": the case keeps the text as typed, and validation says what is
 * wrong with it), as "Other…" with the text in the entry when no item
 * does, and as nothing chosen when there is no text. While the owner types
 * in the entry, it stays, whatever is typed, until another case is shown
 * (@reload). */
static void
sync_choice (RectifyDetailsPage *self,
             Choice             *choice,
             gboolean            reload)
{
  RectifyCase *rcase = rectify_page_get_case (RECTIFY_PAGE (self));
  const char *text = rcase ? rectify_case_get_text (rcase, choice->text) : "";
  guint selected = *text != '\0' ? choice->n_values : GTK_INVALID_LIST_POSITION;

  if (!reload && choice_is_other (choice) &&
      g_str_equal (text, gtk_editable_get_text (GTK_EDITABLE (choice->other_row))))
    return;

  for (guint i = 0; i < choice->n_values; i++)
    if (g_str_equal (choice->values[i], text))
      selected = i;

  self->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (choice->other_row),
                         selected == choice->n_values ? text : "");
  adw_combo_row_set_selected (choice->row, selected);
  self->syncing = FALSE;

  show_other_row (choice);
}

static void
on_choice_selected (RectifyDetailsPage *self,
                    GParamSpec         *pspec,
                    AdwComboRow        *row)
{
  RectifyCase *rcase = rectify_page_get_case (RECTIFY_PAGE (self));
  Choice *choice = find_choice (self, row);
  guint selected = adw_combo_row_get_selected (row);

  if (self->syncing || rcase == NULL)
    return;

  if (selected == choice->n_values)
    {
      /* Another value than the items: typed from nothing. */
      self->syncing = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (choice->other_row), "");
      self->syncing = FALSE;
      rectify_case_set_text (rcase, choice->text, "");
      show_other_row (choice);
      gtk_widget_grab_focus (GTK_WIDGET (choice->other_row));
      return;
    }

  if (selected < choice->n_values)
    rectify_case_set_text (rcase, choice->text, choice->values[selected]);
  show_other_row (choice);
  rectify_field_group_touch (self->fields, GTK_WIDGET (row));
}

static void
on_other_changed (RectifyDetailsPage *self,
                  AdwEntryRow        *other_row)
{
  RectifyCase *rcase = rectify_page_get_case (RECTIFY_PAGE (self));
  Choice *choice = find_choice (self, other_row);

  if (self->syncing || rcase == NULL || !choice_is_other (choice))
    return;

  rectify_case_set_text (rcase, choice->text, gtk_editable_get_text (GTK_EDITABLE (other_row)));
  rectify_field_group_touch (self->fields, GTK_WIDGET (choice->row));
}

/* Only the scenario's own question is asked. */
static void
sync_scenario (RectifyDetailsPage *self)
{
  RectifyCase *rcase = rectify_page_get_case (RECTIFY_PAGE (self));
  RectifyScenario scenario = rcase ? rectify_case_get_scenario (rcase) : RECTIFY_SCENARIO_NONE;

  gtk_widget_set_visible (GTK_WIDGET (self->intended_type_row),
                          scenario == RECTIFY_SCENARIO_WRONG_TYPE);
  gtk_widget_set_visible (GTK_WIDGET (self->intended_price_row),
                          scenario == RECTIFY_SCENARIO_WRONG_TYPE);
  gtk_widget_set_visible (GTK_WIDGET (self->added_row), scenario == RECTIFY_SCENARIO_UNINTENDED);
  gtk_widget_set_visible (GTK_WIDGET (self->keep_row), scenario == RECTIFY_SCENARIO_TOO_MANY);
  show_other_row (&self->choices[CHOICE_INTENDED_TYPE]);
}

/* "Yes, this price is right" shows under a price far above any licence's,
 * and stays while confirmed, so it can be taken back. */
static void
sync_prices (RectifyDetailsPage *self)
{
  RectifyCase *rcase = rectify_page_get_case (RECTIFY_PAGE (self));
  gboolean wrong_type = rcase && rectify_case_get_scenario (rcase) == RECTIFY_SCENARIO_WRONG_TYPE;
  guint selected = rcase && rectify_case_get_prices_include_tax (rcase) ? 1 : 0;

  gtk_widget_set_visible (GTK_WIDGET (self->unit_price_confirm_row),
                          rcase != NULL &&
                          (rectify_case_price_is_implausible (rcase, RECTIFY_TEXT_UNIT_PRICE, NULL) ||
                           rectify_case_get_price_confirmed (rcase, RECTIFY_TEXT_UNIT_PRICE)));
  gtk_widget_set_visible (GTK_WIDGET (self->intended_price_confirm_row),
                          wrong_type &&
                          (rectify_case_price_is_implausible (rcase, RECTIFY_TEXT_INTENDED_PRICE,
                                                              NULL) ||
                           rectify_case_get_price_confirmed (rcase, RECTIFY_TEXT_INTENDED_PRICE)));

  if (adw_combo_row_get_selected (self->tax_row) != selected)
    adw_combo_row_set_selected (self->tax_row, selected);
}

static void
on_tax_selected (RectifyDetailsPage *self)
{
  RectifyCase *rcase = rectify_page_get_case (RECTIFY_PAGE (self));

  if (rcase != NULL)
    rectify_case_set_prices_include_tax (rcase, adw_combo_row_get_selected (self->tax_row) == 1);
}

static void
sync_explanation (RectifyDetailsPage *self)
{
  RectifyCase *rcase = rectify_page_get_case (RECTIFY_PAGE (self));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->explanation_view);
  const char *text = rcase ? rectify_case_get_text (rcase, RECTIFY_TEXT_EXPLANATION) : "";
  g_autofree char *shown = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *count = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (shown, text) != 0)
    {
      self->syncing = TRUE;
      gtk_text_buffer_set_text (buffer, text, -1);
      self->syncing = FALSE;
    }

  trimmed = g_strstrip (g_strdup (text));
  /* Translators: characters typed of the most allowed, e.g. "120 / 5000" */
  count = g_strdup_printf (_("%ld / %d"), g_utf8_strlen (trimmed, -1), RECTIFY_MAX_EXPLANATION);
  gtk_label_set_label (self->explanation_count, count);
}

/* Megabytes pasted are cut before the buffer (and then the case) copies
 * them: only the first RECTIFY_MAX_TEXT_BYTES go in, cut at a character;
 * the case then says the explanation is too long. */
static void
on_explanation_insert (GtkTextBuffer *buffer,
                       GtkTextIter   *location,
                       const char    *text,
                       int            length,
                       gpointer       user_data)
{
  const char *end;

  if (length >= 0 && length <= RECTIFY_MAX_TEXT_BYTES)
    return;

  /* With length -1, the text may be short after all. */
  end = text;
  while (end - text < RECTIFY_MAX_TEXT_BYTES && *end != '\0')
    end++;
  if (*end == '\0')
    return;
  while (end > text && ((guchar) *end & 0xc0) == 0x80)
    end--;

  g_signal_stop_emission_by_name (buffer, "insert-text");
  gtk_text_buffer_insert (buffer, location, text, end - text);
}

static void
on_explanation_changed (RectifyDetailsPage *self,
                        GtkTextBuffer      *buffer)
{
  RectifyCase *rcase = rectify_page_get_case (RECTIFY_PAGE (self));
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (self->syncing || rcase == NULL)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  rectify_case_set_text (rcase, RECTIFY_TEXT_EXPLANATION, text);
  rectify_field_group_touch (self->fields, self->explanation_frame);
}

/* Attachments. */

static void
check_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  /* The attachment's state says what was found; only cancellation fails. */
  rectify_attachment_check_finish (RECTIFY_ATTACHMENT (object), result, NULL);
}

static char *
describe_attachment (RectifyAttachment *attachment)
{
  g_autofree char *size = NULL;

  switch (rectify_attachment_get_state (attachment))
    {
    case RECTIFY_ATTACHMENT_STATE_UNCHECKED:
      return g_strdup (_("Checking…"));
    case RECTIFY_ATTACHMENT_STATE_MISSING:
      return g_strdup (_("No longer there"));
    case RECTIFY_ATTACHMENT_STATE_UNREADABLE:
      return g_strdup (_("Cannot be read"));
    case RECTIFY_ATTACHMENT_STATE_READY:
    default:
      size = g_format_size (MAX (rectify_attachment_get_size (attachment), 0));
      /* "PDF document", not "application/pdf". */
      if (rectify_attachment_get_content_type (attachment) != NULL)
        {
          g_autofree char *type = NULL;

          type = g_content_type_get_description (rectify_attachment_get_content_type (attachment));
          /* Translators: an attachment's size and kind, e.g. "1.2 MB · PDF document" */
          return g_strdup_printf (_("%s · %s"), size, type);
        }
      return g_steal_pointer (&size);
    }
}

static void
update_attachment_row (AdwActionRow      *row,
                       GParamSpec        *pspec,
                       RectifyAttachment *attachment)
{
  g_autofree char *subtitle = describe_attachment (attachment);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 rectify_attachment_get_display_name (attachment));
  adw_action_row_set_subtitle (row, subtitle);
}

static void
on_remove_attachment (GtkButton          *button,
                      RectifyDetailsPage *self)
{
  RectifyAttachment *attachment = g_object_get_data (G_OBJECT (button), "rectify-attachment");
  RectifyCase *rcase = rectify_page_get_case (RECTIFY_PAGE (self));

  if (rcase != NULL && attachment != NULL)
    rectify_case_remove_attachment (rcase, attachment);
}

static GtkWidget *
create_attachment_row (gpointer item,
                       gpointer user_data)
{
  RectifyDetailsPage *self = user_data;
  RectifyAttachment *attachment = item;
  GtkWidget *row = adw_action_row_new ();
  /* Not a trash can: the file itself stays where it is. */
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  g_autofree char *label = g_strdup_printf (_("Remove “%s” from the request"),
                                            rectify_attachment_get_display_name (attachment));

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (remove), "rectify-attachment",
                          g_object_ref (attachment), g_object_unref);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_attachment), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("mail-attachment-symbolic"));

  g_signal_connect_object (attachment, "notify", G_CALLBACK (update_attachment_row), row,
                           G_CONNECT_SWAPPED);
  update_attachment_row (ADW_ACTION_ROW (row), NULL, attachment);
  /* Made with the case, after the page's own rows were given theirs. */
  rectify_text_columns_prepare (row);

  return row;
}

static void
add_file (RectifyDetailsPage *self,
          RectifyCase        *rcase,
          GFile              *file)
{
  g_autoptr(RectifyAttachment) attachment = rectify_attachment_new (file);

  rectify_case_add_attachment (rcase, attachment);
  rectify_attachment_check_async (attachment, self->cancellable, check_cb, NULL);
}

static void
add_files (RectifyDetailsPage *self,
           GListModel         *files)
{
  RectifyCase *rcase = rectify_page_get_case (RECTIFY_PAGE (self));

  if (rcase == NULL)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);

      add_file (self, rcase, file);
    }

  rectify_field_group_touch (self->fields, GTK_WIDGET (self->attachments_list));
}

/* Files dropped on the page, or pasted into the attachments: the same as
 * choosing them with Add. */
static void
add_file_list (RectifyDetailsPage *self,
               GdkFileList        *list)
{
  RectifyCase *rcase = rectify_page_get_case (RECTIFY_PAGE (self));
  g_autoptr(GSList) files = NULL;

  if (rcase == NULL || list == NULL ||
      !gtk_widget_is_sensitive (self->add_attachment_button))
    return;

  files = gdk_file_list_get_files (list);
  for (GSList *l = files; l != NULL; l = l->next)
    add_file (self, rcase, l->data);

  rectify_field_group_touch (self->fields, GTK_WIDGET (self->attachments_list));
}

static gboolean
on_drop (GtkDropTarget      *target,
         const GValue       *value,
         double              x,
         double              y,
         RectifyDetailsPage *self)
{
  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  add_file_list (self, g_value_get_boxed (value));
  return TRUE;
}

static void
pasted_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(RectifyDetailsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  const GValue *value;

  value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (object), result, &error);
  if (value == NULL)
    {
      g_debug ("Nothing to paste as attachments: %s", error->message);
      return;
    }

  add_file_list (self, g_value_get_boxed (value));
}

static void
paste_attachments_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  RectifyDetailsPage *self = RECTIFY_DETAILS_PAGE (widget);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);

  if (!gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (clipboard),
                                          GDK_TYPE_FILE_LIST))
    return;

  gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT,
                                  self->cancellable, pasted_cb, g_object_ref (self));
}

static void
chosen_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(RectifyDetailsPage) self = user_data;
  g_autoptr(GListModel) files = rectify_choose_attachments_finish (result, NULL);

  if (files != NULL)
    add_files (self, files);
}

static void
add_attachment_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RectifyDetailsPage *self = RECTIFY_DETAILS_PAGE (widget);

  rectify_choose_attachments_async (widget, self->cancellable, chosen_cb, g_object_ref (self));
}

/* From the queue on, what the request says stays as sent. */
static void
rectify_details_page_case_updated (RectifyPage *page)
{
  RectifyDetailsPage *self = RECTIFY_DETAILS_PAGE (page);
  RectifyCase *rcase = rectify_page_get_case (page);
  gboolean locked = rcase != NULL && rectify_case_is_locked (rcase);
  GtkWidget *groups[] = { self->account_group, self->licences_group, self->invoice_group,
                          self->happened_group, self->attachments_group };

  AdwEntryRow *rows[] = {
    self->account_row, self->owner_row, self->email_row, self->licence_type_other_row,
    self->quantity_row, self->unit_price_row, self->currency_other_row,
    self->intended_type_other_row, self->intended_price_row, self->added_row, self->keep_row,
    self->invoice_number_row,
  };

  sync_prices (self);
  for (guint i = 0; i < N_CHOICES; i++)
    sync_choice (self, &self->choices[i], FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    gtk_widget_set_sensitive (groups[i], !locked);
  rectify_page_describe_as_sent (page, ADW_PREFERENCES_GROUP (self->account_group));

  /* Not editable either, for whatever types without the pointer (a screen
   * reader's editable text, an input method). */
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (gtk_editable_get_editable (GTK_EDITABLE (rows[i])) == locked)
      gtk_editable_set_editable (GTK_EDITABLE (rows[i]), !locked);
  gtk_text_view_set_editable (self->explanation_view, !locked);
}

static void
rectify_details_page_case_changed (RectifyPage *page,
                                   RectifyCase *old_case)
{
  RectifyDetailsPage *self = RECTIFY_DETAILS_PAGE (page);
  RectifyCase *rcase = rectify_page_get_case (page);

  if (old_case != NULL)
    {
      g_signal_handlers_disconnect_by_func (old_case, sync_scenario, self);
      g_signal_handlers_disconnect_by_func (old_case, sync_explanation, self);
    }

  for (guint i = 0; i < G_N_ELEMENTS (self->confirm_bindings); i++)
    g_clear_pointer (&self->confirm_bindings[i], g_binding_unbind);
  if (rcase != NULL)
    {
      self->confirm_bindings[0] =
        g_object_bind_property (rcase, "unit-price-confirmed",
                                self->unit_price_confirm_switch, "active",
                                G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
      self->confirm_bindings[1] =
        g_object_bind_property (rcase, "intended-price-confirmed",
                                self->intended_price_confirm_switch, "active",
                                G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
    }

  /* Checks started for the previous case's files are of no use now. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (rcase != NULL)
    {
      GListModel *attachments = rectify_case_get_attachments (rcase);

      g_signal_connect_object (rcase, "notify::scenario",
                               G_CALLBACK (sync_scenario), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (rcase, "notify::explanation",
                               G_CALLBACK (sync_explanation), self, G_CONNECT_SWAPPED);
      gtk_list_box_bind_model (self->attachments_list, attachments,
                               create_attachment_row, self, NULL);

      /* What was true when the case was saved may not be now. */
      for (guint i = 0; i < g_list_model_get_n_items (attachments); i++)
        {
          g_autoptr(RectifyAttachment) attachment = g_list_model_get_item (attachments, i);

          rectify_attachment_check_async (attachment, self->cancellable, check_cb, NULL);
        }
    }
  else
    {
      gtk_list_box_bind_model (self->attachments_list, NULL, NULL, NULL, NULL);
    }

  sync_scenario (self);
  sync_explanation (self);
  for (guint i = 0; i < N_CHOICES; i++)
    sync_choice (self, &self->choices[i], TRUE);
  rectify_field_group_set_case (self->fields, rcase);
  rectify_details_page_case_updated (page);
}

static void
rectify_details_page_dispose (GObject *object)
{
  RectifyDetailsPage *self = (RectifyDetailsPage *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  for (guint i = 0; i < G_N_ELEMENTS (self->confirm_bindings); i++)
    g_clear_pointer (&self->confirm_bindings[i], g_binding_unbind);

  G_OBJECT_CLASS (rectify_details_page_parent_class)->dispose (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->fields);
}

static gboolean
rectify_details_page_show_problems (RectifyPage *page)
{
  RectifyDetailsPage *self = RECTIFY_DETAILS_PAGE (page);
  GtkWidget *field = rectify_field_group_show_problems (self->fields);

  if (field == NULL)
    return FALSE;

  /* A value being typed is put right where it is typed. */
  for (guint i = 0; i < N_CHOICES; i++)
    if (field == GTK_WIDGET (self->choices[i].row) &&
        gtk_widget_get_visible (GTK_WIDGET (self->choices[i].other_row)))
      field = GTK_WIDGET (self->choices[i].other_row);

  gtk_widget_grab_focus (field);
  return TRUE;
}

/* The field group shows the problem on the drop-down; the entry is the
 * same field, so it looks and reads the same, for whoever types there. */
static void
sync_other_problem (RectifyDetailsPage *self,
                    GParamSpec         *pspec,
                    GtkWidget          *widget)
{
  Choice *choice = find_choice (self, widget);
  GtkWidget *row = GTK_WIDGET (choice->row);
  GtkWidget *other_row = GTK_WIDGET (choice->other_row);
  gboolean error = gtk_widget_has_css_class (row, "error");
  gboolean warning = gtk_widget_has_css_class (row, "warning");

  if (error)
    gtk_widget_add_css_class (other_row, "error");
  else
    gtk_widget_remove_css_class (other_row, "error");
  if (warning)
    gtk_widget_add_css_class (other_row, "warning");
  else
    gtk_widget_remove_css_class (other_row, "warning");

  if ((error || warning) && gtk_widget_get_visible (GTK_WIDGET (choice->message)))
    gtk_accessible_update_property (GTK_ACCESSIBLE (other_row),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    gtk_label_get_label (choice->message), -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (other_row),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_accessible_update_state (GTK_ACCESSIBLE (other_row), GTK_ACCESSIBLE_STATE_INVALID,
                               error ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

/* The provider's values and "Other…", nothing chosen yet. The field group
 * knows the drop-down as the field; its message goes under the entry, the
 * last row of the field whether the entry shows or not. */
static void
add_choice (RectifyDetailsPage *self,
            Choice             *choice)
{
  GtkWidget *list = gtk_widget_get_parent (GTK_WIDGET (choice->other_row));
  GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (choice->other_row));
  g_autoptr(GtkStringList) items = gtk_string_list_new (choice->values);
  GtkWidget *message_row;

  g_return_if_fail (GTK_IS_LIST_BOX (list));

  choice->n_values = g_strv_length ((GStrv)choice->values);
  /* Translators: the last item of the list of licence types, or of
   * currencies, for one the list does not have */
  gtk_string_list_append (items, _("Other…"));
  adw_combo_row_set_model (choice->row, G_LIST_MODEL (items));
  adw_combo_row_set_selected (choice->row, GTK_INVALID_LIST_POSITION);

  choice->message = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (choice->message, TRUE);
  gtk_label_set_xalign (choice->message, 0);
  gtk_widget_set_margin_start (GTK_WIDGET (choice->message), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (choice->message), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (choice->message), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (choice->message), 6);
  gtk_widget_add_css_class (GTK_WIDGET (choice->message), "caption");
  gtk_widget_set_visible (GTK_WIDGET (choice->message), FALSE);

  /* The group shows and hides the label; the row goes with it. */
  message_row = rectify_message_row_new (GTK_WIDGET (choice->message));
  gtk_widget_add_css_class (message_row, "rectify-message-row");
  g_object_bind_property (choice->message, "visible", message_row, "visible",
                          G_BINDING_SYNC_CREATE);
  gtk_list_box_insert (GTK_LIST_BOX (list), message_row,
                       gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (choice->other_row)) + 1);

  if (GTK_IS_TEXT (delegate))
    gtk_text_set_max_length (GTK_TEXT (delegate), RECTIFY_MAX_TEXT_BYTES);

  rectify_field_group_add_widget (self->fields, GTK_WIDGET (choice->row), choice->message,
                                  rectify_case_text_property (choice->text));
  g_signal_connect_object (choice->row, "notify::selected", G_CALLBACK (on_choice_selected),
                           self, G_CONNECT_SWAPPED);
  /* The group sets the style, then the message, then shows it. */
  g_signal_connect_object (choice->row, "notify::css-classes", G_CALLBACK (sync_other_problem),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (choice->message, "notify::label", G_CALLBACK (sync_other_problem),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (choice->message, "notify::visible", G_CALLBACK (sync_other_problem),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (choice->other_row, "changed", G_CALLBACK (on_other_changed),
                           self, G_CONNECT_SWAPPED);
}

static void
rectify_details_page_class_init (RectifyDetailsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  RectifyPageClass *page_class = RECTIFY_PAGE_CLASS (klass);

  object_class->dispose = rectify_details_page_dispose;
  page_class->case_changed = rectify_details_page_case_changed;
  page_class->case_updated = rectify_details_page_case_updated;
  page_class->show_problems = rectify_details_page_show_problems;
  rectify_page_class_set_step (page_class, RECTIFY_STEP_DETAILS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pages/rectify-details-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RectifyDetailsPage, account_group);
  gtk_widget_class_bind_template_child (widget_class, RectifyDetailsPage, licences_group);
  gtk_widget_class_bind_template_child (widget_class, RectifyDetailsPage, invoice_group);
  gtk_widget_class_bind_template_child (widget_class, RectifyDetailsPage, happened_group);
  gtk_widget_class_bind_template_child (widget_class, RectifyDetailsPage, account_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyDetailsPage, owner_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyDetailsPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyDetailsPage, licence_type_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyDetailsPage, licence_type_other_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyDetailsPage, quantity_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyDetailsPage, unit_price_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyDetailsPage, currency_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyDetailsPage, currency_other_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyDetailsPage, intended_type_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyDetailsPage,
                                        intended_type_other_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyDetailsPage, added_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyDetailsPage, keep_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyDetailsPage, unit_price_confirm_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyDetailsPage,
                                        unit_price_confirm_switch);
  gtk_widget_class_bind_template_child (widget_class, RectifyDetailsPage, intended_price_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyDetailsPage,
                                        intended_price_confirm_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyDetailsPage,
                                        intended_price_confirm_switch);
  gtk_widget_class_bind_template_child (widget_class, RectifyDetailsPage, tax_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyDetailsPage, invoice_number_row);
  gtk_widget_class_bind_template_child (widget_class, RectifyDetailsPage, invoice_date_row);
  gtk_widget_class_bind_template_callback (widget_class, on_tax_selected);
  gtk_widget_class_bind_template_child (widget_class, RectifyDetailsPage, explanation_frame);
  gtk_widget_class_bind_template_child (widget_class, RectifyDetailsPage, explanation_view);
  gtk_widget_class_bind_template_child (widget_class, RectifyDetailsPage, explanation_count);
  gtk_widget_class_bind_template_child (widget_class, RectifyDetailsPage, explanation_message);
  gtk_widget_class_bind_template_child (widget_class, RectifyDetailsPage, attachments_group);
  gtk_widget_class_bind_template_child (widget_class, RectifyDetailsPage, add_attachment_button);
  gtk_widget_class_bind_template_child (widget_class, RectifyDetailsPage, attachments_list);
  gtk_widget_class_bind_template_child (widget_class, RectifyDetailsPage, attachments_message);

  gtk_widget_class_install_action (widget_class, "page.add-attachment", NULL,
                                   add_attachment_action);
  gtk_widget_class_install_action (widget_class, "page.paste-attachments", NULL,
                                   paste_attachments_action);
}

static void
rectify_details_page_init (RectifyDetailsPage *self)
{
  RectifyProvider *provider = rectify_provider_get_default ();
  const struct {
    AdwEntryRow **row;
    RectifyText   text;
  } text_rows[] = {
    /* In the page's order, the first problem is the one focused; a %NULL
     * row is one of the choices. */
    { &self->account_row, RECTIFY_TEXT_ACCOUNT },
    { &self->owner_row, RECTIFY_TEXT_OWNER_NAME },
    { &self->email_row, RECTIFY_TEXT_CONTACT_EMAIL },
    { NULL, RECTIFY_TEXT_LICENCE_TYPE },
    { &self->quantity_row, RECTIFY_TEXT_QUANTITY },
    { &self->unit_price_row, RECTIFY_TEXT_UNIT_PRICE },
    { NULL, RECTIFY_TEXT_CURRENCY },
    { NULL, RECTIFY_TEXT_INTENDED_TYPE },
    { &self->added_row, RECTIFY_TEXT_ADDED_BY_MISTAKE },
    { &self->keep_row, RECTIFY_TEXT_KEEP_COUNT },
    { &self->intended_price_row, RECTIFY_TEXT_INTENDED_PRICE },
    { &self->invoice_number_row, RECTIFY_TEXT_INVOICE_NUMBER },
  };
  GtkDropTarget *drop;
  GtkEventController *paste;
  GtkWidget *placeholder;

  g_type_ensure (RECTIFY_TYPE_DATE_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->fields = rectify_field_group_new ();
  self->choices[CHOICE_LICENCE_TYPE] = (Choice) {
    .row = self->licence_type_row, .other_row = self->licence_type_other_row,
    .text = RECTIFY_TEXT_LICENCE_TYPE, .values = rectify_provider_get_licence_types (provider),
  };
  self->choices[CHOICE_CURRENCY] = (Choice) {
    .row = self->currency_row, .other_row = self->currency_other_row,
    .text = RECTIFY_TEXT_CURRENCY, .values = rectify_provider_get_currencies (provider),
  };
  self->choices[CHOICE_INTENDED_TYPE] = (Choice) {
    .row = self->intended_type_row, .other_row = self->intended_type_other_row,
    .text = RECTIFY_TEXT_INTENDED_TYPE, .values = rectify_provider_get_licence_types (provider),
  };
  for (guint i = 0; i < G_N_ELEMENTS (text_rows); i++)
    {
      if (text_rows[i].row != NULL)
        {
          rectify_field_group_add_text (self->fields, *text_rows[i].row, text_rows[i].text);
          continue;
        }

      for (guint j = 0; j < N_CHOICES; j++)
        if (self->choices[j].text == text_rows[i].text)
          add_choice (self, &self->choices[j]);
    }
  rectify_field_group_add_date (self->fields, GTK_WIDGET (self->invoice_date_row), "invoice-date");
  rectify_field_group_add_widget (self->fields, self->explanation_frame,
                                  self->explanation_message, "explanation");
  rectify_field_group_add_widget (self->fields, GTK_WIDGET (self->attachments_list),
                                  self->attachments_message, "attachments");

  g_signal_connect_object (gtk_text_view_get_buffer (self->explanation_view), "changed",
                           G_CALLBACK (on_explanation_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect (gtk_text_view_get_buffer (self->explanation_view), "insert-text",
                    G_CALLBACK (on_explanation_insert), NULL);

  placeholder = gtk_label_new (_("No attachments"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->attachments_list, placeholder);

  /* Files dropped anywhere on the page are attached. Ctrl+V pastes copied
   * files while the focus is on the attachments (elsewhere it pastes text
   * into the field). */
  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  paste = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (paste),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_v,
                                                                                  GDK_CONTROL_MASK),
                                                          gtk_named_action_new (
                                                            "page.paste-attachments")));
  gtk_widget_add_controller (self->attachments_group, paste);
}

/**
 * rectify_details_page_reject:
 * @self: a #RectifyDetailsPage
 * @field: a case property name
 * @message: what the help desk said about it
 *
 * Shows @message under @field until the owner changes it.
 *
 * Returns: whether the page has @field
 */
gboolean
rectify_details_page_reject (RectifyDetailsPage *self,
                             const char         *field,
                             const char         *message)
{
  g_return_val_if_fail (RECTIFY_IS_DETAILS_PAGE (self), FALSE);

  return rectify_field_group_reject (self->fields, field, message);
}
