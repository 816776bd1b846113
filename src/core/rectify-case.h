/* rectify-case.h: one correction case, the single source of truth
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rectify-attachment.h"
#include "rectify-send-reason.h"
#include "rectify-submission.h"
#include "rectify-types.h"

G_BEGIN_DECLS

/**
 * RectifyText:
 *
 * The fields of a case the owner types. Numbers and amounts are kept as
 * typed, so nothing typed is lost and validation can say what is wrong with
 * it; the parsed values come from the accessors below. Each has a property
 * of the same name in kebab-case (see rectify_case_text_property()).
 */
typedef enum
{
  RECTIFY_TEXT_ACCOUNT,
  RECTIFY_TEXT_OWNER_NAME,
  RECTIFY_TEXT_CONTACT_EMAIL,
  RECTIFY_TEXT_LICENCE_TYPE,
  RECTIFY_TEXT_QUANTITY,
  RECTIFY_TEXT_UNIT_PRICE,
  RECTIFY_TEXT_CURRENCY,
  RECTIFY_TEXT_INTENDED_TYPE,
  RECTIFY_TEXT_ADDED_BY_MISTAKE,
  RECTIFY_TEXT_KEEP_COUNT,
  RECTIFY_TEXT_EXPLANATION,
  RECTIFY_TEXT_STATEMENT_AMOUNT,
  RECTIFY_TEXT_INTENDED_PRICE,
  RECTIFY_TEXT_INVOICE_NUMBER,
  RECTIFY_N_TEXTS
} RectifyText;

/**
 * RectifyProblem:
 * @field: the property the problem is about ("contact-email")
 * @message: why, translated, in words for the owner
 * @warning: %TRUE when the owner may go on regardless
 *
 * One thing validation found.
 */
typedef struct
{
  const char *field;
  char       *message;
  gboolean    warning;
} RectifyProblem;

/* The checklist items, as persisted. */
#define RECTIFY_CHECKLIST_REMOVE_USERS     "remove-users"
#define RECTIFY_CHECKLIST_REMOVE_LICENCES  "remove-licences"
#define RECTIFY_CHECKLIST_CUSTOMER_SUCCESS "customer-success"
#define RECTIFY_CHECKLIST_VERIFY           "verify"
#define RECTIFY_CHECKLIST_CHECK_STATEMENT  "check-statement"

/* Limits of what validation accepts. */
#define RECTIFY_MAX_QUANTITY          10000
#define RECTIFY_MIN_EXPLANATION       20
#define RECTIFY_MAX_EXPLANATION       5000
#define RECTIFY_MAX_NAME              200
#define RECTIFY_MAX_EMAIL             254
#define RECTIFY_MAX_PURCHASE_AGE_DAYS (5 * 366)
#define RECTIFY_MAX_INVOICE_NUMBER    64
/* The most bytes a field keeps of what is typed or pasted; the rest is
 * never copied. Above every field's own limit, so validation says why. */
#define RECTIFY_MAX_TEXT_BYTES        (32 * 1024)

#define RECTIFY_TYPE_CASE (rectify_case_get_type ())

G_DECLARE_FINAL_TYPE (RectifyCase, rectify_case, RECTIFY, CASE, GObject)

RectifyCase           *rectify_case_new                     (void);
const char            *rectify_case_get_reference           (RectifyCase        *self);
GDateTime             *rectify_case_get_created             (RectifyCase        *self);
GDateTime             *rectify_case_get_updated             (RectifyCase        *self);

RectifyScenario        rectify_case_get_scenario            (RectifyCase        *self);
void                   rectify_case_set_scenario            (RectifyCase        *self,
                                                             RectifyScenario     scenario);
const GDate           *rectify_case_get_purchase_date       (RectifyCase        *self);
void                   rectify_case_set_purchase_date       (RectifyCase        *self,
                                                             const GDate        *date);
const GDate           *rectify_case_get_next_billing        (RectifyCase        *self);
void                   rectify_case_set_next_billing        (RectifyCase        *self,
                                                             const GDate        *date);
RectifyPeriod          rectify_case_get_period              (RectifyCase        *self);
void                   rectify_case_set_period              (RectifyCase        *self,
                                                             RectifyPeriod       period);
const GDate           *rectify_case_get_invoice_date        (RectifyCase        *self);
void                   rectify_case_set_invoice_date        (RectifyCase        *self,
                                                             const GDate        *date);
gboolean               rectify_case_get_prices_include_tax  (RectifyCase        *self);
void                   rectify_case_set_prices_include_tax  (RectifyCase        *self,
                                                             gboolean            include_tax);
