/* test-json-reader.c: JSON from outside, read within limits
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rectify-case-file.h"
#include "rectify-json-reader.h"

/* @depth arrays, one inside the other, with @inside in the innermost. */
static char *
nested (guint       depth,
        const char *inside)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  g_string_append (text, inside);
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');

  return g_string_free (text, FALSE);
}

static JsonNode *
read_text (const char  *text,
           GError     **error)
{
  return rectify_json_read (text, strlen (text), RECTIFY_JSON_MAX_DESK_ANSWER_SIZE, error);
}

static void
test_depth (void)
{
  g_autofree char *at_limit = nested (RECTIFY_JSON_MAX_DEPTH, "1");
  g_autofree char *over = nested (RECTIFY_JSON_MAX_DEPTH + 1, "1");
  g_autofree char *crash = nested (100000, "");
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  /* 64 levels are read, and are all there. */
  root = read_text (at_limit, &error);
  g_assert_no_error (error);
  node = root;
  for (guint i = 0; i < RECTIFY_JSON_MAX_DEPTH; i++)
    {
      g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
      node = json_array_get_element (json_node_get_array (node), 0);
    }
  g_assert_cmpint (json_node_get_int (node), ==, 1);

  g_assert_null (read_text (over, &error));
  g_assert_error (error, RECTIFY_JSON_READER_ERROR, RECTIFY_JSON_READER_ERROR_TOO_DEEP);
  g_clear_error (&error);

  /* What crashed json-glib (stack overflow) is refused before it. */
  g_assert_null (read_text (crash, &error));
  g_assert_error (error, RECTIFY_JSON_READER_ERROR, RECTIFY_JSON_READER_ERROR_TOO_DEEP);
  g_clear_error (&error);

  /* Closing brackets first do not earn credit for more opening ones. */
  {
    g_autofree char *closers = g_strnfill (1000, ']');
    g_autofree char *text = g_strconcat (closers, over, NULL);

    g_assert_null (read_text (text, &error));
    g_assert_error (error, RECTIFY_JSON_READER_ERROR, RECTIFY_JSON_READER_ERROR_TOO_DEEP);
    g_clear_error (&error);
  }
}

/* Brackets inside strings are text, whatever the escapes; a string must
 * not hide brackets json-glib would count. */
