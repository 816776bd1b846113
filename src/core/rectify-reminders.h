/* rectify-reminders.h: which reminder a case is due, as pure functions
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rectify-case.h"

G_BEGIN_DECLS

/**
 * RectifyReminder:
 * @RECTIFY_REMINDER_NONE: nothing to remind
 * @RECTIFY_REMINDER_DEADLINE_WEEK: the request is not sent and the next
 *   billing date is three to seven days away
 * @RECTIFY_REMINDER_DEADLINE_SOON: the request is not sent and the next
 *   billing date is two days away or less, the billing day included
 * @RECTIFY_REMINDER_STATEMENT: the request reached support, the statement
 *   that should show the correction is out and is not checked yet
 *
 * The reminders a case can be due.
 */
typedef enum
{
  RECTIFY_REMINDER_NONE,
  RECTIFY_REMINDER_DEADLINE_WEEK,
  RECTIFY_REMINDER_DEADLINE_SOON,
  RECTIFY_REMINDER_STATEMENT,
} RectifyReminder;

RectifyReminder  rectify_reminders_get_due            (RectifyCase        *rcase,
                                                       const GDate        *today,
                                                       GHashTable         *shown);
gboolean         rectify_reminders_get_statement_date (RectifyCase        *rcase,
                                                       GDate              *out_date);
char           **rectify_reminders_add_shown          (const char * const *shown,
                                                       const char * const *keys,
                                                       GListModel         *cases);

const char      *rectify_reminder_get_kind            (RectifyReminder     reminder);
char            *rectify_reminder_dup_key             (RectifyCase        *rcase,
                                                       RectifyReminder     reminder);
char            *rectify_reminder_dup_title           (RectifyCase        *rcase,
                                                       RectifyReminder     reminder,
                                                       const GDate        *today);
char            *rectify_reminder_dup_body            (RectifyCase        *rcase,
                                                       RectifyReminder     reminder,
                                                       const GDate        *today);

G_END_DECLS
