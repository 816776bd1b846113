/* rectify-email.h: an e-mail with its attachments, through the Email portal
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RECTIFY_EMAIL_ERROR (rectify_email_error_quark ())

/**
 * RectifyEmailError:
 * @RECTIFY_EMAIL_ERROR_NO_PORTAL: there is no Email portal on the session
 *   bus: a mailto: link is all that is left, without the attachments
 * @RECTIFY_EMAIL_ERROR_ATTACHMENT: an attachment could not be opened
 * @RECTIFY_EMAIL_ERROR_FAILED: the portal could not hand the e-mail to an
 *   e-mail app
 */
typedef enum
{
  RECTIFY_EMAIL_ERROR_NO_PORTAL,
  RECTIFY_EMAIL_ERROR_ATTACHMENT,
  RECTIFY_EMAIL_ERROR_FAILED,
} RectifyEmailError;

GQuark   rectify_email_error_quark    (void);

void     rectify_email_compose_async  (GDBusConnection     *bus,
                                       const char          *parent_window,
                                       const char          *address,
                                       const char          *subject,
                                       const char          *body,
                                       GPtrArray           *attachments,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean rectify_email_compose_finish (GAsyncResult        *result,
                                       GError             **error);
char    *rectify_email_build_mailto   (const char          *address,
                                       const char          *subject,
                                       const char          *body);

G_END_DECLS
