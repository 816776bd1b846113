/* rectify-typist.c: the real application, used by a fast owner, for crash tests
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "rectify-application.h"
#include "rectify-case-store.h"
#include "rectify-core-enums.h"
#include "rectify-credentials.h"
#include "rectify-outbox.h"
#include "rectify-test-case.h"
#include "rectify-window.h"

/* The typist runs the real RectifyApplication (its store loaded in a worker
 * thread, its autosave, its outbox, its window) and, once the window is up,
 * acts on a timer as an owner who never stops: new cases, fields typed, the
 * explanation typed a few letters at a time, complete cases sent through
 * app.send-case, checklist items ticked on sent cases. check-durability.py
 * kills it with SIGKILL at a random moment and starts it again.
 *
 * It prints on stdout, one line each, flushed at once, only what is on disk
 * by the store's own word, so that a kill right after a line cannot make
 * the line false:
 *
 *   SAVED <reference>                 the store said "saved" for the case: a
 *                                     file of it is on disk
 *   TEXT <reference> <bytes> <sha256> the explanation, up to <bytes>, as it
 *                                     was when rectify_case_store_save_async()
 *                                     was asked, which then succeeded
 *   TICKED <reference> <item>         the same, after ticking <item>
 *   SENT <reference> <request-id>     the same, after the case became SENT
 *
 * The typist only ever appends to an explanation, ticks items and sends,
 * so each claim stays true as later runs go on: the checker holds every run
 * to the claims of all the runs before it. Other lines (LOADED, NEW, SEND,
 * REFUSED, FINAL, SETTLED) are information, not claims.
 *
 * --autosave-ms shortens the store's autosave delay, so that more kills
 * land while a file is being written; the writing itself is the app's.
 * --die-after-claims N makes the typist kill itself with SIGKILL right after
 * its Nth claim: the worst moment for a claim made before its file is in
 * place.
 *
 * With --verify it acts on nothing: it waits for the outbox to finish what
 * the kills interrupted, prints each case's final state (FINAL) and quits
 * the way the owner does, through app.quit. */

#define TODAY_YEAR            2026
#define TODAY_MONTH           11
#define TODAY_DAY             26
/* Drafts kept open at once before new cases give way to older ones. */
#define MAX_DRAFTS            6
#define MAX_EXPLANATION       160
#define VERIFY_POLL_MS        50
#define VERIFY_TIMEOUT_MS     30000

typedef struct
{
  RectifyApplication *app;
  RectifyCaseStore   *store;
  RectifyWindow      *window;
  GRand              *rand;
  guint               tick_ms;
  int                 autosave_ms;
  gboolean            verify;
  const char         *contact_email;
  guint               tick_source;
  guint               verify_waited_ms;
  /* references printed SAVED, and SENT, by this run */
  GHashTable         *saved;
  GHashTable         *sent;
  /* cases whose send-state is watched */
  GHashTable         *watched;
} Typist;

static const char *words[] = {
  "licence", "twice", "dashboard", "added", "mistake", "Smart", "Business",
  "invoice", "refund", "credit", "users", "please", "cancel", "seats", "month",
};

/* With --die-after-claims: the number of claims after which the typist
 * kills itself, the moment a claim made too early would be caught out. */
static guint die_after_claims;
static guint claims_made;

static void say_valist (const char *format,
                        va_list     args) G_GNUC_PRINTF (1, 0);
static void say        (const char *format,
                        ...) G_GNUC_PRINTF (1, 2);
static void claim      (const char *format,
                        ...) G_GNUC_PRINTF (1, 2);

static void
say_valist (const char *format,
            va_list     args)
{
  /* One line, written at once: the checker may kill the process right after. */
  vfprintf (stdout, format, args);
  fputc ('\n', stdout);
  fflush (stdout);
}

/* Information. */
static void
say (const char *format,
     ...)
{
  va_list args;

  va_start (args, format);
  say_valist (format, args);
  va_end (args);
}

/* Something on disk, by the store's word. */
static void
claim (const char *format,
       ...)
{
  va_list args;

  va_start (args, format);
  say_valist (format, args);
  va_end (args);

  if (die_after_claims > 0 && ++claims_made >= die_after_claims)
    raise (SIGKILL);
}

/* Snapshots and the saves that confirm them */

typedef enum
{
  CONFIRM_TEXT,
  CONFIRM_TICK,
  CONFIRM_SENT,
} ConfirmKind;

typedef struct
{
  RectifyCase *rcase;
  ConfirmKind  kind;
  char        *item;
  gsize        length;
  char        *digest;
  gint64       request_id;
} Confirm;

