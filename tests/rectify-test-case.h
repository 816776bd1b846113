/* rectify-test-case.h: ready-made cases and a fixed day for the tests
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rectify-case.h"
#include "rectify-case-store.h"
#include "rectify-provider.h"

G_BEGIN_DECLS

RectifyCase *rectify_test_case_new_entered (void);
void rectify_test_set_today         (guint              year,
                                     guint              month,
                                     guint              day);
void rectify_test_fill_identify     (RectifyCase       *rcase,
                                     RectifyScenario    scenario);
void rectify_test_fill_complete     (RectifyCase       *rcase,
                                     RectifyScenario    scenario);
void rectify_test_check_attachment  (RectifyAttachment *attachment);
void rectify_test_use_system_mime_database (void);
void rectify_test_remove_tree      (GFile             *directory);

RectifyCaseStore *rectify_test_load_store  (GFile            *directory);
void              rectify_test_flush_store (RectifyCaseStore *store);
void              rectify_test_load_done_cb (GObject         *object,
                                             GAsyncResult    *result,
                                             gpointer         user_data);
RectifyCase      *rectify_test_open_ahead  (RectifyCaseStore *store,
                                            const char       *reference,
                                            GError          **error);

RectifyProvider *rectify_test_provider_with_client (const char *redirect_uri);

G_END_DECLS
