/* rectify-types.h: enums and forward declarations shared across the core
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * RectifyScenario:
 * @RECTIFY_SCENARIO_NONE: the owner has not said yet
 * @RECTIFY_SCENARIO_WRONG_TYPE: a licence of the wrong type was bought
 * @RECTIFY_SCENARIO_UNINTENDED: extra licences were added unintentionally
 * @RECTIFY_SCENARIO_TOO_MANY: more licences were bought than needed
 *
 * The kind of purchase mistake a case is about, as the help-centre
 * article lists them.
 */
typedef enum
{
  RECTIFY_SCENARIO_NONE,
  RECTIFY_SCENARIO_WRONG_TYPE,
  RECTIFY_SCENARIO_UNINTENDED,
  RECTIFY_SCENARIO_TOO_MANY,
} RectifyScenario;

/**
 * RectifyStep:
 *
 * The four steps of the guided flow, in order.
 */
typedef enum
{
  RECTIFY_STEP_IDENTIFY,
  RECTIFY_STEP_DETAILS,
  RECTIFY_STEP_RESOLUTION,
  RECTIFY_STEP_FOLLOW_UP,
} RectifyStep;

#define RECTIFY_N_STEPS 4

typedef struct _RectifyCase RectifyCase;

G_END_DECLS
