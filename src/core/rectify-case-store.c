/* rectify-case-store.c: every case, one file each, saved as it changes
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "rectify-case-file.h"
#include "rectify-case-store.h"
#include "rectify-json-reader.h"

/* One JSON file per case, $XDG_DATA_HOME/rectify/cases/<reference>.json,
 * mode 0600 in a 0700 directory, replaced atomically (write aside, rename).
 *
 * The store is the list of cases (a GListModel, most recently changed
 * first) and their autosave: a case's ::changed schedules a save
 * RECTIFY_CASE_STORE_AUTOSAVE_MS later; a save in flight is never doubled,
 * a change during it saves again afterwards. Serializing happens on the main
 * thread (it is small and the case lives there); all file I/O happens in
 * worker threads. A failed save keeps the case dirty, says so through
 * "save-error", and tries again.
 *
 * Removing a case hides it at once and deletes its file only when the removal
 * is committed (the Undo toast went away, or on flush), so a crash in between
 * brings it back rather than losing it.
 *
 * A new case is written only once something is entered in it: pressing New
 * Case and leaving leaves no file behind.
 *
 * Start-up may read one case ahead of the others
 * (rectify_case_store_open_async(): the one the owner left), so a window can
 * show it while the rest load. */

typedef struct
{
  RectifyCase *rcase;
  GFile       *file;
  guint        save_source;
  gboolean     saving;
  gboolean     dirty;
  gboolean     removed;
  /* Its file exists (it was loaded, or saved once). */
  gboolean     on_disk;
  /* rectify_case_store_save_async() was asked for it: written even blank. */
  gboolean     save_asked;
  char        *save_error;
} Entry;

struct _RectifyCaseStore
{
  GObject     parent_instance;

  GFile      *directory;
  guint       autosave_ms;
  guint       retry_ms;

  /* reference (the case's) → Entry, for every case including removed ones */
  GHashTable *entries;
  /* the visible cases, most recently changed first */
  GPtrArray  *visible;

  /* flushes waiting for saves in flight */
  GPtrArray  *flush_tasks;
  guint       in_flight;
  gboolean    loaded;
  GPtrArray  *load_problems;  /* RectifyLoadProblem */
  char       *save_error;

  /* on every case's ::changed (see case_changed_hook) */
  gulong      changed_hook;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RectifyCaseStore, rectify_case_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_SAVE_ERROR,
  PROP_N_ITEMS,
  PROP_LOADED,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];
static guint case_changed_signal;

static void save_entry (RectifyCaseStore *self,
                        Entry            *entry);

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_clear_handle_id (&entry->save_source, g_source_remove);
  g_clear_object (&entry->rcase);
  g_clear_object (&entry->file);
  g_clear_pointer (&entry->save_error, g_free);
  g_free (entry);
}

static GType
list_model_get_item_type (GListModel *model)
{
  return RECTIFY_TYPE_CASE;
}

static guint
list_model_get_n_items (GListModel *model)
{
  return RECTIFY_CASE_STORE (model)->visible->len;
}

static gpointer
list_model_get_item (GListModel *model,
                     guint       position)
{
  RectifyCaseStore *self = RECTIFY_CASE_STORE (model);

  if (position >= self->visible->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->visible, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_model_get_item_type;
  iface->get_n_items = list_model_get_n_items;
  iface->get_item = list_model_get_item;
}

static void
items_changed (RectifyCaseStore *self,
               guint             position,
               guint             removed,
               guint             added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* Most recently changed first; the reference breaks ties so the order is
 * stable. */
static int
compare_cases (gconstpointer a,
               gconstpointer b)
{
  RectifyCase *case_a = *(RectifyCase **)a;
  RectifyCase *case_b = *(RectifyCase **)b;
  int cmp = g_date_time_compare (rectify_case_get_updated (case_b),
                                 rectify_case_get_updated (case_a));

  if (cmp != 0)
    return cmp;

  return g_strcmp0 (rectify_case_get_reference (case_a), rectify_case_get_reference (case_b));
}

static guint
sorted_position (RectifyCaseStore *self,
                 RectifyCase      *rcase)
{
  guint low = 0, high = self->visible->len;

  while (low < high)
    {
      guint mid = (low + high) / 2;

      if (compare_cases (&g_ptr_array_index (self->visible, mid), &rcase) < 0)
        low = mid + 1;
      else
        high = mid;
    }

  return low;
}

static void
insert_visible (RectifyCaseStore *self,
                RectifyCase      *rcase)
{
  guint position = sorted_position (self, rcase);

  g_ptr_array_insert (self->visible, position, rcase);
  items_changed (self, position, 0, 1);
}

static void
remove_visible (RectifyCaseStore *self,
                RectifyCase      *rcase)
{
  guint position;

  if (g_ptr_array_find (self->visible, rcase, &position))
    {
      g_ptr_array_remove_index (self->visible, position);
      items_changed (self, position, 1, 0);
    }
}

static void
update_save_error (RectifyCaseStore *self)
{
  GHashTableIter iter;
  Entry *entry;
  const char *error = NULL;

  g_hash_table_iter_init (&iter, self->entries);
  while (error == NULL && g_hash_table_iter_next (&iter, NULL, (gpointer *)&entry))
    error = entry->save_error;

  if (g_strcmp0 (error, self->save_error) == 0)
    return;

  g_free (self->save_error);
  self->save_error = g_strdup (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVE_ERROR]);
}

static void
complete_flushes (RectifyCaseStore *self)
{
  g_autoptr(GPtrArray) tasks = NULL;

  if (self->in_flight > 0 || self->flush_tasks->len == 0)
    return;

  tasks = g_steal_pointer (&self->flush_tasks);
  self->flush_tasks = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (tasks, i);

      if (self->save_error != NULL)
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", self->save_error);
      else
        g_task_return_boolean (task, TRUE);
    }
}

/* Worker-thread jobs. */

typedef struct
{
  GFile  *directory;
  GFile  *file;
  GBytes *contents;
} SaveJob;

static void
save_job_free (gpointer data)
{
  SaveJob *job = data;

  g_clear_object (&job->directory);
  g_clear_object (&job->file);
  g_clear_pointer (&job->contents, g_bytes_unref);
  g_free (job);
}

