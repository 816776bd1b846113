/* test-outbox.c: the outbox against the strict local help desk
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test sends a real case through the outbox to tests/desk, with its
 * failures switched on, and counts what the desk created: one request per
 * case, whatever fails. The outbox's waits go through a timer that records
 * each delay asked for and fires after a millisecond, and the network is a
 * monitor the test switches on and off. A crash is the outbox and its client
 * disposed mid-flight, the case file put back as it was on disk at that
 * instant, and a fresh store, client and outbox resuming from it.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "rectify-case-file.h"
#include "rectify-clock.h"
#include "rectify-case-store.h"
#include "rectify-clock.h"
#include "rectify-correction.h"
#include "rectify-outbox.h"
#include "rectify-reference.h"
#include "rectify-request-monitor.h"
#include "rectify-request.h"
#include "rectify-submission-private.h"
#include "rectify-test-case.h"
#include "rectify-test-desk.h"
#include "rectify-test-monitor.h"

#define OAUTH_TOKEN   "oauth-token-for-tests"
#define API_TOKEN     "api-token-for-tests"
#define OWNER_EMAIL   "ana@example.com"
#define TIMEOUT_S     10

/* The fixture */

typedef struct
{
  gboolean signed_in;
} Setup;

static const Setup anonymous = { FALSE };
static const Setup signed_in = { TRUE };

typedef struct
{
  gboolean           signed_in;
  RectifyTestDesk   *desk;
  RectifyDeskClient *client;
  RectifyDeskClient *reader;     /* signed in, to look at what the desk holds */
  RectifyTestMonitor *monitor;
  GFile             *directory;
  RectifyCaseStore  *store;
  RectifyOutbox     *outbox;
  RectifyCase       *rcase;
  char              *reference;
  GArray            *delays;     /* guint: each wait the outbox asked for */
  GArray            *progress;   /* double: each progress signal for the case */

  /* Crashes */
  gboolean           crashed;
  gboolean           have_snapshot;
  GBytes            *snapshot;   /* the case file as it was at the crash */
  gboolean           crash_on_creating_saved;
  RectifySendState   crash_on_saved_state;
  guint              crash_after_token;
  char              *token_before_crash;

  /* Set by the hook on entering CREATING */
  guint              clock_advances;
} Fixture;

static guint
test_timer (guint          delay_ms,
            GSourceFunc    callback,
            gpointer       data,
            GDestroyNotify notify,
            gpointer       user_data)
{
  Fixture *f = user_data;

  g_array_append_val (f->delays, delay_ms);
  return g_timeout_add_full (G_PRIORITY_DEFAULT, 1, callback, data, notify);
}

static void
on_progress (RectifyOutbox *outbox,
             RectifyCase   *rcase,
             double         fraction,
             Fixture       *f)
{
  if (g_strcmp0 (rectify_case_get_reference (rcase), f->reference) == 0)
    g_array_append_val (f->progress, fraction);
}

static RectifyDeskClient *
new_client (Fixture  *f,
            gboolean  with_sign_in)
{
  g_autoptr(GError) error = NULL;
  RectifyDeskClient *client;

  client = rectify_desk_client_new (rectify_test_desk_get_url (f->desk), &error);
  g_assert_no_error (error);
  if (with_sign_in)
    rectify_desk_client_set_oauth_token (client, OAUTH_TOKEN);
  else
    rectify_desk_client_set_anonymous (client, NULL, NULL, 0);

  return client;
}

