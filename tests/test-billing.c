/* test-billing.c: the billing rules
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "rectify-billing.h"
#include "rectify-core-enums.h"

/* The table in data/billing-cases.json (or the file named by
 * RECTIFY_BILLING_CASES) holds cases whose expected values were computed
 * apart from this code, with Python's datetime, calendar and
 * fractions.Fraction (whose round() is half to even), and checked by hand
 * for the month ends, leap years and halves.
 *
 * Each case is an object with:
 *   name                                       string, for the messages
 *   today, next_billing                        "YYYY-MM-DD"
 *   period                                     "monthly" or "annual"
 *   unit_minor, count                          integers
 *   cycle_start                                "YYYY-MM-DD"
 *   days_in_cycle, days_left                   integers
 *   days_remaining                             integer, optional
 *   prorated_minor  or  "error": "overflow"    exactly one of them
 *   urgency                 "calm", "soon", "urgent" or "passed"
 * Anything else, or a member of the wrong type, fails the test. */

typedef struct
{
  const char     *name;
  GDate           today;
  GDate           next_billing;
  RectifyPeriod   period;
  gint64          unit_minor;
  gint64          count;
  GDate           cycle_start;
  int             days_in_cycle;
  int             days_left;
  gboolean        has_days_remaining;
  int             days_remaining;
  gboolean        expect_overflow;
  gint64          prorated_minor;
  RectifyUrgency  urgency;
} BillingCase;

static const char * const case_members[] = {
  "name", "today", "next_billing", "period", "unit_minor", "count", "cycle_start",
  "days_in_cycle", "days_left", "days_remaining", "prorated_minor", "error", "urgency",
  NULL
};

static gboolean
set_table_error (GError    **error,
                 const char *member,
                 const char *problem)
{
  g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
               "member '%s': %s", member, problem);
  return FALSE;
}

static JsonNode *
get_value_member (JsonObject  *object,
                  const char  *member,
                  GType        type,
                  GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    {
      set_table_error (error, member, "missing");
      return NULL;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != type)
    {
      set_table_error (error, member,
                       type == G_TYPE_STRING ? "must be a string" : "must be an integer");
      return NULL;
    }

  return node;
}

static gboolean
read_string (JsonObject  *object,
             const char  *member,
             const char **out,
             GError     **error)
{
  JsonNode *node = get_value_member (object, member, G_TYPE_STRING, error);

  if (node == NULL)
    return FALSE;

  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
read_int64 (JsonObject  *object,
            const char  *member,
            gint64      *out,
            GError     **error)
{
  JsonNode *node = get_value_member (object, member, G_TYPE_INT64, error);

  if (node == NULL)
    return FALSE;

  *out = json_node_get_int (node);
  return TRUE;
}

static gboolean
read_int (JsonObject  *object,
          const char  *member,
          int         *out,
          GError     **error)
{
  gint64 value;

  if (!read_int64 (object, member, &value, error))
    return FALSE;

  if (value < G_MININT || value > G_MAXINT)
    return set_table_error (error, member, "does not fit in an int");

  *out = value;
  return TRUE;
}

/* Strictly "YYYY-MM-DD", and a date that exists. */
static gboolean
read_date (JsonObject  *object,
           const char  *member,
           GDate       *out,
           GError     **error)
{
  const char *text;
  guint year, month, day;

  if (!read_string (object, member, &text, error))
    return FALSE;

  for (guint i = 0; i < 10; i++)
    {
      gboolean dash = i == 4 || i == 7;

      if (text[i] == '\0' || (dash ? text[i] != '-' : !g_ascii_isdigit (text[i])))
        return set_table_error (error, member, "must be a date as YYYY-MM-DD");
    }
  if (text[10] != '\0')
    return set_table_error (error, member, "must be a date as YYYY-MM-DD");

  year = g_ascii_strtoull (text, NULL, 10);
  month = g_ascii_strtoull (text + 5, NULL, 10);
  day = g_ascii_strtoull (text + 8, NULL, 10);

  if (!g_date_valid_dmy (day, month, year))
    return set_table_error (error, member, "is not a valid date");

  g_date_clear (out, 1);
  g_date_set_dmy (out, day, month, year);
  return TRUE;
}

static gboolean
read_enum (JsonObject  *object,
           const char  *member,
           GType        type,
           int         *out,
           GError     **error)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (type);
  const char *nick;
  GEnumValue *value;

  if (!read_string (object, member, &nick, error))
    return FALSE;

  value = g_enum_get_value_by_nick (enum_class, nick);
  if (value == NULL)
    return set_table_error (error, member, "is not one of the allowed names");

  *out = value->value;
  return TRUE;
}