static gboolean
ensure_directory (GFile   *directory,
                  GError **error)
{
  g_autofree char *path = g_file_get_path (directory);

  if (g_mkdir_with_parents (path, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create the folder for your cases: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  /* Someone may have made it readable by others; case files hold personal
   * data, so tighten it. */
  if (g_chmod (path, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot protect the folder for your cases: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (job->file);
  gsize length;
  const char *data = g_bytes_get_data (job->contents, &length);

  /* Not g_file_replace_contents(): when a write fails (a full disk), it
   * still closes the stream, which renames the short temporary file over
   * the last good one. g_file_set_contents_full() renames only a file
   * written in full. */
  if (!ensure_directory (job->directory, &error) ||
      !g_file_set_contents_full (path, data, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
delete_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_delete (file, cancellable, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

typedef struct
{
  RectifyCaseStore *self;
  char             *reference;
} SaveSource;

static void
save_source_free (gpointer data)
{
  SaveSource *source = data;

  g_object_unref (source->self);
  g_free (source->reference);
  g_free (source);
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  SaveSource *source = user_data;
  Entry *entry = g_hash_table_lookup (source->self->entries, source->reference);

  if (entry != NULL)
    {
      entry->save_source = 0;
      save_entry (source->self, entry);
    }

  return G_SOURCE_REMOVE;
}

static void
schedule_save (RectifyCaseStore *self,
               Entry            *entry,
               guint             delay_ms)
{
  SaveSource *source;

  if (entry->save_source != 0)
    return;

  source = g_new0 (SaveSource, 1);
  source->self = g_object_ref (self);
  source->reference = g_strdup (rectify_case_get_reference (entry->rcase));
  entry->save_source = g_timeout_add_full (G_PRIORITY_DEFAULT, delay_ms,
                                           save_timeout_cb, source, save_source_free);
}

/* Worker tasks have no source object: the store is referenced by the
 * callback's data instead, so it is released on the main thread, never by a
 * worker thread dropping the last reference to a task. */
typedef struct
{
  RectifyCaseStore *self;
  char             *reference;
} JobClosure;

static JobClosure *
job_closure_new (RectifyCaseStore *self,
                 const char       *reference)
{
  JobClosure *closure = g_new0 (JobClosure, 1);

  closure->self = g_object_ref (self);
  closure->reference = g_strdup (reference);
  return closure;
}

static void
job_closure_free (JobClosure *closure)
{
  g_object_unref (closure->self);
  g_free (closure->reference);
  g_free (closure);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JobClosure, job_closure_free)

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(JobClosure) closure = user_data;
  RectifyCaseStore *self = closure->self;
  const char *reference = closure->reference;
  g_autoptr(GError) error = NULL;
  Entry *entry;

  self->in_flight--;
  entry = g_hash_table_lookup (self->entries, reference);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_debug ("Could not save a case: %s", error->message);
      if (entry != NULL)
        {
          entry->saving = FALSE;
          entry->dirty = TRUE;
          g_free (entry->save_error);
          entry->save_error = g_strdup_printf (_("Your changes are kept in memory but cannot "
                                                 "be saved: %s"), error->message);
          if (!entry->removed)
            schedule_save (self, entry, self->retry_ms);
        }
      update_save_error (self);
      complete_flushes (self);
      return;
    }

  if (entry != NULL)
    {
      entry->saving = FALSE;
      entry->on_disk = TRUE;
      g_clear_pointer (&entry->save_error, g_free);
      update_save_error (self);
      g_signal_emit (self, signals[SAVED], 0, entry->rcase);

      /* Changed while it was being written: write again. */
      if (entry->dirty && !entry->removed)
        save_entry (self, entry);
    }

  complete_flushes (self);
}

static void
save_entry (RectifyCaseStore *self,
            Entry            *entry)
{
  g_autoptr(GTask) task = NULL;
  SaveJob *job;

  g_clear_handle_id (&entry->save_source, g_source_remove);

  if (entry->removed || !entry->dirty)
    return;

  if (entry->saving)
    return; /* save_cb writes again: it is still dirty */

  /* Nothing entered yet in a case never written: nothing to keep. Its next
   * change makes it dirty again, and then it is written. */
  if (!entry->on_disk && !entry->save_asked && rectify_case_is_blank (entry->rcase))
    {
      entry->dirty = FALSE;
      return;
    }

  entry->saving = TRUE;
  entry->dirty = FALSE;
  self->in_flight++;

  job = g_new0 (SaveJob, 1);
  job->directory = g_object_ref (self->directory);
  job->file = g_object_ref (entry->file);
  job->contents = rectify_case_to_bytes (entry->rcase);

  task = g_task_new (NULL, NULL, save_cb,
                     job_closure_new (self, rectify_case_get_reference (entry->rcase)));
  g_task_set_source_tag (task, save_entry);
  g_task_set_task_data (task, job, save_job_free);
  g_task_run_in_thread (task, save_thread);
}

static void
move_to_sorted_position (RectifyCaseStore *self,
                         RectifyCase      *rcase)
{
  guint old_position, new_position;

  if (!g_ptr_array_find (self->visible, rcase, &old_position))
    return;

  g_ptr_array_remove_index (self->visible, old_position);
  new_position = sorted_position (self, rcase);
  g_ptr_array_insert (self->visible, new_position, rcase);

  if (old_position == new_position)
    return;

  {
    guint first = MIN (old_position, new_position);
    guint count = MAX (old_position, new_position) - first + 1;

    g_list_model_items_changed (G_LIST_MODEL (self), first, count, count);
  }
}

static void
on_case_changed (RectifyCaseStore *self,
                 RectifyCase      *rcase)
{
  Entry *entry = g_hash_table_lookup (self->entries, rectify_case_get_reference (rcase));

  if (entry == NULL || entry->removed)
    return;

  entry->dirty = TRUE;
  move_to_sorted_position (self, rcase);
  schedule_save (self, entry, self->autosave_ms);
}

static GFile *
file_for_reference (RectifyCaseStore *self,
                    const char       *reference)
{
  g_autofree char *name = g_strconcat (reference, ".json", NULL);

  return g_file_get_child (self->directory, name);
}

/* The store hears of its cases' changes through one emission hook rather
 * than a handler connected to each: with 10,000 cases the handlers (a
 * closure, a weak reference and a handler list each) weighed about 4 MB.
 * The hook runs before any handler, as the store's own handler did, and
 * hears every case: it acts only on the ones the store tracks. */
static gboolean
case_changed_hook (GSignalInvocationHint *hint,
                   guint                  n_param_values,
                   const GValue          *param_values,
                   gpointer               user_data)
{
  RectifyCaseStore *self = user_data;
  RectifyCase *rcase = g_value_get_object (&param_values[0]);
  Entry *entry = g_hash_table_lookup (self->entries, rectify_case_get_reference (rcase));

  if (entry != NULL && entry->rcase == rcase)
    on_case_changed (self, rcase);

  return TRUE;
}

static Entry *
track (RectifyCaseStore *self,
       RectifyCase      *rcase,
       GFile            *file)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->rcase = g_object_ref (rcase);
  entry->file = file ? g_object_ref (file)
                     : file_for_reference (self, rectify_case_get_reference (rcase));
  entry->on_disk = file != NULL;
  /* The key is the case's own reference: the entry holds the case. */
  g_hash_table_replace (self->entries, (gpointer) rectify_case_get_reference (rcase), entry);

  return entry;
}

static void
rectify_case_store_dispose (GObject *object)
{
  RectifyCaseStore *self = (RectifyCaseStore *)object;

  if (self->changed_hook != 0)
    {
      g_signal_remove_emission_hook (case_changed_signal, self->changed_hook);
      self->changed_hook = 0;
    }

  g_clear_pointer (&self->visible, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_hash_table_unref);

  G_OBJECT_CLASS (rectify_case_store_parent_class)->dispose (object);
}

static void
rectify_case_store_finalize (GObject *object)
{
  RectifyCaseStore *self = (RectifyCaseStore *)object;

  g_clear_object (&self->directory);
  g_clear_pointer (&self->flush_tasks, g_ptr_array_unref);
  g_clear_pointer (&self->save_error, g_free);
  g_clear_pointer (&self->load_problems, g_ptr_array_unref);

  G_OBJECT_CLASS (rectify_case_store_parent_class)->finalize (object);
}

static void
rectify_case_store_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RectifyCaseStore *self = RECTIFY_CASE_STORE (object);

  switch (prop_id)
    {
    case PROP_SAVE_ERROR:
      g_value_set_string (value, self->save_error);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->visible ? self->visible->len : 0);
      break;

    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rectify_case_store_class_init (RectifyCaseStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rectify_case_store_dispose;
  object_class->finalize = rectify_case_store_finalize;
  object_class->get_property = rectify_case_store_get_property;

  properties[PROP_SAVE_ERROR] =
    g_param_spec_string ("save-error", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * RectifyCaseStore:loaded:
   *
   * Whether every case file has been read (a load finished).
   */
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RectifyCaseStore::saved:
   * @self: the store
   * @rcase: the case whose file was written
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, RECTIFY_TYPE_CASE);

  /* The class is kept: its signal is hooked by every store. */
  g_type_class_ref (RECTIFY_TYPE_CASE);
  case_changed_signal = g_signal_lookup ("changed", RECTIFY_TYPE_CASE);
}

static void
rectify_case_store_init (RectifyCaseStore *self)
{
  self->autosave_ms = RECTIFY_CASE_STORE_AUTOSAVE_MS;
  self->retry_ms = RECTIFY_CASE_STORE_RETRY_MS;
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, entry_free);
  self->visible = g_ptr_array_new ();
  self->flush_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  self->changed_hook = g_signal_add_emission_hook (case_changed_signal, 0, case_changed_hook,
                                                   self, NULL);
}

/**
 * rectify_case_store_new:
 * @directory: (nullable): where the case files live, or %NULL for
 *   `$XDG_DATA_HOME/rectify/cases`
 *
 * Returns: (transfer full): an empty store; load it next
 */
RectifyCaseStore *
rectify_case_store_new (GFile *directory)
{
  RectifyCaseStore *self = g_object_new (RECTIFY_TYPE_CASE_STORE, NULL);

  if (directory != NULL)
    self->directory = g_object_ref (directory);
  else
    self->directory = g_file_new_build_filename (g_get_user_data_dir (), "rectify", "cases",
                                                 NULL);

  return self;
}

GFile *
rectify_case_store_get_directory (RectifyCaseStore *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE_STORE (self), NULL);

  return self->directory;
}

/* For tests: shorter (or longer) autosave and retry delays. */
void
rectify_case_store_set_autosave_delay (RectifyCaseStore *self,
                                       guint             delay_ms,
                                       guint             retry_ms)
{
  g_return_if_fail (RECTIFY_IS_CASE_STORE (self));

  self->autosave_ms = delay_ms;
  self->retry_ms = retry_ms;
}

/* Loading. */

typedef struct
{
  GPtrArray *cases;      /* RectifyCase */
  GPtrArray *files;      /* GFile, same index */
  GPtrArray *set_aside;  /* GFile, where unreadable files were moved */
  GPtrArray *problems;   /* RectifyLoadProblem */
  GPtrArray *leftovers;  /* GFile, temporary files of saves cut short */
} LoadResult;

static void
load_problem_free (RectifyLoadProblem *problem)
{
  g_clear_object (&problem->file);
  g_clear_object (&problem->moved_to);
  g_clear_object (&problem->kept);
  g_free (problem);
}

static void
load_result_free (gpointer data)
{
  LoadResult *result = data;

  g_clear_pointer (&result->cases, g_ptr_array_unref);
  g_clear_pointer (&result->files, g_ptr_array_unref);
  g_clear_pointer (&result->set_aside, g_ptr_array_unref);
  g_clear_pointer (&result->problems, g_ptr_array_unref);
  g_clear_pointer (&result->leftovers, g_ptr_array_unref);
  g_free (result);
}

/* Moves a file out of the way, to NAME.SUFFIX (or NAME.SUFFIX.N when that
 * exists), so it is kept for a person to look at and never read again. */
static GFile *
set_aside (GFile      *file,
           const char *suffix)
{
  g_autofree char *path = g_file_get_path (file);

  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *target = i == 0 ? g_strconcat (path, ".", suffix, NULL)
                                       : g_strdup_printf ("%s.%s.%u", path, suffix, i);

      if (g_file_test (target, G_FILE_TEST_EXISTS))
        continue;

      if (g_rename (path, target) == 0)
        return g_file_new_for_path (target);
      break;
    }

  return g_object_ref (file);
}

static void
add_problem (LoadResult             *result,
             RectifyLoadProblemKind  kind,
             GFile                  *file,
             GFile                  *kept)
{
  RectifyLoadProblem *problem = g_new0 (RectifyLoadProblem, 1);

  problem->kind = kind;
  problem->file = g_object_ref (file);
  problem->kept = kept != NULL ? g_object_ref (kept) : NULL;

  if (kind != RECTIFY_LOAD_PROBLEM_UNREADABLE)
    {
      problem->moved_to = set_aside (file, kind == RECTIFY_LOAD_PROBLEM_DUPLICATE
                                           ? "duplicate" : "corrupt");
      g_ptr_array_add (result->set_aside, g_object_ref (problem->moved_to));
    }

  g_ptr_array_add (result->problems, problem);
}

/* How far a copy of a case got in sending: a copy with a send record always
 * wins over one without, so a stale draft can never hide a sent request. */
static int
send_progress (RectifyCase *rcase)
{
  if (rectify_case_get_request_id (rcase) > 0)
    return 10;

  switch (rectify_case_get_send_state (rcase))
    {
    case RECTIFY_SEND_STATE_SENT:
    case RECTIFY_SEND_STATE_SENT_ELSEWHERE:
      return 9;
    case RECTIFY_SEND_STATE_NEEDS_CONFIRMATION:
      return 8;
    case RECTIFY_SEND_STATE_CREATING:
      return 7;
    case RECTIFY_SEND_STATE_UPLOADING:
      return 6;
    case RECTIFY_SEND_STATE_QUEUED:
      return 5;
    case RECTIFY_SEND_STATE_FAILED:
      return 4;
    case RECTIFY_SEND_STATE_DRAFT:
    default:
      return 0;
    }
}

/* Whether @a is the copy to keep over @b: the one that got further in
 * sending, then the one changed last, then (for a stable choice) the first
 * name in byte order. */
static gboolean
prefer_copy (RectifyCase *a,
             GFile       *a_file,
             RectifyCase *b,
             GFile       *b_file)
{
  GDateTime *a_updated = rectify_case_get_updated (a);
  GDateTime *b_updated = rectify_case_get_updated (b);
  int a_progress = send_progress (a);
  int b_progress = send_progress (b);
  g_autofree char *a_name = NULL;
  g_autofree char *b_name = NULL;

  if (a_progress != b_progress)
    return a_progress > b_progress;

  if (a_updated != NULL && b_updated != NULL)
    {
      int order = g_date_time_compare (a_updated, b_updated);

      if (order != 0)
        return order > 0;
    }
  else if ((a_updated != NULL) != (b_updated != NULL))
    {
      return a_updated != NULL;
    }

  a_name = g_file_get_basename (a_file);
  b_name = g_file_get_basename (b_file);
  return g_strcmp0 (a_name, b_name) < 0;
}

static gboolean
is_leftover_temporary (const char *name)
{
  const char *suffix = strstr (name, ".json.");
  char reference[37];

  if (suffix == NULL || suffix - name != 36 || strlen (suffix) != strlen (".json.XXXXXX"))
    return FALSE;

  memcpy (reference, name, 36);
  reference[36] = '\0';
  return g_uuid_string_is_valid (reference);
}

typedef struct
{
  GFile      *directory;
  /* names of the files the store already holds (read ahead): not read again */
  GHashTable *skip;
} LoadJob;

static void
load_job_free (gpointer data)
{
  LoadJob *job = data;

  g_clear_object (&job->directory);
  g_clear_pointer (&job->skip, g_hash_table_unref);
  g_free (job);
}

static int
compare_indices (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  GPtrArray *cases = user_data;

  return compare_cases (&g_ptr_array_index (cases, *(const guint *)a),
                        &g_ptr_array_index (cases, *(const guint *)b));
}

/* In the store's order (most recently changed first), so the main thread
 * only appends. The cases are the worker's own until it returns them. */
static void
sort_result (LoadResult *result)
{
  guint n = result->cases->len;
  g_autofree guint *order = g_new (guint, MAX (n, 1));
  g_autofree gpointer *cases = g_new (gpointer, MAX (n, 1));
  g_autofree gpointer *files = g_new (gpointer, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    order[i] = i;
  g_qsort_with_data (order, n, sizeof (guint), compare_indices, result->cases);

  for (guint i = 0; i < n; i++)
    {
      cases[i] = g_ptr_array_index (result->cases, order[i]);
      files[i] = g_ptr_array_index (result->files, order[i]);
    }
  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_index (result->cases, i) = cases[i];
      g_ptr_array_index (result->files, i) = files[i];
    }
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;
  GFile *directory = job->directory;
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GError) error = NULL;
  /* reference → index + 1 in result->cases */
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  LoadResult *result;

  if (!ensure_directory (directory, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  enumerator = g_file_enumerate_children (directory,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                          G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                          cancellable, &error);
  if (enumerator == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result = g_new0 (LoadResult, 1);
  result->cases = g_ptr_array_new_with_free_func (g_object_unref);
  result->files = g_ptr_array_new_with_free_func (g_object_unref);
  result->set_aside = g_ptr_array_new_with_free_func (g_object_unref);
  result->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) load_problem_free);
  result->leftovers = g_ptr_array_new_with_free_func (g_object_unref);

  for (;;)
    {
      g_autoptr(GError) load_error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(RectifyCase) rcase = NULL;
      GFileInfo *info;
      GFile *child;
      const char *name;
      gpointer index;

      if (!g_file_enumerator_iterate (enumerator, &info, &child, cancellable, &error))
        {
          load_result_free (result);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (info == NULL)
        break;

      name = g_file_info_get_name (info);
      if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
        continue;

      /* A save cut short (a crash, a kill) leaves its temporary file,
       * "<reference>.json.XXXXXX", beside the intact one: a copy of
       * personal data nobody needs. A window may be saving while this
       * runs, so they are deleted once loaded, but for saves in flight. */
      if (is_leftover_temporary (name))
        {
          g_ptr_array_add (result->leftovers, g_object_ref (child));
          continue;
        }

      if (!g_str_has_suffix (name, ".json") || g_hash_table_contains (job->skip, name))
        continue;

      /* Refused by its size alone, never read: 300 MB once took 1.3 GB. */
      if (g_file_info_get_size (info) > (goffset) RECTIFY_JSON_MAX_CASE_FILE_SIZE)
        {
          g_debug ("Setting aside a case file of %" G_GOFFSET_FORMAT " bytes",
                   g_file_info_get_size (info));
          add_problem (result, RECTIFY_LOAD_PROBLEM_TOO_LARGE, child, NULL);
          continue;
        }

      bytes = g_file_load_bytes (child, cancellable, NULL, &load_error);
      if (bytes == NULL)
        {
          if (g_error_matches (load_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              load_result_free (result);
              g_task_return_error (task, g_steal_pointer (&load_error));
              return;
            }
          /* Gone since it was listed: nothing to report. */
          if (g_error_matches (load_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
            continue;

          /* Not damaged: left where it is, and tried again next time. */
          g_debug ("A case file cannot be read: %s %d",
                   g_quark_to_string (load_error->domain), load_error->code);
          add_problem (result, RECTIFY_LOAD_PROBLEM_UNREADABLE, child, NULL);
          continue;
        }

      rcase = rectify_case_from_bytes (bytes, &load_error);
      if (rcase == NULL)
        {
          g_debug ("Setting aside an unreadable case file: %s", load_error->message);
          add_problem (result,
                       g_error_matches (load_error, RECTIFY_CASE_FILE_ERROR,
                                        RECTIFY_CASE_FILE_ERROR_TOO_LARGE)
                       ? RECTIFY_LOAD_PROBLEM_TOO_LARGE : RECTIFY_LOAD_PROBLEM_DAMAGED,
                       child, NULL);
          continue;
        }

      /* Two files, one case: keep the copy that got further, never drop a
       * send record. */
      index = g_hash_table_lookup (seen, rectify_case_get_reference (rcase));
      if (index != NULL)
        {
          guint i = GPOINTER_TO_UINT (index) - 1;
          RectifyCase *other = g_ptr_array_index (result->cases, i);
          GFile *other_file = g_ptr_array_index (result->files, i);

          g_debug ("Two files hold case %s", rectify_case_get_reference (rcase));
          if (!prefer_copy (rcase, child, other, other_file))
            {
              add_problem (result, RECTIFY_LOAD_PROBLEM_DUPLICATE, child, other_file);
              continue;
            }

          add_problem (result, RECTIFY_LOAD_PROBLEM_DUPLICATE, other_file, child);
          /* The hash table's key is the old case's reference: replace both. */
          g_hash_table_remove (seen, rectify_case_get_reference (other));
          g_ptr_array_index (result->files, i) = g_object_ref (child);
          g_object_unref (other_file);
          g_ptr_array_index (result->cases, i) = g_steal_pointer (&rcase);
          g_object_unref (other);
          g_hash_table_insert (seen,
                               (gpointer) rectify_case_get_reference (g_ptr_array_index (
                                                                        result->cases, i)),
                               GUINT_TO_POINTER (i + 1));
          continue;
        }

      g_ptr_array_add (result->files, g_object_ref (child));
      g_ptr_array_add (result->cases, g_steal_pointer (&rcase));
      g_hash_table_insert (seen,
                           (gpointer) rectify_case_get_reference (
                             g_ptr_array_index (result->cases, result->cases->len - 1)),
                           GUINT_TO_POINTER (result->cases->len));
    }

  sort_result (result);
  g_task_return_pointer (task, result, load_result_free);
}

static void
delete_leftovers_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  GPtrArray *files = task_data;

  for (guint i = 0; i < files->len; i++)
    g_file_delete (g_ptr_array_index (files, i), NULL, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
delete_leftovers_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(JobClosure) closure = user_data;

  closure->self->in_flight--;
  complete_flushes (closure->self);
}

/* Deletes what saves cut short left, except the file a save in flight
 * writes now (its name is "<reference>.json.XXXXXX" too). A flush waits
 * for it. */
static void
delete_leftovers (RectifyCaseStore *self,
                  GPtrArray        *leftovers)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GTask) task = NULL;

  for (guint i = 0; i < leftovers->len; i++)
    {
      GFile *file = g_ptr_array_index (leftovers, i);
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *reference = g_strndup (name, 36);
      Entry *entry = g_hash_table_lookup (self->entries, reference);

      if (entry == NULL || !entry->saving)
        g_ptr_array_add (files, g_object_ref (file));
    }

  if (files->len == 0)
    return;

  self->in_flight++;
  task = g_task_new (NULL, NULL, delete_leftovers_cb, job_closure_new (self, ""));
  g_task_set_source_tag (task, delete_leftovers);
  g_task_set_task_data (task, g_steal_pointer (&files), (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, delete_leftovers_thread);
}

/* The cases read are added on the main thread a few milliseconds at a
 * time, so the window keeps drawing while 10,000 of them fill its list.
 * What a list shows of them is made when they are announced (items-changed),
 * so they are announced in small runs at first (the rows a window creates
 * cost most), then larger ones, and the time is checked after each. */
#define ADD_SLICE_US      2000
#define FIRST_ANNOUNCE    4
#define LARGEST_ANNOUNCE  512

typedef struct
{
  GTask      *task;
  LoadResult *loaded;
  guint       next;
  /* the cases inserted at consecutive positions, not yet announced */
  guint       run_start;
  guint       run_len;
  guint       announce_every;
} Adding;

static void
adding_free (Adding *adding)
{
  g_clear_object (&adding->task);
  g_clear_pointer (&adding->loaded, load_result_free);
  g_free (adding);
}

static void
announce_run (RectifyCaseStore *self,
              Adding           *adding)
{
  if (adding->run_len > 0)
    items_changed (self, adding->run_start, 0, adding->run_len);
  adding->run_len = 0;
}

static void
add_loaded (RectifyCaseStore *self,
            Adding           *adding,
            RectifyCase      *rcase,
            GFile            *file)
{
  LoadResult *loaded = adding->loaded;
  Entry *held = g_hash_table_lookup (self->entries, rectify_case_get_reference (rcase));
  guint position;

  /* Its own file, written since the folder was listed (a case added while
   * loading and saved meanwhile): the case in memory is the newer. */
  if (held != NULL && g_file_equal (file, held->file))
    return;

  if (held != NULL && held->on_disk && !held->removed &&
      prefer_copy (rcase, file, held->rcase, held->file))
    {
      /* Another file holds the case read ahead, and got further (a sync
       * tool's copy with the send record): the same rule as between two
       * files, so a stale draft never hides a sent request. The one
       * rename happens here, on this rare path. */
      announce_run (self, adding);
      add_problem (loaded, RECTIFY_LOAD_PROBLEM_DUPLICATE, held->file, file);
      remove_visible (self, held->rcase);
      g_hash_table_remove (self->entries, rectify_case_get_reference (rcase));
    }
  else if (held != NULL)
    {
      /* A case read ahead, or added while the files were read, wins over
       * another file that holds it. */
      if (held->on_disk)
        add_problem (loaded, RECTIFY_LOAD_PROBLEM_DUPLICATE, file, held->file);
      return;
    }

  track (self, rcase, file);
  position = sorted_position (self, rcase);
  if (adding->run_len > 0 && position != adding->run_start + adding->run_len)
    announce_run (self, adding);
  g_ptr_array_insert (self->visible, position, rcase);
  if (adding->run_len == 0)
    adding->run_start = position;
  adding->run_len++;
}

static gboolean
add_slice_cb (gpointer user_data)
{
  Adding *adding = user_data;
  RectifyCaseStore *self = g_task_get_source_object (adding->task);
  LoadResult *loaded = adding->loaded;
  gint64 until = g_get_monotonic_time () + ADD_SLICE_US;

  while (adding->next < loaded->cases->len)
    {
      guint i = adding->next++;

      add_loaded (self, adding, g_ptr_array_index (loaded->cases, i),
                  g_ptr_array_index (loaded->files, i));
      if (adding->run_len >= adding->announce_every)
        {
          announce_run (self, adding);
          adding->announce_every = MIN (adding->announce_every * 2, LARGEST_ANNOUNCE);
          if (g_get_monotonic_time () >= until)
            return G_SOURCE_CONTINUE;
        }
    }
  announce_run (self, adding);

  g_clear_pointer (&self->load_problems, g_ptr_array_unref);
  self->load_problems = g_ptr_array_ref (loaded->problems);
  delete_leftovers (self, loaded->leftovers);
  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }

  g_task_return_pointer (adding->task, g_ptr_array_ref (loaded->set_aside),
                         (GDestroyNotify) g_ptr_array_unref);
  return G_SOURCE_REMOVE;
}

static void
load_worker_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  LoadResult *loaded;
  Adding *adding;

  loaded = g_task_propagate_pointer (G_TASK (result), &error);
  if (loaded == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Below the redraw priority: a frame comes between two slices. */
  adding = g_new0 (Adding, 1);
  adding->task = g_steal_pointer (&task);
  adding->loaded = loaded;
  adding->announce_every = FIRST_ANNOUNCE;
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, add_slice_cb, adding,
                   (GDestroyNotify) adding_free);
}

/**
 * rectify_case_store_load_async:
 * @self: a #RectifyCaseStore
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every case is read
 * @user_data: for @callback
 *
 * Reads every case file in a worker thread. Files that cannot be read are
 * set aside and reported by the finish function; the others still load.
 */
void
rectify_case_store_load_async (RectifyCaseStore    *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  LoadJob *job;
  GHashTableIter iter;
  Entry *entry;

  g_return_if_fail (RECTIFY_IS_CASE_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rectify_case_store_load_async);

  job = g_new0 (LoadJob, 1);
  job->directory = g_object_ref (self->directory);
  job->skip = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&entry))
    if (entry->on_disk)
      g_hash_table_add (job->skip, g_file_get_basename (entry->file));

  /* The worker's task has no source object (see JobClosure). */
  worker = g_task_new (NULL, cancellable, load_worker_cb, g_steal_pointer (&task));
  g_task_set_source_tag (worker, load_thread);
  g_task_set_task_data (worker, job, load_job_free);
  g_task_run_in_thread (worker, load_thread);
}

/**
 * rectify_case_store_load_finish:
 * @self: a #RectifyCaseStore
 * @result: the result given to the callback
 * @set_aside: (out) (optional) (transfer full) (element-type GFile): where
 *   unreadable files were moved
 * @error: where to put why nothing could be loaded
 *
 * Reports how the load went. The cases read are in the store by now: they
 * were added a few milliseconds at a time, most recent first, before the
 * callback ran (and #RectifyCaseStore:loaded became %TRUE).
 *
 * Returns: %TRUE when the folder could be read
 */
gboolean
rectify_case_store_load_finish (RectifyCaseStore  *self,
                                GAsyncResult      *result,
                                GPtrArray        **set_aside_files,
                                GError           **error)
{
  g_autoptr(GPtrArray) set_aside = NULL;

  g_return_val_if_fail (RECTIFY_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        rectify_case_store_load_async, FALSE);

  set_aside = g_task_propagate_pointer (G_TASK (result), error);
  if (set_aside == NULL)
    return FALSE;

  if (set_aside_files != NULL)
    *set_aside_files = g_steal_pointer (&set_aside);
  return TRUE;
}

/* Reading one case ahead. */

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  RectifyCase *rcase;

  /* The same limits as the full load; whatever is wrong with the file, the
   * full load finds it again and reports it. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                  G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, &error);
  if (info == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR ||
      g_file_info_get_size (info) > (goffset) RECTIFY_JSON_MAX_CASE_FILE_SIZE)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "Not a case file");
      return;
    }

  bytes = g_file_load_bytes (file, cancellable, NULL, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  rcase = rectify_case_from_bytes (bytes, &error);
  if (rcase == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, rcase, g_object_unref);
}

static void
open_worker_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  RectifyCase *rcase;

  rcase = g_task_propagate_pointer (G_TASK (result), &error);
  if (rcase == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, rcase, g_object_unref);
}

/**
 * rectify_case_store_open_async:
 * @self: a #RectifyCaseStore not loaded yet
 * @reference: the reference of the case to read
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the case is read, or could not be
 * @user_data: for @callback
 *
 * Reads the one file of the case @reference in a worker thread, ahead of
 * rectify_case_store_load_async(), which then does not read it again. It is
 * for showing the case the owner left at once, while the other cases load.
 */
void
rectify_case_store_open_async (RectifyCaseStore    *self,
                               const char          *reference,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;

  g_return_if_fail (RECTIFY_IS_CASE_STORE (self));
  g_return_if_fail (reference != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rectify_case_store_open_async);
  g_task_set_task_data (task, g_strdup (reference), g_free);

  /* Only a well-formed reference names a file: never a path. */
  if (!g_uuid_string_is_valid (reference))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "Not a case reference");
      return;
    }

  worker = g_task_new (NULL, cancellable, open_worker_cb, g_steal_pointer (&task));
  g_task_set_source_tag (worker, open_thread);
  g_task_set_task_data (worker, file_for_reference (self, reference), g_object_unref);
  g_task_run_in_thread (worker, open_thread);
}

