/* test-desk-client.c: the desk client against the strict local help desk
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every call runs against tests/desk, which keeps the contract in
 * doc/desk-api.md and fails on demand. Client and desk share this
 * thread's main context: a test drives it until the callback has fired,
 * never sleeps.
 */

#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include "rectify-desk-client.h"
#include "rectify-test-desk.h"

#define OAUTH_TOKEN     "oauth-token-for-tests"
#define API_TOKEN       "api-token-for-tests"
#define OWNER_NAME      "Ana García"
#define OWNER_EMAIL     "owner@example.com"
#define STRANGER_EMAIL  "someone.else@example.com"

typedef struct
{
  RectifyTestDesk   *desk;
  RectifyDeskClient *client;  /* anonymous, as the owner */
  RectifyDeskClient *signed_in;  /* OAuth */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->desk = rectify_test_desk_new (&error);
  g_assert_no_error (error);
  rectify_test_desk_set_oauth_token (f->desk, OAUTH_TOKEN);
  rectify_test_desk_set_api_token (f->desk, OWNER_EMAIL, API_TOKEN);

  f->client = rectify_desk_client_new (rectify_test_desk_get_url (f->desk), &error);
  g_assert_no_error (error);
  rectify_desk_client_set_anonymous (f->client, OWNER_NAME, OWNER_EMAIL, 2);

  f->signed_in = rectify_desk_client_new (rectify_test_desk_get_url (f->desk), &error);
  g_assert_no_error (error);
  rectify_desk_client_set_oauth_token (f->signed_in, OAUTH_TOKEN);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (g_steal_pointer (&f->client));
  g_assert_finalize_object (g_steal_pointer (&f->signed_in));
  g_assert_finalize_object (g_steal_pointer (&f->desk));

  /* Let the closed connections' last callbacks run. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Driving the main loop */

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      data)
{
  GAsyncResult **out = data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return g_steal_pointer (result);
}

static RectifyDeskRequest *
create_request (RectifyDeskClient   *client,
                const char          *subject,
                const char          *body,
                const char * const  *tokens,
                GError             **error)
{
  GAsyncResult *pending = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  rectify_desk_client_create_request_async (client, subject, body, tokens, NULL,
                                            store_result, &pending);
  result = wait_result (&pending);

  return rectify_desk_client_create_request_finish (client, result, error);
}

static RectifyDeskUpload *
upload_file (RectifyDeskClient        *client,
             GFile                    *file,
             RectifyDeskProgressFunc   progress,
             gpointer                  progress_data,
             GError                  **error)
{
  GAsyncResult *pending = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  rectify_desk_client_upload_async (client, file, NULL, progress, progress_data, NULL, NULL,
                                    store_result, &pending);
  result = wait_result (&pending);

  return rectify_desk_client_upload_finish (client, result, error);
}

static RectifyDeskRequest *
get_request (RectifyDeskClient  *client,
             gint64              id,
             GError            **error)
{
  GAsyncResult *pending = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  rectify_desk_client_get_request_async (client, id, NULL, store_result, &pending);
  result = wait_result (&pending);

  return rectify_desk_client_get_request_finish (client, result, error);
}

static GPtrArray *
list_comments (RectifyDeskClient  *client,
               gint64              id,
               GError            **error)
{
  GAsyncResult *pending = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  rectify_desk_client_list_comments_async (client, id, NULL, store_result, &pending);
  result = wait_result (&pending);

  return rectify_desk_client_list_comments_finish (client, result, error);
}

static RectifyDeskRequest *
add_comment (RectifyDeskClient  *client,
             gint64              id,
             const char         *body,
             GError            **error)
{
  GAsyncResult *pending = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  rectify_desk_client_add_comment_async (client, id, body, NULL, NULL, store_result, &pending);
  result = wait_result (&pending);

  return rectify_desk_client_add_comment_finish (client, result, error);
}

static GPtrArray *
list_requests (RectifyDeskClient  *client,
               GError            **error)
{
  GAsyncResult *pending = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  rectify_desk_client_list_requests_async (client, NULL, store_result, &pending);
  result = wait_result (&pending);

  return rectify_desk_client_list_requests_finish (client, result, error);
}

static GFile *
write_file (const char *name,
            gsize       size)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *block = g_malloc (64 * 1024);
  static const char head[] = "%PDF-1.4\n% Rectify test statement\n";

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, &error);
  g_assert_no_error (error);

  for (gsize i = 0; i < 64 * 1024; i++)
    block[i] = 'a' + (i % 26);
  memcpy (block, head, MIN (size, sizeof head - 1));

  for (gsize written = 0; written < size;)
    {
      gsize n = MIN (size - written, 64 * 1024);

      g_output_stream_write_all (G_OUTPUT_STREAM (stream), block, n, NULL, NULL, &error);
      g_assert_no_error (error);
      written += n;
      /* The header only at the start. */
      memset (block, 'z', MIN (sizeof head - 1, 64 * 1024));
    }

  g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&file);
}

static void
assert_desk_error (const GError     *error,
                   RectifyDeskError  code,
                   guint             status)
{
  g_assert_error (error, RECTIFY_DESK_ERROR, code);
  g_assert_cmpuint (rectify_desk_error_get_status (error), ==, status);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
}

static const RectifyDeskFieldError *
find_field_error (const GError *error,
                  const char   *field)
{
  GPtrArray *field_errors = rectify_desk_error_get_field_errors (error);

  for (guint i = 0; field_errors != NULL && i < field_errors->len; i++)
    {
      const RectifyDeskFieldError *field_error = g_ptr_array_index (field_errors, i);

      if (g_strcmp0 (field_error->field, field) == 0)
        return field_error;
    }

  return NULL;
}

/* The error domain */

static void
test_error_domain (void)
{
  g_autoptr(GPtrArray) details = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) copy = NULL;
  g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "no");
  const RectifyDeskFieldError *field_error;
  static const struct {
    guint            status;
    RectifyDeskError code;
  } statuses[] = {
    { 400, RECTIFY_DESK_ERROR_HTTP },
    { 401, RECTIFY_DESK_ERROR_UNAUTHORIZED },
    { 403, RECTIFY_DESK_ERROR_FORBIDDEN },
    { 404, RECTIFY_DESK_ERROR_NOT_FOUND },
    { 409, RECTIFY_DESK_ERROR_HTTP },
    { 422, RECTIFY_DESK_ERROR_INVALID },
    { 429, RECTIFY_DESK_ERROR_RATE_LIMITED },
    { 500, RECTIFY_DESK_ERROR_SERVER },
    { 502, RECTIFY_DESK_ERROR_SERVER },
    { 503, RECTIFY_DESK_ERROR_UNAVAILABLE },
    { 504, RECTIFY_DESK_ERROR_SERVER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr(GError) e = rectify_desk_error_new_for_status (statuses[i].status, -1, NULL, NULL);

      assert_desk_error (e, statuses[i].code, statuses[i].status);
    }

  details = g_ptr_array_new_with_free_func ((GDestroyNotify) rectify_desk_field_error_free);
  g_ptr_array_add (details, rectify_desk_field_error_new ("subject", "Subject: cannot be blank",
                                                          "BlankValue"));
  g_ptr_array_add (details, rectify_desk_field_error_new (NULL, "Something", NULL));
  error = rectify_desk_error_new_for_status (422, 12, "RecordInvalid", details);

  /* The extra data survives a copy, as through g_task_return_error(). */
  copy = g_error_copy (error);
  g_clear_error (&error);
  assert_desk_error (copy, RECTIFY_DESK_ERROR_INVALID, 422);
  g_assert_cmpint (rectify_desk_error_get_retry_after (copy), ==, 12);
  g_assert_cmpstr (rectify_desk_error_get_server_error (copy), ==, "RecordInvalid");
  g_assert_cmpuint (rectify_desk_error_get_field_errors (copy)->len, ==, 2);
  field_error = find_field_error (copy, "subject");
  g_assert_nonnull (field_error);
  g_assert_cmpstr (field_error->code, ==, "BlankValue");
  g_assert_true (rectify_desk_error_has_field (copy, "base"));
  g_assert_false (rectify_desk_error_has_field (copy, "description"));

  /* Other domains have none of it, without criticals. */
  g_assert_cmpuint (rectify_desk_error_get_status (other), ==, 0);
  g_assert_cmpint (rectify_desk_error_get_retry_after (other), ==, -1);
  g_assert_null (rectify_desk_error_get_field_errors (other));
  g_assert_false (rectify_desk_error_is_retry_safe (other));
  g_assert_false (rectify_desk_error_may_have_taken_effect (other));
}

