/* rectify-provider.c: the facts about Ringover, read from data
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "rectify-core-resources.h"
#include "rectify-json-reader.h"
#include "rectify-provider.h"

/* Ringover's help-desk address, support e-mail, attachment rules and licence
 * names are data (data/ringover.json, compiled into the core resource), so a
 * changed fact is a data change and a test desk is a setting. */

struct _RectifyProvider
{
  GObject   parent_instance;

  char     *display_name;
  char     *desk_base_url;
  char     *request_link;
  char     *support_email;
  char     *success_email;
  goffset   max_attachment_size;
  GStrv     content_types;
  GStrv     licence_types;
  GStrv     currencies;
  char     *oauth_client_id;
  char     *oauth_redirect_uri;
  char     *oauth_scope;
  GDate     api_tokens_end;
  /* how owners remove unassigned licences themselves, or %NULL */
  char     *self_removal_url;
  /* currency code → the most one licence costs a month, in minor units */
  GHashTable *price_ceilings;
};

G_DEFINE_FINAL_TYPE (RectifyProvider, rectify_provider, G_TYPE_OBJECT)

/* What tests put in place of the built-in profile. */
static RectifyProvider *override;
G_DEFINE_QUARK (rectify-provider-error-quark, rectify_provider_error)

static void
rectify_provider_finalize (GObject *object)
{
  RectifyProvider *self = (RectifyProvider *)object;

  g_free (self->display_name);
  g_free (self->desk_base_url);
  g_free (self->request_link);
  g_free (self->support_email);
  g_free (self->success_email);
  g_strfreev (self->content_types);
  g_strfreev (self->licence_types);
  g_strfreev (self->currencies);
  g_free (self->oauth_client_id);
  g_free (self->oauth_redirect_uri);
  g_free (self->oauth_scope);
  g_free (self->self_removal_url);
  g_clear_pointer (&self->price_ceilings, g_hash_table_unref);

  G_OBJECT_CLASS (rectify_provider_parent_class)->finalize (object);
}

static void
rectify_provider_class_init (RectifyProviderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rectify_provider_finalize;
}

static void
rectify_provider_init (RectifyProvider *self)
{
}

/* Walks a dotted path of objects ("desk.base_url") to a member. */
static JsonNode *
lookup (JsonObject *root,
        const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonObject *object = root;
  JsonNode *node = NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      node = json_object_get_member (object, parts[i]);
      if (node == NULL)
        return NULL;
      if (parts[i + 1] != NULL)
        {
          if (!JSON_NODE_HOLDS_OBJECT (node))
            return NULL;
          object = json_node_get_object (node);
        }
    }

  return node;
}

static gboolean
read_string (JsonObject  *root,
             const char  *path,
             char       **out,
             GError     **error)
{
  JsonNode *node = lookup (root, path);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING ||
      *json_node_get_string (node) == '\0')
    {
      g_set_error (error, RECTIFY_PROVIDER_ERROR, RECTIFY_PROVIDER_ERROR_INVALID,
                   "The provider profile needs a non-empty string at “%s”", path);
      return FALSE;
    }

  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
read_strv (JsonObject  *root,
           const char  *path,
           GStrv       *out,
           GError     **error)
{
  JsonNode *node = lookup (root, path);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (array = json_node_get_array (node)) == 0)
    {
      g_set_error (error, RECTIFY_PROVIDER_ERROR, RECTIFY_PROVIDER_ERROR_INVALID,
                   "The provider profile needs a non-empty list at “%s”", path);
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) ||
          json_node_get_value_type (element) != G_TYPE_STRING ||
          *json_node_get_string (element) == '\0')
        {
          g_set_error (error, RECTIFY_PROVIDER_ERROR, RECTIFY_PROVIDER_ERROR_INVALID,
                       "The provider profile’s list “%s” holds something that is not "
                       "a non-empty string", path);
          return FALSE;
        }
      g_strv_builder_add (builder, json_node_get_string (element));
    }

  *out = g_strv_builder_end (builder);
  return TRUE;
}

