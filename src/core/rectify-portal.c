/* rectify-portal.c: one request to an XDG desktop portal
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rectify-portal.h"

/* The portal convention: a method returns the path of a Request object at
 * once, and the outcome comes later as that object's Response signal
 * (0 done, with results; 1 cancelled by the person; 2 failed). The path is
 * predictable from the connection's unique name and a handle token, so the
 * signal is subscribed to before the call, and again on the returned path
 * if an older portal chose another. Cancelling closes the Request. */

#define PORTAL_BUS_NAME    "org.freedesktop.portal.Desktop"
#define PORTAL_OBJECT_PATH "/org/freedesktop/portal/desktop"
#define REQUEST_INTERFACE  "org.freedesktop.portal.Request"

G_DEFINE_QUARK (rectify-portal-error-quark, rectify_portal_error)

typedef struct
{
  GDBusConnection *bus;
  char *interface;
  char *method;
  char *parent_window;
  GVariant *options;
  GUnixFDList *fd_list;
  char *request_path;
  guint response_id;
  GSource *cancel_source;
  gboolean returned;
} Request;

static void
unsubscribe (Request *request)
{
  if (request->response_id != 0)
    g_dbus_connection_signal_unsubscribe (request->bus, request->response_id);
  request->response_id = 0;
  if (request->cancel_source != NULL)
    {
      g_source_destroy (request->cancel_source);
      g_clear_pointer (&request->cancel_source, g_source_unref);
    }
}

static void
request_free (Request *request)
{
  unsubscribe (request);
  g_clear_object (&request->bus);
  g_clear_object (&request->fd_list);
  g_clear_pointer (&request->options, g_variant_unref);
  g_free (request->interface);
  g_free (request->method);
  g_free (request->parent_window);
  g_free (request->request_path);
  g_free (request);
}

/* Ends the task once, whichever comes first. */
static void
request_return (GTask    *task,
                GVariant *results,
                GError   *error)
{
  Request *request = g_task_get_task_data (task);

  if (request->returned)
    {
      g_clear_error (&error);
      g_clear_pointer (&results, g_variant_unref);
      return;
    }
  request->returned = TRUE;
  unsubscribe (request);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, results, (GDestroyNotify) g_variant_unref);
}

static void
on_response (GDBusConnection *bus,
             const char      *sender,
             const char      *path,
             const char      *interface,
             const char      *signal,
             GVariant        *parameters,
             gpointer         user_data)
{
  g_autoptr(GTask) task = g_object_ref (user_data);
  Request *request = g_task_get_task_data (task);
  GVariant *results = NULL;
  guint32 response = 2;

  if (g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(ua{sv})")))
    g_variant_get (parameters, "(u@a{sv})", &response, &results);

  if (response == 0 && results == NULL)
    request_return (task, g_variant_ref_sink (g_variant_new ("a{sv}", NULL)), NULL);
  else if (response == 0)
    request_return (task, results, NULL);
  else if (response == 1)
    request_return (task, NULL, g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                             "%s.%s was cancelled", request->interface,
                                             request->method));
  else
    request_return (task, NULL, g_error_new (RECTIFY_PORTAL_ERROR, RECTIFY_PORTAL_ERROR_FAILED,
                                             "%s.%s failed", request->interface,
                                             request->method));

  if (response != 0)
    g_clear_pointer (&results, g_variant_unref);
}

static void
subscribe (GTask      *task,
           const char *path)
{
  Request *request = g_task_get_task_data (task);

  if (request->response_id != 0)
    g_dbus_connection_signal_unsubscribe (request->bus, request->response_id);

  g_free (request->request_path);
  request->request_path = g_strdup (path);
  request->response_id =
    g_dbus_connection_signal_subscribe (request->bus, PORTAL_BUS_NAME, REQUEST_INTERFACE,
                                        "Response", path, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                        on_response, g_object_ref (task), g_object_unref);
}

static gboolean
is_missing_portal (const GError *error)
{
  return g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_INTERFACE) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT);
}

static void
called (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GVariant) reply = NULL;
  GError *error = NULL;
  const char *path;

  reply = g_dbus_connection_call_with_unix_fd_list_finish (G_DBUS_CONNECTION (object), NULL,
                                                           result, &error);
  if (reply == NULL)
    {
      if (is_missing_portal (error))
        {
          g_debug ("No portal for %s: %s", request->interface, error->message);
          g_clear_error (&error);
          error = g_error_new (RECTIFY_PORTAL_ERROR, RECTIFY_PORTAL_ERROR_MISSING,
                               "No portal offers %s", request->interface);
        }
      request_return (task, NULL, error);
      return;
    }

  g_variant_get (reply, "(&o)", &path);
  if (g_strcmp0 (path, request->request_path) != 0 && !request->returned)
    subscribe (task, path);
}