static void
confirm_free (Confirm *confirm)
{
  g_object_unref (confirm->rcase);
  g_free (confirm->item);
  g_free (confirm->digest);
  g_free (confirm);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Confirm, confirm_free)

static void
confirm_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Confirm) confirm = user_data;
  const char *reference = rectify_case_get_reference (confirm->rcase);

  /* No claim for a save that failed: nothing says what is on disk. */
  if (!rectify_case_store_save_finish (RECTIFY_CASE_STORE (object), result, NULL))
    return;

  switch (confirm->kind)
    {
    case CONFIRM_TEXT:
      claim ("TEXT %s %" G_GSIZE_FORMAT " %s", reference, confirm->length, confirm->digest);
      break;

    case CONFIRM_TICK:
      claim ("TICKED %s %s", reference, confirm->item);
      break;

    case CONFIRM_SENT:
    default:
      claim ("SENT %s %" G_GINT64_FORMAT, reference, confirm->request_id);
      break;
    }
}

/* The save asked now writes the case as it is now (or waits for the one in
 * flight and writes again); @confirm says what of it to claim afterwards. */
static void
confirm_soon (Typist      *typist,
              RectifyCase *rcase,
              Confirm     *confirm)
{
  confirm->rcase = g_object_ref (rcase);
  rectify_case_store_save_async (typist->store, rcase, NULL, confirm_cb, confirm);
}

static const char *
get_explanation (RectifyCase *rcase)
{
  const char *text = rectify_case_get_text (rcase, RECTIFY_TEXT_EXPLANATION);

  return text != NULL ? text : "";
}

static void
confirm_text (Typist      *typist,
              RectifyCase *rcase)
{
  const char *text = get_explanation (rcase);
  Confirm *confirm = g_new0 (Confirm, 1);

  confirm->kind = CONFIRM_TEXT;
  confirm->length = strlen (text);
  confirm->digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  confirm_soon (typist, rcase, confirm);
}

/* What the store and the outbox do */

static void
on_saved (RectifyCaseStore *store,
          RectifyCase      *rcase,
          Typist           *typist)
{
  const char *reference = rectify_case_get_reference (rcase);

  if (g_hash_table_add (typist->saved, g_strdup (reference)))
    claim ("SAVED %s", reference);
}

static void
on_send_state (RectifyCase *rcase,
               GParamSpec  *pspec,
               Typist      *typist)
{
  const char *reference = rectify_case_get_reference (rcase);
  Confirm *confirm;

  if (rectify_case_get_send_state (rcase) != RECTIFY_SEND_STATE_SENT ||
      rectify_case_get_request_id (rcase) <= 0 ||
      !g_hash_table_add (typist->sent, g_strdup (reference)))
    return;

  confirm = g_new0 (Confirm, 1);
  confirm->kind = CONFIRM_SENT;
  confirm->request_id = rectify_case_get_request_id (rcase);
  confirm_soon (typist, rcase, confirm);
}

static void
watch_cases (Typist *typist)
{
  GListModel *cases = G_LIST_MODEL (typist->store);

  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(RectifyCase) rcase = g_list_model_get_item (cases, i);

      if (!g_hash_table_add (typist->watched, g_strdup (rectify_case_get_reference (rcase))))
        continue;
      g_signal_connect (rcase, "notify::send-state", G_CALLBACK (on_send_state), typist);
    }
}

/* The owner */

static gboolean
is_ready_to_send (RectifyCase *rcase)
{
  for (guint step = RECTIFY_STEP_IDENTIFY; step <= RECTIFY_STEP_RESOLUTION; step++)
    if (!rectify_case_get_step_complete (rcase, step))
      return FALSE;

  return TRUE;
}

static GPtrArray *
list_cases (Typist           *typist,
            RectifySendState  state)
{
  GListModel *cases = G_LIST_MODEL (typist->store);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(RectifyCase) rcase = g_list_model_get_item (cases, i);

      if (rectify_case_get_send_state (rcase) == state)
        g_ptr_array_add (found, g_steal_pointer (&rcase));
    }

  return found;
}

static RectifyCase *
pick (Typist    *typist,
      GPtrArray *cases)
{
  if (cases->len == 0)
    return NULL;

  return g_ptr_array_index (cases, g_rand_int_range (typist->rand, 0, (gint32) cases->len));
}

static void
activate_app_action (Typist      *typist,
                     const char  *name,
                     RectifyCase *rcase)
{
  g_action_group_activate_action (G_ACTION_GROUP (typist->app), name,
                                  g_variant_new_string (rectify_case_get_reference (rcase)));
}

