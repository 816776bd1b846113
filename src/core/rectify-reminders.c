/* rectify-reminders.c: which reminder a case is due, as pure functions
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three reminders, each sent once per case:
 *
 * - a week before the next billing date (three to seven days left), and
 * - two days before it (two days left or less, the day itself included),
 *   while the request has not reached support: the correction is easier
 *   before the next cycle starts (the urgency levels of the billing rules);
 * - on or after the date of the statement that should show the correction,
 *   once the request reached support, until the owner ticks "Check your next
 *   statement".
 *
 * Reminders are windows, not days: an app started on day five still says a
 * week is nearly gone, and one started on the billing day skips straight to
 * the urgent one (the week's would only be noise by then). Which reminders
 * were shown is kept outside the case, as "REFERENCE:KIND" strings.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rectify-billing.h"
#include "rectify-format.h"
#include "rectify-reminders.h"

#define MAX_CYCLES 1200

const char *
rectify_reminder_get_kind (RectifyReminder reminder)
{
  switch (reminder)
    {
    case RECTIFY_REMINDER_DEADLINE_WEEK:
      return "deadline-7";
    case RECTIFY_REMINDER_DEADLINE_SOON:
      return "deadline-2";
    case RECTIFY_REMINDER_STATEMENT:
      return "statement";
    case RECTIFY_REMINDER_NONE:
    default:
      return NULL;
    }
}

/**
 * rectify_reminder_dup_key:
 * @rcase: a case
 * @reminder: a reminder other than %RECTIFY_REMINDER_NONE
 *
 * Returns: (transfer full): "REFERENCE:KIND", how a shown reminder is kept
 */
char *
rectify_reminder_dup_key (RectifyCase     *rcase,
                          RectifyReminder  reminder)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (rcase), NULL);
  g_return_val_if_fail (reminder != RECTIFY_REMINDER_NONE, NULL);

  return g_strconcat (rectify_case_get_reference (rcase), ":",
                      rectify_reminder_get_kind (reminder), NULL);
}

static gboolean
was_shown (RectifyCase     *rcase,
           RectifyReminder  reminder,
           GHashTable      *shown)
{
  g_autofree char *key = NULL;

  if (shown == NULL)
    return FALSE;

  key = rectify_reminder_dup_key (rcase, reminder);
  return g_hash_table_contains (shown, key);
}

static void
date_from_date_time (GDateTime *date_time,
                     GDate     *out_date)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (date_time);

  g_date_clear (out_date, 1);
  g_date_set_dmy (out_date, g_date_time_get_day_of_month (local),
                  g_date_time_get_month (local), g_date_time_get_year (local));
}

/**
 * rectify_reminders_get_statement_date:
 * @rcase: a case that reached support
 * @out_date: (out): the date
 *
 * The date of the statement that should show the correction: the next
 * billing date, or, for a request that reached support after it, the first
 * billing date after that.
 *
 * Returns: whether it is known (the case has a next billing date)
 */
gboolean
rectify_reminders_get_statement_date (RectifyCase *rcase,
                                      GDate       *out_date)
{
  const GDate *next;
  GDateTime *submitted_at;
  GDate submitted;
  guint months;

  g_return_val_if_fail (RECTIFY_IS_CASE (rcase), FALSE);
  g_return_val_if_fail (out_date != NULL, FALSE);

  next = rectify_case_get_next_billing (rcase);
  if (next == NULL || !g_date_valid (next))
    return FALSE;

  *out_date = *next;
  submitted_at = rectify_case_get_submitted_at (rcase);
  if (submitted_at == NULL)
    return TRUE;

  date_from_date_time (submitted_at, &submitted);
  months = rectify_case_get_period (rcase) == RECTIFY_PERIOD_ANNUAL ? 12 : 1;

  /* Counted from the typed date each time, so the 31st stays the 31st
   * where the month has one. */
  for (guint i = 1; g_date_compare (out_date, &submitted) < 0 && i <= MAX_CYCLES; i++)
    {
      *out_date = *next;
      g_date_add_months (out_date, i * months);
    }

  return TRUE;
}