static gboolean
read_case (JsonNode     *node,
           BillingCase  *bc,
           GError      **error)
{
  JsonObject *object;
  g_autoptr(GList) members = NULL;
  int period;
  int urgency;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           "a case must be an object");
      return FALSE;
    }

  object = json_node_get_object (node);

  members = json_object_get_members (object);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      if (!g_strv_contains ((const char * const *)case_members, l->data))
        return set_table_error (error, l->data, "unknown");
    }

  *bc = (BillingCase) { NULL, };

  if (!read_string (object, "name", &bc->name, error) ||
      !read_date (object, "today", &bc->today, error) ||
      !read_date (object, "next_billing", &bc->next_billing, error) ||
      !read_enum (object, "period", RECTIFY_TYPE_PERIOD, &period, error) ||
      !read_int64 (object, "unit_minor", &bc->unit_minor, error) ||
      !read_int64 (object, "count", &bc->count, error) ||
      !read_date (object, "cycle_start", &bc->cycle_start, error) ||
      !read_int (object, "days_in_cycle", &bc->days_in_cycle, error) ||
      !read_int (object, "days_left", &bc->days_left, error) ||
      !read_enum (object, "urgency", RECTIFY_TYPE_URGENCY, &urgency, error))
    return FALSE;

  bc->period = period;
  bc->urgency = urgency;

  if (json_object_has_member (object, "days_remaining"))
    {
      if (!read_int (object, "days_remaining", &bc->days_remaining, error))
        return FALSE;
      bc->has_days_remaining = TRUE;
    }

  if (json_object_has_member (object, "error"))
    {
      const char *expected_error;

      if (json_object_has_member (object, "prorated_minor"))
        return set_table_error (error, "error", "cannot go with 'prorated_minor'");
      if (!read_string (object, "error", &expected_error, error))
        return FALSE;
      if (!g_str_equal (expected_error, "overflow"))
        return set_table_error (error, "error", "must be \"overflow\"");
      bc->expect_overflow = TRUE;
    }
  else if (!read_int64 (object, "prorated_minor", &bc->prorated_minor, error))
    {
      return FALSE;
    }

  return TRUE;
}

static char *
date_to_string (const GDate *date)
{
  if (!g_date_valid (date))
    return g_strdup ("(invalid)");

  return g_strdup_printf ("%04u-%02u-%02u",
                          g_date_get_year (date),
                          g_date_get_month (date),
                          g_date_get_day (date));
}

static const char *
enum_nick (GType type,
           int   value)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (type);
  GEnumValue *enum_value = g_enum_get_value (enum_class, value);

  /* Nicks are static strings, alive after the class is unreferenced. */
  return enum_value != NULL ? enum_value->value_nick : "(not a value)";
}

/* Runs the billing rules on @bc. Returns NULL when everything matches,
 * otherwise what did not. */