static void
new_case (Typist *typist)
{
  g_autoptr(GPtrArray) drafts = list_cases (typist, RECTIFY_SEND_STATE_DRAFT);
  RectifyCase *before = rectify_window_get_case (typist->window);
  RectifyCase *rcase;

  /* Enough drafts open: go on with one of them instead. */
  if (drafts->len >= MAX_DRAFTS)
    {
      activate_app_action (typist, "open-case", pick (typist, drafts));
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (typist->window), "win.new-case", NULL);
  /* A blank case stays the new one. */
  rcase = rectify_window_get_case (typist->window);
  if (rcase != NULL && rcase != before)
    say ("NEW %s", rectify_case_get_reference (rcase));
}

/* One keystroke's worth of typing into @rcase, a draft: the identify step,
 * then one field, then the explanation a few letters at a time. */
static void
type_into (Typist      *typist,
           RectifyCase *rcase)
{
  static const struct
  {
    RectifyText  text;
    const char  *value;
  } fields[] = {
    { RECTIFY_TEXT_ACCOUNT, "Acme SL (ID 48213)" },
    { RECTIFY_TEXT_OWNER_NAME, "Ana García" },
    { RECTIFY_TEXT_CONTACT_EMAIL, NULL },
    { RECTIFY_TEXT_LICENCE_TYPE, "Smart" },
    { RECTIFY_TEXT_QUANTITY, "5" },
    { RECTIFY_TEXT_UNIT_PRICE, "19.99" },
    { RECTIFY_TEXT_CURRENCY, "EUR" },
    { RECTIFY_TEXT_INTENDED_TYPE, "Business" },
    { RECTIFY_TEXT_INTENDED_PRICE, "14.99" },
    { RECTIFY_TEXT_ADDED_BY_MISTAKE, "2" },
    { RECTIFY_TEXT_KEEP_COUNT, "2" },
  };
  static const RectifyResolution resolutions[] = {
    RECTIFY_RESOLUTION_CREDIT,
    RECTIFY_RESOLUTION_REFUND,
    RECTIFY_RESOLUTION_REMOVE,
  };
  const char *explanation;
  g_autofree char *typed = NULL;

  if (rectify_case_get_scenario (rcase) == RECTIFY_SCENARIO_NONE)
    {
      rectify_test_fill_identify (rcase, g_rand_int_range (typist->rand,
                                                           RECTIFY_SCENARIO_WRONG_TYPE,
                                                           RECTIFY_SCENARIO_TOO_MANY + 1));
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *value = fields[i].value ? fields[i].value : typist->contact_email;
      const char *now = rectify_case_get_text (rcase, fields[i].text);

      if (g_strcmp0 (now, value) != 0 && (now == NULL || *now == '\0' ||
                                          fields[i].text == RECTIFY_TEXT_CURRENCY))
        {
          rectify_case_set_text (rcase, fields[i].text, value);
          return;
        }
    }

  if (rectify_case_get_resolution (rcase) == RECTIFY_RESOLUTION_NONE)
    {
      for (guint i = 0; i < G_N_ELEMENTS (resolutions); i++)
        if (rectify_resolution_applies (rectify_case_get_scenario (rcase), resolutions[i]))
          {
            rectify_case_set_resolution (rcase, resolutions[i]);
            return;
          }
    }

  /* Typed on only: every earlier TEXT claim stays a prefix. */
  explanation = get_explanation (rcase);
  if (strlen (explanation) >= MAX_EXPLANATION)
    return;

  {
    const char *word = words[g_rand_int_range (typist->rand, 0, G_N_ELEMENTS (words))];
    gsize take = MIN (strlen (word), (gsize) g_rand_int_range (typist->rand, 1, 5));

    typed = g_strdup_printf ("%s%s%.*s", explanation,
                             *explanation != '\0' && g_rand_boolean (typist->rand) ? " " : "",
                             (int) take, word);
  }
  rectify_case_set_text (rcase, RECTIFY_TEXT_EXPLANATION, typed);
}

static void
tick_checklist (Typist *typist)
{
  g_autoptr(GPtrArray) sent = list_cases (typist, RECTIFY_SEND_STATE_SENT);
  RectifyCase *rcase = pick (typist, sent);
  g_auto(GStrv) items = NULL;
  Confirm *confirm;

  if (rcase == NULL)
    return;

  items = rectify_case_dup_checklist_items (rcase);
  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      if (rectify_case_get_checklist_done (rcase, items[i]) != NULL)
        continue;

      rectify_case_set_checklist_done (rcase, items[i], TRUE);
      confirm = g_new0 (Confirm, 1);
      confirm->kind = CONFIRM_TICK;
      confirm->item = g_strdup (items[i]);
      confirm_soon (typist, rcase, confirm);
      return;
    }
}