/* An optional string: absent or null is %NULL, anything else but a
 * non-empty string is an error. */
static gboolean
read_optional_string (JsonObject  *root,
                      const char  *path,
                      char       **out,
                      GError     **error)
{
  JsonNode *node = lookup (root, path);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  return read_string (root, path, out, error);
}

/* The sign-in the desk offers apps: an OAuth client it registered, with a
 * loopback redirect URI (port included, as the desk compares it exactly);
 * and the last day API tokens work. All optional: a profile without a
 * client means the desk offers no sign-in to apps. */
static gboolean
read_sign_in (RectifyProvider  *self,
              JsonObject       *root,
              GError          **error)
{
  g_autofree char *end = NULL;
  g_autoptr(GUri) redirect = NULL;
  guint year, month, day;
  char tail;

  if (!read_optional_string (root, "sign_in.oauth_client_id", &self->oauth_client_id, error) ||
      !read_optional_string (root, "sign_in.redirect_uri", &self->oauth_redirect_uri, error) ||
      !read_optional_string (root, "sign_in.scope", &self->oauth_scope, error) ||
      !read_optional_string (root, "sign_in.api_tokens_end", &end, error))
    return FALSE;

  if (self->oauth_client_id != NULL)
    {
      if (self->oauth_redirect_uri == NULL ||
          (redirect = g_uri_parse (self->oauth_redirect_uri, G_URI_FLAGS_NONE, NULL)) == NULL ||
          g_strcmp0 (g_uri_get_scheme (redirect), "http") != 0 ||
          (g_strcmp0 (g_uri_get_host (redirect), "127.0.0.1") != 0 &&
           g_strcmp0 (g_uri_get_host (redirect), "localhost") != 0) ||
          g_uri_get_port (redirect) <= 0)
        {
          g_set_error_literal (error, RECTIFY_PROVIDER_ERROR, RECTIFY_PROVIDER_ERROR_INVALID,
                               "The provider profile’s sign_in.redirect_uri must be a loopback "
                               "http:// address with a port");
          return FALSE;
        }
    }

  g_date_clear (&self->api_tokens_end, 1);
  if (end != NULL)
    {
      if (sscanf (end, "%4u-%2u-%2u%c", &year, &month, &day, &tail) != 3 ||
          !g_date_valid_dmy (day, month, year))
        {
          g_set_error_literal (error, RECTIFY_PROVIDER_ERROR, RECTIFY_PROVIDER_ERROR_INVALID,
                               "The provider profile’s sign_in.api_tokens_end is not a date");
          return FALSE;
        }
      g_date_set_dmy (&self->api_tokens_end, day, month, year);
    }

  return TRUE;
}

/* "price_ceilings": { "EUR": 20000, … }, optional: per currency, the most one
 * licence of any type costs for a month, in minor units. */
static gboolean
read_price_ceilings (JsonObject  *root,
                     GHashTable  *out,
                     GError     **error)
{
  JsonNode *node = lookup (root, "price_ceilings");
  g_autoptr(GList) members = NULL;
  JsonObject *object;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, RECTIFY_PROVIDER_ERROR, RECTIFY_PROVIDER_ERROR_INVALID,
                           "The provider profile’s “price_ceilings” must be an object");
      return FALSE;
    }

  object = json_node_get_object (node);
  members = json_object_get_members (object);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (object, l->data);

      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_INT64 ||
          json_node_get_int (value) <= 0 || json_node_get_int (value) > G_MAXINT64 / 12)
        {
          g_set_error (error, RECTIFY_PROVIDER_ERROR, RECTIFY_PROVIDER_ERROR_INVALID,
                       "The provider profile’s price ceiling for “%s” is not a positive "
                       "amount in minor units", (const char *) l->data);
          return FALSE;
        }
      g_hash_table_insert (out, g_strdup (l->data),
                           g_memdup2 (&(gint64) { json_node_get_int (value) }, sizeof (gint64)));
    }

  return TRUE;
}

