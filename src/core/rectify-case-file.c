/* rectify-case-file.c: a case as JSON, version 1
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "rectify-case-file.h"
#include "rectify-case-private.h"
#include "rectify-core-enums.h"
#include "rectify-json-reader.h"
#include "rectify-submission-private.h"

/* The format, version 1 (members in snake_case; all optional but version and
 * reference; unknown members are ignored so later versions can add some):
 *
 *   { "version": 1, "reference": UUID, "created": ISO8601, "updated": ISO8601,
 *     "scenario": "wrong-type", "purchase_date": "2026-11-02" | null,
 *     "next_billing": "2026-12-02" | null, "period": "monthly",
 *     "invoice_date": "2026-11-02" | null, "prices_include_tax": false,
 *     "unit_price_confirmed": false, "intended_price_confirmed": false,
 *     "account": "…", "owner_name": "…", … every RectifyText as typed …,
 *     "attachments": [ { "path", "display_name", "size", "content_type",
 *                        "state", "upload_token", "uploaded_at" } ],
 *     "resolution": "refund", "current_step": "details",
 *     "send": { "state": "sent", "reason": REASON | null, "submitted_at": ISO8601,
 *               "expected_minor": 4798, "attempts": 0, "last_attempt": ISO8601 },
 *     "request": { "id": 42, "url": "…", "status": "open" },
 *     "sent": { "subject": "…", "body": "…", "attachments": [ "invoice.pdf" ] } | null,
 *     "checklist": { "verify": ISO8601, … } }
 *
 * REASON is why the case is where it is, as a code the UI words:
 *   { "code": "connection-lost", "cause": "none", "at": ISO8601 | null,
 *     "status": 0, "delay_ms": 0, "file": "…" | null, "detail": "…" | null }
 * Files written before reasons had codes hold a sentence in "send"."error"
 * instead; it is read as the reason "legacy", with the sentence as detail.
 *
 * Reading is strict on types: a member of the wrong type is an error that
 * names it, never a silent default. */

G_DEFINE_QUARK (rectify-case-file-error-quark, rectify_case_file_error)

static char *
member_name (const char *property)
{
  char *name = g_strdup (property);

  g_strdelimit (name, "-", '_');
  return name;
}

static char *
format_date (const GDate *date)
{
  if (!g_date_valid (date))
    return NULL;

  return g_strdup_printf ("%04u-%02u-%02u",
                          g_date_get_year (date),
                          g_date_get_month (date),
                          g_date_get_day (date));
}

static const char *
enum_nick (GType type,
           int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *enum_value = g_enum_get_value (klass, value);

  return enum_value ? enum_value->value_nick : NULL;
}

