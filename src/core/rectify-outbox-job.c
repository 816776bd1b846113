/* rectify-outbox-job.c: one case's send, through the states, exactly once
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The send state machine (doc/architecture.md), kept in the case so that a
 * crash or a quit resumes where it stopped:
 *
 *   DRAFT, FAILED → QUEUED → UPLOADING → CREATING → SENT
 *                     ↑ waits, retries       │ may have arrived
 *                     └─ not found ← look-up ┴→ NEEDS_CONFIRMATION → SENT(_ELSEWHERE)
 *
 * Zendesk has no idempotency key for requests, so one request per case
 * rests on three rules:
 *
 * - Write-ahead: CREATING, the upload tokens and the attempt count are on
 *   disk (rectify_case_store_save_async()) before the create call goes out,
 *   so a case found in CREATING after a restart is known to be one that may
 *   have reached the desk.
 * - A create is retried on its own only when it provably did not reach the
 *   desk (NOTHING_SENT) or the desk said "later" (429, 503), never after
 *   anything else.
 * - After a create that may have taken effect, a signed-in outbox looks the
 *   case's reference up among the owner's requests and sends again only if
 *   it is not there, and only once in a row; otherwise the owner is asked
 *   (rectify_outbox_confirm()).
 *
 * Uploads create nothing on their own (an orphan upload is harmless), so
 * any upload failure that may be temporary is retried. Tokens are
 * single-use and live 60 minutes: one is reused only while younger than
 * RECTIFY_OUTBOX_TOKEN_REUSE_MINUTES and only if no create that may have
 * used it went out since.
 *
 * One Job per case being sent. Asynchronous calls hold a reference to the
 * job, never to the outbox. Cancelling a case or disposing the outbox
 * detaches the job (job->outbox becomes NULL) and cancels its calls; every
 * callback returns at once when it finds its job detached and leaves the
 * case as it is. Disposing the outbox mid-send is therefore the same as
 * quitting: the next rectify_outbox_resume() picks up from what is on disk.
 * Whatever may run a signal handler (a case or attachment setter) may also
 * detach the job, so the job is checked again after each.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rectify-clock.h"
#include "rectify-outbox-private.h"
#include "rectify-provider.h"
#include "rectify-reference.h"
#include "rectify-request.h"
#include "rectify-submission-private.h"

/* Jobs */

static void
job_clear (RectifyOutboxJob *job)
{
  g_clear_object (&job->rcase);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->uploading);
  g_clear_pointer (&job->known, rectify_send_reason_free);
}

RectifyOutboxJob *
rectify_outbox_job_ref (RectifyOutboxJob *job)
{
  return g_rc_box_acquire (job);
}

void
rectify_outbox_job_unref (RectifyOutboxJob *job)
{
  g_rc_box_release_full (job, (GDestroyNotify) job_clear);
}


RectifyOutboxJob *
rectify_outbox_job_new (RectifyOutbox     *self,
                        RectifyCase       *rcase,
                        RectifyOutboxPhase phase)
{
  RectifyOutboxJob *job = g_rc_box_new0 (RectifyOutboxJob);

  job->outbox = self;
  job->rcase = g_object_ref (rcase);
  job->cancellable = g_cancellable_new ();
  job->phase = phase;
  job->progress = -1;
  g_hash_table_insert (self->jobs, g_strdup (rectify_case_get_reference (rcase)),
                       rectify_outbox_job_ref (job));

  return job;
}

/* Stops everything the job has going and forgets it; the case stays as it is. */
void
rectify_outbox_job_detach (RectifyOutboxJob *job)
{
  g_autoptr(RectifyOutboxJob) hold = rectify_outbox_job_ref (job);
  RectifyOutbox *self = job->outbox;

  if (self == NULL)
    return;

  job->outbox = NULL;
  g_cancellable_cancel (job->cancellable);
  g_clear_handle_id (&job->timer_id, g_source_remove);
  g_hash_table_remove (self->jobs, rectify_case_get_reference (job->rcase));
}

/* Returns whether the job is still attached afterwards. */
gboolean
rectify_outbox_job_set_state (RectifyOutboxJob        *job,
                              RectifySendState         state,
                              const RectifySendReason *reason)
{
  rectify_case_set_send_state (job->rcase, state, reason);

  return job->outbox != NULL;
}

GPtrArray *
rectify_outbox_list_jobs (RectifyOutbox *self)
{
  GPtrArray *jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) rectify_outbox_job_unref);
  GHashTableIter iter;
  RectifyOutboxJob *job;

  g_hash_table_iter_init (&iter, self->jobs);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &job))
    g_ptr_array_add (jobs, rectify_outbox_job_ref (job));

  return jobs;
}

/* Saving */

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The store says why through its save-error, and tries again. */
  if (!rectify_case_store_save_finish (RECTIFY_CASE_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Could not save a case of the outbox: %s %d",
             g_quark_to_string (error->domain), error->code);
}

