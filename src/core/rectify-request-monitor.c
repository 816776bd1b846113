/* rectify-request-monitor.c: reading requests back from the help desk
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Once a request is on the desk, its status and support's replies are read
 * back, signed in only. One monitor, owned by the application, does it for
 * every case with one poller (rectify_request_monitor_start()); a page that
 * shows a case asks for one read now (rectify_request_monitor_check()) and
 * follows ::replies-changed, rather than polling on its own. The status goes
 * into the case's send record; the replies are kept here, per case, as last
 * read.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rectify-provider.h"
#include "rectify-request-monitor.h"
#include "rectify-submission-private.h"

struct _RectifyRequestMonitor
{
  GObject        parent_instance;

  RectifyOutbox *outbox;
  GListModel    *cases;
  GCancellable  *cancellable;
  guint          timer_id;

  /* reference → GPtrArray of RectifyDeskComment, as last read */
  GHashTable    *replies;
  /* reference → GCancellable of the read in flight */
  GHashTable    *checking;
};

G_DEFINE_FINAL_TYPE (RectifyRequestMonitor, rectify_request_monitor, G_TYPE_OBJECT)

G_DEFINE_QUARK (rectify-request-monitor-error-quark, rectify_request_monitor_error)

enum {
  REPLIES_CHANGED,
  STATUS_CHANGED,
  SUPPORT_REPLIED,
  UNAUTHORIZED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Reading one request back */

typedef struct
{
  RectifyDeskClient *client;
  RectifyCase       *rcase;
  gint64             request_id;
  GCancellable      *cancellable;        /* the calls': either cancels it */
  GCancellable      *monitor_cancellable;
  gulong             monitor_handler;
  GCancellable      *caller_cancellable;
  gulong             caller_handler;
} RefreshData;

static void
refresh_data_free (RefreshData *data)
{
  if (data->caller_cancellable != NULL)
    g_cancellable_disconnect (data->caller_cancellable, data->caller_handler);
  g_cancellable_disconnect (data->monitor_cancellable, data->monitor_handler);
  g_clear_object (&data->caller_cancellable);
  g_clear_object (&data->monitor_cancellable);
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
 * rectify_request_monitor_refresh_async:
 * @self: a #RectifyRequestMonitor
 * @rcase: a case whose request is on the desk
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Reads the request back from the desk: its status goes into the case,
 * and its comments (support's replies) come back. Needs the outbox's desk
 * client signed in (NOT_SIGNED_IN otherwise).
 */
void
rectify_request_monitor_refresh_async (RectifyRequestMonitor *self,
                                       RectifyCase           *rcase,
                                       GCancellable          *cancellable,
                                       GAsyncReadyCallback    callback,
                                       gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  RectifyDeskClient *client;
  RefreshData *data;

  g_return_if_fail (RECTIFY_IS_REQUEST_MONITOR (self));
  g_return_if_fail (RECTIFY_IS_CASE (rcase));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rectify_request_monitor_refresh_async);

  client = rectify_outbox_get_client (self->outbox);
  if (client == NULL || rectify_desk_client_get_auth (client) == RECTIFY_DESK_AUTH_ANONYMOUS)
    {
      g_task_return_new_error (task, RECTIFY_REQUEST_MONITOR_ERROR,
                               RECTIFY_REQUEST_MONITOR_ERROR_NOT_SIGNED_IN,
                               "%s", _("Sign in to the help desk in Preferences to see the status "
                                       "of the request and the replies"));
      return;
    }

  if (rectify_case_get_request_id (rcase) <= 0)
    {
      g_task_return_new_error (task, RECTIFY_REQUEST_MONITOR_ERROR,
                               RECTIFY_REQUEST_MONITOR_ERROR_NO_REQUEST,
                               "%s", _("This request has no number on the help desk yet"));
      return;
    }

  data = g_new0 (RefreshData, 1);
  data->client = g_object_ref (client);
  data->rcase = g_object_ref (rcase);
  data->request_id = rectify_case_get_request_id (rcase);
  data->cancellable = g_cancellable_new ();
  data->monitor_cancellable = g_object_ref (self->cancellable);
  data->monitor_handler = g_cancellable_connect (data->monitor_cancellable,
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
 * rectify_request_monitor_refresh_finish:
 * @self: a #RectifyRequestMonitor
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type RectifyDeskComment): the
 *   request's comments, oldest first, or %NULL with @error set
 */
GPtrArray *
rectify_request_monitor_refresh_finish (RectifyRequestMonitor  *self,
                                        GAsyncResult           *result,
                                        GError                **error)
{
  g_return_val_if_fail (RECTIFY_IS_REQUEST_MONITOR (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                          rectify_request_monitor_refresh_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Support's newest reply, if it is newer than the one the owner was told
 * of. The first comment is the request itself, by the requester: any
 * comment by someone else, and public, is support's. */
static const RectifyDeskComment *
find_new_reply (RectifyCase *rcase,
                GPtrArray   *comments)
{
  gint64 seen = rectify_submission_get_last_reply_id (rectify_case_get_submission (rcase));
  const RectifyDeskComment *first;
  const RectifyDeskComment *newest = NULL;

  if (comments->len == 0)
    return NULL;

  first = g_ptr_array_index (comments, 0);
  for (guint i = 1; i < comments->len; i++)
    {
      const RectifyDeskComment *comment = g_ptr_array_index (comments, i);

      if (comment->is_public && comment->author_id != first->author_id && comment->id > seen &&
          (newest == NULL || comment->id > newest->id))
        newest = comment;
    }

  return newest;
}

/* The poller */

typedef struct
{
  RectifyRequestMonitor *self;
  RectifyCase           *rcase;
  char                  *old_status;
} Check;

static void
check_free (Check *check)
{
  g_object_unref (check->self);
  g_object_unref (check->rcase);
  g_free (check->old_status);
  g_free (check);
}

static void
check_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Check *check = user_data;
  RectifyRequestMonitor *self = check->self;
  const char *reference = rectify_case_get_reference (check->rcase);
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GError) error = NULL;
  const RectifyDeskComment *reply;

  comments = rectify_request_monitor_refresh_finish (self, result, &error);
  g_hash_table_remove (self->checking, reference);

  if (comments == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Case %s: could not read the request back (%s %d)", reference,
                 g_quark_to_string (error->domain), error->code);
      /* The sign-in needs renewing (or doing again): whoever made the
       * client knows how. */
      if (g_error_matches (error, RECTIFY_DESK_ERROR, RECTIFY_DESK_ERROR_UNAUTHORIZED))
        g_signal_emit (self, signals[UNAUTHORIZED], 0);
      check_free (check);
      return;
    }

  g_hash_table_replace (self->replies, g_strdup (reference), g_ptr_array_ref (comments));
  g_signal_emit (self, signals[REPLIES_CHANGED], 0, check->rcase);

  /* Told once: the id is saved with the case before anyone is told. */
  reply = find_new_reply (check->rcase, comments);
  if (reply != NULL)
    {
      rectify_case_set_last_reply_id (check->rcase, reply->id);
      g_signal_emit (self, signals[SUPPORT_REPLIED], 0, check->rcase, reply);
    }

  if (g_strcmp0 (rectify_case_get_request_status (check->rcase), check->old_status) != 0)
    g_signal_emit (self, signals[STATUS_CHANGED], 0, check->rcase, check->old_status);

  check_free (check);
}

static gboolean
may_check (RectifyRequestMonitor *self,
           RectifyCase           *rcase)
{
  RectifyDeskClient *client = rectify_outbox_get_client (self->outbox);

  return client != NULL && rectify_desk_client_get_auth (client) != RECTIFY_DESK_AUTH_ANONYMOUS &&
         rectify_case_get_request_id (rcase) > 0 &&
         !g_hash_table_contains (self->checking, rectify_case_get_reference (rcase));
}

/**
 * rectify_request_monitor_check:
 * @self: a #RectifyRequestMonitor
 * @rcase: a case
 *
 * Reads @rcase's request back now, when signed in and not being read
 * already; ::replies-changed follows, and ::status-changed when the status
 * is not the one known before.
 */
void
rectify_request_monitor_check (RectifyRequestMonitor *self,
                               RectifyCase           *rcase)
{
  g_autoptr(GCancellable) cancellable = NULL;
  Check *check;

  g_return_if_fail (RECTIFY_IS_REQUEST_MONITOR (self));
  g_return_if_fail (RECTIFY_IS_CASE (rcase));

  if (!may_check (self, rcase))
    return;

  cancellable = g_cancellable_new ();
  g_hash_table_insert (self->checking, g_strdup (rectify_case_get_reference (rcase)),
                       g_object_ref (cancellable));

  check = g_new0 (Check, 1);
  check->self = g_object_ref (self);
  check->rcase = g_object_ref (rcase);
  check->old_status = g_strdup (rectify_case_get_request_status (rcase));
  rectify_request_monitor_refresh_async (self, rcase, cancellable, check_cb, check);
}

/* Whether a read of @rcase's request is out. */
gboolean
rectify_request_monitor_is_checking (RectifyRequestMonitor *self,
                                     RectifyCase           *rcase)
{
  g_return_val_if_fail (RECTIFY_IS_REQUEST_MONITOR (self), FALSE);
  g_return_val_if_fail (RECTIFY_IS_CASE (rcase), FALSE);

  return g_hash_table_contains (self->checking, rectify_case_get_reference (rcase));
}

/**
 * rectify_request_monitor_check_all:
 * @self: a #RectifyRequestMonitor
 *
 * Reads back every request that is not closed, once.
 */
void
rectify_request_monitor_check_all (RectifyRequestMonitor *self)
{
  guint n;

  g_return_if_fail (RECTIFY_IS_REQUEST_MONITOR (self));

  n = g_list_model_get_n_items (self->cases);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RectifyCase) rcase = g_list_model_get_item (self->cases, i);

      if (RECTIFY_IS_CASE (rcase) &&
          g_strcmp0 (rectify_case_get_request_status (rcase), "closed") != 0)
        rectify_request_monitor_check (self, rcase);
    }
}

static gboolean
timer_cb (gpointer user_data)
{
  rectify_request_monitor_check_all (user_data);

  return G_SOURCE_CONTINUE;
}

/**
 * rectify_request_monitor_start:
 * @self: a #RectifyRequestMonitor
 * @interval_s: seconds between two rounds
 *
 * Starts the one poller: every @interval_s, each open request is read
 * back (rectify_request_monitor_check_all()). Starting again restarts it.
 */
void
rectify_request_monitor_start (RectifyRequestMonitor *self,
                               guint                  interval_s)
{
  g_return_if_fail (RECTIFY_IS_REQUEST_MONITOR (self));
  g_return_if_fail (interval_s > 0);

  g_clear_handle_id (&self->timer_id, g_source_remove);
  self->timer_id = g_timeout_add_seconds (interval_s, timer_cb, self);
}

void
rectify_request_monitor_stop (RectifyRequestMonitor *self)
{
  g_return_if_fail (RECTIFY_IS_REQUEST_MONITOR (self));

  g_clear_handle_id (&self->timer_id, g_source_remove);
}

/**
 * rectify_request_monitor_get_replies:
 * @self: a #RectifyRequestMonitor
 * @rcase: a case
 *
 * Returns: (transfer none) (nullable) (element-type RectifyDeskComment): the
 *   comments of @rcase's request as last read, the request itself first;
 *   %NULL before the first read
 */
GPtrArray *
rectify_request_monitor_get_replies (RectifyRequestMonitor *self,
                                     RectifyCase           *rcase)
{
  g_return_val_if_fail (RECTIFY_IS_REQUEST_MONITOR (self), NULL);
  g_return_val_if_fail (RECTIFY_IS_CASE (rcase), NULL);

  return g_hash_table_lookup (self->replies, rectify_case_get_reference (rcase));
}

/* The object */

static void
cancel_check (gpointer key,
              gpointer value,
              gpointer user_data)
{
  g_cancellable_cancel (value);
}

static void
rectify_request_monitor_dispose (GObject *object)
{
  RectifyRequestMonitor *self = (RectifyRequestMonitor *)object;

  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_hash_table_foreach (self->checking, cancel_check, NULL);
  g_clear_object (&self->outbox);
  g_clear_object (&self->cases);

  G_OBJECT_CLASS (rectify_request_monitor_parent_class)->dispose (object);
}

static void
rectify_request_monitor_finalize (GObject *object)
{
  RectifyRequestMonitor *self = (RectifyRequestMonitor *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->replies, g_hash_table_unref);
  g_clear_pointer (&self->checking, g_hash_table_unref);

  G_OBJECT_CLASS (rectify_request_monitor_parent_class)->finalize (object);
}

static void
rectify_request_monitor_class_init (RectifyRequestMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rectify_request_monitor_dispose;
  object_class->finalize = rectify_request_monitor_finalize;

  /**
   * RectifyRequestMonitor::replies-changed:
   * @self: the monitor
   * @rcase: the case whose request was read back
   *
   * The request's comments were read again; see
   * rectify_request_monitor_get_replies().
   */
  signals[REPLIES_CHANGED] =
    g_signal_new ("replies-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, RECTIFY_TYPE_CASE);

  /**
   * RectifyRequestMonitor::status-changed:
   * @self: the monitor
   * @rcase: the case
   * @old_status: (nullable): the status known before
   *
   * The desk gave the request a new status (now in the case).
   */
  signals[STATUS_CHANGED] =
    g_signal_new ("status-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, RECTIFY_TYPE_CASE, G_TYPE_STRING);

  /**
   * RectifyRequestMonitor::support-replied:
   * @self: the monitor
   * @rcase: the case
   * @reply: (type gpointer): support's newest reply, a #RectifyDeskComment
   *
   * Support replied since the owner was last told; emitted once per reply,
   * across restarts (the reply's id is saved with the case first).
   */
  /**
   * RectifyRequestMonitor::unauthorized:
   * @self: the monitor
   *
   * The desk refused the sign-in while reading a request back (401): an
   * access token that expired or was revoked.
   */
  signals[UNAUTHORIZED] =
    g_signal_new ("unauthorized", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  signals[SUPPORT_REPLIED] =
    g_signal_new ("support-replied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, RECTIFY_TYPE_CASE, G_TYPE_POINTER);
}

static void
rectify_request_monitor_init (RectifyRequestMonitor *self)
{
  self->cancellable = g_cancellable_new ();
  self->replies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
  self->checking = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/**
 * rectify_request_monitor_new:
 * @outbox: the outbox, whose desk client reads (signed in only)
 * @cases: (element-type RectifyCase): the cases to follow
 *
 * Returns: (transfer full): a monitor, not polling yet
 */
RectifyRequestMonitor *
rectify_request_monitor_new (RectifyOutbox *outbox,
                             GListModel    *cases)
{
  RectifyRequestMonitor *self;

  g_return_val_if_fail (RECTIFY_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (cases), NULL);

  self = g_object_new (RECTIFY_TYPE_REQUEST_MONITOR, NULL);
  self->outbox = g_object_ref (outbox);
  self->cases = g_object_ref (cases);

  return self;
}
