/* rectify-choice.c: the choices of steps 1 and 3 and the follow-up checklist, as models
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rectify-billing.h"
#include "rectify-choice.h"
#include "rectify-clock.h"
#include "rectify-format.h"
#include "rectify-provider.h"
#include "rectify-request.h"

/* Each choice the owner makes (the mistake, the resolution) and each step
 * of the follow-up is a RectifyChoice in a GListModel, with its words
 * written once, here. The pages show the models through one widget
 * (RectifyChoiceList); the update functions bring a model in line with a
 * case: which items apply, which is chosen or done, and descriptions that
 * carry the case's amounts and days. Items are never added or removed by an
 * update, so the rows (and the keyboard focus on them) stay. */

struct _RectifyChoice
{
  GObject   parent_instance;

  char     *id;
  int       value;
  char     *title;
  char     *description;
  char     *badge;
  gboolean  applies;
  gboolean  active;
};

G_DEFINE_FINAL_TYPE (RectifyChoice, rectify_choice, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_VALUE,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_BADGE,
  PROP_APPLIES,
  PROP_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rectify_choice_finalize (GObject *object)
{
  RectifyChoice *self = (RectifyChoice *)object;

  g_free (self->id);
  g_free (self->title);
  g_free (self->description);
  g_free (self->badge);

  G_OBJECT_CLASS (rectify_choice_parent_class)->finalize (object);
}

static void
rectify_choice_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RectifyChoice *self = RECTIFY_CHOICE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_VALUE:
      g_value_set_int (value, self->value);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_BADGE:
      g_value_set_string (value, self->badge);
      break;
    case PROP_APPLIES:
      g_value_set_boolean (value, self->applies);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rectify_choice_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RectifyChoice *self = RECTIFY_CHOICE (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_VALUE:
      self->value = g_value_get_int (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rectify_choice_class_init (RectifyChoiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rectify_choice_finalize;
  object_class->get_property = rectify_choice_get_property;
  object_class->set_property = rectify_choice_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALUE] =
    g_param_spec_int ("value", NULL, NULL, G_MININT, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* A short tag shown beside the title ("Recommended"), or NULL. */
  properties[PROP_BADGE] =
    g_param_spec_string ("badge", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether the item is offered for the case at all. */
  properties[PROP_APPLIES] =
    g_param_spec_boolean ("applies", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Chosen (a mistake, a resolution) or done (a step). */
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rectify_choice_init (RectifyChoice *self)
{
  self->applies = TRUE;
}

static void
set_string (RectifyChoice *self,
            char         **field,
            const char    *text,
            guint          prop)
{
  if (g_strcmp0 (*field, text) == 0)
    return;

  g_free (*field);
  *field = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_flag (RectifyChoice *self,
          gboolean      *field,
          gboolean       flag,
          guint          prop)
{
  if (*field == !!flag)
    return;

  *field = !!flag;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static RectifyChoice *
choice_new (const char *id,
            int         value,
            const char *title,
            const char *description)
{
  RectifyChoice *self = g_object_new (RECTIFY_TYPE_CHOICE, "id", id, "value", value, NULL);

  self->title = g_strdup (title);
  self->description = g_strdup (description);

  return self;
}

const char *
rectify_choice_get_id (RectifyChoice *self)
{
  g_return_val_if_fail (RECTIFY_IS_CHOICE (self), NULL);

  return self->id;
}

/* The RectifyScenario or RectifyResolution the item stands for; 0 for a
 * checklist step. */
int
rectify_choice_get_value (RectifyChoice *self)
{
  g_return_val_if_fail (RECTIFY_IS_CHOICE (self), 0);

  return self->value;
}

const char *
rectify_choice_get_title (RectifyChoice *self)
{
  g_return_val_if_fail (RECTIFY_IS_CHOICE (self), NULL);

  return self->title;
}

const char *
rectify_choice_get_description (RectifyChoice *self)
{
  g_return_val_if_fail (RECTIFY_IS_CHOICE (self), NULL);

  return self->description;
}

const char *
rectify_choice_get_badge (RectifyChoice *self)
{
  g_return_val_if_fail (RECTIFY_IS_CHOICE (self), NULL);

  return self->badge;
}

gboolean
rectify_choice_get_applies (RectifyChoice *self)
{
  g_return_val_if_fail (RECTIFY_IS_CHOICE (self), FALSE);

  return self->applies;
}

gboolean
rectify_choice_get_active (RectifyChoice *self)
{
  g_return_val_if_fail (RECTIFY_IS_CHOICE (self), FALSE);

  return self->active;
}

static RectifyChoice *
find (GListModel *choices,
      const char *id,
      int         value)
{
  for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
    {
      g_autoptr(RectifyChoice) choice = g_list_model_get_item (choices, i);

      if (id != NULL ? g_strcmp0 (choice->id, id) == 0 : choice->value == value)
        return choice;
    }

  return NULL;
}

/**
 * rectify_choices_find:
 * @choices: a model of #RectifyChoice
 * @id: an item id
 *
 * Returns: (transfer none) (nullable): the item with @id
 */
RectifyChoice *
rectify_choices_find (GListModel *choices,
                      const char *id)
{
  g_return_val_if_fail (G_IS_LIST_MODEL (choices), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return find (choices, id, 0);
}

/**
 * rectify_choices_find_value:
 * @choices: a model of #RectifyChoice
 * @value: a scenario or resolution
 *
 * Returns: (transfer none) (nullable): the item standing for @value
 */
RectifyChoice *
rectify_choices_find_value (GListModel *choices,
                            int         value)
{
  g_return_val_if_fail (G_IS_LIST_MODEL (choices), NULL);

  return find (choices, NULL, value);
}

/* The mistakes, step 1. */

/**
 * rectify_scenario_choices_new:
 *
 * Returns: (transfer full): the three mistakes, in the order step 1 shows
 *   them, each with its value a #RectifyScenario
 */
GListModel *
rectify_scenario_choices_new (void)
{
  GListStore *store = g_list_store_new (RECTIFY_TYPE_CHOICE);
  const struct {
    const char      *id;
    RectifyScenario  scenario;
    const char      *title;
    const char      *description;
  } scenarios[] = {
    { "wrong-type", RECTIFY_SCENARIO_WRONG_TYPE,
      N_("I bought the wrong licence type"),
      N_("Support can replace it with the type you meant and refund or credit the "
         "difference.") },
    { "unintended", RECTIFY_SCENARIO_UNINTENDED,
      N_("I added licences by accident"),
      N_("Support can remove the extra licences and refund or credit their charge.") },
    { "too-many", RECTIFY_SCENARIO_TOO_MANY,
      N_("I bought more licences than I need"),
      N_("Support can bring your account down to the number you keep, with a prorated "
         "discount.") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (scenarios); i++)
    {
      g_autoptr(RectifyChoice) choice = choice_new (scenarios[i].id, scenarios[i].scenario,
                                                    _(scenarios[i].title),
                                                    _(scenarios[i].description));

      g_list_store_append (store, choice);
    }

  return G_LIST_MODEL (store);
}

/**
 * rectify_scenario_choices_update:
 * @choices: a model from rectify_scenario_choices_new()
 * @rcase: (nullable): the case
 *
 * Marks the mistake @rcase names as chosen, and no other.
 */
void
rectify_scenario_choices_update (GListModel  *choices,
                                 RectifyCase *rcase)
{
  RectifyScenario scenario = rcase ? rectify_case_get_scenario (rcase) : RECTIFY_SCENARIO_NONE;

  g_return_if_fail (G_IS_LIST_MODEL (choices));

  for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
    {
      g_autoptr(RectifyChoice) choice = g_list_model_get_item (choices, i);

      set_flag (choice, &choice->active, choice->value == (int) scenario, PROP_ACTIVE);
    }
}

/* The resolutions, step 3. */

static const struct {
  const char        *id;
  RectifyResolution  resolution;
  const char        *title;
} resolutions[] = {
  { "remove", RECTIFY_RESOLUTION_REMOVE, N_("Remove the licences") },
  { "refund", RECTIFY_RESOLUTION_REFUND, N_("Refund") },
  { "credit", RECTIFY_RESOLUTION_CREDIT, N_("Credit on the account") },
  { "prorated", RECTIFY_RESOLUTION_PRORATED, N_("Prorated discount") },
  { "scheduled", RECTIFY_RESOLUTION_SCHEDULED, N_("On the next billing cycle") },
};

/**
 * rectify_resolution_choices_new:
 *
 * Returns: (transfer full): every resolution, in the order step 3 shows
 *   them, each with its value a #RectifyResolution; their descriptions come
 *   with rectify_resolution_choices_update()
 */
GListModel *
rectify_resolution_choices_new (void)
{
  GListStore *store = g_list_store_new (RECTIFY_TYPE_CHOICE);

  for (guint i = 0; i < G_N_ELEMENTS (resolutions); i++)
    {
      g_autoptr(RectifyChoice) choice = choice_new (resolutions[i].id, resolutions[i].resolution,
                                                    _(resolutions[i].title), NULL);

      g_list_store_append (store, choice);
    }

  return G_LIST_MODEL (store);
}

/* What a resolution means, with its amount when the details allow it. */
static char *
describe_resolution (RectifyCase       *rcase,
                     RectifyResolution  resolution,
                     const GDate       *today)
{
  g_autofree char *amount = NULL;
  gint64 minor;
  gint64 difference;
  int days = 0;

  /* Wrong type, and the type meant costs as much or more: only the switch. */
  if (rectify_case_get_scenario (rcase) == RECTIFY_SCENARIO_WRONG_TYPE &&
      rectify_case_get_price_difference (rcase, &difference) && difference <= 0)
    {
      g_autofree char *more = NULL;

      if (difference == 0)
        return g_strdup (_("Nothing due back: both types cost the same"));

      more = rectify_request_format_amount (rcase, -difference);
      /* Translators: %s is an amount, e.g. "5.00 EUR excl. VAT" */
      return g_strdup_printf (_("Nothing due back: the type you meant costs %s more per "
                                "licence"), more);
    }

  if (!rectify_case_compute_amount (rcase, resolution, today, &minor, NULL))
    {
      switch (resolution)
        {
        case RECTIFY_RESOLUTION_REMOVE:
          if (rectify_case_get_scenario (rcase) == RECTIFY_SCENARIO_WRONG_TYPE)
            return g_strdup (_("Replace them with the type you meant, so later statements "
                               "are lower"));
          return g_strdup (_("Take them off the account so later statements are lower"));
        case RECTIFY_RESOLUTION_REFUND:
          return g_strdup (_("Money back to your payment method"));
        case RECTIFY_RESOLUTION_CREDIT:
          return g_strdup (_("Money kept on your Ringover account for later invoices"));
        case RECTIFY_RESOLUTION_PRORATED:
          return g_strdup (_("A discount for the unused part of the cycle"));
        case RECTIFY_RESOLUTION_SCHEDULED:
        case RECTIFY_RESOLUTION_NONE:
        default:
          return g_strdup (_("When it cannot be done now: refunded or credited with the next "
                             "statement"));
        }
    }

  amount = rectify_request_format_amount (rcase, minor);
  if (g_date_valid (rectify_case_get_next_billing (rcase)))
    days = rectify_billing_days_remaining (today, rectify_case_get_next_billing (rcase),
                                           rectify_case_get_period (rcase));

  switch (resolution)
    {
    case RECTIFY_RESOLUTION_REMOVE:
      /* Translators: %s is an amount, e.g. "39.98 EUR" */
      return g_strdup_printf (_("%s less on each statement from the next one"), amount);
    case RECTIFY_RESOLUTION_REFUND:
      return g_strdup_printf (_("%s back to your payment method"), amount);
    case RECTIFY_RESOLUTION_CREDIT:
      return g_strdup_printf (_("%s kept on your Ringover account for later invoices"), amount);
    case RECTIFY_RESOLUTION_PRORATED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s for the %d day left in this cycle",
                                           "%s for the %d days left in this cycle", days),
                              amount, days);
    case RECTIFY_RESOLUTION_SCHEDULED:
    case RECTIFY_RESOLUTION_NONE:
    default:
      return g_strdup_printf (_("%s refunded or credited with the next statement"), amount);
    }
}

/**
 * rectify_resolution_choices_update:
 * @choices: a model from rectify_resolution_choices_new()
 * @rcase: the case
 * @today: the day amounts are computed for
 *
 * Brings the resolutions in line with @rcase: which apply to its mistake
 * (a prorated discount not once the cycle has ended, unless it was chosen
 * before, so the owner sees why the step is not complete), the amount each
 * would bring, the chosen one, and "Recommended" on the next billing cycle
 * once the billing date has passed.
 */
void
rectify_resolution_choices_update (GListModel  *choices,
                                   RectifyCase *rcase,
                                   const GDate *today)
{
  const GDate *next = NULL;
  gboolean passed = FALSE;
  gboolean ended = FALSE;

  g_return_if_fail (G_IS_LIST_MODEL (choices));
  g_return_if_fail (RECTIFY_IS_CASE (rcase));
  g_return_if_fail (today != NULL && g_date_valid (today));

  next = rectify_case_get_next_billing (rcase);
  if (g_date_valid (next))
    {
      passed = rectify_billing_days_left (today, next) < 0;
      ended = rectify_billing_days_remaining (today, next, rectify_case_get_period (rcase)) == 0;
    }

  for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
    {
      g_autoptr(RectifyChoice) choice = g_list_model_get_item (choices, i);
      RectifyResolution resolution = choice->value;
      gboolean active = rectify_case_get_resolution (rcase) == resolution;
      g_autofree char *description = describe_resolution (rcase, resolution, today);
      const char *title = NULL;

      for (guint r = 0; r < G_N_ELEMENTS (resolutions); r++)
        if (resolutions[r].resolution == resolution)
          title = _(resolutions[r].title);
      /* For a wrong type, removing them is switching them. */
      if (resolution == RECTIFY_RESOLUTION_REMOVE &&
          rectify_case_get_scenario (rcase) == RECTIFY_SCENARIO_WRONG_TYPE)
        title = _("Switch to the type you meant");

      set_string (choice, &choice->title, title, PROP_TITLE);
      set_string (choice, &choice->description, description, PROP_DESCRIPTION);
      set_string (choice, &choice->badge,
                  resolution == RECTIFY_RESOLUTION_SCHEDULED && passed ? _("Recommended") : NULL,
                  PROP_BADGE);
      set_flag (choice, &choice->applies,
                rectify_resolution_applies (rectify_case_get_scenario (rcase), resolution) &&
                (resolution != RECTIFY_RESOLUTION_PRORATED || !ended || active),
                PROP_APPLIES);
      set_flag (choice, &choice->active, active, PROP_ACTIVE);
    }
}

/* The follow-up checklist, step 4. Adding a step is adding a line here
 * (and its words to the translations). */

typedef enum {
  APPLIES_ALWAYS,
  /* Only when licences go away: not for a wrong type, which swaps them. */
  APPLIES_WHEN_REMOVED,
  /* Licences going away, and the provider lets owners remove them. */
  APPLIES_WHEN_SELF_SERVICE,
} Applies;

static const struct {
  const char *id;
  Applies     applies;
  /* Not needed for the case to be finished: a faster route, not a duty. */
  gboolean    optional;
  const char *title;
} checklist_items[] = {
  { RECTIFY_CHECKLIST_REMOVE_USERS, APPLIES_WHEN_REMOVED, FALSE,
    N_("Delete the users of the licences you no longer need") },
  { RECTIFY_CHECKLIST_REMOVE_LICENCES, APPLIES_WHEN_SELF_SERVICE, TRUE,
    N_("Remove the unassigned licences yourself (optional)") },
  { RECTIFY_CHECKLIST_CUSTOMER_SUCCESS, APPLIES_ALWAYS, FALSE,
    N_("Work with a customer success representative on the changes to your account") },
  { RECTIFY_CHECKLIST_VERIFY, APPLIES_ALWAYS, FALSE,
    N_("Check that the corrections were made") },
  { RECTIFY_CHECKLIST_CHECK_STATEMENT, APPLIES_ALWAYS, FALSE,
    N_("Check your next statement") },
};

static gboolean
item_applies (guint           i,
              RectifyScenario scenario)
{
  switch (checklist_items[i].applies)
    {
    case APPLIES_WHEN_REMOVED:
      return scenario != RECTIFY_SCENARIO_WRONG_TYPE;
    case APPLIES_WHEN_SELF_SERVICE:
      return scenario != RECTIFY_SCENARIO_WRONG_TYPE &&
             rectify_provider_get_self_removal_url (rectify_provider_get_default ()) != NULL;
    case APPLIES_ALWAYS:
    default:
      return TRUE;
    }
}

/* The table's line for @id, or -1 for an id no version knows. */
static int
checklist_find (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (checklist_items); i++)
    if (g_str_equal (id, checklist_items[i].id))
      return i;

  return -1;
}

/* What each step involves, from the help centre. */
static char *
describe_item (const char *id)
{
  RectifyProvider *provider = rectify_provider_get_default ();

  if (g_str_equal (id, RECTIFY_CHECKLIST_REMOVE_USERS))
    return g_strdup (_("Only unassigned licences can be removed. Deleting a user also deletes "
                       "that user’s call recordings: download the ones you want to keep "
                       "first."));
  if (g_str_equal (id, RECTIFY_CHECKLIST_REMOVE_LICENCES))
    /* Translators: "Billing › Licences" are the names of Ringover's dashboard pages */
    return g_strdup (_("In the dashboard under Billing › Licences, one at a time. It takes "
                       "effect at once, without waiting for support; support can also do it "
                       "with your request."));
  if (g_str_equal (id, RECTIFY_CHECKLIST_CUSTOMER_SUCCESS))
    /* Translators: %s is an e-mail address */
    return g_strdup_printf (_("A customer success representative (%s) can adjust your plan to "
                              "the licences you keep."),
                            rectify_provider_get_success_email (provider));
  if (g_str_equal (id, RECTIFY_CHECKLIST_VERIFY))
    return g_strdup (_("In the Billing section of your Ringover dashboard: the licence types "
                       "and their number."));

  return g_strdup (_("On or after the next billing date, or when a credit note comes, "
                     "compare it below."));
}

/**
 * rectify_checklist_dup_items:
 * @scenario: the mistake
 *
 * The follow-up steps that apply to @scenario, in order.
 *
 * Returns: (transfer full): the item ids
 */
GStrv
rectify_checklist_dup_items (RectifyScenario scenario)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < G_N_ELEMENTS (checklist_items); i++)
    if (item_applies (i, scenario))
      g_strv_builder_add (builder, checklist_items[i].id);

  return g_strv_builder_end (builder);
}

/**
 * rectify_checklist_item_get_label:
 * @item: an item id
 *
 * Returns: (transfer none): the step as the follow-up page words it; an id
 *   no version knows (from a newer Rectify) as it is
 */
const char *
rectify_checklist_item_get_label (const char *item)
{
  int i;

  g_return_val_if_fail (item != NULL, NULL);

  i = checklist_find (item);

  return i >= 0 ? _(checklist_items[i].title) : item;
}

/* Whether the case can be finished with @item not done. */
gboolean
rectify_checklist_item_is_optional (const char *item)
{
  int i;

  g_return_val_if_fail (item != NULL, FALSE);

  i = checklist_find (item);

  return i >= 0 && checklist_items[i].optional;
}

/**
 * rectify_checklist_new:
 *
 * Returns: (transfer full): every follow-up step, in order; which apply and
 *   which are done come with rectify_checklist_update()
 */
GListModel *
rectify_checklist_new (void)
{
  GListStore *store = g_list_store_new (RECTIFY_TYPE_CHOICE);

  for (guint i = 0; i < G_N_ELEMENTS (checklist_items); i++)
    {
      g_autofree char *description = describe_item (checklist_items[i].id);
      g_autoptr(RectifyChoice) choice = choice_new (checklist_items[i].id, 0,
                                                    _(checklist_items[i].title), description);

      g_list_store_append (store, choice);
    }

  return G_LIST_MODEL (store);
}

/**
 * rectify_checklist_update:
 * @checklist: a model from rectify_checklist_new()
 * @rcase: the case
 *
 * Brings the checklist in line with @rcase: the steps that apply to its
 * mistake, which are done, and the day each was done.
 */
void
rectify_checklist_update (GListModel  *checklist,
                          RectifyCase *rcase)
{
  RectifyScenario scenario;

  g_return_if_fail (G_IS_LIST_MODEL (checklist));
  g_return_if_fail (RECTIFY_IS_CASE (rcase));

  scenario = rectify_case_get_scenario (rcase);
  for (guint i = 0; i < g_list_model_get_n_items (checklist); i++)
    {
      g_autoptr(RectifyChoice) choice = g_list_model_get_item (checklist, i);
      GDateTime *done = rectify_case_get_checklist_done (rcase, choice->id);
      g_autofree char *description = describe_item (choice->id);
      int line = checklist_find (choice->id);
      gboolean applies = line >= 0 && item_applies (line, scenario);

      if (done != NULL)
        {
          g_autofree char *when = rectify_format_day_of (done);
          g_autofree char *with_day = NULL;

          /* Translators: %s is a description, %s a date, e.g. "…\nDone on 26 November 2026" */
          with_day = g_strdup_printf (_("%s\nDone on %s"), description, when);
          g_free (description);
          description = g_steal_pointer (&with_day);
        }

      set_string (choice, &choice->description, description, PROP_DESCRIPTION);
      set_flag (choice, &choice->applies, applies, PROP_APPLIES);
      set_flag (choice, &choice->active, done != NULL, PROP_ACTIVE);
    }
}