/**
 * rectify_reminders_get_due:
 * @rcase: a case
 * @today: the current date
 * @shown: (nullable) (element-type utf8 utf8): the keys of the reminders
 *   already shown, as a set (see rectify_reminder_dup_key())
 *
 * Returns: the reminder @rcase is due today and has not had yet, or
 *   %RECTIFY_REMINDER_NONE
 */
RectifyReminder
rectify_reminders_get_due (RectifyCase        *rcase,
                           const GDate        *today,
                           GHashTable         *shown)
{
  const GDate *next;
  RectifyReminder due = RECTIFY_REMINDER_NONE;

  g_return_val_if_fail (RECTIFY_IS_CASE (rcase), RECTIFY_REMINDER_NONE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), RECTIFY_REMINDER_NONE);

  next = rectify_case_get_next_billing (rcase);
  if (next == NULL || !g_date_valid (next))
    return RECTIFY_REMINDER_NONE;

  if (rectify_case_is_submitted (rcase))
    {
      GDate statement;

      if (rectify_case_get_checklist_done (rcase, RECTIFY_CHECKLIST_CHECK_STATEMENT) != NULL ||
          !rectify_reminders_get_statement_date (rcase, &statement) ||
          g_date_compare (today, &statement) < 0)
        return RECTIFY_REMINDER_NONE;

      due = RECTIFY_REMINDER_STATEMENT;
    }
  else
    {
      switch (rectify_billing_urgency (rectify_billing_days_left (today, next)))
        {
        case RECTIFY_URGENCY_SOON:
          due = RECTIFY_REMINDER_DEADLINE_WEEK;
          break;
        case RECTIFY_URGENCY_URGENT:
          due = RECTIFY_REMINDER_DEADLINE_SOON;
          break;
        case RECTIFY_URGENCY_CALM:
        case RECTIFY_URGENCY_PASSED:
        default:
          return RECTIFY_REMINDER_NONE;
        }
    }

  return was_shown (rcase, due, shown) ? RECTIFY_REMINDER_NONE : due;
}

/* The reference a key ("REFERENCE:KIND") is for, or NULL for what is not
 * a key. */
static char *
dup_key_reference (const char *key)
{
  const char *colon = strrchr (key, ':');

  return colon != NULL ? g_strndup (key, colon - key) : NULL;
}

/**
 * rectify_reminders_add_shown:
 * @shown: (nullable) (array zero-terminated=1): the keys kept so far
 * @keys: (array zero-terminated=1): the keys of the reminders just shown
 * @cases: (nullable): the cases there are, to forget deleted ones, or %NULL
 *   to keep every key
 *
 * In time linear in the keys, and in the cases only as far as the last one
 * a key kept so far is for: the check at login may tell thousands at
 * once, and the check after start-up runs while the case list fills in.
 *
 * Returns: (transfer full): the keys to keep from now on
 */
