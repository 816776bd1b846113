/* rectify-case.c: one correction case, the single source of truth
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "rectify-attachment-private.h"
#include "rectify-billing.h"
#include "rectify-case-private.h"
#include "rectify-choice.h"
#include "rectify-clock.h"
#include "rectify-core-enums.h"
#include "rectify-money.h"
#include "rectify-provider.h"
#include "rectify-shared-text.h"
#include "rectify-submission-private.h"

/* Everything about one case lives here; widgets bind to it and the store
 * saves it. Every change to what the owner entered goes through a setter
 * that notifies only on a real change, then through case_changed(), which
 * stamps the time, revalidates every step and emits ::changed (the store's
 * cue to autosave). Completeness per step is derived from validation and
 * notified only when it flips. */

struct _RectifyCase
{
  GObject            parent_instance;

  char              *reference;
  GDateTime         *created;
  GDateTime         *updated;

  RectifyScenario    scenario;
  GDate              purchase_date;
  GDate              next_billing;
  RectifyPeriod      period;
  GDate              invoice_date;
  gboolean           prices_include_tax;
  /* bytes rather than gboolean: one of these lives for every case loaded */
  guint8             price_confirmed[RECTIFY_N_TEXTS];
  char              *texts[RECTIFY_N_TEXTS];
  /* The attachments: in a plain array until someone asks for them as a
   * list model (a page, the request, the outbox), then in the model. A
   * GListStore per case weighed 1.6 MB for 10,000 cases loaded. */
  GPtrArray         *attachment_array;
  GListStore        *attachments;
  RectifyResolution  resolution;

  /* the send record: written by the outbox and the case file only; %NULL
   * until something is written in it or someone asks for it (a draft
   * loaded has none to keep) */
  RectifySubmission *submission;

  /* ChecklistTick, in the byte order of the item ids; %NULL until an
   * item is ticked. A case has a handful at most: a sorted array is
   * smaller than a hash table by some 200 bytes. */
  GArray            *checklist;
  RectifyStep        current_step;

  GPtrArray         *problems[RECTIFY_N_STEPS];
  guint8             complete[RECTIFY_N_STEPS];
  guint              loading;
};

G_DEFINE_FINAL_TYPE (RectifyCase, rectify_case, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REFERENCE,
  PROP_CREATED,
  PROP_UPDATED,
  PROP_SCENARIO,
  PROP_PURCHASE_DATE,
  PROP_NEXT_BILLING,
  PROP_PERIOD,
  PROP_INVOICE_DATE,
  PROP_PRICES_INCLUDE_TAX,
  PROP_UNIT_PRICE_CONFIRMED,
  PROP_INTENDED_PRICE_CONFIRMED,
  PROP_RESOLUTION,
  PROP_SEND_STATE,
  PROP_SEND_REASON,
  PROP_REQUEST_ID,
  PROP_REQUEST_URL,
  PROP_REQUEST_STATUS,
  PROP_SENT_SUBJECT,
  PROP_SENT_BODY,
  PROP_CURRENT_STEP,
  PROP_IDENTIFY_COMPLETE,
  PROP_DETAILS_COMPLETE,
  PROP_RESOLUTION_COMPLETE,
  PROP_FIRST_TEXT,
  N_PROPS = PROP_FIRST_TEXT + RECTIFY_N_TEXTS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const text_properties[RECTIFY_N_TEXTS] = {
  [RECTIFY_TEXT_ACCOUNT] = "account",
  [RECTIFY_TEXT_OWNER_NAME] = "owner-name",
  [RECTIFY_TEXT_CONTACT_EMAIL] = "contact-email",
  [RECTIFY_TEXT_LICENCE_TYPE] = "licence-type",
  [RECTIFY_TEXT_QUANTITY] = "quantity",
  [RECTIFY_TEXT_UNIT_PRICE] = "unit-price",
  [RECTIFY_TEXT_CURRENCY] = "currency",
  [RECTIFY_TEXT_INTENDED_TYPE] = "intended-type",
  [RECTIFY_TEXT_ADDED_BY_MISTAKE] = "added-by-mistake",
  [RECTIFY_TEXT_KEEP_COUNT] = "keep-count",
  [RECTIFY_TEXT_EXPLANATION] = "explanation",
  [RECTIFY_TEXT_STATEMENT_AMOUNT] = "statement-amount",
  [RECTIFY_TEXT_INTENDED_PRICE] = "intended-price",
  [RECTIFY_TEXT_INVOICE_NUMBER] = "invoice-number",
};

static const int step_complete_prop[RECTIFY_N_STEPS] = {
  PROP_IDENTIFY_COMPLETE,
  PROP_DETAILS_COMPLETE,
  PROP_RESOLUTION_COMPLETE,
  0,
};

/* The texts most cases share are kept once (rectify-shared-text.c); the
 * explanation and the invoice number are the case's own. */
static char *
text_dup (RectifyText  text,
          const char  *value)
{
  if (text == RECTIFY_TEXT_EXPLANATION || text == RECTIFY_TEXT_INVOICE_NUMBER)
    return g_strdup (value);

  return rectify_shared_text_dup (value);
}

/* A problem whose message is one of validation's fixed, translated
 * sentences points to it rather than holding a copy: a draft loaded with a
 * few problems would otherwise keep a copy of each sentence. */
typedef struct
{
  RectifyProblem public;
  gboolean       owns_message;
} Problem;

static void
problem_free (gpointer data)
{
  Problem *problem = data;

  if (problem->owns_message)
    g_free (problem->public.message);
  g_free (problem);
}

static void
add_problem_take (GPtrArray  *problems,
                  const char *field,
                  gboolean    warning,
                  char       *message,
                  gboolean    owns_message)
{
  Problem *problem = g_new0 (Problem, 1);

  problem->public.field = field;
  problem->public.message = message;
  problem->public.warning = warning;
  problem->owns_message = owns_message;

  g_ptr_array_add (problems, problem);
}

/* @message lives as long as the program: a translated literal. */
static void
add_problem (GPtrArray  *problems,
             const char *field,
             gboolean    warning,
             const char *message)
{
  add_problem_take (problems, field, warning, (char *) message, FALSE);
}

static void G_GNUC_PRINTF (4, 5)
add_problemf (GPtrArray  *problems,
              const char *field,
              gboolean    warning,
              const char *format,
              ...)
{
  va_list args;
  char *message;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  add_problem_take (problems, field, warning, message, TRUE);
}

/* The text with surrounding white space removed, for checks. */
static char *
dup_trimmed (RectifyCase *self,
             RectifyText  text)
{
  return g_strstrip (g_strdup (self->texts[text] ? self->texts[text] : ""));
}

static gboolean
is_blank (RectifyCase *self,
          RectifyText  text)
{
  g_autofree char *trimmed = dup_trimmed (self, text);

  return *trimmed == '\0';
}

/* A whole number as typed: digits only, maybe with surrounding spaces. */
static gboolean
parse_count (const char *text,
             gint64     *out_count)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  guint64 value;

  if (*trimmed == '\0' || strspn (trimmed, "0123456789") != strlen (trimmed))
    return FALSE;
  if (!g_ascii_string_to_unsigned (trimmed, 10, 0, G_MAXINT64, &value, NULL))
    return FALSE;

  *out_count = (gint64)value;
  return TRUE;
}

static gboolean
get_money (RectifyCase *self,
           RectifyText  text,
           gint64      *out_minor)
{
  g_autofree char *currency = dup_trimmed (self, RECTIFY_TEXT_CURRENCY);

  return rectify_currency_is_known (currency) &&
         !is_blank (self, text) &&
         rectify_money_parse (self->texts[text], currency, out_minor, NULL);
}

/* Checks a count field against min…max; returns whether it is usable. */
static gboolean
check_count (RectifyCase *self,
             GPtrArray   *problems,
             RectifyText  text,
             gint64       min,
             gint64       max,
             const char  *missing_message)
{
  const char *field = text_properties[text];
  gint64 value;

  if (is_blank (self, text))
    {
      add_problem (problems, field, FALSE, missing_message);
      return FALSE;
    }

  if (!parse_count (self->texts[text], &value))
    {
      add_problem (problems, field, FALSE,
                   _("Enter a whole number, using digits only"));
      return FALSE;
    }

  if (value < min || value > max)
    {
      /* Translators: a number the owner typed is out of range, e.g. "Enter a
       * number from 1 to 10000" */
      add_problemf (problems, field, FALSE, _("Enter a number from %" PRId64
                                              " to %" PRId64),
                    min, max);
      return FALSE;
    }

  return TRUE;
}

static void
check_required_name (RectifyCase *self,
                     GPtrArray   *problems,
                     RectifyText  text,
                     const char  *missing_message)
{
  g_autofree char *trimmed = dup_trimmed (self, text);

  if (*trimmed == '\0')
    add_problem (problems, text_properties[text], FALSE, missing_message);
  else if (g_utf8_strlen (trimmed, -1) > RECTIFY_MAX_NAME)
    add_problemf (problems, text_properties[text], FALSE,
                  g_dngettext (GETTEXT_PACKAGE, "Keep this under %d character",
                            "Keep this under %d characters", RECTIFY_MAX_NAME),
                  RECTIFY_MAX_NAME);
}

/* A deliberately plain check: one @, something before it, a dotted domain of
 * non-empty labels, no spaces, at most 254 characters. Whether the address
 * exists is for the desk to find out. */
static const char *
email_problem (const char *address)
{
  const char *at;
  const char *domain;
  g_auto(GStrv) labels = NULL;

  if (strlen (address) > RECTIFY_MAX_EMAIL)
    return _("This e-mail address is too long");
  if (strpbrk (address, " \t\r\n") != NULL)
    return _("An e-mail address cannot contain spaces");

  at = strchr (address, '@');
  if (at == NULL || strchr (at + 1, '@') != NULL)
    return _("An e-mail address has exactly one “@”, as in name@example.com");
  if (at == address)
    return _("Put your name before the “@”, as in name@example.com");

  domain = at + 1;
  if (strchr (domain, '.') == NULL)
    return _("The part after the “@” needs a dot, as in example.com");

  labels = g_strsplit (domain, ".", -1);
  for (guint i = 0; labels[i] != NULL; i++)
    if (*labels[i] == '\0')
      return _("The part after the “@” has an empty piece between dots");

  return NULL;
}

