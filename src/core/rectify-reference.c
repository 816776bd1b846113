/* rectify-reference.c: the short case reference support can read out
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rectify-reference.h"

/* A case is known by a UUID (its file name, the key of the store). Support
 * gets a short form of it that can be read out on the phone, such as
 * "RCT-7K3Q-9F2M":
 *
 * - The data: the first 35 bits of the UUID (its first nine hex digits, the
 *   last of them cut to its top three bits), written as seven characters of
 *   Crockford's base32 (0-9 and A-Z without I, L, O and U), most significant
 *   first. The first nine hex digits of a version 4 UUID are all random, so
 *   two cases share a short reference with a probability of about n²/2³⁶ for
 *   n cases: 1 in 70 000 for 1000 cases.
 * - The check: the eighth character is c = Σ wᵢ·dᵢ over the seven data
 *   values dᵢ (0…31), computed in the field GF(2⁵) (addition is XOR,
 *   multiplication modulo x⁵ + x² + 1) with the weights wᵢ = αⁱ⁺¹, α = x.
 *   The weights are distinct and non-zero, so changing one character
 *   changes the sum (wᵢ·(d − d′) ≠ 0), and so does swapping two different
 *   characters, adjacent or not ((wᵢ − wⱼ)·(dᵢ − dⱼ) ≠ 0). Crockford's own
 *   check symbol is modulo 37 and needs five symbols (* ~ $ = U) that are
 *   hard to say; this one stays in the 32 letters and digits.
 *
 * Reading a short reference back accepts lower case and the letters
 * Crockford maps to digits (O → 0, I and L → 1). */

static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

#define DATA_CHARS 7

static guint
gf32_multiply (guint a,
               guint b)
{
  guint product = 0;

  for (guint i = 0; i < 5; i++)
    {
      if (b & 1)
        product ^= a;
      b >>= 1;
      a <<= 1;
      if (a & 0x20)
        a ^= 0x25;  /* x⁵ = x² + 1 */
    }

  return product;
}

static guint
check_value (const guint *digits)
{
  guint weight = 1;
  guint sum = 0;

  for (guint i = 0; i < DATA_CHARS; i++)
    {
      weight = gf32_multiply (weight, 2);  /* αⁱ⁺¹ */
      sum ^= gf32_multiply (weight, digits[i]);
    }

  return sum;
}

/* The value of a base32 character, or -1. */
static int
decode_char (char c)
{
  const char *found;

  c = g_ascii_toupper (c);
  if (c == 'O')
    c = '0';
  else if (c == 'I' || c == 'L')
    c = '1';

  if (c == '\0' || (found = strchr (alphabet, c)) == NULL)
    return -1;

  return (int) (found - alphabet);
}

/**
 * rectify_reference_shorten:
 * @uuid: a case reference, a UUID
 *
 * Returns: (transfer full): the short reference support sees, such as
 *   "RCT-7K3Q-9F2M"
 */
char *
rectify_reference_shorten (const char *uuid)
{
  guint digits[DATA_CHARS];
  guint64 bits = 0;
  guint hex = 0;
  char text[RECTIFY_SHORT_REFERENCE_LENGTH + 1];

  g_return_val_if_fail (uuid != NULL && g_uuid_string_is_valid (uuid), NULL);

  for (const char *p = uuid; hex < 9; p++)
    if (g_ascii_isxdigit (*p))
      {
        bits = (bits << 4) | (guint64) g_ascii_xdigit_value (*p);
        hex++;
      }
  bits >>= 1;  /* 36 bits read, 35 kept */

  for (guint i = 0; i < DATA_CHARS; i++)
    digits[i] = (bits >> (5 * (DATA_CHARS - 1 - i))) & 0x1f;

  memcpy (text, "RCT-", 4);
  for (guint i = 0, j = 4; i <= DATA_CHARS; i++, j++)
    {
      if (i == 4)
        text[j++] = '-';
      text[j] = alphabet[i < DATA_CHARS ? digits[i] : check_value (digits)];
    }
  text[RECTIFY_SHORT_REFERENCE_LENGTH] = '\0';

  return g_strdup (text);
}

/**
 * rectify_reference_is_valid:
 * @short_reference: text that may be a short reference
 *
 * Whether @short_reference has the form "RCT-XXXX-XXXX" and its check
 * character is right, as read out by someone: in any case, with O for 0 and
 * I or L for 1.
 */
gboolean
rectify_reference_is_valid (const char *short_reference)
{
  guint digits[DATA_CHARS];
  int check;

  g_return_val_if_fail (short_reference != NULL, FALSE);

  if (strlen (short_reference) != RECTIFY_SHORT_REFERENCE_LENGTH ||
      g_ascii_strncasecmp (short_reference, "RCT-", 4) != 0 || short_reference[8] != '-')
    return FALSE;

  for (guint i = 0, j = 4; i < DATA_CHARS; i++, j++)
    {
      int value;

      if (i == 4)
        j++;
      if ((value = decode_char (short_reference[j])) < 0)
        return FALSE;
      digits[i] = (guint) value;
    }

  check = decode_char (short_reference[12]);

  return check >= 0 && (guint) check == check_value (digits);
}

/**
 * rectify_reference_in_text:
 * @text: a request's subject, as the desk lists it
 * @uuid: a case reference
 *
 * Whether @text names the case: its short reference as a word of its own,
 * or, for requests sent before short references, its full UUID.
 */
gboolean
rectify_reference_in_text (const char *text,
                           const char *uuid)
{
  g_autofree char *short_reference = NULL;
  const char *found;

  g_return_val_if_fail (uuid != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  if (strstr (text, uuid) != NULL)
    return TRUE;

  short_reference = rectify_reference_shorten (uuid);
  for (found = strstr (text, short_reference); found != NULL;
       found = strstr (found + 1, short_reference))
    {
      char after = found[RECTIFY_SHORT_REFERENCE_LENGTH];

      if ((found == text || !g_ascii_isalnum (found[-1])) &&
          !g_ascii_isalnum (after) && after != '-')
        return TRUE;
    }

  return FALSE;
}