static char *
check_case (const BillingCase *bc)
{
  g_autoptr(GError) error = NULL;
  GDate cycle_start;
  int days_in_cycle;
  int days_left;
  int days_remaining;
  RectifyUrgency urgency;
  gint64 prorated = -1;
  gint64 amount = -1;

  rectify_billing_cycle_start (&bc->next_billing, bc->period, &cycle_start);
  if (!g_date_valid (&cycle_start) || g_date_compare (&cycle_start, &bc->cycle_start) != 0)
    {
      g_autofree char *expected = date_to_string (&bc->cycle_start);
      g_autofree char *got = date_to_string (&cycle_start);

      return g_strdup_printf ("cycle_start: expected %s, got %s", expected, got);
    }

  days_in_cycle = rectify_billing_days_in_cycle (&bc->next_billing, bc->period);
  if (days_in_cycle != bc->days_in_cycle)
    return g_strdup_printf ("days_in_cycle: expected %d, got %d", bc->days_in_cycle, days_in_cycle);

  days_left = rectify_billing_days_left (&bc->today, &bc->next_billing);
  if (days_left != bc->days_left)
    return g_strdup_printf ("days_left: expected %d, got %d", bc->days_left, days_left);

  days_remaining = rectify_billing_days_remaining (&bc->today, &bc->next_billing, bc->period);
  if (bc->has_days_remaining && days_remaining != bc->days_remaining)
    return g_strdup_printf ("days_remaining: expected %d, got %d",
                            bc->days_remaining, days_remaining);

  urgency = rectify_billing_urgency (days_left);
  if (urgency != bc->urgency)
    return g_strdup_printf ("urgency: expected %s, got %s",
                            enum_nick (RECTIFY_TYPE_URGENCY, bc->urgency),
                            enum_nick (RECTIFY_TYPE_URGENCY, urgency));

  if (bc->expect_overflow)
    {
      if (rectify_billing_prorate (bc->unit_minor, bc->count, days_remaining, days_in_cycle,
                                   &prorated, &error))
        return g_strdup_printf ("prorated_minor: expected an overflow error, got %"
                                G_GINT64_FORMAT, prorated);
      if (!g_error_matches (error, RECTIFY_BILLING_ERROR, RECTIFY_BILLING_ERROR_OVERFLOW))
        return g_strdup_printf ("prorated_minor: expected an overflow error, got '%s'",
                                error->message);
      if (prorated != -1)
        return g_strdup ("prorated_minor: the result was written despite the error");
      return NULL;
    }

  if (!rectify_billing_prorate (bc->unit_minor, bc->count, days_remaining, days_in_cycle,
                                &prorated, &error))
    return g_strdup_printf ("prorated_minor: expected %" G_GINT64_FORMAT ", got the error '%s'",
                            bc->prorated_minor, error->message);
  if (prorated != bc->prorated_minor)
    return g_strdup_printf ("prorated_minor: expected %" G_GINT64_FORMAT ", got %" G_GINT64_FORMAT,
                            bc->prorated_minor, prorated);

  /* The prorated resolution involves exactly that amount. */
  if (!rectify_billing_resolution_amount (RECTIFY_RESOLUTION_PRORATED,
                                          bc->unit_minor, bc->count,
                                          days_remaining, days_in_cycle,
                                          &amount, &error))
    return g_strdup_printf ("prorated resolution: error '%s'", error->message);
  if (amount != prorated)
    return g_strdup_printf ("prorated resolution: expected %" G_GINT64_FORMAT
                            ", got %" G_GINT64_FORMAT, prorated, amount);

  return NULL;
}

static void
test_billing_table (void)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  JsonNode *root;
  JsonArray *cases;

  if (g_getenv ("RECTIFY_BILLING_CASES") != NULL)
    path = g_strdup (g_getenv ("RECTIFY_BILLING_CASES"));
  else
    path = g_test_build_filename (G_TEST_DIST, "data", "billing-cases.json", NULL);

  g_test_message ("Billing cases from %s", path);

  if (!json_parser_load_from_file (parser, path, &error))
    {
      g_test_fail_printf ("%s: %s", path, error->message);
      return;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root) ||
      json_array_get_length (json_node_get_array (root)) == 0)
    {
      g_test_fail_printf ("%s: the cases must be a non-empty array", path);
      return;
    }

  cases = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonNode *node = json_array_get_element (cases, i);
      g_autofree char *dump = json_to_string (node, TRUE);
      g_autofree char *mismatch = NULL;
      BillingCase bc;

      if (!read_case (node, &bc, &error))
        {
          g_test_message ("%s", dump);
          g_test_fail_printf ("%s: case %u: %s", path, i, error->message);
          return;
        }

      mismatch = check_case (&bc);
      if (mismatch != NULL)
        {
          g_test_message ("%s", dump);
          g_test_fail_printf ("case %u (%s): %s", i, bc.name, mismatch);
          return;
        }
    }

  g_test_message ("%u cases", json_array_get_length (cases));
}

/* The table reader is strict: a mistake in the table is reported, never
 * read as some default. */