/**
 * rectify_case_store_open_finish:
 * @self: a #RectifyCaseStore
 * @result: the result given to the callback
 * @error: where to put why the case could not be read
 *
 * Adds the case read to the store, unless the store has it already (a load
 * finished first): then that one is returned.
 *
 * Returns: (transfer full) (nullable): the case, or %NULL when its file is
 *   missing or cannot be read
 */
RectifyCase *
rectify_case_store_open_finish (RectifyCaseStore  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_autoptr(RectifyCase) rcase = NULL;
  const char *reference;
  Entry *entry;

  g_return_val_if_fail (RECTIFY_IS_CASE_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        rectify_case_store_open_async, NULL);

  rcase = g_task_propagate_pointer (G_TASK (result), error);
  if (rcase == NULL)
    return NULL;

  /* The file holds another case than its name says (a copy renamed by
   * hand): the full load sorts that out. */
  reference = g_task_get_task_data (G_TASK (result));
  if (g_strcmp0 (reference, rectify_case_get_reference (rcase)) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The file holds another case");
      return NULL;
    }

  entry = g_hash_table_lookup (self->entries, rectify_case_get_reference (rcase));
  if (entry != NULL)
    {
      if (entry->removed)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "The case was deleted");
          return NULL;
        }
      return g_object_ref (entry->rcase);
    }

  track (self, rcase, NULL)->on_disk = TRUE;
  insert_visible (self, rcase);

  return g_steal_pointer (&rcase);
}

