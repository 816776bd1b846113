/* rectify-test-desk-main.c: the test desk as a program, to run the app against
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib-unix.h>

#include "rectify-test-desk.h"

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);

  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(RectifyTestDesk) desk = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *api_token = NULL;
  g_autofree char *email = NULL;
  gboolean anonymous_off = FALSE;
  int port = 8080;
  int latency = 0;
  int dribble = 0;
  gboolean deep_answers = FALSE;
  gboolean captive_portal = FALSE;
  const GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port,
      "Port to listen on, on 127.0.0.1 (0 for any free port)", "PORT" },
    { "anonymous-off", 0, 0, G_OPTION_ARG_NONE, &anonymous_off,
      "Refuse anonymous requests and uploads (401)", NULL },
    { "token", 0, 0, G_OPTION_ARG_STRING, &token,
      "Accept this OAuth bearer token", "TOKEN" },
    { "email", 0, 0, G_OPTION_ARG_STRING, &email,
      "The signed-in end user's e-mail", "EMAIL" },
    { "api-token", 0, 0, G_OPTION_ARG_STRING, &api_token,
      "Accept this API token (EMAIL/token:TOKEN)", "TOKEN" },
    { "latency", 0, 0, G_OPTION_ARG_INT, &latency,
      "Create each request at once but answer only MS milliseconds later", "MS" },
    { "dribble", 0, 0, G_OPTION_ARG_INT, &dribble,
      "Create each request at once but send its answer one byte every MS milliseconds", "MS" },
    { "deep-answers", 0, 0, G_OPTION_ARG_NONE, &deep_answers,
      "Answer creates and uploads with JSON nested 100,000 levels deep", NULL },
    { "captive-portal", 0, 0, G_OPTION_ARG_NONE, &captive_portal,
      "Answer every create with a 200 HTML page, creating nothing", NULL },
    { NULL }
  };

  context = g_option_context_new ("- a local Zendesk-compatible help desk for Rectify");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (latency < 0)
    {
      g_printerr ("Invalid latency %d\n", latency);
      return 2;
    }
  if (dribble < 0)
    {
      g_printerr ("Invalid dribble interval %d\n", dribble);
      return 2;
    }
  if (port < 0 || port > 65535)
    {
      g_printerr ("Invalid port %d\n", port);
      return 2;
    }

  if ((desk = rectify_test_desk_new_full (port, NULL, &error)) == NULL)
    {
      g_printerr ("Cannot start the desk: %s\n", error->message);
      return 1;
    }

  rectify_test_desk_set_anonymous_allowed (desk, !anonymous_off);
  if (token != NULL)
    rectify_test_desk_set_oauth_token (desk, token);
  if (email == NULL)
    email = g_strdup (rectify_test_desk_get_user_email (desk));
  rectify_test_desk_set_api_token (desk, email, api_token);
  /* A request that exists on the desk while its creator still waits: what
   * a crash of the app in between must not turn into a duplicate. */
  if (latency > 0)
    rectify_test_desk_add_fault (desk, "POST", "/api/v2/requests",
                                 RECTIFY_TEST_DESK_FAULT_LATENCY, G_MAXUINT, (guint) latency);
  if (dribble > 0)
    rectify_test_desk_add_fault (desk, "POST", "/api/v2/requests",
                                 RECTIFY_TEST_DESK_FAULT_DRIBBLE, G_MAXUINT, (guint) dribble);
  if (captive_portal)
    rectify_test_desk_add_fault (desk, "POST", "/api/v2/requests",
                                 RECTIFY_TEST_DESK_FAULT_HTML, G_MAXUINT, 0);
  if (deep_answers)
    {
      rectify_test_desk_add_fault (desk, "POST", "/api/v2/requests",
                                   RECTIFY_TEST_DESK_FAULT_DEEP_JSON, G_MAXUINT, 0);
      rectify_test_desk_add_fault (desk, "POST", "/api/v2/uploads",
                                   RECTIFY_TEST_DESK_FAULT_DEEP_JSON, G_MAXUINT, 0);
    }

  g_print ("%s\n", rectify_test_desk_get_url (desk));
  g_print ("anonymous requests: %s; signed-in user: %s\n",
           anonymous_off ? "refused" : "accepted", rectify_test_desk_get_user_email (desk));

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);

  return 0;
}
