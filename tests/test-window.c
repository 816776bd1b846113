/* test-window.c: the real window, driven through its widgets
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "rectify-case-private.h"
#include "rectify-case-row.h"
#include "rectify-choice-list.h"
#include "rectify-clock.h"
#include "rectify-reference.h"
#include "rectify-request.h"
#include "rectify-submission-private.h"
#include "rectify-test-case.h"
#include "rectify-test-utils.h"
#include "rectify-welcome.h"
#include "rectify-window.h"

static gboolean
details_page_visible (gpointer data)
{
  RectifyWindow *window = data;

  return rectify_page_get_step (rectify_window_get_visible_page (window)) == RECTIFY_STEP_DETAILS;
}

static gboolean
identify_page_visible (gpointer data)
{
  RectifyWindow *window = data;

  return rectify_page_get_step (rectify_window_get_visible_page (window)) == RECTIFY_STEP_IDENTIFY;
}

static void
test_window_next_gated_on_scenario (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  RectifyWindow *window;
  GtkWidget *row;
  GtkWidget *next_button;
  GtkWidget *back_button;

  /* Dates filled in, scenario not chosen: the scenario decides. */
  rectify_test_set_today (2026, 11, 26);
  rectify_test_fill_identify (rcase, RECTIFY_SCENARIO_NONE);

  window = g_object_new (RECTIFY_TYPE_WINDOW, NULL);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)&window);
  rectify_window_set_case (window, rcase);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (identify_page_visible (window));

  next_button = rectify_test_find_action_button (GTK_WIDGET (window), "win.go-next");
  back_button = rectify_test_find_action_button (GTK_WIDGET (window), "win.go-back");
  g_assert_nonnull (next_button);
  g_assert_nonnull (back_button);
  g_assert_false (rectify_page_get_complete (rectify_window_get_visible_page (window)));
  g_assert_false (gtk_widget_is_sensitive (back_button));

  /* The shortcut's action refuses while the page is incomplete. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.go-next", NULL);
  g_assert_true (identify_page_visible (window));

  /* Pick a scenario the way a user does: activate its row. */
  row = rectify_test_find_row (GTK_WIDGET (window), "I bought more licences than I need");
  g_assert_nonnull (row);
  adw_action_row_activate (ADW_ACTION_ROW (row));

  g_assert_cmpint (rectify_case_get_scenario (rcase), ==, RECTIFY_SCENARIO_TOO_MANY);
  g_assert_true (rectify_page_get_complete (rectify_window_get_visible_page (window)));

  g_assert_true (gtk_widget_activate (next_button));
  g_assert_true (rectify_test_iterate_until (details_page_visible, window));
  g_assert_true (gtk_widget_is_sensitive (back_button));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL);
  g_assert_true (identify_page_visible (window));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_null (window);
}

static void
test_window_follows_model (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  RectifyWindow *window;
  GtkWidget *row;
  GtkWidget *check;

  rectify_test_set_today (2026, 11, 26);
  rectify_test_fill_identify (rcase, RECTIFY_SCENARIO_NONE);
  window = g_object_new (RECTIFY_TYPE_WINDOW, NULL);
  rectify_window_set_case (window, rcase);
  gtk_window_present (GTK_WINDOW (window));

  /* A change made to the model elsewhere shows in the widgets and the
   * gating, with nothing read back from the widgets. */
  rectify_case_set_scenario (rcase, RECTIFY_SCENARIO_UNINTENDED);
  row = rectify_test_find_row (GTK_WIDGET (window), "I added licences by accident");
  check = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  g_assert_true (rectify_page_get_complete (rectify_window_get_visible_page (window)));

  rectify_case_set_scenario (rcase, RECTIFY_SCENARIO_NONE);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  g_assert_false (rectify_page_get_complete (rectify_window_get_visible_page (window)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static glong
max_rss_kb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);

  return usage.ru_maxrss;
}

static gboolean
details_shown (gpointer data)
{
  return rectify_test_find_text_view (data) != NULL &&
         rectify_test_find_row (data, "Company or account name, or account ID") != NULL;
}

/* Ten megabytes pasted into the explanation and into a name: cut as they
 * go in (845 MB of RSS before they were refused), and the case says the
 * fields are too long. */
static void
test_window_paste_megabytes (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autofree char *huge = g_strnfill (10 * 1024 * 1024, 'x');
  RectifyWindow *window;
  GtkTextBuffer *buffer;
  GtkWidget *view;
  GtkWidget *row;
  glong before;
  int position = 0;

  rectify_test_set_today (2026, 11, 26);
  rectify_test_fill_identify (rcase, RECTIFY_SCENARIO_UNINTENDED);
  window = g_object_new (RECTIFY_TYPE_WINDOW, NULL);
  rectify_window_set_case (window, rcase);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.go-next", NULL);
  g_assert_true (rectify_test_iterate_until (details_shown, window));

  view = rectify_test_find_text_view (GTK_WIDGET (window));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  row = rectify_test_find_row (GTK_WIDGET (window), "Company or account name, or account ID");

  before = max_rss_kb ();
  gtk_text_buffer_insert_at_cursor (buffer, huge, -1);
  gtk_editable_insert_text (GTK_EDITABLE (row), huge, -1, &position);
  rectify_test_iterate (100);
  g_test_message ("RSS grew by %ld kB", max_rss_kb () - before);
  /* AddressSanitizer's shadow and quarantine make the figure meaningless. */
#ifndef __SANITIZE_ADDRESS__
  g_assert_cmpint (max_rss_kb () - before, <, 64 * 1024);
#endif

  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), <=, RECTIFY_MAX_TEXT_BYTES);
  g_assert_cmpuint (strlen (rectify_case_get_text (rcase, RECTIFY_TEXT_EXPLANATION)), ==,
                    RECTIFY_MAX_TEXT_BYTES);
  g_assert_nonnull (rectify_case_get_field_problem (rcase, "explanation"));
  g_assert_cmpuint (strlen (gtk_editable_get_text (GTK_EDITABLE (row))), <=,
                    RECTIFY_MAX_TEXT_BYTES);
  g_assert_cmpuint (strlen (rectify_case_get_text (rcase, RECTIFY_TEXT_ACCOUNT)), <=,
                    RECTIFY_MAX_TEXT_BYTES);
  g_assert_nonnull (rectify_case_get_field_problem (rcase, "account"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
price_confirmed (gpointer data)
{
  return rectify_case_get_price_confirmed (data, RECTIFY_TEXT_UNIT_PRICE);
}

/* Step 2: a price far above any licence's asks "Yes, this price is right"
 * under the field, and Next waits for it; 0 is refused beside the field
 * when the money is to come back; the tax basis is a choice. */
static void
test_window_price_checks (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  RectifyWindow *window;
  GtkWidget *price_row;
  GtkWidget *confirm_row;
  GtkWidget *tax_row;

  rectify_test_set_today (2026, 11, 26);
  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_UNINTENDED);
  rectify_case_set_current_step (rcase, RECTIFY_STEP_DETAILS);
  window = g_object_new (RECTIFY_TYPE_WINDOW, NULL);
  rectify_window_set_case (window, rcase);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (rectify_test_iterate_until (details_page_visible, window));

  price_row = rectify_test_find_row (GTK_WIDGET (window), "Price of one licence");
  g_assert_nonnull (price_row);
  g_assert_null (rectify_test_find_row (GTK_WIDGET (window), "Yes, this price is right"));
  g_assert_true (rectify_page_get_complete (rectify_window_get_visible_page (window)));

  /* Typed as the owner would. */
  gtk_editable_set_text (GTK_EDITABLE (price_row), "99999999999");
  g_assert_cmpstr (rectify_case_get_text (rcase, RECTIFY_TEXT_UNIT_PRICE), ==, "99999999999");
  confirm_row = rectify_test_find_row (GTK_WIDGET (window), "Yes, this price is right");
  g_assert_nonnull (confirm_row);
  g_assert_nonnull (strstr (rectify_test_row_message (price_row), "200.00 EUR a month"));
  g_assert_false (rectify_page_get_complete (rectify_window_get_visible_page (window)));

  /* The switch flips at the end of its animation. */
  adw_action_row_activate (ADW_ACTION_ROW (confirm_row));
  g_assert_true (rectify_test_iterate_until (price_confirmed, rcase));
  g_assert_true (rectify_page_get_complete (rectify_window_get_visible_page (window)));

  /* A credit of a free licence: nothing to credit. */
  gtk_editable_set_text (GTK_EDITABLE (price_row), "0");
  g_assert_false (rectify_case_get_price_confirmed (rcase, RECTIFY_TEXT_UNIT_PRICE));
  g_assert_false (gtk_widget_get_visible (confirm_row));
  g_assert_nonnull (strstr (rectify_test_row_message (price_row), "nothing to refund"));
  g_assert_false (rectify_page_get_complete (rectify_window_get_visible_page (window)));
  gtk_editable_set_text (GTK_EDITABLE (price_row), "19.99");
  g_assert_true (rectify_page_get_complete (rectify_window_get_visible_page (window)));

  /* With or without VAT, as on the invoice. */
  tax_row = rectify_test_find_row (GTK_WIDGET (window), "Prices on the invoice");
  g_assert_nonnull (tax_row);
  g_assert_false (rectify_case_get_prices_include_tax (rcase));
  adw_combo_row_set_selected (ADW_COMBO_ROW (tax_row), 1);
  g_assert_true (rectify_case_get_prices_include_tax (rcase));
  rectify_case_set_prices_include_tax (rcase, FALSE);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (tax_row)), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  rectify_clock_set_today (NULL);
}


static GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }

  return NULL;
}

static gboolean
n_attachments_is (gpointer data)
{
  gpointer *pair = data;

  return g_list_model_get_n_items (rectify_case_get_attachments (pair[0])) ==
         GPOINTER_TO_UINT (pair[1]);
}

/* Attachments say what kind of file they are in words, offer to remove
 * them from the request (not to bin them), and come by drag-and-drop or
 * paste as well as through Add. */