/**
 * rectify_case_store_get_load_problems:
 * @self: a #RectifyCaseStore
 *
 * What the last load found wrong, one entry per file: damaged or too large
 * (moved aside), unreadable (left in place), duplicates (moved aside, with
 * the file kept instead).
 *
 * Returns: (transfer none) (element-type RectifyLoadProblem) (nullable): the
 *   problems, or %NULL before a load finished
 */
GPtrArray *
rectify_case_store_get_load_problems (RectifyCaseStore *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE_STORE (self), NULL);

  return self->load_problems;
}

gboolean
rectify_case_store_is_loaded (RectifyCaseStore *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE_STORE (self), FALSE);

  return self->loaded;
}

/**
 * rectify_case_store_add:
 * @self: a #RectifyCaseStore
 * @rcase: a case not in the store yet
 *
 * Adds @rcase and saves it soon; from now on it is saved whenever it changes.
 */
void
rectify_case_store_add (RectifyCaseStore *self,
                        RectifyCase      *rcase)
{
  Entry *entry;

  g_return_if_fail (RECTIFY_IS_CASE_STORE (self));
  g_return_if_fail (RECTIFY_IS_CASE (rcase));
  g_return_if_fail (!g_hash_table_contains (self->entries, rectify_case_get_reference (rcase)));

  entry = track (self, rcase, NULL);
  entry->dirty = TRUE;
  insert_visible (self, rcase);
  schedule_save (self, entry, self->autosave_ms);
}

