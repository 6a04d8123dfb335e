/* test-sqlite-query-fields.c: the custom field values of
 * test-sqlite-query (a part of it, split off at 1,500 lines).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-sqlite-query"

#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "clt-customer.h"
#include "clt-custom-field.h"
#include "clt-sqlite-store.h"

#include "sqlite-store-util.h"
#include "sqlite-test-util.h"
#include "sqlite-write-util.h"
#include "test-sqlite-query-private.h"

/* Custom field values come back as the a{sv} GVariantBuilder makes, byte
 * for byte, in the fields' order: the store writes the serialized form
 * itself, with framing offsets of one, two and four bytes. Values of
 * fields that no longer exist (keys before, between and after the
 * others') are left out; a text is cut at a nul inside it, and one that
 * is not UTF-8 is empty. */
static void
assert_same_dict (GVariant *got,
                  GVariant *expected)
{
  g_autoptr(GVariant) untrusted = NULL;

  g_assert_nonnull (got);
  g_assert_true (g_variant_is_of_type (got, G_VARIANT_TYPE_VARDICT));
  g_assert_cmpuint (g_variant_get_size (got), ==, g_variant_get_size (expected));
  g_assert_cmpmem (g_variant_get_data (got), g_variant_get_size (got),
                   g_variant_get_data (expected), g_variant_get_size (expected));
  untrusted = g_variant_new_from_data (G_VARIANT_TYPE_VARDICT, g_variant_get_data (got),
                                       g_variant_get_size (got), FALSE, NULL, NULL);
  g_assert_true (g_variant_is_normal_form (untrusted));
  g_assert_true (g_variant_equal (got, expected));
}

void
test_custom_field_values (Fixture       *fixture,
                          gconstpointer  data)
{
  CltSqliteStore *store = store_with_people (fixture->path);
  g_autofree char *medium = g_strnfill (300, 'm');
  g_autofree char *huge = g_strnfill (70000, 'h');
  g_autofree char *sql = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GVariant) p1 = NULL;
  g_autoptr(GVariant) p2 = NULL;
  g_autoptr(GVariant) p4 = NULL;
  GVariantBuilder builder;
  guint n_checked = 0;

  sql = g_strdup_printf ("INSERT INTO custom_fields (key, label, type, position) VALUES"
                         " ('a_num', 'A', %d, 2), ('b_flag', 'B', %d, 1), ('c_text', 'C', %d, 0),"
                         " ('d_date', 'D', %d, 3), ('e_long', 'E', %d, 4);"
                         "INSERT INTO customer_field_values (customer_pk, field_key, value, sort_key)"
                         " SELECT pk, f, v, v FROM customers, (SELECT 'a_num' AS f, 12.5 AS v"
                         "   UNION ALL SELECT 'b_flag', 1 UNION ALL SELECT 'c_text', 'Grün'"
                         "   UNION ALL SELECT 'd_date', '2020-02-29'"
                         "   UNION ALL SELECT 'e_long', '%s') WHERE id = 'p1';"
                         "INSERT INTO customer_field_values (customer_pk, field_key, value, sort_key)"
                         " SELECT pk, f, v, v FROM customers, (SELECT 'b_flag' AS f, 0 AS v"
                         "   UNION ALL SELECT 'a_num', -3 UNION ALL SELECT 'b_gone', 'x'"
                         "   UNION ALL SELECT 'a_gone', 2 UNION ALL SELECT 'c_zz_gone', 'y'"
                         "   UNION ALL SELECT 'zz_gone', 7"
                         "   UNION ALL SELECT 'c_text', CAST (X'61620063' AS TEXT)) WHERE id = 'p2';"
                         "INSERT INTO customer_field_values (customer_pk, field_key, value, sort_key)"
                         " SELECT pk, 'c_text', CAST (X'ff61' AS TEXT), 'a' FROM customers WHERE id = 'p4';"
                         "INSERT INTO customer_field_values (customer_pk, field_key, value, sort_key)"
                         " SELECT pk, 'e_long', '%s', 'h' FROM customers WHERE id = 'p4';",
                         CLT_CUSTOM_FIELD_NUMBER, CLT_CUSTOM_FIELD_BOOLEAN, CLT_CUSTOM_FIELD_STRING,
                         CLT_CUSTOM_FIELD_DATE, CLT_CUSTOM_FIELD_STRING, medium, huge);
  exec_on_file (fixture->path, sql);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "c_text", g_variant_new_string ("Grün"));
  g_variant_builder_add (&builder, "{sv}", "b_flag", g_variant_new_boolean (TRUE));
  g_variant_builder_add (&builder, "{sv}", "a_num", g_variant_new_double (12.5));
  g_variant_builder_add (&builder, "{sv}", "d_date", g_variant_new_string ("2020-02-29"));
  g_variant_builder_add (&builder, "{sv}", "e_long", g_variant_new_string (medium));
  p1 = g_variant_ref_sink (g_variant_builder_end (&builder));
  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "c_text", g_variant_new_string ("ab"));
  g_variant_builder_add (&builder, "{sv}", "b_flag", g_variant_new_boolean (FALSE));
  g_variant_builder_add (&builder, "{sv}", "a_num", g_variant_new_double (-3));
  p2 = g_variant_ref_sink (g_variant_builder_end (&builder));
  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "c_text", g_variant_new_string (""));
  g_variant_builder_add (&builder, "{sv}", "e_long", g_variant_new_string (huge));
  p4 = g_variant_ref_sink (g_variant_builder_end (&builder));
  g_assert_cmpuint (g_variant_get_size (p1), >, G_MAXUINT8);
  g_assert_cmpuint (g_variant_get_size (p4), >, G_MAXUINT16);

  rows = list (store, NULL, 0, 100);
  for (guint i = 0; i < rows->len; i++)
    {
      CltCustomer *customer = g_ptr_array_index (rows, i);
      const char *id = clt_customer_get_id (customer);
      GVariant *values = clt_customer_get_custom_fields (customer);

      if (g_str_equal (id, "p1"))
        assert_same_dict (values, p1);
      else if (g_str_equal (id, "p2"))
        assert_same_dict (values, p2);
      else if (g_str_equal (id, "p4"))
        assert_same_dict (values, p4);
      else
        {
          g_assert_true (values == NULL || g_variant_n_children (values) == 0);
          continue;
        }
      n_checked++;
    }
  g_assert_cmpuint (n_checked, ==, 3);

  close_store (store);
}

