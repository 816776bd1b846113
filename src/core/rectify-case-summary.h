/* rectify-case-summary.h: a case on paper: what was asked, the money, the follow-up
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rectify-case.h"

G_BEGIN_DECLS

char *rectify_case_summary_dup_title (RectifyCase *rcase);
char *rectify_case_summary_dup_text  (RectifyCase *rcase,
                                      const GDate *today);

G_END_DECLS
