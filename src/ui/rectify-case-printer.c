/* rectify-case-printer.c: a case summary on paper or in a PDF file
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rectify-case-printer.h"
#include "rectify-case-summary.h"
#include "rectify-reference.h"

/* A print operation for one case: the summary text from the core, laid out
 * in one Pango layout as wide as the page and cut into pages between its
 * lines, with the case reference and the page number at the foot of each.
 * The text is fixed when the printer is made: what is printed is what the
 * case said then. */

#define BODY_FONT     "Sans 10"
#define FOOTER_FONT   "Sans 8"
#define TITLE_SCALE   1.4
#define FOOTER_MARGIN 12.0

struct _RectifyCasePrinter
{
  GtkPrintOperation  parent_instance;

  char              *reference;
  char              *title;
  char              *text;

  PangoLayout       *layout;
  GArray            *page_starts;    /* int: the first line of each page */
  double             footer_height;
};

G_DEFINE_FINAL_TYPE (RectifyCasePrinter, rectify_case_printer, GTK_TYPE_PRINT_OPERATION)

static PangoLayout *
new_footer_layout (GtkPrintContext *context,
                   const char      *text)
{
  PangoLayout *layout = gtk_print_context_create_pango_layout (context);
  PangoFontDescription *font = pango_font_description_from_string (FOOTER_FONT);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, gtk_print_context_get_width (context) * PANGO_SCALE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_MIDDLE);
  pango_layout_set_text (layout, text, -1);
  pango_font_description_free (font);

  return layout;
}