static void
test_billing_table_strict (void)
{
  static const char good[] =
    "{\"name\": \"x\", \"today\": \"2025-03-10\", \"next_billing\": \"2025-03-31\","
    " \"period\": \"monthly\", \"unit_minor\": 2999, \"count\": 3,"
    " \"cycle_start\": \"2025-02-28\", \"days_in_cycle\": 31, \"days_left\": 21,"
    " \"prorated_minor\": 6095, \"urgency\": \"calm\"}";
  static const struct {
    const char *from;
    const char *to;
    const char *member;
  } bad[] = {
    { "\"count\": 3", "\"count\": \"3\"", "count" },
    { "\"count\": 3", "\"count\": 3.0", "count" },
    { "\"count\": 3", "\"count\": null", "count" },
    { "\"count\": 3,", "", "count" },
    { "\"days_left\": 21", "\"days_left\": 4294967296", "days_left" },
    { "\"name\": \"x\"", "\"name\": 1", "name" },
    { "\"2025-03-10\"", "\"2025-3-10\"", "today" },
    { "\"2025-03-10\"", "\"2025-03-10T00:00\"", "today" },
    { "\"2025-03-31\",", "\"2025-02-30\",", "next_billing" },
    { "\"monthly\"", "\"weekly\"", "period" },
    { "\"calm\"", "\"CALM\"", "urgency" },
    { "\"prorated_minor\": 6095", "\"prorate_minor\": 6095", "prorate_minor" },
    { "\"prorated_minor\": 6095", "\"error\": \"overflow\", \"prorated_minor\": 1", "error" },
    { "\"prorated_minor\": 6095", "\"error\": \"invalid\"", "error" },
    { "\"prorated_minor\": 6095", "\"days_remaining\": 21", "prorated_minor" },
  };
  BillingCase bc;

  {
    g_autoptr(JsonNode) node = json_from_string (good, NULL);
    g_autoptr(GError) error = NULL;
    g_autofree char *mismatch = NULL;

    g_assert_nonnull (node);
    g_assert_true (read_case (node, &bc, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (bc.name, ==, "x");
    g_assert_false (bc.has_days_remaining);
    mismatch = check_case (&bc);
    g_assert_null (mismatch);
  }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GString) text = g_string_new (good);
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *member = g_strdup_printf ("'%s'", bad[i].member);

      g_assert_cmpuint (g_string_replace (text, bad[i].from, bad[i].to, 1), ==, 1);
      node = json_from_string (text->str, NULL);
      g_assert_nonnull (node);

      g_assert_false (read_case (node, &bc, &error));
      g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA);
      g_test_message ("%s -> %s", text->str, error->message);
      g_assert_nonnull (strstr (error->message, member));
    }

  {
    g_autoptr(JsonNode) node = json_from_string ("[1]", NULL);
    g_autoptr(GError) error = NULL;

    g_assert_false (read_case (json_array_get_element (json_node_get_array (node), 0),
                               &bc, &error));
    g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA);
  }
}

/* A mismatch is found, and named. */
static void
test_billing_table_mismatch (void)
{
  static const char wrong[] =
    "{\"name\": \"x\", \"today\": \"2025-03-10\", \"next_billing\": \"2025-03-31\","
    " \"period\": \"monthly\", \"unit_minor\": 2999, \"count\": 3,"
    " \"cycle_start\": \"2025-02-28\", \"days_in_cycle\": 31, \"days_left\": 21,"
    " \"prorated_minor\": 6096, \"urgency\": \"calm\"}";
  g_autoptr(JsonNode) node = json_from_string (wrong, NULL);
  g_autofree char *mismatch = NULL;
  BillingCase bc;

  g_assert_true (read_case (node, &bc, NULL));
  mismatch = check_case (&bc);
  g_assert_cmpstr (mismatch, ==, "prorated_minor: expected 6096, got 6095");
}

static void
set_date (GDate *date,
          guint  year,
          guint  month,
          guint  day)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
}

static void
assert_cycle_start (guint         year,
                    guint         month,
                    guint         day,
                    RectifyPeriod period,
                    guint         start_year,
                    guint         start_month,
                    guint         start_day)
{
  GDate next_billing;
  GDate start;

  set_date (&next_billing, year, month, day);
  rectify_billing_cycle_start (&next_billing, period, &start);

  g_assert_true (g_date_valid (&start));
  g_assert_cmpuint (g_date_get_year (&start), ==, start_year);
  g_assert_cmpuint (g_date_get_month (&start), ==, start_month);
  g_assert_cmpuint (g_date_get_day (&start), ==, start_day);
}