/**
 * rectify_case_store_lookup:
 * @self: a #RectifyCaseStore
 * @reference: a case reference
 *
 * Returns: (transfer none) (nullable): the visible case with @reference
 */
RectifyCase *
rectify_case_store_lookup (RectifyCaseStore *self,
                           const char       *reference)
{
  Entry *entry;

  g_return_val_if_fail (RECTIFY_IS_CASE_STORE (self), NULL);

  if (reference == NULL)
    return NULL;

  entry = g_hash_table_lookup (self->entries, reference);

  return entry != NULL && !entry->removed ? entry->rcase : NULL;
}

/**
 * rectify_case_store_remove:
 * @self: a #RectifyCaseStore
 * @rcase: a case in the store
 *
 * Hides @rcase. Its file stays until rectify_case_store_commit_remove() (or
 * a flush), so rectify_case_store_undo_remove() can bring it back.
 */
void
rectify_case_store_remove (RectifyCaseStore *self,
                           RectifyCase      *rcase)
{
  Entry *entry;

  g_return_if_fail (RECTIFY_IS_CASE_STORE (self));
  g_return_if_fail (RECTIFY_IS_CASE (rcase));

  entry = g_hash_table_lookup (self->entries, rectify_case_get_reference (rcase));
  if (entry == NULL || entry->removed)
    return;

  entry->removed = TRUE;
  g_clear_handle_id (&entry->save_source, g_source_remove);
  remove_visible (self, rcase);
}

