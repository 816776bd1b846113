/* fuzz-provider.c: the provider profile reader against arbitrary bytes
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rectify-fuzz.h"
#include "rectify-provider.h"

/* The profile is built in today, but it is data read with the same care as
 * anything from outside: refused with an error, or accepted with every fact
 * the app relies on present. */

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  rectify_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(RectifyProvider) provider = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *link = NULL;
  g_autofree char *other_link = NULL;

  provider = rectify_provider_new_from_bytes (bytes, &error);
  if (provider == NULL)
    {
      RECTIFY_FUZZ_CHECK (error != NULL, "a profile refused without an error");
      return 0;
    }

  RECTIFY_FUZZ_CHECK (rectify_provider_get_display_name (provider) != NULL, "display name");
  RECTIFY_FUZZ_CHECK (rectify_provider_get_desk_base_url (provider) != NULL, "desk");
  RECTIFY_FUZZ_CHECK (rectify_provider_get_support_email (provider) != NULL, "support e-mail");
  RECTIFY_FUZZ_CHECK (rectify_provider_get_success_email (provider) != NULL, "success e-mail");
  RECTIFY_FUZZ_CHECK (rectify_provider_get_licence_types (provider) != NULL, "licence types");
  RECTIFY_FUZZ_CHECK (rectify_provider_get_currencies (provider) != NULL, "currencies");
  RECTIFY_FUZZ_CHECK (rectify_provider_get_max_attachment_size (provider) > 0, "size limit");
  rectify_provider_accepts_content_type (provider, "application/pdf");

  link = rectify_provider_dup_request_link (provider, NULL, 48213);
  RECTIFY_FUZZ_CHECK (link != NULL && strstr (link, "48213") != NULL, "request link %s", link);
  other_link = rectify_provider_dup_request_link (provider, "https://desk.example.com///",
                                                  G_MAXINT64);
  RECTIFY_FUZZ_CHECK (other_link != NULL, "request link on another desk");

  return 0;
}