static void
validate_identify (RectifyCase *self,
                   const GDate *today,
                   GPtrArray   *problems)
{
  if (self->scenario == RECTIFY_SCENARIO_NONE)
    add_problem (problems, "scenario", FALSE, _("Choose what went wrong"));

  if (!g_date_valid (&self->purchase_date))
    {
      add_problem (problems, "purchase-date", FALSE,
                   _("Enter the date of the purchase"));
    }
  else if (g_date_compare (&self->purchase_date, today) > 0)
    {
      add_problem (problems, "purchase-date", FALSE,
                   _("The purchase date cannot be in the future"));
    }
  else if (g_date_days_between (&self->purchase_date, today) > RECTIFY_MAX_PURCHASE_AGE_DAYS)
    {
      add_problem (problems, "purchase-date", FALSE,
                   _("That is more than five years ago; check the year"));
    }

  if (!g_date_valid (&self->next_billing))
    {
      add_problem (problems, "next-billing", FALSE,
                   _("Enter the next billing date, as shown in your Ringover dashboard"));
    }
  else if (g_date_valid (&self->purchase_date) &&
           g_date_compare (&self->next_billing, &self->purchase_date) <= 0)
    {
      add_problem (problems, "next-billing", FALSE,
                   _("The next billing date must be after the purchase date"));
    }
  else
    {
      GDate cycle_start;

      /* The cycle that ends on the next billing date has begun by today, or
       * the date is not the next one. */
      rectify_billing_cycle_start (&self->next_billing, self->period, &cycle_start);
      if (g_date_compare (&cycle_start, today) > 0)
        add_problem (problems, "next-billing", FALSE,
                     self->period == RECTIFY_PERIOD_ANNUAL
                       ? _("With annual billing, the next billing date is at most a year away")
                       : _("With monthly billing, the next billing date is at most a month away"));
    }
}

static guint
count_attachments (RectifyCase *self)
{
  if (self->attachments != NULL)
    return g_list_model_get_n_items (G_LIST_MODEL (self->attachments));

  return self->attachment_array != NULL ? self->attachment_array->len : 0;
}

static RectifyAttachment *
dup_attachment (RectifyCase *self,
                guint        position)
{
  if (self->attachments != NULL)
    return g_list_model_get_item (G_LIST_MODEL (self->attachments), position);

  return g_object_ref (g_ptr_array_index (self->attachment_array, position));
}

static void
validate_attachments (RectifyCase *self,
                      GPtrArray   *problems)
{
  RectifyProvider *provider = rectify_provider_get_default ();
  guint n = count_attachments (self);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RectifyAttachment) attachment = dup_attachment (self, i);
      const char *name = rectify_attachment_get_display_name (attachment);
      const char *type = rectify_attachment_get_content_type (attachment);
      goffset max_size = rectify_provider_get_max_attachment_size (provider);

      switch (rectify_attachment_get_state (attachment))
        {
        case RECTIFY_ATTACHMENT_STATE_UNCHECKED:
          add_problemf (problems, "attachments", FALSE, _("Checking “%s”…"), name);
          break;

        case RECTIFY_ATTACHMENT_STATE_MISSING:
          add_problemf (problems, "attachments", FALSE,
                        _("“%s” is no longer there; remove it or attach it again"), name);
          break;

        case RECTIFY_ATTACHMENT_STATE_UNREADABLE:
          add_problemf (problems, "attachments", FALSE,
                        _("“%s” cannot be read; remove it or attach a copy you can open"), name);
          break;

        case RECTIFY_ATTACHMENT_STATE_READY:
          if (!rectify_provider_accepts_content_type (provider, type))
            {
              add_problemf (problems, "attachments", FALSE,
                            _("“%s” is not a PDF, PNG or JPEG file"), name);
            }
          else if (rectify_attachment_get_size (attachment) > max_size)
            {
              g_autofree char *limit = g_format_size (max_size);

              add_problemf (problems, "attachments", FALSE,
                            _("“%s” is larger than the %s support accepts"), name, limit);
            }
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

/* The C0 controls but tab, line feed and carriage return (a pasted line
 * end), and DEL: invisible, and not what support should receive. A NUL
 * cannot reach a field (C strings end there); in a case file it is refused
 * by the JSON reader. */
static gunichar
find_control_character (const char *text)
{
  for (const guchar *p = (const guchar *) text; p != NULL && *p != '\0'; p++)
    if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') || *p == 0x7f)
      return *p;

  return 0;
}

static void
check_control_characters (RectifyCase *self,
                          GPtrArray   *problems)
{
  for (RectifyText text = 0; text < RECTIFY_N_TEXTS; text++)
    {
      gunichar c;

      if (text == RECTIFY_TEXT_STATEMENT_AMOUNT ||
          (c = find_control_character (self->texts[text])) == 0)
        continue;

      /* Translators: %04X is a character's code, as in U+0007 */
      add_problemf (problems, text_properties[text], FALSE,
                    _("Remove the invisible control character (U+%04X) from this field"), c);
    }
}

/* Whether @resolution gives money back, so that a price of 0 leaves nothing
 * to ask for. */
gboolean
rectify_resolution_pays_back (RectifyResolution resolution)
{
  return resolution == RECTIFY_RESOLUTION_REFUND ||
         resolution == RECTIFY_RESOLUTION_CREDIT ||
         resolution == RECTIFY_RESOLUTION_PRORATED ||
         resolution == RECTIFY_RESOLUTION_SCHEDULED;
}

/* A price field: typed, an amount of the currency, not 0 when the money is
 * to come back, and confirmed when far above what a licence costs. */
static void
check_price (RectifyCase *self,
             GPtrArray   *problems,
             RectifyText  text,
             const char  *currency,
             const char  *missing_message)
{
  const char *field = text_properties[text];
  g_autoptr(GError) error = NULL;
  gint64 price;
  gint64 ceiling;

  if (is_blank (self, text))
    {
      add_problem (problems, field, FALSE, missing_message);
      return;
    }

  if (!rectify_currency_is_known (currency))
    return;

  if (!rectify_money_parse (self->texts[text], currency, &price, &error))
    {
      add_problemf (problems, field, FALSE, "%s", error->message);
      return;
    }

  if (price == 0 && rectify_resolution_pays_back (self->resolution))
    {
      add_problem (problems, field, FALSE,
                   _("At a price of 0 there is nothing to refund or credit: enter the "
                     "price on your invoice"));
      return;
    }

  if (rectify_case_price_is_implausible (self, text, &ceiling) &&
      !self->price_confirmed[text])
    {
      g_autofree char *limit = rectify_money_format (ceiling, currency);

      add_problemf (problems, field, FALSE,
                    self->period == RECTIFY_PERIOD_ANNUAL
                      /* Translators: %s is an amount, e.g. "2,400.00 EUR" */
                      ? _("No licence costs more than %s a year: check the price, "
                          "or confirm it below")
                      : _("No licence costs more than %s a month: check the price, "
                          "or confirm it below"),
                    limit);
    }
}

static void
validate_details (RectifyCase *self,
                  GPtrArray   *problems)
{
  g_autofree char *email = dup_trimmed (self, RECTIFY_TEXT_CONTACT_EMAIL);
  g_autofree char *explanation = dup_trimmed (self, RECTIFY_TEXT_EXPLANATION);
  g_autofree char *currency = dup_trimmed (self, RECTIFY_TEXT_CURRENCY);
  gboolean have_quantity;
  gint64 quantity = 0;
  glong length;

  check_required_name (self, problems, RECTIFY_TEXT_ACCOUNT,
                       _("Enter your company or account name, or the account ID"));
  check_required_name (self, problems, RECTIFY_TEXT_OWNER_NAME,
                       _("Enter the name of the account owner"));

  if (*email == '\0')
    add_problem (problems, "contact-email", FALSE,
                 _("Enter the e-mail address support should answer"));
  else if (email_problem (email) != NULL)
    add_problem (problems, "contact-email", FALSE, email_problem (email));

  check_required_name (self, problems, RECTIFY_TEXT_LICENCE_TYPE,
                       _("Choose the licence type you bought"));

  have_quantity = check_count (self, problems, RECTIFY_TEXT_QUANTITY, 1, RECTIFY_MAX_QUANTITY,
                               _("Enter how many licences you bought"));
  if (have_quantity)
    parse_count (self->texts[RECTIFY_TEXT_QUANTITY], &quantity);

  if (*currency == '\0')
    add_problem (problems, "currency", FALSE, _("Choose the currency of your invoice"));
  else if (!rectify_currency_is_known (currency))
    add_problem (problems, "currency", FALSE,
                 _("Use a three-letter currency code, such as EUR, USD or GBP"));

  check_price (self, problems, RECTIFY_TEXT_UNIT_PRICE, currency,
               _("Enter the price of one licence, as on your invoice"));

  {
    g_autofree char *number = dup_trimmed (self, RECTIFY_TEXT_INVOICE_NUMBER);

    if (g_utf8_strlen (number, -1) > RECTIFY_MAX_INVOICE_NUMBER)
      add_problemf (problems, "invoice-number", FALSE,
                    g_dngettext (GETTEXT_PACKAGE, "An invoice number has at most %d character",
                              "An invoice number has at most %d characters",
                              RECTIFY_MAX_INVOICE_NUMBER),
                    RECTIFY_MAX_INVOICE_NUMBER);
    else if (strpbrk (number, "\r\n\t") != NULL)
      add_problem (problems, "invoice-number", FALSE,
                   _("Type the invoice number on one line"));
  }

  switch (self->scenario)
    {
    case RECTIFY_SCENARIO_WRONG_TYPE:
      {
        g_autofree char *bought = dup_trimmed (self, RECTIFY_TEXT_LICENCE_TYPE);
        g_autofree char *intended = dup_trimmed (self, RECTIFY_TEXT_INTENDED_TYPE);
        g_autofree char *bought_key = g_utf8_casefold (bought, -1);
        g_autofree char *intended_key = g_utf8_casefold (intended, -1);

        if (*intended == '\0')
          add_problem (problems, "intended-type", FALSE,
                       _("Choose the licence type you meant to buy"));
        else if (g_utf8_strlen (intended, -1) > RECTIFY_MAX_NAME)
          add_problemf (problems, "intended-type", FALSE,
                        g_dngettext (GETTEXT_PACKAGE, "Keep this under %d character",
                                  "Keep this under %d characters", RECTIFY_MAX_NAME),
                        RECTIFY_MAX_NAME);
        else if (g_strcmp0 (bought_key, intended_key) == 0)
          add_problem (problems, "intended-type", FALSE,
                       _("The type you meant must differ from the type you bought"));

        check_price (self, problems, RECTIFY_TEXT_INTENDED_PRICE, currency,
                     _("Enter the price of one licence of the type you meant, as on "
                       "Ringover’s price list"));
      }
      break;

    case RECTIFY_SCENARIO_UNINTENDED:
      check_count (self, problems, RECTIFY_TEXT_ADDED_BY_MISTAKE,
                   1, have_quantity ? quantity : RECTIFY_MAX_QUANTITY,
                   _("Enter how many licences were added by mistake"));
      break;

    case RECTIFY_SCENARIO_TOO_MANY:
      if (check_count (self, problems, RECTIFY_TEXT_KEEP_COUNT,
                       0, have_quantity ? quantity - 1 : RECTIFY_MAX_QUANTITY - 1,
                       _("Enter the exact number of licences you want to keep")))
        {
          gint64 keep = -1;

          parse_count (self->texts[RECTIFY_TEXT_KEEP_COUNT], &keep);
          if (keep == 0)
            add_problem (problems, "keep-count", TRUE,
                         _("Keeping none removes every licence of this type; make sure "
                           "that is what you want"));
        }
      break;

    case RECTIFY_SCENARIO_NONE:
    default:
      break;
    }

  length = g_utf8_strlen (explanation, -1);
  if (length < RECTIFY_MIN_EXPLANATION)
    add_problemf (problems, "explanation", FALSE,
                  g_dngettext (GETTEXT_PACKAGE, "Explain what happened in at least %d character",
                            "Explain what happened in at least %d characters",
                            RECTIFY_MIN_EXPLANATION),
                  RECTIFY_MIN_EXPLANATION);
  else if (length > RECTIFY_MAX_EXPLANATION)
    add_problemf (problems, "explanation", FALSE,
                  g_dngettext (GETTEXT_PACKAGE, "Shorten the explanation to %d character",
                            "Shorten the explanation to %d characters",
                            RECTIFY_MAX_EXPLANATION),
                  RECTIFY_MAX_EXPLANATION);

  check_control_characters (self, problems);
  validate_attachments (self, problems);
}

static gboolean
price_is_zero (RectifyCase *self)
{
  gint64 price;

  if (rectify_case_get_unit_price_minor (self, &price) && price == 0)
    return TRUE;

  return self->scenario == RECTIFY_SCENARIO_WRONG_TYPE &&
         rectify_case_get_intended_minor (self, &price) && price == 0;
}

static void
validate_resolution (RectifyCase *self,
                     const GDate *today,
                     GPtrArray   *problems)
{
  if (self->resolution == RECTIFY_RESOLUTION_NONE)
    add_problem (problems, "resolution", FALSE, _("Choose how it should be put right"));
  else if (!rectify_resolution_applies (self->scenario, self->resolution))
    add_problem (problems, "resolution", FALSE,
                 _("This resolution does not apply to the mistake you chose"));
  else if (rectify_resolution_pays_back (self->resolution) && price_is_zero (self))
    add_problem (problems, "resolution", FALSE,
                 _("At a price of 0 there is nothing to refund or credit: correct the price "
                   "in the details, or ask to remove the licences"));
  else if (self->resolution == RECTIFY_RESOLUTION_PRORATED &&
           g_date_valid (&self->next_billing) && !rectify_case_is_submitted (self) &&
           rectify_billing_days_remaining (today, &self->next_billing, self->period) == 0)
    add_problem (problems, "resolution", FALSE,
                 _("The billing cycle has ended, so nothing is left to prorate: ask for a "
                   "refund or credit on the next cycle instead"));
}

static void
validate_follow_up (RectifyCase *self,
                    GPtrArray   *problems)
{
  g_autofree char *currency = dup_trimmed (self, RECTIFY_TEXT_CURRENCY);
  g_autoptr(GError) error = NULL;
  gint64 amount;

  if (!is_blank (self, RECTIFY_TEXT_STATEMENT_AMOUNT) && rectify_currency_is_known (currency) &&
      !rectify_money_parse (self->texts[RECTIFY_TEXT_STATEMENT_AMOUNT], currency, &amount, &error))
    add_problemf (problems, "statement-amount", FALSE, "%s", error->message);
}

static gboolean
has_error (GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const RectifyProblem *problem = g_ptr_array_index (problems, i);

      if (!problem->warning)
        return TRUE;
    }

  return FALSE;
}

