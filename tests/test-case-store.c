/* test-case-store.c: case files, autosave, corrupt files, removal
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "rectify-case-file.h"
#include "rectify-case-store.h"
#include "rectify-test-case.h"

typedef struct
{
  GFile            *directory;
  RectifyCaseStore *store;
  guint             saved;
} Fixture;

static void
wait_for (gboolean *flag)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!*flag && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (*flag);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GPtrArray **set_aside = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (rectify_case_store_load_finish (RECTIFY_CASE_STORE (object), result,
                                                 set_aside, &error));
  g_assert_no_error (error);
}

static GPtrArray *
load_store (RectifyCaseStore *store)
{
  GPtrArray *set_aside = NULL;

  rectify_case_store_load_async (store, NULL, load_cb, &set_aside);
  while (set_aside == NULL)
    g_main_context_iteration (NULL, TRUE);

  return set_aside;
}

static void
on_saved (RectifyCaseStore *store,
          RectifyCase      *rcase,
          Fixture          *fixture)
{
  fixture->saved++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) set_aside = NULL;

  fixture->directory = g_file_new_build_filename (g_get_user_data_dir (), "rectify", "cases",
                                                  NULL);
  fixture->store = rectify_case_store_new (NULL);
  g_signal_connect (fixture->store, "saved", G_CALLBACK (on_saved), fixture);
  set_aside = load_store (fixture->store);
  g_assert_cmpuint (set_aside->len, ==, 0);
}

static void
flush_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  gboolean *done = user_data;

  rectify_case_store_flush_finish (RECTIFY_CASE_STORE (object), result, NULL);
  *done = TRUE;
}

static void
flush (RectifyCaseStore *store)
{
  gboolean done = FALSE;

  rectify_case_store_flush_async (store, NULL, flush_cb, &done);
  wait_for (&done);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  flush (fixture->store);
  g_assert_finalize_object (fixture->store);
  g_clear_object (&fixture->directory);
}

static GFile *
case_file (Fixture     *fixture,
           RectifyCase *rcase)
{
  g_autofree char *name = g_strconcat (rectify_case_get_reference (rcase), ".json", NULL);

  return g_file_get_child (fixture->directory, name);
}

static guint
file_mode (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  GStatBuf buf;

  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  return buf.st_mode & 0777;
}

static RectifyCase *
read_case_file (GFile *file)
{
  g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  RectifyCase *rcase;

  g_assert_nonnull (bytes);
  rcase = rectify_case_from_bytes (bytes, &error);
  g_assert_no_error (error);
  return rcase;
}

static void
wait_saves (Fixture *fixture,
            guint    count)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (fixture->saved < count && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (fixture->saved, >=, count);
}

static void
test_store_new_case_saved (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autoptr(RectifyCase) copy = NULL;
  g_autoptr(GFile) file = case_file (fixture, rcase);

  g_assert_cmpuint (file_mode (fixture->directory), ==, 0700);

  rectify_case_store_add (fixture->store, rcase);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 1);
  g_assert_true (rectify_case_store_lookup (fixture->store, rectify_case_get_reference (rcase)) == rcase);
  g_assert_true (rectify_case_store_has_unsaved (fixture->store));

  wait_saves (fixture, 1);
  g_assert_false (rectify_case_store_has_unsaved (fixture->store));
  g_assert_true (g_file_query_exists (file, NULL));
  g_assert_cmpuint (file_mode (file), ==, 0600);

  copy = read_case_file (file);
  g_assert_cmpstr (rectify_case_get_reference (copy), ==, rectify_case_get_reference (rcase));
}

static void
test_store_autosave_debounced (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autoptr(RectifyCase) copy = NULL;
  g_autoptr(GFile) file = case_file (fixture, rcase);
  gint64 changed_at, saved_at;

  rectify_case_store_add (fixture->store, rcase);
  wait_saves (fixture, 1);

  /* A burst of typing: one save, after the last keystroke. */
  changed_at = g_get_monotonic_time ();
  rectify_case_set_text (rcase, RECTIFY_TEXT_OWNER_NAME, "A");
  rectify_case_set_text (rcase, RECTIFY_TEXT_OWNER_NAME, "An");
  rectify_case_set_text (rcase, RECTIFY_TEXT_OWNER_NAME, "Ana");
  g_assert_cmpuint (fixture->saved, ==, 1);
  wait_saves (fixture, 2);
  saved_at = g_get_monotonic_time ();

  /* Not before the delay after the last keystroke. How soon after it is
   * a figure for bench/, not an assertion: a loaded machine is slower. */
  g_assert_cmpint (saved_at - changed_at, >=, RECTIFY_CASE_STORE_AUTOSAVE_MS * 1000);
  g_assert_cmpuint (fixture->saved, ==, 2);

  copy = read_case_file (file);
  g_assert_cmpstr (rectify_case_get_text (copy, RECTIFY_TEXT_OWNER_NAME), ==, "Ana");
  g_assert_cmpuint (file_mode (file), ==, 0600);
}

