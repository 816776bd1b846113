/* rectify-details-page.c: step 2, provide the details support needs
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rectify-details-page.h"

struct _RectifyDetailsPage
{
  RectifyPage parent_instance;
};

G_DEFINE_FINAL_TYPE (RectifyDetailsPage, rectify_details_page, RECTIFY_TYPE_PAGE)

static void
rectify_details_page_class_init (RectifyDetailsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  rectify_page_class_set_step (RECTIFY_PAGE_CLASS (klass), RECTIFY_STEP_DETAILS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pages/rectify-details-page.ui");
}

static void
rectify_details_page_init (RectifyDetailsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