static RectifyOutbox *
new_outbox (Fixture *f)
{
  RectifyOutbox *outbox = rectify_outbox_new (f->store, f->client, G_NETWORK_MONITOR (f->monitor));

  rectify_outbox_set_backoff (outbox, 10, 80);
  rectify_outbox_set_timer_func (outbox, test_timer, f, NULL);
  g_signal_connect (outbox, "progress", G_CALLBACK (on_progress), f);

  return outbox;
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (rectify_case_store_load_finish (RECTIFY_CASE_STORE (object), result, NULL,
                                                 &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
wait_for_flag (gboolean   *flag,
               const char *what)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_S * G_USEC_PER_SEC;

  while (!*flag && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  if (!*flag)
    g_error ("Timed out waiting for %s", what);
}

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets the main loop run for @ms, to see that nothing happens. */
static void
run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_flag, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static RectifyCaseStore *
open_store (GFile *directory)
{
  RectifyCaseStore *store = rectify_case_store_new (directory);
  gboolean done = FALSE;

  rectify_case_store_set_autosave_delay (store, 10, 50);
  rectify_case_store_load_async (store, NULL, load_cb, &done);
  wait_for_flag (&done, "the store to load");

  return store;
}

static void
finalized_cb (gpointer  data,
              GObject  *where)
{
  *(gboolean *) data = TRUE;
}

/* Drops the test's reference and waits for the object to go: calls still
 * finishing may hold it a little longer, nothing may keep it. */
static void
drop (gpointer object_pointer)
{
  GObject **pointer = object_pointer;
  gboolean gone = FALSE;

  if (*pointer == NULL)
    return;

  g_object_weak_ref (*pointer, finalized_cb, &gone);
  g_clear_object (pointer);
  wait_for_flag (&gone, "an object to be finalized");
}

static GFile *
write_file (const char *name,
            const char *head,
            gsize       head_length,
            gsize       size)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), name, NULL);
  g_autofree char *data = g_malloc (size + 1);
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < size; i++)
    data[i] = 'a' + (i % 26);
  memcpy (data, head, MIN (head_length, size));

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  g_file_set_contents (path, data, size, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

static void
add_attachment (Fixture    *f,
                const char *name,
                gsize       size)
{
  static const char pdf[] = "%PDF-1.4\n% Rectify test invoice\n";
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
  gboolean is_png = g_str_has_suffix (name, ".png");
  g_autoptr(GFile) file = write_file (name, is_png ? png : pdf,
                                      is_png ? sizeof png - 1 : sizeof pdf - 1, size);
  g_autoptr(RectifyAttachment) attachment = rectify_attachment_new (file);

  rectify_test_check_attachment (attachment);
  g_assert_cmpint (rectify_attachment_get_state (attachment), ==,
                   RECTIFY_ATTACHMENT_STATE_READY);
  rectify_case_add_attachment (f->rcase, attachment);
}

static RectifyAttachment *
get_attachment (RectifyCase *rcase,
                guint        position)
{
  return g_list_model_get_item (rectify_case_get_attachments (rcase), position);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const Setup *setup = data;
  g_autoptr(GError) error = NULL;

  f->signed_in = setup->signed_in;
  f->delays = g_array_new (FALSE, FALSE, sizeof (guint));
  f->progress = g_array_new (FALSE, FALSE, sizeof (double));

  f->desk = rectify_test_desk_new (&error);
  g_assert_no_error (error);
  rectify_test_desk_set_oauth_token (f->desk, OAUTH_TOKEN);
  /* The signed-in user is the owner the cases name, so an anonymous
   * request from the owner's address is theirs too. */
  rectify_test_desk_set_api_token (f->desk, OWNER_EMAIL, API_TOKEN);

  f->client = new_client (f, f->signed_in);
  f->reader = new_client (f, TRUE);
  f->monitor = rectify_test_monitor_new ();

  f->directory = g_file_new_build_filename (g_get_user_data_dir (), "rectify", "cases", NULL);
  f->store = open_store (f->directory);

  f->rcase = rectify_case_new ();
  f->reference = g_strdup (rectify_case_get_reference (f->rcase));
  rectify_test_fill_complete (f->rcase, RECTIFY_SCENARIO_UNINTENDED);
  rectify_case_set_text (f->rcase, RECTIFY_TEXT_CONTACT_EMAIL, OWNER_EMAIL);
  rectify_case_store_add (f->store, f->rcase);

  f->outbox = new_outbox (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->outbox != NULL)
    g_signal_handlers_disconnect_by_data (f->outbox, f);
  drop (&f->outbox);
  g_clear_object (&f->rcase);

  if (f->store != NULL)
    {
      g_signal_handlers_disconnect_by_data (f->store, f);
      while (rectify_case_store_has_unsaved (f->store))
        g_main_context_iteration (NULL, TRUE);
    }
  drop (&f->store);

  drop (&f->client);
  drop (&f->reader);
  drop (&f->desk);
  drop (&f->monitor);

  g_clear_object (&f->directory);
  g_clear_pointer (&f->reference, g_free);
  g_clear_pointer (&f->delays, g_array_unref);
  g_clear_pointer (&f->progress, g_array_unref);
  g_clear_pointer (&f->snapshot, g_bytes_unref);
  g_clear_pointer (&f->token_before_crash, g_free);

  /* The closed connections' last callbacks. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Waiting and looking */

static const char *
state_nick (RectifySendState state)
{
  static const char * const nicks[] = {
    "draft", "queued", "uploading", "creating", "sent", "failed", "needs-confirmation",
    "sent-elsewhere",
  };

  return state < G_N_ELEMENTS (nicks) ? nicks[state] : "?";
}

/* The code of why the case is where it is, or NONE. */
static RectifySendReasonCode
reason_code (Fixture *f)
{
  const RectifySendReason *reason = rectify_case_get_send_reason (f->rcase);

  return reason != NULL ? reason->code : RECTIFY_SEND_REASON_NONE;
}

static void
wait_state (Fixture          *f,
            RectifySendState  state)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_S * G_USEC_PER_SEC;

  while (rectify_case_get_send_state (f->rcase) != state && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  if (rectify_case_get_send_state (f->rcase) != state)
    g_error ("Waited for %s, the case is %s, reason %d", state_nick (state),
             state_nick (rectify_case_get_send_state (f->rcase)),
             reason_code (f));

  /* Whatever the outbox writes on the way. */
  while (rectify_case_store_has_unsaved (f->store))
    g_main_context_iteration (NULL, TRUE);
}

/* Until the send record gives @code as the reason, on a slow machine too
 * (a sanitizer build): a bound, not a timing. */
static void
wait_reason (Fixture              *f,
             RectifySendReasonCode code)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_S * G_USEC_PER_SEC;

  while (reason_code (f) != code && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

static void
send (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  gboolean queued = rectify_outbox_send (f->outbox, f->rcase, &error);

  g_assert_no_error (error);
  g_assert_true (queued);
}

static void
confirm (Fixture  *f,
         gboolean  it_arrived,
         gint64    request_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rectify_outbox_confirm (f->outbox, f->rcase, it_arrived, request_id, &error));
  g_assert_no_error (error);
}

static guint
created (Fixture *f)
{
  return rectify_test_desk_get_created_count (f->desk);
}

static guint
uploads (Fixture *f)
{
  return rectify_test_desk_get_upload_count (f->desk);
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      data)
{
  GAsyncResult **out = data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **result)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_S * G_USEC_PER_SEC;

  while (*result == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (*result);

  return g_steal_pointer (result);
}

/* The comments of a request, read as the signed-in owner. */
static GPtrArray *
desk_comments (Fixture *f,
               gint64   request_id)
{
  GAsyncResult *pending = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *comments;

  rectify_desk_client_list_comments_async (f->reader, request_id, NULL, store_result, &pending);
  result = wait_result (&pending);
  comments = rectify_desk_client_list_comments_finish (f->reader, result, &error);
  g_assert_no_error (error);

  return comments;
}

/* The request's first comment carries @n files. */
static void
assert_attachments (Fixture *f,
                    guint    n)
{
  g_autoptr(GPtrArray) comments = desk_comments (f, rectify_case_get_request_id (f->rcase));
  const RectifyDeskComment *first;

  g_assert_cmpuint (comments->len, >=, 1);
  first = g_ptr_array_index (comments, 0);
  g_assert_cmpuint (first->attachments->len, ==, n);
}

/* What the help centre link should be. */
static void
assert_sent (Fixture *f,
             gint64   request_id)
{
  g_autofree char *link = NULL;
  g_autofree char *short_reference = rectify_reference_shorten (f->reference);

  g_assert_cmpint (rectify_case_get_send_state (f->rcase), ==, RECTIFY_SEND_STATE_SENT);
  g_assert_null (rectify_case_get_send_reason (f->rcase));
  if (request_id > 0)
    g_assert_cmpint (rectify_case_get_request_id (f->rcase), ==, request_id);
  g_assert_cmpint (rectify_case_get_request_id (f->rcase), >, 0);

  link = g_strdup_printf ("%s/hc/requests/%" G_GINT64_FORMAT, rectify_test_desk_get_url (f->desk),
                          rectify_case_get_request_id (f->rcase));
  g_assert_cmpstr (rectify_case_get_request_url (f->rcase), ==, link);
  g_assert_cmpuint (rectify_case_get_send_attempts (f->rcase), ==, 0);
  g_assert_nonnull (rectify_case_get_submitted_at (f->rcase));
  /* The subject carries the short reference, not the UUID. */
  g_assert_cmpuint (rectify_test_desk_count_subject (f->desk, short_reference), ==, 1);
  g_assert_cmpuint (rectify_test_desk_count_subject (f->desk, f->reference), ==, 0);
  g_assert_false (rectify_outbox_is_sending (f->outbox, f->rcase));
}

/* The case file as the disk has it now. */
static RectifyCase *
read_case_file (Fixture *f)
{
  g_autofree char *name = g_strconcat (f->reference, ".json", NULL);
  g_autoptr(GFile) file = g_file_get_child (f->directory, name);
  g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  RectifyCase *rcase;

  g_assert_nonnull (bytes);
  rcase = rectify_case_from_bytes (bytes, &error);
  g_assert_no_error (error);

  return rcase;
}

/* Crashes */

static GFile *
case_file (Fixture *f)
{
  g_autofree char *name = g_strconcat (f->reference, ".json", NULL);

  return g_file_get_child (f->directory, name);
}

/* The crash itself: what is on disk now is all that survives; the outbox
 * and its calls stop here. Safe inside a signal handler. */
static void
crash_begin (Fixture *f)
{
  g_autoptr(GFile) file = case_file (f);

  if (f->crashed)
    return;

  f->crashed = TRUE;
  f->snapshot = g_file_load_bytes (file, NULL, NULL, NULL);
  f->have_snapshot = f->snapshot != NULL;
  g_test_message ("Crash with the case %s on disk",
                  f->have_snapshot ? "saved" : "not yet saved");
  g_object_run_dispose (G_OBJECT (f->outbox));
}

/* The restart: the file put back as it was at the crash, a fresh store,
 * client and outbox, and resume. */
static void
crash_restart (Fixture  *f,
               gboolean  with_sign_in)
{
  g_autoptr(GFile) file = case_file (f);
  g_autoptr(GError) error = NULL;

  crash_begin (f);
  g_signal_handlers_disconnect_by_data (f->outbox, f);
  g_signal_handlers_disconnect_by_data (f->store, f);
  drop (&f->outbox);
  drop (&f->client);
  g_clear_object (&f->rcase);
  drop (&f->store);

  if (f->have_snapshot)
    {
      g_file_replace_contents (file, g_bytes_get_data (f->snapshot, NULL),
                               g_bytes_get_size (f->snapshot), NULL, FALSE,
                               G_FILE_CREATE_PRIVATE, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  else
    {
      g_file_delete (file, NULL, NULL);
    }

  f->store = open_store (f->directory);
  f->rcase = rectify_case_store_lookup (f->store, f->reference);
  g_assert_nonnull (f->rcase);
  g_object_ref (f->rcase);

  f->client = new_client (f, with_sign_in);
  f->outbox = new_outbox (f);
  rectify_outbox_resume (f->outbox, G_LIST_MODEL (f->store));
}

/* Crashes once the file on disk shows the state the test waits for. */
static void
on_saved_crash (RectifyCaseStore *store,
                RectifyCase      *rcase,
                Fixture          *f)
{
  g_autoptr(RectifyCase) on_disk = NULL;
  g_autoptr(RectifyAttachment) first = NULL;

  if (f->crashed || g_strcmp0 (rectify_case_get_reference (rcase), f->reference) != 0)
    return;

  on_disk = read_case_file (f);
  if (rectify_case_get_send_state (on_disk) != f->crash_on_saved_state)
    return;

  /* After the first upload: its token is on disk. */
  if (f->crash_after_token == 1)
    {
      first = get_attachment (on_disk, 0);
      if (rectify_attachment_get_upload_token (first) == NULL)
        return;
      f->token_before_crash = g_strdup (rectify_attachment_get_upload_token (first));
    }

  crash_begin (f);
}

static void
on_token_crash (RectifyAttachment *attachment,
                GParamSpec        *pspec,
                Fixture           *f)
{
  if (rectify_attachment_get_upload_token (attachment) != NULL)
    crash_begin (f);
}

static void
on_first_token (RectifyAttachment *attachment,
                GParamSpec        *pspec,
                Fixture           *f)
{
  /* Keep the second upload out at the desk while the first is saved. */
  if (rectify_attachment_get_upload_token (attachment) != NULL && !f->crashed)
    rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/uploads",
                                 RECTIFY_TEST_DESK_FAULT_LATENCY, 1, 5000);
}

/* Mark as Sent and the outbox */

static void
mark_sent (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rectify_outbox_mark_sent_elsewhere (f->outbox, f->rcase, &error));
  g_assert_no_error (error);
}

static void
test_mark_sent_race (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RectifyCase) on_disk = NULL;

  /* Queued, waiting for the network; the owner e-mails it meanwhile. */
  add_attachment (f, "invoice.pdf", 4096);
  rectify_test_monitor_set_available (f->monitor, FALSE);
  send (f);
  run_for (30);
  g_assert_cmpint (rectify_case_get_send_state (f->rcase), ==, RECTIFY_SEND_STATE_QUEUED);
  mark_sent (f);
  g_assert_cmpint (rectify_case_get_send_state (f->rcase), ==, RECTIFY_SEND_STATE_SENT_ELSEWHERE);
  g_assert_false (rectify_outbox_is_sending (f->outbox, f->rcase));

  /* The network comes back: the desk gets nothing. */
  rectify_test_monitor_set_available (f->monitor, TRUE);
  run_for (100);
  g_assert_cmpuint (created (f), ==, 0);
  g_assert_cmpuint (rectify_test_desk_get_hit_count (f->desk), ==, 0);
  g_assert_cmpint (rectify_case_get_send_state (f->rcase), ==, RECTIFY_SEND_STATE_SENT_ELSEWHERE);

  /* Nor after a restart. */
  while (rectify_case_store_has_unsaved (f->store))
    g_main_context_iteration (NULL, TRUE);
  on_disk = read_case_file (f);
  g_assert_cmpint (rectify_case_get_send_state (on_disk), ==, RECTIFY_SEND_STATE_SENT_ELSEWHERE);
  rectify_outbox_resume (f->outbox, G_LIST_MODEL (f->store));
  run_for (50);
  g_assert_cmpuint (created (f), ==, 0);

  /* Said once, it is not said again. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (rectify_outbox_mark_sent_elsewhere (f->outbox, f->rcase, &error));
    g_assert_error (error, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_ALREADY_SENT);
    g_clear_error (&error);
    g_assert_false (rectify_outbox_send (f->outbox, f->rcase, &error));
    g_assert_error (error, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_ALREADY_SENT);
  }
}

static void
test_mark_sent_uploading (Fixture       *f,
                          gconstpointer  data)
{
  /* The file is on its way, the request is not: stopping here sends nothing. */
  add_attachment (f, "invoice.pdf", 4096);
  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/uploads",
                               RECTIFY_TEST_DESK_FAULT_LATENCY, 1, 200);
  send (f);
  while (rectify_test_desk_get_pending_count (f->desk) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (rectify_case_get_send_state (f->rcase), ==, RECTIFY_SEND_STATE_UPLOADING);
  mark_sent (f);

  run_for (400);
  g_assert_cmpuint (created (f), ==, 0);
  g_assert_cmpint (rectify_case_get_send_state (f->rcase), ==, RECTIFY_SEND_STATE_SENT_ELSEWHERE);
}

static void
test_mark_sent_too_late (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_LATENCY, 1, 200);
  send (f);
  while (rectify_test_desk_get_pending_count (f->desk) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (rectify_case_get_send_state (f->rcase), ==, RECTIFY_SEND_STATE_CREATING);

  /* The request may be on the desk: refused, with the reason. */
  g_assert_false (rectify_outbox_mark_sent_elsewhere (f->outbox, f->rcase, &error));
  g_assert_error (error, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_TOO_LATE);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_cmpint (rectify_case_get_send_state (f->rcase), ==, RECTIFY_SEND_STATE_CREATING);

  /* Credited to Rectify, once. */
  wait_state (f, RECTIFY_SEND_STATE_SENT);
  g_assert_cmpuint (created (f), ==, 1);
  assert_sent (f, 0);
}

/* What was sent stays as sent */

static void
test_snapshot_matches_desk (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(RectifyCase) on_disk = NULL;
  g_autoptr(RectifyDeskRequest) request = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  GAsyncResult *pending = NULL;
  const char * const *names;
  GDate today;

  add_attachment (f, "invoice.pdf", 4096);
  add_attachment (f, "screenshot.png", 2048);
  g_assert_null (rectify_case_get_sent_body (f->rcase));
  g_assert_false (rectify_case_is_locked (f->rcase));

  rectify_clock_get_today (&today);
  subject = rectify_request_dup_subject (f->rcase);
  body = rectify_request_dup_body (f->rcase, &today);

  send (f);
  g_assert_true (rectify_case_is_locked (f->rcase));
  wait_state (f, RECTIFY_SEND_STATE_SENT);
  g_assert_cmpuint (created (f), ==, 1);

  /* The desk's record, read back as the owner, byte for byte. */
  rectify_desk_client_get_request_async (f->reader, rectify_case_get_request_id (f->rcase), NULL,
                                         store_result, &pending);
  result = wait_result (&pending);
  request = rectify_desk_client_get_request_finish (f->reader, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rectify_case_get_sent_subject (f->rcase), ==, request->subject);
  g_assert_cmpstr (rectify_case_get_sent_body (f->rcase), ==, request->description);
  /* And what the request text said when Send was pressed. */
  g_assert_cmpstr (request->subject, ==, subject);
  g_assert_cmpstr (request->description, ==, body);

  names = rectify_case_get_sent_attachments (f->rcase);
  g_assert_nonnull (names);
  g_assert_cmpuint (g_strv_length ((char **) names), ==, 2);
  g_assert_cmpstr (names[0], ==, "invoice.pdf");
  g_assert_cmpstr (names[1], ==, "screenshot.png");
  assert_attachments (f, 2);

  /* In the case file too. */
  on_disk = read_case_file (f);
  g_assert_cmpstr (rectify_case_get_sent_subject (on_disk), ==, request->subject);
  g_assert_cmpstr (rectify_case_get_sent_body (on_disk), ==, request->description);
  g_assert_true (g_strv_equal (rectify_case_get_sent_attachments (on_disk), names));

  /* A later change does not rewrite what was sent. */
  rectify_case_set_text (f->rcase, RECTIFY_TEXT_QUANTITY, "9");
  g_assert_cmpstr (rectify_case_get_sent_body (f->rcase), ==, request->description);
}

static void
test_snapshot_forgotten (Fixture       *f,
                         gconstpointer  data)
{
  /* The desk refuses the request: nothing went out, nothing is kept. */
  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_SERVER_ERROR, 1, 400);
  send (f);
  wait_state (f, RECTIFY_SEND_STATE_FAILED);
  g_assert_cmpuint (created (f), ==, 0);
  g_assert_null (rectify_case_get_sent_body (f->rcase));
  g_assert_null (rectify_case_get_sent_subject (f->rcase));
  g_assert_false (rectify_case_is_locked (f->rcase));
}

