/* rectify-window.c: the main window, the flow of one case
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rectify-details-page.h"
#include "rectify-followup-page.h"
#include "rectify-identify-page.h"
#include "rectify-resolution-page.h"
#include "rectify-window.h"

/* The window shows one case through the four pages. It owns no case state:
 * the pages bind to the case, and navigation asks the pages whether they are
 * complete and applicable. */

struct _RectifyWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  RectifyCase          *rcase;

  AdwWindowTitle       *window_title;
  GtkProgressBar       *step_progress;
  GtkStack             *stack;
  RectifyPage          *identify_page;
  RectifyPage          *details_page;
  RectifyPage          *resolution_page;
  RectifyPage          *followup_page;
};

G_DEFINE_FINAL_TYPE (RectifyWindow, rectify_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static RectifyPage *
get_page (RectifyWindow *self,
          guint          index)
{
  RectifyPage *pages[] = {
    self->identify_page,
    self->details_page,
    self->resolution_page,
    self->followup_page,
  };

  return index < G_N_ELEMENTS (pages) ? pages[index] : NULL;
}

static guint
get_current_index (RectifyWindow *self)
{
  GtkWidget *visible = gtk_stack_get_visible_child (self->stack);

  for (guint i = 0; i < RECTIFY_N_STEPS; i++)
    if (GTK_WIDGET (get_page (self, i)) == visible)
      return i;

  return 0;
}

/* The nearest applicable page from @from in direction @delta, or -1. */
static int
find_applicable (RectifyWindow *self,
                 int            from,
                 int            delta)
{
  for (int i = from + delta; i >= 0 && i < RECTIFY_N_STEPS; i += delta)
    if (rectify_page_get_applicable (get_page (self, i)))
      return i;

  return -1;
}

static void
update_navigation (RectifyWindow *self)
{
  guint current = get_current_index (self);
  RectifyPage *page = get_page (self, current);
  g_autofree char *subtitle = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-back",
                                 find_applicable (self, current, -1) >= 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-next",
                                 rectify_page_get_complete (page) &&
                                 find_applicable (self, current, +1) >= 0);

  /* Translators: the step indicator under the window title, e.g. "Step 2 of 4" */
  subtitle = g_strdup_printf (_("Step %u of %u"), current + 1, RECTIFY_N_STEPS);
  adw_window_title_set_title (self->window_title, rectify_page_get_title (page));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_progress_bar_set_fraction (self->step_progress,
                                 (double)(current + 1) / RECTIFY_N_STEPS);
}

static void
go_to (RectifyWindow *self,
       int            index)
{
  if (index < 0)
    return;

  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (get_page (self, index)));
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RectifyWindow *self = RECTIFY_WINDOW (widget);

  go_to (self, find_applicable (self, get_current_index (self), -1));
}

static void
go_next_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RectifyWindow *self = RECTIFY_WINDOW (widget);
  guint current = get_current_index (self);

  /* The action is disabled while the page is incomplete; a shortcut can still
   * race a change, so the model is asked again here. */
  if (!rectify_page_get_complete (get_page (self, current)))
    return;

  go_to (self, find_applicable (self, current, +1));
}

static void
rectify_window_dispose (GObject *object)
{
  RectifyWindow *self = (RectifyWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), RECTIFY_TYPE_WINDOW);

  g_clear_object (&self->rcase);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rectify_window_parent_class)->dispose (object);
}

static void
rectify_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RectifyWindow *self = RECTIFY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CASE:
      g_value_set_object (value, self->rcase);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rectify_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RectifyWindow *self = RECTIFY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CASE:
      rectify_window_set_case (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rectify_window_class_init (RectifyWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rectify_window_dispose;
  object_class->get_property = rectify_window_get_property;
  object_class->set_property = rectify_window_set_property;

  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL,
                         RECTIFY_TYPE_CASE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RECTIFY_TYPE_IDENTIFY_PAGE);
  g_type_ensure (RECTIFY_TYPE_DETAILS_PAGE);
  g_type_ensure (RECTIFY_TYPE_RESOLUTION_PAGE);
  g_type_ensure (RECTIFY_TYPE_FOLLOWUP_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rectify-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RectifyWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, RectifyWindow, step_progress);
  gtk_widget_class_bind_template_child (widget_class, RectifyWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, RectifyWindow, identify_page);
  gtk_widget_class_bind_template_child (widget_class, RectifyWindow, details_page);
  gtk_widget_class_bind_template_child (widget_class, RectifyWindow, resolution_page);
  gtk_widget_class_bind_template_child (widget_class, RectifyWindow, followup_page);
  gtk_widget_class_bind_template_callback (widget_class, update_navigation);

  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "win.go-next", NULL, go_next_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.go-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "win.go-next", NULL);
}

static void
rectify_window_init (RectifyWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  for (guint i = 0; i < RECTIFY_N_STEPS; i++)
    {
      g_signal_connect_object (get_page (self, i), "notify::complete",
                               G_CALLBACK (update_navigation), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (get_page (self, i), "notify::applicable",
                               G_CALLBACK (update_navigation), self, G_CONNECT_SWAPPED);
    }

  self->settings = g_settings_new (SCHEMA_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  update_navigation (self);
}

RectifyWindow *
rectify_window_new (GtkApplication *application)
{
  return g_object_new (RECTIFY_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

RectifyCase *
rectify_window_get_case (RectifyWindow *self)
{
  g_return_val_if_fail (RECTIFY_IS_WINDOW (self), NULL);

  return self->rcase;
}

/**
 * rectify_window_set_case:
 * @self: a #RectifyWindow
 * @rcase: (nullable): the case to show
 *
 * Shows @rcase from its first page.
 */
void
rectify_window_set_case (RectifyWindow *self,
                         RectifyCase   *rcase)
{
  g_return_if_fail (RECTIFY_IS_WINDOW (self));
  g_return_if_fail (!rcase || RECTIFY_IS_CASE (rcase));

  if (!g_set_object (&self->rcase, rcase))
    return;

  for (guint i = 0; i < RECTIFY_N_STEPS; i++)
    rectify_page_set_case (get_page (self, i), rcase);

  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->identify_page));
  update_navigation (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE]);
}

RectifyPage *
rectify_window_get_visible_page (RectifyWindow *self)
{
  g_return_val_if_fail (RECTIFY_IS_WINDOW (self), NULL);

  return get_page (self, get_current_index (self));
}
