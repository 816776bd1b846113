/* rectify-json-reader.c: JSON from outside, read within limits
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib builds its tree recursively, one C stack frame (or several)
 * per level of nesting, with no limit of its own: "[" × 100,000 overflows
 * the stack. So the bytes are scanned first, in one flat pass, and refused
 * when they are too many or nested too deep; only then does json-glib see
 * them.
 *
 * The scan must agree with json-glib on where strings start and end, or a
 * bracket hidden from one would count for the other. json-glib's scanner
 * also knows single-quoted strings and comments, which JSON (RFC 8259)
 * does not: any byte outside a string that JSON does not allow there is
 * refused before parsing, so what reaches json-glib is strings in double
 * quotes, numbers, literals, punctuation and white space only, and the
 * scan's count of levels is exact.
 */

#include "config.h"

#include <string.h>

#include "rectify-json-reader.h"

G_DEFINE_QUARK (rectify-json-reader-error-quark, rectify_json_reader_error)

/* Outside strings, JSON has punctuation, white space, numbers and the
 * letters of true, false and null (and an exponent's e). */
static gboolean
is_json_outside_string (guchar c)
{
  switch (c)
    {
    case ' ': case '\t': case '\n': case '\r':
    case ',': case ':':
    case '-': case '+': case '.':
    case 't': case 'r': case 'u': case 'e':
    case 'f': case 'a': case 'l': case 's':
    case 'n': case 'E':
      return TRUE;
    default:
      return c >= '0' && c <= '9';
    }
}

/**
 * rectify_json_check_limits:
 * @data: (array length=length): the bytes
 * @length: how many
 * @max_size: the most bytes allowed
 * @max_depth: the most levels of arrays and objects allowed
 * @error: where to put why the bytes are refused
 *
 * Checks, without building anything, that @data is small and flat enough
 * for json-glib, and uses only what JSON allows outside strings. It does
 * not check the grammar: json-glib does that next.
 *
 * Returns: %TRUE when json-glib may parse @data
 */
gboolean
rectify_json_check_limits (const char  *data,
                           gsize        length,
                           gsize        max_size,
                           guint        max_depth,
                           GError     **error)
{
  const guchar *p = (const guchar *) data;
  gboolean in_string = FALSE;
  guint depth = 0;

  if (length > max_size)
    {
      g_set_error (error, RECTIFY_JSON_READER_ERROR, RECTIFY_JSON_READER_ERROR_TOO_LARGE,
                   "%" G_GSIZE_FORMAT " bytes, more than the %" G_GSIZE_FORMAT " allowed",
                   length, max_size);
      return FALSE;
    }

  for (gsize i = 0; i < length; i++)
    {
      guchar c = p[i];

      if (in_string)
        {
          if (c == '"')
            {
              in_string = FALSE;
            }
          else if (c == '\\')
            {
              /* A NUL ends a C string: everything after it would be
               * dropped without a word. */
              if (i + 5 < length && memcmp (p + i + 1, "u0000", 5) == 0)
                {
                  g_set_error (error, RECTIFY_JSON_READER_ERROR,
                               RECTIFY_JSON_READER_ERROR_INVALID,
                               "a NUL character at offset %" G_GSIZE_FORMAT, i);
                  return FALSE;
                }
              i++;
            }
          else if (c == '\0')
            {
              g_set_error (error, RECTIFY_JSON_READER_ERROR, RECTIFY_JSON_READER_ERROR_INVALID,
                           "a NUL byte at offset %" G_GSIZE_FORMAT, i);
              return FALSE;
            }
          continue;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > max_depth)
            {
              g_set_error (error, RECTIFY_JSON_READER_ERROR, RECTIFY_JSON_READER_ERROR_TOO_DEEP,
                           "nested more than %u levels deep", max_depth);
              return FALSE;
            }
          break;
        case ']':
        case '}':
          /* Unbalanced: json-glib refuses it; the count only must not wrap. */
          if (depth > 0)
            depth--;
          break;
        default:
          if (!is_json_outside_string (c))
            {
              g_set_error (error, RECTIFY_JSON_READER_ERROR, RECTIFY_JSON_READER_ERROR_INVALID,
                           "byte 0x%02x at offset %" G_GSIZE_FORMAT " is not JSON", c, i);
              return FALSE;
            }
          break;
        }
    }

  return TRUE;
}

/**
 * rectify_json_read:
 * @data: (array length=length): the bytes
 * @length: how many
 * @max_size: the most bytes allowed (one of the RECTIFY_JSON_MAX_*_SIZE)
 * @error: where to put why the bytes are refused
 *
 * Parses @data with json-glib after rectify_json_check_limits() with
 * %RECTIFY_JSON_MAX_DEPTH. Json-glib's own errors are turned into
 * %RECTIFY_JSON_READER_ERROR_INVALID.
 *
 * Returns: (transfer full): the root, never %NULL unless @error is set
 */
JsonNode *
rectify_json_read (const char  *data,
                   gsize        length,
                   gsize        max_size,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!rectify_json_check_limits (data, length, max_size, RECTIFY_JSON_MAX_DEPTH, error))
    return NULL;

  /* json-glib refuses a NULL pointer loudly, and only white space parses
   * to no root at all. */
  parser = json_parser_new_immutable ();
  if (length == 0 || data == NULL ||
      !json_parser_load_from_data (parser, data, length, &local_error) ||
      (root = json_parser_get_root (parser)) == NULL)
    {
      g_set_error (error, RECTIFY_JSON_READER_ERROR, RECTIFY_JSON_READER_ERROR_INVALID,
                   "%s", local_error != NULL ? local_error->message : "empty");
      return NULL;
    }

  return json_node_ref (root);
}

/* The same, for bytes. */
JsonNode *
rectify_json_read_bytes (GBytes  *bytes,
                         gsize    max_size,
                         GError **error)
{
  gsize length = 0;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  return rectify_json_read (data, length, max_size, error);
}

/* A string member of @object, or NULL when it is missing or is not a
 * string: what a read answer may have put anywhere. */
const char *
rectify_json_get_string (JsonObject *object,
                         const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* An integer member of @object into @out_value; FALSE, @out_value
 * untouched, when it is missing or is not an integer. */
gboolean
rectify_json_get_int (JsonObject *object,
                      const char *member,
                      gint64     *out_value)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  *out_value = json_node_get_int (node);
  return TRUE;
}
