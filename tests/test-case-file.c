/* test-case-file.c: a case to JSON and back
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rectify-case-file.h"
#include "rectify-case-private.h"
#include "rectify-clock.h"
#include "rectify-submission-private.h"
#include "rectify-test-case.h"

static RectifyCase *
round_trip (RectifyCase *rcase)
{
  g_autoptr(GBytes) bytes = rectify_case_to_bytes (rcase);
  g_autoptr(GError) error = NULL;
  RectifyCase *copy = rectify_case_from_bytes (bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (copy);
  return copy;
}

static void
assert_same_case (RectifyCase *a,
                  RectifyCase *b)
{
  g_autoptr(GBytes) bytes_a = rectify_case_to_bytes (a);
  g_autoptr(GBytes) bytes_b = rectify_case_to_bytes (b);

  /* The serialization is deterministic, so equal files mean equal cases;
   * a few fields are also compared directly so a field the writer forgot
   * cannot hide on both sides. */
  g_assert_cmpmem (g_bytes_get_data (bytes_a, NULL), g_bytes_get_size (bytes_a),
                   g_bytes_get_data (bytes_b, NULL), g_bytes_get_size (bytes_b));
  g_assert_cmpstr (rectify_case_get_reference (a), ==, rectify_case_get_reference (b));
  g_assert_true (g_date_time_equal (rectify_case_get_created (a), rectify_case_get_created (b)));
  g_assert_true (g_date_time_equal (rectify_case_get_updated (a), rectify_case_get_updated (b)));
  g_assert_cmpint (rectify_case_get_scenario (a), ==, rectify_case_get_scenario (b));
  g_assert_cmpint (g_date_valid (rectify_case_get_next_billing (a)), ==,
                   g_date_valid (rectify_case_get_next_billing (b)));
  if (g_date_valid (rectify_case_get_next_billing (a)))
    g_assert_cmpint (g_date_compare (rectify_case_get_next_billing (a),
                                     rectify_case_get_next_billing (b)), ==, 0);
  for (guint i = 0; i < RECTIFY_N_TEXTS; i++)
    g_assert_cmpstr (rectify_case_get_text (a, i), ==, rectify_case_get_text (b, i));
  g_assert_cmpint (rectify_case_get_resolution (a), ==, rectify_case_get_resolution (b));
  g_assert_cmpint (rectify_case_get_send_state (a), ==, rectify_case_get_send_state (b));
  g_assert_cmpint (rectify_case_get_request_id (a), ==, rectify_case_get_request_id (b));
  g_assert_cmpint (rectify_case_get_current_step (a), ==, rectify_case_get_current_step (b));
}

static void
test_file_round_trip_empty (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autoptr(RectifyCase) copy = round_trip (rcase);

  assert_same_case (rcase, copy);
  g_assert_false (g_date_valid (rectify_case_get_purchase_date (copy)));
}