static void
test_error_policy (void)
{
  static const struct {
    RectifyDeskError code;
    guint            status;
    gboolean         retry_safe;
    gboolean         taken_effect;
  } cases[] = {
    { RECTIFY_DESK_ERROR_NOTHING_SENT, 0, TRUE, FALSE },
    { RECTIFY_DESK_ERROR_AMBIGUOUS, 0, FALSE, TRUE },
    { RECTIFY_DESK_ERROR_RATE_LIMITED, 429, TRUE, FALSE },
    { RECTIFY_DESK_ERROR_UNAVAILABLE, 503, TRUE, FALSE },
    { RECTIFY_DESK_ERROR_SERVER, 500, FALSE, TRUE },
    { RECTIFY_DESK_ERROR_UNAUTHORIZED, 401, FALSE, FALSE },
    { RECTIFY_DESK_ERROR_INVALID, 422, FALSE, FALSE },
    { RECTIFY_DESK_ERROR_BAD_RESPONSE, 201, FALSE, TRUE },
    { RECTIFY_DESK_ERROR_BAD_RESPONSE, 404, FALSE, FALSE },
    { RECTIFY_DESK_ERROR_TOO_LARGE, 0, FALSE, FALSE },
    { RECTIFY_DESK_ERROR_INSECURE, 0, FALSE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = rectify_desk_error_new (cases[i].code, cases[i].status, -1,
                                                        NULL, NULL, NULL);

      g_assert_cmpint (rectify_desk_error_is_retry_safe (error), ==, cases[i].retry_safe);
      g_assert_cmpint (rectify_desk_error_may_have_taken_effect (error), ==,
                       cases[i].taken_effect);
    }
}

/* The base URL */

static void
test_url_policy (void)
{
  static const struct {
    const char *url;
    int         code;  /* -1: accepted */
  } cases[] = {
    { "https://ringover.zendesk.com", -1 },
    { "https://ringover.zendesk.com/", -1 },
    { "https://help.example.com:8443/desk", -1 },
    { "http://127.0.0.1:8080", -1 },
    { "http://127.4.5.6", -1 },
    { "http://localhost:8080/", -1 },
    { "http://[::1]:8080", -1 },
    { "http://ringover.zendesk.com", RECTIFY_DESK_ERROR_INSECURE },
    { "http://10.0.0.1:8080", RECTIFY_DESK_ERROR_INSECURE },
    { "http://localhost.example.com", RECTIFY_DESK_ERROR_INSECURE },
    { "http://128.0.0.1", RECTIFY_DESK_ERROR_INSECURE },
    { "ftp://ringover.zendesk.com", RECTIFY_DESK_ERROR_BAD_URL },
    { "ringover.zendesk.com", RECTIFY_DESK_ERROR_BAD_URL },
    { "https://user:secret@ringover.zendesk.com", RECTIFY_DESK_ERROR_BAD_URL },
    { "https://ringover.zendesk.com/?x=1", RECTIFY_DESK_ERROR_BAD_URL },
    { "https://", RECTIFY_DESK_ERROR_BAD_URL },
    { "", RECTIFY_DESK_ERROR_BAD_URL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RectifyDeskClient) client = rectify_desk_client_new (cases[i].url, &error);

      g_test_message ("%s", cases[i].url);
      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_nonnull (client);
        }
      else
        {
          g_assert_error (error, RECTIFY_DESK_ERROR, cases[i].code);
          g_assert_null (client);
        }
    }
}

static void
test_page_url (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RectifyDeskClient) client = NULL;
  g_autoptr(RectifyDeskClient) sub = NULL;
  g_autofree char *url = NULL;
  g_autofree char *sub_url = NULL;

  client = rectify_desk_client_new ("https://ringover.zendesk.com/", &error);
  g_assert_no_error (error);
  url = rectify_desk_client_dup_request_page_url (client, 4242);
  g_assert_cmpstr (url, ==, "https://ringover.zendesk.com/hc/requests/4242");

  sub = rectify_desk_client_new ("https://example.com:8443/desk", &error);
  g_assert_no_error (error);
  sub_url = rectify_desk_client_dup_request_page_url (sub, 7);
  g_assert_cmpstr (sub_url, ==, "https://example.com:8443/desk/hc/requests/7");
}

/* The contract */

static void
test_create_anonymous (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RectifyDeskRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  /* The desk stamps requests with its own clock, the real one, as a remote
   * desk would: compared with that, not with the app's. */
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) after = g_date_time_add_minutes (now, 1);
  g_autoptr(GDateTime) before = g_date_time_add_minutes (now, -1);

  request = create_request (f->client, "Wrong licence type [ref 1c2d]",
                            "I bought a Smart licence instead of a Power one.", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (request);

  g_assert_cmpint (request->id, >, 0);
  g_assert_cmpint (request->status, ==, RECTIFY_DESK_STATUS_NEW);
  g_assert_cmpstr (request->subject, ==, "Wrong licence type [ref 1c2d]");
  g_assert_cmpstr (request->description, ==, "I bought a Smart licence instead of a Power one.");
  g_assert_true (g_str_has_prefix (request->url, rectify_test_desk_get_url (f->desk)));
  g_assert_cmpint (request->requester_id, ==, rectify_test_desk_get_user_id (f->desk));
  g_assert_nonnull (request->created_at);
  g_assert_nonnull (request->updated_at);
  g_assert_cmpint (g_date_time_compare (request->created_at, before), >, 0);
  g_assert_cmpint (g_date_time_compare (request->created_at, after), <, 0);

  g_assert_cmpuint (rectify_test_desk_get_created_count (f->desk), ==, 1);
  g_assert_cmpuint (rectify_test_desk_count_subject (f->desk, "[ref 1c2d]"), ==, 1);
  g_assert_cmpstr (rectify_test_desk_get_requester_email (f->desk, request->id), ==, OWNER_EMAIL);
  g_assert_cmpstr (rectify_test_desk_get_requester_name (f->desk, request->id), ==, OWNER_NAME);
  g_assert_cmpint (rectify_test_desk_get_requester_locale (f->desk, request->id), ==, 2);
  g_assert_true (g_str_has_prefix (rectify_test_desk_get_last_user_agent (f->desk),
                                   "Rectify/" PACKAGE_VERSION));
}

static void
test_create_invalid (Fixture       *f,
                     gconstpointer  data)
{
  const RectifyDeskFieldError *field_error;
  g_autoptr(RectifyDeskRequest) request = NULL;
  g_autoptr(GError) error = NULL;

  /* A blank subject. */
  request = create_request (f->client, "  ", "Body", NULL, &error);
  g_assert_null (request);
  assert_desk_error (error, RECTIFY_DESK_ERROR_INVALID, 422);
  g_assert_cmpstr (rectify_desk_error_get_server_error (error), ==, "RecordInvalid");
  field_error = find_field_error (error, "subject");
  g_assert_nonnull (field_error);
  g_assert_cmpstr (field_error->code, ==, "BlankValue");
  g_assert_nonnull (field_error->description);
  g_assert_false (rectify_desk_error_has_field (error, "description"));
  g_assert_false (rectify_desk_error_may_have_taken_effect (error));
  g_assert_false (rectify_desk_error_is_retry_safe (error));
  g_clear_error (&error);

  /* A blank body. */
  request = create_request (f->client, "Subject", "", NULL, &error);
  assert_desk_error (error, RECTIFY_DESK_ERROR_INVALID, 422);
  field_error = find_field_error (error, "description");
  g_assert_nonnull (field_error);
  g_assert_cmpstr (field_error->code, ==, "BlankValue");
  g_assert_false (rectify_desk_error_has_field (error, "subject"));
  g_clear_error (&error);

  /* Both: both are listed. */
  request = create_request (f->client, "", "\n", NULL, &error);
  assert_desk_error (error, RECTIFY_DESK_ERROR_INVALID, 422);
  g_assert_true (rectify_desk_error_has_field (error, "subject"));
  g_assert_true (rectify_desk_error_has_field (error, "description"));
  g_clear_error (&error);

  /* An anonymous request without the requester's e-mail, or name. */
  rectify_desk_client_set_anonymous (f->client, OWNER_NAME, NULL, 0);
  request = create_request (f->client, "Subject", "Body", NULL, &error);
  assert_desk_error (error, RECTIFY_DESK_ERROR_INVALID, 422);
  field_error = find_field_error (error, "requester");
  g_assert_nonnull (field_error);
  g_assert_cmpstr (field_error->code, ==, "BlankValue");
  g_clear_error (&error);

  rectify_desk_client_set_anonymous (f->client, NULL, OWNER_EMAIL, 0);
  request = create_request (f->client, "Subject", "Body", NULL, &error);
  assert_desk_error (error, RECTIFY_DESK_ERROR_INVALID, 422);
  g_assert_true (rectify_desk_error_has_field (error, "requester"));
  g_clear_error (&error);

  rectify_desk_client_set_anonymous (f->client, OWNER_NAME, "not an address", 0);
  request = create_request (f->client, "Subject", "Body", NULL, &error);
  assert_desk_error (error, RECTIFY_DESK_ERROR_INVALID, 422);
  field_error = find_field_error (error, "requester");
  g_assert_nonnull (field_error);
  g_assert_cmpstr (field_error->code, ==, "InvalidValue");
  g_clear_error (&error);

  g_assert_cmpuint (rectify_test_desk_get_created_count (f->desk), ==, 0);
}

