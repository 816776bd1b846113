/* rectify-welcome.c: what to have at hand before the first case
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rectify-welcome.h"

/* Shown in the sidebar while there is no case yet but the untouched new
 * one: the papers the steps ask for, and Start (win.new-case). Made
 * only then, so a start with cases never builds it. */

struct _RectifyWelcome
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (RectifyWelcome, rectify_welcome, ADW_TYPE_BIN)

static void
rectify_welcome_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RECTIFY_TYPE_WELCOME);

  G_OBJECT_CLASS (rectify_welcome_parent_class)->dispose (object);
}

static void
rectify_welcome_class_init (RectifyWelcomeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rectify_welcome_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rectify-welcome.ui");
}

static void
rectify_welcome_init (RectifyWelcome *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rectify_welcome_new (void)
{
  return g_object_new (RECTIFY_TYPE_WELCOME, NULL);
}
