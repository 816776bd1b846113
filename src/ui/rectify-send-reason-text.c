/* rectify-send-reason-text.c: the outbox's reasons, in the owner's words
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The outbox keeps why a case waits, failed or needs confirmation as a code
 * with its facts (RectifySendReason); the words are made here, when shown,
 * in the language the app runs in.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rectify-clock.h"
#include "rectify-provider.h"
#include "rectify-send-reason-text.h"

static char *
format_delay (guint delay_ms)
{
  guint seconds = (delay_ms + 999) / 1000;
  guint minutes;

  if (seconds < 120)
    return g_strdup_printf (ngettext ("%u second", "%u seconds", seconds), seconds);

  minutes = (seconds + 59) / 60;
  return g_strdup_printf (ngettext ("%u minute", "%u minutes", minutes), minutes);
}

static char *
format_moment (GDateTime *utc)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    utc = now = rectify_clock_now_utc ();
  local = g_date_time_to_local (utc);

  /* Translators: when the request went out, in g_date_time_format()
   * notation: the date, then the time, e.g. "26/11/26 at 14:32" */
  /* xgettext:no-c-format */
  return g_date_time_format (local, _("%x at %H:%M"));
}

/* The first thing keeping steps 1 to 3 from being complete, as validation
 * words it now. */
static char *
dup_first_problem (RectifyCase *rcase)
{
  for (guint step = RECTIFY_STEP_IDENTIFY; rcase != NULL && step <= RECTIFY_STEP_RESOLUTION;
       step++)
    {
      GPtrArray *problems = rectify_case_get_problems (rcase, step);

      for (guint i = 0; i < problems->len; i++)
        {
          const RectifyProblem *problem = g_ptr_array_index (problems, i);

          if (!problem->warning)
            return g_strdup (problem->message);
        }
    }

  return g_strdup (_("Complete the first three steps before sending"));
}

/* What is known of a request that may or may not have reached the desk. */
static char *
dup_ambiguous (RectifySendReasonCode  code,
               const RectifySendReason *reason)
{
  g_autofree char *moment = format_moment (reason->at);

  switch (code)
    {
    case RECTIFY_SEND_REASON_ACCEPTED_UNREADABLE:
      return g_strdup_printf (_("The help desk accepted the request on %s, but its answer could "
                                "not be read, so the request number is not known. Check your "
                                "e-mail for a message from support with the number."),
                              moment);

    case RECTIFY_SEND_REASON_DESK_FAILED_AFTER:
      return g_strdup_printf (_("The help desk reported a problem of its own (error %u) after "
                                "receiving the request on %s; the request may have been created "
                                "anyway. Check your e-mail for a message from support, then say "
                                "whether it arrived."),
                              reason->status, moment);

    case RECTIFY_SEND_REASON_ANSWER_NOT_DESK:
      return g_strdup_printf (_("The request went out to the help desk on %s, but what answered "
                                "was not the help desk’s usual answer (a network login page, "
                                "perhaps), so it may or may not have arrived. Check your e-mail "
                                "for a message from support, then say whether it arrived."),
                              moment);

    case RECTIFY_SEND_REASON_CONNECTION_LOST:
      return g_strdup_printf (_("The request went out to the help desk on %s, but the connection "
                                "was lost before it answered, so it may or may not have arrived. "
                                "Check your e-mail for a message from support, then say whether "
                                "it arrived."),
                              moment);

    case RECTIFY_SEND_REASON_STOPPED_WHILE_SENDING:
    default:
      return g_strdup_printf (_("Rectify stopped while it was sending the request on %s, so it "
                                "may or may not have arrived. Check your e-mail for a message "
                                "from support, then say whether it arrived."),
                              moment);
    }
}

/**
 * rectify_send_reason_dup_text:
 * @reason: (nullable): why, as the outbox keeps it
 * @rcase: (nullable): the case, for what its validation says now
 *
 * Words @reason for the owner, in the current language.
 *
 * Returns: (transfer full) (nullable): the text, %NULL when there is no reason
 */