static void
test_auth_modes (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RectifyDeskClient) api = NULL;
  g_autoptr(RectifyDeskRequest) by_oauth = NULL;
  g_autoptr(RectifyDeskRequest) by_api = NULL;
  g_autoptr(RectifyDeskRequest) shown = NULL;
  g_autoptr(GError) error = NULL;

  /* No anonymous requests on this desk: both sign-in modes still work. */
  rectify_test_desk_set_anonymous_allowed (f->desk, FALSE);

  g_assert_cmpint (rectify_desk_client_get_auth (f->signed_in), ==, RECTIFY_DESK_AUTH_OAUTH);
  by_oauth = create_request (f->signed_in, "By OAuth", "Body", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (by_oauth->requester_id, ==, rectify_test_desk_get_user_id (f->desk));

  api = rectify_desk_client_new (rectify_test_desk_get_url (f->desk), &error);
  g_assert_no_error (error);
  rectify_desk_client_set_api_token (api, OWNER_EMAIL, API_TOKEN);
  g_assert_cmpint (rectify_desk_client_get_auth (api), ==, RECTIFY_DESK_AUTH_API_TOKEN);
  by_api = create_request (api, "By API token", "Body", NULL, &error);
  g_assert_no_error (error);

  shown = get_request (api, by_oauth->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (shown->id, ==, by_oauth->id);
  g_assert_cmpstr (shown->subject, ==, "By OAuth");

  g_assert_cmpuint (rectify_test_desk_get_created_count (f->desk), ==, 2);
  g_assert_finalize_object (g_steal_pointer (&api));
}

static void
test_auth_refused (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RectifyDeskClient) wrong_oauth = NULL;
  g_autoptr(RectifyDeskClient) wrong_api = NULL;
  g_autoptr(RectifyDeskRequest) request = NULL;
  g_autoptr(GError) error = NULL;

  /* Anonymous access switched off. */
  rectify_test_desk_set_anonymous_allowed (f->desk, FALSE);
  request = create_request (f->client, "Subject", "Body", NULL, &error);
  assert_desk_error (error, RECTIFY_DESK_ERROR_UNAUTHORIZED, 401);
  g_assert_cmpstr (rectify_desk_error_get_server_error (error), ==, "Couldn't authenticate you");
  g_clear_error (&error);

  /* Wrong credentials are refused even where anonymous requests are fine. */
  rectify_test_desk_set_anonymous_allowed (f->desk, TRUE);

  wrong_oauth = rectify_desk_client_new (rectify_test_desk_get_url (f->desk), &error);
  g_assert_no_error (error);
  rectify_desk_client_set_oauth_token (wrong_oauth, "not-the-token");
  request = create_request (wrong_oauth, "Subject", "Body", NULL, &error);
  assert_desk_error (error, RECTIFY_DESK_ERROR_UNAUTHORIZED, 401);
  g_clear_error (&error);

  wrong_api = rectify_desk_client_new (rectify_test_desk_get_url (f->desk), &error);
  g_assert_no_error (error);
  rectify_desk_client_set_api_token (wrong_api, OWNER_EMAIL, "not-the-token");
  request = create_request (wrong_api, "Subject", "Body", NULL, &error);
  assert_desk_error (error, RECTIFY_DESK_ERROR_UNAUTHORIZED, 401);
  g_clear_error (&error);

  rectify_desk_client_set_api_token (wrong_api, STRANGER_EMAIL, API_TOKEN);
  request = create_request (wrong_api, "Subject", "Body", NULL, &error);
  assert_desk_error (error, RECTIFY_DESK_ERROR_UNAUTHORIZED, 401);
  g_clear_error (&error);

  g_assert_cmpuint (rectify_test_desk_get_created_count (f->desk), ==, 0);
}

static void
test_read_refused (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RectifyDeskRequest) request = NULL;
  g_autoptr(RectifyDeskRequest) shown = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GError) error = NULL;

  request = create_request (f->client, "Subject", "Body", NULL, &error);
  g_assert_no_error (error);

  /* Reads need a signed-in user. */
  shown = get_request (f->client, request->id, &error);
  assert_desk_error (error, RECTIFY_DESK_ERROR_UNAUTHORIZED, 401);
  g_clear_error (&error);

  comments = list_comments (f->client, request->id, &error);
  assert_desk_error (error, RECTIFY_DESK_ERROR_UNAUTHORIZED, 401);
  g_clear_error (&error);

  /* Unknown ids. */
  shown = get_request (f->signed_in, request->id + 1000, &error);
  assert_desk_error (error, RECTIFY_DESK_ERROR_NOT_FOUND, 404);
  g_assert_cmpstr (rectify_desk_error_get_server_error (error), ==, "RecordNotFound");
  g_clear_error (&error);

  comments = list_comments (f->signed_in, request->id + 1000, &error);
  assert_desk_error (error, RECTIFY_DESK_ERROR_NOT_FOUND, 404);
  g_clear_error (&error);

  /* An unverified e-mail address. */
  rectify_test_desk_set_user_verified (f->desk, FALSE);
  shown = get_request (f->signed_in, request->id, &error);
  assert_desk_error (error, RECTIFY_DESK_ERROR_FORBIDDEN, 403);
  g_clear_error (&error);

  rectify_test_desk_set_user_verified (f->desk, TRUE);
  shown = get_request (f->signed_in, request->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (shown->status, ==, RECTIFY_DESK_STATUS_NEW);

  rectify_test_desk_set_request_status (f->desk, request->id, "pending");
  g_clear_pointer (&shown, rectify_desk_request_free);
  shown = get_request (f->signed_in, request->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (shown->status, ==, RECTIFY_DESK_STATUS_PENDING);
}

typedef struct
{
  guint   calls;
  goffset last_sent;
  goffset last_total;
  gboolean monotonic;
} ProgressLog;

static void
log_progress (goffset  sent,
              goffset  total,
              gpointer data)
{
  ProgressLog *log = data;

  if (sent < log->last_sent)
    log->monotonic = FALSE;
  log->calls++;
  log->last_sent = sent;
  log->last_total = total;
}

static void
test_upload_streamed (Fixture       *f,
                      gconstpointer  data)
{
  const gsize size = 3 * 1024 * 1024 + 17;
  g_autoptr(GFile) file = write_file ("statement.pdf", size);
  g_autoptr(RectifyDeskUpload) upload = NULL;
  g_autoptr(RectifyDeskRequest) request = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_type = NULL;
  const char *tokens[2] = { NULL, NULL };
  const RectifyDeskComment *comment;
  const RectifyDeskAttachment *attachment;
  ProgressLog log = { 0, 0, 0, TRUE };

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE, 0, NULL, &error);
  g_assert_no_error (error);
  expected_type = g_content_type_get_mime_type (g_file_info_get_content_type (info));

  upload = upload_file (f->client, file, log_progress, &log, &error);
  g_assert_no_error (error);
  g_assert_nonnull (upload->token);
  g_assert_nonnull (upload->attachment);
  g_assert_cmpstr (upload->attachment->file_name, ==, "statement.pdf");
  g_assert_cmpint (upload->attachment->size, ==, size);
  g_assert_cmpstr (upload->attachment->content_type, ==, expected_type);
  g_assert_cmpuint (rectify_test_desk_get_upload_count (f->desk), ==, 1);

  /* Progress came in pieces and reached the whole file. */
  g_assert_cmpuint (log.calls, >, 2);
  g_assert_true (log.monotonic);
  g_assert_cmpint (log.last_sent, ==, size);
  g_assert_cmpint (log.last_total, ==, size);

  tokens[0] = upload->token;
  request = create_request (f->client, "With a statement", "See the attached statement.",
                            (const char * const *) tokens, &error);
  g_assert_no_error (error);

  comments = list_comments (f->signed_in, request->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (comments->len, ==, 1);
  comment = g_ptr_array_index (comments, 0);
  g_assert_cmpuint (comment->attachments->len, ==, 1);
  attachment = g_ptr_array_index (comment->attachments, 0);
  g_assert_cmpstr (attachment->file_name, ==, "statement.pdf");
  g_assert_cmpint (attachment->size, ==, size);
  g_assert_cmpstr (attachment->content_type, ==, expected_type);
  g_assert_nonnull (attachment->content_url);
}

static void
test_upload_single_use (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GFile) file = write_file ("notes.txt", 100);
  g_autoptr(RectifyDeskUpload) upload = NULL;
  g_autoptr(RectifyDeskRequest) first = NULL;
  g_autoptr(RectifyDeskRequest) second = NULL;
  g_autoptr(GError) error = NULL;
  const char * const unknown[] = { "tok-that-was-never-issued", NULL };

  upload = upload_file (f->client, file, NULL, NULL, &error);
  g_assert_no_error (error);

  {
    const char * const tokens[] = { upload->token, NULL };

    first = create_request (f->client, "First", "Body", tokens, &error);
    g_assert_no_error (error);

    /* The same token again: used up. */
    second = create_request (f->client, "Second", "Body", tokens, &error);
    assert_desk_error (error, RECTIFY_DESK_ERROR_INVALID, 422);
    g_assert_true (rectify_desk_error_has_field (error, "uploads"));
    g_clear_error (&error);
  }

  second = create_request (f->client, "Third", "Body", unknown, &error);
  assert_desk_error (error, RECTIFY_DESK_ERROR_INVALID, 422);
  g_assert_true (rectify_desk_error_has_field (error, "uploads"));
  g_clear_error (&error);

  g_assert_cmpuint (rectify_test_desk_get_created_count (f->desk), ==, 1);
}

