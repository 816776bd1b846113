/* rectify-window.c: the main window, the case list and the flow of one case
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rectify-case-row.h"
#include "rectify-case-status.h"
#include "rectify-details-page.h"
#include "rectify-followup-page.h"
#include "rectify-growing-model.h"
#include "rectify-identify-page.h"
#include "rectify-request-monitor.h"
#include "rectify-resolution-page.h"
#include "rectify-welcome.h"
#include "rectify-window.h"

/* The window shows the store's cases in a sidebar and one case through the
 * four pages. It owns no case state: the pages bind to the case, navigation
 * asks the pages whether they are complete and applicable, and the page the
 * owner is on is kept in the case so reopening it comes back there. */

struct _RectifyWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  RectifyCaseStore     *store;
  RectifyOutbox        *outbox;
  RectifyRequestMonitor *monitor;
  RectifyCase          *rcase;
  GtkSingleSelection   *selection;
  /* The cases the list shows: all of them, but while they fill it after
   * loading, those from the case shown on, a few more each frame. */
  RectifyGrowingModel  *shown_cases;
  /* Of those, the ones the search finds; all of them without a search. */
  GtkFilterListModel   *found_cases;
  GtkCustomFilter      *search_filter;
  char                 *search_term;
  guint                 grow_source;
  GtkLabel             *loading_label;
  guint                 loading_source;
  guint                 toast_names_source;
  gboolean              switching;

  AdwToastOverlay      *toast_overlay;
  AdwFlap              *flap;
  GtkListView          *case_list;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkStack             *list_stack;
  GtkWidget            *list_scroller;
  /* Made the first time a search finds nothing. */
  GtkWidget            *no_match_page;
  /* What to have at hand, while the only case is a new untouched one: in
   * the sidebar, and above step 1 when the sidebar is folded away. Made
   * the first time it is needed. */
  GtkWidget            *welcome;
  GtkWidget            *intro;
  AdwWindowTitle       *window_title;
  GtkWidget            *next_button;
  GtkProgressBar       *step_progress;
  GtkRevealer          *save_error_revealer;
  GtkLabel             *save_error_label;
  GtkStack             *stack;
  GtkMenuButton        *primary_menu_button;
  GMenuModel           *primary_menu;
  /* Each page is made the first time it shows, which keeps start-up
   * close to a bare window's: a window opening on step 4 makes only
   * step 4. */
  RectifyPage          *pages[RECTIFY_N_STEPS];
};

G_DEFINE_FINAL_TYPE (RectifyWindow, rectify_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CASE,
  PROP_STORE,
  PROP_OUTBOX,
  PROP_MONITOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
page_type (guint step)
{
  switch (step)
    {
    case RECTIFY_STEP_IDENTIFY:
      return RECTIFY_TYPE_IDENTIFY_PAGE;
    case RECTIFY_STEP_DETAILS:
      return RECTIFY_TYPE_DETAILS_PAGE;
    case RECTIFY_STEP_RESOLUTION:
      return RECTIFY_TYPE_RESOLUTION_PAGE;
    case RECTIFY_STEP_FOLLOW_UP:
    default:
      return RECTIFY_TYPE_FOLLOWUP_PAGE;
    }
}

static void connect_entry_rows (RectifyWindow *self,
                                GtkWidget     *widget);
static void on_case_activated  (RectifyWindow *self,
                                guint          position);
static void update_list_placeholder (RectifyWindow *self);

/* libadwaita 1.2 names a toast's button after its label with the mnemonic
 * ("_Undo Undo" is what a screen reader says) and its close button not at
 * all ("GtkImage"): each toast on screen gets plain names. */
static void
name_toast_buttons (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child))
        {
          /* The label it shows names it already, without the underscore. */
          if (gtk_button_get_label (GTK_BUTTON (child)) != NULL)
            gtk_accessible_reset_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL);
          else
            gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                            GTK_ACCESSIBLE_PROPERTY_LABEL, _("Close"), -1);
          continue;
        }

      name_toast_buttons (child);
    }
}

static void
name_shown_toasts (AdwToastOverlay *overlay)
{
  GtkWidget *content = adw_toast_overlay_get_child (overlay);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (overlay));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (child != content)
      name_toast_buttons (child);
}

static gboolean
name_shown_toasts_cb (gpointer user_data)
{
  RectifyWindow *self = user_data;

  self->toast_names_source = 0;
  name_shown_toasts (self->toast_overlay);
  return G_SOURCE_REMOVE;
}

/* The next toast in the queue shows now: name its buttons too. */
static void
on_toast_gone (RectifyWindow *self)
{
  /* Not while the window goes (its template children are gone then). */
  if (self->toast_overlay != NULL && self->toast_names_source == 0)
    self->toast_names_source = g_idle_add (name_shown_toasts_cb, self);
}

/* Every toast of the window comes through here (transfer full, like
 * adw_toast_overlay_add_toast()). A toast shows at once, or once the one
 * before it goes. */
static void
add_toast (RectifyWindow *self,
           AdwToast      *toast)
{
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_toast_gone), self,
                           G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  name_shown_toasts (self->toast_overlay);
}

static void
on_page_toast (RectifyWindow *self,
               AdwToast      *toast)
{
  add_toast (self, g_object_ref (toast));
}

/* What a page works with, given where the window makes it: the outbox for
 * sending, the monitor for reading back, to the pages that have them. */
static void
give_page (RectifyWindow *self,
           RectifyPage   *page)
{
  GObjectClass *klass = G_OBJECT_GET_CLASS (page);

  if (g_object_class_find_property (klass, "outbox") != NULL)
    g_object_set (page, "outbox", self->outbox, NULL);
  if (g_object_class_find_property (klass, "monitor") != NULL)
    g_object_set (page, "monitor", self->monitor, NULL);
}

/* The page of @step, made when it does not exist yet. */
static RectifyPage *
ensure_page (RectifyWindow *self,
             guint          step)
{
  g_return_val_if_fail (step < RECTIFY_N_STEPS, NULL);

  if (self->pages[step] == NULL)
    {
      self->pages[step] = g_object_new (page_type (step), NULL);
      g_signal_connect_object (self->pages[step], "toast", G_CALLBACK (on_page_toast), self,
                               G_CONNECT_SWAPPED);
      give_page (self, self->pages[step]);
      gtk_stack_add_child (self->stack, GTK_WIDGET (self->pages[step]));
      connect_entry_rows (self, GTK_WIDGET (self->pages[step]));
      rectify_page_set_case (self->pages[step], self->rcase);
    }

  return self->pages[step];
}