/**
 * rectify_case_revalidate:
 * @self: a #RectifyCase
 *
 * Validates every step again. Setters do this themselves; call it when
 * something outside the case changed (the day, an attachment's file).
 */
void
rectify_case_revalidate (RectifyCase *self)
{
  GDate today;

  g_return_if_fail (RECTIFY_IS_CASE (self));

  if (self->loading > 0)
    return;

  rectify_clock_get_today (&today);

  for (guint step = 0; step < RECTIFY_N_STEPS; step++)
    {
      /* A step's list is kept only while it has problems: most loaded
       * cases have none on most steps. */
      GPtrArray *problems = g_ptr_array_new_with_free_func (problem_free);

      switch (step)
        {
        case RECTIFY_STEP_IDENTIFY:
          validate_identify (self, &today, problems);
          break;
        case RECTIFY_STEP_DETAILS:
          validate_details (self, problems);
          break;
        case RECTIFY_STEP_RESOLUTION:
          validate_resolution (self, &today, problems);
          break;
        case RECTIFY_STEP_FOLLOW_UP:
          validate_follow_up (self, problems);
          break;
        default:
          break;
        }

      g_clear_pointer (&self->problems[step], g_ptr_array_unref);
      if (problems->len > 0)
        self->problems[step] = problems;
      else
        g_ptr_array_unref (problems);
    }

  for (guint step = 0; step < RECTIFY_N_STEPS; step++)
    {
      /* A later step is only complete when the ones before it are. */
      gboolean complete = step_complete_prop[step] != 0 &&
                          !has_error (rectify_case_get_problems (self, step)) &&
                          (step == 0 || self->complete[step - 1]);

      if (complete != self->complete[step])
        {
          self->complete[step] = complete;
          g_object_notify_by_pspec (G_OBJECT (self), properties[step_complete_prop[step]]);
        }
    }
}

/* After every change to what the case holds. */
static void
case_changed (RectifyCase *self)
{
  if (self->loading > 0)
    return;

  g_clear_pointer (&self->updated, g_date_time_unref);
  self->updated = rectify_clock_now_utc ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED]);

  rectify_case_revalidate (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_attachment_notify (gpointer user_data)
{
  RectifyCase *self = user_data;

  /* Its state or size changed: what the case holds did not, but whether it
   * is valid may have. */
  rectify_case_revalidate (self);
  if (self->loading == 0)
    g_signal_emit (self, signals[CHANGED], 0);
}

/* What a case without a send record reads: one blank record, shared and
 * never written. */
static RectifySubmission *
read_submission (RectifyCase *self)
{
  static RectifySubmission *blank;

  if (self->submission != NULL)
    return self->submission;

  if (g_once_init_enter (&blank))
    g_once_init_leave (&blank, rectify_submission_new ());
  return blank;
}

static RectifySubmission *
write_submission (RectifyCase *self)
{
  if (self->submission == NULL)
    self->submission = rectify_submission_new ();
  return self->submission;
}

static void
rectify_case_dispose (GObject *object)
{
  RectifyCase *self = (RectifyCase *)object;

  for (guint i = 0, n = count_attachments (self); i < n; i++)
    {
      g_autoptr(RectifyAttachment) attachment = dup_attachment (self, i);

      rectify_attachment_set_watch (attachment, NULL, NULL);
    }
  g_clear_pointer (&self->attachment_array, g_ptr_array_unref);
  g_clear_object (&self->attachments);

  G_OBJECT_CLASS (rectify_case_parent_class)->dispose (object);
}

static void
rectify_case_finalize (GObject *object)
{
  RectifyCase *self = (RectifyCase *)object;

  g_clear_pointer (&self->reference, g_free);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->updated, g_date_time_unref);
  for (guint i = 0; i < RECTIFY_N_TEXTS; i++)
    g_clear_pointer (&self->texts[i], rectify_shared_text_free);
  g_clear_object (&self->submission);
  g_clear_pointer (&self->checklist, g_array_unref);
  for (guint i = 0; i < RECTIFY_N_STEPS; i++)
    g_clear_pointer (&self->problems[i], g_ptr_array_unref);

  G_OBJECT_CLASS (rectify_case_parent_class)->finalize (object);
}