static void
test_billing_cycle_start (void)
{
  assert_cycle_start (2025, 3, 31, RECTIFY_PERIOD_MONTHLY, 2025, 2, 28);
  assert_cycle_start (2024, 3, 31, RECTIFY_PERIOD_MONTHLY, 2024, 2, 29);
  assert_cycle_start (2025, 3, 30, RECTIFY_PERIOD_MONTHLY, 2025, 2, 28);
  assert_cycle_start (2024, 3, 30, RECTIFY_PERIOD_MONTHLY, 2024, 2, 29);
  assert_cycle_start (2025, 5, 31, RECTIFY_PERIOD_MONTHLY, 2025, 4, 30);
  assert_cycle_start (2025, 1, 31, RECTIFY_PERIOD_MONTHLY, 2024, 12, 31);
  assert_cycle_start (2028, 2, 29, RECTIFY_PERIOD_ANNUAL, 2027, 2, 28);
  assert_cycle_start (2028, 2, 29, RECTIFY_PERIOD_MONTHLY, 2028, 1, 29);
  assert_cycle_start (2100, 3, 29, RECTIFY_PERIOD_MONTHLY, 2100, 2, 28);
  assert_cycle_start (2000, 3, 29, RECTIFY_PERIOD_MONTHLY, 2000, 2, 29);
  assert_cycle_start (1, 2, 15, RECTIFY_PERIOD_MONTHLY, 1, 1, 15);
}

/* GDate stops at 1 January of year 1: a cycle that would start before it
 * has no days, and nothing can be prorated over it. */
static void
test_billing_cycle_before_year_one (void)
{
  g_autoptr(GError) error = NULL;
  GDate next_billing;
  GDate today;
  GDate start;
  gint64 amount = 42;

  set_date (&next_billing, 1, 1, 20);
  set_date (&today, 1, 1, 10);

  rectify_billing_cycle_start (&next_billing, RECTIFY_PERIOD_MONTHLY, &start);
  g_assert_false (g_date_valid (&start));
  rectify_billing_cycle_start (&next_billing, RECTIFY_PERIOD_ANNUAL, &start);
  g_assert_false (g_date_valid (&start));
  set_date (&next_billing, 1, 12, 31);
  rectify_billing_cycle_start (&next_billing, RECTIFY_PERIOD_ANNUAL, &start);
  g_assert_false (g_date_valid (&start));
  g_assert_cmpint (rectify_billing_days_in_cycle (&next_billing, RECTIFY_PERIOD_ANNUAL), ==, 0);

  set_date (&next_billing, 1, 1, 20);
  g_assert_cmpint (rectify_billing_days_in_cycle (&next_billing, RECTIFY_PERIOD_MONTHLY), ==, 0);
  g_assert_cmpint (rectify_billing_days_left (&today, &next_billing), ==, 10);
  g_assert_cmpint (rectify_billing_days_remaining (&today, &next_billing, RECTIFY_PERIOD_MONTHLY),
                   ==, 0);

  g_assert_false (rectify_billing_prorate (100, 1, 0, 0, &amount, &error));
  g_assert_error (error, RECTIFY_BILLING_ERROR, RECTIFY_BILLING_ERROR_INVALID);
  g_assert_cmpint (amount, ==, 42);
}

static void
test_billing_days (void)
{
  GDate today;
  GDate next_billing;

  set_date (&next_billing, 2025, 3, 31);

  set_date (&today, 2025, 3, 24);
  g_assert_cmpint (rectify_billing_days_left (&today, &next_billing), ==, 7);
  g_assert_cmpint (rectify_billing_days_remaining (&today, &next_billing, RECTIFY_PERIOD_MONTHLY),
                   ==, 7);
  g_assert_cmpint (rectify_billing_days_remaining (&today, &next_billing, RECTIFY_PERIOD_ANNUAL),
                   ==, 7);

  /* Passed: negative days left, nothing remaining. */
  set_date (&today, 2025, 4, 2);
  g_assert_cmpint (rectify_billing_days_left (&today, &next_billing), ==, -2);
  g_assert_cmpint (rectify_billing_days_remaining (&today, &next_billing, RECTIFY_PERIOD_MONTHLY),
                   ==, 0);

  /* Before the cycle: the whole cycle remains, whatever the period. */
  set_date (&today, 2024, 1, 1);
  g_assert_cmpint (rectify_billing_days_left (&today, &next_billing), ==, 455);
  g_assert_cmpint (rectify_billing_days_remaining (&today, &next_billing, RECTIFY_PERIOD_MONTHLY),
                   ==, 31);
  g_assert_cmpint (rectify_billing_days_remaining (&today, &next_billing, RECTIFY_PERIOD_ANNUAL),
                   ==, 365);
  g_assert_cmpint (rectify_billing_days_in_cycle (&next_billing, RECTIFY_PERIOD_ANNUAL), ==, 365);
}