static void
test_store_flush_writes_now (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autoptr(RectifyCase) copy = NULL;
  g_autoptr(GFile) file = case_file (fixture, rcase);

  /* A long delay, so only the flush can write it. */
  rectify_case_store_set_autosave_delay (fixture->store, 60000, 60000);
  rectify_case_store_add (fixture->store, rcase);
  rectify_case_set_text (rcase, RECTIFY_TEXT_ACCOUNT, "Acme");
  flush (fixture->store);

  copy = read_case_file (file);
  g_assert_cmpstr (rectify_case_get_text (copy, RECTIFY_TEXT_ACCOUNT), ==, "Acme");
}

typedef struct
{
  gboolean  done;
  GError   *error;
} SaveResult;

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SaveResult *save = user_data;

  rectify_case_store_save_finish (RECTIFY_CASE_STORE (object), result, &save->error);
  save->done = TRUE;
}

static GError *
save_case (RectifyCaseStore *store,
           RectifyCase      *rcase)
{
  SaveResult save = { FALSE, NULL };

  rectify_case_store_save_async (store, rcase, NULL, save_cb, &save);
  wait_for (&save.done);

  return save.error;
}

static void
test_store_save_one_now (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autoptr(RectifyCase) removed = rectify_case_new ();
  g_autoptr(RectifyCase) copy = NULL;
  g_autoptr(GFile) file = case_file (fixture, rcase);
  g_autoptr(GFile) removed_file = case_file (fixture, removed);
  g_autoptr(GError) error = NULL;

  rectify_case_store_add (fixture->store, removed);
  flush (fixture->store);
  rectify_case_store_remove (fixture->store, removed);

  /* A long delay, so only the save can write it. */
  rectify_case_store_set_autosave_delay (fixture->store, 60000, 60000);
  rectify_case_store_add (fixture->store, rcase);
  rectify_case_set_text (rcase, RECTIFY_TEXT_ACCOUNT, "Acme");
  error = save_case (fixture->store, rcase);
  g_assert_no_error (error);

  copy = read_case_file (file);
  g_assert_cmpstr (rectify_case_get_text (copy, RECTIFY_TEXT_ACCOUNT), ==, "Acme");

  /* Unlike a flush, it leaves a removal undoable; a removed case is not
   * saved. */
  g_assert_true (g_file_query_exists (removed_file, NULL));
  error = save_case (fixture->store, removed);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  rectify_case_store_undo_remove (fixture->store, removed);
  g_assert_true (rectify_case_store_lookup (fixture->store,
                                            rectify_case_get_reference (removed)) == removed);
}

static void
test_store_reload_sorted (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(RectifyCaseStore) store = NULL;
  g_autoptr(GPtrArray) set_aside = NULL;
  g_autoptr(RectifyCase) first = rectify_case_new ();
  g_autoptr(RectifyCase) second = rectify_case_new ();
  g_autoptr(RectifyCase) third = rectify_case_new ();
  g_autoptr(RectifyCase) top = NULL;
  RectifyCase *cases[] = { first, second, third };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      rectify_case_store_add (fixture->store, cases[i]);
      g_usleep (2000);
      rectify_case_set_text (cases[i], RECTIFY_TEXT_ACCOUNT, "touched");
    }

  /* The most recently changed first. */
  top = g_list_model_get_item (G_LIST_MODEL (fixture->store), 0);
  g_assert_true (top == third);
  g_clear_object (&top);

  /* Changing the oldest moves it to the top. */
  g_usleep (2000);
  rectify_case_set_text (first, RECTIFY_TEXT_ACCOUNT, "touched again");
  top = g_list_model_get_item (G_LIST_MODEL (fixture->store), 0);
  g_assert_true (top == first);
  g_clear_object (&top);

  flush (fixture->store);

  store = rectify_case_store_new (NULL);
  set_aside = load_store (store);
  g_assert_cmpuint (set_aside->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);

  top = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_assert_cmpstr (rectify_case_get_reference (top), ==, rectify_case_get_reference (first));
  g_assert_cmpstr (rectify_case_get_text (top, RECTIFY_TEXT_ACCOUNT), ==, "touched again");
  g_clear_object (&top);
  top = g_list_model_get_item (G_LIST_MODEL (store), 2);
  g_assert_cmpstr (rectify_case_get_reference (top), ==, rectify_case_get_reference (second));
}

