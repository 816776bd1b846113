/* rectify-submission.c: a case's send record, for anyone to read
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where the case is in the outbox and why (a reason code), the request on
 * the desk (number, link, status), the sends whose outcome is not known,
 * when it reached support and what the statement should then show, and
 * the snapshot of what went out. Anyone reads it, through the getters and
 * notify; the outbox and the case file write it through
 * rectify-submission-private.h, by way of its case, which adds what needs
 * the case (the amount to expect) and saves.
 */

#include "config.h"

#include "rectify-core-enums.h"
#include "rectify-submission-private.h"

struct _RectifySubmission
{
  GObject             parent_instance;

  RectifySendState    state;
  RectifySendReason  *reason;
  gint64              request_id;
  char               *request_url;
  char               *request_status;
  guint               attempts;
  GDateTime          *last_attempt;
  GDateTime          *submitted_at;
  gint64              expected_minor;
  char               *sent_subject;
  char               *sent_body;
  char              **sent_attachments;
  gint64              last_reply_id;
};

G_DEFINE_FINAL_TYPE (RectifySubmission, rectify_submission, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_REASON,
  PROP_REQUEST_ID,
  PROP_REQUEST_URL,
  PROP_REQUEST_STATUS,
  PROP_ATTEMPTS,
  PROP_SUBMITTED_AT,
  PROP_SENT_SUBJECT,
  PROP_SENT_BODY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rectify_submission_finalize (GObject *object)
{
  RectifySubmission *self = (RectifySubmission *)object;

  g_clear_pointer (&self->reason, rectify_send_reason_free);
  g_clear_pointer (&self->request_url, g_free);
  g_clear_pointer (&self->request_status, g_free);
  g_clear_pointer (&self->last_attempt, g_date_time_unref);
  g_clear_pointer (&self->submitted_at, g_date_time_unref);
  g_clear_pointer (&self->sent_subject, g_free);
  g_clear_pointer (&self->sent_body, g_free);
  g_clear_pointer (&self->sent_attachments, g_strfreev);

  G_OBJECT_CLASS (rectify_submission_parent_class)->finalize (object);
}

static void
rectify_submission_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RectifySubmission *self = RECTIFY_SUBMISSION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_REASON:
      g_value_set_boxed (value, self->reason);
      break;

    case PROP_REQUEST_ID:
      g_value_set_int64 (value, self->request_id);
      break;

    case PROP_REQUEST_URL:
      g_value_set_string (value, self->request_url);
      break;

    case PROP_REQUEST_STATUS:
      g_value_set_string (value, self->request_status);
      break;

    case PROP_ATTEMPTS:
      g_value_set_uint (value, self->attempts);
      break;

    case PROP_SUBMITTED_AT:
      g_value_set_boxed (value, self->submitted_at);
      break;

    case PROP_SENT_SUBJECT:
      g_value_set_string (value, self->sent_subject);
      break;

    case PROP_SENT_BODY:
      g_value_set_string (value, self->sent_body);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rectify_submission_class_init (RectifySubmissionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags readable = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = rectify_submission_finalize;
  object_class->get_property = rectify_submission_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       RECTIFY_TYPE_SEND_STATE, RECTIFY_SEND_STATE_DRAFT, readable);
  properties[PROP_REASON] =
    g_param_spec_boxed ("reason", NULL, NULL, RECTIFY_TYPE_SEND_REASON, readable);
  properties[PROP_REQUEST_ID] =
    g_param_spec_int64 ("request-id", NULL, NULL, 0, G_MAXINT64, 0, readable);
  properties[PROP_REQUEST_URL] =
    g_param_spec_string ("request-url", NULL, NULL, NULL, readable);
  properties[PROP_REQUEST_STATUS] =
    g_param_spec_string ("request-status", NULL, NULL, NULL, readable);
  properties[PROP_ATTEMPTS] =
    g_param_spec_uint ("attempts", NULL, NULL, 0, G_MAXUINT, 0, readable);
  properties[PROP_SUBMITTED_AT] =
    g_param_spec_boxed ("submitted-at", NULL, NULL, G_TYPE_DATE_TIME, readable);
  properties[PROP_SENT_SUBJECT] =
    g_param_spec_string ("sent-subject", NULL, NULL, NULL, readable);
  properties[PROP_SENT_BODY] =
    g_param_spec_string ("sent-body", NULL, NULL, NULL, readable);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rectify_submission_init (RectifySubmission *self)
{
  self->expected_minor = -1;
}

/* Writing: for the case, on behalf of the outbox and the case file */

RectifySubmission *
rectify_submission_new (void)
{
  return g_object_new (RECTIFY_TYPE_SUBMISSION, NULL);
}

static gboolean
set_string (RectifySubmission  *self,
            char              **field,
            const char         *value,
            int                 prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  return TRUE;
}

static gboolean
set_datetime (GDateTime **field,
              GDateTime  *value)
{
  if (value == NULL ? *field == NULL : *field != NULL && g_date_time_equal (*field, value))
    return FALSE;

  g_clear_pointer (field, g_date_time_unref);
  if (value != NULL)
    *field = g_date_time_ref (value);
  return TRUE;
}

/* Returns which changed: RECTIFY_SUBMISSION_STATE_CHANGED, _REASON_CHANGED. */
guint
rectify_submission_set_state (RectifySubmission       *self,
                              RectifySendState         state,
                              const RectifySendReason *reason)
{
  guint changed = 0;

  g_return_val_if_fail (RECTIFY_IS_SUBMISSION (self), 0);

  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
      changed |= RECTIFY_SUBMISSION_STATE_CHANGED;
    }

  if (!rectify_send_reason_equal (self->reason, reason) &&
      !(self->reason == NULL && reason != NULL && reason->code == RECTIFY_SEND_REASON_NONE))
    {
      g_clear_pointer (&self->reason, rectify_send_reason_free);
      if (reason != NULL && reason->code != RECTIFY_SEND_REASON_NONE)
        self->reason = rectify_send_reason_copy (reason);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REASON]);
      changed |= RECTIFY_SUBMISSION_REASON_CHANGED;
    }

  return changed;
}