static gboolean
tick_cb (gpointer user_data)
{
  Typist *typist = user_data;
  RectifyCase *current = rectify_window_get_case (typist->window);
  guint dice = g_rand_int_range (typist->rand, 0, 100);

  if (current == NULL || dice < 4)
    {
      new_case (typist);
    }
  else if (dice < 8)
    {
      g_autoptr(GPtrArray) drafts = list_cases (typist, RECTIFY_SEND_STATE_DRAFT);
      RectifyCase *other = pick (typist, drafts);

      if (other != NULL)
        activate_app_action (typist, "open-case", other);
    }
  else if (dice < 18)
    {
      tick_checklist (typist);
    }
  else if (dice < 26)
    {
      if (rectify_case_get_send_state (current) == RECTIFY_SEND_STATE_DRAFT)
        confirm_text (typist, current);
    }
  else if (rectify_case_get_send_state (current) != RECTIFY_SEND_STATE_DRAFT)
    {
      new_case (typist);
    }
  else if (is_ready_to_send (current) && strlen (get_explanation (current)) >= 40)
    {
      /* Through the same action as the notifications and the command line. */
      say ("SEND %s", rectify_case_get_reference (current));
      activate_app_action (typist, "send-case", current);
      /* Refused (the toast says why): leave it rather than insist. */
      if (rectify_case_get_send_state (current) == RECTIFY_SEND_STATE_DRAFT)
        {
          say ("REFUSED %s", rectify_case_get_reference (current));
          new_case (typist);
        }
    }
  else
    {
      type_into (typist, current);
    }

  return G_SOURCE_CONTINUE;
}

/* --verify */

static gboolean
is_settled (Typist *typist)
{
  RectifyOutbox *outbox = rectify_window_get_outbox (typist->window);
  GListModel *cases = G_LIST_MODEL (typist->store);

  /* The window opens before every case is read; the outbox resumes what
   * the kills interrupted once they are. */
  if (!rectify_case_store_is_loaded (typist->store))
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(RectifyCase) rcase = g_list_model_get_item (cases, i);

      if (rectify_outbox_is_sending (outbox, rcase))
        return FALSE;
      switch (rectify_case_get_send_state (rcase))
        {
        case RECTIFY_SEND_STATE_QUEUED:
        case RECTIFY_SEND_STATE_UPLOADING:
        case RECTIFY_SEND_STATE_CREATING:
          return FALSE;
        case RECTIFY_SEND_STATE_DRAFT:
        case RECTIFY_SEND_STATE_SENT:
        case RECTIFY_SEND_STATE_FAILED:
        case RECTIFY_SEND_STATE_NEEDS_CONFIRMATION:
        case RECTIFY_SEND_STATE_SENT_ELSEWHERE:
        default:
          break;
        }
    }

  return TRUE;
}

