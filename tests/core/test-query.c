/* test-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "clt-enum-types.h"
#include "clt-query.h"

static void
test_query_defaults (void)
{
  g_autoptr(CltQuery) query = clt_query_new ();

  g_assert_cmpstr (clt_query_get_search_text (query), ==, "");
  g_assert_cmpint (clt_query_get_status (query), ==, CLT_STATUS_FILTER_ANY);
  g_assert_cmpstr (clt_query_get_group (query), ==, "");
  g_assert_cmpstr (clt_query_get_site (query), ==, "");
  g_assert_cmpstr (clt_query_get_country (query), ==, "");
  g_assert_null (clt_query_get_registered_from (query));
  g_assert_null (clt_query_get_registered_until (query));
  g_assert_cmpint (clt_query_get_sort_key (query), ==, CLT_SORT_KEY_NUMBER);
  g_assert_cmpint (clt_query_get_sort_direction (query), ==, CLT_SORT_ASCENDING);
  g_assert_true (clt_query_is_unfiltered (query));
}

static CltQuery *
make_query (void)
{
  CltQuery *query = clt_query_new ();
  g_autoptr(GDateTime) from = g_date_time_new_utc (2024, 1, 1, 0, 0, 0);

  g_object_set (query,
                "search-text", "müller",
                "status", CLT_STATUS_FILTER_ON_HOLD,
                "group", "vip",
                "site", "de",
                "country", "DE",
                "registered-from", from,
                "sort-key", CLT_SORT_KEY_CITY,
                "sort-direction", CLT_SORT_DESCENDING,
                NULL);

  return query;
}

static void
test_query_copy_equal (void)
{
  g_autoptr(CltQuery) query = make_query ();
  g_autoptr(CltQuery) copy = clt_query_copy (query);
  g_autoptr(CltQuery) fresh = clt_query_new ();

  g_assert_true (copy != query);
  g_assert_true (clt_query_equal (query, copy));
  g_assert_true (clt_query_same_filter (query, copy));
  g_assert_cmpstr (clt_query_get_search_text (copy), ==, "müller");
  g_assert_cmpint (clt_query_get_sort_key (copy), ==, CLT_SORT_KEY_CITY);
  g_assert_cmpstr (clt_query_get_country (copy), ==, "DE");
  g_assert_false (clt_query_equal (query, fresh));
  g_assert_false (clt_query_same_filter (query, fresh));

  /* The copy is independent. */
  clt_query_set_group (copy, "b2b");
  g_assert_cmpstr (clt_query_get_group (query), ==, "vip");
  g_assert_false (clt_query_equal (query, copy));
  g_assert_false (clt_query_same_filter (query, copy));

  /* The company filter is copied, compared and counts as a filter. */
  clt_query_set_group (copy, "vip");
  clt_query_set_company (query, "acme");
  g_assert_false (clt_query_same_filter (query, copy));
  g_clear_object (&copy);
  copy = clt_query_copy (query);
  g_assert_cmpstr (clt_query_get_company (copy), ==, "acme");
  g_assert_true (clt_query_same_filter (query, copy));
  clt_query_set_company (fresh, "acme");
  g_assert_false (clt_query_is_unfiltered (fresh));
  clt_query_set_company (fresh, "");
  g_assert_true (clt_query_is_unfiltered (fresh));
}

static void
test_query_same_filter (void)
{
  g_autoptr(CltQuery) a = make_query ();
  g_autoptr(CltQuery) b = make_query ();
  g_autoptr(GDateTime) until = g_date_time_new_utc (2024, 6, 1, 0, 0, 0);

  /* The sort changes the order, not the rows. */
  clt_query_set_sort_key (b, CLT_SORT_KEY_EMAIL);
  g_assert_true (clt_query_same_filter (a, b));
  g_assert_false (clt_query_equal (a, b));
  clt_query_set_sort_key (b, CLT_SORT_KEY_CITY);
  g_assert_true (clt_query_equal (a, b));
  clt_query_set_sort_direction (b, CLT_SORT_ASCENDING);
  g_assert_true (clt_query_same_filter (a, b));
  g_assert_false (clt_query_equal (a, b));
  clt_query_set_sort_direction (b, CLT_SORT_DESCENDING);

  /* Each filter counts. */
  clt_query_set_registered_until (b, until);
  g_assert_false (clt_query_same_filter (a, b));
  clt_query_set_registered_until (b, NULL);
  g_assert_true (clt_query_same_filter (a, b));

  clt_query_set_status (b, CLT_STATUS_FILTER_ACTIVE);
  g_assert_false (clt_query_same_filter (a, b));
  clt_query_set_status (b, CLT_STATUS_FILTER_ON_HOLD);

  clt_query_set_search_text (b, "meier");
  g_assert_false (clt_query_same_filter (a, b));

  /* Blank search text is no search text. */
  clt_query_set_search_text (a, "   ");
  clt_query_set_search_text (b, NULL);
  g_assert_true (clt_query_same_filter (a, b));
  g_assert_true (clt_query_equal (a, b));
  g_assert_true (clt_query_equal (a, a));
}

