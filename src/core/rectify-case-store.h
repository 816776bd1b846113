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

/**
 * RectifyLoadProblemKind:
 * @RECTIFY_LOAD_PROBLEM_DAMAGED: not a case file (cut short, not JSON, nested
 *   too deep…); moved aside to NAME.corrupt
 * @RECTIFY_LOAD_PROBLEM_TOO_LARGE: over RECTIFY_JSON_MAX_CASE_FILE_SIZE;
 *   moved aside to NAME.corrupt without being read
 * @RECTIFY_LOAD_PROBLEM_UNREADABLE: could not be read (permission denied,
 *   an I/O error); left where it is and tried again at the next load
 * @RECTIFY_LOAD_PROBLEM_DUPLICATE: holds the same case as another file
 *   (a sync tool's copy); the copy that got further in sending, then the
 *   newer one, is kept, and this one is moved aside to NAME.duplicate
 *
 * What loading found wrong with one file.
 */
typedef enum
{
  RECTIFY_LOAD_PROBLEM_DAMAGED,
  RECTIFY_LOAD_PROBLEM_TOO_LARGE,
  RECTIFY_LOAD_PROBLEM_UNREADABLE,
  RECTIFY_LOAD_PROBLEM_DUPLICATE,
} RectifyLoadProblemKind;

/**
 * RectifyLoadProblem:
 * @kind: what is wrong
 * @file: the file as it was found
 * @moved_to: (nullable): where it was moved, when it was
 * @kept: (nullable): for a duplicate, the file that was loaded instead
 */
typedef struct
{
  RectifyLoadProblemKind  kind;
  GFile                  *file;
  GFile                  *moved_to;
  GFile                  *kept;
} RectifyLoadProblem;

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
void              rectify_case_store_open_async         (RectifyCaseStore    *self,
                                                         const char          *reference,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
RectifyCase      *rectify_case_store_open_finish        (RectifyCaseStore    *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);
GPtrArray        *rectify_case_store_get_load_problems  (RectifyCaseStore    *self);
gboolean          rectify_case_store_is_loaded          (RectifyCaseStore    *self);
void              rectify_case_store_add                (RectifyCaseStore    *self,
                                                         RectifyCase         *rcase);
RectifyCase      *rectify_case_store_lookup             (RectifyCaseStore    *self,
                                                         const char          *reference);
gboolean          rectify_case_store_find               (RectifyCaseStore    *self,
                                                         RectifyCase         *rcase,
                                                         guint               *position);
void              rectify_case_store_remove             (RectifyCaseStore    *self,
                                                         RectifyCase         *rcase);
gboolean          rectify_case_store_is_written         (RectifyCaseStore    *self,
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