/* Writes @rcase now rather than after the autosave delay: a state the owner
 * should find again after a crash. */
void
rectify_outbox_save_soon (RectifyOutbox *self,
                          RectifyCase   *rcase)
{
  if (self->store != NULL)
    rectify_case_store_save_async (self->store, rcase, self->cancellable, save_cb, NULL);
}

/* The first thing keeping steps 1 to 3 from being complete, or %NULL. */
const char *
rectify_outbox_first_problem (RectifyCase *rcase)
{
  for (guint step = RECTIFY_STEP_IDENTIFY; step <= RECTIFY_STEP_RESOLUTION; step++)
    {
      GPtrArray *problems;

      if (rectify_case_get_step_complete (rcase, step))
        continue;

      problems = rectify_case_get_problems (rcase, step);
      for (guint i = 0; i < problems->len; i++)
        {
          const RectifyProblem *problem = g_ptr_array_index (problems, i);

          if (!problem->warning)
            return problem->message;
        }
    }

  if (!rectify_case_get_step_complete (rcase, RECTIFY_STEP_RESOLUTION))
    return _("Complete the first three steps before sending");

  return NULL;
}

/* What is known when a create may or may not have reached the desk. */
RectifySendReason *
rectify_outbox_describe_ambiguous (RectifyCase  *rcase,
                                   const GError *error)
{
  RectifySendReason *reason;
  GDateTime *at = rectify_case_get_last_attempt (rcase);

  if (g_error_matches (error, RECTIFY_DESK_ERROR, RECTIFY_DESK_ERROR_BAD_RESPONSE))
    reason = rectify_send_reason_new (RECTIFY_SEND_REASON_ACCEPTED_UNREADABLE);
  else if (g_error_matches (error, RECTIFY_DESK_ERROR, RECTIFY_DESK_ERROR_SERVER))
    reason = rectify_send_reason_new (RECTIFY_SEND_REASON_DESK_FAILED_AFTER);
  /* A 2xx that was not the desk's answer: a captive portal, a proxy. */
  else if (g_error_matches (error, RECTIFY_DESK_ERROR, RECTIFY_DESK_ERROR_AMBIGUOUS) &&
           rectify_desk_error_get_status (error) != 0)
    reason = rectify_send_reason_new (RECTIFY_SEND_REASON_ANSWER_NOT_DESK);
  else if (error != NULL && error->domain == RECTIFY_DESK_ERROR)
    reason = rectify_send_reason_new (RECTIFY_SEND_REASON_CONNECTION_LOST);
  else
    /* Cancelled while out, or found in CREATING after a restart. */
    reason = rectify_send_reason_new (RECTIFY_SEND_REASON_STOPPED_WHILE_SENDING);

  reason->at = at != NULL ? g_date_time_ref (at) : rectify_clock_now_utc ();
  if (error != NULL && error->domain == RECTIFY_DESK_ERROR)
    reason->status = rectify_desk_error_get_status (error);

  return reason;
}

static gboolean is_upload_complaint (const RectifyDeskFieldError *field_error);

static RectifySendReason *
describe_rejection (const GError *error)
{
  GPtrArray *field_errors = rectify_desk_error_get_field_errors (error);
  g_autoptr(GString) general = g_string_new (NULL);

  for (guint i = 0; field_errors != NULL && i < field_errors->len; i++)
    {
      const RectifyDeskFieldError *field_error = g_ptr_array_index (field_errors, i);

      if (rectify_outbox_field_for_desk_field (field_error->field) != NULL ||
          field_error->description == NULL)
        continue;

      if (general->len > 0)
        g_string_append (general, "; ");
      g_string_append (general, field_error->description);
    }

  if (field_errors == NULL)
    return rectify_send_reason_new_with_detail (RECTIFY_SEND_REASON_OTHER, error->message);

  /* Only the files' upload refused, even after uploading them again:
   * nothing in the details to correct, and the next Send uploads afresh. */
  if (field_errors->len > 0)
    {
      gboolean only_uploads = TRUE;

      for (guint i = 0; i < field_errors->len; i++)
        only_uploads &= is_upload_complaint (g_ptr_array_index (field_errors, i));

      if (only_uploads)
        {
          const RectifyDeskFieldError *first = g_ptr_array_index (field_errors, 0);

          return rectify_send_reason_new_with_detail (RECTIFY_SEND_REASON_UPLOADS_REFUSED,
                                                      first->description);
        }
    }

  /* The desk's own words, kept as it said them. */
  if (general->len > 0)
    return rectify_send_reason_new_with_detail (RECTIFY_SEND_REASON_REJECTED, general->str);

  return rectify_send_reason_new (RECTIFY_SEND_REASON_REJECTED_FIELDS);
}