/**
 * rectify_case_store_is_written:
 * @self: a #RectifyCaseStore
 * @rcase: a case
 *
 * Returns: whether @rcase has a file: it was loaded, or saved once (a new
 *   case is saved only once something is entered in it)
 */
gboolean
rectify_case_store_is_written (RectifyCaseStore *self,
                               RectifyCase      *rcase)
{
  Entry *entry;

  g_return_val_if_fail (RECTIFY_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (RECTIFY_IS_CASE (rcase), FALSE);

  entry = g_hash_table_lookup (self->entries, rectify_case_get_reference (rcase));
  return entry != NULL && entry->rcase == rcase && (entry->on_disk || entry->saving);
}

/**
 * rectify_case_store_find:
 * @self: a #RectifyCaseStore
 * @rcase: a case
 * @position: (out) (optional): where it is in the list
 *
 * Finds @rcase in the list by its order (a binary search), rather than by
 * going through every case.
 *
 * Returns: whether @rcase is in the list
 */
gboolean
rectify_case_store_find (RectifyCaseStore *self,
                         RectifyCase      *rcase,
                         guint            *position)
{
  guint at;

  g_return_val_if_fail (RECTIFY_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (RECTIFY_IS_CASE (rcase), FALSE);

  at = sorted_position (self, rcase);
  if (at < self->visible->len && g_ptr_array_index (self->visible, at) == rcase)
    {
      if (position != NULL)
        *position = at;
      return TRUE;
    }

  /* Out of order for a moment: changed, and ::changed not told yet. */
  return g_ptr_array_find (self->visible, rcase, position);
}

/**
 * rectify_case_store_lookup_removed:
 * @self: a #RectifyCaseStore
 * @reference: a case reference
 *
 * Returns: (transfer none) (nullable): the removed case with @reference,
 *   while its removal can still be undone
 */
RectifyCase *
rectify_case_store_lookup_removed (RectifyCaseStore *self,
                                   const char       *reference)
{
  Entry *entry;

  g_return_val_if_fail (RECTIFY_IS_CASE_STORE (self), NULL);

  if (reference == NULL)
    return NULL;

  entry = g_hash_table_lookup (self->entries, reference);

  return entry != NULL && entry->removed ? entry->rcase : NULL;
}

void
rectify_case_store_undo_remove (RectifyCaseStore *self,
                                RectifyCase      *rcase)
{
  Entry *entry;

  g_return_if_fail (RECTIFY_IS_CASE_STORE (self));
  g_return_if_fail (RECTIFY_IS_CASE (rcase));

  entry = g_hash_table_lookup (self->entries, rectify_case_get_reference (rcase));
  if (entry == NULL || !entry->removed)
    return;

  entry->removed = FALSE;
  insert_visible (self, rcase);
  if (entry->dirty)
    schedule_save (self, entry, self->autosave_ms);
}

static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(JobClosure) closure = user_data;
  RectifyCaseStore *self = closure->self;
  g_autoptr(GError) error = NULL;

  self->in_flight--;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_debug ("Could not delete a case file: %s", error->message);

  complete_flushes (self);
}

static void
delete_entry (RectifyCaseStore *self,
              const char       *reference)
{
  g_autoptr(GTask) task = NULL;
  Entry *entry = g_hash_table_lookup (self->entries, reference);

  if (entry == NULL || !entry->removed)
    return;

  self->in_flight++;
  task = g_task_new (NULL, NULL, delete_cb, job_closure_new (self, reference));
  g_task_set_source_tag (task, delete_entry);
  g_task_set_task_data (task, g_object_ref (entry->file), g_object_unref);

  g_hash_table_remove (self->entries, reference);

  g_task_run_in_thread (task, delete_thread);
}

/**
 * rectify_case_store_commit_remove:
 * @self: a #RectifyCaseStore
 * @rcase: a removed case
 *
 * Deletes the file of a removed case; there is no undo after this.
 */
void
rectify_case_store_commit_remove (RectifyCaseStore *self,
                                  RectifyCase      *rcase)
{
  g_autofree char *reference = NULL;

  g_return_if_fail (RECTIFY_IS_CASE_STORE (self));
  g_return_if_fail (RECTIFY_IS_CASE (rcase));

  reference = g_strdup (rectify_case_get_reference (rcase));
  delete_entry (self, reference);
}

/* Whether some change is not on disk yet. */
gboolean
rectify_case_store_has_unsaved (RectifyCaseStore *self)
{
  GHashTableIter iter;
  Entry *entry;

  g_return_val_if_fail (RECTIFY_IS_CASE_STORE (self), FALSE);

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&entry))
    if (!entry->removed && (entry->dirty || entry->saving))
      return TRUE;

  return FALSE;
}

