/* rectify-details-page.h: step 2, provide the details support needs
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rectify-page.h"

G_BEGIN_DECLS

#define RECTIFY_TYPE_DETAILS_PAGE (rectify_details_page_get_type ())

G_DECLARE_FINAL_TYPE (RectifyDetailsPage, rectify_details_page, RECTIFY, DETAILS_PAGE, RectifyPage)

gboolean rectify_details_page_reject (RectifyDetailsPage *self,
                                      const char         *field,
                                      const char         *message);

G_END_DECLS
