/* main.c: start Rectify
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "rectify-application.h"
#include "rectify-bench-hooks.h"

int
main (int   argc,
      char *argv[])
{
  gint64 start_us = g_get_monotonic_time ();
  g_autoptr(RectifyApplication) app = NULL;
  const char *localedir;

  /* Run from the build tree, the catalogues are found through the
   * environment (meson devenv sets it); installed, through LOCALEDIR. */
  localedir = g_getenv ("RECTIFY_LOCALEDIR");
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Rectify"));

  app = rectify_application_new ();
  rectify_bench_hooks_install (GTK_APPLICATION (app), start_us);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