static void
test_strings (void)
{
  g_autofree char *brackets = g_strnfill (500, '[');
  g_autofree char *in_string = g_strdup_printf ("[\"%s\", \"\\\"%s\", \"\\\\\"]",
                                                brackets, brackets);
  g_autofree char *deep = nested (100, "");
  g_autofree char *single_quoted = g_strdup_printf ("['\"', %s]", deep);
  g_autofree char *comment = g_strdup_printf ("[/* \" */ %s]", deep);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *array;

  root = read_text (in_string, &error);
  g_assert_no_error (error);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  g_assert_cmpuint (strlen (json_array_get_string_element (array, 0)), ==, 500);
  g_assert_cmpuint (strlen (json_array_get_string_element (array, 1)), ==, 501);
  g_assert_cmpstr (json_array_get_string_element (array, 2), ==, "\\");

  /* json-glib's scanner knows single quotes and comments, where a double
   * quote would hide the brackets from a JSON scan: not JSON, refused. */
  g_assert_null (read_text (single_quoted, &error));
  g_assert_error (error, RECTIFY_JSON_READER_ERROR, RECTIFY_JSON_READER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (read_text (comment, &error));
  g_assert_error (error, RECTIFY_JSON_READER_ERROR, RECTIFY_JSON_READER_ERROR_INVALID);
  g_clear_error (&error);

  /* Every kind of JSON value still reads. */
  g_clear_pointer (&root, json_node_unref);
  root = read_text (" {\"a\": [true, false, null, -1.5e+3, 0, \"x\"], \"b\": {}}\r\n", &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
}

/* A NUL would end the C string: everything after it lost without a word. */
static void
test_nul (void)
{
  static const char raw[] = "[\"before\0after\"]";
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (read_text ("[\"before\\u0000after\"]", &error));
  g_assert_error (error, RECTIFY_JSON_READER_ERROR, RECTIFY_JSON_READER_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (rectify_json_read (raw, sizeof raw - 1, 1024, &error));
  g_assert_error (error, RECTIFY_JSON_READER_ERROR, RECTIFY_JSON_READER_ERROR_INVALID);
  g_clear_error (&error);

  /* A backslash, then the letters u0000: text, not a NUL. */
  root = read_text ("[\"\\\\u0000\"]", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_array_get_string_element (json_node_get_array (root), 0), ==,
                   "\\u0000");
}

static void
test_size (void)
{
  g_autofree char *text = g_strnfill (1000, ' ');
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  text[0] = '1';
  root = rectify_json_read (text, 1000, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_node_get_int (root), ==, 1);

  g_assert_null (rectify_json_read (text, 1000, 999, &error));
  g_assert_error (error, RECTIFY_JSON_READER_ERROR, RECTIFY_JSON_READER_ERROR_TOO_LARGE);
  g_clear_error (&error);

  g_assert_null (rectify_json_read ("", 0, 1000, &error));
  g_assert_error (error, RECTIFY_JSON_READER_ERROR, RECTIFY_JSON_READER_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (rectify_json_read ("  \n", 3, 1000, &error));
  g_assert_error (error, RECTIFY_JSON_READER_ERROR, RECTIFY_JSON_READER_ERROR_INVALID);
}

/* The case file that crashed every start: refused, with the reason. */
static void
test_case_file (void)
{
  g_autofree char *deep = nested (100000, "");
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&deep), 200000);
  g_autoptr(GBytes) big = g_bytes_new_take (g_strnfill (RECTIFY_JSON_MAX_CASE_FILE_SIZE + 1, ' '),
                                            RECTIFY_JSON_MAX_CASE_FILE_SIZE + 1);
  g_autoptr(GError) error = NULL;

  g_assert_null (rectify_case_from_bytes (bytes, &error));
  g_assert_error (error, RECTIFY_CASE_FILE_ERROR, RECTIFY_CASE_FILE_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "nested"));
  g_clear_error (&error);

  g_assert_null (rectify_case_from_bytes (big, &error));
  g_assert_error (error, RECTIFY_CASE_FILE_ERROR, RECTIFY_CASE_FILE_ERROR_TOO_LARGE);
}

/* Members read from an answer give a value only when it has the type
 * asked for: a number is no string, a string no number, null neither. */
static void
test_typed_members (void)
{
  static const char json[] =
    "{\"name\": \"Ana\", \"count\": 3, \"text_count\": \"3\", \"none\": null,"
    " \"list\": [\"a\"], \"real\": 1.5}";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = rectify_json_read (json, strlen (json), 1024, &error);
  JsonObject *object;
  gint64 value = 42;

  g_assert_no_error (error);
  object = json_node_get_object (root);

  g_assert_cmpstr (rectify_json_get_string (object, "name"), ==, "Ana");
  g_assert_null (rectify_json_get_string (object, "count"));
  g_assert_null (rectify_json_get_string (object, "none"));
  g_assert_null (rectify_json_get_string (object, "list"));
  g_assert_null (rectify_json_get_string (object, "missing"));

  g_assert_true (rectify_json_get_int (object, "count", &value));
  g_assert_cmpint (value, ==, 3);
  value = 42;
  g_assert_false (rectify_json_get_int (object, "text_count", &value));
  g_assert_false (rectify_json_get_int (object, "real", &value));
  g_assert_false (rectify_json_get_int (object, "none", &value));
  g_assert_false (rectify_json_get_int (object, "missing", &value));
  g_assert_cmpint (value, ==, 42);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/json-reader/depth", test_depth);
  g_test_add_func ("/json-reader/strings", test_strings);
  g_test_add_func ("/json-reader/nul", test_nul);
  g_test_add_func ("/json-reader/size", test_size);
  g_test_add_func ("/json-reader/case-file", test_case_file);
  g_test_add_func ("/json-reader/typed-members", test_typed_members);

  return g_test_run ();
}