static void
add_datetime (JsonBuilder *builder,
              const char  *member,
              GDateTime   *datetime)
{
  g_autofree char *text = NULL;

  json_builder_set_member_name (builder, member);
  if (datetime == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  text = g_date_time_format_iso8601 (datetime);
  json_builder_add_string_value (builder, text);
}

static void
add_date (JsonBuilder *builder,
          const char  *member,
          const GDate *date)
{
  g_autofree char *text = format_date (date);

  json_builder_set_member_name (builder, member);
  if (text != NULL)
    json_builder_add_string_value (builder, text);
  else
    json_builder_add_null_value (builder);
}

static void
add_nullable_string (JsonBuilder *builder,
                     const char  *member,
                     const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_reason (JsonBuilder             *builder,
            const RectifySendReason *reason)
{
  json_builder_set_member_name (builder, "reason");
  if (reason == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, enum_nick (RECTIFY_TYPE_SEND_REASON_CODE, reason->code));
  json_builder_set_member_name (builder, "cause");
  json_builder_add_string_value (builder, enum_nick (RECTIFY_TYPE_SEND_REASON_CODE, reason->cause));
  add_datetime (builder, "at", reason->at);
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, reason->status);
  json_builder_set_member_name (builder, "delay_ms");
  json_builder_add_int_value (builder, reason->delay_ms);
  add_nullable_string (builder, "file", reason->file);
  add_nullable_string (builder, "detail", reason->detail);
  json_builder_end_object (builder);
}

/**
 * rectify_case_to_json:
 * @self: a #RectifyCase
 *
 * Returns: (transfer full): the case as a JSON object
 */
JsonNode *
rectify_case_to_json (RectifyCase *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (RECTIFY_IS_CASE (self), NULL);

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, RECTIFY_CASE_FILE_VERSION);
  json_builder_set_member_name (builder, "reference");
  json_builder_add_string_value (builder, rectify_case_get_reference (self));
  add_datetime (builder, "created", rectify_case_get_created (self));
  add_datetime (builder, "updated", rectify_case_get_updated (self));

  json_builder_set_member_name (builder, "scenario");
  json_builder_add_string_value (builder, enum_nick (RECTIFY_TYPE_SCENARIO,
                                                     rectify_case_get_scenario (self)));
  add_date (builder, "purchase_date", rectify_case_get_purchase_date (self));
  add_date (builder, "next_billing", rectify_case_get_next_billing (self));
  json_builder_set_member_name (builder, "period");
  json_builder_add_string_value (builder, enum_nick (RECTIFY_TYPE_PERIOD,
                                                     rectify_case_get_period (self)));
  add_date (builder, "invoice_date", rectify_case_get_invoice_date (self));
  json_builder_set_member_name (builder, "prices_include_tax");
  json_builder_add_boolean_value (builder, rectify_case_get_prices_include_tax (self));
  json_builder_set_member_name (builder, "unit_price_confirmed");
  json_builder_add_boolean_value (builder,
                                  rectify_case_get_price_confirmed (self,
                                                                    RECTIFY_TEXT_UNIT_PRICE));
  json_builder_set_member_name (builder, "intended_price_confirmed");
  json_builder_add_boolean_value (builder,
                                  rectify_case_get_price_confirmed (self,
                                                                    RECTIFY_TEXT_INTENDED_PRICE));

  for (guint i = 0; i < RECTIFY_N_TEXTS; i++)
    {
      g_autofree char *member = member_name (rectify_case_text_property (i));

      json_builder_set_member_name (builder, member);
      json_builder_add_string_value (builder, rectify_case_get_text (self, i));
    }

  json_builder_set_member_name (builder, "attachments");
  json_builder_begin_array (builder);
  for (guint i = 0; i < rectify_case_get_n_attachments (self); i++)
    {
      g_autoptr(RectifyAttachment) attachment = rectify_case_dup_attachment (self, i);
      const char *path = rectify_attachment_get_path (attachment);
      g_autofree char *uri = NULL;

      /* A file name is bytes, JSON is UTF-8: a name that is not goes as a
       * URI, which escapes it (and reads back as the same file). */
      if (!g_utf8_validate (path, -1, NULL))
        path = uri = g_file_get_uri (rectify_attachment_get_file (attachment));

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, path);
      add_nullable_string (builder, "display_name",
                           rectify_attachment_get_display_name (attachment));
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, rectify_attachment_get_size (attachment));
      add_nullable_string (builder, "content_type",
                           rectify_attachment_get_content_type (attachment));
      json_builder_set_member_name (builder, "state");
      json_builder_add_string_value (builder,
                                     enum_nick (RECTIFY_TYPE_ATTACHMENT_STATE,
                                                rectify_attachment_get_state (attachment)));
      add_nullable_string (builder, "upload_token",
                           rectify_attachment_get_upload_token (attachment));
      add_datetime (builder, "uploaded_at", rectify_attachment_get_uploaded_at (attachment));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "resolution");
  json_builder_add_string_value (builder, enum_nick (RECTIFY_TYPE_RESOLUTION,
                                                     rectify_case_get_resolution (self)));
  json_builder_set_member_name (builder, "current_step");
  json_builder_add_string_value (builder, enum_nick (RECTIFY_TYPE_STEP,
                                                     rectify_case_get_current_step (self)));

  json_builder_set_member_name (builder, "send");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, enum_nick (RECTIFY_TYPE_SEND_STATE,
                                                     rectify_case_get_send_state (self)));
  add_reason (builder, rectify_case_get_send_reason (self));
  add_datetime (builder, "submitted_at", rectify_case_get_submitted_at (self));
  json_builder_set_member_name (builder, "expected_minor");
  {
    gint64 expected;

    if (rectify_case_get_expected_minor (self, &expected))
      json_builder_add_int_value (builder, expected);
    else
      json_builder_add_null_value (builder);
  }
  json_builder_set_member_name (builder, "attempts");
  json_builder_add_int_value (builder, rectify_case_get_send_attempts (self));
  add_datetime (builder, "last_attempt", rectify_case_get_last_attempt (self));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "request");
  if (rectify_case_get_request_id (self) > 0)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, rectify_case_get_request_id (self));
      add_nullable_string (builder, "url", rectify_case_get_request_url (self));
      add_nullable_string (builder, "status", rectify_case_get_request_status (self));
      json_builder_set_member_name (builder, "last_reply_id");
      json_builder_add_int_value (builder, rectify_submission_get_last_reply_id (
                                    rectify_case_get_submission (self)));
      json_builder_end_object (builder);
    }
  else
    {
      json_builder_add_null_value (builder);
    }

  /* Exactly what went to support, once something did. */
  json_builder_set_member_name (builder, "sent");
  if (rectify_case_get_sent_body (self) != NULL)
    {
      const char * const *names = rectify_case_get_sent_attachments (self);

      json_builder_begin_object (builder);
      add_nullable_string (builder, "subject", rectify_case_get_sent_subject (self));
      add_nullable_string (builder, "body", rectify_case_get_sent_body (self));
      json_builder_set_member_name (builder, "attachments");
      json_builder_begin_array (builder);
      for (guint i = 0; names != NULL && names[i] != NULL; i++)
        json_builder_add_string_value (builder, names[i]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  else
    {
      json_builder_add_null_value (builder);
    }

  /* Sorted, so the same case always makes the same file. */
  json_builder_set_member_name (builder, "checklist");
  json_builder_begin_object (builder);
  for (guint i = 0; i < rectify_case_get_n_checklist_ticks (self); i++)
    {
      GDateTime *done_at;
      const char *item = rectify_case_get_checklist_tick (self, i, &done_at);

      add_datetime (builder, item, done_at);
    }
  json_builder_end_object (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* Reading. Each reader returns FALSE with @error naming the member when the
 * member is there but of the wrong type; an absent member (or null, where
 * allowed) leaves the output untouched and returns TRUE. */

static gboolean
type_error (GError     **error,
            const char  *member,
            const char  *expected)
{
  g_set_error (error, RECTIFY_CASE_FILE_ERROR, RECTIFY_CASE_FILE_ERROR_TYPE,
               "“%s” must be %s", member, expected);
  return FALSE;
}

static gboolean
read_string (JsonObject  *object,
             const char  *member,
             const char **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return type_error (error, member, "a string");

  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
read_int (JsonObject  *object,
          const char  *member,
          gint64      *out,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return type_error (error, member, "an integer");

  *out = json_node_get_int (node);
  return TRUE;
}

static gboolean
read_bool (JsonObject  *object,
           const char  *member,
           gboolean    *out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return type_error (error, member, "true or false");

  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_object (JsonObject  *object,
             const char  *member,
             JsonObject **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return type_error (error, member, "an object");

  *out = json_node_get_object (node);
  return TRUE;
}

static gboolean
read_enum (JsonObject  *object,
           const char  *member,
           GType        type,
           int         *out,
           GError     **error)
{
  g_autoptr(GEnumClass) klass = NULL;
  const char *nick = NULL;
  GEnumValue *value;

  if (!read_string (object, member, &nick, error))
    return FALSE;
  if (nick == NULL)
    return TRUE;

  klass = g_type_class_ref (type);
  value = g_enum_get_value_by_nick (klass, nick);
  if (value == NULL)
    {
      g_set_error (error, RECTIFY_CASE_FILE_ERROR, RECTIFY_CASE_FILE_ERROR_TYPE,
                   "“%s” has an unknown value “%s”", member, nick);
      return FALSE;
    }

  *out = value->value;
  return TRUE;
}

static gboolean
read_date (JsonObject  *object,
           const char  *member,
           GDate       *out,
           GError     **error)
{
  const char *text = NULL;
  guint year, month, day;
  char tail;

  if (!read_string (object, member, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  /* %u also takes a sign: "-026-12-02" would read as the year 65510. */
  if (!g_ascii_isdigit (text[0]) ||
      sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &tail) != 3 ||
      strlen (text) != 10 || !g_date_valid_dmy (day, month, year))
    return type_error (error, member, "a date as YYYY-MM-DD");

  g_date_set_dmy (out, day, month, year);
  return TRUE;
}

static gboolean
read_datetime (JsonObject  *object,
               const char  *member,
               GDateTime  **out,
               GError     **error)
{
  const char *text = NULL;
  GDateTime *datetime;

  if (!read_string (object, member, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  datetime = g_date_time_new_from_iso8601 (text, NULL);
  if (datetime == NULL)
    return type_error (error, member, "an ISO 8601 date and time");

  g_clear_pointer (out, g_date_time_unref);
  *out = datetime;
  return TRUE;
}

static gboolean
read_attachments (JsonObject   *object,
                  RectifyCase  *rcase,
                  GError      **error)
{
  JsonNode *node = json_object_get_member (object, "attachments");
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return type_error (error, "attachments", "a list");

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(RectifyAttachment) attachment = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(GDateTime) uploaded_at = NULL;
      JsonObject *item;
      const char *path = NULL;
      const char *display_name = NULL;
      const char *content_type = NULL;
      const char *token = NULL;
      gint64 size = -1;
      int state = RECTIFY_ATTACHMENT_STATE_UNCHECKED;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return type_error (error, "attachments", "a list of objects");
      item = json_node_get_object (element);

      if (!read_string (item, "path", &path, error) ||
          !read_string (item, "display_name", &display_name, error) ||
          !read_int (item, "size", &size, error) ||
          !read_string (item, "content_type", &content_type, error) ||
          !read_enum (item, "state", RECTIFY_TYPE_ATTACHMENT_STATE, &state, error) ||
          !read_string (item, "upload_token", &token, error) ||
          !read_datetime (item, "uploaded_at", &uploaded_at, error))
        return FALSE;

      if (path == NULL || *path == '\0')
        return type_error (error, "attachments", "a list of objects with a “path”");

      file = g_uri_peek_scheme (path) != NULL ? g_file_new_for_uri (path)
                                              : g_file_new_for_path (path);
      attachment = rectify_attachment_new (file);
      rectify_attachment_set_info (attachment, state, display_name, size, content_type);
      rectify_attachment_set_upload (attachment, token, uploaded_at);
      rectify_case_add_attachment (rcase, attachment);
    }

  return TRUE;
}

/* The reason in "send", or the sentence an older file kept instead. */
static gboolean
read_reason (JsonObject         *send,
             RectifySendReason **out,
             GError            **error)
{
  g_autoptr(RectifySendReason) reason = NULL;
  JsonObject *object = NULL;
  const char *legacy = NULL;
  const char *file = NULL;
  const char *detail = NULL;
  int code = RECTIFY_SEND_REASON_NONE;
  int cause = RECTIFY_SEND_REASON_NONE;
  gint64 status = 0;
  gint64 delay_ms = 0;

  if (send == NULL)
    return TRUE;

  if (!read_object (send, "reason", &object, error) ||
      !read_string (send, "error", &legacy, error))
    return FALSE;

  if (object == NULL)
    {
      if (legacy != NULL)
        *out = rectify_send_reason_new_with_detail (RECTIFY_SEND_REASON_LEGACY, legacy);
      return TRUE;
    }

  reason = rectify_send_reason_new (RECTIFY_SEND_REASON_NONE);
  if (!read_enum (object, "code", RECTIFY_TYPE_SEND_REASON_CODE, &code, error) ||
      !read_enum (object, "cause", RECTIFY_TYPE_SEND_REASON_CODE, &cause, error) ||
      !read_datetime (object, "at", &reason->at, error) ||
      !read_int (object, "status", &status, error) ||
      !read_int (object, "delay_ms", &delay_ms, error) ||
      !read_string (object, "file", &file, error) ||
      !read_string (object, "detail", &detail, error))
    return FALSE;
  if (status < 0 || status > 999)
    return type_error (error, "status", "an HTTP status");
  if (delay_ms < 0 || delay_ms > G_MAXUINT)
    return type_error (error, "delay_ms", "a delay");

  reason->code = code;
  reason->cause = cause;
  reason->status = (guint) status;
  reason->delay_ms = (guint) delay_ms;
  reason->file = g_strdup (file);
  reason->detail = g_strdup (detail);
  *out = g_steal_pointer (&reason);
  return TRUE;
}

static gboolean
read_sent (JsonObject   *object,
           RectifyCase  *rcase,
           GError      **error)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) attachments = NULL;
  JsonObject *sent = NULL;
  const char *subject = NULL;
  const char *body = NULL;
  JsonNode *node;

  if (!read_object (object, "sent", &sent, error))
    return FALSE;
  if (sent == NULL)
    return TRUE;

  if (!read_string (sent, "subject", &subject, error) ||
      !read_string (sent, "body", &body, error))
    return FALSE;

  node = json_object_get_member (sent, "attachments");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        return type_error (error, "attachments", "a list");
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element) ||
              json_node_get_value_type (element) != G_TYPE_STRING)
            return type_error (error, "attachments", "a list of file names");
          g_strv_builder_add (names, json_node_get_string (element));
        }
    }

  if (body == NULL)
    return type_error (error, "body", "the text that was sent");

  attachments = g_strv_builder_end (names);
  rectify_case_set_sent_snapshot (rcase, subject, body, (const char * const *) attachments);
  return TRUE;
}

static gboolean
read_checklist (JsonObject   *object,
                RectifyCase  *rcase,
                GError      **error)
{
  JsonObject *checklist = NULL;
  g_autoptr(GList) members = NULL;

  if (!read_object (object, "checklist", &checklist, error))
    return FALSE;
  if (checklist == NULL)
    return TRUE;

  members = json_object_get_members (checklist);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      g_autoptr(GDateTime) done_at = NULL;

      if (!read_datetime (checklist, l->data, &done_at, error))
        return FALSE;
      if (done_at != NULL)
        rectify_case_restore_checklist_item (rcase, l->data, done_at);
    }

  return TRUE;
}

