/* rectify-case-status.c: where a case stands and how to find it, for the case list
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rectify-case-status.h"
#include "rectify-format.h"
#include "rectify-reference.h"
#include "rectify-reminders.h"

/**
 * rectify_case_get_status:
 * @rcase: a case
 * @today: the current date
 * @out_label: (out) (optional) (transfer none): where it stands, in a few
 *   translated words for the owner
 *
 * The one place that tells, from the send record, the dates and the
 * checklist, where a case stands.
 *
 * Returns: the status
 */
RectifyCaseStatus
rectify_case_get_status (RectifyCase  *rcase,
                         const GDate  *today,
                         const char  **out_label)
{
  RectifyCaseStatus status;
  const char *label;

  g_return_val_if_fail (RECTIFY_IS_CASE (rcase), RECTIFY_CASE_STATUS_DRAFT);
  g_return_val_if_fail (today != NULL && g_date_valid (today), RECTIFY_CASE_STATUS_DRAFT);

  switch (rectify_case_get_send_state (rcase))
    {
    case RECTIFY_SEND_STATE_QUEUED:
      status = RECTIFY_CASE_STATUS_SENDING;
      label = _("Waiting to send");
      break;

    case RECTIFY_SEND_STATE_UPLOADING:
    case RECTIFY_SEND_STATE_CREATING:
      status = RECTIFY_CASE_STATUS_SENDING;
      label = _("Sending");
      break;

    case RECTIFY_SEND_STATE_FAILED:
      status = RECTIFY_CASE_STATUS_ATTENTION;
      label = _("Not sent: needs your attention");
      break;

    case RECTIFY_SEND_STATE_NEEDS_CONFIRMATION:
      status = RECTIFY_CASE_STATUS_ATTENTION;
      label = _("Check whether it was sent");
      break;

    case RECTIFY_SEND_STATE_SENT:
    case RECTIFY_SEND_STATE_SENT_ELSEWHERE:
      if (rectify_case_is_finished (rcase))
        {
          status = RECTIFY_CASE_STATUS_FINISHED;
          label = _("Finished");
        }
      else if (rectify_reminders_get_due (rcase, today, NULL) == RECTIFY_REMINDER_STATEMENT)
        {
          status = RECTIFY_CASE_STATUS_ATTENTION;
          label = _("Sent: the statement is due, check it");
        }
      else
        {
          status = RECTIFY_CASE_STATUS_SENT;
          label = _("Sent: follow-up to do");
        }
      break;

    case RECTIFY_SEND_STATE_DRAFT:
    default:
      /* The reminder's own rule: two days or less before the billing date. */
      if (rectify_reminders_get_due (rcase, today, NULL) == RECTIFY_REMINDER_DEADLINE_SOON)
        {
          status = RECTIFY_CASE_STATUS_ATTENTION;
          label = _("Not sent, and the next billing date is close");
        }
      else
        {
          status = RECTIFY_CASE_STATUS_DRAFT;
          label = _("Draft, not sent yet");
        }
      break;
    }

  if (out_label != NULL)
    *out_label = label;

  return status;
}

/**
 * rectify_case_status_get_icon_name:
 * @status: a status
 *
 * Returns: a symbolic icon of the Adwaita theme for @status
 */
const char *
rectify_case_status_get_icon_name (RectifyCaseStatus status)
{
  switch (status)
    {
    case RECTIFY_CASE_STATUS_SENDING:
      return "emblem-synchronizing-symbolic";
    case RECTIFY_CASE_STATUS_SENT:
      return "mail-send-symbolic";
    case RECTIFY_CASE_STATUS_ATTENTION:
      return "dialog-warning-symbolic";
    case RECTIFY_CASE_STATUS_FINISHED:
      return "emblem-ok-symbolic";
    case RECTIFY_CASE_STATUS_DRAFT:
    default:
      return "document-edit-symbolic";
    }
}

/**
 * rectify_case_dup_list_title:
 * @rcase: a case
 *
 * What names the case in the list and in what is said about it ("Case
 * “Acme SL” deleted"): the account as typed, or else the mistake.
 *
 * Returns: (transfer full): the title
 */
char *
rectify_case_dup_list_title (RectifyCase *rcase)
{
  g_autofree char *account = NULL;

  g_return_val_if_fail (RECTIFY_IS_CASE (rcase), NULL);

  account = g_strstrip (g_strdup (rectify_case_get_text (rcase, RECTIFY_TEXT_ACCOUNT)));
  if (*account != '\0')
    return g_steal_pointer (&account);

  return g_strdup (rectify_scenario_get_label (rectify_case_get_scenario (rcase)));
}

/**
 * rectify_search_fold:
 * @text: (nullable): text
 *
 * @text as searches compare it: without accents or case ("Gestión" and
 * "GESTION" fold the same), compatibility characters decomposed.
 *
 * Returns: (transfer full): the folded text
 */
char *
rectify_search_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autoptr(GString) bare = NULL;

  if (text == NULL)
    return g_strdup ("");

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  if (decomposed == NULL)
    return g_strdup ("");

  bare = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (g_unichar_type (c))
        {
        case G_UNICODE_NON_SPACING_MARK:
        case G_UNICODE_SPACING_MARK:
        case G_UNICODE_ENCLOSING_MARK:
          break;
        default:
          g_string_append_unichar (bare, c);
        }
    }

  return g_utf8_casefold (bare->str, bare->len);
}

static gboolean
field_matches (const char *text,
               const char *folded_term)
{
  g_autofree char *folded = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;

  folded = rectify_search_fold (text);
  return strstr (folded, folded_term) != NULL;
}

/**
 * rectify_case_matches_search:
 * @rcase: a case
 * @folded_term: what the owner searches, through rectify_search_fold()
 *
 * Whether @folded_term is part of the case's account, owner name, licence
 * type, reference (in full or as support sees it) or request number
 * ("#123" or "123"). An empty term matches every case.
 */
gboolean
rectify_case_matches_search (RectifyCase *rcase,
                             const char  *folded_term)
{
  static const RectifyText texts[] = {
    RECTIFY_TEXT_ACCOUNT,
    RECTIFY_TEXT_OWNER_NAME,
    RECTIFY_TEXT_LICENCE_TYPE,
  };
  const char *reference;
  gint64 request_id;

  g_return_val_if_fail (RECTIFY_IS_CASE (rcase), FALSE);
  g_return_val_if_fail (folded_term != NULL, FALSE);

  if (*folded_term == '\0')
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (field_matches (rectify_case_get_text (rcase, texts[i]), folded_term))
      return TRUE;

  reference = rectify_case_get_reference (rcase);
  if (field_matches (reference, folded_term))
    return TRUE;
  if (g_uuid_string_is_valid (reference))
    {
      g_autofree char *short_reference = rectify_reference_shorten (reference);

      if (field_matches (short_reference, folded_term))
        return TRUE;
    }

  request_id = rectify_case_get_request_id (rcase);
  if (request_id > 0)
    {
      char number[32];

      g_snprintf (number, sizeof number, "#%" G_GINT64_FORMAT, request_id);
      if (strstr (number, folded_term) != NULL)
        return TRUE;
    }

  return FALSE;
}
