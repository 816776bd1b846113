/* rectify-desk-error.c: what went wrong talking to the help desk
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An extended GError domain: besides its code and message, an error keeps
 * the HTTP status, the desk's error name, its 422 field details and the
 * Retry-After delay, and survives g_error_copy() and g_task_return_error().
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rectify-desk-error.h"

typedef struct
{
  guint      status;
  gint64     retry_after;
  char      *server_error;
  GPtrArray *field_errors;  /* RectifyDeskFieldError */
} RectifyDeskErrorPrivate;

static void
rectify_desk_error_private_init (RectifyDeskErrorPrivate *priv)
{
  priv->status = 0;
  priv->retry_after = -1;
  priv->server_error = NULL;
  priv->field_errors = NULL;
}

static GPtrArray *
copy_field_errors (GPtrArray *field_errors)
{
  GPtrArray *copy;

  if (field_errors == NULL)
    return NULL;

  copy = g_ptr_array_new_with_free_func ((GDestroyNotify) rectify_desk_field_error_free);
  for (guint i = 0; i < field_errors->len; i++)
    g_ptr_array_add (copy, rectify_desk_field_error_copy (g_ptr_array_index (field_errors, i)));

  return copy;
}

static void
rectify_desk_error_private_copy (const RectifyDeskErrorPrivate *src,
                                 RectifyDeskErrorPrivate       *dest)
{
  dest->status = src->status;
  dest->retry_after = src->retry_after;
  dest->server_error = g_strdup (src->server_error);
  dest->field_errors = copy_field_errors (src->field_errors);
}

static void
rectify_desk_error_private_clear (RectifyDeskErrorPrivate *priv)
{
  g_clear_pointer (&priv->server_error, g_free);
  g_clear_pointer (&priv->field_errors, g_ptr_array_unref);
}

G_DEFINE_EXTENDED_ERROR (RectifyDeskError, rectify_desk_error)

G_DEFINE_ENUM_TYPE (RectifyDeskError, rectify_desk_error,
  G_DEFINE_ENUM_VALUE (RECTIFY_DESK_ERROR_NOTHING_SENT, "nothing-sent"),
  G_DEFINE_ENUM_VALUE (RECTIFY_DESK_ERROR_AMBIGUOUS, "ambiguous"),
  G_DEFINE_ENUM_VALUE (RECTIFY_DESK_ERROR_RATE_LIMITED, "rate-limited"),
  G_DEFINE_ENUM_VALUE (RECTIFY_DESK_ERROR_UNAVAILABLE, "unavailable"),
  G_DEFINE_ENUM_VALUE (RECTIFY_DESK_ERROR_SERVER, "server"),
  G_DEFINE_ENUM_VALUE (RECTIFY_DESK_ERROR_UNAUTHORIZED, "unauthorized"),
  G_DEFINE_ENUM_VALUE (RECTIFY_DESK_ERROR_FORBIDDEN, "forbidden"),
  G_DEFINE_ENUM_VALUE (RECTIFY_DESK_ERROR_NOT_FOUND, "not-found"),
  G_DEFINE_ENUM_VALUE (RECTIFY_DESK_ERROR_INVALID, "invalid"),
  G_DEFINE_ENUM_VALUE (RECTIFY_DESK_ERROR_HTTP, "http"),
  G_DEFINE_ENUM_VALUE (RECTIFY_DESK_ERROR_BAD_RESPONSE, "bad-response"),
  G_DEFINE_ENUM_VALUE (RECTIFY_DESK_ERROR_TOO_LARGE, "too-large"),
  G_DEFINE_ENUM_VALUE (RECTIFY_DESK_ERROR_INSECURE, "insecure"),
  G_DEFINE_ENUM_VALUE (RECTIFY_DESK_ERROR_BAD_URL, "bad-url"))

