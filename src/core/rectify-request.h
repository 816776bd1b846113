/* rectify-request.h: the request text support receives
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rectify-case.h"

G_BEGIN_DECLS

char *rectify_request_dup_subject       (RectifyCase *rcase);
char *rectify_request_dup_body          (RectifyCase *rcase,
                                         const GDate *today);
char *rectify_request_dup_resolution    (RectifyCase       *rcase,
                                         RectifyResolution  resolution,
                                         const GDate       *today);
char *rectify_request_format_amount     (RectifyCase *rcase,
                                         gint64       minor);
char *rectify_request_dup_mailto        (RectifyCase *rcase,
                                         const char  *address,
                                         const GDate *today);

G_END_DECLS