static guint
get_current_index (RectifyWindow *self)
{
  GtkWidget *visible = gtk_stack_get_visible_child (self->stack);

  for (guint i = 0; i < RECTIFY_N_STEPS; i++)
    if (self->pages[i] != NULL && GTK_WIDGET (self->pages[i]) == visible)
      return i;

  return 0;
}

/* What navigation needs comes from the case and the page classes' rules,
 * so a page does not have to exist to be gone past or skipped. */
static gboolean
step_applicable (RectifyWindow *self,
                 guint          step)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (page_type (step));

  return rectify_page_class_applies_to (RECTIFY_PAGE_CLASS (klass), self->rcase);
}

static gboolean
step_complete (RectifyWindow *self,
               guint          step)
{
  return self->rcase != NULL && rectify_case_get_step_complete (self->rcase, step);
}

/* The nearest applicable page from @from in direction @delta, or -1. */
static int
find_applicable (RectifyWindow *self,
                 int            from,
                 int            delta)
{
  for (int i = from + delta; i >= 0 && i < RECTIFY_N_STEPS; i += delta)
    if (step_applicable (self, i))
      return i;

  return -1;
}

/* Whether the owner may be on @step: every page before it complete. */
static gboolean
step_reachable (RectifyWindow *self,
                guint          step)
{
  if (!step_applicable (self, step))
    return FALSE;

  for (guint i = 0; i < step; i++)
    if (step_applicable (self, i) && !step_complete (self, i))
      return FALSE;

  return TRUE;
}

static void
update_navigation (RectifyWindow *self)
{
  guint current = get_current_index (self);
  RectifyPage *page = ensure_page (self, current);
  g_autofree char *subtitle = NULL;
  int next = find_applicable (self, current, +1);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-back",
                                 find_applicable (self, current, -1) >= 0);
  /* Next stays clickable on an incomplete step: it then shows what is
   * missing rather than doing nothing. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-next", next >= 0);
  /* Nothing comes after the last step (the follow-up opens once sent). */
  gtk_widget_set_visible (self->next_button, next >= 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-case", self->rcase != NULL);

  /* Translators: the step indicator under the window title, e.g. "Step 2 of 4" */
  subtitle = g_strdup_printf (_("Step %u of %u"), current + 1, RECTIFY_N_STEPS);
  adw_window_title_set_title (self->window_title, rectify_page_get_title (page));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_progress_bar_set_fraction (self->step_progress,
                                 (double)(current + 1) / RECTIFY_N_STEPS);

  if (self->list_stack != NULL)
    update_list_placeholder (self);
}

static void
on_visible_page_changed (RectifyWindow *self)
{
  update_navigation (self);

  if (self->rcase != NULL && !self->switching)
    rectify_case_set_current_step (self->rcase, get_current_index (self));
}

/* The keyboard starts on the step's first field, not on the window's
 * buttons. Only once the step is on screen: a field given the focus before
 * it is mapped keeps a blinking cursor it no longer owns. */
static void
focus_first_field (RectifyWindow *self)
{
  RectifyPage *page = rectify_window_get_visible_page (self);
  GtkWidget *focus;

  if (page == NULL || !gtk_widget_get_mapped (GTK_WIDGET (page)))
    return;

  /* Already there (the window mapped, then the step shown): Tab forward
   * again would move on to the second field. */
  focus = gtk_window_get_focus (GTK_WINDOW (self));
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (page)))
    return;

  if (!gtk_widget_child_focus (GTK_WIDGET (page), GTK_DIR_TAB_FORWARD))
    return;

  /* A selectable label (a sent request's text) selects all it holds when
   * it takes the focus: not wanted here. */
  focus = gtk_window_get_focus (GTK_WINDOW (self));
  if (GTK_IS_LABEL (focus))
    gtk_label_select_region (GTK_LABEL (focus), 0, 0);
}

static void
go_to (RectifyWindow *self,
       int            index)
{
  GtkStackTransitionType transition = GTK_STACK_TRANSITION_TYPE_NONE;

  if (index < 0 || index >= RECTIFY_N_STEPS)
    return;

  /* Pages join the stack in the order they are first shown, so the slide
   * goes by step, not by the stack's order; another case just shows. */
  if (!self->switching && gtk_stack_get_visible_child (self->stack) != NULL)
    transition = (guint) index >= get_current_index (self) ? GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT
                                                           : GTK_STACK_TRANSITION_TYPE_SLIDE_RIGHT;
  gtk_stack_set_transition_type (self->stack, transition);
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (ensure_page (self, index)));

  /* Choosing another case in the list leaves the keyboard in the list. */
  if (!self->switching)
    focus_first_field (self);
}

static void
rectify_window_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (rectify_window_parent_class)->map (widget);

  focus_first_field (RECTIFY_WINDOW (widget));
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RectifyWindow *self = RECTIFY_WINDOW (widget);

  go_to (self, find_applicable (self, get_current_index (self), -1));
}

static void
go_next_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RectifyWindow *self = RECTIFY_WINDOW (widget);
  guint current = get_current_index (self);

  /* Too early: every problem of the step, and the focus on the first. */
  if (!step_complete (self, current))
    {
      rectify_page_show_problems (ensure_page (self, current));
      return;
    }

  go_to (self, find_applicable (self, current, +1));
}

/* win.show-step(i): for pages that send the owner elsewhere (to the details
 * after support refused a field, to the follow-up once sent). Refuses a step
 * that cannot be reached yet. */
static void
show_step_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RectifyWindow *self = RECTIFY_WINDOW (widget);
  int step = g_variant_get_int32 (parameter);

  if (step >= 0 && step < RECTIFY_N_STEPS && step_reachable (self, step))
    go_to (self, step);
}

static void
select_case_in_list (RectifyWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  /* Usually still selected: the selection follows an item that moves. */
  if (self->rcase != NULL &&
      gtk_single_selection_get_selected_item (self->selection) == (gpointer)self->rcase)
    return;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RectifyCase) item = g_list_model_get_item (G_LIST_MODEL (self->selection), i);

      if (item == self->rcase)
        {
          gtk_single_selection_set_selected (self->selection, i);
          /* The case shown may be far down (the one left, read ahead). */
          if (gtk_list_view_get_model (self->case_list) != NULL)
            gtk_widget_activate_action (GTK_WIDGET (self->case_list), "list.scroll-to-item",
                                        "u", i);
          return;
        }
    }

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