/* The owner's answer after an ambiguous send */

static void
test_parse_request_number (void)
{
  const struct { const char *text; gint64 id; } good[] = {
    { "12345", 12345 }, { " #7 ", 7 }, { "#101", 101 }, { "000042", 42 },
    { "999999999999999", G_GINT64_CONSTANT (999999999999999) },
  };
  const char * const bad[] = {
    "", "  ", "#", "0", "12a", "-5", "+5", "1 2", "1.5", "١٢", "1234567890123456", "##1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 id = -1;

      g_assert_true (rectify_outbox_parse_request_number (good[i].text, &id, &error));
      g_assert_no_error (error);
      g_assert_cmpint (id, ==, good[i].id);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 id = -1;

      g_assert_false (rectify_outbox_parse_request_number (bad[i], &id, &error));
      g_assert_error (error, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_BAD_NUMBER);
      g_assert_cmpint (id, ==, -1);
    }
}

static gboolean
record_arrival (Fixture  *f,
                gint64    request_id,
                GError  **error)
{
  GAsyncResult *pending = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  rectify_outbox_record_arrival_async (f->outbox, f->rcase, request_id, NULL, store_result,
                                       &pending);
  result = wait_result (&pending);

  return rectify_outbox_record_arrival_finish (f->outbox, result, error);
}

static void
test_arrived_with_number (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(RectifyDeskClient) signed_in_client = NULL;
  g_autoptr(RectifyCase) on_disk = NULL;
  g_autoptr(GError) error = NULL;

  /* Anonymous: the desk took it, the answer was lost. */
  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_DROP_AFTER_BODY, 1, 0);
  send (f);
  wait_state (f, RECTIFY_SEND_STATE_NEEDS_CONFIRMATION);
  g_assert_cmpuint (created (f), ==, 1);

  /* Signed in since: the number typed is looked up on the desk. */
  signed_in_client = new_client (f, TRUE);
  rectify_outbox_set_client (f->outbox, signed_in_client);

  g_assert_false (record_arrival (f, 4711, &error));
  g_assert_error (error, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_NO_REQUEST);
  g_assert_nonnull (strstr (error->message, "4711"));
  g_clear_error (&error);
  g_assert_cmpint (rectify_case_get_send_state (f->rcase), ==,
                   RECTIFY_SEND_STATE_NEEDS_CONFIRMATION);

  /* The desk's first request is 101: sent by Rectify, with that number. */
  g_assert_true (record_arrival (f, 101, &error));
  g_assert_no_error (error);
  wait_state (f, RECTIFY_SEND_STATE_SENT);
  g_assert_cmpint (rectify_case_get_request_id (f->rcase), ==, 101);
  g_assert_cmpuint (created (f), ==, 1);
  on_disk = read_case_file (f);
  g_assert_cmpint (rectify_case_get_send_state (on_disk), ==, RECTIFY_SEND_STATE_SENT);
  g_assert_cmpint (rectify_case_get_request_id (on_disk), ==, 101);

  /* Nothing waits for an answer any more. */
  g_assert_false (record_arrival (f, 101, &error));
  g_assert_error (error, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_NOT_SENDING);
}

static void
test_arrived_number_later (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_DROP_AFTER_BODY, 1, 0);
  send (f);
  wait_state (f, RECTIFY_SEND_STATE_NEEDS_CONFIRMATION);

  /* It arrived, the number is not at hand: sent by Rectify all the same. */
  g_assert_true (record_arrival (f, 0, &error));
  g_assert_cmpint (rectify_case_get_send_state (f->rcase), ==, RECTIFY_SEND_STATE_SENT);
  g_assert_cmpint (rectify_case_get_request_id (f->rcase), ==, 0);
  g_assert_true (rectify_case_is_submitted (f->rcase));

  /* Anonymous, the number found later is taken as typed. */
  g_assert_true (record_arrival (f, 101, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rectify_case_get_request_id (f->rcase), ==, 101);
  g_assert_nonnull (strstr (rectify_case_get_request_url (f->rcase), "/hc/requests/101"));
  g_assert_cmpuint (created (f), ==, 1);
}

/* A correction goes on the same request */

static gboolean
send_correction (Fixture     *f,
                 const char  *change,
                 GError     **error)
{
  GAsyncResult *pending = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  rectify_outbox_send_correction_async (f->outbox, f->rcase, change, NULL, store_result,
                                        &pending);
  result = wait_result (&pending);

  return rectify_outbox_send_correction_finish (f->outbox, result, error);
}

static void
test_correction_signed_in (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *short_reference = rectify_reference_shorten (f->reference);
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  const RectifyDeskComment *reply;
  gint64 id;

  send (f);
  wait_state (f, RECTIFY_SEND_STATE_SENT);
  id = rectify_case_get_request_id (f->rcase);
  g_assert_true (rectify_outbox_can_reply (f->outbox, f->rcase));

  g_assert_false (send_correction (f, "  \n ", &error));
  g_assert_error (error, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_NOT_READY);
  g_clear_error (&error);

  g_assert_true (send_correction (f, "We bought 2 licences by mistake, not 3.", &error));
  g_assert_no_error (error);

  /* One request still, now with the reply, which names it. */
  g_assert_cmpuint (created (f), ==, 1);
  g_assert_cmpuint (rectify_test_desk_count_subject (f->desk, short_reference), ==, 1);
  comments = desk_comments (f, id);
  g_assert_cmpuint (comments->len, ==, 2);
  reply = g_ptr_array_index (comments, 1);
  number = g_strdup_printf ("#%" G_GINT64_FORMAT ",", id);
  g_assert_nonnull (strstr (reply->body, number));
  g_assert_true (g_str_has_suffix (reply->body, "\n\nWe bought 2 licences by mistake, not 3.\n"));

  /* What was sent stays as it was. */
  g_assert_cmpint (rectify_case_get_send_state (f->rcase), ==, RECTIFY_SEND_STATE_SENT);
  g_assert_cmpint (rectify_case_get_request_id (f->rcase), ==, id);
}

static void
test_correction_anonymous (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *short_reference = rectify_reference_shorten (f->reference);
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *mailto = NULL;
  g_autofree char *number = NULL;
  gint64 id;

  /* Before sending there is nothing to correct. */
  g_assert_false (send_correction (f, "A change", &error));
  g_assert_error (error, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_NO_REQUEST);
  g_clear_error (&error);

  send (f);
  wait_state (f, RECTIFY_SEND_STATE_SENT);
  id = rectify_case_get_request_id (f->rcase);

  /* Without a sign-in no reply: the desk is not asked. */
  g_assert_false (rectify_outbox_can_reply (f->outbox, f->rcase));
  g_assert_false (send_correction (f, "A change", &error));
  g_assert_error (error, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_NOT_SIGNED_IN);
  g_assert_cmpuint (created (f), ==, 1);
  comments = desk_comments (f, id);
  g_assert_cmpuint (comments->len, ==, 1);

  /* The e-mail and the copied text quote the request number and reference. */
  number = g_strdup_printf ("#%" G_GINT64_FORMAT, id);
  subject = rectify_correction_dup_subject (f->rcase);
  g_assert_nonnull (strstr (subject, number));
  g_assert_nonnull (strstr (subject, short_reference));
  body = rectify_correction_dup_body (f->rcase, " Only 2 licences. ");
  g_assert_nonnull (strstr (body, number));
  g_assert_true (g_str_has_suffix (body, "\n\nOnly 2 licences.\n"));
  mailto = rectify_correction_dup_mailto (f->rcase, "support@example.com", "Only 2 licences.");
  g_assert_true (g_str_has_prefix (mailto, "mailto:support@example.com?subject="));
  g_assert_nonnull (strstr (mailto, "%23"));
  g_assert_nonnull (strstr (mailto, "%0D%0A%0D%0AOnly%202%20licences."));
}

/* One poller reads every request back */

static void
on_monitor_signal (RectifyRequestMonitor *monitor,
                   RectifyCase           *rcase,
                   guint                 *count)
{
  (*count)++;
}

static void
on_status_changed_count (RectifyRequestMonitor *monitor,
                         RectifyCase           *rcase,
                         const char            *old_status,
                         guint                 *count)
{
  g_assert_cmpstr (old_status, ==, "new");
  (*count)++;
}

static gboolean
monitor_idle (RectifyRequestMonitor *monitor,
              RectifyCase           *rcase)
{
  return !rectify_request_monitor_is_checking (monitor, rcase);
}

static void
test_monitor (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RectifyRequestMonitor) monitor = NULL;
  guint replies_changed = 0;
  guint status_changed = 0;
  guint hits;
  GPtrArray *replies;
  gint64 id;

  send (f);
  wait_state (f, RECTIFY_SEND_STATE_SENT);
  id = rectify_case_get_request_id (f->rcase);
  monitor = rectify_request_monitor_new (f->outbox, G_LIST_MODEL (f->store));
  g_signal_connect (monitor, "replies-changed", G_CALLBACK (on_monitor_signal), &replies_changed);
  g_signal_connect (monitor, "status-changed", G_CALLBACK (on_status_changed_count),
                    &status_changed);
  g_assert_null (rectify_request_monitor_get_replies (monitor, f->rcase));

  /* Nothing changed on the desk: read, no news. */
  rectify_request_monitor_check_all (monitor);
  while (!monitor_idle (monitor, f->rcase))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (replies_changed, ==, 1);
  g_assert_cmpuint (status_changed, ==, 0);
  g_assert_cmpuint (rectify_request_monitor_get_replies (monitor, f->rcase)->len, ==, 1);

  /* Support answers: the next round has it, once, whoever asked. */
  rectify_test_desk_set_request_status (f->desk, id, "pending");
  rectify_test_desk_add_agent_comment (f->desk, id, "Which licences?", TRUE);
  hits = rectify_test_desk_get_hit_count (f->desk);
  rectify_request_monitor_check_all (monitor);
  rectify_request_monitor_check (monitor, f->rcase);   /* already out: not twice */
  while (!monitor_idle (monitor, f->rcase))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (rectify_test_desk_get_hit_count (f->desk) - hits, ==, 2);  /* request, comments */
  g_assert_cmpuint (replies_changed, ==, 2);
  g_assert_cmpuint (status_changed, ==, 1);
  g_assert_cmpstr (rectify_case_get_request_status (f->rcase), ==, "pending");
  replies = rectify_request_monitor_get_replies (monitor, f->rcase);
  g_assert_cmpuint (replies->len, ==, 2);
  g_assert_cmpstr (((RectifyDeskComment *) g_ptr_array_index (replies, 1))->body, ==,
                   "Which licences?");

  /* The send record is untouched but for the status. */
  g_assert_cmpint (rectify_case_get_send_state (f->rcase), ==, RECTIFY_SEND_STATE_SENT);
  g_assert_cmpint (rectify_case_get_request_id (f->rcase), ==, id);
  g_assert_cmpuint (created (f), ==, 1);
}


static void
on_support_replied (RectifyRequestMonitor    *monitor,
                    RectifyCase              *rcase,
                    const RectifyDeskComment *reply,
                    GPtrArray                *bodies)
{
  g_ptr_array_add (bodies, g_strdup (reply->body));
}

static void
check_once (RectifyRequestMonitor *monitor,
            RectifyCase           *rcase)
{
  rectify_request_monitor_check (monitor, rcase);
  while (!monitor_idle (monitor, rcase))
    g_main_context_iteration (NULL, TRUE);
}

/* Support replies: the owner is told once per reply, not of their own
 * comments nor of private notes, and not again after a restart (the reply
 * seen is saved in the case file). */
