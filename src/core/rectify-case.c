/* rectify-case.c: one correction case, the single source of truth
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rectify-case.h"
#include "rectify-core-enums.h"

struct _RectifyCase
{
  GObject          parent_instance;

  char            *reference;
  RectifyScenario  scenario;

  gboolean         complete[RECTIFY_N_STEPS];
};

G_DEFINE_FINAL_TYPE (RectifyCase, rectify_case, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REFERENCE,
  PROP_SCENARIO,
  PROP_IDENTIFY_COMPLETE,
  PROP_DETAILS_COMPLETE,
  PROP_RESOLUTION_COMPLETE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The property that carries each step's completeness; the follow-up step is
 * never "complete" in the gating sense, it is where the flow ends. */
static const int step_complete_prop[RECTIFY_N_STEPS] = {
  PROP_IDENTIFY_COMPLETE,
  PROP_DETAILS_COMPLETE,
  PROP_RESOLUTION_COMPLETE,
  0,
};

static gboolean
compute_step_complete (RectifyCase *self,
                       RectifyStep  step)
{
  switch (step)
    {
    case RECTIFY_STEP_IDENTIFY:
      return self->scenario != RECTIFY_SCENARIO_NONE;
    case RECTIFY_STEP_DETAILS:
    case RECTIFY_STEP_RESOLUTION:
    case RECTIFY_STEP_FOLLOW_UP:
    default:
      return FALSE;
    }
}

static void
rectify_case_revalidate (RectifyCase *self)
{
  for (guint step = 0; step < RECTIFY_N_STEPS; step++)
    {
      gboolean complete = compute_step_complete (self, step);

      if (complete != self->complete[step])
        {
          self->complete[step] = complete;
          if (step_complete_prop[step] != 0)
            g_object_notify_by_pspec (G_OBJECT (self), properties[step_complete_prop[step]]);
        }
    }
}

static void
rectify_case_finalize (GObject *object)
{
  RectifyCase *self = (RectifyCase *)object;

  g_clear_pointer (&self->reference, g_free);

  G_OBJECT_CLASS (rectify_case_parent_class)->finalize (object);
}

static void
rectify_case_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RectifyCase *self = RECTIFY_CASE (object);

  switch (prop_id)
    {
    case PROP_REFERENCE:
      g_value_set_string (value, self->reference);
      break;

    case PROP_SCENARIO:
      g_value_set_enum (value, self->scenario);
      break;

    case PROP_IDENTIFY_COMPLETE:
      g_value_set_boolean (value, self->complete[RECTIFY_STEP_IDENTIFY]);
      break;

    case PROP_DETAILS_COMPLETE:
      g_value_set_boolean (value, self->complete[RECTIFY_STEP_DETAILS]);
      break;

    case PROP_RESOLUTION_COMPLETE:
      g_value_set_boolean (value, self->complete[RECTIFY_STEP_RESOLUTION]);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rectify_case_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  RectifyCase *self = RECTIFY_CASE (object);

  switch (prop_id)
    {
    case PROP_SCENARIO:
      rectify_case_set_scenario (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rectify_case_class_init (RectifyCaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rectify_case_finalize;
  object_class->get_property = rectify_case_get_property;
  object_class->set_property = rectify_case_set_property;

  properties[PROP_REFERENCE] =
    g_param_spec_string ("reference", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_SCENARIO] =
    g_param_spec_enum ("scenario", NULL, NULL,
                       RECTIFY_TYPE_SCENARIO,
                       RECTIFY_SCENARIO_NONE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_IDENTIFY_COMPLETE] =
    g_param_spec_boolean ("identify-complete", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DETAILS_COMPLETE] =
    g_param_spec_boolean ("details-complete", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RESOLUTION_COMPLETE] =
    g_param_spec_boolean ("resolution-complete", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rectify_case_init (RectifyCase *self)
{
  self->reference = g_uuid_string_random ();
}

RectifyCase *
rectify_case_new (void)
{
  return g_object_new (RECTIFY_TYPE_CASE, NULL);
}

const char *
rectify_case_get_reference (RectifyCase *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), NULL);

  return self->reference;
}

RectifyScenario
rectify_case_get_scenario (RectifyCase *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), RECTIFY_SCENARIO_NONE);

  return self->scenario;
}

void
rectify_case_set_scenario (RectifyCase     *self,
                           RectifyScenario  scenario)
{
  g_return_if_fail (RECTIFY_IS_CASE (self));
  g_return_if_fail (scenario >= RECTIFY_SCENARIO_NONE && scenario <= RECTIFY_SCENARIO_TOO_MANY);

  if (self->scenario == scenario)
    return;

  self->scenario = scenario;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCENARIO]);
  rectify_case_revalidate (self);
}

/**
 * rectify_case_get_step_complete:
 * @self: a #RectifyCase
 * @step: the step to ask about
 *
 * Whether everything @step asks for is present and valid, so the flow may
 * move past it. Derived from the case's validation, never stored.
 */
gboolean
rectify_case_get_step_complete (RectifyCase *self,
                                RectifyStep  step)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), FALSE);
  g_return_val_if_fail (step < RECTIFY_N_STEPS, FALSE);

  return self->complete[step];
}
