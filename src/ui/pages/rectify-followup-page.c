/* rectify-followup-page.c: step 4, follow up until the statement shows the fix
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rectify-followup-page.h"

struct _RectifyFollowupPage
{
  RectifyPage parent_instance;
};

G_DEFINE_FINAL_TYPE (RectifyFollowupPage, rectify_followup_page, RECTIFY_TYPE_PAGE)

static void
rectify_followup_page_class_init (RectifyFollowupPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  rectify_page_class_set_step (RECTIFY_PAGE_CLASS (klass), RECTIFY_STEP_FOLLOW_UP);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pages/rectify-followup-page.ui");
}

static void
rectify_followup_page_init (RectifyFollowupPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