static void
test_upload_expired (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GFile) file = write_file ("notes.txt", 100);
  g_autoptr(RectifyDeskUpload) fresh = NULL;
  g_autoptr(RectifyDeskUpload) stale = NULL;
  g_autoptr(RectifyDeskRequest) request = NULL;
  g_autoptr(GError) error = NULL;

  stale = upload_file (f->client, file, NULL, NULL, &error);
  g_assert_no_error (error);

  /* 59 minutes later, still good; 61 minutes later, gone. */
  rectify_test_desk_advance_clock (f->desk, 59 * G_TIME_SPAN_MINUTE);
  fresh = upload_file (f->client, file, NULL, NULL, &error);
  g_assert_no_error (error);
  rectify_test_desk_advance_clock (f->desk, 2 * G_TIME_SPAN_MINUTE);

  {
    const char * const tokens[] = { stale->token, NULL };

    request = create_request (f->client, "Late", "Body", tokens, &error);
    assert_desk_error (error, RECTIFY_DESK_ERROR_INVALID, 422);
    g_assert_true (rectify_desk_error_has_field (error, "uploads"));
    g_clear_error (&error);
  }

  {
    const char * const tokens[] = { fresh->token, NULL };

    request = create_request (f->client, "In time", "Body", tokens, &error);
    g_assert_no_error (error);
  }

  g_assert_cmpuint (rectify_test_desk_get_created_count (f->desk), ==, 1);
}

static void
test_upload_too_large (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GFile) file = write_file ("scan.pdf", 2048);
  g_autoptr(GFile) exact = write_file ("exact.pdf", 1024);
  g_autoptr(RectifyDeskUpload) upload = NULL;
  g_autoptr(GError) error = NULL;
  ProgressLog log = { 0, 0, 0, TRUE };

  rectify_desk_client_set_max_upload_size (f->client, 1024);

  upload = upload_file (f->client, file, log_progress, &log, &error);
  g_assert_null (upload);
  assert_desk_error (error, RECTIFY_DESK_ERROR_TOO_LARGE, 0);
  g_assert_nonnull (strstr (error->message, "scan.pdf"));
  g_assert_false (rectify_desk_error_may_have_taken_effect (error));
  g_clear_error (&error);

  /* Refused before anything was sent: the desk saw nothing at all. */
  g_assert_cmpuint (log.calls, ==, 0);
  g_assert_cmpuint (rectify_test_desk_get_upload_count (f->desk), ==, 0);
  g_assert_cmpuint (rectify_test_desk_get_hit_count (f->desk), ==, 0);

  /* The limit itself is allowed. */
  upload = upload_file (f->client, exact, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rectify_test_desk_get_upload_count (f->desk), ==, 1);
}

