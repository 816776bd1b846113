/* rectify-request-number.h: asking the owner for the number in support's e-mail
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rectify-outbox.h"
#include "rectify-page.h"

G_BEGIN_DECLS

void rectify_request_number_ask (RectifyPage   *page,
                                 RectifyOutbox *outbox,
                                 RectifyCase   *rcase);

G_END_DECLS