static gboolean
token_is_fresh (RectifyAttachment *attachment,
                GDateTime         *now)
{
  GDateTime *uploaded_at = rectify_attachment_get_uploaded_at (attachment);
  GTimeSpan age;

  if (rectify_attachment_get_upload_token (attachment) == NULL || uploaded_at == NULL)
    return FALSE;

  /* A time in the future means the clock moved: the token's age is unknown. */
  age = g_date_time_difference (now, uploaded_at);
  return age >= 0 && age < RECTIFY_OUTBOX_TOKEN_REUSE_MINUTES * G_TIME_SPAN_MINUTE;
}

/* After a create that may have used them, or that refused them. */
void
rectify_outbox_forget_tokens (RectifyCase *rcase)
{
  GListModel *attachments = rectify_case_get_attachments (rcase);

  for (guint i = 0; i < g_list_model_get_n_items (attachments); i++)
    {
      g_autoptr(RectifyAttachment) attachment = g_list_model_get_item (attachments, i);

      rectify_attachment_set_upload (attachment, NULL, NULL);
    }
}

/* A 422 complaint about the upload tokens, whatever field the desk files it
 * under: "uploads", or "base" in words about the uploads or a token. */
static gboolean
is_upload_complaint (const RectifyDeskFieldError *field_error)
{
  g_autofree char *words = NULL;

  if (g_strcmp0 (field_error->field, "uploads") == 0)
    return TRUE;
  if (field_error->description == NULL)
    return FALSE;

  words = g_ascii_strdown (field_error->description, -1);
  return strstr (words, "upload") != NULL || strstr (words, "token") != NULL;
}

static gboolean
refused_for_uploads (const GError *error)
{
  GPtrArray *field_errors = rectify_desk_error_get_field_errors (error);

  for (guint i = 0; field_errors != NULL && i < field_errors->len; i++)
    if (is_upload_complaint (g_ptr_array_index (field_errors, i)))
      return TRUE;

  return FALSE;
}

/* The create whose attempt was counted did not reach the desk after all. */
void
rectify_outbox_attempt_had_no_effect (RectifyCase *rcase)
{
  guint attempts = rectify_case_get_send_attempts (rcase);

  rectify_case_set_send_attempts (rcase, attempts > 0 ? attempts - 1 : 0,
                                  rectify_case_get_last_attempt (rcase));
}

/* What the request says now, as it goes out: the case keeps it. */
void
rectify_outbox_take_snapshot (RectifyCase *rcase)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;
  g_autofree char *subject = rectify_request_dup_subject (rcase);
  g_autofree char *body = NULL;
  GListModel *attachments = rectify_case_get_attachments (rcase);
  GDate today;

  rectify_clock_get_today (&today);
  body = rectify_request_dup_body (rcase, &today);
  for (guint i = 0; i < g_list_model_get_n_items (attachments); i++)
    {
      g_autoptr(RectifyAttachment) attachment = g_list_model_get_item (attachments, i);
      const char *name = rectify_attachment_get_display_name (attachment);
      g_autofree char *basename = NULL;

      if (name == NULL)
        name = basename = g_file_get_basename (rectify_attachment_get_file (attachment));
      g_strv_builder_add (builder, name);
    }
  names = g_strv_builder_end (builder);

  rectify_case_set_sent_snapshot (rcase, subject, body, (const char * const *) names);
}

/* Ends */

static void
job_finish (RectifyOutboxJob        *job,
            RectifySendState         state,
            const RectifySendReason *reason)
{
  g_autoptr(RectifyOutbox) self = g_object_ref (job->outbox);
  g_autoptr(RectifyCase) rcase = g_object_ref (job->rcase);

  rectify_outbox_job_detach (job);
  rectify_case_set_send_state (rcase, state, reason);
  rectify_outbox_save_soon (self, rcase);
}

static void
job_fail (RectifyOutboxJob        *job,
          const RectifySendReason *reason)
{
  job_finish (job, RECTIFY_SEND_STATE_FAILED, reason);
}

static void
job_sent (RectifyOutboxJob  *job,
          RectifyDeskClient *client,
          gint64             request_id,
          RectifyDeskStatus  status)
{
  g_autoptr(RectifyOutbox) self = g_object_ref (job->outbox);
  g_autoptr(RectifyCase) rcase = g_object_ref (job->rcase);
  g_autofree char *link = NULL;

  link = rectify_provider_dup_request_link (rectify_provider_get_default (),
                                            rectify_desk_client_get_base_url (client),
                                            request_id);
  g_debug ("Case %s: request %" G_GINT64_FORMAT " on the desk",
           rectify_case_get_reference (rcase), request_id);

  rectify_outbox_job_detach (job);
  g_hash_table_remove (self->rejections, rectify_case_get_reference (rcase));

  /* The tokens went with the request; the request first, so whoever
   * watches the state finds its number. */
  rectify_outbox_forget_tokens (rcase);
  rectify_case_set_send_attempts (rcase, 0, rectify_case_get_last_attempt (rcase));
  rectify_case_set_request (rcase, request_id, link,
                            status != RECTIFY_DESK_STATUS_UNKNOWN
                              ? rectify_desk_status_to_string (status) : NULL);
  rectify_case_set_send_state (rcase, RECTIFY_SEND_STATE_SENT, NULL);
  rectify_outbox_save_soon (self, rcase);
}

