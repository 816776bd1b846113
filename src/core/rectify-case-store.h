/* rectify-case-store.h: every case, one file each, saved as it changes
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rectify-case.h"

G_BEGIN_DECLS

/* A change is on disk this long after the last keystroke, at the latest. */
#define RECTIFY_CASE_STORE_AUTOSAVE_MS 500
/* After a failed save (disk full, say), the next try comes this much later. */
#define RECTIFY_CASE_STORE_RETRY_MS    5000

#define RECTIFY_TYPE_CASE_STORE (rectify_case_store_get_type ())

G_DECLARE_FINAL_TYPE (RectifyCaseStore, rectify_case_store, RECTIFY, CASE_STORE, GObject)

RectifyCaseStore *rectify_case_store_new                (GFile               *directory);
GFile            *rectify_case_store_get_directory      (RectifyCaseStore    *self);
void              rectify_case_store_set_autosave_delay (RectifyCaseStore    *self,
                                                         guint                delay_ms,
                                                         guint                retry_ms);
void              rectify_case_store_load_async         (RectifyCaseStore    *self,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean          rectify_case_store_load_finish        (RectifyCaseStore    *self,
                                                         GAsyncResult        *result,
                                                         GPtrArray          **set_aside,
                                                         GError             **error);
gboolean          rectify_case_store_is_loaded          (RectifyCaseStore    *self);
void              rectify_case_store_add                (RectifyCaseStore    *self,
                                                         RectifyCase         *rcase);
RectifyCase      *rectify_case_store_lookup             (RectifyCaseStore    *self,
                                                         const char          *reference);
void              rectify_case_store_remove             (RectifyCaseStore    *self,
                                                         RectifyCase         *rcase);
RectifyCase      *rectify_case_store_lookup_removed     (RectifyCaseStore    *self,
                                                         const char          *reference);
void              rectify_case_store_undo_remove        (RectifyCaseStore    *self,
                                                         RectifyCase         *rcase);
void              rectify_case_store_commit_remove      (RectifyCaseStore    *self,
                                                         RectifyCase         *rcase);
gboolean          rectify_case_store_has_unsaved        (RectifyCaseStore    *self);
const char       *rectify_case_store_get_save_error     (RectifyCaseStore    *self);
void              rectify_case_store_flush_async        (RectifyCaseStore    *self,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean          rectify_case_store_flush_finish       (RectifyCaseStore    *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);
void              rectify_case_store_save_async         (RectifyCaseStore    *self,
                                                         RectifyCase         *rcase,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean          rectify_case_store_save_finish        (RectifyCaseStore    *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

G_END_DECLS