static char *
default_message (RectifyDeskError code,
                 guint            status,
                 gint64           retry_after)
{
  switch (code)
    {
    case RECTIFY_DESK_ERROR_NOTHING_SENT:
      return g_strdup (_("Could not reach Ringover’s help desk. Nothing was sent; "
                         "check the internet connection."));
    case RECTIFY_DESK_ERROR_AMBIGUOUS:
      return g_strdup (_("The connection to the help desk was lost before it answered. "
                         "The request may or may not have arrived."));
    case RECTIFY_DESK_ERROR_RATE_LIMITED:
      if (retry_after > 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "The help desk is receiving too many requests. "
                                             "It asks to wait %d second.",
                                             "The help desk is receiving too many requests. "
                                             "It asks to wait %d seconds.",
                                             (gulong) MIN (retry_after, G_MAXINT)),
                                (int) MIN (retry_after, G_MAXINT));
      return g_strdup (_("The help desk is receiving too many requests. Try again later."));
    case RECTIFY_DESK_ERROR_UNAVAILABLE:
      return g_strdup (_("The help desk is unavailable for the moment. Try again later."));
    case RECTIFY_DESK_ERROR_SERVER:
      if (status == 502 || status == 504)
        return g_strdup_printf (_("A server between Rectify and the help desk could not get an "
                                  "answer from it (error %u)."), status);
      return g_strdup_printf (_("The help desk ran into a problem of its own (error %u)."),
                              status);
    case RECTIFY_DESK_ERROR_UNAUTHORIZED:
      return g_strdup (_("The help desk did not accept the sign-in details."));
    case RECTIFY_DESK_ERROR_FORBIDDEN:
      return g_strdup (_("The help desk refused access. The e-mail address may need to be "
                         "verified first."));
    case RECTIFY_DESK_ERROR_NOT_FOUND:
      return g_strdup (_("The help desk does not know this request."));
    case RECTIFY_DESK_ERROR_INVALID:
      return g_strdup (_("The help desk did not accept some of the details."));
    case RECTIFY_DESK_ERROR_HTTP:
      switch (status)
        {
        case 400:
          return g_strdup (_("The help desk could not make sense of what Rectify sent "
                             "(error 400). Nothing was created."));
        case 404:
        case 405:
          return g_strdup_printf (_("There is no help desk at this address (error %u). Check "
                                    "the help desk address in Preferences."), status);
        case 408:
          return g_strdup (_("The help desk stopped waiting for the request (error 408). "
                             "Nothing was created."));
        case 413:
          return g_strdup (_("The help desk refused the request as too large (error 413)."));
        default:
          return g_strdup_printf (_("The help desk answered with an unexpected error (%u)."),
                                  status);
        }
    case RECTIFY_DESK_ERROR_BAD_RESPONSE:
      return g_strdup (_("The help desk sent an answer Rectify could not read."));
    case RECTIFY_DESK_ERROR_TOO_LARGE:
      return g_strdup (_("The file is too large to attach."));
    case RECTIFY_DESK_ERROR_INSECURE:
      return g_strdup (_("The connection to the help desk would not be secure, so nothing "
                         "was sent."));
    case RECTIFY_DESK_ERROR_BAD_URL:
      return g_strdup (_("The help desk address is not valid."));
    default:
      return g_strdup (_("Something went wrong talking to the help desk."));
    }
}

/**
 * rectify_desk_error_new:
 * @code: the error code
 * @status: the HTTP status, or 0 when there was no answer
 * @retry_after: seconds to wait before trying again, or -1
 * @server_error: (nullable): the desk's error name (`RecordInvalid`, …)
 * @field_errors: (nullable) (element-type RectifyDeskFieldError): 422 details, copied
 * @message: (nullable): the message for people, or %NULL for the code's own
 *
 * Returns: (transfer full): a new error in the %RECTIFY_DESK_ERROR domain
 */
GError *
rectify_desk_error_new (RectifyDeskError  code,
                        guint             status,
                        gint64            retry_after,
                        const char       *server_error,
                        GPtrArray        *field_errors,
                        const char       *message)
{
  g_autofree char *text = NULL;
  RectifyDeskErrorPrivate *priv;
  GError *error;

  if (message == NULL)
    text = default_message (code, status, retry_after);
  error = g_error_new_literal (RECTIFY_DESK_ERROR, code, message != NULL ? message : text);

  priv = rectify_desk_error_get_private (error);
  priv->status = status;
  priv->retry_after = retry_after >= 0 ? retry_after : -1;
  priv->server_error = g_strdup (server_error);
  priv->field_errors = copy_field_errors (field_errors);

  return error;
}

/**
 * rectify_desk_error_new_for_status:
 * @status: an unsuccessful HTTP status
 * @retry_after: seconds from Retry-After, or -1
 * @server_error: (nullable): the desk's error name
 * @field_errors: (nullable) (element-type RectifyDeskFieldError): 422 details, copied
 *
 * The error for an answer with @status: `401` is UNAUTHORIZED, `429`
 * RATE_LIMITED, `503` UNAVAILABLE, another `5xx` SERVER, and so on.
 *
 * Returns: (transfer full): a new error in the %RECTIFY_DESK_ERROR domain
 */
GError *
rectify_desk_error_new_for_status (guint       status,
                                   gint64      retry_after,
                                   const char *server_error,
                                   GPtrArray  *field_errors)
{
  RectifyDeskError code;

  switch (status)
    {
    case 401:
      code = RECTIFY_DESK_ERROR_UNAUTHORIZED;
      break;
    case 403:
      code = RECTIFY_DESK_ERROR_FORBIDDEN;
      break;
    case 404:
      code = RECTIFY_DESK_ERROR_NOT_FOUND;
      break;
    case 422:
      code = RECTIFY_DESK_ERROR_INVALID;
      break;
    case 429:
      code = RECTIFY_DESK_ERROR_RATE_LIMITED;
      break;
    case 503:
      code = RECTIFY_DESK_ERROR_UNAVAILABLE;
      break;
    default:
      code = status >= 500 && status <= 599 ? RECTIFY_DESK_ERROR_SERVER : RECTIFY_DESK_ERROR_HTTP;
      break;
    }

  return rectify_desk_error_new (code, status, retry_after, server_error, field_errors, NULL);
}

