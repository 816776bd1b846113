/* rectify-field-group.c: a page's fields, bound to the case, with their problems
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rectify-date-row.h"
#include "rectify-field-group.h"
#include "rectify-format.h"
#include "rectify-message-row.h"

/* Binds a page's fields to the case and shows, beside each field, what the
 * case's validation says about it: the reason goes in a message row right
 * under the field (inside the same boxed list), the field takes the error
 * style, and the reason becomes the field's accessible description so a
 * screen reader announces it.
 *
 * The case is the source of truth: text rows are bound both ways to the
 * case's properties; problems are read from the case after every change.
 * A field's "missing" problem is only shown once the owner has typed in it
 * (or when touch_all is called), so a fresh page is not a wall of red; a
 * problem with something typed shows at once. */

typedef enum
{
  FIELD_TEXT,
  FIELD_DATE,
  FIELD_WIDGET,
} FieldKind;

typedef struct
{
  FieldKind    kind;
  GtkWidget   *widget;
  GtkWidget   *message_row;  /* owned by the list box, may be NULL */
  GtkLabel    *message;
  const char  *field;
  RectifyText  text;
  GBinding    *binding;
  gboolean     touched;
  /* What the desk said about this field when it refused the request;
   * shown until the owner changes the field. */
  char        *rejection;
} Field;

struct _RectifyFieldGroup
{
  GObject      parent_instance;

  RectifyCase *rcase;
  GPtrArray   *fields;
  gboolean     syncing;
};

G_DEFINE_FINAL_TYPE (RectifyFieldGroup, rectify_field_group, G_TYPE_OBJECT)

static void
field_free (gpointer data)
{
  Field *field = data;

  g_clear_pointer (&field->binding, g_binding_unbind);
  g_free (field->rejection);
  g_free (field);
}

/* A row under @row, in the same list, for the message about it. */
static GtkLabel *
add_message_row (GtkWidget  *row,
                 GtkWidget **out_row)
{
  GtkWidget *list = gtk_widget_get_parent (row);
  GtkWidget *message_row;
  GtkWidget *label;

  g_return_val_if_fail (GTK_IS_LIST_BOX (list), NULL);

  label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_add_css_class (label, "caption");

  /* Out of the focus chain: Tab goes on to the next field. */
  message_row = rectify_message_row_new (label);
  gtk_widget_set_visible (message_row, FALSE);
  gtk_widget_add_css_class (message_row, "rectify-message-row");
  gtk_list_box_insert (GTK_LIST_BOX (list), message_row,
                       gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) + 1);

  *out_row = message_row;
  return GTK_LABEL (label);
}

static gboolean
field_has_content (RectifyFieldGroup *self,
                   Field             *field)
{
  switch (field->kind)
    {
    case FIELD_TEXT:
      return *rectify_case_get_text (self->rcase, field->text) != '\0';
    case FIELD_DATE:
      return *gtk_editable_get_text (GTK_EDITABLE (field->widget)) != '\0';
    case FIELD_WIDGET:
    default:
      for (guint i = 0; i < RECTIFY_N_TEXTS; i++)
        if (g_str_equal (rectify_case_text_property (i), field->field))
          return *rectify_case_get_text (self->rcase, i) != '\0';
      if (g_str_equal (field->field, "attachments"))
        return g_list_model_get_n_items (rectify_case_get_attachments (self->rcase)) > 0;
      return field->touched;
    }
}

