/* rectify-choice-list.c: a list of choices, one Tab stop when only one can be chosen
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rectify-choice-list.h"

/* Shows a model of RectifyChoice (rectify-choice.h) as a boxed list, one
 * row per item with a check button: radio buttons when :exclusive, check
 * boxes otherwise. Each row's title, description, badge, visibility and
 * state follow its item; what the owner changes is said by ::toggled, and
 * the page puts it in the case, whose update brings the model (and so the
 * rows) along.
 *
 * Keyboard, as for any radio group: the group is one Tab stop, which lands
 * on the chosen item (or the first, or the last going backwards, when none
 * is chosen yet), and the arrow keys move the choice within it, round the
 * ends (the list box would otherwise take Up and Down to move between
 * rows). Check boxes are one Tab stop each. The rows themselves never take
 * the focus, so no choice is two stops, the row and its button. */

struct _RectifyChoiceList
{
  GtkWidget   parent_instance;

  GtkListBox *list;
  GListModel *model;
  gboolean    exclusive;
};

G_DEFINE_FINAL_TYPE (RectifyChoiceList, rectify_choice_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_EXCLUSIVE,
  N_PROPS
};

enum {
  TOGGLED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static RectifyChoice *
row_choice (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "rectify-choice");
}

static GtkWidget *
row_check (GtkWidget *row)
{
  return adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));
}

/* The check buttons the keyboard can reach, in order. */
static GPtrArray *
reachable_checks (RectifyChoiceList *self)
{
  GPtrArray *checks = g_ptr_array_new ();

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (ADW_IS_ACTION_ROW (row) && gtk_widget_get_visible (row) &&
          gtk_widget_is_sensitive (row))
        g_ptr_array_add (checks, row_check (row));
    }

  return checks;
}

/* Where the focus goes when it comes into a radio group: the chosen item,
 * else the first (the last, going backwards). */
static GtkWidget *
entry_check (RectifyChoiceList *self,
             GtkDirectionType   direction)
{
  g_autoptr(GPtrArray) checks = reachable_checks (self);

  if (checks->len == 0)
    return NULL;

  for (guint i = 0; i < checks->len; i++)
    if (gtk_check_button_get_active (checks->pdata[i]))
      return checks->pdata[i];

  if (direction == GTK_DIR_TAB_BACKWARD || direction == GTK_DIR_UP ||
      direction == GTK_DIR_LEFT)
    return checks->pdata[checks->len - 1];

  return checks->pdata[0];
}

/* Moves the focus, and the choice with it, @step items on, round the ends. */
static gboolean
move_choice (RectifyChoiceList *self,
             int                step)
{
  g_autoptr(GPtrArray) checks = reachable_checks (self);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  guint index;
  GtkWidget *next;

  if (focus == NULL || !g_ptr_array_find (checks, focus, &index))
    return FALSE;

  next = checks->pdata[(index + checks->len + step) % checks->len];
  gtk_widget_grab_focus (next);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (next), TRUE);

  return TRUE;
}

static gboolean
on_key_pressed (RectifyChoiceList     *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;

  if (!self->exclusive ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK | GDK_SUPER_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      return move_choice (self, -1);
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      return move_choice (self, 1);
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      return move_choice (self, rtl ? 1 : -1);
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      return move_choice (self, rtl ? -1 : 1);
    default:
      return GDK_EVENT_PROPAGATE;
    }
}

/* GTK's grouped check buttons are one stop only once one is active: with
 * none chosen yet, each would be a stop of its own. */
