/* clt-import-report.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_IMPORT_REPORT (clt_import_report_get_type ())

G_DECLARE_FINAL_TYPE (CltImportReport, clt_import_report, CLT, IMPORT_REPORT, GObject)

/* What an import did: how many rows it added, and for each row it refused
 * (by its index in what was given) the field and the message, as
 * CltValidate or the store put them. */

CltImportReport *clt_import_report_new            (void);
void             clt_import_report_add_imported   (CltImportReport  *self,
                                                   guint             n_rows);
void             clt_import_report_add_refusal    (CltImportReport  *self,
                                                   guint             row,
                                                   const char       *field,
                                                   const char       *message);
guint            clt_import_report_get_n_imported (CltImportReport  *self);
guint            clt_import_report_get_n_refused  (CltImportReport  *self);
/* The @i-th refusal, in row order: returns its row, sets @field (nullable,
 * "" when the row as a whole was refused) and @message. */
guint            clt_import_report_get_refusal    (CltImportReport  *self,
                                                   guint             i,
                                                   const char      **field,
                                                   const char      **message);

G_END_DECLS