static void
test_window_attachments (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autofree char *dir = g_dir_make_tmp ("rectify-test-attach-XXXXXX", NULL);
  g_autofree char *pdf_path = g_build_filename (dir, "factura.pdf", NULL);
  g_autofree char *png_path = g_build_filename (dir, "captura.png", NULL);
  g_autoptr(GFile) pdf = g_file_new_for_path (pdf_path);
  g_autoptr(GFile) png = g_file_new_for_path (png_path);
  GdkFileList *dropped;
  GdkFileList *copied;
  static const guint8 png_bytes[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0 };
  GValue value = G_VALUE_INIT;
  GSList *list;
  RectifyWindow *window;
  RectifyPage *page;
  GtkDropTarget *target;
  GtkWidget *row;
  GtkWidget *remove;
  gpointer wait[2];
  gboolean accepted = FALSE;

  rectify_test_use_system_mime_database ();
  g_assert_true (g_file_set_contents (pdf_path, "%PDF-1.4\n%%EOF\n", -1, NULL));
  g_assert_true (g_file_set_contents (png_path, (const char *) png_bytes, sizeof png_bytes, NULL));

  rectify_test_set_today (2026, 11, 26);
  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_UNINTENDED);
  rectify_case_set_current_step (rcase, RECTIFY_STEP_DETAILS);
  window = g_object_new (RECTIFY_TYPE_WINDOW, NULL);
  rectify_window_set_case (window, rcase);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (rectify_test_iterate_until (details_page_visible, window));
  page = rectify_window_get_visible_page (window);

  /* Dropped on the page. */
  target = find_drop_target (GTK_WIDGET (page));
  g_assert_nonnull (target);
  list = g_slist_append (NULL, pdf);
  dropped = gdk_file_list_new_from_list (list);
  g_slist_free (list);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_set_boxed (&value, dropped);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_boxed_free (GDK_TYPE_FILE_LIST, dropped);
  g_assert_true (accepted);
  wait[0] = rcase;
  wait[1] = GUINT_TO_POINTER (1);
  g_assert_true (rectify_test_iterate_until (n_attachments_is, wait));

  /* Its kind in words, once it has been looked at. */
  row = rectify_test_find_row (GTK_WIDGET (window), "factura.pdf");
  g_assert_nonnull (row);
  for (guint i = 0; i < 100 && !strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "·");
       i++)
    rectify_test_iterate (10);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "PDF"));
  g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "application/"));

  /* Pasted, as files copied in a file manager are. */
  list = g_slist_append (NULL, png);
  copied = gdk_file_list_new_from_list (list);
  g_slist_free (list);
  gdk_clipboard_set (gtk_widget_get_clipboard (GTK_WIDGET (window)), GDK_TYPE_FILE_LIST, copied);
  g_boxed_free (GDK_TYPE_FILE_LIST, copied);
  gtk_widget_activate_action (GTK_WIDGET (page), "page.paste-attachments", NULL);
  wait[1] = GUINT_TO_POINTER (2);
  g_assert_true (rectify_test_iterate_until (n_attachments_is, wait));

  /* Removing takes it out of the request; the file stays. */
  remove = rectify_test_find_type (row, GTK_TYPE_BUTTON);
  g_assert_nonnull (remove);
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (remove), "from the request"));
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (remove)), ==, "list-remove-symbolic");
  g_signal_emit_by_name (remove, "clicked");
  wait[1] = GUINT_TO_POINTER (1);
  g_assert_true (rectify_test_iterate_until (n_attachments_is, wait));
  g_assert_true (g_file_test (pdf_path, G_FILE_TEST_EXISTS));

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (pdf_path);
  g_unlink (png_path);
  g_rmdir (dir);
  rectify_clock_set_today (NULL);
}


/* Tab from @from until the focus is inside @target; FALSE if it leaves the
 * window's widgets for good first (the count is a bound, not a timing). */
static gboolean
tab_reaches (GtkWidget *window,
             GtkWidget *from,
             GtkWidget *target)
{
  GtkWidget *focus;

  g_assert_true (gtk_widget_grab_focus (from));
  for (guint i = 0; i < 12; i++)
    {
      g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD));
      focus = gtk_window_get_focus (GTK_WINDOW (window));
      if (focus == target || gtk_widget_is_ancestor (focus, target))
        return TRUE;
    }

  return FALSE;
}

static GtkWidget *
first_text (GtkWidget *row)
{
  return GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (row)));
}

/* With a message showing under a field (a problem, or a date read back),
 * Tab still goes on to the next field in the same list, not out of it. */
static void
test_window_tab_past_messages (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  RectifyWindow *window;
  GtkWidget *price_row;
  GtkWidget *currency_row;
  GtkWidget *added_row;

  rectify_test_set_today (2026, 11, 26);
  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_UNINTENDED);
  rectify_case_set_current_step (rcase, RECTIFY_STEP_DETAILS);
  window = g_object_new (RECTIFY_TYPE_WINDOW, NULL);
  rectify_window_set_case (window, rcase);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (rectify_test_iterate_until (details_page_visible, window));

  price_row = rectify_test_find_row (GTK_WIDGET (window), "Price of one licence");
  currency_row = rectify_test_find_row (GTK_WIDGET (window), "Currency");
  added_row = rectify_test_find_row (GTK_WIDGET (window), "How many were added by mistake");
  g_assert_nonnull (price_row);
  g_assert_nonnull (currency_row);
  g_assert_nonnull (added_row);

  /* A price problem shows under the price. */
  gtk_editable_set_text (GTK_EDITABLE (price_row), "19,99,9");
  rectify_test_iterate (20);
  g_assert_nonnull (rectify_test_row_message (price_row));

  g_assert_true (tab_reaches (GTK_WIDGET (window), first_text (price_row), currency_row));
  g_assert_true (tab_reaches (GTK_WIDGET (window), currency_row, added_row));

  /* Back the other way too. */
  g_assert_true (gtk_widget_grab_focus (currency_row));
  for (guint i = 0; i < 6; i++)
    {
      GtkWidget *focus;

      g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_BACKWARD));
      focus = gtk_window_get_focus (GTK_WINDOW (window));
      if (focus == price_row || gtk_widget_is_ancestor (focus, price_row))
        break;
      g_assert_cmpuint (i, <, 5);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  rectify_clock_set_today (NULL);
}


/* Next (and Enter) on an incomplete step stays clickable: it shows every
 * problem, including fields not typed in yet, and puts the focus on the
 * first; it does not move on. */
static void
test_window_next_shows_problems (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  RectifyWindow *window;
  GtkWidget *next_button;
  GtkWidget *account_row;
  GtkWidget *focus;

  rectify_test_set_today (2026, 11, 26);
  rectify_test_fill_identify (rcase, RECTIFY_SCENARIO_UNINTENDED);
  rectify_case_set_current_step (rcase, RECTIFY_STEP_DETAILS);
  window = g_object_new (RECTIFY_TYPE_WINDOW, NULL);
  rectify_window_set_case (window, rcase);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (rectify_test_iterate_until (details_page_visible, window));

  account_row = rectify_test_find_row (GTK_WIDGET (window), "Company or account name, or account ID");
  g_assert_nonnull (account_row);
  /* Untouched: no wall of red yet. */
  g_assert_null (rectify_test_row_message (account_row));

  next_button = rectify_test_find_action_button (GTK_WIDGET (window), "win.go-next");
  g_assert_true (gtk_widget_is_sensitive (next_button));
  g_signal_emit_by_name (next_button, "clicked");
  rectify_test_iterate (20);

  g_assert_true (details_page_visible (window));
  g_assert_nonnull (rectify_test_row_message (account_row));
  g_assert_nonnull (rectify_test_row_message (rectify_test_find_row (GTK_WIDGET (window),
                                                                     "Account owner’s name")));
  focus = gtk_window_get_focus (GTK_WINDOW (window));
  g_assert_true (focus == account_row || gtk_widget_is_ancestor (focus, account_row));

  gtk_window_destroy (GTK_WINDOW (window));
  rectify_clock_set_today (NULL);
}


/* Ctrl+W closes the window, as in every GNOME app. */
static void
test_window_ctrl_w (void)
{
  RectifyWindow *window = g_object_new (RECTIFY_TYPE_WINDOW, NULL);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  g_autoptr(GtkShortcutTrigger) ctrl_w = gtk_keyval_trigger_new (GDK_KEY_w, GDK_CONTROL_MASK);
  gboolean found = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !found; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), ctrl_w) &&
              GTK_IS_NAMED_ACTION (action) &&
              g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                           "window.close"))
            found = TRUE;
        }
    }

  g_assert_true (found);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Every wrapping label under @widget that has a width in characters. */
static void
collect_sized_labels (GtkWidget *widget,
                      GPtrArray *labels)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_label_get_wrap (GTK_LABEL (child)) &&
          gtk_label_get_width_chars (GTK_LABEL (child)) > 0)
        g_ptr_array_add (labels, child);
      collect_sized_labels (child, labels);
    }
}

/* The title and subtitle of a row, and a group's title and description,
 * stand one above the other, each as wide as its column, once their
 * columns are measured as grids (GTK 4.8, rectify-text-columns.c). Their
 * labels, given a width in characters to be measured faster, still find
 * the minimum width they found without it. */
static void
test_window_text_columns (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autoptr(GPtrArray) labels = NULL;
  RectifyWindow *window;
  int given, own;
  const char *pairs[][2] = {
    { "I bought the wrong licence type",
      "Support can replace it with the type you meant and refund or credit the difference." },
    { "What Went Wrong?",
      "Choose the one that matches your purchase. Ringover support handles each a little "
      "differently." },
  };

  window = g_object_new (RECTIFY_TYPE_WINDOW, NULL);
  rectify_window_set_case (window, rcase);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_present (GTK_WINDOW (window));
  rectify_test_iterate (50);

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      GtkWidget *title = rectify_test_find_label (GTK_WIDGET (window), pairs[i][0]);
      GtkWidget *below = rectify_test_find_label (GTK_WIDGET (window), pairs[i][1]);
      GtkWidget *column;
      graphene_rect_t title_bounds, below_bounds;

      g_assert_nonnull (title);
      g_assert_nonnull (below);
      column = gtk_widget_get_parent (title);
      g_assert_true (gtk_widget_get_parent (below) == column);
      if (gtk_get_minor_version () < 10)
        g_assert_true (GTK_IS_GRID_LAYOUT (gtk_widget_get_layout_manager (column)));

      g_assert_true (gtk_widget_compute_bounds (title, column, &title_bounds));
      g_assert_true (gtk_widget_compute_bounds (below, column, &below_bounds));
      g_assert_cmpfloat (below_bounds.origin.y, >=,
                         title_bounds.origin.y + title_bounds.size.height);
      g_assert_cmpfloat (title_bounds.size.width, ==, gtk_widget_get_width (column));
      g_assert_cmpfloat (below_bounds.size.width, ==, gtk_widget_get_width (column));
      /* The description wraps, and shows all its lines. */
      g_assert_cmpfloat (below_bounds.size.height, >, 0);

      g_assert_cmpint (gtk_label_get_width_chars (GTK_LABEL (below)), >, 0);
    }

  /* The window is as narrow as it was without the labels' widths. */
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &given, NULL, NULL, NULL);
  labels = g_ptr_array_new ();
  collect_sized_labels (GTK_WIDGET (window), labels);
  g_assert_cmpuint (labels->len, >, 10);
  for (guint i = 0; i < labels->len; i++)
    gtk_label_set_width_chars (labels->pdata[i], -1);
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &own, NULL, NULL, NULL);
  g_assert_cmpint (given, ==, own);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* With the app's style, every border drawn on step 1 (the boxed lists'
 * row separators) has one colour on its four sides, which GTK's cairo
 * renderer draws as one fill rather than four clipped ones
 * (style.css). */
