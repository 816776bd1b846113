/* rectify-shared-text.c: one counted copy of a short text many hold
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rectify-shared-text.h"

/* Short texts repeat from case to case: a currency, a licence type, a count,
 * a price, the owner's own name and address, an attachment's type. Each
 * distinct one is kept here once, counted, for everyone who holds it (10,000
 * loaded cases held some 90,000 copies of a few hundred strings). The
 * loader's thread and the main thread both make cases: the pool has its
 * lock. Texts longer than SHARED_TEXT_MAX are copied as usual. */
#define SHARED_TEXT_MAX 64

G_LOCK_DEFINE_STATIC (shared_texts);
/* text → how many hold it (the key is the copy they point to, freed here
 * when the last one lets it go) */
static GHashTable *shared_texts;

/**
 * rectify_shared_text_dup:
 * @text: (nullable): a text
 *
 * Returns: (transfer full) (nullable): @text, to free with
 *   rectify_shared_text_free() and never to change
 */
char *
rectify_shared_text_dup (const char *text)
{
  gpointer key, count;

  if (text == NULL || strlen (text) > SHARED_TEXT_MAX)
    return g_strdup (text);

  G_LOCK (shared_texts);
  if (shared_texts == NULL)
    shared_texts = g_hash_table_new (g_str_hash, g_str_equal);
  if (g_hash_table_lookup_extended (shared_texts, text, &key, &count))
    g_hash_table_insert (shared_texts, key, GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));
  else
    g_hash_table_insert (shared_texts, key = g_strdup (text), GUINT_TO_POINTER (1));
  G_UNLOCK (shared_texts);

  return key;
}

/**
 * rectify_shared_text_free:
 * @text: (nullable): what rectify_shared_text_dup() gave, or a text of
 *   g_strdup()'s
 *
 * Lets @text go. The pool's copy is told apart by its address: another copy
 * of the same text is simply freed.
 */
void
rectify_shared_text_free (char *text)
{
  gpointer key, count;
  gboolean last = TRUE;

  if (text == NULL)
    return;

  G_LOCK (shared_texts);
  if (shared_texts != NULL &&
      g_hash_table_lookup_extended (shared_texts, text, &key, &count) && key == text)
    {
      last = GPOINTER_TO_UINT (count) == 1;
      if (last)
        g_hash_table_remove (shared_texts, key);
      else
        g_hash_table_insert (shared_texts, key, GUINT_TO_POINTER (GPOINTER_TO_UINT (count) - 1));
    }
  G_UNLOCK (shared_texts);

  if (last)
    g_free (text);
}