static void
test_store_corrupt_set_aside (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(RectifyCaseStore) store = NULL;
  g_autoptr(GPtrArray) set_aside = NULL;
  g_autoptr(RectifyCase) good = rectify_case_new ();
  g_autoptr(GFile) good_file = case_file (fixture, good);
  g_autoptr(GFile) truncated = g_file_get_child (fixture->directory, "truncated.json");
  g_autoptr(GFile) garbage = g_file_get_child (fixture->directory, "garbage.json");
  g_autoptr(GFile) empty = g_file_get_child (fixture->directory, "empty.json");
  g_autoptr(GFile) ignored = g_file_get_child (fixture->directory, "notes.txt");
  g_autoptr(GFile) leftover = NULL;
  g_autofree char *leftover_name = NULL;
  g_autofree char *good_path = g_file_get_path (good_file);
  g_autofree char *contents = NULL;
  g_autofree char *truncated_path = g_file_get_path (truncated);
  gsize length;

  rectify_case_set_text (good, RECTIFY_TEXT_ACCOUNT, "Acme");
  rectify_case_store_add (fixture->store, good);
  flush (fixture->store);

  /* Half of a real case file, as a crash mid-write by something else would
   * leave it; random bytes; nothing. */
  g_assert_true (g_file_get_contents (good_path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (truncated_path, contents, length / 2, NULL));
  g_assert_true (g_file_replace_contents (garbage, "\x89PNG\r\n\x1a\n\xff\xfe", 10, NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, NULL));
  g_assert_true (g_file_replace_contents (empty, "", 0, NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, NULL));
  g_assert_true (g_file_replace_contents (ignored, "hello", 5, NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, NULL));
  /* What a save cut short by a kill leaves: a temporary copy. */
  leftover_name = g_strconcat (rectify_case_get_reference (good), ".json.Ab12Cd", NULL);
  leftover = g_file_get_child (fixture->directory, leftover_name);
  g_assert_true (g_file_replace_contents (leftover, contents, length, NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, NULL));

  store = rectify_case_store_new (NULL);
  set_aside = load_store (store);

  /* The good case still loads; the bad files are moved aside, reported, and
   * not read again. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_assert_cmpuint (set_aside->len, ==, 3);
  for (guint i = 0; i < set_aside->len; i++)
    {
      g_autofree char *name = g_file_get_basename (g_ptr_array_index (set_aside, i));

      g_assert_true (g_str_has_suffix (name, ".json.corrupt"));
      g_assert_true (g_file_query_exists (g_ptr_array_index (set_aside, i), NULL));
    }
  g_assert_false (g_file_query_exists (truncated, NULL));
  g_assert_false (g_file_query_exists (garbage, NULL));
  g_assert_true (g_file_query_exists (ignored, NULL));
  /* The leftover copy of personal data is gone; the case itself stays. */
  g_assert_false (g_file_query_exists (leftover, NULL));
  g_assert_true (g_file_query_exists (good_file, NULL));

  g_clear_object (&store);
  g_clear_pointer (&set_aside, g_ptr_array_unref);
  store = rectify_case_store_new (NULL);
  set_aside = load_store (store);
  g_assert_cmpuint (set_aside->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
}

static void
test_store_remove_undo_commit (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autoptr(GFile) file = case_file (fixture, rcase);
  const char *reference = rectify_case_get_reference (rcase);

  rectify_case_store_add (fixture->store, rcase);
  flush (fixture->store);
  g_assert_true (g_file_query_exists (file, NULL));

  rectify_case_store_remove (fixture->store, rcase);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 0);
  g_assert_null (rectify_case_store_lookup (fixture->store, reference));
  /* Nothing deleted before the removal is committed. */
  g_assert_true (g_file_query_exists (file, NULL));

  /* A change made meanwhile is kept for the undo. */
  rectify_case_set_text (rcase, RECTIFY_TEXT_ACCOUNT, "changed while removed");

  rectify_case_store_undo_remove (fixture->store, rcase);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 1);
  g_assert_true (rectify_case_store_lookup (fixture->store, reference) == rcase);

  rectify_case_store_remove (fixture->store, rcase);
  rectify_case_store_commit_remove (fixture->store, rcase);
  flush (fixture->store);
  g_assert_false (g_file_query_exists (file, NULL));
}