static void
test_monitor_support_replied (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(RectifyRequestMonitor) monitor = NULL;
  g_autoptr(RectifyRequestMonitor) again = NULL;
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RectifyCase) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  send (f);
  wait_state (f, RECTIFY_SEND_STATE_SENT);
  id = rectify_case_get_request_id (f->rcase);
  monitor = rectify_request_monitor_new (f->outbox, G_LIST_MODEL (f->store));
  g_signal_connect (monitor, "support-replied", G_CALLBACK (on_support_replied), bodies);

  /* The request alone, then a private note: nothing to tell. */
  check_once (monitor, f->rcase);
  rectify_test_desk_add_agent_comment (f->desk, id, "Internal: check billing", FALSE);
  check_once (monitor, f->rcase);
  g_assert_cmpuint (bodies->len, ==, 0);

  /* A public reply: told once, however often the request is read. */
  rectify_test_desk_add_agent_comment (f->desk, id, "Which licences?", TRUE);
  check_once (monitor, f->rcase);
  check_once (monitor, f->rcase);
  g_assert_cmpuint (bodies->len, ==, 1);
  g_assert_cmpstr (bodies->pdata[0], ==, "Which licences?");

  /* The owner's own reply is not news to the owner. */
  g_assert_true (send_correction (f, "The two added on 20 November.", &error));
  g_assert_no_error (error);
  check_once (monitor, f->rcase);
  g_assert_cmpuint (bodies->len, ==, 1);

  /* As saved, and as a new monitor after a restart sees it. */
  bytes = rectify_case_to_bytes (f->rcase);
  reloaded = rectify_case_from_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rectify_submission_get_last_reply_id (rectify_case_get_submission (reloaded)), ==,
                   rectify_submission_get_last_reply_id (rectify_case_get_submission (f->rcase)));
  g_assert_cmpint (rectify_submission_get_last_reply_id (rectify_case_get_submission (f->rcase)), >, 0);
  again = rectify_request_monitor_new (f->outbox, G_LIST_MODEL (f->store));
  g_signal_connect (again, "support-replied", G_CALLBACK (on_support_replied), bodies);
  check_once (again, f->rcase);
  g_assert_cmpuint (bodies->len, ==, 1);

  /* The next reply is told. */
  rectify_test_desk_add_agent_comment (f->desk, id, "Done: 2 licences removed.", TRUE);
  check_once (again, f->rcase);
  g_assert_cmpuint (bodies->len, ==, 2);
  g_assert_cmpstr (bodies->pdata[1], ==, "Done: 2 licences removed.");
}


static void
count_signal (gpointer  instance,
              guint    *count)
{
  (*count)++;
}

/* A sign-in the desk no longer takes (an expired or revoked token): the
 * monitor says so, for the application to renew it. */
static void
test_monitor_unauthorized (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(RectifyRequestMonitor) monitor = NULL;
  guint unauthorized = 0;

  send (f);
  wait_state (f, RECTIFY_SEND_STATE_SENT);
  monitor = rectify_request_monitor_new (f->outbox, G_LIST_MODEL (f->store));
  g_signal_connect (monitor, "unauthorized", G_CALLBACK (count_signal), &unauthorized);

  check_once (monitor, f->rcase);
  g_assert_cmpuint (unauthorized, ==, 0);

  rectify_test_desk_set_oauth_token (f->desk, "a-token-issued-later");
  check_once (monitor, f->rcase);
  g_assert_cmpuint (unauthorized, ==, 1);
  g_assert_cmpuint (created (f), ==, 1);
}

static void
test_monitor_anonymous (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RectifyRequestMonitor) monitor = NULL;
  guint hits;

  send (f);
  wait_state (f, RECTIFY_SEND_STATE_SENT);
  monitor = rectify_request_monitor_new (f->outbox, G_LIST_MODEL (f->store));

  /* Without a sign-in there is nothing to read: the desk is not asked. */
  hits = rectify_test_desk_get_hit_count (f->desk);
  rectify_request_monitor_check_all (monitor);
  g_assert_false (rectify_request_monitor_is_checking (monitor, f->rcase));
  run_for (30);
  g_assert_cmpuint (rectify_test_desk_get_hit_count (f->desk), ==, hits);
  g_assert_null (rectify_request_monitor_get_replies (monitor, f->rcase));
}

/* The send record, read by anyone */

static void
on_submission_state (RectifySubmission *submission,
                     GParamSpec        *pspec,
                     GArray            *states)
{
  RectifySendState state = rectify_submission_get_state (submission);

  g_array_append_val (states, state);
}

static void
test_submission_notify (Fixture       *f,
                        gconstpointer  data)
{
  RectifySubmission *submission = rectify_case_get_submission (f->rcase);
  g_autoptr(GArray) states = g_array_new (FALSE, FALSE, sizeof (RectifySendState));
  const RectifySendState expected[] = {
    RECTIFY_SEND_STATE_QUEUED, RECTIFY_SEND_STATE_UPLOADING, RECTIFY_SEND_STATE_CREATING,
    RECTIFY_SEND_STATE_SENT,
  };

  add_attachment (f, "invoice.pdf", 4096);
  g_signal_connect (submission, "notify::state", G_CALLBACK (on_submission_state), states);
  g_assert_false (rectify_submission_is_locked (submission));

  send (f);
  g_assert_true (rectify_submission_is_locked (submission));
  wait_state (f, RECTIFY_SEND_STATE_SENT);
  g_signal_handlers_disconnect_by_data (submission, states);

  /* Each state once, in order, told as it happened. */
  g_assert_cmpuint (states->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpint (g_array_index (states, RectifySendState, i), ==, expected[i]);

  /* The record and the case say the same. */
  g_assert_true (rectify_submission_is_submitted (submission));
  g_assert_cmpint (rectify_submission_get_request_id (submission), ==,
                   rectify_case_get_request_id (f->rcase));
  g_assert_cmpstr (rectify_submission_get_request_url (submission), ==,
                   rectify_case_get_request_url (f->rcase));
  g_assert_cmpstr (rectify_submission_get_sent_body (submission), ==,
                   rectify_case_get_sent_body (f->rcase));
  g_assert_nonnull (rectify_submission_get_submitted_at (submission));
  g_assert_null (rectify_submission_get_reason (submission));
  g_assert_cmpuint (created (f), ==, 1);
}

/* The tests */

static void
test_send_happy (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RectifyCase) on_disk = NULL;
  double last = -1;

  add_attachment (f, "invoice.pdf", 300 * 1024);
  add_attachment (f, "screenshot.png", 200 * 1024);

  send (f);
  g_assert_cmpint (rectify_case_get_send_state (f->rcase), ==, RECTIFY_SEND_STATE_QUEUED);
  g_assert_true (rectify_outbox_is_sending (f->outbox, f->rcase));
  wait_state (f, RECTIFY_SEND_STATE_SENT);

  g_assert_cmpuint (created (f), ==, 1);
  g_assert_cmpuint (uploads (f), ==, 2);
  assert_sent (f, 0);
  g_assert_cmpstr (rectify_case_get_request_status (f->rcase), ==, "new");
  g_assert_cmpstr (rectify_test_desk_get_requester_email (f->desk,
                                                          rectify_case_get_request_id (f->rcase)),
                   ==, OWNER_EMAIL);
  assert_attachments (f, 2);

  /* Progress in steps, never backwards, to the end. */
  g_assert_cmpuint (f->progress->len, >=, 3);
  for (guint i = 0; i < f->progress->len; i++)
    {
      double fraction = g_array_index (f->progress, double, i);

      g_assert_cmpfloat (fraction, >=, last);
      last = fraction;
    }
  g_assert_cmpfloat (last, ==, 1.0);
  g_assert_cmpuint (f->delays->len, ==, 0);

  /* The tokens went with the request. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(RectifyAttachment) attachment = get_attachment (f->rcase, i);

      g_assert_null (rectify_attachment_get_upload_token (attachment));
    }

  on_disk = read_case_file (f);
  g_assert_cmpint (rectify_case_get_send_state (on_disk), ==, RECTIFY_SEND_STATE_SENT);
  g_assert_cmpint (rectify_case_get_request_id (on_disk), ==,
                   rectify_case_get_request_id (f->rcase));
}

static void
test_send_refused (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RectifyCase) draft = rectify_case_new ();
  g_autoptr(GError) error = NULL;
  const RectifyProblem *problem;

  /* Step 1 done, step 2 not: the first thing missing is named. */
  rectify_test_fill_identify (draft, RECTIFY_SCENARIO_WRONG_TYPE);
  rectify_case_store_add (f->store, draft);
  problem = g_ptr_array_index (rectify_case_get_problems (draft, RECTIFY_STEP_DETAILS), 0);
  g_assert_false (rectify_outbox_send (f->outbox, draft, &error));
  g_assert_error (error, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_NOT_READY);
  g_assert_cmpstr (error->message, ==, problem->message);
  g_assert_cmpint (rectify_case_get_send_state (draft), ==, RECTIFY_SEND_STATE_DRAFT);
  g_clear_error (&error);

  /* Nothing at all: step 1's first problem. */
  rectify_case_set_scenario (draft, RECTIFY_SCENARIO_NONE);
  g_assert_false (rectify_outbox_send (f->outbox, draft, &error));
  g_assert_error (error, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_NOT_READY);
  problem = g_ptr_array_index (rectify_case_get_problems (draft, RECTIFY_STEP_IDENTIFY), 0);
  g_assert_cmpstr (error->message, ==, problem->message);
  g_clear_error (&error);

  /* In flight: refused. */
  send (f);
  g_assert_false (rectify_outbox_send (f->outbox, f->rcase, &error));
  g_assert_error (error, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_BUSY);
  g_clear_error (&error);

  /* Sent: refused. */
  wait_state (f, RECTIFY_SEND_STATE_SENT);
  g_assert_false (rectify_outbox_send (f->outbox, f->rcase, &error));
  g_assert_error (error, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_ALREADY_SENT);
  g_clear_error (&error);

  g_assert_cmpuint (created (f), ==, 1);
}

static void
test_two_cases (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RectifyCase) other = rectify_case_new ();
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_S * G_USEC_PER_SEC;

  /* Two cases at once, the first create answered by a hang-up: each ends
   * with its own request, found by its own reference. */
  add_attachment (f, "invoice.pdf", 64 * 1024);
  rectify_test_fill_complete (other, RECTIFY_SCENARIO_TOO_MANY);
  rectify_case_store_add (f->store, other);
  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_DROP_AFTER_BODY, 1, 0);

  send (f);
  g_assert_true (rectify_outbox_send (f->outbox, other, NULL));
  wait_state (f, RECTIFY_SEND_STATE_SENT);
  while (rectify_case_get_send_state (other) != RECTIFY_SEND_STATE_SENT &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint (rectify_case_get_send_state (other), ==, RECTIFY_SEND_STATE_SENT);
  g_assert_cmpuint (created (f), ==, 2);
  assert_sent (f, 0);
  {
    g_autofree char *other_reference =
      rectify_reference_shorten (rectify_case_get_reference (other));

    g_assert_cmpuint (rectify_test_desk_count_subject (f->desk, other_reference), ==, 1);
  }
  g_assert_cmpint (rectify_case_get_request_id (other), !=,
                   rectify_case_get_request_id (f->rcase));
}

static void
test_keeps_undo (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RectifyCase) removed = rectify_test_case_new_entered ();
  g_autoptr(GFile) removed_file = NULL;
  g_autofree char *name = NULL;

  /* The owner deletes another case and sends this one while the Undo
   * toast is up: the outbox's saves must not make the deletion final. */
  rectify_case_store_add (f->store, removed);
  while (rectify_case_store_has_unsaved (f->store))
    g_main_context_iteration (NULL, TRUE);
  name = g_strconcat (rectify_case_get_reference (removed), ".json", NULL);
  removed_file = g_file_get_child (f->directory, name);
  g_assert_true (g_file_query_exists (removed_file, NULL));
  rectify_case_store_remove (f->store, removed);

  send (f);
  wait_state (f, RECTIFY_SEND_STATE_SENT);

  g_assert_true (g_file_query_exists (removed_file, NULL));
  rectify_case_store_undo_remove (f->store, removed);
  g_assert_true (rectify_case_store_lookup (f->store, rectify_case_get_reference (removed)) ==
                 removed);
  g_assert_cmpuint (created (f), ==, 1);
}