static void
job_fail_for_error (RectifyOutboxJob  *job,
                    RectifyDeskClient *client,
                    const GError      *error)
{
  RectifyOutbox *self = job->outbox;
  g_autoptr(RectifySendReason) reason = NULL;

  if (error->domain != RECTIFY_DESK_ERROR)
    {
      reason = rectify_send_reason_new_with_detail (RECTIFY_SEND_REASON_OTHER, error->message);
      job_fail (job, reason);
      return;
    }

  switch (error->code)
    {
    case RECTIFY_DESK_ERROR_UNAUTHORIZED:
      if (rectify_desk_client_get_auth (client) == RECTIFY_DESK_AUTH_ANONYMOUS)
        reason = rectify_send_reason_new (RECTIFY_SEND_REASON_SIGN_IN_NEEDED);
      else
        reason = rectify_send_reason_new (RECTIFY_SEND_REASON_SIGN_IN_REFUSED);
      break;

    case RECTIFY_DESK_ERROR_FORBIDDEN:
      /* Anonymous, a 403 says the same as a 401: not without a sign-in. */
      if (rectify_desk_client_get_auth (client) == RECTIFY_DESK_AUTH_ANONYMOUS)
        reason = rectify_send_reason_new (RECTIFY_SEND_REASON_SIGN_IN_NEEDED);
      else
        reason = rectify_send_reason_new (RECTIFY_SEND_REASON_ACCESS_REFUSED);
      break;

    case RECTIFY_DESK_ERROR_INVALID:
      {
        GPtrArray *field_errors = rectify_desk_error_get_field_errors (error);
        GPtrArray *kept;

        if (field_errors != NULL)
          {
            kept = g_ptr_array_new_with_free_func ((GDestroyNotify) rectify_desk_field_error_free);
            for (guint i = 0; i < field_errors->len; i++)
              g_ptr_array_add (kept, rectify_desk_field_error_copy (g_ptr_array_index (field_errors,
                                                                                       i)));
            g_hash_table_replace (self->rejections,
                                  g_strdup (rectify_case_get_reference (job->rcase)), kept);
          }
        reason = describe_rejection (error);
      }
      break;

    default:
      reason = rectify_send_reason_new_with_detail (RECTIFY_SEND_REASON_OTHER, error->message);
      break;
    }

  job_fail (job, reason);
}

/* Waiting */

static guint
backoff_delay (RectifyOutbox *self,
               guint          failures)
{
  guint64 delay = MAX (self->backoff_base_ms, 1);

  for (guint i = 0; i < failures && delay < self->backoff_cap_ms; i++)
    delay *= 2;
  delay = MIN (delay, self->backoff_cap_ms);

  /* Jitter, so that many clients kept from the desk do not come back together. */
  return (guint) (delay - g_random_int_range (0, (gint32) MIN (delay / 4, G_MAXINT32 - 1) + 1));
}

static gboolean
job_timer_cb (gpointer data)
{
  RectifyOutboxJob *job = data;

  job->timer_id = 0;
  if (job->outbox != NULL)
    rectify_outbox_job_run (job);

  return G_SOURCE_REMOVE;
}

/* Tries the current phase again later: after Retry-After when the desk
 * said so, else after the backoff. */
static void
job_retry_later (RectifyOutboxJob *job,
                 const GError     *error)
{
  RectifyOutbox *self = job->outbox;
  gint64 retry_after = rectify_desk_error_get_retry_after (error);
  guint64 delay = backoff_delay (self, job->failures);
  g_autoptr(RectifySendReason) reason = NULL;
  RectifySendState state;

  if (retry_after >= 0)
    delay = MAX (delay, (guint64) retry_after * 1000);
  delay = MIN (delay, G_MAXUINT);
  job->failures = MIN (job->failures + 1, 31);
  job->offline_retry = g_error_matches (error, RECTIFY_DESK_ERROR,
                                        RECTIFY_DESK_ERROR_NOTHING_SENT);

  g_debug ("Case %s: %s %d, trying again in %" G_GUINT64_FORMAT " ms",
           rectify_case_get_reference (job->rcase),
           g_quark_to_string (error->domain), error->code, delay);

  if (job->phase == RECTIFY_OUTBOX_PHASE_LOOKUP)
    {
      state = RECTIFY_SEND_STATE_CREATING;
      reason = rectify_send_reason_new_with_detail (RECTIFY_SEND_REASON_LOOKUP_RETRYING,
                                                    error->message);
    }
  else
    {
      state = RECTIFY_SEND_STATE_QUEUED;
      reason = rectify_send_reason_new_with_detail (RECTIFY_SEND_REASON_RETRYING, error->message);
    }
  reason->delay_ms = (guint) delay;
  if (error->domain == RECTIFY_DESK_ERROR)
    reason->status = rectify_desk_error_get_status (error);

  if (!rectify_outbox_job_set_state (job, state, reason))
    return;

  job->timer_id = self->timer_func ((guint) delay, job_timer_cb, rectify_outbox_job_ref (job),
                                    (GDestroyNotify) rectify_outbox_job_unref, self->timer_data);
}