char **
rectify_reminders_add_shown (const char * const *shown,
                             const char * const *keys,
                             GListModel         *cases)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) added = g_hash_table_new (g_str_hash, g_str_equal);
  /* The references of the keys kept so far, and those a case has. */
  g_autoptr(GHashTable) wanted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) found = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = 0;

  g_return_val_if_fail (keys != NULL, NULL);
  g_return_val_if_fail (cases == NULL || G_IS_LIST_MODEL (cases), NULL);

  for (guint i = 0; keys[i] != NULL; i++)
    g_hash_table_add (added, (gpointer) keys[i]);

  /* Only the cases of the keys kept are looked for, and no further than
   * the last of them: there may be 10,000 cases, and the keys kept are a
   * few (none at the first check of the day). */
  for (guint i = 0; cases != NULL && shown != NULL && shown[i] != NULL; i++)
    {
      char *reference = dup_key_reference (shown[i]);

      if (reference != NULL && !g_hash_table_contains (added, shown[i]))
        g_hash_table_add (wanted, reference);
      else
        g_free (reference);
    }
  if (cases != NULL && g_hash_table_size (wanted) > 0)
    n = g_list_model_get_n_items (cases);
  for (guint i = 0; i < n && g_hash_table_size (found) < g_hash_table_size (wanted); i++)
    {
      g_autoptr(RectifyCase) rcase = g_list_model_get_item (cases, i);
      gpointer reference;

      if (g_hash_table_lookup_extended (wanted, rectify_case_get_reference (rcase), &reference,
                                        NULL))
        g_hash_table_add (found, reference);
    }

  for (guint i = 0; shown != NULL && shown[i] != NULL; i++)
    {
      g_autofree char *reference = NULL;

      if (g_hash_table_contains (added, shown[i]))
        continue;
      if (cases != NULL &&
          ((reference = dup_key_reference (shown[i])) == NULL ||
           !g_hash_table_contains (found, reference)))
        continue;
      g_strv_builder_add (builder, shown[i]);
    }
  for (guint i = 0; keys[i] != NULL; i++)
    g_strv_builder_add (builder, keys[i]);

  return g_strv_builder_end (builder);
}

/**
 * rectify_reminder_dup_title:
 * @rcase: a case
 * @reminder: the reminder it is due
 * @today: the current date
 *
 * Returns: (transfer full): the notification's title, one short line
 */
char *
rectify_reminder_dup_title (RectifyCase     *rcase,
                            RectifyReminder  reminder,
                            const GDate     *today)
{
  int days = 0;

  g_return_val_if_fail (RECTIFY_IS_CASE (rcase), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  if (g_date_valid (rectify_case_get_next_billing (rcase)))
    days = rectify_billing_days_left (today, rectify_case_get_next_billing (rcase));

  switch (reminder)
    {
    case RECTIFY_REMINDER_DEADLINE_WEEK:
    case RECTIFY_REMINDER_DEADLINE_SOON:
      if (days <= 0)
        return g_strdup (_("Your next billing date is today"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%d day left to ask for your licence correction",
                                           "%d days left to ask for your licence correction",
                                           days),
                              days);
    case RECTIFY_REMINDER_STATEMENT:
      return g_strdup (_("Time to check your statement"));
    case RECTIFY_REMINDER_NONE:
    default:
      return g_strdup ("");
    }
}

/**
 * rectify_reminder_dup_body:
 * @rcase: a case
 * @reminder: the reminder it is due
 * @today: the current date
 *
 * Returns: (transfer full): the notification's text: which case, and what
 *   to do. Nothing personal (a notification can show on a locked screen).
 */
char *
rectify_reminder_dup_body (RectifyCase     *rcase,
                           RectifyReminder  reminder,
                           const GDate     *today)
{
  const char *scenario;
  g_autofree char *date = NULL;

  g_return_val_if_fail (RECTIFY_IS_CASE (rcase), NULL);

  scenario = rectify_scenario_get_label (rectify_case_get_scenario (rcase));

  switch (reminder)
    {
    case RECTIFY_REMINDER_DEADLINE_WEEK:
    case RECTIFY_REMINDER_DEADLINE_SOON:
      date = rectify_format_date_long (rectify_case_get_next_billing (rcase));
      /* Translators: the first %s is the mistake ("Wrong licence type"),
       * the second a date */
      return g_strdup_printf (_("%s: your request has not reached Ringover support yet. Send "
                                "it before the next billing date, %s, so the correction can "
                                "be made in this cycle."),
                              scenario, date);
    case RECTIFY_REMINDER_STATEMENT:
      {
        GDate statement;

        if (rectify_reminders_get_statement_date (rcase, &statement))
          date = rectify_format_date_long (&statement);
        /* Translators: the first %s is the mistake ("Wrong licence type"),
         * the second a date */
        return g_strdup_printf (_("%s: the statement of %s should show the correction. Enter "
                                  "what it shows to compare it with what was asked for."),
                                scenario, date ? date : "");
      }
    case RECTIFY_REMINDER_NONE:
    default:
      return g_strdup ("");
    }
}
