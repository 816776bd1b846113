/* rectify-fake-portal.c: XDG desktop portals that record what they are sent
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <unistd.h>

#include <gio/gunixfdlist.h>

#include "rectify-fake-portal.h"

/* The portal side of the conversation, on a connection of its own to the
 * test's session bus, under the real portal's name: it answers the way
 * xdg-desktop-portal does (the Request object path at once, then a Response
 * signal on it) and keeps every call with the bytes of every file it was
 * given, so a test asserts what the e-mail app would have received. */

#define PORTAL_BUS_NAME    "org.freedesktop.portal.Desktop"
#define PORTAL_OBJECT_PATH "/org/freedesktop/portal/desktop"

static const char email_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.portal.Email'>"
  "    <method name='ComposeEmail'>"
  "      <arg type='s' name='parent_window' direction='in'/>"
  "      <arg type='a{sv}' name='options' direction='in'/>"
  "      <arg type='o' name='handle' direction='out'/>"
  "    </method>"
  "    <property name='version' type='u' access='read'/>"
  "  </interface>"
  "</node>";

static const char background_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.portal.Background'>"
  "    <method name='RequestBackground'>"
  "      <arg type='s' name='parent_window' direction='in'/>"
  "      <arg type='a{sv}' name='options' direction='in'/>"
  "      <arg type='o' name='handle' direction='out'/>"
  "    </method>"
  "    <property name='version' type='u' access='read'/>"
  "  </interface>"
  "</node>";

/* A connection of its own to the test's session bus, as another process
 * would have. */
static GDBusConnection *
new_connection (GError **error)
{
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, error);

  if (address == NULL)
    return NULL;

  return g_dbus_connection_new_for_address_sync (address,
                                                 G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                 G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                 NULL, NULL, error);
}

typedef struct
{
  gboolean acquired;
  gboolean lost;
} Owning;

static void
name_acquired (GDBusConnection *connection,
               const char      *name,
               gpointer         user_data)
{
  ((Owning *) user_data)->acquired = TRUE;
}

static void
name_lost (GDBusConnection *connection,
           const char      *name,
           gpointer         user_data)
{
  ((Owning *) user_data)->lost = TRUE;
}

/* Owns @name on @bus, or fails if someone else has it. */
static guint
own_name (GDBusConnection  *bus,
          const char       *name,
          GError          **error)
{
  Owning *owning = g_new0 (Owning, 1);
  guint id = g_bus_own_name_on_connection (bus, name, G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE,
                                           name_acquired, name_lost, owning, g_free);

  /* owning lives until the name is let go of. */
  while (!owning->acquired && !owning->lost)
    g_main_context_iteration (NULL, TRUE);

  if (owning->lost)
    {
      g_bus_unown_name (id);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "%s is owned already", name);
      return 0;
    }

  return id;
}

struct _RectifyFakePortal
{
  GObject parent_instance;

  GDBusConnection *bus;
  GDBusNodeInfo *email_info;
  guint email_id;
  GDBusNodeInfo *background_info;
  guint background_id;
  gboolean deny_autostart;
  guint owner_id;
  guint response;
  GPtrArray *calls;
};

G_DEFINE_FINAL_TYPE (RectifyFakePortal, rectify_fake_portal, G_TYPE_OBJECT)

static void
call_free (RectifyFakePortalCall *call)
{
  g_free (call->interface);
  g_free (call->method);
  g_free (call->parent_window);
  g_clear_pointer (&call->options, g_variant_unref);
  g_clear_pointer (&call->attachments, g_ptr_array_unref);
  g_free (call);
}

static GBytes *
read_all (int fd)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  guint8 buffer[8192];
  gssize n;

  lseek (fd, 0, SEEK_SET);
  while ((n = read (fd, buffer, sizeof buffer)) > 0)
    g_byte_array_append (bytes, buffer, n);

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

typedef struct
{
  RectifyFakePortal *portal;
  char *path;
  GVariant *results;
} Response;

static gboolean
send_response (gpointer user_data)
{
  Response *response = user_data;

  g_dbus_connection_emit_signal (response->portal->bus, NULL, response->path,
                                 "org.freedesktop.portal.Request", "Response",
                                 g_variant_new ("(u@a{sv})", response->portal->response,
                                                response->results),
                                 NULL);
  g_variant_unref (response->results);
  g_object_unref (response->portal);
  g_free (response->path);
  g_free (response);
  return G_SOURCE_REMOVE;
}

