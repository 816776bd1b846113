/* test-case-store.c: case files, autosave, corrupt files, removal
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

/* seteuid () and pwrite (), for the unreadable and the sparse files. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rectify-case-file.h"
#include "rectify-case-store.h"
#include "rectify-submission-private.h"
#include "rectify-json-reader.h"
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
  g_autoptr(RectifyCase) rcase = rectify_test_case_new_entered ();
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
  g_autoptr(RectifyCase) rcase = rectify_test_case_new_entered ();
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
  g_autoptr(RectifyCase) rcase = rectify_test_case_new_entered ();
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
  g_autoptr(RectifyCase) rcase = rectify_test_case_new_entered ();
  g_autoptr(RectifyCase) removed = rectify_test_case_new_entered ();
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
  g_autoptr(RectifyCase) first = rectify_test_case_new_entered ();
  g_autoptr(RectifyCase) second = rectify_test_case_new_entered ();
  g_autoptr(RectifyCase) third = rectify_test_case_new_entered ();
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
  g_autoptr(RectifyCase) good = rectify_test_case_new_entered ();
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
  /* The leftover copy of personal data is gone once the store is idle;
   * the case itself stays. */
  flush (store);
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
  g_autoptr(RectifyCase) rcase = rectify_test_case_new_entered ();
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
  g_autoptr(RectifyCase) rcase = rectify_test_case_new_entered ();
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
  g_autoptr(RectifyCase) rcase = rectify_test_case_new_entered ();
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

/* Loading: duplicates, sizes, unreadable files */

static const RectifyLoadProblem *
find_problem (RectifyCaseStore       *store,
              RectifyLoadProblemKind  kind,
              guint                   nth)
{
  GPtrArray *problems = rectify_case_store_get_load_problems (store);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const RectifyLoadProblem *problem = g_ptr_array_index (problems, i);

      if (problem->kind == kind && nth-- == 0)
        return problem;
    }

  return NULL;
}

static guint
count_problems (RectifyCaseStore *store)
{
  GPtrArray *problems = rectify_case_store_get_load_problems (store);

  return problems != NULL ? problems->len : 0;
}

/* @rcase as a file named @name, its "updated" replaced by @updated when
 * given (as a sync tool's copy keeps whatever it had). */
static GFile *
write_case (GFile       *directory,
            const char  *name,
            RectifyCase *rcase,
            const char  *updated)
{
  g_autoptr(JsonNode) root = rectify_case_to_json (rcase);
  g_autoptr(GFile) file = g_file_get_child (directory, name);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (updated != NULL)
    json_object_set_string_member (json_node_get_object (root), "updated", updated);
  text = json_to_string (root, TRUE);
  g_file_replace_contents (file, text, strlen (text), NULL, FALSE, G_FILE_CREATE_PRIVATE,
                           NULL, NULL, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&file);
}

static void
remove_cases (GFile *directory)
{
  rectify_test_remove_tree (directory);
  g_assert_cmpint (g_mkdir_with_parents (g_file_peek_path (directory), 0700), ==, 0);
}

/* A complete draft, and a copy of it that was sent (request 4242): what a
 * sync tool leaves as two files. Returns the draft as saved. */
static GBytes *
draft_and_sent (RectifyCase **draft,
                RectifyCase **sent)
{
  GBytes *bytes;

  *draft = rectify_test_case_new_entered ();
  rectify_test_fill_complete (*draft, RECTIFY_SCENARIO_UNINTENDED);
  bytes = rectify_case_to_bytes (*draft);
  *sent = rectify_case_from_bytes (bytes, NULL);
  rectify_case_set_send_state (*sent, RECTIFY_SEND_STATE_SENT, NULL);
  rectify_case_set_request (*sent, 4242, "https://desk.example/hc/requests/4242", "new");

  return bytes;
}

