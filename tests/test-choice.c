/* test-choice.c: the mistakes, resolutions and checklist as models
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "rectify-case-summary.h"
#include "rectify-choice.h"
#include "rectify-clock.h"
#include "rectify-core-resources.h"
#include "rectify-format.h"
#include "rectify-submission-private.h"
#include "rectify-test-case.h"

static RectifyChoice *
item (GListModel *model,
      const char *id)
{
  RectifyChoice *choice = rectify_choices_find (model, id);

  g_assert_nonnull (choice);
  return choice;
}

/* The three mistakes, in order, with their words; the case's is chosen. */
static void
test_choice_scenarios (void)
{
  g_autoptr(GListModel) choices = rectify_scenario_choices_new ();
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  const RectifyScenario order[] = {
    RECTIFY_SCENARIO_WRONG_TYPE, RECTIFY_SCENARIO_UNINTENDED, RECTIFY_SCENARIO_TOO_MANY,
  };

  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_autoptr(RectifyChoice) choice = g_list_model_get_item (choices, i);

      g_assert_cmpint (rectify_choice_get_value (choice), ==, order[i]);
      g_assert_cmpuint (strlen (rectify_choice_get_description (choice)), >, 20);
    }
  g_assert_cmpstr (rectify_choice_get_title (item (choices, "unintended")), ==,
                   "I added licences by accident");

  rectify_scenario_choices_update (choices, rcase);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    g_assert_false (rectify_choice_get_active (rectify_choices_find_value (choices, order[i])));

  rectify_case_set_scenario (rcase, RECTIFY_SCENARIO_TOO_MANY);
  rectify_scenario_choices_update (choices, rcase);
  g_assert_true (rectify_choice_get_active (item (choices, "too-many")));
  g_assert_false (rectify_choice_get_active (item (choices, "wrong-type")));
  g_assert_false (rectify_choice_get_active (item (choices, "unintended")));
}

/* The words and amounts of each resolution follow the case. */
static void
test_choice_resolutions (void)
{
  g_autoptr(GListModel) choices = rectify_resolution_choices_new ();
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  RectifyChoice *refund = item (choices, "refund");
  RectifyChoice *remove = item (choices, "remove");
  RectifyChoice *scheduled = item (choices, "scheduled");
  GDate today;

  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 5);
  rectify_test_set_today (2026, 11, 26);
  rectify_clock_get_today (&today);

  /* Two licences added by mistake at 19.99 EUR: 39.98 back. */
  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_UNINTENDED);
  rectify_resolution_choices_update (choices, rcase, &today);
  g_assert_cmpstr (rectify_choice_get_title (remove), ==, "Remove the licences");
  g_assert_nonnull (strstr (rectify_choice_get_description (refund), "39.98"));
  g_assert_true (g_str_has_suffix (rectify_choice_get_description (refund),
                                   "back to your payment method"));
  g_assert_true (rectify_choice_get_active (item (choices, "credit")));
  g_assert_false (rectify_choice_get_active (refund));
  g_assert_null (rectify_choice_get_badge (scheduled));
  g_assert_true (rectify_choice_get_applies (item (choices, "prorated")));

  /* For a wrong type, removing them is switching them. */
  rectify_case_set_scenario (rcase, RECTIFY_SCENARIO_WRONG_TYPE);
  rectify_resolution_choices_update (choices, rcase, &today);
  g_assert_cmpstr (rectify_choice_get_title (remove), ==, "Switch to the type you meant");

  /* On the billing date the cycle has ended: nothing to prorate, unless it
   * was chosen before (the owner sees why the step is not complete). */
  rectify_test_set_today (2026, 12, 20);
  rectify_clock_get_today (&today);
  rectify_resolution_choices_update (choices, rcase, &today);
  g_assert_false (rectify_choice_get_applies (item (choices, "prorated")));
  rectify_case_set_resolution (rcase, RECTIFY_RESOLUTION_PRORATED);
  rectify_resolution_choices_update (choices, rcase, &today);
  g_assert_true (rectify_choice_get_applies (item (choices, "prorated")));

  /* Once the billing date has passed, the next cycle is recommended. */
  g_assert_null (rectify_choice_get_badge (scheduled));
  rectify_test_set_today (2026, 12, 21);
  rectify_clock_get_today (&today);
  rectify_resolution_choices_update (choices, rcase, &today);
  g_assert_cmpstr (rectify_choice_get_badge (scheduled), ==, "Recommended");

  rectify_clock_set_today (NULL);
}