static void
test_window_row_borders_one_colour (void)
{
  g_autoptr(GtkCssProvider) style = gtk_css_provider_new ();
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) lines = NULL;
  GtkSnapshot *snapshot;
  RectifyWindow *window;
  guint borders = 0;

  gtk_css_provider_load_from_resource (style, RESOURCE_BASE "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (style),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  window = g_object_new (RECTIFY_TYPE_WINDOW, NULL);
  rectify_window_set_case (window, rcase);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_present (GTK_WINDOW (window));
  rectify_test_iterate (50);

  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (GTK_WIDGET (window)),
                          gtk_widget_get_height (GTK_WIDGET (window)));
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  bytes = gsk_render_node_serialize (node);
  lines = g_strsplit (g_bytes_get_data (bytes, NULL), "\n", -1);

  /* A border node reads "border {" up to its "}" (it has no children),
   * with its colours on one line: one colour if the four sides share it,
   * up to four otherwise. */
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_strcmp0 (g_strstrip (lines[i]), "border {") != 0)
        continue;
      for (i++; lines[i] != NULL && g_strcmp0 (g_strstrip (lines[i]), "}") != 0; i++)
        if (g_str_has_prefix (lines[i], "colors:"))
          {
            const char *colours = lines[i] + strlen ("colors:");

            while (*colours == ' ')
              colours++;
            g_assert_null (strchr (colours, ' '));
            borders++;
          }
      g_assert_nonnull (lines[i]);
    }
  g_assert_cmpuint (borders, >=, 4);

  gtk_window_destroy (GTK_WINDOW (window));
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (),
                                                 GTK_STYLE_PROVIDER (style));
}

/* The keyboard starts in the step's first field, and Next takes it to the
 * next step's first field, not to the window's buttons. */
static void
test_window_focus_starts_in_page (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  RectifyWindow *window;
  GtkWidget *focus;

  rectify_test_set_today (2026, 11, 26);
  rectify_test_fill_identify (rcase, RECTIFY_SCENARIO_UNINTENDED);
  window = g_object_new (RECTIFY_TYPE_WINDOW, NULL);
  rectify_window_set_case (window, rcase);
  gtk_window_present (GTK_WINDOW (window));
  rectify_test_iterate (50);

  focus = gtk_window_get_focus (GTK_WINDOW (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (rectify_window_get_visible_page (window))));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.go-next", NULL);
  g_assert_true (rectify_test_iterate_until (details_page_visible, window));
  rectify_test_iterate (50);
  focus = gtk_window_get_focus (GTK_WINDOW (window));
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (rectify_window_get_visible_page (window))));

  /* Another case chosen (as from the case list): the keyboard stays
   * where it was. */
  {
    g_autoptr(RectifyCase) other = rectify_case_new ();
    GtkWidget *next = rectify_test_find_action_button (GTK_WIDGET (window), "win.go-next");

    g_assert_true (gtk_widget_grab_focus (next));
    rectify_window_set_case (window, other);
    rectify_test_iterate (50);
    g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == next);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  rectify_clock_set_today (NULL);
}

static GFile *
make_case_folder (RectifyCase **cases,
                  guint         n_cases)
{
  g_autofree char *path = g_dir_make_tmp ("rectify-window-XXXXXX", NULL);
  g_autoptr(GFile) directory = g_file_new_for_path (path);
  g_autoptr(RectifyCaseStore) store = rectify_test_load_store (directory);

  for (guint i = 0; i < n_cases; i++)
    rectify_case_store_add (store, cases[i]);
  rectify_test_flush_store (store);

  return g_steal_pointer (&directory);
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *)data;
}

static gboolean
list_complete (gpointer data)
{
  return rectify_window_get_list_complete (data);
}

/* Start-up: the window opens on the case read ahead, before the others are
 * read, and keeps it (the keyboard in its first field) as the list fills. */
/* A window opened as the app opens one: the cases written to a new folder
 * (*directory), @left read ahead from it into *store (*ahead), then the
 * window shown. */
static RectifyWindow *
open_window_on (RectifyCase       **cases,
                guint               n_cases,
                RectifyCase        *left,
                GFile             **directory,
                RectifyCaseStore  **store,
                RectifyCase       **ahead)
{
  g_autoptr(GError) error = NULL;
  RectifyWindow *window;

  *directory = make_case_folder (cases, n_cases);
  *store = rectify_case_store_new (*directory);
  *ahead = rectify_test_open_ahead (*store, rectify_case_get_reference (left), &error);
  g_assert_no_error (error);
  window = rectify_window_new (NULL, *store, NULL);
  gtk_window_present (GTK_WINDOW (window));
  rectify_test_iterate (50);

  return window;
}

static void
test_window_opens_before_load (void)
{
  g_autoptr(RectifyCase) older = rectify_test_case_new_entered ();
  g_autoptr(RectifyCase) left = rectify_test_case_new_entered ();
  RectifyCase *cases[] = { older, left };
  g_autoptr(GFile) directory = NULL;
  g_autoptr(RectifyCaseStore) store = NULL;
  g_autoptr(RectifyCase) ahead = NULL;
  RectifyWindow *window;
  gboolean loaded = FALSE;

  rectify_test_set_today (2026, 11, 26);
  rectify_test_fill_identify (left, RECTIFY_SCENARIO_UNINTENDED);
  window = open_window_on (cases, G_N_ELEMENTS (cases), left, &directory, &store, &ahead);

  g_assert_true (rectify_window_get_case (window) == ahead);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)),
                                         GTK_WIDGET (rectify_window_get_visible_page (window))));

  /* The list waits for every case, then fills in. */
  g_assert_false (rectify_window_get_list_complete (window));
  rectify_case_store_load_async (store, NULL, rectify_test_load_done_cb, &loaded);
  g_assert_true (rectify_test_iterate_until (is_true, &loaded));
  g_assert_true (rectify_test_iterate_until (list_complete, window));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  g_assert_true (rectify_window_get_case (window) == ahead);
  {
    GtkListView *list = GTK_LIST_VIEW (rectify_test_find_case_list (GTK_WIDGET (window)));
    GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (list));

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 2);
    g_assert_true (gtk_single_selection_get_selected_item (selection) == (gpointer) ahead);
  }
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)),
                                         GTK_WIDGET (rectify_window_get_visible_page (window))));

  gtk_window_destroy (GTK_WINDOW (window));
  rectify_test_flush_store (store);
  rectify_test_remove_tree (directory);
  rectify_clock_set_today (NULL);
}

/* A window opening on step 3 makes step 3 alone; the others are made as
 * they are first shown, and the pages slide by step, whatever order they
 * were made in. */
static void
test_window_pages_made_when_shown (void)
{
  g_autoptr(RectifyCase) left = rectify_case_new ();
  RectifyCase *cases[] = { left };
  g_autoptr(GFile) directory = NULL;
  g_autoptr(RectifyCaseStore) store = NULL;
  g_autoptr(RectifyCase) ahead = NULL;
  RectifyWindow *window;
  GtkStack *stack;
  const struct { const char *action; RectifyStep step; GtkStackTransitionType slide; guint made; } moves[] = {
    { "win.go-back", RECTIFY_STEP_DETAILS, GTK_STACK_TRANSITION_TYPE_SLIDE_RIGHT, 2 },
    { "win.go-next", RECTIFY_STEP_RESOLUTION, GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT, 2 },
    { "win.go-back", RECTIFY_STEP_DETAILS, GTK_STACK_TRANSITION_TYPE_SLIDE_RIGHT, 2 },
    { "win.go-back", RECTIFY_STEP_IDENTIFY, GTK_STACK_TRANSITION_TYPE_SLIDE_RIGHT, 3 },
    { "win.go-next", RECTIFY_STEP_DETAILS, GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT, 3 },
  };

  rectify_test_set_today (2026, 11, 26);
  rectify_test_fill_complete (left, RECTIFY_SCENARIO_UNINTENDED);
  rectify_case_set_current_step (left, RECTIFY_STEP_RESOLUTION);
  window = open_window_on (cases, G_N_ELEMENTS (cases), left, &directory, &store, &ahead);

  g_assert_cmpint (rectify_page_get_step (rectify_window_get_visible_page (window)), ==,
                   RECTIFY_STEP_RESOLUTION);
  stack = GTK_STACK (gtk_widget_get_parent (GTK_WIDGET (rectify_window_get_visible_page (window))));
  {
    g_autoptr(GtkSelectionModel) pages = gtk_stack_get_pages (stack);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), ==, 1);
  }

  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    {
      g_autoptr(GtkSelectionModel) pages = NULL;

      gtk_widget_activate_action (GTK_WIDGET (window), moves[i].action, NULL);
      g_assert_cmpint (rectify_page_get_step (rectify_window_get_visible_page (window)), ==,
                       moves[i].step);
      g_assert_cmpint (gtk_stack_get_transition_type (stack), ==, moves[i].slide);
      pages = gtk_stack_get_pages (stack);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), ==, moves[i].made);
      rectify_test_iterate (20);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  rectify_test_flush_store (store);
  rectify_test_remove_tree (directory);
  rectify_clock_set_today (NULL);
}

static void
assert_list_opens_on_case (RectifyCaseStore *store,
                           GParamSpec       *pspec,
                           RectifyWindow    *window)
{
  GtkListView *list = GTK_LIST_VIEW (rectify_test_find_case_list (GTK_WIDGET (window)));
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (list));
  g_autoptr(RectifyCase) first = NULL;

  g_assert_nonnull (selection);
  first = g_list_model_get_item (G_LIST_MODEL (selection), 0);
  g_assert_true (first == rectify_window_get_case (window));
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 0);
}

/* The case read ahead, far down the list (cases changed since): the list
 * opens on it, at its top, as soon as every case is read, and it stays
 * selected as the cases before and after it fill in. */