static void
portal_method_call (GDBusConnection       *connection,
                   const char            *sender,
                   const char            *object_path,
                   const char            *interface_name,
                   const char            *method_name,
                   GVariant              *parameters,
                   GDBusMethodInvocation *invocation,
                   gpointer               user_data)
{
  RectifyFakePortal *self = user_data;
  GUnixFDList *fd_list = g_dbus_message_get_unix_fd_list (g_dbus_method_invocation_get_message (invocation));
  RectifyFakePortalCall *call = g_new0 (RectifyFakePortalCall, 1);
  g_autoptr(GVariant) handles = NULL;
  g_autofree char *unique = g_strdup (sender + 1);
  const char *token = "t";
  Response *response;

  call->interface = g_strdup (interface_name);
  call->method = g_strdup (method_name);
  g_variant_get (parameters, "(s@a{sv})", &call->parent_window, &call->options);
  call->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  handles = g_variant_lookup_value (call->options, "attachment_fds", G_VARIANT_TYPE ("ah"));
  for (gsize i = 0; handles != NULL && i < g_variant_n_children (handles); i++)
    {
      gint32 handle;
      int fd;

      g_variant_get_child (handles, i, "h", &handle);
      fd = fd_list != NULL ? g_unix_fd_list_get (fd_list, handle, NULL) : -1;
      if (fd < 0)
        {
          g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR,
                                                 G_DBUS_ERROR_INVALID_ARGS,
                                                 "Bad file descriptor %d", handle);
          call_free (call);
          return;
        }
      g_ptr_array_add (call->attachments, read_all (fd));
      close (fd);
    }

  g_variant_lookup (call->options, "handle_token", "&s", &token);
  g_strdelimit (unique, ".", '_');

  response = g_new0 (Response, 1);
  response->portal = g_object_ref (self);
  if (g_strcmp0 (method_name, "RequestBackground") == 0)
    {
      GVariantDict results;
      gboolean autostart = FALSE;

      g_variant_lookup (call->options, "autostart", "b", &autostart);
      g_variant_dict_init (&results, NULL);
      g_variant_dict_insert (&results, "background", "b", TRUE);
      g_variant_dict_insert (&results, "autostart", "b", autostart && !self->deny_autostart);
      response->results = g_variant_ref_sink (g_variant_dict_end (&results));
    }
  else
    {
      response->results = g_variant_ref_sink (g_variant_new_array (G_VARIANT_TYPE ("{sv}"),
                                                                   NULL, 0));
    }
  response->path = g_strconcat (PORTAL_OBJECT_PATH "/request/", unique, "/", token, NULL);
  g_ptr_array_add (self->calls, call);

  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(o)", response->path));
  /* After the reply, as the real portal does once the dialog closes. */
  g_timeout_add (10, send_response, response);
}

static GVariant *
portal_get_property (GDBusConnection  *connection,
                    const char       *sender,
                    const char       *object_path,
                    const char       *interface_name,
                    const char       *property_name,
                    GError          **error,
                    gpointer          user_data)
{
  return g_variant_new_uint32 (4);
}

static const GDBusInterfaceVTable portal_vtable = {
  portal_method_call, portal_get_property, NULL, { 0 }
};

static void
rectify_fake_portal_dispose (GObject *object)
{
  RectifyFakePortal *self = RECTIFY_FAKE_PORTAL (object);

  if (self->owner_id != 0)
    g_bus_unown_name (self->owner_id);
  self->owner_id = 0;
  if (self->email_id != 0)
    g_dbus_connection_unregister_object (self->bus, self->email_id);
  self->email_id = 0;
  if (self->background_id != 0)
    g_dbus_connection_unregister_object (self->bus, self->background_id);
  self->background_id = 0;
  g_clear_pointer (&self->background_info, g_dbus_node_info_unref);
  if (self->bus != NULL)
    g_dbus_connection_close_sync (self->bus, NULL, NULL);
  g_clear_object (&self->bus);
  g_clear_pointer (&self->email_info, g_dbus_node_info_unref);

  G_OBJECT_CLASS (rectify_fake_portal_parent_class)->dispose (object);
}

static void
rectify_fake_portal_finalize (GObject *object)
{
  RectifyFakePortal *self = RECTIFY_FAKE_PORTAL (object);

  g_clear_pointer (&self->calls, g_ptr_array_unref);

  G_OBJECT_CLASS (rectify_fake_portal_parent_class)->finalize (object);
}

static void
rectify_fake_portal_class_init (RectifyFakePortalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rectify_fake_portal_dispose;
  object_class->finalize = rectify_fake_portal_finalize;
}

static void
rectify_fake_portal_init (RectifyFakePortal *self)
{
  self->calls = g_ptr_array_new_with_free_func ((GDestroyNotify) call_free);
}