/* Looking the request up */

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  RectifyDeskClient *client = RECTIFY_DESK_CLIENT (object);
  g_autoptr(RectifyOutboxJob) job = user_data;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;
  const RectifyDeskRequest *found = NULL;
  const char *reference;

  requests = rectify_desk_client_list_requests_finish (client, result, &error);
  if (job->outbox == NULL)
    return;

  if (requests == NULL)
    {
      g_autoptr(RectifySendReason) reason = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      if (rectify_desk_error_is_retry_safe (error))
        {
          job_retry_later (job, error);
          return;
        }

      /* What was known, and why it could not be checked. */
      reason = rectify_send_reason_copy (job->known);
      reason->cause = job->known->code;
      reason->code = RECTIFY_SEND_REASON_LOOKUP_FAILED;
      g_free (reason->detail);
      reason->detail = g_strdup (error->message);
      job_finish (job, RECTIFY_SEND_STATE_NEEDS_CONFIRMATION, reason);
      return;
    }

  /* The reference is in the subject, "[Ref RCT-…]" (the full UUID before
   * short references); it alone is enough to find it, whatever the language
   * the subject was written in. */
  reference = rectify_case_get_reference (job->rcase);
  for (guint i = 0; i < requests->len; i++)
    {
      const RectifyDeskRequest *request = g_ptr_array_index (requests, i);

      if (rectify_reference_in_text (request->subject, reference) &&
          (found == NULL || request->id < found->id))
        found = request;
    }

  if (found != NULL)
    {
      job_sent (job, client, found->id, found->status);
      return;
    }

  if (job->known_created)
    {
      job_finish (job, RECTIFY_SEND_STATE_NEEDS_CONFIRMATION, job->known);
      return;
    }

  if (rectify_case_get_send_attempts (job->rcase) >= 2)
    {
      g_autoptr(RectifySendReason) reason =
        rectify_send_reason_new (RECTIFY_SEND_REASON_SENT_TWICE_UNLISTED);

      job_finish (job, RECTIFY_SEND_STATE_NEEDS_CONFIRMATION, reason);
      return;
    }

  /* Not there: the last send did not arrive, so sending again cannot make a
   * duplicate. The attempt count stops this after one more try. */
  g_debug ("Case %s: not on the desk, sending again", reference);
  job->phase = RECTIFY_OUTBOX_PHASE_SEND;
  job->failures = 0;
  rectify_outbox_job_run (job);
}

static void
job_lookup (RectifyOutboxJob *job)
{
  RectifyOutbox *self = job->outbox;
  g_autoptr(RectifySendReason) reason = rectify_send_reason_new (RECTIFY_SEND_REASON_CHECKING);

  if (!rectify_outbox_job_set_state (job, RECTIFY_SEND_STATE_CREATING, reason))
    return;

  rectify_desk_client_list_requests_async (self->client, job->cancellable,
                                           lookup_cb, rectify_outbox_job_ref (job));
}

/* The create may have reached the desk: look it up when signed in, else
 * ask the owner. */
void
rectify_outbox_job_ambiguous (RectifyOutboxJob        *job,
                              const RectifySendReason *known)
{
  g_clear_pointer (&job->known, rectify_send_reason_free);
  job->known = rectify_send_reason_copy (known);
  job->phase = RECTIFY_OUTBOX_PHASE_LOOKUP;
  job->failures = 0;

  rectify_outbox_forget_tokens (job->rcase);
  if (job->outbox == NULL)
    return;

  rectify_outbox_job_run (job);
}