static void
test_billing_urgency (void)
{
  g_assert_cmpint (rectify_billing_urgency (G_MAXINT), ==, RECTIFY_URGENCY_CALM);
  g_assert_cmpint (rectify_billing_urgency (30), ==, RECTIFY_URGENCY_CALM);
  g_assert_cmpint (rectify_billing_urgency (8), ==, RECTIFY_URGENCY_CALM);
  g_assert_cmpint (rectify_billing_urgency (7), ==, RECTIFY_URGENCY_SOON);
  g_assert_cmpint (rectify_billing_urgency (5), ==, RECTIFY_URGENCY_SOON);
  g_assert_cmpint (rectify_billing_urgency (3), ==, RECTIFY_URGENCY_SOON);
  g_assert_cmpint (rectify_billing_urgency (2), ==, RECTIFY_URGENCY_URGENT);
  g_assert_cmpint (rectify_billing_urgency (1), ==, RECTIFY_URGENCY_URGENT);
  g_assert_cmpint (rectify_billing_urgency (0), ==, RECTIFY_URGENCY_URGENT);
  g_assert_cmpint (rectify_billing_urgency (-1), ==, RECTIFY_URGENCY_PASSED);
  g_assert_cmpint (rectify_billing_urgency (G_MININT), ==, RECTIFY_URGENCY_PASSED);
}

