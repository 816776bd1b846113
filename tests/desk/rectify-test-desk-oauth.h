/* rectify-test-desk-oauth.h: the test desk's OAuth endpoints, kept strictly
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _RectifyTestDeskOAuth RectifyTestDeskOAuth;

RectifyTestDeskOAuth *rectify_test_desk_oauth_new             (const char           *client_id,
                                                               const char           *redirect_uri);
void                  rectify_test_desk_oauth_free            (RectifyTestDeskOAuth *self);
gboolean              rectify_test_desk_oauth_handle          (RectifyTestDeskOAuth *self,
                                                               SoupServerMessage    *msg,
                                                               const char           *path,
                                                               GHashTable           *query,
                                                               gint64                now_us);
gboolean              rectify_test_desk_oauth_accepts         (RectifyTestDeskOAuth *self,
                                                               const char           *access_token,
                                                               gint64                now_us);

void                  rectify_test_desk_oauth_set_lifetimes   (RectifyTestDeskOAuth *self,
                                                               gint64                access_s,
                                                               gint64                refresh_s);
void                  rectify_test_desk_oauth_set_deny        (RectifyTestDeskOAuth *self,
                                                               gboolean              deny);
void                  rectify_test_desk_oauth_issue           (RectifyTestDeskOAuth *self,
                                                               gint64                now_us,
                                                               char                **out_access,
                                                               char                **out_refresh);
guint                 rectify_test_desk_oauth_get_n_issued    (RectifyTestDeskOAuth *self);
guint                 rectify_test_desk_oauth_get_n_revoked   (RectifyTestDeskOAuth *self);
guint                 rectify_test_desk_oauth_get_n_refused   (RectifyTestDeskOAuth *self);

G_END_DECLS