static void
test_window_list_opens_on_case (void)
{
  RectifyCase *cases[41];
  g_autoptr(GFile) directory = NULL;
  g_autoptr(RectifyCaseStore) store = NULL;
  g_autoptr(RectifyCase) ahead = NULL;
  RectifyWindow *window;
  gboolean loaded = FALSE;
  guint position = G_MAXUINT;

  rectify_test_set_today (2026, 11, 26);
  /* Each changed a minute after the one before: the 30th is 11th newest. */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) updated = g_date_time_new_utc (2026, 11, 25, 10, i, 0);

      cases[i] = rectify_test_case_new_entered ();
      rectify_case_begin_load (cases[i]);
      rectify_case_end_load (cases[i], updated);
    }
  window = open_window_on (cases, G_N_ELEMENTS (cases), cases[30], &directory, &store, &ahead);
  g_assert_true (rectify_window_get_case (window) == ahead);

  /* After the window's own handler, which shows the list. */
  g_signal_connect (store, "notify::loaded", G_CALLBACK (assert_list_opens_on_case), window);
  rectify_case_store_load_async (store, NULL, rectify_test_load_done_cb, &loaded);
  g_assert_true (rectify_test_iterate_until (is_true, &loaded));
  g_signal_handlers_disconnect_by_func (store, assert_list_opens_on_case, window);
  g_assert_true (rectify_case_store_find (store, ahead, &position));
  g_assert_cmpuint (position, ==, 10);

  g_assert_true (rectify_test_iterate_until (list_complete, window));
  {
    GtkListView *list = GTK_LIST_VIEW (rectify_test_find_case_list (GTK_WIDGET (window)));
    GListModel *shown = G_LIST_MODEL (gtk_list_view_get_model (list));

    /* Every case, in the store's order, the one read ahead selected. */
    g_assert_cmpuint (g_list_model_get_n_items (shown), ==, G_N_ELEMENTS (cases));
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(GObject) item = g_list_model_get_item (shown, i);
        g_autoptr(GObject) in_store = g_list_model_get_item (G_LIST_MODEL (store), i);

        g_assert_true (item == in_store);
      }
    g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (shown)), ==, 10);
    g_assert_true (rectify_window_get_case (window) == ahead);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  rectify_test_flush_store (store);
  rectify_test_remove_tree (directory);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_object_unref (cases[i]);
  rectify_clock_set_today (NULL);
}

/* Start-up without a case read ahead (the first time, or it is gone): the
 * window opens on a new case; once every case is read it shows the most
 * recent unfinished one instead, and the untouched new case goes without a
 * file. One typed into stays. */
static void
test_window_new_case_gives_way (void)
{
  g_autoptr(RectifyCase) draft = rectify_test_case_new_entered ();
  RectifyCase *cases[] = { draft };
  g_autoptr(GFile) directory = NULL;

  rectify_test_set_today (2026, 11, 26);
  directory = make_case_folder (cases, G_N_ELEMENTS (cases));

  for (guint typed = 0; typed < 2; typed++)
    {
      g_autoptr(RectifyCaseStore) store = rectify_case_store_new (directory);
      g_autoptr(RectifyCase) blank = NULL;
      RectifyWindow *window = rectify_window_new (NULL, store, NULL);
      gboolean loaded = FALSE;

      gtk_window_present (GTK_WINDOW (window));
      rectify_test_iterate (20);
      blank = g_object_ref (rectify_window_get_case (window));
      g_assert_true (rectify_case_is_blank (blank));
      if (typed)
        rectify_case_set_text (blank, RECTIFY_TEXT_ACCOUNT, "Acme SL");

      rectify_case_store_load_async (store, NULL, rectify_test_load_done_cb, &loaded);
      g_assert_true (rectify_test_iterate_until (is_true, &loaded));
      rectify_test_iterate (20);

      if (typed)
        {
          g_assert_true (rectify_window_get_case (window) == blank);
          g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
        }
      else
        {
          g_assert_cmpstr (rectify_case_get_reference (rectify_window_get_case (window)), ==,
                           rectify_case_get_reference (draft));
          g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
          g_assert_null (rectify_case_store_lookup (store, rectify_case_get_reference (blank)));
        }

      gtk_window_destroy (GTK_WINDOW (window));
      rectify_test_flush_store (store);
    }

  /* The typed one was written, the untouched one never was. */
  {
    g_autoptr(RectifyCaseStore) store = rectify_test_load_store (directory);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  }

  rectify_test_remove_tree (directory);
  rectify_clock_set_today (NULL);
}

/* Closing tells the next start which case to read first; a new case with
 * nothing in it, none. */
static void
test_window_remembers_case_shown (void)
{
  g_autoptr(RectifyCase) draft = rectify_test_case_new_entered ();
  RectifyCase *cases[] = { draft };
  g_autoptr(GFile) directory = make_case_folder (cases, G_N_ELEMENTS (cases));
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);

  for (guint blank = 0; blank < 2; blank++)
    {
      g_autoptr(RectifyCaseStore) store = rectify_test_load_store (directory);
      RectifyWindow *window = rectify_window_new (NULL, store, NULL);
      g_autofree char *remembered = NULL;

      g_settings_set_string (settings, "last-case", "stale");
      gtk_window_present (GTK_WINDOW (window));
      rectify_test_iterate (20);
      if (blank)
        gtk_widget_activate_action (GTK_WIDGET (window), "win.new-case", NULL);
      else
        g_assert_cmpstr (rectify_case_get_reference (rectify_window_get_case (window)), ==,
                         rectify_case_get_reference (draft));
      gtk_window_close (GTK_WINDOW (window));
      rectify_test_iterate (20);

      remembered = g_settings_get_string (settings, "last-case");
      g_assert_cmpstr (remembered, ==, blank ? "" : rectify_case_get_reference (draft));
      rectify_test_flush_store (store);
    }

  rectify_test_remove_tree (directory);
}

/* Step 1 says, for licences added by mistake or too many, that the owner
 * can remove unassigned ones without support, and links to how. */
static void
test_window_self_service_hint (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  RectifyWindow *window = g_object_new (RECTIFY_TYPE_WINDOW, NULL);
  const struct {
    RectifyScenario scenario;
    gboolean        hint;
  } cases[] = {
    { RECTIFY_SCENARIO_NONE, FALSE },
    { RECTIFY_SCENARIO_UNINTENDED, TRUE },
    { RECTIFY_SCENARIO_WRONG_TYPE, FALSE },
    { RECTIFY_SCENARIO_TOO_MANY, TRUE },
  };

  rectify_window_set_case (window, rcase);
  gtk_window_present (GTK_WINDOW (window));
  rectify_test_iterate (20);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GtkWidget *label;

      rectify_case_set_scenario (rcase, cases[i].scenario);
      rectify_test_iterate (10);
      label = rectify_test_find_label (GTK_WIDGET (window), "Billing › Licences");
      g_test_message ("scenario %d", cases[i].scenario);
      g_assert_true ((label != NULL) == cases[i].hint);
      if (label != NULL)
        {
          gboolean reached = FALSE;

          g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "<a href=\"https://"));
          /* Tab reaches its link. */
          gtk_window_set_focus (GTK_WINDOW (window), NULL);
          for (guint tab = 0; tab < 30 && !reached; tab++)
            {
              gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
              reached = gtk_window_get_focus (GTK_WINDOW (window)) == label;
            }
          g_assert_true (reached);
        }
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct {
  RectifyWindow *window;
  RectifyStep    step;
} StepShown;

static gboolean
step_shown (gpointer data)
{
  StepShown *shown = data;

  return rectify_page_get_step (rectify_window_get_visible_page (shown->window)) == shown->step;
}

/* The shown choice list that has an item @id. */
static gboolean
lists_choice (GtkWidget     *widget,
              gconstpointer  id)
{
  return RECTIFY_IS_CHOICE_LIST (widget) && gtk_widget_get_mapped (widget) &&
         rectify_choice_list_get_row (RECTIFY_CHOICE_LIST (widget), id) != NULL;
}

static RectifyChoiceList *
find_choice_list (GtkWidget  *root,
                  const char *id)
{
  GtkWidget *list = rectify_test_find_widget (root, lists_choice, id);

  return list != NULL ? RECTIFY_CHOICE_LIST (list) : NULL;
}

/* A key as the list's key controller gets it. */
static gboolean
press (RectifyChoiceList *list,
       guint              keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (list));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0,
                               &handled);
    }
  rectify_test_iterate (10);

  return handled;
}

static gboolean
focus_inside (RectifyWindow *window,
              gpointer       widget)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* A radio group is one Tab stop: in on the chosen item, out with the next
 * Tab; the arrows move the choice. Each check box of the checklist is one
 * stop, never two (the row and its check). */
static RectifyWindow *
open_on_step (RectifyCase *rcase,
              RectifyStep  step)
{
  RectifyWindow *window = g_object_new (RECTIFY_TYPE_WINDOW, NULL);
  StepShown shown = { window, step };

  rectify_case_set_current_step (rcase, step);
  rectify_window_set_case (window, rcase);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (rectify_test_iterate_until (step_shown, &shown));

  return window;
}

static void
test_window_choice_groups (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  RectifyWindow *window;
  RectifyChoiceList *list;
  GtkWidget *verify;
  GtkWidget *statement;

  rectify_test_set_today (2026, 11, 26);
  rectify_test_fill_identify (rcase, RECTIFY_SCENARIO_UNINTENDED);
  window = open_on_step (rcase, RECTIFY_STEP_IDENTIFY);
  list = find_choice_list (GTK_WIDGET (window), "unintended");
  g_assert_nonnull (list);
  g_assert_false (gtk_widget_get_focusable (rectify_choice_list_get_row (list, "unintended")));

  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (list)));
  g_assert_true (focus_inside (window, rectify_choice_list_get_check (list, "unintended")));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD));
  g_assert_false (focus_inside (window, list));
  /* Back in: the chosen one, not the last. */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_BACKWARD));
  g_assert_true (focus_inside (window, rectify_choice_list_get_check (list, "unintended")));

  g_assert_true (press (list, GDK_KEY_Down));
  g_assert_cmpint (rectify_case_get_scenario (rcase), ==, RECTIFY_SCENARIO_TOO_MANY);
  g_assert_true (focus_inside (window, rectify_choice_list_get_check (list, "too-many")));
  g_assert_true (press (list, GDK_KEY_Down));
  g_assert_cmpint (rectify_case_get_scenario (rcase), ==, RECTIFY_SCENARIO_WRONG_TYPE);
  g_assert_true (press (list, GDK_KEY_Up));
  g_assert_cmpint (rectify_case_get_scenario (rcase), ==, RECTIFY_SCENARIO_TOO_MANY);
  g_assert_false (press (list, GDK_KEY_a));

  /* Nothing chosen: Tab comes in on the first. */
  rectify_case_set_scenario (rcase, RECTIFY_SCENARIO_NONE);
  rectify_test_iterate (10);
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  for (guint i = 0; i < 30 && !focus_inside (window, list); i++)
    gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
  g_assert_true (focus_inside (window, rectify_choice_list_get_check (list, "wrong-type")));
  /* … and out with the next Tab, not on to the second item; back in from
   * below on the last. */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD));
  g_assert_false (focus_inside (window, list));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_BACKWARD));
  g_assert_true (focus_inside (window, rectify_choice_list_get_check (list, "too-many")));
  gtk_window_destroy (GTK_WINDOW (window));

  /* Step 3: the same. */
  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_UNINTENDED);
  window = open_on_step (rcase, RECTIFY_STEP_RESOLUTION);
  list = find_choice_list (GTK_WIDGET (window), "credit");
  g_assert_nonnull (list);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (list)));
  g_assert_true (focus_inside (window, rectify_choice_list_get_check (list, "credit")));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD));
  g_assert_false (focus_inside (window, list));
  /* Keys do nothing to it while the focus is elsewhere. */
  g_assert_false (press (list, GDK_KEY_Down));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (list)));
  g_assert_true (press (list, GDK_KEY_Down));
  g_assert_cmpint (rectify_case_get_resolution (rcase), ==, RECTIFY_RESOLUTION_PRORATED);
  gtk_window_destroy (GTK_WINDOW (window));

  /* Step 4: one stop per step, ticked from the keyboard; removing the
   * licences oneself is on the list. */
  rectify_case_set_send_state (rcase, RECTIFY_SEND_STATE_SENT_ELSEWHERE, NULL);
  window = open_on_step (rcase, RECTIFY_STEP_FOLLOW_UP);
  list = find_choice_list (GTK_WIDGET (window), RECTIFY_CHECKLIST_VERIFY);
  g_assert_nonnull (list);
  g_assert_true (gtk_widget_get_visible (rectify_choice_list_get_row (list,
                                                                     RECTIFY_CHECKLIST_REMOVE_LICENCES)));
  verify = rectify_choice_list_get_check (list, RECTIFY_CHECKLIST_VERIFY);
  statement = rectify_choice_list_get_check (list, RECTIFY_CHECKLIST_CHECK_STATEMENT);
  g_assert_true (gtk_widget_grab_focus (verify));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD));
  g_assert_true (focus_inside (window, statement));
  g_assert_true (gtk_widget_activate (statement));
  rectify_test_iterate (10);
  g_assert_nonnull (rectify_case_get_checklist_done (rcase, RECTIFY_CHECKLIST_CHECK_STATEMENT));
  g_assert_null (rectify_case_get_checklist_done (rcase, RECTIFY_CHECKLIST_VERIFY));

  gtk_window_destroy (GTK_WINDOW (window));
  rectify_clock_set_today (NULL);
}