static void
on_store_items_changed (RectifyWindow *self)
{
  RectifyCase *held;

  /* The case shown was read ahead and loading found a copy that got
   * further (its send record): show that one. */
  if (self->rcase != NULL &&
      (held = rectify_case_store_lookup (self->store,
                                         rectify_case_get_reference (self->rcase))) != NULL &&
      held != self->rcase)
    {
      rectify_window_set_case (self, held);
      return;
    }

  /* A case moves to the top as it changes: keep it selected. */
  select_case_in_list (self);
  update_list_placeholder (self);
}

static void
new_case (RectifyWindow *self)
{
  g_autoptr(RectifyCase) rcase = NULL;

  /* Nothing typed in this one yet: it already is a new case. */
  if (self->rcase != NULL && rectify_case_is_blank (self->rcase))
    {
      go_to (self, RECTIFY_STEP_IDENTIFY);
      return;
    }

  rcase = rectify_case_new ();
  if (self->store != NULL)
    rectify_case_store_add (self->store, rcase);
  rectify_window_set_case (self, rcase);
  /* A new case starts on its first field, wherever the keyboard was. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  focus_first_field (self);
}

static void
new_case_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RectifyWindow *self = RECTIFY_WINDOW (widget);

  new_case (self);
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

/* The case to open: the most recently changed that still needs something
 * from the owner, else a new one. */
static void
open_initial_case (RectifyWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RectifyCase) rcase = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (!rectify_case_is_finished (rcase))
        {
          rectify_window_set_case (self, rcase);
          return;
        }
    }

  new_case (self);
}

/* Once loaded, the list shows the case shown at its top and a few after
 * it, then more at each frame: a GTK 4.8 list view makes and lays out a
 * row for each of the 200 or so items after the one at its top, all at
 * once (some 100 µs each), so those come 16 a frame; past them, more items
 * cost nearly nothing, and the run triples. Starting at the case shown,
 * not at the top of the list, spares the jump to it, thousands of rows
 * down, that would make every row again at once. Rows come below first:
 * cases added above the rows have the list bind every row again, and it
 * makes rows for only a couple of them. */
#define FIRST_SHOWN_CASES 16
#define ROWS_MADE_AHEAD   256
#define GROW_INTERVAL_MS  16

static gboolean
grow_shown_cases (gpointer user_data)
{
  RectifyWindow *self = user_data;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->shown_cases));
  guint below;

  if (rectify_growing_model_is_complete (self->shown_cases))
    {
      self->grow_source = 0;
      select_case_in_list (self);
      return G_SOURCE_REMOVE;
    }

  if (n < ROWS_MADE_AHEAD)
    {
      /* What cannot go below (the end is near) goes above. */
      below = MIN (FIRST_SHOWN_CASES, g_list_model_get_n_items (G_LIST_MODEL (self->store)) -
                                      rectify_growing_model_get_start (self->shown_cases) - n);
      rectify_growing_model_grow (self->shown_cases, FIRST_SHOWN_CASES - below, below);
    }
  else
    rectify_growing_model_grow (self->shown_cases, n, n);
  return G_SOURCE_CONTINUE;
}

/* The list, once every case is read: the case shown and a few after it
 * first (grow_shown_cases() does the rest). */
static void
bind_case_list (RectifyWindow *self)
{
  guint position = 0;

  if (gtk_list_view_get_model (self->case_list) != NULL)
    return;

  g_clear_handle_id (&self->loading_source, g_source_remove);
  gtk_widget_set_visible (GTK_WIDGET (self->loading_label), FALSE);
  if (self->rcase != NULL)
    rectify_case_store_find (self->store, self->rcase, &position);
  rectify_growing_model_set_run (self->shown_cases, position, FIRST_SHOWN_CASES);
  gtk_list_view_set_model (self->case_list, GTK_SELECTION_MODEL (self->selection));
  select_case_in_list (self);
  self->grow_source = g_timeout_add (GROW_INTERVAL_MS, grow_shown_cases, self);
}

/* A few cases are read before the first frame is drawn; many take a
 * second: the sidebar says so, rather than look empty. */
#define LOADING_NOTE_DELAY_MS 300

static gboolean
show_loading_note (gpointer user_data)
{
  RectifyWindow *self = user_data;

  self->loading_source = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->loading_label), TRUE);
  return G_SOURCE_REMOVE;
}

/* Every case is read now. A window that opened before on a new case,
 * because the case the owner left was not known or not found, shows the
 * most recent unfinished one instead, unless something was entered (or it
 * was saved all the same: then it is a case of its own). */
static void
on_store_loaded (RectifyWindow *self)
{
  g_autoptr(RectifyCase) blank = NULL;
  GtkWidget *focus;
  gboolean focus_in_page;
  guint n;

  if (!rectify_case_store_is_loaded (self->store))
    return;

  /* The list opens where the case shown is, once that is settled. */
  if (self->rcase == NULL || !rectify_case_is_blank (self->rcase) ||
      rectify_case_store_is_written (self->store, self->rcase))
    {
      bind_case_list (self);
      return;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RectifyCase) rcase = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (rcase == self->rcase || rectify_case_is_finished (rcase))
        continue;

      focus = gtk_window_get_focus (GTK_WINDOW (self));
      focus_in_page = focus == NULL || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->stack));
      blank = g_object_ref (self->rcase);
      rectify_window_set_case (self, rcase);
      /* Never written (nothing was entered): it goes without a trace. */
      rectify_case_store_remove (self->store, blank);
      rectify_case_store_commit_remove (self->store, blank);
      if (focus_in_page)
        focus_first_field (self);
      break;
    }
  bind_case_list (self);
}

static void
on_toast_dismissed (AdwToast      *toast,
                    RectifyWindow *self)
{
  RectifyCase *rcase = g_object_get_data (G_OBJECT (toast), "rectify-case");

  /* Undone cases are back in the store; this only deletes the others. */
  if (self->store != NULL && rcase != NULL &&
      rectify_case_store_lookup (self->store, rectify_case_get_reference (rcase)) == NULL)
    rectify_case_store_commit_remove (self->store, rcase);
}