static void
test_store_flush_commits_removal (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autoptr(GFile) file = case_file (fixture, rcase);

  rectify_case_store_add (fixture->store, rcase);
  flush (fixture->store);
  rectify_case_store_remove (fixture->store, rcase);
  flush (fixture->store);
  g_assert_false (g_file_query_exists (file, NULL));
}

static void
notify_flag (GObject    *object,
             GParamSpec *pspec,
             gboolean   *flag)
{
  *flag = TRUE;
}

static void
test_store_save_failure_kept (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autoptr(RectifyCase) copy = NULL;
  g_autoptr(GFile) file = case_file (fixture, rcase);
  g_autofree char *path = g_file_get_path (file);
  gboolean error_changed = FALSE;

  /* A directory where the file should go: every write fails, as on a full
   * disk, whatever the user's privileges. */
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  rectify_case_store_set_autosave_delay (fixture->store, 10, 50);
  g_signal_connect (fixture->store, "notify::save-error", G_CALLBACK (notify_flag),
                    &error_changed);

  rectify_case_store_add (fixture->store, rcase);
  rectify_case_set_text (rcase, RECTIFY_TEXT_OWNER_NAME, "Ana");
  wait_for (&error_changed);
  g_assert_nonnull (rectify_case_store_get_save_error (fixture->store));
  g_assert_true (rectify_case_store_has_unsaved (fixture->store));
  /* The edit is still there, in memory. */
  g_assert_cmpstr (rectify_case_get_text (rcase, RECTIFY_TEXT_OWNER_NAME), ==, "Ana");

  /* Space is back: the retry saves it, and the error goes. */
  error_changed = FALSE;
  g_assert_cmpint (g_rmdir (path), ==, 0);
  wait_for (&error_changed);
  g_assert_null (rectify_case_store_get_save_error (fixture->store));
  g_assert_false (rectify_case_store_has_unsaved (fixture->store));

  copy = read_case_file (file);
  g_assert_cmpstr (rectify_case_get_text (copy, RECTIFY_TEXT_OWNER_NAME), ==, "Ana");
}

static void
test_store_directory_tightened (void)
{
  g_autoptr(GFile) directory = g_file_new_build_filename (g_get_user_data_dir (), "loose", NULL);
  g_autofree char *path = g_file_get_path (directory);
  g_autoptr(RectifyCaseStore) store = NULL;
  g_autoptr(GPtrArray) set_aside = NULL;

  g_assert_cmpint (g_mkdir_with_parents (path, 0755), ==, 0);
  g_assert_cmpint (g_chmod (path, 0755), ==, 0);
  store = rectify_case_store_new (directory);
  set_aside = load_store (store);
  g_assert_cmpuint (file_mode (directory), ==, 0700);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/new-case-saved", test_store_new_case_saved);
  ADD ("/store/autosave-debounced", test_store_autosave_debounced);
  ADD ("/store/flush-writes-now", test_store_flush_writes_now);
  ADD ("/store/save-one-now", test_store_save_one_now);
  ADD ("/store/reload-sorted", test_store_reload_sorted);
  ADD ("/store/corrupt-set-aside", test_store_corrupt_set_aside);
  ADD ("/store/remove-undo-commit", test_store_remove_undo_commit);
  ADD ("/store/flush-commits-removal", test_store_flush_commits_removal);
  ADD ("/store/save-failure-kept", test_store_save_failure_kept);
  g_test_add_func ("/store/directory-tightened", test_store_directory_tightened);

#undef ADD

  return g_test_run ();
}