/* A case opened on a step starts on the step's first field, not the
 * second (the window mapping and the step showing each put it there). */
static void
test_window_focus_starts_on_first_field (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  RectifyWindow *window;
  GtkWidget *account;

  StepShown shown;

  rectify_test_set_today (2026, 11, 26);
  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_UNINTENDED);
  rectify_case_set_current_step (rcase, RECTIFY_STEP_DETAILS);
  /* As at start-up: the window is up before the case left is read. */
  window = g_object_new (RECTIFY_TYPE_WINDOW, NULL);
  gtk_window_present (GTK_WINDOW (window));
  rectify_test_iterate (20);
  rectify_window_set_case (window, rcase);
  shown = (StepShown) { window, RECTIFY_STEP_DETAILS };
  g_assert_true (rectify_test_iterate_until (step_shown, &shown));
  rectify_test_iterate (50);
  account = rectify_test_find_row (GTK_WIDGET (window), "Company or account name, or account ID");
  g_assert_nonnull (account);
  g_assert_true (focus_inside (window, account));

  gtk_window_destroy (GTK_WINDOW (window));
  rectify_clock_set_today (NULL);
}

/* The licence types and the currency: a drop-down of the provider's
 * values, whose last item, "Other…", shows an entry for any other value. */

/* The position of @item in @row's drop-down, read from its model. */
static guint
choice_position (GtkWidget  *row,
                 const char *item)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (row));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      const char *string = gtk_string_list_get_string (GTK_STRING_LIST (model), i);

      if (g_str_equal (string, item))
        return i;
    }

  g_error ("No item “%s” in “%s”", item,
           adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
}

static const char *
choice_shown (GtkWidget *row)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row));

  if (selected == GTK_INVALID_LIST_POSITION)
    return NULL;

  return gtk_string_list_get_string (GTK_STRING_LIST (model), selected);
}

static void
choose (GtkWidget  *row,
        const char *item)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), choice_position (row, item));
  rectify_test_iterate (20);
}

/* The entry for another value, right under the drop-down. */
static GtkWidget *
other_row (GtkWidget *row)
{
  GtkWidget *other = gtk_widget_get_next_sibling (row);

  g_assert_true (ADW_IS_ENTRY_ROW (other));
  return other;
}

static gboolean
focus_in (GtkWidget *window,
          GtkWidget *widget)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static RectifyWindow *
open_details (RectifyCase *rcase)
{
  RectifyWindow *window = g_object_new (RECTIFY_TYPE_WINDOW, NULL);

  rectify_case_set_current_step (rcase, RECTIFY_STEP_DETAILS);
  rectify_window_set_case (window, rcase);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (rectify_test_iterate_until (details_page_visible, window));

  return window;
}

/* Choosing an item, or Other and typing, sets the case's text; the
 * request support receives says it. */
static void
test_window_choices_set_case (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autoptr(GDate) today = NULL;
  g_autofree char *body = NULL;
  RectifyWindow *window;
  GtkWidget *type_row;
  GtkWidget *currency_row;
  GtkWidget *intended_row;

  rectify_test_set_today (2026, 11, 26);
  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_WRONG_TYPE);
  window = open_details (rcase);

  type_row = rectify_test_find_row (GTK_WIDGET (window), "Licence type bought");
  currency_row = rectify_test_find_row (GTK_WIDGET (window), "Currency");
  intended_row = rectify_test_find_row (GTK_WIDGET (window), "Licence type you meant to buy");
  g_assert_true (ADW_IS_COMBO_ROW (type_row));
  g_assert_true (ADW_IS_COMBO_ROW (currency_row));
  g_assert_true (ADW_IS_COMBO_ROW (intended_row));

  /* The provider's values, then Other. */
  g_assert_cmpuint (choice_position (type_row, "Smart"), ==, 0);
  g_assert_cmpuint (choice_position (type_row, "Other…"), ==,
                    g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (type_row)))
                    - 1);
  g_assert_cmpstr (choice_shown (type_row), ==, "Smart");
  g_assert_false (gtk_widget_get_visible (other_row (type_row)));

  choose (type_row, "Advanced");
  g_assert_cmpstr (rectify_case_get_text (rcase, RECTIFY_TEXT_LICENCE_TYPE), ==, "Advanced");
  g_assert_false (gtk_widget_get_visible (other_row (type_row)));

  /* Other: the entry shows, empty, with the keyboard in it; what is typed
   * is the case's text. */
  choose (type_row, "Other…");
  g_assert_true (gtk_widget_get_visible (other_row (type_row)));
  g_assert_true (focus_in (GTK_WIDGET (window), other_row (type_row)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (other_row (type_row))), ==, "");
  g_assert_cmpstr (rectify_case_get_text (rcase, RECTIFY_TEXT_LICENCE_TYPE), ==, "");
  g_assert_false (rectify_page_get_complete (rectify_window_get_visible_page (window)));
  gtk_editable_set_text (GTK_EDITABLE (other_row (type_row)), "Smart");
  gtk_editable_set_text (GTK_EDITABLE (other_row (type_row)), "Smart Plus");
  g_assert_cmpstr (rectify_case_get_text (rcase, RECTIFY_TEXT_LICENCE_TYPE), ==, "Smart Plus");
  /* Typing a listed value on the way did not take the entry away. */
  g_assert_cmpstr (choice_shown (type_row), ==, "Other…");
  g_assert_true (gtk_widget_get_visible (other_row (type_row)));

  /* A currency typed wrong is said under the field, and the entry shows
   * the error too; the code as validation wants it puts it right. */
  choose (currency_row, "GBP");
  g_assert_cmpstr (rectify_case_get_text (rcase, RECTIFY_TEXT_CURRENCY), ==, "GBP");
  choose (currency_row, "Other…");
  gtk_editable_set_text (GTK_EDITABLE (other_row (currency_row)), "ars");
  g_assert_cmpstr (rectify_case_get_text (rcase, RECTIFY_TEXT_CURRENCY), ==, "ars");
  g_assert_nonnull (strstr (rectify_test_row_message (other_row (currency_row)), "three-letter"));
  g_assert_true (gtk_widget_has_css_class (currency_row, "error"));
  g_assert_true (gtk_widget_has_css_class (other_row (currency_row), "error"));
  gtk_editable_set_text (GTK_EDITABLE (other_row (currency_row)), "ARS");
  g_assert_null (rectify_test_row_message (other_row (currency_row)));
  g_assert_false (gtk_widget_has_css_class (other_row (currency_row), "error"));

  choose (intended_row, "Business");
  g_assert_cmpstr (rectify_case_get_text (rcase, RECTIFY_TEXT_INTENDED_TYPE), ==, "Business");
  g_assert_true (rectify_page_get_complete (rectify_window_get_visible_page (window)));

  today = g_date_new_dmy (26, G_DATE_NOVEMBER, 2026);
  body = rectify_request_dup_body (rcase, today);
  g_assert_nonnull (strstr (body, "- Licence type bought: Smart Plus\n"));
  g_assert_nonnull (strstr (body, "- Licence type I meant to buy: Business\n"));
  g_assert_nonnull (strstr (body, "19.99 ARS"));
  g_assert_null (strstr (body, "EUR"));
  g_assert_null (strstr (body, "GBP"));

  gtk_window_destroy (GTK_WINDOW (window));
  rectify_clock_set_today (NULL);
}

static void
count_signal (gpointer *instance,
              guint    *count)
{
  (*count)++;
}

/* A saved case shows its values: an item when the provider lists it
 * exactly, Other with the text otherwise ("eur" is not "EUR": what the
 * case says is what support reads). Showing it changes nothing in it. */