gboolean               rectify_case_get_price_confirmed     (RectifyCase        *self,
                                                             RectifyText         price);
void                   rectify_case_set_price_confirmed     (RectifyCase        *self,
                                                             RectifyText         price,
                                                             gboolean            confirmed);
gboolean               rectify_case_price_is_implausible    (RectifyCase        *self,
                                                             RectifyText         price,
                                                             gint64             *out_ceiling);

const char            *rectify_case_text_property           (RectifyText         text);
const char            *rectify_case_get_text                (RectifyCase        *self,
                                                             RectifyText         text);
void                   rectify_case_set_text                (RectifyCase        *self,
                                                             RectifyText         text,
                                                             const char         *value);
gboolean               rectify_case_get_count               (RectifyCase        *self,
                                                             RectifyText         text,
                                                             gint64             *out_count);
gboolean               rectify_case_get_unit_price_minor    (RectifyCase        *self,
                                                             gint64             *out_minor);
gboolean               rectify_case_get_intended_minor      (RectifyCase        *self,
                                                             gint64             *out_minor);
gboolean               rectify_case_get_price_difference    (RectifyCase        *self,
                                                             gint64             *out_minor);
gboolean               rectify_case_get_statement_minor     (RectifyCase        *self,
                                                             gint64             *out_minor);
gint64                 rectify_case_get_affected_count      (RectifyCase        *self);

GListModel            *rectify_case_get_attachments         (RectifyCase        *self);
void                   rectify_case_add_attachment          (RectifyCase        *self,
                                                             RectifyAttachment  *attachment);
void                   rectify_case_remove_attachment       (RectifyCase        *self,
                                                             RectifyAttachment  *attachment);

RectifyResolution      rectify_case_get_resolution          (RectifyCase        *self);
void                   rectify_case_set_resolution          (RectifyCase        *self,
                                                             RectifyResolution   resolution);
gboolean               rectify_resolution_applies           (RectifyScenario     scenario,
                                                             RectifyResolution   resolution);
gboolean               rectify_resolution_pays_back         (RectifyResolution   resolution);
gboolean               rectify_case_compute_amount          (RectifyCase        *self,
                                                             RectifyResolution   resolution,
                                                             const GDate        *today,
                                                             gint64             *out_minor,
                                                             GError            **error);

RectifySubmission     *rectify_case_get_submission          (RectifyCase        *self);
RectifySendState       rectify_case_get_send_state          (RectifyCase        *self);
const RectifySendReason *rectify_case_get_send_reason      (RectifyCase        *self);
gint64                 rectify_case_get_request_id          (RectifyCase        *self);
const char            *rectify_case_get_request_url         (RectifyCase        *self);
const char            *rectify_case_get_request_status      (RectifyCase        *self);
guint                  rectify_case_get_send_attempts       (RectifyCase        *self);
GDateTime             *rectify_case_get_last_attempt        (RectifyCase        *self);
gboolean               rectify_case_is_submitted            (RectifyCase        *self);
gboolean               rectify_case_is_locked               (RectifyCase        *self);
const char            *rectify_case_get_sent_subject        (RectifyCase        *self);
const char            *rectify_case_get_sent_body           (RectifyCase        *self);
const char * const    *rectify_case_get_sent_attachments    (RectifyCase        *self);
GDateTime             *rectify_case_get_submitted_at        (RectifyCase        *self);
gboolean               rectify_case_get_expected_minor      (RectifyCase        *self,
                                                             gint64             *out_minor);
gboolean               rectify_case_is_finished             (RectifyCase        *self);
gboolean               rectify_case_is_blank                (RectifyCase        *self);

GStrv                  rectify_case_dup_checklist_items     (RectifyCase        *self);
GDateTime             *rectify_case_get_checklist_done      (RectifyCase        *self,
                                                             const char         *item);
void                   rectify_case_set_checklist_done      (RectifyCase        *self,
                                                             const char         *item,
                                                             gboolean            done);

RectifyStep            rectify_case_get_current_step        (RectifyCase        *self);
void                   rectify_case_set_current_step        (RectifyCase        *self,
                                                             RectifyStep         step);

gboolean               rectify_case_get_step_complete       (RectifyCase        *self,
                                                             RectifyStep         step);
GPtrArray             *rectify_case_get_problems            (RectifyCase        *self,
                                                             RectifyStep         step);
const RectifyProblem  *rectify_case_get_field_problem       (RectifyCase        *self,
                                                             const char         *field);
void                   rectify_case_revalidate              (RectifyCase        *self);

RectifyCase           *rectify_case_duplicate               (RectifyCase        *self);

G_END_DECLS
