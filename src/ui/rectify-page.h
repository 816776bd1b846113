/* rectify-page.h: the base class of the four pages of the flow
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rectify-case.h"

G_BEGIN_DECLS

#define RECTIFY_TYPE_PAGE (rectify_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (RectifyPage, rectify_page, RECTIFY, PAGE, AdwBin)

struct _RectifyPageClass
{
  AdwBinClass parent_class;

  /* Called after the page was given another case (or none); @old_case is
   * the one it had before. Subclasses connect to the new case here. */
  void (*case_changed) (RectifyPage *self,
                        RectifyCase *old_case);

  /* Called after case_changed and whenever the case says it changed
   * (RectifyCase::changed), for pages that show what is derived from the
   * whole case. */
  void (*case_updated) (RectifyPage *self);

  /* Whether the step applies to @rcase; a class rule, so the window can
   * ask before the page exists. %NULL means always. */
  /* Called when the owner asks for Next (or Send) on an incomplete step:
   * show every problem and put the focus on the first. Returns whether
   * there was one to show. */
  gboolean (*show_problems) (RectifyPage *self);

  gboolean (*applies_to) (RectifyCase *rcase);
};

void         rectify_page_class_set_step    (RectifyPageClass *klass,
                                             RectifyStep       step);
RectifyStep  rectify_page_get_step          (RectifyPage      *self);
const char  *rectify_page_get_title         (RectifyPage      *self);
void         rectify_page_set_title         (RectifyPage      *self,
                                             const char       *title);
gboolean     rectify_page_get_complete      (RectifyPage      *self);
gboolean     rectify_page_show_problems     (RectifyPage      *self);
gboolean     rectify_page_get_applicable    (RectifyPage      *self);
void         rectify_page_set_applicable    (RectifyPage      *self,
                                             gboolean          applicable);
RectifyCase *rectify_page_get_case          (RectifyPage      *self);
void         rectify_page_set_case          (RectifyPage      *self,
                                             RectifyCase      *rcase);
void         rectify_page_add_toast         (RectifyPage      *self,
                                             AdwToast         *toast);
char        *rectify_page_dup_sent_on       (RectifyPage      *self);

void         rectify_page_describe_as_sent  (RectifyPage         *self,
                                             AdwPreferencesGroup *group);
gboolean     rectify_page_class_applies_to  (RectifyPageClass *klass,
                                             RectifyCase      *rcase);

G_END_DECLS