static void
test_file_round_trip_full (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autoptr(RectifyCase) copy = NULL;
  g_autoptr(RectifyAttachment) attachment = NULL;
  g_autoptr(GFile) file = g_file_new_for_path ("/home/ana/Facturas/factura 2026-11.pdf");
  g_autoptr(GDateTime) uploaded = g_date_time_new_utc (2026, 11, 26, 10, 0, 0);
  g_autoptr(RectifyAttachment) copied = NULL;
  GDateTime *done, *copied_done;

  rectify_test_set_today (2026, 11, 26);
  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_TOO_MANY);
  rectify_case_set_text (rcase, RECTIFY_TEXT_EXPLANATION,
                         "Línea «uno»\n\tdos — “tres” 😀 and a \"quote\" \\ backslash");
  rectify_case_set_text (rcase, RECTIFY_TEXT_STATEMENT_AMOUNT, "47,98");
  attachment = rectify_attachment_new (file);
  rectify_attachment_set_info (attachment, RECTIFY_ATTACHMENT_STATE_READY, "factura 2026-11.pdf",
                               48213, "application/pdf");
  rectify_attachment_set_upload (attachment, "tok-123", uploaded);
  rectify_case_add_attachment (rcase, attachment);
  rectify_case_set_send_state (rcase, RECTIFY_SEND_STATE_SENT, NULL);
  rectify_case_set_request (rcase, 4242, "https://support.example/hc/requests/4242", "open");
  rectify_case_set_send_attempts (rcase, 2, uploaded);
  rectify_case_set_checklist_done (rcase, RECTIFY_CHECKLIST_VERIFY, TRUE);
  rectify_case_set_current_step (rcase, RECTIFY_STEP_FOLLOW_UP);

  copy = round_trip (rcase);
  assert_same_case (rcase, copy);

  copied = g_list_model_get_item (rectify_case_get_attachments (copy), 0);
  g_assert_nonnull (copied);
  g_assert_cmpstr (rectify_attachment_get_path (copied), ==, rectify_attachment_get_path (attachment));
  g_assert_cmpint (rectify_attachment_get_size (copied), ==, 48213);
  g_assert_cmpstr (rectify_attachment_get_upload_token (copied), ==, "tok-123");
  g_assert_true (g_date_time_equal (rectify_attachment_get_uploaded_at (copied), uploaded));
  g_assert_cmpuint (rectify_case_get_send_attempts (copy), ==, 2);
  g_assert_true (g_date_time_equal (rectify_case_get_last_attempt (copy), uploaded));

  done = rectify_case_get_checklist_done (rcase, RECTIFY_CHECKLIST_VERIFY);
  copied_done = rectify_case_get_checklist_done (copy, RECTIFY_CHECKLIST_VERIFY);
  g_assert_nonnull (copied_done);
  g_assert_true (g_date_time_equal (done, copied_done));
  g_assert_null (rectify_case_get_checklist_done (copy, RECTIFY_CHECKLIST_REMOVE_USERS));

  /* Validation is recomputed on reading, not stored. */
  g_assert_true (rectify_case_get_step_complete (copy, RECTIFY_STEP_RESOLUTION));
  rectify_clock_set_today (NULL);
}

static RectifyCase *
parse (const char  *json,
       GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

  return rectify_case_from_bytes (bytes, error);
}

#define REF "\"reference\": \"3f1c2a4e-8b7d-4c1e-9a2b-5d6e7f8a9b0c\""

static void
test_file_send_reason (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autoptr(RectifyCase) copy = NULL;
  g_autoptr(RectifyCase) old = NULL;
  g_autoptr(RectifySendReason) reason = rectify_send_reason_new (RECTIFY_SEND_REASON_LOOKUP_FAILED);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const char * const names[] = { "factura.pdf", "captura.png", NULL };
  const RectifySendReason *copied;

  /* A code and its facts go to the file, and come back the same. */
  reason->cause = RECTIFY_SEND_REASON_DESK_FAILED_AFTER;
  reason->at = g_date_time_new_utc (2026, 11, 26, 14, 32, 0);
  reason->status = 502;
  reason->delay_ms = 4000;
  reason->file = g_strdup ("factura.pdf");
  reason->detail = g_strdup ("Could not connect: Connection refused");
  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_UNINTENDED);
  rectify_case_set_sent_snapshot (rcase, "Asunto", "Cuerpo\n«exacto»\n", names);
  rectify_case_set_send_state (rcase, RECTIFY_SEND_STATE_NEEDS_CONFIRMATION, reason);
  copy = round_trip (rcase);
  copied = rectify_case_get_send_reason (copy);
  g_assert_nonnull (copied);
  g_assert_true (rectify_send_reason_equal (copied, reason));
  g_assert_cmpstr (rectify_case_get_sent_subject (copy), ==, "Asunto");
  g_assert_cmpstr (rectify_case_get_sent_body (copy), ==, "Cuerpo\n«exacto»\n");
  g_assert_true (g_strv_equal (rectify_case_get_sent_attachments (copy), names));

  /* The file holds the code, not a sentence of Rectify's. */
  bytes = rectify_case_to_bytes (rcase);
  g_assert_nonnull (strstr (g_bytes_get_data (bytes, NULL), "\"code\" : \"lookup-failed\""));
  g_assert_nonnull (strstr (g_bytes_get_data (bytes, NULL), "\"cause\" : \"desk-failed-after\""));
  g_assert_null (strstr (g_bytes_get_data (bytes, NULL), "\"error\""));

  /* A file from before the codes kept the sentence: still read, as such. */
  old = parse ("{\"version\": 1, " REF ", \"send\": {\"state\": \"failed\", "
               "\"error\": \"La solicitud no se pudo guardar\"}}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (rectify_case_get_send_state (old), ==, RECTIFY_SEND_STATE_FAILED);
  g_assert_cmpint (rectify_case_get_send_reason (old)->code, ==, RECTIFY_SEND_REASON_LEGACY);
  g_assert_cmpstr (rectify_case_get_send_reason (old)->detail, ==,
                   "La solicitud no se pudo guardar");
  g_clear_object (&old);

  /* An unknown code is an error that names it, never a silent default. */
  old = parse ("{\"version\": 1, " REF ", \"send\": {\"state\": \"failed\", "
               "\"reason\": {\"code\": \"from-the-future\"}}}", &error);
  g_assert_null (old);
  g_assert_nonnull (error);
}