/* What customer_field_values holds for the customer @id, read with plain
 * SQL and built with GVariantBuilder in the fields' order (position,
 * key): numbers as doubles, yes/no as booleans, every other type as its
 * text (up to a nul inside, empty when not UTF-8); values of fields that
 * no longer exist are left out. NULL when nothing is left. */
static GVariant *
read_values_sql (const char *path,
                 const char *id)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GVariantBuilder builder;
  guint n = 0;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT f.key, f.type, v.value"
                                       " FROM customers c"
                                       " JOIN customer_field_values v ON v.customer_pk = c.pk"
                                       " JOIN custom_fields f ON f.key = v.field_key"
                                       " WHERE c.id = ? ORDER BY f.position, f.key",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      GVariant *value;

      switch (sqlite3_column_int (stmt, 1))
        {
        case CLT_CUSTOM_FIELD_NUMBER:
          value = g_variant_new_double (sqlite3_column_double (stmt, 2));
          break;

        case CLT_CUSTOM_FIELD_BOOLEAN:
          value = g_variant_new_boolean (sqlite3_column_int (stmt, 2) != 0);
          break;

        default:
          {
            const char *text = (const char *) sqlite3_column_text (stmt, 2);

            value = g_variant_new_string (text != NULL && g_utf8_validate (text, -1, NULL)
                                          ? text : "");
          }
          break;
        }
      g_variant_builder_add (&builder, "{sv}", key, value);
      n++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  if (n == 0)
    {
      g_variant_builder_clear (&builder);
      return NULL;
    }
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

static void
assert_values_as_sql (GVariant *got,
                      GVariant *expected)
{
  if (expected == NULL)
    g_assert_true (got == NULL || g_variant_n_children (got) == 0);
  else
    assert_same_dict (got, expected);
}

