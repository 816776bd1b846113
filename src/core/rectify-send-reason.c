/* rectify-send-reason.c: why a case is where it is in the outbox, as data
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rectify-send-reason.h"

G_DEFINE_BOXED_TYPE (RectifySendReason, rectify_send_reason,
                     rectify_send_reason_copy, rectify_send_reason_free)

RectifySendReason *
rectify_send_reason_new (RectifySendReasonCode code)
{
  RectifySendReason *self = g_new0 (RectifySendReason, 1);

  self->code = code;

  return self;
}

/* A reason that keeps @detail, words from elsewhere, as they came. */
RectifySendReason *
rectify_send_reason_new_with_detail (RectifySendReasonCode  code,
                                     const char            *detail)
{
  RectifySendReason *self = rectify_send_reason_new (code);

  self->detail = g_strdup (detail);

  return self;
}

RectifySendReason *
rectify_send_reason_copy (const RectifySendReason *self)
{
  RectifySendReason *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->at = self->at != NULL ? g_date_time_ref (self->at) : NULL;
  copy->file = g_strdup (self->file);
  copy->detail = g_strdup (self->detail);

  return copy;
}

void
rectify_send_reason_free (RectifySendReason *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->at, g_date_time_unref);
  g_free (self->file);
  g_free (self->detail);
  g_free (self);
}

/* Whether @a and @b say the same; either may be %NULL. */
gboolean
rectify_send_reason_equal (const RectifySendReason *a,
                           const RectifySendReason *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return a->code == b->code && a->cause == b->cause && a->status == b->status &&
         a->delay_ms == b->delay_ms &&
         (a->at == NULL ? b->at == NULL : b->at != NULL && g_date_time_equal (a->at, b->at)) &&
         g_strcmp0 (a->file, b->file) == 0 && g_strcmp0 (a->detail, b->detail) == 0;
}