static void
test_file_unknown_members_ignored (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RectifyCase) rcase = NULL;

  rcase = parse ("{\"version\": 1, " REF ", \"owner_name\": \"Ana\", "
                 "\"from_the_future\": {\"x\": [1, 2]}, \"scenario\": \"unintended\"}",
                 &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rectify_case_get_text (rcase, RECTIFY_TEXT_OWNER_NAME), ==, "Ana");
  g_assert_cmpint (rectify_case_get_scenario (rcase), ==, RECTIFY_SCENARIO_UNINTENDED);
}

/* The ticked items are written in the order of their ids, whatever the
 * order they were ticked in, and an item this version does not know (a
 * later version's) is kept with its time. */
static void
test_file_checklist_order (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RectifyCase) rcase = NULL;
  g_autoptr(RectifyCase) copy = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GDateTime) done_at = NULL;
  const char *text, *verify, *later, *remove;

  rcase = parse ("{\"version\": 1, " REF ", \"checklist\": {"
                 "\"verify\": \"2026-11-20T10:00:00Z\", "
                 "\"zz-later\": \"2026-11-21T10:00:00Z\"}}", &error);
  g_assert_no_error (error);
  rectify_case_set_checklist_done (rcase, RECTIFY_CHECKLIST_REMOVE_USERS, TRUE);
  rectify_case_set_checklist_done (rcase, RECTIFY_CHECKLIST_CHECK_STATEMENT, TRUE);
  rectify_case_set_checklist_done (rcase, RECTIFY_CHECKLIST_CHECK_STATEMENT, FALSE);

  bytes = rectify_case_to_bytes (rcase);
  text = g_bytes_get_data (bytes, NULL);
  remove = strstr (text, "\"remove-users\"");
  verify = strstr (text, "\"verify\"");
  later = strstr (text, "\"zz-later\"");
  g_assert_nonnull (remove);
  g_assert_true (remove < verify && verify < later);
  g_assert_null (strstr (text, "check-statement"));

  copy = rectify_case_from_bytes (bytes, &error);
  g_assert_no_error (error);
  done_at = g_date_time_new_utc (2026, 11, 21, 10, 0, 0);
  g_assert_true (g_date_time_equal (rectify_case_get_checklist_done (copy, "zz-later"), done_at));
  g_assert_nonnull (rectify_case_get_checklist_done (copy, RECTIFY_CHECKLIST_REMOVE_USERS));
  g_assert_null (rectify_case_get_checklist_done (copy, RECTIFY_CHECKLIST_CHECK_STATEMENT));
}