/* Deletes @rcase, with a toast to undo it that names it as the list did;
 * the window goes on with another case if it was showing that one. */
static void
delete_case (RectifyWindow *self,
             RectifyCase   *case_to_delete)
{
  g_autoptr(RectifyCase) rcase = g_object_ref (case_to_delete);
  g_autofree char *name = rectify_case_dup_list_title (rcase);
  g_autofree char *title = NULL;
  AdwToast *toast;

  rectify_case_store_remove (self->store, rcase);

  /* Translators: %s names the case as the case list does: the account, or
   * else the mistake ("Case “Acme SL” deleted") */
  title = g_strdup_printf (_("Case “%s” deleted"), name);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-delete");
  adw_toast_set_action_target_value (toast,
                                     g_variant_new_string (rectify_case_get_reference (rcase)));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "rectify-case", g_object_ref (rcase), g_object_unref);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_toast_dismissed), self, 0);
  add_toast (self, toast);

  if (rcase == self->rcase)
    open_initial_case (self);
}

static void
delete_case_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RectifyWindow *self = RECTIFY_WINDOW (widget);

  if (self->rcase == NULL || self->store == NULL)
    return;

  delete_case (self, self->rcase);
}

/* The case of @parameter (a reference) in the store, for the list's menu. */
static RectifyCase *
listed_case (RectifyWindow *self,
             GVariant      *parameter)
{
  if (self->store == NULL)
    return NULL;

  return rectify_case_store_lookup (self->store, g_variant_get_string (parameter, NULL));
}

static void
close_folded_sidebar (RectifyWindow *self)
{
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

/* win.delete-listed-case(reference): from a row's menu. */
static void
delete_listed_case_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  RectifyWindow *self = RECTIFY_WINDOW (widget);
  RectifyCase *rcase = listed_case (self, parameter);

  if (rcase != NULL)
    delete_case (self, rcase);
}

/* win.open-case(reference) */
static void
open_case_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RectifyWindow *self = RECTIFY_WINDOW (widget);
  RectifyCase *rcase = listed_case (self, parameter);

  if (rcase == NULL)
    return;

  rectify_window_set_case (self, rcase);
  close_folded_sidebar (self);
}

/* win.duplicate-case(reference): a new case with what the owner typed in
 * that one, shown from its first step. */
static void
duplicate_case_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RectifyWindow *self = RECTIFY_WINDOW (widget);
  RectifyCase *rcase = listed_case (self, parameter);
  g_autoptr(RectifyCase) copy = NULL;

  if (rcase == NULL)
    return;

  copy = rectify_case_duplicate (rcase);
  rectify_case_store_add (self->store, copy);
  rectify_window_set_case (self, copy);
  close_folded_sidebar (self);
  /* Not from where the keyboard was on the case left (its hidden pages). */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  focus_first_field (self);
}

/* Shift+F10 or the Menu key in the list: the focused row's menu. */
static gboolean
popup_row_menu (GtkWidget *list,
                GVariant  *args,
                gpointer   user_data)
{
  GtkWidget *item = gtk_widget_get_focus_child (list);
  GtkWidget *row = item != NULL ? gtk_widget_get_first_child (item) : NULL;

  if (row == NULL || !RECTIFY_IS_CASE_ROW (row))
    return FALSE;

  rectify_case_row_popup_menu (RECTIFY_CASE_ROW (row), NULL);
  return TRUE;
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RectifyWindow *self = RECTIFY_WINDOW (widget);
  RectifyCase *rcase;

  if (self->store == NULL)
    return;

  rcase = rectify_case_store_lookup_removed (self->store, g_variant_get_string (parameter, NULL));
  if (rcase == NULL)
    return;

  rectify_case_store_undo_remove (self->store, rcase);
  rectify_window_set_case (self, rcase);
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RectifyWindow *self = RECTIFY_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static gboolean
case_matches_search (gpointer item,
                     gpointer user_data)
{
  RectifyWindow *self = user_data;

  return self->search_term == NULL || rectify_case_matches_search (item, self->search_term);
}

/* Whether the owner has no case yet but the new one shown, untouched and
 * never written: the first start, or every case deleted. */
static gboolean
is_first_case (RectifyWindow *self)
{
  g_autoptr(RectifyCase) only = NULL;

  if (self->store == NULL || self->rcase == NULL || !rectify_case_store_is_loaded (self->store) ||
      g_list_model_get_n_items (G_LIST_MODEL (self->store)) != 1)
    return FALSE;

  only = g_list_model_get_item (G_LIST_MODEL (self->store), 0);
  return only == self->rcase && rectify_case_is_blank (only) &&
         !rectify_case_store_is_written (self->store, only);
}

/* The sidebar shows the list; or "No cases match" once the search has
 * looked at every case and found none; or, before the first case, what
 * to have at hand. */
static void
update_list_placeholder (RectifyWindow *self)
{
  gboolean first = is_first_case (self);
  gboolean none = self->search_term != NULL && self->found_cases != NULL &&
                  gtk_filter_list_model_get_pending (self->found_cases) == 0 &&
                  g_list_model_get_n_items (G_LIST_MODEL (self->found_cases)) == 0;
  GtkWidget *shown = self->list_scroller;

  if (first && self->welcome == NULL)
    {
      self->welcome = rectify_welcome_new ();
      gtk_stack_add_child (self->list_stack, self->welcome);
    }

  if (none && self->no_match_page == NULL)
    {
      self->no_match_page = adw_status_page_new ();
      adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->no_match_page),
                                     "system-search-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (self->no_match_page), _("No Cases Match"));
      adw_status_page_set_description (ADW_STATUS_PAGE (self->no_match_page),
                                       _("Search by account, owner name, licence type, case "
                                         "reference or request number."));
      gtk_widget_add_css_class (self->no_match_page, "compact");
      gtk_stack_add_child (self->list_stack, self->no_match_page);
    }

  if (none)
    shown = self->no_match_page;
  else if (first && self->search_term == NULL)
    shown = self->welcome;
  gtk_stack_set_visible_child (self->list_stack, shown);

  first = first && adw_flap_get_folded (self->flap) &&
          get_current_index (self) == RECTIFY_STEP_IDENTIFY;
  if (first && self->intro == NULL)
    {
      GtkWidget *content = gtk_widget_get_parent (GTK_WIDGET (self->toast_overlay));

      self->intro = gtk_label_new (_("Before you start, have at hand the invoice or statement "
                                     "that shows the licences, the purchase and next billing "
                                     "dates, how many licences were bought, and your account "
                                     "ID."));
      gtk_label_set_wrap (GTK_LABEL (self->intro), TRUE);
      gtk_label_set_xalign (GTK_LABEL (self->intro), 0);
      gtk_widget_add_css_class (self->intro, "rectify-banner");
      gtk_widget_add_css_class (self->intro, "dim-label");
      gtk_box_insert_child_after (GTK_BOX (content), self->intro,
                                  GTK_WIDGET (self->save_error_revealer));
    }
  if (self->intro != NULL)
    gtk_widget_set_visible (self->intro, first);
}