static gboolean
verify_cb (gpointer user_data)
{
  Typist *typist = user_data;
  GListModel *cases = G_LIST_MODEL (typist->store);
  g_autoptr(GEnumClass) states = g_type_class_ref (RECTIFY_TYPE_SEND_STATE);

  typist->verify_waited_ms += VERIFY_POLL_MS;
  if (!is_settled (typist) && typist->verify_waited_ms < VERIFY_TIMEOUT_MS)
    return G_SOURCE_CONTINUE;

  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(RectifyCase) rcase = g_list_model_get_item (cases, i);
      GEnumValue *state = g_enum_get_value (states, rectify_case_get_send_state (rcase));

      say ("FINAL %s %s %" G_GINT64_FORMAT, rectify_case_get_reference (rcase),
           state->value_nick, rectify_case_get_request_id (rcase));
    }
  say ("SETTLED %s", is_settled (typist) ? "yes" : "no");

  /* As the owner quits: every window closes, the store flushes. */
  typist->tick_source = 0;
  g_action_group_activate_action (G_ACTION_GROUP (typist->app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

/* Start-up */

static void
on_startup (GApplication *app,
            Typist       *typist)
{
  typist->store = rectify_application_get_store (typist->app);
  if (typist->autosave_ms > 0)
    rectify_case_store_set_autosave_delay (typist->store, typist->autosave_ms,
                                           RECTIFY_CASE_STORE_RETRY_MS);
  g_signal_connect (typist->store, "saved", G_CALLBACK (on_saved), typist);
  g_signal_connect_swapped (typist->store, "items-changed", G_CALLBACK (watch_cases), typist);
}

static void
on_window_added (GtkApplication *app,
                 GtkWindow      *window,
                 Typist         *typist)
{
  if (!RECTIFY_IS_WINDOW (window) || typist->window != NULL)
    return;

  /* The window is up (on the case shown last, read first); the other
   * cases may still be loading, and the owner acts at once anyway. */
  typist->window = RECTIFY_WINDOW (window);
  say ("LOADED %u", g_list_model_get_n_items (G_LIST_MODEL (typist->store)));

  if (typist->verify)
    typist->tick_source = g_timeout_add (VERIFY_POLL_MS, verify_cb, typist);
  else
    typist->tick_source = g_timeout_add (typist->tick_ms, tick_cb, typist);
}

/* --store-token: puts the desk token where the app looks for it. */

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  int *status = user_data;

  if (!rectify_credentials_store_finish (result, &error))
    {
      g_printerr ("Cannot store the token: %s\n", error->message);
      *status = 1;
      return;
    }

  *status = 0;
}

static int
store_token (const char *token)
{
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  g_autofree char *url = rectify_credentials_dup_desk_url (settings);
  int status = -1;

  rectify_credentials_store_async (url, rectify_credentials_get_mode (settings), token, NULL,
                                   store_cb, &status);
  while (status < 0)
    g_main_context_iteration (NULL, TRUE);

  return status;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *contact_email = NULL;
  Typist typist = { 0 };
  gint64 seed = 1;
  int tick_ms = 10;
  int die_after = 0;
  int status;
  const GOptionEntry entries[] = {
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Seed of the owner's choices", "N" },
    { "tick-ms", 0, 0, G_OPTION_ARG_INT, &tick_ms, "Time between two actions", "MS" },
    { "autosave-ms", 0, 0, G_OPTION_ARG_INT, &typist.autosave_ms,
      "The store's autosave delay (the app's own when 0)", "MS" },
    { "contact-email", 0, 0, G_OPTION_ARG_STRING, &contact_email,
      "The contact e-mail typed into cases", "EMAIL" },
    { "die-after-claims", 0, 0, G_OPTION_ARG_INT, &die_after,
      "Kill itself with SIGKILL right after printing N claims", "N" },
    { "verify", 0, 0, G_OPTION_ARG_NONE, &typist.verify,
      "Type nothing: let sends finish, print each case, quit", NULL },
    { "store-token", 0, 0, G_OPTION_ARG_STRING, &token,
      "Store the desk token in the keyring for the desk and mode in the settings, and exit",
      "TOKEN" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  setvbuf (stdout, NULL, _IOLBF, 0);

  context = g_option_context_new ("- the real Rectify, typed into until killed");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (token != NULL)
    return store_token (token);
  die_after_claims = (guint) MAX (die_after, 0);

  /* One day for every run, so the dates typed stay valid. */
  rectify_test_set_today (TODAY_YEAR, TODAY_MONTH, TODAY_DAY);

  typist.rand = g_rand_new_with_seed ((guint32) seed);
  typist.tick_ms = (guint) CLAMP (tick_ms, 1, 1000);
  typist.contact_email = contact_email != NULL ? contact_email : "ana@example.com";
  typist.saved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  typist.sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  typist.watched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  typist.app = rectify_application_new ();
  g_signal_connect_after (typist.app, "startup", G_CALLBACK (on_startup), &typist);
  g_signal_connect (typist.app, "window-added", G_CALLBACK (on_window_added), &typist);

  /* Registered first, to be sure this process is the application: another
   * instance on the same bus would get the typing instead. */
  if (!g_application_register (G_APPLICATION (typist.app), NULL, &error))
    {
      g_printerr ("Cannot register the application: %s\n", error->message);
      return 1;
    }
  if (g_application_get_is_remote (G_APPLICATION (typist.app)))
    {
      g_printerr ("Another instance of the application runs on this bus\n");
      return 3;
    }

  status = g_application_run (G_APPLICATION (typist.app), 1, argv);

  g_clear_handle_id (&typist.tick_source, g_source_remove);
  g_clear_object (&typist.app);
  g_clear_pointer (&typist.saved, g_hash_table_unref);
  g_clear_pointer (&typist.sent, g_hash_table_unref);
  g_clear_pointer (&typist.watched, g_hash_table_unref);
  g_rand_free (typist.rand);

  return status;
}