static void
test_rate_limited (Fixture       *f,
                   gconstpointer  data)
{
  add_attachment (f, "invoice.pdf", 4096);
  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/uploads",
                               RECTIFY_TEST_DESK_FAULT_RATE_LIMITED, 1, 3);
  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_RATE_LIMITED, 1, 30);

  send (f);
  wait_state (f, RECTIFY_SEND_STATE_SENT);

  /* Each Retry-After waited in full; the token kept across the 429. */
  g_assert_cmpuint (f->delays->len, ==, 2);
  g_assert_cmpuint (g_array_index (f->delays, guint, 0), ==, 3000);
  g_assert_cmpuint (g_array_index (f->delays, guint, 1), ==, 30000);
  g_assert_cmpuint (uploads (f), ==, 1);
  g_assert_cmpuint (created (f), ==, 1);
  assert_sent (f, 0);
  assert_attachments (f, 1);
}

static void
test_unavailable (Fixture       *f,
                  gconstpointer  data)
{
  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_UNAVAILABLE, 2, 7);

  send (f);
  wait_state (f, RECTIFY_SEND_STATE_SENT);

  g_assert_cmpuint (f->delays->len, ==, 2);
  g_assert_cmpuint (g_array_index (f->delays, guint, 0), ==, 7000);
  g_assert_cmpuint (g_array_index (f->delays, guint, 1), ==, 7000);
  g_assert_cmpuint (created (f), ==, 1);
  assert_sent (f, 0);
}

static void
wait_delays (Fixture *f,
             guint    n_delays)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_S * G_USEC_PER_SEC;

  while (f->delays->len < n_delays && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (f->delays->len, >=, n_delays);
}

static void
test_connection_refused (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  guint port;

  /* A port held but not listening: nothing answers there yet. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  url = g_strdup_printf ("http://127.0.0.1:%u", port);

  g_clear_object (&f->client);
  f->client = rectify_desk_client_new (url, &error);
  g_assert_no_error (error);
  rectify_desk_client_set_anonymous (f->client, NULL, NULL, 0);
  rectify_outbox_set_client (f->outbox, f->client);

  send (f);
  wait_delays (f, 5);
  g_assert_cmpint (rectify_case_get_send_state (f->rcase), !=, RECTIFY_SEND_STATE_SENT);
  g_assert_cmpint (rectify_case_get_send_state (f->rcase), !=, RECTIFY_SEND_STATE_FAILED);
  g_assert_cmpuint (rectify_case_get_send_attempts (f->rcase), ==, 0);

  /* Exponential, capped at 80 ms, less up to a quarter. */
  for (guint i = 0; i < 5; i++)
    {
      guint full = MIN (10u << i, 80u);
      guint delay = g_array_index (f->delays, guint, i);

      g_assert_cmpuint (delay, <=, full);
      g_assert_cmpuint (delay, >=, full - full / 4);
    }

  /* The desk comes up on that port. */
  g_socket_close (socket, NULL);
  drop (&f->desk);
  f->desk = rectify_test_desk_new_full (port, NULL, &error);
  g_assert_no_error (error);

  wait_state (f, RECTIFY_SEND_STATE_SENT);
  g_assert_cmpuint (created (f), ==, 1);
  assert_sent (f, 0);
}

static void
test_drop_before_body_signed_in (Fixture       *f,
                                 gconstpointer  data)
{
  add_attachment (f, "invoice.pdf", 4096);

  /* The desk hangs up before reading the request: AMBIGUOUS to the client,
   * so the outbox looks, does not find it, and sends once more. */
  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_DROP_BEFORE_BODY, 1, 0);
  send (f);
  wait_state (f, RECTIFY_SEND_STATE_SENT);

  g_assert_cmpuint (created (f), ==, 1);
  assert_sent (f, 0);
  /* The tokens of the first try may have been used: uploaded again. */
  g_assert_cmpuint (uploads (f), ==, 2);
  assert_attachments (f, 1);
}

static void
test_drop_before_body_anonymous (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_DROP_BEFORE_BODY, 1, 0);
  send (f);
  wait_state (f, RECTIFY_SEND_STATE_NEEDS_CONFIRMATION);
  g_assert_cmpuint (created (f), ==, 0);
  /* Out, and the connection lost: it may or may not have arrived. */
  g_assert_cmpint (reason_code (f), ==, RECTIFY_SEND_REASON_CONNECTION_LOST);
  g_assert_nonnull (rectify_case_get_send_reason (f->rcase)->at);
  g_assert_cmpuint (rectify_case_get_send_attempts (f->rcase), ==, 1);

  /* Sending is refused until the owner says. */
  g_assert_false (rectify_outbox_send (f->outbox, f->rcase, &error));
  g_assert_error (error, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_NEEDS_CONFIRMATION);
  g_clear_error (&error);
  g_assert_false (rectify_outbox_cancel (f->outbox, f->rcase, &error));
  g_assert_error (error, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_NOT_SENDING);
  g_clear_error (&error);

  /* It did not arrive: sent again, once. */
  confirm (f, FALSE, 0);
  wait_state (f, RECTIFY_SEND_STATE_SENT);
  g_assert_cmpuint (created (f), ==, 1);
  assert_sent (f, 0);
}

static void
test_drop_after_body_signed_in (Fixture       *f,
                                gconstpointer  data)
{
  add_attachment (f, "invoice.pdf", 4096);

  /* The desk creates the request, then hangs up: found by its reference. */
  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_DROP_AFTER_BODY, 1, 0);
  send (f);
  wait_state (f, RECTIFY_SEND_STATE_SENT);

  g_assert_cmpuint (created (f), ==, 1);
  assert_sent (f, 101);
  g_assert_cmpuint (uploads (f), ==, 1);
  assert_attachments (f, 1);
}

static void
test_drop_after_body_anonymous (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_DROP_AFTER_BODY, 1, 0);
  send (f);
  wait_state (f, RECTIFY_SEND_STATE_NEEDS_CONFIRMATION);
  g_assert_cmpuint (created (f), ==, 1);
  g_assert_cmpint (reason_code (f), ==, RECTIFY_SEND_REASON_CONNECTION_LOST);

  /* Nothing more happens on its own. */
  run_for (50);
  g_assert_cmpuint (created (f), ==, 1);
  g_assert_cmpint (rectify_case_get_send_state (f->rcase), ==,
                   RECTIFY_SEND_STATE_NEEDS_CONFIRMATION);

  /* The owner got support's e-mail: Rectify sent it, the number is not
   * known yet. */
  confirm (f, TRUE, 0);
  g_assert_cmpint (rectify_case_get_send_state (f->rcase), ==, RECTIFY_SEND_STATE_SENT);
  g_assert_cmpint (rectify_case_get_request_id (f->rcase), ==, 0);
  g_assert_true (rectify_case_is_submitted (f->rcase));
  g_assert_false (rectify_outbox_confirm (f->outbox, f->rcase, FALSE, 0, &error));
  g_assert_error (error, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_NOT_SENDING);

  run_for (50);
  g_assert_cmpuint (created (f), ==, 1);
}

static void
test_server_error (Fixture       *f,
                   gconstpointer  data)
{
  /* A 500 may come after the desk acted: never resent blindly. */
  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_SERVER_ERROR, 1, 500);
  send (f);

  if (f->signed_in)
    {
      wait_state (f, RECTIFY_SEND_STATE_SENT);
      assert_sent (f, 0);
    }
  else
    {
      wait_state (f, RECTIFY_SEND_STATE_NEEDS_CONFIRMATION);
      g_assert_cmpint (reason_code (f), ==, RECTIFY_SEND_REASON_DESK_FAILED_AFTER);
      g_assert_cmpuint (rectify_case_get_send_reason (f->rcase)->status, ==, 500);
      g_assert_cmpuint (created (f), ==, 0);
      confirm (f, FALSE, 0);
      wait_state (f, RECTIFY_SEND_STATE_SENT);
    }

  g_assert_cmpuint (created (f), ==, 1);
  g_assert_cmpuint (f->delays->len, ==, 0);
}

static void
test_unreadable_answer (Fixture       *f,
                        gconstpointer  data)
{
  /* 201 with a body that is not JSON: whatever answered may not be the
   * desk (here the request does exist). Signed in, it is found; never sent
   * twice. */
  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_MALFORMED_JSON, 1, 0);
  send (f);

  if (f->signed_in)
    {
      wait_state (f, RECTIFY_SEND_STATE_SENT);
      assert_sent (f, 101);
    }
  else
    {
      wait_state (f, RECTIFY_SEND_STATE_NEEDS_CONFIRMATION);
      /* Not "accepted": what answered may not have been the desk. */
      g_assert_cmpint (reason_code (f), ==, RECTIFY_SEND_REASON_ANSWER_NOT_DESK);
      g_assert_cmpuint (rectify_case_get_send_reason (f->rcase)->status, ==, 201);
      confirm (f, TRUE, 101);
      assert_sent (f, 101);
    }

  g_assert_cmpuint (created (f), ==, 1);
}

/* A captive portal answers the create with 200 text/html and keeps it:
 * nothing reached the desk. Never "accepted"; signed in, the look-up finds
 * nothing and the request goes once; anonymous, the owner is asked. */
static void
test_captive_portal (Fixture       *f,
                     gconstpointer  data)
{
  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_HTML, 1, 0);
  send (f);

  if (f->signed_in)
    {
      wait_state (f, RECTIFY_SEND_STATE_SENT);
    }
  else
    {
      wait_state (f, RECTIFY_SEND_STATE_NEEDS_CONFIRMATION);
      g_assert_cmpint (reason_code (f), ==, RECTIFY_SEND_REASON_ANSWER_NOT_DESK);
      g_assert_cmpuint (created (f), ==, 0);
      confirm (f, FALSE, 0);
      wait_state (f, RECTIFY_SEND_STATE_SENT);
    }

  g_assert_cmpuint (created (f), ==, 1);
}

/* A desk answer nested 100,000 deep, to the upload and then to the create,
 * crashed the app (json-glib's recursion). Now the upload is tried again,
 * and the create is ambiguous: found when signed in, asked otherwise. */
static void
test_deep_answers (Fixture       *f,
                   gconstpointer  data)
{
  add_attachment (f, "deep-invoice.pdf", 4000);
  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/uploads",
                               RECTIFY_TEST_DESK_FAULT_DEEP_JSON, 1, 0);
  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_DEEP_JSON, 1, 0);
  send (f);

  if (f->signed_in)
    {
      wait_state (f, RECTIFY_SEND_STATE_SENT);
    }
  else
    {
      wait_state (f, RECTIFY_SEND_STATE_NEEDS_CONFIRMATION);
      confirm (f, TRUE, 101);
      assert_sent (f, 101);
    }

  g_assert_cmpuint (created (f), ==, 1);
}

static void
test_lookup_once (Fixture       *f,
                  gconstpointer  data)
{
  /* Two ambiguous sends in a row, not found either time: the outbox stops
   * sending on its own and asks. */
  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_DROP_BEFORE_BODY, 2, 0);
  send (f);
  wait_state (f, RECTIFY_SEND_STATE_NEEDS_CONFIRMATION);

  g_assert_cmpuint (created (f), ==, 0);
  g_assert_cmpuint (rectify_test_desk_get_hit_count (f->desk), ==, 4);  /* 2 creates, 2 looks */
  g_assert_cmpuint (rectify_case_get_send_attempts (f->rcase), ==, 2);
  g_assert_cmpint (reason_code (f), ==, RECTIFY_SEND_REASON_SENT_TWICE_UNLISTED);

  confirm (f, FALSE, 0);
  wait_state (f, RECTIFY_SEND_STATE_SENT);
  g_assert_cmpuint (created (f), ==, 1);
  assert_sent (f, 0);
}

