/* test-growing-model.c: the run of the case list that grows on both sides
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rectify-growing-model.h"

/* What a list view knows of the model: only what items-changed told. */
typedef struct
{
  GListStore          *base;
  RectifyGrowingModel *model;
  GPtrArray           *seen;
} Fixture;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  g_assert_cmpuint (position + removed, <=, f->seen->len);
  g_ptr_array_remove_range (f->seen, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (f->seen, position + i, g_list_model_get_item (model, position + i));
  g_assert_cmpuint (f->seen->len, ==, g_list_model_get_n_items (model));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->base = g_list_store_new (G_TYPE_OBJECT);
  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(GObject) item = g_object_new (G_TYPE_OBJECT, NULL);

      g_list_store_append (f->base, item);
    }
  f->model = rectify_growing_model_new (G_LIST_MODEL (f->base));
  f->seen = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < 100; i++)
    g_ptr_array_add (f->seen, g_list_model_get_item (G_LIST_MODEL (f->model), i));
  g_signal_connect (f->model, "items-changed", G_CALLBACK (on_items_changed), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->model);
  g_clear_object (&f->base);
  g_clear_pointer (&f->seen, g_ptr_array_unref);
}

/* The model shows base[start, start + n), and what was told of it is that. */
static void
assert_run (Fixture *f,
            guint    start,
            guint    n)
{
  g_assert_cmpuint (rectify_growing_model_get_start (f->model), ==, start);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, n);
  g_assert_cmpuint (f->seen->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) expected = g_list_model_get_item (G_LIST_MODEL (f->base), start + i);

      g_assert_true (g_ptr_array_index (f->seen, i) == (gpointer) expected);
    }
}

/* A run around a position grows below and above, told as items added at
 * its ends, until it is the whole list. */
static void
test_growing_model_grow (Fixture       *f,
                         gconstpointer  data)
{
  g_assert_true (rectify_growing_model_is_complete (f->model));
  assert_run (f, 0, 100);

  rectify_growing_model_set_run (f->model, 60, 10);
  g_assert_false (rectify_growing_model_is_complete (f->model));
  assert_run (f, 60, 10);

  rectify_growing_model_grow (f->model, 0, 16);
  assert_run (f, 60, 26);
  rectify_growing_model_grow (f->model, 5, 16);
  assert_run (f, 55, 45);
  rectify_growing_model_grow (f->model, 100, 100);
  assert_run (f, 0, 100);
  g_assert_true (rectify_growing_model_is_complete (f->model));

  /* Complete, it follows the list as it grows. */
  {
    g_autoptr(GObject) item = g_object_new (G_TYPE_OBJECT, NULL);

    g_list_store_append (f->base, item);
    assert_run (f, 0, 101);
  }
}

/* Changes of the list while the run grows: before it, they move it; in
 * it, they show; after it, they do not. */
static void
test_growing_model_changes (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GObject) item = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) moved = NULL;

  rectify_growing_model_set_run (f->model, 40, 20);

  /* A case changed moves to the top: out of the run, in before it. */
  moved = g_list_model_get_item (G_LIST_MODEL (f->base), 45);
  g_list_store_remove (f->base, 45);
  assert_run (f, 40, 19);
  g_list_store_insert (f->base, 0, moved);
  assert_run (f, 41, 19);

  /* One after the run moves to the top: the run moves with what it shows. */
  g_clear_object (&moved);
  moved = g_list_model_get_item (G_LIST_MODEL (f->base), 90);
  g_list_store_remove (f->base, 90);
  assert_run (f, 41, 19);
  g_list_store_insert (f->base, 0, moved);
  assert_run (f, 42, 19);

  /* A new one in the run shows where it is. */
  g_list_store_insert (f->base, 50, item);
  assert_run (f, 42, 20);
}

/* Changes that reach into the run from before it, or over it. */
static void
test_growing_model_overlap (Fixture       *f,
                            gconstpointer  data)
{
  GObject *items[3];

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    items[i] = g_object_new (G_TYPE_OBJECT, NULL);

  rectify_growing_model_set_run (f->model, 40, 20);
  /* Removed from 35 to 44, three added there: they start the run. */
  g_list_store_splice (f->base, 35, 10, (gpointer *) items, 3);
  assert_run (f, 35, 18);
  /* Replaced in the middle, the same count. */
  g_list_store_splice (f->base, 40, 2, (gpointer *) items, 2);
  assert_run (f, 35, 18);
  /* Added right after the run: not shown until it grows. */
  g_list_store_splice (f->base, 53, 0, (gpointer *) items, 3);
  assert_run (f, 35, 18);
  rectify_growing_model_grow (f->model, 0, 3);
  assert_run (f, 35, 21);
  /* Removed over its end. */
  g_list_store_splice (f->base, 50, 30, NULL, 0);
  assert_run (f, 35, 15);

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    g_object_unref (items[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/growing-model/grow", Fixture, NULL, fixture_set_up, test_growing_model_grow,
              fixture_tear_down);
  g_test_add ("/growing-model/changes", Fixture, NULL, fixture_set_up,
              test_growing_model_changes, fixture_tear_down);
  g_test_add ("/growing-model/overlap", Fixture, NULL, fixture_set_up,
              test_growing_model_overlap, fixture_tear_down);

  return g_test_run ();
}