gboolean
rectify_submission_set_request (RectifySubmission *self,
                                gint64             id,
                                const char        *url,
                                const char        *status)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (RECTIFY_IS_SUBMISSION (self), FALSE);
  g_return_val_if_fail (id >= 0, FALSE);

  if (self->request_id != id)
    {
      self->request_id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUEST_ID]);
      changed = TRUE;
    }
  changed |= set_string (self, &self->request_url, url, PROP_REQUEST_URL);
  changed |= set_string (self, &self->request_status, status, PROP_REQUEST_STATUS);

  return changed;
}

gboolean
rectify_submission_set_attempts (RectifySubmission *self,
                                 guint              attempts,
                                 GDateTime         *last_attempt)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (RECTIFY_IS_SUBMISSION (self), FALSE);

  if (self->attempts != attempts)
    {
      self->attempts = attempts;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTEMPTS]);
      changed = TRUE;
    }
  changed |= set_datetime (&self->last_attempt, last_attempt);

  return changed;
}

void
rectify_submission_set_submitted (RectifySubmission *self,
                                  GDateTime         *submitted_at,
                                  gint64             expected_minor)
{
  g_return_if_fail (RECTIFY_IS_SUBMISSION (self));

  if (set_datetime (&self->submitted_at, submitted_at))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBMITTED_AT]);
  self->expected_minor = expected_minor >= 0 ? expected_minor : -1;
}

gboolean
rectify_submission_set_snapshot (RectifySubmission  *self,
                                 const char         *subject,
                                 const char         *body,
                                 const char * const *attachments)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (RECTIFY_IS_SUBMISSION (self), FALSE);

  changed |= set_string (self, &self->sent_subject, subject, PROP_SENT_SUBJECT);
  changed |= set_string (self, &self->sent_body, body, PROP_SENT_BODY);
  if (!(attachments == NULL ? self->sent_attachments == NULL
                            : self->sent_attachments != NULL &&
                              g_strv_equal ((const char * const *) self->sent_attachments,
                                            attachments)))
    {
      g_strfreev (self->sent_attachments);
      self->sent_attachments = g_strdupv ((char **) attachments);
      changed = TRUE;
    }

  return changed;
}

/* Reading: for anyone */

RectifySendState
rectify_submission_get_state (RectifySubmission *self)
{
  g_return_val_if_fail (RECTIFY_IS_SUBMISSION (self), RECTIFY_SEND_STATE_DRAFT);

  return self->state;
}

/* Why it is where it is, as a code for the UI to word, or %NULL. */
const RectifySendReason *
rectify_submission_get_reason (RectifySubmission *self)
{
  g_return_val_if_fail (RECTIFY_IS_SUBMISSION (self), NULL);

  return self->reason;
}

