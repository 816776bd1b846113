/* test-flow.c: the whole flow, through the real widgets, for each mistake
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "rectify-case-store.h"
#include "rectify-clock.h"
#include "rectify-date-row.h"
#include "rectify-reference.h"
#include "rectify-submission-private.h"
#include "rectify-test-case.h"
#include "rectify-test-utils.h"
#include "rectify-window.h"

typedef struct
{
  GFile            *directory;
  RectifyCaseStore *store;
  RectifyWindow    *window;
} Fixture;




static RectifyWindow *
open_window (RectifyCaseStore *store)
{
  /* An outbox without a desk: "I sent it another way" goes through it. */
  g_autoptr(RectifyOutbox) outbox = rectify_outbox_new (store, NULL, NULL);
  RectifyWindow *window = rectify_window_new (NULL, store, outbox);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  gtk_window_present (GTK_WINDOW (window));
  rectify_test_iterate (50);

  return window;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;

  /* gtk_test_init() cannot isolate the user's folders: use a folder of
   * the test's own. */
  path = g_dir_make_tmp ("rectify-test-flow-XXXXXX", NULL);
  g_assert_nonnull (path);
  fixture->directory = g_file_new_build_filename (path, "cases", NULL);
  rectify_test_set_today (2026, 11, 26);
  fixture->store = rectify_test_load_store (fixture->directory);
  fixture->window = open_window (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  rectify_test_flush_store (fixture->store);
  g_clear_object (&fixture->store);
  rectify_test_remove_tree (fixture->directory);
  g_clear_object (&fixture->directory);
  rectify_clock_set_today (NULL);
}

static RectifyStep
visible_step (RectifyWindow *window)
{
  return rectify_page_get_step (rectify_window_get_visible_page (window));
}

typedef struct
{
  RectifyWindow *window;
  RectifyStep    step;
} StepWait;

static gboolean
step_shown (gpointer data)
{
  StepWait *wait = data;

  return visible_step (wait->window) == wait->step &&
         gtk_widget_get_mapped (GTK_WIDGET (rectify_window_get_visible_page (wait->window)));
}

static GtkWidget *
next_button (RectifyWindow *window)
{
  GtkWidget *button = rectify_test_find_action_button (GTK_WIDGET (window), "win.go-next");

  g_assert_nonnull (button);
  return button;
}

/* Next stays clickable; whether the step is done is the page's to say. */
static gboolean
visible_page_complete (RectifyWindow *window)
{
  return rectify_page_get_complete (rectify_window_get_visible_page (window));
}

/* Presses Next as a user does and waits for @step to show. */
static void
press_next (RectifyWindow *window,
            RectifyStep    step)
{
  StepWait wait = { window, step };

  g_assert_true (visible_page_complete (window));
  g_signal_emit_by_name (next_button (window), "clicked");
  g_assert_true (rectify_test_iterate_until (step_shown, &wait));
}

static GtkWidget *
row (RectifyWindow *window,
     const char    *title)
{
  GtkWidget *found = rectify_test_find_row (GTK_WIDGET (window), title);

  if (found == NULL)
    g_error ("No row “%s” on the page shown", title);
  return found;
}

static void
type (RectifyWindow *window,
      const char    *title,
      const char    *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row (window, title)), text);
}

/* Types @bad, checks the reason shown under the field and that Next is
 * off, then types @good and checks the reason went and Next is back. */
static void
check_field (RectifyWindow *window,
             const char    *title,
             const char    *bad,
             const char    *fragment,
             const char    *good)
{
  const char *message;

  g_test_message ("%s: “%s” then “%s”", title, bad, good);
  type (window, title, bad);
  message = rectify_test_row_message (row (window, title));
  if (message == NULL || strstr (message, fragment) == NULL)
    g_error ("%s = “%s”: expected a message with “%s”, got “%s”", title, bad, fragment,
             message ? message : "(none)");
  g_assert_true (gtk_widget_has_css_class (row (window, title), "error"));
  g_assert_false (visible_page_complete (window));

  type (window, title, good);
  g_assert_false (gtk_widget_has_css_class (row (window, title), "error"));
  /* A date is read back in words; anything else says nothing when right. */
  if (!RECTIFY_IS_DATE_ROW (row (window, title)))
    g_assert_null (rectify_test_row_message (row (window, title)));
}

/* A drop-down of the provider's values: @bad typed after "Other…" is said
 * under the field; choosing @good, an item, puts it right. */