static void
test_upload_missing_file (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "missing.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(RectifyDeskUpload) upload = NULL;
  g_autoptr(GError) error = NULL;

  upload = upload_file (f->client, file, NULL, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpuint (rectify_test_desk_get_hit_count (f->desk), ==, 0);
}

static void
test_comments_pagination (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(RectifyDeskRequest) request = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GError) error = NULL;
  gint64 previous = 0;

  rectify_test_desk_set_page_size_limit (f->desk, 2);

  request = create_request (f->client, "Paged", "First words", NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *body = g_strdup_printf ("Agent answer %u", i);

      rectify_test_desk_add_agent_comment (f->desk, request->id, body, TRUE);
    }
  /* An internal note: never shown to the requester. */
  rectify_test_desk_add_agent_comment (f->desk, request->id, "Internal note", FALSE);
  rectify_test_desk_add_agent_comment (f->desk, request->id, "Last answer", TRUE);

  comments = list_comments (f->signed_in, request->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (comments->len, ==, 7);

  for (guint i = 0; i < comments->len; i++)
    {
      const RectifyDeskComment *comment = g_ptr_array_index (comments, i);

      g_assert_cmpint (comment->id, >, previous);
      previous = comment->id;
      g_assert_true (comment->is_public);
      g_assert_nonnull (comment->created_at);
      g_assert_cmpstr (comment->body, !=, "Internal note");
    }

  g_assert_cmpstr (((RectifyDeskComment *) g_ptr_array_index (comments, 0))->body, ==,
                   "First words");
  g_assert_cmpint (((RectifyDeskComment *) g_ptr_array_index (comments, 0))->author_id, ==,
                   rectify_test_desk_get_user_id (f->desk));
  g_assert_cmpstr (((RectifyDeskComment *) g_ptr_array_index (comments, 1))->plain_body, ==,
                   "Agent answer 0");
  g_assert_cmpint (((RectifyDeskComment *) g_ptr_array_index (comments, 1))->author_id, ==,
                   RECTIFY_TEST_DESK_AGENT_ID);
  g_assert_cmpstr (((RectifyDeskComment *) g_ptr_array_index (comments, 6))->body, ==,
                   "Last answer");
}

static void
test_reply (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(RectifyDeskRequest) request = NULL;
  g_autoptr(RectifyDeskRequest) updated = NULL;
  g_autoptr(RectifyDeskRequest) reopened = NULL;
  g_autoptr(RectifyDeskRequest) refused = NULL;
  g_autoptr(RectifyDeskRequest) with_file = NULL;
  g_autoptr(RectifyDeskUpload) upload = NULL;
  g_autoptr(GFile) file = write_file ("invoice.txt", 300);
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const RectifyDeskComment *comment;
  const RectifyDeskAttachment *attachment;
  GAsyncResult *pending = NULL;
  const char *tokens[2] = { NULL, NULL };

  request = create_request (f->signed_in, "Reply to me", "Body", NULL, &error);
  g_assert_no_error (error);

  rectify_test_desk_set_request_status (f->desk, request->id, "pending");
  updated = add_comment (f->signed_in, request->id, "Here is the invoice number.", &error);
  g_assert_no_error (error);
  g_assert_cmpint (updated->id, ==, request->id);
  g_assert_cmpint (updated->status, ==, RECTIFY_DESK_STATUS_OPEN);

  /* A reply to a solved request reopens it. */
  rectify_test_desk_set_request_status (f->desk, request->id, "solved");
  reopened = add_comment (f->signed_in, request->id, "It is not solved yet.", &error);
  g_assert_no_error (error);
  g_assert_cmpint (reopened->status, ==, RECTIFY_DESK_STATUS_OPEN);

  /* A closed one refuses. */
  rectify_test_desk_set_request_status (f->desk, request->id, "closed");
  refused = add_comment (f->signed_in, request->id, "Hello?", &error);
  g_assert_null (refused);
  assert_desk_error (error, RECTIFY_DESK_ERROR_INVALID, 422);
  g_assert_true (rectify_desk_error_has_field (error, "status"));
  g_clear_error (&error);

  /* A blank reply is refused too, and anonymous replies are not allowed. */
  rectify_test_desk_set_request_status (f->desk, request->id, "open");
  refused = add_comment (f->signed_in, request->id, " ", &error);
  assert_desk_error (error, RECTIFY_DESK_ERROR_INVALID, 422);
  g_assert_true (rectify_desk_error_has_field (error, "comment"));
  g_clear_error (&error);

  refused = add_comment (f->client, request->id, "Anonymous", &error);
  assert_desk_error (error, RECTIFY_DESK_ERROR_UNAUTHORIZED, 401);
  g_clear_error (&error);

  /* A reply with an attachment: upload tokens work in updates too. */
  upload = upload_file (f->signed_in, file, NULL, NULL, &error);
  g_assert_no_error (error);
  tokens[0] = upload->token;
  rectify_desk_client_add_comment_async (f->signed_in, request->id, "The statement.",
                                         (const char * const *) tokens, NULL,
                                         store_result, &pending);
  result = wait_result (&pending);
  with_file = rectify_desk_client_add_comment_finish (f->signed_in, result, &error);
  g_assert_no_error (error);

  comments = list_comments (f->signed_in, request->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (comments->len, ==, 4);
  comment = g_ptr_array_index (comments, 2);
  g_assert_cmpstr (comment->body, ==, "It is not solved yet.");
  comment = g_ptr_array_index (comments, 3);
  g_assert_cmpstr (comment->body, ==, "The statement.");
  g_assert_cmpuint (comment->attachments->len, ==, 1);
  attachment = g_ptr_array_index (comment->attachments, 0);
  g_assert_cmpstr (attachment->file_name, ==, "invoice.txt");
}

static void
test_list_requests (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RectifyDeskClient) stranger = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;
  guint found = 0;

  rectify_test_desk_set_page_size_limit (f->desk, 2);

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *subject = g_strdup_printf ("Case %u [ref 0a0b-%u]", i, i);
      g_autoptr(RectifyDeskRequest) request = NULL;

      request = create_request (f->signed_in, subject, "Body", NULL, &error);
      g_assert_no_error (error);
    }

  /* An anonymous request from the owner's address is the owner's too. */
  {
    g_autoptr(RectifyDeskRequest) request = NULL;

    request = create_request (f->client, "Sent anonymously [ref 0a0b-9]", "Body", NULL, &error);
    g_assert_no_error (error);
  }

  /* Somebody else's is not. */
  stranger = rectify_desk_client_new (rectify_test_desk_get_url (f->desk), &error);
  g_assert_no_error (error);
  rectify_desk_client_set_anonymous (stranger, "Someone", STRANGER_EMAIL, 0);
  {
    g_autoptr(RectifyDeskRequest) request = NULL;

    request = create_request (stranger, "Not yours [ref ffff]", "Body", NULL, &error);
    g_assert_no_error (error);
  }

  requests = list_requests (f->signed_in, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (requests->len, ==, 6);

  for (guint i = 0; i < requests->len; i++)
    {
      const RectifyDeskRequest *request = g_ptr_array_index (requests, i);

      g_assert_null (strstr (request->subject, "[ref ffff]"));
      if (strstr (request->subject, "[ref 0a0b-") != NULL)
        found++;
    }
  g_assert_cmpuint (found, ==, 6);

  /* Anonymous users have no list. */
  g_clear_pointer (&requests, g_ptr_array_unref);
  requests = list_requests (f->client, &error);
  assert_desk_error (error, RECTIFY_DESK_ERROR_UNAUTHORIZED, 401);
  g_assert_finalize_object (g_steal_pointer (&stranger));
}

/* Failures */

static void
test_latency (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RectifyDeskRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_LATENCY, 1, 150);

  request = create_request (f->client, "Slow", "Body", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 150 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpuint (rectify_test_desk_get_created_count (f->desk), ==, 1);
}

static void
test_timeout_ambiguous (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RectifyDeskRequest) request = NULL;
  g_autoptr(GError) error = NULL;

  /* The desk creates the request, then takes longer than the client waits. */
  rectify_desk_client_set_timeout (f->client, 1);
  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_LATENCY, 1, 3000);

  request = create_request (f->client, "Timed out [ref 77]", "Body", NULL, &error);
  g_assert_null (request);
  assert_desk_error (error, RECTIFY_DESK_ERROR_AMBIGUOUS, 0);
  g_assert_true (rectify_desk_error_may_have_taken_effect (error));
  g_assert_false (rectify_desk_error_is_retry_safe (error));
  g_assert_cmpuint (rectify_test_desk_count_subject (f->desk, "[ref 77]"), ==, 1);
}

static void
test_rate_limited (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RectifyDeskRequest) request = NULL;
  g_autoptr(GError) error = NULL;

  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_RATE_LIMITED, 2, 17);

  for (guint i = 0; i < 2; i++)
    {
      request = create_request (f->client, "Limited", "Body", NULL, &error);
      g_assert_null (request);
      assert_desk_error (error, RECTIFY_DESK_ERROR_RATE_LIMITED, 429);
      g_assert_cmpint (rectify_desk_error_get_retry_after (error), ==, 17);
      g_assert_true (rectify_desk_error_is_retry_safe (error));
      g_assert_false (rectify_desk_error_may_have_taken_effect (error));
      g_clear_error (&error);
    }
  g_assert_cmpuint (rectify_test_desk_get_created_count (f->desk), ==, 0);

  /* The fault was armed for two requests only. */
  request = create_request (f->client, "Limited", "Body", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rectify_test_desk_get_created_count (f->desk), ==, 1);
}

static void
test_server_errors (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RectifyDeskRequest) request = NULL;
  g_autoptr(GError) error = NULL;

  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_SERVER_ERROR, 1, 0);
  request = create_request (f->client, "Broken", "Body", NULL, &error);
  assert_desk_error (error, RECTIFY_DESK_ERROR_SERVER, 500);
  g_assert_true (rectify_desk_error_may_have_taken_effect (error));
  g_assert_false (rectify_desk_error_is_retry_safe (error));
  g_clear_error (&error);

  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_SERVER_ERROR, 1, 502);
  request = create_request (f->client, "Broken", "Body", NULL, &error);
  assert_desk_error (error, RECTIFY_DESK_ERROR_SERVER, 502);
  g_clear_error (&error);

  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_UNAVAILABLE, 1, 30);
  request = create_request (f->client, "Maintenance", "Body", NULL, &error);
  assert_desk_error (error, RECTIFY_DESK_ERROR_UNAVAILABLE, 503);
  g_assert_cmpint (rectify_desk_error_get_retry_after (error), ==, 30);
  g_assert_true (rectify_desk_error_is_retry_safe (error));
  g_clear_error (&error);

  g_assert_cmpuint (rectify_test_desk_get_created_count (f->desk), ==, 0);
}

static void
test_retry_after_date (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RectifyDeskRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  gint64 retry_after;

  /* Retry-After may also be an HTTP-date: kept as seconds from now. */
  rectify_test_desk_set_retry_after_dates (f->desk, TRUE);
  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_UNAVAILABLE, 1, 120);
  request = create_request (f->client, "Later", "Body", NULL, &error);
  assert_desk_error (error, RECTIFY_DESK_ERROR_UNAVAILABLE, 503);
  retry_after = rectify_desk_error_get_retry_after (error);
  g_assert_cmpint (retry_after, >=, 110);
  g_assert_cmpint (retry_after, <=, 120);
}

