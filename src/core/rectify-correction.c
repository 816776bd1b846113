/* rectify-correction.c: a change to a request support has already
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Once a request went out, what it says stays as sent; a change the owner
 * wants goes to support as a correction of that same request: a reply on
 * it when signed in (rectify_outbox_send_correction_async()), otherwise an
 * e-mail or copied text that quotes its number, so support adds it to the
 * request rather than opening another one. The text is written in the UI
 * language, like the request.
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "rectify-correction.h"
#include "rectify-email.h"
#include "rectify-format.h"
#include "rectify-reference.h"

/**
 * rectify_correction_dup_subject:
 * @rcase: a case whose request reached support
 *
 * The subject of a correction sent by e-mail: the request number when
 * known, and always the case reference, as in the request's own subject.
 *
 * Returns: (transfer full): the subject
 */
char *
rectify_correction_dup_subject (RectifyCase *rcase)
{
  g_autofree char *reference = NULL;

  g_return_val_if_fail (RECTIFY_IS_CASE (rcase), NULL);

  reference = rectify_reference_shorten (rectify_case_get_reference (rcase));
  if (rectify_case_get_request_id (rcase) > 0)
    /* Translators: %s is the request number, the second the case reference
     * (keep [Ref …] as is) */
    return g_strdup_printf (_("Correction to request #%" PRId64 " [Ref %s]"),
                            rectify_case_get_request_id (rcase), reference);

  /* Translators: %s is the case reference (keep [Ref …] as is) */
  return g_strdup_printf (_("Correction to my licence purchase request [Ref %s]"), reference);
}

/**
 * rectify_correction_dup_body:
 * @rcase: a case whose request reached support
 * @change: what the owner wants changed, in their words
 *
 * The text of a correction: which request it corrects, then @change as
 * typed (surrounding blanks removed).
 *
 * Returns: (transfer full): the text
 */
char *
rectify_correction_dup_body (RectifyCase *rcase,
                             const char  *change)
{
  g_autofree char *typed = NULL;
  g_autoptr(GString) body = g_string_new (NULL);

  g_return_val_if_fail (RECTIFY_IS_CASE (rcase), NULL);
  g_return_val_if_fail (change != NULL, NULL);

  typed = g_strstrip (g_strdup (change));

  if (rectify_case_get_request_id (rcase) > 0)
    /* Translators: the first line of a correction; %s is the request number */
    g_string_append_printf (body, _("A correction to request #%" PRId64 ", which I sent "
                                    "earlier. Please add it to that request rather than "
                                    "opening a new one."),
                            rectify_case_get_request_id (rcase));
  else
    {
      g_autofree char *reference = rectify_reference_shorten (rectify_case_get_reference (rcase));

      /* Translators: the first line of a correction; %s is the case reference */
      g_string_append_printf (body, _("A correction to my request with the reference %s, "
                                      "which I sent earlier. Please add it to that request "
                                      "rather than opening a new one."),
                              reference);
    }

  g_string_append_printf (body, "\n\n%s\n", typed);

  return g_string_free (g_steal_pointer (&body), FALSE);
}

/**
 * rectify_correction_dup_mailto:
 * @rcase: a case whose request reached support
 * @address: the support address
 * @change: what the owner wants changed
 *
 * A `mailto:` URI (RFC 6068) with the correction's subject and text.
 *
 * Returns: (transfer full): the URI
 */
char *
rectify_correction_dup_mailto (RectifyCase *rcase,
                               const char  *address,
                               const char  *change)
{
  g_autofree char *subject = rectify_correction_dup_subject (rcase);
  g_autofree char *body = rectify_correction_dup_body (rcase, change);

  return rectify_email_build_mailto (address, subject, body);
}