static void
test_window_choices_show_case (void)
{
  g_autoptr(RectifyCase) listed = rectify_case_new ();
  g_autoptr(RectifyCase) unlisted = rectify_case_new ();
  RectifyWindow *window;
  GtkWidget *type_row;
  GtkWidget *currency_row;
  GtkWidget *intended_row;
  guint changes = 0;

  rectify_test_set_today (2026, 11, 26);
  rectify_test_fill_complete (listed, RECTIFY_SCENARIO_WRONG_TYPE);
  rectify_case_set_text (listed, RECTIFY_TEXT_LICENCE_TYPE, "Advanced");
  rectify_case_set_text (listed, RECTIFY_TEXT_CURRENCY, "USD");
  rectify_case_set_text (listed, RECTIFY_TEXT_INTENDED_TYPE, "Smart");
  rectify_test_fill_complete (unlisted, RECTIFY_SCENARIO_WRONG_TYPE);
  rectify_case_set_text (unlisted, RECTIFY_TEXT_LICENCE_TYPE, "Smart Plus");
  rectify_case_set_text (unlisted, RECTIFY_TEXT_CURRENCY, "eur");
  rectify_case_set_text (unlisted, RECTIFY_TEXT_INTENDED_TYPE, "business");
  rectify_case_set_current_step (listed, RECTIFY_STEP_DETAILS);
  rectify_case_set_current_step (unlisted, RECTIFY_STEP_DETAILS);
  g_signal_connect (listed, "changed", G_CALLBACK (count_signal), &changes);
  g_signal_connect (listed, "notify", G_CALLBACK (count_signal), &changes);
  g_signal_connect (unlisted, "changed", G_CALLBACK (count_signal), &changes);
  g_signal_connect (unlisted, "notify", G_CALLBACK (count_signal), &changes);

  window = open_details (listed);
  type_row = rectify_test_find_row (GTK_WIDGET (window), "Licence type bought");
  currency_row = rectify_test_find_row (GTK_WIDGET (window), "Currency");
  intended_row = rectify_test_find_row (GTK_WIDGET (window), "Licence type you meant to buy");

  g_assert_cmpstr (choice_shown (type_row), ==, "Advanced");
  g_assert_cmpstr (choice_shown (currency_row), ==, "USD");
  g_assert_cmpstr (choice_shown (intended_row), ==, "Smart");
  g_assert_false (gtk_widget_get_visible (other_row (type_row)));
  g_assert_false (gtk_widget_get_visible (other_row (currency_row)));
  g_assert_false (gtk_widget_get_visible (other_row (intended_row)));

  /* Another case in the same window (as from the case list). */
  rectify_window_set_case (window, unlisted);
  rectify_test_iterate (20);
  g_assert_cmpstr (choice_shown (type_row), ==, "Other…");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (other_row (type_row))), ==, "Smart Plus");
  g_assert_true (gtk_widget_get_visible (other_row (type_row)));
  g_assert_cmpstr (choice_shown (currency_row), ==, "Other…");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (other_row (currency_row))), ==, "eur");
  g_assert_nonnull (strstr (rectify_test_row_message (other_row (currency_row)), "three-letter"));
  g_assert_cmpstr (choice_shown (intended_row), ==, "Other…");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (other_row (intended_row))), ==,
                   "business");

  /* And back: no entry left over from the other case. */
  rectify_window_set_case (window, listed);
  rectify_test_iterate (20);
  g_assert_cmpstr (choice_shown (type_row), ==, "Advanced");
  g_assert_false (gtk_widget_get_visible (other_row (type_row)));
  g_assert_cmpstr (choice_shown (currency_row), ==, "USD");

  g_assert_cmpuint (changes, ==, 0);
  g_assert_cmpstr (rectify_case_get_text (unlisted, RECTIFY_TEXT_CURRENCY), ==, "eur");
  g_assert_cmpstr (rectify_case_get_text (unlisted, RECTIFY_TEXT_LICENCE_TYPE), ==, "Smart Plus");

  g_signal_handlers_disconnect_by_data (listed, &changes);
  g_signal_handlers_disconnect_by_data (unlisted, &changes);

  /* A listed value typed after Other stays as typed; another case with
   * that value shows it as its item. */
  choose (type_row, "Other…");
  gtk_editable_set_text (GTK_EDITABLE (other_row (type_row)), "Smart");
  g_assert_cmpstr (choice_shown (type_row), ==, "Other…");
  rectify_case_set_text (unlisted, RECTIFY_TEXT_LICENCE_TYPE, "Smart");
  rectify_window_set_case (window, unlisted);
  rectify_test_iterate (20);
  g_assert_cmpstr (choice_shown (type_row), ==, "Smart");
  g_assert_false (gtk_widget_get_visible (other_row (type_row)));

  gtk_window_destroy (GTK_WINDOW (window));
  rectify_clock_set_today (NULL);
}

/* A new case has no type chosen: Next says so under the drop-down and puts
 * the keyboard on it, or in the entry when Other is chosen. Tab goes
 * through the drop-downs and their entries in order, Enter opens one. */
static void
test_window_choices_keyboard (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  RectifyWindow *window;
  GtkWidget *email_row;
  GtkWidget *type_row;
  GtkWidget *quantity_row;
  GtkWidget *price_row;
  GtkWidget *currency_row;
  GtkWidget *intended_row;
  GtkWidget *intended_price_row;
  GtkWidget *next_button;
  GtkWidget *popover;

  rectify_test_set_today (2026, 11, 26);
  rectify_test_fill_identify (rcase, RECTIFY_SCENARIO_WRONG_TYPE);
  rectify_case_set_text (rcase, RECTIFY_TEXT_ACCOUNT, "Acme SL (ID 48213)");
  rectify_case_set_text (rcase, RECTIFY_TEXT_OWNER_NAME, "Ana García");
  rectify_case_set_text (rcase, RECTIFY_TEXT_CONTACT_EMAIL, "ana@example.com");
  window = open_details (rcase);

  email_row = rectify_test_find_row (GTK_WIDGET (window), "E-mail for support’s answer");
  type_row = rectify_test_find_row (GTK_WIDGET (window), "Licence type bought");
  quantity_row = rectify_test_find_row (GTK_WIDGET (window), "How many were bought");
  price_row = rectify_test_find_row (GTK_WIDGET (window), "Price of one licence");
  currency_row = rectify_test_find_row (GTK_WIDGET (window), "Currency");
  intended_row = rectify_test_find_row (GTK_WIDGET (window), "Licence type you meant to buy");
  intended_price_row = rectify_test_find_row (GTK_WIDGET (window),
                                              "Price of one licence of the type you meant");

  g_assert_null (choice_shown (type_row));
  g_assert_null (choice_shown (intended_row));
  g_assert_false (gtk_widget_get_visible (other_row (type_row)));
  g_assert_null (rectify_test_row_message (other_row (type_row)));

  next_button = rectify_test_find_action_button (GTK_WIDGET (window), "win.go-next");
  g_signal_emit_by_name (next_button, "clicked");
  rectify_test_iterate (20);
  g_assert_true (details_page_visible (window));
  g_assert_cmpstr (rectify_test_row_message (other_row (type_row)), ==,
                   "Choose the licence type you bought");
  g_assert_cmpstr (rectify_test_row_message (other_row (intended_row)), ==,
                   "Choose the licence type you meant to buy");
  g_assert_true (focus_in (GTK_WIDGET (window), type_row));

  /* In order, one stop each, the entries when shown. */
  g_assert_true (tab_reaches (GTK_WIDGET (window), first_text (email_row), type_row));
  g_assert_true (tab_reaches (GTK_WIDGET (window), type_row, quantity_row));
  g_assert_true (tab_reaches (GTK_WIDGET (window), first_text (price_row), currency_row));
  g_assert_true (tab_reaches (GTK_WIDGET (window), currency_row, intended_row));
  g_assert_true (tab_reaches (GTK_WIDGET (window), intended_row, intended_price_row));
  choose (type_row, "Other…");
  g_assert_true (tab_reaches (GTK_WIDGET (window), type_row, other_row (type_row)));
  g_assert_true (tab_reaches (GTK_WIDGET (window), first_text (other_row (type_row)),
                              quantity_row));

  /* Next with Other and nothing typed: the keyboard goes to the entry. */
  g_assert_true (gtk_widget_grab_focus (next_button));
  g_signal_emit_by_name (next_button, "clicked");
  rectify_test_iterate (20);
  g_assert_true (focus_in (GTK_WIDGET (window), other_row (type_row)));

  /* The row opens its list when activated, as Enter and Space do. */
  g_assert_true (gtk_widget_grab_focus (currency_row));
  g_assert_true (gtk_widget_activate (currency_row));
  rectify_test_iterate (50);
  popover = rectify_test_find_type (currency_row, GTK_TYPE_POPOVER);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (popover));
  gtk_popover_popdown (GTK_POPOVER (popover));

  gtk_window_destroy (GTK_WINDOW (window));
  rectify_clock_set_today (NULL);
}

/* The shown row of @rcase in the case list, if there is one. */
static gboolean
shows_case (GtkWidget     *widget,
            gconstpointer  rcase)
{
  return RECTIFY_IS_CASE_ROW (widget) && gtk_widget_get_mapped (widget) &&
         rectify_case_row_get_case (RECTIFY_CASE_ROW (widget)) == rcase;
}

static RectifyCaseRow *
find_case_row (GtkWidget   *root,
               RectifyCase *rcase)
{
  GtkWidget *row = rectify_test_find_widget (root, shows_case, rcase);

  return row != NULL ? RECTIFY_CASE_ROW (row) : NULL;
}

/* Three cases, written and loaded as at start-up: a draft, a sent one, one
 * whose send failed. */
typedef struct
{
  GFile            *directory;
  RectifyCaseStore *store;
  RectifyWindow    *window;
  RectifyCase      *draft;
  RectifyCase      *sent;
  RectifyCase      *failed;
} ListFixture;

