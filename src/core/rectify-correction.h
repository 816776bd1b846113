/* rectify-correction.h: a change to a request support has already
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rectify-case.h"

G_BEGIN_DECLS

char *rectify_correction_dup_subject (RectifyCase *rcase);
char *rectify_correction_dup_body    (RectifyCase *rcase,
                                      const char  *change);
char *rectify_correction_dup_mailto  (RectifyCase *rcase,
                                      const char  *address,
                                      const char  *change);

G_END_DECLS
