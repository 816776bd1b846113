/* rectify-provider.h: the facts about Ringover, read from data
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rectify-types.h"

G_BEGIN_DECLS

#define RECTIFY_PROVIDER_ERROR (rectify_provider_error_quark ())

typedef enum
{
  RECTIFY_PROVIDER_ERROR_INVALID,
} RectifyProviderError;

#define RECTIFY_TYPE_PROVIDER (rectify_provider_get_type ())

G_DECLARE_FINAL_TYPE (RectifyProvider, rectify_provider, RECTIFY, PROVIDER, GObject)

GQuark               rectify_provider_error_quark            (void);
RectifyProvider     *rectify_provider_new_from_bytes         (GBytes          *bytes,
                                                              GError         **error);
RectifyProvider     *rectify_provider_get_default            (void);
const char          *rectify_provider_get_display_name       (RectifyProvider *self);
const char          *rectify_provider_get_desk_base_url      (RectifyProvider *self);
const char          *rectify_provider_get_support_email      (RectifyProvider *self);
const char          *rectify_provider_get_success_email      (RectifyProvider *self);
const char          *rectify_provider_get_self_removal_url   (RectifyProvider *self);
char                *rectify_provider_dup_request_link       (RectifyProvider *self,
                                                              const char      *base_url,
                                                              gint64           request_id);
goffset              rectify_provider_get_max_attachment_size (RectifyProvider *self);
gboolean             rectify_provider_accepts_content_type   (RectifyProvider *self,
                                                              const char      *mime_type);
const char * const  *rectify_provider_get_licence_types      (RectifyProvider *self);
const char * const  *rectify_provider_get_currencies         (RectifyProvider *self);
gboolean             rectify_provider_get_price_ceiling      (RectifyProvider *self,
                                                              const char      *currency,
                                                              RectifyPeriod    period,
                                                              gint64          *out_minor);
const char          *rectify_provider_get_oauth_client_id    (RectifyProvider *self);
const char          *rectify_provider_get_oauth_redirect_uri (RectifyProvider *self);
const char          *rectify_provider_get_oauth_scope        (RectifyProvider *self);
gboolean             rectify_provider_api_tokens_work_on     (RectifyProvider *self,
                                                              const GDate     *day);
const GDate         *rectify_provider_get_api_tokens_end     (RectifyProvider *self);
void                 rectify_provider_set_default            (RectifyProvider *provider);

G_END_DECLS