/* Why saving fails at the moment, for the owner, or %NULL. */
const char *
rectify_case_store_get_save_error (RectifyCaseStore *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE_STORE (self), NULL);

  return self->save_error;
}

/**
 * rectify_case_store_flush_async:
 * @self: a #RectifyCaseStore
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when everything is on disk
 * @user_data: for @callback
 *
 * Saves every pending change now and deletes the files of removed cases;
 * for closing. Fails when some save failed.
 */
void
rectify_case_store_flush_async (RectifyCaseStore    *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  const char *reference;
  Entry *entry;

  g_return_if_fail (RECTIFY_IS_CASE_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rectify_case_store_flush_async);

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, (gpointer *)&reference, (gpointer *)&entry))
    {
      if (entry->removed)
        g_ptr_array_add (removed, g_strdup (reference));
      else if (entry->dirty)
        save_entry (self, entry);
    }

  for (guint i = 0; i < removed->len; i++)
    delete_entry (self, g_ptr_array_index (removed, i));

  g_ptr_array_add (self->flush_tasks, g_steal_pointer (&task));
  complete_flushes (self);
}

gboolean
rectify_case_store_flush_finish (RectifyCaseStore  *self,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  g_return_val_if_fail (RECTIFY_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        rectify_case_store_flush_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * rectify_case_store_save_async:
 * @self: a #RectifyCaseStore
 * @rcase: a case in the store
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when @rcase is on disk as it is now
 * @user_data: for @callback
 *
 * Writes @rcase now rather than after the autosave delay, for the outbox's
 * write-ahead. Unlike a flush, it leaves removed cases alone, so their
 * removal can still be undone. Fails when @rcase was removed, or when some
 * save failed.
 */
void
rectify_case_store_save_async (RectifyCaseStore    *self,
                               RectifyCase         *rcase,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Entry *entry;

  g_return_if_fail (RECTIFY_IS_CASE_STORE (self));
  g_return_if_fail (RECTIFY_IS_CASE (rcase));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rectify_case_store_save_async);

  entry = g_hash_table_lookup (self->entries, rectify_case_get_reference (rcase));
  if (entry == NULL || entry->removed || entry->rcase != rcase)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("The case was deleted"));
      return;
    }

  /* Written now, or again once the save in flight is done (it is dirty);
   * either way the store is idle only after. Asked for, a case is written
   * even with nothing entered in it. */
  if (!entry->on_disk && !entry->save_asked)
    {
      entry->save_asked = TRUE;
      entry->dirty = TRUE;
    }
  if (entry->dirty)
    save_entry (self, entry);

  g_ptr_array_add (self->flush_tasks, g_steal_pointer (&task));
  complete_flushes (self);
}

gboolean
rectify_case_store_save_finish (RectifyCaseStore  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (RECTIFY_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        rectify_case_store_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
