/* rectify-case-printer.h: a case summary on paper or in a PDF file
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rectify-case.h"

G_BEGIN_DECLS

#define RECTIFY_TYPE_CASE_PRINTER (rectify_case_printer_get_type ())

G_DECLARE_FINAL_TYPE (RectifyCasePrinter, rectify_case_printer, RECTIFY, CASE_PRINTER, GtkPrintOperation)

RectifyCasePrinter *rectify_case_printer_new               (RectifyCase        *rcase,
                                                            const GDate        *today);
const char         *rectify_case_printer_get_text          (RectifyCasePrinter *self);
char               *rectify_case_printer_dup_pdf_name      (RectifyCasePrinter *self);
gboolean            rectify_case_printer_export_pdf        (RectifyCasePrinter *self,
                                                            GFile              *file,
                                                            GtkWindow          *parent,
                                                            GError            **error);

G_END_DECLS