static void
show_message (Field      *field,
              const char *message,
              gboolean    error,
              gboolean    warning)
{
  if (error)
    gtk_widget_add_css_class (field->widget, "error");
  else
    gtk_widget_remove_css_class (field->widget, "error");

  if (warning)
    gtk_widget_add_css_class (field->widget, "warning");
  else
    gtk_widget_remove_css_class (field->widget, "warning");

  gtk_label_set_label (field->message, message ? message : "");
  if (error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (field->message), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (field->message), "warning");
      gtk_widget_remove_css_class (GTK_WIDGET (field->message), "dim-label");
    }
  else if (warning)
    {
      gtk_widget_add_css_class (GTK_WIDGET (field->message), "warning");
      gtk_widget_remove_css_class (GTK_WIDGET (field->message), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (field->message), "dim-label");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (field->message), "dim-label");
      gtk_widget_remove_css_class (GTK_WIDGET (field->message), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (field->message), "warning");
    }

  gtk_widget_set_visible (field->message_row ? field->message_row : GTK_WIDGET (field->message),
                          message != NULL);

  if (message != NULL && (error || warning))
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (field->widget),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                      -1);
    }
  else
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (field->widget),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }

  gtk_accessible_update_state (GTK_ACCESSIBLE (field->widget),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               error ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static void
refresh_field (RectifyFieldGroup *self,
               Field             *field)
{
  const RectifyProblem *problem;
  g_autofree char *info = NULL;
  g_autofree char *typing_error = NULL;

  if (self->rcase == NULL)
    {
      show_message (field, NULL, FALSE, FALSE);
      return;
    }

  if (field->rejection != NULL)
    {
      show_message (field, field->rejection, TRUE, FALSE);
      return;
    }

  /* A date that does not read as one is the row's own problem, before the
   * case's (which can only say the date is missing). */
  if (field->kind == FIELD_DATE)
    {
      RectifyDateRow *row = RECTIFY_DATE_ROW (field->widget);

      if (rectify_date_row_has_unreadable_text (row))
        {
          g_autofree char *example = rectify_format_date_example ();

          /* Translators: %s is a date as the owner's locale writes it */
          typing_error = g_strdup_printf (_("Type the date like %s, or pick it from the calendar"),
                                          example);
          show_message (field, typing_error, TRUE, FALSE);
          return;
        }
    }

  problem = rectify_case_get_field_problem (self->rcase, field->field);
  if (problem != NULL && (field->touched || field_has_content (self, field)))
    {
      show_message (field, problem->message, !problem->warning, problem->warning);
      return;
    }

  /* A readable date is read back in words, so a day/month mix-up shows. */
  if (field->kind == FIELD_DATE)
    {
      const GDate *date = rectify_date_row_get_date (RECTIFY_DATE_ROW (field->widget));

      if (date != NULL && g_date_valid (date))
        info = rectify_format_date_long (date);
    }

  show_message (field, info, FALSE, FALSE);
}

/**
 * rectify_field_group_refresh:
 * @self: a #RectifyFieldGroup
 *
 * Shows what validation says now; called on every change of the case.
 */
void
rectify_field_group_refresh (RectifyFieldGroup *self)
{
  g_return_if_fail (RECTIFY_IS_FIELD_GROUP (self));

  for (guint i = 0; i < self->fields->len; i++)
    refresh_field (self, g_ptr_array_index (self->fields, i));
}

/* The owner changed @widget: its problems show from now on. */
void
rectify_field_group_touch (RectifyFieldGroup *self,
                           GtkWidget         *widget)
{
  g_return_if_fail (RECTIFY_IS_FIELD_GROUP (self));

  if (self->syncing)
    return;

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (field->widget == widget)
        {
          field->touched = TRUE;
          g_clear_pointer (&field->rejection, g_free);
          refresh_field (self, field);
        }
    }
}

static void
rectify_field_group_dispose (GObject *object)
{
  RectifyFieldGroup *self = (RectifyFieldGroup *)object;

  /* The widgets may be gone already: only let go, show nothing. */
  if (self->rcase != NULL)
    g_signal_handlers_disconnect_by_func (self->rcase, rectify_field_group_refresh, self);
  g_clear_object (&self->rcase);
  g_ptr_array_set_size (self->fields, 0);

  G_OBJECT_CLASS (rectify_field_group_parent_class)->dispose (object);
}

static void
rectify_field_group_finalize (GObject *object)
{
  RectifyFieldGroup *self = (RectifyFieldGroup *)object;

  g_clear_pointer (&self->fields, g_ptr_array_unref);

  G_OBJECT_CLASS (rectify_field_group_parent_class)->finalize (object);
}

static void
rectify_field_group_class_init (RectifyFieldGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rectify_field_group_dispose;
  object_class->finalize = rectify_field_group_finalize;
}

static void
rectify_field_group_init (RectifyFieldGroup *self)
{
  self->fields = g_ptr_array_new_with_free_func (field_free);
}

RectifyFieldGroup *
rectify_field_group_new (void)
{
  return g_object_new (RECTIFY_TYPE_FIELD_GROUP, NULL);
}

static Field *
add_field (RectifyFieldGroup *self,
           FieldKind          kind,
           GtkWidget         *widget,
           const char        *field_name)
{
  Field *field = g_new0 (Field, 1);

  field->kind = kind;
  field->widget = widget;
  field->field = field_name;
  g_ptr_array_add (self->fields, field);

  return field;
}

/**
 * rectify_field_group_add_text:
 * @self: a #RectifyFieldGroup
 * @row: an entry row, already in its preferences group
 * @text: the case field it edits
 *
 * Binds @row to @text both ways and shows @text's problems under it.
 */
void
rectify_field_group_add_text (RectifyFieldGroup *self,
                              AdwEntryRow       *row,
                              RectifyText        text)
{
  Field *field;

  g_return_if_fail (RECTIFY_IS_FIELD_GROUP (self));
  g_return_if_fail (ADW_IS_ENTRY_ROW (row));

  field = add_field (self, FIELD_TEXT, GTK_WIDGET (row), rectify_case_text_property (text));
  field->text = text;
  /* No more than the case keeps (GtkText's own limit is 65,535). */
  if (GTK_IS_TEXT (gtk_editable_get_delegate (GTK_EDITABLE (row))))
    gtk_text_set_max_length (GTK_TEXT (gtk_editable_get_delegate (GTK_EDITABLE (row))),
                             RECTIFY_MAX_TEXT_BYTES);
  field->message = add_message_row (GTK_WIDGET (row), &field->message_row);
  g_signal_connect_object (row, "changed", G_CALLBACK (rectify_field_group_touch), self,
                           G_CONNECT_SWAPPED);
}