static void
check_choice (RectifyWindow *window,
              const char    *title,
              RectifyText    text,
              const char    *bad,
              const char    *fragment,
              const char    *good)
{
  AdwComboRow *combo = ADW_COMBO_ROW (row (window, title));
  GListModel *items = adw_combo_row_get_model (combo);
  GtkWidget *other = gtk_widget_get_next_sibling (GTK_WIDGET (combo));
  const char *message;
  guint n_items = g_list_model_get_n_items (items);

  g_test_message ("%s: “%s” then “%s”", title, bad, good);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (items), n_items - 1), ==,
                   "Other…");
  adw_combo_row_set_selected (combo, n_items - 1);
  gtk_editable_set_text (GTK_EDITABLE (other), bad);
  message = rectify_test_row_message (other);
  if (message == NULL || strstr (message, fragment) == NULL)
    g_error ("%s = “%s”: expected a message with “%s”, got “%s”", title, bad, fragment,
             message ? message : "(none)");
  g_assert_true (gtk_widget_has_css_class (other, "error"));
  g_assert_false (visible_page_complete (window));

  for (guint i = 0; i < n_items; i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (items), i), good))
      adw_combo_row_set_selected (combo, i);
  g_assert_cmpstr (rectify_case_get_text (rectify_window_get_case (window), text), ==, good);
  g_assert_false (gtk_widget_get_visible (other));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (combo), "error"));
  g_assert_null (rectify_test_row_message (other));
}

static void
fill_identify (RectifyWindow   *window,
               const char      *scenario_title)
{
  const char *message;

  adw_action_row_activate (ADW_ACTION_ROW (row (window, scenario_title)));
  g_assert_false (visible_page_complete (window));

  /* A date is read back in words, or said to be unreadable. */
  type (window, "Purchase date", "13/45/2026");
  message = rectify_test_row_message (row (window, "Purchase date"));
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "Type the date like 12/31/2026"));
  type (window, "Purchase date", "11/27/2026");
  g_assert_nonnull (strstr (rectify_test_row_message (row (window, "Purchase date")), "future"));
  type (window, "Purchase date", "11/20/2026");
  g_assert_cmpstr (rectify_test_row_message (row (window, "Purchase date")), ==,
                   "20 November 2026");

  check_field (window, "Next billing date", "11/19/2026", "after the purchase", "12/20/2026");
  g_assert_cmpstr (rectify_test_row_message (row (window, "Next billing date")), ==,
                   "20 December 2026");

  /* The urgency for 24 days left. */
  g_assert_nonnull (rectify_test_find_label (GTK_WIDGET (window),
                                             "24 days until the next billing cycle"));
}