static void
rectify_case_printer_begin_print (GtkPrintOperation *operation,
                                  GtkPrintContext   *context)
{
  RectifyCasePrinter *self = RECTIFY_CASE_PRINTER (operation);
  g_autoptr(PangoLayout) footer = new_footer_layout (context, "0");
  PangoFontDescription *font = pango_font_description_from_string (BODY_FONT);
  PangoAttrList *attributes = pango_attr_list_new ();
  PangoAttribute *attribute;
  PangoLayoutIter *iter;
  double usable_height;
  double page_top = 0;
  int footer_height;
  int line = 0;
  int first = 0;

  pango_layout_get_pixel_size (footer, NULL, &footer_height);
  self->footer_height = footer_height + FOOTER_MARGIN;
  usable_height = gtk_print_context_get_height (context) - self->footer_height;

  g_clear_object (&self->layout);
  self->layout = gtk_print_context_create_pango_layout (context);
  pango_layout_set_font_description (self->layout, font);
  pango_layout_set_width (self->layout, gtk_print_context_get_width (context) * PANGO_SCALE);
  pango_layout_set_wrap (self->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (self->layout, self->text, -1);
  pango_font_description_free (font);

  /* The title line, with the case reference, stands out. */
  attribute = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
  attribute->start_index = 0;
  attribute->end_index = strlen (self->title);
  pango_attr_list_insert (attributes, attribute);
  attribute = pango_attr_scale_new (TITLE_SCALE);
  attribute->start_index = 0;
  attribute->end_index = strlen (self->title);
  pango_attr_list_insert (attributes, attribute);
  pango_layout_set_attributes (self->layout, attributes);
  pango_attr_list_unref (attributes);

  /* A new page at the first line that would not fit on this one. */
  g_array_set_size (self->page_starts, 0);
  g_array_append_val (self->page_starts, first);
  iter = pango_layout_get_iter (self->layout);
  do
    {
      PangoRectangle logical;
      double top, bottom;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      top = (double) logical.y / PANGO_SCALE;
      bottom = (double) (logical.y + logical.height) / PANGO_SCALE;

      if (bottom - page_top > usable_height && line > first)
        {
          first = line;
          page_top = top;
          g_array_append_val (self->page_starts, first);
        }
      line++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  gtk_print_operation_set_n_pages (operation, self->page_starts->len);
}

static void
rectify_case_printer_draw_page (GtkPrintOperation *operation,
                                GtkPrintContext   *context,
                                int                page_nr)
{
  RectifyCasePrinter *self = RECTIFY_CASE_PRINTER (operation);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  g_autoptr(PangoLayout) footer = NULL;
  g_autofree char *footer_text = NULL;
  PangoLayoutIter *iter;
  double page_top = 0;
  int first, end;

  g_return_if_fail (self->layout != NULL);
  g_return_if_fail (page_nr >= 0 && (guint) page_nr < self->page_starts->len);

  first = g_array_index (self->page_starts, int, page_nr);
  end = (guint) page_nr + 1 < self->page_starts->len
        ? g_array_index (self->page_starts, int, page_nr + 1)
        : G_MAXINT;

  cairo_set_source_rgb (cr, 0, 0, 0);

  iter = pango_layout_get_iter (self->layout);
  for (int line = 0; line < end; line++)
    {
      if (line >= first)
        {
          PangoRectangle logical;
          double baseline;

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
          if (line == first)
            page_top = (double) logical.y / PANGO_SCALE;

          cairo_move_to (cr, (double) logical.x / PANGO_SCALE, baseline - page_top);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }

      if (!pango_layout_iter_next_line (iter))
        break;
    }
  pango_layout_iter_free (iter);

  /* Translators: the foot of each printed page: the case reference, then
   * "Page 1 of 2" */
  footer_text = g_strdup_printf (_("Case %s · Page %d of %u"), self->reference, page_nr + 1,
                                 self->page_starts->len);
  footer = new_footer_layout (context, footer_text);
  cairo_move_to (cr, 0, gtk_print_context_get_height (context) - self->footer_height +
                 FOOTER_MARGIN);
  pango_cairo_show_layout (cr, footer);
}

static void
rectify_case_printer_end_print (GtkPrintOperation *operation,
                                GtkPrintContext   *context)
{
  RectifyCasePrinter *self = RECTIFY_CASE_PRINTER (operation);

  g_clear_object (&self->layout);
}

static void
rectify_case_printer_finalize (GObject *object)
{
  RectifyCasePrinter *self = (RectifyCasePrinter *)object;

  g_clear_object (&self->layout);
  g_clear_pointer (&self->page_starts, g_array_unref);
  g_free (self->reference);
  g_free (self->title);
  g_free (self->text);

  G_OBJECT_CLASS (rectify_case_printer_parent_class)->finalize (object);
}

static void
rectify_case_printer_class_init (RectifyCasePrinterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->finalize = rectify_case_printer_finalize;
  operation_class->begin_print = rectify_case_printer_begin_print;
  operation_class->draw_page = rectify_case_printer_draw_page;
  operation_class->end_print = rectify_case_printer_end_print;
}

static void
rectify_case_printer_init (RectifyCasePrinter *self)
{
  self->page_starts = g_array_new (FALSE, FALSE, sizeof (int));
}

/**
 * rectify_case_printer_new:
 * @rcase: the case to print
 * @today: the day amounts are computed for, and the summary is dated
 *
 * Returns: (transfer full): a print operation for @rcase's summary
 */
RectifyCasePrinter *
rectify_case_printer_new (RectifyCase *rcase,
                          const GDate *today)
{
  RectifyCasePrinter *self;

  g_return_val_if_fail (RECTIFY_IS_CASE (rcase), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  self = g_object_new (RECTIFY_TYPE_CASE_PRINTER, NULL);
  self->reference = rectify_reference_shorten (rectify_case_get_reference (rcase));
  self->title = rectify_case_summary_dup_title (rcase);
  self->text = rectify_case_summary_dup_text (rcase, today);

  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), self->title);
  gtk_print_operation_set_embed_page_setup (GTK_PRINT_OPERATION (self), TRUE);

  return self;
}

/* The text printed, from rectify_case_summary_dup_text(). */
const char *
rectify_case_printer_get_text (RectifyCasePrinter *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE_PRINTER (self), NULL);

  return self->text;
}

/* The file name offered when exporting. */
char *
rectify_case_printer_dup_pdf_name (RectifyCasePrinter *self)
{
  g_return_val_if_fail (RECTIFY_IS_CASE_PRINTER (self), NULL);

  /* Translators: the file name offered when exporting a case; keep .pdf */
  return g_strdup_printf (_("rectify-case-%s.pdf"), self->reference);
}

/**
 * rectify_case_printer_export_pdf:
 * @self: a #RectifyCasePrinter
 * @file: where to write the PDF, a local file
 * @parent: (nullable): the window it is done for
 * @error: return location for a #GError
 *
 * Writes the summary to @file as PDF, on the default page setup. This is
 * synchronous: GTK's export renders all pages at once (a page or two here).
 *
 * Returns: whether the file was written
 */
gboolean
rectify_case_printer_export_pdf (RectifyCasePrinter  *self,
                                 GFile               *file,
                                 GtkWindow           *parent,
                                 GError             **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (RECTIFY_IS_CASE_PRINTER (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("A PDF can only be saved to a folder on this computer."));
      return FALSE;
    }

  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (self), path);

  return gtk_print_operation_run (GTK_PRINT_OPERATION (self), GTK_PRINT_OPERATION_ACTION_EXPORT,
                                  parent, error) != GTK_PRINT_OPERATION_RESULT_ERROR;
}