static gboolean
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);

  if (request->request_path != NULL)
    g_dbus_connection_call (request->bus, PORTAL_BUS_NAME, request->request_path,
                            REQUEST_INTERFACE, "Close", NULL, NULL, G_DBUS_CALL_FLAGS_NONE,
                            -1, NULL, NULL, NULL);

  request_return (task, NULL, g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                           "%s.%s was cancelled", request->interface,
                                           request->method));
  return G_SOURCE_REMOVE;
}

static void
call (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autofree char *token = g_strdup_printf ("rectify%08x", g_random_int ());
  g_autofree char *sender = NULL;
  g_autofree char *path = NULL;
  GVariantBuilder options;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  sender = g_strdup (g_dbus_connection_get_unique_name (request->bus) + 1);
  g_strdelimit (sender, ".", '_');
  path = g_strconcat (PORTAL_OBJECT_PATH "/request/", sender, "/", token, NULL);
  subscribe (task, path);

  if (cancellable != NULL)
    {
      request->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (request->cancel_source, G_SOURCE_FUNC (on_cancelled), task, NULL);
      g_source_attach (request->cancel_source, g_task_get_context (task));
    }

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_variant_iter_init (&iter, request->options);
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
    g_variant_builder_add (&options, "{sv}", key, value);

  g_dbus_connection_call_with_unix_fd_list (request->bus, PORTAL_BUS_NAME, PORTAL_OBJECT_PATH,
                                            request->interface, request->method,
                                            g_variant_new ("(sa{sv})", request->parent_window,
                                                           &options),
                                            G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE,
                                            -1, request->fd_list, cancellable, called,
                                            g_object_ref (task));
}

static void
bus_ready (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  GError *error = NULL;

  request->bus = g_bus_get_finish (result, &error);
  if (request->bus == NULL)
    {
      g_debug ("No session bus: %s", error->message);
      g_clear_error (&error);
      request_return (task, NULL, g_error_new (RECTIFY_PORTAL_ERROR, RECTIFY_PORTAL_ERROR_MISSING,
                                               "No session bus"));
      return;
    }

  call (task);
}

/**
 * rectify_portal_is_sandboxed:
 *
 * Returns: whether Rectify runs inside Flatpak, where portals are the way
 *   to the desktop's services
 */
gboolean
rectify_portal_is_sandboxed (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

/**
 * rectify_portal_request_async:
 * @bus: (nullable): the session bus, or %NULL for the default one
 * @interface: the portal interface, e.g. "org.freedesktop.portal.Email"
 * @method: its method, which takes (s parent_window, a{sv} options)
 * @parent_window: the portal's handle of the window asking, or ""
 * @options: (transfer floating): the a{sv} options, without handle_token
 * @fd_list: (nullable): the descriptors the options refer to
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the Response
 * @user_data: for @callback
 */
void
rectify_portal_request_async (GDBusConnection     *bus,
                              const char          *interface,
                              const char          *method,
                              const char          *parent_window,
                              GVariant            *options,
                              GUnixFDList         *fd_list,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Request *request;

  g_return_if_fail (bus == NULL || G_IS_DBUS_CONNECTION (bus));
  g_return_if_fail (interface != NULL && method != NULL);
  g_return_if_fail (g_variant_is_of_type (options, G_VARIANT_TYPE_VARDICT));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rectify_portal_request_async);

  request = g_new0 (Request, 1);
  request->bus = bus != NULL ? g_object_ref (bus) : NULL;
  request->interface = g_strdup (interface);
  request->method = g_strdup (method);
  request->parent_window = g_strdup (parent_window != NULL ? parent_window : "");
  request->options = g_variant_ref_sink (options);
  request->fd_list = fd_list != NULL ? g_object_ref (fd_list) : NULL;
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  if (request->bus == NULL)
    {
      g_bus_get (G_BUS_TYPE_SESSION, cancellable, bus_ready, g_steal_pointer (&task));
      return;
    }

  call (task);
}

/**
 * rectify_portal_request_finish:
 * @result: the result
 * @error: return location for a #GError: %RECTIFY_PORTAL_ERROR_MISSING,
 *   %RECTIFY_PORTAL_ERROR_FAILED, or %G_IO_ERROR_CANCELLED when the person
 *   or the app cancelled
 *
 * Returns: (transfer full): the results of a successful Response
 */
GVariant *
rectify_portal_request_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rectify_portal_request_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
