/* test-case.c: the case model
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rectify-case.h"
#include "rectify-core-enums.h"

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_case_reference (void)
{
  g_autoptr(RectifyCase) a = rectify_case_new ();
  g_autoptr(RectifyCase) b = rectify_case_new ();

  g_assert_true (g_uuid_string_is_valid (rectify_case_get_reference (a)));
  g_assert_true (g_uuid_string_is_valid (rectify_case_get_reference (b)));
  g_assert_cmpstr (rectify_case_get_reference (a), !=, rectify_case_get_reference (b));
}

static void
test_case_scenario_notify (void)
{
  RectifyCase *rcase = rectify_case_new ();
  guint scenario_notifies = 0;
  guint complete_notifies = 0;
  RectifyScenario scenario;

  g_signal_connect (rcase, "notify::scenario", G_CALLBACK (count_notify), &scenario_notifies);
  g_signal_connect (rcase, "notify::identify-complete", G_CALLBACK (count_notify), &complete_notifies);

  g_assert_cmpint (rectify_case_get_scenario (rcase), ==, RECTIFY_SCENARIO_NONE);
  g_assert_false (rectify_case_get_step_complete (rcase, RECTIFY_STEP_IDENTIFY));

  /* Setting the value it already has says nothing. */
  rectify_case_set_scenario (rcase, RECTIFY_SCENARIO_NONE);
  g_assert_cmpuint (scenario_notifies, ==, 0);

  rectify_case_set_scenario (rcase, RECTIFY_SCENARIO_TOO_MANY);
  g_assert_cmpuint (scenario_notifies, ==, 1);
  g_assert_cmpuint (complete_notifies, ==, 1);
  g_assert_true (rectify_case_get_step_complete (rcase, RECTIFY_STEP_IDENTIFY));

  rectify_case_set_scenario (rcase, RECTIFY_SCENARIO_TOO_MANY);
  g_assert_cmpuint (scenario_notifies, ==, 1);

  /* Through the GObject property too, with the same rule. */
  g_object_set (rcase, "scenario", RECTIFY_SCENARIO_WRONG_TYPE, NULL);
  g_object_get (rcase, "scenario", &scenario, NULL);
  g_assert_cmpint (scenario, ==, RECTIFY_SCENARIO_WRONG_TYPE);
  g_assert_cmpuint (scenario_notifies, ==, 2);
  /* Still complete: no notification for an unchanged completeness. */
  g_assert_cmpuint (complete_notifies, ==, 1);

  g_object_set (rcase, "scenario", RECTIFY_SCENARIO_WRONG_TYPE, NULL);
  g_assert_cmpuint (scenario_notifies, ==, 2);

  rectify_case_set_scenario (rcase, RECTIFY_SCENARIO_NONE);
  g_assert_false (rectify_case_get_step_complete (rcase, RECTIFY_STEP_IDENTIFY));
  g_assert_cmpuint (complete_notifies, ==, 2);

  g_assert_finalize_object (rcase);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/case/reference", test_case_reference);
  g_test_add_func ("/case/scenario-notify", test_case_scenario_notify);

  return g_test_run ();
}
