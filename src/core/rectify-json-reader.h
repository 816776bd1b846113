/* rectify-json-reader.h: JSON from outside, read within limits
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Every limit on what Rectify reads from outside, in one place. */

/* Arrays and objects inside one another. Rectify's own files and the
 * desk's answers stay under 10; json-glib recurses once per level, and
 * crashes (stack overflow) somewhere past tens of thousands. */
#define RECTIFY_JSON_MAX_DEPTH                 64
/* A case file: a few kilobytes in practice. The most a case can hold is
 * every field at RECTIFY_MAX_TEXT_BYTES (32 KiB), all of it escaped six
 * times over (\u0001…): about 2.3 MB, so a case Rectify saved always
 * loads back. */
#define RECTIFY_JSON_MAX_CASE_FILE_SIZE        ((gsize) 4 * 1024 * 1024)
/* The provider profile (a resource, or a file given for tests). */
#define RECTIFY_JSON_MAX_PROVIDER_SIZE         ((gsize) 256 * 1024)
/* One answer of the help desk: a page of 100 comments at most. */
#define RECTIFY_JSON_MAX_DESK_ANSWER_SIZE      ((gsize) 4 * 1024 * 1024)

#define RECTIFY_JSON_READER_ERROR (rectify_json_reader_error_quark ())

/**
 * RectifyJsonReaderError:
 * @RECTIFY_JSON_READER_ERROR_TOO_LARGE: more bytes than the limit
 * @RECTIFY_JSON_READER_ERROR_TOO_DEEP: arrays and objects nested deeper
 *   than the limit
 * @RECTIFY_JSON_READER_ERROR_INVALID: not JSON (RFC 8259: no comments,
 *   no single quotes), or empty, or a string holding a NUL (`\u0000`),
 *   which would cut the string short without a word
 */
typedef enum
{
  RECTIFY_JSON_READER_ERROR_TOO_LARGE,
  RECTIFY_JSON_READER_ERROR_TOO_DEEP,
  RECTIFY_JSON_READER_ERROR_INVALID,
} RectifyJsonReaderError;

GQuark    rectify_json_reader_error_quark (void);

gboolean  rectify_json_check_limits       (const char  *data,
                                           gsize        length,
                                           gsize        max_size,
                                           guint        max_depth,
                                           GError     **error);
JsonNode *rectify_json_read               (const char  *data,
                                           gsize        length,
                                           gsize        max_size,
                                           GError     **error);
JsonNode *rectify_json_read_bytes         (GBytes      *bytes,
                                           gsize        max_size,
                                           GError     **error);

const char *rectify_json_get_string       (JsonObject  *object,
                                           const char  *member);
gboolean    rectify_json_get_int          (JsonObject  *object,
                                           const char  *member,
                                           gint64      *out_value);

G_END_DECLS