static void
on_search_changed (RectifyWindow *self)
{
  g_autofree char *term = NULL;
  g_autofree char *old = NULL;
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  if (self->found_cases == NULL)
    return;

  term = rectify_search_fold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  g_strstrip (term);
  if (*term == '\0')
    g_clear_pointer (&term, g_free);
  if (g_strcmp0 (term, self->search_term) == 0)
    return;

  old = g_steal_pointer (&self->search_term);
  self->search_term = g_steal_pointer (&term);

  if (self->search_term == NULL)
    gtk_filter_list_model_set_filter (self->found_cases, NULL);
  else if (old == NULL)
    gtk_filter_list_model_set_filter (self->found_cases, GTK_FILTER (self->search_filter));
  else
    {
      /* A longer term only takes cases away, a shorter one only adds. */
      if (strstr (self->search_term, old) != NULL)
        change = GTK_FILTER_CHANGE_MORE_STRICT;
      else if (strstr (old, self->search_term) != NULL)
        change = GTK_FILTER_CHANGE_LESS_STRICT;
      gtk_filter_changed (GTK_FILTER (self->search_filter), change);
    }

  update_list_placeholder (self);
  select_case_in_list (self);
}

/* Enter in the search opens the first case found. */
static void
on_search_activated (RectifyWindow *self)
{
  if (self->selection != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    on_case_activated (self, 0);
}

static void
on_search_mode_changed (RectifyWindow *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* win.search-cases (Ctrl+F): the case list, shown if folded away, with
 * the keyboard in its search. */
static void
search_cases_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RectifyWindow *self = RECTIFY_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, TRUE);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* win.show-help-overlay (Ctrl+?): the keyboard shortcuts. Built when first
 * asked for, not with every window as GTK does with gtk/help-overlay.ui:
 * building it (and its classes) takes about 25 ms, which came before the
 * first frame. Given to the window as its help overlay, so that it shows the
 * accelerators of the window's application. */
static void
show_shortcuts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);

  if (gtk_application_window_get_help_overlay (window) == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource (RESOURCE_BASE "/rectify-shortcuts-window.ui");

      gtk_application_window_set_help_overlay (
        window, GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
    }

  gtk_window_present (GTK_WINDOW (gtk_application_window_get_help_overlay (window)));
}

static void
on_case_activated (RectifyWindow *self,
                   guint          position)
{
  g_autoptr(RectifyCase) rcase = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (rcase != NULL)
    rectify_window_set_case (self, rcase);

  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

static void
setup_row (GtkListItemFactory *factory,
           GtkListItem        *item)
{
  gtk_list_item_set_child (item, GTK_WIDGET (rectify_case_row_new ()));
}

static void
bind_row (GtkListItemFactory *factory,
          GtkListItem        *item)
{
  rectify_case_row_set_case (RECTIFY_CASE_ROW (gtk_list_item_get_child (item)),
                             gtk_list_item_get_item (item));
}

static void
unbind_row (GtkListItemFactory *factory,
            GtkListItem        *item)
{
  rectify_case_row_set_case (RECTIFY_CASE_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
on_save_error_changed (RectifyWindow *self)
{
  const char *error = rectify_case_store_get_save_error (self->store);

  if (error != NULL)
    gtk_label_set_label (self->save_error_label, error);
  gtk_revealer_set_reveal_child (self->save_error_revealer, error != NULL);
}

static void
flush_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GApplication) app = user_data;

  rectify_case_store_flush_finish (RECTIFY_CASE_STORE (object), result, NULL);
  if (app != NULL)
    g_application_release (app);
}

/* The case to show first next time, read before the others: told when the
 * window closes, not at every switch (with the keyfile settings of a
 * sandbox, each change is a file written on this thread). A new case with
 * nothing in it leaves no case to read. */
static void
remember_case_shown (RectifyWindow *self)
{
  const char *reference = "";
  g_autofree char *old = NULL;

  /* A case typed into is written by the flush that follows. */
  if (self->rcase != NULL && (!rectify_case_is_blank (self->rcase) ||
                              rectify_case_store_is_written (self->store, self->rcase)))
    reference = rectify_case_get_reference (self->rcase);

  old = g_settings_get_string (self->settings, "last-case");
  if (g_strcmp0 (old, reference) != 0)
    g_settings_set_string (self->settings, "last-case", reference);
}

static gboolean
rectify_window_close_request (GtkWindow *window)
{
  RectifyWindow *self = RECTIFY_WINDOW (window);
  GApplication *app = G_APPLICATION (gtk_window_get_application (window));

  /* Everything typed goes to disk before the application may end. */
  if (self->store != NULL)
    {
      remember_case_shown (self);
      if (app != NULL)
        g_application_hold (app);
      rectify_case_store_flush_async (self->store, NULL, flush_cb,
                                      app ? g_object_ref (app) : NULL);
    }

  return GTK_WINDOW_CLASS (rectify_window_parent_class)->close_request (window);
}

static void
rectify_window_constructed (GObject *object)
{
  RectifyWindow *self = (RectifyWindow *)object;
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  G_OBJECT_CLASS (rectify_window_parent_class)->constructed (object);

  /* Without a store, the window shows step 1 until it is given a case;
   * with one, the case it opens decides which page is made. */
  if (self->store == NULL)
    {
      update_navigation (self);
      return;
    }

  self->shown_cases = rectify_growing_model_new (G_LIST_MODEL (self->store));
  /* Filtering 10,000 cases takes a few frames: done a slice at a time,
   * and only while there is a search (a filter-less model passes every
   * item through for nothing). */
  self->search_filter = gtk_custom_filter_new (case_matches_search, self, NULL);
  self->found_cases = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->shown_cases)),
                                                 NULL);
  gtk_filter_list_model_set_incremental (self->found_cases, TRUE);
  g_signal_connect_object (self->found_cases, "items-changed",
                           G_CALLBACK (update_list_placeholder), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->found_cases, "notify::pending",
                           G_CALLBACK (update_list_placeholder), self, G_CONNECT_SWAPPED);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->found_cases)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_list_view_set_factory (self->case_list, factory);
  /* A list view bound while thousands of cases arrive lays itself out
   * again at every frame (25 ms each with 10,000): it is bound once they
   * are all there (on_store_loaded), while the pages show the case read
   * ahead. */
  if (rectify_case_store_is_loaded (self->store))
    gtk_list_view_set_model (self->case_list, GTK_SELECTION_MODEL (self->selection));
  else
    self->loading_source = g_timeout_add (LOADING_NOTE_DELAY_MS, show_loading_note, self);

  g_signal_connect_object (self->store, "items-changed",
                           G_CALLBACK (on_store_items_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::save-error",
                           G_CALLBACK (on_save_error_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::loaded",
                           G_CALLBACK (on_store_loaded), self, G_CONNECT_SWAPPED);
  /* Once the case to show is settled. */
  g_signal_connect_object (self->store, "notify::loaded",
                           G_CALLBACK (update_list_placeholder), self, G_CONNECT_SWAPPED);
  on_save_error_changed (self);

  open_initial_case (self);
}

static void
rectify_window_dispose (GObject *object)
{
  RectifyWindow *self = (RectifyWindow *)object;

  /* Pages first, so they let go of the case before it is dropped. */
  for (guint i = 0; i < RECTIFY_N_STEPS; i++)
    if (self->pages[i] != NULL)
      rectify_page_set_case (self->pages[i], NULL);
  if (self->rcase != NULL)
    g_signal_handlers_disconnect_by_func (self->rcase, update_navigation, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), RECTIFY_TYPE_WINDOW);

  g_clear_handle_id (&self->grow_source, g_source_remove);
  g_clear_handle_id (&self->loading_source, g_source_remove);
  g_clear_handle_id (&self->toast_names_source, g_source_remove);
  g_clear_object (&self->selection);
  g_clear_object (&self->found_cases);
  g_clear_object (&self->search_filter);
  g_clear_pointer (&self->search_term, g_free);
  g_clear_object (&self->shown_cases);
  g_clear_object (&self->rcase);
  g_clear_object (&self->outbox);
  g_clear_object (&self->monitor);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rectify_window_parent_class)->dispose (object);
}