static void
test_text_errors (Fixture       *f,
                  gconstpointer  data)
{
  static const struct {
    guint            status;
    RectifyDeskError code;
  } cases[] = {
    { 500, RECTIFY_DESK_ERROR_SERVER },
    { 401, RECTIFY_DESK_ERROR_UNAUTHORIZED },
    { 403, RECTIFY_DESK_ERROR_FORBIDDEN },
    /* No RecordNotFound from the desk: the address is wrong. */
    { 404, RECTIFY_DESK_ERROR_HTTP },
    { 422, RECTIFY_DESK_ERROR_INVALID },
    { 400, RECTIFY_DESK_ERROR_HTTP },
    { 503, RECTIFY_DESK_ERROR_UNAVAILABLE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RectifyDeskRequest) request = NULL;
      g_autoptr(GError) error = NULL;

      rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                                   RECTIFY_TEST_DESK_FAULT_TEXT_ERROR, 1, cases[i].status);
      request = create_request (f->client, "Text", "Body", NULL, &error);
      assert_desk_error (error, cases[i].code, cases[i].status);
      g_assert_null (rectify_desk_error_get_field_errors (error));
      g_assert_null (rectify_desk_error_get_server_error (error));
    }

  g_assert_cmpuint (rectify_test_desk_get_created_count (f->desk), ==, 0);
}

static void
test_drop_before_body (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RectifyDeskRequest) request = NULL;
  g_autoptr(GError) error = NULL;

  /* The desk hangs up as soon as it has the headers. A small request's
   * body has already left by then (the client's write succeeded): the
   * client cannot know the desk did not read it, so it is AMBIGUOUS. */
  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_DROP_BEFORE_BODY, 1, 0);
  request = create_request (f->client, "Dropped early", "Body", NULL, &error);
  g_assert_null (request);
  assert_desk_error (error, RECTIFY_DESK_ERROR_AMBIGUOUS, 0);
  g_assert_cmpuint (rectify_test_desk_get_hit_count (f->desk), ==, 1);
  g_assert_cmpuint (rectify_test_desk_get_created_count (f->desk), ==, 0);
}

static void
test_drop_before_large_body (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GFile) file = write_file ("large.pdf", 48 * 1024 * 1024);
  g_autoptr(RectifyDeskUpload) upload = NULL;
  g_autoptr(GError) error = NULL;
  ProgressLog log = { 0, 0, 0, TRUE };

  /* A body larger than the sockets' buffers cannot all be written when the
   * desk hangs up before reading it: the write fails, the desk never had
   * the whole request, so NOTHING_SENT (safe to retry). */
  rectify_desk_client_set_max_upload_size (f->client, 64 * 1024 * 1024);
  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/uploads",
                               RECTIFY_TEST_DESK_FAULT_DROP_BEFORE_BODY, 1, 0);
  upload = upload_file (f->client, file, log_progress, &log, &error);
  g_assert_null (upload);
  assert_desk_error (error, RECTIFY_DESK_ERROR_NOTHING_SENT, 0);
  g_assert_true (rectify_desk_error_is_retry_safe (error));
  g_assert_cmpint (log.last_sent, <, 48 * 1024 * 1024);
  g_assert_cmpuint (rectify_test_desk_get_upload_count (f->desk), ==, 0);
}

static void
test_drop_after_body (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RectifyDeskRequest) request = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;
  guint found = 0;

  /* The desk creates the request, then hangs up without answering. */
  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_DROP_AFTER_BODY, 1, 0);
  request = create_request (f->client, "Dropped late [ref 5e6f]", "Body", NULL, &error);
  g_assert_null (request);
  assert_desk_error (error, RECTIFY_DESK_ERROR_AMBIGUOUS, 0);
  g_assert_true (rectify_desk_error_may_have_taken_effect (error));
  g_assert_false (rectify_desk_error_is_retry_safe (error));
  g_assert_cmpuint (rectify_test_desk_get_created_count (f->desk), ==, 1);
  g_clear_error (&error);

  /* What the outbox does next: look the reference up before sending again. */
  requests = list_requests (f->signed_in, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < requests->len; i++)
    {
      const RectifyDeskRequest *listed = g_ptr_array_index (requests, i);

      if (strstr (listed->subject, "[ref 5e6f]") != NULL)
        found++;
    }
  g_assert_cmpuint (found, ==, 1);
}

static void
test_connection_refused (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(RectifyDeskClient) client = NULL;
  g_autoptr(RectifyDeskRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  /* A port held but not listening: nothing can answer there. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  client = rectify_desk_client_new (url, &error);
  g_assert_no_error (error);
  rectify_desk_client_set_anonymous (client, OWNER_NAME, OWNER_EMAIL, 0);

  request = create_request (client, "Nobody there", "Body", NULL, &error);
  g_assert_null (request);
  assert_desk_error (error, RECTIFY_DESK_ERROR_NOTHING_SENT, 0);
  g_assert_true (rectify_desk_error_is_retry_safe (error));
  g_assert_false (rectify_desk_error_may_have_taken_effect (error));
}

static void
test_malformed_json (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RectifyDeskRequest) request = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GError) error = NULL;

  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_MALFORMED_JSON, 1, 0);
  request = create_request (f->client, "Garbled", "Body", NULL, &error);
  g_assert_null (request);
  /* Not the JSON promised: whatever said 201 may not be the desk. */
  assert_desk_error (error, RECTIFY_DESK_ERROR_AMBIGUOUS, 201);
  g_assert_true (rectify_desk_error_may_have_taken_effect (error));
  g_assert_cmpuint (rectify_test_desk_get_created_count (f->desk), ==, 1);
  g_clear_error (&error);

  /* On a list page too. */
  request = create_request (f->signed_in, "Fine", "Body", NULL, &error);
  g_assert_no_error (error);
  rectify_test_desk_add_fault (f->desk, "GET", "/api/v2/requests/",
                               RECTIFY_TEST_DESK_FAULT_MALFORMED_JSON, 1, 0);
  comments = list_comments (f->signed_in, request->id, &error);
  g_assert_null (comments);
  assert_desk_error (error, RECTIFY_DESK_ERROR_BAD_RESPONSE, 200);
}

static void
test_truncated_json (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RectifyDeskRequest) request = NULL;
  g_autoptr(GError) error = NULL;

  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_TRUNCATED_JSON, 1, 0);
  request = create_request (f->client, "Cut short", "Body", NULL, &error);
  g_assert_null (request);
  assert_desk_error (error, RECTIFY_DESK_ERROR_AMBIGUOUS, 201);
  g_assert_true (rectify_desk_error_may_have_taken_effect (error));
  g_assert_cmpuint (rectify_test_desk_get_created_count (f->desk), ==, 1);
}

static glong
max_rss_kb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);

  return usage.ru_maxrss;
}

static void
test_oversized_body (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RectifyDeskRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  glong before = max_rss_kb ();

  /* 64 MB of answer, sent a chunk at a time: refused after the first 4 MB,
   * without holding the rest. */
  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_OVERSIZED, 1, 0);
  request = create_request (f->client, "Huge answer", "Body", NULL, &error);
  g_assert_null (request);
  assert_desk_error (error, RECTIFY_DESK_ERROR_AMBIGUOUS, 201);
  g_assert_cmpuint (rectify_test_desk_get_created_count (f->desk), ==, 1);
  g_assert_cmpint (max_rss_kb () - before, <, 32 * 1024);
}

/* A desk answer nested 100,000 deep once overflowed json-glib's stack: to a
 * create, to an upload, and in the body of a 503. */
