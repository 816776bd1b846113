/* rectify-urgency-banner.c: how much time is left before the next cycle
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rectify-billing.h"
#include "rectify-clock.h"
#include "rectify-urgency-banner.h"

/* The seed's advice, made visible: act promptly, some corrections must
 * happen before the next billing cycle. Hidden until the next billing date
 * is known; styled by urgency. */

struct _RectifyUrgencyBanner
{
  AdwBin          parent_instance;

  RectifyCase    *rcase;
  RectifyUrgency  urgency;

  GtkImage       *icon;
  GtkLabel       *title_label;
  GtkLabel       *body_label;
};

G_DEFINE_FINAL_TYPE (RectifyUrgencyBanner, rectify_urgency_banner, ADW_TYPE_BIN)

static const char *urgency_classes[] = { "accent", "warning", "error", "error" };

static void
update (RectifyUrgencyBanner *self)
{
  g_autofree char *title = NULL;
  const char *body;
  const char *icon;
  const GDate *next;
  GDate today;
  int days;

  /* Once sent, the hurry is over: what is left is step 4's checklist. */
  next = self->rcase ? rectify_case_get_next_billing (self->rcase) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self), next != NULL && g_date_valid (next) &&
                                             !rectify_case_is_submitted (self->rcase));
  if (next == NULL || !g_date_valid (next))
    return;

  rectify_clock_get_today (&today);
  days = rectify_billing_days_left (&today, next);
  self->urgency = rectify_billing_urgency (days);

  switch (self->urgency)
    {
    case RECTIFY_URGENCY_CALM:
      title = g_strdup_printf (ngettext ("%d day until the next billing cycle",
                                         "%d days until the next billing cycle", days), days);
      body = _("There is time, but support can put things right more easily when told early.");
      icon = "alarm-symbolic";
      break;

    case RECTIFY_URGENCY_SOON:
      title = g_strdup_printf (ngettext ("%d day left before the next billing cycle",
                                         "%d days left before the next billing cycle", days),
                               days);
      body = _("Send your request now: some corrections must be made before the next cycle.");
      icon = "alarm-symbolic";
      break;

    case RECTIFY_URGENCY_URGENT:
      if (days == 0)
        title = g_strdup (_("The next billing cycle starts today"));
      else
        title = g_strdup_printf (ngettext ("Only %d day left before the next billing cycle",
                                           "Only %d days left before the next billing cycle",
                                           days), days);
      body = _("Send your request today: some corrections must be made before the cycle "
               "starts.");
      icon = "dialog-warning-symbolic";
      break;

    case RECTIFY_URGENCY_PASSED:
    default:
      title = g_strdup (_("The billing date has passed"));
      body = _("Ask for the refund or credit on the next billing cycle instead.");
      icon = "dialog-warning-symbolic";
      break;
    }

  for (guint i = 0; i < G_N_ELEMENTS (urgency_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self), urgency_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self), urgency_classes[self->urgency]);

  gtk_image_set_from_icon_name (self->icon, icon);
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->body_label, body);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, body,
                                  -1);
}

static void
rectify_urgency_banner_dispose (GObject *object)
{
  RectifyUrgencyBanner *self = (RectifyUrgencyBanner *)object;

  rectify_urgency_banner_set_case (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RECTIFY_TYPE_URGENCY_BANNER);

  G_OBJECT_CLASS (rectify_urgency_banner_parent_class)->dispose (object);
}

static void
rectify_urgency_banner_class_init (RectifyUrgencyBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rectify_urgency_banner_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/rectify-urgency-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, RectifyUrgencyBanner, icon);
  gtk_widget_class_bind_template_child (widget_class, RectifyUrgencyBanner, title_label);
  gtk_widget_class_bind_template_child (widget_class, RectifyUrgencyBanner, body_label);
}

static void
rectify_urgency_banner_init (RectifyUrgencyBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
rectify_urgency_banner_set_case (RectifyUrgencyBanner *self,
                                 RectifyCase          *rcase)
{
  g_return_if_fail (RECTIFY_IS_URGENCY_BANNER (self));

  if (self->rcase != NULL)
    g_signal_handlers_disconnect_by_func (self->rcase, update, self);
  g_set_object (&self->rcase, rcase);
  if (rcase != NULL)
    g_signal_connect_object (rcase, "changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);

  update (self);
}

RectifyUrgency
rectify_urgency_banner_get_urgency (RectifyUrgencyBanner *self)
{
  g_return_val_if_fail (RECTIFY_IS_URGENCY_BANNER (self), RECTIFY_URGENCY_CALM);

  return self->urgency;
}

/* What the banner says, for tests and for reading aloud. */
const char *
rectify_urgency_banner_get_title (RectifyUrgencyBanner *self)
{
  g_return_val_if_fail (RECTIFY_IS_URGENCY_BANNER (self), NULL);

  return gtk_label_get_label (self->title_label);
}