/* win.show-rejections: what the desk refused of the case shown, beside
 * its fields. */
static void
show_rejections_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RectifyWindow *self = RECTIFY_WINDOW (widget);
  GPtrArray *rejections;

  if (self->outbox == NULL || self->rcase == NULL)
    return;

  rejections = rectify_outbox_get_rejections (self->outbox, self->rcase);
  if (rejections != NULL && rejections->len > 0)
    rectify_window_show_rejections (self, rejections);
}

static void
rectify_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RectifyWindow *self = RECTIFY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CASE:
      g_value_set_object (value, self->rcase);
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_OUTBOX:
      g_value_set_object (value, self->outbox);
      break;

    case PROP_MONITOR:
      g_value_set_object (value, self->monitor);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rectify_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RectifyWindow *self = RECTIFY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CASE:
      rectify_window_set_case (self, g_value_get_object (value));
      break;

    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_OUTBOX:
      self->outbox = g_value_dup_object (value);
      break;

    case PROP_MONITOR:
      if (g_set_object (&self->monitor, g_value_get_object (value)))
        {
          for (guint i = 0; i < RECTIFY_N_STEPS; i++)
            if (self->pages[i] != NULL)
              give_page (self, self->pages[i]);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_entry_activated (RectifyWindow *self)
{
  /* Enter in a field is Next (which, on an incomplete page, shows what is
   * missing). */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.go-next", NULL);
}

static void
connect_entry_rows (RectifyWindow *self,
                    GtkWidget     *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_ENTRY_ROW (child))
        g_signal_connect_object (child, "entry-activated", G_CALLBACK (on_entry_activated),
                                 self, G_CONNECT_SWAPPED);
      else
        connect_entry_rows (self, child);
    }
}

/* The case list shows beside the flow when there is room, and over it on
 * demand when there is not. */
static void
on_folded_changed (RectifyWindow *self)
{
  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_folded (self->flap));
  update_list_placeholder (self);
}

static void
rectify_window_class_init (RectifyWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = rectify_window_constructed;
  widget_class->map = rectify_window_map;
  object_class->dispose = rectify_window_dispose;
  object_class->get_property = rectify_window_get_property;
  object_class->set_property = rectify_window_set_property;
  window_class->close_request = rectify_window_close_request;

  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL,
                         RECTIFY_TYPE_CASE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         RECTIFY_TYPE_CASE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_OUTBOX] =
    g_param_spec_object ("outbox", NULL, NULL,
                         RECTIFY_TYPE_OUTBOX,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* Reads the requests back for the follow-up; the application's. */
  properties[PROP_MONITOR] =
    g_param_spec_object ("monitor", NULL, NULL,
                         RECTIFY_TYPE_REQUEST_MONITOR,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rectify-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RectifyWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RectifyWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, RectifyWindow, case_list);
  gtk_widget_class_bind_template_child (widget_class, RectifyWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, RectifyWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RectifyWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, RectifyWindow, list_scroller);
  gtk_widget_class_bind_template_child (widget_class, RectifyWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, RectifyWindow, next_button);
  gtk_widget_class_bind_template_child (widget_class, RectifyWindow, step_progress);
  gtk_widget_class_bind_template_child (widget_class, RectifyWindow, save_error_revealer);
  gtk_widget_class_bind_template_child (widget_class, RectifyWindow, loading_label);
  gtk_widget_class_bind_template_child (widget_class, RectifyWindow, save_error_label);
  gtk_widget_class_bind_template_child (widget_class, RectifyWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, RectifyWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, RectifyWindow, primary_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_visible_page_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_case_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_search_mode_changed);

  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "win.go-next", NULL, go_next_action);
  gtk_widget_class_install_action (widget_class, "win.show-step", "i", show_step_action);
  gtk_widget_class_install_action (widget_class, "win.show-rejections", NULL,
                                   show_rejections_action);
  gtk_widget_class_install_action (widget_class, "win.new-case", NULL, new_case_action);
  gtk_widget_class_install_action (widget_class, "win.delete-case", NULL, delete_case_action);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", "s", undo_delete_action);
  gtk_widget_class_install_action (widget_class, "win.open-case", "s", open_case_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate-case", "s",
                                   duplicate_case_action);
  gtk_widget_class_install_action (widget_class, "win.delete-listed-case", "s",
                                   delete_listed_case_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.search-cases", NULL, search_cases_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_shortcuts_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.go-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "win.go-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-case", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search-cases", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close",
                                       NULL);
}