static RectifyDeskErrorPrivate *
lookup_private (const GError *error)
{
  if (error == NULL || error->domain != RECTIFY_DESK_ERROR)
    return NULL;

  return rectify_desk_error_get_private (error);
}

/* The HTTP status of the answer, or 0 when there was none (or @error is
 * not a desk error). */
guint
rectify_desk_error_get_status (const GError *error)
{
  RectifyDeskErrorPrivate *priv = lookup_private (error);

  return priv != NULL ? priv->status : 0;
}

/* Seconds the desk asked to wait (Retry-After), or -1 when it did not say. */
gint64
rectify_desk_error_get_retry_after (const GError *error)
{
  RectifyDeskErrorPrivate *priv = lookup_private (error);

  return priv != NULL ? priv->retry_after : -1;
}

/* The desk's own name for the error (`RecordInvalid`, `RecordNotFound`, …). */
const char *
rectify_desk_error_get_server_error (const GError *error)
{
  RectifyDeskErrorPrivate *priv = lookup_private (error);

  return priv != NULL ? priv->server_error : NULL;
}

/**
 * rectify_desk_error_get_field_errors:
 * @error: a #GError
 *
 * The problems a `422` answer listed, each with the field it concerns
 * (`base` for the request as a whole), in the desk's order.
 *
 * Returns: (transfer none) (nullable) (element-type RectifyDeskFieldError):
 *   the field errors, or %NULL when there are none
 */
GPtrArray *
rectify_desk_error_get_field_errors (const GError *error)
{
  RectifyDeskErrorPrivate *priv = lookup_private (error);

  if (priv == NULL || priv->field_errors == NULL || priv->field_errors->len == 0)
    return NULL;

  return priv->field_errors;
}

/* Whether the desk listed a problem with @field. */
gboolean
rectify_desk_error_has_field (const GError *error,
                              const char   *field)
{
  GPtrArray *field_errors = rectify_desk_error_get_field_errors (error);

  for (guint i = 0; field_errors != NULL && i < field_errors->len; i++)
    {
      const RectifyDeskFieldError *field_error = g_ptr_array_index (field_errors, i);

      if (g_strcmp0 (field_error->field, field) == 0)
        return TRUE;
    }

  return FALSE;
}

/**
 * rectify_desk_error_is_retry_safe:
 * @error: a #GError
 *
 * Whether sending again cannot make a duplicate and may work later: the
 * request provably did not reach the desk (NOTHING_SENT), or the desk said
 * "later" without acting (RATE_LIMITED, UNAVAILABLE; honour the
 * Retry-After). A TLS failure is not retried: it is INSECURE.
 *
 * Returns: %TRUE if an automatic retry is safe
 */
gboolean
rectify_desk_error_is_retry_safe (const GError *error)
{
  if (error == NULL || error->domain != RECTIFY_DESK_ERROR)
    return FALSE;

  switch (error->code)
    {
    case RECTIFY_DESK_ERROR_NOTHING_SENT:
    case RECTIFY_DESK_ERROR_RATE_LIMITED:
    case RECTIFY_DESK_ERROR_UNAVAILABLE:
      return TRUE;
    default:
      return FALSE;
    }
}

/**
 * rectify_desk_error_may_have_taken_effect:
 * @error: a #GError
 *
 * Whether the desk may have acted on the call despite the error, so that
 * sending again could make a duplicate: no answer after the whole request
 * was sent (AMBIGUOUS), a server failure other than 503 (SERVER), or a
 * successful status whose body could not be read (BAD_RESPONSE with a 2xx
 * status: it did act). A cancelled call (%G_IO_ERROR_CANCELLED) may have
 * too; it is not a desk error, so the caller decides.
 *
 * Returns: %TRUE if the outcome must be confirmed before sending again
 */
gboolean
rectify_desk_error_may_have_taken_effect (const GError *error)
{
  guint status;

  if (error == NULL || error->domain != RECTIFY_DESK_ERROR)
    return FALSE;

  status = rectify_desk_error_get_status (error);

  switch (error->code)
    {
    case RECTIFY_DESK_ERROR_AMBIGUOUS:
    case RECTIFY_DESK_ERROR_SERVER:
      return TRUE;
    case RECTIFY_DESK_ERROR_BAD_RESPONSE:
      return status == 0 || (status >= 200 && status <= 299);
    default:
      return FALSE;
    }
}
