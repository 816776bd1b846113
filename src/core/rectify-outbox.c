/* rectify-outbox.c: sending each case to the help desk, exactly once
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The send state machine of shared/DESIGN.md, kept in the case so that a
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

#include "rectify-case-private.h"
#include "rectify-clock.h"
#include "rectify-outbox.h"
#include "rectify-provider.h"
#include "rectify-reference.h"
#include "rectify-request.h"

typedef enum
{
  PHASE_SEND,    /* check the files, upload them, create the request */
  PHASE_LOOKUP,  /* look the reference up among the owner's requests */
} Phase;

typedef struct
{
  RectifyOutbox     *outbox;         /* unowned; NULL once detached */
  RectifyCase       *rcase;
  GCancellable      *cancellable;
  Phase              phase;
  guint              timer_id;
  guint              failures;       /* in a row, for the backoff */
  gboolean           waiting;        /* for the network or a desk client */
  gboolean           offline_retry;  /* the timer waits after NOTHING_SENT */
  gboolean           reuploaded;     /* the desk refused the tokens once */
  gboolean           known_created;  /* a 2xx came with an unreadable answer */
  guint              index;          /* the attachment being checked or uploaded */
  RectifyAttachment *uploading;
  goffset            total_bytes;
  goffset            done_bytes;
  double             progress;
  char              *known;          /* what is known after an ambiguous create */
} Job;

struct _RectifyOutbox
{
  GObject                 parent_instance;

  RectifyCaseStore       *store;
  RectifyDeskClient      *client;
  GNetworkMonitor        *monitor;
  gulong                  network_changed_id;
  GCancellable           *cancellable;    /* saves and refreshes */

  /* reference → Job, for each case being sent */
  GHashTable             *jobs;
  /* reference → GPtrArray of RectifyDeskFieldError, from the desk's last 422 */
  GHashTable             *rejections;

  guint                   backoff_base_ms;
  guint                   backoff_cap_ms;
  RectifyOutboxTimerFunc  timer_func;
  gpointer                timer_data;
  GDestroyNotify          timer_notify;
};

G_DEFINE_FINAL_TYPE (RectifyOutbox, rectify_outbox, G_TYPE_OBJECT)

G_DEFINE_QUARK (rectify-outbox-error-quark, rectify_outbox_error)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CLIENT,
  PROP_MONITOR,
  N_PROPS
};

enum {
  PROGRESS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void job_run (Job *job);

/* Jobs */

static void
job_clear (Job *job)
{
  g_clear_object (&job->rcase);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->uploading);
  g_clear_pointer (&job->known, g_free);
}

static Job *
job_ref (Job *job)
{
  return g_rc_box_acquire (job);
}

static void
job_unref (Job *job)
{
  g_rc_box_release_full (job, (GDestroyNotify) job_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_unref)

static Job *
job_new (RectifyOutbox *self,
         RectifyCase   *rcase,
         Phase          phase)
{
  Job *job = g_rc_box_new0 (Job);

  job->outbox = self;
  job->rcase = g_object_ref (rcase);
  job->cancellable = g_cancellable_new ();
  job->phase = phase;
  job->progress = -1;
  g_hash_table_insert (self->jobs, g_strdup (rectify_case_get_reference (rcase)), job_ref (job));

  return job;
}

/* Stops everything the job has going and forgets it; the case stays as it is. */
static void
job_detach (Job *job)
{
  g_autoptr(Job) hold = job_ref (job);
  RectifyOutbox *self = job->outbox;

  if (self == NULL)
    return;

  job->outbox = NULL;
  g_cancellable_cancel (job->cancellable);
  g_clear_handle_id (&job->timer_id, g_source_remove);
  g_hash_table_remove (self->jobs, rectify_case_get_reference (job->rcase));
}

/* Returns whether the job is still attached afterwards. */
static gboolean
job_set_state (Job              *job,
               RectifySendState  state,
               const char       *reason)
{
  rectify_case_set_send_state (job->rcase, state, reason);

  return job->outbox != NULL;
}

static GPtrArray *
list_jobs (RectifyOutbox *self)
{
  GPtrArray *jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) job_unref);
  GHashTableIter iter;
  Job *job;

  g_hash_table_iter_init (&iter, self->jobs);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &job))
    g_ptr_array_add (jobs, job_ref (job));

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
static void
save_soon (RectifyOutbox *self,
           RectifyCase   *rcase)
{
  if (self->store != NULL)
    rectify_case_store_save_async (self->store, rcase, self->cancellable, save_cb, NULL);
}

/* What the owner reads */

static char *
format_delay (guint delay_ms)
{
  guint seconds = (delay_ms + 999) / 1000;
  guint minutes;

  if (seconds < 120)
    return g_strdup_printf (ngettext ("%u second", "%u seconds", seconds), seconds);

  minutes = (seconds + 59) / 60;
  return g_strdup_printf (ngettext ("%u minute", "%u minutes", minutes), minutes);
}

static char *
format_moment (GDateTime *utc)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    utc = now = rectify_clock_now_utc ();
  local = g_date_time_to_local (utc);

  /* Translators: when the request went out, in g_date_time_format()
   * notation: the date, then the time, e.g. "26/11/26 at 14:32" */
  /* xgettext:no-c-format */
  return g_date_time_format (local, _("%x at %H:%M"));
}

/* The first thing keeping steps 1 to 3 from being complete, or %NULL. */
static const char *
first_problem (RectifyCase *rcase)
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