/* For the test that walks each step with Tab (tests/a11y/check-tab-walk.py):
 * GTK 4.8 tells AT-SPI nothing when the text of an entry row takes the
 * focus, so with RECTIFY_TEST_FOCUS_LOG set the window says on stdout what
 * has it: the title of the row it is in, as the row's field is named. Row
 * titles are labels, never what the owner typed. */
static void
log_focus (GtkWindow *window)
{
  GtkWidget *focus = gtk_window_get_focus (window);
  GtkWidget *row = focus ? gtk_widget_get_ancestor (focus, ADW_TYPE_PREFERENCES_ROW) : NULL;

  if (focus == NULL)
    return;

  g_print ("FOCUS %s\t%s\n", G_OBJECT_TYPE_NAME (focus),
           row ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) : "");
}

/* The main menu's popover, with a button for each item, is made the first
 * time it opens (7 M instructions the first frame need not wait for).
 * GTK asks again at each opening: the one made is kept. */
static void
create_primary_menu (GtkMenuButton *button,
                     gpointer       user_data)
{
  RectifyWindow *self = user_data;

  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, self->primary_menu);
}

static void
rectify_window_init (RectifyWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->primary_menu_button, create_primary_menu,
                                         self, NULL);

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  if (g_getenv ("RECTIFY_TEST_FOCUS_LOG") != NULL)
    g_signal_connect (self, "notify::focus-widget", G_CALLBACK (log_focus), NULL);

  self->settings = g_settings_new (SCHEMA_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_object (self->flap, "notify::folded", G_CALLBACK (on_folded_changed), self,
                           G_CONNECT_SWAPPED);
  /* The rows' menu from the keyboard. */
  {
    GtkEventController *keys = gtk_shortcut_controller_new ();
    GtkShortcutAction *popup = gtk_callback_action_new (popup_row_menu, NULL, NULL);

    gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (keys),
      gtk_shortcut_new (gtk_alternative_trigger_new (
                          gtk_keyval_trigger_new (GDK_KEY_F10, GDK_SHIFT_MASK),
                          gtk_keyval_trigger_new (GDK_KEY_Menu, 0)),
                        popup));
    gtk_widget_add_controller (GTK_WIDGET (self->case_list), keys);
  }

  /* Typing in the case list searches it. */
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar,
                                         gtk_widget_get_parent (GTK_WIDGET (self->search_bar)));
  on_folded_changed (self);
}

/**
 * rectify_window_new:
 * @application: the application
 * @store: (nullable): the cases to show, loaded
 * @outbox: (nullable): where Send goes
 *
 * Returns: (transfer none): a window showing the most recent unfinished case
 *   of @store, or a new one
 */
RectifyWindow *
rectify_window_new (GtkApplication   *application,
                    RectifyCaseStore *store,
                    RectifyOutbox    *outbox)
{
  return g_object_new (RECTIFY_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       "outbox", outbox,
                       NULL);
}

/* Where Send goes, or %NULL when this window cannot send. */
RectifyOutbox *
rectify_window_get_outbox (RectifyWindow *self)
{
  g_return_val_if_fail (RECTIFY_IS_WINDOW (self), NULL);

  return self->outbox;
}

/**
 * rectify_window_get_list_complete:
 * @self: a #RectifyWindow
 *
 * Returns: whether the case list shows every case: it is empty while the
 *   cases load, then fills in over a few frames
 */
gboolean
rectify_window_get_list_complete (RectifyWindow *self)
{
  g_return_val_if_fail (RECTIFY_IS_WINDOW (self), FALSE);

  return self->selection != NULL &&
         gtk_list_view_get_model (self->case_list) != NULL &&
         self->grow_source == 0;
}

RectifyCase *
rectify_window_get_case (RectifyWindow *self)
{
  g_return_val_if_fail (RECTIFY_IS_WINDOW (self), NULL);

  return self->rcase;
}

/**
 * rectify_window_set_case:
 * @self: a #RectifyWindow
 * @rcase: (nullable): the case to show
 *
 * Shows @rcase on the page the owner was last on, or the first one that is
 * not complete before it.
 */
void
rectify_window_set_case (RectifyWindow *self,
                         RectifyCase   *rcase)
{
  guint step;

  g_return_if_fail (RECTIFY_IS_WINDOW (self));
  g_return_if_fail (!rcase || RECTIFY_IS_CASE (rcase));

  if (self->rcase == rcase)
    return;

  /* Completeness and applicability are the case's: follow them. */
  if (self->rcase != NULL)
    g_signal_handlers_disconnect_by_func (self->rcase, update_navigation, self);
  g_set_object (&self->rcase, rcase);
  if (rcase != NULL)
    g_signal_connect_object (rcase, "notify", G_CALLBACK (update_navigation), self,
                             G_CONNECT_SWAPPED);

  self->switching = TRUE;

  for (guint i = 0; i < RECTIFY_N_STEPS; i++)
    if (self->pages[i] != NULL)
      rectify_page_set_case (self->pages[i], rcase);

  step = rcase ? rectify_case_get_current_step (rcase) : RECTIFY_STEP_IDENTIFY;
  while (step > 0 && !step_reachable (self, step))
    step--;
  go_to (self, step);

  self->switching = FALSE;

  if (self->selection != NULL)
    select_case_in_list (self);
  update_navigation (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE]);
}

RectifyPage *
rectify_window_get_visible_page (RectifyWindow *self)
{
  g_return_val_if_fail (RECTIFY_IS_WINDOW (self), NULL);

  return ensure_page (self, get_current_index (self));
}