/* Every customer of every list page carries the custom field values a
 * plain SQL read of customer_field_values gives, byte for byte, and the
 * same as get_customer () gives: all five field types, fields in an
 * order other than their keys', customers without values, with only
 * values of a deleted field, and a dictionary with four-byte offsets
 * followed on its page by small ones (the page's buffers are reused from
 * customer to customer). Pages of 1, 2, 3 and 100. */
void
test_custom_field_values_pages (Fixture       *fixture,
                                gconstpointer  data)
{
  CltSqliteStore *store = store_with_people (fixture->path);
  g_autofree char *huge = g_strnfill (70000, 'h');
  g_autofree char *medium = g_strnfill (300, 'm');
  g_autofree char *sql = NULL;
  static const guint page_sizes[] = { 1, 2, 3, 100 };
  guint n_with_values = 0;

  sql = g_strdup_printf ("INSERT INTO custom_fields (key, label, type, position, choices) VALUES"
                         " ('tier', 'Tier', %d, 0, 'Gold\nSilver'), ('score', 'Score', %d, 4, ''),"
                         " ('member', 'Member', %d, 2, ''), ('joined', 'Joined', %d, 1, ''),"
                         " ('code', 'Code', %d, 3, '');"
                         "INSERT INTO customer_field_values (customer_pk, field_key, value, sort_key)"
                         " SELECT c.pk, v.f, v.v, v.v FROM customers c JOIN (SELECT 'p1' AS id,"
                         "   'tier' AS f, 'Gold' AS v UNION ALL SELECT 'p1', 'score', 12.25"
                         "   UNION ALL SELECT 'p1', 'member', 1 UNION ALL SELECT 'p1', 'joined', '2001-05-17'"
                         "   UNION ALL SELECT 'p1', 'code', 'Grün'"
                         "   UNION ALL SELECT 'p2', 'code', '%s' UNION ALL SELECT 'p2', 'member', 0"
                         "   UNION ALL SELECT 'p2', 'score', 7"
                         "   UNION ALL SELECT 'p4', 'gone', 'x'"
                         "   UNION ALL SELECT 'p5', 'aa_gone', 3 UNION ALL SELECT 'p5', 'score', -0.5"
                         "   UNION ALL SELECT 'p5', 'tier', 'Silver' UNION ALL SELECT 'p5', 'zz_gone', 'y'"
                         "   UNION ALL SELECT 'p6', 'code', '%s' UNION ALL SELECT 'p6', 'joined', ''"
                         "   UNION ALL SELECT 'p7', 'member', 1) v ON v.id = c.id;",
                         CLT_CUSTOM_FIELD_CHOICE, CLT_CUSTOM_FIELD_NUMBER, CLT_CUSTOM_FIELD_BOOLEAN,
                         CLT_CUSTOM_FIELD_DATE, CLT_CUSTOM_FIELD_STRING, huge, medium);
  exec_on_file (fixture->path, sql);

  for (guint s = 0; s < G_N_ELEMENTS (page_sizes); s++)
    for (guint offset = 0; offset < 7; offset += page_sizes[s])
      {
        g_autoptr(GPtrArray) rows = list (store, NULL, offset, page_sizes[s]);

        g_assert_cmpuint (rows->len, ==, MIN (page_sizes[s], 7 - offset));
        for (guint i = 0; i < rows->len; i++)
          {
            CltCustomer *customer = g_ptr_array_index (rows, i);
            const char *id = clt_customer_get_id (customer);
            g_autoptr(GVariant) expected = read_values_sql (fixture->path, id);
            g_autoptr(CltCustomer) got = NULL;
            g_autoptr(GError) error = NULL;

            assert_values_as_sql (clt_customer_get_custom_fields (customer), expected);
            got = get (CLT_STORE (store), id, &error);
            g_assert_no_error (error);
            assert_values_as_sql (clt_customer_get_custom_fields (got), expected);
            if (expected != NULL)
              n_with_values++;
          }
      }
  /* p1, p2, p5, p6 and p7 on each of the four page sizes. */
  g_assert_cmpuint (n_with_values, ==, 5 * G_N_ELEMENTS (page_sizes));

  close_store (store);
}