static void
on_creating_advance_clock (RectifyCase *rcase,
                           GParamSpec  *pspec,
                           Fixture     *f)
{
  /* Between the uploads and the create, the hour runs out at the desk. */
  if (rectify_case_get_send_state (rcase) == RECTIFY_SEND_STATE_CREATING &&
      f->clock_advances > 0)
    {
      f->clock_advances--;
      rectify_test_desk_advance_clock (f->desk, 61 * G_TIME_SPAN_MINUTE);
    }
}

static void
test_expired_tokens (Fixture       *f,
                     gconstpointer  data)
{
  add_attachment (f, "invoice.pdf", 4096);
  add_attachment (f, "screenshot.png", 4096);

  f->clock_advances = 1;
  g_signal_connect (f->rcase, "notify::send-state", G_CALLBACK (on_creating_advance_clock), f);
  send (f);
  wait_state (f, RECTIFY_SEND_STATE_SENT);

  /* Refused once (422 on the uploads), uploaded again, sent once. */
  g_assert_cmpuint (uploads (f), ==, 4);
  g_assert_cmpuint (created (f), ==, 1);
  assert_sent (f, 0);
  assert_attachments (f, 2);
  g_signal_handlers_disconnect_by_data (f->rcase, f);
}

/* The desk refuses the tokens of the second upload too: failed, but with
 * nothing for the owner to correct, said as such; no request made. */
static void
test_tokens_refused_twice (Fixture       *f,
                           gconstpointer  data)
{
  add_attachment (f, "invoice.pdf", 4096);
  rectify_test_desk_set_upload_error_field (f->desk, "base");

  f->clock_advances = 2;
  g_signal_connect (f->rcase, "notify::send-state", G_CALLBACK (on_creating_advance_clock), f);
  send (f);
  wait_state (f, RECTIFY_SEND_STATE_FAILED);

  g_assert_cmpint (reason_code (f), ==, RECTIFY_SEND_REASON_UPLOADS_REFUSED);
  g_assert_cmpuint (uploads (f), ==, 2);
  g_assert_cmpuint (created (f), ==, 0);
  g_signal_handlers_disconnect_by_data (f->rcase, f);
}

/* The same, with the desk filing its complaint about the tokens under
 * "base": the tokens are dropped and the files uploaded again, once, not
 * the same refused create at every Send. */
static void
test_expired_tokens_base (Fixture       *f,
                          gconstpointer  data)
{
  add_attachment (f, "invoice.pdf", 4096);
  rectify_test_desk_set_upload_error_field (f->desk, "base");

  f->clock_advances = 1;
  g_signal_connect (f->rcase, "notify::send-state", G_CALLBACK (on_creating_advance_clock), f);
  send (f);
  wait_state (f, RECTIFY_SEND_STATE_SENT);

  g_assert_cmpuint (uploads (f), ==, 2);
  g_assert_cmpuint (created (f), ==, 1);
  assert_attachments (f, 1);
  g_signal_handlers_disconnect_by_data (f->rcase, f);
}

static void
test_invalid (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rejections;
  const RectifyDeskFieldError *rejection;

  add_attachment (f, "invoice.pdf", 4096);

  /* The tokens expire before every create: after one new upload, it fails
   * with the desk's words kept for the attachments field. */
  f->clock_advances = 2;
  g_signal_connect (f->rcase, "notify::send-state", G_CALLBACK (on_creating_advance_clock), f);
  send (f);
  wait_state (f, RECTIFY_SEND_STATE_FAILED);
  g_signal_handlers_disconnect_by_data (f->rcase, f);

  g_assert_cmpuint (created (f), ==, 0);
  g_assert_cmpuint (uploads (f), ==, 2);
  g_assert_cmpuint (f->delays->len, ==, 0);
  g_assert_cmpint (reason_code (f), ==, RECTIFY_SEND_REASON_UPLOADS_REFUSED);
  g_assert_cmpuint (rectify_case_get_send_attempts (f->rcase), ==, 0);

  rejections = rectify_outbox_get_rejections (f->outbox, f->rcase);
  g_assert_nonnull (rejections);
  g_assert_cmpuint (rejections->len, ==, 1);
  rejection = g_ptr_array_index (rejections, 0);
  g_assert_cmpstr (rejection->field, ==, "uploads");
  g_assert_cmpstr (rejection->code, ==, "InvalidValue");
  g_assert_nonnull (rejection->description);
  g_assert_cmpstr (rectify_outbox_field_for_desk_field (rejection->field), ==, "attachments");

  /* A failed case can be sent again; the rejections go. */
  g_assert_true (rectify_outbox_send (f->outbox, f->rcase, &error));
  g_assert_no_error (error);
  g_assert_null (rectify_outbox_get_rejections (f->outbox, f->rcase));
  wait_state (f, RECTIFY_SEND_STATE_SENT);
  g_assert_cmpuint (created (f), ==, 1);
}

static void
test_invalid_upload (Fixture       *f,
                     gconstpointer  data)
{
  /* A 422 without details on an upload: failed with the desk's words, not
   * retried, nothing to mark beside a field. */
  add_attachment (f, "invoice.pdf", 4096);
  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/uploads",
                               RECTIFY_TEST_DESK_FAULT_SERVER_ERROR, 1, 422);
  send (f);
  wait_state (f, RECTIFY_SEND_STATE_FAILED);

  g_assert_cmpuint (created (f), ==, 0);
  g_assert_cmpuint (f->delays->len, ==, 0);
  g_assert_nonnull (rectify_case_get_send_reason (f->rcase));
  g_assert_null (rectify_outbox_get_rejections (f->outbox, f->rcase));
}