/* Two files with one reference (a sync tool's "copy of …"): the copy that
 * got further in sending wins whatever the names and however stale it is;
 * then the newer. The other is set aside, named, and never read again. */
static void
test_store_duplicates (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(RectifyCase) draft = NULL;
  g_autoptr(RectifyCase) sent = NULL;
  g_autoptr(GBytes) bytes = draft_and_sent (&draft, &sent);
  const char *reference = rectify_case_get_reference (draft);
  g_autofree char *plain_name = g_strconcat (reference, ".json", NULL);
  g_autofree char *copy_name = g_strconcat ("copy of ", reference, ".json", NULL);

  /* Both ways round: the directory's order must not decide. */
  for (guint round = 0; round < 2; round++)
    {
      const char *sent_name = round == 0 ? plain_name : copy_name;
      const char *draft_name = round == 0 ? copy_name : plain_name;
      g_autoptr(RectifyCaseStore) store = NULL;
      g_autoptr(GPtrArray) set_aside = NULL;
      g_autoptr(GFile) sent_file = NULL;
      g_autoptr(GFile) draft_file = NULL;
      g_autofree char *moved_name = NULL;
      const RectifyLoadProblem *problem;
      RectifyCase *loaded;

      remove_cases (fixture->directory);
      /* The draft copy is the newer one: it still loses. */
      sent_file = write_case (fixture->directory, sent_name, sent, "2026-11-02T10:00:00Z");
      draft_file = write_case (fixture->directory, draft_name, draft, "2026-11-30T10:00:00Z");

      store = rectify_case_store_new (NULL);
      set_aside = load_store (store);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
      loaded = rectify_case_store_lookup (store, reference);
      g_assert_nonnull (loaded);
      g_assert_cmpint (rectify_case_get_send_state (loaded), ==, RECTIFY_SEND_STATE_SENT);
      g_assert_cmpint (rectify_case_get_request_id (loaded), ==, 4242);

      g_assert_cmpuint (count_problems (store), ==, 1);
      problem = find_problem (store, RECTIFY_LOAD_PROBLEM_DUPLICATE, 0);
      g_assert_nonnull (problem);
      g_assert_true (g_file_equal (problem->file, draft_file));
      g_assert_true (g_file_equal (problem->kept, sent_file));
      moved_name = g_file_get_basename (problem->moved_to);
      g_assert_true (g_str_has_prefix (moved_name, draft_name));
      g_assert_true (g_str_has_suffix (moved_name, ".json.duplicate"));
      g_assert_true (g_file_query_exists (problem->moved_to, NULL));
      g_assert_false (g_file_query_exists (draft_file, NULL));
      g_assert_true (g_file_query_exists (sent_file, NULL));
      g_assert_cmpuint (set_aside->len, ==, 1);

      /* Next start: one file, one case, nothing to say. */
      g_clear_object (&store);
      g_clear_pointer (&set_aside, g_ptr_array_unref);
      store = rectify_case_store_new (NULL);
      set_aside = load_store (store);
      g_assert_cmpuint (count_problems (store), ==, 0);
      g_assert_cmpint (rectify_case_get_request_id (rectify_case_store_lookup (store, reference)),
                       ==, 4242);
    }

  /* Two drafts: the one changed last wins. */
  {
    g_autoptr(RectifyCaseStore) store = NULL;
    g_autoptr(GPtrArray) set_aside = NULL;
    g_autoptr(GFile) older = NULL;
    g_autoptr(GFile) newer = NULL;
    g_autoptr(RectifyCase) edited = rectify_case_from_bytes (bytes, NULL);
    const RectifyLoadProblem *problem;

    remove_cases (fixture->directory);
    rectify_case_set_text (edited, RECTIFY_TEXT_ACCOUNT, "Edited later SL");
    newer = write_case (fixture->directory, plain_name, edited, "2026-11-30T10:00:01Z");
    older = write_case (fixture->directory, copy_name, draft, "2026-11-30T10:00:00Z");

    store = rectify_case_store_new (NULL);
    set_aside = load_store (store);
    g_assert_cmpstr (rectify_case_get_text (rectify_case_store_lookup (store, reference),
                                            RECTIFY_TEXT_ACCOUNT), ==, "Edited later SL");
    problem = find_problem (store, RECTIFY_LOAD_PROBLEM_DUPLICATE, 0);
    g_assert_nonnull (problem);
    g_assert_true (g_file_equal (problem->file, older));
    g_assert_true (g_file_equal (problem->kept, newer));
  }
}