static void
fill_details (RectifyWindow   *window,
              RectifyScenario  scenario)
{
  RectifyCase *rcase = rectify_window_get_case (window);
  GtkWidget *view;
  GtkWidget *message;
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/invoice.pdf");
  g_autoptr(RectifyAttachment) attachment = rectify_attachment_new (missing);

  check_field (window, "Company or account name, or account ID", "   ", "company",
               "Acme SL (ID 48213)");
  check_field (window, "Account owner’s name", " ", "owner", "Ana García");
  check_field (window, "E-mail for support’s answer", "ana@", "dot", "ana@acme.example");
  check_choice (window, "Licence type bought", RECTIFY_TEXT_LICENCE_TYPE, " ", "licence type",
                "Smart");
  check_field (window, "How many were bought", "0", "from 1 to 10000", "5");
  check_field (window, "Price of one licence", "abc", "", "19.99");
  check_choice (window, "Currency", RECTIFY_TEXT_CURRENCY, "EURO", "three-letter", "EUR");

  switch (scenario)
    {
    case RECTIFY_SCENARIO_WRONG_TYPE:
      check_choice (window, "Licence type you meant to buy", RECTIFY_TEXT_INTENDED_TYPE, "smart",
                    "must differ", "Business");
      check_field (window, "Price of one licence of the type you meant", "abc", "", "14.99");
      g_assert_null (rectify_test_find_row (GTK_WIDGET (window), "Exact number you want to keep"));
      break;
    case RECTIFY_SCENARIO_UNINTENDED:
      check_field (window, "How many were added by mistake", "6", "from 1 to 5", "2");
      g_assert_null (rectify_test_find_row (GTK_WIDGET (window), "Licence type you meant to buy"));
      break;
    case RECTIFY_SCENARIO_TOO_MANY:
      check_field (window, "Exact number you want to keep", "5", "from 0 to 4", "3");
      g_assert_null (rectify_test_find_row (GTK_WIDGET (window), "How many were added by mistake"));
      break;
    case RECTIFY_SCENARIO_NONE:
    default:
      g_assert_not_reached ();
    }

  /* The explanation, typed into the text view. */
  view = rectify_test_find_text_view (GTK_WIDGET (window));
  g_assert_nonnull (view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "Too short.", -1);
  message = rectify_test_find_label (GTK_WIDGET (window), "at least 20 characters");
  g_assert_nonnull (message);
  g_assert_false (visible_page_complete (window));
  g_assert_nonnull (rectify_test_find_label (GTK_WIDGET (window), "10 / 5000"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                            "I pressed Add twice in the Billing section by mistake.", -1);
  g_assert_false (gtk_widget_get_visible (message));
  g_assert_cmpstr (rectify_case_get_text (rcase, RECTIFY_TEXT_EXPLANATION), ==,
                   "I pressed Add twice in the Billing section by mistake.");

  /* An attachment that is not there: said beside the list, then removed. */
  rectify_case_add_attachment (rcase, attachment);
  rectify_test_check_attachment (attachment);
  g_assert_nonnull (rectify_test_find_label (GTK_WIDGET (window), "no longer there"));
  g_assert_false (visible_page_complete (window));
  rectify_case_remove_attachment (rcase, attachment);

  g_assert_true (visible_page_complete (window));
}

typedef struct
{
  RectifyScenario  scenario;
  const char      *scenario_title;
  const char      *resolution_title;
  const char      *amount;           /* what that resolution shows */
  const char      *money;            /* the amount alone, as in the request text */
  const char      *hidden_title;     /* a resolution that does not apply, or NULL */
} FlowCase;

static const FlowCase flows[] = {
  /* 5 × (19.99 − 14.99) */
  { RECTIFY_SCENARIO_WRONG_TYPE, "I bought the wrong licence type", "Refund",
    "25.00 EUR excl. VAT back to your payment method", "25.00 EUR excl. VAT", NULL },
  /* 2 × 19.99 × 24/30 = 31.984 */
  { RECTIFY_SCENARIO_UNINTENDED, "I added licences by accident", "Prorated discount",
    "31.98 EUR excl. VAT for the 24 days left in this cycle", "31.98 EUR excl. VAT", NULL },
  /* 2 × 19.99 */
  { RECTIFY_SCENARIO_TOO_MANY, "I bought more licences than I need", "Credit on the account",
    "39.98 EUR excl. VAT kept on your Ringover account", "39.98 EUR excl. VAT", NULL },
};

static void
test_flow (Fixture       *fixture,
           gconstpointer  data)
{
  const FlowCase *flow = data;
  RectifyWindow *window = fixture->window;
  RectifyCase *rcase = rectify_window_get_case (window);
  g_autofree char *reference = rectify_reference_shorten (rectify_case_get_reference (rcase));
  GtkWidget *subject;
  GtkWidget *body;

  g_assert_cmpint (visible_step (window), ==, RECTIFY_STEP_IDENTIFY);
  g_assert_false (visible_page_complete (window));

  fill_identify (window, flow->scenario_title);
  g_assert_cmpint (rectify_case_get_scenario (rcase), ==, flow->scenario);
  press_next (window, RECTIFY_STEP_DETAILS);

  fill_details (window, flow->scenario);
  press_next (window, RECTIFY_STEP_RESOLUTION);

  /* Page 3: Next stays off until a resolution is chosen; nothing follows it
   * before the request reaches support. */
  if (flow->hidden_title != NULL)
    g_assert_null (rectify_test_find_row (GTK_WIDGET (window), flow->hidden_title));
  adw_action_row_activate (ADW_ACTION_ROW (row (window, flow->resolution_title)));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row (window,
                                                           flow->resolution_title))),
                            flow->amount));
  g_assert_false (gtk_widget_get_visible (next_button (window)));

  /* The review is the text support receives, with the case reference. */
  subject = rectify_test_find_label (GTK_WIDGET (window), "Licence purchase correction");
  g_assert_nonnull (subject);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (subject)), reference));
  body = rectify_test_find_label (GTK_WIDGET (window), "Hello Ringover support");
  g_assert_nonnull (body);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (body)), "- Account owner: Ana García"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (body)), flow->money));

  /* Sent another way: the follow-up opens. */
  {
    StepWait wait = { window, RECTIFY_STEP_FOLLOW_UP };

    gtk_widget_activate_action (GTK_WIDGET (rectify_window_get_visible_page (window)),
                                "page.mark-sent", NULL);
    g_assert_true (rectify_test_iterate_until (step_shown, &wait));
  }
  g_assert_cmpint (rectify_case_get_send_state (rcase), ==, RECTIFY_SEND_STATE_SENT_ELSEWHERE);

  /* Only licences that go away have users to delete. */
  g_assert_cmpint (rectify_test_find_row (GTK_WIDGET (window),
                                          "Delete the users of the licences you no longer need")
                   != NULL, ==, flow->scenario != RECTIFY_SCENARIO_WRONG_TYPE);

  adw_action_row_activate (ADW_ACTION_ROW (row (window, "Check that the corrections were made")));
  g_assert_nonnull (rectify_case_get_checklist_done (rcase, RECTIFY_CHECKLIST_VERIFY));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row (window,
                              "Check that the corrections were made"))),
                            "Done on 26 November 2026"));

  /* Before the next billing date, a credit note can be compared already. */
  g_assert_true (gtk_widget_get_sensitive (row (window,
                                                "Adjustment on the statement or credit note")));
}

