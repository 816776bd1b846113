/* rectify-attachment.c: a file the owner attaches to a case
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rectify-attachment-private.h"
#include "rectify-core-enums.h"
#include "rectify-shared-text.h"

/* What is known of the file is learned asynchronously (check_async) and kept
 * here, so validation never touches the disk on the main thread. The upload
 * token belongs to the outbox: Zendesk tokens are single-use and expire. */

struct _RectifyAttachment
{
  GObject                 parent_instance;

  GFile                  *file;
  /* the file's URI when it has no path; else its path is the GFile's */
  char                   *uri;
  /* its own copy, or the end of the file's path when it is the name */
  char                   *display_name;
  gboolean                owns_display_name;
  /* shared (rectify-shared-text.c): a handful of types for every file */
  char                   *content_type;
  goffset                 size;
  RectifyAttachmentState  state;

  char                   *upload_token;
  GDateTime              *uploaded_at;

  /* the case it belongs to, told of every change (see set_watch) */
  RectifyAttachmentWatch  watch;
  gpointer                watch_data;
};

G_DEFINE_FINAL_TYPE (RectifyAttachment, rectify_attachment, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DISPLAY_NAME,
  PROP_SIZE,
  PROP_CONTENT_TYPE,
  PROP_STATE,
  PROP_UPLOAD_TOKEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rectify_attachment_finalize (GObject *object)
{
  RectifyAttachment *self = (RectifyAttachment *)object;

  if (self->owns_display_name)
    g_free (self->display_name);
  g_clear_object (&self->file);
  g_clear_pointer (&self->uri, g_free);
  g_clear_pointer (&self->content_type, rectify_shared_text_free);
  g_clear_pointer (&self->upload_token, g_free);
  g_clear_pointer (&self->uploaded_at, g_date_time_unref);

  G_OBJECT_CLASS (rectify_attachment_parent_class)->finalize (object);
}

static void
rectify_attachment_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RectifyAttachment *self = RECTIFY_ATTACHMENT (object);

  switch (prop_id)
    {
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;

    case PROP_SIZE:
      g_value_set_int64 (value, self->size);
      break;

    case PROP_CONTENT_TYPE:
      g_value_set_string (value, self->content_type);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_UPLOAD_TOKEN:
      g_value_set_string (value, self->upload_token);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The class handler of ::notify: it runs before any handler connected,
 * once for each property that changed. */
static void
rectify_attachment_notify (GObject    *object,
                           GParamSpec *pspec)
{
  RectifyAttachment *self = (RectifyAttachment *)object;

  if (self->watch != NULL)
    self->watch (self->watch_data);

  if (G_OBJECT_CLASS (rectify_attachment_parent_class)->notify != NULL)
    G_OBJECT_CLASS (rectify_attachment_parent_class)->notify (object, pspec);
}

static void
rectify_attachment_class_init (RectifyAttachmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rectify_attachment_finalize;
  object_class->get_property = rectify_attachment_get_property;
  object_class->notify = rectify_attachment_notify;

  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SIZE] =
    g_param_spec_int64 ("size", NULL, NULL,
                        -1, G_MAXINT64, -1,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CONTENT_TYPE] =
    g_param_spec_string ("content-type", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       RECTIFY_TYPE_ATTACHMENT_STATE,
                       RECTIFY_ATTACHMENT_STATE_UNCHECKED,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Notified so the case is saved with it: the outbox reuses a fresh token
   * after a restart rather than uploading the file again. */
  properties[PROP_UPLOAD_TOKEN] =
    g_param_spec_string ("upload-token", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rectify_attachment_init (RectifyAttachment *self)
{
  self->size = -1;
}

/* Takes @name. When it ends the file's path, as it does for every file
 * attached until a check names it otherwise, that end is kept instead of
 * a copy. */
static void
set_display_name (RectifyAttachment *self,
                  char              *name)
{
  const char *path = g_file_peek_path (self->file);
  gsize path_len = path != NULL ? strlen (path) : 0;
  gsize name_len = name != NULL ? strlen (name) : 0;

  if (name != NULL && !g_utf8_validate (name, -1, NULL))
    {
      char *valid = g_utf8_make_valid (name, -1);

      g_free (name);
      name = valid;
      name_len = strlen (name);
    }

  if (self->owns_display_name)
    g_free (self->display_name);

  if (name != NULL && name_len > 0 && name_len < path_len &&
      path[path_len - name_len - 1] == G_DIR_SEPARATOR &&
      strcmp (path + path_len - name_len, name) == 0)
    {
      self->display_name = (char *) path + path_len - name_len;
      self->owns_display_name = FALSE;
      g_free (name);
    }
  else
    {
      self->display_name = name;
      self->owns_display_name = name != NULL;
    }
}

/**
 * rectify_attachment_new:
 * @file: the file, on the local disk or behind the document portal
 *
 * Returns: (transfer full): an attachment whose file is not checked yet
 */
RectifyAttachment *
rectify_attachment_new (GFile *file)
{
  RectifyAttachment *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (RECTIFY_TYPE_ATTACHMENT, NULL);
  self->file = g_object_ref (file);
  if (g_file_peek_path (file) == NULL)
    self->uri = g_file_get_uri (file);
  set_display_name (self, g_file_get_basename (file));

  return self;
}

GFile *
rectify_attachment_get_file (RectifyAttachment *self)
{
  g_return_val_if_fail (RECTIFY_IS_ATTACHMENT (self), NULL);

  return self->file;
}

/* Where the file is: a path, or a URI when it has no local path. */
const char *
rectify_attachment_get_path (RectifyAttachment *self)
{
  g_return_val_if_fail (RECTIFY_IS_ATTACHMENT (self), NULL);

  return self->uri != NULL ? self->uri : g_file_peek_path (self->file);
}

const char *
rectify_attachment_get_display_name (RectifyAttachment *self)
{
  g_return_val_if_fail (RECTIFY_IS_ATTACHMENT (self), NULL);

  return self->display_name;
}

/* The size in bytes, or -1 when not known. */
goffset
rectify_attachment_get_size (RectifyAttachment *self)
{
  g_return_val_if_fail (RECTIFY_IS_ATTACHMENT (self), -1);

  return self->size;
}

/* The MIME type, or %NULL when not known. */
const char *
rectify_attachment_get_content_type (RectifyAttachment *self)
{
  g_return_val_if_fail (RECTIFY_IS_ATTACHMENT (self), NULL);

  return self->content_type;
}

RectifyAttachmentState
rectify_attachment_get_state (RectifyAttachment *self)
{
  g_return_val_if_fail (RECTIFY_IS_ATTACHMENT (self), RECTIFY_ATTACHMENT_STATE_UNCHECKED);

  return self->state;
}

/**
 * rectify_attachment_set_info:
 * @self: a #RectifyAttachment
 * @state: what the last check found
 * @display_name: (nullable): the name to show, or %NULL to keep it
 * @size: the size in bytes, or -1
 * @content_type: (nullable): the MIME type
 *
 * Records what is known of the file: by check_async, or when a saved case is
 * read back.
 */
void
rectify_attachment_set_info (RectifyAttachment      *self,
                             RectifyAttachmentState  state,
                             const char             *display_name,
                             goffset                 size,
                             const char             *content_type)
{
  g_return_if_fail (RECTIFY_IS_ATTACHMENT (self));

  g_object_freeze_notify (G_OBJECT (self));

  if (display_name != NULL && g_strcmp0 (self->display_name, display_name) != 0)
    {
      set_display_name (self, g_strdup (display_name));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
    }
  if (g_strcmp0 (self->content_type, content_type) != 0)
    {
      rectify_shared_text_free (self->content_type);
      self->content_type = rectify_shared_text_dup (content_type);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT_TYPE]);
    }

  if (self->size != size)
    {
      self->size = size;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIZE]);
    }

  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static void
query_info_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RectifyAttachment *self = g_task_get_source_object (task);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *mime_type = NULL;
  RectifyAttachmentState state = RECTIFY_ATTACHMENT_STATE_READY;
  const char *content_type;

  info = g_file_query_info_finish (G_FILE (object), result, &error);

  if (info == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      rectify_attachment_set_info (self,
                                   g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
                                     ? RECTIFY_ATTACHMENT_STATE_MISSING
                                     : RECTIFY_ATTACHMENT_STATE_UNREADABLE,
                                   NULL, self->size, self->content_type);
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR ||
      (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ) &&
       !g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ)))
    state = RECTIFY_ATTACHMENT_STATE_UNREADABLE;

  content_type = g_file_info_get_content_type (info);
  if (content_type != NULL)
    mime_type = g_content_type_get_mime_type (content_type);

  rectify_attachment_set_info (self, state,
                               g_file_info_get_display_name (info),
                               g_file_info_get_size (info),
                               mime_type);
  g_task_return_boolean (task, TRUE);
}

