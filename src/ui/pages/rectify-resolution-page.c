/* rectify-resolution-page.c: step 3, choose the resolution and send
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rectify-resolution-page.h"

struct _RectifyResolutionPage
{
  RectifyPage parent_instance;
};

G_DEFINE_FINAL_TYPE (RectifyResolutionPage, rectify_resolution_page, RECTIFY_TYPE_PAGE)

static void
rectify_resolution_page_class_init (RectifyResolutionPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  rectify_page_class_set_step (RECTIFY_PAGE_CLASS (klass), RECTIFY_STEP_RESOLUTION);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pages/rectify-resolution-page.ui");
}

static void
rectify_resolution_page_init (RectifyResolutionPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