static gboolean
is_web_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  return uri != NULL &&
         g_strcmp0 (g_uri_get_scheme (uri), "https") == 0 &&
         g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0';
}

/**
 * rectify_provider_new_from_bytes:
 * @bytes: a provider profile, JSON
 * @error: where to put the reason it is refused
 *
 * Reads and checks a provider profile: every fact the app relies on must be
 * there and of the right type; unknown members are ignored.
 *
 * Returns: (transfer full): the profile, or %NULL with @error set
 */
RectifyProvider *
rectify_provider_new_from_bytes (GBytes  *bytes,
                                 GError **error)
{
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(RectifyProvider) self = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *root;
  JsonNode *node;

  g_return_val_if_fail (bytes != NULL, NULL);

  parsed = rectify_json_read_bytes (bytes, RECTIFY_JSON_MAX_PROVIDER_SIZE, &local_error);
  if (parsed == NULL)
    {
      g_set_error (error, RECTIFY_PROVIDER_ERROR, RECTIFY_PROVIDER_ERROR_INVALID,
                   "The provider profile is not valid JSON: %s", local_error->message);
      return NULL;
    }

  node = parsed;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, RECTIFY_PROVIDER_ERROR, RECTIFY_PROVIDER_ERROR_INVALID,
                           "The provider profile is not a JSON object");
      return NULL;
    }
  root = json_node_get_object (node);

  node = json_object_get_member (root, "version");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) != 1)
    {
      g_set_error_literal (error, RECTIFY_PROVIDER_ERROR, RECTIFY_PROVIDER_ERROR_INVALID,
                           "The provider profile must be of version 1");
      return NULL;
    }

  self = g_object_new (RECTIFY_TYPE_PROVIDER, NULL);
  self->price_ceilings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (!read_string (root, "display_name", &self->display_name, error) ||
      !read_string (root, "desk.base_url", &self->desk_base_url, error) ||
      !read_string (root, "desk.request_link", &self->request_link, error) ||
      !read_string (root, "desk.support_email", &self->support_email, error) ||
      !read_string (root, "desk.success_email", &self->success_email, error) ||
      !read_strv (root, "attachments.content_types", &self->content_types, error) ||
      !read_strv (root, "licence_types", &self->licence_types, error) ||
      !read_strv (root, "currencies", &self->currencies, error) ||
      !read_price_ceilings (root, self->price_ceilings, error))
    return NULL;

  if (!is_web_url (self->desk_base_url))
    {
      g_set_error (error, RECTIFY_PROVIDER_ERROR, RECTIFY_PROVIDER_ERROR_INVALID,
                   "The provider profile’s desk address “%s” is not an https:// address",
                   self->desk_base_url);
      return NULL;
    }

  if (strstr (self->request_link, "{id}") == NULL)
    {
      g_set_error_literal (error, RECTIFY_PROVIDER_ERROR, RECTIFY_PROVIDER_ERROR_INVALID,
                           "The provider profile’s request link has no “{id}”");
      return NULL;
    }

  node = lookup (root, "attachments.max_size_bytes");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) <= 0)
    {
      g_set_error_literal (error, RECTIFY_PROVIDER_ERROR, RECTIFY_PROVIDER_ERROR_INVALID,
                           "The provider profile needs a positive attachments.max_size_bytes");
      return NULL;
    }
  self->max_attachment_size = json_node_get_int (node);

  if (!read_sign_in (self, root, error))
    return NULL;

  if (!read_optional_string (root, "self_service.licence_removal_url", &self->self_removal_url,
                             error))
    return NULL;
  if (self->self_removal_url != NULL && !is_web_url (self->self_removal_url))
    {
      g_set_error_literal (error, RECTIFY_PROVIDER_ERROR, RECTIFY_PROVIDER_ERROR_INVALID,
                           "The provider profile’s self_service.licence_removal_url is not "
                           "an https:// address");
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * rectify_provider_get_default:
 *
 * Ringover's profile, as built into the app. It is checked by the tests, so
 * failing to read it is a programming error.
 *
 * Returns: (transfer none): the profile
 */
RectifyProvider *
rectify_provider_get_default (void)
{
  static RectifyProvider *provider;

  if (override != NULL)
    return override;

  if (g_once_init_enter (&provider))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      RectifyProvider *loaded;

      bytes = g_resource_lookup_data (rectify_core_get_resource (),
                                      "/io/github/rectify/Rectify/core/ringover.json",
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      loaded = bytes ? rectify_provider_new_from_bytes (bytes, &error) : NULL;
      if (loaded == NULL)
        g_critical ("The built-in provider profile cannot be read: %s", error->message);

      g_once_init_leave (&provider, loaded);
    }

  return provider;
}

const char *
rectify_provider_get_display_name (RectifyProvider *self)
{
  g_return_val_if_fail (RECTIFY_IS_PROVIDER (self), NULL);

  return self->display_name;
}

const char *
rectify_provider_get_desk_base_url (RectifyProvider *self)
{
  g_return_val_if_fail (RECTIFY_IS_PROVIDER (self), NULL);

  return self->desk_base_url;
}

const char *
rectify_provider_get_support_email (RectifyProvider *self)
{
  g_return_val_if_fail (RECTIFY_IS_PROVIDER (self), NULL);

  return self->support_email;
}

/**
 * rectify_provider_get_self_removal_url:
 * @self: a #RectifyProvider
 *
 * Returns: (nullable): the page that says how owners remove unassigned
 *   licences themselves, or %NULL when they cannot
 */
const char *
rectify_provider_get_self_removal_url (RectifyProvider *self)
{
  g_return_val_if_fail (RECTIFY_IS_PROVIDER (self), NULL);

  return self->self_removal_url;
}

const char *
rectify_provider_get_success_email (RectifyProvider *self)
{
  g_return_val_if_fail (RECTIFY_IS_PROVIDER (self), NULL);

  return self->success_email;
}

/**
 * rectify_provider_dup_request_link:
 * @self: a #RectifyProvider
 * @base_url: (nullable): the desk in use, or %NULL for the profile's own
 * @request_id: the request number
 *
 * The help-centre page where a person reads the request.
 *
 * Returns: (transfer full): the address
 */
char *
rectify_provider_dup_request_link (RectifyProvider *self,
                                   const char      *base_url,
                                   gint64           request_id)
{
  g_autoptr(GString) link = NULL;
  g_autofree char *base = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (RECTIFY_IS_PROVIDER (self), NULL);
  g_return_val_if_fail (request_id > 0, NULL);

  base = g_strdup (base_url ? base_url : self->desk_base_url);
  while (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';
  id = g_strdup_printf ("%" G_GINT64_FORMAT, request_id);

  link = g_string_new (self->request_link);
  g_string_replace (link, "{base}", base, 0);
  g_string_replace (link, "{id}", id, 0);

  return g_string_free (g_steal_pointer (&link), FALSE);
}

goffset
rectify_provider_get_max_attachment_size (RectifyProvider *self)
{
  g_return_val_if_fail (RECTIFY_IS_PROVIDER (self), 0);

  return self->max_attachment_size;
}

gboolean
rectify_provider_accepts_content_type (RectifyProvider *self,
                                       const char      *mime_type)
{
  g_return_val_if_fail (RECTIFY_IS_PROVIDER (self), FALSE);

  return mime_type != NULL && g_strv_contains ((const char * const *)self->content_types,
                                               mime_type);
}

/* Suggestions for the licence type entry; owners may type others. */
const char * const *
rectify_provider_get_licence_types (RectifyProvider *self)
{
  g_return_val_if_fail (RECTIFY_IS_PROVIDER (self), NULL);

  return (const char * const *)self->licence_types;
}

/* The currencies offered first; any known ISO 4217 code is accepted. */
const char * const *
rectify_provider_get_currencies (RectifyProvider *self)
{
  g_return_val_if_fail (RECTIFY_IS_PROVIDER (self), NULL);

  return (const char * const *)self->currencies;
}

/**
 * rectify_provider_get_oauth_client_id:
 * @self: a profile
 *
 * Returns: (nullable): the OAuth client the desk registered for Rectify, or
 *   %NULL when it offers no sign-in to apps
 */
const char *
rectify_provider_get_oauth_client_id (RectifyProvider *self)
{
  g_return_val_if_fail (RECTIFY_IS_PROVIDER (self), NULL);

  return self->oauth_client_id;
}

/**
 * rectify_provider_get_oauth_redirect_uri:
 * @self: a profile
 *
 * Returns: (nullable): the loopback redirect URI registered with the client
 */
const char *
rectify_provider_get_oauth_redirect_uri (RectifyProvider *self)
{
  g_return_val_if_fail (RECTIFY_IS_PROVIDER (self), NULL);

  return self->oauth_redirect_uri;
}

/**
 * rectify_provider_get_oauth_scope:
 * @self: a profile
 *
 * Returns: the scopes to ask for
 */
const char *
rectify_provider_get_oauth_scope (RectifyProvider *self)
{
  g_return_val_if_fail (RECTIFY_IS_PROVIDER (self), NULL);

  return self->oauth_scope != NULL ? self->oauth_scope : "read write";
}

/**
 * rectify_provider_api_tokens_work_on:
 * @self: a profile
 * @day: a day
 *
 * Returns: whether the desk still accepts API tokens on @day
 */
gboolean
rectify_provider_api_tokens_work_on (RectifyProvider *self,
                                     const GDate     *day)
{
  g_return_val_if_fail (RECTIFY_IS_PROVIDER (self), FALSE);
  g_return_val_if_fail (day != NULL && g_date_valid (day), FALSE);

  return !g_date_valid (&self->api_tokens_end) || g_date_compare (day, &self->api_tokens_end) <= 0;
}

/**
 * rectify_provider_get_api_tokens_end:
 * @self: a profile
 *
 * Returns: (nullable): the last day API tokens work, or %NULL if none is known
 */
const GDate *
rectify_provider_get_api_tokens_end (RectifyProvider *self)
{
  g_return_val_if_fail (RECTIFY_IS_PROVIDER (self), NULL);

  return g_date_valid (&self->api_tokens_end) ? &self->api_tokens_end : NULL;
}

/**
 * rectify_provider_set_default:
 * @provider: (nullable): the profile to use from now on, or %NULL for the
 *   built-in one
 *
 * For tests: a desk that registered a sign-in client, say.
 */
void
rectify_provider_set_default (RectifyProvider *provider)
{
  g_set_object (&override, provider);
}

/**
 * rectify_provider_get_price_ceiling:
 * @self: a #RectifyProvider
 * @currency: a currency code
 * @period: a billing period
 * @out_minor: (out): the most one licence of any type costs for one billing
 *   cycle of @period, in minor units of @currency
 *
 * Far above what any licence costs, as the profile's "price_ceilings" say
 * per currency for a month; a year is twelve months.
 *
 * Returns: whether the profile has a figure for @currency
 */
gboolean
rectify_provider_get_price_ceiling (RectifyProvider *self,
                                    const char      *currency,
                                    RectifyPeriod    period,
                                    gint64          *out_minor)
{
  const gint64 *monthly;

  g_return_val_if_fail (RECTIFY_IS_PROVIDER (self), FALSE);
  g_return_val_if_fail (out_minor != NULL, FALSE);

  if (currency == NULL || (monthly = g_hash_table_lookup (self->price_ceilings, currency)) == NULL)
    return FALSE;

  *out_minor = period == RECTIFY_PERIOD_ANNUAL ? *monthly * 12 : *monthly;
  return TRUE;
}
