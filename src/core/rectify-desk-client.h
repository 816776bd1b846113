/* rectify-desk-client.h: talking to Ringover's Zendesk help desk
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rectify-desk-error.h"
#include "rectify-desk-types.h"
#include "rectify-json-reader.h"

G_BEGIN_DECLS

/**
 * RectifyDeskProgressFunc:
 * @sent: bytes of the file sent so far
 * @total: the file's size in bytes
 * @user_data: the data given with the function
 *
 * Reports an upload's progress, in the thread-default main context.
 */
typedef void (*RectifyDeskProgressFunc) (goffset  sent,
                                         goffset  total,
                                         gpointer user_data);

#define RECTIFY_DESK_DEFAULT_MAX_UPLOAD_SIZE ((goffset) 50 * 1024 * 1024)
#define RECTIFY_DESK_MAX_RESPONSE_SIZE       RECTIFY_JSON_MAX_DESK_ANSWER_SIZE
#define RECTIFY_DESK_DEFAULT_TIMEOUT         30
/* From the start of an exchange to the last byte of its answer, in ms. */
#define RECTIFY_DESK_DEFAULT_DEADLINE_MS     (120 * 1000)

#define RECTIFY_TYPE_DESK_CLIENT (rectify_desk_client_get_type ())

G_DECLARE_FINAL_TYPE (RectifyDeskClient, rectify_desk_client, RECTIFY, DESK_CLIENT, GObject)

RectifyDeskClient *rectify_desk_client_new                  (const char         *base_url,
                                                             GError            **error);
const char        *rectify_desk_client_get_base_url         (RectifyDeskClient  *self);
char              *rectify_desk_client_dup_request_page_url (RectifyDeskClient  *self,
                                                             gint64              request_id);
RectifyDeskAuth    rectify_desk_client_get_auth             (RectifyDeskClient  *self);
void               rectify_desk_client_set_anonymous        (RectifyDeskClient  *self,
                                                             const char         *name,
                                                             const char         *email,
                                                             gint64              locale_id);
void               rectify_desk_client_set_oauth_token      (RectifyDeskClient  *self,
                                                             const char         *token);
void               rectify_desk_client_set_api_token        (RectifyDeskClient  *self,
                                                             const char         *email,
                                                             const char         *token);
goffset            rectify_desk_client_get_max_upload_size  (RectifyDeskClient  *self);
void               rectify_desk_client_set_max_upload_size  (RectifyDeskClient  *self,
                                                             goffset             size);
guint              rectify_desk_client_get_timeout          (RectifyDeskClient  *self);
void               rectify_desk_client_set_timeout          (RectifyDeskClient  *self,
                                                             guint               seconds);
gboolean           rectify_desk_client_may_have_sent        (RectifyDeskClient  *self,
                                                             GCancellable       *cancellable);
guint              rectify_desk_client_get_deadline         (RectifyDeskClient  *self);
void               rectify_desk_client_set_deadline         (RectifyDeskClient  *self,
                                                             guint               milliseconds);
void               rectify_desk_client_set_tls_database     (RectifyDeskClient  *self,
                                                             GTlsDatabase       *database);

void                rectify_desk_client_create_request_async  (RectifyDeskClient    *self,
                                                               const char           *subject,
                                                               const char           *body,
                                                               const char * const   *upload_tokens,
                                                               GCancellable         *cancellable,
                                                               GAsyncReadyCallback   callback,
                                                               gpointer              user_data);
RectifyDeskRequest *rectify_desk_client_create_request_finish (RectifyDeskClient    *self,
                                                               GAsyncResult         *result,
                                                               GError              **error);

void               rectify_desk_client_upload_async  (RectifyDeskClient        *self,
                                                      GFile                    *file,
                                                      const char               *file_name,
                                                      RectifyDeskProgressFunc   progress,
                                                      gpointer                  progress_data,
                                                      GDestroyNotify            progress_notify,
                                                      GCancellable             *cancellable,
                                                      GAsyncReadyCallback       callback,
                                                      gpointer                  user_data);
RectifyDeskUpload *rectify_desk_client_upload_finish (RectifyDeskClient        *self,
                                                      GAsyncResult             *result,
                                                      GError                  **error);

void                rectify_desk_client_get_request_async    (RectifyDeskClient    *self,
                                                              gint64                request_id,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
RectifyDeskRequest *rectify_desk_client_get_request_finish   (RectifyDeskClient    *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);
void                rectify_desk_client_list_comments_async  (RectifyDeskClient    *self,
                                                              gint64                request_id,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
GPtrArray          *rectify_desk_client_list_comments_finish (RectifyDeskClient    *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);
void                rectify_desk_client_add_comment_async    (RectifyDeskClient    *self,
                                                              gint64                request_id,
                                                              const char           *body,
                                                              const char * const   *upload_tokens,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
RectifyDeskRequest *rectify_desk_client_add_comment_finish   (RectifyDeskClient    *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);
void                rectify_desk_client_list_requests_async  (RectifyDeskClient    *self,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
GPtrArray          *rectify_desk_client_list_requests_finish (RectifyDeskClient    *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);

G_END_DECLS