/* What is known when a create may or may not have reached the desk. */
static char *
describe_ambiguous (RectifyCase  *rcase,
                    const GError *error)
{
  g_autofree char *moment = format_moment (rectify_case_get_last_attempt (rcase));

  if (g_error_matches (error, RECTIFY_DESK_ERROR, RECTIFY_DESK_ERROR_BAD_RESPONSE))
    return g_strdup_printf (_("The help desk accepted the request on %s, but its answer could "
                              "not be read, so the request number is not known. Check your "
                              "e-mail for a message from support with the number."),
                            moment);

  if (g_error_matches (error, RECTIFY_DESK_ERROR, RECTIFY_DESK_ERROR_SERVER))
    return g_strdup_printf (_("The help desk reported a problem of its own (error %u) after "
                              "receiving the request on %s; the request may have been created "
                              "anyway. Check your e-mail for a message from support, then say "
                              "whether it arrived."),
                            rectify_desk_error_get_status (error), moment);

  /* A 2xx that was not the desk's answer: a captive portal, a proxy. */
  if (g_error_matches (error, RECTIFY_DESK_ERROR, RECTIFY_DESK_ERROR_AMBIGUOUS) &&
      rectify_desk_error_get_status (error) != 0)
    return g_strdup_printf (_("The request went out to the help desk on %s, but what answered "
                              "was not the help desk’s usual answer (a network login page, "
                              "perhaps), so it may or may not have arrived. Check your e-mail "
                              "for a message from support, then say whether it arrived."),
                            moment);

  if (error != NULL && error->domain == RECTIFY_DESK_ERROR)
    return g_strdup_printf (_("The request went out to the help desk on %s, but the connection "
                              "was lost before it answered, so it may or may not have arrived. "
                              "Check your e-mail for a message from support, then say whether "
                              "it arrived."),
                            moment);

  /* Cancelled while out, or found in CREATING after a restart. */
  return g_strdup_printf (_("Rectify stopped while it was sending the request on %s, so it may "
                            "or may not have arrived. Check your e-mail for a message from "
                            "support, then say whether it arrived."),
                          moment);
}

static char *
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
    return g_strdup (error->message);

  if (general->len > 0)
    /* Translators: %s is what the help desk said, in English, e.g. "Base: invalid request" */
    return g_strdup_printf (_("The help desk did not accept the request: %s. Correct it and "
                              "send again."),
                            general->str);

  return g_strdup (_("The help desk did not accept some of the details; they are marked "
                     "beside the fields concerned. Correct them and send again."));
}

/* Tokens */

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
static void
forget_tokens (RectifyCase *rcase)
{
  GListModel *attachments = rectify_case_get_attachments (rcase);

  for (guint i = 0; i < g_list_model_get_n_items (attachments); i++)
    {
      g_autoptr(RectifyAttachment) attachment = g_list_model_get_item (attachments, i);

      rectify_attachment_set_upload (attachment, NULL, NULL);
    }
}

/* The create whose attempt was counted did not reach the desk after all. */
static void
attempt_had_no_effect (RectifyCase *rcase)
{
  guint attempts = rectify_case_get_send_attempts (rcase);

  rectify_case_set_send_attempts (rcase, attempts > 0 ? attempts - 1 : 0,
                                  rectify_case_get_last_attempt (rcase));
}

/* Ends */

static void
job_finish (Job              *job,
            RectifySendState  state,
            const char       *reason)
{
  g_autoptr(RectifyOutbox) self = g_object_ref (job->outbox);
  g_autoptr(RectifyCase) rcase = g_object_ref (job->rcase);

  job_detach (job);
  rectify_case_set_send_state (rcase, state, reason);
  save_soon (self, rcase);
}

static void
job_fail (Job        *job,
          const char *reason)
{
  job_finish (job, RECTIFY_SEND_STATE_FAILED, reason);
}

static void
job_sent (Job               *job,
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

  job_detach (job);
  g_hash_table_remove (self->rejections, rectify_case_get_reference (rcase));

  /* The tokens went with the request; the request first, so whoever
   * watches the state finds its number. */
  forget_tokens (rcase);
  rectify_case_set_send_attempts (rcase, 0, rectify_case_get_last_attempt (rcase));
  rectify_case_set_request (rcase, request_id, link,
                            status != RECTIFY_DESK_STATUS_UNKNOWN
                              ? rectify_desk_status_to_string (status) : NULL);
  rectify_case_set_send_state (rcase, RECTIFY_SEND_STATE_SENT, NULL);
  save_soon (self, rcase);
}

static void
job_fail_for_error (Job               *job,
                    RectifyDeskClient *client,
                    const GError      *error)
{
  RectifyOutbox *self = job->outbox;
  g_autofree char *reason = NULL;

  if (error->domain != RECTIFY_DESK_ERROR)
    {
      job_fail (job, error->message);
      return;
    }

  switch (error->code)
    {
    case RECTIFY_DESK_ERROR_UNAUTHORIZED:
      if (rectify_desk_client_get_auth (client) == RECTIFY_DESK_AUTH_ANONYMOUS)
        reason = g_strdup (_("The help desk asks to sign in before it accepts requests. Set up "
                             "the sign-in in Preferences, then send again."));
      else
        reason = g_strdup (_("The help desk did not accept the sign-in. Check the sign-in in "
                             "Preferences, then send again."));
      break;

    case RECTIFY_DESK_ERROR_FORBIDDEN:
      reason = g_strdup (_("The help desk refused access; the e-mail address you sign in with "
                           "may need to be verified first. Check the sign-in in Preferences, "
                           "then send again."));
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
      reason = g_strdup (error->message);
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
  Job *job = data;

  job->timer_id = 0;
  if (job->outbox != NULL)
    job_run (job);

  return G_SOURCE_REMOVE;
}

/* Tries the current phase again later: after Retry-After when the desk
 * said so, else after the backoff. */
static void
job_retry_later (Job          *job,
                 const GError *error)
{
  RectifyOutbox *self = job->outbox;
  gint64 retry_after = rectify_desk_error_get_retry_after (error);
  guint64 delay = backoff_delay (self, job->failures);
  g_autofree char *when = NULL;
  g_autofree char *reason = NULL;
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

  when = format_delay ((guint) delay);
  if (job->phase == PHASE_LOOKUP)
    {
      state = RECTIFY_SEND_STATE_CREATING;
      /* Translators: the first %s says what went wrong, the second is a delay, e.g. "4 seconds" */
      reason = g_strdup_printf (_("Could not check yet whether the request reached the help "
                                  "desk. %s Rectify tries again in %s."),
                                error->message, when);
    }
  else
    {
      state = RECTIFY_SEND_STATE_QUEUED;
      /* Translators: the first %s says what went wrong, the second is a delay, e.g. "4 seconds" */
      reason = g_strdup_printf (_("%s Rectify tries again in %s."), error->message, when);
    }

  if (!job_set_state (job, state, reason))
    return;

  job->timer_id = self->timer_func ((guint) delay, job_timer_cb, job_ref (job),
                                    (GDestroyNotify) job_unref, self->timer_data);
}

/* Looking the request up */

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  RectifyDeskClient *client = RECTIFY_DESK_CLIENT (object);
  g_autoptr(Job) job = user_data;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;
  const RectifyDeskRequest *found = NULL;
  const char *reference;

  requests = rectify_desk_client_list_requests_finish (client, result, &error);
  if (job->outbox == NULL)
    return;

  if (requests == NULL)
    {
      g_autofree char *reason = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      if (rectify_desk_error_is_retry_safe (error))
        {
          job_retry_later (job, error);
          return;
        }

      /* Translators: the first %s is what is known of the request, the second why
       * Rectify could not look it up */
      reason = g_strdup_printf (_("%s Rectify could not check with the help desk: %s"),
                                job->known, error->message);
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
      job_finish (job, RECTIFY_SEND_STATE_NEEDS_CONFIRMATION,
                  _("The request went out to the help desk more than once without an answer, "
                    "and the help desk does not list it. Check your e-mail for a message from "
                    "support, then say whether it arrived."));
      return;
    }

  /* Not there: the last send did not arrive, so sending again cannot make a
   * duplicate. The attempt count stops this after one more try. */
  g_debug ("Case %s: not on the desk, sending again", reference);
  job->phase = PHASE_SEND;
  job->failures = 0;
  job_run (job);
}