/**
 * rectify_case_from_json:
 * @node: a JSON object, as rectify_case_to_json() makes
 * @error: where to put why it cannot be read
 *
 * Returns: (transfer full): the case, or %NULL with @error set
 */
RectifyCase *
rectify_case_from_json (JsonNode  *node,
                        GError   **error)
{
  g_autoptr(RectifyCase) rcase = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) updated = NULL;
  JsonObject *object;
  JsonObject *send = NULL;
  JsonObject *request = NULL;
  const char *reference = NULL;
  gint64 version = 0;
  int scenario = RECTIFY_SCENARIO_NONE;
  int period = RECTIFY_PERIOD_MONTHLY;
  int resolution = RECTIFY_RESOLUTION_NONE;
  int step = RECTIFY_STEP_IDENTIFY;
  int send_state = RECTIFY_SEND_STATE_DRAFT;
  g_autoptr(RectifySendReason) send_reason = NULL;
  g_autoptr(GDateTime) submitted_at = NULL;
  gint64 expected_minor = -1;
  gint64 send_attempts = 0;
  g_autoptr(GDateTime) last_attempt = NULL;
  gint64 request_id = 0;
  gint64 last_reply_id = 0;
  const char *request_url = NULL;
  const char *request_status = NULL;
  GDate purchase_date, next_billing, invoice_date;
  gboolean include_tax = FALSE;
  gboolean unit_confirmed = FALSE;
  gboolean intended_confirmed = FALSE;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, RECTIFY_CASE_FILE_ERROR, RECTIFY_CASE_FILE_ERROR_PARSE,
                           "A case file holds a JSON object");
      return NULL;
    }
  object = json_node_get_object (node);

  if (!read_int (object, "version", &version, error))
    return NULL;
  if (version != RECTIFY_CASE_FILE_VERSION)
    {
      g_set_error (error, RECTIFY_CASE_FILE_ERROR, RECTIFY_CASE_FILE_ERROR_VERSION,
                   "Case file version %" G_GINT64_FORMAT " is not one this version of "
                   "Rectify reads", version);
      return NULL;
    }

  if (!read_string (object, "reference", &reference, error))
    return NULL;
  if (reference == NULL || !g_uuid_string_is_valid (reference))
    {
      type_error (error, "reference", "a UUID");
      return NULL;
    }

  g_date_clear (&purchase_date, 1);
  g_date_clear (&next_billing, 1);
  g_date_clear (&invoice_date, 1);

  if (!read_datetime (object, "created", &created, error) ||
      !read_datetime (object, "updated", &updated, error) ||
      !read_enum (object, "scenario", RECTIFY_TYPE_SCENARIO, &scenario, error) ||
      !read_date (object, "purchase_date", &purchase_date, error) ||
      !read_date (object, "next_billing", &next_billing, error) ||
      !read_enum (object, "period", RECTIFY_TYPE_PERIOD, &period, error) ||
      !read_date (object, "invoice_date", &invoice_date, error) ||
      !read_bool (object, "prices_include_tax", &include_tax, error) ||
      !read_bool (object, "unit_price_confirmed", &unit_confirmed, error) ||
      !read_bool (object, "intended_price_confirmed", &intended_confirmed, error) ||
      !read_enum (object, "resolution", RECTIFY_TYPE_RESOLUTION, &resolution, error) ||
      !read_enum (object, "current_step", RECTIFY_TYPE_STEP, &step, error) ||
      !read_object (object, "send", &send, error) ||
      !read_object (object, "request", &request, error))
    return NULL;

  if (send != NULL &&
      (!read_enum (send, "state", RECTIFY_TYPE_SEND_STATE, &send_state, error) ||
       !read_reason (send, &send_reason, error) ||
       !read_datetime (send, "submitted_at", &submitted_at, error) ||
       !read_int (send, "expected_minor", &expected_minor, error) ||
       !read_int (send, "attempts", &send_attempts, error) ||
       !read_datetime (send, "last_attempt", &last_attempt, error)))
    return NULL;
  if (send_attempts < 0 || send_attempts > G_MAXUINT)
    {
      type_error (error, "attempts", "a count");
      return NULL;
    }

  if (request != NULL &&
      (!read_int (request, "id", &request_id, error) ||
       !read_string (request, "url", &request_url, error) ||
       !read_string (request, "status", &request_status, error) ||
       !read_int (request, "last_reply_id", &last_reply_id, error)))
    return NULL;
  if (request_id < 0 || last_reply_id < 0)
    {
      type_error (error, "id", "a request number");
      return NULL;
    }

  rcase = rectify_case_new_for_reference (reference, created);
  rectify_case_begin_load (rcase);

  rectify_case_set_scenario (rcase, scenario);
  rectify_case_set_purchase_date (rcase, &purchase_date);
  rectify_case_set_next_billing (rcase, &next_billing);
  rectify_case_set_period (rcase, period);
  rectify_case_set_invoice_date (rcase, &invoice_date);
  rectify_case_set_prices_include_tax (rcase, include_tax);

  for (guint i = 0; i < RECTIFY_N_TEXTS; i++)
    {
      g_autofree char *member = member_name (rectify_case_text_property (i));
      const char *text = NULL;

      if (!read_string (object, member, &text, error))
        return NULL;
      rectify_case_set_text (rcase, i, text);
    }

  /* After the prices: setting a price takes its confirmation back. */
  rectify_case_set_price_confirmed (rcase, RECTIFY_TEXT_UNIT_PRICE, unit_confirmed);
  rectify_case_set_price_confirmed (rcase, RECTIFY_TEXT_INTENDED_PRICE, intended_confirmed);

  if (!read_attachments (object, rcase, error) ||
      !read_checklist (object, rcase, error) ||
      !read_sent (object, rcase, error))
    return NULL;

  rectify_case_set_resolution (rcase, resolution);
  rectify_case_set_current_step (rcase, step);
  rectify_case_set_send_state (rcase, send_state, send_reason);
  rectify_case_restore_submission (rcase, submitted_at, expected_minor);
  rectify_case_set_send_attempts (rcase, (guint) send_attempts, last_attempt);
  rectify_case_set_request (rcase, request_id, request_url, request_status);
  rectify_case_set_last_reply_id (rcase, last_reply_id);

  rectify_case_end_load (rcase, updated);

  return g_steal_pointer (&rcase);
}