/* Creating the request */

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  RectifyDeskClient *client = RECTIFY_DESK_CLIENT (object);
  g_autoptr(RectifyOutboxJob) job = user_data;
  g_autoptr(RectifyDeskRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  RectifyCase *rcase = job->rcase;

  request = rectify_desk_client_create_request_finish (client, result, &error);

  /* Stopped while the call was out: the case stays CREATING, on disk too,
   * and the next resume finds out. */
  if (job->outbox == NULL)
    return;

  if (request != NULL)
    {
      job_sent (job, client, request->id, request->status);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      rectify_desk_error_may_have_taken_effect (error))
    {
      g_autoptr(RectifySendReason) known = rectify_outbox_describe_ambiguous (rcase, error);

      g_debug ("Case %s: the create may have taken effect (%s %d)",
               rectify_case_get_reference (rcase), g_quark_to_string (error->domain),
               error->code);

      /* A 2xx whose answer could not be read: the request exists, only its
       * number is unknown. Never send it again on our own, not even after a
       * restart. */
      if (g_error_matches (error, RECTIFY_DESK_ERROR, RECTIFY_DESK_ERROR_BAD_RESPONSE))
        {
          job->known_created = TRUE;
          rectify_case_set_send_attempts (rcase, MAX (rectify_case_get_send_attempts (rcase), 2),
                                          rectify_case_get_last_attempt (rcase));
        }

      rectify_outbox_job_ambiguous (job, known);
      return;
    }

  /* Every other answer says the desk created nothing. */
  rectify_outbox_attempt_had_no_effect (rcase);

  if (rectify_desk_error_is_retry_safe (error))
    {
      job_retry_later (job, error);
      return;
    }

  if (refused_for_uploads (error))
    {
      GPtrArray *field_errors = rectify_desk_error_get_field_errors (error);
      gboolean only_uploads = TRUE;

      for (guint i = 0; i < field_errors->len; i++)
        only_uploads &= is_upload_complaint (g_ptr_array_index (field_errors, i));

      /* Expired or used up: upload the files again and send, once. */
      rectify_outbox_forget_tokens (rcase);
      if (job->outbox == NULL)
        return;

      if (only_uploads && !job->reuploaded)
        {
          g_debug ("Case %s: the desk refused the upload tokens, uploading again",
                   rectify_case_get_reference (rcase));
          job->reuploaded = TRUE;
          job->phase = RECTIFY_OUTBOX_PHASE_SEND;
          rectify_outbox_job_run (job);
          return;
        }
    }

  job_fail_for_error (job, client, error);
}

static void
write_ahead_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RectifyOutboxJob) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tokens = g_ptr_array_new ();
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  RectifyDeskClient *client;
  GListModel *attachments;
  gboolean missing = FALSE;
  gboolean saved;
  GDate today;

  saved = rectify_case_store_save_finish (RECTIFY_CASE_STORE (object), result, &error);

  /* Stopped before the call: CREATING may be on disk, and the next resume
   * treats it as a call that may have gone out. */
  if (job->outbox == NULL)
    return;

  if (!saved)
    {
      g_autoptr(RectifySendReason) reason = NULL;

      rectify_outbox_attempt_had_no_effect (job->rcase);
      reason = rectify_send_reason_new_with_detail (RECTIFY_SEND_REASON_NOT_SAVED, error->message);
      job_fail (job, reason);
      return;
    }

  client = job->outbox->client;
  attachments = rectify_case_get_attachments (job->rcase);
  for (guint i = 0; i < g_list_model_get_n_items (attachments); i++)
    {
      g_autoptr(RectifyAttachment) attachment = g_list_model_get_item (attachments, i);
      const char *token = rectify_attachment_get_upload_token (attachment);

      missing |= token == NULL;
      g_ptr_array_add (tokens, (gpointer) token);
    }
  g_ptr_array_add (tokens, NULL);

  /* No desk client any more, or an attachment added meanwhile: the call did
   * not go out; start over. */
  if (client == NULL || missing)
    {
      rectify_outbox_attempt_had_no_effect (job->rcase);
      job->phase = RECTIFY_OUTBOX_PHASE_SEND;
      rectify_outbox_job_run (job);
      return;
    }

  /* Without a sign-in, the request comes from the owner the case names. */
  if (rectify_desk_client_get_auth (client) == RECTIFY_DESK_AUTH_ANONYMOUS)
    {
      g_autofree char *name = g_strdup (rectify_case_get_text (job->rcase,
                                                               RECTIFY_TEXT_OWNER_NAME));
      g_autofree char *email = g_strdup (rectify_case_get_text (job->rcase,
                                                                RECTIFY_TEXT_CONTACT_EMAIL));

      rectify_desk_client_set_anonymous (client, g_strstrip (name), g_strstrip (email), 0);
    }

  /* The text as saved with CREATING, so what went out is what the case
   * keeps. */
  subject = g_strdup (rectify_case_get_sent_subject (job->rcase));
  body = g_strdup (rectify_case_get_sent_body (job->rcase));
  if (body == NULL)
    {
      rectify_clock_get_today (&today);
      g_free (subject);
      subject = rectify_request_dup_subject (job->rcase);
      body = rectify_request_dup_body (job->rcase, &today);
    }

  g_debug ("Case %s: creating the request (attempt %u)",
           rectify_case_get_reference (job->rcase),
           rectify_case_get_send_attempts (job->rcase));
  rectify_desk_client_create_request_async (client, subject, body,
                                            (const char * const *) tokens->pdata,
                                            job->cancellable, create_cb,
                                            rectify_outbox_job_ref (job));
}

