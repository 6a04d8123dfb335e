/* clt-import-report.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-import-report"

#include "config.h"

#include "clt-import-report.h"

typedef struct
{
  guint  row;
  char  *field;
  char  *message;
} Refusal;

struct _CltImportReport
{
  GObject  parent_instance;

  guint    n_imported;
  GArray  *refusals;
};

G_DEFINE_FINAL_TYPE (CltImportReport, clt_import_report, G_TYPE_OBJECT)

static void
refusal_clear (Refusal *refusal)
{
  g_clear_pointer (&refusal->field, g_free);
  g_clear_pointer (&refusal->message, g_free);
}

static void
clt_import_report_finalize (GObject *object)
{
  CltImportReport *self = (CltImportReport *) object;

  g_clear_pointer (&self->refusals, g_array_unref);

  G_OBJECT_CLASS (clt_import_report_parent_class)->finalize (object);
}

static void
clt_import_report_class_init (CltImportReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = clt_import_report_finalize;
}

static void
clt_import_report_init (CltImportReport *self)
{
  self->refusals = g_array_new (FALSE, TRUE, sizeof (Refusal));
  g_array_set_clear_func (self->refusals, (GDestroyNotify) refusal_clear);
}

CltImportReport *
clt_import_report_new (void)
{
  return g_object_new (CLT_TYPE_IMPORT_REPORT, NULL);
}

void
clt_import_report_add_imported (CltImportReport *self,
                                guint            n_rows)
{
  g_return_if_fail (CLT_IS_IMPORT_REPORT (self));

  self->n_imported += n_rows;
}

void
clt_import_report_add_refusal (CltImportReport *self,
                               guint            row,
                               const char      *field,
                               const char      *message)
{
  Refusal refusal;

  g_return_if_fail (CLT_IS_IMPORT_REPORT (self));
  g_return_if_fail (message != NULL);

  refusal.row = row;
  refusal.field = g_strdup (field != NULL ? field : "");
  refusal.message = g_strdup (message);
  g_array_append_val (self->refusals, refusal);
}

guint
clt_import_report_get_n_imported (CltImportReport *self)
{
  g_return_val_if_fail (CLT_IS_IMPORT_REPORT (self), 0);

  return self->n_imported;
}

guint
clt_import_report_get_n_refused (CltImportReport *self)
{
  g_return_val_if_fail (CLT_IS_IMPORT_REPORT (self), 0);

  return self->refusals->len;
}

guint
clt_import_report_get_refusal (CltImportReport  *self,
                               guint             i,
                               const char      **field,
                               const char      **message)
{
  const Refusal *refusal;

  g_return_val_if_fail (CLT_IS_IMPORT_REPORT (self), 0);
  g_return_val_if_fail (i < self->refusals->len, 0);

  refusal = &g_array_index (self->refusals, Refusal, i);
  if (field != NULL)
    *field = refusal->field;
  if (message != NULL)
    *message = refusal->message;
  return refusal->row;
}
