/* rectify-shared-text.h: one counted copy of a short text many hold
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *rectify_shared_text_dup  (const char *text);
void  rectify_shared_text_free (char       *text);

G_END_DECLS