static void
job_create (RectifyOutboxJob *job)
{
  RectifyOutbox *self = job->outbox;
  g_autoptr(GDateTime) now = rectify_clock_now_utc ();

  /* Write-ahead: the attempt, the text that goes out and CREATING reach
   * the disk before the call. */
  rectify_case_set_send_attempts (job->rcase, rectify_case_get_send_attempts (job->rcase) + 1,
                                  now);
  rectify_outbox_take_snapshot (job->rcase);
  if (job->outbox == NULL)
    return;
  if (!rectify_outbox_job_set_state (job, RECTIFY_SEND_STATE_CREATING, NULL))
    return;

  rectify_case_store_save_async (self->store, job->rcase, job->cancellable, write_ahead_cb,
                                 rectify_outbox_job_ref (job));
}

/* Uploading */

/* Returns whether the job is still attached afterwards. */
static gboolean
job_report_progress (RectifyOutboxJob *job,
                     goffset           current)
{
  double fraction = 1.0;

  if (job->total_bytes > 0)
    fraction = CLAMP ((double) (job->done_bytes + current) / job->total_bytes, 0.0, 1.0);

  /* A signal every 0.1 % is plenty for a progress bar. */
  if (job->progress >= 0 && ABS (fraction - job->progress) < 0.001 &&
      (fraction < 1.0 || job->progress >= 1.0))
    return TRUE;

  job->progress = fraction;
  rectify_outbox_emit_progress (job->outbox, job->rcase, fraction);

  return job->outbox != NULL;
}

static void
upload_progress_cb (goffset  sent,
                    goffset  total,
                    gpointer user_data)
{
  RectifyOutboxJob *job = user_data;

  if (job->outbox != NULL)
    job_report_progress (job, sent);
}

static void job_upload_next (RectifyOutboxJob *job);

static void
job_upload_failed (RectifyOutboxJob  *job,
                   RectifyDeskClient *client,
                   const GError      *error)
{
  const char *name = rectify_attachment_get_display_name (job->uploading);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error->domain != RECTIFY_DESK_ERROR)
    {
      g_autoptr(RectifySendReason) reason = NULL;

      reason = rectify_send_reason_new_with_detail (RECTIFY_SEND_REASON_FILE_UNREADABLE,
                                                    error->message);
      reason->file = g_strdup (name);
      job_fail (job, reason);
      return;
    }

  /* An upload creates nothing by itself: whatever may pass, try again. */
  if (rectify_desk_error_is_retry_safe (error) ||
      rectify_desk_error_may_have_taken_effect (error))
    {
      job_retry_later (job, error);
      return;
    }

  job_fail_for_error (job, client, error);
}

static void
upload_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  RectifyDeskClient *client = RECTIFY_DESK_CLIENT (object);
  g_autoptr(RectifyOutboxJob) job = user_data;
  g_autoptr(RectifyDeskUpload) upload = NULL;
  g_autoptr(RectifyAttachment) attachment = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;

  upload = rectify_desk_client_upload_finish (client, result, &error);
  if (job->outbox == NULL)
    return;

  if (upload == NULL)
    {
      job_upload_failed (job, client, error);
      return;
    }

  attachment = g_steal_pointer (&job->uploading);
  now = rectify_clock_now_utc ();
  job->failures = 0;
  job->done_bytes += MAX (rectify_attachment_get_size (attachment), 0);
  job->index++;

  /* Saved with the case, so a restart within the hour reuses it. */
  rectify_attachment_set_upload (attachment, upload->token, now);
  if (job->outbox == NULL)
    return;

  job_upload_next (job);
}

static void
job_upload_next (RectifyOutboxJob *job)
{
  RectifyOutbox *self = job->outbox;
  GListModel *attachments = rectify_case_get_attachments (job->rcase);
  guint n = g_list_model_get_n_items (attachments);

  for (; job->index < n; job->index++)
    {
      g_autoptr(RectifyAttachment) attachment = g_list_model_get_item (attachments, job->index);

      if (rectify_attachment_get_upload_token (attachment) != NULL)
        continue;

      g_set_object (&job->uploading, attachment);
      if (!job_report_progress (job, 0))
        return;

      rectify_desk_client_upload_async (self->client,
                                        rectify_attachment_get_file (attachment),
                                        rectify_attachment_get_display_name (attachment),
                                        upload_progress_cb, rectify_outbox_job_ref (job),
                                        (GDestroyNotify) rectify_outbox_job_unref,
                                        job->cancellable, upload_cb, rectify_outbox_job_ref (job));
      return;
    }

  if (!job_report_progress (job, 0))
    return;

  job_create (job);
}

