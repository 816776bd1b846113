/* rectify-outbox.c: sending each case to the help desk, exactly once
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The queue and its API: which cases are being sent (one RectifyOutboxJob
 * each), what the owner may do meanwhile (cancel, confirm, say it was sent
 * another way, correct it), and resuming after a restart. How one send goes
 * through its states, and why it sends exactly once, is in
 * rectify-outbox-job.c.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rectify-clock.h"
#include "rectify-correction.h"
#include "rectify-outbox-private.h"
#include "rectify-provider.h"
#include "rectify-reference.h"
#include "rectify-submission-private.h"

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

/* For the jobs: how far the files of @rcase are uploaded. */
void
rectify_outbox_emit_progress (RectifyOutbox *self,
                              RectifyCase   *rcase,
                              double         fraction)
{
  g_signal_emit (self, signals[PROGRESS], 0, rcase, fraction);
}

/* Runs the jobs that wait for a client or the network, and, with
 * @offline_too, those that wait to retry after reaching nothing. */
static void
run_waiting_jobs (RectifyOutbox *self,
                  gboolean       offline_too)
{
  g_autoptr(GPtrArray) jobs = rectify_outbox_list_jobs (self);

  for (guint i = 0; i < jobs->len; i++)
    {
      RectifyOutboxJob *job = g_ptr_array_index (jobs, i);

      if (job->outbox == NULL)
        continue;

      /* The backoff keeps growing: a monitor that flaps must not make the
       * outbox hammer the desk. */
      if (offline_too && job->offline_retry && job->timer_id != 0)
        {
          g_clear_handle_id (&job->timer_id, g_source_remove);
          rectify_outbox_job_run (job);
        }
      else if (job->waiting)
        {
          rectify_outbox_job_run (job);
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
      g_autoptr(GPtrArray) jobs = rectify_outbox_list_jobs (self);

      for (guint i = 0; i < jobs->len; i++)
        rectify_outbox_job_detach (g_ptr_array_index (jobs, i));
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
                                      (GDestroyNotify) rectify_outbox_job_unref);
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
rectify_outbox_set_timer_func (RectifyOutbox         *self,
                               RectifyOutboxTimerFunc func,
                               gpointer               user_data,
                               GDestroyNotify         notify)
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
  g_autoptr(RectifyOutboxJob) job = user_data;
  g_autoptr(GError) error = NULL;

  /* A save that failed is tried again by the store; the write-ahead before
   * the create call is the one that must succeed. */
  if (!rectify_case_store_save_finish (RECTIFY_CASE_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Case %s: could not save it queued: %s %d",
             rectify_case_get_reference (job->rcase), g_quark_to_string (error->domain),
             error->code);

  if (job->outbox != NULL)
    rectify_outbox_job_run (job);
}

static gboolean
refuse_for_state (RectifyCase *rcase,
                  GError     **error)
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
 * once. Follow #RectifyCase:send-state and :send-reason; while the files
 * upload, #RectifyOutbox::progress.
 *
 * Refused when the first three steps are not complete (the message is the
 * first thing missing), or when the case is being sent, was sent, or waits
 * for a confirmation.
 *
 * Returns: whether it was queued
 */
gboolean
rectify_outbox_send (RectifyOutbox *self,
                     RectifyCase   *rcase,
                     GError       **error)
{
  const char *reference;
  const char *problem;
  g_autoptr(RectifyOutboxJob) job = NULL;

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

  if ((problem = rectify_outbox_first_problem (rcase)) != NULL)
    {
      g_set_error_literal (error, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_NOT_READY, problem);
      return FALSE;
    }

  g_hash_table_remove (self->rejections, reference);
  job = rectify_outbox_job_new (self, rcase, RECTIFY_OUTBOX_PHASE_SEND);
  if (!rectify_outbox_job_set_state (job, RECTIFY_SEND_STATE_QUEUED, NULL))
    return TRUE;

  /* Queued on disk before anything goes out: a crash from here on resumes
   * the send rather than losing it. */
  rectify_case_store_save_async (self->store, rcase, job->cancellable, queued_cb,
                                 rectify_outbox_job_ref (job));

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
rectify_outbox_cancel (RectifyOutbox *self,
                       RectifyCase   *rcase,
                       GError       **error)
{
  RectifyOutboxJob *job;

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
          rectify_outbox_attempt_had_no_effect (rcase);
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
    rectify_outbox_job_detach (job);

  rectify_case_set_send_state (rcase, RECTIFY_SEND_STATE_DRAFT, NULL);
  rectify_outbox_save_soon (self, rcase);

  return TRUE;
}

static void record_sent (RectifyOutbox *self,
                         RectifyCase   *rcase,
                         gint64         request_id);

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
 * It arrived: the case is sent, by Rectify, with @request_id (0 when the
 * number is not known yet; see rectify_outbox_record_arrival_async()).
 * It did not: the case is sent again, as by rectify_outbox_send(); if it
 * cannot be, it is a draft again and @error says why.
 *
 * Returns: whether the case moved on
 */
gboolean
rectify_outbox_confirm (RectifyOutbox *self,
                        RectifyCase   *rcase,
                        gboolean       it_arrived,
                        gint64         request_id,
                        GError       **error)
{
  RectifyOutboxJob *job;

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
    rectify_outbox_job_detach (job);

  /* The owner settled what became of the earlier sends. */
  rectify_case_set_send_attempts (rcase, 0, rectify_case_get_last_attempt (rcase));
  rectify_outbox_forget_tokens (rcase);

  if (!it_arrived)
    {
      rectify_case_set_send_state (rcase, RECTIFY_SEND_STATE_DRAFT, NULL);
      return rectify_outbox_send (self, rcase, error);
    }

  record_sent (self, rcase, request_id);
  return TRUE;
}

/* Rectify sent it and it arrived: with its number, or 0 when the owner
 * does not know it yet. */
static void
record_sent (RectifyOutbox *self,
             RectifyCase   *rcase,
             gint64         request_id)
{
  g_autofree char *link = NULL;

  if (request_id > 0)
    link = rectify_provider_dup_request_link (rectify_provider_get_default (),
                                              self->client != NULL
                                                ? rectify_desk_client_get_base_url (self->client)
                                                : NULL,
                                              request_id);
  rectify_case_set_request (rcase, request_id, link, NULL);
  rectify_case_set_send_state (rcase, RECTIFY_SEND_STATE_SENT, NULL);
  rectify_outbox_save_soon (self, rcase);
}

/**
 * rectify_outbox_mark_sent_elsewhere:
 * @self: a #RectifyOutbox
 * @rcase: a case in the outbox's store
 * @error: why it is refused
 *
 * The owner sent the request another way (e-mail, the help centre). A case
 * that waits in the queue, or whose files are uploading, stops there:
 * nothing of it reached the desk. Once the request is being created it may
 * be on the desk already, so that is refused (%RECTIFY_OUTBOX_ERROR_TOO_LATE),
 * as is a case that waits for the owner to say whether Rectify's send
 * arrived, and one that reached support already.
 *
 * The text as it is now is kept as what was sent.
 *
 * Returns: whether @rcase is sent elsewhere now
 */
gboolean
rectify_outbox_mark_sent_elsewhere (RectifyOutbox *self,
                                    RectifyCase   *rcase,
                                    GError       **error)
{
  const char *problem;
  RectifyOutboxJob *job;

  g_return_val_if_fail (RECTIFY_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (RECTIFY_IS_CASE (rcase), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  switch (rectify_case_get_send_state (rcase))
    {
    case RECTIFY_SEND_STATE_DRAFT:
    case RECTIFY_SEND_STATE_FAILED:
    case RECTIFY_SEND_STATE_QUEUED:
    case RECTIFY_SEND_STATE_UPLOADING:
      break;

    case RECTIFY_SEND_STATE_CREATING:
      g_set_error_literal (error, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_TOO_LATE,
                           _("Rectify is sending this request to the help desk right now, so "
                             "it may be there already. Wait for the outcome."));
      return FALSE;

    /* Waiting for the owner's word, or there already: as for a send. */
    case RECTIFY_SEND_STATE_NEEDS_CONFIRMATION:
    case RECTIFY_SEND_STATE_SENT:
    case RECTIFY_SEND_STATE_SENT_ELSEWHERE:
    default:
      refuse_for_state (rcase, error);
      return FALSE;
    }

  if ((problem = rectify_outbox_first_problem (rcase)) != NULL)
    {
      g_set_error_literal (error, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_NOT_READY, problem);
      return FALSE;
    }

  /* Queued or uploading: the job stops before anything is created. */
  if ((job = g_hash_table_lookup (self->jobs, rectify_case_get_reference (rcase))) != NULL)
    rectify_outbox_job_detach (job);
  g_hash_table_remove (self->rejections, rectify_case_get_reference (rcase));

  rectify_outbox_forget_tokens (rcase);
  rectify_case_set_send_attempts (rcase, 0, rectify_case_get_last_attempt (rcase));
  rectify_case_set_send_state (rcase, RECTIFY_SEND_STATE_SENT_ELSEWHERE, NULL);
  rectify_outbox_take_snapshot (rcase);
  rectify_outbox_save_soon (self, rcase);

  return TRUE;
}

/**
 * rectify_outbox_parse_request_number:
 * @text: what the owner typed: the number support's e-mail gives
 * @out_id: (out): the number
 * @error: why it is not one
 *
 * Accepts digits only, with blanks around and a leading "#"; the number is
 * positive and at most 15 digits long.
 *
 * Returns: whether @text is a request number
 */
gboolean
rectify_outbox_parse_request_number (const char *text,
                                     gint64     *out_id,
                                     GError    **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  const char *digits = copy;
  guint64 value = 0;

  g_return_val_if_fail (out_id != NULL, FALSE);

  if (*digits == '#')
    digits++;

  if (*digits == '\0' || strlen (digits) > 15 ||
      strspn (digits, "0123456789") != strlen (digits) ||
      !g_ascii_string_to_unsigned (digits, 10, 1, G_MAXINT64, &value, NULL))
    {
      g_set_error_literal (error, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_BAD_NUMBER,
                           _("A request number is made of digits only, as in support’s "
                             "e-mail: for example 12345"));
      return FALSE;
    }

  *out_id = (gint64) value;
  return TRUE;
}

typedef struct
{
  RectifyCase *rcase;
  gint64       request_id;
} ArrivalData;

static void
arrival_data_free (ArrivalData *data)
{
  g_clear_object (&data->rcase);
  g_free (data);
}

static gboolean
may_record_arrival (RectifyCase *rcase,
                    GError     **error)
{
  RectifySendState state = rectify_case_get_send_state (rcase);

  if (state == RECTIFY_SEND_STATE_NEEDS_CONFIRMATION ||
      (state == RECTIFY_SEND_STATE_SENT && rectify_case_get_request_id (rcase) == 0))
    return TRUE;

  g_set_error_literal (error, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_NOT_SENDING,
                       _("Nothing about this request waits for your confirmation"));
  return FALSE;
}

static void
arrival_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RectifyOutbox *self = g_task_get_source_object (task);
  ArrivalData *data = g_task_get_task_data (task);
  g_autoptr(RectifyDeskRequest) request = NULL;
  g_autoptr(GError) error = NULL;

  request = rectify_desk_client_get_request_finish (RECTIFY_DESK_CLIENT (object), result,
                                                    &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_error_matches (error, RECTIFY_DESK_ERROR, RECTIFY_DESK_ERROR_NOT_FOUND))
    {
      g_task_return_new_error (task, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_NO_REQUEST,
                               /* Translators: %s is a request number */
                               _("The help desk has no request #%s for you. Check the number "
                                 "in support’s e-mail."),
                               g_task_get_name (task));
      return;
    }

  /* The number the owner found names another request. */
  if (request != NULL &&
      !rectify_reference_in_text (request->subject, rectify_case_get_reference (data->rcase)))
    {
      g_task_return_new_error (task, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_OTHER_REQUEST,
                               /* Translators: %s is a request number */
                               _("Request #%s on the help desk is about something else. Check "
                                 "the number in support’s e-mail."),
                               g_task_get_name (task));
      return;
    }

  /* Checked, or the desk could not be asked: the number stands, as typed. */
  if (error != NULL)
    g_debug ("Case %s: could not look request %" G_GINT64_FORMAT " up (%s %d)",
             rectify_case_get_reference (data->rcase), data->request_id,
             g_quark_to_string (error->domain), error->code);

  if (!may_record_arrival (data->rcase, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  record_sent (self, data->rcase, data->request_id);
  g_task_return_boolean (task, TRUE);
}

/**
 * rectify_outbox_record_arrival_async:
 * @self: a #RectifyOutbox
 * @rcase: a case that needs confirmation, or sent without a known number
 * @request_id: the number from support's e-mail
 *   (rectify_outbox_parse_request_number()), or 0 when not known
 * @cancellable: (nullable): to stop the look-up
 * @callback: called when done
 * @user_data: for @callback
 *
 * The owner found that the request Rectify sent arrived. The case is sent,
 * by Rectify, with @request_id. When signed in, the number is looked up on
 * the desk first: one the desk does not know, or a request about another
 * case, is refused.
 */
void
rectify_outbox_record_arrival_async (RectifyOutbox      *self,
                                     RectifyCase        *rcase,
                                     gint64              request_id,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  ArrivalData *data;
  RectifyOutboxJob *job;

  g_return_if_fail (RECTIFY_IS_OUTBOX (self));
  g_return_if_fail (RECTIFY_IS_CASE (rcase));
  g_return_if_fail (request_id >= 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rectify_outbox_record_arrival_async);
  number = g_strdup_printf ("%" G_GINT64_FORMAT, request_id);
  g_task_set_name (task, number);
  data = g_new0 (ArrivalData, 1);
  data->rcase = g_object_ref (rcase);
  data->request_id = request_id;
  g_task_set_task_data (task, data, (GDestroyNotify) arrival_data_free);

  if (!may_record_arrival (rcase, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The owner settled what became of the earlier sends. */
  if ((job = g_hash_table_lookup (self->jobs, rectify_case_get_reference (rcase))) != NULL)
    rectify_outbox_job_detach (job);
  rectify_case_set_send_attempts (rcase, 0, rectify_case_get_last_attempt (rcase));
  rectify_outbox_forget_tokens (rcase);

  if (request_id > 0 && self->client != NULL &&
      rectify_desk_client_get_auth (self->client) != RECTIFY_DESK_AUTH_ANONYMOUS)
    {
      rectify_desk_client_get_request_async (self->client, request_id, cancellable,
                                             arrival_cb, g_steal_pointer (&task));
      return;
    }

  record_sent (self, rcase, request_id);
  g_task_return_boolean (task, TRUE);
}

gboolean
rectify_outbox_record_arrival_finish (RectifyOutbox *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (RECTIFY_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * rectify_outbox_can_reply:
 * @self: a #RectifyOutbox
 * @rcase: a case
 *
 * Whether a correction to @rcase can go as a reply on its request: the
 * request has a number and the outbox's desk client is signed in.
 * Otherwise it goes by e-mail or as copied text
 * (rectify_correction_dup_mailto()).
 *
 * Returns: whether rectify_outbox_send_correction_async() can be used
 */
gboolean
rectify_outbox_can_reply (RectifyOutbox *self,
                          RectifyCase   *rcase)
{
  g_return_val_if_fail (RECTIFY_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (RECTIFY_IS_CASE (rcase), FALSE);

  return rectify_case_is_submitted (rcase) && rectify_case_get_request_id (rcase) > 0 &&
         self->client != NULL &&
         rectify_desk_client_get_auth (self->client) != RECTIFY_DESK_AUTH_ANONYMOUS;
}

static void
correction_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(RectifyDeskRequest) request = NULL;
  GError *error = NULL;

  request = rectify_desk_client_add_comment_finish (RECTIFY_DESK_CLIENT (object), result, &error);
  if (request == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* What a comment on the sent request says, stripped; NULL with @error when
 * there is no request to comment on yet, no sign-in to comment with
 * (@not_signed_in says what to do instead) or nothing written (@empty). */
static char *
comment_text (RectifyOutbox *self,
              RectifyCase   *rcase,
              const char    *text,
              const char    *not_signed_in,
              const char    *empty,
              GError       **error)
{
  g_autofree char *typed = NULL;

  if (!rectify_case_is_submitted (rcase) || rectify_case_get_request_id (rcase) <= 0)
    {
      g_set_error_literal (error, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_NO_REQUEST,
                           _("This request has no number on the help desk yet"));
      return NULL;
    }

  if (!rectify_outbox_can_reply (self, rcase))
    {
      g_set_error_literal (error, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_NOT_SIGNED_IN,
                           not_signed_in);
      return NULL;
    }

  typed = g_strstrip (g_strdup (text));
  if (*typed == '\0')
    {
      g_set_error_literal (error, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_NOT_READY, empty);
      return NULL;
    }

  return g_steal_pointer (&typed);
}

/**
 * rectify_outbox_send_correction_async:
 * @self: a #RectifyOutbox
 * @rcase: a case whose request is on the desk
 * @change: what the owner wants changed, in their words
 * @cancellable: (nullable): to stop it
 * @callback: called when done
 * @user_data: for @callback
 *
 * Sends a correction as a reply on the case's request, quoting it
 * (rectify_correction_dup_body()). It never creates a request: what was
 * sent stays as sent, and support reads the change on the same request.
 * Refused without a request number (%RECTIFY_OUTBOX_ERROR_NO_REQUEST) or
 * without a sign-in (%RECTIFY_OUTBOX_ERROR_NOT_SIGNED_IN); see
 * rectify_outbox_can_reply().
 */
void
rectify_outbox_send_correction_async (RectifyOutbox      *self,
                                      RectifyCase        *rcase,
                                      const char         *change,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *body = NULL;

  g_return_if_fail (RECTIFY_IS_OUTBOX (self));
  g_return_if_fail (RECTIFY_IS_CASE (rcase));
  g_return_if_fail (change != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rectify_outbox_send_correction_async);

  typed = comment_text (self, rcase, change,
                        _("Sign in to the help desk in Preferences to reply on the request, "
                          "or send the correction by e-mail"),
                        _("Say what should change"), &error);
  if (typed == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  body = rectify_correction_dup_body (rcase, typed);
  rectify_desk_client_add_comment_async (self->client, rectify_case_get_request_id (rcase), body,
                                         NULL, cancellable, correction_cb,
                                         g_steal_pointer (&task));
}

gboolean
rectify_outbox_send_correction_finish (RectifyOutbox *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (RECTIFY_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Replying, with files */

typedef struct
{
  RectifyDeskClient *client;
  gint64             request_id;
  char              *text;
  GPtrArray         *files;     /* GFile */
  GPtrArray         *tokens;    /* char *, NULL-terminated when sent */
  guint              index;
} Reply;

static void
reply_free (Reply *reply)
{
  g_clear_object (&reply->client);
  g_clear_pointer (&reply->files, g_ptr_array_unref);
  g_clear_pointer (&reply->tokens, g_ptr_array_unref);
  g_free (reply->text);
  g_free (reply);
}

static void reply_next (GTask *task);

static void
reply_uploaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Reply *reply = g_task_get_task_data (task);
  g_autoptr(RectifyDeskUpload) upload = NULL;
  GError *error = NULL;

  upload = rectify_desk_client_upload_finish (RECTIFY_DESK_CLIENT (object), result, &error);
  if (upload == NULL)
    {
      /* An upload alone makes nothing on the desk: the reply was not sent. */
      g_task_return_error (task, error);
      return;
    }

  g_ptr_array_add (reply->tokens, g_strdup (upload->token));
  reply->index++;
  reply_next (g_steal_pointer (&task));
}

static void
reply_next (GTask *task)
{
  Reply *reply = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (reply->index < reply->files->len)
    {
      GFile *file = g_ptr_array_index (reply->files, reply->index);
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *display = g_filename_display_name (name);

      rectify_desk_client_upload_async (reply->client, file, display, NULL, NULL, NULL,
                                        cancellable, reply_uploaded_cb, task);
      return;
    }

  g_ptr_array_add (reply->tokens, NULL);
  rectify_desk_client_add_comment_async (reply->client, reply->request_id, reply->text,
                                         (const char * const *) reply->tokens->pdata, cancellable,
                                         correction_cb, task);
}

/**
 * rectify_outbox_reply_async:
 * @self: a #RectifyOutbox
 * @rcase: a case whose request is on the desk
 * @text: the reply, as typed
 * @files: (element-type GFile) (nullable): files to attach
 * @cancellable: (nullable): to stop it
 * @callback: called when done
 * @user_data: for @callback
 *
 * Replies to support on the case's request, signed in, with the files
 * uploaded first; nothing reaches the request unless every file did. It
 * never creates a request. Refused as rectify_outbox_send_correction_async()
 * is.
 */
void
rectify_outbox_reply_async (RectifyOutbox       *self,
                            RectifyCase         *rcase,
                            const char          *text,
                            GPtrArray           *files,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  Reply *reply;
  g_autoptr(GError) error = NULL;
  g_autofree char *typed = NULL;

  g_return_if_fail (RECTIFY_IS_OUTBOX (self));
  g_return_if_fail (RECTIFY_IS_CASE (rcase));
  g_return_if_fail (text != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rectify_outbox_reply_async);

  typed = comment_text (self, rcase, text,
                        _("Sign in to the help desk in Preferences to reply on the request, "
                          "or answer support’s e-mail"),
                        _("Write the reply first"), &error);
  if (typed == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  reply = g_new0 (Reply, 1);
  reply->client = g_object_ref (self->client);
  reply->request_id = rectify_case_get_request_id (rcase);
  reply->text = g_steal_pointer (&typed);
  reply->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; files != NULL && i < files->len; i++)
    g_ptr_array_add (reply->files, g_object_ref (g_ptr_array_index (files, i)));
  reply->tokens = g_ptr_array_new_with_free_func (g_free);
  g_task_set_task_data (task, reply, (GDestroyNotify) reply_free);

  reply_next (task);
}

gboolean
rectify_outbox_reply_finish (RectifyOutbox  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (RECTIFY_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rectify_outbox_reply_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
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
      g_autoptr(RectifyOutboxJob) job = NULL;
      g_autoptr(RectifySendReason) known = NULL;
      RectifySendState state;

      if (!RECTIFY_IS_CASE (rcase))
        continue;

      /* Most cases are drafts or sent: the state first, not the jobs'
       * table (a string hashed) for each of 10,000 cases at start-up. */
      state = rectify_case_get_send_state (rcase);
      if ((state != RECTIFY_SEND_STATE_QUEUED && state != RECTIFY_SEND_STATE_UPLOADING &&
           state != RECTIFY_SEND_STATE_CREATING) ||
          g_hash_table_contains (self->jobs, rectify_case_get_reference (rcase)))
        continue;

      switch (state)
        {
        case RECTIFY_SEND_STATE_QUEUED:
        case RECTIFY_SEND_STATE_UPLOADING:
          job = rectify_outbox_job_new (self, rcase, RECTIFY_OUTBOX_PHASE_SEND);
          rectify_outbox_job_run (job);
          break;

        case RECTIFY_SEND_STATE_CREATING:
          g_debug ("Case %s: found creating, it may have reached the desk",
                   rectify_case_get_reference (rcase));
          known = rectify_outbox_describe_ambiguous (rcase, NULL);
          job = rectify_outbox_job_new (self, rcase, RECTIFY_OUTBOX_PHASE_LOOKUP);
          rectify_outbox_job_ambiguous (job, known);
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
  RectifyOutboxJob *job;

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
