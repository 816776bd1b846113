/* rectify-test-monitor.c: a network monitor the tests switch on and off
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rectify-test-monitor.h"

/* The machine's own monitor says whatever the machine's network says (a CI
 * box may have no default route); tests that send to the in-process desk
 * use this one: available until told otherwise. */

struct _RectifyTestMonitor
{
  GObject  parent_instance;
  gboolean available;
};

static void initable_iface_init (GInitableIface *iface);
static void monitor_iface_init  (GNetworkMonitorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RectifyTestMonitor, rectify_test_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, initable_iface_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, monitor_iface_init))

enum {
  PROP_0,
  PROP_AVAILABLE,
  PROP_METERED,
  PROP_CONNECTIVITY,
};

static gboolean
rectify_test_monitor_init_initable (GInitable     *initable,
                                    GCancellable  *cancellable,
                                    GError       **error)
{
  return TRUE;
}

static void
initable_iface_init (GInitableIface *iface)
{
  iface->init = rectify_test_monitor_init_initable;
}

static void
monitor_iface_init (GNetworkMonitorInterface *iface)
{
}

static void
rectify_test_monitor_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RectifyTestMonitor *self = RECTIFY_TEST_MONITOR (object);

  switch (prop_id)
    {
    case PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;

    case PROP_METERED:
      g_value_set_boolean (value, FALSE);
      break;

    case PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL
                                               : G_NETWORK_CONNECTIVITY_LOCAL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rectify_test_monitor_class_init (RectifyTestMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = rectify_test_monitor_get_property;

  g_object_class_override_property (object_class, PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, PROP_CONNECTIVITY, "connectivity");
}

static void
rectify_test_monitor_init (RectifyTestMonitor *self)
{
  self->available = TRUE;
}

RectifyTestMonitor *
rectify_test_monitor_new (void)
{
  return g_object_new (RECTIFY_TYPE_TEST_MONITOR, NULL);
}

void
rectify_test_monitor_set_available (RectifyTestMonitor *self,
                                    gboolean            available)
{
  g_return_if_fail (RECTIFY_IS_TEST_MONITOR (self));

  if (self->available == available)
    return;

  self->available = available;
  g_object_notify (G_OBJECT (self), "network-available");
  g_signal_emit_by_name (self, "network-changed", available);
}
