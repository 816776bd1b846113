/* rectify-case-private.h: what the store and serialization need of a case
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rectify-case.h"

G_BEGIN_DECLS

RectifyCase       *rectify_case_new_for_reference      (const char  *reference,
                                                        GDateTime   *created);
void               rectify_case_begin_load             (RectifyCase *self);
void               rectify_case_end_load               (RectifyCase *self,
                                                        GDateTime   *updated);
void               rectify_case_restore_checklist_item (RectifyCase *self,
                                                        const char  *item,
                                                        GDateTime   *done_at);
guint              rectify_case_get_n_checklist_ticks  (RectifyCase *self);
const char        *rectify_case_get_checklist_tick     (RectifyCase *self,
                                                        guint        position,
                                                        GDateTime  **out_done_at);
guint              rectify_case_get_n_attachments      (RectifyCase *self);
RectifyAttachment *rectify_case_dup_attachment         (RectifyCase *self,
                                                        guint        position);

G_END_DECLS
