/* rectify-field-group.h: a page's fields, bound to the case, with their problems
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rectify-case.h"

G_BEGIN_DECLS

#define RECTIFY_TYPE_FIELD_GROUP (rectify_field_group_get_type ())

G_DECLARE_FINAL_TYPE (RectifyFieldGroup, rectify_field_group, RECTIFY, FIELD_GROUP, GObject)

RectifyFieldGroup *rectify_field_group_new          (void);
void               rectify_field_group_add_text     (RectifyFieldGroup *self,
                                                     AdwEntryRow       *row,
                                                     RectifyText        text);
void               rectify_field_group_add_date     (RectifyFieldGroup *self,
                                                     GtkWidget         *date_row,
                                                     const char        *property);
void               rectify_field_group_add_widget   (RectifyFieldGroup *self,
                                                     GtkWidget         *widget,
                                                     GtkLabel          *message,
                                                     const char        *field);
void               rectify_field_group_set_case     (RectifyFieldGroup *self,
                                                     RectifyCase       *rcase);
void               rectify_field_group_refresh      (RectifyFieldGroup *self);
void               rectify_field_group_touch        (RectifyFieldGroup *self,
                                                     GtkWidget         *widget);
void               rectify_field_group_touch_all    (RectifyFieldGroup *self);
GtkWidget         *rectify_field_group_show_problems (RectifyFieldGroup *self);
gboolean           rectify_field_group_reject       (RectifyFieldGroup *self,
                                                     const char        *field,
                                                     const char        *message);

G_END_DECLS