static void
job_lookup (Job *job)
{
  RectifyOutbox *self = job->outbox;

  if (!job_set_state (job, RECTIFY_SEND_STATE_CREATING,
                      _("Checking whether the request reached the help desk")))
    return;

  rectify_desk_client_list_requests_async (self->client, job->cancellable,
                                           lookup_cb, job_ref (job));
}

/* The create may have reached the desk: look it up when signed in, else
 * ask the owner. */
static void
job_ambiguous (Job        *job,
               const char *known)
{
  g_free (job->known);
  job->known = g_strdup (known);
  job->phase = PHASE_LOOKUP;
  job->failures = 0;

  forget_tokens (job->rcase);
  if (job->outbox == NULL)
    return;

  job_run (job);
}

/* Creating the request */

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  RectifyDeskClient *client = RECTIFY_DESK_CLIENT (object);
  g_autoptr(Job) job = user_data;
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
      g_autofree char *known = describe_ambiguous (rcase, error);

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

      job_ambiguous (job, known);
      return;
    }

  /* Every other answer says the desk created nothing. */
  attempt_had_no_effect (rcase);

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
      forget_tokens (rcase);
      if (job->outbox == NULL)
        return;

      if (only_uploads && !job->reuploaded)
        {
          g_debug ("Case %s: the desk refused the upload tokens, uploading again",
                   rectify_case_get_reference (rcase));
          job->reuploaded = TRUE;
          job->phase = PHASE_SEND;
          job_run (job);
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
  g_autoptr(Job) job = user_data;
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
      g_autofree char *reason = NULL;

      attempt_had_no_effect (job->rcase);
      reason = g_strdup_printf (_("Your case could not be saved before sending, so nothing was "
                                  "sent: %s"),
                                error->message);
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
      attempt_had_no_effect (job->rcase);
      job->phase = PHASE_SEND;
      job_run (job);
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

  rectify_clock_get_today (&today);
  subject = rectify_request_dup_subject (job->rcase);
  body = rectify_request_dup_body (job->rcase, &today);

  g_debug ("Case %s: creating the request (attempt %u)",
           rectify_case_get_reference (job->rcase),
           rectify_case_get_send_attempts (job->rcase));
  rectify_desk_client_create_request_async (client, subject, body,
                                            (const char * const *) tokens->pdata,
                                            job->cancellable, create_cb, job_ref (job));
}

static void
job_create (Job *job)
{
  RectifyOutbox *self = job->outbox;
  g_autoptr(GDateTime) now = rectify_clock_now_utc ();

  /* Write-ahead: the attempt and CREATING reach the disk before the call. */
  rectify_case_set_send_attempts (job->rcase, rectify_case_get_send_attempts (job->rcase) + 1,
                                  now);
  if (!job_set_state (job, RECTIFY_SEND_STATE_CREATING, NULL))
    return;

  rectify_case_store_save_async (self->store, job->rcase, job->cancellable, write_ahead_cb,
                                 job_ref (job));
}

/* Uploading */

/* Returns whether the job is still attached afterwards. */
static gboolean
job_report_progress (Job     *job,
                     goffset  current)
{
  double fraction = 1.0;

  if (job->total_bytes > 0)
    fraction = CLAMP ((double) (job->done_bytes + current) / job->total_bytes, 0.0, 1.0);

  /* A signal every 0.1 % is plenty for a progress bar. */
  if (job->progress >= 0 && ABS (fraction - job->progress) < 0.001 &&
      (fraction < 1.0 || job->progress >= 1.0))
    return TRUE;

  job->progress = fraction;
  g_signal_emit (job->outbox, signals[PROGRESS], 0, job->rcase, fraction);

  return job->outbox != NULL;
}

static void
upload_progress_cb (goffset  sent,
                    goffset  total,
                    gpointer user_data)
{
  Job *job = user_data;

  if (job->outbox != NULL)
    job_report_progress (job, sent);
}

static void job_upload_next (Job *job);

static void
job_upload_failed (Job               *job,
                   RectifyDeskClient *client,
                   const GError      *error)
{
  const char *name = rectify_attachment_get_display_name (job->uploading);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error->domain != RECTIFY_DESK_ERROR)
    {
      g_autofree char *reason = NULL;

      /* Translators: the first %s is a file name, the second why it could not be read */
      reason = g_strdup_printf (_("“%s” could not be read: %s"), name, error->message);
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
  g_autoptr(Job) job = user_data;
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
job_upload_next (Job *job)
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
                                        upload_progress_cb, job_ref (job),
                                        (GDestroyNotify) job_unref,
                                        job->cancellable, upload_cb, job_ref (job));
      return;
    }

  if (!job_report_progress (job, 0))
    return;

  job_create (job);
}