static void
rectify_case_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RectifyCase *self = RECTIFY_CASE (object);

  if (prop_id >= PROP_FIRST_TEXT && prop_id < N_PROPS)
    {
      g_value_set_string (value, rectify_case_get_text (self, prop_id - PROP_FIRST_TEXT));
      return;
    }

  switch (prop_id)
    {
    case PROP_REFERENCE:
      g_value_set_string (value, self->reference);
      break;

    case PROP_CREATED:
      g_value_set_boxed (value, self->created);
      break;

    case PROP_UPDATED:
      g_value_set_boxed (value, self->updated);
      break;

    case PROP_SCENARIO:
      g_value_set_enum (value, self->scenario);
      break;

    case PROP_PURCHASE_DATE:
      g_value_set_boxed (value, g_date_valid (&self->purchase_date) ? &self->purchase_date : NULL);
      break;

    case PROP_NEXT_BILLING:
      g_value_set_boxed (value, g_date_valid (&self->next_billing) ? &self->next_billing : NULL);
      break;

    case PROP_PERIOD:
      g_value_set_enum (value, self->period);
      break;

    case PROP_INVOICE_DATE:
      g_value_set_boxed (value, g_date_valid (&self->invoice_date) ? &self->invoice_date : NULL);
      break;

    case PROP_PRICES_INCLUDE_TAX:
      g_value_set_boolean (value, self->prices_include_tax);
      break;

    case PROP_UNIT_PRICE_CONFIRMED:
      g_value_set_boolean (value, self->price_confirmed[RECTIFY_TEXT_UNIT_PRICE]);
      break;

    case PROP_INTENDED_PRICE_CONFIRMED:
      g_value_set_boolean (value, self->price_confirmed[RECTIFY_TEXT_INTENDED_PRICE]);
      break;

    case PROP_RESOLUTION:
      g_value_set_enum (value, self->resolution);
      break;

    case PROP_SEND_STATE:
      g_value_set_enum (value, rectify_submission_get_state (read_submission (self)));
      break;

    case PROP_SEND_REASON:
      g_value_set_boxed (value, rectify_submission_get_reason (read_submission (self)));
      break;

    case PROP_REQUEST_ID:
      g_value_set_int64 (value, rectify_submission_get_request_id (read_submission (self)));
      break;

    case PROP_REQUEST_URL:
      g_value_set_string (value, rectify_submission_get_request_url (read_submission (self)));
      break;

    case PROP_REQUEST_STATUS:
      g_value_set_string (value, rectify_submission_get_request_status (read_submission (self)));
      break;

    case PROP_SENT_SUBJECT:
      g_value_set_string (value, rectify_submission_get_sent_subject (read_submission (self)));
      break;

    case PROP_SENT_BODY:
      g_value_set_string (value, rectify_submission_get_sent_body (read_submission (self)));
      break;

    case PROP_CURRENT_STEP:
      g_value_set_enum (value, self->current_step);
      break;

    case PROP_IDENTIFY_COMPLETE:
    case PROP_DETAILS_COMPLETE:
    case PROP_RESOLUTION_COMPLETE:
      g_value_set_boolean (value, self->complete[prop_id - PROP_IDENTIFY_COMPLETE]);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rectify_case_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  RectifyCase *self = RECTIFY_CASE (object);

  if (prop_id >= PROP_FIRST_TEXT && prop_id < N_PROPS)
    {
      rectify_case_set_text (self, prop_id - PROP_FIRST_TEXT, g_value_get_string (value));
      return;
    }

  switch (prop_id)
    {
    case PROP_SCENARIO:
      rectify_case_set_scenario (self, g_value_get_enum (value));
      break;

    case PROP_PURCHASE_DATE:
      rectify_case_set_purchase_date (self, g_value_get_boxed (value));
      break;

    case PROP_NEXT_BILLING:
      rectify_case_set_next_billing (self, g_value_get_boxed (value));
      break;

    case PROP_PERIOD:
      rectify_case_set_period (self, g_value_get_enum (value));
      break;

    case PROP_INVOICE_DATE:
      rectify_case_set_invoice_date (self, g_value_get_boxed (value));
      break;

    case PROP_PRICES_INCLUDE_TAX:
      rectify_case_set_prices_include_tax (self, g_value_get_boolean (value));
      break;

    case PROP_UNIT_PRICE_CONFIRMED:
      rectify_case_set_price_confirmed (self, RECTIFY_TEXT_UNIT_PRICE,
                                        g_value_get_boolean (value));
      break;

    case PROP_INTENDED_PRICE_CONFIRMED:
      rectify_case_set_price_confirmed (self, RECTIFY_TEXT_INTENDED_PRICE,
                                        g_value_get_boolean (value));
      break;

    case PROP_RESOLUTION:
      rectify_case_set_resolution (self, g_value_get_enum (value));
      break;

    case PROP_CURRENT_STEP:
      rectify_case_set_current_step (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rectify_case_class_init (RectifyCaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags readable = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags writable = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = rectify_case_dispose;
  object_class->finalize = rectify_case_finalize;
  object_class->get_property = rectify_case_get_property;
  object_class->set_property = rectify_case_set_property;

  properties[PROP_REFERENCE] =
    g_param_spec_string ("reference", NULL, NULL, NULL, readable);
  properties[PROP_CREATED] =
    g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, readable);
  properties[PROP_UPDATED] =
    g_param_spec_boxed ("updated", NULL, NULL, G_TYPE_DATE_TIME, readable);
  properties[PROP_SCENARIO] =
    g_param_spec_enum ("scenario", NULL, NULL,
                       RECTIFY_TYPE_SCENARIO, RECTIFY_SCENARIO_NONE, writable);
  properties[PROP_PURCHASE_DATE] =
    g_param_spec_boxed ("purchase-date", NULL, NULL, G_TYPE_DATE, writable);
  properties[PROP_NEXT_BILLING] =
    g_param_spec_boxed ("next-billing", NULL, NULL, G_TYPE_DATE, writable);
  properties[PROP_PERIOD] =
    g_param_spec_enum ("period", NULL, NULL,
                       RECTIFY_TYPE_PERIOD, RECTIFY_PERIOD_MONTHLY, writable);
  properties[PROP_INVOICE_DATE] =
    g_param_spec_boxed ("invoice-date", NULL, NULL, G_TYPE_DATE, writable);
  properties[PROP_PRICES_INCLUDE_TAX] =
    g_param_spec_boolean ("prices-include-tax", NULL, NULL, FALSE, writable);
  properties[PROP_UNIT_PRICE_CONFIRMED] =
    g_param_spec_boolean ("unit-price-confirmed", NULL, NULL, FALSE, writable);
  properties[PROP_INTENDED_PRICE_CONFIRMED] =
    g_param_spec_boolean ("intended-price-confirmed", NULL, NULL, FALSE, writable);
  properties[PROP_RESOLUTION] =
    g_param_spec_enum ("resolution", NULL, NULL,
                       RECTIFY_TYPE_RESOLUTION, RECTIFY_RESOLUTION_NONE, writable);
  properties[PROP_SEND_STATE] =
    g_param_spec_enum ("send-state", NULL, NULL,
                       RECTIFY_TYPE_SEND_STATE, RECTIFY_SEND_STATE_DRAFT, readable);
  properties[PROP_SEND_REASON] =
    g_param_spec_boxed ("send-reason", NULL, NULL, RECTIFY_TYPE_SEND_REASON, readable);
  properties[PROP_REQUEST_ID] =
    g_param_spec_int64 ("request-id", NULL, NULL, 0, G_MAXINT64, 0, readable);
  properties[PROP_REQUEST_URL] =
    g_param_spec_string ("request-url", NULL, NULL, NULL, readable);
  properties[PROP_REQUEST_STATUS] =
    g_param_spec_string ("request-status", NULL, NULL, NULL, readable);
  properties[PROP_SENT_SUBJECT] =
    g_param_spec_string ("sent-subject", NULL, NULL, NULL, readable);
  properties[PROP_SENT_BODY] =
    g_param_spec_string ("sent-body", NULL, NULL, NULL, readable);
  properties[PROP_CURRENT_STEP] =
    g_param_spec_enum ("current-step", NULL, NULL,
                       RECTIFY_TYPE_STEP, RECTIFY_STEP_IDENTIFY, writable);
  properties[PROP_IDENTIFY_COMPLETE] =
    g_param_spec_boolean ("identify-complete", NULL, NULL, FALSE, readable);
  properties[PROP_DETAILS_COMPLETE] =
    g_param_spec_boolean ("details-complete", NULL, NULL, FALSE, readable);
  properties[PROP_RESOLUTION_COMPLETE] =
    g_param_spec_boolean ("resolution-complete", NULL, NULL, FALSE, readable);

  for (guint i = 0; i < RECTIFY_N_TEXTS; i++)
    properties[PROP_FIRST_TEXT + i] =
      g_param_spec_string (text_properties[i], NULL, NULL, NULL, writable);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RectifyCase::changed:
   *
   * Something the case holds changed, and should be saved.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
rectify_case_init (RectifyCase *self)
{
  g_date_clear (&self->purchase_date, 1);
  g_date_clear (&self->next_billing, 1);
  g_date_clear (&self->invoice_date, 1);
}

/**
 * rectify_case_new:
 *
 * A new, empty case with a fresh reference. Its currency starts as the
 * provider's first.
 *
 * Returns: (transfer full): the case
 */
RectifyCase *
rectify_case_new (void)
{
  RectifyProvider *provider = rectify_provider_get_default ();
  RectifyCase *self = rectify_case_new_for_reference (NULL, NULL);

  self->loading++;
  rectify_case_set_text (self, RECTIFY_TEXT_CURRENCY,
                         rectify_provider_get_currencies (provider)[0]);
  self->loading--;
  rectify_case_revalidate (self);

  return self;
}

/**
 * rectify_case_new_for_reference:
 * @reference: (nullable): the case's reference, or %NULL for a new one
 * @created: (nullable): when it was created, or %NULL for now
 *
 * For the store, reading a saved case back. It is not validated yet: the
 * caller fills it and validates it once (rectify_case_end_load()), rather
 * than making, for every case read, the problems of an empty case.
 *
 * Returns: (transfer full): an empty case
 */
RectifyCase *
rectify_case_new_for_reference (const char *reference,
                                GDateTime  *created)
{
  RectifyCase *self = g_object_new (RECTIFY_TYPE_CASE, NULL);

  self->reference = reference ? g_strdup (reference) : g_uuid_string_random ();
  self->created = created ? g_date_time_ref (created) : rectify_clock_now_utc ();
  self->updated = g_date_time_ref (self->created);

  return self;
}

/* Between begin_load and end_load, setters neither stamp the time nor
 * validate nor emit ::changed; end_load validates once. */
void
rectify_case_begin_load (RectifyCase *self)
{
  g_return_if_fail (RECTIFY_IS_CASE (self));

  self->loading++;
}

void
rectify_case_end_load (RectifyCase *self,
                       GDateTime   *updated)
{
  g_return_if_fail (RECTIFY_IS_CASE (self));
  g_return_if_fail (self->loading > 0);

  self->loading--;
  if (updated != NULL)
    {
      g_clear_pointer (&self->updated, g_date_time_unref);
      self->updated = g_date_time_ref (updated);
    }
  rectify_case_revalidate (self);
}

const char *
rectify_case_get_reference (RectifyCase *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), NULL);

  return self->reference;
}

GDateTime *
rectify_case_get_created (RectifyCase *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), NULL);

  return self->created;
}