char *
rectify_send_reason_dup_text (const RectifySendReason *reason,
                              RectifyCase             *rcase)
{
  const char *detail;
  g_autofree char *when = NULL;
  g_autofree char *known = NULL;

  if (reason == NULL || reason->code == RECTIFY_SEND_REASON_NONE)
    return NULL;

  detail = reason->detail != NULL ? reason->detail : "";

  switch (reason->code)
    {
    case RECTIFY_SEND_REASON_WAITING_SETTINGS:
      return g_strdup (_("Waiting for the help-desk settings"));

    case RECTIFY_SEND_REASON_WAITING_NETWORK:
      return g_strdup (_("Waiting for an internet connection"));

    case RECTIFY_SEND_REASON_CHECKING:
      return g_strdup (_("Checking whether the request reached the help desk"));

    case RECTIFY_SEND_REASON_RETRYING:
      when = format_delay (reason->delay_ms);
      /* Translators: the first %s says what went wrong, the second is a delay, e.g. "4 seconds" */
      return g_strdup_printf (_("%s Rectify tries again in %s."), detail, when);

    case RECTIFY_SEND_REASON_LOOKUP_RETRYING:
      when = format_delay (reason->delay_ms);
      /* Translators: the first %s says what went wrong, the second is a delay, e.g. "4 seconds" */
      return g_strdup_printf (_("Could not check yet whether the request reached the help "
                                "desk. %s Rectify tries again in %s."),
                              detail, when);

    case RECTIFY_SEND_REASON_ACCEPTED_UNREADABLE:
    case RECTIFY_SEND_REASON_DESK_FAILED_AFTER:
    case RECTIFY_SEND_REASON_ANSWER_NOT_DESK:
    case RECTIFY_SEND_REASON_CONNECTION_LOST:
    case RECTIFY_SEND_REASON_STOPPED_WHILE_SENDING:
      return dup_ambiguous (reason->code, reason);

    case RECTIFY_SEND_REASON_LOOKUP_FAILED:
      known = dup_ambiguous (reason->cause, reason);
      /* Translators: the first %s is what is known of the request, the second why
       * Rectify could not look it up */
      return g_strdup_printf (_("%s Rectify could not check with the help desk: %s"),
                              known, detail);

    case RECTIFY_SEND_REASON_SENT_TWICE_UNLISTED:
      return g_strdup (_("The request went out to the help desk more than once without an "
                         "answer, and the help desk does not list it. Check your e-mail for a "
                         "message from support, then say whether it arrived."));

    case RECTIFY_SEND_REASON_NOT_SAVED:
      return g_strdup_printf (_("Your case could not be saved before sending, so nothing was "
                                "sent: %s"),
                              detail);

    case RECTIFY_SEND_REASON_FILE_UNREADABLE:
      /* Translators: the first %s is a file name, the second why it could not be read */
      return g_strdup_printf (_("“%s” could not be read: %s"),
                              reason->file != NULL ? reason->file : "", detail);

    case RECTIFY_SEND_REASON_FILE_MISSING:
      return g_strdup_printf (_("“%s” is no longer there. Attach it again or remove it, then "
                                "send again."),
                              reason->file != NULL ? reason->file : "");

    case RECTIFY_SEND_REASON_FILE_CANNOT_OPEN:
      return g_strdup_printf (_("“%s” cannot be read. Attach a copy you can open or remove "
                                "it, then send again."),
                              reason->file != NULL ? reason->file : "");

    case RECTIFY_SEND_REASON_SIGN_IN_NEEDED:
      /* Anonymous requests are off on this desk: the customer's next routes,
       * in plain words. Signing in is one only where the desk offers it. */
      if (rectify_provider_get_oauth_client_id (rectify_provider_get_default ()) != NULL)
        return g_strdup (_("This help desk takes requests only from people signed in to it. "
                           "Nothing was sent. Send it by e-mail instead, with its files, or "
                           "sign in in Preferences and send again."));
      return g_strdup (_("This help desk does not take requests sent without signing in, and "
                         "offers no sign-in to apps. Nothing was sent. Send it by e-mail "
                         "instead: your e-mail app gets the text and the files, addressed to "
                         "support."));

    case RECTIFY_SEND_REASON_SIGN_IN_REFUSED:
      return g_strdup (_("The help desk did not accept the sign-in. Check the sign-in in "
                         "Preferences, then send again."));

    case RECTIFY_SEND_REASON_ACCESS_REFUSED:
      return g_strdup (_("The help desk refused access; the e-mail address you sign in with "
                         "may need to be verified first. Check the sign-in in Preferences, "
                         "then send again."));

    case RECTIFY_SEND_REASON_REJECTED:
      /* Translators: %s is what the help desk said, in English, e.g. "Base: invalid request" */
      return g_strdup_printf (_("The help desk did not accept the request: %s. Correct it and "
                                "send again."),
                              detail);

    case RECTIFY_SEND_REASON_UPLOADS_REFUSED:
      /* Translators: %s is what the help desk said, in English */
      return g_strdup_printf (_("The help desk refused the attached files twice (“%s”). There is "
                                "nothing to correct: press Send and Rectify uploads them "
                                "afresh, or send the request by e-mail instead."),
                              detail != NULL ? detail : "");

    case RECTIFY_SEND_REASON_REJECTED_FIELDS:
      return g_strdup (_("The help desk did not accept some of the details; they are marked "
                         "beside the fields concerned. Correct them and send again."));

    case RECTIFY_SEND_REASON_INCOMPLETE:
      return dup_first_problem (rcase);

    case RECTIFY_SEND_REASON_OTHER:
    case RECTIFY_SEND_REASON_LEGACY:
    case RECTIFY_SEND_REASON_NONE:
    default:
      return g_strdup (detail);
    }
}