/* The desk's request number, or 0 while it is not known. */
gint64
rectify_submission_get_request_id (RectifySubmission *self)
{
  g_return_val_if_fail (RECTIFY_IS_SUBMISSION (self), 0);

  return self->request_id;
}

const char *
rectify_submission_get_request_url (RectifySubmission *self)
{
  g_return_val_if_fail (RECTIFY_IS_SUBMISSION (self), NULL);

  return self->request_url;
}

/* The request's status as the desk last said ("new", "open", …), or %NULL. */
const char *
rectify_submission_get_request_status (RectifySubmission *self)
{
  g_return_val_if_fail (RECTIFY_IS_SUBMISSION (self), NULL);

  return self->request_status;
}

/* Sends whose outcome is not known (0 once it is). */
guint
rectify_submission_get_attempts (RectifySubmission *self)
{
  g_return_val_if_fail (RECTIFY_IS_SUBMISSION (self), 0);

  return self->attempts;
}

/* When the outbox last sent the request to the desk, or %NULL. */
GDateTime *
rectify_submission_get_last_attempt (RectifySubmission *self)
{
  g_return_val_if_fail (RECTIFY_IS_SUBMISSION (self), NULL);

  return self->last_attempt;
}

/* When the request reached support (or the owner said it did), or %NULL. */
GDateTime *
rectify_submission_get_submitted_at (RectifySubmission *self)
{
  g_return_val_if_fail (RECTIFY_IS_SUBMISSION (self), NULL);

  return self->submitted_at;
}

/* The adjustment the statement should show, as computed when it reached
 * support, in minor units; %FALSE when not known. */
gboolean
rectify_submission_get_expected_minor (RectifySubmission *self,
                                       gint64            *out_minor)
{
  g_return_val_if_fail (RECTIFY_IS_SUBMISSION (self), FALSE);
  g_return_val_if_fail (out_minor != NULL, FALSE);

  if (self->expected_minor < 0)
    return FALSE;

  *out_minor = self->expected_minor;
  return TRUE;
}

/* The subject of the request as it went out, or %NULL before. */
const char *
rectify_submission_get_sent_subject (RectifySubmission *self)
{
  g_return_val_if_fail (RECTIFY_IS_SUBMISSION (self), NULL);

  return self->sent_subject;
}

/* The body of the request as it went out, or %NULL before. */
const char *
rectify_submission_get_sent_body (RectifySubmission *self)
{
  g_return_val_if_fail (RECTIFY_IS_SUBMISSION (self), NULL);

  return self->sent_body;
}

/**
 * rectify_submission_get_sent_attachments:
 * @self: a #RectifySubmission
 *
 * Returns: (transfer none) (nullable): the names of the files that went
 *   with the request, in order; %NULL before sending
 */
const char * const *
rectify_submission_get_sent_attachments (RectifySubmission *self)
{
  g_return_val_if_fail (RECTIFY_IS_SUBMISSION (self), NULL);

  return (const char * const *) self->sent_attachments;
}

/* Whether the request reached support, through Rectify or otherwise. */
gboolean
rectify_submission_is_submitted (RectifySubmission *self)
{
  g_return_val_if_fail (RECTIFY_IS_SUBMISSION (self), FALSE);

  return self->state == RECTIFY_SEND_STATE_SENT ||
         self->state == RECTIFY_SEND_STATE_SENT_ELSEWHERE;
}

/* Whether what the request says is fixed: from the queue on, unless it is a
 * draft again or failed. */
gboolean
rectify_submission_is_locked (RectifySubmission *self)
{
  g_return_val_if_fail (RECTIFY_IS_SUBMISSION (self), FALSE);

  return self->state != RECTIFY_SEND_STATE_DRAFT &&
         self->state != RECTIFY_SEND_STATE_FAILED;
}

/**
 * rectify_submission_get_last_reply_id:
 * @self: a #RectifySubmission
 *
 * Returns: the newest reply of support's the owner has been told of, or 0
 */
gint64
rectify_submission_get_last_reply_id (RectifySubmission *self)
{
  g_return_val_if_fail (RECTIFY_IS_SUBMISSION (self), 0);

  return self->last_reply_id;
}

gboolean
rectify_submission_set_last_reply_id (RectifySubmission *self,
                                      gint64             id)
{
  g_return_val_if_fail (RECTIFY_IS_SUBMISSION (self), FALSE);
  g_return_val_if_fail (id >= 0, FALSE);

  if (self->last_reply_id == id)
    return FALSE;

  self->last_reply_id = id;
  return TRUE;
}