/* When the owner last changed anything in the case. */
GDateTime *
rectify_case_get_updated (RectifyCase *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), NULL);

  return self->updated;
}

RectifyScenario
rectify_case_get_scenario (RectifyCase *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), RECTIFY_SCENARIO_NONE);

  return self->scenario;
}

void
rectify_case_set_scenario (RectifyCase     *self,
                           RectifyScenario  scenario)
{
  g_return_if_fail (RECTIFY_IS_CASE (self));
  g_return_if_fail (scenario >= RECTIFY_SCENARIO_NONE && scenario <= RECTIFY_SCENARIO_TOO_MANY);

  if (self->scenario == scenario)
    return;

  self->scenario = scenario;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCENARIO]);
  case_changed (self);
}

static gboolean
set_date (RectifyCase *self,
          GDate       *field,
          const GDate *date,
          int          prop)
{
  gboolean was_valid = g_date_valid (field);
  gboolean is_valid = date != NULL && g_date_valid (date);

  if (was_valid == is_valid && (!is_valid || g_date_compare (field, date) == 0))
    return FALSE;

  if (is_valid)
    g_date_set_julian (field, g_date_get_julian (date));
  else
    g_date_clear (field, 1);

  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  case_changed (self);
  return TRUE;
}

/* The day the licences were bought; not valid when not entered. */
const GDate *
rectify_case_get_purchase_date (RectifyCase *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), NULL);

  return &self->purchase_date;
}

void
rectify_case_set_purchase_date (RectifyCase *self,
                                const GDate *date)
{
  g_return_if_fail (RECTIFY_IS_CASE (self));

  set_date (self, &self->purchase_date, date, PROP_PURCHASE_DATE);
}

/* The next billing date; not valid when not entered. */
const GDate *
rectify_case_get_next_billing (RectifyCase *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), NULL);

  return &self->next_billing;
}

void
rectify_case_set_next_billing (RectifyCase *self,
                               const GDate *date)
{
  g_return_if_fail (RECTIFY_IS_CASE (self));

  set_date (self, &self->next_billing, date, PROP_NEXT_BILLING);
}

RectifyPeriod
rectify_case_get_period (RectifyCase *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), RECTIFY_PERIOD_MONTHLY);

  return self->period;
}

void
rectify_case_set_period (RectifyCase   *self,
                         RectifyPeriod  period)
{
  g_return_if_fail (RECTIFY_IS_CASE (self));
  g_return_if_fail (period == RECTIFY_PERIOD_MONTHLY || period == RECTIFY_PERIOD_ANNUAL);

  if (self->period == period)
    return;

  self->period = period;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERIOD]);
  case_changed (self);
}

/* The date on the invoice; not valid when not entered (it is optional). */
const GDate *
rectify_case_get_invoice_date (RectifyCase *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), NULL);

  return &self->invoice_date;
}

void
rectify_case_set_invoice_date (RectifyCase *self,
                               const GDate *date)
{
  g_return_if_fail (RECTIFY_IS_CASE (self));

  set_date (self, &self->invoice_date, date, PROP_INVOICE_DATE);
}

/* Whether the prices typed (and so every amount computed) include VAT, as
 * on the invoice; they do not by default, as on Ringover's price list. */
gboolean
rectify_case_get_prices_include_tax (RectifyCase *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), FALSE);

  return self->prices_include_tax;
}

void
rectify_case_set_prices_include_tax (RectifyCase *self,
                                     gboolean     include_tax)
{
  g_return_if_fail (RECTIFY_IS_CASE (self));

  include_tax = !!include_tax;
  if (self->prices_include_tax == include_tax)
    return;

  self->prices_include_tax = include_tax;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRICES_INCLUDE_TAX]);
  case_changed (self);
}

static const RectifyText confirmable_prices[] = {
  RECTIFY_TEXT_UNIT_PRICE,
  RECTIFY_TEXT_INTENDED_PRICE,
};

static int
confirmed_prop (RectifyText price)
{
  return price == RECTIFY_TEXT_UNIT_PRICE ? PROP_UNIT_PRICE_CONFIRMED
                                          : PROP_INTENDED_PRICE_CONFIRMED;
}

/**
 * rectify_case_get_price_confirmed:
 * @self: a #RectifyCase
 * @price: %RECTIFY_TEXT_UNIT_PRICE or %RECTIFY_TEXT_INTENDED_PRICE
 *
 * Whether the owner said that @price is right although it is far above what
 * a licence costs. Changing the price or the currency takes it back.
 */
gboolean
rectify_case_get_price_confirmed (RectifyCase *self,
                                  RectifyText  price)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), FALSE);
  g_return_val_if_fail (price == RECTIFY_TEXT_UNIT_PRICE ||
                        price == RECTIFY_TEXT_INTENDED_PRICE, FALSE);

  return self->price_confirmed[price];
}

void
rectify_case_set_price_confirmed (RectifyCase *self,
                                  RectifyText  price,
                                  gboolean     confirmed)
{
  g_return_if_fail (RECTIFY_IS_CASE (self));
  g_return_if_fail (price == RECTIFY_TEXT_UNIT_PRICE || price == RECTIFY_TEXT_INTENDED_PRICE);

  confirmed = !!confirmed;
  if (self->price_confirmed[price] == confirmed)
    return;

  self->price_confirmed[price] = confirmed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[confirmed_prop (price)]);
  case_changed (self);
}

/**
 * rectify_case_price_is_implausible:
 * @self: a #RectifyCase
 * @price: %RECTIFY_TEXT_UNIT_PRICE or %RECTIFY_TEXT_INTENDED_PRICE
 * @out_ceiling: (out) (optional): the most a licence costs for one billing
 *   cycle, in minor units of the case's currency
 *
 * Whether @price is above what any licence costs for the case's billing
 * period, as the provider profile says for its currency. A price that
 * cannot be read, or a currency the profile has no figure for, is not.
 */
gboolean
rectify_case_price_is_implausible (RectifyCase *self,
                                   RectifyText  price,
                                   gint64      *out_ceiling)
{
  g_autofree char *currency = NULL;
  gint64 minor;
  gint64 ceiling;

  g_return_val_if_fail (RECTIFY_IS_CASE (self), FALSE);
  g_return_val_if_fail (price == RECTIFY_TEXT_UNIT_PRICE || price == RECTIFY_TEXT_INTENDED_PRICE,
                        FALSE);

  currency = dup_trimmed (self, RECTIFY_TEXT_CURRENCY);
  if (!get_money (self, price, &minor) ||
      !rectify_provider_get_price_ceiling (rectify_provider_get_default (), currency,
                                           self->period, &ceiling))
    return FALSE;

  if (out_ceiling != NULL)
    *out_ceiling = ceiling;

  return minor > ceiling;
}

/* The property name of a typed field, which is also what its problems name. */
const char *
rectify_case_text_property (RectifyText text)
{
  g_return_val_if_fail (text < RECTIFY_N_TEXTS, NULL);

  return text_properties[text];
}

/* What the owner typed in a field, never %NULL. */
const char *
rectify_case_get_text (RectifyCase *self,
                       RectifyText  text)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), NULL);
  g_return_val_if_fail (text < RECTIFY_N_TEXTS, NULL);

  return self->texts[text] ? self->texts[text] : "";
}

/**
 * rectify_case_set_text:
 * @self: a #RectifyCase
 * @text: which field
 * @value: (nullable): what the owner typed, UTF-8
 *
 * Keeps @value as typed. Text that is not valid UTF-8 is repaired rather
 * than refused, so nothing is lost.
 */
/* Reads no further than @max + 1 bytes. */
static gboolean
is_longer_than (const char *text,
                gsize       max)
{
  for (gsize i = 0; i <= max; i++)
    if (text[i] == '\0')
      return FALSE;

  return TRUE;
}

void
rectify_case_set_text (RectifyCase *self,
                       RectifyText  text,
                       const char  *value)
{
  g_autofree char *valid = NULL;
  g_autofree char *capped = NULL;

  g_return_if_fail (RECTIFY_IS_CASE (self));
  g_return_if_fail (text < RECTIFY_N_TEXTS);

  /* Megabytes pasted into a field: keep the first RECTIFY_MAX_TEXT_BYTES,
   * never a copy of the rest (a character cut in two is repaired below);
   * validation then says the field is too long. */
  if (value != NULL && is_longer_than (value, RECTIFY_MAX_TEXT_BYTES))
    value = capped = g_strndup (value, RECTIFY_MAX_TEXT_BYTES);

  if (value != NULL && !g_utf8_validate (value, -1, NULL))
    value = valid = g_utf8_make_valid (value, -1);

  if (g_strcmp0 (rectify_case_get_text (self, text), value ? value : "") == 0)
    return;

  rectify_shared_text_free (self->texts[text]);
  self->texts[text] = text_dup (text, value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_TEXT + text]);

  /* A confirmation was for the amount as it was. */
  for (guint i = 0; i < G_N_ELEMENTS (confirmable_prices); i++)
    {
      RectifyText price = confirmable_prices[i];

      if ((text == price || text == RECTIFY_TEXT_CURRENCY) && self->price_confirmed[price])
        {
          self->price_confirmed[price] = FALSE;
          g_object_notify_by_pspec (G_OBJECT (self), properties[confirmed_prop (price)]);
        }
    }

  case_changed (self);
}

/**
 * rectify_case_get_count:
 * @self: a #RectifyCase
 * @text: a count field (quantity, added by mistake, keep)
 * @out_count: (out): the number
 *
 * Returns: whether the field holds a whole number
 */
