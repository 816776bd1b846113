/* rectify-types.h: enums and forward declarations shared across the core
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * RectifyScenario:
 * @RECTIFY_SCENARIO_NONE: the owner has not said yet
 * @RECTIFY_SCENARIO_WRONG_TYPE: a licence of the wrong type was bought
 * @RECTIFY_SCENARIO_UNINTENDED: extra licences were added unintentionally
 * @RECTIFY_SCENARIO_TOO_MANY: more licences were bought than needed
 *
 * The kind of purchase mistake a case is about, as the help-centre
 * article lists them.
 */
typedef enum
{
  RECTIFY_SCENARIO_NONE,
  RECTIFY_SCENARIO_WRONG_TYPE,
  RECTIFY_SCENARIO_UNINTENDED,
  RECTIFY_SCENARIO_TOO_MANY,
} RectifyScenario;

/**
 * RectifyStep:
 *
 * The four steps of the guided flow, in order.
 */
typedef enum
{
  RECTIFY_STEP_IDENTIFY,
  RECTIFY_STEP_DETAILS,
  RECTIFY_STEP_RESOLUTION,
  RECTIFY_STEP_FOLLOW_UP,
} RectifyStep;

/**
 * RectifyAttachmentState:
 * @RECTIFY_ATTACHMENT_STATE_UNCHECKED: not looked at yet
 * @RECTIFY_ATTACHMENT_STATE_READY: the file is there and readable
 * @RECTIFY_ATTACHMENT_STATE_MISSING: the file is gone
 * @RECTIFY_ATTACHMENT_STATE_UNREADABLE: the file cannot be read
 *
 * What the last look at an attached file found.
 */
typedef enum
{
  RECTIFY_ATTACHMENT_STATE_UNCHECKED,
  RECTIFY_ATTACHMENT_STATE_READY,
  RECTIFY_ATTACHMENT_STATE_MISSING,
  RECTIFY_ATTACHMENT_STATE_UNREADABLE,
} RectifyAttachmentState;

/**
 * RectifySendState:
 * @RECTIFY_SEND_STATE_DRAFT: not sent; the owner is still preparing it
 * @RECTIFY_SEND_STATE_QUEUED: to be sent as soon as possible (waiting for
 *   the network or for a retry)
 * @RECTIFY_SEND_STATE_UPLOADING: attachments are being uploaded
 * @RECTIFY_SEND_STATE_CREATING: the request is being created on the desk
 * @RECTIFY_SEND_STATE_SENT: Rectify sent it and the desk has it; the request
 *   number is 0 while the owner has not typed it (after "It arrived")
 * @RECTIFY_SEND_STATE_FAILED: sending stopped; the reason is kept
 * @RECTIFY_SEND_STATE_NEEDS_CONFIRMATION: the request may or may not have
 *   reached the desk; resending could duplicate it
 * @RECTIFY_SEND_STATE_SENT_ELSEWHERE: the owner sent it another way
 *   (e-mail, the help centre) and said so
 *
 * Where a case is in the outbox.
 */
typedef enum
{
  RECTIFY_SEND_STATE_DRAFT,
  RECTIFY_SEND_STATE_QUEUED,
  RECTIFY_SEND_STATE_UPLOADING,
  RECTIFY_SEND_STATE_CREATING,
  RECTIFY_SEND_STATE_SENT,
  RECTIFY_SEND_STATE_FAILED,
  RECTIFY_SEND_STATE_NEEDS_CONFIRMATION,
  RECTIFY_SEND_STATE_SENT_ELSEWHERE,
} RectifySendState;

/**
 * RectifySendReasonCode:
 * @RECTIFY_SEND_REASON_NONE: nothing to say
 * @RECTIFY_SEND_REASON_WAITING_SETTINGS: queued until the help desk is set up
 * @RECTIFY_SEND_REASON_WAITING_NETWORK: queued until there is a connection
 * @RECTIFY_SEND_REASON_CHECKING: looking up whether an earlier send arrived
 * @RECTIFY_SEND_REASON_RETRYING: the desk said "later", or could not be
 *   reached; tried again after the delay (detail: what happened)
 * @RECTIFY_SEND_REASON_LOOKUP_RETRYING: the look-up could not be made yet;
 *   tried again after the delay (detail: what happened)
 * @RECTIFY_SEND_REASON_ACCEPTED_UNREADABLE: the desk accepted the request,
 *   its answer could not be read, so the number is not known
 * @RECTIFY_SEND_REASON_ANSWER_NOT_DESK: what answered the create (status) was
 *   not the desk's answer (a captive portal, a proxy): it may have arrived
 * @RECTIFY_SEND_REASON_DESK_FAILED_AFTER: the desk failed (status) after
 *   receiving the request; it may exist
 * @RECTIFY_SEND_REASON_CONNECTION_LOST: the connection was lost after the
 *   request went out
 * @RECTIFY_SEND_REASON_STOPPED_WHILE_SENDING: Rectify stopped while the
 *   request was out
 * @RECTIFY_SEND_REASON_LOOKUP_FAILED: what @cause says, and the look-up
 *   failed (detail: why)
 * @RECTIFY_SEND_REASON_SENT_TWICE_UNLISTED: sent twice without an answer,
 *   and the desk does not list it
 * @RECTIFY_SEND_REASON_NOT_SAVED: the case could not be saved before the
 *   create, so nothing was sent (detail: why)
 * @RECTIFY_SEND_REASON_FILE_UNREADABLE: a file could not be read while it
 *   was uploaded (file, detail)
 * @RECTIFY_SEND_REASON_FILE_MISSING: a file is no longer there (file)
 * @RECTIFY_SEND_REASON_FILE_CANNOT_OPEN: a file cannot be opened (file)
 * @RECTIFY_SEND_REASON_SIGN_IN_NEEDED: the desk takes no anonymous requests
 * @RECTIFY_SEND_REASON_SIGN_IN_REFUSED: the desk refused the sign-in
 * @RECTIFY_SEND_REASON_ACCESS_REFUSED: signed in, but refused access
 * @RECTIFY_SEND_REASON_REJECTED: the desk refused the request (detail: the
 *   desk's own words)
 * @RECTIFY_SEND_REASON_UPLOADS_REFUSED: the desk refused the attached files'
 *   upload twice (detail: what it said); nothing to correct, the next Send
 *   uploads them afresh
 * @RECTIFY_SEND_REASON_REJECTED_FIELDS: the desk refused some details, which
 *   are marked beside their fields
 * @RECTIFY_SEND_REASON_INCOMPLETE: a step is no longer complete (the case's
 *   validation says what)
 * @RECTIFY_SEND_REASON_OTHER: another failure (detail: what it was)
 * @RECTIFY_SEND_REASON_LEGACY: a sentence from a case file written before
 *   reasons had codes (detail)
 *
 * Why a case is where it is in the outbox, as a code the UI words in the
 * owner's language; see #RectifySendReason.
 */
