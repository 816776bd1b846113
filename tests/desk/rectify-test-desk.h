/* rectify-test-desk.h: a strict in-process Zendesk-compatible help desk for tests
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "rectify-test-desk-oauth.h"

G_BEGIN_DECLS

/**
 * RectifyTestDeskFault:
 * @RECTIFY_TEST_DESK_FAULT_LATENCY: process the request, then answer after
 *   `param` milliseconds (the server is paused, never blocked)
 * @RECTIFY_TEST_DESK_FAULT_RATE_LIMITED: refuse with `429`, `Retry-After: param`
 *   and a text/plain body; nothing is processed
 * @RECTIFY_TEST_DESK_FAULT_SERVER_ERROR: refuse with `param` (500 when 0) and a
 *   JSON error body; nothing is processed
 * @RECTIFY_TEST_DESK_FAULT_UNAVAILABLE: refuse with `503` and `Retry-After: param`;
 *   nothing is processed
 * @RECTIFY_TEST_DESK_FAULT_DROP_BEFORE_BODY: close the connection as soon as
 *   the headers are read, before reading the body; nothing is processed
 * @RECTIFY_TEST_DESK_FAULT_DROP_AFTER_BODY: process the request (a request IS
 *   created), then close the connection without answering
 * @RECTIFY_TEST_DESK_FAULT_MALFORMED_JSON: process the request, then answer
 *   with its status and a body that is not JSON
 * @RECTIFY_TEST_DESK_FAULT_TRUNCATED_JSON: process the request, then send
 *   half of the JSON answer under a Content-Length for all of it and close
 * @RECTIFY_TEST_DESK_FAULT_TEXT_ERROR: refuse with status `param` (500 when 0)
 *   and a text/plain body; nothing is processed
 * @RECTIFY_TEST_DESK_FAULT_OVERSIZED: process the request, then answer with a
 *   chunked body of `param` bytes (64 MB when 0), produced a chunk at a time
 * @RECTIFY_TEST_DESK_FAULT_DEEP_JSON: process the request, then answer with
 *   its status and JSON nested `param` levels deep (100,000 when 0) under the
 *   member the client reads (`request`, `upload`, …)
 * @RECTIFY_TEST_DESK_FAULT_DEEP_ERROR: refuse with status `param` (503 when
 *   0) and a JSON error body nested 100,000 levels deep; nothing is processed
 * @RECTIFY_TEST_DESK_FAULT_HTML: answer `200` (or `param`) with an HTML page,
 *   as a captive portal or a proxy would; nothing is processed
 * @RECTIFY_TEST_DESK_FAULT_DRIBBLE: process the request, then send the
 *   answer's body one byte every `param` milliseconds (1000 when 0)
 *
 * Failures the desk can be told to show, for the next N matching requests.
 */
typedef enum
{
  RECTIFY_TEST_DESK_FAULT_LATENCY,
  RECTIFY_TEST_DESK_FAULT_RATE_LIMITED,
  RECTIFY_TEST_DESK_FAULT_SERVER_ERROR,
  RECTIFY_TEST_DESK_FAULT_UNAVAILABLE,
  RECTIFY_TEST_DESK_FAULT_DROP_BEFORE_BODY,
  RECTIFY_TEST_DESK_FAULT_DROP_AFTER_BODY,
  RECTIFY_TEST_DESK_FAULT_MALFORMED_JSON,
  RECTIFY_TEST_DESK_FAULT_TRUNCATED_JSON,
  RECTIFY_TEST_DESK_FAULT_TEXT_ERROR,
  RECTIFY_TEST_DESK_FAULT_OVERSIZED,
  RECTIFY_TEST_DESK_FAULT_DEEP_JSON,
  RECTIFY_TEST_DESK_FAULT_DEEP_ERROR,
  RECTIFY_TEST_DESK_FAULT_HTML,
  RECTIFY_TEST_DESK_FAULT_DRIBBLE,
} RectifyTestDeskFault;

#define RECTIFY_TEST_DESK_AGENT_ID 900001

#define RECTIFY_TYPE_TEST_DESK (rectify_test_desk_get_type ())

G_DECLARE_FINAL_TYPE (RectifyTestDesk, rectify_test_desk, RECTIFY, TEST_DESK, GObject)

RectifyTestDesk *rectify_test_desk_new                    (GError               **error);
RectifyTestDesk *rectify_test_desk_new_full               (guint                  port,
                                                           GTlsCertificate       *certificate,
                                                           GError               **error);
const char      *rectify_test_desk_get_url                (RectifyTestDesk       *self);
void             rectify_test_desk_set_anonymous_allowed  (RectifyTestDesk       *self,
                                                           gboolean               allowed);
void             rectify_test_desk_set_oauth_token        (RectifyTestDesk       *self,
                                                           const char            *token);
RectifyTestDeskOAuth *rectify_test_desk_enable_oauth      (RectifyTestDesk       *self,
                                                          const char            *client_id,
                                                          const char            *redirect_uri);
void             rectify_test_desk_set_api_token          (RectifyTestDesk       *self,
                                                           const char            *email,
                                                           const char            *token);
const char      *rectify_test_desk_get_user_email         (RectifyTestDesk       *self);
gint64           rectify_test_desk_get_user_id            (RectifyTestDesk       *self);
void             rectify_test_desk_set_user_verified      (RectifyTestDesk       *self,
                                                           gboolean               verified);
void             rectify_test_desk_advance_clock          (RectifyTestDesk       *self,
                                                           GTimeSpan              span);
void             rectify_test_desk_set_page_size_limit    (RectifyTestDesk       *self,
                                                           guint                  limit);
void             rectify_test_desk_set_retry_after_dates  (RectifyTestDesk       *self,
                                                           gboolean               dates);
void             rectify_test_desk_set_discard_uploads    (RectifyTestDesk       *self,
                                                           gboolean               discard);
void             rectify_test_desk_set_upload_error_field (RectifyTestDesk       *self,
                                                           const char            *field);
void             rectify_test_desk_add_fault              (RectifyTestDesk       *self,
                                                           const char            *method,
                                                           const char            *path_prefix,
                                                           RectifyTestDeskFault   fault,
                                                           guint                  times,
                                                           guint                  param);
void             rectify_test_desk_clear_faults           (RectifyTestDesk       *self);
gboolean         rectify_test_desk_set_request_status     (RectifyTestDesk       *self,
                                                           gint64                 request_id,
                                                           const char            *status);
gint64           rectify_test_desk_add_agent_comment      (RectifyTestDesk       *self,
                                                           gint64                 request_id,
                                                           const char            *body,
                                                           gboolean               is_public);
guint            rectify_test_desk_get_created_count      (RectifyTestDesk       *self);
guint            rectify_test_desk_count_subject          (RectifyTestDesk       *self,
                                                           const char            *substring);
guint            rectify_test_desk_get_upload_count       (RectifyTestDesk       *self);
guint            rectify_test_desk_get_hit_count          (RectifyTestDesk       *self);
guint            rectify_test_desk_get_pending_count      (RectifyTestDesk       *self);
const char      *rectify_test_desk_get_last_user_agent    (RectifyTestDesk       *self);
const char      *rectify_test_desk_get_requester_email    (RectifyTestDesk       *self,
                                                           gint64                 request_id);
const char      *rectify_test_desk_get_requester_name     (RectifyTestDesk       *self,
                                                           gint64                 request_id);
gint64           rectify_test_desk_get_requester_locale   (RectifyTestDesk       *self,
                                                           gint64                 request_id);

G_END_DECLS
