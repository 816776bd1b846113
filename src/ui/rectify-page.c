/* rectify-page.c: the base class of the four pages of the flow
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rectify-format.h"
#include "rectify-page.h"
#include "rectify-text-columns.h"

/* A page shows one step of a case. Its "complete" is not decided by the page
 * or its widgets: it mirrors the case's own completeness for the page's step,
 * so Next is gated on the model, never on what a widget happens to show. */

typedef struct
{
  char        *title;
  RectifyCase *rcase;
  gboolean     complete;
  gboolean     applicable;
} RectifyPagePrivate;

typedef struct
{
  RectifyStep step;
} RectifyPageClassPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (RectifyPage, rectify_page, ADW_TYPE_BIN,
                                  G_ADD_PRIVATE (RectifyPage)
                                  g_type_add_class_private (g_define_type_id,
                                                            sizeof (RectifyPageClassPrivate)))

enum {
  PROP_0,
  PROP_TITLE,
  PROP_COMPLETE,
  PROP_APPLICABLE,
  PROP_CASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static RectifyPageClassPrivate *
get_class_private (gpointer klass)
{
  return G_TYPE_CLASS_GET_PRIVATE (klass, RECTIFY_TYPE_PAGE, RectifyPageClassPrivate);
}

static void
set_complete (RectifyPage *self,
              gboolean     complete)
{
  RectifyPagePrivate *priv = rectify_page_get_instance_private (self);

  complete = !!complete;
  if (priv->complete == complete)
    return;

  priv->complete = complete;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
}

static void
on_case_notify (RectifyPage *self)
{
  RectifyPagePrivate *priv = rectify_page_get_instance_private (self);

  set_complete (self, priv->rcase != NULL &&
                rectify_case_get_step_complete (priv->rcase, rectify_page_get_step (self)));
  rectify_page_set_applicable (self, rectify_page_class_applies_to (RECTIFY_PAGE_GET_CLASS (self),
                                                                    priv->rcase));
}

static void
on_case_changed (RectifyPage *self)
{
  if (RECTIFY_PAGE_GET_CLASS (self)->case_updated != NULL)
    RECTIFY_PAGE_GET_CLASS (self)->case_updated (self);
}

static void
rectify_page_dispose (GObject *object)
{
  RectifyPage *self = (RectifyPage *)object;
  RectifyPagePrivate *priv = rectify_page_get_instance_private (self);

  if (priv->rcase != NULL)
    rectify_page_set_case (self, NULL);

  G_OBJECT_CLASS (rectify_page_parent_class)->dispose (object);
}

static void
rectify_page_finalize (GObject *object)
{
  RectifyPage *self = (RectifyPage *)object;
  RectifyPagePrivate *priv = rectify_page_get_instance_private (self);

  g_clear_pointer (&priv->title, g_free);

  G_OBJECT_CLASS (rectify_page_parent_class)->finalize (object);
}

static void
rectify_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RectifyPage *self = RECTIFY_PAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, rectify_page_get_title (self));
      break;

    case PROP_COMPLETE:
      g_value_set_boolean (value, rectify_page_get_complete (self));
      break;

    case PROP_APPLICABLE:
      g_value_set_boolean (value, rectify_page_get_applicable (self));
      break;

    case PROP_CASE:
      g_value_set_object (value, rectify_page_get_case (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rectify_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  RectifyPage *self = RECTIFY_PAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      rectify_page_set_title (self, g_value_get_string (value));
      break;

    case PROP_APPLICABLE:
      rectify_page_set_applicable (self, g_value_get_boolean (value));
      break;

    case PROP_CASE:
      rectify_page_set_case (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Built by now (a page's init comes before it is put in a window): its
 * rows and groups are measured from here on, and the first time before
 * the first frame. */
static void
rectify_page_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (rectify_page_parent_class)->root (widget);

  if (g_object_get_data (G_OBJECT (widget), "rectify-text-columns") == NULL)
    {
      g_object_set_data (G_OBJECT (widget), "rectify-text-columns", widget);
      rectify_text_columns_prepare (widget);
    }
}

static void
rectify_page_class_init (RectifyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rectify_page_dispose;
  object_class->finalize = rectify_page_finalize;
  object_class->get_property = rectify_page_get_property;
  object_class->set_property = rectify_page_set_property;
  widget_class->root = rectify_page_root;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_APPLICABLE] =
    g_param_spec_boolean ("applicable", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL,
                         RECTIFY_TYPE_CASE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RectifyPage::toast:
   * @self: the page
   * @toast: what to say
   *
   * The page has something to say; whoever shows the page shows it (the
   * window, in its toast overlay), so a page need not know its window.
   */
  signals[TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);
}

static void
rectify_page_init (RectifyPage *self)
{
  RectifyPagePrivate *priv = rectify_page_get_instance_private (self);

  priv->applicable = TRUE;
}

/**
 * rectify_page_class_set_step:
 * @klass: a page class
 * @step: the step of the flow the page shows
 *
 * Called from a page's class_init: which step's completeness the page
 * mirrors.
 */
void
rectify_page_class_set_step (RectifyPageClass *klass,
                             RectifyStep       step)
{
  g_return_if_fail (RECTIFY_IS_PAGE_CLASS (klass));
  g_return_if_fail (step < RECTIFY_N_STEPS);

  get_class_private (klass)->step = step;
}

/**
 * rectify_page_class_applies_to:
 * @klass: a page class
 * @rcase: (nullable): a case
 *
 * Whether pages of @klass apply to @rcase (a page without a case applies).
 */
gboolean
rectify_page_class_applies_to (RectifyPageClass *klass,
                               RectifyCase      *rcase)
{
  g_return_val_if_fail (RECTIFY_IS_PAGE_CLASS (klass), FALSE);

  if (rcase == NULL || klass->applies_to == NULL)
    return TRUE;

  return klass->applies_to (rcase);
}

RectifyStep
rectify_page_get_step (RectifyPage *self)
{
  g_return_val_if_fail (RECTIFY_IS_PAGE (self), 0);

  return get_class_private (RECTIFY_PAGE_GET_CLASS (self))->step;
}

const char *
rectify_page_get_title (RectifyPage *self)
{
  RectifyPagePrivate *priv = rectify_page_get_instance_private (self);

  g_return_val_if_fail (RECTIFY_IS_PAGE (self), NULL);

  return priv->title;
}

void
rectify_page_set_title (RectifyPage *self,
                        const char  *title)
{
  RectifyPagePrivate *priv = rectify_page_get_instance_private (self);

  g_return_if_fail (RECTIFY_IS_PAGE (self));

  if (g_strcmp0 (priv->title, title) == 0)
    return;

  g_free (priv->title);
  priv->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * rectify_page_show_problems:
 * @self: a #RectifyPage
 *
 * What stops the step from being complete, shown beside each field, with
 * the focus on the first; for a Next or Send pressed too early.
 *
 * Returns: whether there was something to show
 */
gboolean
rectify_page_show_problems (RectifyPage *self)
{
  RectifyPageClass *klass;

  g_return_val_if_fail (RECTIFY_IS_PAGE (self), FALSE);

  klass = RECTIFY_PAGE_GET_CLASS (self);
  return klass->show_problems != NULL && klass->show_problems (self);
}

gboolean
rectify_page_get_complete (RectifyPage *self)
{
  RectifyPagePrivate *priv = rectify_page_get_instance_private (self);

  g_return_val_if_fail (RECTIFY_IS_PAGE (self), FALSE);

  return priv->complete;
}

gboolean
rectify_page_get_applicable (RectifyPage *self)
{
  RectifyPagePrivate *priv = rectify_page_get_instance_private (self);

  g_return_val_if_fail (RECTIFY_IS_PAGE (self), FALSE);

  return priv->applicable;
}

void
rectify_page_set_applicable (RectifyPage *self,
                             gboolean     applicable)
{
  RectifyPagePrivate *priv = rectify_page_get_instance_private (self);

  g_return_if_fail (RECTIFY_IS_PAGE (self));

  applicable = !!applicable;
  if (priv->applicable == applicable)
    return;

  priv->applicable = applicable;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APPLICABLE]);
}

RectifyCase *
rectify_page_get_case (RectifyPage *self)
{
  RectifyPagePrivate *priv = rectify_page_get_instance_private (self);

  g_return_val_if_fail (RECTIFY_IS_PAGE (self), NULL);

  return priv->rcase;
}

void
rectify_page_set_case (RectifyPage *self,
                       RectifyCase *rcase)
{
  RectifyPagePrivate *priv = rectify_page_get_instance_private (self);
  g_autoptr(RectifyCase) old_case = NULL;

  g_return_if_fail (RECTIFY_IS_PAGE (self));
  g_return_if_fail (!rcase || RECTIFY_IS_CASE (rcase));

  if (priv->rcase == rcase)
    return;

  old_case = g_steal_pointer (&priv->rcase);
  if (old_case != NULL)
    {
      g_signal_handlers_disconnect_by_func (old_case, on_case_notify, self);
      g_signal_handlers_disconnect_by_func (old_case, on_case_changed, self);
    }

  if (rcase != NULL)
    {
      priv->rcase = g_object_ref (rcase);
      /* Every step's completeness is its own property; listening to all
       * notifications keeps this class free of a step → name table. */
      g_signal_connect_object (rcase, "notify",
                               G_CALLBACK (on_case_notify), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (rcase, "changed",
                               G_CALLBACK (on_case_changed), self,
                               G_CONNECT_SWAPPED);
    }

  on_case_notify (self);

  if (RECTIFY_PAGE_GET_CLASS (self)->case_changed != NULL)
    RECTIFY_PAGE_GET_CLASS (self)->case_changed (self, old_case);
  on_case_changed (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE]);
}

/**
 * rectify_page_add_toast:
 * @self: a #RectifyPage
 * @toast: (transfer full): what to say
 *
 * Says @toast through #RectifyPage::toast; dropped when nobody listens.
 */
void
rectify_page_add_toast (RectifyPage *self,
                        AdwToast    *toast)
{
  g_autoptr(AdwToast) owned = toast;

  g_return_if_fail (RECTIFY_IS_PAGE (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  g_signal_emit (self, signals[TOAST], 0, owned);
}

/**
 * rectify_page_dup_sent_on:
 * @self: a #RectifyPage
 *
 * The day the page's case went to support (or last went out to the desk),
 * as a long date; empty when it did not.
 *
 * Returns: (transfer full): the day
 */
char *
rectify_page_dup_sent_on (RectifyPage *self)
{
  RectifyCase *rcase = rectify_page_get_case (self);
  GDateTime *when = NULL;
  g_autoptr(GDateTime) local = NULL;
  GDate date;

  g_return_val_if_fail (RECTIFY_IS_PAGE (self), NULL);

  if (rcase != NULL)
    when = rectify_case_get_submitted_at (rcase);
  if (rcase != NULL && when == NULL)
    when = rectify_case_get_last_attempt (rcase);
  if (when == NULL)
    return g_strdup ("");

  local = g_date_time_to_local (when);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));

  return rectify_format_date_long (&date);
}

/**
 * rectify_page_describe_as_sent:
 * @self: a #RectifyPage
 * @group: the page's first group
 *
 * From the queue on, @group says that what the page shows is what went to
 * support, and when; for a draft it says again what the template says.
 */
void
rectify_page_describe_as_sent (RectifyPage         *self,
                               AdwPreferencesGroup *group)
{
  RectifyCase *rcase = rectify_page_get_case (self);
  const char *draft;

  g_return_if_fail (RECTIFY_IS_PAGE (self));
  g_return_if_fail (ADW_IS_PREFERENCES_GROUP (group));

  if (g_object_get_data (G_OBJECT (group), "rectify-draft-description") == NULL)
    g_object_set_data_full (G_OBJECT (group), "rectify-draft-description",
                            g_strdup (adw_preferences_group_get_description (group)), g_free);
  draft = g_object_get_data (G_OBJECT (group), "rectify-draft-description");

  if (rcase != NULL && rectify_case_is_submitted (rcase))
    {
      g_autofree char *when = rectify_page_dup_sent_on (self);
      g_autofree char *description =
        /* Translators: %s is a date, e.g. "26 November 2026" */
        g_strdup_printf (_("As sent to support on %s. To change something, send a correction "
                           "from step 3."), when);

      adw_preferences_group_set_description (group, description);
    }
  else if (rcase != NULL && rectify_case_is_locked (rcase))
    {
      adw_preferences_group_set_description (group, _("On its way to support: it can no "
                                                      "longer be changed."));
    }
  else
    {
      adw_preferences_group_set_description (group, draft);
    }
}