static void
test_field_mapping (void)
{
  const struct {
    const char *desk;
    const char *property;
  } cases[] = {
    { "subject", "explanation" },
    { "description", "explanation" },
    { "comment", "explanation" },
    { "body", "explanation" },
    { "requester", "contact-email" },
    { "email", "contact-email" },
    { "name", "owner-name" },
    { "uploads", "attachments" },
    { "file", "attachments" },
    { "filename", "attachments" },
    { "base", NULL },
    { "custom_fields", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (rectify_outbox_field_for_desk_field (cases[i].desk), ==, cases[i].property);
  g_assert_null (rectify_outbox_field_for_desk_field (NULL));

  /* Each names a real property of the case. */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (cases[i].property != NULL && strcmp (cases[i].property, "attachments") != 0)
      g_assert_nonnull (g_object_class_find_property (g_type_class_peek (RECTIFY_TYPE_CASE),
                                                      cases[i].property));
}

static void
test_unauthorized (Fixture       *f,
                   gconstpointer  data)
{
  add_attachment (f, "invoice.pdf", 4096);

  if (f->signed_in)
    rectify_desk_client_set_oauth_token (f->client, "not-the-token");
  else
    rectify_test_desk_set_anonymous_allowed (f->desk, FALSE);

  send (f);
  wait_state (f, RECTIFY_SEND_STATE_FAILED);

  /* Set up or check the sign-in in Preferences. */
  g_assert_cmpint (reason_code (f), ==, f->signed_in ? RECTIFY_SEND_REASON_SIGN_IN_REFUSED
                                                     : RECTIFY_SEND_REASON_SIGN_IN_NEEDED);
  g_assert_cmpuint (created (f), ==, 0);
  g_assert_cmpuint (uploads (f), ==, 0);
  g_assert_cmpuint (f->delays->len, ==, 0);
  g_assert_null (rectify_outbox_get_rejections (f->outbox, f->rcase));
}

static void
test_create_unauthorized (Fixture       *f,
                          gconstpointer  data)
{
  /* No attachment: the create itself is refused. */
  rectify_test_desk_set_anonymous_allowed (f->desk, FALSE);
  send (f);
  wait_state (f, RECTIFY_SEND_STATE_FAILED);

  g_assert_cmpint (reason_code (f), ==, RECTIFY_SEND_REASON_SIGN_IN_NEEDED);
  g_assert_cmpuint (rectify_case_get_send_attempts (f->rcase), ==, 0);
  g_assert_cmpuint (created (f), ==, 0);

  /* Signed in after all, and sent again. */
  g_clear_object (&f->client);
  f->client = new_client (f, TRUE);
  rectify_outbox_set_client (f->outbox, f->client);
  send (f);
  wait_state (f, RECTIFY_SEND_STATE_SENT);
  g_assert_cmpuint (created (f), ==, 1);
}

static void
test_token_reuse (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(RectifyDeskUpload) fresh = NULL;
  g_autoptr(RectifyDeskUpload) stale = NULL;
  g_autoptr(RectifyAttachment) first = NULL;
  g_autoptr(RectifyAttachment) second = NULL;
  g_autoptr(GDateTime) now = rectify_clock_now_utc ();
  g_autoptr(GDateTime) recently = g_date_time_add_minutes (now, -5);
  g_autoptr(GDateTime) long_ago = g_date_time_add_minutes (now, -55);
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GError) error = NULL;
  const RectifyDeskComment *comment;
  gboolean fresh_used = FALSE;

  add_attachment (f, "invoice.pdf", 4096);
  add_attachment (f, "screenshot.png", 4096);
  first = get_attachment (f->rcase, 0);
  second = get_attachment (f->rcase, 1);

  /* Both uploaded earlier; the second 55 minutes ago by our clock, too old
   * to trust although the desk would still take it. */
  for (guint i = 0; i < 2; i++)
    {
      RectifyAttachment *attachment = i == 0 ? first : second;
      GAsyncResult *pending = NULL;
      g_autoptr(GAsyncResult) result = NULL;

      rectify_desk_client_upload_async (f->client, rectify_attachment_get_file (attachment),
                                        NULL, NULL, NULL, NULL, NULL, store_result, &pending);
      result = wait_result (&pending);
      if (i == 0)
        fresh = rectify_desk_client_upload_finish (f->client, result, &error);
      else
        stale = rectify_desk_client_upload_finish (f->client, result, &error);
      g_assert_no_error (error);
    }
  rectify_attachment_set_upload (first, fresh->token, recently);
  rectify_attachment_set_upload (second, stale->token, long_ago);

  send (f);
  wait_state (f, RECTIFY_SEND_STATE_SENT);

  g_assert_cmpuint (uploads (f), ==, 3);
  g_assert_cmpuint (created (f), ==, 1);

  comments = desk_comments (f, rectify_case_get_request_id (f->rcase));
  comment = g_ptr_array_index (comments, 0);
  g_assert_cmpuint (comment->attachments->len, ==, 2);
  for (guint i = 0; i < comment->attachments->len; i++)
    {
      const RectifyDeskAttachment *attachment = g_ptr_array_index (comment->attachments, i);

      g_assert_null (strstr (attachment->content_url, stale->token));
      fresh_used |= strstr (attachment->content_url, fresh->token) != NULL;
    }
  g_assert_true (fresh_used);
}

static void
test_offline (Fixture       *f,
              gconstpointer  data)
{
  rectify_test_monitor_set_available (f->monitor, FALSE);

  send (f);
  wait_reason (f, RECTIFY_SEND_REASON_WAITING_NETWORK);
  /* Time for a request that should not go out to show. */
  run_for (50);
  g_assert_cmpint (rectify_case_get_send_state (f->rcase), ==, RECTIFY_SEND_STATE_QUEUED);
  g_assert_cmpint (reason_code (f), ==, RECTIFY_SEND_REASON_WAITING_NETWORK);
  g_assert_cmpuint (rectify_test_desk_get_hit_count (f->desk), ==, 0);

  /* While offline, it can still be cancelled and queued again. */
  g_assert_true (rectify_outbox_cancel (f->outbox, f->rcase, NULL));
  g_assert_cmpint (rectify_case_get_send_state (f->rcase), ==, RECTIFY_SEND_STATE_DRAFT);
  send (f);

  rectify_test_monitor_set_available (f->monitor, TRUE);
  wait_state (f, RECTIFY_SEND_STATE_SENT);
  g_assert_cmpuint (created (f), ==, 1);
  assert_sent (f, 0);
}

static void
test_offline_after_failure (Fixture       *f,
                            gconstpointer  data)
{
  /* Reaching nothing, then the network comes back: tried at once, without
   * waiting out the backoff. */
  rectify_outbox_set_backoff (f->outbox, 60 * 1000, 60 * 1000);
  rectify_outbox_set_timer_func (f->outbox, NULL, NULL, NULL);

  {
    g_autoptr(GSocket) socket = NULL;
    g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
    g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
    g_autoptr(GSocketAddress) bound = NULL;
    g_autoptr(RectifyDeskClient) nowhere = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *url = NULL;

    socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                           &error);
    g_assert_no_error (error);
    g_socket_bind (socket, address, FALSE, &error);
    g_assert_no_error (error);
    bound = g_socket_get_local_address (socket, &error);
    g_assert_no_error (error);
    url = g_strdup_printf ("http://127.0.0.1:%u",
                           g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
    nowhere = rectify_desk_client_new (url, &error);
    g_assert_no_error (error);
    rectify_desk_client_set_anonymous (nowhere, NULL, NULL, 0);
    rectify_outbox_set_client (f->outbox, nowhere);

    send (f);
    while (reason_code (f) != RECTIFY_SEND_REASON_RETRYING)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpint (rectify_case_get_send_state (f->rcase), ==, RECTIFY_SEND_STATE_QUEUED);
  }

  /* The right desk, the network back: no minute-long wait. */
  rectify_outbox_set_client (f->outbox, f->client);
  rectify_test_monitor_set_available (f->monitor, FALSE);
  rectify_test_monitor_set_available (f->monitor, TRUE);
  wait_state (f, RECTIFY_SEND_STATE_SENT);
  g_assert_cmpuint (created (f), ==, 1);
}

static void
test_client_later (Fixture       *f,
                   gconstpointer  data)
{
  /* The outbox starts before the sign-in is read from the keyring. */
  drop (&f->outbox);
  f->outbox = rectify_outbox_new (f->store, NULL, G_NETWORK_MONITOR (f->monitor));
  rectify_outbox_set_timer_func (f->outbox, test_timer, f, NULL);

  send (f);
  run_for (20);
  g_assert_cmpint (rectify_case_get_send_state (f->rcase), ==, RECTIFY_SEND_STATE_QUEUED);
  g_assert_cmpuint (rectify_test_desk_get_hit_count (f->desk), ==, 0);

  rectify_outbox_set_client (f->outbox, f->client);
  g_assert_true (rectify_outbox_get_client (f->outbox) == f->client);
  wait_state (f, RECTIFY_SEND_STATE_SENT);
  g_assert_cmpuint (created (f), ==, 1);
}

static void
test_cancel_upload (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  add_attachment (f, "invoice.pdf", 64 * 1024);
  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/uploads",
                               RECTIFY_TEST_DESK_FAULT_LATENCY, 1, 5000);
  send (f);
  while (rectify_test_desk_get_pending_count (f->desk) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (rectify_case_get_send_state (f->rcase), ==, RECTIFY_SEND_STATE_UPLOADING);

  g_assert_true (rectify_outbox_cancel (f->outbox, f->rcase, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rectify_case_get_send_state (f->rcase), ==, RECTIFY_SEND_STATE_DRAFT);
  g_assert_false (rectify_outbox_is_sending (f->outbox, f->rcase));

  run_for (50);
  g_assert_cmpint (rectify_case_get_send_state (f->rcase), ==, RECTIFY_SEND_STATE_DRAFT);
  g_assert_cmpuint (created (f), ==, 0);
  g_assert_false (rectify_outbox_cancel (f->outbox, f->rcase, &error));
  g_assert_error (error, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_NOT_SENDING);
  g_clear_error (&error);

  /* Sent later after all. */
  send (f);
  wait_state (f, RECTIFY_SEND_STATE_SENT);
  g_assert_cmpuint (created (f), ==, 1);
}

/* A listener that takes connections and never says a word: an HTTPS desk
 * whose TLS handshake never ends, so no request ever leaves. */
typedef struct
{
  GSocketListener *listener;
  GPtrArray       *connections;
} SilentDesk;

static void
silent_accept_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SilentDesk *silent = user_data;
  GSocketConnection *connection;

  connection = g_socket_listener_accept_finish (G_SOCKET_LISTENER (object), result, NULL,
                                                NULL);
  if (connection == NULL)
    return;

  g_ptr_array_add (silent->connections, connection);
  g_socket_listener_accept_async (silent->listener, NULL, silent_accept_cb, silent);
}

/* Cancel while the request is being created but has not left (the TLS
 * handshake hangs): it is a draft again, the attempt does not count, and
 * nothing arrives; sent later, it goes once. */
static void
test_cancel_before_sent (Fixture       *f,
                         gconstpointer  data)
{
  SilentDesk silent = { g_socket_listener_new (),
                        g_ptr_array_new_with_free_func (g_object_unref) };
  g_autoptr(RectifyDeskClient) stalled = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  guint attempts;
  guint16 port;
  gint64 until;

  port = g_socket_listener_add_any_inet_port (silent.listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_accept_async (silent.listener, NULL, silent_accept_cb, &silent);
  url = g_strdup_printf ("https://127.0.0.1:%u", port);
  stalled = rectify_desk_client_new (url, &error);
  g_assert_no_error (error);
  rectify_desk_client_set_anonymous (stalled, NULL, NULL, 0);
  rectify_outbox_set_client (f->outbox, stalled);

  attempts = rectify_case_get_send_attempts (f->rcase);
  send (f);
  while (silent.connections->len == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (rectify_case_get_send_state (f->rcase), ==, RECTIFY_SEND_STATE_CREATING);

  g_assert_true (rectify_outbox_cancel (f->outbox, f->rcase, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rectify_case_get_send_state (f->rcase), ==, RECTIFY_SEND_STATE_DRAFT);
  g_assert_cmpuint (rectify_case_get_send_attempts (f->rcase), ==, attempts);

  /* The cancelled call ends quietly; nothing brings the case back. */
  until = g_get_monotonic_time () + 300 * G_TIME_SPAN_MILLISECOND;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (rectify_case_get_send_state (f->rcase), ==, RECTIFY_SEND_STATE_DRAFT);

  rectify_outbox_set_client (f->outbox, f->client);
  send (f);
  wait_state (f, RECTIFY_SEND_STATE_SENT);
  g_assert_cmpuint (created (f), ==, 1);

  g_socket_listener_close (silent.listener);
  g_clear_object (&silent.listener);
  g_clear_pointer (&silent.connections, g_ptr_array_unref);
}

static void
test_cancel_too_late (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_LATENCY, 1, 200);
  send (f);
  while (rectify_test_desk_get_pending_count (f->desk) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (rectify_case_get_send_state (f->rcase), ==, RECTIFY_SEND_STATE_CREATING);

  g_assert_false (rectify_outbox_cancel (f->outbox, f->rcase, &error));
  g_assert_error (error, RECTIFY_OUTBOX_ERROR, RECTIFY_OUTBOX_ERROR_TOO_LATE);

  wait_state (f, RECTIFY_SEND_STATE_SENT);
  g_assert_cmpuint (created (f), ==, 1);
}

static void
test_missing_attachment (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RectifyAttachment) attachment = NULL;
  g_autofree char *path = NULL;

  add_attachment (f, "invoice.pdf", 4096);
  attachment = get_attachment (f->rcase, 0);
  path = g_file_get_path (rectify_attachment_get_file (attachment));
  g_assert_cmpint (g_unlink (path), ==, 0);

  send (f);
  wait_state (f, RECTIFY_SEND_STATE_FAILED);

  g_assert_cmpint (reason_code (f), ==, RECTIFY_SEND_REASON_FILE_MISSING);
  g_assert_cmpstr (rectify_case_get_send_reason (f->rcase)->file, ==, "invoice.pdf");
  g_assert_cmpint (rectify_attachment_get_state (attachment), ==,
                   RECTIFY_ATTACHMENT_STATE_MISSING);
  g_assert_cmpuint (rectify_test_desk_get_hit_count (f->desk), ==, 0);
  g_assert_cmpuint (created (f), ==, 0);
}

static void
test_resume_untouched (Fixture       *f,
                       gconstpointer  data)
{
  const RectifySendState states[] = {
    RECTIFY_SEND_STATE_DRAFT,
    RECTIFY_SEND_STATE_SENT,
    RECTIFY_SEND_STATE_FAILED,
    RECTIFY_SEND_STATE_NEEDS_CONFIRMATION,
    RECTIFY_SEND_STATE_SENT_ELSEWHERE,
  };
  g_autoptr(GListStore) cases = g_list_store_new (RECTIFY_TYPE_CASE);
  g_autoptr(RectifySendReason) as_it_was = rectify_send_reason_new (RECTIFY_SEND_REASON_LEGACY);

  as_it_was->detail = g_strdup ("as it was");
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_autoptr(RectifyCase) rcase = rectify_case_new ();

      rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_TOO_MANY);
      rectify_case_set_send_state (rcase, states[i], as_it_was);
      g_list_store_append (cases, rcase);
    }

  rectify_outbox_resume (f->outbox, G_LIST_MODEL (cases));
  run_for (50);

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_autoptr(RectifyCase) rcase = g_list_model_get_item (G_LIST_MODEL (cases), i);

      g_assert_cmpint (rectify_case_get_send_state (rcase), ==, states[i]);
      g_assert_true (rectify_send_reason_equal (rectify_case_get_send_reason (rcase), as_it_was));
      g_assert_false (rectify_outbox_is_sending (f->outbox, rcase));
    }
  g_assert_cmpuint (rectify_test_desk_get_hit_count (f->desk), ==, 0);
}

static void
test_refresh (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RectifyRequestMonitor) monitor = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *pending = NULL;
  const RectifyDeskComment *reply;

  send (f);
  wait_state (f, RECTIFY_SEND_STATE_SENT);
  monitor = rectify_request_monitor_new (f->outbox, G_LIST_MODEL (f->store));

  rectify_test_desk_set_request_status (f->desk, rectify_case_get_request_id (f->rcase), "open");
  rectify_test_desk_add_agent_comment (f->desk, rectify_case_get_request_id (f->rcase),
                                       "We removed the two licences.", TRUE);

  rectify_request_monitor_refresh_async (monitor, f->rcase, NULL, store_result, &pending);
  result = wait_result (&pending);
  comments = rectify_request_monitor_refresh_finish (monitor, result, &error);

  if (!f->signed_in)
    {
      g_assert_null (comments);
      g_assert_error (error, RECTIFY_REQUEST_MONITOR_ERROR,
                      RECTIFY_REQUEST_MONITOR_ERROR_NOT_SIGNED_IN);
      g_assert_cmpstr (rectify_case_get_request_status (f->rcase), ==, "new");
      return;
    }

  g_assert_no_error (error);
  g_assert_cmpstr (rectify_case_get_request_status (f->rcase), ==, "open");
  g_assert_cmpuint (comments->len, ==, 2);
  reply = g_ptr_array_index (comments, 1);
  g_assert_cmpstr (reply->body, ==, "We removed the two licences.");
  assert_sent (f, 0);
}

/* Crash and resume at each step boundary */