static void
test_billing_total (void)
{
  g_autoptr(GError) error = NULL;
  gint64 total = 42;

  g_assert_true (rectify_billing_total (2999, 3, &total, &error));
  g_assert_no_error (error);
  g_assert_cmpint (total, ==, 8997);

  g_assert_true (rectify_billing_total (0, 10000, &total, &error));
  g_assert_cmpint (total, ==, 0);
  g_assert_true (rectify_billing_total (2999, 0, &total, &error));
  g_assert_cmpint (total, ==, 0);
  g_assert_true (rectify_billing_total (2999, 10000, &total, &error));
  g_assert_cmpint (total, ==, 29990000);

  /* The largest amounts that fit. */
  g_assert_true (rectify_billing_total (G_MAXINT64, 1, &total, &error));
  g_assert_cmpint (total, ==, G_MAXINT64);
  g_assert_true (rectify_billing_total (1, G_MAXINT64, &total, &error));
  g_assert_cmpint (total, ==, G_MAXINT64);
  g_assert_true (rectify_billing_total (G_MAXINT64 / 2, 2, &total, &error));
  g_assert_cmpint (total, ==, G_MAXINT64 - 1);
  g_assert_no_error (error);

  /* And just past them: an error, the result left alone. */
  total = 42;
  g_assert_false (rectify_billing_total (G_MAXINT64 / 2 + 1, 2, &total, &error));
  g_assert_error (error, RECTIFY_BILLING_ERROR, RECTIFY_BILLING_ERROR_OVERFLOW);
  g_assert_cmpint (total, ==, 42);
  g_clear_error (&error);

  g_assert_false (rectify_billing_total (G_MAXINT64, G_MAXINT64, &total, &error));
  g_assert_error (error, RECTIFY_BILLING_ERROR, RECTIFY_BILLING_ERROR_OVERFLOW);
  g_clear_error (&error);

  g_assert_false (rectify_billing_total (G_GINT64_CONSTANT (4294967296),
                                         G_GINT64_CONSTANT (2147483648), &total, &error));
  g_assert_error (error, RECTIFY_BILLING_ERROR, RECTIFY_BILLING_ERROR_OVERFLOW);
  g_clear_error (&error);

  g_assert_false (rectify_billing_total (-1, 3, &total, &error));
  g_assert_error (error, RECTIFY_BILLING_ERROR, RECTIFY_BILLING_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (rectify_billing_total (2999, -1, &total, &error));
  g_assert_error (error, RECTIFY_BILLING_ERROR, RECTIFY_BILLING_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (rectify_billing_total (G_MININT64, -1, &total, &error));
  g_assert_error (error, RECTIFY_BILLING_ERROR, RECTIFY_BILLING_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpint (total, ==, 42);
}

static void
assert_prorate_fails (gint64              unit_minor,
                      gint64              count,
                      int                 days_remaining,
                      int                 days_in_cycle,
                      RectifyBillingError code)
{
  g_autoptr(GError) error = NULL;
  gint64 amount = 42;

  g_assert_false (rectify_billing_prorate (unit_minor, count, days_remaining, days_in_cycle,
                                           &amount, &error));
  g_assert_error (error, RECTIFY_BILLING_ERROR, code);
  g_assert_nonnull (error->message);
  g_assert_cmpint (amount, ==, 42);
}

static gint64
prorate (gint64 unit_minor,
         gint64 count,
         int    days_remaining,
         int    days_in_cycle)
{
  g_autoptr(GError) error = NULL;
  gint64 amount = -1;

  g_assert_true (rectify_billing_prorate (unit_minor, count, days_remaining, days_in_cycle,
                                          &amount, &error));
  g_assert_no_error (error);

  return amount;
}

static void
test_billing_prorate (void)
{
  /* Nothing left, everything left. */
  g_assert_cmpint (prorate (2999, 3, 0, 31), ==, 0);
  g_assert_cmpint (prorate (2999, 3, 31, 31), ==, 8997);
  g_assert_cmpint (prorate (G_MAXINT64, 1, 366, 366), ==, G_MAXINT64);

  /* Half to even, both ways, and not halves. */
  g_assert_cmpint (prorate (1, 1, 1, 2), ==, 0);
  g_assert_cmpint (prorate (3, 1, 1, 2), ==, 2);
  g_assert_cmpint (prorate (5, 1, 1, 2), ==, 2);
  g_assert_cmpint (prorate (7, 1, 1, 2), ==, 4);
  g_assert_cmpint (prorate (1, 1, 1, 3), ==, 0);
  g_assert_cmpint (prorate (2, 1, 1, 3), ==, 1);
  g_assert_cmpint (prorate (1, 5, 1, 2), ==, 2);
  g_assert_cmpint (prorate (1, 7, 1, 2), ==, 4);

  /* The longest cycles an int allows: no intermediate overflow.
   * Expected values from Python: round(Fraction(a * n, d)). */
  g_assert_cmpint (prorate (G_MAXINT64, 1, G_MAXINT - 1, G_MAXINT),
                   ==, G_GINT64_CONSTANT (9223372032559808509));
  g_assert_cmpint (prorate (G_MAXINT64, 1, 1, G_MAXINT), ==, G_GINT64_CONSTANT (4294967298));
  g_assert_cmpint (prorate (G_MAXINT64 / 2, 2, 15, 30), ==, G_MAXINT64 / 2);

  /* Invalid inputs. */
  assert_prorate_fails (-1, 1, 10, 30, RECTIFY_BILLING_ERROR_INVALID);
  assert_prorate_fails (100, -1, 10, 30, RECTIFY_BILLING_ERROR_INVALID);
  assert_prorate_fails (100, 1, -1, 30, RECTIFY_BILLING_ERROR_INVALID);
  assert_prorate_fails (100, 1, 31, 30, RECTIFY_BILLING_ERROR_INVALID);
  assert_prorate_fails (100, 1, 0, 0, RECTIFY_BILLING_ERROR_INVALID);
  assert_prorate_fails (100, 1, 0, -30, RECTIFY_BILLING_ERROR_INVALID);
  assert_prorate_fails (100, 1, G_MININT, G_MAXINT, RECTIFY_BILLING_ERROR_INVALID);

  /* Overflow of the full charge is an error even with nothing remaining. */
  assert_prorate_fails (G_MAXINT64, 2, 15, 30, RECTIFY_BILLING_ERROR_OVERFLOW);
  assert_prorate_fails (G_MAXINT64, 2, 0, 30, RECTIFY_BILLING_ERROR_OVERFLOW);
  assert_prorate_fails (G_MAXINT64, G_MAXINT64, 1, 1, RECTIFY_BILLING_ERROR_OVERFLOW);
}

static void
test_billing_resolution_amount (void)
{
  static const RectifyResolution full_charge[] = {
    RECTIFY_RESOLUTION_REMOVE,
    RECTIFY_RESOLUTION_REFUND,
    RECTIFY_RESOLUTION_CREDIT,
    RECTIFY_RESOLUTION_SCHEDULED,
  };
  g_autoptr(GError) error = NULL;
  gint64 amount;

  for (guint i = 0; i < G_N_ELEMENTS (full_charge); i++)
    {
      g_test_message ("%s", enum_nick (RECTIFY_TYPE_RESOLUTION, full_charge[i]));

      amount = -1;
      g_assert_true (rectify_billing_resolution_amount (full_charge[i], 2999, 3, 10, 31,
                                                        &amount, &error));
      g_assert_no_error (error);
      g_assert_cmpint (amount, ==, 8997);

      /* The days do not matter for a full charge, not even invalid ones. */
      g_assert_true (rectify_billing_resolution_amount (full_charge[i], 2999, 3, 0, 0,
                                                        &amount, &error));
      g_assert_cmpint (amount, ==, 8997);

      g_assert_true (rectify_billing_resolution_amount (full_charge[i], 0, 3, 10, 31,
                                                        &amount, &error));
      g_assert_cmpint (amount, ==, 0);

      amount = 42;
      g_assert_false (rectify_billing_resolution_amount (full_charge[i], G_MAXINT64, 3, 10, 31,
                                                         &amount, &error));
      g_assert_error (error, RECTIFY_BILLING_ERROR, RECTIFY_BILLING_ERROR_OVERFLOW);
      g_assert_cmpint (amount, ==, 42);
      g_clear_error (&error);

      g_assert_false (rectify_billing_resolution_amount (full_charge[i], -2999, 3, 10, 31,
                                                         &amount, &error));
      g_assert_error (error, RECTIFY_BILLING_ERROR, RECTIFY_BILLING_ERROR_INVALID);
      g_clear_error (&error);
    }

  /* Prorated: 8997 × 10 ÷ 31 = 2902.26 */
  g_assert_true (rectify_billing_resolution_amount (RECTIFY_RESOLUTION_PRORATED, 2999, 3, 10, 31,
                                                    &amount, &error));
  g_assert_no_error (error);
  g_assert_cmpint (amount, ==, 2902);

  g_assert_false (rectify_billing_resolution_amount (RECTIFY_RESOLUTION_PRORATED, 2999, 3, 0, 0,
                                                     &amount, &error));
  g_assert_error (error, RECTIFY_BILLING_ERROR, RECTIFY_BILLING_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (rectify_billing_resolution_amount (RECTIFY_RESOLUTION_PRORATED, G_MAXINT64, 3,
                                                     10, 31, &amount, &error));
  g_assert_error (error, RECTIFY_BILLING_ERROR, RECTIFY_BILLING_ERROR_OVERFLOW);
  g_clear_error (&error);

  /* No resolution, or not a resolution at all. */
  amount = 42;
  g_assert_false (rectify_billing_resolution_amount (RECTIFY_RESOLUTION_NONE, 2999, 3, 10, 31,
                                                     &amount, &error));
  g_assert_error (error, RECTIFY_BILLING_ERROR, RECTIFY_BILLING_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (rectify_billing_resolution_amount ((RectifyResolution)99, 2999, 3, 10, 31,
                                                     &amount, &error));
  g_assert_error (error, RECTIFY_BILLING_ERROR, RECTIFY_BILLING_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (amount, ==, 42);
}

static void
test_billing_enum_types (void)
{
  g_assert_cmpstr (enum_nick (RECTIFY_TYPE_PERIOD, RECTIFY_PERIOD_ANNUAL), ==, "annual");
  g_assert_cmpstr (enum_nick (RECTIFY_TYPE_URGENCY, RECTIFY_URGENCY_PASSED), ==, "passed");
  g_assert_cmpstr (enum_nick (RECTIFY_TYPE_RESOLUTION, RECTIFY_RESOLUTION_SCHEDULED),
                   ==, "scheduled");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/billing/table", test_billing_table);
  g_test_add_func ("/billing/table-strict", test_billing_table_strict);
  g_test_add_func ("/billing/table-mismatch", test_billing_table_mismatch);
  g_test_add_func ("/billing/cycle-start", test_billing_cycle_start);
  g_test_add_func ("/billing/cycle-before-year-one", test_billing_cycle_before_year_one);
  g_test_add_func ("/billing/days", test_billing_days);
  g_test_add_func ("/billing/urgency", test_billing_urgency);
  g_test_add_func ("/billing/total", test_billing_total);
  g_test_add_func ("/billing/prorate", test_billing_prorate);
  g_test_add_func ("/billing/resolution-amount", test_billing_resolution_amount);
  g_test_add_func ("/billing/enum-types", test_billing_enum_types);

  return g_test_run ();
}