static void
add_load_toast (RectifyWindow *self,
                const char    *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 0);
  add_toast (self, toast);
}

static char *
display_basename (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  return path != NULL ? g_filename_display_basename (path) : g_strdup ("?");
}

/**
 * rectify_window_report_load:
 * @self: a #RectifyWindow
 * @problems: (nullable) (element-type RectifyLoadProblem): what loading
 *   found wrong with case files
 * @error: (nullable): why the cases could not be read at all
 *
 * Tells the owner, once, what loading the cases found.
 */
void
rectify_window_report_load (RectifyWindow *self,
                            GPtrArray     *problems,
                            const char    *error)
{
  guint counts[RECTIFY_LOAD_PROBLEM_DUPLICATE + 1] = { 0, };

  g_return_if_fail (RECTIFY_IS_WINDOW (self));

  if (error != NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Your saved cases cannot be read: %s"), error);

      add_load_toast (self, title);
      return;
    }

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const RectifyLoadProblem *problem = g_ptr_array_index (problems, i);

      counts[problem->kind]++;

      /* Each pair by name: the owner may want the other copy back. */
      if (problem->kind == RECTIFY_LOAD_PROBLEM_DUPLICATE)
        {
          g_autofree char *kept = display_basename (problem->kept);
          g_autofree char *other = display_basename (problem->file);
          g_autofree char *title = NULL;

          /* Translators: both %s are file names */
          title = g_strdup_printf (_("“%s” and “%s” held the same case: the first was kept, "
                                     "the second set aside"), kept, other);
          add_load_toast (self, title);
        }
    }

  if (counts[RECTIFY_LOAD_PROBLEM_DAMAGED] > 0)
    {
      guint n = counts[RECTIFY_LOAD_PROBLEM_DAMAGED];
      g_autofree char *title = NULL;

      title = g_strdup_printf (ngettext ("%u saved case was damaged and has been set aside",
                                         "%u saved cases were damaged and have been set aside",
                                         n), n);
      add_load_toast (self, title);
    }

  if (counts[RECTIFY_LOAD_PROBLEM_TOO_LARGE] > 0)
    {
      guint n = counts[RECTIFY_LOAD_PROBLEM_TOO_LARGE];
      g_autofree char *title = NULL;

      title = g_strdup_printf (ngettext ("%u saved case file was too large to be a case and "
                                         "has been set aside unread",
                                         "%u saved case files were too large to be cases and "
                                         "have been set aside unread",
                                         n), n);
      add_load_toast (self, title);
    }

  if (counts[RECTIFY_LOAD_PROBLEM_UNREADABLE] > 0)
    {
      guint n = counts[RECTIFY_LOAD_PROBLEM_UNREADABLE];
      g_autofree char *title = NULL;

      title = g_strdup_printf (ngettext ("%u saved case could not be opened (check its "
                                         "permissions); it was left as it is and will be "
                                         "tried again next time",
                                         "%u saved cases could not be opened (check their "
                                         "permissions); they were left as they are and will "
                                         "be tried again next time",
                                         n), n);
      add_load_toast (self, title);
    }
}

/**
 * rectify_window_report_no_client:
 * @self: a #RectifyWindow
 * @reason: (nullable): why no help-desk client can be made (an address set
 *   outside Preferences, a token missing from the keyring…), or %NULL now
 *   that there is one
 *
 * Says why nothing can be sent, with a button to Preferences, until it is
 * dismissed or the reason changes: one such toast at a time.
 */
void
rectify_window_report_no_client (RectifyWindow *self,
                                 const char    *reason)
{
  g_autofree char *title = NULL;
  AdwToast *shown;
  AdwToast *toast;

  g_return_if_fail (RECTIFY_IS_WINDOW (self));

  shown = g_object_get_data (G_OBJECT (self), "rectify-no-client-toast");
  if (shown != NULL)
    adw_toast_dismiss (shown);
  g_object_set_data (G_OBJECT (self), "rectify-no-client-toast", NULL);
  if (reason == NULL)
    return;

  /* Translators: %s says why, as in "The help desk address is not valid." */
  title = g_strdup_printf (_("Cannot send: %s"), reason);
  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_button_label (toast, _("_Preferences"));
  adw_toast_set_action_name (toast, "app.preferences");
  g_object_set_data_full (G_OBJECT (self), "rectify-no-client-toast", g_object_ref (toast),
                          g_object_unref);
  add_toast (self, toast);
}

/* For toasts from the pages. */
void
rectify_window_add_toast (RectifyWindow *self,
                          AdwToast      *toast)
{
  g_return_if_fail (RECTIFY_IS_WINDOW (self));

  add_toast (self, toast);
}

/**
 * rectify_window_show_rejections:
 * @self: a #RectifyWindow
 * @rejections: (element-type RectifyDeskFieldError): what the help desk
 *   refused
 *
 * Shows each refusal under the field it concerns and takes the owner to
 * the details; refusals about no known field are said in a toast.
 */
void
rectify_window_show_rejections (RectifyWindow *self,
                                GPtrArray     *rejections)
{
  g_autoptr(GString) general = g_string_new (NULL);

  g_return_if_fail (RECTIFY_IS_WINDOW (self));
  g_return_if_fail (rejections != NULL);

  for (guint i = 0; i < rejections->len; i++)
    {
      RectifyDeskFieldError *rejection = g_ptr_array_index (rejections, i);
      const char *field = rectify_outbox_field_for_desk_field (rejection->field);
      g_autofree char *message = NULL;

      /* Translators: what the help desk said about a field, in its words */
      message = g_strdup_printf (_("The help desk did not accept this: %s"),
                                 rejection->description);
      if (field == NULL ||
          !rectify_details_page_reject (RECTIFY_DETAILS_PAGE (ensure_page (self, RECTIFY_STEP_DETAILS)),
                                        field, message))
        {
          if (general->len > 0)
            g_string_append (general, " ");
          g_string_append (general, rejection->description);
        }
    }

  if (general->len > 0)
    {
      g_autofree char *title = g_strdup_printf (_("The help desk did not accept the request: %s"),
                                                general->str);

      add_toast (self, adw_toast_new (title));
    }

  if (step_reachable (self, RECTIFY_STEP_DETAILS))
    go_to (self, RECTIFY_STEP_DETAILS);
}