static void
test_file_wrong_types_rejected (void)
{
  const struct {
    const char *json;
    const char *member;
    int         code;
  } cases[] = {
    { "{\"version\": 1, " REF ", \"owner_name\": 42}", "owner_name", RECTIFY_CASE_FILE_ERROR_TYPE },
    { "{\"version\": 1, " REF ", \"scenario\": \"oops\"}", "scenario", RECTIFY_CASE_FILE_ERROR_TYPE },
    { "{\"version\": 1, " REF ", \"scenario\": 2}", "scenario", RECTIFY_CASE_FILE_ERROR_TYPE },
    { "{\"version\": 1, " REF ", \"purchase_date\": \"2026-02-30\"}", "purchase_date", RECTIFY_CASE_FILE_ERROR_TYPE },
    { "{\"version\": 1, " REF ", \"purchase_date\": \"26/11/2026\"}", "purchase_date", RECTIFY_CASE_FILE_ERROR_TYPE },
    { "{\"version\": 1, " REF ", \"created\": \"yesterday\"}", "created", RECTIFY_CASE_FILE_ERROR_TYPE },
    { "{\"version\": 1, " REF ", \"attachments\": {}}", "attachments", RECTIFY_CASE_FILE_ERROR_TYPE },
    { "{\"version\": 1, " REF ", \"attachments\": [{\"size\": 3}]}", "attachments", RECTIFY_CASE_FILE_ERROR_TYPE },
    { "{\"version\": 1, " REF ", \"attachments\": [{\"path\": \"/a\", \"size\": \"3\"}]}", "size", RECTIFY_CASE_FILE_ERROR_TYPE },
    { "{\"version\": 1, " REF ", \"send\": []}", "send", RECTIFY_CASE_FILE_ERROR_TYPE },
    { "{\"version\": 1, " REF ", \"send\": {\"attempts\": \"2\"}}", "attempts", RECTIFY_CASE_FILE_ERROR_TYPE },
    { "{\"version\": 1, " REF ", \"send\": {\"attempts\": -1}}", "attempts", RECTIFY_CASE_FILE_ERROR_TYPE },
    { "{\"version\": 1, " REF ", \"send\": {\"last_attempt\": \"soon\"}}", "last_attempt", RECTIFY_CASE_FILE_ERROR_TYPE },
    { "{\"version\": 1, " REF ", \"request\": {\"id\": \"42\"}}", "id", RECTIFY_CASE_FILE_ERROR_TYPE },
    { "{\"version\": 1, " REF ", \"request\": {\"id\": -1}}", "id", RECTIFY_CASE_FILE_ERROR_TYPE },
    { "{\"version\": 1, " REF ", \"checklist\": {\"verify\": true}}", "verify", RECTIFY_CASE_FILE_ERROR_TYPE },
    { "{\"version\": 1, \"reference\": \"not-a-uuid\"}", "reference", RECTIFY_CASE_FILE_ERROR_TYPE },
    { "{\"version\": 1}", "reference", RECTIFY_CASE_FILE_ERROR_TYPE },
    { "{\"version\": \"1\", " REF "}", "version", RECTIFY_CASE_FILE_ERROR_TYPE },
    { "{\"version\": 2, " REF "}", "version 2", RECTIFY_CASE_FILE_ERROR_VERSION },
    { "{" REF "}", "version 0", RECTIFY_CASE_FILE_ERROR_VERSION },
    { "[1, 2]", "object", RECTIFY_CASE_FILE_ERROR_PARSE },
    { "{\"version\": 1, " REF, "Not a case file", RECTIFY_CASE_FILE_ERROR_PARSE },
    { "", "empty", RECTIFY_CASE_FILE_ERROR_PARSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RectifyCase) rcase = parse (cases[i].json, &error);

      g_test_message ("%s", cases[i].json);
      g_assert_null (rcase);
      g_assert_error (error, RECTIFY_CASE_FILE_ERROR, cases[i].code);
      if (strstr (error->message, cases[i].member) == NULL)
        g_error ("“%s” does not name “%s”", error->message, cases[i].member);
    }
}

/* The invoice facts and the price confirmation: kept, optional in a file
 * written before them, and strict on their types. */