/**
 * rectify_attachment_check_async:
 * @self: a #RectifyAttachment
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the check is done
 * @user_data: for @callback
 *
 * Looks at the file (exists, readable, size, type) without blocking, and
 * updates the attachment's state. A missing or unreadable file is a state,
 * not an error; only cancellation fails.
 */
void
rectify_attachment_check_async (RectifyAttachment   *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RECTIFY_IS_ATTACHMENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rectify_attachment_check_async);

  g_file_query_info_async (self->file,
                           G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                           G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","
                           G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                           G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE ","
                           G_FILE_ATTRIBUTE_ACCESS_CAN_READ,
                           G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT,
                           cancellable,
                           query_info_cb,
                           g_steal_pointer (&task));
}

gboolean
rectify_attachment_check_finish (RectifyAttachment  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (RECTIFY_IS_ATTACHMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rectify_attachment_check_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * rectify_attachment_set_watch:
 * @self: a #RectifyAttachment
 * @watch: (nullable): called whenever a property of @self changes, or %NULL
 *   to stop
 * @user_data: for @watch
 *
 * For the case that holds @self (an attachment belongs to one case): a
 * plain call rather than a handler on ::notify, which with 10,000 loaded
 * cases weighed 3.7 MB (a closure and a weak reference for each).
 */
void
rectify_attachment_set_watch (RectifyAttachment      *self,
                              RectifyAttachmentWatch  watch,
                              gpointer                user_data)
{
  g_return_if_fail (RECTIFY_IS_ATTACHMENT (self));
  g_return_if_fail (watch == NULL || self->watch == NULL || self->watch_data == user_data);

  self->watch = watch;
  self->watch_data = watch != NULL ? user_data : NULL;
}

/* The token of the last upload of this file, or %NULL. */
const char *
rectify_attachment_get_upload_token (RectifyAttachment *self)
{
  g_return_val_if_fail (RECTIFY_IS_ATTACHMENT (self), NULL);

  return self->upload_token;
}

GDateTime *
rectify_attachment_get_uploaded_at (RectifyAttachment *self)
{
  g_return_val_if_fail (RECTIFY_IS_ATTACHMENT (self), NULL);

  return self->uploaded_at;
}

/**
 * rectify_attachment_set_upload:
 * @self: a #RectifyAttachment
 * @token: (nullable): the desk's upload token, or %NULL to forget it
 * @uploaded_at: (nullable): when it was uploaded
 */
void
rectify_attachment_set_upload (RectifyAttachment *self,
                               const char        *token,
                               GDateTime         *uploaded_at)
{
  gboolean changed;

  g_return_if_fail (RECTIFY_IS_ATTACHMENT (self));

  changed = g_strcmp0 (self->upload_token, token) != 0;
  g_free (self->upload_token);
  self->upload_token = g_strdup (token);
  g_clear_pointer (&self->uploaded_at, g_date_time_unref);
  if (token != NULL && uploaded_at != NULL)
    self->uploaded_at = g_date_time_ref (uploaded_at);

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPLOAD_TOKEN]);
}