static glong
max_rss_kb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);

  return usage.ru_maxrss;
}

/* A 300 MB case file was read whole (1.3 GB of RSS); nested 100,000 deep,
 * it crashed every start. Both are set aside; the big one unread. */
/* The case the owner left is read first, alone; the full load then adds the
 * others around the same object, edits made in between included. */
static void
test_store_open_ahead (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(RectifyCase) oldest = rectify_test_case_new_entered ();
  g_autoptr(RectifyCase) left = rectify_test_case_new_entered ();
  g_autoptr(RectifyCase) newest = rectify_test_case_new_entered ();
  g_autoptr(RectifyCaseStore) store = NULL;
  g_autoptr(GPtrArray) set_aside = NULL;
  g_autoptr(RectifyCase) ahead = NULL;
  g_autoptr(RectifyCase) first = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *left_name = g_strconcat (rectify_case_get_reference (left), ".json", NULL);
  g_autofree char *oldest_name = g_strconcat (rectify_case_get_reference (oldest), ".json",
                                              NULL);
  g_autofree char *newest_name = g_strconcat (rectify_case_get_reference (newest), ".json",
                                              NULL);

  remove_cases (fixture->directory);
  g_object_unref (write_case (fixture->directory, oldest_name, oldest, "2026-11-01T10:00:00Z"));
  g_object_unref (write_case (fixture->directory, left_name, left, "2026-11-20T10:00:00Z"));
  g_object_unref (write_case (fixture->directory, newest_name, newest, "2026-11-30T10:00:00Z"));

  store = rectify_case_store_new (NULL);
  ahead = rectify_test_open_ahead (store, rectify_case_get_reference (left), &error);
  g_assert_no_error (error);
  g_assert_nonnull (ahead);
  g_assert_cmpstr (rectify_case_get_text (ahead, RECTIFY_TEXT_INVOICE_NUMBER), ==, "F-2026-0042");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_assert_false (rectify_case_store_is_loaded (store));

  /* Typed into while the others load. */
  rectify_case_set_text (ahead, RECTIFY_TEXT_ACCOUNT, "Typed while loading SL");

  set_aside = load_store (store);
  g_assert_true (rectify_case_store_is_loaded (store));
  g_assert_cmpuint (set_aside->len, ==, 0);
  g_assert_cmpuint (count_problems (store), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);
  g_assert_true (rectify_case_store_lookup (store, rectify_case_get_reference (left)) == ahead);
  g_assert_cmpstr (rectify_case_get_text (ahead, RECTIFY_TEXT_ACCOUNT), ==,
                   "Typed while loading SL");
  /* Changed last, so first. */
  first = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_assert_true (first == ahead);
  rectify_test_flush_store (store);
  {
    g_autofree char *path = g_build_filename (g_file_peek_path (fixture->directory),
                                              left_name, NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(RectifyCase) copy = read_case_file (file);

    g_assert_cmpstr (rectify_case_get_text (copy, RECTIFY_TEXT_ACCOUNT), ==,
                     "Typed while loading SL");
  }

  /* Only a reference names a file; a missing one is an error, not a case. */
  g_clear_object (&store);
  store = rectify_case_store_new (NULL);
  g_assert_null (rectify_test_open_ahead (store, "../../../etc/passwd", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (rectify_test_open_ahead (store, "6a1c1d2e-0000-4000-8000-000000000000", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
}

/* Read ahead, a draft; a sync tool's copy of it holds the send record: the
 * full load replaces the draft by the sent copy, as between any two files,
 * so Send can never be pressed on the stale one after loading. The other way
 * round, the copy read ahead stays. */
static void
test_store_open_ahead_duplicate (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(RectifyCase) draft = NULL;
  g_autoptr(RectifyCase) sent = NULL;
  g_autoptr(GBytes) bytes = draft_and_sent (&draft, &sent);
  const char *reference = rectify_case_get_reference (draft);
  g_autofree char *plain_name = g_strconcat (reference, ".json", NULL);
  g_autofree char *copy_name = g_strconcat ("copy of ", reference, ".json", NULL);

  for (guint round = 0; round < 2; round++)
    {
      RectifyCase *ahead_case = round == 0 ? draft : sent;
      RectifyCase *copy_case = round == 0 ? sent : draft;
      g_autoptr(RectifyCaseStore) store = NULL;
      g_autoptr(GPtrArray) set_aside = NULL;
      g_autoptr(RectifyCase) ahead = NULL;
      g_autoptr(GFile) plain = NULL;
      g_autoptr(GFile) copy = NULL;
      const RectifyLoadProblem *problem;
      RectifyCase *kept;

      remove_cases (fixture->directory);
      plain = write_case (fixture->directory, plain_name, ahead_case, "2026-11-30T10:00:00Z");
      copy = write_case (fixture->directory, copy_name, copy_case, "2026-11-02T10:00:00Z");

      store = rectify_case_store_new (NULL);
      ahead = rectify_test_open_ahead (store, reference, NULL);
      g_assert_nonnull (ahead);
      g_assert_cmpint (rectify_case_get_request_id (ahead), ==, round == 0 ? 0 : 4242);

      set_aside = load_store (store);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
      kept = rectify_case_store_lookup (store, reference);
      g_assert_cmpint (rectify_case_get_send_state (kept), ==, RECTIFY_SEND_STATE_SENT);
      g_assert_cmpint (rectify_case_get_request_id (kept), ==, 4242);
      g_assert_true ((kept == ahead) == (round == 1));

      g_assert_cmpuint (count_problems (store), ==, 1);
      problem = find_problem (store, RECTIFY_LOAD_PROBLEM_DUPLICATE, 0);
      g_assert_nonnull (problem);
      g_assert_true (g_file_equal (problem->file, round == 0 ? plain : copy));
      g_assert_true (g_file_equal (problem->kept, round == 0 ? copy : plain));
      g_assert_true (g_file_query_exists (problem->moved_to, NULL));
      g_assert_false (g_file_query_exists (problem->file, NULL));
      rectify_test_flush_store (store);
    }
}

/* Pressing New Case and leaving leaves no file; the first thing typed
 * writes it; an explicit save writes even a blank one. */
static void
test_store_blank_not_written (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(RectifyCase) blank = rectify_case_new ();
  g_autoptr(RectifyCase) asked = rectify_case_new ();
  g_autoptr(GFile) file = case_file (fixture, blank);
  g_autoptr(GFile) asked_file = case_file (fixture, asked);
  g_autoptr(GError) error = NULL;

  rectify_case_store_set_autosave_delay (fixture->store, 10, 10);
  rectify_case_store_add (fixture->store, blank);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 1);
  flush (fixture->store);
  g_assert_false (g_file_query_exists (file, NULL));
  g_assert_false (rectify_case_store_has_unsaved (fixture->store));
  g_assert_cmpuint (fixture->saved, ==, 0);

  rectify_case_set_text (blank, RECTIFY_TEXT_OWNER_NAME, "A");
  wait_saves (fixture, 1);
  g_assert_true (g_file_query_exists (file, NULL));

  /* Once written, emptied again: still written (the file must not keep
   * what was taken out). */
  rectify_case_set_text (blank, RECTIFY_TEXT_OWNER_NAME, "");
  wait_saves (fixture, 2);
  {
    g_autoptr(RectifyCase) copy = read_case_file (file);

    g_assert_cmpstr (rectify_case_get_text (copy, RECTIFY_TEXT_OWNER_NAME), ==, "");
  }

  rectify_case_store_add (fixture->store, asked);
  error = save_case (fixture->store, asked);
  g_assert_no_error (error);
  g_assert_true (g_file_query_exists (asked_file, NULL));
}

static void
test_store_too_large_or_deep (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(RectifyCaseStore) store = NULL;
  g_autoptr(GPtrArray) set_aside = NULL;
  g_autoptr(RectifyCase) good = rectify_test_case_new_entered ();
  g_autoptr(GFile) good_file = NULL;
  g_autoptr(GFile) huge = g_file_get_child (fixture->directory, "huge.json");
  g_autoptr(GFile) deep = g_file_get_child (fixture->directory, "deep.json");
  g_autoptr(GString) nested = g_string_new (NULL);
  const RectifyLoadProblem *problem;
  glong before;
  int fd;

  rectify_test_fill_complete (good, RECTIFY_SCENARIO_TOO_MANY);
  good_file = write_case (fixture->directory, "good.json", good, NULL);

  /* Sparse: 300 MB that takes no disk, and would take 300 MB to read. */
  fd = g_open (g_file_peek_path (huge), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) 300 * 1024 * 1024), ==, 0);
  g_assert_cmpint (pwrite (fd, "{", 1, 0), ==, 1);
  g_close (fd, NULL);

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (nested, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (nested, ']');
  g_assert_true (g_file_set_contents (g_file_peek_path (deep), nested->str, nested->len, NULL));

  before = max_rss_kb ();
  store = rectify_case_store_new (NULL);
  set_aside = load_store (store);
  g_assert_cmpint (max_rss_kb () - before, <, 64 * 1024);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_assert_cmpuint (count_problems (store), ==, 2);
  problem = find_problem (store, RECTIFY_LOAD_PROBLEM_TOO_LARGE, 0);
  g_assert_nonnull (problem);
  g_assert_true (g_file_equal (problem->file, huge));
  g_assert_true (g_str_has_suffix (g_file_peek_path (problem->moved_to), "huge.json.corrupt"));
  problem = find_problem (store, RECTIFY_LOAD_PROBLEM_DAMAGED, 0);
  g_assert_nonnull (problem);
  g_assert_true (g_file_equal (problem->file, deep));
  g_assert_false (g_file_query_exists (deep, NULL));

  /* Just at the limit is read (and refused as not a case, being spaces). */
  {
    g_autoptr(RectifyCaseStore) again = NULL;
    g_autoptr(GPtrArray) aside = NULL;
    g_autoptr(GFile) at_limit = g_file_get_child (fixture->directory, "at-limit.json");
    g_autofree char *spaces = g_strnfill (RECTIFY_JSON_MAX_CASE_FILE_SIZE, ' ');

    g_assert_true (g_file_set_contents (g_file_peek_path (at_limit), spaces,
                                        RECTIFY_JSON_MAX_CASE_FILE_SIZE, NULL));
    again = rectify_case_store_new (NULL);
    aside = load_store (again);
    g_assert_nonnull (find_problem (again, RECTIFY_LOAD_PROBLEM_DAMAGED, 0));
    g_assert_null (find_problem (again, RECTIFY_LOAD_PROBLEM_TOO_LARGE, 0));
  }
}

/* A file the app may not read is not damaged: it stays where it is, is
 * reported as unreadable, and loads once it can be read. As root, the
 * load runs with another effective user, for which the file is closed. */
static void
test_store_unreadable (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(RectifyCase) locked_case = rectify_test_case_new_entered ();
  g_autoptr(RectifyCase) open_case = rectify_test_case_new_entered ();
  g_autofree char *base = g_dir_make_tmp ("rectify-unreadable-XXXXXX", NULL);
  g_autoptr(GFile) directory = g_file_new_build_filename (base, "cases", NULL);
  g_autoptr(GFile) locked = NULL;
  g_autoptr(GFile) readable = NULL;
  g_autoptr(RectifyCaseStore) store = NULL;
  g_autoptr(GPtrArray) set_aside = NULL;
  const RectifyLoadProblem *problem;
  gboolean as_root = geteuid () == 0;
  const uid_t nobody = 65534;

  g_assert_nonnull (base);
  g_assert_cmpint (g_mkdir (g_file_peek_path (directory), 0700), ==, 0);
  rectify_test_fill_complete (locked_case, RECTIFY_SCENARIO_WRONG_TYPE);
  rectify_test_fill_complete (open_case, RECTIFY_SCENARIO_UNINTENDED);
  locked = write_case (directory, "locked.json", locked_case, NULL);
  readable = write_case (directory, "readable.json", open_case, NULL);
  g_assert_cmpint (g_chmod (g_file_peek_path (locked), 0), ==, 0);

  if (as_root)
    {
      /* The folder and the readable case belong to "nobody"; the locked one
       * stays root's, mode 0. */
      g_assert_cmpint (g_chmod (base, 0755), ==, 0);
      g_assert_cmpint (chown (g_file_peek_path (directory), nobody, nobody), ==, 0);
      g_assert_cmpint (chown (g_file_peek_path (readable), nobody, nobody), ==, 0);
      if (setegid (nobody) != 0 || seteuid (nobody) != 0)
        {
          g_test_skip ("Cannot switch to another user");
          return;
        }
    }

  store = rectify_case_store_new (directory);
  set_aside = load_store (store);

  if (as_root)
    {
      g_assert_cmpint (seteuid (0), ==, 0);
      g_assert_cmpint (setegid (0), ==, 0);
    }

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_assert_nonnull (rectify_case_store_lookup (store, rectify_case_get_reference (open_case)));
  g_assert_cmpuint (count_problems (store), ==, 1);
  problem = find_problem (store, RECTIFY_LOAD_PROBLEM_UNREADABLE, 0);
  g_assert_nonnull (problem);
  g_assert_true (g_file_equal (problem->file, locked));
  g_assert_null (problem->moved_to);
  g_assert_cmpuint (set_aside->len, ==, 0);
  /* Left exactly where it was. */
  g_assert_true (g_file_query_exists (locked, NULL));

  /* Readable again: it loads. */
  g_clear_object (&store);
  g_clear_pointer (&set_aside, g_ptr_array_unref);
  g_assert_cmpint (g_chmod (g_file_peek_path (locked), 0600), ==, 0);
  store = rectify_case_store_new (directory);
  set_aside = load_store (store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  g_assert_cmpuint (count_problems (store), ==, 0);
  flush (store);
  g_clear_object (&store);

  {
    g_autoptr(GFile) parent = g_file_get_parent (directory);

    rectify_test_remove_tree (parent);
  }
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
  ADD ("/store/duplicates", test_store_duplicates);
  ADD ("/store/open-ahead", test_store_open_ahead);
  ADD ("/store/open-ahead-duplicate", test_store_open_ahead_duplicate);
  ADD ("/store/blank-not-written", test_store_blank_not_written);
  ADD ("/store/too-large-or-deep", test_store_too_large_or_deep);
  ADD ("/store/unreadable", test_store_unreadable);
  ADD ("/store/remove-undo-commit", test_store_remove_undo_commit);
  ADD ("/store/flush-commits-removal", test_store_flush_commits_removal);
  ADD ("/store/save-failure-kept", test_store_save_failure_kept);
  g_test_add_func ("/store/directory-tightened", test_store_directory_tightened);

#undef ADD

  return g_test_run ();
}