gboolean
rectify_case_get_count (RectifyCase *self,
                        RectifyText  text,
                        gint64      *out_count)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), FALSE);
  g_return_val_if_fail (text == RECTIFY_TEXT_QUANTITY ||
                        text == RECTIFY_TEXT_ADDED_BY_MISTAKE ||
                        text == RECTIFY_TEXT_KEEP_COUNT, FALSE);
  g_return_val_if_fail (out_count != NULL, FALSE);

  return parse_count (self->texts[text], out_count);
}

/* The price of one licence in minor units of the case's currency. */
gboolean
rectify_case_get_unit_price_minor (RectifyCase *self,
                                   gint64      *out_minor)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), FALSE);
  g_return_val_if_fail (out_minor != NULL, FALSE);

  return get_money (self, RECTIFY_TEXT_UNIT_PRICE, out_minor);
}

/* The price of one licence of the type meant (wrong type), in minor units. */
gboolean
rectify_case_get_intended_minor (RectifyCase *self,
                                 gint64      *out_minor)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), FALSE);
  g_return_val_if_fail (out_minor != NULL, FALSE);

  return get_money (self, RECTIFY_TEXT_INTENDED_PRICE, out_minor);
}

/**
 * rectify_case_get_price_difference:
 * @self: a #RectifyCase
 * @out_minor: (out): the price of one licence bought minus the price of one
 *   of the type meant, in minor units; negative when the type meant costs
 *   more
 *
 * Returns: whether both prices can be read
 */
gboolean
rectify_case_get_price_difference (RectifyCase *self,
                                   gint64      *out_minor)
{
  gint64 bought, meant;

  g_return_val_if_fail (RECTIFY_IS_CASE (self), FALSE);
  g_return_val_if_fail (out_minor != NULL, FALSE);

  if (!rectify_case_get_unit_price_minor (self, &bought) ||
      !rectify_case_get_intended_minor (self, &meant))
    return FALSE;

  /* Both are amounts of at most G_MAXINT64 and at least 0. */
  *out_minor = bought - meant;
  return TRUE;
}

/* The adjustment the owner read on the next statement, in minor units. */
gboolean
rectify_case_get_statement_minor (RectifyCase *self,
                                  gint64      *out_minor)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), FALSE);
  g_return_val_if_fail (out_minor != NULL, FALSE);

  return get_money (self, RECTIFY_TEXT_STATEMENT_AMOUNT, out_minor);
}

/**
 * rectify_case_get_affected_count:
 * @self: a #RectifyCase
 *
 * How many licences the correction is about: all those bought (wrong type),
 * those added by mistake, or those beyond the number to keep.
 *
 * Returns: the count, or -1 while the details do not say
 */
gint64
rectify_case_get_affected_count (RectifyCase *self)
{
  gint64 quantity, count;

  g_return_val_if_fail (RECTIFY_IS_CASE (self), -1);

  if (!parse_count (self->texts[RECTIFY_TEXT_QUANTITY], &quantity) ||
      quantity < 1 || quantity > RECTIFY_MAX_QUANTITY)
    return -1;

  switch (self->scenario)
    {
    case RECTIFY_SCENARIO_WRONG_TYPE:
      return quantity;

    case RECTIFY_SCENARIO_UNINTENDED:
      if (!parse_count (self->texts[RECTIFY_TEXT_ADDED_BY_MISTAKE], &count) ||
          count < 1 || count > quantity)
        return -1;
      return count;

    case RECTIFY_SCENARIO_TOO_MANY:
      if (!parse_count (self->texts[RECTIFY_TEXT_KEEP_COUNT], &count) || count >= quantity)
        return -1;
      return quantity - count;

    case RECTIFY_SCENARIO_NONE:
    default:
      return -1;
    }
}

GListModel *
rectify_case_get_attachments (RectifyCase *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), NULL);

  if (self->attachments == NULL)
    {
      self->attachments = g_list_store_new (RECTIFY_TYPE_ATTACHMENT);
      if (self->attachment_array != NULL)
        g_list_store_splice (self->attachments, 0, 0, self->attachment_array->pdata,
                             self->attachment_array->len);
      g_clear_pointer (&self->attachment_array, g_ptr_array_unref);
    }

  return G_LIST_MODEL (self->attachments);
}

/* For the case file: the attachments, without making the list model. */
guint
rectify_case_get_n_attachments (RectifyCase *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), 0);

  return count_attachments (self);
}

RectifyAttachment *
rectify_case_dup_attachment (RectifyCase *self,
                             guint        position)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), NULL);
  g_return_val_if_fail (position < count_attachments (self), NULL);

  return dup_attachment (self, position);
}

void
rectify_case_add_attachment (RectifyCase       *self,
                             RectifyAttachment *attachment)
{
  g_return_if_fail (RECTIFY_IS_CASE (self));
  g_return_if_fail (RECTIFY_IS_ATTACHMENT (attachment));

  rectify_attachment_set_watch (attachment, on_attachment_notify, self);
  if (self->attachments != NULL)
    {
      g_list_store_append (self->attachments, attachment);
    }
  else
    {
      if (self->attachment_array == NULL)
        self->attachment_array = g_ptr_array_new_full (1, g_object_unref);
      g_ptr_array_add (self->attachment_array, g_object_ref (attachment));
    }
  case_changed (self);
}

void
rectify_case_remove_attachment (RectifyCase       *self,
                                RectifyAttachment *attachment)
{
  guint position;

  g_return_if_fail (RECTIFY_IS_CASE (self));
  g_return_if_fail (RECTIFY_IS_ATTACHMENT (attachment));

  if (self->attachments != NULL ? !g_list_store_find (self->attachments, attachment, &position)
                               : (self->attachment_array == NULL ||
                                  !g_ptr_array_find (self->attachment_array, attachment,
                                                     &position)))
    return;

  rectify_attachment_set_watch (attachment, NULL, NULL);
  if (self->attachments != NULL)
    g_list_store_remove (self->attachments, position);
  else
    g_ptr_array_remove_index (self->attachment_array, position);
  case_changed (self);
}

RectifyResolution
rectify_case_get_resolution (RectifyCase *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), RECTIFY_RESOLUTION_NONE);

  return self->resolution;
}

void
rectify_case_set_resolution (RectifyCase       *self,
                             RectifyResolution  resolution)
{
  g_return_if_fail (RECTIFY_IS_CASE (self));
  g_return_if_fail (resolution >= RECTIFY_RESOLUTION_NONE &&
                    resolution <= RECTIFY_RESOLUTION_SCHEDULED);

  if (self->resolution == resolution)
    return;

  self->resolution = resolution;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESOLUTION]);
  case_changed (self);
}

/**
 * rectify_resolution_applies:
 * @scenario: the mistake
 * @resolution: a way to put it right
 *
 * Whether support offers @resolution for @scenario. Every resolution
 * applies to every mistake: for a wrong type, "remove" is the switch to the
 * type meant (later statements lower by the difference) and the money is
 * the price difference, prorated on request for the days left.
 */
gboolean
rectify_resolution_applies (RectifyScenario   scenario,
                            RectifyResolution resolution)
{
  return scenario != RECTIFY_SCENARIO_NONE && resolution != RECTIFY_RESOLUTION_NONE;
}

/**
 * rectify_case_compute_amount:
 * @self: a #RectifyCase
 * @resolution: the resolution to price
 * @today: the day to compute for
 * @out_minor: (out): the amount in minor units of the case's currency
 * @error: why it cannot be computed
 *
 * The money @resolution involves for this case, from the billing rules; it
 * is also the adjustment expected on the next statement. For a wrong type it
 * is the price difference × the quantity (prorated for
 * %RECTIFY_RESOLUTION_PRORATED); when the type meant costs as much or more,
 * nothing is due back and this fails with %RECTIFY_BILLING_ERROR_INVALID.
 */
gboolean
rectify_case_compute_amount (RectifyCase        *self,
                             RectifyResolution   resolution,
                             const GDate        *today,
                             gint64             *out_minor,
                             GError            **error)
{
  gint64 unit, count;
  int remaining = 0;
  int in_cycle = 1;

  g_return_val_if_fail (RECTIFY_IS_CASE (self), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);
  g_return_val_if_fail (out_minor != NULL, FALSE);

  count = rectify_case_get_affected_count (self);
  if (count < 0 || !rectify_case_get_unit_price_minor (self, &unit) ||
      (self->scenario == RECTIFY_SCENARIO_WRONG_TYPE &&
       !rectify_case_get_price_difference (self, &unit)))
    {
      g_set_error_literal (error, RECTIFY_BILLING_ERROR, RECTIFY_BILLING_ERROR_INVALID,
                           _("The licence details are not complete yet"));
      return FALSE;
    }

  if (unit <= 0 && self->scenario == RECTIFY_SCENARIO_WRONG_TYPE)
    {
      g_set_error_literal (error, RECTIFY_BILLING_ERROR, RECTIFY_BILLING_ERROR_INVALID,
                           _("The type you meant costs as much or more, so no money is due "
                             "back"));
      return FALSE;
    }

  if (g_date_valid (&self->next_billing))
    {
      remaining = rectify_billing_days_remaining (today, &self->next_billing, self->period);
      in_cycle = rectify_billing_days_in_cycle (&self->next_billing, self->period);
    }
  else if (resolution == RECTIFY_RESOLUTION_PRORATED)
    {
      g_set_error_literal (error, RECTIFY_BILLING_ERROR, RECTIFY_BILLING_ERROR_INVALID,
                           _("The next billing date is needed to prorate"));
      return FALSE;
    }

  return rectify_billing_resolution_amount (resolution, unit, count, remaining, in_cycle,
                                            out_minor, error);
}

/**
 * rectify_case_get_submission:
 * @self: a #RectifyCase
 *
 * The case's send record, for anyone to read and follow (notify); the
 * getters below read the same.
 *
 * Returns: (transfer none): the submission
 */
RectifySubmission *
rectify_case_get_submission (RectifyCase *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), NULL);

  /* Someone may watch it from now on: it is made, and kept. */
  return write_submission (self);
}