static gboolean
rectify_choice_list_focus (GtkWidget        *widget,
                           GtkDirectionType  direction)
{
  RectifyChoiceList *self = RECTIFY_CHOICE_LIST (widget);
  GtkWidget *target;

  if (!self->exclusive)
    return GTK_WIDGET_CLASS (rectify_choice_list_parent_class)->focus (widget, direction);

  if (gtk_widget_get_focus_child (widget) != NULL)
    {
      switch (direction)
        {
        case GTK_DIR_UP:
        case GTK_DIR_LEFT:
          return move_choice (self, -1);
        case GTK_DIR_DOWN:
        case GTK_DIR_RIGHT:
          return move_choice (self, 1);
        case GTK_DIR_TAB_FORWARD:
        case GTK_DIR_TAB_BACKWARD:
        default:
          /* One stop for the whole group: Tab goes on past it. */
          return FALSE;
        }
    }

  target = entry_check (self, direction);

  return target != NULL && gtk_widget_grab_focus (target);
}

static gboolean
rectify_choice_list_grab_focus (GtkWidget *widget)
{
  RectifyChoiceList *self = RECTIFY_CHOICE_LIST (widget);
  GtkWidget *target = entry_check (self, GTK_DIR_TAB_FORWARD);

  return target != NULL && gtk_widget_grab_focus (target);
}

/* The owner changed a check button; a radio button going off as another
 * comes on says nothing. Changes that only follow the model say nothing
 * either: the item already agrees. */
static void
on_check_toggled (GtkCheckButton    *check,
                  RectifyChoiceList *self)
{
  RectifyChoice *choice = g_object_get_data (G_OBJECT (check), "rectify-choice");
  gboolean active = gtk_check_button_get_active (check);

  if (choice == NULL || active == rectify_choice_get_active (choice) ||
      (self->exclusive && !active))
    return;

  g_signal_emit (self, signals[TOGGLED], 0, choice, active);
}

/* The row's title names the check button (libadwaita labels the row's
 * activatable widget with it); what the row says below the title is its
 * description. */
static void
sync_description (RectifyChoice *choice,
                  GParamSpec    *pspec,
                  GtkWidget     *check)
{
  const char *description = rectify_choice_get_description (choice);

  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description ? description : "",
                                  -1);
}