static void
test_deep_json (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GFile) file = write_file ("deep.pdf", 1000);
  g_autoptr(RectifyDeskRequest) request = NULL;
  g_autoptr(RectifyDeskUpload) upload = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GError) error = NULL;

  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_DEEP_JSON, 1, 0);
  request = create_request (f->client, "Deep [ref 81]", "Body", NULL, &error);
  g_assert_null (request);
  assert_desk_error (error, RECTIFY_DESK_ERROR_AMBIGUOUS, 201);
  g_assert_true (rectify_desk_error_may_have_taken_effect (error));
  g_assert_cmpuint (rectify_test_desk_count_subject (f->desk, "[ref 81]"), ==, 1);
  g_clear_error (&error);

  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/uploads",
                               RECTIFY_TEST_DESK_FAULT_DEEP_JSON, 1, 0);
  upload = upload_file (f->client, file, NULL, NULL, &error);
  g_assert_null (upload);
  assert_desk_error (error, RECTIFY_DESK_ERROR_AMBIGUOUS, 201);
  g_clear_error (&error);

  /* The 503 still says "later", from its status; nothing was created. */
  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_DEEP_ERROR, 1, 0);
  request = create_request (f->client, "Deep 503 [ref 82]", "Body", NULL, &error);
  g_assert_null (request);
  assert_desk_error (error, RECTIFY_DESK_ERROR_UNAVAILABLE, 503);
  g_assert_true (rectify_desk_error_is_retry_safe (error));
  g_assert_cmpuint (rectify_test_desk_count_subject (f->desk, "[ref 82]"), ==, 0);
  g_clear_error (&error);

  /* 64 levels pass the reader (the contract's own answers are flatter);
   * 65 do not. Both are read to the end, neither crashes. */
  request = create_request (f->signed_in, "Fine", "Body", NULL, &error);
  g_assert_no_error (error);
  rectify_test_desk_add_fault (f->desk, "GET", "/api/v2/requests/",
                               RECTIFY_TEST_DESK_FAULT_DEEP_JSON, 1, RECTIFY_JSON_MAX_DEPTH - 1);
  comments = list_comments (f->signed_in, request->id, &error);
  /* Not an array of comments: read, and refused for its shape. */
  g_assert_null (comments);
  assert_desk_error (error, RECTIFY_DESK_ERROR_BAD_RESPONSE, 200);
  g_clear_error (&error);
}

/* A captive portal's page, 200 text/html, to a create: nothing reached the
 * desk, so it is no acceptance; only the owner (or a look-up) can tell. */
static void
test_html_answer (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(RectifyDeskRequest) request = NULL;
  g_autoptr(RectifyDeskRequest) shown = NULL;
  g_autoptr(GError) error = NULL;

  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_HTML, 1, 0);
  request = create_request (f->client, "Portal [ref 83]", "Body", NULL, &error);
  g_assert_null (request);
  assert_desk_error (error, RECTIFY_DESK_ERROR_AMBIGUOUS, 200);
  g_assert_true (rectify_desk_error_may_have_taken_effect (error));
  g_assert_null (strstr (error->message, "accepted"));
  g_assert_cmpuint (rectify_test_desk_get_created_count (f->desk), ==, 0);
  g_clear_error (&error);

  /* To a read it is an unreadable answer. */
  request = create_request (f->signed_in, "Fine", "Body", NULL, &error);
  g_assert_no_error (error);
  rectify_test_desk_add_fault (f->desk, "GET", "/api/v2/requests/",
                               RECTIFY_TEST_DESK_FAULT_HTML, 1, 0);
  shown = get_request (f->signed_in, request->id, &error);
  g_assert_null (shown);
  assert_desk_error (error, RECTIFY_DESK_ERROR_BAD_RESPONSE, 200);
}

/* 404: an unknown request when the desk says RecordNotFound; a wrong desk
 * address otherwise, worded so. */
static void
test_not_found (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RectifyDeskRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) unknown = NULL;

  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_TEXT_ERROR, 1, 404);
  request = create_request (f->client, "Lost", "Body", NULL, &error);
  assert_desk_error (error, RECTIFY_DESK_ERROR_HTTP, 404);
  g_assert_nonnull (strstr (error->message, "address"));
  g_assert_false (rectify_desk_error_may_have_taken_effect (error));

  request = get_request (f->signed_in, 987654, &unknown);
  assert_desk_error (unknown, RECTIFY_DESK_ERROR_NOT_FOUND, 404);
  g_assert_cmpstr (rectify_desk_error_get_server_error (unknown), ==, "RecordNotFound");
  g_assert_cmpstr (unknown->message, !=, error->message);
}

/* Each status in words that say what it means, with its number; only an
 * unknown one is "unexpected". */
static void
test_status_words (Fixture       *f,
                   gconstpointer  data)
{
  static const struct {
    guint       status;
    const char *words;
  } cases[] = {
    { 400, "could not make sense" },
    { 405, "no help desk at this address" },
    { 408, "stopped waiting" },
    { 413, "too large" },
    { 502, "between Rectify and the help desk" },
    { 504, "between Rectify and the help desk" },
    { 500, "problem of its own" },
    { 418, "unexpected" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RectifyDeskRequest) request = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *number = g_strdup_printf ("%u", cases[i].status);

      rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                                   RECTIFY_TEST_DESK_FAULT_TEXT_ERROR, 1, cases[i].status);
      request = create_request (f->client, "Worded", "Body", NULL, &error);
      g_assert_null (request);
      g_test_message ("%u: %s", cases[i].status, error->message);
      g_assert_nonnull (strstr (error->message, cases[i].words));
      g_assert_nonnull (strstr (error->message, number));
    }
}

/* A desk that sends its answer a byte at a time never trips libsoup's idle
 * timeout; the overall deadline ends the exchange, ambiguous since the
 * request went out (and was created). */
static void
test_dribble (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RectifyDeskRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  rectify_desk_client_set_deadline (f->client, 700);
  g_assert_cmpuint (rectify_desk_client_get_deadline (f->client), ==, 700);
  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_DRIBBLE, 1, 100);

  request = create_request (f->client, "Dribbled [ref 84]", "Body", NULL, &error);
  elapsed = g_get_monotonic_time () - start;
  g_assert_null (request);
  assert_desk_error (error, RECTIFY_DESK_ERROR_AMBIGUOUS, 201);
  g_assert_true (rectify_desk_error_may_have_taken_effect (error));
  g_assert_cmpint (elapsed, >=, 700 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (elapsed, <, 5 * G_TIME_SPAN_SECOND);
  g_assert_cmpuint (rectify_test_desk_count_subject (f->desk, "[ref 84]"), ==, 1);
  g_clear_error (&error);

  /* The same with no answer at all yet: no status, still ambiguous. */
  start = g_get_monotonic_time ();
  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_LATENCY, 1, 5000);
  request = create_request (f->client, "Silent [ref 85]", "Body", NULL, &error);
  elapsed = g_get_monotonic_time () - start;
  assert_desk_error (error, RECTIFY_DESK_ERROR_AMBIGUOUS, 0);
  g_assert_cmpint (elapsed, <, 4 * G_TIME_SPAN_SECOND);
  g_assert_cmpuint (rectify_test_desk_count_subject (f->desk, "[ref 85]"), ==, 1);
  g_clear_error (&error);

  /* A dribble slower than a short answer needs, within the deadline, is
   * fine: the deadline is for the whole exchange, not for each byte. */
  rectify_desk_client_set_deadline (f->client, 0);
  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_DRIBBLE, 1, 1);
  request = create_request (f->client, "Slow but whole", "Body", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (request->id, >, 0);
}

/* Support sees the file's name: valid UTF-8 with its extension, whatever
 * the name's encoding on disk. */
static void
test_upload_latin1_name (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GFile) file = write_file ("factura-caf\xe9.pdf", 2000);
  g_autoptr(RectifyDeskUpload) upload = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  upload = upload_file (f->client, file, NULL, NULL, &error);
  g_assert_no_error (error);
  name = upload->attachment->file_name;
  g_assert_true (g_utf8_validate (name, -1, NULL));
  g_assert_true (g_str_has_prefix (name, "factura-caf"));
  g_assert_true (g_str_has_suffix (name, ".pdf"));
  g_assert_null (strstr (name, "invalid encoding"));
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RectifyDeskRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *pending = NULL;

  rectify_test_desk_add_fault (f->desk, "POST", "/api/v2/requests",
                               RECTIFY_TEST_DESK_FAULT_LATENCY, 1, 5000);
  rectify_desk_client_create_request_async (f->client, "Cancelled", "Body", NULL, cancellable,
                                            store_result, &pending);
  while (rectify_test_desk_get_pending_count (f->desk) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);

  result = wait_result (&pending);
  request = rectify_desk_client_create_request_finish (f->client, result, &error);
  g_assert_null (request);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* TLS */

static gboolean
make_certificate (const char *dir,
                  char      **cert_path,
                  char      **key_path)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (openssl == NULL)
    return FALSE;

  *cert_path = g_build_filename (dir, "cert.pem", NULL);
  *key_path = g_build_filename (dir, "key.pem", NULL);

  {
    const char *argv[] = {
      openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
      "-nodes", "-days", "2", "-subj", "/CN=localhost",
      "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
      "-keyout", *key_path, "-out", *cert_path, NULL
    };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                  NULL, &err, &status, &error);
  }
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_test_message ("openssl failed: %s", err);
      return FALSE;
    }

  return TRUE;
}