static void
test_file_invoice_facts (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autoptr(RectifyCase) copy = NULL;
  g_autoptr(RectifyCase) old = NULL;
  g_autoptr(GError) error = NULL;
  const char *wrong[] = {
    "{\"version\": 1, " REF ", \"invoice_date\": \"2 Nov\"}",
    "{\"version\": 1, " REF ", \"prices_include_tax\": \"yes\"}",
    "{\"version\": 1, " REF ", \"unit_price_confirmed\": 1}",
    "{\"version\": 1, " REF ", \"intended_price\": 19}",
  };
  GDate invoice;

  rectify_test_set_today (2026, 11, 26);
  g_date_clear (&invoice, 1);
  g_date_set_dmy (&invoice, 2, 11, 2026);
  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_WRONG_TYPE);
  rectify_case_set_text (rcase, RECTIFY_TEXT_UNIT_PRICE, "950");
  rectify_case_set_price_confirmed (rcase, RECTIFY_TEXT_UNIT_PRICE, TRUE);
  rectify_case_set_text (rcase, RECTIFY_TEXT_INVOICE_NUMBER, "F-2026-1123");
  rectify_case_set_invoice_date (rcase, &invoice);
  rectify_case_set_prices_include_tax (rcase, TRUE);
  g_assert_true (rectify_case_get_step_complete (rcase, RECTIFY_STEP_RESOLUTION));

  copy = round_trip (rcase);
  assert_same_case (rcase, copy);
  g_assert_cmpint (g_date_compare (rectify_case_get_invoice_date (copy), &invoice), ==, 0);
  g_assert_true (rectify_case_get_prices_include_tax (copy));
  g_assert_true (rectify_case_get_price_confirmed (copy, RECTIFY_TEXT_UNIT_PRICE));
  g_assert_false (rectify_case_get_price_confirmed (copy, RECTIFY_TEXT_INTENDED_PRICE));
  g_assert_cmpstr (rectify_case_get_text (copy, RECTIFY_TEXT_INTENDED_PRICE), ==, "14.99");
  g_assert_cmpstr (rectify_case_get_text (copy, RECTIFY_TEXT_INVOICE_NUMBER), ==, "F-2026-1123");
  g_assert_true (rectify_case_get_step_complete (copy, RECTIFY_STEP_RESOLUTION));

  /* A file from before: none of them, and the defaults. */
  old = parse ("{\"version\": 1, " REF ", \"scenario\": \"unintended\", "
               "\"unit_price\": \"19.99\", \"currency\": \"EUR\"}", &error);
  g_assert_no_error (error);
  g_assert_false (g_date_valid (rectify_case_get_invoice_date (old)));
  g_assert_false (rectify_case_get_prices_include_tax (old));
  g_assert_false (rectify_case_get_price_confirmed (old, RECTIFY_TEXT_UNIT_PRICE));
  g_assert_cmpstr (rectify_case_get_text (old, RECTIFY_TEXT_INVOICE_NUMBER), ==, "");

  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      g_autoptr(GError) type_error = NULL;
      g_autoptr(RectifyCase) refused = parse (wrong[i], &type_error);

      g_test_message ("%s", wrong[i]);
      g_assert_null (refused);
      g_assert_error (type_error, RECTIFY_CASE_FILE_ERROR, RECTIFY_CASE_FILE_ERROR_TYPE);
    }
  rectify_clock_set_today (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/case-file/round-trip/empty", test_file_round_trip_empty);
  g_test_add_func ("/case-file/round-trip/full", test_file_round_trip_full);
  g_test_add_func ("/case-file/unknown-members-ignored", test_file_unknown_members_ignored);
  g_test_add_func ("/case-file/checklist-order", test_file_checklist_order);
  g_test_add_func ("/case-file/wrong-types-rejected", test_file_wrong_types_rejected);
  g_test_add_func ("/case-file/invoice-facts", test_file_invoice_facts);
  g_test_add_func ("/case-file/send-reason", test_file_send_reason);

  return g_test_run ();
}