static gboolean
badge_shown (GBinding     *binding,
             const GValue *from,
             GValue       *to,
             gpointer      user_data)
{
  g_value_set_boolean (to, g_value_get_string (from) != NULL);
  return TRUE;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  RectifyChoiceList *self = user_data;
  RectifyChoice *choice = item;
  GtkWidget *row = adw_action_row_new ();
  /* Radio buttons say so to a screen reader (GTK 4.8 calls every check
   * button a check box). */
  GtkWidget *check = g_object_new (GTK_TYPE_CHECK_BUTTON,
                                   "accessible-role", self->exclusive
                                                        ? GTK_ACCESSIBLE_ROLE_RADIO
                                                        : GTK_ACCESSIBLE_ROLE_CHECKBOX,
                                   NULL);
  GtkWidget *badge = gtk_label_new (NULL);
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->list, 0);

  g_object_set_data_full (G_OBJECT (row), "rectify-choice", g_object_ref (choice),
                          g_object_unref);
  g_object_set_data (G_OBJECT (check), "rectify-choice", choice);

  /* Titles and descriptions are text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  if (self->exclusive && first != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check),
                                GTK_CHECK_BUTTON (row_check (GTK_WIDGET (first))));

  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (badge, "rectify-tag");
  gtk_widget_add_css_class (badge, "accent");
  gtk_widget_add_css_class (badge, "caption");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);

  g_object_bind_property (choice, "title", row, "title", G_BINDING_SYNC_CREATE);
  g_object_bind_property (choice, "description", row, "subtitle", G_BINDING_SYNC_CREATE);
  g_object_bind_property (choice, "applies", row, "visible", G_BINDING_SYNC_CREATE);
  g_object_bind_property (choice, "badge", badge, "label", G_BINDING_SYNC_CREATE);
  g_object_bind_property_full (choice, "badge", badge, "visible", G_BINDING_SYNC_CREATE,
                               badge_shown, NULL, NULL, NULL);
  g_object_bind_property (choice, "active", check, "active", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (choice, "notify::description", G_CALLBACK (sync_description), check,
                           0);
  sync_description (choice, NULL, check);
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_check_toggled), self, 0);

  return row;
}

static void
rebind (RectifyChoiceList *self)
{
  gtk_list_box_bind_model (self->list, self->model, self->model ? create_row : NULL, self, NULL);
}

static void
rectify_choice_list_dispose (GObject *object)
{
  RectifyChoiceList *self = (RectifyChoiceList *)object;

  if (self->list != NULL)
    gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  g_clear_pointer ((GtkWidget **) &self->list, gtk_widget_unparent);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (rectify_choice_list_parent_class)->dispose (object);
}

static void
rectify_choice_list_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RectifyChoiceList *self = RECTIFY_CHOICE_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_EXCLUSIVE:
      g_value_set_boolean (value, self->exclusive);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rectify_choice_list_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RectifyChoiceList *self = RECTIFY_CHOICE_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      rectify_choice_list_set_model (self, g_value_get_object (value));
      break;
    case PROP_EXCLUSIVE:
      self->exclusive = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rectify_choice_list_class_init (RectifyChoiceListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rectify_choice_list_dispose;
  object_class->get_property = rectify_choice_list_get_property;
  object_class->set_property = rectify_choice_list_set_property;
  widget_class->focus = rectify_choice_list_focus;
  widget_class->grab_focus = rectify_choice_list_grab_focus;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Radio buttons, one of which is chosen; set before the model. */
  properties[PROP_EXCLUSIVE] =
    g_param_spec_boolean ("exclusive", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RectifyChoiceList::toggled:
   * @choice: the item
   * @active: chosen or ticked, or not
   *
   * The owner chose @choice, or ticked or unticked it.
   */
  signals[TOGGLED] =
    g_signal_new ("toggled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, RECTIFY_TYPE_CHOICE, G_TYPE_BOOLEAN);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rectify_choice_list_init (RectifyChoiceList *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_set_parent (GTK_WIDGET (self->list), GTK_WIDGET (self));

  /* Before the list box's own Up and Down, which move between rows. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

/**
 * rectify_choice_list_set_model:
 * @self: a #RectifyChoiceList
 * @model: (nullable): a model of #RectifyChoice
 *
 * Shows @model, one row per item.
 */
void
rectify_choice_list_set_model (RectifyChoiceList *self,
                               GListModel        *model)
{
  g_return_if_fail (RECTIFY_IS_CHOICE_LIST (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (!g_set_object (&self->model, model))
    return;

  rebind (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

GListModel *
rectify_choice_list_get_model (RectifyChoiceList *self)
{
  g_return_val_if_fail (RECTIFY_IS_CHOICE_LIST (self), NULL);

  return self->model;
}

gboolean
rectify_choice_list_get_exclusive (RectifyChoiceList *self)
{
  g_return_val_if_fail (RECTIFY_IS_CHOICE_LIST (self), FALSE);

  return self->exclusive;
}

/**
 * rectify_choice_list_get_row:
 * @self: a #RectifyChoiceList
 * @id: an item id
 *
 * Returns: (transfer none) (nullable): the row showing the item @id
 */
GtkWidget *
rectify_choice_list_get_row (RectifyChoiceList *self,
                             const char        *id)
{
  g_return_val_if_fail (RECTIFY_IS_CHOICE_LIST (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      RectifyChoice *choice = ADW_IS_ACTION_ROW (row) ? row_choice (row) : NULL;

      if (choice != NULL && g_strcmp0 (rectify_choice_get_id (choice), id) == 0)
        return row;
    }

  return NULL;
}

/**
 * rectify_choice_list_get_check:
 * @self: a #RectifyChoiceList
 * @id: an item id
 *
 * Returns: (transfer none) (nullable): the check button of the item @id
 */
GtkWidget *
rectify_choice_list_get_check (RectifyChoiceList *self,
                               const char        *id)
{
  GtkWidget *row = rectify_choice_list_get_row (self, id);

  return row != NULL ? row_check (row) : NULL;
}