typedef enum
{
  RECTIFY_SEND_REASON_NONE,
  RECTIFY_SEND_REASON_WAITING_SETTINGS,
  RECTIFY_SEND_REASON_WAITING_NETWORK,
  RECTIFY_SEND_REASON_CHECKING,
  RECTIFY_SEND_REASON_RETRYING,
  RECTIFY_SEND_REASON_LOOKUP_RETRYING,
  RECTIFY_SEND_REASON_ACCEPTED_UNREADABLE,
  RECTIFY_SEND_REASON_DESK_FAILED_AFTER,
  RECTIFY_SEND_REASON_ANSWER_NOT_DESK,
  RECTIFY_SEND_REASON_CONNECTION_LOST,
  RECTIFY_SEND_REASON_STOPPED_WHILE_SENDING,
  RECTIFY_SEND_REASON_LOOKUP_FAILED,
  RECTIFY_SEND_REASON_SENT_TWICE_UNLISTED,
  RECTIFY_SEND_REASON_NOT_SAVED,
  RECTIFY_SEND_REASON_FILE_UNREADABLE,
  RECTIFY_SEND_REASON_FILE_MISSING,
  RECTIFY_SEND_REASON_FILE_CANNOT_OPEN,
  RECTIFY_SEND_REASON_SIGN_IN_NEEDED,
  RECTIFY_SEND_REASON_SIGN_IN_REFUSED,
  RECTIFY_SEND_REASON_ACCESS_REFUSED,
  RECTIFY_SEND_REASON_REJECTED,
  RECTIFY_SEND_REASON_REJECTED_FIELDS,
  RECTIFY_SEND_REASON_UPLOADS_REFUSED,
  RECTIFY_SEND_REASON_INCOMPLETE,
  RECTIFY_SEND_REASON_OTHER,
  RECTIFY_SEND_REASON_LEGACY,
} RectifySendReasonCode;

/**
 * RectifyPeriod:
 * @RECTIFY_PERIOD_MONTHLY: billed every calendar month
 * @RECTIFY_PERIOD_ANNUAL: billed every calendar year
 *
 * How often the licences are billed: the length of one billing cycle.
 */
typedef enum
{
  RECTIFY_PERIOD_MONTHLY,
  RECTIFY_PERIOD_ANNUAL,
} RectifyPeriod;

/**
 * RectifyUrgency:
 * @RECTIFY_URGENCY_CALM: more than a week before the next billing date
 * @RECTIFY_URGENCY_SOON: three to seven days left
 * @RECTIFY_URGENCY_URGENT: two days or less left, the billing day included
 * @RECTIFY_URGENCY_PASSED: the next billing date has passed
 *
 * How pressing it is to ask for the correction before the next billing
 * cycle starts; see rectify_billing_urgency().
 */
typedef enum
{
  RECTIFY_URGENCY_CALM,
  RECTIFY_URGENCY_SOON,
  RECTIFY_URGENCY_URGENT,
  RECTIFY_URGENCY_PASSED,
} RectifyUrgency;

/**
 * RectifyResolution:
 * @RECTIFY_RESOLUTION_NONE: the owner has not chosen yet
 * @RECTIFY_RESOLUTION_REMOVE: remove the licences, so the next statements
 *   are lower
 * @RECTIFY_RESOLUTION_REFUND: refund what was charged for the affected
 *   licences
 * @RECTIFY_RESOLUTION_CREDIT: the same amount as a credit on the account
 * @RECTIFY_RESOLUTION_PRORATED: a prorated discount for the unused part of
 *   the billing cycle
 * @RECTIFY_RESOLUTION_SCHEDULED: a refund or credit applied on the next
 *   billing cycle, where immediate processing is not possible
 *
 * What the owner asks support to do about the affected licences, as the
 * help-centre article lists the options.
 */
typedef enum
{
  RECTIFY_RESOLUTION_NONE,
  RECTIFY_RESOLUTION_REMOVE,
  RECTIFY_RESOLUTION_REFUND,
  RECTIFY_RESOLUTION_CREDIT,
  RECTIFY_RESOLUTION_PRORATED,
  RECTIFY_RESOLUTION_SCHEDULED,
} RectifyResolution;

#define RECTIFY_N_STEPS 4

typedef struct _RectifyCase RectifyCase;

G_END_DECLS
