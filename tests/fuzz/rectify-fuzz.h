/* rectify-fuzz.h: what every fuzz target shares
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <locale.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

G_BEGIN_DECLS

/* libFuzzer's entry points. */
int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

/* A broken promise of the code under test: libFuzzer keeps the input. */
#define RECTIFY_FUZZ_CHECK(cond, ...) \
  G_STMT_START { \
    if (G_UNLIKELY (!(cond))) \
      { \
        g_printerr ("%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond); \
        g_printerr (__VA_ARGS__); \
        g_printerr ("\n"); \
        abort (); \
      } \
  } G_STMT_END

/* A fatal log message ends in G_BREAKPOINT() (SIGTRAP), which libFuzzer
 * does not catch: turn it into an abort, so the input is kept. */
static inline void
rectify_fuzz_on_trap (int signum)
{
  abort ();
}

/* Criticals and warnings are bugs here (a g_return_if_fail() that bad input
 * reaches), as they are in the tests; debug messages are noise. */
static inline void
rectify_fuzz_init (void)
{
  if (setlocale (LC_ALL, "C.UTF-8") == NULL)
    setlocale (LC_ALL, "");
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  signal (SIGTRAP, rectify_fuzz_on_trap);
  g_unsetenv ("G_MESSAGES_DEBUG");
}

/* The input as a NUL-terminated string (it may hold other NULs). */
static inline char *
rectify_fuzz_dup_string (const uint8_t *data,
                         size_t         size)
{
  char *text = g_malloc (size + 1);

  memcpy (text, data, size);
  text[size] = '\0';
  return text;
}

G_END_DECLS