static void
test_checklist_survives_rebuild (Fixture       *fixture,
                                 gconstpointer  data)
{
  RectifyCase *rcase = rectify_window_get_case (fixture->window);
  g_autofree char *reference = g_strdup (rectify_case_get_reference (rcase));
  g_autoptr(RectifyCaseStore) reloaded = NULL;
  RectifyCase *again;
  StepWait wait;

  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_UNINTENDED);
  rectify_case_set_send_state (rcase, RECTIFY_SEND_STATE_SENT_ELSEWHERE, NULL);
  wait = (StepWait) { fixture->window, RECTIFY_STEP_FOLLOW_UP };
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-step", "i",
                              RECTIFY_STEP_FOLLOW_UP);
  g_assert_true (rectify_test_iterate_until (step_shown, &wait));

  adw_action_row_activate (ADW_ACTION_ROW (row (fixture->window,
                             "Delete the users of the licences you no longer need")));
  adw_action_row_activate (ADW_ACTION_ROW (row (fixture->window,
                             "Check your next statement")));

  /* Closed and opened again from the files: same case, same page, same
   * ticks, each with its time. */
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = NULL;
  rectify_test_flush_store (fixture->store);

  reloaded = rectify_test_load_store (fixture->directory);
  fixture->window = open_window (reloaded);
  again = rectify_window_get_case (fixture->window);
  g_assert_cmpstr (rectify_case_get_reference (again), ==, reference);
  g_assert_true (again != rcase);
  g_assert_cmpint (visible_step (fixture->window), ==, RECTIFY_STEP_FOLLOW_UP);

  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (adw_action_row_get_activatable_widget (
    ADW_ACTION_ROW (row (fixture->window, "Delete the users of the licences you no longer need"))))));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (adw_action_row_get_activatable_widget (
    ADW_ACTION_ROW (row (fixture->window, "Check your next statement"))))));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (adw_action_row_get_activatable_widget (
    ADW_ACTION_ROW (row (fixture->window, "Check that the corrections were made"))))));
  g_assert_nonnull (rectify_case_get_checklist_done (again, RECTIFY_CHECKLIST_REMOVE_USERS));

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = NULL;
  rectify_test_flush_store (reloaded);
}

static void
test_statement_check (Fixture       *fixture,
                      gconstpointer  data)
{
  RectifyCase *rcase = rectify_window_get_case (fixture->window);
  StepWait wait = { fixture->window, RECTIFY_STEP_FOLLOW_UP };
  GtkWidget *result;

  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_UNINTENDED);
  rectify_case_set_resolution (rcase, RECTIFY_RESOLUTION_PRORATED);
  /* Sent on 26 November: 2 × 19.99 × 24/30 = 31.98 expected. */
  rectify_case_set_send_state (rcase, RECTIFY_SEND_STATE_SENT_ELSEWHERE, NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-step", "i",
                              RECTIFY_STEP_FOLLOW_UP);
  g_assert_true (rectify_test_iterate_until (step_shown, &wait));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row (fixture->window,
                                                                    "Adjustment to expect"))),
                   ==, "31.98 EUR excl. VAT");

  /* A credit note before the billing date: compared at once. */
  type (fixture->window, "Adjustment on the statement or credit note", "31.98");
  g_assert_true (gtk_widget_get_visible (row (fixture->window, "It matches what was asked for")));

  /* The statement arrives: the amount no longer depends on the day. */
  rectify_test_set_today (2026, 12, 21);
  rectify_case_revalidate (rcase);
  type (fixture->window, "Adjustment on the statement or credit note", "31.98");
  g_assert_true (gtk_widget_get_sensitive (row (fixture->window,
                                                "Adjustment on the statement or credit note")));
  result = row (fixture->window, "It matches what was asked for");
  g_assert_true (gtk_widget_get_visible (result));

  type (fixture->window, "Adjustment on the statement or credit note", "20");
  result = row (fixture->window, "Less than was asked for");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (result)), "11.98 EUR"));

  check_field (fixture->window, "Adjustment on the statement or credit note", "1.234", "", "31.98");
}

