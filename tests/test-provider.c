/* test-provider.c: the provider profile
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "rectify-format.h"
#include "rectify-provider.h"

static void
test_provider_builtin (void)
{
  RectifyProvider *provider = rectify_provider_get_default ();
  g_autofree char *link = NULL;

  g_assert_nonnull (provider);
  g_assert_cmpstr (rectify_provider_get_display_name (provider), ==, "Ringover");
  g_assert_true (g_str_has_prefix (rectify_provider_get_desk_base_url (provider), "https://"));
  g_assert_nonnull (strchr (rectify_provider_get_support_email (provider), '@'));
  g_assert_true (rectify_provider_accepts_content_type (provider, "application/pdf"));
  g_assert_true (rectify_provider_accepts_content_type (provider, "image/png"));
  g_assert_true (rectify_provider_accepts_content_type (provider, "image/jpeg"));
  g_assert_false (rectify_provider_accepts_content_type (provider, "application/zip"));
  g_assert_false (rectify_provider_accepts_content_type (provider, NULL));
  g_assert_cmpint (rectify_provider_get_max_attachment_size (provider), >, 0);
  g_assert_cmpuint (g_strv_length ((GStrv)rectify_provider_get_licence_types (provider)), >, 0);

  /* A price ceiling for each currency offered. */
  for (const char * const *c = rectify_provider_get_currencies (provider); *c != NULL; c++)
    {
      gint64 monthly = 0, annual = 0;

      g_test_message ("%s", *c);
      g_assert_true (rectify_provider_get_price_ceiling (provider, *c, RECTIFY_PERIOD_MONTHLY,
                                                         &monthly));
      g_assert_true (rectify_provider_get_price_ceiling (provider, *c, RECTIFY_PERIOD_ANNUAL,
                                                         &annual));
      g_assert_cmpint (monthly, >, 0);
      g_assert_cmpint (annual, ==, 12 * monthly);
    }

  link = rectify_provider_dup_request_link (provider, "http://127.0.0.1:8080/", 42);
  g_assert_cmpstr (link, ==, "http://127.0.0.1:8080/hc/requests/42");
  g_clear_pointer (&link, g_free);
  link = rectify_provider_dup_request_link (provider, NULL, 7);
  g_assert_true (g_str_has_prefix (link, rectify_provider_get_desk_base_url (provider)));
  g_assert_true (g_str_has_suffix (link, "/hc/requests/7"));
}

static const char *valid_profile =
  "{\"version\": 1, \"display_name\": \"Desk\","
  " \"desk\": {\"base_url\": \"https://desk.example\", \"request_link\": \"{base}/r/{id}\","
  "          \"support_email\": \"s@desk.example\", \"success_email\": \"c@desk.example\"},"
  " \"attachments\": {\"max_size_bytes\": 1000, \"content_types\": [\"application/pdf\"]},"
  " \"licence_types\": [\"A\"], \"currencies\": [\"EUR\"], \"extra\": true}";

static void
test_provider_parse (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (valid_profile, strlen (valid_profile));
  g_autoptr(GError) error = NULL;
  g_autoptr(RectifyProvider) provider = rectify_provider_new_from_bytes (bytes, &error);

  g_assert_no_error (error);
  g_assert_cmpint (rectify_provider_get_max_attachment_size (provider), ==, 1000);
}

static void
test_provider_price_ceilings (void)
{
  g_autoptr(GString) text = g_string_new (valid_profile);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RectifyProvider) provider = NULL;
  g_autoptr(RectifyProvider) without = NULL;
  gint64 ceiling = 0;

  g_string_replace (text, "\"extra\": true", "\"price_ceilings\": {\"EUR\": 5000}", 1);
  bytes = g_bytes_new (text->str, text->len);
  provider = rectify_provider_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_true (rectify_provider_get_price_ceiling (provider, "EUR", RECTIFY_PERIOD_MONTHLY,
                                                     &ceiling));
  g_assert_cmpint (ceiling, ==, 5000);
  g_assert_true (rectify_provider_get_price_ceiling (provider, "EUR", RECTIFY_PERIOD_ANNUAL,
                                                     &ceiling));
  g_assert_cmpint (ceiling, ==, 60000);
  g_assert_false (rectify_provider_get_price_ceiling (provider, "USD", RECTIFY_PERIOD_MONTHLY,
                                                      &ceiling));

  /* Optional: without it, no price is questioned. */
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = g_bytes_new_static (valid_profile, strlen (valid_profile));
  without = rectify_provider_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_false (rectify_provider_get_price_ceiling (without, "EUR", RECTIFY_PERIOD_MONTHLY,
                                                      &ceiling));
}

