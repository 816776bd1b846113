/* rectify-fake-portal.h: XDG desktop portals that record what they are sent
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One call, as the portal received it: the options, and the bytes behind
 * each file descriptor it was handed, read when the call arrived. */
typedef struct
{
  char *interface;
  char *method;
  char *parent_window;
  GVariant *options;
  GPtrArray *attachments;   /* (element-type GBytes) */
} RectifyFakePortalCall;

#define RECTIFY_TYPE_FAKE_PORTAL (rectify_fake_portal_get_type ())

G_DECLARE_FINAL_TYPE (RectifyFakePortal, rectify_fake_portal, RECTIFY, FAKE_PORTAL, GObject)

/* Which interfaces it serves. */
typedef enum
{
  RECTIFY_FAKE_PORTAL_EMAIL      = 1 << 0,
  RECTIFY_FAKE_PORTAL_BACKGROUND = 1 << 1,
} RectifyFakePortalInterfaces;

RectifyFakePortal           *rectify_fake_portal_new           (RectifyFakePortalInterfaces  interfaces,
                                                                GError                     **error);
void                         rectify_fake_portal_set_response  (RectifyFakePortal           *self,
                                                                guint                        response);
void                         rectify_fake_portal_set_deny_autostart (RectifyFakePortal *self,
                                                                     gboolean           deny);
guint                        rectify_fake_portal_get_n_calls   (RectifyFakePortal           *self);
const RectifyFakePortalCall *rectify_fake_portal_get_call      (RectifyFakePortal           *self,
                                                                guint                        index);
const char                  *rectify_fake_portal_call_get_string (const RectifyFakePortalCall *call,
                                                                  const char                  *key);

G_END_DECLS
