/* rectify-case-status.h: where a case stands and how to find it, for the case list
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rectify-case.h"

G_BEGIN_DECLS

/**
 * RectifyCaseStatus:
 * @RECTIFY_CASE_STATUS_DRAFT: not sent yet; the owner is preparing it
 * @RECTIFY_CASE_STATUS_SENDING: being sent, or waiting to be sent
 * @RECTIFY_CASE_STATUS_SENT: support has it; the follow-up is not done
 * @RECTIFY_CASE_STATUS_ATTENTION: the owner has something to do now: a
 *   send that failed or may not have arrived, a draft whose billing date is
 *   two days away or less, a statement due to be checked
 * @RECTIFY_CASE_STATUS_FINISHED: sent, and every follow-up step ticked
 *
 * Where a case stands, as the case list shows it.
 */
typedef enum
{
  RECTIFY_CASE_STATUS_DRAFT,
  RECTIFY_CASE_STATUS_SENDING,
  RECTIFY_CASE_STATUS_SENT,
  RECTIFY_CASE_STATUS_ATTENTION,
  RECTIFY_CASE_STATUS_FINISHED,
} RectifyCaseStatus;

RectifyCaseStatus  rectify_case_get_status           (RectifyCase       *rcase,
                                                      const GDate       *today,
                                                      const char       **out_label);
const char        *rectify_case_status_get_icon_name (RectifyCaseStatus  status);
char              *rectify_case_dup_list_title       (RectifyCase       *rcase);

char              *rectify_search_fold               (const char        *text);
gboolean           rectify_case_matches_search       (RectifyCase       *rcase,
                                                      const char        *folded_term);

G_END_DECLS