/* A profile like Ringover's, without the self-service page. */
static RectifyProvider *
provider_without_self_service (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length;
  RectifyProvider *provider;

  bytes = g_resource_lookup_data (rectify_core_get_resource (),
                                  "/io/github/rectify/Rectify/core/ringover.json",
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                             g_bytes_get_size (bytes), &error));
  g_assert_true (json_object_has_member (json_node_get_object (json_parser_get_root (parser)),
                                         "self_service"));
  json_object_remove_member (json_node_get_object (json_parser_get_root (parser)),
                             "self_service");
  json_generator_set_root (generator, json_parser_get_root (parser));
  text = json_generator_to_data (generator, &length);
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = g_bytes_new_take (g_steal_pointer (&text), length);

  provider = rectify_provider_new_from_bytes (bytes, &error);
  g_assert_no_error (error);

  return provider;
}

static gboolean
applies (GListModel *checklist,
         const char *id)
{
  return rectify_choice_get_applies (item (checklist, id));
}

/* Which steps apply to each mistake, the self-service one only where the
 * provider has it; ticked ones say when; the optional one is not needed to
 * finish, and the summary on paper lists it. */
static void
test_choice_checklist (void)
{
  g_autoptr(GListModel) checklist = rectify_checklist_new ();
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autoptr(RectifyProvider) other = provider_without_self_service ();
  g_auto(GStrv) items = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *today_text = NULL;
  GDate today;

  rectify_test_set_today (2026, 11, 26);
  rectify_clock_get_today (&today);
  today_text = rectify_format_date_long (&today);

  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_TOO_MANY);
  rectify_checklist_update (checklist, rcase);
  g_assert_true (applies (checklist, RECTIFY_CHECKLIST_REMOVE_USERS));
  g_assert_true (applies (checklist, RECTIFY_CHECKLIST_REMOVE_LICENCES));
  g_assert_nonnull (strstr (rectify_choice_get_description (item (checklist,
                                                                   RECTIFY_CHECKLIST_REMOVE_LICENCES)),
                            "Billing › Licences"));

  rectify_case_set_scenario (rcase, RECTIFY_SCENARIO_WRONG_TYPE);
  rectify_checklist_update (checklist, rcase);
  g_assert_false (applies (checklist, RECTIFY_CHECKLIST_REMOVE_USERS));
  g_assert_false (applies (checklist, RECTIFY_CHECKLIST_REMOVE_LICENCES));
  g_assert_true (applies (checklist, RECTIFY_CHECKLIST_VERIFY));

  rectify_case_set_scenario (rcase, RECTIFY_SCENARIO_UNINTENDED);
  rectify_provider_set_default (other);
  rectify_checklist_update (checklist, rcase);
  g_assert_false (applies (checklist, RECTIFY_CHECKLIST_REMOVE_LICENCES));
  rectify_provider_set_default (NULL);
  rectify_checklist_update (checklist, rcase);
  g_assert_true (applies (checklist, RECTIFY_CHECKLIST_REMOVE_LICENCES));

  /* Ticked: the day it was done, as the owner's day. */
  rectify_case_set_checklist_done (rcase, RECTIFY_CHECKLIST_VERIFY, TRUE);
  rectify_checklist_update (checklist, rcase);
  g_assert_true (rectify_choice_get_active (item (checklist, RECTIFY_CHECKLIST_VERIFY)));
  g_assert_false (rectify_choice_get_active (item (checklist, RECTIFY_CHECKLIST_REMOVE_USERS)));
  g_assert_true (g_str_has_suffix (rectify_choice_get_description (item (checklist,
                                                                          RECTIFY_CHECKLIST_VERIFY)),
                                   today_text));

  /* Sent, and every step but the optional one done: finished. */
  rectify_case_set_send_state (rcase, RECTIFY_SEND_STATE_SENT, NULL);
  items = rectify_case_dup_checklist_items (rcase);
  for (guint i = 0; items[i] != NULL; i++)
    {
      g_assert_false (rectify_case_is_finished (rcase));
      if (!g_str_equal (items[i], RECTIFY_CHECKLIST_REMOVE_LICENCES))
        rectify_case_set_checklist_done (rcase, items[i], TRUE);
    }
  g_assert_true (rectify_case_is_finished (rcase));
  g_assert_false (rectify_checklist_item_is_optional (RECTIFY_CHECKLIST_CHECK_STATEMENT));

  summary = rectify_case_summary_dup_text (rcase, &today);
  g_assert_nonnull (strstr (summary, "☐ Remove the unassigned licences yourself (optional)\n"));
  g_assert_nonnull (strstr (summary, "☑ Check your next statement (done on "));

  rectify_clock_set_today (NULL);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/choice/scenarios", test_choice_scenarios);
  g_test_add_func ("/choice/resolutions", test_choice_resolutions);
  g_test_add_func ("/choice/checklist", test_choice_checklist);

  return g_test_run ();
}