static void
test_tls (void)
{
  g_autofree char *cert_path = NULL;
  g_autofree char *key_path = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(RectifyTestDesk) desk = NULL;
  g_autoptr(RectifyDeskClient) client = NULL;
  g_autoptr(RectifyDeskClient) trusting = NULL;
  g_autoptr(RectifyDeskRequest) request = NULL;
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  if (!make_certificate (g_get_user_cache_dir (), &cert_path, &key_path))
    {
      g_test_skip ("openssl is needed to make a certificate");
      return;
    }

  certificate = g_tls_certificate_new_from_files (cert_path, key_path, &error);
  g_assert_no_error (error);
  desk = rectify_test_desk_new_full (0, certificate, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (rectify_test_desk_get_url (desk), "https://127.0.0.1:"));

  /* A certificate nobody vouches for: refused before anything is sent. */
  client = rectify_desk_client_new (rectify_test_desk_get_url (desk), &error);
  g_assert_no_error (error);
  rectify_desk_client_set_anonymous (client, OWNER_NAME, OWNER_EMAIL, 0);
  request = create_request (client, "Over TLS", "Body", NULL, &error);
  g_assert_null (request);
  assert_desk_error (error, RECTIFY_DESK_ERROR_INSECURE, 0);
  g_assert_false (rectify_desk_error_may_have_taken_effect (error));
  g_assert_false (rectify_desk_error_is_retry_safe (error));
  g_assert_cmpuint (rectify_test_desk_get_hit_count (desk), ==, 0);
  g_clear_error (&error);

  /* Trusted once its certificate is the trust store: verification is on. */
  database = g_tls_file_database_new (cert_path, &error);
  g_assert_no_error (error);
  trusting = rectify_desk_client_new (rectify_test_desk_get_url (desk), &error);
  g_assert_no_error (error);
  rectify_desk_client_set_anonymous (trusting, OWNER_NAME, OWNER_EMAIL, 0);
  rectify_desk_client_set_tls_database (trusting, database);
  request = create_request (trusting, "Over TLS", "Body", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rectify_test_desk_get_created_count (desk), ==, 1);
}

/* The desk itself refuses what a careless client might send. */

static guint
raw_request (RectifyTestDesk *desk,
             const char      *method,
             const char      *path,
             const char      *content_type,
             const char      *body,
             char           **answer)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (rectify_test_desk_get_url (desk), path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) response = NULL;
  GAsyncResult *pending = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                "Bearer " OAUTH_TOKEN);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }

  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL,
                                    store_result, &pending);
  result = wait_result (&pending);
  response = soup_session_send_and_read_finish (session, result, &error);
  g_assert_no_error (error);

  if (answer != NULL)
    *answer = g_strndup (g_bytes_get_data (response, NULL), g_bytes_get_size (response));

  return soup_message_get_status (msg);
}

static void
test_desk_strict (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *answer = NULL;
  g_autoptr(RectifyDeskRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  /* Wrong content type, not JSON, not a request. */
  g_assert_cmpuint (raw_request (f->desk, "POST", "/api/v2/requests", "text/plain",
                                 "{\"request\":{\"subject\":\"s\",\"comment\":{\"body\":\"b\"}}}",
                                 &answer), ==, 422);
  g_assert_nonnull (strstr (answer, "RecordInvalid"));
  g_clear_pointer (&answer, g_free);
  g_assert_cmpuint (raw_request (f->desk, "POST", "/api/v2/requests", "application/json",
                                 "{\"request\":", &answer), ==, 422);
  g_assert_nonnull (strstr (answer, "\"base\""));
  g_clear_pointer (&answer, g_free);
  g_assert_cmpuint (raw_request (f->desk, "POST", "/api/v2/requests", "application/json",
                                 "[1, 2]", NULL), ==, 422);
  g_assert_cmpuint (raw_request (f->desk, "POST", "/api/v2/requests.json", "application/json",
                                 "{\"subject\":\"s\"}", NULL), ==, 422);

  /* The .json form is the same endpoint. */
  g_assert_cmpuint (raw_request (f->desk, "POST", "/api/v2/requests.json", "application/json",
                                 "{\"request\":{\"subject\":\"s\",\"comment\":{\"body\":\"b\"}}}",
                                 NULL), ==, 201);

  /* Pages of at most 100, and cursors the desk made. */
  g_assert_cmpuint (raw_request (f->desk, "GET", "/api/v2/requests?page[size]=101", NULL, NULL,
                                 NULL), ==, 400);
  g_assert_cmpuint (raw_request (f->desk, "GET", "/api/v2/requests?page[after]=bogus", NULL, NULL,
                                 NULL), ==, 400);

  /* Only comment, solved and additional_collaborators are writable. */
  request = create_request (f->signed_in, "Strict", "Body", NULL, &error);
  g_assert_no_error (error);
  path = g_strdup_printf ("/api/v2/requests/%" G_GINT64_FORMAT, request->id);
  g_assert_cmpuint (raw_request (f->desk, "PUT", path, "application/json",
                                 "{\"request\":{\"status\":\"solved\"}}", &answer), ==, 422);
  g_assert_nonnull (strstr (answer, "\"status\""));
  g_assert_cmpuint (raw_request (f->desk, "PUT", path, "application/json",
                                 "{\"request\":{\"solved\":true}}", NULL), ==, 200);

  /* Unknown endpoints and methods. */
  g_assert_cmpuint (raw_request (f->desk, "GET", "/api/v2/tickets", NULL, NULL, NULL), ==, 404);
  g_assert_cmpuint (raw_request (f->desk, "DELETE", path, NULL, NULL, NULL), ==, 405);
}

int
main (int   argc,
      char *argv[])
{
  /* The isolated directories hold no GSettings schemas, and GNOME's proxy
   * resolver aborts without its own: the desk is local, use no proxy. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/desk/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/desk/error/domain", test_error_domain);
  g_test_add_func ("/desk/error/policy", test_error_policy);
  g_test_add_func ("/desk/url/policy", test_url_policy);
  g_test_add_func ("/desk/url/request-page", test_page_url);
  ADD ("create/anonymous", test_create_anonymous);
  ADD ("create/invalid", test_create_invalid);
  ADD ("auth/modes", test_auth_modes);
  ADD ("auth/refused", test_auth_refused);
  ADD ("read/refused", test_read_refused);
  ADD ("upload/streamed", test_upload_streamed);
  ADD ("upload/single-use", test_upload_single_use);
  ADD ("upload/expired", test_upload_expired);
  ADD ("upload/too-large", test_upload_too_large);
  ADD ("upload/missing-file", test_upload_missing_file);
  ADD ("comments/pagination", test_comments_pagination);
  ADD ("reply", test_reply);
  ADD ("requests/pagination", test_list_requests);
  ADD ("fault/latency", test_latency);
  ADD ("fault/timeout", test_timeout_ambiguous);
  ADD ("fault/rate-limited", test_rate_limited);
  ADD ("fault/server-errors", test_server_errors);
  ADD ("fault/retry-after-date", test_retry_after_date);
  ADD ("fault/text-errors", test_text_errors);
  ADD ("fault/drop-before-body", test_drop_before_body);
  ADD ("fault/drop-before-large-body", test_drop_before_large_body);
  ADD ("fault/drop-after-body", test_drop_after_body);
  g_test_add_func ("/desk/fault/connection-refused", test_connection_refused);
  ADD ("fault/malformed-json", test_malformed_json);
  ADD ("fault/truncated-json", test_truncated_json);
  ADD ("fault/oversized-body", test_oversized_body);
  ADD ("fault/deep-json", test_deep_json);
  ADD ("fault/html-answer", test_html_answer);
  ADD ("fault/not-found", test_not_found);
  ADD ("fault/status-words", test_status_words);
  ADD ("fault/dribble", test_dribble);
  ADD ("upload/latin1-name", test_upload_latin1_name);
  ADD ("cancel", test_cancel);
  g_test_add_func ("/desk/tls", test_tls);
  ADD ("server/strict", test_desk_strict);

#undef ADD

  return g_test_run ();
}
