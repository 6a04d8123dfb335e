/* clt-sql-vardict.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An a{sv} written straight into GVariant's serialized normal form, for
 * the custom field values of a page of customers (both SQL stores). */
typedef struct
{
  guint8 *data;
  gsize   len;
  gsize   allocated;
  gsize  *ends;       /* where each entry ends */
  gsize   n_ends;
  gsize   ends_allocated;
} CltSqlVardict;

void      clt_sql_vardict_init  (CltSqlVardict *vardict);
void      clt_sql_vardict_clear (CltSqlVardict *vardict);
/* Adds { @key, <value> }: @value is @size bytes of a value of the
 * one-character @type: 's' (@size without the nul), 'd' or 'b'. */
void      clt_sql_vardict_add   (CltSqlVardict *vardict,
                                 const char    *key,
                                 char           type,
                                 gconstpointer  value,
                                 gsize          size);
/* The a{sv} added so far (floating); @vardict starts over empty. */
GVariant *clt_sql_vardict_end   (CltSqlVardict *vardict);

G_END_DECLS