static void
list_fixture_set_up (ListFixture   *f,
                     gconstpointer  data)
{
  g_autoptr(RectifyCase) draft = rectify_case_new ();
  g_autoptr(RectifyCase) sent = rectify_case_new ();
  g_autoptr(RectifyCase) failed = rectify_case_new ();
  RectifyCase *cases[] = { draft, sent, failed };

  rectify_test_set_today (2026, 11, 26);
  rectify_test_fill_complete (draft, RECTIFY_SCENARIO_WRONG_TYPE);
  rectify_case_set_text (draft, RECTIFY_TEXT_ACCOUNT, "Gestión Álvarez SL");
  rectify_test_fill_complete (sent, RECTIFY_SCENARIO_TOO_MANY);
  rectify_case_set_text (sent, RECTIFY_TEXT_OWNER_NAME, "Jean Dupont");
  rectify_case_set_send_state (sent, RECTIFY_SEND_STATE_SENT, NULL);
  rectify_case_set_request (sent, 4242, "https://desk.example/hc/requests/4242", "open");
  rectify_test_fill_complete (failed, RECTIFY_SCENARIO_UNINTENDED);
  rectify_case_set_text (failed, RECTIFY_TEXT_ACCOUNT, "Beta Corp");
  rectify_case_set_send_state (failed, RECTIFY_SEND_STATE_FAILED, NULL);
  f->directory = make_case_folder (cases, G_N_ELEMENTS (cases));

  f->store = rectify_test_load_store (f->directory);
  f->draft = g_object_ref (rectify_case_store_lookup (f->store,
                                                     rectify_case_get_reference (draft)));
  f->sent = g_object_ref (rectify_case_store_lookup (f->store,
                                                    rectify_case_get_reference (sent)));
  f->failed = g_object_ref (rectify_case_store_lookup (f->store,
                                                      rectify_case_get_reference (failed)));
  f->window = rectify_window_new (NULL, f->store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (rectify_test_iterate_until (list_complete, f->window));
  rectify_test_iterate (20);
}

static void
list_fixture_tear_down (ListFixture   *f,
                        gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  rectify_test_flush_store (f->store);
  g_clear_object (&f->draft);
  g_clear_object (&f->sent);
  g_clear_object (&f->failed);
  g_clear_object (&f->store);
  rectify_test_remove_tree (f->directory);
  g_clear_object (&f->directory);
  rectify_clock_set_today (NULL);
}

static void
assert_row_status (ListFixture *f,
                   RectifyCase *rcase,
                   const char  *icon_name,
                   const char  *tooltip)
{
  RectifyCaseRow *row = find_case_row (GTK_WIDGET (f->window), rcase);
  g_autoptr(GtkTooltip) shown = NULL;
  gboolean shows = FALSE;
  GtkImage *image;

  g_assert_nonnull (row);
  image = GTK_IMAGE (rectify_test_find_type (GTK_WIDGET (row), GTK_TYPE_IMAGE));
  g_assert_nonnull (image);
  g_assert_cmpstr (gtk_image_get_icon_name (image), ==, icon_name);
  /* The icon's tooltip is given when the pointer asks for it. */
  g_assert_cmpstr (rectify_case_row_get_status_label (row), ==, tooltip);
  g_assert_true (gtk_widget_get_has_tooltip (GTK_WIDGET (image)));
  shown = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  g_signal_emit_by_name (image, "query-tooltip", 1, 1, FALSE, shown, &shows);
  g_assert_true (shows);
}

/* Each row says with an icon and words where its case stands, and follows
 * the case as it changes. */
static void
test_window_list_status (ListFixture   *f,
                         gconstpointer  data)
{
  assert_row_status (f, f->draft, "document-edit-symbolic", "Draft, not sent yet");
  assert_row_status (f, f->sent, "mail-send-symbolic", "Sent: follow-up to do");
  assert_row_status (f, f->failed, "dialog-warning-symbolic", "Not sent: needs your attention");
  /* The account names the row, or else the mistake. */
  g_assert_nonnull (rectify_test_find_label (GTK_WIDGET (find_case_row (GTK_WIDGET (f->window),
                                                                        f->failed)),
                                             "Beta Corp"));
  g_assert_nonnull (rectify_test_find_label (GTK_WIDGET (find_case_row (GTK_WIDGET (f->window),
                                                                        f->sent)),
                                             "Acme SL (ID 48213)"));

  rectify_case_set_send_state (f->draft, RECTIFY_SEND_STATE_QUEUED, NULL);
  rectify_test_iterate (20);
  assert_row_status (f, f->draft, "emblem-synchronizing-symbolic", "Waiting to send");

  {
    g_auto(GStrv) items = rectify_case_dup_checklist_items (f->sent);

    for (guint i = 0; items[i] != NULL; i++)
      rectify_case_set_checklist_done (f->sent, items[i], TRUE);
  }
  rectify_test_iterate (20);
  assert_row_status (f, f->sent, "emblem-ok-symbolic", "Finished");
}

static guint
n_listed (ListFixture *f)
{
  GtkSelectionModel *model = gtk_list_view_get_model (
    GTK_LIST_VIEW (rectify_test_find_case_list (GTK_WIDGET (f->window))));

  return g_list_model_get_n_items (G_LIST_MODEL (model));
}

typedef struct
{
  ListFixture *f;
  guint        n;
} ListedWait;

static gboolean
n_listed_is (gpointer data)
{
  ListedWait *wait = data;

  return n_listed (wait->f) == wait->n;
}

static void
search_for (ListFixture *f,
            const char  *text,
            guint        expected)
{
  GtkWidget *entry = gtk_window_get_focus (GTK_WINDOW (f->window));
  ListedWait wait = { f, expected };

  g_assert_true (GTK_IS_TEXT (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  /* The search waits a moment for more typing. */
  g_assert_true (rectify_test_iterate_until (n_listed_is, &wait));
  rectify_test_iterate (20);
  g_test_message ("search “%s”", text);
  g_assert_cmpuint (n_listed (f), ==, expected);
}

static RectifyCase *
listed (ListFixture *f,
        guint        position)
{
  GtkSelectionModel *model = gtk_list_view_get_model (
    GTK_LIST_VIEW (rectify_test_find_case_list (GTK_WIDGET (f->window))));
  g_autoptr(RectifyCase) rcase = g_list_model_get_item (G_LIST_MODEL (model), position);

  return rcase;
}

/* Ctrl+F searches the list by account, owner, licence type, reference and
 * request number, without case or accents; nothing found says so; Escape
 * brings every case back. */
static void
test_window_list_search (ListFixture   *f,
                         gconstpointer  data)
{
  g_autofree char *short_reference = NULL;

  g_assert_cmpuint (n_listed (f), ==, 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search-cases", NULL));
  rectify_test_iterate (20);

  search_for (f, "ALVAREZ", 1);
  g_assert_true (listed (f, 0) == f->draft);
  search_for (f, "gestión álv", 1);
  search_for (f, "dupont", 1);
  g_assert_true (listed (f, 0) == f->sent);
  search_for (f, "#4242", 1);
  g_assert_true (listed (f, 0) == f->sent);
  search_for (f, "smart", 3);
  short_reference = rectify_reference_shorten (rectify_case_get_reference (f->failed));
  search_for (f, short_reference, 1);
  g_assert_true (listed (f, 0) == f->failed);

  g_assert_null (rectify_test_find_label (GTK_WIDGET (f->window), "No Cases Match"));
  search_for (f, "zzz", 0);
  g_assert_nonnull (rectify_test_find_label (GTK_WIDGET (f->window), "No Cases Match"));
  search_for (f, "a", 3);
  g_assert_null (rectify_test_find_label (GTK_WIDGET (f->window), "No Cases Match"));
  search_for (f, "beta", 1);

  /* Enter opens the first case found. */
  g_signal_emit_by_name (gtk_window_get_focus (GTK_WINDOW (f->window)), "activate");
  g_assert_true (rectify_window_get_case (f->window) == f->failed);

  /* Escape ends the search: every case again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search-cases", NULL));
  rectify_test_iterate (20);
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (gtk_widget_get_ancestor (
    gtk_window_get_focus (GTK_WINDOW (f->window)), GTK_TYPE_SEARCH_BAR)), FALSE);
  rectify_test_iterate (20);
  g_assert_cmpuint (n_listed (f), ==, 3);
}

/* The action behind @label in @popover's menu, run as choosing it does. */
static void
choose_menu_item (GtkPopover *popover,
                  const char *label)
{
  GMenuModel *menu = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover));
  GPtrArray *models = g_ptr_array_new ();

  g_ptr_array_add (models, menu);
  for (guint m = 0; m < models->len; m++)
    {
      GMenuModel *model = g_ptr_array_index (models, m);

      for (int i = 0; i < g_menu_model_get_n_items (model); i++)
        {
          g_autofree char *item_label = NULL;
          g_autofree char *action = NULL;
          g_autoptr(GVariant) target = NULL;
          GMenuModel *section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

          if (section != NULL)
            {
              g_ptr_array_add (models, section);
              continue;
            }
          g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &item_label);
          if (g_strcmp0 (item_label, label) != 0)
            continue;
          g_assert_true (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s",
                                                          &action));
          target = g_menu_model_get_item_attribute_value (model, i, G_MENU_ATTRIBUTE_TARGET, NULL);
          /* As a menu item does: the menu goes, then the action runs. */
          gtk_popover_popdown (popover);
          g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (popover), action,
                                                             target));
          g_ptr_array_unref (models);
          return;
        }
    }

  g_ptr_array_unref (models);
  g_assert_not_reached ();
}

/* What Shift+F10 or the Menu key does in the list, run on its focused row. */
static void
press_menu_key (GtkWidget *list)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (list);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      g_autoptr(GtkShortcut) shortcut = NULL;

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      shortcut = g_list_model_get_item (G_LIST_MODEL (controller), 0);
      if (shortcut == NULL)
        continue;
      g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, list,
                                                   NULL));
      return;
    }

  g_assert_not_reached ();
}

static gboolean
has_label (gpointer data)
{
  gpointer *args = data;

  return rectify_test_find_label (args[0], args[1]) != NULL;
}

/* A row's menu (right click, Shift+F10, Menu) opens, duplicates and
 * deletes its case, whichever case the window shows; the Undo toast names
 * the case deleted. */
static void
test_window_list_menu (ListFixture   *f,
                       gconstpointer  data)
{
  GtkWidget *list = rectify_test_find_case_list (GTK_WIDGET (f->window));
  RectifyCaseRow *row;
  RectifyCase *copy;
  GtkPopover *menu;
  gpointer toast_args[] = { f->window, (gpointer) "Case “Beta Corp” deleted" };

  rectify_window_set_case (f->window, f->draft);
  rectify_test_iterate (20);

  /* The keyboard on the sent case's row; its menu. */
  row = find_case_row (GTK_WIDGET (f->window), f->sent);
  g_assert_true (gtk_widget_grab_focus (gtk_widget_get_parent (GTK_WIDGET (row))));
  press_menu_key (list);
  rectify_test_iterate (20);
  menu = rectify_case_row_get_menu (row);
  g_assert_nonnull (menu);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (menu)));

  choose_menu_item (menu, "_Open");
  g_assert_true (rectify_window_get_case (f->window) == f->sent);

  /* Duplicate: a new draft with what was typed, shown; the sent one as it
   * was. */
  rectify_case_row_popup_menu (row, NULL);
  choose_menu_item (rectify_case_row_get_menu (row), "D_uplicate");
  rectify_test_iterate (20);
  copy = rectify_window_get_case (f->window);
  g_assert_true (copy != f->sent);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 4);
  g_assert_true (rectify_case_store_lookup (f->store, rectify_case_get_reference (copy)) == copy);
  g_assert_cmpint (rectify_case_get_send_state (copy), ==, RECTIFY_SEND_STATE_DRAFT);
  g_assert_cmpint (rectify_case_get_request_id (copy), ==, 0);
  g_assert_cmpstr (rectify_case_get_text (copy, RECTIFY_TEXT_OWNER_NAME), ==, "Jean Dupont");
  g_assert_cmpint (rectify_case_get_request_id (f->sent), ==, 4242);
  g_assert_true (identify_page_visible (f->window));

  /* Delete another case than the one shown: the one shown stays. */
  row = find_case_row (GTK_WIDGET (f->window), f->failed);
  rectify_case_row_popup_menu (row, NULL);
  choose_menu_item (rectify_case_row_get_menu (row), "_Delete");
  g_assert_null (rectify_case_store_lookup (f->store, rectify_case_get_reference (f->failed)));
  g_assert_true (rectify_window_get_case (f->window) == copy);
  g_assert_true (rectify_test_iterate_until (has_label, toast_args));

  /* Its buttons' names have no underscore and are said once ("_Undo Undo"
   * is what GTK 4.8 made of the toast's own), the close button has one. */
  {
    GtkWidget *undo = rectify_test_find_action_button (GTK_WIDGET (f->window), "win.undo-delete");
    GtkWidget *close = NULL;
    char *error;

    g_assert_nonnull (undo);
    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (undo)), ==, "_Undo");
    g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (undo),
                                                      GTK_ACCESSIBLE_PROPERTY_LABEL));
    for (GtkWidget *child = gtk_widget_get_first_child (gtk_widget_get_parent (undo));
         child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_BUTTON (child) && child != undo)
        close = child;
    g_assert_nonnull (close);
    error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (close),
                                                GTK_ACCESSIBLE_PROPERTY_LABEL, "Close");
    g_assert_null (error);
  }

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo-delete", "s",
                              rectify_case_get_reference (f->failed));
  g_assert_true (rectify_case_store_lookup (f->store, rectify_case_get_reference (f->failed)) ==
                 f->failed);
}