/**
 * rectify_field_group_add_date:
 * @self: a #RectifyFieldGroup
 * @date_row: a #RectifyDateRow, already in its preferences group
 * @property: the case's date property it edits
 */
void
rectify_field_group_add_date (RectifyFieldGroup *self,
                              GtkWidget         *date_row,
                              const char        *property)
{
  Field *field;

  g_return_if_fail (RECTIFY_IS_FIELD_GROUP (self));
  g_return_if_fail (RECTIFY_IS_DATE_ROW (date_row));

  field = add_field (self, FIELD_DATE, date_row, property);
  field->message = add_message_row (date_row, &field->message_row);
  g_signal_connect_object (date_row, "changed", G_CALLBACK (rectify_field_group_touch), self,
                           G_CONNECT_SWAPPED);
}

/**
 * rectify_field_group_add_widget:
 * @self: a #RectifyFieldGroup
 * @widget: a widget the page binds itself
 * @message: the label where @field's problems go
 * @field: the case field @widget is about
 *
 * For fields that are not text rows (a choice, a text view, a list): the
 * page binds @widget itself and calls rectify_field_group_touch() on the
 * owner's first change; the group shows @field's problems in @message.
 */
void
rectify_field_group_add_widget (RectifyFieldGroup *self,
                                GtkWidget         *widget,
                                GtkLabel          *message,
                                const char        *field_name)
{
  Field *field;

  g_return_if_fail (RECTIFY_IS_FIELD_GROUP (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (GTK_IS_LABEL (message));

  field = add_field (self, FIELD_WIDGET, widget, field_name);
  field->message = message;
}

/**
 * rectify_field_group_reject:
 * @self: a #RectifyFieldGroup
 * @field: a case property name
 * @message: what the help desk said about it
 *
 * Shows @message under @field until the owner changes it.
 *
 * Returns: whether the group has @field
 */
gboolean
rectify_field_group_reject (RectifyFieldGroup *self,
                            const char        *field_name,
                            const char        *message)
{
  gboolean found = FALSE;

  g_return_val_if_fail (RECTIFY_IS_FIELD_GROUP (self), FALSE);
  g_return_val_if_fail (field_name != NULL && message != NULL, FALSE);

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (g_str_equal (field->field, field_name))
        {
          g_free (field->rejection);
          field->rejection = g_strdup (message);
          refresh_field (self, field);
          found = TRUE;
        }
    }

  return found;
}

/* Shows every field's problems, typed in or not: for when the owner tries
 * to go on from an incomplete page. */
void
rectify_field_group_touch_all (RectifyFieldGroup *self)
{
  g_return_if_fail (RECTIFY_IS_FIELD_GROUP (self));

  for (guint i = 0; i < self->fields->len; i++)
    ((Field *)g_ptr_array_index (self->fields, i))->touched = TRUE;

  rectify_field_group_refresh (self);
}

/**
 * rectify_field_group_show_problems:
 * @self: a #RectifyFieldGroup
 *
 * Shows every field's problem, typed in or not, and returns the first field
 * (in the page's order) with an error.
 *
 * Returns: (transfer none) (nullable): the field to focus, or %NULL
 */
GtkWidget *
rectify_field_group_show_problems (RectifyFieldGroup *self)
{
  g_return_val_if_fail (RECTIFY_IS_FIELD_GROUP (self), NULL);

  rectify_field_group_touch_all (self);
  if (self->rcase == NULL)
    return NULL;

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      const RectifyProblem *problem = rectify_case_get_field_problem (self->rcase, field->field);

      if (problem != NULL && !problem->warning && gtk_widget_get_visible (field->widget))
        return field->widget;
    }

  return NULL;
}

/**
 * rectify_field_group_set_case:
 * @self: a #RectifyFieldGroup
 * @rcase: (nullable): the case to edit
 *
 * Binds every field to @rcase; nothing is touched yet.
 */
void
rectify_field_group_set_case (RectifyFieldGroup *self,
                              RectifyCase       *rcase)
{
  g_return_if_fail (RECTIFY_IS_FIELD_GROUP (self));

  if (self->rcase != NULL)
    g_signal_handlers_disconnect_by_func (self->rcase, rectify_field_group_refresh, self);

  self->syncing = TRUE;

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      g_clear_pointer (&field->binding, g_binding_unbind);
      g_clear_pointer (&field->rejection, g_free);
      field->touched = FALSE;

      if (rcase == NULL)
        continue;

      switch (field->kind)
        {
        case FIELD_TEXT:
          field->binding = g_object_bind_property (rcase, field->field, field->widget, "text",
                                                   G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
          break;
        case FIELD_DATE:
          field->binding = g_object_bind_property (rcase, field->field, field->widget, "date",
                                                   G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
          break;
        case FIELD_WIDGET:
        default:
          break;
        }
    }

  self->syncing = FALSE;

  g_set_object (&self->rcase, rcase);
  if (rcase != NULL)
    g_signal_connect_object (rcase, "changed", G_CALLBACK (rectify_field_group_refresh), self,
                             G_CONNECT_SWAPPED);

  rectify_field_group_refresh (self);
}