static void
job_upload_start (Job *job)
{
  GListModel *attachments = rectify_case_get_attachments (job->rcase);
  g_autoptr(GDateTime) now = rectify_clock_now_utc ();
  const char *problem;

  /* The files were just looked at again: one may have changed since the
   * owner pressed Send. */
  if ((problem = first_problem (job->rcase)) != NULL)
    {
      g_autofree char *reason = g_strdup (problem);

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

  if (job->outbox == NULL || !job_set_state (job, RECTIFY_SEND_STATE_UPLOADING, NULL))
    return;

  job->index = 0;
  job_upload_next (job);
}

/* Checking the files */

static void job_check_next (Job *job);

static void
check_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  RectifyAttachment *attachment = RECTIFY_ATTACHMENT (object);
  g_autoptr(Job) job = user_data;
  g_autofree char *reason = NULL;

  /* Only cancellation fails. */
  if (!rectify_attachment_check_finish (attachment, result, NULL) || job->outbox == NULL)
    return;

  switch (rectify_attachment_get_state (attachment))
    {
    case RECTIFY_ATTACHMENT_STATE_MISSING:
      reason = g_strdup_printf (_("“%s” is no longer there. Attach it again or remove it, then "
                                  "send again."),
                                rectify_attachment_get_display_name (attachment));
      job_fail (job, reason);
      return;

    case RECTIFY_ATTACHMENT_STATE_UNREADABLE:
      reason = g_strdup_printf (_("“%s” cannot be read. Attach a copy you can open or remove "
                                  "it, then send again."),
                                rectify_attachment_get_display_name (attachment));
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
job_check_next (Job *job)
{
  GListModel *attachments = rectify_case_get_attachments (job->rcase);
  g_autoptr(RectifyAttachment) attachment = NULL;

  if (job->index >= g_list_model_get_n_items (attachments))
    {
      job_upload_start (job);
      return;
    }

  attachment = g_list_model_get_item (attachments, job->index);
  rectify_attachment_check_async (attachment, job->cancellable, check_cb, job_ref (job));
}

/* Runs the job's phase from its start, or waits for what it needs. */
static void
job_run (Job *job)
{
  RectifyOutbox *self = job->outbox;
  const char *waiting_for = NULL;

  job->waiting = FALSE;
  job->offline_retry = FALSE;

  if (self->client == NULL)
    {
      waiting_for = _("Waiting for the help-desk settings");
    }
  else if (job->phase == PHASE_LOOKUP &&
           rectify_desk_client_get_auth (self->client) == RECTIFY_DESK_AUTH_ANONYMOUS)
    {
      /* Only the owner can tell. */
      job_finish (job, RECTIFY_SEND_STATE_NEEDS_CONFIRMATION, job->known);
      return;
    }
  else if (!g_network_monitor_get_network_available (self->monitor))
    {
      waiting_for = _("Waiting for an internet connection");
    }

  if (waiting_for != NULL)
    {
      job->waiting = TRUE;
      job_set_state (job, job->phase == PHASE_LOOKUP ? RECTIFY_SEND_STATE_CREATING
                                                     : RECTIFY_SEND_STATE_QUEUED,
                     waiting_for);
      return;
    }

  if (job->phase == PHASE_LOOKUP)
    {
      job_lookup (job);
      return;
    }

  job->index = 0;
  job_check_next (job);
}

/* Runs the jobs that wait for a client or the network, and, with
 * @offline_too, those that wait to retry after reaching nothing. */
static void
run_waiting_jobs (RectifyOutbox *self,
                  gboolean       offline_too)
{
  g_autoptr(GPtrArray) jobs = list_jobs (self);

  for (guint i = 0; i < jobs->len; i++)
    {
      Job *job = g_ptr_array_index (jobs, i);

      if (job->outbox == NULL)
        continue;

      /* The backoff keeps growing: a monitor that flaps must not make the
       * outbox hammer the desk. */
      if (offline_too && job->offline_retry && job->timer_id != 0)
        {
          g_clear_handle_id (&job->timer_id, g_source_remove);
          job_run (job);
        }
      else if (job->waiting)
        {
          job_run (job);
        }
    }
}

static void
on_network_changed (RectifyOutbox   *self,
                    gboolean         available,
                    GNetworkMonitor *monitor)
{
  if (g_network_monitor_get_network_available (monitor))
    run_waiting_jobs (self, TRUE);
}

static guint
default_timer (guint          delay_ms,
               GSourceFunc    callback,
               gpointer       data,
               GDestroyNotify notify,
               gpointer       user_data)
{
  return g_timeout_add_full (G_PRIORITY_DEFAULT, delay_ms, callback, data, notify);
}

/* GObject */

static void
rectify_outbox_dispose (GObject *object)
{
  RectifyOutbox *self = (RectifyOutbox *)object;

  /* Like quitting: each case stays where it is, for the next resume. */
  if (self->jobs != NULL)
    {
      g_autoptr(GPtrArray) jobs = list_jobs (self);

      for (guint i = 0; i < jobs->len; i++)
        job_detach (g_ptr_array_index (jobs, i));
    }
  g_cancellable_cancel (self->cancellable);

  if (self->monitor != NULL)
    g_clear_signal_handler (&self->network_changed_id, self->monitor);
  g_clear_object (&self->monitor);
  g_clear_object (&self->client);
  g_clear_object (&self->store);

  if (self->timer_notify != NULL)
    self->timer_notify (self->timer_data);
  self->timer_notify = NULL;
  self->timer_data = NULL;
  self->timer_func = default_timer;

  G_OBJECT_CLASS (rectify_outbox_parent_class)->dispose (object);
}

static void
rectify_outbox_finalize (GObject *object)
{
  RectifyOutbox *self = (RectifyOutbox *)object;

  g_clear_pointer (&self->jobs, g_hash_table_unref);
  g_clear_pointer (&self->rejections, g_hash_table_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (rectify_outbox_parent_class)->finalize (object);
}

static void
rectify_outbox_constructed (GObject *object)
{
  RectifyOutbox *self = (RectifyOutbox *)object;

  G_OBJECT_CLASS (rectify_outbox_parent_class)->constructed (object);

  if (self->monitor == NULL)
    self->monitor = g_object_ref (g_network_monitor_get_default ());
  self->network_changed_id = g_signal_connect_object (self->monitor, "network-changed",
                                                      G_CALLBACK (on_network_changed), self,
                                                      G_CONNECT_SWAPPED);
}

static void
rectify_outbox_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RectifyOutbox *self = RECTIFY_OUTBOX (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_MONITOR:
      g_value_set_object (value, self->monitor);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rectify_outbox_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RectifyOutbox *self = RECTIFY_OUTBOX (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_CLIENT:
      rectify_outbox_set_client (self, g_value_get_object (value));
      break;

    case PROP_MONITOR:
      self->monitor = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rectify_outbox_class_init (RectifyOutboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rectify_outbox_dispose;
  object_class->finalize = rectify_outbox_finalize;
  object_class->constructed = rectify_outbox_constructed;
  object_class->get_property = rectify_outbox_get_property;
  object_class->set_property = rectify_outbox_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         RECTIFY_TYPE_CASE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         RECTIFY_TYPE_DESK_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_MONITOR] =
    g_param_spec_object ("monitor", NULL, NULL,
                         G_TYPE_NETWORK_MONITOR,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RectifyOutbox::progress:
   * @self: the outbox
   * @rcase: the case whose files are uploading
   * @fraction: how much of all its files' bytes reached the desk, 0 to 1
   *
   * Emitted as the attachments upload; it reaches 1 when all are there.
   */
  signals[PROGRESS] =
    g_signal_new ("progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, RECTIFY_TYPE_CASE, G_TYPE_DOUBLE);
}

static void
rectify_outbox_init (RectifyOutbox *self)
{
  self->cancellable = g_cancellable_new ();
  self->jobs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) job_unref);
  self->rejections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) g_ptr_array_unref);
  self->backoff_base_ms = RECTIFY_OUTBOX_BACKOFF_BASE_MS;
  self->backoff_cap_ms = RECTIFY_OUTBOX_BACKOFF_CAP_MS;
  self->timer_func = default_timer;
}

/**
 * rectify_outbox_new:
 * @store: the store the cases live in; the outbox writes each case through
 *   it before the create call and at each step
 * @client: (nullable): the desk client, or %NULL until it is known
 *   (cases wait for rectify_outbox_set_client())
 * @monitor: (nullable): what says whether the network is there, or %NULL
 *   for the system's
 *
 * Returns: (transfer full): a new outbox; call rectify_outbox_resume()
 *   with the loaded cases next
 */
RectifyOutbox *
rectify_outbox_new (RectifyCaseStore  *store,
                    RectifyDeskClient *client,
                    GNetworkMonitor   *monitor)
{
  g_return_val_if_fail (RECTIFY_IS_CASE_STORE (store), NULL);
  g_return_val_if_fail (client == NULL || RECTIFY_IS_DESK_CLIENT (client), NULL);
  g_return_val_if_fail (monitor == NULL || G_IS_NETWORK_MONITOR (monitor), NULL);

  return g_object_new (RECTIFY_TYPE_OUTBOX,
                       "store", store,
                       "client", client,
                       "monitor", monitor,
                       NULL);
}

RectifyCaseStore *
rectify_outbox_get_store (RectifyOutbox *self)
{
  g_return_val_if_fail (RECTIFY_IS_OUTBOX (self), NULL);

  return self->store;
}

RectifyDeskClient *
rectify_outbox_get_client (RectifyOutbox *self)
{
  g_return_val_if_fail (RECTIFY_IS_OUTBOX (self), NULL);

  return self->client;
}

/**
 * rectify_outbox_set_client:
 * @self: a #RectifyOutbox
 * @client: (nullable): the desk client to use from now on
 *
 * The next step of each case uses @client (the desk address or the sign-in
 * changed); calls already out finish on the old one. Cases waiting for a
 * client go on.
 */
void
rectify_outbox_set_client (RectifyOutbox     *self,
                           RectifyDeskClient *client)
{
  g_return_if_fail (RECTIFY_IS_OUTBOX (self));
  g_return_if_fail (client == NULL || RECTIFY_IS_DESK_CLIENT (client));

  if (!g_set_object (&self->client, client))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);

  if (client != NULL && self->jobs != NULL)
    run_waiting_jobs (self, FALSE);
}

/**
 * rectify_outbox_set_backoff:
 * @self: a #RectifyOutbox
 * @base_ms: the wait before the first automatic retry
 * @cap_ms: the longest wait
 *
 * Each failure in a row doubles the wait, up to @cap_ms. For tests, and
 * for nothing else.
 */
void
rectify_outbox_set_backoff (RectifyOutbox *self,
                            guint          base_ms,
                            guint          cap_ms)
{
  g_return_if_fail (RECTIFY_IS_OUTBOX (self));
  g_return_if_fail (base_ms > 0 && cap_ms >= base_ms);

  self->backoff_base_ms = base_ms;
  self->backoff_cap_ms = cap_ms;
}

/**
 * rectify_outbox_set_timer_func:
 * @self: a #RectifyOutbox
 * @func: (nullable): schedules the retries, or %NULL for g_timeout_add_full()
 * @user_data: for @func
 * @notify: (nullable): frees @user_data
 *
 * For tests: @func learns each delay the outbox waits (Retry-After, the
 * backoff) and may make it shorter.
 */
void
rectify_outbox_set_timer_func (RectifyOutbox          *self,
                               RectifyOutboxTimerFunc  func,
                               gpointer                user_data,
                               GDestroyNotify          notify)
{
  g_return_if_fail (RECTIFY_IS_OUTBOX (self));

  if (self->timer_notify != NULL)
    self->timer_notify (self->timer_data);

  self->timer_func = func != NULL ? func : default_timer;
  self->timer_data = user_data;
  self->timer_notify = notify;
}

static void
queued_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;

  /* A save that failed is tried again by the store; the write-ahead before
   * the create call is the one that must succeed. */
  if (!rectify_case_store_save_finish (RECTIFY_CASE_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Case %s: could not save it queued: %s %d",
             rectify_case_get_reference (job->rcase), g_quark_to_string (error->domain),
             error->code);

  if (job->outbox != NULL)
    job_run (job);
}

static gboolean
refuse_for_state (RectifyCase  *rcase,
                  GError      **error)
{
  switch (rectify_case_get_send_state (rcase))
    {
    case RECTIFY_SEND_STATE_QUEUED:
    case RECTIFY_SEND_STATE_UPLOADING:
    case RECTIFY_SEND_STATE_CREATING:
      g_set_error_literal (error, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_BUSY,
                           _("This request is being sent already"));
      return TRUE;

    case RECTIFY_SEND_STATE_SENT:
    case RECTIFY_SEND_STATE_SENT_ELSEWHERE:
      g_set_error_literal (error, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_ALREADY_SENT,
                           _("This request reached support already"));
      return TRUE;

    case RECTIFY_SEND_STATE_NEEDS_CONFIRMATION:
      g_set_error_literal (error, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_NEEDS_CONFIRMATION,
                           _("The request may have reached support already. Say first whether "
                             "it arrived."));
      return TRUE;

    case RECTIFY_SEND_STATE_DRAFT:
    case RECTIFY_SEND_STATE_FAILED:
    default:
      return FALSE;
    }
}

/**
 * rectify_outbox_send:
 * @self: a #RectifyOutbox
 * @rcase: a case in the outbox's store, a draft or failed
 * @error: why it is not sent
 *
 * Queues @rcase and starts sending it: when the network is there, its
 * files are checked and uploaded, then the request is created, exactly
 * once. Follow #RectifyCase:send-state and :send-error; while the files
 * upload, #RectifyOutbox::progress.
 *
 * Refused when the first three steps are not complete (the message is the
 * first thing missing), or when the case is being sent, was sent, or waits
 * for a confirmation.
 *
 * Returns: whether it was queued
 */
gboolean
rectify_outbox_send (RectifyOutbox  *self,
                     RectifyCase    *rcase,
                     GError        **error)
{
  const char *reference;
  const char *problem;
  g_autoptr(Job) job = NULL;

  g_return_val_if_fail (RECTIFY_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (RECTIFY_IS_CASE (rcase), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  reference = rectify_case_get_reference (rcase);
  g_return_val_if_fail (rectify_case_store_lookup (self->store, reference) == rcase, FALSE);

  if (refuse_for_state (rcase, error))
    return FALSE;

  if (g_hash_table_contains (self->jobs, reference))
    {
      g_set_error_literal (error, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_BUSY,
                           _("This request is being sent already"));
      return FALSE;
    }

  if ((problem = first_problem (rcase)) != NULL)
    {
      g_set_error_literal (error, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_NOT_READY, problem);
      return FALSE;
    }

  g_hash_table_remove (self->rejections, reference);
  job = job_new (self, rcase, PHASE_SEND);
  if (!job_set_state (job, RECTIFY_SEND_STATE_QUEUED, NULL))
    return TRUE;

  /* Queued on disk before anything goes out: a crash from here on resumes
   * the send rather than losing it. */
  rectify_case_store_save_async (self->store, rcase, job->cancellable, queued_cb, job_ref (job));

  return TRUE;
}

/**
 * rectify_outbox_cancel:
 * @self: a #RectifyOutbox
 * @rcase: a case
 * @error: why it cannot be cancelled
 *
 * Stops sending @rcase and makes it a draft again, while that is possible:
 * queued, uploading, or creating while nothing of the request can have left
 * (still connecting: rectify_desk_client_may_have_sent()). After that it
 * may already be on the desk, so that is refused.
 *
 * Returns: whether @rcase is a draft again
 */
gboolean
rectify_outbox_cancel (RectifyOutbox  *self,
                       RectifyCase    *rcase,
                       GError        **error)
{
  Job *job;

  g_return_val_if_fail (RECTIFY_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (RECTIFY_IS_CASE (rcase), FALSE);

  job = g_hash_table_lookup (self->jobs, rectify_case_get_reference (rcase));

  switch (rectify_case_get_send_state (rcase))
    {
    case RECTIFY_SEND_STATE_QUEUED:
    case RECTIFY_SEND_STATE_UPLOADING:
      break;

    case RECTIFY_SEND_STATE_CREATING:
      /* Still connecting (or saving before the call): nothing has left, so
       * nothing can be on the desk. A case found CREATING at start has no
       * job here, and may have gone out. */
      if (job != NULL && self->client != NULL &&
          !rectify_desk_client_may_have_sent (self->client, job->cancellable))
        {
          attempt_had_no_effect (rcase);
          break;
        }
      g_set_error_literal (error, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_TOO_LATE,
                           _("The request is on its way to the help desk and can no longer be "
                             "cancelled"));
      return FALSE;

    case RECTIFY_SEND_STATE_DRAFT:
    case RECTIFY_SEND_STATE_SENT:
    case RECTIFY_SEND_STATE_FAILED:
    case RECTIFY_SEND_STATE_NEEDS_CONFIRMATION:
    case RECTIFY_SEND_STATE_SENT_ELSEWHERE:
    default:
      g_set_error_literal (error, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_NOT_SENDING,
                           _("This request is not being sent"));
      return FALSE;
    }

  if (job != NULL)
    job_detach (job);

  rectify_case_set_send_state (rcase, RECTIFY_SEND_STATE_DRAFT, NULL);
  save_soon (self, rcase);

  return TRUE;
}

/**
 * rectify_outbox_confirm:
 * @self: a #RectifyOutbox
 * @rcase: a case that needs confirmation
 * @it_arrived: whether the owner found the request arrived (an e-mail from
 *   support, the help centre)
 * @request_id: the request number the owner found, or 0
 * @error: why it is refused
 *
 * The owner's word on a request that may or may not have reached the desk.
 * It arrived: the case is sent (with @request_id), or sent another way when
 * the number is not known. It did not: the case is sent again, as by
 * rectify_outbox_send(); if it cannot be, it is a draft again and @error
 * says why.
 *
 * Returns: whether the case moved on
 */
gboolean
rectify_outbox_confirm (RectifyOutbox  *self,
                        RectifyCase    *rcase,
                        gboolean        it_arrived,
                        gint64          request_id,
                        GError        **error)
{
  Job *job;

  g_return_val_if_fail (RECTIFY_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (RECTIFY_IS_CASE (rcase), FALSE);
  g_return_val_if_fail (request_id >= 0, FALSE);

  if (rectify_case_get_send_state (rcase) != RECTIFY_SEND_STATE_NEEDS_CONFIRMATION)
    {
      g_set_error_literal (error, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_NOT_SENDING,
                           _("Nothing about this request waits for your confirmation"));
      return FALSE;
    }

  if ((job = g_hash_table_lookup (self->jobs, rectify_case_get_reference (rcase))) != NULL)
    job_detach (job);

  /* The owner settled what became of the earlier sends. */
  rectify_case_set_send_attempts (rcase, 0, rectify_case_get_last_attempt (rcase));
  forget_tokens (rcase);

  if (!it_arrived)
    {
      rectify_case_set_send_state (rcase, RECTIFY_SEND_STATE_DRAFT, NULL);
      return rectify_outbox_send (self, rcase, error);
    }

  if (request_id > 0)
    {
      g_autofree char *link = NULL;

      link = rectify_provider_dup_request_link (rectify_provider_get_default (),
                                                self->client != NULL
                                                  ? rectify_desk_client_get_base_url (self->client)
                                                  : NULL,
                                                request_id);
      rectify_case_set_request (rcase, request_id, link, NULL);
      rectify_case_set_send_state (rcase, RECTIFY_SEND_STATE_SENT, NULL);
    }
  else
    {
      rectify_case_set_send_state (rcase, RECTIFY_SEND_STATE_SENT_ELSEWHERE, NULL);
    }

  save_soon (self, rcase);
  return TRUE;
}

/**
 * rectify_outbox_resume:
 * @self: a #RectifyOutbox
 * @cases: (element-type RectifyCase): the cases, as loaded at start-up
 *
 * Picks up what a quit or a crash interrupted: queued and uploading cases
 * go on (fresh upload tokens are reused); a case found creating may have
 * reached the desk, so it is looked up when signed in, else it needs the
 * owner's confirmation. Other cases are left alone.
 */
void
rectify_outbox_resume (RectifyOutbox *self,
                       GListModel    *cases)
{
  guint n;

  g_return_if_fail (RECTIFY_IS_OUTBOX (self));
  g_return_if_fail (G_IS_LIST_MODEL (cases));

  n = g_list_model_get_n_items (cases);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RectifyCase) rcase = g_list_model_get_item (cases, i);
      g_autoptr(Job) job = NULL;
      g_autofree char *known = NULL;

      if (!RECTIFY_IS_CASE (rcase) ||
          g_hash_table_contains (self->jobs, rectify_case_get_reference (rcase)))
        continue;

      switch (rectify_case_get_send_state (rcase))
        {
        case RECTIFY_SEND_STATE_QUEUED:
        case RECTIFY_SEND_STATE_UPLOADING:
          job = job_new (self, rcase, PHASE_SEND);
          job_run (job);
          break;

        case RECTIFY_SEND_STATE_CREATING:
          g_debug ("Case %s: found creating, it may have reached the desk",
                   rectify_case_get_reference (rcase));
          known = describe_ambiguous (rcase, NULL);
          job = job_new (self, rcase, PHASE_LOOKUP);
          job_ambiguous (job, known);
          break;

        case RECTIFY_SEND_STATE_DRAFT:
        case RECTIFY_SEND_STATE_SENT:
        case RECTIFY_SEND_STATE_FAILED:
        case RECTIFY_SEND_STATE_NEEDS_CONFIRMATION:
        case RECTIFY_SEND_STATE_SENT_ELSEWHERE:
        default:
          break;
        }
    }
}

/* Whether @rcase is in the outbox's hands: queued, uploading, creating or
 * being looked up. */
gboolean
rectify_outbox_is_sending (RectifyOutbox *self,
                           RectifyCase   *rcase)
{
  g_return_val_if_fail (RECTIFY_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (RECTIFY_IS_CASE (rcase), FALSE);

  return g_hash_table_contains (self->jobs, rectify_case_get_reference (rcase));
}

/* How much of the case's files reached the desk, 0 to 1; 0 when it is not
 * being sent. */
double
rectify_outbox_get_progress (RectifyOutbox *self,
                             RectifyCase   *rcase)
{
  Job *job;

  g_return_val_if_fail (RECTIFY_IS_OUTBOX (self), 0.0);
  g_return_val_if_fail (RECTIFY_IS_CASE (rcase), 0.0);

  job = g_hash_table_lookup (self->jobs, rectify_case_get_reference (rcase));

  return job != NULL ? MAX (job->progress, 0.0) : 0.0;
}

/**
 * rectify_outbox_get_rejections:
 * @self: a #RectifyOutbox
 * @rcase: a case
 *
 * What the desk refused when it last failed @rcase as invalid (`422`),
 * each with the desk's field; rectify_outbox_field_for_desk_field() says
 * which of the case's fields to show it beside. Forgotten when the case is
 * sent again.
 *
 * Returns: (transfer none) (nullable) (element-type RectifyDeskFieldError):
 *   the refusals, or %NULL
 */
GPtrArray *
rectify_outbox_get_rejections (RectifyOutbox *self,
                               RectifyCase   *rcase)
{
  g_return_val_if_fail (RECTIFY_IS_OUTBOX (self), NULL);
  g_return_val_if_fail (RECTIFY_IS_CASE (rcase), NULL);

  return g_hash_table_lookup (self->rejections, rectify_case_get_reference (rcase));
}

/**
 * rectify_outbox_field_for_desk_field:
 * @desk_field: (nullable): a field a `422` named
 *
 * The case's property a desk field error is about: the request text is the
 * owner's explanation, the requester the owner's name and e-mail, the
 * uploads the attachments.
 *
 * Returns: (nullable): a #RectifyCase property name, or %NULL for an error
 *   about the request as a whole
 */
const char *
rectify_outbox_field_for_desk_field (const char *desk_field)
{
  static const struct {
    const char *desk;
    const char *property;
  } fields[] = {
    { "subject", "explanation" },
    { "description", "explanation" },
    { "comment", "explanation" },
    { "body", "explanation" },
    { "requester", "contact-email" },
    { "email", "contact-email" },
    { "name", "owner-name" },
    { "uploads", "attachments" },
    /* The uploads endpoint's own fields. */
    { "file", "attachments" },
    { "filename", "attachments" },
    { "content_type", "attachments" },
  };

  if (desk_field == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (strcmp (desk_field, fields[i].desk) == 0)
      return fields[i].property;

  return NULL;
}

/* Reading a request back */

typedef struct
{
  RectifyDeskClient *client;
  RectifyCase       *rcase;
  gint64             request_id;
  GCancellable      *cancellable;        /* the calls': either cancels it */
  GCancellable      *outbox_cancellable;
  gulong             outbox_handler;
  GCancellable      *caller_cancellable;
  gulong             caller_handler;
} RefreshData;

static void
refresh_data_free (RefreshData *data)
{
  if (data->caller_cancellable != NULL)
    g_cancellable_disconnect (data->caller_cancellable, data->caller_handler);
  g_cancellable_disconnect (data->outbox_cancellable, data->outbox_handler);
  g_clear_object (&data->caller_cancellable);
  g_clear_object (&data->outbox_cancellable);
  g_clear_object (&data->cancellable);
  g_clear_object (&data->client);
  g_clear_object (&data->rcase);
  g_free (data);
}

static void
cancel_refresh (GCancellable *cancellable,
                GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

static void
refresh_comments_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GPtrArray *comments;
  GError *error = NULL;

  comments = rectify_desk_client_list_comments_finish (RECTIFY_DESK_CLIENT (object), result,
                                                       &error);
  if (comments == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, comments, (GDestroyNotify) g_ptr_array_unref);
}

static void
refresh_request_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RefreshData *data = g_task_get_task_data (task);
  g_autoptr(RectifyDeskRequest) request = NULL;
  g_autofree char *link = NULL;
  GError *error = NULL;
  const char *url;

  request = rectify_desk_client_get_request_finish (RECTIFY_DESK_CLIENT (object), result,
                                                    &error);
  if (request == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_cancellable_set_error_if_cancelled (data->cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  url = rectify_case_get_request_url (data->rcase);
  if (url == NULL)
    url = link = rectify_provider_dup_request_link (rectify_provider_get_default (),
                                                    rectify_desk_client_get_base_url (data->client),
                                                    data->request_id);
  rectify_case_set_request (data->rcase, data->request_id, url,
                            request->status != RECTIFY_DESK_STATUS_UNKNOWN
                              ? rectify_desk_status_to_string (request->status)
                              : rectify_case_get_request_status (data->rcase));

  rectify_desk_client_list_comments_async (data->client, data->request_id, data->cancellable,
                                           refresh_comments_cb, g_steal_pointer (&task));
}

/**
 * rectify_outbox_refresh_async:
 * @self: a #RectifyOutbox
 * @rcase: a case whose request is on the desk
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Reads the request back from the desk: its status goes into the case,
 * and its comments (support's replies) come back. Needs a signed-in
 * client (NOT_SIGNED_IN otherwise).
 */
void
rectify_outbox_refresh_async (RectifyOutbox       *self,
                              RectifyCase         *rcase,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RefreshData *data;

  g_return_if_fail (RECTIFY_IS_OUTBOX (self));
  g_return_if_fail (RECTIFY_IS_CASE (rcase));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rectify_outbox_refresh_async);

  if (self->client == NULL ||
      rectify_desk_client_get_auth (self->client) == RECTIFY_DESK_AUTH_ANONYMOUS)
    {
      g_task_return_new_error (task, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_NOT_SIGNED_IN,
                               _("Sign in to the help desk in Preferences to see the status "
                                 "of the request and the replies"));
      return;
    }

  if (rectify_case_get_request_id (rcase) <= 0)
    {
      g_task_return_new_error (task, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_NO_REQUEST,
                               _("This request has no number on the help desk yet"));
      return;
    }

  data = g_new0 (RefreshData, 1);
  data->client = g_object_ref (self->client);
  data->rcase = g_object_ref (rcase);
  data->request_id = rectify_case_get_request_id (rcase);
  data->cancellable = g_cancellable_new ();
  data->outbox_cancellable = g_object_ref (self->cancellable);
  data->outbox_handler = g_cancellable_connect (data->outbox_cancellable,
                                                G_CALLBACK (cancel_refresh),
                                                data->cancellable, NULL);
  if (cancellable != NULL)
    {
      data->caller_cancellable = g_object_ref (cancellable);
      data->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (cancel_refresh),
                                                    data->cancellable, NULL);
    }
  g_task_set_task_data (task, data, (GDestroyNotify) refresh_data_free);

  rectify_desk_client_get_request_async (data->client, data->request_id, data->cancellable,
                                         refresh_request_cb, g_steal_pointer (&task));
}

/**
 * rectify_outbox_refresh_finish:
 * @self: a #RectifyOutbox
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type RectifyDeskComment): the
 *   request's comments, oldest first, or %NULL with @error set
 */
GPtrArray *
rectify_outbox_refresh_finish (RectifyOutbox  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (RECTIFY_IS_OUTBOX (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rectify_outbox_refresh_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