static void
test_provider_invalid (void)
{
  const struct {
    const char *from;
    const char *to;
    const char *message;
  } mutations[] = {
    { "\"version\": 1", "\"version\": 2", "version 1" },
    { "\"https://desk.example\"", "\"http://desk.example\"", "https://" },
    { "\"https://desk.example\"", "\"\"", "desk.base_url" },
    { "{base}/r/{id}", "{base}/r/", "{id}" },
    { "\"support_email\": \"s@desk.example\"", "\"support_email\": 3", "desk.support_email" },
    { "\"max_size_bytes\": 1000", "\"max_size_bytes\": 0", "max_size_bytes" },
    { "\"max_size_bytes\": 1000", "\"max_size_bytes\": \"1000\"", "max_size_bytes" },
    { "[\"application/pdf\"]", "[]", "attachments.content_types" },
    { "[\"A\"]", "[\"A\", 2]", "licence_types" },
    { "\"display_name\": \"Desk\",", "", "display_name" },
    { "{\"version\"", "[\"version\"", "JSON" },
    { "\"extra\": true", "\"price_ceilings\": []", "price_ceilings" },
    { "\"extra\": true", "\"price_ceilings\": {\"EUR\": 0}", "EUR" },
    { "\"extra\": true", "\"price_ceilings\": {\"EUR\": \"200\"}", "EUR" },
    { "\"extra\": true", "\"self_service\": {\"licence_removal_url\": \"http://d.example\"}",
      "licence_removal_url" },
    { "\"extra\": true", "\"self_service\": {\"licence_removal_url\": 3}",
      "licence_removal_url" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (mutations); i++)
    {
      g_autoptr(GString) text = g_string_new (valid_profile);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(RectifyProvider) provider = NULL;

      g_assert_cmpuint (g_string_replace (text, mutations[i].from, mutations[i].to, 1), ==, 1);
      bytes = g_bytes_new (text->str, text->len);
      provider = rectify_provider_new_from_bytes (bytes, &error);
      g_test_message ("%s → %s", mutations[i].from, mutations[i].to);
      g_assert_null (provider);
      g_assert_error (error, RECTIFY_PROVIDER_ERROR, RECTIFY_PROVIDER_ERROR_INVALID);
      if (strstr (error->message, mutations[i].message) == NULL)
        g_error ("“%s” does not mention “%s”", error->message, mutations[i].message);
    }
}

/* Added by mistake or too many: the owner is told the way without support,
 * that it is faster, and the provider's page; never for a wrong type, nor
 * for a desk whose profile names no such page. */
static void
test_provider_self_service (void)
{
  RectifyProvider *ringover = rectify_provider_get_default ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (valid_profile, strlen (valid_profile));
  g_autoptr(RectifyProvider) other = rectify_provider_new_from_bytes (bytes, NULL);
  const char *url = rectify_provider_get_self_removal_url (ringover);

  setlocale (LC_ALL, "C");
  g_assert_nonnull (url);
  g_assert_true (g_str_has_prefix (url, "https://support.ringover.com/"));
  g_assert_nonnull (other);
  g_assert_null (rectify_provider_get_self_removal_url (other));

  for (RectifyScenario scenario = RECTIFY_SCENARIO_NONE; scenario <= RECTIFY_SCENARIO_TOO_MANY;
       scenario++)
    {
      g_autofree char *hint = rectify_scenario_dup_self_service_hint (scenario, ringover);
      g_autofree char *none = rectify_scenario_dup_self_service_hint (scenario, other);
      g_autofree char *href = g_strdup_printf ("<a href=\"%s\">", url);
      g_autoptr(GError) error = NULL;

      g_assert_null (none);
      if (scenario != RECTIFY_SCENARIO_UNINTENDED && scenario != RECTIFY_SCENARIO_TOO_MANY)
        {
          g_assert_null (hint);
          continue;
        }
      g_assert_nonnull (strstr (hint, "Billing › Licences"));
      g_assert_nonnull (strstr (hint, "faster"));
      g_assert_nonnull (strstr (hint, href));
      /* Well-formed markup, as a label with links takes it. */
      {
        static const GMarkupParser parser = { 0 };
        g_autoptr(GMarkupParseContext) context =
          g_markup_parse_context_new (&parser, 0, NULL, NULL);
        g_autofree char *wrapped = g_strconcat ("<markup>", hint, "</markup>", NULL);

        g_assert_true (g_markup_parse_context_parse (context, wrapped, -1, &error));
        g_assert_no_error (error);
      }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/provider/builtin", test_provider_builtin);
  g_test_add_func ("/provider/parse", test_provider_parse);
  g_test_add_func ("/provider/invalid", test_provider_invalid);
  g_test_add_func ("/provider/price-ceilings", test_provider_price_ceilings);
  g_test_add_func ("/provider/self-service", test_provider_self_service);

  return g_test_run ();
}