/**
 * rectify_fake_portal_new:
 * @interfaces: the portal interfaces to serve; 0 for a portal that has
 *   none of them (an older desktop)
 * @error: return location for a #GError
 *
 * Connects to the session bus and owns the portal's name there. Fails if
 * another process owns it already.
 */
RectifyFakePortal *
rectify_fake_portal_new (RectifyFakePortalInterfaces   interfaces,
                         GError                      **error)
{
  g_autoptr(RectifyFakePortal) self = g_object_new (RECTIFY_TYPE_FAKE_PORTAL, NULL);

  if ((self->bus = new_connection (error)) == NULL)
    return NULL;

  if (interfaces & RECTIFY_FAKE_PORTAL_EMAIL)
    {
      self->email_info = g_dbus_node_info_new_for_xml (email_xml, error);
      if (self->email_info == NULL)
        return NULL;
      self->email_id = g_dbus_connection_register_object (self->bus, PORTAL_OBJECT_PATH,
                                                          self->email_info->interfaces[0],
                                                          &portal_vtable, self, NULL, error);
      if (self->email_id == 0)
        return NULL;
    }

  if (interfaces & RECTIFY_FAKE_PORTAL_BACKGROUND)
    {
      self->background_info = g_dbus_node_info_new_for_xml (background_xml, error);
      if (self->background_info == NULL)
        return NULL;
      self->background_id = g_dbus_connection_register_object (self->bus, PORTAL_OBJECT_PATH,
                                                               self->background_info->interfaces[0],
                                                               &portal_vtable, self, NULL, error);
      if (self->background_id == 0)
        return NULL;
    }

  if ((self->owner_id = own_name (self->bus, PORTAL_BUS_NAME, error)) == 0)
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * rectify_fake_portal_set_response:
 * @self: a portal
 * @response: what the next calls answer: 0 done, 1 cancelled, 2 failed
 */
void
rectify_fake_portal_set_response (RectifyFakePortal *self,
                                  guint              response)
{
  g_return_if_fail (RECTIFY_IS_FAKE_PORTAL (self));

  self->response = response;
}

/**
 * rectify_fake_portal_set_deny_autostart:
 * @self: a portal
 * @deny: whether the person says no to starting at login
 */
void
rectify_fake_portal_set_deny_autostart (RectifyFakePortal *self,
                                        gboolean           deny)
{
  g_return_if_fail (RECTIFY_IS_FAKE_PORTAL (self));

  self->deny_autostart = deny;
}

guint
rectify_fake_portal_get_n_calls (RectifyFakePortal *self)
{
  g_return_val_if_fail (RECTIFY_IS_FAKE_PORTAL (self), 0);

  return self->calls->len;
}

const RectifyFakePortalCall *
rectify_fake_portal_get_call (RectifyFakePortal *self,
                              guint              index)
{
  g_return_val_if_fail (RECTIFY_IS_FAKE_PORTAL (self), NULL);
  g_return_val_if_fail (index < self->calls->len, NULL);

  return g_ptr_array_index (self->calls, index);
}

/**
 * rectify_fake_portal_call_get_string:
 * @call: a call
 * @key: an option's name
 *
 * Returns: (nullable): the string option @key, or %NULL
 */
const char *
rectify_fake_portal_call_get_string (const RectifyFakePortalCall *call,
                                     const char                  *key)
{
  const char *value = NULL;

  if (!g_variant_lookup (call->options, key, "&s", &value))
    return NULL;

  return value;
}

/* Notifications */

static const char notifications_xml[] =
  "<node>"
  "  <interface name='org.gtk.Notifications'>"
  "    <method name='AddNotification'>"
  "      <arg type='s' name='app_id' direction='in'/>"
  "      <arg type='s' name='id' direction='in'/>"
  "      <arg type='a{sv}' name='notification' direction='in'/>"
  "    </method>"
  "    <method name='RemoveNotification'>"
  "      <arg type='s' name='app_id' direction='in'/>"
  "      <arg type='s' name='id' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

typedef struct
{
  char *app_id;
  char *id;
  GVariant *notification;
} Notification;

struct _RectifyFakeNotifications
{
  GObject parent_instance;

  GDBusConnection *bus;
  GDBusNodeInfo *info;
  guint object_id;
  guint owner_id;
  GPtrArray *notifications;
};

G_DEFINE_FINAL_TYPE (RectifyFakeNotifications, rectify_fake_notifications, G_TYPE_OBJECT)

static void
notification_free (Notification *n)
{
  g_free (n->app_id);
  g_free (n->id);
  g_clear_pointer (&n->notification, g_variant_unref);
  g_free (n);
}

static void
notifications_method_call (GDBusConnection       *connection,
                           const char            *sender,
                           const char            *object_path,
                           const char            *interface_name,
                           const char            *method_name,
                           GVariant              *parameters,
                           GDBusMethodInvocation *invocation,
                           gpointer               user_data)
{
  RectifyFakeNotifications *self = user_data;

  if (g_strcmp0 (method_name, "AddNotification") == 0)
    {
      Notification *n = g_new0 (Notification, 1);

      g_variant_get (parameters, "(ss@a{sv})", &n->app_id, &n->id, &n->notification);
      g_ptr_array_add (self->notifications, n);
    }

  g_dbus_method_invocation_return_value (invocation, NULL);
}

static const GDBusInterfaceVTable notifications_vtable = {
  notifications_method_call, NULL, NULL, { 0 }
};

static void
rectify_fake_notifications_dispose (GObject *object)
{
  RectifyFakeNotifications *self = RECTIFY_FAKE_NOTIFICATIONS (object);

  if (self->owner_id != 0)
    g_bus_unown_name (self->owner_id);
  self->owner_id = 0;
  if (self->object_id != 0)
    g_dbus_connection_unregister_object (self->bus, self->object_id);
  self->object_id = 0;
  if (self->bus != NULL)
    g_dbus_connection_close_sync (self->bus, NULL, NULL);
  g_clear_object (&self->bus);
  g_clear_pointer (&self->info, g_dbus_node_info_unref);

  G_OBJECT_CLASS (rectify_fake_notifications_parent_class)->dispose (object);
}

static void
rectify_fake_notifications_finalize (GObject *object)
{
  RectifyFakeNotifications *self = RECTIFY_FAKE_NOTIFICATIONS (object);

  g_clear_pointer (&self->notifications, g_ptr_array_unref);

  G_OBJECT_CLASS (rectify_fake_notifications_parent_class)->finalize (object);
}

static void
rectify_fake_notifications_class_init (RectifyFakeNotificationsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rectify_fake_notifications_dispose;
  G_OBJECT_CLASS (klass)->finalize = rectify_fake_notifications_finalize;
}

static void
rectify_fake_notifications_init (RectifyFakeNotifications *self)
{
  self->notifications = g_ptr_array_new_with_free_func ((GDestroyNotify) notification_free);
}

/**
 * rectify_fake_notifications_new:
 * @error: return location for a #GError
 *
 * Owns org.gtk.Notifications on the session bus, on a connection of its own.
 */
RectifyFakeNotifications *
rectify_fake_notifications_new (GError **error)
{
  g_autoptr(RectifyFakeNotifications) self = g_object_new (RECTIFY_TYPE_FAKE_NOTIFICATIONS, NULL);

  if ((self->bus = new_connection (error)) == NULL)
    return NULL;

  self->info = g_dbus_node_info_new_for_xml (notifications_xml, error);
  if (self->info == NULL)
    return NULL;
  self->object_id = g_dbus_connection_register_object (self->bus, "/org/gtk/Notifications",
                                                       self->info->interfaces[0],
                                                       &notifications_vtable, self, NULL, error);
  if (self->object_id == 0)
    return NULL;

  if ((self->owner_id = own_name (self->bus, "org.gtk.Notifications", error)) == 0)
    return NULL;

  return g_steal_pointer (&self);
}

guint
rectify_fake_notifications_get_n (RectifyFakeNotifications *self)
{
  g_return_val_if_fail (RECTIFY_IS_FAKE_NOTIFICATIONS (self), 0);

  return self->notifications->len;
}

/**
 * rectify_fake_notifications_get:
 * @self: the service
 * @index: which, in the order received
 * @out_app_id: (out) (optional): the sender's application id
 * @out_id: (out) (optional): the notification's id
 *
 * Returns: (transfer none): the notification, an a{sv}
 */
GVariant *
rectify_fake_notifications_get (RectifyFakeNotifications  *self,
                                guint                      index,
                                const char               **out_app_id,
                                const char               **out_id)
{
  Notification *n;

  g_return_val_if_fail (RECTIFY_IS_FAKE_NOTIFICATIONS (self), NULL);
  g_return_val_if_fail (index < self->notifications->len, NULL);

  n = g_ptr_array_index (self->notifications, index);
  if (out_app_id != NULL)
    *out_app_id = n->app_id;
  if (out_id != NULL)
    *out_id = n->id;

  return n->notification;
}