/**
 * rectify_case_to_bytes:
 * @self: a #RectifyCase
 *
 * Returns: (transfer full): the case file's contents, UTF-8 JSON
 */
GBytes *
rectify_case_to_bytes (RectifyCase *self)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  gsize length;
  char *data;

  g_return_val_if_fail (RECTIFY_IS_CASE (self), NULL);

  root = rectify_case_to_json (self);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  data = json_generator_to_data (generator, &length);

  return g_bytes_new_take (data, length);
}

/**
 * rectify_case_from_bytes:
 * @bytes: a case file's contents
 * @error: where to put why it cannot be read
 *
 * Returns: (transfer full): the case, or %NULL with @error set
 */
RectifyCase *
rectify_case_from_bytes (GBytes  *bytes,
                         GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);

  root = rectify_json_read_bytes (bytes, RECTIFY_JSON_MAX_CASE_FILE_SIZE, &local_error);
  if (root == NULL)
    {
      g_set_error (error, RECTIFY_CASE_FILE_ERROR,
                   g_error_matches (local_error, RECTIFY_JSON_READER_ERROR,
                                    RECTIFY_JSON_READER_ERROR_TOO_LARGE)
                   ? RECTIFY_CASE_FILE_ERROR_TOO_LARGE : RECTIFY_CASE_FILE_ERROR_PARSE,
                   "Not a case file: %s", local_error->message);
      return NULL;
    }

  return rectify_case_from_json (root, error);
}
