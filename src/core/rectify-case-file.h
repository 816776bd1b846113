/* rectify-case-file.h: a case as JSON, version 1
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "rectify-case.h"

G_BEGIN_DECLS

#define RECTIFY_CASE_FILE_VERSION 1

#define RECTIFY_CASE_FILE_ERROR (rectify_case_file_error_quark ())

typedef enum
{
  RECTIFY_CASE_FILE_ERROR_PARSE,
  RECTIFY_CASE_FILE_ERROR_VERSION,
  RECTIFY_CASE_FILE_ERROR_TYPE,
  RECTIFY_CASE_FILE_ERROR_TOO_LARGE,
} RectifyCaseFileError;

GQuark       rectify_case_file_error_quark  (void);
JsonNode    *rectify_case_to_json           (RectifyCase  *self);
RectifyCase *rectify_case_from_json         (JsonNode     *node,
                                             GError      **error);
GBytes      *rectify_case_to_bytes          (RectifyCase  *self);
RectifyCase *rectify_case_from_bytes        (GBytes       *bytes,
                                             GError      **error);

G_END_DECLS