RectifySendState
rectify_case_get_send_state (RectifyCase *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), RECTIFY_SEND_STATE_DRAFT);

  return rectify_submission_get_state (read_submission (self));
}

/**
 * rectify_case_set_send_state:
 * @self: a #RectifyCase
 * @state: where the case is in the outbox
 * @reason: (nullable): why, for the waiting, failed and needs-confirmation states
 *
 * For the outbox (rectify_outbox_mark_sent_elsewhere() included) and the
 * case file only; see rectify-submission-private.h.
 */
void
rectify_case_set_send_state (RectifyCase             *self,
                             RectifySendState         state,
                             const RectifySendReason *reason)
{
  gboolean was_submitted;
  guint changed;

  g_return_if_fail (RECTIFY_IS_CASE (self));

  /* A draft without a reason, as a case without a record is. */
  if (self->submission == NULL && state == RECTIFY_SEND_STATE_DRAFT &&
      (reason == NULL || reason->code == RECTIFY_SEND_REASON_NONE))
    return;

  was_submitted = rectify_case_is_submitted (self);
  changed = rectify_submission_set_state (write_submission (self), state, reason);

  if (changed & RECTIFY_SUBMISSION_STATE_CHANGED)
    {
      /* The moment it reaches support fixes what the statement should show:
       * a prorated amount computed later would be for fewer days. */
      if (!was_submitted && rectify_case_is_submitted (self) && self->loading == 0)
        {
          g_autoptr(GDateTime) now = rectify_clock_now_utc ();
          gint64 expected;
          GDate today;

          rectify_clock_get_today (&today);
          if (!rectify_case_compute_amount (self, self->resolution, &today, &expected, NULL))
            expected = -1;
          rectify_submission_set_submitted (write_submission (self), now, expected);
        }

      /* Back to a draft, or failed with nothing on the desk: nothing was
       * sent, so there is nothing to keep as sent. */
      if ((state == RECTIFY_SEND_STATE_DRAFT || state == RECTIFY_SEND_STATE_FAILED) &&
          self->loading == 0 &&
          rectify_submission_set_snapshot (write_submission (self), NULL, NULL, NULL))
        {
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SENT_SUBJECT]);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SENT_BODY]);
        }

      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEND_STATE]);
    }

  if (changed & RECTIFY_SUBMISSION_REASON_CHANGED)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEND_REASON]);

  if (changed != 0)
    case_changed (self);
}

/**
 * rectify_case_get_send_reason:
 * @self: a #RectifyCase
 *
 * Why the case is where it is in the outbox (waiting, failed, needs
 * confirmation), as a code for the UI to word.
 *
 * Returns: (transfer none) (nullable): the reason, or %NULL
 */
const RectifySendReason *
rectify_case_get_send_reason (RectifyCase *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), NULL);

  return rectify_submission_get_reason (read_submission (self));
}

/* The desk's request number, or 0 while it is not known. */
gint64
rectify_case_get_request_id (RectifyCase *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), 0);

  return rectify_submission_get_request_id (read_submission (self));
}

const char *
rectify_case_get_request_url (RectifyCase *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), NULL);

  return rectify_submission_get_request_url (read_submission (self));
}

/* The request's status as the desk last said ("new", "open", …), or %NULL. */
const char *
rectify_case_get_request_status (RectifyCase *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), NULL);

  return rectify_submission_get_request_status (read_submission (self));
}

/**
 * rectify_case_set_request:
 * @self: a #RectifyCase
 * @id: the desk's request number, or 0 while it is not known
 * @url: (nullable): the request's help-centre page
 * @status: (nullable): its status
 *
 * What the desk said about the request made for this case.
 */
void
rectify_case_set_request (RectifyCase *self,
                          gint64       id,
                          const char  *url,
                          const char  *status)
{
  gint64 old_id;
  g_autofree char *old_url = NULL;
  g_autofree char *old_status = NULL;

  g_return_if_fail (RECTIFY_IS_CASE (self));
  g_return_if_fail (id >= 0);

  /* Here and below: what would leave a blank record as it is makes none. */
  if (self->submission == NULL && id == 0 && url == NULL && status == NULL)
    return;

  old_id = rectify_case_get_request_id (self);
  old_url = g_strdup (rectify_case_get_request_url (self));
  old_status = g_strdup (rectify_case_get_request_status (self));
  if (!rectify_submission_set_request (write_submission (self), id, url, status))
    return;

  if (old_id != id)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUEST_ID]);
  if (g_strcmp0 (old_url, url) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUEST_URL]);
  if (g_strcmp0 (old_status, status) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUEST_STATUS]);
  case_changed (self);
}

/* The newest reply of support's the owner was told of, saved with the case
 * so that it is told once, across restarts and the check run at login. */
void
rectify_case_set_last_reply_id (RectifyCase *self,
                                gint64       id)
{
  g_return_if_fail (RECTIFY_IS_CASE (self));

  if (self->submission == NULL && id == 0)
    return;

  if (rectify_submission_set_last_reply_id (write_submission (self), id))
    case_changed (self);
}

/**
 * rectify_case_get_send_attempts:
 * @self: a #RectifyCase
 *
 * How many times the outbox sent the request to the desk without learning
 * whether it arrived (0 once the outcome is known). With credentials, the
 * outbox looks the request up after such an attempt and sends again at most
 * once; see rectify_outbox_send().
 */
guint
rectify_case_get_send_attempts (RectifyCase *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), 0);

  return rectify_submission_get_attempts (read_submission (self));
}

/* When the outbox last sent the request to the desk, or %NULL. */
GDateTime *
rectify_case_get_last_attempt (RectifyCase *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), NULL);

  return rectify_submission_get_last_attempt (read_submission (self));
}

/**
 * rectify_case_set_send_attempts:
 * @self: a #RectifyCase
 * @attempts: sends whose outcome is not known
 * @last_attempt: (nullable): when the last one went out
 *
 * For the outbox, which saves them before each send, and the store.
 */
void
rectify_case_set_send_attempts (RectifyCase *self,
                                guint        attempts,
                                GDateTime   *last_attempt)
{
  g_return_if_fail (RECTIFY_IS_CASE (self));

  if (self->submission == NULL && attempts == 0 && last_attempt == NULL)
    return;

  if (rectify_submission_set_attempts (write_submission (self), attempts, last_attempt))
    case_changed (self);
}

/* The subject of the request as it went to the desk, or %NULL before. */
const char *
rectify_case_get_sent_subject (RectifyCase *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), NULL);

  return rectify_submission_get_sent_subject (read_submission (self));
}

/* The body of the request as it went to the desk, or %NULL before. */
const char *
rectify_case_get_sent_body (RectifyCase *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), NULL);

  return rectify_submission_get_sent_body (read_submission (self));
}

/**
 * rectify_case_get_sent_attachments:
 * @self: a #RectifyCase
 *
 * The names of the files that went with the request, in order.
 *
 * Returns: (transfer none) (nullable): the names, %NULL before sending
 */
const char * const *
rectify_case_get_sent_attachments (RectifyCase *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), NULL);

  return rectify_submission_get_sent_attachments (read_submission (self));
}

/**
 * rectify_case_set_sent_snapshot:
 * @self: a #RectifyCase
 * @subject: (nullable): the subject as it went out
 * @body: (nullable): the body as it went out
 * @attachments: (nullable) (array zero-terminated=1): the file names
 *
 * For the outbox, just before the create call goes out, and the case file.
 * All %NULL forgets the snapshot.
 */
void
rectify_case_set_sent_snapshot (RectifyCase        *self,
                                const char         *subject,
                                const char         *body,
                                const char * const *attachments)
{
  g_return_if_fail (RECTIFY_IS_CASE (self));

  if (self->submission == NULL && subject == NULL && body == NULL && attachments == NULL)
    return;

  if (!rectify_submission_set_snapshot (write_submission (self), subject, body, attachments))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SENT_SUBJECT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SENT_BODY]);
  case_changed (self);
}

/* When the request reached support (or the owner said it did), or %NULL. */
GDateTime *
rectify_case_get_submitted_at (RectifyCase *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), NULL);

  return rectify_submission_get_submitted_at (read_submission (self));
}

/**
 * rectify_case_get_expected_minor:
 * @self: a #RectifyCase
 * @out_minor: (out): the amount
 *
 * The adjustment the next statement should show, as computed when the
 * request reached support, in minor units of the case's currency.
 *
 * Returns: whether it is known
 */
gboolean
rectify_case_get_expected_minor (RectifyCase *self,
                                 gint64      *out_minor)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), FALSE);

  return rectify_submission_get_expected_minor (read_submission (self), out_minor);
}

/* For the store: restores when it was submitted and what was expected. */
void
rectify_case_restore_submission (RectifyCase *self,
                                 GDateTime   *submitted_at,
                                 gint64       expected_minor)
{
  g_return_if_fail (RECTIFY_IS_CASE (self));

  if (self->submission == NULL && submitted_at == NULL && expected_minor < 0)
    return;

  rectify_submission_set_submitted (write_submission (self), submitted_at, expected_minor);
}

/* Whether the request reached support, through Rectify or otherwise. */
gboolean
rectify_case_is_submitted (RectifyCase *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), FALSE);

  return rectify_submission_is_submitted (read_submission (self));
}

/**
 * rectify_case_is_locked:
 * @self: a #RectifyCase
 *
 * Whether what the request says is fixed: from the moment it is queued, as
 * long as it is not a draft again or failed. A later change goes to support
 * as a correction on the same request.
 *
 * Returns: whether the request's fields are read-only
 */
gboolean
rectify_case_is_locked (RectifyCase *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), FALSE);

  return rectify_submission_is_locked (read_submission (self));
}

/**
 * rectify_case_is_finished:
 * @self: a #RectifyCase
 *
 * Whether nothing is left to do: the request reached support and every
 * follow-up step is ticked.
 */
gboolean
rectify_case_is_finished (RectifyCase *self)
{
  g_auto(GStrv) items = NULL;

  g_return_val_if_fail (RECTIFY_IS_CASE (self), FALSE);

  if (!rectify_case_is_submitted (self))
    return FALSE;

  items = rectify_case_dup_checklist_items (self);
  for (guint i = 0; items[i] != NULL; i++)
    if (!rectify_checklist_item_is_optional (items[i]) &&
        rectify_case_get_checklist_done (self, items[i]) == NULL)
      return FALSE;

  return TRUE;
}