static gboolean
label_shown (gpointer data)
{
  gpointer *args = data;

  return rectify_test_find_label (args[0], args[1]) != NULL;
}

static gboolean
label_gone (gpointer data)
{
  return !label_shown (data);
}

/* The first start (no case yet): the sidebar says what to have at hand,
 * with Start, and so does a line above step 1 when the sidebar is folded
 * away; both go once something is typed. With cases, neither is made. */
static void
test_window_first_start (void)
{
  g_autofree char *path = g_dir_make_tmp ("rectify-window-XXXXXX", NULL);
  g_autoptr(GFile) directory = g_file_new_for_path (path);
  g_autoptr(RectifyCaseStore) store = rectify_case_store_new (directory);
  RectifyWindow *window = rectify_window_new (NULL, store, NULL);
  gpointer welcome[] = { window, (gpointer) "Before You Start" };
  gpointer intro[] = { window, (gpointer) "Before you start, have at hand" };
  gboolean loaded = FALSE;
  GtkWidget *start = NULL;
  RectifyCase *rcase;

  rectify_test_set_today (2026, 11, 26);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  rectify_case_store_load_async (store, NULL, rectify_test_load_done_cb, &loaded);
  g_assert_true (rectify_test_iterate_until (is_true, &loaded));
  g_assert_true (rectify_test_iterate_until (label_shown, welcome));
  g_assert_nonnull (rectify_test_find_label (GTK_WIDGET (window), "the next billing date"));
  g_assert_nonnull (rectify_test_find_label (GTK_WIDGET (window), "account ID"));
  /* Wide: the sidebar shows it, the step does not repeat it. */
  g_assert_false (label_shown (intro));

  /* Start: the keyboard in step 1. */
  for (GtkWidget *w = rectify_test_find_label (GTK_WIDGET (window), "Before You Start");
       w != NULL && start == NULL;
       w = gtk_widget_get_parent (w))
    if (RECTIFY_IS_WELCOME (w))
      start = rectify_test_find_action_button (w, "win.new-case");
  g_assert_nonnull (start);
  gtk_widget_grab_focus (start);
  g_signal_emit_by_name (start, "clicked");
  rectify_test_iterate (20);
  g_assert_true (identify_page_visible (window));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)),
                                         GTK_WIDGET (rectify_window_get_visible_page (window))));

  /* Narrow: above step 1. */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
  g_assert_true (rectify_test_iterate_until (label_shown, intro));

  /* Something typed: a case of its own, in the list. */
  rcase = rectify_window_get_case (window);
  rectify_case_set_scenario (rcase, RECTIFY_SCENARIO_TOO_MANY);
  g_assert_true (rectify_test_iterate_until (label_gone, intro));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  g_assert_true (rectify_test_iterate_until (label_gone, welcome));
  g_assert_nonnull (find_case_row (GTK_WIDGET (window), rcase));

  gtk_window_destroy (GTK_WINDOW (window));
  rectify_test_flush_store (store);

  /* The next start, with that case: neither. */
  {
    g_autoptr(RectifyCaseStore) again = rectify_test_load_store (directory);

    window = rectify_window_new (NULL, again, NULL);
    welcome[0] = intro[0] = window;
    gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
    gtk_window_present (GTK_WINDOW (window));
    rectify_test_iterate (50);
    g_assert_false (label_shown (intro));
    gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
    rectify_test_iterate (50);
    g_assert_false (label_shown (welcome));
    gtk_window_destroy (GTK_WINDOW (window));
    rectify_test_flush_store (again);
  }

  rectify_test_remove_tree (directory);
  rectify_clock_set_today (NULL);
}

/* Toasts show over the step, not over Back and Next (at 360 px a toast is
 * as wide as the window). */
static void
test_window_toasts_above_buttons (void)
{
  RectifyWindow *window = g_object_new (RECTIFY_TYPE_WINDOW, NULL);
  GtkWidget *overlay;
  GtkWidget *back;
  GtkWidget *next;

  gtk_window_present (GTK_WINDOW (window));
  rectify_test_iterate (20);
  overlay = rectify_test_find_type (GTK_WIDGET (window), ADW_TYPE_TOAST_OVERLAY);
  back = rectify_test_find_action_button (GTK_WIDGET (window), "win.go-back");
  next = rectify_test_find_action_button (GTK_WIDGET (window), "win.go-next");
  g_assert_nonnull (overlay);
  g_assert_nonnull (back);
  g_assert_nonnull (next);
  g_assert_false (gtk_widget_is_ancestor (back, overlay));
  g_assert_false (gtk_widget_is_ancestor (next, overlay));
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (rectify_window_get_visible_page (window)),
                                         overlay));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_menu_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget) &&
         g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)), data) == 0;
}

/* The main menu's popover is made when it first opens, with every item,
 * and kept for the next time. */
static void
test_window_menu_on_demand (void)
{
  RectifyWindow *window = g_object_new (RECTIFY_TYPE_WINDOW, NULL);
  GtkMenuButton *button;
  GtkPopover *popover = NULL;

  gtk_window_present (GTK_WINDOW (window));
  rectify_test_iterate (20);
  button = GTK_MENU_BUTTON (rectify_test_find_widget (GTK_WIDGET (window), is_menu_button,
                                                      "open-menu-symbolic"));
  g_assert_nonnull (button);
  g_assert_null (gtk_menu_button_get_popover (button));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (button)));

  for (guint round = 0; round < 2; round++)
    {
      gtk_menu_button_popup (button);
      rectify_test_iterate (20);
      g_assert_true (popover == NULL || gtk_menu_button_get_popover (button) == popover);
      popover = gtk_menu_button_get_popover (button);
      g_assert_nonnull (popover);
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
      g_assert_nonnull (rectify_test_find_label (GTK_WIDGET (popover), "New Case"));
      g_assert_nonnull (rectify_test_find_label (GTK_WIDGET (popover), "About Rectify"));
      gtk_menu_button_popdown (button);
      rectify_test_iterate (10);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The shortcuts window is built when asked for (Ctrl+?), not with every
 * window; asked for twice, it is the same one. */
static void
test_window_shortcuts_on_demand (void)
{
  RectifyWindow *window = g_object_new (RECTIFY_TYPE_WINDOW, NULL);
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint before;
  GtkWindow *shortcuts = NULL;

  gtk_window_present (GTK_WINDOW (window));
  rectify_test_iterate (20);
  before = g_list_model_get_n_items (toplevels);
  for (guint i = 0; i < before; i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      g_assert_false (GTK_IS_SHORTCUTS_WINDOW (toplevel));
    }

  for (guint round = 0; round < 2; round++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay",
                                                 NULL));
      rectify_test_iterate (20);
      g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, before + 1);
      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

          if (GTK_IS_SHORTCUTS_WINDOW (toplevel))
            {
              g_assert_true (shortcuts == NULL || shortcuts == GTK_WINDOW (toplevel));
              shortcuts = GTK_WINDOW (toplevel);
            }
        }
      g_assert_nonnull (shortcuts);
      /* The window's help overlay, which shows the window's accelerators. */
      g_assert_true (GTK_WINDOW (gtk_application_window_get_help_overlay (
                       GTK_APPLICATION_WINDOW (window))) == shortcuts);
      g_assert_true (gtk_window_get_transient_for (shortcuts) == GTK_WINDOW (window));
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
      gtk_window_close (shortcuts);
      rectify_test_iterate (10);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  rectify_test_iterate (10);
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, before - 1);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window/next-gated-on-scenario", test_window_next_gated_on_scenario);
  g_test_add_func ("/window/follows-model", test_window_follows_model);
  g_test_add_func ("/window/paste-megabytes", test_window_paste_megabytes);
  g_test_add_func ("/window/price-checks", test_window_price_checks);
  g_test_add_func ("/window/attachments", test_window_attachments);
  g_test_add_func ("/window/tab-past-messages", test_window_tab_past_messages);
  g_test_add_func ("/window/next-shows-problems", test_window_next_shows_problems);
  g_test_add_func ("/window/ctrl-w", test_window_ctrl_w);
  g_test_add_func ("/window/focus-starts-in-page", test_window_focus_starts_in_page);
  g_test_add_func ("/window/text-columns", test_window_text_columns);
  g_test_add_func ("/window/row-borders-one-colour", test_window_row_borders_one_colour);
  g_test_add_func ("/window/list-opens-on-case", test_window_list_opens_on_case);
  g_test_add_func ("/window/opens-before-load", test_window_opens_before_load);
  g_test_add_func ("/window/pages-made-when-shown", test_window_pages_made_when_shown);
  g_test_add_func ("/window/new-case-gives-way", test_window_new_case_gives_way);
  g_test_add_func ("/window/remembers-case-shown", test_window_remembers_case_shown);
  g_test_add_func ("/window/self-service-hint", test_window_self_service_hint);
  g_test_add_func ("/window/choice-groups", test_window_choice_groups);
  g_test_add_func ("/window/focus-starts-on-first-field", test_window_focus_starts_on_first_field);
  g_test_add_func ("/window/choices-set-case", test_window_choices_set_case);
  g_test_add_func ("/window/choices-show-case", test_window_choices_show_case);
  g_test_add_func ("/window/choices-keyboard", test_window_choices_keyboard);
  g_test_add_func ("/window/first-start", test_window_first_start);
  g_test_add_func ("/window/toasts-above-buttons", test_window_toasts_above_buttons);
  g_test_add_func ("/window/shortcuts-on-demand", test_window_shortcuts_on_demand);
  g_test_add_func ("/window/menu-on-demand", test_window_menu_on_demand);
  g_test_add ("/window/list/status", ListFixture, NULL, list_fixture_set_up,
              test_window_list_status, list_fixture_tear_down);
  g_test_add ("/window/list/search", ListFixture, NULL, list_fixture_set_up,
              test_window_list_search, list_fixture_tear_down);
  g_test_add ("/window/list/menu", ListFixture, NULL, list_fixture_set_up,
              test_window_list_menu, list_fixture_tear_down);

  return g_test_run ();
}
