/* rectify-reference.h: the short case reference support can read out
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "RCT-" and two groups of four: seven data characters and a check. */
#define RECTIFY_SHORT_REFERENCE_LENGTH 13

char     *rectify_reference_shorten      (const char *uuid);
gboolean  rectify_reference_is_valid     (const char *short_reference);
gboolean  rectify_reference_in_text      (const char *text,
                                          const char *uuid);

G_END_DECLS