static void
finish_after_crash (Fixture  *f,
                    gboolean  answer_known)
{
  if (f->signed_in || answer_known)
    {
      wait_state (f, RECTIFY_SEND_STATE_SENT);
    }
  else
    {
      /* Without a sign-in, only the owner can say; it had not arrived. */
      wait_state (f, RECTIFY_SEND_STATE_NEEDS_CONFIRMATION);
      g_assert_cmpuint (created (f), ==, 0);
      confirm (f, FALSE, 0);
      wait_state (f, RECTIFY_SEND_STATE_SENT);
    }

  g_assert_cmpuint (created (f), ==, 1);
  assert_sent (f, 0);
}

static void
test_crash_queued (Fixture       *f,
                   gconstpointer  data)
{
  rectify_test_monitor_set_available (f->monitor, FALSE);
  f->crash_on_saved_state = RECTIFY_SEND_STATE_QUEUED;
  g_signal_connect (f->store, "saved", G_CALLBACK (on_saved_crash), f);

  send (f);
  wait_for_flag (&f->crashed, "the crash");
  g_assert_true (f->have_snapshot);

  rectify_test_monitor_set_available (f->monitor, TRUE);
  crash_restart (f, f->signed_in);
  finish_after_crash (f, TRUE);
}

static void
test_crash_after_first_upload (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(RectifyAttachment) first = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  const RectifyDeskComment *comment;
  gboolean reused = FALSE;

  add_attachment (f, "invoice.pdf", 4096);
  add_attachment (f, "screenshot.png", 4096);
  first = get_attachment (f->rcase, 0);
  g_signal_connect (first, "notify::upload-token", G_CALLBACK (on_first_token), f);
  f->crash_after_token = 1;
  f->crash_on_saved_state = RECTIFY_SEND_STATE_UPLOADING;
  g_signal_connect (f->store, "saved", G_CALLBACK (on_saved_crash), f);

  send (f);
  wait_for_flag (&f->crashed, "the crash");
  g_signal_handlers_disconnect_by_data (first, f);
  g_assert_nonnull (f->token_before_crash);

  crash_restart (f, f->signed_in);
  wait_state (f, RECTIFY_SEND_STATE_SENT);
  g_assert_cmpuint (created (f), ==, 1);
  assert_sent (f, 0);

  /* The first file's token was reused; the second uploaded again (the
   * upload cut short by the crash may or may not have reached the desk). */
  g_assert_cmpuint (uploads (f), >=, 2);
  g_assert_cmpuint (uploads (f), <=, 3);
  comments = desk_comments (f, rectify_case_get_request_id (f->rcase));
  comment = g_ptr_array_index (comments, 0);
  g_assert_cmpuint (comment->attachments->len, ==, 2);
  for (guint i = 0; i < comment->attachments->len; i++)
    {
      const RectifyDeskAttachment *attachment = g_ptr_array_index (comment->attachments, i);

      reused |= strstr (attachment->content_url, f->token_before_crash) != NULL;
    }
  g_assert_true (reused);
}

static void
test_crash_after_last_upload (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(RectifyAttachment) second = NULL;

  add_attachment (f, "invoice.pdf", 4096);
  add_attachment (f, "screenshot.png", 4096);
  second = get_attachment (f->rcase, 1);
  g_signal_connect (second, "notify::upload-token", G_CALLBACK (on_token_crash), f);

  send (f);
  wait_for_flag (&f->crashed, "the crash");
  g_signal_handlers_disconnect_by_data (second, f);
  g_assert_cmpuint (created (f), ==, 0);

  crash_restart (f, f->signed_in);
  finish_after_crash (f, TRUE);
  assert_attachments (f, 2);
}

static void
test_crash_after_write_ahead (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(RectifyCase) on_disk = NULL;

  add_attachment (f, "invoice.pdf", 4096);
  f->crash_on_saved_state = RECTIFY_SEND_STATE_CREATING;
  g_signal_connect (f->store, "saved", G_CALLBACK (on_saved_crash), f);

  send (f);
  wait_for_flag (&f->crashed, "the crash");
  run_for (20);

  /* CREATING reached the disk, the call never went out. */
  g_assert_cmpuint (rectify_test_desk_get_hit_count (f->desk), ==, 1);  /* the upload */
  g_assert_cmpuint (created (f), ==, 0);
  {
    g_autoptr(GBytes) bytes = g_bytes_ref (f->snapshot);
    g_autoptr(GError) error = NULL;

    on_disk = rectify_case_from_bytes (bytes, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (rectify_case_get_send_state (on_disk), ==, RECTIFY_SEND_STATE_CREATING);
  g_assert_cmpuint (rectify_case_get_send_attempts (on_disk), ==, 1);
  g_assert_nonnull (rectify_case_get_last_attempt (on_disk));

  crash_restart (f, f->signed_in);
  finish_after_crash (f, FALSE);
  assert_attachments (f, 1);
}

static void
test_crash_after_call (Fixture       *f,
                       gconstpointer  data)
{
  /* The desk created the request and holds the answer back; the app dies. */
  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_LATENCY, 1, 5000);
  send (f);
  while (created (f) == 0)
    g_main_context_iteration (NULL, TRUE);

  crash_restart (f, f->signed_in);
  g_assert_cmpint (rectify_case_get_send_state (f->rcase), !=, RECTIFY_SEND_STATE_QUEUED);

  if (f->signed_in)
    {
      wait_state (f, RECTIFY_SEND_STATE_SENT);
    }
  else
    {
      wait_state (f, RECTIFY_SEND_STATE_NEEDS_CONFIRMATION);
      g_assert_cmpint (reason_code (f), ==, RECTIFY_SEND_REASON_STOPPED_WHILE_SENDING);
      /* The owner found support's e-mail with the number. */
      confirm (f, TRUE, 101);
    }

  g_assert_cmpuint (created (f), ==, 1);
  assert_sent (f, 101);
}

static void
test_crash_after_call_then_sign_in (Fixture       *f,
                                    gconstpointer  data)
{
  /* Sent anonymously, found creating after the restart by an app that is
   * signed in now: looked up and found, no question asked. */
  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_LATENCY, 1, 5000);
  send (f);
  while (created (f) == 0)
    g_main_context_iteration (NULL, TRUE);

  crash_restart (f, TRUE);
  wait_state (f, RECTIFY_SEND_STATE_SENT);
  g_assert_cmpuint (created (f), ==, 1);
  assert_sent (f, 101);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const mime_dirs[] = { "/usr/share/mime", NULL };

  /* The isolated directories hold no GSettings schemas, and GNOME's proxy
   * resolver aborts without its own: the desk is local, use no proxy. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* The isolated directories hide the MIME database too; the files
   * attached here must be seen as PDF and PNG. */
  g_content_type_set_mime_dirs (mime_dirs);
  rectify_test_set_today (2026, 11, 26);

#define ADD(path, setup, func) \
  g_test_add ("/outbox/" path, Fixture, &setup, fixture_set_up, func, fixture_tear_down)

  ADD ("send/happy", anonymous, test_send_happy);
  ADD ("send/refused", anonymous, test_send_refused);
  ADD ("send/two-cases", signed_in, test_two_cases);
  ADD ("send/keeps-undo", anonymous, test_keeps_undo);
  ADD ("fault/rate-limited", anonymous, test_rate_limited);
  ADD ("fault/unavailable", anonymous, test_unavailable);
  ADD ("fault/connection-refused", anonymous, test_connection_refused);
  ADD ("fault/drop-before-body/signed-in", signed_in, test_drop_before_body_signed_in);
  ADD ("fault/drop-before-body/anonymous", anonymous, test_drop_before_body_anonymous);
  ADD ("fault/drop-after-body/signed-in", signed_in, test_drop_after_body_signed_in);
  ADD ("fault/drop-after-body/anonymous", anonymous, test_drop_after_body_anonymous);
  ADD ("fault/server-error/signed-in", signed_in, test_server_error);
  ADD ("fault/server-error/anonymous", anonymous, test_server_error);
  ADD ("fault/unreadable-answer/signed-in", signed_in, test_unreadable_answer);
  ADD ("fault/unreadable-answer/anonymous", anonymous, test_unreadable_answer);
  ADD ("fault/captive-portal/signed-in", signed_in, test_captive_portal);
  ADD ("fault/captive-portal/anonymous", anonymous, test_captive_portal);
  ADD ("fault/deep-answers/signed-in", signed_in, test_deep_answers);
  ADD ("fault/deep-answers/anonymous", anonymous, test_deep_answers);
  ADD ("fault/lookup-once", signed_in, test_lookup_once);
  ADD ("invalid/expired-tokens", anonymous, test_expired_tokens);
  ADD ("invalid/expired-tokens-base", anonymous, test_expired_tokens_base);
  ADD ("invalid/tokens-refused-twice", anonymous, test_tokens_refused_twice);
  ADD ("invalid/fields", anonymous, test_invalid);
  ADD ("invalid/upload", anonymous, test_invalid_upload);
  g_test_add_func ("/outbox/invalid/field-mapping", test_field_mapping);
  ADD ("unauthorized/anonymous", anonymous, test_unauthorized);
  ADD ("unauthorized/signed-in", signed_in, test_unauthorized);
  ADD ("unauthorized/create", anonymous, test_create_unauthorized);
  ADD ("upload/token-reuse", anonymous, test_token_reuse);
  ADD ("network/offline", anonymous, test_offline);
  ADD ("network/back-after-failure", anonymous, test_offline_after_failure);
  ADD ("client/later", anonymous, test_client_later);
  ADD ("cancel/upload", anonymous, test_cancel_upload);
  ADD ("cancel/too-late", anonymous, test_cancel_too_late);
  ADD ("cancel/before-sent", anonymous, test_cancel_before_sent);
  ADD ("attachment/missing", anonymous, test_missing_attachment);
  ADD ("resume/untouched", anonymous, test_resume_untouched);
  ADD ("refresh/signed-in", signed_in, test_refresh);
  ADD ("refresh/anonymous", anonymous, test_refresh);
  ADD ("crash/queued/anonymous", anonymous, test_crash_queued);
  ADD ("crash/queued/signed-in", signed_in, test_crash_queued);
  ADD ("crash/first-upload/anonymous", anonymous, test_crash_after_first_upload);
  ADD ("crash/first-upload/signed-in", signed_in, test_crash_after_first_upload);
  ADD ("crash/last-upload/anonymous", anonymous, test_crash_after_last_upload);
  ADD ("crash/last-upload/signed-in", signed_in, test_crash_after_last_upload);
  ADD ("crash/write-ahead/anonymous", anonymous, test_crash_after_write_ahead);
  ADD ("crash/write-ahead/signed-in", signed_in, test_crash_after_write_ahead);
  ADD ("crash/after-call/anonymous", anonymous, test_crash_after_call);
  ADD ("crash/after-call/signed-in", signed_in, test_crash_after_call);
  ADD ("crash/after-call/then-sign-in", anonymous, test_crash_after_call_then_sign_in);
  ADD ("mark-sent/race", anonymous, test_mark_sent_race);
  ADD ("mark-sent/uploading", anonymous, test_mark_sent_uploading);
  ADD ("mark-sent/too-late", anonymous, test_mark_sent_too_late);
  ADD ("snapshot/matches-desk", anonymous, test_snapshot_matches_desk);
  ADD ("snapshot/forgotten", anonymous, test_snapshot_forgotten);
  g_test_add_func ("/outbox/arrived/parse-number", test_parse_request_number);
  ADD ("arrived/with-number", anonymous, test_arrived_with_number);
  ADD ("arrived/number-later", anonymous, test_arrived_number_later);
  ADD ("correction/signed-in", signed_in, test_correction_signed_in);
  ADD ("correction/anonymous", anonymous, test_correction_anonymous);
  ADD ("monitor/signed-in", signed_in, test_monitor);
  ADD ("monitor/support-replied", signed_in, test_monitor_support_replied);
  ADD ("monitor/unauthorized", signed_in, test_monitor_unauthorized);
  ADD ("monitor/anonymous", anonymous, test_monitor_anonymous);
  ADD ("submission/notify", anonymous, test_submission_notify);

#undef ADD

  return g_test_run ();
}
