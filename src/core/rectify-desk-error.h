/* rectify-desk-error.h: what went wrong talking to the help desk
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rectify-desk-types.h"

G_BEGIN_DECLS

#define RECTIFY_DESK_ERROR (rectify_desk_error_quark ())
#define RECTIFY_TYPE_DESK_ERROR (rectify_desk_error_get_type ())

/**
 * RectifyDeskError:
 * @RECTIFY_DESK_ERROR_NOTHING_SENT: the request provably did not reach the
 *   desk (no connection, name not resolved, the body was never fully
 *   written): retrying cannot make a duplicate
 * @RECTIFY_DESK_ERROR_AMBIGUOUS: the whole request was sent but no answer
 *   came (timeout, reset, connection closed): it may have taken effect
 * @RECTIFY_DESK_ERROR_RATE_LIMITED: `429`; see rectify_desk_error_get_retry_after()
 * @RECTIFY_DESK_ERROR_UNAVAILABLE: `503`, maybe with a Retry-After
 * @RECTIFY_DESK_ERROR_SERVER: another `5xx`: the desk failed, perhaps after
 *   acting on the request
 * @RECTIFY_DESK_ERROR_UNAUTHORIZED: `401`: credentials missing or refused
 * @RECTIFY_DESK_ERROR_FORBIDDEN: `403`: signed in, but not allowed (an
 *   unverified e-mail address, for one)
 * @RECTIFY_DESK_ERROR_NOT_FOUND: `404`: no such request for this user
 * @RECTIFY_DESK_ERROR_INVALID: `422`: refused as invalid; see
 *   rectify_desk_error_get_field_errors()
 * @RECTIFY_DESK_ERROR_HTTP: any other unsuccessful status
 * @RECTIFY_DESK_ERROR_BAD_RESPONSE: the answer could not be read: not JSON,
 *   cut short, too large, or not what the contract says. With a `2xx`
 *   status the desk did act on the request
 * @RECTIFY_DESK_ERROR_TOO_LARGE: a file is over the size limit; refused
 *   before anything was sent
 * @RECTIFY_DESK_ERROR_INSECURE: refused for safety before anything was
 *   sent: a plain `http://` desk that is not on this computer, or a desk
 *   whose TLS certificate (identity) could not be verified
 * @RECTIFY_DESK_ERROR_BAD_URL: the desk address is not an `http(s)://` URL
 *
 * The codes tell the outbox what it may do next: retry on its own
 * (rectify_desk_error_is_retry_safe()), ask before sending again
 * (rectify_desk_error_may_have_taken_effect()), or give up with a reason.
 * A cancelled call reports %G_IO_ERROR_CANCELLED instead, whatever it had
 * sent: treat a cancelled write as ambiguous.
 */
typedef enum
{
  RECTIFY_DESK_ERROR_NOTHING_SENT,
  RECTIFY_DESK_ERROR_AMBIGUOUS,
  RECTIFY_DESK_ERROR_RATE_LIMITED,
  RECTIFY_DESK_ERROR_UNAVAILABLE,
  RECTIFY_DESK_ERROR_SERVER,
  RECTIFY_DESK_ERROR_UNAUTHORIZED,
  RECTIFY_DESK_ERROR_FORBIDDEN,
  RECTIFY_DESK_ERROR_NOT_FOUND,
  RECTIFY_DESK_ERROR_INVALID,
  RECTIFY_DESK_ERROR_HTTP,
  RECTIFY_DESK_ERROR_BAD_RESPONSE,
  RECTIFY_DESK_ERROR_TOO_LARGE,
  RECTIFY_DESK_ERROR_INSECURE,
  RECTIFY_DESK_ERROR_BAD_URL,
} RectifyDeskError;

GQuark      rectify_desk_error_quark                 (void);
GType       rectify_desk_error_get_type              (void) G_GNUC_CONST;

GError     *rectify_desk_error_new                   (RectifyDeskError  code,
                                                      guint             status,
                                                      gint64            retry_after,
                                                      const char       *server_error,
                                                      GPtrArray        *field_errors,
                                                      const char       *message);
GError     *rectify_desk_error_new_for_status        (guint             status,
                                                      gint64            retry_after,
                                                      const char       *server_error,
                                                      GPtrArray        *field_errors);

guint       rectify_desk_error_get_status            (const GError     *error);
gint64      rectify_desk_error_get_retry_after       (const GError     *error);
const char *rectify_desk_error_get_server_error      (const GError     *error);
GPtrArray  *rectify_desk_error_get_field_errors      (const GError     *error);
gboolean    rectify_desk_error_has_field             (const GError     *error,
                                                      const char       *field);
gboolean    rectify_desk_error_is_retry_safe         (const GError     *error);
gboolean    rectify_desk_error_may_have_taken_effect (const GError     *error);

G_END_DECLS
