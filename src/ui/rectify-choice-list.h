/* rectify-choice-list.h: a list of choices, one Tab stop when only one can be chosen
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rectify-choice.h"

G_BEGIN_DECLS

#define RECTIFY_TYPE_CHOICE_LIST (rectify_choice_list_get_type ())

G_DECLARE_FINAL_TYPE (RectifyChoiceList, rectify_choice_list, RECTIFY, CHOICE_LIST, GtkWidget)

void        rectify_choice_list_set_model     (RectifyChoiceList *self,
                                               GListModel        *model);
GListModel *rectify_choice_list_get_model     (RectifyChoiceList *self);
gboolean    rectify_choice_list_get_exclusive (RectifyChoiceList *self);
GtkWidget  *rectify_choice_list_get_check     (RectifyChoiceList *self,
                                               const char        *id);
GtkWidget  *rectify_choice_list_get_row       (RectifyChoiceList *self,
                                               const char        *id);

G_END_DECLS