static void
job_upload_start (RectifyOutboxJob *job)
{
  GListModel *attachments = rectify_case_get_attachments (job->rcase);
  g_autoptr(GDateTime) now = rectify_clock_now_utc ();
  const char *problem;

  /* The files were just looked at again: one may have changed since the
   * owner pressed Send. */
  if ((problem = rectify_outbox_first_problem (job->rcase)) != NULL)
    {
      g_autoptr(RectifySendReason) reason =
        rectify_send_reason_new (RECTIFY_SEND_REASON_INCOMPLETE);

      job_fail (job, reason);
      return;
    }

  job->total_bytes = 0;
  job->done_bytes = 0;
  for (guint i = 0; i < g_list_model_get_n_items (attachments); i++)
    {
      g_autoptr(RectifyAttachment) attachment = g_list_model_get_item (attachments, i);
      goffset size = MAX (rectify_attachment_get_size (attachment), 0);

      job->total_bytes += size;
      if (token_is_fresh (attachment, now))
        job->done_bytes += size;
      else
        rectify_attachment_set_upload (attachment, NULL, NULL);
    }

  if (job->outbox == NULL ||
      !rectify_outbox_job_set_state (job, RECTIFY_SEND_STATE_UPLOADING, NULL))
    return;

  job->index = 0;
  job_upload_next (job);
}

/* Checking the files */

static void job_check_next (RectifyOutboxJob *job);

static void
check_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  RectifyAttachment *attachment = RECTIFY_ATTACHMENT (object);
  g_autoptr(RectifyOutboxJob) job = user_data;
  g_autoptr(RectifySendReason) reason = NULL;

  /* Only cancellation fails. */
  if (!rectify_attachment_check_finish (attachment, result, NULL) || job->outbox == NULL)
    return;

  switch (rectify_attachment_get_state (attachment))
    {
    case RECTIFY_ATTACHMENT_STATE_MISSING:
      reason = rectify_send_reason_new (RECTIFY_SEND_REASON_FILE_MISSING);
      reason->file = g_strdup (rectify_attachment_get_display_name (attachment));
      job_fail (job, reason);
      return;

    case RECTIFY_ATTACHMENT_STATE_UNREADABLE:
      reason = rectify_send_reason_new (RECTIFY_SEND_REASON_FILE_CANNOT_OPEN);
      reason->file = g_strdup (rectify_attachment_get_display_name (attachment));
      job_fail (job, reason);
      return;

    case RECTIFY_ATTACHMENT_STATE_UNCHECKED:
    case RECTIFY_ATTACHMENT_STATE_READY:
    default:
      break;
    }

  job->index++;
  job_check_next (job);
}

static void
job_check_next (RectifyOutboxJob *job)
{
  GListModel *attachments = rectify_case_get_attachments (job->rcase);
  g_autoptr(RectifyAttachment) attachment = NULL;

  if (job->index >= g_list_model_get_n_items (attachments))
    {
      job_upload_start (job);
      return;
    }

  attachment = g_list_model_get_item (attachments, job->index);
  rectify_attachment_check_async (attachment, job->cancellable, check_cb,
                                  rectify_outbox_job_ref (job));
}

/* Runs the job's phase from its start, or waits for what it needs. */
void
rectify_outbox_job_run (RectifyOutboxJob *job)
{
  RectifyOutbox *self = job->outbox;
  RectifySendReasonCode waiting_for = RECTIFY_SEND_REASON_NONE;

  job->waiting = FALSE;
  job->offline_retry = FALSE;

  if (self->client == NULL)
    {
      waiting_for = RECTIFY_SEND_REASON_WAITING_SETTINGS;
    }
  else if (job->phase == RECTIFY_OUTBOX_PHASE_LOOKUP &&
           rectify_desk_client_get_auth (self->client) == RECTIFY_DESK_AUTH_ANONYMOUS)
    {
      /* Only the owner can tell. */
      job_finish (job, RECTIFY_SEND_STATE_NEEDS_CONFIRMATION, job->known);
      return;
    }
  else if (!g_network_monitor_get_network_available (self->monitor))
    {
      waiting_for = RECTIFY_SEND_REASON_WAITING_NETWORK;
    }

  if (waiting_for != RECTIFY_SEND_REASON_NONE)
    {
      g_autoptr(RectifySendReason) reason = rectify_send_reason_new (waiting_for);

      job->waiting = TRUE;
      rectify_outbox_job_set_state (job,
                                    job->phase == RECTIFY_OUTBOX_PHASE_LOOKUP
                                      ? RECTIFY_SEND_STATE_CREATING
                                      : RECTIFY_SEND_STATE_QUEUED,
                                    reason);
      return;
    }

  if (job->phase == RECTIFY_OUTBOX_PHASE_LOOKUP)
    {
      job_lookup (job);
      return;
    }

  job->index = 0;
  job_check_next (job);
}