static void
test_query_unfiltered (void)
{
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(GDateTime) from = g_date_time_new_utc (2024, 1, 1, 0, 0, 0);

  /* Sorting does not filter. */
  clt_query_set_sort_key (query, CLT_SORT_KEY_LAST_NAME);
  clt_query_set_sort_direction (query, CLT_SORT_DESCENDING);
  g_assert_true (clt_query_is_unfiltered (query));

  clt_query_set_search_text (query, " \t ");
  g_assert_true (clt_query_is_unfiltered (query));
  clt_query_set_search_text (query, "a");
  g_assert_false (clt_query_is_unfiltered (query));
  clt_query_set_search_text (query, "");

  clt_query_set_status (query, CLT_STATUS_FILTER_UNVERIFIED);
  g_assert_false (clt_query_is_unfiltered (query));
  clt_query_set_status (query, CLT_STATUS_FILTER_ANY);

  clt_query_set_country (query, "FR");
  g_assert_false (clt_query_is_unfiltered (query));
  clt_query_set_country (query, NULL);

  clt_query_set_registered_from (query, from);
  g_assert_false (clt_query_is_unfiltered (query));
  clt_query_set_registered_from (query, NULL);
  g_assert_true (clt_query_is_unfiltered (query));
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *n_notifies)
{
  (*n_notifies)++;
}

static void
test_query_notify (void)
{
  g_autoptr(CltQuery) query = clt_query_new ();
  guint n_notifies = 0;

  g_signal_connect (query, "notify::search-text", G_CALLBACK (on_notify_cb), &n_notifies);

  clt_query_set_search_text (query, "anna");
  clt_query_set_search_text (query, "anna");
  clt_query_set_search_text (query, "anne");
  g_assert_cmpuint (n_notifies, ==, 2);
}

typedef struct
{
  const char *input;
  const char *expected;
} FoldCase;

static void
test_fold_text (void)
{
  static const FoldCase cases[] = {
    { "Müller", "muller" },
    { "MÜLLER", "muller" },
    { "MULLER", "muller" },
    { "Straße", "strasse" },
    { "STRASSE", "strasse" },
    { "Łódź", "lodz" },
    { "  a   b ", "a b" },
    { "François", "francois" },
    { "Ærø", "aero" },
    { "Œuvre", "oeuvre" },
    { "Đorđe", "dorde" },
    { "Søren  Kierkegaard", "soren kierkegaard" },
    { "Ｍüｌｌｅｒ", "muller" },           /* full-width letters (NFKD) */
    { "u\xcc\x88" "ber", "uber" },         /* already decomposed */
    { "a\xc2\xa0" "b", "a b" },            /* no-break space */
    { "\t\n x \r\n", "x" },
    { "anna.mueller@example.org", "anna.mueller@example.org" },
    { "+49 (30) 123-456", "+49 (30) 123-456" },
    { "Ελληνικά", "ελληνικα" },
    { "\xc9\x90\xc9\x91 \xc9\xbf", "\xc9\x90\xc9\x91 \xc9\xbf" },  /* U+0250–U+027F: past the fast table */
    { "", "" },
    { "   ", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = clt_fold_text (cases[i].input);

      g_assert_cmpstr (folded, ==, cases[i].expected);
    }

  {
    g_autofree char *null_folded = clt_fold_text (NULL);

    g_assert_cmpstr (null_folded, ==, "");
  }
}

static void
test_fold_text_invalid (void)
{
  /* Invalid UTF-8 never crashes and always yields valid UTF-8. */
  static const char *inputs[] = {
    "M\xfcller",          /* Latin-1 ü */
    "\xff\xfe",
    "abc\xc3",            /* truncated sequence */
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *folded = clt_fold_text (inputs[i]);

      g_assert_nonnull (folded);
      g_assert_true (g_utf8_validate (folded, -1, NULL));
    }

  {
    g_autofree char *folded = clt_fold_text ("M\xfcller");

    g_assert_true (g_str_has_prefix (folded, "m"));
    g_assert_true (g_str_has_suffix (folded, "ller"));
  }
}

static void
test_fold_text_idempotent (void)
{
  static const char *inputs[] = { "Müller", "Straße", "  Łódź  X ", "Ærø", "plain ascii" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *once = clt_fold_text (inputs[i]);
      g_autofree char *twice = clt_fold_text (once);

      g_assert_cmpstr (once, ==, twice);
    }
}

/* Text of ASCII and Latin letters takes a table-driven fast path; a
 * combining mark anywhere sends the whole text down the full Unicode path.
 * A mark on the last ASCII letter is dropped by folding, so both spellings
 * must fold alike for every character the table covers. */
static void
test_fold_text_fast_path (void)
{
  for (gunichar c = 0x80; c <= 0x24F; c++)
    {
      char utf8[8] = { 0, };
      g_autofree char *fast_input = NULL;
      g_autofree char *slow_input = NULL;
      g_autofree char *fast = NULL;
      g_autofree char *slow = NULL;

      g_unichar_to_utf8 (c, utf8);
      fast_input = g_strdup_printf ("Xa%sb  Y%s", utf8, utf8);
      slow_input = g_strdup_printf ("Xa%sb\xcc\x81  Y%s", utf8, utf8);

      fast = clt_fold_text (fast_input);
      slow = clt_fold_text (slow_input);
      if (g_strcmp0 (fast, slow) != 0)
        g_error ("U+%04X: “%s” ≠ “%s”", c, fast, slow);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clt/query/defaults", test_query_defaults);
  g_test_add_func ("/clt/query/copy-equal", test_query_copy_equal);
  g_test_add_func ("/clt/query/same-filter", test_query_same_filter);
  g_test_add_func ("/clt/query/unfiltered", test_query_unfiltered);
  g_test_add_func ("/clt/query/notify", test_query_notify);
  g_test_add_func ("/clt/query/fold-text", test_fold_text);
  g_test_add_func ("/clt/query/fold-text-invalid", test_fold_text_invalid);
  g_test_add_func ("/clt/query/fold-text-idempotent", test_fold_text_idempotent);
  g_test_add_func ("/clt/query/fold-text-fast-path", test_fold_text_fast_path);

  return g_test_run ();
}