/**
 * rectify_case_is_blank:
 * @self: a #RectifyCase
 *
 * Whether the owner has entered nothing yet (the currency it starts with
 * does not count).
 */
gboolean
rectify_case_is_blank (RectifyCase *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), FALSE);

  if (self->scenario != RECTIFY_SCENARIO_NONE ||
      g_date_valid (&self->purchase_date) || g_date_valid (&self->next_billing) ||
      g_date_valid (&self->invoice_date) || self->prices_include_tax ||
      count_attachments (self) > 0 ||
      self->resolution != RECTIFY_RESOLUTION_NONE ||
      rectify_case_get_send_state (self) != RECTIFY_SEND_STATE_DRAFT ||
      rectify_case_get_n_checklist_ticks (self) > 0)
    return FALSE;

  for (guint i = 0; i < RECTIFY_N_TEXTS; i++)
    if (i != RECTIFY_TEXT_CURRENCY && self->texts[i] != NULL && *self->texts[i] != '\0')
      return FALSE;

  return TRUE;
}

/**
 * rectify_case_dup_checklist_items:
 * @self: a #RectifyCase
 *
 * The follow-up steps that apply to the case, in order (see
 * rectify_checklist_dup_items()).
 *
 * Returns: (transfer full): the item ids
 */
GStrv
rectify_case_dup_checklist_items (RectifyCase *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), NULL);

  return rectify_checklist_dup_items (self->scenario);
}

typedef struct
{
  char      *item;     /* a shared text (rectify-shared-text.c) */
  GDateTime *done_at;
} ChecklistTick;

static void
checklist_tick_clear (gpointer data)
{
  ChecklistTick *tick = data;

  rectify_shared_text_free (tick->item);
  g_date_time_unref (tick->done_at);
}

/* The position of @item, or where it would go, in *out_position. */
static gboolean
find_checklist_tick (RectifyCase *self,
                     const char  *item,
                     guint       *out_position)
{
  guint i = 0;

  for (; self->checklist != NULL && i < self->checklist->len; i++)
    {
      int order = strcmp (g_array_index (self->checklist, ChecklistTick, i).item, item);

      if (order >= 0)
        {
          *out_position = i;
          return order == 0;
        }
    }

  *out_position = i;
  return FALSE;
}

/* Ticks @item at @done_at (taken), or moves its time there. */
static void
put_checklist_tick (RectifyCase *self,
                    const char  *item,
                    GDateTime   *done_at)
{
  ChecklistTick tick = { NULL, done_at };
  guint position;

  if (find_checklist_tick (self, item, &position))
    {
      ChecklistTick *held = &g_array_index (self->checklist, ChecklistTick, position);

      g_date_time_unref (held->done_at);
      held->done_at = done_at;
      return;
    }

  /* Made when the first item is ticked: most loaded cases have none. */
  if (self->checklist == NULL)
    {
      self->checklist = g_array_sized_new (FALSE, FALSE, sizeof (ChecklistTick), 1);
      g_array_set_clear_func (self->checklist, checklist_tick_clear);
    }
  tick.item = rectify_shared_text_dup (item);
  g_array_insert_val (self->checklist, position, tick);
}

/* When @item was ticked, or %NULL when it is not. */
GDateTime *
rectify_case_get_checklist_done (RectifyCase *self,
                                 const char  *item)
{
  guint position;

  g_return_val_if_fail (RECTIFY_IS_CASE (self), NULL);
  g_return_val_if_fail (item != NULL, NULL);

  if (!find_checklist_tick (self, item, &position))
    return NULL;

  return g_array_index (self->checklist, ChecklistTick, position).done_at;
}

void
rectify_case_set_checklist_done (RectifyCase *self,
                                 const char  *item,
                                 gboolean     done)
{
  guint position;

  g_return_if_fail (RECTIFY_IS_CASE (self));
  g_return_if_fail (item != NULL);

  if (done == find_checklist_tick (self, item, &position))
    return;

  if (done)
    put_checklist_tick (self, item, rectify_clock_now_utc ());
  else
    g_array_remove_index (self->checklist, position);

  case_changed (self);
}

/* For the store: restores a ticked item with its time. */
void
rectify_case_restore_checklist_item (RectifyCase *self,
                                     const char  *item,
                                     GDateTime   *done_at)
{
  g_return_if_fail (RECTIFY_IS_CASE (self));
  g_return_if_fail (item != NULL && done_at != NULL);

  put_checklist_tick (self, item, g_date_time_ref (done_at));
}

/* For the case file: how many items are ticked. */
guint
rectify_case_get_n_checklist_ticks (RectifyCase *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), 0);

  return self->checklist != NULL ? self->checklist->len : 0;
}

/**
 * rectify_case_get_checklist_tick:
 * @self: a #RectifyCase
 * @position: less than rectify_case_get_n_checklist_ticks()
 * @out_done_at: (out) (transfer none): when it was ticked
 *
 * For the case file: the ticked items, in the byte order of their ids.
 *
 * Returns: (transfer none): the item's id
 */
const char *
rectify_case_get_checklist_tick (RectifyCase  *self,
                                 guint         position,
                                 GDateTime   **out_done_at)
{
  const ChecklistTick *tick;

  g_return_val_if_fail (RECTIFY_IS_CASE (self), NULL);
  g_return_val_if_fail (position < rectify_case_get_n_checklist_ticks (self), NULL);

  tick = &g_array_index (self->checklist, ChecklistTick, position);
  *out_done_at = tick->done_at;
  return tick->item;
}

/* The page the owner was on, so reopening the case brings them back. */
RectifyStep
rectify_case_get_current_step (RectifyCase *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), RECTIFY_STEP_IDENTIFY);

  return self->current_step;
}

void
rectify_case_set_current_step (RectifyCase *self,
                               RectifyStep  step)
{
  g_return_if_fail (RECTIFY_IS_CASE (self));
  g_return_if_fail (step < RECTIFY_N_STEPS);

  if (self->current_step == step)
    return;

  self->current_step = step;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_STEP]);
  /* Saved, but not a change to the case itself: it keeps its time. */
  if (self->loading == 0)
    g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * rectify_case_get_step_complete:
 * @self: a #RectifyCase
 * @step: the step to ask about
 *
 * Whether everything @step asks for is present and valid (warnings allowed),
 * and the steps before it are complete too, so the flow may move past it.
 */
gboolean
rectify_case_get_step_complete (RectifyCase *self,
                                RectifyStep  step)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), FALSE);
  g_return_val_if_fail (step < RECTIFY_N_STEPS, FALSE);

  return self->complete[step];
}

/**
 * rectify_case_get_problems:
 * @self: a #RectifyCase
 * @step: a step
 *
 * Returns: (transfer none) (element-type RectifyProblem): what validation
 *   found on @step, in the order of the page's fields; for reading only
 */
GPtrArray *
rectify_case_get_problems (RectifyCase *self,
                           RectifyStep  step)
{
  static GPtrArray *none;

  g_return_val_if_fail (RECTIFY_IS_CASE (self), NULL);
  g_return_val_if_fail (step < RECTIFY_N_STEPS, NULL);

  if (self->problems[step] != NULL)
    return self->problems[step];

  /* A step that never had a problem: one empty array, shared. */
  if (g_once_init_enter (&none))
    g_once_init_leave (&none, g_ptr_array_new ());
  return none;
}

/**
 * rectify_case_get_field_problem:
 * @self: a #RectifyCase
 * @field: a property name
 *
 * Returns: (transfer none) (nullable): the first problem with @field
 */
const RectifyProblem *
rectify_case_get_field_problem (RectifyCase *self,
                                const char  *field)
{
  g_return_val_if_fail (RECTIFY_IS_CASE (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  for (guint step = 0; step < RECTIFY_N_STEPS; step++)
    for (guint i = 0; self->problems[step] != NULL && i < self->problems[step]->len; i++)
      {
        const RectifyProblem *problem = g_ptr_array_index (self->problems[step], i);

        if (g_str_equal (problem->field, field))
          return problem;
      }

  return NULL;
}

/**
 * rectify_case_duplicate:
 * @self: a #RectifyCase
 *
 * A new case to send, with a reference of its own, holding what the owner
 * typed into @self: the mistake, the dates, the details and the resolution.
 * Nothing of what followed comes along: not the send record (state,
 * request number, the text that went out), not the checklist, not the
 * statement's amount; nor the attachments, which belong to the first
 * request's purchase.
 *
 * Returns: (transfer full): the copy, a draft
 */
RectifyCase *
rectify_case_duplicate (RectifyCase *self)
{
  RectifyCase *copy;

  g_return_val_if_fail (RECTIFY_IS_CASE (self), NULL);

  copy = rectify_case_new_for_reference (NULL, NULL);
  copy->loading++;
  rectify_case_set_scenario (copy, self->scenario);
  rectify_case_set_purchase_date (copy, &self->purchase_date);
  rectify_case_set_next_billing (copy, &self->next_billing);
  rectify_case_set_period (copy, self->period);
  rectify_case_set_invoice_date (copy, &self->invoice_date);
  rectify_case_set_prices_include_tax (copy, self->prices_include_tax);
  for (guint i = 0; i < RECTIFY_N_TEXTS; i++)
    if (i != RECTIFY_TEXT_STATEMENT_AMOUNT)
      rectify_case_set_text (copy, i, self->texts[i]);
  rectify_case_set_price_confirmed (copy, RECTIFY_TEXT_UNIT_PRICE,
                                    self->price_confirmed[RECTIFY_TEXT_UNIT_PRICE]);
  rectify_case_set_price_confirmed (copy, RECTIFY_TEXT_INTENDED_PRICE,
                                    self->price_confirmed[RECTIFY_TEXT_INTENDED_PRICE]);
  rectify_case_set_resolution (copy, self->resolution);
  copy->loading--;
  rectify_case_revalidate (copy);

  return copy;
}