static void
test_delete_undo (Fixture       *fixture,
                  gconstpointer  data)
{
  RectifyCase *rcase = rectify_window_get_case (fixture->window);
  g_autofree char *reference = g_strdup (rectify_case_get_reference (rcase));
  GListModel *cases = G_LIST_MODEL (fixture->store);

  rectify_case_set_text (rcase, RECTIFY_TEXT_ACCOUNT, "Keep me");
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.delete-case", NULL);
  g_assert_null (rectify_case_store_lookup (fixture->store, reference));
  /* The window moved to a fresh case. */
  g_assert_cmpstr (rectify_case_get_reference (rectify_window_get_case (fixture->window)), !=,
                   reference);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo-delete", "s", reference);
  g_assert_nonnull (rectify_case_store_lookup (fixture->store, reference));
  g_assert_cmpstr (rectify_case_get_reference (rectify_window_get_case (fixture->window)), ==,
                   reference);
  g_assert_cmpstr (rectify_case_get_text (rectify_window_get_case (fixture->window),
                                          RECTIFY_TEXT_ACCOUNT), ==, "Keep me");
}

static GtkWidget *
text_of (GtkWidget *row)
{
  for (GtkWidget *child = gtk_widget_get_first_child (row);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_TEXT (child))
        return child;
      if ((found = text_of (child)) != NULL)
        return found;
    }

  return NULL;
}

static void
test_enter_moves_next (Fixture       *fixture,
                       gconstpointer  data)
{
  RectifyWindow *window = fixture->window;
  StepWait wait = { window, RECTIFY_STEP_DETAILS };
  GtkWidget *text;

  adw_action_row_activate (ADW_ACTION_ROW (row (window, "I added licences by accident")));
  type (window, "Purchase date", "11/20/2026");

  /* Enter in a field of an incomplete page does nothing… */
  text = text_of (row (window, "Purchase date"));
  g_assert_nonnull (text);
  /* What Enter does in the field: GtkText's activate signal. */
  g_signal_emit_by_name (text, "activate");
  rectify_test_iterate (300);
  g_assert_cmpint (visible_step (window), ==, RECTIFY_STEP_IDENTIFY);

  /* …and on the last field, once the page is complete, it is Next. */
  type (window, "Next billing date", "12/20/2026");
  text = text_of (row (window, "Next billing date"));
  g_signal_emit_by_name (text, "activate");
  g_assert_true (rectify_test_iterate_until (step_shown, &wait));
}

static void
test_new_case_reuses_blank (Fixture       *fixture,
                            gconstpointer  data)
{
  RectifyCase *first = rectify_window_get_case (fixture->window);
  GListModel *cases = G_LIST_MODEL (fixture->store);

  /* Nothing typed yet: Ctrl+N stays on it rather than piling up blanks. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-case", NULL);
  g_assert_true (rectify_window_get_case (fixture->window) == first);
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 1);

  rectify_case_set_scenario (first, RECTIFY_SCENARIO_TOO_MANY);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-case", NULL);
  g_assert_true (rectify_window_get_case (fixture->window) != first);
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 2);
  g_assert_cmpint (visible_step (fixture->window), ==, RECTIFY_STEP_IDENTIFY);
}

int
main (int   argc,
      char *argv[])
{
  /* The tests type dates in the C locale's order, month first. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "C.UTF-8");

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, data, func) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("/flow/wrong-type", &flows[0], test_flow);
  ADD ("/flow/unintended", &flows[1], test_flow);
  ADD ("/flow/too-many", &flows[2], test_flow);
  ADD ("/flow/checklist-survives-rebuild", NULL, test_checklist_survives_rebuild);
  ADD ("/flow/statement-check", NULL, test_statement_check);
  ADD ("/flow/delete-undo", NULL, test_delete_undo);
  ADD ("/flow/new-case-reuses-blank", NULL, test_new_case_reuses_blank);
  ADD ("/flow/enter-moves-next", NULL, test_enter_moves_next);

#undef ADD

  return g_test_run ();
}
